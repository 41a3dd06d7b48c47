import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, type APIRequestContext, type Browser, type Page } from 'playwright-core';
import {
  DESKTOP,
  expectNoAxeViolations,
  launchBrowser,
  openSession,
  PHONE,
  uniquePhone,
  uniqueSuffix,
  type Session,
} from './browser';
import {
  apiLogin,
  castOfBusJourney,
  chinaDay,
  decodeQrImage,
  launchBrowserFilming,
  offerTo,
  pickCounty,
  requestForWorker,
  type BusCast,
} from './buses-flows';
import { pickOption } from './channel-flows';
import { fillLogin, waitForHeading } from './flows';
import { startTestServer } from './server';

type Server = Awaited<ReturnType<typeof startTestServer>>;

const JOURNEY_TIMEOUT = 180_000;

/**
 * Issue 4's acceptance, through the UI: a worker stuck in 融水 (Liuzhou, Guangxi) asks for a seat
 * on a phone, bound for a Zhanjiang enterprise that offered them a job; staff see the demand, plan
 * buses (moving a passenger between the proposed buses by keyboard and by drag and drop), give
 * the bus its plate, driver and escort and open it; the worker books and gets a QR boarding code;
 * the escort boards them on a phone by that code with a temperature check, departs and arrives;
 * the enterprise confirms the worker arrived. Every page visited gets an axe scan.
 */
