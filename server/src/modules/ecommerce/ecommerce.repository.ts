import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';

export type ProjectRow = {
  id: string;
  name: string;
  regionCode: string;
  countyCode: string;
  villageName: string | null;
  product: string;
  organiser: string;
  organiserPhone: string | null;
  startsOn: string;
  description: string;
  status: string;
  createdAt: Date;
  updatedAt: Date;
};

const PROJECT_COLUMNS = [
  'id',
  'name',
  'regionCode',
  'countyCode',
  'villageName',
  'product',
  'organiser',
  'organiserPhone',
  'startsOn',
  'description',
  'status',
  'createdAt',
  'updatedAt',
] as const;

export async function findProject(db: Executor, id: string): Promise<ProjectRow | undefined> {
  return db.selectFrom('ecommerceProjects').select(PROJECT_COLUMNS).where('id', '=', id).executeTakeFirst();
}

export async function insertProject(
  db: Executor,
  p: {
    name: string;
    regionCode: string;
    countyCode: string;
    villageName: string | null;
    product: string;
    organiser: string;
    organiserPhone: string | null;
    startsOn: string;
    description: string;
    createdBy: string;
    at: Date;
  },
): Promise<string> {
  const { at, ...values } = p;
  const r = await db
    .insertInto('ecommerceProjects')
    .values({ ...values, createdAt: at, updatedAt: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateProjectStatus(
  db: Executor,
  id: string,
  status: string,
  at: Date,
): Promise<boolean> {
  const r = await db
    .updateTable('ecommerceProjects')
    .set({ status, updatedAt: at })
    .where('id', '=', id)
    .where('status', '<>', status)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** `%` and `_` in the user's words are literal. */
function likePattern(words: string): string {
  return `%${words.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export async function listProjects(
  db: Executor,
  f: {
    countyCodes: readonly string[];
    countyCode?: string | undefined;
    status?: string | undefined;
    q?: string | undefined;
    limit: number;
    offset: number;
  },
): Promise<{ rows: ProjectRow[]; total: number }> {
  if (f.countyCodes.length === 0) return { rows: [], total: 0 };
  let q = db
    .selectFrom('ecommerceProjects')
    .select(PROJECT_COLUMNS)
    .where('countyCode', 'in', [...f.countyCodes]);
  let c = db
    .selectFrom('ecommerceProjects')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('countyCode', 'in', [...f.countyCodes]);
  if (f.countyCode) {
    q = q.where('countyCode', '=', f.countyCode);
    c = c.where('countyCode', '=', f.countyCode);
  }
  if (f.status) {
    q = q.where('status', '=', f.status);
    c = c.where('status', '=', f.status);
  }
  if (f.q) {
    const p = likePattern(f.q);
    q = q.where((eb) => eb.or([eb('name', 'ilike', p), eb('product', 'ilike', p)]));
    c = c.where((eb) => eb.or([eb('name', 'ilike', p), eb('product', 'ilike', p)]));
  }
  const [rows, count] = await Promise.all([
    q.orderBy('createdAt', 'desc').orderBy('id').limit(f.limit).offset(f.offset).execute(),
    c.executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export type OutcomeRow = {
  projectId: string;
  participants: number;
  trained: number;
  selling: number;
  incomeReported: number;
  totalMonthlyIncomeFen: number;
};

/** Per project: participants, trained, selling, and the monthly income reported (sum over reporters). */
export async function outcomesOf(
  db: Executor,
  projectIds: readonly string[],
): Promise<Map<string, OutcomeRow>> {
  if (projectIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('ecommerceParticipants')
    .select([
      'projectId',
      sql<number>`count(*)::int`.as('participants'),
      sql<number>`count(*) FILTER (WHERE trained)::int`.as('trained'),
      sql<number>`count(*) FILTER (WHERE selling)::int`.as('selling'),
      sql<number>`count(monthly_income_fen)::int`.as('incomeReported'),
      sql<number>`coalesce(sum(monthly_income_fen), 0)::bigint`.as('totalMonthlyIncomeFen'),
    ])
    .where('projectId', 'in', [...projectIds])
    .groupBy('projectId')
    .execute();
  return new Map(
    rows.map((r) => [
      r.projectId,
      { ...r, totalMonthlyIncomeFen: Number(r.totalMonthlyIncomeFen), participants: Number(r.participants) },
    ]),
  );
}

// ——— Participants ———

export type ParticipantRow = {
  id: string;
  projectId: string;
  personId: string;
  trained: boolean;
  selling: boolean;
  monthlyIncomeFen: number | null;
  incomeReportedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

const PARTICIPANT_COLUMNS = [
  'id',
  'projectId',
  'personId',
  'trained',
  'selling',
  'monthlyIncomeFen',
  'incomeReportedAt',
  'createdAt',
  'updatedAt',
] as const;

export async function findParticipant(
  db: Executor,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<ParticipantRow | undefined> {
  let q = db.selectFrom('ecommerceParticipants').select(PARTICIPANT_COLUMNS).where('id', '=', id);
  if (opts.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function findParticipantOf(
  db: Executor,
  projectId: string,
  personId: string,
): Promise<string | undefined> {
  const r = await db
    .selectFrom('ecommerceParticipants')
    .select('id')
    .where('projectId', '=', projectId)
    .where('personId', '=', personId)
    .executeTakeFirst();
  return r?.id;
}

/** UNIQUE (project_id, person_id) has the last word on "once per project". */
export async function insertParticipant(
  db: Executor,
  p: {
    projectId: string;
    personId: string;
    trained: boolean;
    selling: boolean;
    monthlyIncomeFen: number | null;
    createdBy: string;
    at: Date;
  },
): Promise<string> {
  const { at, ...values } = p;
  const r = await db
    .insertInto('ecommerceParticipants')
    .values({
      ...values,
      incomeReportedAt: p.monthlyIncomeFen === null ? null : at,
      createdAt: at,
      updatedAt: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateParticipant(
  db: Executor,
  id: string,
  patch: {
    trained?: boolean | undefined;
    selling?: boolean | undefined;
    monthlyIncomeFen?: number | null | undefined;
    at: Date;
  },
): Promise<void> {
  await db
    .updateTable('ecommerceParticipants')
    .set({
      ...(patch.trained === undefined ? {} : { trained: patch.trained }),
      ...(patch.selling === undefined ? {} : { selling: patch.selling }),
      ...(patch.monthlyIncomeFen === undefined
        ? {}
        : {
            monthlyIncomeFen: patch.monthlyIncomeFen,
            incomeReportedAt: patch.monthlyIncomeFen === null ? null : patch.at,
          }),
      updatedAt: patch.at,
    })
    .where('id', '=', id)
    .execute();
}

export async function listParticipants(
  db: Executor,
  projectId: string,
  f: { trained?: boolean | undefined; selling?: boolean | undefined; limit: number; offset: number },
): Promise<{ rows: ParticipantRow[]; total: number }> {
  let q = db
    .selectFrom('ecommerceParticipants')
    .select(PARTICIPANT_COLUMNS)
    .where('projectId', '=', projectId);
  let c = db
    .selectFrom('ecommerceParticipants')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('projectId', '=', projectId);
  if (f.trained !== undefined) {
    q = q.where('trained', '=', f.trained);
    c = c.where('trained', '=', f.trained);
  }
  if (f.selling !== undefined) {
    q = q.where('selling', '=', f.selling);
    c = c.where('selling', '=', f.selling);
  }
  const [rows, count] = await Promise.all([
    q.orderBy('createdAt').orderBy('id').limit(f.limit).offset(f.offset).execute(),
    c.executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
