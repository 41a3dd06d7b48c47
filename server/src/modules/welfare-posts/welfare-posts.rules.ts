/**
 * Pure rules of public-welfare posts (no I/O), unit-tested in welfare-posts.rules.test.ts.
 */

/**
 * The month's post subsidy pro-rated by attendance, in integer fen:
 *   amount = ⌊monthlySubsidyFen × daysPresent ÷ workingDays⌋
 * Rounded down so public money is never overpaid by rounding (at most 1 fen below the exact share);
 * full attendance pays the full monthly rate, no attendance pays nothing. Integer arithmetic only:
 * rate ≤ 10,000,000 fen × 31 days stays far below 2^53.
 */
export function proratedSubsidyFen(
  monthlySubsidyFen: number,
  daysPresent: number,
  workingDays: number,
): number {
  if (
    !Number.isInteger(monthlySubsidyFen) ||
    !Number.isInteger(daysPresent) ||
    !Number.isInteger(workingDays)
  )
    throw new RangeError('integers only');
  if (workingDays < 1 || daysPresent < 0 || daysPresent > workingDays || monthlySubsidyFen < 0)
    throw new RangeError('out of range');
  return Math.floor((monthlySubsidyFen * daysPresent) / workingDays);
}

/** 'YYYY-MM' → 'YYYY-MM-01' (how months are stored). */
export function monthStart(month: string): string {
  return `${month}-01`;
}

/** 'YYYY-MM-DD' → 'YYYY-MM'. */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}

/** The calendar day in China (UTC+8, no daylight saving). */
export function chinaToday(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/**
 * Whether attendance may be reported for `month`: within the placement (from its first month to the
 * month it ended or is planned to end) and not in the future.
 */
export function attendanceMonthAllowed(
  month: string,
  p: { startsOn: string; endedOn: string | null; plannedEndOn: string },
  today: string,
): boolean {
  const last = monthOf(p.endedOn ?? p.plannedEndOn);
  return month >= monthOf(p.startsOn) && month <= last && month <= monthOf(today);
}
