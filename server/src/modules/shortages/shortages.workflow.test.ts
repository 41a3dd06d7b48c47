import type { ShortageStatus } from '@jiuye/shared';
import { describe, expect, it } from 'vitest';
import {
  applyShortageUpdate,
  checkShortageTransition,
  creditWorkers,
  type ShortageActor,
  type ShortageState,
} from './shortages.workflow.js';

const ALL: ShortageStatus[] = ['open', 'in_progress', 'resolved', 'cancelled'];

describe('shortage status transitions', () => {
  // from, to, by, expected
  const table: [ShortageStatus, ShortageStatus, ShortageActor, 'ok' | 'forbidden' | 'invalid_transition'][] =
    [
      ['open', 'in_progress', 'staff', 'ok'],
      ['open', 'in_progress', 'system', 'ok'],
      ['open', 'in_progress', 'enterprise', 'forbidden'],
      ['open', 'resolved', 'staff', 'ok'],
      ['open', 'resolved', 'enterprise', 'forbidden'],
      ['open', 'cancelled', 'enterprise', 'ok'],
      ['open', 'cancelled', 'staff', 'ok'],
      ['open', 'cancelled', 'system', 'forbidden'],
      ['in_progress', 'resolved', 'staff', 'ok'],
      ['in_progress', 'resolved', 'system', 'ok'],
      ['in_progress', 'resolved', 'enterprise', 'forbidden'],
      ['in_progress', 'cancelled', 'enterprise', 'ok'],
      ['in_progress', 'open', 'staff', 'invalid_transition'],
      ['resolved', 'in_progress', 'staff', 'invalid_transition'],
      ['resolved', 'open', 'staff', 'invalid_transition'],
      ['resolved', 'cancelled', 'enterprise', 'invalid_transition'],
      ['cancelled', 'open', 'enterprise', 'invalid_transition'],
      ['cancelled', 'resolved', 'staff', 'invalid_transition'],
    ];
  it.each(table)('%s → %s by %s: %s', (from, to, by, want) => {
    const r = checkShortageTransition(from, to, by);
    expect(r.ok ? 'ok' : r.code).toBe(want);
  });

  it('keeps resolved and cancelled final for everyone', () => {
    for (const from of ['resolved', 'cancelled'] as const)
      for (const to of ALL)
        for (const by of ['enterprise', 'staff', 'system'] as const)
          expect(checkShortageTransition(from, to, by).ok).toBe(false);
  });
});

const NOW = new Date('2027-03-01T02:00:00Z');
const TODAY = '2027-03-01';
const base: ShortageState = {
  status: 'open',
  headcount: 30,
  headcountFilled: 0,
  deadline: '2027-03-15',
  neededUntil: null,
  wageMinFen: 400_000,
  wageMaxFen: 600_000,
  resolutionMethod: null,
  resolutionNote: null,
  resolvedAt: null,
  cancelledAt: null,
};

describe('applyShortageUpdate', () => {
  it('lets staff resolve with a method and the headcount filled', () => {
    const r = applyShortageUpdate(
      base,
      { status: 'resolved', resolutionMethod: 'referral', headcountFilled: 25 },
      'staff',
      TODAY,
      NOW,
    );
    expect(r).toMatchObject({
      ok: true,
      statusChanged: true,
      next: { status: 'resolved', resolutionMethod: 'referral', headcountFilled: 25, resolvedAt: NOW },
    });
  });

  const refusals: [
    string,
    Partial<ShortageState>,
    Parameters<typeof applyShortageUpdate>[1],
    'enterprise' | 'staff',
    string,
  ][] = [
    [
      'filled above headcount',
      {},
      { headcountFilled: 31 },
      'staff',
      'headcountFilled:filled_above_headcount',
    ],
    [
      'headcount below filled',
      { headcountFilled: 20 },
      { headcount: 10 },
      'enterprise',
      'headcount:headcount_below_filled',
    ],
    ['clerk sets filled', {}, { headcountFilled: 3 }, 'enterprise', 'forbidden'],
    ['clerk resolves', {}, { status: 'resolved', resolutionMethod: 'other' }, 'enterprise', 'forbidden'],
    [
      'method without resolving',
      {},
      { resolutionMethod: 'college' },
      'staff',
      'resolutionMethod:invalid_transition',
    ],
    [
      'resolving twice',
      { status: 'resolved', resolutionMethod: 'other' },
      { status: 'resolved', resolutionMethod: 'other' },
      'staff',
      'status:invalid_transition',
    ],
    [
      'editing a resolved one',
      { status: 'resolved', resolutionMethod: 'other' },
      { headcount: 40 },
      'enterprise',
      'status:shortage_closed',
    ],
    [
      'editing a cancelled one',
      { status: 'cancelled' },
      { urgency: 'high' },
      'staff',
      'status:shortage_closed',
    ],
    ['deadline moved into the past', {}, { deadline: '2027-02-01' }, 'enterprise', 'deadline:date_in_past'],
    [
      'needed until before deadline',
      {},
      { neededUntil: '2027-03-10' },
      'enterprise',
      'neededUntil:date_order',
    ],
    ['wage max below min', {}, { wageMaxFen: 300_000 }, 'enterprise', 'wageMaxFen:salary_range'],
    ['note without resolution', {}, { resolutionNote: 'x' }, 'staff', 'resolutionNote:invalid_transition'],
    [
      'reopen a cancelled one',
      { status: 'cancelled' },
      { status: 'in_progress' },
      'staff',
      'status:invalid_transition',
    ],
  ];
  it.each(refusals)('refuses %s', (_name, cur, body, by, want) => {
    const r = applyShortageUpdate({ ...base, ...cur }, body, by, TODAY, NOW);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.kind === 'transition' ? r.code : `${r.path}:${r.code}`).toBe(want);
  });

  it('lets the enterprise edit details and withdraw', () => {
    const r = applyShortageUpdate(
      base,
      { headcount: 40, urgency: 'critical', status: 'cancelled' },
      'enterprise',
      TODAY,
      NOW,
    );
    expect(r).toMatchObject({ ok: true, next: { headcount: 40, status: 'cancelled', cancelledAt: NOW } });
  });
});

describe('creditWorkers', () => {
  it.each([
    [
      { status: 'open', headcount: 30, headcountFilled: 0 },
      30,
      { credited: 30, headcountFilled: 30, status: 'resolved', resolvedNow: true },
    ],
    [
      { status: 'open', headcount: 30, headcountFilled: 0 },
      10,
      { credited: 10, headcountFilled: 10, status: 'in_progress', resolvedNow: false },
    ],
    [
      { status: 'in_progress', headcount: 30, headcountFilled: 25 },
      10,
      { credited: 5, headcountFilled: 30, status: 'resolved', resolvedNow: true },
    ],
    [
      { status: 'resolved', headcount: 30, headcountFilled: 30 },
      10,
      { credited: 0, headcountFilled: 30, status: 'resolved', resolvedNow: false },
    ],
    [
      { status: 'cancelled', headcount: 30, headcountFilled: 0 },
      10,
      { credited: 0, headcountFilled: 0, status: 'cancelled', resolvedNow: false },
    ],
  ] as const)('%o + %i workers', (cur, n, want) => {
    expect(creditWorkers(cur, n)).toEqual(want);
  });
});
