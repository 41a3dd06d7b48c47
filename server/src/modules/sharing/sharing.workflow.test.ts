import type { SharingAgreementStatus } from '@jiuye/shared';
import { describe, expect, it } from 'vitest';
import {
  checkAction,
  readyToActivate,
  type AgreementAction,
  type AgreementActor,
  type AgreementState,
} from './sharing.workflow.js';

const base: AgreementState = {
  status: 'pending',
  workerCount: 3,
  listedCount: 3,
  consentedCount: 3,
  lenderSigned: true,
  borrowerSigned: true,
  startsOn: '2027-03-02',
  startedOn: null,
  endedOn: null,
};

function outcome(c: ReturnType<typeof checkAction>): string {
  return c.ok ? 'ok' : c.code === 'forbidden' ? 'forbidden' : `${c.code}:${c.field}`;
}

describe('sharing agreement actions', () => {
  const table: [
    SharingAgreementStatus,
    Partial<AgreementState>,
    AgreementAction,
    AgreementActor[],
    string,
  ][] = [
    ['pending', {}, 'list_workers', ['lender'], 'ok'],
    ['pending', {}, 'list_workers', ['staff'], 'ok'],
    ['pending', {}, 'list_workers', ['borrower'], 'forbidden'],
    ['active', {}, 'list_workers', ['lender'], 'conflict:invalid_transition'],
    ['pending', {}, 'paper_consent', ['lender'], 'ok'],
    ['pending', {}, 'paper_consent', ['staff'], 'forbidden'],
    ['pending', {}, 'app_consent', ['worker'], 'ok'],
    ['pending', {}, 'app_consent', ['lender'], 'forbidden'],
    ['active', {}, 'app_consent', ['worker'], 'conflict:invalid_transition'],
    ['active', {}, 'start', ['borrower'], 'ok'],
    ['active', {}, 'start', ['staff'], 'ok'],
    ['active', {}, 'start', ['lender'], 'forbidden'],
    ['active', { startedOn: '2027-03-02' }, 'start', ['borrower'], 'conflict:invalid_transition'],
    ['pending', {}, 'start', ['borrower'], 'conflict:invalid_transition'],
    ['active', {}, 'end', ['lender'], 'conflict:invalid_transition'],
    ['active', { startedOn: '2027-03-02' }, 'end', ['lender'], 'ok'],
    ['active', { startedOn: '2027-03-02' }, 'end', ['worker'], 'forbidden'],
    ['ended', { startedOn: '2027-03-02', endedOn: '2027-04-01' }, 'return', ['lender'], 'ok'],
    ['ended', { startedOn: '2027-03-02', endedOn: '2027-04-01' }, 'return', ['borrower'], 'forbidden'],
    ['active', { startedOn: '2027-03-02' }, 'return', ['lender'], 'conflict:invalid_transition'],
    ['pending', {}, 'cancel', ['borrower'], 'ok'],
    ['pending', {}, 'cancel', ['worker'], 'forbidden'],
    ['active', {}, 'cancel', ['staff'], 'conflict:invalid_transition'],
    ['returned', {}, 'cancel', ['lender'], 'conflict:invalid_transition'],
    ['cancelled', {}, 'sign', ['lender'], 'conflict:invalid_transition'],
  ];
  it.each(table)('%s %o: %s by %o → %s', (status, extra, action, actors, want) => {
    expect(outcome(checkAction({ ...base, status, ...extra }, action, actors))).toBe(want);
  });

  it('signs only for a side the caller is a clerk of, once', () => {
    const fresh = { ...base, lenderSigned: false, borrowerSigned: false };
    expect(outcome(checkAction(fresh, 'sign', ['borrower'], { party: 'borrower' }))).toBe('ok');
    expect(outcome(checkAction(fresh, 'sign', ['borrower'], { party: 'lender' }))).toBe('forbidden');
    expect(outcome(checkAction(fresh, 'sign', ['staff'], { party: 'lender' }))).toBe('forbidden');
    expect(
      outcome(
        checkAction({ ...fresh, lenderSigned: true }, 'sign', ['lender', 'borrower'], { party: 'lender' }),
      ),
    ).toBe('conflict:already_signed');
  });

  it('dates milestones: not in the future, end not before start, return not before end', () => {
    const active = { ...base, status: 'active' as const };
    expect(
      outcome(checkAction(active, 'start', ['borrower'], { on: '2027-03-03', today: '2027-03-02' })),
    ).toBe('validation:date_in_future');
    const started = { ...active, startedOn: '2027-03-02' };
    expect(outcome(checkAction(started, 'end', ['lender'], { on: '2027-03-01', today: '2027-03-05' }))).toBe(
      'validation:date_order',
    );
    const ended = { ...started, status: 'ended' as const, endedOn: '2027-03-04' };
    expect(outcome(checkAction(ended, 'return', ['lender'], { on: '2027-03-03', today: '2027-03-05' }))).toBe(
      'validation:date_order',
    );
  });

  it('activates only with both signatures and every agreed worker listed and consented', () => {
    expect(readyToActivate(base)).toBe(true);
    expect(readyToActivate({ ...base, lenderSigned: false })).toBe(false);
    expect(readyToActivate({ ...base, borrowerSigned: false })).toBe(false);
    expect(readyToActivate({ ...base, consentedCount: 2 })).toBe(false);
    expect(readyToActivate({ ...base, listedCount: 2, consentedCount: 2 })).toBe(false);
    expect(readyToActivate({ ...base, status: 'active' })).toBe(false);
  });
});
