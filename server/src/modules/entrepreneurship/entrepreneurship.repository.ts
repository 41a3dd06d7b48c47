import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';

// ——— Start-ups ———

export type StartupRow = {
  id: string;
  personId: string;
  businessName: string;
  businessType: string;
  creditCode: string | null;
  creditCodeChecksumValid: boolean | null;
  districtCode: string;
  address: string | null;
  industryCode: string;
  startDate: string;
  jobsCreated: number;
  status: string;
  returnEvidence: unknown;
  returnedWorker: boolean;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
};

const STARTUP_COLUMNS = [
  'id',
  'personId',
  'businessName',
  'businessType',
  'creditCode',
  'creditCodeChecksumValid',
  'districtCode',
  'address',
  'industryCode',
  'startDate',
  'jobsCreated',
  'status',
  'returnEvidence',
  'returnedWorker',
  'createdBy',
  'createdAt',
  'updatedAt',
] as const;

export async function findStartup(
  db: Executor,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<StartupRow | undefined> {
  let q = db.selectFrom('startups').select(STARTUP_COLUMNS).where('id', '=', id);
  if (opts.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export type NewStartup = {
  personId: string;
  businessName: string;
  businessType: string;
  creditCode: string | null;
  creditCodeChecksumValid: boolean | null;
  districtCode: string;
  address: string | null;
  industryCode: string;
  startDate: string;
  jobsCreated: number;
  returnEvidence: object | null;
  returnedWorker: boolean;
  createdBy: string;
  at: Date;
};

/** The partial unique index startups_credit_code_uniq has the last word on one record per credit code. */
export async function insertStartup(db: Executor, s: NewStartup): Promise<string> {
  const { at, returnEvidence, ...rest } = s;
  const r = await db
    .insertInto('startups')
    .values({
      ...rest,
      returnEvidence: returnEvidence ? JSON.stringify(returnEvidence) : null,
      createdAt: at,
      updatedAt: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateStartup(
  db: Executor,
  id: string,
  patch: {
    businessName?: string;
    address?: string | null;
    jobsCreated?: number;
    status?: string;
    returnEvidence?: object | null;
    returnedWorker?: boolean;
    at: Date;
  },
): Promise<void> {
  const { at, returnEvidence, ...rest } = patch;
  await db
    .updateTable('startups')
    .set({
      ...rest,
      ...(returnEvidence !== undefined
        ? { returnEvidence: returnEvidence ? JSON.stringify(returnEvidence) : null }
        : {}),
      updatedAt: at,
    })
    .where('id', '=', id)
    .execute();
}

export type StartupFilter = {
  personId?: string | undefined;
  districtCodes?: readonly string[] | undefined;
  returnedWorker?: boolean | undefined;
  limit: number;
  offset: number;
};

export async function listStartups(
  db: Executor,
  f: StartupFilter,
): Promise<{ rows: StartupRow[]; total: number }> {
  let q = db.selectFrom('startups').select(STARTUP_COLUMNS);
  let c = db.selectFrom('startups').select((eb) => eb.fn.countAll<number>().as('n'));
  if (f.personId) {
    q = q.where('personId', '=', f.personId);
    c = c.where('personId', '=', f.personId);
  }
  if (f.districtCodes) {
    if (f.districtCodes.length === 0) return { rows: [], total: 0 };
    q = q.where('districtCode', 'in', f.districtCodes);
    c = c.where('districtCode', 'in', f.districtCodes);
  }
  if (f.returnedWorker !== undefined) {
    q = q.where('returnedWorker', '=', f.returnedWorker);
    c = c.where('returnedWorker', '=', f.returnedWorker);
  }
  const [rows, count] = await Promise.all([
    q.orderBy('createdAt', 'desc').orderBy('id').limit(f.limit).offset(f.offset).execute(),
    c.executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Active start-ups of one person begun on or before `asOf`, latest start first (for facts). */
export async function startupsOfPerson(db: Executor, personId: string, asOf: string): Promise<StartupRow[]> {
  return db
    .selectFrom('startups')
    .select(STARTUP_COLUMNS)
    .where('personId', '=', personId)
    .where('status', '=', 'active')
    .where('startDate', '<=', asOf)
    .orderBy('startDate', 'desc')
    .orderBy('createdAt', 'desc')
    .execute();
}

/**
 * Persons with an active start-up in the given districts (all when null), for proactive scans;
 * `returnedOnly` narrows to records judged returned workers when written.
 */
export async function startupPersons(
  db: Executor,
  o: {
    districtCodes: readonly string[] | null;
    returnedOnly: boolean;
    startedOnOrBefore: string;
    limit: number;
  },
): Promise<{ personId: string; districtCode: string }[]> {
  let q = db
    .selectFrom('startups')
    .select(['personId', sql<string>`min(district_code)`.as('districtCode')])
    .where('status', '=', 'active')
    .where('startDate', '<=', o.startedOnOrBefore)
    .groupBy('personId');
  if (o.districtCodes) {
    if (o.districtCodes.length === 0) return [];
    q = q.where('districtCode', 'in', o.districtCodes);
  }
  if (o.returnedOnly) q = q.where('returnedWorker', '=', true);
  return q.orderBy('personId').limit(o.limit).execute();
}

// ——— Guarantee loans ———

export type LoanRow = {
  id: string;
  startupId: string;
  amountRequestedFen: number;
  amountGrantedFen: number | null;
  bankName: string;
  termMonths: number;
  purpose: string | null;
  status: string;
  note: string | null;
  grantedOn: string | null;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  businessName: string;
  personId: string;
  districtCode: string;
};

function selectLoans(db: Executor) {
  return db
    .selectFrom('guaranteeLoans as l')
    .innerJoin('startups as s', 's.id', 'l.startupId')
    .select([
      'l.id',
      'l.startupId',
      'l.amountRequestedFen',
      'l.amountGrantedFen',
      'l.bankName',
      'l.termMonths',
      'l.purpose',
      'l.status',
      'l.note',
      'l.grantedOn',
      'l.createdBy',
      'l.createdAt',
      'l.updatedAt',
      's.businessName',
      's.personId',
      's.districtCode',
    ]);
}

export async function findLoan(
  db: Executor,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<LoanRow | undefined> {
  let q = selectLoans(db).where('l.id', '=', id);
  if (opts.forUpdate) q = q.forUpdate('l');
  return q.executeTakeFirst();
}

/** The partial unique index guarantee_loans_one_open decides "one open referral per start-up". */
export async function insertLoan(
  db: Executor,
  l: {
    startupId: string;
    amountRequestedFen: number;
    bankName: string;
    termMonths: number;
    purpose: string | null;
    createdBy: string;
    at: Date;
  },
): Promise<string> {
  const { at, ...rest } = l;
  const r = await db
    .insertInto('guaranteeLoans')
    .values({ ...rest, createdAt: at, updatedAt: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** Conditional on the status the rules decided from: a concurrent change makes it a no-op. */
export async function updateLoan(
  db: Executor,
  id: string,
  fromStatus: string,
  patch: {
    status: string;
    amountGrantedFen?: number | null;
    grantedOn?: string | null;
    note?: string | null;
    at: Date;
  },
): Promise<boolean> {
  const { at, ...rest } = patch;
  const r = await db
    .updateTable('guaranteeLoans')
    .set({ ...rest, updatedAt: at })
    .where('id', '=', id)
    .where('status', '=', fromStatus)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export type LoanFilter = {
  personId?: string | undefined;
  districtCodes?: readonly string[] | undefined;
  startupId?: string | undefined;
  status?: string | undefined;
  limit: number;
  offset: number;
};

export async function listLoans(db: Executor, f: LoanFilter): Promise<{ rows: LoanRow[]; total: number }> {
  let q = selectLoans(db);
  let c = db
    .selectFrom('guaranteeLoans as l')
    .innerJoin('startups as s', 's.id', 'l.startupId')
    .select((eb) => eb.fn.countAll<number>().as('n'));
  if (f.personId) {
    q = q.where('s.personId', '=', f.personId);
    c = c.where('s.personId', '=', f.personId);
  }
  if (f.districtCodes) {
    if (f.districtCodes.length === 0) return { rows: [], total: 0 };
    q = q.where('s.districtCode', 'in', f.districtCodes);
    c = c.where('s.districtCode', 'in', f.districtCodes);
  }
  if (f.startupId) {
    q = q.where('l.startupId', '=', f.startupId);
    c = c.where('l.startupId', '=', f.startupId);
  }
  if (f.status) {
    q = q.where('l.status', '=', f.status);
    c = c.where('l.status', '=', f.status);
  }
  const [rows, count] = await Promise.all([
    q.orderBy('l.createdAt', 'desc').orderBy('l.id').limit(f.limit).offset(f.offset).execute(),
    c.executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Granted loans of a person (for facts), largest first. */
export async function activeLoansOfPerson(
  db: Executor,
  personId: string,
  asOf: string,
): Promise<{ amountGrantedFen: number | null }[]> {
  return db
    .selectFrom('guaranteeLoans as l')
    .innerJoin('startups as s', 's.id', 'l.startupId')
    .select(['l.amountGrantedFen'])
    .where('s.personId', '=', personId)
    .where('l.status', '=', 'granted')
    .where('l.grantedOn', '<=', asOf)
    .orderBy('l.amountGrantedFen', 'desc')
    .execute();
}

// ——— Deferrals ———

export type DeferralRow = {
  id: string;
  loanId: string;
  months: number;
  reason: string;
  status: string;
  reviewNote: string | null;
  reviewedBy: string | null;
  reviewedAt: Date | null;
  createdBy: string | null;
  createdAt: Date;
  startupId: string;
  businessName: string;
  personId: string;
  districtCode: string;
};

function selectDeferrals(db: Executor) {
  return db
    .selectFrom('loanDeferrals as d')
    .innerJoin('guaranteeLoans as l', 'l.id', 'd.loanId')
    .innerJoin('startups as s', 's.id', 'l.startupId')
    .select([
      'd.id',
      'd.loanId',
      'd.months',
      'd.reason',
      'd.status',
      'd.reviewNote',
      'd.reviewedBy',
      'd.reviewedAt',
      'd.createdBy',
      'd.createdAt',
      'l.startupId',
      's.businessName',
      's.personId',
      's.districtCode',
    ]);
}

export async function findDeferral(
  db: Executor,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<DeferralRow | undefined> {
  let q = selectDeferrals(db).where('d.id', '=', id);
  if (opts.forUpdate) q = q.forUpdate('d');
  return q.executeTakeFirst();
}

/** The partial unique index loan_deferrals_one_open decides "one request under review per loan". */
export async function insertDeferral(
  db: Executor,
  d: { loanId: string; months: number; reason: string; createdBy: string; at: Date },
): Promise<string> {
  const { at, ...rest } = d;
  const r = await db
    .insertInto('loanDeferrals')
    .values({ ...rest, createdAt: at, updatedAt: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function decideDeferral(
  db: Executor,
  id: string,
  patch: {
    status: string;
    reviewNote: string | null;
    reviewedBy: string | null;
    reviewed: boolean;
    at: Date;
  },
): Promise<boolean> {
  const r = await db
    .updateTable('loanDeferrals')
    .set({
      status: patch.status,
      reviewNote: patch.reviewNote,
      reviewedBy: patch.reviewedBy,
      reviewedAt: patch.reviewed ? patch.at : null,
      updatedAt: patch.at,
    })
    .where('id', '=', id)
    .where('status', '=', 'submitted')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export type DeferralFilter = {
  personId?: string | undefined;
  districtCodes?: readonly string[] | undefined;
  loanId?: string | undefined;
  status?: string | undefined;
  limit: number;
  offset: number;
};

export async function listDeferrals(
  db: Executor,
  f: DeferralFilter,
): Promise<{ rows: DeferralRow[]; total: number }> {
  let q = selectDeferrals(db);
  let c = db
    .selectFrom('loanDeferrals as d')
    .innerJoin('guaranteeLoans as l', 'l.id', 'd.loanId')
    .innerJoin('startups as s', 's.id', 'l.startupId')
    .select((eb) => eb.fn.countAll<number>().as('n'));
  if (f.personId) {
    q = q.where('s.personId', '=', f.personId);
    c = c.where('s.personId', '=', f.personId);
  }
  if (f.districtCodes) {
    if (f.districtCodes.length === 0) return { rows: [], total: 0 };
    q = q.where('s.districtCode', 'in', f.districtCodes);
    c = c.where('s.districtCode', 'in', f.districtCodes);
  }
  if (f.loanId) {
    q = q.where('d.loanId', '=', f.loanId);
    c = c.where('d.loanId', '=', f.loanId);
  }
  if (f.status) {
    q = q.where('d.status', '=', f.status);
    c = c.where('d.status', '=', f.status);
  }
  const [rows, count] = await Promise.all([
    q.orderBy('d.createdAt', 'desc').orderBy('d.id').limit(f.limit).offset(f.offset).execute(),
    c.executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** The districts of each person's active start-ups (one query). */
export async function startupDistrictsOf(
  db: Executor,
  personIds: readonly string[],
): Promise<Map<string, string[]>> {
  if (personIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('startups')
    .select(['personId', 'districtCode'])
    .distinct()
    .where('personId', 'in', [...new Set(personIds)])
    .where('status', '=', 'active')
    .execute();
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.personId, [...(out.get(r.personId) ?? []), r.districtCode]);
  return out;
}
