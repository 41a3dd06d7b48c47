/**
 * `npm run test:crash` (also run by `npm test`): crash safety of the real server.
 *
 * Spawns the server as `npm start` runs it (the bundle of scripts/build-server.mjs,
 * `node server/dist/main.mjs`, built first) on a fresh database (TEST_DATABASE_URL / DATABASE_URL, else an
 * embedded PostgreSQL in a temporary folder), prepares fixtures (a bus trip with seats, seekers
 * with sessions and résumés, postings, approved policy applications with payee accounts, import
 * workbooks), then fires concurrent seat bookings, job applications, payout batch runs and Excel
 * imports over HTTP and SIGKILLs the server three times — early, midway, late: once 5 %, 30 %,
 * 60 % of the requests are answered, plus a random delay. After each restart it checks that every acknowledged (2xx) write exists exactly once and
 * that the invariants hold (seats taken = confirmed bookings ≤ seats on sale, one pending-or-paid
 * payout per application, imports all-or-nothing per workbook, no application without its consent,
 * no duplicates), that acknowledged answers replay under their Idempotency-Key, and that retrying
 * the unacknowledged requests with the same Idempotency-Key leaves each write exactly once.
 * Finally a SIGTERM must stop the server cleanly (exit 0).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { buildApp } from '../server/src/app.js';
import { loadConfig } from '../server/src/config.js';
import { checkDatabase, createDb, type Db } from '../server/src/db/database.js';
import {
  ensureDatabase,
  freePort,
  startEmbeddedPostgres,
  type EmbeddedServer,
} from '../server/src/db/embedded.js';
import { migrateToLatest } from '../server/src/db/migrate.js';
import type { AppDeps } from '../server/src/platform/context.js';
import { systemClock } from '../server/src/platform/context.js';
import { sha256 } from '../server/src/platform/crypto.js';
import { hashPassword } from '../server/src/modules/accounts/index.js';
import { CITY_DISTRICT_CODES } from '../server/src/modules/enterprises/index.js';
import { COLUMNS } from '../server/src/modules/postings/postings.import.js';
import { addDays, chinaToday } from '../server/src/modules/postings/postings.workflow.js';
import { refreshCodeChecker, loadReferenceData } from '../server/src/modules/reference/index.js';
import { tripBody } from '../server/src/modules/buses/buses.test-support.js';
import { createTestPolicy, insertApplication } from '../server/src/modules/payouts/payouts.test-support.js';
import { insertSession } from '../server/src/platform/auth/session.repository.js';
import { createUser, signedIn, TEST_PASSWORD } from '../server/test/factories.js';
import { createEnterprise, createPosting } from '../server/test/channel-factories.js';

const ROUNDS = 3;
const SEEKERS = 40; // per round: each books a seat and applies for a job
const SEATS = 20; // seats on sale per trip: half the seekers get one
const PAYOUT_APPS = 12; // approved applications per round
const BATCH_RUNS = 6; // concurrent payout batch runs over overlapping sets
const WORKBOOKS = 4; // concurrent imports per round
const ROWS_PER_WORKBOOK = 5;
const SPREAD_MS = 3000; // requests start spread over this window
/**
 * When the SIGKILL lands, per round: once this share of the requests has been answered (plus a
 * random 0–150 ms) — early, midway, late — so it hits work in flight whatever the machine's speed;
 * at the latest after KILL_DEADLINE_MS.
 */
