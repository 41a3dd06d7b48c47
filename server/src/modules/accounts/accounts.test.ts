import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../test/app.js';
import {
  createUser,
  login,
  sessionCookieOf,
  signedIn,
  uniquePhone,
  TEST_PASSWORD,
} from '../../../test/factories.js';
import { LOCK_AFTER, THROTTLE_AFTER, loginDelaySeconds, temporaryPassword } from './accounts.service.js';
import { checkPassword } from '@jiuye/shared';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.close();
});

const json = (body: string) => JSON.parse(body) as Record<string, unknown>;

describe('registration and sessions', () => {
  it('registers a seeker, signs them in and answers /me with a masked phone', async () => {
    const phone = uniquePhone();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: {
        role: 'seeker',
        phone: `+86 ${phone.slice(0, 3)}-${phone.slice(3)}`,
        password: 'Gangkou2020',
        displayName: '黄志强',
      },
    });
    expect(res.statusCode).toBe(201);
    const me = json(res.body);
    expect(me.role).toBe('seeker');
    expect(me.phone).toBe(`${phone.slice(0, 3)}****${phone.slice(7)}`);
    const cookie = sessionCookieOf(res);
    const meRes = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
    expect(meRes.statusCode).toBe(200);
    expect(json(meRes.body).id).toBe(me.id);
    const audit = await t.db
      .selectFrom('auditLog')
      .select(['action', 'actorRole'])
      .where('entityId', '=', String(me.id))
      .execute();
    expect(audit.map((a) => a.action)).toContain('account.register');
  });

  it('sets an HttpOnly, SameSite=Lax session cookie, Secure only over HTTPS', async () => {
    const u = await createUser(t.db, { role: 'seeker' });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { phone: u.phone, password: u.password },
    });
    const c = res.cookies.find((x) => x.name === 'jiuye_sid');
    expect(c?.httpOnly).toBe(true);
    expect(c?.sameSite).toBe('Lax');
    expect(c?.path).toBe('/');
    expect(c?.secure).toBeFalsy();
    expect(c?.value.length).toBeGreaterThanOrEqual(40);

    const behindProxy = await testApp({ JIUYE_TRUST_PROXY: 'true' });
    try {
      const r2 = await behindProxy.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'x-forwarded-proto': 'https' },
        payload: { phone: u.phone, password: u.password },
      });
      expect(r2.statusCode).toBe(200);
      expect(r2.cookies.find((x) => x.name === 'jiuye_sid')?.secure).toBe(true);
    } finally {
      await behindProxy.close();
    }
  });

  it('refuses a phone that is already registered with 409 naming the phone field', async () => {
    const u = await createUser(t.db, { role: 'seeker' });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { role: 'employer', phone: u.phone, password: 'Gangkou2020', displayName: 'x' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(json(res.body).errors).toEqual([expect.objectContaining({ path: 'phone', code: 'phone_taken' })]);
  });

  it('cannot self-register as staff or admin', async () => {
    for (const role of ['staff', 'admin']) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/register',
        payload: { role, phone: uniquePhone(), password: 'Gangkou2020', displayName: 'x' },
      });
      expect(res.statusCode).toBe(400);
      expect(json(res.body).errors).toEqual([expect.objectContaining({ path: 'role' })]);
    }
  });

  it('applies the password policy with field errors in Chinese and English', async () => {
    const zh = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { role: 'seeker', phone: uniquePhone(), password: '12345678', displayName: 'x' },
    });
    expect(zh.statusCode).toBe(400);
    const zhErr = (json(zh.body).errors as { path: string; code: string; message: string }[])[0];
    expect(zhErr).toMatchObject({ path: 'password', code: 'password_too_weak' });
    expect(zhErr?.message).toMatch(/[\u4e00-\u9fff]/);
    const en = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      headers: { 'accept-language': 'en-US,en;q=0.9' },
      payload: { role: 'seeker', phone: uniquePhone(), password: '12345678', displayName: 'x' },
    });
    expect((json(en.body).errors as { message: string }[])[0]?.message).toBe(
      'The password needs both letters and digits',
    );
    expect(json(en.body).title).toBe('Some fields are invalid');
  });

  it('logout ends the session on the server: the old cookie no longer works', async () => {
    const { cookie } = await signedIn(t.app, t.db, 'seeker');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(
      200,
    );
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } });
    expect(out.statusCode).toBe(204);
    expect(out.cookies.find((c) => c.name === 'jiuye_sid')?.value).toBe('');
    const after = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
    expect(after.statusCode).toBe(401);
    expect(json(after.body).code).toBe('unauthenticated');
  });

  it('expires an idle session and an old one', async () => {
    const idle = await signedIn(t.app, t.db, 'employer');
    t.clock.advance((t.deps.config.JIUYE_SESSION_IDLE_MINUTES + 1) * 60_000);
    try {
      expect(
        (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: idle.headers })).statusCode,
      ).toBe(401);
    } finally {
      t.clock.advance(-(t.deps.config.JIUYE_SESSION_IDLE_MINUTES + 1) * 60_000);
    }
    const active = await signedIn(t.app, t.db, 'employer');
    // Active every 10 minutes, it still ends at the absolute limit.
    const steps = (t.deps.config.JIUYE_SESSION_ABSOLUTE_HOURS * 60) / 10;
    let status = 200;
    let moved = 0;
    for (let i = 0; i < steps + 1 && status === 200; i++) {
      t.clock.advance(10 * 60_000);
      moved += 10 * 60_000;
      status = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: active.headers })).statusCode;
    }
    t.clock.advance(-moved);
    expect(status).toBe(401);
    expect(moved).toBeGreaterThanOrEqual(t.deps.config.JIUYE_SESSION_ABSOLUTE_HOURS * 3600_000);
  });

  it('stops every session of a disabled user at once, and refuses their login', async () => {
    const admin = await signedIn(t.app, t.db, 'admin');
    const victim = await signedIn(t.app, t.db, 'staff');
    const second = await login(t.app, victim.user.phone);
    const dis = await t.app.inject({
      method: 'POST',
      url: `/api/v1/admin/users/${victim.user.id}/disable`,
      headers: admin.headers,
    });
    expect(dis.statusCode).toBe(200);
    expect(json(dis.body).status).toBe('disabled');
    for (const cookie of [victim.cookie, second]) {
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(
        401,
      );
    }
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { phone: victim.user.phone, password: TEST_PASSWORD },
    });
    expect(again.statusCode).toBe(403);
    expect(json(again.body).code).toBe('account_disabled');
    const en = await t.app.inject({
      method: 'POST',
      url: `/api/v1/admin/users/${victim.user.id}/enable`,
      headers: admin.headers,
    });
    expect(json(en.body).status).toBe('active');
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { phone: victim.user.phone, password: TEST_PASSWORD },
        })
      ).statusCode,
    ).toBe(200);
  });

  it('changing the password ends the other sessions but keeps this one', async () => {
    const a = await signedIn(t.app, t.db, 'seeker');
    const other = await login(t.app, a.user.phone);
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/password',
      headers: a.headers,
      payload: { currentPassword: 'nope12345', newPassword: 'Xinmima2021' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(json(wrong.body).errors).toEqual([
      expect.objectContaining({ path: 'currentPassword', code: 'wrong_password' }),
    ]);
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/password',
      headers: a.headers,
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'Xinmima2021' },
    });
    expect(ok.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: a.headers })).statusCode).toBe(
      200,
    );
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: other } })).statusCode,
    ).toBe(401);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { phone: a.user.phone, password: 'Xinmima2021' },
        })
      ).statusCode,
    ).toBe(200);
  });
});

