import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../db/database.js';

// ——— Reads of other modules' tables ———
// The policies, policy-applications and enterprises modules export no such query yet; each read
// is one function here, to be swapped for their export when they have one.

/** Whether a policy code exists in the catalogue (any version). */
export async function policyExists(db: Executor, code: string): Promise<boolean> {
  const r = await db.selectFrom('policies').select('id').where('code', '=', code).limit(1).executeTakeFirst();
  return r !== undefined;
}

/** Policy names by code (latest version), for payouts and the finance export. */
export async function policyNames(
  db: Executor,
  codes: readonly string[],
): Promise<Map<string, { nameZh: string; nameEn: string }>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .selectFrom('policies')
    .select(['code', 'nameZh', 'nameEn'])
    .where('code', 'in', [...new Set(codes)])
    .where('isLatest', '=', true)
    .execute();
  return new Map(rows.map((r) => [r.code, { nameZh: r.nameZh, nameEn: r.nameEn }]));
}

/** The enterprise's registered name and credit code (the payee identity on the finance export). */
export async function enterpriseIdentity(
  db: Executor,
  id: string,
): Promise<{ name: string; creditCode: string; districtCode: string } | undefined> {
  return db
    .selectFrom('enterprises')
    .select(['name', 'creditCode', 'districtCode'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The statuses of applications, to reconcile paid payouts with them. */
export async function applicationStatuses(
  db: Executor,
  ids: readonly string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('policyApplications')
    .select(['id', 'status'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.status]));
}

// ——— Payee accounts ———

export type PayeeAccountRow = {
  subjectType: string;
  subjectId: string;
  accountName: string;
  bankName: string;
  accountNumberEnc: string;
  accountTail: string;
  updatedAt: Date;
};

export async function findPayeeAccount(
  db: Executor,
  subjectType: string,
  subjectId: string,
): Promise<PayeeAccountRow | undefined> {
  return db
    .selectFrom('payeeAccounts')
    .select([
      'subjectType',
      'subjectId',
      'accountName',
      'bankName',
      'accountNumberEnc',
      'accountTail',
      'updatedAt',
    ])
    .where('subjectType', '=', subjectType)
    .where('subjectId', '=', subjectId)
    .executeTakeFirst();
}

export async function upsertPayeeAccount(
  db: Executor,
  a: {
    subjectType: string;
    subjectId: string;
    accountName: string;
    bankName: string;
    accountNumberEnc: string;
    accountTail: string;
    updatedBy: string;
    at: Date;
  },
): Promise<void> {
  const { at, ...rest } = a;
  await db
    .insertInto('payeeAccounts')
    .values({ ...rest, createdAt: at, updatedAt: at })
    .onConflict((oc) =>
      oc.columns(['subjectType', 'subjectId']).doUpdateSet({
        accountName: rest.accountName,
        bankName: rest.bankName,
        accountNumberEnc: rest.accountNumberEnc,
        accountTail: rest.accountTail,
        updatedBy: rest.updatedBy,
        updatedAt: at,
      }),
    )
    .execute();
}

// ——— Batches ———

/** The next batch number of the day: PB20200315-0001 (a sequence: gaps after a rollback are fine). */
export async function nextBatchNo(db: Executor, chinaDay: string): Promise<string> {
  const r = await sql<{ n: number }>`SELECT nextval('payout_batch_seq')::int AS n`.execute(db);
  const n = r.rows[0]?.n ?? 0;
  return `PB${chinaDay.replace(/-/g, '')}-${String(n).padStart(4, '0')}`;
}

export async function insertBatch(
  db: Executor,
  b: { batchNo: string; note: string | null; createdBy: string; at: Date },
): Promise<string> {
  const r = await db
    .insertInto('payoutBatches')
    .values({ batchNo: b.batchNo, note: b.note, createdBy: b.createdBy, createdAt: b.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export type BatchRow = {
  id: string;
  batchNo: string;
  note: string | null;
  createdBy: string;
  createdByName: string;
  createdAt: Date;
};

function selectBatches(db: Executor) {
  return db
    .selectFrom('payoutBatches as b')
    .innerJoin('users as u', 'u.id', 'b.createdBy')
    .select(['b.id', 'b.batchNo', 'b.note', 'b.createdBy', 'u.displayName as createdByName', 'b.createdAt']);
}

export async function findBatch(db: Executor, id: string): Promise<BatchRow | undefined> {
  return selectBatches(db).where('b.id', '=', id).executeTakeFirst();
}

export type BatchFilter = {
  /** Only batches with a payout in these districts (district officers); null = all. */
  districtCodes: readonly string[] | null;
  status?: 'open' | 'settled' | undefined;
  policyCode?: string | undefined;
  limit: number;
  offset: number;
};

export async function listBatches(
  db: Executor,
  f: BatchFilter,
): Promise<{ rows: BatchRow[]; total: number }> {
  if (f.districtCodes && f.districtCodes.length === 0) return { rows: [], total: 0 };
  // The same conditions on the page and on the count; raw SQL (snake_case) because they are
  // correlated EXISTS over payouts, which the two builders share.
  const conditions: RawBuilder<boolean>[] = [];
  if (f.districtCodes)
    conditions.push(
      sql<boolean>`EXISTS (SELECT 1 FROM payouts p WHERE p.batch_id = b.id AND p.district_code = ANY(${[...f.districtCodes]}::text[]))`,
    );
  if (f.policyCode)
    conditions.push(
      sql<boolean>`EXISTS (SELECT 1 FROM payouts p WHERE p.batch_id = b.id AND p.policy_code = ${f.policyCode})`,
    );
  if (f.status === 'open')
    conditions.push(
      sql<boolean>`EXISTS (SELECT 1 FROM payouts p WHERE p.batch_id = b.id AND p.status = 'pending')`,
    );
  if (f.status === 'settled')
    conditions.push(
      sql<boolean>`NOT EXISTS (SELECT 1 FROM payouts p WHERE p.batch_id = b.id AND p.status = 'pending')`,
    );
  let q = selectBatches(db);
  let c = db.selectFrom('payoutBatches as b').select((eb) => eb.fn.countAll<number>().as('n'));
  for (const cond of conditions) {
    q = q.where(cond);
    c = c.where(cond);
  }
  const [rows, count] = await Promise.all([
    q.orderBy('b.createdAt', 'desc').orderBy('b.id').limit(f.limit).offset(f.offset).execute(),
    c.executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export type TotalsRow = { batchId: string; status: string; count: number; amountFen: number };

/** Count and sum per batch and status (only the given districts' payouts when districtCodes is set). */
export async function batchTotals(
  db: Executor,
  batchIds: readonly string[],
  districtCodes: readonly string[] | null,
): Promise<TotalsRow[]> {
  if (batchIds.length === 0) return [];
  let q = db
    .selectFrom('payouts')
    .select([
      'batchId',
      'status',
      (eb) => eb.fn.countAll<number>().as('count'),
      sql<number>`coalesce(sum(amount_fen), 0)::bigint`.as('amountFen'),
    ])
    .where('batchId', 'in', batchIds)
    .groupBy(['batchId', 'status']);
  if (districtCodes) q = q.where('districtCode', 'in', districtCodes.length ? districtCodes : ['']);
  const rows = await q.execute();
  return rows.map((r) => ({ ...r, count: Number(r.count), amountFen: Number(r.amountFen) }));
}

/** Policy codes per batch. */
export async function batchPolicyCodes(
  db: Executor,
  batchIds: readonly string[],
): Promise<Map<string, string[]>> {
  if (batchIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('payouts')
    .select(['batchId', 'policyCode'])
    .distinct()
    .where('batchId', 'in', batchIds)
    .orderBy('policyCode')
    .execute();
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.batchId, [...(out.get(r.batchId) ?? []), r.policyCode]);
  return out;
}

// ——— Payouts ———

export type PayoutRow = {
  id: string;
  batchId: string;
  applicationId: string;
  policyCode: string;
  periodKey: string;
  subjectType: string;
  subjectId: string;
  districtCode: string | null;
  payeeName: string;
  payeeIdMasked: string | null;
  bankName: string;
  accountNumberEnc: string;
  accountTail: string;
  amountFen: number;
  status: string;
  bankReference: string | null;
  failureReason: string | null;
  paidAt: Date | null;
  failedAt: Date | null;
  retryOfPayoutId: string | null;
  createdAt: Date;
};

const PAYOUT_COLUMNS = [
  'id',
  'batchId',
  'applicationId',
  'policyCode',
  'periodKey',
  'subjectType',
  'subjectId',
  'districtCode',
  'payeeName',
  'payeeIdMasked',
  'bankName',
  'accountNumberEnc',
  'accountTail',
  'amountFen',
  'status',
  'bankReference',
  'failureReason',
  'paidAt',
  'failedAt',
  'retryOfPayoutId',
  'createdAt',
] as const;

export async function findPayout(
  db: Executor,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<PayoutRow | undefined> {
  let q = db.selectFrom('payouts').select(PAYOUT_COLUMNS).where('id', '=', id);
  if (opts.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function payoutsOfBatch(
  db: Executor,
  batchId: string,
  districtCodes: readonly string[] | null,
): Promise<PayoutRow[]> {
  let q = db.selectFrom('payouts').select(PAYOUT_COLUMNS).where('batchId', '=', batchId);
  if (districtCodes) q = q.where('districtCode', 'in', districtCodes.length ? districtCodes : ['']);
  return q.orderBy('createdAt').orderBy('id').execute();
}

/** Of these applications, those a pending or paid payout holds (one query). */
export async function applicationsWithLivePayout(db: Executor, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('payouts')
    .select('applicationId')
    .where('applicationId', 'in', [...new Set(ids)])
    .where('status', '<>', 'failed')
    .execute();
  return new Set(rows.map((r) => r.applicationId));
}

/** The pending or paid payout holding an application, if any. */
export async function livePayoutOfApplication(
  db: Executor,
  applicationId: string,
): Promise<string | undefined> {
  const r = await db
    .selectFrom('payouts')
    .select('id')
    .where('applicationId', '=', applicationId)
    .where('status', '<>', 'failed')
    .executeTakeFirst();
  return r?.id;
}

/** The latest failed payout of an application (the one a new payout retries). */
export async function lastFailedPayoutOfApplication(
  db: Executor,
  applicationId: string,
): Promise<string | undefined> {
  const r = await db
    .selectFrom('payouts')
    .select('id')
    .where('applicationId', '=', applicationId)
    .where('status', '=', 'failed')
    .orderBy('createdAt', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r?.id;
}

/** A pending or paid payout for the same subject, policy and period (another application). */
export async function liveGrantPayout(
  db: Executor,
  k: { policyCode: string; subjectType: string; subjectId: string; periodKey: string },
): Promise<string | undefined> {
  const r = await db
    .selectFrom('payouts')
    .select('id')
    .where('policyCode', '=', k.policyCode)
    .where('subjectType', '=', k.subjectType)
    .where('subjectId', '=', k.subjectId)
    .where('periodKey', '=', k.periodKey)
    .where('status', '<>', 'failed')
    .executeTakeFirst();
  return r?.id;
}

export type NewPayout = {
  batchId: string;
  applicationId: string;
  policyCode: string;
  periodKey: string;
  subjectType: string;
  subjectId: string;
  districtCode: string | null;
  payeeName: string;
  payeeIdMasked: string | null;
  bankName: string;
  accountNumberEnc: string;
  accountTail: string;
  amountFen: number;
  retryOfPayoutId: string | null;
  at: Date;
};

/**
 * Inserts a pending payout unless a live one holds the application (the partial unique index
 * payouts_one_live_per_application): answers the new id or undefined.
 */
export async function insertPayout(db: Executor, p: NewPayout): Promise<string | undefined> {
  const { at, ...rest } = p;
  const r = await db
    .insertInto('payouts')
    .values({ ...rest, createdAt: at, updatedAt: at })
    .onConflict((oc) => oc.column('applicationId').where('status', '<>', 'failed').doNothing())
    .returning('id')
    .executeTakeFirst();
  return r?.id;
}

/** pending → paid | failed, only from pending (the trigger payouts_guard has the last word). */
export async function settlePayout(
  db: Executor,
  id: string,
  s:
    | { status: 'paid'; bankReference: string; paidAt: Date; by: string; at: Date }
    | { status: 'failed'; reason: string; by: string; at: Date },
): Promise<boolean> {
  const set =
    s.status === 'paid'
      ? { status: 'paid', bankReference: s.bankReference, paidAt: s.paidAt, resultBy: s.by, updatedAt: s.at }
      : { status: 'failed', failureReason: s.reason, failedAt: s.at, resultBy: s.by, updatedAt: s.at };
  const r = await db
    .updateTable('payouts')
    .set(set)
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
