import type { Actor } from '../../platform/context.js';
import { isStaffInDistrict } from '../enterprises/index.js';

/**
 * Who may act on public-welfare posts (permission welfare:publish):
 * - clerks of the sponsoring unit (employer accounts that are members of the post's enterprise)
 *   publish and manage their unit's posts, report monthly attendance and end placements;
 * - staff manage posts in their districts and alone place people on them: who has "employment
 *   difficulties" (就业困难人员) is the bureau's determination, never shown to the unit.
 * Anyone else does not learn that a post exists (404).
 */

export type WelfareRelation = 'staff' | 'sponsor';

export type UserActor = Extract<Actor, { kind: 'user' }>;

/** The caller's relation to a post; `memberOf` are the enterprises an employer is a clerk of. */
export function relationToPost(
  actor: Actor,
  post: { enterpriseId: string; districtCode: string },
  memberOf: readonly string[],
): WelfareRelation | null {
  if (actor.kind !== 'user' || !actor.permissions.has('welfare:publish')) return null;
  if (actor.role === 'staff') return isStaffInDistrict(actor, post.districtCode) ? 'staff' : null;
  if (actor.role === 'employer') return memberOf.includes(post.enterpriseId) ? 'sponsor' : null;
  return null;
}

/** What a list shows: staff their districts, clerks their units' posts. */
export type WelfareScope = { districtCodes: readonly string[] } | { enterpriseIds: readonly string[] };

export function scopeOf(actor: UserActor, memberOf: readonly string[]): WelfareScope | null {
  if (actor.role === 'staff') return { districtCodes: actor.districtCodes };
  if (actor.role === 'employer') return { enterpriseIds: memberOf };
  return null;
}
