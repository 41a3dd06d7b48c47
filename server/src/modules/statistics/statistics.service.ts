import type { IndicatorReport, Indicators, OpenData } from '@jiuye/shared';
import type { Executor } from '../../db/database.js';
import type { RequestContext } from '../../platform/context.js';
import { CITY_DISTRICT_CODES } from '../enterprises/index.js';
import { areaPattern, shiftMonth } from './statistics.period.js';
import * as q from './statistics.queries.js';
import { monthlyReportXlsx } from './report-xlsx.js';
import { reportFont } from './report-font.js';
import { monthlyReportPdf } from './statistics.pdf.js';
import { buildMonthlyReport } from './statistics.report.js';

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
  const db = ctx.deps.readDb ?? ctx.db;
  const rows = await q.supplyDemandBy(db, query.period, areaPattern(query.area), query.by);
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

// ——— The monthly report (issue 8): one data structure (statistics.report.ts), two formats ———

/** The bureau's monthly report as an .xlsx: one sheet per standard table, the city then each district. */
export async function monthlyWorkbook(db: Executor, month: string, now = new Date()): Promise<Buffer> {
  return monthlyReportXlsx(await buildMonthlyReport(db, month, now));
}

/**
 * The same report as an A4 PDF. The font is looked up first, so a server without a CJK font answers
 * 503 `report_font_unavailable` before any query runs.
 */
export async function monthlyReportPdfFile(ctx: RequestContext, month: string): Promise<Buffer> {
  const font = await reportFont(ctx.deps.config.JIUYE_PDF_FONT);
  return monthlyReportPdf(await buildMonthlyReport(ctx.db, month, ctx.now()), font);
}
