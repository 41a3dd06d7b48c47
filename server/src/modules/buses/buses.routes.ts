import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  BoardPassengerBodySchema,
  BoardingResultSchema,
  BookSeatBodySchema,
  BusBookingSchema,
  BusDemandQuerySchema,
  BusDemandSchema,
  BusHandoversSchema,
  BusManifestSchema,
  BusPlanSchema,
  BusStatsQuerySchema,
  BusStatsSchema,
  BusTripSchema,
  ConfirmBusPlanBodySchema,
  ConfirmedBusPlanSchema,
  ConfirmHandoversBodySchema,
  CreateBusTripBodySchema,
  CreateTravelRequestBodySchema,
  IdParamsSchema,
  ListBusTripsQuerySchema,
  ListMyBookingsQuerySchema,
  ListTravelRequestsQuerySchema,
  MoveBookingBodySchema,
  PageQuerySchema,
  PlanBusTripsBodySchema,
  TravelRequestSchema,
  UpdateBusTripBodySchema,
  UpdateTravelRequestBodySchema,
  pageOf,
  type Permission,
} from '@jiuye/shared';
import { AppError } from '../../platform/errors.js';
import { mayUseBuses } from './buses.policy.js';
import * as bookings from './buses.bookings.service.js';
import * as requests from './buses.requests.service.js';
import * as trips from './buses.service.js';
import { sendDownload } from '../../platform/uploads.js';
import { rateLimitOf } from '../../platform/rate-limits.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Routes several roles share declare `authenticated` and narrow it here, before the body is
 * validated: a caller holding none of the permissions gets 403 whatever it sends. The services then
 * check the record (buses.policy.ts).
 */
function requireAny(...perms: Permission[]) {
  return async (req: FastifyRequest): Promise<void> => {
    if (!mayUseBuses(req.ctx.actor, perms)) throw new AppError('forbidden');
  };
}

/** A seeker books with an empty body: no body at all counts as `{}`. */
async function emptyBodyAsObject(req: FastifyRequest): Promise<void> {
  if (req.body === undefined || req.body === null) req.body = {};
}

