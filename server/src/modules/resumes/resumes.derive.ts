import { SEEKER_MIN_AGE, parseIdNumber, type ParsedIdNumber } from '@jiuye/shared';
import type { FieldIssue } from '../../platform/errors.js';

/**
 * Pure rules of a résumé: what the identity number says about its holder, ages and the years of
 * experience. No I/O: the service feeds them and turns the issues into a 400.
 */

/** Whole years completed on `today` by someone born on `birthDate` (YYYY-MM-DD), in China time. */
export function ageOn(birthDate: string, today: Date): number {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  const cn = chinaYmd(today);
  return cn.y - y - (cn.m * 100 + cn.d < m * 100 + d ? 1 : 0);
}

/** The calendar date in China Standard Time (UTC+8, no daylight saving). */
export function chinaYmd(at: Date): { y: number; m: number; d: number; iso: string } {
  const iso = new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return { y, m, d, iso };
}

export type Identity = {
  birthDate: string;
  gender: 'male' | 'female' | null;
  householdRegionCode: string | null;
};

/**
 * Checks an identity number for registration on `today`: valid (format, date, check character),
 * an existing province (old county codes stay valid on old cards, so only the province is checked)
 * and age ≥ 16 (Labour Law art. 15). A birth date given beside it must agree with it.
 */
export function identityFromIdNumber(
  idNumber: string,
  opts: { today: Date; birthDate?: string; provinceExists: (code: string) => boolean },
): { ok: true; parsed: ParsedIdNumber } | { ok: false; issues: FieldIssue[] } {
  const r = parseIdNumber(idNumber, { today: new Date(`${chinaYmd(opts.today).iso}T12:00:00`) });
  if (!r.ok) return { ok: false, issues: [{ path: 'idNumber', code: r.code }] };
  if (!opts.provinceExists(`${r.regionCode.slice(0, 2)}0000`)) {
    return { ok: false, issues: [{ path: 'idNumber', code: 'id_region' }] };
  }
  if (opts.birthDate !== undefined && opts.birthDate !== r.birthDate) {
    return { ok: false, issues: [{ path: 'birthDate', code: 'birth_date_mismatch' }] };
  }
  if (ageOn(r.birthDate, opts.today) < SEEKER_MIN_AGE) {
    return { ok: false, issues: [{ path: 'idNumber', code: 'id_too_young' }] };
  }
  return { ok: true, parsed: r };
}

/** A birth date given without an identity number: not in the future, age ≥ 16. */
export function checkBirthDate(birthDate: string, today: Date): FieldIssue | null {
  if (birthDate > chinaYmd(today).iso) return { path: 'birthDate', code: 'date_in_future' };
  if (ageOn(birthDate, today) < SEEKER_MIN_AGE) return { path: 'birthDate', code: 'id_too_young' };
  return null;
}

type Span = { from: string; to: string | null };

function monthIndex(ym: string): number {
  const [y, m] = ym.split('-').map(Number) as [number, number];
  return y * 12 + (m - 1);
}

/** Field issues of the experiences: an end before its start, a start in the future. */
export function experienceIssues(experiences: readonly Span[], today: Date): FieldIssue[] {
  const now = chinaYmd(today);
  const thisMonth = now.y * 12 + (now.m - 1);
  const issues: FieldIssue[] = [];
  experiences.forEach((e, i) => {
    if (monthIndex(e.from) > thisMonth)
      issues.push({ path: `experiences.${i}.from`, code: 'date_in_future' });
    else if (e.to !== null && monthIndex(e.to) < monthIndex(e.from)) {
      issues.push({ path: `experiences.${i}.to`, code: 'date_order' });
    }
  });
  return issues;
}

/**
 * Whole years of experience: the months covered by at least one job (both months included, an
 * open job up to this month, overlapping jobs counted once), divided by 12.
 */
export function experienceYears(experiences: readonly Span[], today: Date): number {
  const now = chinaYmd(today);
  const end = now.y * 12 + (now.m - 1) + 1;
  const spans = experiences
    .map((e) => [monthIndex(e.from), Math.min(e.to === null ? end : monthIndex(e.to) + 1, end)] as const)
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  let months = 0;
  let curStart = -1;
  let curEnd = -1;
  for (const [a, b] of spans) {
    if (a > curEnd) {
      months += curEnd - curStart;
      curStart = a;
      curEnd = b;
    } else curEnd = Math.max(curEnd, b);
  }
  months += curEnd - curStart;
  return Math.floor(months / 12);
}
