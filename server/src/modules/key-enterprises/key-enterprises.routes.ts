import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CreateServiceLogBodySchema,
  IdParamsSchema,
  KeyEnterpriseParamsSchema,
  KeyEnterpriseSchema,
  ListKeyEnterprisesQuerySchema,
  ListServiceLogsQuerySchema,
  ListServiceProblemsQuerySchema,
  PutKeyEnterpriseBodySchema,
  ServiceLogSchema,
  ServiceProblemSchema,
  UpdateServiceProblemBodySchema,
  pageOf,
} from '@jiuye/shared';
import { AppError } from '../../platform/errors.js';
import { isCoordinator } from '../shortages/index.js';
import * as svc from './key-enterprises.service.js';

/** Reads that staff share with the enterprise's own clerks (enterprise:manage). */
async function requireStaffOrClerk(req: FastifyRequest): Promise<void> {
  const a = req.ctx.actor;
  const clerk = a.kind === 'user' && a.role === 'employer' && a.permissions.has('enterprise:manage');
  if (!(isCoordinator(a) || clerk)) throw new AppError('forbidden');
}

export const keyEnterprisesRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['key-enterprises'];

  app.get(
    '/key-enterprises',
    {
      config: { access: 'labour:coordinate' },
      schema: {
        operationId: 'listKeyEnterprises',
        summary: 'Key enterprises of my districts with their officer and open/overdue problems',
        tags,
        querystring: ListKeyEnterprisesQuerySchema,
        response: { 200: pageOf(KeyEnterpriseSchema) },
      },
    },
    async (req) => svc.listKeyEnterprises(req.ctx, req.query),
  );

  app.put(
    '/key-enterprises/:enterpriseId',
    {
      config: { access: 'labour:coordinate' },
      schema: {
        operationId: 'putKeyEnterprise',
        summary: 'Mark an enterprise of my district as key, with the reason and its service officer',
        description:
          'The officer must be an active staff account covering the enterprise’s district. 201 when newly marked.',
        tags,
        params: KeyEnterpriseParamsSchema,
        body: PutKeyEnterpriseBodySchema,
        response: { 200: KeyEnterpriseSchema, 201: KeyEnterpriseSchema },
      },
    },
    async (req, reply) => {
      const r = await svc.putKeyEnterprise(req.ctx, req.params.enterpriseId, req.body);
      return reply.status(r.created ? 201 : 200).send(r.key);
    },
  );

  app.delete(
    '/key-enterprises/:enterpriseId',
    {
      config: { access: 'labour:coordinate' },
      schema: {
        operationId: 'unmarkKeyEnterprise',
        summary: 'No longer a key enterprise (its service log stays)',
        tags,
        params: KeyEnterpriseParamsSchema,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await svc.unmarkKeyEnterprise(req.ctx, req.params.enterpriseId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/key-enterprises/:enterpriseId',
    {
      config: { access: 'authenticated' },
      preValidation: requireStaffOrClerk,
      schema: {
        operationId: 'getKeyEnterprise',
        summary: 'A key enterprise with its officer (staff of its district, its own clerks)',
        tags,
        params: KeyEnterpriseParamsSchema,
        response: { 200: KeyEnterpriseSchema },
      },
    },
    async (req) => svc.getKeyEnterprise(req.ctx, req.params.enterpriseId),
  );

  app.post(
    '/key-enterprises/:enterpriseId/service-logs',
    {
      config: { access: 'labour:coordinate', errors: ['conflict'] },
      schema: {
        operationId: 'createServiceLog',
        summary:
          'Record a visit or contact with a key enterprise and the problems raised (each with a deadline)',
        tags,
        params: KeyEnterpriseParamsSchema,
        body: CreateServiceLogBodySchema,
        response: { 201: ServiceLogSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await svc.createServiceLog(req.ctx, req.params.enterpriseId, req.body)),
  );

  app.get(
    '/key-enterprises/:enterpriseId/service-logs',
    {
      config: { access: 'authenticated' },
      preValidation: requireStaffOrClerk,
      schema: {
        operationId: 'listServiceLogs',
        summary:
          'The service log with problems, newest first (the enterprise’s clerks without internal notes)',
        tags,
        params: KeyEnterpriseParamsSchema,
        querystring: ListServiceLogsQuerySchema,
        response: { 200: pageOf(ServiceLogSchema) },
      },
    },
    async (req) => svc.listServiceLogs(req.ctx, req.params.enterpriseId, req.query),
  );

  app.get(
    '/service-problems',
    {
      config: { access: 'labour:coordinate' },
      schema: {
        operationId: 'listServiceProblems',
        summary: 'Problems raised at key enterprises of my districts; overdue=true is the overdue list',
        tags,
        querystring: ListServiceProblemsQuerySchema,
        response: { 200: pageOf(ServiceProblemSchema) },
      },
    },
    async (req) => svc.listProblems(req.ctx, req.query),
  );

  app.patch(
    '/service-problems/:id',
    {
      config: { access: 'labour:coordinate', errors: ['conflict'] },
      schema: {
        operationId: 'updateServiceProblem',
        summary: 'Resolve a problem with a note, reopen it, or move its deadline',
        tags,
        params: IdParamsSchema,
        body: UpdateServiceProblemBodySchema,
        response: { 200: ServiceProblemSchema },
      },
    },
    async (req) => svc.updateProblem(req.ctx, req.params.id, req.body),
  );
};
