import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../../platform/context.js';
import { jobFairsRoutes } from './job-fairs.routes.js';
import { closeEndedFairs } from './job-fairs.service.js';

export {
  /** Marks fairs past their window closed and closes their booths; answers how many. */
  closeEndedFairs,
  /** Outcomes (counters) of the fairs whose window starts in a period: for monitoring. */
  fairOutcomes,
} from './job-fairs.service.js';
export { effectiveStatus as fairStatusAt } from './job-fairs.workflow.js';
export { seedDemoFairs } from './job-fairs.demo.js';

/** How often fairs past their window are marked closed (the API computes it from the clock anyway). */
export const FAIR_SWEEP_EVERY_MS = 5 * 60_000;

/** Online and on-site job fairs: booths, live counters, check-in, reports (issue 6). */
export function jobFairsModule(deps: AppDeps): FastifyPluginAsync {
  return async (app) => {
    await app.register(jobFairsRoutes);
    // Tests call closeEndedFairs directly with their clock.
    if (deps.config.NODE_ENV === 'test') return;
    let running = false;
    const timer = setInterval(() => {
      if (running) return;
      running = true;
      closeEndedFairs(deps.db, deps.clock.now())
        .then((n) => {
          if (n > 0) app.log.info({ closed: n }, 'job fairs closed');
        })
        .catch((err: unknown) => app.log.error({ err }, 'job fair sweep failed'))
        .finally(() => {
          running = false;
        });
    }, FAIR_SWEEP_EVERY_MS);
    timer.unref();
    app.addHook('onClose', async () => {
      clearInterval(timer);
    });
  };
}
