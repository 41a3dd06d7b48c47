import { z } from 'zod';
import { EducationLevelSchema, OccupationCodeSchema, RegionCodeSchema } from './common.js';
import { FieldErrorSchema, ProblemSchema, type Locale } from '../errors.js';

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

const isoDate = z.iso.date().meta({ description: 'YYYY-MM-DD', example: '2026-12-31' });

/** At most this many days ahead (China time) a posting may run before it expires. */
export const POSTING_MAX_DAYS = 180;

/** The fields an employer writes, without defaults (so a partial update never blanks a field). */
const PostingEditableSchema = z.object({
  title: z.string().trim().min(2).max(60),
  occupationCode: OccupationCodeSchema,
  description: z.string().trim().max(5000),
  districtCode: RegionCodeSchema,
  address: z.string().trim().max(200),
  headcount: z.number().int().min(1).max(10000),
  salaryMinFen: z.number().int().min(0).max(100_000_000),
  salaryMaxFen: z.number().int().min(0).max(100_000_000),
  salaryPeriod: z.enum(SALARY_PERIODS),
  employmentType: z.enum(EMPLOYMENT_TYPES),
  educationLevel: EducationLevelSchema.nullable(),
  experienceYears: z.number().int().min(0).max(50),
  skills: z.array(z.string().trim().min(1).max(30)).max(20),
  benefits: z.array(z.enum(BENEFITS)).max(BENEFITS.length),
  targetRegionCodes: z.array(RegionCodeSchema).max(50),
  expiresOn: isoDate.meta({ description: `Last day shown, at most ${POSTING_MAX_DAYS} days ahead` }),
});
const E = PostingEditableSchema.shape;

const PostingFieldsSchema = PostingEditableSchema.extend({
  description: E.description.default(''),
  address: E.address.default(''),
  educationLevel: E.educationLevel.default(null),
  experienceYears: E.experienceYears.default(0),
  skills: E.skills.default([]),
  benefits: E.benefits.default([]),
  targetRegionCodes: E.targetRegionCodes.default([]),
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

const VersionSchema = z.number().int().min(1).max(2_000_000_000).meta({
  description: 'The version you read: if someone changed the posting since, the request is refused (409)',
});

export const CreatePostingBodySchema = PostingFieldsSchema.extend({
  enterpriseId: z.uuid(),
  submit: z.boolean().default(true).meta({ description: 'false keeps it as a draft' }),
})
  .strict()
  .superRefine(salaryOrder);
export type CreatePostingBody = z.input<typeof CreatePostingBodySchema>;

export const UpdatePostingBodySchema = PostingEditableSchema.partial()
  .extend({
    status: z
      .enum(['pending_review', 'paused', 'published', 'closed', 'draft'])
      .optional()
      .meta({ description: 'submit (pending_review), pause, resume (published), close, back to draft' }),
    version: VersionSchema.optional(),
  })
  .strict()
  .superRefine(salaryOrder);
export type UpdatePostingBody = z.input<typeof UpdatePostingBodySchema>;

export const ReviewPostingBodySchema = z
  .object({
    decision: z.enum(['approve', 'reject']),
    reason: z.string().trim().max(500).optional(),
    version: VersionSchema.optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.decision === 'reject' && !b.reason) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'required', params: { code: 'required' } });
    }
  });
export type ReviewPostingBody = z.input<typeof ReviewPostingBodySchema>;

/** A flag as stored with the posting; the reason is rendered when read, in the reader's language. */
export type StoredFlag = Omit<DiscriminationFlag, 'reason'>;

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
    flags: z.array(DiscriminationFlagSchema).meta({
      description: 'Possible discrimination found by the checker; shown to the enterprise and staff only',
    }),
    reviewReason: z
      .string()
      .nullable()
      .meta({ description: 'The reviewer’s reason (enterprise and staff only)' }),
    publishedAt: z.iso.datetime({ offset: true }).nullable(),
    createdAt: z.iso.datetime({ offset: true }),
    updatedAt: z.iso.datetime({ offset: true }),
    version: z
      .number()
      .int()
      .meta({ description: 'Send it back with PATCH or review to avoid lost updates' }),
  })
  .meta({ id: 'JobPosting' });
export type Posting = z.infer<typeof PostingSchema>;

export const CheckTextBodySchema = z
  .object({
    title: z.string().max(200).default(''),
    description: z.string().max(5000).default(''),
    skills: z.array(z.string().max(60)).max(20).default([]),
  })
  .strict();
