import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../../platform/context.js';

/** Case management: responsible officers, services, follow-ups, outcomes, overdue alerts (issue 7). */
export function casesModule(_deps: AppDeps): FastifyPluginAsync {
  return async () => {};
}
