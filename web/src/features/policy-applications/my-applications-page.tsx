import { Alert, Button, Card, Pagination, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ButtonLink } from '../../app/button-link';
import { ProblemAlert } from '../../app/form-errors';
import { formatDateTime } from '../../app/format';
import { usePageTitle } from '../../app/page-title';
import { PageSpinner } from '../../app/pages/status-pages';
import { StatusChip } from '../../app/status-chip';
import { useLocale } from '../../i18n';
import { POLICY_STATUS_TONE, policyName, usePolicyLabels, yuan } from '../policies/labels';
import { usePolicyPaths } from '../policies/paths';
import { listPolicyApplications, policyAppKeys, type PolicyApplicationSummary } from './api';
import '../policies/policies.css';

/** The applicant's applications: status, amount, what to do next (confirm, correct). */
export function MyPolicyApplicationsPage() {
  const { t } = useTranslation();
  usePageTitle(t('policies.mine.title'));
  const paths = usePolicyPaths();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const query = { page, pageSize: 20 };
  const list = useQuery({
    queryKey: policyAppKeys.list({ ...query, mine: 'applicant' }),
    queryFn: () => listPolicyApplications(query),
    placeholderData: keepPreviousData,
  });
  const items = list.data?.items ?? [];
  const toConfirm = items.filter((a) => a.preparedByStaff && a.status === 'draft');
  return (
    <div className="page page--reading">
      <Typography.Title level={1}>{t('policies.mine.title')}</Typography.Title>
      <div className="toolbar">
        <ButtonLink to={paths.catalogue} type="primary">
          {t('policies.mine.browse')}
        </ButtonLink>
        {paths.area === 'seeker' && (
          <ButtonLink to="/seeker/startup">{t('policies.startup.title')}</ButtonLink>
        )}
      </div>
      {toConfirm.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t('policies.mine.toConfirm', { count: toConfirm.length })}
          style={{ marginBottom: 16 }}
        />
      )}
      {list.isPending && <PageSpinner />}
      {list.isError && (
        <div className="load-error">
          <ProblemAlert error={list.error} />
          <Button onClick={() => void list.refetch()}>{t('common.retry')}</Button>
        </div>
      )}
      {list.data?.items.length === 0 && <Alert type="info" showIcon title={t('policies.mine.empty')} />}
      {items.length > 0 && (
        <ul className="card-list">
          {items.map((a) => (
            <li key={a.id}>
              <ApplicationCard application={a} to={paths.application(a.id)} />
            </li>
          ))}
        </ul>
      )}
      {list.data && list.data.total > list.data.pageSize && (
        <Pagination
          current={page}
          pageSize={list.data.pageSize}
          total={list.data.total}
          showSizeChanger={false}
          onChange={(p) => setParams({ page: String(p) }, { replace: true })}
        />
      )}
    </div>
  );
}

function ApplicationCard({ application: a, to }: { application: PolicyApplicationSummary; to: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = usePolicyLabels();
  const headingId = `policy-application-${a.id}`;
  return (
    <article aria-labelledby={headingId}>
      <Card size="small">
        <h2 className="card-heading" id={headingId}>
          <Link to={to}>{policyName({ nameZh: a.policyNameZh, nameEn: a.policyNameEn }, locale)}</Link>
        </h2>
        <p>
          {a.subject.name}
          <span aria-hidden> · </span>
          <span className="sr-only">, </span>
          {t('policies.mine.updated', { time: formatDateTime(a.updatedAt, locale) })}
        </p>
        <p>
          {t('policies.mine.status')}{' '}
          <StatusChip tone={POLICY_STATUS_TONE[a.status]}>{labels.status(a.status)}</StatusChip>
          {a.preparedByStaff && a.status === 'draft' && (
            <>
              {' '}
              <StatusChip tone="warning">{t('policies.mine.preparedForYou')}</StatusChip>
            </>
          )}
        </p>
        {a.amountFen !== null && <p>{t('policies.mine.amount', { amount: yuan(a.amountFen, locale) })}</p>}
        {a.lastNote && (a.status === 'returned' || a.status === 'rejected') && (
          <p>{t('policies.mine.note', { note: a.lastNote })}</p>
        )}
      </Card>
    </article>
  );
}
