import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, type APIRequestContext, type Browser, type Page } from 'playwright-core';
import { createUser, TEST_PASSWORD, type TestUser } from '../server/test/factories.js';
import { createEnterprise, createPosting } from '../server/test/channel-factories.js';
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
import { idNumberAged, withWrongCheck } from './assistance-flows';
import { pickOption, searchAndPick } from './channel-flows';
import { fillLogin, testOtp, waitForHeading } from './flows';
import { startTestServer } from './server';

type Server = Awaited<ReturnType<typeof startTestServer>>;

const JOURNEY_TIMEOUT = 180_000;

/** Today and a later day in China, as the course's dates take them. */
function chinaDay(offsetDays: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
    new Date(Date.now() + offsetDays * 86_400_000),
  );
}

/**
 * Issue 7's acceptance, through the UI: a walk-in woman of 45 registers as unemployed at the desk
 * (keyboard only, identity number checked as typed), gets the certificate number and is classified
 * 4050; the officer confirms, reveals the full identity number with a reason, links her seeker
 * account and refers her to a published posting; on her phone she sees the registration, the key
 * group and the referral, applies and enrols in a course; the employer hires her on the board; the
 * case closes as employed. Every page visited gets an axe scan.
 */
describe('registration and assistance', () => {
  let server: Server;
  let browser: Browser;
  let api: APIRequestContext;

  const suffix = uniqueSuffix();
  const walkIn = {
    name: `陈秀英${suffix}`,
    phone: uniquePhone(),
    password: `Xiuying${suffix}7`,
    ...idNumberAged(45, 'female'),
  };
  const postingTitle = `海鲜加工包装工${suffix}`;
  const courseTitle = `中式烹调师培训班${suffix}`;
  let staff: TestUser;
  let employer: TestUser;
  let enterpriseName = '';
  let postingId = '';
  let certificateNo = '';
  let caseUrl = '';
  let staffSession: Session;
  let seekerSession: Session;
  let employerSession: Session;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    api = await request.newContext({ baseURL: server.url });
    staff = await createUser(server.db, {
      role: 'staff',
      districtCodes: ['440803'],
      displayName: `霞山登记员${suffix}`,
    });
    employer = await createUser(server.db, { role: 'employer', displayName: `海鲜厂人事${suffix}` });
    const enterprise = await createEnterprise(server.db, {
      ownerUserId: employer.id,
      ownerPhone: employer.phone,
    });
    enterpriseName = enterprise.name;
    postingId = (
      await createPosting(server.db, enterprise, {
        title: postingTitle,
        description: '负责海鲜分拣、加工和包装，包吃住，欢迎大龄人员。',
        headcount: 3,
      })
    ).id;

    // The walk-in already has a seeker account on the platform (registered on her phone, with a
    // résumé): the desk links her record to it, so the platform's hire counts for her case.
    const seeker = await request.newContext({ baseURL: server.url });
    const registered = await seeker.post('/api/v1/auth/register', {
      data: { role: 'seeker', phone: walkIn.phone, password: walkIn.password, displayName: walkIn.name },
    });
    expect(registered.status()).toBe(201);
    const resume = await seeker.put('/api/v1/me/resume', {
      data: {
        fullName: walkIn.name,
        birthDate: walkIn.birthDate,
        educationLevel: 'junior_high',
        skills: ['分拣'],
      },
    });
    expect(resume.status()).toBe(200);
    await seeker.dispose();

    // A course open for enrolment, set up by staff through the API (the course pages get their own
    // axe scans below).
    const login = await api.post('/api/v1/auth/login', {
      data: { phone: staff.phone, password: TEST_PASSWORD, otp: await testOtp(staff.phone) },
    });
    expect(login.status()).toBe(200);
    const provider = await api.post('/api/v1/training-providers', {
      data: {
        name: `霞山职业培训学校${suffix}`,
        kind: 'agency',
        licenceNumber: `JY${suffix.toUpperCase()}01`,
        districtCode: '440803',
      },
    });
    expect(provider.status()).toBe(201);
    const providerId = ((await provider.json()) as { id: string }).id;
    const start = chinaDay(7);
    const course = await api.post('/api/v1/training-courses', {
      data: {
        providerId,
        occupationCode: '4-03-02-01',
        title: courseTitle,
        hours: 40,
        subsidyPerHeadFen: 120_000,
        schedule: '周一至周五 9:00–17:00',
        sessions: [{ startsAt: `${start}T09:00:00+08:00`, endsAt: `${start}T17:00:00+08:00` }],
        capacity: 20,
        districtCode: '440803',
        startsOn: start,
        endsOn: chinaDay(14),
      },
    });
    expect(course.status(), await course.text()).toBe(201);
    await api.post('/api/v1/auth/logout');
  });
  afterAll(async () => {
    await api?.dispose();
    await browser?.close();
    await server?.close();
  });

  const staffPage = (): Page => staffSession.page;

  it(
    'the officer registers the walk-in at the desk with the keyboard only: the number is checked as typed, the certificate issued, 4050 proposed and confirmed',
    async () => {
      staffSession = await openSession(browser, server.url, DESKTOP);
      const page = staffPage();
      await page.goto('/login');
      await fillLogin(page, staff.phone, TEST_PASSWORD);
      await page.waitForURL(/\/staff$/);
      await page.getByRole('link', { name: '登记窗口' }).first().waitFor();
      await expectNoAxeViolations(page, 'staff home with assistance tiles (zh-CN, desktop)');
      await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '登记窗口' }).click();
      await waitForHeading(page, '登记窗口');

      // The identity number field has the focus; a typo in the check character is caught at once.
      const id = page.getByLabel('身份证号');
      await expect.poll(() => id.evaluate((el) => el === document.activeElement)).toBe(true);
      await page.keyboard.type(withWrongCheck(walkIn.idNumber));
      await page.getByText('身份证号校验位不正确').waitFor();
      await expectNoAxeViolations(page, 'desk with an identity-number error (zh-CN, desktop)');
      await id.fill('');
      await page.keyboard.type(walkIn.idNumber);
      await page.getByText(`出生日期：${walkIn.birthDate}`).waitFor();
      await page.getByText('性别：女').waitFor();
      await page.getByText('年龄：45 岁').waitFor();
      await page.getByText(/户籍地：.*霞山区/).waitFor();
      await page.getByText('没有该身份证号的档案，将新建档案').waitFor({ state: 'attached' });

      // Tab order: name, mobile, residence district (preselected from the number), reason.
      await page.keyboard.press('Tab');
      await page.keyboard.type(walkIn.name);
      await page.keyboard.press('Tab');
      await page.keyboard.type(walkIn.phone);
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      await page.keyboard.type('劳动合同');
      await page.keyboard.press('Enter');
      expect(await page.getByLabel('姓名', { exact: true }).inputValue()).toBe(walkIn.name);
      expect(await page.getByLabel('手机号').inputValue()).toBe(walkIn.phone);
      await expectNoAxeViolations(page, 'desk form filled (zh-CN, desktop)');
      const evidence = page.getByLabel('查验情况');
      await evidence.focus();
      await page.keyboard.type('查验身份证原件');
      await page.keyboard.press('Enter');

      await waitForHeading(page, '登记窗口');
      await page.getByRole('heading', { level: 2, name: `${walkIn.name} 已办理失业登记` }).waitFor();
      certificateNo = (await page.locator('.certificate__no').textContent())?.trim() ?? '';
      expect(certificateNo).toMatch(/^440803\d{10}$/);
      const proposal = page.getByRole('article', { name: /4050/ });
      await proposal.getByText('规则认定，待确认').waitFor();
      await proposal.getByRole('list', { name: '认定依据' }).getByRole('listitem').first().waitFor();
      await expectNoAxeViolations(page, 'desk outcome with proposals (zh-CN, desktop)');
      // One key confirms: the confirm button has the focus.
      await page.keyboard.press('Enter');
      await proposal.getByText('已确认', { exact: true }).waitFor();
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.textContent ?? ''))
        .toContain('下一位');
      await expectNoAxeViolations(page, 'desk outcome confirmed (zh-CN, desktop)');
      expect(staffSession.errors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'in the case workspace the officer reveals the full number with a reason, links the seeker account and refers her to the posting',
    async () => {
      const page = staffPage();
      await page.getByRole('link', { name: '打开帮扶台账' }).click();
      await waitForHeading(page, new RegExp(`${walkIn.name} 的帮扶台账`));
      caseUrl = new URL(page.url()).pathname;
      const masked = `${walkIn.idNumber.slice(0, 4)}**********${walkIn.idNumber.slice(14)}`;
      await page.getByText(masked).waitFor();
      expect(await page.getByText(walkIn.idNumber).count()).toBe(0);
      await page
        .getByText(/“4050”/)
        .first()
        .waitFor();
      await expectNoAxeViolations(page, 'case page (zh-CN, desktop)');

      await page.getByRole('button', { name: /查看完整号码/ }).click();
      const reveal = page.getByRole('dialog', { name: `查看 ${walkIn.name} 的完整身份证号` });
      await reveal.getByLabel('查看原因').fill('社保系统核对身份');
      await expectNoAxeViolations(page, 'reveal dialog (zh-CN, desktop)');
      await reveal.getByRole('button', { name: '查看', exact: true }).click();
      await reveal.getByText(walkIn.idNumber).waitFor();
      // The footer's button (the corner × is also named 关闭).
      await reveal.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
      await reveal.waitFor({ state: 'hidden' });
      expect(await page.getByText(walkIn.idNumber).count()).toBe(0);

      // Her record is linked to her seeker account, so a hire on the platform counts for this case.
      await page.getByRole('link', { name: '查看人员档案' }).click();
      await waitForHeading(page, walkIn.name);
      await page.getByText('未注册账号').waitFor();
      await expectNoAxeViolations(page, 'person record (zh-CN, desktop)');
      await page.getByRole('button', { name: '关联求职者账号' }).click();
      const link = page.getByRole('dialog', { name: `把 ${walkIn.name} 的档案关联到求职者账号` });
      await link.getByLabel('求职者账号的手机号').fill(walkIn.phone);
      await expectNoAxeViolations(page, 'link account dialog (zh-CN, desktop)');
      await link.getByRole('button', { name: '关联', exact: true }).click();
      await link.waitFor({ state: 'hidden' });
      await page.getByText('已注册求职者账号').waitFor();

      await page.getByRole('link', { name: '打开台账' }).click();
      await waitForHeading(page, new RegExp(`${walkIn.name} 的帮扶台账`));
      await page.getByText('尚未提供服务', { exact: false }).waitFor();
      const picker = page.getByLabel('推荐岗位');
      await picker.click();
      await picker.pressSequentially('海鲜加工');
      await page
        .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
        .getByTitle(`${postingTitle} · ${enterpriseName} · 霞山区`, { exact: true })
        .click();
      await page.getByLabel('说明').first().fill('本人有海鲜分拣经验，推荐面试。');
      await expectNoAxeViolations(page, 'job referral form (zh-CN, desktop)');
      await page.getByRole('button', { name: '保存服务记录' }).click();
      await page.getByRole('heading', { level: 4, name: new RegExp(`岗位推荐：${postingTitle}`) }).waitFor();
      await page.getByText(/应于 .* 回访/).waitFor();
      await expectNoAxeViolations(page, 'case with a job referral (zh-CN, desktop)');

      // The workspace lists her among the district's open cases.
      await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '帮扶台账' }).click();
      await waitForHeading(page, '帮扶台账');
      await page.getByRole('heading', { level: 2, name: /逾期待办/ }).waitFor();
      await page.locator('label', { hasText: '本区县全部' }).click();
      await page.getByRole('row').filter({ hasText: walkIn.name }).getByText('帮扶中').waitFor();
      await page.getByRole('heading', { level: 2, name: '工作人员工作量' }).waitFor();
      await expectNoAxeViolations(page, 'case workspace (zh-CN, desktop)');
      expect(staffSession.errors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'on her phone she sees the certificate, the 4050 group and the referral, applies for the job and enrols in a course',
    async () => {
      seekerSession = await openSession(browser, server.url, PHONE);
      const page = seekerSession.page;
      await page.goto('/login');
      await fillLogin(page, walkIn.phone, walkIn.password);
      await page.waitForURL(/\/seeker$/);
      await page.getByRole('link', { name: '求职与失业登记' }).click();
      await waitForHeading(page, '就业失业登记');
      await page.getByText(certificateNo, { exact: true }).waitFor();
      await page.getByText('有效', { exact: true }).first().waitFor();
      await page
        .getByText(/“4050”/)
        .first()
        .waitFor();
      await page.getByText('霞山登记员', { exact: false }).waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await expectNoAxeViolations(page, 'my registration (zh-CN, phone)');

      await page.getByRole('link', { name: postingTitle }).click();
      await waitForHeading(page, postingTitle);
      await page.getByRole('checkbox', { name: /我同意把我的简历/ }).check();
      await page.getByRole('button', { name: '投递简历' }).click();
      await page.getByRole('status').filter({ hasText: '您已于' }).getByText('已投递').waitFor();
      await expectNoAxeViolations(page, 'posting applied from a referral (zh-CN, phone)');

      await page.goto('/seeker/training');
      await waitForHeading(page, '职业培训');
      const course = page.getByRole('article', { name: courseTitle });
      await course.getByText('余 20 个名额').waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await expectNoAxeViolations(page, 'training courses (zh-CN, phone)');
      await course.getByRole('button', { name: `报名 ${courseTitle}` }).click();
      await page.getByRole('button', { name: '确定' }).click();
      await course.getByText('已报名').waitFor();
      const mine = page.getByRole('article', { name: new RegExp(courseTitle) }).first();
      await mine.getByText('在训').waitFor();
      await expectNoAxeViolations(page, 'training enrolled (zh-CN, phone)');
      expect(seekerSession.errors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'the employer hires her on the applicant board',
    async () => {
      employerSession = await openSession(browser, server.url, DESKTOP);
      const page = employerSession.page;
      await page.goto('/login');
      await fillLogin(page, employer.phone, TEST_PASSWORD);
      await page.waitForURL(/\/employer$/);
      await page.goto(`/employer/postings/${postingId}/applicants`);
      await page.getByRole('heading', { level: 1, name: /应聘人员/ }).waitFor();
      const card = page.getByRole('article', { name: walkIn.name });
      await card.waitFor();
      await expectNoAxeViolations(page, 'applicant board with the referred walk-in (zh-CN, desktop)');
      await card.getByRole('button', { name: `确认录用 ${walkIn.name}` }).click();
      await page.getByRole('button', { name: '确定' }).click();
      await page
        .getByRole('region', { name: /已录用/ })
        .getByRole('article', { name: walkIn.name })
        .waitFor();
      expect(employerSession.errors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'the case closes as employed: employment registered from the hire, unemployment registration ended, visible in the workspace',
    async () => {
      const page = staffPage();
      await page.goto(caseUrl);
      await waitForHeading(page, new RegExp(`${walkIn.name} 的帮扶台账`));
      await page.getByRole('heading', { level: 1 }).getByText('已结案：实现就业').waitFor();
      const registrations = page.getByRole('region', { name: '登记记录' });
      await registrations.getByRole('heading', { name: /就业登记/ }).waitFor();
      await registrations.getByText('已就业终止', { exact: true }).waitFor();
      await page.getByText('实现就业，失业登记终止').waitFor();
      expect(await page.getByRole('heading', { name: '结案', exact: true }).count()).toBe(0);
      await expectNoAxeViolations(page, 'case closed as employed (zh-CN, desktop)');

      await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '帮扶台账' }).click();
      await waitForHeading(page, '帮扶台账');
      await page.locator('label', { hasText: '本区县全部' }).click();
      await page.getByRole('combobox', { name: '按台账状态筛选' }).click();
      await page
        .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
        .getByTitle('已结案', { exact: true })
        .click();
      await page.getByRole('row').filter({ hasText: walkIn.name }).getByText('已结案：实现就业').waitFor();
      await expectNoAxeViolations(page, 'case workspace, closed cases (zh-CN, desktop)');

      // Her phone shows the employment too.
      const phone = seekerSession.page;
      await phone.goto('/seeker/registration');
      await waitForHeading(phone, '就业失业登记');
      await phone.getByText(enterpriseName, { exact: false }).waitFor();
      await expectNoAxeViolations(phone, 'my registration, employed (zh-CN, phone)');
      expect(staffSession.errors).toEqual([]);
      expect(seekerSession.errors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'the other assistance pages pass axe: persons, graduates, welfare posts, training, e-commerce (and in English)',
    async () => {
      const page = staffPage();
      const nav = page.getByRole('navigation', { name: '主导航' });
      await nav.getByRole('link', { name: '人员档案' }).click();
      await waitForHeading(page, '人员档案');
      await page.getByRole('row').filter({ hasText: walkIn.name }).waitFor();
      await expectNoAxeViolations(page, 'persons (zh-CN, desktop)');
      await nav.getByRole('link', { name: '高校毕业生' }).click();
      await waitForHeading(page, '高校毕业生');
      await page.getByRole('button', { name: '登记毕业生' }).click();
      await page.getByRole('dialog', { name: '登记毕业生' }).getByLabel('毕业院校').waitFor();
      await expectNoAxeViolations(page, 'graduate dialog (zh-CN, desktop)');
      await page.keyboard.press('Escape');
      await nav.getByRole('link', { name: '公益性岗位' }).click();
      await waitForHeading(page, '公益性岗位');
      await expectNoAxeViolations(page, 'welfare posts (zh-CN, desktop)');
      await nav.getByRole('link', { name: '职业培训' }).click();
      await waitForHeading(page, '职业培训');
      await page.getByRole('link', { name: courseTitle }).click();
      await waitForHeading(page, new RegExp(courseTitle));
      await page.getByRole('cell', { name: walkIn.name, exact: true }).waitFor();
      await expectNoAxeViolations(page, 'course with a trainee (zh-CN, desktop)');
      await nav.getByRole('link', { name: '农村电商' }).click();
      await waitForHeading(page, '农村电商');
      await expectNoAxeViolations(page, 'e-commerce projects (zh-CN, desktop)');
      await nav.getByRole('link', { name: '登记窗口' }).click();
      await waitForHeading(page, '登记窗口');
      await page.getByRole('button', { name: 'English' }).click();
      await waitForHeading(page, 'Registration desk');
      await page.getByLabel('Identity number').fill(walkIn.idNumber);
      await page.getByText(`On file: ${walkIn.name}`).waitFor();
      await expectNoAxeViolations(page, 'desk with a person on file (en-US, desktop)');
      await page.getByRole('button', { name: '中文' }).click();
      await waitForHeading(page, '登记窗口');
      expect(staffSession.errors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'a seeker registers as unemployed on her own phone; an agency registers itself as a training provider',
    async () => {
      const seeker = await createUser(server.db, { role: 'seeker', displayName: `林小梅${suffix}` });
      const own = idNumberAged(30, 'female');
      const phone = await openSession(browser, server.url, PHONE);
      const page = phone.page;
      await page.goto('/login');
      await fillLogin(page, seeker.phone, TEST_PASSWORD);
      await page.waitForURL(/\/seeker$/);
      await page.getByRole('link', { name: '求职与失业登记' }).click();
      await waitForHeading(page, '就业失业登记');
      await page.getByRole('heading', { level: 2, name: '办理失业登记' }).waitFor();
      await page.getByLabel('身份证号').fill(withWrongCheck(own.idNumber));
      await page.getByText('身份证号校验位不正确').waitFor();
      await page.getByLabel('身份证号').fill(own.idNumber);
      await page.getByText(`出生日期：${own.birthDate}`).waitFor();
      await pickOption(page, page.getByLabel('居住区县'), '霞山区');
      await pickOption(page, page.getByLabel('失业原因'), '个人辞职');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await expectNoAxeViolations(page, 'online unemployment registration form (zh-CN, phone)');
      await page.getByRole('button', { name: '提交失业登记' }).click();
      await page
        .locator('.certificate__no')
        .filter({ hasText: /^440803\d{10}$/ })
        .waitFor();
      await page.getByText('有效', { exact: true }).first().waitFor();
      await expectNoAxeViolations(page, 'registered online (zh-CN, phone)');
      expect(phone.errors).toEqual([]);
      await phone.context.close();

      const agency = await createUser(server.db, {
        role: 'agency',
        displayName: `湛江人力资源公司${suffix}`,
      });
      const partner = await openSession(browser, server.url, DESKTOP);
      const desk = partner.page;
      await desk.goto('/login');
      await fillLogin(desk, agency.phone, TEST_PASSWORD);
      await desk.waitForURL(/\/partner$/);
      await desk.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '职业培训' }).click();
      await waitForHeading(desk, '职业培训');
      const setup = desk.getByRole('region', { name: '先登记本机构' });
      await setup.getByLabel('机构名称').fill(`湛江人力资源培训中心${suffix}`);
      await setup.getByLabel('办学许可证号或备案号').fill(`PX-${suffix.toUpperCase()}-9`);
      await pickOption(desk, setup.getByLabel('所在区县'), '赤坎区');
      await expectNoAxeViolations(desk, 'training provider set-up (zh-CN, desktop)');
      await setup.getByRole('button', { name: '登记' }).click();
      await desk.getByText(`本机构：湛江人力资源培训中心${suffix}`).waitFor();
      await desk.getByRole('link', { name: '新建培训班' }).waitFor();
      await expectNoAxeViolations(desk, 'provider courses (zh-CN, desktop)');
      expect(partner.errors).toEqual([]);
      await partner.context.close();
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'staff run the programmes: a course with attendance and a certificate, a public-welfare post, an e-commerce project with a participant',
    async () => {
      const page = staffPage();
      const nav = page.getByRole('navigation', { name: '主导航' });

      // The trainee's attendance and result on the course she enrolled in: a week on, once the
      // session has taken place (the server refuses attendance for a session not yet started).
      server.clock.advance(8 * 86_400_000);
      // A week later the session has expired (idle limit): the officer signs in again.
      await page.goto('/login');
      await fillLogin(page, staff.phone, TEST_PASSWORD);
      await page.waitForURL(/\/staff$/);
      await nav.getByRole('link', { name: '职业培训' }).click();
      await waitForHeading(page, '职业培训');
      await page.getByRole('link', { name: courseTitle }).click();
      await waitForHeading(page, new RegExp(courseTitle));
      await page.getByRole('combobox', { name: '选择课次' }).click();
      await openOptions(page).first().click();
      await page.getByRole('checkbox', { name: walkIn.name }).waitFor();
      await expectNoAxeViolations(page, 'course attendance (zh-CN, desktop)');
      await page.getByRole('button', { name: '保存考勤' }).click();
      await page.getByText('已保存考勤：出勤 1 人，缺勤 0 人').first().waitFor();
      await page.getByRole('button', { name: `结业 ${walkIn.name}` }).click();
      const result = page.getByRole('dialog', { name: `${walkIn.name} 的培训结果` });
      await result.getByLabel('结业日期').fill(chinaDay(8));
      await result.getByLabel('职业技能证书编号').fill(`ZS${suffix.toUpperCase()}2026`);
      await expectNoAxeViolations(page, 'course result dialog (zh-CN, desktop)');
      await result.getByRole('button', { name: /保\s*存/ }).click();
      await result.waitFor({ state: 'hidden' });
      await page.getByRole('row').filter({ hasText: walkIn.name }).getByText('已结业').waitFor();
      await page.getByRole('region', { name: '培训成效' }).getByText('结业取证').waitFor();

      // A new course through the form, with a dated session.
      await page.getByRole('link', { name: '返回培训班列表' }).click();
      await waitForHeading(page, '职业培训');
      await page.getByRole('link', { name: '新建培训班' }).click();
      await waitForHeading(page, '新建培训班');
      await pickOption(page, page.getByLabel('培训机构'), `霞山职业培训学校${suffix}`);
      await page.getByLabel('培训班名称').fill(`焊工（初级）培训班${suffix}`);
      await searchAndPick(page, page.getByLabel('培训工种'), '焊工', '焊工（6-18-02-04）');
      await page.getByLabel('课时', { exact: true }).fill('80');
      await page.getByLabel('招生人数').fill('30');
      await page.getByLabel('上课时间').fill('周末 9:00–17:00');
      await pickOption(page, page.getByLabel('培训地点所在区县'), '霞山区');
      await page.getByLabel('开班日期').fill(chinaDay(10));
      await page.getByLabel('结业日期').fill(chinaDay(20));
      await page.getByLabel('日期', { exact: true }).fill(chinaDay(10));
      await expectNoAxeViolations(page, 'course form (zh-CN, desktop)');
      await page.getByRole('button', { name: '创建培训班' }).click();
      await waitForHeading(page, new RegExp(`焊工（初级）培训班${suffix}`));
      await page.getByText('已报 0 / 30 人').waitFor();

      // A public-welfare post sponsored by a verified enterprise of the district.
      await nav.getByRole('link', { name: '公益性岗位' }).click();
      await waitForHeading(page, '公益性岗位');
      await page.getByRole('button', { name: '发布公益性岗位' }).click();
      const post = page.getByRole('dialog', { name: '发布公益性岗位' });
      await searchAndPick(page, post.getByLabel('用人单位'), enterpriseName, enterpriseName);
      await pickOption(page, post.getByLabel('所在区县'), '霞山区');
      await post.getByLabel('岗位名称').fill(`社区保洁员${suffix}`);
      await post.getByLabel('工作职责').fill('负责社区公共区域保洁。');
      await post.getByLabel('每月岗位补贴（元）').fill('1800');
      await expectNoAxeViolations(page, 'welfare post dialog (zh-CN, desktop)');
      await post.getByRole('button', { name: /保\s*存/ }).click();
      await waitForHeading(page, new RegExp(`社区保洁员${suffix}`));
      await page.getByText('已安置 0 / 1 人').first().waitFor();
      await page.getByRole('heading', { level: 2, name: '安置人员' }).waitFor();
      await expectNoAxeViolations(page, 'welfare post detail (zh-CN, desktop)');

      // An e-commerce project with the walk-in as a participant.
      await nav.getByRole('link', { name: '农村电商' }).click();
      await waitForHeading(page, '农村电商');
      await page.getByRole('button', { name: '新建电商项目' }).click();
      const project = page.getByRole('dialog', { name: '新建电商项目' });
      await project.getByLabel('项目名称').fill(`霞山海鲜直播带货${suffix}`);
      await pickOption(page, project.getByLabel('所在县区'), '霞山区');
      await project.getByLabel('产品').fill('海鲜干货');
      await project.getByLabel('组织单位', { exact: true }).fill('霞山渔业合作社');
      await expectNoAxeViolations(page, 'e-commerce project dialog (zh-CN, desktop)');
      await project.getByRole('button', { name: /保\s*存/ }).click();
      await waitForHeading(page, new RegExp(`霞山海鲜直播带货${suffix}`));
      const who = page.getByLabel('人员', { exact: true });
      await who.click();
      await who.pressSequentially(walkIn.name);
      await openOptions(page).filter({ hasText: walkIn.name }).first().click();
      await page.getByRole('checkbox', { name: '已培训' }).check();
      await page.getByLabel('电商月收入（元）').fill('1500');
      await page.getByRole('button', { name: '增加', exact: true }).click();
      await page.getByRole('row').filter({ hasText: walkIn.name }).getByText('1,500').waitFor();
      const outcomes = page.getByRole('region', { name: '项目成效' });
      await outcomes.getByText('1,500').first().waitFor();
      await expectNoAxeViolations(page, 'e-commerce project with a participant (zh-CN, desktop)');
      expect(staffSession.errors).toEqual([]);
      await Promise.all([staffSession, seekerSession, employerSession].map((s) => s.context.close()));
    },
    JOURNEY_TIMEOUT,
  );
});

/** The options of the antd Select that is open (earlier dropdowns stay in the DOM, hidden). */
function openOptions(page: Page) {
  return page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option');
}
