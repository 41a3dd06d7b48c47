import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Person, PersonListItem } from '@jiuye/shared';
import { testApp, type TestApp } from '../../../test/app.js';
import { signedIn, uniquePhone } from '../../../test/factories.js';
import { buildApp } from '../../app.js';
import { REDACT_PATHS } from '../../platform/logger.js';
import { createPersonVia, uniqueIdNumber, walkIn } from '../registrations/assistance.fixtures.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.close();
});

type Problem = { status: number; code: string; errors?: { path: string; code: string }[] };

async function auditRows(entityId: string, action: string) {
  return t.db
    .selectFrom('auditLog')
    .select(['action', 'summary', 'actorUserId'])
    .where('entityId', '=', entityId)
    .where('action', '=', action)
    .execute();
}

describe('person registry', () => {
  it('refuses an invalid identity number as a field error on idNumber', async () => {
    const staff = await signedIn(t.app, t.db, 'staff', { districtCodes: ['440803'] });
    const good = uniqueIdNumber('1980-02-02');
    const badCheck = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    for (const [idNumber, code] of [
      [badCheck, 'id_checksum'],
      ['44080319801302001X', 'id_birth_date'],
      ['4408031980', 'id_format'],
      [uniqueIdNumber('2015-01-01'), 'id_too_young'],
    ] as const) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/v1/persons',
        headers: staff.headers,
        payload: walkIn({ idNumber }),
      });
      expect(r.statusCode, r.body).toBe(400);
      expect(r.headers['content-type']).toContain('application/problem+json');
      const p = r.json<Problem>();
      expect(p.code).toBe('validation_failed');
      expect(p.errors).toEqual([expect.objectContaining({ path: 'idNumber', code })]);
    }
  });

  it('answers bad input with problem+json naming the field, never 500', async () => {
    const staff = await signedIn(t.app, t.db, 'staff', { districtCodes: ['440803'] });
    const cases: [unknown, string][] = [
      [{}, 'fullName'],
      [{ ...walkIn(), phone: '12345' }, 'phone'],
      [{ ...walkIn(), residenceDistrictCode: '450221' }, 'residenceDistrictCode'],
      [{ ...walkIn(), graduationDate: '2020-13-45' }, 'graduationDate'],
      [{ ...walkIn(), veteran: 'yes' }, 'veteran'],
      [{ ...walkIn(), extra: 1 }, 'extra'],
      [{ ...walkIn(), fullName: 'x'.repeat(61) }, 'fullName'],
    ];
    for (const [payload, path] of cases) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/v1/persons',
        headers: staff.headers,
        payload: payload as object,
      });
      expect(r.statusCode, JSON.stringify(payload)).toBe(400);
      expect(r.json<Problem>().errors?.map((e) => e.path)).toContain(path);
    }
    const q = await t.app.inject({
      method: 'GET',
      url: '/api/v1/persons?keyGroup=nobody',
      headers: staff.headers,
    });
    expect(q.statusCode).toBe(400);
    const id = await t.app.inject({
      method: 'GET',
      url: '/api/v1/persons/not-a-uuid',
      headers: staff.headers,
    });
    expect(id.statusCode).toBe(400);
  });

  it('creates a walk-in once per identity number and refuses districts the officer does not cover', async () => {
    const staff = await signedIn(t.app, t.db, 'staff', { districtCodes: ['440803'] });
    const body = walkIn({ veteran: true });
    const a = await createPersonVia(t.app, staff.headers, body);
    expect(a).toMatchObject({
      fullName: '陈秀英',
      gender: 'female',
      birthDate: '1985-04-12',
      residenceDistrictCode: '440803',
      veteran: true,
      idNumberMasked: `${body.idNumber.slice(0, 4)}${'*'.repeat(10)}${body.idNumber.slice(14)}`,
    });
    expect(JSON.stringify(a)).not.toContain(body.idNumber);
    expect(a.keyGroups.map((g) => g.group)).toContain('retired_soldier');
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/persons',
      headers: staff.headers,
      payload: body,
    });
    expect(again.statusCode).toBe(200);
    expect(again.json<Person>().id).toBe(a.id);
    const outside = await t.app.inject({
      method: 'POST',
      url: '/api/v1/persons',
      headers: staff.headers,
      payload: walkIn({ residenceDistrictCode: '440881' }),
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json<Problem>().errors).toEqual([
      expect.objectContaining({ path: 'residenceDistrictCode', code: 'outside_district' }),
    ]);
  });

  it('shows a person only to staff of their district, masked, and audits the read', async () => {
    const staff = await signedIn(t.app, t.db, 'staff', { districtCodes: ['440804'] });
    const other = await signedIn(t.app, t.db, 'staff', { districtCodes: ['440881'] });
    const seeker = await signedIn(t.app, t.db, 'seeker');
    const p = await createPersonVia(t.app, staff.headers, walkIn({ residenceDistrictCode: '440804' }));
    const r = await t.app.inject({ method: 'GET', url: `/api/v1/persons/${p.id}`, headers: staff.headers });
    expect(r.statusCode).toBe(200);
    expect(r.json<Person>().idNumberMasked).toMatch(/\*{10}/);
    expect(await auditRows(p.id, 'person.read')).toHaveLength(1);
    for (const h of [other.headers, seeker.headers]) {
      const x = await t.app.inject({ method: 'GET', url: `/api/v1/persons/${p.id}`, headers: h });
      expect(x.statusCode).toBe(404);
    }
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/persons/${p.id}`,
      headers: staff.headers,
      payload: { disability: true, evidenceNote: '残疾人证已核验' },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json<Person>().disability).toBe(true);
    const tl = await t.app.inject({
      method: 'GET',
      url: `/api/v1/persons/${p.id}/timeline`,
      headers: staff.headers,
    });
    expect(tl.json<{ items: { kind: string }[] }>().items.map((e) => e.kind)).toEqual([
      'person_created',
      'person_updated',
    ]);
  });

  it('finds persons by name, phone, identity tail and (in the body) full identity number', async () => {
    const staff = await signedIn(t.app, t.db, 'staff', { districtCodes: ['440811'] });
    const name = `搜索${Math.random().toString(36).slice(2, 8)}`;
    const body = walkIn({ fullName: name, residenceDistrictCode: '440811', phone: uniquePhone() });
    const p = await createPersonVia(t.app, staff.headers, body);
    const find = async (q: string) => {
      const r = await t.app.inject({
        method: 'GET',
        url: `/api/v1/persons?q=${encodeURIComponent(q)}&pageSize=100`,
        headers: staff.headers,
      });
      expect(r.statusCode, r.body).toBe(200);
      return r.json<{ items: PersonListItem[] }>().items.map((x) => x.id);
    };
    expect(await find(name)).toContain(p.id);
    expect(await find(body.phone)).toContain(p.id);
    expect(await find(body.idNumber.slice(14))).toContain(p.id);
    const lookup = await t.app.inject({
      method: 'POST',
      url: '/api/v1/persons/lookup',
      headers: staff.headers,
      payload: { idNumber: body.idNumber },
    });
    expect(lookup.json<{ person: PersonListItem | null }>().person?.id).toBe(p.id);
    // Another district's officer does not see the person in lists.
    const other = await signedIn(t.app, t.db, 'staff', { districtCodes: ['440883'] });
    const r = await t.app.inject({
      method: 'GET',
      url: `/api/v1/persons?q=${encodeURIComponent(name)}`,
      headers: other.headers,
    });
    expect(r.json<{ items: PersonListItem[] }>().items).toHaveLength(0);
  });

  it('reveals a full identity number with a reason: one audit row, and no log line contains it', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _enc, cb) {
        lines.push(chunk.toString());
        cb();
      },
    });
    const app = await buildApp(t.deps, {
      logger: { level: 'trace', stream, redact: { paths: REDACT_PATHS, censor: '[redacted]' } },
    });
    try {
      const staff = await signedIn(app, t.db, 'staff', { districtCodes: ['440803'] });
      const body = walkIn();
      const p = await createPersonVia(app, staff.headers, body);
      const noReason = await app.inject({
        method: 'POST',
        url: `/api/v1/persons/${p.id}/reveal-id`,
        headers: staff.headers,
        payload: {},
      });
      expect(noReason.statusCode).toBe(400);
      expect(noReason.json<Problem>().errors?.[0]?.path).toBe('reason');
      const r = await app.inject({
        method: 'POST',
        url: `/api/v1/persons/${p.id}/reveal-id`,
        headers: staff.headers,
        payload: { reason: '社保系统核对身份' },
      });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json<{ idNumber: string }>().idNumber).toBe(body.idNumber);
      const rows = await auditRows(p.id, 'person.reveal_id');
      expect(rows).toHaveLength(1);
      expect(rows[0]?.summary).toEqual({ reason: '社保系统核对身份' });
      expect(JSON.stringify(rows)).not.toContain(body.idNumber);
      // Search and lookup with the full number do not put it in a log line either.
      await app.inject({
        method: 'POST',
        url: '/api/v1/persons/lookup',
        headers: staff.headers,
        payload: { idNumber: body.idNumber },
      });
      // A refused number (field error) is not logged either.
      const refused = await app.inject({
        method: 'POST',
        url: '/api/v1/persons',
        headers: staff.headers,
        payload: {
          ...walkIn(),
          idNumber: body.idNumber.slice(0, 17) + (body.idNumber.endsWith('0') ? '1' : '0'),
        },
      });
      expect(refused.statusCode).toBe(400);
      // A seeker cannot reveal (no person:reveal).
      const seeker = await signedIn(app, t.db, 'seeker');
      const denied = await app.inject({
        method: 'POST',
        url: `/api/v1/persons/${p.id}/reveal-id`,
        headers: seeker.headers,
        payload: { reason: '好奇' },
      });
      expect(denied.statusCode).toBe(403);
    } finally {
      await app.close();
    }
    const all = lines.join('');
    expect(all).toContain('reveal-id');
    expect(all).not.toMatch(/\d{17}[\dX]/);
  });
});
