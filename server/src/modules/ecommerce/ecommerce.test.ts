import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EcommerceParticipant, EcommerceProject } from '@jiuye/shared';
import { testApp, type TestApp } from '../../../test/app.js';
import { signedIn, uniquePhone } from '../../../test/factories.js';
import { ecommerceProjectOutcomes } from './index.js';

let t: TestApp;
type H = Record<string, string>;
let staff: H;
let staffElsewhere: H;

async function req(method: 'GET' | 'POST' | 'PATCH', url: string, headers: H, payload?: object) {
  const r = await t.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });
  return { status: r.statusCode, body: r.json<Record<string, unknown>>(), raw: r };
}
const firstError = (b: Record<string, unknown>) =>
  (b.errors as { path: string; code: string }[] | undefined)?.[0];

function projectBody(o: Record<string, unknown> = {}) {
  return {
    name: '遂溪菠萝直播带货',
    regionCode: '440823',
    product: '菠萝',
    organiser: '遂溪县曲界镇菠萝专业合作社',
    organiserPhone: '+86 138-0000-5678',
    startsOn: '2026-03-01',
    ...o,
  };
}

async function createProject(o: Record<string, unknown> = {}): Promise<EcommerceProject> {
  const r = await req('POST', '/ecommerce-projects', staff, projectBody(o));
  expect(r.status, r.raw.body).toBe(201);
  return r.body as unknown as EcommerceProject;
}

async function addWalkIn(projectId: string, extra: Record<string, unknown> = {}) {
  return req('POST', `/ecommerce-projects/${projectId}/participants`, staff, {
    person: { fullName: '陈阿妹', phone: uniquePhone() },
    ...extra,
  });
}

beforeAll(async () => {
  t = await testApp();
  staff = (await signedIn(t.app, t.db, 'staff', { districtCodes: ['440823', '440803'] })).headers;
  staffElsewhere = (await signedIn(t.app, t.db, 'staff', { districtCodes: ['440881'] })).headers;
});
afterAll(async () => {
  await t.close();
});

