import {
  TRAINING_EMPLOYMENT_WINDOW_MONTHS,
  maskPhone,
  type CompleteEnrollmentBody,
  type CreateTrainingCourseBody,
  type CreateTrainingProviderBody,
  type EnrollBody,
  type ListTrainingCoursesQuery,
  type ListTrainingEnrollmentsQuery,
  type ListTrainingProvidersQuery,
  type ProgrammePerson,
  type PutSessionAttendanceBody,
  type SessionAttendance,
  type TrainingCourse,
  type TrainingCourseStatus,
  type TrainingEnrollment,
  type TrainingEnrollmentStatus,
  type TrainingOutcomes,
  type TrainingProvider,
  type TrainingProviderKind,
} from '@jiuye/shared';
import type { Executor } from '../../db/database.js';
import { writeAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { offsetOf, pageResult, type Page } from '../../platform/pagination.js';
import { CITY_DISTRICT_CODES, isStaffInDistrict } from '../enterprises/index.js';
import {
  findOrCreatePerson,
  findPersonOfUser,
  getPerson,
  getPersons,
  personForUser,
  type PersonSummary,
} from '../persons/index.js';
import { logTrainingOnCase } from './training.cases.js';
import {
  courseTransitionAllowed,
  isProviderAccount,
  isTrainee,
  isTrainingStaff,
  relationToCourse,
  type CourseRelation,
  type UserActor,
} from './training.policy.js';
import * as repo from './training.repository.js';

function requireUser(ctx: RequestContext): UserActor {
  if (ctx.actor.kind !== 'user') throw new AppError('forbidden');
  return ctx.actor;
}

function isUniqueViolation(err: unknown, constraint: string): boolean {
  const e = err as { code?: unknown; constraint?: unknown };
  return e.code === '23505' && e.constraint === constraint;
}

function isCheckViolation(err: unknown): boolean {
  return (err as { code?: unknown }).code === '23514';
}

/** The calendar day in China (UTC+8, no daylight saving). */
function chinaToday(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

function chinaDateOf(iso: string): string {
  return chinaToday(new Date(iso));
}

function inCity(code: string): boolean {
  return (CITY_DISTRICT_CODES as readonly string[]).includes(code);
}

// ——— Mapping ———

function toProvider(r: repo.ProviderRow): TrainingProvider {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind as TrainingProviderKind,
    licenceNumber: r.licenceNumber,
    districtCode: r.districtCode,
    contactName: r.contactName,
    contactPhone: r.contactPhone ? maskPhone(r.contactPhone) : null,
    ownerUserId: r.ownerUserId,
    createdAt: r.createdAt.toISOString(),
  };
}

function toCourse(r: repo.CourseRow, sessions: repo.SessionRow[]): TrainingCourse {
  return {
    id: r.id,
    providerId: r.providerId,
    providerName: r.providerName,
    occupationCode: r.occupationCode,
    title: r.title,
    description: r.description,
    hours: r.hours,
    subsidyPerHeadFen: r.subsidyPerHeadFen,
    schedule: r.schedule,
    sessions: sessions
      .filter((s) => s.courseId === r.id)
      .map((s) => ({
        id: s.id,
        startsAt: s.startsAt.toISOString(),
        endsAt: s.endsAt.toISOString(),
        topic: s.topic,
      })),
    capacity: r.capacity,
    enrolledCount: r.enrolledCount,
    placesLeft: r.capacity - r.enrolledCount,
    districtCode: r.districtCode,
    startsOn: r.startsOn,
    endsOn: r.endsOn,
    status: r.status as TrainingCourseStatus,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

function personOf(people: Map<string, PersonSummary>, id: string): ProgrammePerson {
  const p = people.get(id);
  return {
    id,
    fullName: p?.fullName ?? '',
    phoneMasked: p?.phoneMasked ?? '',
    idNumberMasked: p?.idNumberMasked ?? null,
  };
}

function toEnrollment(r: repo.EnrollmentRow, people: Map<string, PersonSummary>): TrainingEnrollment {
  return {
    id: r.id,
    courseId: r.courseId,
    courseTitle: r.courseTitle,
    providerName: r.providerName,
    person: personOf(people, r.personId),
    status: r.status as TrainingEnrollmentStatus,
    enrolledAt: r.enrolledAt.toISOString(),
    withdrawnAt: r.withdrawnAt ? r.withdrawnAt.toISOString() : null,
    withdrawReason: r.withdrawReason,
    completedOn: r.completedOn,
    certificateNumber: r.certificateNumber,
    sessionsAttended: r.sessionsAttended,
    sessionsTotal: r.sessionsTotal,
  };
}

async function loadCourse(db: Executor, id: string): Promise<TrainingCourse> {
  const row = await repo.findCourse(db, id);
  if (!row) throw new AppError('not_found');
  return toCourse(row, await repo.listSessions(db, [id]));
}

async function loadEnrollment(db: Executor, id: string): Promise<TrainingEnrollment> {
  const row = await repo.findEnrollment(db, id);
  if (!row) throw new AppError('not_found');
  return toEnrollment(row, await getPersons(db, [row.personId]));
}

/** The course and the caller's relation; `managers` refuses seekers (404 like a stranger). */
async function courseFor(
  ctx: RequestContext,
  db: Executor,
  id: string,
  managers: boolean,
): Promise<{ course: repo.CourseRow; rel: CourseRelation; actor: UserActor }> {
  const actor = requireUser(ctx);
  const course = await repo.findCourse(db, id);
  if (!course) throw new AppError('not_found');
  const rel = relationToCourse(actor, course);
  if (!rel || (managers && rel === 'seeker')) throw new AppError('not_found');
  return { course, rel, actor };
}

// ——— Providers ———

/**
 * A college or agency account registers its own provider record (one per account); staff register
 * providers without an account in their districts. Licence numbers are unique.
 */
export async function createProvider(
  ctx: RequestContext,
  body: CreateTrainingProviderBody,
): Promise<TrainingProvider> {
  const actor = requireUser(ctx);
  if (!inCity(body.districtCode)) throw fieldError('districtCode', 'not_in_city');
  const staff = isTrainingStaff(actor);
  if (staff && !isStaffInDistrict(actor, body.districtCode))
    throw fieldError('districtCode', 'outside_district');
  if (!staff && !isProviderAccount(actor)) throw new AppError('forbidden');
  const now = ctx.now();
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      if (!staff && (await repo.findProviderOfOwner(tx, actor.userId)))
        throw new AppError('already_exists', { fields: [{ path: '(body)', code: 'provider_exists' }] });
      const id = await repo.insertProvider(tx, {
        name: body.name,
        kind: body.kind,
        licenceNumber: body.licenceNumber,
        districtCode: body.districtCode,
        contactName: body.contactName ?? null,
        contactPhone: body.contactPhone ?? null,
        ownerUserId: staff ? null : actor.userId,
        createdBy: actor.userId,
        at: now,
      });
      await writeAudit(tx, ctx, {
        action: 'training_provider.create',
        entityType: 'training_provider',
        entityId: id,
        summary: {
          name: body.name,
          kind: body.kind,
          licenceNumber: body.licenceNumber,
          selfRegistered: !staff,
        },
      });
      const row = await repo.findProvider(tx, id);
      if (!row) throw new AppError('conflict');
      return toProvider(row);
    });
  } catch (err) {
    if ((err as { code?: unknown }).code === '23505') {
      const onLicence = isUniqueViolation(err, 'training_providers_licence_number_key');
      throw new AppError('already_exists', {
        fields: [{ path: onLicence ? 'licenceNumber' : '(body)', code: 'provider_exists' }],
        cause: err,
      });
    }
    throw err;
  }
}

