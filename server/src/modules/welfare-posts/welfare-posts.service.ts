import {
  WELFARE_TERM_LIMIT_MONTHS,
  type CreateWelfarePostBody,
  type EndWelfarePlacementBody,
  type ListWelfarePlacementsQuery,
  type ListWelfarePostsQuery,
  type ListWelfareSubsidiesQuery,
  type PlaceOnWelfarePostBody,
  type ProgrammePerson,
  type PutWelfareAttendanceBody,
  type WelfareEndReason,
  type WelfarePlacement,
  type WelfarePost,
  type WelfarePostStatus,
  type WelfareSubsidyRecord,
} from '@jiuye/shared';
import type { Executor } from '../../db/database.js';
import { writeAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { offsetOf, pageResult, type Page } from '../../platform/pagination.js';
import {
  CITY_DISTRICT_CODES,
  getEnterpriseSummary,
  isStaffInDistrict,
  memberEnterpriseIds,
} from '../enterprises/index.js';
import { getPerson, getPersons, type PersonSummary } from '../persons/index.js';
import { hasEmploymentDifficulty } from '../key-groups/index.js';
import { relationToPost, scopeOf, type UserActor, type WelfareRelation } from './welfare-posts.policy.js';
import * as repo from './welfare-posts.repository.js';
import { attendanceMonthAllowed, chinaToday, monthStart, proratedSubsidyFen } from './welfare-posts.rules.js';

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

async function memberOf(ctx: RequestContext, actor: UserActor): Promise<string[]> {
  return actor.role === 'employer' ? memberEnterpriseIds(ctx.db, actor.userId) : [];
}

function toPost(r: repo.PostRow): WelfarePost {
  return {
    id: r.id,
    enterpriseId: r.enterpriseId,
    sponsorName: r.sponsorName,
    districtCode: r.districtCode,
    title: r.title,
    duties: r.duties,
    headcount: r.headcount,
    placedCount: r.placedCount,
    termMonths: r.termMonths,
    monthlySubsidyFen: r.monthlySubsidyFen,
    weeklyHours: r.weeklyHours,
    status: r.status as WelfarePostStatus,
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

function toPlacement(r: repo.PlacementRow, people: Map<string, PersonSummary>): WelfarePlacement {
  return {
    id: r.id,
    postId: r.postId,
    postTitle: r.postTitle,
    enterpriseId: r.enterpriseId,
    sponsorName: r.sponsorName,
    districtCode: r.districtCode,
    person: personOf(people, r.personId),
    startsOn: r.startsOn,
    termMonths: r.termMonths,
    plannedEndOn: r.plannedEndOn,
    status: r.status as WelfarePlacement['status'],
    endedOn: r.endedOn,
    endReason: r.endReason as WelfareEndReason | null,
    note: r.note,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

function toSubsidy(r: repo.SubsidyRow, people: Map<string, PersonSummary>): WelfareSubsidyRecord {
  return {
    id: r.id,
    placementId: r.placementId,
    postId: r.postId,
    postTitle: r.postTitle,
    enterpriseId: r.enterpriseId,
    sponsorName: r.sponsorName,
    districtCode: r.districtCode,
    person: personOf(people, r.personId),
    month: r.month,
    workingDays: r.workingDays,
    daysPresent: r.daysPresent,
    monthlySubsidyFen: r.monthlySubsidyFen,
    amountFen: r.amountFen,
    status: r.status as WelfareSubsidyRecord['status'],
    paidAt: r.paidAt ? r.paidAt.toISOString() : null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

async function loadPost(db: Executor, id: string): Promise<repo.PostRow> {
  const row = await repo.findPost(db, id);
  if (!row) throw new AppError('not_found');
  return row;
}

/** The post and the caller's relation to it; a post the caller may not manage is not found. */
async function postFor(
  ctx: RequestContext,
  id: string,
): Promise<{ post: repo.PostRow; rel: WelfareRelation; actor: UserActor }> {
  const actor = requireUser(ctx);
  const post = await loadPost(ctx.db, id);
  const rel = relationToPost(actor, post, await memberOf(ctx, actor));
  if (!rel) throw new AppError('not_found');
  return { post, rel, actor };
}

async function loadPlacement(db: Executor, id: string): Promise<WelfarePlacement> {
  const row = await repo.findPlacement(db, id);
  if (!row) throw new AppError('not_found');
  return toPlacement(row, await getPersons(db, [row.personId]));
}

/** The cumulative limit of months on public-welfare posts: the app setting, else the default (36). */
export async function termLimitMonths(db: Executor): Promise<number> {
  return (await repo.termLimitSetting(db)) ?? WELFARE_TERM_LIMIT_MONTHS;
}

/**
 * A sponsoring unit's clerk publishes a post for one of its verified enterprises; staff publish for
 * any verified unit, within their districts. Posts are for Zhanjiang's districts only.
 */
export async function createPost(ctx: RequestContext, body: CreateWelfarePostBody): Promise<WelfarePost> {
  const actor = requireUser(ctx);
  if (!(CITY_DISTRICT_CODES as readonly string[]).includes(body.districtCode))
    throw fieldError('districtCode', 'not_in_city');
  if (actor.role === 'staff' && !isStaffInDistrict(actor, body.districtCode))
    throw fieldError('districtCode', 'outside_district');
  const enterprise = await getEnterpriseSummary(ctx.db, body.enterpriseId);
  if (actor.role === 'employer') {
    if (!enterprise || !(await memberOf(ctx, actor)).includes(enterprise.id))
      throw fieldError('enterpriseId', 'not_a_clerk');
  } else if (actor.role !== 'staff') {
    throw new AppError('forbidden');
  }
  if (!enterprise) throw fieldError('enterpriseId', 'enterprise_unknown');
  if (enterprise.status !== 'verified') throw new AppError('enterprise_not_verified');
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const id = await repo.insertPost(tx, { ...body, createdBy: actor.userId, at: now });
    await writeAudit(tx, ctx, {
      action: 'welfare_post.create',
      entityType: 'welfare_post',
      entityId: id,
      summary: {
        enterpriseId: body.enterpriseId,
        districtCode: body.districtCode,
        headcount: body.headcount,
        termMonths: body.termMonths,
        monthlySubsidyFen: body.monthlySubsidyFen,
      },
    });
    return toPost(await loadPost(tx, id));
  });
}

export async function getPost(ctx: RequestContext, id: string): Promise<WelfarePost> {
  return toPost((await postFor(ctx, id)).post);
}

/** Staff see their districts' posts, clerks their units' posts. */
export async function listPosts(ctx: RequestContext, q: ListWelfarePostsQuery): Promise<Page<WelfarePost>> {
  const actor = requireUser(ctx);
  const scope = scopeOf(actor, await memberOf(ctx, actor));
  if (!scope) throw new AppError('forbidden');
  if (q.districtCode && actor.role === 'staff' && !isStaffInDistrict(actor, q.districtCode))
    throw new AppError('forbidden', { fields: [{ path: 'districtCode', code: 'outside_district' }] });
  const { rows, total } = await repo.listPosts(ctx.db, scope, {
    districtCode: q.districtCode,
    enterpriseId: q.enterpriseId,
    status: q.status,
    ...offsetOf(q),
  });
  return pageResult(rows.map(toPost), total, q);
}

/** Close a post to new placements or reopen it (its unit or staff of its district). */
export async function updatePost(
  ctx: RequestContext,
  id: string,
  body: { status: WelfarePostStatus },
): Promise<WelfarePost> {
  const { post } = await postFor(ctx, id);
  if (post.status === body.status) return toPost(post);
  return ctx.db.transaction().execute(async (tx) => {
    if (!(await repo.updatePostStatus(tx, id, body.status, ctx.now()))) throw new AppError('conflict');
    await writeAudit(tx, ctx, {
      action: `welfare_post.${body.status === 'closed' ? 'close' : 'reopen'}`,
      entityType: 'welfare_post',
      entityId: id,
      summary: { from: post.status, to: body.status },
    });
    return toPost(await loadPost(tx, id));
  });
}

function notAllowed(
  path: string,
  code: string,
  detail: { 'zh-CN': string; 'en-US': string },
  cause?: unknown,
): AppError {
  return new AppError('placement_not_allowed', { fields: [{ path, code }], detail, cause });
}

/**
 * Staff of the post's district place a person on it. In one transaction, checked in this order:
 * 1. the person has employment difficulties (the key-groups module decides) — else 409 with why;
 * 2. the person holds no other post (one at a time; the partial unique index has the last word);
 * 3. months already counted + this term ≤ the cumulative limit (36 by default) — else 409 with the
 *    months used and left (serialised per person by an advisory lock);
 * 4. a place is free: the conditional UPDATE of placed_count (CHECK placed_count <= headcount).
 */
export async function place(
  ctx: RequestContext,
  postId: string,
  body: PlaceOnWelfarePostBody,
): Promise<WelfarePlacement> {
  const { post, rel, actor } = await postFor(ctx, postId);
  if (rel !== 'staff')
    throw new AppError('forbidden', {
      detail: {
        'zh-CN': '公益性岗位人员由人社部门安置，用人单位不能自行安置',
        'en-US': 'Placements on public-welfare posts are made by the bureau’s officers, not the unit',
      },
    });
  const termMonths = body.termMonths ?? post.termMonths;
  if (termMonths > post.termMonths) throw fieldError('termMonths', 'too_big');
  const person = await getPerson(ctx.db, body.personId);
  if (!person) throw fieldError('personId', 'person_unknown');
  const now = ctx.now();
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      if (post.status !== 'open')
        throw notAllowed('postId', 'post_closed', {
          'zh-CN': '该岗位已关闭，不再安置人员',
          'en-US': 'This post is closed to new placements',
        });
      if (!(await hasEmploymentDifficulty(tx, body.personId, now)))
        throw notAllowed('personId', 'employment_difficulty_required', {
          'zh-CN': `${person.fullName}未被认定为就业困难人员（或认定已过期），公益性岗位只安置就业困难人员`,
          'en-US': `${person.fullName} is not recognised as a person with employment difficulties (or the recognition has lapsed); public-welfare posts are only for them`,
        });
      await repo.lockPerson(tx, body.personId);
      const history = await repo.placementHistory(tx, body.personId);
      if (history.activeId)
        throw notAllowed('personId', 'already_placed', {
          'zh-CN': `${person.fullName}已在公益性岗位上，须先结束现有安置`,
          'en-US': `${person.fullName} already holds a public-welfare post; end that placement first`,
        });
      if (history.lastEndedOn && body.startsOn <= history.lastEndedOn)
        throw fieldError('startsOn', 'already_placed');
      const limit = await termLimitMonths(tx);
      if (history.monthsUsed + termMonths > limit) {
        const left = Math.max(0, limit - history.monthsUsed);
        throw notAllowed('personId', 'welfare_term_limit', {
          'zh-CN': `${person.fullName}已累计安置${history.monthsUsed}个月，上限${limit}个月，本次期限${termMonths}个月超出上限（最多还可安置${left}个月）`,
          'en-US': `${person.fullName} has used ${history.monthsUsed} of ${limit} months on public-welfare posts; a ${termMonths}-month term exceeds the limit (${left} months left)`,
        });
      }
      const seat = await repo.takePlace(tx, postId, now);
      if (!seat && (await repo.findPost(tx, postId))?.status !== 'open')
        throw notAllowed('postId', 'post_closed', {
          'zh-CN': '该岗位已关闭，不再安置人员',
          'en-US': 'This post is closed to new placements',
        });
      if (!seat)
        throw notAllowed('postId', 'welfare_post_full', {
          'zh-CN': `该岗位${post.headcount}个名额已满`,
          'en-US': `All ${post.headcount} places on this post are taken`,
        });
      const id = await repo.insertPlacement(tx, {
        postId,
        personId: body.personId,
        startsOn: body.startsOn,
        termMonths,
        note: body.note ?? null,
        createdBy: actor.userId,
        at: now,
      });
      await writeAudit(tx, ctx, {
        action: 'welfare_placement.create',
        entityType: 'welfare_placement',
        entityId: id,
        summary: {
          postId,
          personId: body.personId,
          startsOn: body.startsOn,
          termMonths,
          monthsUsedBefore: history.monthsUsed,
          limit,
          placedCount: seat.placedCount,
          headcount: seat.headcount,
        },
      });
      return loadPlacement(tx, id);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'welfare_placements_one_active_uniq'))
      throw notAllowed(
        'personId',
        'already_placed',
        {
          'zh-CN': `${person.fullName}已在公益性岗位上，须先结束现有安置`,
          'en-US': `${person.fullName} already holds a public-welfare post; end that placement first`,
        },
        err,
      );
    // placed_count <= headcount: the database's last word should the conditional update be bypassed.
    if (isCheckViolation(err))
      throw notAllowed(
        'postId',
        'welfare_post_full',
        {
          'zh-CN': `该岗位${post.headcount}个名额已满`,
          'en-US': `All ${post.headcount} places on this post are taken`,
        },
        err,
      );
    throw err;
  }
}

/** A post's placements (its unit, staff of its district: staff reads are audited). */
export async function listPlacements(
  ctx: RequestContext,
  postId: string,
  q: ListWelfarePlacementsQuery,
): Promise<Page<WelfarePlacement>> {
  const { rel } = await postFor(ctx, postId);
  return ctx.db.transaction().execute(async (tx) => {
    const { rows, total } = await repo.listPlacements(tx, postId, { status: q.status, ...offsetOf(q) });
    const people = await getPersons(
      tx,
      rows.map((r) => r.personId),
    );
    if (rel === 'staff' && rows.length > 0) {
      await writeAudit(tx, ctx, {
        action: 'welfare_placement.list_read',
        entityType: 'welfare_post',
        entityId: postId,
        summary: { persons: rows.map((r) => r.personId), page: q.page },
      });
    }
    return pageResult(
      rows.map((r) => toPlacement(r, people)),
      total,
      q,
    );
  });
}

/** The placement and the caller's relation to its post (404 when they may not see it). */
async function placementFor(
  ctx: RequestContext,
  db: Executor,
  id: string,
  forUpdate: boolean,
): Promise<{ row: repo.PlacementRow; rel: WelfareRelation; actor: UserActor }> {
  const actor = requireUser(ctx);
  const row = await repo.findPlacement(db, id, { forUpdate });
  if (!row) throw new AppError('not_found');
  const rel = relationToPost(actor, row, await memberOf(ctx, actor));
  if (!rel) throw new AppError('not_found');
  return { row, rel, actor };
}

/** Ends an active placement (its unit or staff): the place is freed, the months served are counted. */
export async function endPlacement(
  ctx: RequestContext,
  id: string,
  body: EndWelfarePlacementBody,
): Promise<WelfarePlacement> {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const { row, actor } = await placementFor(ctx, tx, id, true);
    if (row.status !== 'active')
      throw new AppError('conflict', { fields: [{ path: 'status', code: 'invalid_transition' }] });
    if (body.endedOn < row.startsOn) throw fieldError('endedOn', 'ends_before_start');
    if (body.endedOn > row.plannedEndOn || body.endedOn > chinaToday(now))
      throw fieldError('endedOn', 'outside_placement');
    if (
      !(await repo.endPlacement(tx, id, {
        endedOn: body.endedOn,
        reason: body.reason,
        note: body.note ?? null,
        endedBy: actor.userId,
        at: now,
      }))
    )
      throw new AppError('conflict');
    await repo.freePlace(tx, row.postId, now);
    const after = await loadPlacement(tx, id);
    await writeAudit(tx, ctx, {
      action: 'welfare_placement.end',
      entityType: 'welfare_placement',
      entityId: id,
      summary: { postId: row.postId, personId: row.personId, endedOn: body.endedOn, reason: body.reason },
    });
    return after;
  });
}

