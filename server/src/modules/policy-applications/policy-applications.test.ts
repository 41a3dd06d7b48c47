import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  PolicyApplication,
  PolicyApplicationSummary,
  PolicyNotice,
  PolicyObjection,
} from '@jiuye/shared';
import { testApp, type TestApp } from '../../../test/app.js';
import { signedIn } from '../../../test/factories.js';
import { createEnterprise, type TestEnterprise } from '../../../test/channel-factories.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { CITY_DISTRICT_CODES } from '../enterprises/index.js';
import { seedPolicyCatalogue } from '../policies/index.js';
import {
  closeDueNotices,
  seedDemoPolicyApplications,
  getApplicationForPayout,
  listApplicationsForPayout,
  markApplicationPaid,
  prepareApplication,
} from './index.js';

let t: TestApp;
type Session = Awaited<ReturnType<typeof signedIn>>;
let bureauA: Session;
let bureauB: Session;
let district: Session;

beforeAll(async () => {
  t = await testApp();
  bureauA = await signedIn(t.app, t.db, 'staff', {
    districtCodes: [...CITY_DISTRICT_CODES],
    displayName: '市局 甲',
  });
  bureauB = await signedIn(t.app, t.db, 'staff', {
    districtCodes: [...CITY_DISTRICT_CODES],
    displayName: '市局 乙',
  });
  district = await signedIn(t.app, t.db, 'staff', { districtCodes: ['440803'], displayName: '霞山 林科长' });
});
afterAll(async () => {
  await t.close();
});

function body<T>(res: { body: string }): T {
  return JSON.parse(res.body) as T;
}
type Problem = { code: string; errors?: { path: string; code: string }[]; detail?: string };

async function req(
  s: Session | null,
  method: 'GET' | 'POST' | 'PATCH',
  url: string,
  payload?: object,
  extra = {},
) {
  return t.app.inject({
    method,
    url,
    headers: { ...(s?.headers ?? {}), 'accept-language': 'en-US', ...extra },
    ...(payload ? { payload } : {}),
  });
}

/** A policy of our own (city-wide officer), so that tests control conditions, amounts and threshold. */
async function makePolicy(o: Record<string, unknown> = {}): Promise<string> {
  const code = `T-APP-${randomBytes(4).toString('hex')}`;
  const res = await req(bureauA, 'POST', '/api/v1/policies', {
    code,
    kind: 'social_insurance_relief',
    applicantType: 'enterprise',
    nameZh: '测试社保减免',
    nameEn: 'Test social insurance relief',
    effectiveFrom: '2020-01-01',
    eligibility: {
      all: [
        { fact: 'enterprise.verified', op: 'eq', value: true },
        { fact: 'enterprise.size', op: 'in', value: ['micro', 'small', 'medium'] },
      ],
    },
    formFields: [
      {
        key: 'contributionsFen',
        labelZh: '已缴单位部分',
        labelEn: 'Employer share paid',
        type: 'number',
        required: true,
        min: 1,
      },
    ],
    amount: { kind: 'percent', basisPoints: 10_000, baseFact: 'form.contributionsFen', capFen: 2_000_000 },
    period: 'year',
    noticeDays: 5,
    dualApprovalThresholdFen: 500_000,
    ...o,
  });
  if (res.statusCode !== 201) throw new Error(`policy: ${res.statusCode} ${res.body}`);
  return code;
}

async function employer(districtCode = '440803'): Promise<{ clerk: Session; e: TestEnterprise }> {
  const clerk = await signedIn(t.app, t.db, 'employer');
  const e = await createEnterprise(t.db, {
    ownerUserId: clerk.user.id,
    ownerPhone: clerk.user.phone,
    districtCode,
  });
  return { clerk, e };
}

async function apply(clerk: Session, code: string, enterpriseId: string, o: Record<string, unknown> = {}) {
  return req(clerk, 'POST', '/api/v1/policy-applications', {
    policyCode: code,
    enterpriseId,
    formData: { contributionsFen: 300_000 },
    ...o,
  });
}

async function decideAs(s: Session, id: string, action: string, note?: string) {
  return req(s, 'POST', `/api/v1/policy-applications/${id}/decisions`, { action, ...(note ? { note } : {}) });
}