describe('rural e-commerce projects', () => {
  it('takes a county or a village code under a known county of the caller’s districts', async () => {
    const county = await createProject();
    expect(county).toMatchObject({
      regionCode: '440823',
      countyCode: '440823',
      organiserPhone: '138****5678',
    });
    expect(county.outcomes).toEqual({
      participants: 0,
      trained: 0,
      selling: 0,
      incomeReported: 0,
      totalMonthlyIncomeFen: 0,
      averageMonthlyIncomeFen: null,
    });
    const village = await createProject({ regionCode: '440823101201', villageName: '曲界镇愚公楼村' });
    expect(village).toMatchObject({ countyCode: '440823', villageName: '曲界镇愚公楼村' });

    for (const [regionCode, code] of [
      ['44082310120', 'region_format'],
      ['999999101201', 'unknown_region'],
      ['110105', 'not_in_city'],
    ] as const) {
      const r = await req('POST', '/ecommerce-projects', staff, projectBody({ regionCode }));
      expect(r.status, regionCode).toBe(400);
      expect(firstError(r.body)).toEqual(expect.objectContaining({ path: 'regionCode', code }));
    }
    const outside = await req('POST', '/ecommerce-projects', staffElsewhere, projectBody());
    expect(firstError(outside.body)?.code).toBe('outside_district');
    expect(
      (await req('POST', '/ecommerce-projects', staff, projectBody({ startsOn: '2026-02-30' }))).status,
    ).toBe(400);
    expect((await req('POST', '/ecommerce-projects', staff, { ...projectBody(), budget: 1 })).status).toBe(
      400,
    );
    const seeker = (await signedIn(t.app, t.db, 'seeker')).headers;
    expect((await req('POST', '/ecommerce-projects', seeker, projectBody())).status).toBe(403);
  });

  it('lists projects of the caller’s districts with filters', async () => {
    const p = await createProject({ name: '徐闻菠萝电商', product: '徐闻菠萝' });
    const mine = await req('GET', '/ecommerce-projects?q=徐闻&pageSize=100', staff);
    expect((mine.body.items as EcommerceProject[]).map((x) => x.id)).toContain(p.id);
    const notMine = await req('GET', '/ecommerce-projects?pageSize=100', staffElsewhere);
    expect((notMine.body.items as EcommerceProject[]).map((x) => x.id)).not.toContain(p.id);
    expect((await req('GET', `/ecommerce-projects/${p.id}`, staffElsewhere)).status).toBe(404);
    expect((await req('GET', '/ecommerce-projects?countyCode=440823', staffElsewhere)).status).toBe(403);
    const literal = await req('GET', '/ecommerce-projects?q=%25', staff);
    expect(literal.status).toBe(200);
    expect(literal.body.total).toBe(0);
    const ended = await req('PATCH', `/ecommerce-projects/${p.id}`, staff, { status: 'ended' });
    expect(ended.body.status).toBe('ended');
    const active = await req('GET', '/ecommerce-projects?status=active&pageSize=100', staff);
    expect((active.body.items as EcommerceProject[]).map((x) => x.id)).not.toContain(p.id);
  });

  it('adds participants once each and summarises their outcomes', async () => {
    const p = await createProject();
    const a = await addWalkIn(p.id, { trained: true, selling: true, monthlyIncomeFen: 300_000 });
    expect(a.status, a.raw.body).toBe(201);
    const pa = a.body as unknown as EcommerceParticipant;
    expect(pa.incomeReportedAt).not.toBeNull();
    await addWalkIn(p.id, { trained: true, selling: true, monthlyIncomeFen: 150_001 });
    await addWalkIn(p.id, { trained: true });
    const d = await addWalkIn(p.id);
    expect(d.body).toMatchObject({
      trained: false,
      selling: false,
      monthlyIncomeFen: null,
      incomeReportedAt: null,
    });

    const again = await req('POST', `/ecommerce-projects/${p.id}/participants`, staff, {
      personId: pa.person.id,
    });
    expect(again.status).toBe(409);
    expect(firstError(again.body)?.code).toBe('already_participating');
    expect(
      firstError(
        (await req('POST', `/ecommerce-projects/${p.id}/participants`, staff, { trained: true })).body,
      ),
    ).toEqual(expect.objectContaining({ path: 'personId', code: 'required' }));
    expect((await addWalkIn(p.id, { monthlyIncomeFen: -1 })).status).toBe(400);
    expect((await addWalkIn(p.id, { monthlyIncomeFen: 10.5 })).status).toBe(400);

    const got = await req('GET', `/ecommerce-projects/${p.id}`, staff);
    expect(got.body.outcomes).toEqual({
      participants: 4,
      trained: 3,
      selling: 2,
      incomeReported: 2,
      totalMonthlyIncomeFen: 450_001,
      averageMonthlyIncomeFen: 225_000, // ⌊450001 ÷ 2⌋
    });

    const upd = await req(
      'PATCH',
      `/ecommerce-participants/${(d.body as unknown as EcommerceParticipant).id}`,
      staff,
      {
        selling: true,
        monthlyIncomeFen: 90_000,
      },
    );
    expect(upd.status, upd.raw.body).toBe(200);
    expect(upd.body).toMatchObject({ selling: true, trained: false, monthlyIncomeFen: 90_000 });
    const cleared = await req('PATCH', `/ecommerce-participants/${pa.id}`, staff, { monthlyIncomeFen: null });
    expect(cleared.body).toMatchObject({ monthlyIncomeFen: null, incomeReportedAt: null });
    expect(
      (await req('PATCH', `/ecommerce-participants/${pa.id}`, staffElsewhere, { selling: false })).status,
    ).toBe(404);

    expect(await ecommerceProjectOutcomes(t.db, p.id)).toEqual({
      participants: 4,
      trained: 3,
      selling: 3,
      incomeReported: 2,
      totalMonthlyIncomeFen: 240_001,
      averageMonthlyIncomeFen: 120_000,
    });

    const sellers = await req('GET', `/ecommerce-projects/${p.id}/participants?selling=true`, staff);
    expect(sellers.body.total).toBe(3);
    for (const x of sellers.body.items as EcommerceParticipant[])
      expect(x.person.phoneMasked).toMatch(/^1\d{2}\*{4}\d{4}$/);
    expect((await req('GET', `/ecommerce-projects/${p.id}/participants?selling=yes`, staff)).status).toBe(
      400,
    );
    const audit = await t.db
      .selectFrom('auditLog')
      .select('action')
      .where('entityId', '=', p.id)
      .orderBy('id')
      .execute();
    expect(audit.map((x) => x.action)).toEqual([
      'ecommerce_project.create',
      'ecommerce_participant.list_read',
    ]);
  });
});
