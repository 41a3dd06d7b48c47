import type { Actor } from '../../platform/context.js';
import { isStaffInDistrict } from '../enterprises/index.js';

/**
 * Who may act on vocational training records:
 * - a provider's account (college or agency holding training:provide) manages its own provider's
 *   courses only: enrolments, attendance, completion, outcomes;
 * - staff (training:provide) manage providers and courses of their districts, including providers
 *   registered without an account;
 * - seekers (training:enroll) read courses and enrol themselves; they see their own enrolments.
 * Anyone else does not learn that a record exists (404).
 */

export type UserActor = Extract<Actor, { kind: 'user' }>;
export type CourseRelation = 'provider' | 'staff' | 'seeker';

export function isProviderAccount(actor: Actor): boolean {
  return (
    actor.kind === 'user' &&
    (actor.role === 'college' || actor.role === 'agency') &&
    actor.permissions.has('training:provide')
  );
}

export function isTrainingStaff(actor: Actor): boolean {
  return actor.kind === 'user' && actor.role === 'staff' && actor.permissions.has('training:provide');
}

export function isTrainee(actor: Actor): boolean {
  return actor.kind === 'user' && actor.role === 'seeker' && actor.permissions.has('training:enroll');
}

/** Routes shared by seekers, providers and staff: anyone else stops before the body is read. */
export function mayUseTraining(actor: Actor): boolean {
  return isProviderAccount(actor) || isTrainingStaff(actor) || isTrainee(actor);
}

/** The caller's relation to a course (`ownerUserId`: the account of the course's provider, if any). */
export function relationToCourse(
  actor: Actor,
  course: { ownerUserId: string | null; districtCode: string },
): CourseRelation | null {
  if (actor.kind !== 'user') return null;
  if (isTrainingStaff(actor)) return isStaffInDistrict(actor, course.districtCode) ? 'staff' : null;
  if (isProviderAccount(actor)) return course.ownerUserId === actor.userId ? 'provider' : null;
  if (isTrainee(actor)) return 'seeker';
  return null;
}

export type TrainingCourseStatus = 'open' | 'closed' | 'finished' | 'cancelled';

/**
 * Course statuses: open ⇄ closed (enrolment), open/closed → finished (taught) or cancelled.
 * Finished and cancelled are final.
 */
export function courseTransitionAllowed(from: TrainingCourseStatus, to: TrainingCourseStatus): boolean {
  switch (from) {
    case 'open':
      return to === 'closed' || to === 'finished' || to === 'cancelled';
    case 'closed':
      return to === 'open' || to === 'finished' || to === 'cancelled';
    case 'finished':
    case 'cancelled':
      return false;
  }
}
