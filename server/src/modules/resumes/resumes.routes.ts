import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ConsentSchema, PutResumeBodySchema, ResumeSchema } from '@jiuye/shared';
import * as svc from './resumes.service.js';

export const resumesRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/me/resume',
    {
      config: { access: 'resume:self', errors: ['not_found'] },
      schema: {
        operationId: 'getMyResume',
        summary: 'The signed-in seeker’s résumé (identity number masked)',
        tags: ['resumes'],
        response: { 200: ResumeSchema },
      },
    },
    async (req) => svc.getMyResume(req.ctx),
  );

  app.put(
    '/me/resume',
    {
      config: { access: 'resume:self', errors: ['already_exists', 'unknown_code'] },
      schema: {
        operationId: 'putMyResume',
        summary:
          'Create or replace the signed-in seeker’s résumé; key-group status and visibility to employers each need their own consent',
        tags: ['resumes'],
        body: PutResumeBodySchema,
        response: { 200: ResumeSchema },
      },
    },
    async (req) => svc.putMyResume(req.ctx, req.body),
  );

  app.get(
    '/me/consents',
    {
      config: { access: 'resume:self' },
      schema: {
        operationId: 'listMyConsents',
        summary: 'The consents the signed-in seeker has given, newest first, with withdrawals',
        tags: ['resumes'],
        response: { 200: z.object({ items: z.array(ConsentSchema) }) },
      },
    },
    async (req) => svc.listMyConsents(req.ctx),
  );
};
