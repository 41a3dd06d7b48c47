import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { testApp, type TestApp } from '../../../test/app.js';
import {
  createUser,
  login,
  sessionCookieOf,
  signedIn,
  testOtp,
  testTotpSecret,
  TEST_PASSWORD,
} from '../../../test/factories.js';
import { MFA_THROTTLE_AFTER, mfaDelaySeconds } from './mfa.service.js';
import { totpCode } from './totp.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.close();
});

const json = (r: LightMyRequestResponse) => JSON.parse(r.body) as Record<string, unknown>;

async function passwordOnly(phone: string, password = TEST_PASSWORD) {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { phone, password } });
  expect(res.statusCode, res.body).toBe(200);
  return { cookie: sessionCookieOf(res), me: json(res) };
}

function get(url: string, cookie: string) {
  return t.app.inject({ method: 'GET', url, headers: { cookie } });
}

function post(url: string, cookie: string, payload?: object) {
  return t.app.inject({ method: 'POST', url, headers: { cookie }, ...(payload ? { payload } : {}) });
}

const REVIEW_QUEUE = '/api/v1/job-postings/review-queue';

async function auditActions(userId: string): Promise<string[]> {
  const rows = await t.db
    .selectFrom('auditLog')
    .select('action')
    .where('entityId', '=', userId)
    .orderBy('at')
    .execute();
  return rows.map((r) => r.action);
}

