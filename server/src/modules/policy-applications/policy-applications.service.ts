import { createHash } from 'node:crypto';
import {
  AmountComputationSchema,
  CreatePolicyApplicationBodySchema,
  EligibilityResultSchema,
  POLICY_DECISION_ACTIONS,
  type DecisionBody,
  type EligibilityResult,
  type ListPolicyApplicationsQuery,
  type ListPolicyNoticesQuery,
  type PolicyApplication,
  type PolicyApplicationStatus,
  type PolicyApplicationSummary,
  type PolicyNotice,
  type PolicyObjection,
  type UpdatePolicyApplicationBody,
} from '@jiuye/shared';
import { z } from 'zod';
import type { Executor } from '../../db/database.js';
import { writeAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError, fieldError, type FieldIssue } from '../../platform/errors.js';
import { offsetOf, pageResult, type Page } from '../../platform/pagination.js';
import { DOCUMENT_MEDIA_TYPES, sniffMediaType } from '../../platform/uploads.js';
import { createNotification } from '../alerts/index.js';
import {
  CITY_DISTRICT_CODES,
  isCityWideStaff,
  isStaffInDistrict,
  memberEnterpriseIds,
} from '../enterprises/index.js';
import type { Upload } from '../enterprises/index.js';
import { findPersonOfUser, getPerson } from '../persons/index.js';
import {
  chinaDate,
  describeSubject,
  evaluatePolicy,
  findPolicy,
  findPolicyById,
  isInEffect,
  periodKeyOf,
  resolveSubject,
  thresholdFor,
  type FormValues,
  type PolicyRecord,
  type SubjectInput,
} from '../policies/index.js';
import { isBureau, isReviewer, rolesFor, type Caller } from './policy-applications.policy.js';
import * as repo from './policy-applications.repository.js';
import {
  STATUS_LABELS,
  allowedActions,
  decide,
  type WorkflowRole,
  type WorkflowState,
} from './policy-applications.workflow.js';

type UserActor = Extract<RequestContext['actor'], { kind: 'user' }>;

function requireUser(ctx: RequestContext): UserActor {
  if (ctx.actor.kind !== 'user') throw new AppError('forbidden');
  return ctx.actor;
}

const GRANT_INDEX = 'policy_applications_grant_uniq';

function isGrantViolation(err: unknown): boolean {
  const e = err as { code?: unknown; constraint?: unknown };
  return e.code === '23505' && e.constraint === GRANT_INDEX;
}

const REVIEW_STATUSES: readonly string[] = ['submitted', 'district_review', 'bureau_review'];

/** 黄志强 → 黄*强, 李梅 → 李*, 王 → *: the public notice shows people only masked (PIPL). */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

async function callerOf(ctx: RequestContext): Promise<Caller> {
  const actor = requireUser(ctx);
  const applies = actor.permissions.has('policy:apply');
  return {
    userId: actor.userId,
    applies,
    reviews: isReviewer(actor),
    cityWide: isCityWideStaff(actor),
    districtCodes: actor.districtCodes,
    enterpriseIds:
      applies && actor.role === 'employer' ? await memberEnterpriseIds(ctx.db, actor.userId) : [],
    actor,
  };
}

function stateOf(row: repo.ApplicationRow): WorkflowState {
  return {
    status: row.status as PolicyApplicationStatus,
    approvalsNeeded: row.approvalsNeeded,
    firstApproverId: row.firstApproverId,
    preparedBy: row.preparedBy,
    districtReviewerIds: row.districtReviewerIds,
  };
}

function iso(d: Date | null): string | null {
  return d ? d.toISOString() : null;
}

const FormDataOut = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));

function toSummary(
  row: repo.ApplicationRow,
  roles: ReadonlySet<WorkflowRole>,
  userId: string,
): PolicyApplicationSummary {
  return {
    id: row.id,
    policyCode: row.policyCode,
    policyVersion: row.policyVersion,
    policyNameZh: row.policyNameZh,
    policyNameEn: row.policyNameEn,
    kind: row.kind as PolicyApplicationSummary['kind'],
    subject: {
      type: row.subjectType as 'enterprise' | 'person',
      id: (row.enterpriseId ?? row.personId) as string,
      name: row.subjectName,
      districtCode: row.districtCode,
    },
    districtCode: row.districtCode,
    status: row.status as PolicyApplicationStatus,
    periodKey: row.periodKey,
    amountFen: row.amountFen,
    preparedByStaff: row.preparedBy !== null,
    approvalsNeeded: row.approvalsNeeded,
    approvalsGiven: ['notice', 'approved', 'paid'].includes(row.status)
      ? row.approvalsNeeded
      : row.firstApproverId
        ? 1
        : 0,
    lastNote: row.lastNote,
    noticeStartsAt: iso(row.noticeStartsAt),
    noticeEndsAt: iso(row.noticeEndsAt),
    submittedAt: iso(row.submittedAt),
    approvedAt: iso(row.approvedAt),
    paidAt: iso(row.paidAt),
    payoutId: row.payoutId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    allowedActions: allowedActions(stateOf(row), { userId, roles }, POLICY_DECISION_ACTIONS),
  };
}

