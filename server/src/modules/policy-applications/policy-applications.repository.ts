import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';

// ——— Applications ———

export type ApplicationRow = {
  id: string;
  policyId: string;
  policyCode: string;
  policyVersion: number;
  policyNameZh: string;
  policyNameEn: string;
  kind: string;
  subjectType: string;
  enterpriseId: string | null;
  personId: string | null;
  subjectName: string;
  districtCode: string;
  status: string;
  periodKey: string;
  formData: unknown;
  amountFen: number | null;
  amount: unknown;
  eligibility: unknown;
  applicantUserId: string | null;
  personUserId: string | null;
  preparedBy: string | null;
  districtReviewerIds: string[];
  approvalsNeeded: number;
  firstApproverId: string | null;
  lastNote: string | null;
  submittedAt: Date | null;
  noticeStartsAt: Date | null;
  noticeEndsAt: Date | null;
  approvedAt: Date | null;
  paidAt: Date | null;
  payoutId: string | null;
  createdAt: Date;
  updatedAt: Date;
};

function selectApplications(db: Executor) {
  return db
    .selectFrom('policyApplications as a')
    .innerJoin('policies as p', 'p.id', 'a.policyId')
    .leftJoin('enterprises as e', 'e.id', 'a.enterpriseId')
    .leftJoin('persons as pe', 'pe.id', 'a.personId')
    .select((eb) => [
      'a.id',
      'a.policyId',
      'a.policyCode',
      'a.policyVersion',
      'p.nameZh as policyNameZh',
      'p.nameEn as policyNameEn',
      'p.kind',
      'a.subjectType',
      'a.enterpriseId',
      'a.personId',
      eb.fn.coalesce('e.name', 'pe.fullName', sql<string>`''`).as('subjectName'),
      'a.districtCode',
      'a.status',
      'a.periodKey',
      'a.formData',
      'a.amountFen',
      'a.amount',
      'a.eligibility',
      'a.applicantUserId',
      'pe.userId as personUserId',
      'a.preparedBy',
      'a.districtReviewerIds',
      'a.approvalsNeeded',
      'a.firstApproverId',
      'a.lastNote',
      'a.submittedAt',
      'a.noticeStartsAt',
      'a.noticeEndsAt',
      'a.approvedAt',
      'a.paidAt',
      'a.payoutId',
      'a.createdAt',
      'a.updatedAt',
    ]);
}

