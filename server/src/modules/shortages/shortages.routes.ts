import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  CreateShortageBodySchema,
  IdParamsSchema,
  ListShortagesQuerySchema,
  ShortageBoardQuerySchema,
  ShortageBoardSchema,
  ShortageSchema,
  UpdateShortageBodySchema,
  pageOf,
} from '@jiuye/shared';
import { AppError } from '../../platform/errors.js';
import { mayUseShortages } from './shortages.policy.js';
import * as svc from './shortages.service.js';

/** Routes clerks and staff share narrow `authenticated` here, before the body is validated. */
async function requireShortageRole(req: FastifyRequest): Promise<void> {
  if (!mayUseShortages(req.ctx.actor)) throw new AppError('forbidden');
}

export const shortagesRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['shortages'];

  app.post(
    '/shortages',
    {
      config: { access: 'shortage:manage' },
      schema: {
        operationId: 'createShortage',
        summary:
          'Report a labour shortage of one of my enterprises (occupation, headcount, deadline, wage, urgency)',
        tags,
        body: CreateShortageBodySchema,
        response: { 201: ShortageSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createShortage(req.ctx, req.body)),
  );

  app.get(
    '/shortages',
    {
      config: { access: 'authenticated' },
      preValidation: requireShortageRole,
      schema: {
        operationId: 'listShortages',
        summary: 'Labour shortages: a clerk’s enterprises’, staff their districts’ (most urgent first)',
        tags,
        querystring: ListShortagesQuerySchema,
        response: { 200: pageOf(ShortageSchema) },
      },
    },
    async (req) => svc.listShortages(req.ctx, req.query),
  );

  app.get(
    '/shortages/board',
    {
      config: { access: 'labour:coordinate' },
      schema: {
        operationId: 'getShortageBoard',
        summary: 'Staff board: unresolved shortages by district, occupation and urgency; outcomes by method',
        tags,
        querystring: ShortageBoardQuerySchema,
        response: { 200: ShortageBoardSchema },
      },
    },
    async (req) => svc.shortageBoard(req.ctx, req.query),
  );

  app.get(
    '/shortages/:id',
    {
      config: { access: 'authenticated' },
      preValidation: requireShortageRole,
      schema: {
        operationId: 'getShortage',
        summary: 'One labour shortage (its enterprise’s clerks, staff of its district)',
        tags,
        params: IdParamsSchema,
        response: { 200: ShortageSchema },
      },
    },
    async (req) => svc.getShortage(req.ctx, req.params.id),
  );

  app.patch(
    '/shortages/:id',
    {
      config: { access: 'authenticated', errors: ['conflict'] },
      preValidation: requireShortageRole,
      schema: {
        operationId: 'updateShortage',
        summary:
          'Edit or withdraw a shortage (clerk); take it up or resolve it with method and headcount filled (staff)',
        description:
          'status in_progress and resolved are staff steps (403 for clerks); resolving needs resolutionMethod. headcountFilled ≤ headcount. A resolved or cancelled shortage is final (409).',
        tags,
        params: IdParamsSchema,
        body: UpdateShortageBodySchema,
        response: { 200: ShortageSchema },
      },
    },
    async (req) => svc.updateShortage(req.ctx, req.params.id, req.body),
  );
};
