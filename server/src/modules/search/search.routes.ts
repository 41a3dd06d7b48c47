import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  SearchPostingsQuerySchema,
  SearchResultSchema,
  SuggestQuerySchema,
  SuggestResultSchema,
} from '@jiuye/shared';
import * as svc from './search.service.js';
import { rateLimitOf } from '../../platform/rate-limits.js';

export const searchRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/job-postings',
    {
      config: { access: 'public', rateLimit: rateLimitOf('search'), errors: ['unknown_code'] },
      schema: {
        operationId: 'searchPostings',
        summary:
          'Search published job postings: Chinese or English words (segmented, with synonyms), filters, facets, typo-tolerant fallback',
        tags: ['search'],
        querystring: SearchPostingsQuerySchema,
        response: { 200: SearchResultSchema },
      },
    },
    async (req) => svc.searchPostings(req.ctx, req.query),
  );

  app.get(
    '/job-postings/suggest',
    {
      config: { access: 'public', rateLimit: rateLimitOf('search') },
      schema: {
        operationId: 'suggestPostings',
        summary: 'Autocomplete for the search box: occupations and popular posting titles',
        tags: ['search'],
        querystring: SuggestQuerySchema,
        response: { 200: SuggestResultSchema },
      },
    },
    async (req) => svc.suggest(req.ctx, req.query.q),
  );
};
