import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../test/app.js';
import { createUser, login, sessionCookieOf, signedIn, uniquePhone } from '../../../test/factories.js';
import { createEnterprise, createPosting, uniqueCreditCode } from '../../../test/channel-factories.js';
import { apiEnterprise } from '../enterprises/enterprises.test-support.js';
import { addDays, chinaToday } from './postings.workflow.js';
import { expirePostings, recordPostingHire } from './index.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.close();
});

type Flag = { code: string; text: string; field: string; reason: string };
type PostingRes = {
  id: string;
  status: string;
  flags: Flag[];
  reviewReason: string | null;
  publishedAt: string | null;
  version: number;
  headcount: number;
  title: string;
  salaryMinFen: number;
};
type Problem = { code: string; detail?: string; errors?: { path: string; code: string }[] };

const fieldsOf = (res: { json<T>(): T }) =>
  (res.json<Problem>().errors ?? []).map((e) => `${e.path}:${e.code}`);

function inDays(n: number): string {
  return addDays(chinaToday(t.clock.now()), n);
}

function postingBody(enterpriseId: string, over: Record<string, unknown> = {}) {
  return {
    enterpriseId,
    title: '招聘电焊工',
    occupationCode: '6-18-02-04',
    description: '负责钢结构焊接，持焊工证，包吃住。',
    districtCode: '440803',
    address: '湛江市霞山区工业大道 88 号',
    headcount: 5,
    salaryMinFen: 600_000,
    salaryMaxFen: 900_000,
    salaryPeriod: 'month',
    employmentType: 'full_time',
    educationLevel: 'junior_high',
    experienceYears: 1,
    skills: ['二保焊'],
    benefits: ['board', 'lodging'],
    targetRegionCodes: ['450200'],
    expiresOn: inDays(60),
    ...over,
  };
}

async function post(headers: Record<string, string>, body: object) {
  return t.app.inject({ method: 'POST', url: '/api/v1/job-postings', headers, payload: body });
}

async function review(headers: Record<string, string>, id: string, payload: object) {
  return t.app.inject({ method: 'POST', url: `/api/v1/job-postings/${id}/review`, headers, payload });
}

async function patch(headers: Record<string, string>, id: string, payload: object) {
  return t.app.inject({ method: 'PATCH', url: `/api/v1/job-postings/${id}`, headers, payload });
}

/** A signed-in employer owning a verified enterprise in `district`. */
async function employerWithEnterprise(district = '440803') {
  const emp = await signedIn(t.app, t.db, 'employer');
  const ent = await createEnterprise(t.db, {
    ownerUserId: emp.user.id,
    ownerPhone: emp.user.phone,
    districtCode: district,
  });
  return { ...emp, ent };
}

async function auditActions(entityId: string): Promise<string[]> {
  const rows = await t.db
    .selectFrom('auditLog')
    .select('action')
    .where('entityId', '=', entityId)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.action);
}

