import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../db/database.js';

const SHORTAGE_COLUMNS = [
  's.id',
  's.enterpriseId',
  'e.name as enterpriseName',
  's.title',
  's.occupationCode',
  's.headcount',
  's.headcountFilled',
  's.deadline',
  's.neededUntil',
  's.districtCode',
  's.wageMinFen',
  's.wageMaxFen',
  's.wagePeriod',
  's.urgency',
  's.cause',
  's.causeNote',
  's.status',
  's.resolutionMethod',
  's.resolutionNote',
  's.resolvedAt',
  's.cancelledAt',
  's.reportedBy',
  's.createdAt',
  's.updatedAt',
] as const;

export type ShortageRow = {
  id: string;
  enterpriseId: string;
  enterpriseName: string;
  title: string | null;
  occupationCode: string;
  headcount: number;
  headcountFilled: number;
  deadline: string;
  neededUntil: string | null;
  districtCode: string;
  wageMinFen: number;
  wageMaxFen: number;
  wagePeriod: string;
  urgency: string;
  cause: string;
  causeNote: string | null;
  status: string;
  resolutionMethod: string | null;
  resolutionNote: string | null;
  resolvedAt: Date | null;
  cancelledAt: Date | null;
  reportedBy: string | null;
  createdAt: Date;
  updatedAt: Date;
};

function base(db: Executor) {
  return db
    .selectFrom('labourShortages as s')
    .innerJoin('enterprises as e', 'e.id', 's.enterpriseId')
    .select(SHORTAGE_COLUMNS);
}

export async function findShortage(
  db: Executor,
  id: string,
  o: { forUpdate?: boolean } = {},
): Promise<ShortageRow | undefined> {
  let q = base(db).where('s.id', '=', id);
  if (o.forUpdate) q = q.forUpdate('s');
  return q.executeTakeFirst();
}

export type NewShortage = {
  enterpriseId: string;
  title: string | null;
  occupationCode: string;
  headcount: number;
  deadline: string;
  neededUntil: string | null;
  districtCode: string;
  wageMinFen: number;
  wageMaxFen: number;
  wagePeriod: string;
  urgency: string;
  cause: string;
  causeNote: string | null;
  reportedBy: string;
  at: Date;
};

