import { WARNING_KINDS, type Indicators, type WarningKind } from '@jiuye/shared';
import type { Executor } from '../../db/database.js';
import { CITY_DISTRICT_CODES } from '../enterprises/index.js';
import { alertCountsOfMonth } from './report-alerts.queries.js';
import { areaPattern, CITY_CODE } from './statistics.period.js';
import * as q from './statistics.queries.js';

/**
 * The bureau's monthly report as data: the one structure both the .xlsx and the .pdf are written
 * from, so that the two formats cannot disagree. Every table has one row per area — the city
 * (440800) first, then each district — with the area's code and name in the first two columns.
 */
export type ReportValue = string | number | null;
/** How a column's values are shown: counts, ratios (two decimals), money in yuan (two decimals). */
export type ReportFormat = 'text' | 'int' | 'ratio' | 'yuan';
export type ReportColumn = { zh: string; en: string; format: ReportFormat };
export type ReportTable = {
  /** The sheet name of the workbook and the section heading of the PDF. */
  titleZh: string;
  titleEn: string;
  columns: ReportColumn[];
  rows: ReportValue[][];
};
export type MonthlyReportData = {
  month: string;
  titleZh: string;
  titleEn: string;
  generatedAt: Date;
  tables: ReportTable[];
};

export const REPORT_AREAS: readonly string[] = [CITY_CODE, ...CITY_DISTRICT_CODES];

const AREA_COLUMNS: ReportColumn[] = [
  { zh: '区域代码', en: 'Code', format: 'text' },
  { zh: '区域', en: 'Area', format: 'text' },
];

type IndicatorColumn = { key: keyof Indicators; zh: string; en: string; format: ReportFormat };
const INDICATOR_TABLES: { titleZh: string; titleEn: string; columns: IndicatorColumn[] }[] = [
  {
    titleZh: '劳动力市场',
    titleEn: 'Labour market',
    columns: [
      { key: 'vacancies', zh: '需求人数', en: 'Vacancies', format: 'int' },
      { key: 'seekers', zh: '求职人数', en: 'Seekers', format: 'int' },
      { key: 'supplyDemandRatio', zh: '求人倍率', en: 'Supply-demand ratio', format: 'ratio' },
      { key: 'postingsIn', zh: '新增岗位', en: 'Postings in', format: 'int' },
      { key: 'postingsOut', zh: '下架岗位', en: 'Postings out', format: 'int' },
      { key: 'hires', zh: '平台录用', en: 'Platform hires', format: 'int' },
      { key: 'newJobs', zh: '新增就业', en: 'New jobs', format: 'int' },
      { key: 'monitoredLayoffs', zh: '监测企业裁员', en: 'Monitored layoffs', format: 'int' },
    ],
  },
  {
    titleZh: '就业失业登记',
    titleEn: 'Registrations',
    columns: [
      {
        key: 'registeredUnemployed',
        zh: '登记失业人数（期末）',
        en: 'Registered unemployed (end)',
        format: 'int',
      },
      {
        key: 'newUnemploymentRegistrations',
        zh: '新增失业登记',
        en: 'New unemployment registrations',
        format: 'int',
      },
      { key: 'seekersOut', zh: '失业登记注销', en: 'Unemployment registrations ended', format: 'int' },
      {
        key: 'employmentRegistrations',
        zh: '就业登记（非平台录用）',
        en: 'Employment registrations (other)',
        format: 'int',
      },
    ],
  },
  {
    titleZh: '重点群体',
    titleEn: 'Key groups',
    columns: [
      { key: 'keyGroupPeopleServed', zh: '服务人数', en: 'People served', format: 'int' },
      { key: 'keyGroupPeopleEmployed', zh: '实现就业', en: 'People employed', format: 'int' },
    ],
  },
  {
    titleZh: '点对点包车',
    titleEn: 'Chartered buses',
    columns: [
      { key: 'busTrips', zh: '发车趟次', en: 'Trips', format: 'int' },
      { key: 'workersCarried', zh: '运送人数', en: 'Workers carried', format: 'int' },
    ],
  },
  {
    titleZh: '政策与资金发放',
    titleEn: 'Policies and payouts',
    columns: [
      { key: 'policyApplications', zh: '政策申请', en: 'Applications', format: 'int' },
      { key: 'policyApprovals', zh: '审批通过', en: 'Approvals', format: 'int' },
      { key: 'payoutsPaid', zh: '发放笔数', en: 'Payouts', format: 'int' },
      { key: 'payoutsPaidFen', zh: '发放金额（元）', en: 'Paid (yuan)', format: 'yuan' },
    ],
  },
  {
    titleZh: '职业培训',
    titleEn: 'Training',
    columns: [{ key: 'trainingCompleted', zh: '结业人数', en: 'Completed', format: 'int' }],
  },
];

