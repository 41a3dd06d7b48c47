import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Executor } from '../../db/database.js';
import type { AppDeps } from '../context.js';
import { randomToken, sha256 } from '../crypto.js';
import { insertSession } from './session.repository.js';

export const SESSION_COOKIE = 'jiuye_sid';

/** Secure cookies whenever the request reached us over HTTPS (directly or via a trusted proxy). */
function isHttps(request: FastifyRequest): boolean {
  return request.protocol === 'https';
}

export async function startSession(
  db: Executor,
  deps: AppDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  userId: string,
): Promise<string> {
  const token = randomToken(32);
  const now = deps.clock.now();
  const absoluteMs = deps.config.JIUYE_SESSION_ABSOLUTE_HOURS * 3600_000;
  const sessionId = await insertSession(db, {
    tokenHash: sha256(token),
    userId,
    idleTimeoutSeconds: deps.config.JIUYE_SESSION_IDLE_MINUTES * 60,
    expiresAt: new Date(now.getTime() + absoluteMs),
    ip: request.ip,
    userAgent: request.headers['user-agent'] ?? null,
    now,
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
