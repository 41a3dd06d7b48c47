import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';

// ——— Policies (one row per version) ———

const POLICY_COLUMNS = [
  'id',
  'code',
  'version',
  'isLatest',
  'kind',
  'applicantType',
  'nameZh',
  'nameEn',
  'summaryZh',
  'summaryEn',
  'basisZh',
  'basisEn',
  'effectiveFrom',
  'effectiveTo',
  'eligibility',
  'requiredDocuments',
  'formFields',
  'amount',
  'amountCapFen',
  'period',
  'reviewChain',
  'noticeDays',
  'dualApprovalThresholdFen',
  'createdAt',
] as const;

export type PolicyRow = {
  id: string;
  code: string;
  version: number;
  isLatest: boolean;
  kind: string;
  applicantType: string;
  nameZh: string;
  nameEn: string;
  summaryZh: string;
  summaryEn: string;
  basisZh: string;
  basisEn: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  eligibility: unknown;
  requiredDocuments: unknown;
  formFields: unknown;
  amount: unknown;
  amountCapFen: number | null;
  period: string;
  reviewChain: string;
  noticeDays: number;
  dualApprovalThresholdFen: number | null;
  createdAt: Date;
};

export async function findLatest(db: Executor, code: string): Promise<PolicyRow | undefined> {
  return db
    .selectFrom('policies')
    .select(POLICY_COLUMNS)
    .where('code', '=', code)
    .where('isLatest', '=', true)
    .executeTakeFirst();
}

export async function findVersion(
  db: Executor,
  code: string,
  version: number,
): Promise<PolicyRow | undefined> {
  return db
    .selectFrom('policies')
    .select(POLICY_COLUMNS)
    .where('code', '=', code)
    .where('version', '=', version)
    .executeTakeFirst();
}

export async function findById(db: Executor, id: string): Promise<PolicyRow | undefined> {
  return db.selectFrom('policies').select(POLICY_COLUMNS).where('id', '=', id).executeTakeFirst();
}

export async function listVersions(db: Executor, code: string): Promise<PolicyRow[]> {
  return db
    .selectFrom('policies')
    .select(POLICY_COLUMNS)
    .where('code', '=', code)
    .orderBy('version', 'desc')
    .execute();
}

export type PolicyFilter = {
  kind?: string | undefined;
  applicantType?: string | undefined;
  effectiveOn?: string | undefined;
  q?: string | undefined;
  limit: number;
  offset: number;
};

