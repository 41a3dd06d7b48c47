import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDb, workerDatabaseUrl } from '../../../test/db.js';
import type { Db } from '../../db/database.js';
import { writeAudit } from '../../platform/audit.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../../../..');

async function verifyScript(): Promise<{ code: number; out: string }> {
  try {
    const r = await run(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/audit-verify.ts')], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: workerDatabaseUrl(), NODE_ENV: 'test', LOG_LEVEL: 'silent' },
      timeout: 60_000,
    });
    return { code: 0, out: r.stdout + r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

let db: Db;
beforeAll(async () => {
  db = await testDb();
});
afterAll(async () => {
  // testDb is shared by the file; vitest closes the worker.
});

describe('npm run audit:verify', () => {
  it('exits 0 on an intact chain and 1 naming the first broken row', { timeout: 120_000 }, async () => {
    await db
      .transaction()
      .execute((tx) =>
        writeAudit(tx, null, { action: 'test.script', entityType: 'test', summary: { v: 1 } }),
      );
    const ok = await verifyScript();
    expect(ok.out).toContain('intact');
    expect(ok.code).toBe(0);

    const { seq } = await db
      .selectFrom('auditLog')
      .select('seq')
      .where('action', '=', 'test.script')
      .executeTakeFirstOrThrow();
    const setAction = (a: string) =>
      db.transaction().execute(async (tx) => {
        await sql`ALTER TABLE audit_log DISABLE TRIGGER USER`.execute(tx);
        await sql`UPDATE audit_log SET action = ${a} WHERE seq = ${seq}`.execute(tx);
        await sql`ALTER TABLE audit_log ENABLE TRIGGER USER`.execute(tx);
      });
    await setAction('test.script.edited');
    try {
      const broken = await verifyScript();
      expect(broken.code).toBe(1);
      expect(broken.out).toContain(`edited at seq ${seq}`);
    } finally {
      await setAction('test.script');
    }
  });
});
