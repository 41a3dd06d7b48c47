import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../test/app.js';
import { createEnterprise, createPosting, type TestEnterprise } from '../../../test/channel-factories.js';
import { createUser } from '../../../test/factories.js';
import { foldRollups } from './statistics.queries.js';

/**
 * The monthly rollups (kept by triggers, folded now and then) must equal a from-scratch
 * recomputation (stats_monthly_expected()) after any sequence of inserts, updates and deletes on
 * the tables they read. Every row here is dated in 2017, which no other test uses; the comparison
 * covers 2017.
 */
let t: TestApp;
let ent: TestEnterprise;
const DISTRICTS = ['440802', '440803', '440825'];
const OCCUPATIONS = ['6-18-02-04', '4-07-05-01'];

const monthArb = fc.integer({ min: 1, max: 4 }).map((m) => `2017-0${m}`);
/** Instants around month ends (China time), where a month boundary is easy to get wrong. */
const instantArb = fc
  .tuple(monthArb, fc.constantFrom('01T00:10:00+08:00', '15T12:00:00+08:00', '28T23:50:00+08:00'))
  .map(([m, d]) => new Date(`${m}-${d}`));
const dayArb = fc.tuple(monthArb, fc.constantFrom('01', '14', '28')).map(([m, d]) => `${m}-${d}`);

type Cmd =
  | { k: 'posting'; district: string; occupation: string; headcount: number; at: Date; status: string }
  | { k: 'postingUpdate'; i: number; district?: string; headcount?: number; status?: string; at?: Date }
  | { k: 'postingDelete'; i: number }
  | { k: 'resume'; region: string; occupations: string[]; at: Date }
  | { k: 'resumeUpdate'; i: number; region?: string; occupations?: string[]; at?: Date }
  | { k: 'resumeDelete'; i: number }
  | { k: 'unemployment'; district: string; on: string; ended: string | null }
  | { k: 'registrationUpdate'; i: number; district?: string; ended?: string | null }
  | { k: 'employment'; district: string; on: string; source: 'employer' | 'platform_hire' }
  | { k: 'apply'; i: number; at: Date }
  | { k: 'event'; i: number; to: string; at: Date }
  | { k: 'hire'; i: number; at: Date }
  | { k: 'applicationDelete'; i: number }
  | { k: 'fold' };

const idx = fc.nat({ max: 20 });
const cmdArb: fc.Arbitrary<Cmd> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      k: fc.constant('posting' as const),
      district: fc.constantFrom(...DISTRICTS),
      occupation: fc.constantFrom(...OCCUPATIONS),
      headcount: fc.integer({ min: 1, max: 9 }),
      at: instantArb,
      status: fc.constantFrom('published', 'closed', 'expired', 'draft'),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record(
      {
        k: fc.constant('postingUpdate' as const),
        i: idx,
        district: fc.constantFrom(...DISTRICTS),
        headcount: fc.integer({ min: 1, max: 9 }),
        status: fc.constantFrom('published', 'closed', 'expired', 'paused'),
        at: instantArb,
      },
      { requiredKeys: ['k', 'i'] },
    ),
  },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('postingDelete' as const), i: idx }) },
  {
    weight: 2,
    arbitrary: fc.record({
      k: fc.constant('resume' as const),
      region: fc.constantFrom(...DISTRICTS, '450200'),
      occupations: fc.subarray(OCCUPATIONS),
      at: instantArb,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record(
      {
        k: fc.constant('resumeUpdate' as const),
        i: idx,
        region: fc.constantFrom(...DISTRICTS),
        occupations: fc.subarray(OCCUPATIONS),
        at: instantArb,
      },
      { requiredKeys: ['k', 'i'] },
    ),
  },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('resumeDelete' as const), i: idx }) },
  {
    weight: 2,
    arbitrary: fc.record({
      k: fc.constant('unemployment' as const),
      district: fc.constantFrom(...DISTRICTS),
      on: dayArb,
      ended: fc.option(dayArb, { nil: null }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record(
      {
        k: fc.constant('registrationUpdate' as const),
        i: idx,
        district: fc.constantFrom(...DISTRICTS),
        ended: fc.option(dayArb, { nil: null }),
      },
      { requiredKeys: ['k', 'i'] },
    ),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      k: fc.constant('employment' as const),
      district: fc.constantFrom(...DISTRICTS),
      on: dayArb,
      source: fc.constantFrom('employer' as const, 'platform_hire' as const),
    }),
  },
  { weight: 5, arbitrary: fc.record({ k: fc.constant('apply' as const), i: idx, at: instantArb }) },
  {
    weight: 6,
    arbitrary: fc.record({
      k: fc.constant('event' as const),
      i: idx,
      to: fc.constantFrom('viewed', 'interview', 'offer', 'hired', 'rejected'),
      at: instantArb,
    }),
  },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('hire' as const), i: idx, at: instantArb }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('applicationDelete' as const), i: idx }) },
  { weight: 1, arbitrary: fc.constant({ k: 'fold' as const }) },
);

