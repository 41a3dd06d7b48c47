import type { FastifyBaseLogger, FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../../platform/context.js';
import {
  chinaHour,
  createLogAdapter,
  drainOutbox,
  runAlertSweep,
  runDailyDigest,
  type OutboxAdapter,
} from './alerts.delivery.js';
import { alertsRoutes } from './alerts.routes.js';

export {
  notifyNewPosting,
  runAlertSweep,
  runDailyDigest,
  drainOutbox,
  createLogAdapter,
  retryDelayMs,
  type OutboxAdapter,
  type OutboxMessage,
  type DeliveryResult,
  type DigestResult,
  type DrainResult,
} from './alerts.delivery.js';
export { createNotification, notificationWhen, queueSms, smsWhen } from './alerts.service.js';

/** How often the background jobs run (in-process timers; several instances are safe: dedupe keys). */
export const ALERT_SWEEP_EVERY_MS = 60_000;
export const OUTBOX_DRAIN_EVERY_MS = 15_000;
export const DIGEST_CHECK_EVERY_MS = 10 * 60_000;
/** The daily digest goes out from this hour (China time) on, once per day. */
export const DIGEST_HOUR = 8;

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
  // The timers never keep the process alive: shutdown closes the app, the app clears them.
  timer.unref();
  return timer;
}

/** Saved searches, job alerts (instant, daily digest, unsubscribe), in-app notifications, outbox. */
export function alertsModule(deps: AppDeps, opts: { adapter?: OutboxAdapter } = {}): FastifyPluginAsync {
  return async (app) => {
    await app.register(alertsRoutes);
    // Tests call the job functions directly with their clock.
    if (deps.config.NODE_ENV === 'test') return;
    const adapter = opts.adapter ?? createLogAdapter(app.log);
    const now = () => deps.clock.now();
    const timers = [
      every(app.log, 'alert-sweep', ALERT_SWEEP_EVERY_MS, () => runAlertSweep(deps.db, now())),
      every(app.log, 'outbox-drain', OUTBOX_DRAIN_EVERY_MS, () => drainOutbox(deps.db, adapter, now())),
      every(app.log, 'daily-digest', DIGEST_CHECK_EVERY_MS, async () => {
        if (chinaHour(now()) >= DIGEST_HOUR) await runDailyDigest(deps.db, now());
      }),
    ];
    app.addHook('onClose', async () => {
      for (const t of timers) clearInterval(t);
    });
  };
}
