import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import {
  expectNoAxeViolations,
  launchBrowser,
  openSession,
  PHONE,
  uniquePhone,
  uniqueSuffix,
} from './browser';
import { fillLogin, logout, waitForHeading } from './flows';
import { startTestServer } from './server';

type Server = Awaited<ReturnType<typeof startTestServer>>;

describe('seeker on a phone', () => {
  let server: Server;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('registers, lands on the seeker home, signs out and signs in again', async () => {
    const { context, page, errors } = await openSession(browser, server.url, PHONE);
    const phone = uniquePhone();
    const password = `Gangwei${uniqueSuffix()}7`;
    const name = `李务工${uniqueSuffix()}`;

    await page.goto('/');
    await waitForHeading(page, '湛江市公共就业服务平台');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await expectNoAxeViolations(page, 'landing (zh-CN, phone)');

    await page.getByRole('link', { name: '免费注册' }).click();
    await waitForHeading(page, '注册账号');
    await expectNoAxeViolations(page, 'register (zh-CN, phone)');

    // Seeker is preselected: the most common visitor.
    expect(await page.getByRole('radio', { name: /求职者/ }).isChecked()).toBe(true);
    // Client-side checks use the shared validators and their Chinese messages.
    await page.getByLabel('手机号').fill('12345');
    await page.getByLabel('姓名或单位名称').click();
    await page.getByText('请输入11位中国大陆手机号').waitFor();
    await page.getByLabel('手机号').fill(`+86 ${phone.slice(0, 3)}-${phone.slice(3, 7)}-${phone.slice(7)}`);
    // Live password hints: a short password shows the rule as unmet, a good one as met.
    await page.getByLabel('密码', { exact: true }).fill('abc');
    await page.getByRole('listitem').filter({ hasText: '至少8位' }).filter({ hasText: '未满足' }).waitFor();
    await page.getByLabel('密码', { exact: true }).fill(password);
    await page.getByRole('listitem').filter({ hasText: '至少8位' }).filter({ hasText: '已满足' }).waitFor();
    await page.getByLabel('姓名或单位名称').fill(name);
    await page.getByRole('button', { name: '注册并登录' }).click();

    await page.waitForURL(/\/seeker$/);
    await waitForHeading(page, `您好，${name}`);
    await page.getByText('当前身份：求职者').waitFor();
    // Phone-first: the area nav is a tab bar fixed to the bottom of the screen.
    const tabBar = page.getByRole('navigation', { name: '主导航' });
    await tabBar.getByRole('link', { name: '首页' }).waitFor();
    const box = await tabBar.boundingBox();
    expect(box && box.y + box.height).toBeGreaterThan(700);
    // Nothing is wider than the phone: no sideways scrolling.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectNoAxeViolations(page, 'seeker home (zh-CN, phone)');

    await logout(page);
    await expectNoAxeViolations(page, 'login (zh-CN, phone)');

    // A deep link while signed out goes through the login page and back.
    await page.goto('/seeker/account');
    await page.waitForURL(/\/login\?next=%2Fseeker%2Faccount$/);
    await fillLogin(page, phone, password);
    await page.waitForURL(/\/seeker\/account$/);
    await waitForHeading(page, '我的账号');
    await page.getByText(`${phone.slice(0, 3)}****${phone.slice(7)}`).waitFor();
    await tabBar.getByRole('link', { name: '首页' }).click();
    await waitForHeading(page, `您好，${name}`);

    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows a wrong password as an error in Chinese, and keeps a seeker out of the employer area', async () => {
    const { context, page, errors } = await openSession(browser, server.url, PHONE);
    const phone = uniquePhone();
    const password = `Zhaogong${uniqueSuffix()}9`;
    const name = `王求职${uniqueSuffix()}`;
    // Register through the API; this journey is about the login page.
    const res = await context.request.post('/api/v1/auth/register', {
      data: { role: 'seeker', phone, password, displayName: name },
    });
    expect(res.status()).toBe(201);
    await context.clearCookies();

    // The same phone again: the server's field error lands on the phone field, in Chinese.
    await page.goto('/register');
    await waitForHeading(page, '注册账号');
    await page.getByLabel('手机号').fill(phone);
    await page.getByLabel('密码', { exact: true }).fill(password);
    await page.getByLabel('姓名或单位名称').fill(name);
    await page.getByRole('button', { name: '注册并登录' }).click();
    await page.getByText('该手机号已注册').waitFor();
    expect(await page.getByLabel('手机号').getAttribute('aria-invalid')).toBe('true');
    await expectNoAxeViolations(page, 'register with field error (zh-CN, phone)');

    await page.goto('/login');
    await waitForHeading(page, '登录');
    await fillLogin(page, phone, `${password}x`);
    const alert = page.getByRole('alert').filter({ hasText: '手机号或密码不正确' });
    await alert.waitFor();
    expect(page.url()).toMatch(/\/login$/);
    await expectNoAxeViolations(page, 'login with error (zh-CN, phone)');

    // The right password then works; the employer area is not for seekers (403 page).
    await page.getByLabel('密码', { exact: true }).fill(password);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.waitForURL(/\/seeker$/);
    await page.goto('/employer');
    await waitForHeading(page, '无权访问');
    await expectNoAxeViolations(page, '403 page (zh-CN, phone)');

    expect(errors).toEqual([]);
    await context.close();
  });
});