/** Current versions, by code. */
export async function listLatest(
  db: Executor,
  f: PolicyFilter,
): Promise<{ rows: PolicyRow[]; total: number }> {
  let q = db.selectFrom('policies').where('isLatest', '=', true);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.applicantType) q = q.where('applicantType', '=', f.applicantType);
  if (f.effectiveOn) {
    const d = f.effectiveOn;
    q = q
      .where('effectiveFrom', '<=', d)
      .where((eb) => eb.or([eb('effectiveTo', 'is', null), eb('effectiveTo', '>=', d)]));
  }
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([eb('nameZh', 'ilike', like), eb('nameEn', 'ilike', like), eb('code', 'ilike', like)]),
    );
  }
  const [rows, count] = await Promise.all([
    q.select(POLICY_COLUMNS).orderBy('kind').orderBy('code').limit(f.limit).offset(f.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export type NewPolicyVersion = {
  code: string;
  version: number;
  kind: string;
  applicantType: string;
  nameZh: string;
  nameEn: string;
  summaryZh: string;
  summaryEn: string;
  basisZh: string;
  basisEn: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  eligibility: unknown;
  requiredDocuments: unknown;
  formFields: unknown;
  amount: unknown;
  amountCapFen: number | null;
  period: string;
  reviewChain: string;
  noticeDays: number;
  dualApprovalThresholdFen: number | null;
  createdBy: string | null;
};

/** Inserts a version as the latest (the caller retired the previous one in the same transaction). */
export async function insertVersion(db: Executor, p: NewPolicyVersion): Promise<PolicyRow> {
  return db
    .insertInto('policies')
    .values({
      ...p,
      isLatest: true,
      eligibility: JSON.stringify(p.eligibility),
      requiredDocuments: JSON.stringify(p.requiredDocuments),
      formFields: JSON.stringify(p.formFields),
      amount: p.amount === null ? null : JSON.stringify(p.amount),
    })
    .returning(POLICY_COLUMNS)
    .executeTakeFirstOrThrow();
}

/** Seeding: inserts version 1 unless the code exists (concurrent boots: the unique index decides). */
export async function insertFirstVersionIfAbsent(db: Executor, p: NewPolicyVersion): Promise<boolean> {
  const r = await db
    .insertInto('policies')
    .values({
      ...p,
      isLatest: true,
      eligibility: JSON.stringify(p.eligibility),
      requiredDocuments: JSON.stringify(p.requiredDocuments),
      formFields: JSON.stringify(p.formFields),
      amount: p.amount === null ? null : JSON.stringify(p.amount),
    })
    .onConflict((oc) => oc.columns(['code', 'version']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return r !== undefined;
}

/** Retires `version` as the latest, only if it still is: a concurrent edit makes this a no-op. */
export async function retireLatest(db: Executor, code: string, version: number): Promise<boolean> {
  const r = await db
    .updateTable('policies')
    .set({ isLatest: false })
    .where('code', '=', code)
    .where('version', '=', version)
    .where('isLatest', '=', true)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function codeExists(db: Executor, code: string): Promise<boolean> {
  const r = await db.selectFrom('policies').select('id').where('code', '=', code).limit(1).executeTakeFirst();
  return r !== undefined;
}

/** Platform settings (app_settings), e.g. policy.dualApprovalThresholdFen. */
export async function readSetting(db: Executor, key: string): Promise<unknown> {
  const r = await db.selectFrom('appSettings').select('value').where('key', '=', key).executeTakeFirst();
  return r?.value;
}

// ——— Core facts: reads of other modules' tables ———
// The enterprises, applications and résumés modules export no fact queries; these read-only
// selects live here, one per fact group, to be swapped for their exports when they have them.

export type EnterpriseFactRow = {
  districtCode: string;
  industryCode: string;
  size: string;
  status: string;
  createdAt: Date;
};

export async function enterpriseFacts(db: Executor, id: string): Promise<EnterpriseFactRow | undefined> {
  return db
    .selectFrom('enterprises')
    .select(['districtCode', 'industryCode', 'size', 'status', 'createdAt'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/**
 * Hires the enterprise made on the platform in the `days` up to the end of `asOf` (China time), and how
 * many of those people had declared a key-group status on their résumé with consent (PIPL art. 29:
 * sensitive data counted only where the person consented).
 */
export async function hireCounts(
  db: Executor,
  enterpriseId: string,
  asOf: string,
  days: number,
): Promise<{ hires: number; keyGroupHires: number }> {
  const end = sql<Date>`(${asOf}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'`;
  const r = await db
    .selectFrom('hires as h')
    .leftJoin('resumes as r', 'r.userId', 'h.seekerUserId')
    .select((eb) => [
      eb.fn.countAll<number>().as('hires'),
      eb.fn
        .count<number>('h.id')
        .filterWhere((w) =>
          w.and([w('r.keyGroupConsentId', 'is not', null), sql<boolean>`cardinality(r.key_groups) > 0`]),
        )
        .as('keyGroupHires'),
    ])
    .where('h.enterpriseId', '=', enterpriseId)
    .where('h.hiredAt', '<', end)
    .where('h.hiredAt', '>=', sql<Date>`${end} - make_interval(days => ${days})`)
    .executeTakeFirstOrThrow();
  return { hires: Number(r.hires), keyGroupHires: Number(r.keyGroupHires) };
}

export type PersonFactRow = {
  birthDate: string | null;
  gender: string | null;
  householdRegionCode: string | null;
  keyGroups: string[] | null;
  keyGroupConsentId: string | null;
};

/** The person and, through their account, the key groups their résumé declares with consent. */
export async function personFacts(db: Executor, personId: string): Promise<PersonFactRow | undefined> {
  return db
    .selectFrom('persons as p')
    .leftJoin('resumes as r', 'r.userId', 'p.userId')
    .select(['p.birthDate', 'p.gender', 'p.householdRegionCode', 'r.keyGroups', 'r.keyGroupConsentId'])
    .where('p.id', '=', personId)
    .executeTakeFirst();
}
