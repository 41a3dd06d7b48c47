import {
  maskPhone,
  type AddEcommerceParticipantBody,
  type CreateEcommerceProjectBody,
  type EcommerceOutcomes,
  type EcommerceParticipant,
  type EcommerceProject,
  type EcommerceProjectStatus,
  type ListEcommerceParticipantsQuery,
  type ListEcommerceProjectsQuery,
  type UpdateEcommerceParticipantBody,
} from '@jiuye/shared';
import type { Executor } from '../../db/database.js';
import { writeAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { offsetOf, pageResult, type Page } from '../../platform/pagination.js';
import { CITY_DISTRICT_CODES, isStaffInDistrict } from '../enterprises/index.js';
import { findOrCreatePerson, getPerson, getPersons, type PersonSummary } from '../persons/index.js';
import { managesProject } from './ecommerce.policy.js';
import * as repo from './ecommerce.repository.js';

type UserActor = Extract<RequestContext['actor'], { kind: 'user' }>;

function requireUser(ctx: RequestContext): UserActor {
  if (ctx.actor.kind !== 'user') throw new AppError('forbidden');
  return ctx.actor;
}

function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: unknown }).code === '23505';
}

function toOutcomes(o: repo.OutcomeRow | undefined): EcommerceOutcomes {
  if (!o)
    return {
      participants: 0,
      trained: 0,
      selling: 0,
      incomeReported: 0,
      totalMonthlyIncomeFen: 0,
      averageMonthlyIncomeFen: null,
    };
  return {
    participants: o.participants,
    trained: o.trained,
    selling: o.selling,
    incomeReported: o.incomeReported,
    totalMonthlyIncomeFen: o.totalMonthlyIncomeFen,
    // Over those who reported, rounded down to whole fen.
    averageMonthlyIncomeFen:
      o.incomeReported === 0 ? null : Math.floor(o.totalMonthlyIncomeFen / o.incomeReported),
  };
}

