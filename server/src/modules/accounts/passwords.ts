import { hash, verify } from '@node-rs/argon2';

// Algorithm.Argon2id is a const enum in the package's types, which isolatedModules cannot inline.
const ARGON2ID = 2;

export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID });
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verifying against this when the phone is unknown keeps the answer time the same, so response
// times do not reveal which phone numbers have accounts.
let dummy: Promise<string> | null = null;
export async function burnVerify(password: string): Promise<void> {
  dummy ??= hashPassword('jiuye-dummy-password-1');
  await verifyPassword(await dummy, password);
}
