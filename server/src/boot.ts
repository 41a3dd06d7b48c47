import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp, type BuildOptions } from './app.js';
import type { Config } from './config.js';
import { checkDatabase, createDb, type Db } from './db/database.js';
import { hardenDataFolder, startEmbeddedPostgres, type EmbeddedServer } from './db/embedded.js';
import { migrateToLatest } from './db/migrate.js';
import { systemClock, type AppDeps, type Clock } from './platform/context.js';
import { loadKeys, type Keys } from './platform/crypto.js';
import { ensureFirstAdmin } from './modules/accounts/index.js';
import { loadReferenceData } from './modules/reference/index.js';
import { seedPolicyCatalogue } from './modules/policies/index.js';
import { seedKeyGroupRules } from './modules/key-groups/index.js';
import { seedWarningRules } from './modules/warnings/index.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, loadDemoData } from './modules/demo/index.js';

export type Booted = {
  app: FastifyInstance;
  deps: AppDeps;
  embedded: EmbeddedServer | null;
  firstAdmin: Awaited<ReturnType<typeof ensureFirstAdmin>>;
  demoLoadedNow: boolean;
  /** Graceful: stop accepting, drain in-flight requests (up to `drainMs`), stop jobs, close the pool. */
  stop(opts?: { drainMs?: number }): Promise<void>;
};

/** How long a graceful stop lets in-flight requests finish before cutting their connections. */
export const DRAIN_TIMEOUT_MS = 10_000;

/**
 * Closes the HTTP side gracefully: Fastify stops accepting at once (new connections are refused,
 * requests arriving on kept-alive connections get 503 — return503OnClosing), idle keep-alive
 * connections are closed, in-flight requests run to their end, then the onClose hooks stop the
 * periodic jobs. After `drainMs` the remaining connections are cut.
 */
export async function closeGracefully(
  app: FastifyInstance,
  drainMs = DRAIN_TIMEOUT_MS,
): Promise<'drained' | 'timed_out'> {
  let timer: NodeJS.Timeout | undefined;
  const closed = app.close().then(() => 'drained' as const);
  const outcome = await Promise.race([
    closed,
    new Promise<'timed_out'>((resolve) => {
      timer = setTimeout(() => resolve('timed_out'), drainMs);
    }),
  ]);
  clearTimeout(timer);
  if (outcome === 'timed_out') {
    app.log.warn({ drainMs }, 'requests still running after the drain timeout: closing their connections');
    app.server.closeAllConnections();
    await closed;
  }
  return outcome;
}

export type BootOptions = BuildOptions & { clock?: Clock; keys?: Keys; log?: (line: string) => void };

/** Database (embedded when DATABASE_URL is unset) → self-check → migrate → reference → admin → demo → app. */
export async function boot(config: Config, opts: BootOptions = {}): Promise<Booted> {
  const log = opts.log ?? ((line: string) => console.log(line));
  let embedded: EmbeddedServer | null = null;
  let url = config.DATABASE_URL;
  if (!url) {
    log(`Starting embedded PostgreSQL in ${path.join(config.dataDir, 'postgres')} …`);
    embedded = await startEmbeddedPostgres({ dir: path.join(config.dataDir, 'postgres'), database: 'jiuye' });
    url = embedded.url;
    log(`Embedded PostgreSQL 15 listening on 127.0.0.1:${embedded.port}`);
  }
  let db: Db | null = null;
  let readDb: Db | null = null;
  try {
    db = createDb(url, config.JIUYE_DB_POOL_SIZE);
    await checkDatabase(db);
    // Issue 10: search and statistics read from a streaming replica when one is configured.
    if (config.DATABASE_READ_URL) readDb = createDb(config.DATABASE_READ_URL, config.JIUYE_DB_POOL_SIZE);
    const applied = await migrateToLatest(db);
    if (applied.length > 0) log(`Applied migrations: ${applied.join(', ')}`);
    const ref = await loadReferenceData(db);
    if (ref.loaded.length > 0) log(`Loaded reference data: ${ref.loaded.join(', ')}`);
    // The starting policy catalogue (issue 5): idempotent, only codes not there yet.
    const seededPolicies = await seedPolicyCatalogue(db);
    if (seededPolicies > 0) log(`Seeded the policy catalogue: ${seededPolicies} policies`);
    // Key-group classification rules (issue 7): idempotent by seed key.
    const seededRules = await seedKeyGroupRules(db);
    if (seededRules > 0) log(`Seeded key-group rules: ${seededRules}`);
    // Early-warning rules (issue 8): idempotent by code; the sweeps run as module timers.
    const seededWarnings = await seedWarningRules(db);
    if (seededWarnings > 0) log(`Seeded early-warning rules: ${seededWarnings}`);
    const keys =
      opts.keys ??
      (await loadKeys({
        encryptionKey: config.JIUYE_ENCRYPTION_KEY,
        hmacKey: config.JIUYE_HMAC_KEY,
        dataDir: config.dataDir,
      }));
    // Owner-only data folder: the key file and the embedded database's credentials (issue 9).
    await hardenDataFolder(config.dataDir, embedded ? path.join(config.dataDir, 'postgres') : undefined);
    const deps: AppDeps = {
      config,
      db,
      readDb: readDb ?? db,
      databaseUrl: url,
      keys,
      clock: opts.clock ?? systemClock,
    };
    const firstAdmin = await ensureFirstAdmin(deps);
    const demoLoadedNow = config.JIUYE_DEMO_DATA ? await loadDemoData(deps, { log }) : false;
    const app = await buildApp(deps, opts);
    const dbRef = db;
    const readRef = readDb;
    return {
      app,
      deps,
      embedded,
      firstAdmin,
      demoLoadedNow,
      stop: async (o = {}) => {
        await closeGracefully(app, o.drainMs);
        await dbRef.destroy();
        await readRef?.destroy();
        if (embedded) await embedded.stop();
      },
    };
  } catch (err) {
    await db?.destroy();
    await readDb?.destroy();
    if (embedded) await embedded.stop();
    throw err;
  }
}

export function demoBanner(b: Booted, url: string): string {
  const lines = [
    ``,
    `就业 Jiuye is running at ${url}`,
    `  API docs: ${url}/api/docs   health: ${url}/api/health`,
  ];
  if (b.firstAdmin?.created && b.firstAdmin.password) {
    lines.push(
      `  First admin: ${b.firstAdmin.phone} / one-time password ${b.firstAdmin.password} (change it at first login; shown once)`,
    );
  } else if (b.firstAdmin) {
    lines.push(`  Admin: ${b.firstAdmin.phone} (password from JIUYE_ADMIN_PASSWORD)`);
  }
  if (b.deps.config.JIUYE_DEMO_DATA) {
    lines.push(`  Demo accounts (password ${DEMO_PASSWORD}):`);
    for (const a of DEMO_ACCOUNTS) lines.push(`    ${a.role.padEnd(8)} ${a.phone}  ${a.displayName}`);
    lines.push(`  Staff sign in with a second factor: npm run demo:totp -- <phone> prints the demo code.`);
  }
  lines.push(`  Press Ctrl-C to stop (the web server and the database stop cleanly).`, ``);
  return lines.join('\n');
}
