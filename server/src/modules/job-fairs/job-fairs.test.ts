import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  FairRegistration,
  FairReport,
  FairStats,
  FairVisit,
  JobFair,
  JobFairBooth,
} from '@jiuye/shared';
import { testApp, type TestApp } from '../../../test/app.js';
import { login, signedIn } from '../../../test/factories.js';
import { createEnterprise, createPosting, type TestEnterprise } from '../../../test/channel-factories.js';
import { seekerFrom, type Session } from '../partner-regions/partner-regions.test-support.js';
import { closeEndedFairs } from './index.js';

let t: TestApp;
const enterprises: string[] = [];
beforeAll(async () => {
  // The journey moves the clock across a fair's window: sessions must outlive it.
  t = await testApp({ JIUYE_SESSION_IDLE_MINUTES: '1440', JIUYE_SESSION_ABSOLUTE_HOURS: '720' });
});
afterAll(async () => {
  // Later test files of this worker search published postings: take this file's out of the listing.
  if (enterprises.length > 0) {
    await t.db
      .updateTable('jobPostings')
      .set({ status: 'closed', closedReason: 'test' })
      .where('enterpriseId', 'in', enterprises)
      .execute();
  }
  await t.close();
});

const HOUR = 3600_000;
const DAY = 24 * HOUR;

async function staffOf(district = '440803'): Promise<Session> {
  return signedIn(t.app, t.db, 'staff', { districtCodes: [district] });
}

/** Staff sessions end after 30 idle minutes (issue 9): after the test clock jumps, an officer signs in again. */
async function signInAgain(staff: Awaited<ReturnType<typeof staffOf>>): Promise<void> {
  staff.headers.cookie = await login(t.app, staff.user.phone);
}

async function exhibitor(o: { status?: 'pending' | 'verified' } = {}): Promise<{
  employer: Session;
  enterprise: TestEnterprise;
  postingId: string;
}> {
  const employer = await signedIn(t.app, t.db, 'employer');
  const enterprise = await createEnterprise(t.db, {
    ownerUserId: employer.user.id,
    ownerPhone: employer.user.phone,
    status: o.status ?? 'verified',
  });
  enterprises.push(enterprise.id);
  const posting = await createPosting(t.db, enterprise, { headcount: 10 });
  return { employer, enterprise, postingId: posting.id };
}

async function createFair(
  staff: Session,
  o: Partial<{
    mode: 'online' | 'on_site';
    venue: string | null;
    startsInMs: number;
    lastsMs: number;
    boothCapacity: number | null;
    publish: boolean;
    districtCode: string;
    targetRegionCodes: string[];
  }> = {},
): Promise<JobFair> {
  const start = t.clock.now().getTime() + (o.startsInMs ?? HOUR);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/job-fairs',
    headers: staff.headers,
    payload: {
      theme: '春风行动',
      titleZh: '湛江—陇南劳务协作网络招聘会',
      titleEn: 'Zhanjiang–Longnan online job fair',
      description: '面向陇南籍劳动者的专场网络招聘会',
      mode: o.mode ?? 'online',
      venue: o.venue ?? null,
      districtCode: o.districtCode ?? '440803',
      startsAt: new Date(start).toISOString(),
      endsAt: new Date(start + (o.lastsMs ?? DAY)).toISOString(),
      targetGroups: ['migrant_worker'],
      targetRegionCodes: o.targetRegionCodes ?? ['621200'],
      boothCapacity: o.boothCapacity === undefined ? 10 : o.boothCapacity,
      publish: o.publish ?? true,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<JobFair>();
}

async function registerBooth(
  fairId: string,
  x: { employer: Session; enterprise: TestEnterprise; postingId: string },
) {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/job-fairs/${fairId}/booths`,
    headers: x.employer.headers,
    payload: {
      enterpriseId: x.enterprise.id,
      postingIds: [x.postingId],
      introduction: '船舶焊接，包吃住',
      contactName: '王敏',
      contactPhone: x.employer.user.phone,
    },
  });
}

async function review(
  staff: Session,
  fairId: string,
  boothId: string,
  decision: 'approve' | 'reject' = 'approve',
) {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/job-fairs/${fairId}/booths/${boothId}/review`,
    headers: staff.headers,
    payload: decision === 'approve' ? { decision } : { decision, reason: '岗位信息不完整' },
  });
}

