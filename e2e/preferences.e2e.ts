import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectNoAxeViolations, launchBrowser, openSession, PHONE } from './browser';
import { waitForHeading } from './flows';
import { startTestServer } from './server';

type Server = Awaited<ReturnType<typeof startTestServer>>;

function htmlLang(page: Page): Promise<string> {
  return page.evaluate(() => document.documentElement.lang);
}

/** Computed size of the landing page's lead paragraph, in px. */
async function leadFontSize(page: Page): Promise<number> {
  const lead = page.getByRole('main').getByText('免费、公益');
  const size = await lead.evaluate((el) => getComputedStyle(el).fontSize);
  return Number.parseFloat(size);
}

describe('language and elderly mode', () => {
  let server: Server;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('switches to English and back, and the choice survives a reload', async () => {
    const { context, page, errors } = await openSession(browser, server.url, PHONE);
    await page.goto('/');
    await waitForHeading(page, '湛江市公共就业服务平台');

    await page.getByRole('button', { name: 'English' }).click();
    await waitForHeading(page, 'Zhanjiang Public Employment Service');
    expect(await htmlLang(page)).toBe('en-US');
    await expectNoAxeViolations(page, 'landing (en-US, phone)');

    await page.reload();
    await waitForHeading(page, 'Zhanjiang Public Employment Service');
    expect(await htmlLang(page)).toBe('en-US');

    await page.getByRole('link', { name: 'I have an account: sign in' }).click();
    await waitForHeading(page, 'Sign in');
    // The server's messages follow the UI language (Accept-Language).
    await page.getByLabel('Mobile number').fill('13900000000');
    await page.getByLabel('Password', { exact: true }).fill('Wrongpass123');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Wrong phone number or password' }).waitFor();
    await expectNoAxeViolations(page, 'login with error (en-US, phone)');

    await page.goto('/register');
    await waitForHeading(page, 'Register');
    await expectNoAxeViolations(page, 'register (en-US, phone)');

    await page.getByRole('button', { name: '中文' }).click();
    await waitForHeading(page, '注册账号');
    expect(await htmlLang(page)).toBe('zh-CN');
    await page.reload();
    await waitForHeading(page, '注册账号');
    expect(await htmlLang(page)).toBe('zh-CN');

    expect(errors).toEqual([]);
    await context.close();
  });

  it('turns elderly mode on (large text, high contrast) and keeps it across a reload', async () => {
    const { context, page, errors } = await openSession(browser, server.url, PHONE);
    await page.goto('/');
    await waitForHeading(page, '湛江市公共就业服务平台');
    const normalSize = await leadFontSize(page);
    expect(await page.evaluate(() => document.documentElement.dataset.elderly)).toBeUndefined();

    const toggle = page.getByRole('switch', { name: '长辈模式' });
    expect(await toggle.isChecked()).toBe(false);
    await toggle.click();
    await page.waitForFunction(() => document.documentElement.dataset.elderly === 'true');
    expect(await toggle.isChecked()).toBe(true);
    const elderlySize = await leadFontSize(page);
    expect(elderlySize).toBeGreaterThan(normalSize);
    expect(elderlySize).toBeGreaterThanOrEqual(18);
    // Larger text must still fit the phone: no sideways scrolling.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectNoAxeViolations(page, 'landing (zh-CN, elderly, phone)');

    await page.reload();
    await waitForHeading(page, '湛江市公共就业服务平台');
    expect(await page.evaluate(() => document.documentElement.dataset.elderly)).toBe('true');
    expect(await leadFontSize(page)).toBe(elderlySize);

    await page.getByRole('link', { name: '已有账号，登录' }).click();
    await waitForHeading(page, '登录');
    const buttonHeight =
      (await page.getByRole('button', { name: '登录', exact: true }).boundingBox())?.height ?? 0;
    expect(buttonHeight).toBeGreaterThanOrEqual(48);
    await expectNoAxeViolations(page, 'login (zh-CN, elderly, phone)');

    await page.goto('/register');
    await waitForHeading(page, '注册账号');
    await expectNoAxeViolations(page, 'register (zh-CN, elderly, phone)');

    // Elderly mode and English together.
    await page.getByRole('button', { name: 'English' }).click();
    await waitForHeading(page, 'Register');
    await expectNoAxeViolations(page, 'register (en-US, elderly, phone)');
    await page.getByRole('button', { name: '中文' }).click();
    await waitForHeading(page, '注册账号');

    await page.getByRole('switch', { name: '长辈模式' }).click();
    await page.waitForFunction(() => document.documentElement.dataset.elderly === undefined);
    await page.reload();
    await waitForHeading(page, '注册账号');
    expect(await page.evaluate(() => document.documentElement.dataset.elderly)).toBeUndefined();

    expect(errors).toEqual([]);
    await context.close();
  });
});
