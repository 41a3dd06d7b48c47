import type { FactDefinition } from '@jiuye/shared';
import type { FactProvider } from '../policies/index.js';
import * as repo from './welfare-posts.repository.js';

/**
 * Facts about a person's public-welfare placements, for the public-welfare post subsidy
 * (公益性岗位补贴) and other rules (registered with the policies module by this module's index.ts).
 */
export const WELFARE_FACTS: FactDefinition[] = [
  {
    name: 'person.welfarePost.placed',
    subjectType: 'person',
    valueType: 'boolean',
    labelZh: '在公益性岗位上',
    labelEn: 'Holds a public-welfare post',
    descriptionZh: '评估日在岗（安置开始后、结束前）',
    descriptionEn: 'On the evaluation date (after the placement began, before it ended)',
  },
  {
    name: 'person.welfarePost.monthsUsed',
    subjectType: 'person',
    valueType: 'number',
    labelZh: '公益性岗位累计安置月数',
    labelEn: 'Months counted on public-welfare posts',
    unitZh: '个月',
    unitEn: 'months',
    descriptionZh: '在岗的安置按全部期限计，已结束的按实际开始的月数计',
    descriptionEn: 'Active placements count their whole term; ended ones the months begun',
  },
];

export const welfareFactProvider: FactProvider = {
  subjectType: 'person',
  facts: WELFARE_FACTS,
  async load(db, personId, asOf) {
    const f = await repo.welfareFacts(db, personId, asOf);
    return { 'person.welfarePost.placed': f.placed, 'person.welfarePost.monthsUsed': f.monthsUsed };
  },
};
