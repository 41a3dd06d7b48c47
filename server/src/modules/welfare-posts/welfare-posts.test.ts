import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { WelfarePlacement, WelfarePost, WelfareSubsidyRecord } from '@jiuye/shared';
import { testApp, type TestApp } from '../../../test/app.js';
import { createEnterprise, type TestEnterprise } from '../../../test/channel-factories.js';
import { signedIn } from '../../../test/factories.js';
import { loadFacts } from '../policies/index.js';
import {
  createPersonVia,
  registerUnemployedVia,
  uniqueIdNumber,
  walkIn,
} from '../registrations/assistance.fixtures.js';
import { markWelfareSubsidiesPaid, welfareSubsidyRecords } from './index.js';
import { TERM_LIMIT_SETTING } from './welfare-posts.repository.js';

let t: TestApp;
type H = Record<string, string>;
let staff: H;
let staffElsewhere: H;
let sponsor: H;
let otherSponsor: H;
let unit: TestEnterprise;
let otherUnit: TestEnterprise;

const DAY = 86_400_000;
const chinaDay = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
const addDays = (iso: string, n: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
/** For days ≤ 28 (no month-end clamping). */
function addMonths(iso: string, n: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + n;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

async function req(method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, headers: H, payload?: object) {
  const r = await t.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });
  return { status: r.statusCode, body: r.json<Record<string, unknown>>(), raw: r };
}
const firstError = (b: Record<string, unknown>) =>
  (b.errors as { path: string; code: string }[] | undefined)?.[0];

function postBody(o: Record<string, unknown> = {}) {
  return {
    enterpriseId: unit.id,
    districtCode: '440803',
    title: '社区保洁员',
    duties: '负责社区公共区域保洁',
    headcount: 5,
    termMonths: 24,
    monthlySubsidyFen: 180_000,
    weeklyHours: 40,
    ...o,
  };
}

async function createPost(headers: H, o: Record<string, unknown> = {}): Promise<WelfarePost> {
  const r = await req('POST', '/welfare-posts', headers, postBody(o));
  expect(r.status, r.raw.body).toBe(201);
  return r.body as unknown as WelfarePost;
}

/**
 * A man of 54 registered unemployed at the desk: "4050" and registered unemployed, so a person
 * with employment difficulties under the seeded key-group rules.
 */
async function eligiblePerson(): Promise<string> {
  const p = await createPersonVia(
    t.app,
    staff,
    walkIn({ fullName: '黄国强', idNumber: uniqueIdNumber('1972-03-10', 'male') }),
  );
  await registerUnemployedVia(t.app, staff, p.id);
  return p.id;
}

async function place(postId: string, personId: string, o: Record<string, unknown> = {}) {
  return req('POST', `/welfare-posts/${postId}/placements`, staff, {
    personId,
    startsOn: chinaDay(t.clock.now()),
    ...o,
  });
}

beforeAll(async () => {
  t = await testApp();
  staff = (await signedIn(t.app, t.db, 'staff', { districtCodes: ['440803', '440823'] })).headers;
  staffElsewhere = (await signedIn(t.app, t.db, 'staff', { districtCodes: ['440881'] })).headers;
  const s = await signedIn(t.app, t.db, 'employer');
  sponsor = s.headers;
  unit = await createEnterprise(t.db, {
    ownerUserId: s.user.id,
    ownerPhone: s.user.phone,
    name: '湛江市霞山区解放街道办事处',
  });
  const o = await signedIn(t.app, t.db, 'employer');
  otherSponsor = o.headers;
  otherUnit = await createEnterprise(t.db, { ownerUserId: o.user.id, ownerPhone: o.user.phone });
});
afterAll(async () => {
  await t.close();
});

