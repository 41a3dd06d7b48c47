import {
  BoardingResultSchema,
  BusBookingSchema,
  BusDemandSchema,
  BusHandoversSchema,
  BusManifestSchema,
  BusPlanSchema,
  BusStatsSchema,
  BusTripSchema,
  ConfirmedBusPlanSchema,
  pageOf,
  TravelRequestSchema,
  type BoardPassengerBody,
  type BookSeatBody,
  type BusBooking,
  type BusDemandQuery,
  type BusManifest,
  type BusPlan,
  type BusTrip,
  type ConfirmBusPlanBody,
  type ConfirmHandoversBody,
  type CreateBusTripBody,
  type CreateTravelRequestBody,
  type ListBusTripsQuery,
  type ListTravelRequestsQuery,
  type PlanBusTripsBody,
  type TravelRequest,
  type UpdateBusTripBody,
} from '@jiuye/shared';
import { apiDownload, apiRequest } from '../../app/api-client';

export type { BusBooking, BusManifest, BusPlan, BusTrip, TravelRequest };

const TravelRequestPageSchema = pageOf(TravelRequestSchema);
const BusTripPageSchema = pageOf(BusTripSchema);
const BusBookingPageSchema = pageOf(BusBookingSchema);

const id = (x: string) => encodeURIComponent(x);

/** Query strings take strings; the list schemas' booleans are sent as 'true' / 'false'. */
type TripListQuery = Partial<Omit<ListBusTripsQuery, 'escortedByMe' | 'forMyRequest'>> & {
  escortedByMe?: boolean;
  forMyRequest?: boolean;
};

function tripQuery(q: TripListQuery) {
  return {
    ...q,
    escortedByMe: q.escortedByMe === undefined ? undefined : String(q.escortedByMe),
    forMyRequest: q.forMyRequest === undefined ? undefined : String(q.forMyRequest),
  };
}

export const busKeys = {
  all: ['buses'] as const,
  myRequests: ['buses', 'requests', 'mine'] as const,
  requests: (q: object) => ['buses', 'requests', 'list', q] as const,
  openRequests: ['buses', 'requests', 'open-all'] as const,
  myBookings: ['buses', 'bookings', 'mine'] as const,
  demand: (q: object) => ['buses', 'demand', q] as const,
  trips: (q: object) => ['buses', 'trips', 'list', q] as const,
  trip: (tripId: string) => ['buses', 'trips', 'one', tripId] as const,
  manifest: (tripId: string) => ['buses', 'trips', 'manifest', tripId] as const,
  handovers: (tripId: string) => ['buses', 'trips', 'handovers', tripId] as const,
  stats: (q: object) => ['buses', 'stats', q] as const,
};

// ─── Travel requests ─────────────────────────────────────────────────────────────────────────────

/** The seeker's own requests, newest first (one page: a person rarely has more than a few). */
export async function listMyTravelRequests(): Promise<TravelRequest[]> {
  return (
    await apiRequest(
      '/api/v1/me/travel-requests',
      { query: { page: 1, pageSize: 50 } },
      TravelRequestPageSchema,
    )
  ).items;
}

export function listTravelRequests(q: Partial<ListTravelRequestsQuery>) {
  return apiRequest('/api/v1/travel-requests', { query: q }, TravelRequestPageSchema);
}

/**
 * Every open request (the planner shows names beside the plan's request ids). Pages of 100, up
 * to 50 pages: a city's demand in one planning window is some hundreds of people.
 */
export async function listAllOpenTravelRequests(): Promise<TravelRequest[]> {
  const all: TravelRequest[] = [];
  for (let page = 1; page <= 50; page++) {
    const p = await listTravelRequests({ status: 'open', page, pageSize: 100 });
    all.push(...p.items);
    if (all.length >= p.total || p.items.length === 0) break;
  }
  return all;
}

/** One open request per person: a repeated submission answers 409 travel_request_exists. */
export function createTravelRequest(body: CreateTravelRequestBody) {
  return apiRequest('/api/v1/travel-requests', { method: 'POST', body }, TravelRequestSchema);
}

export function cancelTravelRequest(requestId: string) {
  return apiRequest(`/api/v1/travel-requests/${id(requestId)}`, { method: 'DELETE' }, TravelRequestSchema);
}

