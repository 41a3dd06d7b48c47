import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEY_GROUPS, type PutResumeBody } from '@jiuye/shared';
import { testApp, type TestApp } from '../../../test/app.js';
import { createUser, login, signedIn } from '../../../test/factories.js';
import { createEnterprise, createPosting, type TestEnterprise } from '../../../test/channel-factories.js';
import { createMarket, type Market } from '../search/search.fixtures.js';
import { idNumber, putResume, randomIdNumber, welderResume } from '../resumes/resumes.fixtures.js';

type Reason = { code: string; label: string; weight: number };
type Rec = { postingId: string; score: number; reasons: Reason[]; title: string };
type Cand = { seekerUserId: string; score: number; reasons: Reason[] } & Record<string, unknown>;
type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

let t: TestApp;
let market: Market;
let shipyard: TestEnterprise & { ownerUserId: string; ownerPhone: string };
/** The acceptance test's posting: a welder in 霞山区 asking for 二保焊. */
let weldingPostingId: string;

beforeAll(async () => {
  t = await testApp();
  market = await createMarket(t.db);
  shipyard = market.enterprises.shipyard;
  weldingPostingId = (
    await createPosting(t.db, shipyard, {
      title: '招聘电焊工（二保焊）',
      occupationCode: '6-18-02-04',
      districtCode: '440803',
      description: '船厂分段焊接，熟练二保焊、氩弧焊，包吃住，月薪8000-12000元。',
      skills: ['二保焊', '氩弧焊'],
      salaryMinFen: 800_000,
      salaryMaxFen: 1_200_000,
      educationLevel: 'junior_high',
      experienceYears: 2,
      benefits: ['board', 'lodging'],
    })
  ).id;
});
afterAll(async () => {
  await t.close();
});

async function get<T>(url: string, headers: Record<string, string>, lang = 'zh-CN') {
  const res = await t.app.inject({ method: 'GET', url, headers: { ...headers, 'accept-language': lang } });
  return { status: res.statusCode, body: JSON.parse(res.body) as T, raw: res.body };
}

const recs = (h: Record<string, string>, lang = 'zh-CN', qs = 'pageSize=50') =>
  get<Page<Rec>>(`/api/v1/me/recommendations?${qs}`, h, lang);
const cands = (postingId: string, h: Record<string, string>, lang = 'zh-CN') =>
  get<Page<Cand>>(`/api/v1/job-postings/${postingId}/candidates?pageSize=50`, h, lang);

