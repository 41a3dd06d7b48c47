import { createHash } from 'node:crypto';
import {
  type AddSharingWorkersBody,
  type CreateIdleWorkforceBody,
  type CreateSharingAgreementBody,
  type IdleWorkforce,
  type IdleWorkforceStatus,
  type LabourPersonInput,
  type ListIdleWorkforceQuery,
  type ListSharingAgreementsQuery,
  type Locale,
  type PaperConsentsBody,
  type PageQuery,
  type SharingAgreement,
  type SharingAgreementStatus,
  type SharingMatches,
  type SharingMilestoneBody,
  type SharingParty,
  type SharingWorker,
  type UpdateIdleWorkforceBody,
  type WorkerConsentState,
} from '@jiuye/shared';
import type { Executor } from '../../db/database.js';
import { writeAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { offsetOf, pageResult, type Page } from '../../platform/pagination.js';
import { DOCUMENT_MEDIA_TYPES, sniffMediaType } from '../../platform/uploads.js';
import { createNotification } from '../alerts/index.js';
import {
  CITY_DISTRICT_CODES,
  assertCanManageEnterprise,
  memberEnterpriseIds,
  type Upload,
} from '../enterprises/index.js';
import {
  findOrCreatePerson,
  findPersonOfUser,
  getPersons,
  personForUser,
  type PersonSummary,
} from '../persons/index.js';
import { chinaToday } from '../postings/index.js';
import {
  creditSharedWorkers,
  isCoordinator,
  isShortageClerk,
  shortageForSharing,
} from '../shortages/index.js';
import { rankMatches, scoreSharing, type Bilingual } from './sharing.matcher.js';
import { isWorker, relationToIdle, relationsToAgreement, type UserActor } from './sharing.policy.js';
import * as repo from './sharing.repository.js';
import {
  checkAction,
  readyToActivate,
  type AgreementAction,
  type AgreementActor,
  type AgreementState,
} from './sharing.workflow.js';

function requireUser(ctx: RequestContext): UserActor {
  if (ctx.actor.kind !== 'user') throw new AppError('forbidden');
  return ctx.actor;
}

function inCity(code: string): boolean {
  return (CITY_DISTRICT_CODES as readonly string[]).includes(code);
}

function isUniqueViolation(err: unknown, constraint: string): boolean {
  const e = err as { code?: unknown; constraint?: unknown };
  return e.code === '23505' && e.constraint === constraint;
}

function isCheckViolation(err: unknown): boolean {
  return (err as { code?: unknown }).code === '23514';
}

/**
 * The employer's enterprises. Inside a transaction pass it: a second pool connection per request
 * while the transaction waits on a row lock can exhaust the pool under concurrency.
 */
async function membership(db: Executor, actor: UserActor): Promise<string[]> {
  return isShortageClerk(actor) ? memberEnterpriseIds(db, actor.userId) : [];
}

// ——— Idle workforce ———

function toIdle(r: repo.IdleRow): IdleWorkforce {
  return {
    id: r.id,
    enterpriseId: r.enterpriseId,
    enterpriseName: r.enterpriseName,
    districtCode: r.districtCode,
    workerCount: r.workerCount,
    reservedCount: r.reservedCount,
    availableCount: r.workerCount - r.reservedCount,
    occupationCodes: r.occupationCodes,
    skills: r.skills,
    availableFrom: r.availableFrom,
    availableUntil: r.availableUntil,
    note: r.note,
    status: r.status as IdleWorkforceStatus,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** An enterprise declares idle workers it could lend (count, occupations, skills, period). */
export async function createIdle(ctx: RequestContext, body: CreateIdleWorkforceBody): Promise<IdleWorkforce> {
  const actor = requireUser(ctx);
  const enterprise = await assertCanManageEnterprise(ctx, body.enterpriseId);
  const now = ctx.now();
  const districtCode = body.districtCode ?? enterprise.districtCode;
  if (!inCity(districtCode)) throw fieldError('districtCode', 'not_in_city');
  if (body.availableUntil < chinaToday(now)) throw fieldError('availableUntil', 'date_in_past');
  return ctx.db.transaction().execute(async (tx) => {
    const id = await repo.insertIdle(tx, {
      enterpriseId: enterprise.id,
      districtCode,
      workerCount: body.workerCount,
      occupationCodes: [...new Set(body.occupationCodes)],
      skills: [...new Set(body.skills ?? [])],
      availableFrom: body.availableFrom,
      availableUntil: body.availableUntil,
      note: body.note ?? null,
      createdBy: actor.userId,
      at: now,
    });
    await writeAudit(tx, ctx, {
      action: 'idle_workforce.declare',
      entityType: 'idle_workforce',
      entityId: id,
      summary: {
        enterpriseId: enterprise.id,
        workerCount: body.workerCount,
        occupationCodes: body.occupationCodes,
        availableFrom: body.availableFrom,
        availableUntil: body.availableUntil,
      },
    });
    const row = await repo.findIdle(tx, id);
    if (!row) throw new AppError('not_found');
    return toIdle(row);
  });
}

async function visibleIdle(ctx: RequestContext, id: string, db: Executor = ctx.db, forUpdate = false) {
  const actor = requireUser(ctx);
  const row = await repo.findIdle(db, id, { forUpdate });
  if (!row) throw new AppError('not_found');
  const rel = relationToIdle(actor, row, await membership(db, actor));
  if (!rel) throw new AppError('not_found');
  return { row, rel };
}

export async function getIdle(ctx: RequestContext, id: string): Promise<IdleWorkforce> {
  return toIdle((await visibleIdle(ctx, id)).row);
}

export async function listIdle(ctx: RequestContext, q: ListIdleWorkforceQuery): Promise<Page<IdleWorkforce>> {
  const actor = requireUser(ctx);
  const scope = isCoordinator(actor)
    ? { districtCodes: actor.districtCodes }
    : { enterpriseIds: await membership(ctx.db, actor) };
  const { rows, total } = await repo.listIdle(
    ctx.db,
    {
      ...scope,
      enterpriseId: q.enterpriseId,
      districtCode: q.districtCode,
      occupationCode: q.occupationCode,
      status: q.status,
      availableOn: q.availableOn,
    },
    offsetOf(q),
  );
  return pageResult(rows.map(toIdle), total, q);
}

/** The declaring enterprise edits or withdraws it; never below the workers already reserved. */
export async function updateIdle(
  ctx: RequestContext,
  id: string,
  body: UpdateIdleWorkforceBody,
): Promise<IdleWorkforce> {
  const now = ctx.now();
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      const { row, rel } = await visibleIdle(ctx, id, tx, true);
      if (rel !== 'enterprise') {
        throw new AppError('forbidden', {
          detail: {
            'zh-CN': '只有本企业的经办人可以修改',
            'en-US': 'Only the enterprise’s clerks can change it',
          },
        });
      }
      if (body.workerCount !== undefined && body.workerCount < row.reservedCount)
        throw fieldError('workerCount', 'count_below_reserved');
      const from = body.availableFrom ?? row.availableFrom;
      const until = body.availableUntil ?? row.availableUntil;
      if (until < from) throw fieldError('availableUntil', 'date_order');
      await repo.updateIdle(tx, id, {
        ...(body.workerCount !== undefined ? { workerCount: body.workerCount } : {}),
        ...(body.occupationCodes ? { occupationCodes: [...new Set(body.occupationCodes)] } : {}),
        ...(body.skills ? { skills: [...new Set(body.skills)] } : {}),
        ...(body.availableFrom !== undefined ? { availableFrom: body.availableFrom } : {}),
        ...(body.availableUntil !== undefined ? { availableUntil: body.availableUntil } : {}),
        ...(body.note !== undefined ? { note: body.note } : {}),
        ...(body.status !== undefined ? { status: body.status } : {}),
        updatedAt: now,
      });
      await writeAudit(tx, ctx, {
        action:
          body.status && body.status !== row.status
            ? `idle_workforce.${body.status}`
            : 'idle_workforce.update',
        entityType: 'idle_workforce',
        entityId: id,
        summary: { changed: Object.keys(body), workerCount: body.workerCount ?? row.workerCount },
      });
      const after = await repo.findIdle(tx, id);
      if (!after) throw new AppError('not_found');
      return toIdle(after);
    });
  } catch (err) {
    if (isCheckViolation(err))
      throw new AppError('conflict', {
        fields: [{ path: 'workerCount', code: 'count_below_reserved' }],
        cause: err,
      });
    throw err;
  }
}

