import type {
  Case,
  CaseListItem,
  CaseOutcome,
  CaseService,
  CreateServiceBody,
  FollowUpBody,
  ListCasesQuery,
  OverdueItem,
  ServiceKind,
  ServiceOutcome,
} from '@jiuye/shared';
import { maskPhone } from '@jiuye/shared';
import type { Executor } from '../../db/database.js';
import { writeAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { offsetOf, pageResult, type Page } from '../../platform/pagination.js';
import { createNotification } from '../alerts/index.js';
import { isCityWideStaff, isStaffInDistrict } from '../enterprises/index.js';
import { addDays, chinaDate, daysBetween, keyGroupTagsOf } from '../key-groups/index.js';
import { getPerson, recordPersonEvent } from '../persons/index.js';
import { registrationStatusOf, registrationsOfPerson, syncHires } from '../registrations/index.js';
import * as repo from './cases.repository.js';

type UserActor = Extract<RequestContext['actor'], { kind: 'user' }>;

function requireCaseStaff(ctx: RequestContext): UserActor {
  const a = ctx.actor;
  if (a.kind !== 'user' || a.role !== 'staff' || !a.permissions.has('case:manage'))
    throw new AppError('forbidden');
  return a;
}

function actorId(ctx: RequestContext | null): string | null {
  return ctx?.actor.kind === 'user' ? ctx.actor.userId : null;
}

// ——— Opening and closing (called by registrations and key groups) ———

export type OpenCaseInput = {
  personId: string;
  districtCode: string;
  reason: 'unemployment_registration' | 'key_group' | 'graduate' | 'manual';
  /** The day the 30-day "first service" clock starts (the registration day). */
  clockFrom: string;
  at: Date;
};

/**
 * Gives the person an open case, unless they have one (one open case per person: cases_open_uniq),
 * in the caller's transaction. The officer who registered them at the desk keeps them when that
 * officer covers the district (the person has met them; continuity of service); otherwise the
 * least-loaded officer of the district.
 */
export async function openCaseForPerson(
  tx: Executor,
  ctx: RequestContext | null,
  o: OpenCaseInput,
): Promise<{ caseId: string; opened: boolean }> {
  const existing = await repo.openCaseOf(tx, o.personId);
  if (existing) return { caseId: existing.id, opened: false };
  const actor = ctx?.actor;
  const deskOfficer =
    actor?.kind === 'user' && isStaffInDistrict(actor, o.districtCode) && !isCityWideStaff(actor)
      ? actor.userId
      : undefined;
  const officer = deskOfficer ?? (await repo.leastLoadedOfficer(tx, o.districtCode)) ?? null;
  const id = await repo.insertOpenCase(tx, {
    personId: o.personId,
    districtCode: o.districtCode,
    officerUserId: officer,
    openReason: o.reason,
    serviceClockFrom: o.clockFrom,
    at: o.at,
  });
  if (!id) {
    const winner = await repo.openCaseOf(tx, o.personId);
    if (!winner) throw new AppError('conflict');
    return { caseId: winner.id, opened: false };
  }
  await recordPersonEvent(tx, {
    personId: o.personId,
    kind: 'case_opened',
    at: o.at,
    caseId: id,
    actorUserId: actorId(ctx),
    detail: { reason: o.reason, districtCode: o.districtCode, officerUserId: officer },
  });
  await writeAudit(tx, ctx, {
    action: 'case.open',
    entityType: 'case',
    entityId: id,
    summary: { personId: o.personId, reason: o.reason, districtCode: o.districtCode, officerUserId: officer },
  });
  if (officer)
    await createNotification(tx, {
      userId: officer,
      kind: 'case_assigned',
      titleZh: '您有一个新的帮扶对象',
      titleEn: 'A new assistance case is assigned to you',
      body: { caseId: id, personId: o.personId, reason: o.reason },
      link: `/staff/cases/${id}`,
      dedupeKey: `case_assigned:${id}:${officer}`,
      at: o.at,
    });
  return { caseId: id, opened: true };
}

/** Closes the person's open case with an outcome (employment closes it as employed). */
export async function closeCaseOfPerson(
  tx: Executor,
  ctx: RequestContext | null,
  o: { personId: string; outcome: CaseOutcome; note: string | null; registrationId: string | null; at: Date },
): Promise<string | null> {
  const open = await repo.openCaseOf(tx, o.personId);
  if (!open) return null;
  if (
    !(await repo.closeCase(tx, open.id, {
      outcome: o.outcome,
      note: o.note,
      registrationId: o.registrationId,
      at: o.at,
    }))
  )
    return null;
  await recordPersonEvent(tx, {
    personId: o.personId,
    kind: 'case_closed',
    at: o.at,
    caseId: open.id,
    registrationId: o.registrationId,
    actorUserId: actorId(ctx),
    detail: { outcome: o.outcome },
  });
  await writeAudit(tx, ctx, {
    action: 'case.close',
    entityType: 'case',
    entityId: open.id,
    summary: { outcome: o.outcome, registrationId: o.registrationId },
  });
  return open.id;
}

export async function openCaseIdsOf(
  db: Executor,
  personIds: readonly string[],
): Promise<Map<string, string>> {
  const rows = await repo.openCaseIdsOf(db, [...new Set(personIds)]);
  return new Map(rows.map((r) => [r.personId, r.id]));
}

// ——— Views ———

function toService(s: repo.ServiceRow): CaseService {
  return {
    id: s.id,
    caseId: s.caseId,
    kind: s.kind as CaseService['kind'],
    postingId: s.postingId,
    postingTitle: s.postingTitle,
    courseId: s.courseId,
    policyCode: s.policyCode,
    note: s.note,
    providedAt: s.providedAt.toISOString(),
    providedBy: s.providedBy,
    providedByName: s.providedByName,
    followUpDue: s.followUpDue,
    followUpDoneAt: s.followUpDoneAt ? s.followUpDoneAt.toISOString() : null,
    outcome: s.outcome as CaseService['outcome'],
    outcomeNote: s.outcomeNote,
  };
}

async function toItems(db: Executor, rows: repo.CaseRow[], today: string): Promise<CaseListItem[]> {
  const ids = rows.map((r) => r.personId);
  const [tags, status] = await Promise.all([keyGroupTagsOf(db, ids, today), registrationStatusOf(db, ids)]);
  return rows.map((r) => ({
    id: r.id,
    personId: r.personId,
    personName: r.personName,
    personPhoneMasked: maskPhone(r.personPhone),
    personIdNumberMasked: r.personIdNumberMasked,
    districtCode: r.districtCode,
    officerUserId: r.officerUserId,
    officerName: r.officerName,
    status: r.status === 'closed' ? 'closed' : 'open',
    openReason: r.openReason as CaseListItem['openReason'],
    openedAt: r.openedAt.toISOString(),
    closedAt: r.closedAt ? r.closedAt.toISOString() : null,
    outcome: r.outcome as CaseListItem['outcome'],
    keyGroups: tags.get(r.personId) ?? [],
    employmentStatus: status.get(r.personId)?.employmentStatus ?? 'unregistered',
    serviceCount: r.serviceCount,
    lastServiceAt: r.lastServiceAt ? new Date(r.lastServiceAt).toISOString() : null,
    nextFollowUpDue: r.nextFollowUpDue,
  }));
}

async function loadCase(db: Executor, id: string, today: string): Promise<Case> {
  const row = await repo.findCase(db, id);
  if (!row) throw new AppError('not_found');
  const [item] = await toItems(db, [row], today);
  if (!item) throw new AppError('not_found');
  const [services, registrations] = await Promise.all([
    repo.servicesOf(db, id),
    registrationsOfPerson(db, row.personId),
  ]);
  return { ...item, outcomeNote: row.outcomeNote, services: services.map(toService), registrations };
}

/** The case row, visible only to case staff whose districts include its district (else 404). */
async function caseInScope(
  db: Executor,
  actor: UserActor,
  id: string,
  forUpdate = false,
): Promise<repo.CaseRow> {
  const row = await repo.findCase(db, id, { forUpdate });
  if (!row || !isStaffInDistrict(actor, row.districtCode)) throw new AppError('not_found');
  return row;
}

export async function listCases(ctx: RequestContext, q: ListCasesQuery): Promise<Page<CaseListItem>> {
  const actor = requireCaseStaff(ctx);
  if (q.districtCode && !actor.districtCodes.includes(q.districtCode))
    throw fieldError('districtCode', 'outside_district');
  const today = chinaDate(ctx.now());
  return ctx.db.transaction().execute(async (tx) => {
    const { rows, total } = await repo.listCases(tx, {
      districtCodes: actor.districtCodes,
      officerUserId: q.scope === 'mine' ? actor.userId : q.officerUserId,
      status: q.status,
      districtCode: q.districtCode,
      keyGroup: q.keyGroup,
      name: q.q,
      ...offsetOf(q),
    });
    if (rows.length > 0)
      await writeAudit(tx, ctx, {
        action: 'case.list_read',
        entityType: 'case',
        summary: { cases: rows.map((r) => r.id), page: q.page, scope: q.scope },
      });
    return pageResult(await toItems(tx, rows, today), total, q);
  });
}

/** One case with its services and registrations; platform hires of the person are filed first. */
export async function getCase(ctx: RequestContext, id: string): Promise<Case> {
  const actor = requireCaseStaff(ctx);
  const row = await caseInScope(ctx.db, actor, id);
  const now = ctx.now();
  const userId = await personUserId(ctx.db, row.personId);
  if (userId) await syncHires(ctx.db, ctx.deps.keys, now, { seekerUserId: userId, limit: 20 });
  return ctx.db.transaction().execute(async (tx) => {
    await writeAudit(tx, ctx, { action: 'case.read', entityType: 'case', entityId: id });
    return loadCase(tx, id, chinaDate(now));
  });
}

async function personUserId(db: Executor, personId: string): Promise<string | null> {
  return (await getPerson(db, personId))?.userId ?? null;
}

/**
 * Records a service given to the person. A job referral names an existing posting; a follow-up
 * date, when given, is on or after today. The first service stops the 30-day alert.
 */
export async function addService(ctx: RequestContext, id: string, body: CreateServiceBody): Promise<Case> {
  const actor = requireCaseStaff(ctx);
  const now = ctx.now();
  const today = chinaDate(now);
  if (body.followUpDue && body.followUpDue < today) throw fieldError('followUpDue', 'date_in_past');
  if (body.followUpDue && body.followUpDue > addDays(today, 366))
    throw fieldError('followUpDue', 'date_too_far');
  return ctx.db.transaction().execute(async (tx) => {
    const row = await caseInScope(tx, actor, id, true);
    if (row.status !== 'open')
      throw new AppError('conflict', { fields: [{ path: 'status', code: 'invalid_transition' }] });
    if (body.postingId && !(await repo.postingExists(tx, body.postingId)))
      throw fieldError('postingId', 'posting_unknown');
    const serviceId = await repo.insertService(tx, {
      caseId: id,
      kind: body.kind,
      postingId: body.postingId ?? null,
      courseId: body.courseId ?? null,
      policyCode: body.policyCode ?? null,
      note: body.note ?? null,
      providedAt: now,
      providedBy: actor.userId,
      followUpDue: body.followUpDue ?? null,
      dedupeKey: null,
    });
    await recordPersonEvent(tx, {
      personId: row.personId,
      kind: 'service_recorded',
      at: now,
      caseId: id,
      actorUserId: actor.userId,
      detail: {
        serviceId,
        kind: body.kind,
        postingId: body.postingId ?? null,
        followUpDue: body.followUpDue ?? null,
      },
    });
    await writeAudit(tx, ctx, {
      action: 'case.service',
      entityType: 'case',
      entityId: id,
      summary: { serviceId, kind: body.kind, postingId: body.postingId ?? null },
    });
    return loadCase(tx, id, today);
  });
}

/** Records the outcome of a service's follow-up and, optionally, the next follow-up date. */
export async function followUp(
  ctx: RequestContext,
  id: string,
  serviceId: string,
  body: FollowUpBody,
): Promise<Case> {
  const actor = requireCaseStaff(ctx);
  const now = ctx.now();
  const today = chinaDate(now);
  if (body.nextFollowUpDue && body.nextFollowUpDue < today)
    throw fieldError('nextFollowUpDue', 'date_in_past');
  if (body.nextFollowUpDue && body.nextFollowUpDue > addDays(today, 366))
    throw fieldError('nextFollowUpDue', 'date_too_far');
  return ctx.db.transaction().execute(async (tx) => {
    const row = await caseInScope(tx, actor, id, true);
    const s = await repo.findService(tx, id, serviceId);
    if (!s) throw new AppError('not_found');
    if (row.status !== 'open')
      throw new AppError('conflict', { fields: [{ path: 'status', code: 'invalid_transition' }] });
    await repo.recordFollowUp(tx, serviceId, { outcome: body.outcome, note: body.note ?? null, at: now });
    // The next follow-up is a new step of the same service (kind and posting carried over).
    if (body.nextFollowUpDue)
      await repo.insertService(tx, {
        caseId: id,
        kind: s.kind,
        postingId: s.postingId,
        courseId: s.courseId,
        policyCode: s.policyCode,
        note: body.note ?? null,
        providedAt: now,
        providedBy: actor.userId,
        followUpDue: body.nextFollowUpDue,
        dedupeKey: null,
      });
    await recordPersonEvent(tx, {
      personId: row.personId,
      kind: 'follow_up_recorded',
      at: now,
      caseId: id,
      actorUserId: actor.userId,
      detail: { serviceId, outcome: body.outcome, nextFollowUpDue: body.nextFollowUpDue ?? null },
    });
    await writeAudit(tx, ctx, {
      action: 'case.follow_up',
      entityType: 'case',
      entityId: id,
      summary: { serviceId, outcome: body.outcome },
    });
    return loadCase(tx, id, today);
  });
}

/** Reassigns a case to another active officer covering its district. */
export async function reassign(ctx: RequestContext, id: string, officerUserId: string): Promise<Case> {
  const actor = requireCaseStaff(ctx);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const row = await caseInScope(tx, actor, id, true);
    if (row.status !== 'open')
      throw new AppError('conflict', { fields: [{ path: 'status', code: 'invalid_transition' }] });
    if (!(await repo.officerCovers(tx, officerUserId, row.districtCode)))
      throw fieldError('officerUserId', 'outside_district');
    await repo.setOfficer(tx, id, officerUserId, now);
    await recordPersonEvent(tx, {
      personId: row.personId,
      kind: 'officer_assigned',
      at: now,
      caseId: id,
      actorUserId: actor.userId,
      detail: { from: row.officerUserId, to: officerUserId },
    });
    await writeAudit(tx, ctx, {
      action: 'case.reassign',
      entityType: 'case',
      entityId: id,
      summary: { from: row.officerUserId, to: officerUserId },
    });
    await createNotification(tx, {
      userId: officerUserId,
      kind: 'case_assigned',
      titleZh: '您有一个新的帮扶对象',
      titleEn: 'A new assistance case is assigned to you',
      body: { caseId: id, personId: row.personId, reason: 'reassigned' },
      link: `/staff/cases/${id}`,
      dedupeKey: `case_assigned:${id}:${officerUserId}:${now.getTime()}`,
      at: now,
    });
    return loadCase(tx, id, chinaDate(now));
  });
}

