import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';

const SUMMARY_COLUMNS = [
  'id',
  'userId',
  'fullName',
  'phone',
  'idNumberMasked',
  'birthDate',
  'gender',
  'householdRegionCode',
] as const;

export type PersonRow = {
  id: string;
  userId: string | null;
  fullName: string;
  phone: string;
  idNumberMasked: string | null;
  birthDate: string | null;
  gender: string | null;
  householdRegionCode: string | null;
};

export async function findById(db: Executor, id: string): Promise<PersonRow | undefined> {
  return db.selectFrom('persons').select(SUMMARY_COLUMNS).where('id', '=', id).executeTakeFirst();
}

export async function findByIds(db: Executor, ids: readonly string[]): Promise<PersonRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('persons').select(SUMMARY_COLUMNS).where('id', 'in', ids).execute();
}

export async function findByUserId(db: Executor, userId: string): Promise<PersonRow | undefined> {
  return db.selectFrom('persons').select(SUMMARY_COLUMNS).where('userId', '=', userId).executeTakeFirst();
}

export async function findByIdNumberHash(db: Executor, hash: string): Promise<PersonRow | undefined> {
  return db.selectFrom('persons').select(SUMMARY_COLUMNS).where('idNumberHash', '=', hash).executeTakeFirst();
}

/** A person without an identity number on file, known by phone and exact name. */
export async function findByPhoneAndName(
  db: Executor,
  phone: string,
  fullName: string,
): Promise<PersonRow | undefined> {
  return db
    .selectFrom('persons')
    .select(SUMMARY_COLUMNS)
    .where('phone', '=', phone)
    .where('fullName', '=', fullName)
    .orderBy('createdAt')
    .limit(1)
    .executeTakeFirst();
}

/** What a seeker account already tells us: the account and, if filled in, the résumé. */
export async function accountFacts(
  db: Executor,
  userId: string,
): Promise<
  | {
      phone: string;
      displayName: string;
      role: string;
      fullName: string | null;
      idNumberEnc: string | null;
      idNumberHash: string | null;
      idNumberMasked: string | null;
      birthDate: string | null;
      gender: string | null;
      householdRegionCode: string | null;
    }
  | undefined
> {
  return db
    .selectFrom('users as u')
    .leftJoin('resumes as r', 'r.userId', 'u.id')
    .select([
      'u.phone',
      'u.displayName',
      'u.role',
      'r.fullName',
      'r.idNumberEnc',
      'r.idNumberHash',
      'r.idNumberMasked',
      'r.birthDate',
      'r.gender',
      'r.householdRegionCode',
    ])
    .where('u.id', '=', userId)
    .executeTakeFirst();
}

export type NewPerson = {
  userId: string | null;
  fullName: string;
  phone: string;
  idNumberEnc: string | null;
  idNumberHash: string | null;
  idNumberMasked: string | null;
  birthDate: string | null;
  gender: string | null;
  householdRegionCode: string | null;
  createdBy: string | null;
};

/**
 * Inserts unless a row with the same account or identity number exists (a concurrent request may
 * have created it a moment ago): answers the new row or undefined, and the caller reads the winner.
 */
export async function insertIfAbsent(db: Executor, p: NewPerson): Promise<PersonRow | undefined> {
  return db
    .insertInto('persons')
    .values(p)
    .onConflict((oc) => oc.doNothing())
    .returning(SUMMARY_COLUMNS)
    .executeTakeFirst();
}

/** Fills in an identity number learnt later (a walk-in first known by phone, a résumé filled in). */
export async function setIdentity(
  db: Executor,
  id: string,
  p: Pick<
    NewPerson,
    'idNumberEnc' | 'idNumberHash' | 'idNumberMasked' | 'birthDate' | 'gender' | 'householdRegionCode'
  >,
): Promise<void> {
  await db
    .updateTable('persons')
    .set({ ...p, updatedAt: new Date() })
    .where('id', '=', id)
    .where('idNumberHash', 'is', null)
    .execute();
}

export async function contactOf(
  db: Executor,
  id: string,
): Promise<{ phone: string; userId: string | null } | undefined> {
  return db.selectFrom('persons').select(['phone', 'userId']).where('id', '=', id).executeTakeFirst();
}

// ——— The registry (issue 7): profiles, search, timeline ———
// The list and detail reads below join the assistance tables of migration 20261127T2130
// (registrations, key-group memberships, cases): they are one read model of the registry, kept here
// so that a search is one query. Writes to those tables go through their modules.

export type ProfileRow = {
  residenceDistrictCode: string | null;
  address: string | null;
  educationLevel: string | null;
  school: string | null;
  major: string | null;
  graduationDate: string | null;
  ruralHousehold: boolean;
  veteran: boolean;
  poorHousehold: boolean;
  disability: boolean;
  evidenceNote: string | null;
};

