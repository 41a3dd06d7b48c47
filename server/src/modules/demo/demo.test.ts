import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ResumeSnapshotSchema, checkCreditCode, parseIdNumber } from '@jiuye/shared';
import { createDb, type Db } from '../../db/database.js';
import { ensureDatabase } from '../../db/embedded.js';
import type { AppDeps } from '../../platform/context.js';
import { decryptField, type Keys } from '../../platform/crypto.js';
import { testConfig } from '../../../test/app.js';
import { testDb, withDatabase } from '../../../test/db.js';
import { checkDiscrimination } from '../postings/index.js';
import { queryGroups, toTsQuery } from '../search/search.text.js';
import { DISTRICTS } from './demo.data.js';
import { DEMO_ENTERPRISE_NAME, generateDemoData, mulberry32, type DemoAnchors } from './demo.generate.js';
import { loadDemoData } from './demo.service.js';
import { demoTotpSecret } from './demo.totp.js';

const anchors: DemoAnchors = {
  employer: { id: '00000000-0000-4000-8000-000000000001', phone: '13900000001' },
  seekers: [
    { id: '00000000-0000-4000-8000-000000000002', phone: '13700000001' },
    { id: '00000000-0000-4000-8000-000000000003', phone: '13700000002' },
  ],
  reviewerId: '00000000-0000-4000-8000-000000000004',
};
const NOW = new Date('2026-03-02T02:00:00Z');

