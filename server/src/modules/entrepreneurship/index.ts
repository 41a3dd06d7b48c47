import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../../platform/context.js';
import { registerFactProvider } from '../policies/index.js';
import { ENTREPRENEURSHIP_FACTS, loadEntrepreneurshipFacts } from './entrepreneurship.facts.js';
import { entrepreneurshipRoutes } from './entrepreneurship.routes.js';

export { ENTREPRENEURSHIP_FACTS } from './entrepreneurship.facts.js';
export { judgeReturnedWorker } from './entrepreneurship.rules.js';
export { seedDemoEntrepreneurship } from './entrepreneurship.demo.js';
export { startupCandidates, startupDistricts } from './entrepreneurship.candidates.js';

// The start-up and guarantee-loan facts join the policies module's registry when this module is
// imported (app.ts imports every module before any request is served).
registerFactProvider({
  subjectType: 'person',
  facts: ENTREPRENEURSHIP_FACTS,
  load: loadEntrepreneurshipFacts,
});

/** Returned workers' start-ups, guarantee-loan referrals and repayment deferrals (issue 5). */
export function entrepreneurshipModule(_deps: AppDeps): FastifyPluginAsync {
  return entrepreneurshipRoutes;
}
