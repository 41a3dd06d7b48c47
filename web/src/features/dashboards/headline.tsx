import { Typography } from 'antd';
import type { Dashboard, IndicatorKey } from '@jiuye/shared';
import { useLocale } from '../../i18n';
import { dashboardsZhCN } from '../../i18n/dashboards-zh-CN';
import { changeText, formatFigure } from './figures';
import { useDt, type Dt } from './i18n';

type Labelled = keyof (typeof dashboardsZhCN)['dashboards']['indicators'];
const LABELLED = new Set<string>(Object.keys(dashboardsZhCN.dashboards.indicators));

/** An indicator's name in the UI language (the server's key for one the pages do not name yet). */
export function indicatorLabel(dt: Dt, key: IndicatorKey): string {
  return LABELLED.has(key) ? dt(`indicators.${key as Labelled}`) : key;
}

/** The headline indicator cards of a month and area, each with its change on the month before. */
export function Headline({ dashboard }: { dashboard: Dashboard }) {
  const dt = useDt();
  const locale = useLocale();
  return (
    <section aria-labelledby="dash-headline" className="dash-headline">
      <Typography.Title level={2} id="dash-headline" className="dash-panel__title">
        {dt('overview.headline')}（{dashboard.month}）
      </Typography.Title>
      <ul className="dash-tiles">
        {dashboard.headline.map((f) => {
          const c = changeText(dt, f.change, f.value, f.previous);
          return (
            <li key={f.key} data-indicator={f.key}>
              <span className="dash-tiles__label">{indicatorLabel(dt, f.key)}</span>
              <span className="dash-tiles__value">{formatFigure(f.key, f.value, locale)}</span>
              <span className={`dash-change dash-change--${c.direction}`}>
                {c.arrow && <span aria-hidden>{c.arrow} </span>}
                {c.text}
              </span>
              <span className="dash-tiles__prev">
                {dt('change.previous', {
                  month: dashboard.previousMonth,
                  value: formatFigure(f.key, f.previous, locale),
                })}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
