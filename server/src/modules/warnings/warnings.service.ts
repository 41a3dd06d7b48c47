import {
  warningParamErrors,
  type CreateWarningRuleBody,
  type UpdateWarningRuleBody,
  type WarningAlert,
  type WarningKind,
  type WarningRule,
} from '@jiuye/shared';
import type { Db, Executor } from '../../db/database.js';
import { writeAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { createNotification } from '../alerts/index.js';
import { CITY_DISTRICT_CODES, isCityWideStaff, isStaff } from '../enterprises/index.js';
import {
  approvedNotPaid,
  chinaDay,
  chinaMonth,
  shiftMonth,
  supplyDemandBy,
  unemploymentRegistrationsByDistrict,
  unresolvedShortages,
} from '../statistics/index.js';
import * as repo from './warnings.repository.js';

const DAY_MS = 86_400_000;

/**
 * The starting rules (seeded at boot, idempotent by code; staff may later change parameters as data).
 * layoff_art41: Labour Contract Law art. 41 makes 20 or more people, or 10% or more of the staff,
 * an economic layoff that must be reported to the labour administration.
 */
export const SEED_RULES: repo.SeedRule[] = [
  {
    code: 'layoff_art41',
    kind: 'layoff',
    nameZh: '监测企业当月裁员 20 人及以上或占职工总数 10% 及以上（劳动合同法第四十一条）',
    nameEn:
      'Monitored enterprise laid off 20+ people or 10%+ of its staff in a month (Labour Contract Law art. 41)',
    params: { minPeople: 20, minShare: 0.1 },
    severity: 'high',
    effectiveFrom: '2008-01-01',
  },
  {
    code: 'occupation_ratio_high',
    kind: 'supply_demand_ratio',
    nameZh: '职业求人倍率过高（用工紧缺）',
    nameEn: 'Supply-demand ratio of an occupation above the threshold (labour short)',
    params: { threshold: 2, minVacancies: 10 },
    severity: 'medium',
    effectiveFrom: '2020-01-01',
  },
  {
    code: 'district_registrations_rising',
    kind: 'registrations_rising',
    nameZh: '区县失业登记环比增幅过快',
    nameEn: 'District unemployment registrations rising faster than the threshold month on month',
    params: { risePct: 0.3, minCount: 10 },
    severity: 'medium',
    effectiveFrom: '2020-01-01',
  },
  {
    code: 'shortage_unresolved',
    kind: 'shortage_unresolved',
    nameZh: '用工缺口逾期未解决',
    nameEn: 'Labour shortage unresolved after N days',
    params: { days: 30 },
    severity: 'medium',
    effectiveFrom: '2020-01-01',
  },
  {
    code: 'payout_waiting',
    kind: 'payout_waiting',
    nameZh: '政策审批通过后逾期未发放',
    nameEn: 'Approved policy application not paid after N days',
    params: { days: 15 },
    severity: 'high',
    effectiveFrom: '2020-01-01',
  },
];

/** Seeds the starting warning rules (boot and tests); answers how many were new. */
export async function seedWarningRules(db: Db): Promise<number> {
  return repo.insertSeedRules(db, SEED_RULES);
}

function params(rule: repo.RuleRow): Record<string, number> {
  const p = rule.params;
  const out: Record<string, number> = {};
  if (p && typeof p === 'object') {
    for (const [k, v] of Object.entries(p as Record<string, unknown>)) if (typeof v === 'number') out[k] = v;
  }
  return out;
}

type Raise = Omit<repo.NewAlert, 'ruleId' | 'ruleVersion' | 'kind' | 'severity' | 'raisedAt'>;

/**
 * Raises an alert once per rule, subject and period (the unique key decides under concurrency),
 * assigns it to a staff member of the district, notifies them and audits it. Answers the new id.
 */
async function raise(tx: Executor, ctx: RequestContext | null, rule: repo.RuleRow, a: Raise, at: Date) {
  const id = await repo.insertAlert(tx, {
    ...a,
    ruleId: rule.id,
    // The alert keeps the version that raised it: a later edit of the rule does not change it.
    ruleVersion: rule.version,
    kind: rule.kind,
    severity: rule.severity,
    raisedAt: at,
  });
  if (!id) return undefined;
  const assignee = await repo.pickAssignee(tx, a.districtCode, CITY_DISTRICT_CODES);
  if (assignee) {
    await repo.setAssignee(tx, id, assignee);
    await createNotification(tx, {
      userId: assignee,
      kind: 'warning_alert',
      titleZh: `预警：${a.titleZh}`,
      titleEn: `Early warning: ${a.titleEn}`,
      body: { alertId: id, ruleCode: rule.code, severity: rule.severity },
      link: `/staff/alerts/${id}`,
      dedupeKey: `warning:${id}`,
      at,
    });
  }
  await writeAudit(tx, ctx, {
    action: 'warning.raise',
    entityType: 'warning_alert',
    entityId: id,
    summary: {
      rule: rule.code,
      subjectType: a.subjectType,
      subjectId: a.subjectId,
      period: a.period,
      assignee,
    },
  });
  return id;
}

export type LayoffFacts = {
  enterpriseId: string;
  enterpriseName: string;
  districtCode: string;
  month: string;
  startHeadcount: number;
  layoffs: number;
};

/**
 * Layoff rules on one monthly report, in the report's transaction. Answers the ids of the layoff
 * alerts of this enterprise and month (new or raised before).
 */
export async function evaluateLayoff(
  tx: Executor,
  ctx: RequestContext | null,
  f: LayoffFacts,
  at: Date,
): Promise<string[]> {
  for (const rule of await repo.rulesInEffect(tx, 'layoff', chinaDay(at))) {
    const p = params(rule);
    const byPeople = p.minPeople !== undefined && f.layoffs >= p.minPeople;
    const share = f.startHeadcount > 0 ? f.layoffs / f.startHeadcount : 0;
    const byShare = p.minShare !== undefined && f.layoffs > 0 && share >= p.minShare;
    if (!byPeople && !byShare) continue;
    const pct = Math.round(share * 1000) / 10;
    await raise(
      tx,
      ctx,
      rule,
      {
        subjectType: 'enterprise',
        subjectId: f.enterpriseId,
        period: f.month,
        districtCode: f.districtCode,
        titleZh: `${f.enterpriseName} ${f.month} 裁员 ${f.layoffs} 人（占 ${pct}%）`,
        titleEn: `${f.enterpriseName} laid off ${f.layoffs} people in ${f.month} (${pct}% of staff)`,
        detail: { layoffs: f.layoffs, startHeadcount: f.startHeadcount, share, ...p },
      },
      at,
    );
  }
  return repo.alertIdsFor(tx, 'layoff', 'enterprise', f.enterpriseId, f.month);
}

export type SweepResult = { raised: number };

/**
 * The daily sweep: ratio and registration rules over the last complete month (China time), waiting
 * shortages and payouts against today. Safe to run often and on several instances (deduplicated).
 */
export async function runWarningSweep(
  db: Db,
  now: Date,
  opts: { month?: string } = {},
): Promise<SweepResult> {
  const day = chinaDay(now);
  const month = opts.month ?? shiftMonth(chinaMonth(now), -1);
  let raised = 0;
  const count = (id: string | undefined) => {
    if (id) raised += 1;
  };

  for (const rule of await repo.rulesInEffect(db, 'supply_demand_ratio', day)) {
    const p = params(rule);
    const rows = await supplyDemandBy(db, month, '4408%', 'occupation');
    for (const r of rows) {
      if (r.ratio === null || r.ratio <= (p.threshold ?? 2) || r.vacancies < (p.minVacancies ?? 0)) continue;
      count(
        await db.transaction().execute((tx) =>
          raise(
            tx,
            null,
            rule,
            {
              subjectType: 'occupation',
              subjectId: r.code,
              period: month,
              districtCode: null,
              titleZh: `职业 ${r.code} ${month} 求人倍率 ${r.ratio}`,
              titleEn: `Occupation ${r.code}: supply-demand ratio ${r.ratio} in ${month}`,
              detail: { vacancies: r.vacancies, seekers: r.seekers, ratio: r.ratio, ...p },
            },
            now,
          ),
        ),
      );
    }
  }

  for (const rule of await repo.rulesInEffect(db, 'registrations_rising', day)) {
    const p = params(rule);
    const [cur, prev] = await Promise.all([
      unemploymentRegistrationsByDistrict(db, month),
      unemploymentRegistrationsByDistrict(db, shiftMonth(month, -1)),
    ]);
    for (const [district, n] of cur) {
      const before = prev.get(district) ?? 0;
      if (n < (p.minCount ?? 0)) continue;
      const rise = before === 0 ? Infinity : (n - before) / before;
      if (rise <= (p.risePct ?? 0.3)) continue;
      count(
        await db.transaction().execute((tx) =>
          raise(
            tx,
            null,
            rule,
            {
              subjectType: 'district',
              subjectId: district,
              period: month,
              districtCode: district,
              titleZh: `${district} ${month} 新增失业登记 ${n} 人（上月 ${before} 人）`,
              titleEn: `${district}: ${n} new unemployment registrations in ${month} (previous month ${before})`,
              detail: { count: n, previous: before, rise: Number.isFinite(rise) ? rise : null, ...p },
            },
            now,
          ),
        ),
      );
    }
  }

  for (const rule of await repo.rulesInEffect(db, 'shortage_unresolved', day)) {
    const p = params(rule);
    const days = p.days ?? 30;
    for (const s of await unresolvedShortages(db, new Date(now.getTime() - days * DAY_MS))) {
      count(
        await db.transaction().execute((tx) =>
          raise(
            tx,
            null,
            rule,
            {
              subjectType: 'shortage',
              subjectId: s.id,
              period: 'once',
              districtCode: s.districtCode,
              titleZh: `用工缺口（${s.occupationCode}，${s.headcount} 人）超过 ${days} 天未解决`,
              titleEn: `Labour shortage (${s.occupationCode}, ${s.headcount} people) unresolved after ${days} days`,
              detail: { reportedAt: s.createdAt.toISOString(), ...p },
            },
            now,
          ),
        ),
      );
    }
  }

  for (const rule of await repo.rulesInEffect(db, 'payout_waiting', day)) {
    const p = params(rule);
    const days = p.days ?? 15;
    for (const a of await approvedNotPaid(db, new Date(now.getTime() - days * DAY_MS))) {
      count(
        await db.transaction().execute((tx) =>
          raise(
            tx,
            null,
            rule,
            {
              subjectType: 'policy_application',
              subjectId: a.id,
              period: 'once',
              districtCode: a.districtCode,
              titleZh: `政策 ${a.policyCode} 申请审批通过超过 ${days} 天未发放`,
              titleEn: `Policy ${a.policyCode} application approved over ${days} days ago and not paid`,
              detail: { approvedAt: a.approvedAt.toISOString(), ...p },
            },
            now,
          ),
        ),
      );
    }
  }
  return { raised };
}

// ——— Alerts API ———

function toAlert(r: repo.AlertRow): WarningAlert {
  return {
    id: r.id,
    ruleCode: r.ruleCode,
    ruleVersion: r.ruleVersion,
    kind: r.kind as WarningAlert['kind'],
    severity: r.severity as WarningAlert['severity'],
    subjectType: r.subjectType,
    subjectId: r.subjectId,
    period: r.period,
    districtCode: r.districtCode?.trim() ?? null,
    titleZh: r.titleZh,
    titleEn: r.titleEn,
    detail: (r.detail ?? {}) as Record<string, unknown>,
    status: r.status as WarningAlert['status'],
    assigneeUserId: r.assigneeUserId,
    raisedAt: r.raisedAt.toISOString(),
    acknowledgedAt: r.acknowledgedAt?.toISOString() ?? null,
    resolvedAt: r.resolvedAt?.toISOString() ?? null,
    resolutionNote: r.resolutionNote,
  };
}

function toRule(r: repo.RuleRow): WarningRule {
  return {
    id: r.id,
    code: r.code,
    kind: r.kind as WarningRule['kind'],
    nameZh: r.nameZh,
    nameEn: r.nameEn,
    params: params(r),
    severity: r.severity as WarningRule['severity'],
    effectiveFrom: r.effectiveFrom,
    effectiveTo: r.effectiveTo,
    active: r.active,
    version: r.version,
  };
}

export async function listRules(ctx: RequestContext): Promise<{ items: WarningRule[] }> {
  return { items: (await repo.listRules(ctx.db)).map(toRule) };
}

// ——— Editing rules (city-wide staff) ———

/** Rules apply to the whole city: only an officer of every district may change them. */
function requireCityWide(ctx: RequestContext): string {
  const actor = ctx.actor;
  if (!isCityWideStaff(actor)) throw new AppError('forbidden');
  return actor.userId;
}

/** Field errors of a rule's values (parameters against the kind, the effective period). */
function checkRule(kind: WarningKind, v: repo.RuleValues): void {
  const fields = warningParamErrors(kind, v.params);
  if (v.effectiveTo !== null && v.effectiveTo < v.effectiveFrom)
    fields.push({ path: 'effectiveTo', code: 'ends_before_start' });
  if (fields.length > 0) throw new AppError('validation_failed', { fields });
}

function valuesOf(r: repo.RuleRow): repo.RuleValues {
  return {
    nameZh: r.nameZh,
    nameEn: r.nameEn,
    params: params(r),
    severity: r.severity,
    effectiveFrom: r.effectiveFrom,
    effectiveTo: r.effectiveTo,
    active: r.active,
  };
}

export async function createRule(ctx: RequestContext, body: CreateWarningRuleBody): Promise<WarningRule> {
  const by = requireCityWide(ctx);
  const values: repo.RuleValues = {
    nameZh: body.nameZh,
    nameEn: body.nameEn,
    params: body.params,
    severity: body.severity,
    effectiveFrom: body.effectiveFrom,
    effectiveTo: body.effectiveTo ?? null,
    active: true,
  };
  checkRule(body.kind, values);
  return ctx.db.transaction().execute(async (tx) => {
    const id = await repo.insertRule(tx, { ...values, code: body.code, kind: body.kind }, by, ctx.now());
    if (!id) throw new AppError('already_exists', { fields: [{ path: 'code', code: 'already_exists' }] });
    await writeAudit(tx, ctx, {
      action: 'warning_rule.create',
      entityType: 'warning_rule',
      entityId: id,
      summary: { code: body.code, kind: body.kind, version: 1, ...values },
    });
    return toRule((await repo.findRule(tx, id)) as repo.RuleRow);
  });
}

/** Writes `change` as the next version of a locked rule and audits it; unchanged values write nothing. */
async function applyChange(
  tx: Executor,
  ctx: RequestContext,
  by: string,
  current: repo.RuleRow,
  change: Partial<repo.RuleValues>,
  action: string,
): Promise<WarningRule> {
  const before = valuesOf(current);
  const after: repo.RuleValues = { ...before };
  for (const [k, v] of Object.entries(change) as [keyof repo.RuleValues, unknown][]) {
    if (v !== undefined) (after as Record<string, unknown>)[k] = v;
  }
  checkRule(current.kind as WarningKind, after);
  const changed = (Object.keys(after) as (keyof repo.RuleValues)[]).filter(
    (k) => JSON.stringify(after[k]) !== JSON.stringify(before[k]),
  );
  // Nothing to change: the rule as it is, no new version.
  if (changed.length === 0) return toRule(current);
  if (!(await repo.updateRule(tx, current.id, current.version, after, by, ctx.now())))
    throw new AppError('conflict', { fields: [{ path: 'version', code: 'stale_version' }] });
  await writeAudit(tx, ctx, {
    action,
    entityType: 'warning_rule',
    entityId: current.id,
    summary: {
      code: current.code,
      fromVersion: current.version,
      toVersion: current.version + 1,
      changed: Object.fromEntries(changed.map((k) => [k, { from: before[k], to: after[k] }])),
    },
  });
  return toRule((await repo.findRule(tx, current.id)) as repo.RuleRow);
}

/** The rule locked for a change (a concurrent change waits, then sees the new version). */
async function lockRule(tx: Executor, id: string): Promise<repo.RuleRow> {
  const current = await repo.findRule(tx, id, true);
  if (!current) throw new AppError('not_found');
  return current;
}

/**
 * Applies a change as a new version of the rule. `version` must be the current one (else 409
 * `stale_version`): of two officers editing from the same version, exactly one wins. Alerts
 * already raised keep the version that raised them.
 */
export async function updateRule(
  ctx: RequestContext,
  id: string,
  body: UpdateWarningRuleBody,
): Promise<WarningRule> {
  const { version, ...change } = body;
  return ctx.db.transaction().execute(async (tx) => {
    // Every staff member sees the rules (listWarningRules): a missing one is a 404 to all.
    const current = await lockRule(tx, id);
    const by = requireCityWide(ctx);
    if (version !== current.version)
      throw new AppError('conflict', { fields: [{ path: 'version', code: 'stale_version' }] });
    return applyChange(tx, ctx, by, current, change, 'warning_rule.update');
  });
}

/** Stops a rule: it raises nothing from the next evaluation on. Disabling a disabled rule is a no-op. */
export async function disableRule(
  ctx: RequestContext,
  id: string,
  version: number | undefined,
): Promise<WarningRule> {
  return ctx.db.transaction().execute(async (tx) => {
    const current = await lockRule(tx, id);
    const by = requireCityWide(ctx);
    if (version !== undefined && version !== current.version)
      throw new AppError('conflict', { fields: [{ path: 'version', code: 'stale_version' }] });
    return applyChange(tx, ctx, by, current, { active: false }, 'warning_rule.disable');
  });
}

/** Staff see alerts of their districts; city-wide officers also those without a district. */
function maySee(ctx: RequestContext, r: repo.AlertRow): boolean {
  if (!isStaff(ctx.actor)) return false;
  const d = r.districtCode?.trim() ?? null;
  return d === null ? isCityWideStaff(ctx.actor) : ctx.actor.districtCodes.includes(d);
}

export async function listAlerts(
  ctx: RequestContext,
  q: {
    status?: string | undefined;
    severity?: string | undefined;
    kind?: string | undefined;
    districtCode?: string | undefined;
    mine?: 'true' | 'false' | undefined;
    page: number;
    pageSize: number;
  },
) {
  const actor = ctx.actor;
  if (!isStaff(actor)) throw new AppError('forbidden');
  const r = await repo.listAlerts(ctx.db, {
    districtCodes: actor.districtCodes,
    cityWide: isCityWideStaff(actor),
    status: q.status,
    severity: q.severity,
    kind: q.kind,
    districtCode: q.districtCode,
    assigneeUserId: q.mine === 'true' ? actor.userId : undefined,
    page: q.page,
    pageSize: q.pageSize,
  });
  return { items: r.items.map(toAlert), total: r.total, page: q.page, pageSize: q.pageSize };
}

export async function getAlert(ctx: RequestContext, id: string): Promise<WarningAlert> {
  const r = await repo.findAlert(ctx.db, id);
  if (!r || !maySee(ctx, r)) throw new AppError('not_found');
  return toAlert(r);
}

/** Acknowledging an acknowledged alert answers it unchanged; a resolved one is a 409. */
export async function acknowledgeAlert(ctx: RequestContext, id: string, note: string | undefined) {
  const actor = ctx.actor;
  if (actor.kind !== 'user') throw new AppError('forbidden');
  return ctx.db.transaction().execute(async (tx) => {
    const r = await repo.findAlert(tx, id, true);
    if (!r || !maySee(ctx, r)) throw new AppError('not_found');
    if (r.status === 'resolved') throw new AppError('alert_resolved');
    if (r.status === 'open') {
      await repo.acknowledge(tx, id, actor.userId, ctx.now());
      await writeAudit(tx, ctx, {
        action: 'warning.acknowledge',
        entityType: 'warning_alert',
        entityId: id,
        summary: { note: note ?? null },
      });
    }
    return toAlert((await repo.findAlert(tx, id)) as repo.AlertRow);
  });
}

export async function resolveAlert(ctx: RequestContext, id: string, note: string) {
  const actor = ctx.actor;
  if (actor.kind !== 'user') throw new AppError('forbidden');
  return ctx.db.transaction().execute(async (tx) => {
    const r = await repo.findAlert(tx, id, true);
    if (!r || !maySee(ctx, r)) throw new AppError('not_found');
    if (r.status === 'resolved') throw new AppError('alert_resolved');
    await repo.resolve(tx, id, actor.userId, note, ctx.now());
    await writeAudit(tx, ctx, {
      action: 'warning.resolve',
      entityType: 'warning_alert',
      entityId: id,
      summary: { from: r.status, note },
    });
    return toAlert((await repo.findAlert(tx, id)) as repo.AlertRow);
  });
}
