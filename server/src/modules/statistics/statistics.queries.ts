import { sql } from 'kysely';
import type { Indicators } from '@jiuye/shared';
import type { Executor } from '../../db/database.js';
import { monthBounds, shiftMonth } from './statistics.period.js';

/**
 * Read models over other modules' tables (house style allows SQL here); the definitions are those
 * of IndicatorsSchema (shared/contracts). The figures over the big tables (postings, résumés,
 * registrations, applications and their events, hires) come from the monthly rollups kept by
 * triggers (migration 20261128T0010): stats_monthly plus the deltas not folded yet, so they are
 * exact at any moment. The rest are indexed sub-selects over live tables, grouped by month.
 * `pattern` is a LIKE pattern over district codes (the city: '4408%').
 */

/** Rollup metrics read per month (see the migration for their definitions). */
const ROLLUP_METRICS = [
  'postings_in',
  'vacancies',
  'postings_out',
  'resumes_new',
  'unemployment_in',
  'unemployment_ended',
  'employment_other',
  'applications',
  'interviews',
  'offers',
  'hires',
] as const;
type RollupMetric = (typeof ROLLUP_METRICS)[number];

/** The rollups ∪ the deltas not folded yet, of some metrics, months [fromDay, toDay) and area. */
function rollupRows(metrics: readonly string[], fromDay: string | null, toDay: string, pattern: string) {
  const since = fromDay === null ? sql`` : sql`AND month >= ${fromDay}::date`;
  return sql`
    SELECT metric, month, district_code, occupation_code, value FROM stats_monthly
      WHERE metric = ANY(${[...metrics]}::text[]) AND district_code LIKE ${pattern} ${since} AND month < ${toDay}::date
    UNION ALL
    SELECT metric, month, district_code, occupation_code, delta FROM stats_monthly_deltas
      WHERE metric = ANY(${[...metrics]}::text[]) AND district_code LIKE ${pattern} ${since} AND month < ${toDay}::date`;
}

/** Registered unemployed at the end of each month of [from, to] (Σ in − out over months ≤ M). */
async function unemployedStock(
  db: Executor,
  months: readonly string[],
  pattern: string,
): Promise<Map<string, number>> {
  const last = months[months.length - 1];
  if (!last) return new Map();
  const r = await sql<{ month: string; net: string }>`
    SELECT to_char(month, 'YYYY-MM') AS month,
      sum(CASE WHEN metric = 'unemployment_in' THEN value ELSE -value END) AS net
    FROM (${rollupRows(['unemployment_in', 'unemployment_out_stock'], null, monthBounds(last).toDay, pattern)}) x
    GROUP BY 1 ORDER BY 1
  `.execute(db);
  const out = new Map<string, number>();
  let total = 0;
  let i = 0;
  for (const m of months) {
    while (i < r.rows.length && (r.rows[i]?.month ?? '') <= m) total += Number(r.rows[i++]?.net ?? 0);
    out.set(m, total);
  }
  return out;
}

/** The months from `from` to `to` inclusive (yyyy-mm). */
export function monthRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to; m = shiftMonth(m, 1)) out.push(m);
  return out;
}

type LiveMetric =
  | 'key_group_people_served'
  | 'key_group_people_employed'
  | 'bus_trips'
  | 'workers_carried'
  | 'policy_applications'
  | 'policy_approvals'
  | 'payouts_paid'
  | 'payouts_paid_fen'
  | 'training_completed'
  | 'monitored_layoffs'
  | 'job_fairs_held'
  | 'job_fair_booths'
  | 'job_fair_visitors'
  | 'job_fair_check_ins'
  | 'job_fair_applications'
  | 'job_fair_interviews'
  | 'job_fair_offers'
  | 'job_fair_hires';

/**
 * The live figures of months [from, to] by month. Job fairs: the fairs (published or closed)
 * starting in the month in the area, with their approved booths, visits, check-ins and the
 * applications attributed to them (opened through the fair, sent before it ended: as the job-fairs
 * module counts them) and of those the interviews, offers (an offer or a hire) and hires.
 */
