import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../test/app.js';
import { createUser } from '../../../test/factories.js';
import {
  createEnterprise,
  createPosting,
  type PostingOverrides,
  type TestEnterprise,
} from '../../../test/channel-factories.js';
import { sql } from 'kysely';
import { SEARCH_MAX_RESULTS } from '@jiuye/shared';
import { searchWindow } from './search.repository.js';
import { chinaDate } from './search.service.js';

type Hit = {
  id: string;
  title: string;
  titleHighlighted: string;
  snippet: string;
  occupationName: string;
  districtName: string;
};
type Facet = { value: string; label: string; count: number };
type Result = {
  items: Hit[];
  total: number;
  totalCapped: boolean;
  page: number;
  pageSize: number;
  facets: { district: Facet[]; occupationGroup: Facet[]; salaryBand: Facet[] };
  fuzzy: boolean;
  terms: string[];
};
type Problem = { code: string; errors?: { path: string; code: string }[] };

let t: TestApp;
let ent: TestEnterprise;
/** A word no other test uses: every query here includes it, so other test files' postings never count. */
const MARK = `zq${randomBytes(3).toString('hex').replace(/\d/g, 'k')}`;
const ids: Record<string, string> = {};
const DAY = 86400_000;

async function post(key: string, o: PostingOverrides) {
  ids[key] = (
    await createPosting(t.db, ent, {
      description: '工作地点湛江，面试详谈。',
      skills: [],
      ...o,
      title: `${o.title ?? '岗位'} ${MARK}`,
    })
  ).id;
}

beforeAll(async () => {
  t = await testApp();
  const owner = await createUser(t.db, { role: 'employer' });
  ent = await createEnterprise(t.db, {
    ownerUserId: owner.id,
    ownerPhone: owner.phone,
    name: '湛江检索测试有限公司',
  });
  const now = Date.now();
  await post('A', {
    title: '电焊工',
    districtCode: '440803',
    occupationCode: '6-18-02-04',
    salaryMinFen: 800_000,
    salaryMaxFen: 1_200_000,
    benefits: ['board', 'lodging'],
    publishedAt: new Date(now - 1 * DAY),
  });
  await post('B', {
    title: '钣金工',
    districtCode: '440811',
    occupationCode: '6-18-03-01',
    salaryMinFen: 500_000,
    salaryMaxFen: 600_000,
    benefits: ['lodging'],
    publishedAt: new Date(now - 10 * DAY),
  });
  await post('C', {
    title: '厨师',
    districtCode: '440802',
    occupationCode: '4-03-02-01',
    salaryMinFen: 250_000,
    salaryMaxFen: 290_000,
    benefits: ['board'],
    employmentType: 'part_time',
    publishedAt: new Date(now - 40 * DAY),
  });
  await post('D', {
    title: '电焊工（柳州）',
    districtCode: '450203',
    occupationCode: '6-18-02-04',
    salaryMinFen: 30_000,
    salaryMaxFen: 40_000,
    salaryPeriod: 'day',
    employmentType: 'temporary',
    benefits: [],
    publishedAt: new Date(now - 2 * DAY),
  });
  await post('E', {
    title: '普工',
    districtCode: '440803',
    occupationCode: '6-99-00-00',
    salaryMinFen: 1_200_000,
    salaryMaxFen: 1_500_000,
    benefits: [],
    publishedAt: new Date(now - 3600_000),
  });
  await post('F', { title: '过期电焊工', expiresOn: '2021-01-01' });
});
afterAll(async () => {
  await t.close();
});

