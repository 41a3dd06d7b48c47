import {
  maskPhone,
  type AddCohortStudentsBody,
  type College,
  type CollegeAgreement,
  type CollegeAgreementStatus,
  type CollegeParty,
  type Cohort,
  type CohortMatches,
  type CohortStatus,
  type CohortStudent,
  type CreateCohortBody,
  type CreateCollegeAgreementBody,
  type CreateEnterpriseDemandBody,
  type DemandKind,
  type DemandMatches,
  type DemandStatus,
  type EnterpriseDemand,
  type ListCohortsQuery,
  type ListCollegeAgreementsQuery,
  type ListEnterpriseDemandsQuery,
  type PageQuery,
  type PutMyCollegeBody,
  type UpdateCohortBody,
  type UpdateCollegeAgreementBody,
  type UpdateEnterpriseDemandBody,
} from '@jiuye/shared';
import type { Executor } from '../../db/database.js';
import { writeAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { offsetOf, pageResult, type Page } from '../../platform/pagination.js';
import { assertCanManageEnterprise, memberEnterpriseIds } from '../enterprises/index.js';
import { findOrCreatePerson, getPersons, type PersonSummary } from '../persons/index.js';
import { chinaToday } from '../postings/index.js';
import { consentFileUploader } from '../sharing/index.js';
import { isCoordinator, isShortageClerk } from '../shortages/index.js';
import { scoreCollegePair } from './colleges.matcher.js';
import {
  collegeAgreementStep,
  isCollegeAccount,
  relationToCohort,
  relationToDemand,
  relationsToCollegeAgreement,
  type CollegeRelation,
} from './colleges.policy.js';
import * as repo from './colleges.repository.js';

type UserActor = Extract<RequestContext['actor'], { kind: 'user' }>;

function requireUser(ctx: RequestContext): UserActor {
  if (ctx.actor.kind !== 'user') throw new AppError('forbidden');
  return ctx.actor;
}

/** The employer's enterprises, read with the caller's executor (inside a transaction: the transaction). */
async function membership(db: Executor, actor: UserActor): Promise<string[]> {
  return isShortageClerk(actor) ? memberEnterpriseIds(db, actor.userId) : [];
}

function isCheckViolation(err: unknown): boolean {
  return (err as { code?: unknown }).code === '23514';
}

const DAY_MS = 86_400_000;
const MATCH_CANDIDATES = 300;

function groupPrefix(code: string): string {
  return code.split('-').slice(0, 2).join('-');
}

function prefixes(codes: readonly string[]): string[] {
  return [...new Set(codes.map(groupPrefix))];
}

// ——— Colleges ———

function toCollege(r: repo.CollegeRow): College {
  return {
    id: r.id,
    name: r.name,
    districtCode: r.districtCode,
    contactName: r.contactName,
    contactPhoneMasked: r.contactPhone ? maskPhone(r.contactPhone) : null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export async function getMyCollege(ctx: RequestContext): Promise<College> {
  const actor = requireUser(ctx);
  const c = await repo.collegeOfUser(ctx.db, actor.userId);
  if (!c) throw new AppError('not_found');
  return toCollege(c);
}

export async function putMyCollege(ctx: RequestContext, body: PutMyCollegeBody): Promise<College> {
  const actor = requireUser(ctx);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const before = await repo.collegeOfUser(tx, actor.userId);
    const c = await repo.upsertCollege(tx, {
      ownerUserId: actor.userId,
      name: body.name,
      districtCode: body.districtCode,
      contactName: body.contactName ?? null,
      contactPhone: body.contactPhone ?? null,
      at: now,
    });
    await writeAudit(tx, ctx, {
      action: before ? 'college.update' : 'college.create',
      entityType: 'college',
      entityId: c.id,
      summary: { name: body.name, districtCode: body.districtCode },
    });
    return toCollege(c);
  });
}

// ——— Cohorts ———

function toCohort(r: repo.CohortRow): Cohort {
  return {
    id: r.id,
    collegeId: r.collegeId,
    collegeName: r.collegeName,
    major: r.major,
    occupationCodes: r.occupationCodes,
    studentCount: r.studentCount,
    reservedCount: r.reservedCount,
    availableCount: r.studentCount - r.reservedCount,
    listedStudents: r.listedCount,
    graduationDate: r.graduationDate,
    districtCode: r.districtCode,
    educationLevel: r.educationLevel,
    description: r.description,
    status: r.status as CohortStatus,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

async function visibleCohort(
  ctx: RequestContext,
  id: string,
  db: Executor = ctx.db,
  forUpdate = false,
): Promise<{ row: repo.CohortRow; rel: CollegeRelation; mine: string[] }> {
  const actor = requireUser(ctx);
  const row = await repo.findCohort(db, id, { forUpdate });
  if (!row) throw new AppError('not_found');
  const mine = await membership(db, actor);
  const agreedWithMine =
    isShortageClerk(actor) && row.status !== 'published'
      ? await repo.hasAgreement(db, id, mine, 'any')
      : false;
  const rel = relationToCohort(actor, row, { agreedWithMine });
  if (!rel) throw new AppError('not_found');
  return { row, rel, mine };
}

/**
 * A college account publishes a graduate cohort. Its college record comes from PUT /colleges/me;
 * on first use it is made from the account's display name and the cohort's district.
 */
export async function createCohort(ctx: RequestContext, body: CreateCohortBody): Promise<Cohort> {
  const actor = requireUser(ctx);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    let college = await repo.collegeOfUser(tx, actor.userId);
    if (!college) {
      if (!body.districtCode) throw fieldError('districtCode', 'college_required');
      const name = ((await repo.displayNameOf(tx, actor.userId)) ?? '').trim();
      if (name.length < 2) throw fieldError('districtCode', 'college_required');
      college = await repo.upsertCollege(tx, {
        ownerUserId: actor.userId,
        name: name.slice(0, 100),
        districtCode: body.districtCode,
        contactName: null,
        contactPhone: null,
        at: now,
      });
      await writeAudit(tx, ctx, {
        action: 'college.create',
        entityType: 'college',
        entityId: college.id,
        summary: { name: college.name, districtCode: college.districtCode, automatic: true },
      });
    }
    const id = await repo.insertCohort(tx, {
      collegeId: college.id,
      major: body.major,
      occupationCodes: [...new Set(body.occupationCodes)],
      studentCount: body.studentCount,
      graduationDate: body.graduationDate,
      districtCode: body.districtCode ?? college.districtCode,
      educationLevel: body.educationLevel ?? null,
      description: body.description ?? null,
      createdBy: actor.userId,
      at: now,
    });
    await writeAudit(tx, ctx, {
      action: 'cohort.publish',
      entityType: 'college_cohort',
      entityId: id,
      summary: {
        major: body.major,
        occupationCodes: body.occupationCodes,
        studentCount: body.studentCount,
        graduationDate: body.graduationDate,
      },
    });
    const row = await repo.findCohort(tx, id);
    if (!row) throw new AppError('not_found');
    return toCohort(row);
  });
}

export async function getCohort(ctx: RequestContext, id: string): Promise<Cohort> {
  return toCohort((await visibleCohort(ctx, id)).row);
}

/** A college its own cohorts; staff their districts'; enterprises published ones (and those they agreed on). */
export async function listCohorts(ctx: RequestContext, q: ListCohortsQuery): Promise<Page<Cohort>> {
  const actor = requireUser(ctx);
  const scope = isCollegeAccount(actor)
    ? { ownerUserId: actor.userId }
    : isCoordinator(actor)
      ? { districtCodes: actor.districtCodes }
      : { publishedOrAgreedWith: await membership(ctx.db, actor) };
  const { rows, total } = await repo.listCohorts(
    ctx.db,
    {
      ...scope,
      status: q.status,
      occupationCode: q.occupationCode,
      districtCode: q.districtCode,
      collegeId: q.collegeId,
      graduatingFrom: q.graduatingFrom,
      graduatingTo: q.graduatingTo,
    },
    offsetOf(q),
  );
  return pageResult(rows.map(toCohort), total, q);
}

export async function updateCohort(ctx: RequestContext, id: string, body: UpdateCohortBody): Promise<Cohort> {
  const now = ctx.now();
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      const { row, rel } = await visibleCohort(ctx, id, tx, true);
      if (rel !== 'college') throw new AppError('forbidden');
      if (body.studentCount !== undefined && body.studentCount < Math.max(row.reservedCount, row.listedCount))
        throw fieldError('studentCount', 'count_below_reserved');
      await repo.updateCohort(tx, id, {
        ...(body.major !== undefined ? { major: body.major } : {}),
        ...(body.occupationCodes ? { occupationCodes: [...new Set(body.occupationCodes)] } : {}),
        ...(body.studentCount !== undefined ? { studentCount: body.studentCount } : {}),
        ...(body.graduationDate !== undefined ? { graduationDate: body.graduationDate } : {}),
        ...(body.description !== undefined ? { description: body.description } : {}),
        ...(body.status !== undefined ? { status: body.status } : {}),
        updatedAt: now,
      });
      await writeAudit(tx, ctx, {
        action: body.status && body.status !== row.status ? `cohort.${body.status}` : 'cohort.update',
        entityType: 'college_cohort',
        entityId: id,
        summary: { changed: Object.keys(body) },
      });
      const after = await repo.findCohort(tx, id);
      if (!after) throw new AppError('not_found');
      return toCohort(after);
    });
  } catch (err) {
    if (isCheckViolation(err))
      throw new AppError('conflict', {
        fields: [{ path: 'studentCount', code: 'count_below_reserved' }],
        cause: err,
      });
    throw err;
  }
}

