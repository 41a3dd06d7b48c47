import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CreatePolicyBodySchema,
  EligibilityCheckBodySchema,
  EligibilityResultSchema,
  FactDefinitionSchema,
  GetPolicyQuerySchema,
  ListPoliciesQuerySchema,
  PolicyCodeParamsSchema,
  PolicySchema,
  RULE_MAX_DEPTH,
  SUBJECT_TYPES,
  UpdatePolicyBodySchema,
  pageOf,
  ruleDepth,
} from '@jiuye/shared';
import { AppError } from '../../platform/errors.js';
import * as svc from './policies.service.js';

/**
 * A hostile rule nested thousands deep would exhaust the validator's stack: measure the depth
 * without recursion before the body is validated, and refuse it as a field error.
 */
async function limitRuleDepth(req: FastifyRequest): Promise<void> {
  const body = req.body as { eligibility?: unknown } | null | undefined;
  if (body && typeof body === 'object' && ruleDepth(body.eligibility) > RULE_MAX_DEPTH) {
    throw new AppError('validation_failed', { fields: [{ path: 'eligibility', code: 'rule_too_deep' }] });
  }
}

/** Applicants and officers: the self-check is for those who can apply or review. */
async function requireApplyOrReview(req: FastifyRequest): Promise<void> {
  const a = req.ctx.actor;
  if (a.kind !== 'user' || !(a.permissions.has('policy:apply') || a.permissions.has('policy:review')))
    throw new AppError('forbidden');
}

export const policiesRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/policies',
    {
      config: { access: 'public', errors: ['unknown_code'] },
      schema: {
        operationId: 'listPolicies',
        summary: 'The policy catalogue (current versions), filtered by kind, applicant type, date in effect',
        tags: ['policies'],
        querystring: ListPoliciesQuerySchema,
        response: { 200: pageOf(PolicySchema) },
      },
    },
    async (req) => svc.listPolicies(req.ctx, req.query),
  );

  app.get(
    '/policies/:code',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'getPolicy',
        summary: 'One policy: the current version, or `?version=n`',
        tags: ['policies'],
        params: PolicyCodeParamsSchema,
        querystring: GetPolicyQuerySchema,
        response: { 200: PolicySchema },
      },
    },
    async (req) => svc.getPolicy(req.ctx, req.params.code, req.query.version),
  );

  app.get(
    '/policies/:code/versions',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'listPolicyVersions',
        summary: 'Every version of a policy, newest first',
        tags: ['policies'],
        params: PolicyCodeParamsSchema,
        response: { 200: z.object({ items: z.array(PolicySchema) }) },
      },
    },
    async (req) => svc.listPolicyVersions(req.ctx, req.params.code),
  );

  app.post(
    '/policies',
    {
      config: { access: 'policy:manage', errors: ['already_exists'] },
      preValidation: limitRuleDepth,
      schema: {
        operationId: 'createPolicy',
        summary: 'Add a policy to the catalogue (city-wide officers)',
        description:
          'Rules are checked against the fact registry (GET /api/v1/policy-facts): an unknown fact, an operator the fact’s type does not admit, a value of the wrong type or nesting deeper than 8 is a 400 naming the path, e.g. `eligibility.all.2.value`.',
        tags: ['policies'],
        body: CreatePolicyBodySchema,
        response: { 201: PolicySchema },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createPolicy(req.ctx, req.body)),
  );

  app.put(
    '/policies/:code',
    {
      config: { access: 'policy:manage', errors: ['conflict'] },
      preValidation: limitRuleDepth,
      schema: {
        operationId: 'updatePolicy',
        summary: 'Edit a policy: adds a version (city-wide officers); applications keep theirs',
        description:
          '`expectedVersion` must be the current version, else 409 with `stale_version`. The applicant type cannot change.',
        tags: ['policies'],
        params: PolicyCodeParamsSchema,
        body: UpdatePolicyBodySchema,
        response: { 200: PolicySchema },
      },
    },
    async (req) => svc.updatePolicy(req.ctx, req.params.code, req.body),
  );

  app.get(
    '/policy-facts',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'listPolicyFacts',
        summary: 'The facts eligibility rules and amount formulas may read (the fact registry)',
        tags: ['policies'],
        querystring: z.object({ subjectType: z.enum(SUBJECT_TYPES).optional() }).strict(),
        response: { 200: z.object({ items: z.array(FactDefinitionSchema) }) },
      },
    },
    async (req) => svc.listFacts(req.query.subjectType),
  );

  app.post(
    '/policies/:code/eligibility-check',
    {
      config: { access: 'authenticated' },
      preValidation: requireApplyOrReview,
      schema: {
        operationId: 'checkPolicyEligibility',
        summary: 'Self-check: does this enterprise or person meet the policy, and why (no application made)',
        description:
          'Enterprise policies: `enterpriseId` of an enterprise the caller is a clerk of (staff: one in their districts). Person policies: the caller; staff give `personId`. Each condition comes back with the actual value in zh-CN and en-US; a missing fact is `unknown` and counts as not met.',
        tags: ['policies'],
        params: PolicyCodeParamsSchema,
        body: EligibilityCheckBodySchema,
        response: { 200: EligibilityResultSchema },
      },
    },
    async (req) => svc.selfCheck(req.ctx, req.params.code, req.body),
  );
};
