import {
  checkCreditCode,
  type CreateGuaranteeLoanBody,
  type CreateLoanDeferralBody,
  type CreateStartupBody,
  type DecideLoanDeferralBody,
  type GuaranteeLoan,
  type GuaranteeLoanStatus,
  type ListGuaranteeLoansQuery,
  type ListLoanDeferralsQuery,
  type ListStartupsQuery,
  type LoanDeferral,
  type LoanDeferralStatus,
  type Startup,
  type StartupBusinessType,
  type UpdateGuaranteeLoanBody,
  type UpdateStartupBody,
} from '@jiuye/shared';
import type { Executor } from '../../db/database.js';
import { writeAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { offsetOf, pageResult, type Page } from '../../platform/pagination.js';
import { isStaff, isStaffInDistrict } from '../enterprises/index.js';
import {
  findOrCreatePerson,
  findPersonOfUser,
  getPerson,
  getPersons,
  personForUser,
  type PersonSummary,
} from '../persons/index.js';
import { relationTo } from './entrepreneurship.policy.js';
import * as repo from './entrepreneurship.repository.js';
import { evidenceOf, judgeStartup } from './entrepreneurship.judge.js';
import { decideDeferral, mayMoveLoan, type LoanActor } from './entrepreneurship.rules.js';

type UserActor = Extract<RequestContext['actor'], { kind: 'user' }>;

function requireUser(ctx: RequestContext): UserActor {
  if (ctx.actor.kind !== 'user') throw new AppError('forbidden');
  return ctx.actor;
}

function isUniqueViolation(err: unknown, constraint: string): boolean {
  const e = err as { code?: unknown; constraint?: unknown };
  return e.code === '23505' && e.constraint === constraint;
}

async function toStartup(
  db: Executor,
  row: repo.StartupRow,
  person: PersonSummary | undefined,
  ctx: RequestContext,
): Promise<Startup> {
  const evidence = evidenceOf(row.returnEvidence);
  const judgement = await judgeStartup(db, person, evidence);
  const lang = ctx.locale === 'en-US' ? 'en' : 'zh';
  return {
    id: row.id,
    personId: row.personId,
    personName: person?.fullName ?? '',
    personIdNumberMasked: person?.idNumberMasked ?? null,
    householdRegionCode: person?.householdRegionCode ?? null,
    businessName: row.businessName,
    businessType: row.businessType as StartupBusinessType,
    creditCode: row.creditCode,
    creditCodeChecksumValid: row.creditCodeChecksumValid,
    districtCode: row.districtCode,
    address: row.address,
    industryCode: row.industryCode,
    startDate: row.startDate,
    jobsCreated: row.jobsCreated,
    status: row.status === 'closed' ? 'closed' : 'active',
    returnedWorker: judgement.returnedWorker,
    returnEvidence: evidence,
    returnedWorkerReasons: judgement.reasons.map((r) => r[lang]),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The record and the caller's relation to it; 404 when the caller may not know it exists. */
async function loadStartupFor(
  ctx: RequestContext,
  db: Executor,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<{ row: repo.StartupRow; person: PersonSummary | undefined; rel: LoanActor }> {
  const row = await repo.findStartup(db, id, opts);
  if (!row) throw new AppError('not_found');
  const person = await getPerson(db, row.personId);
  const rel = relationTo(ctx.actor, { personUserId: person?.userId ?? null, districtCode: row.districtCode });
  if (!rel) throw new AppError('not_found');
  return { row, person, rel };
}

/** Staff reads of a person's records are audited (personal data). */
async function auditStaffRead(
  tx: Executor,
  ctx: RequestContext,
  entityType: string,
  ids: string[],
  summary: Record<string, unknown> = {},
): Promise<void> {
  if (!isStaff(ctx.actor) || ids.length === 0) return;
  await writeAudit(tx, ctx, {
    action: `${entityType}.read`,
    entityType,
    entityId: ids.length === 1 ? ids[0] : null,
    summary: { ids, ...summary },
  });
}

// ——— Start-ups ———

/**
 * Records a start-up. A seeker records their own (their person record is created from the account
 * and résumé on first need); staff record one for a person of their districts, by id or by name,
 * phone and identity number (found or created). The credit code is validated (format refused;
 * a failing check character is kept and flagged for staff, GB 32100 early codes).
 */
export async function createStartup(ctx: RequestContext, body: CreateStartupBody): Promise<Startup> {
  const actor = requireUser(ctx);
  const now = ctx.now();
  const staff = isStaff(actor);
  if (!staff && (body.personId || body.person))
    throw fieldError(body.personId ? 'personId' : 'person', 'invalid');
  if (staff && !isStaffInDistrict(actor, body.districtCode))
    throw fieldError('districtCode', 'outside_district');
  if (staff && !body.personId && !body.person) throw fieldError('personId', 'required');
  const credit = body.creditCode ? checkCreditCode(body.creditCode) : null;
  if (credit && !credit.ok) throw fieldError('creditCode', credit.code);
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      let person: PersonSummary;
      if (!staff) person = await personForUser(tx, ctx.deps.keys, actor.userId);
      else if (body.personId) {
        const p = await getPerson(tx, body.personId);
        if (!p) throw fieldError('personId', 'subject_not_found');
        person = p;
      } else {
        const p = body.person;
        if (!p) throw fieldError('personId', 'required');
        person = await findOrCreatePerson(
          tx,
          ctx.deps.keys,
          { fullName: p.fullName, phone: p.phone, idNumber: p.idNumber },
          actor.userId,
        );
      }
      const evidence = body.returnEvidence ?? null;
      const judgement = await judgeStartup(tx, person, evidence);
      const id = await repo.insertStartup(tx, {
        personId: person.id,
        businessName: body.businessName,
        businessType: body.businessType,
        creditCode: credit?.ok ? credit.value : null,
        creditCodeChecksumValid: credit?.ok ? credit.checksumValid : null,
        districtCode: body.districtCode,
        address: body.address ?? null,
        industryCode: body.industryCode,
        startDate: body.startDate,
        jobsCreated: body.jobsCreated,
        returnEvidence: evidence,
        returnedWorker: judgement.returnedWorker,
        createdBy: actor.userId,
        at: now,
      });
      await writeAudit(tx, ctx, {
        action: 'startup.create',
        entityType: 'startup',
        entityId: id,
        summary: {
          personId: person.id,
          districtCode: body.districtCode,
          businessType: body.businessType,
          returnedWorker: judgement.returnedWorker,
          by: staff ? 'staff' : 'founder',
        },
      });
      const row = await repo.findStartup(tx, id);
      if (!row) throw new AppError('not_found');
      return toStartup(tx, row, person, ctx);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'startups_credit_code_uniq'))
      throw new AppError('already_exists', {
        fields: [{ path: 'creditCode', code: 'credit_code_taken' }],
        cause: err,
      });
    throw err;
  }
}

export async function getStartup(ctx: RequestContext, id: string): Promise<Startup> {
  requireUser(ctx);
  return ctx.db.transaction().execute(async (tx) => {
    const { row, person } = await loadStartupFor(ctx, tx, id);
    await auditStaffRead(tx, ctx, 'startup', [id]);
    return toStartup(tx, row, person, ctx);
  });
}

/** Founders list their own; staff the start-ups of their districts (one district with `districtCode`). */
export async function listStartups(ctx: RequestContext, q: ListStartupsQuery): Promise<Page<Startup>> {
  const actor = requireUser(ctx);
  const filter: repo.StartupFilter = { returnedWorker: q.returnedWorker, ...offsetOf(q) };
  if (isStaff(actor)) {
    if (q.districtCode && !actor.districtCodes.includes(q.districtCode))
      throw new AppError('validation_failed', {
        fields: [{ path: 'districtCode', code: 'outside_district' }],
      });
    filter.districtCodes = q.districtCode ? [q.districtCode] : actor.districtCodes;
    filter.personId = q.personId;
  } else {
    const me = await findPersonOfUser(ctx.db, actor.userId);
    if (!me) return pageResult([], 0, q);
    if (q.personId && q.personId !== me.id) return pageResult([], 0, q);
    filter.personId = me.id;
  }
  return ctx.db.transaction().execute(async (tx) => {
    const { rows, total } = await repo.listStartups(tx, filter);
    const persons = await getPersons(
      tx,
      rows.map((r) => r.personId),
    );
    await auditStaffRead(
      tx,
      ctx,
      'startup',
      rows.map((r) => r.id),
      { list: true },
    );
    return pageResult(
      await Promise.all(rows.map((r) => toStartup(tx, r, persons.get(r.personId), ctx))),
      total,
      q,
    );
  });
}

export async function updateStartup(
  ctx: RequestContext,
  id: string,
  body: UpdateStartupBody,
): Promise<Startup> {
  requireUser(ctx);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const { row, person } = await loadStartupFor(ctx, tx, id, { forUpdate: true });
    const evidence = body.returnEvidence !== undefined ? body.returnEvidence : evidenceOf(row.returnEvidence);
    const judgement = await judgeStartup(tx, person, evidence);
    await repo.updateStartup(tx, id, {
      ...(body.businessName !== undefined ? { businessName: body.businessName } : {}),
      ...(body.address !== undefined ? { address: body.address } : {}),
      ...(body.jobsCreated !== undefined ? { jobsCreated: body.jobsCreated } : {}),
      ...(body.status !== undefined ? { status: body.status } : {}),
      ...(body.returnEvidence !== undefined ? { returnEvidence: body.returnEvidence } : {}),
      returnedWorker: judgement.returnedWorker,
      at: now,
    });
    await writeAudit(tx, ctx, {
      action: 'startup.update',
      entityType: 'startup',
      entityId: id,
      summary: {
        fields: Object.keys(body),
        ...(body.status !== undefined ? { status: { from: row.status, to: body.status } } : {}),
        returnedWorker: { from: row.returnedWorker, to: judgement.returnedWorker },
      },
    });
    const updated = await repo.findStartup(tx, id);
    if (!updated) throw new AppError('not_found');
    return toStartup(tx, updated, person, ctx);
  });
}