// ——— Matches ———

async function labelNames(db: Executor, occupationCodes: string[], districtCodes: string[]) {
  const [occ, reg] = await Promise.all([
    repo.occupationNames(db, occupationCodes),
    repo.regionNames(db, districtCodes),
  ]);
  const o = new Map<string, Bilingual>(occ.map((r) => [r.code, { 'zh-CN': r.nameZh, 'en-US': r.nameEn }]));
  const d = new Map<string, Bilingual>(reg.map((r) => [r.code.trim(), { 'zh-CN': r.name, 'en-US': r.name }]));
  return { occupation: (c: string) => o.get(c), district: (c: string) => d.get(c) };
}

/** The medium group of an occupation code (6-18-02-04 → 6-18); a major code stays itself. */
function groupPrefix(code: string): string {
  return code.split('-').slice(0, 2).join('-');
}

const CANDIDATE_LIMIT = 300;

/**
 * Shared-employment proposals for a shortage (its enterprise's clerks, staff of its district):
 * open declarations of other enterprises scored by sharing.matcher.ts, best first.
 */
export async function shortageMatches(
  ctx: RequestContext,
  shortageId: string,
  limit: number,
): Promise<SharingMatches> {
  requireUser(ctx);
  const s = await shortageForSharing(ctx, shortageId);
  const now = ctx.now();
  const today = chinaToday(now);
  const open = s.headcount - s.headcountFilled;
  if (s.status === 'resolved' || s.status === 'cancelled' || open <= 0) return { shortageId, items: [] };
  const candidates = await repo.matchCandidates(ctx.db, {
    excludeEnterpriseId: s.enterpriseId,
    groupPrefix: groupPrefix(s.occupationCode),
    today,
    limit: CANDIDATE_LIMIT,
  });
  const names = await labelNames(
    ctx.db,
    candidates.flatMap((c) => c.occupationCodes),
    candidates.map((c) => c.districtCode),
  );
  const need = {
    occupationCode: s.occupationCode,
    districtCode: s.districtCode,
    headcountOpen: open,
    deadline: s.deadline,
    neededUntil: s.neededUntil,
  };
  const scored = candidates.flatMap((c) => {
    const result = scoreSharing(
      need,
      {
        occupationCodes: c.occupationCodes,
        districtCode: c.districtCode,
        availableCount: c.workerCount - c.reservedCount,
        availableFrom: c.availableFrom,
        availableUntil: c.availableUntil,
      },
      today,
      names,
    );
    return result ? [{ key: c.id, row: c, result }] : [];
  });
  const locale: Locale = ctx.locale;
  return {
    shortageId,
    items: rankMatches(scored)
      .slice(0, limit)
      .map(({ row, result }) => ({
        idleWorkforceId: row.id,
        lender: { enterpriseId: row.enterpriseId, name: row.enterpriseName, districtCode: row.districtCode },
        occupationCodes: row.occupationCodes,
        skills: row.skills,
        availableCount: row.workerCount - row.reservedCount,
        availableFrom: row.availableFrom,
        availableUntil: row.availableUntil,
        distanceKm: result.distanceKm,
        overlapDays: result.overlapDays,
        score: result.score,
        reasons: result.reasons.map((r) => ({ code: r.code, label: r.label[locale], weight: r.points })),
        suggested: result.suggested,
      })),
  };
}

