import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { PutResumeBodySchema, ResumeSchema } from '@jiuye/shared';
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

  // GET /me/consents (every purpose, with the notice version) is served by modules/privacy (issue 9).
};
