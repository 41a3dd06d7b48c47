import ExcelJS from 'exceljs';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Payout, PayoutBatch, PayoutBatchDetail, PayoutReconciliation } from '@jiuye/shared';
import { testApp, type TestApp } from '../../../test/app.js';
import { signedIn } from '../../../test/factories.js';
import { createEnterprise, type TestEnterprise } from '../../../test/channel-factories.js';
import { CITY_DISTRICT_CODES } from '../enterprises/index.js';
import { yuanText } from './payouts.export.js';
import { createTestPolicy, insertApplication } from './payouts.test-support.js';

let t: TestApp;
type Session = Awaited<ReturnType<typeof signedIn>>;
let bureau: Session;
let district: Session;
let policyCode: string;

beforeAll(async () => {
  t = await testApp();
  bureau = await signedIn(t.app, t.db, 'staff', {
    districtCodes: [...CITY_DISTRICT_CODES],
    displayName: '市局 财务',
  });
  district = await signedIn(t.app, t.db, 'staff', { districtCodes: ['440803'], displayName: '霞山 科员' });
  policyCode = await createTestPolicy(t.app, bureau.headers);
});
afterAll(async () => {
  await t.close();
});

type Problem = { code: string; errors?: { path: string; code: string }[] };
const json = <T>(res: { body: string }): T => JSON.parse(res.body) as T;

function req(
  s: Session | null,
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  payload?: object,
  extra: Record<string, string> = {},
) {
  return t.app.inject({
    method,
    url,
    headers: { ...(s?.headers ?? {}), 'accept-language': 'en-US', ...extra },
    ...(payload ? { payload } : {}),
  });
}

const key = () => `k-${randomBytes(8).toString('hex')}`;

/** A verified enterprise (its own clerk) with a bank account on file. */
async function payee(
  districtCode = '440803',
  withAccount = true,
): Promise<{ clerk: Session; e: TestEnterprise }> {
  const clerk = await signedIn(t.app, t.db, 'employer');
  const e = await createEnterprise(t.db, {
    ownerUserId: clerk.user.id,
    ownerPhone: clerk.user.phone,
    districtCode,
  });
  if (withAccount) {
    const res = await req(clerk, 'PUT', '/api/v1/payee-accounts', {
      subjectType: 'enterprise',
      subjectId: e.id,
      accountName: e.name,
      bankName: '中国工商银行湛江霞山支行',
      accountNumber: '6222 0201 0000 1234 567',
    });
    expect(res.statusCode, res.body).toBe(200);
  }
  return { clerk, e };
}

async function approved(o: { amountFen?: number; districtCode?: string } = {}) {
  const { clerk, e } = await payee(o.districtCode);
  const id = await insertApplication(t.db, {
    policyCode,
    enterpriseId: e.id,
    districtCode: e.districtCode,
    amountFen: o.amountFen ?? 500_000,
  });
  return { id, e, clerk };
}

async function batchOf(ids: string[], s: Session = bureau) {
  return req(s, 'POST', '/api/v1/payout-batches', { applicationIds: ids }, { 'idempotency-key': key() });
}

async function result(payoutId: string, body: object, idem = key()) {
  return req(bureau, 'POST', `/api/v1/payouts/${payoutId}/result`, body, { 'idempotency-key': idem });
}

async function payoutsOf(applicationId: string) {
  return t.db.selectFrom('payouts').selectAll().where('applicationId', '=', applicationId).execute();
}

describe('payee accounts', () => {
  it('stores the number sealed and answers it masked; others cannot set it', async () => {
    const { clerk, e } = await payee();
    const got = await req(clerk, 'GET', `/api/v1/payee-accounts?subjectType=enterprise&subjectId=${e.id}`);
    expect(got.statusCode).toBe(200);
    expect(json<{ accountNumberMasked: string }>(got).accountNumberMasked).toBe('**** **** 4567');
    expect(got.body).not.toContain('622202010000');
    const row = await t.db
      .selectFrom('payeeAccounts')
      .selectAll()
      .where('subjectId', '=', e.id)
      .executeTakeFirstOrThrow();
    expect(row.accountNumberEnc).not.toContain('6222');

    const stranger = await signedIn(t.app, t.db, 'employer');
    const res = await req(stranger, 'PUT', '/api/v1/payee-accounts', {
      subjectType: 'enterprise',
      subjectId: e.id,
      accountName: 'x公司',
      bankName: '某银行',
      accountNumber: '6222020100001111',
    });
    expect(res.statusCode).toBe(404);
    const bad = await req(clerk, 'PUT', '/api/v1/payee-accounts', {
      subjectType: 'enterprise',
      subjectId: e.id,
      accountName: e.name,
      bankName: '某银行',
      accountNumber: '12ab',
    });
    expect(bad.statusCode).toBe(400);
    expect(json<Problem>(bad).errors?.[0]).toMatchObject({
      path: 'accountNumber',
      code: 'bank_account_format',
    });
  });
});

