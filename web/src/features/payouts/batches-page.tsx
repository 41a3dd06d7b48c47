import { useRef, useState } from 'react';
import { App, Button, Form, Input, Select, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PAYOUT_BATCH_STATUSES, type PayoutBatchStatus } from '@jiuye/shared';
import { isApiError } from '../../app/api-client';
import { ProblemAlert } from '../../app/form-errors';
import { formatDateTime } from '../../app/format';
import { newIdempotencyKey } from '../../app/idempotency';
import { usePageTitle } from '../../app/page-title';
import { ScrollRegion } from '../../app/scroll-region';
import { StatusChip } from '../../app/status-chip';
import { useLocale } from '../../i18n';
import { listPolicies, policyKeys } from '../policies/api';
import { policyName, yuan } from '../policies/labels';
import {
  listPolicyApplications,
  policyAppKeys,
  type PolicyApplicationSummary,
} from '../policy-applications/api';
import { createBatch, listBatches, payoutKeys, type PayoutBatch } from './api';
import { SkippedList } from './skipped';
import '../policies/policies.css';
import { EmptyText } from '../policies/empty-text';

function isBatchStatus(v: string | null): v is PayoutBatchStatus {
  return v !== null && (PAYOUT_BATCH_STATUSES as readonly string[]).includes(v);
}

/** Payout batches: make one from approved applications, list them, open one. */
export function BatchesPage() {
  const { t } = useTranslation();
  usePageTitle(t('policies.payouts.title'));
  const locale = useLocale();
  const [params, setParams] = useSearchParams();
  const statusParam = params.get('status');
  const status = isBatchStatus(statusParam) ? statusParam : undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const query = { status, page, pageSize: 20 };
  const list = useQuery({
    queryKey: payoutKeys.batches(query),
    queryFn: () => listBatches(query),
    placeholderData: keepPreviousData,
  });
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, v);
    }
    setParams(next, { replace: true });
  };
  const totals = (x: { count: number; amountFen: number }) =>
    t('policies.payouts.countAmount', { count: x.count, amount: yuan(x.amountFen, locale) });

  const columns: TableProps<PayoutBatch>['columns'] = [
    {
      title: t('policies.payouts.colBatchNo'),
      key: 'batchNo',
      render: (_v, b) => (
        <Link to={`/staff/payouts/${b.id}`} className="mono">
          {b.batchNo}
        </Link>
      ),
    },
    {
      title: t('policies.payouts.colStatus'),
      key: 'status',
      render: (_v, b) => (
        <StatusChip tone={b.status === 'settled' ? 'success' : 'info'}>
          {t(`policies.payouts.batchStatus.${b.status}`)}
        </StatusChip>
      ),
    },
    { title: t('policies.payouts.colTotal'), key: 'total', render: (_v, b) => totals(b.total) },
    { title: t('policies.payouts.colPaid'), key: 'paid', render: (_v, b) => totals(b.paid) },
    { title: t('policies.payouts.colFailed'), key: 'failed', render: (_v, b) => totals(b.failed) },
    { title: t('policies.payouts.colPending'), key: 'pending', render: (_v, b) => totals(b.pending) },
    {
      title: t('policies.payouts.colCreated'),
      key: 'created',
      render: (_v, b) => `${formatDateTime(b.createdAt, locale)} · ${b.createdByName}`,
    },
  ];

  return (
    <div className="page page--wide">
      <Typography.Title level={1}>{t('policies.payouts.title')}</Typography.Title>
      <NewBatch />
      <section aria-labelledby="batches-title">
        <Typography.Title level={2} id="batches-title">
          {t('policies.payouts.listTitle')}
        </Typography.Title>
        <div className="toolbar">
          <Select<string>
            aria-label={t('policies.payouts.statusFilter')}
            value={status ?? ''}
            onChange={(v) => set({ status: v || undefined, page: undefined })}
            options={[
              { value: '', label: t('policies.payouts.allStatuses') },
              ...PAYOUT_BATCH_STATUSES.map((s) => ({
                value: s,
                label: t(`policies.payouts.batchStatus.${s}`),
              })),
            ]}
            style={{ minWidth: 150 }}
          />
        </div>
        <ProblemAlert error={list.error} />
        <ScrollRegion label={t('policies.payouts.listTitle')} minWidth={980}>
          <Table<PayoutBatch>
            rowKey="id"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            locale={{ emptyText: <EmptyText>{t('policies.payouts.empty')}</EmptyText> }}
            pagination={{
              placement: ['bottomStart'],
              current: page,
              pageSize: 20,
              total: list.data?.total ?? 0,
              showSizeChanger: false,
              showTotal: (total) => t('common.total', { total }),
              onChange: (p) => set({ page: String(p) }),
            }}
          />
        </ScrollRegion>
      </section>
    </div>
  );
}

/**
 * A batch from the approved applications of one policy, all or the ones ticked. The attempt keeps
 * one Idempotency-Key until the server answers, so a double click or a retry after a lost answer
 * gives one batch; the database keeps an application from being paid twice in any case.
 */
