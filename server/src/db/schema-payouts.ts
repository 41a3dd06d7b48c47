import type { ColumnType, Generated } from 'kysely';

/**
 * Table types of the payouts, entrepreneurship and proactive-eligibility tables (migration
 * 20261127T2120; kept apart from schema.ts so that modules built in parallel do not edit one file).
 * Column types follow schema.ts: camelCase via CamelCasePlugin; int8 and date come back as number
 * and 'YYYY-MM-DD' (db/database.ts).
 */
type TimestampNullable = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type DateString = ColumnType<string, string, string>;
type DateStringNullable = ColumnType<string | null, string | null | undefined, string | null>;
type Json = ColumnType<unknown, string, string>;
type JsonNullable = ColumnType<unknown, string | null | undefined, string | null>;

export type PayeeAccountsTable = {
  subjectType: string;
  subjectId: string;
  accountName: string;
  bankName: string;
  accountNumberEnc: string;
  accountTail: string;
  updatedBy: string | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
};

export type PayoutBatchesTable = {
  id: Generated<string>;
  batchNo: string;
  note: string | null;
  createdBy: string;
  createdAt: Generated<Date>;
};

export type PayoutsTable = {
  id: Generated<string>;
  batchId: string;
  applicationId: string;
  policyCode: string;
  periodKey: string;
  subjectType: string;
  subjectId: string;
  districtCode: string | null;
  payeeName: string;
  payeeIdMasked: string | null;
  bankName: string;
  accountNumberEnc: string;
  accountTail: string;
  amountFen: number;
  status: Generated<string>;
  bankReference: string | null;
  failureReason: string | null;
  paidAt: TimestampNullable;
  failedAt: TimestampNullable;
  resultBy: string | null;
  retryOfPayoutId: string | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
};

export type StartupsTable = {
  id: Generated<string>;
  personId: string;
  businessName: string;
  businessType: string;
  creditCode: string | null;
  creditCodeChecksumValid: boolean | null;
  districtCode: string;
  address: string | null;
  industryCode: string;
  startDate: DateString;
  jobsCreated: number;
  status: Generated<string>;
  returnEvidence: JsonNullable;
  returnedWorker: Generated<boolean>;
  createdBy: string | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
};

export type GuaranteeLoansTable = {
  id: Generated<string>;
  startupId: string;
  amountRequestedFen: number;
  amountGrantedFen: number | null;
  bankName: string;
  termMonths: number;
  purpose: string | null;
  status: Generated<string>;
  note: string | null;
  grantedOn: DateStringNullable;
  createdBy: string | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
};

export type LoanDeferralsTable = {
  id: Generated<string>;
  loanId: string;
  months: number;
  reason: string;
  status: Generated<string>;
  reviewNote: string | null;
  reviewedBy: string | null;
  reviewedAt: TimestampNullable;
  createdBy: string | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
};

export type OutreachRunsTable = {
  id: Generated<string>;
  policyCode: string;
  mode: string;
  asOf: DateString;
  requested: number;
  notified: number;
  prepared: number;
  skipped: number;
  results: Json;
  createdBy: string;
  createdAt: Generated<Date>;
};

export type PayoutTables = {
  payeeAccounts: PayeeAccountsTable;
  payoutBatches: PayoutBatchesTable;
  payouts: PayoutsTable;
  startups: StartupsTable;
  guaranteeLoans: GuaranteeLoansTable;
  loanDeferrals: LoanDeferralsTable;
  outreachRuns: OutreachRunsTable;
};
