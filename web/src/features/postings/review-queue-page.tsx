import { Select, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Posting } from '@jiuye/shared';
import { ProblemAlert } from '../../app/form-errors';
import { formatDateTime } from '../../app/format';
import { useLabels } from '../../app/labels';
import { usePageTitle } from '../../app/page-title';
import { ScrollRegion } from '../../app/scroll-region';
import { StatusChip } from '../../app/status-chip';
import { useSignedInMe } from '../../app/use-me';
import { useLocale } from '../../i18n';
import { useDistrictNames } from '../reference/api';
import { listReviewQueue, postingKeys } from './api';

/** Postings waiting for review in the officer's districts, flagged ones easy to spot. */
export function ReviewQueuePage() {
  const { t } = useTranslation();
  usePageTitle(t('review.queueTitle'));
  const locale = useLocale();
  const labels = useLabels();
  const me = useSignedInMe();
  const districtNames = useDistrictNames(me.districtCodes);
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = Math.min(100, Math.max(1, Number(params.get('pageSize')) || 20));
  const flaggedParam = params.get('flagged');
  const flagged = flaggedParam === 'true' ? true : flaggedParam === 'false' ? false : undefined;
  const district = params.get('districtCode') ?? undefined;
  const query = { page, pageSize, flagged, districtCode: district };
  const queue = useQuery({
    queryKey: postingKeys.reviewQueue(query),
    queryFn: () => listReviewQueue(query),
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

  const columns: TableProps<Posting>['columns'] = [
    {
      title: t('review.colTitle'),
      key: 'title',
      render: (_v, p) => <Link to={`/staff/review/${p.id}`}>{p.title}</Link>,
    },
    { title: t('review.colEnterprise'), key: 'enterprise', render: (_v, p) => p.enterpriseName },
    { title: t('review.colDistrict'), key: 'district', render: (_v, p) => p.districtName },
    {
      title: t('review.colFlags'),
      key: 'flags',
      render: (_v, p) =>
        p.flags.length > 0 ? (
          <StatusChip tone="danger">
            {[...new Set(p.flags.map((f) => labels.flag(f.code)))].join('、')}
          </StatusChip>
        ) : (
          <span>{t('review.noFlags')}</span>
        ),
    },
    {
      title: t('review.colSubmitted'),
      key: 'updated',
      render: (_v, p) => formatDateTime(p.updatedAt, locale),
    },
  ];

  return (
    <div className="page">
      <Typography.Title level={1}>{t('review.queueTitle')}</Typography.Title>
      <div className="toolbar">
        <Select<string>
          aria-label={t('review.flaggedFilter')}
          value={flaggedParam ?? ''}
          onChange={(v) => set({ flagged: v || undefined, page: undefined })}
          options={[
            { value: '', label: t('review.allPostings') },
            { value: 'true', label: t('review.onlyFlagged') },
            { value: 'false', label: t('review.onlyClean') },
          ]}
          style={{ minWidth: 160 }}
        />
        {me.districtCodes.length > 1 && (
          <Select<string>
            aria-label={t('review.districtFilter')}
            value={district ?? ''}
            onChange={(v) => set({ districtCode: v || undefined, page: undefined })}
            options={[
              { value: '', label: t('review.allDistricts') },
              ...me.districtCodes.map((code, i) => ({ value: code, label: districtNames[i] ?? code })),
            ]}
            style={{ minWidth: 160 }}
          />
        )}
      </div>
      <ProblemAlert error={queue.error} />
      <ScrollRegion label={t('review.queueTitle')} minWidth={760}>
        <Table<Posting>
          rowKey="id"
          columns={columns}
          dataSource={queue.data?.items ?? []}
          loading={queue.isFetching}
          rowClassName={(p) => (p.flags.length > 0 ? 'row--flagged' : '')}
          locale={{ emptyText: t('review.empty') }}
          pagination={{
            placement: ['bottomStart'],
            current: page,
            pageSize,
            total: queue.data?.total ?? 0,
            showTotal: (total) => t('common.total', { total }),
            onChange: (p, size) => set({ page: String(p), pageSize: String(size) }),
          }}
        />
      </ScrollRegion>
    </div>
  );
}
