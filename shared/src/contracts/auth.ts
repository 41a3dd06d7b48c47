import { z } from 'zod';
import { DisplayNameSchema, PasswordSchema, PhoneSchema, RegionCodeSchema } from './common.js';

/** `partner`: an officer of a partner labour-source region (issue 6), scoped to that region's codes. */
export const ROLES = [
  'seeker',
  'employer',
  'college',
  'agency',
  'staff',
  'admin',
  'partner',
  'auditor',
] as const;
export type Role = (typeof ROLES)[number];
export const SELF_REGISTER_ROLES = ['seeker', 'employer', 'college', 'agency'] as const;
export const ADMIN_CREATED_ROLES = ['staff', 'admin', 'partner', 'auditor'] as const;

/**
 * Permissions are what routes declare. A role grants a fixed set; API tokens carry a subset
 * (their scopes). Records are then checked by each module's *.policy.ts (own enterprise, district).
 */
export const PERMISSIONS = [
  'account:self',
  'reference:read',
  'notifications:self',
  'admin:users',
  'admin:tokens',
  'audit:read',
  // Quick connecting channel (issue 3)
  'enterprise:manage',
  'enterprise:verify',
  'posting:manage',
  'posting:review',
  'resume:self',
  'application:apply',
  'application:manage',
  'candidates:read',
  'alerts:self',
  'postings:feed',
  // Chartered buses (issue 4)
  'travel:request',
  'bus:book',
  'bus:manage',
  'bus:board',
  'bus:handover',
  // Support policies (issue 5)
  'policy:apply',
  'policy:manage',
  'policy:review',
  'payout:manage',
  // Registration and assistance (issue 7)
  'person:manage',
  'person:reveal',
  'registration:self',
  'registration:file',
  'registration:manage',
  'case:manage',
  'welfare:publish',
  'training:provide',
  'training:enroll',
  'ecommerce:manage',
  // Labour shortages, shared employment, colleges, partner regions, job fairs, agencies (issue 6)
  'shortage:manage',
  'labour:coordinate',
  'sharing:consent',
  'college:manage',
  'partner:refer',
  'fair:manage',
  'fair:exhibit',
  'agency:deliver',
  // Monitoring, statistics, early warning, open data (issue 8)
  'monitoring:report',
  'monitoring:manage',
  'stats:read',
  'warnings:manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const BASE: readonly Permission[] = ['account:self', 'reference:read', 'notifications:self'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  seeker: [
    ...BASE,
    'resume:self',
    'application:apply',
    'alerts:self',
    'travel:request',
    'bus:book',
    'policy:apply',
    'registration:self',
    'training:enroll',
    'sharing:consent',
  ],
  employer: [
    ...BASE,
    'enterprise:manage',
    'posting:manage',
    'application:manage',
    'candidates:read',
    'travel:request',
    'bus:handover',
    'policy:apply',
    'registration:file',
    'welfare:publish',
    'shortage:manage',
    'fair:exhibit',
    'monitoring:report',
  ],
  college: [...BASE, 'training:provide', 'college:manage'],
  agency: [...BASE, 'training:provide', 'agency:deliver'],
  // Staff act within their districts: each module's policy checks the record's district.
  staff: [
    ...BASE,
    'enterprise:verify',
    'posting:review',
    'posting:manage',
    'application:manage',
    'candidates:read',
    'travel:request',
    'bus:manage',
    'bus:board',
    // Bureau-level steps (approval, payouts, the catalogue) also need a city-wide officer:
    // see isCityWideStaff in the enterprises module's policy.
    'policy:manage',
    'policy:review',
    'payout:manage',
    'person:manage',
    'person:reveal',
    'registration:manage',
    'case:manage',
    'welfare:publish',
    'training:provide',
    'ecommerce:manage',
    'labour:coordinate',
    'fair:manage',
    'monitoring:manage',
    'stats:read',
    'warnings:manage',
  ],
  // Bureau IT: accounts and settings, not casework. Issue 9, separation of duties: admins do not
  // read the audit trail of their own actions; the auditor (whom an admin creates) does, and
  // nobody can change or delete it (the database refuses).
  admin: [...BASE, 'admin:users', 'admin:tokens'],
  // A partner region's officer (柳州, 陇南…): sees postings targeted at their region, refers their
  // seekers; their account's district codes name their region (e.g. 450200).
  partner: [...BASE, 'partner:refer'],
  // Issue 9: separation of duties. The auditor reads the audit trail and changes nothing.
  auditor: [...BASE, 'audit:read'],
};

/** Scopes an admin may give an API token (machine clients never manage accounts). */
export const TOKEN_SCOPES = [
  'reference:read',
  'postings:feed',
  'stats:read',
] as const satisfies readonly Permission[];

export const UserStatusSchema = z.enum(['active', 'disabled']);

