import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../db/database.js';

/**
 * All SQL of matching. Candidate sets are built from index ranges only (newest postings per
 * occupation code and per district, GIN overlaps on résumé arrays), each with a LIMIT, so a request
 * reads a few thousand rows at most however large the tables grow; scoring happens in TypeScript.
 *
 * Fairness: no query here selects gender, birth_date, household_region_code, key_groups or the
 * identity number columns of résumés. What is not read cannot be scored.
 */

/** The résumé facts matching may use: nothing protected (see the module comment). */
export type SeekerRow = {
  userId: string;
  fullName: string;
  educationLevel: string | null;
  educationRank: number | null;
  skills: string[];
  experienceYears: number;
  experienceOccupationCodes: string[];
  desiredOccupationCodes: string[];
  desiredDistrictCodes: string[];
  currentRegionCode: string | null;
  expectedSalaryMinFen: number | null;
  willingToRelocate: boolean;
  availableFrom: string | null;
};

const SEEKER_SELECT = sql`
  r.user_id, r.full_name, r.education_level, el.rank AS education_rank, r.skills, r.experience_years,
  COALESCE(
    (SELECT array_agg(x) FROM jsonb_array_elements_text(jsonb_path_query_array(r.experiences, '$[*].occupationCode')) x),
    '{}'
  ) AS experience_occupation_codes,
  r.desired_occupation_codes, r.desired_district_codes, trim(r.current_region_code) AS current_region_code,
  r.expected_salary_min_fen, r.willing_to_relocate, r.available_from`;

export async function findSeeker(db: Executor, userId: string): Promise<SeekerRow | undefined> {
  const r = await sql<SeekerRow>`
    SELECT ${SEEKER_SELECT}
    FROM resumes r LEFT JOIN education_levels el ON el.code = r.education_level
    WHERE r.user_id = ${userId}
  `.execute(db);
  return r.rows[0];
}

export type PostingMatchRow = {
  id: string;
  enterpriseId: string;
  occupationCode: string;
  districtCode: string;
  targetRegionCodes: string[];
  salaryMonthMaxFen: number;
  educationRank: number | null;
  experienceYears: number;
  skills: string[];
  publishedAt: Date | null;
};

const POSTING_SELECT = sql`
  p.id, p.enterprise_id, p.occupation_code, trim(p.district_code) AS district_code, p.target_region_codes,
  p.salary_month_max_fen, el.rank AS education_rank, p.experience_years, p.skills, p.published_at`;

export type RecommendationPlan = {
  today: string;
  /** Occupation codes with how many of each one's newest postings to read. */
  occupations: { code: string; limit: number }[];
  /** Districts with how many of each one's newest postings to read. */
  districts: { code: string; limit: number }[];
  /** Cities/provinces whose districts are read `cityDistrictLimit` each. */
  cities: string[];
  cityDistrictLimit: number;
  /** The seeker's region and its parents: postings recruiting from there. */
  homeRegions: string[];
  homeLimit: number;
  /** With nothing to go on, the newest postings. */
  fallbackLimit: number;
};

/** Items grouped by their limit: one index-range arm per distinct limit (a handful). */
function byLimit(items: readonly { code: string; limit: number }[]): [number, string[]][] {
  const m = new Map<number, string[]>();
  for (const { code, limit } of items) m.set(limit, [...(m.get(limit) ?? []), code]);
  return [...m];
}

/** A LIMIT the planner can see (an integer of ours, never user input). */
function limitOf(n: number): RawBuilder<unknown> {
  return sql.lit(Math.max(0, Math.trunc(n)));
}

/**
 * Published, unexpired postings of verified enterprises that may suit the seeker: the newest of
 * each wanted occupation (and its neighbours), of each wanted district, and of those recruiting
 * from the seeker's home region. Every arm is an index range with a LIMIT.
 *
 * The limits are literals, one arm per distinct limit: with `LIMIT c.lim` from an unnested array
 * the planner assumed a tenth of each occupation's postings per arm, estimated the query at
 * hundreds of thousands and had PostgreSQL JIT-compile it (tens of ms) to read two thousand rows.
 * Arms with nothing to read are left out rather than sent with empty arrays.
 */
