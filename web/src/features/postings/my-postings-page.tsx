import { useState } from 'react';
import { Alert, Pagination, Select, Space, Typography } from 'antd';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { POSTING_STATUSES, type PostingStatus } from '@jiuye/shared';
import { ButtonLink } from '../../app/button-link';
import { ProblemAlert } from '../../app/form-errors';
import { formatDate } from '../../app/format';
import { POSTING_TONE, useLabels } from '../../app/labels';
import { formatSalary } from '../../app/money';
import { usePageTitle } from '../../app/page-title';
import { PageSpinner } from '../../app/pages/status-pages';
import { StatusChip } from '../../app/status-chip';
import { useLocale } from '../../i18n';
import { useMyEnterprises } from '../enterprises/use-my-enterprises';
import { listEnterprisePostings, postingKeys } from './api';

const PAGE_SIZE = 20;

/** The enterprise's postings with their status, flags and the way to their applicants. */
export function MyPostingsPage() {
  const { t } = useTranslation();
  usePageTitle(t('postings.mineTitle'));
  const locale = useLocale();
  const labels = useLabels();
  const mine = useMyEnterprises();
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const [status, setStatus] = useState<PostingStatus | undefined>(undefined);
  const [page, setPage] = useState(1);
  const enterpriseId = chosen ?? mine.data?.[0]?.id;
  const postings = useQuery({
    queryKey: [...postingKeys.ofEnterprise(enterpriseId ?? '', status), page],
    queryFn: () => listEnterprisePostings(enterpriseId ?? '', { page, pageSize: PAGE_SIZE, status }),
    enabled: Boolean(enterpriseId),
    placeholderData: keepPreviousData,
  });

  return (
    <div className="page">
      <Typography.Title level={1}>{t('postings.mineTitle')}</Typography.Title>
      {mine.isPending && <PageSpinner />}
      <ProblemAlert error={mine.error ?? postings.error} />
      {mine.data?.length === 0 && (
        <Alert
          type="info"
          showIcon
          title={t('postings.needEnterprise')}
          action={<Link to="/employer/enterprise">{t('enterprise.title')}</Link>}
        />
      )}
      {enterpriseId && (
        <>
          <div className="toolbar">
            {(mine.data?.length ?? 0) > 1 && (
              <Select<string>
                aria-label={t('postings.enterprise')}
                value={enterpriseId}
                onChange={(v) => {
                  setChosen(v);
                  setPage(1);
                }}
                options={(mine.data ?? []).map((e) => ({ value: e.id, label: e.name }))}
                style={{ minWidth: 200 }}
              />
            )}
            <Select<PostingStatus | ''>
              aria-label={t('postings.statusFilter')}
              value={status ?? ''}
              onChange={(v) => {
                setStatus(v || undefined);
                setPage(1);
              }}
              options={[
                { value: '', label: t('postings.allStatuses') },
                ...POSTING_STATUSES.map((s) => ({ value: s, label: labels.postingStatus(s) })),
              ]}
              style={{ minWidth: 140 }}
            />
            <ButtonLink
              type="primary"
              icon={<PlusOutlined aria-hidden />}
              to={`/employer/postings/new?enterprise=${enterpriseId}`}
            >
              {t('postings.new')}
            </ButtonLink>
            <ButtonLink
              icon={<UploadOutlined aria-hidden />}
              to={`/employer/postings/import?enterprise=${enterpriseId}`}
            >
              {t('imports.title')}
            </ButtonLink>
          </div>
          {postings.data?.items.length === 0 && (
            <Alert type="info" showIcon title={t('postings.mineEmpty')} />
          )}
          {postings.data && postings.data.items.length > 0 && (
            <ul className="card-list">
              {postings.data.items.map((p) => (
                <li key={p.id}>
                  <article className="posting-row" aria-labelledby={`posting-${p.id}`}>
                    <h2 className="card-heading" id={`posting-${p.id}`}>
                      <Link to={`/employer/postings/${p.id}`}>{p.title}</Link>
                    </h2>
                    <p>
                      <StatusChip tone={POSTING_TONE[p.status]}>{labels.postingStatus(p.status)}</StatusChip>{' '}
                      {p.flags.length > 0 && (
                        <StatusChip tone="warning">
                          {t('postings.flags.count', { count: p.flags.length })}
                        </StatusChip>
                      )}
                    </p>
                    <p>
                      {formatSalary(p.salaryMinFen, p.salaryMaxFen, p.salaryPeriod, locale)}
                      <span aria-hidden> · </span>
                      <span className="sr-only">, </span>
                      {p.districtName}
                      <span aria-hidden> · </span>
                      <span className="sr-only">, </span>
                      {t('postings.hiredOf', { hired: p.hiredCount, total: p.headcount })}
                      <span aria-hidden> · </span>
                      <span className="sr-only">, </span>
                      {t('postings.expires', { date: formatDate(p.expiresOn, locale) })}
                    </p>
                    <Space wrap size={[16, 4]}>
                      <Link to={`/employer/postings/${p.id}/applicants`}>
                        {t('pipeline.title')}
                        <span className="sr-only"> {p.title}</span>
                      </Link>
                      <Link to={`/employer/postings/${p.id}/candidates`}>
                        {t('candidates.title')}
                        <span className="sr-only"> {p.title}</span>
                      </Link>
                    </Space>
                  </article>
                </li>
              ))}
            </ul>
          )}
          {postings.data && postings.data.total > PAGE_SIZE && (
            <Pagination
              current={page}
              pageSize={PAGE_SIZE}
              total={postings.data.total}
              onChange={setPage}
              showSizeChanger={false}
              style={{ marginTop: 16 }}
            />
          )}
          {postings.isFetching && !postings.isPending && (
            <span className="sr-only" role="status">
              {t('common.loading')}
            </span>
          )}
        </>
      )}
    </div>
  );
}
