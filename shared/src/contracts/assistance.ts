import { z } from 'zod';
import { seekerIdNumberSchema } from '../validators/id-number.js';
import { EducationLevelSchema, PhoneSchema } from './common.js';
import { ZhanjiangDistrictSchema } from './buses.js';
import { PolicyRuleSchema } from './policies.js';
import { KEY_GROUPS } from './resumes.js';

/*
 * Registration and assistance (issue 7, items 1–4 and 8): the person registry, unemployment and
 * employment registration with the employment and entrepreneurship certificate (就业创业证),
 * key-group classification by rules kept as data, case management with services and follow-ups,
 * and the college graduate registry.
 *
 * Stability: the web app and other modules build on these shapes; change them only by adding.
 * Dates are YYYY-MM-DD (calendar days in China time), times ISO 8601 with offset.
 */

const isoDate = z.iso.date().meta({ description: 'YYYY-MM-DD', example: '2020-03-01' });
const isoDateTime = z.iso.datetime({ offset: true });
const note = z.string().trim().max(1000);

// ---------------------------------------------------------------------------------------------
// Persons

/**
 * Self-declared or documented facts the key-group rules read. Each is evidence a person brings
 * (退役证, 建档立卡 record, 残疾人证, 农业户口 booklet); staff confirm the classification they lead to.
 */
export const PersonFactsSchema = z
  .object({
    address: z.string().trim().max(200).nullable().optional().meta({ description: 'Current address' }),
    educationLevel: EducationLevelSchema.nullable().optional(),
    school: z.string().trim().max(100).nullable().optional().meta({ description: 'Last school attended' }),
    major: z.string().trim().max(100).nullable().optional(),
    graduationDate: isoDate
      .nullable()
      .optional()
      .meta({ description: 'The day the person left school (graduates: within 2 years → key group)' }),
    ruralHousehold: z.boolean().optional().meta({
      description: 'Agricultural household registration (农业户口): with work away from it → migrant worker',
    }),
    veteran: z
      .boolean()
      .optional()
      .meta({ description: 'Retired soldier (退役军人), discharge certificate seen' }),
    poorHousehold: z
      .boolean()
      .optional()
      .meta({ description: 'Member of a registered poor household (建档立卡贫困户)' }),
    disability: z.boolean().optional().meta({ description: 'Holds a disability certificate (残疾人证)' }),
    evidenceNote: z
      .string()
      .trim()
      .max(500)
      .nullable()
      .optional()
      .meta({ description: 'What was seen: certificate numbers are not needed, only what and when' }),
  })
  .strict();
export type PersonFacts = z.input<typeof PersonFactsSchema>;

/**
 * A walk-in at the registration desk. The identity number is validated inline with the shared
 * validator (field errors id_format, id_birth_date, id_checksum, id_too_young on `idNumber`).
 * When a person with this identity number exists already, the answer is 200 with that record
 * (nothing is overwritten); a new record is 201.
 */
export const CreatePersonBodySchema = PersonFactsSchema.extend({
  fullName: z.string().trim().min(1).max(60),
  idNumber: seekerIdNumberSchema(),
  phone: PhoneSchema,
  residenceDistrictCode: ZhanjiangDistrictSchema.meta({
    description: 'Where the person lives in Zhanjiang: decides which district’s staff serve them',
  }),
}).strict();
export type CreatePersonBody = z.input<typeof CreatePersonBodySchema>;

/** Corrections and new evidence; every change reclassifies the person's key groups. */
export const UpdatePersonBodySchema = PersonFactsSchema.extend({
  fullName: z.string().trim().min(1).max(60).optional(),
  phone: PhoneSchema.optional(),
  residenceDistrictCode: ZhanjiangDistrictSchema.optional(),
}).strict();
export type UpdatePersonBody = z.input<typeof UpdatePersonBodySchema>;

export const EMPLOYMENT_STATUSES = ['unemployed', 'employed', 'unregistered'] as const;
export type EmploymentStatus = (typeof EMPLOYMENT_STATUSES)[number];

/** A current key-group membership as lists show it. */
export const KeyGroupTagSchema = z.object({
  group: z.enum(KEY_GROUPS),
  nameZh: z.string(),
  nameEn: z.string(),
  confirmed: z.boolean().meta({ description: 'Staff checked the evidence' }),
  validUntil: isoDate.nullable(),
});
export type KeyGroupTag = z.infer<typeof KeyGroupTagSchema>;

