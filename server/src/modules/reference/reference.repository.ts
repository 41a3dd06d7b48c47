import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';

export async function datasetChecksum(db: Executor, name: string): Promise<string | undefined> {
  const r = await db
    .selectFrom('referenceDatasets')
    .select('checksum')
    .where('name', '=', name)
    .executeTakeFirst();
  return r?.checksum;
}

export async function recordDataset(
  db: Executor,
  d: { name: string; version: string; checksum: string; rowCount: number },
): Promise<void> {
  await db
    .insertInto('referenceDatasets')
    .values(d)
    .onConflict((oc) =>
      oc.column('name').doUpdateSet({
        version: d.version,
        checksum: d.checksum,
        rowCount: d.rowCount,
        loadedAt: sql<Date>`now()`,
      }),
    )
    .execute();
}

export async function listDatasets(db: Executor) {
  return db
    .selectFrom('referenceDatasets')
    .select(['name', 'version', 'checksum', 'rowCount', 'loadedAt'])
    .orderBy('name')
    .execute();
}

function chunks<T>(rows: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

export type RegionInsert = { code: string; parentCode: string | null; level: number; name: string };
/** Upserts regions parents first (the parent key is a foreign key). Codes are never deleted: records refer to them. */
export async function upsertRegions(db: Executor, rows: readonly RegionInsert[]): Promise<void> {
  const sorted = [...rows].sort((a, b) => a.level - b.level);
  for (const part of chunks(sorted, 1000)) {
    await db
      .insertInto('regions')
      .values(part)
      .onConflict((oc) =>
        oc.column('code').doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          parentCode: eb.ref('excluded.parentCode'),
          level: eb.ref('excluded.level'),
        })),
      )
      .execute();
  }
}

export type OccupationInsert = {
  code: string;
  parentCode: string | null;
  level: number;
  nameZh: string;
  nameEn: string;
  isco08: string | null;
  keywords: string[];
};
export async function upsertOccupations(db: Executor, rows: readonly OccupationInsert[]): Promise<void> {
  const sorted = [...rows].sort((a, b) => a.level - b.level);
  for (const part of chunks(sorted, 500)) {
    await db
      .insertInto('occupations')
      .values(part)
      .onConflict((oc) =>
        oc.column('code').doUpdateSet((eb) => ({
          parentCode: eb.ref('excluded.parentCode'),
          level: eb.ref('excluded.level'),
          nameZh: eb.ref('excluded.nameZh'),
          nameEn: eb.ref('excluded.nameEn'),
          isco08: eb.ref('excluded.isco08'),
          keywords: eb.ref('excluded.keywords'),
        })),
      )
      .execute();
  }
}

export async function upsertIndustries(
  db: Executor,
  rows: readonly { code: string; nameZh: string; nameEn: string }[],
): Promise<void> {
  await db
    .insertInto('industries')
    .values([...rows])
    .onConflict((oc) =>
      oc
        .column('code')
        .doUpdateSet((eb) => ({ nameZh: eb.ref('excluded.nameZh'), nameEn: eb.ref('excluded.nameEn') })),
    )
    .execute();
}

export async function upsertEducationLevels(
  db: Executor,
  rows: readonly { code: string; nameZh: string; nameEn: string; rank: number }[],
): Promise<void> {
  // rank is unique: clear ranks first so a reordering cannot collide mid-statement.
  await db
    .updateTable('educationLevels')
    .set({ rank: sql<number>`-rank - 1000` })
    .execute();
  await db
    .insertInto('educationLevels')
    .values([...rows])
    .onConflict((oc) =>
      oc.column('code').doUpdateSet((eb) => ({
        nameZh: eb.ref('excluded.nameZh'),
        nameEn: eb.ref('excluded.nameEn'),
        rank: eb.ref('excluded.rank'),
      })),
    )
    .execute();
}

export async function allCodes(db: Executor) {
  const [regions, occupations, industries, education] = await Promise.all([
    db.selectFrom('regions').select('code').execute(),
    db.selectFrom('occupations').select('code').execute(),
    db.selectFrom('industries').select('code').execute(),
    db.selectFrom('educationLevels').select('code').execute(),
  ]);
  return {
    region: regions.map((r) => r.code),
    occupation: occupations.map((r) => r.code),
    industry: industries.map((r) => r.code),
    education_level: education.map((r) => r.code),
  };
}

export async function regionChildren(db: Executor, parent: string | null) {
  let q = db.selectFrom('regions').select(['code', 'name', 'parentCode', 'level']);
  q = parent ? q.where('parentCode', '=', parent) : q.where('parentCode', 'is', null);
  return q.orderBy('code').execute();
}

export async function searchOccupations(
  db: Executor,
  f: { q?: string; parent?: string; level?: number; limit: number; offset: number },
) {
  let q = db.selectFrom('occupations');
  if (f.parent) q = q.where('parentCode', '=', f.parent);
  if (f.level) q = q.where('level', '=', f.level);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    // A few hundred rows: a scan is cheaper than any index. Synonyms (keywords) catch 焊工 → 电焊工.
    q = q.where((eb) =>
      eb.or([
        eb('nameZh', 'like', like),
        eb('nameEn', 'ilike', like),
        eb('code', 'like', `${f.q ?? ''}%`),
        eb(sql<string>`array_to_string(keywords, ' ')`, 'like', like),
      ]),
    );
  }
  const [items, count] = await Promise.all([
    q
      .select(['code', 'parentCode', 'level', 'nameZh', 'nameEn', 'isco08'])
      // Most specific (level 4) first when searching; tree order otherwise.
      .orderBy(f.q ? sql`level DESC, code` : sql`code`)
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

export async function listIndustries(db: Executor) {
  return db.selectFrom('industries').select(['code', 'nameZh', 'nameEn']).orderBy('code').execute();
}

export async function listEducationLevels(db: Executor) {
  return db
    .selectFrom('educationLevels')
    .select(['code', 'nameZh', 'nameEn', 'rank'])
    .orderBy('rank', 'desc')
    .execute();
}