// ——— Students (with recorded consent) ———

function toStudent(r: repo.StudentRow, p: PersonSummary | undefined): CohortStudent {
  return {
    id: r.id,
    personId: r.personId,
    fullName: p?.fullName ?? '',
    phoneMasked: p?.phoneMasked ?? '',
    idNumberMasked: p?.idNumberMasked ?? null,
    hasAccount: (p?.userId ?? null) !== null,
    shareWithEnterprises: r.shareWithEnterprises,
    consentSignedOn: r.consentSignedOn,
    consentFileId: r.consentFileId,
    createdAt: r.createdAt.toISOString(),
  };
}

/**
 * The college puts students of a cohort on file, each with the day they signed their consent
 * (and the scanned form, uploaded by the college). No consent, no record (PIPL art. 13).
 */
export async function addStudents(
  ctx: RequestContext,
  cohortId: string,
  body: AddCohortStudentsBody,
): Promise<{ added: number; listedStudents: number }> {
  const actor = requireUser(ctx);
  const now = ctx.now();
  const today = chinaToday(now);
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      const { rel } = await visibleCohort(ctx, cohortId, tx, true);
      if (rel !== 'college') throw new AppError('forbidden');
      const persons: PersonSummary[] = [];
      const seen = new Set<string>();
      for (const [i, s] of body.students.entries()) {
        if (s.consentSignedOn > today) throw fieldError(`students.${i}.consentSignedOn`, 'date_in_future');
        if (
          s.consentFileId !== undefined &&
          (await consentFileUploader(tx, s.consentFileId)) !== actor.userId
        )
          throw fieldError(`students.${i}.consentFileId`, 'unknown_document');
        const p = await findOrCreatePerson(tx, ctx.deps.keys, s, actor.userId);
        if (seen.has(p.id)) throw fieldError(`students.${i}`, 'duplicate');
        seen.add(p.id);
        persons.push(p);
      }
      const already = new Set(await repo.existingStudents(tx, cohortId, [...seen]));
      const clash = persons.findIndex((p) => already.has(p.id));
      if (clash >= 0)
        throw new AppError('conflict', { fields: [{ path: `students.${clash}`, code: 'duplicate' }] });
      if (!(await repo.addListedStudents(tx, cohortId, persons.length, now)))
        throw fieldError('students', 'students_above_count');
      await repo.insertStudents(
        tx,
        body.students.map((s, i) => ({
          cohortId,
          personId: (persons[i] as PersonSummary).id,
          consentSignedOn: s.consentSignedOn,
          consentFileId: s.consentFileId ?? null,
          shareWithEnterprises: s.shareWithEnterprises ?? false,
          addedBy: actor.userId,
          createdAt: now,
        })),
      );
      await writeAudit(tx, ctx, {
        action: 'cohort.add_students',
        entityType: 'college_cohort',
        entityId: cohortId,
        summary: {
          personIds: persons.map((p) => p.id),
          shared: body.students.filter((s) => s.shareWithEnterprises).length,
        },
      });
      const after = await repo.findCohort(tx, cohortId);
      return { added: persons.length, listedStudents: after?.listedCount ?? 0 };
    });
  } catch (err) {
    if (isCheckViolation(err))
      throw new AppError('conflict', {
        fields: [{ path: 'students', code: 'students_above_count' }],
        cause: err,
      });
    throw err;
  }
}

