import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  CreateRegistrationBodySchema,
  DeregisterBodySchema,
  HireSweepResultSchema,
  IdParamsSchema,
  ListRegistrationsQuerySchema,
  MyRegistrationSchema,
  RegistrationSchema,
  pageOf,
} from '@jiuye/shared';
import type { AppDeps } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import * as svc from './registrations.service.js';

/**
 * Seekers (their own), enterprise clerks (employment of their enterprises) and staff (their
 * districts) share these routes: a caller holding none of the three permissions stops here, before
 * the body is validated. The service checks the record.
 */
async function requireRegistrationPermission(req: FastifyRequest): Promise<void> {
  const a = req.ctx.actor;
  const ok =
    a.kind === 'user' &&
    ((a.role === 'seeker' && a.permissions.has('registration:self')) ||
      (a.role === 'employer' && a.permissions.has('registration:file')) ||
      (a.role === 'staff' && a.permissions.has('registration:manage')));
  if (!ok) throw new AppError('forbidden');
}

export function registrationsRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();

    app.post(
      '/registrations',
      {
        config: { access: 'authenticated', errors: ['already_registered', 'conflict'] },
        preValidation: requireRegistrationPermission,
        schema: {
          operationId: 'createRegistration',
          summary:
            'Unemployment registration (the person or staff; issues the 就业创业证 number) or employment registration (the employer within 30 days of the hire, or staff)',
          description:
            'kind=unemployment: one active per person (409 already_registered). kind=employment: closes the active unemployment registration (status employed) and the case (outcome employed); filed more than 30 days after the hire it is accepted and flagged late.',
          tags: ['registrations'],
          body: CreateRegistrationBodySchema,
          response: { 201: RegistrationSchema },
        },
      },
      async (req, reply) => reply.status(201).send(await svc.createRegistration(req.ctx, req.body)),
    );

    app.get(
      '/registrations',
      {
        config: { access: 'authenticated' },
        preValidation: requireRegistrationPermission,
        schema: {
          operationId: 'listRegistrations',
          summary:
            'Registrations: staff their districts, clerks their enterprises’ employment filings, a seeker their own',
          tags: ['registrations'],
          querystring: ListRegistrationsQuerySchema,
          response: { 200: pageOf(RegistrationSchema) },
        },
      },
      async (req) => svc.listRegistrations(req.ctx, req.query),
    );

    app.post(
      '/registrations/sync-hires',
      {
        config: { access: 'registration:manage' },
        schema: {
          operationId: 'syncHireRegistrations',
          summary: 'File the platform’s hires as employment registrations now (also runs every minute)',
          tags: ['registrations'],
          response: { 200: HireSweepResultSchema },
        },
      },
      async (req) => ({ filed: await svc.syncHires(deps.db, deps.keys, req.ctx.now()) }),
    );

    app.get(
      '/registrations/:id',
      {
        config: { access: 'authenticated' },
        preValidation: requireRegistrationPermission,
        schema: {
          operationId: 'getRegistration',
          summary: 'One registration (staff of its district, the person, the enterprise’s clerks)',
          tags: ['registrations'],
          params: IdParamsSchema,
          response: { 200: RegistrationSchema },
        },
      },
      async (req) => svc.getRegistration(req.ctx, req.params.id),
    );

    app.post(
      '/registrations/:id/deregister',
      {
        config: { access: 'authenticated', errors: ['conflict'] },
        preValidation: requireRegistrationPermission,
        schema: {
          operationId: 'deregisterRegistration',
          summary: 'Close a registration with a reason (注销); an unemployment one closes the case',
          tags: ['registrations'],
          params: IdParamsSchema,
          body: DeregisterBodySchema,
          response: { 200: RegistrationSchema },
        },
      },
      async (req) => svc.deregister(req.ctx, req.params.id, req.body),
    );

    app.get(
      '/me/registration',
      {
        config: { access: 'registration:self' },
        schema: {
          operationId: 'getMyRegistration',
          summary: 'My registration: record, certificate, registrations, key groups, case and timeline',
          tags: ['registrations'],
          response: { 200: MyRegistrationSchema },
        },
      },
      async (req) => svc.myRegistration(req.ctx),
    );
  };
}
