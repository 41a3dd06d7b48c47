import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../test/app.js';
import { createUser } from '../../../test/factories.js';
import { keyGroupsOf } from '../key-groups/index.js';
import { seedDemoAssistance } from './index.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.close();
});

describe('registration desk demo data', () => {
  it('registers one walk-in per key group, with cases and services', async () => {
    const officer = await createUser(t.db, { role: 'staff', districtCodes: ['440803'] });
    await seedDemoAssistance(t.deps, { now: t.clock.now(), officerId: officer.id });
    const persons = await t.db
      .selectFrom('persons')
      .select(['id', 'fullName'])
      .where('phone', 'in', [
        '13760000101',
        '13760000102',
        '13760000103',
        '13760000104',
        '13760000105',
        '13760000106',
      ])
      .execute();
    expect(persons).toHaveLength(6);
    const groups = new Set<string>();
    for (const p of persons) for (const g of await keyGroupsOf(t.db, p.id, t.clock.now())) groups.add(g);
    expect([...groups].sort()).toEqual([
      'college_graduate',
      'employment_difficulty',
      'middle_aged_4050',
      'migrant_worker',
      'poor_household',
      'retired_soldier',
    ]);
    const cases = await t.db
      .selectFrom('cases')
      .select('id')
      .where(
        'personId',
        'in',
        persons.map((p) => p.id),
      )
      .where('status', '=', 'open')
      .execute();
    expect(cases).toHaveLength(6);
  });
});
