import { fieldError } from '../../platform/errors.js';
import { CITY_DISTRICT_CODES } from '../enterprises/index.js';

/** Zhanjiang's own code: statistics cover the city or one of its nine districts. */
export const CITY_CODE = '440800';
/** China has no daylight saving: China time is UTC+8 all year. */
const CHINA_OFFSET_MS = 8 * 3600_000;

/** The month (yyyy-mm, China time) that `at` falls in. */
export function chinaMonth(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 7);
}

/** The China date (yyyy-mm-dd) of `at`. */
export function chinaDay(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

export function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return d.toISOString().slice(0, 7);
}

/** A month's bounds: instants [from, to) in China time and dates [fromDay, toDay). */
export function monthBounds(month: string): { from: Date; to: Date; fromDay: string; toDay: string } {
  const next = shiftMonth(month, 1);
  return {
    from: new Date(Date.parse(`${month}-01T00:00:00Z`) - CHINA_OFFSET_MS),
    to: new Date(Date.parse(`${next}-01T00:00:00Z`) - CHINA_OFFSET_MS),
    fromDay: `${month}-01`,
    toDay: `${next}-01`,
  };
}

/** The LIKE pattern of an area (city → its districts' prefix); 400 naming `area` outside the city. */
export function areaPattern(area: string, field = 'area'): string {
  if (area === CITY_CODE) return `${CITY_CODE.slice(0, 4)}%`;
  if ((CITY_DISTRICT_CODES as readonly string[]).includes(area)) return area;
  throw fieldError(field, 'area_outside_city');
}
