import { Button, Checkbox, Drawer, Grid, Select, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { ALERT_STATUSES, SEVERITIES, WARNING_KINDS } from '@jiuye/shared';
import { formatDateTime } from '../../app/format';
import { ProblemAlert } from '../../app/form-errors';
import { usePageTitle } from '../../app/page-title';
import { ScrollRegion } from '../../app/scroll-region';
import { useSignedInMe } from '../../app/use-me';
import { useLocale } from '../../i18n';
import { useMonitoringT } from '../../i18n/monitoring';
import { DistrictFilter, useDistrictName } from '../monitoring/common';
import { listAlerts, warningKeys, type AlertQuery, type WarningAlert } from './api';
import { AlertDetail } from './alert-detail';
import { AlertStatusChip, SeverityChip, useWarningLabels } from './labels';

const PAGE_SIZE = 20;

function oneOf<T extends string>(list: readonly T[], value: string | null): T | undefined {
  return value !== null && (list as readonly string[]).includes(value) ? (value as T) : undefined;
}

/**
 * Staff's early-warning workbench: alerts of their districts filtered by status, severity, kind,
 * district and "mine"; an alert opens in a drawer (or on its own page) with the evidence and the
 * acknowledge and resolve steps. Filters live in the URL, so a filtered list can be shared.
 */
export function AlertsPage() {
  const mt = useMonitoringT();
  usePageTitle(mt('warnings.alerts.title'));
  const locale = useLocale();
  const me = useSignedInMe();
  const labels = useWarningLabels();
  const districtName = useDistrictName();
  const screens = Grid.useBreakpoint();
  const [params, setParams] = useSearchParams();
  const query: AlertQuery = {
    status: oneOf(ALERT_STATUSES, params.get('status')),
    severity: oneOf(SEVERITIES, params.get('severity')),
    kind: oneOf(WARNING_KINDS, params.get('kind')),
    districtCode: params.get('district') ?? undefined,
    mine: params.get('mine') === 'true' ? 'true' : undefined,
    page: Number(params.get('page') ?? '1') || 1,
    pageSize: PAGE_SIZE,
  };
  const openId = params.get('alert');
  const list = useQuery({
    queryKey: warningKeys.alerts(query),
    queryFn: () => listAlerts(query),
    placeholderData: keepPreviousData,
  });
  const setParam = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key !== 'page' && key !== 'alert') next.delete('page');
    setParams(next, { replace: key !== 'alert' });
  };
  const filter = (
    id: string,
    label: string,
    key: string,
    value: string | undefined,
    options: { value: string; label: string }[],
  ) => (
    <div className="mon-toolbar__field">
      <label htmlFor={id}>{label}</label>
      <Select<string>
        id={id}
        value={value ?? ''}
        onChange={(v) => setParam(key, v || undefined)}
        options={[{ value: '', label: mt('warnings.alerts.all') }, ...options]}
      />
    </div>
  );

  const columns: TableProps<WarningAlert>['columns'] = [
    {
      title: mt('warnings.alerts.severity'),
      key: 'severity',
      render: (_v, a) => <SeverityChip severity={a.severity} />,
    },
    {
      title: mt('warnings.alerts.alert'),
      key: 'title',
      render: (_v, a) => (
        <Button type="link" className="mon-link-button" onClick={() => setParam('alert', a.id)}>
          {locale === 'en-US' ? a.titleEn : a.titleZh}
        </Button>
      ),
    },
    { title: mt('warnings.alerts.kind'), key: 'kind', render: (_v, a) => labels.kind(a.kind) },
    {
      title: mt('warnings.alerts.district'),
      key: 'district',
      render: (_v, a) => (a.districtCode ? districtName(a.districtCode) : mt('monitoring.common.none')),
    },
    { title: mt('warnings.alerts.period'), key: 'period', render: (_v, a) => a.period },
    {
      title: mt('warnings.alerts.status'),
      key: 'status',
      render: (_v, a) => <AlertStatusChip status={a.status} />,
    },
    {
      title: mt('warnings.alerts.raisedAt'),
      key: 'raisedAt',
      render: (_v, a) => formatDateTime(a.raisedAt, locale),
    },
  ];

  return (
    <div className="page page--wide">
      <Typography.Title level={1}>{mt('warnings.alerts.title')}</Typography.Title>
      <Typography.Paragraph>{mt('warnings.alerts.intro')}</Typography.Paragraph>
      <div role="search" aria-label={mt('warnings.alerts.filters')}>
        <div className="mon-toolbar">
          {filter(
            'alert-status',
            mt('warnings.alerts.status'),
            'status',
            query.status,
            ALERT_STATUSES.map((s) => ({ value: s, label: labels.status(s) })),
          )}
          {filter(
            'alert-severity',
            mt('warnings.alerts.severity'),
            'severity',
            query.severity,
            SEVERITIES.map((s) => ({ value: s, label: labels.severity(s) })),
          )}
          {filter(
            'alert-kind',
            mt('warnings.alerts.kind'),
            'kind',
            query.kind,
            WARNING_KINDS.map((k) => ({ value: k, label: labels.kind(k) })),
          )}
          <div className="mon-toolbar__field">
            <label htmlFor="alert-district">{mt('warnings.alerts.district')}</label>
            <DistrictFilter
              id="alert-district"
              value={query.districtCode}
              onChange={(v) => setParam('district', v)}
              codes={me.districtCodes}
              allLabel={mt('warnings.alerts.all')}
            />
          </div>
          <Checkbox
            checked={query.mine === 'true'}
            onChange={(e) => setParam('mine', e.target.checked ? 'true' : undefined)}
          >
            {mt('warnings.alerts.mine')}
          </Checkbox>
        </div>
      </div>
      <ProblemAlert error={list.error} />
      <Typography.Paragraph role="status">
        {list.data ? mt('warnings.alerts.total', { total: list.data.total }) : ''}
      </Typography.Paragraph>
      <ScrollRegion label={mt('warnings.alerts.title')} minWidth={900}>
        <Table<WarningAlert>
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          pagination={{
            current: query.page,
            pageSize: PAGE_SIZE,
            total: list.data?.total ?? 0,
            showSizeChanger: false,
            hideOnSinglePage: true,
            onChange: (p) => setParam('page', p > 1 ? String(p) : undefined),
          }}
          locale={{ emptyText: <span className="mon-empty">{mt('warnings.alerts.empty')}</span> }}
        />
      </ScrollRegion>
      <Drawer
        open={openId !== null}
        onClose={() => setParam('alert', undefined)}
        title={mt('warnings.detail.title')}
        size={screens.md ? 560 : '100%'}
        destroyOnHidden
        extra={openId && <Link to={`/staff/alerts/${openId}`}>{mt('warnings.detail.openPage')}</Link>}
      >
        {openId && <AlertDetail alertId={openId} />}
      </Drawer>
    </div>
  );
}
