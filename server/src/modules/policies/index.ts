import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../../platform/context.js';
import { enterpriseFactProvider, personFactProvider } from './policies.core-facts.js';
import { registerFactProvider } from './policies.facts.js';
import { policiesRoutes } from './policies.routes.js';

// The platform's own facts, registered once when the module is first imported.
registerFactProvider(enterpriseFactProvider);
registerFactProvider(personFactProvider);

/** The fact registry: other modules add facts here (see FactProvider). */
export {
  registerFactProvider,
  factDefinitions,
  getFactDefinition,
  loadFacts,
  type FactProvider,
} from './policies.facts.js';
/** Pure rule language and amounts (validation, evaluation, formulas). */
export {
  validateRule,
  evaluateRule,
  factsOf,
  factLookupFor,
  type FactLookup,
  type RuleIssue,
  type Truth,
} from './policies.rules.js';
export { computeAmount, formulaFacts } from './policies.amounts.js';
/** The catalogue and eligibility for other modules (payouts, proactive eligibility, applications). */
export {
  checkEligibility,
  evaluatePolicy,
  findPolicy,
  findPolicyById,
  listPolicyRecords,
  describeSubject,
  resolveSubject,
  isInEffect,
  periodKeyOf,
  chinaDate,
  thresholdFor,
  defaultThresholdFen,
  DEFAULT_DUAL_APPROVAL_THRESHOLD_FEN,
  DUAL_APPROVAL_SETTING,
  type PolicyRecord,
  type SubjectInput,
  type FormValues,
} from './policies.service.js';
export { seedPolicyCatalogue, SEED_POLICIES } from './policies.seed.js';

/** Support policy catalogue, eligibility rules as data and the facts they read (issue 5). */
export function policiesModule(_deps: AppDeps): FastifyPluginAsync {
  return policiesRoutes;
}
