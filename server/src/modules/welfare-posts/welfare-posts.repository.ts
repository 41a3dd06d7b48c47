import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { WelfareScope } from './welfare-posts.policy.js';

// ——— Settings ———

/** Platform setting (app_settings) overriding the cumulative placement limit in months. */
export const TERM_LIMIT_SETTING = 'welfare.termLimitMonths';

export async function termLimitSetting(db: Executor): Promise<number | undefined> {
  const r = await db
    .selectFrom('appSettings')
    .select('value')
    .where('key', '=', TERM_LIMIT_SETTING)
    .executeTakeFirst();
  const v = r?.value;
  return typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : undefined;
}

// ——— Posts ———

export type PostRow = {
  id: string;
  enterpriseId: string;
  sponsorName: string;
  districtCode: string;
  title: string;
  duties: string;
  headcount: number;
  placedCount: number;
  termMonths: number;
  monthlySubsidyFen: number;
  weeklyHours: number;
  status: string;
  createdAt: Date;
  updatedAt: Date;
};

function selectPosts(db: Executor) {
  return db
    .selectFrom('welfarePosts as w')
    .innerJoin('enterprises as e', 'e.id', 'w.enterpriseId')
    .select([
      'w.id',
      'w.enterpriseId',
      'e.name as sponsorName',
      'w.districtCode',
      'w.title',
      'w.duties',
      'w.headcount',
      'w.placedCount',
      'w.termMonths',
      'w.monthlySubsidyFen',
      'w.weeklyHours',
      'w.status',
      'w.createdAt',
      'w.updatedAt',
    ]);
}

export async function findPost(db: Executor, id: string): Promise<PostRow | undefined> {
  return selectPosts(db).where('w.id', '=', id).executeTakeFirst();
}