describe('second factor at sign-in', () => {
  it('a staff password alone reaches no route but the second-factor ones', async () => {
    const staff = await createUser(t.db, { role: 'staff' });
    const { cookie, me } = await passwordOnly(staff.phone);
    expect(me.mfa).toBe('required');
    const meNow = await get('/api/v1/me', cookie);
    expect(meNow.statusCode).toBe(200);
    expect(json(meNow).mfa).toBe('required');

    const reachable = new Set(['getMe', 'verifyMfa', 'startMfaEnrolment', 'confirmMfaEnrolment']);
    const leaks: string[] = [];
    for (const route of t.app.routeTable) {
      if (route.access === 'public' || !route.operationId || reachable.has(route.operationId)) continue;
      const url = route.url.replace(/:(\w+)/g, '00000000-0000-4000-8000-000000000000');
      const res = await t.app.inject({
        method: route.method as 'GET',
        url,
        headers: { cookie },
        ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: {} }),
      });
      const code = res.statusCode >= 400 ? (json(res).code as string) : 'ok';
      if (code !== 'mfa_required') leaks.push(`${route.method} ${route.url}: ${res.statusCode} ${code}`);
    }
    expect(leaks).toEqual([]);

    const verified = await post('/api/v1/auth/mfa/verify', cookie, { code: await testOtp(staff.phone) });
    expect(verified.statusCode, verified.body).toBe(200);
    expect(json(verified).mfa).toBe('verified');
    expect((await get(REVIEW_QUEUE, cookie)).statusCode).toBe(200);
    expect(await auditActions(staff.id)).toEqual(['account.login', 'account.mfa_verify']);
  });

  it('admins and auditors need it too; seekers do not', async () => {
    for (const role of ['admin', 'auditor'] as const) {
      const u = await createUser(t.db, { role });
      expect((await passwordOnly(u.phone)).me.mfa).toBe('required');
    }
    const seeker = await createUser(t.db, { role: 'seeker' });
    const { cookie, me } = await passwordOnly(seeker.phone);
    expect(me.mfa).toBe('off');
    expect((await get('/api/v1/me/sessions', cookie)).statusCode).toBe(200);
    // The second-factor routes are not for them.
    expect((await post('/api/v1/auth/mfa/enrol', cookie)).statusCode).toBe(403);
  });

  it('API clients may send the code with the password (otp); a wrong one opens no session', async () => {
    const staff = await createUser(t.db, { role: 'staff' });
    const right = await testOtp(staff.phone);
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { phone: staff.phone, password: TEST_PASSWORD, otp: right === '000000' ? '111111' : '000000' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(json(wrong)).toMatchObject({
      code: 'mfa_invalid_code',
      errors: [{ path: 'otp', code: 'invalid_code' }],
    });
    expect(wrong.cookies.find((c) => c.name === 'jiuye_sid')).toBeUndefined();
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { phone: staff.phone, password: TEST_PASSWORD, otp: await testOtp(staff.phone) },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(json(ok).mfa).toBe('verified');
    expect((await get(REVIEW_QUEUE, sessionCookieOf(ok))).statusCode).toBe(200);
  });

  it('refuses wrong codes, then makes them wait (429 with Retry-After), audited', async () => {
    const staff = await createUser(t.db, { role: 'staff' });
    const { cookie } = await passwordOnly(staff.phone);
    const right = await testOtp(staff.phone);
    const wrongCode = right === '123456' ? '654321' : '123456';
    for (let i = 0; i < MFA_THROTTLE_AFTER; i++) {
      const r = await post('/api/v1/auth/mfa/verify', cookie, { code: wrongCode });
      expect(r.statusCode).toBe(400);
      expect(json(r).code).toBe('mfa_invalid_code');
    }
    // Now even the right code waits.
    const waiting = await post('/api/v1/auth/mfa/verify', cookie, { code: right });
    expect(waiting.statusCode).toBe(429);
    expect(json(waiting).code).toBe('login_throttled');
    expect(Number(waiting.headers['retry-after'])).toBe(mfaDelaySeconds(MFA_THROTTLE_AFTER));
    t.clock.advance(mfaDelaySeconds(MFA_THROTTLE_AFTER) * 1000 + 1000);
    try {
      const ok = await post('/api/v1/auth/mfa/verify', cookie, { code: await testOtp(staff.phone) });
      expect(ok.statusCode, ok.body).toBe(200);
    } finally {
      t.clock.advance(-(mfaDelaySeconds(MFA_THROTTLE_AFTER) * 1000 + 1000));
    }
    const actions = await auditActions(staff.id);
    expect(actions.filter((a) => a === 'account.mfa_failed')).toHaveLength(MFA_THROTTLE_AFTER);
    expect(mfaDelaySeconds(MFA_THROTTLE_AFTER + 20)).toBe(900);
  });

  it('accepts a code once: replaying it on another session fails', async () => {
    const staff = await createUser(t.db, { role: 'staff' });
    const code = await testOtp(staff.phone);
    const a = await passwordOnly(staff.phone);
    expect((await post('/api/v1/auth/mfa/verify', a.cookie, { code })).statusCode).toBe(200);
    const b = await passwordOnly(staff.phone);
    const replay = await post('/api/v1/auth/mfa/verify', b.cookie, { code });
    expect(replay.statusCode).toBe(400);
    expect(json(replay).code).toBe('mfa_invalid_code');
    expect((await get(REVIEW_QUEUE, b.cookie)).statusCode).toBe(403);
  });
});

