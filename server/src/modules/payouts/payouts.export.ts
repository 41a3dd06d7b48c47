import ExcelJS from 'exceljs';
import {
  BANK_RESULT_COLUMNS,
  PAYOUT_EXPORT_COLUMNS,
  type PayoutReconciliation,
  type PayoutTotals,
} from '@jiuye/shared';

/**
 * The finance-system workbook and the bank's result file. The bureau's finance system imports the
 * first sheet by its Chinese headers; amounts appear in yuan with two decimals (for people) and in
 * fen (for the import, exact); account numbers are text cells, because a number cell would lose the
 * digits after the fifteenth.
 */

export type ExportRow = {
  payoutId: string;
  payeeName: string;
  payeeId: string;
  bankName: string;
  accountNumber: string;
  amountFen: number;
  policy: string;
  applicationNumber: string;
};

/** 123456 fen → "1234.56" (exact: integer arithmetic, no floating point). */
export function yuanText(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

export async function buildFinanceWorkbook(batch: {
  batchNo: string;
  createdAt: Date;
  rows: ExportRow[];
}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Jiuye';
  wb.created = batch.createdAt;
  const ws = wb.addWorksheet('支付明细');
  ws.columns = PAYOUT_EXPORT_COLUMNS.map((c) => ({
    header: c.zh,
    key: c.key,
    width: c.key === 'payoutId' ? 38 : c.key === 'accountNumber' || c.key === 'payeeId' ? 24 : 16,
  }));
  ws.getRow(1).font = { bold: true };
  batch.rows.forEach((r, i) => {
    const row = ws.addRow({
      batchNo: batch.batchNo,
      seq: i + 1,
      payeeName: r.payeeName,
      payeeId: r.payeeId,
      bankName: r.bankName,
      accountNumber: r.accountNumber,
      amountYuan: Number(yuanText(r.amountFen)),
      amountFen: r.amountFen,
      policy: r.policy,
      applicationNumber: r.applicationNumber,
      payoutId: r.payoutId,
    });
    row.getCell('amountYuan').numFmt = '0.00';
    row.getCell('accountNumber').numFmt = '@';
  });
  const total = batch.rows.reduce((s, r) => s + r.amountFen, 0);
  const sum = wb.addWorksheet('汇总');
  sum.addRows([
    ['批次号', batch.batchNo],
    ['笔数', batch.rows.length],
    ['合计（元）', yuanText(total)],
    ['合计（分）', total],
  ]);
  sum.getColumn(1).width = 14;
  sum.getColumn(2).width = 24;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export type BankResultRow = {
  row: number;
  payoutId: string | null;
  amountFen: number | null;
  status: 'paid' | 'failed' | null;
  bankReference: string | null;
  reason: string | null;
};

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return String(v.text);
    if ('result' in v) {
      const r: unknown = v.result;
      return typeof r === 'string' || typeof r === 'number' ? String(r) : '';
    }
    if (v instanceof Date) return v.toISOString();
    return '';
  }
  return String(v);
}

const PAID_WORDS = new Set(['成功', '已支付', '支付成功', 'paid', 'success', 'ok']);
const FAILED_WORDS = new Set(['失败', '支付失败', '退回', 'failed', 'fail', 'rejected']);

/**
 * Reads the bank's result file: first sheet, headers in row 1 matched by the Chinese names of
 * BANK_RESULT_COLUMNS or their keys; returns null when a required column is missing.
 */
export async function parseBankResultWorkbook(content: Buffer): Promise<BankResultRow[] | null> {
  const wb = new ExcelJS.Workbook();
  // exceljs declares its own Buffer type (an ArrayBuffer); Node's Buffer is what it reads.
  await wb.xlsx.load(content as unknown as ExcelJS.Buffer);
  const ws = wb.worksheets[0];
  if (!ws) return null;
  const col = new Map<string, number>();
  ws.getRow(1).eachCell({ includeEmpty: false }, (cell, i) => {
    const h = cellText(cell.value).replace(/\s/g, '').toLowerCase();
    for (const c of BANK_RESULT_COLUMNS) {
      if (!col.has(c.key) && (h === c.zh.replace(/\s/g, '').toLowerCase() || h === c.key.toLowerCase()))
        col.set(c.key, i);
    }
  });
  if (!col.has('payoutId') || !col.has('status')) return null;
  const out: BankResultRow[] = [];
  const get = (r: ExcelJS.Row, key: string): string => {
    const i = col.get(key);
    return i === undefined ? '' : cellText(r.getCell(i).value).trim();
  };
  ws.eachRow({ includeEmpty: false }, (r, n) => {
    if (n === 1) return;
    const id = get(r, 'payoutId');
    const fenText = get(r, 'amountFen');
    const st = get(r, 'status').toLowerCase();
    if (!id && !fenText && !st) return;
    const fen = /^\d+$/.test(fenText) ? Number(fenText) : null;
    out.push({
      row: n,
      payoutId: /^[0-9a-f-]{36}$/i.test(id) ? id.toLowerCase() : null,
      amountFen: fen,
      status: PAID_WORDS.has(st) ? 'paid' : FAILED_WORDS.has(st) ? 'failed' : null,
      bankReference: get(r, 'bankReference') || null,
      reason: get(r, 'reason') || null,
    });
  });
  return out;
}

