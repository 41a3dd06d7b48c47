import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../test/app.js';
import { createUser, uniquePhone } from '../../../test/factories.js';
import { decryptField } from '../../platform/crypto.js';
import { AppError } from '../../platform/errors.js';
import { idNumber, putResume, welderResume } from '../resumes/resumes.fixtures.js';
import { signedIn } from '../../../test/factories.js';
import { findOrCreatePerson, personForUser } from './index.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.close();
});

describe('persons', () => {
  it('creates a walk-in once per identity number, sealed, with what the number tells', async () => {
    const staff = await createUser(t.db, { role: 'staff', districtCodes: ['440803'] });
    const id = idNumber('450221', '1988-03-09', '024');
    const phone = uniquePhone();
    const a = await findOrCreatePerson(
      t.db,
      t.deps.keys,
      { fullName: '韦春花', phone, idNumber: id },
      staff.id,
    );
    expect(a).toMatchObject({
      fullName: '韦春花',
      birthDate: '1988-03-09',
      gender: 'female',
      householdRegionCode: '450221',
      idNumberMasked: `4502${'*'.repeat(10)}${id.slice(14)}`,
      phoneMasked: `${phone.slice(0, 3)}****${phone.slice(7)}`,
    });
    // The same number under another phone is the same person.
    const b = await findOrCreatePerson(
      t.db,
      t.deps.keys,
      { fullName: '韦春花', phone: uniquePhone(), idNumber: id },
      null,
    );
    expect(b.id).toBe(a.id);
    const raw = await t.db.selectFrom('persons').selectAll().where('id', '=', a.id).executeTakeFirstOrThrow();
    expect(raw.idNumberEnc).not.toContain(id);
    expect(decryptField(t.deps.keys, raw.idNumberEnc ?? '')).toBe(id);
  });

  it('matches a person without an identity number by phone and name, and fills the number in later', async () => {
    const phone = uniquePhone();
    const a = await findOrCreatePerson(t.db, t.deps.keys, { fullName: '覃小军', phone }, null);
    expect(a.idNumberMasked).toBeNull();
    const again = await findOrCreatePerson(
      t.db,
      t.deps.keys,
      { fullName: '覃小军', phone: `+86 ${phone}` },
      null,
    );
    expect(again.id).toBe(a.id);
    const other = await findOrCreatePerson(t.db, t.deps.keys, { fullName: '覃大军', phone }, null);
    expect(other.id).not.toBe(a.id);
    const withId = await findOrCreatePerson(
      t.db,
      t.deps.keys,
      { fullName: '覃小军', phone, idNumber: idNumber('621221', '1995-11-30', '013') },
      null,
    );
    expect(withId.id).toBe(a.id);
    expect(withId.householdRegionCode).toBe('621221');
  });

  it('refuses an invalid identity number or phone naming the field', async () => {
    const bad = idNumber('450221', '1988-03-09', '024').slice(0, 17) + 'Z';
    await expect(
      findOrCreatePerson(t.db, t.deps.keys, { fullName: '张三', phone: uniquePhone(), idNumber: bad }, null),
    ).rejects.toMatchObject({ code: 'validation_failed', fields: [{ path: 'idNumber' }] });
    const err = await findOrCreatePerson(t.db, t.deps.keys, { fullName: '张三', phone: '12345' }, null).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).fields[0]?.path).toBe('phone');
  });

  it('gives a seeker account one person, from the résumé, even when asked concurrently', async () => {
    const s = await signedIn(t.app, t.db, 'seeker');
    const id = idNumber('440803', '1990-05-01', '013');
    expect((await putResume(t.app, s.headers, welderResume({ idNumber: id }))).statusCode).toBe(200);
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        t.db.transaction().execute((tx) => personForUser(tx, t.deps.keys, s.user.id)),
      ),
    );
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(results[0]).toMatchObject({ userId: s.user.id, birthDate: '1990-05-01', gender: 'male' });
    const rows = await t.db.selectFrom('persons').select('id').where('userId', '=', s.user.id).execute();
    expect(rows).toHaveLength(1);
  });
});
