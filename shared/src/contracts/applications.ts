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

export const ApplicationSchema = z
  .object({
    id: z.uuid(),
    postingId: z.uuid(),
    postingTitle: z.string(),
    enterpriseId: z.uuid(),
    enterpriseName: z.string(),
    seekerUserId: z.uuid(),
    seekerName: z.string(),
    status: z.enum(APPLICATION_STATUSES),
    note: z.string().nullable(),
    interviewAt: z.iso.datetime({ offset: true }).nullable(),
    interviewPlace: z.string().nullable(),
    rejectReason: z.string().nullable(),
    createdAt: z.iso.datetime({ offset: true }),
    updatedAt: z.iso.datetime({ offset: true }),
    events: z.array(
      z.object({ toStatus: z.string(), at: z.iso.datetime({ offset: true }), note: z.string().nullable() }),
    ),
  })
  .meta({ id: 'Application' });

export const RecommendationSchema = z.object({
  postingId: z.uuid(),
  title: z.string(),
  enterpriseName: z.string(),
  districtCode: z.string(),
  districtName: z.string(),
  salaryMinFen: z.number().int(),
  salaryMaxFen: z.number().int(),
  salaryPeriod: z.string(),
  score: z.number(),
  reasons: z.array(ReasonSchema),
});

export const CandidateSchema = z.object({
  seekerUserId: z.uuid(),
  fullName: z.string(),
  educationLevel: z.string().nullable(),
  currentRegionCode: z.string().nullable(),
  skills: z.array(z.string()),
  experienceYears: z.number().int(),
  score: z.number(),
  reasons: z.array(ReasonSchema),
});
