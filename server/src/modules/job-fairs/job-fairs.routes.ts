import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  CheckInBodySchema,
  CheckInResultSchema,
  CreateJobFairBodySchema,
  FairRegistrationSchema,
  FairReportSchema,
  FairStatsSchema,
  FairVisitBodySchema,
  FairVisitSchema,
  IdParamsSchema,
  JobFairBoothParamsSchema,
  JobFairBoothSchema,
  JobFairSchema,
  ListBoothsQuerySchema,
  ListJobFairsQuerySchema,
  ListMyBoothsQuerySchema,
  PageQuerySchema,
  RegisterBoothBodySchema,
  ReviewBoothBodySchema,
  UpdateJobFairBodySchema,
  pageOf,
} from '@jiuye/shared';
import * as svc from './job-fairs.service.js';

export const jobFairsRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['job-fairs'];

  app.post(
    '/job-fairs',
    {
      config: { access: 'fair:manage' },
      schema: {
        operationId: 'createJobFair',
        summary: 'Create a job fair (online or on site) in one of your districts, as a draft or published',
        tags,
        body: CreateJobFairBodySchema,
        response: { 201: JobFairSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createFair(req.ctx, req.body)),
  );

  app.get(
    '/job-fairs',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'listJobFairs',
        summary: 'Job fairs with their live counters (drafts: staff of their district only)',
        tags,
        querystring: ListJobFairsQuerySchema,
        response: { 200: pageOf(JobFairSchema) },
      },
    },
    async (req) => svc.listFairs(req.ctx, req.query),
  );

  app.get(
    '/job-fairs/:id',
    {
      config: { access: 'public', errors: ['not_found'] },
      schema: {
        operationId: 'getJobFair',
        summary: 'One job fair; status live/closed follows from its window',
        tags,
        params: IdParamsSchema,
        response: { 200: JobFairSchema },
      },
    },
    async (req) => svc.getFair(req.ctx, req.params.id),
  );

  app.patch(
    '/job-fairs/:id',
    {
      config: { access: 'fair:manage', errors: ['not_found', 'conflict', 'fair_closed'] },
      schema: {
        operationId: 'updateJobFair',
        summary: 'Edit a fair before it starts; publish a draft (status published) or cancel it',
        tags,
        params: IdParamsSchema,
        body: UpdateJobFairBodySchema,
        response: { 200: JobFairSchema },
      },
    },
    async (req) => svc.updateFair(req.ctx, req.params.id, req.body),
  );

  app.post(
    '/job-fairs/:id/booths',
    {
      config: {
        access: 'fair:exhibit',
        errors: ['not_found', 'fair_closed', 'enterprise_not_verified', 'already_exists'],
      },
      schema: {
        operationId: 'registerJobFairBooth',
        summary: 'Register a booth with published postings of your verified enterprise (staff approve it)',
        description:
          'Until the fair ends (409 fair_closed); one live booth per enterprise (409 already_exists).',
        tags,
        params: IdParamsSchema,
        body: RegisterBoothBodySchema,
        response: { 201: JobFairBoothSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.registerBooth(req.ctx, req.params.id, req.body)),
  );

  app.get(
    '/job-fairs/:id/booths',
    {
      config: { access: 'public', errors: ['not_found'] },
      schema: {
        operationId: 'listJobFairBooths',
        summary:
          'Booths of a fair: approved ones for everyone; all with figures for its staff; own for clerks',
        tags,
        params: IdParamsSchema,
        querystring: ListBoothsQuerySchema,
        response: { 200: pageOf(JobFairBoothSchema) },
      },
    },
    async (req) => svc.listBooths(req.ctx, req.params.id, req.query),
  );

  app.post(
    '/job-fairs/:id/booths/:boothId/review',
    {
      config: { access: 'fair:manage', errors: ['not_found', 'conflict', 'fair_full', 'fair_closed'] },
      schema: {
        operationId: 'reviewJobFairBooth',
        summary: 'Approve or reject a booth (staff of the fair’s district); capacity is enforced',
        tags,
        params: JobFairBoothParamsSchema,
        body: ReviewBoothBodySchema,
        response: { 200: JobFairBoothSchema },
      },
    },
    async (req) => svc.reviewBooth(req.ctx, req.params.id, req.params.boothId, req.body),
  );

  app.post(
    '/job-fairs/:id/booths/:boothId/withdraw',
    {
      config: { access: 'fair:exhibit', errors: ['not_found', 'conflict', 'fair_closed'] },
      schema: {
        operationId: 'withdrawJobFairBooth',
        summary: 'Withdraw your enterprise’s booth before the fair ends',
        tags,
        params: JobFairBoothParamsSchema,
        response: { 200: JobFairBoothSchema },
      },
    },
    async (req) => svc.withdrawBooth(req.ctx, req.params.id, req.params.boothId),
  );

  app.get(
    '/me/fair-booths',
    {
      config: { access: 'fair:exhibit' },
      schema: {
        operationId: 'listMyJobFairBooths',
        summary: 'My enterprises’ booths at every fair, with their figures',
        tags,
        querystring: ListMyBoothsQuerySchema,
        response: { 200: pageOf(JobFairBoothSchema) },
      },
    },
    async (req) => svc.listMyBooths(req.ctx, req.query),
  );

  app.post(
    '/job-fairs/:id/visits',
    {
      config: { access: 'application:apply', errors: ['not_found', 'fair_not_live', 'fair_closed'] },
      schema: {
        operationId: 'visitJobFair',
        summary: 'Enter a live fair, or open a booth’s posting through it (attributes your application)',
        description:
          'Then apply with POST /api/v1/job-postings/{postingId}/applications before the fair ends. Before the window: 409 fair_not_live; after it: 409 fair_closed.',
        tags,
        params: IdParamsSchema,
        body: FairVisitBodySchema,
        response: { 200: FairVisitSchema },
      },
    },
    async (req) => svc.visit(req.ctx, req.params.id, req.body),
  );

  app.get(
    '/job-fairs/:id/stats',
    {
      config: { access: 'public', errors: ['not_found'] },
      schema: {
        operationId: 'getJobFairStats',
        summary:
          'Live counters: visitors, registrations, check-ins, booths, applications, interviews, offers',
        tags,
        params: IdParamsSchema,
        response: { 200: FairStatsSchema },
      },
    },
    async (req) => svc.getStats(req.ctx, req.params.id),
  );

  app.get(
    '/job-fairs/:id/report',
    {
      config: { access: 'fair:manage', errors: ['not_found'] },
      schema: {
        operationId: 'getJobFairReport',
        summary:
          'The fair’s report: totals, figures per booth, applicants by origin (final after the window)',
        tags,
        params: IdParamsSchema,
        response: { 200: FairReportSchema },
      },
    },
    async (req) => svc.getReport(req.ctx, req.params.id),
  );

  app.post(
    '/job-fairs/:id/registrations',
    {
      config: { access: 'application:apply', errors: ['not_found', 'fair_closed', 'conflict'] },
      schema: {
        operationId: 'registerForJobFair',
        summary: 'Register for an on-site fair and get the check-in QR code (again: the same registration)',
        tags,
        params: IdParamsSchema,
        response: { 201: FairRegistrationSchema, 200: FairRegistrationSchema },
      },
    },
    async (req, reply) => {
      const r = await svc.registerForFair(req.ctx, req.params.id);
      return reply.status(r.created ? 201 : 200).send(r.registration);
    },
  );

  app.get(
    '/me/fair-registrations',
    {
      config: { access: 'application:apply' },
      schema: {
        operationId: 'listMyFairRegistrations',
        summary: 'My on-site fair registrations with their check-in codes',
        tags,
        querystring: PageQuerySchema.strict(),
        response: { 200: pageOf(FairRegistrationSchema) },
      },
    },
    async (req) => svc.listMyRegistrations(req.ctx, req.query),
  );

  app.post(
    '/job-fairs/:id/check-ins',
    {
      config: { access: 'fair:manage', errors: ['not_found', 'fair_not_live', 'fair_closed', 'conflict'] },
      schema: {
        operationId: 'checkInAtJobFair',
        summary: 'Scan a registration’s QR code at the door (once; a repeated scan reports it)',
        tags,
        params: IdParamsSchema,
        body: CheckInBodySchema,
        response: { 200: CheckInResultSchema },
      },
    },
    async (req) => svc.checkIn(req.ctx, req.params.id, req.body),
  );
};
