import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agency, Deliverable, ServiceContract } from '@jiuye/shared';
import { testApp, type TestApp } from '../../../test/app.js';
import { signedIn, uniquePhone } from '../../../test/factories.js';
import { createEnterprise, createPosting } from '../../../test/channel-factories.js';
import { cityWideStaff, seekerFrom, type Session } from '../partner-regions/partner-regions.test-support.js';
import { agencyReviewAllowed, contractCloseAllowed, deliverableReviewAllowed } from './agencies.policy.js';

let t: TestApp;
const enterprises: string[] = [];
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  if (enterprises.length > 0) {
    await t.db
      .updateTable('jobPostings')
      .set({ status: 'closed', closedReason: 'test' })
      .where('enterpriseId', 'in', enterprises)
      .execute();
  }
  await t.close();
});

type Problem = { code: string; errors?: { path: string; code: string }[] };

let licenceSeq = 0;
async function agencyAccount(): Promise<{ session: Session; agency: Agency }> {
  const session = await signedIn(t.app, t.db, 'agency');
  licenceSeq += 1;
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/agencies',
    headers: session.headers,
    payload: {
      name: '湛江南粤人力资源服务有限公司',
      licenceNumber: `4408${Date.now() % 1_000_000}${licenceSeq}`,
      districtCode: '440803',
      contactName: '陈立',
      contactPhone: uniquePhone(),
      services: ['recruitment', 'labour_dispatch'],
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return { session, agency: res.json<Agency>() };
}

async function verify(staff: Session, agencyId: string) {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/agencies/${agencyId}/review`,
    headers: staff.headers,
    payload: { decision: 'verify' },
  });
}

async function keyEnterprise() {
  const owner = await signedIn(t.app, t.db, 'employer');
  const e = await createEnterprise(t.db, { ownerUserId: owner.user.id, ownerPhone: owner.user.phone });
  enterprises.push(e.id);
  return { owner, enterprise: e };
}

async function contract(staff: Session, agencyId: string, enterpriseIds: string[], targetCount = 3) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/service-contracts',
    headers: staff.headers,
    payload: {
      agencyId,
      title: '为重点企业招聘普工',
      kind: 'recruitment',
      targetEnterpriseIds: enterpriseIds,
      occupationCodes: ['6-18-02-04'],
      targetCount,
      priceFen: 3_000_000,
      startsOn: '2026-01-01',
      endsOn: '2027-12-31',
    },
  });
}

const today = () => new Date(t.clock.now().getTime() + 8 * 3600_000).toISOString().slice(0, 10);

async function placeWorker(
  agency: Session,
  contractId: string,
  enterpriseId: string,
  name: string,
  phone = uniquePhone(),
) {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/service-contracts/${contractId}/deliverables`,
    headers: agency.headers,
    payload: {
      kind: 'worker_placed',
      enterpriseId,
      worker: { fullName: name, phone },
      placedOn: today(),
      description: '已到岗',
    },
  });
}

