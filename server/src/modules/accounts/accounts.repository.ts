import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';

const USER_COLUMNS = [
  'id',
  'phone',
  'displayName',
  'role',
  'status',
  'passwordHash',
  'mustChangePassword',
  'districtCodes',
  'failedLoginCount',
  'lastFailedLoginAt',
  'lockedUntil',
  'lastLoginAt',
  'createdAt',
] as const;

export type UserRow = {
  id: string;
  phone: string;
  displayName: string;
  role: string;
  status: string;
  passwordHash: string;
  mustChangePassword: boolean;
  districtCodes: string[];
  failedLoginCount: number;
  lastFailedLoginAt: Date | null;
  lockedUntil: Date | null;
  lastLoginAt: Date | null;
  createdAt: Date;
};

export async function findUserByPhone(db: Executor, phone: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').select(USER_COLUMNS).where('phone', '=', phone).executeTakeFirst();
}

export async function findUserById(db: Executor, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').select(USER_COLUMNS).where('id', '=', id).executeTakeFirst();
}

/** Inserts a user; answers undefined when the phone is taken (the unique key decides, not a pre-check). */
export async function insertUser(
  db: Executor,
  u: {
    phone: string;
    displayName: string;
    role: string;
    passwordHash: string;
    mustChangePassword?: boolean;
    districtCodes?: string[];
    createdBy?: string | null;
  },
): Promise<UserRow | undefined> {
  return db
    .insertInto('users')
    .values({
      phone: u.phone,
      displayName: u.displayName,
      role: u.role,
      passwordHash: u.passwordHash,
      mustChangePassword: u.mustChangePassword ?? false,
      districtCodes: u.districtCodes ?? [],
      createdBy: u.createdBy ?? null,
    })
    .onConflict((oc) => oc.column('phone').doNothing())
    .returning(USER_COLUMNS)
    .executeTakeFirst();
}

export async function recordFailedLogin(
  db: Executor,
  userId: string,
  now: Date,
  lockAfter: number,
  lockUntil: Date,
): Promise<{ failedLoginCount: number; lockedUntil: Date | null }> {
  return db
    .updateTable('users')
    .set((eb) => ({
      failedLoginCount: eb('failedLoginCount', '+', 1),
      lastFailedLoginAt: now,
      lockedUntil: sql<Date | null>`CASE WHEN failed_login_count + 1 >= ${lockAfter} THEN ${lockUntil}::timestamptz ELSE locked_until END`,
    }))
    .where('id', '=', userId)
    .returning(['failedLoginCount', 'lockedUntil'])
    .executeTakeFirstOrThrow();
}

export async function recordSuccessfulLogin(db: Executor, userId: string, now: Date): Promise<void> {
  await db
    .updateTable('users')
    .set({ failedLoginCount: 0, lastFailedLoginAt: null, lockedUntil: null, lastLoginAt: now })
    .where('id', '=', userId)
    .execute();
}

export async function updateUser(
  db: Executor,
  id: string,
  patch: Partial<{
    displayName: string;
    phone: string;
    status: string;
    passwordHash: string;
    mustChangePassword: boolean;
    failedLoginCount: number;
    lockedUntil: Date | null;
    lastFailedLoginAt: Date | null;
    passwordChangedAt: Date;
  }>,
): Promise<UserRow | undefined> {
  return db
    .updateTable('users')
    .set({ ...patch, updatedAt: sql<Date>`now()` })
    .where('id', '=', id)
    .returning(USER_COLUMNS)
    .executeTakeFirst();
}

export async function listUsers(
  db: Executor,
  f: { role?: string; status?: string; q?: string; limit: number; offset: number },
): Promise<{ rows: UserRow[]; total: number }> {
  let q = db.selectFrom('users');
  if (f.role) q = q.where('role', '=', f.role);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    q = q.where((eb) => eb.or([eb('displayName', 'ilike', like), eb('phone', 'like', like)]));
  }
  const [rows, count] = await Promise.all([
    q
      .select(USER_COLUMNS)
      .orderBy('createdAt', 'desc')
      .orderBy('id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function countAdmins(db: Executor): Promise<number> {
  const r = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export type TokenRow = {
  id: string;
  name: string;
  scopes: string[];
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
};
const TOKEN_COLUMNS = ['id', 'name', 'scopes', 'createdAt', 'expiresAt', 'revokedAt', 'lastUsedAt'] as const;

export async function insertToken(
  db: Executor,
  t: { name: string; tokenHash: Buffer; scopes: string[]; createdBy: string; expiresAt: Date | null },
): Promise<TokenRow> {
  return db.insertInto('apiTokens').values(t).returning(TOKEN_COLUMNS).executeTakeFirstOrThrow();
}

export async function listTokens(
  db: Executor,
  limit: number,
  offset: number,
): Promise<{ rows: TokenRow[]; total: number }> {
  const [rows, count] = await Promise.all([
    db
      .selectFrom('apiTokens')
      .select(TOKEN_COLUMNS)
      .orderBy('createdAt', 'desc')
      .limit(limit)
      .offset(offset)
      .execute(),
    db
      .selectFrom('apiTokens')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function revokeToken(db: Executor, id: string, now: Date): Promise<TokenRow | undefined> {
  return db
    .updateTable('apiTokens')
    .set({ revokedAt: sql<Date>`coalesce(revoked_at, ${now}::timestamptz)` })
    .where('id', '=', id)
    .returning(TOKEN_COLUMNS)
    .executeTakeFirst();
}
