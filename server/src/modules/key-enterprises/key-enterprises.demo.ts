import type { Executor } from '../../db/database.js';
import * as repo from './key-enterprises.repository.js';

const DAY = 86_400_000;

function chinaDate(now: Date, days: number): string {
  return new Date(now.getTime() + days * DAY + 8 * 3600_000).toISOString().slice(0, 10);
}

/**
 * Demo key enterprise (issue 6): the demo employer's enterprise marked key with a service officer,
 * a visit ten days ago and two problems, one of them past its deadline (the overdue list).
 */
export async function seedDemoKeyEnterprises(
  tx: Executor,
  o: { now: Date; enterpriseId: string; officerUserId: string; markedBy: string },
): Promise<void> {
  await repo.upsertKeyEnterprise(tx, {
    enterpriseId: o.enterpriseId,
    reason: '水产品出口加工重点企业，复工复产用工缺口大',
    officerUserId: o.officerUserId,
    markedBy: o.markedBy,
    at: new Date(o.now.getTime() - 14 * DAY),
  });
  const logId = await repo.insertLog(tx, {
    enterpriseId: o.enterpriseId,
    officerUserId: o.officerUserId,
    servedOn: chinaDate(o.now, -10),
    kind: 'visit',
    notes: '走访企业，了解复工进度：已复工约六成，缺少水产品加工工约30人；咨询社保缓缴政策。',
    internalNote: '企业资金周转较紧，可优先推荐稳岗返还。',
    at: new Date(o.now.getTime() - 10 * DAY),
  });
  await repo.insertProblems(tx, [
    {
      enterpriseId: o.enterpriseId,
      serviceLogId: logId,
      category: 'labour_shortage',
      description: '缺少水产品加工工约30人，希望两周内到岗',
      deadline: chinaDate(o.now, 4),
      createdAt: new Date(o.now.getTime() - 10 * DAY),
      updatedAt: new Date(o.now.getTime() - 10 * DAY),
    },
    {
      enterpriseId: o.enterpriseId,
      serviceLogId: logId,
      category: 'social_insurance',
      description: '申请阶段性减免企业社会保险费，需指导线上办理',
      deadline: chinaDate(o.now, -3),
      createdAt: new Date(o.now.getTime() - 10 * DAY),
      updatedAt: new Date(o.now.getTime() - 10 * DAY),
    },
  ]);
}
