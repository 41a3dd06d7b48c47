import { useState } from 'react';
import { Alert, Button, Space, Typography } from 'antd';
import { FileExcelOutlined, FilePdfOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { saveFile } from '../../app/api-client';
import { ProblemAlert } from '../../app/form-errors';
import { usePageTitle } from '../../app/page-title';
import { useSignedInMe } from '../../app/use-me';
import { downloadMonthlyReport } from './api';
import { MonthSelect } from './controls';
import { useDt } from './i18n';
import { lastCompleteMonth } from './months';
import { statsScope } from './scope';
import './dashboards.css';

/**
 * The bureau's monthly report of a month as Excel or PDF. The file is fetched first (not a bare
 * link), so a refusal shows the server's problem+json message here instead of a broken download.
 */
export function MonthlyReportPage() {
  const dt = useDt();
  const me = useSignedInMe();
  const scope = statsScope(me);
  usePageTitle(dt('reports.title'));
  const [month, setMonth] = useState(lastCompleteMonth());
  const download = useMutation({
    mutationFn: async (kind: 'xlsx' | 'pdf') => {
      const file = await downloadMonthlyReport(month, kind);
      const name = file.filename ?? `jiuye-monthly-${month}.${kind}`;
      saveFile(file, name);
      return name;
    },
  });
  return (
    <div className="page">
      <Typography.Title level={1}>{dt('reports.title')}</Typography.Title>
      <Typography.Paragraph>{dt('reports.lead')}</Typography.Paragraph>
      {!scope.canRead ? (
        <Alert type="warning" showIcon title={dt('common.noStatsPermission')} />
      ) : (
        <>
          <div className="dash-toolbar">
            <MonthSelect
              value={month}
              onChange={(m) => {
                download.reset();
                setMonth(m);
              }}
            />
          </div>
          <Space wrap size={12} style={{ marginBottom: 16 }}>
            <Button
              type="primary"
              icon={<FileExcelOutlined aria-hidden />}
              loading={download.isPending && download.variables === 'xlsx'}
              onClick={() => download.mutate('xlsx')}
            >
              {dt('reports.xlsx')}
            </Button>
            <Button
              icon={<FilePdfOutlined aria-hidden />}
              loading={download.isPending && download.variables === 'pdf'}
              onClick={() => download.mutate('pdf')}
            >
              {dt('reports.pdf')}
            </Button>
          </Space>
          <div role="status">
            {download.isSuccess && (
              <Alert type="success" showIcon title={dt('reports.done', { name: download.data })} />
            )}
          </div>
          <ProblemAlert error={download.error} />
        </>
      )}
    </div>
  );
}