// ——— Agreements ———

function stateOf(r: repo.AgreementRow): AgreementState {
  return {
    status: r.status as SharingAgreementStatus,
    workerCount: r.workerCount,
    listedCount: r.listedCount,
    consentedCount: r.consentedCount,
    lenderSigned: r.lenderSignedAt !== null,
    borrowerSigned: r.borrowerSignedAt !== null,
    startsOn: r.startsOn,
    startedOn: r.startedOn,
    endedOn: r.endedOn,
  };
}

function toWorker(w: repo.WorkerRow, p: PersonSummary | undefined): SharingWorker {
  return {
    personId: w.personId,
    fullName: p?.fullName ?? '',
    phoneMasked: p?.phoneMasked ?? '',
    idNumberMasked: p?.idNumberMasked ?? null,
    hasAccount: (p?.userId ?? null) !== null,
    consent: w.consent as WorkerConsentState,
    consentMethod: w.consentMethod as SharingWorker['consentMethod'],
    consentAt: w.consentAt ? w.consentAt.toISOString() : null,
    consentFileId: w.consentFileId,
  };
}

function toAgreement(
  r: repo.AgreementRow,
  workers: repo.WorkerRow[],
  persons: Map<string, PersonSummary>,
  onlyPersonId: string | null,
): SharingAgreement {
  return {
    id: r.id,
    status: r.status as SharingAgreementStatus,
    shortageId: r.shortageId,
    idleWorkforceId: r.idleWorkforceId,
    lender: { enterpriseId: r.lenderEnterpriseId, name: r.lenderName, districtCode: r.lenderDistrictCode },
    borrower: {
      enterpriseId: r.borrowerEnterpriseId,
      name: r.borrowerName,
      districtCode: r.borrowerDistrictCode,
    },
    occupationCode: r.occupationCode,
    workerCount: r.workerCount,
    listedCount: r.listedCount,
    consentedCount: r.consentedCount,
    startsOn: r.startsOn,
    endsOn: r.endsOn,
    wageFen: r.wageFen,
    wagePeriod: r.wagePeriod as SharingAgreement['wagePeriod'],
    wagePayer: r.wagePayer as SharingParty,
    injuryInsuranceCarrier: r.injuryInsuranceCarrier as SharingParty,
    terms: r.terms,
    lenderSignedAt: r.lenderSignedAt ? r.lenderSignedAt.toISOString() : null,
    borrowerSignedAt: r.borrowerSignedAt ? r.borrowerSignedAt.toISOString() : null,
    activatedAt: r.activatedAt ? r.activatedAt.toISOString() : null,
    startedOn: r.startedOn,
    endedOn: r.endedOn,
    returnedOn: r.returnedOn,
    cancelReason: r.cancelReason,
    workers: workers
      .filter((w) => w.agreementId === r.id && (onlyPersonId === null || w.personId === onlyPersonId))
      .map((w) => toWorker(w, persons.get(w.personId))),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

async function render(
  db: Executor,
  rows: repo.AgreementRow[],
  onlyPersonId: string | null,
): Promise<SharingAgreement[]> {
  const workers = await repo.listWorkers(
    db,
    rows.map((r) => r.id),
  );
  const persons = await getPersons(
    db,
    workers.map((w) => w.personId),
  );
  return rows.map((r) => toAgreement(r, workers, persons, onlyPersonId));
}

type Loaded = {
  row: repo.AgreementRow;
  relations: AgreementActor[];
  /** The caller's person when they are a listed worker. */
  workerPersonId: string | null;
};

/** The agreement and every capacity the caller has towards it; 404 when none. */
async function loadVisible(
  ctx: RequestContext,
  id: string,
  db: Executor,
  forUpdate = false,
): Promise<Loaded> {
  const actor = requireUser(ctx);
  const row = await repo.findAgreement(db, id, { forUpdate });
  if (!row) throw new AppError('not_found');
  let workerPersonId: string | null = null;
  const workerUserIds: string[] = [];
  if (isWorker(actor)) {
    const me = await findPersonOfUser(db, actor.userId);
    if (me && (await repo.listWorkers(db, [id])).some((w) => w.personId === me.id)) {
      workerPersonId = me.id;
      workerUserIds.push(actor.userId);
    }
  }
  const relations = relationsToAgreement(
    actor,
    {
      lenderEnterpriseId: row.lenderEnterpriseId,
      borrowerEnterpriseId: row.borrowerEnterpriseId,
      lenderDistrictCode: row.lenderDistrictCode,
      borrowerDistrictCode: row.borrowerDistrictCode,
      workerUserIds,
    },
    await membership(db, actor),
  );
  if (relations.length === 0) throw new AppError('not_found');
  return { row, relations, workerPersonId };
}

function onlyOwnEntry(l: Loaded): string | null {
  return l.relations.some((r) => r !== 'worker') ? null : l.workerPersonId;
}

/** Throws the workflow's answer when `action` is not allowed now. */
function assertAction(
  l: Loaded,
  action: AgreementAction,
  o: { on?: string; today?: string; party?: SharingParty } = {},
): void {
  const c = checkAction(stateOf(l.row), action, l.relations, o);
  if (c.ok) return;
  if (c.code === 'forbidden') {
    throw new AppError('forbidden', {
      fields: action === 'sign' && o.party ? [{ path: 'party', code: 'not_a_party' }] : [],
    });
  }
  if (c.code === 'conflict') throw new AppError('conflict', { fields: [{ path: c.path, code: c.field }] });
  throw fieldError(c.path, c.field);
}

/**
 * Finds or creates the listed workers' persons. A worker whose phone is a seeker account's is
 * that account's person (they consent in the app); anyone else is a registry person without an
 * account (the lender records their signed paper consent).
 */
async function resolveWorkers(
  tx: Executor,
  ctx: RequestContext,
  actor: UserActor,
  inputs: readonly LabourPersonInput[],
  path: string,
): Promise<PersonSummary[]> {
  const persons: PersonSummary[] = [];
  const seen = new Set<string>();
  for (const [i, w] of inputs.entries()) {
    const userId = await repo.seekerUserIdByPhone(tx, w.phone);
    const p = userId
      ? await personForUser(tx, ctx.deps.keys, userId)
      : await findOrCreatePerson(tx, ctx.deps.keys, w, actor.userId);
    if (seen.has(p.id)) throw fieldError(`${path}.${i}`, 'duplicate_worker');
    seen.add(p.id);
    persons.push(p);
  }
  const taken = new Set(await repo.openElsewhere(tx, [...seen]));
  const clash = persons.findIndex((p) => taken.has(p.id));
  if (clash >= 0) {
    throw new AppError('conflict', { fields: [{ path: `${path}.${clash}`, code: 'worker_already_lent' }] });
  }
  return persons;
}

async function notifyWorkers(
  tx: Executor,
  row: { id: string; lenderName: string; borrowerName: string },
  persons: readonly PersonSummary[],
  at: Date,
): Promise<void> {
  for (const p of persons) {
    if (!p.userId) continue;
    await createNotification(tx, {
      userId: p.userId,
      kind: 'sharing_consent_request',
      titleZh: `${row.lenderName}拟安排您到${row.borrowerName}共享用工，请确认`,
      titleEn: `${row.lenderName} plans to lend you to ${row.borrowerName}: please answer`,
      body: { agreementId: row.id },
      link: `/seeker/sharing-agreements/${row.id}`,
      dedupeKey: `sharing_consent:${row.id}:${p.id}`,
      at,
    });
  }
}

async function listWorkersInTx(
  tx: Executor,
  ctx: RequestContext,
  actor: UserActor,
  row: { id: string; lenderName: string; borrowerName: string },
  inputs: readonly LabourPersonInput[],
  path: string,
  now: Date,
): Promise<PersonSummary[]> {
  if (inputs.length === 0) return [];
  const persons = await resolveWorkers(tx, ctx, actor, inputs, path);
  if (!(await repo.addListed(tx, row.id, persons.length, now))) throw fieldError(path, 'too_many_workers');
  await repo.insertWorkers(
    tx,
    row.id,
    persons.map((p) => p.id),
    actor.userId,
    now,
  );
  await notifyWorkers(tx, row, persons, now);
  return persons;
}

function translateWorkerErrors(err: unknown): never {
  if (isUniqueViolation(err, 'sharing_agreement_workers_open_uniq'))
    throw new AppError('conflict', {
      fields: [{ path: 'workers', code: 'worker_already_lent' }],
      cause: err,
    });
  if (isUniqueViolation(err, 'sharing_agreement_workers_pkey'))
    throw new AppError('conflict', { fields: [{ path: 'workers', code: 'duplicate_worker' }], cause: err });
  throw err;
}

/**
 * An agreement for a shortage (its borrower's clerk, or staff of its district brokering it) with an
 * idle declaration of another enterprise. The workers are reserved on the declaration in the same
 * transaction by a conditional UPDATE (409 idle_workers_exhausted when fewer are left), so
 * concurrent agreements never lend more workers than were declared. Workers may be listed now
 * (by a clerk of the lender or staff) or later.
 */
export async function createAgreement(
  ctx: RequestContext,
  body: CreateSharingAgreementBody,
): Promise<SharingAgreement> {
  const actor = requireUser(ctx);
  const now = ctx.now();
  const shortage = await shortageForSharing(ctx, body.shortageId);
  if (shortage.status === 'resolved' || shortage.status === 'cancelled')
    throw new AppError('conflict', { fields: [{ path: 'shortageId', code: 'shortage_closed' }] });
  const workers = body.workers ?? [];
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      const idle = await repo.findIdle(tx, body.idleWorkforceId);
      if (!idle) throw fieldError('idleWorkforceId', 'invalid');
      if (idle.status !== 'open')
        throw new AppError('conflict', { fields: [{ path: 'idleWorkforceId', code: 'idle_withdrawn' }] });
      if (idle.enterpriseId === shortage.enterpriseId) throw fieldError('idleWorkforceId', 'same_enterprise');
      if (body.startsOn < idle.availableFrom || body.endsOn > idle.availableUntil)
        throw fieldError(body.startsOn < idle.availableFrom ? 'startsOn' : 'endsOn', 'outside_idle_period');
      const lenderMember = (await membership(tx, actor)).includes(idle.enterpriseId);
      if (workers.length > 0 && !lenderMember && shortage.relation !== 'staff')
        throw new AppError('forbidden', { fields: [{ path: 'workers', code: 'not_a_party' }] });
      if (!(await repo.reserveIdle(tx, idle.id, body.workerCount, now))) {
        throw new AppError('idle_workers_exhausted', {
          detail: {
            'zh-CN': `该登记剩余可共享${idle.workerCount - idle.reservedCount}人，少于协议人数${body.workerCount}人`,
            'en-US': `${idle.workerCount - idle.reservedCount} workers are left on this declaration; the agreement asks for ${body.workerCount}`,
          },
        });
      }
      const id = await repo.insertAgreement(tx, {
        shortageId: shortage.id,
        idleWorkforceId: idle.id,
        lenderEnterpriseId: idle.enterpriseId,
        borrowerEnterpriseId: shortage.enterpriseId,
        workerCount: body.workerCount,
        startsOn: body.startsOn,
        endsOn: body.endsOn,
        wageFen: body.wageFen,
        wagePeriod: body.wagePeriod ?? 'month',
        wagePayer: body.wagePayer,
        injuryInsuranceCarrier: body.injuryInsuranceCarrier,
        terms: body.terms ?? null,
        createdBy: actor.userId,
        at: now,
      });
      const persons = await listWorkersInTx(
        tx,
        ctx,
        actor,
        { id, lenderName: idle.enterpriseName, borrowerName: shortage.enterpriseName },
        workers,
        'workers',
        now,
      );
      // The clerk who declared the idle workers learns of the proposal (the lender lists and signs).
      if (idle.createdBy && idle.createdBy !== actor.userId) {
        await createNotification(tx, {
          userId: idle.createdBy,
          kind: 'sharing_agreement_proposed',
          titleZh: `${shortage.enterpriseName}拟借用贵企业闲置员工${body.workerCount}人，请确认名单并签署`,
          titleEn: `${shortage.enterpriseName} proposes to borrow ${body.workerCount} of your idle workers: list them and sign`,
          body: { agreementId: id, shortageId: shortage.id },
          link: `/employer/sharing-agreements/${id}`,
          dedupeKey: `sharing_proposed:${id}`,
          at: now,
        });
      }
      await writeAudit(tx, ctx, {
        action: 'sharing_agreement.create',
        entityType: 'sharing_agreement',
        entityId: id,
        summary: {
          shortageId: shortage.id,
          idleWorkforceId: idle.id,
          lenderEnterpriseId: idle.enterpriseId,
          borrowerEnterpriseId: shortage.enterpriseId,
          workerCount: body.workerCount,
          startsOn: body.startsOn,
          endsOn: body.endsOn,
          wageFen: body.wageFen,
          wagePayer: body.wagePayer,
          injuryInsuranceCarrier: body.injuryInsuranceCarrier,
          listedPersonIds: persons.map((p) => p.id),
        },
      });
      const row = await repo.findAgreement(tx, id);
      if (!row) throw new AppError('not_found');
      return (await render(tx, [row], null))[0] as SharingAgreement;
    });
  } catch (err) {
    // reserved_count <= worker_count: the last word if the conditional update was bypassed.
    if (isCheckViolation(err) && (err as { constraint?: string }).constraint?.startsWith('idle_workforce'))
      throw new AppError('idle_workers_exhausted', { cause: err });
    return translateWorkerErrors(err);
  }
}

