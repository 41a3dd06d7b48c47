import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOTICE_VERSION, type DataExport, type MyConsents } from '@jiuye/shared';
import { testApp, type TestApp } from '../../../test/app.js';
import { createUser, signedIn, TEST_PASSWORD, type TestUser } from '../../../test/factories.js';
import { createEnterprise, createPosting } from '../../../test/channel-factories.js';
import { CITY_DISTRICT_CODES } from '../enterprises/index.js';
import { reclassify, seedKeyGroupRules } from '../key-groups/index.js';
import { insertApplication } from '../payouts/payouts.test-support.js';
import { personForUser } from '../persons/index.js';
import { createPersonVia, walkIn } from '../registrations/assistance.fixtures.js';
import { idNumber, putResume, welderResume } from '../resumes/resumes.fixtures.js';
import { EXPORT_EXCLUDED, EXPORT_SOURCES, EXPORT_SPECIAL } from './privacy.repository.js';
import { mayClassify, RETENTION, runRetention } from './index.js';

let t: TestApp;
type Session = Awaited<ReturnType<typeof signedIn>>;
/** A city-wide officer (never signed in here: only named as the actor of a batch and a read). */
let bureau: TestUser;

beforeAll(async () => {
  t = await testApp();
  bureau = await createUser(t.db, { role: 'staff', districtCodes: [...CITY_DISTRICT_CODES] });
});
afterAll(async () => {
  await t.close();
});

type Problem = { code: string; errors?: { path: string; code: string }[] };
const json = <T>(res: { body: string }): T => JSON.parse(res.body) as T;

function req(s: Session | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) {
  return t.app.inject({
    method,
    url,
    headers: { ...(s?.headers ?? {}), 'accept-language': 'en-US' },
    ...(payload ? { payload } : {}),
  });
}

const consentsOf = async (s: Session) => json<MyConsents>(await req(s, 'GET', '/api/v1/me/consents'));
const stateOf = (c: MyConsents, purpose: string) => c.purposes.find((p) => p.purpose === purpose);

/** A seeker with a résumé (identity number, key groups, visible to enterprises) and a person record. */
async function seekerWithResume(o: { visible?: boolean; keyGroups?: boolean } = {}) {
  const s = await signedIn(t.app, t.db, 'seeker');
  const id = idNumber('440803', '1990-05-01', String(100 + Math.floor(Math.random() * 899)));
  const res = await putResume(
    t.app,
    s.headers,
    welderResume({
      idNumber: id,
      visibleToEmployers: o.visible ?? true,
      visibilityConsent: o.visible ?? true,
      ...(o.keyGroups ? { keyGroups: ['migrant_worker'], keyGroupConsent: true } : {}),
    }),
  );
  if (res.statusCode === 409) return seekerWithResume(o); // the random ID collided
  expect(res.statusCode, res.body).toBe(200);
  const person = await t.db.transaction().execute((tx) => personForUser(tx, t.deps.keys, s.user.id));
  return { s, id, personId: person.id };
}

/** A person policy inserted directly (the catalogue's own tests go through its routes). */
async function insertPolicy(): Promise<string> {
  const code = `T-PRIV-${randomBytes(4).toString('hex')}`;
  await t.db
    .insertInto('policies')
    .values({
      code,
      version: 1,
      kind: 'transport_subsidy',
      applicantType: 'person',
      nameZh: '测试补贴',
      nameEn: 'Test subsidy',
      effectiveFrom: '2020-01-01',
      eligibility: JSON.stringify({ all: [] }),
      amount: JSON.stringify({ kind: 'fixed', amountFen: 500_000 }),
      period: 'once',
      noticeDays: 0,
    })
    .execute();
  return code;
}

