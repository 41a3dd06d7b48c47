import type { Actor } from '../../platform/context.js';
import { isStaffInDistrict } from '../enterprises/index.js';
import type { LoanActor } from './entrepreneurship.rules.js';

/**
 * Who may act on which start-up record (and its loans and deferrals):
 * - the founder: the seeker whose account the record's person belongs to (permission policy:apply);
 * - staff (policy:review) whose districts include the start-up's district.
 * Anyone else does not learn that the record exists (404). Employers hold policy:apply too, but
 * start-ups are a person's records: they stop at the route (403).
 */
export function mayUseEntrepreneurship(actor: Actor): boolean {
  if (actor.kind !== 'user') return false;
  if (actor.role === 'seeker') return actor.permissions.has('policy:apply');
  if (actor.role === 'staff') return actor.permissions.has('policy:review');
  return false;
}

export type StartupTarget = { personUserId: string | null; districtCode: string };

export function relationTo(actor: Actor, target: StartupTarget): LoanActor | null {
  if (!mayUseEntrepreneurship(actor) || actor.kind !== 'user') return null;
  if (actor.role === 'seeker') return target.personUserId === actor.userId ? 'founder' : null;
  return isStaffInDistrict(actor, target.districtCode) ? 'staff' : null;
}
