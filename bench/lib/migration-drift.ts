import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { createDb } from '../../server/src/db/database.js';
import { MIGRATIONS } from '../../server/src/db/migrations/index.js';

/**
 * A migration slot is often merged empty and filled in later, while a 1M data set takes 20 minutes
 * to generate. The bench records a hash of every migration's code beside the data set; on --reuse a
 * migration whose code changed since is re-applied (its down(), if that runs, then its up()) instead
 * of regenerating the data. The schema comparison that follows (schema-sync.ts) still decides.
 */
export function migrationHashes(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(MIGRATIONS).map(([name, m]) => [
      name,
      createHash('sha1')
        // (the same text as String(fn): a changed hash re-applies the migration once, harmlessly)
        .update(`${m.up.toString()}\n${m.down ? m.down.toString() : 'undefined'}`)
        .digest('hex'),
    ]),
  );
}

export async function recordMigrationHashes(pool: pg.Pool): Promise<void> {
  await pool.query(
    `INSERT INTO app_settings (key, value) VALUES ('bench_migrations', $1)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    [JSON.stringify(migrationHashes())],
  );
}

/** Re-applies the migrations whose code changed since the data set was generated; their names. */
export async function reapplyChangedMigrations(
  url: string,
  pool: pg.Pool,
  log: (line: string) => void,
): Promise<string[]> {
  const r = await pool.query<{ value: Record<string, string> }>(
    "SELECT value FROM app_settings WHERE key = 'bench_migrations'",
  );
  const recorded = r.rows[0]?.value;
  if (!recorded) return [];
  const now = migrationHashes();
  const changed = Object.keys(MIGRATIONS).filter((n) => recorded[n] !== undefined && recorded[n] !== now[n]);
  if (changed.length === 0) return [];
  const db = createDb(url, 1);
  try {
    for (const name of changed) {
      const m = MIGRATIONS[name];
      if (!m) continue;
      log(`  re-applying migration ${name} (its code changed since the data set was generated) …`);
      try {
        await db.transaction().execute(async (trx) => {
          await sql`SET LOCAL maintenance_work_mem = '512MB'`.execute(trx);
          await sql`SET LOCAL statement_timeout = 0`.execute(trx);
          if (m.down) await m.down(trx);
        });
      } catch {
        // The old version may not have created what today's down() drops: nothing to undo.
      }
      await db.transaction().execute(async (trx) => {
        await sql`SET LOCAL maintenance_work_mem = '512MB'`.execute(trx);
        await sql`SET LOCAL statement_timeout = 0`.execute(trx);
        await m.up(trx);
      });
    }
  } finally {
    await db.destroy();
  }
  await recordMigrationHashes(pool);
  return changed;
}