/** Closes a case by hand with an outcome (an employment registration closes it by itself). */
export async function closeCase(
  ctx: RequestContext,
  id: string,
  outcome: CaseOutcome,
  note: string | undefined,
): Promise<Case> {
  const actor = requireCaseStaff(ctx);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const row = await caseInScope(tx, actor, id, true);
    if (row.status !== 'open')
      throw new AppError('conflict', { fields: [{ path: 'status', code: 'invalid_transition' }] });
    await closeCaseOfPerson(tx, ctx, {
      personId: row.personId,
      outcome,
      note: note ?? null,
      registrationId: null,
      at: now,
    });
    return loadCase(tx, id, chinaDate(now));
  });
}

function toOverdue(r: repo.OverdueRow, today: string): OverdueItem {
  return {
    caseId: r.caseId,
    personId: r.personId,
    personName: r.personName,
    districtCode: r.districtCode,
    officerUserId: r.officerUserId,
    officerName: r.officerName,
    reason: r.reason,
    serviceId: r.serviceId,
    dueOn: r.dueOn,
    daysOverdue: daysBetween(r.dueOn, today),
  };
}

export async function listOverdue(
  ctx: RequestContext,
  q: {
    scope: 'mine' | 'district';
    reason?: OverdueItem['reason'] | undefined;
    page: number;
    pageSize: number;
  },
): Promise<Page<OverdueItem>> {
  const actor = requireCaseStaff(ctx);
  const today = chinaDate(ctx.now());
  return ctx.db.transaction().execute(async (tx) => {
    const { rows, total } = await repo.listOverdue(tx, today, {
      districtCodes: actor.districtCodes,
      officerUserId: q.scope === 'mine' ? actor.userId : undefined,
      reason: q.reason,
      ...offsetOf(q),
    });
    if (rows.length > 0)
      await writeAudit(tx, ctx, {
        action: 'case.overdue_read',
        entityType: 'case',
        summary: { cases: [...new Set(rows.map((r) => r.caseId))], page: q.page },
      });
    return pageResult(
      rows.map((r) => toOverdue(r, today)),
      total,
      q,
    );
  });
}

