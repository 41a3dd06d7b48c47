import {
  maskPhone,
  type Agency,
  type AgencyService,
  type CloseServiceContractBody,
  type CreateDeliverableBody,
  type CreateServiceContractBody,
  type Deliverable,
  type ListAgenciesQuery,
  type ListDeliverablesQuery,
  type ListServiceContractsQuery,
  type RegisterAgencyBody,
  type ReviewAgencyBody,
  type ReviewDeliverableBody,
  type ServiceContract,
} from '@jiuye/shared';
import type { Executor } from '../../db/database.js';
import { writeAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { offsetOf, pageResult, type Page } from '../../platform/pagination.js';
import { createNotification } from '../alerts/index.js';
import { findOrCreatePerson, getPersons, personForUser } from '../persons/index.js';
import { chinaToday } from '../postings/index.js';
import {
  agencyReviewAllowed,
  contractCloseAllowed,
  deliverableReviewAllowed,
  isAgencyAccount,
  isBureauStaff,
  isContractStaff,
  mayVerifyAgency,
} from './agencies.policy.js';
import * as repo from './agencies.repository.js';

type UserActor = Extract<RequestContext['actor'], { kind: 'user' }>;

function requireUser(ctx: RequestContext): UserActor {
  if (ctx.actor.kind !== 'user') throw new AppError('forbidden');
  return ctx.actor;
}

function uniqueConstraint(err: unknown): string | null {
  const e = err as { code?: unknown; constraint?: unknown };
  return e.code === '23505' && typeof e.constraint === 'string' ? e.constraint : null;
}

function isCheckViolation(err: unknown): boolean {
  return (err as { code?: unknown }).code === '23514';
}

const iso = (d: Date) => d.toISOString();

// ——— Agencies ———

function toAgency(r: repo.AgencyRow, activeContracts: number, fullPhone: boolean): Agency {
  return {
    id: r.id,
    name: r.name,
    licenceNumber: r.licenceNumber,
    creditCode: r.creditCode,
    districtCode: r.districtCode,
    address: r.address,
    contactName: r.contactName,
    contactPhone: fullPhone ? r.contactPhone : maskPhone(r.contactPhone),
    services: r.services as AgencyService[],
    status: r.status as Agency['status'],
    statusReason: r.statusReason,
    verifiedAt: r.verifiedAt ? iso(r.verifiedAt) : null,
    activeContracts,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
  };
}

async function loadAgency(db: Executor, id: string): Promise<Agency> {
  const r = await repo.findAgency(db, id);
  if (!r) throw new AppError('not_found');
  const counts = await repo.activeContractCounts(db, [id]);
  return toAgency(r, counts.get(id) ?? 0, true);
}

/** An agency account registers its agency (one per account); staff verify it before contracts. */
export async function registerAgency(ctx: RequestContext, body: RegisterAgencyBody): Promise<Agency> {
  const actor = requireUser(ctx);
  const now = ctx.now();
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      if (await repo.findAgencyOfOwner(tx, actor.userId))
        throw new AppError('already_exists', { fields: [{ path: 'name', code: 'agency_exists' }] });
      if (await repo.findAgencyByLicence(tx, body.licenceNumber))
        throw fieldError('licenceNumber', 'licence_number_taken');
      const id = await repo.insertAgency(tx, {
        ownerUserId: actor.userId,
        name: body.name,
        licenceNumber: body.licenceNumber,
        creditCode: body.creditCode ?? null,
        districtCode: body.districtCode,
        address: body.address ?? '',
        contactName: body.contactName,
        contactPhone: body.contactPhone,
        services: [...new Set(body.services)],
        at: now,
      });
      await writeAudit(tx, ctx, {
        action: 'agency.register',
        entityType: 'agency',
        entityId: id,
        summary: { name: body.name, licenceNumber: body.licenceNumber, districtCode: body.districtCode },
      });
      return loadAgency(tx, id);
    });
  } catch (err) {
    const c = uniqueConstraint(err);
    if (c === 'agencies_licence_number_key')
      throw new AppError('validation_failed', {
        fields: [{ path: 'licenceNumber', code: 'licence_number_taken' }],
        cause: err,
      });
    if (c === 'agencies_owner_user_id_key')
      throw new AppError('already_exists', { fields: [{ path: 'name', code: 'agency_exists' }], cause: err });
    throw err;
  }
}