describe('login throttling', () => {
  it('grows the delay after repeated wrong passwords: even the right one waits', async () => {
    const u = await createUser(t.db, { role: 'seeker' });
    const attempt = (password: string) =>
      t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { phone: u.phone, password } });
    for (let i = 0; i < THROTTLE_AFTER; i++) {
      const r = await attempt('wrongpass1');
      expect(r.statusCode).toBe(401);
      expect(json(r.body).code).toBe('invalid_credentials');
    }
    const throttled = await attempt(TEST_PASSWORD);
    expect(throttled.statusCode).toBe(429);
    expect(json(throttled.body).code).toBe('login_throttled');
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    t.clock.advance(loginDelaySeconds(THROTTLE_AFTER) * 1000 + 10);
    try {
      expect((await attempt(TEST_PASSWORD)).statusCode).toBe(200);
    } finally {
      t.clock.advance(-(loginDelaySeconds(THROTTLE_AFTER) * 1000 + 10));
    }
  });

  it('locks the account after many failures; an admin can unlock it', async () => {
    const u = await createUser(t.db, { role: 'employer' });
    let moved = 0;
    let last = 0;
    for (let i = 0; i < LOCK_AFTER; i++) {
      const step = loginDelaySeconds(i) * 1000 + 10;
      t.clock.advance(step);
      moved += step;
      last = (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { phone: u.phone, password: 'wrongpass1' },
        })
      ).statusCode;
    }
    expect(last).toBe(423);
    t.clock.advance(120_000);
    moved += 120_000;
    const locked = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { phone: u.phone, password: TEST_PASSWORD },
    });
    t.clock.advance(-moved);
    expect(locked.statusCode).toBe(423);
    expect(json(locked.body).code).toBe('account_locked');
    const admin = await signedIn(t.app, t.db, 'admin');
    await t.app.inject({ method: 'POST', url: `/api/v1/admin/users/${u.id}/enable`, headers: admin.headers });
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { phone: u.phone, password: TEST_PASSWORD },
        })
      ).statusCode,
    ).toBe(200);
  });

  it('answers an unknown phone exactly like a wrong password', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { phone: uniquePhone(), password: 'whatever1' },
    });
    expect(r.statusCode).toBe(401);
    expect(json(r.body).code).toBe('invalid_credentials');
  });

  it('rate-limits the auth routes per address', async () => {
    const limited = await testApp({ JIUYE_AUTH_RATE_PER_MINUTE: '3' });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) {
        const r = await limited.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          remoteAddress: '10.9.8.7',
          payload: { phone: uniquePhone(), password: 'whatever1' },
        });
        codes.push(r.statusCode);
        if (r.statusCode === 429) {
          expect(json(r.body).code).toBe('rate_limited');
          expect(r.headers['content-type']).toContain('application/problem+json');
        }
      }
      expect(codes).toEqual([401, 401, 401, 429, 429]);
    } finally {
      await limited.close();
    }
  });

  it('loginDelaySeconds grows and is capped', () => {
    expect(loginDelaySeconds(0)).toBe(0);
    expect(loginDelaySeconds(THROTTLE_AFTER)).toBe(1);
    expect(loginDelaySeconds(THROTTLE_AFTER + 1)).toBe(2);
    expect(loginDelaySeconds(100)).toBe(60);
  });
});

