import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  CreateGraduateBodySchema,
  CreatePersonBodySchema,
  GraduateSchema,
  IdParamsSchema,
  LinkAccountBodySchema,
  ListGraduatesQuerySchema,
  ListPersonsQuerySchema,
  PersonListItemSchema,
  PersonLookupBodySchema,
  PersonLookupResultSchema,
  PersonSchema,
  RevealIdBodySchema,
  RevealIdResultSchema,
  TimelineSchema,
  UpdatePersonBodySchema,
  pageOf,
} from '@jiuye/shared';
import { AppError } from '../../platform/errors.js';
import { listGraduates, mayUseGraduates, registerGraduate } from './graduates.service.js';
import * as svc from './persons.service.js';

/** Seekers (their own record) and registry staff share these reads; anyone else stops before validation. */
async function requirePersonReader(req: FastifyRequest): Promise<void> {
  const a = req.ctx.actor;
  if (a.kind !== 'user') throw new AppError('forbidden');
  const self = a.role === 'seeker' && a.permissions.has('registration:self');
  if (!self && !svc.isRegistryStaff(a)) throw new AppError('forbidden');
}

async function requireGraduateRegistrar(req: FastifyRequest): Promise<void> {
  if (!mayUseGraduates(req.ctx)) throw new AppError('forbidden');
}

export const personsRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/persons',
    {
      config: { access: 'person:manage', errors: ['conflict'] },
      schema: {
        operationId: 'createPerson',
        summary:
          'Register a walk-in at the desk (identity number checked inline; existing number → 200 with that person)',
        tags: ['persons'],
        body: CreatePersonBodySchema,
        response: { 200: PersonSchema, 201: PersonSchema },
      },
    },
    async (req, reply) => {
      const r = await svc.createPerson(req.ctx, req.body);
      return reply.status(r.created ? 201 : 200).send(r.person);
    },
  );

  app.get(
    '/persons',
    {
      config: { access: 'person:manage' },
      schema: {
        operationId: 'listPersons',
        summary: 'Search the registry in my districts: name, phone, or the last 4–6 identity characters',
        tags: ['persons'],
        querystring: ListPersonsQuerySchema,
        response: { 200: pageOf(PersonListItemSchema) },
      },
    },
    async (req) => svc.listPersons(req.ctx, req.query),
  );

  app.post(
    '/persons/lookup',
    {
      config: { access: 'person:manage' },
      schema: {
        operationId: 'lookupPersonByIdNumber',
        summary: 'Find a person by full identity number (sent in the body: URLs are logged)',
        tags: ['persons'],
        body: PersonLookupBodySchema,
        response: { 200: PersonLookupResultSchema },
      },
    },
    async (req) => svc.lookupPerson(req.ctx, req.body.idNumber),
  );

  app.get(
    '/persons/:id',
    {
      config: { access: 'authenticated' },
      preValidation: requirePersonReader,
      schema: {
        operationId: 'getPerson',
        summary: 'One person (identity number masked; staff reads are audited)',
        tags: ['persons'],
        params: IdParamsSchema,
        response: { 200: PersonSchema },
      },
    },
    async (req) => svc.getPerson(req.ctx, req.params.id),
  );

  app.patch(
    '/persons/:id',
    {
      config: { access: 'person:manage' },
      schema: {
        operationId: 'updatePerson',
        summary: 'Correct details or record evidence (veteran, poor household, disability…); reclassifies',
        tags: ['persons'],
        params: IdParamsSchema,
        body: UpdatePersonBodySchema,
        response: { 200: PersonSchema },
      },
    },
    async (req) => svc.updatePerson(req.ctx, req.params.id, req.body),
  );

  app.post(
    '/persons/:id/link-account',
    {
      config: { access: 'person:manage', errors: ['conflict'] },
      schema: {
        operationId: 'linkPersonAccount',
        summary: 'Link a walk-in’s record to their seeker account (by its phone)',
        tags: ['persons'],
        params: IdParamsSchema,
        body: LinkAccountBodySchema,
        response: { 200: PersonSchema },
      },
    },
    async (req) => svc.linkAccount(req.ctx, req.params.id, req.body.phone),
  );

  app.post(
    '/persons/:id/reveal-id',
    {
      config: { access: 'person:reveal', errors: ['conflict'] },
      schema: {
        operationId: 'revealPersonIdNumber',
        summary: 'Show the full identity number, with a reason (one audit row)',
        tags: ['persons'],
        params: IdParamsSchema,
        body: RevealIdBodySchema,
        response: { 200: RevealIdResultSchema },
      },
    },
    async (req) => svc.revealIdNumber(req.ctx, req.params.id, req.body.reason),
  );

  app.get(
    '/persons/:id/timeline',
    {
      config: { access: 'authenticated' },
      preValidation: requirePersonReader,
      schema: {
        operationId: 'getPersonTimeline',
        summary: 'A person’s status history: registrations, key groups, case, services (oldest first)',
        tags: ['persons'],
        params: IdParamsSchema,
        response: { 200: TimelineSchema },
      },
    },
    async (req) => svc.timeline(req.ctx, req.params.id),
  );

  app.post(
    '/graduates',
    {
      config: { access: 'authenticated', errors: ['conflict'] },
      preValidation: requireGraduateRegistrar,
      schema: {
        operationId: 'registerGraduate',
        summary: 'Register a college graduate (a college with consent, the graduate, or staff)',
        tags: ['graduates'],
        body: CreateGraduateBodySchema,
        response: { 201: GraduateSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await registerGraduate(req.ctx, req.body)),
  );

  app.get(
    '/graduates',
    {
      config: { access: 'authenticated' },
      preValidation: requireGraduateRegistrar,
      schema: {
        operationId: 'listGraduates',
        summary: 'Graduates: a college’s own, the graduate’s own entry, or staff’s districts',
        tags: ['graduates'],
        querystring: ListGraduatesQuerySchema,
        response: { 200: pageOf(GraduateSchema) },
      },
    },
    async (req) => listGraduates(req.ctx, req.query),
  );
};
