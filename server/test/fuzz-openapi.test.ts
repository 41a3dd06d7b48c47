import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_PERMISSIONS, type Permission, type Role } from '@jiuye/shared';
import { testApp, type TestApp } from './app.js';
import { signedIn } from './factories.js';
import { changedTables, fingerprint } from './db-fingerprint.js';
import { loadOperations, requestArb, type JsonSchema, type Operation } from './openapi-arbitrary.js';

/*
 * Issue 9, item 5: fast-check draws bodies, parameters and headers for every route from the
 * OpenAPI document. Whatever arrives: never a 5xx, every error is problem+json, and a refused
 * request leaves every table as it was. Then three attacks on every route with a body:
 * prototype-pollution keys, oversized bodies (413) and wrong content types (415).
 */

const CITY_WIDE = ['440802', '440803', '440804', '440811', '440823', '440825', '440881', '440882', '440883'];
const ROLES_CALLING: Role[] = [
  'admin',
  'staff',
  'employer',
  'seeker',
  'college',
  'agency',
  'partner',
  'auditor',
];
type Caller = Role | 'anonymous';

let t: TestApp;
let ops: Operation[] = [];
let resolve: (s: JsonSchema) => JsonSchema = (s) => s;
const headersOf = new Map<Caller, Record<string, string>>();
const accessOf = new Map<string, string>();

beforeAll(async () => {
  t = await testApp();
  ({ ops, resolve } = await loadOperations(t.app));
  for (const r of t.app.routeTable) if (r.operationId) accessOf.set(r.operationId, r.access);
  headersOf.set('anonymous', {});
  for (const role of ROLES_CALLING) {
    const o = role === 'staff' ? { districtCodes: CITY_WIDE } : {};
    headersOf.set(role, (await signedIn(t.app, t.db, role, o)).headers);
  }
});
afterAll(async () => {
  await t.close();
});

/** Routes that end the caller's session would sign the fuzzer's callers out. */
const SESSION_ENDING = /logout|endMy|endOther|cancelMyAccount|sessions/i;

/** Sign-in steps count failed attempts on the user row (lockout), so a refusal there writes `users`. */
const AUTH_STEP = /login|reauth|mfa|enrol|verifySecondFactor/i;

function admits(op: Operation, caller: Caller): boolean {
  const access = accessOf.get(op.operationId);
  if (access === 'public') return true;
  if (caller === 'anonymous') return false;
  if (access === 'authenticated') return true;
  return ROLE_PERMISSIONS[caller].includes(access as Permission);
}

function callerFor(op: Operation): Caller {
  return ROLES_CALLING.find((r) => admits(op, r)) ?? 'anonymous';
}

function expectProblem(
  res: { statusCode: number; headers: Record<string, unknown>; body: string },
  where: string,
) {
  if (res.statusCode >= 500) throw new Error(`${where} → ${res.statusCode}: ${res.body}`);
  if (res.statusCode >= 400) {
    expect(String(res.headers['content-type']), where).toContain('application/problem+json');
    const p = JSON.parse(res.body) as { status: number; code: string; title: string };
    expect(p.status, where).toBe(res.statusCode);
    expect(p.code, where).toBeTruthy();
  }
}

const nastyHeader = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.constantFrom(
    '',
    ' ',
    '\t',
    'null',
    '../../etc/passwd',
    '<script>',
    'x'.repeat(300),
    '11010519491231002X',
  ),
);
const headersArb = fc.record(
  {
    'idempotency-key': fc.oneof(fc.uuid(), nastyHeader),
    'if-match': fc.oneof(fc.constantFrom('"1"', '*', 'W/"2"'), nastyHeader),
    'accept-language': fc.constantFrom('zh-CN', 'en-US', 'fr', '', '*;q=0', 'zh-CN;q=abc'),
    'x-forwarded-for': fc.constantFrom('10.0.0.1', '::1', 'not an ip'),
    'x-request-id': nastyHeader,
  },
  { requiredKeys: [] },
);

