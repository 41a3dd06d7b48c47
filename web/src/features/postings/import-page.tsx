import { useId, useRef, useState } from 'react';
import { Alert, Button, Select, Table, Typography } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { fieldMessage, IMPORT_MAX_ROWS } from '@jiuye/shared';
import { saveFile } from '../../app/api-client';
import { ProblemAlert } from '../../app/form-errors';
import { usePageTitle } from '../../app/page-title';
import { PageSpinner } from '../../app/pages/status-pages';
import { ScrollRegion } from '../../app/scroll-region';
import { useLocale } from '../../i18n';
import { useMyEnterprises } from '../enterprises/use-my-enterprises';
import {
  downloadImportTemplate,
  importPostings,
  postingKeys,
  type ImportOutcome,
  type ImportRowProblem,
} from './api';

/**
 * Bulk posting from the Excel template. All rows go in or none does: a workbook with any bad row
 * comes back as a row-by-row report to fix and upload again.
 */
export function ImportPage() {
  const { t } = useTranslation();
  usePageTitle(t('imports.title'));
  const locale = useLocale();
  const queryClient = useQueryClient();
  const mine = useMyEnterprises();
  const [params] = useSearchParams();
  const [chosen, setChosen] = useState<string | undefined>(params.get('enterprise') ?? undefined);
  const enterpriseId = chosen ?? mine.data?.[0]?.id;
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);

  const template = useMutation({
    mutationFn: () => downloadImportTemplate(enterpriseId ?? ''),
    onSuccess: (f) => saveFile(f, 'jiuye-postings-template.xlsx'),
  });
  const upload = useMutation({
    mutationFn: (f: File): Promise<ImportOutcome> => importPostings(enterpriseId ?? '', f),
    onSuccess: (outcome) => {
      if (outcome.ok) {
        void queryClient.invalidateQueries({ queryKey: postingKeys.all });
        setFile(null);
        if (input.current) input.current.value = '';
      }
    },
  });

  const onSubmit = () => {
    setLocalError(null);
    if (!file) {
      setLocalError(fieldMessage('file_required', locale));
      return;
    }
    if (!/\.xlsx$/i.test(file.name)) {
      setLocalError(fieldMessage('xlsx_required', locale));
      return;
    }
    upload.mutate(file);
  };

  const outcome = upload.data;
  return (
    <div className="page page--reading">
      <p>
        <Link to="/employer/postings">{t('postings.backToList')}</Link>
      </p>
      <Typography.Title level={1}>{t('imports.title')}</Typography.Title>
      <Typography.Paragraph>{t('imports.intro', { max: IMPORT_MAX_ROWS })}</Typography.Paragraph>
      {mine.isPending && <PageSpinner />}
      <ProblemAlert error={mine.error} />
      {(mine.data?.length ?? 0) > 1 && (
        <div style={{ marginBottom: 12 }}>
          <label htmlFor={`${inputId}-enterprise`} className="field-label">
            {t('postings.enterprise')}
          </label>
          <Select<string>
            id={`${inputId}-enterprise`}
            value={enterpriseId}
            onChange={setChosen}
            options={(mine.data ?? []).map((e) => ({ value: e.id, label: e.name }))}
            style={{ minWidth: 240 }}
          />
        </div>
      )}
      <ol className="steps">
        <li>
          <Typography.Title level={2}>{t('imports.step1')}</Typography.Title>
          <Button
            icon={<DownloadOutlined aria-hidden />}
            onClick={() => template.mutate()}
            loading={template.isPending}
          >
            {t('imports.downloadTemplate')}
          </Button>
          <ProblemAlert error={template.error} />
        </li>
        <li>
          <Typography.Title level={2}>{t('imports.step2')}</Typography.Title>
          <label htmlFor={inputId} className="field-label">
            {t('imports.file')}
          </label>
          <input
            id={inputId}
            ref={input}
            type="file"
            className="file-input"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-describedby={localError ? `${inputId}-error` : undefined}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setLocalError(null);
              upload.reset();
            }}
          />
          {localError && (
            <div id={`${inputId}-error`} className="field-error" role="alert">
              {localError}
            </div>
          )}
          <div style={{ marginTop: 12 }}>
            <Button
              type="primary"
              icon={<UploadOutlined aria-hidden />}
              onClick={onSubmit}
              loading={upload.isPending}
              disabled={!enterpriseId}
            >
              {t('imports.upload')}
            </Button>
          </div>
        </li>
      </ol>
      <ProblemAlert error={upload.error} />
      <div role="status" aria-live="polite">
        {outcome?.ok && (
          <Alert
            type="success"
            showIcon
            title={t('imports.done', { count: outcome.result.imported })}
            action={<Link to="/employer/postings">{t('postings.mineTitle')}</Link>}
          />
        )}
        {outcome && !outcome.ok && (
          <Alert
            type="error"
            showIcon
            title={outcome.title}
            description={
              outcome.rows.length > 0
                ? t('imports.failedRows', { count: outcome.rows.length })
                : outcome.detail
            }
          />
        )}
      </div>
      {outcome && !outcome.ok && outcome.rows.length > 0 && <ImportErrors rows={outcome.rows} />}
    </div>
  );
}

function ImportErrors({ rows }: { rows: ImportRowProblem[] }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="import-errors" style={{ marginTop: 16 }}>
      <Typography.Title level={2} id="import-errors">
        {t('imports.reportTitle')}
      </Typography.Title>
      <ScrollRegion label={t('imports.reportTitle')} minWidth={480}>
        <Table<ImportRowProblem & { key: number }>
          size="small"
          pagination={rows.length > 50 ? { pageSize: 50, placement: ['bottomStart'] } : false}
          dataSource={rows.map((r, i) => ({ ...r, key: i }))}
          columns={[
            {
              title: t('imports.row'),
              dataIndex: 'row',
              key: 'row',
              width: 80,
              render: (v: number | null) => v ?? '—',
            },

            { title: t('imports.message'), dataIndex: 'message', key: 'message' },
          ]}
        />
      </ScrollRegion>
    </section>
  );
}
