import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../../platform/context.js';
import { partnerRegionsRoutes } from './partner-regions.routes.js';

export { liesIn, regionPrefix } from './partner-regions.policy.js';
export { seedDemoPartnerRegions } from './partner-regions.demo.js';
export {
  /** Figures of every active partner region by region of origin (referrals, applications, hires). */
  allRegionStats as regionReferralFigures,
  /** Figures of one region by region of origin for a period (China calendar days). */
  regionStatsOf,
  /** The first moment of a China calendar day. */
  chinaDayStart,
} from './partner-regions.service.js';

/** Cross-regional recruitment: partner regions, their officers, targeted postings and referrals (issue 6). */
export function partnerRegionsModule(_deps: AppDeps): FastifyPluginAsync {
  return partnerRegionsRoutes;
}
