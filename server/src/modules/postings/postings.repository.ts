import { sql, type RawBuilder } from 'kysely';
import type { StoredFlag } from '@jiuye/shared';
import type { Executor } from '../../db/database.js';

/** One posting as this module hands it out, with its enterprise, occupation and district names. */
export type PostingRow = {
  id: string;
  enterpriseId: string;
  enterpriseName: string;
  enterpriseStatus: string;
  enterpriseDistrictCode: string;
  title: string;
  occupationCode: string;
  occupationNameZh: string;
  occupationNameEn: string;
  description: string;
  districtCode: string;
  districtName: string;
  address: string;
  headcount: number;
  hiredCount: number;
  salaryMinFen: number;
  salaryMaxFen: number;
  salaryPeriod: string;
  employmentType: string;
  educationLevel: string | null;
  experienceYears: number;
  skills: string[];
  benefits: string[];
  targetRegionCodes: string[];
  expiresOn: string;
  status: string;
  flags: StoredFlag[];
  reviewReason: string | null;
  publishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
};

function fromPostings(db: Executor) {
  return db
    .selectFrom('jobPostings as p')
    .innerJoin('enterprises as e', 'e.id', 'p.enterpriseId')
    .innerJoin('occupations as o', 'o.code', 'p.occupationCode')
    .innerJoin('regions as r', 'r.code', 'p.districtCode');
}

function selectPostings(db: Executor) {
  return withColumns(fromPostings(db));
}

function withColumns(q: ReturnType<typeof fromPostings>) {
  return q.select([
    'p.id',
    'p.enterpriseId',
    'e.name as enterpriseName',
    'e.status as enterpriseStatus',
    'e.districtCode as enterpriseDistrictCode',
    'p.title',
    'p.occupationCode',
    'o.nameZh as occupationNameZh',
    'o.nameEn as occupationNameEn',
    'p.description',
    'p.districtCode',
    'r.name as districtName',
    'p.address',
    'p.headcount',
    'p.hiredCount',
    'p.salaryMinFen',
    'p.salaryMaxFen',
    'p.salaryPeriod',
    'p.employmentType',
    'p.educationLevel',
    'p.experienceYears',
    'p.skills',
    'p.benefits',
    'p.targetRegionCodes',
    'p.expiresOn',
    'p.status',
    sql<StoredFlag[]>`p.flags`.as('flags'),
    'p.reviewReason',
    'p.publishedAt',
    'p.createdAt',
    'p.updatedAt',
    'p.version',
  ]);
}

export async function findPosting(db: Executor, id: string): Promise<PostingRow | undefined> {
  return selectPostings(db).where('p.id', '=', id).executeTakeFirst();
}

/** Everything search needs about an occupation, to index a posting. */
export async function occupationsForIndex(
  db: Executor,
  codes: readonly string[],
): Promise<Map<string, { nameZh: string; nameEn: string; keywords: string[] }>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .selectFrom('occupations')
    .select(['code', 'nameZh', 'nameEn', 'keywords'])
    .where('code', 'in', [...new Set(codes)])
    .execute();
  return new Map(rows.map((r) => [r.code, { nameZh: r.nameZh, nameEn: r.nameEn, keywords: r.keywords }]));
}

/** The columns a posting is written with (insert or full content update). */
export type PostingValues = {
  title: string;
  occupationCode: string;
  description: string;
  districtCode: string;
  address: string;
  headcount: number;
  salaryMinFen: number;
  salaryMaxFen: number;
  salaryPeriod: string;
  salaryMonthMinFen: number;
  salaryMonthMaxFen: number;
  employmentType: string;
  educationLevel: string | null;
  experienceYears: number;
  skills: string[];
  benefits: string[];
  targetRegionCodes: string[];
  expiresOn: string;
};

export type PostingInsert = PostingValues & {
  enterpriseId: string;
  status: string;
  flags: StoredFlag[];
  createdBy: string;
  searchVector: RawBuilder<string>;
  searchText: string;
};

function jsonb(value: unknown): RawBuilder<string> {
  return sql`${JSON.stringify(value)}::jsonb`;
}