export async function getMyAgency(ctx: RequestContext): Promise<Agency> {
  const actor = requireUser(ctx);
  const r = await repo.findAgencyOfOwner(ctx.db, actor.userId);
  if (!r) throw new AppError('not_found');
  return loadAgency(ctx.db, r.id);
}

export async function listAgencies(ctx: RequestContext, q: ListAgenciesQuery): Promise<Page<Agency>> {
  const { rows, total } = await repo.listAgencies(ctx.db, {
    status: q.status,
    districtCode: q.districtCode,
    service: q.service,
    q: q.q,
    ...offsetOf(q),
  });
  const counts = await repo.activeContractCounts(
    ctx.db,
    rows.map((r) => r.id),
  );
  return pageResult(
    rows.map((r) => toAgency(r, counts.get(r.id) ?? 0, false)),
    total,
    q,
  );
}

/** Staff see any agency; an agency account its own (others: 404). */
export async function getAgency(ctx: RequestContext, id: string): Promise<Agency> {
  const actor = requireUser(ctx);
  const r = await repo.findAgency(ctx.db, id);
  if (!r) throw new AppError('not_found');
  if (!isContractStaff(actor) && !(isAgencyAccount(actor) && r.ownerUserId === actor.userId))
    throw new AppError('not_found');
  return loadAgency(ctx.db, id);
}

export async function reviewAgency(ctx: RequestContext, id: string, body: ReviewAgencyBody): Promise<Agency> {
  const actor = requireUser(ctx);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const r = await repo.findAgency(tx, id, { forUpdate: true });
    if (!r) throw new AppError('not_found');
    if (!mayVerifyAgency(actor, r.districtCode)) throw new AppError('forbidden');
    if (!agencyReviewAllowed(r.status, body.decision))
      throw new AppError('conflict', { fields: [{ path: 'decision', code: 'invalid_transition' }] });
    const to =
      body.decision === 'verify' ? 'verified' : body.decision === 'reject' ? 'rejected' : 'suspended';
    if (
      !(await repo.setAgencyStatus(tx, id, r.status, to, {
        reason: body.reason ?? null,
        by: actor.userId,
        at: now,
      }))
    )
      throw new AppError('conflict');
    await writeAudit(tx, ctx, {
      action: `agency.${body.decision}`,
      entityType: 'agency',
      entityId: id,
      summary: { from: r.status, to, reason: body.reason ?? null },
    });
    const label = {
      verified: ['已通过认证', 'verified'],
      rejected: ['未通过认证', 'not verified'],
      suspended: ['已暂停', 'suspended'],
    }[to];
    await createNotification(tx, {
      userId: r.ownerUserId,
      kind: 'agency_review',
      titleZh: `人力资源服务机构${label[0]}：${r.name}`,
      titleEn: `Your HR service agency was ${label[1]}: ${r.name}`,
      body: { agencyId: id, status: to, reason: body.reason ?? null },
      link: '/agency',
      dedupeKey: `agency_review:${id}:${to}:${now.getTime()}`,
      at: now,
    });
    return loadAgency(tx, id);
  });
}

// ——— Contracts ———

function elapsedPercent(startsOn: string, endsOn: string, today: string): number {
  const s = Date.parse(`${startsOn}T00:00:00Z`);
  const e = Date.parse(`${endsOn}T00:00:00Z`) + 86_400_000;
  const t = Date.parse(`${today}T00:00:00Z`);
  if (t <= s) return 0;
  if (t >= e) return 100;
  return Math.round(((t - s) / (e - s)) * 1000) / 10;
}

