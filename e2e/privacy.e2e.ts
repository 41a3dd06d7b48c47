import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createUser, TEST_PASSWORD, type TestUser } from '../server/test/factories.js';
import { expectNoAxeViolations, launchBrowser, uniqueSuffix, type Session } from './browser';
import { waitForHeading } from './flows';
import { PHONE_375, signIn } from './monitoring-flows';
import { startTestServer } from './server';

type Server = Awaited<ReturnType<typeof startTestServer>>;

const JOURNEY_TIMEOUT = 180_000;

/**
 * 个人信息与隐私 (issue 9) on a 375 px phone: from the account page to the privacy page, give and
 * withdraw a separate consent through the confirmations, download the data as JSON, then cancel
 * the account and find the old password refused. axe at 375 px and at 1280 px.
 */
describe('personal information and privacy', () => {
  let server: Server;
  let browser: Browser;
  const sessions: Session[] = [];
  let seeker: TestUser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startTestServer({
        env: process.env.E2E_WEB_DIST ? { JIUYE_WEB_DIST: process.env.E2E_WEB_DIST } : {},
      }),
      launchBrowser(),
    ]);
    seeker = await createUser(server.db, { role: 'seeker', displayName: `隐私测试${uniqueSuffix()}` });
  });
  afterAll(async () => {
    await Promise.all(sessions.map((s) => s.context.close()));
    await browser?.close();
    await server?.close();
  });

  it(
    'manages consents, downloads the data and cancels the account',
    async () => {
      const s = await signIn(browser, server.url, PHONE_375, seeker.phone, TEST_PASSWORD, /\/seeker/);
      sessions.push(s);
      const { page } = s;

      await page.goto('/seeker/account');
      await page.getByRole('link', { name: '个人信息与隐私' }).click();
      await page.waitForURL(/\/seeker\/privacy$/);
      await waitForHeading(page, '个人信息与隐私');
      await expectNoAxeViolations(page, 'privacy page (375 px)');

      // A separate consent, explained before it is given, then withdrawn with its consequence.
      await page.getByRole('button', { name: '同意: 身份证号码' }).click();
      expect(await page.getByRole('dialog').innerText()).toContain('单独同意');
      await page
        .getByRole('dialog')
        .getByRole('button', { name: /^确\s?认$/ })
        .click();
      await page.getByRole('dialog').waitFor({ state: 'hidden' });
      await page.getByRole('button', { name: '撤回同意: 身份证号码' }).waitFor();
      await page.getByRole('button', { name: '撤回同意: 身份证号码' }).click();
      expect(await page.getByRole('dialog').innerText()).toContain('身份证号码将被删除');
      await page
        .getByRole('dialog')
        .getByRole('button', { name: /^确\s?认$/ })
        .click();
      await page.getByRole('dialog').waitFor({ state: 'hidden' });
      await page.getByRole('button', { name: '同意: 身份证号码' }).waitFor();
      expect(await page.locator('.ant-list').last().innerText()).toContain('撤回');

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: '下载 JSON' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^jiuye-my-data-.*\.json$/);

      await page.setViewportSize({ width: 1280, height: 800 });
      await expectNoAxeViolations(page, 'privacy page (desktop)');
      await page.setViewportSize({ width: 375, height: 812 });

      // Cancellation: password, the acknowledgement, the final confirmation.
      await page.getByLabel('请输入密码确认').fill(TEST_PASSWORD);
      await page.getByRole('checkbox', { name: '我已了解以上后果' }).check();
      await page.getByRole('button', { name: '注销账号' }).click();
      await page.getByRole('dialog').getByRole('button', { name: '注销账号' }).click();
      await page.waitForURL(/\/login/);

      const res = await fetch(`${server.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ phone: seeker.phone, password: TEST_PASSWORD }),
      });
      expect(res.status).toBe(401);
      expect(s.errors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
