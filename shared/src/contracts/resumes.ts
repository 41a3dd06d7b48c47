import { z } from 'zod';
import { IdNumberSchema } from '../validators/id-number.js';
import { EducationLevelSchema, OccupationCodeSchema, RegionCodeSchema } from './common.js';

export const KEY_GROUPS = [
  'college_graduate',
  'migrant_worker',
  'retired_soldier',
  'middle_aged_4050',
  'poor_household',
  'employment_difficulty',
] as const;
export type KeyGroup = (typeof KEY_GROUPS)[number];

/** Version of the privacy notices a consent refers to; bump when the notice text changes. */
export const NOTICE_VERSION = '2026-11-27';

export const ExperienceSchema = z
  .object({
    employer: z.string().trim().min(1).max(100),
    title: z.string().trim().min(1).max(60),
    occupationCode: OccupationCodeSchema.optional(),
    from: z
      .string()
      .regex(/^\d{4}-\d{2}$/)
      .meta({ description: 'YYYY-MM' }),
    to: z
      .string()
      .regex(/^\d{4}-\d{2}$/)
      .nullable()
      .default(null)
      .meta({ description: 'YYYY-MM, null: current' }),
    description: z.string().trim().max(1000).default(''),
  })
  .strict();

export const CertificateSchema = z
  .object({
    name: z.string().trim().min(1).max(60).meta({ example: '特种作业操作证（焊接与热切割作业）' }),
    issuer: z.string().trim().max(100).default(''),
    obtainedOn: z.iso.date().optional(),
  })
  .strict();

export const PutResumeBodySchema = z
  .object({
    fullName: z.string().trim().min(1).max(40),
    idNumber: IdNumberSchema.nullable().optional().meta({
      description:
        'Encrypted at rest; birth date, gender and household region derive from it. Omit to keep the number on file (GET shows it masked only), null to remove it',
    }),
    birthDate: z.iso.date().optional(),
    educationLevel: EducationLevelSchema,
    skills: z.array(z.string().trim().min(1).max(30)).max(30).default([]),
    experiences: z.array(ExperienceSchema).max(30).default([]),
    certificates: z.array(CertificateSchema).max(30).default([]),
    desiredOccupationCodes: z.array(OccupationCodeSchema).max(10).default([]),
    desiredDistrictCodes: z
      .array(RegionCodeSchema)
      .max(20)
      .default([])
      .meta({ description: 'Districts, cities or provinces' }),
    expectedSalaryMinFen: z.number().int().min(0).max(100_000_000).nullable().default(null),
    availableFrom: z.iso.date().nullable().default(null),
    willingToRelocate: z.boolean().default(false),
    currentRegionCode: RegionCodeSchema.nullable().default(null),
    keyGroups: z.array(z.enum(KEY_GROUPS)).max(KEY_GROUPS.length).default([]),
    keyGroupConsent: z
      .boolean()
      .default(false)
      .meta({ description: 'Separate consent to process key-group status (sensitive)' }),
    visibleToEmployers: z.boolean().default(false),
    visibilityConsent: z
      .boolean()
      .default(false)
      .meta({ description: 'Separate consent to show the résumé to enterprises' }),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (!b.idNumber && !b.birthDate) {
      ctx.addIssue({
        code: 'custom',
        path: ['birthDate'],
        message: 'id_or_birth_date',
        params: { code: 'id_or_birth_date' },
      });
    }
    if (b.keyGroups.length > 0 && !b.keyGroupConsent) {
      ctx.addIssue({
        code: 'custom',
        path: ['keyGroupConsent'],
        message: 'consent_required',
        params: { code: 'consent_required' },
      });
    }
    if (b.visibleToEmployers && !b.visibilityConsent) {
      ctx.addIssue({
        code: 'custom',
        path: ['visibilityConsent'],
        message: 'consent_required',
        params: { code: 'consent_required' },
      });
    }
  });
export type PutResumeBody = z.input<typeof PutResumeBodySchema>;

export const ResumeSchema = z
  .object({
    fullName: z.string(),
    idNumberMasked: z.string().nullable(),
    birthDate: z.string().nullable(),
    gender: z.enum(['male', 'female']).nullable(),
    educationLevel: z.string().nullable(),
    skills: z.array(z.string()),
    experiences: z.array(ExperienceSchema),
    certificates: z.array(CertificateSchema),
    desiredOccupationCodes: z.array(z.string()),
    desiredDistrictCodes: z.array(z.string()),
    expectedSalaryMinFen: z.number().int().nullable(),
    availableFrom: z.string().nullable(),
    willingToRelocate: z.boolean(),
    currentRegionCode: z.string().nullable(),
    keyGroups: z.array(z.enum(KEY_GROUPS)),
    visibleToEmployers: z.boolean(),
    experienceYears: z
      .number()
      .int()
      .meta({ description: 'Derived from experiences (overlaps counted once)' }),
    updatedAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'Resume' });
export type Resume = z.infer<typeof ResumeSchema>;

/** What a consent is for (PIPL art. 14, 29: separate consent for sensitive data and for sharing). */
export const CONSENT_KINDS = ['key_group_status', 'resume_visibility'] as const;
export type ConsentKind = (typeof CONSENT_KINDS)[number];

export const ConsentSchema = z
  .object({
    id: z.uuid(),
    kind: z
      .string()
      .meta({ description: 'key_group_status, resume_visibility, resume_share (an application)…' }),
    noticeVersion: z.string(),
    context: z.record(z.string(), z.unknown()),
    grantedAt: z.iso.datetime({ offset: true }),
    withdrawnAt: z.iso.datetime({ offset: true }).nullable(),
  })
  .meta({ id: 'Consent' });
export type Consent = z.infer<typeof ConsentSchema>;
