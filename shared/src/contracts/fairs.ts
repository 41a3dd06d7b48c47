import { z } from 'zod';
import { OccupationCodeSchema, PageQuerySchema, PhoneSchema, RegionCodeSchema } from './common.js';
import { KEY_GROUPS } from './resumes.js';
import { IdNumberSchema } from '../validators/id-number.js';

/**
 * Issue 6, items 5–7: cross-regional recruitment with partner labour-source regions (柳州 450200,
 * 陇南 621200…) and their officers (role `partner`), online and on-site job fairs (网络招聘会 /
 * 现场招聘会) with booths, live counters, check-in and a report, and HR service agencies with
 * purchased-service contracts (政府购买服务) whose deliverables staff verify.
 */

const isoDate = z.iso.date().meta({ description: 'YYYY-MM-DD (China time)', example: '2026-12-01' });
const isoDateTime = z.iso.datetime({ offset: true });
const queryBool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

function endAfterStart(
  b: { startsOn?: string | null | undefined; endsOn?: string | null | undefined },
  ctx: z.RefinementCtx,
) {
  if (b.startsOn && b.endsOn && b.endsOn < b.startsOn) {
    ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'date_order', params: { code: 'date_order' } });
  }
}

/** A name in the reader's language is chosen by the web app; the API carries both. */
const TitleZh = z.string().trim().min(2).max(80);
const TitleEn = z.string().trim().min(2).max(120);

// ——— Partner regions (cross-regional recruitment, item 5) ———

export const PARTNER_REGION_STATUSES = ['active', 'ended'] as const;
export type PartnerRegionStatus = (typeof PARTNER_REGION_STATUSES)[number];

export const PartnerContactSchema = z
  .object({
    name: z.string().trim().min(1).max(60),
    title: z.string().trim().max(60).default('').meta({ description: 'Post, e.g. 人社局劳务输出科科长' }),
    phone: PhoneSchema,
  })
  .strict();

export const CreatePartnerRegionBodySchema = z
  .object({
    regionCode: RegionCodeSchema.meta({
      description:
        'GB/T 2260 code of a prefecture (450200 柳州) or a county outside Zhanjiang; one partner record per code',
      example: '621200',
    }),
    name: z
      .string()
      .trim()
      .min(2)
      .max(60)
      .optional()
      .meta({ description: 'Defaults to the region’s reference name' }),
    agreementStartsOn: isoDate.meta({ description: 'Labour cooperation agreement signed / effective from' }),
    agreementEndsOn: isoDate.nullable().default(null).meta({ description: 'null: open-ended' }),
    contacts: z.array(PartnerContactSchema).max(10).default([]),
    note: z.string().trim().max(1000).default(''),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.agreementEndsOn && b.agreementEndsOn < b.agreementStartsOn)
      ctx.addIssue({
        code: 'custom',
        path: ['agreementEndsOn'],
        message: 'date_order',
        params: { code: 'date_order' },
      });
  });
export type CreatePartnerRegionBody = z.input<typeof CreatePartnerRegionBodySchema>;

export const UpdatePartnerRegionBodySchema = z
  .object({
    name: z.string().trim().min(2).max(60).optional(),
    agreementStartsOn: isoDate.optional(),
    agreementEndsOn: isoDate.nullable().optional(),
    contacts: z.array(PartnerContactSchema).max(10).optional(),
    note: z.string().trim().max(1000).optional(),
    status: z.enum(PARTNER_REGION_STATUSES).optional().meta({ description: 'ended: the agreement ended' }),
  })
  .strict();
export type UpdatePartnerRegionBody = z.input<typeof UpdatePartnerRegionBodySchema>;

export const PartnerOfficerSchema = z
  .object({
    userId: z.uuid(),
    displayName: z.string(),
    phoneMasked: z.string(),
    districtCodes: z.array(z.string()),
    attachedAt: isoDateTime,
  })
  .meta({ id: 'PartnerOfficer' });
export type PartnerOfficer = z.infer<typeof PartnerOfficerSchema>;

