import type { Actor } from '../../platform/context.js';
import { isStaffInDistrict } from '../enterprises/index.js';
import { isCoordinator, isShortageClerk } from '../shortages/index.js';
import type { AgreementActor } from './sharing.workflow.js';

/**
 * Who may see and act on shared-employment records:
 * - idle-workforce declarations: clerks of the declaring enterprise (shortage:manage), staff
 *   (labour:coordinate) of its district; other enterprises meet them only as match proposals;
 * - agreements: clerks of the lender and of the borrower, staff covering the lender's or the
 *   borrower's district, and each listed worker (sharing:consent, their own entry only).
 * Anyone else does not learn that a record exists (404).
 */

export type UserActor = Extract<Actor, { kind: 'user' }>;

export function isWorker(actor: Actor): boolean {
  return actor.kind === 'user' && actor.role === 'seeker' && actor.permissions.has('sharing:consent');
}

/** Routes clerks, staff and workers share: anyone else stops before the body is read. */
export function mayUseAgreements(actor: Actor): boolean {
  return isShortageClerk(actor) || isCoordinator(actor) || isWorker(actor);
}

export function mayUseIdleWorkforce(actor: Actor): boolean {
  return isShortageClerk(actor) || isCoordinator(actor);
}

export type AgreementTarget = {
  lenderEnterpriseId: string;
  borrowerEnterpriseId: string;
  lenderDistrictCode: string;
  borrowerDistrictCode: string;
  workerUserIds: readonly string[];
};

/** Every capacity in which the caller relates to an agreement (empty: none, 404). */
export function relationsToAgreement(
  actor: Actor,
  a: AgreementTarget,
  memberOf: readonly string[],
): AgreementActor[] {
  if (actor.kind !== 'user') return [];
  const out: AgreementActor[] = [];
  if (isShortageClerk(actor)) {
    if (memberOf.includes(a.lenderEnterpriseId)) out.push('lender');
    if (memberOf.includes(a.borrowerEnterpriseId)) out.push('borrower');
  }
  if (
    isCoordinator(actor) &&
    (isStaffInDistrict(actor, a.lenderDistrictCode) || isStaffInDistrict(actor, a.borrowerDistrictCode))
  )
    out.push('staff');
  if (isWorker(actor) && a.workerUserIds.includes(actor.userId)) out.push('worker');
  return out;
}

/** The caller's relation to an idle declaration. */
export function relationToIdle(
  actor: Actor,
  idle: { enterpriseId: string; districtCode: string },
  memberOf: readonly string[],
): 'enterprise' | 'staff' | null {
  if (actor.kind !== 'user') return null;
  if (isCoordinator(actor)) return isStaffInDistrict(actor, idle.districtCode) ? 'staff' : null;
  if (isShortageClerk(actor)) return memberOf.includes(idle.enterpriseId) ? 'enterprise' : null;
  return null;
}
