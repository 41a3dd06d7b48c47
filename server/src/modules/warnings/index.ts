import type { FastifyBaseLogger, FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../../platform/context.js';
import { chinaDay } from '../statistics/index.js';
import { warningsRoutes } from './warnings.routes.js';
import { runWarningSweep } from './warnings.service.js';

export {
  /** evaluateLayoff(tx, ctx, facts, at): layoff rules on a monthly report, in its transaction → alert ids. */
  evaluateLayoff,
  /** runWarningSweep(db, now, { month? }): the daily evaluation of the other rules (deduplicated). */
  runWarningSweep,
  /** seedWarningRules(db): the starting rules, idempotent by code (boot, tests). */
  seedWarningRules,
  SEED_RULES,
  type LayoffFacts,
} from './warnings.service.js';

export const WARNING_SWEEP_CHECK_EVERY_MS = 60 * 60_000;

function every(
  log: FastifyBaseLogger,
  name: string,
  ms: number,
  job: () => Promise<unknown>,
): NodeJS.Timeout {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    job()
      .catch((err: unknown) => log.error({ err, job: name }, 'background job failed'))
      .finally(() => {
        running = false;
      });
  }, ms);
  timer.unref();
  return timer;
}

/**
 * Early warning (issue 8): rules as data, alerts with an owner. The sweep runs once per China day
 * (checked hourly; alerts are deduplicated by rule, subject and period, so several instances are safe).
 */
export function warningsModule(deps: AppDeps): FastifyPluginAsync {
  return async (app) => {
    await app.register(warningsRoutes);
    // Tests call the job functions directly with their clock.
    if (deps.config.NODE_ENV === 'test') return;
    let lastDay = '';
    const timer = every(app.log, 'warning-sweep', WARNING_SWEEP_CHECK_EVERY_MS, async () => {
      const now = deps.clock.now();
      const day = chinaDay(now);
      if (day === lastDay) return;
      await runWarningSweep(deps.db, now);
      lastDay = day;
    });
    app.addHook('onClose', async () => {
      clearInterval(timer);
    });
  };
}