function NewBatch() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [policyCode, setPolicyCode] = useState<string | undefined>(undefined);
  const [selected, setSelected] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const attemptKey = useRef<string | null>(null);
  const policies = useQuery({
    queryKey: policyKeys.list({ page: 1, pageSize: 100 }),
    queryFn: () => listPolicies({ page: 1, pageSize: 100 }),
    staleTime: 60_000,
  });
  const payable = (policies.data?.items ?? []).filter((p) => p.amount !== null);
  const approvedQuery = { status: 'approved' as const, policyCode, page: 1, pageSize: 100 };
  const approved = useQuery({
    enabled: policyCode !== undefined,
    queryKey: policyAppKeys.list(approvedQuery),
    queryFn: () => listPolicyApplications(approvedQuery),
  });
  const create = useMutation({
    mutationFn: () => {
      attemptKey.current ??= newIdempotencyKey();
      return createBatch(
        {
          ...(selected.length > 0 ? { applicationIds: selected } : { policyCode }),
          ...(note.trim() ? { note: note.trim() } : {}),
        },
        attemptKey.current,
      );
    },
    onSuccess: (batch) => {
      attemptKey.current = null;
      queryClient.setQueryData(payoutKeys.batch(batch.id), batch);
      void queryClient.invalidateQueries({ queryKey: payoutKeys.all });
      void queryClient.invalidateQueries({ queryKey: policyAppKeys.all });
      void message.success(t('policies.payouts.created', { batchNo: batch.batchNo }));
      void navigate(`/staff/payouts/${batch.id}`, { state: { skipped: batch.skipped } });
    },
    onError: (error) => {
      if (isApiError(error) && error.status >= 400 && error.status < 500) attemptKey.current = null;
    },
  });

  const columns: TableProps<PolicyApplicationSummary>['columns'] = [
    { title: t('policies.queue.colApplicant'), key: 'subject', render: (_v, a) => a.subject.name },
    {
      title: t('policies.queue.colAmount'),
      key: 'amount',
      align: 'right',
      render: (_v, a) => (a.amountFen === null ? t('policies.notice.noAmount') : yuan(a.amountFen, locale)),
    },
    {
      title: t('policies.payouts.colApproved'),
      key: 'approved',
      render: (_v, a) => formatDateTime(a.approvedAt, locale),
    },
  ];
  const conflictErrors = isApiError(create.error, 'conflict') ? (create.error.problem.errors ?? []) : [];

  return (
    <section aria-labelledby="new-batch-title" className="policy-section">
      <Typography.Title level={2} id="new-batch-title">
        {t('policies.payouts.newTitle')}
      </Typography.Title>
      <Typography.Paragraph>{t('policies.payouts.newIntro')}</Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label={t('policies.payouts.policy')} htmlFor="new-batch-policy">
          <Select<string>
            id="new-batch-policy"
            value={policyCode}
            onChange={(v) => {
              setPolicyCode(v);
              setSelected([]);
              create.reset();
            }}
            options={payable.map((p) => ({ value: p.code, label: policyName(p, locale) }))}
            placeholder={t('policies.payouts.pickPolicy')}
            style={{ maxWidth: 420 }}
          />
        </Form.Item>
      </Form>
      {policyCode && (
        <>
          <ProblemAlert error={approved.error} />
          <ScrollRegion label={t('policies.payouts.approvedTitle')} minWidth={560}>
            <Table<PolicyApplicationSummary>
              rowKey="id"
              size="small"
              columns={columns}
              dataSource={approved.data?.items ?? []}
              loading={approved.isFetching}
              locale={{ emptyText: <EmptyText>{t('policies.payouts.noneApproved')}</EmptyText> }}
              pagination={false}
              rowSelection={{
                selectedRowKeys: selected,
                onChange: (keys) => setSelected(keys.map(String)),
                getCheckboxProps: (a) => ({
                  'aria-label': t('policies.payouts.pick', { name: a.subject.name }),
                }),
              }}
            />
          </ScrollRegion>
          <p className="muted">
            {selected.length > 0
              ? t('policies.payouts.pickedCount', { count: selected.length })
              : t('policies.payouts.allApproved', { count: approved.data?.total ?? 0 })}
          </p>
          <label htmlFor="new-batch-note" className="field-label">
            {t('policies.payouts.note')}
          </label>
          <Input
            id="new-batch-note"
            value={note}
            onChange={(e) => setNote(e.target.value)}
            maxLength={500}
            style={{ maxWidth: 420 }}
          />
          <ProblemAlert error={create.error} fieldNames={['applicationIds']} />
          {conflictErrors.length > 0 && (
            <SkippedList
              skipped={conflictErrors.map((e) => ({
                applicationId: selected[Number(e.path.split('.')[1])] ?? e.path,
                reason: e.code,
              }))}
              names={new Map((approved.data?.items ?? []).map((a) => [a.id, a.subject.name]))}
            />
          )}
          <div className="policy-actions">
            <Button
              type="primary"
              onClick={() => create.mutate()}
              loading={create.isPending}
              disabled={(approved.data?.total ?? 0) === 0}
            >
              {t('policies.payouts.create')}
            </Button>
          </div>
        </>
      )}
    </section>
  );
}
