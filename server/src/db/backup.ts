import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { chmod, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import type { Config } from '../config.js';
import { ensureDatabase, readCredentials, runningClusterPort, startEmbeddedPostgres } from './embedded.js';
import { MIGRATIONS } from './migrations/index.js';

const execFileAsync = promisify(execFile);

/** Written beside every dump: what the dump holds, counted in the very snapshot pg_dump saved. */
export type BackupManifest = {
  format: 'jiuye-backup-1';
  createdAt: string;
  database: string;
  serverVersion: string;
  pgDumpVersion: string;
  /** Rows per table of the public schema (exact counts in the dump's snapshot). */
  tables: Record<string, number>;
  /** Applied migrations (schema_migrations) in the dump. */
  migrations: string[];
  sha256: string;
  bytes: number;
};

export class BackupError extends Error {}

export function installHint(major: number): string {
  return (
    `Install the PostgreSQL ${major} client tools (pg_dump, pg_restore of the server's major version): ` +
    `on Debian/Ubuntu \`apt-get install postgresql-client-${major}\` (Debian 12 ships 15; elsewhere add ` +
    `the PGDG repository, https://wiki.postgresql.org/wiki/Apt), on macOS \`brew install postgresql@${major}\`; ` +
    `or point PG_BIN_DIR at the folder holding them. The embedded PostgreSQL package ships no client tools.`
  );
}

async function toolMajor(file: string): Promise<number | null> {
  try {
    const { stdout } = await execFileAsync(file, ['--version']);
    const m = /\(PostgreSQL\)\s+(\d+)/.exec(stdout);
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/**
 * pg_dump / pg_restore whose major version is the server's: PG_BIN_DIR, then Debian's
 * /usr/lib/postgresql/<major>/bin, Homebrew's and PGDG's folders, then every PATH entry.
 */
export async function findClientTool(name: 'pg_dump' | 'pg_restore', major: number): Promise<string> {
  const dirs = [
    process.env.PG_BIN_DIR,
    `/usr/lib/postgresql/${major}/bin`,
    `/usr/pgsql-${major}/bin`,
    `/opt/homebrew/opt/postgresql@${major}/bin`,
    `/usr/local/opt/postgresql@${major}/bin`,
    ...(process.env.PATH ?? '').split(path.delimiter),
  ].filter((d): d is string => !!d);
  const seen: string[] = [];
  for (const dir of dirs) {
    const file = path.join(dir, name);
    if (!existsSync(file)) continue;
    const found = await toolMajor(file);
    if (found === major) return file;
    seen.push(`${file} (${found ?? '?'})`);
  }
  throw new BackupError(
    `No ${name} of PostgreSQL ${major} found${seen.length ? `; found other versions: ${seen.join(', ')}` : ''}. ${installHint(major)}`,
  );
}

/** libpq's environment for a URL: the password travels in PGPASSWORD, never on the command line. */
function libpqEnv(url: string): { env: NodeJS.ProcessEnv; dbname: string } {
  const u = new URL(url);
  const env: NodeJS.ProcessEnv = { ...process.env };
  env.PGPASSWORD = decodeURIComponent(u.password);
  u.password = '';
  if (!env.PGPASSWORD) delete env.PGPASSWORD;
  return { env, dbname: u.toString() };
}

function run(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(out);
      else reject(new BackupError(`${path.basename(file)} failed (exit ${code}): ${err.trim()}`));
    });
  });
}

async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export function manifestPath(dumpFile: string): string {
  return `${dumpFile}.manifest.json`;
}

async function serverInfo(client: pg.Client): Promise<{ major: number; version: string }> {
  const r = await client.query<{ num: string; v: string }>(
    `SELECT current_setting('server_version_num') AS num, current_setting('server_version') AS v`,
  );
  return { major: Math.floor(Number(r.rows[0]!.num) / 10000), version: r.rows[0]!.v };
}

