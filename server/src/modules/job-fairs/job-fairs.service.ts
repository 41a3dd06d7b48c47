import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  maskPhone,
  type CheckInResult,
  type CreateJobFairBody,
  type FairCounters,
  type FairRegistration,
  type FairReport,
  type FairStats,
  type FairStatus,
  type FairTargetGroup,
  type FairVisit,
  type JobFair,
  type JobFairBooth,
  type ListBoothsQuery,
  type ListJobFairsQuery,
  type PageQuery,
  type RegisterBoothBody,
  type ReviewBoothBody,
  type UpdateJobFairBody,
} from '@jiuye/shared';
import type { Db, Executor } from '../../db/database.js';
import { writeAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import type { Keys } from '../../platform/crypto.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { offsetOf, pageResult, type Page } from '../../platform/pagination.js';
import { createNotification } from '../alerts/index.js';
import { assertCanManageEnterprise, isStaffInDistrict, memberEnterpriseIds } from '../enterprises/index.js';
import { regionPrefix } from '../partner-regions/index.js';
import { chinaToday } from '../postings/index.js';
import * as repo from './job-fairs.repository.js';
import {
  acceptsApplications,
  acceptsBooths,
  boothReviewAllowed,
  boothWithdrawAllowed,
  editable,
  effectiveStatus,
  shownBoothStatus,
  statusChangeAllowed,
} from './job-fairs.workflow.js';

type UserActor = Extract<RequestContext['actor'], { kind: 'user' }>;

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

const iso = (d: Date) => d.toISOString();

/** Staff who manage this fair: fair:manage and its organising district. */
function managesFair(actor: RequestContext['actor'], fair: { districtCode: string }): boolean {
  return (
    actor.kind === 'user' &&
    actor.permissions.has('fair:manage') &&
    isStaffInDistrict(actor, fair.districtCode)
  );
}

/** A draft is seen by the staff who manage it only; every other fair is public. */
async function visibleFair(ctx: RequestContext, db: Executor, id: string, o: { forUpdate?: boolean } = {}) {
  const fair = await repo.findFair(db, id, o);
  if (!fair) throw new AppError('not_found');
  if (fair.status === 'draft' && !managesFair(ctx.actor, fair)) throw new AppError('not_found');
  return fair;
}

async function managedFair(ctx: RequestContext, db: Executor, id: string, o: { forUpdate?: boolean } = {}) {
  const fair = await visibleFair(ctx, db, id, o);
  if (!managesFair(ctx.actor, fair)) throw new AppError('forbidden');
  return fair;
}

const ZERO_FIGURES: repo.Figures = { applications: 0, interviews: 0, offers: 0, hires: 0 };

async function countersOf(db: Executor, fairs: readonly repo.FairRow[]): Promise<Map<string, FairCounters>> {
  const ids = fairs.map((f) => f.id);
  const [c, figures, postings] = await Promise.all([
    repo.counters(db, ids),
    repo.fairFigures(db, ids),
    repo.postingCounts(db, ids),
  ]);
  return new Map(
    fairs.map((f) => {
      const k = c.get(f.id);
      const g = figures.get(f.id) ?? ZERO_FIGURES;
      return [
        f.id,
        {
          visitors: k?.visitors ?? 0,
          registrations: k?.registrations ?? 0,
          checkIns: k?.checkIns ?? 0,
          booths: f.approvedBooths,
          postings: postings.get(f.id) ?? 0,
          ...g,
        },
      ];
    }),
  );
}

function toFair(f: repo.FairRow, counters: FairCounters, now: Date): JobFair {
  const status = effectiveStatus(f, now);
  return {
    id: f.id,
    theme: f.theme,
    titleZh: f.titleZh,
    titleEn: f.titleEn,
    description: f.description,
    mode: f.mode as JobFair['mode'],
    venue: f.venue,
    districtCode: f.districtCode,
    startsAt: iso(f.startsAt),
    endsAt: iso(f.endsAt),
    targetGroups: f.targetGroups as FairTargetGroup[],
    targetRegionCodes: f.targetRegionCodes,
    boothCapacity: f.boothCapacity,
    status,
    acceptingBooths: acceptsBooths(status),
    acceptingApplications: acceptsApplications(status),
    counters,
    publishedAt: f.publishedAt ? iso(f.publishedAt) : null,
    createdAt: iso(f.createdAt),
    updatedAt: iso(f.updatedAt),
  };
}

async function loadFair(db: Executor, id: string, now: Date): Promise<JobFair> {
  const f = await repo.findFair(db, id);
  if (!f) throw new AppError('not_found');
  const c = await countersOf(db, [f]);
  return toFair(f, c.get(f.id) as FairCounters, now);
}

// ——— Fairs ———

export async function createFair(ctx: RequestContext, body: CreateJobFairBody): Promise<JobFair> {
  const actor = requireUser(ctx);
  if (!isStaffInDistrict(actor, body.districtCode)) throw fieldError('districtCode', 'outside_district');
  const now = ctx.now();
  const startsAt = new Date(body.startsAt);
  const endsAt = new Date(body.endsAt);
  if (body.publish && endsAt <= now) throw fieldError('endsAt', 'date_in_past');
  return ctx.db.transaction().execute(async (tx) => {
    const id = await repo.insertFair(tx, {
      theme: body.theme,
      titleZh: body.titleZh,
      titleEn: body.titleEn,
      description: body.description ?? '',
      mode: body.mode,
      venue: body.venue ?? null,
      districtCode: body.districtCode,
      startsAt,
      endsAt,
      targetGroups: [...new Set(body.targetGroups ?? ['general'])],
      targetRegionCodes: [...new Set(body.targetRegionCodes ?? [])],
      boothCapacity: body.boothCapacity ?? null,
      status: body.publish ? 'published' : 'draft',
      publishedAt: body.publish ? now : null,
      createdBy: actor.userId,
      at: now,
    });
    await writeAudit(tx, ctx, {
      action: body.publish ? 'job_fair.publish' : 'job_fair.create',
      entityType: 'job_fair',
      entityId: id,
      summary: {
        mode: body.mode,
        districtCode: body.districtCode,
        startsAt: body.startsAt,
        endsAt: body.endsAt,
        targetRegionCodes: body.targetRegionCodes ?? [],
        status: body.publish ? 'published' : 'draft',
      },
    });
    return loadFair(tx, id, now);
  });
}

/** Region codes a target list must share for a seeker of `code`: the code, its prefecture, its province. */
function containingCodes(code: string): string[] {
  return [...new Set([code, `${code.slice(0, 4)}00`, `${code.slice(0, 2)}0000`])];
}

export async function listFairs(ctx: RequestContext, q: ListJobFairsQuery): Promise<Page<JobFair>> {
  const now = ctx.now();
  const actor = ctx.actor;
  const draftDistricts =
    actor.kind === 'user' && actor.role === 'staff' && actor.permissions.has('fair:manage')
      ? actor.districtCodes
      : [];
  const { rows, total } = await repo.listFairs(ctx.db, {
    now,
    draftDistricts,
    status: q.status,
    mode: q.mode,
    targetRegionCodes: q.targetRegionCode ? containingCodes(q.targetRegionCode) : undefined,
    targetGroup: q.targetGroup,
    districtCode: q.districtCode,
    q: q.q,
    ...offsetOf(q),
  });
  const c = await countersOf(ctx.db, rows);
  return pageResult(
    rows.map((f) => toFair(f, c.get(f.id) as FairCounters, now)),
    total,
    q,
  );
}

export async function getFair(ctx: RequestContext, id: string): Promise<JobFair> {
  await visibleFair(ctx, ctx.db, id);
  return loadFair(ctx.db, id, ctx.now());
}

/** Edits and status changes (publish, cancel) by staff of the fair's district. */
export async function updateFair(ctx: RequestContext, id: string, body: UpdateJobFairBody): Promise<JobFair> {
  const actor = requireUser(ctx);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const fair = await managedFair(ctx, tx, id, { forUpdate: true });
    const from = effectiveStatus(fair, now);
    const { status, ...fields } = body;
    const changes = Object.keys(fields).filter((k) => fields[k as keyof typeof fields] !== undefined);
    if (changes.length > 0 && !editable(from)) {
      throw new AppError('conflict', {
        fields: [
          { path: changes[0] ?? 'status', code: from === 'live' ? 'fair_started' : 'invalid_transition' },
        ],
      });
    }
    if (status && !statusChangeAllowed(from, status)) {
      throw new AppError(from === 'closed' ? 'fair_closed' : 'conflict', {
        fields: [{ path: 'status', code: 'invalid_transition' }],
      });
    }
    if (fields.districtCode !== undefined && !isStaffInDistrict(actor, fields.districtCode))
      throw fieldError('districtCode', 'outside_district');
    const mode = fields.mode ?? fair.mode;
    const venue = fields.venue !== undefined ? fields.venue : fair.venue;
    if (mode === 'on_site' && !venue) throw fieldError('venue', 'venue_required');
    const startsAt = fields.startsAt ? new Date(fields.startsAt) : fair.startsAt;
    const endsAt = fields.endsAt ? new Date(fields.endsAt) : fair.endsAt;
    if (endsAt <= startsAt) throw fieldError('endsAt', 'ends_before_start');
    if (endsAt.getTime() - startsAt.getTime() > 31 * 86_400_000) throw fieldError('endsAt', 'date_too_far');
    // A published fair's window may move until it starts, but not so that it has started already.
    if (from === 'published' && (fields.startsAt || fields.endsAt) && startsAt <= now)
      throw new AppError('conflict', { fields: [{ path: 'startsAt', code: 'fair_started' }] });
    if (
      fields.boothCapacity !== undefined &&
      fields.boothCapacity !== null &&
      fields.boothCapacity < fair.approvedBooths
    )
      throw fieldError('boothCapacity', 'too_small');
    const publishing = status === 'published' && from === 'draft';
    if (publishing && endsAt <= now) throw fieldError('endsAt', 'date_in_past');
    await repo.updateFair(
      tx,
      id,
      {
        ...(fields.theme !== undefined ? { theme: fields.theme } : {}),
        ...(fields.titleZh !== undefined ? { titleZh: fields.titleZh } : {}),
        ...(fields.titleEn !== undefined ? { titleEn: fields.titleEn } : {}),
        ...(fields.description !== undefined ? { description: fields.description } : {}),
        ...(fields.mode !== undefined ? { mode: fields.mode } : {}),
        ...(fields.venue !== undefined ? { venue: fields.venue } : {}),
        ...(fields.districtCode !== undefined ? { districtCode: fields.districtCode } : {}),
        ...(fields.startsAt !== undefined ? { startsAt } : {}),
        ...(fields.endsAt !== undefined ? { endsAt } : {}),
        ...(fields.targetGroups !== undefined ? { targetGroups: [...new Set(fields.targetGroups)] } : {}),
        ...(fields.targetRegionCodes !== undefined
          ? { targetRegionCodes: [...new Set(fields.targetRegionCodes)] }
          : {}),
        ...(fields.boothCapacity !== undefined ? { boothCapacity: fields.boothCapacity } : {}),
        ...(status === 'cancelled' ? { status: 'cancelled' } : {}),
        ...(publishing ? { status: 'published', publishedAt: now } : {}),
      },
      now,
    );
    const to = status === 'cancelled' ? 'cancelled' : publishing ? 'published' : null;
    await writeAudit(tx, ctx, {
      action:
        to === 'cancelled' ? 'job_fair.cancel' : to === 'published' ? 'job_fair.publish' : 'job_fair.update',
      entityType: 'job_fair',
      entityId: id,
      summary: { fields: changes, ...(to ? { from, to } : {}) },
    });
    return loadFair(tx, id, now);
  });
}

