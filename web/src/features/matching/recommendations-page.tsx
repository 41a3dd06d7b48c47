import { Alert, Button, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api-client';
import { ButtonLink } from '../../app/button-link';
import { ProblemAlert } from '../../app/form-errors';
import { usePageTitle } from '../../app/page-title';
import { PageSpinner } from '../../app/pages/status-pages';
import { JobCard } from '../search/job-card';
import { listRecommendations, matchingKeys } from './api';
import { MatchReasons } from './reasons';

/** Jobs for this seeker, best first, each with its score and the reasons behind it. */
export function RecommendationsPage() {
  const { t } = useTranslation();
  usePageTitle(t('matching.title'));
  const recs = useQuery({
    queryKey: matchingKeys.recommendations(1),
    queryFn: () => listRecommendations(1, 20),
    placeholderData: keepPreviousData,
  });
  const noResume = isApiError(recs.error, 'resume_required') || isApiError(recs.error, 'not_found');

  return (
    <div className="page page--reading">
      <Typography.Title level={1}>{t('matching.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('matching.intro')}</Typography.Paragraph>
      {recs.isPending && <PageSpinner />}
      {noResume && (
        <Alert
          type="info"
          showIcon
          title={t('matching.needResume')}
          action={
            <ButtonLink type="primary" to="/seeker/resume?next=%2Fseeker%2Frecommendations">
              {t('apply.writeResume')}
            </ButtonLink>
          }
        />
      )}
      {recs.isError && !noResume && (
        <div className="load-error">
          <ProblemAlert error={recs.error} />
          <Button onClick={() => void recs.refetch()}>{t('common.retry')}</Button>
        </div>
      )}
      {recs.data && recs.data.items.length === 0 && (
        <Alert type="info" showIcon title={t('matching.empty')} />
      )}
      {recs.data && recs.data.items.length > 0 && (
        <ol className="job-list">
          {recs.data.items.map((r) => (
            <li key={r.postingId}>
              <JobCard
                job={{
                  id: r.postingId,
                  title: r.title,
                  enterpriseName: r.enterpriseName,
                  districtName: r.districtName,
                  salaryMinFen: r.salaryMinFen,
                  salaryMaxFen: r.salaryMaxFen,
                  salaryPeriod: r.salaryPeriod,
                  employmentType: r.employmentType,
                  benefits: r.benefits,
                  publishedAt: r.publishedAt,
                }}
              >
                <MatchReasons score={r.score} reasons={r.reasons} id={r.postingId} />
              </JobCard>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
