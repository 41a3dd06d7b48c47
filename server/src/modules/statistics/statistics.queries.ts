import { sql } from 'kysely';
import type { Indicators } from '@jiuye/shared';
import type { Executor } from '../../db/database.js';
import { monthBounds } from './statistics.period.js';

/**
 * Read models over other modules' tables (house style allows SQL here). Each figure is one indexed
 * sub-select over live tables; the definitions are those of IndicatorsSchema (shared/contracts).
 * `pattern` is a LIKE pattern over district codes (the city: '4408%').
 */
export async function indicatorsFor(db: Executor, month: string, pattern: string): Promise<Indicators> {
  const { from, to, fromDay, toDay } = monthBounds(month);
  const r = await sql<Record<keyof Indicators | 'resumesNew', string | number | null>>`
    SELECT
      (SELECT count(*) FROM registrations WHERE kind = 'unemployment' AND district_code LIKE ${pattern}
         AND registered_on < ${toDay}::date AND (ended_on IS NULL OR ended_on >= ${toDay}::date)) AS registered_unemployed,
      (SELECT count(*) FROM registrations WHERE kind = 'unemployment' AND district_code LIKE ${pattern}
         AND registered_on >= ${fromDay}::date AND registered_on < ${toDay}::date) AS new_unemployment_registrations,
      (SELECT count(*) FROM registrations WHERE kind = 'unemployment' AND district_code LIKE ${pattern}
         AND ended_on >= ${fromDay}::date AND ended_on < ${toDay}::date) AS seekers_out,
      (SELECT count(*) FROM hires h JOIN job_postings p ON p.id = h.posting_id
         WHERE h.hired_at >= ${from} AND h.hired_at < ${to} AND p.district_code LIKE ${pattern}) AS hires,
      -- Platform hires file an employment registration too (source 'platform_hire'): count them once.
      (SELECT count(*) FROM registrations WHERE kind = 'employment' AND source <> 'platform_hire'
         AND district_code LIKE ${pattern}
         AND registered_on >= ${fromDay}::date AND registered_on < ${toDay}::date) AS employment_registrations,
      (SELECT coalesce(sum(headcount), 0) FROM job_postings WHERE district_code LIKE ${pattern}
         AND published_at >= ${from} AND published_at < ${to}) AS vacancies,
      (SELECT count(*) FROM job_postings WHERE district_code LIKE ${pattern}
         AND published_at >= ${from} AND published_at < ${to}) AS postings_in,
      (SELECT count(*) FROM job_postings WHERE district_code LIKE ${pattern} AND status IN ('closed', 'expired')
         AND updated_at >= ${from} AND updated_at < ${to}) AS postings_out,
      (SELECT count(*) FROM resumes WHERE current_region_code LIKE ${pattern}
         AND created_at >= ${from} AND created_at < ${to}) AS resumes_new,
      (SELECT count(DISTINCT c.person_id) FROM case_services s JOIN cases c ON c.id = s.case_id
         WHERE s.provided_at >= ${from} AND s.provided_at < ${to} AND c.district_code LIKE ${pattern}) AS key_group_people_served,
      (SELECT count(*) FROM cases WHERE district_code LIKE ${pattern} AND outcome IN ('employed', 'self_employed')
         AND closed_at >= ${from} AND closed_at < ${to}) AS key_group_people_employed,
      (SELECT count(*) FROM bus_trips WHERE destination_district_code LIKE ${pattern}
         AND departed_at >= ${from} AND departed_at < ${to}) AS bus_trips,
      (SELECT count(*) FROM bus_bookings b JOIN bus_trips t ON t.id = b.trip_id
         WHERE b.boarded_at IS NOT NULL AND t.destination_district_code LIKE ${pattern}
         AND t.departed_at >= ${from} AND t.departed_at < ${to}) AS workers_carried,
      (SELECT count(*) FROM policy_applications WHERE district_code LIKE ${pattern}
         AND submitted_at >= ${from} AND submitted_at < ${to}) AS policy_applications,
      (SELECT count(*) FROM policy_applications WHERE district_code LIKE ${pattern}
         AND approved_at >= ${from} AND approved_at < ${to}) AS policy_approvals,
      (SELECT count(*) FROM payouts WHERE status = 'paid' AND district_code LIKE ${pattern}
         AND paid_at >= ${from} AND paid_at < ${to}) AS payouts_paid,
      (SELECT coalesce(sum(amount_fen), 0) FROM payouts WHERE status = 'paid' AND district_code LIKE ${pattern}
         AND paid_at >= ${from} AND paid_at < ${to}) AS payouts_paid_fen,
      (SELECT count(*) FROM training_enrollments e JOIN training_courses c ON c.id = e.course_id
         WHERE e.status = 'completed' AND c.district_code LIKE ${pattern}
         AND e.completed_on >= ${fromDay}::date AND e.completed_on < ${toDay}::date) AS training_completed,
      (SELECT coalesce(sum(sep_layoff), 0) FROM monitoring_reports WHERE district_code LIKE ${pattern}
         AND month = ${fromDay}::date) AS monitored_layoffs
  `.execute(db);
  const row = r.rows[0];
  if (!row) throw new Error('indicators query returned no row');
  const n = (v: string | number | null | undefined): number => Number(v ?? 0);
  const hires = n(row.hires);
  const employmentRegistrations = n(row.employmentRegistrations);
  const newUnemploymentRegistrations = n(row.newUnemploymentRegistrations);
  const vacancies = n(row.vacancies);
  const seekers = newUnemploymentRegistrations + n(row.resumesNew);
  return {
    registeredUnemployed: n(row.registeredUnemployed),
    newUnemploymentRegistrations,
    newJobs: hires + employmentRegistrations,
    hires,
    employmentRegistrations,
    vacancies,
    seekers,
    supplyDemandRatio: ratio(vacancies, seekers),
    postingsIn: n(row.postingsIn),
    postingsOut: n(row.postingsOut),
    seekersIn: newUnemploymentRegistrations,
    seekersOut: n(row.seekersOut),
    keyGroupPeopleServed: n(row.keyGroupPeopleServed),
    keyGroupPeopleEmployed: n(row.keyGroupPeopleEmployed),
    busTrips: n(row.busTrips),
    workersCarried: n(row.workersCarried),
    policyApplications: n(row.policyApplications),
    policyApprovals: n(row.policyApprovals),
    payoutsPaid: n(row.payoutsPaid),
    payoutsPaidFen: n(row.payoutsPaidFen),
    trainingCompleted: n(row.trainingCompleted),
    monitoredLayoffs: n(row.monitoredLayoffs),
  };
}

