import type { IndicatorKey, Locale } from '@jiuye/shared';
import { formatYuan } from '../../app/money';
import type { Dt } from './i18n';

export function formatFigure(key: IndicatorKey, value: number | null, locale: Locale): string {
  if (value === null) return '—';
  if (key === 'supplyDemandRatio') return value.toFixed(2);
  if (key === 'payoutsPaidFen') return formatYuan(value, locale);
  return value.toLocaleString(locale);
}

/**
 * Period on period in words, with an arrow beside it (direction is never told by colour alone,
 * and the arrow is hidden from screen readers, which read the words).
 */
export function changeText(
  dt: Dt,
  change: number | null,
  now: number | null,
  before: number | null,
): { arrow: string; text: string; direction: 'up' | 'down' | 'flat' | 'none' } {
  if (change === null) {
    if (now === before) return { arrow: '→', text: dt('change.flat'), direction: 'flat' };
    return { arrow: '', text: dt('change.none'), direction: 'none' };
  }
  const pct = `${Math.round(Math.abs(change) * 1000) / 10}%`;
  if (change > 0) return { arrow: '↑', text: dt('change.up', { pct }), direction: 'up' };
  if (change < 0) return { arrow: '↓', text: dt('change.down', { pct }), direction: 'down' };
  return { arrow: '→', text: dt('change.flat'), direction: 'flat' };
}

/** "湛江-求人倍率-2020-04": area, chart and month, the way the bureau names its files. */
export function exportName(area: string, chart: string, month: string): string {
  return `${area}-${chart}-${month}`.replace(/[\\/:*?"<>|\s]+/g, '_');
}
