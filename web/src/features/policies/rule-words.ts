import type { AmountFormula, FactDefinition, FactValue, Locale, PolicyRule, RuleOp } from '@jiuye/shared';

/*
 * A policy's eligibility rule and amount formula in plain words, for the catalogue ("企业规模属于
 * 微型、小型、中型"), and a small evaluator for the anonymous self-check. Pure: no React, no i18n
 * instance; the caller passes the fact registry and a labeller for coded values (sizes, districts).
 * The server's own judgement (with its reasons) is what counts; the anonymous check says so.
 */

export type RuleWordsContext = {
  locale: Locale;
  facts: ReadonlyMap<string, FactDefinition>;
  /** The name of a coded value (`enterprise.size` = `small` → 小型); the value itself when unknown. */
  valueLabel: (fact: string, value: string) => string;
  /** Labels of `form.<key>` facts: the policy's own form fields. */
  formLabels?: ReadonlyMap<string, string>;
};

/** A rule as nested lines: a group ("all of", "any of", "none of") or one condition. */
export type RuleLine = { path: string; text: string; children: RuleLine[] };

type Condition = Extract<PolicyRule, { fact: string }>;
type RuleValue = Condition['value'];

const WORDS = {
  'zh-CN': {
    all: '同时满足以下全部条件',
    any: '满足以下任一条件',
    not: '不属于以下情形',
    listSep: '、',
    yes: '是',
    no: '否',
    and: '至',
    noRule: '无资格条件限制',
  },
  'en-US': {
    all: 'All of the following',
    any: 'Any one of the following',
    not: 'None of the following',
    listSep: ', ',
    yes: 'yes',
    no: 'no',
    and: 'and',
    noRule: 'No eligibility conditions',
  },
} as const;

export function factLabel(name: string, ctx: RuleWordsContext): string {
  const def = ctx.facts.get(name);
  if (def) return ctx.locale === 'zh-CN' ? def.labelZh : def.labelEn;
  if (name.startsWith('form.')) return ctx.formLabels?.get(name.slice(5)) ?? name.slice(5);
  return name;
}

function unitOf(name: string, ctx: RuleWordsContext): string {
  const def = ctx.facts.get(name);
  const unit = ctx.locale === 'zh-CN' ? def?.unitZh : def?.unitEn;
  if (!unit) return '';
  return ctx.locale === 'zh-CN' ? unit : ` ${unit}`;
}

function oneValue(fact: string, value: string | number | boolean, ctx: RuleWordsContext): string {
  const w = WORDS[ctx.locale];
  if (typeof value === 'boolean') return value ? w.yes : w.no;
  if (typeof value === 'number') {
    return `${new Intl.NumberFormat(ctx.locale).format(value)}${unitOf(fact, ctx)}`;
  }
  return ctx.valueLabel(fact, value);
}

function valueWords(fact: string, value: RuleValue, ctx: RuleWordsContext): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) return value.map((v) => oneValue(fact, v, ctx)).join(WORDS[ctx.locale].listSep);
  return oneValue(fact, value, ctx);
}

function isDateFact(fact: string, ctx: RuleWordsContext): boolean {
  return ctx.facts.get(fact)?.valueType === 'date';
}

const ZH_OPS: Record<RuleOp, string> = {
  eq: '为',
  ne: '不为',
  lt: '小于',
  lte: '不超过',
  gt: '大于',
  gte: '不少于',
  in: '属于',
  not_in: '不属于',
  between: '在',
  exists: '',
  within_days: '',
};
const EN_OPS: Record<RuleOp, string> = {
  eq: 'is',
  ne: 'is not',
  lt: 'is less than',
  lte: 'is at most',
  gt: 'is more than',
  gte: 'is at least',
  in: 'is one of',
  not_in: 'is none of',
  between: 'is between',
  exists: '',
  within_days: '',
};

