import { z } from 'zod';
import {
  EducationLevelSchema,
  OccupationCodeSchema,
  PageQuerySchema,
  PhoneSchema,
  RegionCodeSchema,
} from './common.js';
import { ReasonSchema, SALARY_PERIODS } from './postings.js';
import { IdNumberSchema } from '../validators/id-number.js';

/**
 * Issue 6, items 1–4: labour shortage reports (用工缺口), shared employment (共享用工), colleges
 * (graduate cohorts, students with consent, enterprise internship/order-training demand, matching,
 * agreements) and key enterprises (service officers, service log, problems with deadlines).
 *
 * Who calls what (permissions in auth.ts):
 * - employer clerks (`shortage:manage`): their enterprises' shortages, idle workforce, sharing
 *   agreements as lender or borrower, internship/order-training demand, college agreements;
 * - staff (`labour:coordinate`): the board, resolution, matches, oversight of agreements, key
 *   enterprises and service logs, all within their districts;
 * - seekers (`sharing:consent`): a listed worker consents to (or declines) being lent;
 * - college accounts (`college:manage`): their college, cohorts, students, college agreements.
 * Records of another enterprise or college answer 404. Money is integer fen; dates are China dates.
 */

const isoDate = z.iso.date().meta({ description: 'YYYY-MM-DD (China time)', example: '2027-03-01' });
const isoDateTime = z.iso.datetime({ offset: true });
const queryBool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

function issue(ctx: z.RefinementCtx, path: (string | number)[], code: string): void {
  ctx.addIssue({ code: 'custom', path, message: code, params: { code } });
}

/** A party as other parties see it: no personal data. */
export const PartyEnterpriseSchema = z
  .object({ enterpriseId: z.uuid(), name: z.string(), districtCode: z.string() })
  .meta({ id: 'PartyEnterprise' });
export type PartyEnterprise = z.infer<typeof PartyEnterpriseSchema>;

/** A worker or student as these programmes show them: masked identifiers only. */
export const LabourPersonSchema = z
  .object({
    personId: z.uuid(),
    fullName: z.string(),
    phoneMasked: z.string(),
    idNumberMasked: z.string().nullable(),
    hasAccount: z.boolean().meta({ description: 'The person has a seeker account (can consent in the app)' }),
  })
  .meta({ id: 'LabourPerson' });
export type LabourPerson = z.infer<typeof LabourPersonSchema>;

/** Someone named by an enterprise or a college: found or created in the person registry. */
export const LabourPersonInputSchema = z
  .object({
    fullName: z.string().trim().min(1).max(60),
    phone: PhoneSchema.meta({
      description:
        'When a seeker account uses this number, the worker is that account’s person and consents in the app',
    }),
    idNumber: IdNumberSchema.optional(),
  })
  .strict();
export type LabourPersonInput = z.infer<typeof LabourPersonInputSchema>;

// ——— 1. Shortage reports (用工缺口) ———

export const SHORTAGE_STATUSES = ['open', 'in_progress', 'resolved', 'cancelled'] as const;
export type ShortageStatus = (typeof SHORTAGE_STATUSES)[number];
export const SHORTAGE_URGENCIES = ['low', 'normal', 'high', 'critical'] as const;
export type ShortageUrgency = (typeof SHORTAGE_URGENCIES)[number];
/** Why workers are short (the bureau's 2020 categories; `other` with a note). */
export const SHORTAGE_CAUSES = [
  'workers_not_returned',
  'new_orders',
  'expansion',
  'turnover',
  'seasonal',
  'other',
] as const;
export type ShortageCause = (typeof SHORTAGE_CAUSES)[number];
/** How a shortage was resolved: the outcome the bureau measures. */
export const RESOLUTION_METHODS = [
  'referral',
  'college',
  'cross_regional',
  'shared_employment',
  'other',
] as const;
export type ResolutionMethod = (typeof RESOLUTION_METHODS)[number];

export const ShortagePostingSchema = z
  .object({ id: z.uuid(), title: z.string(), status: z.string(), headcount: z.number().int() })
  .meta({ id: 'ShortagePosting' });

