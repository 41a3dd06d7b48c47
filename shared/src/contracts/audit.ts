import { z } from 'zod';
import { ROLES } from './auth.js';

/** Issue 9: the audit trail as the auditor reads it. */
export const AuditEntrySchema = z
  .object({
    id: z.string().meta({ description: 'Row id (a bigint, as a string)' }),
    seq: z.number().int().nullable().meta({ description: 'Position in the hash chain; null if unchained' }),
    at: z.iso.datetime({ offset: true }),
    actorUserId: z.uuid().nullable(),
    actorTokenId: z.uuid().nullable(),
    actorRole: z.string().nullable(),
    actorName: z.string().nullable().meta({ description: 'Display name of the acting user, if any' }),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string().nullable(),
    summary: z.record(z.string(), z.unknown()),
    ip: z.string().nullable(),
    requestId: z.string().nullable(),
    hash: z.string().nullable(),
  })
  .meta({ id: 'AuditEntry' });
export type AuditLogEntry = z.infer<typeof AuditEntrySchema>;

const Iso = z.iso.datetime({ offset: true });

export const ListAuditQuerySchema = z
  .object({
    actor: z.uuid().optional().meta({ description: 'Acting user id or API token id' }),
    actorRole: z.enum([...ROLES, 'api_token', 'anonymous', 'system']).optional(),
    action: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .regex(/^[a-z0-9_.:-]+$/i)
      .optional()
      .meta({
        description: 'Exact action, or a prefix ending before a dot: `posting` matches `posting.approve`',
      }),
    entityType: z.string().trim().min(1).max(100).optional(),
    entityId: z.string().trim().min(1).max(200).optional(),
    from: Iso.optional(),
    to: Iso.optional(),
    cursor: z
      .string()
      .regex(/^\d{1,18}$/)
      .optional()
      .meta({ description: 'nextCursor of the previous page' }),
    limit: z.coerce.number().int().min(1).max(100).default(50),
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) <= Date.parse(q.to), {
    path: ['to'],
    message: 'to must not be before from',
  });
export type ListAuditQuery = z.infer<typeof ListAuditQuerySchema>;

export const AuditPageSchema = z
  .object({ items: z.array(AuditEntrySchema), nextCursor: z.string().nullable() })
  .meta({ id: 'AuditPage' });
export type AuditPage = z.infer<typeof AuditPageSchema>;

export const AUDIT_BREAK_KINDS = [
  'edited',
  'gap',
  'reordered',
  'unchained',
  'tail_missing',
  'head_mismatch',
] as const;
export type AuditBreakKind = (typeof AUDIT_BREAK_KINDS)[number];

export const AuditVerifyResultSchema = z
  .object({
    ok: z.boolean(),
    checked: z.number().int().meta({ description: 'Chained rows walked' }),
    head: z.object({ seq: z.number().int(), hash: z.string() }).nullable(),
    firstBreak: z
      .object({
        kind: z.enum(AUDIT_BREAK_KINDS),
        seq: z.number().int().nullable(),
        id: z.string().nullable(),
        detail: z.string(),
      })
      .nullable(),
    unsealed: z.object({ count: z.number().int(), oldestAgeSeconds: z.number().nullable() }).meta({
      description:
        'Rows not yet sealed into the chain (the sealer runs every second); older than a few seconds is a break (unchained)',
    }),
    verifiedAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'AuditVerifyResult' });
export type AuditVerifyResult = z.infer<typeof AuditVerifyResultSchema>;