export async function workload(ctx: RequestContext, districtCode: string | undefined) {
  const actor = requireCaseStaff(ctx);
  if (districtCode && !actor.districtCodes.includes(districtCode))
    throw fieldError('districtCode', 'outside_district');
  const today = chinaDate(ctx.now());
  const rows = await repo.workload(ctx.db, today, districtCode ? [districtCode] : actor.districtCodes);
  return { items: rows.map((r) => ({ ...r, districtCodes: [...r.districtCodes] })) };
}

/**
 * The alert sweep: each officer is notified once per overdue follow-up (per due date) and once
 * per case without any service 30 days after registering (dedupe keys in notifications).
 */
export async function runCaseAlertSweep(db: Executor, now: Date, limit = 1000): Promise<number> {
  const today = chinaDate(now);
  const rows = await repo.allOverdue(db, today, limit);
  for (const r of rows) {
    if (!r.officerUserId) continue;
    const followUp = r.reason === 'follow_up_overdue';
    await createNotification(db, {
      userId: r.officerUserId,
      kind: followUp ? 'case_follow_up_overdue' : 'case_no_service',
      titleZh: followUp ? `${r.personName}的跟踪回访已逾期` : `${r.personName}登记已满30天，尚未提供任何服务`,
      titleEn: followUp
        ? `The follow-up of ${r.personName} is overdue`
        : `${r.personName} has had no service 30 days after registering`,
      body: {
        caseId: r.caseId,
        personId: r.personId,
        reason: r.reason,
        serviceId: r.serviceId,
        dueOn: r.dueOn,
      },
      link: `/staff/cases/${r.caseId}`,
      dedupeKey: followUp
        ? `case_follow_up:${r.serviceId ?? ''}:${r.dueOn}`
        : `case_no_service:${r.caseId}:${r.dueOn}`,
      at: now,
    });
  }
  return rows.length;
}