export const ShortageSchema = z
  .object({
    id: z.uuid(),
    enterpriseId: z.uuid(),
    enterpriseName: z.string(),
    title: z
      .string()
      .nullable()
      .meta({ description: 'The role as the enterprise calls it, e.g. 装配线操作工' }),
    occupationCode: z.string(),
    headcount: z.number().int(),
    headcountFilled: z.number().int().meta({ description: '≤ headcount (database CHECK)' }),
    headcountOpen: z.number().int().meta({ description: 'headcount − headcountFilled' }),
    deadline: isoDate.meta({ description: 'The workers are needed by this day' }),
    neededUntil: isoDate.nullable().meta({ description: 'End of a temporary need; null = open-ended' }),
    districtCode: z.string(),
    wageMinFen: z.number().int(),
    wageMaxFen: z.number().int(),
    wagePeriod: z.enum(SALARY_PERIODS),
    urgency: z.enum(SHORTAGE_URGENCIES),
    cause: z.enum(SHORTAGE_CAUSES),
    causeNote: z.string().nullable(),
    status: z.enum(SHORTAGE_STATUSES),
    resolutionMethod: z.enum(RESOLUTION_METHODS).nullable(),
    resolutionNote: z.string().nullable(),
    resolvedAt: isoDateTime.nullable(),
    postings: z.array(ShortagePostingSchema).meta({ description: 'Linked job postings of the enterprise' }),
    overdue: z.boolean().meta({ description: 'Past the deadline and not resolved or cancelled' }),
    daysUnresolved: z
      .number()
      .int()
      .meta({ description: 'Days from the report to resolution (or to today while unresolved)' }),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .meta({ id: 'Shortage' });
export type Shortage = z.infer<typeof ShortageSchema>;

const wageFields = {
  wageMinFen: z.number().int().min(0).max(100_000_000),
  wageMaxFen: z.number().int().min(0).max(100_000_000),
  wagePeriod: z.enum(SALARY_PERIODS).default('month'),
};

export const CreateShortageBodySchema = z
  .object({
    enterpriseId: z.uuid(),
    title: z.string().trim().min(1).max(60).optional(),
    occupationCode: OccupationCodeSchema,
    headcount: z.number().int().min(1).max(10_000),
    deadline: isoDate.meta({ description: 'Today or later' }),
    neededUntil: isoDate.optional(),
    districtCode: RegionCodeSchema.optional().meta({
      description: 'Where the workers are needed (a district of Zhanjiang); default the enterprise’s',
    }),
    ...wageFields,
    urgency: z.enum(SHORTAGE_URGENCIES).default('normal'),
    cause: z.enum(SHORTAGE_CAUSES),
    causeNote: z.string().trim().max(500).optional(),
    postingIds: z
      .array(z.uuid())
      .max(20)
      .default([])
      .meta({ description: 'Postings of the same enterprise for this shortage' }),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.wageMaxFen < b.wageMinFen) issue(ctx, ['wageMaxFen'], 'salary_range');
    if (b.neededUntil !== undefined && b.neededUntil < b.deadline) issue(ctx, ['neededUntil'], 'date_order');
  });
export type CreateShortageBody = z.input<typeof CreateShortageBodySchema>;

/**
 * Edit a shortage and move its status. Clerks edit details and cancel while it is unresolved;
 * staff of its district also move it to in_progress and resolve it (with the method and the
 * headcount filled). `headcountFilled` ≤ headcount.
 */
export const UpdateShortageBodySchema = z
  .object({
    title: z.string().trim().min(1).max(60).optional(),
    headcount: z.number().int().min(1).max(10_000).optional(),
    deadline: isoDate.optional(),
    neededUntil: isoDate.nullable().optional(),
    wageMinFen: wageFields.wageMinFen.optional(),
    wageMaxFen: wageFields.wageMaxFen.optional(),
    wagePeriod: z.enum(SALARY_PERIODS).optional(),
    urgency: z.enum(SHORTAGE_URGENCIES).optional(),
    cause: z.enum(SHORTAGE_CAUSES).optional(),
    causeNote: z.string().trim().max(500).nullable().optional(),
    postingIds: z.array(z.uuid()).max(20).optional().meta({ description: 'Replaces the linked postings' }),
    status: z.enum(['in_progress', 'resolved', 'cancelled']).optional(),
    resolutionMethod: z.enum(RESOLUTION_METHODS).optional().meta({ description: 'Required to resolve' }),
    resolutionNote: z.string().trim().max(1000).optional(),
    headcountFilled: z.number().int().min(0).max(10_000).optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (Object.keys(b).length === 0) issue(ctx, [], 'required');
    if (b.status === 'resolved' && b.resolutionMethod === undefined)
      issue(ctx, ['resolutionMethod'], 'required');
    if (b.wageMinFen !== undefined && b.wageMaxFen !== undefined && b.wageMaxFen < b.wageMinFen)
      issue(ctx, ['wageMaxFen'], 'salary_range');
  });
export type UpdateShortageBody = z.infer<typeof UpdateShortageBodySchema>;

export const ListShortagesQuerySchema = PageQuerySchema.extend({
  status: z.enum(SHORTAGE_STATUSES).optional(),
  active: queryBool.optional().meta({ description: 'true: open and in_progress only' }),
  urgency: z.enum(SHORTAGE_URGENCIES).optional(),
  districtCode: RegionCodeSchema.optional(),
  occupationCode: OccupationCodeSchema.optional().meta({
    description: 'An occupation or a group code: the group’s occupations match too',
  }),
  enterpriseId: z.uuid().optional(),
  overdue: queryBool.optional(),
}).strict();
export type ListShortagesQuery = z.infer<typeof ListShortagesQuerySchema>;

const BoardCountsSchema = {
  shortages: z.number().int(),
  headcount: z.number().int(),
  headcountOpen: z.number().int(),
  overdue: z.number().int(),
};

/** Unresolved shortages (open and in_progress) in the caller's districts, aggregated. */
export const ShortageBoardSchema = z
  .object({
    asOf: isoDateTime,
    districtCodes: z.array(z.string()).meta({ description: 'The districts counted' }),
    totals: z.object(BoardCountsSchema),
    byDistrict: z.array(z.object({ districtCode: z.string(), ...BoardCountsSchema })),
    byOccupation: z.array(z.object({ occupationCode: z.string(), ...BoardCountsSchema })),
    byUrgency: z.array(z.object({ urgency: z.enum(SHORTAGE_URGENCIES), ...BoardCountsSchema })),
    cells: z
      .array(
        z.object({
          districtCode: z.string(),
          occupationCode: z.string(),
          urgency: z.enum(SHORTAGE_URGENCIES),
          ...BoardCountsSchema,
        }),
      )
      .meta({ description: 'District × occupation × urgency' }),
    resolved: z
      .array(
        z.object({
          method: z.enum(RESOLUTION_METHODS),
          shortages: z.number().int(),
          headcountFilled: z.number().int(),
          avgDaysToResolve: z.number(),
        }),
      )
      .meta({ description: 'Outcomes: resolved shortages by method (all time, same filters)' }),
  })
  .meta({ id: 'ShortageBoard' });
export type ShortageBoard = z.infer<typeof ShortageBoardSchema>;

export const ShortageBoardQuerySchema = z
  .object({
    districtCode: RegionCodeSchema.optional().meta({ description: 'One of the caller’s districts' }),
    occupationCode: OccupationCodeSchema.optional(),
    urgency: z.enum(SHORTAGE_URGENCIES).optional(),
  })
  .strict();
export type ShortageBoardQuery = z.infer<typeof ShortageBoardQuerySchema>;

// ——— 2. Shared employment (共享用工) ———

export const IDLE_WORKFORCE_STATUSES = ['open', 'withdrawn'] as const;
export type IdleWorkforceStatus = (typeof IDLE_WORKFORCE_STATUSES)[number];

export const IdleWorkforceSchema = z
  .object({
    id: z.uuid(),
    enterpriseId: z.uuid(),
    enterpriseName: z.string(),
    districtCode: z.string(),
    workerCount: z.number().int(),
    reservedCount: z
      .number()
      .int()
      .meta({ description: 'Workers in pending or active agreements (≤ workerCount, database CHECK)' }),
    availableCount: z.number().int().meta({ description: 'workerCount − reservedCount' }),
    occupationCodes: z.array(z.string()),
    skills: z.array(z.string()),
    availableFrom: isoDate,
    availableUntil: isoDate,
    note: z.string().nullable(),
    status: z.enum(IDLE_WORKFORCE_STATUSES),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .meta({ id: 'IdleWorkforce' });
export type IdleWorkforce = z.infer<typeof IdleWorkforceSchema>;

export const CreateIdleWorkforceBodySchema = z
  .object({
    enterpriseId: z.uuid(),
    workerCount: z.number().int().min(1).max(10_000),
    occupationCodes: z.array(OccupationCodeSchema).min(1).max(10),
    skills: z.array(z.string().trim().min(1).max(30)).max(20).default([]),
    availableFrom: isoDate,
    availableUntil: isoDate,
    districtCode: RegionCodeSchema.optional().meta({ description: 'Default the enterprise’s district' }),
    note: z.string().trim().max(1000).optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.availableUntil < b.availableFrom) issue(ctx, ['availableUntil'], 'date_order');
  });
export type CreateIdleWorkforceBody = z.input<typeof CreateIdleWorkforceBodySchema>;

export const UpdateIdleWorkforceBodySchema = z
  .object({
    workerCount: z
      .number()
      .int()
      .min(1)
      .max(10_000)
      .optional()
      .meta({ description: 'Not below the workers already reserved' }),
    occupationCodes: z.array(OccupationCodeSchema).min(1).max(10).optional(),
    skills: z.array(z.string().trim().min(1).max(30)).max(20).optional(),
    availableFrom: isoDate.optional(),
    availableUntil: isoDate.optional(),
    note: z.string().trim().max(1000).nullable().optional(),
    status: z.enum(IDLE_WORKFORCE_STATUSES).optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (Object.keys(b).length === 0) issue(ctx, [], 'required');
  });
export type UpdateIdleWorkforceBody = z.infer<typeof UpdateIdleWorkforceBodySchema>;

export const ListIdleWorkforceQuerySchema = PageQuerySchema.extend({
  enterpriseId: z.uuid().optional(),
  districtCode: RegionCodeSchema.optional(),
  occupationCode: OccupationCodeSchema.optional(),
  status: z.enum(IDLE_WORKFORCE_STATUSES).optional(),
  availableOn: isoDate.optional().meta({ description: 'Available on this day' }),
}).strict();
export type ListIdleWorkforceQuery = z.infer<typeof ListIdleWorkforceQuerySchema>;

/** A shared-employment proposal for a shortage: an idle declaration with its score and reasons. */
export const SharingMatchSchema = z
  .object({
    idleWorkforceId: z.uuid(),
    lender: PartyEnterpriseSchema,
    occupationCodes: z.array(z.string()),
    skills: z.array(z.string()),
    availableCount: z.number().int(),
    availableFrom: isoDate,
    availableUntil: isoDate,
    distanceKm: z.number().int().nullable().meta({ description: 'Road distance between the districts' }),
    overlapDays: z.number().int(),
    score: z.number().int().meta({ description: '0–100' }),
    reasons: z.array(ReasonSchema).meta({ description: 'Every point explained, in the caller’s language' }),
    suggested: z
      .object({ workerCount: z.number().int(), startsOn: isoDate, endsOn: isoDate })
      .meta({ description: 'Prefill for the agreement: the overlap and min(open headcount, available)' }),
  })
  .meta({ id: 'SharingMatch' });
export type SharingMatch = z.infer<typeof SharingMatchSchema>;

export const SharingMatchesSchema = z
  .object({ shortageId: z.uuid(), items: z.array(SharingMatchSchema) })
  .meta({ id: 'SharingMatches' });
export type SharingMatches = z.infer<typeof SharingMatchesSchema>;

export const LabourMatchesQuerySchema = z
  .object({ limit: z.coerce.number().int().min(1).max(50).default(10) })
  .strict();

export const SHARING_AGREEMENT_STATUSES = ['pending', 'active', 'ended', 'returned', 'cancelled'] as const;
export type SharingAgreementStatus = (typeof SHARING_AGREEMENT_STATUSES)[number];
export const SHARING_PARTIES = ['lender', 'borrower'] as const;
export type SharingParty = (typeof SHARING_PARTIES)[number];
export const WORKER_CONSENT_STATES = ['pending', 'consented', 'declined'] as const;
export type WorkerConsentState = (typeof WORKER_CONSENT_STATES)[number];
/** `app`: the worker answered on their phone; `paper`: the lender recorded a signed paper form. */
export const CONSENT_METHODS = ['app', 'paper'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];

export const SharingWorkerSchema = LabourPersonSchema.extend({
  consent: z.enum(WORKER_CONSENT_STATES),
  consentMethod: z.enum(CONSENT_METHODS).nullable(),
  consentAt: isoDateTime.nullable(),
  consentFileId: z.uuid().nullable().meta({ description: 'The signed paper form (paper consents)' }),
}).meta({ id: 'SharingWorker' });
export type SharingWorker = z.infer<typeof SharingWorkerSchema>;

export const SharingAgreementSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(SHARING_AGREEMENT_STATUSES),
    shortageId: z.uuid(),
    idleWorkforceId: z.uuid(),
    lender: PartyEnterpriseSchema,
    borrower: PartyEnterpriseSchema,
    occupationCode: z.string().meta({ description: 'The shortage’s occupation' }),
    workerCount: z.number().int(),
    listedCount: z.number().int(),
    consentedCount: z.number().int(),
    startsOn: isoDate,
    endsOn: isoDate,
    wageFen: z.number().int().meta({ description: 'Wage per worker per wagePeriod, fen' }),
    wagePeriod: z.enum(SALARY_PERIODS),
    wagePayer: z.enum(SHARING_PARTIES).meta({ description: 'Who pays the wages' }),
    injuryInsuranceCarrier: z
      .enum(SHARING_PARTIES)
      .meta({ description: 'Who carries work-injury insurance' }),
    terms: z.string().nullable(),
    lenderSignedAt: isoDateTime.nullable(),
    borrowerSignedAt: isoDateTime.nullable(),
    activatedAt: isoDateTime.nullable().meta({
      description: 'Both enterprises signed and every listed worker consented',
    }),
    startedOn: isoDate.nullable().meta({ description: 'Workers started at the borrower' }),
    endedOn: isoDate.nullable(),
    returnedOn: isoDate.nullable().meta({ description: 'Workers back at the lender' }),
    cancelReason: z.string().nullable(),
    workers: z.array(SharingWorkerSchema).meta({
      description: 'Parties and staff see every listed worker; a worker sees only their own entry',
    }),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .meta({ id: 'SharingAgreement' });
export type SharingAgreement = z.infer<typeof SharingAgreementSchema>;

/** A worker to list: the person's details (found or created in the registry). */
export const SharingWorkerInputSchema = LabourPersonInputSchema;

export const CreateSharingAgreementBodySchema = z
  .object({
    shortageId: z.uuid().meta({ description: 'The borrower’s shortage' }),
    idleWorkforceId: z.uuid().meta({ description: 'The lender’s idle declaration' }),
    workerCount: z.number().int().min(1).max(10_000).meta({
      description: '≤ the idle declaration’s available workers (409 idle_workers_exhausted)',
    }),
    startsOn: isoDate,
    endsOn: isoDate,
    wageFen: z.number().int().min(0).max(100_000_000),
    wagePeriod: z.enum(SALARY_PERIODS).default('month'),
    wagePayer: z.enum(SHARING_PARTIES),
    injuryInsuranceCarrier: z.enum(SHARING_PARTIES),
    terms: z.string().trim().max(4000).optional(),
    workers: z
      .array(SharingWorkerInputSchema)
      .max(10_000)
      .default([])
      .meta({ description: 'Listed now (lender or staff) or later with addSharingWorkers' }),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.endsOn < b.startsOn) issue(ctx, ['endsOn'], 'date_order');
    if (b.workers.length > b.workerCount) issue(ctx, ['workers'], 'too_many_workers');
  });
export type CreateSharingAgreementBody = z.input<typeof CreateSharingAgreementBodySchema>;

export const AddSharingWorkersBodySchema = z
  .object({ workers: z.array(SharingWorkerInputSchema).min(1).max(10_000) })
  .strict();
export type AddSharingWorkersBody = z.infer<typeof AddSharingWorkersBodySchema>;

export const SignSharingAgreementBodySchema = z
  .object({ party: z.enum(SHARING_PARTIES).meta({ description: 'The side the caller signs for' }) })
  .strict();

/** A listed worker's own answer, in the app. */
export const SharingConsentBodySchema = z.object({ decision: z.enum(['consent', 'decline']) }).strict();

/**
 * The lender records signed paper consents of workers without an account (one scanned form may
 * carry several signatures). Workers with an account answer in the app.
 */
export const PaperConsentsBodySchema = z
  .object({
    personIds: z.array(z.uuid()).min(1).max(10_000),
    fileId: z.uuid().meta({ description: 'From uploadConsentFile' }),
    signedOn: isoDate,
  })
  .strict();
export type PaperConsentsBody = z.infer<typeof PaperConsentsBodySchema>;

export const SharingMilestoneBodySchema = z
  .object({
    on: isoDate.meta({ description: 'The day it happened (not in the future)' }),
    note: z.string().trim().max(1000).optional(),
  })
  .strict();
export type SharingMilestoneBody = z.infer<typeof SharingMilestoneBodySchema>;

export const CancelAgreementBodySchema = z.object({ reason: z.string().trim().min(1).max(500) }).strict();

export const ListSharingAgreementsQuerySchema = PageQuerySchema.extend({
  status: z.enum(SHARING_AGREEMENT_STATUSES).optional(),
  enterpriseId: z.uuid().optional().meta({ description: 'As lender or borrower' }),
  role: z.enum(SHARING_PARTIES).optional().meta({ description: 'With enterpriseId: only as this party' }),
  shortageId: z.uuid().optional(),
  idleWorkforceId: z.uuid().optional(),
  districtCode: RegionCodeSchema.optional(),
}).strict();
export type ListSharingAgreementsQuery = z.infer<typeof ListSharingAgreementsQuerySchema>;

export const ListMySharingAgreementsQuerySchema = PageQuerySchema.extend({
  status: z.enum(SHARING_AGREEMENT_STATUSES).optional(),
}).strict();

export const SharingWorkerParamsSchema = z.object({ id: z.uuid(), personId: z.uuid() });

export const UploadedConsentFileSchema = z
  .object({
    fileId: z.uuid(),
    mediaType: z.string(),
    sizeBytes: z.number().int(),
    originalName: z.string().nullable(),
  })
  .meta({ id: 'UploadedConsentFile' });

// ——— 3. Colleges ———

export const CollegeSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    districtCode: z.string(),
    contactName: z.string().nullable(),
    contactPhoneMasked: z.string().nullable(),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .meta({ id: 'College' });
export type College = z.infer<typeof CollegeSchema>;

export const PutMyCollegeBodySchema = z
  .object({
    name: z.string().trim().min(2).max(100),
    districtCode: RegionCodeSchema,
    contactName: z.string().trim().min(1).max(60).optional(),
    contactPhone: PhoneSchema.optional(),
  })
  .strict();
export type PutMyCollegeBody = z.infer<typeof PutMyCollegeBodySchema>;

export const COHORT_STATUSES = ['published', 'closed'] as const;
export type CohortStatus = (typeof COHORT_STATUSES)[number];

export const CohortSchema = z
  .object({
    id: z.uuid(),
    collegeId: z.uuid(),
    collegeName: z.string(),
    major: z.string(),
    occupationCodes: z.array(z.string()),
    studentCount: z.number().int(),
    reservedCount: z.number().int().meta({ description: 'Students in pending or signed agreements' }),
    availableCount: z.number().int(),
    listedStudents: z.number().int().meta({ description: 'Students on file (with recorded consent)' }),
    graduationDate: isoDate,
    districtCode: z.string(),
    educationLevel: z.string().nullable(),
    description: z.string().nullable(),
    status: z.enum(COHORT_STATUSES),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .meta({ id: 'Cohort' });
export type Cohort = z.infer<typeof CohortSchema>;

export const CreateCohortBodySchema = z
  .object({
    major: z.string().trim().min(1).max(60).meta({ example: '焊接技术应用' }),
    occupationCodes: z.array(OccupationCodeSchema).min(1).max(10),
    studentCount: z.number().int().min(1).max(5000),
    graduationDate: isoDate,
    districtCode: RegionCodeSchema.optional().meta({ description: 'Default the college’s district' }),
    educationLevel: EducationLevelSchema.optional(),
    description: z.string().trim().max(2000).optional(),
  })
  .strict();
export type CreateCohortBody = z.infer<typeof CreateCohortBodySchema>;

export const UpdateCohortBodySchema = z
  .object({
    major: z.string().trim().min(1).max(60).optional(),
    occupationCodes: z.array(OccupationCodeSchema).min(1).max(10).optional(),
    studentCount: z.number().int().min(1).max(5000).optional(),
    graduationDate: isoDate.optional(),
    description: z.string().trim().max(2000).nullable().optional(),
    status: z.enum(COHORT_STATUSES).optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (Object.keys(b).length === 0) issue(ctx, [], 'required');
  });
export type UpdateCohortBody = z.infer<typeof UpdateCohortBodySchema>;

export const ListCohortsQuerySchema = PageQuerySchema.extend({
  status: z.enum(COHORT_STATUSES).optional(),
  occupationCode: OccupationCodeSchema.optional(),
  districtCode: RegionCodeSchema.optional(),
  collegeId: z.uuid().optional(),
  graduatingFrom: isoDate.optional(),
  graduatingTo: isoDate.optional(),
}).strict();
export type ListCohortsQuery = z.infer<typeof ListCohortsQuerySchema>;

export const CohortStudentSchema = LabourPersonSchema.extend({
  id: z.uuid(),
  shareWithEnterprises: z.boolean(),
  consentSignedOn: isoDate,
  consentFileId: z.uuid().nullable(),
  createdAt: isoDateTime,
}).meta({ id: 'CohortStudent' });
export type CohortStudent = z.infer<typeof CohortStudentSchema>;

/** A page of students; enterprises see only those they may (the rest only as `hiddenCount`). */
export const CohortStudentsPageSchema = z
  .object({
    items: z.array(CohortStudentSchema),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    hiddenCount: z.number().int().meta({ description: 'Students the caller sees only as a count' }),
  })
  .meta({ id: 'CohortStudentsPage' });

export const AddCohortStudentsBodySchema = z
  .object({
    students: z
      .array(
        LabourPersonInputSchema.extend({
          consentSignedOn: isoDate.meta({
            description:
              'The day the student signed the consent to be on file (required: no consent, no record)',
          }),
          consentFileId: z
            .uuid()
            .optional()
            .meta({ description: 'The scanned consent form (uploadConsentFile)' }),
          shareWithEnterprises: z.boolean().default(false).meta({
            description:
              'The student also agreed that matched enterprises see their name before an agreement',
          }),
        }).strict(),
      )
      .min(1)
      .max(500),
  })
  .strict();
export type AddCohortStudentsBody = z.input<typeof AddCohortStudentsBodySchema>;

export const AddCohortStudentsResultSchema = z
  .object({ added: z.number().int(), listedStudents: z.number().int() })
  .meta({ id: 'AddCohortStudentsResult' });

export const DEMAND_KINDS = ['internship', 'order_training'] as const;
export type DemandKind = (typeof DEMAND_KINDS)[number];
export const DEMAND_STATUSES = ['open', 'closed'] as const;
export type DemandStatus = (typeof DEMAND_STATUSES)[number];

export const EnterpriseDemandSchema = z
  .object({
    id: z.uuid(),
    enterpriseId: z.uuid(),
    enterpriseName: z.string(),
    districtCode: z.string(),
    kind: z.enum(DEMAND_KINDS),
    occupationCodes: z.array(z.string()),
    count: z.number().int(),
    reservedCount: z.number().int(),
    startsOn: isoDate,
    endsOn: isoDate,
    description: z.string().nullable(),
    status: z.enum(DEMAND_STATUSES),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .meta({ id: 'EnterpriseDemand' });
export type EnterpriseDemand = z.infer<typeof EnterpriseDemandSchema>;

export const CreateEnterpriseDemandBodySchema = z
  .object({
    enterpriseId: z.uuid(),
    kind: z.enum(DEMAND_KINDS),
    occupationCodes: z.array(OccupationCodeSchema).min(1).max(10),
    count: z.number().int().min(1).max(5000),
    startsOn: isoDate,
    endsOn: isoDate,
    districtCode: RegionCodeSchema.optional(),
    description: z.string().trim().max(2000).optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.endsOn < b.startsOn) issue(ctx, ['endsOn'], 'date_order');
  });
export type CreateEnterpriseDemandBody = z.infer<typeof CreateEnterpriseDemandBodySchema>;

export const UpdateEnterpriseDemandBodySchema = z
  .object({
    count: z.number().int().min(1).max(5000).optional(),
    endsOn: isoDate.optional(),
    description: z.string().trim().max(2000).nullable().optional(),
    status: z.enum(DEMAND_STATUSES).optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (Object.keys(b).length === 0) issue(ctx, [], 'required');
  });
export type UpdateEnterpriseDemandBody = z.infer<typeof UpdateEnterpriseDemandBodySchema>;

export const ListEnterpriseDemandsQuerySchema = PageQuerySchema.extend({
  enterpriseId: z.uuid().optional(),
  kind: z.enum(DEMAND_KINDS).optional(),
  status: z.enum(DEMAND_STATUSES).optional(),
  occupationCode: OccupationCodeSchema.optional(),
  districtCode: RegionCodeSchema.optional(),
}).strict();
export type ListEnterpriseDemandsQuery = z.infer<typeof ListEnterpriseDemandsQuerySchema>;

export const CohortMatchSchema = z
  .object({ demand: EnterpriseDemandSchema, score: z.number().int(), reasons: z.array(ReasonSchema) })
  .meta({ id: 'CohortMatch' });
export const CohortMatchesSchema = z
  .object({ cohortId: z.uuid(), items: z.array(CohortMatchSchema) })
  .meta({ id: 'CohortMatches' });
export type CohortMatches = z.infer<typeof CohortMatchesSchema>;

export const DemandMatchSchema = z
  .object({ cohort: CohortSchema, score: z.number().int(), reasons: z.array(ReasonSchema) })
  .meta({ id: 'DemandMatch' });
export const DemandMatchesSchema = z
  .object({ demandId: z.uuid(), items: z.array(DemandMatchSchema) })
  .meta({ id: 'DemandMatches' });
export type DemandMatches = z.infer<typeof DemandMatchesSchema>;

export const COLLEGE_AGREEMENT_STATUSES = ['pending', 'signed', 'completed', 'cancelled'] as const;
export type CollegeAgreementStatus = (typeof COLLEGE_AGREEMENT_STATUSES)[number];
export const COLLEGE_PARTIES = ['college', 'enterprise'] as const;
export type CollegeParty = (typeof COLLEGE_PARTIES)[number];

export const CollegeAgreementSchema = z
  .object({
    id: z.uuid(),
    cohortId: z.uuid(),
    cohortMajor: z.string(),
    collegeId: z.uuid(),
    collegeName: z.string(),
    demandId: z.uuid(),
    enterprise: PartyEnterpriseSchema,
    kind: z.enum(DEMAND_KINDS),
    studentCount: z.number().int(),
    startsOn: isoDate,
    endsOn: isoDate,
    terms: z.string().nullable(),
    status: z.enum(COLLEGE_AGREEMENT_STATUSES),
    collegeSignedAt: isoDateTime.nullable(),
    enterpriseSignedAt: isoDateTime.nullable(),
    signedAt: isoDateTime.nullable().meta({ description: 'When the second side signed' }),
    completedAt: isoDateTime.nullable(),
    hiredCount: z
      .number()
      .int()
      .nullable()
      .meta({ description: 'Students the enterprise hired (at completion)' }),
    outcomeNote: z.string().nullable(),
    cancelReason: z.string().nullable(),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .meta({ id: 'CollegeAgreement' });
export type CollegeAgreement = z.infer<typeof CollegeAgreementSchema>;

export const CreateCollegeAgreementBodySchema = z
  .object({
    cohortId: z.uuid(),
    demandId: z.uuid(),
    studentCount: z.number().int().min(1).max(5000).meta({
      description: '≤ the cohort’s and the demand’s places left (409 cohort_exhausted / demand_filled)',
    }),
    startsOn: isoDate.optional().meta({ description: 'Default the demand’s' }),
    endsOn: isoDate.optional(),
    terms: z.string().trim().max(4000).optional(),
  })
  .strict();
export type CreateCollegeAgreementBody = z.infer<typeof CreateCollegeAgreementBodySchema>;

export const SignCollegeAgreementBodySchema = z.object({ party: z.enum(COLLEGE_PARTIES) }).strict();

export const UpdateCollegeAgreementBodySchema = z
  .object({
    status: z.enum(['completed', 'cancelled']),
    hiredCount: z.number().int().min(0).max(5000).optional(),
    note: z.string().trim().max(1000).optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.status === 'cancelled' && !b.note) issue(ctx, ['note'], 'required');
  });
export type UpdateCollegeAgreementBody = z.infer<typeof UpdateCollegeAgreementBodySchema>;

export const ListCollegeAgreementsQuerySchema = PageQuerySchema.extend({
  status: z.enum(COLLEGE_AGREEMENT_STATUSES).optional(),
  cohortId: z.uuid().optional(),
  enterpriseId: z.uuid().optional(),
  demandId: z.uuid().optional(),
}).strict();
export type ListCollegeAgreementsQuery = z.infer<typeof ListCollegeAgreementsQuerySchema>;

// ——— 4. Key enterprises (重点企业) ———

export const ServiceOfficerSchema = z
  .object({ userId: z.uuid(), displayName: z.string() })
  .meta({ id: 'ServiceOfficer' });

export const KeyEnterpriseSchema = z
  .object({
    enterpriseId: z.uuid(),
    enterpriseName: z.string(),
    districtCode: z.string(),
    reason: z.string(),
    officer: ServiceOfficerSchema.nullable(),
    markedAt: isoDateTime,
    openProblems: z.number().int(),
    overdueProblems: z.number().int(),
    lastServiceOn: isoDate.nullable(),
    updatedAt: isoDateTime,
  })
  .meta({ id: 'KeyEnterprise' });
export type KeyEnterprise = z.infer<typeof KeyEnterpriseSchema>;

export const KeyEnterpriseParamsSchema = z.object({ enterpriseId: z.uuid() });

export const PutKeyEnterpriseBodySchema = z
  .object({
    reason: z.string().trim().min(1).max(500).meta({ example: '重点项目用工，复工复产保障企业' }),
    officerUserId: z.uuid().meta({ description: 'A staff account covering the enterprise’s district' }),
  })
  .strict();
export type PutKeyEnterpriseBody = z.infer<typeof PutKeyEnterpriseBodySchema>;

export const ListKeyEnterprisesQuerySchema = PageQuerySchema.extend({
  districtCode: RegionCodeSchema.optional(),
  officerUserId: z.uuid().optional(),
  mine: queryBool.optional().meta({ description: 'Only those I am the service officer of' }),
  withOverdue: queryBool.optional(),
}).strict();
export type ListKeyEnterprisesQuery = z.infer<typeof ListKeyEnterprisesQuerySchema>;

export const SERVICE_CONTACT_KINDS = ['visit', 'phone', 'online', 'meeting'] as const;
export type ServiceContactKind = (typeof SERVICE_CONTACT_KINDS)[number];
export const PROBLEM_CATEGORIES = [
  'labour_shortage',
  'recruitment',
  'policy',
  'social_insurance',
  'training',
  'transport',
  'financing',
  'epidemic_prevention',
  'other',
] as const;
export type ProblemCategory = (typeof PROBLEM_CATEGORIES)[number];
export const PROBLEM_STATUSES = ['open', 'resolved'] as const;
export type ProblemStatus = (typeof PROBLEM_STATUSES)[number];

export const ServiceProblemSchema = z
  .object({
    id: z.uuid(),
    enterpriseId: z.uuid(),
    enterpriseName: z.string(),
    serviceLogId: z.uuid(),
    category: z.enum(PROBLEM_CATEGORIES),
    description: z.string(),
    deadline: isoDate,
    status: z.enum(PROBLEM_STATUSES),
    overdue: z.boolean().meta({ description: 'Open past its deadline' }),
    resolutionNote: z.string().nullable(),
    resolvedAt: isoDateTime.nullable(),
    officer: ServiceOfficerSchema.nullable().meta({ description: 'The enterprise’s service officer' }),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .meta({ id: 'ServiceProblem' });
export type ServiceProblem = z.infer<typeof ServiceProblemSchema>;

export const ServiceLogSchema = z
  .object({
    id: z.uuid(),
    enterpriseId: z.uuid(),
    officer: ServiceOfficerSchema,
    servedOn: isoDate,
    kind: z.enum(SERVICE_CONTACT_KINDS),
    notes: z.string().meta({ description: 'Shared with the enterprise' }),
    internalNote: z.string().nullable().meta({ description: 'Staff only: always null for the enterprise' }),
    problems: z.array(ServiceProblemSchema),
    createdAt: isoDateTime,
  })
  .meta({ id: 'ServiceLog' });
export type ServiceLog = z.infer<typeof ServiceLogSchema>;

export const CreateServiceLogBodySchema = z
  .object({
    servedOn: isoDate.meta({ description: 'Day of the visit or contact (not in the future)' }),
    kind: z.enum(SERVICE_CONTACT_KINDS).default('visit'),
    notes: z.string().trim().min(1).max(4000),
    internalNote: z.string().trim().max(2000).optional(),
    problems: z
      .array(
        z
          .object({
            category: z.enum(PROBLEM_CATEGORIES),
            description: z.string().trim().min(1).max(2000),
            deadline: isoDate.meta({ description: 'By when it must be solved (not before servedOn)' }),
          })
          .strict(),
      )
      .max(20)
      .default([]),
  })
  .strict()
  .superRefine((b, ctx) => {
    b.problems.forEach((p, i) => {
      if (p.deadline < b.servedOn) issue(ctx, ['problems', i, 'deadline'], 'date_order');
    });
  });
export type CreateServiceLogBody = z.input<typeof CreateServiceLogBodySchema>;

export const ListServiceLogsQuerySchema = PageQuerySchema.extend({
  from: isoDate.optional(),
  to: isoDate.optional(),
}).strict();
export type ListServiceLogsQuery = z.infer<typeof ListServiceLogsQuerySchema>;

export const UpdateServiceProblemBodySchema = z
  .object({
    status: z.enum(PROBLEM_STATUSES).optional(),
    resolutionNote: z.string().trim().min(1).max(2000).optional(),
    deadline: isoDate.optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (Object.keys(b).length === 0) issue(ctx, [], 'required');
    if (b.status === 'resolved' && !b.resolutionNote) issue(ctx, ['resolutionNote'], 'required');
  });
export type UpdateServiceProblemBody = z.infer<typeof UpdateServiceProblemBodySchema>;

export const ListServiceProblemsQuerySchema = PageQuerySchema.extend({
  status: z.enum(PROBLEM_STATUSES).optional(),
  overdue: queryBool.optional().meta({ description: 'Open problems past their deadline' }),
  enterpriseId: z.uuid().optional(),
  officerUserId: z.uuid().optional(),
  districtCode: RegionCodeSchema.optional(),
  category: z.enum(PROBLEM_CATEGORIES).optional(),
}).strict();
export type ListServiceProblemsQuery = z.infer<typeof ListServiceProblemsQuerySchema>;
