import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueIdNumber } from '../registrations/assistance.fixtures.js';
import type { BoardingResult, BusBooking, BusManifest, BusTrip, TravelRequest } from '@jiuye/shared';
import { testApp, type TestApp } from '../../../test/app.js';
import { signedIn } from '../../../test/factories.js';
import { createEnterprise } from '../../../test/channel-factories.js';
import { at, call, requestBody, tripBody, type Headers, type Problem } from './buses.test-support.js';

let t: TestApp;
type Session = Awaited<ReturnType<typeof signedIn>>;
let staff: Session; // 霞山 440803
let otherStaff: Session; // 麻章 440811 only
let escort: Session; // 坡头 440804: escorts trips bound for 霞山
let employer: Session;
let otherEmployer: Session;
let enterpriseId: string;
let otherEnterpriseId: string;

beforeAll(async () => {
  t = await testApp();
  staff = await signedIn(t.app, t.db, 'staff', { districtCodes: ['440803'] });
  otherStaff = await signedIn(t.app, t.db, 'staff', { districtCodes: ['440811'] });
  escort = await signedIn(t.app, t.db, 'staff', { districtCodes: ['440804'] });
  employer = await signedIn(t.app, t.db, 'employer');
  otherEmployer = await signedIn(t.app, t.db, 'employer');
  enterpriseId = (
    await createEnterprise(t.db, { ownerUserId: employer.user.id, ownerPhone: employer.user.phone })
  ).id;
  otherEnterpriseId = (
    await createEnterprise(t.db, { ownerUserId: otherEmployer.user.id, ownerPhone: otherEmployer.user.phone })
  ).id;
});
afterAll(async () => {
  await t.close();
});

const api = <T = unknown>(
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  headers: Headers,
  payload?: unknown,
) => call<T>(t.app, method, url, headers, payload);

async function seekerWithRequest(over: Parameters<typeof requestBody>[0] = {}) {
  const s = await signedIn(t.app, t.db, 'seeker');
  const r = await api<TravelRequest>('POST', '/api/v1/travel-requests', s.headers, requestBody(over));
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return { ...s, request: r.body };
}