async function loadOne(
  db: Executor,
  id: string,
  roles: ReadonlySet<WorkflowRole>,
  userId: string,
): Promise<PolicyApplication> {
  const row = await repo.findApplication(db, id);
  if (!row) throw new AppError('not_found');
  const staff = roles.has('district') || roles.has('bureau');
  const [events, docs, objections] = await Promise.all([
    repo.listEvents(db, [id]),
    repo.listDocuments(db, [id]),
    staff ? repo.listObjectionsOf(db, [id]) : Promise.resolve([]),
  ]);
  const form = FormDataOut.safeParse(row.formData);
  const amount = AmountComputationSchema.safeParse(row.amount);
  const elig = EligibilityResultSchema.safeParse(row.eligibility);
  return {
    ...toSummary(row, roles, userId),
    formData: form.success ? form.data : {},
    documents: docs.map((d) => ({
      fileId: d.fileId,
      docCode: d.docCode,
      mediaType: d.mediaType,
      sizeBytes: d.sizeBytes,
      originalName: d.originalName,
    })),
    amount: row.amount !== null && amount.success ? amount.data : null,
    eligibility: row.eligibility !== null && elig.success ? elig.data : null,
    events: events.map((e) => ({
      id: e.id,
      action: e.action,
      fromStatus: e.fromStatus as PolicyApplicationStatus | null,
      toStatus: e.toStatus as PolicyApplicationStatus,
      note: e.note,
      by: e.actorKind as PolicyApplication['events'][number]['by'],
      actorName: staff ? e.actorName : null,
      at: e.at.toISOString(),
    })),
    objections: objections.map(toObjection),
  };
}

function toObjection(o: repo.ObjectionRow): PolicyObjection {
  return {
    id: o.id,
    applicationId: o.applicationId,
    status: o.status as PolicyObjection['status'],
    reason: o.reason,
    resolutionNote: o.resolutionNote,
    createdAt: o.createdAt.toISOString(),
    resolvedAt: iso(o.resolvedAt),
  };
}

// ——— Form data and documents ———

/** Checks form values against the policy's fields; `required` only when the application is submitted. */
export function formIssues(policy: PolicyRecord, data: FormValues, submitting: boolean): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const key of Object.keys(data)) {
    if (!policy.formFields.some((f) => f.key === key))
      issues.push({ path: `formData.${key}`, code: 'unknown_field' });
  }
  for (const f of policy.formFields) {
    const v = data[f.key];
    const path = `formData.${f.key}`;
    if (v === undefined || v === '') {
      if (submitting && f.required) issues.push({ path, code: 'required' });
      continue;
    }
    switch (f.type) {
      case 'number':
        if (typeof v !== 'number' || !Number.isFinite(v)) issues.push({ path, code: 'invalid_type' });
        else if (f.min !== undefined && v < f.min) issues.push({ path, code: 'too_small' });
        else if (f.max !== undefined && v > f.max) issues.push({ path, code: 'too_big' });
        break;
      case 'text':
        if (typeof v !== 'string') issues.push({ path, code: 'invalid_type' });
        else if (v.length > (f.maxLength ?? 2000)) issues.push({ path, code: 'too_big' });
        break;
      case 'date':
        if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v)))
          issues.push({ path, code: 'invalid_format' });
        break;
      case 'boolean':
        if (typeof v !== 'boolean') issues.push({ path, code: 'invalid_type' });
        break;
    }
  }
  return issues;
}

type DocRef = { fileId: string; docCode: string };

/** Documents must be policy documents the caller uploaded (or already attached here), of a listed kind. */
async function checkDocuments(
  db: Executor,
  policy: PolicyRecord,
  docs: readonly DocRef[],
  userId: string,
  alreadyAttached: readonly string[],
): Promise<void> {
  const issues: FieldIssue[] = [];
  const files = await repo.findPolicyFiles(
    db,
    docs.map((d) => d.fileId),
  );
  docs.forEach((d, i) => {
    if (!policy.requiredDocuments.some((r) => r.code === d.docCode))
      issues.push({ path: `documents.${i}.docCode`, code: 'unknown_doc_code' });
    const f = files.find((x) => x.id === d.fileId);
    if (!f || (f.uploadedBy !== userId && !alreadyAttached.includes(d.fileId)))
      issues.push({ path: `documents.${i}.fileId`, code: 'unknown_document' });
  });
  if (issues.length > 0) throw new AppError('validation_failed', { fields: issues });
}

function missingDocuments(policy: PolicyRecord, docs: readonly { docCode: string }[]): FieldIssue[] {
  return policy.requiredDocuments
    .filter((r) => r.required && !docs.some((d) => d.docCode === r.code))
    .map((r) => ({ path: `documents.${r.code}`, code: 'document_required' }));
}

// ——— Submission: the pre-check ———

type Judgement = {
  policy: PolicyRecord;
  result: EligibilityResult;
  amountFen: number | null;
  periodKey: string;
  approvalsNeeded: number;
};

function notEligible(result: EligibilityResult): AppError {
  const failing = result.reasons.filter((r) => r.outcome !== 'pass');
  const fields: FieldIssue[] = failing.map((r) => ({
    path: r.path === 'amount' ? 'amount' : `eligibility.${r.path}`,
    code: r.outcome === 'unknown' ? 'fact_unknown' : 'condition_not_met',
  }));
  // Conditions under a `not` or an `any` may pass and still leave the whole rule unmet.
  const zh = failing.map((r) => r.messageZh).join('；') || '不满足政策条件组合';
  const en = failing.map((r) => r.messageEn).join('; ') || 'The combination of conditions is not met';
  return new AppError('not_eligible', {
    fields,
    detail: { 'zh-CN': `不符合申请条件：${zh}`, 'en-US': `Not eligible: ${en}` },
  });
}

/**
 * The checks a submission must pass, in the order an applicant can act on them: the policy is in
 * effect, the required form fields are there, the rule holds (422 with reasons), the required
 * documents are attached. Judged by the policy's current version.
 */
