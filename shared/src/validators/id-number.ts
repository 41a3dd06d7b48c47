import { z } from 'zod';

/**
 * Chinese resident identity number (居民身份证号码), GB 11643-1999: 6-digit region code (GB/T 2260
 * at the time of issue), 8-digit birth date, 3-digit sequence (odd = male, even = female) and an
 * ISO 7064 MOD 11-2 check character.
 *
 * The region code is NOT checked here: numbers keep the region code of the year they were issued,
 * and codes retired since then are still valid on old cards, so only the server (which holds the
 * reference data and its history) can judge it.
 */

// 2^(17-i) mod 11 for i = 0..16, as GB 11643-1999 tabulates them.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';
const FIRST17_RE = /^\d{17}$/;
const ID_RE = /^\d{17}[\dX]$/;
// The oldest living residents were born after 1900; an earlier year is a typo.
const MIN_BIRTH_YEAR = 1900;

/** Labour Law art. 15 forbids employing anyone under 16, so the seeker registry refuses them. */
export const SEEKER_MIN_AGE = 16;

export type IdNumberErrorCode = 'id_format' | 'id_checksum' | 'id_birth_date' | 'id_too_young';

export type ParsedIdNumber = {
  ok: true;
  /** Uppercased (a trailing `x` becomes `X`). */
  value: string;
  /** YYYY-MM-DD */
  birthDate: string;
  gender: 'male' | 'female';
  /** The first 6 digits, as issued; may be a region code that no longer exists. */
  regionCode: string;
  /** Whole years completed on `today`. */
  age: number;
};

export type IdNumberResult = ParsedIdNumber | { ok: false; code: IdNumberErrorCode };

export type IdNumberOptions = {
  /** The date ages are computed against; defaults to now, read at each call. */
  today?: Date;
  minAge?: number;
};

/** The MOD 11-2 check character for the first 17 digits. Throws on anything but 17 ASCII digits. */
export function idCheckChar(first17: string): string {
  if (!FIRST17_RE.test(first17)) throw new RangeError('idCheckChar expects exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

// Compares calendar dates as numbers YYYYMMDD, so no time zone or Date arithmetic is involved.
function ymd(y: number, m: number, d: number): number {
  return y * 10000 + m * 100 + d;
}

/**
 * Validates and decodes an identity number. Checks run from the most to the least specific
 * diagnosis: a birth date that cannot exist tells the user where the typo is, whereas a wrong
 * check character only says that something is wrong somewhere.
 */
export function parseIdNumber(input: string, opts: IdNumberOptions = {}): IdNumberResult {
  const value = input.toUpperCase();
  if (!ID_RE.test(value)) return { ok: false, code: 'id_format' };

  const today = opts.today ?? new Date();
  if (Number.isNaN(today.getTime())) throw new RangeError('parseIdNumber: invalid `today`');
  // The calendar date in the runtime's time zone: the server runs on China Standard Time.
  const ty = today.getFullYear();
  const tm = today.getMonth() + 1;
  const td = today.getDate();

  const y = Number(value.slice(6, 10));
  const m = Number(value.slice(10, 12));
  const d = Number(value.slice(12, 14));
  if (
    y < MIN_BIRTH_YEAR ||
    m < 1 ||
    m > 12 ||
    d < 1 ||
    d > daysInMonth(y, m) ||
    ymd(y, m, d) > ymd(ty, tm, td)
  ) {
    return { ok: false, code: 'id_birth_date' };
  }

  if (idCheckChar(value.slice(0, 17)) !== value[17]) return { ok: false, code: 'id_checksum' };

  // A birthday not yet reached this year does not count; someone born on 29 February turns a year
  // older on 1 March in common years.
  const age = ty - y - (tm * 100 + td < m * 100 + d ? 1 : 0);
  if (opts.minAge !== undefined && age < opts.minAge) return { ok: false, code: 'id_too_young' };

  return {
    ok: true,
    value,
    birthDate: `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`,
    gender: (value.charCodeAt(16) - 48) % 2 === 1 ? 'male' : 'female',
    regionCode: value.slice(0, 6),
    age,
  };
}

export function isValidIdNumber(input: string): boolean {
  return parseIdNumber(input).ok;
}

/** 11010519491231002X → 1101**********002X: enough for a person to recognise their own number. */
export function maskIdNumber(idNumber: string): string {
  return idNumber.length === 18 ? `${idNumber.slice(0, 4)}${'*'.repeat(10)}${idNumber.slice(14)}` : '***';
}

// `options` is a function so that "today" is read at parse time, not when the schema is built at
// boot: a long-running server would otherwise compute ages against its start date.
function idNumberSchema(options: () => IdNumberOptions) {
  return z
    .string()
    .trim()
    .max(32)
    .transform((s, ctx) => {
      const result = parseIdNumber(s, options());
      if (!result.ok) {
        ctx.addIssue({ code: 'custom', message: result.code, params: { code: result.code } });
        return z.NEVER;
      }
      return result.value;
    });
}

/** Any valid identity number; answers it uppercased. Region existence is checked by the server. */
export const IdNumberSchema = idNumberSchema(() => ({})).meta({
  description: 'Resident identity number (GB 11643), 18 characters, the last may be X',
  example: '11010519491231002X',
});

/** An identity number of someone at least 16 years old on `today` (default: the day of parsing). */
export function seekerIdNumberSchema(today?: Date) {
  return idNumberSchema(() => ({ today: today ?? new Date(), minAge: SEEKER_MIN_AGE })).meta({
    description: 'Resident identity number (GB 11643) of a person aged 16 or more',
    example: '11010519491231002X',
  });
}
