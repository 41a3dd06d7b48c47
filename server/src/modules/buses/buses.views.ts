import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  HealthDeclarationSchema,
  type BookingStatus,
  type BusBooking,
  type BusTrip,
  type HandoverStatus,
  type HealthDeclaration,
  type TravelRequest,
  type TripStatus,
} from '@jiuye/shared';
import type { RawBuilder } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { Keys } from '../../platform/crypto.js';
import type { RequestContext } from '../../platform/context.js';
import { createNotification, notificationWhen, queueSms, smsWhen } from '../alerts/index.js';
import { getPersonContact, getPersons, type PersonSummary } from '../persons/index.js';
import { has, isStaffForTrip } from './buses.policy.js';
import * as repo from './buses.repository.js';

/*
 * Mapping rows to the contract types, names of regions and people, notifications and boarding codes:
 * shared by the travel-request, trip and booking services.
 */

export const iso = (d: Date): string => d.toISOString();

// Region names are reference data: loaded at boot, never changed while running. Cache them in-process
// (a few thousand codes at most) so that answering a booking costs no name lookups.
const shortNames = new Map<string, string>();
const fullNames = new Map<string, string>();

async function cached(
  cache: Map<string, string>,
  codes: readonly string[],
  load: (missing: string[]) => Promise<Map<string, string>>,
): Promise<Map<string, string>> {
  const missing = [...new Set(codes)].filter((c) => c.length > 0 && !cache.has(c));
  if (missing.length > 0) for (const [k, v] of await load(missing)) cache.set(k, v);
  return new Map(
    codes.flatMap((c) => {
      const v = cache.get(c);
      return v === undefined ? [] : [[c, v] as const];
    }),
  );
}

/** Names of regions by code (cached). */
export function regionNames(db: Executor, codes: readonly string[]): Promise<Map<string, string>> {
  return cached(shortNames, codes, (m) => repo.regionNames(db, m));
}

/** Full names (province + city + county) by code (cached). */
export function regionFullNames(db: Executor, codes: readonly string[]): Promise<Map<string, string>> {
  return cached(fullNames, codes, (m) => repo.regionFullNames(db, m));
}

