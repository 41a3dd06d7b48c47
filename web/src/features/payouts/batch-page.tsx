import { useRef, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useLocation, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError, saveFile } from '../../app/api-client';
import { applyProblemToForm, ProblemAlert, requiredRule } from '../../app/form-errors';
import { formatDateTime } from '../../app/format';
import { newIdempotencyKey } from '../../app/idempotency';
import { usePageTitle } from '../../app/page-title';
import { PageSpinner } from '../../app/pages/status-pages';
import { ScrollRegion } from '../../app/scroll-region';
import { StatusChip, type ChipTone } from '../../app/status-chip';
import { useLocale } from '../../i18n';
import { yuan } from '../policies/labels';
import {
  exportBatch,
  getBatch,
  getReconciliation,
  payoutKeys,
  recordPayoutResult,
  uploadBankResults,
  type Payout,
  type PayoutBatchDetail,
} from './api';
import { SkippedList } from './skipped';
import '../policies/policies.css';

const PAYOUT_TONE: Record<Payout['status'], ChipTone> = {
  pending: 'info',
  paid: 'success',
  failed: 'danger',
};

const TOTAL_LABEL = {
  total: 'policies.payouts.colTotal',
  paid: 'policies.payouts.colPaid',
  failed: 'policies.payouts.colFailed',
  pending: 'policies.payouts.colPending',
} as const;

function skippedOf(state: unknown): { applicationId: string; reason: string }[] {
  if (typeof state !== 'object' || state === null || !('skipped' in state)) return [];
  const s = state.skipped;
  return Array.isArray(s) ? (s as { applicationId: string; reason: string }[]) : [];
}

/** One batch: totals, the Excel export for finance, each payout marked paid or failed, reconciliation. */
export function BatchPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { id = '' } = useParams();
  const location = useLocation();
  const batch = useQuery({ queryKey: payoutKeys.batch(id), queryFn: () => getBatch(id) });
  const b = batch.data;
  usePageTitle(b ? t('policies.payouts.batchTitle', { batchNo: b.batchNo }) : t('policies.payouts.title'));
  const download = useMutation({
    mutationFn: () => exportBatch(id),
    onSuccess: (file) => saveFile(file, `${b?.batchNo ?? 'payout-batch'}.xlsx`),
  });
  const totals = (x: { count: number; amountFen: number }) =>
    t('policies.payouts.countAmount', { count: x.count, amount: yuan(x.amountFen, locale) });
  return (
    <div className="page page--wide">
      <p>
        <Link to="/staff/payouts">{t('policies.payouts.back')}</Link>
      </p>
      {batch.isPending && <PageSpinner />}
      <ProblemAlert error={batch.error} />
      {b && (
        <>
          <Typography.Title level={1}>
            {t('policies.payouts.batchTitle', { batchNo: b.batchNo })}
          </Typography.Title>
          <p>
            <StatusChip tone={b.status === 'settled' ? 'success' : 'info'}>
              {t(`policies.payouts.batchStatus.${b.status}`)}
            </StatusChip>{' '}
            {formatDateTime(b.createdAt, locale)} · {b.createdByName}
            {b.note ? ` · ${b.note}` : ''}
          </p>
          <SkippedList skipped={skippedOf(location.state)} />
          <div className="policy-totals">
            {(['total', 'paid', 'failed', 'pending'] as const).map((k) => (
              <Card size="small" key={k}>
                <div className="muted">{t(TOTAL_LABEL[k])}</div>
                <strong>{totals(b[k])}</strong>
              </Card>
            ))}
          </div>
          <div className="policy-actions">
            <Button
              type="primary"
              icon={<DownloadOutlined aria-hidden />}
              onClick={() => download.mutate()}
              loading={download.isPending}
            >
              {t('policies.payouts.export')}
            </Button>
          </div>
          <ProblemAlert error={download.error} />
          <PayoutTable batch={b} />
          <Reconciliation batchId={b.id} />
        </>
      )}
    </div>
  );
}

