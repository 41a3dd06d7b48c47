import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Notification, SavedSearch } from '@jiuye/shared';
import { testApp, type TestApp } from '../../../test/app.js';
import { signedIn } from '../../../test/factories.js';
import { createEnterprise, createPosting, type TestEnterprise } from '../../../test/channel-factories.js';
import {
  MAX_SEND_ATTEMPTS,
  chinaDate,
  drainOutbox,
  notifyNewPosting,
  retryDelayMs,
  runAlertSweep,
  runDailyDigest,
  type OutboxMessage,
} from './alerts.delivery.js';

let t: TestApp;
let enterprise: TestEnterprise;
beforeAll(async () => {
  t = await testApp();
  // Earlier test files of this worker left postings published "now": work a year ahead so the
  // sweep windows below see only this file's postings.
  t.clock.advance(400 * 86400_000);
  const owner = await signedIn(t.app, t.db, 'employer');
  enterprise = await createEnterprise(t.db, {
    ownerUserId: owner.user.id,
    ownerPhone: owner.user.phone,
    name: '湛江南方船舶修造有限公司',
  });
});
afterAll(async () => {
  // Later test files of this worker search published postings: take this file's (dated a year
  // ahead) out of the public listing.
  await t.db
    .updateTable('jobPostings')
    .set({ status: 'closed', closedReason: 'test' })
    .where('enterpriseId', '=', enterprise.id)
    .execute();
  await t.close();
});
// A day apart, so one test's postings fall outside the next test's sweep windows.
beforeEach(() => {
  t.clock.advance(86400_000);
});

type Session = Awaited<ReturnType<typeof signedIn>>;

function body<T>(res: { body: string }): T {
  return JSON.parse(res.body) as T;
}

async function save(s: Session, payload: object) {
  return t.app.inject({ method: 'POST', url: '/api/v1/me/saved-searches', headers: s.headers, payload });
}

const welderInXiashan = { name: '霞山焊工', query: { q: '焊工', districtCode: '440803' } };

/** A posting published now (the test clock). */
async function publish(o: Parameters<typeof createPosting>[2] = {}): Promise<string> {
  const p = await createPosting(t.db, enterprise, { publishedAt: t.clock.now(), ...o });
  return p.id;
}

async function notificationsOf(userId: string) {
  return t.db
    .selectFrom('notifications')
    .select(['kind', 'titleZh', 'body', 'dedupeKey'])
    .where('userId', '=', userId)
    .orderBy('createdAt')
    .execute();
}

describe('saved searches', () => {
  it('saves, lists and deletes a search; refuses an empty one and e-mail without an address', async () => {
    const s = await signedIn(t.app, t.db, 'seeker');
    expect((await save(s, { query: {} })).statusCode).toBe(400);
    expect((await save(s, { query: { q: '焊工' }, channels: ['email'] })).statusCode).toBe(400);
    expect((await save(s, { query: { q: '招聘' } })).statusCode).toBe(400);
    expect((await save(s, { query: { districtCode: '999999' } })).statusCode).toBe(400);
    const created = await save(s, {
      ...welderInXiashan,
      frequency: 'daily',
      channels: ['in_app', 'sms', 'sms'],
    });
    expect(created.statusCode).toBe(201);
    const saved = body<SavedSearch>(created);
    expect(saved).toMatchObject({
      name: '霞山焊工',
      query: { q: '焊工', districtCode: '440803' },
      frequency: 'daily',
      channels: ['in_app', 'sms'],
      active: true,
    });
    expect(JSON.stringify(saved)).not.toContain('unsubscribe');

    const list = body<{ items: SavedSearch[]; total: number }>(
      await t.app.inject({ method: 'GET', url: '/api/v1/me/saved-searches', headers: s.headers }),
    );
    expect(list.total).toBe(1);
    const other = await signedIn(t.app, t.db, 'seeker');
    const del = (who: Session) =>
      t.app.inject({ method: 'DELETE', url: `/api/v1/me/saved-searches/${saved.id}`, headers: who.headers });
    expect((await del(other)).statusCode).toBe(404);
    expect((await del(s)).statusCode).toBe(204);
    expect((await del(s)).statusCode).toBe(404);
  });
});