describe('payout batches', () => {
  it('creates a batch of approved applications, skipping and reporting the others', async () => {
    const a = await approved({ amountFen: 123_456 });
    const b = await approved();
    const notApproved = await insertApplication(t.db, {
      policyCode,
      enterpriseId: (await payee()).e.id,
      status: 'bureau_review',
    });
    const noAccount = await payee('440803', false);
    const noAccountApp = await insertApplication(t.db, { policyCode, enterpriseId: noAccount.e.id });
    const zero = await insertApplication(t.db, {
      policyCode,
      enterpriseId: (await payee()).e.id,
      amountFen: 0,
    });
    const res = await batchOf([a.id, b.id, a.id, notApproved, noAccountApp, zero]);
    expect(res.statusCode, res.body).toBe(201);
    const batch = json<PayoutBatchDetail>(res);
    expect(batch.batchNo).toMatch(/^PB\d{8}-\d{4}$/);
    expect(batch.payouts.map((p) => p.applicationId).sort()).toEqual([a.id, b.id].sort());
    expect(batch.total).toEqual({ count: 2, amountFen: 623_456 });
    expect(batch.pending.count).toBe(2);
    expect(batch.status).toBe('open');
    expect(batch.skipped).toEqual(
      expect.arrayContaining([
        { applicationId: a.id, reason: 'duplicate' },
        { applicationId: notApproved, reason: 'application_not_approved' },
        { applicationId: noAccountApp, reason: 'payee_account_missing' },
        { applicationId: zero, reason: 'zero_amount' },
      ]),
    );
    const p = batch.payouts.find((x) => x.applicationId === a.id);
    expect(p?.accountNumberMasked).toBe('**** **** 4567');
    expect(p?.payeeName).toBe(a.e.name);
    expect(p?.payeeIdMasked).toMatch(/^9144\*+/);

    const audit = await t.db
      .selectFrom('auditLog')
      .select('action')
      .where('entityId', '=', batch.id)
      .execute();
    expect(audit.map((x) => x.action)).toContain('payout_batch.create');

    const again = await batchOf([a.id]);
    expect(again.statusCode).toBe(409);
    expect(json<Problem>(again).errors?.map((e) => [e.path, e.code])).toEqual([
      ['applicationIds.0', 'payout_exists'],
    ]);
  });

  it('batches every approved application of a policy not yet in a batch', async () => {
    const code = await createTestPolicy(t.app, bureau.headers);
    const { e } = await payee();
    const { e: e2 } = await payee('440881');
    const x = await insertApplication(t.db, { policyCode: code, enterpriseId: e.id });
    const y = await insertApplication(t.db, {
      policyCode: code,
      enterpriseId: e2.id,
      districtCode: '440881',
    });
    const res = await req(
      bureau,
      'POST',
      '/api/v1/payout-batches',
      { policyCode: code },
      { 'idempotency-key': key() },
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(
      json<PayoutBatchDetail>(res)
        .payouts.map((p) => p.applicationId)
        .sort(),
    ).toEqual([x, y].sort());
    const none = await req(
      bureau,
      'POST',
      '/api/v1/payout-batches',
      { policyCode: code },
      { 'idempotency-key': key() },
    );
    expect(none.statusCode).toBe(409);
    const unknown = await req(bureau, 'POST', '/api/v1/payout-batches', { policyCode: 'NO-SUCH-POLICY' });
    expect(unknown.statusCode).toBe(404);
  });

  it('20 concurrent batch requests for one application make one payout (10 rounds)', async () => {
    for (let round = 0; round < 10; round++) {
      const { id } = await approved();
      const answers = await Promise.all(Array.from({ length: 20 }, () => batchOf([id])));
      const codes = answers.map((r) => r.statusCode).sort();
      expect(codes.filter((c) => c === 201)).toHaveLength(1);
      expect(codes.filter((c) => c !== 201).every((c) => c === 409)).toBe(true);
      expect(await payoutsOf(id)).toHaveLength(1);
    }
  });

  it('two concurrent batches containing the same application pay it once', async () => {
    for (let round = 0; round < 5; round++) {
      const shared = await approved();
      const onlyA = await approved();
      const onlyB = await approved();
      const [ra, rb] = await Promise.all([batchOf([shared.id, onlyA.id]), batchOf([onlyB.id, shared.id])]);
      expect(ra.statusCode, ra.body).toBe(201);
      expect(rb.statusCode, rb.body).toBe(201);
      const both = [json<PayoutBatchDetail>(ra), json<PayoutBatchDetail>(rb)];
      const holding = both.filter((b) => b.payouts.some((p) => p.applicationId === shared.id));
      expect(holding).toHaveLength(1);
      const other = both.find((b) => !holding.includes(b));
      expect(other?.skipped).toEqual([{ applicationId: shared.id, reason: 'payout_exists' }]);
      const rows = await payoutsOf(shared.id);
      expect(rows).toHaveLength(1);
      const paid = await result(rows[0]?.id ?? '', { status: 'paid', bankReference: `B${round}` });
      expect(paid.statusCode, paid.body).toBe(200);
      const app = await t.db
        .selectFrom('policyApplications')
        .select(['status', 'payoutId'])
        .where('id', '=', shared.id)
        .executeTakeFirstOrThrow();
      expect(app).toEqual({ status: 'paid', payoutId: rows[0]?.id });
      // Paid: it never enters another batch.
      const later = await batchOf([shared.id]);
      expect(later.statusCode).toBe(409);
      expect(json<Problem>(later).errors?.[0]?.code).toBe('payout_exists');
    }
  });

  it('20 concurrent "mark paid" with one Idempotency-Key record one result', async () => {
    const { id } = await approved();
    const batch = json<PayoutBatchDetail>(await batchOf([id]));
    const payoutId = batch.payouts[0]?.id ?? '';
    const idem = key();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        result(payoutId, { status: 'paid', bankReference: 'ICBC-20200315-001' }, idem),
      ),
    );
    const ok = answers.filter((r) => r.statusCode === 200);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    for (const r of answers.filter((x) => x.statusCode !== 200))
      expect(json<Problem>(r).code).toBe('idempotency_in_progress');
    const bodies = new Set(ok.map((r) => JSON.stringify(json<Payout>(r))));
    expect(bodies.size).toBe(1);
    const audits = await t.db
      .selectFrom('auditLog')
      .select('action')
      .where('entityId', '=', payoutId)
      .where('action', '=', 'payout.paid')
      .execute();
    expect(audits).toHaveLength(1);
    const events = await t.db
      .selectFrom('policyApplicationEvents')
      .select('action')
      .where('applicationId', '=', id)
      .where('action', '=', 'paid')
      .execute();
    expect(events).toHaveLength(1);
    // A replay of the same key answers the stored result.
    const replay = await result(payoutId, { status: 'paid', bankReference: 'ICBC-20200315-001' }, idem);
    expect(replay.statusCode).toBe(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
  });
});

