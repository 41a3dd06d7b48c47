import {
  KEY_GROUPS,
  type FactDefinition,
  type FactValue,
  type KeyGroup,
  type PolicyRule,
} from '@jiuye/shared';
import { evaluateRule, type FactLookup } from '../policies/index.js';
import { addDays, addMonths, wholeMonths, wholeYears } from './key-groups.calendar.js';

/**
 * Key-group classification as data (domain.md, "Key groups"): each group's rule is a PolicyRule of
 * the support-policy rule language (shared/src/contracts/policies.ts) over the person facts below.
 * Pure functions: the facts of a person on a day, the classification (evaluated by the policies
 * module's three-valued evaluator) and the day a classification stops holding.
 */

/** What the registry knows about a person, independent of the day asked about. */
export type RawPersonFacts = {
  birthDate: string | null;
  gender: 'male' | 'female' | null;
  householdRegionCode: string | null;
  residenceDistrictCode: string | null;
  educationLevel: string | null;
  graduationDate: string | null;
  ruralHousehold: boolean;
  veteran: boolean;
  poorHousehold: boolean;
  disability: boolean;
  /** Active unemployment registration: registration day and the last day of work. */
  registeredUnemployedOn: string | null;
  unemployedSince: string | null;
  /** An active employment registration. */
  employed: boolean;
};

export type Facts = Record<string, FactValue>;

/**
 * Person facts this module adds to the support-policy fact registry (modules/policies): age,
 * gender, birth date and household region are the registry's core facts (same values, computed
 * here from the same record); `person.registeredUnemployed` replaces the core placeholder.
 */
export const REGISTRY_PERSON_FACTS: readonly FactDefinition[] = [
  {
    name: 'person.registeredUnemployed',
    subjectType: 'person',
    valueType: 'boolean',
    labelZh: '已办理失业登记',
    labelEn: 'Registered as unemployed',
    descriptionZh: '有有效的失业登记',
    descriptionEn: 'Has an active unemployment registration',
  },
  {
    name: 'person.registeredUnemployedSince',
    subjectType: 'person',
    valueType: 'date',
    labelZh: '失业登记日期',
    labelEn: 'Registered unemployed since',
  },
  {
    name: 'person.monthsUnemployed',
    subjectType: 'person',
    valueType: 'number',
    labelZh: '连续失业月数',
    labelEn: 'Months unemployed',
    unitZh: '个月',
    unitEn: 'months',
    descriptionZh: '登记失业人员自最后工作日起计',
    descriptionEn: 'Registered unemployed only, counted from the last day of work',
  },
  {
    name: 'person.employed',
    subjectType: 'person',
    valueType: 'boolean',
    labelZh: '已办理就业登记',
    labelEn: 'Employment registered',
  },
  {
    name: 'person.leftSchoolOn',
    subjectType: 'person',
    valueType: 'date',
    labelZh: '离校日期',
    labelEn: 'Left school on',
  },
  {
    name: 'person.monthsSinceLeavingSchool',
    subjectType: 'person',
    valueType: 'number',
    labelZh: '离校月数',
    labelEn: 'Months since leaving school',
    unitZh: '个月',
    unitEn: 'months',
  },
  {
    name: 'person.educationLevel',
    subjectType: 'person',
    valueType: 'string',
    labelZh: '学历',
    labelEn: 'Education level',
  },
  {
    name: 'person.veteran',
    subjectType: 'person',
    valueType: 'boolean',
    labelZh: '退役军人',
    labelEn: 'Retired soldier',
  },
  {
    name: 'person.poorHousehold',
    subjectType: 'person',
    valueType: 'boolean',
    labelZh: '建档立卡贫困人口',
    labelEn: 'Registered poor household',
  },
  {
    name: 'person.disability',
    subjectType: 'person',
    valueType: 'boolean',
    labelZh: '持残疾人证',
    labelEn: 'Person with a disability',
  },
  {
    name: 'person.ruralHousehold',
    subjectType: 'person',
    valueType: 'boolean',
    labelZh: '农业户口',
    labelEn: 'Rural household registration',
  },
  {
    name: 'person.worksAwayFromHousehold',
    subjectType: 'person',
    valueType: 'boolean',
    labelZh: '在户籍地以外居住就业',
    labelEn: 'Lives and works away from the household registration',
    descriptionZh: '户籍地区（身份证号前6位）与居住区县不同',
    descriptionEn: 'The household region (identity number) differs from the residence district',
  },
  {
    name: 'person.residenceDistrictCode',
    subjectType: 'person',
    valueType: 'string',
    labelZh: '居住区县',
    labelEn: 'Residence district',
  },
  {
    name: 'person.classifiedKeyGroups',
    subjectType: 'person',
    valueType: 'string[]',
    labelZh: '认定的重点群体',
    labelEn: 'Key groups (registry classification)',
    allowedValues: [...KEY_GROUPS],
    descriptionZh: '人员登记中按认定规则得出的有效重点群体',
    descriptionEn: 'Active key groups from the registry’s classification rules',
  },
];

