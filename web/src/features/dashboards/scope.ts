import type { Me } from '@jiuye/shared';

/** Zhanjiang (GB/T 2260): statistics cover the city or one of its nine districts and counties. */
export const CITY = '440800';
export const CITY_DISTRICTS = [
  '440802',
  '440803',
  '440804',
  '440811',
  '440823',
  '440825',
  '440881',
  '440882',
  '440883',
] as const;

export type StatsScope = {
  canRead: boolean;
  /** A bureau officer (all nine districts): the city and every district. */
  cityWide: boolean;
  /** The districts whose figures this account may see, in code order. */
  districts: string[];
};

/**
 * What a staff account may look at, the way the server decides it (isCityWideStaff): an officer
 * holding all nine districts is city-wide; a district officer sees only their districts. The UI
 * offers nothing outside this.
 */
export function statsScope(me: Pick<Me, 'permissions' | 'districtCodes'>): StatsScope {
  const canRead = me.permissions.includes('stats:read');
  const cityWide = CITY_DISTRICTS.every((c) => me.districtCodes.includes(c));
  const districts = CITY_DISTRICTS.filter((c) => me.districtCodes.includes(c));
  return { canRead, cityWide, districts };
}

export function mayView(scope: StatsScope, area: string): boolean {
  if (!scope.canRead) return false;
  return area === CITY ? scope.cityWide : scope.districts.includes(area);
}
