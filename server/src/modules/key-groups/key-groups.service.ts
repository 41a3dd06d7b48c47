import {
  KEY_GROUPS,
  type CreateKeyGroupRuleBody,
  type FactValue,
  type KeyGroup,
  type KeyGroupMembership,
  type KeyGroupRule,
  type KeyGroupTag,
  type PolicyRule,
} from '@jiuye/shared';
import type { Executor } from '../../db/database.js';
import { writeAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { openCaseForPerson } from '../cases/index.js';
import { isCityWideStaff } from '../enterprises/index.js';
import {
  getPersonProfile,
  lockPerson,
  personAccess,
  personDistrictOf,
  recordPersonEvent,
} from '../persons/index.js';
import { getFactDefinition, validateRule } from '../policies/index.js';
import { registrationStatusOf } from '../registrations/index.js';
import { addDays, chinaDate } from './key-groups.calendar.js';
import * as repo from './key-groups.repository.js';
import { classify, factsAt, SEED_RULES, type RawPersonFacts } from './key-groups.rules.js';

type AsOf = Date | string;

function dayOf(asOf: AsOf): string {
  return typeof asOf === 'string' ? asOf : chinaDate(asOf);
}

// ——— Rules ———

let seeded = false;

/**
 * Seeds the rules of domain.md (idempotent by seed key): at boot, and on first need in a process
 * (tests build apps without booting).
 */
export async function seedKeyGroupRules(db: Executor): Promise<number> {
  const n = await repo.insertSeedRules(db, SEED_RULES);
  if (!db.isTransaction) seeded = true;
  return n;
}

/**
 * Seeds on first need. Inside a transaction the check repeats until the seeding was done outside
 * one: a transaction that seeded may still roll back.
 */
async function ensureSeeded(db: Executor): Promise<void> {
  if (seeded) return;
  if ((await repo.countRules(db)) === 0) await seedKeyGroupRules(db);
  else if (!db.isTransaction) seeded = true;
}

function toRule(r: repo.RuleRow): KeyGroupRule {
  return {
    id: r.id,
    group: r.groupCode as KeyGroup,
    nameZh: r.nameZh,
    nameEn: r.nameEn,
    descriptionZh: r.descriptionZh,
    descriptionEn: r.descriptionEn,
    rule: r.rule as PolicyRule,
    effectiveFrom: r.effectiveFrom,
    effectiveTo: r.effectiveTo,
    validityMonths: r.validityMonths,
    createdAt: r.createdAt.toISOString(),
  };
}

export async function listRules(
  ctx: RequestContext,
  q: { asOf?: string | undefined; group?: KeyGroup | undefined },
): Promise<{ items: KeyGroupRule[] }> {
  await ensureSeeded(ctx.db);
  return { items: (await repo.listRules(ctx.db, q)).map(toRule) };
}

/**
 * A new rule version (city-wide staff: the rules are the bureau's): checked against the fact
 * registry, it takes over from its first day and the open-ended version before it ends the day before.
 */
export async function createRule(ctx: RequestContext, body: CreateKeyGroupRuleBody): Promise<KeyGroupRule> {
  const actor = ctx.actor;
  if (actor.kind !== 'user' || !isCityWideStaff(actor)) throw new AppError('forbidden');
  const issues = validateRule(body.rule, getFactDefinition, 'person', 'rule');
  if (issues.length > 0) throw new AppError('validation_failed', { fields: issues });
  const now = ctx.now();
  await ensureSeeded(ctx.db);
  return ctx.db.transaction().execute(async (tx) => {
    await repo.lockGroup(tx, body.group);
    const current = await repo.openEndedRule(tx, body.group);
    if (current && current.effectiveFrom >= body.effectiveFrom)
      throw new AppError('validation_failed', {
        fields: [{ path: 'effectiveFrom', code: 'rule_group_mismatch' }],
      });
    if (current) await repo.endRule(tx, current.id, addDays(body.effectiveFrom, -1));
    const row = await repo.insertRule(tx, {
      group: body.group,
      nameZh: body.nameZh,
      nameEn: body.nameEn,
      descriptionZh: body.descriptionZh ?? '',
      descriptionEn: body.descriptionEn ?? '',
      rule: body.rule,
      effectiveFrom: body.effectiveFrom,
      validityMonths: body.validityMonths ?? 12,
      createdBy: actor.userId,
      at: now,
    });
    await writeAudit(tx, ctx, {
      action: 'key_group_rule.create',
      entityType: 'key_group_rule',
      entityId: row.id,
      summary: { group: body.group, effectiveFrom: body.effectiveFrom, replaces: current?.id ?? null },
    });
    return toRule(row);
  });
}

// ——— Facts ———

/** What the registry knows about a person (undefined: no such person). */
export async function rawFactsOf(db: Executor, personId: string): Promise<RawPersonFacts | undefined> {
  const [p, status] = await Promise.all([
    getPersonProfile(db, personId),
    registrationStatusOf(db, [personId]),
  ]);
  if (!p) return undefined;
  const s = status.get(personId);
  return {
    birthDate: p.birthDate,
    gender: p.gender,
    householdRegionCode: p.householdRegionCode,
    residenceDistrictCode: p.residenceDistrictCode,
    educationLevel: p.educationLevel,
    graduationDate: p.graduationDate,
    ruralHousehold: p.ruralHousehold,
    veteran: p.veteran,
    poorHousehold: p.poorHousehold,
    disability: p.disability,
    registeredUnemployedOn: s?.activeUnemployment?.registeredOn ?? null,
    unemployedSince: s?.activeUnemployment?.unemployedSince ?? null,
    employed: s?.employed ?? false,
  };
}

/** The registry's person facts for the support-policy fact registry (see REGISTRY_PERSON_FACTS). */
export async function registryFactsOf(
  db: Executor,
  personId: string,
  asOf: string,
): Promise<Record<string, FactValue | undefined>> {
  const raw = await rawFactsOf(db, personId);
  if (!raw) return {};
  const facts = factsAt(raw, asOf);
  return { ...facts, 'person.classifiedKeyGroups': await keyGroupsOf(db, personId, asOf) };
}

// ——— Classification ———

/**
 * Classifies a person on `asOf` by the rules in force that day: a group whose rule holds becomes
 * (or stays) an active membership with its evidence and validity; one whose rule no longer holds
 * ends. A new membership opens a case when the person is not employed. Called on every change of
 * a person's facts or registrations, and by the daily sweep (ages and anniversaries pass on dates).
 * Runs in the caller's transaction, or in its own; holds the person's row lock.
 */
/**
 * Consent gate (issue 9, PIPL art. 15/28): the privacy module installs it at boot. When it answers
 * false for a person (they withdrew `key_group_status` consent, or their data is restricted after
 * cancellation), reclassification records no membership and ends the active ones.
 */
export type ClassificationGate = (db: Executor, personId: string) => Promise<boolean>;
let classificationGate: ClassificationGate | null = null;
export function setClassificationGate(gate: ClassificationGate | null): void {
  classificationGate = gate;
}

export async function reclassify(
  db: Executor,
  personId: string,
  asOf: AsOf,
  opts: { ctx?: RequestContext | null; caseReason?: 'key_group' | 'graduate' } = {},
): Promise<KeyGroup[]> {
  if (!db.isTransaction) return db.transaction().execute((tx) => reclassify(tx, personId, asOf, opts));
  const ctx = opts.ctx ?? null;
  const day = dayOf(asOf);
  const at = ctx ? ctx.now() : asOf instanceof Date ? asOf : new Date();
  const actorUserId = ctx?.actor.kind === 'user' ? ctx.actor.userId : null;
  await ensureSeeded(db);
  if (!(await lockPerson(db, personId))) throw new AppError('not_found');
  const raw = await rawFactsOf(db, personId);
  if (!raw) throw new AppError('not_found');
  const [rules, active] = await Promise.all([
    repo.rulesInForce(db, day),
    repo.activeMemberships(db, [personId]),
  ]);
  if (classificationGate && !(await classificationGate(db, personId))) {
    for (const m of active)
      await endMembership(db, ctx, personId, m, day, at, actorUserId, 'consent_withdrawn');
    return [];
  }
  const byGroup = new Map(active.map((m) => [m.groupCode, m]));
  const result: KeyGroup[] = [];
  const added: KeyGroup[] = [];
  const ruled = new Set<string>();
  for (const rule of rules) {
    ruled.add(rule.groupCode);
    const c = classify(
      { rule: rule.rule as PolicyRule, validityMonths: rule.validityMonths, effectiveTo: rule.effectiveTo },
      raw,
      day,
      getFactDefinition,
    );
    const current = byGroup.get(rule.groupCode);
    const group = rule.groupCode as KeyGroup;
    if (c.member) {
      result.push(group);
      if (current) {
        await repo.refreshMembership(db, current.id, {
          ruleId: rule.id,
          validUntil: c.validUntil,
          evidence: c.evidence,
          at,
        });
        continue;
      }
      await repo.insertMembership(db, {
        personId,
        groupCode: group,
        ruleId: rule.id,
        since: day,
        validUntil: c.validUntil,
        evidence: c.evidence,
        at,
      });
      added.push(group);
      await recordPersonEvent(db, {
        personId,
        kind: 'key_group_added',
        at,
        actorUserId,
        detail: { group, ruleId: rule.id, validUntil: c.validUntil },
      });
      await writeAudit(db, ctx, {
        action: 'key_group.classify',
        entityType: 'person',
        entityId: personId,
        summary: { group, ruleId: rule.id, asOf: day, evidence: c.evidence.map((e) => e.fact) },
      });
    } else if (current) {
      await endMembership(db, ctx, personId, current, day, at, actorUserId, 'rule_not_met');
    }
  }
  // A group whose rule ran out (no version in force) ends too.
  for (const m of active)
    if (!ruled.has(m.groupCode))
      await endMembership(db, ctx, personId, m, day, at, actorUserId, 'no_rule_in_force');
  if (added.length > 0 && !raw.employed) {
    const districtCode = await personDistrictOf(db, personId);
    if (districtCode)
      await openCaseForPerson(db, ctx, {
        personId,
        districtCode,
        reason: opts.caseReason ?? 'key_group',
        clockFrom: day,
        at,
      });
  }
  return result.sort();
}

async function endMembership(
  db: Executor,
  ctx: RequestContext | null,
  personId: string,
  m: repo.MembershipRow,
  day: string,
  at: Date,
  actorUserId: string | null,
  why: string,
): Promise<void> {
  await repo.endMembership(db, m.id, day, at);
  await recordPersonEvent(db, {
    personId,
    kind: 'key_group_ended',
    at,
    actorUserId,
    detail: { group: m.groupCode, reason: why },
  });
  await writeAudit(db, ctx, {
    action: 'key_group.end',
    entityType: 'person',
    entityId: personId,
    summary: { group: m.groupCode, asOf: day, reason: why },
  });
}

/** Active memberships valid on a day: started by then and not past their validity. */
function validOn(m: repo.MembershipRow, day: string): boolean {
  return m.since <= day && (m.validUntil === null || m.validUntil >= day);
}

/** The person's key groups on `asOf` (stored classification, valid that day). */
export async function keyGroupsOf(db: Executor, personId: string, asOf: AsOf): Promise<KeyGroup[]> {
  const day = dayOf(asOf);
  const rows = await repo.activeMemberships(db, [personId]);
  return rows
    .filter((m) => validOn(m, day))
    .map((m) => m.groupCode as KeyGroup)
    .sort();
}

/** Key-group tags for lists, per person. */
export async function keyGroupTagsOf(
  db: Executor,
  personIds: readonly string[],
  asOf: AsOf,
): Promise<Map<string, KeyGroupTag[]>> {
  const day = dayOf(asOf);
  const rows = await repo.activeMemberships(db, [...new Set(personIds)]);
  const out = new Map<string, KeyGroupTag[]>();
  for (const m of rows) {
    if (!validOn(m, day)) continue;
    const list = out.get(m.personId) ?? [];
    list.push({
      group: m.groupCode as KeyGroup,
      nameZh: m.nameZh,
      nameEn: m.nameEn,
      confirmed: m.confirmedAt !== null,
      validUntil: m.validUntil,
    });
    out.set(m.personId, list);
  }
  return out;
}

/**
 * Whether the person is a person with employment difficulties (就业困难人员) on `asOf` (default
 * today): a valid stored classification, or the rule in force holding on their current facts.
 * Public-welfare posts are only for them.
 */
export async function hasEmploymentDifficulty(
  db: Executor,
  personId: string,
  asOf: AsOf = new Date(),
): Promise<boolean> {
  const day = dayOf(asOf);
  if ((await keyGroupsOf(db, personId, day)).includes('employment_difficulty')) return true;
  await ensureSeeded(db);
  const [rules, raw] = await Promise.all([repo.rulesInForce(db, day), rawFactsOf(db, personId)]);
  const rule = rules.find((r) => r.groupCode === 'employment_difficulty');
  if (!rule || !raw) return false;
  return classify(
    { rule: rule.rule as PolicyRule, validityMonths: rule.validityMonths, effectiveTo: rule.effectiveTo },
    raw,
    day,
    getFactDefinition,
  ).member;
}

function toMembership(m: repo.MembershipRow): KeyGroupMembership {
  return {
    id: m.id,
    personId: m.personId,
    group: m.groupCode as KeyGroup,
    nameZh: m.nameZh,
    nameEn: m.nameEn,
    ruleId: m.ruleId,
    status: m.status === 'ended' ? 'ended' : 'active',
    since: m.since,
    validUntil: m.validUntil,
    evidence: Array.isArray(m.evidence) ? (m.evidence as KeyGroupMembership['evidence']) : [],
    confirmedBy: m.confirmedBy,
    confirmedByName: m.confirmedByName,
    confirmedAt: m.confirmedAt ? m.confirmedAt.toISOString() : null,
    endedOn: m.endedOn,
  };
}

/** A person's memberships with evidence (staff of the person's district; the person themself). */
export async function membershipsOf(
  ctx: RequestContext,
  personId: string,
): Promise<{ items: KeyGroupMembership[] }> {
  const access = await personAccess(ctx, ctx.db, personId);
  return ctx.db.transaction().execute(async (tx) => {
    if (access.relation === 'staff')
      await writeAudit(tx, ctx, { action: 'key_group.read', entityType: 'person', entityId: personId });
    return { items: (await repo.membershipsOf(tx, personId)).map(toMembership) };
  });
}

/** Staff of the person's district confirm the evidence of an active membership. */
export async function confirmMembership(
  ctx: RequestContext,
  personId: string,
  group: KeyGroup,
): Promise<KeyGroupMembership> {
  const access = await personAccess(ctx, ctx.db, personId);
  if (access.relation !== 'staff' || ctx.actor.kind !== 'user') throw new AppError('not_found');
  const by = ctx.actor.userId;
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const m = (await repo.activeMemberships(tx, [personId])).find((x) => x.groupCode === group);
    if (!m) throw new AppError('not_found');
    if (!(await repo.confirmMembership(tx, m.id, by, now))) throw new AppError('conflict');
    await recordPersonEvent(tx, {
      personId,
      kind: 'key_group_confirmed',
      at: now,
      actorUserId: by,
      detail: { group },
    });
    await writeAudit(tx, ctx, {
      action: 'key_group.confirm',
      entityType: 'person',
      entityId: personId,
      summary: { group, membershipId: m.id },
    });
    const again = (await repo.activeMemberships(tx, [personId])).find((x) => x.id === m.id);
    if (!again) throw new AppError('conflict');
    return toMembership(again);
  });
}

/** Reclassifies one person now (staff of their district), e.g. after documents were checked. */
export async function reclassifyNow(
  ctx: RequestContext,
  personId: string,
): Promise<{ items: KeyGroupMembership[] }> {
  const access = await personAccess(ctx, ctx.db, personId);
  if (access.relation !== 'staff') throw new AppError('not_found');
  await ctx.db.transaction().execute((tx) => reclassify(tx, personId, ctx.now(), { ctx }));
  return membershipsOf(ctx, personId);
}

/**
 * The daily sweep: reclassifies the persons whose classification runs out or whose date facts turn
 * on `asOf` (a birthday: the woman turning 40; a graduate's second anniversary). Answers how many.
 */
export async function runReclassificationSweep(db: Executor, now: Date, batch = 200): Promise<number> {
  const day = chinaDate(now);
  let after: string | null = null;
  let n = 0;
  for (;;) {
    const ids = await repo.dueForReclassification(db, day, batch, after);
    for (const id of ids) {
      await reclassify(db, id, now);
      n += 1;
    }
    if (ids.length < batch) return n;
    after = ids[ids.length - 1] ?? null;
  }
}

export { KEY_GROUPS };
