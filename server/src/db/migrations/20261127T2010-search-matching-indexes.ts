import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen history */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    -- Search reads the newest matches day by day (search.repository.ts searchWindow): with the
    -- publication day (China time) and the exact-match filters in the same GIN index as the words,
    -- PostgreSQL intersects a common word's postings with a few days (and a district, an
    -- occupation, an employment type, benefits) inside the index and reads only those rows.
    -- btree_gin (a trusted contrib extension) lets GIN index the scalar columns.
    CREATE EXTENSION IF NOT EXISTS btree_gin;
    CREATE INDEX job_postings_search_day_idx ON job_postings
      USING gin (search_vector, ((published_at AT TIME ZONE 'Asia/Shanghai')::date), district_code,
                 occupation_code, employment_type, benefits)
      WHERE status = 'published';

    -- Recommendations read the newest published postings of each occupation the seeker wants
    -- (one short index range per occupation code, no sort).
    CREATE INDEX job_postings_occupation_recent_idx ON job_postings (occupation_code, published_at DESC)
      WHERE status = 'published';
    -- Postings that recruit from the seeker's home region (targetRegionCodes && her region and its parents).
    CREATE INDEX job_postings_target_regions_idx ON job_postings USING gin (target_region_codes)
      WHERE status = 'published';

    -- Search and recommendations hide postings of enterprises no longer verified: they are few,
    -- and this finds them without reading the verified majority.
    CREATE INDEX enterprises_unverified_idx ON enterprises (id) WHERE status <> 'verified';

    -- Candidates: seekers wanting the posting's occupation (or a group holding it) in the posting's
    -- district (or the city or province around it). A seeker's wishes are indexed as pairs
    -- 'occupation@region', so "welder in 霞山区" is one short posting list instead of the
    -- intersection of every welder with everyone wanting Zhanjiang.
    CREATE FUNCTION resume_match_keys(occupations text[], regions text[]) RETURNS text[]
      -- A high cost tells the planner to reach it through the index, not row by row.
      LANGUAGE sql IMMUTABLE PARALLEL SAFE COST 1000
      AS $fn$ SELECT coalesce(array_agg(o || '@' || r), '{}') FROM unnest(occupations) o, unnest(regions) r $fn$;
    CREATE INDEX resumes_match_keys_idx ON resumes
      USING gin (resume_match_keys(desired_occupation_codes, desired_district_codes));

    -- Candidates: seekers living in the posting's district or in a region it recruits from (prefix).
    CREATE INDEX resumes_current_region_idx ON resumes (current_region_code bpchar_pattern_ops);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP INDEX job_postings_search_day_idx, job_postings_occupation_recent_idx, job_postings_target_regions_idx, enterprises_unverified_idx,
      resumes_current_region_idx, resumes_match_keys_idx;
    DROP FUNCTION resume_match_keys(text[], text[]);
  `.execute(db);
}
