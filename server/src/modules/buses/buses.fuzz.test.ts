import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BusBooking, BusTrip, TravelRequest } from '@jiuye/shared';
import { testApp, type TestApp } from '../../../test/app.js';
import { signedIn } from '../../../test/factories.js';
import { createEnterprise } from '../../../test/channel-factories.js';
import { at, call, requestBody, tripBody } from './buses.test-support.js';

/**
 * The platform fuzz test calls every route as an admin, who reaches none of these. Here the bus
 * routes get malformed and half-valid input from the callers who do: a seeker with a booking, staff
 * covering the trip, the escort, a clerk, a stranger. Ids come partly from real records so that the
 * handlers, not only the validators, run.
 */
let t: TestApp;
let callers: Record<string, string>[];
let ids: string[];
let code = '';
let routes: TestApp['app']['routeTable'];

beforeAll(async () => {
  t = await testApp();
  const staff = await signedIn(t.app, t.db, 'staff', { districtCodes: ['440803'] });
  const escort = await signedIn(t.app, t.db, 'staff', { districtCodes: ['440804'] });
  const seeker = await signedIn(t.app, t.db, 'seeker');
  const employer = await signedIn(t.app, t.db, 'employer');
  const stranger = await signedIn(t.app, t.db, 'seeker');
  const ent = await createEnterprise(t.db, {
    ownerUserId: employer.user.id,
    ownerPhone: employer.user.phone,
  });
  const req = await call<TravelRequest>(
    t.app,
    'POST',
    '/api/v1/travel-requests',
    seeker.headers,
    requestBody({ enterpriseId: ent.id }),
  );
  const trip = await call<BusTrip>(t.app, 'POST', '/api/v1/bus-trips', staff.headers, {
    ...tripBody(escort.user.id),
    status: 'open',
  });
  const planned = await call<BusTrip>(
    t.app,
    'POST',
    '/api/v1/bus-trips',
    staff.headers,
    tripBody(escort.user.id, { departAt: at(9), arriveBy: at(9, 20) }),
  );
  const booking = await call<BusBooking>(
    t.app,
    'POST',
    `/api/v1/bus-trips/${trip.body.id}/bookings`,
    seeker.headers,
    {},
  );
  code = booking.body.boardingCode ?? '';
  callers = [seeker.headers, staff.headers, escort.headers, employer.headers, stranger.headers, {}];
  ids = [
    trip.body.id,
    planned.body.id,
    booking.body.id,
    req.body.id,
    req.body.person.id,
    escort.user.id,
    ent.id,
  ];
  routes = t.app.routeTable.filter(
    (r) => r.operationId && r.url.startsWith('/api/v1/') && /bus|travel/.test(r.url),
  );
});
afterAll(async () => {
  await t.close();
});

const nasty = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom(
    '',
    '%00',
    '440803',
    '450206',
    '450200',
    '999999',
    'true',
    '-1',
    '0',
    '1e309',
    '37.3',
    '2027-02-30',
    '2020-01-01T00:00:00+08:00',
    'open',
    'cancelled',
    'handed_over',
    'JYB1.00000000-0000-4000-8000-000000000000.AAAAAAAAAAAAAAAAAAAAAA',
    "'; DROP TABLE bus_trips; --",
    'x'.repeat(3000),
  ),
);
const ref = fc.oneof(
  fc.constantFrom(0, 1, 2, 3, 4, 5, 6).map((i) => () => ids[i] ?? 'x'),
  fc.constant(() => code),
  nasty.map((s) => () => s),
);
const value = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  nasty,
  fc.integer({ min: -5, max: 200 }),
  fc.double({ min: 30, max: 45, noNaN: true }),
  fc.array(nasty, { maxLength: 3 }),
  ref,
);
const KEYS = [
  'personId',
  'person',
  'originRegionCode',
  'pickupPoint',
  'destinationDistrictCode',
  'destinationDistrictCodes',
  'enterpriseId',
  'applicationId',
  'earliestDate',
  'latestDate',
  'phone',
  'health',
  'healthConsent',
  'waitlist',
  'tripId',
  'code',
  'bookingId',
  'temperatureCelsius',
  'symptoms',
  'healthCodeColor',
  'items',
  'status',
  'cancelReason',
  'capacity',
  'loadLimitPercent',
  'departAt',
  'arriveBy',
  'stops',
  'plate',
  'driverName',
  'escortStaffId',
  'cost',
  'version',
  'buses',
  'dateFrom',
  'dateTo',
  'maxStops',
] as const;
const bodyArb = fc.oneof(
  fc.dictionary(fc.constantFrom(...KEYS), value, { maxKeys: 8 }),
  fc.constant(requestBody() as unknown as Record<string, unknown>),
  fc.constant({ waitlist: true }),
  fc.record({ code: ref, temperatureCelsius: fc.double({ min: 35, max: 40, noNaN: true }) }),
  fc.record({
    items: fc.array(
      fc.record({ bookingId: ref, outcome: fc.constantFrom('received', 'not_received', 'x') }),
      { maxLength: 3 },
    ),
  }),
);
const queryArb = fc.dictionary(
  fc.constantFrom(
    'status',
    'originRegionCode',
    'destinationDistrictCode',
    'enterpriseId',
    'departFrom',
    'departTo',
    'forMyRequest',
    'escortedByMe',
    'dateFrom',
    'page',
    'pageSize',
    'x',
  ),
  nasty,
  { maxKeys: 3 },
);

function resolve(v: unknown): unknown {
  if (typeof v === 'function') return (v as () => string)();
  if (Array.isArray(v)) return v.map(resolve);
  if (v && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolve(x)]));
  return v;
}

describe('fuzzing the bus routes', () => {
  it('never answers 5xx, and every error is problem+json', async () => {
    expect(routes.length).toBe(24);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        fc.nat(callers.length - 1),
        ref,
        queryArb,
        bodyArb,
        fc.constantFrom('zh-CN', 'en-US'),
        async (route, who, param, query, body, lang) => {
          const p = param();
          const url = route.url.replace(/:(\w+)/g, () => encodeURIComponent(p).slice(0, 300) || 'x');
          const qs = new URLSearchParams(query).toString();
          const headers: Record<string, string> = { ...callers[who], 'accept-language': lang };
          let payload: string | undefined;
          if (route.method !== 'GET' && route.method !== 'DELETE') {
            headers['content-type'] = 'application/json';
            payload = JSON.stringify(resolve(body));
          }
          const res = await t.app.inject({
            method: route.method as 'GET',
            url: qs ? `${url}?${qs}` : url,
            headers,
            payload,
          });
          if (res.statusCode >= 500)
            throw new Error(`${route.method} ${url}?${qs} ${payload ?? ''} → ${res.statusCode}: ${res.body}`);
          if (res.statusCode >= 400) {
            expect(res.headers['content-type']).toContain('application/problem+json');
            const problem = JSON.parse(res.body) as { status: number; code: string; title: string };
            expect(problem.status).toBe(res.statusCode);
            expect(problem.title).toBeTruthy();
          }
        },
      ),
      { numRuns: 600 },
    );
  });
});
