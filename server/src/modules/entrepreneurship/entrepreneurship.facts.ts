import { STARTUP_BUSINESS_TYPES, type FactDefinition, type FactValue } from '@jiuye/shared';
import type { Executor } from '../../db/database.js';
import { getPerson } from '../persons/index.js';
import * as repo from './entrepreneurship.repository.js';
import { evidenceOf, judgeStartup } from './entrepreneurship.judge.js';

/**
 * Facts about a person's start-ups and guarantee loans, for eligibility rules and amount formulas
 * (registered with the policies module's fact registry by this module's index.ts). The start-up
 * facts describe the person's latest active start-up begun on or before the evaluation date.
 */
export const ENTREPRENEURSHIP_FACTS: FactDefinition[] = [
  {
    name: 'person.startup.exists',
    subjectType: 'person',
    valueType: 'boolean',
    labelZh: '已登记创业项目',
    labelEn: 'Has a recorded start-up',
  },
  {
    name: 'person.startup.startDate',
    subjectType: 'person',
    valueType: 'date',
    labelZh: '创业项目成立日期',
    labelEn: 'Start date of the start-up',
    descriptionZh: '最近成立的在营创业项目',
    descriptionEn: 'Of the latest active start-up',
  },
  {
    name: 'person.startup.jobsCreated',
    subjectType: 'person',
    valueType: 'number',
    labelZh: '创业带动就业人数',
    labelEn: 'Jobs created by the start-up',
    unitZh: '人',
    unitEn: 'people',
  },
  {
    name: 'person.startup.districtCode',
    subjectType: 'person',
    valueType: 'string',
    labelZh: '创业项目所在区县',
    labelEn: 'District of the start-up',
  },
  {
    name: 'person.startup.industryCode',
    subjectType: 'person',
    valueType: 'string',
    labelZh: '创业项目行业门类',
    labelEn: 'Industry section of the start-up',
  },
  {
    name: 'person.startup.businessType',
    subjectType: 'person',
    valueType: 'string',
    labelZh: '创业主体类型',
    labelEn: 'Kind of business',
    allowedValues: [...STARTUP_BUSINESS_TYPES],
  },
  {
    name: 'person.returnedWorker',
    subjectType: 'person',
    valueType: 'boolean',
    labelZh: '返乡创业人员',
    labelEn: 'Returned worker',
    descriptionZh: '湛江市户籍且此前在市外务工，或乘包车返乡（见创业项目的返乡证明）',
    descriptionEn:
      'Household registered in Zhanjiang and worked outside the city before, or came back on a chartered bus (the start-up’s evidence)',
  },
  {
    name: 'person.guaranteeLoan.active',
    subjectType: 'person',
    valueType: 'boolean',
    labelZh: '有在还的创业担保贷款',
    labelEn: 'Has a guarantee loan being repaid',
  },
  {
    name: 'person.guaranteeLoan.amountFen',
    subjectType: 'person',
    valueType: 'number',
    labelZh: '创业担保贷款金额',
    labelEn: 'Guarantee loan amount',
    unitZh: '分',
    unitEn: 'fen',
  },
];

/** The values for one person on `asOf` (YYYY-MM-DD). A person without start-ups: exists = false. */
export async function loadEntrepreneurshipFacts(
  db: Executor,
  personId: string,
  asOf: string,
): Promise<Record<string, FactValue>> {
  const [startups, loans, person] = await Promise.all([
    repo.startupsOfPerson(db, personId, asOf),
    repo.activeLoansOfPerson(db, personId, asOf),
    getPerson(db, personId),
  ]);
  const latest = startups[0];
  let returned = false;
  for (const s of startups) {
    if ((await judgeStartup(db, person, evidenceOf(s.returnEvidence))).returnedWorker) {
      returned = true;
      break;
    }
  }
  return {
    'person.startup.exists': latest !== undefined,
    'person.startup.startDate': latest?.startDate ?? null,
    'person.startup.jobsCreated': latest?.jobsCreated ?? null,
    'person.startup.districtCode': latest?.districtCode ?? null,
    'person.startup.industryCode': latest?.industryCode ?? null,
    'person.startup.businessType': latest?.businessType ?? null,
    'person.returnedWorker': returned,
    'person.guaranteeLoan.active': loans.length > 0,
    'person.guaranteeLoan.amountFen': loans[0]?.amountGrantedFen ?? null,
  };
}
