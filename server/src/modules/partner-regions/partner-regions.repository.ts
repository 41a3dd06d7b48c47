import { sql, type Expression, type SqlBool } from 'kysely';
import type { Executor } from '../../db/database.js';
import { regionPrefix } from './partner-regions.policy.js';

/*
 * All SQL of cross-regional recruitment. Reads of résumés, postings, applications and hires are
 * read models over the channel's tables (no module exports these figures), the way the training
 * and policy modules count hires.
 */

export type RegionRow = {
  id: string;
  regionCode: string;
  name: string;
  agreementStartsOn: string;
  agreementEndsOn: string | null;
  status: string;
  contacts: unknown;
  note: string;
  createdAt: Date;
  updatedAt: Date;
};

const REGION_COLUMNS = [
  'partnerRegions.id',
  'partnerRegions.regionCode',
  'partnerRegions.name',
  'partnerRegions.agreementStartsOn',
  'partnerRegions.agreementEndsOn',
  'partnerRegions.status',
  'partnerRegions.contacts',
  'partnerRegions.note',
  'partnerRegions.createdAt',
  'partnerRegions.updatedAt',
] as const;

/** `column LIKE '4502%'`: the region's codes (bpchar_pattern_ops indexes serve it). */
function inRegion(column: string, regionCode: string): Expression<SqlBool> {
  return sql<SqlBool>`${sql.ref(column)} LIKE ${`${regionPrefix(regionCode)}%`}`;
}

/** The résumé lies in the region by household or current region. */
function resumeInRegion(alias: string, regionCode: string): Expression<SqlBool> {
  return sql<SqlBool>`(${inRegion(`${alias}.householdRegionCode`, regionCode)} OR ${inRegion(
    `${alias}.currentRegionCode`,
    regionCode,
  )})`;
}

/** Origin: the household region on the résumé, else the current region. */
function originInRegion(alias: string, regionCode: string): Expression<SqlBool> {
  return sql<SqlBool>`coalesce(${sql.ref(`${alias}.householdRegionCode`)}, ${sql.ref(
    `${alias}.currentRegionCode`,
  )}) LIKE ${`${regionPrefix(regionCode)}%`}`;
}

export async function regionNames(db: Executor, codes: readonly string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .selectFrom('regions')
    .select(['code', 'name'])
    .where('code', 'in', [...new Set(codes)])
    .execute();
  return new Map(rows.map((r) => [r.code.trim(), r.name]));
}