// ——— Guarantee loans ———

function toLoan(r: repo.LoanRow, person: PersonSummary | undefined): GuaranteeLoan {
  return {
    id: r.id,
    startupId: r.startupId,
    businessName: r.businessName,
    personId: r.personId,
    personName: person?.fullName ?? '',
    districtCode: r.districtCode,
    amountRequestedFen: Number(r.amountRequestedFen),
    amountGrantedFen: r.amountGrantedFen === null ? null : Number(r.amountGrantedFen),
    bankName: r.bankName,
    termMonths: r.termMonths,
    purpose: r.purpose,
    status: r.status as GuaranteeLoanStatus,
    note: r.note,
    grantedOn: r.grantedOn,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** A referral for a guarantee loan, by the founder or staff of the start-up's district. */
export async function requestLoan(
  ctx: RequestContext,
  startupId: string,
  body: CreateGuaranteeLoanBody,
): Promise<GuaranteeLoan> {
  const actor = requireUser(ctx);
  const now = ctx.now();
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      const { row, person } = await loadStartupFor(ctx, tx, startupId);
      if (row.status !== 'active')
        throw new AppError('conflict', { fields: [{ path: 'startupId', code: 'invalid_transition' }] });
      const id = await repo.insertLoan(tx, {
        startupId,
        amountRequestedFen: body.amountRequestedFen,
        bankName: body.bankName,
        termMonths: body.termMonths ?? 36,
        purpose: body.purpose ?? null,
        createdBy: actor.userId,
        at: now,
      });
      await writeAudit(tx, ctx, {
        action: 'guarantee_loan.request',
        entityType: 'guarantee_loan',
        entityId: id,
        summary: { startupId, amountRequestedFen: body.amountRequestedFen, bankName: body.bankName },
      });
      const loan = await repo.findLoan(tx, id);
      if (!loan) throw new AppError('not_found');
      return toLoan(loan, person);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'guarantee_loans_one_open'))
      throw new AppError('already_exists', {
        fields: [{ path: 'startupId', code: 'duplicate' }],
        detail: {
          'zh-CN': '该创业项目已有一笔办理中的担保贷款申请',
          'en-US': 'This start-up already has a guarantee-loan referral in progress',
        },
        cause: err,
      });
    throw err;
  }
}

