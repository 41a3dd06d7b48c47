import { z } from 'zod';
import { RegionCodeSchema } from './common.js';
import { IndicatorsSchema, MonthSchema } from './monitoring.js';

/*
 * Dashboards (issue 8): the city overview with drill-down by district, monthly trends and the
 * funnel from postings to hires. Figures are those of IndicatorsSchema (see monitoring.ts).
 * `area` is the city (440800) or one of its districts; omitted, it is the city for city-wide staff
 * and API tokens, else the caller's first district.
 */

export const IndicatorKeySchema = IndicatorsSchema.keyof();
export type IndicatorKey = z.infer<typeof IndicatorKeySchema>;

/** The headline figures of the overview, in display order. */
export const HEADLINE_INDICATORS = [
  'registeredUnemployed',
  'newJobs',
  'supplyDemandRatio',
  'vacancies',
  'seekers',
  'hires',
  'keyGroupPeopleEmployed',
  'workersCarried',
  'payoutsPaidFen',
  'trainingCompleted',
  'jobFairHires',
] as const satisfies readonly IndicatorKey[];

/** Indicators a trends request gets when it names none. */
export const DEFAULT_TREND_INDICATORS = [
  'registeredUnemployed',
  'newJobs',
  'vacancies',
  'seekers',
  'supplyDemandRatio',
] as const satisfies readonly IndicatorKey[];

/** At most this many months per trends request. */
export const MAX_TREND_MONTHS = 36;

export const DashboardQuerySchema = z.object({
  month: MonthSchema,
  area: RegionCodeSchema.optional(),
});
export type DashboardQuery = z.infer<typeof DashboardQuerySchema>;

/** `indicators`: comma-separated IndicatorKeys (e.g. `newJobs,vacancies`), at most 12. */
export const TrendsQuerySchema = z
  .object({
    from: MonthSchema,
    to: MonthSchema,
    area: RegionCodeSchema.optional(),
    indicators: z
      .string()
      .optional()
      .transform((s) =>
        s === undefined || s.trim() === ''
          ? [...DEFAULT_TREND_INDICATORS]
          : s.split(',').map((x) => x.trim()),
      )
      .pipe(z.array(IndicatorKeySchema).min(1).max(12)),
  })
  .superRefine((q, ctx) => {
    const months = monthIndex(q.to) - monthIndex(q.from) + 1;
    if (months < 1)
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: 'to is before from',
        params: { code: 'date_order' },
      });
    else if (months > MAX_TREND_MONTHS)
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `at most ${MAX_TREND_MONTHS} months`,
        params: { code: 'too_many_months' },
      });
  });
export type TrendsQuery = z.infer<typeof TrendsQuerySchema>;

function monthIndex(month: string): number {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return y * 12 + m - 1;
}

export const FunnelQuerySchema = DashboardQuerySchema;
export type FunnelQuery = DashboardQuery;

export const HeadlineFigureSchema = z.object({
  key: IndicatorKeySchema,
  value: z.number().nullable(),
  previous: z.number().nullable(),
  /** (value − previous) / previous, null where previous is 0 or missing. */
  change: z.number().nullable(),
});
export type HeadlineFigure = z.infer<typeof HeadlineFigureSchema>;

/** One district's figures for the drill-down (map / bar chart); click → area = code. */
export const DistrictFigureSchema = z.object({
  code: z.string(),
  nameZh: z.string(),
  registeredUnemployed: z.number().int(),
  newUnemploymentRegistrations: z.number().int(),
  newJobs: z.number().int(),
  hires: z.number().int(),
  vacancies: z.number().int(),
  seekers: z.number().int(),
  supplyDemandRatio: z.number().nullable(),
  postingsIn: z.number().int(),
  /** Open (not acknowledged, not resolved) warning alerts of the district. */
  openAlerts: z.number().int(),
});
export type DistrictFigure = z.infer<typeof DistrictFigureSchema>;

export const ALERT_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;

export const DashboardSchema = z.object({
  month: MonthSchema,
  area: z.string(),
  areaNameZh: z.string(),
  previousMonth: MonthSchema,
  /** When the rollups behind the figures were last brought up to date. */
  asOf: z.iso.datetime({ offset: true }),
  headline: z.array(HeadlineFigureSchema),
  indicators: IndicatorsSchema,
  previous: IndicatorsSchema,
  change: z.record(z.string(), z.number().nullable()),
  /** The area's districts (the city: all nine; a district: itself). */
  districts: z.array(DistrictFigureSchema),
  /** Warning alerts still open in the area, by severity. */
  alerts: z.object({
    open: z.number().int(),
    bySeverity: z.object({
      low: z.number().int(),
      medium: z.number().int(),
      high: z.number().int(),
      critical: z.number().int(),
    }),
  }),
});
export type Dashboard = z.infer<typeof DashboardSchema>;

export const TrendSeriesSchema = z.object({
  key: IndicatorKeySchema,
  /** One value per month of `months` (a ratio may be null). */
  values: z.array(z.number().nullable()),
});
export const TrendsSchema = z.object({
  area: z.string(),
  from: MonthSchema,
  to: MonthSchema,
  months: z.array(MonthSchema),
  series: z.array(TrendSeriesSchema),
  asOf: z.iso.datetime({ offset: true }),
});
export type Trends = z.infer<typeof TrendsSchema>;

export const FUNNEL_STAGES = ['postings', 'applications', 'interviews', 'offers', 'hires'] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

export const FunnelStageSchema = z.object({
  stage: z.enum(FUNNEL_STAGES),
  count: z.number().int(),
  /** count / the previous stage's count, null for the first stage or after a zero. */
  conversion: z.number().nullable(),
});
/**
 * The month's funnel in the area (by the posting's district): postings published → applications
 * sent → applications reaching an interview → an offer → hires, each counted in the month it
 * happened.
 */
export const FunnelSchema = z.object({
  month: MonthSchema,
  area: z.string(),
  stages: z.array(FunnelStageSchema),
  asOf: z.iso.datetime({ offset: true }),
});
export type Funnel = z.infer<typeof FunnelSchema>;
