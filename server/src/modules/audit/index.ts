import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../../platform/context.js';
import { startAuditSealer } from '../../platform/audit.js';
import { auditRoutes } from './audit.routes.js';

/**
 * The audit trail for auditors (issue 9): reading, filtering and verifying the hash chain. Rows
 * are sealed into the chain by the sealer (migration 20261128T0310, decision 0013), which every
 * instance runs every second; the advisory lock lets one of them seal at a time. Verification
 * (platform/audit.ts verifyAuditChain, also `npm run audit:verify`) seals first.
 */
export function auditModule(deps: AppDeps): FastifyPluginAsync {
  return async (app) => {
    await app.register(auditRoutes);
    // Tests seal on demand (verification seals first) and call sealAuditLog directly.
    if (deps.config.NODE_ENV === 'test') return;
    const stop = startAuditSealer(deps.db, (err) =>
      app.log.error({ err, job: 'audit-seal' }, 'audit sealing failed'),
    );
    app.addHook('onClose', async () => {
      stop();
    });
  };
}