async function stats(fairId: string): Promise<FairStats> {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/job-fairs/${fairId}/stats` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<FairStats>();
}

describe('job fair acceptance journey', () => {
  it('a Longnan fair with 10 booths: a Longnan seeker applies, counters move, booths close, the report shows it', async () => {
    const staff = await staffOf();
    const fair = await createFair(staff, { boothCapacity: 10, lastsMs: 6 * HOUR });
    expect(fair.status).toBe('published');
    expect(fair.acceptingApplications).toBe(false);

    const exhibitors = [];
    for (let i = 0; i < 10; i++) {
      const x = await exhibitor();
      const res = await registerBooth(fair.id, x);
      expect(res.statusCode, res.body).toBe(201);
      const booth = res.json<JobFairBooth>();
      expect(booth.status).toBe('pending');
      expect((await review(staff, fair.id, booth.id)).statusCode).toBe(200);
      exhibitors.push({ ...x, boothId: booth.id });
    }
    // The eleventh enterprise may register, but its approval finds the fair full.
    const late = await exhibitor();
    const lateBooth = (await registerBooth(fair.id, late)).json<JobFairBooth>();
    const full = await review(staff, fair.id, lateBooth.id);
    expect(full.statusCode).toBe(409);
    expect(full.json<{ code: string }>().code).toBe('fair_full');

    const publicBooths = await t.app.inject({
      method: 'GET',
      url: `/api/v1/job-fairs/${fair.id}/booths?pageSize=50`,
    });
    expect(publicBooths.json<{ total: number }>().total).toBe(10);

    const seeker = await seekerFrom(t.app, t.db, { household: '621202' });
    const [first] = exhibitors;
    if (!first) throw new Error('no booth');
    const open = { boothId: first.boothId, postingId: first.postingId };

    // Before the window: the fair is not live yet.
    const early = await t.app.inject({
      method: 'POST',
      url: `/api/v1/job-fairs/${fair.id}/visits`,
      headers: seeker.headers,
      payload: open,
    });
    expect(early.statusCode).toBe(409);
    expect(early.json<{ code: string }>().code).toBe('fair_not_live');

    t.clock.advance(2 * HOUR);
    await signInAgain(staff);
    const live = await t.app.inject({ method: 'GET', url: `/api/v1/job-fairs/${fair.id}` });
    expect(live.json<JobFair>().status).toBe('live');

    const entered = await t.app.inject({
      method: 'POST',
      url: `/api/v1/job-fairs/${fair.id}/visits`,
      headers: seeker.headers,
      payload: {},
    });
    expect(entered.statusCode, entered.body).toBe(200);
    expect(entered.json<FairVisit>().firstVisit).toBe(true);
    const opened = await t.app.inject({
      method: 'POST',
      url: `/api/v1/job-fairs/${fair.id}/visits`,
      headers: seeker.headers,
      payload: open,
    });
    expect(opened.statusCode, opened.body).toBe(200);
    const visit = opened.json<FairVisit>();
    expect(visit.firstVisit).toBe(false);
    expect(visit.attributedAt).not.toBeNull();
    expect(visit.applyPath).toBe(`/api/v1/job-postings/${first.postingId}/applications`);

    const applied = await t.app.inject({
      method: 'POST',
      url: `/api/v1/job-postings/${first.postingId}/applications`,
      headers: seeker.headers,
      payload: { shareResumeConsent: true, message: '我在陇南，可以马上到岗' },
    });
    expect(applied.statusCode, applied.body).toBe(201);
    const applicationId = applied.json<{ id: string }>().id;

    let s = await stats(fair.id);
    expect(s.status).toBe('live');
    expect(s.counters).toMatchObject({
      visitors: 1,
      booths: 10,
      postings: 10,
      applications: 1,
      interviews: 0,
      offers: 0,
    });

    const interview = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/applications/${applicationId}`,
      headers: first.employer.headers,
      payload: {
        status: 'interview',
        interviewAt: new Date(t.clock.now().getTime() + 4 * HOUR).toISOString(),
        interviewPlace: '视频面试',
      },
    });
    expect(interview.statusCode, interview.body).toBe(200);
    s = await stats(fair.id);
    expect(s.counters).toMatchObject({ applications: 1, interviews: 1, offers: 0 });
    const offer = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/applications/${applicationId}`,
      headers: first.employer.headers,
      payload: { status: 'offer', note: '欢迎加入' },
    });
    expect(offer.statusCode, offer.body).toBe(200);
    expect((await stats(fair.id)).counters).toMatchObject({ applications: 1, interviews: 1, offers: 1 });

    // A seeker who opened a posting during the fair but applies after it is not the fair's.
    const laggard = await seekerFrom(t.app, t.db, { household: '621221' });
    const second = exhibitors[1];
    if (!second) throw new Error('no booth');
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/job-fairs/${fair.id}/visits`,
          headers: laggard.headers,
          payload: { boothId: second.boothId, postingId: second.postingId },
        })
      ).statusCode,
    ).toBe(200);

    // After the window: the booths are closed, no more fair applications.
    t.clock.advance(6 * HOUR);
    await signInAgain(staff);
    const closedVisit = await t.app.inject({
      method: 'POST',
      url: `/api/v1/job-fairs/${fair.id}/visits`,
      headers: seeker.headers,
      payload: open,
    });
    expect(closedVisit.statusCode).toBe(409);
    expect(closedVisit.json<{ code: string }>().code).toBe('fair_closed');
    const lateRegistration = await registerBooth(fair.id, await exhibitor());
    expect(lateRegistration.json<{ code: string }>().code).toBe('fair_closed');
    const lateApply = await t.app.inject({
      method: 'POST',
      url: `/api/v1/job-postings/${second.postingId}/applications`,
      headers: laggard.headers,
      payload: { shareResumeConsent: true },
    });
    expect(lateApply.statusCode).toBe(201);

    const boothsAfter = await t.app.inject({
      method: 'GET',
      url: `/api/v1/job-fairs/${fair.id}/booths?pageSize=50`,
    });
    expect(new Set(boothsAfter.json<{ items: JobFairBooth[] }>().items.map((b) => b.status))).toEqual(
      new Set(['closed']),
    );

    const report = await t.app.inject({
      method: 'GET',
      url: `/api/v1/job-fairs/${fair.id}/report`,
      headers: staff.headers,
    });
    expect(report.statusCode, report.body).toBe(200);
    const r = report.json<FairReport>();
    expect(r.final).toBe(true);
    expect(r.fair.status).toBe('closed');
    expect(r.counters).toMatchObject({
      visitors: 2,
      booths: 10,
      applications: 1,
      interviews: 1,
      offers: 1,
      hires: 0,
    });
    expect(r.booths).toHaveLength(11);
    expect(r.booths.find((b) => b.boothId === first.boothId)?.figures).toEqual({
      visits: 1,
      applications: 1,
      interviews: 1,
      offers: 1,
      hires: 0,
    });
    expect(r.booths.find((b) => b.boothId === second.boothId)?.figures).toMatchObject({
      visits: 1,
      applications: 0,
    });
    expect(r.applicantsByOrigin).toEqual([
      { regionCode: '621200', regionName: '陇南市', applications: 1, hires: 0 },
    ]);
    expect(r.fromTargetRegions).toEqual({ applications: 1, hires: 0 });

    // The sweep marks the fair closed in the database too; nothing it shows changes.
    expect(await closeEndedFairs(t.db, t.clock.now())).toBeGreaterThanOrEqual(1);
    const stored = await t.db
      .selectFrom('jobFairs')
      .select('status')
      .where('id', '=', fair.id)
      .executeTakeFirstOrThrow();
    expect(stored.status).toBe('closed');
    expect((await stats(fair.id)).counters).toMatchObject({ applications: 1, interviews: 1, offers: 1 });
    const audit = await t.db
      .selectFrom('auditLog')
      .select('action')
      .where('entityId', '=', fair.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['job_fair.publish', 'job_fair.close']),
    );
  });
});

