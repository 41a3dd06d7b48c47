/**
 * Deterministic synthetic data for the benchmark: enterprises (with valid unified social credit
 * codes), published job postings and job seekers with résumés, in Zhanjiang's proportions.
 *
 *   npx tsx bench/generate.ts --postings 1000000 --seekers 1000000 --enterprises 30000
 *
 * (run alone it starts the embedded PostgreSQL under bench/data/, like run.ts). Speed: loaded the way
 * pg_restore loads. The secondary indexes of the bulk tables are dropped (their exact definitions
 * kept in app_settings first) and built again after the load; primary keys, unique constraints and
 * unique indexes stay. The loading sessions run with session_replication_role = replica (no row
 * triggers: neither the foreign-key checks, nor the statistics deltas, nor the consent-ledger
 * mirror); afterwards the foreign keys are checked once per constraint, the consent ledger is
 * filled from the consents as the mirror trigger would have, and the monthly rollups are rebuilt
 * from scratch. Rows go in multi-row `INSERT … SELECT … FROM unnest($1::uuid[], …)` batches
 * straight through pg. The data set counts as complete (app_settings bench_dataset, which --reuse
 * looks for) only once all of that is done. Descriptions are built from template sentences that are
 * segmented once each, and their words are passed as text[] literals to the same tsvector
 * expression postingSearchVector builds, so search behaves as in production; a sample of rows is
 * checked against the server's own postingSearchVector / resumeSearchVector after the load.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { sql } from 'kysely';
import pg from 'pg';
import { creditCodeCheckChar, monthlyFen, NOTICE_VERSION } from '@jiuye/shared';
import { createDb } from '../server/src/db/database.js';
import { hashPassword } from '../server/src/modules/accounts/passwords.js';
import { experienceYears } from '../server/src/modules/resumes/resumes.derive.js';
import {
  postingSearchText,
  postingSearchVector,
  postingWords,
  resumeSearchVector,
  type PostingSearchInput,
} from '../server/src/modules/search/search.index.js';
import { indexWords, tsvectorLiteral } from '../server/src/modules/search/search.text.js';
import { canSkipTriggers, checkForeignKeys, dropSecondaryIndexes, recreateIndexes } from './lib/database.js';
import { COMMON_SENTENCES, FAMILIES, TRADES, type JobFamily } from './lib/jobs.js';
import { createRng, type Rng } from './lib/rng.js';
import {
  BRAND_CHARS,
  GUANGDONG,
  GUANGDONG_OTHER,
  LABOUR_SOURCE_CITIES,
  LABOUR_SOURCE_DISTRICTS,
  NAME_PREFIX,
  NAME_SUFFIX,
  personName,
  phoneFor,
  ZHANJIANG_CITY,
  ZHANJIANG_DISTRICTS,
  ZHANJIANG_WEIGHTS,
} from './lib/zhanjiang.js';

/** Bump when the generated data changes, so `--reuse` regenerates instead of measuring old data. */
export const GENERATOR_VERSION = 2;
/**
 * Whether a posting's benefits and district name feed its search words. postingWords accepts both
 * (optional), but postings.service.ts and the demo data do not pass them yet: the generated rows
 * index what production indexes. Flip both together.
 */
const INDEX_BENEFITS_AND_DISTRICT = false;
/** Every generated account's password (one argon2 hash shared by all, computed once). */
export const BENCH_PASSWORD = 'Bench-Zhanjiang-2020';
/** Consent kinds written for résumé visibility and key-group status. */
export const CONSENT_KINDS = { visibility: 'resume_visibility', keyGroup: 'key_group_status' } as const;

/** Fixed accounts the benchmark signs in with. Seekers are `seekerPhone(i)`. */
export const BENCH_ACCOUNTS = {
  importer: phoneFor('188', 1),
  cityStaff: phoneFor('188', 99),
  districtStaff: (i: number) => phoneFor('188', 100 + i),
} as const;
export const seekerPhone = (i: number) => phoneFor('150', i);
export const employerPhone = (i: number) => phoneFor('139', i);

export type GenerateOptions = {
  postings: number;
  seekers: number;
  enterprises: number;
  seed: number;
  batchSize: number;
  /** Parallel insert connections. */
  jobs: number;
  /** "Today" for the data; published_at spreads over the 90 days before it. */
  now: Date;
  log: (line: string) => void;
};

export type TableStats = { rows: number; seconds: number; rowsPerSecond: number };
export type GenerateResult = {
  options: Omit<GenerateOptions, 'log' | 'now'> & { now: string; generatorVersion: number };
  tables: Record<'enterprises' | 'postings' | 'seekers', TableStats>;
  /** Building the secondary indexes again after the load (absent: loaded with every index in place). */
  indexSeconds?: number;
  /** Checking the foreign keys, filling the consent ledger and rebuilding the rollups after the load. */
  afterLoadSeconds?: number;
  /** VACUUM ANALYZE (merges GIN pending lists, sets the visibility map, refreshes statistics). */
  vacuumSeconds: number;
  totalSeconds: number;
  /** All rows written (users, members, consents included) per second, end to end. */
  totalRowsPerSecond: number;
  /** CPU the generation had and what other processes took meanwhile (set by run.ts). */
  load?: { seconds: number; benchCores: number; otherCores: number } | null;
};

type Occupation = { code: string; nameZh: string; nameEn: string; keywords: string[] };

// ─── PostgreSQL literals ─────────────────────────────────────────────────────────────────────────

