import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';

export type RuleRow = {
  id: string;
  groupCode: string;
  nameZh: string;
  nameEn: string;
  descriptionZh: string;
  descriptionEn: string;
  rule: unknown;
  effectiveFrom: string;
  effectiveTo: string | null;
  validityMonths: number;
  createdAt: Date;
};

const RULE_COLUMNS = [
  'id',
  'groupCode',
  'nameZh',
  'nameEn',
  'descriptionZh',
  'descriptionEn',
  'rule',
  'effectiveFrom',
  'effectiveTo',
  'validityMonths',
  'createdAt',
] as const;

export async function insertSeedRules(
  db: Executor,
  rules: readonly {
    seedKey: string;
    group: string;
    nameZh: string;
    nameEn: string;
    descriptionZh: string;
    descriptionEn: string;
    rule: unknown;
    effectiveFrom: string;
    validityMonths: number;
  }[],
): Promise<number> {
  if (rules.length === 0) return 0;
  const r = await db
    .insertInto('keyGroupRules')
    .values(
      rules.map((x) => ({
        seedKey: x.seedKey,
        groupCode: x.group,
        nameZh: x.nameZh,
        nameEn: x.nameEn,
        descriptionZh: x.descriptionZh,
        descriptionEn: x.descriptionEn,
        rule: JSON.stringify(x.rule),
        effectiveFrom: x.effectiveFrom,
        validityMonths: x.validityMonths,
        createdBy: null,
        createdAt: new Date(),
      })),
    )
    .onConflict((oc) => oc.column('seedKey').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0);
}

