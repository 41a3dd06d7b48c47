/**
 * Table types of the assistance tables (kept apart from schema.ts so that modules built in parallel do not
 * edit one file). Column types follow schema.ts: camelCase via CamelCasePlugin.
 * Migration 20261127T2130-registration-cases.
 */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type TimestampNullable = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type DateColumn = ColumnType<string, string, string>;
type DateColumnNullable = ColumnType<string | null, string | null | undefined, string | null>;
type Json = ColumnType<unknown, string, string>;

export type PersonProfilesTable = {
  personId: string;
  residenceDistrictCode: string | null;
  address: string | null;
  educationLevel: string | null;
  school: string | null;
  major: string | null;
  graduationDate: DateColumnNullable;
  ruralHousehold: Generated<boolean>;
  veteran: Generated<boolean>;
  poorHousehold: Generated<boolean>;
  disability: Generated<boolean>;
  evidenceNote: string | null;
  updatedBy: string | null;
  updatedAt: Timestamp;
};

export type CertificateSequencesTable = { districtCode: string; year: number; lastValue: number };

export type EmploymentCertificatesTable = {
  personId: string;
  certificateNo: string;
  districtCode: string;
  issuedOn: DateColumn;
  issuedBy: string | null;
  createdAt: Generated<Date>;
};

export type RegistrationsTable = {
  id: Generated<string>;
  personId: string;
  kind: string;
  status: Generated<string>;
  districtCode: string;
  source: string;
  registeredOn: DateColumn;
  certificateNo: string | null;
  unemployedSince: DateColumnNullable;
  cause: string | null;
  seekingWork: boolean | null;
  enterpriseId: string | null;
  hiredOn: DateColumnNullable;
  jobTitle: string | null;
  contractType: string | null;
  contractEndOn: DateColumnNullable;
  hireId: string | null;
  late: Generated<boolean>;
  note: string | null;
  endedOn: DateColumnNullable;
  endReason: string | null;
  endNote: string | null;
  closedByRegistrationId: string | null;
  createdBy: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
};

export type PersonEventsTable = {
  id: Generated<string>;
  personId: string;
  at: Timestamp;
  kind: string;
  registrationId: string | null;
  caseId: string | null;
  detail: Json;
  actorUserId: string | null;
};

export type KeyGroupRulesTable = {
  id: Generated<string>;
  groupCode: string;
  nameZh: string;
  nameEn: string;
  descriptionZh: Generated<string>;
  descriptionEn: Generated<string>;
  rule: Json;
  effectiveFrom: DateColumn;
  effectiveTo: DateColumnNullable;
  validityMonths: Generated<number>;
  seedKey: string | null;
  createdBy: string | null;
  createdAt: Timestamp;
};

export type KeyGroupMembershipsTable = {
  id: Generated<string>;
  personId: string;
  groupCode: string;
  ruleId: string;
  status: Generated<string>;
  since: DateColumn;
  validUntil: DateColumnNullable;
  evidence: Json;
  confirmedBy: string | null;
  confirmedAt: TimestampNullable;
  endedOn: DateColumnNullable;
  createdAt: Timestamp;
  updatedAt: Timestamp;
};

export type CasesTable = {
  id: Generated<string>;
  personId: string;
  districtCode: string;
  officerUserId: string | null;
  status: Generated<string>;
  openReason: string;
  openedAt: Timestamp;
  serviceClockFrom: DateColumn;
  closedAt: TimestampNullable;
  outcome: string | null;
  outcomeNote: string | null;
  closedByRegistrationId: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
};

export type CaseServicesTable = {
  id: Generated<string>;
  caseId: string;
  kind: string;
  postingId: string | null;
  courseId: string | null;
  policyCode: string | null;
  note: string | null;
  providedAt: Timestamp;
  providedBy: string | null;
  followUpDue: DateColumnNullable;
  followUpDoneAt: TimestampNullable;
  outcome: Generated<string>;
  outcomeNote: string | null;
  dedupeKey: string | null;
  createdAt: Timestamp;
};

export type GraduatesTable = {
  id: Generated<string>;
  personId: string;
  school: string;
  major: string;
  educationLevel: string;
  graduationDate: DateColumn;
  residenceDistrictCode: string;
  source: string;
  registeredBy: string | null;
  consentId: string | null;
  consentAt: Timestamp;
  createdAt: Timestamp;
  updatedAt: Timestamp;
};

export type AssistanceTables = {
  personProfiles: PersonProfilesTable;
  certificateSequences: CertificateSequencesTable;
  employmentCertificates: EmploymentCertificatesTable;
  registrations: RegistrationsTable;
  personEvents: PersonEventsTable;
  keyGroupRules: KeyGroupRulesTable;
  keyGroupMemberships: KeyGroupMembershipsTable;
  cases: CasesTable;
  caseServices: CaseServicesTable;
  graduates: GraduatesTable;
};
