import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { maskPhone, roleNeedsMfa, type Me, type MfaStatus, type Role, type SessionInfo } from '@jiuye/shared';
import { writeAudit } from '../../platform/audit.js';
import type { Actor, RequestContext } from '../../platform/context.js';
import { decryptField, encryptField, lookupHash, type Keys } from '../../platform/crypto.js';
import type { Executor } from '../../db/database.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { REAUTH_MINUTES, assertRecentAuth } from '../../platform/auth/guard.js';
import { clearSessionCookie } from '../../platform/auth/session.js';
import {
  listLiveSessions,
  markSessionMfaVerified,
  markSessionReauth,
  revokeUserSession,
  revokeUserSessions,
  type SessionRow,
} from '../../platform/auth/session.repository.js';
import * as accountsRepo from './accounts.repository.js';
import * as repo from './mfa.repository.js';
import { newTotpSecret, otpauthUri, verifyTotp } from './totp.js';
import { LOCK_AFTER, LOCK_MINUTES } from './accounts.service.js';
import { verifyPassword } from './passwords.js';

/**
 * Authenticator apps run on real time, so codes are checked against the wall clock, not the
 * business clock (`ctx.now()`), which tests and demos move forward to reach deadlines. Throttling,
 * sessions and re-authentication windows use the business clock.
 */
export function authenticatorNowMs(): number {
  return Date.now();
}

/** After this many consecutive wrong codes each attempt waits 30 s, 60 s … up to 15 minutes. */
export const MFA_THROTTLE_AFTER = 5;
export const MFA_MAX_DELAY_SECONDS = 900;
export const RECOVERY_CODE_COUNT = 10;

export function mfaDelaySeconds(failedCount: number): number {
  if (failedCount < MFA_THROTTLE_AFTER) return 0;
  return Math.min(MFA_MAX_DELAY_SECONDS, 30 * 2 ** (failedCount - MFA_THROTTLE_AFTER));
}

type UserActor = Extract<Actor, { kind: 'user' }>;

function requireUser(ctx: RequestContext): UserActor {
  if (ctx.actor.kind !== 'user') throw new AppError('forbidden');
  return ctx.actor;
}

/** The MFA status getMe and login answer for a session. */
export function mfaStatusOf(role: Role, pending: 'enrol' | 'required' | undefined): MfaStatus {
  if (!roleNeedsMfa(role)) return 'off';
  return pending ?? 'verified';
}

const RECOVERY_ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

/** 16 base32 characters (80 bits) in groups of four: xxxx-xxxx-xxxx-xxxx. */
function newRecoveryCode(): string {
  const bytes = randomBytes(16);
  let s = '';
  for (const b of bytes) s += RECOVERY_ALPHABET[b & 31];
  return s.match(/.{4}/g)!.join('-');
}

/**
 * Recovery codes carry 80 random bits, so a keyed hash (HMAC-SHA256, the lookup key) is enough:
 * no offline guessing is possible without the key, and a code is found with one indexed query.
 */
function recoveryHash(ctx: RequestContext, code: string): string {
  return lookupHash(ctx.deps.keys, code.toLowerCase().replace(/[^a-z0-9]/g, ''));
}

function assertNotThrottled(row: repo.MfaRow | undefined, now: Date): void {
  if (!row?.lastFailedAt) return;
  const delay = mfaDelaySeconds(row.failedCount);
  if (delay === 0) return;
  const waitMs = row.lastFailedAt.getTime() + delay * 1000 - now.getTime();
  if (waitMs > 0) {
    throw new AppError('login_throttled', { headers: { 'retry-after': String(Math.ceil(waitMs / 1000)) } });
  }
}

async function failSecondFactor(
  ctx: RequestContext,
  userId: string,
  purpose: string,
  field: 'code' | 'recoveryCode' | 'otp',
): Promise<never> {
  await ctx.db.transaction().execute(async (tx) => {
    const failedCount = await repo.recordFailure(tx, userId, ctx.now());
    await writeAudit(tx, ctx, {
      action: 'account.mfa_failed',
      entityType: 'user',
      entityId: userId,
      summary: { purpose, failedCount },
    });
  });
  throw new AppError('mfa_invalid_code', { fields: [{ path: field, code: 'invalid_code' }] });
}

