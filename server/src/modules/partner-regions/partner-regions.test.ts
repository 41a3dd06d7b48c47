import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  PartnerRegion,
  PostingTargets,
  Referral,
  RegionSeeker,
  RegionStats,
  TargetedPosting,
} from '@jiuye/shared';
import { testApp, type TestApp } from '../../../test/app.js';
import { createUser, login, signedIn } from '../../../test/factories.js';
import { createEnterprise, createPosting } from '../../../test/channel-factories.js';
import { liesIn, regionPrefix } from './index.js';
import { cityWideStaff, seekerFrom, type Session } from './partner-regions.test-support.js';

let t: TestApp;
const enterprises: string[] = [];
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  if (enterprises.length > 0) {
    await t.db
      .updateTable('jobPostings')
      .set({ status: 'closed', closedReason: 'test' })
      .where('enterpriseId', 'in', enterprises)
      .execute();
  }
  await t.close();
});

type Problem = { code: string; errors?: { path: string; code: string }[] };

async function createRegion(staff: Session, regionCode: string, extra: Record<string, unknown> = {}) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/partner-regions',
    headers: staff.headers,
    payload: {
      regionCode,
      agreementStartsOn: '2026-02-01',
      contacts: [{ name: '赵海', title: '劳务输出科科长', phone: '139 3900 1234' }],
      ...extra,
    },
  });
}

