import type { PolicyRule, SubjectType } from '@jiuye/shared';

/**
 * Which of the platform's data sources can hold an eligible subject for a policy, read from its
 * rule: SQL then fetches only those candidates before each is judged in full. The narrowing is
 * conservative: a source is dropped only when a condition every eligible subject must meet (a
 * condition under top-level `all`s, never under `not` or `any`) cannot hold without it, given that
 * the rule language fails a condition on an unknown fact.
 */

export type CandidateSource = 'enterprise' | 'key_group_hire' | 'startup' | 'resume';

/** Start-up facts that are unknown (null) for a person without an active start-up. */
const STARTUP_VALUE_FACTS = new Set([
  'person.startup.startDate',
  'person.startup.jobsCreated',
  'person.startup.districtCode',
  'person.startup.industryCode',
  'person.startup.businessType',
  'person.guaranteeLoan.amountFen',
]);

/** Conditions every eligible subject meets: those reachable from the root through `all` only. */
export function requiredConditions(rule: PolicyRule): { fact: string; op: string; value?: unknown }[] {
  const out: { fact: string; op: string; value?: unknown }[] = [];
  const stack: PolicyRule[] = [rule];
  while (stack.length > 0) {
    const r = stack.pop() as PolicyRule;
    if ('all' in r) stack.push(...r.all);
    else if ('fact' in r) out.push({ fact: r.fact, op: r.op, value: r.value });
  }
  return out;
}

function needsStartup(c: { fact: string; op: string; value?: unknown }): boolean {
  if (STARTUP_VALUE_FACTS.has(c.fact)) return !(c.op === 'exists' && c.value === false);
  // exists/active/returned are false (not unknown) for a person without a start-up.
  if (
    c.fact === 'person.startup.exists' ||
    c.fact === 'person.returnedWorker' ||
    c.fact === 'person.guaranteeLoan.active'
  )
    return c.op === 'eq' && c.value === true;
  return false;
}

function needsKeyGroupHires(c: { fact: string; op: string; value?: unknown }): boolean {
  if (!c.fact.startsWith('enterprise.keyGroupHires.')) return false;
  return (
    ((c.op === 'gte' || c.op === 'eq') && typeof c.value === 'number' && c.value >= 1) ||
    (c.op === 'gt' && typeof c.value === 'number' && c.value >= 0)
  );
}

/** The sources to scan for a policy about `subjectType` with this rule. */
export function candidateSources(subjectType: SubjectType, rule: PolicyRule): CandidateSource[] {
  const required = requiredConditions(rule);
  if (subjectType === 'enterprise')
    return required.some(needsKeyGroupHires) ? ['key_group_hire'] : ['enterprise'];
  return required.some(needsStartup) ? ['startup'] : ['startup', 'resume'];
}
