import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/database.js';

/**
 * Test helpers for payouts (and proactive eligibility): a policy of the test's own, and approved
 * applications inserted directly (the review chain is the policy-applications module's tests').
 */

/** A fixed-amount enterprise policy created through the API by a city-wide officer. */
export async function createTestPolicy(
  app: FastifyInstance,
  bureauHeaders: Record<string, string>,
  o: Record<string, unknown> = {},
): Promise<string> {
  const code = `T-PAY-${randomBytes(4).toString('hex')}`;
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/policies',
    headers: bureauHeaders,
    payload: {
      code,
      kind: 'job_stabilisation_refund',
      applicantType: 'enterprise',
      nameZh: '测试稳岗返还',
      nameEn: 'Test job-stabilisation refund',
      effectiveFrom: '2020-01-01',
      eligibility: { all: [{ fact: 'enterprise.verified', op: 'eq', value: true }] },
      amount: { kind: 'fixed', amountFen: 500_000 },
      period: 'once',
      noticeDays: 0,
      ...o,
    },
  });
  if (res.statusCode !== 201) throw new Error(`policy: ${res.statusCode} ${res.body}`);
  return code;
}

/** An application in `approved` (or another status), as if it had passed review and notice. */
export async function insertApplication(
  db: Db,
  o: {
    policyCode: string;
    enterpriseId?: string;
    personId?: string;
    districtCode?: string;
    amountFen?: number | null;
    status?: string;
    periodKey?: string;
  },
): Promise<string> {
  const policy = await db
    .selectFrom('policies')
    .select(['id', 'version'])
    .where('code', '=', o.policyCode)
    .where('isLatest', '=', true)
    .executeTakeFirstOrThrow();
  const now = new Date();
  const status = o.status ?? 'approved';
  const row = await db
    .insertInto('policyApplications')
    .values({
      policyId: policy.id,
      policyCode: o.policyCode,
      policyVersion: policy.version,
      subjectType: o.enterpriseId ? 'enterprise' : 'person',
      enterpriseId: o.enterpriseId ?? null,
      personId: o.personId ?? null,
      districtCode: o.districtCode ?? '440803',
      status,
      periodKey: o.periodKey ?? 'once',
      formData: '{}',
      amountFen: o.amountFen === undefined ? 500_000 : o.amountFen,
      submittedAt: now,
      noticeStartsAt: ['notice', 'approved'].includes(status) ? now : null,
      noticeEndsAt: ['notice', 'approved'].includes(status) ? now : null,
      approvedAt: status === 'approved' ? now : null,
      createdAt: now,
      updatedAt: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
