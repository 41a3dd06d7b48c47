import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../../platform/context.js';
import { accountsRoutes } from './accounts.routes.js';
import { mfaRoutes } from './mfa.routes.js';

export { ensureFirstAdmin } from './accounts.service.js';
export { hashPassword, verifyPassword } from './passwords.js';
export { enrolDemoSecret } from './mfa.service.js';
export { totpCode } from './totp.js';

/** Accounts, sessions (issue 9: second factor, re-authentication), staff/admin management and API tokens. */
export function accountsModule(deps: AppDeps): FastifyPluginAsync {
  const accounts = accountsRoutes(deps);
  const mfa = mfaRoutes(deps);
  return async (app) => {
    await accounts(app, {});
    await mfa(app, {});
  };
}
