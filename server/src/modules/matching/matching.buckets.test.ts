import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../test/app.js';
import { createUser } from '../../../test/factories.js';
import { MATCH_BUCKETS, firstBucketOf, wishPairTier } from './matching.repository.js';

/*
 * Issue 10: candidates' wish-pair tiers walk 32 seeker buckets under one LIMIT instead of letting
 * a GIN scan collect every seeker wanting a common pair. What the walk must keep: every seeker
 * found when there are fewer than the limit, the buckets read in the posting's order, the same
 * answer every time for the same posting.
 */

let t: TestApp;
/** A wish pair no other test uses. */
const PAIR = `9-99-${randomBytes(3).toString('hex')}@440803`;
const seekers: { id: string; bucket: number }[] = [];

beforeAll(async () => {
  t = await testApp();
  for (let i = 0; i < 60; i++) {
    const u = await createUser(t.db, { role: 'seeker' });
    await t.db
      .insertInto('resumes')
      .values({
        userId: u.id,
        fullName: `候选人${i}`,
        idNumberEnc: 'v1.test.test.test',
        idNumberHash: randomBytes(16).toString('hex'),
        idNumberMasked: '4408**********0017',
        birthDate: '1990-05-01',
        gender: 'male',
        householdRegionCode: '450222',
        educationLevel: 'secondary_vocational',
        skills: [],
        experiences: JSON.stringify([]),
        certificates: JSON.stringify([]),
        desiredOccupationCodes: [PAIR.split('@')[0]!],
        desiredDistrictCodes: ['440803'],
        expectedSalaryMinFen: 500_000,
        availableFrom: null,
        willingToRelocate: false,
        currentRegionCode: '440803',
        experienceYears: 1,
        keyGroupConsentId: null,
        // Not shown to employers (that needs a consent): the enterprise's walk finds nobody.
        visibilityConsentId: null,
        visibleToEmployers: false,
      })
      .execute();
    const b = await sql<{ b: number }>`SELECT resume_match_bucket(${u.id}::uuid) AS b`.execute(t.db);
    seekers.push({ id: u.id, bucket: b.rows[0]!.b });
  }
});
afterAll(async () => {
  await t.close();
});

async function tier(limit: number, firstBucket: number, visibleOnly = false): Promise<string[]> {
  const r = await sql<{ userId: string }>`SELECT user_id FROM ${wishPairTier({
    wanted: [PAIR, `9-99-none@440803`],
    limit,
    firstBucket,
    visibleOnly,
  })} AS t`.execute(t.db);
  return r.rows.map((x) => x.userId);
}

/** A seeker's place in the walk that starts at `first`. */
const position = (bucket: number, first: number) => (bucket - first + MATCH_BUCKETS) % MATCH_BUCKETS;

describe('the wish-pair walk over seeker buckets', () => {
  it('spreads seekers over the buckets', () => {
    expect(new Set(seekers.map((s) => s.bucket)).size).toBeGreaterThan(10);
    for (const s of seekers) expect(s.bucket).toBeGreaterThanOrEqual(0);
    for (const s of seekers) expect(s.bucket).toBeLessThan(MATCH_BUCKETS);
  });

  it('finds every seeker when fewer than the limit want the pair, from any first bucket', async () => {
    for (const first of [0, 7, 31]) {
      expect((await tier(200, first)).sort()).toEqual(seekers.map((s) => s.id).sort());
      expect(await tier(200, first, true)).toEqual([]);
    }
  });

  it('stops at the limit, taking the buckets in the posting’s order, the same answer each time', async () => {
    for (const first of [0, 16, 29]) {
      const got = await tier(12, first);
      expect(got).toHaveLength(12);
      expect(await tier(12, first)).toEqual(got);
      const taken = new Set(got);
      const last = Math.max(...seekers.filter((s) => taken.has(s.id)).map((s) => position(s.bucket, first)));
      // Everyone in an earlier bucket than the last one read is in; nobody from a later bucket.
      for (const s of seekers) {
        const p = position(s.bucket, first);
        if (p < last) expect(taken.has(s.id)).toBe(true);
        if (p > last) expect(taken.has(s.id)).toBe(false);
      }
    }
    expect((await tier(12, 0)).sort()).not.toEqual((await tier(12, 16)).sort());
  });

  it('reads the buckets through the GIN index of wish pairs', async () => {
    const plan = await sql<{ 'QUERY PLAN': string }>`EXPLAIN SELECT user_id FROM ${wishPairTier({
      wanted: [PAIR],
      limit: 12,
      firstBucket: 3,
      visibleOnly: false,
    })} AS t`.execute(t.db);
    expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('resumes_match_buckets_idx');
  });

  it('gives a posting a first bucket from its id, the same every time', () => {
    const id = '3f1c2a9e-4b7d-4c1e-9a2b-0000000000ff';
    expect(firstBucketOf(id)).toBe(0xff % MATCH_BUCKETS);
    expect(firstBucketOf(id)).toBe(firstBucketOf(id));
    expect(firstBucketOf('3f1c2a9e-4b7d-4c1e-9a2b-000000000005')).toBe(5);
  });
});
