import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, otpauthUri, timeStep, totpCode, verifyTotp } from './totp.js';

// RFC 6238 appendix B: the SHA-1 secret is the ASCII string "12345678901234567890"; 8-digit codes.
const RFC_KEY = Buffer.from('12345678901234567890', 'ascii');
const VECTORS: [number, string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('TOTP (RFC 6238)', () => {
  it.each(VECTORS)('at T=%i the SHA-1 code is %s', (t, code) => {
    expect(hotp(RFC_KEY, timeStep(t * 1000), 8)).toBe(code);
  });

  it('six-digit codes are the last six digits of the RFC vectors', () => {
    const secret = base32Encode(RFC_KEY);
    expect(secret).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    for (const [t, code] of VECTORS) expect(totpCode(secret, t * 1000)).toBe(code.slice(-6));
  });

  it('base32 round-trips', () => {
    for (const n of [1, 5, 10, 20, 33]) {
      const b = Buffer.from(Array.from({ length: n }, (_, i) => (i * 37 + 11) & 255));
      expect(base32Decode(base32Encode(b))).toEqual(b);
    }
  });

  it('accepts one step either side, not two, and never the same step twice', () => {
    const secret = base32Encode(RFC_KEY);
    const t = 1111111111 * 1000;
    const step = timeStep(t);
    expect(verifyTotp(secret, totpCode(secret, t), t, null)).toBe(step);
    expect(verifyTotp(secret, totpCode(secret, t - 30_000), t, null)).toBe(step - 1);
    expect(verifyTotp(secret, totpCode(secret, t + 30_000), t, null)).toBe(step + 1);
    expect(verifyTotp(secret, totpCode(secret, t - 60_000), t, null)).toBeNull();
    expect(verifyTotp(secret, totpCode(secret, t + 60_000), t, null)).toBeNull();
    // Replay: the step already used, or an earlier one, is refused.
    expect(verifyTotp(secret, totpCode(secret, t), t, step)).toBeNull();
    expect(verifyTotp(secret, totpCode(secret, t - 30_000), t, step)).toBeNull();
    expect(verifyTotp(secret, totpCode(secret, t + 30_000), t, step)).toBe(step + 1);
    expect(verifyTotp(secret, 'abcdef', t, null)).toBeNull();
    expect(verifyTotp(secret, '12345', t, null)).toBeNull();
  });

  it('builds the otpauth URI authenticator apps read', () => {
    expect(otpauthUri('ABC', '138****0001')).toBe(
      'otpauth://totp/Jiuye:138****0001?secret=ABC&issuer=Jiuye&algorithm=SHA1&digits=6&period=30',
    );
  });
});
