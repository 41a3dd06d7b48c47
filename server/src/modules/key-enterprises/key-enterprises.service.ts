import type {
  CreateServiceLogBody,
  KeyEnterprise,
  ListKeyEnterprisesQuery,
  ListServiceLogsQuery,
  ListServiceProblemsQuery,
  ProblemCategory,
  ProblemStatus,
  PutKeyEnterpriseBody,
  ServiceContactKind,
  ServiceLog,
  ServiceProblem,
  UpdateServiceProblemBody,
} from '@jiuye/shared';
import type { Executor } from '../../db/database.js';
import { writeAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { offsetOf, pageResult, type Page } from '../../platform/pagination.js';
import { createNotification } from '../alerts/index.js';
import { enterpriseAccess, isStaffInDistrict } from '../enterprises/index.js';
import { chinaToday } from '../postings/index.js';
import { isCoordinator } from '../shortages/index.js';
import * as repo from './key-enterprises.repository.js';

/**
 * Key enterprises (重点企业): staff of an enterprise's district mark it and assign a service
 * officer (a staff account covering that district); officers keep a service log of visits and
 * contacts and the problems raised, each with a deadline, until resolved. The enterprise's clerks
 * read their own log and problems, never the internal notes. Other callers get 404.
 */

type UserActor = Extract<RequestContext['actor'], { kind: 'user' }>;
type Relation = 'staff' | 'enterprise';

function requireUser(ctx: RequestContext): UserActor {
  if (ctx.actor.kind !== 'user') throw new AppError('forbidden');
  return ctx.actor;
}

/** The caller's relation to an enterprise: staff of its district, or one of its clerks; else 404. */
async function relationTo(
  ctx: RequestContext,
  enterpriseId: string,
): Promise<{ rel: Relation; districtCode: string; name: string }> {
  const actor = requireUser(ctx);
  const a = await enterpriseAccess(ctx, enterpriseId);
  if (!a) throw new AppError('not_found');
  if (isCoordinator(actor) && isStaffInDistrict(actor, a.enterprise.districtCode))
    return { rel: 'staff', districtCode: a.enterprise.districtCode, name: a.enterprise.name };
  if (actor.role === 'employer' && a.memberRole !== null)
    return { rel: 'enterprise', districtCode: a.enterprise.districtCode, name: a.enterprise.name };
  throw new AppError('not_found');
}

async function requireStaffOf(ctx: RequestContext, enterpriseId: string) {
  const r = await relationTo(ctx, enterpriseId);
  if (r.rel !== 'staff') throw new AppError('forbidden');
  return r;
}

function toKey(r: repo.KeyEnterpriseRow): KeyEnterprise {
  return {
    enterpriseId: r.enterpriseId,
    enterpriseName: r.enterpriseName,
    districtCode: r.districtCode,
    reason: r.reason,
    officer: r.officerUserId ? { userId: r.officerUserId, displayName: r.officerName ?? '' } : null,
    markedAt: r.markedAt.toISOString(),
    openProblems: r.openProblems,
    overdueProblems: r.overdueProblems,
    lastServiceOn: r.lastServiceOn,
    updatedAt: r.updatedAt.toISOString(),
  };
}

function toProblem(r: repo.ProblemRow, today: string): ServiceProblem {
  const status = r.status as ProblemStatus;
  return {
    id: r.id,
    enterpriseId: r.enterpriseId,
    enterpriseName: r.enterpriseName,
    serviceLogId: r.serviceLogId,
    category: r.category as ProblemCategory,
    description: r.description,
    deadline: r.deadline,
    status,
    overdue: status === 'open' && r.deadline < today,
    resolutionNote: r.resolutionNote,
    resolvedAt: r.resolvedAt ? r.resolvedAt.toISOString() : null,
    officer: r.officerUserId ? { userId: r.officerUserId, displayName: r.officerName ?? '' } : null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** The officer must be an active staff account covering the enterprise's district. */
async function checkOfficer(
  db: Executor,
  officerUserId: string,
  districtCode: string,
): Promise<repo.StaffRow> {
  const u = await repo.findUser(db, officerUserId);
  if (!u || u.role !== 'staff' || u.status !== 'active') throw fieldError('officerUserId', 'staff_not_found');
  if (!u.districtCodes.includes(districtCode)) throw fieldError('officerUserId', 'officer_outside_district');
  return u;
}

async function loadKey(db: Executor, enterpriseId: string, today: string): Promise<KeyEnterprise> {
  const r = await repo.findKeyEnterprise(db, enterpriseId, today);
  if (!r || !r.isActive) throw new AppError('not_found');
  return toKey(r);
}

/** Staff of the district mark an enterprise as key (or change the reason or the officer). */
export async function putKeyEnterprise(
  ctx: RequestContext,
  enterpriseId: string,
  body: PutKeyEnterpriseBody,
): Promise<{ created: boolean; key: KeyEnterprise }> {
  const actor = requireUser(ctx);
  const { districtCode, name } = await requireStaffOf(ctx, enterpriseId);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    await checkOfficer(tx, body.officerUserId, districtCode);
    const before = await repo.lockKeyEnterprise(tx, enterpriseId);
    await repo.upsertKeyEnterprise(tx, {
      enterpriseId,
      reason: body.reason,
      officerUserId: body.officerUserId,
      markedBy: actor.userId,
      at: now,
    });
    const created = !before || !before.isActive;
    await writeAudit(tx, ctx, {
      action: created ? 'key_enterprise.mark' : 'key_enterprise.update',
      entityType: 'enterprise',
      entityId: enterpriseId,
      summary: {
        reason: body.reason,
        officerUserId: body.officerUserId,
        previousOfficerUserId: before?.officerUserId ?? null,
      },
    });
    if (before?.officerUserId !== body.officerUserId || created) {
      await createNotification(tx, {
        userId: body.officerUserId,
        kind: 'key_enterprise_assigned',
        titleZh: `您被指定为重点企业“${name}”的服务专员`,
        titleEn: `You are the service officer of key enterprise “${name}”`,
        body: { enterpriseId },
        link: `/staff/key-enterprises/${enterpriseId}`,
        dedupeKey: `key_enterprise:${enterpriseId}:${body.officerUserId}:${now.getTime()}`,
        at: now,
      });
    }
    return { created, key: await loadKey(tx, enterpriseId, chinaToday(now)) };
  });
}

export async function unmarkKeyEnterprise(ctx: RequestContext, enterpriseId: string): Promise<void> {
  await requireStaffOf(ctx, enterpriseId);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (tx) => {
    if (!(await repo.unmarkKeyEnterprise(tx, enterpriseId, now))) throw new AppError('not_found');
    await writeAudit(tx, ctx, {
      action: 'key_enterprise.unmark',
      entityType: 'enterprise',
      entityId: enterpriseId,
    });
  });
}

