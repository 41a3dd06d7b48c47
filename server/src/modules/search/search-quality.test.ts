import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../test/app.js';
import { createMarket, type FixtureKey, type Market } from './search.fixtures.js';

/**
 * The search-quality set: what a worker types on a phone in Zhanjiang, in Chinese and English, and
 * the postings each query must find (and, where it matters, must not). Runs over the fixture market
 * (search.fixtures.ts) through the real API. A failure here is a search regression: change the
 * dictionary or the synonyms (search.text.ts), not the expectation, unless the expectation is wrong.
 */
type Case = {
  q: string;
  must: FixtureKey[];
  mustNot?: FixtureKey[];
  /** The best hit must be one of these. */
  first?: FixtureKey[];
  /** Expect the typo fallback (true) or an exact match (false). */
  fuzzy?: boolean;
};

const NEVER: FixtureKey[] = ['x1', 'x2', 'x3'];

const CASES: Case[] = [
  // Welding: the job word, its synonyms, a technique and the English name.
  {
    q: '焊工',
    must: ['w1', 'w2', 'w3', 'w4', 'w5', 'w6'],
    mustNot: ['e1', 'e2', 'o5', ...NEVER],
    fuzzy: false,
  },
  { q: '电焊', must: ['w1', 'w2', 'w3', 'w4', 'w5'], mustNot: ['e1', 'e2'] },
  { q: '电焊工', must: ['w1', 'w2', 'w3', 'w4', 'w5', 'w6'], mustNot: ['e1', 'o5', ...NEVER] },
  { q: '二保焊', must: ['w1', 'w2', 'w6'], mustNot: ['e1'], first: ['w1', 'w2', 'w6'] },
  { q: '氩弧焊', must: ['w1', 'w3'], mustNot: ['e1'], first: ['w1', 'w3'] },
  { q: 'welder', must: ['w1', 'w2', 'w3', 'w4', 'w5'], mustNot: ['e1', 'g1', ...NEVER], fuzzy: false },
  { q: 'welders', must: ['w1', 'w4'], mustNot: ['e1'] },
  // Factory work.
  { q: '普工', must: ['g1', 'g2', 'a3'], mustNot: ['c1', 'w1', 'n1'] },
  { q: '操作工', must: ['g1', 'g2'], mustNot: ['c1', 's1'] },
  { q: '包装工', must: ['g4'], mustNot: ['w1'] },
  // Forklifts and drivers.
  { q: '叉车', must: ['f1', 'f2'], mustNot: ['d1', 'd3'] },
  { q: 'forklift driver', must: ['f1', 'f2'], mustNot: ['d1', 'd3', 'g1'] },
  { q: '司机', must: ['d1', 'd2', 'd3'], mustNot: ['c1', 'g1'] },
  { q: '货车司机', must: ['d1'], mustNot: ['f1', 'd3'] },
  // Kitchens.
  { q: '厨师', must: ['c1', 'c2', 'c4'], mustNot: ['r1', 'r2'] },
  { q: 'cook', must: ['c1', 'c2', 'c4'], mustNot: ['r2', 'c3'] },
  // Security, cleaning, care.
  { q: '保安', must: ['s1', 's2'], mustNot: ['o8', 's3'] },
  { q: 'security guard', must: ['s1', 's2'], mustNot: ['o8'] },
  { q: '保洁', must: ['s3', 's4'], mustNot: ['s1'] },
  { q: 'cleaner', must: ['s3', 's4'], mustNot: ['s1'] },
  { q: '养老护理员', must: ['n1'], mustNot: ['o3', 's4'], first: ['n1'] },
  { q: 'caregiver', must: ['n1'], mustNot: ['s3', 'o3'] },
  { q: '保姆', must: ['n3'], mustNot: ['n1'] },
  // Warehouses, couriers.
  { q: '仓管', must: ['l1', 'l2'], mustNot: ['l3'] },
  { q: '仓库管理员', must: ['l1', 'l2'], mustNot: ['l3'] },
  { q: '快递', must: ['l3', 'l5'], mustNot: ['l1'] },
  { q: 'courier', must: ['l3'], mustNot: ['l1', 'l2'] },
  { q: '外卖', must: ['l4'], mustNot: ['l1'] },
  // Electricians.
  { q: '电工', must: ['e1', 'e2'], mustNot: ['w1', 'w2', 'w3', 'o5'] },
  { q: 'electrician', must: ['e1', 'e2'], mustNot: ['w1', 'w4'] },
  // Seafood and aquaculture: Zhanjiang's own trades.
  { q: '水产加工', must: ['a1', 'a2', 'a3'], mustNot: ['a4', 'g1'] },
  { q: '剥虾', must: ['a1'], mustNot: ['g1', 'a4'], first: ['a1'] },
  { q: '剥虾工', must: ['a1'], mustNot: ['g1'] },
  { q: 'seafood', must: ['a1', 'a2', 'a3', 'a5'], mustNot: ['a4', 'c1'] },
  { q: '养虾', must: ['a4'], mustNot: ['a1'] },
  // Restaurants and sales.
  { q: '服务员', must: ['r1', 'r2'], mustNot: ['c1', 'c3'] },
  { q: 'waiter', must: ['r1', 'r2'], mustNot: ['c3', 'c1'] },
  { q: '销售', must: ['m1', 'm2'], mustNot: ['o1', 'o12'] },
  { q: '汽修', must: ['o6'], mustNot: ['o13'] },
  // Benefits and places.
  { q: '包吃住', must: ['w1', 'w5', 'g1', 'c2', 'a1', 'n1'], mustNot: ['o2', 'e2', ...NEVER] },
  { q: '霞山 焊工', must: ['w1', 'w4', 'w6'], mustNot: ['w2', 'w3', 'w5'] },
  { q: '霞山区电焊工', must: ['w1', 'w4'], mustNot: ['w2', 'w3'] },
  { q: '霞山 保安', must: ['s1'], mustNot: ['s2'] },
  { q: '湛江 叉车', must: ['f1', 'f2'], mustNot: ['d1'] },
  // Typos: the fallback must find the trade, not a neighbour one character away.
  { q: '焊攻', must: ['w1', 'w2', 'w3'], mustNot: ['e1', 'o5'], fuzzy: true },
  { q: '电悍工', must: ['w1', 'w2', 'w3'], mustNot: ['o5', 'e1', 'e2'], fuzzy: true },
  { q: 'weldr', must: ['w1', 'w4'], mustNot: ['e1'], fuzzy: true },
  { q: 'forklft', must: ['f1', 'f2'], mustNot: ['d1'], fuzzy: true },
  { q: 'caregivr', must: ['n1'], mustNot: ['s3'], fuzzy: true },
];

