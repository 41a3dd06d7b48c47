import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';

// ——— Certificates (就业创业证) ———

/**
 * The next number of a district's certificates for a year: an upsert on the counter row, so
 * concurrent registrations queue on that row and numbers are never reused (a rolled-back
 * registration rolls its number back too: no gaps).
 */
export async function nextCertificateSeq(db: Executor, districtCode: string, year: number): Promise<number> {
  const r = await sql<{ lastValue: number }>`
    INSERT INTO certificate_sequences (district_code, year, last_value) VALUES (${districtCode}, ${year}, 1)
    ON CONFLICT (district_code, year) DO UPDATE SET last_value = certificate_sequences.last_value + 1
    RETURNING last_value`.execute(db);
  const row = r.rows[0];
  if (!row) throw new Error('certificate sequence: no row');
  return row.lastValue;
}

export async function findCertificate(
  db: Executor,
  personId: string,
): Promise<{ certificateNo: string; districtCode: string; issuedOn: string } | undefined> {
  return db
    .selectFrom('employmentCertificates')
    .select(['certificateNo', 'districtCode', 'issuedOn'])
    .where('personId', '=', personId)
    .executeTakeFirst();
}

export async function insertCertificate(
  db: Executor,
  c: {
    personId: string;
    certificateNo: string;
    districtCode: string;
    issuedOn: string;
    issuedBy: string | null;
  },
): Promise<void> {
  await db.insertInto('employmentCertificates').values(c).execute();
}

// ——— Registrations ———

export type RegistrationRow = {
  id: string;
  personId: string;
  kind: string;
  status: string;
  districtCode: string;
  source: string;
  registeredOn: string;
  certificateNo: string | null;
  unemployedSince: string | null;
  cause: string | null;
  seekingWork: boolean | null;
  enterpriseId: string | null;
  hiredOn: string | null;
  jobTitle: string | null;
  contractType: string | null;
  contractEndOn: string | null;
  hireId: string | null;
  late: boolean;
  note: string | null;
  endedOn: string | null;
  endReason: string | null;
  endNote: string | null;
  closedByRegistrationId: string | null;
  createdAt: Date;
  personName: string;
  personIdNumberMasked: string | null;
  personUserId: string | null;
  enterpriseName: string | null;
};

function selectRegistrations(db: Executor) {
  return db
    .selectFrom('registrations as r')
    .innerJoin('persons as p', 'p.id', 'r.personId')
    .leftJoin('enterprises as e', 'e.id', 'r.enterpriseId')
    .select([
      'r.id',
      'r.personId',
      'r.kind',
      'r.status',
      'r.districtCode',
      'r.source',
      'r.registeredOn',
      'r.certificateNo',
      'r.unemployedSince',
      'r.cause',
      'r.seekingWork',
      'r.enterpriseId',
      'r.hiredOn',
      'r.jobTitle',
      'r.contractType',
      'r.contractEndOn',
      'r.hireId',
      'r.late',
      'r.note',
      'r.endedOn',
      'r.endReason',
      'r.endNote',
      'r.closedByRegistrationId',
      'r.createdAt',
      'p.fullName as personName',
      'p.idNumberMasked as personIdNumberMasked',
      'p.userId as personUserId',
      'e.name as enterpriseName',
    ]);
}

