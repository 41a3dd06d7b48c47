import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WarningRule } from '@jiuye/shared';
import { testApp, type TestApp } from '../../../test/app.js';
import { createEnterprise, createPosting, type TestEnterprise } from '../../../test/channel-factories.js';
import { createUser, signedIn } from '../../../test/factories.js';
import { CITY_DISTRICT_CODES } from '../enterprises/index.js';
import { runWarningSweep, seedWarningRules } from './index.js';

/**
 * Editing early-warning rules. Rules made here are disabled again at the end: the database is
 * shared with the other test files of this worker, whose sweeps would otherwise evaluate them.
 * Evaluations use March 2017, which no other test writes.
 */
const MONTH = '2017-03';
const OCCUPATION = '6-18-02-04';
let t: TestApp;
let cityWide: Record<string, string>;
let district: Record<string, string>;
let ent: TestEnterprise;
const created: string[] = [];
let seq = 0;

function ruleBody(over: Record<string, unknown> = {}) {
  seq += 1;
  return {
    code: `test_ratio_${Date.now().toString(36)}_${seq}`,
    kind: 'supply_demand_ratio',
    nameZh: '测试：职业求人倍率',
    nameEn: 'Test: occupation supply-demand ratio',
    params: { threshold: 20, minVacancies: 10 },
    severity: 'low',
    effectiveFrom: '2017-01-01',
    ...over,
  };
}

async function create(over: Record<string, unknown> = {}): Promise<WarningRule> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/warning-rules',
    headers: cityWide,
    payload: ruleBody(over),
  });
  expect(res.statusCode, res.body).toBe(201);
  const rule = res.json<WarningRule>();
  created.push(rule.id);
  return rule;
}

function patch(id: string, payload: object, headers = cityWide): Promise<LightMyRequestResponse> {
  return t.app.inject({ method: 'PATCH', url: `/api/v1/warning-rules/${id}`, headers, payload });
}

function fields(body: string): string[] {
  return (
    (JSON.parse(body) as { errors?: { path: string; code: string }[] }).errors?.map(
      (e) => `${e.path}:${e.code}`,
    ) ?? []
  );
}

async function alertsOf(ruleId: string) {
  return t.db
    .selectFrom('warningAlerts')
    .select(['subjectId', 'period', 'severity', 'ruleVersion', 'detail'])
    .where('ruleId', '=', ruleId)
    .execute();
}

beforeAll(async () => {
  t = await testApp();
  await seedWarningRules(t.db);
  cityWide = (await signedIn(t.app, t.db, 'staff', { districtCodes: [...CITY_DISTRICT_CODES] })).headers;
  district = (await signedIn(t.app, t.db, 'staff', { districtCodes: ['440803'] })).headers;
  // March 2017: 12 places for welders, 1 résumé desiring them → 求人倍率 12.
  const employer = await createUser(t.db, { role: 'employer' });
  ent = await createEnterprise(t.db, { ownerUserId: employer.id, ownerPhone: employer.phone });
  await createPosting(t.db, ent, {
    headcount: 12,
    occupationCode: OCCUPATION,
    publishedAt: new Date('2017-03-06T09:00:00+08:00'),
  });
  const seeker = await createUser(t.db, { role: 'seeker' });
  await t.db
    .insertInto('resumes')
    .values({
      userId: seeker.id,
      fullName: '李四',
      currentRegionCode: '440803',
      desiredOccupationCodes: [OCCUPATION],
      createdAt: new Date('2017-03-07T10:00:00+08:00'),
    })
    .execute();
});
afterAll(async () => {
  if (created.length > 0)
    await t.db
      .updateTable('warningRules')
      .set((eb) => ({ active: false, version: eb('version', '+', 1) }))
      .where('id', 'in', created)
      .where('active', '=', true)
      .execute();
  await t.close();
});