export async function insertShortage(db: Executor, s: NewShortage): Promise<string> {
  const { at, ...rest } = s;
  const r = await db
    .insertInto('labourShortages')
    .values({ ...rest, createdAt: at, updatedAt: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export type ShortagePatch = Partial<{
  title: string | null;
  headcount: number;
  headcountFilled: number;
  deadline: string;
  neededUntil: string | null;
  wageMinFen: number;
  wageMaxFen: number;
  wagePeriod: string;
  urgency: string;
  cause: string;
  causeNote: string | null;
  status: string;
  resolutionMethod: string | null;
  resolutionNote: string | null;
  resolvedAt: Date | null;
  cancelledAt: Date | null;
}> & { updatedAt: Date };

/** Writes the change only if the status is still `fromStatus` (the caller holds the row lock). */
export async function updateShortage(
  db: Executor,
  id: string,
  fromStatus: string,
  patch: ShortagePatch,
): Promise<boolean> {
  const r = await db
    .updateTable('labourShortages')
    .set(patch)
    .where('id', '=', id)
    .where('status', '=', fromStatus)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Postings among `ids` that belong to `enterpriseId`. */
export async function postingsOfEnterprise(
  db: Executor,
  enterpriseId: string,
  ids: readonly string[],
): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('jobPostings')
    .select('id')
    .where('id', 'in', [...ids])
    .where('enterpriseId', '=', enterpriseId)
    .execute();
  return rows.map((r) => r.id);
}

export async function replacePostings(
  db: Executor,
  shortageId: string,
  postingIds: readonly string[],
): Promise<void> {
  await db.deleteFrom('labourShortagePostings').where('shortageId', '=', shortageId).execute();
  if (postingIds.length === 0) return;
  await db
    .insertInto('labourShortagePostings')
    .values([...new Set(postingIds)].map((postingId) => ({ shortageId, postingId })))
    .execute();
}

export type LinkedPostingRow = {
  shortageId: string;
  id: string;
  title: string;
  status: string;
  headcount: number;
};

export async function linkedPostings(
  db: Executor,
  shortageIds: readonly string[],
): Promise<LinkedPostingRow[]> {
  if (shortageIds.length === 0) return [];
  return db
    .selectFrom('labourShortagePostings as l')
    .innerJoin('jobPostings as p', 'p.id', 'l.postingId')
    .select(['l.shortageId', 'p.id', 'p.title', 'p.status', 'p.headcount'])
    .where('l.shortageId', 'in', [...shortageIds])
    .orderBy('p.createdAt', 'desc')
    .execute();
}

export type ShortageFilter = {
  /** Employer scope: these enterprises only. */
  enterpriseIds?: readonly string[];
  /** Staff scope: these districts only. */
  districtCodes?: readonly string[];
  enterpriseId?: string | undefined;
  districtCode?: string | undefined;
  status?: string | undefined;
  active?: boolean | undefined;
  urgency?: string | undefined;
  occupationCode?: string | undefined;
  overdue?: boolean | undefined;
  today: string;
};

/** The occupation itself or, for a group code, every occupation under it. */
function occupationMatches(code: string): RawBuilder<boolean> {
  return sql<boolean>`(s.occupation_code = ${code} OR s.occupation_code LIKE ${`${code}-%`})`;
}

const UNRESOLVED = sql`('open','in_progress')`;

/** The list filters as one condition over `labour_shortages s`. */
function filterOf(f: ShortageFilter): RawBuilder<boolean> {
  const c: RawBuilder<unknown>[] = [sql`true`];
  if (f.enterpriseIds) {
    c.push(f.enterpriseIds.length ? sql`s.enterprise_id IN (${sql.join([...f.enterpriseIds])})` : sql`false`);
  }
  if (f.districtCodes) {
    c.push(f.districtCodes.length ? sql`s.district_code IN (${sql.join([...f.districtCodes])})` : sql`false`);
  }
  if (f.enterpriseId) c.push(sql`s.enterprise_id = ${f.enterpriseId}`);
  if (f.districtCode) c.push(sql`s.district_code = ${f.districtCode}`);
  if (f.status) c.push(sql`s.status = ${f.status}`);
  if (f.active === true) c.push(sql`s.status IN ${UNRESOLVED}`);
  if (f.active === false) c.push(sql`s.status NOT IN ${UNRESOLVED}`);
  if (f.urgency) c.push(sql`s.urgency = ${f.urgency}`);
  if (f.occupationCode) c.push(occupationMatches(f.occupationCode));
  if (f.overdue === true) c.push(sql`(s.status IN ${UNRESOLVED} AND s.deadline < ${f.today})`);
  if (f.overdue === false) c.push(sql`(s.status NOT IN ${UNRESOLVED} OR s.deadline >= ${f.today})`);
  return sql<boolean>`(${sql.join(c, sql` AND `)})`;
}

export async function listShortages(
  db: Executor,
  f: ShortageFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: ShortageRow[]; total: number }> {
  const from = db.selectFrom('labourShortages as s').innerJoin('enterprises as e', 'e.id', 's.enterpriseId');
  const [rows, count] = await Promise.all([
    from
      .select(SHORTAGE_COLUMNS)
      .where(filterOf(f))
      // Most urgent first, then the nearest deadline.
      .orderBy(sql`CASE s.urgency WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END`)
      .orderBy('s.deadline', 'asc')
      .orderBy('s.createdAt', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    from
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(filterOf(f))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export type BoardCell = {
  districtCode: string;
  occupationCode: string;
  urgency: string;
  shortages: number;
  headcount: number;
  headcountOpen: number;
  overdue: number;
};

/** Unresolved shortages grouped by district, occupation and urgency (the board's finest grain). */
export async function boardCells(
  db: Executor,
  f: {
    districtCodes: readonly string[];
    occupationCode?: string | undefined;
    urgency?: string | undefined;
    today: string;
  },
): Promise<BoardCell[]> {
  if (f.districtCodes.length === 0) return [];
  let q = db
    .selectFrom('labourShortages as s')
    .select((eb) => [
      's.districtCode',
      's.occupationCode',
      's.urgency',
      eb.fn.countAll<number>().as('shortages'),
      sql<number>`coalesce(sum(s.headcount), 0)::int`.as('headcount'),
      sql<number>`coalesce(sum(s.headcount - s.headcount_filled), 0)::int`.as('headcountOpen'),
      sql<number>`count(*) FILTER (WHERE s.deadline < ${f.today})::int`.as('overdue'),
    ])
    .where('s.status', 'in', ['open', 'in_progress'])
    .where('s.districtCode', 'in', [...f.districtCodes]);
  if (f.occupationCode) q = q.where(occupationMatches(f.occupationCode));
  if (f.urgency) q = q.where('s.urgency', '=', f.urgency);
  const rows = await q.groupBy(['s.districtCode', 's.occupationCode', 's.urgency']).execute();
  return rows.map((r) => ({ ...r, shortages: Number(r.shortages) }));
}

export type ResolvedRow = { method: string; shortages: number; headcountFilled: number; avgDays: number };

/** Resolved shortages by method: how many, how many workers, how long it took on average. */
export async function resolvedByMethod(
  db: Executor,
  f: { districtCodes: readonly string[]; occupationCode?: string | undefined; urgency?: string | undefined },
): Promise<ResolvedRow[]> {
  if (f.districtCodes.length === 0) return [];
  let q = db
    .selectFrom('labourShortages as s')
    .select((eb) => [
      sql<string>`s.resolution_method`.as('method'),
      eb.fn.countAll<number>().as('shortages'),
      sql<number>`coalesce(sum(s.headcount_filled), 0)::int`.as('headcountFilled'),
      sql<number>`coalesce(avg(extract(epoch FROM s.resolved_at - s.created_at) / 86400), 0)::float8`.as(
        'avgDays',
      ),
    ])
    .where('s.status', '=', 'resolved')
    .where('s.districtCode', 'in', [...f.districtCodes]);
  if (f.occupationCode) q = q.where(occupationMatches(f.occupationCode));
  if (f.urgency) q = q.where('s.urgency', '=', f.urgency);
  const rows = await q.groupBy('s.resolutionMethod').execute();
  return rows.map((r) => ({ ...r, shortages: Number(r.shortages) }));
}

export type FactRow = {
  id: string;
  enterpriseId: string;
  districtCode: string;
  occupationCode: string;
  urgency: string;
  status: string;
  headcount: number;
  headcountFilled: number;
  deadline: string;
  createdAt: Date;
};

/** Unresolved shortages (optionally of some districts), for other modules' read models. */
export async function unresolvedShortages(
  db: Executor,
  districtCodes: readonly string[] | undefined,
): Promise<FactRow[]> {
  let q = db
    .selectFrom('labourShortages as s')
    .select([
      's.id',
      's.enterpriseId',
      's.districtCode',
      's.occupationCode',
      's.urgency',
      's.status',
      's.headcount',
      's.headcountFilled',
      's.deadline',
      's.createdAt',
    ])
    .where('s.status', 'in', ['open', 'in_progress']);
  if (districtCodes) q = q.where('s.districtCode', 'in', districtCodes.length ? [...districtCodes] : ['']);
  return q.orderBy('s.createdAt').execute();
}