// ——— Booths ———

async function toBooths(
  db: Executor,
  rows: repo.BoothRow[],
  fairs: Map<string, repo.FairRow>,
  now: Date,
  full: (b: repo.BoothRow) => boolean,
): Promise<JobFairBooth[]> {
  const ids = rows.map((r) => r.id);
  const fullIds = rows.filter(full).map((r) => r.id);
  const [postings, figures] = await Promise.all([
    repo.boothPostings(db, ids),
    repo.boothFigures(db, fullIds),
  ]);
  return rows.map((b) => {
    const fair = fairs.get(b.fairId);
    const fairStatus: FairStatus = fair ? effectiveStatus(fair, now) : 'closed';
    const seesAll = fullIds.includes(b.id);
    return {
      id: b.id,
      fairId: b.fairId,
      fairTitleZh: fair?.titleZh ?? '',
      fairTitleEn: fair?.titleEn ?? '',
      fairStatus,
      enterpriseId: b.enterpriseId,
      enterpriseName: b.enterpriseName,
      boothName: b.boothName,
      introduction: b.introduction,
      contactName: b.contactName,
      contactPhone: seesAll ? b.contactPhone : maskPhone(b.contactPhone),
      status: shownBoothStatus(b.status, fairStatus),
      reviewReason: seesAll ? b.reviewReason : null,
      reviewedAt: b.reviewedAt ? iso(b.reviewedAt) : null,
      postings: postings
        .filter((p) => p.boothId === b.id)
        .map((p) => ({
          postingId: p.postingId,
          title: p.title,
          occupationCode: p.occupationCode,
          districtCode: p.districtCode,
          headcount: p.headcount,
          hiredCount: p.hiredCount,
          salaryMinFen: p.salaryMinFen,
          salaryMaxFen: p.salaryMaxFen,
          salaryPeriod: p.salaryPeriod,
          status: p.status,
        })),
      figures: seesAll ? (figures.get(b.id) ?? null) : null,
      createdAt: iso(b.createdAt),
      updatedAt: iso(b.updatedAt),
    };
  });
}

