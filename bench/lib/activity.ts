/**
 * What the dashboards read beyond postings and résumés, in proportion to the seekers: applications
 * with their status history and hires, unemployment registrations (24 months, about half ended) and
 * employment registrations filed by employers. Generated after the postings and seekers (and apart
 * from GENERATOR_VERSION, so a 1M data set is not regenerated for it): deterministic from the seed
 * (md5 of seed and row number, computed in SQL), loaded in bulk like the rest of the data set: the
 * secondary indexes of these tables dropped (definitions kept in app_settings) and built again
 * after, no row triggers in the session (session_replication_role = replica when a superuser, else
 * just the statistics triggers off), the foreign keys checked once per constraint after, and the
 * rollups rebuilt from scratch (stats_monthly_rebuild()). The activity counts as present
 * (app_settings bench_activity) only once all of that is done.
 */
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { canSkipTriggers, checkForeignKeys, dropSecondaryIndexes, recreateIndexes } from './database.js';
import { ZHANJIANG_DISTRICTS, ZHANJIANG_WEIGHTS } from './zhanjiang.js';

/** Bump when the generated activity changes: --reuse then replaces it (the rest of the data stays). */
export const ACTIVITY_VERSION = 1;

export type ActivityResult = {
  version: number;
  seed: number;
  now: string;
  applications: number;
  events: number;
  hires: number;
  unemploymentRegistrations: number;
  employmentRegistrations: number;
  /** Generating the rows, then rebuilding the rollups from scratch. */
  seconds: number;
  /** Of `seconds`: building the dropped secondary indexes again. */
  indexSeconds?: number;
  rollupRebuildSeconds: number;
  rollupRows: number;
};

/** Applications per seeker, registrations per seeker. */
const PER_SEEKER = { applications: 0.6, unemployment: 0.1, employment: 0.03 };

/** The tables the activity fills in bulk, and the app_settings key of their dropped indexes. */
const ACTIVITY_TABLES = [
  'applications',
  'application_events',
  'hires',
  'persons',
  'employment_certificates',
  'registrations',
];
const PENDING_INDEXES = 'bench_activity_dropped_indexes';

export async function activityMarker(pool: pg.Pool): Promise<ActivityResult | null> {
  const r = await pool.query<{ value: ActivityResult }>(
    "SELECT value FROM app_settings WHERE key = 'bench_activity'",
  );
  return r.rows[0]?.value ?? null;
}

