import {
  maskPhone,
  type CreatePartnerRegionBody,
  type CreateReferralBody,
  type ListPartnerRegionsQuery,
  type ListReferralsQuery,
  type ListRegionSeekersQuery,
  type ListTargetedPostingsQuery,
  type PartnerRegion,
  type PageQuery,
  type PostingTargets,
  type Referral,
  type RegionSeeker,
  type RegionStats,
  type RegionStatsQuery,
  type TargetedPosting,
  type UpdatePartnerRegionBody,
} from '@jiuye/shared';
import type { Executor } from '../../db/database.js';
import { writeAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { offsetOf, pageResult, type Page } from '../../platform/pagination.js';
import { createNotification } from '../alerts/index.js';
import { memberEnterpriseIds } from '../enterprises/index.js';
import { chinaToday } from '../postings/index.js';
import {
  accountCoversRegion,
  isBureauCoordinator,
  isCoordinator,
  isInCity,
  isPartnerOfficer,
  isPostingClerk,
  isPrefectureOrCounty,
  staffMayTarget,
  type UserActor,
} from './partner-regions.policy.js';
import * as repo from './partner-regions.repository.js';

type Contact = { name: string; title: string; phone: string };

function requireUser(ctx: RequestContext): UserActor {
  if (ctx.actor.kind !== 'user') throw new AppError('forbidden');
  return ctx.actor;
}

function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = err as { code?: unknown; constraint?: unknown };
  return e.code === '23505' && (constraint === undefined || e.constraint === constraint);
}

const iso = (d: Date) => d.toISOString();

/** The first moment of a China calendar day (UTC+8, no daylight saving). */
export function chinaDayStart(date: string): Date {
  return new Date(`${date}T00:00:00+08:00`);
}

function contactsOf(v: unknown): Contact[] {
  if (!Array.isArray(v)) return [];
  return v
    .filter((c): c is Record<string, unknown> => typeof c === 'object' && c !== null)
    .map((c) => ({
      name: typeof c.name === 'string' ? c.name : '',
      title: typeof c.title === 'string' ? c.title : '',
      phone: typeof c.phone === 'string' ? c.phone : '',
    }));
}

/** How the caller stands towards one region. */
type RegionRelation = 'coordinator' | 'officer' | 'clerk';

/**
 * The caller's relation to a region, or null (→ 404). An officer is one attached to the region whose
 * account still names it; a clerk sees active regions only.
 */
async function relationTo(
  db: Executor,
  actor: UserActor,
  region: repo.RegionRow,
): Promise<RegionRelation | null> {
  if (isCoordinator(actor)) return 'coordinator';
  if (isPartnerOfficer(actor)) {
    if (!accountCoversRegion(actor.districtCodes, region.regionCode.trim())) return null;
    return (await repo.isAttached(db, region.id, actor.userId)) ? 'officer' : null;
  }
  if (isPostingClerk(actor)) return region.status === 'active' ? 'clerk' : null;
  return null;
}

async function loadRegion(
  db: Executor,
  actor: UserActor,
  id: string,
  allowed: readonly RegionRelation[],
  o: { forUpdate?: boolean } = {},
): Promise<{ region: repo.RegionRow; rel: RegionRelation }> {
  const region = await repo.findRegion(db, id, o);
  if (!region) throw new AppError('not_found');
  const rel = await relationTo(db, actor, region);
  if (!rel) throw new AppError('not_found');
  if (!allowed.includes(rel)) throw new AppError('forbidden');
  return { region, rel };
}

