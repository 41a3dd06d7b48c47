import type { Page } from 'playwright-core';

/** Steps several journeys share. Labels are the zh-CN UI texts a user would read. */

export async function waitForHeading(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

export async function fillLogin(page: Page, phone: string, password: string): Promise<void> {
  await page.getByLabel('手机号').fill(phone);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
}

/** Signs out through the header's account menu (its button is named "账号菜单: <name>"). */
export async function logout(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^账号菜单/ }).click();
  await page.getByRole('menuitem', { name: '退出登录' }).click();
  await page.waitForURL(/\/login$/);
  await waitForHeading(page, '登录');
}

/**
 * Admin-created and reset accounts must change their password at first sign-in; the app forces
 * the change-password page. Completes it when it is shown (callers decide whether it must be).
 */
export async function changeInitialPassword(page: Page, current: string, next: string): Promise<void> {
  await waitForHeading(page, '修改密码');
  await page.getByLabel('当前密码').fill(current);
  await page.getByLabel('新密码', { exact: true }).fill(next);
  await page.getByLabel('再次输入新密码').fill(next);
  await page.getByRole('button', { name: '修改密码' }).click();
}
