import type { Actor } from '../../platform/context.js';
import { isCityWideStaff, isStaffInDistrict } from '../enterprises/index.js';

/**
 * Who may act on cross-regional recruitment:
 * - staff holding labour:coordinate see every partner region, its officers, targeted postings,
 *   referrals and figures; the bureau's city-wide officers sign the agreements (create, edit,
 *   attach officers): a district officer does not commit the city to another region;
 * - a partner officer (role partner) acts for the regions they are attached to, provided their
 *   account's region codes still cover the region: their targeted postings, their seekers, referrals;
 * - employer clerks (posting:manage) see the active regions (no contacts, no officers) to target
 *   their postings at them.
 * Anyone else does not learn that a region record exists (404).
 */

export type UserActor = Extract<Actor, { kind: 'user' }>;

export function isCoordinator(actor: Actor): boolean {
  return actor.kind === 'user' && actor.role === 'staff' && actor.permissions.has('labour:coordinate');
}

export function isBureauCoordinator(actor: Actor): boolean {
  return isCoordinator(actor) && isCityWideStaff(actor);
}

export function isPartnerOfficer(actor: Actor): boolean {
  return actor.kind === 'user' && actor.role === 'partner' && actor.permissions.has('partner:refer');
}

export function isPostingClerk(actor: Actor): boolean {
  return actor.kind === 'user' && actor.role === 'employer' && actor.permissions.has('posting:manage');
}

/** Routes shared by staff, partner officers and clerks: anyone else stops before the body is read. */
export function mayViewPartnerRegions(actor: Actor): boolean {
  return isCoordinator(actor) || isPartnerOfficer(actor) || isPostingClerk(actor);
}

/** Routes about one region's work (postings, referrals, figures): staff and partner officers. */
export function mayWorkRegions(actor: Actor): boolean {
  return isCoordinator(actor) || isPartnerOfficer(actor);
}

/** Staff who may target a posting at partner regions (besides its clerks): its district's or the bureau's. */
export function staffMayTarget(actor: Actor, postingDistrictCode: string): boolean {
  return isCoordinator(actor) && (isStaffInDistrict(actor, postingDistrictCode) || isCityWideStaff(actor));
}

/**
 * The GB/T 2260 codes a region code stands for, as a prefix: a province XX0000 → "XX", a
 * prefecture XXXX00 → "XXXX", a county → all six digits.
 */
export function regionPrefix(code: string): string {
  if (/^\d{2}0000$/.test(code)) return code.slice(0, 2);
  if (/^\d{4}00$/.test(code)) return code.slice(0, 4);
  return code;
}

/** Does `code` lie in the region `region` (itself or below it)? */
export function liesIn(code: string | null | undefined, region: string): boolean {
  return typeof code === 'string' && code.startsWith(regionPrefix(region));
}

/** A partner officer's account names the region when one of its codes is the region or contains it. */
export function accountCoversRegion(districtCodes: readonly string[], regionCode: string): boolean {
  return districtCodes.some((c) => liesIn(regionCode, c));
}

/** Partner regions are prefectures or counties, not provinces. */
export function isPrefectureOrCounty(code: string): boolean {
  return !/^\d{2}0000$/.test(code);
}

/** Zhanjiang (4408) is the receiving city, never a partner region. */
export function isInCity(code: string): boolean {
  return code.startsWith('4408');
}