async function judge(
  db: Executor,
  code: string,
  subject: SubjectInput,
  formData: FormValues,
  docs: readonly { docCode: string }[],
  today: string,
): Promise<Judgement> {
  const policy = await findPolicy(db, code);
  if (!policy) throw new AppError('not_found');
  if (!isInEffect(policy, today)) throw new AppError('policy_not_effective');
  const formProblems = formIssues(policy, formData, true);
  if (formProblems.length > 0) throw new AppError('validation_failed', { fields: formProblems });
  const ref = await describeSubject(db, subject);
  if (!ref) throw new AppError('not_found');
  const result = await evaluatePolicy(db, policy, ref, today, formData);
  if (!result.eligible) throw notEligible(result);
  const docProblems = missingDocuments(policy, docs);
  if (docProblems.length > 0) throw new AppError('validation_failed', { fields: docProblems });
  const amountFen = result.amount?.amountFen ?? null;
  const threshold = await thresholdFor(db, policy);
  return {
    policy,
    result,
    amountFen,
    periodKey: periodKeyOf(policy.period, today),
    approvalsNeeded: amountFen !== null && amountFen > threshold ? 2 : 1,
  };
}

async function ensureNotGranted(
  db: Executor,
  s: { subjectType: string; subjectId: string; policyCode: string; periodKey: string; exceptId?: string },
): Promise<void> {
  if (await repo.findCounting(db, s)) throw new AppError('already_granted');
}

function subjectOf(row: {
  subjectType: string;
  enterpriseId: string | null;
  personId: string | null;
}): SubjectInput {
  return row.subjectType === 'enterprise'
    ? { type: 'enterprise', id: row.enterpriseId as string }
    : { type: 'person', id: row.personId as string };
}

function personDistrict(householdRegionCode: string | null): string | null {
  return householdRegionCode && (CITY_DISTRICT_CODES as readonly string[]).includes(householdRegionCode)
    ? householdRegionCode
    : null;
}

async function notifyApplicant(
  tx: Executor,
  row: repo.ApplicationRow,
  to: PolicyApplicationStatus,
  eventId: number,
  at: Date,
  note: string | null,
): Promise<void> {
  const userId = row.applicantUserId ?? row.personUserId;
  if (!userId) return;
  const label = STATUS_LABELS[to];
  await createNotification(tx, {
    userId,
    kind: 'policy_application_status',
    titleZh: `「${row.policyNameZh}」申请${label.zh}`,
    titleEn: `Your application for "${row.policyNameEn}": ${label.en}`,
    body: { applicationId: row.id, policyCode: row.policyCode, status: to, note },
    link: `/policy-applications/${row.id}`,
    dedupeKey: `policy_application_event:${eventId}`,
    at,
  });
}

// ——— Use cases ———

/**
 * Applies (or saves a draft, or, for staff, prepares one): the caller must be a clerk of the subject
 * enterprise or the person; staff of the subject's district prepare drafts the beneficiary submits.
 * A submission runs the pre-check (422 not_eligible with reasons) and "one grant per subject, policy
 * and period" (409 already_granted, decided by the partial unique index under concurrency).
 */
export async function createApplication(
  ctx: RequestContext,
  body: z.output<typeof CreatePolicyApplicationBodySchema>,
): Promise<PolicyApplication> {
  const actor = requireUser(ctx);
  const policy = await findPolicy(ctx.db, body.policyCode);
  if (!policy)
    throw new AppError('unknown_code', { fields: [{ path: 'policyCode', code: 'invalid_value' }] });
  const { subject, asStaff } = await resolveSubject(ctx, policy, body);
  let districtCode: string;
  let personUserId: string | null = null;
  if (subject.type === 'enterprise') {
    districtCode = subject.districtCode as string;
  } else {
    const person = await getPerson(ctx.db, subject.id);
    personUserId = person?.userId ?? null;
    const d = body.districtCode ?? personDistrict(subject.districtCode);
    if (!d) throw fieldError('districtCode', 'required');
    districtCode = d;
  }
  if (asStaff && !isStaffInDistrict(actor, districtCode))
    throw new AppError('forbidden', { fields: [{ path: 'districtCode', code: 'outside_district' }] });
  const submit = body.submit && !asStaff;
  const formProblems = formIssues(policy, body.formData, false);
  if (formProblems.length > 0) throw new AppError('validation_failed', { fields: formProblems });
  await checkDocuments(ctx.db, policy, body.documents, actor.userId, []);
  const now = ctx.now();
  const today = chinaDate(now);
  const subjectInput: SubjectInput = { type: subject.type, id: subject.id };
  const judged = submit
    ? await judge(ctx.db, policy.code, subjectInput, body.formData, body.documents, today)
    : null;
  try {
    const id = await ctx.db.transaction().execute(async (tx) => {
      const used = judged?.policy ?? policy;
      const periodKey = judged?.periodKey ?? periodKeyOf(policy.period, today);
      if (judged)
        await ensureNotGranted(tx, {
          subjectType: subject.type,
          subjectId: subject.id,
          policyCode: policy.code,
          periodKey,
        });
      const status: PolicyApplicationStatus = submit ? 'submitted' : 'draft';
      const appId = await repo.insertApplication(tx, {
        policyId: used.id,
        policyCode: used.code,
        policyVersion: used.version,
        subjectType: subject.type,
        enterpriseId: subject.type === 'enterprise' ? subject.id : null,
        personId: subject.type === 'person' ? subject.id : null,
        districtCode,
        status,
        periodKey,
        formData: body.formData,
        amountFen: judged?.amountFen ?? null,
        amount: judged?.result.amount ?? null,
        eligibility: judged?.result ?? null,
        applicantUserId: asStaff ? personUserId : actor.userId,
        preparedBy: asStaff ? actor.userId : null,
        approvalsNeeded: judged?.approvalsNeeded ?? 1,
        submittedAt: submit ? now : null,
        at: now,
      });
      await repo.replaceDocuments(tx, appId, body.documents);
      await repo.insertEvent(tx, {
        applicationId: appId,
        action: submit ? 'submit' : asStaff ? 'prepare' : 'create',
        fromStatus: null,
        toStatus: status,
        note: null,
        actorUserId: actor.userId,
        actorKind: asStaff ? 'staff' : 'applicant',
        at: now,
      });
      await writeAudit(tx, ctx, {
        action: submit ? 'policy_application.submit' : 'policy_application.create',
        entityType: 'policy_application',
        entityId: appId,
        summary: {
          policyCode: used.code,
          policyVersion: used.version,
          subjectType: subject.type,
          subjectId: subject.id,
          status,
          periodKey,
          amountFen: judged?.amountFen ?? null,
          preparedByStaff: asStaff,
        },
      });
      return appId;
    });
    const roles = new Set<WorkflowRole>(
      asStaff
        ? rolesFor(await callerOf(ctx), { ...scopeOf(subject.type, subject.id, personUserId, districtCode) })
        : ['applicant'],
    );
    return await loadOne(ctx.db, id, roles, actor.userId);
  } catch (err) {
    if (isGrantViolation(err)) throw new AppError('already_granted', { cause: err });
    throw err;
  }
}