async function liveSeries(
  db: Executor,
  fromMonth: string,
  toMonth: string,
  pattern: string,
): Promise<{ metric: LiveMetric; month: string; value: string }[]> {
  const { from, fromDay } = monthBounds(fromMonth);
  const { to, toDay } = monthBounds(toMonth);
  const r = await sql<{ metric: LiveMetric; month: string; value: string }>`
    WITH fairs AS (
      SELECT id, ends_at, stats_month(starts_at) AS month FROM job_fairs
      WHERE status IN ('published', 'closed') AND district_code LIKE ${pattern}
        AND starts_at >= ${from} AND starts_at < ${to}
    ), fair_apps AS (
      SELECT f.month, a.id AS application_id
      FROM fairs f JOIN job_fair_attributions fa ON fa.fair_id = f.id
      JOIN applications a ON a.posting_id = fa.posting_id AND a.seeker_user_id = fa.seeker_user_id
        AND a.created_at >= fa.opened_at AND a.created_at < f.ends_at
    ), x (metric, month, value) AS (
      SELECT 'key_group_people_served', stats_month(s.provided_at), count(DISTINCT c.person_id)
        FROM case_services s JOIN cases c ON c.id = s.case_id
        WHERE s.provided_at >= ${from} AND s.provided_at < ${to} AND c.district_code LIKE ${pattern} GROUP BY 2
      UNION ALL
      SELECT 'key_group_people_employed', stats_month(closed_at), count(*) FROM cases
        WHERE district_code LIKE ${pattern} AND outcome IN ('employed', 'self_employed')
          AND closed_at >= ${from} AND closed_at < ${to} GROUP BY 2
      UNION ALL
      SELECT 'bus_trips', stats_month(departed_at), count(*) FROM bus_trips
        WHERE destination_district_code LIKE ${pattern} AND departed_at >= ${from} AND departed_at < ${to} GROUP BY 2
      UNION ALL
      SELECT 'workers_carried', stats_month(t.departed_at), count(*) FROM bus_bookings b
        JOIN bus_trips t ON t.id = b.trip_id
        WHERE b.boarded_at IS NOT NULL AND t.destination_district_code LIKE ${pattern}
          AND t.departed_at >= ${from} AND t.departed_at < ${to} GROUP BY 2
      UNION ALL
      SELECT 'policy_applications', stats_month(submitted_at), count(*) FROM policy_applications
        WHERE district_code LIKE ${pattern} AND submitted_at >= ${from} AND submitted_at < ${to} GROUP BY 2
      UNION ALL
      SELECT 'policy_approvals', stats_month(approved_at), count(*) FROM policy_applications
        WHERE district_code LIKE ${pattern} AND approved_at >= ${from} AND approved_at < ${to} GROUP BY 2
      UNION ALL
      SELECT 'payouts_paid', stats_month(paid_at), count(*) FROM payouts
        WHERE status = 'paid' AND district_code LIKE ${pattern} AND paid_at >= ${from} AND paid_at < ${to} GROUP BY 2
      UNION ALL
      SELECT 'payouts_paid_fen', stats_month(paid_at), coalesce(sum(amount_fen), 0) FROM payouts
        WHERE status = 'paid' AND district_code LIKE ${pattern} AND paid_at >= ${from} AND paid_at < ${to} GROUP BY 2
      UNION ALL
      SELECT 'training_completed', date_trunc('month', e.completed_on)::date, count(*) FROM training_enrollments e
        JOIN training_courses c ON c.id = e.course_id
        WHERE e.status = 'completed' AND c.district_code LIKE ${pattern}
          AND e.completed_on >= ${fromDay}::date AND e.completed_on < ${toDay}::date GROUP BY 2
      UNION ALL
      SELECT 'monitored_layoffs', month, coalesce(sum(sep_layoff), 0) FROM monitoring_reports
        WHERE district_code LIKE ${pattern} AND month >= ${fromDay}::date AND month < ${toDay}::date GROUP BY 2
      UNION ALL
      SELECT 'job_fairs_held', month, count(*) FROM fairs GROUP BY 2
      UNION ALL
      SELECT 'job_fair_booths', f.month, count(*) FROM fairs f JOIN job_fair_booths b ON b.fair_id = f.id
        WHERE b.status IN ('approved', 'closed') AND b.reviewed_at IS NOT NULL GROUP BY 2
      UNION ALL
      SELECT 'job_fair_visitors', f.month, count(*) FROM fairs f JOIN job_fair_visits v ON v.fair_id = f.id GROUP BY 2
      UNION ALL
      SELECT 'job_fair_check_ins', f.month, count(*) FROM fairs f JOIN job_fair_check_ins c ON c.fair_id = f.id
        GROUP BY 2
      UNION ALL
      SELECT 'job_fair_applications', month, count(*) FROM fair_apps GROUP BY 2
      UNION ALL
      SELECT 'job_fair_interviews', month, count(*) FROM fair_apps fx WHERE EXISTS (SELECT 1 FROM application_events e
        WHERE e.application_id = fx.application_id AND e.to_status = 'interview') GROUP BY 2
      UNION ALL
      SELECT 'job_fair_offers', month, count(*) FROM fair_apps fx WHERE EXISTS (SELECT 1 FROM application_events e
        WHERE e.application_id = fx.application_id AND e.to_status IN ('offer', 'hired')) GROUP BY 2
      UNION ALL
      SELECT 'job_fair_hires', month, count(*) FROM fair_apps fx WHERE EXISTS (SELECT 1 FROM hires h
        WHERE h.application_id = fx.application_id) GROUP BY 2
    )
    SELECT metric, to_char(month, 'YYYY-MM') AS month, value FROM x
  `.execute(db);
  return r.rows;
}

