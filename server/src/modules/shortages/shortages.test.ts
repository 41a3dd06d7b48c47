import type { Shortage, ShortageBoard } from '@jiuye/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../test/app.js';
import { createPosting } from '../../../test/channel-factories.js';
import {
  OPERATOR,
  WELDER,
  call,
  chinaDay,
  clerkOf,
  staffOf,
  type Clerk,
  type Caller,
} from '../sharing/sharing.test-support.js';

let t: TestApp;
let a: Clerk;
let other: Clerk;
let staff: Caller;
let outsider: Caller;

beforeAll(async () => {
  t = await testApp();
  a = await clerkOf(t, '440803');
  other = await clerkOf(t, '440803');
  staff = await staffOf(t, ['440803']);
  outsider = await staffOf(t, ['440882']);
});
afterAll(async () => {
  await t.close();
});

type Problem = { code: string; errors?: { path: string; code: string }[] };

function report(who: Clerk, o: Record<string, unknown> = {}) {
  return call<Shortage>(t, 'POST', '/api/v1/shortages', who, {
    enterpriseId: who.enterprise.id,
    occupationCode: OPERATOR,
    headcount: 30,
    deadline: chinaDay(t, 10),
    wageMinFen: 400_000,
    wageMaxFen: 550_000,
    cause: 'new_orders',
    ...o,
  });
}

function fieldsOf(p: unknown): string[] {
  return ((p as Problem).errors ?? []).map((e) => `${e.path}:${e.code}`);
}

describe('reporting a shortage', () => {
  it('answers problem+json naming the field for bad input, never 500', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ occupationCode: '9-99-99-99' }, 'occupationCode:unknown_occupation'],
      [{ occupationCode: 'welder' }, 'occupationCode:occupation_format'],
      [{ headcount: 0 }, 'headcount:too_small'],
      [{ wageMinFen: 600_000, wageMaxFen: 500_000 }, 'wageMaxFen:salary_range'],
      [{ deadline: chinaDay(t, -1) }, 'deadline:date_in_past'],
      [{ urgency: 'extreme' }, 'urgency:invalid_value'],
      [{ districtCode: '450200' }, 'districtCode:not_in_city'],
      [{ neededUntil: chinaDay(t, 5) }, 'neededUntil:date_order'],
      [{ extra: 1 }, 'extra:unrecognized_keys'],
    ];
    for (const [body, want] of cases) {
      const r = await report(a, body);
      expect(r.status, want).toBeGreaterThanOrEqual(400);
      expect(r.status, want).toBeLessThan(500);
      expect(fieldsOf(r.body), want).toContain(want);
    }
  });

  it('links only the enterprise’s own postings', async () => {
    const mine = await createPosting(t.db, a.enterprise, { occupationCode: OPERATOR, title: '操作工' });
    const theirs = await createPosting(t.db, other.enterprise);
    const bad = await report(a, { postingIds: [mine.id, theirs.id] });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad.body)).toEqual(['postingIds.1:posting_unknown']);
    const ok = await report(a, { postingIds: [mine.id] });
    expect(ok.status).toBe(201);
    expect(ok.body.postings.map((p) => p.id)).toEqual([mine.id]);
  });

  it('refuses another enterprise’s id (404: not even its existence)', async () => {
    const r = await call(t, 'POST', '/api/v1/shortages', a, {
      enterpriseId: other.enterprise.id,
      occupationCode: OPERATOR,
      headcount: 3,
      deadline: chinaDay(t, 3),
      wageMinFen: 1,
      wageMaxFen: 2,
      cause: 'other',
    });
    expect(r.status).toBe(404);
  });
});

