import type { ColumnType, Generated } from 'kysely';

/**
 * Table types of the policies tables (kept apart from schema.ts so that modules built in parallel do not
 * edit one file). Column types follow schema.ts: camelCase via CamelCasePlugin.
 */
type TimestampNullable = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json = ColumnType<unknown, string, string>;
type JsonNullable = ColumnType<unknown, string | null | undefined, string | null>;
type JsonWithDefault = ColumnType<unknown, string | undefined, string>;
type DateString = ColumnType<string, string, string>;
/** bigint columns are parsed to numbers (db/database.ts); money stays far below 2^53. */
type FenNullable = ColumnType<number | null, number | null | undefined, number | null>;

export type PoliciesTable = {
  id: Generated<string>;
  code: string;
  version: number;
  isLatest: Generated<boolean>;
  kind: string;
  applicantType: string;
  nameZh: string;
  nameEn: string;
  summaryZh: Generated<string>;
  summaryEn: Generated<string>;
  basisZh: Generated<string>;
  basisEn: Generated<string>;
  effectiveFrom: DateString;
  effectiveTo: ColumnType<string | null, string | null, string | null>;
  eligibility: Json;
  requiredDocuments: JsonWithDefault;
  formFields: JsonWithDefault;
  amount: JsonNullable;
  amountCapFen: FenNullable;
  period: string;
  reviewChain: Generated<string>;
  noticeDays: number;
  dualApprovalThresholdFen: FenNullable;
  createdBy: string | null;
  createdAt: Generated<Date>;
};

export type PolicyApplicationsTable = {
  id: Generated<string>;
  policyId: string;
  policyCode: string;
  policyVersion: number;
  subjectType: string;
  enterpriseId: string | null;
  personId: string | null;
  subjectId: ColumnType<string, never, never>;
  districtCode: string;
  status: string;
  periodKey: string;
  formData: JsonWithDefault;
  amountFen: FenNullable;
  amount: JsonNullable;
  eligibility: JsonNullable;
  applicantUserId: string | null;
  preparedBy: string | null;
  districtReviewerIds: Generated<string[]>;
  approvalsNeeded: Generated<number>;
  firstApproverId: string | null;
  lastNote: string | null;
  submittedAt: TimestampNullable;
  noticeStartsAt: TimestampNullable;
  noticeEndsAt: TimestampNullable;
  approvedAt: TimestampNullable;
  paidAt: TimestampNullable;
  payoutId: string | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
};

export type PolicyApplicationDocumentsTable = {
  applicationId: string;
  fileId: string;
  docCode: string;
};

export type PolicyApplicationEventsTable = {
  id: Generated<number>;
  applicationId: string;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  note: string | null;
  actorUserId: string | null;
  actorKind: string;
  at: Generated<Date>;
};

export type PolicyObjectionsTable = {
  id: Generated<string>;
  applicationId: string;
  raisedBy: string;
  reason: string;
  status: Generated<string>;
  resolutionNote: string | null;
  resolvedBy: string | null;
  resolvedAt: TimestampNullable;
  createdAt: Generated<Date>;
};

export type PolicyTables = {
  policies: PoliciesTable;
  policyApplications: PolicyApplicationsTable;
  policyApplicationDocuments: PolicyApplicationDocumentsTable;
  policyApplicationEvents: PolicyApplicationEventsTable;
  policyObjections: PolicyObjectionsTable;
};
