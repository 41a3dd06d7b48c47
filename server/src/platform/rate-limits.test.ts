import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@jiuye/shared';
import { testApp, type TestApp } from '../../test/app.js';
import { signedIn } from '../../test/factories.js';

/** Low limits for this file only; every other test runs with them raised (test/app.ts). */
let t: TestApp;
beforeAll(async () => {
  t = await testApp({
    JIUYE_REGISTER_RATE_PER_HOUR: '2',
    JIUYE_SEARCH_RATE_PER_MINUTE: '3',
    JIUYE_BOOKING_RATE_PER_MINUTE: '2',
    JIUYE_EXPORT_RATE_PER_MINUTE: '3',
  });
});
afterAll(async () => {
  await t.close();
});

async function headersOf(role: Role): Promise<Record<string, string>> {
  const s = await signedIn(t.app, t.db, role);
  // Staff sign in with a second factor (issue 9): this session is past it.
  await sql`UPDATE sessions SET mfa_verified_at = now() WHERE user_id = ${s.user.id}`.execute(t.db);
  return s.headers;
}

type Res = Awaited<ReturnType<TestApp['app']['inject']>>;
function expectLimited(res: Res): void {
  expect(res.statusCode).toBe(429);
  expect(res.headers['content-type']).toContain('application/problem+json');
  expect(res.json<{ code: string }>().code).toBe('rate_limited');
  expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
}

describe('per-route rate limits', () => {
  it('registration: per address, per hour', async () => {
    const ip = '203.0.113.7';
    const register = () =>
      t.app.inject({ method: 'POST', url: '/api/v1/auth/register', remoteAddress: ip, payload: {} });
    expect((await register()).statusCode).toBe(400);
    expect((await register()).statusCode).toBe(400);
    const res = await register();
    expectLimited(res);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(60);
    // Another address is not affected.
    const other = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      remoteAddress: '203.0.113.8',
      payload: {},
    });
    expect(other.statusCode).toBe(400);
  });

  it('search and recommendations: per route, per address, or per user when signed in', async () => {
    const ip = '198.51.100.20';
    const get = (url: string, headers: Record<string, string> = {}) =>
      t.app.inject({ method: 'GET', url, headers, remoteAddress: ip });
    const search = '/api/v1/job-postings?q=%E5%8F%B8%E6%9C%BA';
    for (let i = 0; i < 3; i++) expect((await get(search)).statusCode).toBe(200);
    expectLimited(await get(search));
    expect((await get('/api/v1/job-postings/suggest?q=%E5%8F%B8')).statusCode).toBe(200);
    // A signed-in seeker at the same address has a counter of their own.
    const seeker = await headersOf('seeker');
    for (let i = 0; i < 3; i++) expect((await get(search, seeker)).statusCode).toBe(200);
    expectLimited(await get(search, seeker));
    for (let i = 0; i < 3; i++)
      expect((await get('/api/v1/me/recommendations', seeker)).statusCode).not.toBe(429);
    expectLimited(await get('/api/v1/me/recommendations', seeker));
  });

  it('bus seat booking: per user', async () => {
    const a = await headersOf('seeker');
    const b = await headersOf('seeker');
    const book = (headers: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/bus-trips/${randomUUID()}/bookings`,
        headers,
        payload: {},
      });
    expect((await book(a)).statusCode).not.toBe(429);
    expect((await book(a)).statusCode).not.toBe(429);
    expectLimited(await book(a));
    expect((await book(b)).statusCode).not.toBe(429);
  });

  it('exports (payout batch, bus manifest, monthly report): per user', async () => {
    const staff = await headersOf('staff');
    const other = await headersOf('staff');
    const get = (url: string, headers = staff) => t.app.inject({ method: 'GET', url, headers });
    for (const route of ['/api/v1/payout-batches/%s/export', '/api/v1/bus-trips/%s/manifest.xlsx']) {
      const url = () => route.replace('%s', randomUUID());
      for (let i = 0; i < 3; i++) expect((await get(url())).statusCode).not.toBe(429);
      expectLimited(await get(url()));
      expect((await get(url(), other)).statusCode).not.toBe(429);
    }
    // The monthly report's limit is checked before the report is built.
    for (let i = 0; i < 3; i++) {
      expect((await get('/api/v1/reports/monthly/2026-13.pdf')).statusCode).not.toBe(429);
    }
    expectLimited(await get('/api/v1/reports/monthly/2026-10.pdf'));
  });
});

describe('second-factor routes', () => {
  it('share the sign-in limit per address (JIUYE_AUTH_RATE_PER_MINUTE)', async () => {
    const app = await testApp({ JIUYE_AUTH_RATE_PER_MINUTE: '4' });
    try {
      const staff = await signedIn(app.app, app.db, 'staff', { districtCodes: ['440803'] });
      let res: Res | null = null;
      for (let i = 0; i < 6; i++) {
        res = await app.app.inject({
          method: 'POST',
          url: '/api/v1/auth/mfa/verify',
          headers: staff.headers,
          payload: { code: '000000' },
        });
        if (res.statusCode === 429) break;
      }
      expectLimited(res!);
    } finally {
      await app.close();
    }
  });
});
