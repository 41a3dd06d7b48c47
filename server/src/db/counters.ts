import { sql } from 'kysely';
import type { Executor } from './database.js';
import type { Database } from './schema.js';

/**
 * Counted places on one row: students of a cohort reserved or listed, places of an enterprise's
 * demand, workers of an idle-workforce declaration. `count` must stay within `capacity`; a CHECK
 * (count <= capacity) on the table is the database's last word, these UPDATEs are the first.
 * Names are the TypeScript (camelCase) ones; the CamelCasePlugin maps them to columns.
 */
export type Counter<T extends keyof Database = keyof Database> = Readonly<{
  table: T;
  count: keyof Database[T] & string;
  capacity: keyof Database[T] & string;
  /** Places are taken only while the row has this status (e.g. a published cohort). */
  whileStatus?: string;
}>;

/**
 * Takes `n` places in one conditional UPDATE, so concurrent takers queue on the row and the second
 * sees the first's count. False: not enough left (or the row is not in `whileStatus`, or absent).
 */
export async function takePlaces<T extends keyof Database>(
  db: Executor,
  c: Counter<T>,
  id: string,
  n: number,
  at: Date,
): Promise<boolean> {
  const count = sql.ref(c.count);
  const r = await sql`
    UPDATE ${sql.table(c.table)} SET ${count} = ${count} + ${n}, ${sql.ref('updatedAt')} = ${at}
    WHERE ${sql.ref('id')} = ${id}
      ${c.whileStatus === undefined ? sql`` : sql`AND ${sql.ref('status')} = ${c.whileStatus}`}
      AND ${count} + ${n} <= ${sql.ref(c.capacity)}`.execute(db);
  return Number(r.numAffectedRows ?? 0) === 1;
}

/** Gives `n` places back (never below zero), whatever the row's status. */
export async function releasePlaces<T extends keyof Database>(
  db: Executor,
  c: Counter<T>,
  id: string,
  n: number,
  at: Date,
): Promise<void> {
  const count = sql.ref(c.count);
  await sql`
    UPDATE ${sql.table(c.table)} SET ${count} = greatest(${count} - ${n}, 0), ${sql.ref('updatedAt')} = ${at}
    WHERE ${sql.ref('id')} = ${id}`.execute(db);
}