/** Exact row counts of every table of the public schema, and the applied migrations. */
export async function databaseState(
  client: pg.Client | pg.PoolClient,
): Promise<{ tables: Record<string, number>; migrations: string[] }> {
  const t = await client.query<{ tablename: string }>(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  );
  const tables: Record<string, number> = {};
  for (const { tablename } of t.rows) {
    const c = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM public.${pg.escapeIdentifier(tablename)}`,
    );
    tables[tablename] = Number(c.rows[0]!.n);
  }
  const migrations =
    'schema_migrations' in tables
      ? (
          await client.query<{ name: string }>('SELECT name FROM public.schema_migrations ORDER BY name')
        ).rows.map((r) => r.name)
      : [];
  return { tables, migrations };
}

/**
 * A consistent backup in pg_dump's custom format (-Fc): a REPEATABLE READ transaction exports its
 * snapshot, the row counts are taken in it and pg_dump dumps exactly that snapshot, so the
 * manifest describes the dump. Safe while Jiuye runs. The dump goes to `<out>.partial` and is
 * renamed when complete and listed back by pg_restore.
 */
export async function backupDatabase(opts: {
  url: string;
  out: string;
  log?: (line: string) => void;
}): Promise<BackupManifest> {
  const log = opts.log ?? (() => undefined);
  const out = path.resolve(opts.out);
  const partial = `${out}.partial`;
  const client = new pg.Client({ connectionString: opts.url });
  await client.connect();
  try {
    const server = await serverInfo(client);
    const pgDump = await findClientTool('pg_dump', server.major);
    const pgRestore = await findClientTool('pg_restore', server.major);
    const pgDumpVersion = (await execFileAsync(pgDump, ['--version'])).stdout.trim();
    log(`Using ${pgDump} (${pgDumpVersion}) for PostgreSQL ${server.version}`);
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const snap = await client.query<{ s: string }>('SELECT pg_export_snapshot() AS s');
    const state = await databaseState(client);
    const { env, dbname } = libpqEnv(opts.url);
    await run(
      pgDump,
      [
        '--format=custom',
        `--snapshot=${snap.rows[0]!.s}`,
        '--no-owner',
        `--file=${partial}`,
        `--dbname=${dbname}`,
      ],
      env,
    );
    await client.query('COMMIT');
    // The archive must list back, with the data of every counted table.
    const toc = await run(pgRestore, ['--list', partial], env);
    const missing = Object.keys(state.tables).filter((t) => !new RegExp(`TABLE DATA public ${t} `).test(toc));
    if (missing.length > 0) throw new BackupError(`The dump lacks the data of: ${missing.join(', ')}`);
    await chmod(partial, 0o600); // personal data, sealed fields included
    await rename(partial, out);
    const manifest: BackupManifest = {
      format: 'jiuye-backup-1',
      createdAt: new Date().toISOString(),
      database: new URL(opts.url).pathname.slice(1),
      serverVersion: server.version,
      pgDumpVersion,
      tables: state.tables,
      migrations: state.migrations,
      sha256: await sha256File(out),
      bytes: (await stat(out)).size,
    };
    await writeFile(manifestPath(out), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
    return manifest;
  } catch (err) {
    await unlink(partial).catch(() => undefined);
    throw err;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export type RestoreReport = {
  database: string;
  tables: Record<string, number>;
  migrations: string[];
  /** Migrations the code has that the restored database lacks: applied at the next start. */
  pendingMigrations: string[];
  /** Migrations in the database the code does not know: the dump is from a newer version. */
  unknownMigrations: string[];
  /** Tables whose count differs from the manifest (empty when it matches or there is none). */
  mismatches: string[];
  manifestChecked: boolean;
};

/**
 * Restores a custom-format dump into the database at `url` (created if missing) in one
 * transaction with --clean --if-exists: into an empty database or over an existing one (all or
 * nothing). Then verifies the row counts against the manifest beside the dump and the migration
 * table against the code. Stop Jiuye before restoring over the database it uses.
 */
export async function restoreDatabase(opts: {
  url: string;
  file: string;
  log?: (line: string) => void;
}): Promise<RestoreReport> {
  const log = opts.log ?? (() => undefined);
  const file = path.resolve(opts.file);
  if (!existsSync(file)) throw new BackupError(`No such dump: ${file}`);
  const manifestFile = manifestPath(file);
  const manifest = existsSync(manifestFile)
    ? (JSON.parse(await readFile(manifestFile, 'utf8')) as BackupManifest)
    : null;
  if (manifest) {
    const sum = await sha256File(file);
    if (sum !== manifest.sha256) {
      throw new BackupError(
        `${file} does not match its manifest (sha256 ${sum}, expected ${manifest.sha256})`,
      );
    }
  } else {
    log(`No manifest at ${manifestFile}: restoring without comparing row counts`);
  }
  const u = new URL(opts.url);
  const database = decodeURIComponent(u.pathname.slice(1));
  const admin = new URL(opts.url);
  admin.pathname = '/postgres';
  if (await ensureDatabase(admin.toString(), database)) log(`Created database ${database}`);

  const client = new pg.Client({ connectionString: opts.url });
  await client.connect();
  try {
    const server = await serverInfo(client);
    const pgRestore = await findClientTool('pg_restore', server.major);
    log(`Using ${pgRestore} for PostgreSQL ${server.version}`);
    const { env, dbname } = libpqEnv(opts.url);
    await run(
      pgRestore,
      [
        '--clean',
        '--if-exists',
        '--no-owner',
        '--single-transaction',
        '--exit-on-error',
        `--dbname=${dbname}`,
        file,
      ],
      env,
    );
    const state = await databaseState(client);
    const known = Object.keys(MIGRATIONS).sort();
    const mismatches = manifest
      ? [...new Set([...Object.keys(manifest.tables), ...Object.keys(state.tables)])].filter(
          (t) => manifest.tables[t] !== state.tables[t],
        )
      : [];
    if (manifest && manifest.migrations.join('\n') !== state.migrations.join('\n')) {
      mismatches.push('schema_migrations (names)');
    }
    return {
      database,
      tables: state.tables,
      migrations: state.migrations,
      pendingMigrations: known.filter((m) => !state.migrations.includes(m)),
      unknownMigrations: state.migrations.filter((m) => !known.includes(m)),
      mismatches,
      manifestChecked: manifest !== null,
    };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * The database the app is configured for: DATABASE_URL, or the embedded one under the data
 * folder — the running cluster (port from its postmaster.pid) or one started for the job.
 */
export async function openConfiguredDatabase(
  config: Config,
  log: (line: string) => void = () => undefined,
): Promise<{ url: string; close(): Promise<void> }> {
  if (config.DATABASE_URL) return { url: config.DATABASE_URL, close: async () => undefined };
  const dir = path.join(config.dataDir, 'postgres');
  if (!existsSync(path.join(dir, 'PG_VERSION'))) {
    throw new BackupError(`No DATABASE_URL and no embedded database in ${dir}`);
  }
  const creds = await readCredentials(dir);
  const port = await runningClusterPort(dir);
  if (port && creds) {
    log(`Embedded PostgreSQL running on 127.0.0.1:${port}`);
    return {
      url: `postgres://postgres:${encodeURIComponent(creds.password)}@127.0.0.1:${port}/jiuye`,
      close: async () => undefined,
    };
  }
  log(`Starting the embedded PostgreSQL in ${dir} for this job …`);
  const embedded = await startEmbeddedPostgres({ dir, database: 'jiuye' });
  return { url: embedded.url, close: () => embedded.stop() };
}
