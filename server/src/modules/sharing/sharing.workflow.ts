import type { SharingAgreementStatus, SharingParty } from '@jiuye/shared';

/**
 * A shared-employment agreement (共享用工协议) between the lender (the enterprise with idle workers,
 * who stays their employer), the borrower (the enterprise short of workers) and each listed worker:
 *
 *   pending ──(both enterprises signed + every one of workerCount workers consented)──► active
 *   active ──start recorded──► active (startedOn) ──end──► ended ──return──► returned
 *   pending ──cancel──► cancelled
 *
 * Who does what: the lender lists its workers, records paper consents of workers without an
 * account, signs as lender and records the return; the borrower signs as borrower and records
 * the start; either records the end; a worker consents (or declines) in the app; staff of either
 * district oversee and may record start, end and return and cancel. Pure: no I/O.
 */

export type AgreementActor = 'lender' | 'borrower' | 'staff' | 'worker';
export type AgreementAction =
  | 'sign'
  | 'list_workers'
  | 'remove_worker'
  | 'paper_consent'
  | 'app_consent'
  | 'start'
  | 'end'
  | 'return'
  | 'cancel';

const RULES: Record<
  AgreementAction,
  { from: readonly SharingAgreementStatus[]; by: readonly AgreementActor[] }
> = {
  sign: { from: ['pending'], by: ['lender', 'borrower'] },
  list_workers: { from: ['pending'], by: ['lender', 'staff'] },
  remove_worker: { from: ['pending'], by: ['lender', 'staff'] },
  paper_consent: { from: ['pending'], by: ['lender'] },
  app_consent: { from: ['pending'], by: ['worker'] },
  start: { from: ['active'], by: ['borrower', 'staff'] },
  end: { from: ['active'], by: ['lender', 'borrower', 'staff'] },
  return: { from: ['ended'], by: ['lender', 'staff'] },
  // Once active, the borrower's shortage has been credited: an agreement in force is ended, not
  // cancelled, so that the record says what happened.
  cancel: { from: ['pending'], by: ['lender', 'borrower', 'staff'] },
};

export type AgreementState = {
  status: SharingAgreementStatus;
  workerCount: number;
  listedCount: number;
  consentedCount: number;
  lenderSigned: boolean;
  borrowerSigned: boolean;
  startsOn: string;
  startedOn: string | null;
  endedOn: string | null;
};

export type Check =
  | { ok: true }
  | { ok: false; code: 'forbidden' }
  | { ok: false; code: 'conflict'; path: string; field: string }
  | { ok: false; code: 'validation'; path: string; field: string };

/**
 * May one of `actors` (the caller may be clerk of both enterprises, or staff) take `action` now?
 * `on` is the day a milestone happened, `today` China's date, `party` the side signing.
 */
export function checkAction(
  a: AgreementState,
  action: AgreementAction,
  actors: readonly AgreementActor[],
  o: { on?: string; today?: string; party?: SharingParty } = {},
): Check {
  const rule = RULES[action];
  const by: AgreementActor[] =
    action === 'sign' && o.party
      ? actors.filter((x) => x === o.party)
      : actors.filter((x) => rule.by.includes(x));
  if (by.length === 0) return { ok: false, code: 'forbidden' };
  if (!rule.from.includes(a.status))
    return { ok: false, code: 'conflict', path: 'status', field: 'invalid_transition' };
  if (action === 'sign') {
    if ((o.party === 'lender' && a.lenderSigned) || (o.party === 'borrower' && a.borrowerSigned))
      return { ok: false, code: 'conflict', path: 'party', field: 'already_signed' };
  }
  if (o.on !== undefined && o.today !== undefined && o.on > o.today)
    return { ok: false, code: 'validation', path: 'on', field: 'date_in_future' };
  if (action === 'start' && a.startedOn !== null)
    return { ok: false, code: 'conflict', path: 'status', field: 'invalid_transition' };
  if (action === 'end') {
    if (a.startedOn === null)
      return { ok: false, code: 'conflict', path: 'status', field: 'invalid_transition' };
    if (o.on !== undefined && o.on < a.startedOn)
      return { ok: false, code: 'validation', path: 'on', field: 'date_order' };
  }
  if (action === 'return' && o.on !== undefined && a.endedOn !== null && o.on < a.endedOn)
    return { ok: false, code: 'validation', path: 'on', field: 'date_order' };
  return { ok: true };
}

/** Both enterprises signed and every one of the agreed workers is listed and consented. */
export function readyToActivate(a: AgreementState): boolean {
  return (
    a.status === 'pending' &&
    a.lenderSigned &&
    a.borrowerSigned &&
    a.listedCount === a.workerCount &&
    a.consentedCount === a.workerCount
  );
}

/** The status a milestone leads to. */
export function statusAfter(
  action: 'start' | 'end' | 'return' | 'cancel',
  from: SharingAgreementStatus,
): SharingAgreementStatus {
  switch (action) {
    case 'start':
      return from;
    case 'end':
      return 'ended';
    case 'return':
      return 'returned';
    case 'cancel':
      return 'cancelled';
  }
}

/** Statuses in which the agreement holds its workers (reserved at the lender, one agreement each). */
export function holdsWorkers(s: SharingAgreementStatus): boolean {
  return s === 'pending' || s === 'active' || s === 'ended';
}
