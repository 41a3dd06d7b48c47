import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case, CaseListItem, Graduate, OverdueItem } from '@jiuye/shared';
import { testApp, type TestApp } from '../../../test/app.js';
import { login, signedIn } from '../../../test/factories.js';
import { createEnterprise, createPosting } from '../../../test/channel-factories.js';
import { addDays, chinaDate } from '../key-groups/index.js';
import {
  createPersonVia,
  registerUnemployedVia,
  uniqueIdNumber,
  walkIn,
} from '../registrations/assistance.fixtures.js';
import { recordServiceForPerson, runCaseAlertSweep } from './index.js';

let t: TestApp;
const enterprises: string[] = [];
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  if (enterprises.length > 0)
    await t.db
      .updateTable('jobPostings')
      .set({ status: 'closed', closedReason: 'test' })
      .where('enterpriseId', 'in', enterprises)
      .execute();
  await t.close();
});

type Problem = { status: number; code: string; errors?: { path: string; code: string }[] };

async function caseOf(personId: string): Promise<string> {
  const r = await t.db
    .selectFrom('cases')
    .select('id')
    .where('personId', '=', personId)
    .where('status', '=', 'open')
    .executeTakeFirstOrThrow();
  return r.id;
}

async function postingIn(district: string) {
  const employer = await signedIn(t.app, t.db, 'employer');
  const enterprise = await createEnterprise(t.db, {
    ownerUserId: employer.user.id,
    ownerPhone: employer.user.phone,
    districtCode: district,
  });
  enterprises.push(enterprise.id);
  return createPosting(t.db, enterprise, { title: '普工', districtCode: district });
}

