import type { FactDefinition, FactValue, SubjectType } from '@jiuye/shared';
import type { Executor } from '../../db/database.js';

/**
 * The fact registry: what eligibility rules and amount formulas may read, and who loads it.
 *
 * Modules add facts by registering a provider at import time (their index.ts), without this module
 * knowing them: the payouts/entrepreneurship module registers person.startup.*, the monitoring and
 * registration modules headcount and unemployment registration. A rule naming a fact nobody
 * registered is refused when the policy is saved.
 */
export type FactProvider = {
  /** Who the facts are about. */
  subjectType: SubjectType;
  facts: readonly FactDefinition[];
  /**
   * Names of facts registered earlier that this provider replaces (its values win). The core
   * provider's `person.registeredUnemployed` (always false) is the hook issue 7 replaces this way.
   */
  overrides?: readonly string[];
  /**
   * The subject's values on `asOf` (YYYY-MM-DD, China time). Leave a fact out, or give null, when it
   * is unknown for this subject: rules then fail it as "unknown" with a clear reason.
   */
  load(db: Executor, subjectId: string, asOf: string): Promise<Record<string, FactValue | undefined>>;
};

type Entry = { definition: FactDefinition; provider: FactProvider };

const registry = new Map<string, Entry>();
const providers: FactProvider[] = [];

/** Adds a provider; a fact name already taken throws unless the provider lists it in `overrides`. */
export function registerFactProvider(provider: FactProvider): void {
  if (providers.includes(provider)) return;
  for (const f of provider.facts) {
    if (f.subjectType !== provider.subjectType)
      throw new Error(`fact ${f.name}: subjectType ${f.subjectType} ≠ provider ${provider.subjectType}`);
    if (!f.name.startsWith(`${f.subjectType}.`))
      throw new Error(`fact ${f.name} must be named ${f.subjectType}.…`);
    const taken = registry.get(f.name);
    if (taken && !(provider.overrides ?? []).includes(f.name))
      throw new Error(`fact ${f.name} is already registered`);
    if (taken && taken.definition.valueType !== f.valueType)
      throw new Error(`fact ${f.name}: an override must keep the value type ${taken.definition.valueType}`);
  }
  for (const f of provider.facts) registry.set(f.name, { definition: f, provider });
  providers.push(provider);
}

/** Every registered fact, by name. */
export function factDefinitions(subjectType?: SubjectType): FactDefinition[] {
  return [...registry.values()]
    .map((e) => e.definition)
    .filter((d) => !subjectType || d.subjectType === subjectType)
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function getFactDefinition(name: string): FactDefinition | undefined {
  return registry.get(name)?.definition;
}

/**
 * The values of `names` for one subject on `asOf`: only the providers owning those names are asked,
 * each once. Unregistered names and names about another subject type stay unknown (null).
 */
export async function loadFacts(
  db: Executor,
  subjectType: SubjectType,
  subjectId: string,
  names: Iterable<string>,
  asOf: string,
): Promise<Record<string, FactValue>> {
  const wanted = new Map<FactProvider, string[]>();
  const out: Record<string, FactValue> = {};
  for (const name of names) {
    out[name] = null;
    const e = registry.get(name);
    if (!e || e.definition.subjectType !== subjectType) continue;
    const list = wanted.get(e.provider) ?? [];
    list.push(name);
    wanted.set(e.provider, list);
  }
  for (const [provider, list] of wanted) {
    const values = await provider.load(db, subjectId, asOf);
    for (const name of list) {
      const v = values[name];
      out[name] = v === undefined ? null : v;
    }
  }
  return out;
}