/** Staff see their districts' providers; a provider account its own record. */
export async function listProviders(
  ctx: RequestContext,
  q: ListTrainingProvidersQuery,
): Promise<Page<TrainingProvider>> {
  const actor = requireUser(ctx);
  const staff = isTrainingStaff(actor);
  if (!staff && !isProviderAccount(actor)) throw new AppError('forbidden');
  const { rows, total } = await repo.listProviders(ctx.db, {
    districtCodes: staff ? actor.districtCodes : undefined,
    ownerUserId: staff ? undefined : actor.userId,
    districtCode: q.districtCode,
    kind: q.kind,
    ...offsetOf(q),
  });
  return pageResult(rows.map(toProvider), total, q);
}

// ——— Courses ———

/**
 * A provider account creates a course of its own provider; staff create one for any provider, in
 * their districts. Sessions fall within the course's dates (China time).
 */
export async function createCourse(
  ctx: RequestContext,
  body: CreateTrainingCourseBody,
): Promise<TrainingCourse> {
  const actor = requireUser(ctx);
  if (!inCity(body.districtCode)) throw fieldError('districtCode', 'not_in_city');
  let provider: repo.ProviderRow | undefined;
  if (isTrainingStaff(actor)) {
    if (!isStaffInDistrict(actor, body.districtCode)) throw fieldError('districtCode', 'outside_district');
    if (!body.providerId) throw fieldError('providerId', 'required');
    provider = await repo.findProvider(ctx.db, body.providerId);
    if (!provider) throw fieldError('providerId', 'provider_unknown');
  } else if (isProviderAccount(actor)) {
    provider = await repo.findProviderOfOwner(ctx.db, actor.userId);
    if (!provider) throw fieldError('providerId', 'provider_required');
    if (body.providerId && body.providerId !== provider.id)
      throw fieldError('providerId', 'provider_unknown');
  } else {
    throw new AppError('forbidden');
  }
  body.sessions.forEach((s, i) => {
    const day = chinaDateOf(s.startsAt);
    if (day < body.startsOn || chinaDateOf(s.endsAt) > body.endsOn)
      throw fieldError(`sessions.${i}.startsAt`, 'not_in_course_period');
  });
  const providerId = provider.id;
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const id = await repo.insertCourse(
      tx,
      {
        providerId,
        occupationCode: body.occupationCode,
        title: body.title,
        description: body.description ?? '',
        hours: body.hours,
        subsidyPerHeadFen: body.subsidyPerHeadFen,
        schedule: body.schedule,
        capacity: body.capacity,
        districtCode: body.districtCode,
        startsOn: body.startsOn,
        endsOn: body.endsOn,
        createdBy: actor.userId,
        at: now,
      },
      body.sessions.map((s) => ({ startsAt: s.startsAt, endsAt: s.endsAt, topic: s.topic ?? null })),
    );
    await writeAudit(tx, ctx, {
      action: 'training_course.create',
      entityType: 'training_course',
      entityId: id,
      summary: {
        providerId,
        occupationCode: body.occupationCode,
        capacity: body.capacity,
        subsidyPerHeadFen: body.subsidyPerHeadFen,
        sessions: body.sessions.length,
      },
    });
    return loadCourse(tx, id);
  });
}

