import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen history */
/**
 * Issue 10: every instance keeps the public posting detail in memory (platform/response-cache.ts).
 * Instances share only PostgreSQL, so the database tells each of them what changed: a NOTIFY on
 * channel `jiuye_cache` at commit, payload = space-separated tags (`p:<posting id>`,
 * `e:<enterprise id>`) or `*` (forget everything). Each instance LISTENs on one connection and
 * evicts. Notifications are transactional: sent only on commit, never for a rollback.
 *
 * - job_postings: any UPDATE or DELETE (statement level, one notification per statement; a
 *   statement touching more than 190 rows, e.g. a bulk expiry or a reindex, sends `*`, which also
 *   keeps the payload under PostgreSQL's 8,000-byte limit). INSERT needs none: nothing is cached
 *   for an id before it exists (misses are not cached).
 * - enterprises: a change of what the detail embeds or decides by (name, status, district).
 * - occupations, regions: names shown in the detail; reference data, changed with a release.
 * - TRUNCATE of any of them: `*`.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE FUNCTION cache_notify_postings() RETURNS trigger LANGUAGE plpgsql AS $f$
    DECLARE
      n int;
      tags text;
    BEGIN
      SELECT count(*), string_agg('p:' || id::text, ' ') INTO n, tags FROM changed_postings;
      IF n = 0 THEN
        RETURN NULL;
      ELSIF n > 190 THEN
        PERFORM pg_notify('jiuye_cache', '*');
      ELSE
        PERFORM pg_notify('jiuye_cache', tags);
      END IF;
      RETURN NULL;
    END
    $f$;
    CREATE TRIGGER cache_notify_postings_upd AFTER UPDATE ON job_postings
      REFERENCING OLD TABLE AS changed_postings
      FOR EACH STATEMENT EXECUTE FUNCTION cache_notify_postings();
    CREATE TRIGGER cache_notify_postings_del AFTER DELETE ON job_postings
      REFERENCING OLD TABLE AS changed_postings
      FOR EACH STATEMENT EXECUTE FUNCTION cache_notify_postings();

    CREATE FUNCTION cache_notify_all() RETURNS trigger LANGUAGE plpgsql AS $f$
    BEGIN
      PERFORM pg_notify('jiuye_cache', '*');
      RETURN NULL;
    END
    $f$;
    CREATE TRIGGER cache_notify_postings_trunc AFTER TRUNCATE ON job_postings
      FOR EACH STATEMENT EXECUTE FUNCTION cache_notify_all();

    CREATE FUNCTION cache_notify_enterprise() RETURNS trigger LANGUAGE plpgsql AS $f$
    BEGIN
      PERFORM pg_notify('jiuye_cache', 'e:' || OLD.id::text);
      RETURN NULL;
    END
    $f$;
    CREATE TRIGGER cache_notify_enterprises_upd AFTER UPDATE ON enterprises FOR EACH ROW
      WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.status IS DISTINCT FROM NEW.status
            OR OLD.district_code IS DISTINCT FROM NEW.district_code)
      EXECUTE FUNCTION cache_notify_enterprise();
    CREATE TRIGGER cache_notify_enterprises_del AFTER DELETE ON enterprises FOR EACH ROW
      EXECUTE FUNCTION cache_notify_enterprise();
    CREATE TRIGGER cache_notify_enterprises_trunc AFTER TRUNCATE ON enterprises
      FOR EACH STATEMENT EXECUTE FUNCTION cache_notify_all();

    CREATE TRIGGER cache_notify_occupations AFTER UPDATE OR DELETE OR TRUNCATE ON occupations
      FOR EACH STATEMENT EXECUTE FUNCTION cache_notify_all();
    CREATE TRIGGER cache_notify_regions AFTER UPDATE OR DELETE OR TRUNCATE ON regions
      FOR EACH STATEMENT EXECUTE FUNCTION cache_notify_all();
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TRIGGER cache_notify_regions ON regions;
    DROP TRIGGER cache_notify_occupations ON occupations;
    DROP TRIGGER cache_notify_enterprises_trunc ON enterprises;
    DROP TRIGGER cache_notify_enterprises_del ON enterprises;
    DROP TRIGGER cache_notify_enterprises_upd ON enterprises;
    DROP TRIGGER cache_notify_postings_trunc ON job_postings;
    DROP TRIGGER cache_notify_postings_del ON job_postings;
    DROP TRIGGER cache_notify_postings_upd ON job_postings;
    DROP FUNCTION cache_notify_enterprise();
    DROP FUNCTION cache_notify_all();
    DROP FUNCTION cache_notify_postings();
  `.execute(db);
}
