import { useState } from 'react';
import { Alert, Table, Typography } from 'antd';
import type { OpenData } from '@jiuye/shared';
import { ProblemAlert } from '../../app/form-errors';
import { usePageTitle } from '../../app/page-title';
import { PageSpinner } from '../../app/pages/status-pages';
import { ScrollRegion } from '../../app/scroll-region';
import { useLocale } from '../../i18n';
import { useDistricts } from '../reference/api';
import { useOpenData } from './api';
import { MonthSelect } from './controls';
import { useDt, type DashKey } from './i18n';
import { lastCompleteMonth } from './months';
import './dashboards.css';

type Row = OpenData['rows'][number];
const COUNTS = [
  'newUnemploymentRegistrations',
  'registeredUnemployed',
  'hires',
  'vacancies',
  'seekers',
  'supplyDemandRatio',
] as const satisfies readonly (keyof Row)[];

/**
 * Public open data: each district's month, anonymised by the server. A cell counting fewer than
 * `minCellSize` people arrives as null + suppressed and is shown as "<5 (已隐藏)", with the rule
 * explained above the table. No login; linked from every page's footer.
 */
export function OpenDataPage() {
  const dt = useDt();
  const locale = useLocale();
  usePageTitle(dt('openData.title'));
  const [month, setMonth] = useState(lastCompleteMonth());
  const data = useOpenData(month);
  const districts = useDistricts();
  const nameOf = new Map((districts.data ?? []).map((d) => [d.code, d.name]));
  const min = data.data?.minCellSize ?? 5;
  const caption = dt('openData.table', { month });
  const cell = (key: (typeof COUNTS)[number], row: Row) => {
    const c = row[key];
    if (c.suppressed) return <span className="dash-suppressed">{dt('openData.suppressed', { min })}</span>;
    if (c.value === null) return '—';
    return key === 'supplyDemandRatio' ? c.value.toFixed(2) : c.value.toLocaleString(locale);
  };
  return (
    <div className="page">
      <Typography.Title level={1}>{dt('openData.title')}</Typography.Title>
      <Typography.Paragraph>{dt('openData.lead')}</Typography.Paragraph>
      <section aria-labelledby="open-data-rule">
        <Typography.Title level={2} id="open-data-rule" className="dash-panel__title">
          {dt('openData.ruleTitle')}
        </Typography.Title>
        <Typography.Paragraph>{dt('openData.rule', { min })}</Typography.Paragraph>
      </section>
      <div className="dash-toolbar">
        <MonthSelect value={month} onChange={setMonth} />
      </div>
      {data.isPending && <PageSpinner />}
      <ProblemAlert error={data.error} />
      {data.data && (
        <>
          <ScrollRegion label={caption} minWidth={760}>
            <Table<Row>
              size="small"
              rowKey="districtCode"
              pagination={false}
              dataSource={data.data.rows}
              caption={<span className="sr-only">{caption}</span>}
              columns={[
                {
                  key: 'district',
                  title: dt('openData.district'),
                  render: (_v, r) => nameOf.get(r.districtCode) ?? r.districtCode,
                },
                ...COUNTS.map((key) => ({
                  key,
                  title: dt(`openData.${key}` satisfies DashKey),
                  align: 'right' as const,
                  render: (_v: unknown, r: Row) => cell(key, r),
                })),
              ]}
            />
          </ScrollRegion>
          <Alert
            type="info"
            showIcon
            style={{ marginTop: 16 }}
            title={dt('openData.licence', { licence: data.data.licence })}
          />
        </>
      )}
    </div>
  );
}
