import type { FastifyPluginAsync } from 'fastify';
import type { Executor } from '../../db/database.js';
import type { AppDeps } from '../../platform/context.js';
import { registerFactProvider } from '../policies/index.js';
import { keyGroupsRoutes } from './key-groups.routes.js';
import { REGISTRY_PERSON_FACTS } from './key-groups.rules.js';
import { registryFactsOf } from './key-groups.service.js';

const registryFactProvider = {
  subjectType: 'person' as const,
  facts: REGISTRY_PERSON_FACTS,
  overrides: ['person.registeredUnemployed'],
  load: (db: Executor, personId: string, asOf: string) => registryFactsOf(db, personId, asOf),
};

/**
 * Adds the registry's person facts to the support-policy fact registry (idempotent): policies may
 * read registered unemployment, months unemployed, school leaving, evidence flags and the
 * classified key groups; `person.registeredUnemployed` replaces the policies module's placeholder.
 * Called when the app is built (not at import: the policies module imports persons, which imports
 * this module, so the registry may not be initialised yet while modules load).
 */
export function registerRegistryFacts(): void {
  registerFactProvider(registryFactProvider);
}

export {
  /**
   * reclassify(db, personId, asOf: Date | 'YYYY-MM-DD', { ctx?, caseReason? }) → the person's key
   * groups on that day. Applies the rules in force, stores evidence and validity, ends what no
   * longer holds, opens a case for a new membership of someone not employed. Own transaction unless
   * given one; holds the person's lock.
   */
  reclassify,
  /** keyGroupsOf(db, personId, asOf) → KeyGroup[]: stored classifications valid on that day. */
  keyGroupsOf,
  /** keyGroupTagsOf(db, personIds, asOf) → Map<personId, KeyGroupTag[]> for lists. */
  keyGroupTagsOf,
  /**
   * hasEmploymentDifficulty(db, personId, asOf = now) → boolean: a person with employment
   * difficulties (就业困难人员): the only people public-welfare posts may place.
   */
  hasEmploymentDifficulty,
  /** Seeds the rules of domain.md (idempotent); boot calls it. */
  seedKeyGroupRules,
  /** The daily sweep: reclassifies persons whose validity ends or whose date facts turn today. */
  runReclassificationSweep,
  /** Privacy (issue 9): installs the consent check reclassification consults (null removes it). */
  setClassificationGate,
  type ClassificationGate,
} from './key-groups.service.js';
export {
  SEED_RULES,
  REGISTRY_PERSON_FACTS,
  factsAt,
  classify,
  type RawPersonFacts,
} from './key-groups.rules.js';
/** China-time calendar helpers (YYYY-MM-DD). */
export {
  chinaDate,
  addDays,
  addMonths,
  daysBetween,
  wholeMonths,
  wholeYears,
} from './key-groups.calendar.js';

/** Key-group classification rules (data) and memberships with evidence (issue 7). */
export function keyGroupsModule(_deps: AppDeps): FastifyPluginAsync {
  registerRegistryFacts();
  return keyGroupsRoutes;
}
