import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createUser } from '../../test/factories.js';
import { createEnterprise, createPosting } from '../../test/channel-factories.js';
import { withDatabase } from '../../test/db.js';
import { backupDatabase, BackupError, findClientTool, manifestPath, restoreDatabase } from './backup.js';
import { createDb, type Db } from './database.js';
import { ensureDatabase } from './embedded.js';
import { refreshCodeChecker } from '../modules/reference/index.js';

const adminUrl = inject('dbAdminUrl');
const template = inject('dbTemplate');
// Named after the run's template, so the global teardown drops them with the rest.
const source = `${template}_bk_src`;
const target = `${template}_bk_dst`;

/** A checksum of a table's rows in a stable order. */
async function checksum(url: string, table: string): Promise<string> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query<{ md5: string }>(
      `SELECT md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS md5 FROM ${pg.escapeIdentifier(table)} t`,
    );
    return r.rows[0]!.md5;
  } finally {
    await c.end();
  }
}

describe('npm run backup / restore', () => {
  let dir: string;
  let db: Db;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'jiuye-backup-'));
    for (let attempt = 0; ; attempt++) {
      try {
        await ensureDatabase(adminUrl, source, template);
        break;
      } catch (err) {
        if (attempt >= 20 || !String(err).includes('being accessed by other users')) throw err;
        await new Promise((r) => setTimeout(r, 150 + Math.random() * 200));
      }
    }
    db = createDb(withDatabase(adminUrl, source), 2);
    await refreshCodeChecker(db);
  });
  afterAll(async () => {
    await db?.destroy();
    await rm(dir, { recursive: true, force: true });
  });

  it('round-trips a migrated database with data: same row counts, checksums and migrations', async () => {
    await createUser(db, { role: 'seeker', displayName: '备份测试' });
    const owner = await createUser(db, { role: 'employer' });
    const ent = await createEnterprise(db, { ownerUserId: owner.id, ownerPhone: owner.phone });
    await createPosting(db, ent);
    const srcUrl = withDatabase(adminUrl, source);
    const dstUrl = withDatabase(adminUrl, target);

    const out = path.join(dir, 'jiuye.dump');
    const manifest = await backupDatabase({ url: srcUrl, out });
    expect(manifest.tables.users).toBeGreaterThanOrEqual(2);
    expect(manifest.tables.enterprises).toBeGreaterThanOrEqual(1);
    expect(manifest.migrations.length).toBeGreaterThan(5);

    // Into a database that does not exist yet (created), then again over it (--clean --if-exists).
    for (let round = 0; round < 2; round++) {
      const report = await restoreDatabase({ url: dstUrl, file: out });
      expect(report.manifestChecked).toBe(true);
      expect(report.mismatches).toEqual([]);
      expect(report.tables).toEqual(manifest.tables);
      expect(report.pendingMigrations).toEqual([]);
      expect(report.unknownMigrations).toEqual([]);
    }
    for (const table of ['users', 'enterprises', 'job_postings', 'schema_migrations', 'regions']) {
      expect(await checksum(dstUrl, table), table).toBe(await checksum(srcUrl, table));
    }

    // A tampered dump is refused before anything is touched.
    const bad = path.join(dir, 'bad.dump');
    await writeFile(bad, 'not a dump');
    await writeFile(manifestPath(bad), JSON.stringify({ ...manifest, sha256: '0' }));
    await expect(restoreDatabase({ url: dstUrl, file: bad })).rejects.toThrow(BackupError);
  }, 90_000);

  it('explains how to get client tools of the right major version', async () => {
    await expect(findClientTool('pg_dump', 99)).rejects.toThrow(/postgresql-client-99/);
  });
});