async function openTrip(over: Parameters<typeof tripBody>[1] = {}): Promise<BusTrip> {
  const r = await api<BusTrip>('POST', '/api/v1/bus-trips', staff.headers, {
    ...tripBody(escort.user.id, over),
    status: 'open',
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}

function fieldCodes(p: unknown): string[] {
  return ((p as Problem).errors ?? []).map((e) => `${e.path}:${e.code}`);
}

async function notificationKinds(userId: string): Promise<string[]> {
  const rows = await t.db.selectFrom('notifications').select('kind').where('userId', '=', userId).execute();
  return rows.map((r) => r.kind);
}

describe('travel requests', () => {
  it('a seeker registers one open request with a recorded health consent', async () => {
    const s = await seekerWithRequest();
    expect(s.request).toMatchObject({
      status: 'open',
      originRegionCode: '450206',
      originPrefectureCode: '450200',
      destinationDistrictCode: '440803',
      createdBy: 'self',
      healthAttention: false,
    });
    expect(s.request.originName).toContain('柳江');
    expect(s.request.consentId).toBeTruthy();
    const consent = await t.db
      .selectFrom('consents')
      .select(['kind', 'userId'])
      .where('id', '=', s.request.consentId ?? '')
      .executeTakeFirstOrThrow();
    expect(consent).toEqual({ kind: 'travel_health', userId: s.user.id });

    const again = await api<Problem>('POST', '/api/v1/travel-requests', s.headers, requestBody());
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('travel_request_exists');

    const mine = await api<{ items: TravelRequest[] }>('GET', '/api/v1/me/travel-requests', s.headers);
    expect(mine.body.items.map((r) => r.id)).toEqual([s.request.id]);
  });

  it('refuses bad input naming the field', async () => {
    const s = await signedIn(t.app, t.db, 'seeker');
    const cases: [Record<string, unknown>, string][] = [
      [{ originRegionCode: '450200' }, 'originRegionCode:not_a_county'],
      [{ originRegionCode: '459999' }, 'originRegionCode:unknown_region'],
      [{ destinationDistrictCode: '110101' }, 'destinationDistrictCode:outside_city'],
      [{ healthConsent: false }, 'healthConsent:invalid_value'],
      [{ earliestDate: '2020-01-01' }, 'earliestDate:date_in_past'],
      [{ phone: '12345' }, 'phone:phone_format'],
    ];
    for (const [over, want] of cases) {
      const r = await api<Problem>('POST', '/api/v1/travel-requests', s.headers, {
        ...requestBody(),
        ...over,
      });
      expect(r.status, want).toBe(400);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(fieldCodes(r.body), want).toContain(want);
    }
    const noConsent = requestBody() as Record<string, unknown>;
    delete noConsent.healthConsent;
    const r = await api<Problem>('POST', '/api/v1/travel-requests', s.headers, noConsent);
    expect(fieldCodes(r.body).map((f) => f.split(':')[0])).toEqual(['healthConsent']);
  });

  it('staff register a walk-in person; an enterprise registers its worker; scopes hold', async () => {
    const byStaff = await api<TravelRequest>('POST', '/api/v1/travel-requests', staff.headers, {
      ...requestBody({ originRegionCode: '621221', pickupPoint: '成县汽车站' }),
      person: {
        fullName: '杨建军',
        phone: '17711112222',
        idNumber: uniqueIdNumber('1949-12-31', 'male', '110105'),
      },
    });
    expect(byStaff.status, JSON.stringify(byStaff.body)).toBe(201);
    expect(byStaff.body.createdBy).toBe('staff');
    expect(byStaff.body.person.idNumberMasked).not.toContain('19491231');
    expect(byStaff.body.consentId).toBeNull();

    const outside = await api<Problem>('POST', '/api/v1/travel-requests', otherStaff.headers, {
      ...requestBody(),
      person: { fullName: '覃秀兰', phone: '17711113333' },
    });
    expect(outside.status).toBe(403);
    expect(fieldCodes(outside.body)).toContain('destinationDistrictCode:outside_district');

    const byEnterprise = await api<TravelRequest>('POST', '/api/v1/travel-requests', employer.headers, {
      ...requestBody(),
      enterpriseId,
      person: { fullName: '韦国庆', phone: '17711114444' },
    });
    expect(byEnterprise.status, JSON.stringify(byEnterprise.body)).toBe(201);
    expect(byEnterprise.body.enterpriseName).toBeTruthy();

    const notMine = await api<Problem>('POST', '/api/v1/travel-requests', otherEmployer.headers, {
      ...requestBody(),
      enterpriseId,
      person: { fullName: '韦国庆', phone: '17711115555' },
    });
    expect([403, 404]).toContain(notMine.status);

    // Record-level reads: the other enterprise and the other district's staff do not see it.
    expect(
      (await api('GET', `/api/v1/travel-requests/${byEnterprise.body.id}`, employer.headers)).status,
    ).toBe(200);
    expect(
      (await api('GET', `/api/v1/travel-requests/${byEnterprise.body.id}`, otherEmployer.headers)).status,
    ).toBe(404);
    expect(
      (await api('GET', `/api/v1/travel-requests/${byEnterprise.body.id}`, otherStaff.headers)).status,
    ).toBe(404);
    const read = await api('GET', `/api/v1/travel-requests/${byEnterprise.body.id}`, staff.headers);
    expect(read.status).toBe(200);
    const audit = await t.db
      .selectFrom('auditLog')
      .select('action')
      .where('entityId', '=', byEnterprise.body.id)
      .where('action', '=', 'travel_request.read')
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(2);

    const list = await api<{ items: TravelRequest[] }>(
      'GET',
      '/api/v1/travel-requests?pageSize=100',
      otherEmployer.headers,
    );
    expect(list.body.items.map((r) => r.id)).not.toContain(byEnterprise.body.id);
    const badFilter = await api<Problem>(
      'GET',
      '/api/v1/travel-requests?originRegionCode=999999',
      staff.headers,
    );
    expect(badFilter.status).toBe(400);
  });

  it('edits and withdraws a request', async () => {
    const s = await seekerWithRequest();
    const edited = await api<TravelRequest>('PATCH', `/api/v1/travel-requests/${s.request.id}`, s.headers, {
      pickupPoint: '柳江区汽车站',
      health: { symptoms: ['cough'], contactWithCase: false, visitedHighRiskArea: false },
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ pickupPoint: '柳江区汽车站', healthAttention: true });
    const bad = await api<Problem>('PATCH', `/api/v1/travel-requests/${s.request.id}`, s.headers, {
      earliestDate: '2099-01-02',
      latestDate: '2099-01-01',
    });
    expect(bad.status).toBe(400);
    const gone = await api<TravelRequest>('DELETE', `/api/v1/travel-requests/${s.request.id}`, s.headers);
    expect(gone.body.status).toBe('cancelled');
    // A new one is allowed once the old is withdrawn.
    expect((await api('POST', '/api/v1/travel-requests', s.headers, requestBody())).status).toBe(201);
  });
});

describe('trips', () => {
  it('creates a trip with seats on sale = ⌊capacity × load / 100⌋ and validates input', async () => {
    const r = await api<BusTrip>(
      'POST',
      '/api/v1/bus-trips',
      staff.headers,
      tripBody(escort.user.id, { capacity: 45, loadLimitPercent: 50 }),
    );
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({
      status: 'planned',
      seatsForSale: 22,
      seatsTaken: 0,
      capacity: 45,
    });
    expect(r.body.escortName).toBeTruthy();
    expect(r.body.code).toMatch(/^ZJ\d{6}-\d{3,}$/);
    expect(r.body.stops.map((s) => s.regionName)).toEqual(['柳江区', '柳城县']);

    const cases: [Record<string, unknown>, string, number][] = [
      [{ arriveBy: at(4, 6) }, 'arriveBy:date_order', 400],
      [{ escortStaffId: employer.user.id }, 'escortStaffId:staff_not_found', 400],
      [{ destinationDistrictCode: '440811' }, 'destinationDistrictCode:outside_district', 403],
      [{ capacity: 200 }, 'capacity:too_big', 400],
      [{ stops: [{ regionCode: '450200', pickupPoint: '柳州站' }] }, 'stops.0.regionCode:not_a_county', 400],
    ];
    for (const [over, want, status] of cases) {
      const bad = await api<Problem>('POST', '/api/v1/bus-trips', staff.headers, {
        ...tripBody(escort.user.id),
        ...over,
      });
      expect(bad.status, want).toBe(status);
      expect(fieldCodes(bad.body), want).toContain(want);
    }
    const asSeeker = await signedIn(t.app, t.db, 'seeker');
    expect((await api('POST', '/api/v1/bus-trips', asSeeker.headers, tripBody(escort.user.id))).status).toBe(
      403,
    );
  });

  it('moves through the status machine and refuses what it must', async () => {
    const { plate: _plate, ...noPlate0 } = tripBody(escort.user.id);
    const openNoPlate = await api<Problem>('POST', '/api/v1/bus-trips', staff.headers, {
      ...noPlate0,
      status: 'open',
    });
    expect(fieldCodes(openNoPlate.body)).toEqual(['plate:required']);
    const created = await api<BusTrip>('POST', '/api/v1/bus-trips', staff.headers, noPlate0);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id;
    const noPlate = await api<Problem>('PATCH', `/api/v1/bus-trips/${id}`, staff.headers, { status: 'open' });
    expect(noPlate.status).toBe(400);
    expect(fieldCodes(noPlate.body)).toContain('plate:required');
    const opened = await api<BusTrip>('PATCH', `/api/v1/bus-trips/${id}`, staff.headers, {
      plate: '粤G54321',
      status: 'open',
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(200);
    expect(opened.body.status).toBe('open');
    const skip = await api<Problem>('PATCH', `/api/v1/bus-trips/${id}`, staff.headers, { status: 'arrived' });
    expect(skip.status).toBe(409);
    expect(fieldCodes(skip.body)).toContain('status:invalid_transition');
    const stale = await api<Problem>('PATCH', `/api/v1/bus-trips/${id}`, staff.headers, {
      note: 'x',
      version: 1,
    });
    expect(fieldCodes(stale.body)).toContain('version:stale_version');
    // Other district's staff do not see it; the escort sees it.
    expect((await api('GET', `/api/v1/bus-trips/${id}`, otherStaff.headers)).status).toBe(404);
    expect((await api('GET', `/api/v1/bus-trips/${id}`, escort.headers)).status).toBe(200);
    // The escort may not cancel (a staff decision); staff may, with a reason.
    expect(
      (
        await api('PATCH', `/api/v1/bus-trips/${id}`, escort.headers, {
          status: 'cancelled',
          cancelReason: 'x',
        })
      ).status,
    ).toBe(403);
    const noReason = await api<Problem>('PATCH', `/api/v1/bus-trips/${id}`, staff.headers, {
      status: 'cancelled',
    });
    expect(fieldCodes(noReason.body)).toContain('cancelReason:required');
  });

  it('lists trips per role with filters and pagination', async () => {
    const trip = await openTrip();
    const s = await seekerWithRequest();
    const seen = await api<{ items: BusTrip[]; total: number }>(
      'GET',
      '/api/v1/bus-trips?forMyRequest=true&pageSize=100',
      s.headers,
    );
    expect(seen.status).toBe(200);
    expect(seen.body.items.map((x) => x.id)).toContain(trip.id);
    expect(seen.body.items.every((x) => x.status === 'open' && x.cost === null)).toBe(true);
    const staffList = await api<{ items: BusTrip[]; total: number; pageSize: number }>(
      'GET',
      '/api/v1/bus-trips?status=open&pageSize=2',
      staff.headers,
    );
    expect(staffList.body.pageSize).toBe(2);
    expect(staffList.body.items.length).toBeLessThanOrEqual(2);
    expect(staffList.body.total).toBeGreaterThanOrEqual(1);
    const other = await api<{ items: BusTrip[] }>(
      'GET',
      '/api/v1/bus-trips?pageSize=100',
      otherStaff.headers,
    );
    expect(other.body.items.map((x) => x.id)).not.toContain(trip.id);
    const bad = await api<Problem>('GET', '/api/v1/bus-trips?status=flying', staff.headers);
    expect(bad.status).toBe(400);
    expect(fieldCodes(bad.body)[0]).toMatch(/^status:/);
    const college = await signedIn(t.app, t.db, 'college');
    expect((await api('GET', '/api/v1/bus-trips', college.headers)).status).toBe(403);
  });
});

describe('seats', () => {
  it('books, refuses doubles, sells only an open trip, and keeps seats within the load limit', async () => {
    const planned = await api<BusTrip>('POST', '/api/v1/bus-trips', staff.headers, tripBody(escort.user.id));
    const s = await seekerWithRequest();
    const notOpen = await api<Problem>('POST', `/api/v1/bus-trips/${planned.body.id}/bookings`, s.headers);
    expect(notOpen.body.code).toBe('trip_not_open');

    const trip = await openTrip();
    const booked = await api<BusBooking>('POST', `/api/v1/bus-trips/${trip.id}/bookings`, s.headers);
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    expect(booked.body).toMatchObject({
      status: 'confirmed',
      tripId: trip.id,
      travelRequestId: s.request.id,
    });
    expect(booked.body.boardingCode).toMatch(/^JYB1\./);
    expect(await notificationKinds(s.user.id)).toContain('bus_booking_confirmed');

    const twice = await api<Problem>('POST', `/api/v1/bus-trips/${trip.id}/bookings`, s.headers, {});
    expect(twice.body.code).toBe('already_booked');

    const noRequest = await signedIn(t.app, t.db, 'seeker');
    const nr = await api<Problem>('POST', `/api/v1/bus-trips/${trip.id}/bookings`, noRequest.headers, {});
    expect(nr.body.code).toBe('travel_request_required');

    const elsewhere = await seekerWithRequest({ originRegionCode: '621221', pickupPoint: '成县汽车站' });
    const mismatch = await api<Problem>(
      'POST',
      `/api/v1/bus-trips/${trip.id}/bookings`,
      elsewhere.headers,
      {},
    );
    expect(mismatch.body.code).toBe('trip_route_mismatch');

    const mine = await api<{ items: BusBooking[] }>('GET', '/api/v1/me/bus-bookings', s.headers);
    expect(mine.body.items[0]?.boardingCode).toBe(booked.body.boardingCode);
    const asStaff = await api<BusBooking>('GET', `/api/v1/bus-bookings/${booked.body.id}`, staff.headers);
    expect(asStaff.body.boardingCode).toBeNull();
    expect((await api('GET', `/api/v1/bus-bookings/${booked.body.id}`, noRequest.headers)).status).toBe(404);

    const second = await seekerWithRequest();
    expect((await api('POST', `/api/v1/bus-trips/${trip.id}/bookings`, second.headers, {})).status).toBe(201);
    const shrink = await api<Problem>('PATCH', `/api/v1/bus-trips/${trip.id}`, staff.headers, {
      capacity: 10,
      loadLimitPercent: 10,
    });
    expect(shrink.status).toBe(400);
    expect(fieldCodes(shrink.body)).toEqual([
      'capacity:seats_below_taken',
      'loadLimitPercent:seats_below_taken',
    ]);
    const badBody = await api<Problem>('POST', `/api/v1/bus-trips/${trip.id}/bookings`, s.headers, {
      seat: 3,
    });
    expect(badBody.status).toBe(400);
  });

  it('answers trip_full, keeps a FIFO waitlist and promotes it on cancellation', async () => {
    const trip = await openTrip({ capacity: 10, loadLimitPercent: 10 }); // one seat
    const [a, b, c] = [await seekerWithRequest(), await seekerWithRequest(), await seekerWithRequest()];
    const first = await api<BusBooking>('POST', `/api/v1/bus-trips/${trip.id}/bookings`, a.headers, {});
    expect(first.body.status).toBe('confirmed');
    const full = await api<Problem>('POST', `/api/v1/bus-trips/${trip.id}/bookings`, b.headers, {});
    expect(full.status).toBe(409);
    expect(full.body.code).toBe('trip_full');
    expect(full.body.detail).toContain('waitlist');
    const wb = await api<BusBooking>('POST', `/api/v1/bus-trips/${trip.id}/bookings`, b.headers, {
      waitlist: true,
    });
    const wc = await api<BusBooking>('POST', `/api/v1/bus-trips/${trip.id}/bookings`, c.headers, {
      waitlist: true,
    });
    expect([wb.body.status, wb.body.waitlistPosition, wb.body.boardingCode]).toEqual(['waitlisted', 1, null]);
    expect([wc.body.status, wc.body.waitlistPosition]).toEqual(['waitlisted', 2]);

    // Someone else cannot cancel it; the passenger can.
    expect((await api('DELETE', `/api/v1/bus-bookings/${first.body.id}`, c.headers)).status).toBe(404);
    const cancelled = await api<BusBooking>('DELETE', `/api/v1/bus-bookings/${first.body.id}`, a.headers);
    expect(cancelled.body.status).toBe('cancelled');
    const bNow = await api<BusBooking>('GET', `/api/v1/bus-bookings/${wb.body.id}`, b.headers);
    expect(bNow.body.status).toBe('confirmed');
    expect(bNow.body.boardingCode).toMatch(/^JYB1\./);
    expect(await notificationKinds(b.user.id)).toContain('bus_booking_promoted');
    const cNow = await api<BusBooking>('GET', `/api/v1/bus-bookings/${wc.body.id}`, c.headers);
    expect([cNow.body.status, cNow.body.waitlistPosition]).toEqual(['waitlisted', 1]);
    const tripNow = await api<BusTrip>('GET', `/api/v1/bus-trips/${trip.id}`, staff.headers);
    expect([tripNow.body.seatsTaken, tripNow.body.waitlistCount]).toEqual([1, 1]);
    // A's request is open again.
    const aReq = await api<TravelRequest>('GET', `/api/v1/travel-requests/${a.request.id}`, a.headers);
    expect(aReq.body.status).toBe('open');
    // Staff raise the load limit: the waitlist moves up.
    await api('PATCH', `/api/v1/bus-trips/${trip.id}`, staff.headers, { loadLimitPercent: 20 });
    const cLater = await api<BusBooking>('GET', `/api/v1/bus-bookings/${wc.body.id}`, c.headers);
    expect(cLater.body.status).toBe('confirmed');
  });

  it('refuses overlapping seats for one person and moves a passenger between trips', async () => {
    const t1 = await openTrip({ departAt: at(5, 8), arriveBy: at(5, 18) });
    const t2 = await openTrip({ departAt: at(5, 12), arriveBy: at(5, 22) });
    const t3 = await openTrip({ departAt: at(6, 8), arriveBy: at(6, 18) });
    // A walk-in without a travel request, booked by staff.
    const req = await api<TravelRequest>('POST', '/api/v1/travel-requests', staff.headers, {
      ...requestBody(),
      person: { fullName: '蓝志刚', phone: '17711116666' },
    });
    const personId = req.body.person.id;
    await api('DELETE', `/api/v1/travel-requests/${req.body.id}`, staff.headers);
    const b1 = await api<BusBooking>('POST', `/api/v1/bus-trips/${t1.id}/bookings`, staff.headers, {
      personId,
    });
    expect(b1.status, JSON.stringify(b1.body)).toBe(201);
    const b2 = await api<Problem>('POST', `/api/v1/bus-trips/${t2.id}/bookings`, staff.headers, { personId });
    expect(b2.body.code).toBe('booking_overlap');
    const b3 = await api<BusBooking>('POST', `/api/v1/bus-trips/${t3.id}/bookings`, staff.headers, {
      personId,
    });
    expect(b3.status).toBe(201);
    // Moving b1 onto t3 (already booked there) or t2 (overlaps b3? no: t2 is day 5) — t2 works.
    const dup = await api<Problem>('POST', `/api/v1/bus-bookings/${b1.body.id}/move`, staff.headers, {
      tripId: t3.id,
    });
    expect(dup.body.code).toBe('already_booked');
    const moved = await api<BusBooking>('POST', `/api/v1/bus-bookings/${b1.body.id}/move`, staff.headers, {
      tripId: t2.id,
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body).toMatchObject({ tripId: t2.id, status: 'confirmed' });
    const old = await api<BusBooking>('GET', `/api/v1/bus-bookings/${b1.body.id}`, staff.headers);
    expect([old.body.status, old.body.movedToBookingId]).toEqual(['moved', moved.body.id]);
    const seats = await t.db
      .selectFrom('busTrips')
      .select(['id', 'seatsTaken'])
      .where('id', 'in', [t1.id, t2.id])
      .execute();
    expect(Object.fromEntries(seats.map((s) => [s.id, s.seatsTaken]))).toEqual({ [t1.id]: 0, [t2.id]: 1 });
    // Moving t3's times onto t2's: the database refuses the overlap.
    const clash = await api<Problem>('PATCH', `/api/v1/bus-trips/${t3.id}`, staff.headers, {
      departAt: at(5, 13),
      arriveBy: at(5, 20),
    });
    expect(clash.body.code).toBe('booking_overlap');
    const seekerTry = await seekerWithRequest();
    expect(
      (await api('POST', `/api/v1/bus-bookings/${b3.body.id}/move`, seekerTry.headers, { tripId: t2.id }))
        .status,
    ).toBe(403);
  });
});

describe('manifest, boarding, handover, statistics', () => {
  it('runs a trip from booking to handover with audited reads and record-level access', async () => {
    const trip = await openTrip();
    const ok = await seekerWithRequest({ enterpriseId });
    const feverish = await seekerWithRequest({ enterpriseId });
    const other = await seekerWithRequest({ enterpriseId: otherEnterpriseId });
    const bOk = (await api<BusBooking>('POST', `/api/v1/bus-trips/${trip.id}/bookings`, ok.headers, {})).body;
    const bFever = (
      await api<BusBooking>('POST', `/api/v1/bus-trips/${trip.id}/bookings`, feverish.headers, {})
    ).body;
    const bOther = (await api<BusBooking>('POST', `/api/v1/bus-trips/${trip.id}/bookings`, other.headers, {}))
      .body;

    // Manifest: staff in scope and the escort; a seeker never; the other district not even a 404 leak.
    const m = await api<BusManifest>('GET', `/api/v1/bus-trips/${trip.id}/manifest`, escort.headers);
    expect(m.status).toBe(200);
    expect(m.body.passengers).toHaveLength(3);
    expect(m.body.passengers[0]?.person.phone).toMatch(/^1\d{10}$/);
    expect((await api('GET', `/api/v1/bus-trips/${trip.id}/manifest`, ok.headers)).status).toBe(403);
    expect((await api('GET', `/api/v1/bus-trips/${trip.id}/manifest`, otherStaff.headers)).status).toBe(404);
    const xlsx = await t.app.inject({
      method: 'GET',
      url: `/api/v1/bus-trips/${trip.id}/manifest.xlsx`,
      headers: staff.headers,
    });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const audits = await t.db
      .selectFrom('auditLog')
      .select('action')
      .where('entityId', '=', trip.id)
      .where('action', 'in', ['bus_trip.manifest_read', 'bus_trip.manifest_export'])
      .execute();
    expect(audits.map((a) => a.action).sort()).toEqual([
      'bus_trip.manifest_export',
      'bus_trip.manifest_read',
    ]);

    // Boarding by QR code with a health check.
    const code = bOk.boardingCode ?? '';
    const forged = `${code.slice(0, -4)}AAAA`;
    const bad = await api<Problem>('POST', `/api/v1/bus-trips/${trip.id}/boardings`, escort.headers, {
      code: forged,
      temperatureCelsius: 36.5,
    });
    expect(fieldCodes(bad.body)).toEqual(['code:boarding_code_invalid']);
    const garbage = await api<Problem>('POST', `/api/v1/bus-trips/${trip.id}/boardings`, escort.headers, {
      code: 'hello world!',
      temperatureCelsius: 36.5,
    });
    expect(fieldCodes(garbage.body)).toEqual(['code:boarding_code_invalid']);
    const neither = await api<Problem>('POST', `/api/v1/bus-trips/${trip.id}/boardings`, escort.headers, {
      temperatureCelsius: 36.5,
    });
    expect(fieldCodes(neither.body)).toContain('code:required');
    const seekerScan = await api('POST', `/api/v1/bus-trips/${trip.id}/boardings`, ok.headers, {
      code,
      temperatureCelsius: 36.5,
    });
    expect(seekerScan.status).toBe(403);

    const boarded = await api<BoardingResult>(
      'POST',
      `/api/v1/bus-trips/${trip.id}/boardings`,
      escort.headers,
      { code, temperatureCelsius: 36.6 },
    );
    expect(boarded.status, JSON.stringify(boarded.body)).toBe(200);
    expect(boarded.body).toMatchObject({
      outcome: 'boarded',
      alreadyRecorded: false,
      tripStatus: 'boarding',
    });
    const again = await api<BoardingResult>(
      'POST',
      `/api/v1/bus-trips/${trip.id}/boardings`,
      escort.headers,
      { code, temperatureCelsius: 39 },
    );
    expect(again.body).toMatchObject({ outcome: 'boarded', alreadyRecorded: true });
    const refused = await api<BoardingResult>(
      'POST',
      `/api/v1/bus-trips/${trip.id}/boardings`,
      escort.headers,
      {
        code: bFever.boardingCode,
        temperatureCelsius: 37.8,
        symptoms: ['cough'],
      },
    );
    expect(refused.body).toMatchObject({ outcome: 'refused', refusalReasons: ['fever', 'symptoms'] });
    const fReq = await api<TravelRequest>(
      'GET',
      `/api/v1/travel-requests/${feverish.request.id}`,
      feverish.headers,
    );
    expect(fReq.body.status).toBe('open');
    const manual = await api<BoardingResult>(
      'POST',
      `/api/v1/bus-trips/${trip.id}/boardings`,
      staff.headers,
      { bookingId: bOther.id, temperatureCelsius: 36.2 },
    );
    expect(manual.body.outcome).toBe('boarded');
    // Boarding closed sales.
    const late = await seekerWithRequest();
    expect(
      (await api<Problem>('POST', `/api/v1/bus-trips/${trip.id}/bookings`, late.headers, {})).body.code,
    ).toBe('trip_not_open');

    // Handover before arrival is refused.
    const early = await api<Problem>('POST', `/api/v1/bus-trips/${trip.id}/handovers`, employer.headers, {
      items: [{ bookingId: bOk.id, outcome: 'received' }],
    });
    expect([403, 404, 409]).toContain(early.status);

    const dep = await api<BusTrip>('PATCH', `/api/v1/bus-trips/${trip.id}`, escort.headers, {
      status: 'departed',
    });
    expect(dep.status, JSON.stringify(dep.body)).toBe(200);
    expect(await notificationKinds(ok.user.id)).toContain('bus_trip_departed');
    await api('PATCH', `/api/v1/bus-trips/${trip.id}`, escort.headers, { status: 'arrived' });

    // Each enterprise sees only its own workers; an uninvolved one sees nothing.
    const mine = await api<{ items: { bookingId: string }[] }>(
      'GET',
      `/api/v1/bus-trips/${trip.id}/handovers`,
      employer.headers,
    );
    expect(mine.body.items.map((i) => i.bookingId)).toEqual([bOk.id]);
    const theirs = await api<{ items: { bookingId: string }[] }>(
      'GET',
      `/api/v1/bus-trips/${trip.id}/handovers`,
      otherEmployer.headers,
    );
    expect(theirs.body.items.map((i) => i.bookingId)).toEqual([bOther.id]);
    const stranger = await signedIn(t.app, t.db, 'employer');
    expect((await api('GET', `/api/v1/bus-trips/${trip.id}/handovers`, stranger.headers)).status).toBe(404);
    const wrong = await api<Problem>('POST', `/api/v1/bus-trips/${trip.id}/handovers`, employer.headers, {
      items: [{ bookingId: bOther.id, outcome: 'received' }],
    });
    expect(fieldCodes(wrong.body)).toEqual(['items.0.bookingId:invalid']);
    const noHandover = await api<Problem>('PATCH', `/api/v1/bus-trips/${trip.id}`, staff.headers, {
      status: 'handed_over',
    });
    expect(fieldCodes(noHandover.body)).toContain('status:handover_pending');

    const h1 = await api('POST', `/api/v1/bus-trips/${trip.id}/handovers`, employer.headers, {
      items: [{ bookingId: bOk.id, outcome: 'received' }],
    });
    expect(h1.status).toBe(200);
    const h2 = await api('POST', `/api/v1/bus-trips/${trip.id}/handovers`, otherEmployer.headers, {
      items: [{ bookingId: bOther.id, outcome: 'not_received', note: '未到岗' }],
    });
    expect(h2.status).toBe(200);
    const done = await api<BusTrip>('GET', `/api/v1/bus-trips/${trip.id}`, staff.headers);
    expect(done.body.status).toBe('handed_over');
    const steps = await t.db
      .selectFrom('auditLog')
      .select('action')
      .where('entityId', 'in', [bOk.id, bFever.id, bOther.id])
      .execute();
    expect(new Set(steps.map((s) => s.action))).toEqual(
      new Set(['bus_booking.confirm', 'bus_booking.board', 'bus_booking.refuse', 'bus_booking.handover']),
    );

    // Cost, then statistics.
    const cost = await api<BusTrip>('PATCH', `/api/v1/bus-trips/${trip.id}`, staff.headers, {
      cost: {
        costFen: 800_000,
        payer: 'shared',
        shares: [
          { payerKind: 'bureau', amountFen: 500_000 },
          { payerKind: 'enterprise', enterpriseId, amountFen: 300_000 },
        ],
        invoiceRef: 'FP-2027-001',
      },
    });
    expect(cost.status, JSON.stringify(cost.body)).toBe(200);
    expect(cost.body.cost?.shares.map((s) => s.amountFen)).toEqual([500_000, 300_000]);
    const badCost = await api<Problem>('PATCH', `/api/v1/bus-trips/${trip.id}`, staff.headers, {
      cost: {
        costFen: 800_000,
        payer: 'shared',
        shares: [
          { payerKind: 'bureau', amountFen: 1 },
          { payerKind: 'bureau', amountFen: 2 },
        ],
      },
    });
    expect(fieldCodes(badCost.body)).toContain('cost.shares:cost_shares');
    const stats = await api<{
      workersCarried: number;
      byEnterprise: { enterpriseId: string; received: number }[];
    }>('GET', '/api/v1/bus-trips/stats', staff.headers);
    expect(stats.status).toBe(200);
    expect(stats.body.workersCarried).toBeGreaterThanOrEqual(2);
    expect(
      stats.body.byEnterprise.find((e) => e.enterpriseId === enterpriseId)?.received,
    ).toBeGreaterThanOrEqual(1);
    expect((await api('GET', '/api/v1/bus-trips/stats', ok.headers)).status).toBe(403);

    const { busFactsForEnterprise } = await import('./index.js');
    const facts = await busFactsForEnterprise(t.db, enterpriseId);
    expect(facts.passengers.map((p) => p.bookingId)).toContain(bOk.id);
    expect(facts.costShares.map((c) => c.amountFen)).toEqual([300_000]);
  });

  it('cancelling a trip cancels its bookings and notifies the passengers', async () => {
    const trip = await openTrip({ capacity: 10, loadLimitPercent: 10 });
    const a = await seekerWithRequest();
    const b = await seekerWithRequest();
    await api('POST', `/api/v1/bus-trips/${trip.id}/bookings`, a.headers, {});
    await api('POST', `/api/v1/bus-trips/${trip.id}/bookings`, b.headers, { waitlist: true });
    const r = await api<BusTrip>('PATCH', `/api/v1/bus-trips/${trip.id}`, staff.headers, {
      status: 'cancelled',
      cancelReason: '道路封闭',
    });
    expect(r.body).toMatchObject({ status: 'cancelled', seatsTaken: 0, cancelReason: '道路封闭' });
    expect(await notificationKinds(a.user.id)).toContain('bus_trip_cancelled');
    expect(await notificationKinds(b.user.id)).toContain('bus_trip_cancelled');
    const mine = await api<{ items: BusBooking[] }>('GET', '/api/v1/me/bus-bookings', a.headers);
    expect(mine.body.items[0]).toMatchObject({ status: 'cancelled', cancelReason: 'trip_cancelled' });
    const req = await api<TravelRequest>('GET', `/api/v1/travel-requests/${a.request.id}`, a.headers);
    expect(req.body.status).toBe('open');
  });

  it('cancelling a bus while boarding takes everyone off it and reopens their requests', async () => {
    const trip = await openTrip();
    const a = await seekerWithRequest();
    const booked = (await api<BusBooking>('POST', `/api/v1/bus-trips/${trip.id}/bookings`, a.headers, {}))
      .body;
    const boarded = await api<BoardingResult>(
      'POST',
      `/api/v1/bus-trips/${trip.id}/boardings`,
      escort.headers,
      {
        code: booked.boardingCode,
        temperatureCelsius: 36.4,
      },
    );
    expect(boarded.body.outcome).toBe('boarded');
    const r = await api<BusTrip>('PATCH', `/api/v1/bus-trips/${trip.id}`, staff.headers, {
      status: 'cancelled',
      cancelReason: '车辆故障',
    });
    expect(r.body).toMatchObject({ status: 'cancelled', seatsTaken: 0 });
    const b = await api<BusBooking>('GET', `/api/v1/bus-bookings/${booked.id}`, a.headers);
    expect(b.body).toMatchObject({
      status: 'cancelled',
      handoverStatus: null,
      cancelReason: 'trip_cancelled',
    });
    const req = await api<TravelRequest>('GET', `/api/v1/travel-requests/${a.request.id}`, a.headers);
    expect(req.body.status).toBe('open');
  });
});

describe('demand and planning', () => {
  it('groups demand, proposes buses, confirms them as planned trips and invites the requesters when one opens', async () => {
    const planStaff = await signedIn(t.app, t.db, 'staff', { districtCodes: ['440825'] });
    const people = [];
    for (const origin of ['450206', '450206', '450222', '621221']) {
      people.push(
        await seekerWithRequest({
          originRegionCode: origin,
          destinationDistrictCode: '440825',
          pickupPoint: `${origin}汽车站`,
        }),
      );
    }
    const demand = await api<{ total: number; origins: { originRegionCode: string; count: number }[] }>(
      'GET',
      '/api/v1/bus-trips/demand',
      planStaff.headers,
    );
    expect(demand.status).toBe(200);
    expect(demand.body.total).toBe(4);
    expect(demand.body.origins.map((o) => [o.originRegionCode, o.count])).toEqual([
      ['450206', 2],
      ['450222', 1],
      ['621221', 1],
    ]);
    const body = {
      dateFrom: people[0]?.request.earliestDate,
      dateTo: people[0]?.request.earliestDate,
      capacity: 10,
      loadLimitPercent: 50,
      maxStops: 1,
    };
    const plan = await api<{
      buses: {
        requestIds: string[];
        stops: unknown[];
        departAt: string;
        arriveBy: string;
        originRegionCode: string;
        pickupPoint: string;
        destinationDistrictCode: string;
      }[];
      unplaced: unknown[];
      summary: { placed: number };
    }>('POST', '/api/v1/bus-trips/plan', planStaff.headers, body);
    expect(plan.status, JSON.stringify(plan.body)).toBe(200);
    expect(plan.body.summary.placed).toBe(4);
    expect(plan.body.buses).toHaveLength(3); // one stop per bus: 柳江, 柳城, 成县
    const badPlan = await api<Problem>('POST', '/api/v1/bus-trips/plan', planStaff.headers, {
      ...body,
      dateTo: '2000-01-01',
    });
    expect(fieldCodes(badPlan.body)).toContain('dateTo:date_order');

    const confirmBody = {
      buses: plan.body.buses.map((b) => ({
        originRegionCode: b.originRegionCode,
        pickupPoint: b.pickupPoint,
        destinationDistrictCode: b.destinationDistrictCode,
        departAt: b.departAt,
        arriveBy: b.arriveBy,
        capacity: 10,
        loadLimitPercent: 50,
        requestIds: b.requestIds,
      })),
    };
    const headers = { ...planStaff.headers, 'idempotency-key': 'plan-confirm-test-1' };
    const confirmed = await api<{ trips: BusTrip[] }>(
      'POST',
      '/api/v1/bus-trips/plan/confirm',
      headers,
      confirmBody,
    );
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(201);
    expect(confirmed.body.trips.map((x) => x.status)).toEqual(['planned', 'planned', 'planned']);
    const replay = await api<{ trips: BusTrip[] }>(
      'POST',
      '/api/v1/bus-trips/plan/confirm',
      headers,
      confirmBody,
    );
    expect(replay.body.trips.map((x) => x.id)).toEqual(confirmed.body.trips.map((x) => x.id));
    const twice = await api<Problem>(
      'POST',
      '/api/v1/bus-trips/plan/confirm',
      planStaff.headers,
      confirmBody,
    );
    expect(twice.status).toBe(409);
    expect(fieldCodes(twice.body)[0]).toMatch(/already_planned/);
    // Replanning explains the requests already on a bus.
    const again = await api<{ unplaced: { reason: string }[] }>(
      'POST',
      '/api/v1/bus-trips/plan',
      planStaff.headers,
      body,
    );
    expect(again.body.unplaced.map((u) => u.reason)).toEqual([
      'already_planned',
      'already_planned',
      'already_planned',
      'already_planned',
    ]);

    const first = confirmed.body.trips[0];
    if (!first) throw new Error('no trip');
    const opened = await api<BusTrip>('PATCH', `/api/v1/bus-trips/${first.id}`, planStaff.headers, {
      plate: '粤G88888',
      driverName: '李师傅',
      escortStaffId: escort.user.id,
      status: 'open',
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(200);
    const invited = people.filter((p) => first.plannedRequestIds.includes(p.request.id));
    expect(invited.length).toBeGreaterThan(0);
    for (const p of invited) expect(await notificationKinds(p.user.id)).toContain('bus_trip_open');
  });
});

describe('demo data', () => {
  it('seeds open requests from Liuzhou and Longnan and one open trip the demo seeker can book', async () => {
    const { seedBusDemo } = await import('./index.js');
    const bureau = await signedIn(t.app, t.db, 'staff', {
      districtCodes: [
        '440802',
        '440803',
        '440804',
        '440811',
        '440823',
        '440825',
        '440881',
        '440882',
        '440883',
      ],
    });
    const seeker = await signedIn(t.app, t.db, 'seeker');
    const result = await t.db.transaction().execute((tx) =>
      seedBusDemo(tx, t.deps.keys, new Date(), {
        staffUserId: bureau.user.id,
        escortUserId: escort.user.id,
        seekerUserId: seeker.user.id,
        employerUserId: employer.user.id,
      }),
    );
    expect(result).toEqual({ travelRequests: 9, trips: 1 });
    const demand = await api<{ origins: { prefectureCode: string }[] }>(
      'GET',
      '/api/v1/bus-trips/demand',
      bureau.headers,
    );
    expect(new Set(demand.body.origins.map((o) => o.prefectureCode))).toEqual(new Set(['450200', '621200']));
    const trips = await api<{ items: BusTrip[] }>(
      'GET',
      '/api/v1/bus-trips?forMyRequest=true',
      seeker.headers,
    );
    const trip = trips.body.items.find((x) => x.stops.length === 3 && x.note?.includes('身份证'));
    expect(trip?.seatsForSale).toBe(22);
    const booked = await api<BusBooking>(
      'POST',
      `/api/v1/bus-trips/${trip?.id ?? ''}/bookings`,
      seeker.headers,
    );
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
  });
});
