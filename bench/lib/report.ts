import type { GenerateResult } from '../generate.js';
import type { ActivityResult } from './activity.js';
import type { ProfileEntry } from './app-worker.js';
import type { LoadSample, Machine } from './machine.js';
import type { Percentiles, ThroughputResult } from './measure.js';

export type Figure = {
  key: string;
  label: string;
  status: 'measured' | 'not_available' | 'failed';
  note?: string;
  /** Concurrency 1: the median over passes of each pass's percentiles. */
  latency?: Percentiles;
  throughput?: ThroughputResult;
  floor?: { latency: Percentiles; requestsPerSecond: number };
  non2xx?: number;
  target?: { p95: number; source: string };
  met?: boolean;
  rowsPerSecond?: number;
  load?: LoadSample | null;
  /** A CPU profile of the app's thread over one pass, where the app adds much to its SQL. */
  profile?: { requests: number; busyMs: number; file: string; top: ProfileEntry[] };
  /** Set on a figure kept from an earlier run (a later run measured other sections only). */
  run?: { startedAt: string; command: string };
  /** The SQL one request sent, grouped (the import). */
  sql?: { statements: number; totalMs: number; top: { sql: string; count: number; ms: number }[] };
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
  };
  targets: { searchP95: number; recommendationsP95: number; dashboardP95?: number; atRows: number };
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

function renderRun(r: RunResult): string {
  const out: string[] = [];
  const d = r.dataset;
  const g = d.generation;
  const m = r.machine;
  const load = otherLoad(r);
  const atTarget = d.publishedPostings >= r.targets.atRows;
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
      `Generated (seed ${g.options.seed}, ${g.options.now.slice(0, 10)}) in ${n0(g.totalSeconds)} s with every index in place: postings ${n0(g.tables.postings.rowsPerSecond)} rows/s, seekers (user + résumé + consents) ${n0(g.tables.seekers.rowsPerSecond)} rows/s, enterprises ${n0(g.tables.enterprises.rowsPerSecond)} rows/s, then VACUUM ANALYZE ${n0(g.vacuumSeconds)} s; ${n0(g.totalRowsPerSecond)} rows/s overall${g.load ? ` (other processes kept ${g.load.otherCores} cores busy meanwhile)` : ''}.${d.reused ? ' (Reused from that generation.)' : ''}${
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

  const targeted = r.figures.filter((f) => f.target);
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
  out.push(
    '| Figure | p50 ms | p95 ms | p99 ms | req/s | p95 ms under load | SQL floor p50 ms | SQL floor req/s | non-2xx | other load (cores) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const f of r.figures) {
    if (f.status !== 'measured') {
      out.push(
        `| ${f.label}${f.run ? ' †' : ''} | ${f.status === 'not_available' ? 'not available' : 'failed'}: ${(f.note ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ')} | | | | | | | | |`,
      );
      continue;
    }
    if (f.rowsPerSecond !== undefined) {
      out.push(
        `| ${f.label}${f.run ? ' †' : ''} | **${n0(f.rowsPerSecond)} rows/s** (${ms(f.latency?.p50)} ms per workbook) | | | | | | | | ${f.load ? f.load.otherCores : '–'} |`,
      );
      continue;
    }
    out.push(
      `| ${f.label}${f.run ? ' †' : ''} | ${ms(f.latency?.p50)} | ${ms(f.latency?.p95)} | ${ms(f.latency?.p99)} | ${n0(f.throughput?.requestsPerSecond)} | ${ms(f.throughput?.latency.p95)} | ${ms(f.floor?.latency.p50)} | ${n0(f.floor?.requestsPerSecond)} | ${f.non2xx ?? 0} | ${f.load ? f.load.otherCores : '–'} |`,
    );
  }
  const imp = r.figures.find((f) => f.key === 'import' && f.note);
  if (imp?.note) out.push('', `Import: ${imp.note}.`);
  const bare = r.figures.find((f) => f.key === 'bare_fastify' && f.throughput);
  const detail = r.figures.find((f) => f.key === 'detail' && f.throughput);
  if (bare?.throughput && detail?.throughput) {
    out.push(
      '',
      `Posting detail serves ${Math.round((detail.throughput.requestsPerSecond / bare.throughput.requestsPerSecond) * 100)} % of the bare Fastify route's requests per second${detail.floor ? ` and ${Math.round((detail.throughput.requestsPerSecond / detail.floor.requestsPerSecond) * 100)} % of its own SQL's` : ''} (issue 10 asks for 40 % of the bare route).`,
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
          `**${f.label}** sent ${n0(f.sql.statements)} SQL statements (${ms(f.sql.totalMs)} ms in PostgreSQL) for one workbook, counting what background jobs sent meanwhile; the costliest:`,
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

  if (r.plans.length > 0 && atTarget) {
    out.push('### Query plans', '');
    out.push(
      'EXPLAIN (ANALYZE, BUFFERS) of the slowest statement of the slowest requests, run on the same data after the measurements (so the cache is warm).',
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
    'npm run bench -- -- --only search,recommendations # some sections: search, recommendations, candidates, detail, import, dashboard, floor',
    'npm run bench -- -- --scale 1m --reuse --only dashboard   # the dashboard API (issue 8); the other sections keep their figures',
    'npm run bench -- -- --scale 1m --reuse --generate-only    # generate (or check) the data set and stop',
    'npm run bench -- -- --report-only                 # rewrite this file from bench/results/*.json',
    'npx tsx bench/generate.ts --postings 1000000 --seekers 1000000 --enterprises 30000   # the generator alone (bench/data/custom/)',
    'npm run booking -w bench                          # chartered-bus booking at 64 connections (its own section below)',
    '```',
    '',
    'The embedded PostgreSQL keeps its cluster in `bench/data/<scale>/` (ignored by git); `--reuse` measures the data already there when it was generated with the same counts, seed and generator version, otherwise the database is regenerated. ' +
      'A migration whose code changed since the data set was generated is re-applied (down, then up) instead of regenerating (bench/lib/migration-drift.ts); the dashboard activity (applications, hires, registrations) is generated on top of the data set when missing or of an older version (bench/lib/activity.ts). ' +
      'A run of some sections (`--only`) keeps the other sections’ latest figures, marked † with their run. ' +
      'The second `--` is needed because the root script calls `npm run bench -w bench`. ' +
      'The app boots from `server/src/boot.ts` in a worker thread of the bench process (log silent, no demo data, a high auth rate limit), with autocannon on the main thread. ' +
      'Benchmarks are never part of `npm test`.',
    '',
  );
  for (const r of results) out.push(renderRun(r));
  return `${out.join('\n').trimEnd()}\n`;
}
