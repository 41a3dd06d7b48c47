import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FindEligibleResult, OutreachRun, PolicyApplication, PolicyRule, Startup } from '@jiuye/shared';
import { testApp, type TestApp } from '../../../test/app.js';
import { signedIn, uniquePhone } from '../../../test/factories.js';
import { CITY_DISTRICT_CODES } from '../enterprises/index.js';
import { seedPolicyCatalogue } from '../policies/index.js';
import { candidateSources } from './proactive.narrow.js';

const GRANT = 'ZJ2020-STARTUP-GRANT';

let t: TestApp;
type Session = Awaited<ReturnType<typeof signedIn>>;
let bureau: Session;
let officer: Session;
let otherOfficer: Session;

beforeAll(async () => {
  t = await testApp();
  await seedPolicyCatalogue(t.db);
  bureau = await signedIn(t.app, t.db, 'staff', {
    districtCodes: [...CITY_DISTRICT_CODES],
    displayName: '市局 政策科',
  });
  officer = await signedIn(t.app, t.db, 'staff', { districtCodes: ['440803'], displayName: '霞山 政策员' });
  otherOfficer = await signedIn(t.app, t.db, 'staff', {
    districtCodes: ['440881'],
    displayName: '廉江 政策员',
  });
});
afterAll(async () => {
  await t.close();
});

type Problem = { code: string; errors?: { path: string; code: string }[] };
const json = <T>(res: { body: string }): T => JSON.parse(res.body) as T;

function req(s: Session | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, extra = {}) {
  return t.app.inject({
    method,
    url,
    headers: { ...(s?.headers ?? {}), 'accept-language': 'en-US', ...extra },
    ...(payload ? { payload } : {}),
  });
}

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

