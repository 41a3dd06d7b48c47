import type { RequestContext } from '../../platform/context.js';
import { isStaffInDistrict, memberEnterpriseIds } from '../enterprises/index.js';

/**
 * Who sees which seekers for a posting: staff of the posting's district see every seeker with a
 * résumé (they run public matching services); the posting's enterprise members see only résumés
 * their owners opted to show to employers; anyone else is told the posting does not exist.
 */
export type CandidateScope = 'all' | 'visible' | null;

export async function candidateScope(
  ctx: RequestContext,
  posting: { enterpriseId: string; districtCode: string },
): Promise<CandidateScope> {
  const actor = ctx.actor;
  if (actor.kind !== 'user') return null;
  if (isStaffInDistrict(actor, posting.districtCode)) return 'all';
  if (actor.role === 'employer') {
    const ids = await memberEnterpriseIds(ctx.db, actor.userId);
    if (ids.includes(posting.enterpriseId)) return 'visible';
  }
  return null;
}