/** Seekers see open courses; providers their own; staff their districts'. */
export async function listCourses(
  ctx: RequestContext,
  q: ListTrainingCoursesQuery,
): Promise<Page<TrainingCourse>> {
  const actor = requireUser(ctx);
  const staff = isTrainingStaff(actor);
  const provider = isProviderAccount(actor);
  if (!staff && !provider && !isTrainee(actor)) throw new AppError('forbidden');
  if (staff && q.districtCode && !isStaffInDistrict(actor, q.districtCode))
    throw new AppError('forbidden', { fields: [{ path: 'districtCode', code: 'outside_district' }] });
  const { rows, total } = await repo.listCourses(ctx.db, {
    districtCodes: staff ? actor.districtCodes : undefined,
    ownerUserId: provider ? actor.userId : undefined,
    onlyStatus: !staff && !provider ? 'open' : undefined,
    districtCode: q.districtCode,
    occupationCode: q.occupationCode,
    status: q.status,
    providerId: q.providerId,
    ...offsetOf(q),
  });
  const sessions = await repo.listSessions(
    ctx.db,
    rows.map((r) => r.id),
  );
  return pageResult(
    rows.map((r) => toCourse(r, sessions)),
    total,
    q,
  );
}

export async function getCourse(ctx: RequestContext, id: string): Promise<TrainingCourse> {
  await courseFor(ctx, ctx.db, id, false);
  return loadCourse(ctx.db, id);
}