export type PersonDetailRow = PersonRow &
  ProfileRow & {
    createdAt: Date;
    updatedAt: Date;
    certificateNo: string | null;
  };

function selectDetail(db: Executor) {
  return db
    .selectFrom('persons as p')
    .leftJoin('personProfiles as pp', 'pp.personId', 'p.id')
    .leftJoin('employmentCertificates as ec', 'ec.personId', 'p.id')
    .select((eb) => [
      'p.id',
      'p.userId',
      'p.fullName',
      'p.phone',
      'p.idNumberMasked',
      'p.birthDate',
      'p.gender',
      'p.householdRegionCode',
      'p.createdAt',
      'pp.residenceDistrictCode',
      'pp.address',
      'pp.educationLevel',
      'pp.school',
      'pp.major',
      'pp.graduationDate',
      eb.fn.coalesce('pp.ruralHousehold', eb.val(false)).as('ruralHousehold'),
      eb.fn.coalesce('pp.veteran', eb.val(false)).as('veteran'),
      eb.fn.coalesce('pp.poorHousehold', eb.val(false)).as('poorHousehold'),
      eb.fn.coalesce('pp.disability', eb.val(false)).as('disability'),
      'pp.evidenceNote',
      eb.fn.coalesce('pp.updatedAt', 'p.updatedAt').as('updatedAt'),
      'ec.certificateNo',
    ]);
}

export async function findDetail(db: Executor, id: string): Promise<PersonDetailRow | undefined> {
  return selectDetail(db).where('p.id', '=', id).executeTakeFirst();
}

export async function findDetails(db: Executor, ids: readonly string[]): Promise<PersonDetailRow[]> {
  if (ids.length === 0) return [];
  return selectDetail(db).where('p.id', 'in', ids).execute();
}

/** Serialises changes to one person (registrations, classification): callers hold it to commit. */
export async function lockPerson(db: Executor, id: string): Promise<boolean> {
  const r = await db.selectFrom('persons').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
  return r !== undefined;
}

export async function sealedIdNumber(db: Executor, id: string): Promise<string | null | undefined> {
  const r = await db.selectFrom('persons').select('idNumberEnc').where('id', '=', id).executeTakeFirst();
  return r ? r.idNumberEnc : undefined;
}

export async function updatePersonCore(
  db: Executor,
  id: string,
  p: { fullName?: string | undefined; phone?: string | undefined; at: Date },
): Promise<void> {
  const set: { fullName?: string; phone?: string; updatedAt: Date } = { updatedAt: p.at };
  if (p.fullName !== undefined) set.fullName = p.fullName;
  if (p.phone !== undefined) set.phone = p.phone;
  await db.updateTable('persons').set(set).where('id', '=', id).execute();
}

export type ProfilePatch = Partial<ProfileRow>;

/** Creates the profile row on first write; only the fields given change. */
export async function upsertProfile(
  db: Executor,
  personId: string,
  patch: ProfilePatch,
  by: string | null,
  at: Date,
): Promise<void> {
  const values = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as ProfilePatch;
  await db
    .insertInto('personProfiles')
    .values({ personId, ...values, updatedBy: by, updatedAt: at })
    .onConflict((oc) => oc.column('personId').doUpdateSet({ ...values, updatedBy: by, updatedAt: at }))
    .execute();
}

export async function findProfile(db: Executor, personId: string): Promise<ProfileRow | undefined> {
  return db
    .selectFrom('personProfiles')
    .select([
      'residenceDistrictCode',
      'address',
      'educationLevel',
      'school',
      'major',
      'graduationDate',
      'ruralHousehold',
      'veteran',
      'poorHousehold',
      'disability',
      'evidenceNote',
    ])
    .where('personId', '=', personId)
    .executeTakeFirst();
}

export type PersonSearch = {
  /** Staff districts; null = no district limit (the caller checked a wider scope). */
  districtCodes: readonly string[] | null;
  districtCode?: string | undefined;
  name?: string | undefined;
  phone?: string | undefined;
  idTail?: string | undefined;
  keyGroup?: string | undefined;
  employmentStatus?: 'unemployed' | 'employed' | 'unregistered' | undefined;
  limit: number;
  offset: number;
};

/**
 * The district that serves a person: the district of their active unemployment registration,
 * else where they live (person_profiles), else their open case's district.
 */
function servingDistrict() {
  return sql<string | null>`coalesce(
    (SELECT r.district_code FROM registrations r
      WHERE r.person_id = p.id AND r.kind = 'unemployment' AND r.status = 'active'),
    (SELECT pp2.residence_district_code FROM person_profiles pp2 WHERE pp2.person_id = p.id),
    (SELECT c.district_code FROM cases c WHERE c.person_id = p.id AND c.status = 'open'))`;
}

