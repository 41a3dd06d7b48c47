import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CreatePolicyBodySchema, type FactDefinition, type FactValue, type PolicyRule } from '@jiuye/shared';
import { computeAmount } from './policies.amounts.js';
import { SEED_POLICIES } from './policies.seed.js';
import { evaluateRule, factLookupFor, validateRule, type FactLookup } from './policies.rules.js';
import { policyIssues } from './policies.service.js';
import { ageOn } from './policies.core-facts.js';
// The core fact providers register on import of the module's index.ts.
import './index.js';

const DEFS: FactDefinition[] = [
  {
    name: 'enterprise.headcount',
    subjectType: 'enterprise',
    valueType: 'number',
    labelZh: '员工人数',
    labelEn: 'Employees',
  },
  {
    name: 'enterprise.size',
    subjectType: 'enterprise',
    valueType: 'string',
    labelZh: '企业规模',
    labelEn: 'Enterprise size',
    allowedValues: ['micro', 'small', 'medium', 'large'],
    valueLabels: {
      micro: { zh: '微型', en: 'micro' },
      small: { zh: '小型', en: 'small' },
      medium: { zh: '中型', en: 'medium' },
      large: { zh: '大型', en: 'large' },
    },
  },
  {
    name: 'enterprise.verified',
    subjectType: 'enterprise',
    valueType: 'boolean',
    labelZh: '已认证',
    labelEn: 'Verified',
  },
  {
    name: 'enterprise.startedOn',
    subjectType: 'enterprise',
    valueType: 'date',
    labelZh: '成立日期',
    labelEn: 'Started on',
  },
  {
    name: 'enterprise.tags',
    subjectType: 'enterprise',
    valueType: 'string[]',
    labelZh: '标签',
    labelEn: 'Tags',
  },
  { name: 'person.age', subjectType: 'person', valueType: 'number', labelZh: '年龄', labelEn: 'Age' },
];
const lookup: FactLookup = (n) => DEFS.find((d) => d.name === n);
const asOf = '2020-03-15';

function judge(rule: PolicyRule, facts: Record<string, FactValue>) {
  return evaluateRule(rule, { asOf, lookup, facts });
}

