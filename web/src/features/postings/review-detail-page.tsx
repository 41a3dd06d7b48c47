import { useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Space, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Posting } from '@jiuye/shared';
import { isApiError } from '../../app/api-client';
import { applyProblemToForm, ProblemAlert, requiredRule } from '../../app/form-errors';
import { HighlightPhrases } from '../../app/highlight';
import { POSTING_TONE, useLabels } from '../../app/labels';
import { usePageTitle } from '../../app/page-title';
import { PageSpinner } from '../../app/pages/status-pages';
import { StatusChip } from '../../app/status-chip';
import { useLocale } from '../../i18n';
import { getPosting, postingKeys, reviewPosting } from './api';
import { FlagList } from './flag-hints';
import { PostingFacts } from './posting-facts';

/** One posting under review: the flagged words marked in the ad, then approve or reject. */
export function ReviewDetailPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const locale = useLocale();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const posting = useQuery({ queryKey: postingKeys.one(id), queryFn: () => getPosting(id) });
  usePageTitle(posting.data?.title ?? t('review.detailTitle'));
  const [rejecting, setRejecting] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();

  const review = useMutation({
    mutationFn: (body: { decision: 'approve' | 'reject'; reason?: string; version: number }) =>
      reviewPosting(id, body),
    onSuccess: (saved) => {
      queryClient.setQueryData(postingKeys.one(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: postingKeys.all });
      setRejecting(false);
      void message.success(saved.status === 'rejected' ? t('review.rejected') : t('review.approved'));
      void navigate('/staff/review');
    },
    onError: (error) => {
      if (isApiError(error)) applyProblemToForm(form, error.problem, ['reason']);
    },
  });

  const p: Posting | undefined = posting.data;
  const phrases = (field: 'title' | 'description') =>
    (p?.flags ?? []).filter((f) => f.field === field).map((f) => f.text);
  const flagTitle = (text: string) => {
    const f = p?.flags.find((x) => x.text === text);
    return f ? labels.flag(f.code) : '';
  };

  return (
    <div className="page page--reading">
      <p>
        <Link to="/staff/review">{t('review.backToQueue')}</Link>
      </p>
      {posting.isPending && <PageSpinner />}
      <ProblemAlert error={posting.error} />
      {p && (
        <>
          <Typography.Title level={1}>
            <HighlightPhrases text={p.title} phrases={phrases('title')} title={flagTitle} />
          </Typography.Title>
          <Typography.Paragraph>
            {t('postings.currentStatus')}{' '}
            <StatusChip tone={POSTING_TONE[p.status]}>{labels.postingStatus(p.status)}</StatusChip>{' '}
            {p.enterpriseVerified ? (
              <StatusChip tone="success">{t('review.enterpriseVerified')}</StatusChip>
            ) : (
              <StatusChip tone="warning">{t('review.enterpriseNotVerified')}</StatusChip>
            )}
          </Typography.Paragraph>
          {p.flags.length > 0 ? (
            <section aria-labelledby="review-flags" className="flags-section">
              <Typography.Title level={2} id="review-flags">
                {t('postings.flags.title', { count: p.flags.length })}
              </Typography.Title>
              <Typography.Paragraph>{t('review.flagsExplain')}</Typography.Paragraph>
              <FlagList flags={p.flags} />
            </section>
          ) : (
            <Alert type="success" showIcon title={t('review.noFlagsFound')} style={{ marginBottom: 12 }} />
          )}
          {p.reviewReason && p.status === 'rejected' && (
            <Alert type="error" showIcon title={t('postings.rejectedReason', { reason: p.reviewReason })} />
          )}
          {p.status === 'pending_review' && (
            <>
              <ProblemAlert error={rejecting ? null : review.error} />
              <Space wrap style={{ margin: '12px 0 20px' }}>
                <Button
                  type="primary"
                  loading={review.isPending && review.variables.decision === 'approve'}
                  onClick={() => review.mutate({ decision: 'approve', version: p.version })}
                >
                  {t('review.approve')}
                </Button>
                <Button
                  danger
                  onClick={() => {
                    review.reset();
                    setRejecting(true);
                  }}
                >
                  {t('review.reject')}
                </Button>
              </Space>
            </>
          )}
          <PostingFacts
            posting={p}
            descriptionSlot={
              <Typography.Paragraph className="pre-wrap">
                <HighlightPhrases
                  text={p.description || t('posting.noDescription')}
                  phrases={phrases('description')}
                  title={flagTitle}
                />
              </Typography.Paragraph>
            }
          />
          <Modal
            open={rejecting}
            title={t('review.rejectTitle')}
            okText={t('review.reject')}
            okButtonProps={{ danger: true }}
            cancelText={t('common.cancel')}
            confirmLoading={review.isPending}
            onOk={() => form.submit()}
            onCancel={() => setRejecting(false)}
            forceRender
            afterClose={() => form.resetFields()}
          >
            <ProblemAlert error={rejecting ? review.error : null} fieldNames={['reason']} />
            <Form
              form={form}
              layout="vertical"
              requiredMark={false}
              initialValues={{
                reason:
                  p.flags.length > 0
                    ? t('review.reasonTemplate', { words: p.flags.map((f) => `“${f.text}”`).join('、') })
                    : '',
              }}
              onFinish={(v) =>
                review.mutate({ decision: 'reject', reason: v.reason.trim(), version: p.version })
              }
            >
              <Form.Item
                name="reason"
                label={t('review.reason')}
                extra={t('review.reasonHelp')}
                rules={[requiredRule(locale)]}
              >
                <Input.TextArea maxLength={500} autoSize={{ minRows: 3, maxRows: 8 }} />
              </Form.Item>
            </Form>
          </Modal>
        </>
      )}
    </div>
  );
}
