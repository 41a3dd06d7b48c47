import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { checkDatabase, createDb } from '../src/db/database.js';
import { ensureDatabase, startEmbeddedPostgres, type EmbeddedServer } from '../src/db/embedded.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { loadReferenceData } from '../src/modules/reference/index.js';
import { withDatabase } from './db.js';

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- vitest's ProvidedContext is an interface
  export interface ProvidedContext {
    dbAdminUrl: string;
    dbTemplate: string;
  }
}

/**
 * One PostgreSQL per test run: TEST_DATABASE_URL, else DATABASE_URL, else an embedded server in a
 * temporary directory. A template database is migrated and loaded with reference data once; each
 * worker clones it (setup-worker.ts), so workers never see each other's rows.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  let embedded: EmbeddedServer | null = null;
  let tmpDir: string | null = null;
  let adminUrl: string;
  if (external) {
    adminUrl = external;
  } else {
    tmpDir = await mkdtemp(path.join(process.cwd(), '.test-data-'));
    // As root, PostgreSQL runs as the postgres OS user, which must reach the directory.
    await chmod(tmpDir, 0o755);
    embedded = await startEmbeddedPostgres({ dir: path.join(tmpDir, 'postgres'), database: 'postgres' });
    adminUrl = embedded.adminUrl;
  }
  const runId = randomBytes(4).toString('hex');
  const template = `jiuye_t_${runId}`;
  await ensureDatabase(adminUrl, template);
  const db = createDb(withDatabase(adminUrl, template), 2);
  try {
    await checkDatabase(db);
    await migrateToLatest(db);
    await loadReferenceData(db);
  } finally {
    await db.destroy();
  }
  project.provide('dbAdminUrl', adminUrl);
  project.provide('dbTemplate', template);

  return async () => {
    if (embedded) {
      await embedded.stop();
      if (tmpDir) await rm(tmpDir, { recursive: true, force: true });
      return;
    }
    // External server: drop what this run created.
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      const r = await client.query<{ datname: string }>(
        'SELECT datname FROM pg_database WHERE datname LIKE $1',
        [`${template}%`],
      );
      for (const { datname } of r.rows) {
        await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(datname)} WITH (FORCE)`);
      }
    } finally {
      await client.end();
    }
  };
}