describe('admin user management', () => {
  it('creates a staff user scoped to districts; they must change the password first', async () => {
    const admin = await signedIn(t.app, t.db, 'admin');
    const phone = uniquePhone();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/users',
      headers: admin.headers,
      payload: {
        role: 'staff',
        phone,
        password: 'Xiashan2020',
        displayName: '霞山区 林科长',
        districtCodes: ['440803'],
      },
    });
    expect(res.statusCode).toBe(201);
    expect(json(res.body)).toMatchObject({
      role: 'staff',
      districtCodes: ['440803'],
      mustChangePassword: true,
      status: 'active',
    });
    const cookie = await login(t.app, phone, 'Xiashan2020');
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
    expect(json(me.body).mustChangePassword).toBe(true);
    const blocked = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: { cookie },
      payload: { displayName: 'x' },
    });
    expect(blocked.statusCode).toBe(403);
    expect(json(blocked.body).code).toBe('password_change_required');
    const changed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/password',
      headers: { cookie },
      payload: { currentPassword: 'Xiashan2020', newPassword: 'Xiashan2021x' },
    });
    expect(changed.statusCode).toBe(204);
    expect(
      (
        await t.app.inject({
          method: 'PATCH',
          url: '/api/v1/me',
          headers: { cookie },
          payload: { displayName: '林科长' },
        })
      ).statusCode,
    ).toBe(200);
    const audit = await t.db
      .selectFrom('auditLog')
      .select('actorUserId')
      .where('action', '=', 'admin.user_create')
      .where('entityId', '=', String(json(res.body).id))
      .executeTakeFirst();
    expect(audit?.actorUserId).toBe(admin.user.id);
  });

  it('refuses staff without districts and unknown district codes, naming the field', async () => {
    const admin = await signedIn(t.app, t.db, 'admin');
    const none = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/users',
      headers: admin.headers,
      payload: {
        role: 'staff',
        phone: uniquePhone(),
        password: 'Xiashan2020',
        displayName: 'x',
        districtCodes: [],
      },
    });
    expect(none.statusCode).toBe(400);
    expect(json(none.body).errors).toEqual([expect.objectContaining({ path: 'districtCodes' })]);
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/users',
      headers: admin.headers,
      payload: {
        role: 'staff',
        phone: uniquePhone(),
        password: 'Xiashan2020',
        displayName: 'x',
        districtCodes: ['440803', '449999'],
      },
    });
    expect(unknown.statusCode).toBe(400);
    expect(json(unknown.body).errors).toEqual([
      expect.objectContaining({ path: 'districtCodes.1', code: 'unknown_region' }),
    ]);
  });

  it('replays an Idempotency-Key and refuses it for another body', async () => {
    const admin = await signedIn(t.app, t.db, 'admin');
    const key = `create-staff-${uniquePhone()}`;
    const body = {
      role: 'staff',
      phone: uniquePhone(),
      password: 'Xiashan2020',
      displayName: '幂等',
      districtCodes: ['440802'],
    };
    const first = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/users',
      headers: { ...admin.headers, 'idempotency-key': key },
      payload: body,
    });
    const second = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/users',
      headers: { ...admin.headers, 'idempotency-key': key },
      payload: body,
    });
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(json(second.body).id).toBe(json(first.body).id);
    const other = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/users',
      headers: { ...admin.headers, 'idempotency-key': key },
      payload: { ...body, displayName: '别的' },
    });
    expect(other.statusCode).toBe(409);
    expect(json(other.body).code).toBe('idempotency_conflict');
  });

  it('resets a password: old sessions end, the temporary one must be changed', async () => {
    const admin = await signedIn(t.app, t.db, 'admin');
    const u = await signedIn(t.app, t.db, 'employer');
    const r = await t.app.inject({
      method: 'POST',
      url: `/api/v1/admin/users/${u.user.id}/reset-password`,
      headers: admin.headers,
    });
    expect(r.statusCode).toBe(200);
    const tmp = String(json(r.body).temporaryPassword);
    expect(checkPassword(tmp)).toBeNull();
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: u.headers })).statusCode).toBe(
      401,
    );
    const cookie = await login(t.app, u.user.phone, tmp);
    expect(
      json((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } })).body)
        .mustChangePassword,
    ).toBe(true);
  });

  it('lists users with filters and pagination', async () => {
    const admin = await signedIn(t.app, t.db, 'admin');
    await createUser(t.db, { role: 'college', displayName: '湛江技师学院列表测试' });
    const r = await t.app.inject({
      method: 'GET',
      url: '/api/v1/admin/users?role=college&q=技师学院列表&pageSize=5',
      headers: admin.headers,
    });
    expect(r.statusCode).toBe(200);
    const page = json(r.body) as {
      items: { role: string; phone: string }[];
      total: number;
      pageSize: number;
    };
    expect(page.pageSize).toBe(5);
    expect(page.total).toBeGreaterThanOrEqual(1);
    expect(page.items.every((i) => i.role === 'college' && i.phone.includes('****'))).toBe(true);
    const bad = await t.app.inject({
      method: 'GET',
      url: '/api/v1/admin/users?pageSize=1000&role=boss',
      headers: admin.headers,
    });
    expect(bad.statusCode).toBe(400);
    const paths = (json(bad.body).errors as { path: string }[]).map((e) => e.path).sort();
    expect(paths).toEqual(['pageSize', 'role']);
  });

  it('temporary passwords always meet the policy', () => {
    for (let i = 0; i < 200; i++) expect(checkPassword(temporaryPassword())).toBeNull();
  });
});

