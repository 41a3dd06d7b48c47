import {
  RESOLUTION_METHODS,
  SHORTAGE_URGENCIES,
  type CreateShortageBody,
  type ListShortagesQuery,
  type ResolutionMethod,
  type Shortage,
  type ShortageBoard,
  type ShortageBoardQuery,
  type ShortageCause,
  type ShortageStatus,
  type ShortageUrgency,
  type UpdateShortageBody,
} from '@jiuye/shared';
import type { Executor } from '../../db/database.js';
import { writeAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { offsetOf, pageResult, type Page } from '../../platform/pagination.js';
import { createNotification } from '../alerts/index.js';
import { CITY_DISTRICT_CODES, assertCanManageEnterprise, memberEnterpriseIds } from '../enterprises/index.js';
import { chinaToday } from '../postings/index.js';
import {
  isCoordinator,
  isShortageClerk,
  relationToShortage,
  type ShortageRelation,
  type UserActor,
} from './shortages.policy.js';
import * as repo from './shortages.repository.js';
import {
  applyShortageUpdate,
  creditWorkers,
  isUnresolved,
  type ShortageState,
} from './shortages.workflow.js';

const DAY_MS = 86_400_000;

function requireUser(ctx: RequestContext): UserActor {
  if (ctx.actor.kind !== 'user') throw new AppError('forbidden');
  return ctx.actor;
}

function inCity(code: string): boolean {
  return (CITY_DISTRICT_CODES as readonly string[]).includes(code);
}

/** Whole days between two instants (at least 0). */
function daysBetween(from: Date, to: Date): number {
  return Math.max(0, Math.floor((to.getTime() - from.getTime()) / DAY_MS));
}

export function toShortage(r: repo.ShortageRow, postings: repo.LinkedPostingRow[], now: Date): Shortage {
  const status = r.status as ShortageStatus;
  const today = chinaToday(now);
  const end = r.resolvedAt ?? r.cancelledAt ?? now;
  return {
    id: r.id,
    enterpriseId: r.enterpriseId,
    enterpriseName: r.enterpriseName,
    title: r.title,
    occupationCode: r.occupationCode,
    headcount: r.headcount,
    headcountFilled: r.headcountFilled,
    headcountOpen: r.headcount - r.headcountFilled,
    deadline: r.deadline,
    neededUntil: r.neededUntil,
    districtCode: r.districtCode,
    wageMinFen: r.wageMinFen,
    wageMaxFen: r.wageMaxFen,
    wagePeriod: r.wagePeriod as Shortage['wagePeriod'],
    urgency: r.urgency as ShortageUrgency,
    cause: r.cause as ShortageCause,
    causeNote: r.causeNote,
    status,
    resolutionMethod: r.resolutionMethod as ResolutionMethod | null,
    resolutionNote: r.resolutionNote,
    resolvedAt: r.resolvedAt ? r.resolvedAt.toISOString() : null,
    postings: postings
      .filter((p) => p.shortageId === r.id)
      .map((p) => ({ id: p.id, title: p.title, status: p.status, headcount: p.headcount })),
    overdue: isUnresolved(status) && r.deadline < today,
    daysUnresolved: daysBetween(r.createdAt, end),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

async function loadOne(db: Executor, id: string, now: Date): Promise<Shortage> {
  const row = await repo.findShortage(db, id);
  if (!row) throw new AppError('not_found');
  return toShortage(row, await repo.linkedPostings(db, [id]), now);
}

function stateOf(r: repo.ShortageRow): ShortageState {
  return {
    status: r.status as ShortageStatus,
    headcount: r.headcount,
    headcountFilled: r.headcountFilled,
    deadline: r.deadline,
    neededUntil: r.neededUntil,
    wageMinFen: r.wageMinFen,
    wageMaxFen: r.wageMaxFen,
    resolutionMethod: r.resolutionMethod as ResolutionMethod | null,
    resolutionNote: r.resolutionNote,
    resolvedAt: r.resolvedAt,
    cancelledAt: r.cancelledAt,
  };
}

/** The caller's relation, read with the caller's executor (inside a transaction: the transaction). */
async function relation(
  ctx: RequestContext,
  row: repo.ShortageRow,
  db: Executor = ctx.db,
): Promise<ShortageRelation | null> {
  return relationToShortage(ctx.actor, row, (userId) => memberEnterpriseIds(db, userId));
}

/** Postings must be the enterprise's own: each unknown one is named (postingIds.N). */
async function checkPostings(db: Executor, enterpriseId: string, ids: readonly string[]): Promise<void> {
  const own = new Set(await repo.postingsOfEnterprise(db, enterpriseId, ids));
  const bad = ids.map((id, i) => ({ id, i })).filter((x) => !own.has(x.id));
  if (bad.length > 0) {
    throw new AppError('validation_failed', {
      fields: bad.map((b) => ({ path: `postingIds.${b.i}`, code: 'posting_unknown' })),
    });
  }
}

const STATUS_LABEL: Record<ShortageStatus, { zh: string; en: string }> = {
  open: { zh: '待处理', en: 'open' },
  in_progress: { zh: '处理中', en: 'in progress' },
  resolved: { zh: '已解决', en: 'resolved' },
  cancelled: { zh: '已撤销', en: 'cancelled' },
};

async function notifyReporter(
  tx: Executor,
  row: repo.ShortageRow,
  status: ShortageStatus,
  at: Date,
  actorUserId: string | null,
): Promise<void> {
  if (!row.reportedBy || row.reportedBy === actorUserId) return;
  const what = row.title ?? row.occupationCode;
  await createNotification(tx, {
    userId: row.reportedBy,
    kind: 'shortage_status',
    titleZh: `用工缺口“${what}”${STATUS_LABEL[status].zh}`,
    titleEn: `Labour shortage “${what}” is ${STATUS_LABEL[status].en}`,
    body: { shortageId: row.id, status },
    link: `/employer/shortages/${row.id}`,
    dedupeKey: `shortage:${row.id}:${status}`,
    at,
  });
}

/** An employer reports a shortage of one of their enterprises. */
export async function createShortage(ctx: RequestContext, body: CreateShortageBody): Promise<Shortage> {
  const actor = requireUser(ctx);
  const enterprise = await assertCanManageEnterprise(ctx, body.enterpriseId);
  const now = ctx.now();
  const today = chinaToday(now);
  const districtCode = body.districtCode ?? enterprise.districtCode;
  if (!inCity(districtCode)) throw fieldError('districtCode', 'not_in_city');
  if (body.deadline < today) throw fieldError('deadline', 'date_in_past');
  const postingIds = [...new Set(body.postingIds ?? [])];
  await checkPostings(ctx.db, enterprise.id, postingIds);
  return ctx.db.transaction().execute(async (tx) => {
    const id = await repo.insertShortage(tx, {
      enterpriseId: enterprise.id,
      title: body.title ?? null,
      occupationCode: body.occupationCode,
      headcount: body.headcount,
      deadline: body.deadline,
      neededUntil: body.neededUntil ?? null,
      districtCode,
      wageMinFen: body.wageMinFen,
      wageMaxFen: body.wageMaxFen,
      wagePeriod: body.wagePeriod ?? 'month',
      urgency: body.urgency ?? 'normal',
      cause: body.cause,
      causeNote: body.causeNote ?? null,
      reportedBy: actor.userId,
      at: now,
    });
    await repo.replacePostings(tx, id, postingIds);
    await writeAudit(tx, ctx, {
      action: 'shortage.report',
      entityType: 'labour_shortage',
      entityId: id,
      summary: {
        enterpriseId: enterprise.id,
        occupationCode: body.occupationCode,
        headcount: body.headcount,
        districtCode,
        urgency: body.urgency ?? 'normal',
        deadline: body.deadline,
        postingIds,
      },
    });
    return loadOne(tx, id, now);
  });
}

export async function getShortage(ctx: RequestContext, id: string): Promise<Shortage> {
  requireUser(ctx);
  const row = await repo.findShortage(ctx.db, id);
  if (!row || !(await relation(ctx, row))) throw new AppError('not_found');
  return toShortage(row, await repo.linkedPostings(ctx.db, [id]), ctx.now());
}

/** Clerks see their enterprises' shortages; staff those of their districts. */
export async function listShortages(ctx: RequestContext, q: ListShortagesQuery): Promise<Page<Shortage>> {
  const actor = requireUser(ctx);
  const now = ctx.now();
  const scope = isCoordinator(actor)
    ? { districtCodes: actor.districtCodes }
    : isShortageClerk(actor)
      ? { enterpriseIds: await memberEnterpriseIds(ctx.db, actor.userId) }
      : null;
  if (!scope) throw new AppError('forbidden');
  const { rows, total } = await repo.listShortages(
    ctx.db,
    {
      ...scope,
      enterpriseId: q.enterpriseId,
      districtCode: q.districtCode,
      status: q.status,
      active: q.active,
      urgency: q.urgency,
      occupationCode: q.occupationCode,
      overdue: q.overdue,
      today: chinaToday(now),
    },
    offsetOf(q),
  );
  const postings = await repo.linkedPostings(
    ctx.db,
    rows.map((r) => r.id),
  );
  return pageResult(
    rows.map((r) => toShortage(r, postings, now)),
    total,
    q,
  );
}

/**
 * Edits and status moves (shortages.workflow.ts decides). Linked postings must be the enterprise's.
 * The row is locked so that a sharing agreement crediting workers at the same moment queues up.
 */
export async function updateShortage(
  ctx: RequestContext,
  id: string,
  body: UpdateShortageBody,
): Promise<Shortage> {
  const actor = requireUser(ctx);
  const now = ctx.now();
  const today = chinaToday(now);
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      const row = await repo.findShortage(tx, id, { forUpdate: true });
      if (!row) throw new AppError('not_found');
      const rel = await relation(ctx, row, tx);
      if (!rel) throw new AppError('not_found');
      const outcome = applyShortageUpdate(stateOf(row), body, rel, today, now);
      if (!outcome.ok) {
        if (outcome.kind === 'transition') {
          if (outcome.code === 'forbidden') {
            throw new AppError('forbidden', {
              detail: {
                'zh-CN': '只有负责该区县的工作人员可以受理或解决用工缺口',
                'en-US': 'Only staff of the district take up or resolve a shortage',
              },
            });
          }
          throw new AppError('conflict', { fields: [{ path: 'status', code: outcome.code }] });
        }
        if (outcome.code === 'invalid_transition' || outcome.code === 'shortage_closed')
          throw new AppError('conflict', { fields: [{ path: outcome.path, code: outcome.code }] });
        throw fieldError(outcome.path, outcome.code);
      }
      if (body.postingIds) await checkPostings(tx, row.enterpriseId, body.postingIds);
      const next = outcome.next;
      const patch: repo.ShortagePatch = { updatedAt: now };
      if (body.title !== undefined) patch.title = body.title;
      if (body.headcount !== undefined) patch.headcount = next.headcount;
      if (body.headcountFilled !== undefined) patch.headcountFilled = next.headcountFilled;
      if (body.deadline !== undefined) patch.deadline = next.deadline;
      if (body.neededUntil !== undefined) patch.neededUntil = next.neededUntil;
      if (body.wageMinFen !== undefined) patch.wageMinFen = next.wageMinFen;
      if (body.wageMaxFen !== undefined) patch.wageMaxFen = next.wageMaxFen;
      if (body.wagePeriod !== undefined) patch.wagePeriod = body.wagePeriod;
      if (body.urgency !== undefined) patch.urgency = body.urgency;
      if (body.cause !== undefined) patch.cause = body.cause;
      if (body.causeNote !== undefined) patch.causeNote = body.causeNote;
      if (outcome.statusChanged) {
        patch.status = next.status;
        patch.resolutionMethod = next.resolutionMethod;
        patch.resolutionNote = next.resolutionNote;
        patch.resolvedAt = next.resolvedAt;
        patch.cancelledAt = next.cancelledAt;
      }
      if (!(await repo.updateShortage(tx, id, row.status, patch))) throw new AppError('conflict');
      if (body.postingIds) await repo.replacePostings(tx, id, body.postingIds);
      const { status: _s, ...fields } = body;
      await writeAudit(tx, ctx, {
        action: outcome.statusChanged ? `shortage.${next.status}` : 'shortage.update',
        entityType: 'labour_shortage',
        entityId: id,
        summary: {
          as: rel,
          from: row.status,
          to: next.status,
          changed: Object.keys(fields),
          ...(body.headcount !== undefined ? { headcount: next.headcount } : {}),
          ...(body.headcountFilled !== undefined || next.status === 'resolved'
            ? { headcountFilled: next.headcountFilled }
            : {}),
          ...(next.status === 'resolved' ? { resolutionMethod: next.resolutionMethod } : {}),
        },
      });
      if (outcome.statusChanged) await notifyReporter(tx, row, next.status, now, actor.userId);
      return loadOne(tx, id, now);
    });
  } catch (err) {
    // headcount_filled <= headcount: the database's last word.
    if ((err as { code?: unknown }).code === '23514')
      throw new AppError('conflict', {
        fields: [{ path: 'headcountFilled', code: 'filled_above_headcount' }],
        cause: err,
      });
    throw err;
  }
}