describe('job fair counters under concurrency', () => {
  it('counts each seeker once however many requests race', async () => {
    const staff = await staffOf();
    const fair = await createFair(staff, { startsInMs: -HOUR, lastsMs: 2 * DAY, publish: true });
    const seekers = await Promise.all(Array.from({ length: 12 }, () => seekerFrom(t.app, t.db)));
    const calls = seekers.flatMap((s) =>
      [0, 1, 2].map(() =>
        t.app.inject({
          method: 'POST',
          url: `/api/v1/job-fairs/${fair.id}/visits`,
          headers: s.headers,
          payload: {},
        }),
      ),
    );
    const results = await Promise.all(calls);
    expect(results.every((r) => r.statusCode === 200)).toBe(true);
    expect(results.filter((r) => r.json<FairVisit>().firstVisit)).toHaveLength(12);
    expect((await stats(fair.id)).counters.visitors).toBe(12);
  });

  it('never approves more booths than the capacity when approvals race', async () => {
    const staff = await staffOf();
    const fair = await createFair(staff, { boothCapacity: 3 });
    const booths: string[] = [];
    for (let i = 0; i < 7; i++)
      booths.push((await registerBooth(fair.id, await exhibitor())).json<JobFairBooth>().id);
    const results = await Promise.all(booths.map((b) => review(staff, fair.id, b)));
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(3);
    expect(results.filter((r) => r.statusCode === 409).map((r) => r.json<{ code: string }>().code)).toEqual(
      Array(4).fill('fair_full'),
    );
    const row = await t.db
      .selectFrom('jobFairs')
      .select('approvedBooths')
      .where('id', '=', fair.id)
      .executeTakeFirstOrThrow();
    expect(row.approvedBooths).toBe(3);
  });
});

