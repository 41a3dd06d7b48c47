import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../../platform/context.js';

/** Payout batches that never pay twice, finance export, reconciliation (issue 5). */
export function payoutsModule(_deps: AppDeps): FastifyPluginAsync {
  return async () => {};
}
