import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../../platform/context.js';
import { agenciesRoutes } from './agencies.routes.js';

export {
  /** Service contracts by status: count, target units, verified units, price (fen). */
  contractSummary as serviceContractSummary,
} from './agencies.service.js';
export { seedDemoAgency } from './agencies.demo.js';

/** HR service agencies, purchased-service contracts and verified deliverables (issue 6). */
export function agenciesModule(_deps: AppDeps): FastifyPluginAsync {
  return agenciesRoutes;
}
