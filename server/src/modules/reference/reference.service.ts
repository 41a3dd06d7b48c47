import { createHash } from 'node:crypto';
import { CODE_KINDS, registerCodeChecker, type CodeKind } from '@jiuye/shared';
import type { Db, Executor } from '../../db/database.js';
import type { RequestContext } from '../../platform/context.js';
import { fieldError } from '../../platform/errors.js';
import { offsetOf, pageResult } from '../../platform/pagination.js';
import { EDUCATION_LEVELS } from './data/education-levels.js';
import { INDUSTRIES } from './data/industries.js';
import { OCCUPATIONS } from './data/occupations.js';
import { REFERENCE_VERSIONS, buildRegions } from './data/regions.js';
import * as repo from './reference.repository.js';

function checksum(rows: unknown): string {
  return createHash('sha256').update(JSON.stringify(rows)).digest('hex').slice(0, 16);
}

/**
 * Loads the reference datasets shipped with this version into the database when they differ from
 * what is there (by checksum), in one transaction, then holds every code in memory for validation.
 * Codes are upserted, never deleted: postings and people refer to them.
 */
export async function loadReferenceData(db: Db): Promise<{ loaded: string[] }> {
  const datasets: {
    name: string;
    version: string;
    rows: readonly unknown[];
    load: (tx: Executor) => Promise<void>;
  }[] = [];
  const regions = buildRegions();
  datasets.push({
    name: 'regions',
    version: REFERENCE_VERSIONS.regions,
    rows: regions,
    load: (tx) => repo.upsertRegions(tx, regions),
  });
  datasets.push({
    name: 'occupations',
    version: REFERENCE_VERSIONS.occupations,
    rows: OCCUPATIONS,
    load: (tx) =>
      repo.upsertOccupations(
        tx,
        OCCUPATIONS.map((o) => ({ ...o, keywords: [...o.keywords] })),
      ),
  });
  datasets.push({
    name: 'industries',
    version: REFERENCE_VERSIONS.industries,
    rows: INDUSTRIES,
    load: (tx) => repo.upsertIndustries(tx, INDUSTRIES),
  });
  datasets.push({
    name: 'education_levels',
    version: REFERENCE_VERSIONS.educationLevels,
    rows: EDUCATION_LEVELS,
    load: (tx) => repo.upsertEducationLevels(tx, EDUCATION_LEVELS),
  });
  const loaded: string[] = [];
  for (const d of datasets) {
    const sum = checksum(d.rows);
    if ((await repo.datasetChecksum(db, d.name)) === sum) continue;
    await db.transaction().execute(async (tx) => {
      // Serialise concurrent starters (several test workers, two replicas) on the same dataset.
      await tx
        .selectFrom('referenceDatasets')
        .select('name')
        .where('name', '=', d.name)
        .forUpdate()
        .execute();
      await d.load(tx);
      await repo.recordDataset(tx, {
        name: d.name,
        version: d.version,
        checksum: sum,
        rowCount: d.rows.length,
      });
    });
    loaded.push(d.name);
  }
  await refreshCodeChecker(db);
  return { loaded };
}

let codeSets: Record<CodeKind, Set<string>> | null = null;

export async function refreshCodeChecker(db: Db): Promise<void> {
  const codes = await repo.allCodes(db);
  const sets = Object.fromEntries(CODE_KINDS.map((k) => [k, new Set(codes[k])])) as Record<
    CodeKind,
    Set<string>
  >;
  codeSets = sets;
  registerCodeChecker((kind, code) => sets[kind].has(code));
}

/** For module code that receives codes outside a zod schema. */
export function isKnownCode(kind: CodeKind, code: string): boolean {
  return codeSets?.[kind].has(code) ?? false;
}

export async function regions(ctx: RequestContext, parent: string | undefined) {
  if (parent && !isKnownCode('region', parent)) throw fieldError('parent', 'unknown_region');
  return { items: await repo.regionChildren(ctx.db, parent ?? null) };
}

export async function occupations(
  ctx: RequestContext,
  q: { q?: string; parent?: string; level?: number; page: number; pageSize: number },
) {
  if (q.parent && !isKnownCode('occupation', q.parent)) throw fieldError('parent', 'unknown_occupation');
  const { limit, offset } = offsetOf(q);
  const { items, total } = await repo.searchOccupations(ctx.db, {
    q: q.q || undefined,
    parent: q.parent,
    level: q.level,
    limit,
    offset,
  });
  return pageResult(items, total, q);
}

export async function industries(ctx: RequestContext) {
  return { items: await repo.listIndustries(ctx.db) };
}

export async function educationLevels(ctx: RequestContext) {
  return { items: await repo.listEducationLevels(ctx.db) };
}

export async function versions(ctx: RequestContext) {
  const rows = await repo.listDatasets(ctx.db);
  return { items: rows.map((r) => ({ ...r, loadedAt: r.loadedAt.toISOString() })) };
}