describe('notice and consent ledger', () => {
  it('serves the notice in force and every purpose with its legal basis, for every role', async () => {
    const notice = await req(null, 'GET', '/api/v1/privacy/notice');
    expect(notice.statusCode).toBe(200);
    expect(json<{ version: string; bodyZh: string }>(notice)).toMatchObject({ version: NOTICE_VERSION });
    for (const role of ['employer', 'partner', 'college'] as const) {
      const s = await signedIn(t.app, t.db, role);
      const c = await consentsOf(s);
      expect(c.notice.version).toBe(NOTICE_VERSION);
      expect(stateOf(c, 'platform_account')).toMatchObject({ basis: 'contract', granted: true });
      expect(stateOf(c, 'key_group_status')).toMatchObject({
        sensitive: true,
        selfService: true,
        granted: false,
      });
      expect(c.history).toEqual([]);
    }
  });

  it('records a separate consent with the notice version read, refuses an outdated one, and never updates a row', async () => {
    const s = await signedIn(t.app, t.db, 'seeker');
    const old = await req(s, 'POST', '/api/v1/me/consents', {
      purpose: 'identity_number',
      noticeVersion: '2020-01-01',
    });
    expect(old.statusCode).toBe(400);
    expect(json<Problem>(old).errors?.[0]).toMatchObject({ path: 'noticeVersion', code: 'notice_outdated' });
    const bad = await req(s, 'POST', '/api/v1/me/consents', {
      purpose: 'everything',
      noticeVersion: NOTICE_VERSION,
    });
    expect(bad.statusCode).toBe(400);
    expect(json<Problem>(bad).errors?.[0]?.path).toBe('purpose');

    const ok = await req(s, 'POST', '/api/v1/me/consents', {
      purpose: 'identity_number',
      noticeVersion: NOTICE_VERSION,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const c = json<MyConsents>(ok);
    expect(stateOf(c, 'identity_number')).toMatchObject({ granted: true, noticeVersion: NOTICE_VERSION });
    expect(c.history[0]).toMatchObject({ purpose: 'identity_number', action: 'grant', channel: 'web' });

    const w = await req(s, 'POST', '/api/v1/me/consents/identity_number/withdraw');
    expect(w.statusCode, w.body).toBe(200);
    const after = json<MyConsents>(w);
    expect(stateOf(after, 'identity_number')).toMatchObject({ granted: false });
    expect(stateOf(after, 'identity_number')?.withdrawnAt).not.toBeNull();
    expect(after.history.map((h) => h.action)).toEqual(['withdraw', 'grant']);

    // Append-only: the database refuses to rewrite history.
    await expect(
      sql`update consent_records set action = 'grant' where subject_user_id = ${s.user.id}`.execute(t.db),
    ).rejects.toThrow(/append-only/);
    const audit = await t.db
      .selectFrom('auditLog')
      .select('action')
      .where('entityId', '=', s.user.id)
      .where('action', 'like', 'privacy.%')
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['privacy.consent_grant', 'privacy.consent_withdraw']);
  });
});

describe('withdrawal stops the processing', () => {
  it('résumé sharing: the module consent is mirrored, and withdrawing hides the résumé from enterprises', async () => {
    const { s } = await seekerWithResume({ visible: true });
    const before = await consentsOf(s);
    expect(stateOf(before, 'resume_sharing_with_enterprises')).toMatchObject({
      granted: true,
      noticeVersion: NOTICE_VERSION,
    });

    const employer = await signedIn(t.app, t.db, 'employer');
    const e = await createEnterprise(t.db, {
      ownerUserId: employer.user.id,
      ownerPhone: employer.user.phone,
    });
    const posting = await createPosting(t.db, e);
    const candidates = async () => {
      const res = await req(employer, 'GET', `/api/v1/job-postings/${posting.id}/candidates?pageSize=50`);
      expect(res.statusCode, res.body).toBe(200);
      return json<{ items: { seekerUserId: string }[] }>(res).items;
    };
    const visibleBefore = JSON.stringify(await candidates());

    const w = await req(s, 'POST', '/api/v1/me/consents/resume_sharing_with_enterprises/withdraw');
    expect(w.statusCode, w.body).toBe(200);
    expect(stateOf(json<MyConsents>(w), 'resume_sharing_with_enterprises')?.granted).toBe(false);
    const row = await t.db
      .selectFrom('resumes')
      .select(['visibleToEmployers', 'visibilityConsentId'])
      .where('userId', '=', s.user.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ visibleToEmployers: false, visibilityConsentId: null });
    const legacy = await t.db
      .selectFrom('consents')
      .select('withdrawnAt')
      .where('userId', '=', s.user.id)
      .where('kind', '=', 'resume_visibility')
      .execute();
    expect(legacy.every((c) => c.withdrawnAt !== null)).toBe(true);
    expect(visibleBefore).toContain(s.user.id);
    expect(JSON.stringify(await candidates())).not.toContain(s.user.id);

    // Granting again shows it again (through the résumé module).
    const g = await req(s, 'POST', '/api/v1/me/consents', {
      purpose: 'resume_sharing_with_enterprises',
      noticeVersion: NOTICE_VERSION,
    });
    expect(g.statusCode, g.body).toBe(200);
    expect(
      (
        await t.db
          .selectFrom('resumes')
          .select('visibleToEmployers')
          .where('userId', '=', s.user.id)
          .executeTakeFirstOrThrow()
      ).visibleToEmployers,
    ).toBe(true);
  });

  it('résumé sharing cannot be granted without a résumé', async () => {
    const s = await signedIn(t.app, t.db, 'seeker');
    const g = await req(s, 'POST', '/api/v1/me/consents', {
      purpose: 'resume_sharing_with_enterprises',
      noticeVersion: NOTICE_VERSION,
    });
    expect(g.statusCode).toBe(409);
    expect(json<Problem>(g).code).toBe('resume_required');
  });

  it('key-group status: the declaration is erased, memberships end and no new classification is recorded', async () => {
    const { s, personId } = await seekerWithResume({ keyGroups: true });
    await seedKeyGroupRules(t.db);
    const rule = await t.db
      .selectFrom('keyGroupRules')
      .select(['id', 'groupCode'])
      .limit(1)
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('keyGroupMemberships')
      .values({
        personId,
        groupCode: rule.groupCode,
        ruleId: rule.id,
        status: 'active',
        since: '2026-01-01',
        validUntil: null,
        evidence: '[]',
      })
      .execute();
    expect(await mayClassify(t.db, personId)).toBe(true);

    const w = await req(s, 'POST', '/api/v1/me/consents/key_group_status/withdraw');
    expect(w.statusCode, w.body).toBe(200);
    expect(await mayClassify(t.db, personId)).toBe(false);
    const resume = await t.db
      .selectFrom('resumes')
      .select(['keyGroups', 'keyGroupConsentId'])
      .where('userId', '=', s.user.id)
      .executeTakeFirstOrThrow();
    expect(resume).toEqual({ keyGroups: [], keyGroupConsentId: null });
    const active = await t.db
      .selectFrom('keyGroupMemberships')
      .select('id')
      .where('personId', '=', personId)
      .where('status', '=', 'active')
      .execute();
    expect(active).toEqual([]);
    // The daily sweep's reclassification records nothing for them.
    expect(await reclassify(t.db, personId, t.clock.now())).toEqual([]);

    // Consent again: classification may resume.
    await req(s, 'POST', '/api/v1/me/consents', {
      purpose: 'key_group_status',
      noticeVersion: NOTICE_VERSION,
    });
    expect(await mayClassify(t.db, personId)).toBe(true);
  });

  it('identity number: erased from the résumé and the person record', async () => {
    const { s, personId } = await seekerWithResume();
    const w = await req(s, 'POST', '/api/v1/me/consents/identity_number/withdraw');
    expect(w.statusCode, w.body).toBe(200);
    const r = await t.db
      .selectFrom('resumes')
      .select(['idNumberEnc', 'idNumberMasked', 'birthDate'])
      .where('userId', '=', s.user.id)
      .executeTakeFirstOrThrow();
    expect(r).toEqual({ idNumberEnc: null, idNumberMasked: null, birthDate: '1990-05-01' });
    const p = await t.db
      .selectFrom('persons')
      .select('idNumberEnc')
      .where('id', '=', personId)
      .executeTakeFirstOrThrow();
    expect(p.idNumberEnc).toBeNull();
  });
});

