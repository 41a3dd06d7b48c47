import type { FastifyBaseLogger, FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../../platform/context.js';
import { monitoringRoutes } from './monitoring.routes.js';
import { runMonitoringReminders } from './monitoring.service.js';

export {
  /** runMonitoringReminders(db, now): reminds samples that have not reported last month (deduplicated). */
  runMonitoringReminders,
  /** The use cases behind the routes (the demo data set files reports through them). */
  designateSample,
  submitReport,
  dueAt,
  REPORT_DUE_DAY,
} from './monitoring.service.js';

export { seedDemoMonitoring } from './monitoring.demo.js';

export const REMINDER_SWEEP_EVERY_MS = 60 * 60_000;

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

/** Enterprise employment monitoring (issue 8): samples, monthly reports, reminders, the late list. */
export function monitoringModule(deps: AppDeps): FastifyPluginAsync {
  return async (app) => {
    await app.register(monitoringRoutes);
    // Tests call the job functions directly with their clock.
    if (deps.config.NODE_ENV === 'test') return;
    const timer = every(app.log, 'monitoring-reminders', REMINDER_SWEEP_EVERY_MS, () =>
      runMonitoringReminders(deps.db, deps.clock.now()),
    );
    app.addHook('onClose', async () => {
      clearInterval(timer);
    });
  };
}
