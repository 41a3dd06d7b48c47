import { useMemo, useState } from 'react';
import { Checkbox, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import type { DistrictFigure, IndicatorKey } from '@jiuye/shared';
import { useLocale } from '../../i18n';
import { occupationName, useOccupationsByCode } from '../reference/api';
import { useFunnel, useSupplyDemand, useTrends } from './api';
import { ChartPanel } from './chart-panel';
import type { ChartTable } from './export';
import { exportName } from './figures';
import { indicatorLabel } from './headline';
import { useDt, zhDt, type DashKey } from './i18n';
import { shiftMonth } from './months';

const BLUE = '#0958d9';
const ORANGE = '#d46b08';
const GREEN = '#237804';
const PALETTE = [BLUE, ORANGE, GREEN, '#531dab', '#c41d7f', '#08979c', '#614700', '#434343'];

function col(key: string, title: DashKey, dt: (k: DashKey) => string) {
  return { key, title: dt(title), zhTitle: zhDt(title) };
}

export function districtPath(code: string, month: string): string {
  return `/staff/dashboards/districts/${code}?month=${month}`;
}

/**
 * Vacancies and seekers per district, with the ratio in the table. A click on a district's bars
 * opens its page; the links under the chart (and in the table) do the same for keyboard users.
 */
export function DistrictChart({
  districts,
  month,
  areaFile,
}: {
  districts: DistrictFigure[];
  month: string;
  areaFile: string;
}) {
  const dt = useDt();
  const navigate = useNavigate();
  const option = useMemo(
    () => ({
      grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      xAxis: {
        type: 'category',
        data: districts.map((d) => d.nameZh),
        axisLabel: { interval: 0, rotate: 30 },
      },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          name: dt('columns.vacancies'),
          type: 'bar',
          data: districts.map((d) => d.vacancies),
          itemStyle: { color: BLUE },
        },
        {
          name: dt('columns.seekers'),
          type: 'bar',
          data: districts.map((d) => d.seekers),
          itemStyle: { color: ORANGE },
        },
      ],
    }),
    [districts, dt],
  );
  const table: ChartTable = {
    columns: [
      col('district', 'columns.district', dt),
      col('vacancies', 'columns.vacancies', dt),
      col('seekers', 'columns.seekers', dt),
      col('ratio', 'columns.ratio', dt),
      col('newJobs', 'columns.newJobs', dt),
      col('registeredUnemployed', 'columns.registeredUnemployed', dt),
      col('openAlerts', 'columns.openAlerts', dt),
    ],
    rows: districts.map((d) => ({
      key: d.code,
      link: districtPath(d.code, month),
      cells: {
        district: d.nameZh,
        vacancies: d.vacancies,
        seekers: d.seekers,
        ratio: d.supplyDemandRatio,
        newJobs: d.newJobs,
        registeredUnemployed: d.registeredUnemployed,
        openAlerts: d.openAlerts,
      },
    })),
  };
  const title = dt('charts.byDistrict.title');
  return (
    <ChartPanel
      id="chart-districts"
      title={title}
      fileName={exportName(areaFile, zhDt('charts.byDistrict.file'), month)}
      sheetName={zhDt('charts.byDistrict.title')}
      option={option}
      table={table}
      pending={false}
      error={null}
      hint={dt('overview.districtHint')}
      onChartClick={({ dataIndex }) => {
        const d = districts[dataIndex];
        if (d) void navigate(districtPath(d.code, month));
      }}
    >
      <nav aria-label={dt('overview.districtLinks')} className="dash-links">
        <Typography.Text strong>{dt('overview.districtLinks')}：</Typography.Text>
        <ul>
          {districts.map((d) => (
            <li key={d.code}>
              <Link to={districtPath(d.code, month)}>{d.nameZh}</Link>
            </li>
          ))}
        </ul>
      </nav>
    </ChartPanel>
  );
}

/** 求人倍率 of the 15 occupations with the most vacancies in the area and month. */
export function OccupationChart({
  month,
  area,
  areaFile,
}: {
  month: string;
  area: string;
  areaFile: string;
}) {
  const dt = useDt();
  const locale = useLocale();
  const sd = useSupplyDemand(month, area, 'occupation');
  const top = useMemo(
    () =>
      [...(sd.data?.rows ?? [])]
        .sort((a, b) => b.vacancies - a.vacancies || b.seekers - a.seekers || a.code.localeCompare(b.code))
        .slice(0, 15),
    [sd.data],
  );
  const occupations = useOccupationsByCode(top.map((r) => r.code));
  const nameOf = (code: string) => {
    const o = occupations.get(code);
    return o ? occupationName(o, locale) : code;
  };
  const names = top.map((r) => nameOf(r.code));
  const option = {
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value' },
    // Horizontal bars, the largest on top: long occupation names fit on the axis.
    yAxis: {
      type: 'category',
      data: [...names].reverse(),
      axisLabel: { width: 140, overflow: 'truncate' },
    },
    series: [
      {
        name: dt('columns.ratio'),
        type: 'bar',
        data: [...top].reverse().map((r) => r.ratio),
        itemStyle: { color: GREEN },
        label: { show: true, position: 'right' },
      },
    ],
  };
  const table: ChartTable = {
    columns: [
      col('occupation', 'columns.occupation', dt),
      col('code', 'columns.occupationCode', dt),
      col('vacancies', 'columns.vacancies', dt),
      col('seekers', 'columns.seekers', dt),
      col('ratio', 'columns.ratio', dt),
    ],
    rows: top.map((r, i) => ({
      key: r.code,
      cells: {
        occupation: names[i] ?? r.code,
        code: r.code,
        vacancies: r.vacancies,
        seekers: r.seekers,
        ratio: r.ratio,
      },
    })),
  };
  return (
    <ChartPanel
      id="chart-occupations"
      title={dt('charts.byOccupation.title')}
      fileName={exportName(areaFile, zhDt('charts.byOccupation.file'), month)}
      sheetName={zhDt('charts.byOccupation.title')}
      option={option}
      table={table}
      pending={sd.isPending}
      error={sd.error}
      hint={dt('charts.byOccupation.hint')}
      height={Math.max(240, top.length * 28 + 40)}
    />
  );
}

