import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';

// ——— Providers ———

export type ProviderRow = {
  id: string;
  name: string;
  kind: string;
  licenceNumber: string;
  districtCode: string;
  contactName: string | null;
  contactPhone: string | null;
  ownerUserId: string | null;
  createdAt: Date;
};

const PROVIDER_COLUMNS = [
  'id',
  'name',
  'kind',
  'licenceNumber',
  'districtCode',
  'contactName',
  'contactPhone',
  'ownerUserId',
  'createdAt',
] as const;

export async function findProvider(db: Executor, id: string): Promise<ProviderRow | undefined> {
  return db.selectFrom('trainingProviders').select(PROVIDER_COLUMNS).where('id', '=', id).executeTakeFirst();
}

export async function findProviderOfOwner(db: Executor, userId: string): Promise<ProviderRow | undefined> {
  return db
    .selectFrom('trainingProviders')
    .select(PROVIDER_COLUMNS)
    .where('ownerUserId', '=', userId)
    .executeTakeFirst();
}

export async function insertProvider(
  db: Executor,
  p: {
    name: string;
    kind: string;
    licenceNumber: string;
    districtCode: string;
    contactName: string | null;
    contactPhone: string | null;
    ownerUserId: string | null;
    createdBy: string;
    at: Date;
  },
): Promise<string> {
  const { at, ...values } = p;
  const r = await db
    .insertInto('trainingProviders')
    .values({ ...values, createdAt: at, updatedAt: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function listProviders(
  db: Executor,
  f: {
    districtCodes?: readonly string[] | undefined;
    ownerUserId?: string | undefined;
    districtCode?: string | undefined;
    kind?: string | undefined;
    limit: number;
    offset: number;
  },
): Promise<{ rows: ProviderRow[]; total: number }> {
  let q = db.selectFrom('trainingProviders').select(PROVIDER_COLUMNS);
  let c = db.selectFrom('trainingProviders').select((eb) => eb.fn.countAll<number>().as('n'));
  if (f.districtCodes) {
    if (f.districtCodes.length === 0) return { rows: [], total: 0 };
    q = q.where('districtCode', 'in', [...f.districtCodes]);
    c = c.where('districtCode', 'in', [...f.districtCodes]);
  }
  if (f.ownerUserId) {
    q = q.where('ownerUserId', '=', f.ownerUserId);
    c = c.where('ownerUserId', '=', f.ownerUserId);
  }
  if (f.districtCode) {
    q = q.where('districtCode', '=', f.districtCode);
    c = c.where('districtCode', '=', f.districtCode);
  }
  if (f.kind) {
    q = q.where('kind', '=', f.kind);
    c = c.where('kind', '=', f.kind);
  }
  const [rows, count] = await Promise.all([
    q.orderBy('name').orderBy('id').limit(f.limit).offset(f.offset).execute(),
    c.executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

// ——— Courses ———

export type CourseRow = {
  id: string;
  providerId: string;
  providerName: string;
  ownerUserId: string | null;
  occupationCode: string;
  title: string;
  description: string;
  hours: number;
  subsidyPerHeadFen: number;
  schedule: string;
  capacity: number;
  enrolledCount: number;
  districtCode: string;
  startsOn: string;
  endsOn: string;
  status: string;
  createdAt: Date;
  updatedAt: Date;
};

function selectCourses(db: Executor) {
  return db
    .selectFrom('trainingCourses as c')
    .innerJoin('trainingProviders as p', 'p.id', 'c.providerId')
    .select([
      'c.id',
      'c.providerId',
      'p.name as providerName',
      'p.ownerUserId',
      'c.occupationCode',
      'c.title',
      'c.description',
      'c.hours',
      'c.subsidyPerHeadFen',
      'c.schedule',
      'c.capacity',
      'c.enrolledCount',
      'c.districtCode',
      'c.startsOn',
      'c.endsOn',
      'c.status',
      'c.createdAt',
      'c.updatedAt',
    ]);
}

export async function findCourse(db: Executor, id: string): Promise<CourseRow | undefined> {
  return selectCourses(db).where('c.id', '=', id).executeTakeFirst();
}

export async function insertCourse(
  db: Executor,
  c: {
    providerId: string;
    occupationCode: string;
    title: string;
    description: string;
    hours: number;
    subsidyPerHeadFen: number;
    schedule: string;
    capacity: number;
    districtCode: string;
    startsOn: string;
    endsOn: string;
    createdBy: string;
    at: Date;
  },
  sessions: readonly { startsAt: string; endsAt: string; topic: string | null }[],
): Promise<string> {
  const { at, ...values } = c;
  const r = await db
    .insertInto('trainingCourses')
    .values({ ...values, createdAt: at, updatedAt: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('trainingSessions')
    .values(
      [...sessions]
        .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt))
        .map((s, i) => ({ courseId: r.id, position: i + 1, ...s })),
    )
    .execute();
  return r.id;
}

export type SessionRow = { id: string; courseId: string; startsAt: Date; endsAt: Date; topic: string | null };

export async function listSessions(db: Executor, courseIds: readonly string[]): Promise<SessionRow[]> {
  if (courseIds.length === 0) return [];
  return db
    .selectFrom('trainingSessions')
    .select(['id', 'courseId', 'startsAt', 'endsAt', 'topic'])
    .where('courseId', 'in', [...courseIds])
    .orderBy('courseId')
    .orderBy('position')
    .execute();
}

export async function findSession(db: Executor, id: string): Promise<SessionRow | undefined> {
  return db
    .selectFrom('trainingSessions')
    .select(['id', 'courseId', 'startsAt', 'endsAt', 'topic'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function listCourses(
  db: Executor,
  f: {
    districtCodes?: readonly string[] | undefined;
    ownerUserId?: string | undefined;
    onlyStatus?: string | undefined;
    districtCode?: string | undefined;
    occupationCode?: string | undefined;
    status?: string | undefined;
    providerId?: string | undefined;
    limit: number;
    offset: number;
  },
): Promise<{ rows: CourseRow[]; total: number }> {
  let q = selectCourses(db);
  let c = db
    .selectFrom('trainingCourses as c')
    .innerJoin('trainingProviders as p', 'p.id', 'c.providerId')
    .select((eb) => eb.fn.countAll<number>().as('n'));
  if (f.districtCodes) {
    if (f.districtCodes.length === 0) return { rows: [], total: 0 };
    q = q.where('c.districtCode', 'in', [...f.districtCodes]);
    c = c.where('c.districtCode', 'in', [...f.districtCodes]);
  }
  if (f.ownerUserId) {
    q = q.where('p.ownerUserId', '=', f.ownerUserId);
    c = c.where('p.ownerUserId', '=', f.ownerUserId);
  }
  for (const [col, v] of [
    ['c.status', f.onlyStatus],
    ['c.status', f.status],
    ['c.districtCode', f.districtCode],
    ['c.providerId', f.providerId],
  ] as const) {
    if (v === undefined) continue;
    q = q.where(col, '=', v);
    c = c.where(col, '=', v);
  }
  if (f.occupationCode) {
    // The code and every code under it (6-18 covers 6-18-02-04); text_pattern_ops index.
    const prefix = `${f.occupationCode}-`;
    q = q.where((eb) =>
      eb.or([
        eb('c.occupationCode', '=', f.occupationCode ?? ''),
        eb('c.occupationCode', 'like', `${prefix}%`),
      ]),
    );
    c = c.where((eb) =>
      eb.or([
        eb('c.occupationCode', '=', f.occupationCode ?? ''),
        eb('c.occupationCode', 'like', `${prefix}%`),
      ]),
    );
  }
  const [rows, count] = await Promise.all([
    q.orderBy('c.startsOn', 'desc').orderBy('c.id').limit(f.limit).offset(f.offset).execute(),
    c.executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function updateCourseStatus(
  db: Executor,
  id: string,
  from: string,
  to: string,
  at: Date,
): Promise<boolean> {
  const r = await db
    .updateTable('trainingCourses')
    .set({ status: to, updatedAt: at })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Takes a place on an open course: one conditional UPDATE, so concurrent enrolments queue on the
 * course row and exactly the free places are handed out. The CHECK enrolled_count <= capacity is the
 * database's last word. Undefined when the course is full or not open.
 */
export async function takePlace(
  db: Executor,
  courseId: string,
  at: Date,
): Promise<{ enrolledCount: number; capacity: number } | undefined> {
  return db
    .updateTable('trainingCourses')
    .set((eb) => ({ enrolledCount: eb('enrolledCount', '+', 1), updatedAt: at }))
    .where('id', '=', courseId)
    .where('status', '=', 'open')
    .whereRef('enrolledCount', '<', 'capacity')
    .returning(['enrolledCount', 'capacity'])
    .executeTakeFirst();
}

/** Gives a place back (withdrawal). */
export async function freePlace(db: Executor, courseId: string, at: Date): Promise<void> {
  await db
    .updateTable('trainingCourses')
    .set((eb) => ({ enrolledCount: eb('enrolledCount', '-', 1), updatedAt: at }))
    .where('id', '=', courseId)
    .where('enrolledCount', '>', 0)
    .execute();
}

// ——— Enrolments ———

export async function findActiveEnrollmentId(
  db: Executor,
  courseId: string,
  personId: string,
): Promise<string | undefined> {
  const r = await db
    .selectFrom('trainingEnrollments')
    .select('id')
    .where('courseId', '=', courseId)
    .where('personId', '=', personId)
    .where('status', '<>', 'withdrawn')
    .executeTakeFirst();
  return r?.id;
}

/** The partial unique index training_enrollments_one_uniq has the last word on "one per person and course". */
export async function insertEnrollment(
  db: Executor,
  e: { courseId: string; personId: string; enrolledVia: string; enrolledBy: string; at: Date },
): Promise<string> {
  const r = await db
    .insertInto('trainingEnrollments')
    .values({
      courseId: e.courseId,
      personId: e.personId,
      enrolledVia: e.enrolledVia,
      enrolledBy: e.enrolledBy,
      enrolledAt: e.at,
      updatedAt: e.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export type EnrollmentRow = {
  id: string;
  courseId: string;
  courseTitle: string;
  courseDistrictCode: string;
  courseStartsOn: string;
  ownerUserId: string | null;
  providerName: string;
  personId: string;
  status: string;
  enrolledAt: Date;
  withdrawnAt: Date | null;
  withdrawReason: string | null;
  completedOn: string | null;
  certificateNumber: string | null;
  sessionsAttended: number;
  sessionsTotal: number;
};

function selectEnrollments(db: Executor) {
  return db
    .selectFrom('trainingEnrollments as e')
    .innerJoin('trainingCourses as c', 'c.id', 'e.courseId')
    .innerJoin('trainingProviders as p', 'p.id', 'c.providerId')
    .select((eb) => [
      'e.id',
      'e.courseId',
      'c.title as courseTitle',
      'c.districtCode as courseDistrictCode',
      'c.startsOn as courseStartsOn',
      'p.ownerUserId',
      'p.name as providerName',
      'e.personId',
      'e.status',
      'e.enrolledAt',
      'e.withdrawnAt',
      'e.withdrawReason',
      'e.completedOn',
      'e.certificateNumber',
      eb
        .selectFrom('trainingAttendance as a')
        .select((x) => x.fn.countAll<number>().as('n'))
        .whereRef('a.enrollmentId', '=', 'e.id')
        .where('a.present', '=', true)
        .as('sessionsAttended'),
      eb
        .selectFrom('trainingSessions as s')
        .select((x) => x.fn.countAll<number>().as('n'))
        .whereRef('s.courseId', '=', 'e.courseId')
        .as('sessionsTotal'),
    ]);
}

type RawEnrollment = Omit<EnrollmentRow, 'sessionsAttended' | 'sessionsTotal'> & {
  sessionsAttended: number | string | null;
  sessionsTotal: number | string | null;
};

function normalise(r: RawEnrollment): EnrollmentRow {
  return {
    ...r,
    sessionsAttended: Number(r.sessionsAttended ?? 0),
    sessionsTotal: Number(r.sessionsTotal ?? 0),
  };
}

export async function findEnrollment(
  db: Executor,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<EnrollmentRow | undefined> {
  let q = selectEnrollments(db).where('e.id', '=', id);
  if (opts.forUpdate) q = q.forUpdate('e');
  const r = await q.executeTakeFirst();
  return r ? normalise(r) : undefined;
}

export async function listEnrollments(
  db: Executor,
  by: { courseId: string } | { personId: string },
  f: { status?: string | undefined; limit: number; offset: number },
): Promise<{ rows: EnrollmentRow[]; total: number }> {
  const [col, value] =
    'courseId' in by ? (['courseId', by.courseId] as const) : (['personId', by.personId] as const);
  let q = selectEnrollments(db).where(`e.${col}`, '=', value);
  let c = db
    .selectFrom('trainingEnrollments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(col, '=', value);
  if (f.status) {
    q = q.where('e.status', '=', f.status);
    c = c.where('status', '=', f.status);
  }
  const [rows, count] = await Promise.all([
    q.orderBy('e.enrolledAt', 'desc').orderBy('e.id').limit(f.limit).offset(f.offset).execute(),
    c.executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map(normalise), total: Number(count.n) };
}

export async function withdrawEnrollment(
  db: Executor,
  id: string,
  reason: string,
  at: Date,
): Promise<boolean> {
  const r = await db
    .updateTable('trainingEnrollments')
    .set({ status: 'withdrawn', withdrawnAt: at, withdrawReason: reason, updatedAt: at })
    .where('id', '=', id)
    .where('status', '=', 'enrolled')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** enrolled → completed (with its certificate number, unique) or failed. */
export async function completeEnrollment(
  db: Executor,
  id: string,
  c: { status: 'completed' | 'failed'; completedOn: string; certificateNumber: string | null; at: Date },
): Promise<boolean> {
  const r = await db
    .updateTable('trainingEnrollments')
    .set({
      status: c.status,
      completedOn: c.completedOn,
      certificateNumber: c.certificateNumber,
      updatedAt: c.at,
    })
    .where('id', '=', id)
    .where('status', '=', 'enrolled')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Of `ids`, the enrolments of this course that hold a place (not withdrawn). */
export async function activeEnrollmentIdsOf(
  db: Executor,
  courseId: string,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('trainingEnrollments')
    .select('id')
    .where('courseId', '=', courseId)
    .where('id', 'in', [...ids])
    .where('status', '<>', 'withdrawn')
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** One row per session and enrolment: taking attendance again overwrites it. */
export async function upsertAttendance(
  db: Executor,
  sessionId: string,
  entries: readonly { enrollmentId: string; present: boolean }[],
  recordedBy: string,
  at: Date,
): Promise<void> {
  if (entries.length === 0) return;
  await db
    .insertInto('trainingAttendance')
    .values(entries.map((e) => ({ sessionId, ...e, recordedBy, recordedAt: at })))
    .onConflict((oc) =>
      oc.columns(['sessionId', 'enrollmentId']).doUpdateSet((eb) => ({
        present: eb.ref('excluded.present'),
        recordedBy: eb.ref('excluded.recordedBy'),
        recordedAt: eb.ref('excluded.recordedAt'),
      })),
    )
    .execute();
}

export async function sessionAttendance(
  db: Executor,
  sessionId: string,
): Promise<{ enrollmentId: string; present: boolean }[]> {
  return db
    .selectFrom('trainingAttendance')
    .select(['enrollmentId', 'present'])
    .where('sessionId', '=', sessionId)
    .orderBy('enrollmentId')
    .execute();
}

// ——— Outcomes ———

/**
 * Counts per status and the employment outcome of those who completed: employed when, on or after
 * the completion day and no later than six months after it, the person has an employment
 * registration (registrations module's table, kind 'employment', hired_on) or a platform hire of
 * their account (hires.hired_at, China date). Read here in one query, as no module exports it.
 */
export async function outcomeCounts(
  db: Executor,
  courseId: string,
  today: string,
  windowMonths: number,
): Promise<{
  enrolled: number;
  withdrawn: number;
  completed: number;
  failed: number;
  employed: number;
  awaiting: number;
}> {
  const r = await sql<{
    enrolled: number;
    withdrawn: number;
    completed: number;
    failed: number;
    employed: number;
    awaiting: number;
  }>`
    WITH e AS (
      SELECT en.status, en.completed_on,
        (en.completed_on + make_interval(months => ${windowMonths}))::date AS window_end,
        (en.status = 'completed' AND (
          EXISTS (
            SELECT 1 FROM registrations r
            WHERE r.person_id = en.person_id AND r.kind = 'employment'
              AND r.hired_on >= en.completed_on
              AND r.hired_on <= (en.completed_on + make_interval(months => ${windowMonths}))::date
          ) OR EXISTS (
            SELECT 1 FROM hires h JOIN persons p ON p.user_id = h.seeker_user_id
            WHERE p.id = en.person_id
              AND (h.hired_at AT TIME ZONE 'Asia/Shanghai')::date >= en.completed_on
              AND (h.hired_at AT TIME ZONE 'Asia/Shanghai')::date
                <= (en.completed_on + make_interval(months => ${windowMonths}))::date
          )
        )) AS employed
      FROM training_enrollments en
      WHERE en.course_id = ${courseId}
    )
    SELECT
      count(*) FILTER (WHERE status = 'enrolled')::int AS enrolled,
      count(*) FILTER (WHERE status = 'withdrawn')::int AS withdrawn,
      count(*) FILTER (WHERE status = 'completed')::int AS completed,
      count(*) FILTER (WHERE status = 'failed')::int AS failed,
      count(*) FILTER (WHERE employed)::int AS employed,
      count(*) FILTER (WHERE status = 'completed' AND NOT employed AND window_end >= ${today}::date)::int AS awaiting
    FROM e
  `.execute(db);
  const row = r.rows[0];
  return {
    enrolled: Number(row?.enrolled ?? 0),
    withdrawn: Number(row?.withdrawn ?? 0),
    completed: Number(row?.completed ?? 0),
    failed: Number(row?.failed ?? 0),
    employed: Number(row?.employed ?? 0),
    awaiting: Number(row?.awaiting ?? 0),
  };
}

// ——— Facts for support policies ———

/** Courses the person completed (passed, certificated) on or before `asOf`. */
export async function trainingFacts(
  db: Executor,
  personId: string,
  asOf: string,
): Promise<{ completedCourses: number; lastCompletedOn: string | null; occupationCodes: string[] }> {
  const r = await db
    .selectFrom('trainingEnrollments as e')
    .innerJoin('trainingCourses as c', 'c.id', 'e.courseId')
    .select([
      sql<number>`count(*)::int`.as('completedCourses'),
      sql<string | null>`max(e.completed_on)::text`.as('lastCompletedOn'),
      sql<string[]>`coalesce(array_agg(DISTINCT c.occupation_code), '{}')`.as('occupationCodes'),
    ])
    .where('e.personId', '=', personId)
    .where('e.status', '=', 'completed')
    .where('e.completedOn', '<=', asOf)
    .executeTakeFirstOrThrow();
  return {
    completedCourses: Number(r.completedCourses),
    lastCompletedOn: r.lastCompletedOn,
    occupationCodes: r.occupationCodes,
  };
}