export async function countRules(db: Executor): Promise<number> {
  const r = await db
    .selectFrom('keyGroupRules')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The rule version in force on a day, per group (the latest that started by then). */
export async function rulesInForce(db: Executor, asOf: string): Promise<RuleRow[]> {
  return db
    .selectFrom('keyGroupRules')
    .distinctOn('groupCode')
    .select(RULE_COLUMNS)
    .where('effectiveFrom', '<=', asOf)
    .where((eb) => eb.or([eb('effectiveTo', 'is', null), eb('effectiveTo', '>=', asOf)]))
    .orderBy('groupCode')
    .orderBy('effectiveFrom', 'desc')
    .orderBy('createdAt', 'desc')
    .execute();
}

export async function listRules(
  db: Executor,
  f: { asOf?: string | undefined; group?: string | undefined },
): Promise<RuleRow[]> {
  let q = db.selectFrom('keyGroupRules').select(RULE_COLUMNS);
  if (f.group) q = q.where('groupCode', '=', f.group);
  if (f.asOf) {
    const d = f.asOf;
    q = q
      .where('effectiveFrom', '<=', d)
      .where((eb) => eb.or([eb('effectiveTo', 'is', null), eb('effectiveTo', '>=', d)]));
  }
  return q.orderBy('groupCode').orderBy('effectiveFrom', 'desc').limit(500).execute();
}

/** Serialises rule changes of one group (advisory lock for the transaction). */
export async function lockGroup(db: Executor, group: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`key_group_rules:${group}`}))`.execute(db);
}

/** The version that would still be in force on `from` with no end date: it ends the day before. */
export async function openEndedRule(db: Executor, group: string): Promise<RuleRow | undefined> {
  return db
    .selectFrom('keyGroupRules')
    .select(RULE_COLUMNS)
    .where('groupCode', '=', group)
    .where('effectiveTo', 'is', null)
    .orderBy('effectiveFrom', 'desc')
    .executeTakeFirst();
}

export async function endRule(db: Executor, id: string, effectiveTo: string): Promise<void> {
  await db.updateTable('keyGroupRules').set({ effectiveTo }).where('id', '=', id).execute();
}

export async function insertRule(
  db: Executor,
  r: {
    group: string;
    nameZh: string;
    nameEn: string;
    descriptionZh: string;
    descriptionEn: string;
    rule: unknown;
    effectiveFrom: string;
    validityMonths: number;
    createdBy: string;
    at: Date;
  },
): Promise<RuleRow> {
  return db
    .insertInto('keyGroupRules')
    .values({
      groupCode: r.group,
      nameZh: r.nameZh,
      nameEn: r.nameEn,
      descriptionZh: r.descriptionZh,
      descriptionEn: r.descriptionEn,
      rule: JSON.stringify(r.rule),
      effectiveFrom: r.effectiveFrom,
      validityMonths: r.validityMonths,
      seedKey: null,
      createdBy: r.createdBy,
      createdAt: r.at,
    })
    .returning(RULE_COLUMNS)
    .executeTakeFirstOrThrow();
}

// ——— Memberships ———

export type MembershipRow = {
  id: string;
  personId: string;
  groupCode: string;
  ruleId: string;
  status: string;
  since: string;
  validUntil: string | null;
  evidence: unknown;
  confirmedBy: string | null;
  confirmedAt: Date | null;
  endedOn: string | null;
  nameZh: string;
  nameEn: string;
  confirmedByName: string | null;
};

function selectMemberships(db: Executor) {
  return db
    .selectFrom('keyGroupMemberships as m')
    .innerJoin('keyGroupRules as r', 'r.id', 'm.ruleId')
    .leftJoin('users as u', 'u.id', 'm.confirmedBy')
    .select([
      'm.id',
      'm.personId',
      'm.groupCode',
      'm.ruleId',
      'm.status',
      'm.since',
      'm.validUntil',
      'm.evidence',
      'm.confirmedBy',
      'm.confirmedAt',
      'm.endedOn',
      'r.nameZh',
      'r.nameEn',
      'u.displayName as confirmedByName',
    ]);
}

export async function activeMemberships(
  db: Executor,
  personIds: readonly string[],
): Promise<MembershipRow[]> {
  if (personIds.length === 0) return [];
  return selectMemberships(db)
    .where('m.personId', 'in', personIds)
    .where('m.status', '=', 'active')
    .orderBy('m.groupCode')
    .execute();
}

export async function membershipsOf(db: Executor, personId: string): Promise<MembershipRow[]> {
  return selectMemberships(db)
    .where('m.personId', '=', personId)
    .orderBy('m.status')
    .orderBy('m.since', 'desc')
    .limit(200)
    .execute();
}

export async function insertMembership(
  db: Executor,
  m: {
    personId: string;
    groupCode: string;
    ruleId: string;
    since: string;
    validUntil: string | null;
    evidence: unknown;
    at: Date;
  },
): Promise<string> {
  const r = await db
    .insertInto('keyGroupMemberships')
    .values({
      personId: m.personId,
      groupCode: m.groupCode,
      ruleId: m.ruleId,
      since: m.since,
      validUntil: m.validUntil,
      evidence: JSON.stringify(m.evidence),
      createdAt: m.at,
      updatedAt: m.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function refreshMembership(
  db: Executor,
  id: string,
  m: { ruleId: string; validUntil: string | null; evidence: unknown; at: Date },
): Promise<void> {
  await db
    .updateTable('keyGroupMemberships')
    .set({
      ruleId: m.ruleId,
      validUntil: m.validUntil,
      evidence: JSON.stringify(m.evidence),
      updatedAt: m.at,
    })
    .where('id', '=', id)
    .execute();
}

export async function endMembership(db: Executor, id: string, endedOn: string, at: Date): Promise<void> {
  await db
    .updateTable('keyGroupMemberships')
    .set({ status: 'ended', endedOn, updatedAt: at })
    .where('id', '=', id)
    .where('status', '=', 'active')
    .execute();
}

export async function confirmMembership(db: Executor, id: string, by: string, at: Date): Promise<boolean> {
  const r = await db
    .updateTable('keyGroupMemberships')
    .set({ confirmedBy: by, confirmedAt: at, updatedAt: at })
    .where('id', '=', id)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/**
 * Who to reclassify on a day: persons whose classification runs out, and persons in the registry
 * whose date facts turn that day (a birthday, a monthly anniversary of leaving school or of the
 * last day of work; on the 1st also the anniversaries that fall on a day the past month lacks).
 */
export async function dueForReclassification(
  db: Executor,
  asOf: string,
  limit: number,
  afterId: string | null,
): Promise<string[]> {
  const r = await sql<{ id: string }>`
    WITH d AS (SELECT ${asOf}::date AS day)
    SELECT p.id FROM persons p, d
    WHERE (${afterId}::uuid IS NULL OR p.id > ${afterId}::uuid)
      AND (
        EXISTS (SELECT 1 FROM key_group_memberships m
                 WHERE m.person_id = p.id AND m.status = 'active' AND m.valid_until < d.day)
        OR (
          (EXISTS (SELECT 1 FROM person_profiles pp WHERE pp.person_id = p.id)
            OR EXISTS (SELECT 1 FROM registrations r WHERE r.person_id = p.id AND r.status = 'active'))
          AND (
            to_char(p.birth_date, 'MM-DD') = to_char(d.day, 'MM-DD')
            OR (to_char(p.birth_date, 'MM-DD') = '02-29' AND to_char(d.day, 'MM-DD') = '03-01')
            OR EXISTS (SELECT 1 FROM person_profiles pp WHERE pp.person_id = p.id
                        AND (extract(day FROM pp.graduation_date) = extract(day FROM d.day)
                             OR (extract(day FROM d.day) = 1 AND extract(day FROM pp.graduation_date) > 28)))
            OR EXISTS (SELECT 1 FROM registrations r WHERE r.person_id = p.id AND r.status = 'active'
                        AND r.kind = 'unemployment'
                        AND (extract(day FROM r.unemployed_since) = extract(day FROM d.day)
                             OR (extract(day FROM d.day) = 1 AND extract(day FROM r.unemployed_since) > 28)))
          )
        )
      )
    ORDER BY p.id
    LIMIT ${limit}`.execute(db);
  return r.rows.map((x) => x.id);
}