async function toRegions(
  db: Executor,
  rows: repo.RegionRow[],
  rel: RegionRelation,
): Promise<PartnerRegion[]> {
  const ids = rows.map((r) => r.id);
  const [names, officers, counts] = await Promise.all([
    repo.regionNames(
      db,
      rows.map((r) => r.regionCode),
    ),
    rel === 'clerk' ? Promise.resolve([]) : repo.officersOf(db, ids),
    repo.targetedCounts(db, ids),
  ]);
  const clerkView = rel === 'clerk';
  return rows.map((r) => {
    const code = r.regionCode.trim();
    return {
      id: r.id,
      regionCode: code,
      regionName: names.get(code) ?? r.name,
      name: r.name,
      agreementStartsOn: r.agreementStartsOn,
      agreementEndsOn: r.agreementEndsOn,
      status: r.status as PartnerRegion['status'],
      contacts: clerkView ? [] : contactsOf(r.contacts),
      note: clerkView ? '' : r.note,
      officers: clerkView
        ? []
        : officers
            .filter((o) => o.partnerRegionId === r.id)
            .map((o) => ({
              userId: o.userId,
              displayName: o.displayName,
              phoneMasked: maskPhone(o.phone),
              districtCodes: o.districtCodes,
              attachedAt: iso(o.attachedAt),
            })),
      targetedPostingCount: counts.get(r.id) ?? 0,
      createdAt: iso(r.createdAt),
      updatedAt: iso(r.updatedAt),
    };
  });
}

async function oneRegion(db: Executor, id: string, rel: RegionRelation): Promise<PartnerRegion> {
  const row = await repo.findRegion(db, id);
  if (!row) throw new AppError('not_found');
  const [r] = await toRegions(db, [row], rel);
  if (!r) throw new AppError('not_found');
  return r;
}

// ——— Regions ———

/** A city-wide officer records a partner region (a prefecture or county outside Zhanjiang). */
export async function createRegion(
  ctx: RequestContext,
  body: CreatePartnerRegionBody,
): Promise<PartnerRegion> {
  const actor = requireUser(ctx);
  if (!isBureauCoordinator(actor)) throw new AppError('forbidden');
  const code = body.regionCode;
  if (isInCity(code)) throw fieldError('regionCode', 'partner_region_in_city');
  if (!isPrefectureOrCounty(code)) throw fieldError('regionCode', 'partner_region_level');
  const now = ctx.now();
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      if (await repo.findRegionByCode(tx, code)) throw fieldError('regionCode', 'partner_region_exists');
      const name = body.name ?? (await repo.regionNames(tx, [code])).get(code) ?? code;
      const id = await repo.insertRegion(tx, {
        regionCode: code,
        name,
        agreementStartsOn: body.agreementStartsOn,
        agreementEndsOn: body.agreementEndsOn ?? null,
        contacts: body.contacts ?? [],
        note: body.note ?? '',
        createdBy: actor.userId,
        at: now,
      });
      await writeAudit(tx, ctx, {
        action: 'partner_region.create',
        entityType: 'partner_region',
        entityId: id,
        summary: { regionCode: code, name, agreementStartsOn: body.agreementStartsOn },
      });
      return oneRegion(tx, id, 'coordinator');
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw fieldError('regionCode', 'partner_region_exists');
    throw err;
  }
}

export async function listRegions(
  ctx: RequestContext,
  q: ListPartnerRegionsQuery,
): Promise<Page<PartnerRegion>> {
  const actor = requireUser(ctx);
  let ids: string[] | undefined;
  let status = q.status;
  let rel: RegionRelation;
  if (isCoordinator(actor)) rel = 'coordinator';
  else if (isPartnerOfficer(actor)) {
    rel = 'officer';
    const attached = await repo.findRegions(ctx.db, await repo.officerRegionIds(ctx.db, actor.userId));
    ids = attached
      .filter((r) => accountCoversRegion(actor.districtCodes, r.regionCode.trim()))
      .map((r) => r.id);
  } else if (isPostingClerk(actor)) {
    rel = 'clerk';
    if (status === 'ended') return pageResult([], 0, q);
    status = 'active';
  } else throw new AppError('forbidden');
  const { rows, total } = await repo.listRegions(ctx.db, { ids, status, q: q.q, ...offsetOf(q) });
  return pageResult(await toRegions(ctx.db, rows, rel), total, q);
}

export async function getRegion(ctx: RequestContext, id: string): Promise<PartnerRegion> {
  const actor = requireUser(ctx);
  const { rel } = await loadRegion(ctx.db, actor, id, ['coordinator', 'officer', 'clerk']);
  return oneRegion(ctx.db, id, rel);
}

