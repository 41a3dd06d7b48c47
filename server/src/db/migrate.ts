import { Migrator, sql, type MigrationProvider } from 'kysely';
import type { Db } from './database.js';
import { MIGRATIONS } from './migrations/index.js';

const provider: MigrationProvider = { getMigrations: () => Promise.resolve(MIGRATIONS) };

/**
 * Applies pending migrations; concurrent starters serialise on Kysely's migration lock. They run
 * on one connection without the pool's statement timeout (30 s for requests): building an index
 * on a province's five million résumés takes longer than any request may.
 */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const { error, results } = await db.connection().execute(async (conn) => {
    await sql`SET statement_timeout = 0`.execute(conn);
    try {
      const migrator = new Migrator({
        db: conn,
        provider,
        migrationTableName: 'schema_migrations',
        migrationLockTableName: 'schema_migrations_lock',
      });
      return await migrator.migrateToLatest();
    } finally {
      await sql`RESET statement_timeout`.execute(conn);
    }
  });
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(
      `Migration ${failed?.migrationName ?? '?'} failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`,
      { cause: error },
    );
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
