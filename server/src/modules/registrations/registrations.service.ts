import {
  type CreateRegistrationBody,
  type DeregisterBody,
  type ListRegistrationsQuery,
  type MyRegistration,
  type Registration,
  type RegistrationStatus,
  type EmploymentStatus,
  type CaseOutcome,
  CreateEmploymentRegistrationBodySchema,
  CreateUnemploymentRegistrationBodySchema,
} from '@jiuye/shared';
import type { z } from 'zod';
import type { Db, Executor } from '../../db/database.js';
import { writeAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import type { Keys } from '../../platform/crypto.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { offsetOf, pageResult, type Page } from '../../platform/pagination.js';
import { closeCaseOfPerson, openCaseForPerson, seekerCaseView } from '../cases/index.js';
import { getEnterpriseSummary, isStaffInDistrict, memberEnterpriseIds } from '../enterprises/index.js';
import { chinaDate, daysBetween, keyGroupTagsOf, reclassify, wholeYears } from '../key-groups/index.js';
import {
  findOrCreatePerson,
  findPersonOfUser,
  getPersonProfile,
  loadPerson,
  lockPerson,
  personForUser,
  personTimeline,
  recordPersonEvent,
  setPersonIdentity,
  updatePersonFacts,
} from '../persons/index.js';
import * as repo from './registrations.repository.js';

type UserActor = Extract<RequestContext['actor'], { kind: 'user' }>;
type UnemploymentBody = z.output<typeof CreateUnemploymentRegistrationBodySchema>;
type EmploymentBody = z.output<typeof CreateEmploymentRegistrationBodySchema>;

/** Employment registration is due within 30 days of the hire (domain.md, "Employment registration"). */
export const EMPLOYMENT_FILING_DAYS = 30;
/** Labour Law art. 15: nobody under 16 is registered as a job seeker. */
const MIN_AGE = 16;

function requireUser(ctx: RequestContext): UserActor {
  if (ctx.actor.kind !== 'user') throw new AppError('forbidden');
  return ctx.actor;
}

function isUniqueViolation(err: unknown, constraint: string): boolean {
  const e = err as { code?: unknown; constraint?: unknown };
  return e.code === '23505' && e.constraint === constraint;
}

// ——— Views ———

export type RegistrationStatusSummary = {
  employmentStatus: EmploymentStatus;
  activeUnemployment: {
    id: string;
    districtCode: string;
    registeredOn: string;
    unemployedSince: string | null;
  } | null;
  employed: boolean;
};

/** Per person: unemployed (an active unemployment registration), employed, or neither. */
export async function registrationStatusOf(
  db: Executor,
  personIds: readonly string[],
): Promise<Map<string, RegistrationStatusSummary>> {
  const rows = await repo.activeRegistrationsOf(db, [...new Set(personIds)]);
  const out = new Map<string, RegistrationStatusSummary>();
  for (const id of personIds)
    out.set(id, { employmentStatus: 'unregistered', activeUnemployment: null, employed: false });
  for (const r of rows) {
    const s = out.get(r.personId);
    if (!s) continue;
    if (r.kind === 'unemployment')
      s.activeUnemployment = {
        id: r.id,
        districtCode: r.districtCode,
        registeredOn: r.registeredOn,
        unemployedSince: r.unemployedSince,
      };
    else s.employed = true;
  }
  for (const s of out.values())
    s.employmentStatus = s.activeUnemployment ? 'unemployed' : s.employed ? 'employed' : 'unregistered';
  return out;
}

export function toRegistration(r: repo.RegistrationRow): Registration {
  return {
    id: r.id,
    kind: r.kind as Registration['kind'],
    status: r.status as RegistrationStatus,
    personId: r.personId,
    personName: r.personName,
    personIdNumberMasked: r.personIdNumberMasked,
    districtCode: r.districtCode,
    source: r.source as Registration['source'],
    registeredOn: r.registeredOn,
    certificateNo: r.certificateNo,
    unemployedSince: r.unemployedSince,
    cause: r.cause as Registration['cause'],
    seekingWork: r.seekingWork,
    enterpriseId: r.enterpriseId,
    enterpriseName: r.enterpriseName,
    hiredOn: r.hiredOn,
    jobTitle: r.jobTitle,
    contractType: r.contractType as Registration['contractType'],
    contractEndOn: r.contractEndOn,
    hireId: r.hireId,
    late: r.late,
    daysAfterHire: r.hiredOn ? daysBetween(r.hiredOn, r.registeredOn) : null,
    note: r.note,
    endedOn: r.endedOn,
    endReason: r.endReason as Registration['endReason'],
    endNote: r.endNote,
    closedByRegistrationId: r.closedByRegistrationId,
    createdAt: r.createdAt.toISOString(),
  };
}

async function loadOne(db: Executor, id: string): Promise<Registration> {
  const r = await repo.findRegistration(db, id);
  if (!r) throw new AppError('not_found');
  return toRegistration(r);
}

/** A person's registrations, newest first (no access check). */
export async function registrationsOfPerson(db: Executor, personId: string): Promise<Registration[]> {
  return (await repo.registrationsOfPerson(db, personId)).map(toRegistration);
}

// ——— Certificates ———

/**
 * The person's 就业创业证 number, issued at their first unemployment registration and kept for
 * life: registration district (6 digits) + year (4) + the district's sequence of that year (6).
 */
async function certificateFor(
  tx: Executor,
  personId: string,
  districtCode: string,
  today: string,
  by: string | null,
): Promise<string> {
  const existing = await repo.findCertificate(tx, personId);
  if (existing) return existing.certificateNo;
  const year = Number(today.slice(0, 4));
  const seq = await repo.nextCertificateSeq(tx, districtCode, year);
  const certificateNo = `${districtCode}${year}${String(seq).padStart(6, '0')}`;
  await repo.insertCertificate(tx, { personId, certificateNo, districtCode, issuedOn: today, issuedBy: by });
  return certificateNo;
}

// ——— Unemployment registration ———

function mapRace<T>(run: () => Promise<T>): Promise<T> {
  return run().catch((err: unknown) => {
    if (isUniqueViolation(err, 'registrations_unemployment_active_uniq'))
      throw new AppError('already_registered', { cause: err });
    throw err;
  });
}

/**
 * Unemployment registration (失业登记), by the person online or by staff of the registration
 * district. The person row is locked first, so concurrent requests for one person queue up and the
 * later ones see the first registration (409 already_registered); the partial unique index
 * registrations_unemployment_active_uniq has the last word.
 */
async function registerUnemployment(ctx: RequestContext, body: UnemploymentBody): Promise<Registration> {
  const actor = requireUser(ctx);
  const staff = actor.role === 'staff' && actor.permissions.has('registration:manage');
  const self = !staff && actor.permissions.has('registration:self');
  if (!staff && !self) throw new AppError('forbidden');
  if (staff && !body.personId) throw fieldError('personId', 'required');
  if (staff && body.person) throw fieldError('person', 'unrecognized_keys');
  const now = ctx.now();
  const today = chinaDate(now);
  if (body.unemployedSince && body.unemployedSince > today)
    throw fieldError('unemployedSince', 'date_in_future');
  return mapRace(() =>
    ctx.db.transaction().execute(async (tx) => {
      let personId: string;
      if (self) {
        const me = await personForUser(tx, ctx.deps.keys, actor.userId);
        if (body.personId && body.personId !== me.id) throw new AppError('forbidden');
        personId = me.id;
        await lockPerson(tx, personId);
        if (body.person?.idNumber) {
          const r = await setPersonIdentity(tx, ctx.deps.keys, personId, body.person.idNumber);
          if (r === 'taken') throw fieldError('person.idNumber', 'id_number_taken');
          if (r === 'different') throw fieldError('person.idNumber', 'id_number_taken');
        }
        if (body.person) {
          const { idNumber: _id, ...facts } = body.person;
          await updatePersonFacts(tx, ctx, personId, facts, now);
        }
      } else {
        personId = body.personId ?? '';
        if (!(await lockPerson(tx, personId))) throw fieldError('personId', 'person_unknown');
      }
      const person = await loadPerson(tx, personId, now);
      if (!person.idNumberMasked)
        throw fieldError(self ? 'person.idNumber' : 'personId', 'id_number_required');
      if (person.birthDate && wholeYears(person.birthDate, today) < MIN_AGE)
        throw fieldError(self ? 'person.idNumber' : 'personId', 'id_too_young');
      const districtCode = body.districtCode ?? person.residenceDistrictCode;
      if (!districtCode) throw fieldError('districtCode', 'district_required');
      if (staff && !isStaffInDistrict(actor, districtCode))
        throw fieldError('districtCode', 'outside_district');
      if ((await registrationStatusOf(tx, [personId])).get(personId)?.activeUnemployment)
        throw new AppError('already_registered');
      const certificateNo = await certificateFor(tx, personId, districtCode, today, actor.userId);
      const id = await repo.insertRegistration(tx, {
        personId,
        kind: 'unemployment',
        districtCode,
        source: staff ? 'staff' : 'self',
        registeredOn: today,
        certificateNo,
        unemployedSince: body.unemployedSince ?? today,
        cause: body.cause,
        seekingWork: body.seekingWork,
        note: body.note ?? null,
        createdBy: actor.userId,
        at: now,
      });
      await recordPersonEvent(tx, {
        personId,
        kind: 'unemployment_registered',
        at: now,
        registrationId: id,
        actorUserId: actor.userId,
        detail: { districtCode, certificateNo, cause: body.cause },
      });
      await writeAudit(tx, ctx, {
        action: 'registration.unemployment',
        entityType: 'registration',
        entityId: id,
        summary: { personId, districtCode, certificateNo, source: staff ? 'staff' : 'self' },
      });
      await openCaseForPerson(tx, ctx, {
        personId,
        districtCode,
        reason: 'unemployment_registration',
        clockFrom: today,
        at: now,
      });
      await reclassify(tx, personId, now, { ctx });
      return loadOne(tx, id);
    }),
  );
}

// ——— Employment registration ———

/**
 * What an employment registration does to the person, in the caller's transaction: their active
 * unemployment registration ends as `employed` (closed by this one), their open case closes with
 * the outcome employed, and they are reclassified (a graduate who found work leaves the group).
 */
async function afterEmployment(
  tx: Executor,
  ctx: RequestContext | null,
  personId: string,
  employmentId: string,
  hiredOn: string,
  now: Date,
): Promise<void> {
  const status = (await registrationStatusOf(tx, [personId])).get(personId);
  const u = status?.activeUnemployment;
  if (u) {
    const endedOn = hiredOn > u.registeredOn ? hiredOn : u.registeredOn;
    if (
      await repo.closeRegistration(tx, u.id, {
        status: 'employed',
        endedOn,
        endReason: 'employed',
        endNote: null,
        closedByRegistrationId: employmentId,
        at: now,
      })
    ) {
      await recordPersonEvent(tx, {
        personId,
        kind: 'employed',
        at: now,
        registrationId: u.id,
        actorUserId: ctx?.actor.kind === 'user' ? ctx.actor.userId : null,
        detail: { closedByRegistrationId: employmentId, endedOn },
      });
      await writeAudit(tx, ctx, {
        action: 'registration.employed',
        entityType: 'registration',
        entityId: u.id,
        summary: { from: 'active', to: 'employed', closedByRegistrationId: employmentId },
      });
    }
  }
  await closeCaseOfPerson(tx, ctx, {
    personId,
    outcome: 'employed',
    note: null,
    registrationId: employmentId,
    at: now,
  });
  await reclassify(tx, personId, now, { ctx });
}

async function registerEmployment(ctx: RequestContext, body: EmploymentBody): Promise<Registration> {
  const actor = requireUser(ctx);
  const staff = actor.role === 'staff' && actor.permissions.has('registration:manage');
  const employer = actor.role === 'employer' && actor.permissions.has('registration:file');
  if (!staff && !employer) throw new AppError('forbidden');
  // An enterprise knows its worker by identity, not by the registry's ids.
  if (employer && body.personId) throw fieldError('personId', 'person_or_worker');
  const enterprise = await getEnterpriseSummary(ctx.db, body.enterpriseId);
  if (!enterprise) throw fieldError('enterpriseId', 'not_a_clerk');
  if (employer && !(await memberEnterpriseIds(ctx.db, actor.userId)).includes(enterprise.id))
    throw fieldError('enterpriseId', 'not_a_clerk');
  if (staff && !isStaffInDistrict(actor, enterprise.districtCode))
    throw fieldError('enterpriseId', 'outside_district');
  const now = ctx.now();
  const today = chinaDate(now);
  if (body.hiredOn > today) throw fieldError('hiredOn', 'hire_in_future');
  const late = daysBetween(body.hiredOn, today) > EMPLOYMENT_FILING_DAYS;
  return mapRace(() =>
    ctx.db.transaction().execute(async (tx) => {
      let personId: string;
      if (body.worker) {
        const p = await findOrCreatePerson(tx, ctx.deps.keys, body.worker, actor.userId);
        personId = p.id;
        await lockPerson(tx, personId);
      } else {
        personId = body.personId ?? '';
        if (!(await lockPerson(tx, personId))) throw fieldError('personId', 'person_unknown');
      }
      // One active employment registration per person and enterprise, decided under the person's lock.
      const active = await repo.activeRegistrationsOf(tx, [personId]);
      if (active.some((r) => r.kind === 'employment' && r.enterpriseId === enterprise.id))
        throw new AppError('already_registered');
      const id = await repo.insertRegistration(tx, {
        personId,
        kind: 'employment',
        districtCode: enterprise.districtCode,
        source: staff ? 'staff' : 'employer',
        registeredOn: today,
        enterpriseId: enterprise.id,
        hiredOn: body.hiredOn,
        jobTitle: body.jobTitle,
        contractType: body.contractType,
        contractEndOn: body.contractEndOn ?? null,
        late,
        note: body.note ?? null,
        createdBy: actor.userId,
        at: now,
      });
      await recordPersonEvent(tx, {
        personId,
        kind: 'employment_registered',
        at: now,
        registrationId: id,
        actorUserId: actor.userId,
        detail: { enterpriseId: enterprise.id, hiredOn: body.hiredOn, late },
      });
      await writeAudit(tx, ctx, {
        action: 'registration.employment',
        entityType: 'registration',
        entityId: id,
        summary: {
          personId,
          enterpriseId: enterprise.id,
          hiredOn: body.hiredOn,
          late,
          source: staff ? 'staff' : 'employer',
        },
      });
      await afterEmployment(tx, ctx, personId, id, body.hiredOn, now);
      return loadOne(tx, id);
    }),
  );
}

export async function createRegistration(
  ctx: RequestContext,
  body: CreateRegistrationBody,
): Promise<Registration> {
  // The route validated the body; parse again for the output type (defaults applied).
  if (body.kind === 'unemployment')
    return registerUnemployment(ctx, CreateUnemploymentRegistrationBodySchema.parse(body));
  return registerEmployment(ctx, CreateEmploymentRegistrationBodySchema.parse(body));
}

// ——— Hires made on the platform ———

/**
 * Files one platform hire as an employment registration (source platform_hire), once: the hire row
 * is locked and registrations.hire_id is unique. When the enterprise already filed this worker
 * itself, the hire is attached to that registration instead.
 */
async function fileHire(db: Db, keys: Keys, hire: repo.UnfiledHire, now: Date): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    if (!(await repo.lockUnfiledHire(tx, hire.id))) return false;
    const person = await personForUser(tx, keys, hire.seekerUserId);
    await lockPerson(tx, person.id);
    const active = await repo.activeRegistrationsOf(tx, [person.id]);
    const filed = active.find(
      (r) => r.kind === 'employment' && r.enterpriseId === hire.enterpriseId && !r.hireId,
    );
    if (filed) {
      await repo.attachHire(tx, filed.id, hire.id);
      return false;
    }
    const hiredOn = chinaDate(hire.hiredAt);
    const today = chinaDate(now);
    const id = await repo.insertRegistration(tx, {
      personId: person.id,
      kind: 'employment',
      districtCode: hire.enterpriseDistrictCode,
      source: 'platform_hire',
      registeredOn: today < hiredOn ? hiredOn : today,
      enterpriseId: hire.enterpriseId,
      hiredOn,
      jobTitle: hire.postingTitle.slice(0, 60),
      contractType: 'fixed_term',
      hireId: hire.id,
      late: false,
      createdBy: null,
      at: now,
    });
    await recordPersonEvent(tx, {
      personId: person.id,
      kind: 'employment_registered',
      at: now,
      registrationId: id,
      detail: { enterpriseId: hire.enterpriseId, hiredOn, hireId: hire.id, source: 'platform_hire' },
    });
    await writeAudit(tx, null, {
      action: 'registration.employment',
      entityType: 'registration',
      entityId: id,
      summary: {
        personId: person.id,
        enterpriseId: hire.enterpriseId,
        hireId: hire.id,
        source: 'platform_hire',
      },
    });
    await afterEmployment(tx, null, person.id, id, hiredOn, now);
    return true;
  });
}

