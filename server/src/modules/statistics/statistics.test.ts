import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../test/app.js';
import { createEnterprise, createPosting, type TestEnterprise } from '../../../test/channel-factories.js';
import { createUser, signedIn } from '../../../test/factories.js';
import { runWarningSweep, seedWarningRules } from '../warnings/index.js';

/**
 * A small fixture in 徐闻县 (440825) in March 2019, far from other tests' data, with every expected
 * figure computed by hand below.
 */
const D = '440825';
let t: TestApp;
let ent: TestEnterprise;
let staffHeaders: Record<string, string>;

async function resume(createdAt: string, region: string, occupations: string[] = []) {
  const u = await createUser(t.db, { role: 'seeker' });
  await t.db
    .insertInto('resumes')
    .values({
      userId: u.id,
      fullName: '李四',
      currentRegionCode: region,
      desiredOccupationCodes: occupations,
      createdAt: new Date(createdAt),
    })
    .execute();
}

async function employmentRegistration(on: string, source: 'employer' | 'platform_hire') {
  const p = await t.db
    .insertInto('persons')
    .values({ fullName: '王五', phone: '13900000000' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.db
    .insertInto('registrations')
    .values({
      personId: p.id,
      kind: 'employment',
      districtCode: D,
      source,
      registeredOn: on,
      enterpriseId: ent.id,
      hiredOn: on,
      jobTitle: '电焊工',
    })
    .execute();
}

beforeAll(async () => {
  t = await testApp();
  await seedWarningRules(t.db);
  const employer = await createUser(t.db, { role: 'employer' });
  ent = await createEnterprise(t.db, {
    ownerUserId: employer.id,
    ownerPhone: employer.phone,
    districtCode: D,
  });
  staffHeaders = (await signedIn(t.app, t.db, 'staff', { districtCodes: [D] })).headers;
  // March 2019 (China time): P1 5 places, P2 3 places.
  await createPosting(t.db, ent, { headcount: 5, publishedAt: new Date('2019-03-05T09:00:00+08:00') });
  await createPosting(t.db, ent, { headcount: 3, publishedAt: new Date('2019-03-20T09:00:00+08:00') });
  // 1 April 00:30 China time is still 31 March in UTC: it belongs to April.
  await createPosting(t.db, ent, { headcount: 10, publishedAt: new Date('2019-04-01T00:30:00+08:00') });
  // 28 February 23:30 China time: February. P3 published in February, closed in March.
  await createPosting(t.db, ent, { headcount: 2, publishedAt: new Date('2019-02-28T23:30:00+08:00') });
  const p3 = await createPosting(t.db, ent, {
    headcount: 4,
    publishedAt: new Date('2019-02-10T09:00:00+08:00'),
    status: 'closed',
  });
  await t.db
    .updateTable('jobPostings')
    .set({
      updatedAt: new Date('2019-03-15T09:00:00+08:00'),
      publishedAt: new Date('2019-02-10T09:00:00+08:00'),
    })
    .where('id', '=', p3.id)
    .execute();
  // Seekers: two résumés in March in the district, one in another district, one in February.
  await resume('2019-03-02T10:00:00+08:00', D, ['6-18-02-04']);
  await resume('2019-03-25T10:00:00+08:00', D);
  await resume('2019-03-25T10:00:00+08:00', '440802');
  await resume('2019-02-25T10:00:00+08:00', D);
  // Employment registrations: one by the employer (a new job), one from a platform hire (not counted twice).
  await employmentRegistration('2019-03-10', 'employer');
  await employmentRegistration('2019-03-11', 'platform_hire');
});
afterAll(async () => {
  await t.close();
});

describe('indicators', () => {
  it('computes the fixture month by hand', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/stats/indicators?period=2019-03&area=${D}`,
      headers: staffHeaders,
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{
      indicators: Record<string, number | null>;
      previous: Record<string, number | null>;
      change: Record<string, number | null>;
    }>();
    // vacancies = P1 5 + P2 3 = 8 (the April and February postings are out of the month).
    expect(body.indicators.vacancies).toBe(8);
    expect(body.indicators.postingsIn).toBe(2);
    // postings out: P3 closed on 15 March.
    expect(body.indicators.postingsOut).toBe(1);
    // seekers = 0 unemployment registrations + 2 résumés in 440825 in March.
    expect(body.indicators.seekers).toBe(2);
    // 求人倍率 = 8 / 2 = 4.
    expect(body.indicators.supplyDemandRatio).toBe(4);
    // new jobs = 0 platform hires + 1 employment registration (the platform-hire one is not counted).
    expect(body.indicators.newJobs).toBe(1);
    // February: vacancies = P3 4 + 2 = 6; seekers = 1 résumé; change = (8 − 6) / 6 = 0.3333.
    expect(body.previous.vacancies).toBe(6);
    expect(body.previous.seekers).toBe(1);
    expect(body.change.vacancies).toBe(0.3333);
    // The city includes the résumé in 440802: seekers = 3 (if no other test wrote March 2019).
    const city = await t.app.inject({
      method: 'GET',
      url: `/api/v1/stats/indicators?period=2019-03`,
      headers: staffHeaders,
    });
    expect(city.json<{ indicators: { seekers: number } }>().indicators.seekers).toBe(3);
  });

  it('answers the supply-demand ratio by occupation and refuses an area outside the city', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/stats/supply-demand?period=2019-03&area=${D}&by=occupation`,
      headers: staffHeaders,
    });
    expect(res.statusCode, res.body).toBe(200);
    // 6-18-02-04: 8 places / 1 résumé desiring it = 8.
    expect(res.json<{ rows: unknown[] }>().rows).toContainEqual({
      code: '6-18-02-04',
      vacancies: 8,
      seekers: 1,
      ratio: 8,
    });
    const bad = await t.app.inject({
      method: 'GET',
      url: `/api/v1/stats/indicators?period=2019-03&area=450200`,
      headers: staffHeaders,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ errors: { path: string; code: string }[] }>().errors[0]).toMatchObject({
      path: 'area',
      code: 'area_outside_city',
    });
    const badPeriod = await t.app.inject({
      method: 'GET',
      url: `/api/v1/stats/indicators?period=2019-13`,
      headers: staffHeaders,
    });
    expect(badPeriod.statusCode).toBe(400);
    expect(badPeriod.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe('period');
  });
});