describe('the demo data generator', () => {
  it('is deterministic and a mulberry32 sequence is stable', () => {
    const r = mulberry32(1);
    expect([r(), r(), r()].map((x) => x.toFixed(6))).toEqual(['0.627074', '0.002736', '0.527447']);
    const a = generateDemoData({ now: NOW, anchors, scale: 0.1 });
    const b = generateDemoData({ now: NOW, anchors, scale: 0.1 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it('at full size: 200+ enterprises in all nine districts, 1,000+ published postings, 2,000+ seekers', async () => {
    const d = generateDemoData({ now: NOW, anchors });
    expect(d.enterprises.length).toBeGreaterThanOrEqual(200);
    expect(new Set(d.enterprises.map((e) => e.districtCode))).toEqual(new Set(DISTRICTS.map((x) => x.code)));
    expect(new Set(d.enterprises.map((e) => e.industryKey)).size).toBeGreaterThanOrEqual(12);
    expect(d.postings.filter((p) => p.status === 'published').length).toBeGreaterThanOrEqual(1000);
    expect(d.seekers.length + 2).toBeGreaterThanOrEqual(2000);
    expect(new Set(d.enterprises.map((e) => e.name)).size).toBe(d.enterprises.length);
    for (const e of d.enterprises)
      expect(checkCreditCode(e.creditCode)).toMatchObject({ ok: true, checksumValid: true });
    // Every occupation code exists in the reference data.
    const db = await testDb();
    const codes = new Set([
      ...d.postings.map((p) => p.occupationCode),
      ...d.resumes.flatMap((r) => r.desiredOccupationCodes),
    ]);
    const known = await db
      .selectFrom('occupations')
      .select('code')
      .where('code', 'in', [...codes])
      .execute();
    expect(known.length).toBe(codes.size);
    // Birth dates spread over 1965–2004, identity numbers valid and unique.
    const years = d.resumes.map((r) => Number(r.birthDate.slice(0, 4)));
    expect(Math.min(...years)).toBeGreaterThanOrEqual(1965);
    expect(Math.max(...years)).toBeLessThanOrEqual(2004);
    expect(Math.min(...years)).toBeLessThanOrEqual(1968);
    expect(Math.max(...years)).toBeGreaterThanOrEqual(2002);
    expect(new Set(d.resumes.map((r) => r.idNumber)).size).toBe(d.resumes.length);
    for (const r of d.resumes) {
      const parsed = parseIdNumber(r.idNumber, { today: NOW });
      expect(parsed).toMatchObject({ ok: true, birthDate: r.birthDate, gender: r.gender });
    }
    // Lawful ads: the discrimination checker finds nothing to flag.
    const flagged = d.postings.filter((p) => checkDiscrimination(p, 'zh-CN').length > 0);
    expect(flagged.map((p) => `${p.title}: ${JSON.stringify(checkDiscrimination(p, 'zh-CN'))}`)).toEqual([]);
  });
});

/**
 * Loads a trimmed set once into a database of its own (a clone of the migrated template), so that
 * no other test file sees a thousand extra postings; dropped afterwards.
 */
describe('loading the demo data', () => {
  const adminUrl = inject('dbAdminUrl');
  const name = `${inject('dbTemplate')}_demo_${process.env.VITEST_POOL_ID ?? '0'}`;
  const keys: Keys = { encryption: randomBytes(32), hmac: randomBytes(32) };
  let db: Db;
  let loadMs = 0;

  beforeAll(async () => {
    for (let attempt = 0; ; attempt++) {
      try {
        await ensureDatabase(adminUrl, name, inject('dbTemplate'));
        break;
      } catch (err) {
        if (attempt >= 20 || !String(err).includes('being accessed by other users')) throw err;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
    db = createDb(withDatabase(adminUrl, name), 3);
    const deps: AppDeps = { config: testConfig(), db, keys, clock: { now: () => NOW } };
    const started = performance.now();
    expect(await loadDemoData(deps, { scale: 0.1 })).toBe(true);
    loadMs = performance.now() - started;
    expect(await loadDemoData(deps, { scale: 0.1 })).toBe(false);
  });

  afterAll(async () => {
    await db?.destroy();
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
    } finally {
      await client.end();
    }
  });

  it('loads quickly, with the expected counts', async () => {
    expect(loadMs).toBeLessThan(20_000);
    const count = async (table: 'enterprises' | 'jobPostings' | 'resumes' | 'applications' | 'hires') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count('enterprises')).toBe(24);
    expect(await count('jobPostings')).toBeGreaterThanOrEqual(120);
    expect(await count('resumes')).toBe(202);
    expect(await count('applications')).toBeGreaterThanOrEqual(10);
    const seekers = await db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('role', '=', 'seeker')
      .executeTakeFirstOrThrow();
    expect(Number(seekers.n)).toBe(202);
  });

  it('enrols the demo staff with their published demo TOTP secret (issue 9), and no one else', async () => {
    const rows = await db
      .selectFrom('userMfa')
      .innerJoin('users', 'users.id', 'userMfa.userId')
      .select(['users.phone', 'userMfa.secretSealed'])
      .execute();
    expect(rows.map((r) => r.phone).sort()).toEqual(['13800000001', '13800000002']);
    for (const r of rows) expect(decryptField(keys, r.secretSealed ?? '')).toBe(demoTotpSecret(r.phone));
  });

  it('hangs together: owners, members, verified enterprises, consents, hires', async () => {
    const orphans = await sql<{ problem: string; n: number }>`
      SELECT 'posting of an unverified enterprise' AS problem, count(*)::int AS n
        FROM job_postings p JOIN enterprises e ON e.id = p.enterprise_id
        WHERE p.status = 'published' AND e.status <> 'verified'
      UNION ALL SELECT 'enterprise without an owner member', count(*)::int FROM enterprises e
        WHERE NOT EXISTS (SELECT 1 FROM enterprise_members m JOIN users u ON u.phone = m.phone
                          WHERE m.enterprise_id = e.id AND m.role = 'owner' AND u.id = e.owner_user_id)
      UNION ALL SELECT 'published posting without search words', count(*)::int FROM job_postings
        WHERE status = 'published' AND search_vector = ''::tsvector
      UNION ALL SELECT 'hired_count out of step with hires', count(*)::int FROM job_postings p
        WHERE p.hired_count <> (SELECT count(*) FROM hires h WHERE h.posting_id = p.id)
      UNION ALL SELECT 'application without a résumé-share consent', count(*)::int FROM applications a
        JOIN consents c ON c.id = a.consent_id WHERE c.kind <> 'resume_share' OR c.user_id <> a.seeker_user_id
      UNION ALL SELECT 'application whose enterprise is not the posting''s', count(*)::int FROM applications a
        JOIN job_postings p ON p.id = a.posting_id WHERE p.enterprise_id <> a.enterprise_id
      UNION ALL SELECT 'timeline not ending in the status', count(*)::int FROM applications a
        WHERE a.status <> (SELECT to_status FROM application_events e WHERE e.application_id = a.id
                           ORDER BY at DESC, id DESC LIMIT 1)
      UNION ALL SELECT 'visible résumé without consent', count(*)::int FROM resumes r
        LEFT JOIN consents c ON c.id = r.visibility_consent_id
        WHERE r.visible_to_employers AND (c.kind IS DISTINCT FROM 'resume_visibility')
    `.execute(db);
    expect(orphans.rows.filter((r) => r.n > 0)).toEqual([]);

    for (const a of await db.selectFrom('applications').select('resumeSnapshot').execute()) {
      const snap = ResumeSnapshotSchema.parse(a.resumeSnapshot);
      expect(snap.idNumberMasked).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
      expect(JSON.stringify(a.resumeSnapshot)).not.toMatch(/\d{17}[\dX]/);
    }
    for (const r of await db
      .selectFrom('resumes')
      .select(['idNumberEnc', 'birthDate', 'idNumberMasked'])
      .execute()) {
      const id = decryptField(keys, r.idNumberEnc ?? '');
      expect(parseIdNumber(id, { today: NOW })).toMatchObject({ ok: true, birthDate: r.birthDate });
      expect(r.idNumberMasked).toBe(`${id.slice(0, 4)}**********${id.slice(14)}`);
    }
  });

  it('gives the demo employer an enterprise with postings and applicants, and the demo seeker a welder résumé in 霞山区', async () => {
    const employer = await db
      .selectFrom('enterprises as e')
      .innerJoin('enterpriseMembers as m', 'm.enterpriseId', 'e.id')
      .select(['e.id', 'e.name', 'e.districtCode'])
      .where('m.phone', '=', '13900000001')
      .execute();
    expect(employer).toEqual([
      { id: expect.any(String) as string, name: DEMO_ENTERPRISE_NAME, districtCode: '440803' },
    ]);
    const enterpriseId = employer[0]?.id ?? '';
    const postings = await db
      .selectFrom('jobPostings')
      .select('status')
      .where('enterpriseId', '=', enterpriseId)
      .execute();
    expect(postings.filter((p) => p.status === 'published').length).toBeGreaterThanOrEqual(5);
    const apps = await db
      .selectFrom('applications')
      .select('status')
      .where('enterpriseId', '=', enterpriseId)
      .execute();
    expect(apps.length).toBeGreaterThanOrEqual(5);
    expect(new Set(apps.map((a) => a.status)).size).toBeGreaterThanOrEqual(4);

    const huang = await db
      .selectFrom('resumes as r')
      .innerJoin('users as u', 'u.id', 'r.userId')
      .select([
        'r.fullName',
        'r.desiredOccupationCodes',
        'r.currentRegionCode',
        'r.desiredDistrictCodes',
        'r.skills',
      ])
      .where('u.phone', '=', '13700000001')
      .executeTakeFirstOrThrow();
    expect(huang).toMatchObject({ fullName: '黄志强', currentRegionCode: '440803' });
    expect(huang.desiredOccupationCodes).toContain('6-18-02-04');
    expect(huang.desiredDistrictCodes).toContain('440803');

    // 焊工 finds welding jobs in 霞山区 through the search words.
    const q = toTsQuery(queryGroups('焊工')) ?? '';
    const hits = await db
      .selectFrom('jobPostings')
      .select('id')
      .where('status', '=', 'published')
      .where('districtCode', '=', '440803')
      .where(sql<boolean>`search_vector @@ ${q}::tsquery`)
      .execute();
    expect(hits.length).toBeGreaterThanOrEqual(1);
  });
});
