import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';

export type CaseRow = {
  id: string;
  personId: string;
  districtCode: string;
  officerUserId: string | null;
  status: string;
  openReason: string;
  openedAt: Date;
  serviceClockFrom: string;
  closedAt: Date | null;
  outcome: string | null;
  outcomeNote: string | null;
  personName: string;
  personPhone: string;
  personIdNumberMasked: string | null;
  officerName: string | null;
  serviceCount: number;
  lastServiceAt: Date | null;
  nextFollowUpDue: string | null;
};

function selectCases(db: Executor) {
  return db
    .selectFrom('cases as c')
    .innerJoin('persons as p', 'p.id', 'c.personId')
    .leftJoin('users as o', 'o.id', 'c.officerUserId')
    .select((eb) => [
      'c.id',
      'c.personId',
      'c.districtCode',
      'c.officerUserId',
      'c.status',
      'c.openReason',
      'c.openedAt',
      'c.serviceClockFrom',
      'c.closedAt',
      'c.outcome',
      'c.outcomeNote',
      'p.fullName as personName',
      'p.phone as personPhone',
      'p.idNumberMasked as personIdNumberMasked',
      'o.displayName as officerName',
      eb
        .selectFrom('caseServices as s')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('s.caseId', '=', 'c.id')
        .as('serviceCount'),
      eb
        .selectFrom('caseServices as s')
        .select((e) => e.fn.max('s.providedAt').as('m'))
        .whereRef('s.caseId', '=', 'c.id')
        .as('lastServiceAt'),
      eb
        .selectFrom('caseServices as s')
        .select((e) => e.fn.min('s.followUpDue').as('d'))
        .whereRef('s.caseId', '=', 'c.id')
        .where('s.followUpDoneAt', 'is', null)
        .as('nextFollowUpDue'),
    ]);
}

function normalise(r: Omit<CaseRow, 'serviceCount'> & { serviceCount: number | string | null }): CaseRow {
  return { ...r, serviceCount: Number(r.serviceCount ?? 0) };
}