describe('rule validation names the path of each error', () => {
  it('accepts a valid rule', () => {
    const rule = {
      all: [
        { fact: 'enterprise.headcount', op: 'lte', value: 300 },
        { fact: 'enterprise.size', op: 'in', value: ['micro', 'small'] },
        { not: { fact: 'enterprise.verified', op: 'eq', value: false } },
        {
          any: [
            { fact: 'enterprise.startedOn', op: 'within_days', value: 365 },
            { fact: 'enterprise.tags', op: 'in', value: ['x'] },
          ],
        },
        { fact: 'enterprise.headcount', op: 'between', value: [1, 500] },
        { fact: 'enterprise.startedOn', op: 'exists' },
      ],
    };
    expect(validateRule(rule, lookup, 'enterprise')).toEqual([]);
  });

  it.each([
    [{ all: [{ fact: 'enterprise.nope', op: 'eq', value: 1 }] }, 'eligibility.all.0.fact', 'unknown_fact'],
    [
      { all: [{ fact: 'person.age', op: 'gt', value: 1 }] },
      'eligibility.all.0.fact',
      'fact_subject_mismatch',
    ],
    [{ any: [{ fact: 'enterprise.size', op: 'lt', value: 'x' }] }, 'eligibility.any.0.op', 'op_not_allowed'],
    [
      {
        all: [
          { fact: 'enterprise.verified', op: 'eq', value: true },
          { fact: 'enterprise.size', op: 'eq', value: 'x' },
          { fact: 'enterprise.headcount', op: 'lte', value: '300' },
        ],
      },
      'eligibility.all.2.value',
      'value_type',
    ],
    [{ not: { fact: 'enterprise.size', op: 'eq', value: 'huge' } }, 'eligibility.not.value', 'invalid_value'],
    [{ fact: 'enterprise.startedOn', op: 'gt', value: '2020-02-30' }, 'eligibility.value', 'value_type'],
    [{ fact: 'enterprise.headcount', op: 'between', value: [500, 1] }, 'eligibility.value', 'invalid_value'],
    [{ fact: 'enterprise.headcount', op: 'between', value: [1, 'x'] }, 'eligibility.value.1', 'value_type'],
    [{ fact: 'enterprise.headcount', op: 'in', value: [] }, 'eligibility.value', 'value_type'],
    [{ fact: 'enterprise.headcount', op: 'eq' }, 'eligibility.value', 'required'],
    [{ fact: 'enterprise.startedOn', op: 'within_days', value: -1 }, 'eligibility.value', 'value_type'],
    [{ fact: 'enterprise.tags', op: 'eq', value: 'x' }, 'eligibility.op', 'op_not_allowed'],
    [{ all: [{ all: [], any: [] }] }, 'eligibility.all.0', 'rule_shape'],
    [{ all: [5] }, 'eligibility.all.0', 'rule_shape'],
    [{ fact: 'enterprise.verified', op: 'eq', value: true, extra: 1 }, 'eligibility', 'rule_shape'],
  ])('%j → %s %s', (rule, path, code) => {
    expect(validateRule(rule, lookup, 'enterprise')).toContainEqual({ path, code });
  });

  it('refuses nesting deeper than 8', () => {
    let deep: unknown = { fact: 'enterprise.verified', op: 'eq', value: true };
    for (let i = 0; i < 7; i++) deep = { not: deep };
    expect(validateRule(deep, lookup, 'enterprise')).toEqual([]);
    expect(validateRule({ not: deep }, lookup, 'enterprise')).toEqual([
      { path: 'eligibility', code: 'rule_too_deep' },
    ]);
    // Hostile depth is measured without recursion.
    let hostile: unknown = { fact: 'enterprise.verified', op: 'eq', value: true };
    for (let i = 0; i < 100_000; i++) hostile = { not: hostile };
    expect(validateRule(hostile, lookup, 'enterprise')).toEqual([
      { path: 'eligibility', code: 'rule_too_deep' },
    ]);
  });

  it('checks form-field facts against the policy’s own form', () => {
    const formLookup = factLookupFor(
      'enterprise',
      [{ key: 'trainees', labelZh: '人数', labelEn: 'Trainees', type: 'number', required: true }],
      lookup,
    );
    expect(validateRule({ fact: 'form.trainees', op: 'gte', value: 1 }, formLookup, 'enterprise')).toEqual(
      [],
    );
    expect(validateRule({ fact: 'form.other', op: 'gte', value: 1 }, formLookup, 'enterprise')).toEqual([
      { path: 'eligibility.fact', code: 'unknown_fact' },
    ]);
  });

  it('accepts every seeded policy against the core facts (other modules’ facts: see the route tests)', () => {
    const external = ['person.returnedWorker', 'person.startup.startDate'];
    for (const raw of SEED_POLICIES) {
      const p = CreatePolicyBodySchema.parse(raw);
      const issues = policyIssues(p).filter((i) => {
        const at = i.path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], p);
        return !(i.code === 'unknown_fact' && external.includes(at as string));
      });
      expect(issues, p.code).toEqual([]);
    }
  });
});