/** The facts of a person on `asOf` (YYYY-MM-DD, China time), as the rules name them. */
export function factsAt(raw: RawPersonFacts, asOf: string): Facts {
  const born = raw.birthDate && raw.birthDate <= asOf ? raw.birthDate : null;
  const since = raw.unemployedSince ?? raw.registeredUnemployedOn;
  const left = raw.graduationDate;
  return {
    'person.age': born ? wholeYears(born, asOf) : null,
    'person.birthDate': raw.birthDate,
    'person.gender': raw.gender,
    'person.householdRegionCode': raw.householdRegionCode,
    'person.registeredUnemployed': raw.registeredUnemployedOn !== null,
    'person.registeredUnemployedSince': raw.registeredUnemployedOn,
    'person.monthsUnemployed':
      raw.registeredUnemployedOn !== null && since !== null && since <= asOf
        ? wholeMonths(since, asOf)
        : null,
    'person.employed': raw.employed,
    'person.leftSchoolOn': left,
    'person.monthsSinceLeavingSchool': left && left <= asOf ? wholeMonths(left, asOf) : null,
    'person.educationLevel': raw.educationLevel,
    'person.veteran': raw.veteran,
    'person.poorHousehold': raw.poorHousehold,
    'person.disability': raw.disability,
    'person.ruralHousehold': raw.ruralHousehold,
    'person.worksAwayFromHousehold':
      raw.householdRegionCode && raw.residenceDistrictCode
        ? raw.householdRegionCode !== raw.residenceDistrictCode
        : null,
    'person.residenceDistrictCode': raw.residenceDistrictCode,
  };
}

/**
 * The days after `asOf` on which a fact derived from dates can change: birthdays, monthly
 * anniversaries of leaving school and of the last day of work.
 */
function changeDays(raw: RawPersonFacts, asOf: string, until: string): string[] {
  const days = new Set<string>();
  const anniversaries = (start: string | null, stepMonths: number) => {
    if (!start) return;
    let k = Math.max(1, Math.floor(wholeMonths(start, asOf) / stepMonths));
    for (;;) {
      const d = addMonths(start, k * stepMonths);
      if (d > until) break;
      if (d > asOf) days.add(d);
      k += 1;
    }
  };
  anniversaries(raw.birthDate, 12);
  anniversaries(raw.graduationDate, 1);
  anniversaries(raw.unemployedSince ?? raw.registeredUnemployedOn, 1);
  return [...days].sort();
}

export type Classification = {
  /** true only when the whole rule holds; an unknown fact never classifies anyone. */
  member: boolean;
  evidence: { fact: string; value: FactValue }[];
  /** The last day the classification holds with what is known now (≤ asOf + validity − 1 day). */
  validUntil: string | null;
};

/**
 * Evaluates one group's rule for a person on a day (with the support-policy rule evaluator), with
 * the evidence (the facts read and their values) and the validity.
 */
export function classify(
  rule: { rule: PolicyRule; validityMonths: number; effectiveTo: string | null },
  raw: RawPersonFacts,
  asOf: string,
  lookup: FactLookup,
): Classification {
  const facts = factsAt(raw, asOf);
  const ev = evaluateRule(rule.rule, { asOf, lookup, facts });
  const seen = new Map<string, FactValue>();
  for (const r of ev.reasons) if (!seen.has(r.fact)) seen.set(r.fact, facts[r.fact] ?? null);
  const evidence = [...seen].sort(([a], [b]) => a.localeCompare(b)).map(([fact, value]) => ({ fact, value }));
  if (ev.result !== true) return { member: false, evidence, validUntil: null };
  let limit = addDays(addMonths(asOf, rule.validityMonths), -1);
  if (rule.effectiveTo && rule.effectiveTo < limit) limit = rule.effectiveTo;
  for (const day of changeDays(raw, asOf, limit)) {
    if (evaluateRule(rule.rule, { asOf: day, lookup, facts: factsAt(raw, day) }).result !== true)
      return { member: true, evidence, validUntil: addDays(day, -1) };
  }
  return { member: true, evidence, validUntil: limit };
}

