import type { GenerateResult } from '../generate.js';
import type { ActivityResult } from './activity.js';
import type { ProfileEntry } from './app-worker.js';
import type { LoadSample, Machine } from './machine.js';
import {
  renderBookingTables,
  type BookingRun,
  type ScenarioKey,
  type ScenarioSummary,
} from './booking-report.js';
import type { Percentiles, ThroughputResult } from './measure.js';

export type Figure = {
  key: string;
  label: string;
  status: 'measured' | 'not_available' | 'failed';
  note?: string;
  /** Concurrency 1: the median over passes of each pass's percentiles. */
  latency?: Percentiles;
  throughput?: ThroughputResult;
  floor?: { latency: Percentiles; requestsPerSecond: number; rowsPerSecond?: number };
  non2xx?: number;
  target?: { p95: number; source: string };
  met?: boolean;
  rowsPerSecond?: number;
  load?: LoadSample | null;
  /** A CPU profile of the app's thread over one pass, where the app adds much to its SQL. */
  profile?: { requests: number; busyMs: number; file: string; top: ProfileEntry[] };
  /** Set on a figure kept from an earlier run (a later run measured other sections only). */
  run?: { startedAt: string; command: string };
  /** The bare Fastify route's req/s measured in this figure's own run: a figure kept from an
   * earlier run is compared with the floor of that run, never with a later run's. */
  bareRequestsPerSecond?: number;
  /** The SQL sent, grouped: by one workbook (the import), or by `requests` requests (a missed target). */
  sql?: {
    statements: number;
    totalMs: number;
    top: { sql: string; count: number; ms: number }[];
    requests?: number;
  };
  /** Bus booking: confirmed bookings per second (median of the `seats` runs). */
  bookingsPerSecond?: number;
  booking?: {
    scenarios: Record<ScenarioKey, ScenarioSummary>;
    runs: BookingRun[];
    zeroOverbooking: boolean;
    floorSeekers: number;
  };
  /** The server's resident memory, started as its own process under a mixed load. */
  memory?: {
    peakRssMb: number;
    hwmMb: number;
    idleRssMb: number;
    seconds: number;
    samples: number;
    requests: Record<string, number>;
    statuses: Record<string, number>;
    command: string;
  };
};

export type Plan = {
  figure: string;
  request: string;
  requestP95: number;
  statementMs: number;
  sql: string;
  params: string;
  plan: string;
  reason: string;
};

export type SearchQueryResult = {
  label: string;
  path: string;
  status: number;
  total: number | null;
  fuzzy: boolean | null;
  p50: number;
  p95: number;
  floorP50: number;
  statements: number;
  slowestSqlMs: number;
};

export type RunResult = {
  version: 1;
  scale: string;
  command: string;
  note: string | null;
  startedAt: string;
  finishedAt: string;
  durationSeconds: number;
  machine: Machine;
  loadAverageAtStart: number;
  dataset: {
    publishedPostings: number;
    seekers: number;
    resumes: number;
    visibleResumes: number;
    enterprises: number;
    databaseSizeMb: number;
    reused: boolean;
    generation: GenerateResult;
    /** Applications, hires and registrations for the dashboards (bench/lib/activity.ts). */
    activity?: ActivityResult | null;
    /** Indexes that changed in the migrations after the data set was generated, synced before measuring. */
    indexesSynced?: { created: string[]; dropped: string[] };
  };
  settings: {
    passes: number;
    iterations: number;
    connections: number;
    duration: number;
    shortDuration: number;
    appPoolSize: number;
    bookingConnections?: number;
    memorySeconds?: number;
  };
  targets: {
    searchP95: number;
    recommendationsP95: number;
    dashboardP95?: number;
    atRows: number;
    /** Issue 10's (absent from older runs, whose targets were issue 3's and 8's). */
    issue?: number;
    candidatesP95?: number;
    detailShareOfBare?: number;
    importRowsPerSecond?: number;
    bookingsPerSecond?: number;
    serverRssMb?: number;
    atScale?: { postings: number; seekers: number };
  };
  figures: Figure[];
  searchQueries: SearchQueryResult[];
  plans: Plan[];
};

const n0 = (n: number | undefined) =>
  n === undefined || !Number.isFinite(n) ? '–' : Math.round(n).toLocaleString('en-US');
const ms = (n: number | undefined) =>
  n === undefined || !Number.isFinite(n)
    ? '–'
    : n < 10
      ? n.toFixed(2)
      : n < 100
        ? n.toFixed(1)
        : Math.round(n).toString();
const when = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