export async function recommendationCandidates(
  db: Executor,
  plan: RecommendationPlan,
): Promise<PostingMatchRow[]> {
  // Each arm reads the scoring columns itself: joining the union back to job_postings would be
  // planned from LIMIT estimates a hundred times too high (a hash join over the whole table).
  const cols = sql`p.id, p.enterprise_id, p.occupation_code, p.district_code, p.target_region_codes,
    p.salary_month_max_fen, p.education_level, p.experience_years, p.skills, p.published_at`;
  const live = sql`p.status = 'published' AND p.expires_on >= ${plan.today}::date`;
  const arms: RawBuilder<unknown>[] = [];
  for (const [limit, codes] of byLimit(plan.occupations)) {
    arms.push(sql`SELECT x.* FROM unnest(${codes}::text[]) AS c(code)
      CROSS JOIN LATERAL (
        SELECT ${cols} FROM job_postings p
        WHERE ${live} AND p.occupation_code = c.code
        ORDER BY p.published_at DESC LIMIT ${limitOf(limit)}
      ) x`);
  }
  for (const [limit, codes] of byLimit(plan.districts)) {
    arms.push(sql`SELECT x.* FROM unnest(${codes}::bpchar[]) AS d(code)
      CROSS JOIN LATERAL (
        SELECT ${cols} FROM job_postings p
        WHERE ${live} AND p.district_code = d.code
        ORDER BY p.published_at DESC LIMIT ${limitOf(limit)}
      ) x`);
  }
  if (plan.cities.length > 0) {
    arms.push(sql`SELECT x.* FROM regions rg
      CROSS JOIN LATERAL (
        SELECT ${cols} FROM job_postings p
        WHERE ${live} AND p.district_code = rg.code
        ORDER BY p.published_at DESC LIMIT ${limitOf(plan.cityDistrictLimit)}
      ) x
      WHERE rg.parent_code = ANY(${plan.cities}::text[]) AND rg.level = 3`);
  }
  if (plan.homeRegions.length > 0) {
    // Some of those recruiting there, through the GIN index (which cannot return them newest
    // first). Walking a publication-order index instead was tried (issue 10) and rejected: for a
    // region no posting names, the planner's estimate (a few thousand) had it walk the whole index.
    arms.push(sql`(SELECT ${cols} FROM job_postings p
      WHERE ${live} AND p.target_region_codes && ${plan.homeRegions}::text[]
      LIMIT ${limitOf(plan.homeLimit)})`);
  }
  if (arms.length === 0) {
    // With nothing to go on, the newest postings.
    arms.push(sql`(SELECT ${cols} FROM job_postings p WHERE ${live}
      ORDER BY p.published_at DESC LIMIT ${limitOf(plan.fallbackLimit)})`);
  }
  const r = await sql<PostingMatchRow>`
    WITH cand AS (${sql.join(arms, sql` UNION ALL `)})
    SELECT DISTINCT ON (p.id) p.id, p.enterprise_id, p.occupation_code, trim(p.district_code) AS district_code,
           p.target_region_codes, p.salary_month_max_fen, el.rank AS education_rank, p.experience_years, p.skills,
           p.published_at
    FROM cand p
    LEFT JOIN education_levels el ON el.code = p.education_level
    -- Enterprises no longer verified (few; enterprises_unverified_idx) hide their postings.
    WHERE NOT EXISTS (SELECT 1 FROM enterprises e WHERE e.id = p.enterprise_id AND e.status <> 'verified')
    ORDER BY p.id
  `.execute(db);
  return r.rows;
}

