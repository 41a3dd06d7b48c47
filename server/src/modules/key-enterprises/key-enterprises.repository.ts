import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../db/database.js';

function and(c: RawBuilder<unknown>[]): RawBuilder<boolean> {
  return sql<boolean>`(${sql.join([sql`true`, ...c], sql` AND `)})`;
}

function inList(column: string, values: readonly string[]): RawBuilder<unknown> {
  return values.length ? sql`${sql.ref(column)} IN (${sql.join([...values])})` : sql`false`;
}

export type StaffRow = {
  id: string;
  role: string;
  status: string;
  displayName: string;
  districtCodes: string[];
};

export async function findUser(db: Executor, id: string): Promise<StaffRow | undefined> {
  return db
    .selectFrom('users')
    .select(['id', 'role', 'status', 'displayName', 'districtCodes'])
    .where('id', '=', id)
    .executeTakeFirst();
}

// ——— Key enterprises ———

export type KeyEnterpriseRow = {
  enterpriseId: string;
  enterpriseName: string;
  districtCode: string;
  reason: string;
  officerUserId: string | null;
  officerName: string | null;
  isActive: boolean;
  markedAt: Date;
  updatedAt: Date;
  openProblems: number;
  overdueProblems: number;
  lastServiceOn: string | null;
};

function keyBase(db: Executor, today: string) {
  return db
    .selectFrom('keyEnterprises as k')
    .innerJoin('enterprises as e', 'e.id', 'k.enterpriseId')
    .leftJoin('users as u', 'u.id', 'k.officerUserId')
    .select([
      'k.enterpriseId',
      'e.name as enterpriseName',
      'e.districtCode',
      'k.reason',
      'k.officerUserId',
      'u.displayName as officerName',
      'k.isActive',
      'k.markedAt',
      'k.updatedAt',
      sql<number>`(SELECT count(*)::int FROM enterprise_service_problems p
        WHERE p.enterprise_id = k.enterprise_id AND p.status = 'open')`.as('openProblems'),
      sql<number>`(SELECT count(*)::int FROM enterprise_service_problems p
        WHERE p.enterprise_id = k.enterprise_id AND p.status = 'open' AND p.deadline < ${today})`.as(
        'overdueProblems',
      ),
      sql<string | null>`(SELECT max(l.served_on)::text FROM enterprise_service_logs l
        WHERE l.enterprise_id = k.enterprise_id)`.as('lastServiceOn'),
    ]);
}

export async function findKeyEnterprise(
  db: Executor,
  enterpriseId: string,
  today: string,
): Promise<KeyEnterpriseRow | undefined> {
  return keyBase(db, today).where('k.enterpriseId', '=', enterpriseId).executeTakeFirst();
}

/** Locks the key-enterprise row (if any) for the caller's transaction. */
export async function lockKeyEnterprise(
  db: Executor,
  enterpriseId: string,
): Promise<{ isActive: boolean; officerUserId: string | null; reason: string } | undefined> {
  return db
    .selectFrom('keyEnterprises')
    .select(['isActive', 'officerUserId', 'reason'])
    .where('enterpriseId', '=', enterpriseId)
    .forUpdate()
    .executeTakeFirst();
}

export async function upsertKeyEnterprise(
  db: Executor,
  v: { enterpriseId: string; reason: string; officerUserId: string; markedBy: string; at: Date },
): Promise<void> {
  await db
    .insertInto('keyEnterprises')
    .values({
      enterpriseId: v.enterpriseId,
      reason: v.reason,
      officerUserId: v.officerUserId,
      markedBy: v.markedBy,
      markedAt: v.at,
      updatedAt: v.at,
    })
    .onConflict((oc) =>
      oc.column('enterpriseId').doUpdateSet({
        reason: v.reason,
        officerUserId: v.officerUserId,
        isActive: true,
        unmarkedAt: null,
        // A re-marked enterprise counts from the new marking.
        markedAt: sql`CASE WHEN key_enterprises.is_active THEN key_enterprises.marked_at ELSE ${v.at}::timestamptz END`,
        markedBy: sql`CASE WHEN key_enterprises.is_active THEN key_enterprises.marked_by ELSE ${v.markedBy}::uuid END`,
        updatedAt: v.at,
      }),
    )
    .execute();
}