describe('payout results', () => {
  it('paid is final; the same answer again is harmless, another is refused', async () => {
    const { id } = await approved();
    const payoutId = json<PayoutBatchDetail>(await batchOf([id])).payouts[0]?.id ?? '';
    const noRef = await result(payoutId, { status: 'paid' });
    expect(noRef.statusCode).toBe(400);
    expect(json<Problem>(noRef).errors?.[0]).toMatchObject({ path: 'bankReference', code: 'required' });
    const paid = await result(payoutId, {
      status: 'paid',
      bankReference: 'R1',
      paidAt: '2020-03-16T10:00:00+08:00',
    });
    expect(paid.statusCode).toBe(200);
    expect(json<Payout>(paid)).toMatchObject({
      status: 'paid',
      bankReference: 'R1',
      paidAt: '2020-03-16T02:00:00.000Z',
    });
    expect((await result(payoutId, { status: 'paid', bankReference: 'R1' })).statusCode).toBe(200);
    const other = await result(payoutId, { status: 'paid', bankReference: 'R2' });
    expect(other.statusCode).toBe(409);
    expect(json<Problem>(other).code).toBe('already_paid');
    const fail = await result(payoutId, { status: 'failed', reason: '账户已销户' });
    expect(json<Problem>(fail).code).toBe('already_paid');
    // The database refuses a change of a paid payout whatever the application code does.
    await expect(
      sql`UPDATE payouts SET status = 'failed', failure_reason = 'x', failed_at = now(), bank_reference = NULL, paid_at = NULL WHERE id = ${payoutId}`.execute(
        t.db,
      ),
    ).rejects.toThrow(/cannot change/);
    await expect(sql`DELETE FROM payouts WHERE id = ${payoutId}`.execute(t.db)).rejects.toThrow(
      /never deleted/,
    );
    await expect(
      sql`INSERT INTO payouts (batch_id, application_id, policy_code, period_key, subject_type, subject_id, payee_name, bank_name, account_number_enc, account_tail, amount_fen)
          SELECT batch_id, application_id, policy_code, period_key, subject_type, subject_id, payee_name, bank_name, account_number_enc, account_tail, 0 FROM payouts WHERE id = ${payoutId}`.execute(
        t.db,
      ),
    ).rejects.toThrow(/check constraint|payouts_amount_fen_check/);
  });

  it('a failed payout lets the application be batched again, recording the retry', async () => {
    const { id, clerk, e } = await approved();
    const first = json<PayoutBatchDetail>(await batchOf([id])).payouts[0]?.id ?? '';
    const noReason = await result(first, { status: 'failed' });
    expect(json<Problem>(noReason).errors?.[0]).toMatchObject({ path: 'reason', code: 'required' });
    const failed = await result(first, { status: 'failed', reason: '户名与账号不符' });
    expect(failed.statusCode).toBe(200);
    expect(json<Payout>(failed)).toMatchObject({ status: 'failed', failureReason: '户名与账号不符' });
    // Still approved, not paid.
    const app = await t.db
      .selectFrom('policyApplications')
      .select('status')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(app.status).toBe('approved');
    const late = await result(first, { status: 'paid', bankReference: 'LATE' });
    expect(late.statusCode).toBe(409);
    expect(json<Problem>(late).code).toBe('conflict');
    // The clerk corrects the account; the retry copies the new one.
    await req(clerk, 'PUT', '/api/v1/payee-accounts', {
      subjectType: 'enterprise',
      subjectId: e.id,
      accountName: e.name,
      bankName: '中国建设银行湛江分行',
      accountNumber: '6217000000009999',
    });
    const retry = await batchOf([id]);
    expect(retry.statusCode, retry.body).toBe(201);
    const second = json<PayoutBatchDetail>(retry).payouts[0];
    expect(second).toMatchObject({
      retryOfPayoutId: first,
      accountNumberMasked: '**** **** 9999',
      status: 'pending',
    });
    expect(await payoutsOf(id)).toHaveLength(2);
    expect((await result(second?.id ?? '', { status: 'paid', bankReference: 'R9' })).statusCode).toBe(200);
  });
});

