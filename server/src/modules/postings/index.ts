import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../../platform/context.js';
import { postingsRoutes } from './postings.routes.js';
import { expirePostings } from './postings.service.js';
import { closeDetailCache } from './postings.detail-cache.js';

export { expirePostings, recordPostingHire, toPosting } from './postings.service.js';
export { checkDiscrimination, detectFlags, renderFlags } from './postings.discrimination.js';
export { chinaToday } from './postings.workflow.js';

const HOUR_MS = 3600_000;

/** Job postings: create, review, lifecycle, discrimination checks, Excel import, expiry. */
export function postingsModule(deps: AppDeps): FastifyPluginAsync {
  const routes = postingsRoutes(deps);
  return async (app) => {
    await routes(app, {});
    // The detail cache's LISTEN connection (opened on the first detail request) ends with the app.
    app.addHook('onClose', () => closeDetailCache(deps));
    // Hourly expiry of postings past their closing date. Tests call expirePostings directly.
    if (deps.config.NODE_ENV === 'test') return;
    let running = false;
    const run = () => {
      if (running) return;
      running = true;
      expirePostings(deps.db, deps.clock.now())
        .then((n) => {
          if (n > 0) app.log.info({ expired: n }, 'job postings expired');
        })
        .catch((err: unknown) => app.log.error({ err }, 'job posting expiry failed'))
        .finally(() => {
          running = false;
        });
    };
    const first = setTimeout(run, 30_000);
    const timer = setInterval(run, HOUR_MS);
    first.unref();
    timer.unref();
    app.addHook('onClose', async () => {
      clearTimeout(first);
      clearInterval(timer);
    });
  };
}