describe('enrolment at first sign-in and recovery codes', () => {
  it('an account without a second factor sets one up first, gets ten recovery codes, each works once', async () => {
    const staff = await createUser(t.db, { role: 'staff', mustChangePassword: true });
    await t.db.deleteFrom('userMfa').where('userId', '=', staff.id).execute();
    const { cookie, me } = await passwordOnly(staff.phone);
    expect(me.mfa).toBe('enrol');
    // The second factor comes before the initial password change.
    expect(json(await get(REVIEW_QUEUE, cookie)).code).toBe('mfa_required');
    expect((await post('/api/v1/auth/mfa/verify', cookie, { code: '123456' })).statusCode).toBe(409);
    expect((await post('/api/v1/auth/mfa/enrol/confirm', cookie, { code: '123456' })).statusCode).toBe(409);

    const enrol = await post('/api/v1/auth/mfa/enrol', cookie);
    expect(enrol.statusCode, enrol.body).toBe(200);
    const { secret, otpauthUri } = json(enrol) as { secret: string; otpauthUri: string };
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/Jiuye:/);
    expect(otpauthUri).toContain(`secret=${secret}`);
    // Sealed at rest: the secret is not in the table in the clear.
    const row = await t.db
      .selectFrom('userMfa')
      .selectAll()
      .where('userId', '=', staff.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(secret);

    const bad = await post('/api/v1/auth/mfa/enrol/confirm', cookie, {
      code: totpCode(secret, Date.now() + 10 * 60_000),
    });
    expect(bad.statusCode).toBe(400);
    const confirmed = await post('/api/v1/auth/mfa/enrol/confirm', cookie, {
      code: totpCode(secret, Date.now()),
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const { recoveryCodes } = json(confirmed) as { recoveryCodes: string[] };
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    const stored = await t.db
      .selectFrom('mfaRecoveryCodes')
      .select('codeHash')
      .where('userId', '=', staff.id)
      .execute();
    expect(stored.map((r) => r.codeHash)).not.toContain(recoveryCodes[0]);
    // Enrolled: now the initial password must be changed.
    expect(json(await get(REVIEW_QUEUE, cookie)).code).toBe('password_change_required');
    expect(json(await get('/api/v1/me', cookie)).mfa).toBe('verified');

    // A lost phone: a recovery code signs in, once.
    const second = await passwordOnly(staff.phone);
    expect(second.me.mfa).toBe('required');
    const rec = await post('/api/v1/auth/mfa/verify', second.cookie, {
      recoveryCode: recoveryCodes[3]!.toUpperCase(),
    });
    expect(rec.statusCode, rec.body).toBe(200);
    const third = await passwordOnly(staff.phone);
    const again = await post('/api/v1/auth/mfa/verify', third.cookie, { recoveryCode: recoveryCodes[3] });
    expect(again.statusCode).toBe(400);
    expect(json(again)).toMatchObject({ code: 'mfa_invalid_code', errors: [{ path: 'recoveryCode' }] });
    const actions = await auditActions(staff.id);
    expect(actions).toEqual(
      expect.arrayContaining([
        'account.mfa_enrol_start',
        'account.mfa_enrol',
        'account.mfa_verify',
        'account.mfa_failed',
      ]),
    );
  });

  it('needs exactly one of code and recoveryCode, naming the field', async () => {
    const staff = await createUser(t.db, { role: 'staff' });
    const { cookie } = await passwordOnly(staff.phone);
    for (const payload of [{}, { code: '123456', recoveryCode: 'abcd-efgh-ijkl-mnop' }, { code: '12ab56' }]) {
      const r = await post('/api/v1/auth/mfa/verify', cookie, payload);
      expect(r.statusCode).toBe(400);
      expect(json(r).code).toBe('validation_failed');
      expect(JSON.stringify(json(r).errors)).toContain('"path":"code"');
    }
  });
});

describe('session limits', () => {
  it('staff sessions end after 30 idle minutes and 12 hours, even when the settings allow more', async () => {
    const long = await testApp({ JIUYE_SESSION_IDLE_MINUTES: '120', JIUYE_SESSION_ABSOLUTE_HOURS: '48' });
    try {
      const staff = await createUser(long.db, { role: 'staff' });
      const seeker = await createUser(long.db, { role: 'seeker' });
      const staffCookie = await login(long.app, staff.phone);
      const seekerCookie = await login(long.app, seeker.phone);
      const me = (c: string) => long.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: c } });
      long.clock.advance(31 * 60_000);
      expect((await me(staffCookie)).statusCode).toBe(401);
      expect((await me(seekerCookie)).statusCode).toBe(200);

      const active = await login(long.app, staff.phone);
      let moved = 0;
      let status = 200;
      while (status === 200 && moved < 13 * 3600_000) {
        long.clock.advance(25 * 60_000);
        moved += 25 * 60_000;
        status = (await me(active)).statusCode;
      }
      expect(status).toBe(401);
      expect(moved).toBeGreaterThanOrEqual(12 * 3600_000);
      expect(moved).toBeLessThan(12 * 3600_000 + 25 * 60_000);
    } finally {
      await long.close();
    }
  });

  it('a session waiting for its second factor lives ten minutes at most', async () => {
    const staff = await createUser(t.db, { role: 'staff' });
    const { cookie } = await passwordOnly(staff.phone);
    t.clock.advance(11 * 60_000);
    try {
      expect((await get('/api/v1/me', cookie)).statusCode).toBe(401);
    } finally {
      t.clock.advance(-11 * 60_000);
    }
  });
});