async function search(params: Record<string, string | string[]>, lang = 'zh-CN') {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) for (const x of [v].flat()) qs.append(k, x);
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/v1/job-postings?${qs.toString()}`,
    headers: { 'accept-language': lang },
  });
  return { status: res.statusCode, body: JSON.parse(res.body) as Result & Problem };
}

const keysOf = (r: Result) =>
  r.items.map((i) => Object.entries(ids).find(([, id]) => id === i.id)?.[0] ?? '?');
const sorted = (r: Result) => keysOf(r).sort();

describe('search filters', () => {
  it.each<[string, Record<string, string | string[]>, string[]]>([
    ['the word alone', {}, ['A', 'B', 'C', 'D', 'E']],
    ['districtCode exact', { districtCode: '440803' }, ['A', 'E']],
    ['regionCode of a city (Zhanjiang 440800 → 4408%)', { regionCode: '440800' }, ['A', 'B', 'C', 'E']],
    ['regionCode of a province (Guangdong 440000 → 44%)', { regionCode: '440000' }, ['A', 'B', 'C', 'E']],
    ['regionCode of another province (Guangxi)', { regionCode: '450000' }, ['D']],
    ['regionCode of a county', { regionCode: '440811' }, ['B']],
    ['occupation medium group 6-18 matches its members', { occupationCode: '6-18' }, ['A', 'B', 'D']],
    ['occupation minor group 6-18-02', { occupationCode: '6-18-02' }, ['A', 'D']],
    ['occupation exact', { occupationCode: '6-18-02-04' }, ['A', 'D']],
    ['occupation major group 6', { occupationCode: '6' }, ['A', 'B', 'D', 'E']],
    ['salaryMinFen on the monthly maximum (day pay × 21.75)', { salaryMinFen: '800000' }, ['A', 'D', 'E']],
    ['employmentType', { employmentType: 'temporary' }, ['D']],
    ['one benefit', { benefits: 'board' }, ['A', 'C']],
    ['every benefit listed', { benefits: ['board', 'lodging'] }, ['A']],
    ['postedWithin days', { postedWithin: '7' }, ['A', 'D', 'E']],
    ['filters combine', { occupationCode: '6-18', regionCode: '440800', salaryMinFen: '550000' }, ['A', 'B']],
  ])('%s', async (_name, params, expected) => {
    const r = await search({ q: MARK, pageSize: '100', ...params });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(sorted(r.body)).toEqual(expected);
    expect(r.body.total).toBe(expected.length);
  });

  it('sorts by salary and by date', async () => {
    expect(keysOf((await search({ q: MARK, sort: 'salary' })).body)).toEqual(['E', 'A', 'D', 'B', 'C']);
    expect(keysOf((await search({ q: MARK, sort: 'newest' })).body)).toEqual(['E', 'A', 'D', 'B', 'C']);
  });

  it('pages', async () => {
    const p1 = await search({ q: MARK, sort: 'newest', pageSize: '2', page: '1' });
    const p3 = await search({ q: MARK, sort: 'newest', pageSize: '2', page: '3' });
    expect(keysOf(p1.body)).toEqual(['E', 'A']);
    expect(keysOf(p3.body)).toEqual(['C']);
    expect(p3.body).toMatchObject({ total: 5, totalCapped: false, page: 3, pageSize: 2 });
  });

  it('counts facets: districts with names, occupation groups, salary bands', async () => {
    const r = (await search({ q: MARK })).body;
    expect(r.facets.district).toEqual(
      expect.arrayContaining([
        { value: '440803', label: '霞山区', count: 2 },
        { value: '440811', label: '麻章区', count: 1 },
      ]),
    );
    expect(r.facets.occupationGroup).toEqual(
      expect.arrayContaining([{ value: '6-18', label: '机械制造基础加工人员', count: 3 }]),
    );
    expect(r.facets.salaryBand).toEqual([
      { value: 'lt3000', label: '3000元以下', count: 1 },
      { value: '5000-8000', label: '5000–8000元', count: 1 },
      { value: '8000-12000', label: '8000–12000元', count: 1 },
      { value: 'gte12000', label: '12000元及以上', count: 2 },
    ]);
    const narrowed = (await search({ q: MARK, occupationCode: '6-18' }, 'en-US')).body;
    expect(narrowed.facets.occupationGroup).toEqual(
      expect.arrayContaining([
        { value: '6-18-02', label: 'Hot metalworking workers', count: 2 },
        { value: '6-18-03', label: 'Sheet metal workers', count: 1 },
      ]),
    );
  });

  it('hides the postings of an enterprise no longer verified, with words and without', async () => {
    const owner = await createUser(t.db, { role: 'employer' });
    const other = await createEnterprise(t.db, {
      ownerUserId: owner.id,
      ownerPhone: owner.phone,
      name: '湛江停业测试有限公司',
    });
    const hidden = (
      await createPosting(t.db, other, {
        title: `电焊工 ${MARK}`,
        description: '面试详谈。',
        skills: [],
        districtCode: '440803',
        // The best paid and the newest in its district: shown first in every order while verified.
        salaryMinFen: 9_000_000,
        salaryMaxFen: 9_900_000,
      })
    ).id;
    // A title only this enterprise uses, for the suggestions.
    const mark2 = `zq${randomBytes(3).toString('hex').replace(/\d/g, 'm')}`;
    const second = (
      await createPosting(t.db, other, { title: `仓管员 ${mark2}`, description: '面试详谈。', skills: [] })
    ).id;
    const suggestedTitles = async (q: string) => {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/v1/job-postings/suggest?q=${encodeURIComponent(q)}`,
      });
      expect(res.statusCode, res.body).toBe(200);
      return (JSON.parse(res.body) as { items: { text: string }[] }).items.map((i) => i.text);
    };
    const shown = async (params: Record<string, string>) =>
      (await search({ pageSize: '100', ...params })).body.items.some((i) => i.id === hidden);
    try {
      expect(await suggestedTitles(mark2)).toContain(`仓管员 ${mark2}`);
      expect(await shown({ q: MARK })).toBe(true);
      expect(await shown({ districtCode: '440803', sort: 'newest' })).toBe(true);
      expect(await shown({ districtCode: '440803', sort: 'salary' })).toBe(true);
      await sql`UPDATE enterprises SET status = 'suspended' WHERE id = ${other.id}`.execute(t.db);
      expect(await shown({ q: MARK })).toBe(false);
      expect(await shown({ q: MARK, sort: 'salary' })).toBe(false);
      expect(await shown({ districtCode: '440803', sort: 'newest' })).toBe(false);
      expect(await shown({ districtCode: '440803', sort: 'salary' })).toBe(false);
      // Nor do its titles come up as suggestions.
      expect(await suggestedTitles(mark2)).not.toContain(`仓管员 ${mark2}`);
    } finally {
      await sql`DELETE FROM job_postings WHERE id IN (${hidden}, ${second})`.execute(t.db);
    }
  });

  it('reads a bounded window: the LIMITed scan stops early', async () => {
    const rows = await searchWindow(
      t.db,
      { today: chinaDate(new Date()), text: { kind: 'fts', tsQuery: `'${MARK}'` } },
      { days: null, before: null, limit: 3 },
    );
    expect(rows.map((r) => r.id)).toEqual([ids.E, ids.A, ids.D]);
  });

  it(`counts up to ${SEARCH_MAX_RESULTS} matches, then says the total is capped`, async () => {
    const m = `${MARK}c`;
    const seed = (
      await createPosting(t.db, ent, {
        title: `岗位 ${m}`,
        description: '面试详谈。',
        skills: [],
        benefits: [],
      })
    ).id;
    // Copies of one posting, published a minute apart (the same words, so the same search hits).
    await sql`
      INSERT INTO job_postings (enterprise_id, title, occupation_code, description, district_code, headcount,
        salary_min_fen, salary_max_fen, salary_period, salary_month_min_fen, salary_month_max_fen, employment_type,
        skills, benefits, expires_on, status, published_at, search_vector, search_text)
      SELECT enterprise_id, title, occupation_code, description, district_code, headcount, salary_min_fen,
        salary_max_fen, salary_period, salary_month_min_fen, salary_month_max_fen, employment_type, skills, benefits,
        expires_on, status, published_at - g * interval '1 minute', search_vector, search_text
      FROM job_postings, generate_series(1, ${SEARCH_MAX_RESULTS + 5}) g WHERE id = ${seed}
    `.execute(t.db);
    try {
      const r = (await search({ q: m })).body;
      expect(r).toMatchObject({ total: SEARCH_MAX_RESULTS, totalCapped: true });
      expect(r.facets.district).toEqual([{ value: '440803', label: '霞山区', count: SEARCH_MAX_RESULTS }]);
      const last = await search({ q: m, page: String(SEARCH_MAX_RESULTS / 20), pageSize: '20' });
      expect(last.body.items).toHaveLength(20);
      expect((await search({ q: m, page: String(SEARCH_MAX_RESULTS / 20 + 1), pageSize: '20' })).status).toBe(
        400,
      );
      const salary = await search({ q: m, sort: 'salary', pageSize: '5' });
      expect(salary.body.items).toHaveLength(5);
    } finally {
      // Other test files share the database: a thousand fresh postings would fill their windows.
      await sql`DELETE FROM job_postings WHERE title = ${`岗位 ${m}`}`.execute(t.db);
    }
  });
});

