import { z } from 'zod';
import { RegionCodeSchema } from './common.js';

/** A calendar month, `yyyy-mm` (China time). */
export const MonthSchema = z
  .string()
  .regex(/^(19|20)\d{2}-(0[1-9]|1[0-2])$/)
  .meta({ description: 'A calendar month, yyyy-mm', example: '2026-10' });

export const MonthParamsSchema = z.object({ month: MonthSchema });
export const EnterpriseMonthParamsSchema = z.object({ id: z.uuid(), month: MonthSchema });

// ——— Enterprise employment monitoring ———

/** Separation causes the national unemployment monitoring asks for. */
export const SEPARATION_CAUSES = ['layoff', 'resignation', 'contractEnd', 'retirement', 'other'] as const;

/** Staff designate an enterprise (in their district) as a monitoring sample. */
export const DesignateSampleBodySchema = z
  .object({
    enterpriseId: z.uuid(),
    /** The first month it owes a report for; defaults to the current month. */
    firstMonth: MonthSchema.optional(),
    note: z.string().trim().max(500).optional(),
  })
  .strict();

export const MonitoredEnterpriseSchema = z.object({
  enterpriseId: z.uuid(),
  enterpriseName: z.string(),
  districtCode: z.string(),
  active: z.boolean(),
  firstMonth: MonthSchema,
  note: z.string().nullable(),
  designatedAt: z.iso.datetime({ offset: true }),
  lastReportedMonth: MonthSchema.nullable(),
});
export type MonitoredEnterprise = z.infer<typeof MonitoredEnterpriseSchema>;

export const ListSamplesQuerySchema = z.object({
  districtCode: RegionCodeSchema.optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

const Count = z.number().int().min(0).max(1_000_000);

/**
 * One month's headcount report. It must balance: end = start + hires − separations (all causes),
 * and its start must equal the previous month's reported end (both refused with 400 otherwise).
 */
export const MonthlyReportBodySchema = z
  .object({
    startHeadcount: Count,
    endHeadcount: Count,
    hires: Count,
    separations: z
      .object({
        layoff: Count,
        resignation: Count,
        contractEnd: Count,
        retirement: Count,
        other: Count,
      })
      .strict(),
    note: z.string().trim().max(500).optional(),
  })
  .strict();
export type MonthlyReportBody = z.infer<typeof MonthlyReportBodySchema>;

export const MonthlyReportSchema = z.object({
  id: z.uuid(),
  enterpriseId: z.uuid(),
  districtCode: z.string(),
  month: MonthSchema,
  startHeadcount: z.number().int(),
  endHeadcount: z.number().int(),
  hires: z.number().int(),
  separations: z.object({
    layoff: z.number().int(),
    resignation: z.number().int(),
    contractEnd: z.number().int(),
    retirement: z.number().int(),
    other: z.number().int(),
  }),
  note: z.string().nullable(),
  late: z.boolean(),
  version: z.number().int(),
  submittedAt: z.iso.datetime({ offset: true }),
  /** Early-warning alerts this report raised (ids). */
  alertIds: z.array(z.uuid()),
});
export type MonthlyReport = z.infer<typeof MonthlyReportSchema>;

export const LateListQuerySchema = z.object({
  month: MonthSchema,
  districtCode: RegionCodeSchema.optional(),
});
export const LateEnterpriseSchema = z.object({
  enterpriseId: z.uuid(),
  enterpriseName: z.string(),
  districtCode: z.string(),
  month: MonthSchema,
  /** The reporting deadline of that month (the 10th of the next month, end of day China time). */
  dueAt: z.iso.datetime({ offset: true }),
  overdue: z.boolean(),
});
export const LateListSchema = z.object({ month: MonthSchema, items: z.array(LateEnterpriseSchema) });

// ——— Early warning ———

export const WARNING_KINDS = [
  'layoff',
  'supply_demand_ratio',
  'registrations_rising',
  'shortage_unresolved',
  'payout_waiting',
] as const;
export type WarningKind = (typeof WARNING_KINDS)[number];
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export const ALERT_STATUSES = ['open', 'acknowledged', 'resolved'] as const;

export const WarningRuleSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  kind: z.enum(WARNING_KINDS),
  nameZh: z.string(),
  nameEn: z.string(),
  params: z.record(z.string(), z.number()),
  severity: z.enum(SEVERITIES),
  effectiveFrom: z.string(),
  effectiveTo: z.string().nullable(),
  active: z.boolean(),
  /** Bumped by every change; send it back with a PATCH (optimistic concurrency). */
  version: z.number().int(),
});
export type WarningRule = z.infer<typeof WarningRuleSchema>;

