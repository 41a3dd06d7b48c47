import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOTICE_VERSION } from '@jiuye/shared';
import { testApp, type TestApp } from '../../../test/app.js';
import { signedIn } from '../../../test/factories.js';
import { decryptField, lookupHash } from '../../platform/crypto.js';
import { idNumber, putResume, welderResume } from './resumes.fixtures.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.close();
});

type Problem = { code: string; errors?: { path: string; code: string; message: string }[] };
const problem = (body: string) => JSON.parse(body) as Problem;

async function seeker() {
  return (await signedIn(t.app, t.db, 'seeker')).headers;
}

async function rawResume(userId: string) {
  return t.db.selectFrom('resumes').selectAll().where('userId', '=', userId).executeTakeFirstOrThrow();
}

describe('résumé: identity number', () => {
  it('stores the number encrypted with a lookup hash, derives birth date, gender and region, shows it masked', async () => {
    const s = await signedIn(t.app, t.db, 'seeker');
    const id = idNumber('440803', '1990-05-01', '013');
    const res = await putResume(t.app, s.headers, welderResume({ idNumber: id }));
    expect(res.statusCode, res.body).toBe(200);
    const body = JSON.parse(res.body) as Record<string, unknown>;
    expect(body).toMatchObject({
      idNumberMasked: `4408${'*'.repeat(10)}${id.slice(14)}`,
      birthDate: '1990-05-01',
      gender: 'male',
      experienceYears: 3,
    });
    expect(res.body).not.toContain(id);

    const row = await rawResume(s.user.id);
    // Nowhere in the stored row is the plain number (the whole row, serialised).
    expect(JSON.stringify(row)).not.toContain(id);
    expect(row.idNumberEnc).toMatch(/^v1\./);
    expect(decryptField(t.deps.keys, row.idNumberEnc ?? '')).toBe(id);
    expect(row.idNumberHash).toBe(lookupHash(t.deps.keys, id));
    expect(row.householdRegionCode).toBe('440803');

    const get = await t.app.inject({ method: 'GET', url: '/api/v1/me/resume', headers: s.headers });
    expect(get.statusCode).toBe(200);
    expect(get.body).not.toContain(id);
    expect(JSON.parse(get.body)).toMatchObject({ idNumberMasked: body.idNumberMasked, fullName: '李建华' });

    // The audit trail says what happened, never the number.
    const audit = await t.db
      .selectFrom('auditLog')
      .select(['action', 'summary'])
      .where('entityId', '=', s.user.id)
      .where('entityType', '=', 'resume')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['resume.create']);
    expect(JSON.stringify(audit)).not.toContain(id.slice(6, 14));
  });

  it('keeps the number on file when it is omitted, removes it with null', async () => {
    const s = await signedIn(t.app, t.db, 'seeker');
    const id = idNumber('450203', '1985-02-03', '024');
    expect((await putResume(t.app, s.headers, welderResume({ idNumber: id }))).statusCode).toBe(200);
    const { idNumber: _omit, ...withoutId } = welderResume();
    // A form round-trip: no number, the birth date as GET showed it.
    const kept = await putResume(t.app, s.headers, {
      ...withoutId,
      fullName: '李建华2',
      birthDate: '1985-02-03',
    });
    expect(kept.statusCode, kept.body).toBe(200);
    const keptBody = JSON.parse(kept.body) as { gender: string; idNumberMasked: string };
    expect(keptBody.gender).toBe('female');
    expect(keptBody.idNumberMasked).toMatch(/^4502/);
    const mismatch = await putResume(t.app, s.headers, { ...withoutId, birthDate: '1985-02-04' });
    expect(mismatch.statusCode).toBe(400);
    expect(problem(mismatch.body).errors).toEqual([
      expect.objectContaining({ path: 'birthDate', code: 'birth_date_mismatch' }),
    ]);
    const removed = await putResume(t.app, s.headers, {
      ...withoutId,
      idNumber: null,
      birthDate: '1985-02-03',
    });
    expect(JSON.parse(removed.body)).toMatchObject({
      idNumberMasked: null,
      gender: null,
      birthDate: '1985-02-03',
    });
    const row = await rawResume(s.user.id);
    expect([row.idNumberEnc, row.idNumberHash, row.householdRegionCode]).toEqual([null, null, null]);
  });

  it('refuses a birth date that disagrees with the number, naming birthDate', async () => {
    const res = await putResume(
      t.app,
      await seeker(),
      welderResume({ idNumber: idNumber('440803', '1990-05-01', '013'), birthDate: '1991-05-01' }),
      'en-US',
    );
    expect(res.statusCode).toBe(400);
    const p = problem(res.body);
    expect(p.code).toBe('validation_failed');
    expect(p.errors).toEqual([
      {
        path: 'birthDate',
        code: 'birth_date_mismatch',
        message: 'The birth date does not match the identity number',
      },
    ]);
  });

  it('refuses anyone under 16, by number or by birth date', async () => {
    const now = t.clock.now();
    const y = now.getUTCFullYear() - 15;
    const young = idNumber('440803', `${y}-01-01`, '013');
    const byId = await putResume(t.app, await seeker(), welderResume({ idNumber: young }));
    expect(byId.statusCode).toBe(400);
    expect(problem(byId.body).errors).toEqual([
      expect.objectContaining({ path: 'idNumber', code: 'id_too_young' }),
    ]);
    const byDate = await putResume(
      t.app,
      await seeker(),
      welderResume({ idNumber: undefined, birthDate: `${y}-01-01` }),
    );
    expect(problem(byDate.body).errors).toEqual([
      expect.objectContaining({ path: 'birthDate', code: 'id_too_young' }),
    ]);
  });

  it('answers 409 naming idNumber when another account holds the number', async () => {
    const id = idNumber('440802', '1988-08-08', '051');
    expect((await putResume(t.app, await seeker(), welderResume({ idNumber: id }))).statusCode).toBe(200);
    const res = await putResume(t.app, await seeker(), welderResume({ idNumber: id.toLowerCase() }));
    expect(res.statusCode).toBe(409);
    expect(problem(res.body)).toMatchObject({
      code: 'already_exists',
      errors: [{ path: 'idNumber', code: 'id_number_taken' }],
    });
  });

  it('validates the rest: checksum, dates of experiences, unknown codes', async () => {
    const h = await seeker();
    const bad = await putResume(t.app, h, welderResume({ idNumber: '440803199005010139' }));
    expect(problem(bad.body).errors?.[0]).toMatchObject({ path: 'idNumber', code: 'id_checksum' });
    const order = await putResume(
      t.app,
      h,
      welderResume({ experiences: [{ employer: 'A', title: '焊工', from: '2020-05', to: '2019-01' }] }),
    );
    expect(problem(order.body).errors).toEqual([
      expect.objectContaining({ path: 'experiences.0.to', code: 'date_order' }),
    ]);
    const code = await putResume(t.app, h, welderResume({ desiredOccupationCodes: ['6-18-02-99'] }));
    expect(code.statusCode).toBe(400);
    expect(problem(code.body)).toMatchObject({
      code: 'unknown_code',
      errors: [{ path: 'desiredOccupationCodes.0', code: 'unknown_occupation' }],
    });
  });

  it('answers 404 before a résumé exists', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/me/resume', headers: await seeker() });
    expect(res.statusCode).toBe(404);
  });
});

