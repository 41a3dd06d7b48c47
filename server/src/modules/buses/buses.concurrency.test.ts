import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BusBooking, BusTrip } from '@jiuye/shared';
import { buildApp } from '../../app.js';
import { createDb, type Db } from '../../db/database.js';
import type { AppDeps } from '../../platform/context.js';
import { sha256 } from '../../platform/crypto.js';
import { TestClock, testConfig } from '../../../test/app.js';
import { testDb, workerDatabaseUrl } from '../../../test/db.js';
import { signedIn, TEST_KEYS, TEST_PASSWORD } from '../../../test/factories.js';
import { hashPassword } from '../accounts/index.js';
import { waitlistPositions } from './buses.repository.js';
import { call, tripBody, type Headers, type Problem } from './buses.test-support.js';

/*
 * Seats under concurrency, on a real PostgreSQL with many connections (no mocks): the conditional
 * UPDATE, the CHECK, the unique indexes and the exclusion constraint must hold whatever the order.
 */

const SEEKERS = 500;
const REPEATS = 20;

let app: FastifyInstance;
let db: Db;
let staff: Headers;
let escortId: string;
const seekers: { userId: string; personId: string; requestId: string; headers: Headers }[] = [];

beforeAll(async () => {
  // Its own pool: the worker's shared pool has 5 connections; contention needs many.
  db = createDb(workerDatabaseUrl(), 30);
  await testDb(); // registers the reference codes for validation
  const deps: AppDeps = {
    config: testConfig(),
    db,
    // The factories' staff carry a TOTP secret sealed with the test keys (issue 9).
    keys: TEST_KEYS,
    clock: new TestClock(),
  };
  app = await buildApp(deps);
  await app.ready();
  const s = await signedIn(app, db, 'staff', { districtCodes: ['440803'] });
  staff = s.headers;
  escortId = s.user.id;

  // 500 seekers cheaply: one password hash, bulk inserts of users, sessions, persons and requests.
  const hash = await hashPassword(TEST_PASSWORD);
  const tag = randomBytes(3).toString('hex');
  const rows = Array.from({ length: SEEKERS }, (_, i) => ({
    userId: randomUUID(),
    personId: randomUUID(),
    requestId: randomUUID(),
    token: randomBytes(32).toString('base64url'),
    phone: `16${String(parseInt(tag, 16) % 100000).padStart(5, '0')}${String(i).padStart(4, '0')}`,
  }));
  const now = new Date();
  await db
    .insertInto('users')
    .values(
      rows.map((r, i) => ({
        id: r.userId,
        phone: r.phone,
        role: 'seeker',
        displayName: `乘客${i}`,
        passwordHash: hash,
      })),
    )
    .execute();
  await db
    .insertInto('sessions')
    .values(
      rows.map((r) => ({
        tokenHash: sha256(r.token),
        userId: r.userId,
        idleTimeoutSeconds: 3600,
        expiresAt: new Date(now.getTime() + 3600_000),
        lastSeenAt: now,
      })),
    )
    .execute();
  await db
    .insertInto('persons')
    .values(rows.map((r, i) => ({ id: r.personId, userId: r.userId, fullName: `乘客${i}`, phone: r.phone })))
    .execute();
  await db
    .insertInto('travelRequests')
    .values(
      rows.map((r) => ({
        id: r.requestId,
        personId: r.personId,
        originRegionCode: '450206',
        originPrefectureCode: '450200',
        pickupPoint: '柳江区拉堡镇汽车站',
        destinationDistrictCode: '440803',
        earliestDate: '2027-03-01',
        contactPhone: r.phone,
        health: JSON.stringify({ symptoms: [], contactWithCase: false, visitedHighRiskArea: false }),
        healthAttention: false,
        consentNoticeVersion: 'test',
        consentAt: now,
        consentRecordedBy: escortId,
        createdByKind: 'staff',
        createdBy: escortId,
        createdAt: now,
        updatedAt: now,
      })),
    )
    .execute();
  for (const r of rows)
    seekers.push({
      userId: r.userId,
      personId: r.personId,
      requestId: r.requestId,
      headers: { cookie: `jiuye_sid=${r.token}` },
    });
}, 120_000);

afterAll(async () => {
  await app.close();
  await db.destroy();
});