/**
 * Checks a TOTP code (or a recovery code) of the user's confirmed secret. A code is accepted once;
 * failures are counted and audited, and past MFA_THROTTLE_AFTER they must wait (429).
 */
export async function checkSecondFactor(
  ctx: RequestContext,
  userId: string,
  input: { code?: string; recoveryCode?: string },
  purpose: 'login' | 'verify' | 'reauth',
  field: 'code' | 'otp' = 'code',
): Promise<'totp' | 'recovery'> {
  const now = ctx.now();
  const row = await repo.findMfa(ctx.db, userId);
  if (!row?.secretSealed) throw new AppError('conflict', { detail: NOT_ENROLLED });
  assertNotThrottled(row, now);
  if (input.code !== undefined) {
    const secret = decryptField(ctx.deps.keys, row.secretSealed);
    const step = verifyTotp(secret, input.code, authenticatorNowMs(), row.lastUsedStep);
    if (step !== null && (await repo.useStep(ctx.db, userId, step))) return 'totp';
    return failSecondFactor(ctx, userId, purpose, field);
  }
  if (input.recoveryCode !== undefined) {
    const used = await repo.useRecoveryCode(ctx.db, userId, recoveryHash(ctx, input.recoveryCode), now);
    if (used) {
      await repo.resetFailures(ctx.db, userId);
      return 'recovery';
    }
    return failSecondFactor(ctx, userId, purpose, 'recoveryCode');
  }
  throw fieldError(field, 'required');
}

const NOT_ENROLLED = {
  'zh-CN': '尚未设置动态验证码，请先完成设置',
  'en-US': 'No authenticator is set up yet: enrol first',
};

/** POST /auth/mfa/verify: the second step of signing in. */
export async function verify(
  ctx: RequestContext,
  body: { code?: string; recoveryCode?: string },
): Promise<{ method: 'totp' | 'recovery'; remainingRecoveryCodes: number | null }> {
  const actor = requireUser(ctx);
  if (actor.mfaPending !== 'required') {
    throw new AppError('conflict', {
      detail:
        actor.mfaPending === 'enrol'
          ? NOT_ENROLLED
          : { 'zh-CN': '本次登录已完成验证', 'en-US': 'This session is already verified' },
    });
  }
  const method = await checkSecondFactor(ctx, actor.userId, body, 'verify');
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    await markSessionMfaVerified(tx, actor.sessionId, now);
    const remaining = method === 'recovery' ? await repo.countUnusedRecoveryCodes(tx, actor.userId) : null;
    await writeAudit(tx, ctx, {
      action: 'account.mfa_verify',
      entityType: 'user',
      entityId: actor.userId,
      summary: { method, ...(remaining !== null ? { remainingRecoveryCodes: remaining } : {}) },
    });
    return { method, remainingRecoveryCodes: remaining };
  });
}

/**
 * POST /auth/mfa/enrol: a new secret (pending until a code confirms it). At first sign-in the
 * session is waiting for it; replacing a confirmed factor later is a sensitive change
 * (recent re-authentication).
 */
export async function startEnrolment(ctx: RequestContext): Promise<{ secret: string; otpauthUri: string }> {
  const actor = requireUser(ctx);
  if (actor.mfaPending === 'required') {
    throw new AppError('conflict', {
      detail: {
        'zh-CN': '请先用现有验证器完成登录验证',
        'en-US': 'Sign in with your current authenticator first',
      },
    });
  }
  if (actor.mfaPending !== 'enrol') assertRecentAuth(actor, ctx.now());
  const user = await accountsRepo.findUserById(ctx.db, actor.userId);
  if (!user) throw new AppError('unauthenticated');
  const secret = newTotpSecret();
  await ctx.db.transaction().execute(async (tx) => {
    await repo.setPendingSecret(tx, actor.userId, encryptField(ctx.deps.keys, secret));
    await writeAudit(tx, ctx, {
      action: 'account.mfa_enrol_start',
      entityType: 'user',
      entityId: actor.userId,
      summary: { reenrol: actor.mfaPending === undefined },
    });
  });
  return { secret, otpauthUri: otpauthUri(secret, maskPhone(user.phone)) };
}

