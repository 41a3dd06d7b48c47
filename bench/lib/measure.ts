import autocannon from 'autocannon';
import pg from 'pg';
import { performance } from 'node:perf_hooks';
import type { CapturedStatement } from './app-worker.js';

export type Percentiles = { p50: number; p95: number; p99: number; mean: number; max: number; count: number };

export function percentiles(values: readonly number[]): Percentiles {
  const s = [...values].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? NaN;
  const mean = s.reduce((a, b) => a + b, 0) / (s.length || 1);
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), mean, max: s[s.length - 1] ?? NaN, count: s.length };
}

export function median(values: readonly number[]): number {
  const s = [...values].filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? NaN) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

/** Percentiles of several passes → the median of each percentile (what the report shows). */
export function medianOfPasses(passes: readonly Percentiles[]): Percentiles {
  return {
    p50: median(passes.map((p) => p.p50)),
    p95: median(passes.map((p) => p.p95)),
    p99: median(passes.map((p) => p.p99)),
    mean: median(passes.map((p) => p.mean)),
    max: Math.max(...passes.map((p) => p.max)),
    count: passes.reduce((a, p) => a + p.count, 0),
  };
}

export type BenchRequest = {
  label: string;
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
};

export type LatencyResult = {
  /** Median over passes of each pass's percentiles, all requests together. */
  overall: Percentiles;
  passes: Percentiles[];
  /** Per request of the list: all its response times over all passes. */
  perRequest: Percentiles[];
  non2xx: number;
  statuses: Record<string, number>;
};

function toAutocannon(r: BenchRequest): autocannon.Request {
  return {
    method: r.method ?? 'GET',
    path: r.path,
    headers: { accept: 'application/json', ...(r.headers ?? {}) },
    ...(r.body === undefined ? {} : { body: r.body }),
  };
}

/**
 * Latency at concurrency 1: `passes` runs of autocannon with one connection over the list, each
 * request `iterations` times per pass (in list order, so the k-th response is request k mod n).
 */
export async function latencyRun(
  baseUrl: string,
  list: readonly BenchRequest[],
  opts: { passes: number; iterations: number },
): Promise<LatencyResult> {
  const perRequest: number[][] = list.map(() => []);
  const passes: Percentiles[] = [];
  const statuses: Record<string, number> = {};
  let non2xx = 0;
  for (let p = 0; p < opts.passes; p++) {
    const times: number[] = [];
    let k = 0;
    const inst = autocannon({
      url: baseUrl,
      connections: 1,
      pipelining: 1,
      amount: list.length * opts.iterations,
      timeout: 60,
      requests: list.map(toAutocannon),
    });
    inst.on('response', (_c, status, _bytes, ms) => {
      const i = k % list.length;
      k++;
      times.push(ms);
      perRequest[i]?.push(ms);
      statuses[String(status)] = (statuses[String(status)] ?? 0) + 1;
      if (status < 200 || status >= 300) non2xx++;
    });
    await inst;
    passes.push(percentiles(times));
  }
  return {
    overall: medianOfPasses(passes),
    passes,
    perRequest: perRequest.map(percentiles),
    non2xx,
    statuses,
  };
}

export type ThroughputResult = {
  connections: number;
  seconds: number;
  requestsPerSecond: number;
  latency: Percentiles;
  total: number;
  non2xx: number;
  errors: number;
  timeouts: number;
};

/** Requests per second with `connections` connections for `seconds`, cycling through the list. */
export async function throughputRun(
  baseUrl: string,
  list: readonly BenchRequest[],
  opts: { connections: number; seconds: number },
): Promise<ThroughputResult> {
  const times: number[] = [];
  const inst = autocannon({
    url: baseUrl,
    connections: opts.connections,
    pipelining: 1,
    duration: opts.seconds,
    timeout: 60,
    requests: list.map(toAutocannon),
  });
  inst.on('response', (_c, _status, _bytes, ms) => {
    times.push(ms);
  });
  const r = await inst;
  return {
    connections: opts.connections,
    seconds: opts.seconds,
    requestsPerSecond: Math.round((r.requests.total / r.duration) * 10) / 10,
    latency: percentiles(times),
    total: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
  };
}

/** A request's statements by the pooled connection that ran them, in order. */
function byConnection(statements: readonly CapturedStatement[]): CapturedStatement[][] {
  const groups = new Map<number, CapturedStatement[]>();
  for (const s of statements) groups.set(s.client, [...(groups.get(s.client) ?? []), s]);
  return [...groups.values()];
}

/**
 * One request's SQL as the app sent it, replayed through pg (the database floor): the statements
 * of each app connection in order on one pool connection, connections side by side as in the app
 * (a search runs its page and its counts in parallel).
 */
export async function replay(pool: pg.Pool, statements: readonly CapturedStatement[]): Promise<void> {
  await Promise.all(
    byConnection(statements).map(async (group) => {
      const client = await pool.connect();
      try {
        for (const s of group) await client.query(s.text, s.values);
      } finally {
        client.release();
      }
    }),
  );
}

function floorPool(url: string, max: number): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max, application_name: 'jiuye-bench-floor' });
  pool.on('error', () => undefined);
  // A connection lost while checked out fails its query (and the figure), not the whole run.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

