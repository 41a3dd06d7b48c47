import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../../platform/context.js';

/** Key-group classification rules as data, evidence, confirmation, reclassification (issue 7). */
export function keyGroupsModule(_deps: AppDeps): FastifyPluginAsync {
  return async () => {};
}
