import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  AddCohortStudentsBodySchema,
  AddCohortStudentsResultSchema,
  CohortMatchesSchema,
  CohortSchema,
  CohortStudentsPageSchema,
  CollegeAgreementSchema,
  CollegeSchema,
  CreateCohortBodySchema,
  CreateCollegeAgreementBodySchema,
  CreateEnterpriseDemandBodySchema,
  DemandMatchesSchema,
  EnterpriseDemandSchema,
  IdParamsSchema,
  LabourMatchesQuerySchema,
  ListCohortsQuerySchema,
  ListCollegeAgreementsQuerySchema,
  ListEnterpriseDemandsQuerySchema,
  PageQuerySchema,
  PutMyCollegeBodySchema,
  SignCollegeAgreementBodySchema,
  UpdateCohortBodySchema,
  UpdateCollegeAgreementBodySchema,
  UpdateEnterpriseDemandBodySchema,
  pageOf,
} from '@jiuye/shared';
import { AppError } from '../../platform/errors.js';
import { isShortageClerk } from '../shortages/index.js';
import { isCollegeAccount, mayManageCohorts, mayManageDemand, mayUseColleges } from './colleges.policy.js';
import * as svc from './colleges.service.js';

async function requireCollegeRole(req: FastifyRequest): Promise<void> {
  if (!mayUseColleges(req.ctx.actor)) throw new AppError('forbidden');
}
async function requireCohortManager(req: FastifyRequest): Promise<void> {
  if (!mayManageCohorts(req.ctx.actor)) throw new AppError('forbidden');
}
async function requireDemandManager(req: FastifyRequest): Promise<void> {
  if (!mayManageDemand(req.ctx.actor)) throw new AppError('forbidden');
}
async function requireSigner(req: FastifyRequest): Promise<void> {
  if (!(isCollegeAccount(req.ctx.actor) || isShortageClerk(req.ctx.actor))) throw new AppError('forbidden');
}

