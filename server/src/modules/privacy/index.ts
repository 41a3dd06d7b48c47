import type { FastifyBaseLogger, FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../../platform/context.js';
import { setClassificationGate } from '../key-groups/index.js';
import { chinaDay } from '../statistics/index.js';
import { privacyRoutes } from './privacy.routes.js';
import { runRetention } from './privacy.retention.js';
import { mayClassify } from './privacy.service.js';

export {
  /** runRetention(db, now): the daily retention job (deletes/anonymises data past its period). */
  runRetention,
  RETENTION,
} from './privacy.retention.js';
export {
  /** mayClassify(db, personId): false after a key_group_status withdrawal or a restriction. */
  mayClassify,
} from './privacy.service.js';

export const RETENTION_CHECK_EVERY_MS = 60 * 60_000;

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
 * Personal-information rights under PIPL (issue 9): consents with their notice version, export,
 * correction, deletion and account cancellation, retention. Installs the consent gate of key-group
 * classification; runs the retention job once per China day (checked hourly; idempotent, so
 * several instances are safe).
 */
export function privacyModule(deps: AppDeps): FastifyPluginAsync {
  setClassificationGate(mayClassify);
  return async (app) => {
    await app.register(privacyRoutes);
    // Tests call runRetention directly with their clock.
    if (deps.config.NODE_ENV === 'test') return;
    let lastDay = '';
    const timer = every(app.log, 'privacy-retention', RETENTION_CHECK_EVERY_MS, async () => {
      const now = deps.clock.now();
      const day = chinaDay(now);
      if (day === lastDay) return;
      await runRetention(deps.db, now);
      lastDay = day;
    });
    app.addHook('onClose', async () => {
      clearInterval(timer);
    });
  };
}