function scopeOf(subjectType: string, subjectId: string, personUserId: string | null, districtCode: string) {
  return {
    subjectType,
    enterpriseId: subjectType === 'enterprise' ? subjectId : null,
    personUserId,
    districtCode,
  };
}

async function visibleRow(
  ctx: RequestContext,
  db: Executor,
  id: string,
  forUpdate: boolean,
): Promise<{ row: repo.ApplicationRow; roles: Set<WorkflowRole>; caller: Caller }> {
  const caller = await callerOf(ctx);
  const row = await repo.findApplication(db, id, { forUpdate });
  if (!row) throw new AppError('not_found');
  const roles = rolesFor(caller, row);
  if (roles.size === 0) throw new AppError('not_found');
  return { row, roles, caller };
}

/** One application with its timeline, documents and reasons (applicant, officers in scope). */
export async function getApplication(ctx: RequestContext, id: string): Promise<PolicyApplication> {
  const { row, roles, caller } = await visibleRow(ctx, ctx.db, id, false);
  if (!roles.has('applicant') && row.subjectType === 'person') {
    // A person's application carries personal data (name, household, key groups): staff reads are audited.
    await writeAudit(ctx.db, ctx, {
      action: 'policy_application.read',
      entityType: 'policy_application',
      entityId: id,
      summary: { personId: row.personId },
    });
  }
  return loadOne(ctx.db, id, roles, caller.userId);
}

/** Corrects a draft or a returned application (the applicant; the officer who prepared a draft). */
export async function updateApplication(
  ctx: RequestContext,
  id: string,
  body: UpdatePolicyApplicationBody,
): Promise<PolicyApplication> {
  const actor = requireUser(ctx);
  return ctx.db.transaction().execute(async (tx) => {
    const { row, roles } = await visibleRow(ctx, tx, id, true);
    const preparer = row.preparedBy === actor.userId && row.status === 'draft';
    if (!roles.has('applicant') && !preparer) throw new AppError('forbidden');
    if (row.status !== 'draft' && row.status !== 'returned')
      throw new AppError('conflict', { fields: [{ path: 'status', code: 'invalid_transition' }] });
    const policy = await findPolicyById(tx, row.policyId);
    if (!policy) throw new AppError('not_found');
    const formData = body.formData ?? FormDataOut.safeParse(row.formData).data ?? {};
    const formProblems = formIssues(policy, formData, false);
    if (formProblems.length > 0) throw new AppError('validation_failed', { fields: formProblems });
    if (body.documents) {
      const attached = (await repo.listDocuments(tx, [id])).map((d) => d.fileId);
      await checkDocuments(tx, policy, body.documents, actor.userId, attached);
      await repo.replaceDocuments(tx, id, body.documents);
    }
    const now = ctx.now();
    const ok = await repo.updateApplication(tx, id, row.status, { formData, updatedAt: now });
    if (!ok) throw new AppError('conflict', { fields: [{ path: 'status', code: 'invalid_transition' }] });
    await writeAudit(tx, ctx, {
      action: 'policy_application.edit',
      entityType: 'policy_application',
      entityId: id,
      summary: {
        status: row.status,
        formFields: Object.keys(formData),
        documents: body.documents?.length ?? null,
      },
    });
    return loadOne(tx, id, roles, actor.userId);
  });
}

function decisionError(
  e: 'forbidden' | 'invalid_transition' | 'separation_of_duties' | 'note_required',
  status: string,
): AppError {
  switch (e) {
    case 'forbidden':
      return new AppError('forbidden');
    case 'separation_of_duties':
      return new AppError('separation_of_duties');
    case 'note_required':
      return fieldError('note', 'required');
    case 'invalid_transition': {
      const label = STATUS_LABELS[status as PolicyApplicationStatus];
      return new AppError('conflict', {
        fields: [{ path: 'action', code: 'invalid_transition' }],
        detail: {
          'zh-CN': `申请当前状态为“${label.zh}”，不能进行此操作`,
          'en-US': `The application is ${label.en}: this action is not possible now`,
        },
      });
    }
  }
}