describe('on-site check-in', () => {
  it('issues a signed code per registration and records one check-in', async () => {
    const staff = await staffOf();
    const fair = await createFair(staff, {
      mode: 'on_site',
      venue: '湛江市人力资源市场一楼',
      startsInMs: HOUR,
    });
    const seeker = await seekerFrom(t.app, t.db);
    const reg = await t.app.inject({
      method: 'POST',
      url: `/api/v1/job-fairs/${fair.id}/registrations`,
      headers: seeker.headers,
    });
    expect(reg.statusCode, reg.body).toBe(201);
    const registration = reg.json<FairRegistration>();
    expect(registration.checkInCode).toMatch(/^JYF1\./);
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/job-fairs/${fair.id}/registrations`,
      headers: seeker.headers,
    });
    expect(again.statusCode).toBe(200);
    expect(again.json<FairRegistration>().checkInCode).toBe(registration.checkInCode);

    const scan = (code: string, who = staff) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/job-fairs/${fair.id}/check-ins`,
        headers: who.headers,
        payload: { code },
      });
    expect((await scan(registration.checkInCode)).json<{ code: string }>().code).toBe('fair_not_live');
    t.clock.advance(2 * HOUR);
    await signInAgain(staff);
    const forged =
      registration.checkInCode.slice(0, -2) + (registration.checkInCode.endsWith('AA') ? 'BB' : 'AA');
    const bad = await scan(forged);
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ errors: { path: string; code: string }[] }>().errors[0]).toMatchObject({
      path: 'code',
      code: 'check_in_code_invalid',
    });
    const otherDistrict = await scan(registration.checkInCode, await staffOf('440802'));
    expect(otherDistrict.statusCode).toBe(403);
    const ok = await scan(registration.checkInCode);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json<{ alreadyCheckedIn: boolean }>().alreadyCheckedIn).toBe(false);
    const twice = await scan(registration.checkInCode);
    expect(twice.json<{ alreadyCheckedIn: boolean }>().alreadyCheckedIn).toBe(true);
    const rows = await t.db.selectFrom('jobFairCheckIns').selectAll().where('fairId', '=', fair.id).execute();
    expect(rows).toHaveLength(1);
    expect((await stats(fair.id)).counters).toMatchObject({ registrations: 1, checkIns: 1, visitors: 1 });

    const mine = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me/fair-registrations',
      headers: seeker.headers,
    });
    expect(mine.json<{ items: FairRegistration[] }>().items[0]?.checkedInAt).not.toBeNull();
  });

  it('an online fair has no registration', async () => {
    const fair = await createFair(await staffOf());
    const seeker = await seekerFrom(t.app, t.db);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/job-fairs/${fair.id}/registrations`,
      headers: seeker.headers,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json<{ errors: { code: string }[] }>().errors[0]?.code).toBe('not_on_site');
  });
});

describe('job fair rules', () => {
  it('names the field of bad input', async () => {
    const staff = await staffOf();
    const noVenue = await t.app.inject({
      method: 'POST',
      url: '/api/v1/job-fairs',
      headers: staff.headers,
      payload: {
        theme: '春风行动',
        titleZh: '现场招聘会',
        titleEn: 'On-site fair',
        mode: 'on_site',
        districtCode: '440803',
        startsAt: '2026-12-01T09:00:00+08:00',
        endsAt: '2026-11-30T17:00:00+08:00',
      },
    });
    expect(noVenue.statusCode).toBe(400);
    const paths = noVenue.json<{ errors: { path: string; code: string }[] }>().errors;
    expect(paths).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'endsAt', code: 'ends_before_start' }),
        expect.objectContaining({ path: 'venue', code: 'venue_required' }),
      ]),
    );
    const outside = await t.app.inject({
      method: 'POST',
      url: '/api/v1/job-fairs',
      headers: staff.headers,
      payload: {
        theme: '春风行动',
        titleZh: '网络招聘会',
        titleEn: 'Online fair',
        mode: 'online',
        districtCode: '440802',
        startsAt: '2026-12-01T09:00:00+08:00',
        endsAt: '2026-12-01T17:00:00+08:00',
      },
    });
    expect(outside.json<{ errors: { path: string; code: string }[] }>().errors[0]).toMatchObject({
      path: 'districtCode',
      code: 'outside_district',
    });
  });

  it('keeps drafts to their staff and booths to verified enterprises of the clerk', async () => {
    const staff = await staffOf();
    const draft = await createFair(staff, { publish: false });
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/job-fairs/${draft.id}` })).statusCode).toBe(
      404,
    );
    const own = await t.app.inject({
      method: 'GET',
      url: `/api/v1/job-fairs/${draft.id}`,
      headers: staff.headers,
    });
    expect(own.statusCode).toBe(200);
    const publish = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/job-fairs/${draft.id}`,
      headers: staff.headers,
      payload: { status: 'published' },
    });
    expect(publish.json<JobFair>().status).toBe('published');

    const unverified = await exhibitor({ status: 'pending' });
    expect((await registerBooth(draft.id, unverified)).json<{ code: string }>().code).toBe(
      'enterprise_not_verified',
    );
    const a = await exhibitor();
    const b = await exhibitor();
    const foreign = await registerBooth(draft.id, { ...a, employer: b.employer });
    expect(foreign.statusCode).toBe(404);
    const wrongPosting = await registerBooth(draft.id, { ...a, postingId: b.postingId });
    expect(wrongPosting.json<{ errors: { path: string; code: string }[] }>().errors[0]).toMatchObject({
      path: 'postingIds.0',
      code: 'posting_not_of_enterprise',
    });
    const booth = (await registerBooth(draft.id, a)).json<JobFairBooth>();
    const dup = await registerBooth(draft.id, a);
    expect(dup.statusCode).toBe(409);
    // Another district's staff cannot review; the public does not see a pending booth.
    expect((await review(await staffOf('440802'), draft.id, booth.id)).statusCode).toBe(403);
    const pub = await t.app.inject({ method: 'GET', url: `/api/v1/job-fairs/${draft.id}/booths` });
    expect(pub.json<{ total: number }>().total).toBe(0);
    const mineList = await t.app.inject({
      method: 'GET',
      url: `/api/v1/job-fairs/${draft.id}/booths`,
      headers: a.employer.headers,
    });
    expect(mineList.json<{ items: JobFairBooth[] }>().items.map((x) => x.id)).toEqual([booth.id]);
    const rejected = await review(staff, draft.id, booth.id, 'reject');
    expect(rejected.json<JobFairBooth>().status).toBe('rejected');
    // A rejected enterprise may register again.
    expect((await registerBooth(draft.id, a)).statusCode).toBe(201);
    const myBooths = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me/fair-booths',
      headers: a.employer.headers,
    });
    expect(myBooths.json<{ total: number }>().total).toBe(2);
  });

  it('frees a withdrawn booth’s place and freezes a fair once it is live', async () => {
    const staff = await staffOf();
    const fair = await createFair(staff, { boothCapacity: 1, startsInMs: -HOUR });
    const x = await exhibitor();
    const booth = (await registerBooth(fair.id, x)).json<JobFairBooth>();
    expect((await review(staff, fair.id, booth.id)).statusCode).toBe(200);
    const y = await exhibitor();
    const second = (await registerBooth(fair.id, y)).json<JobFairBooth>();
    expect((await review(staff, fair.id, second.id)).json<{ code: string }>().code).toBe('fair_full');
    const withdrawn = await t.app.inject({
      method: 'POST',
      url: `/api/v1/job-fairs/${fair.id}/booths/${booth.id}/withdraw`,
      headers: x.employer.headers,
    });
    expect(withdrawn.json<JobFairBooth>().status).toBe('withdrawn');
    expect((await review(staff, fair.id, second.id)).statusCode).toBe(200);

    const edit = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/job-fairs/${fair.id}`,
      headers: staff.headers,
      payload: { titleZh: '改名' },
    });
    expect(edit.statusCode).toBe(409);
    expect(edit.json<{ errors: { path: string; code: string }[] }>().errors[0]).toMatchObject({
      path: 'titleZh',
      code: 'fair_started',
    });
    const cancelled = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/job-fairs/${fair.id}`,
      headers: staff.headers,
      payload: { status: 'cancelled' },
    });
    expect(cancelled.json<JobFair>()).toMatchObject({ status: 'cancelled', acceptingApplications: false });
  });

  it('lists fairs for a seeker’s home region', async () => {
    const staff = await staffOf();
    const liuzhou = await createFair(staff, { targetRegionCodes: ['450200'] });
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/job-fairs?targetRegionCode=450222&pageSize=100',
    });
    const ids = list.json<{ items: JobFair[] }>().items.map((f) => f.id);
    expect(ids).toContain(liuzhou.id);
    const other = await t.app.inject({
      method: 'GET',
      url: '/api/v1/job-fairs?targetRegionCode=621202&pageSize=100',
    });
    expect(other.json<{ items: JobFair[] }>().items.map((f) => f.id)).not.toContain(liuzhou.id);
    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/job-fairs?targetRegionCode=999999' });
    expect(bad.statusCode).toBe(400);
  });
});