describe('publishing public-welfare posts', () => {
  it('a unit’s clerk publishes for its own verified unit; staff within their districts', async () => {
    const post = await createPost(sponsor);
    expect(post).toMatchObject({ sponsorName: unit.name, headcount: 5, placedCount: 0, status: 'open' });

    const foreign = await req('POST', '/welfare-posts', sponsor, postBody({ enterpriseId: otherUnit.id }));
    expect(foreign.status).toBe(400);
    expect(firstError(foreign.body)).toEqual(
      expect.objectContaining({ path: 'enterpriseId', code: 'not_a_clerk' }),
    );

    const byStaff = await createPost(staff, { enterpriseId: otherUnit.id, districtCode: '440823' });
    expect(byStaff.sponsorName).toBe(otherUnit.name);
    const outside = await req('POST', '/welfare-posts', staffElsewhere, postBody());
    expect(firstError(outside.body)?.code).toBe('outside_district');
    const notCity = await req('POST', '/welfare-posts', staff, postBody({ districtCode: '110105' }));
    expect(firstError(notCity.body)?.code).toBe('not_in_city');

    const p = await signedIn(t.app, t.db, 'employer');
    const pending = await createEnterprise(t.db, {
      ownerUserId: p.user.id,
      ownerPhone: p.user.phone,
      status: 'pending',
    });
    const unverified = await req('POST', '/welfare-posts', p.headers, postBody({ enterpriseId: pending.id }));
    expect(unverified.status).toBe(409);
    expect(unverified.body.code).toBe('enterprise_not_verified');
  });

  it('refuses bad input with field errors, never a 500', async () => {
    for (const [body, path] of [
      [postBody({ headcount: 0 }), 'headcount'],
      [postBody({ monthlySubsidyFen: 1800.5 }), 'monthlySubsidyFen'],
      [postBody({ termMonths: 37 }), 'termMonths'],
      [postBody({ districtCode: '4408' }), 'districtCode'],
      [postBody({ enterpriseId: 'x' }), 'enterpriseId'],
      [{ ...postBody(), salary: 1 }, 'salary'],
    ] as const) {
      const r = await req('POST', '/welfare-posts', sponsor, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(firstError(r.body)?.path).toBe(path);
    }
    expect(
      (await req('POST', '/welfare-posts', (await signedIn(t.app, t.db, 'seeker')).headers, postBody()))
        .status,
    ).toBe(403);
  });

  it('lists and reads posts within scope only', async () => {
    const mine = await createPost(sponsor, { title: '公园管护员' });
    const listed = await req('GET', '/welfare-posts?pageSize=100', sponsor);
    const ids = (listed.body.items as WelfarePost[]).map((p) => p.id);
    expect(ids).toContain(mine.id);
    expect((listed.body.items as WelfarePost[]).every((p) => p.enterpriseId === unit.id)).toBe(true);
    const others = await req('GET', '/welfare-posts?pageSize=100', otherSponsor);
    expect((others.body.items as WelfarePost[]).map((p) => p.id)).not.toContain(mine.id);
    expect((await req('GET', `/welfare-posts/${mine.id}`, otherSponsor)).status).toBe(404);
    expect((await req('GET', `/welfare-posts/${mine.id}`, staffElsewhere)).status).toBe(404);
    expect((await req('GET', `/welfare-posts/${mine.id}`, staff)).status).toBe(200);
    expect((await req('GET', '/welfare-posts?districtCode=440803', staffElsewhere)).status).toBe(403);
    expect((await req('GET', '/welfare-posts?status=full', staff)).status).toBe(400);
    const closed = await req('PATCH', `/welfare-posts/${mine.id}`, sponsor, { status: 'closed' });
    expect(closed.body.status).toBe('closed');
  });
});

describe('placements', () => {
  it('places only people with employment difficulties, and says why not', async () => {
    const post = await createPost(sponsor);
    const young = await createPersonVia(
      t.app,
      staff,
      walkIn({ idNumber: uniqueIdNumber('1996-05-20', 'female') }),
    );
    await registerUnemployedVia(t.app, staff, young.id);
    const refused = await place(post.id, young.id);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('placement_not_allowed');
    expect(firstError(refused.body)).toEqual(
      expect.objectContaining({ path: 'personId', code: 'employment_difficulty_required' }),
    );
    expect(refused.body.detail).toContain('就业困难人员');

    const eligible = await eligiblePerson();
    expect(
      (
        await req('POST', `/welfare-posts/${post.id}/placements`, sponsor, {
          personId: eligible,
          startsOn: chinaDay(t.clock.now()),
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await req('POST', `/welfare-posts/${post.id}/placements`, staffElsewhere, {
          personId: eligible,
          startsOn: chinaDay(t.clock.now()),
        })
      ).status,
    ).toBe(404);
    const ok = await place(post.id, eligible);
    expect(ok.status, ok.raw.body).toBe(201);
    const placement = ok.body as unknown as WelfarePlacement;
    expect(placement).toMatchObject({ status: 'active', termMonths: 24, person: { id: eligible } });
    expect(placement.plannedEndOn).toBe(addDays(addMonths(placement.startsOn, 24), -1));

    const second = await createPost(staff, { enterpriseId: otherUnit.id });
    const twice = await place(second.id, eligible);
    expect(twice.status).toBe(409);
    expect(firstError(twice.body)?.code).toBe('already_placed');
    expect((await place(post.id, '00000000-0000-4000-8000-000000000000')).status).toBe(400);
    expect(firstError((await place(post.id, eligible, { termMonths: 30 })).body)?.code).toBe('too_big');

    const list = await req('GET', `/welfare-posts/${post.id}/placements`, staff);
    expect((list.body.items as WelfarePlacement[]).map((p) => p.id)).toEqual([placement.id]);
    expect(list.raw.body).not.toMatch(/\d{17}[\dX]/);
    const audit = await t.db
      .selectFrom('auditLog')
      .select('action')
      .where('entityId', '=', post.id)
      .where('action', '=', 'welfare_placement.list_read')
      .execute();
    expect(audit).toHaveLength(1);
    expect((await req('GET', `/welfare-posts/${post.id}/placements`, sponsor)).status).toBe(200);

    const facts = await loadFacts(
      t.db,
      'person',
      eligible,
      ['person.welfarePost.placed', 'person.welfarePost.monthsUsed'],
      chinaDay(t.clock.now()),
    );
    expect(facts).toEqual({ 'person.welfarePost.placed': true, 'person.welfarePost.monthsUsed': 24 });
  });

  it('keeps a person’s cumulative placements within 36 months, and says how many are used', async () => {
    const today = chinaDay(t.clock.now());
    const start = `${addMonths(today, -25).slice(0, 7)}-15`;
    const first = await createPost(sponsor, { termMonths: 24 });
    const person = await eligiblePerson();
    const a = await place(first.id, person, { startsOn: start });
    expect(a.status, a.raw.body).toBe(201);
    const pa = a.body as unknown as WelfarePlacement;
    const end = await req('POST', `/welfare-placements/${pa.id}/end`, sponsor, {
      endedOn: pa.plannedEndOn,
      reason: 'term_completed',
    });
    expect(end.status, end.raw.body).toBe(200);
    expect(end.body).toMatchObject({ status: 'ended', endReason: 'term_completed' });

    const next = await createPost(sponsor, { termMonths: 24 });
    const over = await place(next.id, person);
    expect(over.status).toBe(409);
    expect(firstError(over.body)?.code).toBe('welfare_term_limit');
    expect(over.body.detail).toContain('24');
    expect(over.body.detail).toContain('36');
    const en = await t.app.inject({
      method: 'POST',
      url: `/api/v1/welfare-posts/${next.id}/placements`,
      headers: { ...staff, 'accept-language': 'en-US' },
      payload: { personId: person, startsOn: today },
    });
    expect(en.json<{ detail: string }>().detail).toMatch(/used 24 of 36 months.*12 months left/);
    const overlap = await place(next.id, person, { startsOn: addDays(pa.plannedEndOn, -1), termMonths: 12 });
    expect(firstError(overlap.body)).toEqual(
      expect.objectContaining({ path: 'startsOn', code: 'already_placed' }),
    );

    // The limit is a setting (app_settings): a bureau may lower it.
    await t.db
      .insertInto('appSettings')
      .values({ key: TERM_LIMIT_SETTING, value: JSON.stringify(30) })
      .execute();
    try {
      const lowered = await place(next.id, person, { termMonths: 12 });
      expect(firstError(lowered.body)?.code).toBe('welfare_term_limit');
      expect(lowered.body.detail).toContain('30');
    } finally {
      await t.db.deleteFrom('appSettings').where('key', '=', TERM_LIMIT_SETTING).execute();
    }
    const rest = await place(next.id, person, { termMonths: 12 });
    expect(rest.status, rest.raw.body).toBe(201);
    const facts = await loadFacts(t.db, 'person', person, ['person.welfarePost.monthsUsed'], today);
    expect(facts['person.welfarePost.monthsUsed']).toBe(36);
  });

  it('an early end counts the months begun, frees the place, and happens once', async () => {
    const today = chinaDay(t.clock.now());
    const start = `${addMonths(today, -6).slice(0, 7)}-15`;
    const post = await createPost(sponsor, { headcount: 1, termMonths: 12 });
    const [p1, p2] = [await eligiblePerson(), await eligiblePerson()];
    const a = (await place(post.id, p1, { startsOn: start })).body as unknown as WelfarePlacement;
    expect(firstError((await place(post.id, p2)).body)?.code).toBe('welfare_post_full');

    const early = await req('POST', `/welfare-placements/${a.id}/end`, staff, {
      endedOn: addDays(start, -1),
      reason: 'found_job',
    });
    expect(firstError(early.body)?.code).toBe('ends_before_start');
    const future = await req('POST', `/welfare-placements/${a.id}/end`, staff, {
      endedOn: addDays(today, 1),
      reason: 'found_job',
    });
    expect(firstError(future.body)?.code).toBe('outside_placement');
    expect(
      (
        await req('POST', `/welfare-placements/${a.id}/end`, otherSponsor, {
          endedOn: today,
          reason: 'resigned',
        })
      ).status,
    ).toBe(404);
    // Three months and a day: the fourth month has begun.
    const ended = await req('POST', `/welfare-placements/${a.id}/end`, staff, {
      endedOn: addMonths(start, 3),
      reason: 'found_job',
      note: '到企业就业',
    });
    expect(ended.status, ended.raw.body).toBe(200);
    const row = await t.db
      .selectFrom('welfarePlacements')
      .select('monthsCounted')
      .where('id', '=', a.id)
      .executeTakeFirstOrThrow();
    expect(row.monthsCounted).toBe(4);
    expect(
      (await req('POST', `/welfare-placements/${a.id}/end`, staff, { endedOn: today, reason: 'other' }))
        .status,
    ).toBe(409);
    expect((await req('GET', `/welfare-posts/${post.id}`, staff)).body.placedCount).toBe(0);
    expect((await place(post.id, p2)).status).toBe(201);
  });

  it('never places more people than the post’s headcount under concurrent requests', async () => {
    for (let round = 0; round < 3; round++) {
      const post = await createPost(staff, { headcount: 3, title: `并发岗位${round}` });
      const people: string[] = [];
      for (let i = 0; i < 10; i++) people.push(await eligiblePerson());
      const results = await Promise.all(people.map((p) => place(post.id, p)));
      const created = results.filter((r) => r.status === 201).length;
      const full = results.filter(
        (r) => r.status === 409 && firstError(r.body)?.code === 'welfare_post_full',
      ).length;
      expect({ round, created, full }).toEqual({ round, created: 3, full: 7 });
      const row = await t.db
        .selectFrom('welfarePosts')
        .select(['placedCount', 'headcount'])
        .where('id', '=', post.id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ placedCount: 3, headcount: 3 });
      const n = await t.db
        .selectFrom('welfarePlacements')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('postId', '=', post.id)
        .executeTakeFirstOrThrow();
      expect(Number(n.n)).toBe(3);
    }
    const post = await createPost(staff, { headcount: 2 });
    await expect(
      sql`UPDATE welfare_posts SET placed_count = 3 WHERE id = ${post.id}`.execute(t.db),
    ).rejects.toMatchObject({
      code: '23514',
    });
  }, 180_000);
});

describe('monthly attendance and subsidies', () => {
  it('pro-rates the subsidy by attendance, one record per month, frozen once paid', async () => {
    const today = chinaDay(t.clock.now());
    const month = today.slice(0, 7);
    const post = await createPost(sponsor, { monthlySubsidyFen: 180_000 });
    const person = await eligiblePerson();
    const pl = (await place(post.id, person, { startsOn: `${month}-01` }))
      .body as unknown as WelfarePlacement;

    const put = (m: string, body: object, h: H = sponsor) =>
      req('PUT', `/welfare-placements/${pl.id}/attendance/${m}`, h, body);
    const first = await put(month, { workingDays: 22, daysPresent: 21 });
    expect(first.status, first.raw.body).toBe(200);
    expect(first.body).toMatchObject({
      month,
      workingDays: 22,
      daysPresent: 21,
      monthlySubsidyFen: 180_000,
      amountFen: 171_818, // ⌊180000 × 21 ÷ 22⌋
      status: 'pending',
      person: { id: person },
    });
    const corrected = await put(month, { workingDays: 22, daysPresent: 22 }, staff);
    expect(corrected.body).toMatchObject({ amountFen: 180_000, id: first.body.id });
    const rows = await t.db
      .selectFrom('welfareAttendance')
      .select('id')
      .where('placementId', '=', pl.id)
      .execute();
    expect(rows).toHaveLength(1);

    expect(
      firstError(
        (await put(addMonths(`${month}-01`, -1).slice(0, 7), { workingDays: 20, daysPresent: 20 })).body,
      )?.code,
    ).toBe('outside_placement');
    expect(
      firstError(
        (await put(addMonths(`${month}-01`, 1).slice(0, 7), { workingDays: 20, daysPresent: 20 })).body,
      )?.code,
    ).toBe('outside_placement');
    expect(firstError((await put(month, { workingDays: 20, daysPresent: 21 })).body)?.code).toBe(
      'exceeds_working_days',
    );
    expect((await put('2026-13', { workingDays: 20, daysPresent: 20 })).status).toBe(400);
    expect((await put(month, { workingDays: 20, daysPresent: 20 }, otherSponsor)).status).toBe(404);
    expect((await put(month, { workingDays: 20, daysPresent: 20 }, staffElsewhere)).status).toBe(404);

    const records = await welfareSubsidyRecords(t.db, month);
    const mine = records.find((r) => r.placementId === pl.id);
    expect(mine).toMatchObject({ amountFen: 180_000, status: 'pending' });

    const paidIds = await markWelfareSubsidiesPaid(t.db, [mine?.id ?? ''], t.clock.now(), 'batch-1');
    expect(paidIds).toEqual([mine?.id]);
    expect(await markWelfareSubsidiesPaid(t.db, [mine?.id ?? ''], t.clock.now(), 'batch-2')).toEqual([]);
    const frozen = await put(month, { workingDays: 22, daysPresent: 10 });
    expect(frozen.status).toBe(409);
    expect(frozen.body.code).toBe('already_paid');
    const after = (await welfareSubsidyRecords(t.db, month)).find((r) => r.placementId === pl.id);
    expect(after).toMatchObject({ amountFen: 180_000, status: 'paid', daysPresent: 22 });

    const listed = await req('GET', `/welfare-subsidies?month=${month}&postId=${post.id}`, staff);
    expect((listed.body.items as WelfareSubsidyRecord[]).map((r) => r.id)).toEqual([mine?.id]);
    const byUnit = await req('GET', `/welfare-subsidies?month=${month}&pageSize=100`, sponsor);
    expect((byUnit.body.items as WelfareSubsidyRecord[]).every((r) => r.enterpriseId === unit.id)).toBe(true);
    const none = await req('GET', `/welfare-subsidies?postId=${post.id}`, otherSponsor);
    expect(none.body.total).toBe(0);
    expect((await req('GET', '/welfare-subsidies?month=2026-1', staff)).status).toBe(400);
    const audit = await t.db
      .selectFrom('auditLog')
      .select(['action', 'summary'])
      .where('action', 'in', ['welfare_attendance.record', 'welfare_subsidy.list_read'])
      .where('entityId', 'is', null)
      .execute();
    expect(audit.map((a) => a.action)).toContain('welfare_subsidy.list_read');
  });
});
