import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';

// ——— Candidates: reads of other modules' tables ———
// The enterprises, persons, résumés, applications and policy-applications modules export no
// scan queries; each read here is one query (no per-row follow-ups), to be swapped for their
// exports when they have them.

export type EnterpriseCandidate = { id: string; name: string; districtCode: string; ownerUserId: string };

/**
 * Verified enterprises of the districts (all when null); with `keyGroupHiresOnly`, only those that
 * hired someone who declared a key group on their résumé (hires of key-group people).
 */
export async function enterpriseCandidates(
  db: Executor,
  o: { districtCodes: readonly string[] | null; keyGroupHiresOnly: boolean; limit: number },
): Promise<EnterpriseCandidate[]> {
  let q = db
    .selectFrom('enterprises as e')
    .select(['e.id', 'e.name', 'e.districtCode', 'e.ownerUserId'])
    .where('e.status', '=', 'verified');
  if (o.districtCodes) {
    if (o.districtCodes.length === 0) return [];
    q = q.where('e.districtCode', 'in', o.districtCodes);
  }
  if (o.keyGroupHiresOnly)
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('hires as h')
          .innerJoin('resumes as r', 'r.userId', 'h.seekerUserId')
          .select(sql`1`.as('one'))
          .whereRef('h.enterpriseId', '=', 'e.id')
          .where(sql<boolean>`cardinality(r.key_groups) > 0`),
      ),
    );
  return q.orderBy('e.id').limit(o.limit).execute();
}

export type PersonCandidate = {
  id: string;
  userId: string | null;
  fullName: string;
  districtCode: string | null;
};

/**
 * Persons with an account and a résumé (job seekers, key groups, people hired), in the districts
 * by household registration or current residence (all when null).
 */
export async function resumePersonCandidates(
  db: Executor,
  o: { districtCodes: readonly string[] | null; limit: number },
): Promise<PersonCandidate[]> {
  let q = db
    .selectFrom('persons as p')
    .innerJoin('resumes as r', 'r.userId', 'p.userId')
    .select([
      'p.id',
      'p.userId',
      'p.fullName',
      sql<string | null>`coalesce(p.household_region_code, r.current_region_code)`.as('districtCode'),
    ]);
  if (o.districtCodes) {
    if (o.districtCodes.length === 0) return [];
    const codes = [...o.districtCodes];
    q = q.where((eb) =>
      eb.or([eb('p.householdRegionCode', 'in', codes), eb('r.currentRegionCode', 'in', codes)]),
    );
  }
  return q.orderBy('p.id').limit(o.limit).execute();
}

export async function enterprisesByIds(db: Executor, ids: readonly string[]): Promise<EnterpriseCandidate[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('enterprises')
    .select(['id', 'name', 'districtCode', 'ownerUserId'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
}

/**
 * Subjects that already have an application of this policy for the period that is still alive
 * (a draft, one under review or returned for correction, approved, paid): they are not approached
 * again. Rejected and withdrawn ones may be.
 */
export async function subjectsWithApplication(
  db: Executor,
  policyCode: string,
  periodKey: string,
  subjectIds: readonly string[],
): Promise<Set<string>> {
  if (subjectIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('policyApplications')
    .select('subjectId')
    .distinct()
    .where('policyCode', '=', policyCode)
    .where('periodKey', '=', periodKey)
    .where('status', 'not in', ['rejected', 'withdrawn'])
    .where('subjectId', 'in', [...new Set(subjectIds)])
    .execute();
  return new Set(rows.map((r) => r.subjectId).filter((x): x is string => x !== null));
}

// ——— Outreach runs ———

export async function insertRun(
  db: Executor,
  r: {
    id: string;
    policyCode: string;
    mode: string;
    asOf: string;
    requested: number;
    notified: number;
    prepared: number;
    skipped: number;
    results: object;
    createdBy: string;
    at: Date;
  },
): Promise<void> {
  const { at, results, ...rest } = r;
  await db
    .insertInto('outreachRuns')
    .values({ ...rest, results: JSON.stringify(results), createdAt: at })
    .execute();
}

export type RunRow = {
  id: string;
  policyCode: string;
  mode: string;
  asOf: string;
  requested: number;
  notified: number;
  prepared: number;
  skipped: number;
  results: unknown;
  createdAt: Date;
  createdByName: string;
};

function selectRuns(db: Executor) {
  return db
    .selectFrom('outreachRuns as o')
    .innerJoin('users as u', 'u.id', 'o.createdBy')
    .select([
      'o.id',
      'o.policyCode',
      'o.mode',
      'o.asOf',
      'o.requested',
      'o.notified',
      'o.prepared',
      'o.skipped',
      'o.results',
      'o.createdAt',
      'u.displayName as createdByName',
    ]);
}

export async function findRun(db: Executor, id: string): Promise<RunRow | undefined> {
  return selectRuns(db).where('o.id', '=', id).executeTakeFirst();
}

export async function listRuns(
  db: Executor,
  policyCode: string,
  o: { limit: number; offset: number },
): Promise<{ rows: RunRow[]; total: number }> {
  const [rows, count] = await Promise.all([
    selectRuns(db)
      .where('o.policyCode', '=', policyCode)
      .orderBy('o.createdAt', 'desc')
      .orderBy('o.id')
      .limit(o.limit)
      .offset(o.offset)
      .execute(),
    db
      .selectFrom('outreachRuns')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('policyCode', '=', policyCode)
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