/** A text[] literal ('{"a","b"}') for one row's array, cast back with ::text[] in SQL. */
function arrayLiteral(items: readonly string[]): string {
  if (items.length === 0) return '{}';
  return `{${items.map((w) => `"${w.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

const memo = <K, V>(fn: (k: K) => V) => {
  const cache = new Map<K, V>();
  return (k: K): V => {
    let v = cache.get(k);
    if (v === undefined) {
      v = fn(k);
      cache.set(k, v);
    }
    return v;
  };
};

/** Segmented once per distinct text: titles, skills, sentences repeat across a million rows. */
const wordsOf = memo((text: string) => indexWords(text));

/**
 * Words of several texts in order, each word once: what indexWords gives for the texts joined by
 * sentence punctuation (jieba never segments across it), without segmenting every joined text.
 */
function dedupConcat(parts: readonly (readonly string[])[]): string[] {
  const set = new Set<string>();
  for (const p of parts) for (const w of p) set.add(w);
  return [...set];
}

type WeightedWords = ReturnType<typeof postingWords>;
const EMPTY_POSTING: PostingSearchInput = {
  title: '',
  occupationNames: [],
  occupationKeywords: [],
  skills: [],
  enterpriseName: '',
  description: '',
  benefits: [],
  districtName: '',
};

/**
 * The server's own postingWords, applied to one group of fields at a time (each cached), then
 * merged weight by weight: the same word lists, in the same order, as postingWords of the whole
 * posting, as long as each field feeds one weight (checked on samples after the load).
 */
function mergeWords(parts: readonly WeightedWords[]): WeightedWords {
  const first = parts[0];
  if (!first) return [];
  return first.map((g, k) => ({ weight: g.weight, words: parts.flatMap((p) => p[k]?.words ?? []) }));
}

// ─── batched inserts ─────────────────────────────────────────────────────────────────────────────

type Column = { name: string; type: string; expr?: string };

/**
 * `INSERT INTO table (cols) SELECT … FROM unnest($1::t1[], $2::t2[], …) AS u(…)`: one statement per
 * batch, one array parameter per column. `expr` computes the stored value from unnest columns.
 */
function insertSql(table: string, columns: readonly Column[], extra: readonly Column[] = []): string {
  const all = [...columns, ...extra];
  const params = all.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ');
  const names = all.map((c) => c.name).join(', ');
  const target = columns.map((c) => c.name).join(', ');
  const values = columns.map((c) => c.expr ?? `u.${c.name}`).join(', ');
  return `INSERT INTO ${table} (${target}) SELECT ${values} FROM unnest(${params}) AS u(${names})`;
}

class Inserter {
  private inFlight = new Set<Promise<void>>();
  private failed: Error | null = null;
  rows = 0;

  /**
   * `unordered`: the sessions check no foreign keys (session_replication_role = replica), so a
   * table's batch need not wait for the batch it refers to.
   */
  constructor(
    private readonly pool: pg.Pool,
    private readonly jobs: number,
    readonly unordered = false,
  ) {}

  /** Waits for the batches in flight unless foreign keys are not checked while loading. */
  async barrier(): Promise<void> {
    if (!this.unordered) await this.drain();
  }

  /** Time spent waiting for a free slot, and in statements (they overlap when jobs > 1). */
  waitedMs = 0;
  queryMs = 0;

  /** Queues one batch; waits while `jobs` batches are already in flight. */
  async add(text: string, values: unknown[], rows: number): Promise<void> {
    this.check();
    const w0 = performance.now();
    while (this.inFlight.size >= this.jobs) await Promise.race(this.inFlight);
    this.waitedMs += performance.now() - w0;
    const q0 = performance.now();
    this.check();
    const p: Promise<void> = this.pool
      .query(text, values)
      .then(() => {
        this.rows += rows;
        this.queryMs += performance.now() - q0;
      })
      .catch((err: unknown) => {
        this.failed ??= err instanceof Error ? err : new Error(String(err));
      })
      .finally(() => this.inFlight.delete(p));
    this.inFlight.add(p);
  }

  async drain(): Promise<void> {
    await Promise.all(this.inFlight);
    this.check();
  }

  /** A failed batch fails the load at the next call. */
  private check(): void {
    if (this.failed) throw this.failed;
  }
}

/** Column arrays for one batch. */
class Batch<T extends string> {
  readonly cols: Record<T, unknown[]>;
  length = 0;
  constructor(private readonly names: readonly T[]) {
    this.cols = Object.fromEntries(names.map((n) => [n, []])) as unknown as Record<T, unknown[]>;
  }
  push(row: Record<T, unknown>): void {
    for (const n of this.names) this.cols[n].push(row[n]);
    this.length++;
  }
  values(order: readonly string[]): unknown[] {
    return order.map((n) => this.cols[n as T]);
  }
}

// ─── the generator ───────────────────────────────────────────────────────────────────────────────

type EnterpriseRow = {
  id: string;
  name: string;
  districtCode: string;
  trade: (typeof TRADES)[number];
  verified: boolean;
};

const DAY = 86_400_000;
const HEADCOUNTS = [1, 2, 3, 5, 10, 20, 50, 100];
const HEADCOUNT_WEIGHTS = [20, 20, 15, 20, 12, 7, 4, 2];
const isoDate = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (d: Date, n: number) => new Date(d.getTime() + n * DAY);

const CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** 91 (enterprise) + district + a 9-character organisation code from the index + check character. */
function creditCode(districtCode: string, index: number): string {
  let org = '';
  let n = index;
  for (let i = 0; i < 9; i++) {
    org = CODE_CHARS[n % CODE_CHARS.length] + org;
    n = Math.floor(n / CODE_CHARS.length);
  }
  const body = `91${districtCode}${org}`;
  return body + creditCodeCheckChar(body);
}

function zhanjiangDistrict(r: Rng) {
  return r.weighted(ZHANJIANG_DISTRICTS, ZHANJIANG_WEIGHTS);
}

/** Picks the family's occupation a title names (longest keyword found in the title), else its first. */
function occupationForTitle(family: JobFamily, title: string, occ: Map<string, Occupation>): string {
  let best = family.occupations[0] ?? '';
  let bestLen = 0;
  for (const code of family.occupations) {
    const o = occ.get(code);
    if (!o) continue;
    for (const k of [o.nameZh, ...o.keywords]) {
      if (k.length >= 2 && k.length > bestLen && title.includes(k)) {
        best = code;
        bestLen = k.length;
      }
    }
  }
  return best;
}

function roundTo(n: number, step: number): number {
  return Math.max(step, Math.round(n / step) * step);
}

/** Salary in fen for a period, from a family's typical monthly range. */
function salary(r: Rng, f: JobFamily, period: 'month' | 'day' | 'hour'): [number, number] {
  const monthMin = roundTo(r.int(f.monthYuan[0], f.monthYuan[1]), 100);
  const monthMax = roundTo(monthMin * (1.1 + r.next() * 0.5), 100);
  switch (period) {
    case 'month':
      return [monthMin * 100, monthMax * 100];
    case 'day':
      return [roundTo(monthMin / 21.75, 10) * 100, roundTo(monthMax / 21.75, 10) * 100];
    case 'hour':
      return [
        Math.max(2300, roundTo(monthMin / 174, 1) * 100),
        Math.max(2300, roundTo(monthMax / 174, 1) * 100),
      ];
  }
}

export async function generateDataset(url: string, o: GenerateOptions): Promise<GenerateResult> {
  const started = performance.now();
  // Session settings of the loading connections only. synchronous_commit=off cannot corrupt (a
  // crash loses the last batches at most). As a superuser (the bench's own server) the sessions
  // fire no row triggers (session_replication_role = replica): what the foreign-key, statistics
  // and consent-mirror triggers would have done is done in bulk after the load (finishLoad).
  const probe = new pg.Client({ connectionString: url, application_name: 'jiuye-bench-gen' });
  await probe.connect();
  let skipTriggers: boolean;
  try {
    skipTriggers = await canSkipTriggers(probe);
    const existing = await probe.query<{ n: string }>('SELECT count(*) AS n FROM job_postings');
    if (Number(existing.rows[0]?.n ?? 0) > 0) {
      throw new Error('The bench database already holds postings: generate into a fresh database');
    }
    // Complete only when finishLoad() is done: a failed load leaves no marker for --reuse to accept.
    await probe.query("DELETE FROM app_settings WHERE key = 'bench_dataset'");
  } finally {
    await probe.end();
  }
  const pool = loadingPool(url, o.jobs, skipTriggers);
  const db = createDb(url, 1);
  const inserter = new Inserter(pool, o.jobs, skipTriggers);
  const totals = { rows: 0 };
  try {
    o.log(
      skipTriggers
        ? 'Bulk load: secondary indexes dropped and built again after; no row triggers while loading.'
        : 'Bulk load: secondary indexes dropped and built again after (not a superuser: triggers stay on).',
    );
    const dropped = await withClient(pool, (c) => dropSecondaryIndexes(c, BULK_TABLES, PENDING_INDEXES));
    // Reference data the rows point to (and the words the server would index for an occupation).
    const occRows = await pool.query<{ code: string; name_zh: string; name_en: string; keywords: string[] }>(
      'SELECT code, name_zh, name_en, keywords FROM occupations',
    );
    const occ = new Map<string, Occupation>(
      occRows.rows.map((r) => [
        r.code,
        { code: r.code, nameZh: r.name_zh, nameEn: r.name_en, keywords: r.keywords },
      ]),
    );
    for (const f of FAMILIES) {
      for (const code of f.occupations)
        if (!occ.has(code)) throw new Error(`unknown occupation ${code} (${f.key})`);
    }
    const regionCodes = [
      ...ZHANJIANG_DISTRICTS.map((d) => d.code),
      ...GUANGDONG_OTHER.map((d) => d.code),
      ...LABOUR_SOURCE_DISTRICTS,
      ...LABOUR_SOURCE_CITIES,
      ZHANJIANG_CITY,
      GUANGDONG,
    ];
    const known = await pool.query<{ code: string }>('SELECT code FROM regions WHERE code = ANY($1)', [
      regionCodes,
    ]);
    const missing = regionCodes.filter((c) => !known.rows.some((r) => r.code === c));
    if (missing.length > 0) throw new Error(`unknown region codes: ${missing.join(', ')}`);

    o.log('Hashing the shared password (argon2id, once) …');
    const passwordHash = await hashPassword(BENCH_PASSWORD);
    const now = o.now;

    // ── enterprises (+ owner accounts and members) ───────────────────────────────────────────
    let t0 = performance.now();
    const enterprises = await insertEnterprises(inserter, o, passwordHash, totals);
    const tEnterprises = (performance.now() - t0) / 1000;
    o.log(`  enterprises: ${enterprises.length} in ${tEnterprises.toFixed(1)} s`);

    // ── postings ─────────────────────────────────────────────────────────────────────────────
    // ── seekers (+ résumés, consents) in a worker thread, beside the postings ───────────────
    // Their random stream is their own (createRng(seed, 'seekers')) and they refer to no posting or
    // enterprise: generated on a second core, the rows are the same as one after the other.
    t0 = performance.now();
    const seekersJob = seekersInWorker(url, o, passwordHash, occ, skipTriggers);
    // (Settled here so a failure of the postings first does not leave it unhandled.)
    seekersJob.promise.catch(() => undefined);

    // ── postings ─────────────────────────────────────────────────────────────────────────────
    const names = await pool.query<{ code: string; name: string }>('SELECT code, name FROM regions');
    const regionNames = new Map(names.rows.map((x) => [x.code, x.name]));
    let samples: PostingSample[];
    try {
      samples = await insertPostings(inserter, o, enterprises, occ, regionNames, totals);
    } catch (err) {
      await seekersJob.stop();
      throw err;
    }
    const tPostings = (performance.now() - t0) / 1000;
    o.log(
      `    (waited for the database ${(inserter.waitedMs / 1000).toFixed(1)} s, queries ${(inserter.queryMs / 1000).toFixed(1)} s)`,
    );
    inserter.waitedMs = 0;
    inserter.queryMs = 0;
    o.log(
      `  postings: ${o.postings} in ${tPostings.toFixed(1)} s (${Math.round(o.postings / tPostings)} rows/s)`,
    );

    const seekers = await seekersJob.promise;
    const resumeSamples = seekers.samples;
    totals.rows += seekers.rows;
    const tSeekers = seekers.seconds;
    o.log(
      `    (seekers waited for the database ${(seekers.waitedMs / 1000).toFixed(1)} s, queries ${(seekers.queryMs / 1000).toFixed(1)} s)`,
    );
    o.log(`  seekers: ${o.seekers} in ${tSeekers.toFixed(1)} s (${Math.round(o.seekers / tSeekers)} rows/s)`);

    // ── bench accounts (staff per district, the importing employer) ──────────────────────────
    await insertBenchAccounts(pool, passwordHash, now);

    // ── what the load skipped: consent ledger, foreign keys, indexes, rollups ────────────────
    t0 = performance.now();
    if (skipTriggers) {
      o.log('Filling the consent ledger from the consents (as the consents_mirror trigger does) …');
      const n = await pool.query(CONSENT_LEDGER_SQL);
      totals.rows += n.rowCount ?? 0;
    }
    o.log(`Building ${dropped.length} secondary indexes again …`);
    const indexSeconds = await recreateIndexes(url, dropped, PENDING_INDEXES, o.log);
    o.log(`  indexes in ${indexSeconds.toFixed(1)} s`);
    const t2 = performance.now();
    if (skipTriggers) {
      const n = await withClient(pool, (c) => checkForeignKeys(c, BULK_TABLES));
      o.log(`  ${n} foreign keys checked in ${((performance.now() - t2) / 1000).toFixed(1)} s`);
    }
    // The statistics triggers were off: the monthly rollups from scratch (the activity, if
    // generated next, rebuilds them again with its rows).
    await pool.query('SELECT stats_monthly_rebuild()');
    const afterLoadSeconds = (performance.now() - t0) / 1000 - indexSeconds;

    o.log('VACUUM ANALYZE …');
    t0 = performance.now();
    const vac = await pool.connect();
    try {
      await vac.query("SET maintenance_work_mem = '512MB'");
      for (const t of [...BULK_TABLES, 'stats_monthly']) {
        await vac.query(`VACUUM (ANALYZE) ${t}`);
      }
      await vac.query('ANALYZE');
    } finally {
      vac.release();
    }
    const vacuumSeconds = (performance.now() - t0) / 1000;

    await verifySamples(db, pool, samples, resumeSamples);

    const totalSeconds = (performance.now() - started) / 1000;
    const stats = (rows: number, seconds: number): TableStats => ({
      rows,
      seconds: Math.round(seconds * 10) / 10,
      rowsPerSecond: Math.round(rows / seconds),
    });
    const result: GenerateResult = {
      options: {
        postings: o.postings,
        seekers: o.seekers,
        enterprises: o.enterprises,
        seed: o.seed,
        batchSize: o.batchSize,
        jobs: o.jobs,
        now: o.now.toISOString(),
        generatorVersion: GENERATOR_VERSION,
      },
      tables: {
        enterprises: stats(enterprises.length, tEnterprises),
        postings: stats(o.postings, tPostings),
        seekers: stats(o.seekers, tSeekers),
      },
      indexSeconds: Math.round(indexSeconds * 10) / 10,
      afterLoadSeconds: Math.round(afterLoadSeconds * 10) / 10,
      vacuumSeconds: Math.round(vacuumSeconds * 10) / 10,
      totalSeconds: Math.round(totalSeconds * 10) / 10,
      totalRowsPerSecond: Math.round(totals.rows / totalSeconds),
    };
    await pool.query(
      `INSERT INTO app_settings (key, value) VALUES ('bench_dataset', $1)
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
      [JSON.stringify(result)],
    );
    return result;
  } finally {
    await inserter.drain().catch(() => undefined);
    await pool.end();
    await db.destroy();
  }
}

/** The tables the generator fills in bulk. */
const BULK_TABLES = [
  'users',
  'enterprises',
  'enterprise_members',
  'job_postings',
  'consents',
  'consent_records',
  'resumes',
];
/** app_settings key of the secondary indexes dropped for a load and not yet built again. */
const PENDING_INDEXES = 'bench_dropped_indexes';

/** The consents_mirror trigger's rows for every consent, in one statement (as migration 0110's backfill). */
const CONSENT_LEDGER_SQL = `
  INSERT INTO consent_records (subject_user_id, purpose, action, notice_version, channel, legacy_consent_id, at)
  SELECT user_id, purpose, action, notice_version, channel, id, at FROM (
    SELECT c.user_id, consent_purpose_of(c.kind) AS purpose, 'grant' AS action, c.notice_version,
      CASE WHEN c.context->>'channel' IN ('web', 'desk_paper', 'system') THEN c.context->>'channel' ELSE 'web' END
        AS channel, c.id, c.granted_at AS at, 0 AS step
    FROM consents c
    UNION ALL
    SELECT c.user_id, consent_purpose_of(c.kind), 'withdraw', c.notice_version, 'web', c.id, c.withdrawn_at, 1
    FROM consents c WHERE c.withdrawn_at IS NOT NULL
  ) x
  WHERE NOT EXISTS (SELECT 1 FROM consent_records r WHERE r.legacy_consent_id = x.id AND r.action = x.action)
  ORDER BY at, id, step`;

async function withClient<T>(pool: pg.Pool, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const c = await pool.connect();
  try {
    return await fn(c);
  } finally {
    c.release();
  }
}

const USER_COLUMNS: Column[] = [
  { name: 'id', type: 'uuid' },
  { name: 'phone', type: 'text' },
  { name: 'display_name', type: 'text' },
  { name: 'role', type: 'text' },
  { name: 'password_hash', type: 'text' },
  { name: 'created_at', type: 'timestamptz' },
  { name: 'password_changed_at', type: 'timestamptz' },
];

async function insertEnterprises(
  inserter: Inserter,
  o: GenerateOptions,
  passwordHash: string,
  totals: { rows: number },
): Promise<EnterpriseRow[]> {
  const r = createRng(o.seed, 'enterprises');
  const out: EnterpriseRow[] = [];
  const entCols: Column[] = [
    { name: 'id', type: 'uuid' },
    { name: 'name', type: 'text' },
    { name: 'credit_code', type: 'text' },
    { name: 'credit_code_checksum_valid', type: 'boolean' },
    { name: 'industry_code', type: 'text' },
    { name: 'district_code', type: 'text' },
    { name: 'size', type: 'text' },
    { name: 'address', type: 'text' },
    { name: 'contact_name', type: 'text' },
    { name: 'contact_phone', type: 'text' },
    { name: 'status', type: 'text' },
    { name: 'verified_at', type: 'timestamptz' },
    { name: 'owner_user_id', type: 'uuid' },
    { name: 'created_at', type: 'timestamptz' },
    { name: 'updated_at', type: 'timestamptz' },
  ];
  const memberCols: Column[] = [
    { name: 'enterprise_id', type: 'uuid' },
    { name: 'phone', type: 'text' },
    { name: 'role', type: 'text' },
    { name: 'created_at', type: 'timestamptz' },
  ];
  const userSql = insertSql('users', USER_COLUMNS);
  const entSql = insertSql('enterprises', entCols);
  const memberSql = insertSql('enterprise_members', memberCols);
  const tradeWeights = TRADES.map((t) => t.weight);
  const sizes = ['micro', 'small', 'medium', 'large'] as const;
  const SIZE_WEIGHTS = [0.35, 0.4, 0.2, 0.05];
  for (let start = 0; start < o.enterprises; start += o.batchSize) {
    const n = Math.min(o.batchSize, o.enterprises - start);
    const users = new Batch(USER_COLUMNS.map((c) => c.name));
    const ents = new Batch(entCols.map((c) => c.name));
    const members = new Batch(memberCols.map((c) => c.name));
    for (let i = start; i < start + n; i++) {
      const trade = r.weighted(TRADES, tradeWeights);
      const inZhanjiang = r.chance(0.93);
      const zd = zhanjiangDistrict(r);
      const districtCode = inZhanjiang ? zd.code : r.pick(GUANGDONG_OTHER).code;
      const brand = r.pick(BRAND_CHARS) + r.pick(BRAND_CHARS);
      const name = `${r.pick(NAME_PREFIX)}${brand}${trade.word}${r.pick(NAME_SUFFIX)}`;
      const id = r.uuid();
      const ownerId = r.uuid();
      const phone = employerPhone(i);
      const contact = personName(r);
      const created = addDays(o.now, -r.int(90, 1500));
      const verified = r.chance(0.96);
      users.push({
        id: ownerId,
        phone,
        display_name: `${contact}（${name.slice(0, 40)}）`,
        role: 'employer',
        password_hash: passwordHash,
        created_at: created,
        password_changed_at: created,
      });
      ents.push({
        id,
        name,
        credit_code: creditCode(districtCode, i),
        credit_code_checksum_valid: true,
        industry_code: trade.industry,
        district_code: districtCode,
        size: r.weighted(sizes, SIZE_WEIGHTS),
        address: inZhanjiang
          ? `湛江市${zd.name}${r.pick(zd.town)}${r.pick(zd.streets)}${r.int(1, 300)}号`
          : `${GUANGDONG_OTHER.find((g) => g.code === districtCode)?.name ?? ''}工业大道${r.int(1, 300)}号`,
        contact_name: contact,
        contact_phone: phone,
        status: verified ? 'verified' : 'pending',
        verified_at: verified ? addDays(created, 2) : null,
        owner_user_id: ownerId,
        created_at: created,
        updated_at: created,
      });
      members.push({ enterprise_id: id, phone, role: 'owner', created_at: created });
      out.push({ id, name, districtCode, trade, verified });
    }
    // Users before enterprises before members (foreign keys): each waits for the previous.
    await inserter.add(userSql, users.values(USER_COLUMNS.map((c) => c.name)), n);
    await inserter.barrier();
    await inserter.add(entSql, ents.values(entCols.map((c) => c.name)), n);
    await inserter.barrier();
    await inserter.add(memberSql, members.values(memberCols.map((c) => c.name)), n);
    totals.rows += 3 * n;
  }
  await inserter.drain();
  return out;
}

type PostingSample = { id: string; input: PostingSearchInput };

async function insertPostings(
  inserter: Inserter,
  o: GenerateOptions,
  enterprises: EnterpriseRow[],
  occ: Map<string, Occupation>,
  regionNames: Map<string, string>,
  totals: { rows: number },
): Promise<PostingSample[]> {
  const r = createRng(o.seed, 'postings');
  const verified = enterprises.filter((e) => e.verified);
  // A few enterprises post a lot (the steel works, the big seafood processors), most a handful.
  const entWeights = verified.map(() => Math.pow(r.next(), 3) * 20 + 1);
  const familyByKey = new Map(FAMILIES.map((f) => [f.key, f]));
  const cols: Column[] = [
    { name: 'id', type: 'uuid' },
    { name: 'enterprise_id', type: 'uuid' },
    { name: 'title', type: 'text' },
    { name: 'occupation_code', type: 'text' },
    { name: 'description', type: 'text' },
    { name: 'district_code', type: 'text' },
    { name: 'address', type: 'text' },
    { name: 'headcount', type: 'int4' },
    { name: 'salary_min_fen', type: 'int8' },
    { name: 'salary_max_fen', type: 'int8' },
    { name: 'salary_period', type: 'text' },
    { name: 'salary_month_min_fen', type: 'int8' },
    { name: 'salary_month_max_fen', type: 'int8' },
    { name: 'employment_type', type: 'text' },
    { name: 'education_level', type: 'text' },
    { name: 'experience_years', type: 'int2' },
    { name: 'skills', type: 'text', expr: 'u.skills::text[]' },
    { name: 'benefits', type: 'text', expr: 'u.benefits::text[]' },
    { name: 'target_region_codes', type: 'text', expr: 'u.target_region_codes::text[]' },
    { name: 'expires_on', type: 'date' },
    { name: 'status', type: 'text' },
    { name: 'reviewed_at', type: 'timestamptz' },
    { name: 'published_at', type: 'timestamptz' },
    { name: 'created_at', type: 'timestamptz' },
    { name: 'updated_at', type: 'timestamptz' },
    // The tsvector literal postingSearchVector builds (search.index.ts), cast the same way.
    { name: 'search_vector', type: 'text', expr: 'u.search_vector::tsvector' },
    { name: 'search_text', type: 'text' },
  ];
  const text = insertSql('job_postings', cols);
  const order = cols.map((c) => c.name);

  const part = (p: Partial<PostingSearchInput>) => postingWords({ ...EMPTY_POSTING, ...p });
  const titlePart = memo((key: string) => {
    const [title, code] = key.split('\u0000') as [string, string];
    const x = occ.get(code);
    if (!x) throw new Error(`unknown occupation ${code}`);
    return part({ title, occupationNames: [x.nameZh, x.nameEn], occupationKeywords: x.keywords });
  });
  const skillsPart = memo((key: string) => {
    const [skills, benefits] = key.split('\u0000') as [string, string];
    return part({
      skills: skills ? skills.split('\u0001') : [],
      benefits: benefits ? benefits.split('\u0001') : [],
    });
  });
  const enterprisePart = memo((key: string) => {
    const [enterpriseName, districtName] = key.split('\u0000') as [string, string];
    return part({ enterpriseName, districtName });
  });
  // Which weight the description feeds, and its words per sentence.
  const descWeight = part({ description: '焊工' }).findIndex((g) => g.words.length > 0);
  const descriptionPart = (sentences: readonly string[]): WeightedWords =>
    part({}).map((g, k) =>
      k === descWeight ? { weight: g.weight, words: dedupConcat(sentences.map(wordsOf)) } : g,
    );
  const titleOcc = memo((key: string) => {
    const [fk, title] = key.split('\u0000') as [string, string];
    const f = familyByKey.get(fk);
    if (!f) throw new Error(fk);
    return occupationForTitle(f, title, occ);
  });
  const locationSentences = ZHANJIANG_DISTRICTS.flatMap((d) =>
    d.town.map((t) => `工作地点：湛江市${d.name}${t}`),
  );

  const samples: PostingSample[] = [];
  const sampleEvery = Math.max(1, Math.floor(o.postings / 60));
  const periods = ['month', 'day', 'hour'] as const;
  const employment = ['full_time', 'part_time', 'temporary', 'internship'] as const;
  let logged = performance.now();
  const t0 = performance.now();
  // (The inserter also counted the enterprises' rows.)
  const rowsBefore = inserter.rows;
  for (let start = 0; start < o.postings; start += o.batchSize) {
    const n = Math.min(o.batchSize, o.postings - start);
    const b = new Batch(order);
    for (let i = start; i < start + n; i++) {
      const ent = r.weighted(verified, entWeights);
      const family = familyByKey.get(r.pick(ent.trade.families)) ?? FAMILIES[0];
      if (!family) throw new Error('no job families');
      const title = r.pick(family.titles);
      const code = titleOcc(`${family.key}\u0000${title}`);
      const o2 = occ.get(code);
      if (!o2) throw new Error(code);
      const skills = r.sample(family.skills, r.int(1, 4));
      // Description: duties, requirements, conditions, sometimes the place and an English line.
      const sentences = [
        ...r.sample(family.duties, r.int(1, 2)),
        ...r.sample(family.requirements, r.int(1, 3)),
        ...r.sample(COMMON_SENTENCES, r.int(1, 4)),
      ];
      const zhDistrict = ZHANJIANG_DISTRICTS.find((d) => d.code === ent.districtCode);
      let districtCode = ent.districtCode;
      const move = r.next();
      if (move < 0.08) districtCode = zhanjiangDistrict(r).code;
      else if (move < 0.11) districtCode = r.pick(GUANGDONG_OTHER).code;
      if (zhDistrict && r.chance(0.5))
        sentences.push(`工作地点：湛江市${zhDistrict.name}${r.pick(zhDistrict.town)}`);
      else if (r.chance(0.1)) sentences.push(r.pick(locationSentences));
      let description = `${sentences.join('。')}。`;
      const english = r.chance(0.15) ? r.pick(family.english) : null;
      if (english) description += ` ${english}`;
      const period = r.weighted(periods, family.periods);
      const [salaryMin, salaryMax] = salary(r, family, period);
      const published = new Date(o.now.getTime() - Math.pow(r.next(), 1.3) * 90 * DAY);
      const benefits = family.benefits.filter(() => r.chance(0.6));
      const empType = r.weighted(employment, family.employment);
      const d = ZHANJIANG_DISTRICTS.find((x) => x.code === districtCode);
      const occupationNames = [o2.nameZh, o2.nameEn];
      const districtName = INDEX_BENEFITS_AND_DISTRICT ? (regionNames.get(districtCode) ?? '') : '';
      const indexedBenefits = INDEX_BENEFITS_AND_DISTRICT ? benefits : [];
      const words = mergeWords([
        titlePart(`${title}\u0000${code}`),
        skillsPart(`${skills.join('\u0001')}\u0000${indexedBenefits.join('\u0001')}`),
        enterprisePart(`${ent.name}\u0000${districtName}`),
        descriptionPart(english ? [...sentences, english] : sentences),
      ]);
      const input: PostingSearchInput = {
        title,
        occupationNames,
        occupationKeywords: o2.keywords,
        skills,
        enterpriseName: ent.name,
        description,
        ...(INDEX_BENEFITS_AND_DISTRICT ? { benefits, districtName } : {}),
      };
      const id = r.uuid();
      b.push({
        id,
        enterprise_id: ent.id,
        title,
        occupation_code: code,
        description,
        district_code: districtCode,
        address: d ? `湛江市${d.name}${r.pick(d.town)}${r.pick(d.streets)}${r.int(1, 300)}号` : '',
        headcount: r.weighted(HEADCOUNTS, HEADCOUNT_WEIGHTS),
        salary_min_fen: salaryMin,
        salary_max_fen: salaryMax,
        salary_period: period,
        salary_month_min_fen: monthlyFen(salaryMin, period),
        salary_month_max_fen: monthlyFen(salaryMax, period),
        employment_type: empType,
        education_level: r.pick(family.education),
        experience_years: r.chance(0.55) ? 0 : r.int(1, family.maxExperience),
        skills: arrayLiteral(skills),
        benefits: arrayLiteral(benefits),
        target_region_codes: arrayLiteral(
          r.chance(0.2) ? r.sample([...LABOUR_SOURCE_CITIES, ...LABOUR_SOURCE_DISTRICTS], r.int(1, 3)) : [],
        ),
        expires_on: isoDate(addDays(o.now, r.int(7, 90))),
        status: 'published',
        reviewed_at: published,
        published_at: published,
        created_at: new Date(published.getTime() - r.int(1, 72) * 3_600_000),
        updated_at: published,
        search_vector: tsvectorLiteral(words),
        search_text: postingSearchText(input),
      });
      if (i % sampleEvery === 0) samples.push({ id, input });
    }
    await inserter.add(text, b.values(order), n);
    totals.rows += n;
    if (performance.now() - logged > 10_000) {
      logged = performance.now();
      const done = inserter.rows - rowsBefore;
      o.log(`    postings ${done}/${o.postings} (${Math.round(done / ((logged - t0) / 1000))} rows/s)`);
    }
  }
  await inserter.drain();
  return samples;
}

type ResumeSample = {
  userId: string;
  input: { skills: string[]; experienceTitles: string[]; occupationNames: string[]; certificates: string[] };
};

async function insertSeekers(
  inserter: Inserter,
  o: GenerateOptions,
  passwordHash: string,
  occ: Map<string, Occupation>,
  totals: { rows: number },
  now: Date,
): Promise<ResumeSample[]> {
  const r = createRng(o.seed, 'seekers');
  const consentCols: Column[] = [
    { name: 'id', type: 'uuid' },
    { name: 'user_id', type: 'uuid' },
    { name: 'kind', type: 'text' },
    { name: 'notice_version', type: 'text' },
    { name: 'granted_at', type: 'timestamptz' },
  ];
  const resumeCols: Column[] = [
    { name: 'user_id', type: 'uuid' },
    { name: 'full_name', type: 'text' },
    { name: 'birth_date', type: 'date' },
    { name: 'household_region_code', type: 'text' },
    { name: 'education_level', type: 'text' },
    { name: 'skills', type: 'text', expr: 'u.skills::text[]' },
    { name: 'experiences', type: 'text', expr: 'u.experiences::jsonb' },
    { name: 'certificates', type: 'text', expr: 'u.certificates::jsonb' },
    { name: 'desired_occupation_codes', type: 'text', expr: 'u.desired_occupation_codes::text[]' },
    { name: 'desired_district_codes', type: 'text', expr: 'u.desired_district_codes::text[]' },
    { name: 'expected_salary_min_fen', type: 'int8' },
    { name: 'available_from', type: 'date' },
    { name: 'willing_to_relocate', type: 'bool' },
    { name: 'current_region_code', type: 'text' },
    { name: 'experience_years', type: 'int2' },
    { name: 'key_groups', type: 'text', expr: 'u.key_groups::text[]' },
    { name: 'key_group_consent_id', type: 'uuid' },
    { name: 'visible_to_employers', type: 'bool' },
    { name: 'visibility_consent_id', type: 'uuid' },
    // The tsvector literal resumeSearchVector builds (search.index.ts), cast the same way.
    { name: 'search_vector', type: 'text', expr: 'u.search_vector::tsvector' },
    { name: 'created_at', type: 'timestamptz' },
    { name: 'updated_at', type: 'timestamptz' },
  ];
  const userSql = insertSql('users', USER_COLUMNS);
  const consentSql = insertSql('consents', consentCols);
  const resumeSql = insertSql('resumes', resumeCols);
  const userOrder = USER_COLUMNS.map((c) => c.name);
  const consentOrder = consentCols.map((c) => c.name);
  const resumeOrder = resumeCols.map((c) => c.name);
  const famWeights = FAMILIES.map((f) => f.seekerWeight);
  const keyGroups = [
    'migrant_worker',
    'college_graduate',
    'retired_soldier',
    'middle_aged_4050',
    'employment_difficulty',
  ];
  const samples: ResumeSample[] = [];
  const sampleEvery = Math.max(1, Math.floor(o.seekers / 40));
  let logged = performance.now();
  const t0 = performance.now();
  const famOcc = memo((key: string) => {
    const f = FAMILIES.find((x) => x.key === key);
    if (!f) throw new Error(key);
    return f.titles.map((t) => occupationForTitle(f, t, occ));
  });

  for (let start = 0; start < o.seekers; start += o.batchSize) {
    const n = Math.min(o.batchSize, o.seekers - start);
    const users = new Batch(userOrder);
    const consents = new Batch(consentOrder);
    const resumes = new Batch(resumeOrder);
    for (let i = start; i < start + n; i++) {
      const id = r.uuid();
      const name = personName(r);
      const created = new Date(now.getTime() - r.next() * 365 * DAY);
      users.push({
        id,
        phone: seekerPhone(i),
        display_name: name,
        role: 'seeker',
        password_hash: passwordHash,
        created_at: created,
        password_changed_at: created,
      });
      // Most seekers fill in a résumé; the first ones always do (the bench signs in as them).
      if (i >= 100 && r.chance(0.08)) continue;
      const family = r.weighted(FAMILIES, famWeights);
      const second = r.chance(0.3) ? r.weighted(FAMILIES, famWeights) : null;
      const titles = r.sample(family.titles, r.int(1, 2));
      const desired = [
        ...new Set([
          ...titles.map((t) => famOcc(family.key)[family.titles.indexOf(t)] ?? family.occupations[0] ?? ''),
          ...(second ? [r.pick(second.occupations)] : []),
        ]),
      ];
      const local = r.chance(0.78);
      const home = local
        ? r.weighted(ZHANJIANG_DISTRICTS, ZHANJIANG_WEIGHTS).code
        : r.pick(LABOUR_SOURCE_DISTRICTS);
      const shape = r.next();
      const desiredDistricts =
        shape < 0.55
          ? [
              ...new Set([
                local ? home : zhanjiangDistrict(r).code,
                ...(r.chance(0.4) ? [zhanjiangDistrict(r).code] : []),
              ]),
            ]
          : shape < 0.8
            ? [ZHANJIANG_CITY]
            : shape < 0.9
              ? [ZHANJIANG_CITY, GUANGDONG]
              : [zhanjiangDistrict(r).code, r.pick(GUANGDONG_OTHER).code];
      const skills = r.sample(
        [...family.skills, ...(second ? second.skills : [])],
        r.int(1, Math.min(5, family.skills.length)),
      );
      // A career backwards from now: the latest job current or ended a few months ago.
      const experiences: {
        employer: string;
        title: string;
        occupationCode: string;
        from: string;
        to: string | null;
        description: string;
      }[] = [];
      let cursor = now.getUTCFullYear() * 12 + now.getUTCMonth() - (r.chance(0.4) ? 0 : r.int(1, 10));
      const jobs = r.chance(0.3) ? 0 : r.int(1, 3);
      for (let k = 0; k < jobs; k++) {
        const months = r.int(6, 60);
        const ym = (m: number) => `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
        const title = r.pick(family.titles);
        experiences.push({
          employer: `湛江${r.pick(BRAND_CHARS)}${r.pick(BRAND_CHARS)}${r.pick(TRADES).word}有限公司`,
          title,
          occupationCode: famOcc(family.key)[family.titles.indexOf(title)] ?? family.occupations[0] ?? '',
          from: ym(cursor - months),
          to: k === 0 && cursor === now.getUTCFullYear() * 12 + now.getUTCMonth() ? null : ym(cursor),
          description: '',
        });
        cursor -= months + r.int(0, 6);
      }
      const expYears = experienceYears(experiences, now);
      const certificates = r
        .sample(family.certificates, r.int(0, Math.min(2, family.certificates.length)))
        .map((c) => ({ name: c, issuer: '' }));
      const age = r.int(18, 58);
      const birth = new Date(Date.UTC(now.getUTCFullYear() - age, r.int(0, 11), r.int(1, 28)));
      const visible = r.chance(0.35);
      const keyGroup = r.chance(0.12) ? [r.pick(keyGroups)] : [];
      const visibilityConsent = visible ? r.uuid() : null;
      const keyConsent = keyGroup.length > 0 ? r.uuid() : null;
      if (visibilityConsent)
        consents.push({
          id: visibilityConsent,
          user_id: id,
          kind: CONSENT_KINDS.visibility,
          notice_version: NOTICE_VERSION,
          granted_at: created,
        });
      if (keyConsent)
        consents.push({
          id: keyConsent,
          user_id: id,
          kind: CONSENT_KINDS.keyGroup,
          notice_version: NOTICE_VERSION,
          granted_at: created,
        });
      // As resumes.service.ts: names of the desired occupations and of those in the experiences.
      const occupationNames = [...new Set([...desired, ...experiences.map((e) => e.occupationCode)])].flatMap(
        (c) => {
          const x = occ.get(c);
          return x ? [x.nameZh, x.nameEn] : [];
        },
      );
      const experienceTitles = experiences.map((e) => e.title);
      const certNames = certificates.map((c) => c.name);
      // resumeSearchVector's groups (search.index.ts), from cached segmentation.
      const searchVector = tsvectorLiteral([
        { weight: 'A', words: [...occupationNames.flatMap(wordsOf), ...experienceTitles.flatMap(wordsOf)] },
        { weight: 'B', words: [...skills.flatMap(wordsOf), ...certNames.flatMap(wordsOf)] },
      ]);
      const expected = r.chance(0.85)
        ? roundTo(r.int(family.monthYuan[0] - 500, family.monthYuan[1]), 100) * 100
        : null;
      resumes.push({
        user_id: id,
        full_name: name,
        birth_date: isoDate(birth),
        household_region_code: local ? home : r.chance(0.5) ? home : r.pick(LABOUR_SOURCE_DISTRICTS),
        education_level: r.pick(family.education.filter((e) => e !== null).concat(['junior_high'])),
        skills: arrayLiteral(skills),
        experiences: JSON.stringify(experiences),
        certificates: JSON.stringify(certificates),
        desired_occupation_codes: arrayLiteral(desired),
        desired_district_codes: arrayLiteral(desiredDistricts),
        expected_salary_min_fen: expected,
        available_from: r.chance(0.6) ? isoDate(addDays(now, r.int(0, 30))) : null,
        willing_to_relocate: r.chance(local ? 0.25 : 0.7),
        current_region_code: home,
        experience_years: expYears,
        key_groups: arrayLiteral(keyGroup),
        key_group_consent_id: keyConsent,
        visible_to_employers: visible,
        visibility_consent_id: visibilityConsent,
        search_vector: searchVector,
        created_at: created,
        updated_at: created,
      });
      if (i % sampleEvery === 0) {
        samples.push({
          userId: id,
          input: { skills, experienceTitles, occupationNames, certificates: certNames },
        });
      }
    }
    await inserter.add(userSql, users.values(userOrder), n);
    await inserter.barrier();
    if (consents.length > 0) {
      await inserter.add(consentSql, consents.values(consentOrder), consents.length);
      await inserter.barrier();
    }
    await inserter.add(resumeSql, resumes.values(resumeOrder), resumes.length);
    totals.rows += n + consents.length + resumes.length;
    if (performance.now() - logged > 10_000) {
      logged = performance.now();
      o.log(
        `    seekers ${start + n}/${o.seekers} (${Math.round((start + n) / ((logged - t0) / 1000))} rows/s)`,
      );
    }
  }
  await inserter.drain();
  return samples;
}

