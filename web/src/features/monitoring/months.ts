import { SEPARATION_CAUSES } from '@jiuye/shared';

/*
 * Months and the balance rule of the monitoring report, as the server counts them: months are
 * China-time calendar months ("yyyy-mm"); a month's report is due by the end of the 10th of the
 * next month (server/src/modules/monitoring/monitoring.service.ts, REPORT_DUE_DAY).
 */

export const REPORT_DUE_DAY = 10;
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** The China-time month of an instant. */
export function chinaMonth(now: number = Date.now()): string {
  return new Date(now + CHINA_OFFSET_MS).toISOString().slice(0, 7);
}

export function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The instant a month's report stops being correctable: the 11th of the next month, 00:00 China time. */
export function dueAt(month: string): Date {
  const next = shiftMonth(month, 1);
  return new Date(Date.parse(`${next}-01T00:00:00+08:00`) + REPORT_DUE_DAY * 86_400_000);
}

/** The ended months a clerk may report, newest first. */
export function endedMonths(count: number, now: number = Date.now()): string[] {
  const current = chinaMonth(now);
  return Array.from({ length: count }, (_, i) => shiftMonth(current, -(i + 1)));
}

export type SeparationCause = (typeof SEPARATION_CAUSES)[number];
export type Counts = {
  startHeadcount?: number | null;
  hires?: number | null;
  endHeadcount?: number | null;
} & Partial<Record<SeparationCause, number | null>>;

export type Balance =
  | { complete: false }
  | { complete: true; start: number; hires: number; separations: number; expected: number; diff: number };

/** end = start + hires − separations (every cause): the computed end and the difference. */
export function balanceOf(c: Counts): Balance {
  const n = (v: number | null | undefined) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  const start = n(c.startHeadcount);
  const hires = n(c.hires);
  const end = n(c.endHeadcount);
  const causes = SEPARATION_CAUSES.map((k) => n(c[k]) ?? 0);
  if (start === null || hires === null || end === null) return { complete: false };
  const separations = causes.reduce((a, b) => a + b, 0);
  const expected = start + hires - separations;
  return { complete: true, start, hires, separations, expected, diff: end - expected };
}

/** "+3" / "−2" / "0": a signed difference as the server writes it. */
export function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}
