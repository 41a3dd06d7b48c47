import { Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useLocation, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../app/form-errors';
import { usePageTitle } from '../../app/page-title';
import { PageSpinner } from '../../app/pages/status-pages';
import { ApplyPanel } from '../applications/apply-panel';
import { getPosting, postingKeys } from './api';
import { PostingFacts } from './posting-facts';

/** A job as a seeker sees it, with the apply panel. */
export function PostingDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const location = useLocation();
  const state = location.state as { back?: unknown } | null;
  // Back to the list the job was opened from, with its words and filters.
  const back =
    typeof state?.back === 'string' && state.back.startsWith('/seeker/') ? state.back : '/seeker/jobs';
  const posting = useQuery({ queryKey: postingKeys.one(id), queryFn: () => getPosting(id) });
  usePageTitle(posting.data?.title ?? t('posting.detailTitle'));

  return (
    <div className="page page--reading">
      <p>
        <Link to={back}>{t('posting.back')}</Link>
      </p>
      {posting.isPending && <PageSpinner />}
      {posting.isError && (
        <>
          <Typography.Title level={1}>{t('posting.detailTitle')}</Typography.Title>
          <ProblemAlert error={posting.error} />
        </>
      )}
      {posting.data && (
        <>
          <Typography.Title level={1}>{posting.data.title}</Typography.Title>
          <PostingFacts posting={posting.data} />
          <ApplyPanel posting={posting.data} />
        </>
      )}
    </div>
  );
}