export type PostingDisplayRow = {
  id: string;
  title: string;
  enterpriseName: string;
  occupationCode: string;
  occupationNameZh: string;
  occupationNameEn: string;
  districtCode: string;
  districtName: string;
  salaryMinFen: number;
  salaryMaxFen: number;
  salaryPeriod: string;
  employmentType: string;
  benefits: string[];
  publishedAt: Date | null;
};

/** Display fields of a page of postings. */
export async function postingsForDisplay(db: Executor, ids: string[]): Promise<PostingDisplayRow[]> {
  if (ids.length === 0) return [];
  const r = await sql<PostingDisplayRow>`
    SELECT p.id, p.title, e.name AS enterprise_name, p.occupation_code, o.name_zh AS occupation_name_zh,
           o.name_en AS occupation_name_en, trim(p.district_code) AS district_code, rg.name AS district_name,
           p.salary_min_fen, p.salary_max_fen, p.salary_period, p.employment_type, p.benefits, p.published_at
    FROM job_postings p
    JOIN enterprises e ON e.id = p.enterprise_id
    JOIN occupations o ON o.code = p.occupation_code
    JOIN regions rg ON rg.code = p.district_code
    WHERE p.id = ANY(${ids}::uuid[])
  `.execute(db);
  return r.rows;
}

/** One posting for the candidates view (any status: an enterprise may look while it drafts). */
export async function findPostingForMatch(
  db: Executor,
  id: string,
): Promise<
  (PostingMatchRow & { occupationNameZh: string; occupationNameEn: string; districtName: string }) | undefined
> {
  const r = await sql<
    PostingMatchRow & { occupationNameZh: string; occupationNameEn: string; districtName: string }
  >`
    SELECT ${POSTING_SELECT}, o.name_zh AS occupation_name_zh, o.name_en AS occupation_name_en,
           rg.name AS district_name
    FROM job_postings p
    LEFT JOIN education_levels el ON el.code = p.education_level
    JOIN occupations o ON o.code = p.occupation_code
    JOIN regions rg ON rg.code = p.district_code
    WHERE p.id = ${id}
  `.execute(db);
  return r.rows[0];
}

export type CandidatePlan = {
  /** The posting's occupation and its groups: seekers wanting exactly it or a group holding it. */
  exactCodes: string[];
  /** Every code of the posting's medium group: seekers wanting a neighbouring occupation. */
  groupCodes: string[];
  /** The codes of its minor group: the nearest neighbours. */
  minorCodes: string[];
  /** The posting's district, city and province: seekers wanting to work there. */
  placeCodes: string[];
  district: string;
  /** Prefixes (44, 4508, 450203) of the regions the posting recruits from. */
  targetPrefixes: string[];
  /** Enterprises see only résumés opted in to be shown to employers. */
  visibleOnly: boolean;
  tierLimit: number;
  /** The posting's first seeker bucket (0–31): where its walk through the buckets starts. */
  firstBucket: number;
};

/** Seeker buckets of the wish-pair index (migration 20261128T1100). */
export const MATCH_BUCKETS = 32;

/** A posting's first bucket: stable for the posting (its pages agree), different across postings. */
export function firstBucketOf(postingId: string): number {
  return Number.parseInt(postingId.replace(/-/g, '').slice(-2), 16) % MATCH_BUCKETS;
}

/**
 * 'occupation@region' pairs, as resume_match_keys indexes a seeker's wishes (migrations 20261127T2010
 * and 20261128T1100, which adds the bucket: 'occupation@region#b').
 */
function pairs(codes: string[], places: string[]): string[] {
  return codes.flatMap((c) => places.map((p) => `${c}@${p}`));
}

/**
 * Seekers wanting one of the `wanted` wish pairs, at most `limit`: a nested loop over the seeker
 * buckets from `firstBucket` on, under one LIMIT, so the next bucket's index scan runs only while
 * seekers are still missing (a subquery for candidateSeekers' UNION).
 */
