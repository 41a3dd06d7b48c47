import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { z } from 'zod';
import {
  ERROR_STATUS,
  PERMISSIONS,
  ProblemSchema,
  ROLE_PERMISSIONS,
  pickLocale,
  roleNeedsMfa,
  type ErrorCode,
  type Permission,
  type Role,
} from '@jiuye/shared';
import { AppError } from '../errors.js';
import { type Actor, type AppDeps, type RequestContext } from '../context.js';
import { sha256 } from '../crypto.js';
import { findLiveSession, findLiveToken, touchSession, touchToken } from './session.repository.js';
import { SESSION_COOKIE } from './session.js';

/** `public`: anyone; `authenticated`: any signed-in user or token; else a permission. */
export type RouteAccess = Permission | 'public' | 'authenticated';

declare module 'fastify' {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- module augmentation needs interface
  interface FastifyContextConfig {
    /** Every /api route must declare who may call it, or the app refuses to boot. */
    access?: RouteAccess;
    /** Extra error codes the route can answer with, for the OpenAPI document. */
    errors?: readonly ErrorCode[];
    /** Accepts an Idempotency-Key header (see platform/idempotency.ts). */
    idempotent?: boolean;
    /** Callable while the user still has to change an initial password. */
    allowDuringPasswordChange?: boolean;
    /** Issue 9: callable while the session's second factor is still due (the MFA routes, getMe). */
    allowDuringMfa?: boolean;
    /** Issue 9: a sensitive change: the session must have re-authenticated recently (REAUTH_MINUTES). */
    reauth?: boolean;
  }
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- module augmentation needs interface
  interface FastifyRequest {
    ctx: RequestContext;
  }
}

export class RouteDeclarationError extends Error {}

/** Every declared /api route, for the authorization matrix and fuzz tests and docs/api.md. */
export type RouteInfo = { method: string; url: string; access: RouteAccess; operationId: string | undefined };

declare module 'fastify' {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- module augmentation needs interface
  interface FastifyInstance {
    routeTable: RouteInfo[];
  }
}

const ACCESS_VALUES = new Set<string>(['public', 'authenticated', ...PERMISSIONS]);

/** Routes owned by plugins (API docs UI) and the static web app are public by construction. */
function isPlatformOwned(url: string): boolean {
  return url === '/api/docs' || url.startsWith('/api/docs/') || !url.startsWith('/api');
}

function problemResponses(codes: Iterable<ErrorCode>): Record<number, z.ZodType> {
  const out: Record<number, z.ZodType> = {};
  for (const c of codes) out[ERROR_STATUS[c]] = ProblemSchema;
  return out;
}

/**
 * Checks each route as it is registered: a declared access level, an operationId and a summary,
 * and adds the problem+json error responses it can give to its schema (so the OpenAPI document
 * lists them). Throwing here makes `app.ready()` fail: the app refuses to boot.
 */
export function checkRouteDeclaration(route: RouteOptions, table?: RouteInfo[]): void {
  const url = route.url;
  if (isPlatformOwned(url)) {
    const methods = ([] as string[]).concat(route.method);
    if (!url.startsWith('/api') && methods.some((m) => m !== 'GET' && m !== 'HEAD')) {
      throw new RouteDeclarationError(`Route ${methods.join(',')} ${url} is outside /api but not GET/HEAD`);
    }
    return;
  }
  const access = route.config?.access;
  if (!access || !ACCESS_VALUES.has(access)) {
    throw new RouteDeclarationError(
      `Route ${String(route.method)} ${url} declares no valid access (config.access = 'public' | 'authenticated' | permission)`,
    );
  }
  const schema = (route.schema ??= {}) as {
    operationId?: string;
    summary?: string;
    body?: unknown;
    querystring?: unknown;
    params?: unknown;
    headers?: unknown;
    response?: Record<number | string, unknown>;
    hide?: boolean;
  };
  if (!schema.hide && (!schema.operationId || !schema.summary)) {
    throw new RouteDeclarationError(
      `Route ${String(route.method)} ${url} needs schema.operationId and schema.summary`,
    );
  }
  const codes = new Set<ErrorCode>(['internal', 'rate_limited']);
  if (schema.body || schema.querystring || schema.params || schema.headers) codes.add('validation_failed');
  if (schema.body) {
    codes.add('unsupported_media_type');
    codes.add('payload_too_large');
  }
  if (access !== 'public') {
    codes.add('unauthenticated');
    codes.add('forbidden');
  }
  if (schema.params) codes.add('not_found');
  if (route.config?.idempotent) codes.add('idempotency_conflict');
  if (access !== 'public') codes.add('mfa_required');
  if (route.config?.reauth) codes.add('reauth_required');
  for (const c of route.config?.errors ?? []) codes.add(c);
  const errorResponses = problemResponses(codes);
  schema.response = { ...errorResponses, ...(schema.response ?? {}) };
  for (const m of ([] as string[]).concat(route.method)) {
    if (m !== 'HEAD') table?.push({ method: m, url, access, operationId: schema.operationId });
  }
}

