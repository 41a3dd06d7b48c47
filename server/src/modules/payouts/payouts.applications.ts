import type { Executor } from '../../db/database.js';
import type { RequestContext } from '../../platform/context.js';
import {
  getApplicationForPayout,
  listApplicationsForPayout,
  markApplicationPaid,
} from '../policy-applications/index.js';

/**
 * The payouts module's view of a policy application, through the policy-applications module's
 * index.ts (kept in one file so that a change of their export touches only this adapter).
 */
export type PayableApplication = {
  id: string;
  policyCode: string;
  status: string;
  subjectType: 'enterprise' | 'person';
  subjectId: string;
  districtCode: string | null;
  periodKey: string;
  amountFen: number | null;
};

/** Locks the application row (FOR UPDATE) for the rest of the transaction and answers it. */
export async function lockApplication(tx: Executor, id: string): Promise<PayableApplication | undefined> {
  const a = await getApplicationForPayout(tx, id);
  if (!a) return undefined;
  return {
    id: a.id,
    policyCode: a.policyCode,
    status: a.status,
    subjectType: a.subjectType,
    subjectId: a.subjectId,
    districtCode: a.districtCode,
    periodKey: a.periodKey,
    amountFen: a.amountFen === null ? null : Number(a.amountFen),
  };
}

/** approved → paid, in the caller's transaction (their timeline event and audit row included). */
export async function applicationPaid(
  tx: Executor,
  ctx: RequestContext,
  applicationId: string,
  payoutId: string,
  paidAt: Date,
): Promise<void> {
  await markApplicationPaid(tx, applicationId, payoutId, { ctx, at: paidAt });
}

/** Approved applications of a policy with money to pay and not yet paid, oldest approval first. */
export async function approvedApplicationIds(
  db: Executor,
  policyCode: string,
  limit: number,
): Promise<string[]> {
  const rows = await listApplicationsForPayout(db, { policyCode, limit });
  return rows.map((r) => r.id);
}