/**
 * Students of a cohort. The college and staff see all (staff reads audited); an enterprise sees a
 * student by name only when the student agreed to it or once it signed an agreement on the
 * cohort; the rest only as `hiddenCount`.
 */
export async function listStudents(
  ctx: RequestContext,
  cohortId: string,
  q: PageQuery,
): Promise<Page<CohortStudent> & { hiddenCount: number }> {
  const { rel, mine } = await visibleCohort(ctx, cohortId);
  const onlyShared = rel === 'enterprise' && !(await repo.hasAgreement(ctx.db, cohortId, mine, 'signed'));
  const run = async (db: Executor) => {
    const { rows, total, all } = await repo.listStudents(db, cohortId, { onlyShared, ...offsetOf(q) });
    const persons = await getPersons(
      db,
      rows.map((r) => r.personId),
    );
    return {
      ...pageResult(
        rows.map((r) => toStudent(r, persons.get(r.personId))),
        total,
        q,
      ),
      hiddenCount: all - total,
    };
  };
  if (rel !== 'staff' && rel !== 'enterprise') return run(ctx.db);
  return ctx.db.transaction().execute(async (tx) => {
    const page = await run(tx);
    if (page.items.length > 0) {
      await writeAudit(tx, ctx, {
        action: 'cohort.students_read',
        entityType: 'college_cohort',
        entityId: cohortId,
        summary: { as: rel, personIds: page.items.map((s) => s.personId) },
      });
    }
    return page;
  });
}