export const PartnerRegionSchema = z
  .object({
    id: z.uuid(),
    regionCode: z.string(),
    regionName: z.string().meta({ description: 'Reference name of the code, e.g. 陇南市' }),
    name: z.string(),
    agreementStartsOn: isoDate,
    agreementEndsOn: isoDate.nullable(),
    status: z.enum(PARTNER_REGION_STATUSES),
    contacts: z
      .array(z.object({ name: z.string(), title: z.string(), phone: z.string() }))
      .meta({ description: 'Staff and the region’s officers see full phones; employers get an empty list' }),
    note: z.string(),
    officers: z.array(PartnerOfficerSchema).meta({ description: 'Empty for employers' }),
    targetedPostingCount: z.number().int(),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .meta({ id: 'PartnerRegion' });
export type PartnerRegion = z.infer<typeof PartnerRegionSchema>;

export const ListPartnerRegionsQuerySchema = PageQuerySchema.extend({
  status: z.enum(PARTNER_REGION_STATUSES).optional(),
  q: z.string().trim().max(60).optional().meta({ description: 'Name or code contains' }),
}).strict();
export type ListPartnerRegionsQuery = z.infer<typeof ListPartnerRegionsQuerySchema>;

export const AttachPartnerOfficerBodySchema = z
  .object({
    userId: z.uuid().meta({
      description:
        'An active account with role partner whose districtCodes include the region’s code (or a code containing it)',
    }),
  })
  .strict();

export const PartnerRegionOfficerParamsSchema = z.object({ id: z.uuid(), userId: z.uuid() });

/** Targets of one posting: the partner regions it is promoted in (set as a whole). */
export const SetPostingTargetsBodySchema = z
  .object({
    partnerRegionIds: z.array(z.uuid()).max(20),
  })
  .strict();

export const PostingTargetSchema = z
  .object({
    partnerRegionId: z.uuid(),
    regionCode: z.string(),
    name: z.string(),
    targetedAt: isoDateTime,
  })
  .meta({ id: 'PostingTarget' });
export type PostingTarget = z.infer<typeof PostingTargetSchema>;

export const PostingTargetsSchema = z
  .object({ postingId: z.uuid(), targets: z.array(PostingTargetSchema) })
  .meta({ id: 'PostingTargets' });
export type PostingTargets = z.infer<typeof PostingTargetsSchema>;

/** A posting as a partner region's officers see it (published postings targeted at their region). */
export const TargetedPostingSchema = z
  .object({
    postingId: z.uuid(),
    title: z.string(),
    enterpriseId: z.uuid(),
    enterpriseName: z.string(),
    occupationCode: z.string(),
    occupationName: z.string(),
    districtCode: z.string(),
    districtName: z.string(),
    headcount: z.number().int(),
    hiredCount: z.number().int(),
    salaryMinFen: z.number().int(),
    salaryMaxFen: z.number().int(),
    salaryPeriod: z.string(),
    benefits: z.array(z.string()),
    expiresOn: isoDate,
    status: z.string().meta({ description: 'The posting’s status; officers only see published ones' }),
    targetedAt: isoDateTime,
    referralCount: z.number().int().meta({ description: 'Referrals from this region to this posting' }),
  })
  .meta({ id: 'TargetedPosting' });
export type TargetedPosting = z.infer<typeof TargetedPostingSchema>;

export const ListTargetedPostingsQuerySchema = PageQuerySchema.extend({
  occupationCode: OccupationCodeSchema.optional(),
  q: z.string().trim().max(60).optional().meta({ description: 'Title or enterprise name contains' }),
}).strict();
export type ListTargetedPostingsQuery = z.infer<typeof ListTargetedPostingsQuerySchema>;

/**
 * A seeker of the region as its officers see them: only résumés visible to employers (the seeker's
 * consent), whose household or current region lies in the partner region. No identity number,
 * gender or age; the phone masked.
 */
export const RegionSeekerSchema = z
  .object({
    seekerUserId: z.uuid(),
    fullName: z.string(),
    phoneMasked: z.string(),
    householdRegionCode: z.string().nullable(),
    currentRegionCode: z.string().nullable(),
    educationLevel: z.string().nullable(),
    skills: z.array(z.string()),
    experienceYears: z.number().int(),
    desiredOccupationCodes: z.array(z.string()),
    desiredDistrictCodes: z.array(z.string()),
    availableFrom: z.string().nullable(),
    willingToRelocate: z.boolean(),
    referralCount: z.number().int(),
    updatedAt: isoDateTime,
  })
  .meta({ id: 'RegionSeeker' });
export type RegionSeeker = z.infer<typeof RegionSeekerSchema>;

export const ListRegionSeekersQuerySchema = PageQuerySchema.extend({
  occupationCode: OccupationCodeSchema.optional().meta({ description: 'Desired occupation (or below it)' }),
  q: z.string().trim().max(60).optional().meta({ description: 'Name or skill contains' }),
  willingToRelocate: queryBool.optional(),
}).strict();
export type ListRegionSeekersQuery = z.infer<typeof ListRegionSeekersQuerySchema>;

export const REFERRAL_OUTCOMES = ['referred', 'applied', 'hired'] as const;
export type ReferralOutcome = (typeof REFERRAL_OUTCOMES)[number];

export const CreateReferralBodySchema = z
  .object({
    seekerUserId: z.uuid(),
    postingId: z.uuid().meta({ description: 'A published posting targeted at this region' }),
    note: z.string().trim().max(500).default('').meta({ description: 'Shown to the seeker' }),
  })
  .strict();
export type CreateReferralBody = z.input<typeof CreateReferralBodySchema>;

export const ReferralSchema = z
  .object({
    id: z.uuid(),
    partnerRegionId: z.uuid(),
    regionCode: z.string(),
    seekerUserId: z.uuid(),
    seekerName: z.string(),
    postingId: z.uuid(),
    postingTitle: z.string(),
    enterpriseName: z.string(),
    note: z.string(),
    referredByName: z.string(),
    outcome: z.enum(REFERRAL_OUTCOMES).meta({
      description: 'referred; applied: the seeker applied to the posting after the referral; hired',
    }),
    createdAt: isoDateTime,
  })
  .meta({ id: 'Referral' });
export type Referral = z.infer<typeof ReferralSchema>;

export const ListReferralsQuerySchema = PageQuerySchema.extend({
  postingId: z.uuid().optional(),
  seekerUserId: z.uuid().optional(),
}).strict();
export type ListReferralsQuery = z.infer<typeof ListReferralsQuerySchema>;

export const RegionStatsQuerySchema = z
  .object({
    from: isoDate.optional().meta({ description: 'First day counted (China time); default: all time' }),
    to: isoDate.optional().meta({ description: 'Last day counted (China time)' }),
  })
  .strict()
  .superRefine((b, ctx) => endAfterStart({ startsOn: b.from, endsOn: b.to }, ctx));
export type RegionStatsQuery = z.infer<typeof RegionStatsQuerySchema>;

/**
 * Figures by region of origin: a seeker's origin is the household region on their résumé, else
 * their current region. Applications and hires are counted by the date they happened.
 */
export const RegionStatsSchema = z
  .object({
    partnerRegionId: z.uuid(),
    regionCode: z.string(),
    name: z.string(),
    from: isoDate.nullable(),
    to: isoDate.nullable(),
    seekers: z.number().int().meta({ description: 'Visible résumés of the region now' }),
    targetedPostings: z.number().int().meta({ description: 'Postings targeted at the region now' }),
    referrals: z.number().int(),
    referralsApplied: z.number().int().meta({ description: 'Referrals followed by an application' }),
    referralsHired: z.number().int(),
    applications: z
      .number()
      .int()
      .meta({ description: 'Applications by seekers from the region (any posting)' }),
    applicationsToTargeted: z.number().int(),
    hires: z.number().int().meta({ description: 'Hires of seekers from the region (any posting)' }),
    hiresToTargeted: z.number().int(),
  })
  .meta({ id: 'RegionStats' });
export type RegionStats = z.infer<typeof RegionStatsSchema>;

export const ReferralIdParamsSchema = z.object({ id: z.uuid() });

// ——— Job fairs (item 6) ———

export const FAIR_MODES = ['online', 'on_site'] as const;
export type FairMode = (typeof FAIR_MODES)[number];
/**
 * draft → published → live (inside the window) → closed (after it); cancelled by staff before it
 * ends. live and closed follow from the window and the clock.
 */
export const FAIR_STATUSES = ['draft', 'published', 'live', 'closed', 'cancelled'] as const;
export type FairStatus = (typeof FAIR_STATUSES)[number];
/** Who a fair is for: the key groups, or everyone. */
export const FAIR_TARGET_GROUPS = ['general', ...KEY_GROUPS] as const;
export type FairTargetGroup = (typeof FAIR_TARGET_GROUPS)[number];
export const BOOTH_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn', 'closed'] as const;
export type BoothStatus = (typeof BOOTH_STATUSES)[number];

/** A fair lasts at most this many days. */
export const FAIR_MAX_DAYS = 31;
/** Postings one booth may show. */
export const BOOTH_MAX_POSTINGS = 20;

const FairFieldsSchema = z.object({
  theme: z
    .string()
    .trim()
    .min(2)
    .max(60)
    .meta({ description: 'Short theme or series, e.g. 春风行动', example: '春风行动' }),
  titleZh: TitleZh,
  titleEn: TitleEn,
  description: z.string().trim().max(5000),
  mode: z.enum(FAIR_MODES),
  venue: z
    .string()
    .trim()
    .max(200)
    .nullable()
    .meta({ description: 'Address of an on-site fair (required for on_site)' }),
  districtCode: RegionCodeSchema.meta({
    description: 'The organising district in Zhanjiang; staff of that district manage the fair',
  }),
  startsAt: isoDateTime,
  endsAt: isoDateTime,
  targetGroups: z.array(z.enum(FAIR_TARGET_GROUPS)).min(1).max(FAIR_TARGET_GROUPS.length),
  targetRegionCodes: z
    .array(RegionCodeSchema)
    .max(20)
    .meta({ description: 'Labour-source regions the fair is promoted in, e.g. 621200 陇南' }),
  boothCapacity: z.number().int().min(1).max(1000).nullable().meta({
    description: 'At most this many approved booths; null: no limit',
  }),
});

function fairWindow(
  b: { startsAt?: string | undefined; endsAt?: string | undefined; mode?: FairMode; venue?: string | null },
  ctx: z.RefinementCtx,
) {
  if (b.startsAt && b.endsAt) {
    const s = Date.parse(b.startsAt);
    const e = Date.parse(b.endsAt);
    if (e <= s)
      ctx.addIssue({
        code: 'custom',
        path: ['endsAt'],
        message: 'ends_before_start',
        params: { code: 'ends_before_start' },
      });
    else if (e - s > FAIR_MAX_DAYS * 86_400_000)
      ctx.addIssue({
        code: 'custom',
        path: ['endsAt'],
        message: 'date_too_far',
        params: { code: 'date_too_far' },
      });
  }
  if (b.mode === 'on_site' && !b.venue) {
    ctx.addIssue({
      code: 'custom',
      path: ['venue'],
      message: 'venue_required',
      params: { code: 'venue_required' },
    });
  }
}

export const CreateJobFairBodySchema = FairFieldsSchema.extend({
  description: FairFieldsSchema.shape.description.default(''),
  venue: FairFieldsSchema.shape.venue.default(null),
  targetGroups: FairFieldsSchema.shape.targetGroups.default(['general']),
  targetRegionCodes: FairFieldsSchema.shape.targetRegionCodes.default([]),
  boothCapacity: FairFieldsSchema.shape.boothCapacity.default(null),
  publish: z.boolean().default(false).meta({ description: 'true publishes at once; else a draft' }),
})
  .strict()
  .superRefine(fairWindow);
export type CreateJobFairBody = z.input<typeof CreateJobFairBodySchema>;

/**
 * Edits: any field of a draft; once published the window can still move until the fair starts;
 * nothing changes once it is live or closed. `status`: published (publish a draft) or cancelled.
 */
export const UpdateJobFairBodySchema = FairFieldsSchema.partial()
  .extend({ status: z.enum(['published', 'cancelled']).optional() })
  .strict()
  .superRefine(fairWindow);
export type UpdateJobFairBody = z.input<typeof UpdateJobFairBodySchema>;

export const FairCountersSchema = z
  .object({
    visitors: z.number().int().meta({ description: 'Distinct signed-in seekers who entered the fair' }),
    registrations: z.number().int().meta({ description: 'On-site registrations (check-in codes issued)' }),
    checkIns: z.number().int(),
    booths: z.number().int().meta({ description: 'Approved booths' }),
    postings: z.number().int().meta({ description: 'Postings shown at approved booths' }),
    applications: z.number().int().meta({
      description: 'Applications to booth postings opened through the fair, sent during the window',
    }),
    interviews: z.number().int().meta({ description: 'Of those applications: invited to interview' }),
    offers: z.number().int().meta({ description: 'Of those applications: offered (or hired directly)' }),
    hires: z.number().int(),
  })
  .meta({ id: 'FairCounters' });
export type FairCounters = z.infer<typeof FairCountersSchema>;

export const JobFairSchema = z
  .object({
    id: z.uuid(),
    theme: z.string(),
    titleZh: z.string(),
    titleEn: z.string(),
    description: z.string(),
    mode: z.enum(FAIR_MODES),
    venue: z.string().nullable(),
    districtCode: z.string(),
    startsAt: isoDateTime,
    endsAt: isoDateTime,
    targetGroups: z.array(z.enum(FAIR_TARGET_GROUPS)),
    targetRegionCodes: z.array(z.string()),
    boothCapacity: z.number().int().nullable(),
    status: z
      .enum(FAIR_STATUSES)
      .meta({ description: 'live and closed follow from the window and the clock' }),
    acceptingBooths: z.boolean().meta({ description: 'Enterprises may still register booths' }),
    acceptingApplications: z.boolean().meta({ description: 'live: seekers may apply through the fair' }),
    counters: FairCountersSchema,
    publishedAt: isoDateTime.nullable(),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .meta({ id: 'JobFair' });
export type JobFair = z.infer<typeof JobFairSchema>;

export const ListJobFairsQuerySchema = PageQuerySchema.extend({
  status: z.enum(FAIR_STATUSES).optional().meta({ description: 'draft and cancelled: staff only' }),
  mode: z.enum(FAIR_MODES).optional(),
  targetRegionCode: RegionCodeSchema.optional().meta({
    description: 'Fairs promoted in this region or a region containing it',
  }),
  targetGroup: z.enum(FAIR_TARGET_GROUPS).optional(),
  districtCode: RegionCodeSchema.optional(),
  q: z.string().trim().max(60).optional().meta({ description: 'Title or theme contains' }),
}).strict();
export type ListJobFairsQuery = z.infer<typeof ListJobFairsQuerySchema>;

export const JobFairBoothParamsSchema = z.object({ id: z.uuid(), boothId: z.uuid() });

export const RegisterBoothBodySchema = z
  .object({
    enterpriseId: z.uuid().meta({ description: 'A verified enterprise you are a clerk of' }),
    postingIds: z
      .array(z.uuid())
      .min(1)
      .max(BOOTH_MAX_POSTINGS)
      .meta({ description: 'Published postings of that enterprise' }),
    boothName: z
      .string()
      .trim()
      .min(1)
      .max(60)
      .optional()
      .meta({ description: 'Defaults to the enterprise name' }),
    introduction: z.string().trim().max(2000).default(''),
    contactName: z.string().trim().min(1).max(60),
    contactPhone: PhoneSchema,
  })
  .strict();
export type RegisterBoothBody = z.input<typeof RegisterBoothBodySchema>;

export const ReviewBoothBodySchema = z
  .object({
    decision: z.enum(['approve', 'reject']),
    reason: z.string().trim().max(500).optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.decision === 'reject' && !b.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'required', params: { code: 'required' } });
  });
export type ReviewBoothBody = z.input<typeof ReviewBoothBodySchema>;

export const BoothPostingSchema = z
  .object({
    postingId: z.uuid(),
    title: z.string(),
    occupationCode: z.string(),
    districtCode: z.string(),
    headcount: z.number().int(),
    hiredCount: z.number().int(),
    salaryMinFen: z.number().int(),
    salaryMaxFen: z.number().int(),
    salaryPeriod: z.string(),
    status: z
      .string()
      .meta({ description: 'The posting’s own status (published postings take applications)' }),
  })
  .meta({ id: 'BoothPosting' });

export const BoothFiguresSchema = z.object({
  visits: z
    .number()
    .int()
    .meta({ description: 'Seekers who opened a posting of this booth through the fair' }),
  applications: z.number().int(),
  interviews: z.number().int(),
  offers: z.number().int(),
  hires: z.number().int(),
});

export const JobFairBoothSchema = z
  .object({
    id: z.uuid(),
    fairId: z.uuid(),
    fairTitleZh: z.string(),
    fairTitleEn: z.string(),
    fairStatus: z.enum(FAIR_STATUSES),
    enterpriseId: z.uuid(),
    enterpriseName: z.string(),
    boothName: z.string(),
    introduction: z.string(),
    contactName: z.string(),
    contactPhone: z.string().meta({ description: 'Masked in the public list' }),
    status: z.enum(BOOTH_STATUSES).meta({ description: 'closed: the fair ended' }),
    reviewReason: z.string().nullable(),
    reviewedAt: isoDateTime.nullable(),
    postings: z.array(BoothPostingSchema),
    figures: BoothFiguresSchema.nullable().meta({ description: 'The enterprise and staff only' }),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .meta({ id: 'JobFairBooth' });
export type JobFairBooth = z.infer<typeof JobFairBoothSchema>;

export const ListBoothsQuerySchema = PageQuerySchema.extend({
  status: z
    .enum(BOOTH_STATUSES)
    .optional()
    .meta({ description: 'Others than approved: staff and own booths' }),
  occupationCode: OccupationCodeSchema.optional(),
  q: z.string().trim().max(60).optional().meta({ description: 'Booth or enterprise name contains' }),
}).strict();
export type ListBoothsQuery = z.infer<typeof ListBoothsQuerySchema>;

export const ListMyBoothsQuerySchema = PageQuerySchema.extend({
  status: z.enum(BOOTH_STATUSES).optional(),
}).strict();

/**
 * A seeker enters the fair (no body fields) or opens a booth's posting through it (boothId and
 * postingId): the first counts them as a visitor, the second attributes their application to that
 * posting (sent with POST /job-postings/{id}/applications before the fair ends) to the fair.
 */
export const FairVisitBodySchema = z
  .object({
    boothId: z.uuid().optional(),
    postingId: z.uuid().optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if ((b.boothId === undefined) !== (b.postingId === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [b.boothId === undefined ? 'boothId' : 'postingId'],
        message: 'required',
        params: { code: 'required' },
      });
    }
  });
export type FairVisitBody = z.input<typeof FairVisitBodySchema>;

export const FairVisitSchema = z
  .object({
    fairId: z.uuid(),
    firstVisit: z.boolean().meta({ description: 'true when this call counted the seeker as a visitor' }),
    boothId: z.uuid().nullable(),
    postingId: z.uuid().nullable(),
    attributedAt: isoDateTime.nullable().meta({
      description: 'When the posting was first opened through this fair (applications after it count)',
    }),
    applyPath: z
      .string()
      .nullable()
      .meta({ description: 'Where to apply: POST /api/v1/job-postings/{postingId}/applications' }),
  })
  .meta({ id: 'FairVisit' });
export type FairVisit = z.infer<typeof FairVisitSchema>;

/** A seeker's registration for an on-site fair, with the check-in code (shown as a QR code). */
export const FairRegistrationSchema = z
  .object({
    id: z.uuid(),
    fairId: z.uuid(),
    fairTitleZh: z.string(),
    fairTitleEn: z.string(),
    venue: z.string().nullable(),
    startsAt: isoDateTime,
    endsAt: isoDateTime,
    checkInCode: z
      .string()
      .meta({ description: 'Signed token JYF1.<registration id>.<mac>: render as a QR code' }),
    checkedInAt: isoDateTime.nullable(),
    createdAt: isoDateTime,
  })
  .meta({ id: 'FairRegistration' });
export type FairRegistration = z.infer<typeof FairRegistrationSchema>;

export const CheckInBodySchema = z
  .object({ code: z.string().trim().min(1).max(200).meta({ description: 'The scanned QR code' }) })
  .strict();

export const CheckInResultSchema = z
  .object({
    registrationId: z.uuid(),
    fairId: z.uuid(),
    seekerName: z.string(),
    phoneMasked: z.string(),
    checkedInAt: isoDateTime,
    alreadyCheckedIn: z.boolean().meta({ description: 'true: scanned before; nothing changed' }),
  })
  .meta({ id: 'FairCheckIn' });
export type CheckInResult = z.infer<typeof CheckInResultSchema>;

export const FairStatsSchema = z
  .object({
    fairId: z.uuid(),
    status: z.enum(FAIR_STATUSES),
    asOf: isoDateTime,
    counters: FairCountersSchema,
  })
  .meta({ id: 'FairStats' });
export type FairStats = z.infer<typeof FairStatsSchema>;

/** The report staff read after (or during) a fair. */
export const FairReportSchema = z
  .object({
    fair: JobFairSchema,
    final: z.boolean().meta({ description: 'true once the window is over: the figures are the outcome' }),
    asOf: isoDateTime,
    counters: FairCountersSchema,
    booths: z.array(
      z.object({
        boothId: z.uuid(),
        enterpriseId: z.uuid(),
        enterpriseName: z.string(),
        boothName: z.string(),
        status: z.enum(BOOTH_STATUSES),
        postings: z.number().int(),
        figures: BoothFiguresSchema,
      }),
    ),
    applicantsByOrigin: z
      .array(
        z.object({
          regionCode: z
            .string()
            .meta({ description: 'Prefecture (4 digits + 00) of the applicant’s origin' }),
          regionName: z.string(),
          applications: z.number().int(),
          hires: z.number().int(),
        }),
      )
      .meta({ description: 'Origin: household region on the résumé, else current region; unknown as ""' }),
    fromTargetRegions: z
      .object({ applications: z.number().int(), hires: z.number().int() })
      .meta({ description: 'Applicants whose origin lies in one of the fair’s target regions' }),
  })
  .meta({ id: 'FairReport' });
export type FairReport = z.infer<typeof FairReportSchema>;

// ——— HR service agencies and purchased services (item 7) ———

export const AGENCY_STATUSES = ['pending', 'verified', 'rejected', 'suspended'] as const;
export type AgencyStatus = (typeof AGENCY_STATUSES)[number];
export const AGENCY_SERVICES = [
  'recruitment',
  'labour_dispatch',
  'training',
  'outsourcing',
  'career_guidance',
  'other',
] as const;
export type AgencyService = (typeof AGENCY_SERVICES)[number];

export const RegisterAgencyBodySchema = z
  .object({
    name: z.string().trim().min(2).max(100),
    licenceNumber: z
      .string()
      .trim()
      .min(4)
      .max(40)
      .regex(/^[0-9A-Za-z\u4e00-\u9fa5()（）-]+$/)
      .meta({ description: '人力资源服务许可证 number', example: '440800201900123' }),
    creditCode: z
      .string()
      .trim()
      .regex(/^[0-9A-HJ-NPQRTUWXY]{18}$/)
      .optional(),
    districtCode: RegionCodeSchema,
    address: z.string().trim().max(200).default(''),
    contactName: z.string().trim().min(1).max(60),
    contactPhone: PhoneSchema,
    services: z.array(z.enum(AGENCY_SERVICES)).min(1).max(AGENCY_SERVICES.length),
  })
  .strict();
export type RegisterAgencyBody = z.input<typeof RegisterAgencyBodySchema>;

export const ReviewAgencyBodySchema = z
  .object({
    decision: z.enum(['verify', 'reject', 'suspend']),
    reason: z.string().trim().max(500).optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.decision !== 'verify' && !b.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'required', params: { code: 'required' } });
  });
export type ReviewAgencyBody = z.input<typeof ReviewAgencyBodySchema>;

export const AgencySchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    licenceNumber: z.string(),
    creditCode: z.string().nullable(),
    districtCode: z.string(),
    address: z.string(),
    contactName: z.string(),
    contactPhone: z.string().meta({ description: 'Masked in lists' }),
    services: z.array(z.enum(AGENCY_SERVICES)),
    status: z.enum(AGENCY_STATUSES),
    statusReason: z.string().nullable(),
    verifiedAt: isoDateTime.nullable(),
    activeContracts: z.number().int(),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .meta({ id: 'Agency' });
export type Agency = z.infer<typeof AgencySchema>;

export const ListAgenciesQuerySchema = PageQuerySchema.extend({
  status: z.enum(AGENCY_STATUSES).optional(),
  districtCode: RegionCodeSchema.optional(),
  service: z.enum(AGENCY_SERVICES).optional(),
  q: z.string().trim().max(60).optional().meta({ description: 'Name or licence number contains' }),
}).strict();
export type ListAgenciesQuery = z.infer<typeof ListAgenciesQuerySchema>;

export const CONTRACT_KINDS = ['recruitment', 'training', 'other'] as const;
export type ContractKind = (typeof CONTRACT_KINDS)[number];
export const CONTRACT_STATUSES = ['active', 'completed', 'terminated'] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];

