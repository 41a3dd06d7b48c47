import type { Browser, BrowserContextOptions, Locator, Page } from 'playwright-core';
import { openSession, PHONE, type Session } from './browser';
import { fillLogin } from './flows';

/** Steps of the monitoring and early-warning journey; labels are the zh-CN UI texts. */

/** Zhanjiang's nine districts: staff with all of them are city-wide (bureau) officers. */
export { CITY } from './labour-flows';

/** The 375 px phone the issue names (an iPhone-sized screen; PHONE is 360 px). */
export const PHONE_375: BrowserContextOptions = { ...PHONE, viewport: { width: 375, height: 812 } };

/** The China-time month `by` months from now ("yyyy-mm"), as the server counts months. */
export function chinaMonth(by = 0, now = Date.now()): string {
  const d = new Date(now + 8 * 3_600_000);
  const index = d.getUTCFullYear() * 12 + d.getUTCMonth() + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/**
 * A fresh browser profile signed in through the login page with the shared step (flows.ts, which
 * also answers the staff's second factor), landing on `home`.
 */
export async function signIn(
  browser: Browser,
  baseURL: string,
  device: BrowserContextOptions,
  phone: string,
  password: string,
  home: RegExp,
): Promise<Session> {
  const session = await openSession(browser, baseURL, device);
  await session.page.goto('/login');
  await fillLogin(session.page, phone, password);
  await session.page.waitForURL(home);
  return session;
}

function openDropdown(page: Page): Locator {
  return page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
}

/** Opens an antd Select and picks the option with this exact text. */
export async function pickOption(page: Page, field: Locator, option: string): Promise<void> {
  await field.click();
  await openDropdown(page).getByTitle(option, { exact: true }).click();
  await openDropdown(page).waitFor({ state: 'hidden' });
}

/** Types into a searching antd Select and picks the option with this exact text. */
export async function searchAndPick(page: Page, field: Locator, text: string): Promise<void> {
  await field.click();
  await field.pressSequentially(text);
  await openDropdown(page).getByTitle(text, { exact: true }).click();
  await openDropdown(page).waitFor({ state: 'hidden' });
}

/** Types a count into a number box (antd InputNumber), replacing what was there. */
export async function fillCount(field: Locator, value: number): Promise<void> {
  await field.fill(String(value));
}
