import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case, MyRegistration, Person, Registration } from '@jiuye/shared';
import { testApp, type TestApp } from '../../../test/app.js';
import { signedIn } from '../../../test/factories.js';
import { createEnterprise, createPosting } from '../../../test/channel-factories.js';
import { putResume, welderResume } from '../resumes/resumes.fixtures.js';
import { addDays, chinaDate } from '../key-groups/index.js';
import { syncHires } from './index.js';
import { createPersonVia, registerUnemployedVia, uniqueIdNumber, walkIn } from './assistance.fixtures.js';

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

async function staffOf(district = '440803') {
  return signedIn(t.app, t.db, 'staff', { districtCodes: [district] });
}

async function employerWithEnterprise(districtCode = '440803') {
  const employer = await signedIn(t.app, t.db, 'employer');
  const enterprise = await createEnterprise(t.db, {
    ownerUserId: employer.user.id,
    ownerPhone: employer.user.phone,
    districtCode,
  });
  enterprises.push(enterprise.id);
  return { employer, enterprise };
}

describe('unemployment registration', () => {
  it('issues a readable certificate number and refuses a duplicate with 409', async () => {
    const staff = await staffOf();
    const p = await createPersonVia(t.app, staff.headers, walkIn());
    const r = await registerUnemployedVia(t.app, staff.headers, p.id, { cause: 'contract_ended' });
    const year = chinaDate(t.clock.now()).slice(0, 4);
    expect(r).toMatchObject({
      kind: 'unemployment',
      status: 'active',
      districtCode: '440803',
      source: 'staff',
    });
    expect(r.certificateNo).toMatch(new RegExp(`^440803${year}\\d{6}$`));
    const dup = await t.app.inject({
      method: 'POST',
      url: '/api/v1/registrations',
      headers: staff.headers,
      payload: { kind: 'unemployment', personId: p.id },
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json<Problem>().code).toBe('already_registered');
    // The case is opened with an officer of the district.
    const person = await t.app.inject({
      method: 'GET',
      url: `/api/v1/persons/${p.id}`,
      headers: staff.headers,
    });
    expect(person.json<Person>()).toMatchObject({
      employmentStatus: 'unemployed',
      certificateNo: r.certificateNo,
    });
    expect(person.json<Person>().caseId).not.toBeNull();
  });

  it('lets 20 concurrent registrations of one person make exactly one', async () => {
    const staff = await staffOf();
    const p = await createPersonVia(t.app, staff.headers, walkIn());
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        t.app.inject({
          method: 'POST',
          url: '/api/v1/registrations',
          headers: staff.headers,
          payload: { kind: 'unemployment', personId: p.id },
        }),
      ),
    );
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(19);
    const rows = await t.db
      .selectFrom('registrations')
      .select('id')
      .where('personId', '=', p.id)
      .where('kind', '=', 'unemployment')
      .execute();
    expect(rows).toHaveLength(1);
    const cases = await t.db.selectFrom('cases').select('id').where('personId', '=', p.id).execute();
    expect(cases).toHaveLength(1);
  });

  it('gives each registration its own certificate number, in sequence per district and year', async () => {
    const staff = await staffOf('440825');
    const numbers: string[] = [];
    for (let i = 0; i < 3; i++) {
      const p = await createPersonVia(t.app, staff.headers, walkIn({ residenceDistrictCode: '440825' }));
      numbers.push((await registerUnemployedVia(t.app, staff.headers, p.id)).certificateNo ?? '');
    }
    const seqs = numbers.map((n) => Number(n.slice(10)));
    expect(new Set(numbers).size).toBe(3);
    expect(seqs[1]).toBeGreaterThan(seqs[0] ?? 0);
    expect(seqs[2]).toBeGreaterThan(seqs[1] ?? 0);
  });

  it('lets a seeker register themself on the phone, asking for an identity number when none is on file', async () => {
    const s = await signedIn(t.app, t.db, 'seeker');
    const missing = await t.app.inject({
      method: 'POST',
      url: '/api/v1/registrations',
      headers: s.headers,
      payload: { kind: 'unemployment', districtCode: '440802' },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json<Problem>().errors).toEqual([
      expect.objectContaining({ path: 'person.idNumber', code: 'id_number_required' }),
    ]);
    const idNumber = uniqueIdNumber('1992-07-01', 'male');
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/registrations',
      headers: s.headers,
      payload: {
        kind: 'unemployment',
        districtCode: '440802',
        cause: 'resigned',
        person: { idNumber, residenceDistrictCode: '440802', educationLevel: 'college' },
      },
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json<Registration>()).toMatchObject({ source: 'self', districtCode: '440802' });
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me/registration', headers: s.headers });
    expect(me.statusCode, me.body).toBe(200);
    const view = me.json<MyRegistration>();
    expect(view.person?.certificateNo).toBe(ok.json<Registration>().certificateNo);
    expect(view.person?.idNumberMasked).toMatch(/\*{10}/);
    expect(view.registrations).toHaveLength(1);
    expect(view.case?.status).toBe('open');
    expect(view.timeline.map((e) => e.kind)).toContain('unemployment_registered');
    // Someone else's person id is not theirs to register.
    const staff = await staffOf();
    const other = await createPersonVia(t.app, staff.headers, walkIn());
    const foreign = await t.app.inject({
      method: 'POST',
      url: '/api/v1/registrations',
      headers: s.headers,
      payload: { kind: 'unemployment', personId: other.id },
    });
    expect(foreign.statusCode).toBe(403);
  });

  it('answers bad registration bodies with field errors, never 500', async () => {
    const staff = await staffOf();
    const cases: [unknown, string][] = [
      [{}, 'kind'],
      [{ kind: 'retirement' }, 'kind'],
      [{ kind: 'unemployment' }, 'personId'],
      [{ kind: 'unemployment', personId: '00000000-0000-4000-8000-000000000000' }, 'personId'],
      [{ kind: 'unemployment', personId: 'x' }, 'personId'],
      [
        {
          kind: 'employment',
          enterpriseId: '00000000-0000-4000-8000-000000000000',
          hiredOn: '2020-03-01',
          jobTitle: 'x',
        },
        'personId',
      ],
      [{ kind: 'employment', hiredOn: 'yesterday' }, 'hiredOn'],
    ];
    for (const [payload, path] of cases) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/v1/registrations',
        headers: staff.headers,
        payload: payload as object,
      });
      expect(r.statusCode, `${JSON.stringify(payload)} → ${r.body}`).toBe(400);
      expect(
        r
          .json<Problem>()
          .errors?.map((e) => e.path)
          .join(' '),
      ).toContain(path);
    }
  });
});

