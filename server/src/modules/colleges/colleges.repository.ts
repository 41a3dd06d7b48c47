import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../db/database.js';
import { releasePlaces, takePlaces, type Counter } from '../../db/counters.js';

function inList(column: string, values: readonly string[]): RawBuilder<unknown> {
  return values.length ? sql`${sql.ref(column)} IN (${sql.join([...values])})` : sql`false`;
}

function and(c: RawBuilder<unknown>[]): RawBuilder<boolean> {
  return sql<boolean>`(${sql.join([sql`true`, ...c], sql` AND `)})`;
}

function occupationIn(column: string, code: string): RawBuilder<unknown> {
  return sql`EXISTS (SELECT 1 FROM unnest(${sql.ref(column)}) oc WHERE oc = ${code} OR oc LIKE ${`${code}-%`})`;
}

// ——— Colleges ———

export type CollegeRow = {
  id: string;
  ownerUserId: string;
  name: string;
  districtCode: string;
  contactName: string | null;
  contactPhone: string | null;
  createdAt: Date;
  updatedAt: Date;
};

const COLLEGE_COLUMNS = [
  'id',
  'ownerUserId',
  'name',
  'districtCode',
  'contactName',
  'contactPhone',
  'createdAt',
  'updatedAt',
] as const;

export async function collegeOfUser(db: Executor, userId: string): Promise<CollegeRow | undefined> {
  return db
    .selectFrom('colleges')
    .select(COLLEGE_COLUMNS)
    .where('ownerUserId', '=', userId)
    .executeTakeFirst();
}

export async function upsertCollege(
  db: Executor,
  v: {
    ownerUserId: string;
    name: string;
    districtCode: string;
    contactName: string | null;
    contactPhone: string | null;
    at: Date;
  },
): Promise<CollegeRow> {
  const { at, ...rest } = v;
  return db
    .insertInto('colleges')
    .values({ ...rest, createdAt: at, updatedAt: at })
    .onConflict((oc) =>
      oc.column('ownerUserId').doUpdateSet({
        name: rest.name,
        districtCode: rest.districtCode,
        contactName: rest.contactName,
        contactPhone: rest.contactPhone,
        updatedAt: at,
      }),
    )
    .returning(COLLEGE_COLUMNS)
    .executeTakeFirstOrThrow();
}

export async function displayNameOf(db: Executor, userId: string): Promise<string | undefined> {
  const r = await db.selectFrom('users').select('displayName').where('id', '=', userId).executeTakeFirst();
  return r?.displayName;
}

// ——— Cohorts ———

export type CohortRow = {
  id: string;
  collegeId: string;
  collegeName: string;
  ownerUserId: string;
  major: string;
  occupationCodes: string[];
  studentCount: number;
  reservedCount: number;
  listedCount: number;
  graduationDate: string;
  districtCode: string;
  educationLevel: string | null;
  description: string | null;
  status: string;
  createdAt: Date;
  updatedAt: Date;
};

function cohortBase(db: Executor) {
  return db
    .selectFrom('collegeCohorts as c')
    .innerJoin('colleges as co', 'co.id', 'c.collegeId')
    .select([
      'c.id',
      'c.collegeId',
      'co.name as collegeName',
      'co.ownerUserId',
      'c.major',
      'c.occupationCodes',
      'c.studentCount',
      'c.reservedCount',
      'c.listedCount',
      'c.graduationDate',
      'c.districtCode',
      'c.educationLevel',
      'c.description',
      'c.status',
      'c.createdAt',
      'c.updatedAt',
    ]);
}

export async function findCohort(
  db: Executor,
  id: string,
  o: { forUpdate?: boolean } = {},
): Promise<CohortRow | undefined> {
  let q = cohortBase(db).where('c.id', '=', id);
  if (o.forUpdate) q = q.forUpdate('c');
  return q.executeTakeFirst();
}