describe('fuzzing from the OpenAPI document', () => {
  it(
    'schema-shaped requests with odd headers: never 5xx, problem+json errors, nothing stored when refused',
    { timeout: 900_000 },
    async () => {
      const usable = ops.filter((o) => !SESSION_ENDING.test(o.operationId) && !SESSION_ENDING.test(o.path));
      expect(usable.length).toBeGreaterThan(100);
      const opArb = fc.constantFrom(...usable).chain((op) =>
        fc.record({
          op: fc.constant(op),
          req: requestArb(op, resolve),
          // Mostly a caller the route admits, so requests reach validation and the service.
          caller: fc.oneof(
            { weight: 4, arbitrary: fc.constant(callerFor(op)) },
            { weight: 1, arbitrary: fc.constantFrom<Caller>('anonymous', ...ROLES_CALLING) },
          ),
          headers: headersArb,
        }),
      );
      let reachedService = 0;
      await fc.assert(
        fc.asyncProperty(opArb, async ({ op, req, caller, headers }) => {
          // Reads write nothing but the audit trail and session touches (left out of the
          // fingerprint), so only writes pay for the before/after comparison.
          const before = op.method === 'GET' ? null : await fingerprint(t.db);
          const json = op.body !== null && op.method !== 'GET' && op.bodyContentType === 'application/json';
          const res = await t.app.inject({
            method: op.method as 'POST',
            url: req.url,
            headers: {
              ...headers,
              ...headersOf.get(caller),
              ...(json ? { 'content-type': 'application/json' } : {}),
            },
            ...(json ? { payload: JSON.stringify(req.body ?? {}) } : {}),
          });
          const where = `${caller} ${op.method} ${req.url} ${json ? JSON.stringify(req.body).slice(0, 400) : ''}`;
          expectProblem(res, where);
          if (before && res.statusCode >= 400) {
            const after = await fingerprint(t.db);
            // A failed password or code is counted on the account (lockout), by design.
            const changed = changedTables(before, after).filter(
              (c) =>
                !(
                  AUTH_STEP.test(op.operationId) &&
                  // …and audited (issue 9: failed second factors and re-authentications).
                  ['users ', 'user_mfa ', 'audit_chain_head '].some((table) => c.startsWith(table))
                ),
            );
            expect(changed, `refused (${res.statusCode}) but stored: ${where}`).toEqual([]);
          }
          if (res.statusCode !== 400 && res.statusCode !== 401 && res.statusCode !== 403) reachedService++;
        }),
        {
          numRuns: Math.max(1000, usable.length * 4),
          seed: Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31),
          // Shrinking replays requests against a database the failing run already changed; the
          // first counterexample (with its seed, to replay with FUZZ_SEED) is the useful one.
          endOnFailure: true,
        },
      );
      // The generator is only useful if schema-shaped requests get past validation often.
      expect(reachedService).toBeGreaterThan(50);
    },
  );

  it('prototype-pollution keys in any body are harmless', { timeout: 300_000 }, async () => {
    const withBody = ops.filter(
      (o) => o.bodyContentType === 'application/json' && !SESSION_ENDING.test(o.operationId),
    );
    for (const op of withBody) {
      const caller = callerFor(op);
      const sample = fc.sample(requestArb(op, resolve), { numRuns: 1, seed: 7 })[0]!;
      const base =
        sample.body && typeof sample.body === 'object' ? JSON.stringify(sample.body).slice(1, -1) : '';
      const raw = `{"__proto__":{"polluted":"yes","role":"admin"},"constructor":{"prototype":{"polluted":"yes"}}${base ? `,${base}` : ''}}`;
      const before = await fingerprint(t.db);
      const res = await t.app.inject({
        method: op.method as 'POST',
        url: sample.url,
        headers: { ...headersOf.get(caller), 'content-type': 'application/json' },
        payload: raw,
      });
      const where = `${caller} ${op.method} ${sample.url}`;
      expectProblem(res, where);
      expect(({} as Record<string, unknown>).polluted, where).toBeUndefined();
      expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted'), where).toBe(false);
      if (res.statusCode >= 400) expect(changedTables(before, await fingerprint(t.db)), where).toEqual([]);
    }
  });

  it(
    'answers 413 to an oversized body and 415 to a wrong content type, storing nothing',
    { timeout: 300_000 },
    async () => {
      const withBody = ops.filter(
        (o) => o.bodyContentType === 'application/json' && !SESSION_ENDING.test(o.operationId),
      );
      expect(withBody.length).toBeGreaterThan(50);
      const big = JSON.stringify({ filler: 'x'.repeat(1024 * 1024 + 10) });
      for (const op of withBody) {
        const caller = callerFor(op);
        const url = op.path.replace(/\{(\w+)\}/g, '00000000-0000-4000-8000-000000000000');
        const where = `${caller} ${op.method} ${url}`;
        const before = await fingerprint(t.db);
        const tooBig = await t.app.inject({
          method: op.method as 'POST',
          url,
          headers: { ...headersOf.get(caller), 'content-type': 'application/json' },
          payload: big,
        });
        expect(tooBig.statusCode, `${where}: ${tooBig.body.slice(0, 200)}`).toBe(413);
        expectProblem(tooBig, where);
        const wrongType = await t.app.inject({
          method: op.method as 'POST',
          url,
          headers: { ...headersOf.get(caller), 'content-type': 'application/xml' },
          payload: '<a>1</a>',
        });
        expect(wrongType.statusCode, `${where}: ${wrongType.body.slice(0, 200)}`).toBe(415);
        expectProblem(wrongType, where);
        expect(changedTables(before, await fingerprint(t.db)), where).toEqual([]);
      }
    },
  );
});
