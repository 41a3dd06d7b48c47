import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createUser, type TestUser } from '../server/test/factories.js';
import { createEnterprise, type TestEnterprise } from '../server/test/channel-factories.js';
import { seedWarningRules } from '../server/src/modules/warnings/index.js';
import { DESKTOP, expectNoAxeViolations, launchBrowser, uniqueSuffix, type Session } from './browser';
import { waitForHeading } from './flows';
import {
  chinaMonth,
  CITY,
  fillCount,
  PHONE_375,
  pickOption,
  searchAndPick,
  signIn,
} from './monitoring-flows';
import { startTestServer } from './server';

type Server = Awaited<ReturnType<typeof startTestServer>>;

const JOURNEY_TIMEOUT = 240_000;
/** A district of the journey's own staff (雷州市); its alerts are found by the enterprise's name. */
const DISTRICT = '440882';

/**
 * Issue 8's layoff journey through the UI: staff designate an enterprise as a monitoring sample;
 * its clerk files two months (200 → 200, then an unbalanced report the server refuses with the
 * difference, fixed to 200 → 170 with 30 layoffs); the layoff raises an alert that staff
 * acknowledge and resolve with a note in the workbench. Both months have ended on the real clock
 * (two months ago and last month), so no clock needs to move. Every page gets an axe scan at
 * 1280 px and at 375 px.
 */