/** "Other load" over the measured phases: the mean and the busiest phase. */
function otherLoad(r: RunResult): { mean: number; max: number; maxPhase: string } | null {
  const samples = r.figures.flatMap((f) => (f.load ? [{ label: f.label, ...f.load }] : []));
  if (samples.length === 0) return null;
  const seconds = samples.reduce((a, s) => a + s.seconds, 0);
  const mean = samples.reduce((a, s) => a + s.otherCores * s.seconds, 0) / (seconds || 1);
  const top = [...samples].sort((a, b) => b.otherCores - a.otherCores)[0];
  return { mean: Math.round(mean * 100) / 100, max: top?.otherCores ?? 0, maxPhase: top?.label ?? '' };
}

function scaleTitle(r: RunResult): string {
  const d = r.dataset;
  return `Scale \`${r.scale}\`: ${n0(d.publishedPostings)} published postings, ${n0(d.seekers)} seekers`;
}

type TargetRow = {
  target: string;
  measured: string;
  floors: string;
  result: string;
  why: string;
  missed: boolean;
  unmeasured: boolean;
};

/** Issue 10's targets, each against the figure that measures it (and its floors), met or missed. */
function issue10Targets(r: RunResult, atTarget: boolean): TargetRow[] {
  const t = r.targets;
  const fig = (key: string) => r.figures.find((f) => f.key === key);
  const bare = fig('bare_fastify');
  const bareRps = bare?.throughput?.requestsPerSecond;
  const bareOf = (f: Figure | undefined) => f?.bareRequestsPerSecond ?? bareRps;
  const mark = (f: Figure | undefined) => (f?.run ? ' †' : '');
  const verdict = (met: boolean | undefined) =>
    met === undefined
      ? 'not measured'
      : met
        ? `met${atTarget ? '' : ' (indicative)'}`
        : `**missed**${atTarget ? '' : ' (indicative)'}`;
  const why = (f: Figure | undefined, met: boolean | undefined, perSecond = false): string => {
    if (met !== false || !f) return '';
    const parts: string[] = [];
    const appMs = f.latency?.p50;
    const sqlMs = f.floor?.latency.p50;
    const appRps = f.bookingsPerSecond ?? f.throughput?.requestsPerSecond;
    const sqlRps = f.floor?.requestsPerSecond;
    if (perSecond && appRps !== undefined && sqlRps !== undefined && sqlRps > 0)
      parts.push(
        appRps < sqlRps / 1.5
          ? `the app: its SQL alone runs ${n0(sqlRps)}/s, the app ${n0(appRps)}/s`
          : `the database: its SQL alone runs ${n0(sqlRps)}/s, the app ${n0(appRps)}/s`,
      );
    else if (appMs !== undefined && sqlMs !== undefined && Number.isFinite(appMs) && Number.isFinite(sqlMs))
      parts.push(
        sqlMs >= appMs
          ? `the database: its SQL alone takes ${ms(sqlMs)} ms at p50 (the app ${ms(appMs)} ms)`
          : appMs - sqlMs > sqlMs
            ? `the app: ${ms(appMs - sqlMs)} of ${ms(appMs)} ms at p50 is beside its SQL`
            : `the database: its SQL alone takes ${ms(sqlMs)} of ${ms(appMs)} ms at p50`,
      );
    if (f.profile) parts.push('CPU profile below');
    if (f.sql) parts.push('costliest statements below');
    if (r.plans.some((p) => p.figure === f.label)) parts.push('query plans below');
    return parts.join('; ');
  };
  const floors = (f: Figure | undefined, perSecond = 'req/s') => {
    if (!f || f.status !== 'measured') return '–';
    const sql = f.floor
      ? `SQL p50 ${ms(f.floor.latency.p50)} ms, ${n0(f.floor.requestsPerSecond)} ${perSecond}`
      : 'SQL –';
    const rps = f.bookingsPerSecond ?? f.throughput?.requestsPerSecond;
    const fBare = bareOf(f);
    const ofBare =
      rps !== undefined && fBare
        ? ` · bare Fastify ${n0(fBare)} req/s (${Math.round((rps / fBare) * 100)} %)`
        : '';
    return `${sql}${ofBare}`;
  };
  const rows: TargetRow[] = [];
  const p95Row = (label: string, key: string, limit: number | undefined) => {
    if (limit === undefined) return;
    const f = fig(key);
    const measured = f?.status === 'measured' && f.latency;
    const met = measured ? (f.latency?.p95 ?? Infinity) <= limit : undefined;
    rows.push({
      target: `${label}${mark(f)}: p95 ≤ ${limit} ms`,
      measured: measured
        ? `p95 ${ms(f.latency?.p95)} ms (p50 ${ms(f.latency?.p50)}; ${n0(f.throughput?.requestsPerSecond)} req/s at ${f.throughput?.connections ?? '?'})`
        : (f?.status ?? 'not run'),
      floors: floors(f),
      result: verdict(met),
      why: why(f, met),
      missed: met === false,
      unmeasured: met === undefined,
    });
  };
  p95Row('Search', 'search', t.searchP95);
  p95Row('Recommendations, seeker → postings', 'recommendations', t.recommendationsP95);
  p95Row('Recommendations, posting → candidates (district staff)', 'candidates_staff', t.candidatesP95);
  p95Row('Recommendations, posting → candidates (the enterprise)', 'candidates_employer', t.candidatesP95);
  if (t.detailShareOfBare !== undefined) {
    const f = fig('detail');
    const rps = f?.throughput?.requestsPerSecond;
    const fBare = bareOf(f);
    const share = rps !== undefined && fBare ? rps / fBare : undefined;
    const met = share === undefined ? undefined : share >= t.detailShareOfBare;
    rows.push({
      target: `Posting detail${mark(f)}: ≥ ${Math.round(t.detailShareOfBare * 100)} % of the bare Fastify route's req/s`,
      measured:
        share === undefined
          ? (f?.status ?? 'not run')
          : `${n0(rps)} req/s = **${Math.round(share * 100)} %** of ${n0(fBare)} (p50 ${ms(f?.latency?.p50)} ms)`,
      floors: floors(f),
      result: verdict(met),
      why: why(f, met, true),
      missed: met === false,
      unmeasured: met === undefined,
    });
  }
  if (t.importRowsPerSecond !== undefined) {
    const f = fig('import');
    const met = f?.rowsPerSecond === undefined ? undefined : f.rowsPerSecond >= t.importRowsPerSecond;
    rows.push({
      target: `Excel import${mark(f)}: ≥ ${n0(t.importRowsPerSecond)} rows/s`,
      measured:
        f?.rowsPerSecond === undefined
          ? (f?.status ?? 'not run')
          : `${n0(f.rowsPerSecond)} rows/s (2,000-row workbook in ${ms(f.latency?.p50)} ms)`,
      floors:
        f?.floor?.rowsPerSecond !== undefined
          ? `SQL ${n0(f.floor.rowsPerSecond)} rows/s (${ms(f.floor.latency.p50)} ms)`
          : '–',
      result: verdict(met),
      why:
        met === false
          ? [
              f?.floor && f.latency
                ? f.latency.p50 - f.floor.latency.p50 > f.floor.latency.p50
                  ? `the app: its SQL takes ${ms(f.floor.latency.p50)} of ${ms(f.latency.p50)} ms`
                  : `the database: its SQL alone takes ${ms(f.floor.latency.p50)} of ${ms(f.latency.p50)} ms`
                : '',
              f?.profile ? 'CPU profile below' : '',
              f?.sql ? 'costliest statements below' : '',
            ]
              .filter(Boolean)
              .join('; ')
          : '',
      missed: met === false,
      unmeasured: met === undefined,
    });
  }
  if (t.bookingsPerSecond !== undefined) {
    const f = fig('booking');
    const b = f?.booking;
    const met = f?.bookingsPerSecond === undefined ? undefined : (f.met ?? false);
    rows.push({
      target: `Bus booking${mark(f)}: ≥ ${n0(t.bookingsPerSecond)} bookings/s with zero overbooking`,
      measured:
        f?.bookingsPerSecond === undefined
          ? (f?.status ?? 'not run')
          : `${n0(f.bookingsPerSecond)} bookings/s at ${f.throughput?.connections ?? '?'} connections; overbooking ${b?.zeroOverbooking ? 'none' : '**FOUND**'}`,
      floors: floors(f, 'bookings/s'),
      result: verdict(met),
      why: why(f, met, true),
      missed: met === false,
      unmeasured: met === undefined,
    });
  }
  if (t.dashboardP95 !== undefined) {
    const dash = r.figures.filter((f) => f.key.startsWith('dashboard'));
    const measured = dash.filter((f) => f.status === 'measured' && f.latency);
    const worst = [...measured].sort((a, b) => (b.latency?.p95 ?? 0) - (a.latency?.p95 ?? 0))[0];
    const met =
      dash.length === 0 || measured.length < dash.length
        ? undefined
        : measured.every((f) => (f.latency?.p95 ?? Infinity) <= (t.dashboardP95 ?? 0));
    rows.push({
      target: `Dashboard${dash.some((f) => f.run) ? ' †' : ''}: p95 ≤ ${t.dashboardP95} ms (its slowest of ${dash.length} routes)`,
      measured: worst
        ? `p95 ${ms(worst.latency?.p95)} ms (${worst.label.replace(/`.*`/, '').trim()})`
        : 'not run',
      floors: floors(worst),
      result: verdict(met),
      why:
        met === false
          ? measured
              .filter((f) => (f.latency?.p95 ?? 0) > (t.dashboardP95 ?? 0))
              .map((f) => `${f.label.replace(/`.*`/, '').trim()}: ${why(f, false)}`)
              .join('; ')
          : '',
      missed: met === false,
      unmeasured: met === undefined,
    });
  }
  if (t.serverRssMb !== undefined) {
    const f = fig('server_memory');
    const met = f?.memory ? f.memory.peakRssMb <= t.serverRssMb : undefined;
    rows.push({
      target: `Server memory${mark(f)}: RSS ≤ ${t.serverRssMb} MB`,
      measured: f?.memory
        ? `peak ${n0(f.memory.peakRssMb)} MB under a mixed load (${n0(f.memory.idleRssMb)} MB idle)`
        : (f?.status ?? 'not run'),
      floors: '–',
      result: verdict(met),
      why: met === false ? 'the server process as a whole (see “Server memory” below)' : '',
      missed: met === false,
      unmeasured: met === undefined,
    });
  }
  return rows;
}

