import {
  maskPayeeName,
  type CreatePayoutBatchBody,
  type ListPayoutBatchesQuery,
  type PayeeAccount,
  type PayeeAccountQuery,
  type Payout,
  type PayoutBatch,
  type PayoutBatchDetail,
  type PayoutReconciliation,
  type PayoutResultBody,
  type PayoutSkip,
  type PayoutSkipReason,
  type PayoutStatus,
  type PayoutTotals,
  type PutPayeeAccountBody,
} from '@jiuye/shared';
import type { Executor } from '../../db/database.js';
import { writeAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { decryptField, encryptField, maskIdNumber } from '../../platform/crypto.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { offsetOf, pageResult, type Page } from '../../platform/pagination.js';
import type { Upload } from '../enterprises/index.js';
import { assertCanManageEnterprise, isStaff, isStaffInDistrict } from '../enterprises/index.js';
import { getPerson, personForUser } from '../persons/index.js';
import { applicationPaid, approvedApplicationIds, lockApplication } from './payouts.applications.js';
import {
  buildFinanceWorkbook,
  parseBankResultWorkbook,
  reconcile,
  zipUncompressedSize,
  type BankResultRow,
} from './payouts.export.js';
import { mayRunPayouts, visibleDistricts } from './payouts.policy.js';
import * as repo from './payouts.repository.js';

type UserActor = Extract<RequestContext['actor'], { kind: 'user' }>;

function requireUser(ctx: RequestContext): UserActor {
  if (ctx.actor.kind !== 'user') throw new AppError('forbidden');
  return ctx.actor;
}

/** Bureau steps: a city-wide officer holding payout:manage. */
function requireBureau(ctx: RequestContext): UserActor {
  const actor = requireUser(ctx);
  if (!mayRunPayouts(actor)) throw new AppError('forbidden');
  return actor;
}

function isUniqueViolation(err: unknown, constraint: string): boolean {
  const e = err as { code?: unknown; constraint?: unknown };
  return e.code === '23505' && e.constraint === constraint;
}

/** The payouts_guard trigger refused a change of a settled payout. */
function isImmutableViolation(err: unknown): boolean {
  const e = err as { code?: unknown; constraint?: unknown };
  return e.code === 'P0001' && e.constraint === 'payouts_immutable';
}

/** The calendar day in China (UTC+8, no daylight saving). */
function chinaDay(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** The most a batch takes: a finance import of this size still opens quickly in Excel. */
export const BATCH_MAX_PAYOUTS = 2000;

// ——— Payee accounts ———

/** "**** **** 1234": what responses show of an account number. */
function maskAccount(tail: string): string {
  return `**** **** ${tail}`;
}

type SubjectAccess = { subjectType: 'enterprise' | 'person'; subjectId: string; districtCode: string | null };

/**
 * Whose account the caller names, and whether they may: an employer for an enterprise they are a
 * clerk of; a seeker for themself; city-wide payout staff for anyone; staff of the subject's
 * district only to read.
 */
async function resolveSubject(
  ctx: RequestContext,
  db: Executor,
  q: { subjectType: 'enterprise' | 'person'; subjectId?: string | undefined },
  write: boolean,
): Promise<SubjectAccess> {
  const actor = requireUser(ctx);
  if (q.subjectType === 'enterprise') {
    if (!q.subjectId) throw fieldError('subjectId', 'required');
    const e = await repo.enterpriseIdentity(db, q.subjectId);
    if (!e) throw new AppError('not_found');
    if (isStaff(actor)) {
      if (mayRunPayouts(actor) || (!write && isStaffInDistrict(actor, e.districtCode)))
        return { subjectType: 'enterprise', subjectId: q.subjectId, districtCode: e.districtCode };
      throw new AppError(isStaffInDistrict(actor, e.districtCode) ? 'forbidden' : 'not_found');
    }
    await assertCanManageEnterprise(ctx, q.subjectId);
    return { subjectType: 'enterprise', subjectId: q.subjectId, districtCode: e.districtCode };
  }
  if (isStaff(actor)) {
    if (!q.subjectId) throw fieldError('subjectId', 'required');
    const p = await getPerson(db, q.subjectId);
    if (!p) throw new AppError('not_found');
    const district = p.householdRegionCode;
    if (mayRunPayouts(actor) || (!write && district !== null && isStaffInDistrict(actor, district)))
      return { subjectType: 'person', subjectId: p.id, districtCode: district };
    throw new AppError('not_found');
  }
  if (actor.role !== 'seeker') throw new AppError('forbidden');
  const me = await personForUser(db, ctx.deps.keys, actor.userId);
  if (q.subjectId && q.subjectId !== me.id) throw new AppError('not_found');
  return { subjectType: 'person', subjectId: me.id, districtCode: me.householdRegionCode };
}

function toPayeeAccount(r: repo.PayeeAccountRow): PayeeAccount {
  return {
    subjectType: r.subjectType as PayeeAccount['subjectType'],
    subjectId: r.subjectId,
    accountName: r.accountName,
    bankName: r.bankName,
    accountNumberMasked: maskAccount(r.accountTail),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** Sets the account payouts of this subject go to (sealed number; audited without it). */
export async function putPayeeAccount(ctx: RequestContext, body: PutPayeeAccountBody): Promise<PayeeAccount> {
  const actor = requireUser(ctx);
  const now = ctx.now();
  // Resolved before the transaction: the enterprise check reads with its own connection.
  const s = await resolveSubject(ctx, ctx.db, body, true);
  return ctx.db.transaction().execute(async (tx) => {
    const before = await repo.findPayeeAccount(tx, s.subjectType, s.subjectId);
    await repo.upsertPayeeAccount(tx, {
      subjectType: s.subjectType,
      subjectId: s.subjectId,
      accountName: body.accountName,
      bankName: body.bankName,
      accountNumberEnc: encryptField(ctx.deps.keys, body.accountNumber),
      accountTail: body.accountNumber.slice(-4),
      updatedBy: actor.userId,
      at: now,
    });
    await writeAudit(tx, ctx, {
      action: before ? 'payee_account.update' : 'payee_account.create',
      entityType: s.subjectType,
      entityId: s.subjectId,
      summary: {
        bankName: body.bankName,
        accountTail: body.accountNumber.slice(-4),
        previousTail: before?.accountTail ?? null,
      },
    });
    const row = await repo.findPayeeAccount(tx, s.subjectType, s.subjectId);
    if (!row) throw new AppError('not_found');
    return toPayeeAccount(row);
  });
}

export async function getPayeeAccount(ctx: RequestContext, q: PayeeAccountQuery): Promise<PayeeAccount> {
  const s = await resolveSubject(ctx, ctx.db, q, false);
  return ctx.db.transaction().execute(async (tx) => {
    const row = await repo.findPayeeAccount(tx, s.subjectType, s.subjectId);
    if (!row) throw new AppError('not_found');
    if (isStaff(ctx.actor)) {
      await writeAudit(tx, ctx, {
        action: 'payee_account.read',
        entityType: s.subjectType,
        entityId: s.subjectId,
      });
    }
    return toPayeeAccount(row);
  });
}

// ——— Batches ———

function toPayout(
  r: repo.PayoutRow,
  batchNo: string,
  names: Map<string, { nameZh: string; nameEn: string }>,
  ctx: RequestContext,
): Payout {
  const name = names.get(r.policyCode);
  return {
    id: r.id,
    batchId: r.batchId,
    batchNo,
    applicationId: r.applicationId,
    applicationNumber: r.applicationId,
    policyCode: r.policyCode,
    policyName: name ? (ctx.locale === 'en-US' ? name.nameEn : name.nameZh) : r.policyCode,
    period: r.periodKey,
    subjectType: r.subjectType as Payout['subjectType'],
    subjectId: r.subjectId,
    districtCode: r.districtCode,
    payeeName: r.subjectType === 'person' ? maskPayeeName(r.payeeName) : r.payeeName,
    payeeIdMasked: r.payeeIdMasked,
    bankName: r.bankName,
    accountNumberMasked: maskAccount(r.accountTail),
    amountFen: Number(r.amountFen),
    status: r.status as PayoutStatus,
    bankReference: r.bankReference,
    failureReason: r.failureReason,
    paidAt: r.paidAt ? r.paidAt.toISOString() : null,
    failedAt: r.failedAt ? r.failedAt.toISOString() : null,
    retryOfPayoutId: r.retryOfPayoutId,
    createdAt: r.createdAt.toISOString(),
  };
}

function totalsOf(rows: repo.TotalsRow[], batchId: string) {
  const t = (status?: string): PayoutTotals =>
    rows
      .filter((r) => r.batchId === batchId && (status === undefined || r.status === status))
      .reduce((acc, r) => ({ count: acc.count + r.count, amountFen: acc.amountFen + r.amountFen }), {
        count: 0,
        amountFen: 0,
      });
  return { total: t(), paid: t('paid'), failed: t('failed'), pending: t('pending') };
}

function toBatch(b: repo.BatchRow, totals: repo.TotalsRow[], policyCodes: string[]): PayoutBatch {
  const t = totalsOf(totals, b.id);
  return {
    id: b.id,
    batchNo: b.batchNo,
    status: t.pending.count > 0 ? 'open' : 'settled',
    note: b.note,
    policyCodes,
    createdAt: b.createdAt.toISOString(),
    createdByName: b.createdByName,
    ...t,
  };
}

async function batchDetail(
  ctx: RequestContext,
  db: Executor,
  batch: repo.BatchRow,
  districts: readonly string[] | null,
  skipped: PayoutSkip[],
): Promise<PayoutBatchDetail> {
  const [rows, totals, codes] = await Promise.all([
    repo.payoutsOfBatch(db, batch.id, districts),
    repo.batchTotals(db, [batch.id], districts),
    repo.batchPolicyCodes(db, [batch.id]),
  ]);
  const names = await repo.policyNames(
    db,
    rows.map((r) => r.policyCode),
  );
  return {
    ...toBatch(batch, totals, codes.get(batch.id) ?? []),
    payouts: rows.map((r) => toPayout(r, batch.batchNo, names, ctx)),
    skipped,
  };
}

type Payee = {
  name: string;
  idMasked: string | null;
  bankName: string;
  accountNumberEnc: string;
  tail: string;
};

async function payeeOf(tx: Executor, subjectType: string, subjectId: string): Promise<Payee | null> {
  const account = await repo.findPayeeAccount(tx, subjectType, subjectId);
  if (!account) return null;
  let idMasked: string | null = null;
  if (subjectType === 'enterprise') {
    const e = await repo.enterpriseIdentity(tx, subjectId);
    idMasked = e ? maskIdNumber(e.creditCode) : null;
  } else {
    idMasked = (await getPerson(tx, subjectId))?.idNumberMasked ?? null;
  }
  return {
    name: account.accountName,
    idMasked,
    bankName: account.bankName,
    accountNumberEnc: account.accountNumberEnc,
    tail: account.accountTail,
  };
}

/**
 * Creates a payout batch (city-wide officer). Applications are locked one by one in id order
 * (FOR UPDATE, through the policy-applications module: two batches never deadlock on each other),
 * then each is checked: approved, a positive amount, no pending or paid payout for it, none for the
 * same subject, policy and period, a payee account on file. What fails a check is skipped and
 * reported; the partial unique indexes of `payouts` are the last word.
 *
 * Concurrency (the decision): a second batch that races for an application waits for the first's
 * lock, then sees its payout and skips the application as `payout_exists`. A batch left with
 * nothing to pay is not created: 409 `conflict` naming every application and why.
 */
export async function createBatch(
  ctx: RequestContext,
  body: CreatePayoutBatchBody,
): Promise<PayoutBatchDetail> {
  const actor = requireBureau(ctx);
  const now = ctx.now();
  if (body.policyCode && !(await repo.policyExists(ctx.db, body.policyCode)))
    throw new AppError('not_found', { fields: [{ path: 'policyCode', code: 'unknown_code' }] });

  const skipped: PayoutSkip[] = [];
  let ids: string[];
  if (body.applicationIds) {
    const seen = new Set<string>();
    ids = [];
    for (const id of body.applicationIds) {
      if (seen.has(id)) skipped.push({ applicationId: id, reason: 'duplicate' });
      else ids.push(id);
      seen.add(id);
    }
  } else {
    // Approved and unpaid, less those a pending payout already holds (in a batch awaiting the bank).
    const approved = await approvedApplicationIds(ctx.db, body.policyCode ?? '', 5000);
    const held = await repo.applicationsWithLivePayout(ctx.db, approved);
    ids = approved.filter((id) => !held.has(id)).slice(0, BATCH_MAX_PAYOUTS);
    if (ids.length === 0)
      throw new AppError('conflict', {
        fields: [{ path: 'policyCode', code: 'application_not_approved' }],
        detail: {
          'zh-CN': '该政策没有待发放的已审批申请',
          'en-US': 'This policy has no approved applications waiting for payment',
        },
      });
  }
  ids.sort();

  try {
    return await ctx.db.transaction().execute(async (tx) => {
      const batchNo = await repo.nextBatchNo(tx, chinaDay(now));
      const batchId = await repo.insertBatch(tx, {
        batchNo,
        note: body.note ?? null,
        createdBy: actor.userId,
        at: now,
      });
      const created: { payoutId: string; applicationId: string; amountFen: number }[] = [];
      const skip = (applicationId: string, reason: PayoutSkipReason) =>
        skipped.push({ applicationId, reason });
      for (const id of ids) {
        const app = await lockApplication(tx, id);
        if (!app || (body.policyCode && app.policyCode !== body.policyCode)) {
          skip(id, 'application_not_found');
          continue;
        }
        if (app.status !== 'approved') {
          skip(id, app.status === 'paid' ? 'payout_exists' : 'application_not_approved');
          continue;
        }
        if (app.amountFen === null || app.amountFen <= 0) {
          skip(id, 'zero_amount');
          continue;
        }
        if (await repo.livePayoutOfApplication(tx, id)) {
          skip(id, 'payout_exists');
          continue;
        }
        const grantKey = {
          policyCode: app.policyCode,
          subjectType: app.subjectType,
          subjectId: app.subjectId,
          periodKey: app.periodKey,
        };
        if (await repo.liveGrantPayout(tx, grantKey)) {
          skip(id, 'grant_exists');
          continue;
        }
        const payee = await payeeOf(tx, app.subjectType, app.subjectId);
        if (!payee) {
          skip(id, 'payee_account_missing');
          continue;
        }
        const payoutId = await repo.insertPayout(tx, {
          batchId,
          applicationId: id,
          ...grantKey,
          districtCode: app.districtCode,
          payeeName: payee.name,
          payeeIdMasked: payee.idMasked,
          bankName: payee.bankName,
          accountNumberEnc: payee.accountNumberEnc,
          accountTail: payee.tail,
          amountFen: app.amountFen,
          retryOfPayoutId: (await repo.lastFailedPayoutOfApplication(tx, id)) ?? null,
          at: now,
        });
        if (!payoutId) {
          skip(id, 'payout_exists');
          continue;
        }
        created.push({ payoutId, applicationId: id, amountFen: app.amountFen });
        await writeAudit(tx, ctx, {
          action: 'payout.create',
          entityType: 'payout',
          entityId: payoutId,
          summary: { batchId, batchNo, applicationId: id, amountFen: app.amountFen, status: 'pending' },
        });
      }
      if (created.length === 0) {
        // Rolls the empty batch back: nothing to send to finance.
        throw new AppError('conflict', {
          fields: skipped.map((s) => ({
            path: body.applicationIds
              ? `applicationIds.${body.applicationIds.indexOf(s.applicationId)}`
              : 'policyCode',
            code: s.reason,
          })),
          detail: {
            'zh-CN': '没有可以发放的申请，未生成批次',
            'en-US': 'No application can be paid; no batch was created',
          },
        });
      }
      await writeAudit(tx, ctx, {
        action: 'payout_batch.create',
        entityType: 'payout_batch',
        entityId: batchId,
        summary: {
          batchNo,
          payouts: created.length,
          totalFen: created.reduce((s, c) => s + c.amountFen, 0),
          skipped,
          policyCode: body.policyCode ?? null,
        },
      });
      const batch = await repo.findBatch(tx, batchId);
      if (!batch) throw new AppError('not_found');
      return batchDetail(ctx, tx, batch, null, skipped);
    });
  } catch (err) {
    // The database's last word when a check above was raced past (never expected with the locks).
    if (
      isUniqueViolation(err, 'payouts_one_live_per_application') ||
      isUniqueViolation(err, 'payouts_one_grant_per_period')
    )
      throw new AppError('conflict', { cause: err });
    throw err;
  }
}

export async function listBatches(
  ctx: RequestContext,
  q: ListPayoutBatchesQuery,
): Promise<Page<PayoutBatch>> {
  requireUser(ctx);
  const districts = visibleDistricts(ctx.actor);
  const { rows, total } = await repo.listBatches(ctx.db, {
    districtCodes: districts,
    status: q.status,
    policyCode: q.policyCode,
    ...offsetOf(q),
  });
  const ids = rows.map((r) => r.id);
  const [totals, codes] = await Promise.all([
    repo.batchTotals(ctx.db, ids, districts),
    repo.batchPolicyCodes(ctx.db, ids),
  ]);
  return pageResult(
    rows.map((b) => toBatch(b, totals, codes.get(b.id) ?? [])),
    total,
    q,
  );
}

/** A batch with its payouts (payee names and accounts masked); district officers see their districts' only. */
export async function getBatch(ctx: RequestContext, id: string): Promise<PayoutBatchDetail> {
  requireUser(ctx);
  const districts = visibleDistricts(ctx.actor);
  return ctx.db.transaction().execute(async (tx) => {
    const batch = await repo.findBatch(tx, id);
    if (!batch) throw new AppError('not_found');
    const detail = await batchDetail(ctx, tx, batch, districts, []);
    if (districts && detail.payouts.length === 0) throw new AppError('not_found');
    await writeAudit(tx, ctx, {
      action: 'payout_batch.read',
      entityType: 'payout_batch',
      entityId: id,
      summary: { payouts: detail.payouts.length, districts },
    });
    return detail;
  });
}

/**
 * The finance system's workbook: full payee names and account numbers (decrypted here, for the
 * bank transfer), so a city-wide officer only, and every export is audited.
 */
export async function exportBatch(
  ctx: RequestContext,
  id: string,
): Promise<{ batchNo: string; file: Buffer }> {
  requireUser(ctx);
  return ctx.db.transaction().execute(async (tx) => {
    const batch = await repo.findBatch(tx, id);
    if (!batch) throw new AppError('not_found');
    requireBureau(ctx);
    const rows = await repo.payoutsOfBatch(tx, id, null);
    const names = await repo.policyNames(
      tx,
      rows.map((r) => r.policyCode),
    );
    // Failed payouts are not sent again from this batch: a retry goes into a new batch.
    const live = rows.filter((r) => r.status !== 'failed');
    const file = await buildFinanceWorkbook({
      batchNo: batch.batchNo,
      createdAt: batch.createdAt,
      rows: live.map((r) => ({
        payoutId: r.id,
        payeeName: r.payeeName,
        payeeId: r.payeeIdMasked ?? '',
        bankName: r.bankName,
        accountNumber: decryptField(ctx.deps.keys, r.accountNumberEnc),
        amountFen: Number(r.amountFen),
        policy: names.get(r.policyCode)?.nameZh ?? r.policyCode,
        applicationNumber: r.applicationId,
      })),
    });
    await writeAudit(tx, ctx, {
      action: 'payout_batch.export',
      entityType: 'payout_batch',
      entityId: id,
      summary: { batchNo: batch.batchNo, rows: live.length },
    });
    return { batchNo: batch.batchNo, file };
  });
}

/**
 * The bank's answer for one payout (city-wide officer). Paid: final, the application becomes paid
 * in the same transaction (policy-applications' markApplicationPaid). Failed: final for this
 * payout; the application stays approved and may enter a later batch (a new payout that records
 * which one it retries). Repeating the same answer returns the payout unchanged.
 */
export async function recordResult(ctx: RequestContext, id: string, body: PayoutResultBody): Promise<Payout> {
  const actor = requireUser(ctx);
  const now = ctx.now();
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      const p = await repo.findPayout(tx, id, { forUpdate: true });
      if (!p) throw new AppError('not_found');
      requireBureau(ctx);
      const batch = await repo.findBatch(tx, p.batchId);
      const names = await repo.policyNames(tx, [p.policyCode]);
      const current = () => toPayout(p, batch?.batchNo ?? '', names, ctx);
      if (p.status === 'paid') {
        if (body.status === 'paid' && body.bankReference === p.bankReference) return current();
        throw new AppError('already_paid', { fields: [{ path: 'status', code: 'payout_already_paid' }] });
      }
      if (p.status === 'failed') {
        if (body.status === 'failed') return current();
        throw new AppError('conflict', {
          fields: [{ path: 'status', code: 'invalid_transition' }],
          detail: {
            'zh-CN': '该笔支付已失败并关闭；请将申请放入新的支付批次',
            'en-US': 'This payout failed and is closed; put the application into a new batch',
          },
        });
      }
      const settled =
        body.status === 'paid'
          ? await repo.settlePayout(tx, id, {
              status: 'paid',
              bankReference: body.bankReference ?? '',
              paidAt: body.paidAt ? new Date(body.paidAt) : now,
              by: actor.userId,
              at: now,
            })
          : await repo.settlePayout(tx, id, {
              status: 'failed',
              reason: body.reason ?? '',
              by: actor.userId,
              at: now,
            });
      if (!settled) throw new AppError('conflict');
      if (body.status === 'paid')
        await applicationPaid(tx, ctx, p.applicationId, id, body.paidAt ? new Date(body.paidAt) : now);
      await writeAudit(tx, ctx, {
        action: `payout.${body.status}`,
        entityType: 'payout',
        entityId: id,
        summary: {
          from: 'pending',
          to: body.status,
          batchId: p.batchId,
          applicationId: p.applicationId,
          amountFen: Number(p.amountFen),
          ...(body.status === 'paid' ? { bankReference: body.bankReference } : { reason: body.reason }),
        },
      });
      const updated = await repo.findPayout(tx, id);
      if (!updated) throw new AppError('not_found');
      return toPayout(updated, batch?.batchNo ?? '', names, ctx);
    });
  } catch (err) {
    if (isImmutableViolation(err)) throw new AppError('already_paid', { cause: err });
    throw err;
  }
}

/** Largest bank result file accepted, and how far it may inflate (an .xlsx is a zip). */
export const BANK_FILE_MAX_BYTES = 5 * 1024 * 1024;
const BANK_FILE_MAX_INFLATED = 50 * 1024 * 1024;

/**
 * Totals of a batch by status and what does not add up; with the bank's result file, every
 * difference between the file and the records too. Reconciling changes nothing: results are
 * recorded payout by payout (POST /payouts/{id}/result).
 */
export async function reconciliation(
  ctx: RequestContext,
  id: string,
  upload?: Upload,
): Promise<PayoutReconciliation> {
  requireUser(ctx);
  const batch = await repo.findBatch(ctx.db, id);
  if (!batch) throw new AppError('not_found');
  requireBureau(ctx);
  let bank: BankResultRow[] | null = null;
  if (upload) {
    const inflated = zipUncompressedSize(upload.buffer);
    if (inflated === null)
      throw new AppError('unsupported_media_type', { fields: [{ path: 'file', code: 'xlsx_required' }] });
    if (inflated > BANK_FILE_MAX_INFLATED)
      throw new AppError('payload_too_large', { fields: [{ path: 'file', code: 'file_too_large' }] });
    try {
      bank = await parseBankResultWorkbook(upload.buffer);
    } catch (err) {
      throw new AppError('validation_failed', {
        fields: [{ path: 'file', code: 'xlsx_required' }],
        cause: err,
      });
    }
    if (!bank) throw fieldError('file', 'missing_column');
  }
  const rows = await repo.payoutsOfBatch(ctx.db, id, null);
  const statuses = await repo.applicationStatuses(
    ctx.db,
    rows.map((r) => r.applicationId),
  );
  const result = reconcile(
    batch,
    rows.map((r) => ({
      id: r.id,
      applicationNumber: r.applicationId,
      amountFen: Number(r.amountFen),
      status: r.status as PayoutStatus,
      applicationStatus: statuses.get(r.applicationId) ?? null,
    })),
    bank,
    ctx.locale === 'en-US' ? 'en' : 'zh',
  );
  if (upload) {
    await writeAudit(ctx.db, ctx, {
      action: 'payout_batch.reconcile',
      entityType: 'payout_batch',
      entityId: id,
      summary: {
        bankRows: bank?.length ?? 0,
        mismatches: result.mismatches.length,
        balanced: result.balanced,
      },
    });
  }
  return result;
}
