import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../test/app.js';
import { createEnterprise, createPosting, type TestEnterprise } from '../../../test/channel-factories.js';
import { createUser, signedIn } from '../../../test/factories.js';
import { CITY_DISTRICT_CODES } from '../enterprises/index.js';
import { runWarningSweep, seedWarningRules } from '../warnings/index.js';

/**
 * A small fixture in 徐闻县 (440825) in March 2019, far from other tests' data, with every expected
 * figure computed by hand below.
 */
const D = '440825';
let t: TestApp;
let ent: TestEnterprise;
let staffHeaders: Record<string, string>;

async function resume(createdAt: string, region: string, occupations: string[] = []) {
  const u = await createUser(t.db, { role: 'seeker' });
  await t.db
    .insertInto('resumes')
    .values({
      userId: u.id,
      fullName: '李四',
      currentRegionCode: region,
      desiredOccupationCodes: occupations,
      createdAt: new Date(createdAt),
    })
    .execute();
}

async function employmentRegistration(on: string, source: 'employer' | 'platform_hire') {
  const p = await t.db
    .insertInto('persons')
    .values({ fullName: '王五', phone: '13900000000' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.db
    .insertInto('registrations')
    .values({
      personId: p.id,
      kind: 'employment',
      districtCode: D,
      source,
      registeredOn: on,
      enterpriseId: ent.id,
      hiredOn: on,
      jobTitle: '电焊工',
    })
    .execute();
}

beforeAll(async () => {
  t = await testApp();
  await seedWarningRules(t.db);
  const employer = await createUser(t.db, { role: 'employer' });
  ent = await createEnterprise(t.db, {
    ownerUserId: employer.id,
    ownerPhone: employer.phone,
    districtCode: D,
  });
  staffHeaders = (await signedIn(t.app, t.db, 'staff', { districtCodes: [D] })).headers;
  // March 2019 (China time): P1 5 places, P2 3 places.
  await createPosting(t.db, ent, { headcount: 5, publishedAt: new Date('2019-03-05T09:00:00+08:00') });
  await createPosting(t.db, ent, { headcount: 3, publishedAt: new Date('2019-03-20T09:00:00+08:00') });
  // 1 April 00:30 China time is still 31 March in UTC: it belongs to April.
  await createPosting(t.db, ent, { headcount: 10, publishedAt: new Date('2019-04-01T00:30:00+08:00') });
  // 28 February 23:30 China time: February. P3 published in February, closed in March.
  await createPosting(t.db, ent, { headcount: 2, publishedAt: new Date('2019-02-28T23:30:00+08:00') });
  const p3 = await createPosting(t.db, ent, {
    headcount: 4,
    publishedAt: new Date('2019-02-10T09:00:00+08:00'),
    status: 'closed',
  });
  await t.db
    .updateTable('jobPostings')
    .set({
      updatedAt: new Date('2019-03-15T09:00:00+08:00'),
      publishedAt: new Date('2019-02-10T09:00:00+08:00'),
    })
    .where('id', '=', p3.id)
    .execute();
  // Seekers: two résumés in March in the district, one in another district, one in February.
  await resume('2019-03-02T10:00:00+08:00', D, ['6-18-02-04']);
  await resume('2019-03-25T10:00:00+08:00', D);
  await resume('2019-03-25T10:00:00+08:00', '440802');
  await resume('2019-02-25T10:00:00+08:00', D);
  // Employment registrations: one by the employer (a new job), one from a platform hire (not counted twice).
  await employmentRegistration('2019-03-10', 'employer');
  await employmentRegistration('2019-03-11', 'platform_hire');
});
afterAll(async () => {
  await t.close();
});

// ——— May 2019 in 徐闻县: job fairs, the funnel, registrations (hand-computed below) ———

const at = (iso: string) => new Date(iso);

async function fair(o: {
  district?: string;
  status: string;
  mode?: 'online' | 'on_site';
  startsAt: string;
  endsAt: string;
}): Promise<string> {
  const mode = o.mode ?? 'on_site';
  const r = await sql<{ id: string }>`
    INSERT INTO job_fairs (theme, title_zh, title_en, mode, venue, district_code, starts_at, ends_at, status)
    VALUES ('春风行动', '春风行动招聘会', 'Spring fair', ${mode}, ${mode === 'on_site' ? '徐闻县人才市场' : null},
      ${o.district ?? D}, ${at(o.startsAt)}, ${at(o.endsAt)}, ${o.status})
    RETURNING id
  `.execute(t.db);
  return (r.rows[0] as { id: string }).id;
}

async function booth(fairId: string, status: string, reviewed: boolean): Promise<string> {
  const owner = await createUser(t.db, { role: 'employer' });
  const e = await createEnterprise(t.db, { ownerUserId: owner.id, ownerPhone: owner.phone, districtCode: D });
  const r = await sql<{ id: string }>`
    INSERT INTO job_fair_booths (fair_id, enterprise_id, booth_name, contact_name, contact_phone, status, reviewed_at)
    VALUES (${fairId}, ${e.id}, '展位', '张三', '13800000000', ${status}, ${reviewed ? new Date('2019-05-01T00:00:00Z') : null})
    RETURNING id
  `.execute(t.db);
  return (r.rows[0] as { id: string }).id;
}

async function seeker(): Promise<string> {
  return (await createUser(t.db, { role: 'seeker' })).id;
}

/** An application with its status events (each `[to, at]`) and a hire when it ends hired. */
async function application(
  postingId: string,
  seekerId: string,
  createdAt: string,
  path: [string, string][] = [],
): Promise<void> {
  const c = await sql<{ id: string }>`
    INSERT INTO consents (user_id, kind, notice_version) VALUES (${seekerId}, 'application', 'v1') RETURNING id
  `.execute(t.db);
  const last = path[path.length - 1]?.[0] ?? 'submitted';
  const a = await sql<{ id: string }>`
    INSERT INTO applications (posting_id, seeker_user_id, enterprise_id, status, resume_snapshot, consent_id,
      created_at, updated_at)
    VALUES (${postingId}, ${seekerId}, ${ent.id}, ${last}, '{}', ${(c.rows[0] as { id: string }).id},
      ${at(createdAt)}, ${at(createdAt)})
    RETURNING id
  `.execute(t.db);
  const id = (a.rows[0] as { id: string }).id;
  let from = 'submitted';
  await sql`INSERT INTO application_events (application_id, from_status, to_status, at)
    VALUES (${id}, NULL, 'submitted', ${at(createdAt)})`.execute(t.db);
  for (const [to, when] of path) {
    await sql`INSERT INTO application_events (application_id, from_status, to_status, at)
      VALUES (${id}, ${from}, ${to}, ${at(when)})`.execute(t.db);
    if (to === 'hired')
      await sql`INSERT INTO hires (application_id, posting_id, enterprise_id, seeker_user_id, hired_at)
        VALUES (${id}, ${postingId}, ${ent.id}, ${seekerId}, ${at(when)})`.execute(t.db);
    from = to;
  }
}

async function unemployment(registeredOn: string, endedOn: string | null): Promise<void> {
  const p = await t.db
    .insertInto('persons')
    .values({ fullName: '赵六', phone: '13700000000' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const certificateNo = `${D}2019${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
  await sql`INSERT INTO employment_certificates (person_id, certificate_no, district_code, issued_on)
    VALUES (${p.id}, ${certificateNo}, ${D}, ${registeredOn})`.execute(t.db);
  await sql`
    INSERT INTO registrations (person_id, kind, status, district_code, source, registered_on, certificate_no,
      unemployed_since, ended_on, end_reason)
    VALUES (${p.id}, 'unemployment', ${endedOn ? 'deregistered' : 'active'}, ${D}, 'staff', ${registeredOn},
      ${certificateNo}, ${registeredOn}, ${endedOn}, ${endedOn ? 'found_work' : null})
  `.execute(t.db);
}

let mayFixture: Promise<void> | null = null;
/**
 * 徐闻县, May 2019 (China time):
 *  - fairs: F1 on site 10 May 09:00–17:00 (published), F2 online 20–25 May (closed), F3 cancelled,
 *    F5 draft (neither counts), F4 published in 赤坎区 (the city's only);
 *  - booths: F1 two approved + one pending, F2 one closed + one rejected, F3 one approved → 3;
 *  - visits: F1 1, F2 4 → 5; F1 registrations 3, check-ins 2;
 *  - postings PA (2 places, 1 May) and PB (1 place, 2 May) in 徐闻县;
 *  - applications to PA: s1 opened it at F1 10:00, applied 11:00, interview → attributed;
 *    s2 opened 10:30, applied 12:00, interview, offer, hired → attributed; s3 opened 11:00, applied
 *    18:00 after the fair → not; s4 applied 09:30, before opening it at 10:00 → not;
 *    s1 opened PB at F2 on 21 May, applied 22 May, hired straight away → attributed;
 *    so fair applications 3, interviews 2 (s1, s2), offers 2 (s2, and s1's direct hire), hires 2;
 *  - registrations: u1 10 Apr → 20 May, u2 3 May (active), u3 2 Apr → 28 Apr.
 */
function mayInXuwen(): Promise<void> {
  mayFixture ??= (async () => {
    const f1 = await fair({
      status: 'published',
      startsAt: '2019-05-10T09:00:00+08:00',
      endsAt: '2019-05-10T17:00:00+08:00',
    });
    const f2 = await fair({
      status: 'closed',
      mode: 'online',
      startsAt: '2019-05-20T09:00:00+08:00',
      endsAt: '2019-05-25T17:00:00+08:00',
    });
    const f3 = await fair({
      status: 'cancelled',
      startsAt: '2019-05-15T09:00:00+08:00',
      endsAt: '2019-05-15T17:00:00+08:00',
    });
    await fair({
      status: 'draft',
      startsAt: '2019-05-16T09:00:00+08:00',
      endsAt: '2019-05-16T17:00:00+08:00',
    });
    await fair({
      status: 'published',
      district: '440802',
      startsAt: '2019-05-18T09:00:00+08:00',
      endsAt: '2019-05-18T17:00:00+08:00',
    });
    const b1 = await booth(f1, 'approved', true);
    await booth(f1, 'approved', true);
    await booth(f1, 'pending', false);
    const b2 = await booth(f2, 'closed', true);
    await booth(f2, 'rejected', true);
    await booth(f3, 'approved', true);
    const [s1, s2, s3, s4] = [await seeker(), await seeker(), await seeker(), await seeker()];
    const visitors = [s1, s2, s3, s4];
    await sql`INSERT INTO job_fair_visits (fair_id, seeker_user_id, first_at)
      VALUES (${f1}, ${s1}, ${at('2019-05-10T09:30:00+08:00')})`.execute(t.db);
    for (const s of visitors)
      await sql`INSERT INTO job_fair_visits (fair_id, seeker_user_id, first_at)
        VALUES (${f2}, ${s}, ${at('2019-05-21T09:30:00+08:00')})`.execute(t.db);
    const checker = await createUser(t.db, { role: 'staff', districtCodes: [D] });
    for (const [i, s] of [s1, s2, s3].entries()) {
      const r = await sql<{
        id: string;
      }>`INSERT INTO job_fair_registrations (fair_id, seeker_user_id, code_salt)
        VALUES (${f1}, ${s}, ${Buffer.from([0])}) RETURNING id`.execute(t.db);
      if (i < 2)
        await sql`INSERT INTO job_fair_check_ins (registration_id, fair_id, checked_in_by, checked_in_at)
          VALUES (${(r.rows[0] as { id: string }).id}, ${f1}, ${checker.id}, ${at('2019-05-10T09:10:00+08:00')})`.execute(
          t.db,
        );
    }
    const pa = await createPosting(t.db, ent, { headcount: 2, publishedAt: at('2019-05-01T09:00:00+08:00') });
    const pb = await createPosting(t.db, ent, { headcount: 1, publishedAt: at('2019-05-02T09:00:00+08:00') });
    const open = (fairId: string, boothId: string, postingId: string, s: string, when: string) =>
      sql`INSERT INTO job_fair_attributions (fair_id, booth_id, posting_id, seeker_user_id, opened_at)
        VALUES (${fairId}, ${boothId}, ${postingId}, ${s}, ${at(when)})`.execute(t.db);
    await open(f1, b1, pa.id, s1, '2019-05-10T10:00:00+08:00');
    await open(f1, b1, pa.id, s2, '2019-05-10T10:30:00+08:00');
    await open(f1, b1, pa.id, s3, '2019-05-10T11:00:00+08:00');
    await open(f1, b1, pa.id, s4, '2019-05-10T10:00:00+08:00');
    await open(f2, b2, pb.id, s1, '2019-05-21T10:00:00+08:00');
    await application(pa.id, s1, '2019-05-10T11:00:00+08:00', [
      ['viewed', '2019-05-11T09:00:00+08:00'],
      ['interview', '2019-05-12T09:00:00+08:00'],
    ]);
    await application(pa.id, s2, '2019-05-10T12:00:00+08:00', [
      ['interview', '2019-05-12T10:00:00+08:00'],
      ['interview', '2019-05-13T10:00:00+08:00'],
      ['offer', '2019-05-14T10:00:00+08:00'],
      ['hired', '2019-05-15T10:00:00+08:00'],
    ]);
    await application(pa.id, s3, '2019-05-10T18:00:00+08:00');
    await application(pa.id, s4, '2019-05-10T09:30:00+08:00');
    await application(pb.id, s1, '2019-05-22T10:00:00+08:00', [['hired', '2019-05-23T10:00:00+08:00']]);
    await unemployment('2019-04-10', '2019-05-20');
    await unemployment('2019-05-03', null);
    await unemployment('2019-04-02', '2019-04-28');
  })();
  return mayFixture;
}

describe('job-fair outcomes in the indicators', () => {
  it('counts the fairs held in the month and what they led to', async () => {
    await mayInXuwen();
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/stats/indicators?period=2019-05&area=${D}`,
      headers: staffHeaders,
    });
    expect(res.statusCode, res.body).toBe(200);
    const i = res.json<{ indicators: Record<string, number | null> }>().indicators;
    expect(i).toMatchObject({
      jobFairsHeld: 2,
      jobFairBooths: 3,
      jobFairVisitors: 5,
      jobFairCheckIns: 2,
      jobFairApplications: 3,
      jobFairInterviews: 2,
      jobFairOffers: 2,
      jobFairHires: 2,
      // Platform hires (s2, s1) and the registrations: u2 new in May, u1 ended in May.
      hires: 2,
      newUnemploymentRegistrations: 1,
      seekersOut: 1,
      // At the end of May only u2 is registered; at the end of April u1 (u3 ended on 28 April).
      registeredUnemployed: 1,
    });
    const april = await t.app.inject({
      method: 'GET',
      url: `/api/v1/stats/indicators?period=2019-04&area=${D}`,
      headers: staffHeaders,
    });
    expect(april.json<{ indicators: Record<string, number> }>().indicators).toMatchObject({
      registeredUnemployed: 1,
      newUnemploymentRegistrations: 2,
      seekersOut: 1,
    });
  });
});