export async function getAgreement(ctx: RequestContext, id: string): Promise<SharingAgreement> {
  const l = await loadVisible(ctx, id, ctx.db);
  if (l.relations.includes('staff') && !l.relations.some((r) => r === 'lender' || r === 'borrower')) {
    // A staff read of the workers' (masked) personal data is audited.
    return ctx.db.transaction().execute(async (tx) => {
      await writeAudit(tx, ctx, {
        action: 'sharing_agreement.read',
        entityType: 'sharing_agreement',
        entityId: id,
        summary: { listedCount: l.row.listedCount },
      });
      return (await render(tx, [l.row], null))[0] as SharingAgreement;
    });
  }
  return (await render(ctx.db, [l.row], onlyOwnEntry(l)))[0] as SharingAgreement;
}

/** Clerks see their enterprises' agreements (as lender or borrower); staff those of their districts. */
export async function listAgreements(
  ctx: RequestContext,
  q: ListSharingAgreementsQuery,
): Promise<Page<SharingAgreement>> {
  const actor = requireUser(ctx);
  const scope = isCoordinator(actor)
    ? { districtCodes: actor.districtCodes }
    : isShortageClerk(actor)
      ? { enterpriseIds: await membership(ctx.db, actor) }
      : null;
  if (!scope) throw new AppError('forbidden');
  const { rows, total } = await repo.listAgreements(
    ctx.db,
    {
      ...scope,
      status: q.status,
      enterpriseId: q.enterpriseId,
      role: q.role,
      shortageId: q.shortageId,
      idleWorkforceId: q.idleWorkforceId,
      districtCode: q.districtCode,
    },
    offsetOf(q),
  );
  if (isCoordinator(actor) && rows.length > 0) {
    return ctx.db.transaction().execute(async (tx) => {
      await writeAudit(tx, ctx, {
        action: 'sharing_agreement.list_read',
        entityType: 'sharing_agreement',
        summary: { agreements: rows.map((r) => r.id), page: q.page },
      });
      return pageResult(await render(tx, rows, null), total, q);
    });
  }
  return pageResult(await render(ctx.db, rows, null), total, q);
}