export const busesRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  // ——— Travel requests ———

  app.post(
    '/travel-requests',
    {
      config: {
        access: 'travel:request',
        errors: ['travel_request_exists', 'conflict', 'not_found'],
      },
      schema: {
        operationId: 'createTravelRequest',
        summary: 'Register a return-to-work trip (seeker for themself, staff or an enterprise for a person)',
        description:
          'Origin: a county anywhere in China; destination: a Zhanjiang district (and optionally the enterprise, and the offer or hire). The health declaration needs a recorded consent. One open request per person (409 travel_request_exists).',
        tags: ['buses'],
        body: CreateTravelRequestBodySchema,
        response: { 201: TravelRequestSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await requests.createTravelRequest(req.ctx, req.body)),
  );

  app.get(
    '/travel-requests',
    {
      config: { access: 'travel:request' },
      schema: {
        operationId: 'listTravelRequests',
        summary:
          'Travel requests: staff (bound for their districts), clerks (their enterprises), seekers (their own)',
        tags: ['buses'],
        querystring: ListTravelRequestsQuerySchema,
        response: { 200: pageOf(TravelRequestSchema) },
      },
    },
    async (req) => requests.listTravelRequests(req.ctx, req.query),
  );

  app.get(
    '/me/travel-requests',
    {
      config: { access: 'bus:book' },
      schema: {
        operationId: 'listMyTravelRequests',
        summary: 'My travel requests, newest first',
        tags: ['buses'],
        querystring: PageQuerySchema,
        response: { 200: pageOf(TravelRequestSchema) },
      },
    },
    async (req) => requests.listMyTravelRequests(req.ctx, req.query),
  );

  app.get(
    '/travel-requests/:id',
    {
      config: { access: 'travel:request' },
      schema: {
        operationId: 'getTravelRequest',
        summary:
          'One travel request (its person, staff covering its district, the enterprise that registered it)',
        tags: ['buses'],
        params: IdParamsSchema,
        response: { 200: TravelRequestSchema },
      },
    },
    async (req) => requests.getTravelRequest(req.ctx, req.params.id),
  );

  app.patch(
    '/travel-requests/:id',
    {
      config: { access: 'travel:request', errors: ['conflict'] },
      schema: {
        operationId: 'updateTravelRequest',
        summary:
          'Edit a travel request: pickup point, phone, health declaration; dates while no seat is booked',
        tags: ['buses'],
        params: IdParamsSchema,
        body: UpdateTravelRequestBodySchema,
        response: { 200: TravelRequestSchema },
      },
    },
    async (req) => requests.updateTravelRequest(req.ctx, req.params.id, req.body),
  );

  app.delete(
    '/travel-requests/:id',
    {
      config: { access: 'travel:request', errors: ['conflict'] },
      schema: {
        operationId: 'cancelTravelRequest',
        summary: 'Withdraw a travel request (a booked seat is cancelled with it)',
        tags: ['buses'],
        params: IdParamsSchema,
        response: { 200: TravelRequestSchema },
      },
    },
    async (req) => requests.cancelTravelRequest(req.ctx, req.params.id),
  );

  // ——— Demand and planning ———

  app.get(
    '/bus-trips/demand',
    {
      config: { access: 'bus:manage' },
      schema: {
        operationId: 'getBusDemand',
        summary: 'Open travel requests grouped by origin county → destination district → earliest date',
        tags: ['buses'],
        querystring: BusDemandQuerySchema,
        response: { 200: BusDemandSchema },
      },
    },
    async (req) => trips.demand(req.ctx, req.query),
  );

  app.post(
    '/bus-trips/plan',
    {
      config: { access: 'bus:manage' },
      schema: {
        operationId: 'planBusTrips',
        summary: 'Propose buses for the open requests: capacity, load limit and maximum stops respected',
        description:
          'Seats per bus = ⌊capacity × loadLimitPercent / 100⌋. Every request in scope is either on a proposed bus or in `unplaced` with a reason. Nothing is saved: confirm with POST /bus-trips/plan/confirm.',
        tags: ['buses'],
        body: PlanBusTripsBodySchema,
        response: { 200: BusPlanSchema },
      },
    },
    async (req) => trips.plan(req.ctx, req.body),
  );

  app.post(
    '/bus-trips/plan/confirm',
    {
      config: { access: 'bus:manage', idempotent: true, errors: ['conflict'] },
      schema: {
        operationId: 'confirmBusPlan',
        summary: 'Create the (adjusted) proposed buses as planned trips, recording the requests each is for',
        description: 'All or nothing. Send an Idempotency-Key to retry safely.',
        tags: ['buses'],
        body: ConfirmBusPlanBodySchema,
        response: { 201: ConfirmedBusPlanSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await trips.confirmPlan(req.ctx, req.body)),
  );

  // ——— Trips ———

  app.get(
    '/bus-trips/stats',
    {
      config: { access: 'bus:manage' },
      schema: {
        operationId: 'getBusTripStats',
        summary: 'Trips by status, workers carried by origin and by enterprise, seat utilisation, cost',
        tags: ['buses'],
        querystring: BusStatsQuerySchema,
        response: { 200: BusStatsSchema },
      },
    },
    async (req) => trips.stats(req.ctx, req.query),
  );

  app.post(
    '/bus-trips',
    {
      config: { access: 'bus:manage', errors: ['conflict'] },
      schema: {
        operationId: 'createBusTrip',
        summary: 'Create a chartered bus trip (planned, or open for booking)',
        description: 'Seats on sale = ⌊capacity × loadLimitPercent / 100⌋.',
        tags: ['buses'],
        body: CreateBusTripBodySchema,
        response: { 201: BusTripSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await trips.createTrip(req.ctx, req.body)),
  );

  app.get(
    '/bus-trips',
    {
      config: { access: 'authenticated' },
      preValidation: requireAny('bus:manage', 'bus:board', 'bus:book', 'bus:handover'),
      schema: {
        operationId: 'listBusTrips',
        summary:
          'Trips: staff (their districts, escorted by them), seekers (open and their own), clerks (carrying their workers)',
        tags: ['buses'],
        querystring: ListBusTripsQuerySchema,
        response: { 200: pageOf(BusTripSchema) },
      },
    },
    async (req) => trips.listTrips(req.ctx, req.query),
  );

  app.get(
    '/bus-trips/:id',
    {
      config: { access: 'authenticated' },
      preValidation: requireAny('bus:manage', 'bus:board', 'bus:book', 'bus:handover'),
      schema: {
        operationId: 'getBusTrip',
        summary: 'One trip with seats for sale, seats taken and status',
        tags: ['buses'],
        params: IdParamsSchema,
        response: { 200: BusTripSchema },
      },
    },
    async (req) => trips.getTrip(req.ctx, req.params.id),
  );

  app.patch(
    '/bus-trips/:id',
    {
      config: { access: 'bus:manage', errors: ['conflict', 'booking_overlap'] },
      schema: {
        operationId: 'updateBusTrip',
        summary:
          'Edit a trip and move its status: planned → open → boarding → departed → arrived → handed_over, or cancelled',
        description:
          'Seats on sale may not drop below seats taken (400 seats_below_taken). Cancelling cancels every booking and notifies passengers. The escort may move boarding, departed and arrived.',
        tags: ['buses'],
        params: IdParamsSchema,
        body: UpdateBusTripBodySchema,
        response: { 200: BusTripSchema },
      },
    },
    async (req) => trips.updateTrip(req.ctx, req.params.id, req.body),
  );

  // ——— Seats ———

  app.post(
    '/bus-trips/:id/bookings',
    {
      config: {
        access: 'authenticated',
        idempotent: true,
        rateLimit: rateLimitOf('booking'),
        errors: [
          'trip_full',
          'trip_not_open',
          'booking_overlap',
          'already_booked',
          'travel_request_required',
          'trip_route_mismatch',
          'conflict',
        ],
      },
      preValidation: [requireAny('bus:book', 'bus:manage'), emptyBodyAsObject],
      schema: {
        operationId: 'bookBusSeat',
        summary: 'Book a seat: a seeker for themself (empty body), staff for a person (personId)',
        description:
          'A seeker needs an open travel request the trip serves. A full trip answers 409 trip_full unless `{ "waitlist": true }`. Send an Idempotency-Key to retry safely.',
        tags: ['buses'],
        params: IdParamsSchema,
        body: BookSeatBodySchema,
        response: { 201: BusBookingSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await bookings.bookSeat(req.ctx, req.params.id, req.body)),
  );

  app.get(
    '/me/bus-bookings',
    {
      config: { access: 'bus:book' },
      schema: {
        operationId: 'listMyBusBookings',
        summary: 'My bus bookings with the boarding code (QR) and waitlist place',
        tags: ['buses'],
        querystring: ListMyBookingsQuerySchema,
        response: { 200: pageOf(BusBookingSchema) },
      },
    },
    async (req) => bookings.listMyBookings(req.ctx, req.query),
  );

  app.get(
    '/bus-bookings/:id',
    {
      config: { access: 'authenticated' },
      preValidation: requireAny('bus:book', 'bus:manage', 'bus:board'),
      schema: {
        operationId: 'getBusBooking',
        summary: 'One booking (its passenger, staff covering the trip, its escort)',
        tags: ['buses'],
        params: IdParamsSchema,
        response: { 200: BusBookingSchema },
      },
    },
    async (req) => bookings.getBooking(req.ctx, req.params.id),
  );

  app.delete(
    '/bus-bookings/:id',
    {
      config: { access: 'authenticated', errors: ['conflict'] },
      preValidation: requireAny('bus:book', 'bus:manage'),
      schema: {
        operationId: 'cancelBusBooking',
        summary: 'Cancel a booking (the passenger or staff): frees the seat and promotes the waitlist',
        tags: ['buses'],
        params: IdParamsSchema,
        response: { 200: BusBookingSchema },
      },
    },
    async (req) => bookings.cancelBooking(req.ctx, req.params.id),
  );

  app.post(
    '/bus-bookings/:id/move',
    {
      config: {
        access: 'bus:manage',
        errors: ['trip_full', 'trip_not_open', 'booking_overlap', 'already_booked', 'conflict'],
      },
      schema: {
        operationId: 'moveBusBooking',
        summary: 'Move a passenger to another trip in one step (staff)',
        tags: ['buses'],
        params: IdParamsSchema,
        body: MoveBookingBodySchema,
        response: { 200: BusBookingSchema },
      },
    },
    async (req) => bookings.moveBooking(req.ctx, req.params.id, req.body.tripId),
  );

  // ——— Manifest, boarding, handover ———

  app.get(
    '/bus-trips/:id/manifest',
    {
      config: { access: 'bus:board' },
      schema: {
        operationId: 'getBusManifest',
        summary:
          'The passenger manifest and waitlist (staff covering the trip, its escort); the read is audited',
        tags: ['buses'],
        params: IdParamsSchema,
        response: { 200: BusManifestSchema },
      },
    },
    async (req) => bookings.manifest(req.ctx, req.params.id),
  );

  app.get(
    '/bus-trips/:id/manifest.xlsx',
    {
      config: { access: 'bus:board', rateLimit: rateLimitOf('export') },
      schema: {
        operationId: 'exportBusManifest',
        summary: 'The manifest as an Excel workbook (audited)',
        tags: ['buses'],
        params: IdParamsSchema,
        response: {
          200: {
            description: 'An .xlsx workbook',
            content: { [XLSX]: { schema: z.any().meta({ format: 'binary' }) } },
          },
        },
      },
    },
    async (req, reply) => {
      const { file, code } = await bookings.manifestWorkbook(req.ctx, req.params.id);
      return sendDownload(reply, { content: file, mediaType: XLSX, filename: `jiuye-manifest-${code}.xlsx` });
    },
  );

  app.post(
    '/bus-trips/:id/boardings',
    {
      config: { access: 'bus:board', errors: ['conflict'] },
      schema: {
        operationId: 'boardBusPassenger',
        summary: 'Board a passenger by boarding code (QR) or booking id, with a health check',
        description:
          'A temperature of 37.3 °C or more, any symptom or a non-green health code refuses boarding (recorded with the reasons; the seat is freed). The first boarding of an open trip closes sales. A repeated scan answers the first result.',
        tags: ['buses'],
        params: IdParamsSchema,
        body: BoardPassengerBodySchema,
        response: { 200: BoardingResultSchema },
      },
    },
    async (req) => bookings.boardPassenger(req.ctx, req.params.id, req.body),
  );

  app.get(
    '/bus-trips/:id/handovers',
    {
      config: { access: 'authenticated' },
      preValidation: requireAny('bus:handover', 'bus:manage', 'bus:board'),
      schema: {
        operationId: 'listBusHandovers',
        summary: 'Boarded passengers and their handover: the receiving enterprise sees its own workers',
        tags: ['buses'],
        params: IdParamsSchema,
        response: { 200: BusHandoversSchema },
      },
    },
    async (req) => bookings.listHandovers(req.ctx, req.params.id),
  );

  app.post(
    '/bus-trips/:id/handovers',
    {
      config: { access: 'authenticated', errors: ['conflict'] },
      preValidation: requireAny('bus:handover', 'bus:manage'),
      schema: {
        operationId: 'confirmBusHandovers',
        summary: 'Confirm each passenger received or not received after arrival (the enterprise, or staff)',
        description: 'When no boarded passenger is pending any more, the trip becomes handed_over.',
        tags: ['buses'],
        params: IdParamsSchema,
        body: ConfirmHandoversBodySchema,
        response: { 200: BusHandoversSchema },
      },
    },
    async (req) => bookings.confirmHandovers(req.ctx, req.params.id, req.body),
  );
};