/** open ⇄ closed, → finished or cancelled (training.policy.ts courseTransitionAllowed). */
export async function updateCourse(
  ctx: RequestContext,
  id: string,
  body: { status: TrainingCourseStatus },
): Promise<TrainingCourse> {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const { course } = await courseFor(ctx, tx, id, true);
    const from = course.status as TrainingCourseStatus;
    if (from === body.status) return loadCourse(tx, id);
    if (
      !courseTransitionAllowed(from, body.status) ||
      !(await repo.updateCourseStatus(tx, id, from, body.status, now))
    )
      throw new AppError('conflict', { fields: [{ path: 'status', code: 'invalid_transition' }] });
    await writeAudit(tx, ctx, {
      action: `training_course.${body.status}`,
      entityType: 'training_course',
      entityId: id,
      summary: { from, to: body.status },
    });
    return loadCourse(tx, id);
  });
}

// ——— Enrolment ———

/** Who is being enrolled: a seeker themself; staff or the provider name a person on file or a new one. */
async function personToEnroll(
  ctx: RequestContext,
  tx: Executor,
  actor: UserActor,
  rel: CourseRelation,
  body: EnrollBody,
): Promise<PersonSummary> {
  if (rel === 'seeker') {
    if (body.personId !== undefined || body.person !== undefined)
      throw fieldError(body.personId !== undefined ? 'personId' : 'person', 'unrecognized_keys');
    return personForUser(tx, ctx.deps.keys, actor.userId);
  }
  if (body.personId) {
    const p = await getPerson(tx, body.personId);
    if (!p) throw fieldError('personId', 'person_unknown');
    return p;
  }
  if (body.person) return findOrCreatePerson(tx, ctx.deps.keys, body.person, actor.userId);
  throw fieldError('personId', 'required');
}

function alreadyEnrolled(cause?: unknown): AppError {
  return new AppError('already_exists', { fields: [{ path: 'personId', code: 'already_enrolled' }], cause });
}

/**
 * Enrols one person. The place is taken by a conditional UPDATE of the course's counter
 * (enrolled_count < capacity, CHECK enrolled_count <= capacity): concurrent requests can never
 * exceed capacity (409 course_full). One enrolment per person and course (409 already_exists,
 * decided by the partial unique index when two race). The enrolment is logged on the person's case.
 */
export async function enroll(
  ctx: RequestContext,
  courseId: string,
  body: EnrollBody,
): Promise<TrainingEnrollment> {
  const now = ctx.now();
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      const { course, rel, actor } = await courseFor(ctx, tx, courseId, false);
      const person = await personToEnroll(ctx, tx, actor, rel, body);
      if (course.status !== 'open')
        throw new AppError('conflict', { fields: [{ path: 'courseId', code: 'course_not_open' }] });
      if (await repo.findActiveEnrollmentId(tx, courseId, person.id)) throw alreadyEnrolled();
      const place = await repo.takePlace(tx, courseId, now);
      if (!place) {
        if ((await repo.findCourse(tx, courseId))?.status !== 'open')
          throw new AppError('conflict', { fields: [{ path: 'courseId', code: 'course_not_open' }] });
        throw new AppError('course_full');
      }
      const id = await repo.insertEnrollment(tx, {
        courseId,
        personId: person.id,
        enrolledVia: rel === 'seeker' ? 'self' : rel,
        enrolledBy: actor.userId,
        at: now,
      });
      await logTrainingOnCase(tx, ctx, {
        personId: person.id,
        courseId,
        courseTitle: course.title,
        event: 'enrolled',
        dedupeKey: `training_enrollment:${id}:enrolled`,
        at: now,
      });
      await writeAudit(tx, ctx, {
        action: 'training_enrollment.create',
        entityType: 'training_enrollment',
        entityId: id,
        summary: {
          courseId,
          personId: person.id,
          via: rel,
          enrolledCount: place.enrolledCount,
          capacity: place.capacity,
        },
      });
      return loadEnrollment(tx, id);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'training_enrollments_one_uniq')) throw alreadyEnrolled(err);
    // enrolled_count <= capacity: the database's last word.
    if (isCheckViolation(err)) throw new AppError('course_full', { cause: err });
    throw err;
  }
}

