/**
 * The fixed search workload: what seekers and clerks type on a Zhanjiang job site, in Chinese and
 * English, alone or with district, region, occupation, salary, benefit and recency filters and each
 * sort. Common words (普工, 包吃住) match a large share of a million postings and are the hard
 * cases for ranking; rare words and typos exercise the index and the fuzzy fallback.
 */
export type SearchQuery = { label: string; params: Record<string, string | string[]> };

export const SEARCH_QUERIES: readonly SearchQuery[] = [
  { label: '焊工', params: { q: '焊工' } },
  { label: '电焊工 · 霞山区', params: { q: '电焊工', districtCode: '440803' } },
  { label: '普工 · newest', params: { q: '普工', sort: 'newest' } },
  { label: '普工 (relevance)', params: { q: '普工' } },
  { label: '叉车 · 麻章区', params: { q: '叉车', districtCode: '440811' } },
  { label: '叉车司机 · ≥ ¥6,000', params: { q: '叉车司机', salaryMinFen: '600000' } },
  { label: '水产加工 · 遂溪县', params: { q: '水产加工', districtCode: '440823' } },
  { label: '剥虾 · temporary', params: { q: '剥虾', employmentType: 'temporary' } },
  { label: '厨师 · 赤坎区 · salary', params: { q: '厨师', districtCode: '440802', sort: 'salary' } },
  { label: '保安 · board + lodging', params: { q: '保安', benefits: ['board', 'lodging'] } },
  { label: '仓管 · last 7 days', params: { q: '仓管', postedWithin: '7' } },
  { label: '快递员 · 湛江市', params: { q: '快递员', regionCode: '440800' } },
  { label: '养老护理员', params: { q: '养老护理员' } },
  { label: '销售 · newest · page 2', params: { q: '销售', sort: 'newest', page: '2' } },
  { label: 'welder', params: { q: 'welder' } },
  { label: 'forklift driver', params: { q: 'forklift driver' } },
  { label: 'seafood · 霞山区', params: { q: 'seafood', districtCode: '440803' } },
  { label: 'cook · salary', params: { q: 'cook', sort: 'salary' } },
  { label: 'security guard', params: { q: 'security guard' } },
  { label: 'warehouse · ≥ ¥5,000', params: { q: 'warehouse', salaryMinFen: '500000' } },
  { label: 'courier · last 30 days', params: { q: 'courier', postedWithin: '30' } },
  { label: '包吃住 电焊', params: { q: '包吃住 电焊' } },
  { label: '焊工 霞山 (place word)', params: { q: '焊工 霞山' } },
  { label: '电悍工 (typo → fuzzy)', params: { q: '电悍工' } },
  { label: '叉车证', params: { q: '叉车证' } },
  {
    label: 'occupation 6-18-02-04 · 霞山区',
    params: { occupationCode: '6-18-02-04', districtCode: '440803' },
  },
  { label: 'occupation group 4-03 · newest', params: { occupationCode: '4-03', sort: 'newest' } },
  { label: '廉江市 · newest (no words)', params: { districtCode: '440881', sort: 'newest' } },
  { label: '≥ ¥8,000 · salary (no words)', params: { salaryMinFen: '800000', sort: 'salary' } },
  { label: '五险一金 · 霞山区', params: { q: '五险一金', districtCode: '440803' } },
  { label: '二保焊 · 广东省', params: { q: '二保焊', regionCode: '440000' } },
  { label: 'Excel', params: { q: 'Excel' } },
  { label: 'CNC', params: { q: 'CNC' } },
  { label: '货车司机 A2', params: { q: '货车司机 A2' } },
  { label: '船员', params: { q: '船员' } },
  { label: 'caregiver · lodging', params: { q: 'caregiver', benefits: 'lodging' } },
  {
    label: '普工 · group 6 · full time',
    params: { q: '普工', occupationCode: '6', employmentType: 'full_time' },
  },
  { label: '客服 · page 3', params: { q: '客服', page: '3' } },
  { label: '区块链工程师 (no match)', params: { q: '区块链工程师' } },
  { label: '(no filters) newest', params: { sort: 'newest' } },
];

export function queryString(params: Record<string, string | string[]>): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (Array.isArray(v)) for (const x of v) sp.append(k, x);
    else sp.append(k, v);
  }
  const s = sp.toString();
  return s ? `?${s}` : '';
}
