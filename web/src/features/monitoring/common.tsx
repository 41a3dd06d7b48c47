import type { ReactNode } from 'react';
import { Select, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { SEPARATION_CAUSES } from '@jiuye/shared';
import { formatDateTime } from '../../app/format';
import { ScrollRegion } from '../../app/scroll-region';
import { StatusChip } from '../../app/status-chip';
import { useLocale } from '../../i18n';
import { useMonitoringT } from '../../i18n/monitoring';
import { useDistricts } from '../reference/api';
import type { MonthlyReport } from './api';
import './monitoring.css';

/** District code → name (the code while loading or when unknown). */
export function useDistrictName(): (code: string | null | undefined) => string {
  const districts = useDistricts();
  const byCode = new Map((districts.data ?? []).map((d) => [d.code, d.name]));
  return (code) => (code ? (byCode.get(code) ?? code) : '');
}

/** A Select of districts, limited to `codes` when given; '' is "all". */
export function DistrictFilter({
  id,
  value,
  onChange,
  codes,
  allLabel,
}: {
  id: string;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  codes?: readonly string[];
  allLabel: string;
}) {
  const districts = useDistricts();
  const options = (districts.data ?? [])
    .filter((d) => !codes || codes.includes(d.code))
    .map((d) => ({ value: d.code, label: d.name }));
  return (
    <Select<string>
      id={id}
      value={value ?? ''}
      onChange={(v) => onChange(v || undefined)}
      options={[{ value: '', label: allLabel }, ...options]}
      loading={districts.isPending}
      style={{ minWidth: 140 }}
    />
  );
}

/** The months' reports, newest first: start, hires, separations by cause, end, late, version. */
export function ReportHistoryTable({
  reports,
  label,
  action,
}: {
  reports: readonly MonthlyReport[];
  label: string;
  /** An extra last column (the clerk's "correct"/"view"). */
  action?: { title: string; render: (r: MonthlyReport) => ReactNode };
}) {
  const mt = useMonitoringT();
  const locale = useLocale();
  const sorted = [...reports].sort((a, b) => b.month.localeCompare(a.month));
  const columns: TableProps<MonthlyReport>['columns'] = [
    { title: mt('monitoring.common.month'), key: 'month', render: (_v, r) => r.month },
    {
      title: mt('monitoring.report.startHeadcount'),
      key: 'start',
      align: 'right',
      render: (_v, r) => r.startHeadcount,
    },
    { title: mt('monitoring.report.hires'), key: 'hires', align: 'right', render: (_v, r) => r.hires },
    ...SEPARATION_CAUSES.map((c) => ({
      title: mt(`monitoring.causes.${c}`),
      key: c,
      align: 'right' as const,
      render: (_v: unknown, r: MonthlyReport) => r.separations[c],
    })),
    {
      title: mt('monitoring.report.endHeadcount'),
      key: 'end',
      align: 'right',
      render: (_v, r) => <strong>{r.endHeadcount}</strong>,
    },
    {
      title: mt('monitoring.report.status'),
      key: 'late',
      render: (_v, r) =>
        r.late ? (
          <StatusChip tone="warning">{mt('monitoring.report.late')}</StatusChip>
        ) : (
          <StatusChip tone="success">{mt('monitoring.report.onTime')}</StatusChip>
        ),
    },
    { title: mt('monitoring.report.version'), key: 'v', align: 'right', render: (_v, r) => r.version },
    {
      title: mt('monitoring.report.submittedAt'),
      key: 'at',
      render: (_v, r) => formatDateTime(r.submittedAt, locale),
    },
    ...(action
      ? [{ title: action.title, key: 'action', render: (_v: unknown, r: MonthlyReport) => action.render(r) }]
      : []),
  ];
  if (reports.length === 0) {
    return (
      <Typography.Paragraph className="mon-empty">
        {mt('monitoring.report.historyEmpty')}
      </Typography.Paragraph>
    );
  }
  return (
    <ScrollRegion label={label} minWidth={980}>
      <Table<MonthlyReport>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={sorted}
        pagination={false}
      />
    </ScrollRegion>
  );
}
