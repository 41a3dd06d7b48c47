import type { ReportFont } from './report-font.js';
import {
  chinaDateTime,
  formatValue,
  type MonthlyReportData,
  type ReportColumn,
  type ReportTable,
} from './statistics.report.js';

/**
 * The monthly report as an A4 PDF (pdfkit; the CJK font embedded as a subset, so a report is tens
 * of kilobytes). Written from the same MonthlyReportData as the workbook.
 */
const MARGIN = { top: 48, bottom: 56, left: 40, right: 40 };
const TABLE_FONT_SIZE = 7.5;
const PAD = 3;
const CODE_WIDTH = 42;
const AREA_WIDTH = 58;
const HEADER_FILL = '#e8edf3';
const CITY_FILL = '#f6f7f9';
const LINE = '#5b6470';

type Doc = PDFKit.PDFDocument;

function columnWidths(table: ReportTable, width: number): number[] {
  const rest = table.columns.length - 2;
  const each = (width - CODE_WIDTH - AREA_WIDTH) / Math.max(rest, 1);
  return table.columns.map((_, i) => (i === 0 ? CODE_WIDTH : i === 1 ? AREA_WIDTH : each));
}

function headerText(c: ReportColumn): string {
  return `${c.zh}\n${c.en}`;
}

function rowHeight(doc: Doc, cells: string[], widths: number[]): number {
  let h = 0;
  cells.forEach((text, i) => {
    h = Math.max(h, doc.heightOfString(text, { width: (widths[i] ?? 0) - 2 * PAD, lineGap: 0 }));
  });
  return h + 2 * PAD;
}

/** One row of bordered cells at `y`; numbers right-aligned. */
function drawRow(
  doc: Doc,
  cells: string[],
  widths: number[],
  columns: ReportColumn[],
  y: number,
  height: number,
  fill: string | undefined,
  header: boolean,
): void {
  let x = MARGIN.left;
  cells.forEach((text, i) => {
    const w = widths[i] ?? 0;
    if (fill) doc.rect(x, y, w, height).fill(fill);
    doc.rect(x, y, w, height).lineWidth(0.5).strokeColor(LINE).stroke();
    const numeric = !header && (columns[i]?.format ?? 'text') !== 'text';
    doc.fillColor('#111111').text(text, x + PAD, y + PAD, {
      width: w - 2 * PAD,
      align: numeric ? 'right' : header ? 'center' : 'left',
      lineGap: 0,
    });
    x += w;
  });
}

function bottomLimit(doc: Doc): number {
  return doc.page.height - MARGIN.bottom;
}

function drawTable(doc: Doc, n: number, table: ReportTable): void {
  const width = doc.page.width - MARGIN.left - MARGIN.right;
  const widths = columnWidths(table, width);
  doc.fontSize(TABLE_FONT_SIZE);
  const header = table.columns.map(headerText);
  const headerHeight = rowHeight(doc, header, widths);
  const body = table.rows.map((r) => r.map((v, i) => formatValue(v, table.columns[i]?.format ?? 'text')));
  const firstRow = body[0] ? rowHeight(doc, body[0], widths) : 0;

  // Keep the heading with the header row and the first row.
  const headingHeight = 22;
  if (doc.y + headingHeight + headerHeight + firstRow > bottomLimit(doc)) doc.addPage();
  doc
    .fontSize(11)
    .fillColor('#111111')
    .text(`${n}. ${table.titleZh}  ${table.titleEn}`, MARGIN.left, doc.y + 6, { width, lineBreak: false });
  let y = doc.y + 4;
  doc.fontSize(TABLE_FONT_SIZE);
  drawRow(doc, header, widths, table.columns, y, headerHeight, HEADER_FILL, true);
  y += headerHeight;
  body.forEach((cells, r) => {
    const h = rowHeight(doc, cells, widths);
    if (y + h > bottomLimit(doc)) {
      doc.addPage();
      doc
        .fontSize(9)
        .fillColor('#111111')
        .text(`${n}. ${table.titleZh}（续） ${table.titleEn} (continued)`, MARGIN.left, MARGIN.top, {
          width,
          lineBreak: false,
        });
      doc.fontSize(TABLE_FONT_SIZE);
      y = doc.y + 4;
      drawRow(doc, header, widths, table.columns, y, headerHeight, HEADER_FILL, true);
      y += headerHeight;
    }
    drawRow(doc, cells, widths, table.columns, y, h, r === 0 ? CITY_FILL : undefined, false);
    y += h;
  });
  doc.x = MARGIN.left;
  doc.y = y + 8;
}

/** Page numbers on every page, once the number of pages is known (pages are buffered). */
function drawFooters(doc: Doc, report: MonthlyReportData): void {
  const range = doc.bufferedPageRange();
  const total = range.count;
  for (let i = range.start; i < range.start + total; i++) {
    doc.switchToPage(i);
    // Writing below the bottom margin would make pdfkit open a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const width = doc.page.width - MARGIN.left - MARGIN.right;
    const y = doc.page.height - MARGIN.bottom + 20;
    doc
      .fontSize(8)
      .fillColor('#444444')
      .text(`第 ${i + 1} 页 / 共 ${total} 页`, MARGIN.left, y, { width, align: 'center', lineBreak: false });
    doc.text(`${report.month} · Jiuye`, MARGIN.left, y, { width, align: 'right', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}

/** Renders the report; the font is the one reportFont() found. */
export async function monthlyReportPdf(report: MonthlyReportData, font: ReportFont): Promise<Buffer> {
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    lang: 'zh-CN',
    info: {
      Title: report.titleZh,
      Author: '湛江市人力资源和社会保障局',
      Subject: report.titleEn,
      Creator: 'Jiuye',
      CreationDate: report.generatedAt,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });

  doc.registerFont('cjk', font.data, font.postscriptName);
  doc.font('cjk');
  const width = doc.page.width - MARGIN.left - MARGIN.right;
  doc
    .fontSize(15)
    .fillColor('#111111')
    .text(report.titleZh, MARGIN.left, MARGIN.top, { width, align: 'center' });
  doc.moveDown(0.2).fontSize(9).fillColor('#333333').text(report.titleEn, { width, align: 'center' });
  doc
    .moveDown(0.4)
    .fontSize(8.5)
    .text(
      `统计月份 Month: ${report.month}    生成时间 Generated at: ${chinaDateTime(report.generatedAt)} (UTC+8)`,
      { width, align: 'center' },
    );
  doc.moveDown(0.6);
  report.tables.forEach((t, i) => drawTable(doc, i + 1, t));
  drawFooters(doc, report);
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}