/** Rows created by the commands, by kind (commands pick one by index modulo the count). */
type Made = { postings: string[]; resumes: string[]; registrations: string[]; applications: string[] };
const pick = (xs: string[], i: number) => (xs.length === 0 ? undefined : xs[i % xs.length]);

async function run(cmd: Cmd, made: Made): Promise<void> {
  const db = t.db;
  switch (cmd.k) {
    case 'posting': {
      const p = await createPosting(db, ent, {
        districtCode: cmd.district,
        occupationCode: cmd.occupation,
        headcount: cmd.headcount,
      });
      await db
        .updateTable('jobPostings')
        .set({
          status: cmd.status,
          publishedAt: cmd.status === 'draft' ? null : cmd.at,
          updatedAt: cmd.at,
        })
        .where('id', '=', p.id)
        .execute();
      made.postings.push(p.id);
      return;
    }
    case 'postingUpdate': {
      const id = pick(made.postings, cmd.i);
      if (!id) return;
      await db
        .updateTable('jobPostings')
        .set({
          ...(cmd.district ? { districtCode: cmd.district } : {}),
          ...(cmd.headcount ? { headcount: cmd.headcount } : {}),
          ...(cmd.status ? { status: cmd.status } : {}),
          ...(cmd.at ? { updatedAt: cmd.at } : {}),
        })
        .where('id', '=', id)
        .execute();
      return;
    }
    case 'postingDelete': {
      const id = pick(made.postings, cmd.i);
      if (!id) return;
      await sql`DELETE FROM hires WHERE posting_id = ${id}`.execute(db);
      await sql`DELETE FROM application_events WHERE application_id IN
        (SELECT id FROM applications WHERE posting_id = ${id})`.execute(db);
      await sql`DELETE FROM applications WHERE posting_id = ${id}`.execute(db);
      await sql`DELETE FROM job_postings WHERE id = ${id}`.execute(db);
      made.postings.splice(made.postings.indexOf(id), 1);
      made.applications = [];
      return;
    }
    case 'resume': {
      const u = await createUser(db, { role: 'seeker' });
      await db
        .insertInto('resumes')
        .values({
          userId: u.id,
          fullName: '测试',
          currentRegionCode: cmd.region,
          desiredOccupationCodes: cmd.occupations,
          createdAt: cmd.at,
        })
        .execute();
      made.resumes.push(u.id);
      return;
    }
    case 'resumeUpdate': {
      const id = pick(made.resumes, cmd.i);
      if (!id) return;
      await db
        .updateTable('resumes')
        .set({
          ...(cmd.region ? { currentRegionCode: cmd.region } : {}),
          ...(cmd.occupations ? { desiredOccupationCodes: cmd.occupations } : {}),
          ...(cmd.at ? { createdAt: cmd.at } : {}),
        })
        .where('userId', '=', id)
        .execute();
      return;
    }
    case 'resumeDelete': {
      const id = pick(made.resumes, cmd.i);
      if (!id) return;
      await sql`DELETE FROM resumes WHERE user_id = ${id}`.execute(db);
      made.resumes.splice(made.resumes.indexOf(id), 1);
      return;
    }
    case 'unemployment':
    case 'employment': {
      const p = await db
        .insertInto('persons')
        .values({ fullName: '测试', phone: '13600000000' })
        .returning('id')
        .executeTakeFirstOrThrow();
      let certificateNo: string | null = null;
      if (cmd.k === 'unemployment') {
        certificateNo = `${cmd.district}2017${String(made.registrations.length + Math.floor(Math.random() * 9e5)).padStart(6, '0')}`;
        await sql`INSERT INTO employment_certificates (person_id, certificate_no, district_code, issued_on)
          VALUES (${p.id}, ${certificateNo}, ${cmd.district}, ${cmd.on})`.execute(db);
      }
      // An end before the registration is stored as is: the rollups must not count it either way.
      const ended = cmd.k === 'unemployment' ? cmd.ended : null;
      const r = await sql<{ id: string }>`
        INSERT INTO registrations (person_id, kind, status, district_code, source, registered_on, certificate_no,
          unemployed_since, enterprise_id, hired_on, job_title, ended_on, end_reason)
        VALUES (${p.id}, ${cmd.k}, ${ended ? 'deregistered' : 'active'}, ${cmd.district},
          ${cmd.k === 'employment' ? cmd.source : 'staff'}, ${cmd.on}, ${certificateNo},
          ${cmd.k === 'unemployment' ? cmd.on : null}, ${cmd.k === 'employment' ? ent.id : null},
          ${cmd.k === 'employment' ? cmd.on : null}, ${cmd.k === 'employment' ? '焊工' : null},
          ${ended}, ${ended ? 'test' : null})
        RETURNING id
      `.execute(db);
      made.registrations.push((r.rows[0] as { id: string }).id);
      return;
    }
    case 'registrationUpdate': {
      const id = pick(made.registrations, cmd.i);
      if (!id) return;
      await sql`
        UPDATE registrations SET district_code = coalesce(${cmd.district ?? null}, district_code),
          ended_on = CASE WHEN kind = 'unemployment' THEN ${cmd.ended ?? null}::date ELSE ended_on END,
          status = CASE WHEN kind = 'unemployment' THEN
            CASE WHEN ${cmd.ended ?? null}::date IS NULL THEN 'active' ELSE 'deregistered' END ELSE status END,
          end_reason = CASE WHEN kind = 'unemployment' AND ${cmd.ended ?? null}::date IS NOT NULL THEN 'test'
            WHEN kind = 'unemployment' THEN NULL ELSE end_reason END
        WHERE id = ${id}
      `.execute(db);
      return;
    }
    case 'apply': {
      const postingId = pick(made.postings, cmd.i);
      if (!postingId) return;
      const u = await createUser(db, { role: 'seeker' });
      const c = await sql<{ id: string }>`
        INSERT INTO consents (user_id, kind, notice_version) VALUES (${u.id}, 'application', 'v1') RETURNING id
      `.execute(db);
      const a = await sql<{ id: string }>`
        INSERT INTO applications (posting_id, seeker_user_id, enterprise_id, status, resume_snapshot, consent_id,
          created_at, updated_at)
        VALUES (${postingId}, ${u.id}, ${ent.id}, 'submitted', '{}', ${(c.rows[0] as { id: string }).id}, ${cmd.at}, ${cmd.at})
        RETURNING id
      `.execute(db);
      made.applications.push((a.rows[0] as { id: string }).id);
      return;
    }
    case 'event': {
      const id = pick(made.applications, cmd.i);
      if (!id) return;
      await sql`
        INSERT INTO application_events (application_id, from_status, to_status, at)
        SELECT ${id}, status, ${cmd.to}, ${cmd.at} FROM applications WHERE id = ${id}
      `.execute(db);
      await sql`UPDATE applications SET status = ${cmd.to} WHERE id = ${id}`.execute(db);
      return;
    }
    case 'hire': {
      const id = pick(made.applications, cmd.i);
      if (!id) return;
      await sql`
        INSERT INTO hires (application_id, posting_id, enterprise_id, seeker_user_id, hired_at)
        SELECT id, posting_id, enterprise_id, seeker_user_id, ${cmd.at} FROM applications WHERE id = ${id}
        ON CONFLICT (application_id) DO UPDATE SET hired_at = excluded.hired_at
      `.execute(db);
      return;
    }
    case 'applicationDelete': {
      const id = pick(made.applications, cmd.i);
      if (!id) return;
      await sql`DELETE FROM hires WHERE application_id = ${id}`.execute(db);
      await sql`DELETE FROM application_events WHERE application_id = ${id}`.execute(db);
      await sql`DELETE FROM applications WHERE id = ${id}`.execute(db);
      made.applications.splice(made.applications.indexOf(id), 1);
      return;
    }
    case 'fold':
      await foldRollups(t.db);
      return;
  }
}

