import { useRef, useState, type ReactNode } from 'react';
import { Alert, Button, Space, Table, Typography } from 'antd';
import { FileExcelOutlined, FileImageOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import type { EChartsCoreOption } from 'echarts/core';
import { ProblemAlert } from '../../app/form-errors';
import { ScrollRegion } from '../../app/scroll-region';
import { PageSpinner } from '../../app/pages/status-pages';
import { DashChart, type ChartClick, type ChartInstance } from './dash-chart';
import { saveChartPng, saveTableXlsx, type ChartTable } from './export';
import { useDt } from './i18n';

function cellText(v: string | number | null | undefined): string {
  if (v === null || v === undefined || v === '') return '—';
  return typeof v === 'number' ? v.toLocaleString() : v;
}

/** A chart's figures as a table: the alternative screen readers (and anyone) can read. */
export function DataTable({ table, caption }: { table: ChartTable; caption: string }) {
  const first = table.columns[0]?.key;
  return (
    <ScrollRegion label={caption} minWidth={Math.max(280, table.columns.length * 110)}>
      <Table
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={table.rows}
        caption={<span className="sr-only">{caption}</span>}
        columns={table.columns.map((c, i) => ({
          key: c.key,
          title: c.title,
          align: i === 0 ? ('left' as const) : ('right' as const),
          render: (_v: unknown, row: ChartTable['rows'][number]) =>
            c.key === first && row.link ? (
              <Link to={row.link}>{cellText(row.cells[c.key])}</Link>
            ) : (
              cellText(row.cells[c.key])
            ),
        }))}
      />
    </ScrollRegion>
  );
}

/**
 * One dashboard chart: its title, the two exports (the picture as PNG, its figures as Excel), the
 * chart, and its figures as a collapsible table under it.
 */
export function ChartPanel({
  id,
  title,
  fileName,
  sheetName,
  option,
  table,
  pending,
  error,
  hint,
  onChartClick,
  controls,
  children,
  height,
}: {
  id: string;
  title: string;
  /** Without extension: "湛江-求人倍率-2020-04". */
  fileName: string;
  sheetName: string;
  option: EChartsCoreOption | null;
  table: ChartTable | null;
  pending: boolean;
  error: unknown;
  hint?: string;
  onChartClick?: (click: ChartClick) => void;
  /** Above the chart (the trend's indicator choice). */
  controls?: ReactNode;
  /** Under the table (the district links). */
  children?: ReactNode;
  height?: number;
}) {
  const dt = useDt();
  const instance = useRef<ChartInstance | null>(null);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState(false);
  const empty = !pending && !error && (!table || table.rows.length === 0);
  const ready = !pending && !error && !empty && option !== null && table !== null;

  const exportPng = () => {
    setExportError(false);
    if (!instance.current) return;
    try {
      saveChartPng(instance.current, fileName);
    } catch {
      setExportError(true);
    }
  };
  const exportExcel = () => {
    if (!table) return;
    setExportError(false);
    setExporting(true);
    saveTableXlsx(table, sheetName, fileName)
      .catch(() => setExportError(true))
      .finally(() => setExporting(false));
  };

  return (
    <section aria-labelledby={id} className="dash-panel">
      <div className="dash-panel__head">
        <Typography.Title level={2} id={id} className="dash-panel__title">
          {title}
        </Typography.Title>
        <Space wrap size={8}>
          <Button icon={<FileImageOutlined aria-hidden />} onClick={exportPng} disabled={!ready}>
            {dt('common.exportPng')}
          </Button>
          <Button
            icon={<FileExcelOutlined aria-hidden />}
            onClick={exportExcel}
            loading={exporting}
            disabled={!ready}
          >
            {dt('common.exportExcel')}
          </Button>
        </Space>
      </div>
      {hint && <Typography.Paragraph type="secondary">{hint}</Typography.Paragraph>}
      {exportError && (
        <Alert type="error" showIcon title={dt('common.exportFailed')} style={{ marginBottom: 8 }} />
      )}
      {controls}
      {pending && <PageSpinner />}
      <ProblemAlert error={error} />
      {empty && <Typography.Paragraph>{dt('common.noData')}</Typography.Paragraph>}
      {ready && (
        <>
          <DashChart
            option={option}
            label={dt('common.chartOf', { title })}
            instanceRef={instance}
            onClick={onChartClick}
            height={height}
          />
          <details className="dash-panel__table">
            <summary>{dt('common.showTable')}</summary>
            <DataTable table={table} caption={dt('common.tableOf', { title })} />
          </details>
        </>
      )}
      {children}
    </section>
  );
}
