import { createWriteStream } from 'node:fs';
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
    // The server's own log (crashes, out-of-memory, checkpoints) beside its cluster.
    const serverLog = createWriteStream(path.join(opts.dataDir, 'postgres.log'), { flags: 'a' });
    embedded = await startEmbeddedPostgres({
      dir: clusterDir,
      database: 'postgres',
      log: (line) => serverLog.write(`${line.trimEnd()}\n`),
    });
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

// ─── bulk loads (the way pg_restore loads) ───────────────────────────────────────────────────────

/** A secondary index dropped for a bulk load, with its exact definition (pg_indexes.indexdef). */
export type DroppedIndex = { table: string; name: string; def: string };

/**
 * Drops the secondary indexes of `tables` for a bulk load: every index that is neither unique nor
 * backs a constraint (primary keys, unique constraints and unique indexes stay: the data and
 * ON CONFLICT rely on them). Their definitions are written to app_settings under `pendingKey`
 * BEFORE anything is dropped, merged with a list a failed earlier load left there, so a crash
 * between here and recreateIndexes() leaves the list to restore them (and the data set's own
 * completion marker is only written after recreateIndexes()).
 */
export async function dropSecondaryIndexes(
  client: pg.ClientBase,
  tables: readonly string[],
  pendingKey: string,
): Promise<DroppedIndex[]> {
  const present = await client.query<DroppedIndex>(
    `SELECT i.tablename AS "table", i.indexname AS name, i.indexdef AS def
       FROM pg_indexes i
       JOIN pg_class c ON c.relname = i.indexname AND c.relnamespace = 'public'::regnamespace
       JOIN pg_index x ON x.indexrelid = c.oid
      WHERE i.schemaname = 'public' AND i.tablename = ANY($1::text[])
        AND NOT x.indisunique AND NOT x.indisprimary
        AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = c.oid)
      ORDER BY i.tablename, i.indexname`,
    [tables],
  );
  const earlier = await pendingIndexes(client, pendingKey);
  const all = new Map<string, DroppedIndex>();
  for (const ix of [...earlier, ...present.rows]) all.set(ix.name, ix);
  const list = [...all.values()];
  await client.query(
    `INSERT INTO app_settings (key, value) VALUES ($1, $2)
     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
    [pendingKey, JSON.stringify(list)],
  );
  for (const ix of present.rows) await client.query(`DROP INDEX ${client.escapeIdentifier(ix.name)}`);
  return list;
}

export async function pendingIndexes(client: pg.ClientBase, pendingKey: string): Promise<DroppedIndex[]> {
  const r = await client.query<{ value: DroppedIndex[] }>('SELECT value FROM app_settings WHERE key = $1', [
    pendingKey,
  ]);
  return r.rows[0]?.value ?? [];
}

/**
 * Creates the dropped indexes again from their captured definitions (those still missing), two
 * builds at a time on their own connections, the biggest tables' GIN indexes first, with a large
 * maintenance_work_mem; then clears the pending list. Returns the seconds it took.
 */
export async function recreateIndexes(
  url: string,
  indexes: readonly DroppedIndex[],
  pendingKey: string,
  log: (line: string) => void,
  concurrency = 2,
): Promise<number> {
  const t0 = Date.now();
  const queue = [...indexes].sort(
    (a, b) => Number(b.def.includes(' USING gin ')) - Number(a.def.includes(' USING gin ')),
  );
  const worker = async () => {
    const c = new pg.Client({
      connectionString: url,
      application_name: 'jiuye-bench-gen-index',
      options: '-c maintenance_work_mem=1GB -c max_parallel_maintenance_workers=2 -c statement_timeout=0',
    });
    await c.connect();
    try {
      for (let ix = queue.shift(); ix; ix = queue.shift()) {
        const exists = await c.query<{ r: string | null }>('SELECT to_regclass($1) AS r', [
          `public.${c.escapeIdentifier(ix.name)}`,
        ]);
        if (exists.rows[0]?.r) continue;
        const t = Date.now();
        await c.query(ix.def);
        log(`    index ${ix.name} in ${((Date.now() - t) / 1000).toFixed(1)} s`);
      }
    } finally {
      await c.end();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  const c = new pg.Client({ connectionString: url, application_name: 'jiuye-bench-gen' });
  await c.connect();
  try {
    await c.query('DELETE FROM app_settings WHERE key = $1', [pendingKey]);
  } finally {
    await c.end();
  }
  return (Date.now() - t0) / 1000;
}

/** Whether the connection may set session_replication_role (a superuser: the bench's own server). */
export async function canSkipTriggers(client: pg.ClientBase): Promise<boolean> {
  const r = await client.query<{ s: boolean }>(
    'SELECT rolsuper AS s FROM pg_roles WHERE rolname = current_user',
  );
  return r.rows[0]?.s === true;
}

/**
 * What the foreign-key triggers would have checked row by row, checked once per constraint after
 * a load with session_replication_role = replica: every non-null key of `tables` must exist in the
 * referenced table (MATCH SIMPLE). Throws on the first constraint with a dangling key.
 */
export async function checkForeignKeys(client: pg.ClientBase, tables: readonly string[]): Promise<number> {
  const fks = await client.query<{ name: string; t: string; r: string; cols: string[]; refs: string[] }>(
    `SELECT c.conname AS name, c.conrelid::regclass::text AS t, c.confrelid::regclass::text AS r,
        array(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, o)
              JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.o) AS cols,
        array(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY k(n, o)
              JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.o) AS refs
       FROM pg_constraint c
      WHERE c.contype = 'f' AND c.conrelid::regclass::text = ANY($1::text[])
      ORDER BY 2, 1`,
    [tables],
  );
  const id = (s: string) => client.escapeIdentifier(s);
  for (const fk of fks.rows) {
    const notNull = fk.cols.map((col) => `x.${id(col)} IS NOT NULL`).join(' AND ');
    const match = fk.cols.map((col, i) => `y.${id(fk.refs[i] ?? '')} = x.${id(col)}`).join(' AND ');
    const bad = await client.query(
      `SELECT 1 FROM ${fk.t} x WHERE ${notNull} AND NOT EXISTS (SELECT 1 FROM ${fk.r} y WHERE ${match}) LIMIT 1`,
    );
    if ((bad.rowCount ?? 0) > 0) throw new Error(`bulk load: ${fk.t} violates ${fk.name}`);
  }
  return fks.rows.length;
}
