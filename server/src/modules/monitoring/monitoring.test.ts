import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../test/app.js';
import { createEnterprise, type TestEnterprise } from '../../../test/channel-factories.js';
import { login, signedIn } from '../../../test/factories.js';
import { chinaMonth, shiftMonth } from '../statistics/index.js';
import { seedWarningRules } from '../warnings/index.js';
import { runMonitoringReminders, seedDemoMonitoring } from './index.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  await seedWarningRules(t.db);
});
afterAll(async () => {
  await t.close();
});

/** Moves the test clock to an instant (the clock only moves by offsets). */
function setNow(iso: string) {
  t.clock.advance(Date.parse(iso) - t.clock.now().getTime());
}

// A district of its own, so that other files' staff and alerts do not interfere.
const DISTRICT = '440882';

async function sampleEnterprise(firstMonth: string) {
  const staff = await signedIn(t.app, t.db, 'staff', { districtCodes: [DISTRICT] });
  const employer = await signedIn(t.app, t.db, 'employer');
  const ent: TestEnterprise = await createEnterprise(t.db, {
    ownerUserId: employer.user.id,
    ownerPhone: employer.user.phone,
    districtCode: DISTRICT,
  });
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/monitoring/samples',
    headers: staff.headers,
    payload: { enterpriseId: ent.id, firstMonth },
  });
  expect(res.statusCode, res.body).toBe(201);
  return { staff, employer, ent };
}

function report(start: number, end: number, hires: number, seps: Partial<Record<string, number>> = {}) {
  return {
    startHeadcount: start,
    endHeadcount: end,
    hires,
    separations: { layoff: 0, resignation: 0, contractEnd: 0, retirement: 0, other: 0, ...seps },
  };
}

