import type { Actor } from '../../platform/context.js';
import { isCityWideStaff, isStaffInDistrict } from '../enterprises/index.js';

/**
 * Who may act on HR service agencies and purchased services:
 * - an agency account (agency:deliver) registers its own agency, sees its own contracts only and
 *   reports their deliverables;
 * - staff (labour:coordinate) see every agency and contract; staff of the agency's district (or the
 *   bureau) verify an agency; contracts are public money, so signing, closing them and accepting
 *   deliverables take a city-wide (bureau) officer.
 * Anyone else does not learn that a record exists (404).
 */

export function isAgencyAccount(actor: Actor): boolean {
  return actor.kind === 'user' && actor.role === 'agency' && actor.permissions.has('agency:deliver');
}

export function isContractStaff(actor: Actor): boolean {
  return actor.kind === 'user' && actor.role === 'staff' && actor.permissions.has('labour:coordinate');
}

export function isBureauStaff(actor: Actor): boolean {
  return isContractStaff(actor) && isCityWideStaff(actor);
}

export function mayVerifyAgency(actor: Actor, agencyDistrictCode: string): boolean {
  return isContractStaff(actor) && (isStaffInDistrict(actor, agencyDistrictCode) || isCityWideStaff(actor));
}

/** Routes shared by agencies and staff: anyone else stops before the body is read. */
export function mayUseAgencies(actor: Actor): boolean {
  return isAgencyAccount(actor) || isContractStaff(actor);
}

export type ContractStatus = 'active' | 'completed' | 'terminated';

/** Contracts: active → completed | terminated; both final. */
export function contractCloseAllowed(from: string): boolean {
  return from === 'active';
}

/** Agencies: pending → verified | rejected; verified → suspended; rejected/suspended → verified. */
export function agencyReviewAllowed(from: string, decision: 'verify' | 'reject' | 'suspend'): boolean {
  switch (decision) {
    case 'verify':
      return from === 'pending' || from === 'rejected' || from === 'suspended';
    case 'reject':
      return from === 'pending';
    case 'suspend':
      return from === 'verified';
  }
}

/** Deliverables: pending → verified | rejected; both final. */
export function deliverableReviewAllowed(from: string): boolean {
  return from === 'pending';
}