describe('résumé: consents', () => {
  it('needs a separate consent for key-group status and for visibility, and records both', async () => {
    const s = await signedIn(t.app, t.db, 'seeker');
    const noConsent = await putResume(
      t.app,
      s.headers,
      welderResume({ keyGroups: ['migrant_worker'], visibleToEmployers: true }),
    );
    expect(noConsent.statusCode).toBe(400);
    expect(
      problem(noConsent.body)
        .errors?.map((e) => e.path)
        .sort(),
    ).toEqual(['keyGroupConsent', 'visibilityConsent']);

    const ok = await putResume(
      t.app,
      s.headers,
      welderResume({
        keyGroups: ['migrant_worker'],
        keyGroupConsent: true,
        visibleToEmployers: true,
        visibilityConsent: true,
      }),
    );
    expect(ok.statusCode, ok.body).toBe(200);
    expect(JSON.parse(ok.body)).toMatchObject({ keyGroups: ['migrant_worker'], visibleToEmployers: true });
    // GET /me/consents (modules/privacy) shows the consents the résumé recorded, by purpose.
    const consents = await t.app.inject({ method: 'GET', url: '/api/v1/me/consents', headers: s.headers });
    const purposes = (
      JSON.parse(consents.body) as {
        purposes: {
          purpose: string;
          granted: boolean;
          noticeVersion: string | null;
          withdrawnAt: string | null;
        }[];
      }
    ).purposes.filter((p) => p.granted && p.purpose !== 'platform_account');
    expect(purposes.map((c) => c.purpose).sort()).toEqual([
      'key_group_status',
      'resume_sharing_with_enterprises',
    ]);
    expect(purposes.every((c) => c.noticeVersion === NOTICE_VERSION && c.withdrawnAt === null)).toBe(true);

    // Saving again reuses the consents; it does not pile up new ones.
    await putResume(
      t.app,
      s.headers,
      welderResume({
        keyGroups: ['migrant_worker', 'poor_household'],
        keyGroupConsent: true,
        visibleToEmployers: true,
        visibilityConsent: true,
      }),
    );
    const count = await t.db
      .selectFrom('consents')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('userId', '=', s.user.id)
      .executeTakeFirstOrThrow();
    expect(count.n).toBe(2);
  });

  it('withdrawing (no key groups, not visible) marks the consents withdrawn and clears the links', async () => {
    const s = await signedIn(t.app, t.db, 'seeker');
    await putResume(
      t.app,
      s.headers,
      welderResume({
        keyGroups: ['retired_soldier'],
        keyGroupConsent: true,
        visibleToEmployers: true,
        visibilityConsent: true,
      }),
    );
    const res = await putResume(t.app, s.headers, welderResume({ keyGroups: [], visibleToEmployers: false }));
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ keyGroups: [], visibleToEmployers: false });
    const rows = await t.db
      .selectFrom('consents')
      .select(['kind', 'withdrawnAt'])
      .where('userId', '=', s.user.id)
      .execute();
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.withdrawnAt !== null)).toBe(true);
    const row = await rawResume(s.user.id);
    expect([row.keyGroupConsentId, row.visibilityConsentId]).toEqual([null, null]);
    const actions = await t.db
      .selectFrom('auditLog')
      .select('action')
      .where('actorUserId', '=', s.user.id)
      .where('action', 'like', 'consent.%')
      .orderBy('id')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'consent.grant',
      'consent.grant',
      'consent.withdraw',
      'consent.withdraw',
    ]);
  });

  it('is for seekers only', async () => {
    const employer = (await signedIn(t.app, t.db, 'employer')).headers;
    expect((await putResume(t.app, employer, welderResume())).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me/resume' })).statusCode).toBe(401);
  });
});