describe('own sessions and the admin', () => {
  it('lists own sessions (current marked), ends one and ends the others', async () => {
    const staff = await createUser(t.db, { role: 'staff' });
    const a = await login(t.app, staff.phone);
    const b = await login(t.app, staff.phone);
    const c = await login(t.app, staff.phone);
    const list = await get('/api/v1/me/sessions', a);
    expect(list.statusCode).toBe(200);
    const items = (json(list) as { items: { id: string; current: boolean; ip: string | null }[] }).items;
    expect(items).toHaveLength(3);
    expect(items.filter((s) => s.current)).toHaveLength(1);
    const current = items.find((s) => s.current)!;
    const other = items.find((s) => !s.current)!;

    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/me/sessions/${other.id}`,
      headers: { cookie: a },
    });
    expect(del.statusCode).toBe(204);
    const deadCount = [
      (await get('/api/v1/me', b)).statusCode,
      (await get('/api/v1/me', c)).statusCode,
    ].filter((s) => s === 401);
    expect(deadCount).toHaveLength(1);
    // Someone else's session id, or one already ended: not found.
    expect(
      (
        await t.app.inject({
          method: 'DELETE',
          url: `/api/v1/me/sessions/${other.id}`,
          headers: { cookie: a },
        })
      ).statusCode,
    ).toBe(404);
    const stranger = await signedIn(t.app, t.db, 'seeker');
    expect(
      (
        await t.app.inject({
          method: 'DELETE',
          url: `/api/v1/me/sessions/${current.id}`,
          headers: stranger.headers,
        })
      ).statusCode,
    ).toBe(404);

    const ended = await post('/api/v1/me/sessions/end-others', a);
    expect(json(ended)).toEqual({ ended: 1 });
    expect((await get('/api/v1/me', b)).statusCode).toBe(401);
    expect((await get('/api/v1/me', c)).statusCode).toBe(401);
    expect((await get('/api/v1/me', a)).statusCode).toBe(200);
    expect(await auditActions(staff.id)).toContain('account.sessions_end_others');
  });

  it('an admin lists and ends anyone’s sessions and resets their second factor, audited', async () => {
    const admin = await signedIn(t.app, t.db, 'admin');
    const staff = await createUser(t.db, { role: 'staff' });
    const cookie = await login(t.app, staff.phone);
    const list = await t.app.inject({
      method: 'GET',
      url: `/api/v1/admin/users/${staff.id}/sessions`,
      headers: admin.headers,
    });
    expect((json(list) as { items: unknown[] }).items).toHaveLength(1);
    const ended = await t.app.inject({
      method: 'POST',
      url: `/api/v1/admin/users/${staff.id}/sessions/end`,
      headers: admin.headers,
    });
    expect(json(ended)).toEqual({ ended: 1 });
    expect((await get('/api/v1/me', cookie)).statusCode).toBe(401);
    // Not someone else: staff cannot.
    const other = await login(t.app, staff.phone);
    expect((await post(`/api/v1/admin/users/${admin.user.id}/sessions/end`, other)).statusCode).toBe(403);

    const users = await t.app.inject({
      method: 'GET',
      url: `/api/v1/admin/users?q=${staff.phone}`,
      headers: admin.headers,
    });
    expect((json(users) as { items: { mfaEnrolled: boolean }[] }).items[0]?.mfaEnrolled).toBe(true);
    const reset = await t.app.inject({
      method: 'POST',
      url: `/api/v1/admin/users/${staff.id}/mfa/reset`,
      headers: admin.headers,
    });
    expect(reset.statusCode, reset.body).toBe(200);
    expect(json(reset).mfaEnrolled).toBe(false);
    expect((await get('/api/v1/me', other)).statusCode).toBe(401);
    expect((await passwordOnly(staff.phone)).me.mfa).toBe('enrol');
    expect(await auditActions(staff.id)).toEqual(
      expect.arrayContaining(['admin.sessions_end', 'admin.mfa_reset']),
    );
    // Not their own: they would lock themselves out.
    const self = await t.app.inject({
      method: 'POST',
      url: `/api/v1/admin/users/${admin.user.id}/mfa/reset`,
      headers: admin.headers,
    });
    expect(self.statusCode).toBe(409);
  });
});

describe('re-authentication before sensitive changes', () => {
  it('a phone change, a password change and re-enrolment need a recent proof; /auth/reauth gives it', async () => {
    const staff = await createUser(t.db, { role: 'staff' });
    const cookie = await login(t.app, staff.phone);
    t.clock.advance(6 * 60_000);
    try {
      const newPhone = `17${staff.phone.slice(2)}`;
      const phone = await t.app.inject({
        method: 'PATCH',
        url: '/api/v1/me',
        headers: { cookie },
        payload: { phone: newPhone },
      });
      expect(phone.statusCode).toBe(403);
      expect(json(phone).code).toBe('reauth_required');
      // The display name alone is not sensitive.
      const name = await t.app.inject({
        method: 'PATCH',
        url: '/api/v1/me',
        headers: { cookie },
        payload: { displayName: '霞山 林科长' },
      });
      expect(name.statusCode).toBe(200);
      const pw = await post('/api/v1/me/password', cookie, {
        currentPassword: TEST_PASSWORD,
        newPassword: 'Xiashan2099x',
      });
      expect(json(pw).code).toBe('reauth_required');
      expect(json(await post('/api/v1/auth/mfa/enrol', cookie)).code).toBe('reauth_required');

      const noCode = await post('/api/v1/auth/reauth', cookie, { password: TEST_PASSWORD });
      expect(noCode.statusCode).toBe(400);
      expect(JSON.stringify(json(noCode).errors)).toContain('"path":"code"');
      const wrongPw = await post('/api/v1/auth/reauth', cookie, {
        password: 'Wrong2020x',
        code: await testOtp(staff.phone),
      });
      expect(wrongPw.statusCode).toBe(400);
      const ok = await post('/api/v1/auth/reauth', cookie, {
        password: TEST_PASSWORD,
        code: await testOtp(staff.phone),
      });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(json(ok).reauthUntil).toBeTypeOf('string');

      const changed = await t.app.inject({
        method: 'PATCH',
        url: '/api/v1/me',
        headers: { cookie },
        payload: { phone: newPhone },
      });
      expect(changed.statusCode, changed.body).toBe(200);
      expect(await auditActions(staff.id)).toEqual(
        expect.arrayContaining(['account.reauth', 'account.reauth_failed']),
      );
    } finally {
      t.clock.advance(-6 * 60_000);
    }
  });

  it('setting a payout account needs it too, for every role', async () => {
    const seeker = await signedIn(t.app, t.db, 'seeker');
    t.clock.advance(6 * 60_000);
    try {
      const body = {
        subjectType: 'person',
        accountName: '黄志强',
        bankName: '中国工商银行湛江霞山支行',
        accountNumber: '6222 0201 0000 1234 567',
      };
      const put = () =>
        t.app.inject({
          method: 'PUT',
          url: '/api/v1/payee-accounts',
          headers: seeker.headers,
          payload: body,
        });
      const refused = await put();
      expect(refused.statusCode).toBe(403);
      expect(json(refused).code).toBe('reauth_required');
      const ok = await post('/api/v1/auth/reauth', seeker.cookie, { password: TEST_PASSWORD });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(json(await put()).code).not.toBe('reauth_required');
    } finally {
      t.clock.advance(-6 * 60_000);
    }
  });

  it('the factories’ secrets are what the app checks', () => {
    expect(testTotpSecret('19900000001')).toMatch(/^[A-Z2-7]{32}$/);
  });
});
