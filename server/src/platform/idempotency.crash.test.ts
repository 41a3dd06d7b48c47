import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/app.js';
import { signedIn } from '../../test/factories.js';
import { createEnterprise, createPosting } from '../../test/channel-factories.js';

/*
 * Issue 9, crash safety: a request that died with its process (SIGKILL, power loss) leaves its
 * Idempotency-Key unfinished. After JIUYE_IDEMPOTENCY_STALE_SECONDS a retry with the same key
 * takes it over and runs once; before that it is still "in progress".
 */

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ JIUYE_IDEMPOTENCY_STALE_SECONDS: '1' });
});
afterAll(async () => {
  await t.close();
});

describe('an Idempotency-Key left unfinished by a crash', () => {
  it('blocks retries while fresh, then lets exactly one retry run and replays its answer', async () => {
    const seeker = await signedIn(t.app, t.db, 'seeker');
    await t.db
      .insertInto('resumes')
      .values({
        userId: seeker.user.id,
        fullName: '黄志强',
        idNumberEnc: 'v1.test.test.test',
        idNumberHash: randomBytes(16).toString('hex'),
        idNumberMasked: '4408**********0017',
        birthDate: '1990-05-01',
        gender: 'male',
        householdRegionCode: '450222',
        educationLevel: 'secondary_vocational',
        skills: ['二保焊'],
        experiences: JSON.stringify([]),
        certificates: JSON.stringify([]),
        desiredOccupationCodes: ['6-18-02-04'],
        desiredDistrictCodes: ['440803'],
        expectedSalaryMinFen: 600_000,
        availableFrom: null,
        willingToRelocate: false,
        currentRegionCode: '440803',
        experienceYears: 3,
        keyGroupConsentId: null,
        visibilityConsentId: null,
      })
      .execute();
    const employer = await signedIn(t.app, t.db, 'employer');
    const ent = await createEnterprise(t.db, {
      ownerUserId: employer.user.id,
      ownerPhone: employer.user.phone,
    });
    const posting = await createPosting(t.db, ent);

    const url = `/api/v1/job-postings/${posting.id}/applications`;
    const payload = { shareResumeConsent: true };
    const key = `crash-${randomBytes(8).toString('hex')}`;
    const hash = createHash('sha256').update('POST').update('\n').update(url).update('\n');
    // What the dead process left: the key taken, no answer stored.
    await t.db
      .insertInto('idempotencyKeys')
      .values({
        caller: `user:${seeker.user.id}`,
        key,
        method: 'POST',
        path: url,
        requestHash: hash.update(JSON.stringify(payload)).digest('hex'),
      })
      .execute();
    const send = () =>
      t.app.inject({ method: 'POST', url, headers: { ...seeker.headers, 'idempotency-key': key }, payload });

    const fresh = await send();
    expect(fresh.statusCode).toBe(409);
    expect(JSON.parse(fresh.body)).toMatchObject({ code: 'idempotency_in_progress' });

    await t.db
      .updateTable('idempotencyKeys')
      .set({ createdAt: sql<Date>`now() - interval '5 seconds'` })
      .where('key', '=', key)
      .execute();
    const [a, b] = await Promise.all([send(), send()]);
    const ran = [a, b].filter((r) => r.statusCode === 201 && r.headers['idempotent-replayed'] !== 'true');
    expect(ran).toHaveLength(1);
    const id = (JSON.parse(ran[0]!.body) as { id: string }).id;
    const other = ran[0] === a ? b : a;
    // The other one either found the key taken again or (if it came late) got the replay.
    if (other.statusCode === 409)
      expect(JSON.parse(other.body)).toMatchObject({ code: 'idempotency_in_progress' });
    else expect((JSON.parse(other.body) as { id: string }).id).toBe(id);

    const again = await send();
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect((JSON.parse(again.body) as { id: string }).id).toBe(id);
    const rows = await t.db
      .selectFrom('applications')
      .select('id')
      .where('seekerUserId', '=', seeker.user.id)
      .where('postingId', '=', posting.id)
      .execute();
    expect(rows).toEqual([{ id }]);
    // Later test files of this worker search published postings: take this one out.
    await t.db
      .updateTable('jobPostings')
      .set({ status: 'closed', closedReason: 'test' })
      .where('enterpriseId', '=', ent.id)
      .execute();
  });
});
