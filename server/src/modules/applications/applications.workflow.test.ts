import { describe, expect, it } from 'vitest';
import { APPLICATION_STATUSES, type ApplicationStatus } from '@jiuye/shared';
import { applyChange, checkTransition, type ApplicationActor } from './applications.workflow.js';

// from → to → who may: e = enterprise (and staff), s = seeker, '' = nobody.
// prettier-ignore
const TABLE: Record<ApplicationStatus, Partial<Record<ApplicationStatus, string>>> = {
  submitted: { viewed: 'e', interview: 'e', offer: 'e', hired: 'e', rejected: 'e', withdrawn: 's' },
  viewed:    { interview: 'e', offer: 'e', hired: 'e', rejected: 'e', withdrawn: 's' },
  interview: { interview: 'e', offer: 'e', hired: 'e', rejected: 'e', withdrawn: 's' },
  offer:     { hired: 'e', rejected: 'e', withdrawn: 's' },
  hired: {},
  rejected: {},
  withdrawn: {},
};

describe('application workflow', () => {
  const cases: [ApplicationStatus, ApplicationStatus, ApplicationActor, boolean][] = [];
  for (const from of APPLICATION_STATUSES) {
    for (const to of APPLICATION_STATUSES) {
      const who = TABLE[from][to] ?? '';
      cases.push([from, to, 'enterprise', who === 'e']);
      cases.push([from, to, 'staff', who === 'e']);
      cases.push([from, to, 'seeker', who === 's']);
    }
  }

  it.each(cases)('%s → %s by %s: allowed %s', (from, to, actor, allowed) => {
    expect(checkTransition(from, to, actor).ok).toBe(allowed);
  });

  const now = new Date('2026-03-02T02:00:00Z');
  const open = {
    status: 'viewed' as const,
    note: null,
    interviewAt: null,
    interviewPlace: null,
    rejectReason: null,
  };

  it('sets the interview time and place, and refuses a time in the past', () => {
    const ok = applyChange(
      open,
      {
        status: 'interview',
        interviewAt: '2026-03-05T10:00:00+08:00',
        interviewPlace: '霞山区人民大道南 1 号',
      },
      'enterprise',
      now,
    );
    expect(ok).toMatchObject({
      ok: true,
      hire: false,
      next: { status: 'interview', interviewPlace: '霞山区人民大道南 1 号' },
    });
    if (ok.ok) expect(ok.next.interviewAt?.toISOString()).toBe('2026-03-05T02:00:00.000Z');
    expect(
      applyChange(
        open,
        { status: 'interview', interviewAt: '2026-03-01T10:00:00+08:00', interviewPlace: 'x' },
        'enterprise',
        now,
      ),
    ).toEqual({ ok: false, field: 'interviewAt', code: 'date_in_past' });
    expect(applyChange(open, { status: 'interview', interviewPlace: 'x' }, 'enterprise', now)).toEqual({
      ok: false,
      field: 'interviewAt',
      code: 'required',
    });
  });

  it('needs a reason to reject, and marks a hire', () => {
    expect(applyChange(open, { status: 'rejected' }, 'staff', now)).toEqual({
      ok: false,
      field: 'rejectReason',
      code: 'required',
    });
    expect(applyChange(open, { status: 'rejected', rejectReason: '岗位已招满' }, 'staff', now)).toMatchObject(
      {
        ok: true,
        next: { status: 'rejected', rejectReason: '岗位已招满' },
      },
    );
    expect(applyChange(open, { status: 'hired' }, 'enterprise', now)).toMatchObject({ ok: true, hire: true });
    expect(
      applyChange({ ...open, status: 'hired' }, { status: 'rejected', rejectReason: 'x' }, 'enterprise', now),
    ).toEqual({
      ok: false,
      field: 'status',
      code: 'invalid_transition',
    });
  });
});
