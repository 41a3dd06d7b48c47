/**
 * Calendar days in China time (UTC+8, no daylight saving) as YYYY-MM-DD strings: ages, "within 2
 * years of leaving school" and "30 days after registering" are counted in days of the bureau's
 * calendar, not in the server's time zone.
 */

const DAY_MS = 86_400_000;

/** The calendar day in China of an instant. */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

function parts(date: string): [number, number, number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

function fmt(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function addDays(date: string, n: number): string {
  const [y, m, d] = parts(date);
  return new Date(Date.UTC(y, m - 1, d) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Days from a to b (b − a). */
export function daysBetween(a: string, b: string): number {
  const [ya, ma, da] = parts(a);
  const [yb, mb, db] = parts(b);
  return Math.round((Date.UTC(yb, mb - 1, db) - Date.UTC(ya, ma - 1, da)) / DAY_MS);
}

/**
 * The same day n months later; when that month is shorter (31 January + 1 month), the first day of
 * the month after: the day the n-th whole month is complete.
 */
export function addMonths(date: string, n: number): string {
  const [y, m, d] = parts(date);
  const total = y * 12 + (m - 1) + n;
  const ty = Math.floor(total / 12);
  const tm = (total % 12) + 1;
  if (d <= daysInMonth(ty, tm)) return fmt(ty, tm, d);
  return tm === 12 ? fmt(ty + 1, 1, 1) : fmt(ty, tm + 1, 1);
}

/** Whole months completed from `from` to `to` (0 when `to` is before the first anniversary). */
export function wholeMonths(from: string, to: string): number {
  const [fy, fm] = parts(from);
  const [ty, tm] = parts(to);
  let n = (ty - fy) * 12 + (tm - fm);
  while (n > 0 && addMonths(from, n) > to) n -= 1;
  while (addMonths(from, n + 1) <= to) n += 1;
  return Math.max(0, n);
}

/**
 * Whole years completed (age): a birthday not yet reached does not count; someone born on 29
 * February turns a year older on 1 March in common years (as shared/validators/id-number.ts).
 */
export function wholeYears(from: string, to: string): number {
  return Math.floor(wholeMonths(from, to) / 12);
}

export function isIsoDate(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && fmt(...parts(s)) === s && addDays(s, 0) === s;
}
