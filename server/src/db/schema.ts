import type { ColumnType, Generated } from 'kysely';
import type { AssistanceTables } from './schema-assistance.js';
import type { BusTables } from './schema-buses.js';
import type { FairTables } from './schema-fairs.js';
import type { MonitoringTables } from './schema-monitoring.js';
import type { PayoutTables } from './schema-payouts.js';
import type { PolicyTables } from './schema-policies.js';
import type { PrivacyTables } from './schema-privacy.js';
import type { SecurityTables } from './schema-security.js';
import type { ShortageTables } from './schema-shortages.js';
import type { TrainingTables } from './schema-training.js';

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
  /** Issue 9 (migration 20261128T0100): second factor passed; last proof of credentials. */
  mfaVerifiedAt: TimestampNullable;
  reauthAt: TimestampNullable;
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
  /** Hash chain (migration 20261128T0120): set at commit by the database trigger, never by code. */
  seq: ColumnType<number | null, never, never>;
  prevHash: ColumnType<string | null, never, never>;
  hash: ColumnType<string | null, never, never>;
};

/** The audit chain's head: last seq and hash, moved only by the chain trigger. */
export type AuditChainHeadTable = {
  singleton: boolean;
  seq: number;
  hash: string;
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

export type Database = ChannelTables &
  BusTables &
  PolicyTables &
  PayoutTables &
  AssistanceTables &
  TrainingTables &
  ShortageTables &
  FairTables &
  MonitoringTables &
  SecurityTables &
  PrivacyTables & {
    appSettings: AppSettingsTable;
    users: UsersTable;
    sessions: SessionsTable;
    apiTokens: ApiTokensTable;
    auditLog: AuditLogTable;
    auditChainHead: AuditChainHeadTable;
    idempotencyKeys: IdempotencyKeysTable;
    referenceDatasets: ReferenceDatasetsTable;
    regions: RegionsTable;
    occupations: OccupationsTable;
    industries: IndustriesTable;
    educationLevels: EducationLevelsTable;
  };

// ——— Quick connecting channel (migration 20261127T1900) ———
type Json = ColumnType<unknown, string, string>;
/** A JSON column with a database default: inserted as a JSON string or left out. */
type JsonWithDefault = ColumnType<unknown, string | undefined, string>;
type DateString = ColumnType<string, string, string>;

export type FilesTable = {
  id: Generated<string>;
  kind: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  originalName: string | null;
  content: Buffer;
  uploadedBy: string | null;
  createdAt: Generated<Date>;
};

export type ConsentsTable = {
  id: Generated<string>;
  userId: string;
  kind: string;
  noticeVersion: string;
  context: JsonWithDefault;
  grantedAt: Generated<Date>;
  withdrawnAt: TimestampNullable;
};

export type EnterprisesTable = {
  id: Generated<string>;
  name: string;
  creditCode: string;
  creditCodeChecksumValid: boolean;
  industryCode: string;
  districtCode: string;
  size: string;
  address: string;
  contactName: string;
  contactPhone: string;
  status: Generated<string>;
  statusReason: string | null;
  licenceFileId: string | null;
  verifiedAt: TimestampNullable;
  verifiedBy: string | null;
  ownerUserId: string;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
};

export type EnterpriseMembersTable = {
  enterpriseId: string;
  phone: string;
  role: string;
  invitedBy: string | null;
  createdAt: Generated<Date>;
  removedAt: TimestampNullable;
};

export type JobPostingsTable = {
  id: Generated<string>;
  enterpriseId: string;
  title: string;
  occupationCode: string;
  description: string;
  districtCode: string;
  address: Generated<string>;
  headcount: number;
  hiredCount: Generated<number>;
  salaryMinFen: number;
  salaryMaxFen: number;
  salaryPeriod: string;
  salaryMonthMinFen: number;
  salaryMonthMaxFen: number;
  employmentType: string;
  educationLevel: string | null;
  experienceYears: Generated<number>;
  skills: Generated<string[]>;
  benefits: Generated<string[]>;
  targetRegionCodes: Generated<string[]>;
  expiresOn: DateString;
  status: string;
  flags: JsonWithDefault;
  reviewReason: string | null;
  reviewedBy: string | null;
  reviewedAt: TimestampNullable;
  publishedAt: TimestampNullable;
  closedReason: string | null;
  createdBy: string | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
  version: Generated<number>;
  /** Written with postingSearchVector (modules/search): a tsvector literal of jieba words, never to_tsvector. */
  searchVector: ColumnType<string, unknown, unknown>;
  searchText: Generated<string>;
};

export type ResumesTable = {
  userId: string;
  fullName: string;
  idNumberEnc: string | null;
  idNumberHash: string | null;
  idNumberMasked: string | null;
  birthDate: ColumnType<string | null, string | null, string | null>;
  gender: string | null;
  householdRegionCode: string | null;
  educationLevel: string | null;
  skills: Generated<string[]>;
  experiences: JsonWithDefault;
  certificates: JsonWithDefault;
  desiredOccupationCodes: Generated<string[]>;
  desiredDistrictCodes: Generated<string[]>;
  expectedSalaryMinFen: number | null;
  availableFrom: ColumnType<string | null, string | null, string | null>;
  willingToRelocate: Generated<boolean>;
  currentRegionCode: string | null;
  experienceYears: Generated<number>;
  keyGroups: Generated<string[]>;
  keyGroupConsentId: string | null;
  visibleToEmployers: Generated<boolean>;
  visibilityConsentId: string | null;
  searchVector: ColumnType<string, unknown, unknown>;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
};

export type ApplicationsTable = {
  id: Generated<string>;
  postingId: string;
  seekerUserId: string;
  enterpriseId: string;
  status: string;
  note: string | null;
  interviewAt: TimestampNullable;
  interviewPlace: string | null;
  rejectReason: string | null;
  resumeSnapshot: Json;
  consentId: string;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
};

export type ApplicationEventsTable = {
  id: Generated<number>;
  applicationId: string;
  fromStatus: string | null;
  toStatus: string;
  note: string | null;
  actorUserId: string | null;
  at: Generated<Date>;
};

export type HiresTable = {
  id: Generated<string>;
  applicationId: string;
  postingId: string;
  enterpriseId: string;
  seekerUserId: string;
  hiredAt: Generated<Date>;
};

export type SavedSearchesTable = {
  id: Generated<string>;
  userId: string;
  name: string;
  query: Json;
  frequency: string;
  channels: Generated<string[]>;
  unsubscribeToken: string;
  active: Generated<boolean>;
  lastNotifiedAt: TimestampNullable;
  createdAt: Generated<Date>;
  /** Migration 20261127T2020: where e-mail alerts go. */
  email: string | null;
};

export type NotificationsTable = {
  id: Generated<string>;
  userId: string;
  kind: string;
  titleZh: string;
  titleEn: string;
  body: JsonWithDefault;
  link: string | null;
  dedupeKey: string | null;
  readAt: TimestampNullable;
  createdAt: Generated<Date>;
};

export type OutboxTable = {
  id: Generated<number>;
  channel: string;
  recipient: string;
  template: string;
  payload: JsonWithDefault;
  status: Generated<string>;
  attempts: Generated<number>;
  lastError: string | null;
  dedupeKey: string | null;
  createdAt: Generated<Date>;
  sentAt: TimestampNullable;
  /** Migration 20261127T2020. */
  userId: string | null;
  nextAttemptAt: ColumnType<Date, Date | string | undefined, Date | string>;
};

/** Migration 20261127T2020: one daily job-alert digest per user and day. */
export type AlertDigestsTable = {
  userId: string;
  digestOn: DateString;
  matchCount: number;
  createdAt: Generated<Date>;
};

/** Migration 20261127T2050: the people the bureau serves, with or without an account. */
export type PersonsTable = {
  id: Generated<string>;
  userId: string | null;
  fullName: string;
  phone: string;
  idNumberEnc: string | null;
  idNumberHash: string | null;
  idNumberMasked: string | null;
  birthDate: ColumnType<string | null, string | null | undefined, string | null>;
  gender: string | null;
  householdRegionCode: string | null;
  createdBy: string | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
};

export type ChannelTables = {
  persons: PersonsTable;
  files: FilesTable;
  consents: ConsentsTable;
  enterprises: EnterprisesTable;
  enterpriseMembers: EnterpriseMembersTable;
  jobPostings: JobPostingsTable;
  resumes: ResumesTable;
  applications: ApplicationsTable;
  applicationEvents: ApplicationEventsTable;
  hires: HiresTable;
  savedSearches: SavedSearchesTable;
  notifications: NotificationsTable;
  outbox: OutboxTable;
  alertDigests: AlertDigestsTable;
};
