import { Alert, App, Button, Card, Popconfirm, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../app/form-errors';
import { formatDateTime } from '../../app/format';
import { useLabels } from '../../app/labels';
import { usePageTitle } from '../../app/page-title';
import { PageSpinner } from '../../app/pages/status-pages';
import { useLocale } from '../../i18n';
import { paramsFromFilters } from '../search/filters';
import { alertKeys, deleteSavedSearch, listSavedSearches, type SavedSearch } from './api';

/** Saved searches: new matching jobs arrive as notifications. */
export function SavedSearchesPage() {
  const { t } = useTranslation();
  usePageTitle(t('savedSearches.title'));
  const list = useQuery({ queryKey: alertKeys.savedSearches, queryFn: listSavedSearches });
  return (
    <div className="page page--reading">
      <Typography.Title level={1}>{t('savedSearches.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('savedSearches.intro')}</Typography.Paragraph>
      {list.isPending && <PageSpinner />}
      <ProblemAlert error={list.error} />
      {list.data?.length === 0 && (
        <Alert
          type="info"
          showIcon
          title={t('savedSearches.empty')}
          action={<Link to="/seeker/jobs">{t('nav.jobs')}</Link>}
        />
      )}
      {list.data && list.data.length > 0 && (
        <ul className="card-list">
          {list.data.map((s) => (
            <li key={s.id}>
              <SavedSearchCard search={s} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function SavedSearchCard({ search: s }: { search: SavedSearch }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useLabels();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => deleteSavedSearch(s.id),
    onSuccess: () => {
      void message.success(t('savedSearches.deleted'));
      void queryClient.invalidateQueries({ queryKey: alertKeys.savedSearches });
    },
  });
  const q = s.query;
  const parts = [
    q.q,
    q.salaryMinFen
      ? t('search.filters.salaryAtLeast', { amount: (q.salaryMinFen / 100).toLocaleString() })
      : null,
    q.employmentType ? labels.employmentType(q.employmentType) : null,
    ...(q.benefits ?? []).map((b) => labels.benefit(b)),
  ].filter((x): x is string => Boolean(x));
  return (
    <Card size="small" title={<h2 className="card-heading">{s.name}</h2>}>
      <p>{parts.join(' · ')}</p>
      <p>
        {t('savedSearches.frequency', { frequency: t(`savedSearches.frequencies.${s.frequency}`) })}
        {s.lastNotifiedAt &&
          ` · ${t('savedSearches.lastNotified', { date: formatDateTime(s.lastNotifiedAt, locale) })}`}
      </p>
      <ProblemAlert error={remove.error} />
      <Link to={`/seeker/jobs?${paramsFromFilters({ ...q }).toString()}`}>{t('savedSearches.run')}</Link>{' '}
      <Popconfirm
        title={t('savedSearches.confirmDelete', { name: s.name })}
        okText={t('common.confirm')}
        cancelText={t('common.cancel')}
        onConfirm={() => remove.mutate()}
      >
        <Button type="link" danger loading={remove.isPending}>
          {t('common.delete')}
          <span className="sr-only"> {s.name}</span>
        </Button>
      </Popconfirm>
    </Card>
  );
}