describe('open data', () => {
  it('suppresses cells counting fewer than 5 people', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/open-data/labour-market?period=2019-03' });
    expect(res.statusCode, res.body).toBe(200);
    const row = res
      .json<{
        rows: { districtCode: string; vacancies: unknown; seekers: unknown; supplyDemandRatio: unknown }[];
      }>()
      .rows.find((r) => r.districtCode === D);
    // 8 places is published; 2 seekers is not, and neither is the ratio that would reveal it.
    expect(row?.vacancies).toEqual({ value: 8, suppressed: false });
    expect(row?.seekers).toEqual({ value: null, suppressed: true });
    expect(row?.supplyDemandRatio).toEqual({ value: null, suppressed: true });
  });
});

describe('monthly report workbook', () => {
  it('has the bureau’s tables with the fixture figures', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/reports/monthly/2019-03.xlsx',
      headers: staffHeaders,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '劳动力市场',
      '就业失业登记',
      '重点群体',
      '点对点包车',
      '政策与资金发放',
      '职业培训',
      '企业用工监测',
    ]);
    const ws = wb.getWorksheet('劳动力市场');
    let found: unknown[] | undefined;
    ws?.eachRow((row) => {
      const values = row.values as unknown[];
      if (values[1] === D) found = values;
    });
    // Columns: code, area, vacancies, seekers, ratio, …
    expect(found?.slice(1, 6)).toEqual([D, '徐闻县', 8, 2, 4]);
    const bad = await t.app.inject({
      method: 'GET',
      url: '/api/v1/reports/monthly/2019-3.xlsx',
      headers: staffHeaders,
    });
    expect(bad.statusCode).toBe(400);
  });
});

describe('postings feed', () => {
  it('pages with a cursor and carries removals as tombstones', async () => {
    // Changes younger than a few seconds are held back: date the fixture's changes at publication.
    await t.db
      .updateTable('jobPostings')
      .set({ updatedAt: sql<Date>`published_at` })
      .where('enterpriseId', '=', ent.id)
      .where('status', '=', 'published')
      .execute();
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/feeds/job-postings?since=2019-03-14T00:00:00%2B08:00&limit=1',
    });
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json<{ items: { id: string; op: string; posting: unknown }[]; nextCursor: string }>();
    // The oldest change after 14 March is P3 closing on 15 March: a tombstone.
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ op: 'removed', posting: null, status: 'closed' });
    const next = await t.app.inject({
      method: 'GET',
      url: `/api/v1/feeds/job-postings?since=${page.nextCursor}&limit=100`,
    });
    const rest = next.json<{ items: { id: string; op: string }[] }>().items;
    expect(rest.map((i) => i.id)).not.toContain(page.items[0]?.id);
    // P2 (published 20 March, after P3's closing) comes back as a live posting.
    expect(rest.some((i) => i.op === 'upsert')).toBe(true);
    expect(rest.every((i) => i.op === 'upsert' || i.op === 'removed')).toBe(true);
    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/feeds/job-postings?since=not-a-cursor' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe('since');
  });
});

describe('early-warning sweep', () => {
  it('raises an occupation ratio alert once per period', async () => {
    // June 2019: 12 welder places, 1 résumé desiring them → ratio 12 > 2 with ≥ 10 places.
    await createPosting(t.db, ent, {
      headcount: 12,
      publishedAt: new Date('2019-06-05T09:00:00+08:00'),
      occupationCode: '6-18-02-04',
    });
    await resume('2019-06-06T10:00:00+08:00', D, ['6-18-02-04']);
    await runWarningSweep(t.db, new Date(), { month: '2019-06' });
    await runWarningSweep(t.db, new Date(), { month: '2019-06' });
    const alerts = await t.db
      .selectFrom('warningAlerts')
      .select(['subjectId', 'severity', 'districtCode'])
      .where('kind', '=', 'supply_demand_ratio')
      .where('period', '=', '2019-06')
      .execute();
    expect(alerts).toEqual([{ subjectId: '6-18-02-04', severity: 'medium', districtCode: null }]);
  });
});
