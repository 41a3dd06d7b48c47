import type { ColumnType, Generated } from 'kysely';

/** Column types as Kysely sees them (camelCase via CamelCasePlugin; tables are snake_case). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type TimestampNullable = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export type AppSettingsTable = { key: string; value: unknown; updatedAt: Generated<Date> };

export type UsersTable = {
  id: Generated<string>;
  phone: string;
  displayName: string;
  role: string;
  status: Generated<string>;
  passwordHash: string;
  mustChangePassword: Generated<boolean>;
  districtCodes: Generated<string[]>;
  failedLoginCount: Generated<number>;
  lastFailedLoginAt: TimestampNullable;
  lockedUntil: TimestampNullable;
  lastLoginAt: TimestampNullable;
  passwordChangedAt: Generated<Date>;
  createdBy: string | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
};

export type SessionsTable = {
  id: Generated<string>;
  tokenHash: Buffer;
  userId: string;
  createdAt: Generated<Date>;
  lastSeenAt: Timestamp;
  idleTimeoutSeconds: number;
  expiresAt: Timestamp;
  revokedAt: TimestampNullable;
  revokedReason: string | null;
  ip: string | null;
  userAgent: string | null;
};

export type ApiTokensTable = {
  id: Generated<string>;
  name: string;
  tokenHash: Buffer;
  scopes: string[];
  createdBy: string;
  createdAt: Generated<Date>;
  expiresAt: TimestampNullable;
  revokedAt: TimestampNullable;
  lastUsedAt: TimestampNullable;
};

export type AuditLogTable = {
  id: Generated<string>;
  at: Generated<Date>;
  actorUserId: string | null;
  actorTokenId: string | null;
  actorRole: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  summary: unknown;
  ip: string | null;
  requestId: string | null;
};

export type IdempotencyKeysTable = {
  caller: string;
  key: string;
  method: string;
  path: string;
  requestHash: string;
  statusCode: number | null;
  responseBody: unknown;
  createdAt: Generated<Date>;
  completedAt: TimestampNullable;
};

export type ReferenceDatasetsTable = {
  name: string;
  version: string;
  checksum: string;
  rowCount: number;
  loadedAt: Generated<Date>;
};
export type RegionsTable = { code: string; parentCode: string | null; level: number; name: string };
export type OccupationsTable = {
  code: string;
  parentCode: string | null;
  level: number;
  nameZh: string;
  nameEn: string;
  isco08: string | null;
  keywords: string[];
};
export type IndustriesTable = { code: string; nameZh: string; nameEn: string };
export type EducationLevelsTable = { code: string; nameZh: string; nameEn: string; rank: number };

export type Database = {
  appSettings: AppSettingsTable;
  users: UsersTable;
  sessions: SessionsTable;
  apiTokens: ApiTokensTable;
  auditLog: AuditLogTable;
  idempotencyKeys: IdempotencyKeysTable;
  referenceDatasets: ReferenceDatasetsTable;
  regions: RegionsTable;
  occupations: OccupationsTable;
  industries: IndustriesTable;
  educationLevels: EducationLevelsTable;
};
