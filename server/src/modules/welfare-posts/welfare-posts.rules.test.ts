import { describe, expect, it } from 'vitest';
import { attendanceMonthAllowed, proratedSubsidyFen } from './welfare-posts.rules.js';

describe('proratedSubsidyFen: ⌊rate × present ÷ working⌋ in integer fen', () => {
  it.each([
    // rate, present, working, expected
    [180_000, 22, 22, 180_000], // full attendance pays the full rate
    [180_000, 0, 22, 0], // none pays nothing
    [180_000, 11, 22, 90_000], // half
    [180_000, 21, 22, 171_818], // 171,818.18… rounds down
    [100_000, 1, 3, 33_333], // 33,333.33… rounds down
    [100_000, 2, 3, 66_666], // 66,666.66… rounds down, never up
    [1, 1, 2, 0],
    [0, 20, 20, 0],
  ])('rate %i, %i of %i days → %i fen', (rate, present, working, expected) => {
    expect(proratedSubsidyFen(rate, present, working)).toBe(expected);
  });

  it('never pays more than the rate and is monotone in attendance', () => {
    for (let working = 1; working <= 31; working++) {
      let last = -1;
      for (let present = 0; present <= working; present++) {
        const a = proratedSubsidyFen(199_999, present, working);
        expect(Number.isInteger(a)).toBe(true);
        expect(a).toBeLessThanOrEqual(199_999);
        expect(a).toBeGreaterThanOrEqual(last);
        last = a;
      }
      expect(last).toBe(199_999);
    }
  });

  it('refuses impossible inputs', () => {
    expect(() => proratedSubsidyFen(1000, 5, 4)).toThrow(RangeError);
    expect(() => proratedSubsidyFen(1000, 1, 0)).toThrow(RangeError);
    expect(() => proratedSubsidyFen(1000.5, 1, 2)).toThrow(RangeError);
  });
});

describe('attendanceMonthAllowed', () => {
  const p = { startsOn: '2026-03-15', endedOn: null, plannedEndOn: '2027-03-14' };
  it.each([
    ['2026-02', '2026-11-30', false], // before the placement
    ['2026-03', '2026-11-30', true], // its first (partial) month
    ['2026-11', '2026-11-30', true], // this month
    ['2026-12', '2026-11-30', false], // the future
    ['2027-03', '2027-06-01', true], // the last planned month
    ['2027-04', '2027-06-01', false], // after the planned end
  ])('%s on %s → %s', (month, today, ok) => {
    expect(attendanceMonthAllowed(month, p, today)).toBe(ok);
  });

  it('stops at the month the placement ended', () => {
    const ended = { ...p, endedOn: '2026-06-10' };
    expect(attendanceMonthAllowed('2026-06', ended, '2026-11-30')).toBe(true);
    expect(attendanceMonthAllowed('2026-07', ended, '2026-11-30')).toBe(false);
  });
});
