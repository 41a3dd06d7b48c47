import { z } from 'zod';
import { RegionCodeSchema } from './common.js';

/**
 * Support policies (issue 5): the catalogue with eligibility rules as data, the facts those rules
 * read, applications with their review chain, and the public notice (公示).
 *
 * Stability: other modules (payouts, proactive eligibility, web) build on these shapes; change them
 * only by adding.
 */

const isoDate = z.iso.date().meta({ description: 'YYYY-MM-DD', example: '2020-03-01' });
const isoDateTime = z.iso.datetime({ offset: true });
const fen = z.number().int().min(0).max(100_000_000_000);

// ——— Catalogue ———

/**
 * The kinds of support the bureau runs (domain.md, "Support policies"):
 * 社会保险费减免/缓缴, 创业担保贷款延期还款, 稳岗返还, 融资支持对接, 返乡入乡创业一次性创业资助,
 * 吸纳重点群体就业补贴, 职业培训补贴, 公益性岗位补贴, 包车返岗交通补贴.
 */
export const POLICY_KINDS = [
  'social_insurance_relief',
  'guarantee_loan_deferral',
  'job_stabilisation_refund',
  'financing_referral',
  'startup_subsidy',
  'key_group_hiring_subsidy',
  'training_subsidy',
  'public_welfare_post_subsidy',
  'transport_subsidy',
] as const;
export type PolicyKind = (typeof POLICY_KINDS)[number];

/** Who a policy (and a fact) is about. */
export const SUBJECT_TYPES = ['enterprise', 'person'] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

/** How the "one grant per subject, policy and period" key is formed from the application date (China time). */
export const POLICY_PERIODS = ['once', 'year', 'quarter', 'month'] as const;
export type PolicyPeriod = (typeof POLICY_PERIODS)[number];

/** The review chain: district review, then bureau approval (the only chain so far). */
export const REVIEW_CHAINS = ['district_then_bureau'] as const;

export const POLICY_CODE_RE = /^[A-Za-z0-9][A-Za-z0-9_-]{2,63}$/;
export const PolicyCodeSchema = z
  .string()
  .regex(POLICY_CODE_RE)
  .meta({ description: 'Stable policy code (letters, digits, - and _)', example: 'ZJ2020-SI-RELIEF' });

// ——— Facts and the rule language ———

export const FACT_VALUE_TYPES = ['number', 'string', 'boolean', 'date', 'string[]'] as const;
export type FactValueType = (typeof FACT_VALUE_TYPES)[number];

/** A fact's value as the rules see it: dates are YYYY-MM-DD strings; null = unknown. */
export type FactValue = number | string | boolean | string[] | null;

/** A fact rules may read, from the server's fact registry (GET /api/v1/policy-facts). */
export const FactDefinitionSchema = z
  .object({
    name: z.string().meta({ example: 'enterprise.size' }),
    subjectType: z.enum(SUBJECT_TYPES),
    valueType: z.enum(FACT_VALUE_TYPES),
    labelZh: z.string(),
    labelEn: z.string(),
    unitZh: z.string().optional(),
    unitEn: z.string().optional(),
    allowedValues: z
      .array(z.string())
      .optional()
      .meta({ description: 'For string and string[] facts with a closed set of values' }),
    valueLabels: z
      .record(z.string(), z.object({ zh: z.string(), en: z.string() }))
      .optional()
      .meta({ description: 'How allowed values read, e.g. small → 小型 / small' }),
    descriptionZh: z.string().optional(),
    descriptionEn: z.string().optional(),
  })
  .meta({ id: 'FactDefinition' });
export type FactDefinition = z.infer<typeof FactDefinitionSchema>;

export const RULE_OPS = [
  'eq',
  'ne',
  'lt',
  'lte',
  'gt',
  'gte',
  'in',
  'not_in',
  'between',
  'exists',
  'within_days',
] as const;
export type RuleOp = (typeof RULE_OPS)[number];

/**
 * Which operators a fact's value type admits, and what `value` they take:
 * - eq, ne: one value of the fact's type (dates as YYYY-MM-DD);
 * - lt, lte, gt, gte: a number or a date;
 * - in, not_in: a non-empty list of strings (string facts) or numbers (number facts); for string[]
 *   facts `in` means "has at least one of", `not_in` "has none of";
 * - between: [low, high] inclusive, numbers or dates;
 * - exists: true (the fact is known) or false (it is unknown); value may be left out (= true);
 * - within_days: a whole number N ≥ 0: the date lies in the N days up to the evaluation date.
 */
