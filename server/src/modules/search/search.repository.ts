import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../db/database.js';

/**
 * All SQL of posting search. Every query keeps `p.status = 'published'` written out as a literal so
 * that PostgreSQL can use the partial indexes (search_vector GIN, search_text trigram GIN, published
 * at, district, occupation, salary), which all carry exactly that predicate.
 */

export type TextCondition =
  | { kind: 'none' }
  | { kind: 'fts'; tsQuery: string }
  /** Typo fallback: corrected words (full text) and/or trigram word similarity of every word on search_text. */
  | { kind: 'fuzzy'; tsQuery: string | null; trigram: string[] | null };

export type SearchFilters = {
  /** Today in China (YYYY-MM-DD): postings expiring before it are hidden. */
  today: string;
  text: TextCondition;
  districtCode?: string;
  /** District-code prefix of a province (44) or city (4408); a county is an exact districtCode. */
  regionPrefix?: string;
  /** Places named in the query: district codes, or city/province prefixes when no district is named. */
  placeCodes?: string[];
  placePrefixes?: string[];
  occupation?: { code: string; exact: boolean };
  salaryMinFen?: number;
  employmentType?: string;
  benefits?: string[];
  postedSince?: Date;
};

export type SearchSort = 'relevance' | 'newest' | 'salary';

// Enterprises that are no longer verified but still have published postings: few or none, found
// through a small partial index once per query (an InitPlan), so the hot path never joins enterprises.
const UNVERIFIED = sql`ARRAY(
  SELECT e.id FROM enterprises e
  WHERE e.status <> 'verified'
    AND EXISTS (SELECT 1 FROM job_postings x WHERE x.enterprise_id = e.id AND x.status = 'published')
)`;

function textCondition(t: TextCondition): RawBuilder<unknown> | null {
  switch (t.kind) {
    case 'none':
      return null;
    case 'fts':
      return sql`p.search_vector @@ ${t.tsQuery}::tsquery`;
    case 'fuzzy': {
      const parts: RawBuilder<unknown>[] = [];
      if (t.tsQuery) parts.push(sql`p.search_vector @@ ${t.tsQuery}::tsquery`);
      // <%: word_similarity(word, text) ≥ pg_trgm.word_similarity_threshold (0.6), GIN-indexed.
      if (t.trigram?.length) {
        parts.push(
          sql`(${sql.join(
            t.trigram.map((w) => sql`${w} <% p.search_text`),
            sql` AND `,
          )})`,
        );
      }
      return parts.length > 0 ? sql`(${sql.join(parts, sql` OR `)})` : sql`false`;
    }
  }
}

export function whereOf(f: SearchFilters): RawBuilder<unknown> {
  const c: RawBuilder<unknown>[] = [
    sql`p.status = 'published'`,
    sql`p.expires_on >= ${f.today}::date`,
    sql`p.enterprise_id <> ALL(${UNVERIFIED})`,
  ];
  const text = textCondition(f.text);
  if (text) c.push(text);
  if (f.districtCode) c.push(sql`p.district_code = ${f.districtCode}::bpchar`);
  if (f.regionPrefix) c.push(sql`p.district_code LIKE ${`${f.regionPrefix}%`}`);
  const places: RawBuilder<unknown>[] = [];
  if (f.placeCodes?.length) places.push(sql`p.district_code = ANY(${f.placeCodes}::bpchar[])`);
  for (const prefix of f.placePrefixes ?? []) places.push(sql`p.district_code LIKE ${`${prefix}%`}`);
  if (places.length > 0) c.push(sql`(${sql.join(places, sql` OR `)})`);
  if (f.occupation) {
    c.push(
      f.occupation.exact
        ? sql`p.occupation_code = ${f.occupation.code}`
        : sql`(p.occupation_code = ${f.occupation.code} OR p.occupation_code LIKE ${`${f.occupation.code}-%`})`,
    );
  }
  if (f.salaryMinFen !== undefined) c.push(sql`p.salary_month_max_fen >= ${f.salaryMinFen}`);
  if (f.employmentType) c.push(sql`p.employment_type = ${f.employmentType}`);
  if (f.benefits?.length) c.push(sql`p.benefits @> ${f.benefits}::text[]`);
  if (f.postedSince) c.push(sql`p.published_at >= ${f.postedSince}`);
  return sql.join(c, sql` AND `);
}

function rankOf(t: TextCondition): RawBuilder<number> {
  switch (t.kind) {
    case 'none':
      return sql<number>`0`;
    case 'fts':
      return sql<number>`ts_rank(p.search_vector, ${t.tsQuery}::tsquery)`;
    case 'fuzzy':
      return sql<number>`(${t.tsQuery ? sql`ts_rank(p.search_vector, ${t.tsQuery}::tsquery)` : sql`0`} + ${
        t.trigram?.length
          ? sql.join(
              t.trigram.map((w) => sql`word_similarity(${w}, p.search_text)`),
              sql` + `,
            )
          : sql`0`
      })`;
  }
}

export type HitRow = {
  id: string;
  title: string;
  description: string;
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
  headcount: number;
  publishedAt: Date | null;
};

/**
 * One page of hits. The ranking subquery reads only job_postings (ids, rank, sort keys); names are
 * joined for the page's rows only.
 */
