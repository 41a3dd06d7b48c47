import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../../platform/context.js';
import { matchingRoutes } from './matching.routes.js';

export { scoreMatch, WEIGHTS } from './matching.scoring.js';
export type { MatchScore, PostingProfile, SeekerProfile } from './matching.scoring.js';

/** Explained two-way matching: recommendations for seekers, candidates for postings. */
export function matchingModule(_deps: AppDeps): FastifyPluginAsync {
  return matchingRoutes;
}
