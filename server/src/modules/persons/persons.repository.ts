import type { Executor } from '../../db/database.js';

const SUMMARY_COLUMNS = [
  'id',
  'userId',
  'fullName',
  'phone',
  'idNumberMasked',
  'birthDate',
  'gender',
  'householdRegionCode',
] as const;

export type PersonRow = {
  id: string;
  userId: string | null;
  fullName: string;
  phone: string;
  idNumberMasked: string | null;
  birthDate: string | null;
  gender: string | null;
  householdRegionCode: string | null;
};

export async function findById(db: Executor, id: string): Promise<PersonRow | undefined> {
  return db.selectFrom('persons').select(SUMMARY_COLUMNS).where('id', '=', id).executeTakeFirst();
}

export async function findByIds(db: Executor, ids: readonly string[]): Promise<PersonRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('persons').select(SUMMARY_COLUMNS).where('id', 'in', ids).execute();
}

export async function findByUserId(db: Executor, userId: string): Promise<PersonRow | undefined> {
  return db.selectFrom('persons').select(SUMMARY_COLUMNS).where('userId', '=', userId).executeTakeFirst();
}

export async function findByIdNumberHash(db: Executor, hash: string): Promise<PersonRow | undefined> {
  return db.selectFrom('persons').select(SUMMARY_COLUMNS).where('idNumberHash', '=', hash).executeTakeFirst();
}

/** A person without an identity number on file, known by phone and exact name. */
export async function findByPhoneAndName(
  db: Executor,
  phone: string,
  fullName: string,
): Promise<PersonRow | undefined> {
  return db
    .selectFrom('persons')
    .select(SUMMARY_COLUMNS)
    .where('phone', '=', phone)
    .where('fullName', '=', fullName)
    .orderBy('createdAt')
    .limit(1)
    .executeTakeFirst();
}

/** What a seeker account already tells us: the account and, if filled in, the résumé. */
export async function accountFacts(
  db: Executor,
  userId: string,
): Promise<
  | {
      phone: string;
      displayName: string;
      role: string;
      fullName: string | null;
      idNumberEnc: string | null;
      idNumberHash: string | null;
      idNumberMasked: string | null;
      birthDate: string | null;
      gender: string | null;
      householdRegionCode: string | null;
    }
  | undefined
> {
  return db
    .selectFrom('users as u')
    .leftJoin('resumes as r', 'r.userId', 'u.id')
    .select([
      'u.phone',
      'u.displayName',
      'u.role',
      'r.fullName',
      'r.idNumberEnc',
      'r.idNumberHash',
      'r.idNumberMasked',
      'r.birthDate',
      'r.gender',
      'r.householdRegionCode',
    ])
    .where('u.id', '=', userId)
    .executeTakeFirst();
}

export type NewPerson = {
  userId: string | null;
  fullName: string;
  phone: string;
  idNumberEnc: string | null;
  idNumberHash: string | null;
  idNumberMasked: string | null;
  birthDate: string | null;
  gender: string | null;
  householdRegionCode: string | null;
  createdBy: string | null;
};

/**
 * Inserts unless a row with the same account or identity number exists (a concurrent request may
 * have created it a moment ago): answers the new row or undefined, and the caller reads the winner.
 */
export async function insertIfAbsent(db: Executor, p: NewPerson): Promise<PersonRow | undefined> {
  return db
    .insertInto('persons')
    .values(p)
    .onConflict((oc) => oc.doNothing())
    .returning(SUMMARY_COLUMNS)
    .executeTakeFirst();
}

/** Fills in an identity number learnt later (a walk-in first known by phone, a résumé filled in). */
export async function setIdentity(
  db: Executor,
  id: string,
  p: Pick<
    NewPerson,
    'idNumberEnc' | 'idNumberHash' | 'idNumberMasked' | 'birthDate' | 'gender' | 'householdRegionCode'
  >,
): Promise<void> {
  await db
    .updateTable('persons')
    .set({ ...p, updatedAt: new Date() })
    .where('id', '=', id)
    .where('idNumberHash', 'is', null)
    .execute();
}

export async function contactOf(
  db: Executor,
  id: string,
): Promise<{ phone: string; userId: string | null } | undefined> {
  return db.selectFrom('persons').select(['phone', 'userId']).where('id', '=', id).executeTakeFirst();
}