/** A decision of the review chain (see policy-applications.workflow.ts for who takes which). */
export async function decideApplication(
  ctx: RequestContext,
  id: string,
  body: DecisionBody,
): Promise<PolicyApplication> {
  const actor = requireUser(ctx);
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      const { row, roles } = await visibleRow(ctx, tx, id, true);
      const from = row.status as PolicyApplicationStatus;
      const outcome = decide(stateOf(row), body.action, { userId: actor.userId, roles }, body.note);
      if (!outcome.ok) throw decisionError(outcome.error, from);
      const now = ctx.now();
      const note = body.note?.trim() ? body.note.trim() : null;
      const patch: repo.ApplicationPatch = { status: outcome.to, updatedAt: now };
      let action: string = body.action;
      switch (body.action) {
        case 'submit':
        case 'resubmit': {
          const form = FormDataOut.safeParse(row.formData).data ?? {};
          const docs = await repo.listDocuments(tx, [id]);
          const j = await judge(tx, row.policyCode, subjectOf(row), form, docs, chinaDate(now));
          await ensureNotGranted(tx, {
            subjectType: row.subjectType,
            subjectId: (row.enterpriseId ?? row.personId) as string,
            policyCode: row.policyCode,
            periodKey: j.periodKey,
            exceptId: id,
          });
          Object.assign(patch, {
            policyId: j.policy.id,
            policyVersion: j.policy.version,
            periodKey: j.periodKey,
            amountFen: j.amountFen,
            amount: j.result.amount,
            eligibility: j.result,
            approvalsNeeded: j.approvalsNeeded,
            firstApproverId: null,
            submittedAt: now,
            applicantUserId: actor.userId,
          } satisfies Partial<repo.ApplicationPatch>);
          break;
        }
        case 'start_review':
        case 'pass':
          patch.addDistrictReviewer = actor.userId;
          break;
        case 'approve':
          if (outcome.firstApproval) {
            patch.firstApproverId = actor.userId;
            action = 'approve_first';
          } else {
            const policy = await findPolicyById(tx, row.policyId);
            const days = policy?.noticeDays ?? 5;
            patch.noticeStartsAt = now;
            patch.noticeEndsAt = new Date(now.getTime() + days * 86_400_000);
          }
          break;
        case 'return':
          patch.lastNote = note;
          patch.firstApproverId = null;
          break;
        case 'reject':
          patch.lastNote = note;
          break;
        case 'withdraw':
          break;
      }
      const ok = await repo.updateApplication(tx, id, from, patch);
      if (!ok) throw decisionError('invalid_transition', from);
      const eventId = await repo.insertEvent(tx, {
        applicationId: id,
        action,
        fromStatus: from,
        toStatus: outcome.to,
        note,
        actorUserId: actor.userId,
        actorKind: outcome.by,
        at: now,
      });
      await writeAudit(tx, ctx, {
        action: `policy_application.${action}`,
        entityType: 'policy_application',
        entityId: id,
        summary: {
          from,
          to: outcome.to,
          as: outcome.by,
          policyCode: row.policyCode,
          ...(patch.amountFen !== undefined ? { amountFen: patch.amountFen } : {}),
          ...(note ? { note } : {}),
        },
      });
      if (outcome.by !== 'applicant' && !outcome.firstApproval)
        await notifyApplicant(tx, row, outcome.to, eventId, now, note);
      return loadOne(tx, id, roles, actor.userId);
    });
  } catch (err) {
    if (isGrantViolation(err)) throw new AppError('already_granted', { cause: err });
    throw err;
  }
}

/**
 * Applicants see theirs (the enterprises they are clerks of; their own as a person); district
 * officers their districts' applications; city-wide officers all. `mine` (staff): the ones they
 * prepared or took a step on. Review statuses list oldest submission first (a queue).
 */
export async function listApplications(
  ctx: RequestContext,
  q: ListPolicyApplicationsQuery,
): Promise<Page<PolicyApplicationSummary>> {
  const caller = await callerOf(ctx);
  const actor = caller.actor as UserActor;
  const filter: repo.ListFilter = {
    status: q.status,
    policyCode: q.policyCode,
    queueOrder: q.status !== undefined && REVIEW_STATUSES.includes(q.status),
    ...offsetOf(q),
  };
  if (caller.reviews) {
    if (q.districtCode && !isStaffInDistrict(actor, q.districtCode))
      throw new AppError('forbidden', { fields: [{ path: 'districtCode', code: 'outside_district' }] });
    filter.districtCodes = q.districtCode ? [q.districtCode] : actor.districtCodes;
    if (q.enterpriseId) filter.enterpriseIds = [q.enterpriseId];
    if (q.mine) filter.involvedUserId = caller.userId;
  } else {
    if (q.enterpriseId && !caller.enterpriseIds.includes(q.enterpriseId)) throw new AppError('forbidden');
    const person = actor.role === 'seeker' ? await findPersonOfUser(ctx.db, actor.userId) : undefined;
    filter.applicant = {
      enterpriseIds: q.enterpriseId ? [q.enterpriseId] : caller.enterpriseIds,
      personId: q.enterpriseId ? null : (person?.id ?? null),
      userId: caller.userId,
    };
    if (q.districtCode) filter.districtCodes = [q.districtCode];
  }
  const { rows, total } = await repo.listApplications(ctx.db, filter);
  const people = rows.filter((r) => r.subjectType === 'person');
  if (caller.reviews && people.length > 0) {
    await writeAudit(ctx.db, ctx, {
      action: 'policy_application.list_read',
      entityType: 'policy_application',
      summary: { applications: people.map((r) => r.id), status: q.status ?? null, page: q.page },
    });
  }
  return pageResult(
    rows.map((r) => toSummary(r, rolesFor(caller, r), caller.userId)),
    total,
    q,
  );
}

// ——— Documents ———

export type PolicyMediaType = 'application/pdf' | 'image/jpeg' | 'image/png';

/** The media type by magic bytes, whatever the name or declared type says. */
export function sniffDocumentType(buf: Buffer): PolicyMediaType | null {
  return sniffMediaType(buf, DOCUMENT_MEDIA_TYPES);
}

const EXTENSION: Record<PolicyMediaType, string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
};