export async function insertPostings(db: Executor, rows: readonly PostingInsert[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const inserted = await db
    .insertInto('jobPostings')
    .values(rows.map((r) => ({ ...r, flags: jsonb(r.flags) })))
    .returning('id')
    .execute();
  return inserted.map((r) => r.id);
}

/** Rows of one enterprise's Excel import: the search vector as a tsvector literal. */
export type ImportedPostingRow = PostingValues & {
  flags: StoredFlag[];
  searchVector: string;
  searchText: string;
};

/** A PostgreSQL array literal of texts ({"a","b"}), for a text[] cell passed inside a text[] of them. */
function textArrayLiteral(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

/**
 * The import's insert: one statement for all rows, each column sent as one array and unnested
 * (24 parameters instead of 24 per row; nothing to compile per row). Array columns travel as
 * array literals, flags as JSON texts, the search vector as a tsvector literal.
 */
export async function insertImportedPostings(
  db: Executor,
  common: { enterpriseId: string; status: string; createdBy: string },
  rows: readonly ImportedPostingRow[],
): Promise<string[]> {
  if (rows.length === 0) return [];
  const col = <T>(f: (r: ImportedPostingRow) => T): T[] => rows.map(f);
  const r = await sql<{ id: string }>`
    INSERT INTO job_postings (title, occupation_code, description, district_code, address, headcount,
      salary_min_fen, salary_max_fen, salary_period, salary_month_min_fen, salary_month_max_fen,
      employment_type, education_level, experience_years, skills, benefits, target_region_codes,
      expires_on, flags, search_vector, search_text, enterprise_id, status, created_by)
    SELECT u.title, u.occupation_code, u.description, u.district_code, u.address, u.headcount,
      u.salary_min_fen, u.salary_max_fen, u.salary_period, u.salary_month_min_fen,
      u.salary_month_max_fen, u.employment_type, u.education_level, u.experience_years,
      u.skills::text[], u.benefits::text[], u.target_region_codes::text[], u.expires_on::date,
      u.flags::jsonb, u.search_vector::tsvector, u.search_text,
      ${common.enterpriseId}::uuid, ${common.status}, ${common.createdBy}::uuid
    FROM unnest(
      ${col((x) => x.title)}::text[], ${col((x) => x.occupationCode)}::text[],
      ${col((x) => x.description)}::text[], ${col((x) => x.districtCode)}::text[],
      ${col((x) => x.address)}::text[], ${col((x) => x.headcount)}::int[],
      ${col((x) => x.salaryMinFen)}::bigint[], ${col((x) => x.salaryMaxFen)}::bigint[],
      ${col((x) => x.salaryPeriod)}::text[], ${col((x) => x.salaryMonthMinFen)}::bigint[],
      ${col((x) => x.salaryMonthMaxFen)}::bigint[], ${col((x) => x.employmentType)}::text[],
      ${col((x) => x.educationLevel)}::text[], ${col((x) => x.experienceYears)}::int[],
      ${col((x) => textArrayLiteral(x.skills))}::text[],
      ${col((x) => textArrayLiteral(x.benefits))}::text[],
      ${col((x) => textArrayLiteral(x.targetRegionCodes))}::text[],
      ${col((x) => x.expiresOn)}::text[], ${col((x) => JSON.stringify(x.flags))}::text[],
      ${col((x) => x.searchVector)}::text[], ${col((x) => x.searchText)}::text[]
    ) AS u(title, occupation_code, description, district_code, address, headcount,
      salary_min_fen, salary_max_fen, salary_period, salary_month_min_fen, salary_month_max_fen,
      employment_type, education_level, experience_years, skills, benefits, target_region_codes,
      expires_on, flags, search_vector, search_text)
    RETURNING id`.execute(db);
  return r.rows.map((x) => x.id);
}

export type PostingUpdate = Partial<PostingValues> & {
  status?: string;
  flags?: StoredFlag[];
  searchVector?: RawBuilder<string>;
  searchText?: string;
};

/**
 * Optimistic update: only if the posting is still at `expected` (version and status), so a concurrent
 * edit or review makes this one answer undefined instead of silently overwriting it.
 */
export async function updatePosting(
  db: Executor,
  id: string,
  expected: { version: number; status: string },
  patch: PostingUpdate,
): Promise<boolean> {
  const { flags, ...rest } = patch;
  const r = await db
    .updateTable('jobPostings')
    .set({
      ...rest,
      ...(flags ? { flags: jsonb(flags) } : {}),
      version: sql<number>`version + 1`,
      updatedAt: sql<Date>`now()`,
    })
    .where('id', '=', id)
    .where('version', '=', expected.version)
    .where('status', '=', expected.status)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/**
 * A review decision, only while the posting is pending review (and, if given, at the version the
 * reviewer read): of two officers deciding at once, exactly one succeeds.
 */
export async function decideReview(
  db: Executor,
  id: string,
  d: {
    status: 'published' | 'rejected';
    reason: string | null;
    reviewerId: string;
    at: Date;
    version: number | undefined;
  },
): Promise<boolean> {
  let q = db
    .updateTable('jobPostings')
    .set({
      status: d.status,
      reviewReason: d.reason,
      reviewedBy: d.reviewerId,
      reviewedAt: d.at,
      ...(d.status === 'published' ? { publishedAt: d.at } : {}),
      version: sql<number>`version + 1`,
      updatedAt: sql<Date>`now()`,
    })
    .where('id', '=', id)
    .where('status', '=', 'pending_review');
  if (d.version !== undefined) q = q.where('version', '=', d.version);
  const r = await q.executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

export async function listPostings(
  db: Executor,
  f: {
    enterpriseId?: string;
    status?: string;
    districtCodes?: string[];
    flagged?: boolean;
    order: 'oldest' | 'newest';
    limit: number;
    offset: number;
  },
): Promise<{ rows: PostingRow[]; total: number }> {
  let q = fromPostings(db);
  if (f.enterpriseId) q = q.where('p.enterpriseId', '=', f.enterpriseId);
  if (f.status) q = q.where('p.status', '=', f.status);
  if (f.districtCodes) {
    // `IN ()` is not SQL: no districts, no rows.
    q =
      f.districtCodes.length > 0
        ? q.where('p.districtCode', 'in', f.districtCodes)
        : q.where(sql<boolean>`false`);
  }
  if (f.flagged !== undefined) q = q.where(sql<boolean>`(jsonb_array_length(p.flags) > 0)`, '=', f.flagged);
  const [rows, count] = await Promise.all([
    withColumns(q)
      .orderBy('p.createdAt', f.order === 'oldest' ? 'asc' : 'desc')
      .orderBy('p.id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/**
 * Published or paused postings whose last day (China time) is before `today` become expired, in
 * batches so a large backlog never holds long locks. Answers the ids expired in this batch.
 */
export async function expireBatch(db: Executor, today: string, limit: number): Promise<string[]> {
  const rows = await db
    .updateTable('jobPostings')
    .set({ status: 'expired', version: sql<number>`version + 1`, updatedAt: sql<Date>`now()` })
    .where(
      'id',
      'in',
      db
        .selectFrom('jobPostings')
        .select('id')
        .where('status', 'in', ['published', 'paused'])
        .where('expiresOn', '<', today)
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    // Re-checked on the locked row: a posting closed meanwhile stays closed.
    .where('status', 'in', ['published', 'paused'])
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** A hire on a posting: one more hired, and the posting closes when every vacancy is filled. */
export async function recordHire(
  db: Executor,
  id: string,
): Promise<{ hiredCount: number; headcount: number; status: string } | undefined> {
  return db
    .updateTable('jobPostings')
    .set({
      hiredCount: sql<number>`hired_count + 1`,
      status: sql<string>`CASE WHEN hired_count + 1 >= headcount AND status IN ('published','paused') THEN 'closed' ELSE status END`,
      closedReason: sql<
        string | null
      >`CASE WHEN hired_count + 1 >= headcount AND status IN ('published','paused') THEN 'filled' ELSE closed_reason END`,
      version: sql<number>`version + 1`,
      updatedAt: sql<Date>`now()`,
    })
    .where('id', '=', id)
    .where(sql<boolean>`hired_count < headcount`)
    .returning(['hiredCount', 'headcount', 'status'])
    .executeTakeFirst();
}

// ——— Reference look-ups for the Excel import (a few thousand small rows, read once per import) ———

export async function occupationNames(db: Executor) {
  return db.selectFrom('occupations').select(['code', 'level', 'nameZh', 'nameEn', 'keywords']).execute();
}

export async function regionNames(db: Executor) {
  return db.selectFrom('regions').select(['code', 'name', 'level']).execute();
}

export async function educationLevelNames(db: Executor) {
  return db
    .selectFrom('educationLevels')
    .select(['code', 'nameZh', 'nameEn'])
    .orderBy('rank', 'desc')
    .execute();
}
