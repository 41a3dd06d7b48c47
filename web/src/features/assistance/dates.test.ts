import { describe, expect, it } from 'vitest';
import { addDays, chinaToday } from './dates';

describe('calendar days in China time', () => {
  it('counts the day in Asia/Shanghai, not in the browser’s zone', () => {
    // 16:30 UTC on 31 December is already 1 January in China.
    expect(chinaToday(new Date('2026-12-31T16:30:00Z'))).toBe('2027-01-01');
    expect(chinaToday(new Date('2026-12-31T15:59:59Z'))).toBe('2026-12-31');
  });

  it('adds calendar days across month and leap-year ends', () => {
    expect(addDays('2026-11-27', 14)).toBe('2026-12-11');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
  });
});
