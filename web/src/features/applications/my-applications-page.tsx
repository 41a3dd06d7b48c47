import { Alert, App, Button, Card, Popconfirm, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../app/form-errors';
import { formatDateTime } from '../../app/format';
import { APPLICATION_TONE, useLabels } from '../../app/labels';
import { usePageTitle } from '../../app/page-title';
import { PageSpinner } from '../../app/pages/status-pages';
import { StatusChip } from '../../app/status-chip';
import { useLocale } from '../../i18n';
import {
  applicationKeys,
  listMyApplications,
  OPEN_STATUSES,
  updateApplication,
  type Application,
} from './api';
import { ApplicationTimeline } from './timeline';

export function MyApplicationsPage() {
  const { t } = useTranslation();
  usePageTitle(t('applications.mineTitle'));
  const list = useQuery({ queryKey: applicationKeys.mine, queryFn: listMyApplications });
  return (
    <div className="page page--reading">
      <Typography.Title level={1}>{t('applications.mineTitle')}</Typography.Title>
      {list.isPending && <PageSpinner />}
      {list.isError && (
        <div className="load-error">
          <ProblemAlert error={list.error} />
          <Button onClick={() => void list.refetch()}>{t('common.retry')}</Button>
        </div>
      )}
      {list.data?.length === 0 && (
        <Alert
          type="info"
          showIcon
          title={t('applications.mineEmpty')}
          action={<Link to="/seeker/jobs">{t('nav.jobs')}</Link>}
        />
      )}
      {list.data && list.data.length > 0 && (
        <ul className="card-list">
          {list.data.map((a) => (
            <li key={a.id}>
              <MyApplicationCard application={a} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function MyApplicationCard({ application: a }: { application: Application }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useLabels();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const withdraw = useMutation({
    mutationFn: () => updateApplication(a.id, { status: 'withdrawn' }),
    onSuccess: (updated) => {
      queryClient.setQueryData<Application[]>(applicationKeys.mine, (old) =>
        (old ?? []).map((x) => (x.id === updated.id ? updated : x)),
      );
      void message.success(t('applications.withdrawn'));
    },
  });
  return (
    <article aria-labelledby={`application-${a.id}`}>
      <Card
        size="small"
        title={
          <h2 className="card-heading" id={`application-${a.id}`}>
            <Link to={`/seeker/jobs/${a.postingId}`}>{a.postingTitle}</Link>
          </h2>
        }
      >
        <p>
          {a.enterpriseName}
          <span aria-hidden> · </span>
          <span className="sr-only">, </span>
          {t('applications.appliedOn', { date: formatDateTime(a.createdAt, locale) })}
        </p>
        <p>
          {t('applications.status')}{' '}
          <StatusChip tone={APPLICATION_TONE[a.status]}>{labels.applicationStatus(a.status)}</StatusChip>
        </p>
        {a.status === 'interview' && a.interviewAt && (
          <Alert
            type="warning"
            showIcon
            title={t('applications.interviewAt', {
              time: formatDateTime(a.interviewAt, locale),
              place: a.interviewPlace ?? '',
            })}
            style={{ marginBottom: 8 }}
          />
        )}
        {a.status === 'rejected' && a.rejectReason && (
          <p>{t('applications.rejectReason', { reason: a.rejectReason })}</p>
        )}
        {a.note && <p>{t('applications.note', { note: a.note })}</p>}
        <details className="timeline-details">
          <summary>{t('applications.timeline')}</summary>
          <ApplicationTimeline application={a} />
        </details>
        <ProblemAlert error={withdraw.error} />
        {OPEN_STATUSES.includes(a.status) && (
          <Popconfirm
            title={t('applications.confirmWithdraw', { title: a.postingTitle })}
            okText={t('common.confirm')}
            cancelText={t('common.cancel')}
            onConfirm={() => withdraw.mutate()}
          >
            <Button loading={withdraw.isPending}>
              {t('applications.withdraw')}
              <span className="sr-only"> {a.postingTitle}</span>
            </Button>
          </Popconfirm>
        )}
      </Card>
    </article>
  );
}
