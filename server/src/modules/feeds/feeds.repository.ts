import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';

export type FeedRow = {
  id: string;
  status: string;
  cursorTs: string;
  updatedAt: Date;
  title: string;
  enterpriseId: string;
  enterpriseName: string;
  occupationCode: string;
  districtCode: string;
  headcount: number;
  salaryMonthMinFen: number;
  salaryMonthMaxFen: number;
  employmentType: string;
  expiresOn: string;
  publishedAt: Date | null;
};

/**
 * Postings that were ever published, changed after (ts, id), oldest change first. Rows changed in the
 * last `settleSeconds` are held back: a transaction that commits late may carry an earlier
 * updated_at, and a cursor past it would skip it for good.
 */
export async function feedPage(
  db: Executor,
  after: { ts: string; id: string },
  limit: number,
  settleSeconds: number,
): Promise<FeedRow[]> {
  const r = await sql<FeedRow>`
    SELECT p.id, p.status, p.updated_at, p.title, p.enterprise_id, e.name AS enterprise_name, p.occupation_code,
      p.district_code, p.headcount, p.salary_month_min_fen, p.salary_month_max_fen, p.employment_type,
      to_char(p.expires_on, 'YYYY-MM-DD') AS expires_on, p.published_at,
      to_char(p.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_ts
    FROM job_postings p JOIN enterprises e ON e.id = p.enterprise_id
    WHERE p.published_at IS NOT NULL
      AND (p.updated_at, p.id) > (${after.ts}::timestamptz, ${after.id}::uuid)
      AND p.updated_at < now() - make_interval(secs => ${settleSeconds})
    ORDER BY p.updated_at, p.id
    LIMIT ${limit}
  `.execute(db);
  return r.rows;
}