// ─── the seekers' worker thread ──────────────────────────────────────────────────────────────────

const SEEKERS_WORKER = 'jiuye-bench-generate-seekers';
type SeekersWorkerData = {
  kind: typeof SEEKERS_WORKER;
  url: string;
  o: Omit<GenerateOptions, 'log'>;
  passwordHash: string;
  occ: Map<string, Occupation>;
  skipTriggers: boolean;
};
type SeekersResult = {
  samples: ResumeSample[];
  rows: number;
  seconds: number;
  waitedMs: number;
  queryMs: number;
};
type FromSeekersWorker =
  | { type: 'log'; line: string }
  | { type: 'done'; result: SeekersResult }
  | { type: 'failed'; message: string; stack: string };

/** The loading pool: connection settings shared by the main thread and the seekers' worker. */
function loadingPool(url: string, jobs: number, skipTriggers: boolean): pg.Pool {
  return new pg.Pool({
    connectionString: url,
    max: Math.max(2, jobs),
    application_name: 'jiuye-bench-gen',
    options: `-c synchronous_commit=off -c work_mem=256MB -c maintenance_work_mem=512MB -c jiuye.stats_off=on${
      skipTriggers ? ' -c session_replication_role=replica' : ''
    }`,
  });
}

/** Starts insertSeekers in a worker thread (its own connections); `stop` ends it early. */
function seekersInWorker(
  url: string,
  o: GenerateOptions,
  passwordHash: string,
  occ: Map<string, Occupation>,
  skipTriggers: boolean,
): { promise: Promise<SeekersResult>; stop: () => Promise<void> } {
  const { log, ...opts } = o;
  const data: SeekersWorkerData = { kind: SEEKERS_WORKER, url, o: opts, passwordHash, occ, skipTriggers };
  const entry = import.meta.url;
  // tsx's loader is registered inside the worker (as app-thread.ts does for the app).
  const worker = new Worker(
    `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`,
    {
      eval: true,
      workerData: data,
      execArgv: [],
      // A batch's rows live until it is sent: a larger young generation promotes fewer of them.
      resourceLimits: { maxYoungGenerationSizeMb: 64 },
    },
  );
  const promise = new Promise<SeekersResult>((resolve, reject) => {
    let settled = false;
    worker.on('message', (m: FromSeekersWorker) => {
      if (m.type === 'log') log(m.line);
      else if (m.type === 'done') {
        settled = true;
        resolve(m.result);
        void worker.terminate();
      } else {
        settled = true;
        const err = new Error(`seekers worker: ${m.message}`);
        err.stack = m.stack;
        reject(err);
        void worker.terminate();
      }
    });
    worker.on('error', (e) => {
      settled = true;
      reject(e);
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`seekers worker exited (${code}) before it finished`));
    });
  });
  return {
    promise,
    stop: async () => {
      await worker.terminate();
    },
  };
}