async function expectStatus(
  res: { statusCode: number; body: string },
  status: string,
): Promise<PolicyApplication> {
  expect(res.statusCode, res.body).toBe(200);
  const a = body<PolicyApplication>(res);
  expect(a.status).toBe(status);
  return a;
}

/** Submitted → district review → bureau review, by the district officer. */
async function toBureau(id: string): Promise<void> {
  await expectStatus(await decideAs(district, id, 'start_review'), 'district_review');
  await expectStatus(await decideAs(district, id, 'pass'), 'bureau_review');
}

function ctxOf(
  s: Session,
  role: 'staff' = 'staff',
  districtCodes = [...CITY_DISTRICT_CODES],
): RequestContext {
  return {
    db: t.db,
    actor: {
      kind: 'user',
      userId: s.user.id,
      role,
      districtCodes,
      sessionId: 'test',
      mustChangePassword: false,
      permissions: new Set(['policy:review', 'policy:manage', 'payout:manage']),
    },
    requestId: 'test',
    ip: '127.0.0.1',
    userAgent: undefined,
    locale: 'zh-CN',
    now: () => t.clock.now(),
    deps: t.deps,
  };
}

describe('the review chain', () => {
  it('takes an application from submission through district, bureau, notice and payment', async () => {
    const code = await makePolicy();
    const { clerk, e } = await employer();
    const created = await apply(clerk, code, e.id);
    expect(created.statusCode, created.body).toBe(201);
    const a = body<PolicyApplication>(created);
    expect(a).toMatchObject({
      status: 'submitted',
      policyCode: code,
      policyVersion: 1,
      amountFen: 300_000,
      approvalsNeeded: 1,
      subject: { type: 'enterprise', id: e.id, name: e.name },
      districtCode: '440803',
      periodKey: String(new Date(t.clock.now().getTime() + 8 * 3600_000).getUTCFullYear()),
      allowedActions: ['withdraw'],
      eligibility: { eligible: true },
    });
    expect(a.amount).toMatchObject({ inputs: { 'form.contributionsFen': 300_000 }, amountFen: 300_000 });

    // The district queue shows it; the bureau's does too (all districts).
    const queue = body<{ items: PolicyApplicationSummary[] }>(
      await req(district, 'GET', `/api/v1/policy-applications?status=submitted&policyCode=${code}`),
    );
    expect(queue.items.map((x) => x.id)).toEqual([a.id]);
    expect(queue.items[0]?.allowedActions).toEqual(['start_review', 'return', 'reject']);

    await toBureau(a.id);
    const approved = await expectStatus(await decideAs(bureauA, a.id, 'approve'), 'notice');
    expect(approved.noticeEndsAt).not.toBeNull();
    const ends =
      new Date(approved.noticeEndsAt ?? '').getTime() - new Date(approved.noticeStartsAt ?? '').getTime();
    expect(ends).toBe(5 * 86_400_000);

    // The public notice lists it with the enterprise's name and the amount.
    const notices = body<{ items: PolicyNotice[] }>(
      await req(null, 'GET', `/api/v1/policy-notices?policyCode=${code}&current=true`),
    );
    expect(notices.items).toEqual([
      expect.objectContaining({
        applicationId: a.id,
        subjectName: e.name,
        amountFen: 300_000,
        inNotice: true,
      }),
    ]);

    // Not yet due: nothing moves. After five days: approved.
    expect(await closeDueNotices(t.db, t.clock.now())).toBeGreaterThanOrEqual(0);
    expect(
      body<PolicyApplication>(await req(clerk, 'GET', `/api/v1/policy-applications/${a.id}`)).status,
    ).toBe('notice');
    await closeDueNotices(t.db, new Date(t.clock.now().getTime() + 5 * 86_400_000 + 1000));
    const after = body<PolicyApplication>(await req(clerk, 'GET', `/api/v1/policy-applications/${a.id}`));
    expect(after.status).toBe('approved');
    expect(after.events.map((ev) => [ev.action, ev.toStatus, ev.by])).toEqual([
      ['submit', 'submitted', 'applicant'],
      ['start_review', 'district_review', 'district'],
      ['pass', 'bureau_review', 'district'],
      ['approve', 'notice', 'bureau'],
      ['notice_end', 'approved', 'system'],
    ]);
    // Staff names are for staff only.
    expect(after.events.every((ev) => ev.actorName === null)).toBe(true);
    const staffView = body<PolicyApplication>(
      await req(bureauA, 'GET', `/api/v1/policy-applications/${a.id}`),
    );
    expect(staffView.events[1]?.actorName).toBe('霞山 林科长');

    // The payouts module: listed, locked, marked paid once.
    const payable = await listApplicationsForPayout(t.db, { policyCode: code });
    expect(payable.map((p) => [p.id, p.amountFen, p.subjectId])).toEqual([[a.id, 300_000, e.id]]);
    const payoutId = '11111111-1111-4111-8111-111111111111';
    await t.db.transaction().execute(async (tx) => {
      const locked = await getApplicationForPayout(tx, a.id);
      expect(locked).toMatchObject({ status: 'approved', amountFen: 300_000 });
      expect(await markApplicationPaid(tx, a.id, payoutId)).toBe('paid');
      expect(await markApplicationPaid(tx, a.id, payoutId)).toBe('already_paid');
      await expect(
        markApplicationPaid(tx, a.id, '22222222-2222-4222-8222-222222222222'),
      ).rejects.toMatchObject({
        code: 'already_paid',
      });
    });
    const paid = body<PolicyApplication>(await req(clerk, 'GET', `/api/v1/policy-applications/${a.id}`));
    expect(paid).toMatchObject({ status: 'paid', payoutId });
    const audit = await t.db
      .selectFrom('auditLog')
      .select('action')
      .where('entityId', '=', a.id)
      .orderBy('id')
      .execute();
    expect(audit.map((x) => x.action)).toEqual([
      'policy_application.submit',
      'policy_application.start_review',
      'policy_application.pass',
      'policy_application.approve',
      'policy_application.notice_end',
      'policy_application.paid',
    ]);
    const notes = await t.db
      .selectFrom('notifications')
      .select('kind')
      .where('userId', '=', clerk.user.id)
      .where('kind', '=', 'policy_application_status')
      .execute();
    expect(notes.length).toBeGreaterThanOrEqual(4);
  });

  it('returns for correction with a reason, and takes the corrected resubmission', async () => {
    const code = await makePolicy();
    const { clerk, e } = await employer();
    const a = body<PolicyApplication>(await apply(clerk, code, e.id));
    await expectStatus(await decideAs(district, a.id, 'start_review'), 'district_review');
    const noNote = await decideAs(district, a.id, 'return');
    expect(noNote.statusCode).toBe(400);
    expect(body<Problem>(noNote).errors).toEqual([
      expect.objectContaining({ path: 'note', code: 'required' }),
    ]);
    const returned = await expectStatus(
      await decideAs(district, a.id, 'return', '缴费明细缺少3月'),
      'returned',
    );
    expect(returned.lastNote).toBe('缴费明细缺少3月');
    const mine = body<PolicyApplication>(await req(clerk, 'GET', `/api/v1/policy-applications/${a.id}`));
    expect(mine.allowedActions).toEqual(['resubmit', 'withdraw']);
    const fixed = await req(clerk, 'PATCH', `/api/v1/policy-applications/${a.id}`, {
      formData: { contributionsFen: 320_000 },
    });
    expect(fixed.statusCode, fixed.body).toBe(200);
    const again = await expectStatus(await decideAs(clerk, a.id, 'resubmit'), 'submitted');
    expect(again.amountFen).toBe(320_000);
    // Reject needs a reason too, and is final.
    const rejected = await expectStatus(await decideAs(district, a.id, 'reject', '不属于本辖区'), 'rejected');
    expect(rejected.allowedActions).toEqual([]);
    expect(body<Problem>(await decideAs(clerk, a.id, 'withdraw')).code).toBe('conflict');
  });

  it('refuses an ineligible submission with reasons (422) but keeps a draft', async () => {
    const code = await makePolicy();
    const { clerk, e } = await employer();
    await t.db.updateTable('enterprises').set({ size: 'large' }).where('id', '=', e.id).execute();
    const res = await apply(clerk, code, e.id);
    expect(res.statusCode).toBe(422);
    const p = body<Problem>(res);
    expect(p.code).toBe('not_eligible');
    expect(p.errors).toEqual([
      expect.objectContaining({ path: 'eligibility.all.1', code: 'condition_not_met' }),
    ]);
    expect(p.detail).toContain('Enterprise size large; required one of micro, small, medium');
    const draft = await apply(clerk, code, e.id, { submit: false });
    expect(draft.statusCode).toBe(201);
    const d = body<PolicyApplication>(draft);
    expect(d).toMatchObject({ status: 'draft', allowedActions: ['submit', 'withdraw'] });
    expect(body<Problem>(await decideAs(clerk, d.id, 'submit')).code).toBe('not_eligible');
    // Form data is checked against the policy's fields.
    const unknownField = await apply(clerk, code, e.id, { formData: { contributionsFen: 1, other: 'x' } });
    expect(body<Problem>(unknownField).errors).toContainEqual(
      expect.objectContaining({ path: 'formData.other', code: 'unknown_field' }),
    );
    const missing = await apply(clerk, code, e.id, { formData: {} });
    expect(body<Problem>(missing).errors).toContainEqual(
      expect.objectContaining({ path: 'formData.contributionsFen', code: 'required' }),
    );
    const expired = await makePolicy({ effectiveTo: '2020-12-31' });
    await t.db.updateTable('enterprises').set({ size: 'small' }).where('id', '=', e.id).execute();
    expect(body<Problem>(await apply(clerk, expired, e.id)).code).toBe('policy_not_effective');
  });
});

