import { z } from 'zod';
import { DisplayNameSchema } from './common.js';

/**
 * What personal information is processed for (PIPL art. 14, 17). Each purpose has a legal basis
 * (art. 13): consent, a contract the person is party to, or a statutory duty. Sensitive purposes
 * (art. 28: identity numbers, key-group status — poverty, disability —, health) and sharing with
 * enterprises (art. 23) need a SEPARATE consent, given and withdrawn one purpose at a time.
 */
export const PRIVACY_PURPOSES = [
  'platform_account',
  'resume_sharing_with_enterprises',
  'identity_number',
  'key_group_status',
  'health_declaration',
  'graduate_registry',
  'application_resume_share',
] as const;
export type PrivacyPurpose = (typeof PRIVACY_PURPOSES)[number];

/** Purposes a person grants and withdraws on the privacy page (POST /me/consents…). */
export const SELF_SERVICE_PURPOSES = [
  'resume_sharing_with_enterprises',
  'identity_number',
  'key_group_status',
  'health_declaration',
] as const satisfies readonly PrivacyPurpose[];
export type SelfServicePurpose = (typeof SELF_SERVICE_PURPOSES)[number];

export const LEGAL_BASES = ['consent', 'contract', 'legal_duty'] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];

export const PURPOSE_INFO: Record<PrivacyPurpose, { basis: LegalBasis; sensitive: boolean }> = {
  // Art. 13(2): necessary to provide the service the person signed up for; ended by cancellation.
  platform_account: { basis: 'contract', sensitive: false },
  // Art. 23: providing personal information to another handler (the enterprise) needs consent.
  resume_sharing_with_enterprises: { basis: 'consent', sensitive: false },
  identity_number: { basis: 'consent', sensitive: true },
  key_group_status: { basis: 'consent', sensitive: true },
  health_declaration: { basis: 'consent', sensitive: true },
  graduate_registry: { basis: 'consent', sensitive: false },
  // Given with each application (the enterprise receives a snapshot); withdrawn by withdrawing it.
  application_resume_share: { basis: 'consent', sensitive: false },
};

export const CONSENT_CHANNELS = ['web', 'desk_paper', 'system'] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];

export const PrivacyNoticeSchema = z
  .object({
    version: z.string(),
    effectiveFrom: z.iso.datetime({ offset: true }),
    titleZh: z.string(),
    titleEn: z.string(),
    bodyZh: z.string(),
    bodyEn: z.string(),
  })
  .meta({ id: 'PrivacyNotice' });
export type PrivacyNotice = z.infer<typeof PrivacyNoticeSchema>;

export const ConsentRecordSchema = z
  .object({
    id: z.uuid(),
    purpose: z.string(),
    action: z.enum(['grant', 'withdraw']),
    noticeVersion: z.string(),
    channel: z.enum(CONSENT_CHANNELS),
    at: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'ConsentRecord' });
export type ConsentRecord = z.infer<typeof ConsentRecordSchema>;

export const PurposeStateSchema = z
  .object({
    purpose: z.enum(PRIVACY_PURPOSES),
    basis: z.enum(LEGAL_BASES),
    sensitive: z.boolean(),
    selfService: z.boolean().meta({ description: 'Granted and withdrawn on the privacy page' }),
    granted: z.boolean().meta({ description: 'Latest ledger row is a grant' }),
    noticeVersion: z.string().nullable(),
    grantedAt: z.iso.datetime({ offset: true }).nullable(),
    withdrawnAt: z.iso.datetime({ offset: true }).nullable(),
  })
  .meta({ id: 'ConsentPurposeState' });
export type PurposeState = z.infer<typeof PurposeStateSchema>;

export const MyConsentsSchema = z
  .object({
    notice: PrivacyNoticeSchema,
    purposes: z.array(PurposeStateSchema),
    history: z.array(ConsentRecordSchema).meta({ description: 'Every grant and withdrawal, newest first' }),
  })
  .meta({ id: 'MyConsents' });
export type MyConsents = z.infer<typeof MyConsentsSchema>;

export const GrantConsentBodySchema = z
  .object({
    purpose: z.enum(SELF_SERVICE_PURPOSES),
    noticeVersion: z.string().min(1).max(20).meta({ description: 'The notice version the person read' }),
  })
  .strict();
export type GrantConsentBody = z.infer<typeof GrantConsentBodySchema>;

export const PurposeParamsSchema = z.object({ purpose: z.enum(SELF_SERVICE_PURPOSES) });

export const UpdatePersonalDataBodySchema = z
  .object({
    fullName: z.string().trim().min(1).max(60).optional(),
    displayName: DisplayNameSchema.optional(),
  })
  .strict()
  .refine((b) => b.fullName !== undefined || b.displayName !== undefined, {
    params: { code: 'required' },
    message: 'required',
    path: ['fullName'],
  });
export type UpdatePersonalDataBody = z.infer<typeof UpdatePersonalDataBodySchema>;

export const PersonalDataSchema = z
  .object({
    displayName: z.string(),
    fullName: z.string().nullable().meta({ description: 'Person record and résumé name' }),
  })
  .meta({ id: 'PersonalData' });
export type PersonalData = z.infer<typeof PersonalDataSchema>;

export const CancelAccountBodySchema = z
  .object({ password: z.string().min(1).max(128).meta({ description: 'Re-entered to confirm' }) })
  .strict();

export const CancelAccountResultSchema = z
  .object({
    cancelledAt: z.iso.datetime({ offset: true }),
    restricted: z
      .boolean()
      .meta({ description: 'Some records are kept, restricted, because a law requires them' }),
    legalRetention: z
      .array(z.string())
      .meta({ description: 'Kinds of records kept (policy_applications, payouts…)' }),
  })
  .meta({ id: 'CancelAccountResult' });
export type CancelAccountResult = z.infer<typeof CancelAccountResultSchema>;

export const DataExportSchema = z
  .object({
    generatedAt: z.iso.datetime({ offset: true }),
    userId: z.uuid(),
    personId: z.uuid().nullable(),
    noticeVersion: z.string(),
    note: z
      .string()
      .meta({ description: 'How to read the export (masked identity number, excluded fields)' }),
    sections: z
      .record(z.string(), z.array(z.record(z.string(), z.unknown())))
      .meta({ description: 'One array of rows per table, keyed by table name (camelCase)' }),
  })
  .meta({ id: 'DataExport' });
export type DataExport = z.infer<typeof DataExportSchema>;

/** Purposes staff record from a signed paper form at the desk (channel desk_paper). */
export const DESK_PURPOSES = [
  'identity_number',
  'key_group_status',
  'health_declaration',
  'graduate_registry',
] as const satisfies readonly PrivacyPurpose[];
export type DeskPurpose = (typeof DESK_PURPOSES)[number];

export const DeskConsentBodySchema = z
  .object({
    purpose: z.enum(DESK_PURPOSES),
    action: z.enum(['grant', 'withdraw']),
    noticeVersion: z.string().min(1).max(20).meta({ description: 'The notice version on the signed form' }),
  })
  .strict();
export type DeskConsentBody = z.infer<typeof DeskConsentBodySchema>;