export const CreateServiceContractBodySchema = z
  .object({
    agencyId: z.uuid().meta({ description: 'A verified agency' }),
    title: z.string().trim().min(2).max(100),
    kind: z.enum(CONTRACT_KINDS),
    description: z.string().trim().max(5000).default(''),
    targetEnterpriseIds: z
      .array(z.uuid())
      .min(1)
      .max(50)
      .meta({ description: 'Enterprises the service is for (e.g. key enterprises short of workers)' }),
    occupationCodes: z.array(OccupationCodeSchema).max(20).default([]),
    targetCount: z.number().int().min(1).max(100_000).meta({ description: 'Workers to place (or units)' }),
    priceFen: z.number().int().min(0).max(100_000_000_00).meta({ description: 'Contract price, fen' }),
    startsOn: isoDate,
    endsOn: isoDate,
  })
  .strict()
  .superRefine(endAfterStart);
export type CreateServiceContractBody = z.input<typeof CreateServiceContractBodySchema>;

export const CloseServiceContractBodySchema = z
  .object({
    outcome: z.enum(['completed', 'terminated']),
    reason: z.string().trim().max(500).optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.outcome === 'terminated' && !b.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'required', params: { code: 'required' } });
  });
export type CloseServiceContractBody = z.input<typeof CloseServiceContractBodySchema>;

