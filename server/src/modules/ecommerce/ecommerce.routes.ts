import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  AddEcommerceParticipantBodySchema,
  CreateEcommerceProjectBodySchema,
  EcommerceParticipantSchema,
  EcommerceProjectSchema,
  IdParamsSchema,
  ListEcommerceParticipantsQuerySchema,
  ListEcommerceProjectsQuerySchema,
  UpdateEcommerceParticipantBodySchema,
  UpdateEcommerceProjectBodySchema,
  pageOf,
} from '@jiuye/shared';
import * as svc from './ecommerce.service.js';

/** Rural e-commerce projects (农村电商), run by staff of the county (ecommerce:manage). */
export const ecommerceRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['ecommerce'];

  app.post(
    '/ecommerce-projects',
    {
      config: { access: 'ecommerce:manage' },
      schema: {
        operationId: 'createEcommerceProject',
        summary: 'Start a rural e-commerce project in a county or village of the caller’s districts',
        tags,
        body: CreateEcommerceProjectBodySchema,
        response: { 201: EcommerceProjectSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createProject(req.ctx, req.body)),
  );

  app.get(
    '/ecommerce-projects',
    {
      config: { access: 'ecommerce:manage' },
      schema: {
        operationId: 'listEcommerceProjects',
        summary: 'Rural e-commerce projects of the caller’s districts, each with its outcomes',
        tags,
        querystring: ListEcommerceProjectsQuerySchema,
        response: { 200: pageOf(EcommerceProjectSchema) },
      },
    },
    async (req) => svc.listProjects(req.ctx, req.query),
  );

  app.get(
    '/ecommerce-projects/:id',
    {
      config: { access: 'ecommerce:manage' },
      schema: {
        operationId: 'getEcommerceProject',
        summary: 'One rural e-commerce project with its outcomes summary',
        tags,
        params: IdParamsSchema,
        response: { 200: EcommerceProjectSchema },
      },
    },
    async (req) => svc.getProject(req.ctx, req.params.id),
  );

  app.patch(
    '/ecommerce-projects/:id',
    {
      config: { access: 'ecommerce:manage' },
      schema: {
        operationId: 'updateEcommerceProject',
        summary: 'End a rural e-commerce project or reopen it',
        tags,
        params: IdParamsSchema,
        body: UpdateEcommerceProjectBodySchema,
        response: { 200: EcommerceProjectSchema },
      },
    },
    async (req) => svc.updateProject(req.ctx, req.params.id, req.body),
  );

  app.post(
    '/ecommerce-projects/:id/participants',
    {
      config: { access: 'ecommerce:manage', errors: ['already_exists'] },
      schema: {
        operationId: 'addEcommerceParticipant',
        summary:
          'Add a participant (a person on file or a new one) with trained, selling and income reported',
        tags,
        params: IdParamsSchema,
        body: AddEcommerceParticipantBodySchema,
        response: { 201: EcommerceParticipantSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.addParticipant(req.ctx, req.params.id, req.body)),
  );

  app.get(
    '/ecommerce-projects/:id/participants',
    {
      config: { access: 'ecommerce:manage' },
      schema: {
        operationId: 'listEcommerceParticipants',
        summary: 'A project’s participants (audited staff read)',
        tags,
        params: IdParamsSchema,
        querystring: ListEcommerceParticipantsQuerySchema,
        response: { 200: pageOf(EcommerceParticipantSchema) },
      },
    },
    async (req) => svc.listParticipants(req.ctx, req.params.id, req.query),
  );

  app.patch(
    '/ecommerce-participants/:id',
    {
      config: { access: 'ecommerce:manage' },
      schema: {
        operationId: 'updateEcommerceParticipant',
        summary: 'Update what a participant reports: trained, selling, monthly income',
        tags,
        params: IdParamsSchema,
        body: UpdateEcommerceParticipantBodySchema,
        response: { 200: EcommerceParticipantSchema },
      },
    },
    async (req) => svc.updateParticipant(req.ctx, req.params.id, req.body),
  );
};
