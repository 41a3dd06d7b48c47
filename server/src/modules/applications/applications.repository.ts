import type { Executor } from '../../db/database.js';

// ——— Reads of other modules' tables ———
// Membership, staff scope, the résumé and the hire count come from the enterprises, resumes and
// postings modules' index.ts. What they do not export yet is read here, one function each, to be
// swapped when they do.

export type PostingForApplication = {
  id: string;
  enterpriseId: string;
  enterpriseName: string;
  title: string;
  districtCode: string;
  status: string;
  headcount: number;
  hiredCount: number;
  expiresOn: string;
};

/** The posting's state for applying and for scoping its applications (postings module: no export yet). */
export async function findPosting(
  db: Executor,
  postingId: string,
): Promise<PostingForApplication | undefined> {
  return db
    .selectFrom('jobPostings as p')
    .innerJoin('enterprises as e', 'e.id', 'p.enterpriseId')
    .select([
      'p.id',
      'p.enterpriseId',
      'e.name as enterpriseName',
      'p.title',
      'p.districtCode',
      'p.status',
      'p.headcount',
      'p.hiredCount',
      'p.expiresOn',
    ])
    .where('p.id', '=', postingId)
    .executeTakeFirst();
}

/** The applicant's mobile number, for the enterprise to call (accounts module: no export yet). */
export async function findUserPhone(db: Executor, userId: string): Promise<string | undefined> {
  const r = await db.selectFrom('users').select('phone').where('id', '=', userId).executeTakeFirst();
  return r?.phone;
}

// ——— Applications ———

export type ApplicationRow = {
  id: string;
  postingId: string;
  seekerUserId: string;
  enterpriseId: string;
  status: string;
  note: string | null;
  interviewAt: Date | null;
  interviewPlace: string | null;
  rejectReason: string | null;
  resumeSnapshot: unknown;
  createdAt: Date;
  updatedAt: Date;
  postingTitle: string;
  postingDistrictCode: string;
  enterpriseName: string;
};

function selectApplications(db: Executor) {
  return db
    .selectFrom('applications as a')
    .innerJoin('jobPostings as p', 'p.id', 'a.postingId')
    .innerJoin('enterprises as e', 'e.id', 'a.enterpriseId')
    .select([
      'a.id',
      'a.postingId',
      'a.seekerUserId',
      'a.enterpriseId',
      'a.status',
      'a.note',
      'a.interviewAt',
      'a.interviewPlace',
      'a.rejectReason',
      'a.resumeSnapshot',
      'a.createdAt',
      'a.updatedAt',
      'p.title as postingTitle',
      'p.districtCode as postingDistrictCode',
      'e.name as enterpriseName',
    ]);
}

