import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  ApplicationSchema,
  ApplyBodySchema,
  IdParamsSchema,
  ListApplicationsQuerySchema,
  UpdateApplicationBodySchema,
  pageOf,
} from '@jiuye/shared';
import { AppError } from '../../platform/errors.js';
import { mayUseApplications } from './applications.policy.js';
import * as svc from './applications.service.js';

/**
 * Routes that seekers, clerks and staff share declare `authenticated` and narrow it here, before
 * the body is validated: a caller holding neither application permission gets 403 whatever it sends.
 * The service then checks the record (applications.policy.ts).
 */
async function requireApplicationPermission(req: FastifyRequest): Promise<void> {
  if (!mayUseApplications(req.ctx.actor)) throw new AppError('forbidden');
}

export const applicationsRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/job-postings/:id/applications',
    {
      config: {
        access: 'application:apply',
        idempotent: true,
        errors: ['already_applied', 'resume_required', 'posting_not_open', 'posting_filled'],
      },
      schema: {
        operationId: 'applyToPosting',
        summary: 'Apply for a job: shares the résumé with the enterprise (recorded consent)',
        description:
          'One open application per seeker and posting (409 already_applied). Send an Idempotency-Key to retry safely.',
        tags: ['applications'],
        params: IdParamsSchema,
        body: ApplyBodySchema,
        response: { 201: ApplicationSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.apply(req.ctx, req.params.id, req.body)),
  );

  app.get(
    '/job-postings/:id/applications',
    {
      config: { access: 'application:manage' },
      schema: {
        operationId: 'listPostingApplications',
        summary: 'Applicants of a posting (its enterprise’s clerks; staff covering its district)',
        tags: ['applications'],
        params: IdParamsSchema,
        querystring: ListApplicationsQuerySchema,
        response: { 200: pageOf(ApplicationSchema) },
      },
    },
    async (req) => svc.listForPosting(req.ctx, req.params.id, req.query),
  );

  app.get(
    '/applications/:id',
    {
      config: { access: 'authenticated' },
      preValidation: requireApplicationPermission,
      schema: {
        operationId: 'getApplication',
        summary: 'One application with the shared résumé (the seeker, the enterprise, staff in scope)',
        description: 'The enterprise’s first read moves a submitted application to viewed.',
        tags: ['applications'],
        params: IdParamsSchema,
        response: { 200: ApplicationSchema },
      },
    },
    async (req) => svc.get(req.ctx, req.params.id),
  );

  app.patch(
    '/applications/:id',
    {
      config: {
        access: 'authenticated',
        errors: ['conflict', 'posting_filled'],
      },
      preValidation: requireApplicationPermission,
      schema: {
        operationId: 'updateApplication',
        summary:
          'Move an application: viewed, interview, offer, hired, rejected (enterprise, staff); withdrawn (seeker)',
        tags: ['applications'],
        params: IdParamsSchema,
        body: UpdateApplicationBodySchema,
        response: { 200: ApplicationSchema },
      },
    },
    async (req) => svc.change(req.ctx, req.params.id, req.body),
  );

  app.get(
    '/me/applications',
    {
      config: { access: 'application:apply' },
      schema: {
        operationId: 'listMyApplications',
        summary: 'My applications with their status and timeline',
        tags: ['applications'],
        querystring: ListApplicationsQuerySchema,
        response: { 200: pageOf(ApplicationSchema) },
      },
    },
    async (req) => svc.listMine(req.ctx, req.query),
  );
};