export const OPS_BY_TYPE: Record<FactValueType, readonly RuleOp[]> = {
  number: ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in', 'not_in', 'between', 'exists'],
  string: ['eq', 'ne', 'in', 'not_in', 'exists'],
  boolean: ['eq', 'ne', 'exists'],
  date: ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'between', 'exists', 'within_days'],
  'string[]': ['in', 'not_in', 'exists'],
};

/** Rules nest at most this deep (the root counts as 1): deeper is refused as `rule_too_deep`. */
export const RULE_MAX_DEPTH = 8;
/** At most this many conditions in one rule tree. */
export const RULE_MAX_NODES = 200;

const RuleValueSchema = z.union([
  z.number(),
  z.string().max(200),
  z.boolean(),
  z.array(z.union([z.string().max(200), z.number()])).max(200),
]);

/**
 * One eligibility rule. Exactly one form:
 * `{ all: Rule[] }` (every one holds; an empty list holds), `{ any: Rule[] }` (at least one; an
 * empty list does not), `{ not: Rule }`, or a condition `{ fact, op, value }`.
 * The shape is checked here; facts, operators and value types are checked against the fact
 * registry when a policy is saved (400 validation_failed naming e.g. `eligibility.all.2.value`).
 */
export type PolicyRule =
  | { all: PolicyRule[] }
  | { any: PolicyRule[] }
  | { not: PolicyRule }
  | { fact: string; op: RuleOp; value?: number | string | boolean | (string | number)[] };

type LooseRule = {
  all?: LooseRule[] | undefined;
  any?: LooseRule[] | undefined;
  not?: LooseRule | undefined;
  fact?: string | undefined;
  op?: RuleOp | undefined;
  value?: number | string | boolean | (string | number)[] | undefined;
};

const LooseRuleSchema: z.ZodType<LooseRule> = z
  .object({
    get all() {
      return z.array(LooseRuleSchema).max(50).optional();
    },
    get any() {
      return z.array(LooseRuleSchema).max(50).optional();
    },
    get not() {
      return LooseRuleSchema.optional();
    },
    fact: z.string().min(1).max(80).optional(),
    op: z.enum(RULE_OPS).optional(),
    value: RuleValueSchema.optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    const forms = [r.all, r.any, r.not, r.fact ?? r.op].filter((x) => x !== undefined).length;
    if (forms !== 1) {
      ctx.addIssue({ code: 'custom', message: 'rule_shape', params: { code: 'rule_shape' } });
      return;
    }
    if (r.fact !== undefined && r.op === undefined)
      ctx.addIssue({ code: 'custom', path: ['op'], message: 'required', params: { code: 'required' } });
    if (r.op !== undefined && r.fact === undefined)
      ctx.addIssue({ code: 'custom', path: ['fact'], message: 'required', params: { code: 'required' } });
    if (r.value !== undefined && r.fact === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: 'rule_shape',
        params: { code: 'rule_shape' },
      });
  })
  .meta({
    id: 'PolicyRule',
    description:
      'Exactly one of: { all: Rule[] } | { any: Rule[] } | { not: Rule } | { fact, op, value }. Ops: eq, ne, lt, lte, gt, gte, in, not_in, between, exists, within_days. Facts: GET /api/v1/policy-facts.',
  });

/** The rule schema (shape only; see PolicyRule). */
export const PolicyRuleSchema = LooseRuleSchema as unknown as z.ZodType<PolicyRule>;

/** The nesting depth of a rule-like JSON value, counted without recursion (safe on hostile input). */
export function ruleDepth(value: unknown): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, d] = stack.pop() as [unknown, number];
    if (typeof v !== 'object' || v === null) continue;
    if (d > max) max = d;
    if (max > 64) return max;
    const o = v as Record<string, unknown>;
    for (const k of ['all', 'any'] as const) {
      const list = o[k];
      if (Array.isArray(list)) for (const c of list) stack.push([c, d + 1]);
    }
    if (o.not !== undefined) stack.push([o.not, d + 1]);
  }
  return max;
}

// ——— Amounts ———

