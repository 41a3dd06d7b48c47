import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';

export async function insertSession(
  db: Executor,
  s: {
    tokenHash: Buffer;
    userId: string;
    idleTimeoutSeconds: number;
    expiresAt: Date;
    ip: string | null;
    userAgent: string | null;
    now: Date;
  },
): Promise<string> {
  const row = await db
    .insertInto('sessions')
    .values({
      tokenHash: s.tokenHash,
      userId: s.userId,
      idleTimeoutSeconds: s.idleTimeoutSeconds,
      expiresAt: s.expiresAt,
      ip: s.ip,
      userAgent: s.userAgent?.slice(0, 300) ?? null,
      lastSeenAt: s.now,
      createdAt: s.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export type LiveSession = {
  sessionId: string;
  userId: string;
  role: string;
  districtCodes: string[];
  mustChangePassword: boolean;
  lastSeenAt: Date;
};

/**
 * The session behind a cookie, if it is still alive: not revoked, within its absolute and idle
 * limits, and its user still active (disabling a user stops every session at once).
 */
export async function findLiveSession(
  db: Executor,
  tokenHash: Buffer,
  now: Date,
): Promise<LiveSession | undefined> {
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.userId')
    .select([
      's.id as sessionId',
      'u.id as userId',
      'u.role',
      'u.districtCodes',
      'u.mustChangePassword',
      's.lastSeenAt',
    ])
    .where('s.tokenHash', '=', tokenHash)
    .where('s.revokedAt', 'is', null)
    .where('s.expiresAt', '>', now)
    .where(sql<boolean>`s.last_seen_at + make_interval(secs => s.idle_timeout_seconds) > ${now}`)
    .where('u.status', '=', 'active')
    .executeTakeFirst();
}

export async function touchSession(db: Executor, sessionId: string, now: Date): Promise<void> {
  await db.updateTable('sessions').set({ lastSeenAt: now }).where('id', '=', sessionId).execute();
}

export async function revokeSession(
  db: Executor,
  sessionId: string,
  reason: string,
  now: Date,
): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revokedAt: now, revokedReason: reason })
    .where('id', '=', sessionId)
    .where('revokedAt', 'is', null)
    .execute();
}

/** Ends every live session of a user, optionally keeping one (the caller's own after a password change). */
export async function revokeUserSessions(
  db: Executor,
  userId: string,
  reason: string,
  now: Date,
  exceptSessionId?: string,
): Promise<number> {
  let q = db
    .updateTable('sessions')
    .set({ revokedAt: now, revokedReason: reason })
    .where('userId', '=', userId)
    .where('revokedAt', 'is', null);
  if (exceptSessionId) q = q.where('id', '<>', exceptSessionId);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function findLiveToken(db: Executor, tokenHash: Buffer, now: Date) {
  return db
    .selectFrom('apiTokens')
    .select(['id', 'name', 'scopes', 'lastUsedAt'])
    .where('tokenHash', '=', tokenHash)
    .where('revokedAt', 'is', null)
    .where((eb) => eb.or([eb('expiresAt', 'is', null), eb('expiresAt', '>', now)]))
    .executeTakeFirst();
}

export async function touchToken(db: Executor, tokenId: string, now: Date): Promise<void> {
  await db.updateTable('apiTokens').set({ lastUsedAt: now }).where('id', '=', tokenId).execute();
}