/** A course's enrolments (its provider; staff of its district, audited). */
export async function listCourseEnrollments(
  ctx: RequestContext,
  courseId: string,
  q: ListTrainingEnrollmentsQuery,
): Promise<Page<TrainingEnrollment>> {
  const { rel } = await courseFor(ctx, ctx.db, courseId, true);
  return ctx.db.transaction().execute(async (tx) => {
    const { rows, total } = await repo.listEnrollments(
      tx,
      { courseId },
      { status: q.status, ...offsetOf(q) },
    );
    const people = await getPersons(
      tx,
      rows.map((r) => r.personId),
    );
    if (rel === 'staff' && rows.length > 0) {
      await writeAudit(tx, ctx, {
        action: 'training_enrollment.list_read',
        entityType: 'training_course',
        entityId: courseId,
        summary: { persons: rows.map((r) => r.personId), page: q.page },
      });
    }
    return pageResult(
      rows.map((r) => toEnrollment(r, people)),
      total,
      q,
    );
  });
}

/** The seeker's own enrolments (none before their person record exists). */
export async function listMyEnrollments(
  ctx: RequestContext,
  q: ListTrainingEnrollmentsQuery,
): Promise<Page<TrainingEnrollment>> {
  const actor = requireUser(ctx);
  const me = await findPersonOfUser(ctx.db, actor.userId);
  if (!me) return pageResult([], 0, q);
  const { rows, total } = await repo.listEnrollments(
    ctx.db,
    { personId: me.id },
    { status: q.status, ...offsetOf(q) },
  );
  const people = new Map([[me.id, me]]);
  return pageResult(
    rows.map((r) => toEnrollment(r, people)),
    total,
    q,
  );
}

/** The enrolment and the caller's relation: the trainee themself, the provider, staff. */
async function enrollmentFor(
  ctx: RequestContext,
  db: Executor,
  id: string,
): Promise<{ row: repo.EnrollmentRow; rel: CourseRelation; actor: UserActor }> {
  const actor = requireUser(ctx);
  const row = await repo.findEnrollment(db, id, { forUpdate: true });
  if (!row) throw new AppError('not_found');
  const rel = relationToCourse(actor, { ownerUserId: row.ownerUserId, districtCode: row.courseDistrictCode });
  if (!rel) throw new AppError('not_found');
  if (rel === 'seeker') {
    const me = await findPersonOfUser(db, actor.userId);
    if (!me || me.id !== row.personId) throw new AppError('not_found');
  }
  return { row, rel, actor };
}

/** Withdraws an enrolment (the trainee, the provider, staff): the place is freed for someone else. */
export async function withdraw(
  ctx: RequestContext,
  id: string,
  body: { reason: string },
): Promise<TrainingEnrollment> {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const { row, rel } = await enrollmentFor(ctx, tx, id);
    if (!(await repo.withdrawEnrollment(tx, id, body.reason, now)))
      throw new AppError('conflict', { fields: [{ path: 'status', code: 'invalid_transition' }] });
    await repo.freePlace(tx, row.courseId, now);
    await writeAudit(tx, ctx, {
      action: 'training_enrollment.withdraw',
      entityType: 'training_enrollment',
      entityId: id,
      summary: { courseId: row.courseId, personId: row.personId, by: rel },
    });
    return loadEnrollment(tx, id);
  });
}

/**
 * Records the result (the provider or staff): passed with the vocational certificate number
 * (unique), or failed. Completion is logged on the person's case.
 */
