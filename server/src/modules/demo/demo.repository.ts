import type { Executor } from '../../db/database.js';

export async function isDemoLoaded(db: Executor): Promise<boolean> {
  const r = await db
    .selectFrom('appSettings')
    .select('key')
    .where('key', '=', 'demo_loaded')
    .executeTakeFirst();
  return r !== undefined;
}

export async function markDemoLoaded(db: Executor): Promise<void> {
  await db
    .insertInto('appSettings')
    .values({ key: 'demo_loaded', value: JSON.stringify({ at: new Date().toISOString() }) })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
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
