import type { PolicyApplicationStatus, PolicyDecisionAction } from '@jiuye/shared';

/**
 * The policy application state machine (pure, no I/O).
 *
 *   draft → submitted → district_review → bureau_review → notice → approved → paid
 *   returned (for correction; resubmit → submitted), rejected, withdrawn
 *
 * Who takes each step:
 * - applicant (the enterprise's clerk, the person): submit, resubmit, withdraw (until approval);
 * - district officer of the subject's district: start_review, pass (→ bureau), return, reject;
 * - city-wide officer: approve (→ notice), return, reject, in bureau_review;
 * - system: notice_end (notice → approved), objection_upheld (notice → bureau_review);
 * - payouts module: mark_paid (approved → paid).
 *
 * Maker-checker (four-eyes): nobody approves an application they prepared or took a district step
 * on; above the policy's threshold the first approval is recorded and a second, different city-wide
 * officer moves it to notice.
 */

export type WorkflowRole = 'applicant' | 'district' | 'bureau' | 'system' | 'payouts';
export type SystemAction = 'notice_end' | 'objection_upheld' | 'mark_paid';
export type WorkflowAction = PolicyDecisionAction | SystemAction;

type Step = { to: PolicyApplicationStatus; by: WorkflowRole };

/** status → action → the next status and the role that takes the step. */
export const TRANSITIONS: Record<PolicyApplicationStatus, Partial<Record<WorkflowAction, Step>>> = {
  draft: {
    submit: { to: 'submitted', by: 'applicant' },
    withdraw: { to: 'withdrawn', by: 'applicant' },
  },
  submitted: {
    start_review: { to: 'district_review', by: 'district' },
    return: { to: 'returned', by: 'district' },
    reject: { to: 'rejected', by: 'district' },
    withdraw: { to: 'withdrawn', by: 'applicant' },
  },
  district_review: {
    pass: { to: 'bureau_review', by: 'district' },
    return: { to: 'returned', by: 'district' },
    reject: { to: 'rejected', by: 'district' },
    withdraw: { to: 'withdrawn', by: 'applicant' },
  },
  bureau_review: {
    approve: { to: 'notice', by: 'bureau' },
    return: { to: 'returned', by: 'bureau' },
    reject: { to: 'rejected', by: 'bureau' },
    withdraw: { to: 'withdrawn', by: 'applicant' },
  },
  notice: {
    notice_end: { to: 'approved', by: 'system' },
    objection_upheld: { to: 'bureau_review', by: 'system' },
  },
  approved: {
    mark_paid: { to: 'paid', by: 'payouts' },
  },
  returned: {
    resubmit: { to: 'submitted', by: 'applicant' },
    withdraw: { to: 'withdrawn', by: 'applicant' },
  },
  paid: {},
  rejected: {},
  withdrawn: {},
};

/** Which roles may ever take an action (whatever the status): anyone else is simply not allowed. */
export const ACTION_ROLES: Record<WorkflowAction, readonly WorkflowRole[]> = {
  submit: ['applicant'],
  resubmit: ['applicant'],
  withdraw: ['applicant'],
  start_review: ['district'],
  pass: ['district'],
  approve: ['bureau'],
  return: ['district', 'bureau'],
  reject: ['district', 'bureau'],
  notice_end: ['system'],
  objection_upheld: ['system'],
  mark_paid: ['payouts'],
};

export const NOTE_REQUIRED: readonly WorkflowAction[] = ['return', 'reject'];

export type WorkflowState = {
  status: PolicyApplicationStatus;
  approvalsNeeded: number;
  firstApproverId: string | null;
  preparedBy: string | null;
  districtReviewerIds: readonly string[];
};

export type WorkflowActor = { userId: string | null; roles: ReadonlySet<WorkflowRole> };

export type DecisionOutcome =
  | {
      ok: true;
      to: PolicyApplicationStatus;
      by: WorkflowRole;
      /** approve below the second signature: recorded, the status stays bureau_review. */
      firstApproval: boolean;
    }
  | {
      ok: false;
      error: 'forbidden' | 'invalid_transition' | 'separation_of_duties' | 'note_required';
    };

/** What happens when `actor` takes `action` on an application in `state` (with `note`). */
export function decide(
  state: WorkflowState,
  action: WorkflowAction,
  actor: WorkflowActor,
  note: string | null | undefined,
): DecisionOutcome {
  // A caller who could never take this action is told so whatever the status (403 before 409).
  if (!ACTION_ROLES[action].some((r) => actor.roles.has(r))) return { ok: false, error: 'forbidden' };
  const step = TRANSITIONS[state.status][action];
  if (!step) return { ok: false, error: 'invalid_transition' };
  if (!actor.roles.has(step.by)) return { ok: false, error: 'forbidden' };
  if (action === 'approve') {
    const me = actor.userId;
    if (me !== null && (me === state.preparedBy || state.districtReviewerIds.includes(me)))
      return { ok: false, error: 'separation_of_duties' };
    if (state.approvalsNeeded >= 2) {
      if (state.firstApproverId === null)
        return { ok: true, to: 'bureau_review', by: step.by, firstApproval: true };
      if (state.firstApproverId === me) return { ok: false, error: 'separation_of_duties' };
    }
  }
  if (NOTE_REQUIRED.includes(action) && (note ?? '').trim() === '')
    return { ok: false, error: 'note_required' };
  return { ok: true, to: step.to, by: step.by, firstApproval: false };
}

/** The decision actions the actor could take now (for the buttons); a note is assumed given. */
export function allowedActions(
  state: WorkflowState,
  actor: WorkflowActor,
  actions: readonly PolicyDecisionAction[],
): PolicyDecisionAction[] {
  return actions.filter((a) => decide(state, a, actor, 'x').ok);
}

/** Statuses from which nothing more happens. */
export const FINAL_STATUSES: readonly PolicyApplicationStatus[] = ['paid', 'rejected', 'withdrawn'];

export const STATUS_LABELS: Record<PolicyApplicationStatus, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'draft' },
  submitted: { zh: '已提交', en: 'submitted' },
  district_review: { zh: '区县审核中', en: 'in district review' },
  bureau_review: { zh: '市局审批中', en: 'in bureau review' },
  notice: { zh: '公示中', en: 'in public notice' },
  approved: { zh: '已批准', en: 'approved' },
  paid: { zh: '已发放', en: 'paid' },
  rejected: { zh: '未通过', en: 'rejected' },
  returned: { zh: '退回补正', en: 'returned for correction' },
  withdrawn: { zh: '已撤回', en: 'withdrawn' },
};
