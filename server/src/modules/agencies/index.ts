import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../../platform/context.js';

/** HR service agencies, purchased-service contracts and verified deliverables (issue 6). */
export function agenciesModule(_deps: AppDeps): FastifyPluginAsync {
  return async () => {};
}
