import type { Cohort, CohortMatches, CollegeAgreement, DemandMatches, EnterpriseDemand } from '@jiuye/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../test/app.js';
import { signedIn } from '../../../test/factories.js';
import {
  WELDER,
  call,
  chinaDay,
  clerkOf,
  staffOf,
  uploadConsent,
  workers,
  type Caller,
  type Clerk,
} from '../sharing/sharing.test-support.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.close();
});

type Problem = { code: string; errors?: { path: string; code: string }[] };
const fieldsOf = (p: unknown) => ((p as Problem).errors ?? []).map((e) => `${e.path}:${e.code}`);

async function college(name = '湛江市技师学院 招生就业处'): Promise<Caller> {
  return signedIn(t.app, t.db, 'college', { displayName: name });
}

async function cohortOf(who: Caller, o: Record<string, unknown> = {}) {
  return call<Cohort>(t, 'POST', '/api/v1/cohorts', who, {
    major: '焊接技术应用',
    occupationCodes: [WELDER],
    studentCount: 60,
    graduationDate: chinaDay(t, 120),
    districtCode: '440802',
    educationLevel: 'secondary_vocational',
    ...o,
  });
}

async function demandOf(who: Clerk, o: Record<string, unknown> = {}) {
  return call<EnterpriseDemand>(t, 'POST', '/api/v1/enterprise-demands', who, {
    enterpriseId: who.enterprise.id,
    kind: 'internship',
    occupationCodes: [WELDER],
    count: 40,
    startsOn: chinaDay(t, 30),
    endsOn: chinaDay(t, 120),
    ...o,
  });
}

describe('college journey (issue 6 acceptance)', () => {
  it('a college publishes 60 welding students; an enterprise’s demand is paired with it; an agreement is signed', async () => {
    const c = await college();
    const shipyard = await clerkOf(t, '440811', '湛江南方船舶重工有限公司');

    // The college publishes the cohort (its college record is made on first use).
    const cohort = await cohortOf(c);
    expect(cohort.status).toBe(201);
    expect(cohort.body).toMatchObject({ studentCount: 60, availableCount: 60, status: 'published' });
    const me = await call<{ name: string; districtCode: string }>(t, 'GET', '/api/v1/colleges/me', c);
    expect(me.body).toMatchObject({ name: '湛江市技师学院 招生就业处', districtCode: '440802' });

    // The enterprise publishes internship demand; the matcher pairs the two both ways.
    const demand = await demandOf(shipyard);
    expect(demand.status).toBe(201);
    const forCohort = await call<CohortMatches>(t, 'GET', `/api/v1/cohorts/${cohort.body.id}/matches`, c);
    expect(forCohort.status).toBe(200);
    const pair = forCohort.body.items.find((m) => m.demand.id === demand.body.id);
    expect(pair?.reasons.map((r) => r.code)).toContain('occupation_exact');
    const forDemand = await call<DemandMatches>(
      t,
      'GET',
      `/api/v1/enterprise-demands/${demand.body.id}/matches`,
      shipyard,
    );
    expect(forDemand.body.items[0]?.cohort.id).toBe(cohort.body.id);

    // The enterprise proposes the agreement; both sign.
    const created = await call<CollegeAgreement>(t, 'POST', '/api/v1/college-agreements', shipyard, {
      cohortId: cohort.body.id,
      demandId: demand.body.id,
      studentCount: 40,
      terms: '顶岗实习，企业提供住宿和实习补贴',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'pending', kind: 'internship', studentCount: 40 });
    const byEnterprise = await call<CollegeAgreement>(
      t,
      'POST',
      `/api/v1/college-agreements/${created.body.id}/sign`,
      shipyard,
      { party: 'enterprise' },
    );
    expect(byEnterprise.body.status).toBe('pending');
    const byCollege = await call<CollegeAgreement>(
      t,
      'POST',
      `/api/v1/college-agreements/${created.body.id}/sign`,
      c,
      {
        party: 'college',
      },
    );
    expect(byCollege.body.status).toBe('signed');
    expect(byCollege.body.signedAt).not.toBeNull();

    // Tracked: the cohort counts 40 reserved; completion records the students hired.
    const after = await call<Cohort>(t, 'GET', `/api/v1/cohorts/${cohort.body.id}`, c);
    expect(after.body).toMatchObject({ reservedCount: 40, availableCount: 20 });
    const done = await call<CollegeAgreement>(
      t,
      'PATCH',
      `/api/v1/college-agreements/${created.body.id}`,
      shipyard,
      {
        status: 'completed',
        hiredCount: 35,
        note: '实习结束，35人留用',
      },
    );
    expect(done.body).toMatchObject({ status: 'completed', hiredCount: 35 });
    const actions = await t.db
      .selectFrom('auditLog')
      .select('action')
      .where('entityId', 'in', [cohort.body.id, created.body.id, demand.body.id])
      .execute();
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'cohort.publish',
        'enterprise_demand.publish',
        'college_agreement.create',
        'college_agreement.sign',
        'college_agreement.completed',
      ]),
    );
  });
});

