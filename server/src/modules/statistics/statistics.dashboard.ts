import {
  ALERT_SEVERITIES,
  FUNNEL_STAGES,
  HEADLINE_INDICATORS,
  type Dashboard,
  type DashboardQuery,
  type Funnel,
  type Indicators,
  type Trends,
  type TrendsQuery,
} from '@jiuye/shared';
import { AppError, fieldError } from '../../platform/errors.js';
import type { RequestContext } from '../../platform/context.js';
import { CITY_DISTRICT_CODES, isCityWideStaff, isStaff } from '../enterprises/index.js';
import { areaPattern, CITY_CODE, shiftMonth } from './statistics.period.js';
import * as q from './statistics.queries.js';

/*
 * Dashboards (issue 8): the city overview with drill-down by district, monthly trends and the
 * funnel. Staff see their districts; city-wide staff and API tokens (stats:read) see the city.
 */

/**
 * The area a caller may see: `area` if allowed (400 naming `area` otherwise), else the city for
 * city-wide staff and tokens, else the staff member's first district.
 */
export function resolveArea(ctx: RequestContext, area: string | undefined): string {
  const a = ctx.actor;
  const cityWide = a.kind === 'token' || isCityWideStaff(a);
  if (area !== undefined) areaPattern(area); // 400 area_outside_city outside Zhanjiang
  if (cityWide) return area ?? CITY_CODE;
  if (!isStaff(a)) throw new AppError('forbidden');
  const mine = CITY_DISTRICT_CODES.filter((c) => a.districtCodes.includes(c));
  if (area === undefined) {
    const first = mine[0];
    if (!first) throw new AppError('forbidden');
    return first;
  }
  if (!mine.includes(area as (typeof mine)[number])) throw fieldError('area', 'outside_district');
  return area;
}

function changeOf(now: number | null, before: number | null): number | null {
  return now === null || before === null || before === 0
    ? null
    : Math.round(((now - before) / before) * 10000) / 10000;
}

export async function dashboard(ctx: RequestContext, query: DashboardQuery): Promise<Dashboard> {
  const area = resolveArea(ctx, query.area);
  const pattern = areaPattern(area);
  const month = query.month;
  const previousMonth = shiftMonth(month, -1);
  const districtCodes: string[] = area === CITY_CODE ? [...CITY_DISTRICT_CODES] : [area];
  const [series, districts, alerts, names] = await Promise.all([
    q.indicatorSeries(ctx.deps.readDb ?? ctx.db, previousMonth, month, pattern),
    q.districtFigures(ctx.deps.readDb ?? ctx.db, month, pattern),
    q.openAlerts(ctx.deps.readDb ?? ctx.db),
    q.regionNames(ctx.deps.readDb ?? ctx.db, [area, ...districtCodes]),
  ]);
  const indicators = series.get(month) as Indicators;
  const previous = series.get(previousMonth) as Indicators;
  const change: Record<string, number | null> = {};
  for (const key of Object.keys(indicators) as (keyof Indicators)[])
    change[key] = changeOf(indicators[key], previous[key]);
  const inArea = alerts.filter((x) =>
    x.districtCode === null ? area === CITY_CODE : districtCodes.includes(x.districtCode),
  );
  const bySeverity = Object.fromEntries(ALERT_SEVERITIES.map((s) => [s, 0])) as Record<
    (typeof ALERT_SEVERITIES)[number],
    number
  >;
  for (const x of inArea)
    if (x.severity in bySeverity) bySeverity[x.severity as keyof typeof bySeverity] += x.n;
  return {
    month,
    area,
    areaNameZh: names.get(area) ?? area,
    previousMonth,
    asOf: ctx.now().toISOString(),
    headline: HEADLINE_INDICATORS.map((key) => ({
      key,
      value: indicators[key],
      previous: previous[key],
      change: change[key] ?? null,
    })),
    indicators,
    previous,
    change,
    districts: districtCodes.map((code) => {
      const d = districts.get(code);
      return {
        code,
        nameZh: names.get(code) ?? code,
        registeredUnemployed: d?.registeredUnemployed ?? 0,
        newUnemploymentRegistrations: d?.newUnemploymentRegistrations ?? 0,
        newJobs: d?.newJobs ?? 0,
        hires: d?.hires ?? 0,
        vacancies: d?.vacancies ?? 0,
        seekers: d?.seekers ?? 0,
        supplyDemandRatio: d?.supplyDemandRatio ?? null,
        postingsIn: d?.postingsIn ?? 0,
        openAlerts: alerts.filter((x) => x.districtCode === code).reduce((s, x) => s + x.n, 0),
      };
    }),
    alerts: { open: inArea.reduce((s, x) => s + x.n, 0), bySeverity },
  };
}

export async function trends(ctx: RequestContext, query: TrendsQuery): Promise<Trends> {
  const area = resolveArea(ctx, query.area);
  const series = await q.indicatorSeries(ctx.deps.readDb ?? ctx.db, query.from, query.to, areaPattern(area));
  const months = q.monthRange(query.from, query.to);
  const keys = [...new Set(query.indicators)];
  return {
    area,
    from: query.from,
    to: query.to,
    months,
    series: keys.map((key) => ({ key, values: months.map((m) => series.get(m)?.[key] ?? null) })),
    asOf: ctx.now().toISOString(),
  };
}

export async function funnel(ctx: RequestContext, query: DashboardQuery): Promise<Funnel> {
  const area = resolveArea(ctx, query.area);
  const counts = await q.funnelCounts(ctx.deps.readDb ?? ctx.db, query.month, areaPattern(area));
  let before: number | null = null;
  const stages = FUNNEL_STAGES.map((stage) => {
    const count = counts[stage];
    const conversion = before === null || before === 0 ? null : Math.round((count / before) * 10000) / 10000;
    before = count;
    return { stage, count, conversion };
  });
  return { month: query.month, area, stages, asOf: ctx.now().toISOString() };
}