describe('export and reconciliation', () => {
  it('exports the batch for the finance system and reconciles totals and a bank file', async () => {
    const a = await approved({ amountFen: 1_000_050 });
    const b = await approved({ amountFen: 200_000 });
    const c = await approved({ amountFen: 300_001 });
    const batch = json<PayoutBatchDetail>(await batchOf([a.id, b.id, c.id]));
    const byApp = new Map(batch.payouts.map((p) => [p.applicationId, p]));

    const file = await req(bureau, 'GET', `/api/v1/payout-batches/${batch.id}/export`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('支付明细');
    expect(ws?.getRow(1).values).toEqual([
      undefined,
      '批次号',
      '序号',
      '收款人',
      '证件号/信用代码',
      '开户银行',
      '银行账号',
      '金额（元）',
      '金额（分）',
      '政策',
      '申请编号',
      '支付流水ID',
    ]);
    const rows = [2, 3, 4].map((n) => ws?.getRow(n).values as unknown[]);
    const rowA = rows.find((r) => r[10] === a.id);
    expect(rowA).toEqual([
      undefined,
      batch.batchNo,
      expect.any(Number),
      a.e.name,
      expect.stringMatching(/^9144\*+\w{4}$/),
      '中国工商银行湛江霞山支行',
      '6222020100001234567',
      10000.5,
      1_000_050,
      '测试稳岗返还',
      a.id,
      byApp.get(a.id)?.id,
    ]);
    expect(ws?.getRow(2).getCell(7).numFmt).toBe('0.00');
    expect(typeof ws?.getRow(2).getCell(6).value).toBe('string');
    expect(yuanText(1_000_050)).toBe('10000.50');
    const audit = await t.db
      .selectFrom('auditLog')
      .select('action')
      .where('entityId', '=', batch.id)
      .where('action', '=', 'payout_batch.export')
      .execute();
    expect(audit).toHaveLength(1);

    await result(byApp.get(a.id)?.id ?? '', { status: 'paid', bankReference: 'RA' });
    await result(byApp.get(b.id)?.id ?? '', { status: 'failed', reason: '账户冻结' });
    const rec = await req(bureau, 'GET', `/api/v1/payout-batches/${batch.id}/reconciliation`);
    expect(rec.statusCode).toBe(200);
    expect(json<PayoutReconciliation>(rec)).toMatchObject({
      expected: { count: 3, amountFen: 1_500_051 },
      paid: { count: 1, amountFen: 1_000_050 },
      failed: { count: 1, amountFen: 200_000 },
      pending: { count: 1, amountFen: 300_001 },
      balanced: true,
      mismatches: [],
      bankFile: null,
    });

    // The bank's file: A paid, B failed, C paid with another amount, plus a stranger row.
    const bank = new ExcelJS.Workbook();
    const sheet = bank.addWorksheet('结果');
    sheet.addRow(['支付流水ID', '金额（分）', '结果', '银行流水号', '失败原因']);
    sheet.addRow([byApp.get(a.id)?.id, 1_000_050, '成功', 'RA', '']);
    sheet.addRow([byApp.get(b.id)?.id, 200_000, '失败', '', '账户冻结']);
    sheet.addRow([byApp.get(c.id)?.id, 300_000, '成功', 'RC', '']);
    sheet.addRow(['00000000-0000-4000-8000-000000000000', 5, '成功', 'RX', '']);
    const buf = Buffer.from(await bank.xlsx.writeBuffer());
    const boundary = 'jiuyeboundary';
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bank.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      buf,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const up = await t.app.inject({
      method: 'POST',
      url: `/api/v1/payout-batches/${batch.id}/reconciliation`,
      headers: { ...bureau.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload,
    });
    expect(up.statusCode, up.body).toBe(200);
    const r = json<PayoutReconciliation>(up);
    expect(r.balanced).toBe(false);
    expect(r.bankFile).toEqual({
      rows: 4,
      paid: { count: 3, amountFen: 1_300_055 },
      failed: { count: 1, amountFen: 200_000 },
    });
    expect(r.mismatches.map((m) => m.kind).sort()).toEqual([
      'amount_mismatch',
      'status_mismatch',
      'unknown_in_bank_file',
    ]);
    const notXlsx = await t.app.inject({
      method: 'POST',
      url: `/api/v1/payout-batches/${batch.id}/reconciliation`,
      headers: { ...bureau.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="x.xlsx"\r\n\r\n`,
        ),
        Buffer.from('not a workbook'),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
    });
    expect(notXlsx.statusCode).toBe(415);
  });
});

describe('who may see and do what', () => {
  it('a district officer cannot create batches, record results or export; sees only their districts', async () => {
    const here = await approved({ districtCode: '440803' });
    const there = await approved({ districtCode: '440881' });
    const mixed = json<PayoutBatchDetail>(await batchOf([here.id, there.id]));
    const onlyThere = json<PayoutBatchDetail>(
      await batchOf([(await approved({ districtCode: '440881' })).id]),
    );

    const denied = await batchOf([(await approved()).id], district);
    expect(denied.statusCode).toBe(403);
    expect(json<Problem>(denied).code).toBe('forbidden');
    expect((await result(mixed.payouts[0]?.id ?? '', { status: 'failed', reason: 'x' })).statusCode).toBe(
      200,
    );
    const districtResult = await req(district, 'POST', `/api/v1/payouts/${mixed.payouts[1]?.id}/result`, {
      status: 'paid',
      bankReference: 'X',
    });
    expect(districtResult.statusCode).toBe(403);
    expect((await req(district, 'GET', `/api/v1/payout-batches/${mixed.id}/export`)).statusCode).toBe(403);
    expect((await req(district, 'GET', `/api/v1/payout-batches/${mixed.id}/reconciliation`)).statusCode).toBe(
      403,
    );

    const list = json<{ items: PayoutBatch[] }>(
      await req(district, 'GET', '/api/v1/payout-batches?pageSize=100'),
    );
    const ids = list.items.map((b) => b.id);
    expect(ids).toContain(mixed.id);
    expect(ids).not.toContain(onlyThere.id);
    const seen = json<PayoutBatchDetail>(await req(district, 'GET', `/api/v1/payout-batches/${mixed.id}`));
    expect(seen.payouts.map((p) => p.applicationId)).toEqual([here.id]);
    expect((await req(district, 'GET', `/api/v1/payout-batches/${onlyThere.id}`)).statusCode).toBe(404);
  });

  it('applicants cannot see batches', async () => {
    const { clerk } = await payee();
    const seeker = await signedIn(t.app, t.db, 'seeker');
    for (const s of [clerk, seeker]) {
      expect((await req(s, 'GET', '/api/v1/payout-batches')).statusCode).toBe(403);
      expect((await batchOf([(await approved()).id], s)).statusCode).toBe(403);
    }
    expect((await req(null, 'GET', '/api/v1/payout-batches')).statusCode).toBe(401);
  });
});
