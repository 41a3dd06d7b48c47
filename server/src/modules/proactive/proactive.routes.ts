import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  FindEligibleBodySchema,
  FindEligibleResultSchema,
  ListOutreachRunsQuerySchema,
  OutreachBodySchema,
  OutreachRunSchema,
  ProactivePolicyParamsSchema,
  pageOf,
} from '@jiuye/shared';
import * as svc from './proactive.service.js';

export const proactiveRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/policies/:code/find-eligible',
    {
      config: { access: 'policy:review' },
      schema: {
        operationId: 'findEligibleSubjects',
        summary: 'Find the enterprises or people the platform knows who meet a policy (免申即享)',
        description:
          'Staff with policy:review; district officers within their districts. Scans enterprises, people with start-up records, people with résumés and hires of key-group people, narrowed by SQL from the rule, leaves out subjects who already applied for the period, and judges the rest. Audited.',
        tags: ['proactive-eligibility'],
        params: ProactivePolicyParamsSchema,
        body: FindEligibleBodySchema,
        response: { 200: FindEligibleResultSchema },
      },
    },
    async (req) => svc.findEligible(req.ctx, req.params.code, req.body),
  );

  app.post(
    '/policies/:code/outreach',
    {
      config: { access: 'policy:review', idempotent: true },
      schema: {
        operationId: 'runPolicyOutreach',
        summary: 'Notify eligible subjects, or prepare draft applications they only confirm',
        description:
          'Each subject is judged again; those not eligible, already applied, outside the caller’s districts or (notify) without an account are skipped with the reason. The run is recorded. Send an Idempotency-Key.',
        tags: ['proactive-eligibility'],
        params: ProactivePolicyParamsSchema,
        body: OutreachBodySchema,
        response: { 200: OutreachRunSchema },
      },
    },
    async (req) => svc.outreach(req.ctx, req.params.code, req.body),
  );

  app.get(
    '/policies/:code/outreach-runs',
    {
      config: { access: 'policy:review' },
      schema: {
        operationId: 'listOutreachRuns',
        summary: 'The outreach runs of a policy: who, when, what mode, counts and results',
        tags: ['proactive-eligibility'],
        params: ProactivePolicyParamsSchema,
        querystring: ListOutreachRunsQuerySchema,
        response: { 200: pageOf(OutreachRunSchema) },
      },
    },
    async (req) => svc.listRuns(req.ctx, req.params.code, req.query),
  );
};