async function loadBooth(
  ctx: RequestContext,
  db: Executor,
  fair: repo.FairRow,
  boothId: string,
): Promise<JobFairBooth> {
  const b = await repo.findBooth(db, boothId);
  if (!b) throw new AppError('not_found');
  const [out] = await toBooths(db, [b], new Map([[fair.id, fair]]), ctx.now(), () => true);
  if (!out) throw new AppError('not_found');
  return out;
}

/**
 * An enterprise clerk registers a booth with published postings of a verified enterprise of
 * theirs, until the fair ends. One live booth per enterprise and fair (a unique index decides).
 */
export async function registerBooth(
  ctx: RequestContext,
  fairId: string,
  body: RegisterBoothBody,
): Promise<JobFairBooth> {
  const actor = requireUser(ctx);
  const now = ctx.now();
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      const fair = await visibleFair(ctx, tx, fairId);
      const status = effectiveStatus(fair, now);
      if (!acceptsBooths(status)) throw new AppError('fair_closed');
      const enterprise = await assertCanManageEnterprise(ctx, body.enterpriseId);
      if (enterprise.status !== 'verified') throw new AppError('enterprise_not_verified');
      const ids = [...new Set(body.postingIds)];
      const open = await repo.openPostingsOf(tx, enterprise.id, ids, chinaToday(now));
      body.postingIds.forEach((pid, i) => {
        if (!open.has(pid)) throw fieldError(`postingIds.${i}`, 'posting_not_of_enterprise');
      });
      const id = await repo.insertBooth(
        tx,
        {
          fairId,
          enterpriseId: enterprise.id,
          boothName: body.boothName ?? enterprise.name.slice(0, 100),
          introduction: body.introduction ?? '',
          contactName: body.contactName,
          contactPhone: body.contactPhone,
          createdBy: actor.userId,
          at: now,
        },
        ids,
      );
      await writeAudit(tx, ctx, {
        action: 'job_fair_booth.register',
        entityType: 'job_fair_booth',
        entityId: id,
        summary: { fairId, enterpriseId: enterprise.id, postingIds: ids },
      });
      return loadBooth(ctx, tx, fair, id);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'job_fair_booths_enterprise_uniq'))
      throw new AppError('already_exists', {
        fields: [{ path: 'enterpriseId', code: 'booth_exists' }],
        cause: err,
      });
    throw err;
  }
}

