import { POSTING_MAX_DAYS, type PostingStatus } from '@jiuye/shared';

/**
 * The life of a job posting, as pure functions (no I/O):
 *
 *   draft ──submit──▶ pending_review ──approve──▶ published ──pause──▶ paused
 *     ▲                 │   ▲    │                   │  ▲                │
 *     └──── withdraw ───┘   │    └─reject─▶ rejected │  └─────resume─────┘
 *                           │                 │      │
 *                           └── edit/submit ──┘      ├─ material edit ─▶ pending_review
 *                                                    ├─ close ─▶ closed  (also from draft, pending,
 *                                                    └─ expiry ─▶ expired  paused and rejected)
 *
 * closed and expired are final. Staff approve or reject; the system expires; the enterprise does the
 * rest. A material edit of a published or paused posting sends it back to review: seekers must only
 * ever see text a reviewer has seen.
 */

export type EmployerTarget = 'pending_review' | 'paused' | 'published' | 'closed' | 'draft';

/** Moves the enterprise may ask for, from → allowed targets. */
const EMPLOYER_MOVES: Record<PostingStatus, readonly EmployerTarget[]> = {
  draft: ['pending_review', 'closed'],
  pending_review: ['draft', 'closed'],
  published: ['paused', 'closed'],
  paused: ['published', 'closed'],
  rejected: ['pending_review', 'draft', 'closed'],
  closed: [],
  expired: [],
};

const EDITABLE: ReadonlySet<PostingStatus> = new Set([
  'draft',
  'pending_review',
  'rejected',
  'published',
  'paused',
]);

export function isEditable(status: PostingStatus): boolean {
  return EDITABLE.has(status);
}

export function canEmployerMove(from: PostingStatus, to: EmployerTarget): boolean {
  return from === to || EMPLOYER_MOVES[from].includes(to);
}

export function canReview(status: PostingStatus): boolean {
  return status === 'pending_review';
}

export function canExpire(status: PostingStatus): boolean {
  return status === 'published' || status === 'paused';
}

/**
 * Fields whose change does not alter what a reviewer approved: more (or fewer) vacancies and a
 * different closing date. Every other field is the ad's content (title, description, occupation,
 * salary, place, skills, benefits, employment type, education, experience, recruiting regions).
 */
export const NON_MATERIAL_FIELDS: ReadonlySet<string> = new Set(['headcount', 'expiresOn']);

export function isMaterialChange(changedFields: readonly string[]): boolean {
  return changedFields.some((f) => !NON_MATERIAL_FIELDS.has(f));
}

export type EditPlan =
  | { ok: true; status: PostingStatus; resubmitted: boolean }
  | { ok: false; reason: 'not_editable' | 'invalid_transition' };

/**
 * The status after an enterprise's PATCH: `changed` are the fields whose value changes, `requested`
 * the status it asks for (if any).
 */
export function planEmployerUpdate(
  current: PostingStatus,
  changed: readonly string[],
  requested: EmployerTarget | undefined,
): EditPlan {
  if (changed.length > 0 && !isEditable(current)) return { ok: false, reason: 'not_editable' };
  let status: PostingStatus = current;
  let resubmitted = false;
  if (changed.length > 0) {
    if ((current === 'published' || current === 'paused') && isMaterialChange(changed)) {
      status = 'pending_review';
      resubmitted = true;
    } else if (current === 'rejected' && requested !== 'draft' && requested !== 'closed') {
      // Correcting a rejected ad resubmits it: the clerk should not need a second step.
      status = 'pending_review';
      resubmitted = true;
    }
  }
  if (requested === undefined || requested === status) return { ok: true, status, resubmitted };
  // A move asked together with edits starts from where the edits left the posting, except that
  // withdrawing or closing a rejected posting keeps its edits without resubmitting it.
  const from = resubmitted && current === 'rejected' ? current : status;
  if (!canEmployerMove(from, requested)) return { ok: false, reason: 'invalid_transition' };
  return { ok: true, status: requested, resubmitted: requested === 'pending_review' && from !== requested };
}

// ——— Dates: postings run on China time (UTC+8, no daylight saving) ———

const CHINA_OFFSET_MS = 8 * 3600_000;

/** Today's date in China, YYYY-MM-DD. */
export function chinaToday(now: Date): string {
  return new Date(now.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** An expiry date must be from today to POSTING_MAX_DAYS ahead (China time). */
export function expiryProblem(expiresOn: string, now: Date): 'date_in_past' | 'date_too_far' | null {
  const today = chinaToday(now);
  if (expiresOn < today) return 'date_in_past';
  if (expiresOn > addDays(today, POSTING_MAX_DAYS)) return 'date_too_far';
  return null;
}