describe('access', () => {
  it('hides an application from another enterprise’s clerk and from officers of other districts', async () => {
    const code = await makePolicy();
    const { clerk, e } = await employer('440804');
    const a = body<PolicyApplication>(await apply(clerk, code, e.id));
    const other = await employer();
    expect((await req(other.clerk, 'GET', `/api/v1/policy-applications/${a.id}`)).statusCode).toBe(404);
    expect((await decideAs(other.clerk, a.id, 'withdraw')).statusCode).toBe(404);
    expect(
      (await req(other.clerk, 'PATCH', `/api/v1/policy-applications/${a.id}`, { formData: {} })).statusCode,
    ).toBe(404);
    // Applying for someone else's enterprise: 404.
    expect((await apply(other.clerk, code, e.id)).statusCode).toBe(404);
    // 霞山 (440803) officer, application in 坡头 (440804): not found; their queue does not list it.
    expect((await req(district, 'GET', `/api/v1/policy-applications/${a.id}`)).statusCode).toBe(404);
    expect((await decideAs(district, a.id, 'start_review')).statusCode).toBe(404);
    const queue = body<{ items: PolicyApplicationSummary[] }>(
      await req(district, 'GET', `/api/v1/policy-applications?policyCode=${code}`),
    );
    expect(queue.items).toEqual([]);
    const outside = await req(district, 'GET', '/api/v1/policy-applications?districtCode=440804');
    expect(outside.statusCode).toBe(403);
    // The clerk sees theirs only.
    const mine = body<{ items: PolicyApplicationSummary[] }>(
      await req(clerk, 'GET', '/api/v1/policy-applications'),
    );
    expect(mine.items.map((x) => x.id)).toEqual([a.id]);
    expect(
      body<{ items: unknown[] }>(await req(other.clerk, 'GET', '/api/v1/policy-applications')).items,
    ).toEqual([]);
  });

  it('lets no applicant review or approve, and no district officer approve', async () => {
    const code = await makePolicy();
    const { clerk, e } = await employer();
    const a = body<PolicyApplication>(await apply(clerk, code, e.id));
    expect(body<Problem>(await decideAs(clerk, a.id, 'start_review')).code).toBe('forbidden');
    await toBureau(a.id);
    const own = await decideAs(clerk, a.id, 'approve');
    expect(own.statusCode).toBe(403);
    expect(body<Problem>(own).code).toBe('forbidden');
    expect((await decideAs(district, a.id, 'approve')).statusCode).toBe(403);
    // A district step at the bureau's stage: not possible now (409), rather than not allowed.
    expect(body<Problem>(await decideAs(district, a.id, 'pass')).code).toBe('conflict');
    // Bad input never makes a 500.
    expect((await decideAs(bureauA, a.id, 'launch')).statusCode).toBe(400);
    expect(
      (
        await req(bureauA, 'POST', `/api/v1/policy-applications/${a.id}/decisions`, {
          action: 'approve',
          x: 1,
        })
      ).statusCode,
    ).toBe(400);
    expect((await req(bureauA, 'GET', '/api/v1/policy-applications/not-a-uuid')).statusCode).toBe(400);
    expect((await req(bureauA, 'GET', '/api/v1/policy-applications?status=paidd')).statusCode).toBe(400);
  });
});

