/**
 * Table types of the training tables (kept apart from schema.ts so that modules built in parallel do not
 * edit one file). Column types follow schema.ts: camelCase via CamelCasePlugin.
 * Public-welfare posts, vocational training and rural e-commerce (issue 7, items 5–7).
 */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type TimestampNullable = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type DateColumn = ColumnType<string, string, string>;
type DateColumnNullable = ColumnType<string | null, string | null | undefined, string | null>;
/** bigint arrives as a number (database.ts sets the INT8 parser). */
type Fen = ColumnType<number, number, number>;
type FenNullable = ColumnType<number | null, number | null | undefined, number | null>;

export type WelfarePostsTable = {
  id: Generated<string>;
  enterpriseId: string;
  districtCode: string;
  title: string;
  duties: string;
  headcount: number;
  placedCount: Generated<number>;
  termMonths: number;
  monthlySubsidyFen: Fen;
  weeklyHours: number;
  status: Generated<string>;
  createdBy: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
};

export type WelfarePlacementsTable = {
  id: Generated<string>;
  postId: string;
  personId: string;
  startsOn: DateColumn;
  termMonths: number;
  plannedEndOn: DateColumn;
  status: Generated<string>;
  endedOn: DateColumnNullable;
  endReason: string | null;
  monthsCounted: number;
  note: string | null;
  endNote: string | null;
  createdBy: string | null;
  endedBy: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
};

export type WelfareAttendanceTable = {
  id: Generated<string>;
  placementId: string;
  /** The first day of the month. */
  month: DateColumn;
  workingDays: number;
  daysPresent: number;
  recordedBy: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
};

export type WelfareSubsidiesTable = {
  id: Generated<string>;
  attendanceId: string;
  placementId: string;
  postId: string;
  personId: string;
  enterpriseId: string;
  districtCode: string;
  month: DateColumn;
  monthlySubsidyFen: Fen;
  amountFen: Fen;
  status: Generated<string>;
  paidAt: TimestampNullable;
  payoutRef: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
};

export type TrainingProvidersTable = {
  id: Generated<string>;
  name: string;
  kind: string;
  licenceNumber: string;
  districtCode: string;
  contactName: string | null;
  contactPhone: string | null;
  ownerUserId: string | null;
  createdBy: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
};

export type TrainingCoursesTable = {
  id: Generated<string>;
  providerId: string;
  occupationCode: string;
  title: string;
  description: Generated<string>;
  hours: number;
  subsidyPerHeadFen: Fen;
  schedule: string;
  capacity: number;
  enrolledCount: Generated<number>;
  districtCode: string;
  startsOn: DateColumn;
  endsOn: DateColumn;
  status: Generated<string>;
  createdBy: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
};

export type TrainingSessionsTable = {
  id: Generated<string>;
  courseId: string;
  position: number;
  startsAt: Timestamp;
  endsAt: Timestamp;
  topic: string | null;
};

export type TrainingEnrollmentsTable = {
  id: Generated<string>;
  courseId: string;
  personId: string;
  status: Generated<string>;
  enrolledVia: string;
  enrolledBy: string | null;
  enrolledAt: Timestamp;
  withdrawnAt: TimestampNullable;
  withdrawReason: string | null;
  completedOn: DateColumnNullable;
  certificateNumber: string | null;
  updatedAt: Timestamp;
};

export type TrainingAttendanceTable = {
  sessionId: string;
  enrollmentId: string;
  present: boolean;
  recordedBy: string | null;
  recordedAt: Timestamp;
};

export type EcommerceProjectsTable = {
  id: Generated<string>;
  name: string;
  regionCode: string;
  countyCode: string;
  villageName: string | null;
  product: string;
  organiser: string;
  organiserPhone: string | null;
  startsOn: DateColumn;
  description: Generated<string>;
  status: Generated<string>;
  createdBy: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
};

export type EcommerceParticipantsTable = {
  id: Generated<string>;
  projectId: string;
  personId: string;
  trained: Generated<boolean>;
  selling: Generated<boolean>;
  monthlyIncomeFen: FenNullable;
  incomeReportedAt: TimestampNullable;
  createdBy: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
};

export type TrainingTables = {
  welfarePosts: WelfarePostsTable;
  welfarePlacements: WelfarePlacementsTable;
  welfareAttendance: WelfareAttendanceTable;
  welfareSubsidies: WelfareSubsidiesTable;
  trainingProviders: TrainingProvidersTable;
  trainingCourses: TrainingCoursesTable;
  trainingSessions: TrainingSessionsTable;
  trainingEnrollments: TrainingEnrollmentsTable;
  trainingAttendance: TrainingAttendanceTable;
  ecommerceProjects: EcommerceProjectsTable;
  ecommerceParticipants: EcommerceParticipantsTable;
};