describe('employment registration', () => {
  it('closes the unemployment registration and the case as employed; a late filing is flagged', async () => {
    const staff = await staffOf();
    const body = walkIn();
    const p = await createPersonVia(t.app, staff.headers, body);
    const u = await registerUnemployedVia(t.app, staff.headers, p.id);
    const { employer, enterprise } = await employerWithEnterprise();
    const today = chinaDate(t.clock.now());
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/registrations',
      headers: employer.headers,
      payload: {
        kind: 'employment',
        enterpriseId: enterprise.id,
        hiredOn: addDays(today, -40),
        jobTitle: '仓库管理员',
        worker: { fullName: body.fullName, idNumber: body.idNumber, phone: body.phone },
      },
    });
    expect(r.statusCode, r.body).toBe(201);
    const e = r.json<Registration>();
    expect(e).toMatchObject({
      kind: 'employment',
      personId: p.id,
      late: true,
      daysAfterHire: 40,
      source: 'employer',
    });
    const closed = await t.app.inject({
      method: 'GET',
      url: `/api/v1/registrations/${u.id}`,
      headers: staff.headers,
    });
    expect(closed.json<Registration>()).toMatchObject({
      status: 'employed',
      endReason: 'employed',
      closedByRegistrationId: e.id,
    });
    const person = (
      await t.app.inject({ method: 'GET', url: `/api/v1/persons/${p.id}`, headers: staff.headers })
    ).json<Person>();
    expect(person.employmentStatus).toBe('employed');
    expect(person.caseId).toBeNull();
    const c = await t.db
      .selectFrom('cases')
      .select(['status', 'outcome'])
      .where('personId', '=', p.id)
      .executeTakeFirstOrThrow();
    expect(c).toEqual({ status: 'closed', outcome: 'employed' });
    // Filing the same worker again for the same enterprise is a duplicate.
    const dup = await t.app.inject({
      method: 'POST',
      url: '/api/v1/registrations',
      headers: employer.headers,
      payload: {
        kind: 'employment',
        enterpriseId: enterprise.id,
        hiredOn: today,
        jobTitle: '仓库管理员',
        worker: { fullName: body.fullName, idNumber: body.idNumber, phone: body.phone },
      },
    });
    expect(dup.statusCode).toBe(409);
    // Within 30 days is on time; the employer sees their filings only.
    const onTime = await t.app.inject({
      method: 'POST',
      url: '/api/v1/registrations',
      headers: employer.headers,
      payload: {
        kind: 'employment',
        enterpriseId: enterprise.id,
        hiredOn: addDays(today, -30),
        jobTitle: '叉车司机',
        worker: { fullName: '周建国', idNumber: uniqueIdNumber('1979-09-09'), phone: body.phone },
      },
    });
    expect(onTime.json<Registration>().late).toBe(false);
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/registrations',
      headers: employer.headers,
    });
    expect(list.json<{ items: Registration[] }>().items.map((x) => x.enterpriseId)).toEqual([
      enterprise.id,
      enterprise.id,
    ]);
  });

  it('refuses a clerk of another enterprise and a hire in the future', async () => {
    const { enterprise } = await employerWithEnterprise();
    const stranger = await employerWithEnterprise();
    const worker = { fullName: '黄海', idNumber: uniqueIdNumber('1990-01-01'), phone: '13800138000' };
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/registrations',
      headers: stranger.employer.headers,
      payload: {
        kind: 'employment',
        enterpriseId: enterprise.id,
        hiredOn: '2020-03-01',
        jobTitle: '普工',
        worker,
      },
    });
    expect(r.statusCode).toBe(400);
    expect(r.json<Problem>().errors?.[0]).toMatchObject({ path: 'enterpriseId', code: 'not_a_clerk' });
    const future = await t.app.inject({
      method: 'POST',
      url: '/api/v1/registrations',
      headers: stranger.employer.headers,
      payload: {
        kind: 'employment',
        enterpriseId: stranger.enterprise.id,
        hiredOn: addDays(chinaDate(t.clock.now()), 2),
        jobTitle: '普工',
        worker,
      },
    });
    expect(future.json<Problem>().errors?.[0]).toMatchObject({ path: 'hiredOn', code: 'hire_in_future' });
  });

  it('files a hire made on the platform once, closing the linked walk-in’s case as employed', async () => {
    const staff = await staffOf();
    const seeker = await signedIn(t.app, t.db, 'seeker');
    const idNumber = uniqueIdNumber('1972-05-05', 'female', '440803');
    const p = await createPersonVia(
      t.app,
      staff.headers,
      walkIn({ idNumber, fullName: '林桂芳', phone: seeker.user.phone }),
    );
    const link = await t.app.inject({
      method: 'POST',
      url: `/api/v1/persons/${p.id}/link-account`,
      headers: staff.headers,
      payload: { phone: seeker.user.phone },
    });
    expect(link.statusCode, link.body).toBe(200);
    expect(link.json<Person>().userId).toBe(seeker.user.id);
    await registerUnemployedVia(t.app, staff.headers, p.id);
    expect(
      (await putResume(t.app, seeker.headers, welderResume({ fullName: '林桂芳', idNumber }))).statusCode,
    ).toBe(200);
    const { employer, enterprise } = await employerWithEnterprise();
    const posting = await createPosting(t.db, enterprise, { title: '仓储打包员' });
    const applied = await t.app.inject({
      method: 'POST',
      url: `/api/v1/job-postings/${posting.id}/applications`,
      headers: seeker.headers,
      payload: { shareResumeConsent: true },
    });
    expect(applied.statusCode, applied.body).toBe(201);
    const appId = applied.json<{ id: string }>().id;
    const hired = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/applications/${appId}`,
      headers: employer.headers,
      payload: { status: 'hired' },
    });
    expect(hired.statusCode, hired.body).toBe(200);
    // Reading the person files the hire first; the sweep finds nothing left to do.
    const caseId =
      p.caseId ??
      (await t.db.selectFrom('cases').select('id').where('personId', '=', p.id).executeTakeFirstOrThrow()).id;
    const c = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${caseId}`, headers: staff.headers });
    expect(c.statusCode, c.body).toBe(200);
    expect(c.json<Case>()).toMatchObject({
      status: 'closed',
      outcome: 'employed',
      employmentStatus: 'employed',
    });
    const employment = c.json<Case>().registrations.find((r) => r.kind === 'employment');
    expect(employment).toMatchObject({
      source: 'platform_hire',
      enterpriseId: enterprise.id,
      jobTitle: '仓储打包员',
    });
    expect(await syncHires(t.db, t.deps.keys, t.clock.now(), { seekerUserId: seeker.user.id })).toBe(0);
    const rows = await t.db
      .selectFrom('registrations')
      .select('id')
      .where('personId', '=', p.id)
      .where('kind', '=', 'employment')
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('de-registers with a reason and closes the case with the matching outcome', async () => {
    const staff = await staffOf();
    const p = await createPersonVia(t.app, staff.headers, walkIn());
    const u = await registerUnemployedVia(t.app, staff.headers, p.id);
    const bad = await t.app.inject({
      method: 'POST',
      url: `/api/v1/registrations/${u.id}/deregister`,
      headers: staff.headers,
      payload: { reason: 'bored' },
    });
    expect(bad.statusCode).toBe(400);
    const r = await t.app.inject({
      method: 'POST',
      url: `/api/v1/registrations/${u.id}/deregister`,
      headers: staff.headers,
      payload: { reason: 'moved_away', note: '迁往广州' },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json<Registration>()).toMatchObject({ status: 'deregistered', endReason: 'moved_away' });
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/registrations/${u.id}/deregister`,
      headers: staff.headers,
      payload: { reason: 'moved_away' },
    });
    expect(again.statusCode).toBe(409);
    const c = await t.db
      .selectFrom('cases')
      .select(['status', 'outcome'])
      .where('personId', '=', p.id)
      .executeTakeFirstOrThrow();
    expect(c).toEqual({ status: 'closed', outcome: 'moved_away' });
    const tl = await t.app.inject({
      method: 'GET',
      url: `/api/v1/persons/${p.id}/timeline`,
      headers: staff.headers,
    });
    expect(tl.json<{ items: { kind: string }[] }>().items.map((e) => e.kind)).toEqual(
      expect.arrayContaining([
        'person_created',
        'unemployment_registered',
        'case_opened',
        'deregistered',
        'case_closed',
      ]),
    );
    // Another district's officer cannot see or close it.
    const other = await staffOf('440882');
    const hidden = await t.app.inject({
      method: 'GET',
      url: `/api/v1/registrations/${u.id}`,
      headers: other.headers,
    });
    expect(hidden.statusCode).toBe(404);
  });
});
