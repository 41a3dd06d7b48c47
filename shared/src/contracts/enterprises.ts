import { z } from 'zod';
import { CreditCodeSchema } from '../validators/credit-code.js';
import { DisplayNameSchema, IndustryCodeSchema, PhoneSchema, RegionCodeSchema } from './common.js';

export const ENTERPRISE_SIZES = ['micro', 'small', 'medium', 'large'] as const;
export const ENTERPRISE_STATUSES = ['pending', 'verified', 'rejected', 'suspended'] as const;

export const CreateEnterpriseBodySchema = z
  .object({
    name: z.string().trim().min(2).max(100),
    creditCode: CreditCodeSchema,
    industryCode: IndustryCodeSchema,
    districtCode: RegionCodeSchema,
    size: z.enum(ENTERPRISE_SIZES),
    address: z.string().trim().min(2).max(200),
    contactName: DisplayNameSchema,
    contactPhone: PhoneSchema,
  })
  .strict();
export type CreateEnterpriseBody = z.infer<typeof CreateEnterpriseBodySchema>;

export const UpdateEnterpriseBodySchema = CreateEnterpriseBodySchema.omit({ creditCode: true })
  .partial()
  .strict();

export const EnterpriseSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    creditCode: z.string(),
    creditCodeChecksumValid: z
      .boolean()
      .meta({ description: 'false: the check character does not match; staff confirm at verification' }),
    industryCode: z.string(),
    districtCode: z.string(),
    size: z.enum(ENTERPRISE_SIZES),
    address: z.string(),
    contactName: z.string(),
    contactPhone: z.string().meta({ description: 'Masked for readers outside the enterprise and staff' }),
    status: z.enum(ENTERPRISE_STATUSES),
    statusReason: z.string().nullable(),
    hasLicence: z.boolean(),
    verifiedAt: z.iso.datetime({ offset: true }).nullable(),
    createdAt: z.iso.datetime({ offset: true }),
    myRole: z.enum(['owner', 'clerk']).nullable().meta({ description: 'The caller’s membership, if any' }),
  })
  .meta({ id: 'Enterprise' });
export type Enterprise = z.infer<typeof EnterpriseSchema>;

export const VerifyEnterpriseBodySchema = z
  .object({
    decision: z.enum(['verify', 'reject']).default('verify'),
    reason: z.string().trim().max(500).optional(),
    confirmChecksum: z.boolean().optional().meta({
      description: 'Required true to verify an enterprise whose credit code fails the check character',
    }),
  })
  .strict()
  .superRefine((b, ctx) => {
    // A rejection must tell the clerk what to fix.
    if (b.decision === 'reject' && !b.reason) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'required', params: { code: 'required' } });
    }
  });
export type VerifyEnterpriseBody = z.input<typeof VerifyEnterpriseBodySchema>;

const queryBool = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1')
  .meta({ description: 'true or false' });

/**
 * Employers always list their own enterprises (`mine` is implied); staff list the enterprises of
 * their districts, or, with `mine=true`, those they are members of (none, normally).
 */
export const ListEnterprisesQuerySchema = z
  .object({
    mine: queryBool.optional(),
    status: z.enum(ENTERPRISE_STATUSES).optional(),
    districtCode: RegionCodeSchema.optional().meta({ description: 'Staff: one of their districts' }),
    q: z.string().trim().max(60).optional().meta({ description: 'Part of the name or the credit code' }),
    page: z.coerce.number().int().min(1).max(100000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
export type ListEnterprisesQuery = z.infer<typeof ListEnterprisesQuerySchema>;

export const InviteClerkBodySchema = z.object({ phone: PhoneSchema }).strict();
export const MemberParamsSchema = z.object({
  id: z.uuid(),
  phone: PhoneSchema,
});
export const EnterpriseMemberSchema = z
  .object({
    phone: z.string(),
    role: z.enum(['owner', 'clerk']),
    displayName: z.string().nullable(),
    joined: z.boolean().meta({ description: 'An employer account with this phone exists' }),
    createdAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'EnterpriseMember' });
export type EnterpriseMember = z.infer<typeof EnterpriseMemberSchema>;

export const LICENCE_MEDIA_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
/** Business licences: PDF, JPEG or PNG, recognised by content (magic bytes), at most 5 MB. */
export const LICENCE_MAX_BYTES = 5 * 1024 * 1024;