let day = 10;
/** An open trip with `seats` seats on sale, on its own day (so bookings on different trips never overlap). */
async function openTrip(seats: number, hours?: { depart: number; arrive: number }): Promise<BusTrip> {
  day += 1;
  const base = new Date(Date.now() + day * 86_400_000);
  const depart = new Date(base.getTime() + (hours?.depart ?? 0) * 3600_000);
  const arrive = new Date(base.getTime() + (hours?.arrive ?? 10) * 3600_000);
  const r = await call<BusTrip>(app, 'POST', '/api/v1/bus-trips', staff, {
    ...tripBody(escortId, {
      capacity: seats < 5 ? 5 : seats,
      loadLimitPercent: seats < 5 ? seats * 20 : 100,
    }),
    departAt: depart.toISOString(),
    arriveBy: arrive.toISOString(),
    status: 'open',
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  expect(r.body.seatsForSale).toBe(seats);
  return r.body;
}

/** Puts every seeker back to "open request, no booking" between rounds. */
async function reset(): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('busBookings')
      .set({ status: 'cancelled', cancelReason: 'staff' })
      .where(
        'personId',
        'in',
        seekers.map((s) => s.personId),
      )
      .where('status', 'in', ['confirmed', 'waitlisted'])
      .execute();
    await tx
      .updateTable('travelRequests')
      .set({ status: 'open' })
      .where(
        'id',
        'in',
        seekers.map((s) => s.requestId),
      )
      .execute();
  });
}

async function seatState(tripId: string) {
  const trip = await db
    .selectFrom('busTrips')
    .select(['seatsTaken', 'seatsForSale'])
    .where('id', '=', tripId)
    .executeTakeFirstOrThrow();
  const counts = await db
    .selectFrom('busBookings')
    .select((eb) => ['status', eb.fn.countAll<number>().as('n')])
    .where('tripId', '=', tripId)
    .groupBy('status')
    .execute();
  const by = Object.fromEntries(counts.map((c) => [c.status, Number(c.n)]));
  return {
    ...trip,
    confirmed: by.confirmed ?? 0,
    waitlisted: by.waitlisted ?? 0,
    total: counts.reduce((a, c) => a + Number(c.n), 0),
  };
}

