import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIRequestContext, Browser, Page } from 'playwright-core';
import { createUser, type TestUser } from '../server/test/factories.js';
import { seedPolicyCatalogue } from '../server/src/modules/policies/index.js';
import { closeDueNotices } from '../server/src/modules/policy-applications/index.js';
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
import { maleIdNumber, pickOption, searchAndPick, TINY_PNG, validCreditCode } from './channel-flows';
import { waitForHeading } from './flows';
import { apiAs, chinaDaysAgo, signIn, TINY_PDF } from './policies-flows';
import { startTestServer } from './server';

type Server = Awaited<ReturnType<typeof startTestServer>>;

const JOURNEY_TIMEOUT = 180_000;
const DAY_MS = 86_400_000;
/** Zhanjiang's nine districts: a staff user with all of them is a city-wide (bureau) officer. */
const CITY = ['440802', '440803', '440804', '440811', '440823', '440825', '440881', '440882', '440883'];
const SI_POLICY = '中小微企业阶段性减免、缓缴社会保险费';
const STARTUP_POLICY = '返乡入乡创业一次性创业资助';

/**
 * Issue 5's acceptance, through the UI: an SME clerk applies for social-insurance relief with
 * documents and a pre-check; the district officer passes it; two different city-wide officers
 * approve it (the amount is above the two-approver threshold, and the first cannot approve twice);
 * the public notice shows it; the notice period passes on the server's test clock; the clerk gives
 * the bank account; a bureau officer batches, exports (.xlsx with the row), marks it paid and
 * reconciles. A returned worker records a start-up on a phone, staff find it by proactive
 * eligibility and prepare the subsidy, and the worker confirms it on the phone. Every page visited
 * gets an axe scan.
 */
