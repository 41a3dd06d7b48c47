import { z } from 'zod';
import { OccupationCodeSchema, RegionCodeSchema } from './common.js';
import { BENEFITS, EMPLOYMENT_TYPES } from './postings.js';

export const ALERT_FREQUENCIES = ['instant', 'daily'] as const;
export type AlertFrequency = (typeof ALERT_FREQUENCIES)[number];
export const ALERT_CHANNELS = ['in_app', 'sms', 'email'] as const;
export type AlertChannel = (typeof ALERT_CHANNELS)[number];
/** A seeker keeps at most this many saved searches: each one is matched against every new posting. */
export const MAX_SAVED_SEARCHES = 20;

/**
 * The filters of a saved search: the same meaning as in `GET /api/v1/job-postings`. A
 * `districtCode` of a city or province matches every district inside it; an occupation group code
 * matches its members; `salaryMinFen` is a monthly equivalent the posting can reach.
 */
export const SavedSearchQuerySchema = z
  .object({
    q: z
      .string()
      .trim()
      .max(100)
      .optional()
      .transform((v) => (v === '' ? undefined : v)),
    districtCode: RegionCodeSchema.optional(),
    occupationCode: OccupationCodeSchema.optional(),
    salaryMinFen: z.number().int().min(0).max(100_000_000).optional(),
    employmentType: z.enum(EMPLOYMENT_TYPES).optional(),
    benefits: z.array(z.enum(BENEFITS)).max(BENEFITS.length).optional(),
  })
  .strict();
export type SavedSearchQuery = z.output<typeof SavedSearchQuerySchema>;

/** The stored filters as answered (no transforms: response schemas must encode both ways). */
export const SavedSearchQueryViewSchema = z.object({
  q: z.string().optional(),
  districtCode: z.string().optional(),
  occupationCode: z.string().optional(),
  salaryMinFen: z.number().int().optional(),
  employmentType: z.enum(EMPLOYMENT_TYPES).optional(),
  benefits: z.array(z.enum(BENEFITS)).optional(),
});

export const CreateSavedSearchBodySchema = z
  .object({
    name: z.string().trim().min(1).max(60).optional().meta({ description: 'Defaults to the query words' }),
    query: SavedSearchQuerySchema,
    frequency: z.enum(ALERT_FREQUENCIES).default('instant'),
    channels: z
      .array(z.enum(ALERT_CHANNELS))
      .min(1)
      .max(ALERT_CHANNELS.length)
      .default(['in_app'])
      .transform((c) => [...new Set(c)]),
    email: z.email().max(254).optional().meta({ description: 'Required for the email channel' }),
  })
  .strict()
  .superRefine((b, ctx) => {
    const q = b.query;
    const empty =
      q.q === undefined &&
      q.districtCode === undefined &&
      q.occupationCode === undefined &&
      q.salaryMinFen === undefined &&
      q.employmentType === undefined &&
      (q.benefits === undefined || q.benefits.length === 0);
    // An alert without any filter would announce every posting in the city.
    if (empty) {
      ctx.addIssue({ code: 'custom', path: ['query'], message: 'required', params: { code: 'required' } });
    }
    if (b.channels.includes('email') && !b.email) {
      ctx.addIssue({ code: 'custom', path: ['email'], message: 'required', params: { code: 'required' } });
    }
  });
export type CreateSavedSearchBody = z.input<typeof CreateSavedSearchBodySchema>;

export const SavedSearchSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    query: SavedSearchQueryViewSchema,
    frequency: z.enum(ALERT_FREQUENCIES),
    channels: z.array(z.enum(ALERT_CHANNELS)),
    email: z.string().nullable(),
    active: z.boolean(),
    lastNotifiedAt: z.iso.datetime({ offset: true }).nullable(),
    createdAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'SavedSearch' });
export type SavedSearch = z.infer<typeof SavedSearchSchema>;

export const NOTIFICATION_KINDS = ['job_alert', 'job_digest', 'application_status'] as const;

export const NotificationSchema = z
  .object({
    id: z.uuid(),
    kind: z.string().meta({ description: 'job_alert, job_digest, application_status, …' }),
    title: z.string().meta({ description: 'In the reader’s language' }),
    body: z.record(z.string(), z.unknown()),
    link: z.string().nullable().meta({ description: 'A path in the web app' }),
    readAt: z.iso.datetime({ offset: true }).nullable(),
    createdAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'Notification' });
export type Notification = z.infer<typeof NotificationSchema>;

export const ListNotificationsQuerySchema = z
  .object({
    unreadOnly: z.enum(['true', 'false']).optional(),
    page: z.coerce.number().int().min(1).max(100000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();

export const NotificationListSchema = z.object({
  items: z.array(NotificationSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  unreadCount: z.number().int(),
});

export const MarkAllReadResultSchema = z.object({ updated: z.number().int() });

export const UnsubscribeQuerySchema = z
  .object({
    token: z
      .string()
      .min(16)
      .max(128)
      .regex(/^[A-Za-z0-9_-]+$/),
  })
  .strict();

export const UnsubscribeResultSchema = z.object({
  unsubscribed: z.literal(true),
  savedSearchName: z.string(),
  message: z.string().meta({ description: 'In the reader’s language' }),
  messageZh: z.string(),
  messageEn: z.string(),
});
