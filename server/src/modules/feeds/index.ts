import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../../platform/context.js';
import { feedsRoutes } from './feeds.routes.js';

export { FEED_SETTLE_SECONDS } from './feeds.service.js';

/**
 * Feeds for partner systems (issue 8). Public: they carry only what published postings already show,
 * and tombstones (ids and status) for removals.
 */
export function feedsModule(_deps: AppDeps): FastifyPluginAsync {
  return feedsRoutes;
}
