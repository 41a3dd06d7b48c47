import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../../platform/context.js';
import { accountsRoutes } from './accounts.routes.js';

export { ensureFirstAdmin } from './accounts.service.js';
export { hashPassword } from './passwords.js';

/** Accounts, sessions, staff/admin management and API tokens. */
export function accountsModule(deps: AppDeps): FastifyPluginAsync {
  return accountsRoutes(deps);
}
