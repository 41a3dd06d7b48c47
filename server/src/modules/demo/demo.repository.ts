import { sql, type Insertable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { Database } from '../../db/schema.js';

export async function isDemoLoaded(db: Executor): Promise<boolean> {
  const r = await db
    .selectFrom('appSettings')
    .select('key')
    .where('key', '=', 'demo_loaded')
    .executeTakeFirst();
  return r !== undefined;
}

export async function markDemoLoaded(db: Executor, summary: Record<string, unknown> = {}): Promise<void> {
  await db
    .insertInto('appSettings')
    .values({ key: 'demo_loaded', value: JSON.stringify({ at: new Date().toISOString(), ...summary }) })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
}

/** Two processes starting on one database load the demo data once: the second waits, then sees it loaded. */
export async function lockDemoLoad(tx: Executor): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext('jiuye.demo_load'))`.execute(tx);
}

export async function insertDemoUser(
  db: Executor,
  u: { role: string; phone: string; displayName: string; districtCodes: string[]; passwordHash: string },
): Promise<void> {
  await db
    .insertInto('users')
    .values({
      role: u.role,
      phone: u.phone,
      displayName: u.displayName,
      districtCodes: u.districtCodes,
      passwordHash: u.passwordHash,
    })
    .onConflict((oc) => oc.column('phone').doNothing())
    .execute();
}

export async function userIdsByPhone(db: Executor, phones: string[]): Promise<Map<string, string>> {
  const rows = await db.selectFrom('users').select(['id', 'phone']).where('phone', 'in', phones).execute();
  return new Map(rows.map((r) => [r.phone, r.id]));
}

/** Phones of existing accounts in the ranges the demo numbers its accounts from (137…, 139…). */
export async function takenDemoPhones(db: Executor): Promise<Set<string>> {
  const rows = await db
    .selectFrom('users')
    .select('phone')
    .where((eb) =>
      eb.or([eb('phone', 'like', '1371%'), eb('phone', 'like', '1391%'), eb('phone', 'like', '1392%')]),
    )
    .execute();
  return new Set(rows.map((r) => r.phone));
}

/** A database that already holds enterprises is not a first start: the data set is not added to it. */
export async function hasChannelData(db: Executor): Promise<boolean> {
  const r = await db.selectFrom('enterprises').select('id').limit(1).executeTakeFirst();
  return r !== undefined;
}

export type OccupationText = { nameZh: string; nameEn: string; keywords: string[] };

export async function occupationTexts(db: Executor, codes: string[]): Promise<Map<string, OccupationText>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .selectFrom('occupations')
    .select(['code', 'nameZh', 'nameEn', 'keywords'])
    .where('code', 'in', codes)
    .execute();
  return new Map(rows.map((r) => [r.code, { nameZh: r.nameZh, nameEn: r.nameEn, keywords: r.keywords }]));
}

// ——— Bulk inserts (multi-row INSERT in batches: first start stays fast) ———

const BATCH = 400;

async function inBatches<T>(rows: readonly T[], fn: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await fn(rows.slice(i, i + BATCH));
}

export async function insertUsers(db: Executor, rows: Insertable<Database['users']>[]): Promise<void> {
  await inBatches(rows, (b) => db.insertInto('users').values(b).execute());
}

export async function insertEnterprises(
  db: Executor,
  rows: Insertable<Database['enterprises']>[],
): Promise<void> {
  await inBatches(rows, (b) => db.insertInto('enterprises').values(b).execute());
}

export async function insertMembers(
  db: Executor,
  rows: Insertable<Database['enterpriseMembers']>[],
): Promise<void> {
  await inBatches(rows, (b) => db.insertInto('enterpriseMembers').values(b).execute());
}

export async function insertPostings(
  db: Executor,
  rows: Insertable<Database['jobPostings']>[],
): Promise<void> {
  await inBatches(rows, (b) => db.insertInto('jobPostings').values(b).execute());
}

export async function insertConsents(db: Executor, rows: Insertable<Database['consents']>[]): Promise<void> {
  await inBatches(rows, (b) => db.insertInto('consents').values(b).execute());
}

export async function insertResumes(db: Executor, rows: Insertable<Database['resumes']>[]): Promise<void> {
  await inBatches(rows, (b) => db.insertInto('resumes').values(b).execute());
}

export async function insertApplications(
  db: Executor,
  rows: Insertable<Database['applications']>[],
): Promise<void> {
  await inBatches(rows, (b) => db.insertInto('applications').values(b).execute());
}

export async function insertApplicationEvents(
  db: Executor,
  rows: Insertable<Database['applicationEvents']>[],
): Promise<void> {
  await inBatches(rows, (b) => db.insertInto('applicationEvents').values(b).execute());
}

export async function insertHires(db: Executor, rows: Insertable<Database['hires']>[]): Promise<void> {
  await inBatches(rows, (b) => db.insertInto('hires').values(b).execute());
}
