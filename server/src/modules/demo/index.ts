import type { Role } from '@jiuye/shared';
import type { AppDeps } from '../../platform/context.js';
import { writeAudit } from '../../platform/audit.js';
import { hashPassword } from '../accounts/index.js';
import { insertDemoUser, isDemoLoaded, markDemoLoaded } from './demo.repository.js';

/** Shared by every demo account; printed at start. Demo data is for trying Jiuye, never production. */
export const DEMO_PASSWORD = 'Zhanjiang2020';

export const DEMO_ACCOUNTS: readonly {
  role: Role;
  phone: string;
  displayName: string;
  districtCodes?: string[];
}[] = [
  {
    role: 'staff',
    phone: '13800000001',
    displayName: '霞山区就业服务中心 林科长',
    districtCodes: ['440803'],
  },
  {
    role: 'staff',
    phone: '13800000002',
    displayName: '市人社局 陈主任',
    districtCodes: ['440802', '440803', '440804', '440811', '440823', '440825', '440881', '440882', '440883'],
  },
  { role: 'employer', phone: '13900000001', displayName: '湛江港湾水产食品有限公司 人事 王敏' },
  { role: 'seeker', phone: '13700000001', displayName: '黄志强' },
  { role: 'seeker', phone: '13700000002', displayName: '李小梅' },
  { role: 'college', phone: '13600000001', displayName: '湛江市技师学院 招生就业处' },
  { role: 'agency', phone: '13500000001', displayName: '湛江南方人力资源服务有限公司' },
];

/** Loads demo accounts once (first start); answers whether this start loaded them. */
export async function loadDemoData(deps: AppDeps): Promise<boolean> {
  if (await isDemoLoaded(deps.db)) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await deps.db.transaction().execute(async (tx) => {
    for (const a of DEMO_ACCOUNTS) {
      await insertDemoUser(tx, { ...a, districtCodes: a.districtCodes ?? [], passwordHash });
    }
    await markDemoLoaded(tx);
    await writeAudit(tx, null, {
      action: 'demo.load',
      entityType: 'system',
      summary: { accounts: DEMO_ACCOUNTS.length },
    });
  });
  return true;
}