const TREND_OPTIONS = [
  'newJobs',
  'vacancies',
  'seekers',
  'supplyDemandRatio',
  'registeredUnemployed',
  'newUnemploymentRegistrations',
  'hires',
  'keyGroupPeopleEmployed',
] as const satisfies readonly IndicatorKey[];
const TREND_DEFAULT: IndicatorKey[] = ['newJobs', 'vacancies', 'seekers', 'supplyDemandRatio'];

/** Chosen indicators over the 12 months ending with the chosen one; the ratio on its own axis. */
export function TrendChart({ month, area, areaFile }: { month: string; area: string; areaFile: string }) {
  const dt = useDt();
  const [chosen, setChosen] = useState<IndicatorKey[]>(TREND_DEFAULT);
  const trends = useTrends(month, area, chosen);
  const data = trends.data;
  const option = data
    ? {
        grid: { left: 8, right: 8, top: 56, bottom: 8, containLabel: true },
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        xAxis: { type: 'category', data: data.months },
        yAxis: [
          { type: 'value', minInterval: 1 },
          { type: 'value', splitLine: { show: false } },
        ],
        series: data.series.map((s) => ({
          name: indicatorLabel(dt, s.key),
          type: 'line',
          yAxisIndex: s.key === 'supplyDemandRatio' ? 1 : 0,
          data: s.values,
          itemStyle: { color: PALETTE[TREND_OPTIONS.indexOf(s.key as never)] ?? BLUE },
          // A dashed line tells the ratio (right axis) apart without relying on colour.
          lineStyle: s.key === 'supplyDemandRatio' ? { type: 'dashed' } : undefined,
          connectNulls: false,
        })),
      }
    : null;
  const table: ChartTable | null = data
    ? {
        columns: [
          col('month', 'columns.month', dt),
          ...data.series.map((s) => ({
            key: s.key,
            title: indicatorLabel(dt, s.key),
            zhTitle: indicatorLabel(zhDt, s.key),
          })),
        ],
        rows: data.months.map((m, i) => ({
          key: m,
          cells: {
            month: m,
            ...Object.fromEntries(data.series.map((s) => [s.key, s.values[i] ?? null])),
          },
        })),
      }
    : null;
  const from = shiftMonth(month, -11);
  return (
    <ChartPanel
      id="chart-trends"
      title={dt('charts.trends.title')}
      fileName={exportName(areaFile, zhDt('charts.trends.file'), `${from}至${month}`)}
      sheetName={zhDt('charts.trends.title')}
      option={option}
      table={table}
      pending={chosen.length > 0 && trends.isPending}
      error={trends.error}
      controls={
        <fieldset className="dash-fieldset">
          <legend>{dt('charts.trends.pick')}</legend>
          <Checkbox.Group
            value={chosen}
            onChange={(v) => setChosen(TREND_OPTIONS.filter((k) => v.includes(k)))}
            options={TREND_OPTIONS.map((k) => ({ value: k, label: indicatorLabel(dt, k) }))}
          />
        </fieldset>
      }
    />
  );
}

/** Postings → applications → interviews → offers → hires of the month, with each step's conversion. */
export function FunnelChart({ month, area, areaFile }: { month: string; area: string; areaFile: string }) {
  const dt = useDt();
  const funnel = useFunnel(month, area);
  const stages = funnel.data?.stages ?? [];
  const allZero = stages.every((s) => s.count === 0);
  const option = {
    tooltip: { trigger: 'item' },
    series: [
      {
        type: 'funnel',
        sort: 'none',
        left: '10%',
        width: '80%',
        minSize: '8%',
        label: { show: true, position: 'inside', formatter: '{b}: {c}', color: '#fff' },
        data: stages.map((s, i) => ({
          name: dt(`funnel.${s.stage}`),
          value: s.count,
          itemStyle: { color: PALETTE[i] ?? BLUE },
        })),
      },
    ],
  };
  const pct = (v: number | null) => (v === null ? null : `${Math.round(v * 1000) / 10}%`);
  const table: ChartTable = {
    columns: [
      col('stage', 'columns.stage', dt),
      col('count', 'columns.count', dt),
      col('conversion', 'columns.conversion', dt),
    ],
    rows: allZero
      ? []
      : stages.map((s) => ({
          key: s.stage,
          cells: {
            stage: dt(`funnel.${s.stage}`),
            count: s.count,
            conversion: pct(s.conversion),
          },
        })),
  };
  return (
    <ChartPanel
      id="chart-funnel"
      title={dt('charts.funnel.title')}
      fileName={exportName(areaFile, zhDt('charts.funnel.file'), month)}
      sheetName={zhDt('charts.funnel.title')}
      option={option}
      table={table}
      pending={funnel.isPending}
      error={funnel.error}
    />
  );
}
