import type { Permission } from '@jiuye/shared';
import type { Actor } from '../../platform/context.js';
import { isStaffInDistrict } from '../enterprises/index.js';
import type { ApplicationActor } from './applications.workflow.js';

/**
 * Who may act on which application:
 * - the seeker who applied (permission application:apply): reads it, withdraws it;
 * - any clerk of the posting's enterprise (employer with an active membership, application:manage);
 * - staff whose districts include the posting's district (application:manage), the same scope as
 *   the enterprises module's.
 * Anyone else does not learn that the application exists (404).
 */

export function has(actor: Actor, p: Permission): boolean {
  return actor.kind !== 'anonymous' && actor.permissions.has(p);
}

/** Routes any of these roles can reach; the record check follows. Tokens and other roles stop here. */
export function mayUseApplications(actor: Actor): boolean {
  return actor.kind === 'user' && (has(actor, 'application:apply') || has(actor, 'application:manage'));
}

export type ApplicationTarget = { seekerUserId: string; enterpriseId: string; districtCode: string };

/**
 * The caller's relation to an application (or to a posting's applications, with an empty
 * seekerUserId). `memberOf` lists the enterprises an employer is a clerk of (a lookup).
 */
export async function relationTo(
  actor: Actor,
  target: ApplicationTarget,
  memberOf: (userId: string) => Promise<string[]>,
): Promise<ApplicationActor | null> {
  if (actor.kind !== 'user') return null;
  if (actor.role === 'seeker' && has(actor, 'application:apply'))
    return target.seekerUserId !== '' && actor.userId === target.seekerUserId ? 'seeker' : null;
  if (!has(actor, 'application:manage')) return null;
  if (actor.role === 'staff') return isStaffInDistrict(actor, target.districtCode) ? 'staff' : null;
  if (actor.role === 'employer')
    return (await memberOf(actor.userId)).includes(target.enterpriseId) ? 'enterprise' : null;
  return null;
}