/** One condition in words: "企业规模 属于 微型、小型、中型", "Start date is within the last 365 days". */
export function conditionWords(rule: Condition, ctx: RuleWordsContext): string {
  const zh = ctx.locale === 'zh-CN';
  const label = factLabel(rule.fact, ctx);
  const def = ctx.facts.get(rule.fact);
  const date = isDateFact(rule.fact, ctx);
  const { op, value } = rule;
  switch (op) {
    case 'exists': {
      const known = value !== false;
      if (zh) return known ? `已登记${label}` : `未登记${label}`;
      return known ? `${label} is on record` : `${label} is not on record`;
    }
    case 'within_days': {
      const days = typeof value === 'number' ? value : Number(value);
      return zh ? `${label}在最近 ${days} 天内` : `${label} is within the last ${days} days`;
    }
    case 'between': {
      const [low, high] = Array.isArray(value) ? value : [];
      const lo = low === undefined ? '' : oneValue(rule.fact, low, ctx);
      const hi = high === undefined ? '' : oneValue(rule.fact, high, ctx);
      return zh ? `${label}在 ${lo} 至 ${hi} 之间` : `${label} is between ${lo} and ${hi}`;
    }
    case 'eq':
    case 'ne':
      if (def?.valueType === 'boolean' && typeof value === 'boolean') {
        const holds = op === 'eq' ? value : !value;
        if (zh) return `${label}：${holds ? '是' : '否'}`;
        return `${label}: ${holds ? 'yes' : 'no'}`;
      }
      break;
    case 'in':
    case 'not_in':
      if (def?.valueType === 'string[]') {
        const list = valueWords(rule.fact, value, ctx);
        if (zh) return op === 'in' ? `${label}包含 ${list} 中的任一项` : `${label}不包含 ${list}`;
        return op === 'in' ? `${label} includes any of ${list}` : `${label} includes none of ${list}`;
      }
      break;
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte':
      if (date) {
        const d = valueWords(rule.fact, value, ctx);
        const zhDate = { lt: '早于', lte: '不晚于', gt: '晚于', gte: '不早于' }[op];
        const enDate = { lt: 'is before', lte: 'is on or before', gt: 'is after', gte: 'is on or after' }[op];
        return zh ? `${label}${zhDate} ${d}` : `${label} ${enDate} ${d}`;
      }
      break;
  }
  const words = zh ? ZH_OPS[op] : EN_OPS[op];
  return zh
    ? `${label}${words} ${valueWords(rule.fact, value, ctx)}`
    : `${label} ${words} ${valueWords(rule.fact, value, ctx)}`;
}

/**
 * The rule as lines. A top-level `all` is the usual shape ("every one of these"): its conditions
 * become the top lines, so the catalogue reads as a plain checklist.
 */
export function describeRule(rule: PolicyRule, ctx: RuleWordsContext, path = ''): RuleLine {
  const w = WORDS[ctx.locale];
  const at = (suffix: string) => (path ? `${path}.${suffix}` : suffix);
  if ('all' in rule) {
    if (rule.all.length === 0) return { path, text: w.noRule, children: [] };
    return { path, text: w.all, children: rule.all.map((r, i) => describeRule(r, ctx, at(`all.${i}`))) };
  }
  if ('any' in rule) {
    return { path, text: w.any, children: rule.any.map((r, i) => describeRule(r, ctx, at(`any.${i}`))) };
  }
  if ('not' in rule) {
    return { path, text: w.not, children: [describeRule(rule.not, ctx, at('not'))] };
  }
  return { path, text: conditionWords(rule, ctx), children: [] };
}

/** The checklist to show: the conditions of a top-level `all`, or the single line of another rule. */
export function ruleChecklist(rule: PolicyRule, ctx: RuleWordsContext): RuleLine[] {
  const top = describeRule(rule, ctx);
  if ('all' in rule) return top.children;
  return [top];
}

/** The facts a rule reads, in order of first use. */
export function factsOfRule(rule: PolicyRule): string[] {
  const seen = new Set<string>();
  const stack: PolicyRule[] = [rule];
  const out: string[] = [];
  while (stack.length > 0) {
    const r = stack.shift() as PolicyRule;
    if ('all' in r) stack.unshift(...r.all);
    else if ('any' in r) stack.unshift(...r.any);
    else if ('not' in r) stack.unshift(r.not);
    else if (!seen.has(r.fact)) {
      seen.add(r.fact);
      out.push(r.fact);
    }
  }
  return out;
}

// ——— Amounts ———

export type Money = (fen: number) => string;

/** "一次性发放 10,000 元"; "每人 1,000 元 × 吸纳重点群体人数，最高 50,000 元"; "… 的 50%". */
export function amountWords(
  formula: AmountFormula | null,
  capFen: number | null,
  ctx: RuleWordsContext,
  money: Money,
): string {
  const zh = ctx.locale === 'zh-CN';
  if (!formula) return zh ? '不涉及资金发放' : 'No payment (a deferral or a referral)';
  let text: string;
  let cap: number | null = capFen;
  switch (formula.kind) {
    case 'fixed':
      text = zh ? `定额 ${money(formula.amountFen)}` : `A fixed ${money(formula.amountFen)}`;
      break;
    case 'per_head': {
      const label = factLabel(formula.headcountFact, ctx);
      text = zh
        ? `每人 ${money(formula.perHeadFen)} × ${label}`
        : `${money(formula.perHeadFen)} per person × ${label}`;
      cap = minCap(formula.capFen ?? null, cap);
      break;
    }
    case 'percent': {
      const label = factLabel(formula.baseFact, ctx);
      const pct = new Intl.NumberFormat(ctx.locale, { maximumFractionDigits: 2 }).format(
        formula.basisPoints / 100,
      );
      text = zh ? `${label}的 ${pct}%` : `${pct}% of ${label}`;
      cap = minCap(formula.capFen ?? null, cap);
      break;
    }
  }
  if (cap !== null) text += zh ? `，最高 ${money(cap)}` : `, at most ${money(cap)}`;
  return text;
}

