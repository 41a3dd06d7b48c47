import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../../platform/context.js';

/** Public-welfare posts, placements with term limits, monthly attendance and subsidy records (issue 7). */
export function welfarePostsModule(_deps: AppDeps): FastifyPluginAsync {
  return async () => {};
}