describe('support policies', () => {
  let server: Server;
  let browser: Browser;
  const apis: APIRequestContext[] = [];
  const sessions: Session[] = [];

  const suffix = uniqueSuffix();
  const enterpriseName = `湛江南海水产${suffix}有限公司`;
  const clerk = { phone: uniquePhone(), password: `Qiye${suffix}2020`, name: `陈会计${suffix}` };
  const worker = { phone: uniquePhone(), password: `Fanxiang${suffix}7`, name: '黄志强' };
  const maskedWorker = '黄*强';
  let district: TestUser;
  let bureauA: TestUser;
  let bureauB: TestUser;
  let clerkSession: Session;
  let districtSession: Session;
  let bureauSession: Session;
  let workerSession: Session;
  let applicationId = '';

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    // The catalogue as a fresh install seeds it (the test template database has none).
    await seedPolicyCatalogue(server.db);
    [district, bureauA, bureauB] = await Promise.all([
      createUser(server.db, { role: 'staff', districtCodes: ['440803'], displayName: `霞山经办${suffix}` }),
      createUser(server.db, { role: 'staff', districtCodes: CITY, displayName: `市局审批甲${suffix}` }),
      createUser(server.db, { role: 'staff', districtCodes: CITY, displayName: `市局审批乙${suffix}` }),
    ]);

    // The SME and its verified enterprise in 霞山区 (the channel journey clicks through this).
    const clerkApi = await apiAs(server.url, server.adminPhone, server.adminPassword);
    await clerkApi.post('/api/v1/auth/logout');
    const registered = await clerkApi.post('/api/v1/auth/register', {
      data: { role: 'employer', phone: clerk.phone, password: clerk.password, displayName: clerk.name },
    });
    expect(registered.status()).toBe(201);
    const created = await clerkApi.post('/api/v1/enterprises', {
      data: {
        name: enterpriseName,
        creditCode: validCreditCode(),
        industryCode: 'A',
        districtCode: '440803',
        size: 'small',
        address: '湛江市霞山区海滨大道南 18 号',
        contactName: '陈会计',
        contactPhone: clerk.phone,
      },
    });
    expect(created.status()).toBe(201);
    const enterpriseId = ((await created.json()) as { id: string }).id;
    const districtApi = await apiAs(server.url, district.phone, district.password);
    const verified = await districtApi.post(`/api/v1/enterprises/${enterpriseId}/verify`, {
      data: { decision: 'verify' },
    });
    expect(verified.status()).toBe(200);

    // The returned worker: a seeker whose résumé carries a Zhanjiang identity number (霞山区).
    const workerApi = await apiAs(server.url, server.adminPhone, server.adminPassword);
    await workerApi.post('/api/v1/auth/logout');
    const seeker = await workerApi.post('/api/v1/auth/register', {
      data: { role: 'seeker', phone: worker.phone, password: worker.password, displayName: worker.name },
    });
    expect(seeker.status()).toBe(201);
    const resume = await workerApi.put('/api/v1/me/resume', {
      data: { fullName: worker.name, idNumber: maleIdNumber(), educationLevel: 'junior_high' },
    });
    expect(resume.status(), await resume.text()).toBe(200);
    apis.push(clerkApi, districtApi, workerApi);
  });
  afterAll(async () => {
    await Promise.all(sessions.map((s) => s.context.close()));
    await Promise.all(apis.map((a) => a.dispose()));
    await browser?.close();
    await server?.close();
  });

  const clerkPage = (): Page => clerkSession.page;
  const districtPage = (): Page => districtSession.page;
  const bureauPage = (): Page => bureauSession.page;
  const workerPage = (): Page => workerSession.page;
  const nav = (page: Page) => page.getByRole('navigation', { name: '主导航' });

  it(
    'the SME clerk finds the social-insurance relief, self-checks it and applies with documents and a pre-check',
    async () => {
      clerkSession = await signIn(browser, server.url, DESKTOP, clerk.phone, clerk.password, /\/employer$/);
      sessions.push(clerkSession);
      const page = clerkPage();
      await page.getByRole('link', { name: '扶持政策' }).first().waitFor();
      await nav(page).getByRole('link', { name: '政策', exact: true }).click();
      await waitForHeading(page, '我的政策申请');
      await page.getByText('还没有政策申请').waitFor();
      await expectNoAxeViolations(page, 'my policy applications, empty (zh-CN, desktop)');

      await page.getByRole('link', { name: '浏览扶持政策' }).click();
      await waitForHeading(page, '扶持政策');
      await pickOption(page, page.getByLabel('按政策类别筛选'), '社会保险费减免缓缴');
      await page.waitForURL(/kind=social_insurance_relief/);
      const card = page.getByRole('article', { name: SI_POLICY });
      // Conditions in plain words, the documents and the amount, on the card itself.
      await card
        .getByRole('group', { name: `${SI_POLICY}的申请条件` })
        .getByText(/企业规模/)
        .waitFor();
      await card.getByText('社会保险费缴费明细').waitFor();
      await card.getByText(/最高 200,000 元/).waitFor();
      // The list refetches for the filter (the previous page stays until it arrives).
      await expect.poll(() => page.getByRole('article').count()).toBe(1);
      await expectNoAxeViolations(page, 'policy catalogue filtered (zh-CN, desktop)');

      await card.getByRole('link', { name: SI_POLICY, exact: true }).click();
      await waitForHeading(page, SI_POLICY);
      await page.getByRole('button', { name: '开始自测' }).click();
      const outcome = page.getByRole('status').filter({ hasText: '符合申请条件' });
      await outcome.waitFor();
      const reasons = outcome.getByRole('list', { name: '逐项核验结果' }).getByRole('listitem');
      expect(await reasons.count()).toBeGreaterThanOrEqual(3);
      expect(await outcome.getByText('不符合', { exact: true }).count()).toBe(0);
      await expectNoAxeViolations(page, 'policy detail with self-check (zh-CN, desktop)');

      await page.getByRole('link', { name: '在线申请' }).click();
      await waitForHeading(page, `申请：${SI_POLICY}`);
      // A money field: the clerk types yuan, the API gets fen (8,000 yuan is above the 5,000 yuan
      // two-approver threshold).
      await page.getByLabel('已缴纳的单位缴费部分').fill('8000');
      await page.getByLabel('参保职工人数').fill('12');
      // Submitting without the documents is stopped in the browser, next to each upload box.
      await page.getByRole('button', { name: '提交申请' }).click();
      await page.getByText('还有必需的材料没有上传').waitFor();
      await page.getByLabel('营业执照', { exact: true }).setInputFiles({
        name: 'licence.png',
        mimeType: 'image/png',
        buffer: TINY_PNG,
      });
      await page.getByRole('list', { name: '已上传的营业执照' }).getByText('licence.png').first().waitFor();
      await page.getByLabel('社会保险费缴费明细', { exact: true }).setInputFiles({
        name: 'contributions.pdf',
        mimeType: 'application/pdf',
        buffer: TINY_PDF,
      });
      await page
        .getByRole('list', { name: '已上传的社会保险费缴费明细' })
        .getByText('contributions.pdf')
        .first()
        .waitFor();
      await page.getByRole('button', { name: '预审是否符合条件' }).click();
      const precheck = page.getByRole('status').filter({ hasText: '符合申请条件' });
      await precheck.getByText('按现有数据测算，可享受 8,000 元（以审核结果为准）。').waitFor();
      await expectNoAxeViolations(page, 'application form with pre-check (zh-CN, desktop)');

      await page.getByRole('button', { name: '保存草稿' }).click();
      await page.waitForURL(/\/employer\/policies\/[0-9a-f-]{36}$/);
      applicationId = page.url().split('/').pop() ?? '';
      await waitForHeading(page, SI_POLICY);
      await page.getByRole('status').getByText('草稿').waitFor();
      await page.getByRole('heading', { name: '修改草稿' }).waitFor();
      await expectNoAxeViolations(page, 'draft application (zh-CN, desktop)');
      await page.getByRole('button', { name: '提交申请' }).click();
      await page.getByRole('status').getByText('已提交').waitFor();
      await page.getByRole('heading', { name: '办理进度' }).waitFor();
      await page.locator('.application-timeline').getByText('提交申请').waitFor();
      await page.getByRole('button', { name: '撤回申请' }).waitFor();
      await expectNoAxeViolations(page, 'submitted application (zh-CN, desktop)');
      expect(clerkSession.errors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'the district officer takes the case from the queue, sees reasons and documents, and passes it',
    async () => {
      districtSession = await signIn(
        browser,
        server.url,
        DESKTOP,
        district.phone,
        district.password,
        /\/staff$/,
      );
      sessions.push(districtSession);
      const page = districtPage();
      await nav(page).getByRole('link', { name: '政策初审' }).click();
      await waitForHeading(page, '政策初审');
      // The bureau's pages are not offered to a district officer.
      expect(await nav(page).getByRole('link', { name: '资金发放' }).count()).toBe(0);
      const row = page.getByRole('row').filter({ hasText: enterpriseName });
      await row.getByText('已提交').waitFor();
      await row.getByText('8,000 元').waitFor();
      await expectNoAxeViolations(page, 'district review queue (zh-CN, desktop)');
      // Keyboard: the applicant's name is the row's link.
      await row.getByRole('link', { name: enterpriseName }).focus();
      await page.keyboard.press('Enter');
      await waitForHeading(page, enterpriseName);
      await page.getByRole('list', { name: '资格核验结果' }).getByText('符合').first().waitFor();
      await page.getByRole('button', { name: '下载 营业执照' }).waitFor();
      await page.getByText('已缴纳的单位缴费部分').waitFor();
      await expectNoAxeViolations(page, 'district case detail (zh-CN, desktop)');

      await page.getByRole('button', { name: '开始审核' }).click();
      await page.getByText('区县审核中').first().waitFor();
      // A return needs a note: the dialog refuses an empty one.
      await page.getByRole('button', { name: '退回补正' }).click();
      const returnDialog = page.getByRole('dialog', { name: '退回补正' });
      await returnDialog.getByRole('button', { name: '退回补正' }).click();
      await returnDialog.getByText('必填', { exact: true }).waitFor();
      await expectNoAxeViolations(page, 'return dialog with required note (zh-CN, desktop)');
      await returnDialog.getByRole('button', { name: '取消' }).click();
      await returnDialog.waitFor({ state: 'hidden' });

      await page.getByRole('button', { name: '初审通过' }).click();
      const dialog = page.getByRole('dialog', { name: '初审通过' });
      await dialog.getByLabel('审核意见（可选）').fill('营业执照、缴费明细齐全，企业规模小型，符合条件。');
      await dialog.getByRole('button', { name: '初审通过' }).click();
      // The only case of the queue: back to the (now empty) queue.
      await page.waitForURL(/\/staff\/policy-review/);
      await page.getByText('已初审通过，转市局审批').first().waitFor();
      await page.getByText('没有待处理的申请').waitFor();
      expect(districtSession.errors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'two different city-wide officers approve it; the first cannot approve twice',
    async () => {
      bureauSession = await signIn(browser, server.url, DESKTOP, bureauA.phone, bureauA.password, /\/staff$/);
      sessions.push(bureauSession);
      const page = bureauPage();
      await nav(page).getByRole('link', { name: '政策审批' }).click();
      await waitForHeading(page, '政策审批');
      const row = page.getByRole('row').filter({ hasText: enterpriseName });
      await row.getByText('双人审批 0/2').waitFor();
      await expectNoAxeViolations(page, 'bureau approval queue (zh-CN, desktop)');
      await row.getByRole('link', { name: enterpriseName }).click();
      await waitForHeading(page, enterpriseName);
      await page.getByText('本申请需两名审批人分别同意（已同意 0/2）').waitFor();
      await page.locator('.application-timeline').getByText(`（霞山经办${suffix}）`).first().waitFor();
      await page.getByRole('button', { name: '审批通过' }).click();
      const dialog = page.getByRole('dialog', { name: '审批通过' });
      await dialog.getByText('本申请需两名审批人分别同意（已同意 0/2）').waitFor();
      await expectNoAxeViolations(page, 'approve dialog (zh-CN, desktop)');
      await dialog.getByRole('button', { name: '审批通过' }).click();
      await page.waitForURL(/\/staff\/policy-approval/);
      await page.getByText('已记录您的同意，还需另一名审批人同意后进入公示').first().waitFor();
      await row.getByText('双人审批 1/2').waitFor();

      // Maker-checker: the same officer is not offered a second approval, and is told why…
      await row.getByRole('link', { name: enterpriseName }).click();
      await waitForHeading(page, enterpriseName);
      await page.getByText('您不能审批这份申请').waitFor();
      await page.getByText(/按照审批分离原则/).waitFor();
      expect(await page.getByRole('button', { name: '审批通过' }).count()).toBe(0);
      await expectNoAxeViolations(page, 'case barred by maker-checker (zh-CN, desktop)');
      // …and the server refuses it anyway.
      const again = await bureauSession.context.request.post(
        `/api/v1/policy-applications/${applicationId}/decisions`,
        { data: { action: 'approve' } },
      );
      expect(again.status()).toBe(403);
      expect(((await again.json()) as { code: string }).code).toBe('separation_of_duties');

      // The second officer approves: the application goes on public notice.
      const second = await signIn(browser, server.url, DESKTOP, bureauB.phone, bureauB.password, /\/staff$/);
      sessions.push(second);
      await second.page.goto(`/staff/policy-approval`);
      const rowB = second.page.getByRole('row').filter({ hasText: enterpriseName });
      await rowB.getByRole('link', { name: enterpriseName }).click();
      await waitForHeading(second.page, enterpriseName);
      await second.page.getByText('本申请需两名审批人分别同意（已同意 1/2）').waitFor();
      await second.page.getByRole('button', { name: '审批通过' }).click();
      const dialogB = second.page.getByRole('dialog', { name: '审批通过' });
      await dialogB.getByRole('button', { name: '审批通过' }).click();
      await second.page.waitForURL(/\/staff\/policy-approval/);
      await second.page.getByText('已审批通过').first().waitFor();
      expect(bureauSession.errors).toEqual([]);
      expect(second.errors).toEqual([]);
      await second.context.close();
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'the public notice lists it (on a phone, signed out); the notice period passes on the test clock',
    async () => {
      const visitor = await openSession(browser, server.url, PHONE);
      sessions.push(visitor);
      const page = visitor.page;
      await page.goto('/notices');
      await waitForHeading(page, '扶持政策公示');
      const row = page.getByRole('row').filter({ hasText: enterpriseName });
      await row.getByText('8,000 元').waitFor();
      await row.getByText(SI_POLICY).waitFor();
      await row.getByRole('link', { name: new RegExp(`登录后提出异议 ${enterpriseName}`) }).waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await expectNoAxeViolations(page, 'public notice (zh-CN, phone)');
      await page.getByRole('button', { name: 'English' }).click();
      await waitForHeading(page, 'Public notice of support');
      await row.getByText('8,000 yuan').waitFor();
      await expectNoAxeViolations(page, 'public notice (en-US, phone)');
      expect(visitor.errors).toEqual([]);

      // The clerk sees the notice window on the application.
      const clerkView = clerkPage();
      await clerkView.reload();
      await clerkView.getByRole('status').getByText('公示中').waitFor();

      // Five notice days pass on the server's clock; the sweep (a timer in production) closes it.
      server.clock.advance(6 * DAY_MS);
      expect(await closeDueNotices(server.db, server.clock.now())).toBeGreaterThanOrEqual(1);
      // Six days on, every session has expired: the clerk, the district officer and the bureau
      // sign in again.
      clerkSession = await signIn(browser, server.url, DESKTOP, clerk.phone, clerk.password, /\/employer$/);
      districtSession = await signIn(
        browser,
        server.url,
        DESKTOP,
        district.phone,
        district.password,
        /\/staff$/,
      );
      bureauSession = await signIn(browser, server.url, DESKTOP, bureauA.phone, bureauA.password, /\/staff$/);
      sessions.push(clerkSession, districtSession, bureauSession);
      await clerkPage().goto(`/employer/policies/${applicationId}`);
      const approvedView = clerkPage();
      await waitForHeading(approvedView, SI_POLICY);
      await approvedView.getByRole('status').getByText('已批准').waitFor();
      await approvedView.locator('.application-timeline').getByText('公示期满').waitFor();
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'the clerk gives the bank account; the bureau batches, exports the .xlsx, marks it paid and reconciles',
    async () => {
      const clerkView = clerkPage();
      const payee = clerkView.getByRole('region', { name: '收款账户' });
      await payee.getByLabel('户名').waitFor();
      expect(await payee.getByLabel('户名').inputValue()).toBe(enterpriseName);
      await payee.getByLabel('开户银行（含支行）').fill('中国工商银行湛江霞山支行');
      await payee.getByLabel('银行账号').fill('12');
      await payee.getByRole('button', { name: '保存收款账户' }).click();
      await payee.getByText('银行账号应为8至32位数字').waitFor();
      await payee.getByLabel('银行账号').fill('6222 0201 0000 1234 567');
      await payee.getByRole('button', { name: '保存收款账户' }).click();
      await payee.getByText(/收款账户：.*中国工商银行湛江霞山支行.*4567/).waitFor();
      await expectNoAxeViolations(clerkView, 'approved application with bank account (zh-CN, desktop)');

      const page = bureauPage();
      await nav(page).getByRole('link', { name: '资金发放' }).click();
      await waitForHeading(page, '资金发放');
      await pickOption(page, page.getByLabel('政策', { exact: true }), SI_POLICY);
      const candidate = page.getByRole('row').filter({ hasText: enterpriseName });
      await candidate.getByText('8,000 元').waitFor();
      await candidate.getByRole('checkbox', { name: `选择 ${enterpriseName}` }).check();
      await page.getByText('已选 1 份申请').waitFor();
      await expectNoAxeViolations(page, 'new payout batch (zh-CN, desktop)');
      await page.getByRole('button', { name: '生成发放批次' }).dblclick();
      await page.waitForURL(/\/staff\/payouts\/[0-9a-f-]{36}$/);
      await waitForHeading(page, /^发放批次 /);
      const payoutRow = page.getByRole('row').filter({ hasText: enterpriseName });
      await payoutRow.getByText('待支付').waitFor();
      await payoutRow.getByText('8,000 元').waitFor();
      await expectNoAxeViolations(page, 'payout batch (zh-CN, desktop)');
      // The double click made one batch, with one payout.
      const batches = await bureauSession.context.request.get('/api/v1/payout-batches');
      expect(((await batches.json()) as { total: number }).total).toBe(1);

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: '导出 Excel（财务系统）' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
      const { default: ExcelJS } = await import('exceljs');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(await download.path());
      const sheet = workbook.worksheets[0];
      if (!sheet) throw new Error('the export has no worksheet');
      const rows: string[][] = [];
      sheet.eachRow((r) => {
        // Cells are text or numbers in this export (no formulas, rich text or dates).
        rows.push(
          (r.values as unknown[])
            .slice(1)
            .map((v) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '')),
        );
      });
      expect(rows[0]).toContain('收款人');
      const line = rows.find((r) => r.includes(enterpriseName));
      expect(line, JSON.stringify(rows)).toBeDefined();
      expect(line).toContain('800000');
      expect(line).toContain('6222020100001234567');

      await payoutRow.getByRole('button', { name: `标记已支付 ${enterpriseName}` }).click();
      const dialog = page.getByRole('dialog', { name: /标记已支付/ });
      await dialog.getByLabel('银行流水号').fill(`ICBC2020${suffix.toUpperCase()}`);
      await expectNoAxeViolations(page, 'mark paid dialog (zh-CN, desktop)');
      await dialog.getByRole('button', { name: '标记已支付' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await payoutRow.getByText('已支付').waitFor();
      await page.getByRole('button', { name: '生成对账报告' }).click();
      await page.getByText(/账目平衡/).waitFor();
      await expectNoAxeViolations(page, 'reconciliation (zh-CN, desktop)');

      await clerkView.reload();
      await clerkView.getByRole('status').getByText('已发放').waitFor();
      expect(bureauSession.errors).toEqual([]);
      expect(clerkSession.errors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'a returned worker records the start-up on a phone',
    async () => {
      workerSession = await signIn(browser, server.url, PHONE, worker.phone, worker.password, /\/seeker$/);
      sessions.push(workerSession);
      const page = workerPage();
      await page.getByRole('link', { name: '创业登记' }).click();
      await waitForHeading(page, '我的创业登记');
      await expectNoAxeViolations(page, 'start-up form (zh-CN, phone)');
      await page.getByLabel('企业或个体工商户名称').fill(`志强海鲜大排档${suffix}`);
      await page.getByRole('radio', { name: '个体工商户' }).check();
      await pickOption(page, page.getByLabel('经营所在区县'), '霞山区');
      await searchAndPick(page, page.getByLabel('所属行业'), '餐饮', 'H 住宿和餐饮业');
      // Started about 13 months ago: past the six months of operation the subsidy asks for.
      await page.getByLabel('成立（开业）日期').fill(chinaDaysAgo(400));
      await page.getByLabel('带动就业人数').fill('3');
      await searchAndPick(page, page.getByLabel('之前务工地 省份'), '广西', '广西壮族自治区');
      await searchAndPick(page, page.getByLabel('之前务工地 城市'), '柳州', '柳州市');
      await page.getByRole('button', { name: '保存创业登记' }).click();
      const card = page.getByRole('article', { name: `志强海鲜大排档${suffix}` });
      await card.getByText('返乡创业人员').waitFor();
      await card.getByText(/湛江/).first().waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await expectNoAxeViolations(page, 'start-up recorded (zh-CN, phone)');
      expect(workerSession.errors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'the district officer finds the worker by proactive eligibility and prepares the subsidy; the worker confirms it on the phone',
    async () => {
      const page = districtPage();
      await nav(page).getByRole('link', { name: '免申即享' }).click();
      await waitForHeading(page, '免申即享');
      await pickOption(page, page.getByLabel('政策', { exact: true }), STARTUP_POLICY);
      await page.getByRole('button', { name: '查找符合条件的对象' }).click();
      await waitForHeadingLevel2(page, /符合条件的对象（1）/);
      const row = page.getByRole('row').filter({ hasText: maskedWorker });
      await row.getByText('10,000 元').waitFor();
      await row
        .getByRole('list', { name: `${maskedWorker}的核验理由` })
        .getByRole('listitem')
        .first()
        .waitFor();
      await row.getByText('有平台账号').waitFor();
      await expectNoAxeViolations(page, 'proactive eligibility results (zh-CN, desktop)');
      await row.getByRole('checkbox', { name: `选择 ${maskedWorker}` }).check();
      await page.getByRole('button', { name: '代为准备申请（1）' }).click();
      const done = page.getByRole('alert').filter({ hasText: '已准备申请 1 份' });
      await done.getByText(`${maskedWorker}：已准备申请`).waitFor();
      await expectNoAxeViolations(page, 'proactive outreach done (zh-CN, desktop)');
      expect(districtSession.errors).toEqual([]);

      const phone = workerPage();
      await nav(phone).getByRole('link', { name: '首页' }).click();
      await phone.getByRole('link', { name: '扶持政策' }).click();
      await waitForHeading(phone, '我的政策申请');
      await phone.getByText('有 1 份工作人员为您准备的申请等待确认').waitFor();
      const card = phone.getByRole('article', { name: STARTUP_POLICY });
      await card.getByText('待您确认').waitFor();
      await expectNoAxeViolations(phone, 'my policy applications with one to confirm (zh-CN, phone)');
      await card.getByRole('link', { name: STARTUP_POLICY, exact: true }).click();
      await waitForHeading(phone, STARTUP_POLICY);
      const confirm = phone.getByRole('region', { name: '工作人员已为您准备好申请' });
      await confirm.getByText('返乡创业人员').first().waitFor();
      await phone.getByLabel('居民身份证', { exact: true }).setInputFiles({
        name: 'id-card.png',
        mimeType: 'image/png',
        buffer: TINY_PNG,
      });
      await phone.getByRole('list', { name: '已上传的居民身份证' }).waitFor();
      await phone.getByLabel('营业执照（企业或个体工商户）', { exact: true }).setInputFiles({
        name: 'licence.png',
        mimeType: 'image/png',
        buffer: TINY_PNG,
      });
      await phone.getByRole('list', { name: '已上传的营业执照（企业或个体工商户）' }).waitFor();
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await expectNoAxeViolations(phone, 'prepared application to confirm (zh-CN, phone)');
      await phone.getByRole('button', { name: '确认并提交' }).click();
      await phone.getByRole('status').getByText('已提交').waitFor();
      await expectNoAxeViolations(phone, 'confirmed application (zh-CN, phone)');

      // It is in the district's queue now, as prepared by staff.
      await nav(page).getByRole('link', { name: '政策初审' }).click();
      // Staff see the person's full name.
      const queued = page.getByRole('row').filter({ hasText: worker.name });
      await queued.getByText('工作人员代办').waitFor();
      expect(workerSession.errors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'a visitor self-checks the start-up subsidy on a phone without signing in, also in English',
    async () => {
      const visitor = await openSession(browser, server.url, PHONE);
      sessions.push(visitor);
      const page = visitor.page;
      await page.goto('/policies?applicantType=person');
      await waitForHeading(page, '扶持政策');
      const card = page.getByRole('article', { name: STARTUP_POLICY });
      await card.getByText('定额 10,000 元').waitFor();
      await card.getByRole('link', { name: STARTUP_POLICY, exact: true }).click();
      await waitForHeading(page, STARTUP_POLICY);
      const check = page.getByRole('region', { name: '符合条件自测' });
      await check.getByRole('group', { name: '返乡创业人员' }).getByRole('radio', { name: '是' }).check();
      await check.getByLabel('创业项目成立日期').fill(chinaDaysAgo(60));
      await check.getByRole('button', { name: '开始自测' }).click();
      // Opened two months ago: not yet six months of operation.
      await check.getByText('按您填写的情况，暂不符合条件').waitFor();
      await check.getByText('不符合', { exact: true }).first().waitFor();
      await check.getByLabel('创业项目成立日期').fill(chinaDaysAgo(400));
      await check.getByRole('button', { name: '开始自测' }).click();
      await check.getByText('按您填写的情况，大致符合条件').waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await expectNoAxeViolations(page, 'anonymous self-check (zh-CN, phone)');
      await page.getByRole('button', { name: 'English' }).click();
      await waitForHeading(page, 'One-off start-up subsidy for returned workers');
      await page.getByText('From your answers, you roughly qualify').waitFor();
      await expectNoAxeViolations(page, 'anonymous self-check (en-US, phone)');
      expect(visitor.errors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'the bureau adds a policy: a malformed rule is refused naming its path, next to the editor',
    async () => {
      const page = bureauPage();
      await nav(page).getByRole('link', { name: '公示与异议' }).click();
      await waitForHeading(page, '公示与异议');
      await page.getByText('没有异议').waitFor();
      await expectNoAxeViolations(page, 'notice and objections (zh-CN, desktop)');

      await nav(page).getByRole('link', { name: '政策目录' }).click();
      await waitForHeading(page, '政策目录管理');
      await page.getByRole('row').filter({ hasText: SI_POLICY }).getByText('v1').waitFor();
      await expectNoAxeViolations(page, 'policy catalogue management (zh-CN, desktop)');
      await page.getByRole('link', { name: '新建政策' }).click();
      await waitForHeading(page, '新建政策');
      const code = `ZJ-TRAIN-${suffix.toUpperCase()}`;
      await page.getByLabel('政策代码').fill(code);
      await pickOption(page, page.getByLabel('政策类别'), '职业培训补贴');
      await pickOption(page, page.getByLabel('申请对象'), '企业');
      await page.getByLabel('政策名称（中文）').fill(`以工代训补贴${suffix}`);
      await page.getByLabel('政策名称（英文）').fill(`On-the-job training subsidy ${suffix}`);
      await page.getByLabel('生效日期').fill('2020-03-01');
      const rule = page.getByLabel('资格条件', { exact: true });
      await rule.fill(
        JSON.stringify({
          all: [
            { fact: 'enterprise.size', op: 'in', value: ['micro', 'small', 'medium'] },
            { fact: 'enterprise.nonexistent', op: 'eq', value: 1 },
          ],
        }),
      );
      await page.getByLabel('金额公式').fill('{"kind": "fixed", "amountFen": 50000}');
      await page.getByRole('button', { name: '新建政策' }).click();
      await page.getByText('eligibility.all.1.fact: 事实项不存在').waitFor();
      await expectNoAxeViolations(page, 'policy editor with a path-named rule error (zh-CN, desktop)');
      await rule.fill(
        JSON.stringify({ all: [{ fact: 'enterprise.size', op: 'in', value: ['micro', 'small', 'medium'] }] }),
      );
      // The rule in plain words, as applicants will read it.
      await page
        .getByRole('group', { name: '资格条件预览' })
        .getByText(/企业规模属于 微型/)
        .waitFor();
      await page.getByRole('button', { name: '新建政策' }).click();
      await page.getByText('已保存（第 1 版）').first().waitFor();
      await waitForHeading(page, `修改政策 ${code}`);
      expect(bureauSession.errors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});

async function waitForHeadingLevel2(page: Page, name: RegExp): Promise<void> {
  await page.getByRole('heading', { level: 2, name }).waitFor();
}
