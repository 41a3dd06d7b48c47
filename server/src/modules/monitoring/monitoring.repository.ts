import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';

export type SampleRow = {
  enterpriseId: string;
  enterpriseName: string;
  districtCode: string;
  active: boolean;
  firstMonth: string;
  note: string | null;
  designatedAt: Date;
  lastReportedMonth: string | null;
};

function sampleQuery(db: Executor) {
  return db
    .selectFrom('monitoredEnterprises as m')
    .innerJoin('enterprises as e', 'e.id', 'm.enterpriseId')
    .select([
      'm.enterpriseId',
      'e.name as enterpriseName',
      'm.districtCode',
      'm.active',
      'm.note',
      'm.designatedAt',
      sql<string>`to_char(m.first_month, 'YYYY-MM')`.as('firstMonth'),
      sql<string | null>`(SELECT to_char(max(r.month), 'YYYY-MM') FROM monitoring_reports r
        WHERE r.enterprise_id = m.enterprise_id)`.as('lastReportedMonth'),
    ]);
}

export async function upsertSample(
  db: Executor,
  s: {
    enterpriseId: string;
    districtCode: string;
    firstMonth: string;
    note: string | null;
    designatedBy: string;
    at: Date;
  },
): Promise<void> {
  await db
    .insertInto('monitoredEnterprises')
    .values({
      enterpriseId: s.enterpriseId,
      districtCode: s.districtCode,
      firstMonth: `${s.firstMonth}-01`,
      note: s.note,
      designatedBy: s.designatedBy,
      designatedAt: s.at,
    })
    .onConflict((oc) =>
      oc.column('enterpriseId').doUpdateSet({
        active: true,
        endedAt: null,
        note: s.note,
        firstMonth: `${s.firstMonth}-01`,
        designatedBy: s.designatedBy,
        designatedAt: s.at,
      }),
    )
    .execute();
}

export async function findSample(
  db: Executor,
  enterpriseId: string,
  forUpdate = false,
): Promise<SampleRow | undefined> {
  let q = sampleQuery(db).where('m.enterpriseId', '=', enterpriseId);
  if (forUpdate) q = q.forUpdate('m');
  return q.executeTakeFirst();
}

export async function listSamples(
  db: Executor,
  f: { districtCodes: string[]; page: number; pageSize: number },
): Promise<{ items: SampleRow[]; total: number }> {
  const base = sampleQuery(db).where(
    'm.districtCode',
    'in',
    f.districtCodes.length ? f.districtCodes : ['------'],
  );
  const [items, count] = await Promise.all([
    base
      .orderBy('m.districtCode')
      .orderBy('e.name')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    db
      .selectFrom('monitoredEnterprises')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('districtCode', 'in', f.districtCodes.length ? f.districtCodes : ['------'])
      .executeTakeFirst(),
  ]);
  return { items, total: Number(count?.n ?? 0) };
}

export type ReportRow = {
  id: string;
  enterpriseId: string;
  districtCode: string;
  month: string;
  startHeadcount: number;
  endHeadcount: number;
  hires: number;
  sepLayoff: number;
  sepResignation: number;
  sepContractEnd: number;
  sepRetirement: number;
  sepOther: number;
  note: string | null;
  late: boolean;
  version: number;
  submittedAt: Date;
};

function reportQuery(db: Executor) {
  return db
    .selectFrom('monitoringReports')
    .select([
      'id',
      'enterpriseId',
      'districtCode',
      sql<string>`to_char(month, 'YYYY-MM')`.as('month'),
      'startHeadcount',
      'endHeadcount',
      'hires',
      'sepLayoff',
      'sepResignation',
      'sepContractEnd',
      'sepRetirement',
      'sepOther',
      'note',
      'late',
      'version',
      'submittedAt',
    ]);
}

export async function findReport(
  db: Executor,
  enterpriseId: string,
  month: string,
): Promise<ReportRow | undefined> {
  return reportQuery(db)
    .where('enterpriseId', '=', enterpriseId)
    .where('month', '=', `${month}-01`)
    .executeTakeFirst();
}

export async function listReports(db: Executor, enterpriseId: string): Promise<ReportRow[]> {
  return reportQuery(db)
    .where('enterpriseId', '=', enterpriseId)
    .orderBy('month', 'desc')
    .limit(120)
    .execute();
}

export type ReportValues = {
  startHeadcount: number;
  endHeadcount: number;
  hires: number;
  sepLayoff: number;
  sepResignation: number;
  sepContractEnd: number;
  sepRetirement: number;
  sepOther: number;
  note: string | null;
};

export async function insertReport(
  db: Executor,
  r: ReportValues & {
    enterpriseId: string;
    districtCode: string;
    month: string;
    late: boolean;
    by: string;
    at: Date;
  },
): Promise<void> {
  await db
    .insertInto('monitoringReports')
    .values({
      enterpriseId: r.enterpriseId,
      districtCode: r.districtCode,
      month: `${r.month}-01`,
      startHeadcount: r.startHeadcount,
      endHeadcount: r.endHeadcount,
      hires: r.hires,
      sepLayoff: r.sepLayoff,
      sepResignation: r.sepResignation,
      sepContractEnd: r.sepContractEnd,
      sepRetirement: r.sepRetirement,
      sepOther: r.sepOther,
      note: r.note,
      late: r.late,
      submittedBy: r.by,
      submittedAt: r.at,
      createdAt: r.at,
    })
    .execute();
}

export async function replaceReport(
  db: Executor,
  id: string,
  r: ReportValues & { by: string; at: Date },
): Promise<void> {
  await db
    .updateTable('monitoringReports')
    .set({
      startHeadcount: r.startHeadcount,
      endHeadcount: r.endHeadcount,
      hires: r.hires,
      sepLayoff: r.sepLayoff,
      sepResignation: r.sepResignation,
      sepContractEnd: r.sepContractEnd,
      sepRetirement: r.sepRetirement,
      sepOther: r.sepOther,
      note: r.note,
      version: sql<number>`version + 1`,
      submittedBy: r.by,
      submittedAt: r.at,
    })
    .where('id', '=', id)
    .execute();
}

/** Active samples owing a report for `month` (first month on or before it) that have none. */
export async function missingReports(
  db: Executor,
  month: string,
  districtCodes: string[] | null,
): Promise<{ enterpriseId: string; enterpriseName: string; districtCode: string }[]> {
  let q = db
    .selectFrom('monitoredEnterprises as m')
    .innerJoin('enterprises as e', 'e.id', 'm.enterpriseId')
    .select(['m.enterpriseId', 'e.name as enterpriseName', 'm.districtCode'])
    .where('m.active', '=', true)
    .where('m.firstMonth', '<=', `${month}-01`)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('monitoringReports as r')
            .select('r.id')
            .whereRef('r.enterpriseId', '=', 'm.enterpriseId')
            .where('r.month', '=', `${month}-01`),
        ),
      ),
    );
  if (districtCodes) q = q.where('m.districtCode', 'in', districtCodes.length ? districtCodes : ['------']);
  return q.orderBy('m.districtCode').orderBy('e.name').execute();
}

/** Accounts of the enterprise's active members (employers), who receive reminders. */
export async function memberUserIds(db: Executor, enterpriseId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('enterpriseMembers as em')
    .innerJoin('users as u', 'u.phone', 'em.phone')
    .select('u.id')
    .where('em.enterpriseId', '=', enterpriseId)
    .where('em.removedAt', 'is', null)
    .where('u.role', '=', 'employer')
    .where('u.status', '=', 'active')
    .execute();
  return rows.map((r) => r.id);
}
