import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';

export type MfaRow = {
  userId: string;
  secretSealed: string | null;
  pendingSecretSealed: string | null;
  confirmedAt: Date | null;
  lastUsedStep: number | null;
  failedCount: number;
  lastFailedAt: Date | null;
};

const MFA_COLUMNS = [
  'userId',
  'secretSealed',
  'pendingSecretSealed',
  'confirmedAt',
  'lastUsedStep',
  'failedCount',
  'lastFailedAt',
] as const;

export async function findMfa(db: Executor, userId: string, forUpdate = false): Promise<MfaRow | undefined> {
  let q = db.selectFrom('userMfa').select(MFA_COLUMNS).where('userId', '=', userId);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function enrolledUserIds(db: Executor, userIds: string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('userMfa')
    .select('userId')
    .where('userId', 'in', userIds)
    .where('secretSealed', 'is not', null)
    .execute();
  return new Set(rows.map((r) => r.userId));
}

export async function setPendingSecret(db: Executor, userId: string, sealed: string): Promise<void> {
  await db
    .insertInto('userMfa')
    .values({ userId, pendingSecretSealed: sealed, secretSealed: null })
    .onConflict((oc) =>
      oc.column('userId').doUpdateSet({ pendingSecretSealed: sealed, updatedAt: sql<Date>`now()` }),
    )
    .execute();
}

/** Makes the pending secret the confirmed one; `step` is the code's step (it cannot be replayed). */
export async function confirmSecret(db: Executor, userId: string, step: number, now: Date): Promise<void> {
  await db
    .updateTable('userMfa')
    .set({
      secretSealed: sql<string>`pending_secret_sealed`,
      pendingSecretSealed: null,
      confirmedAt: now,
      lastUsedStep: step,
      failedCount: 0,
      lastFailedAt: null,
      updatedAt: sql<Date>`now()`,
    })
    .where('userId', '=', userId)
    .where('pendingSecretSealed', 'is not', null)
    .execute();
}

/**
 * Records an accepted code: only if its step is later than the last one used (a concurrent request
 * with the same code loses here). Answers whether this call won.
 */
export async function useStep(db: Executor, userId: string, step: number): Promise<boolean> {
  const r = await db
    .updateTable('userMfa')
    .set({ lastUsedStep: step, failedCount: 0, lastFailedAt: null, updatedAt: sql<Date>`now()` })
    .where('userId', '=', userId)
    .where((eb) => eb.or([eb('lastUsedStep', 'is', null), eb('lastUsedStep', '<', step)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function recordFailure(db: Executor, userId: string, now: Date): Promise<number> {
  const r = await db
    .insertInto('userMfa')
    .values({ userId, failedCount: 1, lastFailedAt: now })
    .onConflict((oc) =>
      oc.column('userId').doUpdateSet({
        failedCount: sql<number>`user_mfa.failed_count + 1`,
        lastFailedAt: now,
        updatedAt: sql<Date>`now()`,
      }),
    )
    .returning('failedCount')
    .executeTakeFirstOrThrow();
  return r.failedCount;
}

export async function resetFailures(db: Executor, userId: string): Promise<void> {
  await db
    .updateTable('userMfa')
    .set({ failedCount: 0, lastFailedAt: null })
    .where('userId', '=', userId)
    .execute();
}

export async function deleteMfa(db: Executor, userId: string): Promise<boolean> {
  await db.deleteFrom('mfaRecoveryCodes').where('userId', '=', userId).execute();
  const r = await db.deleteFrom('userMfa').where('userId', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function replaceRecoveryCodes(db: Executor, userId: string, hashes: string[]): Promise<void> {
  await db.deleteFrom('mfaRecoveryCodes').where('userId', '=', userId).execute();
  await db
    .insertInto('mfaRecoveryCodes')
    .values(hashes.map((codeHash) => ({ userId, codeHash })))
    .execute();
}

/** Marks an unused recovery code used; answers whether there was one (each works once). */
export async function useRecoveryCode(
  db: Executor,
  userId: string,
  codeHash: string,
  now: Date,
): Promise<boolean> {
  const r = await db
    .updateTable('mfaRecoveryCodes')
    .set({ usedAt: now })
    .where('userId', '=', userId)
    .where('codeHash', '=', codeHash)
    .where('usedAt', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function countUnusedRecoveryCodes(db: Executor, userId: string): Promise<number> {
  const r = await db
    .selectFrom('mfaRecoveryCodes')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('userId', '=', userId)
    .where('usedAt', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
