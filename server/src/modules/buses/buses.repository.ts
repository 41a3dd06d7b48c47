import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../db/database.js';

// ——— Reads of other modules' tables ———
// Persons, enterprises and membership come through their modules' index.ts. What they do not export
// yet is read here, one function each, to be swapped when they do.

export type UserFacts = {
  id: string;
  role: string;
  status: string;
  displayName: string;
  districtCodes: string[];
};

/** An account's role, status and name (the escort must be an active staff account). */
export async function findUser(db: Executor, id: string): Promise<UserFacts | undefined> {
  return db
    .selectFrom('users')
    .select(['id', 'role', 'status', 'displayName', 'districtCodes'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export type ApplicationFacts = { id: string; enterpriseId: string; seekerUserId: string; status: string };

/** An application's enterprise, applicant and status (applications module: no export yet). */
export async function findApplication(db: Executor, id: string): Promise<ApplicationFacts | undefined> {
  return db
    .selectFrom('applications')
    .select(['id', 'enterpriseId', 'seekerUserId', 'status'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Names of regions (reference data) by code. */
export async function regionNames(db: Executor, codes: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(codes)].filter((c) => c.length > 0);
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('regions').select(['code', 'name']).where('code', 'in', unique).execute();
  return new Map(rows.map((r) => [r.code.trim(), r.name]));
}

/** Full names (province + city + county) of regions, e.g. 广西壮族自治区柳州市柳江区. */
export async function regionFullNames(db: Executor, codes: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(codes)].filter((c) => c.length > 0);
  if (unique.length === 0) return new Map();
  const r = await sql<{ code: string; fullName: string }>`
    SELECT r.code, concat_ws('', p2.name, p1.name, r.name) AS full_name
    FROM regions r
    LEFT JOIN regions p1 ON p1.code = r.parent_code
    LEFT JOIN regions p2 ON p2.code = p1.parent_code
    WHERE r.code IN (${sql.join(unique)})
  `.execute(db);
  return new Map(r.rows.map((x) => [x.code.trim(), x.fullName]));
}

export async function enterpriseNames(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('enterprises').select(['id', 'name']).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function insertConsent(
  db: Executor,
  c: {
    userId: string;
    kind: string;
    noticeVersion: string;
    context: Record<string, unknown>;
    grantedAt: Date;
  },
): Promise<string> {
  const r = await db
    .insertInto('consents')
    .values({ ...c, context: JSON.stringify(c.context) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

// ——— Travel requests ———

export type TravelRequestRow = {
  id: string;
  personId: string;
  status: string;
  originRegionCode: string;
  originPrefectureCode: string;
  pickupPoint: string;
  destinationDistrictCode: string;
  enterpriseId: string | null;
  applicationId: string | null;
  earliestDate: string;
  latestDate: string | null;
  contactPhone: string;
  health: unknown;
  healthAttention: boolean;
  consentId: string | null;
  note: string | null;
  createdByKind: string;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
};

const REQUEST_COLUMNS = [
  'tr.id',
  'tr.personId',
  'tr.status',
  'tr.originRegionCode',
  'tr.originPrefectureCode',
  'tr.pickupPoint',
  'tr.destinationDistrictCode',
  'tr.enterpriseId',
  'tr.applicationId',
  'tr.earliestDate',
  'tr.latestDate',
  'tr.contactPhone',
  'tr.health',
  'tr.healthAttention',
  'tr.consentId',
  'tr.note',
  'tr.createdByKind',
  'tr.createdBy',
  'tr.createdAt',
  'tr.updatedAt',
] as const;

function trim<
  T extends { originRegionCode: string; originPrefectureCode: string; destinationDistrictCode: string },
>(r: T): T {
  // char(6) columns: no padding for six digits, but keep the values exact for comparisons.
  return {
    ...r,
    originRegionCode: r.originRegionCode.trim(),
    originPrefectureCode: r.originPrefectureCode.trim(),
    destinationDistrictCode: r.destinationDistrictCode.trim(),
  };
}

export async function insertTravelRequest(
  db: Executor,
  r: {
    personId: string;
    originRegionCode: string;
    originPrefectureCode: string;
    pickupPoint: string;
    destinationDistrictCode: string;
    enterpriseId: string | null;
    applicationId: string | null;
    earliestDate: string;
    latestDate: string | null;
    contactPhone: string;
    health: unknown;
    healthAttention: boolean;
    consentId: string | null;
    consentNoticeVersion: string;
    consentAt: Date;
    consentRecordedBy: string | null;
    note: string | null;
    createdByKind: string;
    createdBy: string;
    at: Date;
  },
): Promise<string> {
  const { at, health, ...rest } = r;
  const row = await db
    .insertInto('travelRequests')
    .values({ ...rest, health: JSON.stringify(health), status: 'open', createdAt: at, updatedAt: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findTravelRequest(
  db: Executor,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<TravelRequestRow | undefined> {
  let q = db.selectFrom('travelRequests as tr').select(REQUEST_COLUMNS).where('tr.id', '=', id);
  if (opts.forUpdate) q = q.forUpdate();
  const r = await q.executeTakeFirst();
  return r ? trim(r) : undefined;
}

/** The person's open or booked request, if any. */
export async function findActiveRequestOfPerson(
  db: Executor,
  personId: string,
): Promise<TravelRequestRow | undefined> {
  const r = await db
    .selectFrom('travelRequests as tr')
    .select(REQUEST_COLUMNS)
    .where('tr.personId', '=', personId)
    .where('tr.status', 'in', ['open', 'booked'])
    .executeTakeFirst();
  return r ? trim(r) : undefined;
}

export type RequestFilter = {
  personId?: string | undefined;
  status?: string | undefined;
  /** Prefix of origin_region_code: 2 (province), 4 (prefecture) or 6 (county) digits. */
  originPrefix?: string | undefined;
  destinationDistrictCodes?: readonly string[] | undefined;
  enterpriseIds?: readonly string[] | undefined;
  earliestFrom?: string | undefined;
  earliestTo?: string | undefined;
};

function filteredRequests(db: Executor, f: RequestFilter) {
  let q = db.selectFrom('travelRequests as tr');
  if (f.personId) q = q.where('tr.personId', '=', f.personId);
  if (f.status) q = q.where('tr.status', '=', f.status);
  if (f.originPrefix) q = q.where('tr.originRegionCode', 'like', `${f.originPrefix}%`);
  if (f.destinationDistrictCodes) {
    if (f.destinationDistrictCodes.length === 0) q = q.where(sql<boolean>`false`);
    else q = q.where('tr.destinationDistrictCode', 'in', [...f.destinationDistrictCodes]);
  }
  if (f.enterpriseIds) {
    if (f.enterpriseIds.length === 0) q = q.where(sql<boolean>`false`);
    else q = q.where('tr.enterpriseId', 'in', [...f.enterpriseIds]);
  }
  if (f.earliestFrom) q = q.where('tr.earliestDate', '>=', f.earliestFrom);
  if (f.earliestTo) q = q.where('tr.earliestDate', '<=', f.earliestTo);
  return q;
}

export async function listTravelRequests(
  db: Executor,
  f: RequestFilter,
  page: { limit: number; offset: number },
): Promise<{ items: TravelRequestRow[]; total: number }> {
  const [items, total] = await Promise.all([
    filteredRequests(db, f)
      .select(REQUEST_COLUMNS)
      .orderBy('tr.createdAt', 'desc')
      .orderBy('tr.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    filteredRequests(db, f)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items: items.map(trim), total: Number(total.n) };
}

/** Every request matching the filter (planning: the open requests in scope). */
export async function allTravelRequests(
  db: Executor,
  f: RequestFilter,
  limit = 20_000,
): Promise<TravelRequestRow[]> {
  const rows = await filteredRequests(db, f).select(REQUEST_COLUMNS).orderBy('tr.id').limit(limit).execute();
  return rows.map(trim);
}

export async function updateTravelRequest(
  db: Executor,
  id: string,
  set: Partial<{
    status: string;
    pickupPoint: string;
    earliestDate: string;
    latestDate: string | null;
    contactPhone: string;
    health: unknown;
    healthAttention: boolean;
    note: string | null;
    cancelledAt: Date;
  }>,
  at: Date,
): Promise<void> {
  const { health, ...rest } = set;
  await db
    .updateTable('travelRequests')
    .set({ ...rest, ...(health === undefined ? {} : { health: JSON.stringify(health) }), updatedAt: at })
    .where('id', '=', id)
    .execute();
}

/** Moves a request between statuses only from the expected one (a lost race changes nothing). */
export async function setRequestStatus(
  db: Executor,
  id: string,
  from: readonly string[],
  to: string,
  at: Date,
): Promise<boolean> {
  const r = await db
    .updateTable('travelRequests')
    .set({ status: to, updatedAt: at, ...(to === 'cancelled' ? { cancelledAt: at } : {}) })
    .where('id', '=', id)
    .where('status', 'in', [...from])
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** The active booking of each request (confirmed, waitlisted or boarded). */
export async function activeBookingsOfRequests(
  db: Executor,
  requestIds: readonly string[],
): Promise<Map<string, string>> {
  if (requestIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('busBookings')
    .select(['id', 'travelRequestId'])
    .where('travelRequestId', 'in', [...requestIds])
    .where('status', 'in', ['confirmed', 'waitlisted', 'boarded'])
    .execute();
  return new Map(rows.flatMap((r) => (r.travelRequestId ? [[r.travelRequestId, r.id] as const] : [])));
}

/** Trips (not cancelled) each request was planned onto. */
export async function plannedTripsOfRequests(
  db: Executor,
  requestIds: readonly string[],
  liveOnly = false,
): Promise<Map<string, string[]>> {
  if (requestIds.length === 0) return new Map();
  let q = db
    .selectFrom('busTripPlannedRequests as pr')
    .innerJoin('busTrips as t', 't.id', 'pr.tripId')
    .select(['pr.travelRequestId', 'pr.tripId'])
    .where('pr.travelRequestId', 'in', [...requestIds])
    .where('t.status', '<>', 'cancelled');
  if (liveOnly) q = q.where('t.status', 'in', ['planned', 'open', 'boarding']);
  const rows = await q.orderBy('t.departAt').execute();
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.travelRequestId, [...(out.get(r.travelRequestId) ?? []), r.tripId]);
  return out;
}

export type DemandRow = {
  originRegionCode: string;
  originPrefectureCode: string;
  destinationDistrictCode: string;
  earliestDate: string;
  count: number;
  healthAttention: number;
  requestIds: string[];
};

/** Open requests (no booking yet) grouped by origin county → destination district → earliest date. */
export async function demand(db: Executor, f: RequestFilter): Promise<DemandRow[]> {
  const rows = await filteredRequests(db, { ...f, status: 'open' })
    .select((eb) => [
      'tr.originRegionCode',
      'tr.originPrefectureCode',
      'tr.destinationDistrictCode',
      'tr.earliestDate',
      eb.fn.countAll<number>().as('count'),
      sql<number>`count(*) FILTER (WHERE tr.health_attention)`.as('healthAttention'),
      sql<string[]>`array_agg(tr.id ORDER BY tr.created_at, tr.id)`.as('requestIds'),
    ])
    .groupBy([
      'tr.originRegionCode',
      'tr.originPrefectureCode',
      'tr.destinationDistrictCode',
      'tr.earliestDate',
    ])
    .orderBy('tr.originPrefectureCode')
    .orderBy('tr.originRegionCode')
    .orderBy('tr.destinationDistrictCode')
    .orderBy('tr.earliestDate')
    .execute();
  return rows.map((r) => ({
    ...trim(r),
    count: Number(r.count),
    healthAttention: Number(r.healthAttention),
  }));
}

// ——— Trips ———

export type TripRow = {
  id: string;
  code: string;
  status: string;
  originRegionCode: string;
  pickupPoint: string;
  stops: unknown;
  destinationDistrictCode: string;
  destinationDistrictCodes: string[];
  departAt: Date;
  arriveBy: Date;
  capacity: number;
  loadLimitPercent: number;
  seatsForSale: number;
  seatsTaken: number;
  plate: string | null;
  driverName: string | null;
  driverPhone: string | null;
  escortUserId: string | null;
  note: string | null;
  cancelReason: string | null;
  costFen: number | null;
  costPayer: string | null;
  invoiceRef: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
};

const TRIP_COLUMNS = [
  't.id',
  't.code',
  't.status',
  't.originRegionCode',
  't.pickupPoint',
  't.stops',
  't.destinationDistrictCode',
  't.destinationDistrictCodes',
  't.departAt',
  't.arriveBy',
  't.capacity',
  't.loadLimitPercent',
  't.seatsForSale',
  't.seatsTaken',
  't.plate',
  't.driverName',
  't.driverPhone',
  't.escortUserId',
  't.note',
  't.cancelReason',
  't.costFen',
  't.costPayer',
  't.invoiceRef',
  't.version',
  't.createdAt',
  't.updatedAt',
] as const;

function trimTrip<T extends { originRegionCode: string; destinationDistrictCode: string }>(r: T): T {
  return {
    ...r,
    originRegionCode: r.originRegionCode.trim(),
    destinationDistrictCode: r.destinationDistrictCode.trim(),
  };
}

export async function nextTripNumber(db: Executor): Promise<number> {
  const r = await sql<{ n: number }>`SELECT nextval('bus_trip_code_seq') AS n`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

export type TripInsert = {
  code: string;
  status: string;
  originRegionCode: string;
  pickupPoint: string;
  stops: unknown;
  destinationDistrictCode: string;
  destinationDistrictCodes: string[];
  departAt: Date;
  arriveBy: Date;
  capacity: number;
  loadLimitPercent: number;
  seatsForSale: number;
  plate: string | null;
  driverName: string | null;
  driverPhone: string | null;
  escortUserId: string | null;
  note: string | null;
  costFen: number | null;
  costPayer: string | null;
  invoiceRef: string | null;
  createdBy: string;
  openedAt: Date | null;
  at: Date;
};

export async function insertTrip(db: Executor, t: TripInsert): Promise<string> {
  const { at, stops, ...rest } = t;
  const r = await db
    .insertInto('busTrips')
    .values({ ...rest, stops: JSON.stringify(stops), createdAt: at, updatedAt: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function findTrip(
  db: Executor,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<TripRow | undefined> {
  let q = db.selectFrom('busTrips as t').select(TRIP_COLUMNS).where('t.id', '=', id);
  if (opts.forUpdate) q = q.forUpdate();
  const r = await q.executeTakeFirst();
  return r ? trimTrip(r) : undefined;
}

/** The few columns that decide whether a trip sells a seat now (a read outside any transaction). */
export async function tripSeats(
  db: Executor,
  id: string,
): Promise<
  { status: string; seatsTaken: number; seatsForSale: number; destinationDistrictCodes: string[] } | undefined
> {
  return db
    .selectFrom('busTrips')
    .select(['status', 'seatsTaken', 'seatsForSale', 'destinationDistrictCodes'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** A shared lock of the trip row: waitlist places are written side by side; cancellations wait. */
export async function lockTripShared(db: Executor, id: string): Promise<TripRow | undefined> {
  const r = await db
    .selectFrom('busTrips as t')
    .select(TRIP_COLUMNS)
    .where('t.id', '=', id)
    .forShare()
    .executeTakeFirst();
  return r ? trimTrip(r) : undefined;
}

/**
 * Serialises seat-taking of one person (bookings, moves) for the rest of the transaction: taken
 * before any trip lock, so the overlap and double-booking checks see each other's commits.
 */
export async function lockPersonSeats(db: Executor, personId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`bus_person:${personId}`}, 0))`.execute(db);
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * BEGIN and the person's seat lock (as lockPersonSeats) in one round trip, on a connection the
 * caller holds: two statements in one simple-protocol message, so the id is inlined — checked to
 * be a UUID first. The caller COMMITs or ROLLBACKs.
 */
export async function beginWithPersonSeatLock(conn: Executor, personId: string): Promise<void> {
  if (!UUID_RE.test(personId)) throw new Error(`not a person id: ${personId}`);
  await sql
    .raw(`BEGIN; SELECT pg_advisory_xact_lock(hashtextextended('bus_person:${personId.toLowerCase()}', 0))`)
    .execute(conn);
}

export type SeatAttempt = {
  /** The booking was written and the seat taken. */
  booked: boolean;
  /** Seats taken on the trip after this booking (when booked). */
  seatsTaken: number | null;
  departAt: Date | null;
  arriveBy: Date | null;
  /** What stopped it, as seen after the person's lock. */
  onTrip: boolean;
  overlap: boolean;
  requestStatus: string | null;
};

/**
 * A confirmed booking in one statement, under the person's seat lock (taken before by the caller,
 * so this statement's snapshot sees that person's committed bookings): checks that the person has
 * no live booking on the trip and no seat at an overlapping time and that their travel request is
 * still open, then — only if so — takes the seat with the conditional UPDATE (open, not full; the
 * CHECK has the last word), inserts the booking with the trip's current travel window, marks the
 * request booked and writes what goes `alongside` (the audit row: platform/audit.ts
 * auditInsertWhen; the notifications: alerts' notificationWhen and smsWhen — conditions referring to
 * `booked`). The seat is the last lock taken and this is the transaction's last statement before
 * COMMIT, so the trip row is locked for no other round trip. Nothing is written when any of it fails; the answer says why.
 * Lock order as everywhere in this module: person, trip, booking, travel request.
 */
export async function takeSeatAndBook(
  db: Executor,
  b: {
    id: string;
    tripId: string;
    personId: string;
    travelRequestId: string | null;
    boardingSalt: Buffer;
    bookedBy: string;
    at: Date;
    /** Written with the booking, on `EXISTS (SELECT 1 FROM booked)`: audit row, notifications. */
    alongside: readonly RawBuilder<unknown>[];
  },
): Promise<SeatAttempt> {
  const alongside = b.alongside.map((w, i) => sql`, ${sql.raw(`alongside_${i}`)} AS (${w})`);
  const r = await sql<SeatAttempt>`
    WITH request AS (
      SELECT status FROM travel_requests WHERE id = ${b.travelRequestId}::uuid
    ), conflicts AS (
      SELECT coalesce(bool_or(o.trip_id = ${b.tripId}::uuid), false) AS on_trip,
             coalesce(bool_or(o.status IN ('confirmed','boarded')
                              AND o.travel_window && tstzrange(t.depart_at, t.arrive_by, '[)')), false) AS overlap
        FROM bus_trips t
        LEFT JOIN bus_bookings o
          ON o.person_id = ${b.personId}::uuid AND o.status IN ('confirmed','waitlisted','boarded')
       WHERE t.id = ${b.tripId}::uuid
    ), seat AS (
      UPDATE bus_trips SET seats_taken = seats_taken + 1
       WHERE id = ${b.tripId}::uuid AND status = 'open' AND seats_taken < seats_for_sale
         AND (SELECT NOT on_trip AND NOT overlap FROM conflicts)
         AND (${b.travelRequestId}::uuid IS NULL OR (SELECT status FROM request) = 'open')
      RETURNING id, depart_at, arrive_by, seats_taken
    ), booked AS (
      INSERT INTO bus_bookings (id, trip_id, person_id, travel_request_id, status, travel_window,
                                boarding_salt, booked_by, confirmed_at, created_at, updated_at)
      SELECT ${b.id}::uuid, s.id, ${b.personId}::uuid, ${b.travelRequestId}::uuid, 'confirmed',
             tstzrange(s.depart_at, s.arrive_by, '[)'), ${b.boardingSalt}, ${b.bookedBy}::uuid,
             ${b.at}::timestamptz, ${b.at}::timestamptz, ${b.at}::timestamptz
        FROM seat s
      RETURNING id
    ), request_booked AS (
      UPDATE travel_requests SET status = 'booked', updated_at = ${b.at}::timestamptz
       WHERE id = ${b.travelRequestId}::uuid AND status = 'open' AND EXISTS (SELECT 1 FROM booked)
      RETURNING id
    )${sql.join(alongside, sql``)}
    SELECT EXISTS (SELECT 1 FROM booked) AS booked,
           (SELECT seats_taken FROM seat) AS seats_taken,
           (SELECT depart_at FROM seat) AS depart_at,
           (SELECT arrive_by FROM seat) AS arrive_by,
           coalesce((SELECT on_trip FROM conflicts), false) AS on_trip,
           coalesce((SELECT overlap FROM conflicts), false) AS overlap,
           (SELECT status FROM request) AS request_status
  `.execute(db);
  const row = r.rows[0];
  if (!row) throw new Error('takeSeatAndBook returned no row');
  return {
    booked: row.booked,
    seatsTaken: row.seatsTaken === null ? null : Number(row.seatsTaken),
    departAt: row.departAt,
    arriveBy: row.arriveBy,
    onTrip: row.onTrip,
    overlap: row.overlap,
    requestStatus: row.requestStatus,
  };
}

/** Locks several trips in id order (the module's lock order: trips by id, then bookings). */
export async function lockTrips(db: Executor, ids: readonly string[]): Promise<TripRow[]> {
  const sorted = [...new Set(ids)].sort();
  const out: TripRow[] = [];
  for (const id of sorted) {
    const t = await findTrip(db, id, { forUpdate: true });
    if (t) out.push(t);
  }
  return out;
}

export async function findTrips(db: Executor, ids: readonly string[]): Promise<TripRow[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('busTrips as t')
    .select(TRIP_COLUMNS)
    .where('t.id', 'in', [...ids])
    .execute();
  return rows.map(trimTrip);
}

export type TripFilter = {
  status?: string | undefined;
  statuses?: readonly string[] | undefined;
  originPrefix?: string | undefined;
  destinationDistrictCode?: string | undefined;
  departFrom?: Date | undefined;
  departTo?: Date | undefined;
  /** Staff scope: any of these districts among the destinations, or escorted by this user. */
  scope?: { districtCodes: readonly string[]; escortUserId: string | null } | undefined;
  escortUserId?: string | undefined;
  /** Trips carrying (live or boarded) passengers bound for one of these enterprises. */
  enterpriseIds?: readonly string[] | undefined;
  /** Trips on which this person holds a live booking, or (with orOpen) any open trip. */
  personId?: string | undefined;
  orOpen?: boolean | undefined;
  /** Seeker fit: the trip serves this origin county and destination district. */
  fits?: { county: string; prefecture: string; district: string } | undefined;
};

function filteredTrips(db: Executor, f: TripFilter) {
  let q = db.selectFrom('busTrips as t');
  if (f.status) q = q.where('t.status', '=', f.status);
  if (f.statuses) q = q.where('t.status', 'in', [...f.statuses]);
  if (f.originPrefix) q = q.where('t.originRegionCode', 'like', `${f.originPrefix}%`);
  if (f.destinationDistrictCode)
    q = q.where(sql<boolean>`${f.destinationDistrictCode} = ANY (t.destination_district_codes)`);
  if (f.departFrom) q = q.where('t.departAt', '>=', f.departFrom);
  if (f.departTo) q = q.where('t.departAt', '<', f.departTo);
  if (f.escortUserId) q = q.where('t.escortUserId', '=', f.escortUserId);
  const scope = f.scope;
  if (scope) {
    const codes = [...scope.districtCodes];
    q = q.where((eb) =>
      eb.or([
        codes.length > 0
          ? sql<boolean>`t.destination_district_codes && ${sql.val(codes)}::text[]`
          : sql<boolean>`false`,
        scope.escortUserId ? eb('t.escortUserId', '=', scope.escortUserId) : sql<boolean>`false`,
      ]),
    );
  }
  const enterpriseIds = f.enterpriseIds;
  if (enterpriseIds) {
    q =
      enterpriseIds.length === 0
        ? q.where(sql<boolean>`false`)
        : q.where((eb) =>
            eb.exists(
              eb
                .selectFrom('busBookings as b')
                .innerJoin('travelRequests as tr', 'tr.id', 'b.travelRequestId')
                .select(sql`1`.as('one'))
                .whereRef('b.tripId', '=', 't.id')
                .where('b.status', 'in', ['confirmed', 'boarded'])
                .where('tr.enterpriseId', 'in', [...enterpriseIds]),
            ),
          );
  }
  const personId = f.personId;
  if (personId) {
    q = q.where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('busBookings as b')
            .select(sql`1`.as('one'))
            .whereRef('b.tripId', '=', 't.id')
            .where('b.personId', '=', personId)
            .where('b.status', 'in', ['confirmed', 'waitlisted', 'boarded']),
        ),
        f.orOpen ? eb('t.status', '=', 'open') : sql<boolean>`false`,
      ]),
    );
  }
  const fits = f.fits;
  if (fits) {
    q = q
      .where(sql<boolean>`${fits.district} = ANY (t.destination_district_codes)`)
      .where((eb) =>
        eb.or([
          eb('t.originRegionCode', '=', fits.county),
          eb('t.originRegionCode', '=', fits.prefecture),
          sql<boolean>`t.stops @> ${JSON.stringify([{ regionCode: fits.county }])}::jsonb`,
        ]),
      );
  }
  return q;
}

export async function listTrips(
  db: Executor,
  f: TripFilter,
  page: { limit: number; offset: number },
): Promise<{ items: TripRow[]; total: number }> {
  const [items, total] = await Promise.all([
    filteredTrips(db, f)
      .select(TRIP_COLUMNS)
      .orderBy('t.departAt')
      .orderBy('t.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    filteredTrips(db, f)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items: items.map(trimTrip), total: Number(total.n) };
}

export async function updateTrip(
  db: Executor,
  id: string,
  set: Partial<{
    status: string;
    originRegionCode: string;
    pickupPoint: string;
    stops: unknown;
    destinationDistrictCode: string;
    destinationDistrictCodes: string[];
    departAt: Date;
    arriveBy: Date;
    capacity: number;
    loadLimitPercent: number;
    seatsForSale: number;
    plate: string;
    driverName: string;
    driverPhone: string | null;
    escortUserId: string;
    note: string | null;
    cancelReason: string;
    costFen: number;
    costPayer: string;
    invoiceRef: string | null;
    openedAt: Date;
    departedAt: Date;
    arrivedAt: Date;
    handedOverAt: Date;
    cancelledAt: Date;
  }>,
  at: Date,
): Promise<void> {
  const { stops, ...rest } = set;
  await db
    .updateTable('busTrips')
    .set((eb) => ({
      ...rest,
      ...(stops === undefined ? {} : { stops: JSON.stringify(stops) }),
      version: eb('version', '+', 1),
      updatedAt: at,
    }))
    .where('id', '=', id)
    .execute();
}

/**
 * Takes one seat if the trip is open and not full: the one statement that decides, under the row
 * lock it takes, whether a seat is sold. The CHECK seats_taken <= seats_for_sale backs it.
 */
export async function takeSeat(
  db: Executor,
  tripId: string,
  statuses: readonly string[] = ['open'],
): Promise<boolean> {
  const r = await db
    .updateTable('busTrips')
    .set((eb) => ({ seatsTaken: eb('seatsTaken', '+', 1) }))
    .where('id', '=', tripId)
    .where('status', 'in', [...statuses])
    .where((eb) => eb('seatsTaken', '<', eb.ref('seatsForSale')))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function releaseSeats(db: Executor, tripId: string, n = 1): Promise<void> {
  if (n <= 0) return;
  await db
    .updateTable('busTrips')
    .set((eb) => ({ seatsTaken: eb('seatsTaken', '-', n) }))
    .where('id', '=', tripId)
    .execute();
}

export async function replaceCostShares(
  db: Executor,
  tripId: string,
  shares: readonly { payerKind: string; enterpriseId: string | null; amountFen: number }[],
): Promise<void> {
  await db.deleteFrom('busTripCostShares').where('tripId', '=', tripId).execute();
  if (shares.length === 0) return;
  await db
    .insertInto('busTripCostShares')
    .values(shares.map((s, i) => ({ tripId, position: i, ...s })))
    .execute();
}

export type CostShareRow = {
  tripId: string;
  payerKind: string;
  enterpriseId: string | null;
  enterpriseName: string | null;
  amountFen: number;
};

export async function costSharesOf(db: Executor, tripIds: readonly string[]): Promise<CostShareRow[]> {
  if (tripIds.length === 0) return [];
  return db
    .selectFrom('busTripCostShares as s')
    .leftJoin('enterprises as e', 'e.id', 's.enterpriseId')
    .select(['s.tripId', 's.payerKind', 's.enterpriseId', 'e.name as enterpriseName', 's.amountFen'])
    .where('s.tripId', 'in', [...tripIds])
    .orderBy('s.tripId')
    .orderBy('s.position')
    .execute();
}

export async function addPlannedRequests(
  db: Executor,
  tripId: string,
  requestIds: readonly string[],
): Promise<void> {
  if (requestIds.length === 0) return;
  await db
    .insertInto('busTripPlannedRequests')
    .values(requestIds.map((travelRequestId) => ({ tripId, travelRequestId })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function plannedRequestsOfTrips(
  db: Executor,
  tripIds: readonly string[],
): Promise<Map<string, string[]>> {
  if (tripIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('busTripPlannedRequests')
    .select(['tripId', 'travelRequestId'])
    .where('tripId', 'in', [...tripIds])
    .orderBy('travelRequestId')
    .execute();
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.tripId, [...(out.get(r.tripId) ?? []), r.travelRequestId]);
  return out;
}

/** Planned requests of a trip that are still open (no booking) with their person, to invite to book. */
export async function openPlannedRequests(
  db: Executor,
  tripId: string,
): Promise<{ requestId: string; personId: string }[]> {
  const rows = await db
    .selectFrom('busTripPlannedRequests as pr')
    .innerJoin('travelRequests as tr', 'tr.id', 'pr.travelRequestId')
    .select(['tr.id as requestId', 'tr.personId'])
    .where('pr.tripId', '=', tripId)
    .where('tr.status', '=', 'open')
    .execute();
  return rows;
}

export async function waitlistCounts(db: Executor, tripIds: readonly string[]): Promise<Map<string, number>> {
  if (tripIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('busBookings')
    .select((eb) => ['tripId', eb.fn.countAll<number>().as('n')])
    .where('tripId', 'in', [...tripIds])
    .where('status', '=', 'waitlisted')
    .groupBy('tripId')
    .execute();
  return new Map(rows.map((r) => [r.tripId, Number(r.n)]));
}

/** The person's live booking on each trip (for `myBookingId`). */
export async function bookingsOfPersonOnTrips(
  db: Executor,
  personId: string,
  tripIds: readonly string[],
): Promise<Map<string, string>> {
  if (tripIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('busBookings')
    .select(['id', 'tripId'])
    .where('personId', '=', personId)
    .where('tripId', 'in', [...tripIds])
    .where('status', 'in', ['confirmed', 'waitlisted', 'boarded'])
    .execute();
  return new Map(rows.map((r) => [r.tripId, r.id]));
}

export async function countPendingHandovers(db: Executor, tripId: string): Promise<number> {
  const r = await db
    .selectFrom('busBookings')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tripId', '=', tripId)
    .where('status', '=', 'boarded')
    .where('handoverStatus', '=', 'pending')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

// ——— Bookings ———

export type BookingRow = {
  id: string;
  tripId: string;
  personId: string;
  travelRequestId: string | null;
  status: string;
  waitlistSeq: number | null;
  boardingSalt: Buffer;
  movedFromBookingId: string | null;
  movedToBookingId: string | null;
  cancelReason: string | null;
  boardedAt: Date | null;
  boardingTemperature: string | null;
  refusalReasons: string[];
  handoverStatus: string | null;
  handoverNote: string | null;
  handoverAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

const BOOKING_COLUMNS = [
  'b.id',
  'b.tripId',
  'b.personId',
  'b.travelRequestId',
  'b.status',
  'b.waitlistSeq',
  'b.boardingSalt',
  'b.movedFromBookingId',
  'b.movedToBookingId',
  'b.cancelReason',
  'b.boardedAt',
  'b.boardingTemperature',
  'b.refusalReasons',
  'b.handoverStatus',
  'b.handoverNote',
  'b.handoverAt',
  'b.createdAt',
  'b.updatedAt',
] as const;

export async function findBooking(
  db: Executor,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<BookingRow | undefined> {
  let q = db.selectFrom('busBookings as b').select(BOOKING_COLUMNS).where('b.id', '=', id);
  if (opts.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function insertBooking(
  db: Executor,
  b: {
    id?: string;
    tripId: string;
    personId: string;
    travelRequestId: string | null;
    status: 'confirmed' | 'waitlisted';
    departAt: Date;
    arriveBy: Date;
    boardingSalt: Buffer;
    bookedBy: string;
    movedFromBookingId?: string | null;
    at: Date;
  },
): Promise<{ id: string; waitlistSeq: number | null }> {
  const r = await db
    .insertInto('busBookings')
    .values({
      ...(b.id ? { id: b.id } : {}),
      tripId: b.tripId,
      personId: b.personId,
      travelRequestId: b.travelRequestId,
      status: b.status,
      travelWindow: sql`tstzrange(${b.departAt}::timestamptz, ${b.arriveBy}::timestamptz, '[)')`,
      waitlistSeq: b.status === 'waitlisted' ? sql`nextval('bus_waitlist_seq')` : null,
      boardingSalt: b.boardingSalt,
      bookedBy: b.bookedBy,
      movedFromBookingId: b.movedFromBookingId ?? null,
      confirmedAt: b.status === 'confirmed' ? b.at : null,
      createdAt: b.at,
      updatedAt: b.at,
    })
    .returning(['id', 'waitlistSeq'])
    .executeTakeFirstOrThrow();
  return { id: r.id, waitlistSeq: r.waitlistSeq };
}

export async function updateBooking(
  db: Executor,
  id: string,
  from: readonly string[],
  set: Partial<{
    status: string;
    cancelReason: string;
    movedToBookingId: string;
    confirmedAt: Date;
    boardedAt: Date;
    boardedBy: string;
    boardingMethod: string;
    boardingTemperature: number;
    boardingSymptoms: string[];
    boardingHealthCode: string | null;
    refusalReasons: string[];
    boardingNote: string | null;
    handoverStatus: string | null;
    handoverNote: string | null;
    handoverBy: string;
    handoverAt: Date;
  }>,
  at: Date,
): Promise<boolean> {
  const r = await db
    .updateTable('busBookings')
    .set({ ...set, updatedAt: at })
    .where('id', '=', id)
    .where('status', 'in', [...from])
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Live bookings (confirmed, waitlisted, boarded) of a person on one trip. */
export async function findLiveBookingOnTrip(
  db: Executor,
  tripId: string,
  personId: string,
): Promise<string | undefined> {
  const r = await db
    .selectFrom('busBookings')
    .select('id')
    .where('tripId', '=', tripId)
    .where('personId', '=', personId)
    .where('status', 'in', ['confirmed', 'waitlisted', 'boarded'])
    .executeTakeFirst();
  return r?.id;
}

/**
 * In one query: does the person hold a live booking on this trip, and a seat (confirmed or boarded)
 * on another trip overlapping [departAt, arriveBy)?
 */
export async function seatConflicts(
  db: Executor,
  tripId: string,
  personId: string,
  departAt: Date,
  arriveBy: Date,
): Promise<{ onTrip: boolean; overlap: boolean }> {
  const r = await sql<{ onTrip: boolean; overlap: boolean }>`
    SELECT
      bool_or(trip_id = ${tripId} AND status IN ('confirmed','waitlisted','boarded')) AS on_trip,
      bool_or(status IN ('confirmed','boarded')
              AND travel_window && tstzrange(${departAt}::timestamptz, ${arriveBy}::timestamptz, '[)')) AS overlap
    FROM bus_bookings
    WHERE person_id = ${personId} AND status IN ('confirmed','waitlisted','boarded')
  `.execute(db);
  const row = r.rows[0];
  return { onTrip: row?.onTrip === true, overlap: row?.overlap === true };
}

/** A seat the person holds (confirmed or boarded) on another trip overlapping [departAt, arriveBy). */
export async function findOverlappingBooking(
  db: Executor,
  personId: string,
  departAt: Date,
  arriveBy: Date,
  exceptBookingId: string | null = null,
): Promise<string | undefined> {
  let q = db
    .selectFrom('busBookings')
    .select('id')
    .where('personId', '=', personId)
    .where('status', 'in', ['confirmed', 'boarded'])
    .where(
      sql<boolean>`travel_window && tstzrange(${departAt}::timestamptz, ${arriveBy}::timestamptz, '[)')`,
    );
  if (exceptBookingId) q = q.where('id', '<>', exceptBookingId);
  const r = await q.executeTakeFirst();
  return r?.id;
}

/**
 * The waitlist of a trip in line order, skipping people who already hold a seat at an overlapping
 * time (they cannot be promoted; they keep their place).
 */
export async function promotableWaitlist(db: Executor, tripId: string, limit: number): Promise<BookingRow[]> {
  return db
    .selectFrom('busBookings as b')
    .select(BOOKING_COLUMNS)
    .where('b.tripId', '=', tripId)
    .where('b.status', '=', 'waitlisted')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('busBookings as o')
            .select(sql`1`.as('one'))
            .whereRef('o.personId', '=', 'b.personId')
            .where('o.status', 'in', ['confirmed', 'boarded'])
            .where(sql<boolean>`o.travel_window && b.travel_window`),
        ),
      ),
    )
    .orderBy('b.waitlistSeq')
    .limit(limit)
    .execute();
}

/** Live bookings of a trip (for cancelling a trip, departure, windows and notifications). */
export async function bookingsOfTrip(
  db: Executor,
  tripId: string,
  statuses: readonly string[],
): Promise<BookingRow[]> {
  return db
    .selectFrom('busBookings as b')
    .select(BOOKING_COLUMNS)
    .where('b.tripId', '=', tripId)
    .where('b.status', 'in', [...statuses])
    .orderBy('b.id')
    .execute();
}

/** Moves the trip's live bookings to its new [departAt, arriveBy) (the exclusion constraint rechecks). */
export async function setTravelWindows(
  db: Executor,
  tripId: string,
  departAt: Date,
  arriveBy: Date,
): Promise<void> {
  await db
    .updateTable('busBookings')
    .set({ travelWindow: sql`tstzrange(${departAt}::timestamptz, ${arriveBy}::timestamptz, '[)')` })
    .where('tripId', '=', tripId)
    .where('status', 'in', ['confirmed', 'waitlisted', 'boarded'])
    .execute();
}

/** 1-based places in line of waitlisted bookings. */
export async function waitlistPositions(
  db: Executor,
  bookingIds: readonly string[],
): Promise<Map<string, number>> {
  if (bookingIds.length === 0) return new Map();
  const r = await sql<{ id: string; position: number }>`
    SELECT b.id, (SELECT count(*) FROM bus_bookings w
                  WHERE w.trip_id = b.trip_id AND w.status = 'waitlisted' AND w.waitlist_seq <= b.waitlist_seq) AS position
    FROM bus_bookings b
    WHERE b.id IN (${sql.join([...bookingIds])}) AND b.status = 'waitlisted'
  `.execute(db);
  return new Map(r.rows.map((x) => [x.id, Number(x.position)]));
}

export async function listBookingsOfPerson(
  db: Executor,
  personId: string,
  status: string | undefined,
  page: { limit: number; offset: number },
): Promise<{ items: BookingRow[]; total: number }> {
  let base = db.selectFrom('busBookings as b').where('b.personId', '=', personId);
  if (status) base = base.where('b.status', '=', status);
  const [items, total] = await Promise.all([
    base
      .select(BOOKING_COLUMNS)
      .orderBy('b.createdAt', 'desc')
      .orderBy('b.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export type ManifestRow = BookingRow & {
  originRegionCode: string | null;
  pickupPoint: string | null;
  destinationDistrictCode: string | null;
  enterpriseId: string | null;
  contactPhone: string | null;
  healthAttention: boolean | null;
};

/** A trip's passengers and waitlist with what their travel requests say. */
export async function manifestRows(
  db: Executor,
  tripId: string,
  statuses: readonly string[],
): Promise<ManifestRow[]> {
  const rows = await db
    .selectFrom('busBookings as b')
    .leftJoin('travelRequests as tr', 'tr.id', 'b.travelRequestId')
    .select([
      ...BOOKING_COLUMNS,
      'tr.originRegionCode',
      'tr.pickupPoint',
      'tr.destinationDistrictCode',
      'tr.enterpriseId',
      'tr.contactPhone',
      'tr.healthAttention',
    ])
    .where('b.tripId', '=', tripId)
    .where('b.status', 'in', [...statuses])
    .orderBy('tr.originRegionCode')
    .orderBy('b.waitlistSeq')
    .orderBy('b.createdAt')
    .orderBy('b.id')
    .execute();
  return rows.map((r) => ({
    ...r,
    originRegionCode: r.originRegionCode?.trim() ?? null,
    destinationDistrictCode: r.destinationDistrictCode?.trim() ?? null,
  }));
}

// ——— Statistics and facts for other modules ———

export type StatsScope = { districtCodes: readonly string[] | null; departFrom?: Date; departTo?: Date };

function scopedTrips(db: Executor, s: StatsScope) {
  let q = db.selectFrom('busTrips as t');
  if (s.districtCodes) {
    q =
      s.districtCodes.length === 0
        ? q.where(sql<boolean>`false`)
        : q.where(sql<boolean>`t.destination_district_codes && ${sql.val([...s.districtCodes])}::text[]`);
  }
  if (s.departFrom) q = q.where('t.departAt', '>=', s.departFrom);
  if (s.departTo) q = q.where('t.departAt', '<', s.departTo);
  return q;
}

export async function tripsByStatus(
  db: Executor,
  s: StatsScope,
): Promise<{ status: string; count: number }[]> {
  const rows = await scopedTrips(db, s)
    .select((eb) => ['t.status', eb.fn.countAll<number>().as('count')])
    .groupBy('t.status')
    .execute();
  return rows.map((r) => ({ status: r.status, count: Number(r.count) }));
}

export async function seatTotals(
  db: Executor,
  s: StatsScope,
  carried: readonly string[],
): Promise<{ seatsForSale: number; seatsTaken: number; costFen: number }> {
  const r = await scopedTrips(db, s)
    .select([
      sql<number>`coalesce(sum(t.seats_for_sale) FILTER (WHERE t.status IN (${sql.join([...carried])})), 0)`.as(
        'seatsForSale',
      ),
      sql<number>`coalesce(sum(t.seats_taken) FILTER (WHERE t.status <> 'cancelled'), 0)`.as('seatsTaken'),
      sql<number>`coalesce(sum(t.cost_fen) FILTER (WHERE t.status <> 'cancelled'), 0)`.as('costFen'),
    ])
    .executeTakeFirstOrThrow();
  return {
    seatsForSale: Number(r.seatsForSale),
    seatsTaken: Number(r.seatsTaken),
    costFen: Number(r.costFen),
  };
}

export type CarriedRow = {
  originRegionCode: string | null;
  enterpriseId: string | null;
  workers: number;
  received: number;
};

/** Boarded passengers of trips that left, by origin county and destination enterprise. */
export async function carried(
  db: Executor,
  s: StatsScope,
  statuses: readonly string[],
): Promise<CarriedRow[]> {
  const rows = await scopedTrips(db, s)
    .innerJoin('busBookings as b', 'b.tripId', 't.id')
    .leftJoin('travelRequests as tr', 'tr.id', 'b.travelRequestId')
    .select((eb) => [
      'tr.originRegionCode',
      'tr.enterpriseId',
      eb.fn.countAll<number>().as('workers'),
      sql<number>`count(*) FILTER (WHERE b.handover_status = 'received')`.as('received'),
    ])
    .where('t.status', 'in', [...statuses])
    .where('b.status', '=', 'boarded')
    .groupBy(['tr.originRegionCode', 'tr.enterpriseId'])
    .execute();
  return rows.map((r) => ({
    originRegionCode: r.originRegionCode?.trim() ?? null,
    enterpriseId: r.enterpriseId,
    workers: Number(r.workers),
    received: Number(r.received),
  }));
}

export type PassengerFactRow = {
  bookingId: string;
  personId: string;
  tripId: string;
  tripCode: string;
  tripStatus: string;
  departAt: Date;
  arrivedAt: Date | null;
  enterpriseId: string | null;
  originRegionCode: string | null;
  bookingStatus: string;
  handoverStatus: string | null;
  handoverAt: Date | null;
};

function passengerFacts(db: Executor) {
  return db
    .selectFrom('busBookings as b')
    .innerJoin('busTrips as t', 't.id', 'b.tripId')
    .leftJoin('travelRequests as tr', 'tr.id', 'b.travelRequestId')
    .select([
      'b.id as bookingId',
      'b.personId',
      't.id as tripId',
      't.code as tripCode',
      't.status as tripStatus',
      't.departAt',
      't.arrivedAt',
      'tr.enterpriseId',
      'tr.originRegionCode',
      'b.status as bookingStatus',
      'b.handoverStatus',
      'b.handoverAt',
    ]);
}

export async function passengerFactsForEnterprise(
  db: Executor,
  enterpriseId: string,
  handedOverOnly: boolean,
): Promise<PassengerFactRow[]> {
  let q = passengerFacts(db).where('tr.enterpriseId', '=', enterpriseId).where('b.status', '=', 'boarded');
  if (handedOverOnly) q = q.where('b.handoverStatus', '=', 'received');
  const rows = await q.orderBy('t.departAt').orderBy('b.id').execute();
  return rows.map((r) => ({ ...r, originRegionCode: r.originRegionCode?.trim() ?? null }));
}

export async function passengerFactsForPerson(db: Executor, personId: string): Promise<PassengerFactRow[]> {
  const rows = await passengerFacts(db)
    .where('b.personId', '=', personId)
    .orderBy('t.departAt')
    .orderBy('b.id')
    .execute();
  return rows.map((r) => ({ ...r, originRegionCode: r.originRegionCode?.trim() ?? null }));
}

export async function costSharesOfEnterprise(
  db: Executor,
  enterpriseId: string,
): Promise<
  { tripId: string; tripCode: string; tripStatus: string; amountFen: number; invoiceRef: string | null }[]
> {
  return db
    .selectFrom('busTripCostShares as s')
    .innerJoin('busTrips as t', 't.id', 's.tripId')
    .select(['t.id as tripId', 't.code as tripCode', 't.status as tripStatus', 's.amountFen', 't.invoiceRef'])
    .where('s.enterpriseId', '=', enterpriseId)
    .where('t.status', '<>', 'cancelled')
    .orderBy('t.departAt')
    .execute();
}