export async function searchPersons(
  db: Executor,
  s: PersonSearch,
): Promise<{ rows: (PersonDetailRow & { servingDistrictCode: string | null })[]; total: number }> {
  const district = servingDistrict();
  let base = db.selectFrom('persons as p').select('p.id');
  if (s.districtCodes)
    base = base.where(district, 'in', s.districtCodes.length ? [...s.districtCodes] : ['']);
  if (s.districtCode) base = base.where(district, '=', s.districtCode);
  if (s.name) base = base.where('p.fullName', 'ilike', `%${s.name.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (s.phone) base = base.where('p.phone', '=', s.phone);
  if (s.idTail) base = base.where(sql`right(p.id_number_masked, ${s.idTail.length})`, '=', s.idTail);
  if (s.keyGroup) {
    const g = s.keyGroup;
    base = base.where((eb) =>
      eb.exists(
        eb
          .selectFrom('keyGroupMemberships as m')
          .select('m.id')
          .whereRef('m.personId', '=', 'p.id')
          .where('m.groupCode', '=', g)
          .where('m.status', '=', 'active'),
      ),
    );
  }
  if (s.employmentStatus) {
    const active = (kind: string) =>
      sql<boolean>`EXISTS (SELECT 1 FROM registrations r WHERE r.person_id = p.id AND r.kind = ${kind} AND r.status = 'active')`;
    if (s.employmentStatus === 'unemployed') base = base.where(active('unemployment'), '=', true);
    else if (s.employmentStatus === 'employed')
      base = base.where(active('unemployment'), '=', false).where(active('employment'), '=', true);
    else base = base.where(active('unemployment'), '=', false).where(active('employment'), '=', false);
  }
  const [countRow, idRows] = await Promise.all([
    db
      .selectFrom(base.as('b'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
    base
      .orderBy('p.createdAt', 'desc')
      .orderBy('p.id')
      .limit(s.limit)
      .offset(s.offset)
      .select(district.as('servingDistrictCode'))
      .execute(),
  ]);
  const details = await findDetails(
    db,
    idRows.map((r) => r.id),
  );
  const byId = new Map(details.map((d) => [d.id, d]));
  const rows = idRows.flatMap((r) => {
    const d = byId.get(r.id);
    return d ? [{ ...d, servingDistrictCode: r.servingDistrictCode }] : [];
  });
  return { rows, total: Number(countRow.n) };
}

export async function servingDistrictOf(db: Executor, personId: string): Promise<string | null> {
  const r = await db
    .selectFrom('persons as p')
    .select(servingDistrict().as('d'))
    .where('p.id', '=', personId)
    .executeTakeFirst();
  return r?.d ?? null;
}

// ——— Timeline ———

export type NewPersonEvent = {
  personId: string;
  at: Date;
  kind: string;
  registrationId?: string | null;
  caseId?: string | null;
  detail?: Record<string, unknown>;
  actorUserId?: string | null;
};

export async function insertEvent(db: Executor, e: NewPersonEvent): Promise<void> {
  await db
    .insertInto('personEvents')
    .values({
      personId: e.personId,
      at: e.at,
      kind: e.kind,
      registrationId: e.registrationId ?? null,
      caseId: e.caseId ?? null,
      detail: JSON.stringify(e.detail ?? {}),
      actorUserId: e.actorUserId ?? null,
    })
    .execute();
}

export async function listEvents(
  db: Executor,
  personId: string,
): Promise<
  {
    id: string;
    at: Date;
    kind: string;
    registrationId: string | null;
    caseId: string | null;
    detail: unknown;
  }[]
> {
  return db
    .selectFrom('personEvents')
    .select(['id', 'at', 'kind', 'registrationId', 'caseId', 'detail'])
    .where('personId', '=', personId)
    .orderBy('at')
    .orderBy('id')
    .limit(500)
    .execute();
}

// ——— Graduates (item 8) ———

export type GraduateRow = {
  id: string;
  personId: string;
  school: string;
  major: string;
  educationLevel: string;
  graduationDate: string;
  residenceDistrictCode: string;
  source: string;
  registeredBy: string | null;
  consentAt: Date;
  createdAt: Date;
};

const GRADUATE_COLUMNS = [
  'g.id',
  'g.personId',
  'g.school',
  'g.major',
  'g.educationLevel',
  'g.graduationDate',
  'g.residenceDistrictCode',
  'g.source',
  'g.registeredBy',
  'g.consentAt',
  'g.createdAt',
] as const;

export async function upsertGraduate(
  db: Executor,
  g: Omit<GraduateRow, 'id' | 'createdAt'> & { consentId: string | null; at: Date },
): Promise<string> {
  const values = {
    personId: g.personId,
    school: g.school,
    major: g.major,
    educationLevel: g.educationLevel,
    graduationDate: g.graduationDate,
    residenceDistrictCode: g.residenceDistrictCode,
    source: g.source,
    registeredBy: g.registeredBy,
    consentId: g.consentId,
    consentAt: g.consentAt,
    createdAt: g.at,
    updatedAt: g.at,
  };
  const { createdAt: _c, personId: _p, ...update } = values;
  const r = await db
    .insertInto('graduates')
    .values(values)
    .onConflict((oc) => oc.column('personId').doUpdateSet(update))
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function findGraduate(db: Executor, id: string): Promise<GraduateRow | undefined> {
  return db.selectFrom('graduates as g').select(GRADUATE_COLUMNS).where('g.id', '=', id).executeTakeFirst();
}

export async function listGraduates(
  db: Executor,
  f: {
    districtCodes: readonly string[] | null;
    registeredBy?: string | undefined;
    personId?: string | undefined;
    school?: string | undefined;
    graduationYear?: number | undefined;
    districtCode?: string | undefined;
    employmentStatus?: 'unemployed' | 'employed' | 'unregistered' | undefined;
    limit: number;
    offset: number;
  },
): Promise<{ rows: GraduateRow[]; total: number }> {
  let q = db.selectFrom('graduates as g');
  if (f.employmentStatus) {
    const active = (kind: string) =>
      sql<boolean>`EXISTS (SELECT 1 FROM registrations r WHERE r.person_id = g.person_id AND r.kind = ${kind} AND r.status = 'active')`;
    if (f.employmentStatus === 'unemployed') q = q.where(active('unemployment'), '=', true);
    else if (f.employmentStatus === 'employed')
      q = q.where(active('unemployment'), '=', false).where(active('employment'), '=', true);
    else q = q.where(active('unemployment'), '=', false).where(active('employment'), '=', false);
  }
  if (f.districtCodes)
    q = q.where('g.residenceDistrictCode', 'in', f.districtCodes.length ? [...f.districtCodes] : ['']);
  if (f.registeredBy) q = q.where('g.registeredBy', '=', f.registeredBy);
  if (f.personId) q = q.where('g.personId', '=', f.personId);
  if (f.school) q = q.where('g.school', 'ilike', `%${f.school.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (f.districtCode) q = q.where('g.residenceDistrictCode', '=', f.districtCode);
  if (f.graduationYear !== undefined)
    q = q
      .where('g.graduationDate', '>=', `${f.graduationYear}-01-01`)
      .where('g.graduationDate', '<=', `${f.graduationYear}-12-31`);
  const [c, rows] = await Promise.all([
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    q
      .select(GRADUATE_COLUMNS)
      .orderBy('g.createdAt', 'desc')
      .orderBy('g.id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
  ]);
  return { rows, total: Number(c.n) };
}

export async function insertConsent(
  db: Executor,
  c: { userId: string; kind: string; noticeVersion: string; context: Record<string, unknown>; at: Date },
): Promise<string> {
  const r = await db
    .insertInto('consents')
    .values({
      userId: c.userId,
      kind: c.kind,
      noticeVersion: c.noticeVersion,
      context: JSON.stringify(c.context),
      grantedAt: c.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** An active seeker account by phone (accounts module: no export yet), and whether a person has it. */
export async function findSeekerAccount(
  db: Executor,
  phone: string,
): Promise<{ id: string; linkedPersonId: string | null } | undefined> {
  return db
    .selectFrom('users as u')
    .leftJoin('persons as p', 'p.userId', 'u.id')
    .select(['u.id', 'p.id as linkedPersonId'])
    .where('u.phone', '=', phone)
    .where('u.role', '=', 'seeker')
    .where('u.status', '=', 'active')
    .executeTakeFirst();
}

export async function linkUser(db: Executor, personId: string, userId: string, at: Date): Promise<boolean> {
  const r = await db
    .updateTable('persons')
    .set({ userId, updatedAt: at })
    .where('id', '=', personId)
    .where('userId', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

// ——— Privacy (issue 9) ———

/** Erases name, phone, identity number and what it tells; the row stays (other records point at it). */
export async function anonymise(tx: Executor, id: string, now: Date): Promise<void> {
  await tx
    .updateTable('persons')
    .set({
      fullName: '已注销',
      phone: '',
      idNumberEnc: null,
      idNumberHash: null,
      idNumberMasked: null,
      birthDate: null,
      gender: null,
      householdRegionCode: null,
      updatedAt: now,
    })
    .where('id', '=', id)
    .execute();
  await tx.deleteFrom('personProfiles').where('personId', '=', id).execute();
}

/** Erases the sealed identity number (birth date, gender, household region stay). */
export async function clearIdentity(tx: Executor, id: string, now: Date): Promise<void> {
  await tx
    .updateTable('persons')
    .set({ idNumberEnc: null, idNumberHash: null, idNumberMasked: null, updatedAt: now })
    .where('id', '=', id)
    .execute();
}
