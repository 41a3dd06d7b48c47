/**
 * Education levels as job seekers and postings state them. `rank` orders them so that "college or
 * above" is `rank >= 5`; secondary vocational (中专/技校) ranks above senior high because postings
 * that ask for 高中 accept it.
 */
export const EDUCATION_LEVEL_CODES = [
  'graduate',
  'bachelor',
  'college',
  'secondary_vocational',
  'senior_high',
  'junior_high',
  'primary',
] as const;
export type EducationLevelCode = (typeof EDUCATION_LEVEL_CODES)[number];

export type EducationLevelRow = { code: EducationLevelCode; nameZh: string; nameEn: string; rank: number };

export const EDUCATION_LEVELS: readonly EducationLevelRow[] = [
  { code: 'graduate', nameZh: '研究生', nameEn: 'Postgraduate', rank: 7 },
  { code: 'bachelor', nameZh: '本科', nameEn: "Bachelor's degree", rank: 6 },
  { code: 'college', nameZh: '大专', nameEn: 'Junior college', rank: 5 },
  { code: 'secondary_vocational', nameZh: '中专/技校', nameEn: 'Secondary vocational or technical school', rank: 4 },
  { code: 'senior_high', nameZh: '高中', nameEn: 'Senior high school', rank: 3 },
  { code: 'junior_high', nameZh: '初中', nameEn: 'Junior high school', rank: 2 },
  { code: 'primary', nameZh: '小学及以下', nameEn: 'Primary school or below', rank: 1 },
];
