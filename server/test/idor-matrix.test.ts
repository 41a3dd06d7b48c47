import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from './app.js';
import { createPosting } from './channel-factories.js';
import { signedIn, uniquePhone } from './factories.js';
import { changedTables, fingerprint } from './db-fingerprint.js';
import { loadOperations, requestArb, type JsonSchema, type Operation } from './openapi-arbitrary.js';
import {
  call,
  chinaDay,
  clerkOf,
  staffOf,
  type Caller,
} from '../src/modules/sharing/sharing.test-support.js';
import {
  createPersonVia,
  registerUnemployedVia,
  uniqueIdNumber,
  walkIn,
} from '../src/modules/registrations/assistance.fixtures.js';
import { putResume, welderResume } from '../src/modules/resumes/resumes.fixtures.js';
import { requestBody, tripBody } from '../src/modules/buses/buses.test-support.js';
import { createTestPolicy, insertApplication } from '../src/modules/payouts/payouts.test-support.js';
import { evaluateLayoff, seedWarningRules } from '../src/modules/warnings/index.js';

/*
 * Issue 9, item 4 (IDOR): generated from the route table. Each kind of record below is created for
 * an owner (an enterprise, a seeker, a district's officer); then every route whose first path
 * parameter names that kind is called with the owner's record id by everyone who does not own it.
 * Reads must answer 403 or 404 (and answer 2xx to the owner, so the fixture is right); writes must
 * not succeed and must leave every table unchanged. A route with a path parameter that belongs to
 * no kind here fails the coverage check unless it is listed, with its reason, as not owned.
 */

const CITY_WIDE = ['440802', '440803', '440804', '440811', '440823', '440825', '440881', '440882', '440883'];

type Kind = {
  name: string;
  /** Route URL prefix up to its first parameter, e.g. /api/v1/cases/ */
  prefix: string;
  id: string;
  owner: Caller;
  others: Record<string, Caller>;
  /** Operations the others may use on this record, with why (e.g. applying to a posting). */
  openTo?: Record<string, string>;
  /** Strings that must never reach the others, even through a read they are open to. */
  secrets?: string[];
  /** Owner reads that answer other than 2xx for a stated reason. */
  ownerSkips?: Record<string, string>;
  /**
   * Valid bodies for writes whose schema has cross-field rules the generator does not know (the
   * generated ones stop at 400), so the others' attempt still reaches the ownership check.
   */
  validBodies?: Record<string, unknown>;
};

/**
 * Routes with a path parameter that this test does not treat as an owned record, each with why.
 * Keep it short and honest: anything personal belongs in a kind above.
 */
const NOT_OWNED: Record<string, string> = {
  '/api/v1/reference/': 'reference data (regions, occupations) is public',
  '/api/v1/policies/':
    'the policy catalogue is public; its edits need city-wide policy:manage (authz matrix)',
  '/api/v1/policy-notices/': 'public notices show masked names by law (公示)',
  '/api/v1/job-fairs/': 'fairs are public events; exhibiting is checked per enterprise in job-fairs tests',
  '/api/v1/bus-trips/':
    'trips are planned by staff (bus:manage); bookings are the personal records (kind bus-bookings)',
  '/api/v1/reports/': 'a monthly report is aggregate statistics for stats:read',
  '/api/v1/admin/': 'admin-only routes (admin:users / admin:tokens), covered by the authz matrix',
  '/api/v1/partner-regions/':
    'region-scoped partner officers: partner-regions tests check one region cannot see another',
  '/api/v1/payout-batches/':
    'finance batches for city-wide payout:manage only (authz matrix + payouts tests)',
  '/api/v1/training-courses/': 'public course catalogue; enrolments are checked in training tests',
  '/api/v1/agencies/': 'agency profiles for labour coordination; contracts are the scoped records',
  '/api/v1/warning-rules/': 'city-wide rules, no personal data',
  '/api/v1/me/consents/': 'addressed by purpose, not id: a caller only ever withdraws their own consent',
  '/api/v1/job-postings/':
    'kind job-postings below covers the management routes; reading a published posting is public',
};

let t: TestApp;
let ops: Operation[] = [];
let resolve: (s: JsonSchema) => JsonSchema = (s) => s;
const kinds: Kind[] = [];

