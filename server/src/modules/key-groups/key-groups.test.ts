import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KeyGroupMembership, KeyGroupRule, Person } from '@jiuye/shared';
import { testApp, type TestApp } from '../../../test/app.js';
import { signedIn } from '../../../test/factories.js';
import { createEnterprise } from '../../../test/channel-factories.js';
import { isCityWideStaff } from '../enterprises/index.js';
import { loadFacts } from '../policies/index.js';
import { isRegisteredUnemployed } from '../registrations/index.js';
import {
  createPersonVia,
  registerUnemployedVia,
  uniqueIdNumber,
  walkIn,
} from '../registrations/assistance.fixtures.js';
import {
  addDays,
  chinaDate,
  hasEmploymentDifficulty,
  keyGroupsOf,
  reclassify,
  runReclassificationSweep,
} from './index.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.close();
});

type Problem = { status: number; code: string; errors?: { path: string; code: string }[] };

/** A birth date that makes someone turn `years` on `day`. */
function turning(years: number, day: string): string {
  return `${Number(day.slice(0, 4)) - years}${day.slice(4)}`;
}

describe('classification on the registry', () => {
  it('classifies a woman as 4050 on her 40th birthday (daily sweep), not the day before', async () => {
    const staff = await signedIn(t.app, t.db, 'staff', { districtCodes: ['440823'] });
    const today = chinaDate(t.clock.now());
    const birthday = addDays(today, 3);
    const p = await createPersonVia(
      t.app,
      staff.headers,
      walkIn({ residenceDistrictCode: '440823', idNumber: uniqueIdNumber(turning(40, birthday), 'female') }),
    );
    await registerUnemployedVia(t.app, staff.headers, p.id);
    expect(await isRegisteredUnemployed(t.db, p.id, today)).toBe(true);
    expect(await isRegisteredUnemployed(t.db, p.id, addDays(today, -1))).toBe(false);
    expect(await keyGroupsOf(t.db, p.id, today)).toEqual([]);
    expect(await reclassify(t.db, p.id, addDays(birthday, -1))).toEqual([]);
    // The sweep on her birthday finds her (a birthday is a day facts change) and classifies her.
    const swept = await runReclassificationSweep(t.db, new Date(`${birthday}T01:00:00+08:00`));
    expect(swept).toBeGreaterThan(0);
    expect(await keyGroupsOf(t.db, p.id, birthday)).toEqual(['employment_difficulty', 'middle_aged_4050']);
    expect(await hasEmploymentDifficulty(t.db, p.id, birthday)).toBe(true);
    const rows = await t.db
      .selectFrom('keyGroupMemberships')
      .select(['groupCode', 'since', 'validUntil', 'evidence', 'confirmedBy'])
      .where('personId', '=', p.id)
      .where('status', '=', 'active')
      .orderBy('groupCode')
      .execute();
    expect(rows.map((r) => r.groupCode)).toEqual(['employment_difficulty', 'middle_aged_4050']);
    expect(rows[1]).toMatchObject({ since: birthday, confirmedBy: null });
    expect(rows[1]?.evidence).toEqual(
      expect.arrayContaining([
        { fact: 'person.age', value: 40 },
        { fact: 'person.gender', value: 'female' },
        { fact: 'person.registeredUnemployed', value: true },
      ]),
    );
  });

  it('classifies a man as 4050 at 50, not at 49, and ends it when he registers employment', async () => {
    const staff = await signedIn(t.app, t.db, 'staff', { districtCodes: ['440823'] });
    const today = chinaDate(t.clock.now());
    const fortyNine = await createPersonVia(
      t.app,
      staff.headers,
      walkIn({
        residenceDistrictCode: '440823',
        idNumber: uniqueIdNumber(turning(50, addDays(today, 1)), 'male'),
      }),
    );
    const fifty = await createPersonVia(
      t.app,
      staff.headers,
      walkIn({ residenceDistrictCode: '440823', idNumber: uniqueIdNumber(turning(50, today), 'male') }),
    );
    await registerUnemployedVia(t.app, staff.headers, fortyNine.id);
    await registerUnemployedVia(t.app, staff.headers, fifty.id);
    expect(await keyGroupsOf(t.db, fortyNine.id, today)).not.toContain('middle_aged_4050');
    expect(await keyGroupsOf(t.db, fifty.id, today)).toContain('middle_aged_4050');
    // Facts feed the support-policy fact registry too.
    const facts = await loadFacts(
      t.db,
      'person',
      fifty.id,
      ['person.registeredUnemployed', 'person.classifiedKeyGroups', 'person.age'],
      today,
    );
    expect(facts).toMatchObject({ 'person.registeredUnemployed': true, 'person.age': 50 });
    expect(facts['person.classifiedKeyGroups']).toContain('middle_aged_4050');
    const owner = await signedIn(t.app, t.db, 'employer');
    const staffEnterprise = await createEnterprise(t.db, {
      ownerUserId: owner.user.id,
      ownerPhone: owner.user.phone,
      districtCode: '440823',
    });
    const e = await t.app.inject({
      method: 'POST',
      url: '/api/v1/registrations',
      headers: staff.headers,
      payload: {
        kind: 'employment',
        personId: fifty.id,
        enterpriseId: staffEnterprise.id,
        hiredOn: today,
        jobTitle: '保安',
      },
    });
    expect(e.statusCode, e.body).toBe(201);
    expect(await keyGroupsOf(t.db, fifty.id, today)).toEqual([]);
    const ended = await t.db
      .selectFrom('keyGroupMemberships')
      .select(['groupCode', 'endedOn'])
      .where('personId', '=', fifty.id)
      .where('status', '=', 'ended')
      .execute();
    expect(ended.map((x) => x.groupCode).sort()).toEqual(['employment_difficulty', 'middle_aged_4050']);
  });

  it('lets staff of the district see the evidence and confirm it', async () => {
    const staff = await signedIn(t.app, t.db, 'staff', { districtCodes: ['440823'] });
    const other = await signedIn(t.app, t.db, 'staff', { districtCodes: ['440802'] });
    const p = await createPersonVia(
      t.app,
      staff.headers,
      walkIn({ residenceDistrictCode: '440823', poorHousehold: true }),
    );
    expect(p.keyGroups.map((g) => g.group)).toEqual(['poor_household']);
    const list = await t.app.inject({
      method: 'GET',
      url: `/api/v1/persons/${p.id}/key-groups`,
      headers: staff.headers,
    });
    expect(list.statusCode).toBe(200);
    const m = list.json<{ items: KeyGroupMembership[] }>().items[0];
    expect(m).toMatchObject({
      group: 'poor_household',
      status: 'active',
      confirmedBy: null,
      evidence: [{ fact: 'person.poorHousehold', value: true }],
    });
    const hidden = await t.app.inject({
      method: 'POST',
      url: `/api/v1/persons/${p.id}/key-groups/poor_household/confirm`,
      headers: other.headers,
    });
    expect(hidden.statusCode).toBe(404);
    const c = await t.app.inject({
      method: 'POST',
      url: `/api/v1/persons/${p.id}/key-groups/poor_household/confirm`,
      headers: staff.headers,
    });
    expect(c.statusCode, c.body).toBe(200);
    expect(c.json<KeyGroupMembership>()).toMatchObject({ confirmedBy: staff.user.id });
    const none = await t.app.inject({
      method: 'POST',
      url: `/api/v1/persons/${p.id}/key-groups/retired_soldier/confirm`,
      headers: staff.headers,
    });
    expect(none.statusCode).toBe(404);
    const badGroup = await t.app.inject({
      method: 'POST',
      url: `/api/v1/persons/${p.id}/key-groups/astronaut/confirm`,
      headers: staff.headers,
    });
    expect(badGroup.statusCode).toBe(400);
    // A change of facts reclassifies: the flag removed ends the membership.
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/persons/${p.id}`,
      headers: staff.headers,
      payload: { poorHousehold: false },
    });
    expect(patched.json<Person>().keyGroups).toEqual([]);
  });

  it('keeps rules as data: a new version (city-wide staff) takes over from its first day', async () => {
    const district = await signedIn(t.app, t.db, 'staff', { districtCodes: ['440803'] });
    const city = await signedIn(t.app, t.db, 'staff', {
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
    expect(isCityWideStaff({ kind: 'user', role: 'staff', districtCodes: ['440803'] } as never)).toBe(false);
    const rules = await t.app.inject({
      method: 'GET',
      url: '/api/v1/key-group-rules',
      headers: district.headers,
    });
    const groups = rules.json<{ items: KeyGroupRule[] }>().items.map((r) => r.group);
    expect(new Set(groups)).toEqual(
      new Set([
        'college_graduate',
        'migrant_worker',
        'retired_soldier',
        'middle_aged_4050',
        'poor_household',
        'employment_difficulty',
      ]),
    );
    const body = {
      group: 'retired_soldier',
      nameZh: '退役军人',
      nameEn: 'Retired soldier',
      rule: {
        all: [
          { fact: 'person.veteran', op: 'eq', value: true },
          { fact: 'person.age', op: 'lt', value: 60 },
        ],
      },
      effectiveFrom: '2099-01-01',
    };
    const denied = await t.app.inject({
      method: 'POST',
      url: '/api/v1/key-group-rules',
      headers: district.headers,
      payload: body,
    });
    expect(denied.statusCode).toBe(403);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/key-group-rules',
      headers: city.headers,
      payload: { ...body, rule: { fact: 'person.shoeSize', op: 'gt', value: 40 } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<Problem>().errors?.[0]?.path).toMatch(/^rule/);
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/key-group-rules',
      headers: city.headers,
      payload: body,
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const inForce = await t.app.inject({
      method: 'GET',
      url: '/api/v1/key-group-rules?group=retired_soldier&asOf=2098-12-31',
      headers: district.headers,
    });
    expect(inForce.json<{ items: KeyGroupRule[] }>().items.map((r) => r.effectiveTo)).toEqual(['2098-12-31']);
    const later = await t.app.inject({
      method: 'GET',
      url: '/api/v1/key-group-rules?group=retired_soldier&asOf=2099-01-01',
      headers: district.headers,
    });
    expect(later.json<{ items: KeyGroupRule[] }>().items.map((r) => r.id)).toEqual([
      ok.json<KeyGroupRule>().id,
    ]);
    const older = await t.app.inject({
      method: 'POST',
      url: '/api/v1/key-group-rules',
      headers: city.headers,
      payload: body,
    });
    expect(older.statusCode).toBe(400);
  });
});
