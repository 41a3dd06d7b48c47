import type { Actor } from '../../platform/context.js';

export type UserActor = Extract<Actor, { kind: 'user' }>;

/**
 * Staff act within the districts on their account (users.district_codes, set by an admin). A code
 * there names a district exactly: the bureau gives a city-wide officer every district of the city.
 */
export function isStaffInDistrict(actor: Actor, districtCode: string): boolean {
  return actor.kind === 'user' && actor.role === 'staff' && actor.districtCodes.includes(districtCode);
}

export function isStaff(actor: Actor): actor is UserActor & { role: 'staff' } {
  return actor.kind === 'user' && actor.role === 'staff';
}

export function isEmployer(actor: Actor): actor is UserActor & { role: 'employer' } {
  return actor.kind === 'user' && actor.role === 'employer';
}

/**
 * What the caller may do with one enterprise: its members manage it; staff of its district oversee
 * it; anyone signed in may see a verified enterprise's public profile (contact phone masked).
 */
export type EnterpriseAccess = {
  memberRole: 'owner' | 'clerk' | null;
  staffInDistrict: boolean;
};

export function seesEverything(a: EnterpriseAccess): boolean {
  return a.memberRole !== null || a.staffInDistrict;
}

/**
 * Zhanjiang's nine county-level districts (GB/T 2260). A staff account covering all of them is a
 * city-wide (bureau) officer: bureau-level steps such as policy approval, payouts and the policy
 * catalogue need one; district officers do the district steps.
 */
export const CITY_DISTRICT_CODES = [
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

export function isCityWideStaff(actor: Actor): actor is UserActor & { role: 'staff' } {
  return isStaff(actor) && CITY_DISTRICT_CODES.every((c) => actor.districtCodes.includes(c));
}
