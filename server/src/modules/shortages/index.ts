import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../../platform/context.js';
import { shortagesRoutes } from './shortages.routes.js';

export {
  /** A shortage with the caller's relation ('enterprise' | 'staff'), or 404. */
  shortageForSharing,
  /** A shortage without an access check (the caller checked), or undefined. */
  shortageSummary,
  /** Credits an activated sharing agreement's workers to its shortage in the caller's transaction. */
  creditSharedWorkers,
  /** Unresolved shortages with headcount open, overdue and days unresolved (monitoring read model). */
  shortageFacts,
  type ShortageForSharing,
  type ShortageFact,
} from './shortages.service.js';
export { isCoordinator, isShortageClerk, type ShortageRelation } from './shortages.policy.js';
export { checkShortageTransition, creditWorkers } from './shortages.workflow.js';

export { seedDemoShortages, type DemoShortageInput } from './shortages.demo.js';

/** Labour shortage reports, the staff board, resolution and headcount filled (issue 6). */
export function shortagesModule(_deps: AppDeps): FastifyPluginAsync {
  return shortagesRoutes;
}
