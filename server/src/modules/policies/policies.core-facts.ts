import { ENTERPRISE_SIZES, KEY_GROUPS, type FactDefinition, type FactValue } from '@jiuye/shared';
import type { FactProvider } from './policies.facts.js';
import * as repo from './policies.repository.js';

/**
 * The facts the platform already holds about enterprises and people (issue 3's tables and persons).
 * Headcount reports, completed training, start-ups and unemployment registration come from the
 * modules that own them, through registerFactProvider.
 */

const SIZE_LABELS = {
  micro: { zh: '微型', en: 'micro' },
  small: { zh: '小型', en: 'small' },
  medium: { zh: '中型', en: 'medium' },
  large: { zh: '大型', en: 'large' },
} as const;

const KEY_GROUP_LABELS: Record<(typeof KEY_GROUPS)[number], { zh: string; en: string }> = {
  college_graduate: { zh: '高校毕业生', en: 'college graduate' },
  migrant_worker: { zh: '农民工', en: 'migrant worker' },
  retired_soldier: { zh: '退役军人', en: 'retired soldier' },
  middle_aged_4050: { zh: '“4050”人员', en: '“4050” middle-aged unemployed' },
  poor_household: { zh: '建档立卡贫困人口', en: 'registered poor household' },
  employment_difficulty: { zh: '就业困难人员', en: 'person with employment difficulties' },
};

const ENTERPRISE_FACTS: FactDefinition[] = [
  {
    name: 'enterprise.districtCode',
    subjectType: 'enterprise',
    valueType: 'string',
    labelZh: '企业所在区县',
    labelEn: 'District of the enterprise',
  },
  {
    name: 'enterprise.industryCode',
    subjectType: 'enterprise',
    valueType: 'string',
    labelZh: '所属行业门类',
    labelEn: 'Industry section (GB/T 4754)',
  },
  {
    name: 'enterprise.size',
    subjectType: 'enterprise',
    valueType: 'string',
    labelZh: '企业规模',
    labelEn: 'Enterprise size',
    allowedValues: [...ENTERPRISE_SIZES],
    valueLabels: SIZE_LABELS,
    descriptionZh: '按《统计上大中小微型企业划分办法》登记的规模',
    descriptionEn: 'As registered, following the national SME size classification',
  },
  {
    name: 'enterprise.verified',
    subjectType: 'enterprise',
    valueType: 'boolean',
    labelZh: '已通过平台认证',
    labelEn: 'Verified on the platform',
  },
  {
    name: 'enterprise.registeredOn',
    subjectType: 'enterprise',
    valueType: 'date',
    labelZh: '在平台登记日期',
    labelEn: 'Registered on the platform on',
  },
  {
    name: 'enterprise.hires.last90Days',
    subjectType: 'enterprise',
    valueType: 'number',
    labelZh: '近90天平台录用人数',
    labelEn: 'Hires on the platform, last 90 days',
    unitZh: '人',
    unitEn: 'people',
  },
  {
    name: 'enterprise.hires.last365Days',
    subjectType: 'enterprise',
    valueType: 'number',
    labelZh: '近一年平台录用人数',
    labelEn: 'Hires on the platform, last 365 days',
    unitZh: '人',
    unitEn: 'people',
  },
  {
    name: 'enterprise.keyGroupHires.last365Days',
    subjectType: 'enterprise',
    valueType: 'number',
    labelZh: '近一年录用重点群体人数',
    labelEn: 'Key-group hires, last 365 days',
    unitZh: '人',
    unitEn: 'people',
    descriptionZh: '求职者在简历中经单独同意声明的重点群体身份',
    descriptionEn: 'Key-group status the person declared on their résumé with separate consent',
  },
];

const PERSON_FACTS: FactDefinition[] = [
  {
    name: 'person.age',
    subjectType: 'person',
    valueType: 'number',
    labelZh: '年龄',
    labelEn: 'Age',
    unitZh: '周岁',
    unitEn: 'years',
  },
  {
    name: 'person.birthDate',
    subjectType: 'person',
    valueType: 'date',
    labelZh: '出生日期',
    labelEn: 'Date of birth',
  },
  {
    name: 'person.gender',
    subjectType: 'person',
    valueType: 'string',
    labelZh: '性别',
    labelEn: 'Gender',
    allowedValues: ['male', 'female'],
    valueLabels: { male: { zh: '男', en: 'male' }, female: { zh: '女', en: 'female' } },
  },
  {
    name: 'person.householdRegionCode',
    subjectType: 'person',
    valueType: 'string',
    labelZh: '户籍地区代码',
    labelEn: 'Household registration region',
  },
  {
    name: 'person.isLocalHousehold',
    subjectType: 'person',
    valueType: 'boolean',
    labelZh: '湛江市户籍',
    labelEn: 'Household registered in Zhanjiang',
  },
  {
    name: 'person.keyGroups',
    subjectType: 'person',
    valueType: 'string[]',
    labelZh: '重点群体身份',
    labelEn: 'Key groups',
    allowedValues: [...KEY_GROUPS],
    valueLabels: KEY_GROUP_LABELS,
  },
  {
    name: 'person.registeredUnemployed',
    subjectType: 'person',
    valueType: 'boolean',
    labelZh: '已办理失业登记',
    labelEn: 'Registered as unemployed',
    descriptionZh: '失业登记上线（议题7）前一律为“否”',
    descriptionEn: 'Always “no” until unemployment registration (issue 7) provides it',
  },
];

/** Full years between a YYYY-MM-DD birth date and `asOf`. */
export function ageOn(birthDate: string, asOf: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = asOf.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

function chinaDateOf(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

export const enterpriseFactProvider: FactProvider = {
  subjectType: 'enterprise',
  facts: ENTERPRISE_FACTS,
  async load(db, id, asOf) {
    const e = await repo.enterpriseFacts(db, id);
    if (!e) return {};
    const [h90, h365] = await Promise.all([
      repo.hireCounts(db, id, asOf, 90),
      repo.hireCounts(db, id, asOf, 365),
    ]);
    return {
      'enterprise.districtCode': e.districtCode,
      'enterprise.industryCode': e.industryCode,
      'enterprise.size': e.size,
      'enterprise.verified': e.status === 'verified',
      'enterprise.registeredOn': chinaDateOf(e.createdAt),
      'enterprise.hires.last90Days': h90.hires,
      'enterprise.hires.last365Days': h365.hires,
      'enterprise.keyGroupHires.last365Days': h365.keyGroupHires,
    };
  },
};

export const personFactProvider: FactProvider = {
  subjectType: 'person',
  facts: PERSON_FACTS,
  async load(db, id, asOf) {
    const p = await repo.personFacts(db, id);
    if (!p) return {};
    const out: Record<string, FactValue> = {
      'person.birthDate': p.birthDate,
      'person.age': p.birthDate ? ageOn(p.birthDate, asOf) : null,
      'person.gender': p.gender,
      'person.householdRegionCode': p.householdRegionCode,
      'person.isLocalHousehold': p.householdRegionCode ? p.householdRegionCode.startsWith('4408') : null,
      // Key-group status only where the person consented to declaring it; none declared is "none".
      'person.keyGroups': p.keyGroupConsentId ? (p.keyGroups ?? []) : [],
      // Hook: issue 7's registration module registers a provider with overrides: ['person.registeredUnemployed'].
      'person.registeredUnemployed': false,
    };
    return out;
  },
};