describe('API tokens', () => {
  it('issues a scoped token shown once, stored hashed, usable as Bearer, and revocable', async () => {
    const admin = await signedIn(t.app, t.db, 'admin');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/api-tokens',
      headers: admin.headers,
      payload: { name: '廉江市人社系统', scopes: ['reference:read'] },
    });
    expect(created.statusCode).toBe(201);
    const { id, token } = json(created.body) as { id: string; token: string };
    expect(token).toMatch(/^jy_/);
    const stored = await t.db
      .selectFrom('apiTokens')
      .select('tokenHash')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(stored.tokenHash.toString('utf8')).not.toContain(token);
    const auth = { authorization: `Bearer ${token}` };
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/reference/industries', headers: auth })).statusCode,
    ).toBe(200);
    // A token is not a user: no account routes, no admin routes.
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/admin/users', headers: auth })).statusCode,
    ).toBe(403);
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/admin/api-tokens',
      headers: admin.headers,
    });
    expect(list.body).not.toContain(token);
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/admin/api-tokens/${id}/revoke`,
      headers: admin.headers,
    });
    const after = await t.app.inject({ method: 'GET', url: '/api/v1/reference/industries', headers: auth });
    expect(after.statusCode).toBe(401);
  });

  it('refuses scopes outside the token list', async () => {
    const admin = await signedIn(t.app, t.db, 'admin');
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/api-tokens',
      headers: admin.headers,
      payload: { name: 'x', scopes: ['admin:users'] },
    });
    expect(r.statusCode).toBe(400);
    expect(json(r.body).errors).toEqual([expect.objectContaining({ path: 'scopes.0' })]);
  });
});
