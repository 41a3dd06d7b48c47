import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen history */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`SELECT 1`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`SELECT 1`.execute(db);
}
