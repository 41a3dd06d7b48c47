import type { Permission } from '@jiuye/shared';
import type { Actor } from '../../platform/context.js';
import { isStaffInDistrict } from '../enterprises/index.js';

/*
 * Who may act on which bus record:
 * - staff (bus:manage) act on trips whose destination districts include one of theirs, and on
 *   travel requests bound for their districts;
 * - a trip's escort (bus:board) acts on that trip wherever it goes: manifest, boarding, departure;
 * - a seeker (bus:book) sees open trips and their own requests and bookings;
 * - an enterprise clerk (bus:handover) sees the passengers bound for their enterprise and confirms
 *   their handover; the travel requests they registered.
 * Anyone else does not learn that the record exists (404).
 */

export type UserActor = Extract<Actor, { kind: 'user' }>;

export function has(actor: Actor, p: Permission): boolean {
  return actor.kind !== 'anonymous' && actor.permissions.has(p);
}

/** Routes several roles share: only signed-in users holding one of the bus permissions get past. */
export function mayUseBuses(actor: Actor, perms: readonly Permission[]): boolean {
  return actor.kind === 'user' && perms.some((p) => has(actor, p));
}

export function isStaff(actor: Actor): actor is UserActor & { role: 'staff' } {
  return actor.kind === 'user' && actor.role === 'staff';
}

export function isSeeker(actor: Actor): actor is UserActor & { role: 'seeker' } {
  return actor.kind === 'user' && actor.role === 'seeker' && has(actor, 'bus:book');
}

export function isEmployer(actor: Actor): actor is UserActor & { role: 'employer' } {
  return actor.kind === 'user' && actor.role === 'employer';
}

/** Staff with bus:manage covering one of the trip's destination districts. */
export function isStaffForTrip(actor: Actor, trip: { destinationDistrictCodes: readonly string[] }): boolean {
  return has(actor, 'bus:manage') && trip.destinationDistrictCodes.some((d) => isStaffInDistrict(actor, d));
}

/** The trip's escort (bus:board). */
export function isEscortOf(actor: Actor, trip: { escortUserId: string | null }): boolean {
  return actor.kind === 'user' && has(actor, 'bus:board') && trip.escortUserId === actor.userId;
}

/** Staff with bus:manage covering the request's destination district. */
export function isStaffForRequest(actor: Actor, r: { destinationDistrictCode: string }): boolean {
  return has(actor, 'bus:manage') && isStaffInDistrict(actor, r.destinationDistrictCode);
}
