import type { Actor } from '../../platform/context.js';
import { isCityWideStaff, isStaffInDistrict } from '../enterprises/index.js';
import type { WorkflowRole } from './policy-applications.workflow.js';

/**
 * Who may act on which policy application:
 * - applicant: a clerk of the subject enterprise (employer, policy:apply), or the person themselves
 *   (seeker, policy:apply, whose account is the person's);
 * - district: staff with policy:review whose districts include the application's district;
 * - bureau: city-wide staff (every district) with policy:review.
 * Anyone else does not learn that the application exists (404).
 */
export type Caller = {
  userId: string;
  applies: boolean;
  reviews: boolean;
  cityWide: boolean;
  districtCodes: readonly string[];
  /** Enterprises the caller is a clerk of (employers only). */
  enterpriseIds: readonly string[];
  actor: Actor;
};

export type ApplicationScope = {
  subjectType: string;
  enterpriseId: string | null;
  personUserId: string | null;
  districtCode: string;
};

export function rolesFor(c: Caller, a: ApplicationScope): Set<WorkflowRole> {
  const roles = new Set<WorkflowRole>();
  if (c.applies) {
    if (a.subjectType === 'enterprise' && a.enterpriseId !== null && c.enterpriseIds.includes(a.enterpriseId))
      roles.add('applicant');
    if (a.subjectType === 'person' && a.personUserId !== null && a.personUserId === c.userId)
      roles.add('applicant');
  }
  if (c.reviews && isStaffInDistrict(c.actor, a.districtCode)) roles.add('district');
  if (c.reviews && c.cityWide) roles.add('bureau');
  return roles;
}

export function isReviewer(actor: Actor): boolean {
  return actor.kind === 'user' && actor.role === 'staff' && actor.permissions.has('policy:review');
}

export function isBureau(actor: Actor): boolean {
  return isReviewer(actor) && isCityWideStaff(actor);
}

/** Routes applicants and officers share: anyone else (other roles, API tokens) stops at 403. */
export function mayUsePolicyApplications(actor: Actor): boolean {
  return (
    actor.kind === 'user' && (actor.permissions.has('policy:apply') || actor.permissions.has('policy:review'))
  );
}