async function reviewDeliverable(
  staff: Session,
  contractId: string,
  id: string,
  decision: 'verify' | 'reject' = 'verify',
) {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/service-contracts/${contractId}/deliverables/${id}/review`,
    headers: staff.headers,
    payload: decision === 'verify' ? { decision } : { decision, reason: '未能核实到岗' },
  });
}

describe('state rules', () => {
  it.each([
    ['pending', 'verify', true],
    ['pending', 'reject', true],
    ['pending', 'suspend', false],
    ['verified', 'suspend', true],
    ['verified', 'verify', false],
    ['suspended', 'verify', true],
    ['rejected', 'reject', false],
  ] as const)('agency %s → %s: %s', (from, decision, ok) => {
    expect(agencyReviewAllowed(from, decision)).toBe(ok);
  });
  it('closes active contracts and reviews pending deliverables only', () => {
    expect(contractCloseAllowed('active')).toBe(true);
    expect(contractCloseAllowed('completed')).toBe(false);
    expect(deliverableReviewAllowed('pending')).toBe(true);
    expect(deliverableReviewAllowed('verified')).toBe(false);
  });
});

describe('HR service agencies and purchased services', () => {
  it('registers an agency once, staff verify it; contracts need a verified agency and a city-wide officer', async () => {
    const { session, agency } = await agencyAccount();
    expect(agency.status).toBe('pending');
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/agencies',
      headers: session.headers,
      payload: {
        name: '另一家',
        licenceNumber: agency.licenceNumber,
        districtCode: '440803',
        contactName: '陈立',
        contactPhone: uniquePhone(),
        services: ['recruitment'],
      },
    });
    expect(again.statusCode).toBe(409);
    const other = await signedIn(t.app, t.db, 'agency');
    const taken = await t.app.inject({
      method: 'POST',
      url: '/api/v1/agencies',
      headers: other.headers,
      payload: {
        name: '另一家',
        licenceNumber: agency.licenceNumber,
        districtCode: '440803',
        contactName: '陈立',
        contactPhone: uniquePhone(),
        services: ['recruitment'],
      },
    });
    expect(taken.json<Problem>().errors?.[0]).toMatchObject({
      path: 'licenceNumber',
      code: 'licence_number_taken',
    });

    const staff = await cityWideStaff(t.app, t.db);
    const { enterprise } = await keyEnterprise();
    const early = await contract(staff, agency.id, [enterprise.id]);
    expect(early.json<Problem>().code).toBe('agency_not_verified');
    const otherDistrict = await signedIn(t.app, t.db, 'staff', { districtCodes: ['440802'] });
    expect((await verify(otherDistrict, agency.id)).statusCode).toBe(403);
    const verified = await verify(staff, agency.id);
    expect(verified.json<Agency>().status).toBe('verified');
    const district = await signedIn(t.app, t.db, 'staff');
    expect((await contract(district, agency.id, [enterprise.id])).statusCode).toBe(403);
    const unknownEnterprise = await contract(staff, agency.id, [
      enterprise.id,
      '00000000-0000-4000-8000-000000000000',
    ]);
    expect(unknownEnterprise.json<Problem>().errors?.[0]).toMatchObject({
      path: 'targetEnterpriseIds.1',
      code: 'enterprise_unknown',
    });
    const badPeriod = await t.app.inject({
      method: 'POST',
      url: '/api/v1/service-contracts',
      headers: staff.headers,
      payload: {
        agencyId: agency.id,
        title: '招聘',
        kind: 'recruitment',
        targetEnterpriseIds: [enterprise.id],
        targetCount: 0,
        priceFen: 1.5,
        startsOn: '2026-05-01',
        endsOn: '2026-04-01',
      },
    });
    expect(badPeriod.statusCode).toBe(400);
    expect(badPeriod.json<Problem>().errors?.map((e) => e.path)).toEqual(
      expect.arrayContaining(['targetCount', 'priceFen']),
    );
    const backwards = await t.app.inject({
      method: 'POST',
      url: '/api/v1/service-contracts',
      headers: staff.headers,
      payload: {
        agencyId: agency.id,
        title: '招聘',
        kind: 'recruitment',
        targetEnterpriseIds: [enterprise.id],
        targetCount: 5,
        priceFen: 100,
        startsOn: '2026-05-01',
        endsOn: '2026-04-01',
      },
    });
    expect(backwards.json<Problem>().errors).toEqual([
      expect.objectContaining({ path: 'endsOn', code: 'date_order' }),
    ]);
    const mine = await t.app.inject({ method: 'GET', url: '/api/v1/me/agency', headers: session.headers });
    expect(mine.json<Agency>().id).toBe(agency.id);
  });

  it('recruits N workers: deliverables reported, verified up to the target, progress per contract', async () => {
    const { session, agency } = await agencyAccount();
    const staff = await cityWideStaff(t.app, t.db);
    await verify(staff, agency.id);
    const a = await keyEnterprise();
    const b = await keyEnterprise();
    const outsider = await keyEnterprise();
    const created = await contract(staff, agency.id, [a.enterprise.id, b.enterprise.id], 2);
    expect(created.statusCode, created.body).toBe(201);
    const c = created.json<ServiceContract>();
    expect(c.progress).toMatchObject({ targetCount: 2, verified: 0, pending: 0, percent: 0 });
    expect(c.targetEnterprises.map((e) => e.id).sort()).toEqual([a.enterprise.id, b.enterprise.id].sort());

    // An agency sees only its own contracts.
    const { session: otherAgency } = await agencyAccount();
    const hidden = await t.app.inject({
      method: 'GET',
      url: `/api/v1/service-contracts/${c.id}`,
      headers: otherAgency.headers,
    });
    expect(hidden.statusCode).toBe(404);
    const otherList = await t.app.inject({
      method: 'GET',
      url: '/api/v1/service-contracts',
      headers: otherAgency.headers,
    });
    expect(otherList.json<{ total: number }>().total).toBe(0);
    const spoof = await t.app.inject({
      method: 'GET',
      url: `/api/v1/service-contracts?agencyId=${agency.id}`,
      headers: otherAgency.headers,
    });
    expect(spoof.json<{ total: number }>().total).toBe(0);
    const foreignReport = await placeWorker(otherAgency, c.id, a.enterprise.id, '王五');
    expect(foreignReport.statusCode).toBe(404);
    const ownList = await t.app.inject({
      method: 'GET',
      url: '/api/v1/service-contracts',
      headers: session.headers,
    });
    expect(ownList.json<{ items: ServiceContract[] }>().items.map((x) => x.id)).toEqual([c.id]);

    const notTarget = await placeWorker(session, c.id, outsider.enterprise.id, '赵六');
    expect(notTarget.json<Problem>().errors?.[0]).toMatchObject({
      path: 'enterpriseId',
      code: 'enterprise_not_target',
    });
    const phone = uniquePhone();
    const w1 = await placeWorker(session, c.id, a.enterprise.id, '张三', phone);
    expect(w1.statusCode, w1.body).toBe(201);
    const d1 = w1.json<Deliverable>();
    expect(d1).toMatchObject({ status: 'pending', workerName: '张三', enterpriseName: a.enterprise.name });
    expect(d1.workerPhoneMasked).toMatch(/\*{4}/);
    const dup = await placeWorker(session, c.id, a.enterprise.id, '张三', phone);
    expect(dup.statusCode).toBe(409);
    expect(dup.json<Problem>().errors?.[0]?.code).toBe('deliverable_exists');
    const d2 = (await placeWorker(session, c.id, b.enterprise.id, '李四')).json<Deliverable>();
    const d3 = (await placeWorker(session, c.id, b.enterprise.id, '钱七')).json<Deliverable>();

    // A platform hire by a target enterprise is a valid reference too.
    const seeker = await seekerFrom(t.app, t.db);
    const posting = await createPosting(t.db, a.enterprise);
    const applied = await t.app.inject({
      method: 'POST',
      url: `/api/v1/job-postings/${posting.id}/applications`,
      headers: seeker.headers,
      payload: { shareResumeConsent: true },
    });
    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/applications/${applied.json<{ id: string }>().id}`,
      headers: a.owner.headers,
      payload: { status: 'hired' },
    });
    const hire = await t.db
      .selectFrom('hires')
      .select('id')
      .where('seekerUserId', '=', seeker.user.id)
      .executeTakeFirstOrThrow();
    const wrongEnterprise = await t.app.inject({
      method: 'POST',
      url: `/api/v1/service-contracts/${c.id}/deliverables`,
      headers: session.headers,
      payload: { kind: 'worker_placed', enterpriseId: b.enterprise.id, hireId: hire.id, placedOn: today() },
    });
    expect(wrongEnterprise.json<Problem>().errors?.[0]).toMatchObject({
      path: 'hireId',
      code: 'hire_unknown',
    });
    const byHire = await t.app.inject({
      method: 'POST',
      url: `/api/v1/service-contracts/${c.id}/deliverables`,
      headers: session.headers,
      payload: { kind: 'worker_placed', enterpriseId: a.enterprise.id, hireId: hire.id, placedOn: today() },
    });
    expect(byHire.statusCode, byHire.body).toBe(201);
    expect(byHire.json<Deliverable>()).toMatchObject({ hireId: hire.id, workerName: '李建国' });

    // Staff verify: racing verifications never pass the target of 2.
    const district = await signedIn(t.app, t.db, 'staff');
    expect((await reviewDeliverable(district, c.id, d1.id)).statusCode).toBe(403);
    const results = await Promise.all([d1, d2, d3].map((d) => reviewDeliverable(staff, c.id, d.id)));
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(2);
    expect(results.filter((r) => r.statusCode === 409).map((r) => r.json<Problem>().code)).toEqual([
      'contract_target_reached',
    ]);
    const rejected = await reviewDeliverable(staff, c.id, byHire.json<Deliverable>().id, 'reject');
    expect(rejected.json<Deliverable>().status).toBe('rejected');

    const progress = await t.app.inject({
      method: 'GET',
      url: `/api/v1/service-contracts/${c.id}`,
      headers: session.headers,
    });
    expect(progress.json<ServiceContract>().progress).toMatchObject({
      verified: 2,
      pending: 1,
      rejected: 1,
      percent: 100,
    });
    const row = await t.db
      .selectFrom('serviceContracts')
      .select('verifiedCount')
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(row.verifiedCount).toBe(2);

    const pendingOnly = await t.app.inject({
      method: 'GET',
      url: `/api/v1/service-contracts/${c.id}/deliverables?status=pending`,
      headers: staff.headers,
    });
    expect(pendingOnly.json<{ total: number }>().total).toBe(1);

    const closed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/service-contracts/${c.id}/close`,
      headers: staff.headers,
      payload: { outcome: 'completed' },
    });
    expect(closed.json<ServiceContract>().status).toBe('completed');
    const afterClose = await placeWorker(session, c.id, a.enterprise.id, '孙八');
    expect(afterClose.json<Problem>().code).toBe('contract_not_active');
    const audit = await t.db
      .selectFrom('auditLog')
      .select('action')
      .where('entityId', 'in', [c.id, d1.id, d2.id, d3.id])
      .execute();
    expect(audit.map((x) => x.action)).toEqual(
      expect.arrayContaining([
        'service_contract.create',
        'service_deliverable.report',
        'service_deliverable.verify',
        'service_contract.complete',
      ]),
    );
    const told = await t.db
      .selectFrom('notifications')
      .select('kind')
      .where('userId', '=', session.user.id)
      .execute();
    expect(told.map((n) => n.kind)).toEqual(
      expect.arrayContaining(['agency_review', 'service_contract', 'service_deliverable']),
    );
  });
});
