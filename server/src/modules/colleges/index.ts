import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../../platform/context.js';
import { collegesRoutes } from './colleges.routes.js';

export { scoreCollegePair, timingGapDays } from './colleges.matcher.js';

export { seedDemoColleges } from './colleges.demo.js';

/** Graduate cohorts, students with consent, enterprise internship/order-training demand, college–enterprise matching and agreements (issue 6). */
export function collegesModule(_deps: AppDeps): FastifyPluginAsync {
  return collegesRoutes;
}
