import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../db/database.js';
import { releasePlaces, takePlaces, type Counter } from '../../db/counters.js';

// ——— Idle workforce ———

const IDLE_COLUMNS = [
  'i.id',
  'i.enterpriseId',
  'e.name as enterpriseName',
  'i.districtCode',
  'i.workerCount',
  'i.reservedCount',
  'i.occupationCodes',
  'i.skills',
  'i.availableFrom',
  'i.availableUntil',
  'i.note',
  'i.status',
  'i.createdBy',
  'i.createdAt',
  'i.updatedAt',
] as const;

export type IdleRow = {
  id: string;
  enterpriseId: string;
  enterpriseName: string;
  districtCode: string;
  workerCount: number;
  reservedCount: number;
  occupationCodes: string[];
  skills: string[];
  availableFrom: string;
  availableUntil: string;
  note: string | null;
  status: string;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
};

export async function findIdle(
  db: Executor,
  id: string,
  o: { forUpdate?: boolean } = {},
): Promise<IdleRow | undefined> {
  let q = db
    .selectFrom('idleWorkforce as i')
    .innerJoin('enterprises as e', 'e.id', 'i.enterpriseId')
    .select(IDLE_COLUMNS)
    .where('i.id', '=', id);
  if (o.forUpdate) q = q.forUpdate('i');
  return q.executeTakeFirst();
}