/**
 * Booths of a fair: everyone sees approved ones (contact phone masked); the fair's staff see all
 * with figures; a clerk also sees their enterprises' own booths with figures.
 */
export async function listBooths(
  ctx: RequestContext,
  fairId: string,
  q: ListBoothsQuery,
): Promise<Page<JobFairBooth>> {
  const fair = await visibleFair(ctx, ctx.db, fairId);
  const staff = managesFair(ctx.actor, fair);
  const own =
    ctx.actor.kind === 'user' && ctx.actor.role === 'employer'
      ? await memberEnterpriseIds(ctx.db, ctx.actor.userId)
      : [];
  const now = ctx.now();
  const fairStatus = effectiveStatus(fair, now);
  const over = fairStatus === 'closed' || fairStatus === 'cancelled';
  // After the fair, pending and approved booths show as closed (job-fairs.workflow.ts shownBoothStatus).
  let statuses: string[] | undefined;
  if (q.status === 'closed') statuses = over ? ['pending', 'approved', 'closed'] : ['closed'];
  else if (q.status === 'approved' || q.status === 'pending') statuses = over ? [] : [q.status];
  else if (q.status) statuses = [q.status];
  const { rows, total } = await repo.listBooths(ctx.db, {
    fairId,
    publicPlus: staff ? undefined : own,
    statuses,
    occupationCode: q.occupationCode,
    q: q.q,
    ...offsetOf(q),
  });
  const items = await toBooths(
    ctx.db,
    rows,
    new Map([[fair.id, fair]]),
    now,
    (b) => staff || own.includes(b.enterpriseId),
  );
  return pageResult(items, total, q);
}