/** One row of the person registry list: phone and identity number masked. */
export const PersonListItemSchema = z
  .object({
    id: z.uuid(),
    userId: z.uuid().nullable(),
    fullName: z.string(),
    phoneMasked: z.string(),
    idNumberMasked: z.string().nullable(),
    gender: z.enum(['male', 'female']).nullable(),
    birthDate: isoDate.nullable(),
    residenceDistrictCode: z.string().nullable(),
    employmentStatus: z.enum(EMPLOYMENT_STATUSES),
    keyGroups: z.array(KeyGroupTagSchema),
    caseId: z.uuid().nullable().meta({ description: 'The open case, if any' }),
    createdAt: isoDateTime,
  })
  .meta({ id: 'PersonListItem' });
export type PersonListItem = z.infer<typeof PersonListItemSchema>;

/**
 * One person as staff (their districts) and the person themself see them. The identity number is
 * masked; the full number takes POST /persons/{id}/reveal-id. A staff read is audited.
 */
export const PersonSchema = PersonListItemSchema.extend({
  phone: z.string(),
  householdRegionCode: z.string().nullable().meta({ description: 'From the identity number (GB/T 2260)' }),
  age: z.number().int().nullable().meta({ description: 'Whole years today (China time)' }),
  address: z.string().nullable(),
  educationLevel: z.string().nullable(),
  school: z.string().nullable(),
  major: z.string().nullable(),
  graduationDate: isoDate.nullable(),
  ruralHousehold: z.boolean(),
  veteran: z.boolean(),
  poorHousehold: z.boolean(),
  disability: z.boolean(),
  evidenceNote: z.string().nullable(),
  certificateNo: z
    .string()
    .nullable()
    .meta({ description: 'Employment and entrepreneurship certificate (就业创业证) number, once issued' }),
  activeUnemploymentRegistrationId: z.uuid().nullable(),
  updatedAt: isoDateTime,
}).meta({ id: 'Person' });
export type Person = z.infer<typeof PersonSchema>;

/**
 * Registry search. `q` is matched by its form: 11 digits → phone; 4 to 6 trailing identity
 * characters (digits, X) → the masked number's tail; anything else → name (contains). A full
 * identity number is never sent in a URL (URLs are logged): use POST /persons/lookup.
 */
