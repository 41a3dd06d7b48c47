import type { Actor } from '../../platform/context.js';
import { isStaffInDistrict } from '../enterprises/index.js';

/**
 * Rural e-commerce projects are run by staff (ecommerce:manage) of the county they are in: a
 * project and its participants are visible to staff whose districts include its county; to anyone
 * else they do not exist (404).
 */
export function managesProject(actor: Actor, project: { countyCode: string }): boolean {
  return (
    actor.kind === 'user' &&
    actor.permissions.has('ecommerce:manage') &&
    isStaffInDistrict(actor, project.countyCode)
  );
}