export async function unmarkKeyEnterprise(db: Executor, enterpriseId: string, at: Date): Promise<boolean> {
  const r = await db
    .updateTable('keyEnterprises')
    .set({ isActive: false, unmarkedAt: at, updatedAt: at })
    .where('enterpriseId', '=', enterpriseId)
    .where('isActive', '=', true)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export type KeyFilter = {
  districtCodes: readonly string[];
  districtCode?: string | undefined;
  officerUserId?: string | undefined;
  withOverdue?: boolean | undefined;
  today: string;
};

function keyFilterOf(f: KeyFilter): RawBuilder<boolean> {
  const c: RawBuilder<unknown>[] = [sql`k.is_active`, inList('e.district_code', f.districtCodes)];
  if (f.districtCode) c.push(sql`e.district_code = ${f.districtCode}`);
  if (f.officerUserId) c.push(sql`k.officer_user_id = ${f.officerUserId}`);
  if (f.withOverdue === true) {
    c.push(sql`EXISTS (SELECT 1 FROM enterprise_service_problems p WHERE p.enterprise_id = k.enterprise_id
      AND p.status = 'open' AND p.deadline < ${f.today})`);
  }
  return and(c);
}

export async function listKeyEnterprises(
  db: Executor,
  f: KeyFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: KeyEnterpriseRow[]; total: number }> {
  const [rows, count] = await Promise.all([
    keyBase(db, f.today)
      .where(keyFilterOf(f))
      .orderBy('e.name')
      .orderBy('k.enterpriseId')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    db
      .selectFrom('keyEnterprises as k')
      .innerJoin('enterprises as e', 'e.id', 'k.enterpriseId')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(keyFilterOf(f))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

// ——— Service logs and problems ———

export type LogRow = {
  id: string;
  enterpriseId: string;
  officerUserId: string;
  officerName: string;
  servedOn: string;
  kind: string;
  notes: string;
  internalNote: string | null;
  createdAt: Date;
};

export async function insertLog(
  db: Executor,
  v: {
    enterpriseId: string;
    officerUserId: string;
    servedOn: string;
    kind: string;
    notes: string;
    internalNote: string | null;
    at: Date;
  },
): Promise<string> {
  const { at, ...rest } = v;
  const r = await db
    .insertInto('enterpriseServiceLogs')
    .values({ ...rest, createdAt: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

function logBase(db: Executor) {
  return db
    .selectFrom('enterpriseServiceLogs as l')
    .innerJoin('users as u', 'u.id', 'l.officerUserId')
    .select([
      'l.id',
      'l.enterpriseId',
      'l.officerUserId',
      'u.displayName as officerName',
      'l.servedOn',
      'l.kind',
      'l.notes',
      'l.internalNote',
      'l.createdAt',
    ]);
}

export async function findLog(db: Executor, id: string): Promise<LogRow | undefined> {
  return logBase(db).where('l.id', '=', id).executeTakeFirst();
}

export async function listLogs(
  db: Executor,
  enterpriseId: string,
  f: { from?: string | undefined; to?: string | undefined; limit: number; offset: number },
): Promise<{ rows: LogRow[]; total: number }> {
  let rowsQ = logBase(db).where('l.enterpriseId', '=', enterpriseId);
  let q = db.selectFrom('enterpriseServiceLogs as l').where('l.enterpriseId', '=', enterpriseId);
  if (f.from) {
    q = q.where('l.servedOn', '>=', f.from);
    rowsQ = rowsQ.where('l.servedOn', '>=', f.from);
  }
  if (f.to) {
    q = q.where('l.servedOn', '<=', f.to);
    rowsQ = rowsQ.where('l.servedOn', '<=', f.to);
  }
  const [rows, count] = await Promise.all([
    rowsQ
      .orderBy('l.servedOn', 'desc')
      .orderBy('l.createdAt', 'desc')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function insertProblems(
  db: Executor,
  rows: {
    enterpriseId: string;
    serviceLogId: string;
    category: string;
    description: string;
    deadline: string;
    createdAt: Date;
    updatedAt: Date;
  }[],
): Promise<string[]> {
  if (rows.length === 0) return [];
  const r = await db.insertInto('enterpriseServiceProblems').values(rows).returning('id').execute();
  return r.map((x) => x.id);
}

export type ProblemRow = {
  id: string;
  enterpriseId: string;
  enterpriseName: string;
  districtCode: string;
  serviceLogId: string;
  category: string;
  description: string;
  deadline: string;
  status: string;
  resolutionNote: string | null;
  resolvedAt: Date | null;
  officerUserId: string | null;
  officerName: string | null;
  createdAt: Date;
  updatedAt: Date;
};

function problemBase(db: Executor) {
  return db
    .selectFrom('enterpriseServiceProblems as p')
    .innerJoin('enterprises as e', 'e.id', 'p.enterpriseId')
    .leftJoin('keyEnterprises as k', 'k.enterpriseId', 'p.enterpriseId')
    .leftJoin('users as u', 'u.id', 'k.officerUserId')
    .select([
      'p.id',
      'p.enterpriseId',
      'e.name as enterpriseName',
      'e.districtCode',
      'p.serviceLogId',
      'p.category',
      'p.description',
      'p.deadline',
      'p.status',
      'p.resolutionNote',
      'p.resolvedAt',
      'k.officerUserId',
      'u.displayName as officerName',
      'p.createdAt',
      'p.updatedAt',
    ]);
}

export async function findProblem(
  db: Executor,
  id: string,
  o: { forUpdate?: boolean } = {},
): Promise<ProblemRow | undefined> {
  let q = problemBase(db).where('p.id', '=', id);
  if (o.forUpdate) q = q.forUpdate('p');
  return q.executeTakeFirst();
}

export async function problemsOfLogs(db: Executor, logIds: readonly string[]): Promise<ProblemRow[]> {
  if (logIds.length === 0) return [];
  return problemBase(db)
    .where('p.serviceLogId', 'in', [...logIds])
    .orderBy('p.createdAt')
    .orderBy('p.id')
    .execute();
}

export async function updateProblem(
  db: Executor,
  id: string,
  patch: Partial<{
    status: string;
    resolutionNote: string | null;
    resolvedAt: Date | null;
    resolvedBy: string | null;
    deadline: string;
  }> & { updatedAt: Date },
): Promise<void> {
  await db.updateTable('enterpriseServiceProblems').set(patch).where('id', '=', id).execute();
}

export type ProblemFilter = {
  districtCodes: readonly string[];
  status?: string | undefined;
  overdue?: boolean | undefined;
  enterpriseId?: string | undefined;
  officerUserId?: string | undefined;
  districtCode?: string | undefined;
  category?: string | undefined;
  today: string;
};

function problemFilterOf(f: ProblemFilter): RawBuilder<boolean> {
  const c: RawBuilder<unknown>[] = [inList('e.district_code', f.districtCodes)];
  if (f.status) c.push(sql`p.status = ${f.status}`);
  if (f.overdue === true) c.push(sql`(p.status = 'open' AND p.deadline < ${f.today})`);
  if (f.overdue === false) c.push(sql`(p.status <> 'open' OR p.deadline >= ${f.today})`);
  if (f.enterpriseId) c.push(sql`p.enterprise_id = ${f.enterpriseId}`);
  if (f.officerUserId) c.push(sql`k.officer_user_id = ${f.officerUserId}`);
  if (f.districtCode) c.push(sql`e.district_code = ${f.districtCode}`);
  if (f.category) c.push(sql`p.category = ${f.category}`);
  return and(c);
}

export async function listProblems(
  db: Executor,
  f: ProblemFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: ProblemRow[]; total: number }> {
  const [rows, count] = await Promise.all([
    problemBase(db)
      .where(problemFilterOf(f))
      .orderBy(sql`CASE p.status WHEN 'open' THEN 0 ELSE 1 END`)
      .orderBy('p.deadline', 'asc')
      .orderBy('p.createdAt', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    db
      .selectFrom('enterpriseServiceProblems as p')
      .innerJoin('enterprises as e', 'e.id', 'p.enterpriseId')
      .leftJoin('keyEnterprises as k', 'k.enterpriseId', 'p.enterpriseId')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(problemFilterOf(f))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
