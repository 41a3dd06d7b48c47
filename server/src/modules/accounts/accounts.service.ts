import { randomInt } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  type ADMIN_CREATED_ROLES,
  ROLE_PERMISSIONS,
  checkPassword,
  maskPhone,
  type AdminUser,
  type Me,
  type Permission,
  type Role,
  roleNeedsMfa,
} from '@jiuye/shared';
import { writeAudit } from '../../platform/audit.js';
import type { AppDeps, RequestContext } from '../../platform/context.js';
import { randomToken, sha256 } from '../../platform/crypto.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { offsetOf, pageResult, type Page } from '../../platform/pagination.js';
import { clearSessionCookie, startSession } from '../../platform/auth/session.js';
import { revokeSession, revokeUserSessions } from '../../platform/auth/session.repository.js';
import * as repo from './accounts.repository.js';
import { burnVerify, hashPassword, verifyPassword } from './passwords.js';
import { assertRecentAuth } from '../../platform/auth/guard.js';
import * as mfaRepo from './mfa.repository.js';
import { checkSecondFactor, isEnrolled, meWithMfa, mfaStatusOf, resetUserMfa } from './mfa.service.js';

/** After this many consecutive failures each attempt must wait (1 s, 2 s, 4 s … up to a minute). */
export const THROTTLE_AFTER = 3;
export const MAX_DELAY_SECONDS = 60;
/** After this many, the account is locked for LOCK_MINUTES (an admin can unlock it earlier). */
export const LOCK_AFTER = 10;
export const LOCK_MINUTES = 15;

export function loginDelaySeconds(failedCount: number): number {
  if (failedCount < THROTTLE_AFTER) return 0;
  return Math.min(MAX_DELAY_SECONDS, 2 ** (failedCount - THROTTLE_AFTER));
}

function iso(d: Date): string {
  return d.toISOString();
}

export function toMe(u: repo.UserRow): Me {
  const role = u.role as Role;
  return {
    id: u.id,
    role,
    phone: maskPhone(u.phone),
    displayName: u.displayName,
    districtCodes: u.districtCodes,
    mustChangePassword: u.mustChangePassword,
    permissions: [...ROLE_PERMISSIONS[role]],
    createdAt: iso(u.createdAt),
  };
}

export function toAdminUser(u: repo.UserRow, mfaEnrolled?: boolean): AdminUser {
  return {
    ...(mfaEnrolled !== undefined ? { mfaEnrolled } : {}),
    id: u.id,
    role: u.role as Role,
    phone: maskPhone(u.phone),
    displayName: u.displayName,
    districtCodes: u.districtCodes,
    status: u.status as 'active' | 'disabled',
    mustChangePassword: u.mustChangePassword,
    lockedUntil: u.lockedUntil ? iso(u.lockedUntil) : null,
    lastLoginAt: u.lastLoginAt ? iso(u.lastLoginAt) : null,
    createdAt: iso(u.createdAt),
  };
}

function assertPasswordPolicy(password: string, phone: string, path = 'password'): void {
  const code = checkPassword(password, phone);
  if (code) throw new AppError('password_policy', { fields: [{ path, code }] });
}

export async function register(
  ctx: RequestContext,
  request: FastifyRequest,
  reply: FastifyReply,
  body: { role: Role; phone: string; password: string; displayName: string },
): Promise<Me> {
  assertPasswordPolicy(body.password, body.phone);
  const passwordHash = await hashPassword(body.password);
  return ctx.db.transaction().execute(async (tx) => {
    const user = await repo.insertUser(tx, { ...body, passwordHash });
    if (!user) throw new AppError('already_exists', { fields: [{ path: 'phone', code: 'phone_taken' }] });
    await writeAudit(tx, ctx, {
      action: 'account.register',
      entityType: 'user',
      entityId: user.id,
      summary: { role: user.role },
    });
    await startSession(tx, ctx.deps, request, reply, user.id, { role: user.role as Role });
    return { ...toMe(user), mfa: mfaStatusOf(user.role as Role, undefined) };
  });
}

