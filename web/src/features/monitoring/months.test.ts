import { describe, expect, it } from 'vitest';
import { balanceOf, chinaMonth, dueAt, endedMonths, shiftMonth, signed } from './months';

describe('monitoring months', () => {
  it('counts months in China time', () => {
    // 2026-10-31 16:30 UTC is already 1 November in China.
    expect(chinaMonth(Date.parse('2026-10-31T16:30:00Z'))).toBe('2026-11');
    expect(chinaMonth(Date.parse('2026-10-31T15:59:00Z'))).toBe('2026-10');
  });

  it('shifts across years', () => {
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(shiftMonth('2025-12', 1)).toBe('2026-01');
    expect(shiftMonth('2026-10', -14)).toBe('2025-08');
  });

  it('makes a month due by the end of the 10th of the next month (China time)', () => {
    expect(dueAt('2026-10').toISOString()).toBe('2026-11-10T16:00:00.000Z');
    expect(dueAt('2026-12').toISOString()).toBe('2027-01-10T16:00:00.000Z');
  });

  it('offers only ended months, newest first', () => {
    expect(endedMonths(3, Date.parse('2026-11-27T04:00:00Z'))).toEqual(['2026-10', '2026-09', '2026-08']);
  });

  it('balances end = start + hires − separations and gives the signed difference', () => {
    expect(balanceOf({ startHeadcount: 200, hires: 0, endHeadcount: 170, layoff: 30 })).toEqual({
      complete: true,
      start: 200,
      hires: 0,
      separations: 30,
      expected: 170,
      diff: 0,
    });
    const off = balanceOf({ startHeadcount: 200, hires: 5, endHeadcount: 175, layoff: 30, resignation: 2 });
    expect(off).toMatchObject({ expected: 173, diff: 2 });
    expect(signed(2)).toBe('+2');
    expect(signed(-3)).toBe('-3');
    expect(balanceOf({ startHeadcount: 200, hires: null, endHeadcount: 170 })).toEqual({ complete: false });
  });
});