async function toContracts(db: Executor, rows: repo.ContractRow[], now: Date): Promise<ServiceContract[]> {
  const ids = rows.map((r) => r.id);
  const [enterprises, totals] = await Promise.all([
    repo.contractEnterprises(db, ids),
    repo.deliverableTotals(db, ids),
  ]);
  const today = chinaToday(now);
  return rows.map((r) => {
    const t = totals.get(r.id) ?? { pending: 0, rejected: 0 };
    return {
      id: r.id,
      agencyId: r.agencyId,
      agencyName: r.agencyName,
      title: r.title,
      kind: r.kind as ServiceContract['kind'],
      description: r.description,
      targetEnterprises: enterprises
        .filter((e) => e.contractId === r.id)
        .map((e) => ({ id: e.id, name: e.name, districtCode: e.districtCode })),
      occupationCodes: r.occupationCodes,
      targetCount: r.targetCount,
      priceFen: r.priceFen,
      startsOn: r.startsOn,
      endsOn: r.endsOn,
      status: r.status as ServiceContract['status'],
      closedReason: r.closedReason,
      progress: {
        targetCount: r.targetCount,
        verified: r.verifiedCount,
        pending: t.pending,
        rejected: t.rejected,
        percent: Math.min(100, Math.round((r.verifiedCount / r.targetCount) * 1000) / 10),
        periodElapsedPercent: elapsedPercent(r.startsOn, r.endsOn, today),
      },
      createdAt: iso(r.createdAt),
      updatedAt: iso(r.updatedAt),
    };
  });
}

async function loadContract(db: Executor, id: string, now: Date): Promise<ServiceContract> {
  const r = await repo.findContract(db, id);
  if (!r) throw new AppError('not_found');
  const [out] = await toContracts(db, [r], now);
  if (!out) throw new AppError('not_found');
  return out;
}

/** Staff see every contract; an agency its own: anyone else, and other agencies, get 404. */
async function visibleContract(
  ctx: RequestContext,
  db: Executor,
  id: string,
  o: { forUpdate?: boolean } = {},
): Promise<{ contract: repo.ContractRow; as: 'staff' | 'agency' }> {
  const actor = requireUser(ctx);
  const contract = await repo.findContract(db, id, o);
  if (!contract) throw new AppError('not_found');
  if (isContractStaff(actor)) return { contract, as: 'staff' };
  if (isAgencyAccount(actor) && contract.agencyOwnerUserId === actor.userId)
    return { contract, as: 'agency' };
  throw new AppError('not_found');
}

/** A city-wide officer signs a purchased-service contract with a verified agency. */
export async function createContract(
  ctx: RequestContext,
  body: CreateServiceContractBody,
): Promise<ServiceContract> {
  const actor = requireUser(ctx);
  if (!isBureauStaff(actor)) throw new AppError('forbidden');
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const agency = await repo.findAgency(tx, body.agencyId, { forUpdate: true });
    if (!agency) throw fieldError('agencyId', 'agency_unknown');
    if (agency.status !== 'verified') throw new AppError('agency_not_verified');
    const wanted = [...new Set(body.targetEnterpriseIds)];
    const known = await repo.enterprisesExisting(tx, wanted);
    body.targetEnterpriseIds.forEach((e, i) => {
      if (!known.has(e)) throw fieldError(`targetEnterpriseIds.${i}`, 'enterprise_unknown');
    });
    const id = await repo.insertContract(
      tx,
      {
        agencyId: agency.id,
        title: body.title,
        kind: body.kind,
        description: body.description ?? '',
        occupationCodes: [...new Set(body.occupationCodes ?? [])],
        targetCount: body.targetCount,
        priceFen: body.priceFen,
        startsOn: body.startsOn,
        endsOn: body.endsOn,
        createdBy: actor.userId,
        at: now,
      },
      wanted,
    );
    await writeAudit(tx, ctx, {
      action: 'service_contract.create',
      entityType: 'service_contract',
      entityId: id,
      summary: {
        agencyId: agency.id,
        targetCount: body.targetCount,
        priceFen: body.priceFen,
        startsOn: body.startsOn,
        endsOn: body.endsOn,
        enterprises: wanted,
      },
    });
    await createNotification(tx, {
      userId: agency.ownerUserId,
      kind: 'service_contract',
      titleZh: `新的服务合同：${body.title}`,
      titleEn: `New service contract: ${body.title}`,
      body: { contractId: id },
      link: `/agency/contracts/${id}`,
      dedupeKey: `service_contract:${id}:created`,
      at: now,
    });
    return loadContract(tx, id, now);
  });
}

