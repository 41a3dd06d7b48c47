import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  CreateKeyGroupRuleBodySchema,
  IdParamsSchema,
  KeyGroupMembershipListSchema,
  KeyGroupMembershipSchema,
  KeyGroupParamsSchema,
  KeyGroupRuleSchema,
  ListKeyGroupRulesQuerySchema,
} from '@jiuye/shared';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import * as svc from './key-groups.service.js';

async function requireReader(req: FastifyRequest): Promise<void> {
  const a = req.ctx.actor;
  const ok =
    a.kind === 'user' &&
    ((a.role === 'seeker' && a.permissions.has('registration:self')) ||
      (a.role === 'staff' && (a.permissions.has('person:manage') || a.permissions.has('case:manage'))));
  if (!ok) throw new AppError('forbidden');
}

export const keyGroupsRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/key-group-rules',
    {
      config: { access: 'person:manage' },
      schema: {
        operationId: 'listKeyGroupRules',
        summary: 'Key-group classification rules (data, with effective periods)',
        tags: ['key-groups'],
        querystring: ListKeyGroupRulesQuerySchema,
        response: { 200: z.object({ items: z.array(KeyGroupRuleSchema) }) },
      },
    },
    async (req) => svc.listRules(req.ctx, req.query),
  );

  app.post(
    '/key-group-rules',
    {
      config: { access: 'person:manage' },
      schema: {
        operationId: 'createKeyGroupRule',
        summary: 'A new rule version for a key group (city-wide staff); the current one ends the day before',
        tags: ['key-groups'],
        body: CreateKeyGroupRuleBodySchema,
        response: { 201: KeyGroupRuleSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createRule(req.ctx, req.body)),
  );

  app.get(
    '/persons/:id/key-groups',
    {
      config: { access: 'authenticated' },
      preValidation: requireReader,
      schema: {
        operationId: 'listPersonKeyGroups',
        summary: 'A person’s key-group classifications with evidence, validity and confirmation',
        tags: ['key-groups'],
        params: IdParamsSchema,
        response: { 200: KeyGroupMembershipListSchema },
      },
    },
    async (req) => svc.membershipsOf(req.ctx, req.params.id),
  );

  app.post(
    '/persons/:id/key-groups/:group/confirm',
    {
      config: { access: 'person:manage', errors: ['conflict'] },
      schema: {
        operationId: 'confirmPersonKeyGroup',
        summary: 'Confirm the evidence of a key-group classification (staff of the person’s district)',
        tags: ['key-groups'],
        params: KeyGroupParamsSchema,
        response: { 200: KeyGroupMembershipSchema },
      },
    },
    async (req) => svc.confirmMembership(req.ctx, req.params.id, req.params.group),
  );

  app.post(
    '/persons/:id/reclassify',
    {
      config: { access: 'person:manage' },
      schema: {
        operationId: 'reclassifyPerson',
        summary: 'Re-run the key-group rules for a person today',
        tags: ['key-groups'],
        params: IdParamsSchema,
        response: { 200: KeyGroupMembershipListSchema },
      },
    },
    async (req) => svc.reclassifyNow(req.ctx, req.params.id),
  );
};
