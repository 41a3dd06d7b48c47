/**
 * Table types of the shortages tables (kept apart from schema.ts so that modules built in parallel do not
 * edit one file). Column types follow schema.ts: camelCase via CamelCasePlugin.
 * Labour shortages, shared employment, colleges and key enterprises (issue 6, items 1–4).
 */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type TimestampNullable = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type DateColumn = ColumnType<string, string, string>;
type DateColumnNullable = ColumnType<string | null, string | null | undefined, string | null>;
/** bigint arrives as a number (database.ts sets the INT8 parser). */
type Fen = ColumnType<number, number, number>;

export type LabourShortagesTable = {
  id: Generated<string>;
  enterpriseId: string;
  title: string | null;
  occupationCode: string;
  headcount: number;
  headcountFilled: Generated<number>;
  deadline: DateColumn;
  neededUntil: DateColumnNullable;
  districtCode: string;
  wageMinFen: Fen;
  wageMaxFen: Fen;
  wagePeriod: string;
  urgency: string;
  cause: string;
  causeNote: string | null;
  status: Generated<string>;
  resolutionMethod: string | null;
  resolutionNote: string | null;
  resolvedAt: TimestampNullable;
  cancelledAt: TimestampNullable;
  reportedBy: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
};

export type LabourShortagePostingsTable = {
  shortageId: string;
  postingId: string;
};

export type IdleWorkforceTable = {
  id: Generated<string>;
  enterpriseId: string;
  districtCode: string;
  workerCount: number;
  reservedCount: Generated<number>;
  occupationCodes: string[];
  skills: Generated<string[]>;
  availableFrom: DateColumn;
  availableUntil: DateColumn;
  note: string | null;
  status: Generated<string>;
  createdBy: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
};

export type SharingAgreementsTable = {
  id: Generated<string>;
  shortageId: string;
  idleWorkforceId: string;
  lenderEnterpriseId: string;
  borrowerEnterpriseId: string;
  workerCount: number;
  listedCount: Generated<number>;
  consentedCount: Generated<number>;
  startsOn: DateColumn;
  endsOn: DateColumn;
  wageFen: Fen;
  wagePeriod: string;
  wagePayer: string;
  injuryInsuranceCarrier: string;
  terms: string | null;
  status: Generated<string>;
  lenderSignedAt: TimestampNullable;
  lenderSignedBy: string | null;
  borrowerSignedAt: TimestampNullable;
  borrowerSignedBy: string | null;
  activatedAt: TimestampNullable;
  startedOn: DateColumnNullable;
  endedOn: DateColumnNullable;
  returnedOn: DateColumnNullable;
  cancelReason: string | null;
  createdBy: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
};

export type SharingAgreementWorkersTable = {
  agreementId: string;
  personId: string;
  consent: Generated<string>;
  consentMethod: string | null;
  consentAt: TimestampNullable;
  consentSignedOn: DateColumnNullable;
  consentFileId: string | null;
  consentRecordedBy: string | null;
  isOpen: Generated<boolean>;
  addedBy: string | null;
  createdAt: Timestamp;
};

export type CollegesTable = {
  id: Generated<string>;
  ownerUserId: string;
  name: string;
  districtCode: string;
  contactName: string | null;
  contactPhone: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
};

export type CollegeCohortsTable = {
  id: Generated<string>;
  collegeId: string;
  major: string;
  occupationCodes: string[];
  studentCount: number;
  reservedCount: Generated<number>;
  listedCount: Generated<number>;
  graduationDate: DateColumn;
  districtCode: string;
  educationLevel: string | null;
  description: string | null;
  status: Generated<string>;
  createdBy: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
};

export type CohortStudentsTable = {
  id: Generated<string>;
  cohortId: string;
  personId: string;
  consentSignedOn: DateColumn;
  consentFileId: string | null;
  shareWithEnterprises: Generated<boolean>;
  addedBy: string | null;
  createdAt: Timestamp;
};

export type EnterpriseDemandsTable = {
  id: Generated<string>;
  enterpriseId: string;
  districtCode: string;
  kind: string;
  occupationCodes: string[];
  count: number;
  reservedCount: Generated<number>;
  startsOn: DateColumn;
  endsOn: DateColumn;
  description: string | null;
  status: Generated<string>;
  createdBy: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
};

export type CollegeAgreementsTable = {
  id: Generated<string>;
  cohortId: string;
  demandId: string;
  collegeId: string;
  enterpriseId: string;
  kind: string;
  studentCount: number;
  startsOn: DateColumn;
  endsOn: DateColumn;
  terms: string | null;
  status: Generated<string>;
  collegeSignedAt: TimestampNullable;
  collegeSignedBy: string | null;
  enterpriseSignedAt: TimestampNullable;
  enterpriseSignedBy: string | null;
  signedAt: TimestampNullable;
  completedAt: TimestampNullable;
  hiredCount: number | null;
  outcomeNote: string | null;
  cancelReason: string | null;
  createdBy: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
};

export type KeyEnterprisesTable = {
  enterpriseId: string;
  reason: string;
  officerUserId: string | null;
  isActive: Generated<boolean>;
  markedBy: string | null;
  markedAt: Timestamp;
  unmarkedAt: TimestampNullable;
  updatedAt: Timestamp;
};

export type EnterpriseServiceLogsTable = {
  id: Generated<string>;
  enterpriseId: string;
  officerUserId: string;
  servedOn: DateColumn;
  kind: string;
  notes: string;
  internalNote: string | null;
  createdAt: Timestamp;
};

export type EnterpriseServiceProblemsTable = {
  id: Generated<string>;
  enterpriseId: string;
  serviceLogId: string;
  category: string;
  description: string;
  deadline: DateColumn;
  status: Generated<string>;
  resolutionNote: string | null;
  resolvedAt: TimestampNullable;
  resolvedBy: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
};

export type ShortageTables = {
  labourShortages: LabourShortagesTable;
  labourShortagePostings: LabourShortagePostingsTable;
  idleWorkforce: IdleWorkforceTable;
  sharingAgreements: SharingAgreementsTable;
  sharingAgreementWorkers: SharingAgreementWorkersTable;
  colleges: CollegesTable;
  collegeCohorts: CollegeCohortsTable;
  cohortStudents: CohortStudentsTable;
  enterpriseDemands: EnterpriseDemandsTable;
  collegeAgreements: CollegeAgreementsTable;
  keyEnterprises: KeyEnterprisesTable;
  enterpriseServiceLogs: EnterpriseServiceLogsTable;
  enterpriseServiceProblems: EnterpriseServiceProblemsTable;
};
