import { describe, expect, it } from 'vitest';
import { CITY, CITY_DISTRICTS, mayView, statsScope } from './scope';

describe('what a staff account may see in the statistics', () => {
  it('a bureau officer (all nine districts) sees the city and every district', () => {
    const scope = statsScope({ permissions: ['stats:read'], districtCodes: [...CITY_DISTRICTS] });
    expect(scope.cityWide).toBe(true);
    expect(mayView(scope, CITY)).toBe(true);
    expect(mayView(scope, '440825')).toBe(true);
  });

  it('a district officer sees their district only, never the city', () => {
    const scope = statsScope({ permissions: ['stats:read'], districtCodes: ['440803'] });
    expect(scope).toEqual({ canRead: true, cityWide: false, districts: ['440803'] });
    expect(mayView(scope, CITY)).toBe(false);
    expect(mayView(scope, '440802')).toBe(false);
    expect(mayView(scope, '440803')).toBe(true);
  });

  it('codes outside Zhanjiang count for nothing, and without stats:read nothing is offered', () => {
    expect(
      statsScope({ permissions: ['stats:read'], districtCodes: ['450200', '440803'] }).districts,
    ).toEqual(['440803']);
    const none = statsScope({ permissions: [], districtCodes: [...CITY_DISTRICTS] });
    expect(mayView(none, CITY)).toBe(false);
    expect(mayView(none, '440803')).toBe(false);
  });
});