describe('college authorization and rules', () => {
  let c1: Caller;
  let c2: Caller;
  let ent: Clerk;
  let stranger: Clerk;
  let cohortId: string;

  beforeAll(async () => {
    c1 = await college('雷州市职业技术学校');
    c2 = await college('廉江市技工学校');
    ent = await clerkOf(t, '440803');
    stranger = await clerkOf(t, '440803');
    cohortId = (await cohortOf(c1, { studentCount: 5, districtCode: '440882' })).body.id;
  });

  it('a college sees only its cohorts', async () => {
    expect((await call(t, 'GET', `/api/v1/cohorts/${cohortId}`, c2)).status).toBe(404);
    expect((await call(t, 'PATCH', `/api/v1/cohorts/${cohortId}`, c2, { status: 'closed' })).status).toBe(
      404,
    );
    expect((await call(t, 'GET', `/api/v1/cohorts/${cohortId}/students`, c2)).status).toBe(404);
    expect((await call(t, 'GET', `/api/v1/cohorts/${cohortId}/matches`, c2)).status).toBe(404);
    const list = await call<{ items: Cohort[] }>(t, 'GET', '/api/v1/cohorts?pageSize=100', c2);
    expect(list.body.items.map((x) => x.id)).not.toContain(cohortId);
    const mine = await call<{ items: Cohort[] }>(t, 'GET', '/api/v1/cohorts?pageSize=100', c1);
    expect(mine.body.items.map((x) => x.id)).toContain(cohortId);
  });

  it('records students only with consent; enterprises see them as counts unless consented or agreed', async () => {
    const fileId = await uploadConsent(t, c1);
    const [s1, s2, s3] = workers(3);
    const noConsent = await call(t, 'POST', `/api/v1/cohorts/${cohortId}/students`, c1, {
      students: [{ ...s1 }],
    });
    expect(fieldsOf(noConsent.body)).toContain('students.0.consentSignedOn:required');
    const added = await call<{ added: number; listedStudents: number }>(
      t,
      'POST',
      `/api/v1/cohorts/${cohortId}/students`,
      c1,
      {
        students: [
          { ...s1, consentSignedOn: chinaDay(t, 0), consentFileId: fileId, shareWithEnterprises: true },
          { ...s2, consentSignedOn: chinaDay(t, 0), consentFileId: fileId },
          { ...s3, consentSignedOn: chinaDay(t, 0) },
        ],
      },
    );
    expect(added.body).toEqual({ added: 3, listedStudents: 3 });
    const tooMany = await call(t, 'POST', `/api/v1/cohorts/${cohortId}/students`, c1, {
      students: workers(3).map((s) => ({ ...s, consentSignedOn: chinaDay(t, 0) })),
    });
    expect(fieldsOf(tooMany.body)).toEqual(['students:students_above_count']);

    const all = await call<{ items: { fullName: string }[]; hiddenCount: number }>(
      t,
      'GET',
      `/api/v1/cohorts/${cohortId}/students`,
      c1,
    );
    expect(all.body.items).toHaveLength(3);
    expect(all.body.hiddenCount).toBe(0);
    const seen = await call<{
      items: { fullName: string; phoneMasked: string }[];
      hiddenCount: number;
      total: number;
    }>(t, 'GET', `/api/v1/cohorts/${cohortId}/students`, ent);
    expect(seen.body.items.map((s) => s.fullName)).toEqual([s1?.fullName]);
    expect(seen.body.items[0]?.phoneMasked).toContain('****');
    expect(seen.body.hiddenCount).toBe(2);

    // Once ent signed an agreement on the cohort, it sees the students on file.
    const demand = await demandOf(ent, { count: 5 });
    const ag = await call<CollegeAgreement>(t, 'POST', '/api/v1/college-agreements', c1, {
      cohortId,
      demandId: demand.body.id,
      studentCount: 3,
    });
    expect(ag.status).toBe(201);
    await call(t, 'POST', `/api/v1/college-agreements/${ag.body.id}/sign`, c1, { party: 'college' });
    const wrongSide = await call(t, 'POST', `/api/v1/college-agreements/${ag.body.id}/sign`, c1, {
      party: 'enterprise',
    });
    expect(wrongSide.status).toBe(403);
    await call(t, 'POST', `/api/v1/college-agreements/${ag.body.id}/sign`, ent, { party: 'enterprise' });
    const afterAgreement = await call<{ items: unknown[]; hiddenCount: number }>(
      t,
      'GET',
      `/api/v1/cohorts/${cohortId}/students`,
      ent,
    );
    expect(afterAgreement.body.items).toHaveLength(3);
    expect(afterAgreement.body.hiddenCount).toBe(0);
    // Another enterprise still sees only the consenting student; and not the agreement at all.
    const other = await call<{ items: unknown[]; hiddenCount: number }>(
      t,
      'GET',
      `/api/v1/cohorts/${cohortId}/students`,
      stranger,
    );
    expect(other.body.hiddenCount).toBe(2);
    expect((await call(t, 'GET', `/api/v1/college-agreements/${ag.body.id}`, stranger)).status).toBe(404);
    expect((await call(t, 'GET', `/api/v1/college-agreements/${ag.body.id}`, c2)).status).toBe(404);
  });

  it('never reserves more students than the cohort has left (concurrent agreements)', async () => {
    const cid = (await cohortOf(c1, { studentCount: 10 })).body.id;
    const ents = await Promise.all([clerkOf(t), clerkOf(t), clerkOf(t)]);
    const demands = await Promise.all(ents.map((e) => demandOf(e, { count: 6 })));
    const results = await Promise.all(
      ents.map((e, i) =>
        call(t, 'POST', '/api/v1/college-agreements', e, {
          cohortId: cid,
          demandId: demands[i]?.body.id,
          studentCount: 6,
        }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409).map((r) => (r.body as Problem).code)).toEqual([
      'cohort_exhausted',
      'cohort_exhausted',
    ]);
    const demandFull = await call(t, 'POST', '/api/v1/college-agreements', c1, {
      cohortId: cid,
      demandId: demands.find((_d, i) => results[i]?.status === 201)?.body.id,
      studentCount: 1,
    });
    expect((demandFull.body as Problem).code).toBe('demand_filled');
  });

  it('staff act within their districts only', async () => {
    const inDistrict = await staffOf(t, ['440882']);
    const outside = await staffOf(t, ['440825']);
    expect((await call(t, 'GET', `/api/v1/cohorts/${cohortId}/students`, inDistrict)).status).toBe(200);
    expect((await call(t, 'GET', `/api/v1/cohorts/${cohortId}`, outside)).status).toBe(404);
    expect((await call(t, 'GET', `/api/v1/cohorts/${cohortId}/matches`, outside)).status).toBe(404);
  });

  it('answers problem+json naming the field for bad input', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ occupationCodes: ['x'] }, 'occupationCodes.0:occupation_format'],
      [{ studentCount: 0 }, 'studentCount:too_small'],
      [{ educationLevel: 'phd_plus' }, 'educationLevel:unknown_education_level'],
      [{ graduationDate: '2027-02-30' }, 'graduationDate:invalid_format'],
    ];
    for (const [body, want] of cases) {
      const r = await cohortOf(c1, body);
      expect(r.status, want).toBeGreaterThanOrEqual(400);
      expect(r.status, want).toBeLessThan(500);
      expect(fieldsOf(r.body), want).toContain(want);
    }
    const d = await demandOf(ent, { kind: 'apprenticeship' });
    expect(fieldsOf(d.body)).toContain('kind:invalid_value');
  });
});