export async function updateRegion(
  ctx: RequestContext,
  id: string,
  body: UpdatePartnerRegionBody,
): Promise<PartnerRegion> {
  const actor = requireUser(ctx);
  return ctx.db.transaction().execute(async (tx) => {
    const { region } = await loadRegion(tx, actor, id, ['coordinator'], { forUpdate: true });
    if (!isBureauCoordinator(actor)) throw new AppError('forbidden');
    const starts = body.agreementStartsOn ?? region.agreementStartsOn;
    const ends = body.agreementEndsOn === undefined ? region.agreementEndsOn : body.agreementEndsOn;
    if (ends !== null && ends < starts) throw fieldError('agreementEndsOn', 'date_order');
    await repo.updateRegion(
      tx,
      id,
      {
        name: body.name,
        agreementStartsOn: body.agreementStartsOn,
        agreementEndsOn: body.agreementEndsOn,
        contacts: body.contacts?.map((c) => ({ name: c.name, title: c.title ?? '', phone: c.phone })),
        note: body.note,
        status: body.status,
      },
      ctx.now(),
    );
    await writeAudit(tx, ctx, {
      action:
        body.status && body.status !== region.status
          ? `partner_region.${body.status}`
          : 'partner_region.update',
      entityType: 'partner_region',
      entityId: id,
      summary: {
        fields: Object.keys(body),
        ...(body.status ? { from: region.status, to: body.status } : {}),
      },
    });
    return oneRegion(tx, id, 'coordinator');
  });
}

/** Attaches a partner officer: an active `partner` account whose region codes name this region. */
export async function attachOfficer(ctx: RequestContext, id: string, userId: string): Promise<PartnerRegion> {
  const actor = requireUser(ctx);
  return ctx.db.transaction().execute(async (tx) => {
    const { region } = await loadRegion(tx, actor, id, ['coordinator'], { forUpdate: true });
    if (!isBureauCoordinator(actor)) throw new AppError('forbidden');
    const user = await repo.findUser(tx, userId);
    if (
      !user ||
      user.role !== 'partner' ||
      user.status !== 'active' ||
      !accountCoversRegion(user.districtCodes, region.regionCode.trim())
    )
      throw fieldError('userId', 'not_partner_officer');
    if (await repo.attachOfficer(tx, id, userId, actor.userId, ctx.now())) {
      await writeAudit(tx, ctx, {
        action: 'partner_region.officer_attach',
        entityType: 'partner_region',
        entityId: id,
        summary: { userId, regionCode: region.regionCode.trim() },
      });
    }
    return oneRegion(tx, id, 'coordinator');
  });
}

export async function detachOfficer(ctx: RequestContext, id: string, userId: string): Promise<PartnerRegion> {
  const actor = requireUser(ctx);
  return ctx.db.transaction().execute(async (tx) => {
    await loadRegion(tx, actor, id, ['coordinator'], { forUpdate: true });
    if (!isBureauCoordinator(actor)) throw new AppError('forbidden');
    if (!(await repo.detachOfficer(tx, id, userId))) throw new AppError('not_found');
    await writeAudit(tx, ctx, {
      action: 'partner_region.officer_detach',
      entityType: 'partner_region',
      entityId: id,
      summary: { userId },
    });
    return oneRegion(tx, id, 'coordinator');
  });
}

// ——— Targeting postings ———

/** Targeting is open while a posting can still be (or is) published. */
const TARGETABLE_STATUSES = new Set(['draft', 'pending_review', 'published', 'paused']);

async function postingForTargeting(
  db: Executor,
  actor: UserActor,
  postingId: string,
): Promise<repo.PostingRow> {
  const posting = await repo.findPosting(db, postingId);
  if (!posting) throw new AppError('not_found');
  if (staffMayTarget(actor, posting.districtCode)) return posting;
  if (isPostingClerk(actor) && (await memberEnterpriseIds(db, actor.userId)).includes(posting.enterpriseId))
    return posting;
  throw new AppError('not_found');
}