export const ListPersonsQuerySchema = z
  .object({
    q: z.string().trim().min(1).max(60).optional(),
    districtCode: ZhanjiangDistrictSchema.optional(),
    keyGroup: z.enum(KEY_GROUPS).optional(),
    employmentStatus: z.enum(EMPLOYMENT_STATUSES).optional(),
    page: z.coerce.number().int().min(1).max(100000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
export type ListPersonsQuery = z.infer<typeof ListPersonsQuerySchema>;

/** Finds a person by full identity number (HMAC lookup); the number travels in the body only. */
export const PersonLookupBodySchema = z.object({ idNumber: seekerIdNumberSchema() }).strict();
export const PersonLookupResultSchema = z.object({ person: PersonListItemSchema.nullable() });

/** Seeing a full identity number is an explicit act with a stated reason, audited once. */
export const RevealIdBodySchema = z
  .object({
    reason: z.string().trim().min(2).max(200).meta({
      description: 'Why the full number is needed (e.g. 社保系统核对)',
      example: '社保系统核对身份',
    }),
  })
  .strict();
export const RevealIdResultSchema = z.object({ idNumber: z.string() });

/**
 * Links a walk-in's record to their seeker account (found by the account's phone): staff only,
 * never silently, so that platform hires and the seeker's own page reach this record.
 */
export const LinkAccountBodySchema = z
  .object({ phone: PhoneSchema.meta({ description: 'The seeker account’s mobile number' }) })
  .strict();

export const TIMELINE_EVENT_KINDS = [
  'person_created',
  'person_updated',
  'unemployment_registered',
  'employment_registered',
  'deregistered',
  'employed',
  'key_group_added',
  'key_group_ended',
  'key_group_confirmed',
  'case_opened',
  'officer_assigned',
  'service_recorded',
  'follow_up_recorded',
  'case_closed',
  'graduate_registered',
  'account_linked',
] as const;
export type TimelineEventKind = (typeof TIMELINE_EVENT_KINDS)[number];

/** One step of a person's status history, oldest first. */
export const TimelineEventSchema = z
  .object({
    id: z.string(),
    at: isoDateTime,
    kind: z.enum(TIMELINE_EVENT_KINDS),
    titleZh: z.string(),
    titleEn: z.string(),
    registrationId: z.uuid().nullable(),
    caseId: z.uuid().nullable(),
    detail: z.record(z.string(), z.unknown()).meta({ description: 'Safe values only (codes, ids, dates)' }),
  })
  .meta({ id: 'PersonTimelineEvent' });
export type TimelineEvent = z.infer<typeof TimelineEventSchema>;
export const TimelineSchema = z.object({ items: z.array(TimelineEventSchema) });

// ---------------------------------------------------------------------------------------------
// Registrations

export const REGISTRATION_KINDS = ['unemployment', 'employment'] as const;
export type RegistrationKind = (typeof REGISTRATION_KINDS)[number];

/**
 * active: in force; employed: an unemployment registration closed by an employment registration;
 * deregistered: closed with a reason (an unemployment one) or ended (an employment one).
 */
export const REGISTRATION_STATUSES = ['active', 'employed', 'deregistered'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

/** Why someone became unemployed (登记失业原因). */
export const UNEMPLOYMENT_CAUSES = [
  'contract_ended',
  'dismissed',
  'resigned',
  'enterprise_closed',
  'graduated_unplaced',
  'returned_home',
  'land_lost',
  'other',
] as const;

/** Why a registration is closed (注销): employment closes it automatically as `employed`. */
export const DEREGISTRATION_REASONS = [
  'found_work',
  'self_employed',
  'moved_away',
  'retired',
  'enlisted_or_studying',
  'declined_services',
  'contract_ended',
  'deceased',
  'other',
] as const;
export type DeregistrationReason = (typeof DEREGISTRATION_REASONS)[number];

export const REGISTRATION_SOURCES = ['self', 'staff', 'employer', 'platform_hire'] as const;

export const CONTRACT_TYPES = ['fixed_term', 'open_ended', 'task_based', 'part_time', 'flexible'] as const;

/**
 * Unemployment registration (失业登记): by the person online (no personId: their own record) or
 * by staff for a person of their districts. Issues the certificate number. One active
 * unemployment registration per person (409 already_registered).
 */
export const CreateUnemploymentRegistrationBodySchema = z
  .object({
    kind: z.literal('unemployment'),
    personId: z.uuid().optional().meta({ description: 'Staff: required. A seeker registers themself' }),
    districtCode: ZhanjiangDistrictSchema.optional().meta({
      description: 'Registration district; defaults to the person’s residence district (required if unknown)',
    }),
    unemployedSince: isoDate
      .optional()
      .meta({ description: 'Last day of work; defaults to the registration day' }),
    cause: z.enum(UNEMPLOYMENT_CAUSES).default('other'),
    seekingWork: z.boolean().default(true).meta({ description: 'Willing and able to work (就业愿望)' }),
    note: note.optional(),
    /** A seeker's own facts, filled in on the phone form (staff use PATCH /persons/{id}). */
    person: PersonFactsSchema.extend({
      idNumber: seekerIdNumberSchema().optional().meta({
        description: 'Needed once when the account has no identity number on file yet',
      }),
      residenceDistrictCode: ZhanjiangDistrictSchema.optional(),
    })
      .strict()
      .optional(),
  })
  .strict();

/**
 * Employment registration (就业登记): filed by a clerk of the enterprise (or staff) within 30
 * days of the hire; a later filing is accepted and flagged `late`. Closes the person's active
 * unemployment registration (status employed) and their case (outcome employed).
 */
export const CreateEmploymentRegistrationBodySchema = z
  .object({
    kind: z.literal('employment'),
    personId: z.uuid().optional(),
    worker: z
      .object({
        fullName: z.string().trim().min(1).max(60),
        idNumber: seekerIdNumberSchema(),
        phone: PhoneSchema,
      })
      .strict()
      .optional()
      .meta({ description: 'The hired worker when the caller does not know a personId' }),
    enterpriseId: z.uuid(),
    hiredOn: isoDate,
    jobTitle: z.string().trim().min(1).max(60),
    contractType: z.enum(CONTRACT_TYPES).default('fixed_term'),
    contractEndOn: isoDate.optional(),
    note: note.optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (!b.personId === !b.worker) {
      ctx.addIssue({
        code: 'custom',
        path: ['personId'],
        message: 'person_or_worker',
        params: { code: 'person_or_worker' },
      });
    }
    if (b.contractEndOn && b.contractEndOn < b.hiredOn) {
      ctx.addIssue({
        code: 'custom',
        path: ['contractEndOn'],
        message: 'date_order',
        params: { code: 'date_order' },
      });
    }
  });

export const CreateRegistrationBodySchema = z.discriminatedUnion('kind', [
  CreateUnemploymentRegistrationBodySchema,
  CreateEmploymentRegistrationBodySchema,
]);
export type CreateRegistrationBody = z.input<typeof CreateRegistrationBodySchema>;

export const RegistrationSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(REGISTRATION_KINDS),
    status: z.enum(REGISTRATION_STATUSES),
    personId: z.uuid(),
    personName: z.string(),
    personIdNumberMasked: z.string().nullable(),
    districtCode: z.string(),
    source: z.enum(REGISTRATION_SOURCES),
    registeredOn: isoDate,
    certificateNo: z.string().nullable().meta({
      description: '就业创业证 number (unemployment): district + year + sequence, e.g. 4408032026000123',
    }),
    unemployedSince: isoDate.nullable(),
    cause: z.enum(UNEMPLOYMENT_CAUSES).nullable(),
    seekingWork: z.boolean().nullable(),
    enterpriseId: z.uuid().nullable(),
    enterpriseName: z.string().nullable(),
    hiredOn: isoDate.nullable(),
    jobTitle: z.string().nullable(),
    contractType: z.enum(CONTRACT_TYPES).nullable(),
    contractEndOn: isoDate.nullable(),
    hireId: z.uuid().nullable().meta({ description: 'The platform hire it was filed from' }),
    late: z.boolean().meta({ description: 'Employment filed more than 30 days after the hire' }),
    daysAfterHire: z.number().int().nullable(),
    note: z.string().nullable(),
    endedOn: isoDate.nullable(),
    endReason: z.enum([...DEREGISTRATION_REASONS, 'employed']).nullable(),
    endNote: z.string().nullable(),
    closedByRegistrationId: z.uuid().nullable(),
    createdAt: isoDateTime,
  })
  .meta({ id: 'Registration' });
export type Registration = z.infer<typeof RegistrationSchema>;

export const ListRegistrationsQuerySchema = z
  .object({
    kind: z.enum(REGISTRATION_KINDS).optional(),
    status: z.enum(REGISTRATION_STATUSES).optional(),
    personId: z.uuid().optional(),
    enterpriseId: z.uuid().optional(),
    districtCode: ZhanjiangDistrictSchema.optional(),
    late: z
      .enum(['true', 'false'])
      .optional()
      .meta({ description: 'Only late (or on-time) employment filings' }),
    page: z.coerce.number().int().min(1).max(100000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
export type ListRegistrationsQuery = z.infer<typeof ListRegistrationsQuerySchema>;

export const DeregisterBodySchema = z
  .object({
    reason: z.enum(DEREGISTRATION_REASONS),
    endedOn: isoDate.optional().meta({ description: 'Defaults to today' }),
    note: note.optional(),
  })
  .strict();
export type DeregisterBody = z.infer<typeof DeregisterBodySchema>;

/** Result of filing the platform's hires as employment registrations (also runs every few minutes). */
export const HireSweepResultSchema = z.object({ filed: z.number().int() });

// ---------------------------------------------------------------------------------------------
// Key groups

/**
 * A classification rule (kept as data, with an effective period): the group, bilingual names,
 * the eligibility rule in the policy rule language (facts under `person.*`, GET /api/v1/policy-facts)
 * and how long a classification stays valid before it must be re-checked.
 */
export const KeyGroupRuleSchema = z
  .object({
    id: z.uuid(),
    group: z.enum(KEY_GROUPS),
    nameZh: z.string(),
    nameEn: z.string(),
    descriptionZh: z.string(),
    descriptionEn: z.string(),
    rule: PolicyRuleSchema,
    effectiveFrom: isoDate,
    effectiveTo: isoDate.nullable(),
    validityMonths: z
      .number()
      .int()
      .meta({ description: 'A classification is valid this long unless a date fact ends it sooner' }),
    createdAt: isoDateTime,
  })
  .meta({ id: 'KeyGroupRule' });
export type KeyGroupRule = z.infer<typeof KeyGroupRuleSchema>;

/**
 * A new rule version (city-wide staff): it takes over from `effectiveFrom`; the version in force
 * until then gets `effectiveTo` = the day before.
 */
export const CreateKeyGroupRuleBodySchema = z
  .object({
    group: z.enum(KEY_GROUPS),
    nameZh: z.string().trim().min(1).max(60),
    nameEn: z.string().trim().min(1).max(120),
    descriptionZh: z.string().trim().max(500).default(''),
    descriptionEn: z.string().trim().max(1000).default(''),
    rule: PolicyRuleSchema,
    effectiveFrom: isoDate,
    validityMonths: z.number().int().min(1).max(60).default(12),
  })
  .strict();
export type CreateKeyGroupRuleBody = z.input<typeof CreateKeyGroupRuleBodySchema>;

export const ListKeyGroupRulesQuerySchema = z
  .object({
    asOf: isoDate.optional().meta({ description: 'Only the rules in force that day' }),
    group: z.enum(KEY_GROUPS).optional(),
  })
  .strict();

/** The evidence of a classification: the facts the rule read and their values then. */
export const KeyGroupEvidenceSchema = z.object({
  fact: z.string(),
  value: z.union([z.string(), z.number(), z.boolean(), z.array(z.string()), z.null()]),
});

export const KeyGroupMembershipSchema = z
  .object({
    id: z.uuid(),
    personId: z.uuid(),
    group: z.enum(KEY_GROUPS),
    nameZh: z.string(),
    nameEn: z.string(),
    ruleId: z.uuid(),
    status: z.enum(['active', 'ended']),
    since: isoDate,
    validUntil: isoDate.nullable(),
    evidence: z.array(KeyGroupEvidenceSchema),
    confirmedBy: z.uuid().nullable(),
    confirmedByName: z.string().nullable(),
    confirmedAt: isoDateTime.nullable(),
    endedOn: isoDate.nullable(),
  })
  .meta({ id: 'KeyGroupMembership' });
export type KeyGroupMembership = z.infer<typeof KeyGroupMembershipSchema>;

export const KeyGroupMembershipListSchema = z.object({
  items: z.array(KeyGroupMembershipSchema).meta({ description: 'Active first, then ended ones' }),
});

export const KeyGroupParamsSchema = z.object({ id: z.uuid(), group: z.enum(KEY_GROUPS) });

// ---------------------------------------------------------------------------------------------
// Cases

export const CASE_STATUSES = ['open', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_OPEN_REASONS = ['unemployment_registration', 'key_group', 'graduate', 'manual'] as const;

export const CASE_OUTCOMES = [
  'employed',
  'self_employed',
  'training',
  'moved_away',
  'retired',
  'declined',
  'no_longer_eligible',
  'other',
] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];

export const SERVICE_KINDS = ['job_referral', 'training_referral', 'policy_referral', 'counselling'] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];

export const SERVICE_OUTCOMES = [
  'pending',
  'interviewed',
  'hired',
  'rejected',
  'enrolled',
  'completed',
  'applied',
  'granted',
  'declined',
  'no_show',
  'other',
] as const;
export type ServiceOutcome = (typeof SERVICE_OUTCOMES)[number];

export const CaseServiceSchema = z
  .object({
    id: z.uuid(),
    caseId: z.uuid(),
    kind: z.enum(SERVICE_KINDS),
    postingId: z.uuid().nullable(),
    postingTitle: z.string().nullable(),
    courseId: z.uuid().nullable(),
    policyCode: z.string().nullable(),
    note: z.string().nullable(),
    providedAt: isoDateTime,
    providedBy: z.uuid().nullable(),
    providedByName: z.string().nullable(),
    followUpDue: isoDate.nullable(),
    followUpDoneAt: isoDateTime.nullable(),
    outcome: z.enum(SERVICE_OUTCOMES),
    outcomeNote: z.string().nullable(),
  })
  .meta({ id: 'CaseService' });
export type CaseService = z.infer<typeof CaseServiceSchema>;

export const CaseListItemSchema = z
  .object({
    id: z.uuid(),
    personId: z.uuid(),
    personName: z.string(),
    personPhoneMasked: z.string(),
    personIdNumberMasked: z.string().nullable(),
    districtCode: z.string(),
    officerUserId: z.uuid().nullable(),
    officerName: z.string().nullable(),
    status: z.enum(CASE_STATUSES),
    openReason: z.enum(CASE_OPEN_REASONS),
    openedAt: isoDateTime,
    closedAt: isoDateTime.nullable(),
    outcome: z.enum(CASE_OUTCOMES).nullable(),
    keyGroups: z.array(KeyGroupTagSchema),
    employmentStatus: z.enum(EMPLOYMENT_STATUSES),
    serviceCount: z.number().int(),
    lastServiceAt: isoDateTime.nullable(),
    nextFollowUpDue: isoDate.nullable(),
  })
  .meta({ id: 'CaseListItem' });
export type CaseListItem = z.infer<typeof CaseListItemSchema>;

export const CaseSchema = CaseListItemSchema.extend({
  outcomeNote: z.string().nullable(),
  services: z.array(CaseServiceSchema).meta({ description: 'Newest first' }),
  registrations: z.array(RegistrationSchema),
}).meta({ id: 'Case' });
export type Case = z.infer<typeof CaseSchema>;

export const ListCasesQuerySchema = z
  .object({
    scope: z
      .enum(['mine', 'district'])
      .default('district')
      .meta({ description: 'mine: my cases as officer; district: every case of my districts' }),
    status: z.enum(CASE_STATUSES).optional(),
    districtCode: ZhanjiangDistrictSchema.optional(),
    officerUserId: z.uuid().optional(),
    keyGroup: z.enum(KEY_GROUPS).optional(),
    q: z.string().trim().min(1).max(60).optional().meta({ description: 'Person name (contains)' }),
    page: z.coerce.number().int().min(1).max(100000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
export type ListCasesQuery = z.infer<typeof ListCasesQuerySchema>;

/** A service given to the person. A job referral names the posting; a follow-up date is optional. */
export const CreateServiceBodySchema = z
  .object({
    kind: z.enum(SERVICE_KINDS),
    postingId: z.uuid().optional().meta({ description: 'job_referral: required' }),
    courseId: z.uuid().optional().meta({ description: 'training_referral: the training course, if known' }),
    policyCode: z.string().trim().min(1).max(64).optional().meta({ description: 'policy_referral' }),
    note: note.optional(),
    followUpDue: isoDate.optional().meta({ description: 'When the officer must check the result' }),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.kind === 'job_referral' && !b.postingId)
      ctx.addIssue({
        code: 'custom',
        path: ['postingId'],
        message: 'required',
        params: { code: 'required' },
      });
  });
export type CreateServiceBody = z.input<typeof CreateServiceBodySchema>;

export const ServiceParamsSchema = z.object({ id: z.uuid(), serviceId: z.uuid() });

/** Records the follow-up of a service: its outcome, and optionally the next follow-up date. */
export const FollowUpBodySchema = z
  .object({
    outcome: z.enum(SERVICE_OUTCOMES),
    note: note.optional(),
    nextFollowUpDue: isoDate.optional(),
  })
  .strict();
export type FollowUpBody = z.infer<typeof FollowUpBodySchema>;

/** Reassigns the case to another officer covering its district. */
export const UpdateCaseBodySchema = z.object({ officerUserId: z.uuid() }).strict();

export const CloseCaseBodySchema = z
  .object({ outcome: z.enum(CASE_OUTCOMES), note: note.optional() })
  .strict();

export const OVERDUE_REASONS = ['follow_up_overdue', 'no_service_30_days'] as const;

/** Something an officer owes: a follow-up past due, or a person without any service 30 days after registering. */
export const OverdueItemSchema = z
  .object({
    caseId: z.uuid(),
    personId: z.uuid(),
    personName: z.string(),
    districtCode: z.string(),
    officerUserId: z.uuid().nullable(),
    officerName: z.string().nullable(),
    reason: z.enum(OVERDUE_REASONS),
    serviceId: z.uuid().nullable(),
    dueOn: isoDate,
    daysOverdue: z.number().int(),
  })
  .meta({ id: 'CaseOverdueItem' });
export type OverdueItem = z.infer<typeof OverdueItemSchema>;

export const ListOverdueQuerySchema = z
  .object({
    scope: z.enum(['mine', 'district']).default('district'),
    reason: z.enum(OVERDUE_REASONS).optional(),
    page: z.coerce.number().int().min(1).max(100000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();

export const WorkloadItemSchema = z
  .object({
    officerUserId: z.uuid(),
    officerName: z.string(),
    districtCodes: z.array(z.string()),
    openCases: z.number().int(),
    overdueFollowUps: z.number().int(),
    withoutService30Days: z.number().int(),
  })
  .meta({ id: 'OfficerWorkload' });
export const WorkloadSchema = z.object({ items: z.array(WorkloadItemSchema) });
export const WorkloadQuerySchema = z.object({ districtCode: ZhanjiangDistrictSchema.optional() }).strict();

/** A seeker's own view on the phone: their record, registrations, key groups, case and officer. */
export const MyRegistrationSchema = z
  .object({
    person: PersonSchema.nullable(),
    registrations: z.array(RegistrationSchema),
    keyGroups: z.array(KeyGroupTagSchema),
    case: z
      .object({
        id: z.uuid(),
        status: z.enum(CASE_STATUSES),
        officerName: z.string().nullable(),
        services: z.array(CaseServiceSchema),
      })
      .nullable(),
    timeline: z.array(TimelineEventSchema),
  })
  .meta({ id: 'MyRegistration' });
export type MyRegistration = z.infer<typeof MyRegistrationSchema>;

// ---------------------------------------------------------------------------------------------
// College graduates (item 8)

/**
 * A graduate in the registry. Colleges register their graduates with the graduate's consent;
 * graduates register themselves; staff register walk-ins. Services are tracked as cases (the
 * college_graduate key group opens one).
 */
export const CreateGraduateBodySchema = z
  .object({
    fullName: z.string().trim().min(1).max(60).optional().meta({ description: 'College/staff: required' }),
    idNumber: seekerIdNumberSchema().optional().meta({ description: 'College/staff: required' }),
    phone: PhoneSchema.optional().meta({ description: 'College/staff: required' }),
    school: z.string().trim().min(1).max(100),
    major: z.string().trim().min(1).max(100),
    educationLevel: EducationLevelSchema,
    graduationDate: isoDate,
    residenceDistrictCode: ZhanjiangDistrictSchema.meta({
      description: 'Where the graduate lives or seeks work in Zhanjiang: decides the serving district',
    }),
    consent: z
      .literal(true)
      .meta({ description: 'The graduate agreed to be registered and contacted (PIPL art. 13)' }),
  })
  .strict();
export type CreateGraduateBody = z.input<typeof CreateGraduateBodySchema>;

export const GRADUATE_SOURCES = ['college', 'self', 'staff'] as const;

export const GraduateSchema = z
  .object({
    id: z.uuid(),
    personId: z.uuid(),
    fullName: z.string(),
    phoneMasked: z.string(),
    idNumberMasked: z.string().nullable(),
    school: z.string(),
    major: z.string(),
    educationLevel: z.string(),
    graduationDate: isoDate,
    residenceDistrictCode: z.string(),
    source: z.enum(GRADUATE_SOURCES),
    registeredBy: z.uuid().nullable(),
    consentAt: isoDateTime,
    employmentStatus: z.enum(EMPLOYMENT_STATUSES),
    keyGroups: z.array(KeyGroupTagSchema),
    caseId: z.uuid().nullable(),
    createdAt: isoDateTime,
  })
  .meta({ id: 'Graduate' });
export type Graduate = z.infer<typeof GraduateSchema>;

export const ListGraduatesQuerySchema = z
  .object({
    school: z.string().trim().min(1).max(100).optional(),
    graduationYear: z.coerce.number().int().min(1950).max(2100).optional(),
    districtCode: ZhanjiangDistrictSchema.optional(),
    employmentStatus: z.enum(EMPLOYMENT_STATUSES).optional(),
    page: z.coerce.number().int().min(1).max(100000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
export type ListGraduatesQuery = z.infer<typeof ListGraduatesQuerySchema>;