/**
 * Files the platform's hires as employment registrations: the applications module records hires
 * in `hires`; this sweep (every minute, on demand, and for one account before its record is read)
 * files each one once. Answers how many were filed.
 */
export async function syncHires(
  db: Db,
  keys: Keys,
  now: Date,
  o: { seekerUserId?: string; limit?: number } = {},
): Promise<number> {
  const hires = await repo.unfiledHires(db, { seekerUserId: o.seekerUserId, limit: o.limit ?? 200 });
  let filed = 0;
  for (const h of hires) {
    try {
      if (await fileHire(db, keys, h, now)) filed += 1;
    } catch (err) {
      // A concurrent filing of the same hire won: nothing to do.
      if (!isUniqueViolation(err, 'registrations_hire_id_key')) throw err;
    }
  }
  return filed;
}

// ——— De-registration ———

const OUTCOME_OF_REASON: Record<DeregisterBody['reason'], CaseOutcome> = {
  found_work: 'employed',
  self_employed: 'self_employed',
  moved_away: 'moved_away',
  retired: 'retired',
  enlisted_or_studying: 'other',
  declined_services: 'declined',
  contract_ended: 'other',
  deceased: 'other',
  other: 'other',
};

async function relationToRegistration(
  ctx: RequestContext,
  r: repo.RegistrationRow,
): Promise<'staff' | 'self' | 'employer' | null> {
  const actor = ctx.actor;
  if (actor.kind !== 'user') return null;
  if (actor.role === 'staff' && actor.permissions.has('registration:manage'))
    return isStaffInDistrict(actor, r.districtCode) ? 'staff' : null;
  if (actor.role === 'seeker' && actor.permissions.has('registration:self'))
    return r.personUserId === actor.userId ? 'self' : null;
  if (
    actor.role === 'employer' &&
    actor.permissions.has('registration:file') &&
    r.kind === 'employment' &&
    r.enterpriseId
  )
    return (await memberEnterpriseIds(ctx.db, actor.userId)).includes(r.enterpriseId) ? 'employer' : null;
  return null;
}