describe('point-to-point chartered buses', () => {
  let server: Server;
  let browser: Browser;
  let api: APIRequestContext;
  let cast: BusCast;

  const suffix = uniqueSuffix();
  const seeker = { phone: uniquePhone(), password: `Fangang${suffix}7`, name: `韦阿妹${suffix}` };
  const others = [`覃师傅${suffix}`, `蓝师傅${suffix}`];
  const tomorrow = chinaDay(1);
  let seekerSession: Session;
  let staffSession: Session;
  let escortSession: Session;
  let clerkSession: Session;
  let escortBrowser: Browser | undefined;
  let tripCode = '';
  let boardingCode = '';

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    cast = await castOfBusJourney(server.db, suffix);
    // Two workers from 柳江区 whom the district office registered by phone, for a second bus.
    api = await request.newContext({ baseURL: server.url });
    await apiLogin(api, cast.planner.phone);
    for (const name of others) {
      await requestForWorker(api, {
        fullName: name,
        phone: uniquePhone(),
        origin: '450206',
        pickupPoint: '柳江区汽车总站',
        date: tomorrow,
      });
    }
    await api.post('/api/v1/auth/logout');
  });
  afterAll(async () => {
    await api?.dispose();
    await escortBrowser?.close();
    await browser?.close();
    await server?.close();
  });

  const seekerPage = (): Page => seekerSession.page;
  const staffPage = (): Page => staffSession.page;

  it(
    'a worker in 融水 registers on a phone and asks for a seat to the enterprise that offered a job',
    async () => {
      seekerSession = await openSession(browser, server.url, PHONE);
      const page = seekerPage();
      await page.goto('/register');
      await waitForHeading(page, '注册账号');
      await page.getByLabel('手机号').fill(seeker.phone);
      await page.getByLabel('密码', { exact: true }).fill(seeker.password);
      await page.getByLabel('姓名或单位名称').fill(seeker.name);
      await page.getByRole('button', { name: '注册并登录' }).click();
      await page.waitForURL(/\/seeker$/);
      await offerTo(server.db, seeker.phone, cast);

      // The home page's open services include the bus; the tab bar has it too.
      await page.getByRole('link', { name: '返岗包车' }).waitFor();
      await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '包车' }).click();
      await waitForHeading(page, '返岗包车');
      await expectNoAxeViolations(page, 'bus request form (zh-CN, phone)');

      await pickCounty(page, '出发地', ['广西壮族自治区', '柳州市', '融水苗族自治县']);
      await page.getByLabel('上车地点').fill('融水县汽车站');
      await pickOption(page, page.getByLabel('前往湛江的区县'), '霞山区');
      await pickOption(page, page.getByLabel('返岗企业（可选）'), `${cast.enterprise.name}（录用意向）`);
      await page.getByLabel('最早出行日期').fill(tomorrow);
      await page.getByLabel('出行联系电话').fill(seeker.phone);
      await page.getByLabel('今日体温（℃，可选）').fill('36.5');
      await page
        .getByRole('radiogroup', { name: '近 14 天是否接触过确诊或疑似病例' })
        .getByRole('radio', { name: '否' })
        .check();
      await page
        .getByRole('radiogroup', { name: '近 14 天是否到过中高风险地区' })
        .getByRole('radio', { name: '否' })
        .check();
      await page.getByRole('radio', { name: '绿码' }).check();
      // The health declaration needs its own consent (sensitive personal information).
      await page.getByRole('button', { name: '提交登记' }).click();
      await page.getByText('请先勾选同意处理健康信息').waitFor();
      await expectNoAxeViolations(page, 'bus request form with a missing consent (zh-CN, phone)');
      await page.getByRole('checkbox', { name: /我同意湛江市人力资源和社会保障局/ }).check();
      await page.getByRole('button', { name: '提交登记' }).click();

      const mine = page.getByRole('heading', { name: '我的出行登记' });
      await mine.waitFor();
      await page.getByText('等待安排').first().waitFor();
      await page.getByText(cast.enterprise.name).waitFor();
      await page.getByText('暂时没有适合您的班次').waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await expectNoAxeViolations(page, 'bus request waiting (zh-CN, phone)');
      expect(seekerSession.errors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'staff see the demand, plan two buses, move a passenger by keyboard and by drag and drop, and confirm',
    async () => {
      staffSession = await openSession(browser, server.url, DESKTOP);
      const page = staffPage();
      await page.goto('/login');
      await fillLogin(page, cast.planner.phone, cast.planner.password);
      await page.waitForURL(/\/staff$/);
      await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '包车排班' }).click();
      await waitForHeading(page, '包车需求与排班');
      const demand = page.getByRole('region', { name: '出行需求' }).getByRole('table');
      await demand
        .getByRole('row')
        .filter({ hasText: '融水苗族自治县' })
        .filter({ hasText: '霞山区' })
        .waitFor();
      await demand
        .getByRole('row')
        .filter({ hasText: '柳江区' })
        .getByRole('cell', { name: '2', exact: true })
        .waitFor();
      await expectNoAxeViolations(page, 'bus demand (zh-CN, desktop)');

      // One county per bus: 融水 and 柳江 get a bus each.
      await page.getByLabel('每车最多停靠点（区县）').fill('1');
      await page.getByRole('button', { name: '生成方案' }).click();
      await page.getByText(/共 3 人：已排 3 人，2 辆车；未排 0 人/).waitFor();
      const buses = page.getByRole('region', { name: /^第 \d 车$/ });
      expect(await buses.count()).toBe(2);
      const seekerBus = buses.filter({ hasText: seeker.name });
      const otherBus = buses.filter({ hasText: others[0] ?? '' });
      const seekerBusName = (await seekerBus.getByRole('heading').textContent()) ?? '';
      const otherBusName = (await otherBus.getByRole('heading').textContent()) ?? '';
      await expectNoAxeViolations(page, 'proposed plan (zh-CN, desktop)');

      // Keyboard and screen reader: the "move to" box beside the passenger.
      const mover = others[1] ?? '';
      await pickOption(
        page,
        page.getByRole('combobox', { name: `将 ${mover} 移到` }),
        `移到${seekerBusName}`,
      );
      await seekerBus.getByText(mover, { exact: true }).waitFor();
      await page
        .getByRole('status')
        .filter({ hasText: `已把 ${mover} 移到${seekerBusName}` })
        .waitFor({ state: 'attached' });
      // Drag and drop back.
      await seekerBus.locator('li', { hasText: mover }).dragTo(otherBus);
      await otherBus.getByText(mover, { exact: true }).waitFor();
      expect(await seekerBus.getByText(mover, { exact: true }).count()).toBe(0);
      expect(otherBusName).not.toBe(seekerBusName);

      await page.getByRole('button', { name: '确认方案，生成 2 个班次' }).click();
      await page.waitForURL(/\/staff\/buses\/trips$/);
      await waitForHeading(page, '包车班次');
      const row = page.getByRole('row').filter({ hasText: '融水' });
      await row.getByText('计划中').waitFor();
      await expectNoAxeViolations(page, 'trips list (zh-CN, desktop)');
      tripCode = (await row.getByRole('link').first().textContent()) ?? '';
      expect(tripCode).not.toBe('');
      expect(staffSession.errors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'staff give the bus its plate, driver and escort, record the cost and open it for booking',
    async () => {
      const page = staffPage();
      await page.getByRole('link', { name: tripCode, exact: true }).click();
      await waitForHeading(page, new RegExp(`^班次 ${tripCode}`));
      await page.getByTestId('trip-seats').getByText('座位 0/22').waitFor();
      await expectNoAxeViolations(page, 'planned trip (zh-CN, desktop)');

      await page.getByRole('button', { name: '修改班次' }).click();
      await page.getByLabel('车牌号').fill('桂B12345');
      await page.getByLabel('司机姓名').fill('黄师傅');
      await page.getByLabel('司机电话').fill('13907720001');
      await pickOption(page, page.getByLabel('护送人员', { exact: true }), '护送人员账号 ID');
      await page.getByRole('textbox', { name: '护送人员账号 ID' }).fill(cast.escort.id);
      await expectNoAxeViolations(page, 'trip edit form (zh-CN, desktop)');
      await page.getByRole('button', { name: '保存修改' }).click();
      await page.getByText('已保存').first().waitFor();
      await page.getByText(cast.escort.name).waitFor();

      const cost = page.getByRole('region', { name: '费用与承担方' });
      await cost.getByLabel('包车费用（元）').fill('3600');
      await cost.getByRole('radio', { name: '人社局承担' }).check();
      await cost.getByRole('button', { name: '保存费用' }).click();
      await page.getByText('费用已保存').first().waitFor();

      await page.getByRole('button', { name: '开放订座' }).click();
      await page.getByText('班次状态已改为“售座中”').first().waitFor();
      await waitForHeading(page, new RegExp(`^班次 ${tripCode}.*售座中`));
      await expectNoAxeViolations(page, 'open trip (zh-CN, desktop)');
      expect(staffSession.errors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'the worker books a seat on the phone and gets a QR boarding code',
    async () => {
      const page = seekerPage();
      await page.reload();
      await waitForHeading(page, '返岗包车');
      const trips = page.getByRole('region', { name: '可预订的班次' });
      await trips.getByRole('article', { name: `班次 ${tripCode}` }).waitFor();
      await expectNoAxeViolations(page, 'bus to book (zh-CN, phone)');
      await trips.getByRole('button', { name: `预订班次 ${tripCode}` }).click();
      await page.getByText('订座成功').first().waitFor();

      const qr = page.getByRole('img', { name: /^登车二维码，登车码 / });
      await qr.waitFor();
      boardingCode = ((await page.getByTestId('boarding-code').textContent()) ?? '').trim();
      expect(boardingCode.length).toBeGreaterThanOrEqual(10);
      // The QR image carries exactly the code printed under it.
      expect(await decodeQrImage(qr)).toBe(boardingCode);
      await page.getByText('已订座').first().waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await expectNoAxeViolations(page, 'booked seat with QR code (zh-CN, phone)');
      await page.getByRole('button', { name: 'English' }).click();
      await waitForHeading(page, 'Return-to-work bus');
      await page.getByRole('heading', { name: 'My seat' }).waitFor();
      await expectNoAxeViolations(page, 'booked seat with QR code (en-US, phone)');
      await page.getByRole('button', { name: '中文' }).click();
      await waitForHeading(page, '返岗包车');
      expect(seekerSession.errors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'the escort boards the worker on a phone by the boarding code with a temperature check, departs and arrives',
    async () => {
      // The escort's phone films the worker's QR code (Chromium's fake camera plays it).
      escortBrowser = await launchBrowserFilming(boardingCode);
      escortSession = await openSession(escortBrowser, server.url, PHONE);
      await escortSession.context.grantPermissions(['camera'], { origin: server.url });
      const page = escortSession.page;
      await page.goto('/login');
      await fillLogin(page, cast.escort.phone, cast.escort.password);
      await page.waitForURL(/\/staff$/);
      await page.getByRole('button', { name: '打开导航菜单' }).click();
      await page.getByRole('dialog').getByRole('link', { name: '登车核验' }).click();
      await waitForHeading(page, '登车核验');
      await expectNoAxeViolations(page, 'escort trips (zh-CN, phone)');
      await page.getByRole('link', { name: `核验登车 ${tripCode}` }).click();
      await waitForHeading(page, `登车核验 ${tripCode}`);
      await page.getByText(seeker.name).waitFor();
      await page.getByRole('button', { name: '扫码' }).waitFor();
      await expectNoAxeViolations(page, 'boarding page (zh-CN, phone)');

      await page.getByRole('button', { name: '开始登车' }).click();
      await page.getByText('班次状态已改为“登车中”').first().waitFor();
      // Scanning fills the code box from the camera.
      await page.getByRole('button', { name: '扫码' }).click();
      await expect.poll(() => page.getByLabel('登车码').inputValue(), { timeout: 15_000 }).toBe(boardingCode);
      await page.getByLabel('体温（℃）').fill('36.6');
      await page.getByRole('button', { name: '确认登车' }).click();
      await page.getByText(`${seeker.name} 已登车（36.6℃）`).waitFor();
      await page.getByTestId('boarding-progress').getByText('已登车 1 / 1 人').waitFor();
      await page.getByRole('list', { name: '乘客名单' }).getByText('已登车 36.6℃').waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await expectNoAxeViolations(page, 'passenger boarded (zh-CN, phone)');

      // The same code again, typed from under the QR as an escort without a working camera would:
      // the first result stands instead of a second boarding.
      await page.getByLabel('登车码').fill(boardingCode);
      await page.getByLabel('体温（℃）').fill('36.6');
      await page.getByRole('button', { name: '确认登车' }).click();
      await page.getByText(`此前已记录：${seeker.name}`).waitFor();

      await page.getByRole('button', { name: '确认发车' }).click();
      await page.getByText('班次状态已改为“已发车”').first().waitFor();
      await page.getByRole('button', { name: '确认到达' }).click();
      await page.getByText('班次状态已改为“已到达”').first().waitFor();
      await expectNoAxeViolations(page, 'trip arrived (zh-CN, phone)');
      expect(escortSession.errors).toEqual([]);

      // The worker's phone shows the seat as boarded.
      const seekerTab = seekerPage();
      await seekerTab.reload();
      await seekerTab.getByText('已登车').first().waitFor();
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'the enterprise confirms the worker arrived; the trip is handed over and counted',
    async () => {
      clerkSession = await openSession(browser, server.url, DESKTOP);
      const page = clerkSession.page;
      await page.goto('/login');
      await fillLogin(page, cast.clerk.phone, cast.clerk.password);
      await page.waitForURL(/\/employer$/);
      await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '到岗交接' }).click();
      await waitForHeading(page, '到岗交接');
      await page
        .getByRole('article', { name: `班次 ${tripCode}` })
        .getByText('已到达')
        .waitFor();
      await expectNoAxeViolations(page, 'handover list (zh-CN, desktop)');
      await page.getByRole('link', { name: `确认交接 ${tripCode}` }).click();
      await waitForHeading(page, `到岗交接 ${tripCode}`);
      await page.getByRole('heading', { name: seeker.name }).waitFor();
      await expectNoAxeViolations(page, 'handover (zh-CN, desktop)');
      await page
        .getByRole('radiogroup', { name: `${seeker.name} 的到岗情况` })
        .getByRole('radio', { name: '已到岗' })
        .check();
      await page.getByRole('button', { name: '提交交接确认' }).click();
      await page.getByText('已确认 1 人的交接').first().waitFor();
      await page.getByText('已交接').first().waitFor();
      await expectNoAxeViolations(page, 'handover confirmed (zh-CN, desktop)');
      expect(clerkSession.errors).toEqual([]);

      const staff = staffPage();
      await staff.reload();
      await waitForHeading(staff, new RegExp(`^班次 ${tripCode}.*已交接`));
      await staff.getByRole('table').filter({ hasText: seeker.name }).getByText('已到岗').waitFor();
      await staff.goto('/staff/buses/stats');
      await waitForHeading(staff, '包车统计');
      const tiles = staff.getByRole('list', { name: '包车统计' });
      await tiles.getByText(/运送人数\s*1$/).waitFor();
      await expectNoAxeViolations(staff, 'bus statistics (zh-CN, desktop)');
      expect(staffSession.errors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
