import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../test/app.js';
import { signedIn } from '../../../test/factories.js';
import { OPERATOR, WELDER, call, chinaDay, clerkOf, staffOf } from '../sharing/sharing.test-support.js';

/**
 * The issue-6 routes (shortages, shared employment, colleges, key enterprises) fuzzed as the roles
 * that pass their permission checks, with real record ids in the path, so that the handlers and
 * the database see the garbage: never a 5xx, always problem+json.
 */

let t: TestApp;
const headers: Record<string, Record<string, string>> = {};
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await testApp();
  const borrower = await clerkOf(t, '440803');
  const lender = await clerkOf(t, '440811');
  const staff = await staffOf(t, ['440803', '440811', '440802']);
  const college = await signedIn(t.app, t.db, 'college', { displayName: '湛江幼儿师范专科学校' });
  const seeker = await signedIn(t.app, t.db, 'seeker');
  Object.assign(headers, {
    borrower: borrower.headers,
    lender: lender.headers,
    staff: staff.headers,
    college: college.headers,
    seeker: seeker.headers,
  });
  const s = await call<{ id: string }>(t, 'POST', '/api/v1/shortages', borrower, {
    enterpriseId: borrower.enterprise.id,
    occupationCode: OPERATOR,
    headcount: 10,
    deadline: chinaDay(t, 5),
    wageMinFen: 1,
    wageMaxFen: 2,
    cause: 'other',
  });
  const i = await call<{ id: string }>(t, 'POST', '/api/v1/idle-workforce', lender, {
    enterpriseId: lender.enterprise.id,
    workerCount: 10,
    occupationCodes: [OPERATOR],
    availableFrom: chinaDay(t, 0),
    availableUntil: chinaDay(t, 30),
  });
  const a = await call<{ id: string; workers: { personId: string }[] }>(
    t,
    'POST',
    '/api/v1/sharing-agreements',
    borrower,
    {
      shortageId: s.body.id,
      idleWorkforceId: i.body.id,
      workerCount: 2,
      startsOn: chinaDay(t, 0),
      endsOn: chinaDay(t, 10),
      wageFen: 1,
      wagePayer: 'lender',
      injuryInsuranceCarrier: 'lender',
    },
  );
  const c = await call<{ id: string }>(t, 'POST', '/api/v1/cohorts', college, {
    major: '学前教育',
    occupationCodes: [WELDER],
    studentCount: 5,
    graduationDate: chinaDay(t, 90),
    districtCode: '440802',
  });
  const d = await call<{ id: string }>(t, 'POST', '/api/v1/enterprise-demands', borrower, {
    enterpriseId: borrower.enterprise.id,
    kind: 'internship',
    occupationCodes: [WELDER],
    count: 5,
    startsOn: chinaDay(t, 0),
    endsOn: chinaDay(t, 60),
  });
  const ca = await call<{ id: string }>(t, 'POST', '/api/v1/college-agreements', college, {
    cohortId: c.body.id,
    demandId: d.body.id,
    studentCount: 2,
  });
  await call(t, 'PUT', `/api/v1/key-enterprises/${borrower.enterprise.id}`, staff, {
    reason: '重点企业',
    officerUserId: staff.user.id,
  });
  const log = await call<{ problems: { id: string }[] }>(
    t,
    'POST',
    `/api/v1/key-enterprises/${borrower.enterprise.id}/service-logs`,
    staff,
    {
      servedOn: chinaDay(t, 0),
      notes: 'n',
      problems: [{ category: 'other', description: 'd', deadline: chinaDay(t, 3) }],
    },
  );
  Object.assign(ids, {
    shortage: s.body.id,
    idle: i.body.id,
    agreement: a.body.id,
    cohort: c.body.id,
    demand: d.body.id,
    collegeAgreement: ca.body.id,
    enterprise: borrower.enterprise.id,
    problem: log.body.problems[0]?.id ?? '',
  });
});
afterAll(async () => {
  await t.close();
});

const PREFIXES = [
  '/api/v1/shortages',
  '/api/v1/idle-workforce',
  '/api/v1/sharing-agreements',
  '/api/v1/me/sharing-agreements',
  '/api/v1/consent-files',
  '/api/v1/colleges',
  '/api/v1/cohorts',
  '/api/v1/enterprise-demands',
  '/api/v1/college-agreements',
  '/api/v1/key-enterprises',
  '/api/v1/service-problems',
];

