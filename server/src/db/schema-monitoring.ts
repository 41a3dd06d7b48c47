/**
 * Table types of monitoring and early warning (issue 8), kept apart from schema.ts so that modules
 * built in parallel do not edit one file. camelCase via CamelCasePlugin.
 */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type TimestampNullable = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type DateColumn = ColumnType<string, string, string>;
type DateColumnNullable = ColumnType<string | null, string | null | undefined, string | null>;
type Json = ColumnType<unknown, string | undefined, string>;

export type MonitoredEnterprisesTable = {
  enterpriseId: string;
  districtCode: string;
  active: Generated<boolean>;
  firstMonth: DateColumn;
  note: string | null;
  designatedBy: string | null;
  designatedAt: Timestamp;
  endedAt: TimestampNullable;
};

export type MonitoringReportsTable = {
  id: Generated<string>;
  enterpriseId: string;
  districtCode: string;
  month: DateColumn;
  startHeadcount: number;
  endHeadcount: number;
  hires: number;
  sepLayoff: number;
  sepResignation: number;
  sepContractEnd: number;
  sepRetirement: number;
  sepOther: number;
  note: string | null;
  late: Generated<boolean>;
  version: Generated<number>;
  submittedBy: string | null;
  submittedAt: Timestamp;
  createdAt: Timestamp;
};

export type WarningRulesTable = {
  id: Generated<string>;
  code: string;
  kind: string;
  nameZh: string;
  nameEn: string;
  params: Json;
  severity: string;
  effectiveFrom: DateColumn;
  effectiveTo: DateColumnNullable;
  active: Generated<boolean>;
  seedKey: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  /** Migration 20261128T0020: bumped by every change; a trigger records each version. */
  version: Generated<number>;
  createdBy: string | null;
  updatedBy: string | null;
};

/** Every version of a rule (written by a trigger on warning_rules). */
export type WarningRuleVersionsTable = {
  ruleId: string;
  version: number;
  nameZh: string;
  nameEn: string;
  params: Json;
  severity: string;
  effectiveFrom: DateColumn;
  effectiveTo: DateColumnNullable;
  active: boolean;
  changedBy: string | null;
  changedAt: Timestamp;
};

export type WarningAlertsTable = {
  id: Generated<string>;
  ruleId: string;
  kind: string;
  severity: string;
  subjectType: string;
  subjectId: string;
  period: string;
  districtCode: string | null;
  titleZh: string;
  titleEn: string;
  detail: Json;
  status: Generated<string>;
  assigneeUserId: string | null;
  raisedAt: Timestamp;
  acknowledgedAt: TimestampNullable;
  acknowledgedBy: string | null;
  resolvedAt: TimestampNullable;
  resolvedBy: string | null;
  resolutionNote: string | null;
  /** The rule version that raised it (migration 20261128T0020). */
  ruleVersion: number;
};

/** Monthly rollups of the indicators over the big tables (migration 20261128T0010). */
export type StatsMonthlyTable = {
  metric: string;
  month: DateColumn;
  districtCode: string;
  occupationCode: Generated<string>;
  value: ColumnType<string, string | number, string | number>;
};

/** Contributions written by the triggers, folded into stats_monthly by stats_monthly_fold(). */
export type StatsMonthlyDeltasTable = {
  id: Generated<string>;
  metric: string;
  month: DateColumn;
  districtCode: string;
  occupationCode: Generated<string>;
  delta: ColumnType<string, string | number, string | number>;
};

export type MonitoringTables = {
  monitoredEnterprises: MonitoredEnterprisesTable;
  monitoringReports: MonitoringReportsTable;
  warningRules: WarningRulesTable;
  warningAlerts: WarningAlertsTable;
  warningRuleVersions: WarningRuleVersionsTable;
  statsMonthly: StatsMonthlyTable;
  statsMonthlyDeltas: StatsMonthlyDeltasTable;
};
