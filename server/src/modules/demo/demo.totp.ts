import { createHash } from 'node:crypto';
import { base32Encode } from '../accounts/totp.js';

/**
 * Issue 9: the demo staff accounts sign in with a second factor like real ones. Their TOTP
 * secrets are FIXED and published here (derived from the phone), so anyone trying Jiuye can get a
 * code with `npm run demo:totp -- <phone>` or add the secret to an authenticator app. Demo
 * seeding is the only place these are enrolled; never use them for a real account.
 */
export function demoTotpSecret(phone: string): string {
  return base32Encode(createHash('sha1').update(`jiuye-demo-totp:${phone}`).digest());
}
