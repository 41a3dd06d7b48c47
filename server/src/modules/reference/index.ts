import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../../platform/context.js';
import { referenceRoutes } from './reference.routes.js';

export { isKnownCode, loadReferenceData, refreshCodeChecker } from './reference.service.js';

/** GB/T 2260 regions, GB/T 6565 occupations, GB/T 4754 industries, education levels. */
export function referenceModule(_deps: AppDeps): FastifyPluginAsync {
  return referenceRoutes;
}