function toProject(r: repo.ProjectRow, outcomes: Map<string, repo.OutcomeRow>): EcommerceProject {
  return {
    id: r.id,
    name: r.name,
    regionCode: r.regionCode,
    countyCode: r.countyCode,
    villageName: r.villageName,
    product: r.product,
    organiser: r.organiser,
    organiserPhone: r.organiserPhone ? maskPhone(r.organiserPhone) : null,
    startsOn: r.startsOn,
    description: r.description,
    status: r.status as EcommerceProjectStatus,
    outcomes: toOutcomes(outcomes.get(r.id)),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

function toParticipant(r: repo.ParticipantRow, people: Map<string, PersonSummary>): EcommerceParticipant {
  const p = people.get(r.personId);
  return {
    id: r.id,
    projectId: r.projectId,
    person: {
      id: r.personId,
      fullName: p?.fullName ?? '',
      phoneMasked: p?.phoneMasked ?? '',
      idNumberMasked: p?.idNumberMasked ?? null,
    },
    trained: r.trained,
    selling: r.selling,
    monthlyIncomeFen: r.monthlyIncomeFen,
    incomeReportedAt: r.incomeReportedAt ? r.incomeReportedAt.toISOString() : null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

async function loadProject(db: Executor, id: string): Promise<EcommerceProject> {
  const row = await repo.findProject(db, id);
  if (!row) throw new AppError('not_found');
  return toProject(row, await repo.outcomesOf(db, [id]));
}

async function projectFor(ctx: RequestContext, db: Executor, id: string): Promise<repo.ProjectRow> {
  const row = await repo.findProject(db, id);
  if (!row || !managesProject(ctx.actor, row)) throw new AppError('not_found');
  return row;
}

async function loadParticipant(db: Executor, id: string): Promise<EcommerceParticipant> {
  const row = await repo.findParticipant(db, id);
  if (!row) throw new AppError('not_found');
  return toParticipant(row, await getPersons(db, [row.personId]));
}

/** Staff start a project in a county (or one of its villages) of their districts. */
export async function createProject(
  ctx: RequestContext,
  body: CreateEcommerceProjectBody,
): Promise<EcommerceProject> {
  const actor = requireUser(ctx);
  const countyCode = body.regionCode.slice(0, 6);
  if (!(CITY_DISTRICT_CODES as readonly string[]).includes(countyCode))
    throw fieldError('regionCode', 'not_in_city');
  if (!isStaffInDistrict(actor, countyCode)) throw fieldError('regionCode', 'outside_district');
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const id = await repo.insertProject(tx, {
      name: body.name,
      regionCode: body.regionCode,
      countyCode,
      villageName: body.villageName ?? null,
      product: body.product,
      organiser: body.organiser,
      organiserPhone: body.organiserPhone ?? null,
      startsOn: body.startsOn,
      description: body.description ?? '',
      createdBy: actor.userId,
      at: now,
    });
    await writeAudit(tx, ctx, {
      action: 'ecommerce_project.create',
      entityType: 'ecommerce_project',
      entityId: id,
      summary: { name: body.name, regionCode: body.regionCode, product: body.product },
    });
    return loadProject(tx, id);
  });
}

/** Projects in the caller's districts, each with its outcomes summary. */
export async function listProjects(
  ctx: RequestContext,
  q: ListEcommerceProjectsQuery,
): Promise<Page<EcommerceProject>> {
  const actor = requireUser(ctx);
  if (q.countyCode && !isStaffInDistrict(actor, q.countyCode))
    throw new AppError('forbidden', { fields: [{ path: 'countyCode', code: 'outside_district' }] });
  const { rows, total } = await repo.listProjects(ctx.db, {
    countyCodes: actor.role === 'staff' ? actor.districtCodes : [],
    countyCode: q.countyCode,
    status: q.status,
    q: q.q,
    ...offsetOf(q),
  });
  const outcomes = await repo.outcomesOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  return pageResult(
    rows.map((r) => toProject(r, outcomes)),
    total,
    q,
  );
}

export async function getProject(ctx: RequestContext, id: string): Promise<EcommerceProject> {
  await projectFor(ctx, ctx.db, id);
  return loadProject(ctx.db, id);
}

export async function updateProject(
  ctx: RequestContext,
  id: string,
  body: { status: EcommerceProjectStatus },
): Promise<EcommerceProject> {
  return ctx.db.transaction().execute(async (tx) => {
    const row = await projectFor(ctx, tx, id);
    if (await repo.updateProjectStatus(tx, id, body.status, ctx.now())) {
      await writeAudit(tx, ctx, {
        action: `ecommerce_project.${body.status === 'ended' ? 'end' : 'reopen'}`,
        entityType: 'ecommerce_project',
        entityId: id,
        summary: { from: row.status, to: body.status },
      });
    }
    return loadProject(tx, id);
  });
}

function alreadyParticipating(cause?: unknown): AppError {
  return new AppError('already_exists', {
    fields: [{ path: 'personId', code: 'already_participating' }],
    cause,
  });
}

/** Adds a person on file or a new one (found or created) to a project, once. */
export async function addParticipant(
  ctx: RequestContext,
  projectId: string,
  body: AddEcommerceParticipantBody,
): Promise<EcommerceParticipant> {
  const actor = requireUser(ctx);
  const now = ctx.now();
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      await projectFor(ctx, tx, projectId);
      let person: PersonSummary | undefined;
      if (body.personId) {
        person = await getPerson(tx, body.personId);
        if (!person) throw fieldError('personId', 'person_unknown');
      } else if (body.person) {
        person = await findOrCreatePerson(tx, ctx.deps.keys, body.person, actor.userId);
      } else {
        throw fieldError('personId', 'required');
      }
      if (await repo.findParticipantOf(tx, projectId, person.id)) throw alreadyParticipating();
      const id = await repo.insertParticipant(tx, {
        projectId,
        personId: person.id,
        trained: body.trained,
        selling: body.selling,
        monthlyIncomeFen: body.monthlyIncomeFen ?? null,
        createdBy: actor.userId,
        at: now,
      });
      await writeAudit(tx, ctx, {
        action: 'ecommerce_participant.add',
        entityType: 'ecommerce_participant',
        entityId: id,
        summary: {
          projectId,
          personId: person.id,
          trained: body.trained,
          selling: body.selling,
          monthlyIncomeFen: body.monthlyIncomeFen ?? null,
        },
      });
      return loadParticipant(tx, id);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw alreadyParticipating(err);
    throw err;
  }
}

/** Updates what a participant reports: trained, selling, monthly income (null withdraws it). */
export async function updateParticipant(
  ctx: RequestContext,
  id: string,
  body: UpdateEcommerceParticipantBody,
): Promise<EcommerceParticipant> {
  return ctx.db.transaction().execute(async (tx) => {
    const row = await repo.findParticipant(tx, id, { forUpdate: true });
    if (!row) throw new AppError('not_found');
    await projectFor(ctx, tx, row.projectId);
    await repo.updateParticipant(tx, id, { ...body, at: ctx.now() });
    await writeAudit(tx, ctx, {
      action: 'ecommerce_participant.update',
      entityType: 'ecommerce_participant',
      entityId: id,
      summary: {
        projectId: row.projectId,
        personId: row.personId,
        from: { trained: row.trained, selling: row.selling, monthlyIncomeFen: row.monthlyIncomeFen },
        to: body,
      },
    });
    return loadParticipant(tx, id);
  });
}

/** A project's participants (personal data: the staff read is audited). */
export async function listParticipants(
  ctx: RequestContext,
  projectId: string,
  q: ListEcommerceParticipantsQuery,
): Promise<Page<EcommerceParticipant>> {
  await projectFor(ctx, ctx.db, projectId);
  return ctx.db.transaction().execute(async (tx) => {
    const { rows, total } = await repo.listParticipants(tx, projectId, {
      trained: q.trained === undefined ? undefined : q.trained === 'true',
      selling: q.selling === undefined ? undefined : q.selling === 'true',
      ...offsetOf(q),
    });
    const people = await getPersons(
      tx,
      rows.map((r) => r.personId),
    );
    if (rows.length > 0) {
      await writeAudit(tx, ctx, {
        action: 'ecommerce_participant.list_read',
        entityType: 'ecommerce_project',
        entityId: projectId,
        summary: { persons: rows.map((r) => r.personId), page: q.page },
      });
    }
    return pageResult(
      rows.map((r) => toParticipant(r, people)),
      total,
      q,
    );
  });
}

/** The outcomes summary of one project (for other modules and reports). */
export async function projectOutcomes(db: Executor, projectId: string): Promise<EcommerceOutcomes> {
  return toOutcomes((await repo.outcomesOf(db, [projectId])).get(projectId));
}