export const collegesRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['colleges'];

  app.get(
    '/colleges/me',
    {
      config: { access: 'college:manage' },
      schema: {
        operationId: 'getMyCollege',
        summary: 'My college (404 until set up or a first cohort is published)',
        tags,
        response: { 200: CollegeSchema },
      },
    },
    async (req) => svc.getMyCollege(req.ctx),
  );

  app.put(
    '/colleges/me',
    {
      config: { access: 'college:manage' },
      schema: {
        operationId: 'putMyCollege',
        summary: 'Set up or edit my college (name, district, contact)',
        tags,
        body: PutMyCollegeBodySchema,
        response: { 200: CollegeSchema },
      },
    },
    async (req) => svc.putMyCollege(req.ctx, req.body),
  );

  // ——— Cohorts ———

  app.post(
    '/cohorts',
    {
      config: { access: 'college:manage' },
      schema: {
        operationId: 'createCohort',
        summary: 'Publish a graduate cohort (major, occupation codes, count, graduation date, district)',
        tags,
        body: CreateCohortBodySchema,
        response: { 201: CohortSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createCohort(req.ctx, req.body)),
  );

  app.get(
    '/cohorts',
    {
      config: { access: 'authenticated' },
      preValidation: requireCollegeRole,
      schema: {
        operationId: 'listCohorts',
        summary: 'Cohorts: a college its own, staff their districts’, enterprises the published ones',
        tags,
        querystring: ListCohortsQuerySchema,
        response: { 200: pageOf(CohortSchema) },
      },
    },
    async (req) => svc.listCohorts(req.ctx, req.query),
  );

  app.get(
    '/cohorts/:id',
    {
      config: { access: 'authenticated' },
      preValidation: requireCollegeRole,
      schema: {
        operationId: 'getCohort',
        summary: 'One cohort (counts only; students are listed separately)',
        tags,
        params: IdParamsSchema,
        response: { 200: CohortSchema },
      },
    },
    async (req) => svc.getCohort(req.ctx, req.params.id),
  );

  app.patch(
    '/cohorts/:id',
    {
      config: { access: 'college:manage', errors: ['conflict'] },
      schema: {
        operationId: 'updateCohort',
        summary: 'Edit, close or reopen my cohort (never below the students reserved or on file)',
        tags,
        params: IdParamsSchema,
        body: UpdateCohortBodySchema,
        response: { 200: CohortSchema },
      },
    },
    async (req) => svc.updateCohort(req.ctx, req.params.id, req.body),
  );

  app.get(
    '/cohorts/:id/matches',
    {
      config: { access: 'authenticated' },
      preValidation: requireCohortManager,
      schema: {
        operationId: 'listCohortMatches',
        summary: 'Enterprise internship/order-training demand for a cohort, scored with reasons',
        description: 'Occupation 45, timing 20, count 20, distance 15.',
        tags,
        params: IdParamsSchema,
        querystring: LabourMatchesQuerySchema,
        response: { 200: CohortMatchesSchema },
      },
    },
    async (req) => svc.cohortMatches(req.ctx, req.params.id, req.query.limit),
  );

  app.post(
    '/cohorts/:id/students',
    {
      config: { access: 'college:manage', errors: ['conflict'] },
      schema: {
        operationId: 'addCohortStudents',
        summary: 'Put students of my cohort on file, each with their recorded consent',
        description:
          'consentSignedOn is required (no consent, no record); consentFileId is a scan from uploadConsentFile. shareWithEnterprises: the student agreed that enterprises see their name before an agreement.',
        tags,
        params: IdParamsSchema,
        body: AddCohortStudentsBodySchema,
        response: { 201: AddCohortStudentsResultSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.addStudents(req.ctx, req.params.id, req.body)),
  );

  app.get(
    '/cohorts/:id/students',
    {
      config: { access: 'authenticated' },
      preValidation: requireCollegeRole,
      schema: {
        operationId: 'listCohortStudents',
        summary:
          'Students of a cohort: all for its college and staff; for an enterprise only those it may see',
        tags,
        params: IdParamsSchema,
        querystring: PageQuerySchema,
        response: { 200: CohortStudentsPageSchema },
      },
    },
    async (req) => svc.listStudents(req.ctx, req.params.id, req.query),
  );

  // ——— Enterprise demand ———

  app.post(
    '/enterprise-demands',
    {
      config: { access: 'shortage:manage' },
      schema: {
        operationId: 'createEnterpriseDemand',
        summary: 'Publish internship or order-training demand of my enterprise',
        tags,
        body: CreateEnterpriseDemandBodySchema,
        response: { 201: EnterpriseDemandSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createDemand(req.ctx, req.body)),
  );

  app.get(
    '/enterprise-demands',
    {
      config: { access: 'authenticated' },
      preValidation: requireCollegeRole,
      schema: {
        operationId: 'listEnterpriseDemands',
        summary:
          'Internship/order-training demand: clerks their own, staff their districts’, colleges the open ones',
        tags,
        querystring: ListEnterpriseDemandsQuerySchema,
        response: { 200: pageOf(EnterpriseDemandSchema) },
      },
    },
    async (req) => svc.listDemands(req.ctx, req.query),
  );

  app.get(
    '/enterprise-demands/:id',
    {
      config: { access: 'authenticated' },
      preValidation: requireCollegeRole,
      schema: {
        operationId: 'getEnterpriseDemand',
        summary: 'One internship/order-training demand',
        tags,
        params: IdParamsSchema,
        response: { 200: EnterpriseDemandSchema },
      },
    },
    async (req) => svc.getDemand(req.ctx, req.params.id),
  );

  app.patch(
    '/enterprise-demands/:id',
    {
      config: { access: 'shortage:manage', errors: ['conflict'] },
      schema: {
        operationId: 'updateEnterpriseDemand',
        summary: 'Edit or close my enterprise’s demand (never below the places reserved)',
        tags,
        params: IdParamsSchema,
        body: UpdateEnterpriseDemandBodySchema,
        response: { 200: EnterpriseDemandSchema },
      },
    },
    async (req) => svc.updateDemand(req.ctx, req.params.id, req.body),
  );

  app.get(
    '/enterprise-demands/:id/matches',
    {
      config: { access: 'authenticated' },
      preValidation: requireDemandManager,
      schema: {
        operationId: 'listDemandMatches',
        summary: 'Graduate cohorts for a demand, scored with reasons',
        tags,
        params: IdParamsSchema,
        querystring: LabourMatchesQuerySchema,
        response: { 200: DemandMatchesSchema },
      },
    },
    async (req) => svc.demandMatches(req.ctx, req.params.id, req.query.limit),
  );

  // ——— College agreements ———

  app.post(
    '/college-agreements',
    {
      config: { access: 'authenticated', errors: ['cohort_exhausted', 'demand_filled', 'conflict'] },
      preValidation: requireCollegeRole,
      schema: {
        operationId: 'createCollegeAgreement',
        summary:
          'Pair a cohort with a demand: an internship or order-training agreement to be signed by both',
        tags,
        body: CreateCollegeAgreementBodySchema,
        response: { 201: CollegeAgreementSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createCollegeAgreement(req.ctx, req.body)),
  );

  app.get(
    '/college-agreements',
    {
      config: { access: 'authenticated' },
      preValidation: requireCollegeRole,
      schema: {
        operationId: 'listCollegeAgreements',
        summary: 'College–enterprise agreements: each side its own, staff their districts’',
        tags,
        querystring: ListCollegeAgreementsQuerySchema,
        response: { 200: pageOf(CollegeAgreementSchema) },
      },
    },
    async (req) => svc.listCollegeAgreements(req.ctx, req.query),
  );

  app.get(
    '/college-agreements/:id',
    {
      config: { access: 'authenticated' },
      preValidation: requireCollegeRole,
      schema: {
        operationId: 'getCollegeAgreement',
        summary: 'One college–enterprise agreement',
        tags,
        params: IdParamsSchema,
        response: { 200: CollegeAgreementSchema },
      },
    },
    async (req) => svc.getCollegeAgreement(req.ctx, req.params.id),
  );

  app.post(
    '/college-agreements/:id/sign',
    {
      config: { access: 'authenticated', errors: ['conflict'] },
      preValidation: requireSigner,
      schema: {
        operationId: 'signCollegeAgreement',
        summary: 'Sign for the college or the enterprise; signed once both did',
        tags,
        params: IdParamsSchema,
        body: SignCollegeAgreementBodySchema,
        response: { 200: CollegeAgreementSchema },
      },
    },
    async (req) => svc.signCollegeAgreement(req.ctx, req.params.id, req.body.party),
  );

  app.patch(
    '/college-agreements/:id',
    {
      config: { access: 'authenticated', errors: ['conflict'] },
      preValidation: requireCollegeRole,
      schema: {
        operationId: 'updateCollegeAgreement',
        summary: 'Complete a signed agreement (students hired) or cancel one (releases the places)',
        tags,
        params: IdParamsSchema,
        body: UpdateCollegeAgreementBodySchema,
        response: { 200: CollegeAgreementSchema },
      },
    },
    async (req) => svc.updateCollegeAgreement(req.ctx, req.params.id, req.body),
  );
};
