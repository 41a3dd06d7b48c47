import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../../platform/context.js';

/** Returned workers' start-ups, guarantee-loan referrals and repayment deferrals (issue 5). */
export function entrepreneurshipModule(_deps: AppDeps): FastifyPluginAsync {
  return async () => {};
}
