import { it } from 'vitest';
import { launchBrowser, openSession, PHONE, expectNoAxeViolations, uniquePhone } from './browser';
import { fillLogin } from './flows';
import { startTestServer } from './server';
it('debug', async () => {
  const server = await startTestServer();
  const browser = await launchBrowser();
  const { context, page } = await openSession(browser, server.url, PHONE);
  const phone = uniquePhone();
  const res = await context.request.post('/api/v1/auth/register', { data: { role: 'seeker', phone, password: 'Abcdefgh123', displayName: 'x' } });
  console.log(res.status());
  await context.clearCookies();
  await page.goto('/login');
  await fillLogin(page, phone, 'Wrongpass1');
  await page.getByRole('alert').waitFor();
  await expectNoAxeViolations(page, 'x');
  await page.getByLabel('密码', { exact: true }).fill('Abcdefgh123');
  for (const ms of [100, 2000]) { await page.waitForTimeout(ms); console.log(ms, await page.locator('body').ariaSnapshot()); }
  await browser.close();
}, 60000);
