import { it } from 'vitest';
import { launchBrowser, openSession, DESKTOP } from './browser';
import { fillLogin } from './flows';
import { startTestServer } from './server';
it('debug', async () => {
  const server = await startTestServer();
  const browser = await launchBrowser();
  const { page } = await openSession(browser, server.url, DESKTOP);
  await page.goto('/login?next=%2Fadmin%2Fapi-tokens');
  await fillLogin(page, server.adminPhone, server.adminPassword);
  await page.waitForURL(/api-tokens/);
  await page.getByRole('button', { name: '新建令牌' }).click();
  await page.getByRole('dialog').waitFor();
  console.log(await page.getByRole('dialog').ariaSnapshot());
  await browser.close(); await server.close();
}, 60000);