type Counts = { shortages: number; headcount: number; headcountOpen: number; overdue: number };

function add(into: Counts, c: Counts): void {
  into.shortages += c.shortages;
  into.headcount += c.headcount;
  into.headcountOpen += c.headcountOpen;
  into.overdue += c.overdue;
}

const zero = (): Counts => ({ shortages: 0, headcount: 0, headcountOpen: 0, overdue: 0 });

function grouped<K extends string>(cells: repo.BoardCell[], key: (c: repo.BoardCell) => K): [K, Counts][] {
  const m = new Map<K, Counts>();
  for (const c of cells) {
    const k = key(c);
    const acc = m.get(k) ?? zero();
    add(acc, c);
    m.set(k, acc);
  }
  return [...m.entries()].sort((a, b) => b[1].headcountOpen - a[1].headcountOpen || a[0].localeCompare(b[0]));
}

/**
 * The staff board: unresolved shortages in the caller's districts (or one of them) by district,
 * occupation and urgency, with the outcomes of resolved ones by method.
 */
export async function shortageBoard(ctx: RequestContext, q: ShortageBoardQuery): Promise<ShortageBoard> {
  const actor = requireUser(ctx);
  if (!isCoordinator(actor)) throw new AppError('forbidden');
  if (q.districtCode && !actor.districtCodes.includes(q.districtCode))
    throw new AppError('forbidden', { fields: [{ path: 'districtCode', code: 'outside_district' }] });
  const districtCodes = q.districtCode ? [q.districtCode] : actor.districtCodes;
  const now = ctx.now();
  const filter = { districtCodes, occupationCode: q.occupationCode, urgency: q.urgency };
  const [cells, resolved] = await Promise.all([
    repo.boardCells(ctx.db, { ...filter, today: chinaToday(now) }),
    repo.resolvedByMethod(ctx.db, filter),
  ]);
  const totals = zero();
  for (const c of cells) add(totals, c);
  const urgencyRank = (u: string) => SHORTAGE_URGENCIES.indexOf(u as ShortageUrgency);
  return {
    asOf: now.toISOString(),
    districtCodes: [...districtCodes],
    totals,
    byDistrict: grouped(cells, (c) => c.districtCode).map(([districtCode, c]) => ({ districtCode, ...c })),
    byOccupation: grouped(cells, (c) => c.occupationCode).map(([occupationCode, c]) => ({
      occupationCode,
      ...c,
    })),
    byUrgency: grouped(cells, (c) => c.urgency as ShortageUrgency)
      .sort((a, b) => urgencyRank(b[0]) - urgencyRank(a[0]))
      .map(([urgency, c]) => ({ urgency, ...c })),
    cells: cells
      .map((c) => ({ ...c, urgency: c.urgency as ShortageUrgency }))
      .sort((a, b) => b.headcountOpen - a.headcountOpen),
    resolved: resolved
      .filter((r): r is repo.ResolvedRow & { method: ResolutionMethod } =>
        (RESOLUTION_METHODS as readonly string[]).includes(r.method),
      )
      .map((r) => ({
        method: r.method,
        shortages: r.shortages,
        headcountFilled: r.headcountFilled,
        avgDaysToResolve: Math.round(r.avgDays * 10) / 10,
      })),
  };
}

