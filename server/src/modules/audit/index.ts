import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../../platform/context.js';

/**
 * The audit trail for auditors (issue 9): reading, filtering and verifying the hash chain.
 * Slot: filled in by its builder.
 */
export function auditModule(_deps: AppDeps): FastifyPluginAsync {
  return async () => {};
}