/**
 * How much a policy pays, as data (all in fen):
 * - fixed: a flat sum (e.g. 一次性创业资助 10,000 yuan);
 * - per_head: perHeadFen × the number a fact gives (e.g. key-group hires), capped by capFen;
 * - percent: basisPoints (1/100 of a percent) × a base fact (e.g. contributions paid), capped.
 * A fact may also be `form.<key>`: a number form field the applicant declares and documents prove.
 */
export const AmountFormulaSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('fixed'), amountFen: fen }).strict(),
    z
      .object({
        kind: z.literal('per_head'),
        perHeadFen: fen,
        headcountFact: z.string().min(1).max(80),
        capFen: fen.optional(),
      })
      .strict(),
    z
      .object({
        kind: z.literal('percent'),
        basisPoints: z.number().int().min(1).max(10000).meta({ description: '10000 = 100 %' }),
        baseFact: z.string().min(1).max(80),
        capFen: fen.optional(),
      })
      .strict(),
  ])
  .meta({ id: 'AmountFormula' });
export type AmountFormula = z.infer<typeof AmountFormulaSchema>;

/** How an amount was computed: stored with the application. */
export const AmountComputationSchema = z
  .object({
    formula: AmountFormulaSchema,
    inputs: z.record(z.string(), z.union([z.number(), z.null()])).meta({
      description: 'The fact values the formula read (null = unknown)',
    }),
    uncappedFen: fen.nullable(),
    amountFen: fen.nullable().meta({ description: 'null when an input is unknown' }),
    cappedBy: z.enum(['formula_cap', 'policy_cap']).nullable(),
  })
  .meta({ id: 'AmountComputation' });
export type AmountComputation = z.infer<typeof AmountComputationSchema>;

// ——— Form fields and documents ———

export const FORM_FIELD_TYPES = ['text', 'number', 'date', 'boolean'] as const;

/** A field of a policy's application form (`formData[key]`). */
export const PolicyFormFieldSchema = z
  .object({
    key: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,39}$/),
    labelZh: z.string().trim().min(1).max(60),
    labelEn: z.string().trim().min(1).max(100),
    type: z.enum(FORM_FIELD_TYPES),
    required: z.boolean().default(false),
    min: z.number().optional(),
    max: z.number().optional(),
    maxLength: z.number().int().min(1).max(2000).optional(),
  })
  .strict()
  .meta({ id: 'PolicyFormField' });
export type PolicyFormField = z.infer<typeof PolicyFormFieldSchema>;

/** A document the applicant uploads (PDF/JPG/PNG ≤ 5 MB), e.g. 营业执照, 劳动合同, 社保缴费明细. */
export const RequiredDocumentSchema = z
  .object({
    code: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/),
    nameZh: z.string().trim().min(1).max(60),
    nameEn: z.string().trim().min(1).max(100),
    required: z.boolean().default(true),
  })
  .strict()
  .meta({ id: 'RequiredDocument' });
export type RequiredDocument = z.infer<typeof RequiredDocumentSchema>;

// ——— Policies ———

const policyFields = {
  kind: z.enum(POLICY_KINDS),
  applicantType: z.enum(SUBJECT_TYPES),
  nameZh: z.string().trim().min(2).max(100),
  nameEn: z.string().trim().min(2).max(200),
  summaryZh: z.string().trim().max(2000).default(''),
  summaryEn: z.string().trim().max(4000).default(''),
  basisZh: z
    .string()
    .trim()
    .max(500)
    .default('')
    .meta({ description: 'The document the policy rests on (政策依据)' }),
  basisEn: z.string().trim().max(1000).default(''),
  effectiveFrom: isoDate,
  effectiveTo: isoDate.nullable().default(null).meta({ description: 'Inclusive; null = open-ended' }),
  eligibility: PolicyRuleSchema,
  requiredDocuments: z.array(RequiredDocumentSchema).max(20).default([]),
  formFields: z.array(PolicyFormFieldSchema).max(30).default([]),
  amount: AmountFormulaSchema.nullable()
    .default(null)
    .meta({ description: 'null: no money is paid (deferrals, referrals)' }),
  amountCapFen: fen
    .nullable()
    .default(null)
    .meta({ description: 'Overall cap per subject and period, over the formula’s own cap' }),
  period: z.enum(POLICY_PERIODS).default('once'),
  reviewChain: z.enum(REVIEW_CHAINS).default('district_then_bureau'),
  noticeDays: z.number().int().min(0).max(60).default(5).meta({ description: '公示 period in days' }),
  dualApprovalThresholdFen: fen.nullable().default(null).meta({
    description:
      'Approvals of amounts above this need two distinct city-wide approvers; null = the platform default (app setting policy.dualApprovalThresholdFen, 500,000 fen)',
  }),
};