/** A seeker (household in Zhanjiang) with a start-up recorded through the API. */
async function returnedWorker(o: { startedDaysAgo?: number; district?: string } = {}) {
  const s = await signedIn(t.app, t.db, 'seeker', { displayName: '黄志强' });
  const p = await t.db
    .insertInto('persons')
    .values({ userId: s.user.id, fullName: '黄志强', phone: s.user.phone, householdRegionCode: '440803' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const res = await req(s, 'POST', '/api/v1/startups', {
    businessName: `返乡创业小店${randomBytes(2).toString('hex')}`,
    businessType: 'individual',
    districtCode: o.district ?? '440803',
    industryCode: 'H',
    startDate: daysAgo(o.startedDaysAgo ?? 200),
    jobsCreated: 3,
    returnEvidence: { kind: 'outside_work', previousWorkRegionCode: '441900' },
  });
  if (res.statusCode !== 201) throw new Error(res.body);
  return { ...s, personId: p.id, startup: json<Startup>(res) };
}

async function find(s: Session, code = GRANT, body: object = { pageSize: 100 }) {
  return req(s, 'POST', `/api/v1/policies/${code}/find-eligible`, body);
}

async function outreach(s: Session, subjectIds: string[], mode: 'notify' | 'prepare', code = GRANT) {
  return req(
    s,
    'POST',
    `/api/v1/policies/${code}/outreach`,
    { subjectIds, mode },
    {
      'idempotency-key': `o-${randomBytes(8).toString('hex')}`,
    },
  );
}

async function uploadPdf(s: Session): Promise<string> {
  const boundary = 'jiuyeboundary';
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/policy-documents',
    headers: { ...s.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="doc.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      Buffer.from('%PDF-1.4\n%test document\n'),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  });
  if (res.statusCode !== 201) throw new Error(`upload: ${res.statusCode} ${res.body}`);
  return json<{ fileId: string }>(res).fileId;
}

describe('narrowing candidates from the rule', () => {
  it('scans only start-ups when every eligible person must have one', () => {
    const startupRule: PolicyRule = {
      all: [
        { fact: 'person.isLocalHousehold', op: 'eq', value: true },
        { fact: 'person.startup.startDate', op: 'within_days', value: 1095 },
      ],
    };
    expect(candidateSources('person', startupRule)).toEqual(['startup']);
    expect(
      candidateSources('person', { all: [{ fact: 'person.returnedWorker', op: 'eq', value: true }] }),
    ).toEqual(['startup']);
    // Under `any` or `not` a start-up fact is not required: every source stays.
    expect(
      candidateSources('person', {
        any: [
          { fact: 'person.startup.startDate', op: 'within_days', value: 30 },
          { fact: 'person.age', op: 'gte', value: 50 },
        ],
      }),
    ).toEqual(['startup', 'resume']);
    expect(
      candidateSources('person', { not: { fact: 'person.startup.exists', op: 'eq', value: true } }),
    ).toEqual(['startup', 'resume']);
    expect(
      candidateSources('enterprise', {
        all: [{ fact: 'enterprise.keyGroupHires.last365Days', op: 'gte', value: 1 }],
      }),
    ).toEqual(['key_group_hire']);
    expect(
      candidateSources('enterprise', { all: [{ fact: 'enterprise.verified', op: 'eq', value: true }] }),
    ).toEqual(['enterprise']);
  });
});

describe('proactive eligibility (免申即享)', () => {
  it('finds a returned worker’s start-up, prepares a draft, and the worker confirms it', async () => {
    const w = await returnedWorker();
    const tooRecent = await returnedWorker({ startedDaysAgo: 30 });
    // Worked inside the city before: not a returned worker.
    const local = await returnedWorker();
    expect(
      (
        await req(local, 'PATCH', `/api/v1/startups/${local.startup.id}`, {
          returnEvidence: { kind: 'outside_work', previousWorkRegionCode: '440881' },
        })
      ).statusCode,
    ).toBe(200);

    const res = await find(bureau);
    expect(res.statusCode, res.body).toBe(200);
    const found = json<FindEligibleResult>(res);
    const item = found.items.find((i) => i.subjectId === w.personId);
    expect(item).toMatchObject({
      subjectType: 'person',
      name: '黄*强',
      districtCode: '440803',
      sources: ['startup'],
      amountFen: 1_000_000,
      reachable: true,
    });
    expect(item?.reasons).toContainEqual(
      expect.objectContaining({ fact: 'person.returnedWorker', passed: true }),
    );
    // The "not within 180 days" condition itself does not hold: its `not` makes the rule pass.
    expect(item?.reasons.filter((x) => x.fact === 'person.startup.startDate').map((x) => x.passed)).toEqual([
      true,
      false,
    ]);
    expect(found.items.some((i) => i.subjectId === tooRecent.personId)).toBe(false);
    expect(found.items.some((i) => i.subjectId === local.personId)).toBe(false);
    expect(found.period).toBe('once');
    const audit = await t.db
      .selectFrom('auditLog')
      .select('summary')
      .where('action', '=', 'policy.find_eligible')
      .where('actorUserId', '=', bureau.user.id)
      .execute();
    expect(audit.length).toBeGreaterThan(0);

    // Another district's officer does not see them, nor may ask for this district.
    const other = json<FindEligibleResult>(await find(otherOfficer));
    expect(other.items.some((i) => i.subjectId === w.personId)).toBe(false);
    const asked = await find(otherOfficer, GRANT, { districtCodes: ['440803'] });
    expect(asked.statusCode).toBe(400);
    expect(json<Problem>(asked).errors?.[0]).toMatchObject({
      path: 'districtCodes.0',
      code: 'outside_district',
    });

    // The district officer prepares the application.
    const run = await outreach(officer, [w.personId, w.personId, tooRecent.personId], 'prepare');
    expect(run.statusCode, run.body).toBe(200);
    const r = json<OutreachRun>(run);
    expect(r).toMatchObject({
      mode: 'prepare',
      requested: 3,
      prepared: 1,
      skipped: 2,
      createdByName: '霞山 政策员',
    });
    expect(r.results).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ subjectId: w.personId, outcome: 'prepared' }),
        expect.objectContaining({ subjectId: w.personId, outcome: 'skipped', reason: 'duplicate' }),
        expect.objectContaining({
          subjectId: tooRecent.personId,
          outcome: 'skipped',
          reason: 'subject_not_eligible',
        }),
      ]),
    );
    const applicationId = r.results.find((x) => x.outcome === 'prepared')?.applicationId ?? '';
    const runs = json<{ items: OutreachRun[] }>(
      await req(officer, 'GET', `/api/v1/policies/${GRANT}/outreach-runs`),
    );
    expect(runs.items.map((x) => x.id)).toContain(r.id);
    const runAudit = await t.db
      .selectFrom('auditLog')
      .select('action')
      .where('entityId', '=', r.id)
      .executeTakeFirstOrThrow();
    expect(runAudit.action).toBe('policy.outreach_prepare');

    // The worker was told, and now only confirms (with the documents the policy asks for).
    const notes = await t.db
      .selectFrom('notifications')
      .select(['kind', 'body'])
      .where('userId', '=', w.user.id)
      .execute();
    expect(notes.some((n) => JSON.stringify(n.body).includes(applicationId))).toBe(true);
    const draft = json<PolicyApplication>(
      await req(w, 'GET', `/api/v1/policy-applications/${applicationId}`),
    );
    expect(draft).toMatchObject({ status: 'draft', preparedByStaff: true, amountFen: 1_000_000 });
    expect(draft.allowedActions).toContain('submit');
    const documents = [
      { fileId: await uploadPdf(w), docCode: 'id_card' },
      { fileId: await uploadPdf(w), docCode: 'business_licence' },
    ];
    const patched = await req(w, 'PATCH', `/api/v1/policy-applications/${applicationId}`, { documents });
    expect(patched.statusCode, patched.body).toBe(200);
    const confirmed = await req(w, 'POST', `/api/v1/policy-applications/${applicationId}/decisions`, {
      action: 'submit',
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(json<PolicyApplication>(confirmed).status).toBe('submitted');

    // Applied: no longer listed, and not approached again.
    const after = json<FindEligibleResult>(await find(bureau));
    expect(after.items.some((i) => i.subjectId === w.personId)).toBe(false);
    expect(after.excluded).toBeGreaterThanOrEqual(1);
    const again = json<OutreachRun>(await outreach(bureau, [w.personId], 'notify'));
    expect(again.results[0]).toMatchObject({ outcome: 'skipped', reason: 'application_exists' });
  });

  it('notifies eligible people with an account and skips those without one or outside the district', async () => {
    const w = await returnedWorker();
    const walkIn = await t.db
      .insertInto('persons')
      .values({ fullName: '林小梅', phone: uniquePhone(), householdRegionCode: '440803' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const created = await req(officer, 'POST', '/api/v1/startups', {
      personId: walkIn.id,
      businessName: '小梅早餐店',
      businessType: 'individual',
      districtCode: '440803',
      industryCode: 'H',
      startDate: daysAgo(365),
      jobsCreated: 2,
      returnEvidence: { kind: 'outside_work', previousWorkRegionCode: '440300' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const elsewhere = await returnedWorker({ district: '440881' });
    await t.db
      .updateTable('persons')
      .set({ householdRegionCode: '440881' })
      .where('id', '=', elsewhere.personId)
      .execute();

    const found = json<FindEligibleResult>(await find(officer));
    const listed = found.items.find((i) => i.subjectId === walkIn.id);
    expect(listed?.reachable).toBe(false);

    const run = json<OutreachRun>(
      await outreach(officer, [w.personId, walkIn.id, elsewhere.personId, randomUuid()], 'notify'),
    );
    expect(run).toMatchObject({ notified: 1, prepared: 0, skipped: 3 });
    const reasons = Object.fromEntries(run.results.map((x) => [x.subjectId, x.reason ?? x.outcome]));
    expect(reasons[w.personId]).toBe('notified');
    expect(reasons[walkIn.id]).toBe('no_account');
    expect(reasons[elsewhere.personId]).toBe('outside_district');
    const note = await t.db
      .selectFrom('notifications')
      .select(['kind', 'link'])
      .where('userId', '=', w.user.id)
      .where('kind', '=', 'policy_invitation')
      .executeTakeFirstOrThrow();
    expect(note.link).toBe(`/seeker/policies/catalogue/${GRANT}`);
  });

  it('is for policy reviewers only, and an unknown policy is a 404', async () => {
    const seeker = await signedIn(t.app, t.db, 'seeker');
    expect((await find(seeker)).statusCode).toBe(403);
    expect((await req(null, 'POST', `/api/v1/policies/${GRANT}/find-eligible`, {})).statusCode).toBe(401);
    expect((await find(bureau, 'NO-SUCH-POLICY')).statusCode).toBe(404);
    const bad = await req(bureau, 'POST', `/api/v1/policies/${GRANT}/outreach`, {
      subjectIds: [],
      mode: 'call',
    });
    expect(bad.statusCode).toBe(400);
  });
});

function randomUuid(): string {
  const h = randomBytes(16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
