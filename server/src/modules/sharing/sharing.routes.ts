import multipart from '@fastify/multipart';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  AddSharingWorkersBodySchema,
  CancelAgreementBodySchema,
  CreateIdleWorkforceBodySchema,
  CreateSharingAgreementBodySchema,
  IdParamsSchema,
  IdleWorkforceSchema,
  LabourMatchesQuerySchema,
  ListIdleWorkforceQuerySchema,
  ListMySharingAgreementsQuerySchema,
  ListSharingAgreementsQuerySchema,
  PaperConsentsBodySchema,
  SharingAgreementSchema,
  SharingConsentBodySchema,
  SharingMatchesSchema,
  SharingMilestoneBodySchema,
  SharingWorkerParamsSchema,
  SignSharingAgreementBodySchema,
  UpdateIdleWorkforceBodySchema,
  UploadedConsentFileSchema,
  pageOf,
} from '@jiuye/shared';
import { AppError } from '../../platform/errors.js';
import { readSingleFile } from '../enterprises/index.js';
import { isShortageClerk } from '../shortages/index.js';
import { mayUseAgreements, mayUseIdleWorkforce } from './sharing.policy.js';
import * as svc from './sharing.service.js';

async function requireIdleRole(req: FastifyRequest): Promise<void> {
  if (!mayUseIdleWorkforce(req.ctx.actor)) throw new AppError('forbidden');
}

async function requireAgreementRole(req: FastifyRequest): Promise<void> {
  if (!mayUseAgreements(req.ctx.actor)) throw new AppError('forbidden');
}

/** Consent forms come from enterprise clerks (workers' paper consent) and colleges (students'). */
async function requireConsentUploader(req: FastifyRequest): Promise<void> {
  const a = req.ctx.actor;
  if (!(
    isShortageClerk(a) ||
    (a.kind === 'user' && a.role === 'college' && a.permissions.has('college:manage'))
  ))
    throw new AppError('forbidden');
}

