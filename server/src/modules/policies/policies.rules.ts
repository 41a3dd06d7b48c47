import {
  OPS_BY_TYPE,
  RULE_MAX_DEPTH,
  RULE_MAX_NODES,
  RULE_OPS,
  ruleDepth,
  type EligibilityReason,
  type FactDefinition,
  type FactValue,
  type FactValueType,
  type PolicyFormField,
  type PolicyRule,
  type RuleOp,
  type SubjectType,
} from '@jiuye/shared';

/**
 * The eligibility rule language: validation against the fact registry and evaluation. Pure: no I/O,
 * the caller loads the facts. Evaluation is three-valued (Kleene): a condition on an unknown fact is
 * "unknown"; `all` is false if any part is false, else unknown if any part is unknown; `any` is true
 * if any part is true, else unknown if any is; `not` swaps true and false and keeps unknown. A
 * subject is eligible only when the whole rule is true, so a missing fact never lets anyone through,
 * and not(not r) ≡ r holds.
 */

/** The definition a rule or formula sees for a name: a registered fact or a `form.<key>` field. */
export type FactLookup = (name: string) => FactDefinition | undefined;

export type RuleIssue = { path: string; code: string };

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(v: unknown): v is string {
  if (typeof v !== 'string' || !DATE_RE.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

const FORM_TYPE: Record<PolicyFormField['type'], FactValueType> = {
  text: 'string',
  number: 'number',
  date: 'date',
  boolean: 'boolean',
};

/**
 * Facts a policy's rules may read: the registry's facts about its applicant type, and its own form
 * fields as `form.<key>` (what the applicant declares; documents prove it).
 */
export function factLookupFor(
  applicantType: SubjectType,
  formFields: readonly PolicyFormField[],
  registry: (name: string) => FactDefinition | undefined,
): FactLookup {
  return (name) => {
    if (name.startsWith('form.')) {
      const f = formFields.find((x) => `form.${x.key}` === name);
      if (!f) return undefined;
      return {
        name,
        subjectType: applicantType,
        valueType: FORM_TYPE[f.type],
        labelZh: f.labelZh,
        labelEn: f.labelEn,
      };
    }
    return registry(name);
  };
}

function scalarOk(t: FactValueType, v: unknown): boolean {
  switch (t) {
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'string':
    case 'string[]':
      return typeof v === 'string';
    case 'boolean':
      return typeof v === 'boolean';
    case 'date':
      return isIsoDate(v);
  }
}

function allowedOk(def: FactDefinition, v: unknown): boolean {
  return !def.allowedValues || (typeof v === 'string' && def.allowedValues.includes(v));
}

function compare(a: number | string, b: number | string): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

/** Checks a condition's operator and value against its fact's definition. */
function checkCondition(
  def: FactDefinition,
  op: RuleOp,
  value: unknown,
  path: string,
  issues: RuleIssue[],
): void {
  if (!OPS_BY_TYPE[def.valueType].includes(op)) {
    issues.push({ path: `${path}.op`, code: 'op_not_allowed' });
    return;
  }
  const vp = `${path}.value`;
  const t = def.valueType;
  switch (op) {
    case 'eq':
    case 'ne':
      if (!scalarOk(t, value))
        issues.push({ path: vp, code: value === undefined ? 'required' : 'value_type' });
      else if (!allowedOk(def, value)) issues.push({ path: vp, code: 'invalid_value' });
      return;
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte':
      if (!scalarOk(t, value))
        issues.push({ path: vp, code: value === undefined ? 'required' : 'value_type' });
      return;
    case 'in':
    case 'not_in': {
      if (!Array.isArray(value) || value.length === 0) {
        issues.push({ path: vp, code: value === undefined ? 'required' : 'value_type' });
        return;
      }
      value.forEach((v, i) => {
        if (!scalarOk(t, v)) issues.push({ path: `${vp}.${i}`, code: 'value_type' });
        else if (!allowedOk(def, v)) issues.push({ path: `${vp}.${i}`, code: 'invalid_value' });
      });
      return;
    }
    case 'between': {
      if (!Array.isArray(value) || value.length !== 2) {
        issues.push({ path: vp, code: value === undefined ? 'required' : 'value_type' });
        return;
      }
      const [lo, hi] = value as unknown[];
      if (!scalarOk(t, lo)) issues.push({ path: `${vp}.0`, code: 'value_type' });
      if (!scalarOk(t, hi)) issues.push({ path: `${vp}.1`, code: 'value_type' });
      if (scalarOk(t, lo) && scalarOk(t, hi) && compare(lo as number | string, hi as number | string) > 0)
        issues.push({ path: vp, code: 'invalid_value' });
      return;
    }
    case 'exists':
      if (value !== undefined && typeof value !== 'boolean') issues.push({ path: vp, code: 'value_type' });
      return;
    case 'within_days':
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 36_500)
        issues.push({ path: vp, code: value === undefined ? 'required' : 'value_type' });
      return;
  }
}

/**
 * Every problem of a rule (shape already checked by PolicyRuleSchema, but checked again here so that
 * rules from anywhere are safe): depth, size, unknown facts, facts about another applicant type,
 * operators the fact's type does not admit, values of the wrong type. Paths start at `prefix`.
 */
export function validateRule(
  rule: unknown,
  lookup: FactLookup,
  subjectType: SubjectType,
  prefix = 'eligibility',
): RuleIssue[] {
  const issues: RuleIssue[] = [];
  if (ruleDepth(rule) > RULE_MAX_DEPTH) return [{ path: prefix, code: 'rule_too_deep' }];
  let nodes = 0;
  const walk = (r: unknown, path: string): void => {
    nodes++;
    if (nodes > RULE_MAX_NODES) return;
    if (typeof r !== 'object' || r === null || Array.isArray(r)) {
      issues.push({ path, code: 'rule_shape' });
      return;
    }
    const o = r as Record<string, unknown>;
    const keys = Object.keys(o);
    const forms = ['all', 'any', 'not', 'fact'].filter((k) => o[k] !== undefined);
    if (forms.length !== 1 || keys.some((k) => !['all', 'any', 'not', 'fact', 'op', 'value'].includes(k))) {
      issues.push({ path, code: 'rule_shape' });
      return;
    }
    const form = forms[0];
    if (form === 'all' || form === 'any') {
      const list = o[form];
      if (!Array.isArray(list) || keys.length !== 1) {
        issues.push({ path: `${path}.${form}`, code: 'rule_shape' });
        return;
      }
      list.forEach((c, i) => walk(c, `${path}.${form}.${i}`));
      return;
    }
    if (form === 'not') {
      if (keys.length !== 1) issues.push({ path, code: 'rule_shape' });
      else walk(o.not, `${path}.not`);
      return;
    }
    const fact = o.fact;
    if (typeof fact !== 'string') {
      issues.push({ path: `${path}.fact`, code: 'value_type' });
      return;
    }
    const def = lookup(fact);
    if (!def) {
      issues.push({ path: `${path}.fact`, code: 'unknown_fact' });
      return;
    }
    if (def.subjectType !== subjectType) {
      issues.push({ path: `${path}.fact`, code: 'fact_subject_mismatch' });
      return;
    }
    if (typeof o.op !== 'string' || !(RULE_OPS as readonly string[]).includes(o.op)) {
      issues.push({ path: `${path}.op`, code: o.op === undefined ? 'required' : 'invalid_value' });
      return;
    }
    checkCondition(def, o.op as RuleOp, o.value, path, issues);
  };
  walk(rule, prefix);
  if (nodes > RULE_MAX_NODES) return [{ path: prefix, code: 'rule_too_large' }];
  return issues;
}

// ——— Evaluation ———

export type Truth = true | false | 'unknown';

export type Evaluation = { result: Truth; reasons: EligibilityReason[] };

export type EvalContext = {
  /** The date judged, YYYY-MM-DD (China time). */
  asOf: string;
  lookup: FactLookup;
  facts: Readonly<Record<string, FactValue | undefined>>;
};

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** A leaf condition on a known value. */
function holds(op: RuleOp, actual: Exclude<FactValue, null>, value: unknown, asOf: string): boolean {
  if (Array.isArray(actual)) {
    const list = Array.isArray(value) ? (value as unknown[]) : [];
    const hit = actual.some((a) => list.includes(a));
    if (op === 'in') return hit;
    if (op === 'not_in') return !hit;
    return false;
  }
  switch (op) {
    case 'eq':
      return actual === value;
    case 'ne':
      return actual !== value;
    case 'lt':
      return compare(actual as number | string, value as number | string) < 0;
    case 'lte':
      return compare(actual as number | string, value as number | string) <= 0;
    case 'gt':
      return compare(actual as number | string, value as number | string) > 0;
    case 'gte':
      return compare(actual as number | string, value as number | string) >= 0;
    case 'in':
      return Array.isArray(value) && (value as unknown[]).includes(actual);
    case 'not_in':
      return Array.isArray(value) && !(value as unknown[]).includes(actual);
    case 'between': {
      const [lo, hi] = Array.isArray(value) ? (value as (number | string)[]) : [];
      if (lo === undefined || hi === undefined) return false;
      return compare(actual as number | string, lo) >= 0 && compare(actual as number | string, hi) <= 0;
    }
    case 'exists':
      return value !== false;
    case 'within_days': {
      if (typeof actual !== 'string' || !isIsoDate(actual) || typeof value !== 'number') return false;
      const d = daysBetween(actual, asOf);
      return d >= 0 && d <= value;
    }
  }
}

function show(def: FactDefinition | undefined, v: unknown, lang: 'zh' | 'en'): string {
  if (v === null || v === undefined) return lang === 'zh' ? '未知' : 'unknown';
  if (Array.isArray(v)) {
    if (v.length === 0) return lang === 'zh' ? '无' : 'none';
    return v.map((x) => show(def, x, lang)).join(lang === 'zh' ? '、' : ', ');
  }
  if (typeof v === 'boolean') return lang === 'zh' ? (v ? '是' : '否') : v ? 'yes' : 'no';
  if (typeof v === 'string') {
    const label = def?.valueLabels?.[v];
    if (label) return label[lang];
    return v;
  }
  if (typeof v === 'number') {
    const unit = lang === 'zh' ? def?.unitZh : def?.unitEn;
    const n = Number.isInteger(v) ? String(v) : v.toFixed(2);
    return unit ? (lang === 'zh' ? `${n}${unit}` : `${n} ${unit}`) : n;
  }
  return JSON.stringify(v);
}

const OP_WORDS: Record<RuleOp, { zh: string; en: string }> = {
  eq: { zh: '=', en: '=' },
  ne: { zh: '≠', en: '≠' },
  lt: { zh: '<', en: '<' },
  lte: { zh: '≤', en: '≤' },
  gt: { zh: '>', en: '>' },
  gte: { zh: '≥', en: '≥' },
  in: { zh: '属于', en: 'one of' },
  not_in: { zh: '不属于', en: 'none of' },
  between: { zh: '介于', en: 'between' },
  exists: { zh: '已知', en: 'known' },
  within_days: { zh: '在最近', en: 'within the last' },
};

function requirement(
  def: FactDefinition | undefined,
  op: RuleOp,
  value: unknown,
): { zh: string; en: string } {
  switch (op) {
    case 'exists':
      return value === false ? { zh: '未知', en: 'unknown' } : { zh: '已知', en: 'known' };
    case 'within_days':
      return { zh: `在最近 ${String(value)} 天内`, en: `within the last ${String(value)} days` };
    case 'between': {
      const [lo, hi] = Array.isArray(value) ? (value as unknown[]) : [];
      return {
        zh: `介于 ${show(def, lo, 'zh')} 至 ${show(def, hi, 'zh')}`,
        en: `between ${show(def, lo, 'en')} and ${show(def, hi, 'en')}`,
      };
    }
    case 'in':
    case 'not_in':
      if (def?.valueType === 'string[]') {
        return op === 'in'
          ? { zh: `包含 ${show(def, value, 'zh')} 之一`, en: `includes one of ${show(def, value, 'en')}` }
          : { zh: `不含 ${show(def, value, 'zh')}`, en: `includes none of ${show(def, value, 'en')}` };
      }
      return {
        zh: `${OP_WORDS[op].zh} ${show(def, value, 'zh')}`,
        en: `${OP_WORDS[op].en} ${show(def, value, 'en')}`,
      };
    case 'eq':
    case 'ne':
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte':
      return {
        zh: `${OP_WORDS[op].zh} ${show(def, value, 'zh')}`,
        en: `${OP_WORDS[op].en} ${show(def, value, 'en')}`,
      };
  }
}

/** "员工人数 120，要求 ≤ 300" / "Employees 120; required ≤ 300" (+ a note when unknown). */
export function conditionMessage(
  def: FactDefinition | undefined,
  fact: string,
  op: RuleOp,
  value: unknown,
  actual: FactValue | undefined,
  outcome: 'pass' | 'fail' | 'unknown',
): { zh: string; en: string } {
  const req = requirement(def, op, value);
  const labelZh = def?.labelZh ?? fact;
  const labelEn = def?.labelEn ?? fact;
  const zh = `${labelZh} ${show(def, actual, 'zh')}，要求 ${req.zh}`;
  const en = `${labelEn} ${show(def, actual, 'en')}; required ${req.en}`;
  if (outcome === 'unknown') {
    return {
      zh: `${zh}（缺少该项信息，无法判断，按不符合处理）`,
      en: `${en} (this information is missing, so the condition counts as not met)`,
    };
  }
  return { zh, en };
}

/** Evaluates a (valid) rule for one subject's facts, with a reason per condition. */
export function evaluateRule(rule: PolicyRule, ctx: EvalContext, path = ''): Evaluation {
  const at = (p: string) => (path ? `${path}.${p}` : p);
  if ('all' in rule) {
    const parts = rule.all.map((r, i) => evaluateRule(r, ctx, at(`all.${i}`)));
    const result: Truth = parts.some((p) => p.result === false)
      ? false
      : parts.some((p) => p.result === 'unknown')
        ? 'unknown'
        : true;
    return { result, reasons: parts.flatMap((p) => p.reasons) };
  }
  if ('any' in rule) {
    const parts = rule.any.map((r, i) => evaluateRule(r, ctx, at(`any.${i}`)));
    const result: Truth = parts.some((p) => p.result === true)
      ? true
      : parts.some((p) => p.result === 'unknown')
        ? 'unknown'
        : false;
    return { result, reasons: parts.flatMap((p) => p.reasons) };
  }
  if ('not' in rule) {
    const inner = evaluateRule(rule.not, ctx, at('not'));
    const result: Truth = inner.result === 'unknown' ? 'unknown' : !inner.result;
    return { result, reasons: inner.reasons };
  }
  const def = ctx.lookup(rule.fact);
  const raw = ctx.facts[rule.fact];
  const actual: FactValue = raw === undefined ? null : raw;
  let result: Truth;
  if (rule.op === 'exists') result = (actual !== null) === (rule.value !== false);
  else if (actual === null) result = 'unknown';
  else result = holds(rule.op, actual, rule.value, ctx.asOf);
  const outcome = result === 'unknown' ? 'unknown' : result ? 'pass' : 'fail';
  const msg = conditionMessage(def, rule.fact, rule.op, rule.value, actual, outcome);
  return {
    result,
    reasons: [
      {
        path: path || '(root)',
        fact: rule.fact,
        op: rule.op,
        expected: rule.value ?? null,
        actual,
        outcome,
        messageZh: msg.zh,
        messageEn: msg.en,
      },
    ],
  };
}

/** The fact names a rule reads. */
export function factsOf(rule: PolicyRule, into: Set<string> = new Set()): Set<string> {
  if ('all' in rule) for (const r of rule.all) factsOf(r, into);
  else if ('any' in rule) for (const r of rule.any) factsOf(r, into);
  else if ('not' in rule) factsOf(rule.not, into);
  else into.add(rule.fact);
  return into;
}
