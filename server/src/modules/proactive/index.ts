import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../../platform/context.js';
import { proactiveRoutes } from './proactive.routes.js';

export { candidateSources } from './proactive.narrow.js';

/** Proactive eligibility (免申即享): find eligible subjects, prepare applications they confirm (issue 5). */
export function proactiveModule(_deps: AppDeps): FastifyPluginAsync {
  return proactiveRoutes;
}