describe('search answers', () => {
  it('ranks a title match above a description match', async () => {
    const m = `${MARK}r`;
    const inText = (
      await createPosting(t.db, ent, {
        title: `普工 ${m}`,
        description: '兼做仓管工作',
        occupationCode: '6-99-00-00',
      })
    ).id;
    const inTitle = (
      await createPosting(t.db, ent, {
        title: `仓管员 ${m}`,
        occupationCode: '4-02-06-01',
        publishedAt: new Date(Date.now() - 20 * DAY),
      })
    ).id;
    const r = (await search({ q: `${m} 仓管` })).body;
    expect(r.items.map((i) => i.id)).toEqual([inTitle, inText]);
  });

  it('highlights matched words and escapes HTML', async () => {
    const m = `${MARK}h`;
    await createPosting(t.db, ent, {
      title: `<b>电焊工</b> & co ${m}`,
      description: '负责<script>船体</script>焊接，二保焊熟练。',
    });
    const r = (await search({ q: `${m} 二保焊` })).body;
    expect(r.items[0]?.titleHighlighted).toBe(
      `&lt;b&gt;<mark>电焊工</mark>&lt;/b&gt; &amp; co <mark>${m}</mark>`,
    );
    expect(r.items[0]?.snippet).toContain('<mark>二保焊</mark>');
    expect(r.items[0]?.snippet).toContain('&lt;/script&gt;');
    expect(r.items[0]?.snippet).not.toContain('<script>');
    expect(r.terms).toEqual(expect.arrayContaining(['二保焊', '电焊工']));
  });

  it('names occupations in the reader’s language', async () => {
    const r = (await search({ q: MARK, districtCode: '440811' }, 'en-US')).body;
    expect(r.items[0]).toMatchObject({
      occupationName: 'Sheet metal and plate worker',
      districtName: '麻章区',
    });
  });

  it('reports the typo fallback and the corrected words', async () => {
    const r = (await search({ q: `焊攻 ${MARK}` })).body;
    expect(r.fuzzy).toBe(true);
    expect(r.terms).toEqual(expect.arrayContaining(['焊工']));
    expect(sorted(r)).toEqual(['A', 'D']);
    const none = (await search({ q: `${MARK} 宇航员` })).body;
    expect(none).toMatchObject({ total: 0, items: [], fuzzy: false });
  });

  it.each<[string, Record<string, string>, string, string]>([
    ['an unknown district', { districtCode: '449999' }, 'districtCode', 'unknown_region'],
    ['an unknown region', { regionCode: '990000' }, 'regionCode', 'unknown_region'],
    ['an unknown occupation group', { occupationCode: '6-18-99' }, 'occupationCode', 'unknown_occupation'],
  ])('refuses %s with 400 naming the parameter', async (_n, params, path, code) => {
    const r = await search({ q: MARK, ...params });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ code: 'unknown_code', errors: [{ path, code }] });
  });

  it('refuses paging past the counted results, a malformed code, an unknown parameter', async () => {
    expect(
      (await search({ page: String(SEARCH_MAX_RESULTS / 100 + 1), pageSize: '100' })).body,
    ).toMatchObject({
      code: 'validation_failed',
      errors: [{ path: 'page', code: 'too_big' }],
    });
    expect((await search({ regionCode: '12' })).body.errors?.[0]).toMatchObject({
      path: 'regionCode',
      code: 'region_format',
    });
    expect((await search({ sort: 'price' })).status).toBe(400);
    expect((await search({ colour: 'red' })).status).toBe(400);
  });

  it.each([
    `"电焊工"`,
    `\\`,
    `'`,
    `O'Neil's \\ "weld"`,
    `&|!():*`,
    `电焊工 & !普工 | (叉车:*)`,
    `<->`,
    `焊工 🔥👷‍♂️`,
    `🙂`,
    `%_`,
    `\u0000`,
    'a'.repeat(100),
    '焊'.repeat(100),
  ])('never fails on %j', async (q) => {
    const r = await search({ q });
    expect(r.status).toBe(200);
    const s = await t.app.inject({
      method: 'GET',
      url: `/api/v1/job-postings/suggest?q=${encodeURIComponent(q.slice(0, 40))}`,
    });
    expect(s.statusCode).toBeLessThan(500);
  });

  it('refuses a 5,000-character query with 400, not 500', async () => {
    const r = await search({ q: '焊'.repeat(5000) });
    expect(r.status).toBe(400);
    expect(r.body.errors?.[0]).toMatchObject({ path: 'q', code: 'too_big' });
  });
});

