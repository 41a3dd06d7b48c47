import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AdminUserSchema,
  ApiTokenSchema,
  ChangePasswordBodySchema,
  CreateApiTokenBodySchema,
  CreateUserBodySchema,
  CreatedApiTokenSchema,
  IdParamsSchema,
  ListUsersQuerySchema,
  LoginBodySchema,
  MeSchema,
  PageQuerySchema,
  RegisterBodySchema,
  ResetPasswordResultSchema,
  UpdateMeBodySchema,
  pageOf,
} from '@jiuye/shared';
import type { AppDeps } from '../../platform/context.js';
import { rateLimitOf } from '../../platform/rate-limits.js';
import * as svc from './accounts.service.js';

export function accountsRoutes(deps: AppDeps): FastifyPluginAsync {
  // Per client address: slows password guessing across many accounts (per-account throttling is in
  // the service).
  const authRateLimit = { max: deps.config.JIUYE_AUTH_RATE_PER_MINUTE, timeWindow: '1 minute' };
  return async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();

    app.post(
      '/auth/register',
      {
        config: {
          access: 'public',
          rateLimit: rateLimitOf('register'),
          errors: ['already_exists', 'password_policy', 'unknown_code'],
        },
        schema: {
          operationId: 'register',
          summary: 'Create a seeker, employer, college or agency account and sign in',
          tags: ['accounts'],
          body: RegisterBodySchema,
          response: { 201: MeSchema },
        },
      },
      async (req, reply) => reply.status(201).send(await svc.register(req.ctx, req, reply, req.body)),
    );

    app.post(
      '/auth/login',
      {
        config: {
          access: 'public',
          rateLimit: authRateLimit,
          errors: [
            'invalid_credentials',
            'login_throttled',
            'account_locked',
            'account_disabled',
            'mfa_invalid_code',
          ],
        },
        schema: {
          operationId: 'login',
          summary:
            'Sign in with phone and password; sets the session cookie. Staff, admins and auditors then complete the second factor (or send `otp`)',
          tags: ['accounts'],
          body: LoginBodySchema,
          response: { 200: MeSchema },
        },
      },
      async (req, reply) => svc.login(req.ctx, req, reply, req.body),
    );

    app.post(
      '/auth/logout',
      {
        config: { access: 'public', allowDuringPasswordChange: true },
        schema: {
          operationId: 'logout',
          summary: 'End the current session',
          tags: ['accounts'],
          response: { 204: z.null() },
        },
      },
      async (req, reply) => {
        await svc.logout(req.ctx, req, reply);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/me',
      {
        config: { access: 'account:self', allowDuringPasswordChange: true, allowDuringMfa: true },
        schema: {
          operationId: 'getMe',
          summary: 'The signed-in user',
          tags: ['accounts'],
          response: { 200: MeSchema },
        },
      },
      async (req) => svc.getMe(req.ctx),
    );

    app.patch(
      '/me',
      {
        config: { access: 'account:self', errors: ['reauth_required', 'already_exists'] },
        schema: {
          operationId: 'updateMe',
          summary: 'Change own display name or phone (a phone change needs a recent re-authentication)',
          tags: ['accounts'],
          body: UpdateMeBodySchema,
          response: { 200: MeSchema },
        },
      },
      async (req) => svc.updateMe(req.ctx, req.body),
    );

    app.post(
      '/me/password',
      {
        config: {
          access: 'account:self',
          allowDuringPasswordChange: true,
          reauth: true,
          rateLimit: authRateLimit,
          errors: ['password_policy'],
        },
        schema: {
          operationId: 'changePassword',
          summary: 'Change own password; ends the other sessions',
          tags: ['accounts'],
          body: ChangePasswordBodySchema,
          response: { 204: z.null() },
        },
      },
      async (req, reply) => {
        await svc.changePassword(req.ctx, req.body);
        return reply.status(204).send(null);
      },
    );

    // ——— Admin: users ———
    app.get(
      '/admin/users',
      {
        config: { access: 'admin:users' },
        schema: {
          operationId: 'listUsers',
          summary: 'List user accounts',
          tags: ['admin'],
          querystring: ListUsersQuerySchema,
          response: { 200: pageOf(AdminUserSchema) },
        },
      },
      async (req) => svc.listUsers(req.ctx, req.query),
    );

    app.post(
      '/admin/users',
      {
        config: {
          access: 'admin:users',
          idempotent: true,
          errors: ['already_exists', 'password_policy', 'unknown_code'],
        },
        schema: {
          operationId: 'createUser',
          summary: 'Create a staff or admin account',
          tags: ['admin'],
          body: CreateUserBodySchema,
          response: { 201: AdminUserSchema },
        },
      },
      async (req, reply) => reply.status(201).send(await svc.createUser(req.ctx, req.body)),
    );

    for (const [action, status] of [
      ['disable', 'disabled'],
      ['enable', 'active'],
    ] as const) {
      app.post(
        `/admin/users/:id/${action}`,
        {
          config: { access: 'admin:users', errors: ['conflict'] },
          schema: {
            operationId: `${action}User`,
            summary:
              action === 'disable'
                ? 'Disable an account and end its sessions'
                : 'Re-enable an account and unlock it',
            tags: ['admin'],
            params: IdParamsSchema,
            response: { 200: AdminUserSchema },
          },
        },
        async (req) => svc.setUserStatus(req.ctx, req.params.id, status),
      );
    }

    app.post(
      '/admin/users/:id/reset-password',
      {
        config: { access: 'admin:users' },
        schema: {
          operationId: 'resetUserPassword',
          summary: 'Set a temporary password (shown once) and end the user’s sessions',
          tags: ['admin'],
          params: IdParamsSchema,
          response: { 200: ResetPasswordResultSchema },
        },
      },
      async (req) => svc.resetPassword(req.ctx, req.params.id),
    );

    // ——— Admin: API tokens for machine clients ———
    app.get(
      '/admin/api-tokens',
      {
        config: { access: 'admin:tokens' },
        schema: {
          operationId: 'listApiTokens',
          summary: 'List API tokens',
          tags: ['admin'],
          querystring: PageQuerySchema,
          response: { 200: pageOf(ApiTokenSchema) },
        },
      },
      async (req) => svc.listTokens(req.ctx, req.query),
    );

    app.post(
      '/admin/api-tokens',
      {
        config: { access: 'admin:tokens' },
        schema: {
          operationId: 'createApiToken',
          summary: 'Issue a scoped API token (the secret is shown once)',
          tags: ['admin'],
          body: CreateApiTokenBodySchema,
          response: { 201: CreatedApiTokenSchema },
        },
      },
      async (req, reply) => reply.status(201).send(await svc.createToken(req.ctx, req.body)),
    );

    app.post(
      '/admin/api-tokens/:id/revoke',
      {
        config: { access: 'admin:tokens' },
        schema: {
          operationId: 'revokeApiToken',
          summary: 'Revoke an API token',
          tags: ['admin'],
          params: IdParamsSchema,
          response: { 200: ApiTokenSchema },
        },
      },
      async (req) => svc.revokeToken(req.ctx, req.params.id),
    );
  };
}
