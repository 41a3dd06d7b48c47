import { randomInt } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Role } from '@jiuye/shared';
import type { Db } from '../src/db/database.js';
import { hashPassword } from '../src/modules/accounts/index.js';

export const TEST_PASSWORD = 'Test2020pass';
let testHash: Promise<string> | null = null;

let seq = 0;
/** Unique enough across workers and runs sharing a database: prefix 19, random middle, sequence. */
export function uniquePhone(): string {
  seq = (seq + 1) % 1000;
  return `19${String(randomInt(0, 1_000_000)).padStart(6, '0')}${String(seq).padStart(3, '0')}`;
}

export type TestUser = { id: string; phone: string; password: string; role: Role };

export async function createUser(
  db: Db,
  o: {
    role: Role;
    districtCodes?: string[];
    status?: 'active' | 'disabled';
    mustChangePassword?: boolean;
    displayName?: string;
  },
): Promise<TestUser> {
  testHash ??= hashPassword(TEST_PASSWORD);
  const phone = uniquePhone();
  const row = await db
    .insertInto('users')
    .values({
      phone,
      role: o.role,
      displayName: o.displayName ?? `测试${o.role}`,
      passwordHash: await testHash,
      districtCodes:
        o.districtCodes ?? (o.role === 'staff' ? ['440803'] : o.role === 'partner' ? ['450200'] : []),
      status: o.status ?? 'active',
      mustChangePassword: o.mustChangePassword ?? false,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, phone, password: TEST_PASSWORD, role: o.role };
}

export function sessionCookieOf(res: { cookies: { name: string; value: string }[] }): string {
  const c = res.cookies.find((x) => x.name === 'jiuye_sid');
  if (!c) throw new Error('no session cookie was set');
  return `jiuye_sid=${c.value}`;
}

export async function login(app: FastifyInstance, phone: string, password = TEST_PASSWORD): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { phone, password } });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  return sessionCookieOf(res);
}

/** A user of `role`, signed in: `headers` go straight into `app.inject`. */
export async function signedIn(
  app: FastifyInstance,
  db: Db,
  role: Role,
  o: Parameters<typeof createUser>[1] extends infer P ? Omit<P & object, 'role'> : never = {},
) {
  const user = await createUser(db, { role, ...o });
  const cookie = await login(app, user.phone);
  return { user, cookie, headers: { cookie } };
}