describe('dashboards', () => {
  it('gives a district’s staff their district: headline, drill-down, alerts', async () => {
    await mayInXuwen();
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/stats/dashboard?month=2019-05',
      headers: staffHeaders,
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{
      area: string;
      previousMonth: string;
      headline: { key: string; value: number | null; previous: number | null; change: number | null }[];
      districts: { code: string; vacancies: number; hires: number; registeredUnemployed: number }[];
      alerts: { open: number; bySeverity: Record<string, number> };
    }>();
    expect(body.area).toBe(D);
    expect(body.previousMonth).toBe('2019-04');
    // Vacancies: PA 2 + PB 1 = 3 in May; 10 in April (published 1 April 00:30 China time).
    expect(body.headline.find((h) => h.key === 'vacancies')).toEqual({
      key: 'vacancies',
      value: 3,
      previous: 10,
      change: -0.7,
    });
    expect(body.headline.find((h) => h.key === 'jobFairHires')?.value).toBe(2);
    expect(body.districts).toEqual([
      expect.objectContaining({ code: D, vacancies: 3, hires: 2, registeredUnemployed: 1 }),
    ]);
    expect(Object.keys(body.alerts.bySeverity).sort()).toEqual(['critical', 'high', 'low', 'medium']);
    // Another district, or the city, is outside this staff member's districts.
    for (const area of ['440800', '440802']) {
      const bad = await t.app.inject({
        method: 'GET',
        url: `/api/v1/stats/dashboard?month=2019-05&area=${area}`,
        headers: staffHeaders,
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json<{ errors: { path: string; code: string }[] }>().errors[0]).toMatchObject({
        path: 'area',
        code: 'outside_district',
      });
    }
  });

  it('gives city-wide staff the city with its nine districts', async () => {
    await mayInXuwen();
    const city = await signedIn(t.app, t.db, 'staff', { districtCodes: [...CITY_DISTRICT_CODES] });
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/stats/dashboard?month=2019-05',
      headers: city.headers,
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{
      area: string;
      indicators: Record<string, number>;
      districts: { code: string; vacancies: number }[];
    }>();
    expect(body.area).toBe('440800');
    expect(body.districts.map((d) => d.code)).toEqual([...CITY_DISTRICT_CODES]);
    expect(body.districts.find((d) => d.code === D)?.vacancies).toBe(3);
    // F4 in 赤坎区 counts for the city (if no other test held a fair in May 2019).
    expect(body.indicators.jobFairsHeld).toBe(3);
    const bad = await t.app.inject({
      method: 'GET',
      url: '/api/v1/stats/dashboard?month=2019-5',
      headers: city.headers,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe('month');
  });

  it('answers monthly trends and refuses bad ranges and indicators', async () => {
    await mayInXuwen();
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/stats/trends?from=2019-02&to=2019-05&area=${D}&indicators=vacancies,jobFairsHeld,supplyDemandRatio`,
      headers: staffHeaders,
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{ months: string[]; series: { key: string; values: (number | null)[] }[] }>();
    expect(body.months).toEqual(['2019-02', '2019-03', '2019-04', '2019-05']);
    expect(body.series).toEqual([
      // February 4 + 2, March 5 + 3, April 10, May 2 + 1.
      { key: 'vacancies', values: [6, 8, 10, 3] },
      { key: 'jobFairsHeld', values: [0, 0, 0, 2] },
      // February 6 / 1 résumé; March 8 / 2; April 10 / 2 registrations; May 3 / 1 registration.
      { key: 'supplyDemandRatio', values: [6, 4, 5, 3] },
    ]);
    const cases: [string, string][] = [
      [`from=2019-05&to=2019-02&area=${D}`, 'to'],
      [`from=2016-01&to=2019-01&area=${D}`, 'to'],
      [`from=2019-01&to=2019-02&area=${D}&indicators=vacancies,bogus`, 'indicators'],
      [`from=2019-01&to=2019-13&area=${D}`, 'to'],
    ];
    for (const [query, path] of cases) {
      const bad = await t.app.inject({
        method: 'GET',
        url: `/api/v1/stats/trends?${query}`,
        headers: staffHeaders,
      });
      expect(bad.statusCode, query).toBe(400);
      expect(bad.json<{ errors: { path: string }[] }>().errors[0]?.path.split('.')[0], query).toBe(path);
    }
    // 36 months is the most.
    const longest = await t.app.inject({
      method: 'GET',
      url: `/api/v1/stats/trends?from=2016-02&to=2019-01&area=${D}`,
      headers: staffHeaders,
    });
    expect(longest.statusCode, longest.body).toBe(200);
    expect(longest.json<{ months: string[] }>().months).toHaveLength(36);
  });

  it('answers odd queries with 200 or a 400 naming the field, never a 500', async () => {
    const cases: [string, number, string?][] = [
      [`/api/v1/stats/trends?from=2019-01&to=2019-02&area=${D}&indicators=`, 200],
      [`/api/v1/stats/trends?from=2019-01&to=2019-02&area=${D}&indicators=,,`, 400, 'indicators'],
      [`/api/v1/stats/trends?to=2019-02&area=${D}`, 400, 'from'],
      [`/api/v1/stats/trends?from=2019-01&to=2019-02&area=abc`, 400, 'area'],
      ['/api/v1/stats/funnel?month=2019-05&area=450200', 400, 'area'],
      ['/api/v1/stats/funnel', 400, 'month'],
      ['/api/v1/stats/dashboard?month=2019-05&area=', 400, 'area'],
    ];
    for (const [url, status, path] of cases) {
      const res = await t.app.inject({ method: 'GET', url, headers: staffHeaders });
      expect(res.statusCode, `${url} ${res.body}`).toBe(status);
      if (path)
        expect(res.json<{ errors: { path: string }[] }>().errors[0]?.path.split('.')[0], url).toBe(path);
    }
  });

  it('answers the funnel from postings to hires', async () => {
    await mayInXuwen();
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/stats/funnel?month=2019-05&area=${D}`,
      headers: staffHeaders,
    });
    expect(res.statusCode, res.body).toBe(200);
    // PA and PB; five applications; interviews s1 and s2 (s2's second is a reschedule);
    // offers s2 and s1's direct hire on PB; hires s2 and s1.
    expect(res.json<{ stages: unknown[] }>().stages).toEqual([
      { stage: 'postings', count: 2, conversion: null },
      { stage: 'applications', count: 5, conversion: 2.5 },
      { stage: 'interviews', count: 2, conversion: 0.4 },
      { stage: 'offers', count: 2, conversion: 1 },
      { stage: 'hires', count: 2, conversion: 1 },
    ]);
  });
});

describe('indicators', () => {
  it('computes the fixture month by hand', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/stats/indicators?period=2019-03&area=${D}`,
      headers: staffHeaders,
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{
      indicators: Record<string, number | null>;
      previous: Record<string, number | null>;
      change: Record<string, number | null>;
    }>();
    // vacancies = P1 5 + P2 3 = 8 (the April and February postings are out of the month).
    expect(body.indicators.vacancies).toBe(8);
    expect(body.indicators.postingsIn).toBe(2);
    // postings out: P3 closed on 15 March.
    expect(body.indicators.postingsOut).toBe(1);
    // seekers = 0 unemployment registrations + 2 résumés in 440825 in March.
    expect(body.indicators.seekers).toBe(2);
    // 求人倍率 = 8 / 2 = 4.
    expect(body.indicators.supplyDemandRatio).toBe(4);
    // new jobs = 0 platform hires + 1 employment registration (the platform-hire one is not counted).
    expect(body.indicators.newJobs).toBe(1);
    // February: vacancies = P3 4 + 2 = 6; seekers = 1 résumé; change = (8 − 6) / 6 = 0.3333.
    expect(body.previous.vacancies).toBe(6);
    expect(body.previous.seekers).toBe(1);
    expect(body.change.vacancies).toBe(0.3333);
    // The city includes the résumé in 440802: seekers = 3 (if no other test wrote March 2019).
    const city = await t.app.inject({
      method: 'GET',
      url: `/api/v1/stats/indicators?period=2019-03`,
      headers: staffHeaders,
    });
    expect(city.json<{ indicators: { seekers: number } }>().indicators.seekers).toBe(3);
  });

  it('answers the supply-demand ratio by occupation and refuses an area outside the city', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/stats/supply-demand?period=2019-03&area=${D}&by=occupation`,
      headers: staffHeaders,
    });
    expect(res.statusCode, res.body).toBe(200);
    // 6-18-02-04: 8 places / 1 résumé desiring it = 8.
    expect(res.json<{ rows: unknown[] }>().rows).toContainEqual({
      code: '6-18-02-04',
      vacancies: 8,
      seekers: 1,
      ratio: 8,
    });
    const bad = await t.app.inject({
      method: 'GET',
      url: `/api/v1/stats/indicators?period=2019-03&area=450200`,
      headers: staffHeaders,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ errors: { path: string; code: string }[] }>().errors[0]).toMatchObject({
      path: 'area',
      code: 'area_outside_city',
    });
    const badPeriod = await t.app.inject({
      method: 'GET',
      url: `/api/v1/stats/indicators?period=2019-13`,
      headers: staffHeaders,
    });
    expect(badPeriod.statusCode).toBe(400);
    expect(badPeriod.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe('period');
  });
});