// ——— Enterprise demand ———

function toDemand(r: repo.DemandRow): EnterpriseDemand {
  return {
    id: r.id,
    enterpriseId: r.enterpriseId,
    enterpriseName: r.enterpriseName,
    districtCode: r.districtCode,
    kind: r.kind as DemandKind,
    occupationCodes: r.occupationCodes,
    count: r.count,
    reservedCount: r.reservedCount,
    startsOn: r.startsOn,
    endsOn: r.endsOn,
    description: r.description,
    status: r.status as DemandStatus,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

async function visibleDemand(ctx: RequestContext, id: string, db: Executor = ctx.db, forUpdate = false) {
  const actor = requireUser(ctx);
  const row = await repo.findDemand(db, id, { forUpdate });
  if (!row) throw new AppError('not_found');
  const rel = relationToDemand(actor, row, await membership(db, actor));
  if (!rel) throw new AppError('not_found');
  return { row, rel };
}

export async function createDemand(
  ctx: RequestContext,
  body: CreateEnterpriseDemandBody,
): Promise<EnterpriseDemand> {
  const actor = requireUser(ctx);
  const enterprise = await assertCanManageEnterprise(ctx, body.enterpriseId);
  const now = ctx.now();
  if (body.endsOn < chinaToday(now)) throw fieldError('endsOn', 'date_in_past');
  return ctx.db.transaction().execute(async (tx) => {
    const id = await repo.insertDemand(tx, {
      enterpriseId: enterprise.id,
      districtCode: body.districtCode ?? enterprise.districtCode,
      kind: body.kind,
      occupationCodes: [...new Set(body.occupationCodes)],
      count: body.count,
      startsOn: body.startsOn,
      endsOn: body.endsOn,
      description: body.description ?? null,
      createdBy: actor.userId,
      at: now,
    });
    await writeAudit(tx, ctx, {
      action: 'enterprise_demand.publish',
      entityType: 'enterprise_demand',
      entityId: id,
      summary: {
        enterpriseId: enterprise.id,
        kind: body.kind,
        count: body.count,
        occupationCodes: body.occupationCodes,
      },
    });
    const row = await repo.findDemand(tx, id);
    if (!row) throw new AppError('not_found');
    return toDemand(row);
  });
}

export async function getDemand(ctx: RequestContext, id: string): Promise<EnterpriseDemand> {
  return toDemand((await visibleDemand(ctx, id)).row);
}

/** Clerks their enterprises' demand; staff their districts'; colleges open demand (to answer it). */
export async function listDemands(
  ctx: RequestContext,
  q: ListEnterpriseDemandsQuery,
): Promise<Page<EnterpriseDemand>> {
  const actor = requireUser(ctx);
  const scope = isCollegeAccount(actor)
    ? { openOnly: true }
    : isCoordinator(actor)
      ? { districtCodes: actor.districtCodes }
      : { enterpriseIds: await membership(ctx.db, actor) };
  const { rows, total } = await repo.listDemands(
    ctx.db,
    {
      ...scope,
      enterpriseId: q.enterpriseId,
      kind: q.kind,
      status: q.status,
      occupationCode: q.occupationCode,
      districtCode: q.districtCode,
    },
    offsetOf(q),
  );
  return pageResult(rows.map(toDemand), total, q);
}

export async function updateDemand(
  ctx: RequestContext,
  id: string,
  body: UpdateEnterpriseDemandBody,
): Promise<EnterpriseDemand> {
  const now = ctx.now();
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      const { row, rel } = await visibleDemand(ctx, id, tx, true);
      if (rel !== 'enterprise') throw new AppError('forbidden');
      if (body.count !== undefined && body.count < row.reservedCount)
        throw fieldError('count', 'count_below_reserved');
      if (body.endsOn !== undefined && body.endsOn < row.startsOn) throw fieldError('endsOn', 'date_order');
      await repo.updateDemand(tx, id, {
        ...(body.count !== undefined ? { count: body.count } : {}),
        ...(body.endsOn !== undefined ? { endsOn: body.endsOn } : {}),
        ...(body.description !== undefined ? { description: body.description } : {}),
        ...(body.status !== undefined ? { status: body.status } : {}),
        updatedAt: now,
      });
      await writeAudit(tx, ctx, {
        action:
          body.status && body.status !== row.status
            ? `enterprise_demand.${body.status}`
            : 'enterprise_demand.update',
        entityType: 'enterprise_demand',
        entityId: id,
        summary: { changed: Object.keys(body) },
      });
      const after = await repo.findDemand(tx, id);
      if (!after) throw new AppError('not_found');
      return toDemand(after);
    });
  } catch (err) {
    if (isCheckViolation(err))
      throw new AppError('conflict', {
        fields: [{ path: 'count', code: 'count_below_reserved' }],
        cause: err,
      });
    throw err;
  }
}