export const ContractProgressSchema = z
  .object({
    targetCount: z.number().int(),
    verified: z.number().int().meta({ description: 'Verified units (workers placed)' }),
    pending: z.number().int(),
    rejected: z.number().int(),
    percent: z.number().min(0).max(100).meta({ description: 'verified / targetCount × 100, one decimal' }),
    periodElapsedPercent: z.number().min(0).max(100),
  })
  .meta({ id: 'ContractProgress' });
export type ContractProgress = z.infer<typeof ContractProgressSchema>;

export const ServiceContractSchema = z
  .object({
    id: z.uuid(),
    agencyId: z.uuid(),
    agencyName: z.string(),
    title: z.string(),
    kind: z.enum(CONTRACT_KINDS),
    description: z.string(),
    targetEnterprises: z.array(z.object({ id: z.uuid(), name: z.string(), districtCode: z.string() })),
    occupationCodes: z.array(z.string()),
    targetCount: z.number().int(),
    priceFen: z.number().int(),
    startsOn: isoDate,
    endsOn: isoDate,
    status: z.enum(CONTRACT_STATUSES),
    closedReason: z.string().nullable(),
    progress: ContractProgressSchema,
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .meta({ id: 'ServiceContract' });
export type ServiceContract = z.infer<typeof ServiceContractSchema>;

export const ListServiceContractsQuerySchema = PageQuerySchema.extend({
  agencyId: z.uuid().optional(),
  enterpriseId: z.uuid().optional().meta({ description: 'Contracts that serve this enterprise' }),
  status: z.enum(CONTRACT_STATUSES).optional(),
  kind: z.enum(CONTRACT_KINDS).optional(),
}).strict();
export type ListServiceContractsQuery = z.infer<typeof ListServiceContractsQuerySchema>;

export const DELIVERABLE_KINDS = ['worker_placed', 'service_delivered'] as const;
export type DeliverableKind = (typeof DELIVERABLE_KINDS)[number];
export const DELIVERABLE_STATUSES = ['pending', 'verified', 'rejected'] as const;
export type DeliverableStatus = (typeof DELIVERABLE_STATUSES)[number];

/**
 * What the agency reports. worker_placed: one worker placed with a target enterprise, referenced by
 * a platform hire (hireId) and/or the worker's details (found or created in the person registry).
 * service_delivered: a number of units (sessions, events) with a description.
 */
export const CreateDeliverableBodySchema = z
  .object({
    kind: z.enum(DELIVERABLE_KINDS),
    enterpriseId: z.uuid().optional().meta({ description: 'worker_placed: one of the target enterprises' }),
    hireId: z.uuid().optional().meta({ description: 'A hire on the platform by that enterprise' }),
    worker: z
      .object({
        fullName: z.string().trim().min(1).max(60),
        phone: PhoneSchema,
        idNumber: IdNumberSchema.optional(),
      })
      .strict()
      .optional(),
    occupationCode: OccupationCodeSchema.optional(),
    placedOn: isoDate.optional().meta({ description: 'worker_placed: the first working day' }),
    quantity: z
      .number()
      .int()
      .min(1)
      .max(10_000)
      .default(1)
      .meta({ description: 'service_delivered: units' }),
    description: z.string().trim().max(2000).default(''),
  })
  .strict()
  .superRefine((b, ctx) => {
    const req = (path: string) =>
      ctx.addIssue({ code: 'custom', path: [path], message: 'required', params: { code: 'required' } });
    if (b.kind === 'worker_placed') {
      if (!b.enterpriseId) req('enterpriseId');
      if (!b.placedOn) req('placedOn');
      if (!b.hireId && !b.worker) req('worker');
      if (b.quantity !== 1)
        ctx.addIssue({
          code: 'custom',
          path: ['quantity'],
          message: 'invalid_value',
          params: { code: 'invalid_value' },
        });
    } else if (!b.description) {
      req('description');
    }
  });
export type CreateDeliverableBody = z.input<typeof CreateDeliverableBodySchema>;

export const ReviewDeliverableBodySchema = z
  .object({
    decision: z.enum(['verify', 'reject']),
    reason: z.string().trim().max(500).optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.decision === 'reject' && !b.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'required', params: { code: 'required' } });
  });
