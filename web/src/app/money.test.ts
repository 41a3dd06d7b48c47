import { describe, expect, it } from 'vitest';
import { formatSalary, yuanToFen } from './money';

describe('money', () => {
  it('converts yuan to whole fen without floating-point drift', () => {
    expect(yuanToFen(6000)).toBe(600_000);
    expect(yuanToFen(22.5)).toBe(2250);
    expect(yuanToFen(0.29)).toBe(29);
    expect(yuanToFen(19.99)).toBe(1999);
  });

  it('shows salaries in yuan per period in both languages', () => {
    expect(formatSalary(600_000, 900_000, 'month', 'zh-CN')).toBe('6,000–9,000 元/月');
    expect(formatSalary(2250, 2250, 'hour', 'zh-CN')).toBe('22.5 元/小时');
    expect(formatSalary(20_000, 25_000, 'day', 'en-US')).toBe('200–250 yuan a day');
  });
});
