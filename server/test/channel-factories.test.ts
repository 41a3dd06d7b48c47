import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { checkCreditCode } from '@jiuye/shared';
import { testDb } from './db.js';
import { createUser } from './factories.js';
import { createEnterprise, createPosting, uniqueCreditCode } from './channel-factories.js';

describe('channel factories', () => {
  it('make valid credit codes and a searchable published posting', async () => {
    expect(checkCreditCode(uniqueCreditCode())).toMatchObject({ ok: true, checksumValid: true });
    const db = await testDb();
    const owner = await createUser(db, { role: 'employer' });
    const ent = await createEnterprise(db, { ownerUserId: owner.id, ownerPhone: owner.phone });
    const p = await createPosting(db, ent);
    const hit = await db
      .selectFrom('jobPostings')
      .select('id')
      .where('id', '=', p.id)
      .where(sql<boolean>`search_vector @@ '电焊工'::tsquery`)
      .executeTakeFirst();
    expect(hit?.id).toBe(p.id);
  });
});