export async function findRegion(
  db: Executor,
  id: string,
  o: { forUpdate?: boolean } = {},
): Promise<RegionRow | undefined> {
  let q = db.selectFrom('partnerRegions').select(REGION_COLUMNS).where('id', '=', id);
  if (o.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function findRegionByCode(db: Executor, code: string): Promise<{ id: string } | undefined> {
  return db.selectFrom('partnerRegions').select('id').where('regionCode', '=', code).executeTakeFirst();
}

export async function findRegions(db: Executor, ids: readonly string[]): Promise<RegionRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('partnerRegions')
    .select(REGION_COLUMNS)
    .where('id', 'in', [...ids])
    .execute();
}

export async function insertRegion(
  db: Executor,
  r: {
    regionCode: string;
    name: string;
    agreementStartsOn: string;
    agreementEndsOn: string | null;
    contacts: unknown[];
    note: string;
    createdBy: string;
    at: Date;
  },
): Promise<string> {
  const row = await db
    .insertInto('partnerRegions')
    .values({
      regionCode: r.regionCode,
      name: r.name,
      agreementStartsOn: r.agreementStartsOn,
      agreementEndsOn: r.agreementEndsOn,
      contacts: JSON.stringify(r.contacts),
      note: r.note,
      createdBy: r.createdBy,
      createdAt: r.at,
      updatedAt: r.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateRegion(
  db: Executor,
  id: string,
  p: {
    name?: string | undefined;
    agreementStartsOn?: string | undefined;
    agreementEndsOn?: string | null | undefined;
    contacts?: unknown[] | undefined;
    note?: string | undefined;
    status?: string | undefined;
  },
  at: Date,
): Promise<void> {
  const { contacts, ...rest } = p;
  await db
    .updateTable('partnerRegions')
    .set({ ...rest, ...(contacts ? { contacts: JSON.stringify(contacts) } : {}), updatedAt: at })
    .where('id', '=', id)
    .execute();
}

export async function listRegions(
  db: Executor,
  f: {
    ids?: readonly string[] | undefined;
    status?: string | undefined;
    q?: string | undefined;
    limit: number;
    offset: number;
  },
): Promise<{ rows: RegionRow[]; total: number }> {
  if (f.ids && f.ids.length === 0) return { rows: [], total: 0 };
  let q = db.selectFrom('partnerRegions').select(REGION_COLUMNS);
  let c = db.selectFrom('partnerRegions').select((eb) => eb.fn.countAll<number>().as('n'));
  if (f.ids) {
    q = q.where('id', 'in', [...f.ids]);
    c = c.where('id', 'in', [...f.ids]);
  }
  if (f.status) {
    q = q.where('status', '=', f.status);
    c = c.where('status', '=', f.status);
  }
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    q = q.where((eb) => eb.or([eb('name', 'ilike', like), eb('regionCode', 'like', like)]));
    c = c.where((eb) => eb.or([eb('name', 'ilike', like), eb('regionCode', 'like', like)]));
  }
  const [rows, count] = await Promise.all([
    q.orderBy('regionCode').limit(f.limit).offset(f.offset).execute(),
    c.executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

// ——— Officers ———

export type OfficerRow = {
  partnerRegionId: string;
  userId: string;
  displayName: string;
  phone: string;
  districtCodes: string[];
  attachedAt: Date;
};

export async function officersOf(db: Executor, regionIds: readonly string[]): Promise<OfficerRow[]> {
  if (regionIds.length === 0) return [];
  return db
    .selectFrom('partnerRegionOfficers as o')
    .innerJoin('users as u', 'u.id', 'o.userId')
    .select(['o.partnerRegionId', 'o.userId', 'u.displayName', 'u.phone', 'u.districtCodes', 'o.attachedAt'])
    .where('o.partnerRegionId', 'in', [...regionIds])
    .where('u.status', '=', 'active')
    .orderBy('o.attachedAt')
    .execute();
}

export async function findUser(
  db: Executor,
  id: string,
): Promise<{ id: string; role: string; status: string; districtCodes: string[] } | undefined> {
  return db
    .selectFrom('users')
    .select(['id', 'role', 'status', 'districtCodes'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function attachOfficer(
  db: Executor,
  regionId: string,
  userId: string,
  by: string,
  at: Date,
): Promise<boolean> {
  const r = await db
    .insertInto('partnerRegionOfficers')
    .values({ partnerRegionId: regionId, userId, attachedBy: by, attachedAt: at })
    .onConflict((oc) => oc.columns(['partnerRegionId', 'userId']).doNothing())
    .returning('userId')
    .executeTakeFirst();
  return r !== undefined;
}

export async function detachOfficer(db: Executor, regionId: string, userId: string): Promise<boolean> {
  const r = await db
    .deleteFrom('partnerRegionOfficers')
    .where('partnerRegionId', '=', regionId)
    .where('userId', '=', userId)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** The regions an officer is attached to. */
export async function officerRegionIds(db: Executor, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('partnerRegionOfficers')
    .select('partnerRegionId')
    .where('userId', '=', userId)
    .execute();
  return rows.map((r) => r.partnerRegionId);
}

export async function isAttached(db: Executor, regionId: string, userId: string): Promise<boolean> {
  const r = await db
    .selectFrom('partnerRegionOfficers')
    .select('userId')
    .where('partnerRegionId', '=', regionId)
    .where('userId', '=', userId)
    .executeTakeFirst();
  return r !== undefined;
}

export async function targetedCounts(
  db: Executor,
  regionIds: readonly string[],
): Promise<Map<string, number>> {
  if (regionIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('postingRegionTargets')
    .select(['partnerRegionId', (eb) => eb.fn.countAll<number>().as('n')])
    .where('partnerRegionId', 'in', [...regionIds])
    .groupBy('partnerRegionId')
    .execute();
  return new Map(rows.map((r) => [r.partnerRegionId, Number(r.n)]));
}

// ——— Postings and targets ———

export type PostingRow = {
  id: string;
  enterpriseId: string;
  title: string;
  districtCode: string;
  status: string;
  expiresOn: string;
  headcount: number;
  hiredCount: number;
};

export async function findPosting(db: Executor, id: string): Promise<PostingRow | undefined> {
  return db
    .selectFrom('jobPostings')
    .select(['id', 'enterpriseId', 'title', 'districtCode', 'status', 'expiresOn', 'headcount', 'hiredCount'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export type TargetRow = { partnerRegionId: string; regionCode: string; name: string; targetedAt: Date };

export async function targetsOf(db: Executor, postingId: string): Promise<TargetRow[]> {
  return db
    .selectFrom('postingRegionTargets as t')
    .innerJoin('partnerRegions as r', 'r.id', 't.partnerRegionId')
    .select(['t.partnerRegionId', 'r.regionCode', 'r.name', 't.targetedAt'])
    .where('t.postingId', '=', postingId)
    .orderBy('r.regionCode')
    .execute();
}

export async function insertTargets(
  db: Executor,
  postingId: string,
  regionIds: readonly string[],
  by: string,
  at: Date,
): Promise<void> {
  if (regionIds.length === 0) return;
  await db
    .insertInto('postingRegionTargets')
    .values(
      regionIds.map((partnerRegionId) => ({ postingId, partnerRegionId, targetedBy: by, targetedAt: at })),
    )
    .onConflict((oc) => oc.columns(['postingId', 'partnerRegionId']).doNothing())
    .execute();
}

export async function deleteTargets(
  db: Executor,
  postingId: string,
  regionIds: readonly string[],
): Promise<void> {
  if (regionIds.length === 0) return;
  await db
    .deleteFrom('postingRegionTargets')
    .where('postingId', '=', postingId)
    .where('partnerRegionId', 'in', [...regionIds])
    .execute();
}

export async function isTargeted(db: Executor, postingId: string, regionId: string): Promise<boolean> {
  const r = await db
    .selectFrom('postingRegionTargets')
    .select('postingId')
    .where('postingId', '=', postingId)
    .where('partnerRegionId', '=', regionId)
    .executeTakeFirst();
  return r !== undefined;
}

export type TargetedPostingRow = {
  postingId: string;
  title: string;
  enterpriseId: string;
  enterpriseName: string;
  occupationCode: string;
  occupationName: string;
  districtCode: string;
  districtName: string;
  headcount: number;
  hiredCount: number;
  salaryMinFen: number;
  salaryMaxFen: number;
  salaryPeriod: string;
  benefits: string[];
  expiresOn: string;
  status: string;
  targetedAt: Date;
  referralCount: number;
};

function occupationUnder(column: string, code: string): Expression<SqlBool> {
  return sql<SqlBool>`(${sql.ref(column)} = ${code} OR ${sql.ref(column)} LIKE ${`${code}-%`})`;
}

function escapeLike(q: string): string {
  return `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
}

export async function listTargetedPostings(
  db: Executor,
  regionId: string,
  f: {
    openOnly: boolean;
    today: string;
    occupationCode?: string | undefined;
    q?: string | undefined;
    limit: number;
    offset: number;
  },
): Promise<{ rows: TargetedPostingRow[]; total: number }> {
  let base = db
    .selectFrom('postingRegionTargets as t')
    .innerJoin('jobPostings as p', 'p.id', 't.postingId')
    .innerJoin('enterprises as e', 'e.id', 'p.enterpriseId')
    .where('t.partnerRegionId', '=', regionId);
  if (f.openOnly) base = base.where('p.status', '=', 'published').where('p.expiresOn', '>=', f.today);
  if (f.occupationCode) base = base.where(occupationUnder('p.occupationCode', f.occupationCode));
  if (f.q) {
    const like = escapeLike(f.q);
    base = base.where((eb) => eb.or([eb('p.title', 'ilike', like), eb('e.name', 'ilike', like)]));
  }
  const [rows, count] = await Promise.all([
    base
      .innerJoin('occupations as o', 'o.code', 'p.occupationCode')
      .innerJoin('regions as d', 'd.code', 'p.districtCode')
      .select((eb) => [
        'p.id as postingId',
        'p.title',
        'p.enterpriseId',
        'e.name as enterpriseName',
        'p.occupationCode',
        'o.nameZh as occupationName',
        'p.districtCode',
        'd.name as districtName',
        'p.headcount',
        'p.hiredCount',
        'p.salaryMinFen',
        'p.salaryMaxFen',
        'p.salaryPeriod',
        'p.benefits',
        'p.expiresOn',
        'p.status',
        't.targetedAt',
        eb
          .selectFrom('partnerReferrals as rf')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('rf.postingId', '=', 'p.id')
          .where('rf.partnerRegionId', '=', regionId)
          .as('referralCount'),
      ])
      .orderBy('t.targetedAt', 'desc')
      .orderBy('p.id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    rows: rows.map((r) => ({ ...r, referralCount: Number(r.referralCount ?? 0) })),
    total: Number(count.n),
  };
}

// ——— Seekers of a region ———

export type SeekerRow = {
  seekerUserId: string;
  fullName: string;
  phone: string;
  householdRegionCode: string | null;
  currentRegionCode: string | null;
  educationLevel: string | null;
  skills: string[];
  experienceYears: number;
  desiredOccupationCodes: string[];
  desiredDistrictCodes: string[];
  availableFrom: string | null;
  willingToRelocate: boolean;
  updatedAt: Date;
  referralCount: number;
};

export async function listRegionSeekers(
  db: Executor,
  regionCode: string,
  regionId: string,
  f: {
    occupationCode?: string | undefined;
    q?: string | undefined;
    willingToRelocate?: boolean | undefined;
    limit: number;
    offset: number;
  },
): Promise<{ rows: SeekerRow[]; total: number }> {
  let base = db
    .selectFrom('resumes as r')
    .innerJoin('users as u', 'u.id', 'r.userId')
    .where('r.visibleToEmployers', '=', true)
    .where('u.status', '=', 'active')
    .where('u.role', '=', 'seeker')
    .where(resumeInRegion('r', regionCode));
  if (f.occupationCode) {
    const code = f.occupationCode;
    base = base.where(
      sql<SqlBool>`EXISTS (SELECT 1 FROM unnest(${sql.ref('r.desiredOccupationCodes')}) AS c(code)
        WHERE c.code = ${code} OR c.code LIKE ${`${code}-%`})`,
    );
  }
  if (f.q) {
    const like = escapeLike(f.q);
    base = base.where((eb) =>
      eb.or([
        eb('r.fullName', 'ilike', like),
        sql<SqlBool>`EXISTS (SELECT 1 FROM unnest(${sql.ref('r.skills')}) AS s(skill) WHERE s.skill ILIKE ${like})`,
      ]),
    );
  }
  if (f.willingToRelocate !== undefined) base = base.where('r.willingToRelocate', '=', f.willingToRelocate);
  const [rows, count] = await Promise.all([
    base
      .select((eb) => [
        'r.userId as seekerUserId',
        'r.fullName',
        'u.phone',
        'r.householdRegionCode',
        'r.currentRegionCode',
        'r.educationLevel',
        'r.skills',
        'r.experienceYears',
        'r.desiredOccupationCodes',
        'r.desiredDistrictCodes',
        'r.availableFrom',
        'r.willingToRelocate',
        'r.updatedAt',
        eb
          .selectFrom('partnerReferrals as rf')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('rf.seekerUserId', '=', 'r.userId')
          .where('rf.partnerRegionId', '=', regionId)
          .as('referralCount'),
      ])
      .orderBy('r.updatedAt', 'desc')
      .orderBy('r.userId')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    rows: rows.map((r) => ({
      ...r,
      householdRegionCode: r.householdRegionCode?.trim() ?? null,
      currentRegionCode: r.currentRegionCode?.trim() ?? null,
      referralCount: Number(r.referralCount ?? 0),
    })),
    total: Number(count.n),
  };
}

/** The seeker, when their visible résumé lies in the region (household or current). */
export async function findRegionSeeker(
  db: Executor,
  regionCode: string,
  seekerUserId: string,
): Promise<{ userId: string; fullName: string } | undefined> {
  return db
    .selectFrom('resumes as r')
    .innerJoin('users as u', 'u.id', 'r.userId')
    .select(['r.userId', 'r.fullName'])
    .where('r.userId', '=', seekerUserId)
    .where('r.visibleToEmployers', '=', true)
    .where('u.status', '=', 'active')
    .where('u.role', '=', 'seeker')
    .where(resumeInRegion('r', regionCode))
    .executeTakeFirst();
}

// ——— Referrals ———

export async function insertReferral(
  db: Executor,
  r: {
    partnerRegionId: string;
    seekerUserId: string;
    postingId: string;
    note: string;
    referredBy: string;
    at: Date;
  },
): Promise<string> {
  const { at, ...values } = r;
  const row = await db
    .insertInto('partnerReferrals')
    .values({ ...values, createdAt: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export type ReferralRow = {
  id: string;
  partnerRegionId: string;
  regionCode: string;
  seekerUserId: string;
  seekerName: string;
  postingId: string;
  postingTitle: string;
  enterpriseName: string;
  note: string;
  referredByName: string;
  createdAt: Date;
  applied: boolean;
  hired: boolean;
};

export async function listReferrals(
  db: Executor,
  f: {
    regionId?: string | undefined;
    seekerUserId?: string | undefined;
    postingId?: string | undefined;
    ids?: readonly string[] | undefined;
    limit: number;
    offset: number;
  },
): Promise<{ rows: ReferralRow[]; total: number }> {
  let base = db.selectFrom('partnerReferrals as rf');
  if (f.regionId) base = base.where('rf.partnerRegionId', '=', f.regionId);
  if (f.seekerUserId) base = base.where('rf.seekerUserId', '=', f.seekerUserId);
  if (f.postingId) base = base.where('rf.postingId', '=', f.postingId);
  if (f.ids)
    base = base.where(
      'rf.id',
      'in',
      f.ids.length > 0 ? [...f.ids] : ['00000000-0000-0000-0000-000000000000'],
    );
  const [rows, count] = await Promise.all([
    base
      .innerJoin('partnerRegions as pr', 'pr.id', 'rf.partnerRegionId')
      .innerJoin('jobPostings as p', 'p.id', 'rf.postingId')
      .innerJoin('enterprises as e', 'e.id', 'p.enterpriseId')
      .innerJoin('users as by', 'by.id', 'rf.referredBy')
      .innerJoin('users as s', 's.id', 'rf.seekerUserId')
      .leftJoin('resumes as r', 'r.userId', 'rf.seekerUserId')
      .select((eb) => [
        'rf.id',
        'rf.partnerRegionId',
        'pr.regionCode',
        'rf.seekerUserId',
        eb.fn.coalesce('r.fullName', 's.displayName').as('seekerName'),
        'rf.postingId',
        'p.title as postingTitle',
        'e.name as enterpriseName',
        'rf.note',
        'by.displayName as referredByName',
        'rf.createdAt',
        eb
          .exists(
            eb
              .selectFrom('applications as a')
              .select('a.id')
              .whereRef('a.postingId', '=', 'rf.postingId')
              .whereRef('a.seekerUserId', '=', 'rf.seekerUserId')
              .whereRef('a.createdAt', '>=', 'rf.createdAt'),
          )
          .as('applied'),
        eb
          .exists(
            eb
              .selectFrom('hires as h')
              .select('h.id')
              .whereRef('h.postingId', '=', 'rf.postingId')
              .whereRef('h.seekerUserId', '=', 'rf.seekerUserId')
              .whereRef('h.hiredAt', '>=', 'rf.createdAt'),
          )
          .as('hired'),
      ])
      .orderBy('rf.createdAt', 'desc')
      .orderBy('rf.id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    rows: rows.map((r) => ({
      ...r,
      regionCode: r.regionCode.trim(),
      seekerName: r.seekerName ?? '',
      applied: Boolean(r.applied),
      hired: Boolean(r.hired),
    })),
    total: Number(count.n),
  };
}

// ——— Figures by region of origin ———

export type RegionFigures = {
  seekers: number;
  targetedPostings: number;
  referrals: number;
  referralsApplied: number;
  referralsHired: number;
  applications: number;
  applicationsToTargeted: number;
  hires: number;
  hiresToTargeted: number;
};

/** Counts for one region in [from, to) (either end open). One round trip. */
export async function regionFigures(
  db: Executor,
  region: { id: string; regionCode: string },
  from: Date | null,
  to: Date | null,
): Promise<RegionFigures> {
  const within = (col: string) =>
    sql<SqlBool>`(${from === null ? sql`TRUE` : sql`${sql.ref(col)} >= ${from}`} AND ${
      to === null ? sql`TRUE` : sql`${sql.ref(col)} < ${to}`
    })`;
  const targeted = (postingCol: string) =>
    sql<SqlBool>`EXISTS (SELECT 1 FROM posting_region_targets t WHERE t.posting_id = ${sql.ref(
      postingCol,
    )} AND t.partner_region_id = ${region.id})`;
  const r = await sql<{
    seekers: number;
    targetedPostings: number;
    referrals: number;
    referralsApplied: number;
    referralsHired: number;
    applications: number;
    applicationsToTargeted: number;
    hires: number;
    hiresToTargeted: number;
  }>`
    SELECT
      (SELECT count(*) FROM resumes r JOIN users u ON u.id = r.user_id
        WHERE r.visible_to_employers AND u.status = 'active' AND u.role = 'seeker'
          AND ${resumeInRegion('r', region.regionCode)}
      ) AS seekers,
      (SELECT count(*) FROM posting_region_targets t WHERE t.partner_region_id = ${region.id}) AS targeted_postings,
      (SELECT count(*) FROM partner_referrals rf WHERE rf.partner_region_id = ${region.id}
        AND ${within('rf.createdAt')}) AS referrals,
      (SELECT count(*) FROM partner_referrals rf WHERE rf.partner_region_id = ${region.id}
        AND ${within('rf.createdAt')}
        AND EXISTS (SELECT 1 FROM applications a WHERE a.posting_id = rf.posting_id
          AND a.seeker_user_id = rf.seeker_user_id AND a.created_at >= rf.created_at)) AS referrals_applied,
      (SELECT count(*) FROM partner_referrals rf WHERE rf.partner_region_id = ${region.id}
        AND ${within('rf.createdAt')}
        AND EXISTS (SELECT 1 FROM hires h WHERE h.posting_id = rf.posting_id
          AND h.seeker_user_id = rf.seeker_user_id AND h.hired_at >= rf.created_at)) AS referrals_hired,
      (SELECT count(*) FROM applications a JOIN resumes r ON r.user_id = a.seeker_user_id
        WHERE ${originInRegion('r', region.regionCode)} AND ${within('a.createdAt')}) AS applications,
      (SELECT count(*) FROM applications a JOIN resumes r ON r.user_id = a.seeker_user_id
        WHERE ${originInRegion('r', region.regionCode)} AND ${within('a.createdAt')}
          AND ${targeted('a.postingId')}) AS applications_to_targeted,
      (SELECT count(*) FROM hires h JOIN resumes r ON r.user_id = h.seeker_user_id
        WHERE ${originInRegion('r', region.regionCode)} AND ${within('h.hiredAt')}) AS hires,
      (SELECT count(*) FROM hires h JOIN resumes r ON r.user_id = h.seeker_user_id
        WHERE ${originInRegion('r', region.regionCode)} AND ${within('h.hiredAt')}
          AND ${targeted('h.postingId')}) AS hires_to_targeted
  `.execute(db);
  const row = r.rows[0];
  const n = (v: unknown) => Number(v ?? 0);
  return {
    seekers: n(row?.seekers),
    targetedPostings: n(row?.targetedPostings),
    referrals: n(row?.referrals),
    referralsApplied: n(row?.referralsApplied),
    referralsHired: n(row?.referralsHired),
    applications: n(row?.applications),
    applicationsToTargeted: n(row?.applicationsToTargeted),
    hires: n(row?.hires),
    hiresToTargeted: n(row?.hiresToTargeted),
  };
}

export async function allActiveRegions(
  db: Executor,
): Promise<{ id: string; regionCode: string; name: string }[]> {
  const rows = await db
    .selectFrom('partnerRegions')
    .select(['id', 'regionCode', 'name'])
    .where('status', '=', 'active')
    .orderBy('regionCode')
    .execute();
  return rows.map((r) => ({ ...r, regionCode: r.regionCode.trim() }));
}