export async function login(
  ctx: RequestContext,
  request: FastifyRequest,
  reply: FastifyReply,
  body: { phone: string; password: string; otp?: string },
): Promise<Me> {
  const now = ctx.now();
  const user = await repo.findUserByPhone(ctx.db, body.phone);
  if (!user) {
    await burnVerify(body.password);
    throw new AppError('invalid_credentials');
  }
  if (user.lockedUntil && user.lockedUntil > now) {
    const retry = Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 1000);
    throw new AppError('account_locked', { headers: { 'retry-after': String(retry) } });
  }
  const delay = loginDelaySeconds(user.failedLoginCount);
  if (delay > 0 && user.lastFailedLoginAt) {
    const waitMs = user.lastFailedLoginAt.getTime() + delay * 1000 - now.getTime();
    if (waitMs > 0) {
      throw new AppError('login_throttled', { headers: { 'retry-after': String(Math.ceil(waitMs / 1000)) } });
    }
  }
  const ok = await verifyPassword(user.passwordHash, body.password);
  if (!ok) {
    const r = await ctx.db.transaction().execute(async (tx) => {
      const res = await repo.recordFailedLogin(
        tx,
        user.id,
        now,
        LOCK_AFTER,
        new Date(now.getTime() + LOCK_MINUTES * 60_000),
      );
      await writeAudit(tx, ctx, {
        action: 'account.login_failed',
        entityType: 'user',
        entityId: user.id,
        summary: {
          failedLoginCount: res.failedLoginCount,
          locked: res.lockedUntil !== null && res.lockedUntil > now,
        },
      });
      return res;
    });
    if (r.lockedUntil && r.lockedUntil > now) {
      throw new AppError('account_locked', { headers: { 'retry-after': String(LOCK_MINUTES * 60) } });
    }
    throw new AppError('invalid_credentials');
  }
  if (user.status !== 'active') throw new AppError('account_disabled');
  // Issue 9: staff, admins and auditors need a second factor. The password alone opens a short
  // session that can only complete it (enrol at first sign-in, else a code); API clients may send
  // the code as `otp` with the password and skip that step.
  const role = user.role as Role;
  let pending: 'enrol' | 'required' | undefined;
  if (roleNeedsMfa(role)) {
    if (!(await isEnrolled(ctx, user.id))) pending = 'enrol';
    else if (body.otp !== undefined)
      await checkSecondFactor(ctx, user.id, { code: body.otp }, 'login', 'otp');
    else pending = 'required';
  }
  return ctx.db.transaction().execute(async (tx) => {
    await repo.recordSuccessfulLogin(tx, user.id, now);
    await startSession(tx, ctx.deps, request, reply, user.id, { role, mfaPending: pending !== undefined });
    await writeAudit(tx, ctx, {
      action: 'account.login',
      entityType: 'user',
      entityId: user.id,
      ...(roleNeedsMfa(role) ? { summary: { secondFactor: pending ?? 'verified' } } : {}),
    });
    return meWithMfa(toMe({ ...user, lastLoginAt: now }), role, pending);
  });
}

