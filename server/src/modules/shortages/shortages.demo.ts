import type { Executor } from '../../db/database.js';
import * as repo from './shortages.repository.js';

const DAY = 86_400_000;

function chinaDate(now: Date, days: number): string {
  return new Date(now.getTime() + days * DAY + 8 * 3600_000).toISOString().slice(0, 10);
}

export type DemoShortageInput = {
  enterpriseId: string;
  districtCode: string;
  title: string;
  occupationCode: string;
  headcount: number;
  deadlineInDays: number;
  urgency: 'low' | 'normal' | 'high' | 'critical';
  cause: 'workers_not_returned' | 'new_orders' | 'expansion' | 'turnover' | 'seasonal' | 'other';
  wageMinFen: number;
  wageMaxFen: number;
  reportedBy: string;
};

/** Demo labour shortages (issue 6): open reports for the staff board and the matcher. */
export async function seedDemoShortages(
  tx: Executor,
  o: { now: Date; shortages: readonly DemoShortageInput[] },
): Promise<string[]> {
  const ids: string[] = [];
  for (const s of o.shortages) {
    ids.push(
      await repo.insertShortage(tx, {
        enterpriseId: s.enterpriseId,
        title: s.title,
        occupationCode: s.occupationCode,
        headcount: s.headcount,
        deadline: chinaDate(o.now, s.deadlineInDays),
        neededUntil: null,
        districtCode: s.districtCode,
        wageMinFen: s.wageMinFen,
        wageMaxFen: s.wageMaxFen,
        wagePeriod: 'month',
        urgency: s.urgency,
        cause: s.cause,
        causeNote: null,
        reportedBy: s.reportedBy,
        at: o.now,
      }),
    );
  }
  return ids;
}