describe('the desk records paper consent forms', () => {
  it('staff of the serving district record a grant and a withdrawal (desk_paper), which stops classification', async () => {
    const staff = await signedIn(t.app, t.db, 'staff', { districtCodes: ['440803'] });
    const person = await createPersonVia(t.app, staff.headers, walkIn());
    const url = `/api/v1/persons/${person.id}/consents`;
    const grant = await req(staff, 'POST', url, {
      purpose: 'key_group_status',
      action: 'grant',
      noticeVersion: NOTICE_VERSION,
    });
    expect(grant.statusCode, grant.body).toBe(200);
    const c = json<MyConsents>(grant);
    expect(c.history[0]).toMatchObject({
      purpose: 'key_group_status',
      action: 'grant',
      channel: 'desk_paper',
    });
    expect(stateOf(c, 'platform_account')?.granted).toBe(false);

    const withdraw = await req(staff, 'POST', url, {
      purpose: 'key_group_status',
      action: 'withdraw',
      noticeVersion: NOTICE_VERSION,
    });
    expect(withdraw.statusCode, withdraw.body).toBe(200);
    expect(await mayClassify(t.db, person.id)).toBe(false);
    const read = await req(staff, 'GET', url);
    expect(stateOf(json<MyConsents>(read), 'key_group_status')?.granted).toBe(false);

    const unknownVersion = await req(staff, 'POST', url, {
      purpose: 'identity_number',
      action: 'grant',
      noticeVersion: '1999-01-01',
    });
    expect(unknownVersion.statusCode).toBe(400);
    // Staff of another district do not see the person.
    const other = await signedIn(t.app, t.db, 'staff', { districtCodes: ['440882'] });
    expect((await req(other, 'GET', url)).statusCode).toBe(404);
  });
});

