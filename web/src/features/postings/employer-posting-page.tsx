import { Alert, Space, Typography } from 'antd';
import { EditOutlined, TeamOutlined, UsergroupAddOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ButtonLink } from '../../app/button-link';
import { ProblemAlert } from '../../app/form-errors';
import { HighlightPhrases } from '../../app/highlight';
import { POSTING_TONE, useLabels } from '../../app/labels';
import { usePageTitle } from '../../app/page-title';
import { PageSpinner } from '../../app/pages/status-pages';
import { StatusChip } from '../../app/status-chip';
import { EDITABLE_STATUSES, getPosting, postingKeys } from './api';
import { FlagList } from './flag-hints';
import { PostingFacts } from './posting-facts';
import { PostingStatusActions } from './posting-status-actions';

/** One of the enterprise's postings: its status, the checker's flags, the reviewer's reason. */
export function EmployerPostingPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const { id = '' } = useParams();
  const posting = useQuery({ queryKey: postingKeys.one(id), queryFn: () => getPosting(id) });
  usePageTitle(posting.data?.title ?? t('postings.viewTitle'));
  const p = posting.data;
  return (
    <div className="page page--reading">
      <p>
        <Link to="/employer/postings">{t('postings.backToList')}</Link>
      </p>
      {posting.isPending && <PageSpinner />}
      <ProblemAlert error={posting.error} />
      {p && (
        <>
          <Typography.Title level={1}>{p.title}</Typography.Title>
          <Typography.Paragraph>
            {t('postings.currentStatus')}{' '}
            <StatusChip tone={POSTING_TONE[p.status]}>{labels.postingStatus(p.status)}</StatusChip>
          </Typography.Paragraph>
          {p.status === 'pending_review' && (
            <Alert type="info" showIcon title={t('postings.pendingNote')} style={{ marginBottom: 12 }} />
          )}
          {p.status === 'rejected' && (
            <Alert
              type="error"
              showIcon
              title={t('postings.rejectedReason', { reason: p.reviewReason ?? '' })}
              description={t('postings.rejectedHelp')}
              style={{ marginBottom: 12 }}
            />
          )}
          {p.flags.length > 0 && (
            <section aria-labelledby="flags-title" className="flags-section">
              <Typography.Title level={2} id="flags-title">
                {t('postings.flags.title', { count: p.flags.length })}
              </Typography.Title>
              <Typography.Paragraph>{t('postings.flags.explain')}</Typography.Paragraph>
              <FlagList flags={p.flags} />
            </section>
          )}
          <Space wrap style={{ margin: '12px 0' }}>
            {EDITABLE_STATUSES.includes(p.status) && (
              <ButtonLink
                type="primary"
                icon={<EditOutlined aria-hidden />}
                to={`/employer/postings/${p.id}/edit`}
              >
                {t('common.edit')}
              </ButtonLink>
            )}
            <ButtonLink icon={<TeamOutlined aria-hidden />} to={`/employer/postings/${p.id}/applicants`}>
              {t('pipeline.title')}
            </ButtonLink>
            <ButtonLink
              icon={<UsergroupAddOutlined aria-hidden />}
              to={`/employer/postings/${p.id}/candidates`}
            >
              {t('candidates.title')}
            </ButtonLink>
          </Space>
          <PostingStatusActions posting={p} />
          <PostingFacts
            posting={p}
            descriptionSlot={
              <Typography.Paragraph className="pre-wrap">
                <HighlightPhrases
                  text={p.description || t('posting.noDescription')}
                  phrases={p.flags.filter((f) => f.field === 'description').map((f) => f.text)}
                />
              </Typography.Paragraph>
            }
          />
        </>
      )}
    </div>
  );
}