beforeAll(async () => {
  t = await testApp();
  ({ ops, resolve } = await loadOperations(t.app));

  const employerA = await clerkOf(t, '440803');
  const employerB = await clerkOf(t, '440802');
  const staffA = await staffOf(t, ['440803']);
  const staffB = await staffOf(t, ['440802']);
  const bureau = await staffOf(t, CITY_WIDE);
  const seekerA = await signedIn(t.app, t.db, 'seeker');
  const seekerB = await signedIn(t.app, t.db, 'seeker');
  const college = await signedIn(t.app, t.db, 'college');
  const agency = await signedIn(t.app, t.db, 'agency');
  const partner = await signedIn(t.app, t.db, 'partner');
  for (const s of [seekerA, seekerB]) {
    const r = await putResume(t.app, s.headers, welderResume());
    expect(r.statusCode, r.body).toBeLessThan(300);
  }

  // Enterprise A and its posting, with seeker A's application.
  const posting = await createPosting(t.db, employerA.enterprise);
  const applied = await call<{ id: string }>(
    t,
    'POST',
    `/api/v1/job-postings/${posting.id}/applications`,
    seekerA,
    {
      shareResumeConsent: true,
    },
  );
  expect(applied.status, JSON.stringify(applied.body)).toBe(201);

  kinds.push({
    name: 'enterprise',
    prefix: '/api/v1/enterprises/',
    id: employerA.enterprise.id,
    owner: employerA,
    others: { employerB, seekerB, college, agency, partner },
    openTo: {
      getEnterprise:
        'a verified enterprise is shown to signed-in users, its contact phone masked (checked by secrets)',
    },
    secrets: [employerA.user.phone],
    ownerSkips: { getEnterpriseLicence: 'the fixture enterprise has no licence file uploaded' },
  });
  kinds.push({
    name: 'job-posting (management)',
    prefix: '/api/v1/job-postings/',
    id: posting.id,
    owner: employerA,
    others: { employerB, seekerB, college, agency, partner },
    openTo: {
      getPosting: 'a published posting is public',
      applyToPosting: 'any seeker may apply to a published posting',
      getPostingPartnerRegions: 'targeting of a published posting',
      reportPosting: 'anyone may report a posting to the moderators',
    },
  });
  kinds.push({
    name: 'application',
    prefix: '/api/v1/applications/',
    id: applied.body.id,
    owner: seekerA,
    others: { seekerB, employerB, college, agency, partner },
  });

  // A walk-in person registered unemployed at district A's desk (opens a case there).
  const person = await createPersonVia(t.app, staffA.headers, walkIn());
  const registration = await registerUnemployedVia(t.app, staffA.headers, person.id);
  const caseRow = await t.db
    .selectFrom('cases')
    .select('id')
    .where('personId', '=', person.id)
    .executeTakeFirst();
  kinds.push({
    name: 'person',
    prefix: '/api/v1/persons/',
    id: person.id,
    owner: staffA,
    others: { staffB, seekerB, employerA, employerB, college, agency, partner },
  });
  kinds.push({
    name: 'registration',
    prefix: '/api/v1/registrations/',
    id: registration.id,
    owner: staffA,
    others: { staffB, seekerB, employerA, college, agency, partner },
  });
  if (caseRow) {
    kinds.push({
      name: 'case',
      prefix: '/api/v1/cases/',
      id: caseRow.id,
      owner: staffA,
      others: { staffB, seekerB, employerA, college, agency, partner },
    });
  }

  // Seeker A's travel request home → Zhanjiang.
  const travel = await call<{ id: string }>(t, 'POST', '/api/v1/travel-requests', seekerA, requestBody());
  expect(travel.status, JSON.stringify(travel.body)).toBe(201);
  kinds.push({
    name: 'travel request',
    prefix: '/api/v1/travel-requests/',
    id: travel.body.id,
    owner: seekerA,
    others: { seekerB, employerB, college, agency, partner },
  });

  // A chartered bus from 柳州 with seeker A's seat on it.
  const trip = await call<{ id: string }>(t, 'POST', '/api/v1/bus-trips', bureau, {
    ...tripBody(staffA.user.id),
    status: 'open',
  });
  expect(trip.status, JSON.stringify(trip.body)).toBe(201);
  const booking = await call<{ id: string }>(
    t,
    'POST',
    `/api/v1/bus-trips/${trip.body.id}/bookings`,
    seekerA,
    {},
  );
  expect(booking.status, JSON.stringify(booking.body)).toBe(201);
  kinds.push({
    name: 'bus booking',
    prefix: '/api/v1/bus-bookings/',
    id: booking.body.id,
    owner: seekerA,
    others: { seekerB, employerB, college, agency },
  });

  // Enterprise A's policy application in district A.
  const policyCode = await createTestPolicy(t.app, bureau.headers);
  const policyApp = await insertApplication(t.db, {
    policyCode,
    enterpriseId: employerA.enterprise.id,
    status: 'submitted',
  });
  kinds.push({
    name: 'policy application',
    prefix: '/api/v1/policy-applications/',
    id: policyApp,
    owner: employerA,
    others: { employerB, seekerB, staffB, college, agency, partner },
    ownerSkips: {},
  });

  // Enterprise A's labour shortage.
  const shortage = await call<{ id: string }>(t, 'POST', '/api/v1/shortages', employerA, {
    enterpriseId: employerA.enterprise.id,
    occupationCode: '6-18-02-04',
    headcount: 10,
    deadline: chinaDay(t, 5),
    wageMinFen: 500_000,
    wageMaxFen: 700_000,
    cause: 'other',
  });
  expect(shortage.status, JSON.stringify(shortage.body)).toBe(201);
  kinds.push({
    name: 'shortage',
    prefix: '/api/v1/shortages/',
    id: shortage.body.id,
    owner: employerA,
    others: { employerB, seekerB, college, agency, partner },
  });

  // Shared employment and colleges (issue 6): A borrows workers from C; a college's cohort and
  // its agreement with A's internship demand; A as a key enterprise of district A.
  const lender = await clerkOf(t, '440811');
  const college2 = await signedIn(t.app, t.db, 'college');
  const idle = await call<{ id: string }>(t, 'POST', '/api/v1/idle-workforce', lender, {
    enterpriseId: lender.enterprise.id,
    workerCount: 10,
    occupationCodes: ['6-18-02-04'],
    availableFrom: chinaDay(t, 0),
    availableUntil: chinaDay(t, 30),
  });
  expect(idle.status, JSON.stringify(idle.body)).toBe(201);
  const agreement = await call<{ id: string }>(t, 'POST', '/api/v1/sharing-agreements', employerA, {
    shortageId: shortage.body.id,
    idleWorkforceId: idle.body.id,
    workerCount: 2,
    startsOn: chinaDay(t, 0),
    endsOn: chinaDay(t, 10),
    wageFen: 600_000,
    wagePayer: 'lender',
    injuryInsuranceCarrier: 'lender',
  });
  expect(agreement.status, JSON.stringify(agreement.body)).toBe(201);
  const cohort = await call<{ id: string }>(t, 'POST', '/api/v1/cohorts', college, {
    major: '焊接技术与自动化',
    occupationCodes: ['6-18-02-04'],
    studentCount: 5,
    graduationDate: chinaDay(t, 90),
    districtCode: '440803',
  });
  expect(cohort.status, JSON.stringify(cohort.body)).toBe(201);
  const demand = await call<{ id: string }>(t, 'POST', '/api/v1/enterprise-demands', employerA, {
    enterpriseId: employerA.enterprise.id,
    kind: 'internship',
    occupationCodes: ['6-18-02-04'],
    count: 5,
    startsOn: chinaDay(t, 0),
    endsOn: chinaDay(t, 60),
  });
  expect(demand.status, JSON.stringify(demand.body)).toBe(201);
  const collegeAgreement = await call<{ id: string }>(t, 'POST', '/api/v1/college-agreements', college, {
    cohortId: cohort.body.id,
    demandId: demand.body.id,
    studentCount: 2,
  });
  expect(collegeAgreement.status, JSON.stringify(collegeAgreement.body)).toBe(201);
  const keyEnterprise = await call(t, 'PUT', `/api/v1/key-enterprises/${employerA.enterprise.id}`, staffA, {
    reason: '重点企业',
    officerUserId: staffA.user.id,
  });
  expect(keyEnterprise.status, JSON.stringify(keyEnterprise.body)).toBeLessThan(300);
  kinds.push(
    {
      name: 'idle workforce',
      prefix: '/api/v1/idle-workforce/',
      id: idle.body.id,
      owner: lender,
      others: { employerB, seekerB, college, agency, partner },
    },
    {
      name: 'sharing agreement',
      prefix: '/api/v1/sharing-agreements/',
      id: agreement.body.id,
      owner: employerA,
      others: { employerB, seekerB, college, agency, partner, staffB },
    },
    {
      name: 'cohort',
      prefix: '/api/v1/cohorts/',
      id: cohort.body.id,
      owner: college,
      others: { college2, employerB, seekerB, agency, partner },
      openTo: {
        getCohort: 'a published cohort is offered to enterprises (clerks) for internships and hiring',
        listCohortStudents: 'enterprises see only students who agreed to be shown (none here: hiddenCount)',
      },
    },
    {
      name: 'enterprise demand',
      prefix: '/api/v1/enterprise-demands/',
      id: demand.body.id,
      owner: employerA,
      others: { employerB, seekerB, agency, partner },
    },
    {
      name: 'college agreement',
      prefix: '/api/v1/college-agreements/',
      id: collegeAgreement.body.id,
      owner: college,
      others: { college2, employerB, seekerB, agency, partner },
    },
    {
      name: 'key enterprise',
      prefix: '/api/v1/key-enterprises/',
      id: employerA.enterprise.id,
      owner: staffA,
      others: { staffB, employerB, seekerB, college, agency, partner },
    },
  );

  // Seeker A's own things under /me: a saved search, a notification, a session.
  const saved = await call<{ id: string }>(t, 'POST', '/api/v1/me/saved-searches', seekerA, {
    name: '霞山焊工',
    query: { q: '焊工', districtCode: '440803' },
  });
  expect(saved.status, JSON.stringify(saved.body)).toBe(201);
  const note = await t.db
    .insertInto('notifications')
    .values({ userId: seekerA.user.id, kind: 'test', titleZh: '测试', titleEn: 'Test', body: '{}' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const session = await t.db
    .selectFrom('sessions')
    .select('id')
    .where('userId', '=', seekerA.user.id)
    .executeTakeFirstOrThrow();
  kinds.push(
    {
      name: 'my saved search',
      prefix: '/api/v1/me/saved-searches/',
      id: saved.body.id,
      owner: seekerA,
      others: { seekerB },
    },
    {
      name: 'my notification',
      prefix: '/api/v1/me/notifications/',
      id: note.id,
      owner: seekerA,
      others: { seekerB, employerB },
    },
    {
      name: 'my session',
      prefix: '/api/v1/me/sessions/',
      id: session.id,
      owner: seekerA,
      others: { seekerB, employerB },
    },
  );

  // Enterprise A's monitoring reports.
  kinds.push({
    name: 'monitoring reports',
    prefix: '/api/v1/monitoring/enterprises/',
    id: employerA.enterprise.id,
    owner: employerA,
    others: { employerB, seekerB, staffB, college, agency, partner },
  });

  // A layoff alert on enterprise A in district A (early warning, issue 8).
  await seedWarningRules(t.db);
  const alertIds = await t.db.transaction().execute((tx) =>
    evaluateLayoff(
      tx,
      null,
      {
        enterpriseId: employerA.enterprise.id,
        enterpriseName: employerA.enterprise.name,
        districtCode: '440803',
        month: chinaDay(t, -40).slice(0, 7),
        startHeadcount: 100,
        layoffs: 60,
      },
      t.clock.now(),
    ),
  );
  expect(alertIds).toHaveLength(1);
  kinds.push({
    name: 'district alert',
    prefix: '/api/v1/alerts/',
    id: alertIds[0] as string,
    owner: staffA,
    others: { staffB, seekerB, employerA, employerB, college, agency, partner },
  });

  // A rural e-commerce project of district A's officer with one participant.
  const project = await call<{ id: string }>(t, 'POST', '/api/v1/ecommerce-projects', staffA, {
    name: '霞山海鲜直播带货',
    regionCode: '440803',
    product: '对虾',
    organiser: '霞山区海鲜专业合作社',
    organiserPhone: '+86 138-0000-5678',
    startsOn: chinaDay(t, -10),
  });
  expect(project.status, JSON.stringify(project.body)).toBe(201);
  const participant = await call<{ id: string }>(
    t,
    'POST',
    `/api/v1/ecommerce-projects/${project.body.id}/participants`,
    staffA,
    { person: { fullName: '陈阿妹', phone: uniquePhone() } },
  );
  expect(participant.status, JSON.stringify(participant.body)).toBe(201);
  kinds.push(
    {
      name: 'e-commerce project',
      prefix: '/api/v1/ecommerce-projects/',
      id: project.body.id,
      owner: staffA,
      others: { staffB, seekerB, employerA, college, agency, partner },
    },
    {
      name: 'e-commerce participant',
      prefix: '/api/v1/ecommerce-participants/',
      id: participant.body.id,
      owner: staffA,
      others: { staffB, seekerB, employerA, college, agency, partner },
    },
  );

  // Seeker A's start-up, its guarantee loan (granted by district A) and a deferral request.
  const startup = await call<{ id: string }>(t, 'POST', '/api/v1/startups', seekerA, {
    businessName: '霞山海鲜大排档',
    businessType: 'individual',
    districtCode: '440803',
    industryCode: 'H',
    startDate: chinaDay(t, -200),
    jobsCreated: 4,
    returnEvidence: {
      kind: 'outside_work',
      previousWorkRegionCode: '440300',
      previousEmployer: '深圳某电子厂',
    },
  });
  expect(startup.status, JSON.stringify(startup.body)).toBe(201);
  const loan = await call<{ id: string }>(
    t,
    'POST',
    `/api/v1/startups/${startup.body.id}/guarantee-loans`,
    seekerA,
    { amountRequestedFen: 20_000_000, bankName: '湛江农村商业银行', purpose: '购置冷库设备' },
  );
  expect(loan.status, JSON.stringify(loan.body)).toBe(201);
  for (const step of [
    { status: 'referred' },
    { status: 'granted', amountGrantedFen: 15_000_000, grantedOn: chinaDay(t, -30) },
  ]) {
    const moved = await call(t, 'PATCH', `/api/v1/guarantee-loans/${loan.body.id}`, staffA, step);
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
  }
  const deferral = await call<{ id: string }>(
    t,
    'POST',
    `/api/v1/guarantee-loans/${loan.body.id}/deferrals`,
    seekerA,
    { months: 6, reason: '疫情期间停业，现金流紧张' },
  );
  expect(deferral.status, JSON.stringify(deferral.body)).toBe(201);
  const founderOthers = { seekerB, staffB, employerA, employerB, college, agency, partner };
  kinds.push(
    {
      name: 'start-up',
      prefix: '/api/v1/startups/',
      id: startup.body.id,
      owner: seekerA,
      others: founderOthers,
    },
    {
      name: 'guarantee loan',
      prefix: '/api/v1/guarantee-loans/',
      id: loan.body.id,
      owner: seekerA,
      others: founderOthers,
    },
    {
      name: 'loan deferral',
      prefix: '/api/v1/loan-deferrals/',
      id: deferral.body.id,
      owner: seekerA,
      others: founderOthers,
    },
  );

  // A payout to enterprise A (city-wide payout:manage only) and an objection to another of its
  // applications during the public notice, which only the bureau resolves.
  const payee = await call(t, 'PUT', '/api/v1/payee-accounts', employerA, {
    subjectType: 'enterprise',
    subjectId: employerA.enterprise.id,
    accountName: employerA.enterprise.name,
    bankName: '中国工商银行湛江霞山支行',
    accountNumber: '6222 0201 0000 1234 567',
  });
  expect(payee.status, JSON.stringify(payee.body)).toBe(200);
  const approved = await insertApplication(t.db, {
    policyCode: await createTestPolicy(t.app, bureau.headers),
    enterpriseId: employerA.enterprise.id,
  });
  const batch = await t.app.inject({
    method: 'POST',
    url: '/api/v1/payout-batches',
    headers: { ...bureau.headers, 'idempotency-key': `idor-${approved}` },
    payload: { applicationIds: [approved] },
  });
  expect(batch.statusCode, batch.body).toBe(201);
  const payout = batch.json<{ payouts: { id: string }[] }>().payouts[0];
  expect(payout).toBeDefined();
  const onNotice = await insertApplication(t.db, {
    policyCode: await createTestPolicy(t.app, bureau.headers),
    enterpriseId: employerA.enterprise.id,
    status: 'notice',
  });
  await t.db
    .updateTable('policyApplications')
    .set({ noticeEndsAt: new Date(t.clock.now().getTime() + 5 * 86_400_000) })
    .where('id', '=', onNotice)
    .execute();
  const objection = await call<{ id: string }>(
    t,
    'POST',
    `/api/v1/policy-notices/${onNotice}/objections`,
    seekerB,
    { reason: '该企业去年已领取过同类补贴' },
  );
  expect(objection.status, JSON.stringify(objection.body)).toBe(201);
  kinds.push(
    {
      name: 'payout',
      prefix: '/api/v1/payouts/',
      id: payout?.id as string,
      owner: bureau,
      others: { staffA, staffB, employerA, employerB, seekerB, college, agency, partner },
    },
    {
      name: 'policy objection',
      prefix: '/api/v1/policy-objections/',
      id: objection.body.id,
      owner: bureau,
      others: { staffA, staffB, employerA, employerB, seekerB, college, agency, partner },
    },
  );

  // A purchased service: the bureau's contract with a verified agency (the agency sees its own).
  const agencyOwner = await signedIn(t.app, t.db, 'agency');
  const agencyOther = await signedIn(t.app, t.db, 'agency');
  let agencyOwnerId = '';
  for (const [i, a] of [agencyOwner, agencyOther].entries()) {
    const registered = await call<{ id: string }>(t, 'POST', '/api/v1/agencies', a, {
      name: `湛江南粤人力资源服务有限公司${i}`,
      licenceNumber: `4408IDOR${Date.now() % 1_000_000}${i}`,
      districtCode: '440803',
      contactName: '陈立',
      contactPhone: uniquePhone(),
      services: ['recruitment', 'labour_dispatch'],
    });
    expect(registered.status, JSON.stringify(registered.body)).toBe(201);
    const verified = await call(t, 'POST', `/api/v1/agencies/${registered.body.id}/review`, bureau, {
      decision: 'verify',
    });
    expect(verified.status, JSON.stringify(verified.body)).toBe(200);
    if (a === agencyOwner) agencyOwnerId = registered.body.id;
  }
  const contract = await call<{ id: string }>(t, 'POST', '/api/v1/service-contracts', bureau, {
    agencyId: agencyOwnerId,
    title: '为重点企业招聘普工',
    kind: 'recruitment',
    targetEnterpriseIds: [employerA.enterprise.id],
    occupationCodes: ['6-18-02-04'],
    targetCount: 3,
    priceFen: 3_000_000,
    startsOn: chinaDay(t, -10),
    endsOn: chinaDay(t, 300),
  });
  expect(contract.status, JSON.stringify(contract.body)).toBe(201);
  const deliverable = (phone: string) => ({
    kind: 'worker_placed',
    enterpriseId: employerA.enterprise.id,
    worker: { fullName: '李伟', phone },
    placedOn: chinaDay(t, 0),
    description: '已到岗',
  });
  // The body the others send below is one the owner may send.
  const delivered = await call(
    t,
    'POST',
    `/api/v1/service-contracts/${contract.body.id}/deliverables`,
    agencyOwner,
    deliverable(uniquePhone()),
  );
  expect(delivered.status, JSON.stringify(delivered.body)).toBe(201);
  kinds.push({
    name: 'service contract',
    prefix: '/api/v1/service-contracts/',
    id: contract.body.id,
    owner: agencyOwner,
    // Staff with labour:coordinate see every contract by design (agencies.policy.ts).
    others: { agencyOther, agency, employerA, employerB, seekerB, college, partner },
    validBodies: { reportDeliverable: deliverable(uniquePhone()) },
  });

  // A problem logged by district A's officer on key enterprise A.
  const serviceLog = await call<{ problems: { id: string }[] }>(
    t,
    'POST',
    `/api/v1/key-enterprises/${employerA.enterprise.id}/service-logs`,
    staffA,
    {
      servedOn: chinaDay(t, 0),
      kind: 'visit',
      notes: '走访企业，了解用工情况',
      problems: [{ category: 'policy', description: '咨询稳岗返还申请', deadline: chinaDay(t, 3) }],
    },
  );
  expect(serviceLog.status, JSON.stringify(serviceLog.body)).toBe(201);
  kinds.push({
    name: 'service problem',
    prefix: '/api/v1/service-problems/',
    id: serviceLog.body.problems[0]?.id as string,
    owner: staffA,
    others: { staffB, employerA, employerB, seekerB, college, agency, partner },
  });

  // Seeker A enrolled on a course of a training provider in district A.
  const provider = await signedIn(t.app, t.db, 'college');
  const otherProvider = await signedIn(t.app, t.db, 'college');
  for (const [i, p] of [provider, otherProvider].entries()) {
    const registered = await call(t, 'POST', '/api/v1/training-providers', p, {
      name: `湛江市技师学院${i}`,
      kind: 'college',
      licenceNumber: `PXIDOR${Date.now().toString(36).toUpperCase()}${i}`,
      districtCode: '440803',
    });
    expect(registered.status, JSON.stringify(registered.body)).toBe(201);
  }
  const now = t.clock.now();
  const course = await call<{ id: string }>(t, 'POST', '/api/v1/training-courses', provider, {
    occupationCode: '6-18-02-04',
    title: '焊工（初级）培训班',
    hours: 80,
    subsidyPerHeadFen: 150_000,
    schedule: '周一至周五 9:00–17:00',
    sessions: [
      {
        startsAt: new Date(now.getTime() + 2 * 86_400_000).toISOString(),
        endsAt: new Date(now.getTime() + 2 * 86_400_000 + 3600_000).toISOString(),
      },
    ],
    capacity: 30,
    districtCode: '440803',
    startsOn: chinaDay(t, -1),
    endsOn: chinaDay(t, 30),
  });
  expect(course.status, JSON.stringify(course.body)).toBe(201);
  const enrolment = await call<{ id: string }>(
    t,
    'POST',
    `/api/v1/training-courses/${course.body.id}/enrollments`,
    seekerA,
    {},
  );
  expect(enrolment.status, JSON.stringify(enrolment.body)).toBe(201);
  kinds.push({
    name: 'training enrolment',
    prefix: '/api/v1/training-enrollments/',
    id: enrolment.body.id,
    owner: seekerA,
    others: { seekerB, staffB, otherProvider, employerB, college, agency, partner },
  });

  // Enterprise A's public-welfare post with a person placed on it by district A.
  const post = await call<{ id: string }>(t, 'POST', '/api/v1/welfare-posts', employerA, {
    enterpriseId: employerA.enterprise.id,
    districtCode: '440803',
    title: '社区保洁员',
    duties: '负责社区公共区域保洁',
    headcount: 5,
    termMonths: 24,
    monthlySubsidyFen: 180_000,
    weeklyHours: 40,
  });
  expect(post.status, JSON.stringify(post.body)).toBe(201);
  // A man of 54 registered unemployed ("4050"): a person with employment difficulties.
  const hardToPlace = await createPersonVia(
    t.app,
    staffA.headers,
    walkIn({ fullName: '黄国强', idNumber: uniqueIdNumber('1972-03-10', 'male') }),
  );
  await registerUnemployedVia(t.app, staffA.headers, hardToPlace.id);
  const placement = await call<{ id: string }>(
    t,
    'POST',
    `/api/v1/welfare-posts/${post.body.id}/placements`,
    staffA,
    {
      personId: hardToPlace.id,
      startsOn: chinaDay(t, 0),
    },
  );
  expect(placement.status, JSON.stringify(placement.body)).toBe(201);
  kinds.push(
    {
      name: 'welfare post',
      prefix: '/api/v1/welfare-posts/',
      id: post.body.id,
      owner: employerA,
      others: { employerB, staffB, seekerB, college, agency, partner },
    },
    {
      name: 'welfare placement',
      prefix: '/api/v1/welfare-placements/',
      id: placement.body.id,
      owner: employerA,
      others: { employerB, staffB, seekerB, college, agency, partner },
    },
  );
});

afterAll(async () => {
  await t.close();
});

function firstParamPrefix(path: string): string | null {
  const i = path.indexOf('{');
  return i < 0 ? null : path.slice(0, i);
}

describe('no access across enterprises, districts or persons by changing ids (IDOR)', () => {
  it('every route with a path parameter belongs to an owned kind or is listed as not owned', () => {
    const unplaced = ops
      .map((o) => firstParamPrefix(o.path))
      .filter((p): p is string => p !== null)
      .filter(
        (p) => !kinds.some((k) => p === k.prefix) && !Object.keys(NOT_OWNED).some((n) => p.startsWith(n)),
      );
    // Every prefix has a kind above or a reason in NOT_OWNED; a new one is reported here.
    expect([...new Set(unplaced)].sort()).toEqual([]);
  });

  it('others cannot read an owned record; its owner can', { timeout: 300_000 }, async () => {
    let checked = 0;
    const failures: string[] = [];
    for (const kind of kinds) {
      const reads = ops.filter((o) => o.method === 'GET' && firstParamPrefix(o.path) === kind.prefix);
      for (const op of reads) {
        const open = kind.openTo?.[op.operationId] !== undefined;
        const url = op.path
          .replace(/\{(\w+)\}/, kind.id)
          .replace(/\{(\w+)\}/g, '00000000-0000-4000-8000-000000000000');
        const single = (op.path.match(/\{/g) ?? []).length === 1;
        if (single && !kind.ownerSkips?.[op.operationId]) {
          const mine = await t.app.inject({ method: 'GET', url, headers: kind.owner.headers });
          if (mine.statusCode >= 300)
            failures.push(
              `${kind.name}: owner ${op.operationId} ${url} → ${mine.statusCode} ${mine.body.slice(0, 200)}`,
            );
        }
        for (const [who, caller] of Object.entries(kind.others)) {
          const res = await t.app.inject({ method: 'GET', url, headers: caller.headers });
          checked++;
          if (res.statusCode >= 500)
            failures.push(`${kind.name}: ${who} ${op.operationId} ${url} → ${res.statusCode}`);
          else if (res.statusCode < 300 && !open)
            failures.push(`${kind.name}: ${who} ${op.operationId} ${url} → ${res.statusCode}`);
          else if (res.statusCode < 300) {
            for (const secret of kind.secrets ?? []) {
              if (res.body.includes(secret))
                failures.push(`${kind.name}: ${who} ${op.operationId} saw ${secret}`);
            }
          } else if (!open && res.statusCode !== 403 && res.statusCode !== 404) {
            failures.push(
              `${kind.name}: ${who} ${op.operationId} ${url} → ${res.statusCode} (expected 403/404)`,
            );
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(50);
  });

  it(
    'others cannot change an owned record, and a refused change stores nothing',
    { timeout: 1_200_000 },
    async () => {
      let checked = 0;
      // Each request is checked against the state after the previous one (nothing may change in
      // between), so one fingerprint per request suffices.
      let before = await fingerprint(t.db);
      for (const kind of kinds) {
        const writes = ops.filter(
          (o) =>
            o.method !== 'GET' && firstParamPrefix(o.path) === kind.prefix && !kind.openTo?.[o.operationId],
        );
        for (const op of writes) {
          // Three schema-shaped bodies per caller, so the request reaches the ownership check
          // rather than stopping at validation.
          const samples = fc.sample(
            requestArb(op, resolve, (name) =>
              op.path.indexOf(`{${name}}`) === op.path.indexOf('{') ? kind.id : undefined,
            ),
            { numRuns: 3, seed: 20200401 },
          );
          const valid = kind.validBodies?.[op.operationId];
          if (valid !== undefined) samples.push({ url: op.path.replace(/\{(\w+)\}/, kind.id), body: valid });
          for (const [who, caller] of Object.entries(kind.others)) {
            for (const s of samples) {
              const res = await t.app.inject({
                method: op.method as 'POST',
                url: s.url,
                headers: {
                  ...caller.headers,
                  ...(op.bodyContentType === 'application/json'
                    ? { 'content-type': 'application/json' }
                    : {}),
                },
                ...(op.bodyContentType === 'application/json'
                  ? { payload: JSON.stringify(s.body ?? {}) }
                  : {}),
              });
              const where = `${kind.name}: ${who} ${op.method} ${s.url} → ${res.statusCode} ${res.body.slice(0, 200)}`;
              expect(res.statusCode, where).toBeGreaterThanOrEqual(400);
              expect(res.statusCode, where).toBeLessThan(500);
              const after = await fingerprint(t.db);
              expect(changedTables(before, after), where).toEqual([]);
              before = after;
              checked++;
            }
          }
        }
      }
      expect(checked).toBeGreaterThan(100);
    },
  );
});
