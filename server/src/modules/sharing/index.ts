import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../../platform/context.js';
import { sharingRoutes } from './sharing.routes.js';

export {
  /** Who uploaded a consent form (files.kind consent_form); undefined when there is none. */
  consentFileUploader,
} from './sharing.service.js';
export { scoreSharing, occupationRelation } from './sharing.matcher.js';
export { districtDistanceKm } from './sharing.geo.js';

export { seedDemoIdleWorkforce } from './sharing.demo.js';

/** Shared employment (共享用工): idle workforce, matching with shortages, tripartite agreements with worker consent (issue 6). */
export function sharingModule(_deps: AppDeps): FastifyPluginAsync {
  return sharingRoutes;
}
