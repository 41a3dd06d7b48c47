import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BusBooking, BusTrip, TravelRequest } from '@jiuye/shared';
import { testApp, type TestApp } from '../../../test/app.js';
import { signedIn } from '../../../test/factories.js';
import { call, requestBody, tripBody, type Headers } from './buses.test-support.js';

/*
 * Round trips of one booking (issue 10): every statement the app sends to PostgreSQL for one
 * POST /bus-trips/{id}/bookings, counted at the driver. A booking at 1,000/s on two cores has no
 * round trip to spare; this test fails when one creeps back in.
 */

let t: TestApp;
let staff: Headers;
let escortId: string;

beforeAll(async () => {
  t = await testApp();
  const s = await signedIn(t.app, t.db, 'staff', { districtCodes: ['440803'] });
  staff = s.headers;
  escortId = s.user.id;
});
afterAll(async () => {
  await t.close();
});

/** Runs `fn`, returning the SQL texts every pg client of this process sent meanwhile. */
async function statementsOf(fn: () => Promise<void>): Promise<string[]> {
  const seen: string[] = [];
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const q = args[0];
    const text = typeof q === 'string' ? q : ((q as { text?: string } | null)?.text ?? '');
    seen.push(text.replace(/\s+/g, ' ').trim().slice(0, 120));
    return original.apply(this, args);
  };
  try {
    await fn();
  } finally {
    proto.query = original;
  }
  return seen;
}

describe('one booking', () => {
  it('costs a bounded number of statements', async () => {
    const trip = await call<BusTrip>(t.app, 'POST', '/api/v1/bus-trips', staff, {
      ...tripBody(escortId),
      status: 'open',
    });
    expect(trip.status).toBe(201);
    const s = await signedIn(t.app, t.db, 'seeker');
    const r = await call<TravelRequest>(t.app, 'POST', '/api/v1/travel-requests', s.headers, requestBody());
    expect(r.status).toBe(201);
    let booked: { status: number; body: BusBooking } | null = null;
    const statements = await statementsOf(async () => {
      booked = await call<BusBooking>(
        t.app,
        'POST',
        `/api/v1/bus-trips/${trip.body.id}/bookings`,
        { ...s.headers, 'idempotency-key': randomUUID() },
        {},
      );
    });
    expect(booked!.status).toBe(201);
    expect(booked!.body.status).toBe('confirmed');
    console.info(`one booking: ${statements.length} statements\n  ${statements.join('\n  ')}`);
    // 20 before issue 10; now: session, idempotency claim, trip, person, request, contact, BEGIN +
    // the person's lock, the booking statement (checks, seat, booking, request, audit row,
    // notification, text message), COMMIT, idempotency answer.
    expect(statements.length).toBeLessThanOrEqual(10);
  });
});