/** Indicators of every month of [from, to] in the area: two rollup reads and one live query. */
export async function indicatorSeries(
  db: Executor,
  fromMonth: string,
  toMonth: string,
  pattern: string,
): Promise<Map<string, Indicators>> {
  const months = monthRange(fromMonth, toMonth);
  const [rollups, stock, live] = await Promise.all([
    sql<{ metric: RollupMetric; month: string; value: string }>`
      SELECT metric, to_char(month, 'YYYY-MM') AS month, sum(value) AS value
      FROM (${rollupRows(ROLLUP_METRICS, monthBounds(fromMonth).fromDay, monthBounds(toMonth).toDay, pattern)}) x
      GROUP BY 1, 2
    `.execute(db),
    unemployedStock(db, months, pattern),
    liveSeries(db, fromMonth, toMonth, pattern),
  ]);
  const figures = new Map<string, Map<string, number>>(months.map((m) => [m, new Map()]));
  for (const row of [...rollups.rows, ...live]) {
    const f = figures.get(row.month);
    if (f) f.set(row.metric, (f.get(row.metric) ?? 0) + Number(row.value));
  }
  return new Map(
    months.map((m) => {
      const f = figures.get(m) ?? new Map<string, number>();
      const n = (k: RollupMetric | LiveMetric) => f.get(k) ?? 0;
      const hires = n('hires');
      const employmentRegistrations = n('employment_other');
      const newUnemploymentRegistrations = n('unemployment_in');
      const vacancies = n('vacancies');
      const seekers = newUnemploymentRegistrations + n('resumes_new');
      const indicators: Indicators = {
        registeredUnemployed: stock.get(m) ?? 0,
        newUnemploymentRegistrations,
        newJobs: hires + employmentRegistrations,
        hires,
        employmentRegistrations,
        vacancies,
        seekers,
        supplyDemandRatio: ratio(vacancies, seekers),
        postingsIn: n('postings_in'),
        postingsOut: n('postings_out'),
        seekersIn: newUnemploymentRegistrations,
        seekersOut: n('unemployment_ended'),
        keyGroupPeopleServed: n('key_group_people_served'),
        keyGroupPeopleEmployed: n('key_group_people_employed'),
        busTrips: n('bus_trips'),
        workersCarried: n('workers_carried'),
        policyApplications: n('policy_applications'),
        policyApprovals: n('policy_approvals'),
        payoutsPaid: n('payouts_paid'),
        payoutsPaidFen: n('payouts_paid_fen'),
        trainingCompleted: n('training_completed'),
        monitoredLayoffs: n('monitored_layoffs'),
        jobFairsHeld: n('job_fairs_held'),
        jobFairBooths: n('job_fair_booths'),
        jobFairVisitors: n('job_fair_visitors'),
        jobFairCheckIns: n('job_fair_check_ins'),
        jobFairApplications: n('job_fair_applications'),
        jobFairInterviews: n('job_fair_interviews'),
        jobFairOffers: n('job_fair_offers'),
        jobFairHires: n('job_fair_hires'),
      };
      return [m, indicators];
    }),
  );
}

/** Indicators of one month and area. */
export async function indicatorsFor(db: Executor, month: string, pattern: string): Promise<Indicators> {
  const r = (await indicatorSeries(db, month, month, pattern)).get(month);
  if (!r) throw new Error('indicators query returned no month');
  return r;
}

/** The funnel of a month: postings published → applications → interviews → offers → hires. */
export async function funnelCounts(
  db: Executor,
  month: string,
  pattern: string,
): Promise<Record<'postings' | 'applications' | 'interviews' | 'offers' | 'hires', number>> {
  const { fromDay, toDay } = monthBounds(month);
  const r = await sql<{ metric: string; value: string }>`
    SELECT metric, sum(value) AS value
    FROM (${rollupRows(['postings_in', 'applications', 'interviews', 'offers', 'hires'], fromDay, toDay, pattern)}) x
    GROUP BY 1
  `.execute(db);
  const v = new Map(r.rows.map((x) => [x.metric, Number(x.value)]));
  return {
    postings: v.get('postings_in') ?? 0,
    applications: v.get('applications') ?? 0,
    interviews: v.get('interviews') ?? 0,
    offers: v.get('offers') ?? 0,
    hires: v.get('hires') ?? 0,
  };
}

