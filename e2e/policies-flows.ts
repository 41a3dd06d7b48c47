import { expect } from 'vitest';
import { request, type APIRequestContext, type Browser, type BrowserContextOptions } from 'playwright-core';
import { openSession, type Session } from './browser';
import { fillLogin, testOtp } from './flows';

/** Steps of the support-policies journey; labels are the zh-CN UI texts. */

/** A minimal PDF: enough for the server's content sniffing (it starts with %PDF-). */
export const TINY_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);

/** A calendar day `days` before today, in China (YYYY-MM-DD), as a date box takes it. */
export function chinaDaysAgo(days: number, now = Date.now()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
    new Date(now - days * 86_400_000),
  );
}

/** An API client signed in as this account (for set-up the journey does not click through). */
export async function apiAs(baseURL: string, phone: string, password: string): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL });
  const res = await api.post('/api/v1/auth/login', { data: { phone, password, otp: await testOtp(phone) } });
  expect(res.status(), await res.text()).toBe(200);
  return api;
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
