import { sql, type Expression, type SqlBool } from 'kysely';
import type { Executor } from '../../db/database.js';

/*
 * All SQL of job fairs. Applications, their events and hires are read (never written) to count a
 * fair's outcomes: an application counts for a fair when the seeker opened that posting through
 * the fair (job_fair_attributions) before applying, and applied before the fair ended.
 */

export type FairRow = {
  id: string;
  theme: string;
  titleZh: string;
  titleEn: string;
  description: string;
  mode: string;
  venue: string | null;
  districtCode: string;
  startsAt: Date;
  endsAt: Date;
  targetGroups: string[];
  targetRegionCodes: string[];
  boothCapacity: number | null;
  approvedBooths: number;
  status: string;
  publishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

const FAIR_COLUMNS = [
  'jobFairs.id',
  'jobFairs.theme',
  'jobFairs.titleZh',
  'jobFairs.titleEn',
  'jobFairs.description',
  'jobFairs.mode',
  'jobFairs.venue',
  'jobFairs.districtCode',
  'jobFairs.startsAt',
  'jobFairs.endsAt',
  'jobFairs.targetGroups',
  'jobFairs.targetRegionCodes',
  'jobFairs.boothCapacity',
  'jobFairs.approvedBooths',
  'jobFairs.status',
  'jobFairs.publishedAt',
  'jobFairs.createdAt',
  'jobFairs.updatedAt',
] as const;

function trimFair<T extends { districtCode: string }>(r: T): T {
  return { ...r, districtCode: r.districtCode.trim() };
}

function escapeLike(q: string): string {
  return `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
}

export async function insertFair(
  db: Executor,
  f: {
    theme: string;
    titleZh: string;
    titleEn: string;
    description: string;
    mode: string;
    venue: string | null;
    districtCode: string;
    startsAt: Date;
    endsAt: Date;
    targetGroups: string[];
    targetRegionCodes: string[];
    boothCapacity: number | null;
    status: string;
    publishedAt: Date | null;
    createdBy: string;
    at: Date;
  },
): Promise<string> {
  const { at, ...values } = f;
  const row = await db
    .insertInto('jobFairs')
    .values({ ...values, createdAt: at, updatedAt: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('jobFairCounters').values({ fairId: row.id }).execute();
  return row.id;
}

export async function findFair(
  db: Executor,
  id: string,
  o: { forUpdate?: boolean } = {},
): Promise<FairRow | undefined> {
  let q = db.selectFrom('jobFairs').select(FAIR_COLUMNS).where('id', '=', id);
  if (o.forUpdate) q = q.forUpdate();
  const r = await q.executeTakeFirst();
  return r ? trimFair(r) : undefined;
}

export async function findFairs(db: Executor, ids: readonly string[]): Promise<FairRow[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('jobFairs')
    .select(FAIR_COLUMNS)
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return rows.map(trimFair);
}

export async function updateFair(
  db: Executor,
  id: string,
  p: Partial<{
    theme: string;
    titleZh: string;
    titleEn: string;
    description: string;
    mode: string;
    venue: string | null;
    districtCode: string;
    startsAt: Date;
    endsAt: Date;
    targetGroups: string[];
    targetRegionCodes: string[];
    boothCapacity: number | null;
    status: string;
    publishedAt: Date | null;
  }>,
  at: Date,
): Promise<void> {
  await db
    .updateTable('jobFairs')
    .set({ ...p, updatedAt: at })
    .where('id', '=', id)
    .execute();
}

/** The effective status as SQL, for filters (see job-fairs.workflow.ts effectiveStatus). */
function statusIs(status: string, now: Date): Expression<SqlBool> {
  switch (status) {
    case 'published':
      return sql<SqlBool>`(job_fairs.status = 'published' AND job_fairs.starts_at > ${now})`;
    case 'live':
      return sql<SqlBool>`(job_fairs.status = 'published' AND job_fairs.starts_at <= ${now} AND job_fairs.ends_at > ${now})`;
    case 'closed':
      return sql<SqlBool>`(job_fairs.status = 'closed' OR (job_fairs.status = 'published' AND job_fairs.ends_at <= ${now}))`;
    default:
      return sql<SqlBool>`job_fairs.status = ${status}`;
  }
}

export async function listFairs(
  db: Executor,
  f: {
    now: Date;
    /** Drafts of these districts are listed too (staff); others never. */
    draftDistricts: readonly string[];
    status?: string | undefined;
    mode?: string | undefined;
    targetRegionCodes?: readonly string[] | undefined;
    targetGroup?: string | undefined;
    districtCode?: string | undefined;
    q?: string | undefined;
    limit: number;
    offset: number;
  },
): Promise<{ rows: FairRow[]; total: number }> {
  let base = db.selectFrom('jobFairs');
  const drafts = f.draftDistricts.length > 0 ? [...f.draftDistricts] : null;
  base = base.where((eb) =>
    drafts
      ? eb.or([eb('status', '<>', 'draft'), eb('districtCode', 'in', drafts)])
      : eb('status', '<>', 'draft'),
  );
  if (f.status) base = base.where(statusIs(f.status, f.now));
  if (f.mode) base = base.where('mode', '=', f.mode);
  if (f.targetRegionCodes)
    base = base.where(sql<SqlBool>`job_fairs.target_region_codes && ${[...f.targetRegionCodes]}::text[]`);
  if (f.targetGroup)
    base = base.where(sql<SqlBool>`job_fairs.target_groups @> ARRAY[${f.targetGroup}]::text[]`);
  if (f.districtCode) base = base.where('districtCode', '=', f.districtCode);
  if (f.q) {
    const like = escapeLike(f.q);
    base = base.where((eb) =>
      eb.or([eb('titleZh', 'ilike', like), eb('titleEn', 'ilike', like), eb('theme', 'ilike', like)]),
    );
  }
  const [rows, count] = await Promise.all([
    base
      .select(FAIR_COLUMNS)
      .orderBy('startsAt', 'desc')
      .orderBy('id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map(trimFair), total: Number(count.n) };
}

/** Published (or closed) fairs whose window starts in [from, to). */
export async function fairsStartingIn(db: Executor, from: Date, to: Date): Promise<FairRow[]> {
  const rows = await db
    .selectFrom('jobFairs')
    .select(FAIR_COLUMNS)
    .where('status', 'in', ['published', 'closed'])
    .where('startsAt', '>=', from)
    .where('startsAt', '<', to)
    .orderBy('startsAt')
    .execute();
  return rows.map(trimFair);
}

/** Approves one more booth unless the fair is at capacity: false means full. */
export async function takeBoothPlace(db: Executor, fairId: string): Promise<boolean> {
  const r = await db
    .updateTable('jobFairs')
    .set((eb) => ({ approvedBooths: eb('approvedBooths', '+', 1) }))
    .where('id', '=', fairId)
    .where((eb) =>
      eb.or([eb('boothCapacity', 'is', null), eb('approvedBooths', '<', eb.ref('boothCapacity'))]),
    )
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function releaseBoothPlace(db: Executor, fairId: string): Promise<void> {
  await db
    .updateTable('jobFairs')
    .set((eb) => ({ approvedBooths: eb('approvedBooths', '-', 1) }))
    .where('id', '=', fairId)
    .where('approvedBooths', '>', 0)
    .execute();
}

/** Fairs whose window is over are marked closed, their live booths closed. Returns the fairs closed. */
export async function closeEndedFairs(db: Executor, now: Date): Promise<string[]> {
  const rows = await db
    .updateTable('jobFairs')
    .set({ status: 'closed', closedAt: now, updatedAt: now })
    .where('status', '=', 'published')
    .where('endsAt', '<=', now)
    .returning('id')
    .execute();
  const ids = rows.map((r) => r.id);
  if (ids.length > 0) {
    await db
      .updateTable('jobFairBooths')
      .set({ status: 'closed', updatedAt: now })
      .where('fairId', 'in', ids)
      .where('status', 'in', ['pending', 'approved'])
      .execute();
  }
  return ids;
}

// ——— Counters and figures ———

export type CounterRow = { fairId: string; visitors: number; registrations: number; checkIns: number };

export async function counters(db: Executor, fairIds: readonly string[]): Promise<Map<string, CounterRow>> {
  if (fairIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('jobFairCounters')
    .select(['fairId', 'visitors', 'registrations', 'checkIns'])
    .where('fairId', 'in', [...fairIds])
    .execute();
  return new Map(rows.map((r) => [r.fairId, r]));
}

/** One counter up by one, in the transaction that recorded the event for the first time. */
export async function bump(
  db: Executor,
  fairId: string,
  counter: 'visitors' | 'registrations' | 'checkIns',
): Promise<void> {
  await db
    .updateTable('jobFairCounters')
    .set((eb) => ({ [counter]: eb(counter, '+', 1) }))
    .where('fairId', '=', fairId)
    .execute();
}

export type Figures = { applications: number; interviews: number; offers: number; hires: number };
const ZERO: Figures = { applications: 0, interviews: 0, offers: 0, hires: 0 };

/** Applications attributed to fairs (see the header), keyed by fair or by booth. */
async function attributedFigures(
  db: Executor,
  key: 'fair_id' | 'booth_id',
  ids: readonly string[],
): Promise<Map<string, Figures>> {
  if (ids.length === 0) return new Map();
  const r = await sql<{ k: string; applications: number; interviews: number; offers: number; hires: number }>`
    SELECT x.k,
      count(*) AS applications,
      count(*) FILTER (WHERE EXISTS (SELECT 1 FROM application_events e
        WHERE e.application_id = x.application_id AND e.to_status = 'interview')) AS interviews,
      count(*) FILTER (WHERE EXISTS (SELECT 1 FROM application_events e
        WHERE e.application_id = x.application_id AND e.to_status IN ('offer','hired'))) AS offers,
      count(*) FILTER (WHERE EXISTS (SELECT 1 FROM hires h WHERE h.application_id = x.application_id)) AS hires
    FROM (
      SELECT fa.${sql.raw(key)} AS k, a.id AS application_id
      FROM job_fair_attributions fa
      JOIN job_fairs f ON f.id = fa.fair_id
      JOIN applications a ON a.posting_id = fa.posting_id AND a.seeker_user_id = fa.seeker_user_id
        AND a.created_at >= fa.opened_at AND a.created_at < f.ends_at
      WHERE fa.${sql.raw(key)} = ANY(${[...ids]}::uuid[])
    ) x
    GROUP BY x.k
  `.execute(db);
  return new Map(
    r.rows.map((x) => [
      x.k,
      {
        applications: Number(x.applications),
        interviews: Number(x.interviews),
        offers: Number(x.offers),
        hires: Number(x.hires),
      },
    ]),
  );
}

export async function fairFigures(db: Executor, fairIds: readonly string[]): Promise<Map<string, Figures>> {
  return attributedFigures(db, 'fair_id', fairIds);
}

export async function boothFigures(
  db: Executor,
  boothIds: readonly string[],
): Promise<Map<string, Figures & { visits: number }>> {
  if (boothIds.length === 0) return new Map();
  const [figures, visits] = await Promise.all([
    attributedFigures(db, 'booth_id', boothIds),
    db
      .selectFrom('jobFairAttributions')
      .select(['boothId', (eb) => eb.fn.countAll<number>().as('n')])
      .where('boothId', 'in', [...boothIds])
      .groupBy('boothId')
      .execute(),
  ]);
  const v = new Map(visits.map((r) => [r.boothId, Number(r.n)]));
  return new Map(boothIds.map((id) => [id, { ...(figures.get(id) ?? ZERO), visits: v.get(id) ?? 0 }]));
}

/** Postings shown at the fairs' approved (or, after the fair, closed) booths. */
export async function postingCounts(db: Executor, fairIds: readonly string[]): Promise<Map<string, number>> {
  if (fairIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('jobFairBoothPostings as bp')
    .innerJoin('jobFairBooths as b', 'b.id', 'bp.boothId')
    .select(['bp.fairId', (eb) => eb.fn.count<number>('bp.postingId').distinct().as('n')])
    .where('bp.fairId', 'in', [...fairIds])
    .where('b.status', 'in', ['approved', 'closed'])
    .where('b.reviewedAt', 'is not', null)
    .groupBy('bp.fairId')
    .execute();
  return new Map(rows.map((r) => [r.fairId, Number(r.n)]));
}

/** Applicants of the fair by the prefecture of their origin (household region, else current). */
export async function applicantsByOrigin(
  db: Executor,
  fairId: string,
): Promise<{ regionCode: string; regionName: string | null; applications: number; hires: number }[]> {
  const r = await sql<{ regionCode: string; regionName: string | null; applications: number; hires: number }>`
    SELECT coalesce(left(coalesce(rs.household_region_code, rs.current_region_code), 4) || '00', '') AS region_code,
      rg.name AS region_name,
      count(*) AS applications,
      count(*) FILTER (WHERE EXISTS (SELECT 1 FROM hires h WHERE h.application_id = a.id)) AS hires
    FROM job_fair_attributions fa
    JOIN job_fairs f ON f.id = fa.fair_id
    JOIN applications a ON a.posting_id = fa.posting_id AND a.seeker_user_id = fa.seeker_user_id
      AND a.created_at >= fa.opened_at AND a.created_at < f.ends_at
    LEFT JOIN resumes rs ON rs.user_id = a.seeker_user_id
    LEFT JOIN regions rg ON rg.code = left(coalesce(rs.household_region_code, rs.current_region_code), 4) || '00'
    WHERE fa.fair_id = ${fairId}
    GROUP BY 1, 2
    ORDER BY 3 DESC, 1
  `.execute(db);
  return r.rows.map((x) => ({
    regionCode: x.regionCode,
    regionName: x.regionName,
    applications: Number(x.applications),
    hires: Number(x.hires),
  }));
}

/** Applicants whose origin lies in one of the prefixes (the fair's target regions). */
export async function applicantsFromPrefixes(
  db: Executor,
  fairId: string,
  prefixes: readonly string[],
): Promise<{ applications: number; hires: number }> {
  if (prefixes.length === 0) return { applications: 0, hires: 0 };
  const patterns = prefixes.map((p) => `${p}%`);
  const r = await sql<{ applications: number; hires: number }>`
    SELECT count(*) AS applications,
      count(*) FILTER (WHERE EXISTS (SELECT 1 FROM hires h WHERE h.application_id = a.id)) AS hires
    FROM job_fair_attributions fa
    JOIN job_fairs f ON f.id = fa.fair_id
    JOIN applications a ON a.posting_id = fa.posting_id AND a.seeker_user_id = fa.seeker_user_id
      AND a.created_at >= fa.opened_at AND a.created_at < f.ends_at
    JOIN resumes rs ON rs.user_id = a.seeker_user_id
    WHERE fa.fair_id = ${fairId}
      AND coalesce(rs.household_region_code, rs.current_region_code) LIKE ANY(${patterns}::text[])
  `.execute(db);
  return { applications: Number(r.rows[0]?.applications ?? 0), hires: Number(r.rows[0]?.hires ?? 0) };
}

// ——— Booths ———

export type BoothRow = {
  id: string;
  fairId: string;
  enterpriseId: string;
  enterpriseName: string;
  boothName: string;
  introduction: string;
  contactName: string;
  contactPhone: string;
  status: string;
  reviewReason: string | null;
  reviewedAt: Date | null;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
};

function boothQuery(db: Executor) {
  return db
    .selectFrom('jobFairBooths as b')
    .innerJoin('enterprises as e', 'e.id', 'b.enterpriseId')
    .select([
      'b.id',
      'b.fairId',
      'b.enterpriseId',
      'e.name as enterpriseName',
      'b.boothName',
      'b.introduction',
      'b.contactName',
      'b.contactPhone',
      'b.status',
      'b.reviewReason',
      'b.reviewedAt',
      'b.createdBy',
      'b.createdAt',
      'b.updatedAt',
    ]);
}

export async function findBooth(
  db: Executor,
  id: string,
  o: { forUpdate?: boolean } = {},
): Promise<BoothRow | undefined> {
  let q = boothQuery(db).where('b.id', '=', id);
  if (o.forUpdate) q = q.forUpdate('b');
  return q.executeTakeFirst();
}

export async function insertBooth(
  db: Executor,
  b: {
    fairId: string;
    enterpriseId: string;
    boothName: string;
    introduction: string;
    contactName: string;
    contactPhone: string;
    createdBy: string;
    at: Date;
  },
  postingIds: readonly string[],
): Promise<string> {
  const { at, ...values } = b;
  const row = await db
    .insertInto('jobFairBooths')
    .values({ ...values, createdAt: at, updatedAt: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('jobFairBoothPostings')
    .values(postingIds.map((postingId) => ({ boothId: row.id, postingId, fairId: b.fairId })))
    .execute();
  return row.id;
}

/** Moves a booth from one status to another; false when someone moved it first. */
export async function setBoothStatus(
  db: Executor,
  id: string,
  from: string,
  to: string,
  review: { reason: string | null; by: string } | null,
  at: Date,
): Promise<boolean> {
  const r = await db
    .updateTable('jobFairBooths')
    .set({
      status: to,
      updatedAt: at,
      ...(review ? { reviewReason: review.reason, reviewedBy: review.by, reviewedAt: at } : {}),
    })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function listBooths(
  db: Executor,
  f: {
    fairId?: string | undefined;
    /** Only approved (or closed) booths, plus any booth of these enterprises. */
    publicPlus?: readonly string[] | undefined;
    enterpriseIds?: readonly string[] | undefined;
    statuses?: readonly string[] | undefined;
    occupationCode?: string | undefined;
    q?: string | undefined;
    limit: number;
    offset: number;
  },
): Promise<{ rows: BoothRow[]; total: number }> {
  if (f.statuses && f.statuses.length === 0) return { rows: [], total: 0 };
  let base = db.selectFrom('jobFairBooths as b').innerJoin('enterprises as e', 'e.id', 'b.enterpriseId');
  if (f.fairId) base = base.where('b.fairId', '=', f.fairId);
  if (f.enterpriseIds) {
    if (f.enterpriseIds.length === 0) return { rows: [], total: 0 };
    base = base.where('b.enterpriseId', 'in', [...f.enterpriseIds]);
  }
  if (f.publicPlus) {
    const own = [...f.publicPlus];
    base = base.where((eb) =>
      eb.or([
        eb.and([eb('b.status', 'in', ['approved', 'closed']), eb('b.reviewedAt', 'is not', null)]),
        ...(own.length > 0 ? [eb('b.enterpriseId', 'in', own)] : []),
      ]),
    );
  }
  if (f.statuses) base = base.where('b.status', 'in', [...f.statuses]);
  if (f.occupationCode) {
    const code = f.occupationCode;
    base = base.where(
      sql<SqlBool>`EXISTS (SELECT 1 FROM job_fair_booth_postings bp JOIN job_postings p ON p.id = bp.posting_id
        WHERE bp.booth_id = b.id AND (p.occupation_code = ${code} OR p.occupation_code LIKE ${`${code}-%`}))`,
    );
  }
  if (f.q) {
    const like = escapeLike(f.q);
    base = base.where((eb) => eb.or([eb('b.boothName', 'ilike', like), eb('e.name', 'ilike', like)]));
  }
  const [rows, count] = await Promise.all([
    base
      .select([
        'b.id',
        'b.fairId',
        'b.enterpriseId',
        'e.name as enterpriseName',
        'b.boothName',
        'b.introduction',
        'b.contactName',
        'b.contactPhone',
        'b.status',
        'b.reviewReason',
        'b.reviewedAt',
        'b.createdBy',
        'b.createdAt',
        'b.updatedAt',
      ])
      .orderBy('b.createdAt')
      .orderBy('b.id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Every booth of a fair (the report), in registration order. */
export async function allBoothsOf(db: Executor, fairId: string): Promise<BoothRow[]> {
  return boothQuery(db).where('b.fairId', '=', fairId).orderBy('b.createdAt').orderBy('b.id').execute();
}

export type BoothPostingRow = {
  boothId: string;
  postingId: string;
  title: string;
  occupationCode: string;
  districtCode: string;
  headcount: number;
  hiredCount: number;
  salaryMinFen: number;
  salaryMaxFen: number;
  salaryPeriod: string;
  status: string;
};

export async function boothPostings(db: Executor, boothIds: readonly string[]): Promise<BoothPostingRow[]> {
  if (boothIds.length === 0) return [];
  const rows = await db
    .selectFrom('jobFairBoothPostings as bp')
    .innerJoin('jobPostings as p', 'p.id', 'bp.postingId')
    .select([
      'bp.boothId',
      'bp.postingId',
      'p.title',
      'p.occupationCode',
      'p.districtCode',
      'p.headcount',
      'p.hiredCount',
      'p.salaryMinFen',
      'p.salaryMaxFen',
      'p.salaryPeriod',
      'p.status',
    ])
    .where('bp.boothId', 'in', [...boothIds])
    .orderBy('p.title')
    .execute();
  return rows.map((r) => ({ ...r, districtCode: r.districtCode.trim() }));
}

/** The enterprise's published, unexpired postings among `ids`. */
export async function openPostingsOf(
  db: Executor,
  enterpriseId: string,
  ids: readonly string[],
  today: string,
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('jobPostings')
    .select('id')
    .where('id', 'in', [...ids])
    .where('enterpriseId', '=', enterpriseId)
    .where('status', '=', 'published')
    .where('expiresOn', '>=', today)
    .execute();
  return new Set(rows.map((r) => r.id));
}

export async function boothHasPosting(db: Executor, boothId: string, postingId: string): Promise<boolean> {
  const r = await db
    .selectFrom('jobFairBoothPostings')
    .select('postingId')
    .where('boothId', '=', boothId)
    .where('postingId', '=', postingId)
    .executeTakeFirst();
  return r !== undefined;
}

// ——— Visits, attributions ———

export async function insertVisit(
  db: Executor,
  fairId: string,
  seekerUserId: string,
  at: Date,
): Promise<boolean> {
  const r = await db
    .insertInto('jobFairVisits')
    .values({ fairId, seekerUserId, firstAt: at })
    .onConflict((oc) => oc.columns(['fairId', 'seekerUserId']).doNothing())
    .returning('fairId')
    .executeTakeFirst();
  return r !== undefined;
}

/** Records the attribution once; answers when the posting was first opened through the fair. */
export async function attribute(
  db: Executor,
  a: { fairId: string; boothId: string; postingId: string; seekerUserId: string; at: Date },
): Promise<{ openedAt: Date; inserted: boolean }> {
  const inserted = await db
    .insertInto('jobFairAttributions')
    .values({
      fairId: a.fairId,
      boothId: a.boothId,
      postingId: a.postingId,
      seekerUserId: a.seekerUserId,
      openedAt: a.at,
    })
    .onConflict((oc) => oc.columns(['fairId', 'postingId', 'seekerUserId']).doNothing())
    .returning('openedAt')
    .executeTakeFirst();
  if (inserted) return { openedAt: inserted.openedAt, inserted: true };
  const existing = await db
    .selectFrom('jobFairAttributions')
    .select('openedAt')
    .where('fairId', '=', a.fairId)
    .where('postingId', '=', a.postingId)
    .where('seekerUserId', '=', a.seekerUserId)
    .executeTakeFirstOrThrow();
  return { openedAt: existing.openedAt, inserted: false };
}

// ——— Registrations and check-in ———

export type RegistrationRow = {
  id: string;
  fairId: string;
  seekerUserId: string;
  codeSalt: Buffer;
  createdAt: Date;
  checkedInAt: Date | null;
};

function registrationQuery(db: Executor) {
  return db
    .selectFrom('jobFairRegistrations as r')
    .leftJoin('jobFairCheckIns as c', 'c.registrationId', 'r.id')
    .select(['r.id', 'r.fairId', 'r.seekerUserId', 'r.codeSalt', 'r.createdAt', 'c.checkedInAt']);
}

export async function insertRegistration(
  db: Executor,
  r: { fairId: string; seekerUserId: string; codeSalt: Buffer; at: Date },
): Promise<boolean> {
  const row = await db
    .insertInto('jobFairRegistrations')
    .values({ fairId: r.fairId, seekerUserId: r.seekerUserId, codeSalt: r.codeSalt, createdAt: r.at })
    .onConflict((oc) => oc.columns(['fairId', 'seekerUserId']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function findRegistrationOf(
  db: Executor,
  fairId: string,
  seekerUserId: string,
): Promise<RegistrationRow | undefined> {
  return registrationQuery(db)
    .where('r.fairId', '=', fairId)
    .where('r.seekerUserId', '=', seekerUserId)
    .executeTakeFirst();
}

export async function findRegistration(db: Executor, id: string): Promise<RegistrationRow | undefined> {
  return registrationQuery(db).where('r.id', '=', id).executeTakeFirst();
}

export async function listRegistrationsOf(
  db: Executor,
  seekerUserId: string,
  limit: number,
  offset: number,
): Promise<{ rows: RegistrationRow[]; total: number }> {
  const [rows, count] = await Promise.all([
    registrationQuery(db)
      .where('r.seekerUserId', '=', seekerUserId)
      .orderBy('r.createdAt', 'desc')
      .orderBy('r.id')
      .limit(limit)
      .offset(offset)
      .execute(),
    db
      .selectFrom('jobFairRegistrations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('seekerUserId', '=', seekerUserId)
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** The scan's row, once per registration: false when it was checked in before. */
export async function insertCheckIn(
  db: Executor,
  c: { registrationId: string; fairId: string; by: string; at: Date },
): Promise<boolean> {
  const r = await db
    .insertInto('jobFairCheckIns')
    .values({ registrationId: c.registrationId, fairId: c.fairId, checkedInBy: c.by, checkedInAt: c.at })
    .onConflict((oc) => oc.column('registrationId').doNothing())
    .returning('registrationId')
    .executeTakeFirst();
  return r !== undefined;
}

export async function seekerContact(
  db: Executor,
  userId: string,
): Promise<{ fullName: string; phone: string } | undefined> {
  const r = await db
    .selectFrom('users as u')
    .leftJoin('resumes as rs', 'rs.userId', 'u.id')
    .select((eb) => [eb.fn.coalesce('rs.fullName', 'u.displayName').as('fullName'), 'u.phone'])
    .where('u.id', '=', userId)
    .executeTakeFirst();
  return r ? { fullName: r.fullName ?? '', phone: r.phone } : undefined;
}