let t: TestApp;
let market: Market;

beforeAll(async () => {
  t = await testApp();
  market = await createMarket(t.db);
});
afterAll(async () => {
  await t.close();
});

type Result = { items: { id: string }[]; fuzzy: boolean };

async function search(q: string): Promise<{ keys: FixtureKey[]; fuzzy: boolean }> {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/v1/job-postings?${new URLSearchParams({ q, pageSize: '100' }).toString()}`,
  });
  expect(res.statusCode, res.body).toBe(200);
  const body = JSON.parse(res.body) as Result;
  // Other test files share the database: judge only this market's postings.
  const keys = body.items.flatMap((i) => {
    const k = market.keyOf.get(i.id);
    return k ? [k] : [];
  });
  return { keys, fuzzy: body.fuzzy };
}

describe('search quality', () => {
  it('has at least 30 queries in Chinese and English', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
    expect(CASES.some((c) => /^[a-z ]+$/.test(c.q))).toBe(true);
  });

  it.each(CASES)('$q', async (c) => {
    const { keys, fuzzy } = await search(c.q);
    const missing = c.must.filter((k) => !keys.includes(k));
    const unwanted = (c.mustNot ?? []).filter((k) => keys.includes(k));
    expect({ missing, unwanted }).toEqual({ missing: [], unwanted: [] });
    if (c.first) expect(c.first).toContain(keys[0]);
    if (c.fuzzy !== undefined) expect(fuzzy).toBe(c.fuzzy);
  });
});