export const sharingRoutes: FastifyPluginAsync = async (base) => {
  // Only this plugin's routes parse multipart bodies; the file limit is checked while streaming.
  await base.register(multipart, {
    limits: { fileSize: svc.CONSENT_FILE_MAX_BYTES, files: 1, fields: 10, parts: 20 },
  });
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['shared-employment'];

  // ——— Idle workforce ———

  app.post(
    '/idle-workforce',
    {
      config: { access: 'shortage:manage' },
      schema: {
        operationId: 'createIdleWorkforce',
        summary: 'Declare idle workers my enterprise could lend (count, occupations, skills, period)',
        tags,
        body: CreateIdleWorkforceBodySchema,
        response: { 201: IdleWorkforceSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createIdle(req.ctx, req.body)),
  );

  app.get(
    '/idle-workforce',
    {
      config: { access: 'authenticated' },
      preValidation: requireIdleRole,
      schema: {
        operationId: 'listIdleWorkforce',
        summary: 'Idle-workforce declarations: a clerk’s enterprises’, staff their districts’',
        tags,
        querystring: ListIdleWorkforceQuerySchema,
        response: { 200: pageOf(IdleWorkforceSchema) },
      },
    },
    async (req) => svc.listIdle(req.ctx, req.query),
  );

  app.get(
    '/idle-workforce/:id',
    {
      config: { access: 'authenticated' },
      preValidation: requireIdleRole,
      schema: {
        operationId: 'getIdleWorkforce',
        summary: 'One idle-workforce declaration with the workers still available',
        tags,
        params: IdParamsSchema,
        response: { 200: IdleWorkforceSchema },
      },
    },
    async (req) => svc.getIdle(req.ctx, req.params.id),
  );

  app.patch(
    '/idle-workforce/:id',
    {
      config: { access: 'shortage:manage', errors: ['conflict'] },
      schema: {
        operationId: 'updateIdleWorkforce',
        summary: 'Edit or withdraw an idle-workforce declaration (never below the workers reserved)',
        tags,
        params: IdParamsSchema,
        body: UpdateIdleWorkforceBodySchema,
        response: { 200: IdleWorkforceSchema },
      },
    },
    async (req) => svc.updateIdle(req.ctx, req.params.id, req.body),
  );

  app.get(
    '/shortages/:id/matches',
    {
      config: { access: 'authenticated' },
      preValidation: requireIdleRole,
      schema: {
        operationId: 'listShortageMatches',
        summary:
          'Shared-employment proposals for a shortage: idle workers of other enterprises, scored with reasons',
        description:
          'Occupation (exact, minor, medium group) 40, distance between districts 20, overlapping period 25, count coverage 15. `suggested` prefills an agreement.',
        tags,
        params: IdParamsSchema,
        querystring: LabourMatchesQuerySchema,
        response: { 200: SharingMatchesSchema },
      },
    },
    async (req) => svc.shortageMatches(req.ctx, req.params.id, req.query.limit),
  );

  // ——— Agreements ———

  app.post(
    '/sharing-agreements',
    {
      config: { access: 'authenticated', errors: ['idle_workers_exhausted', 'conflict'] },
      preValidation: requireIdleRole,
      schema: {
        operationId: 'createSharingAgreement',
        summary:
          'Propose a shared-employment agreement: the borrower’s shortage, the lender’s idle workers, terms',
        description:
          'By a clerk of the borrowing enterprise or staff of the shortage’s district. The workers are reserved on the idle declaration at once: 409 idle_workers_exhausted when fewer are left. Workers may be listed now (a clerk of the lender, staff) or later.',
        tags,
        body: CreateSharingAgreementBodySchema,
        response: { 201: SharingAgreementSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createAgreement(req.ctx, req.body)),
  );

  app.get(
    '/sharing-agreements',
    {
      config: { access: 'authenticated' },
      preValidation: requireIdleRole,
      schema: {
        operationId: 'listSharingAgreements',
        summary: 'Sharing agreements: a clerk’s enterprises’ (as lender or borrower), staff their districts’',
        tags,
        querystring: ListSharingAgreementsQuerySchema,
        response: { 200: pageOf(SharingAgreementSchema) },
      },
    },
    async (req) => svc.listAgreements(req.ctx, req.query),
  );

  app.get(
    '/me/sharing-agreements',
    {
      config: { access: 'sharing:consent' },
      schema: {
        operationId: 'listMySharingAgreements',
        summary: 'Agreements that list me as a worker (to consent or decline)',
        tags,
        querystring: ListMySharingAgreementsQuerySchema,
        response: { 200: pageOf(SharingAgreementSchema) },
      },
    },
    async (req) => svc.listMyAgreements(req.ctx, req.query),
  );

  app.get(
    '/sharing-agreements/:id',
    {
      config: { access: 'authenticated' },
      preValidation: requireAgreementRole,
      schema: {
        operationId: 'getSharingAgreement',
        summary:
          'One sharing agreement (the parties, staff of either district; a listed worker sees their own entry)',
        tags,
        params: IdParamsSchema,
        response: { 200: SharingAgreementSchema },
      },
    },
    async (req) => svc.getAgreement(req.ctx, req.params.id),
  );

  app.post(
    '/sharing-agreements/:id/sign',
    {
      config: { access: 'shortage:manage', errors: ['conflict'] },
      schema: {
        operationId: 'signSharingAgreement',
        summary:
          'Sign for the lender or the borrower; the agreement is active once both signed and every worker consented',
        tags,
        params: IdParamsSchema,
        body: SignSharingAgreementBodySchema,
        response: { 200: SharingAgreementSchema },
      },
    },
    async (req) => svc.signAgreement(req.ctx, req.params.id, req.body.party),
  );

  app.post(
    '/sharing-agreements/:id/workers',
    {
      config: { access: 'authenticated', errors: ['conflict'] },
      preValidation: requireIdleRole,
      schema: {
        operationId: 'addSharingWorkers',
        summary: 'List workers on a pending agreement (the lender, staff), up to the agreed count',
        description:
          'A worker whose phone is a seeker account’s consents in the app; others need a paper consent. 409 worker_already_lent when a worker is on another open agreement.',
        tags,
        params: IdParamsSchema,
        body: AddSharingWorkersBodySchema,
        response: { 200: SharingAgreementSchema },
      },
    },
    async (req) => svc.addWorkers(req.ctx, req.params.id, req.body),
  );

  app.delete(
    '/sharing-agreements/:id/workers/:personId',
    {
      config: { access: 'authenticated', errors: ['conflict'] },
      preValidation: requireIdleRole,
      schema: {
        operationId: 'removeSharingWorker',
        summary: 'Take a listed worker off a pending agreement (e.g. one who declined)',
        tags,
        params: SharingWorkerParamsSchema,
        response: { 200: SharingAgreementSchema },
      },
    },
    async (req) => svc.removeWorker(req.ctx, req.params.id, req.params.personId),
  );

  app.post(
    '/sharing-agreements/:id/consent',
    {
      config: { access: 'sharing:consent', errors: ['conflict'] },
      schema: {
        operationId: 'answerSharingConsent',
        summary: 'A listed worker consents to, or declines, being lent under this agreement',
        tags,
        params: IdParamsSchema,
        body: SharingConsentBodySchema,
        response: { 200: SharingAgreementSchema },
      },
    },
    async (req) => svc.answerConsent(req.ctx, req.params.id, req.body.decision),
  );

  app.post(
    '/sharing-agreements/:id/paper-consents',
    {
      config: { access: 'shortage:manage', errors: ['conflict'] },
      schema: {
        operationId: 'recordSharingPaperConsents',
        summary:
          'The lender records signed paper consents of workers without an account (scanned form from uploadConsentFile)',
        tags,
        params: IdParamsSchema,
        body: PaperConsentsBodySchema,
        response: { 200: SharingAgreementSchema },
      },
    },
    async (req) => svc.recordPaperConsents(req.ctx, req.params.id, req.body),
  );

  for (const [action, operationId, summary] of [
    ['start', 'startSharingAgreement', 'Record that the workers started at the borrower (borrower, staff)'],
    ['end', 'endSharingAgreement', 'Record the end of the lending period (either side, staff)'],
    [
      'return',
      'returnSharingWorkers',
      'Record the workers’ return to the lender (lender, staff): releases them',
    ],
  ] as const) {
    app.post(
      `/sharing-agreements/:id/${action}`,
      {
        config: { access: 'authenticated', errors: ['conflict'] },
        preValidation: requireIdleRole,
        schema: {
          operationId,
          summary,
          tags,
          params: IdParamsSchema,
          body: SharingMilestoneBodySchema,
          response: { 200: SharingAgreementSchema },
        },
      },
      async (req) => svc.milestone(req.ctx, req.params.id, action, req.body),
    );
  }

  app.post(
    '/sharing-agreements/:id/cancel',
    {
      config: { access: 'authenticated', errors: ['conflict'] },
      preValidation: requireIdleRole,
      schema: {
        operationId: 'cancelSharingAgreement',
        summary:
          'Cancel a pending agreement (either side, staff): releases the workers; an active one is ended instead',
        tags,
        params: IdParamsSchema,
        body: CancelAgreementBodySchema,
        response: { 200: SharingAgreementSchema },
      },
    },
    async (req) => svc.cancelAgreement(req.ctx, req.params.id, req.body.reason),
  );

  app.post(
    '/consent-files',
    {
      config: {
        access: 'authenticated',
        errors: ['unsupported_media_type', 'payload_too_large', 'malformed_request'],
      },
      preValidation: requireConsentUploader,
      schema: {
        operationId: 'uploadConsentFile',
        summary:
          'Upload a scanned, signed consent form: multipart/form-data, one `file` part, PDF/JPG/PNG ≤ 5 MB',
        description:
          'Workers’ paper consent to being lent (recordSharingPaperConsents) or students’ consent to be on file (addCohortStudents). The type is recognised from the content.',
        tags,
        consumes: ['multipart/form-data'],
        response: { 201: UploadedConsentFileSchema },
      },
    },
    async (req, reply) => {
      const upload = await readSingleFile(req, svc.CONSENT_FILE_MAX_BYTES);
      return reply.status(201).send(await svc.uploadConsentFile(req.ctx, upload));
    },
  );
};