export async function insertCohort(
  db: Executor,
  v: {
    collegeId: string;
    major: string;
    occupationCodes: string[];
    studentCount: number;
    graduationDate: string;
    districtCode: string;
    educationLevel: string | null;
    description: string | null;
    createdBy: string;
    at: Date;
  },
): Promise<string> {
  const { at, ...rest } = v;
  const r = await db
    .insertInto('collegeCohorts')
    .values({ ...rest, createdAt: at, updatedAt: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateCohort(
  db: Executor,
  id: string,
  patch: Partial<{
    major: string;
    occupationCodes: string[];
    studentCount: number;
    graduationDate: string;
    description: string | null;
    status: string;
  }> & { updatedAt: Date },
): Promise<void> {
  await db.updateTable('collegeCohorts').set(patch).where('id', '=', id).execute();
}

export type CohortFilter = {
  /** College account scope. */
  ownerUserId?: string;
  /** Staff scope. */
  districtCodes?: readonly string[];
  /** Enterprise scope: published ones, or any cohort in an agreement with these enterprises. */
  publishedOrAgreedWith?: readonly string[];
  status?: string | undefined;
  occupationCode?: string | undefined;
  districtCode?: string | undefined;
  collegeId?: string | undefined;
  graduatingFrom?: string | undefined;
  graduatingTo?: string | undefined;
};

function cohortFilterOf(f: CohortFilter): RawBuilder<boolean> {
  const c: RawBuilder<unknown>[] = [];
  if (f.ownerUserId) c.push(sql`co.owner_user_id = ${f.ownerUserId}`);
  if (f.districtCodes) c.push(inList('c.district_code', f.districtCodes));
  if (f.publishedOrAgreedWith) {
    c.push(
      f.publishedOrAgreedWith.length
        ? sql`(c.status = 'published' OR EXISTS (SELECT 1 FROM college_agreements ca WHERE ca.cohort_id = c.id
            AND ca.status <> 'cancelled' AND ca.enterprise_id IN (${sql.join([...f.publishedOrAgreedWith])})))`
        : sql`c.status = 'published'`,
    );
  }
  if (f.status) c.push(sql`c.status = ${f.status}`);
  if (f.occupationCode) c.push(occupationIn('c.occupation_codes', f.occupationCode));
  if (f.districtCode) c.push(sql`c.district_code = ${f.districtCode}`);
  if (f.collegeId) c.push(sql`c.college_id = ${f.collegeId}`);
  if (f.graduatingFrom) c.push(sql`c.graduation_date >= ${f.graduatingFrom}`);
  if (f.graduatingTo) c.push(sql`c.graduation_date <= ${f.graduatingTo}`);
  return and(c);
}

export async function listCohorts(
  db: Executor,
  f: CohortFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: CohortRow[]; total: number }> {
  const [rows, count] = await Promise.all([
    cohortBase(db)
      .where(cohortFilterOf(f))
      .orderBy('c.graduationDate', 'asc')
      .orderBy('c.createdAt', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    db
      .selectFrom('collegeCohorts as c')
      .innerJoin('colleges as co', 'co.id', 'c.collegeId')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(cohortFilterOf(f))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Published cohorts with students left that share a medium occupation group with `groupPrefixes`. */
export async function cohortCandidates(
  db: Executor,
  o: { groupPrefixes: readonly string[]; graduatedAfter: string; limit: number },
): Promise<CohortRow[]> {
  if (o.groupPrefixes.length === 0) return [];
  return cohortBase(db)
    .where('c.status', '=', 'published')
    .where('c.graduationDate', '>=', o.graduatedAfter)
    .where(sql<boolean>`c.reserved_count < c.student_count`)
    .where(
      sql<boolean>`(${sql.join(
        o.groupPrefixes.map((p) => occupationIn('c.occupation_codes', p)),
        sql` OR `,
      )})`,
    )
    .orderBy('c.graduationDate', 'asc')
    .limit(o.limit)
    .execute();
}

/** Students of a published cohort promised to agreements (CHECK reserved_count <= student_count). */
const COHORT_RESERVED: Counter<'collegeCohorts'> = {
  table: 'collegeCohorts',
  count: 'reservedCount',
  capacity: 'studentCount',
  whileStatus: 'published',
};

/** Students of a cohort on file (CHECK listed_count <= student_count), whatever its status. */
const COHORT_LISTED: Counter<'collegeCohorts'> = {
  table: 'collegeCohorts',
  count: 'listedCount',
  capacity: 'studentCount',
};

/** Reserves students of a published cohort (conditional UPDATE; CHECK reserved_count <= student_count). */
export async function reserveCohort(db: Executor, id: string, n: number, at: Date): Promise<boolean> {
  return takePlaces(db, COHORT_RESERVED, id, n, at);
}

export async function releaseCohort(db: Executor, id: string, n: number, at: Date): Promise<void> {
  await releasePlaces(db, COHORT_RESERVED, id, n, at);
}

/** Counts `n` more students on file if the cohort has room (CHECK listed_count <= student_count). */
export async function addListedStudents(db: Executor, id: string, n: number, at: Date): Promise<boolean> {
  return takePlaces(db, COHORT_LISTED, id, n, at);
}

// ——— Students ———

export type StudentRow = {
  id: string;
  cohortId: string;
  personId: string;
  consentSignedOn: string;
  consentFileId: string | null;
  shareWithEnterprises: boolean;
  createdAt: Date;
};

const STUDENT_COLUMNS = [
  'id',
  'cohortId',
  'personId',
  'consentSignedOn',
  'consentFileId',
  'shareWithEnterprises',
  'createdAt',
] as const;

export async function existingStudents(
  db: Executor,
  cohortId: string,
  personIds: readonly string[],
): Promise<string[]> {
  if (personIds.length === 0) return [];
  const rows = await db
    .selectFrom('cohortStudents')
    .select('personId')
    .where('cohortId', '=', cohortId)
    .where('personId', 'in', [...personIds])
    .execute();
  return rows.map((r) => r.personId);
}

export async function insertStudents(
  db: Executor,
  rows: {
    cohortId: string;
    personId: string;
    consentSignedOn: string;
    consentFileId: string | null;
    shareWithEnterprises: boolean;
    addedBy: string;
    createdAt: Date;
  }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto('cohortStudents').values(rows).execute();
}

export async function listStudents(
  db: Executor,
  cohortId: string,
  o: { onlyShared: boolean; limit: number; offset: number },
): Promise<{ rows: StudentRow[]; total: number; all: number }> {
  let q = db.selectFrom('cohortStudents').where('cohortId', '=', cohortId);
  const all = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  if (o.onlyShared) q = q.where('shareWithEnterprises', '=', true);
  const [rows, count] = await Promise.all([
    q.select(STUDENT_COLUMNS).orderBy('createdAt').orderBy('id').limit(o.limit).offset(o.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n), all: Number(all.n) };
}

// ——— Enterprise demand ———

export type DemandRow = {
  id: string;
  enterpriseId: string;
  enterpriseName: string;
  districtCode: string;
  kind: string;
  occupationCodes: string[];
  count: number;
  reservedCount: number;
  startsOn: string;
  endsOn: string;
  description: string | null;
  status: string;
  createdAt: Date;
  updatedAt: Date;
};

function demandBase(db: Executor) {
  return db
    .selectFrom('enterpriseDemands as d')
    .innerJoin('enterprises as e', 'e.id', 'd.enterpriseId')
    .select([
      'd.id',
      'd.enterpriseId',
      'e.name as enterpriseName',
      'd.districtCode',
      'd.kind',
      'd.occupationCodes',
      'd.count',
      'd.reservedCount',
      'd.startsOn',
      'd.endsOn',
      'd.description',
      'd.status',
      'd.createdAt',
      'd.updatedAt',
    ]);
}

export async function findDemand(
  db: Executor,
  id: string,
  o: { forUpdate?: boolean } = {},
): Promise<DemandRow | undefined> {
  let q = demandBase(db).where('d.id', '=', id);
  if (o.forUpdate) q = q.forUpdate('d');
  return q.executeTakeFirst();
}

export async function insertDemand(
  db: Executor,
  v: {
    enterpriseId: string;
    districtCode: string;
    kind: string;
    occupationCodes: string[];
    count: number;
    startsOn: string;
    endsOn: string;
    description: string | null;
    createdBy: string;
    at: Date;
  },
): Promise<string> {
  const { at, ...rest } = v;
  const r = await db
    .insertInto('enterpriseDemands')
    .values({ ...rest, createdAt: at, updatedAt: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateDemand(
  db: Executor,
  id: string,
  patch: Partial<{ count: number; endsOn: string; description: string | null; status: string }> & {
    updatedAt: Date;
  },
): Promise<void> {
  await db.updateTable('enterpriseDemands').set(patch).where('id', '=', id).execute();
}

export type DemandFilter = {
  enterpriseIds?: readonly string[];
  districtCodes?: readonly string[];
  /** College scope: open demands only. */
  openOnly?: boolean;
  enterpriseId?: string | undefined;
  kind?: string | undefined;
  status?: string | undefined;
  occupationCode?: string | undefined;
  districtCode?: string | undefined;
};

function demandFilterOf(f: DemandFilter): RawBuilder<boolean> {
  const c: RawBuilder<unknown>[] = [];
  if (f.enterpriseIds) c.push(inList('d.enterprise_id', f.enterpriseIds));
  if (f.districtCodes) c.push(inList('d.district_code', f.districtCodes));
  if (f.openOnly) c.push(sql`d.status = 'open'`);
  if (f.enterpriseId) c.push(sql`d.enterprise_id = ${f.enterpriseId}`);
  if (f.kind) c.push(sql`d.kind = ${f.kind}`);
  if (f.status) c.push(sql`d.status = ${f.status}`);
  if (f.occupationCode) c.push(occupationIn('d.occupation_codes', f.occupationCode));
  if (f.districtCode) c.push(sql`d.district_code = ${f.districtCode}`);
  return and(c);
}

export async function listDemands(
  db: Executor,
  f: DemandFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: DemandRow[]; total: number }> {
  const [rows, count] = await Promise.all([
    demandBase(db)
      .where(demandFilterOf(f))
      .orderBy('d.createdAt', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    db
      .selectFrom('enterpriseDemands as d')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(demandFilterOf(f))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Open demands with places left sharing a medium occupation group with `groupPrefixes`. */
export async function demandCandidates(
  db: Executor,
  o: { groupPrefixes: readonly string[]; today: string; limit: number },
): Promise<DemandRow[]> {
  if (o.groupPrefixes.length === 0) return [];
  return demandBase(db)
    .where('d.status', '=', 'open')
    .where('d.endsOn', '>=', o.today)
    .where(sql<boolean>`d.reserved_count < d.count`)
    .where(
      sql<boolean>`(${sql.join(
        o.groupPrefixes.map((p) => occupationIn('d.occupation_codes', p)),
        sql` OR `,
      )})`,
    )
    .orderBy('d.startsOn', 'asc')
    .limit(o.limit)
    .execute();
}

/** Places of an open demand promised to agreements (CHECK reserved_count <= count). */
const DEMAND_RESERVED: Counter<'enterpriseDemands'> = {
  table: 'enterpriseDemands',
  count: 'reservedCount',
  capacity: 'count',
  whileStatus: 'open',
};

export async function reserveDemand(db: Executor, id: string, n: number, at: Date): Promise<boolean> {
  return takePlaces(db, DEMAND_RESERVED, id, n, at);
}

export async function releaseDemand(db: Executor, id: string, n: number, at: Date): Promise<void> {
  await releasePlaces(db, DEMAND_RESERVED, id, n, at);
}

// ——— College agreements ———

export type CollegeAgreementRow = {
  id: string;
  cohortId: string;
  cohortMajor: string;
  cohortDistrictCode: string;
  collegeId: string;
  collegeName: string;
  collegeOwnerUserId: string;
  demandId: string;
  enterpriseId: string;
  enterpriseName: string;
  enterpriseDistrictCode: string;
  kind: string;
  studentCount: number;
  startsOn: string;
  endsOn: string;
  terms: string | null;
  status: string;
  collegeSignedAt: Date | null;
  enterpriseSignedAt: Date | null;
  signedAt: Date | null;
  completedAt: Date | null;
  hiredCount: number | null;
  outcomeNote: string | null;
  cancelReason: string | null;
  createdAt: Date;
  updatedAt: Date;
};

function agreementBase(db: Executor) {
  return db
    .selectFrom('collegeAgreements as a')
    .innerJoin('collegeCohorts as c', 'c.id', 'a.cohortId')
    .innerJoin('colleges as co', 'co.id', 'a.collegeId')
    .innerJoin('enterprises as e', 'e.id', 'a.enterpriseId')
    .innerJoin('enterpriseDemands as d', 'd.id', 'a.demandId')
    .select([
      'a.id',
      'a.cohortId',
      'c.major as cohortMajor',
      'c.districtCode as cohortDistrictCode',
      'a.collegeId',
      'co.name as collegeName',
      'co.ownerUserId as collegeOwnerUserId',
      'a.demandId',
      'a.enterpriseId',
      'e.name as enterpriseName',
      'd.districtCode as enterpriseDistrictCode',
      'a.kind',
      'a.studentCount',
      'a.startsOn',
      'a.endsOn',
      'a.terms',
      'a.status',
      'a.collegeSignedAt',
      'a.enterpriseSignedAt',
      'a.signedAt',
      'a.completedAt',
      'a.hiredCount',
      'a.outcomeNote',
      'a.cancelReason',
      'a.createdAt',
      'a.updatedAt',
    ]);
}

export async function findCollegeAgreement(
  db: Executor,
  id: string,
  o: { forUpdate?: boolean } = {},
): Promise<CollegeAgreementRow | undefined> {
  let q = agreementBase(db).where('a.id', '=', id);
  if (o.forUpdate) q = q.forUpdate('a');
  return q.executeTakeFirst();
}

export async function insertCollegeAgreement(
  db: Executor,
  v: {
    cohortId: string;
    demandId: string;
    collegeId: string;
    enterpriseId: string;
    kind: string;
    studentCount: number;
    startsOn: string;
    endsOn: string;
    terms: string | null;
    createdBy: string;
    at: Date;
  },
): Promise<string> {
  const { at, ...rest } = v;
  const r = await db
    .insertInto('collegeAgreements')
    .values({ ...rest, createdAt: at, updatedAt: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateCollegeAgreement(
  db: Executor,
  id: string,
  fromStatus: string,
  patch: Partial<{
    status: string;
    collegeSignedAt: Date;
    collegeSignedBy: string;
    enterpriseSignedAt: Date;
    enterpriseSignedBy: string;
    signedAt: Date;
    completedAt: Date;
    hiredCount: number | null;
    outcomeNote: string | null;
    cancelReason: string;
  }> & { updatedAt: Date },
): Promise<boolean> {
  const r = await db
    .updateTable('collegeAgreements')
    .set(patch)
    .where('id', '=', id)
    .where('status', '=', fromStatus)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export type CollegeAgreementFilter = {
  collegeOwnerUserId?: string;
  enterpriseIds?: readonly string[];
  districtCodes?: readonly string[];
  status?: string | undefined;
  cohortId?: string | undefined;
  enterpriseId?: string | undefined;
  demandId?: string | undefined;
};

function collegeAgreementFilterOf(f: CollegeAgreementFilter): RawBuilder<boolean> {
  const c: RawBuilder<unknown>[] = [];
  if (f.collegeOwnerUserId) c.push(sql`co.owner_user_id = ${f.collegeOwnerUserId}`);
  if (f.enterpriseIds) c.push(inList('a.enterprise_id', f.enterpriseIds));
  if (f.districtCodes) {
    c.push(
      f.districtCodes.length
        ? sql`(c.district_code IN (${sql.join([...f.districtCodes])}) OR d.district_code IN (${sql.join([...f.districtCodes])}))`
        : sql`false`,
    );
  }
  if (f.status) c.push(sql`a.status = ${f.status}`);
  if (f.cohortId) c.push(sql`a.cohort_id = ${f.cohortId}`);
  if (f.enterpriseId) c.push(sql`a.enterprise_id = ${f.enterpriseId}`);
  if (f.demandId) c.push(sql`a.demand_id = ${f.demandId}`);
  return and(c);
}

export async function listCollegeAgreements(
  db: Executor,
  f: CollegeAgreementFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: CollegeAgreementRow[]; total: number }> {
  const [rows, count] = await Promise.all([
    agreementBase(db)
      .where(collegeAgreementFilterOf(f))
      .orderBy('a.createdAt', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    db
      .selectFrom('collegeAgreements as a')
      .innerJoin('collegeCohorts as c', 'c.id', 'a.cohortId')
      .innerJoin('colleges as co', 'co.id', 'a.collegeId')
      .innerJoin('enterpriseDemands as d', 'd.id', 'a.demandId')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(collegeAgreementFilterOf(f))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/**
 * Does one of `enterpriseIds` hold an agreement for this cohort: signed or completed (`signed`),
 * or any that is not cancelled (`any`)?
 */
export async function hasAgreement(
  db: Executor,
  cohortId: string,
  enterpriseIds: readonly string[],
  which: 'signed' | 'any',
): Promise<boolean> {
  if (enterpriseIds.length === 0) return false;
  const r = await db
    .selectFrom('collegeAgreements')
    .select('id')
    .where('cohortId', '=', cohortId)
    .where('enterpriseId', 'in', [...enterpriseIds])
    .where('status', 'in', which === 'signed' ? ['signed', 'completed'] : ['pending', 'signed', 'completed'])
    .limit(1)
    .executeTakeFirst();
  return r !== undefined;
}

export async function occupationNames(
  db: Executor,
  codes: readonly string[],
): Promise<{ code: string; nameZh: string; nameEn: string }[]> {
  if (codes.length === 0) return [];
  return db
    .selectFrom('occupations')
    .select(['code', 'nameZh', 'nameEn'])
    .where('code', 'in', [...new Set(codes)])
    .execute();
}
