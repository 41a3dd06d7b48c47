import type { CollegeAgreementStatus, CollegeParty } from '@jiuye/shared';
import type { Actor } from '../../platform/context.js';
import { isStaffInDistrict } from '../enterprises/index.js';
import { isCoordinator, isShortageClerk } from '../shortages/index.js';

/**
 * Who may see and act on college records:
 * - a college account (college:manage): its college, its cohorts and their students, agreements on
 *   its cohorts; open enterprise demand (to answer it);
 * - employer clerks (shortage:manage): their enterprises' demand and agreements; published cohorts
 *   as counts (students by name only if the student agreed, or once an agreement is signed);
 * - staff (labour:coordinate): cohorts, demand and agreements of their districts.
 * A college sees only its own cohorts: another college's answer 404.
 */

export type CollegeRelation = 'college' | 'enterprise' | 'staff';

export function isCollegeAccount(actor: Actor): boolean {
  return actor.kind === 'user' && actor.role === 'college' && actor.permissions.has('college:manage');
}

/** Routes colleges, clerks and staff share: anyone else stops before the body is read. */
export function mayUseColleges(actor: Actor): boolean {
  return isCollegeAccount(actor) || isShortageClerk(actor) || isCoordinator(actor);
}

/** Cohort routes for colleges and staff (matches, students' full list, edits). */
export function mayManageCohorts(actor: Actor): boolean {
  return isCollegeAccount(actor) || isCoordinator(actor);
}

/** Demand routes for clerks and staff. */
export function mayManageDemand(actor: Actor): boolean {
  return isShortageClerk(actor) || isCoordinator(actor);
}

export function relationToCohort(
  actor: Actor,
  c: { ownerUserId: string; districtCode: string; status: string },
  o: { agreedWithMine: boolean },
): CollegeRelation | null {
  if (actor.kind !== 'user') return null;
  if (isCollegeAccount(actor)) return c.ownerUserId === actor.userId ? 'college' : null;
  if (isCoordinator(actor)) return isStaffInDistrict(actor, c.districtCode) ? 'staff' : null;
  if (isShortageClerk(actor)) return c.status === 'published' || o.agreedWithMine ? 'enterprise' : null;
  return null;
}

export function relationToDemand(
  actor: Actor,
  d: { enterpriseId: string; districtCode: string; status: string },
  memberOf: readonly string[],
): CollegeRelation | null {
  if (actor.kind !== 'user') return null;
  if (isShortageClerk(actor)) return memberOf.includes(d.enterpriseId) ? 'enterprise' : null;
  if (isCoordinator(actor)) return isStaffInDistrict(actor, d.districtCode) ? 'staff' : null;
  // Colleges see open demand to answer it.
  if (isCollegeAccount(actor)) return d.status === 'open' ? 'college' : null;
  return null;
}

export function relationsToCollegeAgreement(
  actor: Actor,
  a: {
    collegeOwnerUserId: string;
    enterpriseId: string;
    cohortDistrictCode: string;
    enterpriseDistrictCode: string;
  },
  memberOf: readonly string[],
): CollegeRelation[] {
  if (actor.kind !== 'user') return [];
  if (isCollegeAccount(actor)) return a.collegeOwnerUserId === actor.userId ? ['college'] : [];
  if (isShortageClerk(actor)) return memberOf.includes(a.enterpriseId) ? ['enterprise'] : [];
  if (
    isCoordinator(actor) &&
    (isStaffInDistrict(actor, a.cohortDistrictCode) || isStaffInDistrict(actor, a.enterpriseDistrictCode))
  )
    return ['staff'];
  return [];
}

/**
 * College agreements: pending → signed (both sides signed) → completed; pending or signed →
 * cancelled. Each side signs for itself; either side or staff complete or cancel.
 */
export function collegeAgreementStep(
  from: CollegeAgreementStatus,
  step: 'sign' | 'completed' | 'cancelled',
  by: readonly CollegeRelation[],
  party?: CollegeParty,
): 'ok' | 'forbidden' | 'invalid_transition' {
  if (step === 'sign') {
    if (!party || !by.includes(party)) return 'forbidden';
    return from === 'pending' ? 'ok' : 'invalid_transition';
  }
  if (by.length === 0) return 'forbidden';
  if (step === 'completed') return from === 'signed' ? 'ok' : 'invalid_transition';
  return from === 'pending' || from === 'signed' ? 'ok' : 'invalid_transition';
}