describe('export (access and copy, art. 45)', () => {
  it('answers all of the caller’s data as JSON, identity number masked, secrets left out, audited', async () => {
    const { s, id, personId } = await seekerWithResume({ keyGroups: true });
    // A staff read of the person (as persons/ audits it), so that "who read my data" has something to show.
    await t.db
      .insertInto('auditLog')
      .values({
        actorUserId: bureau.id,
        actorRole: 'staff',
        action: 'person.read',
        entityType: 'person',
        entityId: personId,
        summary: '{}',
      })
      .execute();
    await t.db
      .insertInto('notifications')
      .values({ userId: s.user.id, kind: 'test', titleZh: '测试', titleEn: 'Test', body: '{}' })
      .execute();
    const res = await req(s, 'GET', '/api/v1/me/export');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toContain('attachment');
    const data = json<DataExport>(res);
    expect(data.personId).toBe(personId);
    expect(data.sections.account?.[0]).toMatchObject({ id: s.user.id, role: 'seeker' });
    expect(data.sections.person?.[0]?.id).toBe(personId);
    expect(String(data.sections.person?.[0]?.idNumberMasked)).toMatch(/\*{10}/);
    expect(data.sections.resume?.[0]).toMatchObject({ fullName: welderResume().fullName });
    expect(data.sections.notifications).toHaveLength(1);
    expect(data.sections.sessions?.length).toBeGreaterThan(0);
    expect(data.sections.consents?.length).toBeGreaterThan(0);
    expect(data.sections.moduleConsents?.length).toBeGreaterThan(0);
    expect(data.sections.auditAboutMe?.some((a) => a.actorRole === 'staff')).toBe(true);
    expect(res.body).not.toContain(id);
    expect(res.body).not.toMatch(/passwordHash|tokenHash|idNumberEnc|idNumberHash|argon2/);
    const audit = await t.db
      .selectFrom('auditLog')
      .select('action')
      .where('entityId', '=', s.user.id)
      .where('action', '=', 'privacy.export')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('is rate-limited per session', async () => {
    const s = await signedIn(t.app, t.db, 'employer');
    const codes: number[] = [];
    for (let i = 0; i < 6; i += 1) codes.push((await req(s, 'GET', '/api/v1/me/export')).statusCode);
    expect(codes).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it('covers every table with a user_id/person_id column or lists it as deliberately excluded', async () => {
    // Columns naming a user or a person as the subject of a row (created_by, reviewed_by… are actor
    // references of staff work and are not personal data of the subject being exported).
    const r = await sql<{ col: string }>`
      select table_name || '.' || column_name as col from information_schema.columns
       where table_schema = 'public' and column_name ~ '(^|_)(user_id|person_id)$'
       order by 1`.execute(t.db);
    const known = new Set([
      ...Object.keys(EXPORT_SOURCES),
      ...Object.keys(EXPORT_SPECIAL),
      ...Object.keys(EXPORT_EXCLUDED),
    ]);
    const forgotten = r.rows.map((x) => x.col).filter((c) => !known.has(c));
    expect(forgotten, 'add these to EXPORT_SOURCES or EXPORT_EXCLUDED in privacy.repository.ts').toEqual([]);
    // And the lists name no column that does not exist.
    const existing = new Set(r.rows.map((x) => x.col));
    expect([...known].filter((c) => !existing.has(c))).toEqual([]);
  });
});

describe('correction (art. 46)', () => {
  it('corrects the display name and the person record’s name; a name without a person record is a 400', async () => {
    const { s, personId } = await seekerWithResume();
    const res = await req(s, 'PATCH', '/api/v1/me/personal-data', {
      displayName: '李华',
      fullName: '李建华改',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(json<{ displayName: string; fullName: string }>(res)).toEqual({
      displayName: '李华',
      fullName: '李建华改',
    });
    const p = await t.db
      .selectFrom('persons')
      .select('fullName')
      .where('id', '=', personId)
      .executeTakeFirstOrThrow();
    expect(p.fullName).toBe('李建华改');

    const other = await signedIn(t.app, t.db, 'employer');
    const bad = await req(other, 'PATCH', '/api/v1/me/personal-data', { fullName: '王五' });
    expect(bad.statusCode).toBe(400);
    expect(json<Problem>(bad).errors?.[0]?.path).toBe('fullName');
    const empty = await req(other, 'PATCH', '/api/v1/me/personal-data', {});
    expect(empty.statusCode).toBe(400);
  });
});

describe('account cancellation (art. 47)', () => {
  it('needs the password, and staff accounts are closed by an admin instead', async () => {
    const { s } = await seekerWithResume();
    const wrong = await req(s, 'POST', '/api/v1/me/cancel', { password: 'not-my-password' });
    expect(wrong.statusCode).toBe(400);
    expect(json<Problem>(wrong).errors?.[0]).toMatchObject({ path: 'password', code: 'wrong_password' });
    const missing = await req(s, 'POST', '/api/v1/me/cancel', {});
    expect(missing.statusCode).toBe(400);
    // Officer accounts (partner, staff, admin, auditor) are disabled by an admin instead.
    const officer = await signedIn(t.app, t.db, 'partner');
    const refused = await req(officer, 'POST', '/api/v1/me/cancel', { password: TEST_PASSWORD });
    expect(refused.statusCode).toBe(403);
    expect(json<Problem>(refused).code).toBe('forbidden');
  });

  it('ends sessions, withdraws consents, deletes what no law requires and keeps payouts restricted', async () => {
    const { s, personId } = await seekerWithResume({ visible: true, keyGroups: true });
    const policyCode = await insertPolicy();
    const applicationId = await insertApplication(t.db, { policyCode, personId });
    const batch = await t.db
      .insertInto('payoutBatches')
      .values({ createdBy: bureau.id, batchNo: `T-${randomBytes(4).toString('hex')}` })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('payouts')
      .values({
        batchId: batch.id,
        applicationId,
        policyCode,
        periodKey: 'once',
        subjectType: 'person',
        subjectId: personId,
        districtCode: '440803',
        payeeName: welderResume().fullName,
        bankName: '中国工商银行湛江霞山支行',
        accountNumberEnc: 'v1.test',
        accountTail: '4567',
        amountFen: 500_000,
        status: 'pending',
      })
      .execute();
    await t.db
      .insertInto('savedSearches')
      .values({
        userId: s.user.id,
        name: '电焊',
        query: '{}',
        frequency: 'daily',
        channels: ['in_app'],
        unsubscribeToken: randomBytes(16).toString('hex'),
      })
      .execute();

    const res = await req(s, 'POST', '/api/v1/me/cancel', { password: TEST_PASSWORD });
    expect(res.statusCode, res.body).toBe(200);
    const out = json<{ restricted: boolean; legalRetention: string[] }>(res);
    expect(out.restricted).toBe(true);
    expect(out.legalRetention).toEqual(expect.arrayContaining(['policy_applications', 'payouts']));

    // The session is over, the old password and phone no longer sign in, the phone is free.
    expect((await req(s, 'GET', '/api/v1/me/export')).statusCode).toBe(401);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { phone: s.user.phone, password: TEST_PASSWORD },
    });
    expect(login.statusCode).toBe(401);
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { role: 'seeker', phone: s.user.phone, password: TEST_PASSWORD, displayName: '新用户' },
    });
    expect(again.statusCode, again.body).toBe(201);

    // The résumé is gone (no enterprise can see it), the saved search too; every consent is withdrawn.
    expect(
      await t.db.selectFrom('resumes').select('userId').where('userId', '=', s.user.id).execute(),
    ).toEqual([]);
    expect(
      await t.db.selectFrom('savedSearches').select('id').where('userId', '=', s.user.id).execute(),
    ).toEqual([]);
    const latest = await sql<{ action: string }>`select distinct on (purpose) action from consent_records
        where subject_user_id = ${s.user.id} order by purpose, seq desc`.execute(t.db);
    expect(latest.rows.length).toBeGreaterThan(0);
    expect(latest.rows.every((r) => r.action === 'withdraw')).toBe(true);

    // The payout and the application stay (finance law), the subject is restricted.
    const payouts = await t.db.selectFrom('payouts').select('id').where('subjectId', '=', personId).execute();
    expect(payouts).toHaveLength(1);
    expect(
      await t.db.selectFrom('policyApplications').select('id').where('id', '=', applicationId).execute(),
    ).toHaveLength(1);
    const restricted = await t.db
      .selectFrom('restrictedSubjects')
      .select(['userId', 'personId', 'legalRetention'])
      .where('userId', '=', s.user.id)
      .executeTakeFirstOrThrow();
    expect(restricted).toMatchObject({ personId });
    expect(restricted.legalRetention).toEqual(expect.arrayContaining(['payouts']));
    // Kept for the law: the person keeps the name the payout was made to; not processed otherwise.
    const person = await t.db
      .selectFrom('persons')
      .select('fullName')
      .where('id', '=', personId)
      .executeTakeFirstOrThrow();
    expect(person.fullName).toBe(welderResume().fullName);
    expect(await mayClassify(t.db, personId)).toBe(false);
    const audit = await t.db
      .selectFrom('auditLog')
      .select('action')
      .where('entityId', '=', s.user.id)
      .where('action', '=', 'privacy.account_cancel')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('anonymises the person record when no law requires keeping it', async () => {
    const { s, personId } = await seekerWithResume();
    const res = await req(s, 'POST', '/api/v1/me/cancel', { password: TEST_PASSWORD });
    expect(res.statusCode, res.body).toBe(200);
    expect(json<{ restricted: boolean }>(res).restricted).toBe(false);
    const p = await t.db
      .selectFrom('persons')
      .select(['fullName', 'phone', 'idNumberEnc', 'birthDate'])
      .where('id', '=', personId)
      .executeTakeFirstOrThrow();
    expect(p).toEqual({ fullName: '已注销', phone: '', idNumberEnc: null, birthDate: null });
    const u = await t.db
      .selectFrom('users')
      .select(['phone', 'status'])
      .where('id', '=', s.user.id)
      .executeTakeFirstOrThrow();
    expect(u).toEqual({ phone: `cancelled:${s.user.id}`, status: 'disabled' });
  });
});

describe('retention job', () => {
  it('deletes data past its period, on the test clock, and leaves fresh data', async () => {
    const s = await signedIn(t.app, t.db, 'seeker');
    await t.db
      .insertInto('notifications')
      .values({ userId: s.user.id, kind: 'test', titleZh: '旧', titleEn: 'Old', body: '{}' })
      .execute();
    const caller = `user:${s.user.id}`;
    await t.db
      .insertInto('idempotencyKeys')
      .values({ caller, key: 'k-old', method: 'POST', path: '/x', requestHash: 'h' })
      .execute();
    await t.db
      .updateTable('sessions')
      .set({ revokedAt: new Date(), revokedReason: 'test' })
      .where('userId', '=', s.user.id)
      .execute();

    // Within every period: nothing of this user goes.
    await runRetention(t.db, t.clock.now());
    expect(
      await t.db.selectFrom('notifications').select('id').where('userId', '=', s.user.id).execute(),
    ).toHaveLength(1);
    expect(
      await t.db.selectFrom('sessions').select('id').where('userId', '=', s.user.id).execute(),
    ).toHaveLength(1);

    t.clock.advance((RETENTION.notificationsDays + 1) * 24 * 3600_000);
    const result = await runRetention(t.db, t.clock.now());
    expect(result.notificationsDays).toBeGreaterThan(0);
    expect(
      await t.db.selectFrom('notifications').select('id').where('userId', '=', s.user.id).execute(),
    ).toEqual([]);
    expect(await t.db.selectFrom('sessions').select('id').where('userId', '=', s.user.id).execute()).toEqual(
      [],
    );
    expect(
      await t.db.selectFrom('idempotencyKeys').select('key').where('caller', '=', caller).execute(),
    ).toEqual([]);
    const audit = await t.db
      .selectFrom('auditLog')
      .select('summary')
      .where('action', '=', 'privacy.retention')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.summary).toMatchObject({ notificationsDays: result.notificationsDays });
  });
});