function checkPolicy(
  b: { effectiveFrom?: string; effectiveTo?: string | null; formFields?: PolicyFormField[] },
  ctx: z.RefinementCtx,
): void {
  if (b.effectiveFrom && b.effectiveTo && b.effectiveTo < b.effectiveFrom) {
    ctx.addIssue({
      code: 'custom',
      path: ['effectiveTo'],
      message: 'date_order',
      params: { code: 'date_order' },
    });
  }
  const seen = new Set<string>();
  (b.formFields ?? []).forEach((f, i) => {
    if (seen.has(f.key))
      ctx.addIssue({
        code: 'custom',
        path: ['formFields', i, 'key'],
        message: 'duplicate',
        params: { code: 'duplicate' },
      });
    seen.add(f.key);
  });
}

/** POST /api/v1/policies: the first version of a policy. */
export const CreatePolicyBodySchema = z
  .object({ code: PolicyCodeSchema, ...policyFields })
  .strict()
  .superRefine(checkPolicy);
export type CreatePolicyBody = z.input<typeof CreatePolicyBodySchema>;

/** PUT /api/v1/policies/{code}: a new version (the whole policy); expectedVersion guards lost updates. */
export const UpdatePolicyBodySchema = z
  .object({
    expectedVersion: z.number().int().min(1).meta({ description: 'The version being edited' }),
    ...policyFields,
  })
  .strict()
  .superRefine(checkPolicy);
export type UpdatePolicyBody = z.input<typeof UpdatePolicyBodySchema>;

export const PolicySchema = z
  .object({
    id: z.uuid().meta({ description: 'Id of this version' }),
    code: z.string(),
    version: z.number().int(),
    kind: z.enum(POLICY_KINDS),
    applicantType: z.enum(SUBJECT_TYPES),
    nameZh: z.string(),
    nameEn: z.string(),
    summaryZh: z.string(),
    summaryEn: z.string(),
    basisZh: z.string(),
    basisEn: z.string(),
    effectiveFrom: z.string(),
    effectiveTo: z.string().nullable(),
    eligibility: PolicyRuleSchema,
    requiredDocuments: z.array(RequiredDocumentSchema),
    formFields: z.array(PolicyFormFieldSchema),
    amount: AmountFormulaSchema.nullable(),
    amountCapFen: z.number().int().nullable(),
    period: z.enum(POLICY_PERIODS),
    reviewChain: z.enum(REVIEW_CHAINS),
    noticeDays: z.number().int(),
    dualApprovalThresholdFen: z.number().int().nullable(),
    effectiveThresholdFen: z
      .number()
      .int()
      .meta({ description: 'The two-approver threshold that applies (policy value or platform default)' }),
    inEffect: z.boolean().meta({ description: 'In effect today (China time)' }),
    isLatest: z.boolean(),
    createdAt: isoDateTime,
  })
  .meta({ id: 'Policy' });
export type Policy = z.infer<typeof PolicySchema>;

