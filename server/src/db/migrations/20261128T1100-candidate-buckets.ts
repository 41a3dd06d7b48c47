import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen history */
/**
 * Issue 10, candidates at province scale: a GIN index answers `keys && $pairs LIMIT 200` only
 * after collecting every match into a bitmap. At 5,000,000 seekers, "4-03-02-01 in 霞山区 or
 * 湛江市" matched 111,592 résumés: 126 ms in the index before the first of 200 rows came back.
 *
 * Each seeker's wish pairs now also carry one of 32 fixed buckets ('occupation@region#b', b from
 * the last byte of the user id), and matching.repository.ts walks the buckets one by one in a
 * nested loop under the tier's LIMIT: a common pair stops after the first bucket or two (1/32 of
 * its bitmap each), a rare one looks in all 32 (32 short posting lists). Which buckets come first
 * depends on the posting, so each posting sees a stable slice (paging stays consistent) and
 * different postings see different seekers first.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE FUNCTION resume_match_bucket(user_id uuid) RETURNS int
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $fn$ SELECT get_byte(uuid_send(user_id), 15) % 32 $fn$;
    CREATE FUNCTION resume_match_keys(occupations text[], regions text[], user_id uuid) RETURNS text[]
      -- A high cost tells the planner to reach it through the index, not row by row.
      LANGUAGE sql IMMUTABLE PARALLEL SAFE COST 1000
      -- The bucket written out rather than calling resume_match_bucket: pg_restore builds the
      -- index with an empty search_path, where an unqualified call of our own function fails.
      AS $fn$ SELECT coalesce(array_agg(o || '@' || r || '#' || (get_byte(uuid_send(user_id), 15) % 32)), '{}')
                FROM unnest(occupations) o, unnest(regions) r $fn$;
    -- The pairs a query looks for, in one bucket.
    CREATE FUNCTION match_pairs_in_bucket(pairs text[], bucket int) RETURNS text[]
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $fn$ SELECT coalesce(array_agg(p || '#' || bucket), '{}') FROM unnest(pairs) p $fn$;
    CREATE INDEX resumes_match_buckets_idx ON resumes
      USING gin (resume_match_keys(desired_occupation_codes, desired_district_codes, user_id));
    DROP INDEX resumes_match_keys_idx;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE INDEX resumes_match_keys_idx ON resumes
      USING gin (resume_match_keys(desired_occupation_codes, desired_district_codes));
    DROP INDEX resumes_match_buckets_idx;
    DROP FUNCTION match_pairs_in_bucket(text[], int);
    DROP FUNCTION resume_match_keys(text[], text[], uuid);
    DROP FUNCTION resume_match_bucket(uuid);
  `.execute(db);
}
