import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  CaseListItemSchema,
  CaseSchema,
  CloseCaseBodySchema,
  CreateServiceBodySchema,
  FollowUpBodySchema,
  IdParamsSchema,
  ListCasesQuerySchema,
  ListOverdueQuerySchema,
  OverdueItemSchema,
  ServiceParamsSchema,
  UpdateCaseBodySchema,
  WorkloadQuerySchema,
  WorkloadSchema,
  pageOf,
} from '@jiuye/shared';
import * as svc from './cases.service.js';

export const casesRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/cases',
    {
      config: { access: 'case:manage' },
      schema: {
        operationId: 'listCases',
        summary: 'Assistance cases of my districts (scope=mine: those I am responsible for)',
        tags: ['cases'],
        querystring: ListCasesQuerySchema,
        response: { 200: pageOf(CaseListItemSchema) },
      },
    },
    async (req) => svc.listCases(req.ctx, req.query),
  );

  app.get(
    '/cases/overdue',
    {
      config: { access: 'case:manage' },
      schema: {
        operationId: 'listOverdueCases',
        summary: 'Follow-ups past due and persons without any service 30 days after registering',
        tags: ['cases'],
        querystring: ListOverdueQuerySchema,
        response: { 200: pageOf(OverdueItemSchema) },
      },
    },
    async (req) => svc.listOverdue(req.ctx, req.query),
  );

  app.get(
    '/cases/workload',
    {
      config: { access: 'case:manage' },
      schema: {
        operationId: 'getCaseWorkload',
        summary: 'Each officer’s open cases and overdue items in my districts',
        tags: ['cases'],
        querystring: WorkloadQuerySchema,
        response: { 200: WorkloadSchema },
      },
    },
    async (req) => svc.workload(req.ctx, req.query.districtCode),
  );

  app.get(
    '/cases/:id',
    {
      config: { access: 'case:manage' },
      schema: {
        operationId: 'getCase',
        summary: 'One case with its services, follow-ups and the person’s registrations',
        tags: ['cases'],
        params: IdParamsSchema,
        response: { 200: CaseSchema },
      },
    },
    async (req) => svc.getCase(req.ctx, req.params.id),
  );

  app.patch(
    '/cases/:id',
    {
      config: { access: 'case:manage', errors: ['conflict'] },
      schema: {
        operationId: 'reassignCase',
        summary: 'Reassign the responsible officer (an officer covering the case’s district)',
        tags: ['cases'],
        params: IdParamsSchema,
        body: UpdateCaseBodySchema,
        response: { 200: CaseSchema },
      },
    },
    async (req) => svc.reassign(req.ctx, req.params.id, req.body.officerUserId),
  );

  app.post(
    '/cases/:id/services',
    {
      config: { access: 'case:manage', errors: ['conflict'] },
      schema: {
        operationId: 'addCaseService',
        summary:
          'Record a service: job referral (a posting), training referral, policy referral, counselling',
        tags: ['cases'],
        params: IdParamsSchema,
        body: CreateServiceBodySchema,
        response: { 201: CaseSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.addService(req.ctx, req.params.id, req.body)),
  );

  app.post(
    '/cases/:id/services/:serviceId/follow-up',
    {
      config: { access: 'case:manage', errors: ['conflict'] },
      schema: {
        operationId: 'followUpCaseService',
        summary: 'Record a follow-up: the outcome of a service, and the next follow-up date',
        tags: ['cases'],
        params: ServiceParamsSchema,
        body: FollowUpBodySchema,
        response: { 200: CaseSchema },
      },
    },
    async (req) => svc.followUp(req.ctx, req.params.id, req.params.serviceId, req.body),
  );

  app.post(
    '/cases/:id/close',
    {
      config: { access: 'case:manage', errors: ['conflict'] },
      schema: {
        operationId: 'closeCase',
        summary: 'Close a case with an outcome (employment registration closes it by itself)',
        tags: ['cases'],
        params: IdParamsSchema,
        body: CloseCaseBodySchema,
        response: { 200: CaseSchema },
      },
    },
    async (req) => svc.closeCase(req.ctx, req.params.id, req.body.outcome, req.body.note),
  );
};
