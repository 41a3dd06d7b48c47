import type { ColumnType, Generated } from 'kysely';

/**
 * Table types of TOTP second factors, recovery codes, re-authentication (issue 9), kept apart from schema.ts so that modules built in parallel do not edit one
 * file. camelCase via CamelCasePlugin. (The session columns mfa_verified_at and reauth_at are on
 * SessionsTable in schema.ts.)
 */
type TimestampNullable = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export type UserMfaTable = {
  userId: string;
  /** The confirmed TOTP secret, sealed with platform/crypto.ts encryptField. */
  secretSealed: string | null;
  /** A secret being enrolled, until a code from it confirms it. */
  pendingSecretSealed: string | null;
  confirmedAt: TimestampNullable;
  lastUsedStep: number | null;
  failedCount: Generated<number>;
  lastFailedAt: TimestampNullable;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
};

export type MfaRecoveryCodesTable = {
  id: Generated<string>;
  userId: string;
  codeHash: string;
  usedAt: TimestampNullable;
  createdAt: Generated<Date>;
};

export type SecurityTables = {
  userMfa: UserMfaTable;
  mfaRecoveryCodes: MfaRecoveryCodesTable;
};
