import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueIdNumber } from '../registrations/assistance.fixtures.js';
import { sql } from 'kysely';
import type { TrainingCourse, TrainingEnrollment, TrainingOutcomes, TrainingProvider } from '@jiuye/shared';
import { testApp, type TestApp } from '../../../test/app.js';
import { createEnterprise, createPosting } from '../../../test/channel-factories.js';
import { createUser, signedIn, uniquePhone } from '../../../test/factories.js';
import { loadFacts } from '../policies/index.js';
import { createPersonVia, registerUnemployedVia, walkIn } from '../registrations/assistance.fixtures.js';
import { trainingOutcomes } from './index.js';

let t: TestApp;
type H = Record<string, string>;
let staff: H;
let staffElsewhere: H;
let college: { headers: H; userId: string };
let otherCollege: H;
let seeker: { headers: H; userId: string };
let provider: TrainingProvider;

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

let licenceSeq = 0;
function licence(): string {
  licenceSeq += 1;
  return `PX${Date.now().toString(36).toUpperCase()}${String(licenceSeq).padStart(3, '0')}${Math.floor(Math.random() * 1e4)}`;
}

async function req(method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, headers: H, payload?: object) {
  const r = await t.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });
  return { status: r.statusCode, body: r.json<Record<string, unknown>>(), raw: r };
}

function courseBody(o: Record<string, unknown> = {}) {
  const now = t.clock.now();
  const today = chinaDay(now);
  return {
    occupationCode: '6-18-02-04',
    title: '焊工（初级）培训班',
    hours: 80,
    subsidyPerHeadFen: 150_000,
    schedule: '周一至周五 9:00–17:00',
    sessions: [
      {
        startsAt: new Date(now.getTime() - 2 * 3600_000).toISOString(),
        endsAt: new Date(now.getTime() - 3600_000).toISOString(),
        topic: '安全',
      },
      {
        startsAt: new Date(now.getTime() + 2 * DAY).toISOString(),
        endsAt: new Date(now.getTime() + 2 * DAY + 3600_000).toISOString(),
      },
    ],
    capacity: 30,
    districtCode: '440803',
    startsOn: addDays(today, -1),
    endsOn: addDays(today, 30),
    ...o,
  };
}

async function createCourse(headers: H, o: Record<string, unknown> = {}): Promise<TrainingCourse> {
  const r = await req('POST', '/training-courses', headers, courseBody(o));
  expect(r.status, r.raw.body).toBe(201);
  return r.body as unknown as TrainingCourse;
}

/** Persons without accounts, inserted directly (the registry module's own tests cover its routes). */
async function createPersons(n: number, withUser = false): Promise<string[]> {
  const ids: string[] = [];
  const rows = [];
  for (let i = 0; i < n; i++) {
    const userId = withUser ? (await createUser(t.db, { role: 'seeker' })).id : null;
    rows.push({ fullName: `学员${i}`, phone: uniquePhone(), userId });
  }
  for (let i = 0; i < rows.length; i += 500) {
    const inserted = await t.db
      .insertInto('persons')
      .values(rows.slice(i, i + 500))
      .returning('id')
      .execute();
    ids.push(...inserted.map((r) => r.id));
  }
  return ids;
}

async function enrol(courseId: string, headers: H, payload: object = {}) {
  return req('POST', `/training-courses/${courseId}/enrollments`, headers, payload);
}

beforeAll(async () => {
  t = await testApp();
  staff = (await signedIn(t.app, t.db, 'staff', { districtCodes: ['440803', '440823'] })).headers;
  staffElsewhere = (await signedIn(t.app, t.db, 'staff', { districtCodes: ['440881'] })).headers;
  const c = await signedIn(t.app, t.db, 'college');
  college = { headers: c.headers, userId: c.user.id };
  otherCollege = (await signedIn(t.app, t.db, 'college')).headers;
  const s = await signedIn(t.app, t.db, 'seeker');
  seeker = { headers: s.headers, userId: s.user.id };
  const r = await req('POST', '/training-providers', college.headers, {
    name: '湛江市技师学院',
    kind: 'college',
    licenceNumber: licence(),
    districtCode: '440803',
  });
  expect(r.status, r.raw.body).toBe(201);
  provider = r.body as unknown as TrainingProvider;
  const o = await req('POST', '/training-providers', otherCollege, {
    name: '湛江市第二职业学校',
    kind: 'college',
    licenceNumber: licence(),
    districtCode: '440823',
  });
  expect(o.status, o.raw.body).toBe(201);
});
afterAll(async () => {
  await t.close();
});

