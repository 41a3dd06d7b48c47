import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export type Keys = { encryption: Buffer; hmac: Buffer };

/**
 * Keys for field encryption. From the environment when set (production: a secrets manager), else a
 * key file created under the data directory at first start (mode 0600). Losing the key file loses
 * every encrypted value: docs/operations.md says to back it up apart from the database dumps.
 */
export async function loadKeys(opts: {
  encryptionKey?: string;
  hmacKey?: string;
  dataDir: string;
}): Promise<Keys> {
  if (opts.encryptionKey && opts.hmacKey) {
    return {
      encryption: Buffer.from(opts.encryptionKey, 'base64'),
      hmac: Buffer.from(opts.hmacKey, 'base64'),
    };
  }
  const file = path.join(opts.dataDir, 'keys.json');
  if (existsSync(file)) {
    const k = JSON.parse(await readFile(file, 'utf8')) as { encryption: string; hmac: string };
    return { encryption: Buffer.from(k.encryption, 'base64'), hmac: Buffer.from(k.hmac, 'base64') };
  }
  const keys: Keys = { encryption: randomBytes(32), hmac: randomBytes(32) };
  await mkdir(opts.dataDir, { recursive: true });
  await writeFile(
    file,
    JSON.stringify({ encryption: keys.encryption.toString('base64'), hmac: keys.hmac.toString('base64') }),
    { mode: 0o600, flag: 'wx' },
  );
  return keys;
}

const VERSION = 'v1';

/** AES-256-GCM: `v1.<iv>.<tag>.<ciphertext>` in base64url. The version prefix allows key rotation. */
export function encryptField(keys: Keys, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keys.encryption, iv);
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv.toString('base64url'), tag.toString('base64url'), ct.toString('base64url')].join('.');
}

export function decryptField(keys: Keys, sealed: string): string {
  const [version, iv, tag, ct] = sealed.split('.');
  if (version !== VERSION || !iv || !tag || ct === undefined) throw new Error('Unknown ciphertext format');
  const decipher = createDecipheriv('aes-256-gcm', keys.encryption, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
}

/** Keyed hash for exact lookups of an encrypted value (e.g. "is this identity number registered?"). */
export function lookupHash(keys: Keys, value: string): string {
  return createHmac('sha256', keys.hmac).update(value.trim().toUpperCase()).digest('hex');
}

export function sha256(value: string | Buffer): Buffer {
  return createHash('sha256').update(value).digest();
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** 440803199001011234 → 4408**********1234 (first 4, last 4). */
export function maskIdNumber(id: string): string {
  if (id.length < 8) return '*'.repeat(id.length);
  return `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
}

export { maskPhone } from '@jiuye/shared';
