import type { PolicyApplicationStatus } from '@jiuye/shared';
import type { Executor } from '../../db/database.js';
import { chinaDate, computeAmount, findPolicy, periodKeyOf, thresholdFor } from '../policies/index.js';
import * as repo from './policy-applications.repository.js';

const DAY_MS = 86_400_000;

type Step = {
  action: string;
  to: PolicyApplicationStatus;
  by: 'applicant' | 'district' | 'bureau' | 'system';
  daysAgo: number;
  note?: string;
};

type Plan = {
  policyCode: string;
  formData: Record<string, number>;
  steps: Step[];
};

const SUBMIT = (d: number): Step => ({ action: 'submit', to: 'submitted', by: 'applicant', daysAgo: d });
const START = (d: number): Step => ({
  action: 'start_review',
  to: 'district_review',
  by: 'district',
  daysAgo: d,
});
const PASS = (d: number): Step => ({ action: 'pass', to: 'bureau_review', by: 'district', daysAgo: d });
const APPROVE = (d: number): Step => ({ action: 'approve', to: 'notice', by: 'bureau', daysAgo: d });

/**
 * The demo employer's applications (transport subsidy on notice, training subsidy returned for
 * correction) and other 霞山 enterprises' social insurance relief at each stage of the review chain,
 * so that the queues, the timeline and the public notice have something to show. The demo employer
 * keeps the social insurance relief free to try. Deterministic: the same enterprises and clock give
 * the same rows.
 */
const EMPLOYER_PLANS: Plan[] = [
  {
    policyCode: 'ZJ2020-CHARTER-TRANSPORT',
    formData: { returnedWorkers: 23 },
    steps: [SUBMIT(9), START(8), PASS(7), APPROVE(2)],
  },
  {
    policyCode: 'ZJ2020-TRAINING',
    formData: { traineeCount: 6 },
    steps: [
      SUBMIT(4),
      START(3),
      {
        action: 'return',
        to: 'returned',
        by: 'district',
        daysAgo: 2,
        note: '以工代训人员花名册缺少社保参保证明，请补充后重新提交',
      },
    ],
  },
];

const OTHER_PLANS: Plan[] = [
  {
    policyCode: 'ZJ2020-SI-RELIEF',
    formData: { employerContributionsFen: 186_400, insuredEmployees: 8 },
    steps: [SUBMIT(1)],
  },
  {
    policyCode: 'ZJ2020-SI-RELIEF',
    formData: { employerContributionsFen: 352_800, insuredEmployees: 15 },
    steps: [SUBMIT(3), START(2)],
  },
  {
    policyCode: 'ZJ2020-SI-RELIEF',
    formData: { employerContributionsFen: 421_500, insuredEmployees: 18 },
    steps: [SUBMIT(5), START(4), PASS(3)],
  },
  {
    policyCode: 'ZJ2020-SI-RELIEF',
    formData: { employerContributionsFen: 268_000, insuredEmployees: 11 },
    steps: [
      SUBMIT(12),
      START(11),
      PASS(10),
      APPROVE(9),
      { action: 'notice_end', to: 'approved', by: 'system', daysAgo: 4 },
    ],
  },
];

export type DemoPolicyInput = {
  now: Date;
  /** The demo employer's enterprise and its owner (the applicant). */
  employer: { enterpriseId: string; userId: string };
  /** Other verified enterprises of 霞山区 (440803), with their owners. */
  others: readonly { enterpriseId: string; userId: string }[];
  /** 霞山区's officer (district steps) and the city-wide officer (approvals): never the same person. */
  districtOfficerId: string;
  bureauOfficerId: string;
};

/** Inserts the demo applications; answers how many. Skips a policy the catalogue does not hold. */
export async function seedDemoPolicyApplications(tx: Executor, input: DemoPolicyInput): Promise<number> {
  const jobs: { plan: Plan; enterpriseId: string; userId: string }[] = [
    ...EMPLOYER_PLANS.map((plan) => ({ plan, ...input.employer })),
    ...OTHER_PLANS.slice(0, input.others.length).map((plan, i) => ({
      plan,
      ...(input.others[i] as { enterpriseId: string; userId: string }),
    })),
  ];
  let n = 0;
  for (const { plan, enterpriseId, userId } of jobs) {
    const policy = await findPolicy(tx, plan.policyCode);
    if (!policy) continue;
    const at = (daysAgo: number) => new Date(input.now.getTime() - daysAgo * DAY_MS);
    const first = plan.steps[0] as Step;
    const last = plan.steps[plan.steps.length - 1] as Step;
    const facts = Object.fromEntries(Object.entries(plan.formData).map(([k, v]) => [`form.${k}`, v]));
    const amount = policy.amount ? computeAmount(policy.amount, policy.amountCapFen, facts) : null;
    const amountFen = amount?.amountFen ?? null;
    const approve = plan.steps.find((s) => s.action === 'approve');
    const noticeStartsAt = approve ? at(approve.daysAgo) : null;
    const noticeEndsAt = noticeStartsAt
      ? new Date(noticeStartsAt.getTime() + policy.noticeDays * DAY_MS)
      : null;
    const reviewers = plan.steps.some((s) => s.by === 'district') ? [input.districtOfficerId] : [];
    const id = await repo.insertApplication(tx, {
      policyId: policy.id,
      policyCode: policy.code,
      policyVersion: policy.version,
      subjectType: 'enterprise',
      enterpriseId,
      personId: null,
      districtCode: '440803',
      // Inserted as submitted, then moved to its stage with the notice window in one update (a
      // notice needs its window: CHECK constraint).
      status: 'submitted',
      periodKey: periodKeyOf(policy.period, chinaDate(at(first.daysAgo))),
      formData: plan.formData,
      amountFen,
      amount,
      eligibility: null,
      applicantUserId: userId,
      preparedBy: null,
      approvalsNeeded: amountFen !== null && amountFen > (await thresholdFor(tx, policy)) ? 2 : 1,
      submittedAt: at(first.daysAgo),
      at: at(first.daysAgo),
    });
    await repo.updateApplication(tx, id, 'submitted', {
      status: last.to,
      noticeStartsAt,
      noticeEndsAt,
      approvedAt: last.to === 'approved' ? at(last.daysAgo) : null,
      lastNote: last.note ?? null,
      updatedAt: at(last.daysAgo),
      ...(reviewers.length > 0 ? { addDistrictReviewer: input.districtOfficerId } : {}),
    });
    let from: PolicyApplicationStatus | null = null;
    for (const s of plan.steps) {
      await repo.insertEvent(tx, {
        applicationId: id,
        action: s.action,
        fromStatus: from,
        toStatus: s.to,
        note: s.note ?? null,
        actorUserId:
          s.by === 'applicant'
            ? userId
            : s.by === 'district'
              ? input.districtOfficerId
              : s.by === 'bureau'
                ? input.bureauOfficerId
                : null,
        actorKind: s.by,
        at: at(s.daysAgo),
      });
      from = s.to;
    }
    n++;
  }
  return n;
}