export const ListPoliciesQuerySchema = z
  .object({
    kind: z.enum(POLICY_KINDS).optional(),
    applicantType: z.enum(SUBJECT_TYPES).optional(),
    effectiveOn: isoDate.optional().meta({ description: 'Only policies in effect on this date' }),
    q: z.string().trim().max(60).optional(),
    page: z.coerce.number().int().min(1).max(100000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
export type ListPoliciesQuery = z.infer<typeof ListPoliciesQuerySchema>;

export const PolicyCodeParamsSchema = z.object({ code: PolicyCodeSchema });
export const GetPolicyQuerySchema = z
  .object({ version: z.coerce.number().int().min(1).max(100000).optional() })
  .strict();

// ——— Eligibility ———

export const CONDITION_OUTCOMES = ['pass', 'fail', 'unknown'] as const;

/** One condition of a rule as judged for one subject, with the actual value, in both languages. */
export const EligibilityReasonSchema = z
  .object({
    path: z.string().meta({ description: 'Where in the rule, e.g. `all.2`', example: 'all.0' }),
    fact: z.string(),
    op: z.enum(RULE_OPS),
    expected: z.unknown().meta({ description: 'The rule’s value' }),
    actual: z.unknown().meta({ description: 'The fact’s value for the subject; null = unknown' }),
    outcome: z.enum(CONDITION_OUTCOMES).meta({
      description: 'The condition itself (before any enclosing not/any): unknown counts as failed',
    }),
    messageZh: z.string().meta({ example: '企业规模 小型，要求 属于 微型、小型、中型' }),
    messageEn: z.string(),
  })
  .meta({ id: 'EligibilityReason' });
export type EligibilityReason = z.infer<typeof EligibilityReasonSchema>;

export const SubjectRefSchema = z
  .object({
    type: z.enum(SUBJECT_TYPES),
    id: z.uuid(),
    name: z.string().meta({ description: 'Enterprise name, or the person’s name (masked outside staff)' }),
    districtCode: z.string().nullable(),
  })
  .meta({ id: 'PolicySubject' });
export type SubjectRef = z.infer<typeof SubjectRefSchema>;

export const EligibilityResultSchema = z
  .object({
    policyCode: z.string(),
    policyVersion: z.number().int(),
    subject: SubjectRefSchema,
    asOf: z.string().meta({ description: 'The date judged (YYYY-MM-DD)' }),
    eligible: z.boolean(),
    inEffect: z.boolean().meta({ description: 'The policy is in effect on asOf' }),
    reasons: z.array(EligibilityReasonSchema),
    amount: AmountComputationSchema.nullable(),
  })
  .meta({ id: 'EligibilityResult' });
export type EligibilityResult = z.infer<typeof EligibilityResultSchema>;

const formValue = z.union([z.string().max(2000), z.number(), z.boolean()]);
const FormDataSchema = z
  .record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,39}$/), formValue)
  .meta({ description: 'Values of the policy’s form fields, by key' });

/**
 * Who the check or application is about. Enterprise policies: `enterpriseId` (the caller must be its
 * clerk; staff of its district may prepare). Person policies: the caller themselves, or for staff a
 * `personId`.
 */
const subjectFields = {
  enterpriseId: z.uuid().optional(),
  personId: z.uuid().optional().meta({ description: 'Staff only: the person an application is for' }),
};

export const EligibilityCheckBodySchema = z
  .object({
    ...subjectFields,
    asOf: isoDate.optional().meta({ description: 'Defaults to today (China time)' }),
    formData: FormDataSchema.optional(),
  })
  .strict();
export type EligibilityCheckBody = z.infer<typeof EligibilityCheckBodySchema>;

// ——— Applications ———

export const POLICY_APPLICATION_STATUSES = [
  'draft',
  'submitted',
  'district_review',
  'bureau_review',
  'notice',
  'approved',
  'paid',
  'rejected',
  'returned',
  'withdrawn',
] as const;
export type PolicyApplicationStatus = (typeof POLICY_APPLICATION_STATUSES)[number];

/** Statuses that count towards "one grant per subject, policy and period". */
export const GRANT_COUNTING_STATUSES = [
  'submitted',
  'district_review',
  'bureau_review',
  'notice',
  'approved',
  'paid',
] as const satisfies readonly PolicyApplicationStatus[];

/**
 * Decisions and who takes them:
 * applicant: submit (draft), resubmit (returned), withdraw (before approval);
 * district officer (policy:review, the subject's district): start_review, pass (→ bureau), return, reject;
 * city-wide officer (policy:review + all districts): approve (→ notice; two approvers above the
 * threshold), return, reject. `paid` is set by the payouts module, `approved` when the notice ends.
 */
export const POLICY_DECISION_ACTIONS = [
  'submit',
  'resubmit',
  'withdraw',
  'start_review',
  'pass',
  'return',
  'reject',
  'approve',
] as const;
export type PolicyDecisionAction = (typeof POLICY_DECISION_ACTIONS)[number];

export const DocumentRefSchema = z
  .object({
    fileId: z.uuid().meta({ description: 'From POST /api/v1/policy-documents' }),
    docCode: z
      .string()
      .regex(/^[a-z][a-z0-9_]{1,39}$/)
      .meta({ description: 'A requiredDocuments code' }),
  })
  .strict();