// ——— Editing warning rules (issue 8; city-wide staff) ———

/**
 * The parameters each kind of rule takes. `share` is a fraction of 1 (0.1 = 10%), `rise` a
 * fraction that may pass 1 (1.5 = +150%), `count` and `days` whole numbers.
 */
export const WARNING_RULE_PARAMS = {
  layoff: { minPeople: 'count', minShare: 'share' },
  supply_demand_ratio: { threshold: 'ratio', minVacancies: 'count' },
  registrations_rising: { risePct: 'rise', minCount: 'count' },
  shortage_unresolved: { days: 'days' },
  payout_waiting: { days: 'days' },
} as const satisfies Record<WarningKind, Record<string, 'count' | 'share' | 'ratio' | 'rise' | 'days'>>;

/** Parameters a rule of the kind cannot do without (layoff: at least one of the two). */
const REQUIRED_PARAMS: Record<WarningKind, string[]> = {
  layoff: [],
  supply_demand_ratio: ['threshold'],
  registrations_rising: ['risePct'],
  shortage_unresolved: ['days'],
  payout_waiting: ['days'],
};

/**
 * Checks a rule's parameters against its kind; answers field errors (`params.<name>`) for the
 * 400, empty when valid. Shared by the server and the rule editor.
 */
export function warningParamErrors(
  kind: WarningKind,
  params: Record<string, number>,
): { path: string; code: string }[] {
  const spec: Record<string, string> = WARNING_RULE_PARAMS[kind];
  const errors: { path: string; code: string }[] = [];
  for (const [name, v] of Object.entries(params)) {
    const path = `params.${name}`;
    const type = spec[name];
    if (!type) errors.push({ path, code: 'unknown_param' });
    else if (!Number.isFinite(v)) errors.push({ path, code: 'invalid_type' });
    else if ((type === 'count' || type === 'days') && !Number.isInteger(v))
      errors.push({ path, code: 'must_be_whole' });
    else if (type === 'share' && (v <= 0 || v > 1)) errors.push({ path, code: 'share_out_of_range' });
    else if (type === 'count' ? v < 0 : v <= 0) errors.push({ path, code: 'must_be_positive' });
    else if (
      (type === 'days' && v > 3650) ||
      (type === 'rise' && v > 100) ||
      (type === 'ratio' && v > 1000) ||
      v > 1_000_000
    )
      errors.push({ path, code: 'too_big' });
  }
  for (const name of REQUIRED_PARAMS[kind]) {
    if (params[name] === undefined) errors.push({ path: `params.${name}`, code: 'required' });
  }
  if (kind === 'layoff' && params.minPeople === undefined && params.minShare === undefined)
    errors.push({ path: 'params.minPeople', code: 'required' });
  return errors;
}

const RuleParamsSchema = z.record(z.string().max(40), z.number()).meta({
  description:
    'By kind — layoff: minPeople, minShare (0–1); supply_demand_ratio: threshold, minVacancies; registrations_rising: risePct, minCount; shortage_unresolved / payout_waiting: days',
});
const ruleDate = z.iso.date().meta({ description: 'YYYY-MM-DD', example: '2027-01-01' });

export const CreateWarningRuleBodySchema = z
  .object({
    code: z.string().regex(/^[a-z0-9_]{2,64}$/),
    kind: z.enum(WARNING_KINDS),
    nameZh: z.string().trim().min(1).max(100),
    nameEn: z.string().trim().min(1).max(200),
    params: RuleParamsSchema,
    severity: z.enum(SEVERITIES),
    effectiveFrom: ruleDate,
    effectiveTo: ruleDate.nullable().optional(),
  })
  .strict();