/**
 * Closes a registration with a reason (注销): staff of its district, the person themself, or (an
 * employment registration) a clerk of the enterprise. An unemployment registration's case closes
 * with the matching outcome.
 */
export async function deregister(
  ctx: RequestContext,
  id: string,
  body: DeregisterBody,
): Promise<Registration> {
  requireUser(ctx);
  const now = ctx.now();
  const today = chinaDate(now);
  return ctx.db.transaction().execute(async (tx) => {
    const r = await repo.findRegistration(tx, id, { forUpdate: true });
    if (!r) throw new AppError('not_found');
    const rel = await relationToRegistration(ctx, r);
    if (!rel) throw new AppError('not_found');
    if (rel === 'self' && r.kind !== 'unemployment') throw new AppError('forbidden');
    const endedOn = body.endedOn ?? today;
    if (endedOn > today) throw fieldError('endedOn', 'date_in_future');
    if (endedOn < r.registeredOn && endedOn < (r.hiredOn ?? r.registeredOn))
      throw fieldError('endedOn', 'date_order');
    if (
      !(await repo.closeRegistration(tx, id, {
        status: 'deregistered',
        endedOn,
        endReason: body.reason,
        endNote: body.note ?? null,
        closedByRegistrationId: null,
        at: now,
      }))
    ) {
      throw new AppError('conflict', { fields: [{ path: 'status', code: 'invalid_transition' }] });
    }
    await recordPersonEvent(tx, {
      personId: r.personId,
      kind: 'deregistered',
      at: now,
      registrationId: id,
      actorUserId: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
      detail: { kind: r.kind, reason: body.reason, endedOn },
    });
    await writeAudit(tx, ctx, {
      action: 'registration.deregister',
      entityType: 'registration',
      entityId: id,
      summary: { kind: r.kind, reason: body.reason, endedOn, as: rel },
    });
    if (r.kind === 'unemployment')
      await closeCaseOfPerson(tx, ctx, {
        personId: r.personId,
        outcome: OUTCOME_OF_REASON[body.reason],
        note: body.note ?? null,
        registrationId: null,
        at: now,
      });
    await reclassify(tx, r.personId, now, { ctx });
    return loadOne(tx, id);
  });
}

