import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';

// ——— Agencies ———

export type AgencyRow = {
  id: string;
  ownerUserId: string;
  name: string;
  licenceNumber: string;
  creditCode: string | null;
  districtCode: string;
  address: string;
  contactName: string;
  contactPhone: string;
  services: string[];
  status: string;
  statusReason: string | null;
  verifiedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

const AGENCY_COLUMNS = [
  'agencies.id',
  'agencies.ownerUserId',
  'agencies.name',
  'agencies.licenceNumber',
  'agencies.creditCode',
  'agencies.districtCode',
  'agencies.address',
  'agencies.contactName',
  'agencies.contactPhone',
  'agencies.services',
  'agencies.status',
  'agencies.statusReason',
  'agencies.verifiedAt',
  'agencies.createdAt',
  'agencies.updatedAt',
] as const;

function trimAgency(r: AgencyRow): AgencyRow {
  return { ...r, districtCode: r.districtCode.trim(), creditCode: r.creditCode?.trim() ?? null };
}

function escapeLike(q: string): string {
  return `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
}

export async function findAgency(
  db: Executor,
  id: string,
  o: { forUpdate?: boolean } = {},
): Promise<AgencyRow | undefined> {
  let q = db.selectFrom('agencies').select(AGENCY_COLUMNS).where('id', '=', id);
  if (o.forUpdate) q = q.forUpdate();
  const r = await q.executeTakeFirst();
  return r ? trimAgency(r) : undefined;
}

export async function findAgencyOfOwner(db: Executor, userId: string): Promise<AgencyRow | undefined> {
  const r = await db
    .selectFrom('agencies')
    .select(AGENCY_COLUMNS)
    .where('ownerUserId', '=', userId)
    .executeTakeFirst();
  return r ? trimAgency(r) : undefined;
}

export async function findAgencyByLicence(
  db: Executor,
  licence: string,
): Promise<{ id: string } | undefined> {
  return db.selectFrom('agencies').select('id').where('licenceNumber', '=', licence).executeTakeFirst();
}

export async function insertAgency(
  db: Executor,
  a: {
    ownerUserId: string;
    name: string;
    licenceNumber: string;
    creditCode: string | null;
    districtCode: string;
    address: string;
    contactName: string;
    contactPhone: string;
    services: string[];
    at: Date;
  },
): Promise<string> {
  const { at, ...values } = a;
  const r = await db
    .insertInto('agencies')
    .values({ ...values, createdAt: at, updatedAt: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function setAgencyStatus(
  db: Executor,
  id: string,
  from: string,
  to: string,
  p: { reason: string | null; by: string; at: Date },
): Promise<boolean> {
  const r = await db
    .updateTable('agencies')
    .set({
      status: to,
      statusReason: p.reason,
      updatedAt: p.at,
      ...(to === 'verified' ? { verifiedAt: p.at, verifiedBy: p.by } : {}),
    })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function listAgencies(
  db: Executor,
  f: {
    status?: string | undefined;
    districtCode?: string | undefined;
    service?: string | undefined;
    q?: string | undefined;
    limit: number;
    offset: number;
  },
): Promise<{ rows: AgencyRow[]; total: number }> {
  let base = db.selectFrom('agencies');
  if (f.status) base = base.where('status', '=', f.status);
  if (f.districtCode) base = base.where('districtCode', '=', f.districtCode);
  if (f.service) base = base.where(sql<boolean>`services @> ARRAY[${f.service}]::text[]`);
  if (f.q) {
    const like = escapeLike(f.q);
    base = base.where((eb) => eb.or([eb('name', 'ilike', like), eb('licenceNumber', 'ilike', like)]));
  }
  const [rows, count] = await Promise.all([
    base
      .select(AGENCY_COLUMNS)
      .orderBy('createdAt', 'desc')
      .orderBy('id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map(trimAgency), total: Number(count.n) };
}

export async function activeContractCounts(
  db: Executor,
  agencyIds: readonly string[],
): Promise<Map<string, number>> {
  if (agencyIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('serviceContracts')
    .select(['agencyId', (eb) => eb.fn.countAll<number>().as('n')])
    .where('agencyId', 'in', [...agencyIds])
    .where('status', '=', 'active')
    .groupBy('agencyId')
    .execute();
  return new Map(rows.map((r) => [r.agencyId, Number(r.n)]));
}

// ——— Contracts ———

export type ContractRow = {
  id: string;
  agencyId: string;
  agencyName: string;
  agencyOwnerUserId: string;
  title: string;
  kind: string;
  description: string;
  occupationCodes: string[];
  targetCount: number;
  priceFen: number;
  startsOn: string;
  endsOn: string;
  status: string;
  closedReason: string | null;
  verifiedCount: number;
  createdAt: Date;
  updatedAt: Date;
};

function contractQuery(db: Executor) {
  return db
    .selectFrom('serviceContracts as c')
    .innerJoin('agencies as a', 'a.id', 'c.agencyId')
    .select([
      'c.id',
      'c.agencyId',
      'a.name as agencyName',
      'a.ownerUserId as agencyOwnerUserId',
      'c.title',
      'c.kind',
      'c.description',
      'c.occupationCodes',
      'c.targetCount',
      'c.priceFen',
      'c.startsOn',
      'c.endsOn',
      'c.status',
      'c.closedReason',
      'c.verifiedCount',
      'c.createdAt',
      'c.updatedAt',
    ]);
}

export async function findContract(
  db: Executor,
  id: string,
  o: { forUpdate?: boolean } = {},
): Promise<ContractRow | undefined> {
  let q = contractQuery(db).where('c.id', '=', id);
  if (o.forUpdate) q = q.forUpdate('c');
  return q.executeTakeFirst();
}

export async function insertContract(
  db: Executor,
  c: {
    agencyId: string;
    title: string;
    kind: string;
    description: string;
    occupationCodes: string[];
    targetCount: number;
    priceFen: number;
    startsOn: string;
    endsOn: string;
    createdBy: string;
    at: Date;
  },
  enterpriseIds: readonly string[],
): Promise<string> {
  const { at, ...values } = c;
  const r = await db
    .insertInto('serviceContracts')
    .values({ ...values, createdAt: at, updatedAt: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('serviceContractEnterprises')
    .values(enterpriseIds.map((enterpriseId) => ({ contractId: r.id, enterpriseId })))
    .execute();
  return r.id;
}

export async function closeContract(
  db: Executor,
  id: string,
  to: string,
  p: { reason: string | null; by: string; at: Date },
): Promise<boolean> {
  const r = await db
    .updateTable('serviceContracts')
    .set({ status: to, closedReason: p.reason, closedBy: p.by, closedAt: p.at, updatedAt: p.at })
    .where('id', '=', id)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Counts verified units against the contract: one conditional UPDATE, so that racing verifications
 * never exceed the target (the CHECK verified_count <= target_count has the last word).
 */
export async function addVerified(db: Executor, id: string, quantity: number, at: Date): Promise<boolean> {
  const r = await db
    .updateTable('serviceContracts')
    .set((eb) => ({ verifiedCount: eb('verifiedCount', '+', quantity), updatedAt: at }))
    .where('id', '=', id)
    .where('status', '=', 'active')
    .where((eb) => eb(eb('verifiedCount', '+', quantity), '<=', eb.ref('targetCount')))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function listContracts(
  db: Executor,
  f: {
    agencyId?: string | undefined;
    enterpriseId?: string | undefined;
    status?: string | undefined;
    kind?: string | undefined;
    limit: number;
    offset: number;
  },
): Promise<{ rows: ContractRow[]; total: number }> {
  let base = db.selectFrom('serviceContracts as c');
  if (f.agencyId) base = base.where('c.agencyId', '=', f.agencyId);
  if (f.status) base = base.where('c.status', '=', f.status);
  if (f.kind) base = base.where('c.kind', '=', f.kind);
  if (f.enterpriseId) {
    const e = f.enterpriseId;
    base = base.where((eb) =>
      eb.exists(
        eb
          .selectFrom('serviceContractEnterprises as ce')
          .select('ce.contractId')
          .whereRef('ce.contractId', '=', 'c.id')
          .where('ce.enterpriseId', '=', e),
      ),
    );
  }
  const [rows, count] = await Promise.all([
    base
      .innerJoin('agencies as a', 'a.id', 'c.agencyId')
      .select([
        'c.id',
        'c.agencyId',
        'a.name as agencyName',
        'a.ownerUserId as agencyOwnerUserId',
        'c.title',
        'c.kind',
        'c.description',
        'c.occupationCodes',
        'c.targetCount',
        'c.priceFen',
        'c.startsOn',
        'c.endsOn',
        'c.status',
        'c.closedReason',
        'c.verifiedCount',
        'c.createdAt',
        'c.updatedAt',
      ])
      .orderBy('c.createdAt', 'desc')
      .orderBy('c.id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function contractEnterprises(
  db: Executor,
  contractIds: readonly string[],
): Promise<{ contractId: string; id: string; name: string; districtCode: string }[]> {
  if (contractIds.length === 0) return [];
  const rows = await db
    .selectFrom('serviceContractEnterprises as ce')
    .innerJoin('enterprises as e', 'e.id', 'ce.enterpriseId')
    .select(['ce.contractId', 'e.id', 'e.name', 'e.districtCode'])
    .where('ce.contractId', 'in', [...contractIds])
    .orderBy('e.name')
    .execute();
  return rows.map((r) => ({ ...r, districtCode: r.districtCode.trim() }));
}

export async function enterprisesExisting(db: Executor, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('enterprises')
    .select('id')
    .where('id', 'in', [...ids])
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** Units per deliverable status for each contract. */
export async function deliverableTotals(
  db: Executor,
  contractIds: readonly string[],
): Promise<Map<string, { pending: number; rejected: number }>> {
  if (contractIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('serviceDeliverables')
    .select([
      'contractId',
      sql<number>`coalesce(sum(quantity) FILTER (WHERE status = 'pending'), 0)`.as('pending'),
      sql<number>`coalesce(sum(quantity) FILTER (WHERE status = 'rejected'), 0)`.as('rejected'),
    ])
    .where('contractId', 'in', [...contractIds])
    .groupBy('contractId')
    .execute();
  return new Map(
    rows.map((r) => [r.contractId, { pending: Number(r.pending), rejected: Number(r.rejected) }]),
  );
}

// ——— Deliverables ———

export type DeliverableRow = {
  id: string;
  contractId: string;
  kind: string;
  enterpriseId: string | null;
  enterpriseName: string | null;
  hireId: string | null;
  personId: string | null;
  occupationCode: string | null;
  placedOn: string | null;
  quantity: number;
  description: string;
  status: string;
  reviewReason: string | null;
  reviewedAt: Date | null;
  createdAt: Date;
};

function deliverableQuery(db: Executor) {
  return db
    .selectFrom('serviceDeliverables as d')
    .leftJoin('enterprises as e', 'e.id', 'd.enterpriseId')
    .select([
      'd.id',
      'd.contractId',
      'd.kind',
      'd.enterpriseId',
      'e.name as enterpriseName',
      'd.hireId',
      'd.personId',
      'd.occupationCode',
      'd.placedOn',
      'd.quantity',
      'd.description',
      'd.status',
      'd.reviewReason',
      'd.reviewedAt',
      'd.createdAt',
    ]);
}

export async function findDeliverable(
  db: Executor,
  id: string,
  o: { forUpdate?: boolean } = {},
): Promise<DeliverableRow | undefined> {
  let q = deliverableQuery(db).where('d.id', '=', id);
  if (o.forUpdate) q = q.forUpdate('d');
  return q.executeTakeFirst();
}

export async function insertDeliverable(
  db: Executor,
  d: {
    contractId: string;
    kind: string;
    enterpriseId: string | null;
    hireId: string | null;
    personId: string | null;
    occupationCode: string | null;
    placedOn: string | null;
    quantity: number;
    description: string;
    reportedBy: string;
    at: Date;
  },
): Promise<string> {
  const { at, ...values } = d;
  const r = await db
    .insertInto('serviceDeliverables')
    .values({ ...values, createdAt: at, updatedAt: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function setDeliverableStatus(
  db: Executor,
  id: string,
  to: string,
  p: { reason: string | null; by: string; at: Date },
): Promise<boolean> {
  const r = await db
    .updateTable('serviceDeliverables')
    .set({ status: to, reviewReason: p.reason, reviewedBy: p.by, reviewedAt: p.at, updatedAt: p.at })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function listDeliverables(
  db: Executor,
  contractId: string,
  f: { status?: string | undefined; kind?: string | undefined; limit: number; offset: number },
): Promise<{ rows: DeliverableRow[]; total: number }> {
  let q = deliverableQuery(db).where('d.contractId', '=', contractId);
  let c = db
    .selectFrom('serviceDeliverables as d')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('d.contractId', '=', contractId);
  if (f.status) {
    q = q.where('d.status', '=', f.status);
    c = c.where('d.status', '=', f.status);
  }
  if (f.kind) {
    q = q.where('d.kind', '=', f.kind);
    c = c.where('d.kind', '=', f.kind);
  }
  const [rows, count] = await Promise.all([
    q.orderBy('d.createdAt', 'desc').orderBy('d.id').limit(f.limit).offset(f.offset).execute(),
    c.executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** A hire on the platform (read model over the applications module's hires table). */
export async function findHire(
  db: Executor,
  id: string,
): Promise<{ id: string; enterpriseId: string; seekerUserId: string; hiredAt: Date } | undefined> {
  return db
    .selectFrom('hires')
    .select(['id', 'enterpriseId', 'seekerUserId', 'hiredAt'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Contract totals for monitoring. */
export async function contractSummary(
  db: Executor,
): Promise<
  { status: string; contracts: number; targetCount: number; verifiedCount: number; priceFen: number }[]
> {
  const rows = await db
    .selectFrom('serviceContracts')
    .select([
      'status',
      (eb) => eb.fn.countAll<number>().as('contracts'),
      sql<number>`coalesce(sum(target_count), 0)`.as('targetCount'),
      sql<number>`coalesce(sum(verified_count), 0)`.as('verifiedCount'),
      sql<number>`coalesce(sum(price_fen), 0)`.as('priceFen'),
    ])
    .groupBy('status')
    .orderBy('status')
    .execute();
  return rows.map((r) => ({
    status: r.status,
    contracts: Number(r.contracts),
    targetCount: Number(r.targetCount),
    verifiedCount: Number(r.verifiedCount),
    priceFen: Number(r.priceFen),
  }));
}