async function loanFor(
  ctx: RequestContext,
  db: Executor,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<{ loan: repo.LoanRow; person: PersonSummary | undefined; rel: LoanActor }> {
  const loan = await repo.findLoan(db, id, opts);
  if (!loan) throw new AppError('not_found');
  const person = await getPerson(db, loan.personId);
  const rel = relationTo(ctx.actor, {
    personUserId: person?.userId ?? null,
    districtCode: loan.districtCode,
  });
  if (!rel) throw new AppError('not_found');
  return { loan, person, rel };
}

/** Moves a referral (entrepreneurship.rules.ts decides who may). */
export async function updateLoan(
  ctx: RequestContext,
  id: string,
  body: UpdateGuaranteeLoanBody,
): Promise<GuaranteeLoan> {
  requireUser(ctx);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const { loan, person, rel } = await loanFor(ctx, tx, id, { forUpdate: true });
    const from = loan.status as GuaranteeLoanStatus;
    if (!mayMoveLoan(from, body.status, rel)) {
      throw new AppError(rel === 'founder' && body.status !== 'withdrawn' ? 'forbidden' : 'conflict', {
        fields: [{ path: 'status', code: 'invalid_transition' }],
      });
    }
    const granted = body.status === 'granted';
    const moved = await repo.updateLoan(tx, id, from, {
      status: body.status,
      ...(granted
        ? { amountGrantedFen: body.amountGrantedFen ?? null, grantedOn: body.grantedOn ?? chinaDay(now) }
        : {}),
      ...(body.note !== undefined ? { note: body.note } : {}),
      at: now,
    });
    if (!moved) throw new AppError('conflict');
    await writeAudit(tx, ctx, {
      action: `guarantee_loan.${body.status}`,
      entityType: 'guarantee_loan',
      entityId: id,
      summary: {
        from,
        to: body.status,
        as: rel,
        ...(granted ? { amountGrantedFen: body.amountGrantedFen } : {}),
      },
    });
    const updated = await repo.findLoan(tx, id);
    if (!updated) throw new AppError('not_found');
    return toLoan(updated, person);
  });
}

