/** China has no daylight saving: China time is UTC+8 all year, and statistics months are China's. */
const CHINA_OFFSET_MS = 8 * 3600_000;

/** The month (yyyy-mm, China time) that `at` falls in. */
export function chinaMonth(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 7);
}

export function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 + by, 1)).toISOString().slice(0, 7);
}

/** The last month whose figures are complete: the one before the current China month. */
export function lastCompleteMonth(now = new Date()): string {
  return shiftMonth(chinaMonth(now), -1);
}

/** The months a picker offers, newest first: the current (incomplete) month, then `count` more. */
export function recentMonths(count = 36, now = new Date()): string[] {
  const current = chinaMonth(now);
  return Array.from({ length: count + 1 }, (_, i) => shiftMonth(current, -i));
}

/** `count` months ending with `last`, oldest first (a trend's x axis). */
export function monthsEnding(last: string, count = 12): string[] {
  return Array.from({ length: count }, (_, i) => shiftMonth(last, i - count + 1));
}

const MONTH_RE = /^(19|20)\d{2}-(0[1-9]|1[0-2])$/;

/** A `?month=` value if it is a well-formed month, else the fallback. */
export function monthOr(value: string | null, fallback: string): string {
  return value && MONTH_RE.test(value) ? value : fallback;
}