export async function findApplication(
  db: Executor,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<ApplicationRow | undefined> {
  let q = selectApplications(db).where('a.id', '=', id);
  // Locks the application row only: decisions on one application queue up here.
  if (opts.forUpdate) q = q.forUpdate('a');
  return q.executeTakeFirst();
}

export type ListFilter = {
  status?: string | undefined;
  policyCode?: string | undefined;
  districtCodes?: readonly string[] | undefined;
  enterpriseIds?: readonly string[] | undefined;
  personId?: string | undefined;
  /** Applicant scope: these enterprises OR this person OR created by this user. */
  applicant?: { enterpriseIds: readonly string[]; personId: string | null; userId: string } | undefined;
  /** Staff "mine": prepared by, or an event by, this user. */
  involvedUserId?: string | undefined;
  queueOrder?: boolean;
  limit: number;
  offset: number;
};

export async function listApplications(
  db: Executor,
  f: ListFilter,
): Promise<{ rows: ApplicationRow[]; total: number }> {
  let q = selectApplications(db);
  if (f.status) q = q.where('a.status', '=', f.status);
  if (f.policyCode) q = q.where('a.policyCode', '=', f.policyCode);
  if (f.districtCodes) {
    q =
      f.districtCodes.length > 0
        ? q.where('a.districtCode', 'in', [...f.districtCodes])
        : q.where(sql<boolean>`false`);
  }
  if (f.enterpriseIds) {
    q =
      f.enterpriseIds.length > 0
        ? q.where('a.enterpriseId', 'in', [...f.enterpriseIds])
        : q.where(sql<boolean>`false`);
  }
  if (f.personId) q = q.where('a.personId', '=', f.personId);
  if (f.applicant) {
    const a = f.applicant;
    q = q.where((eb) =>
      eb.or([
        ...(a.enterpriseIds.length > 0 ? [eb('a.enterpriseId', 'in', [...a.enterpriseIds])] : []),
        ...(a.personId ? [eb('a.personId', '=', a.personId)] : []),
        eb('a.applicantUserId', '=', a.userId),
      ]),
    );
  }
  if (f.involvedUserId) {
    const u = f.involvedUserId;
    q = q.where((eb) =>
      eb.or([
        eb('a.preparedBy', '=', u),
        eb.exists(
          eb
            .selectFrom('policyApplicationEvents as ev')
            .select('ev.id')
            .whereRef('ev.applicationId', '=', 'a.id')
            .where('ev.actorUserId', '=', u),
        ),
      ]),
    );
  }
  const counted = db.selectFrom(q.as('x')).select((eb) => eb.fn.countAll<number>().as('n'));
  const ordered = f.queueOrder
    ? q.orderBy('a.submittedAt', 'asc').orderBy('a.id')
    : q.orderBy('a.updatedAt', 'desc').orderBy('a.id');
  const [rows, count] = await Promise.all([
    ordered.limit(f.limit).offset(f.offset).execute(),
    counted.executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export type NewApplication = {
  policyId: string;
  policyCode: string;
  policyVersion: number;
  subjectType: string;
  enterpriseId: string | null;
  personId: string | null;
  districtCode: string;
  status: string;
  periodKey: string;
  formData: object;
  amountFen: number | null;
  amount: object | null;
  eligibility: object | null;
  applicantUserId: string | null;
  preparedBy: string | null;
  approvalsNeeded: number;
  submittedAt: Date | null;
  at: Date;
};

/** The partial unique index policy_applications_grant_uniq has the last word on one grant per period. */
export async function insertApplication(db: Executor, a: NewApplication): Promise<string> {
  const { at, ...rest } = a;
  const r = await db
    .insertInto('policyApplications')
    .values({
      ...rest,
      formData: JSON.stringify(a.formData),
      amount: a.amount === null ? null : JSON.stringify(a.amount),
      eligibility: a.eligibility === null ? null : JSON.stringify(a.eligibility),
      createdAt: at,
      updatedAt: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export type ApplicationPatch = {
  status?: string;
  policyId?: string;
  policyVersion?: number;
  periodKey?: string;
  formData?: object;
  amountFen?: number | null;
  amount?: object | null;
  eligibility?: object | null;
  applicantUserId?: string | null;
  approvalsNeeded?: number;
  firstApproverId?: string | null;
  addDistrictReviewer?: string;
  lastNote?: string | null;
  submittedAt?: Date | null;
  noticeStartsAt?: Date | null;
  noticeEndsAt?: Date | null;
  approvedAt?: Date | null;
  paidAt?: Date | null;
  payoutId?: string | null;
  updatedAt: Date;
};

/** Conditional on the status the decision was taken from: a concurrent change makes this a no-op. */
export async function updateApplication(
  db: Executor,
  id: string,
  fromStatus: string,
  patch: ApplicationPatch,
): Promise<boolean> {
  const { addDistrictReviewer, formData, amount, eligibility, ...rest } = patch;
  const r = await db
    .updateTable('policyApplications')
    .set({
      ...rest,
      ...(formData !== undefined ? { formData: JSON.stringify(formData) } : {}),
      ...(amount !== undefined ? { amount: amount === null ? null : JSON.stringify(amount) } : {}),
      ...(eligibility !== undefined
        ? { eligibility: eligibility === null ? null : JSON.stringify(eligibility) }
        : {}),
      ...(addDistrictReviewer
        ? {
            districtReviewerIds: sql<
              string[]
            >`CASE WHEN ${addDistrictReviewer}::uuid = ANY(district_reviewer_ids)
              THEN district_reviewer_ids ELSE array_append(district_reviewer_ids, ${addDistrictReviewer}::uuid) END`,
          }
        : {}),
    })
    .where('id', '=', id)
    .where('status', '=', fromStatus)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** An application of the same subject, policy and period that counts towards the grant. */
export async function findCounting(
  db: Executor,
  s: { subjectType: string; subjectId: string; policyCode: string; periodKey: string; exceptId?: string },
): Promise<{ id: string; status: string } | undefined> {
  let q = db
    .selectFrom('policyApplications')
    .select(['id', 'status'])
    .where('subjectType', '=', s.subjectType)
    .where('subjectId', '=', s.subjectId)
    .where('policyCode', '=', s.policyCode)
    .where('periodKey', '=', s.periodKey)
    .where('status', 'in', ['submitted', 'district_review', 'bureau_review', 'notice', 'approved', 'paid']);
  if (s.exceptId) q = q.where('id', '!=', s.exceptId);
  return q.executeTakeFirst();
}

// ——— Documents ———

export type DocumentRow = {
  applicationId: string;
  fileId: string;
  docCode: string;
  mediaType: string;
  sizeBytes: number;
  originalName: string | null;
};

export async function listDocuments(db: Executor, applicationIds: readonly string[]): Promise<DocumentRow[]> {
  if (applicationIds.length === 0) return [];
  return db
    .selectFrom('policyApplicationDocuments as d')
    .innerJoin('files as f', 'f.id', 'd.fileId')
    .select(['d.applicationId', 'd.fileId', 'd.docCode', 'f.mediaType', 'f.sizeBytes', 'f.originalName'])
    .where('d.applicationId', 'in', [...applicationIds])
    .orderBy('d.docCode')
    .orderBy('f.createdAt')
    .execute();
}

export async function replaceDocuments(
  db: Executor,
  applicationId: string,
  docs: readonly { fileId: string; docCode: string }[],
): Promise<void> {
  await db.deleteFrom('policyApplicationDocuments').where('applicationId', '=', applicationId).execute();
  if (docs.length === 0) return;
  await db
    .insertInto('policyApplicationDocuments')
    .values(docs.map((d) => ({ applicationId, fileId: d.fileId, docCode: d.docCode })))
    .onConflict((oc) => oc.columns(['applicationId', 'fileId']).doNothing())
    .execute();
}

/** Uploaded policy documents among `fileIds`: who uploaded each. */
export async function findPolicyFiles(
  db: Executor,
  fileIds: readonly string[],
): Promise<{ id: string; uploadedBy: string | null }[]> {
  if (fileIds.length === 0) return [];
  return db
    .selectFrom('files')
    .select(['id', 'uploadedBy'])
    .where('id', 'in', [...fileIds])
    .where('kind', '=', 'policy_document')
    .execute();
}

export async function insertFile(
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
    .values({ ...f, kind: 'policy_document' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function findAttachedFile(
  db: Executor,
  applicationId: string,
  fileId: string,
): Promise<{ content: Buffer; mediaType: string; docCode: string } | undefined> {
  return db
    .selectFrom('policyApplicationDocuments as d')
    .innerJoin('files as f', 'f.id', 'd.fileId')
    .select(['f.content', 'f.mediaType', 'd.docCode'])
    .where('d.applicationId', '=', applicationId)
    .where('d.fileId', '=', fileId)
    .executeTakeFirst();
}

// ——— Events ———

export type EventRow = {
  id: number;
  applicationId: string;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  note: string | null;
  actorKind: string;
  actorName: string | null;
  at: Date;
};

export async function insertEvent(
  db: Executor,
  e: {
    applicationId: string;
    action: string;
    fromStatus: string | null;
    toStatus: string;
    note: string | null;
    actorUserId: string | null;
    actorKind: string;
    at: Date;
  },
): Promise<number> {
  const r = await db
    .insertInto('policyApplicationEvents')
    .values(e)
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function listEvents(db: Executor, applicationIds: readonly string[]): Promise<EventRow[]> {
  if (applicationIds.length === 0) return [];
  return db
    .selectFrom('policyApplicationEvents as ev')
    .leftJoin('users as u', 'u.id', 'ev.actorUserId')
    .select([
      'ev.id',
      'ev.applicationId',
      'ev.action',
      'ev.fromStatus',
      'ev.toStatus',
      'ev.note',
      'ev.actorKind',
      'u.displayName as actorName',
      'ev.at',
    ])
    .where('ev.applicationId', 'in', [...applicationIds])
    .orderBy('ev.id')
    .execute();
}

// ——— Notice ———

/** Applications whose notice ended, without open objections, locked (others skip them). */
export async function lockDueNotices(db: Executor, now: Date, limit: number): Promise<{ id: string }[]> {
  return db
    .selectFrom('policyApplications as a')
    .select('a.id')
    .where('a.status', '=', 'notice')
    .where('a.noticeEndsAt', '<=', now)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('policyObjections as o')
            .select('o.id')
            .whereRef('o.applicationId', '=', 'a.id')
            .where('o.status', '=', 'open'),
        ),
      ),
    )
    .orderBy('a.noticeEndsAt')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

export type NoticeRow = {
  applicationId: string;
  policyCode: string;
  policyNameZh: string;
  policyNameEn: string;
  subjectType: string;
  subjectName: string;
  districtCode: string;
  amountFen: number | null;
  noticeStartsAt: Date;
  noticeEndsAt: Date;
  status: string;
};

export async function listNotices(
  db: Executor,
  f: {
    policyCode?: string | undefined;
    districtCode?: string | undefined;
    openAt?: Date | undefined;
    limit: number;
    offset: number;
  },
): Promise<{ rows: NoticeRow[]; total: number }> {
  let q = db
    .selectFrom('policyApplications as a')
    .innerJoin('policies as p', 'p.id', 'a.policyId')
    .leftJoin('enterprises as e', 'e.id', 'a.enterpriseId')
    .leftJoin('persons as pe', 'pe.id', 'a.personId')
    .where('a.status', 'in', ['notice', 'approved', 'paid'])
    .where('a.noticeStartsAt', 'is not', null);
  if (f.policyCode) q = q.where('a.policyCode', '=', f.policyCode);
  if (f.districtCode) q = q.where('a.districtCode', '=', f.districtCode);
  if (f.openAt) q = q.where('a.status', '=', 'notice').where('a.noticeEndsAt', '>', f.openAt);
  const [rows, count] = await Promise.all([
    q
      .select((eb) => [
        'a.id as applicationId',
        'a.policyCode',
        'p.nameZh as policyNameZh',
        'p.nameEn as policyNameEn',
        'a.subjectType',
        eb.fn.coalesce('e.name', 'pe.fullName', sql<string>`''`).as('subjectName'),
        'a.districtCode',
        'a.amountFen',
        sql<Date>`a.notice_starts_at`.as('noticeStartsAt'),
        sql<Date>`a.notice_ends_at`.as('noticeEndsAt'),
        'a.status',
      ])
      .orderBy('a.noticeStartsAt', 'desc')
      .orderBy('a.id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

// ——— Objections ———

export type ObjectionRow = {
  id: string;
  applicationId: string;
  status: string;
  reason: string;
  resolutionNote: string | null;
  createdAt: Date;
  resolvedAt: Date | null;
};

const OBJECTION_COLUMNS = [
  'o.id',
  'o.applicationId',
  'o.status',
  'o.reason',
  'o.resolutionNote',
  'o.createdAt',
  'o.resolvedAt',
] as const;

export async function insertObjection(
  db: Executor,
  o: { applicationId: string; raisedBy: string; reason: string; at: Date },
): Promise<ObjectionRow> {
  const r = await db
    .insertInto('policyObjections')
    .values({ applicationId: o.applicationId, raisedBy: o.raisedBy, reason: o.reason, createdAt: o.at })
    .returning(['id', 'applicationId', 'status', 'reason', 'resolutionNote', 'createdAt', 'resolvedAt'])
    .executeTakeFirstOrThrow();
  return r;
}

export async function listObjectionsOf(
  db: Executor,
  applicationIds: readonly string[],
): Promise<ObjectionRow[]> {
  if (applicationIds.length === 0) return [];
  return db
    .selectFrom('policyObjections as o')
    .select(OBJECTION_COLUMNS)
    .where('o.applicationId', 'in', [...applicationIds])
    .orderBy('o.createdAt')
    .execute();
}

export async function listObjections(
  db: Executor,
  f: { status?: string | undefined; districtCodes: readonly string[]; limit: number; offset: number },
): Promise<{ rows: ObjectionRow[]; total: number }> {
  let q = db
    .selectFrom('policyObjections as o')
    .innerJoin('policyApplications as a', 'a.id', 'o.applicationId')
    .where('a.districtCode', 'in', f.districtCodes.length > 0 ? [...f.districtCodes] : ['']);
  if (f.status) q = q.where('o.status', '=', f.status);
  const [rows, count] = await Promise.all([
    q
      .select(OBJECTION_COLUMNS)
      .orderBy('o.createdAt')
      .orderBy('o.id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function findObjection(
  db: Executor,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<ObjectionRow | undefined> {
  let q = db.selectFrom('policyObjections as o').select(OBJECTION_COLUMNS).where('o.id', '=', id);
  if (opts.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function resolveObjection(
  db: Executor,
  id: string,
  r: { status: 'upheld' | 'dismissed'; note: string; by: string; at: Date },
): Promise<boolean> {
  const res = await db
    .updateTable('policyObjections')
    .set({ status: r.status, resolutionNote: r.note, resolvedBy: r.by, resolvedAt: r.at })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

// ——— Payouts ———

export async function listForPayout(
  db: Executor,
  f: { policyCode?: string | undefined; districtCode?: string | undefined; limit: number },
): Promise<ApplicationRow[]> {
  let q = selectApplications(db)
    .where('a.status', '=', 'approved')
    .where('a.amountFen', '>', 0)
    .where('a.payoutId', 'is', null);
  if (f.policyCode) q = q.where('a.policyCode', '=', f.policyCode);
  if (f.districtCode) q = q.where('a.districtCode', '=', f.districtCode);
  return q.orderBy('a.approvedAt').orderBy('a.id').limit(f.limit).execute();
}

export async function markPaid(db: Executor, id: string, payoutId: string, at: Date): Promise<boolean> {
  const r = await db
    .updateTable('policyApplications')
    .set({ status: 'paid', payoutId, paidAt: at, updatedAt: at })
    .where('id', '=', id)
    .where('status', '=', 'approved')
    .where('amountFen', '>', 0)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
