import type { FastifyPluginAsync } from 'fastify';
import multipart from '@fastify/multipart';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CreateEnterpriseBodySchema,
  EnterpriseMemberSchema,
  EnterpriseSchema,
  IdParamsSchema,
  InviteClerkBodySchema,
  LICENCE_MAX_BYTES,
  ListEnterprisesQuerySchema,
  MemberParamsSchema,
  UpdateEnterpriseBodySchema,
  VerifyEnterpriseBodySchema,
  pageOf,
} from '@jiuye/shared';
import type { AppDeps } from '../../platform/context.js';
import * as svc from './enterprises.service.js';
import { readSingleFile } from './upload.js';
import { sendDownload } from '../../platform/uploads.js';

const binary = z.any().meta({ description: 'The file bytes', format: 'binary' });

export function enterprisesRoutes(_deps: AppDeps): FastifyPluginAsync {
  return async (base) => {
    // Only this plugin's routes parse multipart bodies; the file limit is checked while streaming.
    await base.register(multipart, {
      limits: { fileSize: LICENCE_MAX_BYTES, files: 1, fields: 10, parts: 20 },
    });
    const app = base.withTypeProvider<ZodTypeProvider>();

    app.post(
      '/enterprises',
      {
        config: { access: 'enterprise:manage', idempotent: true, errors: ['already_exists', 'unknown_code'] },
        schema: {
          operationId: 'createEnterprise',
          summary:
            'Register an enterprise; the caller becomes its owner (status pending until staff verify it)',
          description:
            'A credit code whose check character fails is accepted with `creditCodeChecksumValid: false`: staff confirm it against the licence when verifying. A credit code already registered is 409 `already_exists` naming `creditCode`.',
          tags: ['enterprises'],
          body: CreateEnterpriseBodySchema,
          response: { 201: EnterpriseSchema },
        },
      },
      async (req, reply) => reply.status(201).send(await svc.createEnterprise(req.ctx, req.body)),
    );

    app.get(
      '/enterprises',
      {
        config: { access: 'authenticated', errors: ['unknown_code'] },
        schema: {
          operationId: 'listEnterprises',
          summary: 'Employers: their own enterprises. Staff: the enterprises of their districts',
          description:
            'Staff lists mask the contact phone (open the enterprise to read it; that read is audited). `status=pending` lists the verification queue oldest first.',
          tags: ['enterprises'],
          querystring: ListEnterprisesQuerySchema,
          response: { 200: pageOf(EnterpriseSchema) },
        },
      },
      async (req) => svc.listEnterprises(req.ctx, req.query),
    );

    app.get(
      '/enterprises/:id',
      {
        config: { access: 'authenticated' },
        schema: {
          operationId: 'getEnterprise',
          summary: 'One enterprise: all of it for its members and staff of its district',
          description:
            'Other signed-in users see a verified enterprise with the contact phone masked; an unverified one is 404 to them.',
          tags: ['enterprises'],
          params: IdParamsSchema,
          response: { 200: EnterpriseSchema },
        },
      },
      async (req) => svc.getEnterprise(req.ctx, req.params.id),
    );

    app.patch(
      '/enterprises/:id',
      {
        config: { access: 'enterprise:manage', errors: ['unknown_code'] },
        schema: {
          operationId: 'updateEnterprise',
          summary: 'Edit the enterprise (owner and clerks)',
          description:
            'Changing the name or district of a verified enterprise sends it back to verification; editing a rejected one resubmits it.',
          tags: ['enterprises'],
          params: IdParamsSchema,
          body: UpdateEnterpriseBodySchema,
          response: { 200: EnterpriseSchema },
        },
      },
      async (req) => svc.updateEnterprise(req.ctx, req.params.id, req.body),
    );

    app.post(
      '/enterprises/:id/verify',
      {
        config: { access: 'enterprise:verify', errors: ['conflict'] },
        schema: {
          operationId: 'verifyEnterprise',
          summary: 'Verify or reject a pending enterprise (staff of its district)',
          description:
            'Rejecting needs a `reason`. Verifying an enterprise whose credit code fails the check character needs `confirmChecksum: true`.',
          tags: ['enterprises'],
          params: IdParamsSchema,
          body: VerifyEnterpriseBodySchema,
          response: { 200: EnterpriseSchema },
        },
      },
      async (req) => svc.verifyEnterprise(req.ctx, req.params.id, req.body),
    );

    app.post(
      '/enterprises/:id/licence',
      {
        config: {
          access: 'enterprise:manage',
          errors: ['unsupported_media_type', 'payload_too_large', 'malformed_request'],
        },
        schema: {
          operationId: 'uploadEnterpriseLicence',
          summary: 'Upload the business licence: multipart/form-data, one `file` part, PDF/JPG/PNG ≤ 5 MB',
          description:
            'The type is recognised from the content (magic bytes), never from the file name or declared type. Over 5 MB: 413 `file_too_large`; another type: 415 `file_type`.',
          tags: ['enterprises'],
          consumes: ['multipart/form-data'],
          params: IdParamsSchema,
          response: { 200: EnterpriseSchema },
        },
      },
      async (req) => {
        const upload = await readSingleFile(req, LICENCE_MAX_BYTES);
        return svc.uploadLicence(req.ctx, req.params.id, upload);
      },
    );

    app.get(
      '/enterprises/:id/licence',
      {
        config: { access: 'authenticated' },
        schema: {
          operationId: 'getEnterpriseLicence',
          summary: 'Download the business licence (members and staff of the district)',
          tags: ['enterprises'],
          params: IdParamsSchema,
          response: {
            200: {
              description: 'The licence as uploaded',
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
        const f = await svc.getLicence(req.ctx, req.params.id);
        return sendDownload(reply, f);
      },
    );

    app.get(
      '/enterprises/:id/members',
      {
        config: { access: 'authenticated' },
        schema: {
          operationId: 'listEnterpriseMembers',
          summary: 'The owner and clerks of an enterprise (members and staff of the district)',
          tags: ['enterprises'],
          params: IdParamsSchema,
          response: { 200: z.object({ items: z.array(EnterpriseMemberSchema) }) },
        },
      },
      async (req) => svc.listMembers(req.ctx, req.params.id),
    );

    app.post(
      '/enterprises/:id/members',
      {
        config: { access: 'enterprise:manage', errors: ['already_exists'] },
        schema: {
          operationId: 'addEnterpriseMember',
          summary:
            'Invite a clerk by phone (owner only); an employer account with that phone becomes a member',
          tags: ['enterprises'],
          params: IdParamsSchema,
          body: InviteClerkBodySchema,
          response: { 201: EnterpriseMemberSchema },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await svc.inviteMember(req.ctx, req.params.id, req.body.phone)),
    );

    app.delete(
      '/enterprises/:id/members/:phone',
      {
        config: { access: 'enterprise:manage', errors: ['conflict'] },
        schema: {
          operationId: 'removeEnterpriseMember',
          summary: 'Remove a clerk (owner only; the owner cannot be removed)',
          tags: ['enterprises'],
          params: MemberParamsSchema,
          response: { 204: z.null() },
        },
      },
      async (req, reply) => {
        await svc.removeMember(req.ctx, req.params.id, req.params.phone);
        return reply.status(204).send(null);
      },
    );
  };
}
