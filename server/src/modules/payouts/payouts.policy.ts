import type { Actor } from '../../platform/context.js';
import { isCityWideStaff, isStaff } from '../enterprises/index.js';

/**
 * Who may do what with payouts (permission payout:manage is staff-only):
 * - creating batches, recording bank results, exporting to finance and reconciling are bureau
 *   steps: a city-wide officer (all nine districts);
 * - a district officer may look at batches, seeing only the payouts of their districts (to answer
 *   beneficiaries' questions), never the export with full account numbers.
 * Payee accounts: the applicant for their own enterprise (clerk) or themself (seeker), and
 * city-wide payout officers (paper forms); staff of the subject's district may read them masked.
 */

export function mayRunPayouts(actor: Actor): boolean {
  return isCityWideStaff(actor) && actor.permissions.has('payout:manage');
}

/** The districts whose payouts the caller sees: null = all (city-wide), [] = none. */
export function visibleDistricts(actor: Actor): readonly string[] | null {
  if (isCityWideStaff(actor)) return null;
  if (isStaff(actor)) return actor.districtCodes;
  return [];
}

/** Routes for payee accounts: applicants (policy:apply) and payout staff. */
export function mayUsePayeeAccounts(actor: Actor): boolean {
  return (
    actor.kind === 'user' &&
    ((actor.role !== 'staff' && actor.permissions.has('policy:apply')) ||
      (actor.role === 'staff' && actor.permissions.has('payout:manage')))
  );
}