export async function getKeyEnterprise(ctx: RequestContext, enterpriseId: string): Promise<KeyEnterprise> {
  await relationTo(ctx, enterpriseId);
  return loadKey(ctx.db, enterpriseId, chinaToday(ctx.now()));
}

export async function listKeyEnterprises(
  ctx: RequestContext,
  q: ListKeyEnterprisesQuery,
): Promise<Page<KeyEnterprise>> {
  const actor = requireUser(ctx);
  const { rows, total } = await repo.listKeyEnterprises(
    ctx.db,
    {
      districtCodes: actor.districtCodes,
      districtCode: q.districtCode,
      officerUserId: q.mine ? actor.userId : q.officerUserId,
      withOverdue: q.withOverdue,
      today: chinaToday(ctx.now()),
    },
    offsetOf(q),
  );
  return pageResult(rows.map(toKey), total, q);
}

/**
 * An officer (any staff of the district) records a visit or contact with the problems raised. The
 * author is the officer on the log; problems get a deadline no earlier than the day served.
 */
export async function createServiceLog(
  ctx: RequestContext,
  enterpriseId: string,
  body: CreateServiceLogBody,
): Promise<ServiceLog> {
  const actor = requireUser(ctx);
  await requireStaffOf(ctx, enterpriseId);
  const now = ctx.now();
  const today = chinaToday(now);
  if (body.servedOn > today) throw fieldError('servedOn', 'date_in_future');
  return ctx.db.transaction().execute(async (tx) => {
    const key = await repo.lockKeyEnterprise(tx, enterpriseId);
    if (!key || !key.isActive)
      throw new AppError('conflict', { fields: [{ path: 'enterpriseId', code: 'not_key_enterprise' }] });
    const id = await repo.insertLog(tx, {
      enterpriseId,
      officerUserId: actor.userId,
      servedOn: body.servedOn,
      kind: body.kind ?? 'visit',
      notes: body.notes,
      internalNote: body.internalNote ?? null,
      at: now,
    });
    const problems = body.problems ?? [];
    const problemIds = await repo.insertProblems(
      tx,
      problems.map((p) => ({
        enterpriseId,
        serviceLogId: id,
        category: p.category,
        description: p.description,
        deadline: p.deadline,
        createdAt: now,
        updatedAt: now,
      })),
    );
    await writeAudit(tx, ctx, {
      action: 'service_log.create',
      entityType: 'enterprise',
      entityId: enterpriseId,
      summary: { serviceLogId: id, servedOn: body.servedOn, kind: body.kind ?? 'visit', problemIds },
    });
    const row = await repo.findLog(tx, id);
    if (!row) throw new AppError('not_found');
    return (await renderLogs(tx, [row], 'staff', today))[0] as ServiceLog;
  });
}