const KILL_AFTER_ANSWERED = [0.05, 0.3, 0.6];
const KILL_DEADLINE_MS = 30_000;
const STALE_SECONDS = 2;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const log = (line: string) => console.log(`[crash] ${line}`);
const failures: string[] = [];
function check(ok: boolean, what: string): void {
  if (!ok) {
    failures.push(what);
    console.error(`[crash] ✖ ${what}`);
  }
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ——— Database and server ———

type Server = { child: ChildProcess; exited: Promise<number | null>; output: () => string };

async function startServer(env: Record<string, string>, port: number): Promise<Server> {
  const t0 = Date.now();
  const child = spawn(process.execPath, ['--enable-source-maps', 'server/dist/main.mjs'], {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start in 90 s:\n${out}`)), 90_000);
    const onData = (c: Buffer) => {
      out += c.toString();
      if (out.includes('is running at')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => reject(new Error(`the server exited (${code}) before listening:\n${out}`)));
  });
  // Warm up (first requests compile routes and open pool connections) so the kill lands mid-work.
  for (let i = 0; i < 5; i++) await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => undefined);
  log(`server up in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return { child, exited, output: () => out };
}

// ——— HTTP ———

type Sent = {
  kind: 'booking' | 'application' | 'batch' | 'import';
  round: number;
  method: string;
  url: string;
  headers: Record<string, string>;
  json?: unknown;
  file?: Buffer;
  /** The booking's person, the application's seeker, the batch's applications, the workbook tag. */
  ref: string;
  refs?: string[];
  status: number | null;
  body: Record<string, unknown> | null;
};

async function send(
  base: string,
  r: Sent,
): Promise<{ status: number | null; body: Record<string, unknown> | null }> {
  try {
    let body: FormData | string | undefined;
    const headers: Record<string, string> = { ...r.headers };
    if (r.file) {
      const form = new FormData();
      form.append('file', new Blob([r.file], { type: XLSX }), 'jobs.xlsx');
      body = form;
    } else if (r.json !== undefined) {
      body = JSON.stringify(r.json);
      headers['content-type'] = 'application/json';
    }
    const res = await fetch(`${base}${r.url}`, {
      method: r.method,
      headers,
      body,
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    let parsed: Record<string, unknown> | null = null;
    try {
      parsed = JSON.parse(text) as Record<string, unknown>;
    } catch {
      parsed = null;
    }
    return { status: res.status, body: parsed };
  } catch {
    return { status: null, body: null }; // connection reset / refused: not acknowledged
  }
}

const acked = (s: { status: number | null }) => s.status !== null && s.status >= 200 && s.status < 300;

// ——— Fixtures ———

type Fixtures = { requests: Sent[] };

async function workbook(tag: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('岗位 Postings');
  ws.addRow(COLUMNS.map((c) => `${c.zh}\n${c.en}`));
  const row: Record<string, unknown> = {
    occupation: '焊工',
    district: '霞山区',
    address: '湛江市霞山区工业大道 88 号',
    headcount: 3,
    salaryMin: 6000,
    salaryMax: 8000,
    salaryPeriod: '按月',
    employmentType: '全职',
    educationLevel: '初中',
    experienceYears: 1,
    skills: '二保焊',
    benefits: '包吃住',
    description: '负责钢结构焊接。',
    expiresOn: new Date(`${addDays(chinaToday(new Date()), 30)}T00:00:00Z`),
    targetRegions: '柳州市',
  };
  for (let i = 0; i < ROWS_PER_WORKBOOK; i++) {
    ws.addRow(COLUMNS.map((c) => (c.key === 'title' ? `${tag}-${i}` : (row[c.key] ?? null))));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Seekers with sessions, open travel requests and résumés, inserted in bulk. */
async function seekers(db: Db, n: number, hash: string, staffId: string) {
  const now = new Date();
  const tag = randomBytes(3).toString('hex');
  const rows = Array.from({ length: n }, (_, i) => ({
    userId: randomUUID(),
    personId: randomUUID(),
    requestId: randomUUID(),
    token: randomBytes(32).toString('base64url'),
    phone: `17${String(parseInt(tag, 16) % 100000).padStart(5, '0')}${String(i).padStart(4, '0')}`,
  }));
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
        consentRecordedBy: staffId,
        createdByKind: 'staff',
        createdBy: staffId,
        createdAt: now,
        updatedAt: now,
      })),
    )
    .execute();
  await db
    .insertInto('resumes')
    .values(
      rows.map((r, i) => ({
        userId: r.userId,
        fullName: `求职者${i}`,
        idNumberEnc: 'v1.test.test.test',
        idNumberHash: randomBytes(16).toString('hex'),
        idNumberMasked: '4408**********0017',
        birthDate: '1990-05-01',
        gender: 'male',
        householdRegionCode: '450222',
        educationLevel: 'secondary_vocational',
        skills: ['二保焊'],
        experiences: JSON.stringify([]),
        certificates: JSON.stringify([]),
        desiredOccupationCodes: ['6-18-02-04'],
        desiredDistrictCodes: ['440803'],
        expectedSalaryMinFen: 600_000,
        availableFrom: null,
        willingToRelocate: false,
        currentRegionCode: '440803',
        experienceYears: 3,
        keyGroupConsentId: null,
        visibilityConsentId: null,
      })),
    )
    .execute();
  return rows.map((r) => ({ ...r, cookie: `jiuye_sid=${r.token}` }));
}

/**
 * A staff member with a session whose second factor is done, written through the session
 * repository (staff sign-in asks for a TOTP code; the crash test is not about sign-in).
 */
async function staffSession(db: Db, districtCodes: string[]) {
  const user = await createUser(db, { role: 'staff', districtCodes });
  const token = randomBytes(32).toString('base64url');
  const now = new Date();
  await insertSession(db, {
    tokenHash: sha256(token),
    userId: user.id,
    idleTimeoutSeconds: 3600,
    expiresAt: new Date(now.getTime() + 3600_000),
    ip: null,
    userAgent: 'crash-test',
    now,
    mfaVerifiedAt: now,
    reauthAt: now,
  });
  const cookie = `jiuye_sid=${token}`;
  return { user, cookie, headers: { cookie } };
}

const key = (kind: string) => `crash-${kind}-${randomBytes(8).toString('hex')}`;

async function prepareRound(
  round: number,
  ctx: { app: Awaited<ReturnType<typeof buildApp>>; db: Db; hash: string; policyCode: string },
  staff: { id: string; cookie: string },
  bureau: { cookie: string },
): Promise<Fixtures> {
  const { app, db } = ctx;
  const requests: Sent[] = [];
  // A trip on a day of its own with SEATS seats on sale.
  const base = new Date(Date.now() + (30 + round) * 86_400_000);
  const trip = await app.inject({
    method: 'POST',
    url: '/api/v1/bus-trips',
    headers: { cookie: staff.cookie },
    payload: {
      ...tripBody(staff.id, { capacity: SEATS * 2, loadLimitPercent: 50 }),
      departAt: base.toISOString(),
      arriveBy: new Date(base.getTime() + 10 * 3600_000).toISOString(),
      status: 'open',
    },
  });
  if (trip.statusCode !== 201) throw new Error(`trip: ${trip.statusCode} ${trip.body}`);
  const tripId = (JSON.parse(trip.body) as { id: string }).id;

  const employer = await signedIn(app, db, 'employer');
  const ent = await createEnterprise(db, { ownerUserId: employer.user.id, ownerPhone: employer.user.phone });
  const postings = await Promise.all([0, 1, 2].map(() => createPosting(db, ent, { headcount: 100 })));

  for (const [i, s] of (await seekers(db, SEEKERS, ctx.hash, staff.id)).entries()) {
    requests.push({
      kind: 'booking',
      round,
      method: 'POST',
      url: `/api/v1/bus-trips/${tripId}/bookings`,
      headers: { cookie: s.cookie, 'idempotency-key': key('book'), 'accept-language': 'en-US' },
      json: {},
      ref: s.personId,
      refs: [tripId],
      status: null,
      body: null,
    });
    const postingId = postings[i % postings.length]!.id;
    requests.push({
      kind: 'application',
      round,
      method: 'POST',
      url: `/api/v1/job-postings/${postingId}/applications`,
      headers: { cookie: s.cookie, 'idempotency-key': key('apply'), 'accept-language': 'en-US' },
      json: { message: `crash round ${round}`, shareResumeConsent: true },
      ref: s.userId,
      refs: [postingId],
      status: null,
      body: null,
    });
  }

  // Approved applications of verified enterprises with a payee account on file.
  const appIds: string[] = [];
  for (let i = 0; i < PAYOUT_APPS; i++) {
    const clerk = await signedIn(app, db, 'employer');
    const e = await createEnterprise(db, { ownerUserId: clerk.user.id, ownerPhone: clerk.user.phone });
    const put = await app.inject({
      method: 'PUT',
      url: '/api/v1/payee-accounts',
      headers: clerk.headers,
      payload: {
        subjectType: 'enterprise',
        subjectId: e.id,
        accountName: e.name,
        bankName: '中国工商银行湛江霞山支行',
        accountNumber: `6222020100001${String(randomInt(100000, 999999))}`,
      },
    });
    if (put.statusCode !== 200) throw new Error(`payee account: ${put.statusCode} ${put.body}`);
    appIds.push(
      await insertApplication(db, {
        policyCode: ctx.policyCode,
        enterpriseId: e.id,
        districtCode: e.districtCode,
      }),
    );
  }
  for (let b = 0; b < BATCH_RUNS; b++) {
    // Overlapping windows of 4: every application is wanted by two runs at once.
    const ids = Array.from({ length: 4 }, (_, j) => appIds[(b * 2 + j) % appIds.length]!);
    requests.push({
      kind: 'batch',
      round,
      method: 'POST',
      url: '/api/v1/payout-batches',
      headers: { cookie: bureau.cookie, 'idempotency-key': key('batch'), 'accept-language': 'en-US' },
      json: { applicationIds: ids },
      ref: `batch-${round}-${b}`,
      refs: ids,
      status: null,
      body: null,
    });
  }

  const importer = await signedIn(app, db, 'employer');
  const importEnt = await createEnterprise(db, {
    ownerUserId: importer.user.id,
    ownerPhone: importer.user.phone,
  });
  for (let w = 0; w < WORKBOOKS; w++) {
    const tag = `CR${round}W${w}${randomBytes(3).toString('hex')}`;
    requests.push({
      kind: 'import',
      round,
      method: 'POST',
      url: `/api/v1/enterprises/${importEnt.id}/job-postings/import`,
      headers: { cookie: importer.cookie, 'accept-language': 'en-US' },
      file: await workbook(tag),
      ref: tag,
      refs: [importEnt.id],
      status: null,
      body: null,
    });
  }
  return { requests };
}

// ——— Checks ———

async function countImported(db: Db, enterpriseId: string, tag: string): Promise<number> {
  const r = await db
    .selectFrom('jobPostings')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('enterpriseId', '=', enterpriseId)
    .where('title', 'like', `${tag}-%`)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The invariants, over everything written so far. */
async function checkInvariants(db: Db, all: Sent[], label: string): Promise<void> {
  const trips = await db.selectFrom('busTrips').select(['id', 'seatsTaken', 'seatsForSale']).execute();
  for (const t of trips) {
    const c = await db
      .selectFrom('busBookings')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('tripId', '=', t.id)
      .where('status', '=', 'confirmed')
      .executeTakeFirstOrThrow();
    check(
      Number(c.n) === t.seatsTaken,
      `${label}: trip ${t.id} seats_taken ${t.seatsTaken} ≠ ${c.n} confirmed`,
    );
    check(
      t.seatsTaken <= t.seatsForSale,
      `${label}: trip ${t.id} oversold ${t.seatsTaken}/${t.seatsForSale}`,
    );
  }
  const dupBookings = await db
    .selectFrom('busBookings')
    .select(['tripId', 'personId', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', 'in', ['confirmed', 'waitlisted'])
    .groupBy(['tripId', 'personId'])
    .having((eb) => eb.fn.countAll(), '>', 1)
    .execute();
  check(dupBookings.length === 0, `${label}: ${dupBookings.length} person(s) booked twice on a trip`);
  const dupApps = await db
    .selectFrom('applications')
    .select(['postingId', 'seekerUserId', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['postingId', 'seekerUserId'])
    .having((eb) => eb.fn.countAll(), '>', 1)
    .execute();
  check(dupApps.length === 0, `${label}: ${dupApps.length} duplicate application(s)`);
  const halfApps = await db
    .selectFrom('applications as a')
    .leftJoin('consents as c', 'c.id', 'a.consentId')
    .select('a.id')
    .where('c.id', 'is', null)
    .execute();
  check(halfApps.length === 0, `${label}: ${halfApps.length} application(s) without their consent`);
  const dupPayouts = await db
    .selectFrom('payouts')
    .select(['applicationId', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', 'in', ['pending', 'paid'])
    .groupBy('applicationId')
    .having((eb) => eb.fn.countAll(), '>', 1)
    .execute();
  check(dupPayouts.length === 0, `${label}: ${dupPayouts.length} application(s) with two payouts`);
  const emptyBatches = await db
    .selectFrom('payoutBatches as b')
    .leftJoin('payouts as p', 'p.batchId', 'b.id')
    .select('b.id')
    .where('p.id', 'is', null)
    .execute();
  check(emptyBatches.length === 0, `${label}: ${emptyBatches.length} payout batch(es) without payouts`);
  for (const r of all.filter((x) => x.kind === 'import')) {
    const n = await countImported(db, r.refs![0]!, r.ref);
    check(
      n === 0 || n === ROWS_PER_WORKBOOK,
      `${label}: workbook ${r.ref} half imported (${n}/${ROWS_PER_WORKBOOK})`,
    );
    if (acked(r)) check(n === ROWS_PER_WORKBOOK, `${label}: acknowledged workbook ${r.ref} has ${n} rows`);
  }
}

/** Every acknowledged write exists exactly once, as answered. */
async function checkAcknowledged(db: Db, rs: Sent[], label: string): Promise<void> {
  for (const r of rs.filter(acked)) {
    const id = typeof r.body?.id === 'string' ? r.body.id : '';
    if (r.kind === 'booking') {
      const rows = await db
        .selectFrom('busBookings')
        .select(['personId', 'tripId'])
        .where('id', '=', id)
        .execute();
      check(rows.length === 1 && rows[0]!.personId === r.ref, `${label}: acknowledged booking ${id} missing`);
    } else if (r.kind === 'application') {
      const rows = await db
        .selectFrom('applications')
        .select(['seekerUserId'])
        .where('id', '=', id)
        .execute();
      check(
        rows.length === 1 && rows[0]!.seekerUserId === r.ref,
        `${label}: acknowledged application ${id} missing`,
      );
    } else if (r.kind === 'batch') {
      const payouts = (r.body?.payouts ?? []) as { id: string; applicationId: string }[];
      const batch = await db.selectFrom('payoutBatches').select('id').where('id', '=', id).execute();
      check(batch.length === 1, `${label}: acknowledged payout batch ${id} missing`);
      const stored = await db
        .selectFrom('payouts')
        .select(['id', 'applicationId'])
        .where('batchId', '=', id)
        .execute();
      check(
        stored.length === payouts.length && payouts.every((p) => stored.some((s) => s.id === p.id)),
        `${label}: payout batch ${id} holds ${stored.length} payouts, answered ${payouts.length}`,
      );
    }
  }
}

/** An acknowledged answer replays under its key after the crash (same id, marked replayed). */
async function checkReplays(baseUrl: string, rs: Sent[], label: string): Promise<number> {
  let n = 0;
  for (const r of rs.filter((x) => acked(x) && x.headers['idempotency-key']).slice(0, 15)) {
    const again = await send(baseUrl, r);
    check(
      again.status === r.status && again.body?.id === r.body?.id,
      `${label}: replay of ${r.kind} ${r.headers['idempotency-key']} answered ${again.status}`,
    );
    n++;
  }
  return n;
}

/**
 * Retries the requests that got no answer, with the same Idempotency-Key. Each must end with its
 * write there exactly once: a 2xx, or the business rule's "already done" when the lost attempt had
 * committed (its answer was lost with the process before it was stored under the key).
 */
async function retryUnacknowledged(db: Db, baseUrl: string, rs: Sent[], label: string) {
  const stats = { retried: 0, succeeded: 0, committedBefore: 0, refused: 0, skipped: 0 };
  const retryOne = async (r: Sent): Promise<void> => {
    if (r.kind === 'import') {
      // No Idempotency-Key on imports: the client looks before importing the same workbook again.
      if ((await countImported(db, r.refs![0]!, r.ref)) === ROWS_PER_WORKBOOK) {
        stats.skipped++;
        return;
      }
    }
    stats.retried++;
    const res = await send(baseUrl, r);
    const code = typeof res.body?.code === 'string' ? res.body.code : '';
    if (acked(res)) {
      stats.succeeded++;
      r.status = res.status;
      r.body = res.body;
    } else if (
      res.status === 409 &&
      ((r.kind === 'booking' && code === 'already_booked') ||
        (r.kind === 'application' && code === 'already_applied'))
    ) {
      // The lost attempt had committed; its answer died with the process before it was stored
      // under the key. The write is there once (checked below), not twice.
      stats.committedBefore++;
    } else if (
      res.status === 409 &&
      ((r.kind === 'booking' && code === 'trip_full') || (r.kind === 'batch' && code === 'conflict'))
    ) {
      // The rules' fair answer: the seats went to others, or every application is in another batch.
      stats.refused++;
    } else {
      check(
        false,
        `${label}: retry of ${r.kind} ${r.headers['idempotency-key'] ?? r.ref} answered ${res.status} ${code}`,
      );
    }
    if (r.kind === 'booking' && (acked(res) || code === 'already_booked')) {
      const n = await db
        .selectFrom('busBookings')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('personId', '=', r.ref)
        .where('tripId', '=', r.refs![0]!)
        .where('status', 'in', ['confirmed', 'waitlisted'])
        .executeTakeFirstOrThrow();
      check(Number(n.n) === 1, `${label}: retried booking for ${r.ref} exists ${n.n} times`);
    }
    if (r.kind === 'application') {
      const n = await db
        .selectFrom('applications')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('seekerUserId', '=', r.ref)
        .where('postingId', '=', r.refs![0]!)
        .executeTakeFirstOrThrow();
      check(Number(n.n) === 1, `${label}: retried application of ${r.ref} exists ${n.n} times`);
    }
    if (r.kind === 'import') {
      check(
        (await countImported(db, r.refs![0]!, r.ref)) === ROWS_PER_WORKBOOK,
        `${label}: retried workbook ${r.ref} not imported exactly once`,
      );
    }
  };
  // Eight clients retrying at once, each request once.
  const queue = rs.filter((x) => x.status === null || x.status >= 500);
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let r = queue.shift(); r; r = queue.shift()) await retryOne(r);
    }),
  );
  return stats;
}

// ——— Main ———

async function main(): Promise<void> {
  // The bundle `npm start` runs: the crash test also proves that it boots and serves.
  execFileSync(process.execPath, ['scripts/build-server.mjs'], { stdio: 'inherit' });
  const started = Date.now();
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'jiuye-crash-'));
  let embedded: EmbeddedServer | null = null;
  let adminUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || '';
  if (!adminUrl) {
    log('No TEST_DATABASE_URL: starting an embedded PostgreSQL');
    embedded = await startEmbeddedPostgres({ dir: path.join(tmp, 'postgres'), database: 'postgres' });
    adminUrl = embedded.adminUrl;
  }
  const dbName = `jiuye_crash_${randomBytes(4).toString('hex')}`;
  const u = new URL(adminUrl);
  u.pathname = `/${dbName}`;
  const url = u.toString();
  await ensureDatabase(adminUrl, dbName);
  const db = createDb(url, 10);
  let server: Server | null = null;
  try {
    await checkDatabase(db);
    await migrateToLatest(db);
    await loadReferenceData(db);
    await refreshCodeChecker(db);
    const keys = { encryption: randomBytes(32), hmac: randomBytes(32) };
    const env: Record<string, string> = {
      DATABASE_URL: url,
      JIUYE_DATA_DIR: path.join(tmp, 'data'),
      JIUYE_DEMO_DATA: 'false',
      JIUYE_ENCRYPTION_KEY: keys.encryption.toString('base64'),
      JIUYE_HMAC_KEY: keys.hmac.toString('base64'),
      JIUYE_IDEMPOTENCY_STALE_SECONDS: String(STALE_SECONDS),
      JIUYE_AUTH_RATE_PER_MINUTE: '100000',
      JIUYE_BOOKING_RATE_PER_MINUTE: '10000000',
      JIUYE_REGISTER_RATE_PER_HOUR: '10000000',
      JIUYE_DB_POOL_SIZE: '20',
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'error',
    };
    // The fixtures go in through an in-process app on the same database and keys.
    const deps: AppDeps = {
      config: loadConfig({
        ...env,
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        JIUYE_DATA_DIR: path.join(tmp, 'inproc'),
      }),
      db,
      keys,
      clock: systemClock,
    };
    const app = await buildApp(deps);
    await app.ready();
    const staff = await staffSession(db, ['440803']);
    const bureau = await staffSession(db, [...CITY_DISTRICT_CODES]);
    const policyCode = await createTestPolicy(app, bureau.headers);
    const hash = await hashPassword(TEST_PASSWORD);

    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    log(`database ${dbName}; starting the server on ${baseUrl}`);
    server = await startServer(env, port);
    const all: Sent[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const fx = await prepareRound(
        round,
        { app, db, hash, policyCode },
        { id: staff.user.id, cookie: staff.cookie },
        { cookie: bureau.cookie },
      );
      all.push(...fx.requests);
      const threshold = Math.ceil(fx.requests.length * KILL_AFTER_ANSWERED[round]!);
      let answered = 0;
      const t0 = Date.now();
      const inFlight = fx.requests.map(async (r) => {
        await sleep(randomInt(0, SPREAD_MS));
        const res = await send(baseUrl, r);
        r.status = res.status;
        r.body = res.body;
        if (res.status !== null) answered++;
      });
      while (answered < threshold && Date.now() - t0 < KILL_DEADLINE_MS) await sleep(5);
      await sleep(randomInt(0, 150));
      const answeredAtKill = answered;
      server.child.kill('SIGKILL');
      await server.exited;
      const killedAfter = Date.now() - t0;
      await Promise.all(inFlight);
      const ack = fx.requests.filter(acked).length;
      const lost = fx.requests.filter((r) => r.status === null || r.status >= 500).length;
      log(
        `round ${round + 1}: SIGKILL after ${killedAfter} ms (${answeredAtKill} answered); ${ack} acknowledged, ${lost} unanswered, ` +
          `${fx.requests.length - ack - lost} refused by the rules (4xx)`,
      );
      server = await startServer(env, port);
      const label = `round ${round + 1}`;
      await checkInvariants(db, all, `${label} after restart`);
      await checkAcknowledged(db, all, `${label} after restart`);
      const replayed = await checkReplays(baseUrl, fx.requests, label);
      await sleep(STALE_SECONDS * 1000 + 500);
      const stats = await retryUnacknowledged(db, baseUrl, fx.requests, label);
      await checkInvariants(db, all, `${label} after retries`);
      await checkAcknowledged(db, all, `${label} after retries`);
      const stuck = await db
        .selectFrom('idempotencyKeys')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('statusCode', 'is', null)
        .where('createdAt', '<', new Date(Date.now() - (STALE_SECONDS + 1) * 1000))
        .where('key', 'like', 'crash-%')
        .executeTakeFirstOrThrow();
      check(
        Number(stuck.n) === 0,
        `${label}: ${stuck.n} Idempotency-Keys still unfinished after the retries`,
      );
      log(
        `${label}: ${replayed} answers replayed; retried ${stats.retried}: ${stats.succeeded} succeeded, ` +
          `${stats.committedBefore} had committed before the crash, ${stats.refused} refused by the rules; ` +
          `${stats.skipped} imports found complete`,
      );
    }
    await app.close();
    // The last server stops gracefully.
    server.child.kill('SIGTERM');
    const code = await server.exited;
    check(code === 0, `graceful stop exited ${code}:\n${server.output().slice(-2000)}`);
    server = null;
  } finally {
    if (server) {
      server.child.kill('SIGKILL');
      await server.exited;
    }
    await db.destroy();
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin
      .query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(dbName)} WITH (FORCE)`)
      .catch(() => undefined);
    await admin.end();
    await embedded?.stop();
    await rm(tmp, { recursive: true, force: true });
  }
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (failures.length > 0) {
    console.error(`\n[crash] ${failures.length} check(s) failed (${secs}s)`);
    process.exit(1);
  }
  log(`all crash checks passed (${ROUNDS} kills, ${secs}s)`);
  process.exit(0);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