/** POST /auth/mfa/enrol/confirm: a code from the new secret confirms it; answers recovery codes once. */
export async function confirmEnrolment(
  ctx: RequestContext,
  body: { code: string },
): Promise<{ recoveryCodes: string[] }> {
  const actor = requireUser(ctx);
  const now = ctx.now();
  const row = await repo.findMfa(ctx.db, actor.userId);
  if (!row?.pendingSecretSealed) throw new AppError('conflict', { detail: NOT_ENROLLED });
  assertNotThrottled(row, now);
  const secret = decryptField(ctx.deps.keys, row.pendingSecretSealed);
  const step = verifyTotp(secret, body.code, authenticatorNowMs(), null);
  if (step === null) return failSecondFactor(ctx, actor.userId, 'enrol', 'code');
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await ctx.db.transaction().execute(async (tx) => {
    await repo.confirmSecret(tx, actor.userId, step, now);
    await repo.replaceRecoveryCodes(
      tx,
      actor.userId,
      codes.map((c) => recoveryHash(ctx, c)),
    );
    if (actor.mfaPending) {
      await markSessionMfaVerified(tx, actor.sessionId, now);
    }
    await writeAudit(tx, ctx, {
      action: 'account.mfa_enrol',
      entityType: 'user',
      entityId: actor.userId,
      summary: { reenrol: actor.mfaPending === undefined },
    });
  });
  return { recoveryCodes: codes };
}

/**
 * POST /auth/reauth: the password again (and a code, for accounts with a second factor) before a
 * sensitive change; counts for REAUTH_MINUTES in this session only.
 */
export async function reauthenticate(
  ctx: RequestContext,
  body: { password: string; code?: string },
): Promise<{ reauthUntil: string }> {
  const actor = requireUser(ctx);
  const now = ctx.now();
  const user = await accountsRepo.findUserById(ctx.db, actor.userId);
  if (!user) throw new AppError('unauthenticated');
  if (user.lockedUntil && user.lockedUntil > now) {
    const retry = Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 1000);
    throw new AppError('account_locked', { headers: { 'retry-after': String(retry) } });
  }
  if (!(await verifyPassword(user.passwordHash, body.password))) {
    await ctx.db.transaction().execute(async (tx) => {
      // Wrong passwords here count like failed sign-ins (the same lock after LOCK_AFTER).
      const r = await accountsRepo.recordFailedLogin(
        tx,
        user.id,
        now,
        LOCK_AFTER,
        new Date(now.getTime() + LOCK_MINUTES * 60_000),
      );
      await writeAudit(tx, ctx, {
        action: 'account.reauth_failed',
        entityType: 'user',
        entityId: user.id,
        summary: { failedLoginCount: r.failedLoginCount },
      });
    });
    throw fieldError('password', 'wrong_password');
  }
  const enrolled = (await repo.findMfa(ctx.db, user.id))?.secretSealed;
  if (enrolled) {
    if (!body.code) throw fieldError('code', 'required');
    await checkSecondFactor(ctx, user.id, { code: body.code }, 'reauth');
  }
  await ctx.db.transaction().execute(async (tx) => {
    await markSessionReauth(tx, actor.sessionId, now);
    await writeAudit(tx, ctx, { action: 'account.reauth', entityType: 'user', entityId: user.id });
  });
  return { reauthUntil: new Date(now.getTime() + REAUTH_MINUTES * 60_000).toISOString() };
}

// ——— Sessions ———

function toSessionInfo(s: SessionRow, currentId: string | null): SessionInfo {
  return {
    id: s.id,
    createdAt: s.createdAt.toISOString(),
    lastSeenAt: s.lastSeenAt.toISOString(),
    expiresAt: s.expiresAt.toISOString(),
    ip: s.ip,
    userAgent: s.userAgent,
    current: s.id === currentId,
  };
}

export async function listMySessions(ctx: RequestContext): Promise<{ items: SessionInfo[] }> {
  const actor = requireUser(ctx);
  const rows = await listLiveSessions(ctx.db, actor.userId, ctx.now());
  return { items: rows.map((s) => toSessionInfo(s, actor.sessionId)) };
}

