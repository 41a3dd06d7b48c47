import type { MonitoredEnterprise, MonthlyReport, MonthlyReportBody } from '@jiuye/shared';
import type { Db } from '../../db/database.js';
import { writeAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { createNotification } from '../alerts/index.js';
import {
  assertCanManageEnterprise,
  enterpriseAccess,
  getEnterpriseSummary,
  isStaff,
  isStaffInDistrict,
} from '../enterprises/index.js';
import { chinaMonth, monthBounds, shiftMonth } from '../statistics/index.js';
import { evaluateLayoff } from '../warnings/index.js';
import * as repo from './monitoring.repository.js';

/**
 * A month's report is due by the end of the 10th of the next month (China time). Until then a
 * correction replaces it (audited, version + 1); afterwards it is frozen (409 report_closed). A first
 * report after the deadline is still accepted and marked late.
 */
export const REPORT_DUE_DAY = 10;
const DAY_MS = 86_400_000;

export function dueAt(month: string): Date {
  return new Date(monthBounds(shiftMonth(month, 1)).from.getTime() + REPORT_DUE_DAY * DAY_MS);
}

function toSample(r: repo.SampleRow): MonitoredEnterprise {
  return {
    enterpriseId: r.enterpriseId,
    enterpriseName: r.enterpriseName,
    districtCode: r.districtCode,
    active: r.active,
    firstMonth: r.firstMonth,
    note: r.note,
    designatedAt: r.designatedAt.toISOString(),
    lastReportedMonth: r.lastReportedMonth,
  };
}

function toReport(r: repo.ReportRow, alertIds: string[]): MonthlyReport {
  return {
    id: r.id,
    enterpriseId: r.enterpriseId,
    districtCode: r.districtCode,
    month: r.month,
    startHeadcount: r.startHeadcount,
    endHeadcount: r.endHeadcount,
    hires: r.hires,
    separations: {
      layoff: r.sepLayoff,
      resignation: r.sepResignation,
      contractEnd: r.sepContractEnd,
      retirement: r.sepRetirement,
      other: r.sepOther,
    },
    note: r.note,
    late: r.late,
    version: r.version,
    submittedAt: r.submittedAt.toISOString(),
    alertIds,
  };
}

/** Staff designate a sample enterprise of their district (re-designation reactivates it). */
export async function designateSample(
  ctx: RequestContext,
  body: { enterpriseId: string; firstMonth?: string | undefined; note?: string | undefined },
): Promise<MonitoredEnterprise> {
  const actor = ctx.actor;
  if (!isStaff(actor)) throw new AppError('forbidden');
  const ent = await getEnterpriseSummary(ctx.db, body.enterpriseId);
  if (!ent) throw fieldError('enterpriseId', 'enterprise_unknown');
  if (!isStaffInDistrict(actor, ent.districtCode)) throw fieldError('enterpriseId', 'outside_district');
  const firstMonth = body.firstMonth ?? chinaMonth(ctx.now());
  return ctx.db.transaction().execute(async (tx) => {
    await repo.upsertSample(tx, {
      enterpriseId: ent.id,
      districtCode: ent.districtCode,
      firstMonth,
      note: body.note ?? null,
      designatedBy: actor.userId,
      at: ctx.now(),
    });
    await writeAudit(tx, ctx, {
      action: 'monitoring.designate',
      entityType: 'enterprise',
      entityId: ent.id,
      summary: { firstMonth, districtCode: ent.districtCode },
    });
    return toSample((await repo.findSample(tx, ent.id)) as repo.SampleRow);
  });
}

export async function listSamples(
  ctx: RequestContext,
  q: { districtCode?: string | undefined; page: number; pageSize: number },
) {
  const actor = ctx.actor;
  if (!isStaff(actor)) throw new AppError('forbidden');
  if (q.districtCode && !actor.districtCodes.includes(q.districtCode))
    throw fieldError('districtCode', 'outside_district');
  const r = await repo.listSamples(ctx.db, {
    districtCodes: q.districtCode ? [q.districtCode] : actor.districtCodes,
    page: q.page,
    pageSize: q.pageSize,
  });
  return { items: r.items.map(toSample), total: r.total, page: q.page, pageSize: q.pageSize };
}

function balanceError(body: MonthlyReportBody): AppError | null {
  const s = body.separations;
  const separations = s.layoff + s.resignation + s.contractEnd + s.retirement + s.other;
  const expected = body.startHeadcount + body.hires - separations;
  const diff = body.endHeadcount - expected;
  if (diff === 0) return null;
  return new AppError('validation_failed', {
    fields: [{ path: 'endHeadcount', code: 'report_unbalanced' }],
    detail: {
      'zh-CN': `报告不平衡：期初 ${body.startHeadcount} + 新增 ${body.hires} − 减员 ${separations} = ${expected}，填报期末 ${body.endHeadcount}，相差 ${diff > 0 ? '+' : ''}${diff}`,
      'en-US': `The report does not balance: start ${body.startHeadcount} + hires ${body.hires} − separations ${separations} = ${expected}, but end is ${body.endHeadcount} (difference ${diff > 0 ? '+' : ''}${diff})`,
    },
  });
}

/**
 * An enterprise member files (or, before the deadline, corrects) a month's report. Refused with 400
 * when it does not balance, or when its start differs from the previous month's reported end (or
 * its end from the next month's reported start): the chain of months must join up, so a wrong
 * month is corrected rather than papered over. Layoff rules run in the same transaction.
 */
export async function submitReport(
  ctx: RequestContext,
  enterpriseId: string,
  month: string,
  body: MonthlyReportBody,
): Promise<{ report: MonthlyReport; created: boolean }> {
  const actor = ctx.actor;
  if (actor.kind !== 'user') throw new AppError('forbidden');
  const ent = await assertCanManageEnterprise(ctx, enterpriseId);
  const unbalanced = balanceError(body);
  if (unbalanced) throw unbalanced;
  const now = ctx.now();
  if (month >= chinaMonth(now)) throw fieldError('month', 'month_not_ended');
  return ctx.db.transaction().execute(async (tx) => {
    const sample = await repo.findSample(tx, enterpriseId, true);
    if (!sample?.active) {
      throw new AppError('conflict', { fields: [{ path: 'id', code: 'not_monitored' }] });
    }
    if (month < sample.firstMonth) throw fieldError('month', 'before_first_month');
    const prev = await repo.findReport(tx, enterpriseId, shiftMonth(month, -1));
    if (prev && prev.endHeadcount !== body.startHeadcount) {
      throw new AppError('validation_failed', {
        fields: [{ path: 'startHeadcount', code: 'start_mismatch' }],
        detail: {
          'zh-CN': `期初人数 ${body.startHeadcount} 与上月期末人数 ${prev.endHeadcount} 相差 ${body.startHeadcount - prev.endHeadcount}`,
          'en-US': `Start headcount ${body.startHeadcount} differs from the previous month’s end ${prev.endHeadcount} by ${body.startHeadcount - prev.endHeadcount}`,
        },
      });
    }
    const next = await repo.findReport(tx, enterpriseId, shiftMonth(month, 1));
    if (next && next.startHeadcount !== body.endHeadcount) {
      throw new AppError('validation_failed', {
        fields: [{ path: 'endHeadcount', code: 'end_mismatch' }],
        detail: {
          'zh-CN': `期末人数 ${body.endHeadcount} 与下月期初人数 ${next.startHeadcount} 相差 ${body.endHeadcount - next.startHeadcount}`,
          'en-US': `End headcount ${body.endHeadcount} differs from the next month’s start ${next.startHeadcount} by ${body.endHeadcount - next.startHeadcount}`,
        },
      });
    }
    const values: repo.ReportValues = {
      startHeadcount: body.startHeadcount,
      endHeadcount: body.endHeadcount,
      hires: body.hires,
      sepLayoff: body.separations.layoff,
      sepResignation: body.separations.resignation,
      sepContractEnd: body.separations.contractEnd,
      sepRetirement: body.separations.retirement,
      sepOther: body.separations.other,
      note: body.note ?? null,
    };
    const existing = await repo.findReport(tx, enterpriseId, month);
    const due = dueAt(month);
    if (existing) {
      if (now.getTime() >= due.getTime()) throw new AppError('report_closed');
      await repo.replaceReport(tx, existing.id, { ...values, by: actor.userId, at: now });
      await writeAudit(tx, ctx, {
        action: 'monitoring.report.correct',
        entityType: 'monitoring_report',
        entityId: existing.id,
        summary: { enterpriseId, month, before: { ...existing, submittedAt: undefined }, after: values },
      });
    } else {
      await repo.insertReport(tx, {
        ...values,
        enterpriseId,
        districtCode: ent.districtCode,
        month,
        late: now.getTime() >= due.getTime(),
        by: actor.userId,
        at: now,
      });
    }
    const saved = (await repo.findReport(tx, enterpriseId, month)) as repo.ReportRow;
    if (!existing) {
      await writeAudit(tx, ctx, {
        action: 'monitoring.report.submit',
        entityType: 'monitoring_report',
        entityId: saved.id,
        summary: { enterpriseId, month, ...values, late: saved.late },
      });
    }
    const alertIds = await evaluateLayoff(
      tx,
      ctx,
      {
        enterpriseId,
        enterpriseName: ent.name,
        districtCode: ent.districtCode,
        month,
        startHeadcount: body.startHeadcount,
        layoffs: body.separations.layoff,
      },
      now,
    );
    return { report: toReport(saved, alertIds), created: !existing };
  });
}

/** An enterprise's reports: its members, and staff of its district. */
export async function listReports(
  ctx: RequestContext,
  enterpriseId: string,
): Promise<{ items: MonthlyReport[] }> {
  const a = await enterpriseAccess(ctx, enterpriseId);
  if (!a || (a.memberRole === null && !a.staffInDistrict)) throw new AppError('not_found');
  const rows = await repo.listReports(ctx.db, enterpriseId);
  return { items: rows.map((r) => toReport(r, [])) };
}

/** Samples of the caller's districts that have not reported `month` yet. */
export async function lateList(ctx: RequestContext, q: { month: string; districtCode?: string | undefined }) {
  const actor = ctx.actor;
  if (!isStaff(actor)) throw new AppError('forbidden');
  if (q.districtCode && !actor.districtCodes.includes(q.districtCode))
    throw fieldError('districtCode', 'outside_district');
  const rows = await repo.missingReports(
    ctx.db,
    q.month,
    q.districtCode ? [q.districtCode] : actor.districtCodes,
  );
  const due = dueAt(q.month);
  const overdue = ctx.now().getTime() >= due.getTime();
  return {
    month: q.month,
    items: rows.map((r) => ({ ...r, month: q.month, dueAt: due.toISOString(), overdue })),
  };
}

/**
 * Reminds the members of samples that have not reported last month: once from the 1st, once more in
 * the last three days before the deadline and after it (deduplicated per enterprise, month and stage).
 */
export async function runMonitoringReminders(db: Db, now: Date): Promise<{ notified: number }> {
  const month = shiftMonth(chinaMonth(now), -1);
  const due = dueAt(month);
  const stage = due.getTime() - now.getTime() <= 3 * DAY_MS ? 'final' : 'first';
  let notified = 0;
  for (const s of await repo.missingReports(db, month, null)) {
    const users = await repo.memberUserIds(db, s.enterpriseId);
    await db.transaction().execute(async (tx) => {
      for (const userId of users) {
        await createNotification(tx, {
          userId,
          kind: 'monitoring_reminder',
          titleZh: `请报送 ${month} 用工监测月报（截止 ${due.toISOString().slice(0, 10)}）`,
          titleEn: `Please file the ${month} employment monitoring report (due ${due.toISOString().slice(0, 10)})`,
          body: { enterpriseId: s.enterpriseId, month, stage },
          link: `/employer/monitoring/${s.enterpriseId}/${month}`,
          dedupeKey: `monitoring-reminder:${s.enterpriseId}:${month}:${stage}`,
          at: now,
        });
        notified += 1;
      }
    });
  }
  return { notified };
}
