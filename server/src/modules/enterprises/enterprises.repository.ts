import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';

/** What leaves this module about an enterprise: never the owner id or the licence file id as such. */
const ENTERPRISE_COLUMNS = [
  'enterprises.id',
  'enterprises.name',
  'enterprises.creditCode',
  'enterprises.creditCodeChecksumValid',
  'enterprises.industryCode',
  'enterprises.districtCode',
  'enterprises.size',
  'enterprises.address',
  'enterprises.contactName',
  'enterprises.contactPhone',
  'enterprises.status',
  'enterprises.statusReason',
  'enterprises.licenceFileId',
  'enterprises.verifiedAt',
  'enterprises.createdAt',
  'enterprises.updatedAt',
] as const;

export type EnterpriseRow = {
  id: string;
  name: string;
  creditCode: string;
  creditCodeChecksumValid: boolean;
  industryCode: string;
  districtCode: string;
  size: string;
  address: string;
  contactName: string;
  contactPhone: string;
  status: string;
  statusReason: string | null;
  licenceFileId: string | null;
  verifiedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

export type EnterpriseInsert = {
  name: string;
  creditCode: string;
  creditCodeChecksumValid: boolean;
  industryCode: string;
  districtCode: string;
  size: string;
  address: string;
  contactName: string;
  contactPhone: string;
  ownerUserId: string;
};

/** Inserts an enterprise; answers undefined when the credit code is taken (the unique key decides). */
export async function insertEnterprise(
  db: Executor,
  e: EnterpriseInsert,
): Promise<EnterpriseRow | undefined> {
  return db
    .insertInto('enterprises')
    .values(e)
    .onConflict((oc) => oc.column('creditCode').doNothing())
    .returning(ENTERPRISE_COLUMNS)
    .executeTakeFirst();
}

export async function findEnterprise(db: Executor, id: string): Promise<EnterpriseRow | undefined> {
  return db.selectFrom('enterprises').select(ENTERPRISE_COLUMNS).where('id', '=', id).executeTakeFirst();
}

export type EnterpriseSummaryRow = { id: string; name: string; districtCode: string; status: string };

export async function findEnterpriseSummary(
  db: Executor,
  id: string,
): Promise<EnterpriseSummaryRow | undefined> {
  return db
    .selectFrom('enterprises')
    .select(['id', 'name', 'districtCode', 'status'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export type EnterprisePatch = Partial<{
  name: string;
  industryCode: string;
  districtCode: string;
  size: string;
  address: string;
  contactName: string;
  contactPhone: string;
  status: string;
  statusReason: string | null;
  verifiedAt: Date | null;
  verifiedBy: string | null;
  licenceFileId: string;
}>;

export async function updateEnterprise(
  db: Executor,
  id: string,
  patch: EnterprisePatch,
): Promise<EnterpriseRow | undefined> {
  return db
    .updateTable('enterprises')
    .set({ ...patch, updatedAt: sql<Date>`now()` })
    .where('id', '=', id)
    .returning(ENTERPRISE_COLUMNS)
    .executeTakeFirst();
}

/**
 * A verification decision, only if the enterprise is still in `fromStatus`: two officers deciding at
 * once cannot both win (the second finds the status changed and gets nothing back).
 */
export async function decideVerification(
  db: Executor,
  id: string,
  fromStatus: string,
  d: { status: string; reason: string | null; by: string | null; at: Date | null },
): Promise<EnterpriseRow | undefined> {
  return db
    .updateTable('enterprises')
    .set({
      status: d.status,
      statusReason: d.reason,
      verifiedBy: d.by,
      verifiedAt: d.at,
      updatedAt: sql<Date>`now()`,
    })
    .where('id', '=', id)
    .where('status', '=', fromStatus)
    .returning(ENTERPRISE_COLUMNS)
    .executeTakeFirst();
}

// ——— Members (by phone) ———

/**
 * The phone of an employer account. Membership is by phone: an invited phone becomes a member the
 * moment an employer account with that phone exists, so the users table is joined by phone here.
 */
export async function employerPhone(db: Executor, userId: string): Promise<string | undefined> {
  const r = await db
    .selectFrom('users')
    .select('phone')
    .where('id', '=', userId)
    .where('role', '=', 'employer')
    .executeTakeFirst();
  return r?.phone;
}

/** The caller's active role in the enterprise (owner/clerk), or undefined. */
export async function memberRole(
  db: Executor,
  enterpriseId: string,
  userId: string,
): Promise<'owner' | 'clerk' | undefined> {
  const r = await db
    .selectFrom('enterpriseMembers as m')
    .innerJoin('users as u', 'u.phone', 'm.phone')
    .select('m.role')
    .where('m.enterpriseId', '=', enterpriseId)
    .where('u.id', '=', userId)
    .where('u.role', '=', 'employer')
    .where('m.removedAt', 'is', null)
    .executeTakeFirst();
  return r?.role === 'owner' || r?.role === 'clerk' ? r.role : undefined;
}

export async function memberEnterpriseIds(db: Executor, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('enterpriseMembers as m')
    .innerJoin('users as u', 'u.phone', 'm.phone')
    .select('m.enterpriseId')
    .where('u.id', '=', userId)
    .where('u.role', '=', 'employer')
    .where('m.removedAt', 'is', null)
    .execute();
  return rows.map((r) => r.enterpriseId);
}

export type MemberRow = {
  phone: string;
  role: string;
  displayName: string | null;
  createdAt: Date;
  removedAt: Date | null;
};

export async function findMember(
  db: Executor,
  enterpriseId: string,
  phone: string,
): Promise<MemberRow | undefined> {
  return db
    .selectFrom('enterpriseMembers as m')
    .leftJoin('users as u', (j) => j.onRef('u.phone', '=', 'm.phone').on('u.role', '=', 'employer'))
    .select(['m.phone', 'm.role', 'u.displayName', 'm.createdAt', 'm.removedAt'])
    .where('m.enterpriseId', '=', enterpriseId)
    .where('m.phone', '=', phone)
    .executeTakeFirst();
}

export async function insertMember(
  db: Executor,
  m: { enterpriseId: string; phone: string; role: 'owner' | 'clerk'; invitedBy: string },
): Promise<void> {
  await db.insertInto('enterpriseMembers').values(m).execute();
}

/** Re-invites a removed clerk: the same primary key row becomes active again. */
export async function reactivateMember(
  db: Executor,
  enterpriseId: string,
  phone: string,
  invitedBy: string,
): Promise<boolean> {
  const r = await db
    .updateTable('enterpriseMembers')
    .set({ removedAt: null, role: 'clerk', invitedBy, createdAt: sql<Date>`now()` })
    .where('enterpriseId', '=', enterpriseId)
    .where('phone', '=', phone)
    .where('removedAt', 'is not', null)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

export async function removeClerk(
  db: Executor,
  enterpriseId: string,
  phone: string,
  at: Date,
): Promise<boolean> {
  const r = await db
    .updateTable('enterpriseMembers')
    .set({ removedAt: at })
    .where('enterpriseId', '=', enterpriseId)
    .where('phone', '=', phone)
    .where('role', '=', 'clerk')
    .where('removedAt', 'is', null)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

export async function listMembers(db: Executor, enterpriseId: string): Promise<MemberRow[]> {
  return db
    .selectFrom('enterpriseMembers as m')
    .leftJoin('users as u', (j) => j.onRef('u.phone', '=', 'm.phone').on('u.role', '=', 'employer'))
    .select(['m.phone', 'm.role', 'u.displayName', 'm.createdAt', 'm.removedAt'])
    .where('m.enterpriseId', '=', enterpriseId)
    .where('m.removedAt', 'is', null)
    .orderBy(sql`m.role = 'owner'`, 'desc')
    .orderBy('m.createdAt')
    .execute();
}

// ——— Lists ———

export type EnterpriseListFilter = {
  /** Only enterprises this employer (by phone) is an active member of. */
  memberPhone?: string;
  /** Only these districts (staff scope). */
  districtCodes?: string[];
  status?: string;
  q?: string;
  oldestFirst: boolean;
  limit: number;
  offset: number;
};

export type EnterpriseListRow = EnterpriseRow & { myRole: string | null };

export async function listEnterprises(
  db: Executor,
  f: EnterpriseListFilter,
): Promise<{ rows: EnterpriseListRow[]; total: number }> {
  let q = db.selectFrom('enterprises');
  if (f.memberPhone !== undefined) {
    const phone = f.memberPhone;
    q = q.innerJoin('enterpriseMembers as m', (j) =>
      j
        .onRef('m.enterpriseId', '=', 'enterprises.id')
        .on('m.phone', '=', phone)
        .on('m.removedAt', 'is', null),
    );
  }
  if (f.districtCodes) {
    // `IN ()` is not SQL: no districts, no rows.
    q =
      f.districtCodes.length > 0
        ? q.where('enterprises.districtCode', 'in', f.districtCodes)
        : q.where(sql<boolean>`false`);
  }
  if (f.status) q = q.where('enterprises.status', '=', f.status);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    const code = f.q.toUpperCase();
    q = q.where((eb) =>
      eb.or([eb('enterprises.name', 'ilike', like), eb('enterprises.creditCode', '=', code)]),
    );
  }
  const roleColumn =
    f.memberPhone !== undefined ? sql<string | null>`m.role` : sql<string | null>`NULL::text`;
  const [rows, count] = await Promise.all([
    q
      .select(ENTERPRISE_COLUMNS)
      .select(roleColumn.as('myRole'))
      .orderBy('enterprises.createdAt', f.oldestFirst ? 'asc' : 'desc')
      .orderBy('enterprises.id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

// ——— Files ———

export async function insertFile(
  db: Executor,
  f: {
    kind: string;
    mediaType: string;
    sizeBytes: number;
    sha256: string;
    originalName: string | null;
    content: Buffer;
    uploadedBy: string | null;
  },
): Promise<string> {
  const r = await db.insertInto('files').values(f).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function findFile(
  db: Executor,
  id: string,
): Promise<
  { id: string; mediaType: string; sizeBytes: number; sha256: string; content: Buffer } | undefined
> {
  return db
    .selectFrom('files')
    .select(['id', 'mediaType', 'sizeBytes', 'sha256', 'content'])
    .where('id', '=', id)
    .executeTakeFirst();
}
