import type { FastifyReply, FastifyRequest } from 'fastify';
import { roleNeedsMfa, type Role } from '@jiuye/shared';
import type { Executor } from '../../db/database.js';
import type { AppDeps } from '../context.js';
import { randomToken, sha256 } from '../crypto.js';
import { insertSession } from './session.repository.js';

export const SESSION_COOKIE = 'jiuye_sid';

/** Secure cookies whenever the request reached us over HTTPS (directly or via a trusted proxy). */
function isHttps(request: FastifyRequest): boolean {
  return request.protocol === 'https';
}

/** Issue 9: staff-like roles (those with a second factor) never exceed 30 minutes idle, 12 hours absolute. */
export const MFA_ROLE_IDLE_MINUTES = 30;
export const MFA_ROLE_ABSOLUTE_HOURS = 12;

export function sessionLimits(
  deps: AppDeps,
  role: Role | undefined,
): { idleSeconds: number; absoluteMs: number } {
  const strict = role !== undefined && roleNeedsMfa(role);
  const idle = strict
    ? Math.min(deps.config.JIUYE_SESSION_IDLE_MINUTES, MFA_ROLE_IDLE_MINUTES)
    : deps.config.JIUYE_SESSION_IDLE_MINUTES;
  const hours = strict
    ? Math.min(deps.config.JIUYE_SESSION_ABSOLUTE_HOURS, MFA_ROLE_ABSOLUTE_HOURS)
    : deps.config.JIUYE_SESSION_ABSOLUTE_HOURS;
  return { idleSeconds: idle * 60, absoluteMs: hours * 3600_000 };
}

export async function startSession(
  db: Executor,
  deps: AppDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  userId: string,
  opts: { role?: Role; mfaPending?: boolean } = {},
): Promise<string> {
  const token = randomToken(32);
  const now = deps.clock.now();
  const { idleSeconds, absoluteMs } = sessionLimits(deps, opts.role);
  const sessionId = await insertSession(db, {
    tokenHash: sha256(token),
    userId,
    idleTimeoutSeconds: idleSeconds,
    expiresAt: new Date(now.getTime() + absoluteMs),
    ip: request.ip,
    userAgent: request.headers['user-agent'] ?? null,
    now,
    mfaVerifiedAt: opts.mfaPending ? null : now,
    // Signing in is a fresh proof of the password: sensitive changes right after it need no re-entry.
    reauthAt: now,
  });
  void reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: isHttps(request),
    maxAge: Math.floor(absoluteMs / 1000),
  });
  return sessionId;
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: isHttps(request),
  });
}