describe('booking under concurrency', () => {
  it(`${SEEKERS} distinct seekers rush a 45-seat bus: exactly 45 seats, the rest trip_full or waitlisted (×${REPEATS})`, async () => {
    for (let round = 0; round < REPEATS; round++) {
      await reset();
      const trip = await openTrip(45);
      // Every fifth seeker asks for the waitlist when full.
      const answers = await Promise.all(
        seekers.map((s, i) =>
          call<BusBooking | Problem>(
            app,
            'POST',
            `/api/v1/bus-trips/${trip.id}/bookings`,
            s.headers,
            i % 5 === 0 ? { waitlist: true } : {},
          ),
        ),
      );
      const confirmed = answers.filter(
        (a) => a.status === 201 && (a.body as BusBooking).status === 'confirmed',
      );
      const waitlisted = answers.filter(
        (a) => a.status === 201 && (a.body as BusBooking).status === 'waitlisted',
      );
      const full = answers.filter((a) => a.status === 409 && (a.body as Problem).code === 'trip_full');
      const other = answers.filter(
        (a) => !confirmed.includes(a) && !waitlisted.includes(a) && !full.includes(a),
      );
      expect(other.map((a) => `${a.status} ${JSON.stringify(a.body)}`)).toEqual([]);
      expect(confirmed).toHaveLength(45);
      expect(confirmed.length + waitlisted.length + full.length).toBe(SEEKERS);
      // Only those who asked are on the waitlist; those who did not got trip_full.
      const askedWaitlist = new Set(seekers.filter((_, i) => i % 5 === 0).map((s) => s.personId));
      expect(waitlisted.every((a) => askedWaitlist.has((a.body as BusBooking).personId))).toBe(true);
      expect(
        waitlisted.length +
          confirmed.filter((a) => askedWaitlist.has((a.body as BusBooking).personId)).length,
      ).toBe(askedWaitlist.size);
      const state = await seatState(trip.id);
      expect(state).toMatchObject({
        seatsTaken: 45,
        seatsForSale: 45,
        confirmed: 45,
        waitlisted: waitlisted.length,
      });
      // Once the rush is over the waitlist reads 1..n in line order (answers given mid-rush are snapshots).
      const ids = waitlisted.map((a) => (a.body as BusBooking).id);
      const positions = [...(await waitlistPositions(db, ids)).values()].sort((x, y) => x - y);
      expect(positions).toEqual(ids.map((_, i) => i + 1));
    }
  }, 300_000);

  it(`20 concurrent requests by one seeker with one Idempotency-Key make one booking (×${REPEATS})`, async () => {
    for (let round = 0; round < REPEATS; round++) {
      await reset();
      const trip = await openTrip(45);
      const s = seekers[round] ?? seekers[0];
      if (!s) throw new Error('no seeker');
      const headers = { ...s.headers, 'idempotency-key': `book-${trip.id}` };
      const answers = await Promise.all(
        Array.from({ length: 20 }, () =>
          call<BusBooking | Problem>(app, 'POST', `/api/v1/bus-trips/${trip.id}/bookings`, headers, {}),
        ),
      );
      const created = answers.filter((a) => a.status === 201);
      expect(created.length).toBeGreaterThanOrEqual(1);
      expect(new Set(created.map((a) => (a.body as BusBooking).id)).size).toBe(1);
      for (const a of answers.filter((x) => x.status !== 201))
        expect((a.body as Problem).code).toBe('idempotency_in_progress');
      const state = await seatState(trip.id);
      expect(state).toMatchObject({ seatsTaken: 1, confirmed: 1, total: 1 });
      // A later retry with the same key replays the same booking.
      const replay = await call<BusBooking>(
        app,
        'POST',
        `/api/v1/bus-trips/${trip.id}/bookings`,
        headers,
        {},
      );
      expect([replay.status, replay.body.id, replay.headers['idempotent-replayed']]).toEqual([
        201,
        (created[0]?.body as BusBooking).id,
        'true',
      ]);
    }
  }, 120_000);

  it('concurrent cancellations and bookings never exceed the seats; the waitlist fills freed seats (×5)', async () => {
    for (let round = 0; round < 5; round++) {
      await reset();
      const trip = await openTrip(10);
      const holders = seekers.slice(0, 10);
      const waiting = seekers.slice(10, 30);
      const late = seekers.slice(30, 60);
      const held: BusBooking[] = [];
      for (const s of holders)
        held.push(
          (await call<BusBooking>(app, 'POST', `/api/v1/bus-trips/${trip.id}/bookings`, s.headers, {})).body,
        );
      for (const s of waiting)
        await call(app, 'POST', `/api/v1/bus-trips/${trip.id}/bookings`, s.headers, { waitlist: true });
      // Six passengers cancel while thirty others try to book (half of them asking for the waitlist).
      const answers = await Promise.all([
        ...held
          .slice(0, 6)
          .map((b, i) => call(app, 'DELETE', `/api/v1/bus-bookings/${b.id}`, holders[i]?.headers ?? {})),
        ...late.map((s, i) =>
          call(
            app,
            'POST',
            `/api/v1/bus-trips/${trip.id}/bookings`,
            s.headers,
            i % 2 ? { waitlist: true } : {},
          ),
        ),
      ]);
      expect(answers.every((a) => a.status < 500)).toBe(true);
      const state = await seatState(trip.id);
      expect(state.seatsTaken).toBe(state.confirmed);
      expect(state.seatsTaken).toBeLessThanOrEqual(10);
      // 20 were waiting before anyone cancelled: the freed seats all went to the waitlist.
      expect(state.confirmed).toBe(10);
      const promoted = await db
        .selectFrom('busBookings')
        .select('personId')
        .where('tripId', '=', trip.id)
        .where('status', '=', 'confirmed')
        .execute();
      const firstSix = waiting.slice(0, 6).map((s) => s.personId);
      // FIFO: the first six in line got the six freed seats.
      expect(
        promoted
          .map((p) => p.personId)
          .filter((p) => firstSix.includes(p))
          .sort(),
      ).toEqual([...firstSix].sort());
    }
  }, 120_000);

  it('one person booked onto overlapping buses concurrently holds exactly one seat (×5)', async () => {
    for (let round = 0; round < 5; round++) {
      // A walk-in without a travel request: only the exclusion constraint stands between the bookings.
      const personId = randomUUID();
      await db
        .insertInto('persons')
        .values({ id: personId, fullName: '韦国庆', phone: '17700000101' })
        .execute();
      day += 1;
      const base = Date.now() + day * 86_400_000;
      const trips: BusTrip[] = [];
      for (let i = 0; i < 8; i++) {
        const r = await call<BusTrip>(app, 'POST', '/api/v1/bus-trips', staff, {
          ...tripBody(escortId),
          departAt: new Date(base + i * 3600_000).toISOString(),
          arriveBy: new Date(base + (i + 10) * 3600_000).toISOString(),
          status: 'open',
        });
        trips.push(r.body);
      }
      const answers = await Promise.all(
        trips.map((tr) =>
          call<BusBooking | Problem>(app, 'POST', `/api/v1/bus-trips/${tr.id}/bookings`, staff, { personId }),
        ),
      );
      expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
      for (const a of answers.filter((x) => x.status !== 201))
        expect((a.body as Problem).code).toBe('booking_overlap');
      const rows = await db
        .selectFrom('busBookings')
        .select(sql<number>`count(*)`.as('n'))
        .where('personId', '=', personId)
        .where('status', '=', 'confirmed')
        .executeTakeFirstOrThrow();
      expect(Number(rows.n)).toBe(1);
      const taken = await db
        .selectFrom('busTrips')
        .select(sql<number>`sum(seats_taken)`.as('n'))
        .where(
          'id',
          'in',
          trips.map((tr) => tr.id),
        )
        .executeTakeFirstOrThrow();
      expect(Number(taken.n)).toBe(1);
    }
  }, 60_000);
});