describe('enterprise employment monitoring and early warning', () => {
  let server: Server;
  let browser: Browser;
  const sessions: Session[] = [];
  const suffix = uniqueSuffix();
  const month1 = chinaMonth(-2);
  const month2 = chinaMonth(-1);

  let staff: TestUser;
  let bureau: TestUser;
  let clerk: TestUser;
  let enterprise: TestEnterprise;
  let staffSession: Session;
  let clerkSession: Session;

  const nav = (page: Page) => page.getByRole('navigation', { name: '主导航' });
  const session = async (s: Promise<Session>) => {
    const opened = await s;
    sessions.push(opened);
    return opened;
  };
  /** Scans at the page's own width, then at the other one (1280 px ↔ 375 px), and restores it. */
  const scanBothWidths = async (page: Page, label: string) => {
    const own = page.viewportSize() ?? { width: 1280, height: 800 };
    const narrow = own.width <= 400;
    await expectNoAxeViolations(page, `${label} (zh-CN, ${narrow ? '375 px' : 'desktop'})`);
    await page.setViewportSize(narrow ? { width: 1280, height: 800 } : { width: 375, height: 812 });
    await expectNoAxeViolations(page, `${label} (zh-CN, ${narrow ? 'desktop' : '375 px'})`);
    await page.setViewportSize(own);
  };

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startTestServer({
        env: process.env.E2E_WEB_DIST ? { JIUYE_WEB_DIST: process.env.E2E_WEB_DIST } : {},
      }),
      launchBrowser(),
    ]);
    // Boot seeds the rules in production; the test server skips boot.
    await seedWarningRules(server.db);
    [staff, bureau, clerk] = await Promise.all([
      createUser(server.db, { role: 'staff', districtCodes: [DISTRICT], displayName: `雷州就业局${suffix}` }),
      createUser(server.db, { role: 'staff', districtCodes: CITY, displayName: `市局预警专员${suffix}` }),
      createUser(server.db, { role: 'employer', displayName: `雷州人事${suffix}` }),
    ]);
    enterprise = await createEnterprise(server.db, {
      ownerUserId: clerk.id,
      ownerPhone: clerk.phone,
      name: `雷州海产加工${suffix}有限公司`,
      districtCode: DISTRICT,
    });
  });
  afterAll(async () => {
    await Promise.all(sessions.map((s) => s.context.close()));
    await browser?.close();
    await server?.close();
  });

  it(
    'staff designate the enterprise as a monitoring sample from two months ago; the late list shows it',
    async () => {
      staffSession = await session(
        signIn(browser, server.url, DESKTOP, staff.phone, staff.password, /\/staff$/),
      );
      const page = staffSession.page;
      await nav(page).getByRole('link', { name: '用工监测' }).click();
      await waitForHeading(page, '用工监测样本企业');
      await page.getByText('暂无监测样本企业').waitFor();
      await scanBothWidths(page, 'monitoring samples, empty');

      await page.getByRole('button', { name: '确定样本企业' }).click();
      const dialog = page.getByRole('dialog', { name: '确定监测样本企业' });
      await searchAndPick(page, dialog.getByLabel('企业（输入名称或信用代码搜索）'), enterprise.name);
      await pickOption(page, dialog.getByLabel('首个报送月份'), month1);
      await expectNoAxeViolations(page, 'designate dialog (zh-CN, desktop)');
      await dialog.getByRole('button', { name: '确定', exact: true }).click();
      await dialog.waitFor({ state: 'hidden' });
      const row = page.getByRole('row').filter({ hasText: enterprise.name });
      await row.getByText('尚未报送').waitFor();
      await row.getByText('监测中').waitFor();
      await scanBothWidths(page, 'monitoring samples, one');

      await page.getByRole('link', { name: '未按时报送名单' }).click();
      await waitForHeading(page, '未报送名单');
      await pickOption(page, page.getByLabel('月份', { exact: true }), month1);
      const late = page.getByRole('row').filter({ hasText: enterprise.name });
      await late.getByText('已逾期').waitFor();
      await scanBothWidths(page, 'late list');
      // No "remind" action on the server (reminders are automatic): staff call the contact.
      await late.getByRole('button', { name: `联系方式：${enterprise.name}` }).click();
      const contact = page.getByRole('dialog', { name: `${enterprise.name} 的联系人` });
      await contact.getByRole('link', { name: clerk.phone }).waitFor();
      await expectNoAxeViolations(page, 'late list contact (zh-CN, desktop)');
      await contact.getByRole('button', { name: '返回' }).click();
      await contact.waitFor({ state: 'hidden' });
      expect(staffSession.errors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'the clerk files month 1 on a 375 px phone, keyboard only: 200 at the start, 200 at the end',
    async () => {
      clerkSession = await session(
        signIn(browser, server.url, PHONE_375, clerk.phone, clerk.password, /\/employer$/),
      );
      const page = clerkSession.page;
      await nav(page).getByRole('link', { name: '月报' }).click();
      await waitForHeading(page, '用工监测月报');
      await page.getByText('暂无已报送的月报').waitFor();
      await scanBothWidths(page, 'monthly report, nothing filed');

      // Keyboard only: the month list opens on the newest ended month (month 2); one step down is month 1.
      await page.getByLabel('报送月份').focus();
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: `${month1} 月报` }).waitFor();
      await page.keyboard.press('Tab');
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('startHeadcount');
      await page.keyboard.type('200');
      // Hires and the five causes start at 0: tab past them to the end headcount.
      for (let i = 0; i < 7; i += 1) await page.keyboard.press('Tab');
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('endHeadcount');
      await page.keyboard.type('200');
      const balance = page.getByRole('status').filter({ hasText: '平衡校验' });
      await balance.getByText('已平衡：期末人数与计算结果一致。').waitFor();
      await balance.getByText('按期初 200 + 新增 0 − 减员 0 计算，期末应为 200').waitFor();
      await scanBothWidths(page, 'monthly report form, balanced');
      await page.getByLabel('期末人数').focus();
      await page.keyboard.press('Enter');
      await page.getByText(`${month1} 月报已报送`).waitFor();
      const history = page.getByRole('region', { name: '历史月报' });
      await history.getByRole('row').filter({ hasText: month1 }).waitFor();
      expect(clerkSession.errors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'month 2: an unbalanced report is refused with the difference; fixed, 30 layoffs take it to 170',
    async () => {
      const page = clerkSession.page;
      await pickOption(page, page.getByLabel('报送月份'), month2);
      await page.getByRole('heading', { name: `${month2} 月报` }).waitFor();
      // The start is last month's end.
      await expect.poll(() => page.getByLabel('期初人数').inputValue()).toBe('200');
      await page.getByText('已按上月期末人数（200）预填。').waitFor();
      await fillCount(page.getByLabel('裁员', { exact: true }), 30);
      await fillCount(page.getByLabel('期末人数'), 175);
      const balance = page.getByRole('status').filter({ hasText: '平衡校验' });
      await balance.getByText('不平衡：填报期末人数 175，与计算结果相差 +5。').waitFor();
      await page.getByRole('button', { name: '报送', exact: true }).click();
      // The server's refusal, with its difference, next to the end headcount.
      await page.getByText(/服务器退回：报告不平衡.*相差 \+5/).waitFor();
      await scanBothWidths(page, 'monthly report refused as unbalanced');

      await fillCount(page.getByLabel('期末人数'), 170);
      await balance.getByText('已平衡：期末人数与计算结果一致。').waitFor();
      await expect.poll(() => page.getByText(/服务器退回/).count()).toBe(0);
      await page.getByRole('button', { name: '报送', exact: true }).click();
      await page.getByText(`${month2} 月报已报送`).waitFor();
      await page.getByText('本月裁员已达到规模裁员预警标准，人社部门将与您联系。').waitFor();
      const history = page.getByRole('region', { name: '历史月报' });
      await history.getByRole('row').filter({ hasText: month2 }).getByText('170').waitFor();
      await scanBothWidths(page, 'monthly report filed with history');
      expect(clerkSession.errors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'staff see the layoff alert in the workbench, acknowledge it and resolve it with a note',
    async () => {
      const page = staffSession.page;
      await nav(page).getByRole('link', { name: '预警工作台' }).click();
      await waitForHeading(page, '预警工作台');
      const title = `${enterprise.name} ${month2} 裁员 30 人（占 15%）`;
      const row = page.getByRole('row').filter({ hasText: enterprise.name });
      await row.getByRole('button', { name: title }).waitFor();
      await row.getByText('严重程度：高').waitFor();
      await row.getByText('待处理').waitFor();
      await pickOption(page, page.getByLabel('类型', { exact: true }), '规模裁员');
      await row.waitFor();
      await scanBothWidths(page, 'alerts workbench');

      await row.getByRole('button', { name: title }).click();
      const drawer = page.getByRole('dialog');
      await drawer.getByRole('heading', { name: title }).waitFor();
      const evidence = drawer.locator('dl').last();
      await evidence.getByText('裁员人数').waitFor();
      await evidence.getByText('15%').waitFor();
      await expectNoAxeViolations(page, 'alert drawer, open (zh-CN, desktop)');

      await drawer.getByRole('button', { name: '确认预警' }).click();
      await drawer.getByText('已确认', { exact: true }).waitFor();
      await expect.poll(() => drawer.getByRole('button', { name: '确认预警' }).count()).toBe(0);
      await drawer.getByRole('button', { name: '办结' }).click();
      // The note is required: refused in the form before any call.
      await drawer.getByRole('button', { name: '确认办结' }).click();
      await drawer
        .getByText('请填写此项')
        .or(drawer.locator('.ant-form-item-explain-error'))
        .first()
        .waitFor();
      await drawer
        .getByLabel('处理情况（必填）')
        .fill('已上门核实，企业已向人社部门报告裁员方案并依法支付经济补偿。');
      await expectNoAxeViolations(page, 'alert drawer, resolving (zh-CN, desktop)');
      await drawer.getByRole('button', { name: '确认办结' }).click();
      await drawer.getByText('已办结', { exact: true }).waitFor();
      await drawer.getByText('已上门核实，企业已向人社部门报告裁员方案并依法支付经济补偿。').waitFor();
      await expectNoAxeViolations(page, 'alert drawer, resolved (zh-CN, desktop)');
      await row.getByText('已办结').waitFor();

      // The alert's own page (the notification's link) and the enterprise's report history.
      await drawer.getByRole('link', { name: '在单独页面打开' }).click();
      await waitForHeading(page, title);
      await page.getByText('已办结', { exact: true }).waitFor();
      await scanBothWidths(page, 'alert page, resolved');
      await page.getByRole('link', { name: '查看该企业月报' }).click();
      await waitForHeading(page, `${enterprise.name} 的用工监测月报`);
      await page.getByRole('row').filter({ hasText: month2 }).getByText('170').waitFor();
      await scanBothWidths(page, 'enterprise report history (staff)');

      await nav(page).getByRole('link', { name: '预警规则' }).click();
      await waitForHeading(page, '预警规则');
      await page.getByRole('row').filter({ hasText: 'layoff_art41' }).getByText('裁员人数下限：20').waitFor();
      await scanBothWidths(page, 'warning rules');
      expect(staffSession.errors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'a city-wide officer edits the layoff rule: the server’s field error lands on the field, then it saves',
    async () => {
      const officer = await session(
        signIn(browser, server.url, DESKTOP, bureau.phone, bureau.password, /\/staff$/),
      );
      const page = officer.page;
      await nav(page).getByRole('link', { name: '预警规则' }).click();
      await waitForHeading(page, '预警规则');
      const row = page.getByRole('row').filter({ hasText: 'layoff_art41' });
      await row.getByText('裁员人数下限：20').waitFor();
      await scanBothWidths(page, 'warning rules, editable');
      await row.getByRole('button', { name: /^修改：/ }).click();
      const dialog = page.getByRole('dialog', { name: /^修改预警规则：/ });
      // The shared parameter check refuses a fraction of a person before any call.
      await dialog.getByLabel('裁员人数下限').fill('1.5');
      await dialog.getByText('必须是整数').waitFor();
      await dialog.getByLabel('裁员人数下限').fill('25');
      // Only the server knows the period ends before it starts: its field error goes on the field.
      await dialog.getByLabel('失效日期').fill('2007-12-31');
      await dialog.getByRole('button', { name: '保存' }).click();
      await dialog.getByText('结束时间不能早于开始时间').waitFor();
      await expectNoAxeViolations(page, 'rule editor with a server field error (zh-CN, desktop)');
      await dialog.getByLabel('失效日期').fill('');
      await dialog.getByRole('button', { name: '保存' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await row.getByText('裁员人数下限：25').waitFor();
      await row.getByRole('cell', { name: '2', exact: true }).waitFor();
      expect(officer.errors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
