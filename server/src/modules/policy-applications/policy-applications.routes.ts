import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CreateObjectionBodySchema,
  CreatePolicyApplicationBodySchema,
  DecisionBodySchema,
  DocumentParamsSchema,
  IdParamsSchema,
  LICENCE_MAX_BYTES,
  ListObjectionsQuerySchema,
  ListPolicyApplicationsQuerySchema,
  ListPolicyNoticesQuerySchema,
  NoticeParamsSchema,
  PolicyApplicationSchema,
  PolicyApplicationSummarySchema,
  PolicyNoticeSchema,
  PolicyObjectionSchema,
  ResolveObjectionBodySchema,
  UpdatePolicyApplicationBodySchema,
  UploadedPolicyDocumentSchema,
  pageOf,
} from '@jiuye/shared';
import { AppError } from '../../platform/errors.js';
import { readSingleFile } from '../enterprises/index.js';
import { mayUsePolicyApplications } from './policy-applications.policy.js';
import * as svc from './policy-applications.service.js';
import { sendDownload } from '../../platform/uploads.js';

const binary = z.any().meta({ description: 'The file bytes', format: 'binary' });
/** Evidence documents: the same limit and types as business licences (PDF/JPG/PNG ≤ 5 MB). */
const DOCUMENT_MAX_BYTES = LICENCE_MAX_BYTES;

/**
 * Routes applicants and officers share declare `authenticated` and narrow it here, before the body
 * is validated: other roles and API tokens get 403 whatever they send. The service checks the record.
 */
async function requirePolicyRole(req: FastifyRequest): Promise<void> {
  if (!mayUsePolicyApplications(req.ctx.actor)) throw new AppError('forbidden');
}

/** Objections come from people, not machine clients. */
async function requireUserAccount(req: FastifyRequest): Promise<void> {
  if (req.ctx.actor.kind !== 'user') throw new AppError('forbidden');
}