export const MeSchema = z
  .object({
    id: z.uuid(),
    role: z.enum(ROLES),
    phone: z.string().meta({ description: 'Masked: 138****1234' }),
    displayName: z.string(),
    districtCodes: z.array(z.string()),
    mustChangePassword: z.boolean(),
    permissions: z.array(z.enum(PERMISSIONS)),
    createdAt: z.iso.datetime({ offset: true }),
    /** Issue 9: the second factor of this session (see MfaStatusSchema). */
    mfa: z.enum(['off', 'enrol', 'required', 'verified']).optional(),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof MeSchema>;

export const RegisterBodySchema = z
  .object({
    role: z.enum(SELF_REGISTER_ROLES),
    phone: PhoneSchema,
    password: PasswordSchema,
    displayName: DisplayNameSchema,
  })
  .strict();
export type RegisterBody = z.infer<typeof RegisterBodySchema>;

export const LoginBodySchema = z
  .object({
    phone: PhoneSchema,
    password: z.string().min(1).max(128),
    otp: z
      .string()
      .regex(/^\d{6}$/)
      .optional(),
  })
  .strict();
export type LoginBody = z.infer<typeof LoginBodySchema>;

export const ChangePasswordBodySchema = z
  .object({
    currentPassword: z.string().min(1).max(128),
    newPassword: PasswordSchema,
  })
  .strict();

export const UpdateMeBodySchema = z
  .object({
    displayName: DisplayNameSchema.optional(),
    /** Changing the phone (the sign-in name) needs a recent re-authentication (issue 9). */
    phone: PhoneSchema.optional(),
  })
  .strict();

export const AdminUserSchema = z
  .object({
    id: z.uuid(),
    role: z.enum(ROLES),
    phone: z.string().meta({ description: 'Masked' }),
    displayName: z.string(),
    districtCodes: z.array(z.string()),
    status: UserStatusSchema,
    mustChangePassword: z.boolean(),
    lockedUntil: z.iso.datetime({ offset: true }).nullable(),
    lastLoginAt: z.iso.datetime({ offset: true }).nullable(),
    createdAt: z.iso.datetime({ offset: true }),
    /** Issue 9: whether a TOTP second factor is enrolled. */
    mfaEnrolled: z.boolean().optional(),
  })
  .meta({ id: 'AdminUser' });
export type AdminUser = z.infer<typeof AdminUserSchema>;

export const CreateUserBodySchema = z
  .object({
    role: z.enum(ADMIN_CREATED_ROLES),
    phone: PhoneSchema,
    password: PasswordSchema,
    displayName: DisplayNameSchema,
    districtCodes: z.array(RegionCodeSchema).max(20).default([]),
  })
  .strict()
  .superRefine((b, ctx) => {
    if ((b.role === 'staff' || b.role === 'partner') && b.districtCodes.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['districtCodes'],
        message: 'required',
        params: { code: 'required' },
      });
    }
  });
export type CreateUserBody = z.input<typeof CreateUserBodySchema>;

export const ListUsersQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  role: z.enum(ROLES).optional(),
  status: UserStatusSchema.optional(),
  q: z.string().max(60).optional(),
});

export const ResetPasswordResultSchema = z.object({
  temporaryPassword: z.string().meta({ description: 'Shown once; the user must change it at next login' }),
});

export const ApiTokenSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    scopes: z.array(z.enum(PERMISSIONS)),
    createdAt: z.iso.datetime({ offset: true }),
    expiresAt: z.iso.datetime({ offset: true }).nullable(),
    revokedAt: z.iso.datetime({ offset: true }).nullable(),
    lastUsedAt: z.iso.datetime({ offset: true }).nullable(),
  })
  .meta({ id: 'ApiToken' });

export const CreateApiTokenBodySchema = z
  .object({
    name: z.string().trim().min(1).max(80),
    scopes: z.array(z.enum(TOKEN_SCOPES)).min(1),
    expiresAt: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

export const CreatedApiTokenSchema = ApiTokenSchema.extend({
  token: z.string().meta({ description: 'Shown once. Send as `Authorization: Bearer <token>`' }),
});

// ——— Strong authentication (issue 9) ———

/** Roles that must sign in with a TOTP second factor. */
export const MFA_ROLES = ['staff', 'admin', 'auditor'] as const satisfies readonly Role[];
export function roleNeedsMfa(role: Role): boolean {
  return (MFA_ROLES as readonly Role[]).includes(role);
}

/**
 * `off`: the role signs in with a password only; `enrol`: password accepted, a second factor must
 * be set up before anything else; `required`: password accepted, the code is due; `verified`.
 */
export const MfaStatusSchema = z.enum(['off', 'enrol', 'required', 'verified']);
export type MfaStatus = z.infer<typeof MfaStatusSchema>;

const OtpCodeSchema = z.string().regex(/^\d{6}$/);

export const MfaVerifyBodySchema = z
  .object({
    code: OtpCodeSchema.optional(),
    recoveryCode: z.string().trim().min(8).max(40).optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if ((b.code === undefined) === (b.recoveryCode === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['code'], message: 'required', params: { code: 'required' } });
    }
  });

export const MfaEnrolmentSchema = z
  .object({
    secret: z.string().meta({ description: 'Base32 TOTP secret, for typing into an authenticator app' }),
    otpauthUri: z.string().meta({ description: 'otpauth://totp/… URI, shown as a QR code' }),
  })
  .meta({ id: 'MfaEnrolment' });

export const MfaConfirmBodySchema = z.object({ code: OtpCodeSchema }).strict();

export const RecoveryCodesSchema = z
  .object({
    recoveryCodes: z.array(z.string()).meta({ description: 'Shown once; each works once' }),
  })
  .meta({ id: 'RecoveryCodes' });

export const ReauthBodySchema = z
  .object({
    password: z.string().min(1).max(128),
    code: OtpCodeSchema.optional(),
  })
  .strict();

export const ReauthResultSchema = z.object({ reauthUntil: z.iso.datetime({ offset: true }) });

export const SessionInfoSchema = z
  .object({
    id: z.uuid(),
    createdAt: z.iso.datetime({ offset: true }),
    lastSeenAt: z.iso.datetime({ offset: true }),
    expiresAt: z.iso.datetime({ offset: true }),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    current: z.boolean(),
  })
  .meta({ id: 'SessionInfo' });
export type SessionInfo = z.infer<typeof SessionInfoSchema>;

export const SessionListSchema = z.object({ items: z.array(SessionInfoSchema) });
export const EndedSessionsSchema = z.object({ ended: z.number().int() });