function toTargets(postingId: string, rows: repo.TargetRow[]): PostingTargets {
  return {
    postingId,
    targets: rows.map((t) => ({
      partnerRegionId: t.partnerRegionId,
      regionCode: t.regionCode.trim(),
      name: t.name,
      targetedAt: iso(t.targetedAt),
    })),
  };
}

export async function getPostingTargets(ctx: RequestContext, postingId: string): Promise<PostingTargets> {
  const actor = requireUser(ctx);
  await postingForTargeting(ctx.db, actor, postingId);
  return toTargets(postingId, await repo.targetsOf(ctx.db, postingId));
}

/**
 * Sets the partner regions a posting is promoted in (the whole list). The officers of a region that
 * is newly targeted are told when the posting is published.
 */
export async function setPostingTargets(
  ctx: RequestContext,
  postingId: string,
  body: { partnerRegionIds: string[] },
): Promise<PostingTargets> {
  const actor = requireUser(ctx);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const posting = await postingForTargeting(tx, actor, postingId);
    const wanted = [...new Set(body.partnerRegionIds)];
    const regions = await repo.findRegions(tx, wanted);
    const current = (await repo.targetsOf(tx, postingId)).map((t) => t.partnerRegionId);
    // A region whose agreement ended keeps the postings already targeted there, but gets no new ones.
    body.partnerRegionIds.forEach((rid, i) => {
      const r = regions.find((x) => x.id === rid);
      if (!r || (r.status !== 'active' && !current.includes(rid)))
        throw fieldError(`partnerRegionIds.${i}`, 'partner_region_unknown');
    });
    const added = wanted.filter((rid) => !current.includes(rid));
    const removed = current.filter((rid) => !wanted.includes(rid));
    if (added.length > 0 && !TARGETABLE_STATUSES.has(posting.status)) throw new AppError('posting_not_open');
    await repo.deleteTargets(tx, postingId, removed);
    await repo.insertTargets(tx, postingId, added, actor.userId, now);
    if (added.length > 0 || removed.length > 0) {
      await writeAudit(tx, ctx, {
        action: 'posting.partner_targets',
        entityType: 'job_posting',
        entityId: postingId,
        summary: { added, removed },
      });
    }
    if (posting.status === 'published' && added.length > 0) {
      const officers = await repo.officersOf(tx, added);
      for (const o of officers) {
        await createNotification(tx, {
          userId: o.userId,
          kind: 'partner_posting_targeted',
          titleZh: `新的定向岗位：${posting.title}`,
          titleEn: `New job targeted at your region: ${posting.title}`,
          body: { postingId, partnerRegionId: o.partnerRegionId },
          link: `/partner/regions/${o.partnerRegionId}/postings`,
          dedupeKey: `partner_target:${o.partnerRegionId}:${postingId}`,
          at: now,
        });
      }
    }
    return toTargets(postingId, await repo.targetsOf(tx, postingId));
  });
}

export async function listTargetedPostings(
  ctx: RequestContext,
  id: string,
  q: ListTargetedPostingsQuery,
): Promise<Page<TargetedPosting>> {
  const actor = requireUser(ctx);
  const { rel } = await loadRegion(ctx.db, actor, id, ['coordinator', 'officer']);
  const { rows, total } = await repo.listTargetedPostings(ctx.db, id, {
    openOnly: rel === 'officer',
    today: chinaToday(ctx.now()),
    occupationCode: q.occupationCode,
    q: q.q,
    ...offsetOf(q),
  });
  return pageResult(
    rows.map((r) => ({
      postingId: r.postingId,
      title: r.title,
      enterpriseId: r.enterpriseId,
      enterpriseName: r.enterpriseName,
      occupationCode: r.occupationCode,
      occupationName: r.occupationName,
      districtCode: r.districtCode.trim(),
      districtName: r.districtName,
      headcount: r.headcount,
      hiredCount: r.hiredCount,
      salaryMinFen: r.salaryMinFen,
      salaryMaxFen: r.salaryMaxFen,
      salaryPeriod: r.salaryPeriod,
      benefits: r.benefits,
      expiresOn: r.expiresOn,
      status: r.status,
      targetedAt: iso(r.targetedAt),
      referralCount: r.referralCount,
    })),
    total,
    q,
  );
}

