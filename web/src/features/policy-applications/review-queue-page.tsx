import { Select, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useLocation, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { POLICY_APPLICATION_STATUSES, type PolicyApplicationStatus } from '@jiuye/shared';
import { ProblemAlert } from '../../app/form-errors';
import { formatDateTime } from '../../app/format';
import { usePageTitle } from '../../app/page-title';
import { ScrollRegion } from '../../app/scroll-region';
import { StatusChip } from '../../app/status-chip';
import { useSignedInMe } from '../../app/use-me';
import { useLocale } from '../../i18n';
import { useDistrictNames } from '../reference/api';
import { listPolicies, policyKeys } from '../policies/api';
import { POLICY_STATUS_TONE, policyName, usePolicyLabels, yuan } from '../policies/labels';
import {
  listPolicyApplications,
  policyAppKeys,
  type ListPolicyApplicationsParams,
  type PolicyApplicationSummary,
} from './api';
import '../policies/policies.css';
import { EmptyText } from '../policies/empty-text';

export type QueueMode = 'district' | 'bureau';

/** The statuses each queue offers; the first is where the work waits. */
export const QUEUE_STATUSES: Record<QueueMode, readonly PolicyApplicationStatus[]> = {
  district: ['submitted', 'district_review', 'returned', 'bureau_review'],
  bureau: ['bureau_review', 'notice', 'approved', 'paid', 'rejected'],
};

function isStatus(v: string | null): v is PolicyApplicationStatus {
  return v !== null && (POLICY_APPLICATION_STATUSES as readonly string[]).includes(v);
}

/** The query a queue page shows, read from its address (so a reload or a link keeps the filters). */
export function queueQuery(mode: QueueMode, params: URLSearchParams): ListPolicyApplicationsParams {
  const statusParam = params.get('status');
  return {
    status: isStatus(statusParam) ? statusParam : QUEUE_STATUSES[mode][0],
    policyCode: params.get('policyCode') ?? undefined,
    districtCode: params.get('districtCode') ?? undefined,
    mine: params.get('mine') === 'true' ? true : undefined,
    page: Math.max(1, Number(params.get('page')) || 1),
    pageSize: Math.min(100, Math.max(1, Number(params.get('pageSize')) || 20)),
  };
}

/** Where a case opened from a queue returns to, and which queue gives it the "next" case. */
export type QueueState = { queue: { mode: QueueMode; search: string } };

/**
 * The district review queue and the bureau approval queue: filters in the address, pagination,
 * a link per row (Tab and Enter walk the list); the two-approver cases marked.
 */
export function PolicyQueuePage({ mode }: { mode: QueueMode }) {
  const { t } = useTranslation();
  const title = mode === 'district' ? t('policies.queue.districtTitle') : t('policies.queue.bureauTitle');
  usePageTitle(title);
  const locale = useLocale();
  const labels = usePolicyLabels();
  const me = useSignedInMe();
  const location = useLocation();
  const districtNames = useDistrictNames(me.districtCodes);
  const districtName = new Map(me.districtCodes.map((c, i) => [c, districtNames[i] ?? c]));
  const [params, setParams] = useSearchParams();
  const query = queueQuery(mode, params);
  const list = useQuery({
    queryKey: policyAppKeys.list(query),
    queryFn: () => listPolicyApplications(query),
    placeholderData: keepPreviousData,
  });
  const policies = useQuery({
    queryKey: policyKeys.list({ page: 1, pageSize: 100 }),
    queryFn: () => listPolicies({ page: 1, pageSize: 100 }),
    staleTime: 60_000,
  });
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, v);
    }
    setParams(next, { replace: true });
  };
  const state: QueueState = { queue: { mode, search: location.search } };

  const columns: TableProps<PolicyApplicationSummary>['columns'] = [
    {
      title: t('policies.queue.colApplicant'),
      key: 'applicant',
      render: (_v, a) => (
        <Link to={`/staff/policy-applications/${a.id}`} state={state}>
          {a.subject.name}
        </Link>
      ),
    },
    {
      title: t('policies.queue.colPolicy'),
      key: 'policy',
      render: (_v, a) => policyName({ nameZh: a.policyNameZh, nameEn: a.policyNameEn }, locale),
    },
    {
      title: t('policies.queue.colDistrict'),
      key: 'district',
      render: (_v, a) => districtName.get(a.districtCode) ?? a.districtCode,
    },
    {
      title: t('policies.queue.colAmount'),
      key: 'amount',
      align: 'right',
      render: (_v, a) => (a.amountFen === null ? t('policies.notice.noAmount') : yuan(a.amountFen, locale)),
    },
    {
      title: t('policies.queue.colStatus'),
      key: 'status',
      render: (_v, a) => (
        <>
          <StatusChip tone={POLICY_STATUS_TONE[a.status]}>{labels.status(a.status)}</StatusChip>
          {a.preparedByStaff && (
            <>
              {' '}
              <StatusChip tone="neutral">{t('policies.queue.prepared')}</StatusChip>
            </>
          )}
          {a.approvalsNeeded > 1 && (
            <>
              {' '}
              <StatusChip tone="warning">
                {t('policies.queue.twoApprovers', { given: a.approvalsGiven, needed: a.approvalsNeeded })}
              </StatusChip>
            </>
          )}
        </>
      ),
    },
    {
      title: t('policies.queue.colSubmitted'),
      key: 'submitted',
      render: (_v, a) => formatDateTime(a.submittedAt ?? a.createdAt, locale),
    },
  ];

  return (
    <div className="page page--wide">
      <Typography.Title level={1}>{title}</Typography.Title>
      <Typography.Paragraph>
        {mode === 'district' ? t('policies.queue.districtIntro') : t('policies.queue.bureauIntro')}
      </Typography.Paragraph>
      <div className="toolbar">
        <Select<string>
          aria-label={t('policies.queue.statusFilter')}
          value={query.status}
          onChange={(v) => set({ status: v, page: undefined })}
          options={QUEUE_STATUSES[mode].map((s) => ({ value: s, label: labels.status(s) }))}
          style={{ minWidth: 150 }}
        />
        <Select<string>
          aria-label={t('policies.queue.policyFilter')}
          value={query.policyCode ?? ''}
          onChange={(v) => set({ policyCode: v || undefined, page: undefined })}
          options={[
            { value: '', label: t('policies.queue.allPolicies') },
            ...(policies.data?.items ?? []).map((p) => ({ value: p.code, label: policyName(p, locale) })),
          ]}
          style={{ minWidth: 220 }}
        />
        {me.districtCodes.length > 1 && (
          <Select<string>
            aria-label={t('policies.queue.districtFilter')}
            value={query.districtCode ?? ''}
            onChange={(v) => set({ districtCode: v || undefined, page: undefined })}
            options={[
              { value: '', label: t('policies.queue.allDistricts') },
              ...me.districtCodes.map((c) => ({ value: c, label: districtName.get(c) ?? c })),
            ]}
            style={{ minWidth: 150 }}
          />
        )}
        <Select<string>
          aria-label={t('policies.queue.mineFilter')}
          value={query.mine ? 'true' : ''}
          onChange={(v) => set({ mine: v || undefined, page: undefined })}
          options={[
            { value: '', label: t('policies.queue.everyone') },
            { value: 'true', label: t('policies.queue.onlyMine') },
          ]}
          style={{ minWidth: 150 }}
        />
      </div>
      <ProblemAlert error={list.error} />
      <ScrollRegion label={title} minWidth={900}>
        <Table<PolicyApplicationSummary>
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          locale={{ emptyText: <EmptyText>{t('policies.queue.empty')}</EmptyText> }}
          pagination={{
            placement: ['bottomStart'],
            current: query.page,
            pageSize: query.pageSize,
            total: list.data?.total ?? 0,
            showTotal: (total) => t('common.total', { total }),
            onChange: (p, size) => set({ page: String(p), pageSize: String(size) }),
          }}
        />
      </ScrollRegion>
    </div>
  );
}

export function DistrictQueuePage() {
  return <PolicyQueuePage mode="district" />;
}

export function BureauQueuePage() {
  return <PolicyQueuePage mode="bureau" />;
}