describe('maker-checker', () => {
  it('refuses an approval by the officer who reviewed it in the district', async () => {
    const code = await makePolicy();
    const { clerk, e } = await employer();
    const a = body<PolicyApplication>(await apply(clerk, code, e.id));
    // A city-wide officer covers 霞山 too: they may take the district step…
    await expectStatus(await decideAs(bureauA, a.id, 'start_review'), 'district_review');
    await expectStatus(await decideAs(bureauA, a.id, 'pass'), 'bureau_review');
    // …but then not approve it.
    const self = await decideAs(bureauA, a.id, 'approve');
    expect(self.statusCode).toBe(403);
    expect(body<Problem>(self).code).toBe('separation_of_duties');
    expect(
      body<PolicyApplication>(await req(bureauA, 'GET', `/api/v1/policy-applications/${a.id}`))
        .allowedActions,
    ).toEqual(['return', 'reject']);
    await expectStatus(await decideAs(bureauB, a.id, 'approve'), 'notice');
  });

  it('needs two distinct city-wide approvers above the threshold', async () => {
    const code = await makePolicy();
    const { clerk, e } = await employer();
    const a = body<PolicyApplication>(
      await apply(clerk, code, e.id, { formData: { contributionsFen: 800_000 } }),
    );
    expect(a).toMatchObject({ amountFen: 800_000, approvalsNeeded: 2 });
    await toBureau(a.id);
    const first = await expectStatus(await decideAs(bureauA, a.id, 'approve'), 'bureau_review');
    expect(first.approvalsGiven).toBe(1);
    expect(first.events.at(-1)?.action).toBe('approve_first');
    const twice = await decideAs(bureauA, a.id, 'approve');
    expect(body<Problem>(twice).code).toBe('separation_of_duties');
    const second = await expectStatus(await decideAs(bureauB, a.id, 'approve'), 'notice');
    expect(second.approvalsGiven).toBe(2);
  });

  it('treats the officer who prepared an application as its maker', async () => {
    const code = await makePolicy();
    const { clerk, e } = await employer();
    const prepared = await t.db.transaction().execute((tx) =>
      prepareApplication(tx, ctxOf(bureauA), {
        policyCode: code,
        subject: { type: 'enterprise', id: e.id },
        formData: { contributionsFen: 200_000 },
      }),
    );
    expect(prepared).toMatchObject({ status: 'draft', created: true, eligibility: { eligible: true } });
    const again = await t.db.transaction().execute((tx) =>
      prepareApplication(tx, ctxOf(bureauA), {
        policyCode: code,
        subject: { type: 'enterprise', id: e.id },
      }),
    );
    expect(again).toMatchObject({ id: prepared.id, created: false });
    // The officer cannot submit for the beneficiary; the clerk confirms.
    expect(body<Problem>(await decideAs(bureauA, prepared.id, 'submit')).code).toBe('forbidden');
    const confirmed = await expectStatus(await decideAs(clerk, prepared.id, 'submit'), 'submitted');
    expect(confirmed.preparedByStaff).toBe(true);
    await toBureau(prepared.id);
    expect(body<Problem>(await decideAs(bureauA, prepared.id, 'approve')).code).toBe('separation_of_duties');
    await expectStatus(await decideAs(bureauB, prepared.id, 'approve'), 'notice');
    // A district officer outside the subject's district cannot prepare.
    const far = await employer('440882');
    await expect(
      t.db.transaction().execute((tx) =>
        prepareApplication(tx, ctxOf(district, 'staff', ['440803']), {
          policyCode: code,
          subject: { type: 'enterprise', id: far.e.id },
        }),
      ),
    ).rejects.toBeInstanceOf(AppError);
  });
});