// ——— Seekers and referrals ———

/** The region's officers reach its seekers only while the cooperation agreement runs. */
function agreementEnded(): AppError {
  return new AppError('conflict', {
    detail: {
      'zh-CN': '与该地区的劳务协作协议已终止，不能再查看或推荐求职者',
      'en-US': 'The cooperation agreement with this region has ended: no more seekers or referrals',
    },
  });
}

/**
 * The region's seekers for its officers: visible résumés (the seeker's consent to be found by
 * employers) whose household or current region lies in the region. The read is audited: an
 * officer of another administration reads personal data held by the bureau.
 */
export async function listSeekers(
  ctx: RequestContext,
  id: string,
  q: ListRegionSeekersQuery,
): Promise<Page<RegionSeeker>> {
  const actor = requireUser(ctx);
  const { region } = await loadRegion(ctx.db, actor, id, ['officer']);
  if (region.status !== 'active') throw agreementEnded();
  return ctx.db.transaction().execute(async (tx) => {
    const { rows, total } = await repo.listRegionSeekers(tx, region.regionCode.trim(), id, {
      occupationCode: q.occupationCode,
      q: q.q,
      willingToRelocate: q.willingToRelocate,
      ...offsetOf(q),
    });
    if (rows.length > 0) {
      await writeAudit(tx, ctx, {
        action: 'partner_region.seekers_read',
        entityType: 'partner_region',
        entityId: id,
        summary: { seekers: rows.map((r) => r.seekerUserId), page: q.page },
      });
    }
    return pageResult(
      rows.map((r) => ({
        seekerUserId: r.seekerUserId,
        fullName: r.fullName,
        phoneMasked: maskPhone(r.phone),
        householdRegionCode: r.householdRegionCode,
        currentRegionCode: r.currentRegionCode,
        educationLevel: r.educationLevel,
        skills: r.skills,
        experienceYears: r.experienceYears,
        desiredOccupationCodes: r.desiredOccupationCodes,
        desiredDistrictCodes: r.desiredDistrictCodes,
        availableFrom: r.availableFrom,
        willingToRelocate: r.willingToRelocate,
        referralCount: r.referralCount,
        updatedAt: iso(r.updatedAt),
      })),
      total,
      q,
    );
  });
}

function toReferral(r: repo.ReferralRow): Referral {
  return {
    id: r.id,
    partnerRegionId: r.partnerRegionId,
    regionCode: r.regionCode,
    seekerUserId: r.seekerUserId,
    seekerName: r.seekerName,
    postingId: r.postingId,
    postingTitle: r.postingTitle,
    enterpriseName: r.enterpriseName,
    note: r.note,
    referredByName: r.referredByName,
    outcome: r.hired ? 'hired' : r.applied ? 'applied' : 'referred',
    createdAt: iso(r.createdAt),
  };
}

/**
 * An officer refers one of the region's seekers to a published posting targeted at the region.
 * Once per seeker and posting (the unique key decides races); the seeker is told.
 */
