import type { KeyEnterprise, ServiceLog, ServiceProblem } from '@jiuye/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../test/app.js';
import {
  call,
  chinaDay,
  clerkOf,
  staffOf,
  type Caller,
  type Clerk,
} from '../sharing/sharing.test-support.js';

let t: TestApp;
let ent: Clerk;
let otherEnt: Clerk;
let lead: Caller;
let officer: Caller;
let outsider: Caller;

beforeAll(async () => {
  t = await testApp();
  ent = await clerkOf(t, '440803', '湛江港湾水产食品有限公司');
  otherEnt = await clerkOf(t, '440803');
  lead = await staffOf(t, ['440803']);
  officer = await staffOf(t, ['440802', '440803']);
  outsider = await staffOf(t, ['440881']);
});
afterAll(async () => {
  await t.close();
});

type Problem = { code: string; errors?: { path: string; code: string }[] };
const fieldsOf = (p: unknown) => ((p as Problem).errors ?? []).map((e) => `${e.path}:${e.code}`);

describe('key enterprises', () => {
  it('staff mark a key enterprise with an officer covering its district', async () => {
    const url = `/api/v1/key-enterprises/${ent.enterprise.id}`;
    const wrongOfficer = await call(t, 'PUT', url, lead, {
      reason: '重点项目',
      officerUserId: outsider.user.id,
    });
    expect(fieldsOf(wrongOfficer.body)).toEqual(['officerUserId:officer_outside_district']);
    const notStaff = await call(t, 'PUT', url, lead, { reason: '重点项目', officerUserId: ent.user.id });
    expect(fieldsOf(notStaff.body)).toEqual(['officerUserId:staff_not_found']);
    expect(
      (await call(t, 'PUT', url, outsider, { reason: 'x', officerUserId: outsider.user.id })).status,
    ).toBe(404);
    const marked = await call<KeyEnterprise>(t, 'PUT', url, lead, {
      reason: '复工复产重点保障企业，用工缺口大',
      officerUserId: officer.user.id,
    });
    expect(marked.status).toBe(201);
    expect(marked.body.officer?.userId).toBe(officer.user.id);
    const again = await call<KeyEnterprise>(t, 'PUT', url, lead, {
      reason: '更新原因',
      officerUserId: officer.user.id,
    });
    expect(again.status).toBe(200);
    const list = await call<{ items: KeyEnterprise[] }>(
      t,
      'GET',
      '/api/v1/key-enterprises?mine=true',
      officer,
    );
    expect(list.body.items.map((k) => k.enterpriseId)).toEqual([ent.enterprise.id]);
    const note = await t.db
      .selectFrom('notifications')
      .select('kind')
      .where('userId', '=', officer.user.id)
      .execute();
    expect(note.map((n) => n.kind)).toContain('key_enterprise_assigned');
  });

  it('keeps a service log with problems and deadlines; the enterprise reads it without internal notes', async () => {
    const url = `/api/v1/key-enterprises/${ent.enterprise.id}/service-logs`;
    const future = await call(t, 'POST', url, officer, { servedOn: chinaDay(t, 1), notes: 'x' });
    expect(fieldsOf(future.body)).toEqual(['servedOn:date_in_future']);
    const early = await call(t, 'POST', url, officer, {
      servedOn: chinaDay(t, 0),
      notes: 'x',
      problems: [{ category: 'recruitment', description: 'y', deadline: chinaDay(t, -1) }],
    });
    expect(fieldsOf(early.body)).toEqual(['problems.0.deadline:date_order']);
    const log = await call<ServiceLog>(t, 'POST', url, officer, {
      servedOn: chinaDay(t, 0),
      kind: 'visit',
      notes: '走访企业，了解复工和用工情况',
      internalNote: '企业负责人对社保缓缴有顾虑',
      problems: [
        { category: 'labour_shortage', description: '缺少装配线操作工30人', deadline: chinaDay(t, 7) },
        { category: 'policy', description: '咨询稳岗返还申请', deadline: chinaDay(t, 3) },
      ],
    });
    expect(log.status).toBe(201);
    expect(log.body.problems).toHaveLength(2);
    expect(log.body.internalNote).toBe('企业负责人对社保缓缴有顾虑');

    const clerkView = await call<{ items: ServiceLog[] }>(t, 'GET', url, ent);
    expect(clerkView.status).toBe(200);
    expect(clerkView.body.items[0]?.internalNote).toBeNull();
    expect(clerkView.body.items[0]?.problems).toHaveLength(2);
    const keyView = await call<KeyEnterprise>(t, 'GET', `/api/v1/key-enterprises/${ent.enterprise.id}`, ent);
    expect(keyView.body).toMatchObject({
      openProblems: 2,
      overdueProblems: 0,
      lastServiceOn: chinaDay(t, 0),
    });

    expect((await call(t, 'GET', url, otherEnt)).status).toBe(404);
    expect((await call(t, 'GET', `/api/v1/key-enterprises/${ent.enterprise.id}`, otherEnt)).status).toBe(404);
    expect((await call(t, 'GET', url, outsider)).status).toBe(404);
    expect((await call(t, 'POST', url, outsider, { servedOn: chinaDay(t, 0), notes: 'x' })).status).toBe(404);
    // Logs only for key enterprises.
    const notKey = await call(
      t,
      'POST',
      `/api/v1/key-enterprises/${otherEnt.enterprise.id}/service-logs`,
      lead,
      {
        servedOn: chinaDay(t, 0),
        notes: 'x',
      },
    );
    expect(notKey.status).toBe(409);
    expect(fieldsOf(notKey.body)).toEqual(['enterpriseId:not_key_enterprise']);
  });

  it('lists overdue problems and resolves them with a note', async () => {
    const all = await call<{ items: ServiceProblem[] }>(
      t,
      'GET',
      `/api/v1/service-problems?enterpriseId=${ent.enterprise.id}`,
      lead,
    );
    const policy = all.body.items.find((p) => p.category === 'policy');
    expect(policy?.overdue).toBe(false);
    // Move the deadline into the past (as if days went by).
    await t.db
      .updateTable('enterpriseServiceProblems')
      .set({ deadline: chinaDay(t, -2) })
      .where('id', '=', policy?.id ?? '')
      .execute();
    const overdue = await call<{ items: ServiceProblem[] }>(
      t,
      'GET',
      '/api/v1/service-problems?overdue=true',
      lead,
    );
    expect(overdue.body.items.map((p) => p.id)).toEqual([policy?.id]);
    expect(overdue.body.items[0]).toMatchObject({ overdue: true, officer: { userId: officer.user.id } });
    expect(
      (await call<{ items: unknown[] }>(t, 'GET', '/api/v1/service-problems?overdue=true', outsider)).body
        .items,
    ).toEqual([]);
    const key = await call<{ items: KeyEnterprise[] }>(
      t,
      'GET',
      '/api/v1/key-enterprises?withOverdue=true',
      lead,
    );
    expect(key.body.items[0]?.overdueProblems).toBe(1);

    const noNote = await call(t, 'PATCH', `/api/v1/service-problems/${policy?.id}`, lead, {
      status: 'resolved',
    });
    expect(fieldsOf(noNote.body)).toEqual(['resolutionNote:required']);
    expect(
      (
        await call(t, 'PATCH', `/api/v1/service-problems/${policy?.id}`, outsider, {
          status: 'resolved',
          resolutionNote: 'x',
        })
      ).status,
    ).toBe(404);
    const resolved = await call<ServiceProblem>(t, 'PATCH', `/api/v1/service-problems/${policy?.id}`, lead, {
      status: 'resolved',
      resolutionNote: '已指导企业在线申请稳岗返还',
    });
    expect(resolved.body).toMatchObject({ status: 'resolved', overdue: false });
    expect(
      (await call<{ items: unknown[] }>(t, 'GET', '/api/v1/service-problems?overdue=true', lead)).body.items,
    ).toEqual([]);
    const twice = await call(t, 'PATCH', `/api/v1/service-problems/${policy?.id}`, lead, {
      status: 'resolved',
      resolutionNote: 'again',
    });
    expect(twice.status).toBe(409);
    const audit = await t.db
      .selectFrom('auditLog')
      .select('action')
      .where('entityId', '=', policy?.id ?? '')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['service_problem.resolve']);
  });

  it('unmarks a key enterprise (the log stays)', async () => {
    const r = await call(t, 'DELETE', `/api/v1/key-enterprises/${ent.enterprise.id}`, lead);
    expect(r.status).toBe(204);
    expect((await call(t, 'GET', `/api/v1/key-enterprises/${ent.enterprise.id}`, lead)).status).toBe(404);
    const logs = await call<{ total: number }>(
      t,
      'GET',
      `/api/v1/key-enterprises/${ent.enterprise.id}/service-logs`,
      lead,
    );
    expect(logs.body.total).toBe(1);
  });
});