/** A worker's own agreements (their entry only). */
export async function listMyAgreements(
  ctx: RequestContext,
  q: PageQuery & { status?: SharingAgreementStatus | undefined },
): Promise<Page<SharingAgreement>> {
  const actor = requireUser(ctx);
  const me = await findPersonOfUser(ctx.db, actor.userId);
  if (!me) return pageResult([], 0, q);
  const { rows, total } = await repo.listAgreements(
    ctx.db,
    { personId: me.id, status: q.status },
    offsetOf(q),
  );
  return pageResult(await render(ctx.db, rows, me.id), total, q);
}

/** Activates the agreement when it is complete, and credits the borrower's shortage. */
async function activateIfReady(tx: Executor, ctx: RequestContext, id: string): Promise<void> {
  const row = await repo.findAgreement(tx, id, { forUpdate: true });
  if (!row || !readyToActivate(stateOf(row))) return;
  const now = ctx.now();
  if (
    !(await repo.updateAgreement(tx, id, 'pending', { status: 'active', activatedAt: now, updatedAt: now }))
  )
    return;
  const credit = await creditSharedWorkers(tx, ctx, row.shortageId, row.workerCount, id);
  await writeAudit(tx, ctx, {
    action: 'sharing_agreement.active',
    entityType: 'sharing_agreement',
    entityId: id,
    summary: {
      from: 'pending',
      to: 'active',
      automatic: true,
      workerCount: row.workerCount,
      shortageId: row.shortageId,
      credited: credit.credited,
      shortageResolved: credit.resolved,
    },
  });
  for (const userId of new Set([row.lenderSignedBy, row.borrowerSignedBy, row.createdBy])) {
    if (!userId) continue;
    await createNotification(tx, {
      userId,
      kind: 'sharing_agreement_active',
      titleZh: `共享用工协议已生效：${row.lenderName} → ${row.borrowerName}，${row.workerCount}人`,
      titleEn: `Sharing agreement in force: ${row.lenderName} → ${row.borrowerName}, ${row.workerCount} workers`,
      body: { agreementId: id, shortageId: row.shortageId },
      link: `/employer/sharing-agreements/${id}`,
      dedupeKey: `sharing_active:${id}:${userId}`,
      at: now,
    });
  }
}

