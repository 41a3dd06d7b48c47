import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';

export type RuleRow = {
  id: string;
  code: string;
  kind: string;
  nameZh: string;
  nameEn: string;
  params: unknown;
  severity: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  active: boolean;
  version: number;
};
const RULE_COLUMNS = [
  'id',
  'code',
  'kind',
  'nameZh',
  'nameEn',
  'params',
  'severity',
  'effectiveFrom',
  'effectiveTo',
  'active',
  'version',
] as const;

export async function listRules(db: Executor): Promise<RuleRow[]> {
  return db
    .selectFrom('warningRules')
    .select(RULE_COLUMNS)
    .select(sql<string>`to_char(effective_from, 'YYYY-MM-DD')`.as('effectiveFrom'))
    .select(sql<string | null>`to_char(effective_to, 'YYYY-MM-DD')`.as('effectiveTo'))
    .orderBy('code')
    .execute();
}

/** Active rules of a kind in effect on `day` (yyyy-mm-dd). */
export async function rulesInEffect(db: Executor, kind: string, day: string): Promise<RuleRow[]> {
  return db
    .selectFrom('warningRules')
    .select(RULE_COLUMNS)
    .where('kind', '=', kind)
    .where('active', '=', true)
    .where('effectiveFrom', '<=', day)
    .where((eb) => eb.or([eb('effectiveTo', 'is', null), eb('effectiveTo', '>=', day)]))
    .orderBy('code')
    .execute();
}

export type SeedRule = {
  code: string;
  kind: string;
  nameZh: string;
  nameEn: string;
  params: Record<string, number>;
  severity: string;
  effectiveFrom: string;
};

/** Inserts rules whose seed key is new; answers how many were inserted. */
export async function insertSeedRules(db: Executor, rules: SeedRule[]): Promise<number> {
  const r = await db
    .insertInto('warningRules')
    .values(rules.map((x) => ({ ...x, params: JSON.stringify(x.params), seedKey: x.code })))
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .execute();
  return r.length;
}

