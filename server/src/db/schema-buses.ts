/**
 * Table types of the buses tables (kept apart from schema.ts so that modules built in parallel do not
 * edit one file). Column types follow schema.ts: camelCase via CamelCasePlugin.
 */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type TimestampNullable = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type DateColumn = ColumnType<string, string, string>;
type DateColumnNullable = ColumnType<string | null, string | null | undefined, string | null>;
/** bigint arrives as a number (database.ts sets the INT8 parser). */
type FenNullable = ColumnType<number | null, number | null | undefined, number | null>;
/** numeric arrives from pg as a string. */
type NumericNullable = ColumnType<string | null, number | string | null | undefined, number | string | null>;
type Json = ColumnType<unknown, string, string>;

export type TravelRequestsTable = {
  id: Generated<string>;
  personId: string;
  status: Generated<string>;
  originRegionCode: string;
  originPrefectureCode: string;
  pickupPoint: string;
  destinationDistrictCode: string;
  enterpriseId: string | null;
  applicationId: string | null;
  earliestDate: DateColumn;
  latestDate: DateColumnNullable;
  contactPhone: string;
  health: Json;
  healthAttention: boolean;
  consentId: string | null;
  consentNoticeVersion: string;
  consentAt: Timestamp;
  consentRecordedBy: string | null;
  note: string | null;
  createdByKind: string;
  createdBy: string | null;
  cancelledAt: TimestampNullable;
  createdAt: Timestamp;
  updatedAt: Timestamp;
};

export type BusTripsTable = {
  id: Generated<string>;
  code: string;
  status: string;
  originRegionCode: string;
  pickupPoint: string;
  stops: ColumnType<unknown, string | undefined, string>;
  destinationDistrictCode: string;
  destinationDistrictCodes: string[];
  departAt: Timestamp;
  arriveBy: Timestamp;
  capacity: number;
  loadLimitPercent: number;
  seatsForSale: number;
  seatsTaken: Generated<number>;
  plate: string | null;
  driverName: string | null;
  driverPhone: string | null;
  escortUserId: string | null;
  note: string | null;
  cancelReason: string | null;
  costFen: FenNullable;
  costPayer: string | null;
  invoiceRef: string | null;
  version: Generated<number>;
  createdBy: string | null;
  openedAt: TimestampNullable;
  departedAt: TimestampNullable;
  arrivedAt: TimestampNullable;
  handedOverAt: TimestampNullable;
  cancelledAt: TimestampNullable;
  createdAt: Timestamp;
  updatedAt: Timestamp;
};

export type BusTripCostSharesTable = {
  tripId: string;
  position: number;
  payerKind: string;
  enterpriseId: string | null;
  amountFen: number;
};

export type BusTripPlannedRequestsTable = {
  tripId: string;
  travelRequestId: string;
};

export type BusBookingsTable = {
  id: Generated<string>;
  tripId: string;
  personId: string;
  travelRequestId: string | null;
  status: string;
  /** tstzrange: written with sql`tstzrange(...)`, read as text. */
  travelWindow: ColumnType<string, unknown, unknown>;
  waitlistSeq: ColumnType<number | null, unknown, unknown>;
  boardingSalt: Buffer;
  bookedBy: string | null;
  movedFromBookingId: string | null;
  movedToBookingId: string | null;
  cancelReason: string | null;
  confirmedAt: TimestampNullable;
  boardedAt: TimestampNullable;
  boardedBy: string | null;
  boardingMethod: string | null;
  boardingTemperature: NumericNullable;
  boardingSymptoms: Generated<string[]>;
  boardingHealthCode: string | null;
  refusalReasons: Generated<string[]>;
  boardingNote: string | null;
  handoverStatus: string | null;
  handoverNote: string | null;
  handoverBy: string | null;
  handoverAt: TimestampNullable;
  createdAt: Timestamp;
  updatedAt: Timestamp;
};

export type BusTables = {
  travelRequests: TravelRequestsTable;
  busTrips: BusTripsTable;
  busTripCostShares: BusTripCostSharesTable;
  busTripPlannedRequests: BusTripPlannedRequestsTable;
  busBookings: BusBookingsTable;
};
