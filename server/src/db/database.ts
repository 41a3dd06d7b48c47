import { CamelCasePlugin, Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** What repository functions take first: the database or the caller's transaction. */
export type Executor = Db | Tx;

// bigint (int8) columns such as counts come back as strings by default; our counts fit in a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10));
// `date` columns stay 'YYYY-MM-DD' strings: a Date would shift them by the server's time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export function createDb(connectionString: string, poolSize = 10): Db {
  const pool = new pg.Pool({
    connectionString,
    max: poolSize,
    application_name: 'jiuye',
    // A stuck query must not hold a request forever.
    statement_timeout: 30_000,
  });
  // An idle client losing its connection (database restart, shutdown) must not crash the process;
  // the next query gets a fresh connection or a clear error.
  pool.on('error', (err: Error & { code?: string }) => {
    // 57P01 admin_shutdown: the server is stopping (Ctrl-C reaches the embedded server too).
    if (err.code !== '57P01') console.error(`PostgreSQL connection error: ${err.message}`);
  });
  return new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    plugins: [new CamelCasePlugin()],
  });
}

export type DurabilitySettings = { fsync: string; fullPageWrites: string };

/** A server with fsync or full_page_writes off can lose committed payouts in a crash: refuse it. */
export function durabilityProblems(s: DurabilitySettings): string[] {
  const problems: string[] = [];
  if (s.fsync !== 'on') problems.push(`fsync is "${s.fsync}", must be "on"`);
  if (s.fullPageWrites !== 'on') problems.push(`full_page_writes is "${s.fullPageWrites}", must be "on"`);
  return problems;
}

export async function checkDatabase(db: Db): Promise<void> {
  const r = await sql<{
    fsync: string;
    fullPageWrites: string;
    serverVersionNum: string;
  }>`SELECT current_setting('fsync') AS fsync, current_setting('full_page_writes') AS full_page_writes,
            current_setting('server_version_num') AS server_version_num`.execute(db);
  const row = r.rows[0];
  if (!row) throw new Error('Database self-check returned no row');
  const problems = durabilityProblems(row);
  if (Number(row.serverVersionNum) < 150000) {
    problems.push(`PostgreSQL ${row.serverVersionNum} is too old: version 15 or newer is required`);
  }
  if (problems.length > 0) {
    throw new Error(`Database self-check failed:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}
