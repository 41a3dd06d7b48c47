import { z } from 'zod';
import { OccupationCodeSchema, PageQuerySchema, PhoneSchema, RegionCodeSchema } from './common.js';
import { IdNumberSchema } from '../validators/id-number.js';
import { codeExists } from '../validators/codes.js';

/**
 * Issue 7, items 5–7: public-welfare posts (公益性岗位), vocational training (职业技能培训) and rural
 * e-commerce projects (农村电商). Everyone served is a row of the person registry (`persons`);
 * responses carry only masked personal data.
 */

const isoDate = z.iso.date().meta({ description: 'YYYY-MM-DD (China time)', example: '2026-12-01' });
const isoDateTime = z.iso.datetime({ offset: true });

/** A calendar month, `YYYY-MM`. */
export const YearMonthSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
  .meta({ description: 'Calendar month YYYY-MM', example: '2026-12' });

/** A person as these programmes show them: name and masked identifiers only. */
export const ProgrammePersonSchema = z
  .object({
    id: z.uuid(),
    fullName: z.string(),
    phoneMasked: z.string(),
    idNumberMasked: z.string().nullable(),
  })
  .meta({ id: 'ProgrammePerson' });
export type ProgrammePerson = z.infer<typeof ProgrammePersonSchema>;

/** Someone without a record yet (a walk-in, a villager, a provider's trainee): found or created. */
export const ProgrammePersonInputSchema = z
  .object({
    fullName: z.string().trim().min(1).max(60),
    phone: PhoneSchema,
    idNumber: IdNumberSchema.optional(),
  })
  .strict();

function notBoth(b: { personId?: string | undefined; person?: object | undefined }, ctx: z.RefinementCtx) {
  if (b.personId !== undefined && b.person !== undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['person'],
      message: 'person_or_person_id',
      params: { code: 'person_or_person_id' },
    });
  }
}

// ——— Public-welfare posts (公益性岗位) ———

export const WELFARE_POST_STATUSES = ['open', 'closed'] as const;
export type WelfarePostStatus = (typeof WELFARE_POST_STATUSES)[number];
export const WELFARE_PLACEMENT_STATUSES = ['active', 'ended'] as const;
export type WelfarePlacementStatus = (typeof WELFARE_PLACEMENT_STATUSES)[number];
export const WELFARE_END_REASONS = [
  'term_completed',
  'found_job',
  'resigned',
  'dismissed',
  'no_longer_eligible',
  'other',
] as const;
export type WelfareEndReason = (typeof WELFARE_END_REASONS)[number];
export const WELFARE_SUBSIDY_STATUSES = ['pending', 'paid'] as const;
export type WelfareSubsidyStatus = (typeof WELFARE_SUBSIDY_STATUSES)[number];

/**
 * Default cap on a person's cumulative months on public-welfare posts (placements are transitional:
 * Guangdong's rules set three years for most people; the server's setting may differ).
 */
export const WELFARE_TERM_LIMIT_MONTHS = 36;

export const CreateWelfarePostBodySchema = z
  .object({
    enterpriseId: z.uuid().meta({
      description:
        'The sponsoring unit (an enterprise record). An employer clerk sends one of its own enterprises',
    }),
    districtCode: RegionCodeSchema,
    title: z.string().trim().min(2).max(60).meta({ example: '社区保洁员' }),
    duties: z.string().trim().min(1).max(2000),
    headcount: z.number().int().min(1).max(500).meta({ description: 'How many people the post takes' }),
    termMonths: z
      .number()
      .int()
      .min(1)
      .max(WELFARE_TERM_LIMIT_MONTHS)
      .meta({ description: 'Length of one placement in months' }),
    monthlySubsidyFen: z
      .number()
      .int()
      .min(0)
      .max(10_000_00)
      .meta({ description: 'Post subsidy per person for a full month of attendance, fen' }),
    weeklyHours: z.number().int().min(1).max(44).meta({ description: 'Working hours per week' }),
  })
  .strict();
export type CreateWelfarePostBody = z.infer<typeof CreateWelfarePostBodySchema>;

