import { saveFile } from '../../app/api-client';
import type { ChartInstance } from './dash-chart';

/** One chart's figures: what its data table shows and what the Excel export writes. */
export type ChartTable = {
  columns: { key: string; title: string; zhTitle: string }[];
  rows: { key: string; cells: Record<string, string | number | null>; link?: string }[];
};

/** The chart as drawn, at twice the screen's resolution on white, saved as a .png file. */
export function saveChartPng(instance: ChartInstance, name: string): void {
  const url = instance.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' });
  // Decoded by hand: the CSP's connect-src does not allow fetch() of a data: URL.
  const bytes = Uint8Array.from(atob(url.slice(url.indexOf(',') + 1)), (c) => c.charCodeAt(0));
  const blob = new Blob([bytes], { type: 'image/png' });
  saveFile({ blob, filename: `${name}.png`, mediaType: 'image/png' }, `${name}.png`);
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The chart's figures as a one-sheet .xlsx with Chinese headers (the bureau's reports are in
 * Chinese whatever the UI language). exceljs (~1 MB) is loaded only when someone exports.
 */
export async function saveTableXlsx(table: ChartTable, sheet: string, name: string): Promise<void> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = '湛江市公共就业服务平台';
  // Excel forbids these characters in sheet names and allows at most 31 characters.
  const ws = wb.addWorksheet(sheet.replace(/[\\/?*[\]:]/g, '_').slice(0, 31));
  ws.addRow(table.columns.map((c) => c.zhTitle));
  ws.getRow(1).font = { bold: true };
  for (const row of table.rows) ws.addRow(table.columns.map((c) => row.cells[c.key] ?? null));
  table.columns.forEach((c, i) => {
    ws.getColumn(i + 1).width = Math.max(10, c.zhTitle.length * 2 + 4);
  });
  const buffer = await wb.xlsx.writeBuffer();
  const blob = new Blob([buffer], { type: XLSX });
  saveFile({ blob, filename: `${name}.xlsx`, mediaType: XLSX }, `${name}.xlsx`);
}
