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
  maleIdNumber,
  pickOption,
  searchAndPick,
  tomorrowAtTen,
  TINY_PNG,
  validCreditCode,
  withWrongCheckChar,
} from './channel-flows';
import { changeInitialPassword, fillLogin, testOtp, waitForHeading } from './flows';
import { startTestServer } from './server';

type Server = Awaited<ReturnType<typeof startTestServer>>;

const JOURNEY_TIMEOUT = 180_000;

/**
 * Issue 3's acceptance, through the UI: an employer registers an enterprise, staff verify it; a
 * discriminatory ad is flagged, sent back, fixed and approved; a seeker on a phone writes a welder
 * résumé, finds the job by searching 焊工, sees it recommended with reasons and applies (twice,
 * getting one application); the employer interviews and hires; another enterprise cannot read the
 * applicants; the seeker sees the outcome. Every page visited gets an axe scan.
 */
describe('the quick connecting channel', () => {
  let server: Server;
  let browser: Browser;
  let api: APIRequestContext;

  // State the steps hand on to each other (they run in order).
  const suffix = uniqueSuffix();
  const enterpriseName = `湛江海湾钢构${suffix}有限公司`;
  const creditCode = validCreditCode();
  const employer = { phone: uniquePhone(), password: `Qiye${suffix}2020`, name: `王敏${suffix}` };
  const staff = { phone: uniquePhone(), initial: `Chushi${suffix}1`, password: `Shenhe${suffix}2020` };
  const staffName = `霞山审核员${suffix}`;
  const seeker = { phone: uniquePhone(), password: `Hangong${suffix}7`, name: `李焊工${suffix}` };
  const badTitle = '招聘电焊工，限男性，35岁以下';
  const goodTitle = `招聘电焊工${suffix}`;
  let employerSession: Session;
  let staffSession: Session;
  let seekerSession: Session;
  let postingId = '';

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    api = await request.newContext({ baseURL: server.url });
    // The staff account comes from the admin, through the API (the admin UI has its own journey).
    const login = await api.post('/api/v1/auth/login', {
      data: {
        phone: server.adminPhone,
        password: server.adminPassword,
        otp: await testOtp(server.adminPhone),
      },
    });
    expect(login.status()).toBe(200);
    const created = await api.post('/api/v1/admin/users', {
      data: {
        role: 'staff',
        phone: staff.phone,
        password: staff.initial,
        displayName: staffName,
        districtCodes: ['440803'],
      },
    });
    expect(created.status()).toBe(201);
    await api.post('/api/v1/auth/logout');
  });
  afterAll(async () => {
    await api?.dispose();
    await browser?.close();
    await server?.close();
  });

  const employerPage = (): Page => employerSession.page;
  const staffPage = (): Page => staffSession.page;
  const seekerPage = (): Page => seekerSession.page;

  it(
    'an employer registers and creates an enterprise with a valid credit code (a failed check only warns)',
    async () => {
      employerSession = await openSession(browser, server.url, DESKTOP);
      const page = employerPage();
      await page.goto('/register');
      await waitForHeading(page, '注册账号');
      await page.getByRole('radio', { name: /用人单位/ }).check();
      await page.getByLabel('手机号').fill(employer.phone);
      await page.getByLabel('密码', { exact: true }).fill(employer.password);
      await page.getByLabel('姓名或单位名称').fill(employer.name);
      await page.getByRole('button', { name: '注册并登录' }).click();
      await page.waitForURL(/\/employer$/);
      await waitForHeading(page, `您好，${employer.name}`);
      await page.getByText('还没有登记企业').waitFor();
      await expectNoAxeViolations(page, 'employer home (zh-CN, desktop)');

      const nav = page.getByRole('navigation', { name: '主导航' });
      await nav.getByRole('link', { name: '企业' }).click();
      await waitForHeading(page, '企业信息');
      await page.getByLabel('企业名称').fill(enterpriseName);
      // A wrong check character is a warning that does not block; a malformed code is an error.
      const code = page.getByLabel('统一社会信用代码');
      await code.fill('12345');
      await page.getByLabel('企业名称').click();
      await page.getByText('统一社会信用代码应为18位数字或大写字母').waitFor();
      await code.fill(withWrongCheckChar(creditCode));
      await page.getByText('统一社会信用代码校验位不符，需工作人员核实').waitFor();
      await expectNoAxeViolations(page, 'enterprise form with checksum warning (zh-CN, desktop)');
      await code.fill(creditCode.toLowerCase());
      await page.getByText('统一社会信用代码校验位不符，需工作人员核实').waitFor({ state: 'hidden' });
      await searchAndPick(page, page.getByLabel('所属行业'), '制造', 'C 制造业');
      await pickOption(page, page.getByLabel('所在区县'), '霞山区');
      await page.getByRole('radio', { name: '小型' }).check();
      await page.getByLabel('详细地址').fill('湛江市霞山区海滨大道南 88 号');
      await page.getByLabel('联系人姓名').fill('王敏');
      await page.getByLabel('联系电话').fill(employer.phone);
      await page.getByRole('button', { name: '提交登记' }).click();

      const profile = page.getByRole('region', { name: new RegExp(enterpriseName) });
      await profile.getByText('待认证').first().waitFor();
      await profile.getByText(creditCode).waitFor();
      // The business licence, checked by content on the server.
      await profile.getByLabel('上传营业执照').setInputFiles({
        name: 'licence.png',
        mimeType: 'image/png',
        buffer: TINY_PNG,
      });
      await page.getByText('营业执照已上传').first().waitFor();
      await profile.getByText('已上传营业执照。').waitFor();
      await expectNoAxeViolations(page, 'enterprise profile pending (zh-CN, desktop)');
      expect(employerSession.errors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'staff sign in through the UI, see the licence and verify the enterprise',
    async () => {
      staffSession = await openSession(browser, server.url, DESKTOP);
      const page = staffPage();
      await page.goto('/login');
      await fillLogin(page, staff.phone, staff.initial);
      await changeInitialPassword(page, staff.initial, staff.password);
      await page.waitForURL(/\/staff$/);
      await waitForHeading(page, `您好，${staffName}`);
      await expectNoAxeViolations(page, 'staff home (zh-CN, desktop)');

      const nav = page.getByRole('navigation', { name: '主导航' });
      await nav.getByRole('link', { name: '企业认证' }).click();
      await waitForHeading(page, '企业认证');
      const row = page.getByRole('row').filter({ hasText: enterpriseName });
      await row.getByText('待认证').waitFor();
      await expectNoAxeViolations(page, 'verification list (zh-CN, desktop)');
      await row.getByRole('link', { name: enterpriseName }).click();
      await waitForHeading(page, enterpriseName);
      await page.getByRole('button', { name: '查看营业执照' }).click();
      await page.getByRole('img', { name: `${enterpriseName} 的营业执照` }).waitFor();
      await expectNoAxeViolations(page, 'verification detail (zh-CN, desktop)');
      await page.getByRole('button', { name: '通过认证' }).click();
      await page.getByText('已通过认证').first().waitFor();
      await page.getByText('已认证').first().waitFor();
      expect(staffSession.errors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'the employer posts “招聘电焊工，限男性，35岁以下” and sees gender and age flags, live and after submitting',
    async () => {
      const page = employerPage();
      await page.reload();
      const profile = page.getByRole('region', { name: new RegExp(enterpriseName) });
      await profile.getByText('已认证').first().waitFor();

      const nav = page.getByRole('navigation', { name: '主导航' });
      await nav.getByRole('link', { name: '岗位' }).click();
      await waitForHeading(page, '我的岗位');
      await expectNoAxeViolations(page, 'my postings, empty (zh-CN, desktop)');
      await page.getByRole('link', { name: '发布岗位' }).click();
      await waitForHeading(page, '发布岗位');

      await page.getByLabel('岗位名称').fill(badTitle);
      // Live hints from /job-postings/check-text, next to the field, with the words and the reason.
      const hints = page.getByRole('list', { name: '可能存在的就业歧视' });
      await hints.getByText('性别限制').waitFor();
      await hints.getByText('年龄限制').waitFor();
      await hints.locator('mark', { hasText: '限男性' }).waitFor();
      expect(await hints.locator('.flag-item__reason').first().textContent()).not.toBe('');

      await searchAndPick(page, page.getByLabel('工种'), '焊工', '焊工（6-18-02-04）');
      await page.getByLabel('岗位介绍').fill('负责钢结构件焊接，持焊工证优先。');
      await pickOption(page, page.getByLabel('工作区县'), '霞山区');
      await page.getByLabel('招聘人数').fill('5');
      await page.getByLabel('最低').fill('6000');
      await page.getByLabel('最高').fill('9000');
      await page.getByRole('checkbox', { name: '包吃' }).check();
      await page.getByRole('checkbox', { name: '包住' }).check();
      await page.getByText('还有 2 处可能存在就业歧视的表述').waitFor();
      await expectNoAxeViolations(page, 'posting form with live flags (zh-CN, desktop)');
      await page.getByRole('button', { name: '提交审核' }).click();

      await page.waitForURL(/\/employer\/postings\/[0-9a-f-]{36}$/);
      postingId = page.url().split('/').pop() ?? '';
      await waitForHeading(page, badTitle);
      await page.getByText('待审核').first().waitFor();
      const flags = page.getByRole('region', { name: /可能存在就业歧视/ });
      await flags.getByText('性别限制').waitFor();
      await flags.getByText('年龄限制').waitFor();
      await expectNoAxeViolations(page, 'posting pending review with flags (zh-CN, desktop)');
      expect(employerSession.errors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'staff reject it with a reason; the employer fixes the ad; staff approve',
    async () => {
      const page = staffPage();
      const nav = page.getByRole('navigation', { name: '主导航' });
      await nav.getByRole('link', { name: '岗位审核' }).click();
      await waitForHeading(page, '岗位审核');
      const row = page.getByRole('row').filter({ hasText: badTitle });
      await row.getByText('性别限制').waitFor();
      await expectNoAxeViolations(page, 'review queue (zh-CN, desktop)');
      await row.getByRole('link', { name: badTitle }).click();
      await page.getByRole('heading', { level: 1 }).locator('mark', { hasText: '限男性' }).waitFor();
      await expectNoAxeViolations(page, 'review detail with highlighted flags (zh-CN, desktop)');
      await page.getByRole('button', { name: '退回修改' }).click();
      const dialog = page.getByRole('dialog', { name: '退回修改' });
      const reason = dialog.getByLabel('退回原因');
      // Prefilled from the flags; the officer may edit it.
      expect(await reason.inputValue()).toContain('限男性');
      await reason.fill(
        '“限男性”“35岁以下”属于就业歧视（《就业促进法》第三条、第二十七条），请删除后重新提交。',
      );
      await expectNoAxeViolations(page, 'reject dialog (zh-CN, desktop)');
      await dialog.getByRole('button', { name: '退回修改' }).click();
      await page.waitForURL(/\/staff\/review$/);
      await page.getByText('已退回企业修改').first().waitFor();

      const employer = employerPage();
      await employer.reload();
      await waitForHeading(employer, badTitle);
      await employer.getByText('未通过审核').first().waitFor();
      await employer.getByText(/审核未通过：“限男性”/).waitFor();
      await expectNoAxeViolations(employer, 'posting sent back (zh-CN, desktop)');
      await employer.getByRole('link', { name: '修改' }).click();
      await waitForHeading(employer, '修改岗位');
      await employer.getByLabel('岗位名称').fill(goodTitle);
      await employer.getByRole('list', { name: '可能存在的就业歧视' }).waitFor({ state: 'detached' });
      await employer
        .getByRole('status')
        .filter({ hasText: '未发现歧视性表述' })
        .waitFor({ state: 'attached' });
      await expectNoAxeViolations(employer, 'posting edit, fixed (zh-CN, desktop)');
      await employer.getByRole('button', { name: '保存并提交审核' }).click();
      await waitForHeading(employer, goodTitle);
      await employer.getByText('待审核').first().waitFor();
      expect(await employer.getByRole('region', { name: /可能存在就业歧视/ }).count()).toBe(0);

      // The queue was read before the resubmission: the officer refreshes it.
      await page.reload();
      await page
        .getByRole('row')
        .filter({ hasText: goodTitle })
        .getByRole('link', { name: goodTitle })
        .click();
      await waitForHeading(page, goodTitle);
      await page.getByText('未发现疑似歧视的表述').waitFor();
      await page.getByRole('button', { name: '审核通过' }).click();
      await page.waitForURL(/\/staff\/review$/);
      await page.getByText('已审核通过').first().waitFor();

      await employer.reload();
      await employer.getByText('已发布').first().waitFor();
      expect(staffSession.errors).toEqual([]);
      expect(employerSession.errors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'a seeker on a phone writes a welder résumé in 霞山区, with birth date and gender read from the identity number',
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
      await expectNoAxeViolations(page, 'seeker home (zh-CN, phone)');

      const tabs = page.getByRole('navigation', { name: '主导航' });
      await tabs.getByRole('link', { name: '我的' }).click();
      await waitForHeading(page, '我的');
      await expectNoAxeViolations(page, 'seeker me (zh-CN, phone)');
      await page.getByRole('link', { name: '我的简历' }).click();
      await waitForHeading(page, '我的简历');
      await expectNoAxeViolations(page, 'empty résumé (zh-CN, phone)');

      await page.getByLabel('姓名', { exact: true }).fill(seeker.name);
      const id = page.getByLabel('身份证号');
      await id.fill('440803199001011230');
      await page.getByText('身份证号校验位不正确').waitFor();
      await id.fill(maleIdNumber());
      await page.getByText('出生日期：1990-01-01，性别：男').waitFor();
      await pickOption(page, page.getByLabel('最高学历'), '中专/技校');
      const skills = page.getByLabel('技能（可选）');
      await skills.click();
      await skills.pressSequentially('二保焊');
      await skills.press('Enter');
      await skills.pressSequentially('氩弧焊');
      await skills.press('Enter');
      await searchAndPick(page, page.getByLabel('想做的工种'), '焊工', '焊工（6-18-02-04）');
      await page.keyboard.press('Escape');
      await page.getByRole('checkbox', { name: '霞山区' }).check();
      await page.getByLabel('期望月薪（最低）').fill('5000');
      // Key-group status and visibility each need their own consent first.
      expect(await page.getByRole('checkbox', { name: '农民工' }).isDisabled()).toBe(true);
      await page.getByRole('checkbox', { name: '我同意向已认证企业展示我的简历' }).check();
      await page.getByRole('switch', { name: '向企业展示简历' }).click();
      await expectNoAxeViolations(page, 'résumé filled (zh-CN, phone)');
      await page.getByRole('button', { name: '保存简历' }).click();
      await page.getByText('简历已保存').first().waitFor();
      await page.getByText(/已登记身份证号：4408\*+/).waitFor();
      // Saving again keeps the number on file (the box is empty: only the masked number is shown).
      await page.getByLabel('期望月薪（最低）').fill('5500');
      const [saved] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/v1/me/resume') && r.request().method() === 'PUT'),
        page.getByRole('button', { name: '保存简历' }).click(),
      ]);
      expect(saved.status()).toBe(200);
      await page.getByText(/已登记身份证号：4408\*+/).waitFor();
      await page.getByText('出生日期：1990-01-01，性别：男').waitFor();
      expect(seekerSession.errors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'the seeker finds the posting by searching 焊工 (also in English and in elderly mode) and sees it in the top 3 recommendations with reasons',
    async () => {
      const page = seekerPage();
      const tabs = page.getByRole('navigation', { name: '主导航' });
      await tabs.getByRole('link', { name: '找工作' }).click();
      await waitForHeading(page, '找工作');
      const box = page.getByRole('combobox', { name: '搜索岗位或工种' });
      await box.fill('焊工');
      // Autocomplete from /job-postings/suggest.
      // antd shows the suggestions without a role (its screen-reader listbox is hidden).
      await page
        .locator('.ant-select-dropdown .ant-select-item-option')
        .filter({ hasText: '焊工' })
        .first()
        .waitFor();
      // (Escape would clear the box: antd's AutoComplete resets its text.)
      await page.getByRole('button', { name: '搜索', exact: true }).click();
      await page.waitForURL(/q=%E7%84%8A%E5%B7%A5/);
      const card = page.getByRole('article', { name: goodTitle });
      await card.waitFor();
      // The server's highlight, rendered as <mark> (and nothing else).
      await card.locator('h2 mark').first().waitFor();
      await card.getByText('6,000–9,000 元/月').waitFor();
      await card.getByText('包吃').waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await expectNoAxeViolations(page, 'job search results (zh-CN, phone)');

      // Filters in a bottom sheet, applied together.
      await page.getByRole('button', { name: '筛选' }).click();
      const sheet = page.getByRole('dialog', { name: '筛选条件' });
      await sheet.waitFor();
      await sheet.getByRole('checkbox', { name: '包住' }).check();
      await expectNoAxeViolations(page, 'search filters sheet (zh-CN, phone)');
      await sheet.getByRole('button', { name: '查看结果' }).click();
      await sheet.waitFor({ state: 'hidden' });
      await page.waitForURL(/benefits=lodging/);
      await page.getByRole('button', { name: '移除条件：包住' }).waitFor();
      await card.waitFor();
      // A job alert for this search (shown later under 我的 → 岗位订阅).
      await page.getByRole('button', { name: '订阅此搜索' }).click();
      await page.getByText('已订阅，有新岗位时会通知您').first().waitFor();
      // The toast sits over the header's language buttons on a phone, and a hovered toast never
      // closes: let it go before using them.
      await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 20_000 });

      await page.getByRole('button', { name: 'English' }).click();
      await waitForHeading(page, 'Find jobs');
      await card.getByText('6,000–9,000 yuan a month').waitFor();
      await expectNoAxeViolations(page, 'job search results (en-US, phone)');
      await page.getByRole('switch', { name: 'Senior mode' }).click();
      await page.waitForFunction(() => document.documentElement.dataset.elderly === 'true');
      await expectNoAxeViolations(page, 'job search results (en-US, elderly, phone)');
      await page.getByRole('button', { name: '中文' }).click();
      await waitForHeading(page, '找工作');
      await expectNoAxeViolations(page, 'job search results (zh-CN, elderly, phone)');
      await page.getByRole('switch', { name: '长辈模式' }).click();

      await tabs.getByRole('link', { name: '推荐' }).click();
      await waitForHeading(page, '为我推荐');
      const recommended = page.getByRole('article');
      await recommended.first().waitFor();
      const top3 = (await recommended.locator('h2').allTextContents()).slice(0, 3);
      expect(top3).toContain(goodTitle);
      const mine = page.getByRole('article', { name: goodTitle });
      const reasons = await mine
        .getByRole('list', { name: '推荐理由' })
        .getByRole('listitem')
        .allTextContents();
      expect(reasons.length).toBeGreaterThan(0);
      expect(Number(await mine.locator('.match-score__value').textContent())).toBeGreaterThan(0);
      await expectNoAxeViolations(page, 'recommendations (zh-CN, phone)');
      expect(seekerSession.errors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'the seeker applies twice (a double tap, then a resubmission) and has one application',
    async () => {
      const page = seekerPage();
      await page.getByRole('article', { name: goodTitle }).getByRole('link', { name: goodTitle }).click();
      await waitForHeading(page, goodTitle);
      await page.getByRole('heading', { name: '投递简历' }).waitFor();
      await expectNoAxeViolations(page, 'posting detail with apply (zh-CN, phone)');
      // Without consent nothing is sent.
      await page.getByRole('button', { name: '投递简历' }).click();
      await page.getByRole('alert').filter({ hasText: '请先勾选同意' }).waitFor();
      await page.getByRole('checkbox', { name: /我同意把我的简历/ }).check();
      await page.getByRole('button', { name: '投递简历' }).dblclick();
      const applied = page.getByRole('status').filter({ hasText: '您已于' });
      await applied.getByText('已投递').waitFor();
      // The consent is not asked again; a reload shows the status, not the form.
      expect(await page.getByRole('checkbox', { name: /我同意把我的简历/ }).count()).toBe(0);
      await page.reload();
      await applied.getByText('已投递').waitFor();
      await expectNoAxeViolations(page, 'posting detail after applying (zh-CN, phone)');

      // A resubmission with a fresh key is refused; the seeker still has exactly one application.
      const again = await seekerSession.context.request.post(
        `/api/v1/job-postings/${postingId}/applications`,
        {
          data: { shareResumeConsent: true },
          headers: { 'Idempotency-Key': `resubmit-${uniqueSuffix()}-${Date.now()}` },
        },
      );
      expect(again.status()).toBe(409);
      expect(((await again.json()) as { code: string }).code).toBe('already_applied');
      const mine = await seekerSession.context.request.get('/api/v1/me/applications');
      const items = ((await mine.json()) as { items: { postingId: string }[] }).items;
      expect(items.filter((a) => a.postingId === postingId)).toHaveLength(1);
      expect(seekerSession.errors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'the employer moves the application to interview and hired on the board; another enterprise is refused the list',
    async () => {
      const page = employerPage();
      await page.goto(`/employer/postings/${postingId}`);
      await waitForHeading(page, goodTitle);
      // Seekers who opted in to be seen, ranked for this posting with their reasons.
      await page.getByRole('link', { name: '推荐人选' }).click();
      await page.getByRole('heading', { level: 1, name: /推荐人选/ }).waitFor();
      const candidate = page.getByRole('article', { name: seeker.name });
      await candidate.getByRole('list', { name: '推荐理由' }).getByRole('listitem').first().waitFor();
      await expectNoAxeViolations(page, 'candidates (zh-CN, desktop)');
      await page.getByRole('link', { name: '返回岗位' }).click();
      await waitForHeading(page, goodTitle);
      await page.getByRole('link', { name: '应聘人员' }).click();
      await page.getByRole('heading', { level: 1, name: /应聘人员/ }).waitFor();
      const submitted = page.getByRole('region', { name: /已投递/ });
      const card = submitted.getByRole('article', { name: seeker.name });
      await card.waitFor();
      await expectNoAxeViolations(page, 'applicant board (zh-CN, desktop)');

      await card.getByRole('button', { name: `查看简历 ${seeker.name}` }).click();
      const drawer = page.getByRole('dialog', { name: `${seeker.name} 的简历` });
      await drawer.getByText('二保焊、氩弧焊').waitFor();
      await expectNoAxeViolations(page, 'shared résumé (zh-CN, desktop)');
      await drawer
        .getByRole('button', { name: 'Close' })
        .or(drawer.getByRole('button', { name: '关闭' }))
        .first()
        .click();
      await drawer.waitFor({ state: 'hidden' });

      // Moves are buttons: the keyboard reaches them. An interview needs a time and a place.
      const anyCard = page.getByRole('article', { name: seeker.name });
      await anyCard.getByRole('button', { name: `约面试 ${seeker.name}` }).focus();
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: new RegExp(`${seeker.name}：面试`) });
      await dialog.getByRole('button', { name: '确定' }).click();
      await dialog.getByText('必填').first().waitFor();
      await dialog.getByLabel('面试时间').fill(tomorrowAtTen());
      await dialog.getByLabel('面试地点或视频链接').fill('霞山区海滨大道南 88 号 3 楼人事部');
      await expectNoAxeViolations(page, 'interview dialog (zh-CN, desktop)');
      await dialog.getByRole('button', { name: '确定' }).click();
      await dialog.waitFor({ state: 'hidden' });
      const interview = page.getByRole('region', { name: /^面试/ });
      await interview.getByRole('article', { name: seeker.name }).waitFor();
      await interview.getByText(/面试时间：/).waitFor();

      await interview.getByRole('button', { name: `确认录用 ${seeker.name}` }).click();
      await page.getByRole('button', { name: '确定' }).click();
      const hired = page.getByRole('region', { name: /已录用/ });
      await hired.getByRole('article', { name: seeker.name }).waitFor();
      await expectNoAxeViolations(page, 'applicant board after hiring (zh-CN, desktop)');

      // A second enterprise's employer: 403 or 404 on this posting's applicants.
      const other = await request.newContext({ baseURL: server.url });
      const registered = await other.post('/api/v1/auth/register', {
        data: {
          role: 'employer',
          phone: uniquePhone(),
          password: `Qita${suffix}2020`,
          displayName: '另一家企业',
        },
      });
      expect(registered.status()).toBe(201);
      const otherEnterprise = await other.post('/api/v1/enterprises', {
        data: {
          name: `湛江另一家${suffix}有限公司`,
          creditCode: validCreditCode(),
          industryCode: 'C',
          districtCode: '440803',
          size: 'small',
          address: '湛江市霞山区人民大道 1 号',
          contactName: '张三',
          contactPhone: uniquePhone(),
        },
      });
      expect(otherEnterprise.status()).toBe(201);
      const refused = await other.get(`/api/v1/job-postings/${postingId}/applications`);
      expect([403, 404]).toContain(refused.status());
      await other.dispose();
      expect(employerSession.errors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'the employer lists the postings and gets a row-by-row report for a bad Excel import (nothing imported)',
    async () => {
      const page = employerPage();
      await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '岗位' }).click();
      await waitForHeading(page, '我的岗位');
      const row = page.getByRole('article', { name: goodTitle });
      await row.getByText('已发布').waitFor();
      await row.getByText('已录用 1 / 5 人').waitFor();
      await expectNoAxeViolations(page, 'my postings (zh-CN, desktop)');

      await page.getByRole('link', { name: '批量导入岗位' }).click();
      await waitForHeading(page, '批量导入岗位');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: '下载 Excel 模板' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
      // Fill the template with one bad row: an unknown trade, a headcount that is not a number and
      // a maximum salary below the minimum.
      const { default: ExcelJS } = await import('exceljs');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(await download.path());
      const sheet = workbook.worksheets[0];
      if (!sheet) throw new Error('the template has no worksheet');
      const bad = ['叉车司机', '不存在的工种', '霞山区', '', 'abc', 4000, 3000, '按月'];
      bad.forEach((value, i) => {
        sheet.getCell(2, i + 1).value = value;
      });
      const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
      await page.getByLabel('选择 Excel 文件（.xlsx）').setInputFiles({
        name: 'postings.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer,
      });
      await page.getByRole('button', { name: '上传并导入' }).click();
      const report = page.getByRole('region', { name: '错误报告' });
      await report.getByRole('cell', { name: '2', exact: true }).first().waitFor();
      expect(await report.getByRole('row').count()).toBeGreaterThan(2);
      await page.getByText(/表格未导入/).waitFor();
      await expectNoAxeViolations(page, 'import error report (zh-CN, desktop)');
      // Nothing was imported: still one posting.
      await page.getByRole('link', { name: '返回我的岗位' }).click();
      await waitForHeading(page, '我的岗位');
      await row.waitFor();
      expect(await page.getByRole('article').count()).toBe(1);
      expect(employerSession.errors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'the seeker sees the status and the timeline',
    async () => {
      const page = seekerPage();
      const tabs = page.getByRole('navigation', { name: '主导航' });
      await tabs.getByRole('link', { name: '投递' }).click();
      await waitForHeading(page, '我的投递');
      const card = page.getByRole('article', { name: goodTitle });
      await card.getByText('已录用').first().waitFor();
      await card.getByText('查看进度记录').click();
      await card.getByText('面试').first().waitFor();
      await expectNoAxeViolations(page, 'my applications (zh-CN, phone)');

      await tabs.getByRole('link', { name: '我的' }).click();
      await page.getByRole('link', { name: '岗位订阅' }).click();
      await waitForHeading(page, '岗位订阅');
      await page.getByRole('link', { name: '查看岗位' }).waitFor();
      await expectNoAxeViolations(page, 'saved searches (zh-CN, phone)');
      await tabs.getByRole('link', { name: '我的' }).click();
      await page.getByRole('link', { name: /消息通知/ }).click();
      await waitForHeading(page, '消息通知');
      await page.getByRole('status').first().waitFor();
      await expectNoAxeViolations(page, 'notifications (zh-CN, phone)');
      expect(seekerSession.errors).toEqual([]);
      await Promise.all([employerSession, staffSession, seekerSession].map((s) => s.context.close()));
    },
    JOURNEY_TIMEOUT,
  );
});