/**
 * The month's attendance of one placement (its unit or staff), and the subsidy record it produces
 * (welfare-posts.rules.ts proratedSubsidyFen). Reporting a month again replaces it while its subsidy
 * is pending; a paid month is frozen (409 already_paid).
 */
export async function putAttendance(
  ctx: RequestContext,
  placementId: string,
  month: string,
  body: PutWelfareAttendanceBody,
): Promise<WelfareSubsidyRecord> {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const { row, actor } = await placementFor(ctx, tx, placementId, false);
    if (!attendanceMonthAllowed(month, row, chinaToday(now))) throw fieldError('month', 'outside_placement');
    const day1 = monthStart(month);
    if ((await repo.lockSubsidy(tx, placementId, day1)) === 'paid') throw new AppError('already_paid');
    const attendanceId = await repo.upsertAttendance(tx, {
      placementId,
      month: day1,
      workingDays: body.workingDays,
      daysPresent: body.daysPresent,
      recordedBy: actor.userId,
      at: now,
    });
    const amountFen = proratedSubsidyFen(row.monthlySubsidyFen, body.daysPresent, body.workingDays);
    const written = await repo.upsertSubsidy(tx, {
      attendanceId,
      placementId,
      postId: row.postId,
      personId: row.personId,
      enterpriseId: row.enterpriseId,
      districtCode: row.districtCode,
      month: day1,
      monthlySubsidyFen: row.monthlySubsidyFen,
      amountFen,
      at: now,
    });
    if (!written) throw new AppError('already_paid');
    await writeAudit(tx, ctx, {
      action: 'welfare_attendance.record',
      entityType: 'welfare_placement',
      entityId: placementId,
      summary: {
        month,
        workingDays: body.workingDays,
        daysPresent: body.daysPresent,
        monthlySubsidyFen: row.monthlySubsidyFen,
        amountFen,
      },
    });
    const s = await repo.findSubsidy(tx, placementId, day1);
    if (!s) throw new AppError('conflict');
    return toSubsidy(s, await getPersons(tx, [s.personId]));
  });
}

