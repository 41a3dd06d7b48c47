import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../../platform/context.js';
import { statisticsRoutes } from './statistics.routes.js';
import { foldRollups } from './statistics.queries.js';

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

export { foldRollups, indicatorSeries } from './statistics.queries.js';

/** How often the rollup deltas are folded (readers add the unfolded ones, so this is only upkeep). */
export const ROLLUP_FOLD_EVERY_MS = 5_000;

/** Indicators, open data and the monthly report (issue 8): read models over the other modules' tables. */
export function statisticsModule(deps: AppDeps): FastifyPluginAsync {
  return async (app) => {
    await app.register(statisticsRoutes);
    // Tests fold (or not) themselves: the figures are exact either way.
    if (deps.config.NODE_ENV === 'test') return;
    let running = false;
    const timer = setInterval(() => {
      if (running) return;
      running = true;
      foldRollups(deps.db)
        .catch((err: unknown) => app.log.error({ err, job: 'stats-fold' }, 'background job failed'))
        .finally(() => {
          running = false;
        });
    }, ROLLUP_FOLD_EVERY_MS);
    timer.unref();
    app.addHook('onClose', async () => {
      clearInterval(timer);
    });
  };
}
