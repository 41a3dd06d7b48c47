import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../test/app.js';
import { signedIn } from '../../../test/factories.js';
import { createEnterprise, createPosting } from '../../../test/channel-factories.js';
import { multipartFile } from '../enterprises/enterprises.test-support.js';

/**
 * The platform fuzz test calls every route as an admin, who may not reach these. Here the enterprise
 * and posting routes get malformed input from the callers who do: an owner, district staff, a
 * stranger. Ids come partly from real records so that the handlers, not just the validators, run.
 */
const OPS = new Set([
  'createEnterprise',
  'listEnterprises',
  'getEnterprise',
  'updateEnterprise',
  'verifyEnterprise',
  'uploadEnterpriseLicence',
  'getEnterpriseLicence',
  'listEnterpriseMembers',
  'addEnterpriseMember',
  'removeEnterpriseMember',
  'createPosting',
  'checkPostingText',
  'listReviewQueue',
  'getPosting',
  'updatePosting',
  'reviewPosting',
  'listEnterprisePostings',
  'getPostingImportTemplate',
  'importPostings',
]);

let t: TestApp;
let callers: Record<string, string>[];
let ids: string[];
beforeAll(async () => {
  t = await testApp();
  const owner = await signedIn(t.app, t.db, 'employer');
  const staff = await signedIn(t.app, t.db, 'staff', { districtCodes: ['440803'] });
  const stranger = await signedIn(t.app, t.db, 'employer');
  const ent = await createEnterprise(t.db, { ownerUserId: owner.user.id, ownerPhone: owner.user.phone });
  const published = await createPosting(t.db, ent);
  const pending = await createPosting(t.db, ent, { status: 'pending_review' });
  callers = [owner.headers, staff.headers, stranger.headers, {}];
  ids = [ent.id, published.id, pending.id, owner.user.phone];
});
afterAll(async () => {
  await t.close();
});