// ——— Matching ———

async function occupationLabels(db: Executor, codes: readonly string[]) {
  const rows = await repo.occupationNames(db, codes);
  const m = new Map(rows.map((r) => [r.code, { 'zh-CN': r.nameZh, 'en-US': r.nameEn }]));
  return { occupation: (c: string) => m.get(c) };
}

function cohortOffer(c: repo.CohortRow) {
  return {
    occupationCodes: c.occupationCodes,
    availableCount: c.studentCount - c.reservedCount,
    graduationDate: c.graduationDate,
    districtCode: c.districtCode,
  };
}

function demandNeed(d: repo.DemandRow) {
  return {
    kind: d.kind as DemandKind,
    occupationCodes: d.occupationCodes,
    openCount: d.count - d.reservedCount,
    startsOn: d.startsOn,
    endsOn: d.endsOn,
    districtCode: d.districtCode,
  };
}

/** Enterprise demand for a cohort (its college, staff of its district), best first. */
export async function cohortMatches(
  ctx: RequestContext,
  cohortId: string,
  limit: number,
): Promise<CohortMatches> {
  const { row, rel } = await visibleCohort(ctx, cohortId);
  if (rel === 'enterprise') throw new AppError('forbidden');
  if (row.status !== 'published') return { cohortId, items: [] };
  const today = chinaToday(ctx.now());
  const demands = await repo.demandCandidates(ctx.db, {
    groupPrefixes: prefixes(row.occupationCodes),
    today,
    limit: MATCH_CANDIDATES,
  });
  const names = await occupationLabels(
    ctx.db,
    demands.flatMap((d) => d.occupationCodes),
  );
  const locale = ctx.locale;
  const scored = demands
    .flatMap((d) => {
      const s = scoreCollegePair(cohortOffer(row), demandNeed(d), names);
      return s ? [{ d, s }] : [];
    })
    .sort(
      (a, b) =>
        b.s.score - a.s.score || a.d.startsOn.localeCompare(b.d.startsOn) || a.d.id.localeCompare(b.d.id),
    )
    .slice(0, limit);
  return {
    cohortId,
    items: scored.map(({ d, s }) => ({
      demand: toDemand(d),
      score: s.score,
      reasons: s.reasons.map((r) => ({ code: r.code, label: r.label[locale], weight: r.points })),
    })),
  };
}