type Row = { metric: string; month: string; district: string; occupation: string; value: string };

/** Rollups + unfolded deltas, and the from-scratch figures, of 2017 (zeros left out). */
async function compare(): Promise<{ incremental: Row[]; fromScratch: Row[] }> {
  const incremental = await sql<Row>`
    SELECT metric, month::text AS month, district_code AS district, occupation_code AS occupation, sum(v)::text AS value
    FROM (SELECT metric, month, district_code, occupation_code, value AS v FROM stats_monthly
          UNION ALL SELECT metric, month, district_code, occupation_code, delta FROM stats_monthly_deltas) x
    WHERE month >= '2017-01-01' AND month < '2018-01-01'
    GROUP BY 1, 2, 3, 4 HAVING sum(v) <> 0 ORDER BY 1, 2, 3, 4
  `.execute(t.db);
  const fromScratch = await sql<Row>`
    SELECT metric, month::text AS month, district_code AS district, occupation_code AS occupation, value::text AS value
    FROM stats_monthly_expected()
    WHERE month >= '2017-01-01' AND month < '2018-01-01' AND value <> 0 ORDER BY 1, 2, 3, 4
  `.execute(t.db);
  return { incremental: incremental.rows, fromScratch: fromScratch.rows };
}

beforeAll(async () => {
  t = await testApp();
  const employer = await createUser(t.db, { role: 'employer' });
  ent = await createEnterprise(t.db, {
    ownerUserId: employer.id,
    ownerPhone: employer.phone,
    districtCode: '440825',
  });
});
afterAll(async () => {
  await t.close();
});

