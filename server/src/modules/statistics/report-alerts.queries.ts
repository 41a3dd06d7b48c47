import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import { monthBounds } from './statistics.period.js';

export type AlertCountRow = {
  /** The alert's district, or null for city-level alerts (an occupation's ratio). */
  districtCode: string | null;
  kind: string;
  total: number;
  /** Not yet resolved (open or acknowledged). */
  unresolved: number;
};

/**
 * Early-warning alerts of a month for the monthly report: alerts about that month (period = month)
 * and alerts about a waiting record ('once') raised during it (China time). A read model over the
 * warnings module's table, like the other statistics queries.
 */
export async function alertCountsOfMonth(db: Executor, month: string): Promise<AlertCountRow[]> {
  const { from, to } = monthBounds(month);
  const r = await sql<{ districtCode: string | null; kind: string; total: string; unresolved: string }>`
    SELECT district_code, kind, count(*) AS total, count(*) FILTER (WHERE status <> 'resolved') AS unresolved
    FROM warning_alerts
    WHERE period = ${month} OR (period = 'once' AND raised_at >= ${from} AND raised_at < ${to})
    GROUP BY 1, 2 ORDER BY 1, 2
  `.execute(db);
  return r.rows.map((x) => ({
    districtCode: x.districtCode?.trim() ?? null,
    kind: x.kind,
    total: Number(x.total),
    unresolved: Number(x.unresolved),
  }));
}
