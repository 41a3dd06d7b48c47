import { z } from 'zod';
import { EducationLevelSchema, OccupationCodeSchema, RegionCodeSchema } from './common.js';
import type { Locale } from '../errors.js';

export const SALARY_PERIODS = ['month', 'day', 'hour'] as const;
export const EMPLOYMENT_TYPES = ['full_time', 'part_time', 'temporary', 'internship'] as const;
export const BENEFITS = [
  'board',
  'lodging',
  'transport',
  'social_insurance',
  'housing_fund',
  'paid_leave',
  'overtime_pay',
  'training',
  'bonus',
  'commercial_insurance',
  'shuttle_bus',
  'festival_gifts',
] as const;
export const POSTING_STATUSES = [
  'draft',
  'pending_review',
  'published',
  'paused',
  'closed',
  'expired',
  'rejected',
] as const;
export type PostingStatus = (typeof POSTING_STATUSES)[number];
export const FLAG_CODES = [
  'gender',
  'age',
  'ethnicity',
  'marital_status',
  'household_registration',
  'health',
] as const;
export type FlagCode = (typeof FLAG_CODES)[number];

export const DiscriminationFlagSchema = z
  .object({
    code: z.enum(FLAG_CODES),
    text: z.string().meta({ description: 'The offending words as written' }),
    field: z.enum(['title', 'description', 'skills']),
    reason: z.string().meta({ description: 'Why it may be unlawful, in the reader’s language' }),
  })
  .meta({ id: 'DiscriminationFlag' });
export type DiscriminationFlag = z.infer<typeof DiscriminationFlagSchema>;

const isoDate = z.iso.date();

const PostingFieldsSchema = z.object({
  title: z.string().trim().min(2).max(60),
  occupationCode: OccupationCodeSchema,
  description: z.string().trim().max(5000).default(''),
  districtCode: RegionCodeSchema,
  address: z.string().trim().max(200).default(''),
  headcount: z.number().int().min(1).max(10000),
  salaryMinFen: z.number().int().min(0).max(100_000_000),
  salaryMaxFen: z.number().int().min(0).max(100_000_000),
  salaryPeriod: z.enum(SALARY_PERIODS),
  employmentType: z.enum(EMPLOYMENT_TYPES),
  educationLevel: EducationLevelSchema.nullable().default(null),
  experienceYears: z.number().int().min(0).max(50).default(0),
  skills: z.array(z.string().trim().min(1).max(30)).max(20).default([]),
  benefits: z.array(z.enum(BENEFITS)).max(BENEFITS.length).default([]),
  targetRegionCodes: z.array(RegionCodeSchema).max(50).default([]),
  expiresOn: isoDate,
});

function salaryOrder(b: { salaryMinFen?: number; salaryMaxFen?: number }, ctx: z.RefinementCtx) {
  if (b.salaryMinFen !== undefined && b.salaryMaxFen !== undefined && b.salaryMaxFen < b.salaryMinFen) {
    ctx.addIssue({
      code: 'custom',
      path: ['salaryMaxFen'],
      message: 'salary_range',
      params: { code: 'salary_range' },
    });
  }
}

export const CreatePostingBodySchema = PostingFieldsSchema.extend({
  enterpriseId: z.uuid(),
  submit: z.boolean().default(true).meta({ description: 'false keeps it as a draft' }),
})
  .strict()
  .superRefine(salaryOrder);
export type CreatePostingBody = z.input<typeof CreatePostingBodySchema>;

export const UpdatePostingBodySchema = PostingFieldsSchema.partial()
  .extend({
    status: z
      .enum(['pending_review', 'paused', 'published', 'closed', 'draft'])
      .optional()
      .meta({ description: 'submit (pending_review), pause, resume (published), close, back to draft' }),
  })
  .strict()
  .superRefine(salaryOrder);

export const ReviewPostingBodySchema = z
  .object({ decision: z.enum(['approve', 'reject']), reason: z.string().trim().max(500).optional() })
  .strict()
  .superRefine((b, ctx) => {
    if (b.decision === 'reject' && !b.reason) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'required', params: { code: 'required' } });
    }
  });