export const CreatePolicyApplicationBodySchema = z
  .object({
    policyCode: PolicyCodeSchema,
    ...subjectFields,
    districtCode: RegionCodeSchema.optional().meta({
      description:
        'Person policies: the handling district (defaults to the household district when in Zhanjiang)',
    }),
    formData: FormDataSchema.default({}),
    documents: z.array(DocumentRefSchema).max(30).default([]),
    submit: z
      .boolean()
      .default(true)
      .meta({ description: 'false saves a draft (no eligibility needed yet)' }),
  })
  .strict();
export type CreatePolicyApplicationBody = z.input<typeof CreatePolicyApplicationBodySchema>;

/** Edit a draft or a returned application (the applicant, or the staff who prepared the draft). */
export const UpdatePolicyApplicationBodySchema = z
  .object({
    formData: FormDataSchema.optional(),
    documents: z.array(DocumentRefSchema).max(30).optional(),
  })
  .strict();
export type UpdatePolicyApplicationBody = z.infer<typeof UpdatePolicyApplicationBodySchema>;

export const DecisionBodySchema = z
  .object({
    action: z.enum(POLICY_DECISION_ACTIONS),
    note: z
      .string()
      .trim()
      .max(1000)
      .optional()
      .meta({ description: 'Required for return and reject: what to correct, or why' }),
  })
  .strict();
export type DecisionBody = z.infer<typeof DecisionBodySchema>;

export const POLICY_EVENT_BY = ['applicant', 'district', 'bureau', 'staff', 'system', 'payouts'] as const;

export const PolicyApplicationEventSchema = z
  .object({
    id: z.number().int(),
    action: z.string().meta({
      description:
        'A decision action, or create, approve_first (one of two approvals), notice_end, objection_upheld, paid',
    }),
    fromStatus: z.enum(POLICY_APPLICATION_STATUSES).nullable(),
    toStatus: z.enum(POLICY_APPLICATION_STATUSES),
    note: z.string().nullable(),
    by: z.enum(POLICY_EVENT_BY),
    actorName: z.string().nullable().meta({ description: 'Staff name, shown to staff only' }),
    at: isoDateTime,
  })
  .meta({ id: 'PolicyApplicationEvent' });

export const PolicyDocumentSchema = z
  .object({
    fileId: z.uuid(),
    docCode: z.string(),
    mediaType: z.string(),
    sizeBytes: z.number().int(),
    originalName: z.string().nullable(),
  })
  .meta({ id: 'PolicyDocument' });

export const OBJECTION_STATUSES = ['open', 'upheld', 'dismissed'] as const;

export const PolicyObjectionSchema = z
  .object({
    id: z.uuid(),
    applicationId: z.uuid(),
    status: z.enum(OBJECTION_STATUSES),
    reason: z.string(),
    resolutionNote: z.string().nullable(),
    createdAt: isoDateTime,
    resolvedAt: isoDateTime.nullable(),
  })
  .meta({ id: 'PolicyObjection' });
export type PolicyObjection = z.infer<typeof PolicyObjectionSchema>;

export const PolicyApplicationSchema = z
  .object({
    id: z.uuid(),
    policyCode: z.string(),
    policyVersion: z.number().int().meta({ description: 'The catalogue version it was judged by' }),
    policyNameZh: z.string(),
    policyNameEn: z.string(),
    kind: z.enum(POLICY_KINDS),
    subject: SubjectRefSchema,
    districtCode: z.string().meta({ description: 'The reviewing district' }),
    status: z.enum(POLICY_APPLICATION_STATUSES),
    periodKey: z.string().meta({ description: 'once, 2020, 2020-Q1 or 2020-03' }),
    formData: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
    documents: z.array(PolicyDocumentSchema),
    amountFen: z.number().int().nullable(),
    amount: AmountComputationSchema.nullable(),
    eligibility: EligibilityResultSchema.nullable().meta({ description: 'The latest pre-check' }),
    preparedByStaff: z.boolean().meta({ description: 'Prepared by an officer; the beneficiary confirms' }),
    approvalsNeeded: z.number().int().min(1).max(2),
    approvalsGiven: z.number().int(),
    lastNote: z.string().nullable().meta({ description: 'The latest return or rejection reason' }),
    noticeStartsAt: isoDateTime.nullable(),
    noticeEndsAt: isoDateTime.nullable(),
    submittedAt: isoDateTime.nullable(),
    approvedAt: isoDateTime.nullable(),
    paidAt: isoDateTime.nullable(),
    payoutId: z.uuid().nullable(),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
    allowedActions: z
      .array(z.enum(POLICY_DECISION_ACTIONS))
      .meta({ description: 'What the caller may do now (drives the buttons)' }),
    events: z.array(PolicyApplicationEventSchema).meta({ description: 'The timeline, oldest first' }),
    objections: z.array(PolicyObjectionSchema).meta({ description: 'Staff only; empty for others' }),
  })
  .meta({ id: 'PolicyApplication' });
