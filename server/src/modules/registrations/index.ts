import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../../platform/context.js';

/** Unemployment and employment registration, certificates, status timelines, graduates (issue 7). */
export function registrationsModule(_deps: AppDeps): FastifyPluginAsync {
  return async () => {};
}