export async function uploadDocument(
  ctx: RequestContext,
  upload: Upload,
): Promise<{ fileId: string; mediaType: PolicyMediaType; sizeBytes: number; originalName: string | null }> {
  const actor = requireUser(ctx);
  const mediaType = sniffDocumentType(upload.buffer);
  if (!mediaType)
    throw new AppError('unsupported_media_type', { fields: [{ path: 'file', code: 'file_type' }] });
  const sha256 = createHash('sha256').update(upload.buffer).digest('hex');
  return ctx.db.transaction().execute(async (tx) => {
    const fileId = await repo.insertFile(tx, {
      mediaType,
      sizeBytes: upload.buffer.length,
      sha256,
      originalName: upload.filename,
      content: upload.buffer,
      uploadedBy: actor.userId,
    });
    await writeAudit(tx, ctx, {
      action: 'policy_document.upload',
      entityType: 'file',
      entityId: fileId,
      summary: { mediaType, sizeBytes: upload.buffer.length, sha256 },
    });
    return { fileId, mediaType, sizeBytes: upload.buffer.length, originalName: upload.filename };
  });
}

export async function downloadDocument(
  ctx: RequestContext,
  id: string,
  fileId: string,
): Promise<{ content: Buffer; mediaType: PolicyMediaType; filename: string }> {
  const { roles } = await visibleRow(ctx, ctx.db, id, false);
  const f = await repo.findAttachedFile(ctx.db, id, fileId);
  if (!f) throw new AppError('not_found');
  if (!roles.has('applicant')) {
    await writeAudit(ctx.db, ctx, {
      action: 'policy_document.read',
      entityType: 'policy_application',
      entityId: id,
      summary: { fileId, docCode: f.docCode },
    });
  }
  const mediaType = f.mediaType as PolicyMediaType;
  return {
    content: f.content,
    mediaType,
    filename: `${f.docCode}-${fileId.slice(0, 8)}.${EXTENSION[mediaType]}`,
  };
}

// ——— Public notice and objections ———

export async function listNotices(
  ctx: RequestContext,
  q: ListPolicyNoticesQuery,
): Promise<Page<PolicyNotice>> {
  const now = ctx.now();
  const { rows, total } = await repo.listNotices(ctx.db, {
    policyCode: q.policyCode,
    districtCode: q.districtCode,
    openAt: q.current ? now : undefined,
    ...offsetOf(q),
  });
  return pageResult(
    rows.map((r) => ({
      applicationId: r.applicationId,
      policyCode: r.policyCode,
      policyNameZh: r.policyNameZh,
      policyNameEn: r.policyNameEn,
      subjectType: r.subjectType as 'enterprise' | 'person',
      // Enterprise names are public; people appear masked.
      subjectName: r.subjectType === 'person' ? maskName(r.subjectName) : r.subjectName,
      districtCode: r.districtCode,
      amountFen: r.amountFen,
      noticeStartsAt: r.noticeStartsAt.toISOString(),
      noticeEndsAt: r.noticeEndsAt.toISOString(),
      inNotice: r.status === 'notice' && r.noticeEndsAt.getTime() > now.getTime(),
    })),
    total,
    q,
  );
}

/** Anyone signed in may object while the notice window is open. */
export async function createObjection(
  ctx: RequestContext,
  applicationId: string,
  body: { reason: string },
): Promise<PolicyObjection> {
  const actor = requireUser(ctx);
  return ctx.db.transaction().execute(async (tx) => {
    const row = await repo.findApplication(tx, applicationId, { forUpdate: true });
    if (!row || !['notice', 'approved', 'paid'].includes(row.status)) throw new AppError('not_found');
    const now = ctx.now();
    if (row.status !== 'notice' || !row.noticeEndsAt || row.noticeEndsAt.getTime() <= now.getTime())
      throw new AppError('conflict', { fields: [{ path: 'applicationId', code: 'objection_closed' }] });
    const o = await repo.insertObjection(tx, {
      applicationId,
      raisedBy: actor.userId,
      reason: body.reason,
      at: now,
    });
    await writeAudit(tx, ctx, {
      action: 'policy_objection.create',
      entityType: 'policy_application',
      entityId: applicationId,
      summary: { objectionId: o.id },
    });
    return toObjection(o);
  });
}

export async function listObjections(
  ctx: RequestContext,
  q: { status?: 'open' | 'upheld' | 'dismissed' | undefined; page: number; pageSize: number },
): Promise<Page<PolicyObjection>> {
  const actor = requireUser(ctx);
  if (!isReviewer(actor)) throw new AppError('forbidden');
  const { rows, total } = await repo.listObjections(ctx.db, {
    status: q.status,
    districtCodes: actor.districtCodes,
    ...offsetOf(q),
  });
  return pageResult(rows.map(toObjection), total, q);
}

/**
 * A city-wide officer resolves an objection. Upheld: the application leaves notice for bureau_review
 * (its approvals start again). Dismissed: the notice runs on; when it has ended, the next notice
 * sweep approves it.
 */
