import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../../platform/context.js';

// Placeholder until the module lands (issue 3); it registers no routes.
export function applicationsModule(_deps: AppDeps): FastifyPluginAsync {
  return async () => {};
}