/**
 * Logs a service for a person from another module (a training enrolment, a welfare-post
 * placement) on their open case, once per `dedupeKey`. Answers the service id, or null when the
 * person has no open case (nothing to log) or the key was logged already. `outcome` defaults to
 * pending; any other outcome marks the service followed up.
 */
export async function recordServiceForPerson(
  tx: Executor,
  s: {
    personId: string;
    kind: ServiceKind;
    postingId?: string | null;
    courseId?: string | null;
    policyCode?: string | null;
    note?: string | null;
    outcome?: ServiceOutcome;
    followUpDue?: string | null;
    providedBy?: string | null;
    dedupeKey?: string | null;
    providedAt: Date;
  },
): Promise<string | null> {
  const open = await repo.openCaseOf(tx, s.personId);
  if (!open) return null;
  const id = await repo.insertService(tx, {
    caseId: open.id,
    kind: s.kind,
    postingId: s.postingId ?? null,
    courseId: s.courseId ?? null,
    policyCode: s.policyCode ?? null,
    note: s.note ?? null,
    providedAt: s.providedAt,
    providedBy: s.providedBy ?? null,
    followUpDue: s.followUpDue ?? null,
    dedupeKey: s.dedupeKey ?? null,
  });
  if (!id) return null;
  if (s.outcome && s.outcome !== 'pending')
    await repo.recordFollowUp(tx, id, { outcome: s.outcome, note: null, at: s.providedAt });
  await recordPersonEvent(tx, {
    personId: s.personId,
    kind: 'service_recorded',
    at: s.providedAt,
    caseId: open.id,
    actorUserId: s.providedBy ?? null,
    detail: { serviceId: id, kind: s.kind, courseId: s.courseId ?? null, outcome: s.outcome ?? 'pending' },
  });
  return id;
}

/** The seeker's own case (the latest), for their phone page. */
export async function seekerCaseView(
  db: Executor,
  personId: string,
): Promise<{
  id: string;
  status: 'open' | 'closed';
  officerName: string | null;
  services: CaseService[];
} | null> {
  const row = await repo.latestCaseOf(db, personId);
  if (!row) return null;
  return {
    id: row.id,
    status: row.status === 'closed' ? 'closed' : 'open',
    officerName: row.officerName,
    services: (await repo.servicesOf(db, row.id)).map(toService),
  };
}

/** A published posting of the district (demo referrals), if any. */
export async function demoPostingIn(db: Executor, districtCode: string): Promise<string | undefined> {
  return repo.publishedPostingIn(db, districtCode);
}
