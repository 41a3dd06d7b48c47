import { createHash, createHmac, randomInt } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { roleNeedsMfa, type Role } from '@jiuye/shared';
import type { Db } from '../src/db/database.js';
import { hashPassword } from '../src/modules/accounts/index.js';
import { base32Encode, totpCode } from '../src/modules/accounts/totp.js';
import { encryptField, type Keys } from '../src/platform/crypto.js';

/**
 * The field-encryption keys of every test app (server/test/app.ts): fixed, so that accounts made
 * here can carry a sealed TOTP secret the app can open. Test-only values, never used elsewhere.
 */
export const TEST_KEYS: Keys = {
  encryption: createHash('sha256').update('jiuye-test-encryption-key').digest(),
  hmac: createHash('sha256').update('jiuye-test-hmac-key').digest(),
};

/**
 * Issue 9: staff, admins and auditors made here have a TOTP second factor already enrolled. Its
 * secret derives from the phone, so a test (or an e2e journey in another module) can compute codes.
 */
export function testTotpSecret(phone: string): string {
  return base32Encode(createHmac('sha1', 'jiuye-test-totp').update(phone).digest());
}

/** Secrets learnt at enrolment for accounts not made here (e2e: an admin creates a staff account). */
const enrolledSecrets = new Map<string, string>();
export function rememberTotpSecret(phone: string, secret: string): void {
  enrolledSecrets.set(phone, secret);
}

let knownDb: Db | null = null;

/**
 * The current code of an account made by these factories (or remembered above). A code works once
 * per account (replay protection), and tests sign one account in many times within 30 seconds:
 * the account's last used step is forgotten first.
 */
export async function testOtp(phone: string): Promise<string> {
  if (knownDb) {
    await knownDb
      .updateTable('userMfa')
      .set({ lastUsedStep: null })
      .where('userId', 'in', knownDb.selectFrom('users').select('id').where('phone', '=', phone))
      .execute();
  }
  return totpCode(enrolledSecrets.get(phone) ?? testTotpSecret(phone), Date.now());
}

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
  knownDb = db;
  if (roleNeedsMfa(o.role)) {
    await db
      .insertInto('userMfa')
      .values({
        userId: row.id,
        secretSealed: encryptField(TEST_KEYS, testTotpSecret(phone)),
        pendingSecretSealed: null,
        confirmedAt: new Date(),
      })
      .execute();
  }
  return { id: row.id, phone, password: TEST_PASSWORD, role: o.role };
}

export function sessionCookieOf(res: { cookies: { name: string; value: string }[] }): string {
  const c = res.cookies.find((x) => x.name === 'jiuye_sid');
  if (!c) throw new Error('no session cookie was set');
  return `jiuye_sid=${c.value}`;
}

/**
 * Signs in and, for accounts with a second factor, completes it (the code goes along as `otp`), so
 * the cookie answered is a full session.
 */
export async function login(app: FastifyInstance, phone: string, password = TEST_PASSWORD): Promise<string> {
  const first = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { phone, password } });
  if (first.statusCode !== 200) throw new Error(`login failed: ${first.statusCode} ${first.body}`);
  const cookie = sessionCookieOf(first);
  const mfa = (JSON.parse(first.body) as { mfa?: string }).mfa;
  if (mfa === 'enrol') {
    // An account an admin made through the API: first sign-in sets up the authenticator.
    const enrol = await app.inject({ method: 'POST', url: '/api/v1/auth/mfa/enrol', headers: { cookie } });
    if (enrol.statusCode !== 200) throw new Error(`enrolment failed: ${enrol.statusCode} ${enrol.body}`);
    rememberTotpSecret(phone, (JSON.parse(enrol.body) as { secret: string }).secret);
    const confirm = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/mfa/enrol/confirm',
      headers: { cookie },
      payload: { code: await testOtp(phone) },
    });
    if (confirm.statusCode !== 200)
      throw new Error(`enrolment failed: ${confirm.statusCode} ${confirm.body}`);
    return cookie;
  }
  if (mfa !== 'required') return cookie;
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/mfa/verify',
    headers: { cookie },
    payload: { code: await testOtp(phone) },
  });
  if (res.statusCode !== 200) throw new Error(`second factor failed: ${res.statusCode} ${res.body}`);
  return cookie;
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