export async function listLoans(
  ctx: RequestContext,
  q: ListGuaranteeLoansQuery,
): Promise<Page<GuaranteeLoan>> {
  const actor = requireUser(ctx);
  const filter: repo.LoanFilter = { startupId: q.startupId, status: q.status, ...offsetOf(q) };
  if (isStaff(actor)) filter.districtCodes = actor.districtCodes;
  else {
    const me = await findPersonOfUser(ctx.db, actor.userId);
    if (!me) return pageResult([], 0, q);
    filter.personId = me.id;
  }
  return ctx.db.transaction().execute(async (tx) => {
    const { rows, total } = await repo.listLoans(tx, filter);
    const persons = await getPersons(
      tx,
      rows.map((r) => r.personId),
    );
    await auditStaffRead(
      tx,
      ctx,
      'guarantee_loan',
      rows.map((r) => r.id),
      { list: true },
    );
    return pageResult(
      rows.map((r) => toLoan(r, persons.get(r.personId))),
      total,
      q,
    );
  });
}

// ——— Repayment deferrals ———

function toDeferral(r: repo.DeferralRow, person: PersonSummary | undefined): LoanDeferral {
  return {
    id: r.id,
    loanId: r.loanId,
    startupId: r.startupId,
    businessName: r.businessName,
    personName: person?.fullName ?? '',
    districtCode: r.districtCode,
    months: r.months,
    reason: r.reason,
    status: r.status as LoanDeferralStatus,
    reviewNote: r.reviewNote,
    reviewedAt: r.reviewedAt ? r.reviewedAt.toISOString() : null,
    createdAt: r.createdAt.toISOString(),
  };
}