/** Cohorts for an enterprise's demand (its clerks, staff of its district), best first. */
export async function demandMatches(
  ctx: RequestContext,
  demandId: string,
  limit: number,
): Promise<DemandMatches> {
  const { row, rel } = await visibleDemand(ctx, demandId);
  if (rel === 'college') throw new AppError('forbidden');
  if (row.status !== 'open') return { demandId, items: [] };
  const graduatedAfter = new Date(ctx.now().getTime() - 365 * DAY_MS).toISOString().slice(0, 10);
  const cohorts = await repo.cohortCandidates(ctx.db, {
    groupPrefixes: prefixes(row.occupationCodes),
    graduatedAfter,
    limit: MATCH_CANDIDATES,
  });
  const names = await occupationLabels(ctx.db, row.occupationCodes);
  const locale = ctx.locale;
  const scored = cohorts
    .flatMap((c) => {
      const s = scoreCollegePair(cohortOffer(c), demandNeed(row), names);
      return s ? [{ c, s }] : [];
    })
    .sort(
      (a, b) =>
        b.s.score - a.s.score ||
        a.c.graduationDate.localeCompare(b.c.graduationDate) ||
        a.c.id.localeCompare(b.c.id),
    )
    .slice(0, limit);
  return {
    demandId,
    items: scored.map(({ c, s }) => ({
      cohort: toCohort(c),
      score: s.score,
      reasons: s.reasons.map((r) => ({ code: r.code, label: r.label[locale], weight: r.points })),
    })),
  };
}

// ——— College agreements ———

