import { useTranslation } from 'react-i18next';
import { i18n } from '.';
import { monitoringEnUS } from './monitoring-en-US';
import { monitoringZhCN } from './monitoring-zh-CN';

/*
 * Adds issue 8's monitoring and early-warning messages to the one namespace. Imported by the
 * role-area layouts (their nav entries) and by every page of these features; the public pages
 * never download them.
 */
i18n.addResourceBundle('zh-CN', 'translation', monitoringZhCN, true, false);
i18n.addResourceBundle('en-US', 'translation', monitoringEnUS, true, false);

/** Every dotted path to a string leaf of the message tree. */
type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

/** A key of these messages ("monitoring.report.title"). */
export type MonitoringKey = Leaves<typeof monitoringZhCN>;

export type MonitoringT = (key: MonitoringKey, options?: Record<string, unknown>) => string;

/**
 * `t` for these messages. They stay out of the typed `Messages` union (near TypeScript's
 * instantiation limit), so keys are checked here against monitoring-zh-CN.ts instead.
 */
export function useMonitoringT(): MonitoringT {
  const { t } = useTranslation();
  const lookup = t as unknown as (key: string, options?: Record<string, unknown>) => string;
  return (key, options) => lookup(key, options);
}