/** Asks to defer repayments of a granted loan; one request under review per loan. */
export async function requestDeferral(
  ctx: RequestContext,
  loanId: string,
  body: CreateLoanDeferralBody,
): Promise<LoanDeferral> {
  const actor = requireUser(ctx);
  const now = ctx.now();
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      const { loan, person } = await loanFor(ctx, tx, loanId, { forUpdate: true });
      if (loan.status !== 'granted')
        throw new AppError('conflict', { fields: [{ path: 'loanId', code: 'loan_not_granted' }] });
      const id = await repo.insertDeferral(tx, {
        loanId,
        months: body.months,
        reason: body.reason,
        createdBy: actor.userId,
        at: now,
      });
      await writeAudit(tx, ctx, {
        action: 'loan_deferral.submit',
        entityType: 'loan_deferral',
        entityId: id,
        summary: { loanId, months: body.months },
      });
      const d = await repo.findDeferral(tx, id);
      if (!d) throw new AppError('not_found');
      return toDeferral(d, person);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'loan_deferrals_one_open'))
      throw new AppError('conflict', { fields: [{ path: 'loanId', code: 'deferral_pending' }], cause: err });
    throw err;
  }
}

/**
 * Staff of the district approve or reject (a rejection says why); the founder may withdraw. The
 * officer who filed the request for the founder does not also decide it (maker-checker).
 */
export async function decideLoanDeferral(
  ctx: RequestContext,
  id: string,
  body: DecideLoanDeferralBody,
): Promise<LoanDeferral> {
  const actor = requireUser(ctx);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const d = await repo.findDeferral(tx, id, { forUpdate: true });
    if (!d) throw new AppError('not_found');
    const person = await getPerson(tx, d.personId);
    const rel = relationTo(ctx.actor, { personUserId: person?.userId ?? null, districtCode: d.districtCode });
    if (!rel) throw new AppError('not_found');
    const to = decideDeferral(d.status as LoanDeferralStatus, body.decision, rel);
    if (!to) {
      if (d.status === 'submitted') throw new AppError('forbidden');
      throw new AppError('conflict', { fields: [{ path: 'decision', code: 'invalid_transition' }] });
    }
    if (rel === 'staff' && d.createdBy === actor.userId) throw new AppError('separation_of_duties');
    const reviewed = to === 'approved' || to === 'rejected';
    if (
      !(await repo.decideDeferral(tx, id, {
        status: to,
        reviewNote: body.note ?? null,
        reviewedBy: reviewed ? actor.userId : null,
        reviewed,
        at: now,
      }))
    )
      throw new AppError('conflict');
    await writeAudit(tx, ctx, {
      action: `loan_deferral.${to}`,
      entityType: 'loan_deferral',
      entityId: id,
      summary: { from: d.status, to, loanId: d.loanId, as: rel },
    });
    const updated = await repo.findDeferral(tx, id);
    if (!updated) throw new AppError('not_found');
    return toDeferral(updated, person);
  });
}

export async function listDeferrals(
  ctx: RequestContext,
  q: ListLoanDeferralsQuery,
): Promise<Page<LoanDeferral>> {
  const actor = requireUser(ctx);
  const filter: repo.DeferralFilter = { loanId: q.loanId, status: q.status, ...offsetOf(q) };
  if (isStaff(actor)) filter.districtCodes = actor.districtCodes;
  else {
    const me = await findPersonOfUser(ctx.db, actor.userId);
    if (!me) return pageResult([], 0, q);
    filter.personId = me.id;
  }
  return ctx.db.transaction().execute(async (tx) => {
    const { rows, total } = await repo.listDeferrals(tx, filter);
    const persons = await getPersons(
      tx,
      rows.map((r) => r.personId),
    );
    await auditStaffRead(
      tx,
      ctx,
      'loan_deferral',
      rows.map((r) => r.id),
      { list: true },
    );
    return pageResult(
      rows.map((r) => toDeferral(r, persons.get(r.personId))),
      total,
      q,
    );
  });
}

/** The calendar day in China (UTC+8, no daylight saving). */
export function chinaDay(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