export async function listContracts(
  ctx: RequestContext,
  q: ListServiceContractsQuery,
): Promise<Page<ServiceContract>> {
  const actor = requireUser(ctx);
  let agencyId = q.agencyId;
  if (!isContractStaff(actor)) {
    const own = await repo.findAgencyOfOwner(ctx.db, actor.userId);
    if (!own || (agencyId && agencyId !== own.id)) return pageResult([], 0, q);
    agencyId = own.id;
  }
  const { rows, total } = await repo.listContracts(ctx.db, {
    agencyId,
    enterpriseId: q.enterpriseId,
    status: q.status,
    kind: q.kind,
    ...offsetOf(q),
  });
  return pageResult(await toContracts(ctx.db, rows, ctx.now()), total, q);
}

export async function getContract(ctx: RequestContext, id: string): Promise<ServiceContract> {
  await visibleContract(ctx, ctx.db, id);
  return loadContract(ctx.db, id, ctx.now());
}

export async function closeContract(
  ctx: RequestContext,
  id: string,
  body: CloseServiceContractBody,
): Promise<ServiceContract> {
  const actor = requireUser(ctx);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const { contract } = await visibleContract(ctx, tx, id, { forUpdate: true });
    if (!isBureauStaff(actor)) throw new AppError('forbidden');
    if (!contractCloseAllowed(contract.status)) throw new AppError('contract_not_active');
    if (
      !(await repo.closeContract(tx, id, body.outcome, {
        reason: body.reason ?? null,
        by: actor.userId,
        at: now,
      }))
    )
      throw new AppError('contract_not_active');
    await writeAudit(tx, ctx, {
      action: `service_contract.${body.outcome === 'completed' ? 'complete' : 'terminate'}`,
      entityType: 'service_contract',
      entityId: id,
      summary: {
        from: contract.status,
        to: body.outcome,
        reason: body.reason ?? null,
        verified: contract.verifiedCount,
        targetCount: contract.targetCount,
      },
    });
    await createNotification(tx, {
      userId: contract.agencyOwnerUserId,
      kind: 'service_contract',
      titleZh:
        body.outcome === 'completed'
          ? `服务合同已验收完成：${contract.title}`
          : `服务合同已终止：${contract.title}`,
      titleEn:
        body.outcome === 'completed'
          ? `Service contract completed: ${contract.title}`
          : `Service contract terminated: ${contract.title}`,
      body: { contractId: id, status: body.outcome, reason: body.reason ?? null },
      link: `/agency/contracts/${id}`,
      dedupeKey: `service_contract:${id}:${body.outcome}`,
      at: now,
    });
    return loadContract(tx, id, now);
  });
}

// ——— Deliverables ———