export type CreateWarningRuleBody = z.infer<typeof CreateWarningRuleBodySchema>;

/** A change to a rule; the kind and code never change. `version` must be the rule's current one. */
export const UpdateWarningRuleBodySchema = z
  .object({
    version: z.number().int().min(1),
    nameZh: z.string().trim().min(1).max(100).optional(),
    nameEn: z.string().trim().min(1).max(200).optional(),
    params: RuleParamsSchema.optional(),
    severity: z.enum(SEVERITIES).optional(),
    effectiveFrom: ruleDate.optional(),
    effectiveTo: ruleDate.nullable().optional(),
    active: z.boolean().optional(),
  })
  .strict();
export type UpdateWarningRuleBody = z.infer<typeof UpdateWarningRuleBodySchema>;

/** Optional: `{ "version": n }` makes the disable conditional on the version seen. */
export const DisableWarningRuleBodySchema = z
  .object({ version: z.number().int().min(1).optional() })
  .strict()
  .nullish();
export const WarningAlertSchema = z.object({
  id: z.uuid(),
  ruleCode: z.string(),
  kind: z.enum(WARNING_KINDS),
  severity: z.enum(SEVERITIES),
  subjectType: z.string(),
  subjectId: z.string(),
  period: z.string(),
  districtCode: z.string().nullable(),
  titleZh: z.string(),
  titleEn: z.string(),
  detail: z.record(z.string(), z.unknown()),
  status: z.enum(ALERT_STATUSES),
  assigneeUserId: z.uuid().nullable(),
  raisedAt: z.iso.datetime({ offset: true }),
  acknowledgedAt: z.iso.datetime({ offset: true }).nullable(),
  resolvedAt: z.iso.datetime({ offset: true }).nullable(),
  resolutionNote: z.string().nullable(),
  /** The version of the rule that raised it (its parameters then; later edits do not change it). */
  ruleVersion: z.number().int(),
});
export type WarningAlert = z.infer<typeof WarningAlertSchema>;