export async function reviewBooth(
  ctx: RequestContext,
  fairId: string,
  boothId: string,
  body: ReviewBoothBody,
): Promise<JobFairBooth> {
  const actor = requireUser(ctx);
  const now = ctx.now();
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      const fair = await managedFair(ctx, tx, fairId, { forUpdate: true });
      const booth = await repo.findBooth(tx, boothId, { forUpdate: true });
      if (!booth || booth.fairId !== fairId) throw new AppError('not_found');
      const status = effectiveStatus(fair, now);
      if (status === 'closed' || status === 'cancelled') throw new AppError('fair_closed');
      if (!boothReviewAllowed(booth.status, body.decision))
        throw new AppError('conflict', { fields: [{ path: 'decision', code: 'invalid_transition' }] });
      const to = body.decision === 'approve' ? 'approved' : 'rejected';
      if (to === 'approved' && !(await repo.takeBoothPlace(tx, fairId))) throw new AppError('fair_full');
      if (booth.status === 'approved' && to === 'rejected') await repo.releaseBoothPlace(tx, fairId);
      if (
        !(await repo.setBoothStatus(
          tx,
          boothId,
          booth.status,
          to,
          { reason: body.reason ?? null, by: actor.userId },
          now,
        ))
      )
        throw new AppError('conflict');
      await writeAudit(tx, ctx, {
        action: `job_fair_booth.${to === 'approved' ? 'approve' : 'reject'}`,
        entityType: 'job_fair_booth',
        entityId: boothId,
        summary: { fairId, from: booth.status, to, reason: body.reason ?? null },
      });
      if (booth.createdBy) {
        await createNotification(tx, {
          userId: booth.createdBy,
          kind: 'fair_booth_review',
          titleZh: to === 'approved' ? `展位已通过审核：${fair.titleZh}` : `展位未通过审核：${fair.titleZh}`,
          titleEn:
            to === 'approved' ? `Booth approved: ${fair.titleEn}` : `Booth not approved: ${fair.titleEn}`,
          body: { fairId, boothId, status: to, reason: body.reason ?? null },
          link: `/employer/fairs/${fairId}`,
          dedupeKey: `fair_booth:${boothId}:${to}:${now.getTime()}`,
          at: now,
        });
      }
      return loadBooth(ctx, tx, fair, boothId);
    });
  } catch (err) {
    // approved_booths <= booth_capacity: the database's last word if two approvals raced.
    if (isCheckViolation(err)) throw new AppError('fair_full', { cause: err });
    throw err;
  }
}

export async function withdrawBooth(
  ctx: RequestContext,
  fairId: string,
  boothId: string,
): Promise<JobFairBooth> {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const fair = await visibleFair(ctx, tx, fairId, { forUpdate: true });
    const booth = await repo.findBooth(tx, boothId, { forUpdate: true });
    if (!booth || booth.fairId !== fairId) throw new AppError('not_found');
    await assertCanManageEnterprise(ctx, booth.enterpriseId);
    const status = effectiveStatus(fair, now);
    if (status === 'closed' || status === 'cancelled') throw new AppError('fair_closed');
    if (!boothWithdrawAllowed(booth.status))
      throw new AppError('conflict', { fields: [{ path: 'status', code: 'invalid_transition' }] });
    if (booth.status === 'approved') await repo.releaseBoothPlace(tx, fairId);
    if (!(await repo.setBoothStatus(tx, boothId, booth.status, 'withdrawn', null, now)))
      throw new AppError('conflict');
    await writeAudit(tx, ctx, {
      action: 'job_fair_booth.withdraw',
      entityType: 'job_fair_booth',
      entityId: boothId,
      summary: { fairId, from: booth.status, to: 'withdrawn' },
    });
    return loadBooth(ctx, tx, fair, boothId);
  });
}