export async function refer(ctx: RequestContext, id: string, body: CreateReferralBody): Promise<Referral> {
  const actor = requireUser(ctx);
  const now = ctx.now();
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      const { region } = await loadRegion(tx, actor, id, ['officer']);
      if (region.status !== 'active') throw agreementEnded();
      const posting = await repo.findPosting(tx, body.postingId);
      if (!posting || !(await repo.isTargeted(tx, body.postingId, id)))
        throw fieldError('postingId', 'posting_not_targeted');
      if (posting.status !== 'published' || posting.expiresOn < chinaToday(now))
        throw new AppError('posting_not_open');
      if (posting.hiredCount >= posting.headcount) throw new AppError('posting_filled');
      const seeker = await repo.findRegionSeeker(tx, region.regionCode.trim(), body.seekerUserId);
      if (!seeker) throw fieldError('seekerUserId', 'seeker_outside_region');
      const refId = await repo.insertReferral(tx, {
        partnerRegionId: id,
        seekerUserId: body.seekerUserId,
        postingId: body.postingId,
        note: body.note ?? '',
        referredBy: actor.userId,
        at: now,
      });
      await createNotification(tx, {
        userId: body.seekerUserId,
        kind: 'partner_referral',
        titleZh: `${region.name}劳务协作站向您推荐岗位：${posting.title}`,
        titleEn: `${region.name} labour office recommends a job to you: ${posting.title}`,
        body: { referralId: refId, postingId: body.postingId, partnerRegionId: id, note: body.note ?? '' },
        link: `/seeker/jobs/${body.postingId}`,
        dedupeKey: `partner_referral:${refId}`,
        at: now,
      });
      await writeAudit(tx, ctx, {
        action: 'partner_referral.create',
        entityType: 'partner_referral',
        entityId: refId,
        summary: { partnerRegionId: id, postingId: body.postingId, seekerUserId: body.seekerUserId },
      });
      const { rows } = await repo.listReferrals(tx, { ids: [refId], limit: 1, offset: 0 });
      const row = rows[0];
      if (!row) throw new AppError('not_found');
      return toReferral(row);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'partner_referrals_posting_id_seeker_user_id_key'))
      throw new AppError('already_referred', { cause: err });
    throw err;
  }
}

export async function listReferrals(
  ctx: RequestContext,
  id: string,
  q: ListReferralsQuery,
): Promise<Page<Referral>> {
  const actor = requireUser(ctx);
  await loadRegion(ctx.db, actor, id, ['coordinator', 'officer']);
  return ctx.db.transaction().execute(async (tx) => {
    const { rows, total } = await repo.listReferrals(tx, {
      regionId: id,
      postingId: q.postingId,
      seekerUserId: q.seekerUserId,
      ...offsetOf(q),
    });
    if (rows.length > 0) {
      await writeAudit(tx, ctx, {
        action: 'partner_referral.list_read',
        entityType: 'partner_region',
        entityId: id,
        summary: { referrals: rows.map((r) => r.id), page: q.page },
      });
    }
    return pageResult(rows.map(toReferral), total, q);
  });
}

/** The seeker's own referrals, newest first. */
export async function listMyReferrals(ctx: RequestContext, q: PageQuery): Promise<Page<Referral>> {
  const actor = requireUser(ctx);
  const { rows, total } = await repo.listReferrals(ctx.db, { seekerUserId: actor.userId, ...offsetOf(q) });
  return pageResult(rows.map(toReferral), total, q);
}

// ——— Figures ———

function periodOf(q: { from?: string | undefined; to?: string | undefined }): {
  from: Date | null;
  to: Date | null;
} {
  return {
    from: q.from ? chinaDayStart(q.from) : null,
    to: q.to ? new Date(chinaDayStart(q.to).getTime() + 86_400_000) : null,
  };
}

export async function regionStatsOf(
  db: Executor,
  region: { id: string; regionCode: string; name: string },
  q: { from?: string | undefined; to?: string | undefined },
): Promise<RegionStats> {
  const { from, to } = periodOf(q);
  const f = await repo.regionFigures(db, region, from, to);
  return {
    partnerRegionId: region.id,
    regionCode: region.regionCode,
    name: region.name,
    from: q.from ?? null,
    to: q.to ?? null,
    ...f,
  };
}

export async function getRegionStats(
  ctx: RequestContext,
  id: string,
  q: RegionStatsQuery,
): Promise<RegionStats> {
  const actor = requireUser(ctx);
  const { region } = await loadRegion(ctx.db, actor, id, ['coordinator', 'officer']);
  return regionStatsOf(ctx.db, { id, regionCode: region.regionCode.trim(), name: region.name }, q);
}

/** Figures of every active partner region (for monitoring). */
export async function allRegionStats(
  db: Executor,
  q: { from?: string | undefined; to?: string | undefined } = {},
): Promise<RegionStats[]> {
  const regions = await repo.allActiveRegions(db);
  const out: RegionStats[] = [];
  for (const r of regions) out.push(await regionStatsOf(db, r, q));
  return out;
}