/** Subsidy records in the caller's scope (staff: districts, audited; clerks: their units). */
export async function listSubsidies(
  ctx: RequestContext,
  q: ListWelfareSubsidiesQuery,
): Promise<Page<WelfareSubsidyRecord>> {
  const actor = requireUser(ctx);
  const scope = scopeOf(actor, await memberOf(ctx, actor));
  if (!scope) throw new AppError('forbidden');
  if (q.districtCode && actor.role === 'staff' && !isStaffInDistrict(actor, q.districtCode))
    throw new AppError('forbidden', { fields: [{ path: 'districtCode', code: 'outside_district' }] });
  return ctx.db.transaction().execute(async (tx) => {
    const { rows, total } = await repo.listSubsidies(tx, scope, {
      month: q.month ? monthStart(q.month) : undefined,
      status: q.status,
      postId: q.postId,
      placementId: q.placementId,
      districtCode: q.districtCode,
      ...offsetOf(q),
    });
    const people = await getPersons(
      tx,
      rows.map((r) => r.personId),
    );
    if (actor.role === 'staff' && rows.length > 0) {
      await writeAudit(tx, ctx, {
        action: 'welfare_subsidy.list_read',
        entityType: 'welfare_subsidy',
        summary: { persons: [...new Set(rows.map((r) => r.personId))], month: q.month ?? null, page: q.page },
      });
    }
    return pageResult(
      rows.map((r) => toSubsidy(r, people)),
      total,
      q,
    );
  });
}

/** Every subsidy record of a month (YYYY-MM), pending and paid, for the payouts module. */
export async function subsidyRecordsOf(db: Executor, month: string): Promise<WelfareSubsidyRecord[]> {
  const rows = await repo.subsidiesOfMonth(db, monthStart(month));
  const people = await getPersons(
    db,
    rows.map((r) => r.personId),
  );
  return rows.map((r) => toSubsidy(r, people));
}