export type ReviewDeliverableBody = z.input<typeof ReviewDeliverableBodySchema>;

export const DeliverableSchema = z
  .object({
    id: z.uuid(),
    contractId: z.uuid(),
    kind: z.enum(DELIVERABLE_KINDS),
    enterpriseId: z.uuid().nullable(),
    enterpriseName: z.string().nullable(),
    hireId: z.uuid().nullable(),
    personId: z.uuid().nullable(),
    workerName: z.string().nullable(),
    workerPhoneMasked: z.string().nullable(),
    workerIdNumberMasked: z.string().nullable(),
    occupationCode: z.string().nullable(),
    placedOn: isoDate.nullable(),
    quantity: z.number().int(),
    description: z.string(),
    status: z.enum(DELIVERABLE_STATUSES),
    reviewReason: z.string().nullable(),
    reviewedAt: isoDateTime.nullable(),
    createdAt: isoDateTime,
  })
  .meta({ id: 'Deliverable' });
export type Deliverable = z.infer<typeof DeliverableSchema>;

export const ListDeliverablesQuerySchema = PageQuerySchema.extend({
  status: z.enum(DELIVERABLE_STATUSES).optional(),
  kind: z.enum(DELIVERABLE_KINDS).optional(),
}).strict();
export type ListDeliverablesQuery = z.infer<typeof ListDeliverablesQuerySchema>;

export const ContractDeliverableParamsSchema = z.object({ id: z.uuid(), deliverableId: z.uuid() });
