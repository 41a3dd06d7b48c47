import { describe, expect, it } from 'vitest';
import { POSTING_STATUSES, type PostingStatus } from '@jiuye/shared';
import {
  addDays,
  canEmployerMove,
  canExpire,
  canReview,
  chinaToday,
  expiryProblem,
  isMaterialChange,
  planEmployerUpdate,
  type EmployerTarget,
} from './postings.workflow.js';

const TARGETS: readonly EmployerTarget[] = ['pending_review', 'paused', 'published', 'closed', 'draft'];

/** from → the targets an enterprise may move to (besides staying put). */
const ALLOWED: Record<PostingStatus, readonly EmployerTarget[]> = {
  draft: ['pending_review', 'closed'],
  pending_review: ['draft', 'closed'],
  published: ['paused', 'closed'],
  paused: ['published', 'closed'],
  rejected: ['pending_review', 'draft', 'closed'],
  closed: [],
  expired: [],
};

describe('posting workflow', () => {
  const table = POSTING_STATUSES.flatMap((from) =>
    TARGETS.filter((to) => to !== from).map((to) => [from, to, ALLOWED[from].includes(to)] as const),
  );
  it.each(table)('enterprise moves %s → %s: %s', (from, to, allowed) => {
    expect(canEmployerMove(from, to)).toBe(allowed);
    expect(planEmployerUpdate(from, [], to).ok).toBe(allowed);
  });

  it.each(
    POSTING_STATUSES.map((s) => [s, s === 'pending_review', s === 'published' || s === 'paused'] as const),
  )('%s: reviewable %s, expirable %s', (s, reviewable, expirable) => {
    expect(canReview(s)).toBe(reviewable);
    expect(canExpire(s)).toBe(expirable);
  });

  it.each([
    // [from, changed fields, requested, → status or 'refused']
    ['published', ['title'], undefined, 'pending_review'],
    ['published', ['description', 'salaryMinFen'], undefined, 'pending_review'],
    ['published', ['benefits'], undefined, 'pending_review'],
    ['published', ['headcount'], undefined, 'published'],
    ['published', ['expiresOn'], undefined, 'published'],
    ['published', ['headcount', 'expiresOn'], undefined, 'published'],
    ['paused', ['occupationCode'], undefined, 'pending_review'],
    ['paused', ['headcount'], 'published', 'published'],
    ['published', ['title'], 'closed', 'closed'],
    ['published', ['title'], 'paused', 'refused'],
    ['published', ['title'], 'published', 'refused'],
    ['rejected', ['title'], undefined, 'pending_review'],
    ['rejected', ['title'], 'draft', 'draft'],
    ['rejected', ['title'], 'pending_review', 'pending_review'],
    ['draft', ['title'], undefined, 'draft'],
    ['draft', ['title'], 'pending_review', 'pending_review'],
    ['pending_review', ['title'], undefined, 'pending_review'],
    ['closed', ['title'], undefined, 'refused'],
    ['expired', ['headcount'], undefined, 'refused'],
    ['expired', [], 'published', 'refused'],
    ['closed', [], 'closed', 'closed'],
  ] as const)('%s + edit %j + %s → %s', (from, changed, requested, expected) => {
    const plan = planEmployerUpdate(from, changed, requested);
    expect(plan.ok ? plan.status : 'refused').toBe(expected);
  });

  it('treats only headcount and closing date as non-material', () => {
    expect(isMaterialChange(['headcount', 'expiresOn'])).toBe(false);
    for (const f of [
      'title',
      'description',
      'occupationCode',
      'salaryMaxFen',
      'districtCode',
      'skills',
      'employmentType',
    ]) {
      expect(isMaterialChange([f])).toBe(true);
    }
  });
});

describe('posting dates (China time)', () => {
  it('uses the date in China, not UTC', () => {
    expect(chinaToday(new Date('2026-03-01T15:59:59Z'))).toBe('2026-03-01');
    expect(chinaToday(new Date('2026-03-01T16:00:00Z'))).toBe('2026-03-02');
    expect(addDays('2026-02-27', 2)).toBe('2026-03-01');
  });

  it('accepts today to 180 days ahead', () => {
    const now = new Date('2026-03-01T04:00:00Z');
    expect(expiryProblem('2026-02-28', now)).toBe('date_in_past');
    expect(expiryProblem('2026-03-01', now)).toBeNull();
    expect(expiryProblem(addDays('2026-03-01', 180), now)).toBeNull();
    expect(expiryProblem(addDays('2026-03-01', 181), now)).toBe('date_too_far');
  });
});