export const policyApplicationsRoutes: FastifyPluginAsync = async (base) => {
  // Only this plugin's routes parse multipart bodies; the file limit is checked while streaming.
  await base.register(multipart, {
    limits: { fileSize: DOCUMENT_MAX_BYTES, files: 1, fields: 10, parts: 20 },
  });
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/policy-applications',
    {
      config: {
        access: 'authenticated',
        idempotent: true,
        errors: ['not_eligible', 'already_granted', 'policy_not_effective', 'unknown_code'],
      },
      preValidation: requirePolicyRole,
      schema: {
        operationId: 'createPolicyApplication',
        summary:
          'Apply for a policy (or save a draft): runs the eligibility pre-check and answers with reasons',
        description:
          'Enterprise policies: `enterpriseId` (the caller must be its clerk). Person policies: the caller. Staff of the subject’s district prepare a draft (`personId` / `enterpriseId`) that the beneficiary submits. Not eligible: 422 `not_eligible` with one error per unmet condition (`eligibility.<path>`) and the reasons in `detail`. One grant per subject, policy and period: 409 `already_granted`. Send an Idempotency-Key to retry safely.',
        tags: ['policy-applications'],
        body: CreatePolicyApplicationBodySchema,
        response: { 201: PolicyApplicationSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createApplication(req.ctx, req.body)),
  );

  app.get(
    '/policy-applications',
    {
      config: { access: 'authenticated', errors: ['unknown_code'] },
      preValidation: requirePolicyRole,
      schema: {
        operationId: 'listPolicyApplications',
        summary: 'Applicants: their applications. District officers: their districts’ queue. City-wide: all',
        tags: ['policy-applications'],
        querystring: ListPolicyApplicationsQuerySchema,
        response: { 200: pageOf(PolicyApplicationSummarySchema) },
      },
    },
    async (req) => svc.listApplications(req.ctx, req.query),
  );

  app.get(
    '/policy-applications/:id',
    {
      config: { access: 'authenticated' },
      preValidation: requirePolicyRole,
      schema: {
        operationId: 'getPolicyApplication',
        summary: 'One application with its timeline, reasons, documents and the actions the caller may take',
        tags: ['policy-applications'],
        params: IdParamsSchema,
        response: { 200: PolicyApplicationSchema },
      },
    },
    async (req) => svc.getApplication(req.ctx, req.params.id),
  );

  app.patch(
    '/policy-applications/:id',
    {
      config: { access: 'authenticated', errors: ['conflict'] },
      preValidation: requirePolicyRole,
      schema: {
        operationId: 'updatePolicyApplication',
        summary: 'Correct a draft or a returned application (form data, documents)',
        tags: ['policy-applications'],
        params: IdParamsSchema,
        body: UpdatePolicyApplicationBodySchema,
        response: { 200: PolicyApplicationSchema },
      },
    },
    async (req) => svc.updateApplication(req.ctx, req.params.id, req.body),
  );

  app.post(
    '/policy-applications/:id/decisions',
    {
      config: {
        access: 'authenticated',
        errors: [
          'conflict',
          'separation_of_duties',
          'not_eligible',
          'already_granted',
          'policy_not_effective',
        ],
      },
      preValidation: requirePolicyRole,
      schema: {
        operationId: 'decidePolicyApplication',
        summary:
          'Take a step of the review chain: submit, resubmit, withdraw, start_review, pass, return, reject, approve',
        description:
          'Applicant: submit, resubmit, withdraw. District officer: start_review, pass, return, reject. City-wide officer: approve (→ notice), return, reject. return and reject need a `note`. Nobody approves what they prepared or reviewed (403 `separation_of_duties`); above the threshold the first approval is recorded and a second officer moves it to notice.',
        tags: ['policy-applications'],
        params: IdParamsSchema,
        body: DecisionBodySchema,
        response: { 200: PolicyApplicationSchema },
      },
    },
    async (req) => svc.decideApplication(req.ctx, req.params.id, req.body),
  );

  app.post(
    '/policy-documents',
    {
      config: {
        access: 'authenticated',
        errors: ['unsupported_media_type', 'payload_too_large', 'malformed_request'],
      },
      preValidation: requirePolicyRole,
      schema: {
        operationId: 'uploadPolicyDocument',
        summary: 'Upload an application document: multipart/form-data, one `file` part, PDF/JPG/PNG ≤ 5 MB',
        description:
          'The type is recognised from the content (magic bytes). Attach the answered `fileId` to an application’s `documents` with its `docCode`.',
        tags: ['policy-applications'],
        consumes: ['multipart/form-data'],
        response: { 201: UploadedPolicyDocumentSchema },
      },
    },
    async (req, reply) => {
      const upload = await readSingleFile(req, DOCUMENT_MAX_BYTES);
      return reply.status(201).send(await svc.uploadDocument(req.ctx, upload));
    },
  );

  app.get(
    '/policy-applications/:id/documents/:fileId',
    {
      config: { access: 'authenticated' },
      preValidation: requirePolicyRole,
      schema: {
        operationId: 'downloadPolicyDocument',
        summary: 'Download a document of an application (the applicant, officers in scope)',
        tags: ['policy-applications'],
        params: DocumentParamsSchema,
        response: {
          200: {
            description: 'The document as uploaded',
            content: {
              'application/pdf': { schema: binary },
              'image/jpeg': { schema: binary },
              'image/png': { schema: binary },
            },
          },
        },
      },
    },
    async (req, reply) => {
      const f = await svc.downloadDocument(req.ctx, req.params.id, req.params.fileId);
      return sendDownload(reply, f);
    },
  );

  app.get(
    '/policy-notices',
    {
      config: { access: 'public', errors: ['unknown_code'] },
      schema: {
        operationId: 'listPolicyNotices',
        summary:
          'Public notice (公示): approved applications with masked names, amounts and the notice window',
        tags: ['policy-applications'],
        querystring: ListPolicyNoticesQuerySchema,
        response: { 200: pageOf(PolicyNoticeSchema) },
      },
    },
    async (req) => svc.listNotices(req.ctx, req.query),
  );

  app.post(
    '/policy-notices/:applicationId/objections',
    {
      config: { access: 'authenticated', errors: ['conflict'] },
      preValidation: requireUserAccount,
      schema: {
        operationId: 'createPolicyObjection',
        summary: 'Object to an application during its notice period',
        description: 'After the window closes: 409 with `objection_closed`.',
        tags: ['policy-applications'],
        params: NoticeParamsSchema,
        body: CreateObjectionBodySchema,
        response: { 201: PolicyObjectionSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await svc.createObjection(req.ctx, req.params.applicationId, req.body)),
  );

  app.get(
    '/policy-objections',
    {
      config: { access: 'policy:review' },
      schema: {
        operationId: 'listPolicyObjections',
        summary: 'Objections to applications of the officer’s districts, oldest first',
        tags: ['policy-applications'],
        querystring: ListObjectionsQuerySchema,
        response: { 200: pageOf(PolicyObjectionSchema) },
      },
    },
    async (req) => svc.listObjections(req.ctx, req.query),
  );

  app.post(
    '/policy-objections/:id/resolution',
    {
      config: { access: 'policy:review', errors: ['conflict'] },
      schema: {
        operationId: 'resolvePolicyObjection',
        summary:
          'Resolve an objection (city-wide officers): upheld sends the application back to bureau review',
        tags: ['policy-applications'],
        params: IdParamsSchema,
        body: ResolveObjectionBodySchema,
        response: { 200: PolicyObjectionSchema },
      },
    },
    async (req) => svc.resolveObjection(req.ctx, req.params.id, req.body),
  );
};
