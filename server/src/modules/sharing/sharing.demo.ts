import type { Executor } from '../../db/database.js';
import * as repo from './sharing.repository.js';

const DAY = 86_400_000;

function chinaDate(now: Date, days: number): string {
  return new Date(now.getTime() + days * DAY + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Demo idle-workforce declarations (issue 6): enterprises with workers to lend for 60–90 days. */
export async function seedDemoIdleWorkforce(
  tx: Executor,
  o: {
    now: Date;
    declarations: readonly {
      enterpriseId: string;
      districtCode: string;
      workerCount: number;
      occupationCodes: string[];
      skills: string[];
      days: number;
      note: string;
      createdBy: string;
    }[];
  },
): Promise<void> {
  for (const d of o.declarations) {
    await repo.insertIdle(tx, {
      enterpriseId: d.enterpriseId,
      districtCode: d.districtCode,
      workerCount: d.workerCount,
      occupationCodes: d.occupationCodes,
      skills: d.skills,
      availableFrom: chinaDate(o.now, 0),
      availableUntil: chinaDate(o.now, d.days),
      note: d.note,
      createdBy: d.createdBy,
      at: o.now,
    });
  }
}
