import { describe, expect, it } from 'vitest';
import { chinaMonth, lastCompleteMonth, monthOr, monthsEnding, recentMonths, shiftMonth } from './months';

describe('statistics months', () => {
  it('reads the month in China time', () => {
    // 31 March 17:00 UTC is 1 April 01:00 in China.
    expect(chinaMonth(new Date('2020-03-31T17:00:00Z'))).toBe('2020-04');
    expect(chinaMonth(new Date('2020-03-31T15:00:00Z'))).toBe('2020-03');
  });

  it('shifts across years', () => {
    expect(shiftMonth('2020-01', -1)).toBe('2019-12');
    expect(shiftMonth('2019-12', 1)).toBe('2020-01');
    expect(shiftMonth('2020-05', -13)).toBe('2019-04');
  });

  it('defaults to the last complete month', () => {
    expect(lastCompleteMonth(new Date('2020-05-10T04:00:00Z'))).toBe('2020-04');
    expect(lastCompleteMonth(new Date('2020-01-01T00:30:00+08:00'))).toBe('2019-12');
  });

  it('lists months newest first and trend months oldest first', () => {
    expect(recentMonths(2, new Date('2020-05-10T04:00:00Z'))).toEqual(['2020-05', '2020-04', '2020-03']);
    const trend = monthsEnding('2020-04');
    expect(trend).toHaveLength(12);
    expect(trend[0]).toBe('2019-05');
    expect(trend[11]).toBe('2020-04');
  });

  it('accepts only well-formed months from the URL', () => {
    expect(monthOr('2020-04', 'x')).toBe('2020-04');
    expect(monthOr('2020-13', 'x')).toBe('x');
    expect(monthOr(null, 'x')).toBe('x');
  });
});