function minCap(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}

// ——— Anonymous self-check ———

export type ConditionOutcome = 'pass' | 'fail' | 'unknown';
export type SelfCheckResult = {
  eligible: boolean;
  /** Each condition by its path in the rule (`all.0`), as the server names them. */
  conditions: { path: string; fact: string; outcome: ConditionOutcome }[];
};

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function compare(a: number | string, b: number | string): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

/** One condition for facts the visitor typed in. `today` is YYYY-MM-DD (China time). */
export function judgeCondition(
  rule: Condition,
  actual: FactValue | undefined,
  today: string,
): ConditionOutcome {
  const { op, value } = rule;
  if (op === 'exists') {
    const known = actual !== null && actual !== undefined && actual !== '';
    return known === (value !== false) ? 'pass' : 'fail';
  }
  if (actual === null || actual === undefined || actual === '') return 'unknown';
  const ok = (b: boolean): ConditionOutcome => (b ? 'pass' : 'fail');
  const list = Array.isArray(value) ? value.map(String) : [];
  if (Array.isArray(actual)) {
    if (op === 'in') return ok(actual.some((a) => list.includes(a)));
    if (op === 'not_in') return ok(!actual.some((a) => list.includes(a)));
    return 'unknown';
  }
  switch (op) {
    case 'eq':
      return ok(actual === value);
    case 'ne':
      return ok(actual !== value);
    case 'in':
      return ok(list.includes(String(actual)));
    case 'not_in':
      return ok(!list.includes(String(actual)));
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte': {
      if (typeof actual === 'boolean' || (typeof value !== 'number' && typeof value !== 'string')) {
        return 'unknown';
      }
      const c = compare(actual, value);
      return ok(op === 'lt' ? c < 0 : op === 'lte' ? c <= 0 : op === 'gt' ? c > 0 : c >= 0);
    }
    case 'between': {
      const [lo, hi] = Array.isArray(value) ? value : [];
      if (lo === undefined || hi === undefined || typeof actual === 'boolean') return 'unknown';
      return ok(compare(actual, lo) >= 0 && compare(actual, hi) <= 0);
    }
    case 'within_days': {
      if (typeof actual !== 'string' || typeof value !== 'number') return 'unknown';
      const d = daysBetween(actual, today);
      return ok(d >= 0 && d <= value);
    }
  }
}

/** How many `not`s enclose the condition at this path (`all.2.not` → 1). */
export function negationsAt(path: string): number {
  return path.split('.').filter((s) => s === 'not').length;
}

/**
 * A condition's outcome as the reader should see it: under an odd number of `not`s a condition that
 * holds is a requirement not met ("must not have started within 180 days").
 */
export function effectiveOutcome(path: string, outcome: ConditionOutcome): ConditionOutcome {
  if (outcome === 'unknown' || negationsAt(path) % 2 === 0) return outcome;
  return outcome === 'pass' ? 'fail' : 'pass';
}

type Truth = boolean | 'unknown';

/**
 * The whole rule for typed-in facts, with the server's three-valued logic: an unknown fact makes
 * its condition unknown, `not` keeps unknown unknown, and only a definite yes is eligible.
 * Conditions are reported with their effective outcome (see effectiveOutcome).
 */
export function selfCheck(
  rule: PolicyRule,
  facts: Readonly<Record<string, FactValue | undefined>>,
  today: string,
): SelfCheckResult {
  const conditions: SelfCheckResult['conditions'] = [];
  const walk = (r: PolicyRule, path: string): Truth => {
    const at = (s: string) => (path ? `${path}.${s}` : s);
    if ('all' in r) {
      const parts = r.all.map((c, i) => walk(c, at(`all.${i}`)));
      return parts.includes(false) ? false : parts.includes('unknown') ? 'unknown' : true;
    }
    if ('any' in r) {
      const parts = r.any.map((c, i) => walk(c, at(`any.${i}`)));
      return parts.includes(true) ? true : parts.includes('unknown') ? 'unknown' : false;
    }
    if ('not' in r) {
      const inner = walk(r.not, at('not'));
      return inner === 'unknown' ? 'unknown' : !inner;
    }
    const outcome = judgeCondition(r, facts[r.fact], today);
    conditions.push({ path, fact: r.fact, outcome: effectiveOutcome(path, outcome) });
    return outcome === 'unknown' ? 'unknown' : outcome === 'pass';
  };
  return { eligible: walk(rule, '') === true, conditions };
}