describe('enterprise employment monitoring and early warning', () => {
  it('layoff journey: 200 → 170 raises an alert; staff acknowledge and resolve it', async () => {
    const month = shiftMonth(chinaMonth(t.clock.now()), -2);
    const { staff, employer, ent } = await sampleEnterprise(shiftMonth(month, -1));
    const put = (m: string, body: ReturnType<typeof report>) =>
      t.app.inject({
        method: 'PUT',
        url: `/api/v1/monitoring/enterprises/${ent.id}/reports/${m}`,
        headers: employer.headers,
        payload: body,
      });
    // The month before: steady at 200, no alert.
    const first = await put(shiftMonth(month, -1), report(198, 200, 5, { resignation: 3 }));
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json<{ alertIds: string[] }>().alertIds).toEqual([]);
    // 200 → 170: 30 laid off (≥ 20 people and 15% ≥ 10%).
    const res = await put(month, report(200, 170, 0, { layoff: 30 }));
    expect(res.statusCode, res.body).toBe(201);
    const alertIds = res.json<{ alertIds: string[] }>().alertIds;
    expect(alertIds).toHaveLength(1);
    const alertId = alertIds[0] as string;

    const list = await t.app.inject({
      method: 'GET',
      url: `/api/v1/alerts?status=open&kind=layoff&districtCode=${DISTRICT}`,
      headers: staff.headers,
    });
    expect(list.statusCode, list.body).toBe(200);
    const found = list
      .json<{ items: { id: string; severity: string; subjectId: string; assigneeUserId: string }[] }>()
      .items.find((a) => a.id === alertId);
    expect(found).toMatchObject({ severity: 'high', subjectId: ent.id });
    expect(found?.assigneeUserId).toBeTruthy();

    // The assignee was notified.
    const notes = await t.db
      .selectFrom('notifications')
      .select('kind')
      .where('userId', '=', found?.assigneeUserId as string)
      .where('kind', '=', 'warning_alert')
      .execute();
    expect(notes.length).toBeGreaterThan(0);

    // Staff of another district do not see it.
    const other = await signedIn(t.app, t.db, 'staff', { districtCodes: ['440802'] });
    const hidden = await t.app.inject({
      method: 'GET',
      url: `/api/v1/alerts/${alertId}`,
      headers: other.headers,
    });
    expect(hidden.statusCode).toBe(404);

    const ack = await t.app.inject({
      method: 'POST',
      url: `/api/v1/alerts/${alertId}/acknowledge`,
      headers: staff.headers,
      payload: {},
    });
    expect(ack.statusCode, ack.body).toBe(200);
    expect(ack.json()).toMatchObject({ status: 'acknowledged' });

    const noNote = await t.app.inject({
      method: 'POST',
      url: `/api/v1/alerts/${alertId}/resolve`,
      headers: staff.headers,
      payload: {},
    });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe('note');

    const resolved = await t.app.inject({
      method: 'POST',
      url: `/api/v1/alerts/${alertId}/resolve`,
      headers: staff.headers,
      payload: { note: '已约谈企业，裁员方案已向劳动行政部门报告' },
    });
    expect(resolved.statusCode, resolved.body).toBe(200);
    expect(resolved.json()).toMatchObject({ status: 'resolved' });
    expect(resolved.json<{ resolutionNote: string }>().resolutionNote).toContain('约谈');

    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/alerts/${alertId}/resolve`,
      headers: staff.headers,
      payload: { note: 'x' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'alert_resolved' });

    const audits = await t.db
      .selectFrom('auditLog')
      .select('action')
      .where('entityId', 'in', [alertId])
      .execute();
    expect(audits.map((a) => a.action).sort()).toEqual([
      'warning.acknowledge',
      'warning.raise',
      'warning.resolve',
    ]);
  });

  it('refuses an unbalanced report naming the field and the difference, and a start that breaks the chain', async () => {
    const month = shiftMonth(chinaMonth(t.clock.now()), -3);
    const { employer, ent } = await sampleEnterprise(month);
    const url = (m: string) => `/api/v1/monitoring/enterprises/${ent.id}/reports/${m}`;
    // 100 + 4 − (2 + 1) = 101, but 99 reported: difference −2.
    const bad = await t.app.inject({
      method: 'PUT',
      url: url(month),
      headers: { ...employer.headers, 'accept-language': 'en-US' },
      payload: report(100, 99, 4, { resignation: 2, retirement: 1 }),
    });
    expect(bad.statusCode).toBe(400);
    const problem = bad.json<{ errors: { path: string; code: string }[]; detail: string }>();
    expect(problem.errors[0]).toMatchObject({ path: 'endHeadcount', code: 'report_unbalanced' });
    expect(problem.detail).toContain('101');
    expect(problem.detail).toContain('-2');

    const ok = await t.app.inject({
      method: 'PUT',
      url: url(month),
      headers: employer.headers,
      payload: report(100, 101, 4, { resignation: 2, retirement: 1 }),
    });
    expect(ok.statusCode, ok.body).toBe(201);
    // Next month must start at 101.
    const chain = await t.app.inject({
      method: 'PUT',
      url: url(shiftMonth(month, 1)),
      headers: employer.headers,
      payload: report(105, 105, 0),
    });
    expect(chain.statusCode).toBe(400);
    expect(chain.json<{ errors: { path: string; code: string }[] }>().errors[0]).toMatchObject({
      path: 'startHeadcount',
      code: 'start_mismatch',
    });
    // Before the first month, and a month not yet over.
    const early = await t.app.inject({
      method: 'PUT',
      url: url(shiftMonth(month, -1)),
      headers: employer.headers,
      payload: report(1, 1, 0),
    });
    expect(early.json<{ errors: { code: string }[] }>().errors[0]?.code).toBe('before_first_month');
    const future = await t.app.inject({
      method: 'PUT',
      url: url(chinaMonth(t.clock.now())),
      headers: employer.headers,
      payload: report(1, 1, 0),
    });
    expect(future.json<{ errors: { code: string }[] }>().errors[0]?.code).toBe('month_not_ended');
    // Another employer cannot file for it.
    const stranger = await signedIn(t.app, t.db, 'employer');
    const denied = await t.app.inject({
      method: 'PUT',
      url: url(month),
      headers: stranger.headers,
      payload: report(1, 1, 0),
    });
    expect(denied.statusCode).toBe(404);
  });

  it('a correction replaces the report before the deadline (audited) and is refused after it; late list and reminders', async () => {
    // 5 March 2031, 10:00 China time: February is due on 10 March.
    setNow('2031-03-05T10:00:00+08:00');
    const { staff, employer, ent } = await sampleEnterprise('2031-02');
    const url = `/api/v1/monitoring/enterprises/${ent.id}/reports/2031-02`;

    const late = await t.app.inject({
      method: 'GET',
      url: `/api/v1/monitoring/late?month=2031-02`,
      headers: staff.headers,
    });
    expect(late.statusCode, late.body).toBe(200);
    expect(late.json<{ items: { enterpriseId: string; overdue: boolean }[] }>().items).toContainEqual(
      expect.objectContaining({ enterpriseId: ent.id, overdue: false }),
    );
    const first = await runMonitoringReminders(t.db, t.clock.now());
    expect(first.notified).toBeGreaterThan(0);
    const reminders = await t.db
      .selectFrom('notifications')
      .select('dedupeKey')
      .where('userId', '=', employer.user.id)
      .where('kind', '=', 'monitoring_reminder')
      .execute();
    expect(reminders.map((r) => r.dedupeKey)).toEqual([`monitoring-reminder:${ent.id}:2031-02:first`]);

    const a = await t.app.inject({
      method: 'PUT',
      url,
      headers: employer.headers,
      payload: report(50, 52, 2),
    });
    expect(a.statusCode, a.body).toBe(201);
    expect(a.json()).toMatchObject({ version: 1, late: false });
    const b = await t.app.inject({
      method: 'PUT',
      url,
      headers: employer.headers,
      payload: report(50, 51, 2, { other: 1 }),
    });
    expect(b.statusCode, b.body).toBe(200);
    expect(b.json()).toMatchObject({ version: 2, endHeadcount: 51 });
    const rows = await t.db
      .selectFrom('monitoringReports')
      .select('id')
      .where('enterpriseId', '=', ent.id)
      .execute();
    expect(rows).toHaveLength(1);
    const audits = await t.db
      .selectFrom('auditLog')
      .select('action')
      .where('entityId', '=', rows[0]?.id as string)
      .orderBy('id')
      .execute();
    expect(audits.map((x) => x.action)).toEqual(['monitoring.report.submit', 'monitoring.report.correct']);

    const afterLate = await t.app.inject({
      method: 'GET',
      url: `/api/v1/monitoring/late?month=2031-02`,
      headers: staff.headers,
    });
    expect(
      afterLate.json<{ items: { enterpriseId: string }[] }>().items.map((i) => i.enterpriseId),
    ).not.toContain(ent.id);

    // 11 March: past the deadline.
    setNow('2031-03-11T00:00:01+08:00');
    // Six days on, the sessions have idled out: sign in again.
    const employerAgain = { cookie: await login(t.app, employer.user.phone) };
    const staffAgain = { cookie: await login(t.app, staff.user.phone) };
    const c = await t.app.inject({ method: 'PUT', url, headers: employerAgain, payload: report(50, 50, 0) });
    expect(c.statusCode).toBe(409);
    expect(c.json()).toMatchObject({ code: 'report_closed' });

    const list = await t.app.inject({
      method: 'GET',
      url: `/api/v1/monitoring/enterprises/${ent.id}/reports`,
      headers: staffAgain,
    });
    expect(list.statusCode).toBe(200);
    expect(list.json<{ items: unknown[] }>().items).toHaveLength(1);
    t.clock.advance(-(t.clock.now().getTime() - Date.now()));
  });
});

describe('demo monitoring data', () => {
  it('six balanced months per sample and a layoff alert for the first', async () => {
    const staff = await signedIn(t.app, t.db, 'staff', { districtCodes: [DISTRICT] });
    const employer = await signedIn(t.app, t.db, 'employer');
    const ents = await Promise.all(
      [0, 1].map(() =>
        createEnterprise(t.db, {
          ownerUserId: employer.user.id,
          ownerPhone: employer.user.phone,
          districtCode: DISTRICT,
        }),
      ),
    );
    const n = await t.db.transaction().execute((tx) =>
      seedDemoMonitoring(tx, {
        now: new Date(),
        designatedBy: staff.user.id,
        submittedBy: employer.user.id,
        enterprises: ents.map((e) => ({ id: e.id, name: e.name, districtCode: e.districtCode })),
      }),
    );
    expect(n).toBe(12);
    const last = shiftMonth(chinaMonth(new Date()), -1);
    const layoff = await t.db
      .selectFrom('warningAlerts')
      .select(['period', 'severity'])
      .where('subjectId', '=', ents[0]?.id as string)
      .execute();
    expect(layoff).toEqual([{ period: last, severity: 'high' }]);
    const none = await t.db
      .selectFrom('warningAlerts')
      .select('id')
      .where('subjectId', '=', ents[1]?.id as string)
      .execute();
    expect(none).toEqual([]);
  });
});