const nasty = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom(
    '',
    '%00',
    '440803',
    '999999',
    '6-18-02-04',
    'true',
    'false',
    '-1',
    '1e309',
    'pending',
    'draft',
    'published',
    '限男性，35岁以下',
    "'; DROP TABLE job_postings; --",
    'x'.repeat(3000),
  ),
);
const value = fc.oneof(fc.jsonValue({ maxDepth: 2 }), nasty, fc.integer(), fc.array(nasty, { maxLength: 3 }));
const KEYS = [
  'enterpriseId',
  'title',
  'occupationCode',
  'description',
  'districtCode',
  'headcount',
  'salaryMinFen',
  'salaryMaxFen',
  'salaryPeriod',
  'employmentType',
  'educationLevel',
  'skills',
  'benefits',
  'targetRegionCodes',
  'expiresOn',
  'submit',
  'status',
  'version',
  'decision',
  'reason',
  'confirmChecksum',
  'name',
  'creditCode',
  'industryCode',
  'size',
  'address',
  'contactName',
  'contactPhone',
  'phone',
] as const;
const bodyArb = fc.oneof(
  fc
    .dictionary(fc.constantFrom(...KEYS), value)
    .map((v) => ({ kind: 'json' as const, payload: JSON.stringify(v) })),
  nasty.map((s) => ({ kind: 'json' as const, payload: s })),
  fc
    .record({
      name: nasty,
      bytes: fc.uint8Array({ maxLength: 600 }),
      magic: fc.constantFrom('', '%PDF-', 'PK\u0003\u0004', '\u0089PNG'),
    })
    .map(({ name, bytes, magic }) => ({
      kind: 'multipart' as const,
      ...multipartFile(
        name.replace(/["\r\n]/g, '') || 'f',
        Buffer.concat([Buffer.from(magic, 'latin1'), Buffer.from(bytes)]),
      ),
    })),
  fc
    .record({
      ct: fc.constantFrom(
        'multipart/form-data',
        'multipart/form-data; boundary=',
        'multipart/form-data; boundary=x',
        'text/plain',
      ),
      s: nasty,
    })
    .map(({ ct, s }) => ({ kind: 'raw' as const, ct, payload: s })),
  fc.constant({ kind: 'none' as const }),
);
const queryArb = fc.dictionary(
  fc.constantFrom('mine', 'status', 'districtCode', 'q', 'flagged', 'page', 'pageSize', 'x'),
  nasty,
  { maxKeys: 4 },
);

describe('fuzzing the enterprise and posting routes', () => {
  it('never answers 5xx, and every error is problem+json', async () => {
    const routes = t.app.routeTable.filter((r) => r.operationId && OPS.has(r.operationId));
    expect(routes.length).toBe(OPS.size);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        fc.nat(3),
        fc.oneof(fc.constantFrom(...[0, 1, 2, 3].map((i) => `@${i}`)), nasty),
        queryArb,
        bodyArb,
        fc.constantFrom('zh-CN', 'en-US'),
        async (route, who, param, query, body, lang) => {
          const p = param.startsWith('@') ? (ids[Number(param.slice(1))] ?? 'x') : param;
          const url = route.url.replace(/:(\w+)/g, () => encodeURIComponent(p).slice(0, 300) || 'x');
          const qs = new URLSearchParams(query).toString();
          const headers: Record<string, string> = { ...callers[who], 'accept-language': lang };
          let payload: string | Buffer | undefined;
          if (route.method !== 'GET' && route.method !== 'DELETE') {
            if (body.kind === 'json') {
              headers['content-type'] = 'application/json';
              payload = body.payload;
            } else if (body.kind === 'multipart') {
              Object.assign(headers, body.headers);
              payload = body.payload;
            } else if (body.kind === 'raw') {
              headers['content-type'] = body.ct;
              payload = body.payload;
            }
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
            const problem = JSON.parse(res.body) as { status: number; code: string; title: string };
            expect(problem.status).toBe(res.statusCode);
            expect(problem.title).toBeTruthy();
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  const QUERY_KEYS: Record<string, string[]> = {
    listEnterprises: ['mine', 'status', 'districtCode', 'q', 'page', 'pageSize'],
    listReviewQueue: ['districtCode', 'flagged', 'page', 'pageSize'],
    listEnterprisePostings: ['status', 'page', 'pageSize'],
  };
  it('answers every combination of valid list filters without a 5xx', async () => {
    const lists = t.app.routeTable.filter(
      (r) =>
        r.method === 'GET' && r.operationId && OPS.has(r.operationId) && !r.url.endsWith('import-template'),
    );
    const filters = fc.record(
      {
        mine: fc.constantFrom('true', 'false', '1', '0'),
        status: fc.constantFrom(
          'pending',
          'verified',
          'rejected',
          'draft',
          'pending_review',
          'published',
          'closed',
        ),
        districtCode: fc.constantFrom('440803', '440802'),
        q: fc.constantFrom('湛江', '9144', '%', '_'),
        flagged: fc.constantFrom('true', 'false', '1', '0'),
        page: fc.constantFrom('1', '2', '100000'),
        pageSize: fc.constantFrom('1', '20', '100'),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...lists),
        fc.nat(3),
        fc.nat(3),
        filters,
        async (route, who, idIndex, query) => {
          const url = route.url.replace(/:(\w+)/g, () => ids[idIndex] ?? 'x');
          // Only the filters this route knows (the others are a 400 by design).
          const known = QUERY_KEYS[route.operationId ?? ''] ?? [];
          const qs = new URLSearchParams(
            Object.entries(query).filter(([k]) => known.includes(k)) as [string, string][],
          ).toString();
          const res = await t.app.inject({ method: 'GET', url: `${url}?${qs}`, headers: callers[who] });
          if (res.statusCode >= 500) throw new Error(`GET ${url}?${qs} → ${res.statusCode}: ${res.body}`);
        },
      ),
      { numRuns: 300 },
    );
  });
});