export const WelfarePostSchema = z
  .object({
    id: z.uuid(),
    enterpriseId: z.uuid(),
    sponsorName: z.string(),
    districtCode: z.string(),
    title: z.string(),
    duties: z.string(),
    headcount: z.number().int(),
    placedCount: z.number().int().meta({ description: 'Active placements' }),
    termMonths: z.number().int(),
    monthlySubsidyFen: z.number().int(),
    weeklyHours: z.number().int(),
    status: z.enum(WELFARE_POST_STATUSES),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .meta({ id: 'WelfarePost' });
export type WelfarePost = z.infer<typeof WelfarePostSchema>;

export const ListWelfarePostsQuerySchema = PageQuerySchema.extend({
  districtCode: RegionCodeSchema.optional(),
  enterpriseId: z.uuid().optional(),
  status: z.enum(WELFARE_POST_STATUSES).optional(),
}).strict();
export type ListWelfarePostsQuery = z.infer<typeof ListWelfarePostsQuerySchema>;

export const UpdateWelfarePostBodySchema = z
  .object({ status: z.enum(WELFARE_POST_STATUSES) })
  .strict()
  .meta({ description: 'Close a post to new placements, or reopen it' });

export const PlaceOnWelfarePostBodySchema = z
  .object({
    personId: z.uuid(),
    startsOn: isoDate,
    termMonths: z.number().int().min(1).max(WELFARE_TERM_LIMIT_MONTHS).optional().meta({
      description: 'Shorter than the post’s term when the person’s remaining months are fewer',
    }),
    note: z.string().trim().max(500).optional(),
  })
  .strict();
export type PlaceOnWelfarePostBody = z.infer<typeof PlaceOnWelfarePostBodySchema>;

export const WelfarePlacementSchema = z
  .object({
    id: z.uuid(),
    postId: z.uuid(),
    postTitle: z.string(),
    enterpriseId: z.uuid(),
    sponsorName: z.string(),
    districtCode: z.string(),
    person: ProgrammePersonSchema,
    startsOn: isoDate,
    termMonths: z.number().int(),
    plannedEndOn: isoDate.meta({ description: 'The day before startsOn + termMonths' }),
    status: z.enum(WELFARE_PLACEMENT_STATUSES),
    endedOn: isoDate.nullable(),
    endReason: z.enum(WELFARE_END_REASONS).nullable(),
    note: z.string().nullable(),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .meta({ id: 'WelfarePlacement' });
export type WelfarePlacement = z.infer<typeof WelfarePlacementSchema>;

export const ListWelfarePlacementsQuerySchema = PageQuerySchema.extend({
  status: z.enum(WELFARE_PLACEMENT_STATUSES).optional(),
}).strict();
export type ListWelfarePlacementsQuery = z.infer<typeof ListWelfarePlacementsQuerySchema>;

export const EndWelfarePlacementBodySchema = z
  .object({
    endedOn: isoDate.meta({ description: 'Last day on the post' }),
    reason: z.enum(WELFARE_END_REASONS),
    note: z.string().trim().max(500).optional(),
  })
  .strict();
export type EndWelfarePlacementBody = z.infer<typeof EndWelfarePlacementBodySchema>;

export const WelfareAttendanceParamsSchema = z.object({ id: z.uuid(), month: YearMonthSchema });

/** One month's attendance of one placement; sending it again replaces it while its subsidy is unpaid. */
export const PutWelfareAttendanceBodySchema = z
  .object({
    workingDays: z
      .number()
      .int()
      .min(1)
      .max(31)
      .meta({ description: 'Days the person was scheduled to work that month' }),
    daysPresent: z.number().int().min(0).max(31),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.daysPresent > b.workingDays) {
      ctx.addIssue({
        code: 'custom',
        path: ['daysPresent'],
        message: 'exceeds_working_days',
        params: { code: 'exceeds_working_days' },
      });
    }
  });
export type PutWelfareAttendanceBody = z.infer<typeof PutWelfareAttendanceBodySchema>;

/**
 * A monthly public-welfare post subsidy produced by attendance: amountFen =
 * ⌊monthlySubsidyFen × daysPresent ÷ workingDays⌋. The payouts module pays pending ones.
 */
export const WelfareSubsidyRecordSchema = z
  .object({
    id: z.uuid(),
    placementId: z.uuid(),
    postId: z.uuid(),
    postTitle: z.string(),
    enterpriseId: z.uuid(),
    sponsorName: z.string(),
    districtCode: z.string(),
    person: ProgrammePersonSchema,
    month: YearMonthSchema,
    workingDays: z.number().int(),
    daysPresent: z.number().int(),
    monthlySubsidyFen: z.number().int().meta({ description: 'The post’s full-month rate when recorded' }),
    amountFen: z.number().int(),
    status: z.enum(WELFARE_SUBSIDY_STATUSES),
    paidAt: isoDateTime.nullable(),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .meta({ id: 'WelfareSubsidyRecord' });
export type WelfareSubsidyRecord = z.infer<typeof WelfareSubsidyRecordSchema>;

export const ListWelfareSubsidiesQuerySchema = PageQuerySchema.extend({
  month: YearMonthSchema.optional(),
  status: z.enum(WELFARE_SUBSIDY_STATUSES).optional(),
  postId: z.uuid().optional(),
  placementId: z.uuid().optional(),
  districtCode: RegionCodeSchema.optional(),
}).strict();
export type ListWelfareSubsidiesQuery = z.infer<typeof ListWelfareSubsidiesQuerySchema>;

// ——— Vocational training (职业技能培训) ———

export const TRAINING_PROVIDER_KINDS = ['college', 'agency', 'enterprise', 'other'] as const;
export type TrainingProviderKind = (typeof TRAINING_PROVIDER_KINDS)[number];

/** School-running or training licence number (办学许可证号 / 培训机构备案号): letters, digits, dashes. */
export const LicenceNumberSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[0-9A-Z][0-9A-Z-]{4,38}[0-9A-Z]$/)
  .meta({
    description: 'Licence or filing number, 6–40 letters, digits and dashes',
    example: '144080070001',
  });

export const CreateTrainingProviderBodySchema = z
  .object({
    name: z.string().trim().min(2).max(100).meta({ example: '湛江市技师学院' }),
    kind: z.enum(TRAINING_PROVIDER_KINDS),
    licenceNumber: LicenceNumberSchema,
    districtCode: RegionCodeSchema,
    contactName: z.string().trim().max(40).optional(),
    contactPhone: PhoneSchema.optional(),
  })
  .strict()
  .meta({
    description:
      'A college or agency account registers itself (one provider per account); staff register one without an account',
  });
export type CreateTrainingProviderBody = z.infer<typeof CreateTrainingProviderBodySchema>;

export const TrainingProviderSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    kind: z.enum(TRAINING_PROVIDER_KINDS),
    licenceNumber: z.string(),
    districtCode: z.string(),
    contactName: z.string().nullable(),
    contactPhone: z.string().nullable().meta({ description: 'Masked' }),
    ownerUserId: z.uuid().nullable().meta({ description: 'The college/agency account managing it' }),
    createdAt: isoDateTime,
  })
  .meta({ id: 'TrainingProvider' });
export type TrainingProvider = z.infer<typeof TrainingProviderSchema>;

export const ListTrainingProvidersQuerySchema = PageQuerySchema.extend({
  districtCode: RegionCodeSchema.optional(),
  kind: z.enum(TRAINING_PROVIDER_KINDS).optional(),
}).strict();
export type ListTrainingProvidersQuery = z.infer<typeof ListTrainingProvidersQuerySchema>;

export const TRAINING_COURSE_STATUSES = ['open', 'closed', 'finished', 'cancelled'] as const;
export type TrainingCourseStatus = (typeof TRAINING_COURSE_STATUSES)[number];

export const TrainingSessionInputSchema = z
  .object({
    startsAt: isoDateTime,
    endsAt: isoDateTime,
    topic: z.string().trim().max(100).optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (Date.parse(s.endsAt) <= Date.parse(s.startsAt)) {
      ctx.addIssue({
        code: 'custom',
        path: ['endsAt'],
        message: 'ends_before_start',
        params: { code: 'ends_before_start' },
      });
    }
  });

export const CreateTrainingCourseBodySchema = z
  .object({
    providerId: z.uuid().optional().meta({
      description: 'Staff: required. A college/agency: omit for its own provider record',
    }),
    occupationCode: OccupationCodeSchema,
    title: z.string().trim().min(2).max(80).meta({ example: '焊工（中级）培训班' }),
    description: z.string().trim().max(2000).optional(),
    hours: z.number().int().min(1).max(2000).meta({ description: 'Class hours (课时)' }),
    subsidyPerHeadFen: z
      .number()
      .int()
      .min(0)
      .max(5_000_000)
      .meta({ description: 'Training subsidy level per trainee who completes, fen' }),
    schedule: z
      .string()
      .trim()
      .min(1)
      .max(500)
      .meta({ description: 'The timetable in words', example: '周一至周五 9:00–17:00' }),
    sessions: z
      .array(TrainingSessionInputSchema)
      .min(1)
      .max(200)
      .meta({ description: 'The dated sessions attendance is taken for' }),
    capacity: z.number().int().min(1).max(1000),
    districtCode: RegionCodeSchema,
    startsOn: isoDate,
    endsOn: isoDate,
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.endsOn < b.startsOn) {
      ctx.addIssue({
        code: 'custom',
        path: ['endsOn'],
        message: 'ends_before_start',
        params: { code: 'ends_before_start' },
      });
    }
  });
export type CreateTrainingCourseBody = z.infer<typeof CreateTrainingCourseBodySchema>;

export const UpdateTrainingCourseBodySchema = z
  .object({ status: z.enum(TRAINING_COURSE_STATUSES) })
  .strict()
  .meta({
    description:
      'open ⇄ closed (enrolment), open/closed → finished or cancelled; finished and cancelled are final',
  });

export const TrainingSessionSchema = z
  .object({
    id: z.uuid(),
    startsAt: isoDateTime,
    endsAt: isoDateTime,
    topic: z.string().nullable(),
  })
  .meta({ id: 'TrainingSession' });
export type TrainingSession = z.infer<typeof TrainingSessionSchema>;

export const TrainingCourseSchema = z
  .object({
    id: z.uuid(),
    providerId: z.uuid(),
    providerName: z.string(),
    occupationCode: z.string(),
    title: z.string(),
    description: z.string(),
    hours: z.number().int(),
    subsidyPerHeadFen: z.number().int(),
    schedule: z.string(),
    sessions: z.array(TrainingSessionSchema),
    capacity: z.number().int(),
    enrolledCount: z.number().int().meta({ description: 'Places taken (withdrawals free theirs)' }),
    placesLeft: z.number().int(),
    districtCode: z.string(),
    startsOn: isoDate,
    endsOn: isoDate,
    status: z.enum(TRAINING_COURSE_STATUSES),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .meta({ id: 'TrainingCourse' });
export type TrainingCourse = z.infer<typeof TrainingCourseSchema>;

export const ListTrainingCoursesQuerySchema = PageQuerySchema.extend({
  districtCode: RegionCodeSchema.optional(),
  occupationCode: OccupationCodeSchema.optional().meta({ description: 'This code and the codes under it' }),
  status: z.enum(TRAINING_COURSE_STATUSES).optional().meta({ description: 'Seekers see open courses only' }),
  providerId: z.uuid().optional(),
}).strict();
export type ListTrainingCoursesQuery = z.infer<typeof ListTrainingCoursesQuerySchema>;

export const EnrollBodySchema = z
  .object({
    personId: z.uuid().optional().meta({ description: 'Staff or the provider: a person on file' }),
    person: ProgrammePersonInputSchema.optional().meta({
      description: 'Staff or the provider: someone without a record, found or created',
    }),
  })
  .strict()
  .superRefine(notBoth)
  .meta({ description: 'A seeker sends {} and enrols themself' });
export type EnrollBody = z.infer<typeof EnrollBodySchema>;

export const TRAINING_ENROLLMENT_STATUSES = ['enrolled', 'withdrawn', 'completed', 'failed'] as const;
export type TrainingEnrollmentStatus = (typeof TRAINING_ENROLLMENT_STATUSES)[number];

export const TrainingEnrollmentSchema = z
  .object({
    id: z.uuid(),
    courseId: z.uuid(),
    courseTitle: z.string(),
    providerName: z.string(),
    person: ProgrammePersonSchema,
    status: z.enum(TRAINING_ENROLLMENT_STATUSES),
    enrolledAt: isoDateTime,
    withdrawnAt: isoDateTime.nullable(),
    withdrawReason: z.string().nullable(),
    completedOn: isoDate.nullable(),
    certificateNumber: z.string().nullable(),
    sessionsAttended: z.number().int(),
    sessionsTotal: z.number().int(),
  })
  .meta({ id: 'TrainingEnrollment' });
export type TrainingEnrollment = z.infer<typeof TrainingEnrollmentSchema>;

export const ListTrainingEnrollmentsQuerySchema = PageQuerySchema.extend({
  status: z.enum(TRAINING_ENROLLMENT_STATUSES).optional(),
}).strict();
export type ListTrainingEnrollmentsQuery = z.infer<typeof ListTrainingEnrollmentsQuerySchema>;

export const WithdrawEnrollmentBodySchema = z.object({ reason: z.string().trim().min(1).max(500) }).strict();

export const CompleteEnrollmentBodySchema = z
  .object({
    result: z.enum(['passed', 'failed']),
    completedOn: isoDate,
    certificateNumber: z.string().trim().min(4).max(40).optional().meta({
      description: 'Required when passed: the vocational skill certificate number',
    }),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.result === 'passed' && !b.certificateNumber) {
      ctx.addIssue({
        code: 'custom',
        path: ['certificateNumber'],
        message: 'required',
        params: { code: 'required' },
      });
    }
  });
export type CompleteEnrollmentBody = z.infer<typeof CompleteEnrollmentBodySchema>;

export const CourseSessionParamsSchema = z.object({ id: z.uuid(), sessionId: z.uuid() });

export const PutSessionAttendanceBodySchema = z
  .object({
    entries: z
      .array(z.object({ enrollmentId: z.uuid(), present: z.boolean() }).strict())
      .min(1)
      .max(1000),
  })
  .strict();
export type PutSessionAttendanceBody = z.infer<typeof PutSessionAttendanceBodySchema>;

export const SessionAttendanceSchema = z
  .object({
    sessionId: z.uuid(),
    present: z.number().int(),
    absent: z.number().int(),
    entries: z.array(z.object({ enrollmentId: z.uuid(), present: z.boolean() })),
  })
  .meta({ id: 'SessionAttendance' });
export type SessionAttendance = z.infer<typeof SessionAttendanceSchema>;

/** Months after completion within which a job counts as an employment outcome of the training. */
export const TRAINING_EMPLOYMENT_WINDOW_MONTHS = 6;

export const TrainingOutcomesSchema = z
  .object({
    courseId: z.uuid(),
    capacity: z.number().int(),
    enrolled: z.number().int().meta({ description: 'Currently enrolled (not yet completed)' }),
    withdrawn: z.number().int(),
    completed: z.number().int().meta({ description: 'Passed, with a certificate' }),
    failed: z.number().int(),
    employedWithinWindow: z.number().int().meta({
      description:
        'Completed trainees with an employment registration or a platform hire within 6 months after completion',
    }),
    awaitingWindow: z
      .number()
      .int()
      .meta({ description: 'Completed, not yet employed, and the 6 months are not over' }),
    employmentRate: z
      .number()
      .min(0)
      .max(1)
      .nullable()
      .meta({ description: 'employedWithinWindow ÷ completed; null before anyone completed' }),
    windowMonths: z.number().int(),
  })
  .meta({ id: 'TrainingOutcomes' });
export type TrainingOutcomes = z.infer<typeof TrainingOutcomesSchema>;

// ——— Rural e-commerce projects (农村电商) ———

/**
 * A county (GB/T 2260, six digits) or a village (the statistical division code, twelve digits:
 * county + township + village). A village code's first six digits must be a known county.
 */
export const CountyOrVillageCodeSchema = z
  .string()
  .max(32)
  .refine((c) => /^\d{6}(\d{6})?$/.test(c), {
    params: { code: 'region_format' },
    message: 'region_format',
    abort: true,
  })
  .refine((c) => codeExists('region', c.slice(0, 6)), {
    params: { code: 'unknown_region' },
    message: 'unknown_region',
  })
  .meta({
    description: 'County code (6 digits, e.g. 440823) or village code (12 digits, e.g. 440823101201)',
    example: '440823101201',
  });

export const ECOMMERCE_PROJECT_STATUSES = ['active', 'ended'] as const;
export type EcommerceProjectStatus = (typeof ECOMMERCE_PROJECT_STATUSES)[number];

export const CreateEcommerceProjectBodySchema = z
  .object({
    name: z.string().trim().min(2).max(80).meta({ example: '遂溪菠萝直播带货' }),
    regionCode: CountyOrVillageCodeSchema,
    villageName: z.string().trim().max(60).optional(),
    product: z.string().trim().min(1).max(100).meta({ example: '菠萝' }),
    organiser: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .meta({ description: 'Who runs it: a cooperative, an enterprise, a village committee' }),
    organiserPhone: PhoneSchema.optional(),
    startsOn: isoDate,
    description: z.string().trim().max(2000).optional(),
  })
  .strict();
export type CreateEcommerceProjectBody = z.infer<typeof CreateEcommerceProjectBodySchema>;

export const UpdateEcommerceProjectBodySchema = z
  .object({ status: z.enum(ECOMMERCE_PROJECT_STATUSES) })
  .strict();

export const EcommerceOutcomesSchema = z
  .object({
    participants: z.number().int(),
    trained: z.number().int(),
    selling: z.number().int(),
    incomeReported: z.number().int().meta({ description: 'Participants who reported a monthly income' }),
    totalMonthlyIncomeFen: z.number().int(),
    averageMonthlyIncomeFen: z
      .number()
      .int()
      .nullable()
      .meta({ description: 'Over those who reported, rounded down; null when none did' }),
  })
  .meta({ id: 'EcommerceOutcomes' });
export type EcommerceOutcomes = z.infer<typeof EcommerceOutcomesSchema>;

export const EcommerceProjectSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    regionCode: z.string(),
    countyCode: z.string().meta({ description: 'The first six digits of regionCode' }),
    villageName: z.string().nullable(),
    product: z.string(),
    organiser: z.string(),
    organiserPhone: z.string().nullable().meta({ description: 'Masked' }),
    startsOn: isoDate,
    description: z.string(),
    status: z.enum(ECOMMERCE_PROJECT_STATUSES),
    outcomes: EcommerceOutcomesSchema,
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .meta({ id: 'EcommerceProject' });
export type EcommerceProject = z.infer<typeof EcommerceProjectSchema>;

export const ListEcommerceProjectsQuerySchema = PageQuerySchema.extend({
  countyCode: RegionCodeSchema.optional(),
  status: z.enum(ECOMMERCE_PROJECT_STATUSES).optional(),
  q: z.string().trim().max(50).optional().meta({ description: 'Words of the name or the product' }),
}).strict();
export type ListEcommerceProjectsQuery = z.infer<typeof ListEcommerceProjectsQuerySchema>;

export const AddEcommerceParticipantBodySchema = z
  .object({
    personId: z.uuid().optional(),
    person: ProgrammePersonInputSchema.optional(),
    trained: z.boolean().default(false),
    selling: z.boolean().default(false),
    monthlyIncomeFen: z
      .number()
      .int()
      .min(0)
      .max(100_000_000)
      .optional()
      .meta({ description: 'Monthly income from e-commerce as reported, fen' }),
  })
  .strict()
  .superRefine(notBoth)
  .meta({ description: 'Exactly one of personId and person' });
export type AddEcommerceParticipantBody = z.infer<typeof AddEcommerceParticipantBodySchema>;

export const UpdateEcommerceParticipantBodySchema = z
  .object({
    trained: z.boolean().optional(),
    selling: z.boolean().optional(),
    monthlyIncomeFen: z.number().int().min(0).max(100_000_000).nullable().optional(),
  })
  .strict();
export type UpdateEcommerceParticipantBody = z.infer<typeof UpdateEcommerceParticipantBodySchema>;

export const EcommerceParticipantSchema = z
  .object({
    id: z.uuid(),
    projectId: z.uuid(),
    person: ProgrammePersonSchema,
    trained: z.boolean(),
    selling: z.boolean(),
    monthlyIncomeFen: z.number().int().nullable(),
    incomeReportedAt: isoDateTime.nullable(),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .meta({ id: 'EcommerceParticipant' });
export type EcommerceParticipant = z.infer<typeof EcommerceParticipantSchema>;

export const ListEcommerceParticipantsQuerySchema = PageQuerySchema.extend({
  trained: z.enum(['true', 'false']).optional(),
  selling: z.enum(['true', 'false']).optional(),
}).strict();
export type ListEcommerceParticipantsQuery = z.infer<typeof ListEcommerceParticipantsQuerySchema>;
