/**
 * Table types of the fairs tables (kept apart from schema.ts so that modules built in parallel do not
 * edit one file). Column types follow schema.ts: camelCase via CamelCasePlugin.
 * Partner regions, job fairs, HR service agencies (issue 6, items 5–7; migration 20261127T2210).
 */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type TimestampNullable = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type DateColumn = ColumnType<string, string, string>;
type DateColumnNullable = ColumnType<string | null, string | null | undefined, string | null>;
/** bigint arrives as a number (database.ts sets the INT8 parser). */
type Fen = ColumnType<number, number, number>;
/** A JSON column with a database default: inserted as a JSON string or left out. */
type JsonWithDefault = ColumnType<unknown, string | undefined, string>;

export type PartnerRegionsTable = {
  id: Generated<string>;
  regionCode: string;
  name: string;
  agreementStartsOn: DateColumn;
  agreementEndsOn: DateColumnNullable;
  status: Generated<string>;
  contacts: JsonWithDefault;
  note: Generated<string>;
  createdBy: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
};

export type PartnerRegionOfficersTable = {
  partnerRegionId: string;
  userId: string;
  attachedBy: string | null;
  attachedAt: Timestamp;
};

export type PostingRegionTargetsTable = {
  postingId: string;
  partnerRegionId: string;
  targetedBy: string | null;
  targetedAt: Timestamp;
};

export type PartnerReferralsTable = {
  id: Generated<string>;
  partnerRegionId: string;
  seekerUserId: string;
  postingId: string;
  note: Generated<string>;
  referredBy: string;
  createdAt: Timestamp;
};

export type JobFairsTable = {
  id: Generated<string>;
  theme: string;
  titleZh: string;
  titleEn: string;
  description: Generated<string>;
  mode: string;
  venue: string | null;
  districtCode: string;
  startsAt: Timestamp;
  endsAt: Timestamp;
  targetGroups: Generated<string[]>;
  targetRegionCodes: Generated<string[]>;
  boothCapacity: number | null;
  approvedBooths: Generated<number>;
  status: Generated<string>;
  publishedAt: TimestampNullable;
  closedAt: TimestampNullable;
  createdBy: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
};

export type JobFairCountersTable = {
  fairId: string;
  visitors: Generated<number>;
  registrations: Generated<number>;
  checkIns: Generated<number>;
};

export type JobFairBoothsTable = {
  id: Generated<string>;
  fairId: string;
  enterpriseId: string;
  boothName: string;
  introduction: Generated<string>;
  contactName: string;
  contactPhone: string;
  status: Generated<string>;
  reviewReason: string | null;
  reviewedBy: string | null;
  reviewedAt: TimestampNullable;
  createdBy: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
};

export type JobFairBoothPostingsTable = { boothId: string; postingId: string; fairId: string };

export type JobFairVisitsTable = { fairId: string; seekerUserId: string; firstAt: Timestamp };

export type JobFairAttributionsTable = {
  fairId: string;
  boothId: string;
  postingId: string;
  seekerUserId: string;
  openedAt: Timestamp;
};

export type JobFairRegistrationsTable = {
  id: Generated<string>;
  fairId: string;
  seekerUserId: string;
  codeSalt: Buffer;
  createdAt: Timestamp;
};

export type JobFairCheckInsTable = {
  registrationId: string;
  fairId: string;
  checkedInBy: string;
  checkedInAt: Timestamp;
};

export type AgenciesTable = {
  id: Generated<string>;
  ownerUserId: string;
  name: string;
  licenceNumber: string;
  creditCode: string | null;
  districtCode: string;
  address: Generated<string>;
  contactName: string;
  contactPhone: string;
  services: string[];
  status: Generated<string>;
  statusReason: string | null;
  verifiedAt: TimestampNullable;
  verifiedBy: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
};

export type ServiceContractsTable = {
  id: Generated<string>;
  agencyId: string;
  title: string;
  kind: string;
  description: Generated<string>;
  occupationCodes: Generated<string[]>;
  targetCount: number;
  priceFen: Fen;
  startsOn: DateColumn;
  endsOn: DateColumn;
  status: Generated<string>;
  closedReason: string | null;
  closedBy: string | null;
  closedAt: TimestampNullable;
  verifiedCount: Generated<number>;
  createdBy: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
};

export type ServiceContractEnterprisesTable = { contractId: string; enterpriseId: string };

export type ServiceDeliverablesTable = {
  id: Generated<string>;
  contractId: string;
  kind: string;
  enterpriseId: string | null;
  hireId: string | null;
  personId: string | null;
  occupationCode: string | null;
  placedOn: DateColumnNullable;
  quantity: Generated<number>;
  description: Generated<string>;
  status: Generated<string>;
  reviewReason: string | null;
  reviewedBy: string | null;
  reviewedAt: TimestampNullable;
  reportedBy: string;
  createdAt: Timestamp;
  updatedAt: Timestamp;
};

export type FairTables = {
  partnerRegions: PartnerRegionsTable;
  partnerRegionOfficers: PartnerRegionOfficersTable;
  postingRegionTargets: PostingRegionTargetsTable;
  partnerReferrals: PartnerReferralsTable;
  jobFairs: JobFairsTable;
  jobFairCounters: JobFairCountersTable;
  jobFairBooths: JobFairBoothsTable;
  jobFairBoothPostings: JobFairBoothPostingsTable;
  jobFairVisits: JobFairVisitsTable;
  jobFairAttributions: JobFairAttributionsTable;
  jobFairRegistrations: JobFairRegistrationsTable;
  jobFairCheckIns: JobFairCheckInsTable;
  agencies: AgenciesTable;
  serviceContracts: ServiceContractsTable;
  serviceContractEnterprises: ServiceContractEnterprisesTable;
  serviceDeliverables: ServiceDeliverablesTable;
};