describe('autocomplete', () => {
  async function suggest(q: string, lang = 'zh-CN') {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/job-postings/suggest?q=${encodeURIComponent(q)}`,
      headers: { 'accept-language': lang },
    });
    expect(res.statusCode, res.body).toBe(200);
    return (JSON.parse(res.body) as { items: { text: string; kind: string; code: string | null }[] }).items;
  }

  it('suggests occupations by name, keyword or English word', async () => {
    expect(await suggest('焊')).toEqual(
      expect.arrayContaining([{ text: '焊工', kind: 'occupation', code: '6-18-02-04' }]),
    );
    expect(await suggest('叉车')).toEqual(
      expect.arrayContaining([{ text: '叉车司机', kind: 'occupation', code: '6-30-05-90' }]),
    );
    expect(await suggest('weld', 'en-US')).toEqual(
      expect.arrayContaining([{ text: 'Welder', kind: 'occupation', code: '6-18-02-04' }]),
    );
  });

  it('suggests popular titles by prefix', async () => {
    const items = await suggest(MARK.slice(0, 6));
    expect(items.filter((i) => i.kind === 'title').map((i) => i.text)).toEqual(
      expect.arrayContaining([`电焊工 ${MARK}`, `普工 ${MARK}`]),
    );
    expect(items.map((i) => i.text)).not.toContain(`过期电焊工 ${MARK}`);
  });

  it('needs a query', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/job-postings/suggest?q=' });
    expect(res.statusCode).toBe(400);
  });
});
