import type { Executor } from '../../db/database.js';
import type { RequestContext } from '../../platform/context.js';
import { prepareApplication } from '../policy-applications/index.js';

/**
 * A draft application prepared by an officer for a subject, which the beneficiary only confirms
 * (their submit decision). Through the policy-applications module's index.ts; kept in one file so
 * that a change of their export touches only this adapter.
 */
export async function prepareDraft(
  tx: Executor,
  ctx: RequestContext,
  p: {
    policyCode: string;
    subjectType: 'enterprise' | 'person';
    subjectId: string;
    districtCode: string | null;
  },
): Promise<string> {
  const app = await prepareApplication(tx, ctx, {
    policyCode: p.policyCode,
    subject: { type: p.subjectType, id: p.subjectId },
    districtCode: p.districtCode ?? undefined,
  });
  return app.id;
}
