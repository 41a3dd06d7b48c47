import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../../platform/context.js';

/** Rural e-commerce projects, participants and outcomes (issue 7). */
export function ecommerceModule(_deps: AppDeps): FastifyPluginAsync {
  return async () => {};
}