describe('warning rules: create, change, disable', () => {
  it('creates a rule, changes it as a new version, disables it, and audits each step', async () => {
    const rule = await create();
    expect(rule).toMatchObject({ kind: 'supply_demand_ratio', version: 1, active: true, effectiveTo: null });
    expect(rule.params).toEqual({ threshold: 20, minVacancies: 10 });

    const changed = await patch(rule.id, {
      version: 1,
      params: { threshold: 3.5, minVacancies: 5 },
      severity: 'high',
      effectiveTo: '2030-12-31',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json<WarningRule>()).toMatchObject({
      version: 2,
      severity: 'high',
      params: { threshold: 3.5, minVacancies: 5 },
      effectiveFrom: '2017-01-01',
      effectiveTo: '2030-12-31',
    });
    // The same values again: nothing changes, no new version.
    const same = await patch(rule.id, { version: 2, severity: 'high' });
    expect(same.json<WarningRule>().version).toBe(2);

    const disabled = await t.app.inject({
      method: 'POST',
      url: `/api/v1/warning-rules/${rule.id}/disable`,
      headers: cityWide,
      payload: {},
    });
    expect(disabled.statusCode, disabled.body).toBe(200);
    expect(disabled.json<WarningRule>()).toMatchObject({ active: false, version: 3 });
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/warning-rules/${rule.id}/disable`,
      headers: cityWide,
    });
    expect(again.json<WarningRule>()).toMatchObject({ active: false, version: 3 });

    const list = await t.app.inject({ method: 'GET', url: '/api/v1/warning-rules', headers: cityWide });
    expect(list.json<{ items: WarningRule[] }>().items.find((r) => r.id === rule.id)).toMatchObject({
      version: 3,
      active: false,
    });
    // Every version is kept.
    const versions = await t.db
      .selectFrom('warningRuleVersions')
      .select(['version', 'severity', 'active', 'params'])
      .where('ruleId', '=', rule.id)
      .orderBy('version')
      .execute();
    expect(versions).toEqual([
      { version: 1, severity: 'low', active: true, params: { threshold: 20, minVacancies: 10 } },
      { version: 2, severity: 'high', active: true, params: { threshold: 3.5, minVacancies: 5 } },
      { version: 3, severity: 'high', active: false, params: { threshold: 3.5, minVacancies: 5 } },
    ]);
    const audit = await t.db
      .selectFrom('auditLog')
      .select('action')
      .where('entityType', '=', 'warning_rule')
      .where('entityId', '=', rule.id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'warning_rule.create',
      'warning_rule.update',
      'warning_rule.disable',
    ]);
  });

  it('refuses bad parameters naming the field, in Chinese and English', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/warning-rules',
      headers: { ...cityWide, 'accept-language': 'en-US' },
      payload: ruleBody({ params: { threshold: -1, minVacancies: 2.5, surprise: 1 } }),
    });
    expect(bad.statusCode).toBe(400);
    expect(fields(bad.body)).toEqual(
      expect.arrayContaining([
        'params.threshold:must_be_positive',
        'params.minVacancies:must_be_whole',
        'params.surprise:unknown_param',
      ]),
    );
    expect(bad.json<{ errors: { message: string }[] }>().errors[0]?.message).toBe('Must be greater than 0');

    const layoff = await t.app.inject({
      method: 'POST',
      url: '/api/v1/warning-rules',
      headers: cityWide,
      payload: ruleBody({ kind: 'layoff', params: { minShare: 1.5 } }),
    });
    expect(layoff.statusCode).toBe(400);
    expect(fields(layoff.body)).toEqual(['params.minShare:share_out_of_range']);
    expect(layoff.json<{ errors: { message: string }[] }>().errors[0]?.message).toContain('比例');

    const missing = await t.app.inject({
      method: 'POST',
      url: '/api/v1/warning-rules',
      headers: cityWide,
      payload: ruleBody({ kind: 'shortage_unresolved', params: {} }),
    });
    expect(fields(missing.body)).toEqual(['params.days:required']);

    const rule = await create();
    const period = await patch(rule.id, { version: 1, effectiveTo: '2016-12-31' });
    expect(period.statusCode).toBe(400);
    expect(fields(period.body)).toEqual(['effectiveTo:ends_before_start']);
    const kindless = await patch(rule.id, { version: 1, params: { days: 3 } });
    expect(fields(kindless.body)).toEqual(
      expect.arrayContaining(['params.days:unknown_param', 'params.threshold:required']),
    );
    const noVersion = await patch(rule.id, { severity: 'high' });
    expect(noVersion.statusCode).toBe(400);
    expect(fields(noVersion.body)).toEqual(['version:required']);
    const taken = await t.app.inject({
      method: 'POST',
      url: '/api/v1/warning-rules',
      headers: cityWide,
      payload: ruleBody({ code: 'layoff_art41' }),
    });
    expect(taken.statusCode).toBe(409);
    const unknown = await patch('00000000-0000-4000-8000-000000000000', { version: 1 });
    expect(unknown.statusCode).toBe(404);
  });

  it('lets only city-wide staff edit rules', async () => {
    const rule = await create();
    const create403 = await t.app.inject({
      method: 'POST',
      url: '/api/v1/warning-rules',
      headers: district,
      payload: ruleBody(),
    });
    expect(create403.statusCode).toBe(403);
    expect((await patch(rule.id, { version: 1, severity: 'high' }, district)).statusCode).toBe(403);
    const disable403 = await t.app.inject({
      method: 'POST',
      url: `/api/v1/warning-rules/${rule.id}/disable`,
      headers: district,
    });
    expect(disable403.statusCode).toBe(403);
    const seeker = await signedIn(t.app, t.db, 'seeker');
    expect((await patch(rule.id, { version: 1 }, seeker.headers)).statusCode).toBe(403);
  });

  it('lets exactly one of two changes from the same version win', async () => {
    const rule = await create();
    const results = await Promise.all([
      patch(rule.id, { version: 1, severity: 'medium' }),
      patch(rule.id, { version: 1, severity: 'critical' }),
    ]);
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes).toEqual([200, 409]);
    const loser = results.find((r) => r.statusCode === 409);
    expect(fields(loser?.body ?? '{}')).toEqual(['version:stale_version']);
    const winner = results.find((r) => r.statusCode === 200)?.json<WarningRule>();
    expect(winner?.version).toBe(2);
    const versions = await t.db
      .selectFrom('warningRuleVersions')
      .select('version')
      .where('ruleId', '=', rule.id)
      .execute();
    expect(versions).toHaveLength(2);
  });
});

describe('warning rules in the evaluation', () => {
  it('takes an updated threshold into the next evaluation and keeps alerts of the earlier version', async () => {
    // Ratio 12 ≤ threshold 20: nothing.
    const rule = await create({ params: { threshold: 20, minVacancies: 10 } });
    await runWarningSweep(t.db, new Date(), { month: MONTH });
    expect(await alertsOf(rule.id)).toEqual([]);
    // Threshold 5: the next evaluation raises, as version 2, with version 2's parameters.
    const res = await patch(rule.id, { version: 1, params: { threshold: 5, minVacancies: 10 } });
    expect(res.statusCode, res.body).toBe(200);
    await runWarningSweep(t.db, new Date(), { month: MONTH });
    const alerts = await alertsOf(rule.id);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      subjectId: OCCUPATION,
      period: MONTH,
      severity: 'low',
      ruleVersion: 2,
    });
    // The fixture makes the ratio 12; other files in this worker's database may add postings of the
    // same occupation and month, so the alert is checked against the two thresholds it crossed.
    const detail = alerts[0]?.detail as { ratio: number; threshold: number };
    expect(detail.threshold).toBe(5);
    expect(detail.ratio).toBeGreaterThan(5);
    expect(detail.ratio).toBeLessThanOrEqual(20);
    // A later change (severity, threshold) does not rewrite the alert already raised.
    await patch(rule.id, { version: 2, severity: 'critical', params: { threshold: 50, minVacancies: 10 } });
    const after = await alertsOf(rule.id);
    expect(after[0]).toMatchObject({ severity: 'low', ruleVersion: 2 });
    expect(after[0]?.detail).toMatchObject({ threshold: 5 });
    const shown = await t.app.inject({
      method: 'GET',
      url: `/api/v1/alerts?kind=supply_demand_ratio&pageSize=100`,
      headers: cityWide,
    });
    expect(shown.statusCode, shown.body).toBe(200);
    const item = shown
      .json<{ items: { ruleCode: string; ruleVersion: number }[] }>()
      .items.find((a) => a.ruleCode === rule.code);
    expect(item?.ruleVersion).toBe(2);
  });

  it('raises nothing from a disabled rule', async () => {
    // Threshold 1: ratio 12 would raise, but the rule is disabled before the evaluation.
    const rule = await create({ params: { threshold: 1, minVacancies: 1 } });
    const off = await t.app.inject({
      method: 'POST',
      url: `/api/v1/warning-rules/${rule.id}/disable`,
      headers: cityWide,
      payload: { version: 1 },
    });
    expect(off.statusCode, off.body).toBe(200);
    await runWarningSweep(t.db, new Date(), { month: MONTH });
    expect(await alertsOf(rule.id)).toEqual([]);
    // Enabled again (PATCH active: true), the next evaluation raises.
    const on = await patch(rule.id, { version: 2, active: true });
    expect(on.json<WarningRule>()).toMatchObject({ active: true, version: 3 });
    await runWarningSweep(t.db, new Date(), { month: MONTH });
    expect((await alertsOf(rule.id)).map((a) => a.ruleVersion)).toEqual([3]);
  });
});
