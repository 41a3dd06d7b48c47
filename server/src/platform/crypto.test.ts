import { randomBytes } from 'node:crypto';
import { mkdtempSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decryptField, encryptField, loadKeys, lookupHash, maskIdNumber } from './crypto.js';

const keys = { encryption: randomBytes(32), hmac: randomBytes(32) };

describe('field encryption', () => {
  it('round-trips any text and never repeats a ciphertext', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (s) => {
        const a = encryptField(keys, s);
        expect(decryptField(keys, a)).toBe(s);
        expect(encryptField(keys, s)).not.toBe(a);
      }),
    );
  });

  it('detects tampering and a wrong key', () => {
    const sealed = encryptField(keys, '11010519491231002X');
    const parts = sealed.split('.');
    const ct = Buffer.from(parts[3] ?? '', 'base64url');
    ct[0] = (ct[0] ?? 0) ^ 1;
    parts[3] = ct.toString('base64url');
    expect(() => decryptField(keys, parts.join('.'))).toThrow();
    expect(() => decryptField({ ...keys, encryption: randomBytes(32) }, sealed)).toThrow();
  });

  it('hashes for lookup with the key, case-insensitively for the X check character', () => {
    expect(lookupHash(keys, '11010519491231002x')).toBe(lookupHash(keys, '11010519491231002X'));
    expect(lookupHash({ ...keys, hmac: randomBytes(32) }, '11010519491231002X')).not.toBe(
      lookupHash(keys, '11010519491231002X'),
    );
  });

  it('masks identity numbers as 4408**********123X', () => {
    expect(maskIdNumber('44080319900101123X')).toBe('4408**********123X');
    expect(maskIdNumber('11010519491231002X')).toBe('1101**********002X');
  });

  it('creates a private key file once and reuses it', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'jiuye-keys-'));
    const a = await loadKeys({ dataDir: dir });
    const b = await loadKeys({ dataDir: dir });
    expect(a.encryption.equals(b.encryption)).toBe(true);
    expect(statSync(path.join(dir, 'keys.json')).mode & 0o777).toBe(0o600);
  });
});