async function toDeliverables(db: Executor, rows: repo.DeliverableRow[]): Promise<Deliverable[]> {
  const persons = await getPersons(
    db,
    rows.flatMap((r) => (r.personId ? [r.personId] : [])),
  );
  return rows.map((r) => {
    const p = r.personId ? persons.get(r.personId) : undefined;
    return {
      id: r.id,
      contractId: r.contractId,
      kind: r.kind as Deliverable['kind'],
      enterpriseId: r.enterpriseId,
      enterpriseName: r.enterpriseName,
      hireId: r.hireId,
      personId: r.personId,
      workerName: p?.fullName ?? null,
      workerPhoneMasked: p?.phoneMasked ?? null,
      workerIdNumberMasked: p?.idNumberMasked ?? null,
      occupationCode: r.occupationCode,
      placedOn: r.placedOn,
      quantity: r.quantity,
      description: r.description,
      status: r.status as Deliverable['status'],
      reviewReason: r.reviewReason,
      reviewedAt: r.reviewedAt ? iso(r.reviewedAt) : null,
      createdAt: iso(r.createdAt),
    };
  });
}

async function loadDeliverable(db: Executor, id: string): Promise<Deliverable> {
  const r = await repo.findDeliverable(db, id);
  if (!r) throw new AppError('not_found');
  const [out] = await toDeliverables(db, [r]);
  if (!out) throw new AppError('not_found');
  return out;
}

/**
 * The agency reports what it delivered under an active contract of its own. A placed worker is
 * tied to one of the contract's enterprises and to a person (found or created in the registry from
 * the worker's details, or the person of a platform hire); each worker counts once per contract.
 */
export async function reportDeliverable(
  ctx: RequestContext,
  contractId: string,
  body: CreateDeliverableBody,
): Promise<Deliverable> {
  const actor = requireUser(ctx);
  const now = ctx.now();
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      const { contract, as } = await visibleContract(ctx, tx, contractId);
      if (as !== 'agency') throw new AppError('forbidden');
      if (contract.status !== 'active') throw new AppError('contract_not_active');
      let personId: string | null = null;
      let enterpriseId: string | null = null;
      if (body.kind === 'worker_placed') {
        enterpriseId = body.enterpriseId ?? null;
        const targets = await repo.contractEnterprises(tx, [contractId]);
        if (!enterpriseId || !targets.some((t) => t.id === enterpriseId))
          throw fieldError('enterpriseId', 'enterprise_not_target');
        const placedOn = body.placedOn ?? '';
        if (placedOn < contract.startsOn || placedOn > contract.endsOn)
          throw fieldError('placedOn', 'outside_contract_period');
        if (placedOn > chinaToday(now)) throw fieldError('placedOn', 'date_in_future');
        if (body.hireId) {
          const hire = await repo.findHire(tx, body.hireId);
          if (!hire || hire.enterpriseId !== enterpriseId) throw fieldError('hireId', 'hire_unknown');
          if (!body.worker) personId = (await personForUser(tx, ctx.deps.keys, hire.seekerUserId)).id;
        }
        if (body.worker) {
          personId = (
            await findOrCreatePerson(
              tx,
              ctx.deps.keys,
              { fullName: body.worker.fullName, phone: body.worker.phone, idNumber: body.worker.idNumber },
              actor.userId,
            )
          ).id;
        }
      }
      const id = await repo.insertDeliverable(tx, {
        contractId,
        kind: body.kind,
        enterpriseId,
        hireId: body.kind === 'worker_placed' ? (body.hireId ?? null) : null,
        personId,
        occupationCode: body.occupationCode ?? null,
        placedOn: body.kind === 'worker_placed' ? (body.placedOn ?? null) : null,
        quantity: body.kind === 'worker_placed' ? 1 : (body.quantity ?? 1),
        description: body.description ?? '',
        reportedBy: actor.userId,
        at: now,
      });
      await writeAudit(tx, ctx, {
        action: 'service_deliverable.report',
        entityType: 'service_deliverable',
        entityId: id,
        summary: { contractId, kind: body.kind, enterpriseId, hireId: body.hireId ?? null, personId },
      });
      return loadDeliverable(tx, id);
    });
  } catch (err) {
    const c = uniqueConstraint(err);
    if (c === 'service_deliverables_hire_uniq')
      throw new AppError('already_exists', {
        fields: [{ path: 'hireId', code: 'deliverable_exists' }],
        cause: err,
      });
    if (c === 'service_deliverables_person_uniq')
      throw new AppError('already_exists', {
        fields: [{ path: body.worker ? 'worker' : 'hireId', code: 'deliverable_exists' }],
        cause: err,
      });
    throw err;
  }
}