describe('one grant per subject, policy and period', () => {
  it('lets exactly one of 20 concurrent submissions count', async () => {
    const code = await makePolicy();
    const { clerk, e } = await employer();
    const results = await Promise.all(Array.from({ length: 20 }, () => apply(clerk, code, e.id)));
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(19);
    for (const r of results.filter((x) => x.statusCode === 409))
      expect(body<Problem>(r).code).toBe('already_granted');
    const rows = await t.db
      .selectFrom('policyApplications')
      .select(['status'])
      .where('enterpriseId', '=', e.id)
      .where('policyCode', '=', code)
      .execute();
    expect(rows).toEqual([{ status: 'submitted' }]);
  });

  it('answers already_granted when the unique index, not the pre-check, catches the duplicate', async () => {
    const code = await makePolicy();
    const { clerk, e } = await employer();
    const first = body<PolicyApplication>(await apply(clerk, code, e.id, { submit: false }));
    let pending: ReturnType<typeof apply> | undefined;
    await t.db.transaction().execute(async (tx) => {
      // A submission another request is still committing: invisible to the pre-check.
      await tx
        .updateTable('policyApplications')
        .set({ status: 'submitted', submittedAt: new Date() })
        .where('id', '=', first.id)
        .execute();
      pending = apply(clerk, code, e.id);
      // Long enough for the request to pass its pre-check and wait on the index entry.
      await new Promise((r) => setTimeout(r, 400));
    });
    const res = await (pending as ReturnType<typeof apply>);
    expect(res.statusCode).toBe(409);
    expect(body<Problem>(res).code).toBe('already_granted');
  });

  it('lets a withdrawn or rejected application be applied for again, and a draft not count', async () => {
    const code = await makePolicy();
    const { clerk, e } = await employer();
    const draft = body<PolicyApplication>(await apply(clerk, code, e.id, { submit: false }));
    const a = body<PolicyApplication>(await apply(clerk, code, e.id));
    expect(a.status).toBe('submitted');
    expect(body<Problem>(await decideAs(clerk, draft.id, 'submit')).code).toBe('already_granted');
    await expectStatus(await decideAs(clerk, a.id, 'withdraw'), 'withdrawn');
    await expectStatus(await decideAs(clerk, draft.id, 'submit'), 'submitted');
  });
});