function renderRun(r: RunResult): string {
  const out: string[] = [];
  const d = r.dataset;
  const g = d.generation;
  const m = r.machine;
  const load = otherLoad(r);
  const atScale = r.targets.atScale;
  const atTarget = atScale
    ? d.publishedPostings >= atScale.postings && d.seekers >= atScale.seekers
    : d.publishedPostings >= r.targets.atRows;
  out.push(`## ${scaleTitle(r)}`, '');
  out.push(`- **Command:** \`${r.command}\` (from the repository root)`);
  out.push(
    `- **Run:** ${when(r.startedAt)}, ${Math.round(r.durationSeconds / 60)} min in all${r.note ? ` — ${r.note}` : ''}`,
  );
  out.push(
    `- **Machine:** ${m.cpuModel}, ${m.cores} cores, ${m.memoryGb} GB RAM, ${m.os}; Node ${m.node}; ${m.postgres} with its default settings (${Object.entries(
      m.postgresSettings,
    )
      .map(([k, v]) => `${k} ${v}`)
      .join(
        ', ',
      )}); the app's pool ${r.settings.appPoolSize} connections; app, load generator (autocannon) and PostgreSQL on the same machine.`,
  );
  if (load) {
    const busy = load.mean >= 0.25;
    out.push(
      `- **Other load:** ${busy ? '**yes** — ' : 'little — '}other processes on the machine (not this benchmark or its PostgreSQL) kept ${load.mean} of ${m.cores} cores busy on average during the measurements (${load.max} during “${load.maxPhase}”); 1-minute load average ${r.loadAverageAtStart} at the start.${busy ? ' These figures were measured under load and are pessimistic.' : ''}`,
    );
  }
  out.push(
    `- **Data:** ${n0(d.publishedPostings)} published postings of ${n0(d.enterprises)} enterprises; ${n0(d.seekers)} seekers, ${n0(d.resumes)} with a résumé (${n0(d.visibleResumes)} visible to employers); database ${n0(d.databaseSizeMb)} MB. ` +
      `Generated (seed ${g.options.seed}, ${g.options.now.slice(0, 10)}) in ${n0(g.totalSeconds)} s ${g.indexSeconds === undefined ? 'with every index in place' : `bulk-loaded (secondary indexes built again after the load in ${n0(g.indexSeconds)} s, foreign keys checked and rollups rebuilt in ${n0(g.afterLoadSeconds ?? 0)} s)`}: postings ${n0(g.tables.postings.rowsPerSecond)} rows/s, seekers (user + résumé + consents) ${n0(g.tables.seekers.rowsPerSecond)} rows/s, enterprises ${n0(g.tables.enterprises.rowsPerSecond)} rows/s, then VACUUM ANALYZE ${n0(g.vacuumSeconds)} s; ${n0(g.totalRowsPerSecond)} rows/s overall${g.load ? ` (other processes kept ${g.load.otherCores} cores busy meanwhile)` : ''}.${d.reused ? ' (Reused from that generation.)' : ''}${
        d.indexesSynced
          ? ` Indexes changed in the migrations since: created ${d.indexesSynced.created.join(', ') || 'none'}, dropped ${d.indexesSynced.dropped.join(', ') || 'none'}.`
          : ''
      }`,
  );
  const a = d.activity;
  if (a)
    out.push(
      `- **Dashboard activity:** ${n0(a.applications)} applications (${n0(a.events)} status events, ${n0(a.hires)} hires), ${n0(a.unemploymentRegistrations)} unemployment registrations over 24 months and ${n0(a.employmentRegistrations)} employment registrations (bench/lib/activity.ts, version ${a.version}), generated in ${n0(a.seconds)} s; the monthly rollups rebuilt from scratch in ${n0(a.rollupRebuildSeconds)} s (${n0(a.rollupRows)} rows; the dashboard routes read these rollups, kept up to date by triggers, instead of counting the big tables).`,
    );
  const older = r.figures.filter((f) => f.run);
  if (older.length > 0) {
    const runs = [...new Map(older.map((f) => [f.run?.startedAt ?? '', f.run])).values()];
    out.push(
      `- **Figures marked †** were kept from an earlier run (${runs.map((x) => `${when(x?.startedAt ?? '')}, \`${x?.command ?? ''}\``).join('; ')}): this run measured the other sections only.`,
    );
  }
  out.push('');

  const issue10 = r.targets.issue === 10 ? issue10Targets(r, atTarget) : [];
  if (issue10.length > 0) {
    out.push('### Targets (issue 10)', '');
    out.push(
      atTarget
        ? 'Issue 10 states its targets for the province scale (2,000,000 postings, 5,000,000 seekers) on 2 cores with the embedded PostgreSQL 15.'
        : `Issue 10 states its targets for the province scale (2,000,000 postings, 5,000,000 seekers); at this scale (${n0(d.publishedPostings)} postings, ${n0(d.seekers)} seekers) the comparison is **indicative only**.`,
      '',
      '| Target | Measured | Its floors, same run (SQL straight through pg · bare Fastify) | Result | Why (where missed) |',
      '|---|---|---|---|---|',
    );
    for (const t of issue10)
      out.push(`| ${t.target} | ${t.measured} | ${t.floors} | ${t.result} | ${t.why} |`);
    const missed = issue10.filter((t) => t.missed).length;
    out.push(
      '',
      `${issue10.length - missed - issue10.filter((t) => t.unmeasured).length} of ${issue10.length} targets met, ${missed} missed${issue10.some((t) => t.unmeasured) ? `, ${issue10.filter((t) => t.unmeasured).length} not measured` : ''}${atTarget ? '' : ' (indicative)'}. For each missed target “Where the time goes” below holds the evidence: a CPU profile of the app where it adds more than its SQL takes, the costliest statements and the query plans where the database takes the time.`,
      '',
    );
  }
  const targeted = issue10.length > 0 ? [] : r.figures.filter((f) => f.target);
  if (targeted.length > 0) {
    out.push('### Targets', '');
    if (!atTarget)
      out.push(
        `The targets are stated for ${n0(r.targets.atRows)} rows; at this scale the comparison is indicative only.`,
        '',
      );
    out.push('| Target | Measured p95 (concurrency 1) | Result |', '|---|---:|---|');
    for (const f of targeted) {
      const result =
        f.status !== 'measured'
          ? f.status === 'not_available'
            ? 'not available'
            : 'failed'
          : f.met
            ? `met${atTarget ? '' : ' (indicative)'}`
            : `**missed**${atTarget ? '' : ' (indicative)'}`;
      out.push(
        `| ${f.label}${f.run ? ' †' : ''}: p95 ≤ ${f.target?.p95} ms | ${f.latency ? `${ms(f.latency.p95)} ms` : '–'} | ${result} |`,
      );
    }
    // Issue 8 states one target for the dashboard API: its worst route.
    const dash = targeted.filter((f) => f.key.startsWith('dashboard'));
    if (dash.length > 0) {
      const measured = dash.filter((f) => f.status === 'measured' && f.latency);
      const worst = Math.max(...measured.map((f) => f.latency?.p95 ?? 0));
      const all = measured.length === dash.length;
      const met = all && measured.every((f) => f.met);
      out.push(
        `| **Dashboard API p95 ≤ ${dash[0]?.target?.p95} ms (issue 8)** — the slowest of its ${dash.length} routes | ${measured.length > 0 ? `${ms(worst)} ms` : '–'} | ${!all ? 'incomplete' : met ? `met${atTarget ? '' : ' (indicative)'}` : `**missed**${atTarget ? '' : ' (indicative)'}`} |`,
      );
    }
    out.push('');
  }

  out.push('### Figures', '');
  out.push(
    `Latency at concurrency 1 is the median, over ${r.settings.passes} pass${r.settings.passes === 1 ? '' : 'es'}, of each pass's percentile (each request of the list ${r.settings.iterations} times per pass, after a warm-up pass). ` +
      `Throughput: ${r.settings.connections} connections for ${r.settings.duration} s (search) or ${r.settings.shortDuration} s (the others; longer, up to 60 s, where a request takes long enough that ${r.settings.connections} of them queue past that). ` +
      `SQL floor: the statements the app sent for each request (captured from pg with their parameters), replayed through pg one request at a time (each app connection's statements in order, connections side by side as the app ran them) and by ${r.settings.connections} loops over a ${r.settings.appPoolSize}-connection pool; the difference to the app is Node, Fastify, validation, scoring and serialisation. “p95 under load” is the latency at ${r.settings.connections} connections.`,
    '',
  );
  const bareRps = r.figures.find((f) => f.key === 'bare_fastify')?.throughput?.requestsPerSecond;
  const pct = (a: number | undefined, b: number | undefined) =>
    a === undefined || b === undefined || !Number.isFinite(a) || !Number.isFinite(b) || b === 0
      ? '–'
      : `${Math.round((a / b) * 100)} %`;
  const times = (a: number | undefined, b: number | undefined) =>
    a === undefined || b === undefined || !Number.isFinite(a) || !Number.isFinite(b) || b === 0
      ? '–'
      : `${(a / b).toFixed(1)}×`;
  out.push(
    '| Figure | p50 ms | p95 ms | p99 ms | req/s | p95 ms under load | SQL floor p50 ms | SQL floor req/s | p50 ÷ SQL floor p50 | req/s ÷ SQL floor req/s | req/s ÷ bare Fastify req/s | non-2xx | other load (cores) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const f of r.figures) {
    const other = f.load ? f.load.otherCores : '–';
    if (f.status !== 'measured') {
      out.push(
        `| ${f.label}${f.run ? ' †' : ''} | ${f.status === 'not_available' ? 'not available' : 'failed'}: ${(f.note ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ')} | | | | | | | | | | | |`,
      );
      continue;
    }
    if (f.rowsPerSecond !== undefined) {
      out.push(
        `| ${f.label}${f.run ? ' †' : ''} | **${n0(f.rowsPerSecond)} rows/s** (${ms(f.latency?.p50)} ms per workbook) | | | | | ${ms(f.floor?.latency.p50)} | ${f.floor?.rowsPerSecond !== undefined ? `${n0(f.floor.rowsPerSecond)} rows/s` : '–'} | ${times(f.latency?.p50, f.floor?.latency.p50)} | ${pct(f.rowsPerSecond, f.floor?.rowsPerSecond)} | | | ${other} |`,
      );
      continue;
    }
    if (f.memory) {
      out.push(
        `| ${f.label}${f.run ? ' †' : ''} | **peak RSS ${n0(f.memory.peakRssMb)} MB** (${n0(f.memory.idleRssMb)} MB idle, VmHWM ${n0(f.memory.hwmMb)} MB) | | | ${n0(f.throughput?.requestsPerSecond)} | | | | | | | ${f.throughput?.non2xx ?? 0} | ${other} |`,
      );
      continue;
    }
    const rps = f.bookingsPerSecond ?? f.throughput?.requestsPerSecond;
    out.push(
      `| ${f.label}${f.run ? ' †' : ''} | ${ms(f.latency?.p50)} | ${ms(f.latency?.p95)} | ${ms(f.latency?.p99)} | ${n0(rps)}${f.bookingsPerSecond !== undefined ? ' bookings/s' : ''} | ${ms(f.throughput?.latency.p95)} | ${ms(f.floor?.latency.p50)} | ${n0(f.floor?.requestsPerSecond)} | ${times(f.latency?.p50, f.floor?.latency.p50)} | ${pct(rps, f.floor?.requestsPerSecond)} | ${f.key === 'bare_fastify' ? '100 %' : pct(rps, f.bareRequestsPerSecond ?? bareRps)} | ${f.non2xx ?? 0} | ${other} |`,
    );
  }
  const imp = r.figures.find((f) => f.key === 'import' && f.note);
  if (imp?.note) out.push('', `Import: ${imp.note}.`);
  const bare = r.figures.find((f) => f.key === 'bare_fastify' && f.throughput);
  const detail = r.figures.find((f) => f.key === 'detail' && f.throughput);
  const detailBare = detail?.bareRequestsPerSecond ?? bare?.throughput?.requestsPerSecond;
  if (detailBare && detail?.throughput) {
    out.push(
      '',
      `Posting detail serves ${Math.round((detail.throughput.requestsPerSecond / detailBare) * 100)} % of the bare Fastify route's requests per second${detail.floor ? ` and ${Math.round((detail.throughput.requestsPerSecond / detail.floor.requestsPerSecond) * 100)} % of its own SQL's` : ''} (issue 10 asks for 40 % of the bare route).`,
    );
  }
  const booking = r.figures.find((f) => f.key === 'booking' && f.booking);
  if (booking?.booking) {
    const b = booking.booking;
    out.push(
      '',
      `**Bus booking${booking.run ? ' †' : ''}** (the issue-4 scenarios on this data set, ${booking.throughput?.connections ?? '?'} connections): every request a different seeker with their own session, an open travel request the bus serves and a fresh \`Idempotency-Key\`; fresh seekers and buses per run, created in this database for the run. ` +
        `Its latency at concurrency 1 and its SQL floor come from ${n0(b.floorSeekers)} more bookings sent one at a time with their SQL captured; the floor replays each booking's statements once (its read, its transaction, the answer's reads, in order) through pg, at concurrency 1 and then at the scenarios' concurrency over a pool as large as the app's, the rows put back before each replay. ` +
        `Zero overbooking (no bus above its seats on sale, \`seats_taken\` equal to its confirmed rows, nobody booked twice, the answers equal to the rows) is checked in SQL after every run and every replay: **${b.zeroOverbooking ? 'held' : 'BROKEN'}**. ${booking.note ?? ''}.`,
      '',
      renderBookingTables(b.scenarios, b.runs),
    );
  }
  const mem = r.figures.find((f) => f.key === 'server_memory' && f.memory);
  if (mem?.memory) {
    const x = mem.memory;
    out.push(
      '',
      `**Server memory${mem.run ? ' †' : ''}:** the app runs in a worker thread of the bench process, whose resident memory also holds autocannon, so the server is started once more as its own process (\`${x.command}\`, on the same database) and driven for ${x.seconds} s with a mixed load — ${Object.entries(
        x.requests,
      )
        .map(([k, v]) => `${n0(v)} ${k}`)
        .join(
          ', ',
        )} requests — while /proc/<pid>/status is read every 200 ms: **peak VmRSS ${n0(x.peakRssMb)} MB** (${n0(x.idleRssMb)} MB idle after boot; VmHWM, the kernel's peak since start, ${n0(x.hwmMb)} MB). Answers: ${Object.entries(
        x.statuses,
      )
        .sort((a, b) => b[1] - a[1])
        .map(([k, v]) => `${n0(v)} × ${k}`)
        .join(', ')}. ${mem.note ?? ''}.`,
    );
  }
  out.push('');

  if (r.searchQueries.length > 0) {
    const searchKept = r.figures.some((f) => f.key === 'search' && f.run);
    out.push(`### Search queries (concurrency 1)${searchKept ? ' †' : ''}`, '');
    out.push(
      '| Query | Status | `total` answered | p50 ms | p95 ms | SQL floor p50 ms | SQL statements | slowest statement ms |',
      '|---|---:|---:|---:|---:|---:|---:|---:|',
    );
    for (const q of r.searchQueries) {
      out.push(
        `| ${q.label} | ${q.status} | ${q.total === null ? '–' : n0(q.total)}${q.fuzzy ? ' (fuzzy)' : ''} | ${ms(q.p50)} | ${ms(q.p95)} | ${ms(q.floorP50)} | ${q.statements} | ${ms(q.slowestSqlMs)} |`,
      );
    }
    out.push('');
  }

  const profiled = r.figures.filter((f) => f.profile || f.sql);
  if (profiled.length > 0) {
    out.push('### Where the time goes', '');
    for (const f of profiled) {
      if (f.sql) {
        out.push(
          f.sql.requests === undefined
            ? `**${f.label}** sent ${n0(f.sql.statements)} SQL statements (${ms(f.sql.totalMs)} ms in PostgreSQL) for one workbook, counting what background jobs sent meanwhile; the costliest:`
            : `**${f.label}**${f.met === false ? ' (target missed)' : ''}: its ${n0(f.sql.requests)} requests, one at a time, sent ${n0(f.sql.statements)} SQL statements (${ms(f.sql.totalMs / Math.max(1, f.sql.requests))} ms in PostgreSQL per request, ${(f.sql.statements / Math.max(1, f.sql.requests)).toFixed(1)} statements), counting what background jobs sent meanwhile; the costliest in all:`,
          '',
          '| Statement | Count | Total ms |',
          '|---|---:|---:|',
          ...f.sql.top.map(
            (t) => `| \`${t.sql.replace(/\|/g, '\\|').replace(/`/g, "'")}\` | ${n0(t.count)} | ${ms(t.ms)} |`,
          ),
          '',
        );
      }
      if (f.profile) {
        const p = f.profile;
        out.push(
          `**${f.label}**: the app takes much longer than its SQL, so its thread was profiled over ${p.requests === 1 ? 'one more request' : `${p.requests} requests at concurrency 1`} (${n0(p.busyMs)} ms busy; \`${p.file}\`, open it in Chrome DevTools). Self time, the heaviest functions:`,
          '',
          '| Function | Where | Self ms | Share of busy time |',
          '|---|---|---:|---:|',
          ...p.top.map(
            (e) => `| \`${e.fn}\` | ${e.where} | ${ms(e.selfMs)} | ${Math.round(e.share * 100)} % |`,
          ),
          '',
        );
      }
    }
  }

  if (r.plans.length > 0) {
    out.push('### Query plans', '');
    out.push(
      'EXPLAIN (ANALYZE, BUFFERS) of the slowest statement of the slowest requests of each missed target (and, at the scale the targets are stated for, of the slowest request of each met one), run on the same data after the measurements (so the cache is warm).',
      '',
    );
    for (const p of r.plans) {
      out.push(
        `#### ${p.figure} — ${p.request} (${p.reason}; request p95 ${ms(p.requestP95)} ms, statement ${ms(p.statementMs)} ms when captured)`,
        '',
      );
      out.push('```sql', p.sql.trim(), '```', '', `Parameters: \`${p.params.replace(/`/g, "'")}\``, '');
      out.push('```', p.plan, '```', '');
    }
  }
  return out.join('\n');
}

