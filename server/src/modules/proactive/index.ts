import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../../platform/context.js';

/** Proactive eligibility (免申即享): find eligible subjects, prepare applications they confirm (issue 5). */
export function proactiveModule(_deps: AppDeps): FastifyPluginAsync {
  return async () => {};
}
