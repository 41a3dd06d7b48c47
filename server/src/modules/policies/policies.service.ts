import {
  AmountFormulaSchema,
  CreatePolicyBodySchema,
  UpdatePolicyBodySchema,
  PolicyFormFieldSchema,
  PolicyRuleSchema,
  RequiredDocumentSchema,
  type AmountComputation,
  type AmountFormula,
  type EligibilityCheckBody,
  type EligibilityReason,
  type EligibilityResult,
  type FactDefinition,
  type FactValue,
  type ListPoliciesQuery,
  type Policy,
  type PolicyFormField,
  type PolicyKind,
  type PolicyPeriod,
  type PolicyRule,
  type RequiredDocument,
  type SubjectRef,
  type SubjectType,
} from '@jiuye/shared';
import { z } from 'zod';
import type { Executor } from '../../db/database.js';
import { writeAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { offsetOf, pageResult, type Page } from '../../platform/pagination.js';
import {
  enterpriseAccess,
  getEnterpriseSummary,
  isCityWideStaff,
  isStaffInDistrict,
} from '../enterprises/index.js';
import { getPerson, personForUser } from '../persons/index.js';
import { computeAmount, formulaFacts, validateFormula } from './policies.amounts.js';
import { factDefinitions, getFactDefinition, loadFacts } from './policies.facts.js';
import * as repo from './policies.repository.js';
import { evaluateRule, factLookupFor, factsOf, validateRule, type RuleIssue } from './policies.rules.js';

/** Above this many fen an approval needs two city-wide approvers, unless the policy says otherwise. */
export const DEFAULT_DUAL_APPROVAL_THRESHOLD_FEN = 500_000;
export const DUAL_APPROVAL_SETTING = 'policy.dualApprovalThresholdFen';

/** The calendar day in China (UTC+8, no daylight saving). */
export function chinaDate(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** The "one grant per period" key of a date: once, 2020, 2020-Q1, 2020-03. */
export function periodKeyOf(period: PolicyPeriod, date: string): string {
  const y = date.slice(0, 4);
  const m = Number(date.slice(5, 7));
  switch (period) {
    case 'once':
      return 'once';
    case 'year':
      return y;
    case 'quarter':
      return `${y}-Q${Math.ceil(m / 3)}`;
    case 'month':
      return `${y}-${date.slice(5, 7)}`;
  }
}

/** A catalogue version as the server uses it (jsonb columns parsed). */
export type PolicyRecord = {
  id: string;
  code: string;
  version: number;
  isLatest: boolean;
  kind: PolicyKind;
  applicantType: SubjectType;
  nameZh: string;
  nameEn: string;
  summaryZh: string;
  summaryEn: string;
  basisZh: string;
  basisEn: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  eligibility: PolicyRule;
  requiredDocuments: RequiredDocument[];
  formFields: PolicyFormField[];
  amount: AmountFormula | null;
  amountCapFen: number | null;
  period: PolicyPeriod;
  reviewChain: 'district_then_bureau';
  noticeDays: number;
  dualApprovalThresholdFen: number | null;
  createdAt: Date;
};

function toRecord(r: repo.PolicyRow): PolicyRecord {
  return {
    ...r,
    kind: r.kind as PolicyKind,
    applicantType: r.applicantType as SubjectType,
    eligibility: PolicyRuleSchema.parse(r.eligibility),
    requiredDocuments: z.array(RequiredDocumentSchema).parse(r.requiredDocuments),
    formFields: z.array(PolicyFormFieldSchema).parse(r.formFields),
    amount: r.amount === null ? null : AmountFormulaSchema.parse(r.amount),
    period: r.period as PolicyPeriod,
    reviewChain: 'district_then_bureau',
  };
}

export function isInEffect(p: { effectiveFrom: string; effectiveTo: string | null }, date: string): boolean {
  return p.effectiveFrom <= date && (p.effectiveTo === null || p.effectiveTo >= date);
}

export async function defaultThresholdFen(db: Executor): Promise<number> {
  const v = await repo.readSetting(db, DUAL_APPROVAL_SETTING);
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : DEFAULT_DUAL_APPROVAL_THRESHOLD_FEN;
}

/** The two-approver threshold that applies to a policy version. */
export async function thresholdFor(db: Executor, p: PolicyRecord): Promise<number> {
  return p.dualApprovalThresholdFen ?? (await defaultThresholdFen(db));
}

function toPolicy(p: PolicyRecord, today: string, defaultThreshold: number): Policy {
  return {
    id: p.id,
    code: p.code,
    version: p.version,
    kind: p.kind,
    applicantType: p.applicantType,
    nameZh: p.nameZh,
    nameEn: p.nameEn,
    summaryZh: p.summaryZh,
    summaryEn: p.summaryEn,
    basisZh: p.basisZh,
    basisEn: p.basisEn,
    effectiveFrom: p.effectiveFrom,
    effectiveTo: p.effectiveTo,
    eligibility: p.eligibility,
    requiredDocuments: p.requiredDocuments,
    formFields: p.formFields,
    amount: p.amount,
    amountCapFen: p.amountCapFen,
    period: p.period,
    reviewChain: p.reviewChain,
    noticeDays: p.noticeDays,
    dualApprovalThresholdFen: p.dualApprovalThresholdFen,
    effectiveThresholdFen: p.dualApprovalThresholdFen ?? defaultThreshold,
    inEffect: isInEffect(p, today),
    isLatest: p.isLatest,
    createdAt: p.createdAt.toISOString(),
  };
}

// ——— Reading the catalogue ———

/** The current version of a policy, or undefined. */
export async function findPolicy(
  db: Executor,
  code: string,
  version?: number,
): Promise<PolicyRecord | undefined> {
  const r =
    version === undefined ? await repo.findLatest(db, code) : await repo.findVersion(db, code, version);
  return r ? toRecord(r) : undefined;
}

export async function findPolicyById(db: Executor, id: string): Promise<PolicyRecord | undefined> {
  const r = await repo.findById(db, id);
  return r ? toRecord(r) : undefined;
}

export async function listPolicyRecords(
  db: Executor,
  f: { kind?: PolicyKind; applicantType?: SubjectType; effectiveOn?: string } = {},
): Promise<PolicyRecord[]> {
  const out: PolicyRecord[] = [];
  for (let offset = 0; ; offset += 100) {
    const { rows } = await repo.listLatest(db, { ...f, limit: 100, offset });
    out.push(...rows.map(toRecord));
    if (rows.length < 100) return out;
  }
}

export async function listPolicies(ctx: RequestContext, q: ListPoliciesQuery): Promise<Page<Policy>> {
  const { rows, total } = await repo.listLatest(ctx.db, {
    kind: q.kind,
    applicantType: q.applicantType,
    effectiveOn: q.effectiveOn,
    q: q.q,
    ...offsetOf(q),
  });
  const today = chinaDate(ctx.now());
  const threshold = await defaultThresholdFen(ctx.db);
  return pageResult(
    rows.map((r) => toPolicy(toRecord(r), today, threshold)),
    total,
    q,
  );
}

export async function getPolicy(ctx: RequestContext, code: string, version?: number): Promise<Policy> {
  const p = await findPolicy(ctx.db, code, version);
  if (!p) throw new AppError('not_found');
  return toPolicy(p, chinaDate(ctx.now()), await defaultThresholdFen(ctx.db));
}

export async function listPolicyVersions(ctx: RequestContext, code: string): Promise<{ items: Policy[] }> {
  const rows = await repo.listVersions(ctx.db, code);
  if (rows.length === 0) throw new AppError('not_found');
  const today = chinaDate(ctx.now());
  const threshold = await defaultThresholdFen(ctx.db);
  return { items: rows.map((r) => toPolicy(toRecord(r), today, threshold)) };
}

export function listFacts(subjectType?: SubjectType): { items: FactDefinition[] } {
  return { items: factDefinitions(subjectType) };
}

// ——— Editing the catalogue ———

type PolicyInput = z.output<typeof CreatePolicyBodySchema>;
type PolicyFields = Omit<PolicyInput, 'code'>;

/** Everything wrong with a policy's rules and formula, by path (400 validation_failed). */
export function policyIssues(b: PolicyFields): RuleIssue[] {
  const lookup = factLookupFor(b.applicantType, b.formFields, getFactDefinition);
  const issues = [
    ...validateRule(b.eligibility, lookup, b.applicantType),
    ...validateFormula(b.amount, lookup, b.applicantType),
  ];
  const docCodes = new Set<string>();
  b.requiredDocuments.forEach((d, i) => {
    if (docCodes.has(d.code)) issues.push({ path: `requiredDocuments.${i}.code`, code: 'duplicate' });
    docCodes.add(d.code);
  });
  return issues;
}

function requireCatalogueManager(ctx: RequestContext): string {
  // The catalogue is the bureau's: district officers apply it, they do not change it.
  if (!isCityWideStaff(ctx.actor) || !ctx.actor.permissions.has('policy:manage'))
    throw new AppError('forbidden');
  return ctx.actor.userId;
}

function newVersionOf(
  code: string,
  version: number,
  b: PolicyFields,
  by: string | null,
): repo.NewPolicyVersion {
  return {
    code,
    version,
    kind: b.kind,
    applicantType: b.applicantType,
    nameZh: b.nameZh,
    nameEn: b.nameEn,
    summaryZh: b.summaryZh,
    summaryEn: b.summaryEn,
    basisZh: b.basisZh,
    basisEn: b.basisEn,
    effectiveFrom: b.effectiveFrom,
    effectiveTo: b.effectiveTo,
    eligibility: b.eligibility,
    requiredDocuments: b.requiredDocuments,
    formFields: b.formFields,
    amount: b.amount,
    amountCapFen: b.amountCapFen,
    period: b.period,
    reviewChain: b.reviewChain,
    noticeDays: b.noticeDays,
    dualApprovalThresholdFen: b.dualApprovalThresholdFen,
    createdBy: by,
  };
}

function refuseIssues(issues: RuleIssue[]): void {
  if (issues.length > 0) throw new AppError('validation_failed', { fields: issues });
}

export async function createPolicy(ctx: RequestContext, body: PolicyInput): Promise<Policy> {
  const userId = requireCatalogueManager(ctx);
  refuseIssues(policyIssues(body));
  return ctx.db.transaction().execute(async (tx) => {
    if (await repo.codeExists(tx, body.code))
      throw new AppError('already_exists', { fields: [{ path: 'code', code: 'duplicate' }] });
    let row: repo.PolicyRow;
    try {
      row = await repo.insertVersion(tx, newVersionOf(body.code, 1, body, userId));
    } catch (err) {
      if ((err as { code?: unknown }).code === '23505')
        throw new AppError('already_exists', { fields: [{ path: 'code', code: 'duplicate' }], cause: err });
      throw err;
    }
    await writeAudit(tx, ctx, {
      action: 'policy.create',
      entityType: 'policy',
      entityId: row.id,
      summary: { code: body.code, version: 1, kind: body.kind },
    });
    return toPolicy(toRecord(row), chinaDate(ctx.now()), await defaultThresholdFen(tx));
  });
}

/** A new version of the policy: the previous one stays for the applications judged by it. */
export async function updatePolicy(
  ctx: RequestContext,
  code: string,
  body: z.output<typeof UpdatePolicyBodySchema>,
): Promise<Policy> {
  const userId = requireCatalogueManager(ctx);
  const { expectedVersion, ...fields } = body;
  refuseIssues(policyIssues(fields));
  return ctx.db.transaction().execute(async (tx) => {
    const current = await repo.findLatest(tx, code);
    if (!current) throw new AppError('not_found');
    if (current.applicantType !== fields.applicantType)
      throw new AppError('validation_failed', { fields: [{ path: 'applicantType', code: 'invalid_value' }] });
    const stale = () =>
      new AppError('conflict', { fields: [{ path: 'expectedVersion', code: 'stale_version' }] });
    if (current.version !== expectedVersion) throw stale();
    if (!(await repo.retireLatest(tx, code, expectedVersion))) throw stale();
    let row: repo.PolicyRow;
    try {
      row = await repo.insertVersion(tx, newVersionOf(code, expectedVersion + 1, fields, userId));
    } catch (err) {
      if ((err as { code?: unknown }).code === '23505') throw stale();
      throw err;
    }
    await writeAudit(tx, ctx, {
      action: 'policy.update',
      entityType: 'policy',
      entityId: row.id,
      summary: { code, fromVersion: expectedVersion, version: row.version },
    });
    return toPolicy(toRecord(row), chinaDate(ctx.now()), await defaultThresholdFen(tx));
  });
}

// ——— Eligibility ———

export type SubjectInput = { type: SubjectType; id: string };
export type FormValues = Record<string, string | number | boolean>;

/** The subject's name and district, or undefined when it does not exist. */
export async function describeSubject(db: Executor, s: SubjectInput): Promise<SubjectRef | undefined> {
  if (s.type === 'enterprise') {
    const e = await getEnterpriseSummary(db, s.id);
    return e ? { type: 'enterprise', id: e.id, name: e.name, districtCode: e.districtCode } : undefined;
  }
  const p = await getPerson(db, s.id);
  return p ? { type: 'person', id: p.id, name: p.fullName, districtCode: p.householdRegionCode } : undefined;
}

/**
 * Judges one subject against one policy version on `asOf`: the rule with a reason per condition,
 * and the amount by formula. Form fields count as facts `form.<key>`.
 */
export async function evaluatePolicy(
  db: Executor,
  policy: PolicyRecord,
  subject: SubjectRef,
  asOf: string,
  formData: FormValues = {},
): Promise<EligibilityResult> {
  const names = factsOf(policy.eligibility);
  for (const f of formulaFacts(policy.amount)) names.add(f);
  const registered = [...names].filter((n) => !n.startsWith('form.'));
  const facts: Record<string, FactValue> = await loadFacts(db, subject.type, subject.id, registered, asOf);
  for (const field of policy.formFields) {
    const v = formData[field.key];
    facts[`form.${field.key}`] = v === undefined || v === '' ? null : v;
  }
  const lookup = factLookupFor(policy.applicantType, policy.formFields, getFactDefinition);
  const evaluation = evaluateRule(policy.eligibility, { asOf, lookup, facts });
  const reasons: EligibilityReason[] = [...evaluation.reasons];
  let amount: AmountComputation | null = null;
  let amountKnown = true;
  if (policy.amount) {
    amount = computeAmount(policy.amount, policy.amountCapFen, facts);
    if (amount.amountFen === null) {
      amountKnown = false;
      const name = formulaFacts(policy.amount)[0] ?? 'amount';
      const def = lookup(name);
      reasons.push({
        path: 'amount',
        fact: name,
        op: 'exists',
        expected: true,
        actual: null,
        outcome: 'unknown',
        messageZh: `补贴金额需要“${def?.labelZh ?? name}”，目前缺少该项信息`,
        messageEn: `The amount needs “${def?.labelEn ?? name}”, which is missing`,
      });
    }
  }
  const inEffect = isInEffect(policy, asOf);
  return {
    policyCode: policy.code,
    policyVersion: policy.version,
    subject,
    asOf,
    eligible: evaluation.result === true && amountKnown && inEffect,
    inEffect,
    reasons,
    amount,
  };
}

/**
 * For other modules: whether a subject meets a policy's current version on `asOf` (default today,
 * China time), with reasons and the amount. Throws not_found for an unknown policy or subject.
 */
export async function checkEligibility(
  db: Executor,
  policyCode: string,
  subject: SubjectInput,
  asOf?: string,
  formData: FormValues = {},
): Promise<EligibilityResult> {
  const policy = await findPolicy(db, policyCode);
  if (!policy) throw new AppError('not_found');
  if (policy.applicantType !== subject.type)
    throw new AppError('validation_failed', { fields: [{ path: 'subject', code: 'wrong_applicant_type' }] });
  const ref = await describeSubject(db, subject);
  if (!ref) throw new AppError('not_found');
  return evaluatePolicy(db, policy, ref, asOf ?? chinaDate(new Date()), formData);
}

/**
 * Who the caller may check or apply for: an enterprise they are a clerk of (or, for staff, one in
 * their districts), themselves (a seeker), or for staff a person by id. Answers the subject, and
 * whether the caller acts as staff.
 */
export async function resolveSubject(
  ctx: RequestContext,
  policy: PolicyRecord,
  body: { enterpriseId?: string | undefined; personId?: string | undefined },
): Promise<{ subject: SubjectRef; asStaff: boolean }> {
  const actor = ctx.actor;
  if (actor.kind !== 'user') throw new AppError('forbidden');
  const isStaff = actor.role === 'staff' && actor.permissions.has('policy:review');
  if (policy.applicantType === 'enterprise') {
    if (body.personId !== undefined)
      throw new AppError('validation_failed', {
        fields: [{ path: 'personId', code: 'wrong_applicant_type' }],
      });
    if (!body.enterpriseId)
      throw new AppError('validation_failed', { fields: [{ path: 'enterpriseId', code: 'required' }] });
    const access = await enterpriseAccess(ctx, body.enterpriseId);
    if (!access) throw new AppError('not_found');
    const ref: SubjectRef = {
      type: 'enterprise',
      id: access.enterprise.id,
      name: access.enterprise.name,
      districtCode: access.enterprise.districtCode,
    };
    if (access.memberRole !== null && actor.permissions.has('policy:apply'))
      return { subject: ref, asStaff: false };
    if (isStaff && isStaffInDistrict(actor, access.enterprise.districtCode))
      return { subject: ref, asStaff: true };
    throw new AppError('not_found');
  }
  if (body.enterpriseId !== undefined)
    throw new AppError('validation_failed', {
      fields: [{ path: 'enterpriseId', code: 'wrong_applicant_type' }],
    });
  if (isStaff) {
    if (!body.personId)
      throw new AppError('validation_failed', { fields: [{ path: 'personId', code: 'required' }] });
    const p = await getPerson(ctx.db, body.personId);
    if (!p) throw new AppError('not_found');
    return {
      subject: { type: 'person', id: p.id, name: p.fullName, districtCode: p.householdRegionCode },
      asStaff: true,
    };
  }
  if (actor.role !== 'seeker' || !actor.permissions.has('policy:apply'))
    throw new AppError('validation_failed', {
      fields: [{ path: 'policyCode', code: 'wrong_applicant_type' }],
    });
  const me = await personForUser(ctx.db, ctx.deps.keys, actor.userId);
  if (body.personId !== undefined && body.personId !== me.id) throw new AppError('forbidden');
  return {
    subject: { type: 'person', id: me.id, name: me.fullName, districtCode: me.householdRegionCode },
    asStaff: false,
  };
}

/** POST /policies/{code}/eligibility-check: a self-check without applying (staff: for a subject). */
export async function selfCheck(
  ctx: RequestContext,
  code: string,
  body: EligibilityCheckBody,
): Promise<EligibilityResult> {
  const policy = await findPolicy(ctx.db, code);
  if (!policy) throw new AppError('not_found');
  const { subject, asStaff } = await resolveSubject(ctx, policy, body);
  const result = await evaluatePolicy(
    ctx.db,
    policy,
    subject,
    body.asOf ?? chinaDate(ctx.now()),
    body.formData,
  );
  if (asStaff && subject.type === 'person') {
    // A staff member looked at a person's facts (age, household, key groups): audited.
    await writeAudit(ctx.db, ctx, {
      action: 'policy.eligibility_read',
      entityType: 'person',
      entityId: subject.id,
      summary: { policyCode: code, eligible: result.eligible },
    });
  }
  return result;
}