export async function findRegistration(
  db: Executor,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<RegistrationRow | undefined> {
  let q = selectRegistrations(db).where('r.id', '=', id);
  if (opts.forUpdate) q = q.forUpdate('r');
  return q.executeTakeFirst();
}

export async function registrationsOfPerson(db: Executor, personId: string): Promise<RegistrationRow[]> {
  return selectRegistrations(db)
    .where('r.personId', '=', personId)
    .orderBy('r.createdAt', 'desc')
    .orderBy('r.id')
    .limit(100)
    .execute();
}

export type RegistrationFilters = {
  kind?: string | undefined;
  status?: string | undefined;
  personId?: string | undefined;
  enterpriseId?: string | undefined;
  districtCode?: string | undefined;
  late?: boolean | undefined;
  /** Staff scope: registrations of these districts. */
  districtCodes?: readonly string[] | undefined;
  /** Employer scope: employment registrations of these enterprises. */
  enterpriseIds?: readonly string[] | undefined;
  /** Seeker scope: registrations of this account's person. */
  personUserId?: string | undefined;
  limit: number;
  offset: number;
};

export async function listRegistrations(
  db: Executor,
  f: RegistrationFilters,
): Promise<{ rows: RegistrationRow[]; total: number }> {
  let q = selectRegistrations(db);
  if (f.kind) q = q.where('r.kind', '=', f.kind);
  if (f.status) q = q.where('r.status', '=', f.status);
  if (f.personId) q = q.where('r.personId', '=', f.personId);
  if (f.enterpriseId) q = q.where('r.enterpriseId', '=', f.enterpriseId);
  if (f.districtCode) q = q.where('r.districtCode', '=', f.districtCode);
  if (f.late !== undefined) q = q.where('r.late', '=', f.late);
  if (f.districtCodes)
    q = q.where('r.districtCode', 'in', f.districtCodes.length ? [...f.districtCodes] : ['']);
  if (f.enterpriseIds)
    q = q
      .where('r.kind', '=', 'employment')
      .where(
        'r.enterpriseId',
        'in',
        f.enterpriseIds.length ? [...f.enterpriseIds] : ['00000000-0000-0000-0000-000000000000'],
      );
  if (f.personUserId) q = q.where('p.userId', '=', f.personUserId);
  const [c, rows] = await Promise.all([
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
    q.orderBy('r.createdAt', 'desc').orderBy('r.id').limit(f.limit).offset(f.offset).execute(),
  ]);
  return { rows, total: Number(c.n) };
}

export type NewRegistration = {
  personId: string;
  kind: 'unemployment' | 'employment';
  districtCode: string;
  source: string;
  registeredOn: string;
  certificateNo?: string | null;
  unemployedSince?: string | null;
  cause?: string | null;
  seekingWork?: boolean | null;
  enterpriseId?: string | null;
  hiredOn?: string | null;
  jobTitle?: string | null;
  contractType?: string | null;
  contractEndOn?: string | null;
  hireId?: string | null;
  late?: boolean;
  note?: string | null;
  createdBy: string | null;
  at: Date;
};

export async function insertRegistration(db: Executor, r: NewRegistration): Promise<string> {
  const { at, ...values } = r;
  const row = await db
    .insertInto('registrations')
    .values({ ...values, createdAt: at, updatedAt: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export type ActiveRegistration = {
  id: string;
  personId: string;
  kind: string;
  districtCode: string;
  registeredOn: string;
  unemployedSince: string | null;
  enterpriseId: string | null;
  hireId: string | null;
};

export async function activeRegistrationsOf(
  db: Executor,
  personIds: readonly string[],
): Promise<ActiveRegistration[]> {
  if (personIds.length === 0) return [];
  return db
    .selectFrom('registrations')
    .select([
      'id',
      'personId',
      'kind',
      'districtCode',
      'registeredOn',
      'unemployedSince',
      'enterpriseId',
      'hireId',
    ])
    .where('personId', 'in', personIds)
    .where('status', '=', 'active')
    .orderBy('createdAt')
    .execute();
}

/** Closes an active registration; false when it was not active any more (a concurrent change). */
export async function closeRegistration(
  db: Executor,
  id: string,
  c: {
    status: 'employed' | 'deregistered';
    endedOn: string;
    endReason: string;
    endNote: string | null;
    closedByRegistrationId: string | null;
    at: Date;
  },
): Promise<boolean> {
  const r = await db
    .updateTable('registrations')
    .set({
      status: c.status,
      endedOn: c.endedOn,
      endReason: c.endReason,
      endNote: c.endNote,
      closedByRegistrationId: c.closedByRegistrationId,
      updatedAt: c.at,
    })
    .where('id', '=', id)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function attachHire(db: Executor, registrationId: string, hireId: string): Promise<void> {
  await db
    .updateTable('registrations')
    .set({ hireId })
    .where('id', '=', registrationId)
    .where('hireId', 'is', null)
    .execute();
}

// ——— Hires made on the platform (the applications module's table, read only) ———

export type UnfiledHire = {
  id: string;
  seekerUserId: string;
  enterpriseId: string;
  enterpriseDistrictCode: string;
  postingTitle: string;
  hiredAt: Date;
};

/** Hires not yet filed as an employment registration, oldest first (the anti-join uses hire_id's unique index). */
export async function unfiledHires(
  db: Executor,
  o: { seekerUserId?: string | undefined; limit: number },
): Promise<UnfiledHire[]> {
  let q = db
    .selectFrom('hires as h')
    .innerJoin('jobPostings as jp', 'jp.id', 'h.postingId')
    .innerJoin('enterprises as e', 'e.id', 'h.enterpriseId')
    .leftJoin('registrations as r', 'r.hireId', 'h.id')
    .select([
      'h.id',
      'h.seekerUserId',
      'h.enterpriseId',
      'e.districtCode as enterpriseDistrictCode',
      'jp.title as postingTitle',
      'h.hiredAt',
    ])
    .where('r.id', 'is', null);
  if (o.seekerUserId) q = q.where('h.seekerUserId', '=', o.seekerUserId);
  return q.orderBy('h.hiredAt').orderBy('h.id').limit(o.limit).execute();
}

/**
 * Locks a hire row so that the sweep and a reader filing the same hire queue up; answers whether it
 * still needs filing (checked after the lock, in a new statement that sees the winner's commit).
 */
export async function lockUnfiledHire(db: Executor, hireId: string): Promise<boolean> {
  const h = await db.selectFrom('hires').select('id').where('id', '=', hireId).forUpdate().executeTakeFirst();
  if (!h) return false;
  const r = await db.selectFrom('registrations').select('id').where('hireId', '=', hireId).executeTakeFirst();
  return r === undefined;
}
