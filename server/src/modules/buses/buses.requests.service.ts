import {
  TRAVEL_HEALTH_CONSENT,
  TRAVEL_HEALTH_NOTICE_VERSION,
  needsHealthAttention,
  prefectureOf,
  type CreateTravelRequestBody,
  type HealthDeclaration,
  type ListTravelRequestsQuery,
  type TravelRequest,
  type UpdateTravelRequestBody,
} from '@jiuye/shared';
import type { Executor } from '../../db/database.js';
import { writeAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { offsetOf, pageResult, type Page } from '../../platform/pagination.js';
import {
  assertCanManageEnterprise,
  getEnterpriseSummary,
  memberEnterpriseIds,
} from '../enterprises/index.js';
import {
  findOrCreatePerson,
  findPersonOfUser,
  getPerson,
  personForUser,
  type PersonSummary,
} from '../persons/index.js';
import { cancelBookingInTx } from './buses.bookings.service.js';
import { isEmployer, isSeeker, isStaff, isStaffForRequest, type UserActor } from './buses.policy.js';
import * as repo from './buses.repository.js';
import { addDays } from './buses.planner.js';
import { chinaToday, isPgError, toTravelRequests } from './buses.views.js';

/** A travel request may be registered at most this many days ahead. */
export const TRAVEL_MAX_DAYS_AHEAD = 180;

function requireUser(ctx: RequestContext): UserActor {
  if (ctx.actor.kind !== 'user') throw new AppError('forbidden');
  return ctx.actor;
}

function checkDates(now: Date, earliest: string | undefined, latest: string | null | undefined): void {
  const today = chinaToday(now);
  if (earliest !== undefined) {
    if (earliest < today) throw fieldError('earliestDate', 'date_in_past');
    if (earliest > addDays(today, TRAVEL_MAX_DAYS_AHEAD)) throw fieldError('earliestDate', 'date_too_far');
  }
  if (latest && latest > addDays(today, TRAVEL_MAX_DAYS_AHEAD + 30))
    throw fieldError('latestDate', 'date_too_far');
}

function healthJson(h: HealthDeclaration): HealthDeclaration {
  // Temperatures are kept to a tenth of a degree, as a thermometer shows them.
  return h.temperatureCelsius === undefined
    ? h
    : { ...h, temperatureCelsius: Math.round(h.temperatureCelsius * 10) / 10 };
}

/** The caller's relation to a request, or null (404). */
async function relationTo(
  ctx: RequestContext,
  db: Executor,
  r: repo.TravelRequestRow,
): Promise<'self' | 'staff' | 'enterprise' | null> {
  const actor = ctx.actor;
  if (actor.kind !== 'user') return null;
  if (isStaff(actor)) return isStaffForRequest(actor, r) ? 'staff' : null;
  if (isEmployer(actor)) {
    if (!r.enterpriseId) return null;
    return (await memberEnterpriseIds(db, actor.userId)).includes(r.enterpriseId) ? 'enterprise' : null;
  }
  if (actor.role === 'seeker') {
    const me = await findPersonOfUser(db, actor.userId);
    return me && me.id === r.personId ? 'self' : null;
  }
  return null;
}

async function loadOne(db: Executor, id: string): Promise<TravelRequest> {
  const row = await repo.findTravelRequest(db, id);
  if (!row) throw new AppError('not_found');
  const [out] = await toTravelRequests(db, [row]);
  if (!out) throw new AppError('not_found');
  return out;
}

/**
 * Registers a return-to-work trip. A seeker for themself; staff for a person (on file, or found or
 * created from name, phone and identity number) bound for one of their districts; an enterprise
 * clerk for a worker it hired (the person, or the application with the offer or hire). One open
 * request per person: checked first, decided by the partial unique index when two race.
 */
export async function createTravelRequest(
  ctx: RequestContext,
  body: CreateTravelRequestBody,
): Promise<TravelRequest> {
  const actor = requireUser(ctx);
  const now = ctx.now();
  checkDates(now, body.earliestDate, body.latestDate);
  const health = healthJson(
    body.health as HealthDeclaration, // defaults applied by the route's schema
  );
  let kind: 'self' | 'staff' | 'enterprise';
  if (isSeeker(actor)) {
    if (body.personId || body.person) throw fieldError(body.personId ? 'personId' : 'person', 'invalid');
    kind = 'self';
  } else if (isStaff(actor)) {
    if (!body.personId && !body.person) throw fieldError('person', 'required');
    if (!isStaffForRequest(actor, { destinationDistrictCode: body.destinationDistrictCode }))
      throw new AppError('forbidden', {
        fields: [{ path: 'destinationDistrictCode', code: 'outside_district' }],
      });
    kind = 'staff';
  } else if (isEmployer(actor)) {
    if (!body.enterpriseId) throw fieldError('enterpriseId', 'required');
    if (body.personId) throw fieldError('personId', 'invalid');
    if (!body.person && !body.applicationId) throw fieldError('person', 'required');
    await assertCanManageEnterprise(ctx, body.enterpriseId);
    kind = 'enterprise';
  } else {
    throw new AppError('forbidden');
  }

  try {
    return await ctx.db.transaction().execute(async (tx) => {
      if (body.enterpriseId && kind !== 'enterprise' && !(await getEnterpriseSummary(tx, body.enterpriseId)))
        throw fieldError('enterpriseId', 'invalid');
      const application = body.applicationId ? await repo.findApplication(tx, body.applicationId) : undefined;
      if (body.applicationId) {
        if (
          !application ||
          application.enterpriseId !== body.enterpriseId ||
          !['offer', 'hired'].includes(application.status) ||
          (kind === 'self' && application.seekerUserId !== actor.userId)
        )
          throw fieldError('applicationId', 'not_hired_by_enterprise');
      }

      let person: PersonSummary;
      if (kind === 'self') person = await personForUser(tx, ctx.deps.keys, actor.userId);
      else if (body.personId) {
        const p = await getPerson(tx, body.personId);
        if (!p) throw fieldError('personId', 'invalid');
        person = p;
      } else if (body.person) {
        person = await findOrCreatePerson(tx, ctx.deps.keys, body.person, actor.userId);
      } else if (application) {
        person = await personForUser(tx, ctx.deps.keys, application.seekerUserId);
      } else {
        throw fieldError('person', 'required');
      }
      if (application && body.person && person.userId !== null && person.userId !== application.seekerUserId)
        throw fieldError('applicationId', 'not_hired_by_enterprise');

      if (await repo.findActiveRequestOfPerson(tx, person.id)) throw new AppError('travel_request_exists');

      const consentId =
        kind === 'self'
          ? await repo.insertConsent(tx, {
              userId: actor.userId,
              kind: TRAVEL_HEALTH_CONSENT,
              noticeVersion: TRAVEL_HEALTH_NOTICE_VERSION,
              context: {
                originRegionCode: body.originRegionCode,
                destinationDistrictCode: body.destinationDistrictCode,
              },
              grantedAt: now,
            })
          : null;
      const id = await repo.insertTravelRequest(tx, {
        personId: person.id,
        originRegionCode: body.originRegionCode,
        originPrefectureCode: prefectureOf(body.originRegionCode),
        pickupPoint: body.pickupPoint,
        destinationDistrictCode: body.destinationDistrictCode,
        enterpriseId: body.enterpriseId ?? null,
        applicationId: body.applicationId ?? null,
        earliestDate: body.earliestDate,
        latestDate: body.latestDate ?? null,
        contactPhone: body.phone,
        health,
        healthAttention: needsHealthAttention(health),
        consentId,
        consentNoticeVersion: TRAVEL_HEALTH_NOTICE_VERSION,
        consentAt: now,
        // Staff or a clerk records that the traveller consented (on paper, by phone).
        consentRecordedBy: kind === 'self' ? null : actor.userId,
        note: body.note ?? null,
        createdByKind: kind,
        createdBy: actor.userId,
        at: now,
      });
      await writeAudit(tx, ctx, {
        action: 'travel_request.create',
        entityType: 'travel_request',
        entityId: id,
        summary: {
          personId: person.id,
          by: kind,
          originRegionCode: body.originRegionCode,
          destinationDistrictCode: body.destinationDistrictCode,
          enterpriseId: body.enterpriseId ?? null,
          consentId,
        },
      });
      return loadOne(tx, id);
    });
  } catch (err) {
    if (isPgError(err, '23505', 'travel_requests_one_open_uniq'))
      throw new AppError('travel_request_exists', { cause: err });
    throw err;
  }
}

export async function getTravelRequest(ctx: RequestContext, id: string): Promise<TravelRequest> {
  const row = await repo.findTravelRequest(ctx.db, id);
  if (!row) throw new AppError('not_found');
  const rel = await relationTo(ctx, ctx.db, row);
  if (!rel) throw new AppError('not_found');
  const out = await loadOne(ctx.db, id);
  if (rel !== 'self') {
    // A staff or clerk read of someone's health declaration (sensitive personal information).
    await writeAudit(ctx.db, ctx, {
      action: 'travel_request.read',
      entityType: 'travel_request',
      entityId: id,
      summary: { personId: row.personId, by: rel },
    });
  }
  return out;
}

function originPrefix(code: string | undefined): string | undefined {
  if (!code) return undefined;
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}

/** Staff: requests bound for their districts; clerks: their enterprises'; seekers: their own. */
export async function listTravelRequests(
  ctx: RequestContext,
  q: ListTravelRequestsQuery,
): Promise<Page<TravelRequest>> {
  const actor = requireUser(ctx);
  const f: repo.RequestFilter = {
    status: q.status,
    originPrefix: originPrefix(q.originRegionCode),
    earliestFrom: q.earliestFrom,
    earliestTo: q.earliestTo,
  };
  if (isStaff(actor)) {
    if (q.destinationDistrictCode && !actor.districtCodes.includes(q.destinationDistrictCode))
      throw new AppError('forbidden', {
        fields: [{ path: 'destinationDistrictCode', code: 'outside_district' }],
      });
    f.destinationDistrictCodes = q.destinationDistrictCode
      ? [q.destinationDistrictCode]
      : actor.districtCodes;
    if (q.enterpriseId) f.enterpriseIds = [q.enterpriseId];
  } else if (isEmployer(actor)) {
    const mine = await memberEnterpriseIds(ctx.db, actor.userId);
    if (q.enterpriseId && !mine.includes(q.enterpriseId))
      throw new AppError('forbidden', { fields: [{ path: 'enterpriseId', code: 'invalid' }] });
    f.enterpriseIds = q.enterpriseId ? [q.enterpriseId] : mine;
    if (q.destinationDistrictCode) f.destinationDistrictCodes = [q.destinationDistrictCode];
  } else if (isSeeker(actor)) {
    const me = await findPersonOfUser(ctx.db, actor.userId);
    if (!me) return pageResult([], 0, q);
    f.personId = me.id;
    if (q.destinationDistrictCode) f.destinationDistrictCodes = [q.destinationDistrictCode];
    if (q.enterpriseId) f.enterpriseIds = [q.enterpriseId];
  } else {
    throw new AppError('forbidden');
  }
  const { items, total } = await repo.listTravelRequests(ctx.db, f, offsetOf(q));
  const out = await toTravelRequests(ctx.db, items);
  if (!isSeeker(actor) && out.length > 0) {
    await writeAudit(ctx.db, ctx, {
      action: 'travel_request.list',
      entityType: 'travel_request',
      summary: { count: out.length, ids: out.map((r) => r.id) },
    });
  }
  return pageResult(out, total, q);
}

export async function listMyTravelRequests(
  ctx: RequestContext,
  q: { page: number; pageSize: number },
): Promise<Page<TravelRequest>> {
  const actor = requireUser(ctx);
  const me = await findPersonOfUser(ctx.db, actor.userId);
  if (!me) return pageResult([], 0, q);
  const { items, total } = await repo.listTravelRequests(ctx.db, { personId: me.id }, offsetOf(q));
  return pageResult(await toTravelRequests(ctx.db, items), total, q);
}

/** Edits while the request is open (dates) or booked (pickup point, phone, declaration, note). */
export async function updateTravelRequest(
  ctx: RequestContext,
  id: string,
  body: UpdateTravelRequestBody,
): Promise<TravelRequest> {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const row = await repo.findTravelRequest(tx, id, { forUpdate: true });
    if (!row) throw new AppError('not_found');
    const rel = await relationTo(ctx, tx, row);
    if (!rel) throw new AppError('not_found');
    if (row.status !== 'open' && row.status !== 'booked')
      throw new AppError('conflict', { fields: [{ path: 'status', code: 'invalid_transition' }] });
    if (row.status === 'booked' && (body.earliestDate !== undefined || body.latestDate !== undefined))
      throw new AppError('conflict', {
        fields: [
          {
            path: body.earliestDate !== undefined ? 'earliestDate' : 'latestDate',
            code: 'invalid_transition',
          },
        ],
        detail: {
          'zh-CN': '已订座的出行登记不能修改日期，请先取消订座',
          'en-US': 'Cancel the booking before changing the dates',
        },
      });
    checkDates(now, body.earliestDate, body.latestDate);
    const earliest = body.earliestDate ?? row.earliestDate;
    const latest = body.latestDate === undefined ? row.latestDate : body.latestDate;
    if (latest !== null && latest < earliest) throw fieldError('latestDate', 'date_order');
    const health = body.health ? healthJson(body.health as HealthDeclaration) : undefined;
    await repo.updateTravelRequest(
      tx,
      id,
      {
        ...(body.pickupPoint !== undefined ? { pickupPoint: body.pickupPoint } : {}),
        ...(body.earliestDate !== undefined ? { earliestDate: body.earliestDate } : {}),
        ...(body.latestDate !== undefined ? { latestDate: body.latestDate } : {}),
        ...(body.phone !== undefined ? { contactPhone: body.phone } : {}),
        ...(health ? { health, healthAttention: needsHealthAttention(health) } : {}),
        ...(body.note !== undefined ? { note: body.note } : {}),
      },
      now,
    );
    await writeAudit(tx, ctx, {
      action: 'travel_request.update',
      entityType: 'travel_request',
      entityId: id,
      summary: { fields: Object.keys(body), by: rel },
    });
    return loadOne(tx, id);
  });
}

