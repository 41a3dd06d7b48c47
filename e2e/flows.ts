import type { Page } from 'playwright-core';
import { rememberTotpSecret, testOtp } from '../server/test/factories.js';
import { totpCode } from '../server/src/modules/accounts/totp.js';

/** Steps several journeys share. Labels are the zh-CN UI texts a user would read. */

export async function waitForHeading(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

/**
 * Signs in through the login page. Staff, admins and auditors then get the second step (issue 9):
 * the authenticator code is typed in (computed from the factories' secret of the account), or at
 * first sign-in the authenticator is set up from the secret shown on the page and the recovery
 * codes are acknowledged. Other outcomes (a seeker's home, a refused password) are left to the caller.
 */
export async function fillLogin(page: Page, phone: string, password: string): Promise<void> {
  await page.getByLabel('手机号').fill(phone);
  await page.getByLabel('密码', { exact: true }).fill(password);
  const answer = page.waitForResponse(
    (r) => r.url().endsWith('/api/v1/auth/login') && r.request().method() === 'POST',
  );
  await page.getByRole('button', { name: '登录', exact: true }).click();
  const res = await answer;
  if (res.status() !== 200) return;
  const { mfa } = (await res.json()) as { mfa?: string };
  if (mfa === 'required') await enterTotp(page, phone);
  else if (mfa === 'enrol') await enrolTotp(page, phone);
}

/** The second sign-in step: the current code of the account. */
export async function enterTotp(page: Page, phone: string): Promise<void> {
  await waitForHeading(page, '输入动态验证码');
  await page.getByLabel('动态验证码').fill(await testOtp(phone));
  await page.getByRole('button', { name: '验证', exact: true }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

/** First sign-in of an account without an authenticator: set it up from the secret shown. */
export async function enrolTotp(page: Page, phone: string): Promise<void> {
  await waitForHeading(page, '设置动态验证码');
  const secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').trim();
  rememberTotpSecret(phone, secret);
  await page.getByLabel('动态验证码').fill(totpCode(secret, Date.now()));
  await page.getByRole('button', { name: '完成设置' }).click();
  await page.getByRole('heading', { name: '请保存恢复码' }).waitFor();
  await page.getByRole('button', { name: '我已保存，继续' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

/** For API clients of the journeys: the `otp` to send with the password of a staff account. */
export { testOtp };

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
