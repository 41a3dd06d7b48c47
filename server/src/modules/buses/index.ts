import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../../platform/context.js';

/** Point-to-point chartered buses: travel requests, planning, trips, seats, boarding, handover (issue 4). */
export function busesModule(_deps: AppDeps): FastifyPluginAsync {
  return async () => {};
}