export type PolicyApplication = z.infer<typeof PolicyApplicationSchema>;

export const ListPolicyApplicationsQuerySchema = z
  .object({
    status: z.enum(POLICY_APPLICATION_STATUSES).optional(),
    policyCode: PolicyCodeSchema.optional(),
    districtCode: RegionCodeSchema.optional(),
    enterpriseId: z.uuid().optional(),
    mine: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional()
      .meta({ description: 'Staff: only the ones I prepared or decided on' }),
    page: z.coerce.number().int().min(1).max(100000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
export type ListPolicyApplicationsQuery = z.infer<typeof ListPolicyApplicationsQuerySchema>;

export const PolicyApplicationSummarySchema = PolicyApplicationSchema.omit({
  formData: true,
  documents: true,
  eligibility: true,
  events: true,
  objections: true,
  amount: true,
}).meta({ id: 'PolicyApplicationSummary' });
export type PolicyApplicationSummary = z.infer<typeof PolicyApplicationSummarySchema>;

/** Uploaded evidence (POST /api/v1/policy-documents, multipart, one `file` part). */
export const UploadedPolicyDocumentSchema = z
  .object({
    fileId: z.uuid(),
    mediaType: z.enum(['application/pdf', 'image/jpeg', 'image/png']),
    sizeBytes: z.number().int(),
    originalName: z.string().nullable(),
  })
  .meta({ id: 'UploadedPolicyDocument' });

export const DocumentParamsSchema = z.object({ id: z.uuid(), fileId: z.uuid() });

// ——— Public notice (公示) ———

export const PolicyNoticeSchema = z
  .object({
    applicationId: z.uuid(),
    policyCode: z.string(),
    policyNameZh: z.string(),
    policyNameEn: z.string(),
    subjectType: z.enum(SUBJECT_TYPES),
    subjectName: z.string().meta({ description: 'Enterprise name; a person’s name masked (黄*强)' }),
    districtCode: z.string(),
    amountFen: z.number().int().nullable(),
    noticeStartsAt: isoDateTime,
    noticeEndsAt: isoDateTime,
    inNotice: z.boolean().meta({ description: 'The notice window is open now (objections accepted)' }),
  })
  .meta({ id: 'PolicyNotice' });
export type PolicyNotice = z.infer<typeof PolicyNoticeSchema>;

export const ListPolicyNoticesQuerySchema = z
  .object({
    policyCode: PolicyCodeSchema.optional(),
    districtCode: RegionCodeSchema.optional(),
    current: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional()
      .meta({ description: 'true: only notices whose window is open' }),
    page: z.coerce.number().int().min(1).max(100000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
export type ListPolicyNoticesQuery = z.infer<typeof ListPolicyNoticesQuerySchema>;

export const NoticeParamsSchema = z.object({ applicationId: z.uuid() });

export const CreateObjectionBodySchema = z.object({ reason: z.string().trim().min(5).max(1000) }).strict();

export const ListObjectionsQuerySchema = z
  .object({
    status: z.enum(OBJECTION_STATUSES).optional(),
    page: z.coerce.number().int().min(1).max(100000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();

/**
 * Resolve an objection (city-wide officer). Upheld: the application goes back from notice to
 * bureau_review for another look; dismissed: the notice runs on.
 */
export const ResolveObjectionBodySchema = z
  .object({
    outcome: z.enum(['upheld', 'dismissed']),
    note: z.string().trim().min(1).max(1000),
  })
  .strict();