export const ListAlertsQuerySchema = z.object({
  status: z.enum(ALERT_STATUSES).optional(),
  severity: z.enum(SEVERITIES).optional(),
  kind: z.enum(WARNING_KINDS).optional(),
  districtCode: RegionCodeSchema.optional(),
  mine: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export const AcknowledgeAlertBodySchema = z
  .object({ note: z.string().trim().max(1000).optional() })
  .strict()
  .optional();
export const ResolveAlertBodySchema = z.object({ note: z.string().trim().min(1).max(1000) }).strict();

// ——— Indicators ———

/** `area`: the city (440800) or one of its districts. */
export const StatsQuerySchema = z.object({
  period: MonthSchema,
  area: RegionCodeSchema.default('440800'),
});
export const SupplyDemandQuerySchema = StatsQuerySchema.extend({
  by: z.enum(['district', 'occupation']).default('district'),
});

export const IndicatorsSchema = z.object({
  /** Active unemployment registrations at the end of the period. */
  registeredUnemployed: z.number().int(),
  newUnemploymentRegistrations: z.number().int(),
  /** Platform hires + employment registrations not made from a platform hire. */
  newJobs: z.number().int(),
  hires: z.number().int(),
  employmentRegistrations: z.number().int(),
  /** Σ headcount of postings published in the period. */
  vacancies: z.number().int(),
  /** New unemployment registrations + résumés created in the period (current region in the area). */
  seekers: z.number().int(),
  /** 求人倍率 = vacancies / seekers; null without seekers. */
  supplyDemandRatio: z.number().nullable(),
  postingsIn: z.number().int(),
  postingsOut: z.number().int(),
  seekersIn: z.number().int(),
  seekersOut: z.number().int(),
  keyGroupPeopleServed: z.number().int(),
  keyGroupPeopleEmployed: z.number().int(),
  busTrips: z.number().int(),
  workersCarried: z.number().int(),
  policyApplications: z.number().int(),
  policyApprovals: z.number().int(),
  payoutsPaid: z.number().int(),
  payoutsPaidFen: z.number().int(),
  trainingCompleted: z.number().int(),
  monitoredLayoffs: z.number().int(),
  /** Job fairs (published or closed) starting in the period in the area. */
  jobFairsHeld: z.number().int(),
  /** Approved booths at those fairs. */
  jobFairBooths: z.number().int(),
  /** Seekers entering those fairs (online visits). */
  jobFairVisitors: z.number().int(),
  /** On-site check-ins at those fairs. */
  jobFairCheckIns: z.number().int(),
  /** Applications attributed to those fairs, and of them the interviews, offers and hires. */
  jobFairApplications: z.number().int(),
  jobFairInterviews: z.number().int(),
  jobFairOffers: z.number().int(),
  jobFairHires: z.number().int(),
});
export type Indicators = z.infer<typeof IndicatorsSchema>;

export const IndicatorReportSchema = z.object({
  period: MonthSchema,
  area: z.string(),
  indicators: IndicatorsSchema,
  previousPeriod: MonthSchema,
  previous: IndicatorsSchema,
  /** Period on period: (current − previous) / previous, null where previous is 0. */
  change: z.record(z.string(), z.number().nullable()),
});
export type IndicatorReport = z.infer<typeof IndicatorReportSchema>;

export const SupplyDemandRowSchema = z.object({
  code: z.string(),
  vacancies: z.number().int(),
  seekers: z.number().int(),
  ratio: z.number().nullable(),
});
export const SupplyDemandSchema = z.object({
  period: MonthSchema,
  area: z.string(),
  by: z.enum(['district', 'occupation']),
  rows: z.array(SupplyDemandRowSchema),
});

// ——— Open data ———

/** A published count: null with `suppressed` when fewer than 5 people (small-cell suppression). */
export const SuppressedCountSchema = z.object({
  value: z.number().int().nullable(),
  suppressed: z.boolean(),
});
export const OpenDataQuerySchema = z.object({ period: MonthSchema });
export const OpenDataRowSchema = z.object({
  districtCode: z.string(),
  newUnemploymentRegistrations: SuppressedCountSchema,
  registeredUnemployed: SuppressedCountSchema,
  hires: SuppressedCountSchema,
  vacancies: SuppressedCountSchema,
  seekers: SuppressedCountSchema,
  supplyDemandRatio: z.object({ value: z.number().nullable(), suppressed: z.boolean() }),
});
export const OpenDataSchema = z.object({
  period: MonthSchema,
  minCellSize: z.number().int(),
  licence: z.string(),
  rows: z.array(OpenDataRowSchema),
});
export type OpenData = z.infer<typeof OpenDataSchema>;

// ——— Postings feed ———

export const PostingsFeedQuerySchema = z.object({
  /** An ISO 8601 time (first call) or a `nextCursor` from the previous page. */
  since: z.string().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const FeedPostingSchema = z.object({
  id: z.uuid(),
  /** 'upsert' for a published posting; 'removed' (a tombstone) once closed, expired, paused or withdrawn. */
  op: z.enum(['upsert', 'removed']),
  status: z.string(),
  updatedAt: z.iso.datetime({ offset: true }),
  posting: z
    .object({
      title: z.string(),
      enterpriseId: z.uuid(),
      enterpriseName: z.string(),
      occupationCode: z.string(),
      districtCode: z.string(),
      headcount: z.number().int(),
      salaryMonthMinFen: z.number().int(),
      salaryMonthMaxFen: z.number().int(),
      employmentType: z.string(),
      expiresOn: z.string(),
      publishedAt: z.iso.datetime({ offset: true }).nullable(),
    })
    .nullable(),
});
export const PostingsFeedSchema = z.object({
  items: z.array(FeedPostingSchema),
  /** Pass as `since` to continue; the same cursor again when nothing is new yet. */
  nextCursor: z.string(),
});
