import type { Actor } from '../../platform/context.js';
import { isStaffInDistrict } from '../enterprises/index.js';

/**
 * Who may see and act on a labour shortage:
 * - clerks (owner or clerk) of the reporting enterprise, holding shortage:manage;
 * - staff holding labour:coordinate whose districts include the shortage's district.
 * Anyone else does not learn that the shortage exists (404).
 */

export type UserActor = Extract<Actor, { kind: 'user' }>;
export type ShortageRelation = 'enterprise' | 'staff';

export function isShortageClerk(actor: Actor): boolean {
  return actor.kind === 'user' && actor.role === 'employer' && actor.permissions.has('shortage:manage');
}

export function isCoordinator(actor: Actor): boolean {
  return actor.kind === 'user' && actor.role === 'staff' && actor.permissions.has('labour:coordinate');
}

/** Routes clerks and staff share: anyone else stops before the body is read. */
export function mayUseShortages(actor: Actor): boolean {
  return isShortageClerk(actor) || isCoordinator(actor);
}

/** The caller's relation to a shortage; `memberOf` lists the employer's enterprises. */
export async function relationToShortage(
  actor: Actor,
  s: { enterpriseId: string; districtCode: string },
  memberOf: (userId: string) => Promise<string[]>,
): Promise<ShortageRelation | null> {
  if (actor.kind !== 'user') return null;
  if (isCoordinator(actor)) return isStaffInDistrict(actor, s.districtCode) ? 'staff' : null;
  if (isShortageClerk(actor))
    return (await memberOf(actor.userId)).includes(s.enterpriseId) ? 'enterprise' : null;
  return null;
}
