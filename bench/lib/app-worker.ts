/**
 * Runs inside a worker thread of the bench process: boots the real app (server/src/boot.ts) over
 * the bench database and a bare Fastify JSON route beside it, each on a free port. The load
 * generator (autocannon) stays on the main thread, so it never blocks the app's event loop.
 *
 * While capturing, every SQL statement the app sends through pg is recorded with its parameters
 * and duration (pg.Client.prototype.query is wrapped; the server's code is untouched), so the
 * benchmark can replay exactly a request's SQL as the database floor and EXPLAIN the slowest.
 */
import { Session } from 'node:inspector/promises';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import Fastify from 'fastify';
import pg from 'pg';
import { boot } from '../../server/src/boot.js';
import { loadConfig } from '../../server/src/config.js';

export type WorkerInit = { env: Record<string, string> };
/** One statement the app sent: `client` tells which pooled connection (statements on different ones may run in parallel). */
export type CapturedStatement = { text: string; values: unknown[]; ms: number; client: number };
export type ToWorker = { type: 'capture'; on: boolean } | { type: 'profile'; on: boolean } | { type: 'stop' };
/** Self time per function of a CPU profile of the app's thread, the heaviest first. */
export type ProfileEntry = { fn: string; where: string; selfMs: number; share: number };
export type FromWorker =
  | { type: 'ready'; appPort: number; barePort: number; bootMs: number }
  | { type: 'captured'; statements: CapturedStatement[] }
  | { type: 'profiling' }
  | { type: 'profiled'; entries: ProfileEntry[]; busyMs: number; profile: string }
  | { type: 'stopped' }
  | { type: 'error'; message: string };

const port = parentPort;
if (!port) throw new Error('app-worker.ts runs in a worker thread');

let capturing = false;
let captured: CapturedStatement[] = [];
const clientIds = new WeakMap<object, number>();
let nextClientId = 1;

type QueryFn = (this: unknown, ...args: unknown[]) => unknown;
const proto = pg.Client.prototype as unknown as { query: QueryFn };
const original = proto.query;
proto.query = function (this: unknown, ...args: unknown[]): unknown {
  if (!capturing) return original.apply(this, args);
  const [a, b] = args;
  const text = typeof a === 'string' ? a : (a as { text?: unknown } | null)?.text;
  const values = typeof a === 'string' ? b : (a as { values?: unknown } | null)?.values;
  const t0 = performance.now();
  const result = original.apply(this, args);
  if (typeof text === 'string' && result instanceof Promise) {
    let client = clientIds.get(this as object);
    if (client === undefined) {
      client = nextClientId++;
      clientIds.set(this as object, client);
    }
    const entry: CapturedStatement = {
      text,
      values: Array.isArray(values) ? [...(values as unknown[])] : [],
      ms: -1,
      client,
    };
    captured.push(entry);
    result.then(
      () => {
        entry.ms = performance.now() - t0;
      },
      () => undefined,
    );
  }
  return result;
};

function post(m: FromWorker): void {
  port?.postMessage(m);
}

const SAMPLING_US = 200;

type CpuProfile = {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
};

/**
 * Aggregates a V8 CPU profile by function (self time), like the bottom-up view of DevTools. Idle
 * time (waiting for PostgreSQL or the network) is left out: shares are of the thread's busy time.
 */
function summarise(p: CpuProfile): { entries: ProfileEntry[]; busyMs: number } {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<string, { fn: string; where: string; us: number }>();
  let total = 0;
  for (let i = 0; i < p.samples.length; i++) {
    const n = byId.get(p.samples[i] ?? -1);
    // A worker thread reports no (idle) samples: a long gap between two samples is time spent
    // waiting, not in the next sample's function. Count at most two sampling intervals.
    const dt = Math.min(p.timeDeltas[i] ?? 0, 2 * SAMPLING_US);
    if (!n || n.callFrame.functionName === '(idle)') continue;
    total += dt;
    const url = n.callFrame.url.replace(/^file:\/\//, '');
    const short = url.includes('node_modules/')
      ? url.slice(url.lastIndexOf('node_modules/') + 13)
      : url.includes('/server/')
        ? url.slice(url.indexOf('/server/') + 1)
        : url || '(native)';
    const where = `${short}${url ? `:${n.callFrame.lineNumber + 1}` : ''}`;
    const fn = n.callFrame.functionName || '(anonymous)';
    const key = `${fn} ${where}`;
    const e = self.get(key) ?? { fn, where, us: 0 };
    e.us += dt;
    self.set(key, e);
  }
  const entries = [...self.values()]
    .sort((a, b) => b.us - a.us)
    .slice(0, 25)
    .map((e) => ({
      fn: e.fn,
      where: e.where,
      selfMs: Math.round(e.us / 100) / 10,
      share: total ? e.us / total : 0,
    }));
  return { entries, busyMs: Math.round(total / 1000) };
}

let session: Session | null = null;
async function profile(on: boolean): Promise<void> {
  if (on) {
    session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: SAMPLING_US });
    await session.post('Profiler.start');
    post({ type: 'profiling' });
    return;
  }
  if (!session) return;
  const { profile: p } = (await session.post('Profiler.stop')) as { profile: CpuProfile };
  session.disconnect();
  session = null;
  post({ type: 'profiled', ...summarise(p), profile: JSON.stringify(p) });
}

async function main(): Promise<void> {
  const init = workerData as WorkerInit;
  const t0 = performance.now();
  const booted = await boot(loadConfig(init.env), { log: () => undefined });
  await booted.app.listen({ port: 0, host: '127.0.0.1' });
  const bootMs = performance.now() - t0;

  // The framework's ceiling on this machine: Fastify with a JSON route and nothing else.
  const bare = Fastify({ logger: false });
  bare.get('/hello', async () => ({ hello: 'world' }));
  await bare.listen({ port: 0, host: '127.0.0.1' });

  port?.on('message', (m: ToWorker) => {
    switch (m.type) {
      case 'capture':
        if (m.on) {
          captured = [];
          capturing = true;
        } else {
          capturing = false;
          post({ type: 'captured', statements: captured });
          captured = [];
        }
        break;
      case 'profile':
        void profile(m.on);
        break;
      case 'stop':
        void (async () => {
          await bare.close();
          await booted.stop();
          post({ type: 'stopped' });
        })();
        break;
    }
  });
  post({
    type: 'ready',
    appPort: (booted.app.server.address() as AddressInfo).port,
    barePort: (bare.server.address() as AddressInfo).port,
    bootMs,
  });
}

main().catch((err: unknown) => {
  post({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
});