function PayoutTable({ batch }: { batch: PayoutBatchDetail }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [marking, setMarking] = useState<{ payout: Payout; status: 'paid' | 'failed' } | null>(null);
  const columns: TableProps<Payout>['columns'] = [
    {
      title: t('policies.payouts.colApplication'),
      key: 'no',
      render: (_v, p) => <span className="mono">{p.applicationNumber}</span>,
    },
    { title: t('policies.payouts.colPayee'), key: 'payee', render: (_v, p) => p.payeeName },
    {
      title: t('policies.payouts.colPolicy'),
      key: 'policy',
      render: (_v, p) => `${p.policyName}（${p.period}）`,
    },
    {
      title: t('policies.payouts.colAccount'),
      key: 'account',
      render: (_v, p) => `${p.bankName} ${p.accountNumberMasked}`,
    },
    {
      title: t('policies.queue.colAmount'),
      key: 'amount',
      align: 'right',
      render: (_v, p) => yuan(p.amountFen, locale),
    },
    {
      title: t('policies.payouts.colStatus'),
      key: 'status',
      render: (_v, p) => (
        <>
          <StatusChip tone={PAYOUT_TONE[p.status]}>
            {t(`policies.payouts.payoutStatus.${p.status}`)}
          </StatusChip>
          {p.bankReference && <div className="mono">{p.bankReference}</div>}
          {p.failureReason && <div>{p.failureReason}</div>}
        </>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_v, p) =>
        p.status === 'pending' ? (
          <span style={{ display: 'inline-flex', gap: 8, flexWrap: 'wrap' }}>
            <Button size="small" onClick={() => setMarking({ payout: p, status: 'paid' })}>
              {t('policies.payouts.markPaid')}
              <span className="sr-only"> {p.payeeName}</span>
            </Button>
            <Button size="small" danger onClick={() => setMarking({ payout: p, status: 'failed' })}>
              {t('policies.payouts.markFailed')}
              <span className="sr-only"> {p.payeeName}</span>
            </Button>
          </span>
        ) : null,
    },
  ];
  return (
    <section aria-labelledby="payouts-title" className="policy-section">
      <Typography.Title level={2} id="payouts-title">
        {t('policies.payouts.payoutsTitle')}
      </Typography.Title>
      <ScrollRegion label={t('policies.payouts.payoutsTitle')} minWidth={1000}>
        <Table<Payout> rowKey="id" columns={columns} dataSource={batch.payouts} pagination={false} />
      </ScrollRegion>
      <ResultDialog batchId={batch.id} marking={marking} onClose={() => setMarking(null)} />
    </section>
  );
}