describe('rule evaluation with reasons', () => {
  it('answers pass or fail per condition with the actual value in both languages', () => {
    const rule: PolicyRule = {
      all: [
        { fact: 'enterprise.headcount', op: 'lte', value: 300 },
        { fact: 'enterprise.size', op: 'in', value: ['micro', 'small', 'medium'] },
      ],
    };
    const ok = judge(rule, { 'enterprise.headcount': 120, 'enterprise.size': 'small' });
    expect(ok.result).toBe(true);
    expect(ok.reasons.map((r) => [r.path, r.outcome])).toEqual([
      ['all.0', 'pass'],
      ['all.1', 'pass'],
    ]);
    expect(ok.reasons[0]?.messageZh).toBe('员工人数 120，要求 ≤ 300');
    expect(ok.reasons[0]?.messageEn).toBe('Employees 120; required ≤ 300');
    expect(ok.reasons[1]?.messageZh).toBe('企业规模 小型，要求 属于 微型、小型、中型');

    const big = judge(rule, { 'enterprise.headcount': 1200, 'enterprise.size': 'large' });
    expect(big.result).toBe(false);
    expect(big.reasons.map((r) => r.outcome)).toEqual(['fail', 'fail']);
    expect(big.reasons[0]).toMatchObject({
      actual: 1200,
      expected: 300,
      fact: 'enterprise.headcount',
      op: 'lte',
    });
  });

  it('fails a missing fact as unknown with a clear reason', () => {
    const r = judge({ fact: 'enterprise.headcount', op: 'lte', value: 300 }, {});
    expect(r.result).toBe('unknown');
    expect(r.reasons[0]).toMatchObject({ outcome: 'unknown', actual: null });
    expect(r.reasons[0]?.messageZh).toContain('未知');
    expect(r.reasons[0]?.messageZh).toContain('按不符合处理');
    expect(r.reasons[0]?.messageEn).toContain('missing');
    // not(unknown) stays unknown: a missing fact never lets anyone through.
    expect(judge({ not: { fact: 'enterprise.headcount', op: 'lte', value: 300 } }, {}).result).toBe(
      'unknown',
    );
    expect(judge({ fact: 'enterprise.headcount', op: 'exists' }, {}).result).toBe(false);
    expect(judge({ fact: 'enterprise.headcount', op: 'exists', value: false }, {}).result).toBe(true);
  });

  it('judges dates, within_days, string lists and between', () => {
    expect(
      judge(
        { fact: 'enterprise.startedOn', op: 'within_days', value: 30 },
        { 'enterprise.startedOn': '2020-02-20' },
      ).result,
    ).toBe(true);
    expect(
      judge(
        { fact: 'enterprise.startedOn', op: 'within_days', value: 30 },
        { 'enterprise.startedOn': '2020-01-20' },
      ).result,
    ).toBe(false);
    // A date after the evaluation day is not "within the last N days".
    expect(
      judge(
        { fact: 'enterprise.startedOn', op: 'within_days', value: 30 },
        { 'enterprise.startedOn': '2020-03-20' },
      ).result,
    ).toBe(false);
    expect(
      judge(
        { fact: 'enterprise.startedOn', op: 'lt', value: '2020-03-01' },
        { 'enterprise.startedOn': '2020-02-29' },
      ).result,
    ).toBe(true);
    expect(
      judge({ fact: 'enterprise.tags', op: 'in', value: ['a', 'b'] }, { 'enterprise.tags': ['c', 'b'] })
        .result,
    ).toBe(true);
    expect(
      judge({ fact: 'enterprise.tags', op: 'not_in', value: ['a', 'b'] }, { 'enterprise.tags': ['c', 'b'] })
        .result,
    ).toBe(false);
    expect(judge({ fact: 'enterprise.tags', op: 'in', value: ['a'] }, { 'enterprise.tags': [] }).result).toBe(
      false,
    );
    expect(
      judge({ fact: 'enterprise.headcount', op: 'between', value: [10, 20] }, { 'enterprise.headcount': 20 })
        .result,
    ).toBe(true);
    expect(
      judge({ fact: 'enterprise.headcount', op: 'between', value: [10, 20] }, { 'enterprise.headcount': 21 })
        .result,
    ).toBe(false);
  });

  it('computes age in whole years on the evaluation day', () => {
    expect(ageOn('1970-03-15', '2020-03-15')).toBe(50);
    expect(ageOn('1970-03-16', '2020-03-15')).toBe(49);
  });
});

// ——— Properties ———

const FACT_NAMES = ['enterprise.headcount', 'enterprise.verified'] as const;
const leafArb: fc.Arbitrary<PolicyRule> = fc.oneof(
  fc.record({
    fact: fc.constant('enterprise.headcount'),
    op: fc.constantFrom('lt' as const, 'gte' as const, 'eq' as const),
    value: fc.integer({ min: 0, max: 10 }),
  }),
  fc.record({
    fact: fc.constant('enterprise.verified'),
    op: fc.constant('eq' as const),
    value: fc.boolean(),
  }),
);
const { rule: ruleArb } = fc.letrec<{ rule: PolicyRule }>((tie) => ({
  rule: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leafArb,
    fc.record({ all: fc.array(tie('rule'), { maxLength: 3 }) }),
    fc.record({ any: fc.array(tie('rule'), { maxLength: 3 }) }),
    fc.record({ not: tie('rule') }),
  ),
}));
const factsArb = fc.record(
  {
    'enterprise.headcount': fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }),
    'enterprise.verified': fc.option(fc.boolean(), { nil: null }),
  },
  { requiredKeys: [...FACT_NAMES] },
);

