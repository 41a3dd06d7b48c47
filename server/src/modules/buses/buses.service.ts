import type { z } from 'zod';
import {
  PLAN_UNPLACED_REASON_LABELS,
  prefectureOf,
  seatsForSaleOf,
  TRIP_STATUSES,
  type BusDemand,
  type BusDemandQuery,
  type BusPlan,
  type BusStats,
  type BusTrip,
  type ConfirmBusPlanBodySchema,
  type CreateBusTripBodySchema,
  type ListBusTripsQuery,
  type PlanBusTripsBodySchema,
  type TripStatus,
  type UpdateBusTripBodySchema,
} from '@jiuye/shared';
import type { Executor } from '../../db/database.js';
import { writeAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { offsetOf, pageResult, type Page } from '../../platform/pagination.js';
import { isCityWideStaff, memberEnterpriseIds } from '../enterprises/index.js';
import { findPersonOfUser, getPerson } from '../persons/index.js';
import { promoteWaitlist } from './buses.bookings.service.js';
import { planBuses, type PlannerRequest } from './buses.planner.js';
import {
  has,
  isEmployer,
  isEscortOf,
  isSeeker,
  isStaff,
  isStaffForTrip,
  type UserActor,
} from './buses.policy.js';
import * as repo from './buses.repository.js';
import {
  chinaDay,
  isPgError,
  notifyPerson,
  regionFullNames,
  regionNames,
  toTrips,
  tripLabel,
} from './buses.views.js';
import {
  CARRIED_TRIP_STATUSES,
  checkTripTransition,
  editableFields,
  ESCORT_EDIT_FIELDS,
  TRIP_STATUS_LABELS,
  type TripEditField,
} from './buses.workflow.js';

type CreateTripBody = z.output<typeof CreateBusTripBodySchema>;
type UpdateTripBody = z.output<typeof UpdateBusTripBodySchema>;
type PlanBody = z.output<typeof PlanBusTripsBodySchema>;
type ConfirmPlanBody = z.output<typeof ConfirmBusPlanBodySchema>;
type CostInput = NonNullable<CreateTripBody['cost']>;

function requireUser(ctx: RequestContext): UserActor {
  if (ctx.actor.kind !== 'user') throw new AppError('forbidden');
  return ctx.actor;
}

function requireStaff(ctx: RequestContext): UserActor {
  const actor = requireUser(ctx);
  if (!isStaff(actor) || !has(actor, 'bus:manage')) throw new AppError('forbidden');
  return actor;
}

function outsideDistrict(path: string): AppError {
  return new AppError('forbidden', { fields: [{ path, code: 'outside_district' }] });
}

function originPrefix(code: string | undefined): string | undefined {
  if (!code) return undefined;
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}

/** The start of a China calendar day as an instant. */
function chinaDayStart(date: string): Date {
  return new Date(`${date}T00:00:00+08:00`);
}

function nextDayStart(date: string): Date {
  return new Date(chinaDayStart(date).getTime() + 86_400_000);
}

async function checkEscort(db: Executor, id: string | undefined, path = 'escortStaffId'): Promise<void> {
  if (id === undefined) return;
  const u = await repo.findUser(db, id);
  if (!u || u.role !== 'staff' || u.status !== 'active') throw fieldError(path, 'staff_not_found');
}

async function checkCostEnterprises(db: Executor, cost: CostInput | undefined): Promise<void> {
  if (!cost) return;
  const ids = cost.shares.flatMap((s) => (s.enterpriseId ? [s.enterpriseId] : []));
  const known = await repo.enterpriseNames(db, ids);
  cost.shares.forEach((s, i) => {
    if (s.enterpriseId && !known.has(s.enterpriseId))
      throw fieldError(`cost.shares.${i}.enterpriseId`, 'invalid');
  });
}

function costShares(cost: CostInput, tripId: string) {
  // "bureau" with no shares: the bureau pays all.
  const shares =
    cost.shares.length > 0
      ? cost.shares
      : [{ payerKind: 'bureau' as const, enterpriseId: null, amountFen: cost.costFen }];
  return {
    tripId,
    shares: shares.map((s) => ({
      payerKind: s.payerKind,
      enterpriseId: s.enterpriseId,
      amountFen: s.amountFen,
    })),
  };
}

/** The primary district is always among the destinations; staff must cover the primary one. */
function destinations(primary: string, all: readonly string[] | undefined): string[] {
  const set = new Set([primary, ...(all ?? [])]);
  return [primary, ...[...set].filter((d) => d !== primary).sort()];
}

async function tripCode(db: Executor, departAt: Date): Promise<string> {
  const n = await repo.nextTripNumber(db);
  return `ZJ${chinaDay(departAt).slice(2).replace(/-/g, '')}-${String(n).padStart(3, '0')}`;
}

async function loadTrip(ctx: RequestContext, db: Executor, id: string): Promise<BusTrip> {
  const row = await repo.findTrip(db, id);
  if (!row) throw new AppError('not_found');
  const personId =
    ctx.actor.kind === 'user' ? ((await findPersonOfUser(db, ctx.actor.userId))?.id ?? null) : null;
  const [out] = await toTrips(ctx, db, [row], { personId });
  if (!out) throw new AppError('not_found');
  return out;
}

/** Requests a trip is meant for: open, in the staff's districts, not on another live trip. */
async function checkPlannedRequests(
  tx: Executor,
  actor: UserActor,
  requestIds: readonly string[],
  path: string,
): Promise<void> {
  if (requestIds.length === 0) return;
  const planned = await repo.plannedTripsOfRequests(tx, requestIds, true);
  for (const [i, id] of requestIds.entries()) {
    const r = await repo.findTravelRequest(tx, id);
    if (!r || r.status !== 'open' || !actor.districtCodes.includes(r.destinationDistrictCode))
      throw fieldError(`${path}.${i}`, 'invalid');
    if ((planned.get(id) ?? []).length > 0)
      throw new AppError('conflict', { fields: [{ path: `${path}.${i}`, code: 'already_planned' }] });
  }
}

type NewTrip = {
  originRegionCode: string;
  pickupPoint: string;
  stops: readonly { regionCode: string; pickupPoint: string; time?: string | undefined }[];
  destinationDistrictCode: string;
  destinationDistrictCodes?: readonly string[] | undefined;
  departAt: string;
  arriveBy: string;
  capacity: number;
  loadLimitPercent: number;
  plate?: string | undefined;
  driverName?: string | undefined;
  driverPhone?: string | undefined;
  escortStaffId?: string | undefined;
  note?: string | undefined;
};

async function insertTrip(
  ctx: RequestContext,
  tx: Executor,
  actor: UserActor,
  t: NewTrip,
  status: 'planned' | 'open',
  plannedRequestIds: readonly string[],
  cost: CostInput | undefined,
): Promise<string> {
  const now = ctx.now();
  const departAt = new Date(t.departAt);
  const arriveBy = new Date(t.arriveBy);
  const code = await tripCode(tx, departAt);
  // The bus serves the requests it is meant for: their districts among its destinations, their
  // counties among its stops (staff may have dragged a passenger in from another county).
  const stops = t.stops.map((s) => ({
    regionCode: s.regionCode,
    pickupPoint: s.pickupPoint,
    time: s.time ?? null,
  }));
  const districts = [...(t.destinationDistrictCodes ?? [])];
  for (const rid of plannedRequestIds) {
    const r = await repo.findTravelRequest(tx, rid);
    if (!r) continue;
    if (!districts.includes(r.destinationDistrictCode)) districts.push(r.destinationDistrictCode);
    const served =
      r.originRegionCode === t.originRegionCode ||
      r.originPrefectureCode === t.originRegionCode ||
      stops.some((s) => s.regionCode === r.originRegionCode);
    if (!served) stops.push({ regionCode: r.originRegionCode, pickupPoint: r.pickupPoint, time: null });
  }
  const id = await repo.insertTrip(tx, {
    code,
    status,
    originRegionCode: t.originRegionCode,
    pickupPoint: t.pickupPoint,
    stops,
    destinationDistrictCode: t.destinationDistrictCode,
    destinationDistrictCodes: destinations(t.destinationDistrictCode, districts),
    departAt,
    arriveBy,
    capacity: t.capacity,
    loadLimitPercent: t.loadLimitPercent,
    seatsForSale: seatsForSaleOf(t.capacity, t.loadLimitPercent),
    plate: t.plate ?? null,
    driverName: t.driverName ?? null,
    driverPhone: t.driverPhone ?? null,
    escortUserId: t.escortStaffId ?? null,
    note: t.note ?? null,
    costFen: cost?.costFen ?? null,
    costPayer: cost?.payer ?? null,
    invoiceRef: cost?.invoiceRef ?? null,
    createdBy: actor.userId,
    openedAt: status === 'open' ? now : null,
    at: now,
  });
  if (cost) {
    const s = costShares(cost, id);
    await repo.replaceCostShares(tx, id, s.shares);
  }
  await repo.addPlannedRequests(tx, id, plannedRequestIds);
  await writeAudit(tx, ctx, {
    action: 'bus_trip.create',
    entityType: 'bus_trip',
    entityId: id,
    summary: {
      code,
      status,
      plannedRequests: plannedRequestIds.length,
      destinationDistrictCode: t.destinationDistrictCode,
    },
  });
  if (status === 'open') await inviteToBook(tx, id, now);
  return id;
}

/** Trips open for booking: the people the planner meant the trip for are told to book. */
async function inviteToBook(tx: Executor, tripId: string, at: Date): Promise<void> {
  const trip = await repo.findTrip(tx, tripId);
  if (!trip) return;
  const l = tripLabel(trip);
  for (const r of await repo.openPlannedRequests(tx, tripId)) {
    const person = await getPerson(tx, r.personId);
    if (!person) continue;
    await notifyPerson(tx, person, {
      kind: 'bus_trip_open',
      titleZh: `返岗包车 ${l.zh} 开放订座，请尽快预订`,
      titleEn: `Bus ${l.en} is open: book your seat`,
      body: { tripId, travelRequestId: r.requestId },
      link: `/seeker/buses/trips/${tripId}`,
      dedupeKey: `bus_trip_open:${tripId}:${r.requestId}`,
      at,
    });
  }
}

/** Staff create a trip (planned, or open at once with plate, driver and escort). */
export async function createTrip(ctx: RequestContext, body: CreateTripBody): Promise<BusTrip> {
  const actor = requireStaff(ctx);
  if (!actor.districtCodes.includes(body.destinationDistrictCode))
    throw outsideDistrict('destinationDistrictCode');
  if (body.status === 'open' && new Date(body.departAt).getTime() <= ctx.now().getTime())
    throw fieldError('departAt', 'date_in_past');
  const id = await ctx.db.transaction().execute(async (tx) => {
    await checkEscort(tx, body.escortStaffId);
    await checkCostEnterprises(tx, body.cost);
    await checkPlannedRequests(tx, actor, body.plannedRequestIds, 'plannedRequestIds');
    return insertTrip(ctx, tx, actor, body, body.status, body.plannedRequestIds, body.cost);
  });
  return loadTrip(ctx, ctx.db, id);
}

type TripRelation = 'staff' | 'escort' | 'passenger' | 'seeker' | 'enterprise';

async function tripRelation(ctx: RequestContext, trip: repo.TripRow): Promise<TripRelation | null> {
  const actor = ctx.actor;
  if (actor.kind !== 'user') return null;
  if (isStaffForTrip(actor, trip)) return 'staff';
  if (isEscortOf(actor, trip)) return 'escort';
  if (isSeeker(actor)) {
    const me = await findPersonOfUser(ctx.db, actor.userId);
    if (me && (await repo.bookingsOfPersonOnTrips(ctx.db, me.id, [trip.id])).size > 0) return 'passenger';
    return trip.status === 'open' ? 'seeker' : null;
  }
  if (isEmployer(actor) && has(actor, 'bus:handover')) {
    const mine = await memberEnterpriseIds(ctx.db, actor.userId);
    const rows = await repo.manifestRows(ctx.db, trip.id, ['confirmed', 'boarded']);
    return rows.some((r) => r.enterpriseId !== null && mine.includes(r.enterpriseId)) ? 'enterprise' : null;
  }
  return null;
}

export async function getTrip(ctx: RequestContext, id: string): Promise<BusTrip> {
  const row = await repo.findTrip(ctx.db, id);
  if (!row) throw new AppError('not_found');
  if (!(await tripRelation(ctx, row))) throw new AppError('not_found');
  return loadTrip(ctx, ctx.db, id);
}

/**
 * Staff: trips bound for their districts or escorted by them; seekers: open trips (and their own);
 * clerks: trips carrying passengers bound for their enterprises.
 */
export async function listTrips(ctx: RequestContext, q: ListBusTripsQuery): Promise<Page<BusTrip>> {
  const actor = requireUser(ctx);
  const f: repo.TripFilter = {
    status: q.status,
    originPrefix: originPrefix(q.originRegionCode),
    destinationDistrictCode: q.destinationDistrictCode,
    departFrom: q.departFrom ? chinaDayStart(q.departFrom) : undefined,
    departTo: q.departTo ? nextDayStart(q.departTo) : undefined,
  };
  let personId: string | null = null;
  if (isStaff(actor) && (has(actor, 'bus:manage') || has(actor, 'bus:board'))) {
    f.scope = { districtCodes: actor.districtCodes, escortUserId: actor.userId };
    if (q.escortedByMe) f.escortUserId = actor.userId;
    if (q.enterpriseId) f.enterpriseIds = [q.enterpriseId];
  } else if (isSeeker(actor)) {
    const me = await findPersonOfUser(ctx.db, actor.userId);
    personId = me?.id ?? null;
    if (q.forMyRequest) {
      const r = me ? await repo.findActiveRequestOfPerson(ctx.db, me.id) : undefined;
      if (!r) return pageResult([], 0, q);
      f.fits = {
        county: r.originRegionCode,
        prefecture: r.originPrefectureCode,
        district: r.destinationDistrictCode,
      };
      f.status = 'open';
    } else if (personId) {
      f.personId = personId;
      f.orOpen = true;
    } else {
      f.statuses = ['open'];
    }
  } else if (isEmployer(actor) && has(actor, 'bus:handover')) {
    const mine = await memberEnterpriseIds(ctx.db, actor.userId);
    if (q.enterpriseId && !mine.includes(q.enterpriseId))
      throw new AppError('forbidden', { fields: [{ path: 'enterpriseId', code: 'invalid' }] });
    f.enterpriseIds = q.enterpriseId ? [q.enterpriseId] : mine;
  } else {
    throw new AppError('forbidden');
  }
  const { items, total } = await repo.listTrips(ctx.db, f, offsetOf(q));
  return pageResult(await toTrips(ctx, ctx.db, items, { personId }), total, q);
}

async function notifyPassengers(
  tx: Executor,
  trip: repo.TripRow,
  statuses: readonly string[],
  n: { kind: string; zh: string; en: string; key: string },
  at: Date,
): Promise<void> {
  for (const b of await repo.bookingsOfTrip(tx, trip.id, statuses)) {
    const person = await getPerson(tx, b.personId);
    if (!person) continue;
    await notifyPerson(tx, person, {
      kind: n.kind,
      titleZh: n.zh,
      titleEn: n.en,
      body: { tripId: trip.id, bookingId: b.id, tripCode: trip.code },
      link: `/seeker/buses/bookings/${b.id}`,
      dedupeKey: `${n.key}:${b.id}`,
      at,
    });
  }
}

const NOTIFY_ON_CHANGE: readonly TripEditField[] = [
  'departAt',
  'arriveBy',
  'pickupPoint',
  'stops',
  'plate',
  'driverName',
  'driverPhone',
  'destinationDistrictCode',
];

/**
 * Edits a trip and moves its status (buses.workflow.ts decides what is allowed). Capacity and load
 * limit may not bring seats on sale below the seats taken; more seats promote the waitlist. New times
 * move every live booking's travel window (the exclusion constraint rechecks overlaps). Cancelling
 * cancels every booking and reopens their requests; departure settles no-shows and the waitlist.
 */
export async function updateTrip(ctx: RequestContext, id: string, body: UpdateTripBody): Promise<BusTrip> {
  const actor = requireUser(ctx);
  const now = ctx.now();
  const fields = (Object.keys(body) as (keyof UpdateTripBody)[]).filter(
    (k): k is TripEditField =>
      k !== 'status' && k !== 'version' && k !== 'cancelReason' && body[k] !== undefined,
  );
  try {
    await ctx.db.transaction().execute(async (tx) => {
      const trip = await repo.findTrip(tx, id, { forUpdate: true });
      if (!trip) throw new AppError('not_found');
      const rel = isStaffForTrip(actor, trip) ? 'staff' : isEscortOf(actor, trip) ? 'escort' : null;
      if (!rel) throw new AppError('not_found');
      if (body.version !== undefined && body.version !== trip.version)
        throw new AppError('conflict', { fields: [{ path: 'version', code: 'stale_version' }] });
      const status = trip.status as TripStatus;
      const allowed = rel === 'escort' ? ESCORT_EDIT_FIELDS : editableFields(status);
      for (const f of fields) {
        if (!allowed.includes(f))
          throw new AppError(rel === 'escort' ? 'forbidden' : 'conflict', {
            fields: [{ path: f, code: 'invalid_transition' }],
          });
      }
      if (
        body.destinationDistrictCode !== undefined &&
        !actor.districtCodes.includes(body.destinationDistrictCode)
      )
        throw outsideDistrict('destinationDistrictCode');
      await checkEscort(tx, body.escortStaffId);
      await checkCostEnterprises(tx, body.cost);

      const departAt = body.departAt ? new Date(body.departAt) : trip.departAt;
      const arriveBy = body.arriveBy ? new Date(body.arriveBy) : trip.arriveBy;
      if (arriveBy.getTime() <= departAt.getTime())
        throw fieldError(body.arriveBy ? 'arriveBy' : 'departAt', 'date_order');
      const capacity = body.capacity ?? trip.capacity;
      const load = body.loadLimitPercent ?? trip.loadLimitPercent;
      const seats = seatsForSaleOf(capacity, load);
      if (seats < 1)
        throw fieldError(body.loadLimitPercent !== undefined ? 'loadLimitPercent' : 'capacity', 'too_small');
      if (seats < trip.seatsTaken) {
        throw new AppError('validation_failed', {
          fields: [
            ...(body.capacity !== undefined ? [{ path: 'capacity', code: 'seats_below_taken' }] : []),
            ...(body.loadLimitPercent !== undefined
              ? [{ path: 'loadLimitPercent', code: 'seats_below_taken' }]
              : []),
          ],
          detail: {
            'zh-CN': `调整后可售座位 ${seats} 个，少于已售 ${trip.seatsTaken} 个`,
            'en-US': `That leaves ${seats} seats for sale, fewer than the ${trip.seatsTaken} already taken`,
          },
        });
      }
      const primary = body.destinationDistrictCode ?? trip.destinationDistrictCode;
      const dests =
        body.destinationDistrictCode !== undefined || body.destinationDistrictCodes !== undefined
          ? destinations(primary, body.destinationDistrictCodes ?? trip.destinationDistrictCodes)
          : undefined;

      await repo.updateTrip(
        tx,
        id,
        {
          ...(body.originRegionCode !== undefined ? { originRegionCode: body.originRegionCode } : {}),
          ...(body.pickupPoint !== undefined ? { pickupPoint: body.pickupPoint } : {}),
          ...(body.stops !== undefined
            ? {
                stops: body.stops.map((s) => ({
                  regionCode: s.regionCode,
                  pickupPoint: s.pickupPoint,
                  time: s.time ?? null,
                })),
              }
            : {}),
          ...(dests ? { destinationDistrictCode: primary, destinationDistrictCodes: dests } : {}),
          ...(body.departAt !== undefined ? { departAt } : {}),
          ...(body.arriveBy !== undefined ? { arriveBy } : {}),
          ...(body.capacity !== undefined || body.loadLimitPercent !== undefined
            ? { capacity, loadLimitPercent: load, seatsForSale: seats }
            : {}),
          ...(body.plate !== undefined ? { plate: body.plate } : {}),
          ...(body.driverName !== undefined ? { driverName: body.driverName } : {}),
          ...(body.driverPhone !== undefined ? { driverPhone: body.driverPhone } : {}),
          ...(body.escortStaffId !== undefined ? { escortUserId: body.escortStaffId } : {}),
          ...(body.note !== undefined ? { note: body.note } : {}),
          ...(body.cost
            ? { costFen: body.cost.costFen, costPayer: body.cost.payer, invoiceRef: body.cost.invoiceRef }
            : {}),
        },
        now,
      );
      if (body.cost) await repo.replaceCostShares(tx, id, costShares(body.cost, id).shares);
      if (body.departAt !== undefined || body.arriveBy !== undefined)
        await repo.setTravelWindows(tx, id, departAt, arriveBy);

      let transition: { from: TripStatus; to: TripStatus } | null = null;
      if (body.status !== undefined && body.status !== status) {
        const updated = await repo.findTrip(tx, id);
        if (!updated) throw new AppError('not_found');
        const result = checkTripTransition(
          {
            status,
            plate: updated.plate,
            driverName: updated.driverName,
            escortUserId: updated.escortUserId,
            departAt: updated.departAt,
            pendingHandovers: body.status === 'handed_over' ? await repo.countPendingHandovers(tx, id) : 0,
          },
          body.status,
          rel,
          now,
        );
        if (!result.ok) {
          if (result.code === 'invalid_transition' || result.code === 'handover_pending') {
            const a = TRIP_STATUS_LABELS[status];
            const b = TRIP_STATUS_LABELS[body.status];
            throw new AppError(
              rel === 'escort' && result.code === 'invalid_transition' ? 'forbidden' : 'conflict',
              {
                fields: [{ path: result.field, code: result.code }],
                detail:
                  result.code === 'handover_pending'
                    ? {
                        'zh-CN': '还有乘客未确认交接',
                        'en-US': 'Some passengers’ handover is not recorded yet',
                      }
                    : {
                        'zh-CN': `班次不能从“${a.zh}”改为“${b.zh}”`,
                        'en-US': `A trip cannot go from ${a.en} to ${b.en}`,
                      },
              },
            );
          }
          throw fieldError(result.field, result.code);
        }
        await repo.updateTrip(
          tx,
          id,
          {
            status: body.status,
            ...(result.timestampColumn ? { [result.timestampColumn]: now } : {}),
            ...(body.status === 'cancelled' && body.cancelReason ? { cancelReason: body.cancelReason } : {}),
          },
          now,
        );
        transition = { from: status, to: body.status };
        await afterTransition(ctx, tx, id, body.status, now);
      }
      // More seats on an open trip: the waitlist moves up.
      if ((transition?.to ?? status) === 'open' && seats > trip.seatsForSale)
        await promoteWaitlist(ctx, tx, id, now);

      const after = await repo.findTrip(tx, id);
      if (
        after &&
        fields.some((f) => NOTIFY_ON_CHANGE.includes(f)) &&
        (transition?.to ?? status) !== 'cancelled'
      ) {
        const l = tripLabel(after);
        await notifyPassengers(
          tx,
          after,
          ['confirmed', 'waitlisted'],
          {
            kind: 'bus_trip_changed',
            zh: `班次 ${l.zh} 信息有变更，请查看`,
            en: `Bus ${l.en} has changed: please check`,
            key: `bus_trip_changed:${after.version}`,
          },
          now,
        );
      }
      await writeAudit(tx, ctx, {
        action: transition ? 'bus_trip.status' : 'bus_trip.update',
        entityType: 'bus_trip',
        entityId: id,
        summary: {
          fields,
          ...(transition ?? {}),
          by: rel,
          ...(body.cancelReason ? { cancelReason: body.cancelReason } : {}),
        },
      });
    });
  } catch (err) {
    if (isPgError(err, '23P01', 'bus_bookings_no_overlap'))
      throw new AppError('booking_overlap', {
        fields: [{ path: body.departAt !== undefined ? 'departAt' : 'arriveBy', code: 'invalid' }],
        detail: {
          'zh-CN': '新的时间与部分乘客已订的其他班次重叠',
          'en-US': 'The new times overlap another bus some passengers hold seats on',
        },
        cause: err,
      });
    throw err;
  }
  return loadTrip(ctx, ctx.db, id);
}

/** What a status change does to the bookings (the trip row is locked by the caller). */
async function afterTransition(
  ctx: RequestContext,
  tx: Executor,
  tripId: string,
  to: TripStatus,
  now: Date,
): Promise<void> {
  const trip = await repo.findTrip(tx, tripId);
  if (!trip) return;
  const l = tripLabel(trip);
  if (to === 'open') {
    await inviteToBook(tx, tripId, now);
    return;
  }
  if (to === 'cancelled') {
    // Everyone holding a seat or a place, including those already on board (a bus cancelled
    // while boarding): their requests reopen for another bus.
    const live = await repo.bookingsOfTrip(tx, tripId, ['confirmed', 'waitlisted', 'boarded']);
    await notifyPassengers(
      tx,
      trip,
      ['confirmed', 'waitlisted', 'boarded'],
      {
        kind: 'bus_trip_cancelled',
        zh: `班次 ${l.zh} 已取消，我们会另行安排`,
        en: `Bus ${l.en} was cancelled; staff will arrange another`,
        key: 'bus_trip_cancelled',
      },
      now,
    );
    let seats = 0;
    for (const b of live) {
      await repo.updateBooking(
        tx,
        b.id,
        [b.status],
        { status: 'cancelled', cancelReason: 'trip_cancelled', handoverStatus: null },
        now,
      );
      if (b.status === 'confirmed' || b.status === 'boarded') seats++;
      if (b.travelRequestId)
        await repo.setRequestStatus(tx, b.travelRequestId, ['booked', 'completed'], 'open', now);
    }
    await repo.releaseSeats(tx, tripId, seats);
    return;
  }
  if (to === 'departed') {
    await notifyPassengers(
      tx,
      trip,
      ['boarded'],
      {
        kind: 'bus_trip_departed',
        zh: `班次 ${l.zh} 已发车，一路平安`,
        en: `Bus ${l.en} has departed: safe journey`,
        key: 'bus_trip_departed',
      },
      now,
    );
    // Confirmed but not boarded: no-shows; their seats were not used and their requests reopen.
    const left = await repo.bookingsOfTrip(tx, tripId, ['confirmed', 'waitlisted']);
    let seats = 0;
    for (const b of left) {
      await repo.updateBooking(
        tx,
        b.id,
        [b.status],
        { status: 'cancelled', cancelReason: b.status === 'confirmed' ? 'no_show' : 'trip_departed' },
        now,
      );
      if (b.status === 'confirmed') seats++;
      if (b.travelRequestId) await repo.setRequestStatus(tx, b.travelRequestId, ['booked'], 'open', now);
    }
    await repo.releaseSeats(tx, tripId, seats);
  }
}

// ——— Demand and planning ———

export async function demand(ctx: RequestContext, q: BusDemandQuery): Promise<BusDemand> {
  const actor = requireStaff(ctx);
  if (q.destinationDistrictCode && !actor.districtCodes.includes(q.destinationDistrictCode))
    throw outsideDistrict('destinationDistrictCode');
  const rows = await repo.demand(ctx.db, {
    originPrefix: originPrefix(q.originRegionCode),
    destinationDistrictCodes: q.destinationDistrictCode ? [q.destinationDistrictCode] : actor.districtCodes,
    earliestFrom: q.dateFrom,
    earliestTo: q.dateTo,
  });
  const names = await regionNames(
    ctx.db,
    rows.flatMap((r) => [r.originRegionCode, r.originPrefectureCode, r.destinationDistrictCode]),
  );
  const origins: BusDemand['origins'] = [];
  for (const r of rows) {
    let o = origins.find((x) => x.originRegionCode === r.originRegionCode);
    if (!o) {
      o = {
        originRegionCode: r.originRegionCode,
        originName: names.get(r.originRegionCode) ?? r.originRegionCode,
        prefectureCode: r.originPrefectureCode,
        prefectureName: names.get(r.originPrefectureCode) ?? r.originPrefectureCode,
        count: 0,
        destinations: [],
      };
      origins.push(o);
    }
    let d = o.destinations.find((x) => x.destinationDistrictCode === r.destinationDistrictCode);
    if (!d) {
      d = {
        destinationDistrictCode: r.destinationDistrictCode,
        destinationName: names.get(r.destinationDistrictCode) ?? r.destinationDistrictCode,
        count: 0,
        dates: [],
      };
      o.destinations.push(d);
    }
    d.dates.push({
      earliestDate: r.earliestDate,
      count: r.count,
      healthAttention: r.healthAttention,
      requestIds: r.requestIds,
    });
    d.count += r.count;
    o.count += r.count;
  }
  return { total: origins.reduce((a, o) => a + o.count, 0), origins };
}

function matchesOrigin(code: string, filters: readonly string[] | undefined): boolean {
  if (!filters || filters.length === 0) return true;
  return filters.some((f) => code.startsWith(originPrefix(f) ?? f));
}

/** Proposes buses for the open requests in the staff's districts (buses.planner.ts, no I/O). */
export async function plan(ctx: RequestContext, body: PlanBody): Promise<BusPlan> {
  const actor = requireStaff(ctx);
  for (const [i, d] of (body.destinationDistrictCodes ?? []).entries())
    if (!actor.districtCodes.includes(d)) throw outsideDistrict(`destinationDistrictCodes.${i}`);
  const districts = body.destinationDistrictCodes?.length
    ? body.destinationDistrictCodes
    : actor.districtCodes;
  const rows = (
    await repo.allTravelRequests(ctx.db, { status: 'open', destinationDistrictCodes: districts })
  ).filter((r) => matchesOrigin(r.originRegionCode, body.originRegionCodes));
  const planned = await repo.plannedTripsOfRequests(
    ctx.db,
    rows.map((r) => r.id),
    true,
  );
  const requests: PlannerRequest[] = rows.map((r) => ({
    id: r.id,
    originRegionCode: r.originRegionCode,
    pickupPoint: r.pickupPoint,
    destinationDistrictCode: r.destinationDistrictCode,
    earliestDate: r.earliestDate,
    latestDate: r.latestDate,
    healthAttention: r.healthAttention,
    plannedTripId: planned.get(r.id)?.[0] ?? null,
  }));
  const result = planBuses(requests, body);
  const names = await regionNames(
    ctx.db,
    result.buses.flatMap((b) => [b.originRegionCode, ...b.stops.map((s) => s.regionCode)]),
  );
  const fullNames = await regionFullNames(
    ctx.db,
    result.buses.map((b) => b.originRegionCode),
  );
  return {
    seatsPerBus: result.seatsPerBus,
    buses: result.buses.map((b) => ({
      ...b,
      originName: fullNames.get(b.originRegionCode) ?? names.get(b.originRegionCode) ?? b.originRegionCode,
      stops: b.stops.map((s) => ({ ...s, regionName: names.get(s.regionCode) ?? s.regionCode })),
    })),
    unplaced: result.unplaced.map((u) => ({
      requestId: u.requestId,
      reason: u.reason,
      message: PLAN_UNPLACED_REASON_LABELS[u.reason][ctx.locale],
      tripId: u.tripId,
    })),
    summary: {
      requests: requests.length,
      placed: result.buses.reduce((a, b) => a + b.seatsUsed, 0),
      unplaced: result.unplaced.length,
      buses: result.buses.length,
    },
  };
}

/**
 * Creates the (possibly adjusted) proposed buses as planned trips and records which requests each is
 * meant for: one transaction, so a plan is confirmed whole or not at all.
 */
export async function confirmPlan(ctx: RequestContext, body: ConfirmPlanBody): Promise<{ trips: BusTrip[] }> {
  const actor = requireStaff(ctx);
  const seen = new Map<string, string>();
  for (const [i, b] of body.buses.entries()) {
    if (!actor.districtCodes.includes(b.destinationDistrictCode))
      throw outsideDistrict(`buses.${i}.destinationDistrictCode`);
    const seats = seatsForSaleOf(b.capacity, b.loadLimitPercent);
    if (b.requestIds.length > seats) throw fieldError(`buses.${i}.requestIds`, 'too_big');
    for (const [j, r] of b.requestIds.entries()) {
      if (seen.has(r)) throw fieldError(`buses.${i}.requestIds.${j}`, 'invalid');
      seen.set(r, `${i}`);
    }
  }
  const ids = await ctx.db.transaction().execute(async (tx) => {
    const out: string[] = [];
    for (const [i, b] of body.buses.entries()) {
      await checkEscort(tx, b.escortStaffId, `buses.${i}.escortStaffId`);
      await checkPlannedRequests(tx, actor, b.requestIds, `buses.${i}.requestIds`);
      out.push(await insertTrip(ctx, tx, actor, b, 'planned', b.requestIds, undefined));
    }
    return out;
  });
  const rows = await repo.findTrips(ctx.db, ids);
  const trips = await toTrips(
    ctx,
    ctx.db,
    ids.flatMap((id) => rows.filter((r) => r.id === id)),
  );
  return { trips };
}

// ——— Statistics ———

export async function stats(
  ctx: RequestContext,
  q: { departFrom?: string | undefined; departTo?: string | undefined },
): Promise<BusStats> {
  const actor = requireStaff(ctx);
  const scope: repo.StatsScope = {
    // A city-wide officer sees every trip, including those bound for no district of theirs (none exist).
    districtCodes: isCityWideStaff(actor) ? null : actor.districtCodes,
    ...(q.departFrom ? { departFrom: chinaDayStart(q.departFrom) } : {}),
    ...(q.departTo ? { departTo: nextDayStart(q.departTo) } : {}),
  };
  const [byStatus, totals, carried] = await Promise.all([
    repo.tripsByStatus(ctx.db, scope),
    repo.seatTotals(ctx.db, scope, CARRIED_TRIP_STATUSES),
    repo.carried(ctx.db, scope, CARRIED_TRIP_STATUSES),
  ]);
  const counties = new Map<string, number>();
  const prefectures = new Map<string, number>();
  const enterprises = new Map<string, { workers: number; received: number }>();
  let workers = 0;
  let received = 0;
  for (const c of carried) {
    workers += c.workers;
    received += c.received;
    if (c.originRegionCode) {
      counties.set(c.originRegionCode, (counties.get(c.originRegionCode) ?? 0) + c.workers);
      const p = prefectureOf(c.originRegionCode);
      prefectures.set(p, (prefectures.get(p) ?? 0) + c.workers);
    }
    if (c.enterpriseId) {
      const e = enterprises.get(c.enterpriseId) ?? { workers: 0, received: 0 };
      e.workers += c.workers;
      e.received += c.received;
      enterprises.set(c.enterpriseId, e);
    }
  }
  const [names, enterpriseNames] = await Promise.all([
    regionNames(ctx.db, [...counties.keys(), ...prefectures.keys()]),
    repo.enterpriseNames(ctx.db, [...enterprises.keys()]),
  ]);
  const sortDesc = <T extends { workers: number }>(a: T, b: T) => b.workers - a.workers;
  return {
    trips: {
      total: byStatus.reduce((a, s) => a + s.count, 0),
      byStatus: TRIP_STATUSES.map((s) => ({
        status: s,
        count: byStatus.find((x) => x.status === s)?.count ?? 0,
      })),
    },
    workersCarried: workers,
    handedOver: received,
    byOriginPrefecture: [...prefectures.entries()]
      .map(([regionCode, w]) => ({ regionCode, regionName: names.get(regionCode) ?? regionCode, workers: w }))
      .sort(sortDesc),
    byOriginCounty: [...counties.entries()]
      .map(([regionCode, w]) => ({
        regionCode,
        regionName: names.get(regionCode) ?? regionCode,
        prefectureCode: prefectureOf(regionCode),
        workers: w,
      }))
      .sort(sortDesc),
    byEnterprise: [...enterprises.entries()]
      .map(([enterpriseId, e]) => ({
        enterpriseId,
        enterpriseName: enterpriseNames.get(enterpriseId) ?? '',
        ...e,
      }))
      .sort(sortDesc),
    seats: {
      seatsForSale: totals.seatsForSale,
      seatsTaken: totals.seatsTaken,
      boarded: workers,
      utilisation: totals.seatsForSale === 0 ? 0 : Math.round((workers / totals.seatsForSale) * 1000) / 1000,
    },
    costFen: totals.costFen,
  };
}