describe('open data', () => {
  it('suppresses cells counting fewer than 5 people', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/open-data/labour-market?period=2019-03' });
    expect(res.statusCode, res.body).toBe(200);
    const row = res
      .json<{
        rows: { districtCode: string; vacancies: unknown; seekers: unknown; supplyDemandRatio: unknown }[];
      }>()
      .rows.find((r) => r.districtCode === D);
    // 8 places is published; 2 seekers is not, and neither is the ratio that would reveal it.
    expect(row?.vacancies).toEqual({ value: 8, suppressed: false });
    expect(row?.seekers).toEqual({ value: null, suppressed: true });
    expect(row?.supplyDemandRatio).toEqual({ value: null, suppressed: true });
  });
});

describe('monthly report workbook', () => {
  it('has the bureau’s tables with the fixture figures', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/reports/monthly/2019-03.xlsx',
      headers: staffHeaders,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '劳动力市场',
      '就业失业登记',
      '重点群体',
      '点对点包车',
      '政策与资金发放',
      '职业培训',
      '企业用工监测',
      '预警汇总',
    ]);
    const ws = wb.getWorksheet('劳动力市场');
    let found: unknown[] | undefined;
    ws?.eachRow((row) => {
      const values = row.values as unknown[];
      if (values[1] === D) found = values;
    });
    // Columns: code, area, vacancies, seekers, ratio, …
    expect(found?.slice(1, 6)).toEqual([D, '徐闻县', 8, 2, 4]);
    const bad = await t.app.inject({
      method: 'GET',
      url: '/api/v1/reports/monthly/2019-3.xlsx',
      headers: staffHeaders,
    });
    expect(bad.statusCode).toBe(400);
  });
});

