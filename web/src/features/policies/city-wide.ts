import { STARTUP_DISTRICT_CODES } from '@jiuye/shared';

/**
 * Zhanjiang's nine county-level districts. A city-wide officer covers all of them; bureau steps
 * (approval, payouts, the catalogue, objections) are theirs. The server decides; the web app only
 * uses this to show the bureau's pages and to explain a refusal.
 */
export const CITY_DISTRICT_CODES: readonly string[] = STARTUP_DISTRICT_CODES;

export function isCityWideStaffCodes(districtCodes: readonly string[]): boolean {
  return CITY_DISTRICT_CODES.every((c) => districtCodes.includes(c));
}
