import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { PostingsFeedQuerySchema, PostingsFeedSchema } from '@jiuye/shared';
import * as svc from './feeds.service.js';

export const feedsRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/feeds/job-postings',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'getJobPostingsFeed',
        summary:
          'Postings feed for partner systems: changes since a time or cursor, oldest first; published postings as upserts, closed/expired/paused/withdrawn ones as tombstones (op: removed). Pass nextCursor as since to continue.',
        tags: ['feeds'],
        querystring: PostingsFeedQuerySchema,
        response: { 200: PostingsFeedSchema },
      },
    },
    async (req) => svc.postingsFeed(req.ctx, req.query),
  );
};
