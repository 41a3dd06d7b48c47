import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  AgencySchema,
  CloseServiceContractBodySchema,
  ContractDeliverableParamsSchema,
  CreateDeliverableBodySchema,
  CreateServiceContractBodySchema,
  DeliverableSchema,
  IdParamsSchema,
  ListAgenciesQuerySchema,
  ListDeliverablesQuerySchema,
  ListServiceContractsQuerySchema,
  RegisterAgencyBodySchema,
  ReviewAgencyBodySchema,
  ReviewDeliverableBodySchema,
  ServiceContractSchema,
  pageOf,
} from '@jiuye/shared';
import { AppError } from '../../platform/errors.js';
import { mayUseAgencies } from './agencies.policy.js';
import * as svc from './agencies.service.js';

/**
 * Routes that agencies and staff share declare `authenticated` and narrow it here, before the
 * query or body is validated; the service then checks the record (agencies.policy.ts).
 */
async function requireAgencyOrStaff(req: FastifyRequest): Promise<void> {
  if (!mayUseAgencies(req.ctx.actor)) throw new AppError('forbidden');
}

export const agenciesRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['agencies'];

  app.post(
    '/agencies',
    {
      config: { access: 'agency:deliver', errors: ['already_exists'] },
      schema: {
        operationId: 'registerAgency',
        summary: 'Register your HR service agency (licence number; staff verify it)',
        tags,
        body: RegisterAgencyBodySchema,
        response: { 201: AgencySchema },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.registerAgency(req.ctx, req.body)),
  );

  app.get(
    '/agencies',
    {
      config: { access: 'labour:coordinate' },
      schema: {
        operationId: 'listAgencies',
        summary: 'Registered HR service agencies (staff), contact phones masked',
        tags,
        querystring: ListAgenciesQuerySchema,
        response: { 200: pageOf(AgencySchema) },
      },
    },
    async (req) => svc.listAgencies(req.ctx, req.query),
  );

  app.get(
    '/me/agency',
    {
      config: { access: 'agency:deliver', errors: ['not_found'] },
      schema: {
        operationId: 'getMyAgency',
        summary: 'My agency and its verification status (404 before registering)',
        tags,
        response: { 200: AgencySchema },
      },
    },
    async (req) => svc.getMyAgency(req.ctx),
  );

  app.get(
    '/agencies/:id',
    {
      config: { access: 'authenticated', errors: ['not_found'] },
      preValidation: requireAgencyOrStaff,
      schema: {
        operationId: 'getAgency',
        summary: 'One agency (staff; the agency itself)',
        tags,
        params: IdParamsSchema,
        response: { 200: AgencySchema },
      },
    },
    async (req) => svc.getAgency(req.ctx, req.params.id),
  );

  app.post(
    '/agencies/:id/review',
    {
      config: { access: 'labour:coordinate', errors: ['not_found', 'conflict'] },
      schema: {
        operationId: 'reviewAgency',
        summary: 'Verify, reject or suspend an agency (staff of its district or the bureau)',
        tags,
        params: IdParamsSchema,
        body: ReviewAgencyBodySchema,
        response: { 200: AgencySchema },
      },
    },
    async (req) => svc.reviewAgency(req.ctx, req.params.id, req.body),
  );

  app.post(
    '/service-contracts',
    {
      config: { access: 'labour:coordinate', errors: ['agency_not_verified'] },
      schema: {
        operationId: 'createServiceContract',
        summary: 'Sign a purchased-service contract with a verified agency (city-wide staff)',
        description:
          'E.g. recruit N workers for key enterprises: target enterprises, count, price (fen), period. Audited.',
        tags,
        body: CreateServiceContractBodySchema,
        response: { 201: ServiceContractSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createContract(req.ctx, req.body)),
  );

  app.get(
    '/service-contracts',
    {
      config: { access: 'authenticated' },
      preValidation: requireAgencyOrStaff,
      schema: {
        operationId: 'listServiceContracts',
        summary: 'Service contracts with their progress (staff: all; an agency: its own)',
        tags,
        querystring: ListServiceContractsQuerySchema,
        response: { 200: pageOf(ServiceContractSchema) },
      },
    },
    async (req) => svc.listContracts(req.ctx, req.query),
  );

  app.get(
    '/service-contracts/:id',
    {
      config: { access: 'authenticated', errors: ['not_found'] },
      preValidation: requireAgencyOrStaff,
      schema: {
        operationId: 'getServiceContract',
        summary: 'One service contract with its progress',
        tags,
        params: IdParamsSchema,
        response: { 200: ServiceContractSchema },
      },
    },
    async (req) => svc.getContract(req.ctx, req.params.id),
  );

  app.post(
    '/service-contracts/:id/close',
    {
      config: { access: 'labour:coordinate', errors: ['not_found', 'contract_not_active'] },
      schema: {
        operationId: 'closeServiceContract',
        summary: 'Close a contract as completed or terminated (city-wide staff)',
        tags,
        params: IdParamsSchema,
        body: CloseServiceContractBodySchema,
        response: { 200: ServiceContractSchema },
      },
    },
    async (req) => svc.closeContract(req.ctx, req.params.id, req.body),
  );

  app.post(
    '/service-contracts/:id/deliverables',
    {
      config: { access: 'agency:deliver', errors: ['not_found', 'contract_not_active', 'already_exists'] },
      schema: {
        operationId: 'reportDeliverable',
        summary:
          'Report a deliverable of your contract: a worker placed (person or hire reference) or a service',
        tags,
        params: IdParamsSchema,
        body: CreateDeliverableBodySchema,
        response: { 201: DeliverableSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await svc.reportDeliverable(req.ctx, req.params.id, req.body)),
  );

  app.get(
    '/service-contracts/:id/deliverables',
    {
      config: { access: 'authenticated', errors: ['not_found'] },
      preValidation: requireAgencyOrStaff,
      schema: {
        operationId: 'listDeliverables',
        summary: 'Deliverables of a contract (workers masked); staff reads are audited',
        tags,
        params: IdParamsSchema,
        querystring: ListDeliverablesQuerySchema,
        response: { 200: pageOf(DeliverableSchema) },
      },
    },
    async (req) => svc.listDeliverables(req.ctx, req.params.id, req.query),
  );

  app.post(
    '/service-contracts/:id/deliverables/:deliverableId/review',
    {
      config: {
        access: 'labour:coordinate',
        errors: ['not_found', 'conflict', 'contract_target_reached', 'contract_not_active'],
      },
      schema: {
        operationId: 'reviewDeliverable',
        summary: 'Verify or reject a deliverable (city-wide staff); verified units count toward the target',
        tags,
        params: ContractDeliverableParamsSchema,
        body: ReviewDeliverableBodySchema,
        response: { 200: DeliverableSchema },
      },
    },
    async (req) => svc.reviewDeliverable(req.ctx, req.params.id, req.params.deliverableId, req.body),
  );
};