export async function complete(
  ctx: RequestContext,
  id: string,
  body: CompleteEnrollmentBody,
): Promise<TrainingEnrollment> {
  const now = ctx.now();
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      const { row, rel } = await enrollmentFor(ctx, tx, id);
      if (rel === 'seeker') throw new AppError('not_found');
      if (row.status !== 'enrolled')
        throw new AppError('conflict', { fields: [{ path: 'status', code: 'invalid_transition' }] });
      if (body.completedOn > chinaToday(now)) throw fieldError('completedOn', 'date_in_future');
      if (body.completedOn < row.courseStartsOn) throw fieldError('completedOn', 'ends_before_start');
      const passed = body.result === 'passed';
      if (
        !(await repo.completeEnrollment(tx, id, {
          status: passed ? 'completed' : 'failed',
          completedOn: body.completedOn,
          certificateNumber: passed ? (body.certificateNumber ?? null) : null,
          at: now,
        }))
      )
        throw new AppError('conflict');
      await logTrainingOnCase(tx, ctx, {
        personId: row.personId,
        courseId: row.courseId,
        courseTitle: row.courseTitle,
        event: passed ? 'completed' : 'failed',
        dedupeKey: `training_enrollment:${id}:result`,
        at: now,
      });
      await writeAudit(tx, ctx, {
        action: `training_enrollment.${passed ? 'complete' : 'fail'}`,
        entityType: 'training_enrollment',
        entityId: id,
        summary: {
          courseId: row.courseId,
          personId: row.personId,
          completedOn: body.completedOn,
          certificateNumber: passed ? body.certificateNumber : null,
        },
      });
      return loadEnrollment(tx, id);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'training_enrollments_certificate_uniq'))
      throw new AppError('already_exists', {
        fields: [{ path: 'certificateNumber', code: 'certificate_exists' }],
        cause: err,
      });
    throw err;
  }
}

/** Takes a session's attendance (the provider or staff) once it has started; retaking overwrites. */
export async function putSessionAttendance(
  ctx: RequestContext,
  courseId: string,
  sessionId: string,
  body: PutSessionAttendanceBody,
): Promise<SessionAttendance> {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const { actor } = await courseFor(ctx, tx, courseId, true);
    const session = await repo.findSession(tx, sessionId);
    if (!session || session.courseId !== courseId) throw new AppError('not_found');
    if (session.startsAt.getTime() > now.getTime()) throw fieldError('sessionId', 'session_not_started');
    const ids = body.entries.map((e) => e.enrollmentId);
    const seen = new Set<string>();
    ids.forEach((enrollmentId, i) => {
      if (seen.has(enrollmentId)) throw fieldError(`entries.${i}.enrollmentId`, 'duplicate');
      seen.add(enrollmentId);
    });
    const active = await repo.activeEnrollmentIdsOf(tx, courseId, ids);
    ids.forEach((enrollmentId, i) => {
      if (!active.has(enrollmentId)) throw fieldError(`entries.${i}.enrollmentId`, 'not_in_course');
    });
    await repo.upsertAttendance(tx, sessionId, body.entries, actor.userId, now);
    const entries = await repo.sessionAttendance(tx, sessionId);
    const present = entries.filter((e) => e.present).length;
    await writeAudit(tx, ctx, {
      action: 'training_attendance.record',
      entityType: 'training_session',
      entityId: sessionId,
      summary: { courseId, recorded: body.entries.length, present, absent: entries.length - present },
    });
    return { sessionId, present, absent: entries.length - present, entries };
  });
}

/** The course's results and employment within six months of completion. */
export async function outcomesOf(db: Executor, courseId: string, now: Date): Promise<TrainingOutcomes> {
  const course = await repo.findCourse(db, courseId);
  if (!course) throw new AppError('not_found');
  const c = await repo.outcomeCounts(db, courseId, chinaToday(now), TRAINING_EMPLOYMENT_WINDOW_MONTHS);
  return {
    courseId,
    capacity: course.capacity,
    enrolled: c.enrolled,
    withdrawn: c.withdrawn,
    completed: c.completed,
    failed: c.failed,
    employedWithinWindow: c.employed,
    awaitingWindow: c.awaiting,
    employmentRate: c.completed === 0 ? null : c.employed / c.completed,
    windowMonths: TRAINING_EMPLOYMENT_WINDOW_MONTHS,
  };
}

export async function getOutcomes(ctx: RequestContext, courseId: string): Promise<TrainingOutcomes> {
  await courseFor(ctx, ctx.db, courseId, true);
  return outcomesOf(ctx.db, courseId, ctx.now());
}