describe('acceptance: from registration to a published posting', () => {
  it('employer registers, enterprise verified, flagged ad rejected, fixed, approved and public', async () => {
    // An employer registers and creates an enterprise with a valid credit code.
    const phone = uniquePhone();
    const reg = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { role: 'employer', phone, password: 'Welder2020ok', displayName: '湛江钢构 人事 陈' },
    });
    expect(reg.statusCode).toBe(201);
    const employer = { cookie: sessionCookieOf(reg) };
    const { id: enterpriseId } = await apiEnterprise(t.app, employer, {
      name: '湛江钢构工程有限公司',
      creditCode: uniqueCreditCode(),
      districtCode: '440803',
    });

    // Staff of 霞山区 (440803) verify it.
    const staff = await signedIn(t.app, t.db, 'staff', { districtCodes: ['440803'] });
    const verified = await t.app.inject({
      method: 'POST',
      url: `/api/v1/enterprises/${enterpriseId}/verify`,
      headers: staff.headers,
      payload: { decision: 'verify' },
    });
    expect(verified.json()).toMatchObject({ status: 'verified' });

    // The employer posts “招聘电焊工，限男性，35岁以下” and gets gender and age flags.
    const created = await post(
      employer,
      postingBody(enterpriseId, { title: '招聘电焊工，限男性，35岁以下' }),
    );
    expect(created.statusCode).toBe(201);
    const p = created.json<PostingRes>();
    expect(p.status).toBe('pending_review');
    expect(p.flags.map((f) => [f.code, f.text, f.field])).toEqual([
      ['gender', '限男性', 'title'],
      ['age', '35岁以下', 'title'],
    ]);
    expect(p.flags[0]?.reason).toContain('就业促进法');

    // Nobody outside sees it yet; a second enterprise's clerk gets 404.
    const rival = await employerWithEnterprise();
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/job-postings/${p.id}` })).statusCode).toBe(404);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/job-postings/${p.id}`, headers: rival.headers }))
        .statusCode,
    ).toBe(404);

    // Staff of another district cannot review it.
    const farStaff = await signedIn(t.app, t.db, 'staff', { districtCodes: ['440802'] });
    expect([403, 404]).toContain((await review(farStaff.headers, p.id, { decision: 'approve' })).statusCode);

    // The reviewer finds it in the queue with its flags, English reasons on request.
    const queue = await t.app.inject({
      method: 'GET',
      url: '/api/v1/job-postings/review-queue?flagged=true&pageSize=100',
      headers: { ...staff.headers, 'accept-language': 'en-US' },
    });
    expect(queue.statusCode, queue.body).toBe(200);
    const queued = queue.json<{ items: PostingRes[] }>().items.find((x) => x.id === p.id);
    expect(queued?.flags[0]?.reason).toMatch(/Employment Promotion Law/);

    // Staff reject with the reason.
    const rejected = await review(staff.headers, p.id, {
      decision: 'reject',
      reason: '“限男性”“35岁以下”涉嫌就业歧视，请删除后重新提交',
      version: p.version,
    });
    expect(rejected.statusCode).toBe(200);
    expect(rejected.json()).toMatchObject({ status: 'rejected' });
    expect(rejected.json<PostingRes>().reviewReason).toContain('限男性');

    // The employer fixes the ad: flags gone, back in review.
    const fixed = await patch(employer, p.id, { title: '招聘电焊工' });
    expect(fixed.statusCode).toBe(200);
    expect(fixed.json()).toMatchObject({ status: 'pending_review', flags: [], title: '招聘电焊工' });

    // Staff approve; the posting is published and readable anonymously, without internal notes.
    const approved = await review(staff.headers, p.id, { decision: 'approve' });
    expect(approved.statusCode).toBe(200);
    expect(approved.json<PostingRes>().publishedAt).not.toBeNull();
    const anon = await t.app.inject({ method: 'GET', url: `/api/v1/job-postings/${p.id}` });
    expect(anon.statusCode).toBe(200);
    expect(anon.json()).toMatchObject({
      status: 'published',
      title: '招聘电焊工',
      enterpriseName: '湛江钢构工程有限公司',
      enterpriseVerified: true,
      occupationName: '焊工',
      districtName: '霞山区',
      flags: [],
      reviewReason: null,
    });

    expect(await auditActions(p.id)).toEqual([
      'posting.create',
      'posting.reject',
      'posting.update',
      'posting.approve',
    ]);
    expect(await auditActions(enterpriseId)).toEqual(['enterprise.create', 'enterprise.verify']);
  });
});

