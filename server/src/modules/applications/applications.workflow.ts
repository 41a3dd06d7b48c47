import type { ApplicationStatus } from '@jiuye/shared';

/**
 * The application state machine (pure, no I/O).
 *
 *   submitted → viewed → interview → offer → hired
 *   rejected (with a reason) from any open status, by the enterprise or staff
 *   withdrawn from any open status, by the seeker only
 *
 * The enterprise moves forward only, and may skip steps: a factory that hires on the spot goes
 * from submitted or interview straight to hired. `interview → interview` reschedules (a new time or
 * place). hired, rejected and withdrawn are final: a rejected or withdrawn seeker may apply again
 * (the unique index only covers open applications).
 */
export const OPEN_STATUSES = ['submitted', 'viewed', 'interview', 'offer'] as const;
export const FINAL_STATUSES = ['hired', 'rejected', 'withdrawn'] as const;
export type ApplicationActor = 'seeker' | 'enterprise' | 'staff';

const PROGRESS: Partial<Record<ApplicationStatus, number>> = {
  submitted: 0,
  viewed: 1,
  interview: 2,
  offer: 3,
  hired: 4,
};

export function isOpen(status: ApplicationStatus): boolean {
  return (OPEN_STATUSES as readonly string[]).includes(status);
}

export type TransitionVerdict =
  | { ok: true }
  | { ok: false; reason: 'final' | 'seeker_may_only_withdraw' | 'only_seeker_withdraws' | 'backwards' };

export function checkTransition(
  from: ApplicationStatus,
  to: ApplicationStatus,
  actor: ApplicationActor,
): TransitionVerdict {
  if (!isOpen(from)) return { ok: false, reason: 'final' };
  if (actor === 'seeker')
    return to === 'withdrawn' ? { ok: true } : { ok: false, reason: 'seeker_may_only_withdraw' };
  if (to === 'withdrawn') return { ok: false, reason: 'only_seeker_withdraws' };
  if (to === 'rejected') return { ok: true };
  if (to === 'interview' && from === 'interview') return { ok: true };
  const a = PROGRESS[from];
  const b = PROGRESS[to];
  if (a === undefined || b === undefined || b <= a) return { ok: false, reason: 'backwards' };
  return { ok: true };
}

export type ApplicationState = {
  status: ApplicationStatus;
  note: string | null;
  interviewAt: Date | null;
  interviewPlace: string | null;
  rejectReason: string | null;
};

export type ChangeRequest = {
  status: ApplicationStatus;
  note?: string | undefined;
  interviewAt?: string | undefined;
  interviewPlace?: string | undefined;
  rejectReason?: string | undefined;
};

export type ChangeResult =
  | { ok: true; next: ApplicationState; hire: boolean }
  | { ok: false; field: string; code: 'invalid_transition' | 'date_in_past' | 'required' };

/** The state after a change, or why it is refused. */
export function applyChange(
  current: ApplicationState,
  req: ChangeRequest,
  actor: ApplicationActor,
  now: Date,
): ChangeResult {
  const verdict = checkTransition(current.status, req.status, actor);
  if (!verdict.ok) return { ok: false, field: 'status', code: 'invalid_transition' };
  const next: ApplicationState = {
    ...current,
    status: req.status,
    note: req.note ?? current.note,
  };
  switch (req.status) {
    case 'interview': {
      if (!req.interviewAt) return { ok: false, field: 'interviewAt', code: 'required' };
      if (!req.interviewPlace) return { ok: false, field: 'interviewPlace', code: 'required' };
      const at = new Date(req.interviewAt);
      if (at.getTime() < now.getTime()) return { ok: false, field: 'interviewAt', code: 'date_in_past' };
      next.interviewAt = at;
      next.interviewPlace = req.interviewPlace;
      break;
    }
    case 'rejected':
      if (!req.rejectReason) return { ok: false, field: 'rejectReason', code: 'required' };
      next.rejectReason = req.rejectReason;
      break;
    case 'submitted':
    case 'viewed':
    case 'offer':
    case 'hired':
    case 'withdrawn':
      break;
  }
  return { ok: true, next, hire: req.status === 'hired' };
}

export const STATUS_LABELS: Record<ApplicationStatus, { zh: string; en: string }> = {
  submitted: { zh: '已投递', en: 'submitted' },
  viewed: { zh: '已查看', en: 'viewed' },
  interview: { zh: '面试', en: 'interview' },
  offer: { zh: '录用意向', en: 'offer' },
  hired: { zh: '已录用', en: 'hired' },
  rejected: { zh: '未通过', en: 'rejected' },
  withdrawn: { zh: '已撤回', en: 'withdrawn' },
};

/** What the seeker is told about a change (in-app notification), in both languages. */
export function statusNotice(
  status: ApplicationStatus,
  postingTitle: string,
  enterpriseName: string,
): { zh: string; en: string } {
  switch (status) {
    case 'viewed':
      return {
        zh: `${enterpriseName} 已查看您对「${postingTitle}」的申请`,
        en: `${enterpriseName} has viewed your application for "${postingTitle}"`,
      };
    case 'interview':
      return {
        zh: `面试邀请：${enterpriseName}「${postingTitle}」`,
        en: `Interview invitation: "${postingTitle}" at ${enterpriseName}`,
      };
    case 'offer':
      return {
        zh: `录用意向：${enterpriseName}「${postingTitle}」`,
        en: `Job offer: "${postingTitle}" at ${enterpriseName}`,
      };
    case 'hired':
      return {
        zh: `恭喜！您已被 ${enterpriseName} 录用（${postingTitle}）`,
        en: `Congratulations! ${enterpriseName} has hired you ("${postingTitle}")`,
      };
    case 'rejected':
      return {
        zh: `${enterpriseName}「${postingTitle}」的申请未通过`,
        en: `Your application for "${postingTitle}" at ${enterpriseName} was not successful`,
      };
    case 'withdrawn':
      return {
        zh: `您已撤回对「${postingTitle}」的申请`,
        en: `You withdrew your application for "${postingTitle}"`,
      };
    case 'submitted':
      return {
        zh: `已投递：${enterpriseName}「${postingTitle}」`,
        en: `Application sent: "${postingTitle}" at ${enterpriseName}`,
      };
  }
}
