import type { Locale, Reason } from '@jiuye/shared';
import type { ReasonCode, ScoredReason } from './matching.scoring.js';

/** Who reads the reason: the seeker about a posting, or an enterprise clerk / staff about a seeker. */
export type Audience = 'seeker' | 'employer';

export type LabelContext = { occupationName: string; districtName: string };

type Label = (c: LabelContext, detail: string[]) => Record<Audience, Record<Locale, string>>;

const same = (zh: string, en: string) => ({
  seeker: { 'zh-CN': zh, 'en-US': en },
  employer: { 'zh-CN': zh, 'en-US': en },
});

const LABELS: Record<ReasonCode, Label> = {
  occupation_exact: (c) => ({
    seeker: {
      'zh-CN': `职业对口：${c.occupationName}`,
      'en-US': `The occupation you want: ${c.occupationName}`,
    },
    employer: {
      'zh-CN': `求职意向一致：${c.occupationName}`,
      'en-US': `Wants this occupation: ${c.occupationName}`,
    },
  }),
  occupation_wanted_group: (c) => ({
    seeker: {
      'zh-CN': `属于您期望的职业类别：${c.occupationName}`,
      'en-US': `In an occupation group you want: ${c.occupationName}`,
    },
    employer: {
      'zh-CN': `求职意向涵盖该职业：${c.occupationName}`,
      'en-US': `Wants work in this occupation group: ${c.occupationName}`,
    },
  }),
  occupation_minor: (c) =>
    same(`相近职业：${c.occupationName}`, `Closely related occupation: ${c.occupationName}`),
  occupation_medium: (c) => same(`同类职业：${c.occupationName}`, `Related occupation: ${c.occupationName}`),
  occupation_major: () => same('同一职业大类', 'Same broad occupation group'),
  occupation_experience: (c) => ({
    seeker: {
      'zh-CN': `与您做过的工作相近：${c.occupationName}`,
      'en-US': `Like work you have done: ${c.occupationName}`,
    },
    employer: { 'zh-CN': `做过相同或相近的工作`, 'en-US': 'Has done the same or similar work' },
  }),
  skills: (_c, d) => same(`技能匹配：${d.join('、')}`, `Matching skills: ${d.join(', ')}`),
  location_district: (c) => ({
    seeker: {
      'zh-CN': `在您期望或居住的区县：${c.districtName}`,
      'en-US': `In your district: ${c.districtName}`,
    },
    employer: {
      'zh-CN': `期望在或居住在岗位所在区县：${c.districtName}`,
      'en-US': `Wants to work or lives in the posting's district: ${c.districtName}`,
    },
  }),
  location_city_wanted: () => ({
    seeker: { 'zh-CN': '在您期望的城市', 'en-US': 'In the city you want' },
    employer: { 'zh-CN': '期望在岗位所在城市工作', 'en-US': 'Wants to work in this city' },
  }),
  location_city: () => same('同城', 'Same city'),
  location_province: () => ({
    seeker: { 'zh-CN': '在您期望的省份', 'en-US': 'In the province you want' },
    employer: { 'zh-CN': '期望在岗位所在省份工作', 'en-US': 'Wants to work in this province' },
  }),
  location_recruits_from: () => ({
    seeker: { 'zh-CN': '该岗位面向您所在地区招聘', 'en-US': 'Recruits from your home region' },
    employer: { 'zh-CN': '来自岗位定向招聘的地区', 'en-US': 'Lives in a region this posting recruits from' },
  }),
  location_relocate: () => ({
    seeker: { 'zh-CN': '您愿意到外地工作', 'en-US': 'You are willing to relocate' },
    employer: { 'zh-CN': '愿意到外地工作', 'en-US': 'Willing to relocate' },
  }),
  location_any: () => same('工作地点不限', 'Any work location'),
  salary_fit: () => ({
    seeker: { 'zh-CN': '薪资达到您的期望', 'en-US': 'Pays what you expect' },
    employer: { 'zh-CN': '岗位薪资符合其期望', 'en-US': 'The pay meets their expectation' },
  }),
  salary_near: () => ({
    seeker: { 'zh-CN': '薪资接近您的期望', 'en-US': 'Pay close to what you expect' },
    employer: { 'zh-CN': '岗位薪资接近其期望', 'en-US': 'The pay is close to their expectation' },
  }),
  salary_open: () => same('未填写期望薪资', 'No salary expectation given'),
  education_fit: () => same('学历符合要求', 'Education meets the requirement'),
  education_near: () => same('学历接近要求', 'Education close to the requirement'),
  education_open: () => same('学历不限', 'No education requirement'),
  experience_fit: () => same('工作经验符合要求', 'Experience meets the requirement'),
  experience_near: () => same('工作经验接近要求', 'Experience close to the requirement'),
  experience_open: () => same('无经验要求', 'No experience required'),
  freshness: (_c, d) => same(`${d[0] ?? 1}天内发布`, `Posted within ${d[0] ?? 1} day(s)`),
};

export function reasonLabels(
  reasons: readonly ScoredReason[],
  ctx: LabelContext,
  audience: Audience,
  locale: Locale,
): Reason[] {
  return reasons.map((r) => ({
    code: r.code,
    label: LABELS[r.code](ctx, r.detail ?? [])[audience][locale],
    weight: r.weight,
  }));
}