export async function logout(
  ctx: RequestContext,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<void> {
  const actor = ctx.actor;
  if (actor.kind === 'user') {
    await ctx.db.transaction().execute(async (tx) => {
      await revokeSession(tx, actor.sessionId, 'logout', ctx.now());
      await writeAudit(tx, ctx, { action: 'account.logout', entityType: 'user', entityId: actor.userId });
    });
  }
  clearSessionCookie(request, reply);
}

function requireUser(ctx: RequestContext): Extract<RequestContext['actor'], { kind: 'user' }> {
  if (ctx.actor.kind !== 'user') throw new AppError('forbidden');
  return ctx.actor;
}

export async function getMe(ctx: RequestContext): Promise<Me> {
  const actor = requireUser(ctx);
  const user = await repo.findUserById(ctx.db, actor.userId);
  if (!user) throw new AppError('unauthenticated');
  return meWithMfa(toMe(user), actor.role, actor.mfaPending);
}

export async function updateMe(
  ctx: RequestContext,
  body: { displayName?: string; phone?: string },
): Promise<Me> {
  const actor = requireUser(ctx);
  const current = await repo.findUserById(ctx.db, actor.userId);
  if (!current) throw new AppError('unauthenticated');
  const patch: { displayName?: string; phone?: string } = {};
  if (body.displayName !== undefined && body.displayName !== current.displayName) {
    patch.displayName = body.displayName;
  }
  if (body.phone !== undefined && body.phone !== current.phone) {
    // The phone is the sign-in name (and where SMS notices go): a sensitive change (issue 9).
    assertRecentAuth(actor, ctx.now());
    patch.phone = body.phone;
  }
  if (Object.keys(patch).length === 0) return meWithMfa(toMe(current), actor.role, actor.mfaPending);
  return ctx.db.transaction().execute(async (tx) => {
    let user: repo.UserRow | undefined;
    try {
      user = await repo.updateUser(tx, actor.userId, patch);
    } catch (err) {
      if ((err as { code?: string }).code === '23505') {
        throw new AppError('already_exists', { fields: [{ path: 'phone', code: 'phone_taken' }] });
      }
      throw err;
    }
    if (!user) throw new AppError('unauthenticated');
    await writeAudit(tx, ctx, {
      action: 'account.update',
      entityType: 'user',
      entityId: user.id,
      summary: { fields: Object.keys(patch) },
    });
    return meWithMfa(toMe(user), actor.role, actor.mfaPending);
  });
}

/** Changing the password ends every other session of the user (a stolen cookie stops working). */
export async function changePassword(
  ctx: RequestContext,
  body: { currentPassword: string; newPassword: string },
): Promise<void> {
  const actor = requireUser(ctx);
  const user = await repo.findUserById(ctx.db, actor.userId);
  if (!user) throw new AppError('unauthenticated');
  if (!(await verifyPassword(user.passwordHash, body.currentPassword))) {
    throw new AppError('validation_failed', {
      fields: [{ path: 'currentPassword', code: 'wrong_password' }],
    });
  }
  assertPasswordPolicy(body.newPassword, user.phone, 'newPassword');
  if (body.newPassword === body.currentPassword) throw fieldError('newPassword', 'invalid_value');
  const passwordHash = await hashPassword(body.newPassword);
  await ctx.db.transaction().execute(async (tx) => {
    const now = ctx.now();
    await repo.updateUser(tx, user.id, { passwordHash, mustChangePassword: false, passwordChangedAt: now });
    const ended = await revokeUserSessions(tx, user.id, 'password_changed', now, actor.sessionId);
    await writeAudit(tx, ctx, {
      action: 'account.password_change',
      entityType: 'user',
      entityId: user.id,
      summary: { sessionsEnded: ended },
    });
  });
}

// ——— Admin ———

export async function createUser(
  ctx: RequestContext,
  body: {
    role: (typeof ADMIN_CREATED_ROLES)[number];
    phone: string;
    password: string;
    displayName: string;
    districtCodes: string[];
  },
): Promise<AdminUser> {
  const actor = requireUser(ctx);
  assertPasswordPolicy(body.password, body.phone);
  const passwordHash = await hashPassword(body.password);
  return ctx.db.transaction().execute(async (tx) => {
    const user = await repo.insertUser(tx, {
      phone: body.phone,
      displayName: body.displayName,
      role: body.role,
      passwordHash,
      districtCodes: body.role === 'staff' || body.role === 'partner' ? [...new Set(body.districtCodes)] : [],
      // The admin chose this password: the person must replace it with one only they know.
      mustChangePassword: true,
      createdBy: actor.userId,
    });
    if (!user) throw new AppError('already_exists', { fields: [{ path: 'phone', code: 'phone_taken' }] });
    await writeAudit(tx, ctx, {
      action: 'admin.user_create',
      entityType: 'user',
      entityId: user.id,
      summary: { role: user.role, districtCodes: user.districtCodes },
    });
    return toAdminUser(user);
  });
}

export async function listUsers(
  ctx: RequestContext,
  q: { page: number; pageSize: number; role?: Role; status?: 'active' | 'disabled'; q?: string },
): Promise<Page<AdminUser>> {
  const { limit, offset } = offsetOf(q);
  const { rows, total } = await repo.listUsers(ctx.db, {
    role: q.role,
    status: q.status,
    q: q.q,
    limit,
    offset,
  });
  const enrolled = await mfaRepo.enrolledUserIds(
    ctx.db,
    rows.map((r) => r.id),
  );
  return pageResult(
    rows.map((r) => toAdminUser(r, enrolled.has(r.id))),
    total,
    q,
  );
}

export async function setUserStatus(
  ctx: RequestContext,
  id: string,
  status: 'active' | 'disabled',
): Promise<AdminUser> {
  const actor = requireUser(ctx);
  if (status === 'disabled' && id === actor.userId) {
    throw new AppError('conflict', {
      detail: { 'zh-CN': '不能停用自己的账号', 'en-US': 'You cannot disable your own account' },
    });
  }
  return ctx.db.transaction().execute(async (tx) => {
    const now = ctx.now();
    const patch =
      status === 'active'
        ? { status, failedLoginCount: 0, lockedUntil: null, lastFailedLoginAt: null }
        : { status };
    const user = await repo.updateUser(tx, id, patch);
    if (!user) throw new AppError('not_found');
    const ended = status === 'disabled' ? await revokeUserSessions(tx, id, 'disabled', now) : 0;
    await writeAudit(tx, ctx, {
      action: status === 'disabled' ? 'admin.user_disable' : 'admin.user_enable',
      entityType: 'user',
      entityId: id,
      summary: { sessionsEnded: ended },
    });
    return toAdminUser(user);
  });
}

const TEMP_ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export function temporaryPassword(): string {
  let s = '';
  for (let i = 0; i < 10; i++) s += TEMP_ALPHABET[randomInt(TEMP_ALPHABET.length)];
  // Guarantee the policy (letters and digits) whatever the draw.
  return `${s}${randomInt(10)}a`;
}

export async function resetPassword(ctx: RequestContext, id: string): Promise<{ temporaryPassword: string }> {
  const pw = temporaryPassword();
  const passwordHash = await hashPassword(pw);
  await ctx.db.transaction().execute(async (tx) => {
    const now = ctx.now();
    const user = await repo.updateUser(tx, id, {
      passwordHash,
      mustChangePassword: true,
      failedLoginCount: 0,
      lockedUntil: null,
      lastFailedLoginAt: null,
      passwordChangedAt: now,
    });
    if (!user) throw new AppError('not_found');
    const ended = await revokeUserSessions(tx, id, 'password_reset', now);
    await writeAudit(tx, ctx, {
      action: 'admin.password_reset',
      entityType: 'user',
      entityId: id,
      summary: { sessionsEnded: ended },
    });
  });
  return { temporaryPassword: pw };
}

// ——— API tokens ———

function toToken(t: repo.TokenRow) {
  return {
    id: t.id,
    name: t.name,
    scopes: t.scopes as Permission[],
    createdAt: iso(t.createdAt),
    expiresAt: t.expiresAt ? iso(t.expiresAt) : null,
    revokedAt: t.revokedAt ? iso(t.revokedAt) : null,
    lastUsedAt: t.lastUsedAt ? iso(t.lastUsedAt) : null,
  };
}

export async function createToken(
  ctx: RequestContext,
  body: { name: string; scopes: string[]; expiresAt?: string },
) {
  const actor = requireUser(ctx);
  const expiresAt = body.expiresAt ? new Date(body.expiresAt) : null;
  if (expiresAt && expiresAt <= ctx.now()) throw fieldError('expiresAt', 'too_small');
  // The prefix lets secret scanners recognise a leaked Jiuye token.
  const token = `jy_${randomToken(32)}`;
  return ctx.db.transaction().execute(async (tx) => {
    const row = await repo.insertToken(tx, {
      name: body.name,
      tokenHash: sha256(token),
      scopes: [...new Set(body.scopes)],
      createdBy: actor.userId,
      expiresAt,
    });
    await writeAudit(tx, ctx, {
      action: 'admin.token_create',
      entityType: 'api_token',
      entityId: row.id,
      summary: { name: row.name, scopes: row.scopes },
    });
    return { ...toToken(row), token };
  });
}

export async function listTokens(ctx: RequestContext, q: { page: number; pageSize: number }) {
  const { limit, offset } = offsetOf(q);
  const { rows, total } = await repo.listTokens(ctx.db, limit, offset);
  return pageResult(rows.map(toToken), total, q);
}

export async function revokeToken(ctx: RequestContext, id: string) {
  return ctx.db.transaction().execute(async (tx) => {
    const row = await repo.revokeToken(tx, id, ctx.now());
    if (!row) throw new AppError('not_found');
    await writeAudit(tx, ctx, { action: 'admin.token_revoke', entityType: 'api_token', entityId: id });
    return toToken(row);
  });
}

// ——— Boot ———

/**
 * The first admin: from JIUYE_ADMIN_PHONE / JIUYE_ADMIN_PASSWORD when set, else a generated
 * one-time password that must be changed at first login. Answers what to print, once.
 */
export async function ensureFirstAdmin(
  deps: AppDeps,
): Promise<{ phone: string; password: string | null; created: boolean } | null> {
  if ((await repo.countAdmins(deps.db)) > 0) {
    if (deps.config.JIUYE_ADMIN_PHONE)
      return { phone: deps.config.JIUYE_ADMIN_PHONE, password: null, created: false };
    return null;
  }
  const phone = deps.config.JIUYE_ADMIN_PHONE ?? '13800000000';
  const fromEnv = deps.config.JIUYE_ADMIN_PASSWORD;
  const password = fromEnv ?? temporaryPassword();
  const passwordHash = await hashPassword(password);
  await deps.db.transaction().execute(async (tx) => {
    const user = await repo.insertUser(tx, {
      phone,
      displayName: '系统管理员',
      role: 'admin',
      passwordHash,
      mustChangePassword: fromEnv === undefined,
    });
    if (!user)
      throw new Error(`Cannot create the first admin: phone ${phone} already belongs to a non-admin account`);
    await writeAudit(tx, null, {
      action: 'admin.bootstrap',
      entityType: 'user',
      entityId: user.id,
      summary: { fromEnv: fromEnv !== undefined },
    });
  });
  return { phone, password: fromEnv ? null : password, created: true };
}

/** Admin: the user's second factor is removed (they enrol again at next sign-in). */
export async function resetUserSecondFactor(ctx: RequestContext, id: string): Promise<AdminUser> {
  await resetUserMfa(ctx, id);
  const user = await repo.findUserById(ctx.db, id);
  if (!user) throw new AppError('not_found');
  return toAdminUser(user, false);
}