describe('monthly rollups', () => {
  it('equal a from-scratch recomputation after any sequence of changes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(cmdArb, { minLength: 1, maxLength: 40 }), async (cmds) => {
        const made: Made = { postings: [], resumes: [], registrations: [], applications: [] };
        for (const cmd of cmds) await run(cmd, made);
        const { incremental, fromScratch } = await compare();
        expect(incremental).toEqual(fromScratch);
      }),
      { numRuns: 30 },
    );
    // Folding moves every delta into the rollups and changes no figure.
    // And one fixed sequence that reaches every metric (a property over empty rollups proves nothing).
    const made: Made = { postings: [], resumes: [], registrations: [], applications: [] };
    const d = (s: string) => new Date(`2017-02-${s}T12:00:00+08:00`);
    const fixed: Cmd[] = [
      {
        k: 'posting',
        district: '440825',
        occupation: OCCUPATIONS[0] ?? '',
        headcount: 3,
        at: d('01'),
        status: 'published',
      },
      {
        k: 'posting',
        district: '440802',
        occupation: OCCUPATIONS[1] ?? '',
        headcount: 2,
        at: d('02'),
        status: 'closed',
      },
      { k: 'resume', region: '440825', occupations: [...OCCUPATIONS], at: d('03') },
      { k: 'unemployment', district: '440825', on: '2017-01-05', ended: '2017-02-20' },
      { k: 'employment', district: '440802', on: '2017-02-06', source: 'employer' },
      { k: 'apply', i: 0, at: d('07') },
      { k: 'event', i: 0, to: 'interview', at: d('08') },
      { k: 'event', i: 0, to: 'offer', at: d('09') },
      { k: 'hire', i: 0, at: d('10') },
    ];
    for (const cmd of fixed) await run(cmd, made);
    const before = await compare();
    expect(before.incremental).toEqual(before.fromScratch);
    expect(new Set(before.fromScratch.map((r) => r.metric)).size).toBe(13);
    await foldRollups(t.db);
    const left = await sql<{ n: string }>`SELECT count(*) AS n FROM stats_monthly_deltas`.execute(t.db);
    expect(Number(left.rows[0]?.n)).toBe(0);
    expect((await compare()).incremental).toEqual(before.fromScratch);
  }, 120_000);

  it('rebuilds from scratch to the same figures', async () => {
    const before = await compare();
    await sql`SELECT stats_monthly_rebuild()`.execute(t.db);
    expect((await compare()).incremental).toEqual(before.fromScratch);
  });
});
