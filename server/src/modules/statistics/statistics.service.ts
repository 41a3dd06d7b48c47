import type { IndicatorReport, Indicators, OpenData } from '@jiuye/shared';
import type { Executor } from '../../db/database.js';
import type { RequestContext } from '../../platform/context.js';
import { CITY_DISTRICT_CODES } from '../enterprises/index.js';
import { areaPattern, CITY_CODE, shiftMonth } from './statistics.period.js';
import * as q from './statistics.queries.js';

/** Indicators of a month and area with the previous month beside them (period on period). */
export async function indicatorReport(db: Executor, period: string, area: string): Promise<IndicatorReport> {
  const pattern = areaPattern(area);
  const previousPeriod = shiftMonth(period, -1);
  const [indicators, previous] = await Promise.all([
    q.indicatorsFor(db, period, pattern),
    q.indicatorsFor(db, previousPeriod, pattern),
  ]);
  const change: Record<string, number | null> = {};
  for (const key of Object.keys(indicators) as (keyof Indicators)[]) {
    const now = indicators[key];
    const before = previous[key];
    change[key] =
      now === null || before === null || before === 0
        ? null
        : Math.round(((now - before) / before) * 10000) / 10000;
  }
  return { period, area, indicators, previousPeriod, previous, change };
}

export async function supplyDemand(
  ctx: RequestContext,
  query: { period: string; area: string; by: 'district' | 'occupation' },
) {
  const rows = await q.supplyDemandBy(ctx.db, query.period, areaPattern(query.area), query.by);
  return { period: query.period, area: query.area, by: query.by, rows };
}

/**
 * Published cells counting fewer than this many people are suppressed (null + flag): a cell of 1–4
 * people in a district and month can identify them. Totals are not published, so a suppressed cell
 * cannot be recovered by subtraction.
 */
export const MIN_CELL_SIZE = 5;

function cell(n: number): { value: number | null; suppressed: boolean } {
  return n < MIN_CELL_SIZE ? { value: null, suppressed: true } : { value: n, suppressed: false };
}

/** Anonymised district aggregates of a month for researchers and partner systems. */
export async function openData(db: Executor, period: string): Promise<OpenData> {
  const rows = await Promise.all(
    CITY_DISTRICT_CODES.map(async (districtCode) => {
      const i = await q.indicatorsFor(db, period, districtCode);
      const vacancies = cell(i.vacancies);
      const seekers = cell(i.seekers);
      return {
        districtCode,
        newUnemploymentRegistrations: cell(i.newUnemploymentRegistrations),
        registeredUnemployed: cell(i.registeredUnemployed),
        hires: cell(i.hires),
        vacancies,
        seekers,
        // A ratio over a suppressed count would leak it back.
        supplyDemandRatio:
          vacancies.suppressed || seekers.suppressed
            ? { value: null, suppressed: true }
            : { value: i.supplyDemandRatio, suppressed: false },
      };
    }),
  );
  return { period, minCellSize: MIN_CELL_SIZE, licence: 'CC BY 4.0', rows };
}

const AREAS = [CITY_CODE, ...CITY_DISTRICT_CODES];