export async function insertPost(
  db: Executor,
  p: {
    enterpriseId: string;
    districtCode: string;
    title: string;
    duties: string;
    headcount: number;
    termMonths: number;
    monthlySubsidyFen: number;
    weeklyHours: number;
    createdBy: string;
    at: Date;
  },
): Promise<string> {
  const { at, ...values } = p;
  const r = await db
    .insertInto('welfarePosts')
    .values({ ...values, createdAt: at, updatedAt: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updatePostStatus(db: Executor, id: string, status: string, at: Date): Promise<boolean> {
  const r = await db
    .updateTable('welfarePosts')
    .set({ status, updatedAt: at })
    .where('id', '=', id)
    .where('status', '<>', status)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function listPosts(
  db: Executor,
  scope: WelfareScope,
  f: {
    districtCode?: string | undefined;
    enterpriseId?: string | undefined;
    status?: string | undefined;
    limit: number;
    offset: number;
  },
): Promise<{ rows: PostRow[]; total: number }> {
  let q = selectPosts(db);
  let c = db.selectFrom('welfarePosts as w').select((eb) => eb.fn.countAll<number>().as('n'));
  const inScope = 'districtCodes' in scope ? [...scope.districtCodes] : [...scope.enterpriseIds];
  if (inScope.length === 0) return { rows: [], total: 0 };
  if ('districtCodes' in scope) {
    q = q.where('w.districtCode', 'in', inScope);
    c = c.where('w.districtCode', 'in', inScope);
  } else {
    q = q.where('w.enterpriseId', 'in', inScope);
    c = c.where('w.enterpriseId', 'in', inScope);
  }
  if (f.districtCode) {
    q = q.where('w.districtCode', '=', f.districtCode);
    c = c.where('w.districtCode', '=', f.districtCode);
  }
  if (f.enterpriseId) {
    q = q.where('w.enterpriseId', '=', f.enterpriseId);
    c = c.where('w.enterpriseId', '=', f.enterpriseId);
  }
  if (f.status) {
    q = q.where('w.status', '=', f.status);
    c = c.where('w.status', '=', f.status);
  }
  const [rows, count] = await Promise.all([
    q.orderBy('w.createdAt', 'desc').orderBy('w.id').limit(f.limit).offset(f.offset).execute(),
    c.executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/**
 * Takes one place on an open post: a conditional UPDATE, so concurrent placements queue on the
 * post's row and the last place goes to exactly one of them. The CHECK placed_count <= headcount
 * is the database's last word. Undefined when the post is closed or full.
 */
export async function takePlace(
  db: Executor,
  postId: string,
  at: Date,
): Promise<{ placedCount: number; headcount: number } | undefined> {
  return db
    .updateTable('welfarePosts')
    .set((eb) => ({ placedCount: eb('placedCount', '+', 1), updatedAt: at }))
    .where('id', '=', postId)
    .where('status', '=', 'open')
    .whereRef('placedCount', '<', 'headcount')
    .returning(['placedCount', 'headcount'])
    .executeTakeFirst();
}

/** Gives a place back when a placement ends. */
export async function freePlace(db: Executor, postId: string, at: Date): Promise<void> {
  await db
    .updateTable('welfarePosts')
    .set((eb) => ({ placedCount: eb('placedCount', '-', 1), updatedAt: at }))
    .where('id', '=', postId)
    .where('placedCount', '>', 0)
    .execute();
}

// ——— Placements ———

/**
 * Serialises placements of one person (transaction-scoped advisory lock), so that the cumulative
 * term check and the insert see the same history. The partial unique index
 * welfare_placements_one_active_uniq backs "one post at a time" regardless.
 */
export async function lockPerson(db: Executor, personId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`welfare_placement:${personId}`}, 0))`.execute(
    db,
  );
}

/** The person's placement history: months counted so far, an active placement, the latest end. */
export async function placementHistory(
  db: Executor,
  personId: string,
): Promise<{ monthsUsed: number; activeId: string | null; lastEndedOn: string | null }> {
  const r = await db
    .selectFrom('welfarePlacements')
    .select((eb) => [
      eb.fn.coalesce(eb.fn.sum<number>('monthsCounted'), sql<number>`0`).as('monthsUsed'),
      sql<string | null>`(array_agg(id) FILTER (WHERE status = 'active'))[1]`.as('activeId'),
      sql<string | null>`max(ended_on)::text`.as('lastEndedOn'),
    ])
    .where('personId', '=', personId)
    .executeTakeFirstOrThrow();
  return { monthsUsed: Number(r.monthsUsed), activeId: r.activeId, lastEndedOn: r.lastEndedOn };
}

export async function insertPlacement(
  db: Executor,
  p: {
    postId: string;
    personId: string;
    startsOn: string;
    termMonths: number;
    note: string | null;
    createdBy: string;
    at: Date;
  },
): Promise<string> {
  const r = await db
    .insertInto('welfarePlacements')
    .values({
      postId: p.postId,
      personId: p.personId,
      startsOn: p.startsOn,
      termMonths: p.termMonths,
      // The day before start + term (PostgreSQL's month arithmetic clamps to the month's end).
      plannedEndOn: sql<string>`(${p.startsOn}::date + make_interval(months => ${p.termMonths}))::date - 1`,
      monthsCounted: p.termMonths,
      note: p.note,
      createdBy: p.createdBy,
      createdAt: p.at,
      updatedAt: p.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export type PlacementRow = {
  id: string;
  postId: string;
  postTitle: string;
  enterpriseId: string;
  sponsorName: string;
  districtCode: string;
  monthlySubsidyFen: number;
  personId: string;
  startsOn: string;
  termMonths: number;
  plannedEndOn: string;
  status: string;
  endedOn: string | null;
  endReason: string | null;
  monthsCounted: number;
  note: string | null;
  createdAt: Date;
  updatedAt: Date;
};

function selectPlacements(db: Executor) {
  return db
    .selectFrom('welfarePlacements as pl')
    .innerJoin('welfarePosts as w', 'w.id', 'pl.postId')
    .innerJoin('enterprises as e', 'e.id', 'w.enterpriseId')
    .select([
      'pl.id',
      'pl.postId',
      'w.title as postTitle',
      'w.enterpriseId',
      'e.name as sponsorName',
      'w.districtCode',
      'w.monthlySubsidyFen',
      'pl.personId',
      'pl.startsOn',
      'pl.termMonths',
      'pl.plannedEndOn',
      'pl.status',
      'pl.endedOn',
      'pl.endReason',
      'pl.monthsCounted',
      'pl.note',
      'pl.createdAt',
      'pl.updatedAt',
    ]);
}

export async function findPlacement(
  db: Executor,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<PlacementRow | undefined> {
  let q = selectPlacements(db).where('pl.id', '=', id);
  if (opts.forUpdate) q = q.forUpdate('pl');
  return q.executeTakeFirst();
}

export async function listPlacements(
  db: Executor,
  postId: string,
  f: { status?: string | undefined; limit: number; offset: number },
): Promise<{ rows: PlacementRow[]; total: number }> {
  let q = selectPlacements(db).where('pl.postId', '=', postId);
  let c = db
    .selectFrom('welfarePlacements')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('postId', '=', postId);
  if (f.status) {
    q = q.where('pl.status', '=', f.status);
    c = c.where('status', '=', f.status);
  }
  const [rows, count] = await Promise.all([
    q.orderBy('pl.createdAt', 'desc').orderBy('pl.id').limit(f.limit).offset(f.offset).execute(),
    c.executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/**
 * Ends an active placement. From then on it counts the calendar months begun in the term: the
 * smallest n with start + n months − 1 day ≥ the last day (a started month counts in full, as the
 * term is set in months); the same month arithmetic as planned_end_on.
 */
export async function endPlacement(
  db: Executor,
  id: string,
  e: { endedOn: string; reason: string; note: string | null; endedBy: string; at: Date },
): Promise<boolean> {
  const r = await db
    .updateTable('welfarePlacements')
    .set({
      status: 'ended',
      endedOn: e.endedOn,
      endReason: e.reason,
      endNote: e.note,
      endedBy: e.endedBy,
      updatedAt: e.at,
      monthsCounted: sql<number>`(SELECT min(n) FROM generate_series(1, term_months) AS n
        WHERE (starts_on + make_interval(months => n))::date - 1 >= ${e.endedOn}::date)`,
    })
    .where('id', '=', id)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// ——— Attendance and subsidies ———

/** Locks the month's subsidy (if any) and answers its status: a paid month is frozen. */
export async function lockSubsidy(
  db: Executor,
  placementId: string,
  month: string,
): Promise<string | undefined> {
  const r = await db
    .selectFrom('welfareSubsidies')
    .select('status')
    .where('placementId', '=', placementId)
    .where('month', '=', month)
    .forUpdate()
    .executeTakeFirst();
  return r?.status;
}

/** One row per placement and month (unique): a second report replaces the first. */
export async function upsertAttendance(
  db: Executor,
  a: {
    placementId: string;
    month: string;
    workingDays: number;
    daysPresent: number;
    recordedBy: string;
    at: Date;
  },
): Promise<string> {
  const { at, ...values } = a;
  const r = await db
    .insertInto('welfareAttendance')
    .values({ ...values, createdAt: at, updatedAt: at })
    .onConflict((oc) =>
      oc.columns(['placementId', 'month']).doUpdateSet({
        workingDays: a.workingDays,
        daysPresent: a.daysPresent,
        recordedBy: a.recordedBy,
        updatedAt: at,
      }),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** The month's subsidy record, created or recomputed while pending. False when it is already paid. */
export async function upsertSubsidy(
  db: Executor,
  s: {
    attendanceId: string;
    placementId: string;
    postId: string;
    personId: string;
    enterpriseId: string;
    districtCode: string;
    month: string;
    monthlySubsidyFen: number;
    amountFen: number;
    at: Date;
  },
): Promise<boolean> {
  const { at, ...values } = s;
  const r = await db
    .insertInto('welfareSubsidies')
    .values({ ...values, createdAt: at, updatedAt: at })
    .onConflict((oc) =>
      oc
        .columns(['placementId', 'month'])
        .doUpdateSet({ monthlySubsidyFen: s.monthlySubsidyFen, amountFen: s.amountFen, updatedAt: at })
        .where('welfareSubsidies.status', '=', 'pending'),
    )
    .returning('id')
    .executeTakeFirst();
  return r !== undefined;
}

export type SubsidyRow = {
  id: string;
  placementId: string;
  postId: string;
  postTitle: string;
  enterpriseId: string;
  sponsorName: string;
  districtCode: string;
  personId: string;
  month: string;
  workingDays: number;
  daysPresent: number;
  monthlySubsidyFen: number;
  amountFen: number;
  status: string;
  paidAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

function selectSubsidies(db: Executor) {
  return db
    .selectFrom('welfareSubsidies as s')
    .innerJoin('welfareAttendance as a', 'a.id', 's.attendanceId')
    .innerJoin('welfarePosts as w', 'w.id', 's.postId')
    .innerJoin('enterprises as e', 'e.id', 's.enterpriseId')
    .select([
      's.id',
      's.placementId',
      's.postId',
      'w.title as postTitle',
      's.enterpriseId',
      'e.name as sponsorName',
      's.districtCode',
      's.personId',
      sql<string>`to_char(s.month, 'YYYY-MM')`.as('month'),
      'a.workingDays',
      'a.daysPresent',
      's.monthlySubsidyFen',
      's.amountFen',
      's.status',
      's.paidAt',
      's.createdAt',
      's.updatedAt',
    ]);
}

export async function findSubsidy(
  db: Executor,
  placementId: string,
  month: string,
): Promise<SubsidyRow | undefined> {
  return selectSubsidies(db)
    .where('s.placementId', '=', placementId)
    .where('s.month', '=', month)
    .executeTakeFirst();
}

export async function listSubsidies(
  db: Executor,
  scope: WelfareScope,
  f: {
    month?: string | undefined;
    status?: string | undefined;
    postId?: string | undefined;
    placementId?: string | undefined;
    districtCode?: string | undefined;
    limit: number;
    offset: number;
  },
): Promise<{ rows: SubsidyRow[]; total: number }> {
  const inScope = 'districtCodes' in scope ? [...scope.districtCodes] : [...scope.enterpriseIds];
  if (inScope.length === 0) return { rows: [], total: 0 };
  let q = selectSubsidies(db);
  let c = db.selectFrom('welfareSubsidies as s').select((eb) => eb.fn.countAll<number>().as('n'));
  const col = 'districtCodes' in scope ? ('s.districtCode' as const) : ('s.enterpriseId' as const);
  q = q.where(col, 'in', inScope);
  c = c.where(col, 'in', inScope);
  if (f.month) {
    q = q.where('s.month', '=', f.month);
    c = c.where('s.month', '=', f.month);
  }
  if (f.status) {
    q = q.where('s.status', '=', f.status);
    c = c.where('s.status', '=', f.status);
  }
  if (f.postId) {
    q = q.where('s.postId', '=', f.postId);
    c = c.where('s.postId', '=', f.postId);
  }
  if (f.placementId) {
    q = q.where('s.placementId', '=', f.placementId);
    c = c.where('s.placementId', '=', f.placementId);
  }
  if (f.districtCode) {
    q = q.where('s.districtCode', '=', f.districtCode);
    c = c.where('s.districtCode', '=', f.districtCode);
  }
  const [rows, count] = await Promise.all([
    q.orderBy('s.month', 'desc').orderBy('s.id').limit(f.limit).offset(f.offset).execute(),
    c.executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Every subsidy record of a month (pending and paid), for the payouts module. */
export async function subsidiesOfMonth(db: Executor, month: string): Promise<SubsidyRow[]> {
  return selectSubsidies(db).where('s.month', '=', month).orderBy('s.districtCode').orderBy('s.id').execute();
}

/** pending → paid, only for records still pending; answers the ids that changed. */
export async function markSubsidiesPaid(
  db: Executor,
  ids: readonly string[],
  at: Date,
  payoutRef: string | null,
): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .updateTable('welfareSubsidies')
    .set({ status: 'paid', paidAt: at, payoutRef, updatedAt: at })
    .where('id', 'in', [...ids])
    .where('status', '=', 'pending')
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

// ——— Facts for support policies ———

/** Whether the person holds a post on `asOf`, and the months counted towards the limit by then. */
export async function welfareFacts(
  db: Executor,
  personId: string,
  asOf: string,
): Promise<{ placed: boolean; monthsUsed: number }> {
  const r = await db
    .selectFrom('welfarePlacements')
    .select([
      sql<boolean>`coalesce(bool_or(starts_on <= ${asOf}::date AND coalesce(ended_on, planned_end_on) >= ${asOf}::date), false)`.as(
        'placed',
      ),
      sql<number>`coalesce(sum(months_counted) FILTER (WHERE starts_on <= ${asOf}::date), 0)`.as(
        'monthsUsed',
      ),
    ])
    .where('personId', '=', personId)
    .executeTakeFirstOrThrow();
  return { placed: r.placed, monthsUsed: Number(r.monthsUsed) };
}
