import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AdminUserSchema,
  EndedSessionsSchema,
  IdParamsSchema,
  MeSchema,
  MfaConfirmBodySchema,
  MfaEnrolmentSchema,
  MfaVerifyBodySchema,
  ReauthBodySchema,
  ReauthResultSchema,
  RecoveryCodesSchema,
  SessionListSchema,
  roleNeedsMfa,
} from '@jiuye/shared';
import type { AppDeps } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import * as accounts from './accounts.service.js';
import * as svc from './mfa.service.js';

/** The second-factor routes are for the roles that have one (staff, admin, auditor). */
async function requireMfaRole(req: FastifyRequest): Promise<void> {
  const a = req.ctx.actor;
  if (a.kind !== 'user' || !roleNeedsMfa(a.role)) throw new AppError('forbidden');
}

/** Issue 9: TOTP second factor, re-authentication, and the user's and admin's session lists. */
export function mfaRoutes(deps: AppDeps): FastifyPluginAsync {
  // Per client address, as for the password; per-account throttling of wrong codes is in the service.
  const authRateLimit = { max: deps.config.JIUYE_AUTH_RATE_PER_MINUTE, timeWindow: '1 minute' };
  return async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();

    app.post(
      '/auth/mfa/verify',
      {
        config: {
          access: 'account:self',
          allowDuringMfa: true,
          allowDuringPasswordChange: true,
          rateLimit: authRateLimit,
          errors: ['mfa_invalid_code', 'login_throttled', 'conflict'],
        },
        preValidation: requireMfaRole,
        schema: {
          operationId: 'verifyMfa',
          summary: 'Second sign-in step: an authenticator code or a single-use recovery code',
          tags: ['accounts'],
          body: MfaVerifyBodySchema,
          response: { 200: MeSchema },
        },
      },
      async (req) => {
        await svc.verify(req.ctx, req.body);
        const a = req.ctx.actor;
        req.ctx = { ...req.ctx, actor: a.kind === 'user' ? { ...a, mfaPending: undefined } : a };
        return accounts.getMe(req.ctx);
      },
    );

    app.post(
      '/auth/mfa/enrol',
      {
        config: {
          access: 'account:self',
          allowDuringMfa: true,
          allowDuringPasswordChange: true,
          rateLimit: authRateLimit,
          errors: ['conflict', 'reauth_required'],
        },
        preValidation: requireMfaRole,
        schema: {
          operationId: 'startMfaEnrolment',
          summary:
            'Start setting up an authenticator: a new secret and its otpauth:// URI (shown once). Replacing a confirmed one needs a recent re-authentication',
          tags: ['accounts'],
          response: { 200: MfaEnrolmentSchema },
        },
      },
      async (req) => svc.startEnrolment(req.ctx),
    );

    app.post(
      '/auth/mfa/enrol/confirm',
      {
        config: {
          access: 'account:self',
          allowDuringMfa: true,
          allowDuringPasswordChange: true,
          rateLimit: authRateLimit,
          errors: ['mfa_invalid_code', 'login_throttled', 'conflict'],
        },
        preValidation: requireMfaRole,
        schema: {
          operationId: 'confirmMfaEnrolment',
          summary:
            'Confirm the new authenticator with a code; answers ten single-use recovery codes (shown once)',
          tags: ['accounts'],
          body: MfaConfirmBodySchema,
          response: { 200: RecoveryCodesSchema },
        },
      },
      async (req) => svc.confirmEnrolment(req.ctx, req.body),
    );

    app.post(
      '/auth/reauth',
      {
        config: {
          access: 'account:self',
          allowDuringPasswordChange: true,
          rateLimit: authRateLimit,
          errors: ['mfa_invalid_code', 'login_throttled', 'account_locked'],
        },
        schema: {
          operationId: 'reauthenticate',
          summary:
            'Confirm the password (and code) again before a sensitive change; valid 5 minutes in this session',
          tags: ['accounts'],
          body: ReauthBodySchema,
          response: { 200: ReauthResultSchema },
        },
      },
      async (req) => svc.reauthenticate(req.ctx, req.body),
    );

    app.get(
      '/me/sessions',
      {
        config: { access: 'account:self' },
        schema: {
          operationId: 'listMySessions',
          summary: 'Own signed-in devices (live sessions); the current one is marked',
          tags: ['accounts'],
          response: { 200: SessionListSchema },
        },
      },
      async (req) => svc.listMySessions(req.ctx),
    );

    app.delete(
      '/me/sessions/:id',
      {
        config: { access: 'account:self' },
        schema: {
          operationId: 'endMySession',
          summary: 'Sign out one of own sessions',
          tags: ['accounts'],
          params: IdParamsSchema,
          response: { 204: z.null() },
        },
      },
      async (req, reply) => {
        await svc.endMySession(req.ctx, req, reply, req.params.id);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/me/sessions/end-others',
      {
        config: { access: 'account:self' },
        schema: {
          operationId: 'endMyOtherSessions',
          summary: 'Sign out every other session of one’s own account',
          tags: ['accounts'],
          response: { 200: EndedSessionsSchema },
        },
      },
      async (req) => svc.endMyOtherSessions(req.ctx),
    );

    app.get(
      '/admin/users/:id/sessions',
      {
        config: { access: 'admin:users' },
        schema: {
          operationId: 'listUserSessions',
          summary: 'A user’s live sessions',
          tags: ['admin'],
          params: IdParamsSchema,
          response: { 200: SessionListSchema },
        },
      },
      async (req) => svc.listUserSessions(req.ctx, req.params.id),
    );

    app.post(
      '/admin/users/:id/sessions/end',
      {
        config: { access: 'admin:users' },
        schema: {
          operationId: 'endUserSessions',
          summary: 'Sign a user out everywhere',
          tags: ['admin'],
          params: IdParamsSchema,
          response: { 200: EndedSessionsSchema },
        },
      },
      async (req) => svc.endUserSessions(req.ctx, req.params.id),
    );

    app.post(
      '/admin/users/:id/mfa/reset',
      {
        config: { access: 'admin:users', errors: ['conflict'] },
        schema: {
          operationId: 'resetUserMfa',
          summary:
            'Remove a user’s second factor (they set up a new one at next sign-in) and end their sessions',
          tags: ['admin'],
          params: IdParamsSchema,
          response: { 200: AdminUserSchema },
        },
      },
      async (req) => accounts.resetUserSecondFactor(req.ctx, req.params.id),
    );
  };
}
