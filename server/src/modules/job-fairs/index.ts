import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../../platform/context.js';

/** Online and on-site job fairs: booths, live counters, check-in, reports (issue 6). */
export function jobFairsModule(_deps: AppDeps): FastifyPluginAsync {
  return async () => {};
}