async function finish(tx: Executor, ctx: RequestContext, id: string, l: Loaded): Promise<SharingAgreement> {
  await activateIfReady(tx, ctx, id);
  const row = await repo.findAgreement(tx, id);
  if (!row) throw new AppError('not_found');
  return (await render(tx, [row], onlyOwnEntry(l)))[0] as SharingAgreement;
}

/** A clerk of the lender or of the borrower signs for that side. */
export async function signAgreement(
  ctx: RequestContext,
  id: string,
  party: SharingParty,
): Promise<SharingAgreement> {
  const actor = requireUser(ctx);
  return ctx.db.transaction().execute(async (tx) => {
    const l = await loadVisible(ctx, id, tx, true);
    assertAction(l, 'sign', { party });
    const now = ctx.now();
    const patch: repo.AgreementPatch =
      party === 'lender'
        ? { lenderSignedAt: now, lenderSignedBy: actor.userId, updatedAt: now }
        : { borrowerSignedAt: now, borrowerSignedBy: actor.userId, updatedAt: now };
    if (!(await repo.updateAgreement(tx, id, 'pending', patch))) throw new AppError('conflict');
    await writeAudit(tx, ctx, {
      action: 'sharing_agreement.sign',
      entityType: 'sharing_agreement',
      entityId: id,
      summary: { party },
    });
    return finish(tx, ctx, id, l);
  });
}

