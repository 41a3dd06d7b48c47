import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen history */
/**
 * Issue 10, Excel import: the rollup trigger on job_postings (migration 0010) ran its PL/pgSQL for
 * every inserted or deleted row, although a posting contributes to the rollups only once it has
 * been published or has closed/expired (stats_posting_contrib does nothing otherwise). An import
 * inserts thousands of postings pending review: each paid a function call for nothing.
 *
 * The same function now fires only for the rows that contribute, the condition tested by the
 * executor (a WHEN clause) instead of inside PL/pgSQL: INSERT when the new row, DELETE when the
 * old row, is published-or-was (published_at set) or closed/expired. Updates are unchanged. The
 * figures are exactly the same (statistics.rollups.test.ts compares them with a recomputation).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TRIGGER stats_job_postings_ins_del ON job_postings;
    CREATE TRIGGER stats_job_postings_ins AFTER INSERT ON job_postings FOR EACH ROW
      WHEN (NEW.published_at IS NOT NULL OR NEW.status IN ('closed', 'expired'))
      EXECUTE FUNCTION stats_job_postings_trg();
    CREATE TRIGGER stats_job_postings_del AFTER DELETE ON job_postings FOR EACH ROW
      WHEN (OLD.published_at IS NOT NULL OR OLD.status IN ('closed', 'expired'))
      EXECUTE FUNCTION stats_job_postings_trg();
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TRIGGER stats_job_postings_del ON job_postings;
    DROP TRIGGER stats_job_postings_ins ON job_postings;
    CREATE TRIGGER stats_job_postings_ins_del AFTER INSERT OR DELETE ON job_postings
      FOR EACH ROW EXECUTE FUNCTION stats_job_postings_trg();
  `.execute(db);
}