async function seekersWorkerMain(d: SeekersWorkerData): Promise<void> {
  const post = (m: FromSeekersWorker) => parentPort?.postMessage(m);
  const pool = loadingPool(d.url, d.o.jobs, d.skipTriggers);
  try {
    const inserter = new Inserter(pool, d.o.jobs, d.skipTriggers);
    const totals = { rows: 0 };
    const t0 = performance.now();
    const o: GenerateOptions = { ...d.o, log: (line) => post({ type: 'log', line }) };
    const samples = await insertSeekers(inserter, o, d.passwordHash, d.occ, totals, d.o.now);
    post({
      type: 'done',
      result: {
        samples,
        rows: totals.rows,
        seconds: (performance.now() - t0) / 1000,
        waitedMs: inserter.waitedMs,
        queryMs: inserter.queryMs,
      },
    });
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    post({ type: 'failed', message: e.message, stack: e.stack ?? e.message });
  } finally {
    await pool.end().catch(() => undefined);
  }
}

if (!isMainThread && (workerData as { kind?: string } | null)?.kind === SEEKERS_WORKER) {
  void seekersWorkerMain(workerData as SeekersWorkerData);
}

/** Staff of each Zhanjiang district and of the whole city, and the employer who imports. */
async function insertBenchAccounts(pool: pg.Pool, passwordHash: string, now: Date): Promise<void> {
  const add = async (phone: string, name: string, role: string, districts: string[]) => {
    const r = await pool.query<{ id: string }>(
      `INSERT INTO users (phone, display_name, role, password_hash, district_codes, created_at)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [phone, name, role, passwordHash, districts, now],
    );
    const id = r.rows[0]?.id;
    if (!id) throw new Error('no user id');
    return id;
  };
  await add(
    BENCH_ACCOUNTS.cityStaff,
    '市人社局 基准测试',
    'staff',
    ZHANJIANG_DISTRICTS.map((d) => d.code),
  );
  for (const [i, d] of ZHANJIANG_DISTRICTS.entries()) {
    await add(BENCH_ACCOUNTS.districtStaff(i), `${d.name}就业服务中心 基准测试`, 'staff', [d.code]);
  }
  const owner = await add(BENCH_ACCOUNTS.importer, '基准测试 导入专员', 'employer', []);
  const name = '湛江港湾联合人力资源服务有限公司';
  const e = await pool.query<{ id: string }>(
    `INSERT INTO enterprises (name, credit_code, credit_code_checksum_valid, industry_code, district_code, size,
       address, contact_name, contact_phone, status, verified_at, owner_user_id)
     VALUES ($1, $2, true, 'L', '440803', 'medium', '湛江市霞山区人民大道南 1 号', '基准测试', $3, 'verified', $4, $5)
     RETURNING id`,
    [name, creditCode('440803', 31 ** 8), BENCH_ACCOUNTS.importer, now, owner],
  );
  await pool.query(`INSERT INTO enterprise_members (enterprise_id, phone, role) VALUES ($1, $2, 'owner')`, [
    e.rows[0]?.id,
    BENCH_ACCOUNTS.importer,
  ]);
}

/** The stored vectors and trigram text must equal what the server builds for the same posting. */
async function verifySamples(
  db: ReturnType<typeof createDb>,
  pool: pg.Pool,
  postings: PostingSample[],
  resumes: ResumeSample[],
): Promise<void> {
  for (const s of postings) {
    const stored = await pool.query<{ v: string; t: string }>(
      'SELECT search_vector::text AS v, search_text AS t FROM job_postings WHERE id = $1',
      [s.id],
    );
    const expected = await sql<{ v: string }>`SELECT (${postingSearchVector(s.input)})::text AS v`.execute(
      db,
    );
    const row = stored.rows[0];
    if (!row || row.v !== expected.rows[0]?.v || row.t !== postingSearchText(s.input)) {
      throw new Error(
        `Generated posting ${s.id} differs from postingSearchVector/postingSearchText:\n stored ${row?.v}\n server ${expected.rows[0]?.v}`,
      );
    }
  }
  for (const s of resumes) {
    const stored = await pool.query<{ v: string }>(
      'SELECT search_vector::text AS v FROM resumes WHERE user_id = $1',
      [s.userId],
    );
    const expected = await sql<{ v: string }>`SELECT (${resumeSearchVector(s.input)})::text AS v`.execute(db);
    if (stored.rows[0]?.v !== expected.rows[0]?.v) {
      throw new Error(`Generated résumé ${s.userId} differs from resumeSearchVector`);
    }
  }
}

// ─── CLI ─────────────────────────────────────────────────────────────────────────────────────────

export function parseCount(v: string): number {
  const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(v.trim());
  if (!m) throw new Error(`not a count: ${v}`);
  const mult = m[2]?.toLowerCase() === 'm' ? 1_000_000 : m[2]?.toLowerCase() === 'k' ? 1000 : 1;
  return Math.round(Number(m[1]) * mult);
}

async function main(): Promise<void> {
  const { parseArgs } = await import('node:util');
  const { values } = parseArgs({
    options: {
      postings: { type: 'string', default: '20000' },
      seekers: { type: 'string', default: '20000' },
      enterprises: { type: 'string', default: '2000' },
      seed: { type: 'string', default: '20200601' },
      'batch-size': { type: 'string', default: '5000' },
      jobs: { type: 'string', default: '2' },
      database: { type: 'string', default: 'jiuye_bench_custom' },
      'data-dir': { type: 'string', default: new URL('./data/custom', import.meta.url).pathname },
    },
  });
  const { openBenchDatabase } = await import('./lib/database.js');
  const log = (l: string) => console.log(l);
  const bdb = await openBenchDatabase({
    dataDir: values['data-dir'],
    database: values.database,
    fresh: true,
    log,
  });
  try {
    const today = new Date();
    today.setUTCHours(0, 0, 0, 0);
    const res = await generateDataset(bdb.url, {
      postings: parseCount(values.postings),
      seekers: parseCount(values.seekers),
      enterprises: parseCount(values.enterprises),
      seed: Number(values.seed),
      batchSize: parseCount(values['batch-size']),
      jobs: Number(values.jobs),
      now: today,
      log,
    });
    console.log(JSON.stringify(res, null, 2));
  } finally {
    await bdb.stop();
  }
}

if (isMainThread && process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