// ——— For other modules (through index.ts) ———

/** What the sharing module needs of a shortage, with the caller's relation (404 if none). */
export type ShortageForSharing = {
  id: string;
  enterpriseId: string;
  enterpriseName: string;
  districtCode: string;
  occupationCode: string;
  headcount: number;
  headcountFilled: number;
  deadline: string;
  neededUntil: string | null;
  status: ShortageStatus;
  relation: ShortageRelation;
};

export async function shortageForSharing(
  ctx: RequestContext,
  id: string,
  db: Executor = ctx.db,
): Promise<ShortageForSharing> {
  const row = await repo.findShortage(db, id);
  if (!row) throw new AppError('not_found');
  const rel = await relation(ctx, row, db);
  if (!rel) throw new AppError('not_found');
  return {
    id: row.id,
    enterpriseId: row.enterpriseId,
    enterpriseName: row.enterpriseName,
    districtCode: row.districtCode,
    occupationCode: row.occupationCode,
    headcount: row.headcount,
    headcountFilled: row.headcountFilled,
    deadline: row.deadline,
    neededUntil: row.neededUntil,
    status: row.status as ShortageStatus,
    relation: rel,
  };
}

/** The shortage without an access check (the caller checked another way), or undefined. */
export async function shortageSummary(
  db: Executor,
  id: string,
): Promise<Omit<ShortageForSharing, 'relation'> | undefined> {
  const row = await repo.findShortage(db, id);
  if (!row) return undefined;
  return {
    id: row.id,
    enterpriseId: row.enterpriseId,
    enterpriseName: row.enterpriseName,
    districtCode: row.districtCode,
    occupationCode: row.occupationCode,
    headcount: row.headcount,
    headcountFilled: row.headcountFilled,
    deadline: row.deadline,
    neededUntil: row.neededUntil,
    status: row.status as ShortageStatus,
  };
}

