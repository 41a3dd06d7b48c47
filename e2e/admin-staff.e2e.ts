import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, type Browser } from 'playwright-core';
import {
  DESKTOP,
  expectNoAxeViolations,
  launchBrowser,
  openSession,
  uniquePhone,
  uniqueSuffix,
} from './browser';
import {
  changeInitialPassword,
  enrolTotp,
  enterTotp,
  fillLogin,
  logout,
  testOtp,
  waitForHeading,
} from './flows';
import { startTestServer } from './server';

type Server = Awaited<ReturnType<typeof startTestServer>>;

describe('admin and staff on a desktop', () => {
  let server: Server;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the admin creates a staff account for 霞山区, and the officer signs in to the staff console', async () => {
    const { context, page, errors } = await openSession(browser, server.url, DESKTOP);
    const staffPhone = uniquePhone();
    const staffPassword = `Xiashan${uniqueSuffix()}1`;
    const staffName = `霞山专员${uniqueSuffix()}`;

    await page.goto('/login');
    await waitForHeading(page, '登录');
    // Keyboard: the first Tab reaches the skip link, which jumps past the header into the form.
    const focused = () =>
      page.evaluate(() => document.activeElement?.id || document.activeElement?.textContent);
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('跳到主要内容');
    await page.keyboard.press('Enter');
    expect(await focused()).toBe('main');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('phone');
    await page.keyboard.type(server.adminPhone);
    await page.keyboard.press('Tab');
    await page.keyboard.type(server.adminPassword);
    await page.keyboard.press('Enter');
    // Issue 9: the admin's second step, the authenticator code (a numeric one-time-code field).
    await page.waitForURL(/\/login\/verify\?next=/);
    await waitForHeading(page, '输入动态验证码');
    const codeField = page.getByLabel('动态验证码');
    expect(await codeField.getAttribute('autocomplete')).toBe('one-time-code');
    expect(await codeField.getAttribute('inputmode')).toBe('numeric');
    await expectNoAxeViolations(page, 'second factor (zh-CN, desktop)');
    // A wrong code is refused, naming the field.
    const right = await testOtp(server.adminPhone);
    await codeField.fill(right === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: '验证', exact: true }).click();
    await page.getByText('验证码不正确或已使用过', { exact: false }).first().waitFor();
    await enterTotp(page, server.adminPhone);
    await page.waitForURL(/\/admin$/);
    await waitForHeading(page, /^您好，/);
    await expectNoAxeViolations(page, 'admin home (zh-CN, desktop)');

    const nav = page.getByRole('navigation', { name: '主导航' });
    await nav.getByRole('link', { name: '账号管理' }).click();
    await page.waitForURL(/\/admin\/users$/);
    await waitForHeading(page, '账号管理');
    await page.getByRole('cell', { name: '系统管理员' }).first().waitFor();
    await expectNoAxeViolations(page, 'admin users (zh-CN, desktop)');

    await page.getByRole('button', { name: '新建账号' }).click();
    const dialog = page.getByRole('dialog', { name: '新建账号' });
    await dialog.waitFor();
    expect(await dialog.getByRole('radio', { name: '工作人员', exact: true }).isChecked()).toBe(true);
    await dialog.getByLabel('名称').fill(staffName);
    await dialog.getByLabel('手机号').fill(staffPhone);
    // Districts come from the regions API; pick by typing, as a keyboard user would.
    const districts = dialog.getByLabel('负责区县');
    await districts.click();
    await districts.pressSequentially('霞山');
    // antd renders the visible options without a role (its listbox for screen readers is hidden).
    await page.getByTitle('霞山区', { exact: true }).waitFor();
    await districts.press('Enter');
    await districts.press('Escape');
    await dialog.locator('.ant-select-selection-item', { hasText: '霞山区' }).waitFor();
    await dialog.getByLabel('初始密码').fill(staffPassword);
    await expectNoAxeViolations(page, 'create staff dialog (zh-CN, desktop)');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('账号已创建').waitFor();

    // Find the new account through the search box: the list may span pages.
    await page.getByRole('searchbox', { name: '搜索姓名或手机号' }).fill(staffName);
    await page.getByRole('button', { name: '搜索' }).click();
    await page.waitForURL(/q=/);
    const row = page.getByRole('row').filter({ hasText: staffName });
    await row.waitFor();
    expect(await row.textContent()).toContain('霞山区');
    expect(await row.textContent()).toContain('工作人员');

    await logout(page);

    // Issue 9: the officer's first sign-in sets up the authenticator (QR code and typed key), and
    // nothing else is reachable before it: the acceptance "cannot log in as staff without the
    // second factor".
    await page.getByLabel('手机号').fill(staffPhone);
    await page.getByLabel('密码', { exact: true }).fill(staffPassword);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await waitForHeading(page, '设置动态验证码');
    await page.getByRole('img', { name: '动态验证码设置二维码' }).waitFor();
    await expectNoAxeViolations(page, 'authenticator setup (zh-CN, desktop)');
    const blocked = await page.request.get('/api/v1/job-postings/review-queue');
    expect(blocked.status()).toBe(403);
    expect(((await blocked.json()) as { code: string }).code).toBe('mfa_required');
    await page.goto('/staff');
    await waitForHeading(page, '设置动态验证码');
    await enrolTotp(page, staffPhone);
    // An admin-issued password is an initial one: the officer must replace it before anything else.
    await page.waitForURL(/\/change-password\?next=%2Fstaff$/);
    await page.getByText('为了账号安全，请先修改初始密码').waitFor();
    await expectNoAxeViolations(page, 'forced change password (zh-CN, desktop)');
    const staffNewPassword = `Xin${uniqueSuffix()}2020`;
    await changeInitialPassword(page, staffPassword, staffNewPassword);
    await page.waitForURL(/\/staff$/);
    await waitForHeading(page, `您好，${staffName}`);
    await page.getByText('当前身份：工作人员').waitFor();
    await page.getByText('负责区县：霞山区').waitFor();
    await page
      .getByRole('navigation', { name: '主导航' })
      .getByRole('link', { name: '工作台', exact: true })
      .waitFor();
    await expectNoAxeViolations(page, 'staff home (zh-CN, desktop)');

    // Issue 9: the officer's signed-in devices. Another device (an API client here) signs in with
    // password and code; ending the other sessions from the account page signs it out.
    const elsewhere = await request.newContext({ baseURL: server.url });
    const second = await elsewhere.post('/api/v1/auth/login', {
      data: { phone: staffPhone, password: staffNewPassword, otp: await testOtp(staffPhone) },
    });
    expect(second.status(), await second.text()).toBe(200);
    expect((await elsewhere.get('/api/v1/me')).status()).toBe(200);
    await page.goto('/staff/account');
    await page.getByRole('heading', { level: 2, name: '我的登录设备' }).waitFor();
    await page.getByText('本设备').waitFor();
    await expectNoAxeViolations(page, 'account security (zh-CN, desktop)');
    await page.getByRole('button', { name: '结束其他所有设备' }).click();
    await page.getByRole('button', { name: '确定' }).click();
    await page.getByText('已结束 1 个登录').waitFor();
    expect((await elsewhere.get('/api/v1/me')).status()).toBe(401);
    await elsewhere.dispose();

    // Staff cannot open the admin area.
    await page.goto('/admin/users');
    await waitForHeading(page, '无权访问');

    // The staff console in English and in elderly mode.
    await page.goto('/staff');
    await page.getByRole('button', { name: 'English' }).click();
    await waitForHeading(page, `Hello, ${staffName}`);
    await page.getByText('Districts: 霞山区').waitFor();
    await expectNoAxeViolations(page, 'staff home (en-US, desktop)');
    await page.getByRole('switch', { name: 'Senior mode' }).click();
    await page.waitForFunction(() => document.documentElement.dataset.elderly === 'true');
    await expectNoAxeViolations(page, 'staff home (en-US, elderly, desktop)');

    expect(errors).toEqual([]);
    await context.close();
  });
  it('the admin issues an API token shown once and revokes it, resets a password and disables an account', async () => {
    const { context, page, errors } = await openSession(browser, server.url, DESKTOP);
    // A fresh cookie-less client: what another system calling with the token would be.
    const api = await request.newContext({ baseURL: server.url });
    const seekerPhone = uniquePhone();
    const seekerName = `待停用${uniqueSuffix()}`;
    const registered = await api.post('/api/v1/auth/register', {
      data: {
        role: 'seeker',
        phone: seekerPhone,
        password: `Qiuzhi${uniqueSuffix()}5`,
        displayName: seekerName,
      },
    });
    expect(registered.status()).toBe(201);
    await api.dispose();

    await page.goto('/login?next=%2Fadmin%2Fapi-tokens');
    await fillLogin(page, server.adminPhone, server.adminPassword);
    await page.waitForURL(/\/admin\/api-tokens$/);
    await waitForHeading(page, '接口令牌');
    await expectNoAxeViolations(page, 'admin API tokens (zh-CN, desktop)');

    const tokenName = `霞山区就业系统${uniqueSuffix()}`;
    await page.getByRole('button', { name: '新建令牌' }).click();
    const createDialog = page.getByRole('dialog', { name: '新建接口令牌' });
    await createDialog.getByLabel('令牌名称').fill(tokenName);
    expect(await createDialog.getByRole('checkbox', { name: '读取参考数据' }).isChecked()).toBe(true);
    await expectNoAxeViolations(page, 'create token dialog (zh-CN, desktop)');
    await createDialog.getByRole('button', { name: '保存' }).click();

    const shown = page.getByRole('dialog', { name: '新令牌' });
    await shown.waitFor();
    const token = (await shown.getByTestId('created-token').textContent()) ?? '';
    expect(token.length).toBeGreaterThan(20);
    await expectNoAxeViolations(page, 'token shown once (zh-CN, desktop)');
    const machine = await request.newContext({
      baseURL: server.url,
      extraHTTPHeaders: { Authorization: `Bearer ${token}` },
    });
    expect((await machine.get('/api/v1/reference/regions?parent=440800')).status()).toBe(200);
    await shown.getByRole('button', { name: '关闭' }).first().click();
    await shown.waitFor({ state: 'hidden' });
    // Shown once: nothing on the page carries the secret any more.
    expect(await page.getByText(token).count()).toBe(0);

    const tokenRow = page.getByRole('row').filter({ hasText: tokenName });
    await tokenRow.getByText('有效').waitFor();
    await tokenRow.getByRole('button', { name: /^吊销/ }).click();
    await page.getByRole('button', { name: '确定' }).click();
    await tokenRow.getByText('已吊销').waitFor();
    expect((await machine.get('/api/v1/reference/regions?parent=440800')).status()).toBe(401);
    await machine.dispose();

    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '账号管理' }).click();
    await waitForHeading(page, '账号管理');
    await page.getByRole('searchbox', { name: '搜索姓名或手机号' }).fill(seekerName);
    await page.getByRole('button', { name: '搜索' }).click();
    const userRow = page.getByRole('row').filter({ hasText: seekerName });
    await userRow.getByText('正常').waitFor();

    await userRow.getByRole('button', { name: /^重置密码/ }).click();
    await page.getByRole('button', { name: '确定' }).click();
    const temp = page.getByRole('dialog', { name: '临时密码' });
    const temporaryPassword = (await temp.getByTestId('temporary-password').textContent()) ?? '';
    expect(temporaryPassword.length).toBeGreaterThanOrEqual(8);
    await expectNoAxeViolations(page, 'temporary password (zh-CN, desktop)');
    await temp.getByRole('button', { name: '关闭' }).first().click();
    await temp.waitFor({ state: 'hidden' });
    await userRow.getByText('待改初始密码').waitFor();

    await userRow.getByRole('button', { name: /^停用/ }).click();
    await page.getByRole('button', { name: '确定' }).click();
    await userRow.getByText('已停用').waitFor();

    // The disabled account cannot sign in, even with the fresh temporary password.
    const other = await openSession(browser, server.url, DESKTOP);
    await other.page.goto('/login');
    await fillLogin(other.page, seekerPhone, temporaryPassword);
    await other.page.getByRole('alert').filter({ hasText: '账号已停用' }).waitFor();
    await other.context.close();

    await userRow.getByRole('button', { name: /^启用/ }).click();
    await page.getByRole('button', { name: '确定' }).click();
    await userRow.getByText('正常').waitFor();

    expect(errors).toEqual([]);
    await context.close();
  });
});