describe('creating postings', () => {
  it('keeps a draft private to the enterprise; another enterprise’s clerk gets 404', async () => {
    const a = await employerWithEnterprise();
    const b = await employerWithEnterprise();
    const draft = await post(a.headers, postingBody(a.ent.id, { submit: false }));
    expect(draft.json()).toMatchObject({ status: 'draft' });
    const id = draft.json<PostingRes>().id;
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/job-postings/${id}`, headers: a.headers }))
        .statusCode,
    ).toBe(200);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/job-postings/${id}`, headers: b.headers }))
        .statusCode,
    ).toBe(404);
    // …and cannot post for it, edit it or list its postings.
    expect((await post(b.headers, postingBody(a.ent.id))).statusCode).toBe(404);
    expect((await patch(b.headers, id, { title: '改个名字' })).statusCode).toBe(404);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/enterprises/${a.ent.id}/job-postings`,
          headers: b.headers,
        })
      ).statusCode,
    ).toBe(404);
  });

  it('checks the closing date (today to 180 days) and the salary range, naming the field', async () => {
    const a = await employerWithEnterprise();
    const past = await post(a.headers, postingBody(a.ent.id, { expiresOn: inDays(-1) }));
    expect(past.statusCode).toBe(400);
    expect(fieldsOf(past)).toEqual(['expiresOn:date_in_past']);
    const far = await post(a.headers, postingBody(a.ent.id, { expiresOn: inDays(181) }));
    expect(fieldsOf(far)).toEqual(['expiresOn:date_too_far']);
    expect((await post(a.headers, postingBody(a.ent.id, { expiresOn: inDays(180) }))).statusCode).toBe(201);
    const salary = await post(
      a.headers,
      postingBody(a.ent.id, { salaryMinFen: 900_000, salaryMaxFen: 600_000 }),
    );
    expect(fieldsOf(salary)).toEqual(['salaryMaxFen:salary_range']);
    const occ = await post(a.headers, postingBody(a.ent.id, { occupationCode: '9-99-99-99' }));
    expect(occ.statusCode).toBe(400);
    expect(fieldsOf(occ)).toEqual(['occupationCode:unknown_occupation']);
  });

  it('staff review but do not post for enterprises', async () => {
    const a = await employerWithEnterprise();
    const staff = await signedIn(t.app, t.db, 'staff', { districtCodes: ['440803'] });
    expect((await post(staff.headers, postingBody(a.ent.id))).statusCode).toBe(403);
  });

  it('answers live hints for the form', async () => {
    const emp = await signedIn(t.app, t.db, 'employer');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/job-postings/check-text',
      headers: { ...emp.headers, 'accept-language': 'en-US' },
      payload: { title: '普工', description: '男女不限，限本地户口，无乙肝', skills: [] },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json<{ flags: Flag[] }>().flags.map((f) => `${f.code}:${f.text}`)).toEqual([
      'household_registration:限本地户口',
      'health:无乙肝',
    ]);
  });
});

describe('the lifecycle', () => {
  it('sends a material edit of a published posting back to review, but not more vacancies', async () => {
    const a = await employerWithEnterprise();
    const { id } = await createPosting(t.db, a.ent, { headcount: 5 });
    const more = await patch(a.headers, id, { headcount: 8, expiresOn: inDays(90) });
    expect(more.json()).toMatchObject({ status: 'published', headcount: 8 });
    const salary = await patch(a.headers, id, { salaryMinFen: 500_000 });
    expect(salary.json()).toMatchObject({ status: 'pending_review', salaryMinFen: 500_000 });
    // While pending it is no longer public.
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/job-postings/${id}` })).statusCode).toBe(404);
  });

  it('pauses, resumes and closes; a closed posting cannot come back (409 invalid_transition)', async () => {
    const a = await employerWithEnterprise();
    const { id } = await createPosting(t.db, a.ent);
    expect((await patch(a.headers, id, { status: 'paused' })).json()).toMatchObject({ status: 'paused' });
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/job-postings/${id}` })).statusCode).toBe(404);
    expect((await patch(a.headers, id, { status: 'published' })).json()).toMatchObject({
      status: 'published',
    });
    expect((await patch(a.headers, id, { status: 'closed' })).json()).toMatchObject({ status: 'closed' });
    const back = await patch(a.headers, id, { status: 'published' });
    expect(back.statusCode).toBe(409);
    expect(fieldsOf(back)).toEqual(['status:invalid_transition']);
    const edit = await patch(a.headers, id, { title: '重新开放' });
    expect(edit.statusCode).toBe(409);
    const draft = await patch(a.headers, id, { status: 'draft' });
    expect(draft.statusCode).toBe(409);
  });

  it('refuses an edit based on an old version (409 stale_version)', async () => {
    const a = await employerWithEnterprise();
    const created = (await post(a.headers, postingBody(a.ent.id))).json<PostingRes>();
    const first = await patch(a.headers, created.id, { headcount: 6, version: created.version });
    expect(first.statusCode).toBe(200);
    const second = await patch(a.headers, created.id, { headcount: 7, version: created.version });
    expect(second.statusCode).toBe(409);
    expect(fieldsOf(second)).toEqual(['version:stale_version']);
  });

  it('publishes only postings of verified enterprises (409 with a clear detail)', async () => {
    const emp = await signedIn(t.app, t.db, 'employer');
    const staff = await signedIn(t.app, t.db, 'staff', { districtCodes: ['440803'] });
    const { id: entId } = await apiEnterprise(t.app, emp.headers);
    const p = (await post(emp.headers, postingBody(entId))).json<PostingRes>();
    const res = await review({ ...staff.headers, 'accept-language': 'zh-CN' }, p.id, { decision: 'approve' });
    expect(res.statusCode).toBe(409);
    expect(res.json<Problem>()).toMatchObject({ code: 'enterprise_not_verified' });
    expect(res.json<Problem>().detail).toContain('尚未通过认证');
    // Rejecting is still possible.
    expect(
      (await review(staff.headers, p.id, { decision: 'reject', reason: '请先完成企业认证' })).statusCode,
    ).toBe(200);
  });

  it('lets exactly one of two simultaneous reviews succeed', async () => {
    const a = await employerWithEnterprise();
    const s1 = await signedIn(t.app, t.db, 'staff', { districtCodes: ['440803'] });
    const s2 = await signedIn(t.app, t.db, 'staff', { districtCodes: ['440803'] });
    for (let round = 0; round < 5; round++) {
      const p = (await post(a.headers, postingBody(a.ent.id))).json<PostingRes>();
      const results = await Promise.all([
        review(s1.headers, p.id, { decision: 'approve' }),
        review(s2.headers, p.id, { decision: 'reject', reason: '信息不全' }),
      ]);
      const codes = results.map((r) => r.statusCode).sort();
      expect(codes).toEqual([200, 409]);
      const loser = results.find((r) => r.statusCode === 409);
      expect(loser && fieldsOf(loser)).toEqual(['status:invalid_transition']);
      const decisions = (await auditActions(p.id)).filter(
        (x) => x === 'posting.approve' || x === 'posting.reject',
      );
      expect(decisions).toHaveLength(1);
    }
  });

  it('scopes the review queue to the officer’s districts, oldest first', async () => {
    const district = '440825';
    const a = await employerWithEnterprise(district);
    const staff = await signedIn(t.app, t.db, 'staff', { districtCodes: [district] });
    const first = (
      await post(a.headers, postingBody(a.ent.id, { districtCode: district }))
    ).json<PostingRes>();
    const second = (
      await post(a.headers, postingBody(a.ent.id, { districtCode: district, description: '仅限女性' }))
    ).json<PostingRes>();
    const elsewhere = (
      await post(a.headers, postingBody(a.ent.id, { districtCode: '440803' }))
    ).json<PostingRes>();
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/job-postings/review-queue?pageSize=100',
      headers: staff.headers,
    });
    const ids = res.json<{ items: PostingRes[]; total: number }>().items.map((p) => p.id);
    expect(ids.indexOf(first.id)).toBeLessThan(ids.indexOf(second.id));
    expect(ids.indexOf(first.id)).toBeGreaterThanOrEqual(0);
    expect(ids).not.toContain(elsewhere.id);
    const flagged = await t.app.inject({
      method: 'GET',
      url: `/api/v1/job-postings/review-queue?flagged=true&districtCode=${district}`,
      headers: staff.headers,
    });
    expect(flagged.json<{ items: PostingRes[] }>().items.map((p) => p.id)).toEqual([second.id]);
    const outside = await t.app.inject({
      method: 'GET',
      url: '/api/v1/job-postings/review-queue?districtCode=440803',
      headers: staff.headers,
    });
    expect(outside.statusCode).toBe(403);
  });

  it('lists an enterprise’s postings in every status for its members and district staff', async () => {
    const a = await employerWithEnterprise();
    await createPosting(t.db, a.ent, { status: 'published' });
    await createPosting(t.db, a.ent, { status: 'closed' });
    await post(a.headers, postingBody(a.ent.id, { submit: false }));
    const mine = await t.app.inject({
      method: 'GET',
      url: `/api/v1/enterprises/${a.ent.id}/job-postings`,
      headers: a.headers,
    });
    expect(mine.json<{ total: number }>().total).toBe(3);
    const staff = await signedIn(t.app, t.db, 'staff', { districtCodes: ['440803'] });
    const drafts = await t.app.inject({
      method: 'GET',
      url: `/api/v1/enterprises/${a.ent.id}/job-postings?status=draft`,
      headers: staff.headers,
    });
    expect(drafts.json<{ items: PostingRes[] }>().items.map((p) => p.status)).toEqual(['draft']);
  });
});

describe('expiry', () => {
  it('expires published and paused postings past their closing date, once', async () => {
    const owner = await createUser(t.db, { role: 'employer' });
    const ent = await createEnterprise(t.db, { ownerUserId: owner.id, ownerPhone: owner.phone });
    const yesterday = inDays(-1);
    const old = await createPosting(t.db, ent, { expiresOn: yesterday });
    const paused = await createPosting(t.db, ent, { expiresOn: yesterday, status: 'paused' });
    const draft = await createPosting(t.db, ent, { expiresOn: yesterday, status: 'draft' });
    const today = await createPosting(t.db, ent, { expiresOn: inDays(0) });
    const n = await expirePostings(t.db, t.clock.now());
    expect(n).toBeGreaterThanOrEqual(2);
    const statuses = await t.db
      .selectFrom('jobPostings')
      .select(['id', 'status'])
      .where('id', 'in', [old.id, paused.id, draft.id, today.id])
      .execute();
    const by = Object.fromEntries(statuses.map((s) => [s.id, s.status]));
    expect(by).toEqual({
      [old.id]: 'expired',
      [paused.id]: 'expired',
      [draft.id]: 'draft',
      [today.id]: 'published',
    });
    expect(await expirePostings(t.db, t.clock.now())).toBe(0);
    // A day later, the one closing today expires too.
    expect(await expirePostings(t.db, new Date(t.clock.now().getTime() + 86400_000))).toBeGreaterThanOrEqual(
      1,
    );
  });
});

describe('hires (for the applications module)', () => {
  it('counts a hire and closes the posting when every vacancy is filled', async () => {
    const owner = await createUser(t.db, { role: 'employer' });
    const ent = await createEnterprise(t.db, { ownerUserId: owner.id, ownerPhone: owner.phone });
    const { id } = await createPosting(t.db, ent, { headcount: 2 });
    expect(await recordPostingHire(t.db, null, id)).toEqual({ hiredCount: 1, headcount: 2, closed: false });
    expect(await recordPostingHire(t.db, null, id)).toEqual({ hiredCount: 2, headcount: 2, closed: true });
    expect(await recordPostingHire(t.db, null, id)).toBeUndefined();
    const p = await t.db
      .selectFrom('jobPostings')
      .select(['status', 'closedReason'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(p).toEqual({ status: 'closed', closedReason: 'filled' });
  });
});

describe('access by role', () => {
  it('a clerk invited by phone manages the enterprise’s postings', async () => {
    const a = await employerWithEnterprise();
    const clerk = await createUser(t.db, { role: 'employer' });
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/enterprises/${a.ent.id}/members`,
      headers: a.headers,
      payload: { phone: clerk.phone },
    });
    const headers = { cookie: await login(t.app, clerk.phone) };
    const res = await post(headers, postingBody(a.ent.id));
    expect(res.statusCode).toBe(201);
  });
});
