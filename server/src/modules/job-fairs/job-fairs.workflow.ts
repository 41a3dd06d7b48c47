import type { BoothStatus, FairStatus } from '@jiuye/shared';

/**
 * A fair's lifecycle. Stored: draft, published, cancelled, and closed once the sweep has marked it.
 * What callers see follows from the window and the clock: a published fair is live from startsAt
 * (inclusive) to endsAt (exclusive) and closed from endsAt on, whether or not the sweep has run.
 */
export type StoredFairStatus = 'draft' | 'published' | 'cancelled' | 'closed';

export type FairWindow = { status: string; startsAt: Date; endsAt: Date };

export function effectiveStatus(f: FairWindow, now: Date): FairStatus {
  switch (f.status as StoredFairStatus) {
    case 'draft':
      return 'draft';
    case 'cancelled':
      return 'cancelled';
    case 'closed':
      return 'closed';
    case 'published':
      if (now < f.startsAt) return 'published';
      return now < f.endsAt ? 'live' : 'closed';
  }
  return 'closed';
}

/** Enterprises register booths until the fair ends. */
export function acceptsBooths(s: FairStatus): boolean {
  return s === 'published' || s === 'live';
}

/** Seekers enter and apply through the fair only while it is live. */
export function acceptsApplications(s: FairStatus): boolean {
  return s === 'live';
}

/**
 * Edits: a draft changes freely; a published fair until it starts (its window may move); nothing
 * once it is live, closed or cancelled.
 */
export function editable(s: FairStatus): boolean {
  return s === 'draft' || s === 'published';
}

/** Staff may publish a draft, and cancel any fair that has not closed. */
export function statusChangeAllowed(from: FairStatus, to: 'published' | 'cancelled'): boolean {
  if (to === 'published') return from === 'draft' || from === 'published';
  return from === 'draft' || from === 'published' || from === 'live';
}

/** A booth as shown: once the fair is over, its live booths are closed. */
export function shownBoothStatus(stored: string, fair: FairStatus): BoothStatus {
  if ((fair === 'closed' || fair === 'cancelled') && (stored === 'approved' || stored === 'pending'))
    return 'closed';
  return stored as BoothStatus;
}

/** Booth review: pending → approved | rejected; an approved booth may still be rejected (revoked). */
export function boothReviewAllowed(from: string, decision: 'approve' | 'reject'): boolean {
  if (decision === 'approve') return from === 'pending';
  return from === 'pending' || from === 'approved';
}

/** The enterprise withdraws a pending or approved booth. */
export function boothWithdrawAllowed(from: string): boolean {
  return from === 'pending' || from === 'approved';
}
