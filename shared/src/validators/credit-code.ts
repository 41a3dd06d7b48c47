import { z } from 'zod';

/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters from a 31-character
 * set without I, O, Z, S and V (easily confused with 1, 0, 2, 5 and U), the last one a MOD 31
 * check character.
 */

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
// 3^(i-1) mod 31 for i = 1..17, as GB 32100-2015 tabulates them.
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const FIRST17_RE = /^[0-9A-HJ-NPQRTUWXY]{17}$/;
const CODE_RE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

export type CreditCodeResult =
  | {
      ok: true;
      /** Uppercased. */
      value: string;
      /**
       * False when the check character does not match. Some legitimately issued early codes fail
       * the check yet are printed on genuine business licences, so this is a warning for staff to
       * confirm (`credit_code_checksum`), never a rejection.
       */
      checksumValid: boolean;
    }
  | { ok: false; code: 'credit_code_format' };

/** The check character for the first 17 characters. Throws unless they all come from the set. */
export function creditCodeCheckChar(first17: string): string {
  if (!FIRST17_RE.test(first17)) throw new RangeError('creditCodeCheckChar expects 17 valid characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CHARSET.indexOf(first17[i]!) * WEIGHTS[i]!;
  return CHARSET[(31 - (sum % 31)) % 31]!;
}

/** Lowercase input is accepted (phones' keyboards) and answered uppercased. */
export function checkCreditCode(input: string): CreditCodeResult {
  const value = input.toUpperCase();
  if (!CODE_RE.test(value)) return { ok: false, code: 'credit_code_format' };
  return { ok: true, value, checksumValid: creditCodeCheckChar(value.slice(0, 17)) === value[17] };
}

/**
 * Refuses only a malformed code; a code whose check character fails passes (see
 * `checkCreditCode`), and the server raises the staff warning itself.
 */
export const CreditCodeSchema = z
  .string()
  .trim()
  .max(32)
  .transform((s, ctx) => {
    const result = checkCreditCode(s);
    if (!result.ok) {
      ctx.addIssue({ code: 'custom', message: result.code, params: { code: result.code } });
      return z.NEVER;
    }
    return result.value;
  })
  .meta({
    description: 'Unified social credit code (GB 32100), 18 digits or capital letters',
    example: '914403001922038216',
  });
