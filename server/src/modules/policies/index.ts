import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../../platform/context.js';

/** Support policy catalogue, eligibility rules as data and the facts they read (issue 5). */
export function policiesModule(_deps: AppDeps): FastifyPluginAsync {
  return async () => {};
}