// ——— Reads ———

export async function getRegistration(ctx: RequestContext, id: string): Promise<Registration> {
  const r = await repo.findRegistration(ctx.db, id);
  if (!r) throw new AppError('not_found');
  const rel = await relationToRegistration(ctx, r);
  if (!rel) throw new AppError('not_found');
  if (rel !== 'staff') return toRegistration(r);
  return ctx.db.transaction().execute(async (tx) => {
    await writeAudit(tx, ctx, { action: 'registration.read', entityType: 'registration', entityId: id });
    return toRegistration(r);
  });
}

/**
 * Registrations the caller may see: staff those of their districts, a clerk the employment
 * registrations of their enterprises, a seeker their own.
 */
export async function listRegistrations(
  ctx: RequestContext,
  q: ListRegistrationsQuery,
): Promise<Page<Registration>> {
  const actor = requireUser(ctx);
  const f: repo.RegistrationFilters = {
    kind: q.kind,
    status: q.status,
    personId: q.personId,
    enterpriseId: q.enterpriseId,
    districtCode: q.districtCode,
    late: q.late === undefined ? undefined : q.late === 'true',
    ...offsetOf(q),
  };
  let staff = false;
  if (actor.role === 'staff' && actor.permissions.has('registration:manage')) {
    if (q.districtCode && !actor.districtCodes.includes(q.districtCode))
      throw fieldError('districtCode', 'outside_district');
    f.districtCodes = actor.districtCodes;
    staff = true;
  } else if (actor.role === 'employer' && actor.permissions.has('registration:file')) {
    f.enterpriseIds = await memberEnterpriseIds(ctx.db, actor.userId);
  } else if (actor.role === 'seeker' && actor.permissions.has('registration:self')) {
    f.personUserId = actor.userId;
    await syncHires(ctx.db, ctx.deps.keys, ctx.now(), { seekerUserId: actor.userId, limit: 20 });
  } else {
    throw new AppError('forbidden');
  }
  return ctx.db.transaction().execute(async (tx) => {
    const { rows, total } = await repo.listRegistrations(tx, f);
    if (staff && rows.length > 0)
      await writeAudit(tx, ctx, {
        action: 'registration.list_read',
        entityType: 'registration',
        summary: { registrations: rows.map((r) => r.id), page: q.page },
      });
    return pageResult(rows.map(toRegistration), total, q);
  });
}

/** The seeker's own registration page: record, registrations, key groups, case and timeline. */
export async function myRegistration(ctx: RequestContext): Promise<MyRegistration> {
  const actor = requireUser(ctx);
  const now = ctx.now();
  await syncHires(ctx.db, ctx.deps.keys, now, { seekerUserId: actor.userId, limit: 20 });
  const p = await findPersonOfUser(ctx.db, actor.userId);
  if (!p) return { person: null, registrations: [], keyGroups: [], case: null, timeline: [] };
  const [person, registrations, tags, kase, timeline] = await Promise.all([
    loadPerson(ctx.db, p.id, now),
    registrationsOfPerson(ctx.db, p.id),
    keyGroupTagsOf(ctx.db, [p.id], chinaDate(now)),
    seekerCaseView(ctx.db, p.id),
    personTimeline(ctx.db, p.id),
  ]);
  return { person, registrations, keyGroups: tags.get(p.id) ?? [], case: kase, timeline };
}

/** The district and facts the registration desk needs (used by the key-groups module). */
export { getPersonProfile };
