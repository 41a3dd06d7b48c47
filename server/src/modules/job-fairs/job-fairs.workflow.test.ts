import { describe, expect, it } from 'vitest';
import {
  acceptsApplications,
  acceptsBooths,
  boothReviewAllowed,
  boothWithdrawAllowed,
  editable,
  effectiveStatus,
  shownBoothStatus,
  statusChangeAllowed,
} from './job-fairs.workflow.js';

const startsAt = new Date('2026-12-01T09:00:00+08:00');
const endsAt = new Date('2026-12-01T17:00:00+08:00');
const at = (s: string) => new Date(s);

describe('a fair’s status follows its window', () => {
  it.each([
    ['draft', '2026-12-01T10:00:00+08:00', 'draft'],
    ['cancelled', '2026-12-01T10:00:00+08:00', 'cancelled'],
    ['closed', '2026-11-01T10:00:00+08:00', 'closed'],
    ['published', '2026-12-01T08:59:59+08:00', 'published'],
    ['published', '2026-12-01T09:00:00+08:00', 'live'],
    ['published', '2026-12-01T16:59:59+08:00', 'live'],
    ['published', '2026-12-01T17:00:00+08:00', 'closed'],
  ] as const)('stored %s at %s → %s', (status, now, want) => {
    expect(effectiveStatus({ status, startsAt, endsAt }, at(now))).toBe(want);
  });

  it.each([
    ['draft', false, false, true],
    ['published', true, false, true],
    ['live', true, true, false],
    ['closed', false, false, false],
    ['cancelled', false, false, false],
  ] as const)('%s: booths %s, applications %s, editable %s', (s, booths, apps, edit) => {
    expect(acceptsBooths(s)).toBe(booths);
    expect(acceptsApplications(s)).toBe(apps);
    expect(editable(s)).toBe(edit);
  });

  it('publishes drafts, cancels until closed', () => {
    expect(statusChangeAllowed('draft', 'published')).toBe(true);
    expect(statusChangeAllowed('live', 'published')).toBe(false);
    expect(statusChangeAllowed('live', 'cancelled')).toBe(true);
    expect(statusChangeAllowed('closed', 'cancelled')).toBe(false);
  });
});

describe('booths', () => {
  it.each([
    ['pending', 'approve', true],
    ['pending', 'reject', true],
    ['approved', 'reject', true],
    ['approved', 'approve', false],
    ['rejected', 'approve', false],
    ['withdrawn', 'approve', false],
  ] as const)('%s → %s: %s', (from, decision, ok) => {
    expect(boothReviewAllowed(from, decision)).toBe(ok);
  });
  it('closes live booths when the fair is over', () => {
    expect(shownBoothStatus('approved', 'closed')).toBe('closed');
    expect(shownBoothStatus('pending', 'cancelled')).toBe('closed');
    expect(shownBoothStatus('rejected', 'closed')).toBe('rejected');
    expect(shownBoothStatus('approved', 'live')).toBe('approved');
    expect(boothWithdrawAllowed('approved')).toBe(true);
    expect(boothWithdrawAllowed('closed')).toBe(false);
  });
});