export function renderReport(results: readonly RunResult[]): string {
  const out: string[] = [];
  out.push('# Benchmarks', '');
  out.push(
    'Written by `npm run bench` (bench/run.ts) from `bench/results/<scale>.json`; rerun it rather than editing this file. Each scale keeps its latest run.',
    '',
  );
  out.push('## How to run', '');
  out.push(
    '```sh',
    'npm run bench                                     # small: 20,000 postings and seekers, a few minutes',
    'npm run bench -- -- --scale 1m --reuse            # 1,000,000 postings and seekers; generated once into bench/data/1m/',
    'npm run bench -- -- --scale city --reuse          # issue 10: 100,000 postings, 500,000 seekers, 30,000 enterprises',
    'npm run bench -- -- --scale province --reuse      # issue 10: 2,000,000 postings, 5,000,000 seekers, 100,000 enterprises (the targets are stated here)',
    'BENCH_DATABASE_URL=postgres://… npm run bench     # on an existing PostgreSQL server instead of the embedded one (the bench creates its own database)',
    'npm run bench -- -- --only search,recommendations # some sections: search, recommendations, candidates, detail, import, dashboard, booking, memory (the bare Fastify floor always runs)',
    'npm run bench -- -- --scale 1m --reuse --only dashboard   # the dashboard API (issue 8); the other sections keep their figures',
    'npm run bench -- -- --scale 1m --reuse --generate-only    # generate (or check) the data set and stop',
    'npm run bench -- -- --report-only                 # rewrite this file from bench/results/*.json',
    'npx tsx bench/generate.ts --postings 1000000 --seekers 1000000 --enterprises 30000   # the generator alone (bench/data/custom/)',
    'npm run booking -w bench                          # chartered-bus booking alone, on an empty database (its own section below; `npm run bench` books on the data set too)',
    '```',
    '',
    'The embedded PostgreSQL keeps its cluster in `bench/data/<scale>/` (ignored by git); `--reuse` measures the data already there when it was generated with the same counts, seed and generator version, otherwise the database is regenerated. ' +
      'A migration whose code changed since the data set was generated is re-applied (down, then up) instead of regenerating (bench/lib/migration-drift.ts); the dashboard activity (applications, hires, registrations) is generated on top of the data set when missing or of an older version (bench/lib/activity.ts). ' +
      'A run of some sections (`--only`) keeps the other sections’ latest figures, marked † with their run. ' +
      'The second `--` is needed because the root script calls `npm run bench -w bench`. ' +
      'The app boots from `server/src/boot.ts` in a worker thread of the bench process (log silent, no demo data, a high auth rate limit), with autocannon on the main thread; for its memory the server is started once more as its own process. ' +
      'Every figure stands beside its floors measured in the same run: the same SQL straight through pg, and a bare Fastify JSON route. ' +
      'Benchmarks are never part of `npm test`.',
    '',
  );
  for (const r of results) out.push(renderRun(r));
  return `${out.join('\n').trimEnd()}\n`;
}
