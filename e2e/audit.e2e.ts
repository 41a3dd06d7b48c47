import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createUser } from '../server/test/factories.js';
import { DESKTOP, PHONE, expectNoAxeViolations, launchBrowser, openSession } from './browser';
import { fillLogin, waitForHeading } from './flows';
import { startTestServer } from './server';

type Server = Awaited<ReturnType<typeof startTestServer>>;

/** Issue 9: the auditor reads and verifies the audit trail in an area of their own. */
describe('auditor', () => {
  let server: Server;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const [name, device] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    it(`signs in to the audit trail, filters it and verifies the chain (${name})`, async () => {
      const auditor = await createUser(server.db, { role: 'auditor', displayName: '审计员' });
      const { context, page, errors } = await openSession(browser, server.url, device);
      await page.goto('/login');
      await waitForHeading(page, '登录');
      await fillLogin(page, auditor.phone, auditor.password);
      await page.waitForURL(/\/audit$/);
      await waitForHeading(page, '审计日志');
      // The sign-in itself is on the trail.
      await page.getByRole('cell', { name: 'account.login' }).first().waitFor();
      await expectNoAxeViolations(page, `audit trail (${name})`);

      await page.getByLabel('操作', { exact: true }).fill('audit.read');
      await page.getByRole('button', { name: '查询' }).click();
      await page.waitForURL(/action=audit\.read/);
      // Until the filtered page arrives the previous rows stay on screen.
      await page.getByRole('cell', { name: 'account.login' }).first().waitFor({ state: 'detached' });
      await page.getByRole('cell', { name: 'audit.read' }).first().waitFor();

      await page.getByRole('button', { name: '校验哈希链' }).click();
      await page.getByText(/哈希链完整：共 \d+ 条记录/).waitFor();
      await expectNoAxeViolations(page, `audit verified (${name})`);

      // The auditor's area holds nothing else: the admin console is refused.
      await page.goto('/admin/users');
      await waitForHeading(page, '无权访问');
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});