/** The calendar day in China (UTC+8, no daylight saving). */
export function chinaToday(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** YYYYMMDD of an instant in China time. */
export function chinaDay(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

export function isPgError(err: unknown, code: string, constraint?: string): boolean {
  const e = err as { code?: unknown; constraint?: unknown };
  return e.code === code && (constraint === undefined || e.constraint === constraint);
}

export function healthOf(v: unknown): HealthDeclaration {
  const parsed = HealthDeclarationSchema.safeParse(v);
  return parsed.success ? parsed.data : { symptoms: [], contactWithCase: false, visitedHighRiskArea: false };
}

const UNKNOWN_PERSON: PersonSummary = {
  id: '00000000-0000-0000-0000-000000000000',
  userId: null,
  fullName: '',
  phoneMasked: '',
  idNumberMasked: null,
  birthDate: null,
  gender: null,
  householdRegionCode: null,
};

export async function personsById(db: Executor, ids: readonly string[]): Promise<Map<string, PersonSummary>> {
  return ids.length === 0 ? new Map() : getPersons(db, ids);
}

export function personOf(map: Map<string, PersonSummary>, id: string): PersonSummary {
  return map.get(id) ?? { ...UNKNOWN_PERSON, id };
}

export function busPerson(p: PersonSummary) {
  return { id: p.id, fullName: p.fullName, phoneMasked: p.phoneMasked, idNumberMasked: p.idNumberMasked };
}

// ——— Travel requests ———

export async function toTravelRequests(
  db: Executor,
  rows: readonly repo.TravelRequestRow[],
): Promise<TravelRequest[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [persons, names, fullNames, enterprises, bookings, planned] = await Promise.all([
    personsById(
      db,
      rows.map((r) => r.personId),
    ),
    regionNames(
      db,
      rows.map((r) => r.destinationDistrictCode),
    ),
    regionFullNames(
      db,
      rows.map((r) => r.originRegionCode),
    ),
    repo.enterpriseNames(
      db,
      rows.flatMap((r) => (r.enterpriseId ? [r.enterpriseId] : [])),
    ),
    repo.activeBookingsOfRequests(db, ids),
    repo.plannedTripsOfRequests(db, ids),
  ]);
  return rows.map((r) => ({
    id: r.id,
    person: busPerson(personOf(persons, r.personId)),
    status: r.status as TravelRequest['status'],
    originRegionCode: r.originRegionCode,
    originName: fullNames.get(r.originRegionCode) ?? r.originRegionCode,
    originPrefectureCode: r.originPrefectureCode,
    pickupPoint: r.pickupPoint,
    destinationDistrictCode: r.destinationDistrictCode,
    destinationName: names.get(r.destinationDistrictCode) ?? r.destinationDistrictCode,
    enterpriseId: r.enterpriseId,
    enterpriseName: r.enterpriseId ? (enterprises.get(r.enterpriseId) ?? null) : null,
    applicationId: r.applicationId,
    earliestDate: r.earliestDate,
    latestDate: r.latestDate,
    phoneMasked: `${r.contactPhone.slice(0, 3)}****${r.contactPhone.slice(-4)}`,
    health: healthOf(r.health),
    healthAttention: r.healthAttention,
    consentId: r.consentId,
    note: r.note,
    createdBy: r.createdByKind as TravelRequest['createdBy'],
    bookingId: bookings.get(r.id) ?? null,
    plannedTripIds: planned.get(r.id) ?? [],
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
  }));
}

// ——— Trips ———

type StopJson = { regionCode: string; pickupPoint: string; time?: string | null };

export function stopsOf(v: unknown): StopJson[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((s: unknown) => {
    if (typeof s !== 'object' || s === null) return [];
    const o = s as Record<string, unknown>;
    if (typeof o.regionCode !== 'string' || typeof o.pickupPoint !== 'string') return [];
    return [
      {
        regionCode: o.regionCode,
        pickupPoint: o.pickupPoint,
        time: typeof o.time === 'string' ? o.time : null,
      },
    ];
  });
}

/** What the caller may see of trips: staff in scope and escorts everything; others no cost or plan. */
export async function toTrips(
  ctx: RequestContext,
  db: Executor,
  rows: readonly repo.TripRow[],
  viewer: { personId: string | null } = { personId: null },
): Promise<BusTrip[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((t) => t.id);
  const regionCodes = rows.flatMap((t) => [
    t.originRegionCode,
    t.destinationDistrictCode,
    ...stopsOf(t.stops).map((s) => s.regionCode),
  ]);
  const escortIds = [...new Set(rows.flatMap((t) => (t.escortUserId ? [t.escortUserId] : [])))];
  const privileged = rows.filter(
    (t) => isStaffForTrip(ctx.actor, t) || (ctx.actor.kind === 'user' && t.escortUserId === ctx.actor.userId),
  );
  const privilegedIds = privileged.map((t) => t.id);
  const [names, fullNames, escorts, waitlists, shares, planned, mine] = await Promise.all([
    regionNames(db, regionCodes),
    regionFullNames(
      db,
      rows.map((t) => t.originRegionCode),
    ),
    Promise.all(escortIds.map((id) => repo.findUser(db, id))),
    repo.waitlistCounts(db, ids),
    repo.costSharesOf(db, privilegedIds),
    repo.plannedRequestsOfTrips(db, privilegedIds),
    viewer.personId
      ? repo.bookingsOfPersonOnTrips(db, viewer.personId, ids)
      : Promise.resolve(new Map<string, string>()),
  ]);
  const escortName = new Map(escorts.flatMap((u) => (u ? [[u.id, u.displayName] as const] : [])));
  const privilegedSet = new Set(privilegedIds);
  return rows.map((t) => {
    const seesAll = privilegedSet.has(t.id);
    const isPassenger = mine.has(t.id);
    const tripShares = shares.filter((s) => s.tripId === t.id);
    return {
      id: t.id,
      code: t.code,
      status: t.status as TripStatus,
      originRegionCode: t.originRegionCode,
      originName: fullNames.get(t.originRegionCode) ?? t.originRegionCode,
      pickupPoint: t.pickupPoint,
      stops: stopsOf(t.stops).map((s) => ({
        regionCode: s.regionCode,
        regionName: names.get(s.regionCode) ?? s.regionCode,
        pickupPoint: s.pickupPoint,
        time: s.time ?? null,
      })),
      destinationDistrictCode: t.destinationDistrictCode,
      destinationName: names.get(t.destinationDistrictCode) ?? t.destinationDistrictCode,
      destinationDistrictCodes: t.destinationDistrictCodes,
      departAt: iso(t.departAt),
      arriveBy: iso(t.arriveBy),
      capacity: t.capacity,
      loadLimitPercent: t.loadLimitPercent,
      seatsForSale: t.seatsForSale,
      seatsTaken: t.seatsTaken,
      seatsLeft: Math.max(0, t.seatsForSale - t.seatsTaken),
      waitlistCount: waitlists.get(t.id) ?? 0,
      plate: t.plate,
      driverName: t.driverName,
      driverPhone: seesAll || isPassenger ? t.driverPhone : null,
      escortStaffId: t.escortUserId,
      escortName: t.escortUserId ? (escortName.get(t.escortUserId) ?? null) : null,
      note: t.note,
      cancelReason: t.cancelReason,
      cost:
        seesAll && t.costFen !== null && t.costPayer !== null
          ? {
              costFen: t.costFen,
              payer: t.costPayer as 'bureau' | 'enterprise' | 'shared',
              shares: tripShares.map((s) => ({
                payerKind: s.payerKind as 'bureau' | 'enterprise',
                enterpriseId: s.enterpriseId,
                enterpriseName: s.enterpriseName,
                amountFen: s.amountFen,
              })),
              invoiceRef: t.invoiceRef,
            }
          : null,
      plannedRequestIds: seesAll ? (planned.get(t.id) ?? []) : [],
      myBookingId: mine.get(t.id) ?? null,
      version: t.version,
      createdAt: iso(t.createdAt),
      updatedAt: iso(t.updatedAt),
    };
  });
}

export type TripSummary = BusBooking['trip'];

export async function tripSummaries(
  db: Executor,
  rows: readonly repo.TripRow[],
): Promise<Map<string, TripSummary>> {
  const [names, fullNames] = await Promise.all([
    regionNames(
      db,
      rows.map((t) => t.destinationDistrictCode),
    ),
    regionFullNames(
      db,
      rows.map((t) => t.originRegionCode),
    ),
  ]);
  return new Map(
    rows.map((t) => [
      t.id,
      {
        id: t.id,
        code: t.code,
        status: t.status as TripStatus,
        originRegionCode: t.originRegionCode,
        originName: fullNames.get(t.originRegionCode) ?? t.originRegionCode,
        pickupPoint: t.pickupPoint,
        destinationDistrictCode: t.destinationDistrictCode,
        destinationName: names.get(t.destinationDistrictCode) ?? t.destinationDistrictCode,
        departAt: iso(t.departAt),
        arriveBy: iso(t.arriveBy),
        plate: t.plate,
      },
    ]),
  );
}

// ——— Boarding codes ———

const CODE_PREFIX = 'JYB1';

function boardingMac(keys: Keys, bookingId: string, salt: Buffer): string {
  return createHmac('sha256', keys.hmac)
    .update('bus-boarding\n')
    .update(bookingId)
    .update('\n')
    .update(salt)
    .digest('base64url')
    .slice(0, 22);
}

/**
 * The passenger's boarding code (the QR payload): the booking id and an HMAC over it and a random
 * per-booking salt. Nothing to store but the salt; a forged or altered code fails verification.
 */
export function boardingCodeOf(keys: Keys, bookingId: string, salt: Buffer): string {
  return `${CODE_PREFIX}.${bookingId}.${boardingMac(keys, bookingId, salt)}`;
}

/** The booking id a code names, or null when it is not a boarding code at all. */
export function parseBoardingCode(code: string): { bookingId: string; mac: string } | null {
  const m = /^JYB1\.([0-9a-f-]{36})\.([A-Za-z0-9_-]{22})$/.exec(code.trim());
  return m?.[1] && m[2] ? { bookingId: m[1], mac: m[2] } : null;
}

export function verifyBoardingCode(keys: Keys, bookingId: string, salt: Buffer, mac: string): boolean {
  const want = Buffer.from(boardingMac(keys, bookingId, salt));
  const got = Buffer.from(mac);
  return want.length === got.length && timingSafeEqual(want, got);
}

// ——— Bookings ———

export async function toBookings(
  ctx: RequestContext,
  db: Executor,
  rows: readonly repo.BookingRow[],
  opts: { passengerView: boolean },
): Promise<BusBooking[]> {
  if (rows.length === 0) return [];
  const trips = await repo.findTrips(db, [...new Set(rows.map((b) => b.tripId))]);
  const [summaries, persons, positions] = await Promise.all([
    tripSummaries(db, trips),
    personsById(
      db,
      rows.map((b) => b.personId),
    ),
    repo.waitlistPositions(
      db,
      rows.filter((b) => b.status === 'waitlisted').map((b) => b.id),
    ),
  ]);
  return rows.flatMap((b) => {
    const trip = summaries.get(b.tripId);
    if (!trip) return [];
    const person = personOf(persons, b.personId);
    const ownsIt =
      opts.passengerView ||
      (ctx.actor.kind === 'user' && person.userId !== null && person.userId === ctx.actor.userId);
    return [
      {
        id: b.id,
        tripId: b.tripId,
        personId: b.personId,
        passengerName: person.fullName,
        travelRequestId: b.travelRequestId,
        status: b.status as BookingStatus,
        waitlistPosition: positions.get(b.id) ?? null,
        boardingCode:
          ownsIt && b.status === 'confirmed' ? boardingCodeOf(ctx.deps.keys, b.id, b.boardingSalt) : null,
        movedToBookingId: b.movedToBookingId,
        cancelReason: b.cancelReason,
        handoverStatus: (b.handoverStatus as HandoverStatus | null) ?? null,
        createdAt: iso(b.createdAt),
        updatedAt: iso(b.updatedAt),
        trip,
      },
    ];
  });
}

// ——— Notifications ———

/** Notifies a person with an account (in-app, plus the outbox where alerts delivers it). */
export async function notifyPerson(
  tx: Executor,
  person: { id?: string; userId: string | null },
  n: {
    kind: string;
    titleZh: string;
    titleEn: string;
    body: Record<string, unknown>;
    link: string;
    dedupeKey: string;
    at: Date;
  },
  /** The person's contact when the caller has read it already (undefined: look it up). */
  known?: { phone: string; userId: string | null } | null,
): Promise<void> {
  if (person.userId) await createNotification(tx, { userId: person.userId, ...n });
  // A text message too (issue 4: in-app plus the outbox): a worker waiting in a village may not
  // open the app, and one registered by staff or an enterprise has no account at all.
  const contact =
    known !== undefined
      ? (known ?? undefined)
      : person.id
        ? await getPersonContact(tx, person.id)
        : undefined;
  if (contact) {
    await queueSms(tx, {
      userId: contact.userId,
      phone: contact.phone,
      template: n.kind,
      text: `【湛江人社】${n.titleZh}`,
      dedupeKey: n.dedupeKey,
      at: n.at,
    });
  }
}

/**
 * notifyPerson as fragments for the caller's data-modifying CTE (written only `when` holds): the
 * in-app notification and the text message of a booking travel in the booking's statement.
 */
export function notifyPersonWhen(
  person: { userId: string | null },
  contact: { phone: string; userId: string | null } | null,
  n: {
    kind: string;
    titleZh: string;
    titleEn: string;
    body: Record<string, unknown>;
    link: string;
    dedupeKey: string;
    at: Date;
  },
  when: RawBuilder<unknown>,
): RawBuilder<unknown>[] {
  const out: RawBuilder<unknown>[] = [];
  if (person.userId) out.push(notificationWhen({ userId: person.userId, ...n }, when));
  if (contact) {
    out.push(
      smsWhen(
        {
          userId: contact.userId,
          phone: contact.phone,
          template: n.kind,
          text: `【湛江人社】${n.titleZh}`,
          dedupeKey: n.dedupeKey,
          at: n.at,
        },
        when,
      ),
    );
  }
  return out;
}

export function tripLabel(t: { code: string; departAt: Date }): { zh: string; en: string } {
  const day = chinaDay(t.departAt);
  return { zh: `${t.code}（${day}）`, en: `${t.code} (${day})` };
}

/** Whether the caller may see cost and plan details (staff in scope, the escort). */
export function seesTripDetails(ctx: RequestContext, t: repo.TripRow): boolean {
  return (
    isStaffForTrip(ctx.actor, t) ||
    (has(ctx.actor, 'bus:board') && ctx.actor.kind === 'user' && t.escortUserId === ctx.actor.userId)
  );
}
