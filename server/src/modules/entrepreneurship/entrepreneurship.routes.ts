import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  CreateGuaranteeLoanBodySchema,
  CreateLoanDeferralBodySchema,
  CreateStartupBodySchema,
  DecideLoanDeferralBodySchema,
  GuaranteeLoanSchema,
  IdParamsSchema,
  ListGuaranteeLoansQuerySchema,
  ListLoanDeferralsQuerySchema,
  ListStartupsQuerySchema,
  LoanDeferralSchema,
  StartupSchema,
  UpdateGuaranteeLoanBodySchema,
  UpdateStartupBodySchema,
  pageOf,
} from '@jiuye/shared';
import { AppError } from '../../platform/errors.js';
import { mayUseEntrepreneurship } from './entrepreneurship.policy.js';
import * as svc from './entrepreneurship.service.js';

/**
 * Founders (seekers) and district staff share these routes: they declare `authenticated` and
 * narrow it here, before the body is validated (employers, colleges, agencies, admins and tokens
 * get 403 whatever they send). The service then checks the record (entrepreneurship.policy.ts).
 */
async function requireFounderOrStaff(req: FastifyRequest): Promise<void> {
  if (!mayUseEntrepreneurship(req.ctx.actor)) throw new AppError('forbidden');
}

export const entrepreneurshipRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const shared = { access: 'authenticated' as const };

  app.post(
    '/startups',
    {
      config: { ...shared, idempotent: true, errors: ['already_exists'] },
      preValidation: requireFounderOrStaff,
      schema: {
        operationId: 'createStartup',
        summary: 'Record a start-up: the seeker’s own, or staff for a person of their districts',
        description:
          'Companies and cooperatives give a unified social credit code (a failing check character is accepted and flagged); an individual business (个体工商户) may have none. `returnEvidence` decides the returned-worker flag.',
        tags: ['entrepreneurship'],
        body: CreateStartupBodySchema,
        response: { 201: StartupSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createStartup(req.ctx, req.body)),
  );

  app.get(
    '/startups',
    {
      config: shared,
      preValidation: requireFounderOrStaff,
      schema: {
        operationId: 'listStartups',
        summary: 'Start-ups: the seeker’s own; staff those of their districts',
        tags: ['entrepreneurship'],
        querystring: ListStartupsQuerySchema,
        response: { 200: pageOf(StartupSchema) },
      },
    },
    async (req) => svc.listStartups(req.ctx, req.query),
  );

  app.get(
    '/startups/:id',
    {
      config: shared,
      preValidation: requireFounderOrStaff,
      schema: {
        operationId: 'getStartup',
        summary: 'One start-up record with the returned-worker judgement and its reasons',
        tags: ['entrepreneurship'],
        params: IdParamsSchema,
        response: { 200: StartupSchema },
      },
    },
    async (req) => svc.getStartup(req.ctx, req.params.id),
  );

  app.patch(
    '/startups/:id',
    {
      config: shared,
      preValidation: requireFounderOrStaff,
      schema: {
        operationId: 'updateStartup',
        summary: 'Update a start-up: jobs created, address, evidence of return, closed',
        tags: ['entrepreneurship'],
        params: IdParamsSchema,
        body: UpdateStartupBodySchema,
        response: { 200: StartupSchema },
      },
    },
    async (req) => svc.updateStartup(req.ctx, req.params.id, req.body),
  );

  app.post(
    '/startups/:id/guarantee-loans',
    {
      config: { ...shared, idempotent: true, errors: ['already_exists', 'conflict'] },
      preValidation: requireFounderOrStaff,
      schema: {
        operationId: 'requestGuaranteeLoan',
        summary: 'Ask for a referral for an entrepreneurship guarantee loan (创业担保贷款)',
        description: 'One referral in progress per start-up (409 already_exists).',
        tags: ['entrepreneurship'],
        params: IdParamsSchema,
        body: CreateGuaranteeLoanBodySchema,
        response: { 201: GuaranteeLoanSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.requestLoan(req.ctx, req.params.id, req.body)),
  );

  app.get(
    '/guarantee-loans',
    {
      config: shared,
      preValidation: requireFounderOrStaff,
      schema: {
        operationId: 'listGuaranteeLoans',
        summary: 'Guarantee-loan referrals: the founder’s own; staff those of their districts',
        tags: ['entrepreneurship'],
        querystring: ListGuaranteeLoansQuerySchema,
        response: { 200: pageOf(GuaranteeLoanSchema) },
      },
    },
    async (req) => svc.listLoans(req.ctx, req.query),
  );

  app.patch(
    '/guarantee-loans/:id',
    {
      config: { ...shared, errors: ['conflict'] },
      preValidation: requireFounderOrStaff,
      schema: {
        operationId: 'updateGuaranteeLoan',
        summary: 'Move a referral: referred, granted (amount), declined (note), repaid (staff); withdrawn',
        tags: ['entrepreneurship'],
        params: IdParamsSchema,
        body: UpdateGuaranteeLoanBodySchema,
        response: { 200: GuaranteeLoanSchema },
      },
    },
    async (req) => svc.updateLoan(req.ctx, req.params.id, req.body),
  );

  app.post(
    '/guarantee-loans/:id/deferrals',
    {
      config: { ...shared, idempotent: true, errors: ['conflict'] },
      preValidation: requireFounderOrStaff,
      schema: {
        operationId: 'requestLoanDeferral',
        summary: 'Ask to defer repayments of a granted guarantee loan',
        description: 'Only a granted loan (409 loan_not_granted); one request under review per loan.',
        tags: ['entrepreneurship'],
        params: IdParamsSchema,
        body: CreateLoanDeferralBodySchema,
        response: { 201: LoanDeferralSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.requestDeferral(req.ctx, req.params.id, req.body)),
  );

  app.get(
    '/loan-deferrals',
    {
      config: shared,
      preValidation: requireFounderOrStaff,
      schema: {
        operationId: 'listLoanDeferrals',
        summary: 'Repayment-deferral requests: the founder’s own; staff those of their districts',
        tags: ['entrepreneurship'],
        querystring: ListLoanDeferralsQuerySchema,
        response: { 200: pageOf(LoanDeferralSchema) },
      },
    },
    async (req) => svc.listDeferrals(req.ctx, req.query),
  );

  app.post(
    '/loan-deferrals/:id/decision',
    {
      config: { ...shared, errors: ['conflict', 'separation_of_duties'] },
      preValidation: requireFounderOrStaff,
      schema: {
        operationId: 'decideLoanDeferral',
        summary:
          'Approve or reject a deferral request (district staff; a rejection says why), or withdraw it',
        tags: ['entrepreneurship'],
        params: IdParamsSchema,
        body: DecideLoanDeferralBodySchema,
        response: { 200: LoanDeferralSchema },
      },
    },
    async (req) => svc.decideLoanDeferral(req.ctx, req.params.id, req.body),
  );
};
