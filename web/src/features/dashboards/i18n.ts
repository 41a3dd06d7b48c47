import type { dashboardsZhCN } from '../../i18n/dashboards-zh-CN';
import { fixedTypedT, useTypedT, type Leaves, type TVars, type TypedT } from '../../i18n/typed';
import '../../i18n/dashboards';

type Tree = (typeof dashboardsZhCN)['dashboards'];

/** A key under `dashboards.` (e.g. `overview.title`). */
export type DashKey = Leaves<Tree>;
export type Dt = TypedT<DashKey>;

/** The statistics pages' translate function, typed against the zh-CN tree (see i18n/typed.ts). */
export function useDt(): Dt {
  return useTypedT<Tree>('dashboards.');
}

/** The zh-CN text of a key whatever the UI language: exported files carry the bureau's Chinese headers. */
export function zhDt(key: DashKey, options?: TVars): string {
  return fixedTypedT<Tree>('zh-CN', 'dashboards.')(key, options);
}