/** The lender (or staff) lists workers, up to the agreed count. */
export async function addWorkers(
  ctx: RequestContext,
  id: string,
  body: AddSharingWorkersBody,
): Promise<SharingAgreement> {
  const actor = requireUser(ctx);
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      const l = await loadVisible(ctx, id, tx, true);
      assertAction(l, 'list_workers');
      if (l.row.listedCount + body.workers.length > l.row.workerCount)
        throw fieldError('workers', 'too_many_workers');
      const now = ctx.now();
      const persons = await listWorkersInTx(tx, ctx, actor, l.row, body.workers, 'workers', now);
      await writeAudit(tx, ctx, {
        action: 'sharing_agreement.list_workers',
        entityType: 'sharing_agreement',
        entityId: id,
        summary: { personIds: persons.map((p) => p.id) },
      });
      return finish(tx, ctx, id, l);
    });
  } catch (err) {
    return translateWorkerErrors(err);
  }
}

/** The lender (or staff) takes a listed worker off a pending agreement (e.g. one who declined). */
export async function removeWorker(
  ctx: RequestContext,
  id: string,
  personId: string,
): Promise<SharingAgreement> {
  return ctx.db.transaction().execute(async (tx) => {
    const l = await loadVisible(ctx, id, tx, true);
    assertAction(l, 'remove_worker');
    const now = ctx.now();
    const removed = await repo.deleteWorker(tx, id, personId);
    if (!removed) throw new AppError('not_found');
    await repo.adjustCounts(tx, id, { listed: -1, consented: removed.consent === 'consented' ? -1 : 0 }, now);
    await writeAudit(tx, ctx, {
      action: 'sharing_agreement.remove_worker',
      entityType: 'sharing_agreement',
      entityId: id,
      summary: { personId, consent: removed.consent },
    });
    return finish(tx, ctx, id, l);
  });
}

/** A listed worker answers on their phone: consent or decline. */
export async function answerConsent(
  ctx: RequestContext,
  id: string,
  decision: 'consent' | 'decline',
): Promise<SharingAgreement> {
  const actor = requireUser(ctx);
  return ctx.db.transaction().execute(async (tx) => {
    const l = await loadVisible(ctx, id, tx, true);
    assertAction(l, 'app_consent');
    const personId = l.workerPersonId;
    if (!personId) throw new AppError('not_found');
    const now = ctx.now();
    const consent = decision === 'consent' ? 'consented' : 'declined';
    const ok = await repo.recordConsent(tx, id, personId, {
      consent,
      method: 'app',
      at: now,
      signedOn: null,
      fileId: null,
      recordedBy: actor.userId,
    });
    if (!ok)
      throw new AppError('conflict', { fields: [{ path: 'decision', code: 'consent_already_given' }] });
    if (consent === 'consented') await repo.adjustCounts(tx, id, { consented: 1 }, now);
    await writeAudit(tx, ctx, {
      action: `sharing_agreement.worker_${consent}`,
      entityType: 'sharing_agreement',
      entityId: id,
      summary: { personId, method: 'app' },
    });
    return finish(tx, ctx, id, l);
  });
}

/**
 * The lender records signed paper consents of listed workers without an account: one scanned form
 * (uploaded by the caller, kind consent_form) may carry several signatures. A worker with an
 * account answers in the app (409 consent_in_app_required): the paper route cannot speak for them.
 */
export async function recordPaperConsents(
  ctx: RequestContext,
  id: string,
  body: PaperConsentsBody,
): Promise<SharingAgreement> {
  const actor = requireUser(ctx);
  return ctx.db.transaction().execute(async (tx) => {
    const l = await loadVisible(ctx, id, tx, true);
    assertAction(l, 'paper_consent');
    const now = ctx.now();
    if (body.signedOn > chinaToday(now)) throw fieldError('signedOn', 'date_in_future');
    const file = await repo.findConsentFile(tx, body.fileId);
    if (!file || file.uploadedBy !== actor.userId) throw fieldError('fileId', 'unknown_document');
    const listed = new Map((await repo.listWorkers(tx, [id])).map((w) => [w.personId, w]));
    const persons = await getPersons(tx, body.personIds);
    const ids = [...new Set(body.personIds)];
    for (const [i, pid] of body.personIds.entries()) {
      const w = listed.get(pid);
      if (!w) throw fieldError(`personIds.${i}`, 'not_a_listed_worker');
      if (persons.get(pid)?.userId)
        throw new AppError('conflict', {
          fields: [{ path: `personIds.${i}`, code: 'consent_in_app_required' }],
        });
      if (w.consent !== 'pending')
        throw new AppError('conflict', {
          fields: [{ path: `personIds.${i}`, code: 'consent_already_given' }],
        });
    }
    for (const pid of ids) {
      const ok = await repo.recordConsent(tx, id, pid, {
        consent: 'consented',
        method: 'paper',
        at: now,
        signedOn: body.signedOn,
        fileId: body.fileId,
        recordedBy: actor.userId,
      });
      if (!ok) throw new AppError('conflict');
    }
    await repo.adjustCounts(tx, id, { consented: ids.length }, now);
    await writeAudit(tx, ctx, {
      action: 'sharing_agreement.paper_consents',
      entityType: 'sharing_agreement',
      entityId: id,
      summary: { personIds: ids, fileId: body.fileId, signedOn: body.signedOn },
    });
    return finish(tx, ctx, id, l);
  });
}

