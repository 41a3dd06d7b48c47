import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../app.js';
import { createDb, type Db } from '../../db/database.js';
import type { AppDeps } from '../../platform/context.js';
import { TestClock, testConfig } from '../../../test/app.js';
import { testDb, workerDatabaseUrl } from '../../../test/db.js';
import { signedIn, TEST_KEYS } from '../../../test/factories.js';
import { createEnterprise, createPosting, type TestEnterprise } from '../../../test/channel-factories.js';
import { detailCache, detailCacheReady, nextInvalidation } from './postings.detail-cache.js';

/*
 * Issue 10: the public posting detail is cached in each instance's memory. Two instances on one
 * database (as in server/test/scale-out.test.ts): a change made through B must reach A's cache by
 * the database's NOTIFY (each instance evicts locally only what it changed itself), and nothing of
 * a member's or reviewer's view may ever be served from the shared entry.
 */

type Instance = { app: FastifyInstance; db: Db; deps: AppDeps };
let a: Instance;
let b: Instance;
let employer: { cookie: string; user: { id: string; phone: string } };
let ent: TestEnterprise;

async function instance(): Promise<Instance> {
  const db = createDb(workerDatabaseUrl(), 5);
  const deps: AppDeps = { config: testConfig(), db, readDb: db, keys: TEST_KEYS, clock: new TestClock() };
  const app = await buildApp(deps);
  await app.ready();
  return { app, db, deps };
}

type PostingRes = {
  id: string;
  status: string;
  headcount: number;
  enterpriseName: string;
  enterpriseVerified: boolean;
  occupationName: string;
  reviewReason: string | null;
  flags: unknown[];
};

function get(i: Instance, id: string, headers: Record<string, string> = {}) {
  return i.app.inject({ method: 'GET', url: `/api/v1/job-postings/${id}`, headers });
}

function stats(i: Instance) {
  const c = detailCache(i.deps);
  if (!c) throw new Error('no cache');
  return c.stats();
}

/** Asks A twice: the second answer must come from A's cache. */
async function cachedOnA(id: string): Promise<PostingRes> {
  expect((await get(a, id)).statusCode).toBe(200);
  const hits = stats(a).hits;
  const res = await get(a, id);
  expect(res.statusCode).toBe(200);
  expect(stats(a).hits).toBe(hits + 1);
  return res.json<PostingRes>();
}

beforeAll(async () => {
  await testDb(); // registers the reference codes for validation
  a = await instance();
  b = await instance();
  await Promise.all([detailCacheReady(a.deps), detailCacheReady(b.deps)]);
  const emp = await signedIn(b.app, b.db, 'employer');
  employer = { cookie: emp.cookie, user: emp.user };
  ent = await createEnterprise(b.db, { ownerUserId: emp.user.id, ownerPhone: emp.user.phone });
});

afterAll(async () => {
  await a.app.close();
  await b.app.close();
  await a.db.destroy();
  await b.db.destroy();
});

