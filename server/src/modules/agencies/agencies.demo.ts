import type { Executor } from '../../db/database.js';
import * as repo from './agencies.repository.js';

/**
 * Demo agency (issue 6): the demo agency account's HR service agency, verified, with a purchased-
 * service contract to recruit 30 workers for key enterprises this quarter.
 */
export async function seedDemoAgency(
  tx: Executor,
  a: { now: Date; agencyUserId: string; bureauOfficerId: string; enterpriseIds: readonly string[] },
): Promise<{ agencyId: string; contractId: string | null }> {
  const agencyId = await repo.insertAgency(tx, {
    ownerUserId: a.agencyUserId,
    name: '湛江南方人力资源服务有限公司',
    licenceNumber: '440800202000017',
    creditCode: null,
    districtCode: '440803',
    address: '湛江市霞山区解放西路 28 号',
    contactName: '陈立',
    contactPhone: '13500000001',
    services: ['recruitment', 'labour_dispatch', 'career_guidance'],
    at: a.now,
  });
  await repo.setAgencyStatus(tx, agencyId, 'pending', 'verified', {
    reason: null,
    by: a.bureauOfficerId,
    at: a.now,
  });
  if (a.enterpriseIds.length === 0) return { agencyId, contractId: null };
  const day = (d: number) =>
    new Date(a.now.getTime() + 8 * 3600_000 + d * 86_400_000).toISOString().slice(0, 10);
  const contractId = await repo.insertContract(
    tx,
    {
      agencyId,
      title: '重点企业复工复产用工招聘服务',
      kind: 'recruitment',
      description: '为重点企业招聘一线操作工 30 名，按到岗人数核验结算。',
      occupationCodes: [],
      targetCount: 30,
      priceFen: 4_500_000,
      startsOn: day(-10),
      endsOn: day(80),
      createdBy: a.bureauOfficerId,
      at: a.now,
    },
    a.enterpriseIds,
  );
  return { agencyId, contractId };
}
