import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { z } from 'zod';
import type {
  BoardPassengerBodySchema,
  BookSeatBodySchema,
  BusBooking,
  ConfirmHandoversBodySchema,
} from '@jiuye/shared';
import {
  isCountyLevelCode,
  prefectureOf,
  type BoardingResult,
  type HandoverEntry,
  type HandoverStatus,
  type RefusalReason,
  type TripStatus,
} from '@jiuye/shared';
import type { Executor } from '../../db/database.js';
import { auditInsertWhen, writeAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { offsetOf, pageResult, type Page } from '../../platform/pagination.js';
import { memberEnterpriseIds } from '../enterprises/index.js';
import {
  findPersonOfUser,
  getPerson,
  getPersonContact,
  personForUser,
  type PersonSummary,
} from '../persons/index.js';
import { has, isEscortOf, isSeeker, isStaff, isStaffForTrip, type UserActor } from './buses.policy.js';
import * as repo from './buses.repository.js';
import { refusalReasonsOf } from './buses.workflow.js';
import {
  boardingCodeOf,
  busPerson,
  isPgError,
  iso,
  notifyPerson,
  notifyPersonWhen,
  parseBoardingCode,
  personOf,
  personsById,
  regionFullNames,
  stopsOf,
  toBookings,
  tripLabel,
  tripSummaries,
  verifyBoardingCode,
} from './buses.views.js';

type BookSeatBody = z.output<typeof BookSeatBodySchema>;
type BoardBody = z.output<typeof BoardPassengerBodySchema>;
type HandoversBody = z.output<typeof ConfirmHandoversBodySchema>;

function requireUser(ctx: RequestContext): UserActor {
  if (ctx.actor.kind !== 'user') throw new AppError('forbidden');
  return ctx.actor;
}

/** Does the trip go from the request's county to its district? */
export function tripFitsRequest(
  trip: { originRegionCode: string; stops: unknown; destinationDistrictCodes: readonly string[] },
  r: { originRegionCode: string; destinationDistrictCode: string },
): boolean {
  if (!trip.destinationDistrictCodes.includes(r.destinationDistrictCode)) return false;
  if (trip.originRegionCode === r.originRegionCode) return true;
  if (!isCountyLevelCode(trip.originRegionCode) && trip.originRegionCode === prefectureOf(r.originRegionCode))
    return true;
  return stopsOf(trip.stops).some((s) => s.regionCode === r.originRegionCode);
}

const FULL_DETAIL = {
  'zh-CN': '座位已满。可以发送 {"waitlist": true} 登记候补：有人退票时按登记顺序递补，并通知您。',
  'en-US':
    'No seat left. Send {"waitlist": true} to join the waitlist: freed seats go to the waitlist in order, and you are notified.',
};

function bookingNotice(
  status: 'confirmed' | 'waitlisted' | 'promoted' | 'moved' | 'cancelled',
  t: repo.TripRow,
) {
  const l = tripLabel(t);
  switch (status) {
    case 'confirmed':
      return { zh: `返岗包车订座成功：${l.zh}`, en: `Your seat on bus ${l.en} is confirmed` };
    case 'waitlisted':
      return { zh: `已登记返岗包车候补：${l.zh}`, en: `You are on the waitlist of bus ${l.en}` };
    case 'promoted':
      return { zh: `候补成功，已为您保留座位：${l.zh}`, en: `A seat on bus ${l.en} is now yours (waitlist)` };
    case 'moved':
      return { zh: `您的座位已调整到班次 ${l.zh}`, en: `Your seat was moved to bus ${l.en}` };
    case 'cancelled':
      return { zh: `您在班次 ${l.zh} 的座位已取消`, en: `Your seat on bus ${l.en} was cancelled` };
  }
}

type BookingKind = 'confirmed' | 'waitlisted' | 'promoted' | 'moved' | 'cancelled';

function bookingNoticeOf(kind: BookingKind, trip: repo.TripRow, bookingId: string, at: Date) {
  const n = bookingNotice(kind, trip);
  return {
    kind: `bus_booking_${kind}`,
    titleZh: n.zh,
    titleEn: n.en,
    body: { bookingId, tripId: trip.id, tripCode: trip.code, departAt: iso(trip.departAt) },
    link: `/seeker/buses/bookings/${bookingId}`,
    dedupeKey: `bus_booking:${bookingId}:${kind}`,
    at,
  };
}

async function notifyBooking(
  tx: Executor,
  person: { id?: string; userId: string | null },
  kind: BookingKind,
  trip: repo.TripRow,
  bookingId: string,
  at: Date,
  contact?: { phone: string; userId: string | null } | null,
): Promise<void> {
  await notifyPerson(tx, person, bookingNoticeOf(kind, trip, bookingId, at), contact);
}

/**
 * Fills free seats of an open trip from its waitlist, first in line first, in the caller's
 * transaction (which holds the trip's row lock). Someone who meanwhile holds a seat at an overlapping
 * time is skipped and keeps their place; a race the pre-check missed is caught by the exclusion
 * constraint inside a savepoint, so the rest of the transaction stands.
 */
export async function promoteWaitlist(
  ctx: RequestContext | null,
  tx: Executor,
  tripId: string,
  at: Date,
): Promise<string[]> {
  const promoted: string[] = [];
  const skipped = new Set<string>();
  for (;;) {
    const trip = await repo.findTrip(tx, tripId);
    if (!trip || trip.status !== 'open' || trip.seatsTaken >= trip.seatsForSale) break;
    const candidates = (await repo.promotableWaitlist(tx, tripId, 20 + skipped.size)).filter(
      (c) => !skipped.has(c.id),
    );
    const next = candidates[0];
    if (!next) break;
    await sql`SAVEPOINT bus_promote`.execute(tx);
    try {
      if (
        !(await repo.updateBooking(tx, next.id, ['waitlisted'], { status: 'confirmed', confirmedAt: at }, at))
      ) {
        await sql`RELEASE SAVEPOINT bus_promote`.execute(tx);
        skipped.add(next.id);
        continue;
      }
      if (!(await repo.takeSeat(tx, tripId))) {
        await sql`ROLLBACK TO SAVEPOINT bus_promote`.execute(tx);
        break;
      }
      await sql`RELEASE SAVEPOINT bus_promote`.execute(tx);
    } catch (err) {
      // Overlap (or a deadlock with that person's concurrent booking): skip them, keep their place.
      if (!isPgError(err, '23P01') && !isPgError(err, '40P01')) throw err;
      await sql`ROLLBACK TO SAVEPOINT bus_promote`.execute(tx);
      skipped.add(next.id);
      continue;
    }
    promoted.push(next.id);
    const person = await getPerson(tx, next.personId);
    await notifyBooking(
      tx,
      { id: next.personId, userId: person?.userId ?? null },
      'promoted',
      trip,
      next.id,
      at,
    );
    await writeAudit(tx, ctx, {
      action: 'bus_booking.promote',
      entityType: 'bus_booking',
      entityId: next.id,
      summary: { tripId, personId: next.personId },
    });
  }
  return promoted;
}

/** A seat freed while this transaction waited: start again in a fresh one (it takes the seat). */
class SeatFreed extends Error {}

const MAX_ATTEMPTS = 3;

type Booked = {
  id: string;
  status: 'confirmed' | 'waitlisted';
  salt: Buffer;
  trip: repo.TripRow;
  person: PersonSummary;
  travelRequestId: string | null;
  at: Date;
};

/**
 * Books a seat. A seeker books for themself and needs an open travel request whose county and
 * district the trip serves (the booking is linked to it); staff covering the trip book for a person.
 *
 * Concurrency, in lock order: (1) a transaction-scoped advisory lock on the person serialises one
 * person's bookings, so the overlap and double-booking checks see each other's results; (2) the seat
 * is taken by one conditional UPDATE of the trip (open and not full) in the same statement that
 * checks, inserts the booking, marks the request and writes the audit row and the notifications
 * (repo.takeSeatAndBook), right before COMMIT: 10 statements per booking in all, 3 in its transaction;
 * (3) when full, a waitlist place is inserted under a FOR SHARE lock of the trip, so
 * waitlisters proceed side by side while a cancellation (FOR UPDATE) waits for them and then promotes
 * them. The database has the last word: CHECK seats_taken <= seats_for_sale, the unique indexes and
 * the exclusion constraint on overlapping travel windows. A deadlock victim (two exclusion checks
 * waiting on each other) is retried.
 */
export async function bookSeat(ctx: RequestContext, tripId: string, body: BookSeatBody): Promise<BusBooking> {
  const actor = requireUser(ctx);
  const staffBooking = body.personId !== undefined;
  if (staffBooking && !(isStaff(actor) && has(actor, 'bus:manage'))) throw fieldError('personId', 'invalid');
  if (!staffBooking && !isSeeker(actor)) throw fieldError('personId', 'required');
  // Outside any transaction, one read: a closed or full bus (the common answer in a rush) costs no
  // transaction at all. The decision itself is taken again, under locks, by takeSeatAndBook.
  const first = await repo.findTrip(ctx.db, tripId);
  if (!first || (staffBooking && !isStaffForTrip(actor, first))) throw new AppError('not_found');
  if (first.status !== 'open') throw new AppError('trip_not_open');
  if (!body.waitlist && first.seatsTaken >= first.seatsForSale)
    throw new AppError('trip_full', { detail: FULL_DETAIL });
  // Who travels and on which request: neither depends on the seat, so they are read before the
  // transaction too (origin and destination of a request never change; its status is checked
  // again under the person's lock).
  let person: PersonSummary;
  if (staffBooking) {
    const p = await getPerson(ctx.db, body.personId ?? '');
    if (!p) throw fieldError('personId', 'invalid');
    person = p;
  } else {
    person = await personForUser(ctx.db, ctx.deps.keys, actor.userId);
  }
  const [request, contact] = await Promise.all([
    repo.findActiveRequestOfPerson(ctx.db, person.id),
    getPersonContact(ctx.db, person.id),
  ]);
  if (!staffBooking) {
    if (!request) throw new AppError('travel_request_required');
    if (!tripFitsRequest(first, request)) throw new AppError('trip_route_mismatch');
  }
  if (request?.status === 'booked') throw new AppError('already_booked');
  let trip = first;
  const who: Who = { person, contact: contact ?? null, request: request ?? null, staffBooking };
  for (let attempt = 1; ; attempt++) {
    try {
      if (attempt > 1) {
        const again = await repo.findTrip(ctx.db, tripId);
        if (!again) throw new AppError('not_found');
        trip = again;
      }
      const t = trip;
      const b = await inPersonTransaction(ctx, person.id, (tx) =>
        attemptBooking(ctx, tx, actor, t, who, body),
      );
      // Answered from what the transaction wrote: no second round of reads under a rush.
      const summary = (await tripSummaries(ctx.db, [b.trip])).get(b.trip.id);
      if (!summary) throw new AppError('not_found');
      const position =
        b.status === 'waitlisted' ? ((await repo.waitlistPositions(ctx.db, [b.id])).get(b.id) ?? null) : null;
      return {
        id: b.id,
        tripId: b.trip.id,
        personId: b.person.id,
        passengerName: b.person.fullName,
        travelRequestId: b.travelRequestId,
        status: b.status,
        waitlistPosition: position,
        boardingCode:
          !staffBooking && b.status === 'confirmed' ? boardingCodeOf(ctx.deps.keys, b.id, b.salt) : null,
        movedToBookingId: null,
        cancelReason: null,
        handoverStatus: null,
        createdAt: iso(b.at),
        updatedAt: iso(b.at),
        trip: summary,
      };
    } catch (err) {
      if (attempt < MAX_ATTEMPTS && (err instanceof SeatFreed || isPgError(err, '40P01'))) continue;
      if (err instanceof SeatFreed) throw new AppError('conflict', { cause: err });
      if (isPgError(err, '23P01', 'bus_bookings_no_overlap'))
        throw new AppError('booking_overlap', { cause: err });
      if (
        isPgError(err, '23505', 'bus_bookings_trip_person_uniq') ||
        isPgError(err, '23505', 'bus_bookings_request_uniq')
      )
        throw new AppError('already_booked', { cause: err });
      if (isPgError(err, '23514')) throw new AppError('trip_full', { detail: FULL_DETAIL, cause: err });
      throw err;
    }
  }
}

type Who = {
  person: PersonSummary;
  contact: { phone: string; userId: string | null } | null;
  request: repo.TravelRequestRow | null;
  staffBooking: boolean;
};

/**
 * A transaction on one pooled connection that starts with the person's seat lock: BEGIN and the
 * lock travel in one round trip (repo.beginWithPersonSeatLock); COMMIT on success, else ROLLBACK.
 */
async function inPersonTransaction<T>(
  ctx: RequestContext,
  personId: string,
  fn: (tx: Executor) => Promise<T>,
): Promise<T> {
  return ctx.db.connection().execute(async (conn) => {
    let result: T;
    try {
      await repo.beginWithPersonSeatLock(conn, personId);
      result = await fn(conn);
    } catch (err) {
      await sql`ROLLBACK`.execute(conn).catch(() => undefined);
      throw err;
    }
    await sql`COMMIT`.execute(conn);
    return result;
  });
}

/**
 * One try, in the caller's transaction that holds the person's seat lock. The common case is one
 * statement (repo.takeSeatAndBook: checks, seat, booking, request, audit row) and the notification;
 * a full bus with `waitlist` writes a waitlist place instead.
 */
async function attemptBooking(
  ctx: RequestContext,
  tx: Executor,
  actor: UserActor,
  trip: repo.TripRow,
  who: Who,
  body: BookSeatBody,
): Promise<Booked> {
  const now = ctx.now();
  const { person, request, staffBooking } = who;
  const tripId = trip.id;
  const notifyTo = { id: person.id, userId: person.userId };
  const auditSummary = {
    tripId,
    personId: person.id,
    travelRequestId: request?.id ?? null,
    by: staffBooking ? 'staff' : 'self',
  };
  const id = randomUUID();
  const salt = randomBytes(16);
  const booked = sql<boolean>`EXISTS (SELECT 1 FROM booked)`;
  const attempt = await repo.takeSeatAndBook(tx, {
    id,
    tripId,
    personId: person.id,
    travelRequestId: request?.id ?? null,
    boardingSalt: salt,
    bookedBy: actor.userId,
    at: now,
    alongside: [
      auditInsertWhen(
        ctx,
        { action: 'bus_booking.confirm', entityType: 'bus_booking', entityId: id, summary: auditSummary },
        booked,
      ),
      ...notifyPersonWhen(person, who.contact, bookingNoticeOf('confirmed', trip, id, now), booked),
    ],
  });
  if (attempt.booked) {
    const bookedTrip = {
      ...trip,
      seatsTaken: attempt.seatsTaken ?? trip.seatsTaken,
      departAt: attempt.departAt ?? trip.departAt,
      arriveBy: attempt.arriveBy ?? trip.arriveBy,
    };
    return {
      id,
      status: 'confirmed',
      salt,
      trip: bookedTrip,
      person,
      travelRequestId: request?.id ?? null,
      at: now,
    };
  }
  // Not booked: why, as seen under the person's lock.
  if (request && attempt.requestStatus !== 'open') {
    if (attempt.requestStatus === 'booked') throw new AppError('already_booked');
    throw new AppError(staffBooking ? 'conflict' : 'travel_request_required');
  }
  if (attempt.onTrip) throw new AppError('already_booked');
  if (attempt.overlap) throw new AppError('booking_overlap');
  // No seat: closed, full, or freed again since (then start over and take it).
  const seats = await repo.tripSeats(tx, tripId);
  if (!seats) throw new AppError('not_found');
  if (seats.status !== 'open') throw new AppError('trip_not_open');
  // A seat freed since the booking statement (a cancellation committed meanwhile): start over.
  if (seats.seatsTaken < seats.seatsForSale) throw new SeatFreed();
  if (!body.waitlist) throw new AppError('trip_full', { detail: FULL_DETAIL });
  // A waitlist place: written first, then, last before COMMIT, a shared lock of the trip. A
  // cancellation holds the exclusive lock from its start to its commit, so either it commits first
  // (and we see the seat it freed: start over and take it) or it waits for us (and its promotion
  // sees our place). The shared lock is held for one round trip; waitlisters do not queue.
  await repo.insertBooking(tx, {
    id,
    tripId,
    personId: person.id,
    travelRequestId: request?.id ?? null,
    status: 'waitlisted',
    departAt: trip.departAt,
    arriveBy: trip.arriveBy,
    boardingSalt: salt,
    bookedBy: actor.userId,
    at: now,
  });
  if (request) await repo.setRequestStatus(tx, request.id, ['open'], 'booked', now);
  await notifyBooking(tx, notifyTo, 'waitlisted', trip, id, now, who.contact);
  await writeAudit(tx, ctx, {
    action: 'bus_booking.waitlist',
    entityType: 'bus_booking',
    entityId: id,
    summary: auditSummary,
  });
  const locked = await repo.lockTripShared(tx, tripId);
  if (!locked) throw new AppError('not_found');
  if (locked.status !== 'open') throw new AppError('trip_not_open');
  if (locked.seatsTaken < locked.seatsForSale) throw new SeatFreed();
  return { id, status: 'waitlisted', salt, trip, person, travelRequestId: request?.id ?? null, at: now };
}

type CancelReason = 'passenger' | 'staff' | 'request_cancelled';

/**
 * Cancels a confirmed or waitlisted booking inside the caller's transaction: frees the seat, promotes
 * the waitlist, reopens the travel request. Lock order everywhere in this module: the person's seat
 * lock (bookings, moves), trip(s) by id, then bookings, then travel requests — so concurrent
 * cancellations, bookings and moves do not deadlock on rows.
 */
export async function cancelBookingInTx(
  ctx: RequestContext,
  tx: Executor,
  bookingId: string,
  reason: CancelReason,
): Promise<repo.BookingRow> {
  const now = ctx.now();
  const peek = await repo.findBooking(tx, bookingId);
  if (!peek) throw new AppError('not_found');
  // A booking's trip never changes (a move makes a new booking), so locking it first is safe.
  const trip = await repo.findTrip(tx, peek.tripId, { forUpdate: true });
  if (!trip) throw new AppError('not_found');
  const b = await repo.findBooking(tx, bookingId, { forUpdate: true });
  if (!b) throw new AppError('not_found');
  if (b.status !== 'confirmed' && b.status !== 'waitlisted')
    throw new AppError('conflict', { fields: [{ path: 'status', code: 'invalid_transition' }] });
  if (!['planned', 'open', 'boarding'].includes(trip.status))
    throw new AppError('conflict', { fields: [{ path: 'status', code: 'invalid_transition' }] });
  await repo.updateBooking(tx, b.id, [b.status], { status: 'cancelled', cancelReason: reason }, now);
  if (b.status === 'confirmed') {
    await repo.releaseSeats(tx, trip.id, 1);
    await promoteWaitlist(ctx, tx, trip.id, now);
  }
  if (b.travelRequestId) await repo.setRequestStatus(tx, b.travelRequestId, ['booked'], 'open', now);
  if (reason === 'staff') {
    const person = await getPerson(tx, b.personId);
    await notifyBooking(tx, { id: b.personId, userId: person?.userId ?? null }, 'cancelled', trip, b.id, now);
  }
  await writeAudit(tx, ctx, {
    action: 'bus_booking.cancel',
    entityType: 'bus_booking',
    entityId: b.id,
    summary: { tripId: trip.id, from: b.status, reason },
  });
  return b;
}

async function bookingRelation(
  ctx: RequestContext,
  b: repo.BookingRow,
): Promise<{ rel: 'passenger' | 'staff' | 'escort'; trip: repo.TripRow } | null> {
  const actor = ctx.actor;
  if (actor.kind !== 'user') return null;
  const trip = await repo.findTrip(ctx.db, b.tripId);
  if (!trip) return null;
  if (isStaffForTrip(actor, trip)) return { rel: 'staff', trip };
  if (isEscortOf(actor, trip)) return { rel: 'escort', trip };
  if (has(actor, 'bus:book')) {
    const me = await findPersonOfUser(ctx.db, actor.userId);
    if (me && me.id === b.personId) return { rel: 'passenger', trip };
  }
  return null;
}

/** The passenger or staff covering the trip cancel a confirmed or waitlisted booking. */
export async function cancelBooking(ctx: RequestContext, bookingId: string): Promise<BusBooking> {
  const b = await repo.findBooking(ctx.db, bookingId);
  if (!b) throw new AppError('not_found');
  const r = await bookingRelation(ctx, b);
  if (!r || r.rel === 'escort') throw new AppError('not_found');
  await ctx.db
    .transaction()
    .execute(async (tx) =>
      cancelBookingInTx(ctx, tx, bookingId, r.rel === 'passenger' ? 'passenger' : 'staff'),
    );
  const row = await repo.findBooking(ctx.db, bookingId);
  if (!row) throw new AppError('not_found');
  const [out] = await toBookings(ctx, ctx.db, [row], { passengerView: r.rel === 'passenger' });
  if (!out) throw new AppError('not_found');
  return out;
}

export async function getBooking(ctx: RequestContext, bookingId: string): Promise<BusBooking> {
  const b = await repo.findBooking(ctx.db, bookingId);
  if (!b) throw new AppError('not_found');
  const r = await bookingRelation(ctx, b);
  if (!r) throw new AppError('not_found');
  const [out] = await toBookings(ctx, ctx.db, [b], { passengerView: r.rel === 'passenger' });
  if (!out) throw new AppError('not_found');
  if (r.rel !== 'passenger') {
    await writeAudit(ctx.db, ctx, {
      action: 'bus_booking.read',
      entityType: 'bus_booking',
      entityId: b.id,
      summary: { tripId: b.tripId, personId: b.personId },
    });
  }
  return out;
}

export async function listMyBookings(
  ctx: RequestContext,
  q: { status?: string | undefined; page: number; pageSize: number },
): Promise<Page<BusBooking>> {
  const actor = requireUser(ctx);
  const me = await findPersonOfUser(ctx.db, actor.userId);
  if (!me) return pageResult([], 0, q);
  const { items, total } = await repo.listBookingsOfPerson(ctx.db, me.id, q.status, offsetOf(q));
  return pageResult(await toBookings(ctx, ctx.db, items, { passengerView: true }), total, q);
}

/**
 * Staff move a passenger to another trip in one transaction: both trips locked in id order, a seat
 * taken on the target (open or boarding, not full), the old booking marked moved (its seat freed and
 * its waitlist promoted), a new confirmed booking linked to the same travel request.
 */
export async function moveBooking(
  ctx: RequestContext,
  bookingId: string,
  targetTripId: string,
): Promise<BusBooking> {
  const actor = requireUser(ctx);
  const now = ctx.now();
  const peek = await repo.findBooking(ctx.db, bookingId);
  if (!peek) throw new AppError('not_found');
  const source = await repo.findTrip(ctx.db, peek.tripId);
  if (!source || !isStaffForTrip(actor, source)) throw new AppError('not_found');
  if (targetTripId === peek.tripId) throw fieldError('tripId', 'invalid');
  const target0 = await repo.findTrip(ctx.db, targetTripId);
  if (!target0 || !isStaffForTrip(actor, target0)) throw fieldError('tripId', 'invalid');
  try {
    const newId = await ctx.db.transaction().execute(async (tx) => {
      // Lock order as in bookSeat: the person, then the trips by id, then the booking.
      await repo.lockPersonSeats(tx, peek.personId);
      const locked = await repo.lockTrips(tx, [peek.tripId, targetTripId]);
      const src = locked.find((t) => t.id === peek.tripId);
      const target = locked.find((t) => t.id === targetTripId);
      if (!src || !target) throw new AppError('not_found');
      const b = await repo.findBooking(tx, bookingId, { forUpdate: true });
      if (!b) throw new AppError('not_found');
      if (b.status !== 'confirmed' && b.status !== 'waitlisted')
        throw new AppError('conflict', { fields: [{ path: 'status', code: 'invalid_transition' }] });
      if (!['planned', 'open', 'boarding'].includes(src.status))
        throw new AppError('conflict', { fields: [{ path: 'status', code: 'invalid_transition' }] });
      if (target.status !== 'open' && target.status !== 'boarding') throw new AppError('trip_not_open');
      if (await repo.findLiveBookingOnTrip(tx, targetTripId, b.personId))
        throw new AppError('already_booked');
      if (!(await repo.takeSeat(tx, targetTripId, ['open', 'boarding'])))
        throw new AppError('trip_full', { detail: FULL_DETAIL });
      // Free the old booking first: the new one must not collide with it (unique, exclusion).
      await repo.updateBooking(tx, b.id, [b.status], { status: 'moved' }, now);
      if (b.status === 'confirmed') await repo.releaseSeats(tx, src.id, 1);
      const id = randomUUID();
      await repo.insertBooking(tx, {
        id,
        tripId: targetTripId,
        personId: b.personId,
        travelRequestId: b.travelRequestId,
        status: 'confirmed',
        departAt: target.departAt,
        arriveBy: target.arriveBy,
        boardingSalt: randomBytes(16),
        bookedBy: actor.userId,
        movedFromBookingId: b.id,
        at: now,
      });
      await repo.updateBooking(tx, b.id, ['moved'], { movedToBookingId: id }, now);
      if (b.status === 'confirmed') await promoteWaitlist(ctx, tx, src.id, now);
      const person = await getPerson(tx, b.personId);
      await notifyBooking(tx, { id: b.personId, userId: person?.userId ?? null }, 'moved', target, id, now);
      await writeAudit(tx, ctx, {
        action: 'bus_booking.move',
        entityType: 'bus_booking',
        entityId: b.id,
        summary: { fromTripId: src.id, toTripId: target.id, newBookingId: id, personId: b.personId },
      });
      return id;
    });
    const row = await repo.findBooking(ctx.db, newId);
    if (!row) throw new AppError('not_found');
    const [out] = await toBookings(ctx, ctx.db, [row], { passengerView: false });
    if (!out) throw new AppError('not_found');
    return out;
  } catch (err) {
    if (isPgError(err, '23P01', 'bus_bookings_no_overlap'))
      throw new AppError('booking_overlap', { cause: err });
    if (isPgError(err, '23505')) throw new AppError('already_booked', { cause: err });
    throw err;
  }
}

// ——— Manifest, boarding, handover ———

async function tripForCrew(ctx: RequestContext, tripId: string): Promise<repo.TripRow> {
  const trip = await repo.findTrip(ctx.db, tripId);
  if (!trip || !(isStaffForTrip(ctx.actor, trip) || isEscortOf(ctx.actor, trip)))
    throw new AppError('not_found');
  return trip;
}

const MANIFEST_STATUSES = ['confirmed', 'boarded', 'refused'] as const;

export type ManifestData = Awaited<ReturnType<typeof manifestData>>;

async function manifestData(ctx: RequestContext, trip: repo.TripRow) {
  const rows = await repo.manifestRows(ctx.db, trip.id, [...MANIFEST_STATUSES, 'waitlisted']);
  const [persons, fullNames, enterprises, summaries, positions] = await Promise.all([
    personsById(
      ctx.db,
      rows.map((r) => r.personId),
    ),
    regionFullNames(
      ctx.db,
      rows.flatMap((r) => (r.originRegionCode ? [r.originRegionCode] : [])),
    ),
    repo.enterpriseNames(
      ctx.db,
      rows.flatMap((r) => (r.enterpriseId ? [r.enterpriseId] : [])),
    ),
    tripSummaries(ctx.db, [trip]),
    repo.waitlistPositions(
      ctx.db,
      rows.filter((r) => r.status === 'waitlisted').map((r) => r.id),
    ),
  ]);
  const entries = rows.map((r) => {
    const p = personOf(persons, r.personId);
    return {
      bookingId: r.id,
      status: r.status as (typeof MANIFEST_STATUSES)[number] | 'waitlisted',
      waitlistPosition: positions.get(r.id) ?? null,
      person: {
        id: p.id,
        fullName: p.fullName,
        // The number given for this trip; staff-registered people may have no other.
        phone: r.contactPhone ?? p.phoneMasked,
        idNumberMasked: p.idNumberMasked,
        gender: p.gender,
      },
      originRegionCode: r.originRegionCode,
      originName: r.originRegionCode ? (fullNames.get(r.originRegionCode) ?? r.originRegionCode) : null,
      pickupPoint: r.pickupPoint,
      destinationDistrictCode: r.destinationDistrictCode,
      enterpriseId: r.enterpriseId,
      enterpriseName: r.enterpriseId ? (enterprises.get(r.enterpriseId) ?? null) : null,
      healthAttention: r.healthAttention ?? false,
      boardedAt: r.boardedAt ? iso(r.boardedAt) : null,
      boardingTemperatureCelsius: r.boardingTemperature === null ? null : Number(r.boardingTemperature),
      refusalReasons: r.refusalReasons as RefusalReason[],
      handoverStatus: (r.handoverStatus as HandoverStatus | null) ?? null,
    };
  });
  const summary = summaries.get(trip.id);
  if (!summary) throw new AppError('not_found');
  return {
    trip: summary,
    seatsForSale: trip.seatsForSale,
    seatsTaken: trip.seatsTaken,
    passengers: entries.filter((e) => e.status !== 'waitlisted'),
    waitlist: entries.filter((e) => e.status === 'waitlisted'),
  };
}

/** The manifest for staff covering the trip and its escort; the read of full phones is audited. */
export async function manifest(ctx: RequestContext, tripId: string) {
  const trip = await tripForCrew(ctx, tripId);
  const data = await manifestData(ctx, trip);
  await writeAudit(ctx.db, ctx, {
    action: 'bus_trip.manifest_read',
    entityType: 'bus_trip',
    entityId: trip.id,
    summary: { passengers: data.passengers.length, waitlist: data.waitlist.length },
  });
  return data;
}

/** The manifest as an Excel workbook (passengers, then the waitlist), audited like the read. */
export async function manifestWorkbook(
  ctx: RequestContext,
  tripId: string,
): Promise<{ file: Buffer; code: string }> {
  const trip = await tripForCrew(ctx, tripId);
  const data = await manifestData(ctx, trip);
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Jiuye';
  const ws = wb.addWorksheet('乘客名单 Manifest');
  ws.addRow([
    `班次 Trip ${data.trip.code}`,
    `${data.trip.originName} → ${data.trip.destinationName}`,
    data.trip.departAt,
    data.trip.plate ?? '',
  ]);
  ws.addRow([]);
  const header = ws.addRow([
    '序号 No.',
    '姓名 Name',
    '手机 Phone',
    '身份证 ID (masked)',
    '出发地 Origin',
    '上车点 Pickup',
    '目的企业 Enterprise',
    '状态 Status',
    '候补 Waitlist',
    '上车时间 Boarded',
    '体温 °C',
    '交接 Handover',
  ]);
  header.font = { bold: true };
  [...data.passengers, ...data.waitlist].forEach((e, i) => {
    ws.addRow([
      i + 1,
      e.person.fullName,
      e.person.phone,
      e.person.idNumberMasked ?? '',
      e.originName ?? '',
      e.pickupPoint ?? '',
      e.enterpriseName ?? '',
      e.status,
      e.waitlistPosition ?? '',
      e.boardedAt ?? '',
      e.boardingTemperatureCelsius ?? '',
      e.handoverStatus ?? '',
    ]);
  });
  ws.columns.forEach((c) => {
    c.width = 16;
  });
  const file = Buffer.from(await wb.xlsx.writeBuffer());
  await writeAudit(ctx.db, ctx, {
    action: 'bus_trip.manifest_export',
    entityType: 'bus_trip',
    entityId: trip.id,
    summary: { passengers: data.passengers.length, waitlist: data.waitlist.length },
  });
  return { file, code: data.trip.code };
}

/**
 * The escort boards a passenger by the QR code (or by booking id from the manifest) with a health
 * check: fever, symptoms or a non-green code refuse boarding, record why, free the seat and reopen the
 * person's travel request. The first scan of an open trip closes sales (status boarding). A repeated
 * scan answers the first result.
 */
export async function boardPassenger(
  ctx: RequestContext,
  tripId: string,
  body: BoardBody,
): Promise<BoardingResult> {
  const actor = requireUser(ctx);
  const now = ctx.now();
  const trip0 = await tripForCrew(ctx, tripId);
  let bookingId: string;
  let mac: string | null = null;
  if (body.code !== undefined) {
    const parsed = parseBoardingCode(body.code);
    if (!parsed) throw fieldError('code', 'boarding_code_invalid');
    bookingId = parsed.bookingId;
    mac = parsed.mac;
  } else {
    bookingId = body.bookingId ?? '';
  }
  const codePath = body.code !== undefined ? 'code' : 'bookingId';
  return ctx.db.transaction().execute(async (tx) => {
    const trip = await repo.findTrip(tx, trip0.id, { forUpdate: true });
    if (!trip) throw new AppError('not_found');
    const b = await repo.findBooking(tx, bookingId, { forUpdate: true });
    if (!b || b.tripId !== trip.id) throw fieldError(codePath, 'boarding_code_invalid');
    if (mac !== null && !verifyBoardingCode(ctx.deps.keys, b.id, b.boardingSalt, mac))
      throw fieldError(codePath, 'boarding_code_invalid');
    const person = personOf(await personsById(tx, [b.personId]), b.personId);
    if (b.status === 'boarded' || b.status === 'refused') {
      return {
        bookingId: b.id,
        outcome: b.status,
        refusalReasons: b.refusalReasons as RefusalReason[],
        alreadyRecorded: true,
        person: busPerson(person),
        temperatureCelsius: Number(b.boardingTemperature ?? 0),
        at: iso(b.boardedAt ?? now),
        tripStatus: trip.status as TripStatus,
      };
    }
    if (b.status !== 'confirmed')
      throw new AppError('conflict', { fields: [{ path: codePath, code: 'booking_not_confirmed' }] });
    let tripStatus = trip.status as TripStatus;
    if (tripStatus === 'open') {
      await repo.updateTrip(tx, trip.id, { status: 'boarding' }, now);
      await writeAudit(tx, ctx, {
        action: 'bus_trip.status',
        entityType: 'bus_trip',
        entityId: trip.id,
        summary: { from: 'open', to: 'boarding', by: 'first_boarding' },
      });
      tripStatus = 'boarding';
    }
    if (tripStatus !== 'boarding')
      throw new AppError('conflict', { fields: [{ path: 'status', code: 'invalid_transition' }] });
    const temperature = Math.round(body.temperatureCelsius * 10) / 10;
    const reasons = refusalReasonsOf({
      temperatureCelsius: temperature,
      symptoms: body.symptoms,
      healthCodeColor: body.healthCodeColor,
    });
    const outcome = reasons.length === 0 ? 'boarded' : 'refused';
    await repo.updateBooking(
      tx,
      b.id,
      ['confirmed'],
      {
        status: outcome,
        boardedAt: now,
        boardedBy: actor.userId,
        boardingMethod: body.code !== undefined ? 'qr' : 'manual',
        boardingTemperature: temperature,
        boardingSymptoms: [...body.symptoms],
        boardingHealthCode: body.healthCodeColor ?? null,
        refusalReasons: reasons,
        boardingNote: body.note ?? null,
        ...(outcome === 'boarded' ? { handoverStatus: 'pending' } : {}),
      },
      now,
    );
    if (b.travelRequestId) {
      if (outcome === 'boarded')
        await repo.setRequestStatus(tx, b.travelRequestId, ['booked'], 'completed', now);
      // Refused: the seat is freed and the person needs another bus.
      else await repo.setRequestStatus(tx, b.travelRequestId, ['booked'], 'open', now);
    }
    if (outcome === 'refused') {
      await repo.releaseSeats(tx, trip.id, 1);
      await notifyPerson(tx, person, {
        kind: 'bus_boarding_refused',
        titleZh: `健康检查未通过，本次未能乘车：${tripLabel(trip).zh}`,
        titleEn: `Boarding refused after the health check: ${tripLabel(trip).en}`,
        body: { bookingId: b.id, tripId: trip.id, reasons },
        link: `/seeker/buses/bookings/${b.id}`,
        dedupeKey: `bus_booking:${b.id}:refused`,
        at: now,
      });
    }
    await writeAudit(tx, ctx, {
      action: outcome === 'boarded' ? 'bus_booking.board' : 'bus_booking.refuse',
      entityType: 'bus_booking',
      entityId: b.id,
      summary: {
        tripId: trip.id,
        personId: b.personId,
        method: body.code !== undefined ? 'qr' : 'manual',
        reasons,
      },
    });
    return {
      bookingId: b.id,
      outcome,
      refusalReasons: reasons,
      alreadyRecorded: false,
      person: busPerson(person),
      temperatureCelsius: temperature,
      at: iso(now),
      tripStatus,
    };
  });
}

/**
 * Who may see handovers of a trip: staff covering it and its escort (all boarded passengers); an
 * enterprise clerk (the passengers bound for their enterprises; none bound for them: 404).
 */
async function handoverScope(
  ctx: RequestContext,
  db: Executor,
  trip: repo.TripRow,
): Promise<{ all: true } | { all: false; enterpriseIds: string[] }> {
  const actor = ctx.actor;
  if (isStaffForTrip(actor, trip) || isEscortOf(actor, trip)) return { all: true };
  if (actor.kind === 'user' && has(actor, 'bus:handover')) {
    const mine = await memberEnterpriseIds(db, actor.userId);
    const rows = await repo.manifestRows(db, trip.id, ['boarded']);
    const ids = mine.filter((e) => rows.some((r) => r.enterpriseId === e));
    if (ids.length > 0) return { all: false, enterpriseIds: ids };
  }
  throw new AppError('not_found');
}

async function handoverEntries(
  db: Executor,
  trip: repo.TripRow,
  scope: { all: true } | { all: false; enterpriseIds: string[] },
): Promise<HandoverEntry[]> {
  const rows = (await repo.manifestRows(db, trip.id, ['boarded'])).filter(
    (r) => scope.all || (r.enterpriseId !== null && scope.enterpriseIds.includes(r.enterpriseId)),
  );
  const [persons, enterprises] = await Promise.all([
    personsById(
      db,
      rows.map((r) => r.personId),
    ),
    repo.enterpriseNames(
      db,
      rows.flatMap((r) => (r.enterpriseId ? [r.enterpriseId] : [])),
    ),
  ]);
  return rows.map((r) => ({
    bookingId: r.id,
    person: busPerson(personOf(persons, r.personId)),
    enterpriseId: r.enterpriseId,
    enterpriseName: r.enterpriseId ? (enterprises.get(r.enterpriseId) ?? null) : null,
    boardedAt: r.boardedAt ? iso(r.boardedAt) : null,
    handoverStatus: (r.handoverStatus as HandoverStatus | null) ?? 'pending',
    handoverNote: r.handoverNote,
    handoverAt: r.handoverAt ? iso(r.handoverAt) : null,
  }));
}

export async function listHandovers(ctx: RequestContext, tripId: string) {
  const trip = await repo.findTrip(ctx.db, tripId);
  if (!trip) throw new AppError('not_found');
  const scope = await handoverScope(ctx, ctx.db, trip);
  const items = await handoverEntries(ctx.db, trip, scope);
  const summaries = await tripSummaries(ctx.db, [trip]);
  const summary = summaries.get(trip.id);
  if (!summary) throw new AppError('not_found');
  await writeAudit(ctx.db, ctx, {
    action: 'bus_trip.handovers_read',
    entityType: 'bus_trip',
    entityId: trip.id,
    summary: { count: items.length, scope: scope.all ? 'all' : scope.enterpriseIds },
  });
  return { trip: summary, items };
}

/**
 * The receiving enterprise's clerk (or staff covering the trip) confirms, per passenger, received or
 * not received, once the bus arrived. When no boarded passenger is pending any more the trip moves
 * to handed_over.
 */
export async function confirmHandovers(ctx: RequestContext, tripId: string, body: HandoversBody) {
  const actor = requireUser(ctx);
  const now = ctx.now();
  const trip0 = await repo.findTrip(ctx.db, tripId);
  if (!trip0) throw new AppError('not_found');
  const scope = await handoverScope(ctx, ctx.db, trip0);
  const seen = new Set<string>();
  body.items.forEach((it, i) => {
    if (seen.has(it.bookingId)) throw fieldError(`items.${i}.bookingId`, 'invalid');
    seen.add(it.bookingId);
  });
  await ctx.db.transaction().execute(async (tx) => {
    const trip = await repo.findTrip(tx, tripId, { forUpdate: true });
    if (!trip) throw new AppError('not_found');
    if (trip.status !== 'arrived')
      throw new AppError('conflict', {
        fields: [{ path: 'status', code: 'invalid_transition' }],
        detail: {
          'zh-CN': '车辆到达后才能确认交接',
          'en-US': 'Handover is confirmed once the bus has arrived',
        },
      });
    const allowed = new Map((await handoverEntries(tx, trip, scope)).map((e) => [e.bookingId, e]));
    for (const [i, it] of body.items.entries()) {
      if (!allowed.has(it.bookingId)) throw fieldError(`items.${i}.bookingId`, 'invalid');
      await repo.updateBooking(
        tx,
        it.bookingId,
        ['boarded'],
        {
          handoverStatus: it.outcome,
          handoverNote: it.note ?? null,
          handoverBy: actor.userId,
          handoverAt: now,
        },
        now,
      );
      await writeAudit(tx, ctx, {
        action: 'bus_booking.handover',
        entityType: 'bus_booking',
        entityId: it.bookingId,
        summary: {
          tripId,
          outcome: it.outcome,
          enterpriseId: allowed.get(it.bookingId)?.enterpriseId ?? null,
        },
      });
    }
    if ((await repo.countPendingHandovers(tx, tripId)) === 0) {
      await repo.updateTrip(tx, tripId, { status: 'handed_over', handedOverAt: now }, now);
      await writeAudit(tx, ctx, {
        action: 'bus_trip.status',
        entityType: 'bus_trip',
        entityId: tripId,
        summary: { from: 'arrived', to: 'handed_over', by: 'all_handovers_recorded' },
      });
    }
  });
  return listHandovers(ctx, tripId);
}