function idFor(url: string, param: string): string {
  if (param === 'enterpriseId') return ids.enterprise ?? '';
  if (param === 'personId') return ids.enterprise ?? '';
  if (url.startsWith('/api/v1/shortages')) return ids.shortage ?? '';
  if (url.startsWith('/api/v1/idle-workforce')) return ids.idle ?? '';
  if (url.startsWith('/api/v1/sharing-agreements')) return ids.agreement ?? '';
  if (url.startsWith('/api/v1/cohorts')) return ids.cohort ?? '';
  if (url.startsWith('/api/v1/enterprise-demands')) return ids.demand ?? '';
  if (url.startsWith('/api/v1/college-agreements')) return ids.collegeAgreement ?? '';
  if (url.startsWith('/api/v1/service-problems')) return ids.problem ?? '';
  return ids.enterprise ?? '';
}

const value = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(
    '',
    '2027-02-30',
    '2027-03-01',
    '9999-12-31',
    '440803',
    '450200',
    '6-18-02-04',
    '6',
    'x'.repeat(5000),
  ),
  fc.integer({ min: -10, max: 20000 }),
  fc.constant(Number.MAX_SAFE_INTEGER),
  fc.uuid(),
);
const KEYS = [
  'enterpriseId',
  'occupationCode',
  'occupationCodes',
  'headcount',
  'headcountFilled',
  'deadline',
  'neededUntil',
  'districtCode',
  'wageMinFen',
  'wageMaxFen',
  'urgency',
  'cause',
  'status',
  'resolutionMethod',
  'postingIds',
  'workerCount',
  'availableFrom',
  'availableUntil',
  'shortageId',
  'idleWorkforceId',
  'startsOn',
  'endsOn',
  'wageFen',
  'wagePayer',
  'injuryInsuranceCarrier',
  'workers',
  'party',
  'decision',
  'personIds',
  'fileId',
  'signedOn',
  'on',
  'reason',
  'major',
  'studentCount',
  'graduationDate',
  'students',
  'kind',
  'count',
  'cohortId',
  'demandId',
  'hiredCount',
  'note',
  'officerUserId',
  'servedOn',
  'notes',
  'problems',
  'resolutionNote',
  'name',
] as const;
const body = fc.oneof(
  fc.dictionary(fc.constantFrom(...KEYS), value, { maxKeys: 8 }),
  fc.jsonValue({ maxDepth: 2 }),
);
const query = fc.dictionary(
  fc.constantFrom(
    'page',
    'pageSize',
    'status',
    'urgency',
    'overdue',
    'active',
    'occupationCode',
    'districtCode',
    'limit',
    'mine',
    'role',
    'from',
  ),
  fc.constantFrom(
    '',
    '1',
    '0',
    '-1',
    'true',
    'maybe',
    '101',
    'open',
    'critical',
    '6-18',
    '440803',
    'lender',
    '2027-13-01',
  ),
  { maxKeys: 3 },
);

describe('fuzzing the issue-6 routes as permitted roles', () => {
  it('never answers 5xx', { timeout: 240_000 }, async () => {
    const routes = t.app.routeTable.filter((r) => r.operationId && PREFIXES.some((p) => r.url.startsWith(p)));
    expect(routes.length).toBeGreaterThan(40);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        fc.constantFrom('borrower', 'lender', 'staff', 'college', 'seeker'),
        body,
        query,
        async (route, who, payload, q) => {
          const url = route.url.replace(/:(\w+)/g, (_m, p: string) => idFor(route.url, p));
          const qs = new URLSearchParams(q).toString();
          const res = await t.app.inject({
            method: route.method as 'GET',
            url: qs ? `${url}?${qs}` : url,
            headers: { ...headers[who], 'content-type': 'application/json' },
            ...(route.method === 'GET' || route.method === 'DELETE'
              ? {}
              : { payload: JSON.stringify(payload) }),
          });
          if (res.statusCode >= 500)
            throw new Error(`${who} ${route.method} ${url}?${qs} ${JSON.stringify(payload)} → ${res.body}`);
          if (res.statusCode >= 400)
            expect(res.headers['content-type']).toContain('application/problem+json');
        },
      ),
      { numRuns: 600 },
    );
  });
});
