import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { testDb, workerDatabaseUrl } from '../../test/db.js';
import { checkDatabase, createDb, durabilityProblems } from './database.js';
import { migrateToLatest } from './migrate.js';

describe('database self-check', () => {
  it('refuses fsync or full_page_writes off', () => {
    expect(durabilityProblems({ fsync: 'on', fullPageWrites: 'on' })).toEqual([]);
    expect(durabilityProblems({ fsync: 'off', fullPageWrites: 'on' })).toHaveLength(1);
    expect(durabilityProblems({ fsync: 'off', fullPageWrites: 'off' })).toHaveLength(2);
  });

  it('passes on the test server', async () => {
    await expect(checkDatabase(await testDb())).resolves.toBeUndefined();
  });

  it('keeps the audit log append-only', async () => {
    const db = await testDb();
    await db
      .insertInto('auditLog')
      .values({ action: 'test.append', entityType: 'test', summary: '{}' })
      .execute();
    await expect(
      sql`UPDATE audit_log SET action = 'x' WHERE action = 'test.append'`.execute(db),
    ).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log WHERE action = 'test.append'`.execute(db)).rejects.toThrow(
      /append-only/,
    );
  });

  it('gives the connection back with the request statement timeout after migrating', async () => {
    // One connection: the migrations' and the next request's are the same.
    const db = createDb(workerDatabaseUrl(), 1);
    try {
      expect(await migrateToLatest(db)).toEqual([]);
      const r = await sql<{ t: string }>`SELECT current_setting('statement_timeout') AS t`.execute(db);
      expect(r.rows[0]?.t).toBe('30s');
    } finally {
      await db.destroy();
    }
  });
});
