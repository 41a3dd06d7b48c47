import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../../platform/context.js';

/** Policy applications: pre-check, review chain with maker-checker, public notice (issue 5). */
export function policyApplicationsModule(_deps: AppDeps): FastifyPluginAsync {
  return async () => {};
}