export type ReconcilePayout = {
  id: string;
  applicationNumber: string;
  amountFen: number;
  status: 'pending' | 'paid' | 'failed';
  applicationStatus: string | null;
};

const zero = (): PayoutTotals => ({ count: 0, amountFen: 0 });

function add(t: PayoutTotals, fen: number): void {
  t.count += 1;
  t.amountFen += fen;
}

/**
 * Totals of a batch by status, and what does not add up: a paid payout whose application is not
 * marked paid, and, with a bank file, every difference between the file and the records.
 */
export function reconcile(
  batch: { id: string; batchNo: string },
  payouts: ReconcilePayout[],
  bank: BankResultRow[] | null,
  lang: 'zh' | 'en',
): PayoutReconciliation {
  const expected = zero();
  const paid = zero();
  const failed = zero();
  const pending = zero();
  const mismatches: PayoutReconciliation['mismatches'] = [];
  for (const p of payouts) {
    add(expected, p.amountFen);
    add(p.status === 'paid' ? paid : p.status === 'failed' ? failed : pending, p.amountFen);
    if (p.status === 'paid' && p.applicationStatus !== null && p.applicationStatus !== 'paid') {
      mismatches.push({
        kind: 'application_not_paid',
        payoutId: p.id,
        applicationNumber: p.applicationNumber,
        expectedFen: p.amountFen,
        bankFen: null,
        detail:
          lang === 'zh'
            ? `支付已成功，但申请状态为 ${p.applicationStatus}`
            : `Paid, but the application is ${p.applicationStatus}`,
      });
    }
  }
  let bankFile: PayoutReconciliation['bankFile'] = null;
  if (bank) {
    const byId = new Map(payouts.map((p) => [p.id, p]));
    const seen = new Set<string>();
    const bankPaid = zero();
    const bankFailed = zero();
    for (const r of bank) {
      const p = r.payoutId ? byId.get(r.payoutId) : undefined;
      if (r.status === 'paid') add(bankPaid, r.amountFen ?? 0);
      if (r.status === 'failed') add(bankFailed, r.amountFen ?? 0);
      if (!p) {
        mismatches.push({
          kind: 'unknown_in_bank_file',
          payoutId: null,
          applicationNumber: null,
          expectedFen: null,
          bankFen: r.amountFen,
          detail:
            lang === 'zh'
              ? `银行文件第 ${r.row} 行不属于本批次`
              : `Row ${r.row} of the bank file matches no payout of this batch`,
        });
        continue;
      }
      seen.add(p.id);
      if (r.amountFen !== p.amountFen) {
        mismatches.push({
          kind: 'amount_mismatch',
          payoutId: p.id,
          applicationNumber: p.applicationNumber,
          expectedFen: p.amountFen,
          bankFen: r.amountFen,
          detail: lang === 'zh' ? `第 ${r.row} 行金额不符` : `Row ${r.row}: the amount differs`,
        });
      }
      if (r.status !== null && r.status !== p.status) {
        mismatches.push({
          kind: 'status_mismatch',
          payoutId: p.id,
          applicationNumber: p.applicationNumber,
          expectedFen: p.amountFen,
          bankFen: r.amountFen,
          detail:
            lang === 'zh'
              ? `第 ${r.row} 行银行结果为 ${r.status === 'paid' ? '成功' : '失败'}，平台记录为 ${p.status}`
              : `Row ${r.row}: the bank says ${r.status}, the platform has ${p.status}`,
        });
      }
    }
    for (const p of payouts) {
      if (seen.has(p.id)) continue;
      mismatches.push({
        kind: 'missing_in_bank_file',
        payoutId: p.id,
        applicationNumber: p.applicationNumber,
        expectedFen: p.amountFen,
        bankFen: null,
        detail: lang === 'zh' ? '银行文件中没有这笔支付' : 'The bank file does not mention this payout',
      });
    }
    bankFile = { rows: bank.length, paid: bankPaid, failed: bankFailed };
  }
  return {
    batchId: batch.id,
    batchNo: batch.batchNo,
    expected,
    paid,
    failed,
    pending,
    balanced:
      expected.amountFen === paid.amountFen + failed.amountFen + pending.amountFen && mismatches.length === 0,
    bankFile,
    mismatches,
  };
}

/** The zip-bomb guard lives in platform/uploads.ts (issue 9); re-exported for this module's callers. */
export { zipUncompressedSize } from '../../platform/uploads.js';