/**
 * Credits the workers of an activated sharing agreement to its shortage, in the caller's
 * transaction (shortages.workflow.ts creditWorkers): audited, and the reporter is told when the
 * shortage is resolved by it.
 */
export async function creditSharedWorkers(
  tx: Executor,
  ctx: RequestContext,
  shortageId: string,
  workers: number,
  agreementId: string,
): Promise<{ credited: number; resolved: boolean }> {
  const row = await repo.findShortage(tx, shortageId, { forUpdate: true });
  if (!row) return { credited: 0, resolved: false };
  const out = creditWorkers(stateOf(row), workers);
  if (out.credited === 0 && !out.resolvedNow) return { credited: 0, resolved: false };
  const now = ctx.now();
  const patch: repo.ShortagePatch = {
    headcountFilled: out.headcountFilled,
    status: out.status,
    updatedAt: now,
  };
  if (out.resolvedNow) {
    patch.resolutionMethod = 'shared_employment';
    patch.resolvedAt = now;
  }
  if (!(await repo.updateShortage(tx, shortageId, row.status, patch))) throw new AppError('conflict');
  await writeAudit(tx, ctx, {
    action: out.resolvedNow ? 'shortage.resolved' : 'shortage.credit',
    entityType: 'labour_shortage',
    entityId: shortageId,
    summary: {
      from: row.status,
      to: out.status,
      credited: out.credited,
      headcountFilled: out.headcountFilled,
      sharingAgreementId: agreementId,
      ...(out.resolvedNow ? { resolutionMethod: 'shared_employment', automatic: true } : {}),
    },
  });
  if (out.status !== row.status) await notifyReporter(tx, row, out.status, now, null);
  return { credited: out.credited, resolved: out.resolvedNow };
}

/** One unresolved shortage as the monitoring read model sees it. */
export type ShortageFact = {
  id: string;
  enterpriseId: string;
  districtCode: string;
  occupationCode: string;
  urgency: ShortageUrgency;
  status: ShortageStatus;
  headcount: number;
  headcountOpen: number;
  deadline: string;
  overdue: boolean;
  daysUnresolved: number;
};

/** Unresolved shortages (all, or of some districts) with days unresolved, as of `now`. */
export async function shortageFacts(
  db: Executor,
  o: { districtCodes?: readonly string[]; now: Date },
): Promise<ShortageFact[]> {
  const today = chinaToday(o.now);
  const rows = await repo.unresolvedShortages(db, o.districtCodes);
  return rows.map((r) => ({
    id: r.id,
    enterpriseId: r.enterpriseId,
    districtCode: r.districtCode,
    occupationCode: r.occupationCode,
    urgency: r.urgency as ShortageUrgency,
    status: r.status as ShortageStatus,
    headcount: r.headcount,
    headcountOpen: r.headcount - r.headcountFilled,
    deadline: r.deadline,
    overdue: r.deadline < today,
    daysUnresolved: daysBetween(r.createdAt, o.now),
  }));
}
