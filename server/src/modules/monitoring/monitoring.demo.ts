import type { Executor } from '../../db/database.js';
import { writeAudit } from '../../platform/audit.js';
import { chinaMonth, shiftMonth } from '../statistics/index.js';
import { evaluateLayoff } from '../warnings/index.js';
import * as repo from './monitoring.repository.js';

/**
 * Demo: up to four sample enterprises with six months of balanced reports; the first of them cut
 * 200 → 170 last month (30 layoffs), which raises the layoff early warning (Labour Contract Law art. 41).
 */
export async function seedDemoMonitoring(
  tx: Executor,
  o: {
    now: Date;
    designatedBy: string;
    submittedBy: string;
    enterprises: { id: string; name: string; districtCode: string }[];
  },
): Promise<number> {
  const last = shiftMonth(chinaMonth(o.now), -1);
  const first = shiftMonth(last, -5);
  const starts = [200, 120, 80, 60];
  let n = 0;
  for (const [i, e] of o.enterprises.slice(0, 4).entries()) {
    await repo.upsertSample(tx, {
      enterpriseId: e.id,
      districtCode: e.districtCode,
      firstMonth: first,
      note: '演示样本企业',
      designatedBy: o.designatedBy,
      at: o.now,
    });
    let head = starts[i] ?? 50;
    for (let k = 0; k < 6; k += 1) {
      const month = shiftMonth(first, k);
      const layoffDemo = i === 0 && k === 5;
      const hires = layoffDemo ? 0 : 3 + ((i + k) % 3);
      const resignation = layoffDemo ? 0 : 2 + ((i * 2 + k) % 3);
      const retirement = k === 2 ? 1 : 0;
      const layoff = layoffDemo ? 30 : 0;
      // Keep the layoff enterprise at 200 at the start of its last month.
      const adjust = i === 0 && !layoffDemo ? 0 : hires - resignation - retirement - layoff;
      const end = head + adjust;
      const h = i === 0 && !layoffDemo ? resignation + retirement : hires;
      await repo.insertReport(tx, {
        enterpriseId: e.id,
        districtCode: e.districtCode,
        month,
        startHeadcount: head,
        endHeadcount: end,
        hires: h,
        sepLayoff: layoff,
        sepResignation: resignation,
        sepContractEnd: 0,
        sepRetirement: retirement,
        sepOther: 0,
        note: null,
        late: false,
        by: o.submittedBy,
        at: o.now,
      });
      if (layoffDemo) {
        await evaluateLayoff(
          tx,
          null,
          {
            enterpriseId: e.id,
            enterpriseName: e.name,
            districtCode: e.districtCode,
            month,
            startHeadcount: head,
            layoffs: layoff,
          },
          o.now,
        );
      }
      head = end;
      n += 1;
    }
  }
  await writeAudit(tx, null, { action: 'demo.monitoring', entityType: 'system', summary: { reports: n } });
  return n;
}