describe('who sees and acts on a shortage', () => {
  it('an enterprise sees no other enterprise’s shortages; staff outside the district cannot act', async () => {
    const s = (await report(a)).body;
    expect((await call(t, 'GET', `/api/v1/shortages/${s.id}`, other)).status).toBe(404);
    expect((await call(t, 'PATCH', `/api/v1/shortages/${s.id}`, other, { urgency: 'high' })).status).toBe(
      404,
    );
    const list = await call<{ items: Shortage[] }>(t, 'GET', '/api/v1/shortages?pageSize=100', other);
    expect(list.body.items.map((x) => x.id)).not.toContain(s.id);
    const filtered = await call<{ items: Shortage[] }>(
      t,
      'GET',
      `/api/v1/shortages?enterpriseId=${a.enterprise.id}`,
      other,
    );
    expect(filtered.body.items).toEqual([]);

    expect((await call(t, 'GET', `/api/v1/shortages/${s.id}`, outsider)).status).toBe(404);
    expect(
      (await call(t, 'PATCH', `/api/v1/shortages/${s.id}`, outsider, { status: 'in_progress' })).status,
    ).toBe(404);
    const board = await call(t, 'GET', '/api/v1/shortages/board?districtCode=440803', outsider);
    expect(board.status).toBe(403);
    expect((await call(t, 'GET', `/api/v1/shortages/${s.id}`, staff)).status).toBe(200);
  });

  it('runs open → in_progress → resolved with the method and headcount filled; the clerk cannot resolve', async () => {
    const s = (await report(a, { headcount: 20 })).body;
    const clerkResolve = await call(t, 'PATCH', `/api/v1/shortages/${s.id}`, a, {
      status: 'resolved',
      resolutionMethod: 'referral',
    });
    expect(clerkResolve.status).toBe(403);
    const noMethod = await call(t, 'PATCH', `/api/v1/shortages/${s.id}`, staff, { status: 'resolved' });
    expect(fieldsOf(noMethod.body)).toContain('resolutionMethod:required');
    const taken = await call<Shortage>(t, 'PATCH', `/api/v1/shortages/${s.id}`, staff, {
      status: 'in_progress',
      headcountFilled: 5,
    });
    expect(taken.body).toMatchObject({ status: 'in_progress', headcountFilled: 5, headcountOpen: 15 });
    const tooMany = await call(t, 'PATCH', `/api/v1/shortages/${s.id}`, staff, { headcountFilled: 21 });
    expect(fieldsOf(tooMany.body)).toContain('headcountFilled:filled_above_headcount');
    const lower = await call(t, 'PATCH', `/api/v1/shortages/${s.id}`, a, { headcount: 4 });
    expect(fieldsOf(lower.body)).toContain('headcount:headcount_below_filled');
    const resolved = await call<Shortage>(t, 'PATCH', `/api/v1/shortages/${s.id}`, staff, {
      status: 'resolved',
      resolutionMethod: 'college',
      headcountFilled: 20,
      resolutionNote: '与湛江市技师学院对接20名实习生',
    });
    expect(resolved.body).toMatchObject({
      status: 'resolved',
      resolutionMethod: 'college',
      headcountFilled: 20,
    });
    const again = await call(t, 'PATCH', `/api/v1/shortages/${s.id}`, a, { urgency: 'low' });
    expect(again.status).toBe(409);
    const audit = await t.db
      .selectFrom('auditLog')
      .select('action')
      .where('entityId', '=', s.id)
      .orderBy('id')
      .execute();
    expect(audit.map((x) => x.action)).toEqual([
      'shortage.report',
      'shortage.in_progress',
      'shortage.resolved',
    ]);
  });

  it('lets the enterprise withdraw its report', async () => {
    const s = (await report(a)).body;
    const r = await call<Shortage>(t, 'PATCH', `/api/v1/shortages/${s.id}`, a, { status: 'cancelled' });
    expect(r.body.status).toBe('cancelled');
  });
});

describe('the staff board', () => {
  it('aggregates unresolved shortages of the staff’s districts by district, occupation and urgency', async () => {
    const t2 = await clerkOf(t, '440882');
    const board0 = (await call<ShortageBoard>(t, 'GET', '/api/v1/shortages/board', staff)).body;
    await report(a, { occupationCode: WELDER, headcount: 7, urgency: 'critical' });
    await report(t2, { occupationCode: WELDER, headcount: 100, urgency: 'critical' });
    const board = (await call<ShortageBoard>(t, 'GET', '/api/v1/shortages/board', staff)).body;
    expect(board.districtCodes).toEqual(['440803']);
    expect(board.totals.shortages).toBe(board0.totals.shortages + 1);
    expect(board.totals.headcountOpen).toBe(board0.totals.headcountOpen + 7);
    const welders = board.byOccupation.find((x) => x.occupationCode === WELDER);
    const welders0 = board0.byOccupation.find((x) => x.occupationCode === WELDER);
    expect((welders?.headcountOpen ?? 0) - (welders0?.headcountOpen ?? 0)).toBe(7);
    expect(board.byDistrict.map((d) => d.districtCode)).toEqual(['440803']);
    expect(board.byUrgency[0]?.urgency).toBe('critical');
    expect(board.resolved.find((r) => r.method === 'college')?.headcountFilled).toBeGreaterThanOrEqual(20);

    // A report whose deadline has passed (set in the database: the API refuses past deadlines).
    const late = (await report(a, { headcount: 2 })).body;
    await t.db
      .updateTable('labourShortages')
      .set({ deadline: chinaDay(t, -3) })
      .where('id', '=', late.id)
      .execute();
    const overdue = await call<{ items: Shortage[]; total: number }>(
      t,
      'GET',
      '/api/v1/shortages?overdue=true&pageSize=100',
      staff,
    );
    expect(overdue.body.items.map((x) => x.id)).toContain(late.id);
    expect(overdue.body.items.every((x) => x.overdue && x.districtCode === '440803')).toBe(true);
    const after = (await call<ShortageBoard>(t, 'GET', '/api/v1/shortages/board', staff)).body;
    expect(after.totals.overdue).toBe(board.totals.overdue + 1);
  });

  it('refuses unknown codes in filters with a 400 naming the parameter', async () => {
    const r = await call(t, 'GET', '/api/v1/shortages?urgency=extreme', staff);
    expect(r.status).toBe(400);
    expect(fieldsOf(r.body)[0]).toMatch(/^urgency:/);
    const o = await call(t, 'GET', '/api/v1/shortages/board?occupationCode=9-99', staff);
    expect(o.status).toBe(400);
  });
});
