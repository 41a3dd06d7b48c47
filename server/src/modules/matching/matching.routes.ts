import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  CandidateSchema,
  IdParamsSchema,
  MatchQuerySchema,
  RecommendationSchema,
  pageOf,
} from '@jiuye/shared';
import * as svc from './matching.service.js';
import { rateLimitOf } from '../../platform/rate-limits.js';

export const matchingRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/me/recommendations',
    {
      config: { access: 'resume:self', rateLimit: rateLimitOf('search'), errors: ['resume_required'] },
      schema: {
        operationId: 'listMyRecommendations',
        summary: 'Published postings recommended for the signed-in seeker, with score and reasons',
        tags: ['matching'],
        querystring: MatchQuerySchema,
        response: { 200: pageOf(RecommendationSchema) },
      },
    },
    async (req) => svc.recommendations(req.ctx, req.query),
  );

  app.get(
    '/job-postings/:id/candidates',
    {
      config: { access: 'candidates:read' },
      schema: {
        operationId: 'listPostingCandidates',
        summary:
          'Seekers suited to a posting, with score and reasons: opted-in résumés for its enterprise, all for staff of its district',
        tags: ['matching'],
        params: IdParamsSchema,
        querystring: MatchQuerySchema,
        response: { 200: pageOf(CandidateSchema) },
      },
    },
    async (req) => svc.candidates(req.ctx, req.params.id, req.query),
  );
};