/** The rules seeded at boot (2020 practice in Guangdong; later versions are added as data). */
export const SEED_RULES: readonly {
  seedKey: string;
  group: KeyGroup;
  nameZh: string;
  nameEn: string;
  descriptionZh: string;
  descriptionEn: string;
  rule: PolicyRule;
  effectiveFrom: string;
  validityMonths: number;
}[] = [
  {
    seedKey: 'college_graduate.2020',
    group: 'college_graduate',
    nameZh: '高校毕业生',
    nameEn: 'College graduate',
    descriptionZh: '离校2年内未就业的高校毕业生',
    descriptionEn: 'Left school less than 2 years ago and not yet employed',
    rule: {
      all: [
        { fact: 'person.monthsSinceLeavingSchool', op: 'lt', value: 24 },
        { fact: 'person.employed', op: 'eq', value: false },
      ],
    },
    effectiveFrom: '2020-01-01',
    validityMonths: 24,
  },
  {
    seedKey: 'migrant_worker.2020',
    group: 'migrant_worker',
    nameZh: '农民工',
    nameEn: 'Migrant worker',
    descriptionZh: '农业户籍、在户籍地以外居住就业',
    descriptionEn: 'Rural household registration, living and working away from it',
    rule: {
      all: [
        { fact: 'person.ruralHousehold', op: 'eq', value: true },
        { fact: 'person.worksAwayFromHousehold', op: 'eq', value: true },
      ],
    },
    effectiveFrom: '2020-01-01',
    validityMonths: 12,
  },
  {
    seedKey: 'retired_soldier.2020',
    group: 'retired_soldier',
    nameZh: '退役军人',
    nameEn: 'Retired soldier',
    descriptionZh: '持退役证件的退役军人',
    descriptionEn: 'Holds a discharge certificate',
    rule: { fact: 'person.veteran', op: 'eq', value: true },
    effectiveFrom: '2020-01-01',
    validityMonths: 12,
  },
  {
    seedKey: 'middle_aged_4050.2020',
    group: 'middle_aged_4050',
    nameZh: '“4050”人员',
    nameEn: '“4050” middle-aged unemployed',
    descriptionZh: '女性40周岁以上、男性50周岁以上的登记失业人员（至法定退休年龄）',
    descriptionEn:
      'Registered unemployed women aged 40 or more and men aged 50 or more, up to retirement age',
    rule: {
      all: [
        { fact: 'person.registeredUnemployed', op: 'eq', value: true },
        {
          any: [
            {
              all: [
                { fact: 'person.gender', op: 'eq', value: 'female' },
                { fact: 'person.age', op: 'gte', value: 40 },
                { fact: 'person.age', op: 'lt', value: 55 },
              ],
            },
            {
              all: [
                { fact: 'person.gender', op: 'eq', value: 'male' },
                { fact: 'person.age', op: 'gte', value: 50 },
                { fact: 'person.age', op: 'lt', value: 60 },
              ],
            },
          ],
        },
      ],
    },
    effectiveFrom: '2020-01-01',
    validityMonths: 12,
  },
  {
    seedKey: 'poor_household.2020',
    group: 'poor_household',
    nameZh: '建档立卡贫困人口',
    nameEn: 'Registered poor household',
    descriptionZh: '建档立卡贫困户家庭成员',
    descriptionEn: 'Member of a registered poor household',
    rule: { fact: 'person.poorHousehold', op: 'eq', value: true },
    effectiveFrom: '2020-01-01',
    validityMonths: 12,
  },
  {
    seedKey: 'employment_difficulty.2020',
    group: 'employment_difficulty',
    nameZh: '就业困难人员',
    nameEn: 'Person with employment difficulties',
    descriptionZh: '登记失业人员中的残疾人、连续失业1年以上、“4050”人员和贫困家庭成员',
    descriptionEn:
      'Registered unemployed people with a disability, unemployed for 12 months or more, “4050”, or from a poor household',
    rule: {
      all: [
        { fact: 'person.registeredUnemployed', op: 'eq', value: true },
        {
          any: [
            { fact: 'person.disability', op: 'eq', value: true },
            { fact: 'person.monthsUnemployed', op: 'gte', value: 12 },
            { fact: 'person.poorHousehold', op: 'eq', value: true },
            {
              all: [
                { fact: 'person.gender', op: 'eq', value: 'female' },
                { fact: 'person.age', op: 'gte', value: 40 },
              ],
            },
            {
              all: [
                { fact: 'person.gender', op: 'eq', value: 'male' },
                { fact: 'person.age', op: 'gte', value: 50 },
              ],
            },
          ],
        },
      ],
    },
    effectiveFrom: '2020-01-01',
    validityMonths: 12,
  },
];
