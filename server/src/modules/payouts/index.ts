import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../../platform/context.js';
import { payoutsRoutes } from './payouts.routes.js';

export { yuanText } from './payouts.export.js';
export { seedDemoPayeeAccounts } from './payouts.demo.js';

/** Payout batches that never pay twice, payee accounts, finance export, reconciliation (issue 5). */
export function payoutsModule(_deps: AppDeps): FastifyPluginAsync {
  return payoutsRoutes;
}