export type DistrictRollup = {
  code: string;
  registeredUnemployed: number;
  newUnemploymentRegistrations: number;
  newJobs: number;
  hires: number;
  vacancies: number;
  seekers: number;
  supplyDemandRatio: number | null;
  postingsIn: number;
};

/** The drill-down figures of a month for each district matching the pattern (one rollup read). */
export async function districtFigures(
  db: Executor,
  month: string,
  pattern: string,
): Promise<Map<string, DistrictRollup>> {
  const { fromDay, toDay } = monthBounds(month);
  const r = await sql<{ code: string; metric: string; value: string }>`
    SELECT district_code AS code, metric, sum(value) AS value FROM (
      ${rollupRows(['vacancies', 'postings_in', 'resumes_new', 'unemployment_in', 'employment_other', 'hires'], fromDay, toDay, pattern)}
      UNION ALL
      SELECT 'stock', month, district_code, occupation_code,
        CASE WHEN metric = 'unemployment_in' THEN value ELSE -value END
      FROM (${rollupRows(['unemployment_in', 'unemployment_out_stock'], null, toDay, pattern)}) s
    ) x GROUP BY 1, 2
  `.execute(db);
  const by = new Map<string, Map<string, number>>();
  for (const row of r.rows) {
    const m = by.get(row.code) ?? new Map<string, number>();
    m.set(row.metric, Number(row.value));
    by.set(row.code, m);
  }
  return new Map(
    [...by].map(([code, m]) => {
      const n = (k: string) => m.get(k) ?? 0;
      const newUnemploymentRegistrations = n('unemployment_in');
      const vacancies = n('vacancies');
      const seekers = newUnemploymentRegistrations + n('resumes_new');
      return [
        code,
        {
          code,
          registeredUnemployed: n('stock'),
          newUnemploymentRegistrations,
          newJobs: n('hires') + n('employment_other'),
          hires: n('hires'),
          vacancies,
          seekers,
          supplyDemandRatio: ratio(vacancies, seekers),
          postingsIn: n('postings_in'),
        },
      ];
    }),
  );
}

/** Open warning alerts by district (null: city-level) and severity. */
export async function openAlerts(
  db: Executor,
): Promise<{ districtCode: string | null; severity: string; n: number }[]> {
  const r = await sql<{ districtCode: string | null; severity: string; n: string }>`
    SELECT district_code, severity, count(*) AS n FROM warning_alerts WHERE status = 'open' GROUP BY 1, 2
  `.execute(db);
  return r.rows.map((x) => ({
    districtCode: x.districtCode === null ? null : x.districtCode.trim(),
    severity: x.severity,
    n: Number(x.n),
  }));
}