/** Alert kinds as the report names them. */
export const ALERT_KIND_LABELS: Record<WarningKind, { zh: string; en: string }> = {
  layoff: { zh: '企业裁员', en: 'Layoffs' },
  supply_demand_ratio: { zh: '求人倍率过高', en: 'High supply-demand ratio' },
  registrations_rising: { zh: '失业登记上升', en: 'Registrations rising' },
  shortage_unresolved: { zh: '缺口未解决', en: 'Shortages open' },
  payout_waiting: { zh: '逾期未发放', en: 'Payouts late' },
};

const CHINA_OFFSET_MS = 8 * 3600_000;

/** `yyyy-mm-dd HH:mm` in China time (UTC+8, no daylight saving). */
export function chinaDateTime(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** A value as the PDF prints it (the workbook keeps numbers as numbers). */
export function formatValue(v: ReportValue, format: ReportFormat): string {
  if (v === null) return '—';
  if (typeof v === 'string') return v;
  switch (format) {
    case 'ratio':
    case 'yuan':
      return v.toFixed(2);
    case 'int':
    case 'text':
      return String(v);
  }
}

/** Gathers the monthly report of the whole city and each district (a few indexed queries per area). */
export async function buildMonthlyReport(
  db: Executor,
  month: string,
  generatedAt: Date,
): Promise<MonthlyReportData> {
  const areas = [...REPORT_AREAS];
  const [names, figures, monitoring, alerts] = await Promise.all([
    q.regionNames(db, areas),
    Promise.all(areas.map(async (a) => q.indicatorsFor(db, month, areaPattern(a)))),
    q.monitoringTotals(db, month),
    alertCountsOfMonth(db, month),
  ]);
  const label = (area: string): [string, string] => [area, names.get(area) ?? area];

  const tables: ReportTable[] = INDICATOR_TABLES.map((t) => ({
    titleZh: t.titleZh,
    titleEn: t.titleEn,
    columns: [...AREA_COLUMNS, ...t.columns.map((c) => ({ zh: c.zh, en: c.en, format: c.format }))],
    rows: areas.map((area, i) => {
      const f = figures[i] as Indicators;
      return [
        ...label(area),
        ...t.columns.map((c) => {
          const v = f[c.key];
          return c.format === 'yuan' && v !== null ? v / 100 : v;
        }),
      ];
    }),
  }));

  // Monitored enterprises' reports: the city row is the sum of its districts.
  const monitoringKeys = ['reports', 'start', 'end', 'hires', 'separations', 'layoffs'] as const;
  const byDistrict = new Map(monitoring.map((m) => [m.districtCode, m]));
  tables.push({
    titleZh: '企业用工监测',
    titleEn: 'Enterprise monitoring',
    columns: [
      ...AREA_COLUMNS,
      { zh: '报告企业数', en: 'Reports', format: 'int' },
      { zh: '期初人数', en: 'Start', format: 'int' },
      { zh: '期末人数', en: 'End', format: 'int' },
      { zh: '新增', en: 'Hires', format: 'int' },
      { zh: '减员', en: 'Separations', format: 'int' },
      { zh: '其中裁员', en: 'Layoffs', format: 'int' },
    ],
    rows: areas.map((area) => {
      const rows = area === CITY_CODE ? monitoring : [byDistrict.get(area)].filter((m) => m !== undefined);
      return [...label(area), ...monitoringKeys.map((k) => rows.reduce((s, m) => s + m[k], 0))];
    }),
  });

  // Early-warning alerts of the month: the city row counts every alert, city-level ones included.
  tables.push({
    titleZh: '预警汇总',
    titleEn: 'Early-warning alerts',
    columns: [
      ...AREA_COLUMNS,
      ...WARNING_KINDS.map((k) => ({ ...ALERT_KIND_LABELS[k], format: 'int' as const })),
      { zh: '合计', en: 'Total', format: 'int' },
      { zh: '未办结', en: 'Unresolved', format: 'int' },
    ],
    rows: areas.map((area) => {
      const rows = area === CITY_CODE ? alerts : alerts.filter((a) => a.districtCode === area);
      const sum = (pick: (a: (typeof alerts)[number]) => number) => rows.reduce((s, a) => s + pick(a), 0);
      return [
        ...label(area),
        ...WARNING_KINDS.map((k) => sum((a) => (a.kind === k ? a.total : 0))),
        sum((a) => a.total),
        sum((a) => a.unresolved),
      ];
    }),
  });

  const [y, m] = month.split('-') as [string, string];
  return {
    month,
    titleZh: `湛江市人力资源和社会保障局 ${y}年${Number(m)}月 月度就业监测报告`,
    titleEn: `Zhanjiang Human Resources and Social Security Bureau — monthly employment monitoring report, ${month}`,
    generatedAt,
    tables,
  };
}