describe('acceptance: a welder in 霞山区', () => {
  it('fills a welder résumé, finds the posting by searching 焊工 and sees it in the top 3 recommendations with reasons', async () => {
    const s = await signedIn(t.app, t.db, 'seeker');
    const put = await putResume(t.app, s.headers, welderResume());
    expect(put.statusCode, put.body).toBe(200);

    const search = await get<{ items: { id: string; titleHighlighted: string }[] }>(
      `/api/v1/job-postings?q=${encodeURIComponent('焊工')}&pageSize=100`,
      {},
    );
    expect(search.status).toBe(200);
    const hit = search.body.items.find((i) => i.id === weldingPostingId);
    expect(hit?.titleHighlighted).toContain('<mark>电焊工</mark>');

    const r = await recs(s.headers);
    expect(r.status, r.raw).toBe(200);
    const top3 = r.body.items.slice(0, 3);
    const mine = top3.find((i) => i.postingId === weldingPostingId);
    expect(mine, JSON.stringify(top3.map((i) => [i.title, i.score]))).toBeDefined();
    expect(mine?.score).toBeGreaterThanOrEqual(90);
    expect(mine?.reasons.map((x) => x.code)).toEqual(
      expect.arrayContaining(['occupation_exact', 'location_district', 'skills', 'salary_fit']),
    );
    expect(mine?.reasons.find((x) => x.code === 'skills')?.label).toBe('技能匹配：二保焊、氩弧焊');
    expect(mine?.reasons.find((x) => x.code === 'location_district')?.label).toContain('霞山区');
    // Best first, scores on a 0–100 scale, reasons adding up to the score.
    const scores = r.body.items.map((i) => i.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    for (const i of r.body.items) {
      expect(i.score).toBeGreaterThanOrEqual(0);
      expect(i.score).toBeLessThanOrEqual(100);
      expect(i.reasons.reduce((a, x) => a + x.weight, 0)).toBeCloseTo(i.score, 0);
    }
    // Unrelated work ranks below every welding job in 霞山.
    const rank = (key: keyof Market['ids']) => r.body.items.findIndex((i) => i.postingId === market.ids[key]);
    expect(rank('w1')).toBeGreaterThanOrEqual(0);
    if (rank('o1') >= 0) expect(rank('o1')).toBeGreaterThan(rank('w1'));
    // Never expired, unreviewed or unverified postings.
    for (const k of ['x1', 'x2', 'x3'] as const) expect(rank(k)).toBe(-1);
  });

  it('labels reasons in the reader’s language', async () => {
    const s = await signedIn(t.app, t.db, 'seeker');
    await putResume(t.app, s.headers, welderResume());
    const r = await recs(s.headers, 'en-US');
    const mine = r.body.items.find((i) => i.postingId === weldingPostingId);
    expect(mine?.reasons.find((x) => x.code === 'occupation_exact')?.label).toBe(
      'The occupation you want: Welder',
    );
    expect(mine?.reasons.find((x) => x.code === 'skills')?.label).toBe('Matching skills: 二保焊, 氩弧焊');
  });

  it('recommends postings recruiting from a migrant worker’s home region', async () => {
    const liuzhouJob = await createPosting(t.db, market.enterprises.steel, {
      title: '钢构焊工（面向柳州招聘）',
      occupationCode: '6-18-02-04',
      districtCode: '440811',
      targetRegionCodes: ['450200'],
      skills: ['二保焊'],
    });
    const s = await signedIn(t.app, t.db, 'seeker');
    await putResume(
      t.app,
      s.headers,
      welderResume({
        desiredDistrictCodes: ['450203'],
        currentRegionCode: '450203',
        idNumber: randomIdNumber('450203'),
      }),
    );
    const r = await recs(s.headers);
    const item = r.body.items.find((i) => i.postingId === liuzhouJob.id);
    expect(item?.reasons.map((x) => x.code)).toContain('location_recruits_from');
    const other = r.body.items.find((i) => i.postingId === market.ids.w2);
    if (other) expect(item?.score ?? 0).toBeGreaterThan(other.score);
  });

  it('asks for a résumé first, and pages up to 50', async () => {
    const h = (await signedIn(t.app, t.db, 'seeker')).headers;
    const none = await recs(h);
    expect(none.status).toBe(409);
    expect((none.body as unknown as { code: string }).code).toBe('resume_required');
    await putResume(t.app, h, welderResume());
    expect((await recs(h, 'zh-CN', 'pageSize=51')).status).toBe(400);
    const p1 = await recs(h, 'zh-CN', 'pageSize=5&page=1');
    const p2 = await recs(h, 'zh-CN', 'pageSize=5&page=2');
    expect(p1.body.items).toHaveLength(5);
    expect(p1.body.total).toBeGreaterThan(10);
    expect(p2.body.items.map((i) => i.postingId)).not.toContain(p1.body.items[0]?.postingId);
  });
});

describe('candidates for a posting', () => {
  let visible: { id: string; idNumber: string };
  let hidden: { id: string; idNumber: string };

  beforeAll(async () => {
    const mk = async (visibleToEmployers: boolean) => {
      const s = await signedIn(t.app, t.db, 'seeker');
      const id = randomIdNumber();
      const res = await putResume(
        t.app,
        s.headers,
        welderResume({ idNumber: id, visibleToEmployers, visibilityConsent: visibleToEmployers }),
      );
      expect(res.statusCode, res.body).toBe(200);
      return { id: s.user.id, idNumber: id };
    };
    visible = await mk(true);
    hidden = await mk(false);
  });

  it('shows the enterprise only seekers who opted in, with reasons for an employer', async () => {
    const owner = await login(t.app, shipyard.ownerPhone);
    const r = await cands(weldingPostingId, { cookie: owner });
    expect(r.status, r.raw).toBe(200);
    const ids = r.body.items.map((i) => i.seekerUserId);
    expect(ids).toContain(visible.id);
    expect(ids).not.toContain(hidden.id);
    const c = r.body.items.find((i) => i.seekerUserId === visible.id);
    expect(c?.reasons.find((x) => x.code === 'occupation_exact')?.label).toBe('求职意向一致：焊工');
    expect(c?.score).toBeGreaterThanOrEqual(90);
  });

  it('shows staff of the posting’s district every seeker, never an identity number, gender or age', async () => {
    const staff = (await signedIn(t.app, t.db, 'staff', { districtCodes: ['440803'] })).headers;
    const r = await cands(weldingPostingId, staff);
    expect(r.status).toBe(200);
    const ids = r.body.items.map((i) => i.seekerUserId);
    expect(ids).toEqual(expect.arrayContaining([visible.id, hidden.id]));
    for (const secret of [visible.idNumber, hidden.idNumber]) {
      expect(r.raw).not.toContain(secret);
      expect(r.raw).not.toContain(secret.slice(14));
      expect(r.raw).not.toContain(secret.slice(6, 14));
    }
    for (const item of r.body.items) {
      expect(Object.keys(item)).not.toEqual(
        expect.arrayContaining(['idNumber', 'idNumberMasked', 'gender', 'birthDate', 'keyGroups']),
      );
    }
    const audit = await t.db
      .selectFrom('auditLog')
      .select(['action', 'summary'])
      .where('entityId', '=', weldingPostingId)
      .where('action', '=', 'candidates.view')
      .execute();
    expect(audit.length).toBeGreaterThan(0);
  });

  it('answers 404 to another enterprise, to staff of another district and for an unknown posting', async () => {
    const other = await createUser(t.db, { role: 'employer' });
    await createEnterprise(t.db, { ownerUserId: other.id, ownerPhone: other.phone });
    const otherCookie = await login(t.app, other.phone);
    expect((await cands(weldingPostingId, { cookie: otherCookie })).status).toBe(404);
    const staffElsewhere = (await signedIn(t.app, t.db, 'staff', { districtCodes: ['440802'] })).headers;
    expect((await cands(weldingPostingId, staffElsewhere)).status).toBe(404);
    const staff = (await signedIn(t.app, t.db, 'staff', { districtCodes: ['440803'] })).headers;
    expect((await cands('00000000-0000-4000-8000-000000000000', staff)).status).toBe(404);
    const seeker = (await signedIn(t.app, t.db, 'seeker')).headers;
    expect((await cands(weldingPostingId, seeker)).status).toBe(403);
  });
});

/**
 * Fairness (Employment Promotion Law): gender, age (birth date), household registration and
 * key-group status must never move a score or a rank. Each run re-registers the same seeker with
 * another identity number (and key groups) and compares the whole ranking in both directions.
 */
describe('fairness', () => {
  const REGIONS = ['440803', '450203', '621202', '110105', '440882', '510104'];
  const identity = fc.record({
    region: fc.constantFrom(...REGIONS),
    birth: fc.date({
      min: new Date('1962-01-01T00:00:00Z'),
      max: new Date('2006-06-30T00:00:00Z'),
      noInvalidDate: true,
    }),
    male: fc.boolean(),
    seq: fc.integer({ min: 0, max: 499 }),
    keyGroups: fc.subarray([...KEY_GROUPS]),
  });
  const idOf = (x: { region: string; birth: Date; male: boolean; seq: number }) =>
    idNumber(
      x.region,
      x.birth.toISOString().slice(0, 10),
      String(x.seq * 2 + (x.male ? 1 : 0)).padStart(3, '0'),
    );
  const resumeWith = (
    x: {
      region: string;
      birth: Date;
      male: boolean;
      seq: number;
      keyGroups: PutResumeBody['keyGroups'] & string[];
    },
    base: PutResumeBody,
  ): PutResumeBody => ({
    ...base,
    idNumber: idOf(x),
    birthDate: undefined,
    keyGroups: x.keyGroups,
    keyGroupConsent: x.keyGroups.length > 0,
  });

  it('recommendations: the same order and scores whatever the gender, age, household region or key groups', async () => {
    const s = await signedIn(t.app, t.db, 'seeker');
    const base = welderResume({ idNumber: undefined, birthDate: '1990-01-01' });
    expect((await putResume(t.app, s.headers, base)).statusCode).toBe(200);
    const ranking = async () => (await recs(s.headers)).body.items.map((i) => `${i.postingId}:${i.score}`);
    const baseline = await ranking();
    expect(baseline.length).toBeGreaterThan(10);
    await fc.assert(
      fc.asyncProperty(identity, async (x) => {
        const res = await putResume(t.app, s.headers, resumeWith(x, base));
        expect(res.statusCode, res.body).toBe(200);
        expect(await ranking()).toEqual(baseline);
      }),
      { numRuns: 15 },
    );
  });

  it('candidates: the same order and scores when seekers’ gender, age, household region or key groups change', async () => {
    const staff = (await signedIn(t.app, t.db, 'staff', { districtCodes: ['440803'] })).headers;
    const seekers: { headers: Record<string, string>; body: PutResumeBody }[] = [];
    const variants: Partial<PutResumeBody>[] = [
      {},
      { skills: ['氩弧焊'] },
      { desiredDistrictCodes: ['440811'], currentRegionCode: '440811' },
      { expectedSalaryMinFen: 1_500_000 },
      { desiredOccupationCodes: ['6-18-03-01'], experiences: [] },
    ];
    for (const v of variants) {
      const h = (await signedIn(t.app, t.db, 'seeker')).headers;
      const body = welderResume({ idNumber: undefined, birthDate: '1985-06-01', ...v });
      expect((await putResume(t.app, h, body)).statusCode).toBe(200);
      seekers.push({ headers: h, body });
    }
    const ranking = async () =>
      (await cands(weldingPostingId, staff)).body.items.map((i) => `${i.seekerUserId}:${i.score}`);
    const baseline = await ranking();
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: seekers.length - 1 }), identity, async (i, x) => {
        const who = seekers[i];
        if (!who) return;
        const res = await putResume(t.app, who.headers, resumeWith(x, who.body));
        expect(res.statusCode, res.body).toBe(200);
        expect(await ranking()).toEqual(baseline);
      }),
      { numRuns: 15 },
    );
  });
});
