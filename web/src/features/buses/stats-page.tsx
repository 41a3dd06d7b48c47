import { useState, type ReactNode } from 'react';
import { Button, Input, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { BusStats } from '@jiuye/shared';
import { ProblemAlert } from '../../app/form-errors';
import { formatYuan } from '../../app/money';
import { usePageTitle } from '../../app/page-title';
import { PageSpinner } from '../../app/pages/status-pages';
import { useLocale } from '../../i18n';
import '../../i18n/buses';
import { busKeys, getBusStats } from './api';
import { BusChart } from './bus-chart';
import { useBusLabels } from './labels';
import './buses.css';

const textOf = (v: FormDataEntryValue | null): string => (typeof v === 'string' ? v : '');

type Bar = { name: string; value: number };

function barOption(bars: Bar[], color: string) {
  // Horizontal bars: long Chinese place and enterprise names fit on the axis.
  const rows = [...bars].reverse();
  return {
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: {
      type: 'category',
      data: rows.map((b) => b.name),
      axisLabel: { width: 140, overflow: 'truncate' },
    },
    series: [
      {
        type: 'bar',
        data: rows.map((b) => b.value),
        itemStyle: { color },
        label: { show: true, position: 'right' },
      },
    ],
  };
}

function ChartSection({
  id,
  title,
  chart,
  table,
}: {
  id: string;
  title: string;
  chart: ReactNode;
  table: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby={id}>
      <Typography.Title level={2} id={id} style={{ fontSize: '1.125rem' }}>
        {title}
      </Typography.Title>
      {chart}
      <details>
        <summary>{t('buses.stats.tableToggle')}</summary>
        {table}
      </details>
    </section>
  );
}

function BarTable({
  rows,
  label,
}: {
  rows: { key: string; name: string; workers: number; received?: number }[];
  label: string;
}) {
  const { t } = useTranslation();
  const withReceived = rows.some((r) => r.received !== undefined);
  return (
    <Table
      size="small"
      rowKey="key"
      pagination={false}
      aria-label={label}
      dataSource={rows}
      columns={[
        { title: label, key: 'name', render: (_v, r) => r.name },
        { title: t('buses.stats.colWorkers'), key: 'workers', align: 'right', render: (_v, r) => r.workers },
        ...(withReceived
          ? [
              {
                title: t('buses.stats.colReceived'),
                key: 'received',
                align: 'right' as const,
                render: (_v: unknown, r: { received?: number }) => r.received ?? '',
              },
            ]
          : []),
      ]}
    />
  );
}

function Charts({ stats }: { stats: BusStats }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useBusLabels();
  const seatsEmpty = Math.max(0, stats.seats.seatsForSale - stats.seats.boarded);
  const percent = `${Math.round(stats.seats.utilisation * 1000) / 10}%`;
  return (
    <>
      <ul className="stat-tiles" aria-label={t('buses.stats.title')}>
        <li>
          {t('buses.stats.trips')}
          <span className="stat-tiles__value">{stats.trips.total}</span>
        </li>
        <li>
          {t('buses.stats.workers')}
          <span className="stat-tiles__value">{stats.workersCarried}</span>
        </li>
        <li>
          {t('buses.stats.handedOver')}
          <span className="stat-tiles__value">{stats.handedOver}</span>
        </li>
        <li>
          {t('buses.stats.utilisation')}
          <span className="stat-tiles__value">{percent}</span>
        </li>
        <li>
          {t('buses.stats.cost')}
          <span className="stat-tiles__value">¥{formatYuan(stats.costFen, locale)}</span>
        </li>
      </ul>
      <p>
        {t('buses.stats.byStatus')}：
        {stats.trips.byStatus.map((s) => `${labels.tripStatus(s.status)} ${s.count}`).join('，')}
      </p>
      <div className="chart-grid">
        <ChartSection
          id="chart-origin"
          title={t('buses.stats.byOrigin')}
          chart={
            <BusChart
              label={t('buses.stats.byOrigin')}
              option={barOption(
                stats.byOriginPrefecture.map((r) => ({ name: r.regionName, value: r.workers })),
                '#0958d9',
              )}
            />
          }
          table={
            <BarTable
              label={t('buses.stats.colRegion')}
              rows={stats.byOriginPrefecture.map((r) => ({
                key: r.regionCode,
                name: r.regionName,
                workers: r.workers,
              }))}
            />
          }
        />
        <ChartSection
          id="chart-county"
          title={t('buses.stats.byCounty')}
          chart={
            <BusChart
              label={t('buses.stats.byCounty')}
              option={barOption(
                stats.byOriginCounty.slice(0, 15).map((r) => ({ name: r.regionName, value: r.workers })),
                '#1d39c4',
              )}
            />
          }
          table={
            <BarTable
              label={t('buses.stats.colRegion')}
              rows={stats.byOriginCounty.map((r) => ({
                key: r.regionCode,
                name: r.regionName,
                workers: r.workers,
              }))}
            />
          }
        />
        <ChartSection
          id="chart-enterprise"
          title={t('buses.stats.byEnterprise')}
          chart={
            <BusChart
              label={t('buses.stats.byEnterprise')}
              option={barOption(
                stats.byEnterprise.slice(0, 15).map((r) => ({ name: r.enterpriseName, value: r.workers })),
                '#237804',
              )}
            />
          }
          table={
            <BarTable
              label={t('buses.stats.colEnterprise')}
              rows={stats.byEnterprise.map((r) => ({
                key: r.enterpriseId,
                name: r.enterpriseName,
                workers: r.workers,
                received: r.received,
              }))}
            />
          }
        />
        <ChartSection
          id="chart-seats"
          title={`${t('buses.stats.seatsChart')}（${percent}）`}
          chart={
            <BusChart
              label={`${t('buses.stats.seatsChart')}（${percent}）`}
              option={{
                tooltip: { trigger: 'item' },
                legend: { bottom: 0 },
                series: [
                  {
                    type: 'pie',
                    radius: ['40%', '70%'],
                    data: [
                      {
                        name: t('buses.stats.seatsBoarded'),
                        value: stats.seats.boarded,
                        itemStyle: { color: '#237804' },
                      },
                      {
                        name: t('buses.stats.seatsEmpty'),
                        value: seatsEmpty,
                        itemStyle: { color: '#bfbfbf' },
                      },
                    ],
                  },
                ],
              }}
            />
          }
          table={
            <BarTable
              label={t('buses.stats.seatsChart')}
              rows={[
                { key: 'boarded', name: t('buses.stats.seatsBoarded'), workers: stats.seats.boarded },
                { key: 'empty', name: t('buses.stats.seatsEmpty'), workers: seatsEmpty },
              ]}
            />
          }
        />
      </div>
    </>
  );
}

/** Trips, workers carried by home region and by enterprise, seat utilisation and cost, by departure date. */
export function BusStatsPage() {
  const { t } = useTranslation();
  usePageTitle(t('buses.stats.title'));
  const [range, setRange] = useState<{ departFrom?: string; departTo?: string }>({});
  const stats = useQuery({ queryKey: busKeys.stats(range), queryFn: () => getBusStats(range) });
  return (
    <div className="page page--wide">
      <Typography.Title level={1}>{t('buses.stats.title')}</Typography.Title>
      <form
        className="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          const data = new FormData(e.currentTarget);
          const from = textOf(data.get('departFrom'));
          const to = textOf(data.get('departTo'));
          setRange({ ...(from ? { departFrom: from } : {}), ...(to ? { departTo: to } : {}) });
        }}
      >
        <label className="field-label" htmlFor="stats-from">
          {t('buses.stats.from')}
        </label>
        <Input id="stats-from" name="departFrom" type="date" style={{ width: 170 }} />
        <label className="field-label" htmlFor="stats-to">
          {t('buses.stats.to')}
        </label>
        <Input id="stats-to" name="departTo" type="date" style={{ width: 170 }} />
        <Button htmlType="submit">{t('buses.planner.filter')}</Button>
      </form>
      {stats.isPending && <PageSpinner />}
      <ProblemAlert error={stats.error} />
      {stats.data && stats.data.trips.total === 0 && <p>{t('buses.stats.empty')}</p>}
      {stats.data && <Charts stats={stats.data} />}
    </div>
  );
}
