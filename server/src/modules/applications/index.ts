import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../../platform/context.js';
import { applicationsRoutes } from './applications.routes.js';

export { checkTransition, applyChange, OPEN_STATUSES, FINAL_STATUSES } from './applications.workflow.js';

/** Applications: apply (with résumé-sharing consent), the hiring workflow, hires, timelines. */
export function applicationsModule(_deps: AppDeps): FastifyPluginAsync {
  return applicationsRoutes;
}
