import type { FactDefinition } from '@jiuye/shared';
import type { FactProvider } from '../policies/index.js';
import * as repo from './training.repository.js';

/**
 * Facts about a person's completed vocational training, for training subsidies (职业培训补贴) and
 * other rules (registered with the policies module by this module's index.ts). "Completed" means
 * passed with a certificate, on or before the evaluation date. "Completed within N days" is the
 * within_days operator on person.training.lastCompletedOn.
 */
export const TRAINING_FACTS: FactDefinition[] = [
  {
    name: 'person.training.completedCourses',
    subjectType: 'person',
    valueType: 'number',
    labelZh: '已结业的职业技能培训数',
    labelEn: 'Vocational courses completed',
    unitZh: '期',
    unitEn: 'courses',
  },
  {
    name: 'person.training.lastCompletedOn',
    subjectType: 'person',
    valueType: 'date',
    labelZh: '最近一次培训结业日期',
    labelEn: 'Date of the latest course completion',
    descriptionZh: '配合“最近N天内”使用，判断是否在规定期限内结业',
    descriptionEn: 'Use with “within N days” for completion within a period',
  },
  {
    name: 'person.training.certificate',
    subjectType: 'person',
    valueType: 'boolean',
    labelZh: '取得职业技能培训合格证书',
    labelEn: 'Holds a vocational training certificate',
  },
  {
    name: 'person.training.occupationCodes',
    subjectType: 'person',
    valueType: 'string[]',
    labelZh: '已结业培训的职业（工种）',
    labelEn: 'Occupations of completed courses (GB/T 6565)',
  },
];

export const trainingFactProvider: FactProvider = {
  subjectType: 'person',
  facts: TRAINING_FACTS,
  async load(db, personId, asOf) {
    const f = await repo.trainingFacts(db, personId, asOf);
    return {
      'person.training.completedCourses': f.completedCourses,
      'person.training.lastCompletedOn': f.lastCompletedOn,
      'person.training.certificate': f.completedCourses > 0,
      'person.training.occupationCodes': f.occupationCodes,
    };
  },
};
