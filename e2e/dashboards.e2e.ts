import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createUser, type TestUser } from '../server/test/factories.js';
import {
  DESKTOP,
  expectNoAxeViolations,
  launchBrowser,
  openSession,
  uniqueSuffix,
  type Session,
} from './browser';
import { waitForHeading } from './flows';
import {
  chartPanel,
  CHIKAN,
  downloadBy,
  lastCompleteMonth,
  OPERATOR,
  PHONE_375,
  previousMonth,
  seedLabourMarket,
  signIn,
  XIASHAN,
} from './dashboards-flows';
import { startTestServer } from './server';

type Server = Awaited<ReturnType<typeof startTestServer>>;

const JOURNEY_TIMEOUT = 240_000;
const CITY = ['440802', '440803', '440804', '440811', '440823', '440825', '440881', '440882', '440883'];
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Issue 8's statistics through the UI: a bureau officer reads the city overview for the last
 * complete month, drills into a district, exports a chart as PNG and its figures as Excel and
 * downloads the monthly report; a district officer sees only their district; the public open-data
 * page hides small cells. The month's labour market is seeded directly (see seedLabourMarket);
 * every page gets an axe scan at desktop and 375 px widths.
 */
describe('statistics dashboards', () => {
  let server: Server;
  let browser: Browser;
  const sessions: Session[] = [];
  const suffix = uniqueSuffix();
  const month = lastCompleteMonth();

  let bureau: TestUser;
  let district: TestUser;
  let bureauSession: Session;

  const nav = (page: Page) => page.getByRole('navigation', { name: '主导航' });
  const tile = (page: Page, indicator: string) =>
    page.locator(`.dash-tiles li[data-indicator="${indicator}"]`);
  const session = async (s: Promise<Session>) => {
    const opened = await s;
    sessions.push(opened);
    return opened;
  };
  /** The same page at 375 px in a second, signed-in profile: axe must pass there too. */
  const scanNarrow = async (
    phone: string,
    password: string,
    path: string,
    heading: string,
    label: string,
  ) => {
    const narrow = await session(signIn(browser, server.url, PHONE_375, phone, password, /\/staff/));
    await narrow.page.goto(path);
    await waitForHeading(narrow.page, heading);
    await narrow.page.locator('.dash-chart').first().waitFor();
    await expectNoAxeViolations(narrow.page, `${label} (zh-CN, 375 px)`);
    expect(await narrow.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    expect(narrow.errors).toEqual([]);
    await narrow.context.close();
  };

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startTestServer({
        env: {
          // A build of its own (vite --outDir) keeps a run steady while web/dist is being rebuilt.
          ...(process.env.E2E_WEB_DIST ? { JIUYE_WEB_DIST: process.env.E2E_WEB_DIST } : {}),
        },
      }),
      launchBrowser(),
    ]);
    [bureau, district] = await Promise.all([
      createUser(server.db, { role: 'staff', districtCodes: CITY, displayName: `市局统计员${suffix}` }),
      createUser(server.db, {
        role: 'staff',
        districtCodes: [XIASHAN],
        displayName: `霞山区统计员${suffix}`,
      }),
    ]);
    await seedLabourMarket(server.db, month, suffix);
  });
  afterAll(async () => {
    await Promise.all(sessions.map((s) => s.context.close().catch(() => undefined)));
    await browser?.close();
    await server?.close();
  });

  it(
    'a bureau officer opens the city overview of the last complete month and sees its figures',
    async () => {
      bureauSession = await session(
        signIn(browser, server.url, DESKTOP, bureau.phone, bureau.password, /\/staff$/),
      );
      const page = bureauSession.page;
      await nav(page).getByRole('link', { name: '统计看板', exact: true }).click();
      await waitForHeading(page, '统计看板');
      await expect
        .poll(() => page.getByLabel('统计月份').locator('..').locator('..').textContent())
        .toContain(month);
      // 70 vacancies against 20 the month before: up 250%, said in words beside the arrow.
      await expect.poll(() => tile(page, 'vacancies').textContent()).toContain('70');
      await expect(tile(page, 'vacancies').textContent()).resolves.toContain('较上月上升 250%');
      await expect(tile(page, 'vacancies').textContent()).resolves.toContain(
        `上月（${previousMonth(month)}）：20`,
      );
      await expect(tile(page, 'seekers').textContent()).resolves.toContain('16');
      const districts = chartPanel(page, '各区县供求对比');
      await districts.locator('.dash-chart canvas').waitFor();
      await chartPanel(page, '分职业求人倍率').locator('.dash-chart canvas').waitFor();
      await chartPanel(page, '近 12 个月趋势').locator('.dash-chart canvas').waitFor();
      await chartPanel(page, '招聘转化漏斗').locator('.dash-chart canvas').waitFor();
      // The districts' data table, for screen readers (and anyone): 赤坎区 55 vacancies, 8 seekers.
      await districts.getByText('查看数据表').click();
      const chikanRow = districts.getByRole('row').filter({ hasText: '赤坎区' });
      await expect(chikanRow.getByRole('cell').nth(1).textContent()).resolves.toBe('55');
      await expect(chikanRow.getByRole('cell').nth(3).textContent()).resolves.toBe('6.88');
      await expectNoAxeViolations(page, 'city overview (zh-CN, desktop)');
      expect(bureauSession.errors).toEqual([]);
      await scanNarrow(
        bureau.phone,
        bureau.password,
        `/staff/dashboards?month=${month}`,
        '统计看板',
        'city overview',
      );
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'exports the 求人倍率 chart as PNG and its figures as Excel',
    async () => {
      const page = bureauSession.page;
      const panel = chartPanel(page, '分职业求人倍率');
      const png = await downloadBy(page, () => panel.getByRole('button', { name: '导出图片 PNG' }).click());
      expect(png.suggestedFilename()).toBe(`湛江-求人倍率-${month}.png`);
      const image = await readFile(await png.path());
      expect(image.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
      expect(image.length).toBeGreaterThan(5_000);

      const xlsx = await downloadBy(page, () =>
        panel.getByRole('button', { name: '导出数据 Excel' }).click(),
      );
      expect(xlsx.suggestedFilename()).toBe(`湛江-求人倍率-${month}.xlsx`);
      const { default: ExcelJS } = await import('exceljs');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(await xlsx.path());
      expect(workbook.worksheets).toHaveLength(1);
      const sheet = workbook.worksheets[0];
      if (!sheet) throw new Error('no sheet');
      const header = (sheet.getRow(1).values as unknown[]).slice(1);
      expect(header).toEqual(['职业', '职业代码', '需求人数', '求职人数', '求人倍率']);
      // Operators: 40 + 12 vacancies, 8 seekers → 6.5; the most vacancies, so the first row.
      const first = (sheet.getRow(2).values as unknown[]).slice(1);
      expect(first.slice(1)).toEqual([OPERATOR, 52, 8, 6.5]);
      expect(bureauSession.errors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'drills into 赤坎区 from the districts chart',
    async () => {
      const page = bureauSession.page;
      // A click in a district's column of the chart opens that district (the middle one here)…
      const chart = chartPanel(page, '各区县供求对比').locator('.dash-chart');
      const box = await chart.boundingBox();
      if (!box) throw new Error('the districts chart is not on screen');
      await chart.click({ position: { x: box.width / 2, y: box.height / 2 } });
      await page.waitForURL(new RegExp(`/staff/dashboards/districts/4408\\d\\d\\?month=${month}$`));
      await waitForHeading(page, /统计详情$/);
      await page.getByRole('link', { name: '返回统计看板' }).click();
      await waitForHeading(page, '统计看板');
      // …and so does its link under the chart, for keyboard users.
      await page
        .getByRole('navigation', { name: '区县详情' })
        .getByRole('link', { name: '赤坎区', exact: true })
        .click();
      await page.waitForURL(new RegExp(`/staff/dashboards/districts/${CHIKAN}\\?month=${month}$`));
      await waitForHeading(page, '赤坎区统计详情');
      await expect.poll(() => tile(page, 'vacancies').textContent()).toContain('55');
      await expect(tile(page, 'vacancies').textContent()).resolves.toContain('较上月上升 175%');
      await chartPanel(page, '分职业求人倍率').locator('.dash-chart canvas').waitFor();
      await expect(page.getByRole('heading', { name: '各区县供求对比' }).count()).resolves.toBe(0);
      await expectNoAxeViolations(page, 'district drill-down (zh-CN, desktop)');
      expect(bureauSession.errors).toEqual([]);
      await scanNarrow(
        bureau.phone,
        bureau.password,
        `/staff/dashboards/districts/${CHIKAN}?month=${month}`,
        '赤坎区统计详情',
        'district drill-down',
      );
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'downloads the monthly report as Excel and PDF',
    async () => {
      const page = bureauSession.page;
      await nav(page).getByRole('link', { name: '统计月报', exact: true }).click();
      await waitForHeading(page, '统计月报');
      await expectNoAxeViolations(page, 'monthly report (zh-CN, desktop)');
      const file = await downloadBy(page, () =>
        page.getByRole('button', { name: '下载 Excel 月报' }).click(),
      );
      expect(file.suggestedFilename()).toMatch(new RegExp(`${month}\\.xlsx$`));
      const { default: ExcelJS } = await import('exceljs');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(await file.path());
      expect(workbook.worksheets.length).toBeGreaterThan(0);
      await page.getByRole('status').getByText('已开始下载').waitFor();
      const pdf = await downloadBy(page, () => page.getByRole('button', { name: '下载 PDF 月报' }).click());
      expect(pdf.suggestedFilename()).toMatch(new RegExp(`${month}\\.pdf$`));
      const pdfBytes = await readFile(await pdf.path());
      expect(pdfBytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(bureauSession.errors).toEqual([]);

      const narrow = await session(
        signIn(browser, server.url, PHONE_375, bureau.phone, bureau.password, /\/staff/),
      );
      await narrow.page.goto('/staff/dashboards/reports');
      await waitForHeading(narrow.page, '统计月报');
      await expectNoAxeViolations(narrow.page, 'monthly report (zh-CN, 375 px)');
      await narrow.context.close();
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'a district officer sees only their district',
    async () => {
      const s = await session(
        signIn(browser, server.url, DESKTOP, district.phone, district.password, /\/staff$/),
      );
      const page = s.page;
      await nav(page).getByRole('link', { name: '统计看板', exact: true }).click();
      await waitForHeading(page, '统计看板 · 霞山区');
      await expect.poll(() => tile(page, 'vacancies').textContent()).toContain('12');
      await chartPanel(page, '分职业求人倍率').locator('.dash-chart canvas').waitFor();
      // No city figures, no districts chart, no area choice: nothing they may not see is offered.
      await expect(page.getByRole('heading', { name: '各区县供求对比' }).count()).resolves.toBe(0);
      await expect(page.getByLabel('统计范围').count()).resolves.toBe(0);
      await expectNoAxeViolations(page, 'district officer overview (zh-CN, desktop)');
      // Another district's page, typed in by hand, shows a refusal and no figures.
      await page.goto(`/staff/dashboards/districts/${CHIKAN}`);
      await waitForHeading(page, '赤坎区统计详情');
      await page.getByText('您的账号不能查看该区县的数据。').waitFor();
      await expect(page.locator('.dash-tiles').count()).resolves.toBe(0);
      // The server refuses it too.
      const refused = await page.request.get(`/api/v1/stats/dashboard?month=${month}&area=${CHIKAN}`);
      expect(refused.status()).toBe(400);
      expect(s.errors).toEqual([]);
      await scanNarrow(
        district.phone,
        district.password,
        `/staff/dashboards?month=${month}`,
        '统计看板 · 霞山区',
        'district officer overview',
      );
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'the public open-data page, linked from the footer, hides cells under 5 people',
    async () => {
      for (const [device, width] of [
        [DESKTOP, 'desktop'],
        [PHONE_375, '375 px'],
      ] as const) {
        const s = await session(openSession(browser, server.url, device));
        const page = s.page;
        await page.goto('/');
        await page.getByRole('contentinfo').getByRole('link', { name: '开放数据' }).click();
        await waitForHeading(page, '就业数据开放');
        await page.getByText('小数据隐藏规则').waitFor();
        const xuwen = page.getByRole('row').filter({ hasText: '徐闻县' });
        await expect.poll(() => xuwen.getByText('<5 (已隐藏)').count()).toBeGreaterThanOrEqual(2);
        const chikan = page.getByRole('row').filter({ hasText: '赤坎区' });
        await expect(chikan.textContent()).resolves.toContain('55');
        await expectNoAxeViolations(page, `open data (zh-CN, ${width})`);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
          device.viewport?.width ?? 1280,
        );
        expect(s.errors).toEqual([]);
      }
    },
    JOURNEY_TIMEOUT,
  );
});