/** One rule by id (locked for a change when asked). */
export async function findRule(db: Executor, id: string, forUpdate = false): Promise<RuleRow | undefined> {
  let q = db
    .selectFrom('warningRules')
    .select(RULE_COLUMNS)
    .select(sql<string>`to_char(effective_from, 'YYYY-MM-DD')`.as('effectiveFrom'))
    .select(sql<string | null>`to_char(effective_to, 'YYYY-MM-DD')`.as('effectiveTo'))
    .where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export type RuleValues = {
  nameZh: string;
  nameEn: string;
  params: Record<string, number>;
  severity: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  active: boolean;
};

/** Inserts a rule unless its code is taken; answers the new id or undefined. (A trigger records version 1.) */
export async function insertRule(
  db: Executor,
  r: RuleValues & { code: string; kind: string },
  by: string,
  at: Date,
): Promise<string | undefined> {
  const row = await db
    .insertInto('warningRules')
    .values({
      ...r,
      params: JSON.stringify(r.params),
      createdBy: by,
      updatedBy: by,
      createdAt: at,
      updatedAt: at,
    })
    .onConflict((oc) => oc.column('code').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

/**
 * Writes a new version of a rule if it is still at `expectedVersion` (the conditional update has
 * the last word under concurrency); answers whether it did. A trigger records the version.
 */
export async function updateRule(
  db: Executor,
  id: string,
  expectedVersion: number,
  r: RuleValues,
  by: string,
  at: Date,
): Promise<boolean> {
  const res = await db
    .updateTable('warningRules')
    .set((eb) => ({
      ...r,
      params: JSON.stringify(r.params),
      version: eb('version', '+', 1),
      updatedBy: by,
      updatedAt: at,
    }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return res.numUpdatedRows > 0n;
}

export type NewAlert = {
  ruleId: string;
  ruleVersion: number;
  kind: string;
  severity: string;
  subjectType: string;
  subjectId: string;
  period: string;
  districtCode: string | null;
  titleZh: string;
  titleEn: string;
  detail: Record<string, unknown>;
  raisedAt: Date;
};

/** Inserts an alert unless one exists for the rule, subject and period; answers the new id or undefined. */
export async function insertAlert(db: Executor, a: NewAlert): Promise<string | undefined> {
  const r = await db
    .insertInto('warningAlerts')
    .values({ ...a, detail: JSON.stringify(a.detail) })
    .onConflict((oc) => oc.columns(['ruleId', 'subjectType', 'subjectId', 'period']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return r?.id;
}

export async function alertIdsFor(
  db: Executor,
  kind: string,
  subjectType: string,
  subjectId: string,
  period: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('warningAlerts')
    .select('id')
    .where('kind', '=', kind)
    .where('subjectType', '=', subjectType)
    .where('subjectId', '=', subjectId)
    .where('period', '=', period)
    .execute();
  return rows.map((r) => r.id);
}

/**
 * The staff member who owns alerts of a district: the district's own officers before city-wide ones
 * (fewest districts first), the longest-serving first. Without a district: a city-wide officer.
 */
export async function pickAssignee(
  db: Executor,
  districtCode: string | null,
  cityDistricts: readonly string[],
): Promise<string | undefined> {
  let q = db.selectFrom('users').select('id').where('role', '=', 'staff').where('status', '=', 'active');
  q = districtCode
    ? q.where(sql<boolean>`${districtCode} = ANY(district_codes)`)
    : q.where(sql<boolean>`district_codes @> ${sql.val([...cityDistricts])}::text[]`);
  const r = await q
    .orderBy(sql`cardinality(district_codes)`)
    .orderBy('createdAt')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return r?.id;
}

export async function setAssignee(db: Executor, id: string, userId: string): Promise<void> {
  await db.updateTable('warningAlerts').set({ assigneeUserId: userId }).where('id', '=', id).execute();
}

export type AlertRow = {
  id: string;
  ruleCode: string;
  ruleVersion: number;
  kind: string;
  severity: string;
  subjectType: string;
  subjectId: string;
  period: string;
  districtCode: string | null;
  titleZh: string;
  titleEn: string;
  detail: unknown;
  status: string;
  assigneeUserId: string | null;
  raisedAt: Date;
  acknowledgedAt: Date | null;
  resolvedAt: Date | null;
  resolutionNote: string | null;
};

function alertQuery(db: Executor) {
  return db
    .selectFrom('warningAlerts as a')
    .innerJoin('warningRules as r', 'r.id', 'a.ruleId')
    .select([
      'a.id',
      'r.code as ruleCode',
      'a.ruleVersion',
      'a.kind',
      'a.severity',
      'a.subjectType',
      'a.subjectId',
      'a.period',
      'a.districtCode',
      'a.titleZh',
      'a.titleEn',
      'a.detail',
      'a.status',
      'a.assigneeUserId',
      'a.raisedAt',
      'a.acknowledgedAt',
      'a.resolvedAt',
      'a.resolutionNote',
    ]);
}

export async function findAlert(db: Executor, id: string, forUpdate = false): Promise<AlertRow | undefined> {
  let q = alertQuery(db).where('a.id', '=', id);
  if (forUpdate) q = q.forUpdate('a');
  return q.executeTakeFirst();
}

export type AlertFilter = {
  districtCodes: string[];
  cityWide: boolean;
  status?: string | undefined;
  severity?: string | undefined;
  kind?: string | undefined;
  districtCode?: string | undefined;
  assigneeUserId?: string | undefined;
  page: number;
  pageSize: number;
};

export async function listAlerts(
  db: Executor,
  f: AlertFilter,
): Promise<{ items: AlertRow[]; total: number }> {
  let q = alertQuery(db).where((eb) =>
    f.cityWide
      ? eb.or([eb('a.districtCode', 'is', null), eb('a.districtCode', 'in', f.districtCodes)])
      : eb('a.districtCode', 'in', f.districtCodes.length > 0 ? f.districtCodes : ['------']),
  );
  if (f.status) q = q.where('a.status', '=', f.status);
  if (f.severity) q = q.where('a.severity', '=', f.severity);
  if (f.kind) q = q.where('a.kind', '=', f.kind);
  if (f.districtCode) q = q.where('a.districtCode', '=', f.districtCode);
  if (f.assigneeUserId) q = q.where('a.assigneeUserId', '=', f.assigneeUserId);
  const [items, count] = await Promise.all([
    q
      .orderBy('a.raisedAt', 'desc')
      .orderBy('a.id')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirst(),
  ]);
  return { items, total: Number(count?.n ?? 0) };
}

export async function acknowledge(db: Executor, id: string, by: string, at: Date): Promise<void> {
  await db
    .updateTable('warningAlerts')
    .set({ status: 'acknowledged', acknowledgedAt: at, acknowledgedBy: by })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .execute();
}

export async function resolve(db: Executor, id: string, by: string, note: string, at: Date): Promise<void> {
  await db
    .updateTable('warningAlerts')
    .set((eb) => ({
      status: 'resolved',
      resolvedAt: at,
      resolvedBy: by,
      resolutionNote: note,
      acknowledgedAt: eb.fn.coalesce('acknowledgedAt', eb.val(at)),
      acknowledgedBy: eb.fn.coalesce('acknowledgedBy', eb.val(by)),
    }))
    .where('id', '=', id)
    .where('status', '<>', 'resolved')
    .execute();
}