export const PostingSchema = z
  .object({
    id: z.uuid(),
    enterpriseId: z.uuid(),
    enterpriseName: z.string(),
    enterpriseVerified: z.boolean(),
    title: z.string(),
    occupationCode: z.string(),
    occupationName: z.string(),
    description: z.string(),
    districtCode: z.string(),
    districtName: z.string(),
    address: z.string(),
    headcount: z.number().int(),
    hiredCount: z.number().int(),
    salaryMinFen: z.number().int(),
    salaryMaxFen: z.number().int(),
    salaryPeriod: z.enum(SALARY_PERIODS),
    employmentType: z.enum(EMPLOYMENT_TYPES),
    educationLevel: z.string().nullable(),
    experienceYears: z.number().int(),
    skills: z.array(z.string()),
    benefits: z.array(z.string()),
    targetRegionCodes: z.array(z.string()),
    expiresOn: z.string(),
    status: z.enum(POSTING_STATUSES),
    flags: z.array(DiscriminationFlagSchema),
    reviewReason: z.string().nullable(),
    publishedAt: z.iso.datetime({ offset: true }).nullable(),
    createdAt: z.iso.datetime({ offset: true }),
    updatedAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'JobPosting' });
export type Posting = z.infer<typeof PostingSchema>;

export const SEARCH_SORTS = ['relevance', 'newest', 'salary'] as const;
export const SearchPostingsQuerySchema = z
  .object({
    q: z.string().trim().max(100).optional(),
    districtCode: RegionCodeSchema.optional(),
    regionCode: RegionCodeSchema.optional().meta({
      description: 'A province or city: postings anywhere inside it',
    }),
    occupationCode: OccupationCodeSchema.optional().meta({
      description: 'A group code matches all its members',
    }),
    salaryMinFen: z.coerce
      .number()
      .int()
      .min(0)
      .max(100_000_000)
      .optional()
      .meta({ description: 'Monthly equivalent' }),
    employmentType: z.enum(EMPLOYMENT_TYPES).optional(),
    benefits: z
      .union([z.enum(BENEFITS), z.array(z.enum(BENEFITS))])
      .optional()
      .transform((v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v]))
      .meta({ description: 'Repeat or comma-free list: every benefit must be offered' }),
    postedWithin: z.coerce.number().int().min(1).max(365).optional().meta({ description: 'Days' }),
    sort: z.enum(SEARCH_SORTS).default('relevance'),
    page: z.coerce.number().int().min(1).max(1000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
export type SearchPostingsQuery = z.infer<typeof SearchPostingsQuerySchema>;

export const PostingHitSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  titleHighlighted: z
    .string()
    .meta({ description: 'Title with matched words in <mark>…</mark> (HTML-escaped otherwise)' }),
  snippet: z.string(),
  enterpriseName: z.string(),
  occupationCode: z.string(),
  occupationName: z.string(),
  districtCode: z.string(),
  districtName: z.string(),
  salaryMinFen: z.number().int(),
  salaryMaxFen: z.number().int(),
  salaryPeriod: z.enum(SALARY_PERIODS),
  employmentType: z.enum(EMPLOYMENT_TYPES),
  benefits: z.array(z.string()),
  headcount: z.number().int(),
  publishedAt: z.iso.datetime({ offset: true }).nullable(),
});
export const FacetSchema = z.object({ value: z.string(), label: z.string(), count: z.number().int() });
export const SearchResultSchema = z.object({
  items: z.array(PostingHitSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  facets: z.object({
    district: z.array(FacetSchema),
    occupationGroup: z.array(FacetSchema),
    salaryBand: z.array(FacetSchema),
  }),
  fuzzy: z.boolean().meta({ description: 'true: nothing matched exactly; these are typo-tolerant matches' }),
  terms: z.array(z.string()).meta({ description: 'The words the query was segmented into (with synonyms)' }),
});

export const SuggestQuerySchema = z.object({ q: z.string().trim().min(1).max(40) }).strict();
export const SuggestResultSchema = z.object({
  items: z.array(
    z.object({ text: z.string(), kind: z.enum(['occupation', 'title']), code: z.string().nullable() }),
  ),
});

export const ReasonSchema = z.object({ code: z.string(), label: z.string(), weight: z.number() });
export type Reason = z.infer<typeof ReasonSchema>;

/** Monthly equivalents used to compare salaries across periods (21.75 paid days, 174 hours a month). */
export function monthlyFen(amountFen: number, period: (typeof SALARY_PERIODS)[number]): number {
  switch (period) {
    case 'month':
      return amountFen;
    case 'day':
      return Math.round(amountFen * 21.75);
    case 'hour':
      return Math.round(amountFen * 174);
  }
}

export function benefitLabel(b: string, locale: Locale): string {
  const zh: Record<string, string> = {
    board: '包吃',
    lodging: '包住',
    transport: '交通补贴',
    social_insurance: '五险',
    housing_fund: '公积金',
    paid_leave: '带薪年假',
    overtime_pay: '加班费',
    training: '岗前培训',
    bonus: '奖金',
    commercial_insurance: '商业保险',
    shuttle_bus: '班车',
    festival_gifts: '节日福利',
  };
  return locale === 'zh-CN' ? (zh[b] ?? b) : b.replace(/_/g, ' ');
}
