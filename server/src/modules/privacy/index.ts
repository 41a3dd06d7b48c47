import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../../platform/context.js';

/**
 * Personal-information rights under PIPL (issue 9): consents with their notice version, export,
 * correction, deletion and account cancellation, retention. Slot: filled in by its builder.
 */
export function privacyModule(_deps: AppDeps): FastifyPluginAsync {
  return async () => {};
}
