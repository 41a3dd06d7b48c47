import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../../platform/context.js';

/** Graduate cohorts, students with consent, enterprise internship/order-training demand, college–enterprise matching and agreements (issue 6). */
export function collegesModule(_deps: AppDeps): FastifyPluginAsync {
  return async () => {};
}
