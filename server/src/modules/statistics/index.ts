import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../../platform/context.js';
import { statisticsRoutes } from './statistics.routes.js';

export {
  chinaDay,
  chinaMonth,
  monthBounds,
  shiftMonth,
  areaPattern,
  CITY_CODE,
} from './statistics.period.js';
/** Read models other modules may use (the early-warning sweep). */
export {
  supplyDemandBy,
  unemploymentRegistrationsByDistrict,
  ratio,
  unresolvedShortages,
  approvedNotPaid,
} from './statistics.queries.js';
export { indicatorReport, openData, monthlyWorkbook, MIN_CELL_SIZE } from './statistics.service.js';

/** Indicators, open data and the monthly report (issue 8): read models over the other modules' tables. */
export function statisticsModule(_deps: AppDeps): FastifyPluginAsync {
  return statisticsRoutes;
}