describe('instant job alerts', () => {
  it('notifies a saved search for 焊工 in 霞山区 of a matching posting, and not of others', async () => {
    const s = await signedIn(t.app, t.db, 'seeker');
    expect((await save(s, welderInXiashan)).statusCode).toBe(201);

    const match = await publish({ title: '船厂电焊工（包吃住）', districtCode: '440803' });
    const elsewhere = await publish({ title: '电焊工', districtCode: '440882' });
    const cook = await publish({
      title: '厨师',
      occupationCode: '4-03-02-01',
      skills: ['粤菜'],
      description: '负责员工食堂',
      districtCode: '440803',
    });
    const now = t.clock.now();
    expect((await notifyNewPosting(t.db, match, now)).notifications).toBeGreaterThanOrEqual(1);
    await notifyNewPosting(t.db, elsewhere, now);
    await notifyNewPosting(t.db, cook, now);
    // The hook may be called twice (a retry): still one notification.
    expect((await notifyNewPosting(t.db, match, now)).notifications).toBe(0);

    const notes = await notificationsOf(s.user.id);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ kind: 'job_alert', dedupeKey: `job_alert:${match}` });
    expect(notes[0]?.titleZh).toContain('船厂电焊工');

    // Through the API: unread count, mark one read, mark all read.
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me/notifications',
      headers: { ...s.headers, 'accept-language': 'en-US' },
    });
    const page = body<{ items: Notification[]; unreadCount: number; total: number }>(list);
    expect(page).toMatchObject({ total: 1, unreadCount: 1 });
    expect(page.items[0]?.title).toMatch(/^Job alert "霞山焊工"/);
    expect(page.items[0]?.link).toBe(`/seeker/jobs/${match}`);
    const id = page.items[0]?.id ?? '';
    const other = await signedIn(t.app, t.db, 'seeker');
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/me/notifications/${id}/read`,
          headers: other.headers,
        })
      ).statusCode,
    ).toBe(404);
    const read = await t.app.inject({
      method: 'POST',
      url: `/api/v1/me/notifications/${id}/read`,
      headers: s.headers,
    });
    expect(body<Notification>(read).readAt).not.toBeNull();
    const unread = body<{ unreadCount: number; total: number }>(
      await t.app.inject({
        method: 'GET',
        url: '/api/v1/me/notifications?unreadOnly=true',
        headers: s.headers,
      }),
    );
    expect(unread).toMatchObject({ unreadCount: 0, total: 0 });
    const all = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/notifications/read-all',
      headers: s.headers,
    });
    expect(body<{ updated: number }>(all).updated).toBe(0);
  });

  it('matches filters: occupation group, city-wide district, salary, employment type, benefits', async () => {
    const s = await signedIn(t.app, t.db, 'seeker');
    await save(s, {
      name: '湛江制造业全职包住',
      query: {
        occupationCode: '6-18',
        districtCode: '440800',
        salaryMinFen: 700_000,
        employmentType: 'full_time',
        benefits: ['lodging'],
      },
    });
    const now = () => t.clock.now();
    const yes = await publish({
      districtCode: '440882',
      salaryMaxFen: 800_000,
      benefits: ['board', 'lodging'],
    });
    const lowPay = await publish({ salaryMaxFen: 650_000 });
    const noLodging = await publish({ benefits: ['board'] });
    const partTime = await publish({ employmentType: 'part_time' });
    const otherOccupation = await publish({ occupationCode: '6-31-01-03', title: '电工' });
    for (const id of [yes, lowPay, noLodging, partTime, otherOccupation])
      await notifyNewPosting(t.db, id, now());
    const notes = await notificationsOf(s.user.id);
    expect(notes.map((n) => (n.body as { postingId: string }).postingId)).toEqual([yes]);
  });

  it('the sweep catches a publication whose hook was lost, once', async () => {
    const s = await signedIn(t.app, t.db, 'seeker');
    await save(s, { ...welderInXiashan, channels: ['in_app', 'sms'] });
    t.clock.advance(60_000);
    const lost = await publish({ title: '钢结构电焊工' });
    t.clock.advance(60_000);
    const first = await runAlertSweep(t.db, t.clock.now());
    expect(first.notifications).toBeGreaterThanOrEqual(1);
    expect((await notificationsOf(s.user.id)).map((n) => n.dedupeKey)).toEqual([`job_alert:${lost}`]);

    // Again, and the hook arriving late: nothing new.
    t.clock.advance(60_000);
    await runAlertSweep(t.db, t.clock.now());
    await notifyNewPosting(t.db, lost, t.clock.now());
    expect(await notificationsOf(s.user.id)).toHaveLength(1);

    // The outbox has one SMS for it, deduplicated by key.
    const sms = await t.db
      .selectFrom('outbox')
      .select(['channel', 'template', 'status', 'dedupeKey', 'payload'])
      .where('userId', '=', s.user.id)
      .execute();
    expect(sms).toHaveLength(1);
    expect(sms[0]).toMatchObject({
      channel: 'sms',
      template: 'job_alert',
      status: 'pending',
      dedupeKey: `job_alert:${s.user.id}:${lost}:sms`,
    });
    expect((sms[0]?.payload as { text: string }).text).toContain('/api/v1/alerts/unsubscribe?token=');
  });

  it('stops after unsubscribing with the token from the message', async () => {
    const s = await signedIn(t.app, t.db, 'seeker');
    const saved = body<SavedSearch>(await save(s, welderInXiashan));
    const row = await t.db
      .selectFrom('savedSearches')
      .select('unsubscribeToken')
      .where('id', '=', saved.id)
      .executeTakeFirstOrThrow();
    const url = `/api/v1/alerts/unsubscribe?token=${row.unsubscribeToken}`;
    const res = await t.app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(200);
    expect(body<{ message: string; messageEn: string; messageZh: string }>(res)).toMatchObject({
      unsubscribed: true,
      savedSearchName: '霞山焊工',
      message: expect.stringContaining('已退订') as string,
      messageEn: expect.stringContaining('unsubscribed') as string,
    });
    // A second click says the same; an unknown token is 404.
    expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(200);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: '/api/v1/alerts/unsubscribe?token=AAAAAAAAAAAAAAAAAAAAAAAA',
        })
      ).statusCode,
    ).toBe(404);
    const p = await publish();
    await notifyNewPosting(t.db, p, t.clock.now());
    await runAlertSweep(t.db, t.clock.now());
    expect(await notificationsOf(s.user.id)).toHaveLength(0);
    const listed = body<{ items: SavedSearch[] }>(
      await t.app.inject({ method: 'GET', url: '/api/v1/me/saved-searches', headers: s.headers }),
    );
    expect(listed.items[0]?.active).toBe(false);
  });
});

describe('daily digest', () => {
  it('sends one digest per user and day, idempotently', async () => {
    const s = await signedIn(t.app, t.db, 'seeker');
    await save(s, { ...welderInXiashan, frequency: 'daily', channels: ['in_app', 'sms'] });
    await save(s, { name: '叉车', query: { q: '叉车司机' }, frequency: 'daily' });
    t.clock.advance(60_000);
    const a = await publish({ title: '电焊工' });
    const b = await publish({ title: '叉车司机', occupationCode: '6-30-05-90', skills: ['叉车证'] });
    await publish({ title: '厨师', occupationCode: '4-03-02-01', skills: [], description: '食堂' });
    // Instant alerts ignore daily searches.
    await notifyNewPosting(t.db, a, t.clock.now());
    expect(await notificationsOf(s.user.id)).toHaveLength(0);

    t.clock.advance(3 * 3600_000);
    const at = t.clock.now();
    const first = await runDailyDigest(t.db, at);
    expect(first.day).toBe(chinaDate(at));
    const notes = await notificationsOf(s.user.id);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ kind: 'job_digest', dedupeKey: `job_digest:${chinaDate(at)}` });
    const items = (notes[0]?.body as { items: { postingId: string }[]; count: number }).items;
    expect(items.map((i) => i.postingId).sort()).toEqual([a, b].sort());

    // A rerun the same day, even with a new match, sends nothing more; the next day does.
    const c = await publish({ title: '氩弧焊工' });
    t.clock.advance(10 * 60_000);
    const again = await runDailyDigest(t.db, t.clock.now());
    expect(again.skipped).toBeGreaterThanOrEqual(1);
    expect(await notificationsOf(s.user.id)).toHaveLength(1);
    const outbox = await t.db
      .selectFrom('outbox')
      .select('dedupeKey')
      .where('userId', '=', s.user.id)
      .execute();
    expect(outbox.map((o) => o.dedupeKey)).toEqual([`job_digest:${s.user.id}:${chinaDate(at)}:sms`]);

    t.clock.advance(86400_000);
    await runDailyDigest(t.db, t.clock.now());
    const next = await notificationsOf(s.user.id);
    expect(next).toHaveLength(2);
    expect((next[1]?.body as { items: { postingId: string }[] }).items.map((i) => i.postingId)).toEqual([c]);
  });
});

describe('outbox', () => {
  it('retries failed sends with backoff, then gives up; a success is marked sent', async () => {
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n))).toEqual([
      60_000, 300_000, 900_000, 3_600_000, 10_800_000,
    ]);
    expect(retryDelayMs(MAX_SEND_ATTEMPTS)).toBeNull();

    const s = await signedIn(t.app, t.db, 'seeker');
    await save(s, { ...welderInXiashan, channels: ['sms'] });
    const p = await publish();
    await notifyNewPosting(t.db, p, t.clock.now());
    const row = await t.db
      .selectFrom('outbox')
      .select('id')
      .where('userId', '=', s.user.id)
      .executeTakeFirstOrThrow();
    // No in-app channel chosen: no notification.
    expect(await notificationsOf(s.user.id)).toHaveLength(0);

    // Other modules' tests in this worker's database leave messages queued too (bus notices):
    // drain everything due, so this message is claimed whatever its place in the queue.
    const ALL_DUE = { batchSize: 100_000 };
    const sent: OutboxMessage[] = [];
    let failing = true;
    const adapter = {
      async send(m: OutboxMessage) {
        if (m.id !== row.id) return;
        if (failing) throw new Error('gateway timeout');
        sent.push(m);
      },
    };
    const state = () =>
      t.db
        .selectFrom('outbox')
        .select(['status', 'attempts', 'lastError', 'nextAttemptAt'])
        .where('id', '=', row.id)
        .executeTakeFirstOrThrow();

    await drainOutbox(t.db, adapter, t.clock.now(), ALL_DUE);
    expect(await state()).toMatchObject({ status: 'pending', attempts: 1, lastError: 'gateway timeout' });
    // Not due yet: nothing happens.
    await drainOutbox(t.db, adapter, t.clock.now(), ALL_DUE);
    expect((await state()).attempts).toBe(1);
    t.clock.advance(61_000);
    await drainOutbox(t.db, adapter, t.clock.now(), ALL_DUE);
    expect((await state()).attempts).toBe(2);
    failing = false;
    t.clock.advance(301_000);
    await drainOutbox(t.db, adapter, t.clock.now(), ALL_DUE);
    expect(await state()).toMatchObject({ status: 'sent', attempts: 3, lastError: null });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ channel: 'sms', recipient: s.user.phone, template: 'job_alert' });

    // A message that never gets through is marked failed after the last attempt.
    const p2 = await publish();
    await notifyNewPosting(t.db, p2, t.clock.now());
    const row2 = await t.db
      .selectFrom('outbox')
      .select('id')
      .where('dedupeKey', '=', `job_alert:${s.user.id}:${p2}:sms`)
      .executeTakeFirstOrThrow();
    const broken = {
      async send(m: OutboxMessage) {
        if (m.id === row2.id) throw new Error('number unreachable');
      },
    };
    for (let i = 0; i < MAX_SEND_ATTEMPTS; i++) {
      await drainOutbox(t.db, broken, t.clock.now());
      t.clock.advance(4 * 3600_000);
    }
    const end = await t.db
      .selectFrom('outbox')
      .select(['status', 'attempts'])
      .where('id', '=', row2.id)
      .executeTakeFirstOrThrow();
    expect(end).toEqual({ status: 'failed', attempts: MAX_SEND_ATTEMPTS });
  });
});