describe('rule language properties', () => {
  it('not(not r) ≡ r', () => {
    fc.assert(
      fc.property(ruleArb, factsArb, (r, facts) => {
        expect(judge({ not: { not: r } }, facts).result).toBe(judge(r, facts).result);
      }),
    );
  });

  it('all([]) holds, any([]) does not, and all/any of one rule is that rule', () => {
    expect(judge({ all: [] }, {}).result).toBe(true);
    expect(judge({ any: [] }, {}).result).toBe(false);
    fc.assert(
      fc.property(ruleArb, factsArb, (r, facts) => {
        const v = judge(r, facts).result;
        expect(judge({ all: [r] }, facts).result).toBe(v);
        expect(judge({ any: [r] }, facts).result).toBe(v);
      }),
    );
  });

  it('De Morgan: not(all(a, b)) ≡ any(not a, not b)', () => {
    fc.assert(
      fc.property(ruleArb, ruleArb, factsArb, (a, b, facts) => {
        expect(judge({ not: { all: [a, b] } }, facts).result).toBe(
          judge({ any: [{ not: a }, { not: b }] }, facts).result,
        );
      }),
    );
  });

  it('knowing more facts never turns a definite answer around (unknown is monotone)', () => {
    fc.assert(
      fc.property(ruleArb, factsArb, (r, facts) => {
        const partial = { ...facts, 'enterprise.headcount': null };
        const before = judge(r, partial).result;
        if (before !== 'unknown') expect(judge(r, facts).result).toBe(before);
      }),
    );
  });

  it('gives one reason per condition, and validates every generated rule', () => {
    fc.assert(
      fc.property(ruleArb, factsArb, (r, facts) => {
        expect(validateRule(r, lookup, 'enterprise', 'r').filter((i) => i.code !== 'rule_too_deep')).toEqual(
          [],
        );
        const leaves = JSON.stringify(r).split('"fact"').length - 1;
        expect(judge(r, facts).reasons).toHaveLength(leaves);
      }),
    );
  });
});

describe('amounts by formula with caps', () => {
  it('pays a fixed sum', () => {
    expect(computeAmount({ kind: 'fixed', amountFen: 1_000_000 }, null, {})).toEqual({
      formula: { kind: 'fixed', amountFen: 1_000_000 },
      inputs: {},
      uncappedFen: 1_000_000,
      amountFen: 1_000_000,
      cappedBy: null,
    });
  });

  it('pays per head up to the formula cap, then the policy cap', () => {
    const f = { kind: 'per_head' as const, perHeadFen: 100_000, headcountFact: 'h', capFen: 5_000_000 };
    expect(computeAmount(f, null, { h: 12 })).toMatchObject({
      amountFen: 1_200_000,
      cappedBy: null,
      inputs: { h: 12 },
    });
    expect(computeAmount(f, null, { h: 80 })).toMatchObject({
      uncappedFen: 8_000_000,
      amountFen: 5_000_000,
      cappedBy: 'formula_cap',
    });
    expect(computeAmount(f, 3_000_000, { h: 80 })).toMatchObject({
      amountFen: 3_000_000,
      cappedBy: 'policy_cap',
    });
    expect(computeAmount(f, 3_000_000, { h: 10 })).toMatchObject({ amountFen: 1_000_000, cappedBy: null });
    // Whole people only; an unknown headcount gives no amount.
    expect(computeAmount(f, null, { h: 2.7 })).toMatchObject({ amountFen: 200_000 });
    expect(computeAmount(f, null, {})).toMatchObject({
      amountFen: null,
      uncappedFen: null,
      inputs: { h: null },
    });
    expect(computeAmount(f, null, { h: -3 })).toMatchObject({ amountFen: null });
  });

  it('pays a percentage rounded down to the fen, capped', () => {
    const f = { kind: 'percent' as const, basisPoints: 5_000, baseFact: 'b', capFen: 1_000_000 };
    expect(computeAmount(f, null, { b: 333 })).toMatchObject({ amountFen: 166, cappedBy: null });
    expect(computeAmount(f, null, { b: 1_999_999 })).toMatchObject({ amountFen: 999_999 });
    expect(computeAmount(f, null, { b: 5_000_000 })).toMatchObject({
      uncappedFen: 2_500_000,
      amountFen: 1_000_000,
      cappedBy: 'formula_cap',
    });
    expect(computeAmount({ ...f, capFen: undefined }, 700_000, { b: 5_000_000 })).toMatchObject({
      amountFen: 700_000,
      cappedBy: 'policy_cap',
    });
  });

  it('never exceeds a cap and never pays more than uncapped (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.option(fc.integer({ min: 0, max: 10_000_000 }), { nil: undefined }),
        fc.option(fc.integer({ min: 0, max: 10_000_000 }), { nil: null }),
        (base, bp, cap, policyCap) => {
          const r = computeAmount(
            { kind: 'percent', basisPoints: bp, baseFact: 'b', capFen: cap },
            policyCap,
            { b: base },
          );
          const amount = r.amountFen ?? -1;
          expect(amount).toBeGreaterThanOrEqual(0);
          expect(amount).toBeLessThanOrEqual(r.uncappedFen ?? 0);
          if (cap !== undefined) expect(amount).toBeLessThanOrEqual(cap);
          if (policyCap !== null) expect(amount).toBeLessThanOrEqual(policyCap);
        },
      ),
    );
  });
});