/** Vacancies / seekers to two decimals; null without seekers. */
export function ratio(vacancies: number, seekers: number): number | null {
  return seekers === 0 ? null : Math.round((vacancies / seekers) * 100) / 100;
}

export type SupplyDemandRow = { code: string; vacancies: number; seekers: number; ratio: number | null };

/**
 * 求人倍率 by district (seekers: new unemployment registrations + new résumés in that district) or by
 * occupation (seekers: new résumés desiring it; registrations carry no occupation).
 */
export async function supplyDemandBy(
  db: Executor,
  month: string,
  pattern: string,
  by: 'district' | 'occupation',
): Promise<SupplyDemandRow[]> {
  const { from, to, fromDay, toDay } = monthBounds(month);
  const rows =
    by === 'district'
      ? await sql<{ code: string; vacancies: string; seekers: string }>`
          WITH v AS (
            SELECT district_code AS code, sum(headcount) AS n FROM job_postings
            WHERE district_code LIKE ${pattern} AND published_at >= ${from} AND published_at < ${to}
            GROUP BY 1
          ), s AS (
            SELECT code, sum(n) AS n FROM (
              SELECT district_code AS code, count(*) AS n FROM registrations
              WHERE kind = 'unemployment' AND district_code LIKE ${pattern}
                AND registered_on >= ${fromDay}::date AND registered_on < ${toDay}::date GROUP BY 1
              UNION ALL
              SELECT current_region_code, count(*) FROM resumes
              WHERE current_region_code LIKE ${pattern} AND created_at >= ${from} AND created_at < ${to} GROUP BY 1
            ) x GROUP BY 1
          )
          SELECT coalesce(v.code, s.code) AS code, coalesce(v.n, 0) AS vacancies, coalesce(s.n, 0) AS seekers
          FROM v FULL JOIN s ON s.code = v.code ORDER BY 1
        `.execute(db)
      : await sql<{ code: string; vacancies: string; seekers: string }>`
          WITH v AS (
            SELECT occupation_code AS code, sum(headcount) AS n FROM job_postings
            WHERE district_code LIKE ${pattern} AND published_at >= ${from} AND published_at < ${to}
            GROUP BY 1
          ), s AS (
            SELECT o AS code, count(*) AS n FROM resumes, unnest(desired_occupation_codes) AS o
            WHERE current_region_code LIKE ${pattern} AND created_at >= ${from} AND created_at < ${to}
            GROUP BY 1
          )
          SELECT coalesce(v.code, s.code) AS code, coalesce(v.n, 0) AS vacancies, coalesce(s.n, 0) AS seekers
          FROM v FULL JOIN s ON s.code = v.code ORDER BY 1
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
