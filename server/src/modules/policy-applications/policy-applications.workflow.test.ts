import { describe, expect, it } from 'vitest';
import {
  POLICY_APPLICATION_STATUSES,
  POLICY_DECISION_ACTIONS,
  type PolicyApplicationStatus,
} from '@jiuye/shared';
import {
  allowedActions,
  decide,
  type WorkflowAction,
  type WorkflowRole,
  type WorkflowState,
} from './policy-applications.workflow.js';

const ACTIONS: WorkflowAction[] = [...POLICY_DECISION_ACTIONS, 'notice_end', 'objection_upheld', 'mark_paid'];
const ROLES: WorkflowRole[] = ['applicant', 'district', 'bureau', 'system', 'payouts'];

// status → action → "next status by role"; everything not listed is refused.
// prettier-ignore
const TABLE: Record<PolicyApplicationStatus, Partial<Record<WorkflowAction, [PolicyApplicationStatus, WorkflowRole]>>> = {
  draft:           { submit: ['submitted', 'applicant'], withdraw: ['withdrawn', 'applicant'] },
  submitted:       { start_review: ['district_review', 'district'], return: ['returned', 'district'], reject: ['rejected', 'district'], withdraw: ['withdrawn', 'applicant'] },
  district_review: { pass: ['bureau_review', 'district'], return: ['returned', 'district'], reject: ['rejected', 'district'], withdraw: ['withdrawn', 'applicant'] },
  bureau_review:   { approve: ['notice', 'bureau'], return: ['returned', 'bureau'], reject: ['rejected', 'bureau'], withdraw: ['withdrawn', 'applicant'] },
  notice:          { notice_end: ['approved', 'system'], objection_upheld: ['bureau_review', 'system'] },
  approved:        { mark_paid: ['paid', 'payouts'] },
  paid:            {},
  rejected:        {},
  returned:        { resubmit: ['submitted', 'applicant'], withdraw: ['withdrawn', 'applicant'] },
  withdrawn:       {},
};

// Which roles may ever take an action: others get 403 whatever the status.
const EVER: Record<WorkflowAction, WorkflowRole[]> = {
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

function state(status: PolicyApplicationStatus, o: Partial<WorkflowState> = {}): WorkflowState {
  return {
    status,
    approvalsNeeded: 1,
    firstApproverId: null,
    preparedBy: null,
    districtReviewerIds: [],
    ...o,
  };
}

describe('policy application workflow: every state × action × role', () => {
  const cases: [PolicyApplicationStatus, WorkflowAction, WorkflowRole, string][] = [];
  for (const s of POLICY_APPLICATION_STATUSES)
    for (const a of ACTIONS)
      for (const r of ROLES) {
        const step = TABLE[s][a];
        const expected = !EVER[a].includes(r)
          ? 'forbidden'
          : !step
            ? 'invalid_transition'
            : step[1] !== r
              ? 'forbidden'
              : step[0];
        cases.push([s, a, r, expected]);
      }

  it('covers 10 statuses × 11 actions × 5 roles', () => {
    expect(cases).toHaveLength(10 * 11 * 5);
  });

  it.each(cases)('%s + %s by %s → %s', (s, a, r, expected) => {
    const out = decide(state(s), a, { userId: 'u1', roles: new Set([r]) }, 'a reason');
    expect(out.ok ? out.to : out.error).toBe(expected);
  });

  it('lets a city-wide officer (district and bureau roles) take the step of the right level', () => {
    const both = { userId: 'u1', roles: new Set<WorkflowRole>(['district', 'bureau']) };
    expect(decide(state('submitted'), 'return', both, 'x')).toMatchObject({ ok: true, by: 'district' });
    expect(decide(state('bureau_review'), 'return', both, 'x')).toMatchObject({ ok: true, by: 'bureau' });
  });
});

describe('reasons and maker-checker', () => {
  const bureau = (userId: string) => ({ userId, roles: new Set<WorkflowRole>(['bureau']) });

  it('needs a note to return or reject', () => {
    const district = { userId: 'd', roles: new Set<WorkflowRole>(['district']) };
    expect(decide(state('district_review'), 'return', district, '')).toEqual({
      ok: false,
      error: 'note_required',
    });
    expect(decide(state('district_review'), 'reject', district, '   ')).toEqual({
      ok: false,
      error: 'note_required',
    });
    expect(decide(state('district_review'), 'reject', district, undefined)).toEqual({
      ok: false,
      error: 'note_required',
    });
    expect(decide(state('district_review'), 'pass', district, undefined)).toMatchObject({ ok: true });
  });

  it('refuses an approval by whoever prepared or district-reviewed the application', () => {
    expect(decide(state('bureau_review', { preparedBy: 'b1' }), 'approve', bureau('b1'), null)).toEqual({
      ok: false,
      error: 'separation_of_duties',
    });
    expect(
      decide(state('bureau_review', { districtReviewerIds: ['x', 'b1'] }), 'approve', bureau('b1'), null),
    ).toEqual({
      ok: false,
      error: 'separation_of_duties',
    });
    expect(decide(state('bureau_review', { preparedBy: 'b2' }), 'approve', bureau('b1'), null)).toMatchObject(
      {
        ok: true,
        to: 'notice',
        firstApproval: false,
      },
    );
  });

  it('above the threshold: the first approval is recorded, a second distinct approver moves it to notice', () => {
    const s = state('bureau_review', { approvalsNeeded: 2 });
    expect(decide(s, 'approve', bureau('b1'), null)).toEqual({
      ok: true,
      to: 'bureau_review',
      by: 'bureau',
      firstApproval: true,
    });
    const after = { ...s, firstApproverId: 'b1' };
    expect(decide(after, 'approve', bureau('b1'), null)).toEqual({
      ok: false,
      error: 'separation_of_duties',
    });
    expect(decide(after, 'approve', bureau('b2'), null)).toEqual({
      ok: true,
      to: 'notice',
      by: 'bureau',
      firstApproval: false,
    });
    // The maker rule holds for the second approver too.
    expect(decide({ ...after, preparedBy: 'b2' }, 'approve', bureau('b2'), null)).toEqual({
      ok: false,
      error: 'separation_of_duties',
    });
  });

  it('offers the caller only the actions they may take', () => {
    const both = { userId: 'u', roles: new Set<WorkflowRole>(['district', 'bureau']) };
    expect(allowedActions(state('submitted'), both, POLICY_DECISION_ACTIONS)).toEqual([
      'start_review',
      'return',
      'reject',
    ]);
    expect(
      allowedActions(state('bureau_review', { districtReviewerIds: ['u'] }), both, POLICY_DECISION_ACTIONS),
    ).toEqual(['return', 'reject']);
    const applicant = { userId: 'a', roles: new Set<WorkflowRole>(['applicant']) };
    expect(allowedActions(state('returned'), applicant, POLICY_DECISION_ACTIONS)).toEqual([
      'resubmit',
      'withdraw',
    ]);
    expect(allowedActions(state('notice'), applicant, POLICY_DECISION_ACTIONS)).toEqual([]);
  });
});