/** The booths of the caller's enterprises at every fair, newest first. */
export async function listMyBooths(
  ctx: RequestContext,
  q: PageQuery & { status?: string | undefined },
): Promise<Page<JobFairBooth>> {
  const actor = requireUser(ctx);
  const own = await memberEnterpriseIds(ctx.db, actor.userId);
  const { rows, total } = await repo.listBooths(ctx.db, {
    enterpriseIds: own,
    statuses: q.status ? [q.status] : undefined,
    ...offsetOf(q),
  });
  const fairs = await repo.findFairs(
    ctx.db,
    rows.map((r) => r.fairId),
  );
  const items = await toBooths(ctx.db, rows, new Map(fairs.map((f) => [f.id, f])), ctx.now(), () => true);
  return pageResult(items, total, q);
}

// ——— Seekers: visits, registrations ———

function refuseOutsideWindow(status: FairStatus): void {
  if (status === 'closed' || status === 'cancelled') throw new AppError('fair_closed');
  if (status !== 'live') throw new AppError('fair_not_live');
}

/**
 * A seeker enters the fair or opens a booth's posting through it, while it is live. The first
 * entry counts them as a visitor (the counter goes up in the same transaction as the visit row,
 * which the primary key keeps unique); opening a posting records the attribution of their
 * application to the fair. After the window: 409 fair_closed (the booths are closed).
 */
export async function visit(
  ctx: RequestContext,
  fairId: string,
  body: { boothId?: string | undefined; postingId?: string | undefined },
): Promise<FairVisit> {
  const actor = requireUser(ctx);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const fair = await visibleFair(ctx, tx, fairId);
    refuseOutsideWindow(effectiveStatus(fair, now));
    let attribution: { openedAt: Date; inserted: boolean } | null = null;
    if (body.boothId && body.postingId) {
      const booth = await repo.findBooth(tx, body.boothId);
      if (!booth || booth.fairId !== fairId) throw fieldError('boothId', 'booth_not_approved');
      if (booth.status !== 'approved') throw fieldError('boothId', 'booth_not_approved');
      if (!(await repo.boothHasPosting(tx, booth.id, body.postingId)))
        throw fieldError('postingId', 'posting_not_in_booth');
      attribution = await repo.attribute(tx, {
        fairId,
        boothId: booth.id,
        postingId: body.postingId,
        seekerUserId: actor.userId,
        at: now,
      });
    }
    const firstVisit = await repo.insertVisit(tx, fairId, actor.userId, now);
    if (firstVisit) await repo.bump(tx, fairId, 'visitors');
    if (firstVisit || attribution?.inserted) {
      await writeAudit(tx, ctx, {
        action: attribution?.inserted ? 'job_fair.posting_opened' : 'job_fair.visit',
        entityType: 'job_fair',
        entityId: fairId,
        summary: {
          firstVisit,
          ...(attribution ? { boothId: body.boothId, postingId: body.postingId } : {}),
        },
      });
    }
    return {
      fairId,
      firstVisit,
      boothId: body.boothId ?? null,
      postingId: body.postingId ?? null,
      attributedAt: attribution ? iso(attribution.openedAt) : null,
      applyPath: body.postingId ? `/api/v1/job-postings/${body.postingId}/applications` : null,
    };
  });
}

const CODE_PREFIX = 'JYF1';

function checkInMac(keys: Keys, registrationId: string, salt: Buffer): string {
  return createHmac('sha256', keys.hmac)
    .update('jiuye:fair-check-in:')
    .update(registrationId)
    .update(salt)
    .digest('base64url')
    .slice(0, 22);
}

export function checkInCodeOf(keys: Keys, registrationId: string, salt: Buffer): string {
  return `${CODE_PREFIX}.${registrationId}.${checkInMac(keys, registrationId, salt)}`;
}

function parseCheckInCode(code: string): { registrationId: string; mac: string } | null {
  const m = /^JYF1\.([0-9a-f-]{36})\.([A-Za-z0-9_-]{22})$/.exec(code.trim());
  return m?.[1] && m[2] ? { registrationId: m[1], mac: m[2] } : null;
}

