import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../../platform/context.js';

/** Vocational training providers, courses, capacity-safe enrolment, completion and outcomes (issue 7). */
export function trainingModule(_deps: AppDeps): FastifyPluginAsync {
  return async () => {};
}