describe('public notice and objections', () => {
  it('masks people, records objections, and an upheld objection sends it back to the bureau', async () => {
    const code = await makePolicy({
      applicantType: 'person',
      kind: 'startup_subsidy',
      eligibility: {
        all: [
          { fact: 'person.isLocalHousehold', op: 'eq', value: true },
          { fact: 'person.age', op: 'between', value: [18, 60] },
        ],
      },
      formFields: [],
      amount: { kind: 'fixed', amountFen: 1_000_000 },
      period: 'once',
      dualApprovalThresholdFen: 2_000_000,
    });
    const seeker = await signedIn(t.app, t.db, 'seeker');
    await t.db
      .insertInto('persons')
      .values({
        userId: seeker.user.id,
        fullName: '黄志强',
        phone: seeker.user.phone,
        birthDate: '1990-05-01',
        gender: 'male',
        householdRegionCode: '440803',
      })
      .execute();
    const created = await req(seeker, 'POST', '/api/v1/policy-applications', { policyCode: code });
    expect(created.statusCode, created.body).toBe(201);
    const a = body<PolicyApplication>(created);
    expect(a).toMatchObject({
      status: 'submitted',
      districtCode: '440803',
      amountFen: 1_000_000,
      subject: { name: '黄志强' },
    });
    // A seeker cannot apply as somebody else.
    const someone = await req(seeker, 'POST', '/api/v1/policy-applications', {
      policyCode: code,
      personId: '00000000-0000-4000-8000-000000000000',
    });
    expect(someone.statusCode).toBe(403);
    await toBureau(a.id);
    await expectStatus(await decideAs(bureauA, a.id, 'approve'), 'notice');
    const notices = body<{ items: PolicyNotice[] }>(
      await req(null, 'GET', `/api/v1/policy-notices?policyCode=${code}`),
    );
    expect(notices.items[0]).toMatchObject({
      subjectType: 'person',
      subjectName: '黄*强',
      amountFen: 1_000_000,
    });
    expect(JSON.stringify(notices)).not.toContain('黄志强');

    const neighbour = await signedIn(t.app, t.db, 'seeker');
    const obj = await req(neighbour, 'POST', `/api/v1/policy-notices/${a.id}/objections`, {
      reason: '该人员2019年已在外省领取过创业补贴',
    });
    expect(obj.statusCode, obj.body).toBe(201);
    const objection = body<PolicyObjection>(obj);
    // An open objection holds the approval at the end of the notice.
    await closeDueNotices(t.db, new Date(t.clock.now().getTime() + 6 * 86_400_000));
    expect(
      body<PolicyApplication>(await req(seeker, 'GET', `/api/v1/policy-applications/${a.id}`)).status,
    ).toBe('notice');
    const open = body<{ items: PolicyObjection[] }>(
      await req(district, 'GET', '/api/v1/policy-objections?status=open'),
    );
    expect(open.items.map((o) => o.id)).toContain(objection.id);
    // District officers see objections; only the bureau resolves them.
    expect(
      (
        await req(district, 'POST', `/api/v1/policy-objections/${objection.id}/resolution`, {
          outcome: 'upheld',
          note: '核实属实',
        })
      ).statusCode,
    ).toBe(403);
    const upheld = await req(bureauB, 'POST', `/api/v1/policy-objections/${objection.id}/resolution`, {
      outcome: 'upheld',
      note: '经核实属实，退回重新审批',
    });
    expect(upheld.statusCode, upheld.body).toBe(200);
    expect(body<PolicyObjection>(upheld).status).toBe('upheld');
    const back = body<PolicyApplication>(await req(bureauA, 'GET', `/api/v1/policy-applications/${a.id}`));
    expect(back).toMatchObject({ status: 'bureau_review', noticeEndsAt: null, approvalsGiven: 0 });
    expect(back.objections).toEqual([expect.objectContaining({ id: objection.id, status: 'upheld' })]);
    expect(back.events.at(-1)).toMatchObject({ action: 'objection_upheld', toStatus: 'bureau_review' });
    // Applicants do not see objections.
    expect(
      body<PolicyApplication>(await req(seeker, 'GET', `/api/v1/policy-applications/${a.id}`)).objections,
    ).toEqual([]);
    // Objecting outside a notice: the application is not on notice any more.
    expect(
      (
        await req(neighbour, 'POST', `/api/v1/policy-notices/${a.id}/objections`, {
          reason: '再次提出异议内容',
        })
      ).statusCode,
    ).toBe(404);
    // Approve again; after the window closes objections are refused.
    await expectStatus(await decideAs(bureauA, a.id, 'approve'), 'notice');
    // The window closes (moved into the past rather than moving the clock: sessions would expire).
    await t.db
      .updateTable('policyApplications')
      .set({ noticeEndsAt: new Date(t.clock.now().getTime() - 1000) })
      .where('id', '=', a.id)
      .execute();
    const late = await req(neighbour, 'POST', `/api/v1/policy-notices/${a.id}/objections`, {
      reason: '迟到的异议内容',
    });
    expect(late.statusCode).toBe(409);
    expect(body<Problem>(late).errors).toEqual([expect.objectContaining({ code: 'objection_closed' })]);
    expect(await closeDueNotices(t.db, t.clock.now())).toBeGreaterThanOrEqual(1);
    expect(
      body<PolicyApplication>(await req(seeker, 'GET', `/api/v1/policy-applications/${a.id}`)).status,
    ).toBe('approved');
    // A second grant of a once-only policy: refused.
    expect(
      body<Problem>(await req(seeker, 'POST', '/api/v1/policy-applications', { policyCode: code })).code,
    ).toBe('already_granted');
  });
});

