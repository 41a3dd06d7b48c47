import type { Locale } from '@jiuye/shared';

/*
 * Money travels as integer fen (api-conventions); people read and type yuan. Conversions round to
 * the nearest fen so 22.5 yuan an hour is 2250 fen, never 2249.9999.
 */
export function yuanToFen(yuan: number): number {
  return Math.round(yuan * 100);
}

export function fenToYuan(fen: number): number {
  return fen / 100;
}

/** 600000 → "6,000"; 2250 → "22.5". */
export function formatYuan(fen: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(fenToYuan(fen));
}

export type SalaryPeriod = 'month' | 'day' | 'hour';

const PER: Record<Locale, Record<SalaryPeriod, string>> = {
  'zh-CN': { month: '元/月', day: '元/天', hour: '元/小时' },
  'en-US': { month: 'yuan a month', day: 'yuan a day', hour: 'yuan an hour' },
};

/** "6,000–9,000 元/月" or "6,000–9,000 yuan a month"; one figure when both ends agree. */
export function formatSalary(minFen: number, maxFen: number, period: string, locale: Locale): string {
  const per = PER[locale][(period as SalaryPeriod) in PER[locale] ? (period as SalaryPeriod) : 'month'];
  const range =
    minFen === maxFen
      ? formatYuan(minFen, locale)
      : `${formatYuan(minFen, locale)}–${formatYuan(maxFen, locale)}`;
  return `${range} ${per}`;
}
