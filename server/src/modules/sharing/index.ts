import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../../platform/context.js';

/** Shared employment (共享用工): idle workforce, matching with shortages, tripartite agreements with worker consent (issue 6). */
export function sharingModule(_deps: AppDeps): FastifyPluginAsync {
  return async () => {};
}
