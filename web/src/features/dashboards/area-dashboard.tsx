import { Typography } from 'antd';
import { ProblemAlert } from '../../app/form-errors';
import { formatDateTime } from '../../app/format';
import { PageSpinner } from '../../app/pages/status-pages';
import { useLocale } from '../../i18n';
import type { Dashboard } from '@jiuye/shared';
import { useDashboard } from './api';
import { DistrictChart, FunnelChart, OccupationChart, TrendChart } from './charts';
import { Headline } from './headline';
import { useDt } from './i18n';
import { useAreaNames } from './area-names';
import { CITY } from './scope';

const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;

function Alerts({ alerts }: { alerts: Dashboard['alerts'] }) {
  const dt = useDt();
  return (
    <section aria-labelledby="dash-alerts" className="dash-panel">
      <Typography.Title level={2} id="dash-alerts" className="dash-panel__title">
        {dt('overview.alerts')}
      </Typography.Title>
      {alerts.open === 0 ? (
        <Typography.Paragraph>{dt('overview.noAlerts')}</Typography.Paragraph>
      ) : (
        <Typography.Paragraph>
          {dt('overview.alertsCount', { count: alerts.open })}：
          {SEVERITIES.filter((s) => alerts.bySeverity[s] > 0)
            .map((s) => `${dt(`severity.${s}`)} ${alerts.bySeverity[s]}`)
            .join('，')}
        </Typography.Paragraph>
      )}
    </section>
  );
}

/**
 * One area's month: headline cards, open alerts, (for the city) the districts chart with its
 * drill-down, 求人倍率 by occupation, the 12-month trends and the hiring funnel.
 */
export function AreaDashboard({ month, area }: { month: string; area: string }) {
  const dt = useDt();
  const locale = useLocale();
  const names = useAreaNames();
  const dashboard = useDashboard(month, area);
  const areaFile = names.file(area);
  return (
    <>
      {dashboard.isPending && <PageSpinner />}
      <ProblemAlert error={dashboard.error} />
      {dashboard.data && (
        <>
          <Typography.Paragraph type="secondary">
            {dt('overview.asOf', { time: formatDateTime(dashboard.data.asOf, locale) })}
          </Typography.Paragraph>
          <Headline dashboard={dashboard.data} />
          <Alerts alerts={dashboard.data.alerts} />
        </>
      )}
      <div className="dash-grid">
        {area === CITY && dashboard.data && (
          <DistrictChart districts={dashboard.data.districts} month={month} areaFile={areaFile} />
        )}
        <OccupationChart month={month} area={area} areaFile={areaFile} />
        <TrendChart month={month} area={area} areaFile={areaFile} />
        <FunnelChart month={month} area={area} areaFile={areaFile} />
      </div>
    </>
  );
}
