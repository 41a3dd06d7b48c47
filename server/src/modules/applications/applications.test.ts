import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Application } from '@jiuye/shared';
import { testApp, type TestApp } from '../../../test/app.js';
import { signedIn } from '../../../test/factories.js';
import { createEnterprise, createPosting, type TestEnterprise } from '../../../test/channel-factories.js';
import type { Db } from '../../db/database.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
const enterprises: string[] = [];
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

/** A welder's résumé in 霞山区, written directly (the résumés module owns the API). */
async function createResume(db: Db, userId: string, fullName = '黄志强'): Promise<void> {
  await db
    .insertInto('resumes')
    .values({
      userId,
      fullName,
      idNumberEnc: 'v1.test.test.test',
      idNumberHash: randomBytes(16).toString('hex'),
      idNumberMasked: '4408**********0017',
      birthDate: '1990-05-01',
      gender: 'male',
      householdRegionCode: '450222',
      educationLevel: 'secondary_vocational',
      skills: ['二保焊', '氩弧焊'],
      experiences: JSON.stringify([
        {
          employer: '湛江南方船舶修造厂',
          title: '电焊工',
          from: '2014-03',
          to: null,
          description: '船体焊接',
        },
      ]),
      certificates: JSON.stringify([
        { name: '特种作业操作证（焊接与热切割作业）', issuer: '湛江市应急管理局' },
      ]),
      desiredOccupationCodes: ['6-18-02-04'],
      desiredDistrictCodes: ['440803'],
      expectedSalaryMinFen: 600_000,
      availableFrom: null,
      willingToRelocate: false,
      currentRegionCode: '440803',
      experienceYears: 8,
      keyGroupConsentId: null,
      visibilityConsentId: null,
    })
    .execute();
}

type Session = Awaited<ReturnType<typeof signedIn>>;

async function seeker(withResume = true): Promise<Session> {
  const s = await signedIn(t.app, t.db, 'seeker');
  if (withResume) await createResume(t.db, s.user.id);
  return s;
}

async function employerWithPosting(
  o: { headcount?: number; districtCode?: string } = {},
): Promise<{ employer: Session; enterprise: TestEnterprise; postingId: string }> {
  const employer = await signedIn(t.app, t.db, 'employer');
  const enterprise = await createEnterprise(t.db, {
    ownerUserId: employer.user.id,
    ownerPhone: employer.user.phone,
    districtCode: o.districtCode ?? '440803',
  });
  enterprises.push(enterprise.id);
  const p = await createPosting(t.db, enterprise, { headcount: o.headcount ?? 3 });
  return { employer, enterprise, postingId: p.id };
}

function body<T>(res: { body: string }): T {
  return JSON.parse(res.body) as T;
}

