import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BusBooking, BusTrip } from '@jiuye/shared';
import { buildApp } from '../src/app.js';
import { createDb, type Db } from '../src/db/database.js';
import type { AppDeps } from '../src/platform/context.js';
import { sha256 } from '../src/platform/crypto.js';
import { hashPassword } from '../src/modules/accounts/index.js';
import { call, tripBody, type Headers, type Problem } from '../src/modules/buses/buses.test-support.js';
import { TestClock, testConfig } from './app.js';
import { testDb, workerDatabaseUrl } from './db.js';
import { signedIn, TEST_KEYS, TEST_PASSWORD } from './factories.js';

/*
 * Issue 10, scale-out (docs/scaling.md): two instances of the application on one database, each
 * with its own pool, its own Fastify, its own in-memory state, as two processes behind a load
 * balancer would be. They share only the database and the keys (in production the same
 * JIUYE_ENCRYPTION_KEY / JIUYE_HMAC_KEY or the same key file on every instance).
 */

const SEEKERS = 100;
const SEATS = 20;

type Instance = { app: FastifyInstance; db: Db };
let a: Instance;
let b: Instance;

async function instance(): Promise<Instance> {
  const db = createDb(workerDatabaseUrl(), 15);
  const deps: AppDeps = { config: testConfig(), db, readDb: db, keys: TEST_KEYS, clock: new TestClock() };
  const app = await buildApp(deps);
  await app.ready();
  return { app, db };
}

let staff: Headers;
let escortId: string;
const seekers: { personId: string; requestId: string; headers: Headers }[] = [];

beforeAll(async () => {
  await testDb(); // registers the reference codes for validation
  a = await instance();
  b = await instance();
  const s = await signedIn(a.app, a.db, 'staff', { districtCodes: ['440803'] });
  staff = s.headers;
  escortId = s.user.id;

  // 100 seekers with sessions, persons and open travel requests, inserted in bulk.
  const hash = await hashPassword(TEST_PASSWORD);
  const tag = randomBytes(3).toString('hex');
  const rows = Array.from({ length: SEEKERS }, (_, i) => ({
    userId: randomUUID(),
    personId: randomUUID(),
    requestId: randomUUID(),
    token: randomBytes(32).toString('base64url'),
    phone: `15${String(parseInt(tag, 16) % 1000000).padStart(6, '0')}${String(i).padStart(3, '0')}`,
  }));
  const now = new Date();
  const db = a.db;
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
      personId: r.personId,
      requestId: r.requestId,
      headers: { cookie: `jiuye_sid=${r.token}` },
    });
}, 120_000);

afterAll(async () => {
  await a?.app.close();
  await b?.app.close();
  await a?.db.destroy();
  await b?.db.destroy();
});

let day = 40;
/** An open trip with `seats` seats on sale, made on instance A, on a day of its own. */
async function openTrip(seats: number): Promise<BusTrip> {
  day += 1;
  const base = new Date(Date.now() + day * 86_400_000);
  const r = await call<BusTrip>(a.app, 'POST', '/api/v1/bus-trips', staff, {
    ...tripBody(escortId, { capacity: seats, loadLimitPercent: 100 }),
    departAt: base.toISOString(),
    arriveBy: new Date(base.getTime() + 10 * 3600_000).toISOString(),
    status: 'open',
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}

async function reset(): Promise<void> {
  const ids = seekers.map((s) => s.personId);
  await a.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('busBookings')
      .set({ status: 'cancelled', cancelReason: 'staff' })
      .where('personId', 'in', ids)
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

describe('two instances on one database (stateless application)', () => {
  it('a session made on A works on B; signing out on B ends it on A', async () => {
    const s = await signedIn(a.app, a.db, 'seeker');
    const meA = await call<{ id: string }>(a.app, 'GET', '/api/v1/me', s.headers);
    const meB = await call<{ id: string }>(b.app, 'GET', '/api/v1/me', s.headers);
    expect([meA.status, meB.status]).toEqual([200, 200]);
    expect(meB.body.id).toBe(s.user.id);
    const out = await call(b.app, 'POST', '/api/v1/auth/logout', s.headers);
    expect(out.status).toBe(204);
    const after = await call<Problem>(a.app, 'GET', '/api/v1/me', s.headers);
    expect(after.status).toBe(401);
  });

  it('a staff session with its second factor, completed on A, carries staff permissions on B', async () => {
    // `staff` signed in (password + TOTP) on A; B accepts it for a staff-only write.
    const day0 = new Date(Date.now() + 300 * 86_400_000);
    const r = await call<BusTrip>(b.app, 'POST', '/api/v1/bus-trips', staff, {
      ...tripBody(escortId),
      departAt: day0.toISOString(),
      arriveBy: new Date(day0.getTime() + 10 * 3600_000).toISOString(),
      status: 'open',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  });

  it('an Idempotency-Key used on A replays on B (one booking)', async () => {
    await reset();
    const trip = await openTrip(SEATS);
    const s = seekers[0]!;
    const headers = { ...s.headers, 'idempotency-key': `scale-${trip.id}` };
    const first = await call<BusBooking>(a.app, 'POST', `/api/v1/bus-trips/${trip.id}/bookings`, headers, {});
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const again = await call<BusBooking>(b.app, 'POST', `/api/v1/bus-trips/${trip.id}/bookings`, headers, {});
    expect([again.status, again.body.id, again.headers['idempotent-replayed']]).toEqual([
      201,
      first.body.id,
      'true',
    ]);
    const n = await a.db
      .selectFrom('busBookings')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('tripId', '=', trip.id)
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);
  });

  it(`${SEEKERS} seekers rush ${SEATS} seats, half through each instance: exactly ${SEATS} confirmed (×3)`, async () => {
    for (let round = 0; round < 3; round++) {
      await reset();
      const trip = await openTrip(SEATS);
      const answers = await Promise.all(
        seekers.map((s, i) =>
          call<BusBooking | Problem>(
            (i % 2 === 0 ? a : b).app,
            'POST',
            `/api/v1/bus-trips/${trip.id}/bookings`,
            s.headers,
            {},
          ),
        ),
      );
      const confirmed = answers.filter(
        (x) => x.status === 201 && (x.body as BusBooking).status === 'confirmed',
      );
      const full = answers.filter((x) => x.status === 409 && (x.body as Problem).code === 'trip_full');
      const other = answers.filter((x) => !confirmed.includes(x) && !full.includes(x));
      expect(other.map((x) => `${x.status} ${JSON.stringify(x.body)}`)).toEqual([]);
      expect(confirmed).toHaveLength(SEATS);
      const t = await a.db
        .selectFrom('busTrips')
        .select(['seatsTaken'])
        .where('id', '=', trip.id)
        .executeTakeFirstOrThrow();
      const rows = await a.db
        .selectFrom('busBookings')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('tripId', '=', trip.id)
        .where('status', '=', 'confirmed')
        .executeTakeFirstOrThrow();
      expect([t.seatsTaken, Number(rows.n)]).toEqual([SEATS, SEATS]);
    }
  }, 240_000);
});