describe('cases', () => {
  it('gives every registered unemployed person a case with an officer of the district; officers see only their districts', async () => {
    const a = await signedIn(t.app, t.db, 'staff', { districtCodes: ['440882'] });
    const b = await signedIn(t.app, t.db, 'staff', { districtCodes: ['440883'] });
    const p = await createPersonVia(t.app, a.headers, walkIn({ residenceDistrictCode: '440882' }));
    await registerUnemployedVia(t.app, a.headers, p.id);
    const id = await caseOf(p.id);
    const own = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${id}`, headers: a.headers });
    expect(own.statusCode, own.body).toBe(200);
    const c = own.json<Case>();
    expect(c).toMatchObject({
      status: 'open',
      districtCode: '440882',
      openReason: 'unemployment_registration',
    });
    const officer = await t.db
      .selectFrom('users')
      .select('districtCodes')
      .where('id', '=', c.officerUserId ?? '')
      .executeTakeFirstOrThrow();
    expect(officer.districtCodes).toContain('440882');
    expect(c.registrations.map((r) => r.kind)).toEqual(['unemployment']);
    const hidden = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${id}`, headers: b.headers });
    expect(hidden.statusCode).toBe(404);
    const listB = await t.app.inject({
      method: 'GET',
      url: '/api/v1/cases?pageSize=100',
      headers: b.headers,
    });
    expect(listB.json<{ items: CaseListItem[] }>().items.every((x) => x.districtCode === '440883')).toBe(
      true,
    );
    expect(listB.json<{ items: CaseListItem[] }>().items.map((x) => x.id)).not.toContain(id);
    const listA = await t.app.inject({
      method: 'GET',
      url: `/api/v1/cases?q=${encodeURIComponent(p.fullName)}&pageSize=100`,
      headers: a.headers,
    });
    expect(listA.json<{ items: CaseListItem[] }>().items.map((x) => x.id)).toContain(id);
    const outside = await t.app.inject({
      method: 'GET',
      url: '/api/v1/cases?districtCode=440883',
      headers: a.headers,
    });
    expect(outside.statusCode).toBe(400);
    // Reassignment only to an officer covering the district.
    const wrong = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/cases/${id}`,
      headers: a.headers,
      payload: { officerUserId: b.user.id },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json<Problem>().errors?.[0]).toMatchObject({
      path: 'officerUserId',
      code: 'outside_district',
    });
    const ok = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/cases/${id}`,
      headers: a.headers,
      payload: { officerUserId: a.user.id },
    });
    expect(ok.json<Case>().officerUserId).toBe(a.user.id);
    const mine = await t.app.inject({ method: 'GET', url: '/api/v1/cases?scope=mine', headers: a.headers });
    expect(mine.json<{ items: CaseListItem[] }>().items.map((x) => x.id)).toContain(id);
  });

  it('records services: a job referral needs an existing posting; follow-ups record outcomes', async () => {
    const staff = await signedIn(t.app, t.db, 'staff', { districtCodes: ['440882'] });
    const p = await createPersonVia(t.app, staff.headers, walkIn({ residenceDistrictCode: '440882' }));
    await registerUnemployedVia(t.app, staff.headers, p.id);
    const id = await caseOf(p.id);
    const url = `/api/v1/cases/${id}/services`;
    const noPosting = await t.app.inject({
      method: 'POST',
      url,
      headers: staff.headers,
      payload: { kind: 'job_referral' },
    });
    expect(noPosting.statusCode).toBe(400);
    expect(noPosting.json<Problem>().errors?.[0]).toMatchObject({ path: 'postingId', code: 'required' });
    const unknown = await t.app.inject({
      method: 'POST',
      url,
      headers: staff.headers,
      payload: { kind: 'job_referral', postingId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(unknown.json<Problem>().errors?.[0]).toMatchObject({ path: 'postingId', code: 'posting_unknown' });
    const badKind = await t.app.inject({
      method: 'POST',
      url,
      headers: staff.headers,
      payload: { kind: 'massage' },
    });
    expect(badKind.statusCode).toBe(400);
    const posting = await postingIn('440882');
    const today = chinaDate(t.clock.now());
    const r = await t.app.inject({
      method: 'POST',
      url,
      headers: staff.headers,
      payload: {
        kind: 'job_referral',
        postingId: posting.id,
        note: '推荐面试',
        followUpDue: addDays(today, 7),
      },
    });
    expect(r.statusCode, r.body).toBe(201);
    const c = r.json<Case>();
    expect(c.services[0]).toMatchObject({
      kind: 'job_referral',
      postingId: posting.id,
      postingTitle: '普工',
      outcome: 'pending',
    });
    expect(c.nextFollowUpDue).toBe(addDays(today, 7));
    const f = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${id}/services/${c.services[0]?.id ?? ''}/follow-up`,
      headers: staff.headers,
      payload: { outcome: 'interviewed', note: '已面试，等待结果' },
    });
    expect(f.statusCode, f.body).toBe(200);
    expect(f.json<Case>().services[0]).toMatchObject({ outcome: 'interviewed' });
    expect(f.json<Case>().nextFollowUpDue).toBeNull();
    // Another module logs a service once per dedupe key.
    const logged = await t.db.transaction().execute(async (tx) => {
      const first = await recordServiceForPerson(tx, {
        personId: p.id,
        kind: 'training_referral',
        note: '报名电工培训',
        outcome: 'enrolled',
        dedupeKey: `test-training:${p.id}`,
        providedAt: t.clock.now(),
      });
      const second = await recordServiceForPerson(tx, {
        personId: p.id,
        kind: 'training_referral',
        dedupeKey: `test-training:${p.id}`,
        providedAt: t.clock.now(),
      });
      return [first, second];
    });
    expect(logged[0]).not.toBeNull();
    expect(logged[1]).toBeNull();
    const closed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${id}/close`,
      headers: staff.headers,
      payload: { outcome: 'self_employed', note: '自主创业' },
    });
    expect(closed.json<Case>()).toMatchObject({ status: 'closed', outcome: 'self_employed' });
    const after = await t.app.inject({
      method: 'POST',
      url,
      headers: staff.headers,
      payload: { kind: 'counselling' },
    });
    expect(after.statusCode).toBe(409);
  });

  it('registers graduates from a college (with consent) and themselves; a recent graduate gets a case', async () => {
    const college = await signedIn(t.app, t.db, 'college');
    const staff = await signedIn(t.app, t.db, 'staff', { districtCodes: ['440804'] });
    const employer = await signedIn(t.app, t.db, 'employer');
    const today = chinaDate(t.clock.now());
    const body = {
      fullName: '吴晓燕',
      idNumber: uniqueIdNumber('2003-09-01', 'female'),
      phone: '13912345678',
      school: '广东海洋大学',
      major: '水产养殖学',
      educationLevel: 'bachelor',
      graduationDate: addDays(today, -60),
      residenceDistrictCode: '440804',
      consent: true,
    };
    const noConsent = await t.app.inject({
      method: 'POST',
      url: '/api/v1/graduates',
      headers: college.headers,
      payload: { ...body, consent: false },
    });
    expect(noConsent.statusCode).toBe(400);
    const missing = await t.app.inject({
      method: 'POST',
      url: '/api/v1/graduates',
      headers: college.headers,
      payload: { ...body, idNumber: undefined },
    });
    expect(missing.json<Problem>().errors?.[0]).toMatchObject({ path: 'idNumber', code: 'required' });
    const denied = await t.app.inject({
      method: 'POST',
      url: '/api/v1/graduates',
      headers: employer.headers,
      payload: body,
    });
    expect(denied.statusCode).toBe(403);
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/graduates',
      headers: college.headers,
      payload: body,
    });
    expect(r.statusCode, r.body).toBe(201);
    const g = r.json<Graduate>();
    expect(g).toMatchObject({ source: 'college', school: '广东海洋大学', employmentStatus: 'unregistered' });
    expect(g.keyGroups.map((k) => k.group)).toEqual(['college_graduate']);
    expect(g.caseId).not.toBeNull();
    const kase = await t.db
      .selectFrom('cases')
      .select('openReason')
      .where('id', '=', g.caseId ?? '')
      .executeTakeFirstOrThrow();
    expect(kase.openReason).toBe('graduate');
    const mine = await t.app.inject({ method: 'GET', url: '/api/v1/graduates', headers: college.headers });
    expect(mine.json<{ items: Graduate[] }>().items.map((x) => x.id)).toEqual([g.id]);
    const staffList = await t.app.inject({
      method: 'GET',
      url: '/api/v1/graduates?pageSize=100',
      headers: staff.headers,
    });
    expect(staffList.json<{ items: Graduate[] }>().items.map((x) => x.id)).toContain(g.id);
    // A graduate of 3 years ago is registered but is no longer in the key group.
    const seeker = await signedIn(t.app, t.db, 'seeker');
    const self = await t.app.inject({
      method: 'POST',
      url: '/api/v1/graduates',
      headers: seeker.headers,
      payload: {
        school: '湛江科技学院',
        major: '电子商务',
        educationLevel: 'college',
        graduationDate: addDays(today, -3 * 366),
        residenceDistrictCode: '440804',
        idNumber: uniqueIdNumber('2000-03-03', 'male'),
        consent: true,
      },
    });
    expect(self.statusCode, self.body).toBe(201);
    expect(self.json<Graduate>()).toMatchObject({ source: 'self', keyGroups: [], caseId: null });
  });
});

