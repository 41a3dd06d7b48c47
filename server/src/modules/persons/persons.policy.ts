import type { Permission } from '@jiuye/shared';
import type { Actor } from '../../platform/context.js';
import { isCityWideStaff, isStaffInDistrict } from '../enterprises/index.js';

/**
 * Who may see a person of the registry:
 * - staff holding one of the registry permissions whose districts include the district that serves
 *   the person (their active unemployment registration's district, else where they live, else
 *   their open case's district); a person with no district yet (a bus traveller) only city-wide staff;
 * - the person themself (their seeker account).
 * Anyone else does not learn that the record exists (404).
 */

export type PersonRelation = 'staff' | 'self';

export function has(actor: Actor, p: Permission): boolean {
  return actor.kind !== 'anonymous' && actor.permissions.has(p);
}

const STAFF_PERMISSIONS: readonly Permission[] = ['person:manage', 'registration:manage', 'case:manage'];

export function isRegistryStaff(actor: Actor): boolean {
  return actor.kind === 'user' && actor.role === 'staff' && STAFF_PERMISSIONS.some((p) => has(actor, p));
}

export function staffCovers(actor: Actor, districtCode: string | null): boolean {
  if (districtCode === null) return isCityWideStaff(actor);
  return isStaffInDistrict(actor, districtCode);
}

export function relationTo(
  actor: Actor,
  person: { userId: string | null; districtCode: string | null },
): PersonRelation | null {
  if (actor.kind !== 'user') return null;
  if (isRegistryStaff(actor)) return staffCovers(actor, person.districtCode) ? 'staff' : null;
  if (actor.role === 'seeker' && person.userId !== null && person.userId === actor.userId) return 'self';
  return null;
}