describe('posting detail cache across instances', () => {
  it('an edit made through instance B is visible on instance A once the notification arrives', async () => {
    const { id } = await createPosting(b.db, ent, { headcount: 5 });
    expect((await cachedOnA(id)).headcount).toBe(5);
    const seen = nextInvalidation(a.deps, `p:${id}`);
    const edit = await b.app.inject({
      method: 'PATCH',
      url: `/api/v1/job-postings/${id}`,
      headers: { cookie: employer.cookie },
      payload: { headcount: 9 },
    });
    expect(edit.statusCode, edit.body).toBe(200);
    await seen;
    expect((await get(a, id)).json<PostingRes>()).toMatchObject({ status: 'published', headcount: 9 });
  });

  it('closing a posting through B makes it disappear from A', async () => {
    const { id } = await createPosting(b.db, ent);
    await cachedOnA(id);
    const seen = nextInvalidation(a.deps, `p:${id}`);
    const close = await b.app.inject({
      method: 'PATCH',
      url: `/api/v1/job-postings/${id}`,
      headers: { cookie: employer.cookie },
      payload: { status: 'closed' },
    });
    expect(close.statusCode, close.body).toBe(200);
    await seen;
    expect((await get(a, id)).statusCode).toBe(404);
  });

  it('a change of the enterprise (renamed, back to verification) reaches every cached posting of it', async () => {
    const emp = await signedIn(b.app, b.db, 'employer');
    const own = await createEnterprise(b.db, { ownerUserId: emp.user.id, ownerPhone: emp.user.phone });
    const { id } = await createPosting(b.db, own);
    expect(await cachedOnA(id)).toMatchObject({ enterpriseName: own.name, enterpriseVerified: true });
    const seen = nextInvalidation(a.deps, `e:${own.id}`);
    const rename = await b.app.inject({
      method: 'PATCH',
      url: `/api/v1/enterprises/${own.id}`,
      headers: emp.headers,
      payload: { name: '湛江新名字餐饮有限公司' },
    });
    expect(rename.statusCode, rename.body).toBe(200);
    await seen;
    expect((await get(a, id)).json<PostingRes>()).toMatchObject({
      enterpriseName: '湛江新名字餐饮有限公司',
      enterpriseVerified: false,
    });
  });

  it('a change written straight into the database (no app involved) also evicts', async () => {
    const { id } = await createPosting(b.db, ent, { headcount: 3 });
    await cachedOnA(id);
    const seen = nextInvalidation(a.deps, `p:${id}`);
    await b.db.updateTable('jobPostings').set({ headcount: 4 }).where('id', '=', id).execute();
    await seen;
    expect((await get(a, id)).json<PostingRes>().headcount).toBe(4);
  });

  it('answers 304 to a matching If-None-Match, and a new ETag after a change', async () => {
    const { id } = await createPosting(b.db, ent, { headcount: 5 });
    const first = await get(a, id);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(first.headers['cache-control']).toBe('no-cache');
    expect(String(first.headers.vary)).toContain('accept-language');
    expect(first.headers['content-type']).toContain('application/json');

    const again = await get(a, id, { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.etag).toBe(etag);
    expect((await get(a, id, { 'if-none-match': `"other", ${etag}` })).statusCode).toBe(304);
    // The same bytes from the other instance carry the same validator (a balancer may switch).
    expect((await get(b, id, { 'if-none-match': etag })).statusCode).toBe(304);
    // Another language is another representation.
    const en = await get(a, id, { 'accept-language': 'en-US', 'if-none-match': etag });
    expect(en.statusCode).toBe(200);
    expect(en.json<PostingRes>().occupationName).not.toBe(first.json<PostingRes>().occupationName);

    const seen = nextInvalidation(a.deps, `p:${id}`);
    await b.db.updateTable('jobPostings').set({ headcount: 6 }).where('id', '=', id).execute();
    await seen;
    const changed = await get(a, id, { 'if-none-match': etag });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect(changed.json<PostingRes>().headcount).toBe(6);
  });

  it('never serves a member’s or reviewer’s view to anyone else, nor the public entry to them', async () => {
    const { id } = await createPosting(b.db, ent);
    // What only the enterprise and its reviewers see.
    await b.db
      .updateTable('jobPostings')
      .set({
        reviewReason: '内部备注：请核实包住宿条件',
        flags: sql`'[{"code":"gender","text":"限男性","field":"title"}]'::jsonb`,
      })
      .where('id', '=', id)
      .execute();
    const member = { cookie: employer.cookie };
    const reviewer = await signedIn(a.app, a.db, 'staff', { districtCodes: [ent.districtCode] });
    const farStaff = await signedIn(a.app, a.db, 'staff', { districtCodes: ['440882'] });
    const seeker = await signedIn(a.app, a.db, 'seeker');
    const rival = await signedIn(a.app, a.db, 'employer');

    // The member asks first: nothing of that answer may be stored.
    const stores = stats(a).stores;
    const first = await get(a, id, member);
    expect(first.json<PostingRes>().reviewReason).toContain('内部备注');
    expect(first.headers['cache-control']).toBe('private, no-cache');
    expect(first.headers.etag).toBeUndefined();
    expect(stats(a).stores).toBe(stores);

    const anon = await get(a, id);
    expect(anon.json<PostingRes>()).toMatchObject({ reviewReason: null, flags: [] });
    const hits = stats(a).hits;
    for (const who of [{}, seeker.headers, farStaff.headers, rival.headers]) {
      const res = await get(a, id, who);
      expect(res.statusCode).toBe(200);
      expect(res.body).toBe(anon.body);
      expect(res.headers.etag).toBe(anon.headers.etag);
    }
    expect(stats(a).hits).toBe(hits + 4);

    // With the public entry cached, the member and the reviewer still get their own view…
    for (const who of [member, reviewer.headers]) {
      const res = await get(a, id, { ...who, 'if-none-match': anon.headers.etag as string });
      expect(res.statusCode).toBe(200);
      expect(res.json<PostingRes>().reviewReason).toContain('内部备注');
      expect(res.json<PostingRes>().flags).toHaveLength(1);
    }
    // …and the public one is unchanged by their visits.
    expect((await get(a, id)).body).toBe(anon.body);
  });

  it('empties the cache when the LISTEN connection drops, and serves fresh data meanwhile', async () => {
    const { id } = await createPosting(b.db, ent, { headcount: 2 });
    await cachedOnA(id);
    // Ends the listeners of this test database only (each test worker has its own database).
    await sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
               WHERE application_name = 'jiuye-cache-listener' AND datname = current_database()`.execute(
      b.db,
    );
    await vi.waitFor(() => expect(stats(a).active).toBe(false), { timeout: 10_000, interval: 20 });
    expect(stats(a).entries).toBe(0);
    // No notification can reach A now; the answer comes from the database.
    await b.db.updateTable('jobPostings').set({ headcount: 7 }).where('id', '=', id).execute();
    expect((await get(a, id)).json<PostingRes>().headcount).toBe(7);
    await detailCacheReady(a.deps);
    expect((await cachedOnA(id)).headcount).toBe(7);
  });
});
