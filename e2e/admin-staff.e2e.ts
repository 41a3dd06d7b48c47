import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DESKTOP, expectNoAxeViolations, launchBrowser, openSession, uniquePhone, uniqueSuffix } from './browser';
import { changeInitialPassword, fillLogin, logout, waitForHeading } from './flows';
import { startTestServer } from './server';

type Server = Awaited<ReturnType<typeof startTestServer>>;

/**
 * After sign-in the app either lands in the area or, for an account whose password is an initial
 * one, on the forced change-password page first. Answers the password now in force.
 */
async function landAfterLogin(page: Page, area: RegExp, password: string): Promise<string> {
  await page.waitForURL((url) => area.test(url.pathname) || url.pathname === '/change-password');
  if (!new URL(page.url()).pathname.startsWith('/change-password')) return password;
  await expectNoAxeViolations(page, 'forced change password (zh-CN, desktop)');
  const next = `Xin${uniqueSuffix()}2020`;
  await changeInitialPassword(page, password, next);
  await page.waitForURL((url) => area.test(url.pathname));
  return next;
}

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
    await fillLogin(page, server.adminPhone, server.adminPassword);
    await landAfterLogin(page, /^\/admin/, server.adminPassword);
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
    expect(await dialog.getByRole('radio', { name: '工作人员' }).isChecked()).toBe(true);
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

    await fillLogin(page, staffPhone, staffPassword);
    await landAfterLogin(page, /^\/staff/, staffPassword);
    await waitForHeading(page, `您好，${staffName}`);
    await page.getByText('当前身份：工作人员').waitFor();
    await page.getByText('负责区县：霞山区').waitFor();
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '工作台' }).waitFor();
    await expectNoAxeViolations(page, 'staff home (zh-CN, desktop)');

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
});