/**
 * Start (borrower), end (either side) and return (lender); staff may record each. The return and a
 * cancellation release the workers: the declaration's reservation and the one-agreement-per-worker
 * hold.
 */
export async function milestone(
  ctx: RequestContext,
  id: string,
  action: 'start' | 'end' | 'return',
  body: SharingMilestoneBody,
): Promise<SharingAgreement> {
  return ctx.db.transaction().execute(async (tx) => {
    const l = await loadVisible(ctx, id, tx, true);
    const now = ctx.now();
    assertAction(l, action, { on: body.on, today: chinaToday(now) });
    const from = l.row.status;
    const patch: repo.AgreementPatch =
      action === 'start'
        ? { startedOn: body.on, updatedAt: now }
        : action === 'end'
          ? { status: 'ended', endedOn: body.on, updatedAt: now }
          : { status: 'returned', returnedOn: body.on, updatedAt: now };
    if (!(await repo.updateAgreement(tx, id, from, patch))) throw new AppError('conflict');
    if (action === 'return') {
      await repo.releaseIdle(tx, l.row.idleWorkforceId, l.row.workerCount, now);
      await repo.closeWorkers(tx, id);
    }
    await writeAudit(tx, ctx, {
      action: `sharing_agreement.${action}`,
      entityType: 'sharing_agreement',
      entityId: id,
      summary: { from, to: patch.status ?? from, on: body.on, note: body.note ?? null },
    });
    return finish(tx, ctx, id, l);
  });
}

export async function cancelAgreement(
  ctx: RequestContext,
  id: string,
  reason: string,
): Promise<SharingAgreement> {
  return ctx.db.transaction().execute(async (tx) => {
    const l = await loadVisible(ctx, id, tx, true);
    assertAction(l, 'cancel');
    const now = ctx.now();
    const from = l.row.status;
    if (
      !(await repo.updateAgreement(tx, id, from, {
        status: 'cancelled',
        cancelReason: reason,
        updatedAt: now,
      }))
    )
      throw new AppError('conflict');
    await repo.releaseIdle(tx, l.row.idleWorkforceId, l.row.workerCount, now);
    await repo.closeWorkers(tx, id);
    await writeAudit(tx, ctx, {
      action: 'sharing_agreement.cancelled',
      entityType: 'sharing_agreement',
      entityId: id,
      summary: { from, to: 'cancelled', reason },
    });
    const row = await repo.findAgreement(tx, id);
    if (!row) throw new AppError('not_found');
    return (await render(tx, [row], onlyOwnEntry(l)))[0] as SharingAgreement;
  });
}

// ——— Consent forms ———

export const CONSENT_FILE_MAX_BYTES = 5 * 1024 * 1024;
type ConsentMediaType = 'application/pdf' | 'image/jpeg' | 'image/png';

/** The media type by magic bytes, whatever the name or declared type says. */
export function sniffConsentType(buf: Buffer): ConsentMediaType | null {
  return sniffMediaType(buf, DOCUMENT_MEDIA_TYPES);
}

/** A scanned, signed consent form (workers' paper consent, students' consent to be on file). */
export async function uploadConsentFile(
  ctx: RequestContext,
  upload: Upload,
): Promise<{ fileId: string; mediaType: string; sizeBytes: number; originalName: string | null }> {
  const actor = requireUser(ctx);
  const mediaType = sniffConsentType(upload.buffer);
  if (!mediaType)
    throw new AppError('unsupported_media_type', { fields: [{ path: 'file', code: 'file_type' }] });
  const sha256 = createHash('sha256').update(upload.buffer).digest('hex');
  return ctx.db.transaction().execute(async (tx) => {
    const fileId = await repo.insertConsentFile(tx, {
      mediaType,
      sizeBytes: upload.buffer.length,
      sha256,
      originalName: upload.filename,
      content: upload.buffer,
      uploadedBy: actor.userId,
    });
    await writeAudit(tx, ctx, {
      action: 'consent_form.upload',
      entityType: 'file',
      entityId: fileId,
      summary: { mediaType, sizeBytes: upload.buffer.length, sha256 },
    });
    return { fileId, mediaType, sizeBytes: upload.buffer.length, originalName: upload.filename };
  });
}

/** Who uploaded a consent form (kind consent_form), or undefined. For the colleges module. */
export async function consentFileUploader(db: Executor, fileId: string): Promise<string | null | undefined> {
  const f = await repo.findConsentFile(db, fileId);
  return f ? f.uploadedBy : undefined;
}