export async function findApplication(
  db: Executor,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<ApplicationRow | undefined> {
  let q = selectApplications(db).where('a.id', '=', id);
  // Locks the application row only: concurrent changes of one application queue up here.
  if (opts.forUpdate) q = q.forUpdate('a');
  return q.executeTakeFirst();
}

export async function findActiveApplicationId(
  db: Executor,
  postingId: string,
  seekerUserId: string,
): Promise<string | undefined> {
  const r = await db
    .selectFrom('applications')
    .select('id')
    .where('postingId', '=', postingId)
    .where('seekerUserId', '=', seekerUserId)
    .where('status', 'not in', ['rejected', 'withdrawn'])
    .executeTakeFirst();
  return r?.id;
}

type ListOpts = { status?: string | undefined; limit: number; offset: number };

/** Applications of one posting or one seeker, newest first, with the total for pagination. */
async function listWhere(
  db: Executor,
  column: 'postingId' | 'seekerUserId',
  value: string,
  opts: ListOpts,
): Promise<{ rows: ApplicationRow[]; total: number }> {
  let q = selectApplications(db).where(`a.${column}`, '=', value);
  let c = db
    .selectFrom('applications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(column, '=', value);
  if (opts.status) {
    q = q.where('a.status', '=', opts.status);
    c = c.where('status', '=', opts.status);
  }
  const [rows, count] = await Promise.all([
    q.orderBy('a.createdAt', 'desc').orderBy('a.id').limit(opts.limit).offset(opts.offset).execute(),
    c.executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export function listByPosting(db: Executor, postingId: string, opts: ListOpts) {
  return listWhere(db, 'postingId', postingId, opts);
}

export function listBySeeker(db: Executor, seekerUserId: string, opts: ListOpts) {
  return listWhere(db, 'seekerUserId', seekerUserId, opts);
}

export type EventRow = {
  id: number;
  applicationId: string;
  fromStatus: string | null;
  toStatus: string;
  note: string | null;
  actorUserId: string | null;
  actorRole: string | null;
  at: Date;
};

export async function listEvents(db: Executor, applicationIds: string[]): Promise<EventRow[]> {
  if (applicationIds.length === 0) return [];
  return db
    .selectFrom('applicationEvents as ev')
    .leftJoin('users as u', 'u.id', 'ev.actorUserId')
    .select([
      'ev.id',
      'ev.applicationId',
      'ev.fromStatus',
      'ev.toStatus',
      'ev.note',
      'ev.actorUserId',
      'u.role as actorRole',
      'ev.at',
    ])
    .where('ev.applicationId', 'in', applicationIds)
    .orderBy('ev.at')
    .orderBy('ev.id')
    .execute();
}

export async function insertConsent(
  db: Executor,
  c: { userId: string; kind: string; noticeVersion: string; context: object; grantedAt: Date },
): Promise<string> {
  const r = await db
    .insertInto('consents')
    .values({ ...c, context: JSON.stringify(c.context) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** The partial unique index applications_active_uniq has the last word on "one active application". */
export async function insertApplication(
  db: Executor,
  a: {
    postingId: string;
    seekerUserId: string;
    enterpriseId: string;
    resumeSnapshot: object;
    consentId: string;
    at: Date;
  },
): Promise<string> {
  const r = await db
    .insertInto('applications')
    .values({
      postingId: a.postingId,
      seekerUserId: a.seekerUserId,
      enterpriseId: a.enterpriseId,
      status: 'submitted',
      resumeSnapshot: JSON.stringify(a.resumeSnapshot),
      consentId: a.consentId,
      createdAt: a.at,
      updatedAt: a.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function insertEvent(
  db: Executor,
  e: {
    applicationId: string;
    fromStatus: string | null;
    toStatus: string;
    note: string | null;
    actorUserId: string | null;
    at: Date;
  },
): Promise<number> {
  const r = await db.insertInto('applicationEvents').values(e).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateApplication(
  db: Executor,
  id: string,
  fromStatus: string,
  patch: {
    status: string;
    note: string | null;
    interviewAt: Date | null;
    interviewPlace: string | null;
    rejectReason: string | null;
    updatedAt: Date;
  },
): Promise<boolean> {
  // Conditional on the status the workflow decided from: a concurrent change makes this a no-op.
  const r = await db
    .updateTable('applications')
    .set(patch)
    .where('id', '=', id)
    .where('status', '=', fromStatus)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertHire(
  db: Executor,
  h: { applicationId: string; postingId: string; enterpriseId: string; seekerUserId: string; at: Date },
): Promise<void> {
  await db
    .insertInto('hires')
    .values({
      applicationId: h.applicationId,
      postingId: h.postingId,
      enterpriseId: h.enterpriseId,
      seekerUserId: h.seekerUserId,
      hiredAt: h.at,
    })
    .execute();
}

/** The first read by the enterprise: submitted → viewed, only if still submitted. */
export async function markViewed(db: Executor, id: string, at: Date): Promise<boolean> {
  const r = await db
    .updateTable('applications')
    .set({ status: 'viewed', updatedAt: at })
    .where('id', '=', id)
    .where('status', '=', 'submitted')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