function toRegistration(keys: Keys, r: repo.RegistrationRow, fair: repo.FairRow): FairRegistration {
  return {
    id: r.id,
    fairId: r.fairId,
    fairTitleZh: fair.titleZh,
    fairTitleEn: fair.titleEn,
    venue: fair.venue,
    startsAt: iso(fair.startsAt),
    endsAt: iso(fair.endsAt),
    checkInCode: checkInCodeOf(keys, r.id, r.codeSalt),
    checkedInAt: r.checkedInAt ? iso(r.checkedInAt) : null,
    createdAt: iso(r.createdAt),
  };
}

/**
 * A seeker registers for an on-site fair before or during it and gets a signed check-in code
 * (shown as a QR code). Registering again answers the same registration.
 */
export async function registerForFair(
  ctx: RequestContext,
  fairId: string,
): Promise<{ registration: FairRegistration; created: boolean }> {
  const actor = requireUser(ctx);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const fair = await visibleFair(ctx, tx, fairId);
    const status = effectiveStatus(fair, now);
    if (fair.mode !== 'on_site')
      throw new AppError('conflict', { fields: [{ path: 'id', code: 'not_on_site' }] });
    if (status === 'closed' || status === 'cancelled') throw new AppError('fair_closed');
    const created = await repo.insertRegistration(tx, {
      fairId,
      seekerUserId: actor.userId,
      codeSalt: randomBytes(16),
      at: now,
    });
    const r = await repo.findRegistrationOf(tx, fairId, actor.userId);
    if (!r) throw new AppError('conflict');
    if (created) {
      await repo.bump(tx, fairId, 'registrations');
      await writeAudit(tx, ctx, {
        action: 'job_fair.register',
        entityType: 'job_fair_registration',
        entityId: r.id,
        summary: { fairId },
      });
    }
    return { registration: toRegistration(ctx.deps.keys, r, fair), created };
  });
}

export async function listMyRegistrations(
  ctx: RequestContext,
  q: PageQuery,
): Promise<Page<FairRegistration>> {
  const actor = requireUser(ctx);
  const { limit, offset } = offsetOf(q);
  const { rows, total } = await repo.listRegistrationsOf(ctx.db, actor.userId, limit, offset);
  const fairs = new Map(
    (
      await repo.findFairs(
        ctx.db,
        rows.map((r) => r.fairId),
      )
    ).map((f) => [f.id, f]),
  );
  return pageResult(
    rows.flatMap((r) => {
      const f = fairs.get(r.fairId);
      return f ? [toRegistration(ctx.deps.keys, r, f)] : [];
    }),
    total,
    q,
  );
}

/**
 * Staff of the fair scan a registration's code at the door while the fair is live: one check-in row
 * per registration (its primary key), the counter raised with it; a repeated scan changes nothing.
 * A check-in also counts the seeker as a visitor.
 */
export async function checkIn(
  ctx: RequestContext,
  fairId: string,
  body: { code: string },
): Promise<CheckInResult> {
  const actor = requireUser(ctx);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const fair = await managedFair(ctx, tx, fairId);
    if (fair.mode !== 'on_site')
      throw new AppError('conflict', { fields: [{ path: 'id', code: 'not_on_site' }] });
    const parsed = parseCheckInCode(body.code);
    if (!parsed) throw fieldError('code', 'check_in_code_invalid');
    const reg = await repo.findRegistration(tx, parsed.registrationId);
    if (!reg || reg.fairId !== fairId) throw fieldError('code', 'check_in_code_invalid');
    const want = Buffer.from(checkInMac(ctx.deps.keys, reg.id, reg.codeSalt));
    const got = Buffer.from(parsed.mac);
    if (want.length !== got.length || !timingSafeEqual(want, got))
      throw fieldError('code', 'check_in_code_invalid');
    refuseOutsideWindow(effectiveStatus(fair, now));
    const first = await repo.insertCheckIn(tx, { registrationId: reg.id, fairId, by: actor.userId, at: now });
    if (first) {
      await repo.bump(tx, fairId, 'checkIns');
      if (await repo.insertVisit(tx, fairId, reg.seekerUserId, now)) await repo.bump(tx, fairId, 'visitors');
      await writeAudit(tx, ctx, {
        action: 'job_fair.check_in',
        entityType: 'job_fair_registration',
        entityId: reg.id,
        summary: { fairId, seekerUserId: reg.seekerUserId },
      });
    }
    const after = await repo.findRegistration(tx, reg.id);
    const who = await repo.seekerContact(tx, reg.seekerUserId);
    return {
      registrationId: reg.id,
      fairId,
      seekerName: who?.fullName ?? '',
      phoneMasked: who ? maskPhone(who.phone) : '',
      checkedInAt: iso(after?.checkedInAt ?? now),
      alreadyCheckedIn: !first,
    };
  });
}