function ResultDialog({
  batchId,
  marking,
  onClose,
}: {
  batchId: string;
  marking: { payout: Payout; status: 'paid' | 'failed' } | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ bankReference?: string; reason?: string }>();
  const attemptKey = useRef<string | null>(null);
  const save = useMutation({
    mutationFn: (v: { bankReference?: string; reason?: string }) => {
      if (!marking) throw new Error('no payout');
      attemptKey.current ??= newIdempotencyKey();
      return recordPayoutResult(
        marking.payout.id,
        marking.status === 'paid'
          ? { status: 'paid', bankReference: v.bankReference?.trim() }
          : { status: 'failed', reason: v.reason?.trim() },
        attemptKey.current,
      );
    },
    onSuccess: () => {
      attemptKey.current = null;
      void queryClient.invalidateQueries({ queryKey: payoutKeys.batch(batchId) });
      void queryClient.invalidateQueries({ queryKey: payoutKeys.reconciliation(batchId) });
      void queryClient.invalidateQueries({ queryKey: ['payouts', 'batches'] });
      void message.success(t('policies.payouts.resultSaved'));
      onClose();
    },
    onError: (error) => {
      if (isApiError(error) && error.status < 500) attemptKey.current = null;
      if (isApiError(error)) applyProblemToForm(form, error.problem, ['bankReference', 'reason']);
    },
  });
  const paid = marking?.status === 'paid';
  return (
    <Modal
      open={marking !== null}
      title={
        marking
          ? t(paid ? 'policies.payouts.markPaidTitle' : 'policies.payouts.markFailedTitle', {
              name: marking.payout.payeeName,
              amount: yuan(marking.payout.amountFen, locale),
            })
          : ''
      }
      okText={paid ? t('policies.payouts.markPaid') : t('policies.payouts.markFailed')}
      okButtonProps={{ danger: !paid }}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      forceRender
      afterClose={() => {
        form.resetFields();
        save.reset();
        attemptKey.current = null;
      }}
    >
      <ProblemAlert error={save.error} fieldNames={['bankReference', 'reason']} />
      <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => save.mutate(v)}>
        {paid ? (
          <Form.Item
            name="bankReference"
            label={t('policies.payouts.bankReference')}
            rules={[requiredRule(locale)]}
          >
            <Input maxLength={64} autoComplete="off" />
          </Form.Item>
        ) : (
          <Form.Item name="reason" label={t('policies.payouts.failureReason')} rules={[requiredRule(locale)]}>
            <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 6 }} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

function Reconciliation({ batchId }: { batchId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const queryClient = useQueryClient();
  const [shown, setShown] = useState(false);
  const report = useQuery({
    enabled: shown,
    queryKey: payoutKeys.reconciliation(batchId),
    queryFn: () => getReconciliation(batchId),
  });
  const input = useRef<HTMLInputElement>(null);
  const upload = useMutation({
    mutationFn: (file: File) => uploadBankResults(batchId, file),
    onSuccess: (r) => {
      setShown(true);
      queryClient.setQueryData(payoutKeys.reconciliation(batchId), r);
      void queryClient.invalidateQueries({ queryKey: payoutKeys.batch(batchId) });
      if (input.current) input.current.value = '';
    },
  });
  const r = report.data;
  const totals = (x: { count: number; amountFen: number }) =>
    t('policies.payouts.countAmount', { count: x.count, amount: yuan(x.amountFen, locale) });
  return (
    <section aria-labelledby="reconciliation-title" className="policy-section">
      <Typography.Title level={2} id="reconciliation-title">
        {t('policies.payouts.reconciliationTitle')}
      </Typography.Title>
      <div className="policy-actions">
        <Button onClick={() => (shown ? void report.refetch() : setShown(true))} loading={report.isFetching}>
          {t('policies.payouts.reconcile')}
        </Button>
      </div>
      <label htmlFor="bank-result-file" className="field-label">
        {t('policies.payouts.bankFile')}
      </label>
      <input
        id="bank-result-file"
        ref={input}
        type="file"
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        className="file-input"
        aria-describedby="bank-result-help"
        disabled={upload.isPending}
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (f) upload.mutate(f);
        }}
      />
      <div id="bank-result-help" className="field-help">
        {t('policies.payouts.bankFileHelp')}
      </div>
      <ProblemAlert error={report.error ?? upload.error} />
      {r && (
        <div role="status" style={{ marginTop: 12 }}>
          <Alert
            type={r.balanced ? 'success' : 'warning'}
            showIcon
            title={r.balanced ? t('policies.payouts.balanced') : t('policies.payouts.unbalanced')}
            style={{ marginBottom: 12 }}
          />
          <dl className="policy-facts">
            <div>
              <dt>{t('policies.payouts.expected')}</dt>
              <dd>{totals(r.expected)}</dd>
            </div>
            <div>
              <dt>{t('policies.payouts.colPaid')}</dt>
              <dd>{totals(r.paid)}</dd>
            </div>
            <div>
              <dt>{t('policies.payouts.colFailed')}</dt>
              <dd>{totals(r.failed)}</dd>
            </div>
            <div>
              <dt>{t('policies.payouts.colPending')}</dt>
              <dd>{totals(r.pending)}</dd>
            </div>
            {r.bankFile && (
              <div>
                <dt>{t('policies.payouts.bankFileTotals')}</dt>
                <dd>
                  {t('policies.payouts.bankFileValue', {
                    rows: r.bankFile.rows,
                    paid: totals(r.bankFile.paid),
                    failed: totals(r.bankFile.failed),
                  })}
                </dd>
              </div>
            )}
          </dl>
          {r.mismatches.length > 0 && (
            <ul className="plain-list" aria-label={t('policies.payouts.mismatches')}>
              {r.mismatches.map((m, i) => (
                <li key={`${m.kind}-${m.payoutId ?? i}`}>
                  <StatusChip tone="danger">{t(`policies.payouts.mismatch.${m.kind}`)}</StatusChip>{' '}
                  {m.applicationNumber && <span className="mono">{m.applicationNumber} </span>}
                  {m.detail}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