describe('overdue and the 30-day alert', () => {
  it('alerts the officer once when a registered person has had no service for 30 days', async () => {
    const t2 = await testApp();
    try {
      const staff = await signedIn(t2.app, t2.db, 'staff', { districtCodes: ['440881'] });
      const p = await createPersonVia(t2.app, staff.headers, walkIn({ residenceDistrictCode: '440881' }));
      await registerUnemployedVia(t2.app, staff.headers, p.id);
      const served = await createPersonVia(
        t2.app,
        staff.headers,
        walkIn({ residenceDistrictCode: '440881' }),
      );
      await registerUnemployedVia(t2.app, staff.headers, served.id);
      const kase = await t2.db
        .selectFrom('cases')
        .select(['id', 'officerUserId'])
        .where('personId', '=', p.id)
        .executeTakeFirstOrThrow();
      const servedCase = await t2.db
        .selectFrom('cases')
        .select('id')
        .where('personId', '=', served.id)
        .executeTakeFirstOrThrow();
      const svc = await t2.app.inject({
        method: 'POST',
        url: `/api/v1/cases/${servedCase.id}/services`,
        headers: staff.headers,
        payload: { kind: 'counselling', followUpDue: addDays(chinaDate(t2.clock.now()), 5) },
      });
      expect(svc.statusCode).toBe(201);
      const notes = () =>
        t2.db
          .selectFrom('notifications')
          .select(['kind', 'body'])
          .where('userId', '=', kase.officerUserId ?? '')
          .where('kind', 'in', ['case_no_service', 'case_follow_up_overdue'])
          .execute();
      // Day 30: not yet.
      t2.clock.advance(30 * 86_400_000);
      await runCaseAlertSweep(t2.db, t2.clock.now());
      expect((await notes()).filter((n) => (n.body as { caseId: string }).caseId === kase.id)).toHaveLength(
        0,
      );
      // Day 31: one alert, and only one however often the sweep runs.
      t2.clock.advance(86_400_000);
      await runCaseAlertSweep(t2.db, t2.clock.now());
      await runCaseAlertSweep(t2.db, t2.clock.now());
      const mine = (await notes()).filter((n) => (n.body as { caseId: string }).caseId === kase.id);
      expect(mine).toEqual([expect.objectContaining({ kind: 'case_no_service' })]);
      const cookie = await login(t2.app, staff.user.phone);
      const overdue = await t2.app.inject({
        method: 'GET',
        url: '/api/v1/cases/overdue?pageSize=100',
        headers: { cookie },
      });
      expect(overdue.statusCode, overdue.body).toBe(200);
      const items = overdue.json<{ items: OverdueItem[] }>().items;
      expect(items.filter((i) => i.caseId === kase.id)).toEqual([
        expect.objectContaining({ reason: 'no_service_30_days', daysOverdue: 1 }),
      ]);
      // The served person's follow-up is overdue instead; no 30-day alert for them.
      expect(items.filter((i) => i.caseId === servedCase.id).map((i) => i.reason)).toEqual([
        'follow_up_overdue',
      ]);
      const workload = await t2.app.inject({
        method: 'GET',
        url: '/api/v1/cases/workload',
        headers: { cookie },
      });
      const row = workload
        .json<{ items: { officerUserId: string; openCases: number; withoutService30Days: number }[] }>()
        .items.find((w) => w.officerUserId === kase.officerUserId);
      expect(row?.openCases).toBeGreaterThanOrEqual(1);
      expect(row?.withoutService30Days).toBeGreaterThanOrEqual(1);
    } finally {
      await t2.close();
    }
  });
});