/** The floor at concurrency 1: each captured request's SQL, in list order, `iterations` times per pass. */
export async function sqlLatency(
  url: string,
  list: readonly (readonly CapturedStatement[])[],
  opts: { passes: number; iterations: number },
): Promise<{ overall: Percentiles; perRequest: Percentiles[] }> {
  const width = Math.max(1, ...list.map((l) => byConnection(l).length));
  const pool = floorPool(url, width);
  const perRequest: number[][] = list.map(() => []);
  const passes: Percentiles[] = [];
  try {
    // Open the connections first: the app's pool is warm too.
    await Promise.all(Array.from({ length: width }, () => pool.connect().then((c) => c))).then((cs) =>
      cs.forEach((c) => c.release()),
    );
    for (let p = 0; p < opts.passes; p++) {
      const times: number[] = [];
      for (let it = 0; it < opts.iterations; it++) {
        for (const [i, stmts] of list.entries()) {
          const t0 = performance.now();
          await replay(pool, stmts);
          const ms = performance.now() - t0;
          times.push(ms);
          perRequest[i]?.push(ms);
        }
      }
      passes.push(percentiles(times));
    }
  } finally {
    await pool.end();
  }
  return { overall: medianOfPasses(passes), perRequest: perRequest.map(percentiles) };
}

/** The floor's throughput: `concurrency` loops over a pool as large as the app's, for `seconds`. */
export async function sqlThroughput(
  url: string,
  list: readonly (readonly CapturedStatement[])[],
  opts: { concurrency: number; poolSize: number; seconds: number },
): Promise<{ requestsPerSecond: number; latency: Percentiles }> {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.poolSize,
    application_name: 'jiuye-bench-floor',
  });
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  const times: number[] = [];
  const end = performance.now() + opts.seconds * 1000;
  let done = 0;
  try {
    await Promise.all(
      Array.from({ length: opts.concurrency }, async (_, w) => {
        let i = w % Math.max(1, list.length);
        while (performance.now() < end) {
          const stmts = list[i] ?? [];
          i = (i + 1) % list.length;
          const t0 = performance.now();
          await replay(pool, stmts);
          times.push(performance.now() - t0);
          done++;
        }
      }),
    );
  } finally {
    await pool.end();
  }
  return { requestsPerSecond: Math.round((done / opts.seconds) * 10) / 10, latency: percentiles(times) };
}

/** EXPLAIN (ANALYZE, BUFFERS) of a captured read statement (a write is not run twice). */
export async function explain(url: string, s: CapturedStatement): Promise<string | null> {
  if (!/^\s*(select|with)\b/i.test(s.text)) return null;
  const client = new pg.Client({ connectionString: url, application_name: 'jiuye-bench-explain' });
  await client.connect();
  try {
    const r = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${s.text}`, s.values);
    return r.rows.map((x) => x['QUERY PLAN']).join('\n');
  } catch (err) {
    return `EXPLAIN failed: ${err instanceof Error ? err.message : String(err)}`;
  } finally {
    await client.end();
  }
}

/**
 * One request's SQL replayed in the order the app sent it: each run of consecutive statements on
 * one app connection (a transaction, a read outside it) on one pool connection, one run after the
 * other — a write request (a booking: a read, its transaction, the answer's reads) as it ran.
 */
export async function replaySequential(
  pool: pg.Pool,
  statements: readonly CapturedStatement[],
): Promise<void> {
  let i = 0;
  while (i < statements.length) {
    const clientId = statements[i]?.client;
    const client = await pool.connect();
    let failedWith: Error | null = null;
    try {
      for (; i < statements.length && statements[i]?.client === clientId; i++) {
        const s = statements[i];
        if (s) await client.query(s.text, s.values);
      }
    } catch (err) {
      failedWith = err instanceof Error ? err : new Error(String(err));
      // Leave no transaction open on the pooled connection.
      await client.query('ROLLBACK').catch(() => undefined);
    } finally {
      client.release();
    }
    if (failedWith) throw failedWith;
  }
}

export type ReplayOnce = {
  seconds: number;
  requestsPerSecond: number;
  latency: Percentiles;
  errors: number;
  firstError: string | null;
};

/**
 * Write requests' SQL replayed once each (a write cannot be repeated: the caller restores the rows
 * the capture wrote first), `concurrency` at a time over a pool of `poolSize` connections.
 */
export async function sqlReplayOnce(
  url: string,
  list: readonly (readonly CapturedStatement[])[],
  opts: { concurrency: number; poolSize: number; sequential: boolean },
): Promise<ReplayOnce> {
  const pool = floorPool(url, opts.poolSize);
  const times: number[] = [];
  let errors = 0;
  let firstError: string | null = null;
  let next = 0;
  let seconds = 0;
  try {
    await Promise.all(Array.from({ length: opts.poolSize }, () => pool.connect())).then((cs) =>
      cs.forEach((c) => c.release()),
    );
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: Math.min(opts.concurrency, list.length) }, async () => {
        while (next < list.length) {
          const stmts = list[next++] ?? [];
          const t = performance.now();
          try {
            await (opts.sequential ? replaySequential(pool, stmts) : replay(pool, stmts));
            times.push(performance.now() - t);
          } catch (err) {
            errors++;
            firstError ??= err instanceof Error ? err.message : String(err);
          }
        }
      }),
    );
    seconds = (performance.now() - t0) / 1000;
  } finally {
    await pool.end();
  }
  return {
    seconds,
    requestsPerSecond: Math.round((times.length / (seconds || 1)) * 10) / 10,
    latency: percentiles(times),
    errors,
    firstError,
  };
}
