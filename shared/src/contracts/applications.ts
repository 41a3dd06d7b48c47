import { z } from 'zod';
import { ReasonSchema } from './postings.js';

export const APPLICATION_STATUSES = [
  'submitted',
  'viewed',
  'interview',
  'offer',
  'hired',
  'rejected',
  'withdrawn',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const ApplyBodySchema = z
  .object({
    message: z.string().trim().max(500).optional(),
    shareResumeConsent: z
      .literal(true)
      .meta({ description: 'Consent to share the résumé with this enterprise (PIPL art. 23)' }),
  })
  .strict();

export const UpdateApplicationBodySchema = z
  .object({
    status: z.enum(['viewed', 'interview', 'offer', 'hired', 'rejected', 'withdrawn']),
    note: z.string().trim().max(1000).optional(),
    interviewAt: z.iso.datetime({ offset: true }).optional(),
    interviewPlace: z.string().trim().max(200).optional().meta({ description: 'Address or meeting link' }),
    rejectReason: z.string().trim().max(500).optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.status === 'interview' && (!b.interviewAt || !b.interviewPlace)) {
      ctx.addIssue({
        code: 'custom',
        path: [b.interviewAt ? 'interviewPlace' : 'interviewAt'],
        message: 'required',
        params: { code: 'required' },
      });
    }
    if (b.status === 'rejected' && !b.rejectReason) {
      ctx.addIssue({
        code: 'custom',
        path: ['rejectReason'],
        message: 'required',
        params: { code: 'required' },
      });
    }
  });

/**
 * What an enterprise receives when a seeker applies: a copy of the résumé at that moment (PIPL
 * art. 23: shared with this enterprise under the recorded consent). The identity number is only
 * ever shared masked; gender, household registration and key-group status are not shared at all
 * (they must not influence hiring, and key-group status is sensitive).
 */
export const ResumeSnapshotSchema = z
  .object({
    fullName: z.string(),
    phone: z.string().meta({ description: 'The applicant’s mobile number, for the enterprise to call' }),
    idNumberMasked: z.string().nullable(),
    birthDate: z.string().nullable(),
    educationLevel: z.string().nullable(),
    skills: z.array(z.string()),
    experiences: z.array(
      z.object({
        employer: z.string(),
        title: z.string(),
        from: z.string().nullable(),
        to: z.string().nullable(),
        description: z.string(),
      }),
    ),
    certificates: z.array(z.object({ name: z.string(), issuer: z.string() })),
    desiredOccupationCodes: z.array(z.string()),
    desiredDistrictCodes: z.array(z.string()),
    expectedSalaryMinFen: z.number().int().nullable(),
    availableFrom: z.string().nullable(),
    willingToRelocate: z.boolean(),
    currentRegionCode: z.string().nullable(),
    experienceYears: z.number().int(),
    message: z.string().nullable().meta({ description: 'The seeker’s note to the enterprise' }),
    capturedAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'ResumeSnapshot' });
export type ResumeSnapshot = z.infer<typeof ResumeSnapshotSchema>;

export const ApplicationEventSchema = z.object({
  fromStatus: z.enum(APPLICATION_STATUSES).nullable(),
  toStatus: z.enum(APPLICATION_STATUSES),
  at: z.iso.datetime({ offset: true }),
  note: z.string().nullable(),
  by: z.enum(['seeker', 'enterprise', 'staff', 'system']),
});

export const ApplicationSchema = z
  .object({
    id: z.uuid(),
    postingId: z.uuid(),
    postingTitle: z.string(),
    postingDistrictCode: z.string(),
    enterpriseId: z.uuid(),
    enterpriseName: z.string(),
    seekerUserId: z.uuid(),
    seekerName: z.string(),
    status: z.enum(APPLICATION_STATUSES),
    note: z
      .string()
      .nullable()
      .meta({ description: 'The latest note from the enterprise, shown to the seeker' }),
    interviewAt: z.iso.datetime({ offset: true }).nullable(),
    interviewPlace: z.string().nullable(),
    rejectReason: z.string().nullable(),
    createdAt: z.iso.datetime({ offset: true }),
    updatedAt: z.iso.datetime({ offset: true }),
    events: z.array(ApplicationEventSchema).meta({ description: 'The timeline, oldest first' }),
    resume: ResumeSnapshotSchema.nullable().meta({
      description: 'The shared résumé; null in the seeker’s own list',
    }),
  })
  .meta({ id: 'Application' });
export type Application = z.infer<typeof ApplicationSchema>;

export const ListApplicationsQuerySchema = z
  .object({
    status: z.enum(APPLICATION_STATUSES).optional(),
    page: z.coerce.number().int().min(1).max(100000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
export type ListApplicationsQuery = z.infer<typeof ListApplicationsQuerySchema>;

/** Recommendations and candidates are ranked over a bounded candidate set; this many at most. */
export const MATCH_MAX_RESULTS = 200;

export const MatchQuerySchema = z
  .object({
    page: z.coerce.number().int().min(1).max(MATCH_MAX_RESULTS).default(1),
    pageSize: z.coerce.number().int().min(1).max(50).default(20),
  })
  .strict();
export type MatchQuery = z.infer<typeof MatchQuerySchema>;

const ScoreSchema = z.number().min(0).max(100).meta({
  description:
    'Match score 0–100: occupation, skills, location, salary, education, experience and freshness. Gender, ethnicity, age, household registration and key-group status never enter it',
});
const ReasonsSchema = z.array(ReasonSchema).meta({
  description:
    'Why it matches, strongest first; weight = points of the score, label in the reader’s language',
});

export const RecommendationSchema = z
  .object({
    postingId: z.uuid(),
    title: z.string(),
    enterpriseName: z.string(),
    occupationCode: z.string(),
    occupationName: z.string(),
    districtCode: z.string(),
    districtName: z.string(),
    salaryMinFen: z.number().int(),
    salaryMaxFen: z.number().int(),
    salaryPeriod: z.string(),
    employmentType: z.string(),
    benefits: z.array(z.string()),
    publishedAt: z.iso.datetime({ offset: true }).nullable(),
    score: ScoreSchema,
    reasons: ReasonsSchema,
  })
  .meta({ id: 'Recommendation' });
export type Recommendation = z.infer<typeof RecommendationSchema>;

/** A seeker as an enterprise (opted-in résumés only) or staff see them: no identity number, gender or age. */
export const CandidateSchema = z
  .object({
    seekerUserId: z.uuid(),
    fullName: z.string(),
    educationLevel: z.string().nullable(),
    currentRegionCode: z.string().nullable(),
    skills: z.array(z.string()),
    experienceYears: z.number().int(),
    desiredOccupationCodes: z.array(z.string()),
    availableFrom: z.string().nullable(),
    score: ScoreSchema,
    reasons: ReasonsSchema,
  })
  .meta({ id: 'Candidate' });
export type Candidate = z.infer<typeof CandidateSchema>;
