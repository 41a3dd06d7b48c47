import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../../platform/context.js';
import { resumesRoutes } from './resumes.routes.js';

export { getMyResume, toResume } from './resumes.service.js';
/** Privacy (issue 9): consent withdrawal and account cancellation go through these. */
export {
  setResumeSharing,
  withdrawResumeKeyGroups,
  removeResumeIdentityNumber,
  deleteResumeOf,
  resumeExportOf,
} from './resumes.service.js';
export { experienceYears } from './resumes.derive.js';

/** Seekers' résumés (encrypted identity number, consents for key-group status and visibility). */
export function resumesModule(_deps: AppDeps): FastifyPluginAsync {
  return resumesRoutes;
}