describe('documents', () => {
  const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(64)]);

  function multipart(content: Buffer, filename: string) {
    const boundary = `----jiuye${randomBytes(6).toString('hex')}`;
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
  }

  async function upload(s: Session, content: Buffer, filename = 'a.png') {
    const m = multipart(content, filename);
    return t.app.inject({
      method: 'POST',
      url: '/api/v1/policy-documents',
      headers: { ...s.headers, ...m.headers },
      payload: m.payload,
    });
  }

  it('takes PDF/JPG/PNG by content, requires the listed documents, and serves them to the reviewers', async () => {
    const code = await makePolicy({
      requiredDocuments: [
        { code: 'contribution_statement', nameZh: '缴费明细', nameEn: 'Statement', required: true },
      ],
    });
    const { clerk, e } = await employer();
    const bad = await upload(clerk, Buffer.from('MZ not a document'), 'x.pdf');
    expect(bad.statusCode).toBe(415);
    expect(body<Problem>(bad).errors).toEqual([expect.objectContaining({ path: 'file', code: 'file_type' })]);
    const up = await upload(clerk, PNG);
    expect(up.statusCode, up.body).toBe(201);
    const { fileId } = body<{ fileId: string; mediaType: string }>(up);
    const missing = await apply(clerk, code, e.id);
    expect(body<Problem>(missing).errors).toEqual([
      expect.objectContaining({ path: 'documents.contribution_statement', code: 'document_required' }),
    ]);
    const wrongCode = await apply(clerk, code, e.id, { documents: [{ fileId, docCode: 'licence' }] });
    expect(body<Problem>(wrongCode).errors).toContainEqual(
      expect.objectContaining({ path: 'documents.0.docCode' }),
    );
    // Somebody else's upload cannot be attached.
    const other = await employer();
    const theirs = await apply(other.clerk, code, other.e.id, {
      documents: [{ fileId, docCode: 'contribution_statement' }],
    });
    expect(body<Problem>(theirs).errors).toContainEqual(
      expect.objectContaining({ path: 'documents.0.fileId', code: 'unknown_document' }),
    );
    const ok = await apply(clerk, code, e.id, { documents: [{ fileId, docCode: 'contribution_statement' }] });
    expect(ok.statusCode, ok.body).toBe(201);
    const a = body<PolicyApplication>(ok);
    expect(a.documents).toEqual([
      expect.objectContaining({ fileId, docCode: 'contribution_statement', mediaType: 'image/png' }),
    ]);
    const dl = await req(district, 'GET', `/api/v1/policy-applications/${a.id}/documents/${fileId}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('image/png');
    expect(dl.rawPayload.equals(PNG)).toBe(true);
    expect(
      (await req(other.clerk, 'GET', `/api/v1/policy-applications/${a.id}/documents/${fileId}`)).statusCode,
    ).toBe(404);
  });
});

describe('demo data', () => {
  it('seeds applications at each stage, consistent with the workflow and the constraints', async () => {
    await seedPolicyCatalogue(t.db);
    const demo = await employer();
    const others = await Promise.all([employer(), employer(), employer(), employer()]);
    const n = await t.db.transaction().execute((tx) =>
      seedDemoPolicyApplications(tx, {
        now: t.clock.now(),
        employer: { enterpriseId: demo.e.id, userId: demo.clerk.user.id },
        others: others.map((o) => ({ enterpriseId: o.e.id, userId: o.clerk.user.id })),
        districtOfficerId: district.user.id,
        bureauOfficerId: bureauA.user.id,
      }),
    );
    expect(n).toBe(6);
    const mine = body<{ items: PolicyApplicationSummary[] }>(
      await req(demo.clerk, 'GET', '/api/v1/policy-applications'),
    );
    expect(mine.items.map((a) => [a.policyCode, a.status]).sort()).toEqual([
      ['ZJ2020-CHARTER-TRANSPORT', 'notice'],
      ['ZJ2020-TRAINING', 'returned'],
    ]);
    const returned = mine.items.find((a) => a.status === 'returned');
    expect(returned?.allowedActions).toEqual(['resubmit', 'withdraw']);
    const statuses = [];
    for (const o of others) {
      const items = body<{ items: PolicyApplicationSummary[] }>(
        await req(o.clerk, 'GET', '/api/v1/policy-applications'),
      ).items;
      statuses.push(items[0]?.status);
    }
    expect(statuses).toEqual(['submitted', 'district_review', 'bureau_review', 'approved']);
    // The 霞山 officer took the district steps, so the city-wide officer may approve.
    const inBureau = body<{ items: PolicyApplicationSummary[] }>(
      await req(others[2]?.clerk ?? null, 'GET', '/api/v1/policy-applications'),
    ).items[0];
    expect((await decideAs(bureauA, inBureau?.id ?? '', 'approve')).statusCode).toBe(200);
  });
});