export async function searchPage(
  db: Executor,
  f: SearchFilters,
  sort: SearchSort,
  page: { limit: number; offset: number },
): Promise<HitRow[]> {
  const relevance = sort === 'relevance' && f.text.kind !== 'none';
  const inner =
    sort === 'salary'
      ? sql`p.salary_month_max_fen DESC, p.published_at DESC, p.id DESC`
      : relevance
        ? sql`rank DESC, p.published_at DESC, p.id DESC`
        : sql`p.published_at DESC, p.id DESC`;
  const outer =
    sort === 'salary'
      ? sql`h.salary_month_max_fen DESC, h.published_at DESC, h.id DESC`
      : relevance
        ? sql`h.rank DESC, h.published_at DESC, h.id DESC`
        : sql`h.published_at DESC, h.id DESC`;
  const r = await sql<HitRow>`
    SELECT p.id, p.title, p.description, e.name AS enterprise_name, p.occupation_code,
           o.name_zh AS occupation_name_zh, o.name_en AS occupation_name_en,
           p.district_code, rg.name AS district_name, p.salary_min_fen, p.salary_max_fen,
           p.salary_period, p.employment_type, p.benefits, p.headcount, p.published_at
    FROM (
      SELECT p.id, ${relevance ? rankOf(f.text) : sql`0`} AS rank, p.published_at, p.salary_month_max_fen
      FROM job_postings p
      WHERE ${whereOf(f)}
      ORDER BY ${inner}
      LIMIT ${page.limit} OFFSET ${page.offset}
    ) h
    JOIN job_postings p ON p.id = h.id
    JOIN enterprises e ON e.id = p.enterprise_id
    JOIN occupations o ON o.code = p.occupation_code
    JOIN regions rg ON rg.code = p.district_code
    ORDER BY ${outer}
  `.execute(db);
  return r.rows;
}

export const SALARY_BANDS = [
  { value: 'lt3000', minYuan: 0, maxYuan: 3000 },
  { value: '3000-5000', minYuan: 3000, maxYuan: 5000 },
  { value: '5000-8000', minYuan: 5000, maxYuan: 8000 },
  { value: '8000-12000', minYuan: 8000, maxYuan: 12000 },
  { value: 'gte12000', minYuan: 12000, maxYuan: null },
] as const;

const BAND_CASE = sql`CASE
  WHEN salary_month_max_fen < 300000 THEN 'lt3000'
  WHEN salary_month_max_fen < 500000 THEN '3000-5000'
  WHEN salary_month_max_fen < 800000 THEN '5000-8000'
  WHEN salary_month_max_fen < 1200000 THEN '8000-12000'
  ELSE 'gte12000' END`;

export type FacetRow = { facet: 'total' | 'district' | 'occupation' | 'salary'; value: string; n: number };

/**
 * The total and the facet counts over at most `cap` matches: a LIMITed scan stops early however many
 * postings match, so a search that matches half a million costs the same as one matching `cap`.
 * `occupationLevel` is how many code segments the occupation facet groups by (2: medium group).
 */
export async function searchCounts(
  db: Executor,
  f: SearchFilters,
  cap: number,
  occupationLevel: number,
): Promise<FacetRow[]> {
  const r = await sql<FacetRow>`
    WITH m AS MATERIALIZED (
      SELECT p.district_code, p.occupation_code, p.salary_month_max_fen
      FROM job_postings p
      WHERE ${whereOf(f)}
      LIMIT ${cap}
    )
    SELECT 'total' AS facet, '' AS value, count(*)::int AS n FROM m
    UNION ALL
    (SELECT 'district', district_code::text, count(*)::int FROM m GROUP BY 2 ORDER BY 3 DESC, 2 LIMIT 30)
    UNION ALL
    (SELECT 'occupation', array_to_string((string_to_array(occupation_code, '-'))[1:${occupationLevel}], '-'),
            count(*)::int
     FROM m GROUP BY 2 ORDER BY 3 DESC, 2 LIMIT 30)
    UNION ALL
    SELECT 'salary', ${BAND_CASE}, count(*)::int FROM m GROUP BY 2
  `.execute(db);
  return r.rows;
}

/** How many published postings match, counting no further than `cap` (for spelling candidates). */
export async function countMatches(
  db: Executor,
  today: string,
  tsQuery: string,
  cap: number,
): Promise<number> {
  const r = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM (
      SELECT 1 FROM job_postings p
      WHERE p.status = 'published' AND p.expires_on >= ${today}::date
        AND p.search_vector @@ ${tsQuery}::tsquery
      LIMIT ${cap}
    ) s
  `.execute(db);
  return r.rows[0]?.n ?? 0;
}

/** Titles of published postings matching a prefix query, most frequent first, from a bounded sample. */
export async function popularTitles(
  db: Executor,
  today: string,
  tsQuery: string,
  limit: number,
  sample: number,
): Promise<string[]> {
  const r = await sql<{ title: string }>`
    SELECT title FROM (
      SELECT p.title FROM job_postings p
      WHERE p.status = 'published' AND p.expires_on >= ${today}::date
        AND p.search_vector @@ ${tsQuery}::tsquery
      LIMIT ${sample}
    ) s
    GROUP BY title ORDER BY count(*) DESC, title LIMIT ${limit}
  `.execute(db);
  return r.rows.map((x) => x.title);
}

export type OccupationRef = {
  code: string;
  parentCode: string | null;
  level: number;
  nameZh: string;
  nameEn: string;
  keywords: string[];
};

export async function allOccupations(db: Executor): Promise<OccupationRef[]> {
  return db
    .selectFrom('occupations')
    .select(['code', 'parentCode', 'level', 'nameZh', 'nameEn', 'keywords'])
    .orderBy('code')
    .execute();
}

export async function regionNames(db: Executor, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db.selectFrom('regions').select(['code', 'name']).where('code', 'in', codes).execute();
  return new Map(rows.map((r) => [r.code.trim(), r.name]));
}
