import { describe, expect, it } from 'vitest';
import type { FactDefinition, PolicyRule } from '@jiuye/shared';
import {
  amountWords,
  describeRule,
  factsOfRule,
  ruleChecklist,
  selfCheck,
  type RuleWordsContext,
} from './rule-words';

const FACTS: FactDefinition[] = [
  {
    name: 'enterprise.size',
    subjectType: 'enterprise',
    valueType: 'string',
    labelZh: '企业规模',
    labelEn: 'Enterprise size',
    allowedValues: ['micro', 'small', 'medium', 'large'],
  },
  {
    name: 'enterprise.headcount',
    subjectType: 'enterprise',
    valueType: 'number',
    labelZh: '参保人数',
    labelEn: 'Insured headcount',
    unitZh: '人',
    unitEn: 'people',
  },
  {
    name: 'enterprise.verified',
    subjectType: 'enterprise',
    valueType: 'boolean',
    labelZh: '已认证',
    labelEn: 'Verified',
  },
  {
    name: 'person.startDate',
    subjectType: 'person',
    valueType: 'date',
    labelZh: '开业日期',
    labelEn: 'Start date',
  },
  {
    name: 'person.keyGroups',
    subjectType: 'person',
    valueType: 'string[]',
    labelZh: '重点群体',
    labelEn: 'Key groups',
  },
];

const SIZES: Record<string, string> = { micro: '微型', small: '小型', medium: '中型', large: '大型' };

function ctx(locale: 'zh-CN' | 'en-US' = 'zh-CN'): RuleWordsContext {
  return {
    locale,
    facts: new Map(FACTS.map((f) => [f.name, f])),
    valueLabel: (fact, v) => (fact === 'enterprise.size' ? (SIZES[v] ?? v) : v),
    formLabels: new Map([['contributionsFen', '单位缴费']]),
  };
}

const SME: PolicyRule = {
  all: [
    { fact: 'enterprise.size', op: 'in', value: ['micro', 'small', 'medium'] },
    { fact: 'enterprise.verified', op: 'eq', value: true },
    {
      any: [
        { fact: 'enterprise.headcount', op: 'gte', value: 10 },
        { not: { fact: 'person.keyGroups', op: 'exists' } },
      ],
    },
  ],
};

describe('rule words', () => {
  it('reads a top-level all as a checklist, with nested groups and coded values named', () => {
    const lines = ruleChecklist(SME, ctx());
    expect(lines.map((l) => l.text)).toEqual([
      '企业规模属于 微型、小型、中型',
      '已认证：是',
      '满足以下任一条件',
    ]);
    expect(lines.map((l) => l.path)).toEqual(['all.0', 'all.1', 'all.2']);
    expect(lines[2]?.children.map((l) => l.text)).toEqual(['参保人数不少于 10人', '不属于以下情形']);
    expect(lines[2]?.children[1]?.children[0]?.text).toBe('已登记重点群体');
  });

  it('speaks English too, dates as before/after and windows in days', () => {
    const rule: PolicyRule = {
      all: [
        { fact: 'person.startDate', op: 'lte', value: '2020-06-30' },
        { fact: 'person.startDate', op: 'within_days', value: 1095 },
        { fact: 'enterprise.headcount', op: 'between', value: [5, 50] },
        { fact: 'person.keyGroups', op: 'in', value: ['migrant_worker'] },
      ],
    };
    expect(describeRule(rule, ctx('en-US')).children.map((l) => l.text)).toEqual([
      'Start date is on or before 2020-06-30',
      'Start date is within the last 1095 days',
      'Insured headcount is between 5 people and 50 people',
      'Key groups includes any of migrant_worker',
    ]);
  });

  it('names the facts a rule reads, once each, in order', () => {
    expect(factsOfRule(SME)).toEqual([
      'enterprise.size',
      'enterprise.verified',
      'enterprise.headcount',
      'person.keyGroups',
    ]);
  });

  it('describes amounts with the tighter of the two caps', () => {
    const money = (fen: number) => `${fen / 100} 元`;
    expect(amountWords(null, null, ctx(), money)).toBe('不涉及资金发放');
    expect(amountWords({ kind: 'fixed', amountFen: 1_000_000 }, null, ctx(), money)).toBe('定额 10000 元');
    expect(
      amountWords(
        { kind: 'percent', basisPoints: 5000, baseFact: 'form.contributionsFen', capFen: 2_000_000 },
        1_000_000,
        ctx(),
        money,
      ),
    ).toBe('单位缴费的 50%，最高 10000 元');
    expect(
      amountWords(
        { kind: 'per_head', perHeadFen: 100_000, headcountFact: 'enterprise.headcount' },
        null,
        ctx('en-US'),
        money,
      ),
    ).toBe('1000 元 per person × Insured headcount');
  });
});

describe('anonymous self-check', () => {
  it('passes when every condition holds and marks each by its path', () => {
    const r = selfCheck(
      SME,
      { 'enterprise.size': 'small', 'enterprise.verified': true, 'enterprise.headcount': 12 },
      '2020-03-01',
    );
    expect(r.eligible).toBe(true);
    expect(r.conditions.find((c) => c.path === 'all.0')?.outcome).toBe('pass');
  });

  it('counts an unknown fact as failed and says it is unknown', () => {
    const r = selfCheck(SME, { 'enterprise.size': 'large', 'enterprise.verified': true }, '2020-03-01');
    expect(r.eligible).toBe(false);
    expect(r.conditions.find((c) => c.path === 'all.0')?.outcome).toBe('fail');
    expect(r.conditions.find((c) => c.path === 'all.2.any.0')?.outcome).toBe('unknown');
  });

  it('judges date windows on the given day', () => {
    const rule: PolicyRule = {
      all: [
        { fact: 'person.startDate', op: 'within_days', value: 1095 },
        { not: { fact: 'person.startDate', op: 'within_days', value: 180 } },
      ],
    };
    expect(selfCheck(rule, { 'person.startDate': '2019-01-01' }, '2020-03-01').eligible).toBe(true);
    const recent = selfCheck(rule, { 'person.startDate': '2020-02-01' }, '2020-03-01');
    expect(recent.eligible).toBe(false);
    // Under the `not`, a condition that holds is shown as the requirement not met.
    expect(recent.conditions.find((c) => c.path === 'all.1.not')?.outcome).toBe('fail');
    // Unknown stays unknown through a `not`: never eligible on missing data.
    expect(selfCheck(rule, {}, '2020-03-01').eligible).toBe(false);
    expect(selfCheck(rule, { 'person.startDate': '2016-01-01' }, '2020-03-01').eligible).toBe(false);
  });
});
