import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../../platform/context.js';
import { searchRoutes } from './search.routes.js';

export { postingSearchText, postingSearchVector, resumeSearchVector } from './search.index.js';
export type { PostingSearchInput } from './search.index.js';
export { canonicalWord, indexWords, queryGroups, toTsQuery } from './search.text.js';

/** Posting search (GET /job-postings) and autocomplete (GET /job-postings/suggest). */
export function searchModule(_deps: AppDeps): FastifyPluginAsync {
  return searchRoutes;
}