type Column = { key: keyof Indicators; zh: string; en: string; yuan?: boolean };
const SHEETS: { name: string; titleEn: string; columns: Column[] }[] = [
  {
    name: '劳动力市场',
    titleEn: 'Labour market',
    columns: [
      { key: 'vacancies', zh: '需求人数', en: 'Vacancies' },
      { key: 'seekers', zh: '求职人数', en: 'Seekers' },
      { key: 'supplyDemandRatio', zh: '求人倍率', en: 'Supply-demand ratio' },
      { key: 'postingsIn', zh: '新增岗位', en: 'Postings in' },
      { key: 'postingsOut', zh: '下架岗位', en: 'Postings out' },
      { key: 'hires', zh: '平台录用', en: 'Platform hires' },
      { key: 'newJobs', zh: '新增就业', en: 'New jobs' },
      { key: 'monitoredLayoffs', zh: '监测企业裁员', en: 'Monitored layoffs' },
    ],
  },
  {
    name: '就业失业登记',
    titleEn: 'Registrations',
    columns: [
      { key: 'registeredUnemployed', zh: '登记失业人数（期末）', en: 'Registered unemployed (end)' },
      { key: 'newUnemploymentRegistrations', zh: '新增失业登记', en: 'New unemployment registrations' },
      { key: 'seekersOut', zh: '失业登记注销', en: 'Unemployment registrations ended' },
      {
        key: 'employmentRegistrations',
        zh: '就业登记（非平台录用）',
        en: 'Employment registrations (other)',
      },
    ],
  },
  {
    name: '重点群体',
    titleEn: 'Key groups',
    columns: [
      { key: 'keyGroupPeopleServed', zh: '服务人数', en: 'People served' },
      { key: 'keyGroupPeopleEmployed', zh: '实现就业', en: 'People employed' },
    ],
  },
  {
    name: '点对点包车',
    titleEn: 'Chartered buses',
    columns: [
      { key: 'busTrips', zh: '发车趟次', en: 'Trips' },
      { key: 'workersCarried', zh: '运送人数', en: 'Workers carried' },
    ],
  },
  {
    name: '政策与资金发放',
    titleEn: 'Policies and payouts',
    columns: [
      { key: 'policyApplications', zh: '政策申请', en: 'Applications' },
      { key: 'policyApprovals', zh: '审批通过', en: 'Approvals' },
      { key: 'payoutsPaid', zh: '发放笔数', en: 'Payouts' },
      { key: 'payoutsPaidFen', zh: '发放金额（元）', en: 'Paid (yuan)', yuan: true },
    ],
  },
  {
    name: '职业培训',
    titleEn: 'Training',
    columns: [{ key: 'trainingCompleted', zh: '结业人数', en: 'Completed' }],
  },
];

/** The bureau's monthly report as an .xlsx: one sheet per standard table, the city then each district. */
export async function monthlyWorkbook(db: Executor, month: string): Promise<Buffer> {
  const names = await q.regionNames(db, AREAS);
  const figures = await Promise.all(AREAS.map(async (a) => q.indicatorsFor(db, month, areaPattern(a))));
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Jiuye';
  for (const sheet of SHEETS) {
    const ws = wb.addWorksheet(sheet.name);
    ws.addRow([`湛江市就业监测月报 ${month} · ${sheet.name} (${sheet.titleEn})`]);
    ws.addRow(['区域代码 Code', '区域 Area', ...sheet.columns.map((c) => `${c.zh} ${c.en}`)]);
    AREAS.forEach((area, i) => {
      const f = figures[i] as Indicators;
      ws.addRow([
        area,
        names.get(area) ?? area,
        ...sheet.columns.map((c) => {
          const v = f[c.key];
          return c.yuan && typeof v === 'number' ? v / 100 : v;
        }),
      ]);
    });
    ws.getRow(2).font = { bold: true };
    ws.columns.forEach((c) => {
      c.width = 18;
    });
  }
  const ws = wb.addWorksheet('企业用工监测');
  ws.addRow([`湛江市就业监测月报 ${month} · 企业用工监测 (Enterprise monitoring)`]);
  ws.addRow([
    '区域代码 Code',
    '区域 Area',
    '报告企业数 Reports',
    '期初人数 Start',
    '期末人数 End',
    '新增 Hires',
    '减员 Separations',
    '其中裁员 Layoffs',
  ]);
  for (const t of await q.monitoringTotals(db, month)) {
    ws.addRow([
      t.districtCode,
      names.get(t.districtCode) ?? t.districtCode,
      t.reports,
      t.start,
      t.end,
      t.hires,
      t.separations,
      t.layoffs,
    ]);
  }
  ws.getRow(2).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