export function wishPairTier(t: {
  wanted: string[];
  limit: number;
  firstBucket: number;
  visibleOnly: boolean;
}): RawBuilder<{ user_id: string }> {
  const keys = sql`resume_match_keys(r.desired_occupation_codes, r.desired_district_codes, r.user_id)`;
  const first = ((Math.trunc(t.firstBucket) % MATCH_BUCKETS) + MATCH_BUCKETS) % MATCH_BUCKETS;
  const bucket = sql`(${sql.lit(first)} + b.i) % ${sql.lit(MATCH_BUCKETS)}`;
  return sql<{
    user_id: string;
  }>`(SELECT x.user_id FROM generate_series(0, ${sql.lit(MATCH_BUCKETS - 1)}) AS b(i)
      CROSS JOIN LATERAL (
        SELECT r.user_id FROM resumes r
        WHERE ${keys} && match_pairs_in_bucket(${t.wanted}::text[], ${bucket})
        ${t.visibleOnly ? sql`AND r.visible_to_employers` : sql``} LIMIT ${t.limit}
      ) x LIMIT ${t.limit})`;
}

/**
 * Seekers who may suit a posting, tier by tier from the closest (wanted occupation in the wanted
 * place) to the broadest (neighbouring occupation anywhere, living in the district or in a region
 * the posting recruits from), each tier one GIN or btree index scan with a LIMIT. The wish-pair
 * tiers walk the seeker buckets from the posting's first one and stop at the LIMIT: a GIN scan
 * collects every match before its LIMIT applies, so one bucket costs 1/32 of the whole pair.
 */
export async function candidateSeekers(db: Executor, plan: CandidatePlan): Promise<SeekerRow[]> {
  const vis = plan.visibleOnly ? sql`AND r.visible_to_employers` : sql``;
  const n = plan.tierLimit;
  const [code = '', ...groups] = [...plan.exactCodes].reverse();
  const [district = '', ...wider] = plan.placeCodes;
  const near = plan.placeCodes.slice(0, 2);
  const tier = (where: RawBuilder<unknown>, limit: number) =>
    sql`(SELECT r.user_id FROM resumes r WHERE ${where} ${vis} LIMIT ${limit})`;
  const pairTier = (wanted: string[], limit: number) =>
    wishPairTier({ wanted, limit, firstBucket: plan.firstBucket, visibleOnly: plan.visibleOnly });
  const tiers = [
    // This occupation in this district or city; then its groups, or farther in the province.
    pairTier(pairs([code], near), n),
    pairTier([...pairs(groups, plan.placeCodes), ...pairs([code], wider.slice(1))], n),
    // This occupation anywhere.
    tier(sql`r.desired_occupation_codes && ${plan.exactCodes}::text[]`, n),
    // Neighbouring occupations (same minor group) here, then the medium group anywhere.
    pairTier(pairs(plan.minorCodes, near), n),
    tier(sql`r.desired_occupation_codes && ${plan.groupCodes}::text[]`, Math.ceil(n / 2)),
    // Living in the district, or in a region the posting recruits from.
    tier(sql`r.current_region_code = ${district}::bpchar`, Math.ceil(n / 2)),
  ];
  if (plan.targetPrefixes.length > 0) {
    const targets = plan.targetPrefixes.map((p) => `${p}%`);
    tiers.push(tier(sql`r.current_region_code LIKE ANY(${targets}::text[])`, Math.ceil(n / 2)));
  }
  const r = await sql<SeekerRow>`
    WITH c AS (${sql.join(tiers, sql` UNION `)})
    SELECT ${SEEKER_SELECT}
    FROM c JOIN resumes r ON r.user_id = c.user_id
    JOIN users u ON u.id = r.user_id AND u.status = 'active'
    LEFT JOIN education_levels el ON el.code = r.education_level
  `.execute(db);
  return r.rows;
}

/** Occupation codes (all levels), for neighbours of a code. */
export async function occupationCodes(db: Executor): Promise<{ code: string; level: number }[]> {
  return db.selectFrom('occupations').select(['code', 'level']).orderBy('code').execute();
}
