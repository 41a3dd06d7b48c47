import { creditCodeCheckChar, idCheckChar, type ReturnEvidence } from '@jiuye/shared';
import type { Executor } from '../../db/database.js';
import type { Keys } from '../../platform/crypto.js';
import { findOrCreatePerson } from '../persons/index.js';
import * as repo from './entrepreneurship.repository.js';
import { judgeReturnedWorker } from './entrepreneurship.rules.js';

const DAY_MS = 86_400_000;

/** The demo's returned workers: walk-ins registered at the Xiashan and Leizhou service desks. */
const FOUNDERS: readonly {
  fullName: string;
  phone: string;
  /** Household region and birth date: the identity number is built from them. */
  region: string;
  birth: string;
  seq: string;
  business: {
    name: string;
    type: 'company' | 'individual' | 'cooperative';
    creditBody?: string;
    district: string;
    industry: string;
    startedDaysAgo: number;
    jobs: number;
  };
  evidence: ReturnEvidence;
  loan?: {
    amountFen: number;
    grantedFen: number;
    bank: string;
    deferral?: { months: number; reason: string };
  };
}[] = [
  {
    fullName: '陈海燕',
    phone: '13711110001',
    region: '440803',
    birth: '19890412',
    seq: '042',
    business: {
      name: '霞山海燕海鲜排档',
      type: 'individual',
      district: '440803',
      industry: 'H',
      startedDaysAgo: 240,
      jobs: 4,
    },
    evidence: { kind: 'outside_work', previousWorkRegionCode: '441900', previousEmployer: '东莞市某电子厂' },
  },
  {
    fullName: '吴建国',
    phone: '13711110002',
    region: '440882',
    birth: '19850923',
    seq: '031',
    business: {
      name: '雷州建国农产品专业合作社',
      type: 'cooperative',
      creditBody: '93440882MA5',
      district: '440882',
      industry: 'A',
      startedDaysAgo: 420,
      jobs: 9,
    },
    evidence: {
      kind: 'outside_work',
      previousWorkRegionCode: '440300',
      previousEmployer: '深圳市某物流公司',
    },
    loan: {
      amountFen: 30_000_000,
      grantedFen: 20_000_000,
      bank: '湛江农村商业银行雷州支行',
      deferral: { months: 6, reason: '疫情期间农产品滞销，申请延期还款6个月' },
    },
  },
  {
    fullName: '梁秀英',
    phone: '13711110003',
    region: '440881',
    birth: '19930217',
    seq: '064',
    business: {
      name: '廉江秀英网店',
      type: 'individual',
      district: '440881',
      industry: 'F',
      startedDaysAgo: 60,
      jobs: 1,
    },
    evidence: { kind: 'outside_work', previousWorkRegionCode: '440100', previousEmployer: '广州市某服装厂' },
  },
];

/**
 * Demo start-ups of returned workers (one eligible for the start-up subsidy in Xiashan, one with a
 * granted guarantee loan and a deferral request in Leizhou, one too recent to qualify), in the
 * demo loader's transaction. Answers how many start-ups were recorded.
 */
export async function seedDemoEntrepreneurship(
  tx: Executor,
  keys: Keys,
  input: { now: Date; officerId: string },
): Promise<number> {
  let n = 0;
  for (const f of FOUNDERS) {
    const first17 = `${f.region}${f.birth}${f.seq}`;
    const person = await findOrCreatePerson(
      tx,
      keys,
      { fullName: f.fullName, phone: f.phone, idNumber: first17 + idCheckChar(first17) },
      input.officerId,
    );
    const at = new Date(input.now.getTime() - f.business.startedDaysAgo * DAY_MS);
    const body = f.business.creditBody
      ? `${f.business.creditBody}${'0'.repeat(17 - f.business.creditBody.length)}`
      : null;
    const startupId = await repo.insertStartup(tx, {
      personId: person.id,
      businessName: f.business.name,
      businessType: f.business.type,
      creditCode: body ? body + creditCodeCheckChar(body) : null,
      creditCodeChecksumValid: body ? true : null,
      districtCode: f.business.district,
      address: null,
      industryCode: f.business.industry,
      startDate: at.toISOString().slice(0, 10),
      jobsCreated: f.business.jobs,
      returnEvidence: f.evidence,
      returnedWorker: judgeReturnedWorker(person.householdRegionCode, f.evidence).returnedWorker,
      createdBy: input.officerId,
      at,
    });
    n++;
    if (f.loan) {
      const loanAt = new Date(at.getTime() + 30 * DAY_MS);
      const loanId = await repo.insertLoan(tx, {
        startupId,
        amountRequestedFen: f.loan.amountFen,
        bankName: f.loan.bank,
        termMonths: 36,
        purpose: '购置冷链设备和周转资金',
        createdBy: input.officerId,
        at: loanAt,
      });
      await repo.updateLoan(tx, loanId, 'requested', {
        status: 'granted',
        amountGrantedFen: f.loan.grantedFen,
        grantedOn: new Date(loanAt.getTime() + 20 * DAY_MS).toISOString().slice(0, 10),
        at: new Date(loanAt.getTime() + 20 * DAY_MS),
      });
      if (f.loan.deferral)
        await repo.insertDeferral(tx, {
          loanId,
          months: f.loan.deferral.months,
          reason: f.loan.deferral.reason,
          createdBy: input.officerId,
          at: new Date(input.now.getTime() - 3 * DAY_MS),
        });
    }
  }
  return n;
}
