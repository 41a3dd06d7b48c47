import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';

/** A session waiting for its second factor lives this long at most (issue 9). */
export const MFA_PENDING_MINUTES = 10;

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
    /** Null: the second factor is still due (issue 9). */
    mfaVerifiedAt?: Date | null;
    reauthAt?: Date | null;
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
      mfaVerifiedAt: s.mfaVerifiedAt ?? null,
      reauthAt: s.reauthAt ?? null,
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
  mfaVerifiedAt: Date | null;
  reauthAt: Date | null;
  /** A confirmed TOTP secret exists (else the second factor must be enrolled). */
  mfaEnrolled: boolean;
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
  return (
    db
      .selectFrom('sessions as s')
      .innerJoin('users as u', 'u.id', 's.userId')
      .leftJoin('userMfa as m', 'm.userId', 's.userId')
      .select([
        's.id as sessionId',
        'u.id as userId',
        'u.role',
        'u.districtCodes',
        'u.mustChangePassword',
        's.lastSeenAt',
        's.mfaVerifiedAt',
        's.reauthAt',
      ])
      .select(sql<boolean>`m.secret_sealed IS NOT NULL`.as('mfaEnrolled'))
      .where('s.tokenHash', '=', tokenHash)
      .where('s.revokedAt', 'is', null)
      .where('s.expiresAt', '>', now)
      .where(sql<boolean>`s.last_seen_at + make_interval(secs => s.idle_timeout_seconds) > ${now}`)
      .where('u.status', '=', 'active')
      // Issue 9: a session still waiting for its second factor lives MFA_PENDING_MINUTES at most.
      .where((eb) =>
        eb.or([
          eb('s.mfaVerifiedAt', 'is not', null),
          eb('s.createdAt', '>', new Date(now.getTime() - MFA_PENDING_MINUTES * 60_000)),
        ]),
      )
      .executeTakeFirst()
  );
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

// ——— Issue 9: second factor, re-authentication, listing and ending sessions ———

/** The second factor passed: the session is complete, and the credentials were just proved. */
export async function markSessionMfaVerified(db: Executor, sessionId: string, now: Date): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ mfaVerifiedAt: now, reauthAt: now, lastSeenAt: now })
    .where('id', '=', sessionId)
    .execute();
}

export async function markSessionReauth(db: Executor, sessionId: string, now: Date): Promise<void> {
  await db.updateTable('sessions').set({ reauthAt: now }).where('id', '=', sessionId).execute();
}

export type SessionRow = {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  ip: string | null;
  userAgent: string | null;
};

/** A user's live sessions (not revoked, within both limits), the most recently used first. */
export async function listLiveSessions(db: Executor, userId: string, now: Date): Promise<SessionRow[]> {
  return db
    .selectFrom('sessions')
    .select(['id', 'createdAt', 'lastSeenAt', 'expiresAt', 'ip', 'userAgent'])
    .where('userId', '=', userId)
    .where('revokedAt', 'is', null)
    .where('expiresAt', '>', now)
    .where(sql<boolean>`last_seen_at + make_interval(secs => idle_timeout_seconds) > ${now}`)
    .where((eb) =>
      eb.or([
        eb('mfaVerifiedAt', 'is not', null),
        eb('createdAt', '>', new Date(now.getTime() - MFA_PENDING_MINUTES * 60_000)),
      ]),
    )
    .orderBy('lastSeenAt', 'desc')
    .orderBy('id')
    .limit(100)
    .execute();
}

/** Ends one live session of a user; answers whether there was one. */
export async function revokeUserSession(
  db: Executor,
  userId: string,
  sessionId: string,
  reason: string,
  now: Date,
): Promise<boolean> {
  const r = await db
    .updateTable('sessions')
    .set({ revokedAt: now, revokedReason: reason })
    .where('id', '=', sessionId)
    .where('userId', '=', userId)
    .where('revokedAt', 'is', null)
    .where('expiresAt', '>', now)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