async function officerOf(staff: Session, regionId: string, districtCodes: string[]): Promise<Session> {
  const user = await createUser(t.db, { role: 'partner', districtCodes });
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/partner-regions/${regionId}/officers`,
    headers: staff.headers,
    payload: { userId: user.id },
  });
  expect(res.statusCode, res.body).toBe(200);
  const cookie = await login(t.app, user.phone);
  return { user, cookie, headers: { cookie } };
}

async function employerPosting() {
  const employer = await signedIn(t.app, t.db, 'employer');
  const enterprise = await createEnterprise(t.db, {
    ownerUserId: employer.user.id,
    ownerPhone: employer.user.phone,
  });
  enterprises.push(enterprise.id);
  const posting = await createPosting(t.db, enterprise, { headcount: 3 });
  return { employer, enterprise, postingId: posting.id };
}

describe('region codes', () => {
  it('reads a prefecture as its county codes', () => {
    expect(regionPrefix('621200')).toBe('6212');
    expect(regionPrefix('620000')).toBe('62');
    expect(regionPrefix('621202')).toBe('621202');
    expect(liesIn('621202', '621200')).toBe(true);
    expect(liesIn('621202', '621221')).toBe(false);
    expect(liesIn('450222', '621200')).toBe(false);
    expect(liesIn(null, '621200')).toBe(false);
  });
});

describe('cross-regional recruitment', () => {
  let staff: Session;
  let longnan: PartnerRegion;
  let liuzhou: PartnerRegion;
  let longnanOfficer: Session;
  let liuzhouOfficer: Session;

  beforeAll(async () => {
    staff = await cityWideStaff(t.app, t.db);
    const a = await createRegion(staff, '621200', { agreementEndsOn: '2027-01-31' });
    expect(a.statusCode, a.body).toBe(201);
    longnan = a.json<PartnerRegion>();
    const b = await createRegion(staff, '450200');
    expect(b.statusCode, b.body).toBe(201);
    liuzhou = b.json<PartnerRegion>();
    longnanOfficer = await officerOf(staff, longnan.id, ['621200']);
    liuzhouOfficer = await officerOf(staff, liuzhou.id, ['450200']);
  });

  it('records partner regions for city-wide staff only, naming bad fields', async () => {
    expect(longnan).toMatchObject({
      regionCode: '621200',
      regionName: '陇南市',
      name: '陇南市',
      status: 'active',
    });
    expect(longnan.contacts[0]?.phone).toBe('13939001234');
    const dup = await createRegion(staff, '621200');
    expect(dup.json<Problem>().errors?.[0]).toMatchObject({
      path: 'regionCode',
      code: 'partner_region_exists',
    });
    const home = await createRegion(staff, '440803');
    expect(home.json<Problem>().errors?.[0]).toMatchObject({
      path: 'regionCode',
      code: 'partner_region_in_city',
    });
    const province = await createRegion(staff, '620000');
    expect(province.json<Problem>().errors?.[0]).toMatchObject({
      path: 'regionCode',
      code: 'partner_region_level',
    });
    const order = await createRegion(staff, '450222', { agreementEndsOn: '2026-01-01' });
    expect(order.json<Problem>().errors?.[0]).toMatchObject({ path: 'agreementEndsOn', code: 'date_order' });
    const district = await signedIn(t.app, t.db, 'staff');
    expect((await createRegion(district, '450222')).statusCode).toBe(403);
  });

  it('attaches only partner accounts that name the region', async () => {
    const seeker = await createUser(t.db, { role: 'seeker' });
    const wrongRegion = await createUser(t.db, { role: 'partner', districtCodes: ['450200'] });
    for (const userId of [seeker.id, wrongRegion.id]) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/v1/partner-regions/${longnan.id}/officers`,
        headers: staff.headers,
        payload: { userId },
      });
      expect(res.json<Problem>().errors?.[0]).toMatchObject({ path: 'userId', code: 'not_partner_officer' });
    }
    const got = await t.app.inject({
      method: 'GET',
      url: `/api/v1/partner-regions/${longnan.id}`,
      headers: staff.headers,
    });
    expect(got.json<PartnerRegion>().officers.map((o) => o.userId)).toEqual([longnanOfficer.user.id]);
    // An officer sees their own region only; another region is not there for them.
    const mine = await t.app.inject({
      method: 'GET',
      url: '/api/v1/partner-regions',
      headers: longnanOfficer.headers,
    });
    expect(mine.json<{ items: PartnerRegion[] }>().items.map((r) => r.id)).toEqual([longnan.id]);
    const other = await t.app.inject({
      method: 'GET',
      url: `/api/v1/partner-regions/${liuzhou.id}`,
      headers: longnanOfficer.headers,
    });
    expect(other.statusCode).toBe(404);
    // Clerks see active regions without contacts or officers, to target their postings.
    const clerk = await signedIn(t.app, t.db, 'employer');
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/partner-regions?pageSize=100',
      headers: clerk.headers,
    });
    const seen = list.json<{ items: PartnerRegion[] }>().items.find((r) => r.id === longnan.id);
    expect(seen).toMatchObject({ contacts: [], officers: [] });
  });

  it('a partner officer sees only their region’s seekers, and refers them to targeted postings', async () => {
    const fromLongnan = await seekerFrom(t.app, t.db, { household: '621202', fullName: '陇南户籍' });
    const livingInLongnan = await seekerFrom(t.app, t.db, {
      household: null,
      current: '621221',
      fullName: '陇南常住',
    });
    const hidden = await seekerFrom(t.app, t.db, { household: '621202', visible: false, fullName: '未公开' });
    const fromLiuzhou = await seekerFrom(t.app, t.db, { household: '450222', fullName: '柳州户籍' });

    const list = async (officer: Session, region: PartnerRegion) => {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/v1/partner-regions/${region.id}/seekers?pageSize=100`,
        headers: officer.headers,
      });
      expect(res.statusCode, res.body).toBe(200);
      return res.json<{ items: RegionSeeker[] }>().items;
    };
    const longnanSeekers = await list(longnanOfficer, longnan);
    const ids = longnanSeekers.map((s) => s.seekerUserId);
    expect(ids).toEqual(expect.arrayContaining([fromLongnan.user.id, livingInLongnan.user.id]));
    expect(ids).not.toContain(hidden.user.id);
    expect(ids).not.toContain(fromLiuzhou.user.id);
    expect(
      longnanSeekers.every(
        (s) => s.householdRegionCode?.startsWith('6212') || s.currentRegionCode?.startsWith('6212'),
      ),
    ).toBe(true);
    expect(longnanSeekers.find((s) => s.seekerUserId === fromLongnan.user.id)?.phoneMasked).toMatch(
      /^\d{3}\*{4}\d{4}$/,
    );
    const liuzhouIds = (await list(liuzhouOfficer, liuzhou)).map((s) => s.seekerUserId);
    expect(liuzhouIds).toContain(fromLiuzhou.user.id);
    expect(liuzhouIds).not.toContain(fromLongnan.user.id);
    // Another region's seekers are not reachable through its id.
    const cross = await t.app.inject({
      method: 'GET',
      url: `/api/v1/partner-regions/${liuzhou.id}/seekers`,
      headers: longnanOfficer.headers,
    });
    expect(cross.statusCode).toBe(404);
    const audited = await t.db
      .selectFrom('auditLog')
      .select('summary')
      .where('action', '=', 'partner_region.seekers_read')
      .where('actorUserId', '=', longnanOfficer.user.id)
      .execute();
    expect(audited.length).toBeGreaterThan(0);

    // The enterprise targets its posting at Longnan; the officer is told and sees it.
    const { employer, postingId } = await employerPosting();
    const notTargeted = await employerPosting();
    const stranger = await signedIn(t.app, t.db, 'employer');
    const denied = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/job-postings/${postingId}/partner-regions`,
      headers: stranger.headers,
      payload: { partnerRegionIds: [longnan.id] },
    });
    expect(denied.statusCode).toBe(404);
    const target = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/job-postings/${postingId}/partner-regions`,
      headers: employer.headers,
      payload: { partnerRegionIds: [longnan.id] },
    });
    expect(target.statusCode, target.body).toBe(200);
    expect(target.json<PostingTargets>().targets.map((x) => x.regionCode)).toEqual(['621200']);
    const told = await t.db
      .selectFrom('notifications')
      .select('kind')
      .where('userId', '=', longnanOfficer.user.id)
      .where('kind', '=', 'partner_posting_targeted')
      .execute();
    expect(told).toHaveLength(1);
    const postings = await t.app.inject({
      method: 'GET',
      url: `/api/v1/partner-regions/${longnan.id}/postings`,
      headers: longnanOfficer.headers,
    });
    expect(postings.json<{ items: TargetedPosting[] }>().items.map((p) => p.postingId)).toEqual([postingId]);
    const liuzhouPostings = await t.app.inject({
      method: 'GET',
      url: `/api/v1/partner-regions/${liuzhou.id}/postings`,
      headers: liuzhouOfficer.headers,
    });
    expect(liuzhouPostings.json<{ total: number }>().total).toBe(0);

    // Referrals: the region's visible seekers, to targeted postings, once.
    const refer = (seekerUserId: string, pid = postingId, officer = longnanOfficer, region = longnan) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/partner-regions/${region.id}/referrals`,
        headers: officer.headers,
        payload: { seekerUserId, postingId: pid, note: '踏实肯干，有焊工证' },
      });
    const ok = await refer(fromLongnan.user.id);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json<Referral>()).toMatchObject({
      outcome: 'referred',
      seekerName: '陇南户籍',
      regionCode: '621200',
    });
    expect((await refer(fromLongnan.user.id)).json<Problem>().code).toBe('already_referred');
    expect((await refer(fromLiuzhou.user.id)).json<Problem>().errors?.[0]).toMatchObject({
      path: 'seekerUserId',
      code: 'seeker_outside_region',
    });
    expect((await refer(hidden.user.id)).json<Problem>().errors?.[0]?.code).toBe('seeker_outside_region');
    expect(
      (await refer(livingInLongnan.user.id, notTargeted.postingId)).json<Problem>().errors?.[0],
    ).toMatchObject({
      path: 'postingId',
      code: 'posting_not_targeted',
    });
    expect(
      (await refer(fromLiuzhou.user.id, postingId, liuzhouOfficer, liuzhou)).json<Problem>().errors?.[0]
        ?.code,
    ).toBe('posting_not_targeted');
    const note = await t.db
      .selectFrom('notifications')
      .select(['kind', 'link'])
      .where('userId', '=', fromLongnan.user.id)
      .executeTakeFirstOrThrow();
    expect(note).toEqual({ kind: 'partner_referral', link: `/seeker/jobs/${postingId}` });

    // The seeker applies and is hired: counted for Longnan, by origin.
    const applied = await t.app.inject({
      method: 'POST',
      url: `/api/v1/job-postings/${postingId}/applications`,
      headers: fromLongnan.headers,
      payload: { shareResumeConsent: true },
    });
    expect(applied.statusCode, applied.body).toBe(201);
    const hired = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/applications/${applied.json<{ id: string }>().id}`,
      headers: employer.headers,
      payload: { status: 'hired' },
    });
    expect(hired.statusCode, hired.body).toBe(200);
    // A Liuzhou seeker applies too: not Longnan's.
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/job-postings/${postingId}/applications`,
          headers: fromLiuzhou.headers,
          payload: { shareResumeConsent: true },
        })
      ).statusCode,
    ).toBe(201);

    const stats = await t.app.inject({
      method: 'GET',
      url: `/api/v1/partner-regions/${longnan.id}/stats`,
      headers: longnanOfficer.headers,
    });
    expect(stats.statusCode, stats.body).toBe(200);
    const s = stats.json<RegionStats>();
    expect(s).toMatchObject({
      targetedPostings: 1,
      referrals: 1,
      referralsApplied: 1,
      referralsHired: 1,
      applicationsToTargeted: 1,
      hiresToTargeted: 1,
    });
    expect(s.applications).toBeGreaterThanOrEqual(1);
    expect(s.hires).toBeGreaterThanOrEqual(1);
    const lz = await t.app.inject({
      method: 'GET',
      url: `/api/v1/partner-regions/${liuzhou.id}/stats`,
      headers: staff.headers,
    });
    // Referrals and targeted applications are this test's own; hires by region of origin count every
    // Liuzhou worker hired in the city, which other test files in this worker's database also make.
    expect(lz.json<RegionStats>()).toMatchObject({ referrals: 0, applicationsToTargeted: 0 });
    const future = await t.app.inject({
      method: 'GET',
      url: `/api/v1/partner-regions/${longnan.id}/stats?from=2099-01-01`,
      headers: staff.headers,
    });
    expect(future.json<RegionStats>()).toMatchObject({ referrals: 0, applications: 0, hires: 0 });

    const referrals = await t.app.inject({
      method: 'GET',
      url: `/api/v1/partner-regions/${longnan.id}/referrals`,
      headers: staff.headers,
    });
    expect(referrals.json<{ items: Referral[] }>().items[0]?.outcome).toBe('hired');
    const mine = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me/partner-referrals',
      headers: fromLongnan.headers,
    });
    expect(mine.json<{ total: number }>().total).toBe(1);
  });

  it('a county partner region: officers of the prefecture may act for it until the agreement ends', async () => {
    const res = await createRegion(staff, '621221');
    expect(res.statusCode, res.body).toBe(201);
    const county = res.json<PartnerRegion>();
    const officer = await officerOf(staff, county.id, ['621200']);
    const seekers = () =>
      t.app.inject({
        method: 'GET',
        url: `/api/v1/partner-regions/${county.id}/seekers`,
        headers: officer.headers,
      });
    expect((await seekers()).statusCode).toBe(200);
    const district = await signedIn(t.app, t.db, 'staff');
    const denied = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/partner-regions/${county.id}`,
      headers: district.headers,
      payload: { status: 'ended' },
    });
    expect(denied.statusCode).toBe(403);
    const ended = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/partner-regions/${county.id}`,
      headers: staff.headers,
      payload: { status: 'ended', agreementEndsOn: '2026-06-30' },
    });
    expect(ended.json<PartnerRegion>()).toMatchObject({ status: 'ended', agreementEndsOn: '2026-06-30' });
    expect((await seekers()).statusCode).toBe(409);
    const audit = await t.db
      .selectFrom('auditLog')
      .select('action')
      .where('entityId', '=', county.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'partner_region.create',
        'partner_region.officer_attach',
        'partner_region.ended',
      ]),
    );
  });

  it('an officer whose account no longer names the region loses it', async () => {
    const moved = await officerOf(staff, liuzhou.id, ['450200']);
    await t.db
      .updateTable('users')
      .set({ districtCodes: ['621200'] })
      .where('id', '=', moved.user.id)
      .execute();
    const cookie = await login(t.app, moved.user.phone);
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/partner-regions/${liuzhou.id}/seekers`,
      headers: { cookie },
    });
    expect(res.statusCode).toBe(404);
  });
});
