import { sql } from 'kysely';
import type { Db } from '../src/db/database.js';

/**
 * What "nothing was stored" means in the fuzz and IDOR tests: every table's row count and the
 * newest transaction id among its live rows (xmin). A committed insert, update or delete changes
 * one of them; a rolled-back transaction changes neither.
 *
 * Some tables are written by refused requests on purpose and are left out by the caller: the audit
 * trail (failed sign-ins and denied reads are evidence), sessions (last seen), idempotency keys
 * (a refused answer is replayed for the same key), and the audit chain's head.
 */
export const WRITTEN_ON_REFUSAL = [
  'audit_log',
  'audit_chain_head',
  'sessions',
  'idempotency_keys',
  'kysely_migration',
  'kysely_migration_lock',
];

let statement: string | null = null;

export async function fingerprint(
  db: Db,
  exclude: readonly string[] = WRITTEN_ON_REFUSAL,
): Promise<Map<string, string>> {
  if (!statement) {
    const tables = await sql<{ name: string }>`
      SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r' AND NOT c.relispartition ORDER BY 1`.execute(db);
    statement = tables.rows
      .map(
        ({ name }) =>
          `SELECT '${name}' AS t, count(*)::text || ':' || coalesce(max(xmin::text::bigint), 0)::text AS f FROM "${name}"`,
      )
      .join(' UNION ALL ');
  }
  const rows = await sql<{ t: string; f: string }>`${sql.raw(statement)}`.execute(db);
  const skip = new Set(exclude);
  return new Map(rows.rows.filter((r) => !skip.has(r.t)).map((r) => [r.t, r.f]));
}

/** Tables whose fingerprint differs, for a readable failure message. */
export function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [t, f] of after) if (before.get(t) !== f) out.push(`${t} (${before.get(t) ?? 'new'} → ${f})`);
  return out;
}
