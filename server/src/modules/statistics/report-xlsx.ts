import { chinaDateTime, type MonthlyReportData } from './statistics.report.js';

/** The monthly report as an .xlsx: one sheet per standard table, numbers kept as numbers. */
export async function monthlyReportXlsx(report: MonthlyReportData): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Jiuye';
  wb.created = report.generatedAt;
  for (const table of report.tables) {
    const ws = wb.addWorksheet(table.titleZh);
    ws.addRow([`${report.titleZh} · ${table.titleZh} (${table.titleEn})`]);
    ws.addRow([`生成时间 Generated at: ${chinaDateTime(report.generatedAt)} (UTC+8)`]);
    const header = ws.addRow(table.columns.map((c) => `${c.zh} ${c.en}`));
    header.font = { bold: true };
    for (const row of table.rows) ws.addRow(row);
    table.columns.forEach((c, i) => {
      const col = ws.getColumn(i + 1);
      col.width = 18;
      if (c.format === 'ratio' || c.format === 'yuan') col.numFmt = '0.00';
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
