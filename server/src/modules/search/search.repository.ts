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

/**
 * Postings of enterprises no longer verified (suspended, rejected after the fact) are hidden from
 * every public read: results, counts, suggested titles. Such enterprises are few: PostgreSQL reads
 * them once per statement through their small partial index into a hash (a hashed SubPlan) and
 * tests each match against it. Issue 10: a separate query listing those with published postings
 * cost a statement and an index probe per unverified enterprise (3,500 buffers) on every search.
 */
const visibleEnterprise = sql`p.enterprise_id NOT IN (SELECT e.id FROM enterprises e WHERE e.status <> 'verified')`;

export function whereOf(f: SearchFilters): RawBuilder<unknown> {
  const c: RawBuilder<unknown>[] = [
    sql`p.status = 'published'`,
    sql`p.expires_on >= ${f.today}::date`,
    visibleEnterprise,
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

export type WindowRow = {
  id: string;
  rank: number;
  publishedAt: Date;
  districtCode: string;
  occupationCode: string;
  salaryMonthMaxFen: number;
};

/** The China calendar day of publication, as the (search_vector, day) GIN index stores it. */
const PUBLISHED_DAY = sql`(p.published_at AT TIME ZONE 'Asia/Shanghai')::date`;

/**
 * The newest matches, at most `limit`, newest first, with their rank and the fields facets count.
 *
 * With words, `days` lists the China calendar days of publication to read: the
 * (search_vector, publication day) GIN index then intersects the word's postings with those days
 * inside the index, and only the matches of those days are read from the table. Asked for "ORDER
 * BY published_at LIMIT n" over all matches instead, PostgreSQL reads either every match (普工: a
 * sixth of a million postings) or walks the published_at index testing each row (a scan of the
 * table when the words are rare or their frequency is misjudged).
 */
export async function searchWindow(
  db: Executor,
  f: SearchFilters,
  range: { days: string[] | null; before: Date | null; limit: number },
): Promise<WindowRow[]> {
  // Days as a list of keys (GIN looks each one up); an open range would make btree_gin collect
  // every day on that side of the bound. Older postings are bounded on the table instead.
  const where = sql`${whereOf(f)}
      AND p.published_at IS NOT NULL
      ${range.days ? sql`AND ${PUBLISHED_DAY} = ANY(${range.days}::date[])` : sql``}
      ${range.before ? sql`AND p.published_at < ${range.before}` : sql``}`;
  const cols = sql`p.id, ${rankOf(f.text)}::float8 AS rank, p.published_at, trim(p.district_code) AS district_code,
           p.occupation_code, p.salary_month_max_fen`;
  const r =
    f.text.kind === 'none'
      ? // Filters only: the district, occupation, salary or published_at btree walks in date order.
        await sql<WindowRow>`
          SELECT ${cols} FROM job_postings p WHERE ${where}
          ORDER BY p.published_at DESC, p.id DESC LIMIT ${range.limit}`.execute(db)
      : // Every match of the days, through the indexes; then the newest kept.
        await sql<WindowRow>`
          WITH m AS MATERIALIZED (SELECT ${cols} FROM job_postings p WHERE ${where})
          SELECT * FROM m ORDER BY published_at DESC, id DESC LIMIT ${range.limit}`.execute(db);
  return r.rows;
}

/** A page of matches by monthly maximum pay, highest first (the salary index walks in that order). */
export async function salaryPage(
  db: Executor,
  f: SearchFilters,
  page: { limit: number; offset: number },
): Promise<string[]> {
  const r = await sql<{ id: string }>`
    SELECT p.id FROM job_postings p
    WHERE ${whereOf(f)}
    ORDER BY p.salary_month_max_fen DESC, p.published_at DESC, p.id DESC
    LIMIT ${page.limit} OFFSET ${page.offset}
  `.execute(db);
  return r.rows.map((x) => x.id);
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

/** Display fields of a page of postings (any order: the caller orders them). */
export async function hitsByIds(db: Executor, ids: string[]): Promise<HitRow[]> {
  if (ids.length === 0) return [];
  const r = await sql<HitRow>`
    SELECT p.id, p.title, p.description, e.name AS enterprise_name, p.occupation_code,
           o.name_zh AS occupation_name_zh, o.name_en AS occupation_name_en,
           trim(p.district_code) AS district_code, rg.name AS district_name, p.salary_min_fen,
           p.salary_max_fen, p.salary_period, p.employment_type, p.benefits, p.headcount, p.published_at
    FROM job_postings p
    JOIN enterprises e ON e.id = p.enterprise_id
    JOIN occupations o ON o.code = p.occupation_code
    JOIN regions rg ON rg.code = p.district_code
    WHERE p.id = ANY(${ids}::uuid[])
  `.execute(db);
  return r.rows;
}

export const SALARY_BANDS = [
  { value: 'lt3000', belowFen: 300_000 },
  { value: '3000-5000', belowFen: 500_000 },
  { value: '5000-8000', belowFen: 800_000 },
  { value: '8000-12000', belowFen: 1_200_000 },
  { value: 'gte12000', belowFen: Infinity },
] as const;

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
        AND ${visibleEnterprise}
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
        AND ${visibleEnterprise}
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

/** Every region's name by code (a few thousand rows, held in memory by the service). */
export async function allRegionNames(db: Executor): Promise<Map<string, string>> {
  const rows = await db.selectFrom('regions').select(['code', 'name']).execute();
  return new Map(rows.map((r) => [r.code.trim(), r.name]));
}