/** Folds the triggers' deltas into the rollups; how many deltas it moved (0 if another folder ran). */
export async function foldRollups(db: Executor): Promise<number> {
  const r = await sql<{ n: string }>`SELECT stats_monthly_fold() AS n`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/** Vacancies / seekers to two decimals; null without seekers. */
export function ratio(vacancies: number, seekers: number): number | null {
  return seekers === 0 ? null : Math.round((vacancies / seekers) * 100) / 100;
}

export type SupplyDemandRow = { code: string; vacancies: number; seekers: number; ratio: number | null };

/**
 * 求人倍率 by district (seekers: new unemployment registrations + new résumés in that district) or by
 * occupation (seekers: new résumés desiring it; registrations carry no occupation). From the rollups.
 */
export async function supplyDemandBy(
  db: Executor,
  month: string,
  pattern: string,
  by: 'district' | 'occupation',
): Promise<SupplyDemandRow[]> {
  const { fromDay, toDay } = monthBounds(month);
  const rows =
    by === 'district'
      ? await sql<{ code: string; vacancies: string; seekers: string }>`
          SELECT district_code AS code,
            coalesce(sum(value) FILTER (WHERE metric = 'vacancies'), 0) AS vacancies,
            coalesce(sum(value) FILTER (WHERE metric <> 'vacancies'), 0) AS seekers
          FROM (${rollupRows(['vacancies', 'unemployment_in', 'resumes_new'], fromDay, toDay, pattern)}) x
          GROUP BY 1 HAVING sum(value) FILTER (WHERE metric = 'vacancies') <> 0
            OR sum(value) FILTER (WHERE metric <> 'vacancies') <> 0
          ORDER BY 1
        `.execute(db)
      : await sql<{ code: string; vacancies: string; seekers: string }>`
          SELECT occupation_code AS code,
            coalesce(sum(value) FILTER (WHERE metric = 'vacancies'), 0) AS vacancies,
            coalesce(sum(value) FILTER (WHERE metric = 'resume_occupations'), 0) AS seekers
          FROM (${rollupRows(['vacancies', 'resume_occupations'], fromDay, toDay, pattern)}) x
          GROUP BY 1 HAVING sum(value) FILTER (WHERE metric = 'vacancies') <> 0
            OR sum(value) FILTER (WHERE metric = 'resume_occupations') <> 0
          ORDER BY 1
        `.execute(db);
  return rows.rows.map((r) => {
    const vacancies = Number(r.vacancies);
    const seekers = Number(r.seekers);
    return { code: r.code.trim(), vacancies, seekers, ratio: ratio(vacancies, seekers) };
  });
}

/** New unemployment registrations per district in a month (for the rising-registrations rule). */
export async function unemploymentRegistrationsByDistrict(
  db: Executor,
  month: string,
): Promise<Map<string, number>> {
  const { fromDay, toDay } = monthBounds(month);
  const r = await sql<{ code: string; n: string }>`
    SELECT district_code AS code, count(*) AS n FROM registrations
    WHERE kind = 'unemployment' AND registered_on >= ${fromDay}::date AND registered_on < ${toDay}::date
    GROUP BY 1
  `.execute(db);
  return new Map(r.rows.map((x) => [x.code.trim(), Number(x.n)]));
}

/** The monitored enterprises' reports of a month, for the monthly report. */
export async function monitoringTotals(
  db: Executor,
  month: string,
): Promise<
  {
    districtCode: string;
    reports: number;
    start: number;
    end: number;
    hires: number;
    layoffs: number;
    separations: number;
  }[]
> {
  const r = await sql<Record<string, string>>`
    SELECT district_code, count(*) AS reports, sum(start_headcount) AS start, sum(end_headcount) AS "end",
      sum(hires) AS hires, sum(sep_layoff) AS layoffs,
      sum(sep_layoff + sep_resignation + sep_contract_end + sep_retirement + sep_other) AS separations
    FROM monitoring_reports WHERE month = ${`${month}-01`}::date GROUP BY 1 ORDER BY 1
  `.execute(db);
  return r.rows.map((x) => ({
    districtCode: String(x.districtCode).trim(),
    reports: Number(x.reports),
    start: Number(x.start),
    end: Number(x.end),
    hires: Number(x.hires),
    layoffs: Number(x.layoffs),
    separations: Number(x.separations),
  }));
}

/** Region names by code (for report row labels). */
export async function regionNames(db: Executor, codes: string[]): Promise<Map<string, string>> {
  const rows = await db.selectFrom('regions').select(['code', 'name']).where('code', 'in', codes).execute();
  return new Map(rows.map((r) => [r.code.trim(), r.name]));
}

/** Labour shortages still open or in progress that were reported before `before` (early warning). */
export async function unresolvedShortages(
  db: Executor,
  before: Date,
): Promise<
  { id: string; districtCode: string; occupationCode: string; headcount: number; createdAt: Date }[]
> {
  const r = await sql<{
    id: string;
    districtCode: string;
    occupationCode: string;
    headcount: number;
    createdAt: Date;
  }>`
    SELECT id, district_code, occupation_code, headcount, created_at FROM labour_shortages
    WHERE status IN ('open', 'in_progress') AND created_at < ${before} ORDER BY created_at LIMIT 1000
  `.execute(db);
  return r.rows.map((x) => ({ ...x, districtCode: x.districtCode.trim() }));
}

/** Policy applications approved before `before` and still not paid (early warning). */
export async function approvedNotPaid(
  db: Executor,
  before: Date,
): Promise<{ id: string; districtCode: string; policyCode: string; approvedAt: Date }[]> {
  const r = await sql<{ id: string; districtCode: string; policyCode: string; approvedAt: Date }>`
    SELECT id, district_code, policy_code, approved_at FROM policy_applications
    WHERE status = 'approved' AND approved_at < ${before} ORDER BY approved_at LIMIT 1000
  `.execute(db);
  return r.rows.map((x) => ({ ...x, districtCode: x.districtCode.trim() }));
}