export async function endMySession(
  ctx: RequestContext,
  request: FastifyRequest,
  reply: FastifyReply,
  sessionId: string,
): Promise<void> {
  const actor = requireUser(ctx);
  await ctx.db.transaction().execute(async (tx) => {
    const ended = await revokeUserSession(tx, actor.userId, sessionId, 'ended_by_user', ctx.now());
    if (!ended) throw new AppError('not_found');
    await writeAudit(tx, ctx, {
      action: 'account.session_end',
      entityType: 'session',
      entityId: sessionId,
      summary: { current: sessionId === actor.sessionId },
    });
  });
  if (sessionId === actor.sessionId) clearSessionCookie(request, reply);
}

export async function endMyOtherSessions(ctx: RequestContext): Promise<{ ended: number }> {
  const actor = requireUser(ctx);
  return ctx.db.transaction().execute(async (tx) => {
    const ended = await revokeUserSessions(tx, actor.userId, 'ended_by_user', ctx.now(), actor.sessionId);
    await writeAudit(tx, ctx, {
      action: 'account.sessions_end_others',
      entityType: 'user',
      entityId: actor.userId,
      summary: { ended },
    });
    return { ended };
  });
}

async function requireUserRecord(ctx: RequestContext, userId: string) {
  const user = await accountsRepo.findUserById(ctx.db, userId);
  if (!user) throw new AppError('not_found');
  return user;
}

export async function listUserSessions(
  ctx: RequestContext,
  userId: string,
): Promise<{ items: SessionInfo[] }> {
  const actor = requireUser(ctx);
  await requireUserRecord(ctx, userId);
  const rows = await listLiveSessions(ctx.db, userId, ctx.now());
  return { items: rows.map((s) => toSessionInfo(s, actor.sessionId)) };
}

export async function endUserSessions(ctx: RequestContext, userId: string): Promise<{ ended: number }> {
  const actor = requireUser(ctx);
  await requireUserRecord(ctx, userId);
  return ctx.db.transaction().execute(async (tx) => {
    // An admin ending their own sessions here keeps the one they are using.
    const except = userId === actor.userId ? actor.sessionId : undefined;
    const ended = await revokeUserSessions(tx, userId, 'ended_by_admin', ctx.now(), except);
    await writeAudit(tx, ctx, {
      action: 'admin.sessions_end',
      entityType: 'user',
      entityId: userId,
      summary: { ended },
    });
    return { ended };
  });
}

/** The user must enrol again at next sign-in; their sessions end (a stolen phone stops working). */
export async function resetUserMfa(ctx: RequestContext, userId: string): Promise<void> {
  const actor = requireUser(ctx);
  await requireUserRecord(ctx, userId);
  if (userId === actor.userId) {
    throw new AppError('conflict', {
      detail: {
        'zh-CN': '不能重置自己的动态验证码，请在“账号安全”中重新设置',
        'en-US': 'You cannot reset your own second factor here: re-enrol from your account page',
      },
    });
  }
  await ctx.db.transaction().execute(async (tx) => {
    const had = await repo.deleteMfa(tx, userId);
    const ended = await revokeUserSessions(tx, userId, 'mfa_reset', ctx.now());
    await writeAudit(tx, ctx, {
      action: 'admin.mfa_reset',
      entityType: 'user',
      entityId: userId,
      summary: { hadSecondFactor: had, sessionsEnded: ended },
    });
  });
}

/** For the login use case: is there a confirmed secret? */
export async function isEnrolled(ctx: RequestContext, userId: string): Promise<boolean> {
  return Boolean((await repo.findMfa(ctx.db, userId))?.secretSealed);
}

export function meWithMfa(me: Me, role: Role, pending: 'enrol' | 'required' | undefined): Me {
  return { ...me, mfa: mfaStatusOf(role, pending) };
}

/** Demo seeding only: enrols a fixed, published secret (see the demo module). Never elsewhere. */
export async function enrolDemoSecret(
  db: Executor,
  keys: Keys,
  userId: string,
  secretBase32: string,
): Promise<void> {
  // An account that already has its own authenticator keeps it.
  if ((await repo.findMfa(db, userId))?.secretSealed) return;
  await repo.setPendingSecret(db, userId, encryptField(keys, secretBase32));
  await repo.confirmSecret(db, userId, 0, new Date());
}
