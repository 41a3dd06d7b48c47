import { i18n } from '.';
import { monitoringEnUS } from './monitoring-en-US';
import { monitoringZhCN } from './monitoring-zh-CN';
import { useTypedT, type Leaves, type TypedT } from './typed';

/*
 * Adds issue 8's monitoring and early-warning messages to the one namespace. Imported by the
 * role-area layouts (their nav entries) and by every page of these features; the public pages
 * never download them.
 */
i18n.addResourceBundle('zh-CN', 'translation', monitoringZhCN, true, false);
i18n.addResourceBundle('en-US', 'translation', monitoringEnUS, true, false);

/** A key of these messages ("monitoring.report.title"). */
export type MonitoringKey = Leaves<typeof monitoringZhCN>;

export type MonitoringT = TypedT<MonitoringKey>;

/** `t` for these messages, typed against monitoring-zh-CN.ts (see typed.ts). */
export function useMonitoringT(): MonitoringT {
  return useTypedT<typeof monitoringZhCN>();
}