async function apply(s: Session, postingId: string, key?: string) {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/job-postings/${postingId}/applications`,
    headers: { ...s.headers, ...(key ? { 'idempotency-key': key } : {}) },
    payload: { shareResumeConsent: true, message: '本人持焊工证，可随时到岗' },
  });
}

async function patch(s: Session, id: string, payload: object) {
  return t.app.inject({ method: 'PATCH', url: `/api/v1/applications/${id}`, headers: s.headers, payload });
}

function inTwoDays(): string {
  return new Date(t.clock.now().getTime() + 2 * 86400_000).toISOString();
}

describe('applying', () => {
  it('applies once: the same Idempotency-Key replays, a second attempt is already_applied', async () => {
    const { enterprise, postingId } = await employerWithPosting();
    const s = await seeker();
    const first = await apply(s, postingId, 'apply-key-0001');
    expect(first.statusCode).toBe(201);
    const app = body<Application>(first);
    expect(app).toMatchObject({
      status: 'submitted',
      postingId,
      enterpriseId: enterprise.id,
      seekerName: '黄志强',
      resume: { idNumberMasked: '4408**********0017', message: '本人持焊工证，可随时到岗' },
    });
    expect(JSON.stringify(app.resume)).not.toMatch(/idNumber"|gender|householdRegion|keyGroups/);

    const replay = await apply(s, postingId, 'apply-key-0001');
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(body<Application>(replay).id).toBe(app.id);

    const again = await apply(s, postingId);
    expect(again.statusCode).toBe(409);
    expect(body<{ code: string }>(again).code).toBe('already_applied');
    const other = await apply(s, postingId, 'apply-key-0002');
    expect(body<{ code: string }>(other).code).toBe('already_applied');

    const rows = await t.db
      .selectFrom('applications')
      .select(['id', 'consentId'])
      .where('postingId', '=', postingId)
      .where('seekerUserId', '=', s.user.id)
      .execute();
    expect(rows).toHaveLength(1);
    const consent = await t.db
      .selectFrom('consents')
      .select(['kind', 'context', 'userId'])
      .where('id', '=', rows[0]?.consentId ?? '')
      .executeTakeFirstOrThrow();
    expect(consent).toEqual({
      kind: 'resume_share',
      userId: s.user.id,
      context: { postingId, enterpriseId: enterprise.id },
    });
  });

  it('lets exactly one of two concurrent applications through (the unique index decides)', async () => {
    for (let round = 0; round < 3; round++) {
      const { postingId } = await employerWithPosting();
      const s = await seeker();
      const results = await Promise.all([
        apply(s, postingId, `race-a-${round}-${s.user.id}`),
        apply(s, postingId, `race-b-${round}-${s.user.id}`),
      ]);
      expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
      const loser = results.find((r) => r.statusCode === 409);
      expect(body<{ code: string }>(loser ?? { body: '{}' }).code).toBe('already_applied');
      const n = await t.db
        .selectFrom('applications')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('postingId', '=', postingId)
        .executeTakeFirstOrThrow();
      expect(Number(n.n)).toBe(1);
    }
  });

  it('answers already_applied when the unique index, not the pre-check, catches the duplicate', async () => {
    const { enterprise, postingId } = await employerWithPosting();
    const s = await seeker();
    let pending: ReturnType<typeof apply> | undefined;
    await t.db.transaction().execute(async (tx) => {
      // An application another request is still inserting: invisible to the pre-check.
      const consent = await tx
        .insertInto('consents')
        .values({ userId: s.user.id, kind: 'resume_share', noticeVersion: 'test' })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx
        .insertInto('applications')
        .values({
          postingId,
          seekerUserId: s.user.id,
          enterpriseId: enterprise.id,
          status: 'submitted',
          resumeSnapshot: '{}',
          consentId: consent.id,
        })
        .execute();
      pending = apply(s, postingId);
      // Long enough for the request to pass its pre-check and wait on the index entry.
      await new Promise((r) => setTimeout(r, 400));
    });
    const res = await (pending as ReturnType<typeof apply>);
    expect(res.statusCode).toBe(409);
    expect(body<{ code: string }>(res).code).toBe('already_applied');
  });

  it('needs a résumé, and a published posting that is not full', async () => {
    const { enterprise, postingId } = await employerWithPosting();
    const noResume = await seeker(false);
    const r = await t.app.inject({
      method: 'POST',
      url: `/api/v1/job-postings/${postingId}/applications`,
      headers: { ...noResume.headers, 'accept-language': 'en-US' },
      payload: { shareResumeConsent: true },
    });
    expect(r.statusCode).toBe(409);
    expect(body<{ code: string; detail: string }>(r)).toMatchObject({
      code: 'resume_required',
      detail: expect.stringContaining('résumé') as string,
    });

    const s = await seeker();
    const paused = await createPosting(t.db, enterprise, { status: 'paused' });
    expect(body<{ code: string }>(await apply(s, paused.id)).code).toBe('posting_not_open');
    const expired = await createPosting(t.db, enterprise, { expiresOn: '2020-01-01' });
    expect(body<{ code: string }>(await apply(s, expired.id)).code).toBe('posting_not_open');
    expect((await apply(s, '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    const consent = await t.app.inject({
      method: 'POST',
      url: `/api/v1/job-postings/${postingId}/applications`,
      headers: s.headers,
      payload: { shareResumeConsent: false },
    });
    expect(consent.statusCode).toBe(400);
  });
});

describe('the hiring workflow', () => {
  it('takes an application through viewed, interview and hired; the posting fills and closes', async () => {
    const { employer, postingId } = await employerWithPosting({ headcount: 1 });
    const s = await seeker();
    const app = body<Application>(await apply(s, postingId));

    const list = await t.app.inject({
      method: 'GET',
      url: `/api/v1/job-postings/${postingId}/applications?status=submitted`,
      headers: employer.headers,
    });
    expect(list.statusCode).toBe(200);
    const page = body<{ items: Application[]; total: number }>(list);
    expect(page.total).toBe(1);
    expect(page.items[0]?.resume?.skills).toEqual(['二保焊', '氩弧焊']);

    // The enterprise's first read of the application marks it viewed.
    const read = await t.app.inject({
      method: 'GET',
      url: `/api/v1/applications/${app.id}`,
      headers: employer.headers,
    });
    expect(body<Application>(read).status).toBe('viewed');

    const interview = await patch(employer, app.id, {
      status: 'interview',
      interviewAt: inTwoDays(),
      interviewPlace: '湛江市霞山区人民大道南 1 号 3 楼人事部',
      note: '请携带身份证和焊工证',
    });
    expect(interview.statusCode).toBe(200);
    expect(body<Application>(interview)).toMatchObject({
      status: 'interview',
      interviewPlace: '湛江市霞山区人民大道南 1 号 3 楼人事部',
      note: '请携带身份证和焊工证',
    });

    const hired = await patch(employer, app.id, { status: 'hired' });
    expect(hired.statusCode).toBe(200);
    const posting = await t.db
      .selectFrom('jobPostings')
      .select(['hiredCount', 'status', 'closedReason'])
      .where('id', '=', postingId)
      .executeTakeFirstOrThrow();
    expect(posting).toEqual({ hiredCount: 1, status: 'closed', closedReason: 'filled' });
    const hires = await t.db
      .selectFrom('hires')
      .select('seekerUserId')
      .where('applicationId', '=', app.id)
      .execute();
    expect(hires).toEqual([{ seekerUserId: s.user.id }]);

    // The seeker sees the status and the timeline, and was told at each step.
    const mine = body<{ items: Application[] }>(
      await t.app.inject({ method: 'GET', url: '/api/v1/me/applications', headers: s.headers }),
    );
    const item = mine.items.find((a) => a.id === app.id);
    expect(item?.status).toBe('hired');
    expect(item?.resume).toBeNull();
    expect(item?.events.map((e) => [e.toStatus, e.by])).toEqual([
      ['submitted', 'seeker'],
      ['viewed', 'enterprise'],
      ['interview', 'enterprise'],
      ['hired', 'enterprise'],
    ]);
    const notes = await t.db
      .selectFrom('notifications')
      .select(['kind', 'titleZh'])
      .where('userId', '=', s.user.id)
      .orderBy('createdAt')
      .execute();
    expect(notes.map((n) => n.kind)).toEqual([
      'application_status',
      'application_status',
      'application_status',
    ]);
    expect(notes[2]?.titleZh).toContain('录用');
    const audit = await t.db
      .selectFrom('auditLog')
      .select('action')
      .where('entityId', '=', app.id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'application.submit',
      'application.viewed',
      'application.interview',
      'application.hired',
    ]);

    // A filled posting takes no more applications.
    expect(body<{ code: string }>(await apply(await seeker(), postingId)).code).toBe('posting_not_open');
  });

  it('hires exactly one of two applicants racing for the last place', async () => {
    const { employer, postingId } = await employerWithPosting({ headcount: 1 });
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) ids.push(body<Application>(await apply(await seeker(), postingId)).id);
    const results = await Promise.all(ids.map((id) => patch(employer, id, { status: 'hired' })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(body<{ code: string }>(results.find((r) => r.statusCode === 409) ?? { body: '{}' }).code).toBe(
      'posting_filled',
    );
    const hires = await t.db
      .selectFrom('hires')
      .select('applicationId')
      .where('postingId', '=', postingId)
      .execute();
    expect(hires).toHaveLength(1);
    const statuses = await t.db
      .selectFrom('applications')
      .select('status')
      .where('postingId', '=', postingId)
      .execute();
    expect(statuses.map((s) => s.status).sort()).toEqual(['hired', 'submitted']);
    const posting = await t.db
      .selectFrom('jobPostings')
      .select(['hiredCount', 'status'])
      .where('id', '=', postingId)
      .executeTakeFirstOrThrow();
    expect(posting).toEqual({ hiredCount: 1, status: 'closed' });
  });

  it('keeps a posting open until its headcount is reached', async () => {
    const { employer, postingId } = await employerWithPosting({ headcount: 2 });
    const a = body<Application>(await apply(await seeker(), postingId));
    const b = body<Application>(await apply(await seeker(), postingId));
    expect((await patch(employer, a.id, { status: 'hired' })).statusCode).toBe(200);
    const mid = await t.db
      .selectFrom('jobPostings')
      .select(['hiredCount', 'status'])
      .where('id', '=', postingId)
      .executeTakeFirstOrThrow();
    expect(mid).toEqual({ hiredCount: 1, status: 'published' });
    expect((await patch(employer, b.id, { status: 'offer' })).statusCode).toBe(200);
    expect((await patch(employer, b.id, { status: 'hired' })).statusCode).toBe(200);
    const end = await t.db
      .selectFrom('jobPostings')
      .select(['hiredCount', 'status'])
      .where('id', '=', postingId)
      .executeTakeFirstOrThrow();
    expect(end).toEqual({ hiredCount: 2, status: 'closed' });
  });

  it('refuses illegal moves with invalid_transition', async () => {
    const { employer, postingId } = await employerWithPosting();
    const app = body<Application>(await apply(await seeker(), postingId));
    expect(
      (
        await patch(employer, app.id, {
          status: 'interview',
          interviewAt: inTwoDays(),
          interviewPlace: '线上：腾讯会议 123',
        })
      ).statusCode,
    ).toBe(200);
    const back = await patch(employer, app.id, { status: 'viewed' });
    expect(back.statusCode).toBe(409);
    expect(body<{ code: string; errors: { path: string; code: string }[] }>(back)).toMatchObject({
      code: 'conflict',
      errors: [{ path: 'status', code: 'invalid_transition' }],
    });
    expect((await patch(employer, app.id, { status: 'rejected' })).statusCode).toBe(400);
    const past = await patch(employer, app.id, {
      status: 'interview',
      interviewAt: '2020-02-01T09:00:00+08:00',
      interviewPlace: 'x',
    });
    expect(body<{ errors: { code: string }[] }>(past).errors[0]?.code).toBe('date_in_past');
    expect(
      (await patch(employer, app.id, { status: 'rejected', rejectReason: '技能与岗位要求不符' })).statusCode,
    ).toBe(200);
    const after = await patch(employer, app.id, { status: 'hired' });
    expect(after.statusCode).toBe(409);
    expect((await patch(employer, app.id, { status: 'withdrawn' })).statusCode).toBe(409);
  });

  it('lets the seeker withdraw an open application only, and apply again afterwards', async () => {
    const { employer, postingId } = await employerWithPosting();
    const s = await seeker();
    const app = body<Application>(await apply(s, postingId));
    const hire = await patch(s, app.id, { status: 'hired' });
    expect(hire.statusCode).toBe(409);
    expect(body<{ errors: { code: string }[] }>(hire).errors[0]?.code).toBe('invalid_transition');
    expect((await patch(employer, app.id, { status: 'withdrawn' })).statusCode).toBe(409);
    const w = await patch(s, app.id, { status: 'withdrawn' });
    expect(w.statusCode).toBe(200);
    expect(body<Application>(w).status).toBe('withdrawn');
    expect((await patch(s, app.id, { status: 'withdrawn' })).statusCode).toBe(409);
    expect(
      (await patch(employer, app.id, { status: 'interview', interviewAt: inTwoDays(), interviewPlace: 'x' }))
        .statusCode,
    ).toBe(409);
    // A withdrawn application no longer blocks a new one.
    expect((await apply(s, postingId)).statusCode).toBe(201);

    const offered = body<Application>(await apply(await seeker(), postingId));
    const s2 = await t.db
      .selectFrom('applications')
      .select('seekerUserId')
      .where('id', '=', offered.id)
      .executeTakeFirstOrThrow();
    expect(s2.seekerUserId).toBe(offered.seekerUserId);
    expect((await patch(employer, offered.id, { status: 'offer' })).statusCode).toBe(200);
  });
});

describe('who sees applications', () => {
  it('keeps other enterprises, other seekers and out-of-district staff out', async () => {
    const { employer, postingId } = await employerWithPosting();
    const s = await seeker();
    const app = body<Application>(await apply(s, postingId));

    const rival = await signedIn(t.app, t.db, 'employer');
    await createEnterprise(t.db, { ownerUserId: rival.user.id, ownerPhone: rival.user.phone });
    const list = await t.app.inject({
      method: 'GET',
      url: `/api/v1/job-postings/${postingId}/applications`,
      headers: rival.headers,
    });
    expect([403, 404]).toContain(list.statusCode);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/applications/${app.id}`, headers: rival.headers }))
        .statusCode,
    ).toBe(404);
    expect((await patch(rival, app.id, { status: 'rejected', rejectReason: 'x' })).statusCode).toBe(404);

    const otherSeeker = await seeker();
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/applications/${app.id}`,
          headers: otherSeeker.headers,
        })
      ).statusCode,
    ).toBe(404);
    expect((await patch(otherSeeker, app.id, { status: 'withdrawn' })).statusCode).toBe(404);
    const seekerList = await t.app.inject({
      method: 'GET',
      url: `/api/v1/job-postings/${postingId}/applications`,
      headers: s.headers,
    });
    expect(seekerList.statusCode).toBe(403);

    const farStaff = await signedIn(t.app, t.db, 'staff', { districtCodes: ['440882'] });
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/job-postings/${postingId}/applications`,
          headers: farStaff.headers,
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/applications/${app.id}`,
          headers: farStaff.headers,
        })
      ).statusCode,
    ).toBe(404);

    // A clerk invited by the owner is a member like the owner.
    const clerk = await signedIn(t.app, t.db, 'employer');
    await t.db
      .insertInto('enterpriseMembers')
      .values({ enterpriseId: app.enterpriseId, phone: clerk.user.phone, role: 'clerk' })
      .execute();
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/applications/${app.id}`, headers: clerk.headers }))
        .statusCode,
    ).toBe(200);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/job-postings/${postingId}/applications`,
          headers: employer.headers,
        })
      ).statusCode,
    ).toBe(200);
  });

  it('lets staff in the district read and move applications, with an audit row for each read', async () => {
    const { postingId } = await employerWithPosting();
    const s = await seeker();
    const app = body<Application>(await apply(s, postingId));
    const cityStaff = await signedIn(t.app, t.db, 'staff', {
      districtCodes: [
        '440802',
        '440803',
        '440804',
        '440811',
        '440823',
        '440825',
        '440881',
        '440882',
        '440883',
      ],
    });
    const list = await t.app.inject({
      method: 'GET',
      url: `/api/v1/job-postings/${postingId}/applications`,
      headers: cityStaff.headers,
    });
    expect(list.statusCode).toBe(200);
    const detail = await t.app.inject({
      method: 'GET',
      url: `/api/v1/applications/${app.id}`,
      headers: cityStaff.headers,
    });
    expect(body<Application>(detail).status).toBe('submitted');
    const reads = await t.db
      .selectFrom('auditLog')
      .select(['action', 'entityId'])
      .where('actorUserId', '=', cityStaff.user.id)
      // Only the reads: signing in (second factor) is audited too.
      .where('action', 'like', 'application.%')
      .orderBy('id')
      .execute();
    expect(reads).toEqual([
      { action: 'application.list_read', entityId: postingId },
      { action: 'application.read', entityId: app.id },
    ]);
    const r = await patch(cityStaff, app.id, { status: 'rejected', rejectReason: '未按要求到岗' });
    expect(body<Application>(r).events.at(-1)).toMatchObject({ toStatus: 'rejected', by: 'staff' });
  });
});
