import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../../platform/context.js';
import { auditRoutes } from './audit.routes.js';

/**
 * The audit trail for auditors (issue 9): reading, filtering and verifying the hash chain. The
 * chain itself is kept by the database (migration 20261128T0120) and checked by
 * platform/audit.ts verifyAuditChain, which `npm run audit:verify` also uses.
 */
export function auditModule(_deps: AppDeps): FastifyPluginAsync {
  return async (app) => {
    await app.register(auditRoutes);
  };
}