describe('postings feed', () => {
  it('pages with a cursor and carries removals as tombstones', async () => {
    // Changes younger than a few seconds are held back: date the fixture's changes at publication.
    await t.db
      .updateTable('jobPostings')
      .set({ updatedAt: sql<Date>`published_at` })
      .where('enterpriseId', '=', ent.id)
      .where('status', '=', 'published')
      .execute();
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/feeds/job-postings?since=2019-03-14T00:00:00%2B08:00&limit=1',
    });
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json<{ items: { id: string; op: string; posting: unknown }[]; nextCursor: string }>();
    // The oldest change after 14 March is P3 closing on 15 March: a tombstone.
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ op: 'removed', posting: null, status: 'closed' });
    const next = await t.app.inject({
      method: 'GET',
      url: `/api/v1/feeds/job-postings?since=${page.nextCursor}&limit=100`,
    });
    const rest = next.json<{ items: { id: string; op: string }[] }>().items;
    expect(rest.map((i) => i.id)).not.toContain(page.items[0]?.id);
    // P2 (published 20 March, after P3's closing) comes back as a live posting.
    expect(rest.some((i) => i.op === 'upsert')).toBe(true);
    expect(rest.every((i) => i.op === 'upsert' || i.op === 'removed')).toBe(true);
    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/feeds/job-postings?since=not-a-cursor' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe('since');
  });
});

describe('early-warning sweep', () => {
  it('raises an occupation ratio alert once per period', async () => {
    // June 2019: 12 welder places, 1 résumé desiring them → ratio 12 > 2 with ≥ 10 places.
    await createPosting(t.db, ent, {
      headcount: 12,
      publishedAt: new Date('2019-06-05T09:00:00+08:00'),
      occupationCode: '6-18-02-04',
    });
    await resume('2019-06-06T10:00:00+08:00', D, ['6-18-02-04']);
    await runWarningSweep(t.db, new Date(), { month: '2019-06' });
    await runWarningSweep(t.db, new Date(), { month: '2019-06' });
    const alerts = await t.db
      .selectFrom('warningAlerts')
      .select(['subjectId', 'severity', 'districtCode'])
      .where('kind', '=', 'supply_demand_ratio')
      .where('period', '=', '2019-06')
      .execute();
    expect(alerts).toEqual([{ subjectId: '6-18-02-04', severity: 'medium', districtCode: null }]);
  });
});
