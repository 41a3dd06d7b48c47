import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../../platform/context.js';

/** Cross-regional recruitment: partner regions, their officers, targeted postings and referrals (issue 6). */
export function partnerRegionsModule(_deps: AppDeps): FastifyPluginAsync {
  return async () => {};
}
