import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../../platform/context.js';

/** Labour shortage reports, the staff board, resolution and headcount filled (issue 6). */
export function shortagesModule(_deps: AppDeps): FastifyPluginAsync {
  return async () => {};
}
