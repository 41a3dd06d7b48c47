import { useTranslation } from 'react-i18next';
import type { dashboardsZhCN } from '../../i18n/dashboards-zh-CN';
import { i18n } from '../../i18n';
import '../../i18n/dashboards';

type Tree = (typeof dashboardsZhCN)['dashboards'];
type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

/** A key under `dashboards.` (e.g. `overview.title`). */
export type DashKey = Leaves<Tree>;
export type Dt = (key: DashKey, options?: Record<string, string | number>) => string;

/**
 * The statistics pages' translate function. Their messages stay out of the app-wide `Messages`
 * type (its key union is near TypeScript's instantiation limit), so keys are typed here against
 * the zh-CN tree instead: a misspelt key still fails `tsc`.
 */
export function useDt(): Dt {
  const { t } = useTranslation();
  const lookup = t as unknown as (key: string, options?: Record<string, string | number>) => string;
  return (key, options) => lookup(`dashboards.${key}`, options);
}

/** The zh-CN text of a key whatever the UI language: exported files carry the bureau's Chinese headers. */
export function zhDt(key: DashKey, options?: Record<string, string | number>): string {
  const fixed = i18n.getFixedT('zh-CN') as unknown as (
    key: string,
    options?: Record<string, string | number>,
  ) => string;
  return fixed(`dashboards.${key}`, options);
}
