import type { ResolutionMethod, ShortageStatus, UpdateShortageBody } from '@jiuye/shared';

/**
 * The life of a labour shortage, without I/O:
 *
 *   open ──► in_progress ──► resolved
 *     │  └──────────────────►   ▲
 *     └──► cancelled ◄── in_progress
 *
 * - staff of the district take it up (in_progress) and resolve it, saying how (referral, college,
 *   cross-regional recruitment, shared employment, other) and how many were filled;
 * - the enterprise edits its report and may withdraw it (cancelled) while it is unresolved;
 * - the system (an active sharing agreement) credits the workers it brings and resolves the
 *   shortage as shared_employment when they fill the whole headcount.
 * resolved and cancelled are final.
 */

export type ShortageActor = 'enterprise' | 'staff' | 'system';

export const UNRESOLVED: readonly ShortageStatus[] = ['open', 'in_progress'];

export function isUnresolved(s: ShortageStatus): boolean {
  return UNRESOLVED.includes(s);
}

const TRANSITIONS: Record<ShortageStatus, Partial<Record<ShortageStatus, readonly ShortageActor[]>>> = {
  open: {
    in_progress: ['staff', 'system'],
    resolved: ['staff', 'system'],
    cancelled: ['enterprise', 'staff'],
  },
  in_progress: {
    resolved: ['staff', 'system'],
    cancelled: ['enterprise', 'staff'],
  },
  resolved: {},
  cancelled: {},
};

export type TransitionCheck = { ok: true } | { ok: false; code: 'invalid_transition' | 'forbidden' };

/** May `by` move a shortage from `from` to `to`? `forbidden`: the move exists but not for them. */
export function checkShortageTransition(
  from: ShortageStatus,
  to: ShortageStatus,
  by: ShortageActor,
): TransitionCheck {
  const allowed = TRANSITIONS[from][to];
  if (!allowed) return { ok: false, code: 'invalid_transition' };
  return allowed.includes(by) ? { ok: true } : { ok: false, code: 'forbidden' };
}

/** The fields of a shortage the workflow decides about. */
export type ShortageState = {
  status: ShortageStatus;
  headcount: number;
  headcountFilled: number;
  deadline: string;
  neededUntil: string | null;
  wageMinFen: number;
  wageMaxFen: number;
  resolutionMethod: ResolutionMethod | null;
  resolutionNote: string | null;
  resolvedAt: Date | null;
  cancelledAt: Date | null;
};

export type UpdateOutcome =
  | { ok: true; next: ShortageState; statusChanged: boolean }
  | { ok: false; kind: 'field'; path: string; code: string }
  | { ok: false; kind: 'transition'; code: 'invalid_transition' | 'forbidden' };

const DETAIL_FIELDS = [
  'title',
  'headcount',
  'deadline',
  'neededUntil',
  'wageMinFen',
  'wageMaxFen',
  'wagePeriod',
  'urgency',
  'cause',
  'causeNote',
  'postingIds',
] as const;

/**
 * Applies an edit (PATCH) to a shortage: details while it is unresolved; a status move checked
 * against the table above; resolution fields only with a resolution (staff); the headcount filled
 * never above the headcount, the headcount never below what is filled. `today` is China's date.
 */
