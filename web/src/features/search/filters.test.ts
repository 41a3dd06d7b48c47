import { describe, expect, it } from 'vitest';
import { activeFilterCount, filtersFromParams, paramsFromFilters } from './filters';

describe('search filters in the URL', () => {
  it('round-trips every filter, benefits as a repeated parameter', () => {
    const filters = {
      q: '焊工',
      districtCode: '440803',
      occupationCode: '6-18',
      salaryMinFen: 500_000,
      employmentType: 'full_time' as const,
      benefits: ['board' as const, 'lodging' as const],
      postedWithin: 7,
      sort: 'newest' as const,
    };
    const params = paramsFromFilters(filters);
    expect(params.getAll('benefits')).toEqual(['board', 'lodging']);
    expect(filtersFromParams(params)).toEqual(filters);
    // District, group, pay, type, posted within, and each benefit: 5 + 2.
    expect(activeFilterCount(filters)).toBe(7);
  });

  it('drops what the API would refuse rather than sending it', () => {
    const params = new URLSearchParams(
      'q=%20&districtCode=abc&occupationCode=6-1&salaryMinFen=-5&employmentType=gig&benefits=yacht&sort=random',
    );
    expect(filtersFromParams(params)).toEqual({
      q: undefined,
      districtCode: undefined,
      occupationCode: undefined,
      salaryMinFen: undefined,
      employmentType: undefined,
      benefits: undefined,
      postedWithin: undefined,
      sort: undefined,
    });
  });
});
