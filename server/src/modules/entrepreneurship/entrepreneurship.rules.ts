import type { GuaranteeLoanStatus, LoanDeferralStatus, ReturnEvidence } from '@jiuye/shared';

/**
 * Pure rules of the entrepreneurship module: who counts as a returned worker, and how loan
 * referrals and deferral requests move. No I/O.
 */

type Bilingual = { zh: string; en: string };

/** Zhanjiang (GB/T 2260 city 4408): household registrations and workplaces are compared with it. */
export const CITY_PREFIX = '4408';

export type ReturnedWorkerJudgement = { returnedWorker: boolean; reasons: Bilingual[] };

/**
 * 返乡创业 (returned-worker start-ups), as Guangdong's start-up subsidies define the group: a person
 * whose household registration is in the city and who worked outside it before coming back, or who
 * came back on one of the bureau's chartered buses. The evidence is on the start-up record; the
 * household region comes from the person's identity number.
 *
 * `busReturnConfirmed`: whether the named bus booking exists for this person and was boarded
 * (the buses module answers; null when it cannot tell).
 */
export function judgeReturnedWorker(
  householdRegionCode: string | null,
  evidence: ReturnEvidence | null,
  busReturnConfirmed: boolean | null = null,
): ReturnedWorkerJudgement {
  if (!evidence) {
    return {
      returnedWorker: false,
      reasons: [{ zh: '未提供返乡证明', en: 'No evidence of a return was given' }],
    };
  }
  if (evidence.kind === 'chartered_bus') {
    if (busReturnConfirmed === true) {
      return {
        returnedWorker: true,
        reasons: [{ zh: '乘坐点对点包车返乡', en: 'Came back on a chartered bus' }],
      };
    }
    return {
      returnedWorker: false,
      reasons: [
        busReturnConfirmed === false
          ? {
              zh: '未找到本人已乘车的包车记录',
              en: 'No boarded chartered-bus booking of this person was found',
            }
          : { zh: '包车返乡记录待核实', en: 'The chartered-bus return is not confirmed yet' },
      ],
    };
  }
  const reasons: Bilingual[] = [];
  const localHousehold = householdRegionCode !== null && householdRegionCode.startsWith(CITY_PREFIX);
  if (householdRegionCode === null) {
    reasons.push({
      zh: '户籍地未知（请补充身份证号）',
      en: 'Household registration unknown (an identity number is needed)',
    });
  } else if (localHousehold) {
    reasons.push({
      zh: `户籍地 ${householdRegionCode} 在湛江市`,
      en: `Household registration ${householdRegionCode} is in Zhanjiang`,
    });
  } else {
    reasons.push({
      zh: `户籍地 ${householdRegionCode} 不在湛江市`,
      en: `Household registration ${householdRegionCode} is outside Zhanjiang`,
    });
  }
  const where = evidence.previousWorkRegionCode ?? null;
  const workedOutside = where !== null && !where.startsWith(CITY_PREFIX);
  if (where === null) reasons.push({ zh: '未填写此前务工地', en: 'Previous place of work not given' });
  else if (workedOutside)
    reasons.push({
      zh: `此前在 ${where}（市外）务工`,
      en: `Previously worked in ${where}, outside the city`,
    });
  else
    reasons.push({
      zh: `此前务工地 ${where} 在湛江市内`,
      en: `Previous work in ${where} is inside the city`,
    });
  return { returnedWorker: localHousehold && workedOutside, reasons };
}

// ——— Guarantee loans ———

export type LoanActor = 'founder' | 'staff';

/**
 * requested → referred (staff send it to the bank) → granted (the bank lent) | declined;
 * requested → declined (staff: clearly outside the scheme); granted → repaid;
 * requested | referred → withdrawn (the founder, or staff on their behalf).
 */
const LOAN_MOVES: Record<GuaranteeLoanStatus, Partial<Record<GuaranteeLoanStatus, readonly LoanActor[]>>> = {
  requested: { referred: ['staff'], declined: ['staff'], withdrawn: ['founder', 'staff'] },
  referred: { granted: ['staff'], declined: ['staff'], withdrawn: ['founder', 'staff'] },
  granted: { repaid: ['staff'] },
  declined: {},
  repaid: {},
  withdrawn: {},
};

export function mayMoveLoan(from: GuaranteeLoanStatus, to: GuaranteeLoanStatus, by: LoanActor): boolean {
  return LOAN_MOVES[from][to]?.includes(by) ?? false;
}

/** A loan whose repayments are running: deferrals apply to it, and it counts as active for rules. */
export function isActiveLoan(status: GuaranteeLoanStatus): boolean {
  return status === 'granted';
}

// ——— Repayment deferrals ———

export type DeferralDecision = 'approve' | 'reject' | 'withdraw';

const DEFERRAL_TARGET: Record<DeferralDecision, LoanDeferralStatus> = {
  approve: 'approved',
  reject: 'rejected',
  withdraw: 'withdrawn',
};

/** Only a submitted request moves: staff approve or reject it, the founder withdraws it. */
export function decideDeferral(
  from: LoanDeferralStatus,
  decision: DeferralDecision,
  by: LoanActor,
): LoanDeferralStatus | null {
  if (from !== 'submitted') return null;
  if (decision === 'withdraw' ? by !== 'founder' : by !== 'staff') return null;
  return DEFERRAL_TARGET[decision];
}