export const CheckTextResultSchema = z.object({ flags: z.array(DiscriminationFlagSchema) });

const queryBool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const ReviewQueueQuerySchema = z
  .object({
    districtCode: RegionCodeSchema.optional().meta({ description: 'One of your districts' }),
    flagged: queryBool
      .optional()
      .meta({ description: 'true: only postings with flags; false: only without' }),
    page: z.coerce.number().int().min(1).max(100000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
export type ReviewQueueQuery = z.infer<typeof ReviewQueueQuerySchema>;

export const EnterprisePostingsQuerySchema = z
  .object({
    status: z.enum(POSTING_STATUSES).optional(),
    page: z.coerce.number().int().min(1).max(100000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
export type EnterprisePostingsQuery = z.infer<typeof EnterprisePostingsQuerySchema>;

/** Excel import: at most this many data rows per workbook, all imported or none. */
export const IMPORT_MAX_ROWS = 2000;

export const ImportRowErrorSchema = z.object({
  row: z.number().int().meta({ description: 'Row number as Excel shows it (the header is row 1)' }),
  field: z.string().meta({ description: 'The API field, e.g. salaryMaxFen' }),
  path: z.string().meta({ description: '`<row>.<field>`' }),
  code: z.string(),
  message: z.string().meta({ description: 'Column name and what is wrong, in the reader’s language' }),
});
export type ImportRowError = z.infer<typeof ImportRowErrorSchema>;
export const ImportResultSchema = z
  .object({ imported: z.number().int(), errors: z.array(ImportRowErrorSchema) })
  .meta({ id: 'ImportResult' });
export type ImportResult = z.infer<typeof ImportResultSchema>;
/** The 400 of an import: problem+json whose `errors[]` also name the row and the field. */
export const ImportProblemSchema = ProblemSchema.extend({
  imported: z.number().int().optional(),
  errors: z
    .array(FieldErrorSchema.extend({ row: z.number().int().optional(), field: z.string().optional() }))
    .optional(),
}).meta({ id: 'ImportProblem' });

export const SEARCH_SORTS = ['relevance', 'newest', 'salary'] as const;
/**
 * Search reads the newest matches up to this many: total, facets and the relevance order are
 * computed over them, and pages go no further. Exact totals, facets and rankings over the hundreds
 * of thousands of postings a common word (普工) matches would cost more than the search itself, and
 * nobody pages past a thousand ads (narrow the search instead).
 */
export const SEARCH_MAX_RESULTS = 1000;
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
    sort: z
      .enum(SEARCH_SORTS)
      .default('relevance')
      .meta({
        description: `relevance (with q: the newest ${SEARCH_MAX_RESULTS} matches, title and occupation matches first, then newest; without q: newest), newest, or salary (highest monthly maximum first)`,
      }),
    page: z.coerce
      .number()
      .int()
      .min(1)
      .max(1000)
      .default(1)
      .meta({
        description: `page × pageSize may not exceed ${SEARCH_MAX_RESULTS}: narrow the search instead`,
      }),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.page * b.pageSize > SEARCH_MAX_RESULTS) {
      ctx.addIssue({ code: 'custom', path: ['page'], message: 'too_big', params: { code: 'too_big' } });
    }
  });
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
  total: z
    .number()
    .int()
    .meta({
      description: `Matching postings, counted up to ${SEARCH_MAX_RESULTS} (the newest ones; then totalCapped is true and the real number is higher)`,
    }),
  totalCapped: z.boolean().meta({ description: `true: more than ${SEARCH_MAX_RESULTS} postings match` }),
  page: z.number().int(),
  pageSize: z.number().int(),
  facets: z
    .object({
      district: z.array(FacetSchema).meta({ description: 'Districts (GB/T 2260 code, name)' }),
      occupationGroup: z.array(FacetSchema).meta({
        description:
          'Occupation medium groups (e.g. 6-18); with an occupationCode filter, the groups one level below it',
      }),
      salaryBand: z.array(FacetSchema).meta({
        description:
          'Monthly maximum pay in yuan: lt3000, 3000-5000, 5000-8000, 8000-12000, gte12000 (lower bound included)',
      }),
    })
    .meta({
      description: `Counts over the matches counted in total (the newest ${SEARCH_MAX_RESULTS} at most)`,
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