/** Withdraws a request; a live booking is cancelled with it (its seat freed, the waitlist promoted). */
export async function cancelTravelRequest(ctx: RequestContext, id: string): Promise<TravelRequest> {
  const now = ctx.now();
  const first = await repo.findTravelRequest(ctx.db, id);
  if (!first) throw new AppError('not_found');
  const rel = await relationTo(ctx, ctx.db, first);
  if (!rel) throw new AppError('not_found');
  return ctx.db.transaction().execute(async (tx) => {
    // Lock order: trip, booking, request (see cancelBookingInTx).
    const bookingId = (await repo.activeBookingsOfRequests(tx, [id])).get(id);
    if (bookingId) await cancelBookingInTx(ctx, tx, bookingId, 'request_cancelled');
    const row = await repo.findTravelRequest(tx, id, { forUpdate: true });
    if (!row) throw new AppError('not_found');
    if (row.status !== 'open' && row.status !== 'booked')
      throw new AppError('conflict', { fields: [{ path: 'status', code: 'invalid_transition' }] });
    await repo.setRequestStatus(tx, id, ['open', 'booked'], 'cancelled', now);
    await writeAudit(tx, ctx, {
      action: 'travel_request.cancel',
      entityType: 'travel_request',
      entityId: id,
      summary: { by: rel, bookingId: bookingId ?? null },
    });
    return loadOne(tx, id);
  });
}