describe('training providers', () => {
  it('a college account registers one provider for itself; staff register others; licences are unique', async () => {
    expect(provider.ownerUserId).toBe(college.userId);
    const again = await req('POST', '/training-providers', college.headers, {
      name: '湛江市技师学院二部',
      kind: 'college',
      licenceNumber: licence(),
      districtCode: '440803',
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('already_exists');

    const byStaff = await req('POST', '/training-providers', staff, {
      name: '霞山区职业培训中心',
      kind: 'agency',
      licenceNumber: licence(),
      districtCode: '440803',
      contactPhone: '138 0000 1234',
    });
    expect(byStaff.status, byStaff.raw.body).toBe(201);
    expect(byStaff.body.ownerUserId).toBeNull();
    expect(byStaff.body.contactPhone).toBe('138****1234');

    const dup = await req('POST', '/training-providers', staff, {
      name: '重复许可证机构',
      kind: 'other',
      licenceNumber: provider.licenceNumber,
      districtCode: '440803',
    });
    expect(dup.status).toBe(409);
    expect((dup.body.errors as { path: string }[])[0]?.path).toBe('licenceNumber');

    const outside = await req('POST', '/training-providers', staffElsewhere, {
      name: '越权机构',
      kind: 'other',
      licenceNumber: licence(),
      districtCode: '440803',
    });
    expect(outside.status).toBe(400);
    expect((outside.body.errors as { code: string }[])[0]?.code).toBe('outside_district');

    const mine = await req('GET', '/training-providers', college.headers);
    expect((mine.body.items as TrainingProvider[]).map((p) => p.id)).toEqual([provider.id]);
  });

  it('refuses bad licence numbers and callers without training:provide', async () => {
    const bad = await req('POST', '/training-providers', staff, {
      name: '某机构',
      kind: 'other',
      licenceNumber: '许可证',
      districtCode: '440803',
    });
    expect(bad.status).toBe(400);
    expect((bad.body.errors as { path: string }[])[0]?.path).toBe('licenceNumber');
    const bySeeker = await req('POST', '/training-providers', seeker.headers, {
      name: '某机构',
      kind: 'other',
      licenceNumber: licence(),
      districtCode: '440803',
    });
    expect(bySeeker.status).toBe(403);
  });
});

describe('training courses', () => {
  it('validates occupation codes, dates and sessions', async () => {
    const occ = await req(
      'POST',
      '/training-courses',
      college.headers,
      courseBody({ occupationCode: '9-99-99-99' }),
    );
    expect(occ.status).toBe(400);
    expect((occ.body.errors as { code: string }[])[0]?.code).toBe('unknown_occupation');
    const fmt = await req(
      'POST',
      '/training-courses',
      college.headers,
      courseBody({ occupationCode: 'welder' }),
    );
    expect((fmt.body.errors as { code: string }[])[0]?.code).toBe('occupation_format');
    const order = await req(
      'POST',
      '/training-courses',
      college.headers,
      courseBody({ endsOn: '2020-01-01' }),
    );
    expect(order.status).toBe(400);
    expect((order.body.errors as { code: string }[])[0]?.code).toBe('ends_before_start');
    const outside = await req(
      'POST',
      '/training-courses',
      college.headers,
      courseBody({
        sessions: [{ startsAt: '2020-01-01T09:00:00+08:00', endsAt: '2020-01-01T12:00:00+08:00' }],
      }),
    );
    expect(outside.status).toBe(400);
    expect((outside.body.errors as { path: string; code: string }[])[0]).toMatchObject({
      path: 'sessions.0.startsAt',
      code: 'not_in_course_period',
    });
    const money = await req(
      'POST',
      '/training-courses',
      college.headers,
      courseBody({ subsidyPerHeadFen: 12.5 }),
    );
    expect(money.status).toBe(400);
    const noProvider = await req('POST', '/training-courses', staff, courseBody());
    expect((noProvider.body.errors as { path: string; code: string }[])[0]).toMatchObject({
      path: 'providerId',
      code: 'required',
    });
    const extra = await req('POST', '/training-courses', college.headers, { ...courseBody(), price: 1 });
    expect(extra.status).toBe(400);
  });

  it('scopes courses: a provider sees and manages only its own, staff their districts, seekers open ones', async () => {
    const mine = await createCourse(college.headers, { title: '电工（初级）培训班' });
    expect(mine.providerId).toBe(provider.id);
    expect(mine.sessions).toHaveLength(2);
    expect(mine.placesLeft).toBe(30);

    expect((await req('GET', `/training-courses/${mine.id}`, otherCollege)).status).toBe(404);
    expect(
      (await req('PATCH', `/training-courses/${mine.id}`, otherCollege, { status: 'closed' })).status,
    ).toBe(404);
    expect((await req('GET', `/training-courses/${mine.id}/enrollments`, staffElsewhere)).status).toBe(404);
    expect((await req('GET', `/training-courses/${mine.id}`, seeker.headers)).status).toBe(200);

    const byStaff = await createCourse(staff, { providerId: provider.id, title: '保育员培训班' });
    const list = await req('GET', '/training-courses?pageSize=100', college.headers);
    const ids = (list.body.items as TrainingCourse[]).map((c) => c.id);
    expect(ids).toEqual(expect.arrayContaining([mine.id, byStaff.id]));

    const closed = await req('PATCH', `/training-courses/${mine.id}`, college.headers, { status: 'closed' });
    expect(closed.status).toBe(200);
    const seekerList = await req(
      'GET',
      `/training-courses?pageSize=100&providerId=${provider.id}`,
      seeker.headers,
    );
    const seen = (seekerList.body.items as TrainingCourse[]).map((c) => c.id);
    expect(seen).toContain(byStaff.id);
    expect(seen).not.toContain(mine.id);

    const finished = await req('PATCH', `/training-courses/${mine.id}`, college.headers, {
      status: 'finished',
    });
    expect(finished.status).toBe(200);
    const reopen = await req('PATCH', `/training-courses/${mine.id}`, college.headers, { status: 'open' });
    expect(reopen.status).toBe(409);

    const elsewhere = await req('GET', '/training-courses?districtCode=440803', staffElsewhere);
    expect(elsewhere.status).toBe(403);
    const occFilter = await req('GET', '/training-courses?occupationCode=6-18&pageSize=100', staff);
    expect((occFilter.body.items as TrainingCourse[]).every((c) => c.occupationCode.startsWith('6-18'))).toBe(
      true,
    );
    expect((await req('GET', '/training-courses?status=bogus', staff)).status).toBe(400);
  });
});

describe('enrolment', () => {
  it('a seeker enrols themself once; staff and the provider enrol people on file or walk-ins', async () => {
    const course = await createCourse(college.headers, { capacity: 5 });
    const self = await enrol(course.id, seeker.headers);
    expect(self.status, self.raw.body).toBe(201);
    const e = self.body as unknown as TrainingEnrollment;
    expect(e.status).toBe('enrolled');
    expect(e.sessionsTotal).toBe(2);

    const twice = await enrol(course.id, seeker.headers);
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('already_exists');
    expect((twice.body.errors as { code: string }[])[0]?.code).toBe('already_enrolled');

    const sneaky = await enrol(course.id, seeker.headers, { personId: e.person.id });
    expect(sneaky.status).toBe(400);

    const [p1] = await createPersons(1);
    const byStaff = await enrol(course.id, staff, { personId: p1 });
    expect(byStaff.status, byStaff.raw.body).toBe(201);
    const dupByProvider = await enrol(course.id, college.headers, { personId: p1 });
    expect(dupByProvider.status).toBe(409);

    // Unique: identity numbers are unique city-wide and other files in this database register persons.
    const idNumber = uniqueIdNumber('1949-12-31', 'male', '110105');
    const walkIn = await enrol(course.id, college.headers, {
      person: { fullName: '梁志强', phone: uniquePhone(), idNumber },
    });
    expect(walkIn.status, walkIn.raw.body).toBe(201);
    expect((walkIn.body as unknown as TrainingEnrollment).person.idNumberMasked).toBe(
      `1101**********${idNumber.slice(-4)}`,
    );
    expect(walkIn.raw.body).not.toContain(idNumber);

    const both = await enrol(course.id, staff, {
      personId: p1,
      person: { fullName: 'x', phone: uniquePhone() },
    });
    expect((both.body.errors as { code: string }[])[0]?.code).toBe('person_or_person_id');
    const neither = await enrol(course.id, staff, {});
    expect((neither.body.errors as { path: string; code: string }[])[0]).toMatchObject({
      path: 'personId',
      code: 'required',
    });
    const unknown = await enrol(course.id, staff, { personId: '00000000-0000-4000-8000-000000000000' });
    expect((unknown.body.errors as { code: string }[])[0]?.code).toBe('person_unknown');
    expect((await enrol(course.id, otherCollege, { personId: p1 })).status).toBe(404);
    expect((await enrol(course.id, staffElsewhere, { personId: p1 })).status).toBe(404);

    const mine = await req('GET', '/me/training-enrollments', seeker.headers);
    expect((mine.body.items as TrainingEnrollment[]).map((x) => x.id)).toContain(e.id);
  });

  it('withdrawal frees the place; a full course answers course_full; a closed one course_not_open', async () => {
    const course = await createCourse(college.headers, { capacity: 1 });
    const [a, b] = (await createPersons(2)) as [string, string];
    const first = await enrol(course.id, staff, { personId: a });
    expect(first.status).toBe(201);
    const full = await enrol(course.id, staff, { personId: b });
    expect(full.status).toBe(409);
    expect(full.body.code).toBe('course_full');

    const id = (first.body as unknown as TrainingEnrollment).id;
    const w = await req('POST', `/training-enrollments/${id}/withdraw`, college.headers, {
      reason: '家中有事',
    });
    expect(w.status, w.raw.body).toBe(200);
    expect(w.body.status).toBe('withdrawn');
    expect(
      (await req('POST', `/training-enrollments/${id}/withdraw`, staff, { reason: '再次' })).status,
    ).toBe(409);
    expect((await req('GET', `/training-courses/${course.id}`, staff)).body.enrolledCount).toBe(0);

    const second = await enrol(course.id, staff, { personId: b });
    expect(second.status).toBe(201);
    // Withdrawn people may enrol again once a place is free.
    await req('PATCH', `/training-courses/${course.id}`, college.headers, { status: 'closed' });
    const closed = await enrol(course.id, staff, { personId: a });
    expect(closed.status).toBe(409);
    expect((closed.body.errors as { code: string }[])[0]?.code).toBe('course_not_open');

    const audit = await t.db
      .selectFrom('auditLog')
      .select('action')
      .where('entityId', '=', id)
      .orderBy('id')
      .execute();
    expect(audit.map((x) => x.action)).toEqual([
      'training_enrollment.create',
      'training_enrollment.withdraw',
    ]);
  });

  it('a seeker withdraws only their own enrolment', async () => {
    const course = await createCourse(college.headers);
    const [p] = await createPersons(1);
    const other = await enrol(course.id, staff, { personId: p });
    const id = (other.body as unknown as TrainingEnrollment).id;
    expect(
      (await req('POST', `/training-enrollments/${id}/withdraw`, seeker.headers, { reason: 'x' })).status,
    ).toBe(404);
    expect((await req('POST', `/training-enrollments/${id}/complete`, seeker.headers, {})).status).toBe(403);
  });

  it('never exceeds capacity: 200 concurrent enrolments for 30 places give exactly 30, ten times over', async () => {
    const people = await createPersons(200);
    for (let round = 0; round < 10; round++) {
      const course = await createCourse(staff, {
        providerId: provider.id,
        capacity: 30,
        title: `并发测试班${round}`,
      });
      const results = await Promise.all(people.map((personId) => enrol(course.id, staff, { personId })));
      const created = results.filter((r) => r.status === 201).length;
      const full = results.filter((r) => r.status === 409 && r.body.code === 'course_full').length;
      expect({ round, created, full, other: results.length - created - full }).toEqual({
        round,
        created: 30,
        full: 170,
        other: 0,
      });
      const row = await t.db
        .selectFrom('trainingCourses')
        .select(['enrolledCount', 'capacity'])
        .where('id', '=', course.id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ enrolledCount: 30, capacity: 30 });
      const n = await t.db
        .selectFrom('trainingEnrollments')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('courseId', '=', course.id)
        .executeTakeFirstOrThrow();
      expect(Number(n.n)).toBe(30);
    }
  }, 300_000);

  it('the database refuses more enrolments than capacity even without the conditional update', async () => {
    const course = await createCourse(staff, { providerId: provider.id, capacity: 2 });
    await expect(
      sql`UPDATE training_courses SET enrolled_count = 3 WHERE id = ${course.id}`.execute(t.db),
    ).rejects.toMatchObject({ code: '23514' });
  });

  it('replays a retried enrolment sent with the same Idempotency-Key', async () => {
    const course = await createCourse(staff, { providerId: provider.id, capacity: 5 });
    const [p] = await createPersons(1);
    const send = () =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/training-courses/${course.id}/enrollments`,
        headers: { ...staff, 'idempotency-key': `enrol-${course.id}` },
        payload: { personId: p },
      });
    const first = await send();
    const retry = await send();
    expect(first.statusCode).toBe(201);
    expect(retry.statusCode).toBe(201);
    expect(retry.json<TrainingEnrollment>().id).toBe(first.json<TrainingEnrollment>().id);
    expect((await req('GET', `/training-courses/${course.id}`, staff)).body.enrolledCount).toBe(1);
  });

  it('one enrolment per person and course even when two requests race', async () => {
    const course = await createCourse(staff, { providerId: provider.id, capacity: 10 });
    const [p] = await createPersons(1);
    const results = await Promise.all(
      Array.from({ length: 8 }, () => enrol(course.id, staff, { personId: p })),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409 && r.body.code === 'already_exists')).toHaveLength(7);
    expect((await req('GET', `/training-courses/${course.id}`, staff)).body.enrolledCount).toBe(1);
  });
});

describe('attendance and completion', () => {
  it('takes attendance for started sessions of active trainees, then records results with certificates', async () => {
    const course = await createCourse(college.headers);
    const [a, b, c] = (await createPersons(3)) as [string, string, string];
    const ea = (await enrol(course.id, staff, { personId: a })).body as unknown as TrainingEnrollment;
    const eb = (await enrol(course.id, staff, { personId: b })).body as unknown as TrainingEnrollment;
    const ec = (await enrol(course.id, staff, { personId: c })).body as unknown as TrainingEnrollment;
    await req('POST', `/training-enrollments/${ec.id}/withdraw`, staff, { reason: '外出务工' });
    const [started, later] = course.sessions;
    if (!started || !later) throw new Error('two sessions expected');

    const notYet = await req(
      'PUT',
      `/training-courses/${course.id}/sessions/${later.id}/attendance`,
      college.headers,
      {
        entries: [{ enrollmentId: ea.id, present: true }],
      },
    );
    expect((notYet.body.errors as { code: string }[])[0]?.code).toBe('session_not_started');
    const gone = await req(
      'PUT',
      `/training-courses/${course.id}/sessions/${started.id}/attendance`,
      college.headers,
      {
        entries: [{ enrollmentId: ec.id, present: true }],
      },
    );
    expect((gone.body.errors as { path: string; code: string }[])[0]).toMatchObject({
      path: 'entries.0.enrollmentId',
      code: 'not_in_course',
    });
    const ok = await req(
      'PUT',
      `/training-courses/${course.id}/sessions/${started.id}/attendance`,
      college.headers,
      {
        entries: [
          { enrollmentId: ea.id, present: true },
          { enrollmentId: eb.id, present: false },
        ],
      },
    );
    expect(ok.status, ok.raw.body).toBe(200);
    expect(ok.body).toMatchObject({ present: 1, absent: 1 });
    // Retaking overwrites.
    const again = await req(
      'PUT',
      `/training-courses/${course.id}/sessions/${started.id}/attendance`,
      staff,
      {
        entries: [{ enrollmentId: eb.id, present: true }],
      },
    );
    expect(again.body).toMatchObject({ present: 2, absent: 0 });

    const list = await req('GET', `/training-courses/${course.id}/enrollments?status=enrolled`, staff);
    expect((list.body.items as TrainingEnrollment[]).map((x) => x.sessionsAttended)).toEqual([1, 1]);
    const read = await t.db
      .selectFrom('auditLog')
      .select('action')
      .where('entityId', '=', course.id)
      .where('action', '=', 'training_enrollment.list_read')
      .execute();
    expect(read).toHaveLength(1);

    const today = chinaDay(t.clock.now());
    const noCert = await req('POST', `/training-enrollments/${ea.id}/complete`, college.headers, {
      result: 'passed',
      completedOn: today,
    });
    expect((noCert.body.errors as { path: string }[])[0]?.path).toBe('certificateNumber');
    const future = await req('POST', `/training-enrollments/${ea.id}/complete`, college.headers, {
      result: 'passed',
      completedOn: addDays(today, 2),
      certificateNumber: `ZS${Date.now()}`,
    });
    expect((future.body.errors as { code: string }[])[0]?.code).toBe('date_in_future');
    const cert = `ZS${Date.now()}A`;
    const passed = await req('POST', `/training-enrollments/${ea.id}/complete`, college.headers, {
      result: 'passed',
      completedOn: today,
      certificateNumber: cert,
    });
    expect(passed.status, passed.raw.body).toBe(200);
    expect(passed.body).toMatchObject({ status: 'completed', certificateNumber: cert, completedOn: today });
    const sameCert = await req('POST', `/training-enrollments/${eb.id}/complete`, college.headers, {
      result: 'passed',
      completedOn: today,
      certificateNumber: cert,
    });
    expect(sameCert.status).toBe(409);
    expect((sameCert.body.errors as { code: string }[])[0]?.code).toBe('certificate_exists');
    const failed = await req('POST', `/training-enrollments/${eb.id}/complete`, staff, {
      result: 'failed',
      completedOn: today,
    });
    expect(failed.body).toMatchObject({ status: 'failed', certificateNumber: null });
    expect(
      (
        await req('POST', `/training-enrollments/${eb.id}/complete`, staff, {
          result: 'failed',
          completedOn: today,
        })
      ).status,
    ).toBe(409);
    // A completed trainee keeps the place; withdrawal is only for those still enrolled.
    expect(
      (await req('POST', `/training-enrollments/${ea.id}/withdraw`, staff, { reason: 'x' })).status,
    ).toBe(409);

    const facts = await loadFacts(
      t.db,
      'person',
      a,
      [
        'person.training.completedCourses',
        'person.training.lastCompletedOn',
        'person.training.certificate',
        'person.training.occupationCodes',
      ],
      today,
    );
    expect(facts).toEqual({
      'person.training.completedCourses': 1,
      'person.training.lastCompletedOn': today,
      'person.training.certificate': true,
      'person.training.occupationCodes': ['6-18-02-04'],
    });
    const before = await loadFacts(
      t.db,
      'person',
      a,
      ['person.training.completedCourses'],
      addDays(today, -1),
    );
    expect(before['person.training.completedCourses']).toBe(0);
  });
});

describe('the person’s assistance case', () => {
  it('logs the enrolment as a training referral and the result as its outcome, once each', async () => {
    const person = await createPersonVia(t.app, staff, walkIn({ fullName: '莫桂芳' }));
    await registerUnemployedVia(t.app, staff, person.id);
    const course = await createCourse(college.headers, {
      title: '中式烹调师培训班',
      occupationCode: '4-03-02-01',
    });
    const e = await enrol(course.id, staff, { personId: person.id });
    expect(e.status, e.raw.body).toBe(201);
    const done = await req(
      'POST',
      `/training-enrollments/${(e.body as unknown as TrainingEnrollment).id}/complete`,
      college.headers,
      {
        result: 'passed',
        completedOn: chinaDay(t.clock.now()),
        certificateNumber: `CK${Date.now()}`,
      },
    );
    expect(done.status, done.raw.body).toBe(200);
    const services = await sql<{ kind: string; courseId: string; outcome: string }>`
      SELECT s.kind, s.course_id AS "courseId", s.outcome FROM case_services s
      JOIN cases c ON c.id = s.case_id WHERE c.person_id = ${person.id} ORDER BY s.provided_at, s.created_at
    `.execute(t.db);
    expect(services.rows).toEqual([
      { kind: 'training_referral', courseId: course.id, outcome: 'enrolled' },
      { kind: 'training_referral', courseId: course.id, outcome: 'completed' },
    ]);
  });
});

describe('employment within 6 months of completion', () => {
  it('counts employment registrations and platform hires from completion day to six months after', async () => {
    const today = chinaDay(t.clock.now());
    // Completion day D: the 10th of the month ten months ago (no month-end clamping).
    const D = `${addMonths(today, -10).slice(0, 7)}-10`;
    const course = await createCourse(staff, {
      providerId: provider.id,
      startsOn: addDays(D, -20),
      endsOn: D,
      sessions: [
        { startsAt: `${addDays(D, -20)}T09:00:00+08:00`, endsAt: `${addDays(D, -20)}T12:00:00+08:00` },
      ],
      capacity: 20,
    });
    const [onLastDay, dayAfter, beforeCourse, failed, withdrawn, recent] = (await createPersons(6)) as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const [viaHire] = (await createPersons(1, true)) as [string];
    const people = { onLastDay, dayAfter, beforeCourse, failed, withdrawn, recent, viaHire } as Record<
      string,
      string
    >;
    const enrolment: Record<string, string> = {};
    for (const [k, p] of Object.entries(people)) {
      const r = await enrol(course.id, staff, { personId: p });
      expect(r.status, r.raw.body).toBe(201);
      enrolment[k] = (r.body as unknown as TrainingEnrollment).id;
    }
    for (const k of ['onLastDay', 'dayAfter', 'beforeCourse', 'viaHire']) {
      const r = await req('POST', `/training-enrollments/${enrolment[k]}/complete`, staff, {
        result: 'passed',
        completedOn: D,
        certificateNumber: `CERT-${k}-${Date.now()}`,
      });
      expect(r.status, r.raw.body).toBe(200);
    }
    await req('POST', `/training-enrollments/${enrolment.recent}/complete`, staff, {
      result: 'passed',
      completedOn: addDays(today, -10),
      certificateNumber: `CERT-recent-${Date.now()}`,
    });
    await req('POST', `/training-enrollments/${enrolment.failed}/complete`, staff, {
      result: 'failed',
      completedOn: D,
    });
    await req('POST', `/training-enrollments/${enrolment.withdrawn}/withdraw`, staff, { reason: '放弃' });

    const owner = await createUser(t.db, { role: 'employer' });
    const ent = await createEnterprise(t.db, { ownerUserId: owner.id, ownerPhone: uniquePhone() });
    async function employmentRegistration(personId: string, hiredOn: string) {
      await sql`
        INSERT INTO registrations (person_id, kind, district_code, source, registered_on, enterprise_id, hired_on, job_title)
        VALUES (${personId}, 'employment', '440803', 'employer', ${hiredOn}, ${ent.id}, ${hiredOn}, '焊工')
      `.execute(t.db);
    }
    // Exactly six months after completion counts; a day later does not; a job from before does not.
    await employmentRegistration(onLastDay, addMonths(D, 6));
    await employmentRegistration(dayAfter, addDays(addMonths(D, 6), 1));
    await employmentRegistration(beforeCourse, addDays(D, -30));
    await employmentRegistration(failed, addDays(D, 5));
    // A platform hire of the person's account, 10 days after completion (China time).
    const posting = await createPosting(t.db, ent);
    const userId = (
      await t.db.selectFrom('persons').select('userId').where('id', '=', viaHire).executeTakeFirstOrThrow()
    ).userId as string;
    const consent = await t.db
      .insertInto('consents')
      .values({ userId, kind: 'resume_share', noticeVersion: 'test', context: '{}' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const app = await t.db
      .insertInto('applications')
      .values({
        postingId: posting.id,
        seekerUserId: userId,
        enterpriseId: ent.id,
        status: 'hired',
        resumeSnapshot: '{}',
        consentId: consent.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('hires')
      .values({
        applicationId: app.id,
        postingId: posting.id,
        enterpriseId: ent.id,
        seekerUserId: userId,
        hiredAt: new Date(`${addDays(D, 10)}T10:00:00+08:00`),
      })
      .execute();

    const o: TrainingOutcomes = await trainingOutcomes(t.db, course.id, t.clock.now());
    expect(o).toEqual({
      courseId: course.id,
      capacity: 20,
      enrolled: 0,
      withdrawn: 1,
      completed: 5,
      failed: 1,
      employedWithinWindow: 2,
      awaitingWindow: 1,
      employmentRate: 2 / 5,
      windowMonths: 6,
    });
    const viaRoute = await req('GET', `/training-courses/${course.id}/outcomes`, staff);
    expect(viaRoute.body).toEqual(o);
    expect((await req('GET', `/training-courses/${course.id}/outcomes`, otherCollege)).status).toBe(404);
    expect((await req('GET', `/training-courses/${course.id}/outcomes`, seeker.headers)).status).toBe(403);
  });
});