export function applyShortageUpdate(
  cur: ShortageState,
  body: UpdateShortageBody,
  by: Exclude<ShortageActor, 'system'>,
  today: string,
  now: Date,
): UpdateOutcome {
  const touchesDetails = DETAIL_FIELDS.some((f) => body[f] !== undefined);
  if (touchesDetails && !isUnresolved(cur.status))
    return { ok: false, kind: 'field', path: 'status', code: 'shortage_closed' };
  if ((body.headcountFilled !== undefined || body.resolutionMethod !== undefined) && by !== 'staff')
    return { ok: false, kind: 'transition', code: 'forbidden' };
  if (body.resolutionMethod !== undefined && body.status !== 'resolved')
    return { ok: false, kind: 'field', path: 'resolutionMethod', code: 'invalid_transition' };
  if (body.headcountFilled !== undefined && !isUnresolved(cur.status) && body.status === undefined)
    return { ok: false, kind: 'field', path: 'status', code: 'shortage_closed' };

  const next: ShortageState = { ...cur };
  if (body.headcount !== undefined) next.headcount = body.headcount;
  if (body.headcountFilled !== undefined) next.headcountFilled = body.headcountFilled;
  if (body.deadline !== undefined) {
    if (body.deadline < today && body.deadline !== cur.deadline)
      return { ok: false, kind: 'field', path: 'deadline', code: 'date_in_past' };
    next.deadline = body.deadline;
  }
  if (body.neededUntil !== undefined) next.neededUntil = body.neededUntil;
  if (next.neededUntil !== null && next.neededUntil < next.deadline)
    return { ok: false, kind: 'field', path: 'neededUntil', code: 'date_order' };
  if (body.wageMinFen !== undefined) next.wageMinFen = body.wageMinFen;
  if (body.wageMaxFen !== undefined) next.wageMaxFen = body.wageMaxFen;
  if (next.wageMaxFen < next.wageMinFen)
    return { ok: false, kind: 'field', path: 'wageMaxFen', code: 'salary_range' };
  if (next.headcountFilled > next.headcount) {
    return body.headcountFilled !== undefined
      ? { ok: false, kind: 'field', path: 'headcountFilled', code: 'filled_above_headcount' }
      : { ok: false, kind: 'field', path: 'headcount', code: 'headcount_below_filled' };
  }

  let statusChanged = false;
  if (body.status !== undefined && body.status !== cur.status) {
    const check = checkShortageTransition(cur.status, body.status, by);
    if (!check.ok) {
      return check.code === 'forbidden'
        ? { ok: false, kind: 'transition', code: 'forbidden' }
        : { ok: false, kind: 'field', path: 'status', code: 'invalid_transition' };
    }
    next.status = body.status;
    statusChanged = true;
    if (body.status === 'resolved') {
      if (body.resolutionMethod === undefined)
        return { ok: false, kind: 'field', path: 'resolutionMethod', code: 'required' };
      next.resolutionMethod = body.resolutionMethod;
      next.resolutionNote = body.resolutionNote ?? null;
      next.resolvedAt = now;
    }
    if (body.status === 'cancelled') next.cancelledAt = now;
  } else if (body.status !== undefined && body.status === cur.status && body.status !== 'in_progress') {
    // Resolving or cancelling twice says nothing new: the record is final.
    return { ok: false, kind: 'field', path: 'status', code: 'invalid_transition' };
  }
  if (body.resolutionNote !== undefined && next.status !== 'resolved')
    return { ok: false, kind: 'field', path: 'resolutionNote', code: 'invalid_transition' };
  return { ok: true, next, statusChanged };
}

export type CreditOutcome = {
  credited: number;
  headcountFilled: number;
  status: ShortageStatus;
  resolvedNow: boolean;
};

/**
 * Workers an active sharing agreement brings to an unresolved shortage: added to the headcount
 * filled, never above the headcount. Open becomes in_progress; a full headcount resolves the
 * shortage as shared_employment. A resolved or cancelled shortage is not credited.
 */
export function creditWorkers(
  cur: Pick<ShortageState, 'status' | 'headcount' | 'headcountFilled'>,
  workers: number,
): CreditOutcome {
  if (!isUnresolved(cur.status) || workers <= 0) {
    return { credited: 0, headcountFilled: cur.headcountFilled, status: cur.status, resolvedNow: false };
  }
  const filled = Math.min(cur.headcount, cur.headcountFilled + workers);
  const full = filled >= cur.headcount;
  return {
    credited: filled - cur.headcountFilled,
    headcountFilled: filled,
    status: full ? 'resolved' : 'in_progress',
    resolvedNow: full,
  };
}
