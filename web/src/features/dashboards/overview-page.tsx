import { Alert, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Link, useParams, useSearchParams } from 'react-router';
import { usePageTitle } from '../../app/page-title';
import { useSignedInMe } from '../../app/use-me';
import { AreaDashboard } from './area-dashboard';
import { AreaSelect, MonthSelect } from './controls';
import { useDt } from './i18n';
import { lastCompleteMonth, monthOr } from './months';
import { useAreaNames } from './area-names';
import { CITY, mayView, statsScope } from './scope';
import './dashboards.css';

/** `?month=` (default: the last complete month) and `?area=`, kept in the URL so a view can be shared. */
function useMonthParam() {
  const [params, setParams] = useSearchParams();
  const month = monthOr(params.get('month'), lastCompleteMonth());
  const set = (key: 'month' | 'area', value: string) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.set(key, value);
        return next;
      },
      { replace: true },
    );
  return { month, area: params.get('area'), set };
}

/**
 * The statistics overview: the city for a bureau officer (with the districts chart to drill down
 * from), a district officer's own district otherwise. Nothing outside the account's districts is
 * offered (the server refuses it as well).
 */
export function OverviewPage() {
  const dt = useDt();
  const me = useSignedInMe();
  const scope = statsScope(me);
  const names = useAreaNames();
  const { month, area: areaParam, set } = useMonthParam();
  const options = scope.cityWide ? [CITY] : scope.districts;
  const area = areaParam && options.includes(areaParam) ? areaParam : (options[0] ?? null);
  const title =
    area && area !== CITY ? dt('overview.titleArea', { area: names.label(area) }) : dt('overview.title');
  usePageTitle(title);
  return (
    <div className="page page--wide">
      <Typography.Title level={1}>{title}</Typography.Title>
      <Typography.Paragraph>{dt('overview.lead')}</Typography.Paragraph>
      {!scope.canRead || area === null ? (
        <Alert
          type="warning"
          showIcon
          title={dt(scope.canRead ? 'common.notAllowed' : 'common.noStatsPermission')}
        />
      ) : (
        <>
          <div className="dash-toolbar">
            <MonthSelect value={month} onChange={(m) => set('month', m)} />
            {options.length > 1 && (
              <AreaSelect
                value={area}
                onChange={(a) => set('area', a)}
                options={options.map((c) => ({ value: c, label: names.label(c) }))}
              />
            )}
          </div>
          <AreaDashboard key={area} month={month} area={area} />
        </>
      )}
    </div>
  );
}

/** One district's figures, reached from the overview's districts chart or its links. */
export function DistrictDashboardPage() {
  const dt = useDt();
  const me = useSignedInMe();
  const scope = statsScope(me);
  const names = useAreaNames();
  const { code = '' } = useParams();
  const { month, set } = useMonthParam();
  const allowed = code !== CITY && mayView(scope, code);
  const title = dt('district.title', { area: names.label(code) });
  usePageTitle(title);
  return (
    <div className="page page--wide">
      <Link to={`/staff/dashboards?month=${month}`} className="dash-back">
        <ArrowLeftOutlined aria-hidden /> {dt('district.back')}
      </Link>
      <Typography.Title level={1}>{title}</Typography.Title>
      {!allowed ? (
        <Alert type="warning" showIcon title={dt('common.notAllowed')} />
      ) : (
        <>
          <div className="dash-toolbar">
            <MonthSelect value={month} onChange={(m) => set('month', m)} />
          </div>
          <AreaDashboard key={code} month={month} area={code} />
        </>
      )}
    </div>
  );
}