// ——— Figures ———

export async function getStats(ctx: RequestContext, fairId: string): Promise<FairStats> {
  const fair = await visibleFair(ctx, ctx.db, fairId);
  const now = ctx.now();
  const c = await countersOf(ctx.db, [fair]);
  return {
    fairId,
    status: effectiveStatus(fair, now),
    asOf: iso(now),
    counters: c.get(fair.id) as FairCounters,
  };
}

/** The staff's report: totals, each booth's figures, applicants by origin and from the target regions. */
export async function getReport(ctx: RequestContext, fairId: string): Promise<FairReport> {
  const fair = await managedFair(ctx, ctx.db, fairId);
  const now = ctx.now();
  const c = await countersOf(ctx.db, [fair]);
  const counters = c.get(fair.id) as FairCounters;
  const booths = await repo.allBoothsOf(ctx.db, fairId);
  const [figures, postings, origins, fromTargets] = await Promise.all([
    repo.boothFigures(
      ctx.db,
      booths.map((b) => b.id),
    ),
    repo.boothPostings(
      ctx.db,
      booths.map((b) => b.id),
    ),
    repo.applicantsByOrigin(ctx.db, fairId),
    repo.applicantsFromPrefixes(ctx.db, fairId, fair.targetRegionCodes.map(regionPrefix)),
  ]);
  const status = effectiveStatus(fair, now);
  return {
    fair: toFair(fair, counters, now),
    final: status === 'closed' || status === 'cancelled',
    asOf: iso(now),
    counters,
    booths: booths.map((b) => ({
      boothId: b.id,
      enterpriseId: b.enterpriseId,
      enterpriseName: b.enterpriseName,
      boothName: b.boothName,
      status: shownBoothStatus(b.status, status),
      postings: postings.filter((p) => p.boothId === b.id).length,
      figures: figures.get(b.id) ?? { visits: 0, ...ZERO_FIGURES },
    })),
    applicantsByOrigin: origins.map((o) => ({
      regionCode: o.regionCode,
      regionName: o.regionName ?? '',
      applications: o.applications,
      hires: o.hires,
    })),
    fromTargetRegions: fromTargets,
  };
}

/** Marks fairs past their window closed and closes their booths (audited as the system). */
export async function closeEndedFairs(db: Db, now: Date): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const ids = await repo.closeEndedFairs(tx, now);
    for (const id of ids) {
      await writeAudit(tx, null, {
        action: 'job_fair.close',
        entityType: 'job_fair',
        entityId: id,
        summary: { from: 'published', to: 'closed', by: 'sweep' },
      });
    }
    return ids.length;
  });
}

/** Outcomes of the fairs whose window starts in [from, to) (drafts left out): for monitoring. */
export async function fairOutcomes(
  db: Executor,
  period: { from: Date; to: Date },
  now: Date,
): Promise<
  {
    fairId: string;
    titleZh: string;
    titleEn: string;
    districtCode: string;
    startsAt: string;
    endsAt: string;
    status: FairStatus;
    targetRegionCodes: string[];
    counters: FairCounters;
  }[]
> {
  const fairs = await repo.fairsStartingIn(db, period.from, period.to);
  const c = await countersOf(db, fairs);
  return fairs.map((f) => ({
    fairId: f.id,
    titleZh: f.titleZh,
    titleEn: f.titleEn,
    districtCode: f.districtCode,
    startsAt: iso(f.startsAt),
    endsAt: iso(f.endsAt),
    status: effectiveStatus(f, now),
    targetRegionCodes: f.targetRegionCodes,
    counters: c.get(f.id) as FairCounters,
  }));
}
