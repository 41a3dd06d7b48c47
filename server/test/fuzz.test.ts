import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from './app.js';
import { signedIn } from './factories.js';

const CITY_WIDE = ['440802', '440803', '440804', '440811', '440823', '440825', '440881', '440882', '440883'];
const CALLERS = [
  'anonymous',
  'admin',
  'staff',
  'employer',
  'seeker',
  'college',
  'agency',
  'partner',
] as const;
type Caller = (typeof CALLERS)[number];

let t: TestApp;
// Each role's session: a body only reaches a route's validation and service as a caller it admits.
const headersOf = new Map<Caller, Record<string, string>>();
beforeAll(async () => {
  t = await testApp();
  headersOf.set('anonymous', {});
  for (const role of CALLERS) {
    if (role === 'anonymous') continue;
    const o = role === 'staff' ? { districtCodes: CITY_WIDE } : {};
    headersOf.set(role, (await signedIn(t.app, t.db, role, o)).headers);
  }
});
afterAll(async () => {
  await t.close();
});

const jsonValue = fc.jsonValue({ maxDepth: 3 });
const nastyString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '..',
    '%00',
    '%',
    '\u0000',
    "'; DROP TABLE users; --",
    '11010519491231002X',
    '440803',
    '6-18-02-04',
    'null',
    '-1',
    '1e309',
    'x'.repeat(5000),
  ),
);
const bodyArb = fc.oneof(
  jsonValue.map((v) => ({ kind: 'json' as const, payload: JSON.stringify(v) })),
  fc
    .dictionary(
      fc.constantFrom(
        'role',
        'phone',
        'password',
        'displayName',
        'districtCodes',
        'scopes',
        'name',
        'expiresAt',
        'currentPassword',
        'newPassword',
        'otp',
        'q',
      ),
      fc.oneof(jsonValue, nastyString),
    )
    .map((v) => ({ kind: 'json' as const, payload: JSON.stringify(v) })),
  nastyString.map((s) => ({ kind: 'json' as const, payload: s })),
  fc
    .record({
      ct: fc.constantFrom(
        'text/plain',
        'application/xml',
        'multipart/form-data; boundary=x',
        'application/x-www-form-urlencoded',
        'application/json; charset=latin1',
        'image/png',
      ),
      s: nastyString,
    })
    .map(({ ct, s }) => ({ kind: 'other' as const, ct, payload: s })),
  fc.constant({ kind: 'none' as const }),
);
const queryArb = fc.dictionary(
  fc.constantFrom('page', 'pageSize', 'q', 'parent', 'role', 'status', 'level', 'x'),
  nastyString,
  { maxKeys: 4 },
);

describe('fuzzing every route', () => {
  it('never answers 5xx, and every error is problem+json', { timeout: 600_000 }, async () => {
    const routes = t.app.routeTable.filter((r) => r.operationId);
    expect(routes.length).toBeGreaterThan(10);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        fc.constantFrom(...CALLERS),
        nastyString,
        queryArb,
        bodyArb,
        fc.constantFrom('zh-CN', 'en-US', 'fr', '', '*;q=0'),
        async (route, caller, param, query, body, lang) => {
          const url = route.url.replace(/:(\w+)/g, () => encodeURIComponent(param).slice(0, 300) || 'x');
          const qs = new URLSearchParams(query).toString();
          const headers: Record<string, string> = {
            ...(route.operationId === 'logout' ? {} : headersOf.get(caller)),
            ...(lang ? { 'accept-language': lang } : {}),
          };
          let payload: string | undefined;
          if (body.kind === 'json' && route.method !== 'GET') {
            headers['content-type'] = 'application/json';
            payload = body.payload;
          } else if (body.kind === 'other' && route.method !== 'GET') {
            headers['content-type'] = body.ct;
            payload = body.payload;
          }
          const res = await t.app.inject({
            method: route.method as 'GET',
            url: qs ? `${url}?${qs}` : url,
            headers,
            payload,
          });
          if (res.statusCode >= 500)
            throw new Error(`${route.method} ${url}?${qs} → ${res.statusCode}: ${res.body}`);
          if (res.statusCode >= 400) {
            expect(res.headers['content-type']).toContain('application/problem+json');
            const p = JSON.parse(res.body) as { status: number; code: string; title: string };
            expect(p.status).toBe(res.statusCode);
            expect(p.code).toBeTruthy();
            expect(p.title).toBeTruthy();
          }
        },
      ),
      // About a dozen tries per route and caller mix; grows with the API.
      { numRuns: Math.max(600, routes.length * 12) },
    );
  });
});