async function renderLogs(
  db: Executor,
  rows: repo.LogRow[],
  rel: Relation,
  today: string,
): Promise<ServiceLog[]> {
  const problems = await repo.problemsOfLogs(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    enterpriseId: r.enterpriseId,
    officer: { userId: r.officerUserId, displayName: r.officerName },
    servedOn: r.servedOn,
    kind: r.kind as ServiceContactKind,
    notes: r.notes,
    // Internal notes are for staff only.
    internalNote: rel === 'staff' ? r.internalNote : null,
    problems: problems.filter((p) => p.serviceLogId === r.id).map((p) => toProblem(p, today)),
    createdAt: r.createdAt.toISOString(),
  }));
}

/** The service log, newest first: staff of the district in full; the enterprise's clerks without internal notes. */
export async function listServiceLogs(
  ctx: RequestContext,
  enterpriseId: string,
  q: ListServiceLogsQuery,
): Promise<Page<ServiceLog>> {
  const { rel } = await relationTo(ctx, enterpriseId);
  const { rows, total } = await repo.listLogs(ctx.db, enterpriseId, {
    from: q.from,
    to: q.to,
    ...offsetOf(q),
  });
  return pageResult(await renderLogs(ctx.db, rows, rel, chinaToday(ctx.now())), total, q);
}

/** Problems of the caller's districts; `overdue=true` is the overdue list (open past the deadline). */
export async function listProblems(
  ctx: RequestContext,
  q: ListServiceProblemsQuery,
): Promise<Page<ServiceProblem>> {
  const actor = requireUser(ctx);
  const today = chinaToday(ctx.now());
  const { rows, total } = await repo.listProblems(
    ctx.db,
    {
      districtCodes: actor.districtCodes,
      status: q.status,
      overdue: q.overdue,
      enterpriseId: q.enterpriseId,
      officerUserId: q.officerUserId,
      districtCode: q.districtCode,
      category: q.category,
      today,
    },
    offsetOf(q),
  );
  return pageResult(
    rows.map((r) => toProblem(r, today)),
    total,
    q,
  );
}

/** Staff of the district resolve a problem (with a note), reopen it, or move its deadline. */
export async function updateProblem(
  ctx: RequestContext,
  id: string,
  body: UpdateServiceProblemBody,
): Promise<ServiceProblem> {
  const actor = requireUser(ctx);
  const now = ctx.now();
  const today = chinaToday(now);
  return ctx.db.transaction().execute(async (tx) => {
    const p = await repo.findProblem(tx, id, { forUpdate: true });
    if (!p || !isStaffInDistrict(actor, p.districtCode)) throw new AppError('not_found');
    const to = body.status ?? (p.status as ProblemStatus);
    if (body.status === 'resolved' && p.status === 'resolved')
      throw new AppError('conflict', { fields: [{ path: 'status', code: 'invalid_transition' }] });
    if (body.resolutionNote !== undefined && to !== 'resolved')
      throw new AppError('conflict', { fields: [{ path: 'resolutionNote', code: 'invalid_transition' }] });
    if (body.deadline !== undefined && body.deadline < p.createdAt.toISOString().slice(0, 10))
      throw fieldError('deadline', 'date_order');
    await repo.updateProblem(tx, id, {
      ...(body.deadline !== undefined ? { deadline: body.deadline } : {}),
      ...(body.status === 'resolved'
        ? {
            status: 'resolved',
            resolutionNote: body.resolutionNote ?? '',
            resolvedAt: now,
            resolvedBy: actor.userId,
          }
        : {}),
      ...(body.status === 'open'
        ? { status: 'open', resolutionNote: null, resolvedAt: null, resolvedBy: null }
        : {}),
      updatedAt: now,
    });
    await writeAudit(tx, ctx, {
      action:
        body.status && body.status !== p.status
          ? `service_problem.${body.status === 'open' ? 'reopen' : 'resolve'}`
          : 'service_problem.update',
      entityType: 'service_problem',
      entityId: id,
      summary: { enterpriseId: p.enterpriseId, from: p.status, to, deadline: body.deadline ?? p.deadline },
    });
    const after = await repo.findProblem(tx, id);
    if (!after) throw new AppError('not_found');
    return toProblem(after, today);
  });
}
