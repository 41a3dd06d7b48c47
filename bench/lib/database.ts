import { chmod, mkdir } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { checkDatabase, createDb } from '../../server/src/db/database.js';
import { ensureDatabase, startEmbeddedPostgres, type EmbeddedServer } from '../../server/src/db/embedded.js';
import { migrateToLatest } from '../../server/src/db/migrate.js';
import { loadReferenceData } from '../../server/src/modules/reference/index.js';

export type BenchDatabase = {
  /** The bench database (e.g. jiuye_bench_small). */
  url: string;
  adminUrl: string;
  embedded: EmbeddedServer | null;
  /** The cluster's data directory when embedded, for the process monitor. */
  clusterDir: string | null;
  /** Drops the bench database and creates it again, migrated and with reference data. */
  recreate(): Promise<void>;
  stop(): Promise<void>;
};

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * The PostgreSQL the benchmark runs on: BENCH_DATABASE_URL (an existing server; the bench creates
 * its own database there) or else the embedded PostgreSQL 15 with its cluster under `dataDir`
 * (never the app's ./data). `fresh` drops the bench database first.
 */
export async function openBenchDatabase(opts: {
  dataDir: string;
  database: string;
  fresh: boolean;
  log: (line: string) => void;
}): Promise<BenchDatabase> {
  let embedded: EmbeddedServer | null = null;
  let adminUrl: string;
  let clusterDir: string | null = null;
  const external = process.env.BENCH_DATABASE_URL;
  if (external) {
    adminUrl = external;
  } else {
    await mkdir(opts.dataDir, { recursive: true });
    // As root, PostgreSQL runs as the postgres OS user, which must reach the directory.
    await chmod(opts.dataDir, 0o755);
    clusterDir = path.join(opts.dataDir, 'postgres');
    opts.log(`Starting embedded PostgreSQL in ${clusterDir} …`);
    embedded = await startEmbeddedPostgres({ dir: clusterDir, database: 'postgres' });
    adminUrl = embedded.adminUrl;
  }
  const url = withDatabase(adminUrl, opts.database);
  const prepare = async (fresh: boolean) => {
    if (fresh) await dropDatabase(adminUrl, opts.database);
    await ensureDatabase(adminUrl, opts.database);
    const db = createDb(url, 2);
    try {
      await checkDatabase(db);
      await migrateToLatest(db);
      await loadReferenceData(db);
    } finally {
      await db.destroy();
    }
  };
  try {
    await prepare(opts.fresh);
    const server = embedded;
    return {
      url,
      adminUrl,
      embedded,
      clusterDir,
      recreate: () => prepare(true),
      stop: async () => {
        if (server) await server.stop();
      },
    };
  } catch (err) {
    if (embedded) await embedded.stop();
    throw err;
  }
}

async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