export async function resolveObjection(
  ctx: RequestContext,
  objectionId: string,
  body: { outcome: 'upheld' | 'dismissed'; note: string },
): Promise<PolicyObjection> {
  const actor = requireUser(ctx);
  if (!isBureau(actor)) throw new AppError('forbidden');
  return ctx.db.transaction().execute(async (tx) => {
    const o = await repo.findObjection(tx, objectionId, { forUpdate: true });
    if (!o) throw new AppError('not_found');
    const row = await repo.findApplication(tx, o.applicationId, { forUpdate: true });
    if (!row) throw new AppError('not_found');
    if (o.status !== 'open')
      throw new AppError('conflict', { fields: [{ path: 'status', code: 'invalid_transition' }] });
    const now = ctx.now();
    await repo.resolveObjection(tx, objectionId, {
      status: body.outcome,
      note: body.note,
      by: actor.userId,
      at: now,
    });
    if (body.outcome === 'upheld' && row.status === 'notice') {
      const outcome = decide(
        stateOf(row),
        'objection_upheld',
        { userId: null, roles: new Set(['system']) },
        body.note,
      );
      if (outcome.ok) {
        await repo.updateApplication(tx, row.id, 'notice', {
          status: outcome.to,
          firstApproverId: null,
          noticeStartsAt: null,
          noticeEndsAt: null,
          lastNote: body.note,
          updatedAt: now,
        });
        const eventId = await repo.insertEvent(tx, {
          applicationId: row.id,
          action: 'objection_upheld',
          fromStatus: 'notice',
          toStatus: outcome.to,
          note: body.note,
          actorUserId: actor.userId,
          actorKind: 'bureau',
          at: now,
        });
        await notifyApplicant(tx, row, outcome.to, eventId, now, body.note);
      }
    }
    await writeAudit(tx, ctx, {
      action: `policy_objection.${body.outcome}`,
      entityType: 'policy_application',
      entityId: row.id,
      summary: { objectionId, applicationStatus: row.status },
    });
    const updated = await repo.findObjection(tx, objectionId);
    if (!updated) throw new AppError('not_found');
    return toObjection(updated);
  });
}

/**
 * Moves applications whose notice period has ended (and that have no open objection) to approved.
 * Run by a timer; tests call it with their clock. Several instances may run it: rows are claimed
 * with SKIP LOCKED and moved conditionally. Answers how many were approved.
 */
export async function closeDueNotices(db: Executor, now: Date): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await db.transaction().execute(async (tx) => {
      const due = await repo.lockDueNotices(tx, now, 200);
      for (const { id } of due) {
        const row = await repo.findApplication(tx, id);
        if (!row) continue;
        const ok = await repo.updateApplication(tx, id, 'notice', {
          status: 'approved',
          approvedAt: now,
          updatedAt: now,
        });
        if (!ok) continue;
        const eventId = await repo.insertEvent(tx, {
          applicationId: id,
          action: 'notice_end',
          fromStatus: 'notice',
          toStatus: 'approved',
          note: null,
          actorUserId: null,
          actorKind: 'system',
          at: now,
        });
        await writeAudit(tx, null, {
          action: 'policy_application.notice_end',
          entityType: 'policy_application',
          entityId: id,
          summary: { from: 'notice', to: 'approved', amountFen: row.amountFen },
        });
        await notifyApplicant(tx, row, 'approved', eventId, now, null);
      }
      return due.length;
    });
    total += n;
    if (n < 200) return total;
  }
}

// ——— For other modules (index.ts) ———

export type ApplicationForPayout = {
  id: string;
  status: PolicyApplicationStatus;
  policyCode: string;
  policyVersion: number;
  policyNameZh: string;
  policyNameEn: string;
  kind: string;
  subjectType: 'enterprise' | 'person';
  /** The enterprise's or the person's id. */
  subjectId: string;
  enterpriseId: string | null;
  personId: string | null;
  subjectName: string;
  districtCode: string;
  periodKey: string;
  amountFen: number | null;
  approvedAt: Date | null;
  payoutId: string | null;
};

function forPayout(r: repo.ApplicationRow): ApplicationForPayout {
  return {
    id: r.id,
    status: r.status as PolicyApplicationStatus,
    policyCode: r.policyCode,
    policyVersion: r.policyVersion,
    policyNameZh: r.policyNameZh,
    policyNameEn: r.policyNameEn,
    kind: r.kind,
    subjectType: r.subjectType as 'enterprise' | 'person',
    subjectId: (r.enterpriseId ?? r.personId) as string,
    enterpriseId: r.enterpriseId,
    personId: r.personId,
    subjectName: r.subjectName,
    districtCode: r.districtCode,
    periodKey: r.periodKey,
    amountFen: r.amountFen,
    approvedAt: r.approvedAt,
    payoutId: r.payoutId,
  };
}

/** The application locked FOR UPDATE in the caller's transaction (payouts), or undefined. */
export async function getApplicationForPayout(
  tx: Executor,
  id: string,
): Promise<ApplicationForPayout | undefined> {
  const r = await repo.findApplication(tx, id, { forUpdate: true });
  return r ? forPayout(r) : undefined;
}

/** Approved applications with money to pay and no payout yet, oldest approval first. */
export async function listApplicationsForPayout(
  db: Executor,
  f: { policyCode?: string; districtCode?: string; limit?: number } = {},
): Promise<ApplicationForPayout[]> {
  const rows = await repo.listForPayout(db, { ...f, limit: Math.min(f.limit ?? 500, 5000) });
  return rows.map(forPayout);
}

/**
 * approved → paid, with the payout that paid it, in the caller's transaction. Idempotent for the
 * same payout ('already_paid' answered, nothing changes); another payout for a paid application is
 * 409 already_paid; an application not approved (or with nothing to pay) is 409 conflict.
 */