function toCollegeAgreement(r: repo.CollegeAgreementRow): CollegeAgreement {
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    id: r.id,
    cohortId: r.cohortId,
    cohortMajor: r.cohortMajor,
    collegeId: r.collegeId,
    collegeName: r.collegeName,
    demandId: r.demandId,
    enterprise: {
      enterpriseId: r.enterpriseId,
      name: r.enterpriseName,
      districtCode: r.enterpriseDistrictCode,
    },
    kind: r.kind as DemandKind,
    studentCount: r.studentCount,
    startsOn: r.startsOn,
    endsOn: r.endsOn,
    terms: r.terms,
    status: r.status as CollegeAgreementStatus,
    collegeSignedAt: iso(r.collegeSignedAt),
    enterpriseSignedAt: iso(r.enterpriseSignedAt),
    signedAt: iso(r.signedAt),
    completedAt: iso(r.completedAt),
    hiredCount: r.hiredCount,
    outcomeNote: r.outcomeNote,
    cancelReason: r.cancelReason,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

async function visibleCollegeAgreement(
  ctx: RequestContext,
  id: string,
  db: Executor = ctx.db,
  forUpdate = false,
) {
  const actor = requireUser(ctx);
  const row = await repo.findCollegeAgreement(db, id, { forUpdate });
  if (!row) throw new AppError('not_found');
  const rels = relationsToCollegeAgreement(actor, row, await membership(db, actor));
  if (rels.length === 0) throw new AppError('not_found');
  return { row, rels };
}

/**
 * Pairs a cohort with a demand: the college (its cohort, an open demand), a clerk of the
 * enterprise (its demand, a published cohort) or staff of either district. The students are
 * reserved on both in the same transaction by conditional UPDATEs: never more than the cohort has
 * left (409 cohort_exhausted) or the demand still needs (409 demand_filled).
 */
export async function createCollegeAgreement(
  ctx: RequestContext,
  body: CreateCollegeAgreementBody,
): Promise<CollegeAgreement> {
  const actor = requireUser(ctx);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const cohort = await visibleCohort(ctx, body.cohortId, tx);
    const demand = await visibleDemand(ctx, body.demandId, tx);
    const rels = new Set<CollegeRelation>([cohort.rel, demand.rel]);
    // A college pairs its own cohort; an enterprise its own demand; staff need one side in district.
    const allowed =
      (isCollegeAccount(actor) && cohort.rel === 'college') ||
      (isShortageClerk(actor) && demand.rel === 'enterprise') ||
      (isCoordinator(actor) && rels.has('staff'));
    if (!allowed) throw new AppError('forbidden');
    if (cohort.row.status !== 'published')
      throw new AppError('conflict', { fields: [{ path: 'cohortId', code: 'cohort_closed' }] });
    if (demand.row.status !== 'open')
      throw new AppError('conflict', { fields: [{ path: 'demandId', code: 'demand_closed' }] });
    const startsOn = body.startsOn ?? demand.row.startsOn;
    const endsOn = body.endsOn ?? demand.row.endsOn;
    if (endsOn < startsOn) throw fieldError('endsOn', 'date_order');
    if (!(await repo.reserveCohort(tx, cohort.row.id, body.studentCount, now))) {
      throw new AppError('cohort_exhausted', {
        detail: {
          'zh-CN': `该届学生剩余可对接${cohort.row.studentCount - cohort.row.reservedCount}人`,
          'en-US': `${cohort.row.studentCount - cohort.row.reservedCount} students of this cohort are left`,
        },
      });
    }
    if (!(await repo.reserveDemand(tx, demand.row.id, body.studentCount, now))) {
      throw new AppError('demand_filled', {
        detail: {
          'zh-CN': `该需求剩余${demand.row.count - demand.row.reservedCount}个名额`,
          'en-US': `${demand.row.count - demand.row.reservedCount} places of this demand are left`,
        },
      });
    }
    const id = await repo.insertCollegeAgreement(tx, {
      cohortId: cohort.row.id,
      demandId: demand.row.id,
      collegeId: cohort.row.collegeId,
      enterpriseId: demand.row.enterpriseId,
      kind: demand.row.kind,
      studentCount: body.studentCount,
      startsOn,
      endsOn,
      terms: body.terms ?? null,
      createdBy: actor.userId,
      at: now,
    });
    await writeAudit(tx, ctx, {
      action: 'college_agreement.create',
      entityType: 'college_agreement',
      entityId: id,
      summary: {
        cohortId: cohort.row.id,
        demandId: demand.row.id,
        enterpriseId: demand.row.enterpriseId,
        kind: demand.row.kind,
        studentCount: body.studentCount,
      },
    });
    const row = await repo.findCollegeAgreement(tx, id);
    if (!row) throw new AppError('not_found');
    return toCollegeAgreement(row);
  });
}

export async function getCollegeAgreement(ctx: RequestContext, id: string): Promise<CollegeAgreement> {
  return toCollegeAgreement((await visibleCollegeAgreement(ctx, id)).row);
}