function bearerToken(request: FastifyRequest): string | null {
  const h = request.headers.authorization;
  if (!h) return null;
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  return m?.[1] ?? null;
}

// Updating last_seen_at on every request would make every read a write; a minute of slack is fine
// against a 30-minute idle limit.
const TOUCH_AFTER_MS = 60_000;

async function resolveActor(deps: AppDeps, request: FastifyRequest): Promise<Actor> {
  const now = deps.clock.now();
  const bearer = bearerToken(request);
  if (bearer) {
    const token = await findLiveToken(deps.db, sha256(bearer), now);
    if (!token) throw new AppError('unauthenticated');
    if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > TOUCH_AFTER_MS) {
      await touchToken(deps.db, token.id, now);
    }
    const perms = token.scopes.filter((s): s is Permission => (PERMISSIONS as readonly string[]).includes(s));
    return { kind: 'token', tokenId: token.id, name: token.name, permissions: new Set(perms) };
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (!cookie) return { kind: 'anonymous' };
  const s = await findLiveSession(deps.db, sha256(cookie), now);
  if (!s) return { kind: 'anonymous' };
  if (now.getTime() - s.lastSeenAt.getTime() > TOUCH_AFTER_MS) await touchSession(deps.db, s.sessionId, now);
  const role = s.role as Role;
  const mfaPending = roleNeedsMfa(role) && s.mfaVerifiedAt === null;
  return {
    kind: 'user',
    userId: s.userId,
    role,
    districtCodes: s.districtCodes,
    sessionId: s.sessionId,
    mustChangePassword: s.mustChangePassword,
    permissions: new Set(ROLE_PERMISSIONS[role]),
    ...(mfaPending ? { mfaPending: s.mfaEnrolled ? ('required' as const) : ('enrol' as const) } : {}),
    reauthAt: s.reauthAt,
  };
}

/** How long a sign-in or re-authentication counts as recent for sensitive changes (issue 9). */
export const REAUTH_MINUTES = 5;

/** Throws reauth_required unless the user's session proved its credentials within REAUTH_MINUTES. */
export function assertRecentAuth(actor: Actor, now: Date): void {
  if (actor.kind !== 'user') return;
  const at = actor.reauthAt;
  if (!at || now.getTime() - at.getTime() > REAUTH_MINUTES * 60_000) throw new AppError('reauth_required');
}

export function authorize(
  actor: Actor,
  access: RouteAccess,
  allowDuringPasswordChange: boolean,
  opts: { allowDuringMfa?: boolean } = {},
): void {
  if (access === 'public') return;
  if (actor.kind === 'anonymous') throw new AppError('unauthenticated');
  // The second factor comes before everything else, the initial password change included.
  if (actor.kind === 'user' && actor.mfaPending && !opts.allowDuringMfa) throw new AppError('mfa_required');
  if (actor.kind === 'user' && actor.mustChangePassword && !allowDuringPasswordChange) {
    throw new AppError('password_change_required');
  }
  if (access !== 'authenticated' && !actor.permissions.has(access)) throw new AppError('forbidden');
}

export function installAuth(app: FastifyInstance, deps: AppDeps): void {
  const table: RouteInfo[] = [];
  app.decorate('routeTable', table);
  app.addHook('onRoute', (route) => checkRouteDeclaration(route, table));
  app.decorateRequest('ctx', null as unknown as RequestContext);
  app.addHook('onRequest', async (request) => {
    const base: RequestContext = {
      db: deps.db,
      actor: { kind: 'anonymous' },
      requestId: request.id,
      ip: request.ip,
      userAgent: request.headers['user-agent'],
      locale: pickLocale(request.headers['accept-language']),
      now: () => deps.clock.now(),
      deps,
    };
    request.ctx = base;
    const config = request.routeOptions.config;
    const url = request.routeOptions.url;
    // No route matched (404 handler) or a platform-owned route: nothing to authorise.
    if (!url || isPlatformOwned(url)) return;
    const access = config.access;
    if (!access) throw new AppError('forbidden');
    request.ctx = { ...base, actor: await resolveActor(deps, request) };
    authorize(request.ctx.actor, access, config.allowDuringPasswordChange === true, {
      allowDuringMfa: config.allowDuringMfa === true,
    });
  });
  // Sensitive changes (config.reauth) need a recent re-authentication. Checked after validation and
  // the routes' own record checks (preValidation), so a refused or malformed request says so first.
  app.addHook('preHandler', async (request) => {
    if (request.routeOptions.config.reauth === true) assertRecentAuth(request.ctx.actor, deps.clock.now());
  });
}
