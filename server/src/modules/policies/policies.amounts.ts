import type { AmountComputation, AmountFormula, FactValue } from '@jiuye/shared';
import type { FactLookup, RuleIssue } from './policies.rules.js';

/**
 * Amounts by formula (pure). All money is integer fen. A percentage rounds down to the fen: the
 * bureau never pays more than the rule gives. Caps apply in order: the formula's own cap (e.g.
 * 稳岗返还 at most so much per enterprise), then the policy's overall cap per subject and period.
 */
export function computeAmount(
  formula: AmountFormula,
  policyCapFen: number | null,
  facts: Readonly<Record<string, FactValue | undefined>>,
): AmountComputation {
  const num = (name: string): number | null => {
    const v = facts[name];
    return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : null;
  };
  let uncapped: number | null;
  let formulaCap: number | undefined;
  const inputs: Record<string, number | null> = {};
  switch (formula.kind) {
    case 'fixed':
      uncapped = formula.amountFen;
      break;
    case 'per_head': {
      const heads = num(formula.headcountFact);
      inputs[formula.headcountFact] = heads;
      // A head is a whole person: a fractional headcount counts its whole people only.
      uncapped = heads === null ? null : Math.floor(heads) * formula.perHeadFen;
      formulaCap = formula.capFen;
      break;
    }
    case 'percent': {
      const base = num(formula.baseFact);
      inputs[formula.baseFact] = base;
      uncapped = base === null ? null : Math.floor((base * formula.basisPoints) / 10_000);
      formulaCap = formula.capFen;
      break;
    }
  }
  if (uncapped === null) {
    return { formula, inputs, uncappedFen: null, amountFen: null, cappedBy: null };
  }
  let amount = uncapped;
  let cappedBy: AmountComputation['cappedBy'] = null;
  if (formulaCap !== undefined && amount > formulaCap) {
    amount = formulaCap;
    cappedBy = 'formula_cap';
  }
  if (policyCapFen !== null && amount > policyCapFen) {
    amount = policyCapFen;
    cappedBy = 'policy_cap';
  }
  return { formula, inputs, uncappedFen: uncapped, amountFen: amount, cappedBy };
}

/** The facts a formula reads. */
export function formulaFacts(formula: AmountFormula | null): string[] {
  if (!formula) return [];
  if (formula.kind === 'per_head') return [formula.headcountFact];
  if (formula.kind === 'percent') return [formula.baseFact];
  return [];
}

/** A formula's facts must be number facts about the policy's applicant type (or number form fields). */
export function validateFormula(
  formula: AmountFormula | null,
  lookup: FactLookup,
  subjectType: 'enterprise' | 'person',
): RuleIssue[] {
  if (!formula || formula.kind === 'fixed') return [];
  const key = formula.kind === 'per_head' ? 'headcountFact' : 'baseFact';
  const name = formula.kind === 'per_head' ? formula.headcountFact : formula.baseFact;
  const def = lookup(name);
  if (!def) return [{ path: `amount.${key}`, code: 'unknown_fact' }];
  if (def.subjectType !== subjectType) return [{ path: `amount.${key}`, code: 'fact_subject_mismatch' }];
  if (def.valueType !== 'number') return [{ path: `amount.${key}`, code: 'value_type' }];
  return [];
}