export async function markApplicationPaid(
  tx: Executor,
  applicationId: string,
  payoutId: string,
  opts: { ctx?: RequestContext | null; at?: Date } = {},
): Promise<'paid' | 'already_paid'> {
  const at = opts.at ?? opts.ctx?.now() ?? new Date();
  if (await repo.markPaid(tx, applicationId, payoutId, at)) {
    const row = await repo.findApplication(tx, applicationId);
    const eventId = await repo.insertEvent(tx, {
      applicationId,
      action: 'paid',
      fromStatus: 'approved',
      toStatus: 'paid',
      note: null,
      actorUserId: opts.ctx?.actor.kind === 'user' ? opts.ctx.actor.userId : null,
      actorKind: 'payouts',
      at,
    });
    await writeAudit(tx, opts.ctx ?? null, {
      action: 'policy_application.paid',
      entityType: 'policy_application',
      entityId: applicationId,
      summary: { payoutId, amountFen: row?.amountFen ?? null },
    });
    if (row) await notifyApplicant(tx, row, 'paid', eventId, at, null);
    return 'paid';
  }
  const row = await repo.findApplication(tx, applicationId);
  if (!row) throw new AppError('not_found');
  if (row.status === 'paid') {
    if (row.payoutId === payoutId) return 'already_paid';
    throw new AppError('already_paid');
  }
  throw new AppError('conflict', { fields: [{ path: 'status', code: 'invalid_transition' }] });
}

export type PrepareInput = {
  policyCode: string;
  subject: SubjectInput;
  formData?: FormValues;
  /** Person policies: the handling district (defaults to the household district in Zhanjiang). */
  districtCode?: string | null | undefined;
  note?: string;
};

/**
 * Proactive eligibility (免申即享): an officer of the subject's district prepares a draft for the
 * beneficiary to confirm (submit). The officer is recorded as its maker: they cannot approve it.
 * An open draft an officer already prepared for the same subject, policy and period is returned
 * instead of a second one.
 */
export async function prepareApplication(
  tx: Executor,
  ctx: RequestContext,
  input: PrepareInput,
): Promise<{ id: string; status: 'draft'; created: boolean; eligibility: EligibilityResult }> {
  const actor = requireUser(ctx);
  if (!isReviewer(actor)) throw new AppError('forbidden');
  const policy = await findPolicy(tx, input.policyCode);
  if (!policy) throw new AppError('not_found');
  if (policy.applicantType !== input.subject.type)
    throw new AppError('validation_failed', { fields: [{ path: 'subject', code: 'wrong_applicant_type' }] });
  const ref = await describeSubject(tx, input.subject);
  if (!ref) throw new AppError('not_found');
  let personUserId: string | null = null;
  let districtCode: string | null;
  if (ref.type === 'person') {
    personUserId = (await getPerson(tx, ref.id))?.userId ?? null;
    districtCode = input.districtCode ?? personDistrict(ref.districtCode);
  } else {
    districtCode = ref.districtCode;
  }
  if (!districtCode) throw fieldError('districtCode', 'required');
  if (!isStaffInDistrict(actor, districtCode))
    throw new AppError('forbidden', { fields: [{ path: 'districtCode', code: 'outside_district' }] });
  const formData = input.formData ?? {};
  const formProblems = formIssues(policy, formData, false);
  if (formProblems.length > 0) throw new AppError('validation_failed', { fields: formProblems });
  const now = ctx.now();
  const today = chinaDate(now);
  const eligibility = await evaluatePolicy(tx, policy, ref, today, formData);
  const periodKey = periodKeyOf(policy.period, today);
  const existing = await repo.listApplications(tx, {
    status: 'draft',
    policyCode: policy.code,
    limit: 50,
    offset: 0,
    ...(ref.type === 'enterprise' ? { enterpriseIds: [ref.id] } : { personId: ref.id }),
  });
  const same = existing.rows.find(
    (r) => r.periodKey === periodKey && r.preparedBy !== null && (r.enterpriseId ?? r.personId) === ref.id,
  );
  if (same) return { id: same.id, status: 'draft', created: false, eligibility };
  const id = await repo.insertApplication(tx, {
    policyId: policy.id,
    policyCode: policy.code,
    policyVersion: policy.version,
    subjectType: ref.type,
    enterpriseId: ref.type === 'enterprise' ? ref.id : null,
    personId: ref.type === 'person' ? ref.id : null,
    districtCode,
    status: 'draft',
    periodKey,
    formData,
    amountFen: eligibility.amount?.amountFen ?? null,
    amount: eligibility.amount,
    eligibility,
    applicantUserId: personUserId,
    preparedBy: actor.userId,
    approvalsNeeded: 1,
    submittedAt: null,
    at: now,
  });
  await repo.insertEvent(tx, {
    applicationId: id,
    action: 'prepare',
    fromStatus: null,
    toStatus: 'draft',
    note: input.note ?? null,
    actorUserId: actor.userId,
    actorKind: 'staff',
    at: now,
  });
  await writeAudit(tx, ctx, {
    action: 'policy_application.prepare',
    entityType: 'policy_application',
    entityId: id,
    summary: {
      policyCode: policy.code,
      subjectType: ref.type,
      subjectId: ref.id,
      eligible: eligibility.eligible,
    },
  });
  if (personUserId) {
    await createNotification(tx, {
      userId: personUserId,
      kind: 'policy_application_prepared',
      titleZh: `您可能符合「${policy.nameZh}」，请确认申请`,
      titleEn: `You may qualify for "${policy.nameEn}": please confirm the application`,
      body: { applicationId: id, policyCode: policy.code },
      link: `/policy-applications/${id}`,
      dedupeKey: `policy_application_prepared:${id}`,
      at: now,
    });
  }
  return { id, status: 'draft', created: true, eligibility };
}

/** For proactive eligibility: a counting application (submitted … paid) of the subject for the period. */
export async function findGrant(
  db: Executor,
  policyCode: string,
  subject: SubjectInput,
  periodKey: string,
): Promise<{ id: string; status: PolicyApplicationStatus } | undefined> {
  const r = await repo.findCounting(db, {
    subjectType: subject.type,
    subjectId: subject.id,
    policyCode,
    periodKey,
  });
  return r ? { id: r.id, status: r.status as PolicyApplicationStatus } : undefined;
}
