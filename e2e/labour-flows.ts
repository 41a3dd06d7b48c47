import { expect } from 'vitest';
import {
  request,
  type APIRequestContext,
  type Browser,
  type BrowserContextOptions,
  type Locator,
  type Page,
} from 'playwright-core';
import { openSession, type Session } from './browser';
import { idCheckChar } from '@jiuye/shared';
import { fillLogin, testOtp } from './flows';

/** Steps of the labour-shortage journeys; labels are the zh-CN UI texts. */

/** 电子设备装接工: the assembly-line operators of 2020's shortages. */
export const OPERATOR = '6-25-04-01';
export const WELDER = '6-18-02-04';
/** Zhanjiang's nine districts: staff with all of them are city-wide (bureau) officers. */
export const CITY = [
  '440802',
  '440803',
  '440804',
  '440811',
  '440823',
  '440825',
  '440881',
  '440882',
  '440883',
];
export const HOUR = 3_600_000;

/** A calendar day `days` from now in China (YYYY-MM-DD). */
export function chinaDay(days = 0, now = Date.now()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
    new Date(now + days * 86_400_000),
  );
}

/** "YYYY-MM-DDTHH:mm" in China time, as a datetime-local box takes it. */
export function chinaLocal(ms: number): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(ms));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}

/** An API client signed in as this account (set-up the journey does not click through). */
export async function apiAs(baseURL: string, phone: string, password: string): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL });
  const res = await api.post('/api/v1/auth/login', { data: { phone, password, otp: await testOtp(phone) } });
  expect(res.status(), await res.text()).toBe(200);
  return api;
}

/** A JSON call that must answer `status`; answers the body. */
export async function call<T>(
  api: APIRequestContext,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH',
  url: string,
  status: number,
  data?: unknown,
): Promise<T> {
  const res = await api.fetch(url, { method, ...(data === undefined ? {} : { data }) });
  expect(res.status(), `${method} ${url}: ${await res.text()}`).toBe(status);
  return (await res.json()) as T;
}

/** A fresh browser profile signed in through the login page, landing on the role's home. */
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

/** Types an occupation code into the occupation Select and picks the option carrying that code. */
export async function pickOccupation(page: Page, field: Locator, code: string): Promise<void> {
  await field.click();
  await field.pressSequentially(code);
  await openDropdown(page).locator(`[title$="（${code}）"]`).first().click();
  await page.keyboard.press('Escape');
}

/** Opens an antd Select and clicks the option with this exact text. */
export async function pickOption(page: Page, field: Locator, option: string): Promise<void> {
  await field.click();
  await openDropdown(page).getByTitle(option, { exact: true }).click();
  await openDropdown(page).waitFor({ state: 'hidden' });
}

/** Picks one option of a multiple antd Select (its dropdown stays open) and closes it. */
export async function pickMultiOption(page: Page, field: Locator, option: string): Promise<void> {
  await field.click();
  await openDropdown(page).getByTitle(option, { exact: true }).click();
  await page.keyboard.press('Escape');
  await openDropdown(page).waitFor({ state: 'hidden' });
}

/** A minimal PDF: enough for the server's content sniffing. */
export const TINY_PDF = Buffer.from('%PDF-1.4\n% signed consent form\n%%EOF\n', 'latin1');

/** A valid identity number of a man born on 6 May 1994 in 武都区, 陇南 (621202): his household region. */
export function longnanIdNumber(): string {
  const seq = `${Math.floor(Math.random() * 50)}`.padStart(2, '0') + '1';
  const first17 = `62120219940506${seq}`;
  return first17 + idCheckChar(first17);
}