export async function findCase(
  db: Executor,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<CaseRow | undefined> {
  let q = selectCases(db).where('c.id', '=', id);
  if (opts.forUpdate) q = q.forUpdate('c');
  const r = await q.executeTakeFirst();
  return r ? normalise(r) : undefined;
}

export type CaseFilters = {
  districtCodes: readonly string[];
  officerUserId?: string | undefined;
  status?: string | undefined;
  districtCode?: string | undefined;
  keyGroup?: string | undefined;
  name?: string | undefined;
  limit: number;
  offset: number;
};

export async function listCases(db: Executor, f: CaseFilters): Promise<{ rows: CaseRow[]; total: number }> {
  let q = selectCases(db).where('c.districtCode', 'in', f.districtCodes.length ? [...f.districtCodes] : ['']);
  if (f.officerUserId) q = q.where('c.officerUserId', '=', f.officerUserId);
  if (f.status) q = q.where('c.status', '=', f.status);
  if (f.districtCode) q = q.where('c.districtCode', '=', f.districtCode);
  if (f.name) q = q.where('p.fullName', 'ilike', `%${f.name.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (f.keyGroup) {
    const g = f.keyGroup;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('keyGroupMemberships as m')
          .select('m.id')
          .whereRef('m.personId', '=', 'c.personId')
          .where('m.groupCode', '=', g)
          .where('m.status', '=', 'active'),
      ),
    );
  }
  const [c, rows] = await Promise.all([
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
    q.orderBy('c.openedAt', 'desc').orderBy('c.id').limit(f.limit).offset(f.offset).execute(),
  ]);
  return { rows: rows.map((r) => normalise(r as CaseRow)), total: Number(c.n) };
}

export async function openCaseOf(
  db: Executor,
  personId: string,
): Promise<{ id: string; officerUserId: string | null; districtCode: string } | undefined> {
  return db
    .selectFrom('cases')
    .select(['id', 'officerUserId', 'districtCode'])
    .where('personId', '=', personId)
    .where('status', '=', 'open')
    .executeTakeFirst();
}

export async function openCaseIdsOf(
  db: Executor,
  personIds: readonly string[],
): Promise<{ id: string; personId: string }[]> {
  if (personIds.length === 0) return [];
  return db
    .selectFrom('cases')
    .select(['id', 'personId'])
    .where('personId', 'in', personIds)
    .where('status', '=', 'open')
    .execute();
}

export async function latestCaseOf(db: Executor, personId: string): Promise<CaseRow | undefined> {
  const r = await selectCases(db)
    .where('c.personId', '=', personId)
    .orderBy(sql`c.status = 'open'`, 'desc')
    .orderBy('c.openedAt', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r ? normalise(r) : undefined;
}

/**
 * The least-loaded active officer of a district: district officers before city-wide ones (the
 * bureau oversees, the district serves; a city-wide officer gets cases only where no district
 * officer exists), then the fewest open cases, then the longest-standing account.
 */
/** Zhanjiang's nine districts: an officer covering all of them is city-wide. */
const CITY_DISTRICT_COUNT = 9;

export async function leastLoadedOfficer(db: Executor, districtCode: string): Promise<string | undefined> {
  const r = await db
    .selectFrom('users as u')
    .select('u.id')
    .where('u.role', '=', 'staff')
    .where('u.status', '=', 'active')
    .where(sql<boolean>`${districtCode} = ANY(u.district_codes)`)
    .orderBy(sql`cardinality(u.district_codes) >= ${CITY_DISTRICT_COUNT}::int`, 'asc')
    .orderBy(
      (eb) =>
        eb
          .selectFrom('cases as c')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('c.officerUserId', '=', 'u.id')
          .where('c.status', '=', 'open'),
      'asc',
    )
    .orderBy('u.createdAt', 'asc')
    .orderBy('u.id')
    .limit(1)
    .executeTakeFirst();
  return r?.id;
}

export async function officerCovers(db: Executor, userId: string, districtCode: string): Promise<boolean> {
  const r = await db
    .selectFrom('users as u')
    .select('u.id')
    .where('u.id', '=', userId)
    .where('u.role', '=', 'staff')
    .where('u.status', '=', 'active')
    .where(sql<boolean>`${districtCode} = ANY(u.district_codes)`)
    .executeTakeFirst();
  return r !== undefined;
}

/** Inserts the person's open case unless one exists (cases_open_uniq); answers the new id or undefined. */
export async function insertOpenCase(
  db: Executor,
  c: {
    personId: string;
    districtCode: string;
    officerUserId: string | null;
    openReason: string;
    serviceClockFrom: string;
    at: Date;
  },
): Promise<string | undefined> {
  const r = await db
    .insertInto('cases')
    .values({
      personId: c.personId,
      districtCode: c.districtCode,
      officerUserId: c.officerUserId,
      openReason: c.openReason,
      openedAt: c.at,
      serviceClockFrom: c.serviceClockFrom,
      createdAt: c.at,
      updatedAt: c.at,
    })
    .onConflict((oc) => oc.column('personId').where('status', '=', 'open').doNothing())
    .returning('id')
    .executeTakeFirst();
  return r?.id;
}

export async function closeCase(
  db: Executor,
  id: string,
  c: { outcome: string; note: string | null; registrationId: string | null; at: Date },
): Promise<boolean> {
  const r = await db
    .updateTable('cases')
    .set({
      status: 'closed',
      closedAt: c.at,
      outcome: c.outcome,
      outcomeNote: c.note,
      closedByRegistrationId: c.registrationId,
      updatedAt: c.at,
    })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function setOfficer(db: Executor, id: string, officerUserId: string, at: Date): Promise<void> {
  await db.updateTable('cases').set({ officerUserId, updatedAt: at }).where('id', '=', id).execute();
}

// ——— Services ———

export type ServiceRow = {
  id: string;
  caseId: string;
  kind: string;
  postingId: string | null;
  postingTitle: string | null;
  courseId: string | null;
  policyCode: string | null;
  note: string | null;
  providedAt: Date;
  providedBy: string | null;
  providedByName: string | null;
  followUpDue: string | null;
  followUpDoneAt: Date | null;
  outcome: string;
  outcomeNote: string | null;
};

function selectServices(db: Executor) {
  return db
    .selectFrom('caseServices as s')
    .leftJoin('jobPostings as jp', 'jp.id', 's.postingId')
    .leftJoin('users as u', 'u.id', 's.providedBy')
    .select([
      's.id',
      's.caseId',
      's.kind',
      's.postingId',
      'jp.title as postingTitle',
      's.courseId',
      's.policyCode',
      's.note',
      's.providedAt',
      's.providedBy',
      'u.displayName as providedByName',
      's.followUpDue',
      's.followUpDoneAt',
      's.outcome',
      's.outcomeNote',
    ]);
}

export async function servicesOf(db: Executor, caseId: string): Promise<ServiceRow[]> {
  return selectServices(db)
    .where('s.caseId', '=', caseId)
    .orderBy('s.providedAt', 'desc')
    .orderBy('s.id')
    .limit(500)
    .execute();
}

export async function findService(db: Executor, caseId: string, id: string): Promise<ServiceRow | undefined> {
  return selectServices(db).where('s.caseId', '=', caseId).where('s.id', '=', id).executeTakeFirst();
}

export async function insertService(
  db: Executor,
  s: {
    caseId: string;
    kind: string;
    postingId: string | null;
    courseId: string | null;
    policyCode: string | null;
    note: string | null;
    providedAt: Date;
    providedBy: string | null;
    followUpDue: string | null;
    dedupeKey: string | null;
  },
): Promise<string | undefined> {
  const r = await db
    .insertInto('caseServices')
    .values({ ...s, createdAt: s.providedAt })
    .onConflict((oc) => oc.column('dedupeKey').doNothing())
    .returning('id')
    .executeTakeFirst();
  return r?.id;
}

export async function recordFollowUp(
  db: Executor,
  id: string,
  f: { outcome: string; note: string | null; at: Date },
): Promise<boolean> {
  const r = await db
    .updateTable('caseServices')
    .set({ outcome: f.outcome, outcomeNote: f.note, followUpDoneAt: f.at })
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function postingExists(db: Executor, id: string): Promise<boolean> {
  const r = await db.selectFrom('jobPostings').select('id').where('id', '=', id).executeTakeFirst();
  return r !== undefined;
}

// ——— Overdue and workload ———

/** The "no service within 30 days of registering" window (domain.md, key-group assistance). */
export const NO_SERVICE_DAYS = 30;

export type OverdueRow = {
  caseId: string;
  personId: string;
  personName: string;
  districtCode: string;
  officerUserId: string | null;
  officerName: string | null;
  reason: 'follow_up_overdue' | 'no_service_30_days';
  serviceId: string | null;
  dueOn: string;
};

function overdueQuery(
  today: string,
  f: { districtCodes: readonly string[]; officerUserId?: string | undefined; reason?: string | undefined },
) {
  const districts = f.districtCodes.length ? [...f.districtCodes] : [''];
  const officer = f.officerUserId ?? null;
  const reason = f.reason ?? null;
  return sql<OverdueRow>`
    SELECT * FROM (
      SELECT c.id AS case_id, c.person_id, p.full_name AS person_name, c.district_code, c.officer_user_id,
             o.display_name AS officer_name, 'follow_up_overdue' AS reason, s.id AS service_id,
             to_char(s.follow_up_due, 'YYYY-MM-DD') AS due_on
        FROM case_services s
        JOIN cases c ON c.id = s.case_id AND c.status = 'open'
        JOIN persons p ON p.id = c.person_id
        LEFT JOIN users o ON o.id = c.officer_user_id
       WHERE s.follow_up_done_at IS NULL AND s.follow_up_due < ${today}::date
      UNION ALL
      SELECT c.id, c.person_id, p.full_name, c.district_code, c.officer_user_id, o.display_name,
             'no_service_30_days', NULL,
             to_char(c.service_clock_from + ${NO_SERVICE_DAYS}::int, 'YYYY-MM-DD')
        FROM cases c
        JOIN persons p ON p.id = c.person_id
        LEFT JOIN users o ON o.id = c.officer_user_id
       WHERE c.status = 'open' AND c.service_clock_from + ${NO_SERVICE_DAYS}::int < ${today}::date
         AND NOT EXISTS (SELECT 1 FROM case_services s WHERE s.case_id = c.id)
    ) x
    WHERE x.district_code = ANY(${districts}::text[])
      AND (${officer}::uuid IS NULL OR x.officer_user_id = ${officer}::uuid)
      AND (${reason}::text IS NULL OR x.reason = ${reason}::text)`;
}

export async function listOverdue(
  db: Executor,
  today: string,
  f: {
    districtCodes: readonly string[];
    officerUserId?: string | undefined;
    reason?: string | undefined;
    limit: number;
    offset: number;
  },
): Promise<{ rows: OverdueRow[]; total: number }> {
  const q = overdueQuery(today, f);
  const [c, rows] = await Promise.all([
    sql<{ n: number }>`SELECT count(*)::int AS n FROM (${q}) y`.execute(db),
    sql<OverdueRow>`SELECT * FROM (${q}) y ORDER BY due_on, case_id, service_id NULLS FIRST LIMIT ${f.limit} OFFSET ${f.offset}`.execute(
      db,
    ),
  ]);
  return { rows: rows.rows, total: Number(c.rows[0]?.n ?? 0) };
}

/** Every overdue item of the city (the alert sweep), bounded. */
export async function allOverdue(db: Executor, today: string, limit: number): Promise<OverdueRow[]> {
  const q = overdueQuery(today, {
    districtCodes: ['440802', '440803', '440804', '440811', '440823', '440825', '440881', '440882', '440883'],
  });
  const r =
    await sql<OverdueRow>`SELECT * FROM (${q}) y WHERE y.officer_user_id IS NOT NULL ORDER BY due_on LIMIT ${limit}`.execute(
      db,
    );
  return r.rows;
}

export type WorkloadRow = {
  officerUserId: string;
  officerName: string;
  districtCodes: string[];
  openCases: number;
  overdueFollowUps: number;
  withoutService30Days: number;
};

export async function workload(
  db: Executor,
  today: string,
  districtCodes: readonly string[],
): Promise<WorkloadRow[]> {
  const districts = districtCodes.length ? [...districtCodes] : [''];
  const r = await sql<WorkloadRow>`
    SELECT u.id AS officer_user_id, u.display_name AS officer_name, u.district_codes,
      (SELECT count(*)::int FROM cases c WHERE c.officer_user_id = u.id AND c.status = 'open') AS open_cases,
      (SELECT count(*)::int FROM case_services s JOIN cases c ON c.id = s.case_id
        WHERE c.officer_user_id = u.id AND c.status = 'open' AND s.follow_up_done_at IS NULL
          AND s.follow_up_due < ${today}::date) AS overdue_follow_ups,
      (SELECT count(*)::int FROM cases c WHERE c.officer_user_id = u.id AND c.status = 'open'
          AND c.service_clock_from + ${NO_SERVICE_DAYS}::int < ${today}::date
          AND NOT EXISTS (SELECT 1 FROM case_services s WHERE s.case_id = c.id)) AS without_service30_days
    FROM users u
    WHERE u.role = 'staff' AND u.status = 'active' AND u.district_codes && ${districts}::text[]
    ORDER BY open_cases DESC, u.display_name, u.id
    LIMIT 500`.execute(db);
  return r.rows;
}

/** A published posting of a district for demo referrals (postings module: no such export yet). */
export async function publishedPostingIn(db: Executor, districtCode: string): Promise<string | undefined> {
  const r = await db
    .selectFrom('jobPostings')
    .select('id')
    .where('districtCode', '=', districtCode)
    .where('status', '=', 'published')
    .orderBy('publishedAt', 'desc')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return r?.id;
}