// ─── Demand and planning ─────────────────────────────────────────────────────────────────────────

export function getBusDemand(q: Partial<BusDemandQuery>) {
  return apiRequest('/api/v1/bus-trips/demand', { query: q }, BusDemandSchema);
}

export function planBusTrips(body: PlanBusTripsBody) {
  return apiRequest('/api/v1/bus-trips/plan', { method: 'POST', body }, BusPlanSchema);
}

export function confirmBusPlan(body: ConfirmBusPlanBody, idempotencyKey: string) {
  return apiRequest(
    '/api/v1/bus-trips/plan/confirm',
    { method: 'POST', body, headers: { 'Idempotency-Key': idempotencyKey } },
    ConfirmedBusPlanSchema,
  );
}

// ─── Trips ───────────────────────────────────────────────────────────────────────────────────────

export function listBusTrips(q: TripListQuery) {
  return apiRequest('/api/v1/bus-trips', { query: tripQuery(q) }, BusTripPageSchema);
}

export function getBusTrip(tripId: string) {
  return apiRequest(`/api/v1/bus-trips/${id(tripId)}`, {}, BusTripSchema);
}

export function createBusTrip(body: CreateBusTripBody) {
  return apiRequest('/api/v1/bus-trips', { method: 'POST', body }, BusTripSchema);
}

export function updateBusTrip(tripId: string, body: UpdateBusTripBody) {
  return apiRequest(`/api/v1/bus-trips/${id(tripId)}`, { method: 'PATCH', body }, BusTripSchema);
}

// ─── Seats ───────────────────────────────────────────────────────────────────────────────────────

/**
 * Books a seat (or a waitlist place with `waitlist: true`). The caller keeps one Idempotency-Key
 * per attempt and sends it again when retrying that attempt after a network failure, so a lost
 * answer never becomes a second booking. A full bus answers 409 `trip_full`.
 */
export function bookSeat(tripId: string, body: BookSeatBody, idempotencyKey: string) {
  return apiRequest(
    `/api/v1/bus-trips/${id(tripId)}/bookings`,
    { method: 'POST', body, headers: { 'Idempotency-Key': idempotencyKey } },
    BusBookingSchema,
  );
}

export function cancelBooking(bookingId: string) {
  return apiRequest(`/api/v1/bus-bookings/${id(bookingId)}`, { method: 'DELETE' }, BusBookingSchema);
}

export function moveBooking(bookingId: string, tripId: string) {
  return apiRequest(
    `/api/v1/bus-bookings/${id(bookingId)}/move`,
    { method: 'POST', body: { tripId } },
    BusBookingSchema,
  );
}

export async function listMyBookings(): Promise<BusBooking[]> {
  return (
    await apiRequest('/api/v1/me/bus-bookings', { query: { page: 1, pageSize: 50 } }, BusBookingPageSchema)
  ).items;
}

// ─── Manifest, boarding, handover ────────────────────────────────────────────────────────────────

export function getManifest(tripId: string) {
  return apiRequest(`/api/v1/bus-trips/${id(tripId)}/manifest`, {}, BusManifestSchema);
}

export function downloadManifest(tripId: string) {
  return apiDownload(`/api/v1/bus-trips/${id(tripId)}/manifest.xlsx`);
}

export function boardPassenger(tripId: string, body: BoardPassengerBody) {
  return apiRequest(
    `/api/v1/bus-trips/${id(tripId)}/boardings`,
    { method: 'POST', body },
    BoardingResultSchema,
  );
}

export function getHandovers(tripId: string) {
  return apiRequest(`/api/v1/bus-trips/${id(tripId)}/handovers`, {}, BusHandoversSchema);
}

export function confirmHandovers(tripId: string, body: ConfirmHandoversBody) {
  return apiRequest(
    `/api/v1/bus-trips/${id(tripId)}/handovers`,
    { method: 'POST', body },
    BusHandoversSchema,
  );
}

// ─── Statistics ──────────────────────────────────────────────────────────────────────────────────

export function getBusStats(q: { departFrom?: string; departTo?: string }) {
  return apiRequest('/api/v1/bus-trips/stats', { query: q }, BusStatsSchema);
}