export async function generateActivity(
  url: string,
  o: { seekers: number; seed: number; now: Date; log: (line: string) => void },
): Promise<ActivityResult> {
  const probe = new pg.Client({ connectionString: url, application_name: 'jiuye-bench-gen' });
  await probe.connect();
  let skipTriggers: boolean;
  try {
    skipTriggers = await canSkipTriggers(probe);
    // Present only once complete: a failed run leaves no marker, and the next run starts over.
    await probe.query("DELETE FROM app_settings WHERE key = 'bench_activity'");
  } finally {
    await probe.end();
  }
  const client = new pg.Client({
    connectionString: url,
    application_name: 'jiuye-bench-gen',
    options: `-c synchronous_commit=off -c work_mem=256MB -c maintenance_work_mem=512MB${
      skipTriggers ? ' -c session_replication_role=replica' : ''
    }`,
  });
  await client.connect();
  const t0 = performance.now();
  const q = async (label: string, text: string, values: unknown[] = []) => {
    const t = performance.now();
    const r = await client.query(text, values);
    if (label)
      o.log(`    ${label}: ${r.rowCount ?? 0} rows in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    return r.rowCount ?? 0;
  };
  try {
    // The triggers would write one delta per row: off for this session, rebuilt from scratch below.
    await client.query("SET jiuye.stats_off = 'on'");
    o.log('  activity: removing an older version …');
    const benchHires = `SELECT h.id FROM hires h JOIN applications a ON a.id = h.application_id
      WHERE a.resume_snapshot->>'source' = 'bench'`;
    await q(
      '',
      `DELETE FROM person_events WHERE registration_id IN (SELECT id FROM registrations WHERE hire_id IN (${benchHires}))`,
    );
    await q('', `DELETE FROM registrations WHERE hire_id IN (${benchHires})`);
    await q(
      '',
      `DELETE FROM hires WHERE application_id IN (SELECT id FROM applications WHERE resume_snapshot->>'source' = 'bench')`,
    );
    await q(
      '',
      `DELETE FROM application_events WHERE application_id IN (SELECT id FROM applications WHERE resume_snapshot->>'source' = 'bench')`,
    );
    await q('', `DELETE FROM applications WHERE resume_snapshot->>'source' = 'bench'`);
    await q('', `DELETE FROM registrations WHERE cause = 'bench' OR job_title = '基准测试岗位'`);
    await q(
      '',
      `DELETE FROM employment_certificates WHERE person_id IN (SELECT id FROM persons WHERE full_name LIKE '基准测试%')`,
    );
    await q('', `DELETE FROM persons WHERE full_name LIKE '基准测试%'`);
    const dropped = await dropSecondaryIndexes(client, ACTIVITY_TABLES, PENDING_INDEXES);

    const seed = String(o.seed);
    const now = o.now.toISOString();
    // District codes weighted like the postings (100 slots).
    const slots: string[] = [];
    ZHANJIANG_DISTRICTS.forEach((d, i) => {
      for (let k = 0; k < Math.round((ZHANJIANG_WEIGHTS[i] ?? 0) * 100); k++) slots.push(d.code);
    });
    await client.query(
      `CREATE FUNCTION pg_temp.h(k text) RETURNS bigint LANGUAGE sql IMMUTABLE AS
         $$ SELECT ('x' || substr(md5(k), 1, 12))::bit(48)::bigint $$`,
    );
    await client.query(`CREATE TEMP TABLE bp AS
      SELECT row_number() OVER (ORDER BY id) AS rn, id, enterprise_id, published_at FROM job_postings
      WHERE status = 'published' AND published_at IS NOT NULL`);
    await client.query('ALTER TABLE bp ADD PRIMARY KEY (rn)');
    await client.query(`CREATE TEMP TABLE br AS
      SELECT row_number() OVER (ORDER BY user_id) AS rn, user_id, visibility_consent_id AS consent_id FROM resumes
      WHERE visibility_consent_id IS NOT NULL`);
    await client.query('ALTER TABLE br ADD PRIMARY KEY (rn)');
    const counts = await client.query<{ p: string; r: string }>(
      'SELECT (SELECT count(*) FROM bp) AS p, (SELECT count(*) FROM br) AS r',
    );
    const pn = Number(counts.rows[0]?.p ?? 0);
    const rn = Number(counts.rows[0]?.r ?? 0);
    if (pn === 0 || rn === 0) throw new Error('activity: no published postings or visible résumés');

    o.log('  activity: applications, their events and hires …');
    const applications = await q(
      'applications',
      `INSERT INTO applications (id, posting_id, seeker_user_id, enterprise_id, status, resume_snapshot, consent_id,
         created_at, updated_at)
       SELECT md5($1 || ':a:' || g)::uuid, p.id, r.user_id, p.enterprise_id,
         CASE WHEN k.s < 35 THEN 'submitted' WHEN k.s < 63 THEN 'viewed' WHEN k.s < 75 THEN 'interview'
              WHEN k.s < 79 THEN 'offer' WHEN k.s < 84 THEN 'hired' WHEN k.s < 98 THEN 'rejected' ELSE 'withdrawn' END,
         '{"source":"bench"}'::jsonb, r.consent_id, t.at, t.at
       FROM generate_series(1, $2::int) g
       CROSS JOIN LATERAL (SELECT pg_temp.h($1 || ':ap:' || g) % $3 + 1 AS p, pg_temp.h($1 || ':ar:' || g) % $4 + 1 AS r,
         pg_temp.h($1 || ':as:' || g) % 100 AS s, pg_temp.h($1 || ':at:' || g) % 1728000 AS t) k
       JOIN bp p ON p.rn = k.p
       JOIN br r ON r.rn = k.r
       CROSS JOIN LATERAL (SELECT least(p.published_at + k.t * interval '1 second',
         $5::timestamptz - interval '1 hour') AS at) t
       ON CONFLICT DO NOTHING`,
      [seed, Math.round(o.seekers * PER_SEEKER.applications), pn, rn, now],
    );
    // Each application's path to its status: submitted, viewed (+1 d), interview (+3 d), offer (+7 d),
    // hired (+10 d); rejected (+4 d, half after an interview); withdrawn (+2 d).
    const events = await q(
      'application events',
      `INSERT INTO application_events (application_id, from_status, to_status, at)
       SELECT a.id, s.from_status, s.to_status, least(a.created_at + s.after, $1::timestamptz - interval '1 minute')
       FROM applications a
       CROSS JOIN LATERAL (VALUES
         (0, NULL, 'submitted', interval '0'),
         (1, 'submitted', 'viewed', interval '1 day'),
         (2, 'viewed', 'interview', interval '3 days'),
         (3, 'interview', 'offer', interval '7 days'),
         (4, 'offer', 'hired', interval '10 days'),
         (5, 'viewed', 'rejected', interval '4 days'),
         (6, 'interview', 'rejected', interval '4 days'),
         (7, 'submitted', 'withdrawn', interval '2 days')
       ) AS s(step, from_status, to_status, after)
       WHERE a.resume_snapshot->>'source' = 'bench' AND CASE a.status
         WHEN 'submitted' THEN s.step = 0
         WHEN 'viewed' THEN s.step <= 1
         WHEN 'interview' THEN s.step <= 2
         WHEN 'offer' THEN s.step <= 3
         WHEN 'hired' THEN s.step <= 4
         WHEN 'rejected' THEN CASE WHEN pg_temp.h(a.id::text) % 2 = 0 THEN s.step IN (0, 1, 5)
           ELSE s.step IN (0, 1, 2, 6) END
         ELSE s.step IN (0, 7) END
       ORDER BY a.id, s.step`,
      [now],
    );
    const hires = await q(
      'hires',
      `INSERT INTO hires (id, application_id, posting_id, enterprise_id, seeker_user_id, hired_at)
       SELECT md5($1 || ':h:' || a.id)::uuid, a.id, a.posting_id, a.enterprise_id, a.seeker_user_id,
         least(a.created_at + interval '10 days', $2::timestamptz - interval '1 minute')
       FROM applications a WHERE a.resume_snapshot->>'source' = 'bench' AND a.status = 'hired'`,
      [seed, now],
    );

    o.log('  activity: registrations …');
    const nu = Math.round(o.seekers * PER_SEEKER.unemployment);
    const ne = Math.round(o.seekers * PER_SEEKER.employment);
    await q(
      'persons',
      `INSERT INTO persons (id, full_name, phone, created_at, updated_at)
       SELECT md5($1 || ':p:' || g)::uuid, '基准测试' || g, '137' || lpad(g::text, 8, '0'), $3::timestamptz, $3::timestamptz
       FROM generate_series(1, $2::int) g`,
      [seed, nu + ne, now],
    );
    // Unemployment: registered over the 24 months before today, about 45 % ended since.
    await client.query(
      'CREATE TEMP TABLE ru (g int, person_id uuid, district text, registered_on date, ends boolean, days int)',
    );
    await client.query(
      `INSERT INTO ru
      SELECT g, md5($1 || ':p:' || g)::uuid AS person_id, ($2::text[])[pg_temp.h($1 || ':ud:' || g) % 100 + 1] AS district,
        ($3::date - (pg_temp.h($1 || ':uo:' || g) % 730)::int) AS registered_on,
        pg_temp.h($1 || ':ue:' || g) % 100 < 45 AS ends, (pg_temp.h($1 || ':ul:' || g) % 240)::int AS days
      FROM generate_series(1, $4::int) g`,
      [seed, slots, now.slice(0, 10), nu],
    );
    await q(
      'employment certificates',
      `INSERT INTO employment_certificates (person_id, certificate_no, district_code, issued_on)
       SELECT person_id, district || to_char(registered_on, 'YYYY') || lpad(g::text, 6, '0'), district, registered_on FROM ru`,
    );
    const unemploymentRegistrations = await q(
      'unemployment registrations',
      `INSERT INTO registrations (person_id, kind, status, district_code, source, registered_on, certificate_no,
         unemployed_since, cause, seeking_work, ended_on, end_reason, created_at, updated_at)
       SELECT person_id, 'unemployment', CASE WHEN e.ended_on IS NULL THEN 'active' ELSE 'deregistered' END, district,
         CASE WHEN g % 3 = 0 THEN 'staff' ELSE 'self' END, registered_on,
         district || to_char(registered_on, 'YYYY') || lpad(g::text, 6, '0'), registered_on - 30, 'bench', true,
         e.ended_on, CASE WHEN e.ended_on IS NULL THEN NULL ELSE 'employed_elsewhere' END, $1::timestamptz, $1::timestamptz
       FROM ru CROSS JOIN LATERAL (SELECT CASE WHEN ends AND registered_on + days < $2::date
         THEN registered_on + days END AS ended_on) e`,
      [now, now.slice(0, 10)],
    );
    const employmentRegistrations = await q(
      'employment registrations',
      `INSERT INTO registrations (person_id, kind, status, district_code, source, registered_on, enterprise_id,
         hired_on, job_title, created_at, updated_at)
       SELECT md5($1 || ':p:' || g)::uuid, 'employment', 'active', ($2::text[])[pg_temp.h($1 || ':ed:' || g) % 100 + 1],
         'employer', d.day, p.enterprise_id, d.day, '基准测试岗位', $4::timestamptz, $4::timestamptz
       FROM generate_series($3::int + 1, $3::int + $5::int) g
       JOIN bp p ON p.rn = pg_temp.h($1 || ':ep:' || g) % $6 + 1
       CROSS JOIN LATERAL (SELECT $7::date - (pg_temp.h($1 || ':eo:' || g) % 730)::int AS day) d`,
      [seed, slots, nu, now, ne, pn, now.slice(0, 10)],
    );
    await fileBenchHires(client, o.log);

    o.log(`  activity: building ${dropped.length} secondary indexes again …`);
    const indexSeconds = await recreateIndexes(url, dropped, PENDING_INDEXES, o.log);
    if (skipTriggers) {
      const t = performance.now();
      const n = await checkForeignKeys(client, ACTIVITY_TABLES);
      o.log(`    ${n} foreign keys checked in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }
    const seconds = (performance.now() - t0) / 1000;

    o.log('  activity: rebuilding the rollups from scratch …');
    const t1 = performance.now();
    await client.query('SELECT stats_monthly_rebuild()');
    const rollupRebuildSeconds = (performance.now() - t1) / 1000;
    const rows = await client.query<{ n: string }>('SELECT count(*) AS n FROM stats_monthly');
    for (const t of [
      'applications',
      'application_events',
      'hires',
      'persons',
      'employment_certificates',
      'registrations',
      'stats_monthly',
    ])
      await client.query(`VACUUM (ANALYZE) ${t}`);
    const result: ActivityResult = {
      version: ACTIVITY_VERSION,
      seed: o.seed,
      now,
      applications,
      events,
      hires,
      unemploymentRegistrations,
      employmentRegistrations,
      seconds: Math.round(seconds * 10) / 10,
      indexSeconds: Math.round(indexSeconds * 10) / 10,
      rollupRebuildSeconds: Math.round(rollupRebuildSeconds * 10) / 10,
      rollupRows: Number(rows.rows[0]?.n ?? 0),
    };
    await client.query(
      `INSERT INTO app_settings (key, value) VALUES ('bench_activity', $1)
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
      [JSON.stringify(result)],
    );
    o.log(
      `  activity: ${applications} applications, ${events} events, ${hires} hires, ${unemploymentRegistrations} + ${employmentRegistrations} registrations in ${result.seconds} s; rollups rebuilt in ${result.rollupRebuildSeconds} s (${result.rollupRows} rows)`,
    );
    return result;
  } finally {
    await client.end();
  }
}

/**
 * Each platform hire is filed as an employment registration (source platform_hire) by the
 * registrations sweep (one transaction per hire, 200 a minute). Left to the sweep, 30,000 generated
 * hires would keep the app writing during the measurements: file them here the way the sweep does
 * (a person for the seeker, the registration keyed by hire_id). Idempotent; cheap when done.
 */
export async function fileBenchHires(client: pg.Client, log: (line: string) => void): Promise<number> {
  await client.query("SET jiuye.stats_off = 'on'");
  await client.query(`
    INSERT INTO persons (user_id, full_name, phone, created_at, updated_at)
    SELECT DISTINCT h.seeker_user_id, '基准测试求职者', u.phone, h.hired_at, h.hired_at
    FROM hires h JOIN users u ON u.id = h.seeker_user_id
    LEFT JOIN registrations r ON r.hire_id = h.id
    WHERE r.id IS NULL
    ON CONFLICT (user_id) DO NOTHING`);
  const r = await client.query(`
    INSERT INTO registrations (person_id, kind, status, district_code, source, registered_on, enterprise_id, hired_on,
      job_title, contract_type, hire_id, created_at, updated_at)
    SELECT p.id, 'employment', 'active', e.district_code, 'platform_hire',
      (h.hired_at AT TIME ZONE 'Asia/Shanghai')::date, h.enterprise_id, (h.hired_at AT TIME ZONE 'Asia/Shanghai')::date,
      left(jp.title, 60), 'fixed_term', h.id, h.hired_at, h.hired_at
    FROM hires h
    JOIN persons p ON p.user_id = h.seeker_user_id
    JOIN enterprises e ON e.id = h.enterprise_id
    JOIN job_postings jp ON jp.id = h.posting_id
    LEFT JOIN registrations r ON r.hire_id = h.id
    WHERE r.id IS NULL`);
  await client.query('RESET jiuye.stats_off');
  // Platform-hire registrations count in no rollup (employment_other leaves them out).
  const n = r.rowCount ?? 0;
  if (n > 0)
    log(`  activity: filed ${n} hires as employment registrations (as the registrations sweep does)`);
  return n;
}

export async function fileBenchHiresAt(url: string, log: (line: string) => void): Promise<number> {
  const client = new pg.Client({ connectionString: url, application_name: 'jiuye-bench-gen' });
  await client.connect();
  try {
    return await fileBenchHires(client, log);
  } finally {
    await client.end();
  }
}