export async function listDeliverables(
  ctx: RequestContext,
  contractId: string,
  q: ListDeliverablesQuery,
): Promise<Page<Deliverable>> {
  const { as } = await visibleContract(ctx, ctx.db, contractId);
  return ctx.db.transaction().execute(async (tx) => {
    const { rows, total } = await repo.listDeliverables(tx, contractId, {
      status: q.status,
      kind: q.kind,
      ...offsetOf(q),
    });
    if (as === 'staff' && rows.some((r) => r.personId)) {
      await writeAudit(tx, ctx, {
        action: 'service_deliverable.list_read',
        entityType: 'service_contract',
        entityId: contractId,
        summary: { deliverables: rows.map((r) => r.id), page: q.page },
      });
    }
    return pageResult(await toDeliverables(tx, rows), total, q);
  });
}

/**
 * A city-wide officer verifies or rejects a deliverable. A verification counts its units against
 * the contract with one conditional UPDATE: never beyond the target, never on a closed contract.
 */
export async function reviewDeliverable(
  ctx: RequestContext,
  contractId: string,
  deliverableId: string,
  body: ReviewDeliverableBody,
): Promise<Deliverable> {
  const actor = requireUser(ctx);
  const now = ctx.now();
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      const { contract } = await visibleContract(ctx, tx, contractId);
      const d = await repo.findDeliverable(tx, deliverableId, { forUpdate: true });
      if (!d || d.contractId !== contractId) throw new AppError('not_found');
      if (!isBureauStaff(actor)) throw new AppError('forbidden');
      if (!deliverableReviewAllowed(d.status))
        throw new AppError('conflict', { fields: [{ path: 'decision', code: 'invalid_transition' }] });
      const to = body.decision === 'verify' ? 'verified' : 'rejected';
      if (to === 'verified' && !(await repo.addVerified(tx, contractId, d.quantity, now))) {
        const fresh = await repo.findContract(tx, contractId);
        throw new AppError(fresh?.status === 'active' ? 'contract_target_reached' : 'contract_not_active');
      }
      if (
        !(await repo.setDeliverableStatus(tx, deliverableId, to, {
          reason: body.reason ?? null,
          by: actor.userId,
          at: now,
        }))
      )
        throw new AppError('conflict');
      await writeAudit(tx, ctx, {
        action: `service_deliverable.${body.decision}`,
        entityType: 'service_deliverable',
        entityId: deliverableId,
        summary: { contractId, from: d.status, to, quantity: d.quantity, reason: body.reason ?? null },
      });
      await createNotification(tx, {
        userId: contract.agencyOwnerUserId,
        kind: 'service_deliverable',
        titleZh:
          to === 'verified' ? `服务成果已核验：${contract.title}` : `服务成果未通过核验：${contract.title}`,
        titleEn:
          to === 'verified'
            ? `Deliverable verified: ${contract.title}`
            : `Deliverable rejected: ${contract.title}`,
        body: { contractId, deliverableId, status: to, reason: body.reason ?? null },
        link: `/agency/contracts/${contractId}`,
        dedupeKey: `service_deliverable:${deliverableId}:${to}`,
        at: now,
      });
      return loadDeliverable(tx, deliverableId);
    });
  } catch (err) {
    // verified_count <= target_count: the database's last word if verifications raced.
    if (isCheckViolation(err)) throw new AppError('contract_target_reached', { cause: err });
    throw err;
  }
}

/** Contracts by status with their targets, verified units and price: for monitoring. */
export async function contractSummary(db: Executor) {
  return repo.contractSummary(db);
}