export async function listCollegeAgreements(
  ctx: RequestContext,
  q: ListCollegeAgreementsQuery,
): Promise<Page<CollegeAgreement>> {
  const actor = requireUser(ctx);
  const scope = isCollegeAccount(actor)
    ? { collegeOwnerUserId: actor.userId }
    : isCoordinator(actor)
      ? { districtCodes: actor.districtCodes }
      : { enterpriseIds: await membership(ctx.db, actor) };
  const { rows, total } = await repo.listCollegeAgreements(
    ctx.db,
    { ...scope, status: q.status, cohortId: q.cohortId, enterpriseId: q.enterpriseId, demandId: q.demandId },
    offsetOf(q),
  );
  return pageResult(rows.map(toCollegeAgreement), total, q);
}

function stepError(r: 'forbidden' | 'invalid_transition', path: string): AppError {
  return r === 'forbidden'
    ? new AppError('forbidden', { fields: [{ path, code: 'not_a_party' }] })
    : new AppError('conflict', { fields: [{ path: 'status', code: 'invalid_transition' }] });
}

/** Each side signs for itself; the second signature makes the agreement signed. */
export async function signCollegeAgreement(
  ctx: RequestContext,
  id: string,
  party: CollegeParty,
): Promise<CollegeAgreement> {
  const actor = requireUser(ctx);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const { row, rels } = await visibleCollegeAgreement(ctx, id, tx, true);
    const step = collegeAgreementStep(row.status as CollegeAgreementStatus, 'sign', rels, party);
    if (step !== 'ok') throw stepError(step, 'party');
    const already = party === 'college' ? row.collegeSignedAt : row.enterpriseSignedAt;
    if (already) throw new AppError('conflict', { fields: [{ path: 'party', code: 'already_signed' }] });
    const other = party === 'college' ? row.enterpriseSignedAt : row.collegeSignedAt;
    const patch =
      party === 'college'
        ? { collegeSignedAt: now, collegeSignedBy: actor.userId }
        : { enterpriseSignedAt: now, enterpriseSignedBy: actor.userId };
    const complete = other !== null;
    if (
      !(await repo.updateCollegeAgreement(tx, id, 'pending', {
        ...patch,
        ...(complete ? { status: 'signed', signedAt: now } : {}),
        updatedAt: now,
      }))
    )
      throw new AppError('conflict');
    await writeAudit(tx, ctx, {
      action: 'college_agreement.sign',
      entityType: 'college_agreement',
      entityId: id,
      summary: { party, ...(complete ? { from: 'pending', to: 'signed' } : {}) },
    });
    const after = await repo.findCollegeAgreement(tx, id);
    if (!after) throw new AppError('not_found');
    return toCollegeAgreement(after);
  });
}

/** Complete a signed agreement (with the students hired) or cancel it (releases the places). */
export async function updateCollegeAgreement(
  ctx: RequestContext,
  id: string,
  body: UpdateCollegeAgreementBody,
): Promise<CollegeAgreement> {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const { row, rels } = await visibleCollegeAgreement(ctx, id, tx, true);
    const step = collegeAgreementStep(row.status as CollegeAgreementStatus, body.status, rels);
    if (step !== 'ok') throw stepError(step, 'status');
    if (body.hiredCount !== undefined && body.hiredCount > row.studentCount)
      throw fieldError('hiredCount', 'too_big');
    const ok =
      body.status === 'completed'
        ? await repo.updateCollegeAgreement(tx, id, row.status, {
            status: 'completed',
            completedAt: now,
            hiredCount: body.hiredCount ?? null,
            outcomeNote: body.note ?? null,
            updatedAt: now,
          })
        : await repo.updateCollegeAgreement(tx, id, row.status, {
            status: 'cancelled',
            cancelReason: body.note ?? '',
            updatedAt: now,
          });
    if (!ok) throw new AppError('conflict');
    if (body.status === 'cancelled') {
      await repo.releaseCohort(tx, row.cohortId, row.studentCount, now);
      await repo.releaseDemand(tx, row.demandId, row.studentCount, now);
    }
    await writeAudit(tx, ctx, {
      action: `college_agreement.${body.status}`,
      entityType: 'college_agreement',
      entityId: id,
      summary: { from: row.status, to: body.status, hiredCount: body.hiredCount ?? null, as: rels },
    });
    const after = await repo.findCollegeAgreement(tx, id);
    if (!after) throw new AppError('not_found');
    return toCollegeAgreement(after);
  });
}