export async function insertIdle(
  db: Executor,
  v: {
    enterpriseId: string;
    districtCode: string;
    workerCount: number;
    occupationCodes: string[];
    skills: string[];
    availableFrom: string;
    availableUntil: string;
    note: string | null;
    createdBy: string;
    at: Date;
  },
): Promise<string> {
  const { at, ...rest } = v;
  const r = await db
    .insertInto('idleWorkforce')
    .values({ ...rest, createdAt: at, updatedAt: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateIdle(
  db: Executor,
  id: string,
  patch: Partial<{
    workerCount: number;
    occupationCodes: string[];
    skills: string[];
    availableFrom: string;
    availableUntil: string;
    note: string | null;
    status: string;
  }> & { updatedAt: Date },
): Promise<void> {
  await db.updateTable('idleWorkforce').set(patch).where('id', '=', id).execute();
}

/** Workers of an open declaration promised to agreements (CHECK reserved_count <= worker_count). */
const IDLE_RESERVED: Counter<'idleWorkforce'> = {
  table: 'idleWorkforce',
  count: 'reservedCount',
  capacity: 'workerCount',
  whileStatus: 'open',
};

/**
 * Reserves `n` workers of an open declaration: one conditional UPDATE, so concurrent agreements
 * queue on the row and the second sees the first's reservation. The CHECK
 * reserved_count <= worker_count is the database's last word. False: not enough left (or withdrawn).
 */
export async function reserveIdle(db: Executor, id: string, n: number, at: Date): Promise<boolean> {
  return takePlaces(db, IDLE_RESERVED, id, n, at);
}

export async function releaseIdle(db: Executor, id: string, n: number, at: Date): Promise<void> {
  await releasePlaces(db, IDLE_RESERVED, id, n, at);
}

export type IdleFilter = {
  enterpriseIds?: readonly string[];
  districtCodes?: readonly string[];
  enterpriseId?: string | undefined;
  districtCode?: string | undefined;
  occupationCode?: string | undefined;
  status?: string | undefined;
  availableOn?: string | undefined;
};

function inList(column: RawBuilder<unknown>, values: readonly string[]): RawBuilder<unknown> {
  return values.length ? sql`${column} IN (${sql.join([...values])})` : sql`false`;
}

function idleFilterOf(f: IdleFilter): RawBuilder<boolean> {
  const c: RawBuilder<unknown>[] = [sql`true`];
  if (f.enterpriseIds) c.push(inList(sql.ref('i.enterprise_id'), f.enterpriseIds));
  if (f.districtCodes) c.push(inList(sql.ref('i.district_code'), f.districtCodes));
  if (f.enterpriseId) c.push(sql`i.enterprise_id = ${f.enterpriseId}`);
  if (f.districtCode) c.push(sql`i.district_code = ${f.districtCode}`);
  if (f.status) c.push(sql`i.status = ${f.status}`);
  if (f.availableOn)
    c.push(sql`(i.available_from <= ${f.availableOn} AND i.available_until >= ${f.availableOn})`);
  if (f.occupationCode) {
    c.push(
      sql`EXISTS (SELECT 1 FROM unnest(i.occupation_codes) oc WHERE oc = ${f.occupationCode} OR oc LIKE ${`${f.occupationCode}-%`})`,
    );
  }
  return sql<boolean>`(${sql.join(c, sql` AND `)})`;
}

export async function listIdle(
  db: Executor,
  f: IdleFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: IdleRow[]; total: number }> {
  const from = db.selectFrom('idleWorkforce as i').innerJoin('enterprises as e', 'e.id', 'i.enterpriseId');
  const [rows, count] = await Promise.all([
    from
      .select(IDLE_COLUMNS)
      .where(idleFilterOf(f))
      .orderBy('i.createdAt', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    from
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(idleFilterOf(f))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/**
 * Candidate declarations for a shortage: open, not the borrower's own, with workers left, still
 * available after `today`, and holding an occupation of the same medium group (`groupPrefix`,
 * e.g. 6-18). The newest `limit`; the matcher scores them.
 */
export async function matchCandidates(
  db: Executor,
  o: { excludeEnterpriseId: string; groupPrefix: string; today: string; limit: number },
): Promise<IdleRow[]> {
  return db
    .selectFrom('idleWorkforce as i')
    .innerJoin('enterprises as e', 'e.id', 'i.enterpriseId')
    .select(IDLE_COLUMNS)
    .where('i.status', '=', 'open')
    .where('i.availableUntil', '>=', o.today)
    .where('i.enterpriseId', '<>', o.excludeEnterpriseId)
    .where(sql<boolean>`i.reserved_count < i.worker_count`)
    .where(
      sql<boolean>`EXISTS (SELECT 1 FROM unnest(i.occupation_codes) oc
        WHERE oc = ${o.groupPrefix} OR oc LIKE ${`${o.groupPrefix}-%`})`,
    )
    .orderBy('i.createdAt', 'desc')
    .limit(o.limit)
    .execute();
}

// ——— Reference names for reasons ———

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

export async function regionNames(
  db: Executor,
  codes: readonly string[],
): Promise<{ code: string; name: string }[]> {
  if (codes.length === 0) return [];
  return db
    .selectFrom('regions')
    .select(['code', 'name'])
    .where('code', 'in', [...new Set(codes)])
    .execute();
}

// ——— Agreements ———

export type AgreementRow = {
  id: string;
  status: string;
  shortageId: string;
  idleWorkforceId: string;
  lenderEnterpriseId: string;
  lenderName: string;
  lenderDistrictCode: string;
  borrowerEnterpriseId: string;
  borrowerName: string;
  borrowerDistrictCode: string;
  occupationCode: string;
  workerCount: number;
  listedCount: number;
  consentedCount: number;
  startsOn: string;
  endsOn: string;
  wageFen: number;
  wagePeriod: string;
  wagePayer: string;
  injuryInsuranceCarrier: string;
  terms: string | null;
  lenderSignedAt: Date | null;
  lenderSignedBy: string | null;
  borrowerSignedAt: Date | null;
  borrowerSignedBy: string | null;
  activatedAt: Date | null;
  startedOn: string | null;
  endedOn: string | null;
  returnedOn: string | null;
  cancelReason: string | null;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
};

function agreementBase(db: Executor) {
  return db
    .selectFrom('sharingAgreements as a')
    .innerJoin('idleWorkforce as i', 'i.id', 'a.idleWorkforceId')
    .innerJoin('labourShortages as s', 's.id', 'a.shortageId')
    .innerJoin('enterprises as le', 'le.id', 'a.lenderEnterpriseId')
    .innerJoin('enterprises as be', 'be.id', 'a.borrowerEnterpriseId')
    .select([
      'a.id',
      'a.status',
      'a.shortageId',
      'a.idleWorkforceId',
      'a.lenderEnterpriseId',
      'le.name as lenderName',
      'i.districtCode as lenderDistrictCode',
      'a.borrowerEnterpriseId',
      'be.name as borrowerName',
      's.districtCode as borrowerDistrictCode',
      's.occupationCode',
      'a.workerCount',
      'a.listedCount',
      'a.consentedCount',
      'a.startsOn',
      'a.endsOn',
      'a.wageFen',
      'a.wagePeriod',
      'a.wagePayer',
      'a.injuryInsuranceCarrier',
      'a.terms',
      'a.lenderSignedAt',
      'a.lenderSignedBy',
      'a.borrowerSignedAt',
      'a.borrowerSignedBy',
      'a.activatedAt',
      'a.startedOn',
      'a.endedOn',
      'a.returnedOn',
      'a.cancelReason',
      'a.createdBy',
      'a.createdAt',
      'a.updatedAt',
    ]);
}

export async function findAgreement(
  db: Executor,
  id: string,
  o: { forUpdate?: boolean } = {},
): Promise<AgreementRow | undefined> {
  let q = agreementBase(db).where('a.id', '=', id);
  if (o.forUpdate) q = q.forUpdate('a');
  return q.executeTakeFirst();
}

export async function insertAgreement(
  db: Executor,
  v: {
    shortageId: string;
    idleWorkforceId: string;
    lenderEnterpriseId: string;
    borrowerEnterpriseId: string;
    workerCount: number;
    startsOn: string;
    endsOn: string;
    wageFen: number;
    wagePeriod: string;
    wagePayer: string;
    injuryInsuranceCarrier: string;
    terms: string | null;
    createdBy: string;
    at: Date;
  },
): Promise<string> {
  const { at, ...rest } = v;
  const r = await db
    .insertInto('sharingAgreements')
    .values({ ...rest, createdAt: at, updatedAt: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export type AgreementPatch = Partial<{
  status: string;
  lenderSignedAt: Date;
  lenderSignedBy: string;
  borrowerSignedAt: Date;
  borrowerSignedBy: string;
  activatedAt: Date;
  startedOn: string;
  endedOn: string;
  returnedOn: string;
  cancelReason: string;
}> & { updatedAt: Date };

/** Writes the change only if the status is still `fromStatus`. */
export async function updateAgreement(
  db: Executor,
  id: string,
  fromStatus: string,
  patch: AgreementPatch,
): Promise<boolean> {
  const r = await db
    .updateTable('sharingAgreements')
    .set(patch)
    .where('id', '=', id)
    .where('status', '=', fromStatus)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Adds `n` to listed_count if it stays within worker_count (CHECK listed_count <= worker_count). */
export async function addListed(db: Executor, id: string, n: number, at: Date): Promise<boolean> {
  const r = await db
    .updateTable('sharingAgreements')
    .set({ listedCount: sql`listed_count + ${n}`, updatedAt: at })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where(sql<boolean>`listed_count + ${n} <= worker_count`)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function adjustCounts(
  db: Executor,
  id: string,
  d: { listed?: number; consented?: number },
  at: Date,
): Promise<void> {
  await db
    .updateTable('sharingAgreements')
    .set({
      listedCount: sql`listed_count + ${d.listed ?? 0}`,
      consentedCount: sql`consented_count + ${d.consented ?? 0}`,
      updatedAt: at,
    })
    .where('id', '=', id)
    .execute();
}

export type AgreementFilter = {
  /** Employer scope: as lender or borrower. */
  enterpriseIds?: readonly string[];
  /** Staff scope: the lender's or the borrower's district. */
  districtCodes?: readonly string[];
  /** Worker scope. */
  personId?: string;
  status?: string | undefined;
  enterpriseId?: string | undefined;
  role?: 'lender' | 'borrower' | undefined;
  shortageId?: string | undefined;
  idleWorkforceId?: string | undefined;
  districtCode?: string | undefined;
};

function agreementFilterOf(f: AgreementFilter): RawBuilder<boolean> {
  const c: RawBuilder<unknown>[] = [sql`true`];
  if (f.enterpriseIds) {
    c.push(
      f.enterpriseIds.length
        ? sql`(a.lender_enterprise_id IN (${sql.join([...f.enterpriseIds])}) OR a.borrower_enterprise_id IN (${sql.join([...f.enterpriseIds])}))`
        : sql`false`,
    );
  }
  if (f.districtCodes) {
    c.push(
      f.districtCodes.length
        ? sql`(i.district_code IN (${sql.join([...f.districtCodes])}) OR s.district_code IN (${sql.join([...f.districtCodes])}))`
        : sql`false`,
    );
  }
  if (f.personId) {
    c.push(
      sql`EXISTS (SELECT 1 FROM sharing_agreement_workers w WHERE w.agreement_id = a.id AND w.person_id = ${f.personId})`,
    );
  }
  if (f.status) c.push(sql`a.status = ${f.status}`);
  if (f.enterpriseId) {
    if (f.role === 'lender') c.push(sql`a.lender_enterprise_id = ${f.enterpriseId}`);
    else if (f.role === 'borrower') c.push(sql`a.borrower_enterprise_id = ${f.enterpriseId}`);
    else
      c.push(
        sql`(a.lender_enterprise_id = ${f.enterpriseId} OR a.borrower_enterprise_id = ${f.enterpriseId})`,
      );
  }
  if (f.shortageId) c.push(sql`a.shortage_id = ${f.shortageId}`);
  if (f.idleWorkforceId) c.push(sql`a.idle_workforce_id = ${f.idleWorkforceId}`);
  if (f.districtCode)
    c.push(sql`(i.district_code = ${f.districtCode} OR s.district_code = ${f.districtCode})`);
  return sql<boolean>`(${sql.join(c, sql` AND `)})`;
}

export async function listAgreements(
  db: Executor,
  f: AgreementFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: AgreementRow[]; total: number }> {
  const [rows, count] = await Promise.all([
    agreementBase(db)
      .where(agreementFilterOf(f))
      .orderBy('a.createdAt', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    db
      .selectFrom('sharingAgreements as a')
      .innerJoin('idleWorkforce as i', 'i.id', 'a.idleWorkforceId')
      .innerJoin('labourShortages as s', 's.id', 'a.shortageId')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(agreementFilterOf(f))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

// ——— Listed workers ———

export type WorkerRow = {
  agreementId: string;
  personId: string;
  consent: string;
  consentMethod: string | null;
  consentAt: Date | null;
  consentFileId: string | null;
  createdAt: Date;
};

export async function listWorkers(db: Executor, agreementIds: readonly string[]): Promise<WorkerRow[]> {
  if (agreementIds.length === 0) return [];
  return db
    .selectFrom('sharingAgreementWorkers')
    .select([
      'agreementId',
      'personId',
      'consent',
      'consentMethod',
      'consentAt',
      'consentFileId',
      'createdAt',
    ])
    .where('agreementId', 'in', [...agreementIds])
    .orderBy('createdAt')
    .orderBy('personId')
    .execute();
}

/** Persons among `personIds` already on an open agreement (pending, active or ended). */
export async function openElsewhere(db: Executor, personIds: readonly string[]): Promise<string[]> {
  if (personIds.length === 0) return [];
  const rows = await db
    .selectFrom('sharingAgreementWorkers')
    .select('personId')
    .where('personId', 'in', [...personIds])
    .where('isOpen', '=', true)
    .execute();
  return rows.map((r) => r.personId);
}

export async function insertWorkers(
  db: Executor,
  agreementId: string,
  personIds: readonly string[],
  addedBy: string,
  at: Date,
): Promise<void> {
  if (personIds.length === 0) return;
  await db
    .insertInto('sharingAgreementWorkers')
    .values(personIds.map((personId) => ({ agreementId, personId, addedBy, createdAt: at })))
    .execute();
}

export async function deleteWorker(
  db: Executor,
  agreementId: string,
  personId: string,
): Promise<WorkerRow | undefined> {
  return db
    .deleteFrom('sharingAgreementWorkers')
    .where('agreementId', '=', agreementId)
    .where('personId', '=', personId)
    .returning([
      'agreementId',
      'personId',
      'consent',
      'consentMethod',
      'consentAt',
      'consentFileId',
      'createdAt',
    ])
    .executeTakeFirst();
}

/** Records a pending worker's answer; false when there was no pending entry. */
export async function recordConsent(
  db: Executor,
  agreementId: string,
  personId: string,
  v: {
    consent: 'consented' | 'declined';
    method: 'app' | 'paper';
    at: Date;
    signedOn: string | null;
    fileId: string | null;
    recordedBy: string;
  },
): Promise<boolean> {
  const r = await db
    .updateTable('sharingAgreementWorkers')
    .set({
      consent: v.consent,
      consentMethod: v.method,
      consentAt: v.at,
      consentSignedOn: v.signedOn,
      consentFileId: v.fileId,
      consentRecordedBy: v.recordedBy,
    })
    .where('agreementId', '=', agreementId)
    .where('personId', '=', personId)
    .where('consent', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The agreement no longer holds its workers (returned or cancelled): they may be lent again. */
export async function closeWorkers(db: Executor, agreementId: string): Promise<void> {
  await db
    .updateTable('sharingAgreementWorkers')
    .set({ isOpen: false })
    .where('agreementId', '=', agreementId)
    .execute();
}

// ——— Accounts and files ———

/** The active seeker account using this phone, if any. */
export async function seekerUserIdByPhone(db: Executor, phone: string): Promise<string | undefined> {
  const r = await db
    .selectFrom('users')
    .select('id')
    .where('phone', '=', phone)
    .where('role', '=', 'seeker')
    .where('status', '=', 'active')
    .executeTakeFirst();
  return r?.id;
}

export const CONSENT_FILE_KIND = 'consent_form';

export async function insertConsentFile(
  db: Executor,
  f: {
    mediaType: string;
    sizeBytes: number;
    sha256: string;
    originalName: string | null;
    content: Buffer;
    uploadedBy: string;
  },
): Promise<string> {
  const r = await db
    .insertInto('files')
    .values({ ...f, kind: CONSENT_FILE_KIND })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function findConsentFile(
  db: Executor,
  id: string,
): Promise<{ id: string; uploadedBy: string | null } | undefined> {
  return db
    .selectFrom('files')
    .select(['id', 'uploadedBy'])
    .where('id', '=', id)
    .where('kind', '=', CONSENT_FILE_KIND)
    .executeTakeFirst();
}
