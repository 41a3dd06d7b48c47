import { existsSync } from 'node:fs';
import { mkdtemp, rm, stat, unlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import {
  credentialsFile,
  hardenDataFolder,
  PACKAGE_DEFAULT_PASSWORD,
  readCredentials,
  startEmbeddedPostgres,
  type EmbeddedServer,
  tuningFlags,
} from './embedded.js';

const mode = async (p: string) => (await stat(p)).mode & 0o777;

async function canConnect(opts: pg.ClientConfig): Promise<boolean> {
  const client = new pg.Client({ ...opts, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/** A non-loopback IPv4 address of this machine, if it has one. */
function externalAddress(): string | null {
  for (const list of Object.values(os.networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return null;
}

describe('embedded PostgreSQL hardening', () => {
  it('random password kept 0600 in an owner-only data folder, loopback only, reused and migrated', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'jiuye-embedded-'));
    const clusterDir = path.join(dataDir, 'postgres');
    let server: EmbeddedServer | null = null;
    try {
      server = await startEmbeddedPostgres({ dir: clusterDir, database: 'jiuye' });
      const creds = await readCredentials(clusterDir);
      expect(creds?.password).toBeTruthy();
      expect(creds!.password).not.toBe(PACKAGE_DEFAULT_PASSWORD);
      expect(creds!.password.length).toBeGreaterThanOrEqual(24);
      expect(await mode(credentialsFile(clusterDir))).toBe(0o600);
      // Owner only; as root the postgres OS user's group may pass through (no read, no write).
      expect([0o700, 0o710]).toContain(await mode(dataDir));
      expect(await mode(clusterDir)).toBe(0o700);
      expect(await mode(path.join(clusterDir, 'PG_VERSION'))).toBe(0o600);
      expect(await mode(path.join(clusterDir, 'postgresql.conf'))).toBe(0o600);

      const base = { host: '127.0.0.1', port: server.port, user: 'postgres', database: 'jiuye' };
      const client = new pg.Client({ ...base, password: creds!.password });
      await client.connect();
      const listen = await client.query<{ listen_addresses: string }>('SHOW listen_addresses');
      expect(listen.rows[0]!.listen_addresses).toBe('127.0.0.1');
      // Tuned for an OLTP service rather than PostgreSQL's 128 MB defaults.
      const tuned = await client.query<{ name: string; setting: string; unit: string | null }>(
        `SELECT name, setting, unit FROM pg_settings WHERE name IN ('jit', 'shared_buffers', 'random_page_cost')`,
      );
      const setting = (n: string) => tuned.rows.find((r) => r.name === n)?.setting;
      expect(setting('jit')).toBe('off');
      expect(setting('random_page_cost')).toBe('1.1');
      const expectedMb = Number(
        tuningFlags()
          .find((f) => f.startsWith('shared_buffers='))!
          .slice(15, -2),
      );
      expect((Number(setting('shared_buffers')) * 8) / 1024).toBe(expectedMb);
      await client.query('CREATE TABLE kept (v text)');
      await client.query(`INSERT INTO kept VALUES ('still here')`);
      await client.end();
      expect(await canConnect({ ...base, password: PACKAGE_DEFAULT_PASSWORD })).toBe(false);
      const external = externalAddress();
      if (external)
        expect(await canConnect({ ...base, host: external, password: creds!.password })).toBe(false);

      // Second start: same password from the file, same data.
      await server.stop();
      server = await startEmbeddedPostgres({ dir: clusterDir, database: 'jiuye' });
      expect(await readCredentials(clusterDir)).toEqual(creds);
      const again = new pg.Client({ ...base, port: server.port, password: creds!.password });
      await again.connect();
      expect((await again.query('SELECT v FROM kept')).rows).toEqual([{ v: 'still here' }]);
      // A cluster from before the hardening: the package's default password and no file.
      await again.query(`ALTER ROLE postgres PASSWORD '${PACKAGE_DEFAULT_PASSWORD}'`);
      await again.end();
      await server.stop();
      await unlink(credentialsFile(clusterDir));

      server = await startEmbeddedPostgres({ dir: clusterDir, database: 'jiuye' });
      const migrated = await readCredentials(clusterDir);
      expect(migrated!.password).not.toBe(PACKAGE_DEFAULT_PASSWORD);
      expect(migrated!.password).not.toBe(creds!.password);
      expect(await mode(credentialsFile(clusterDir))).toBe(0o600);
      expect(existsSync(`${credentialsFile(clusterDir)}.pending`)).toBe(false);
      const after = { ...base, port: server.port };
      expect(await canConnect({ ...after, password: migrated!.password })).toBe(true);
      expect(await canConnect({ ...after, password: PACKAGE_DEFAULT_PASSWORD })).toBe(false);

      // Another process hardening the same data folder without naming the cluster (an app
      // instance on DATABASE_URL, the bench's server) leaves the running cluster reachable: as
      // root the postgres OS user still passes through, and a checkpoint still finds pg_control.
      await hardenDataFolder(dataDir);
      expect(await mode(clusterDir)).toBe(0o700);
      if (os.userInfo().uid === 0) expect(await mode(dataDir)).toBe(0o710);
      const checkpoint = new pg.Client({ ...after, password: migrated!.password });
      await checkpoint.connect();
      await checkpoint.query('CHECKPOINT');
      await checkpoint.end();
      expect(await canConnect({ ...after, password: migrated!.password })).toBe(true);
    } finally {
      await server?.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
