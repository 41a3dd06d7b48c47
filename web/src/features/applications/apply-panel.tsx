import { useRef, useState, type ReactNode } from 'react';
import { Alert, Button, Card, Checkbox, Input, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Posting } from '@jiuye/shared';
import { isApiError } from '../../app/api-client';
import { ButtonLink } from '../../app/button-link';
import { ProblemAlert } from '../../app/form-errors';
import { formatDateTime } from '../../app/format';
import { newIdempotencyKey } from '../../app/idempotency';
import { APPLICATION_TONE, useLabels } from '../../app/labels';
import { StatusChip } from '../../app/status-chip';
import { useLocale } from '../../i18n';
import { getMyResume, resumeKeys } from '../resumes/api';
import { applicationKeys, applyToPosting, listMyApplications, type Application } from './api';

/** A failure worth retrying with the same key: the request may have reached the server. */
function mayHaveArrived(error: unknown): boolean {
  return !isApiError(error) || error.status === 0 || error.status >= 500;
}

/**
 * Apply once. The consent to share the résumé is asked here, once; after applying, the panel
 * shows the application's status instead. A double tap cannot apply twice: the button is locked
 * while the request runs, the attempt carries one Idempotency-Key (reused when retrying after a
 * network failure), and the server's `already_applied` just shows the existing application.
 */
export function ApplyPanel({ posting }: { posting: Posting }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useLabels();
  const queryClient = useQueryClient();
  const [consent, setConsent] = useState(false);
  const [message, setMessage] = useState('');
  const [consentMissing, setConsentMissing] = useState(false);
  const attemptKey = useRef<string | null>(null);
  const inFlight = useRef(false);

  const applications = useQuery({ queryKey: applicationKeys.mine, queryFn: listMyApplications });
  const resume = useQuery({ queryKey: resumeKeys.mine, queryFn: getMyResume });

  const apply = useMutation({
    mutationFn: () => {
      attemptKey.current ??= newIdempotencyKey();
      return applyToPosting(posting.id, attemptKey.current, message.trim() || undefined);
    },
    onSuccess: (created) => {
      attemptKey.current = null;
      queryClient.setQueryData<Application[]>(applicationKeys.mine, (old) => [
        created,
        ...(old ?? []).filter((a) => a.id !== created.id),
      ]);
    },
    onError: (error) => {
      if (!mayHaveArrived(error)) attemptKey.current = null;
      if (isApiError(error, 'already_applied'))
        void queryClient.invalidateQueries({ queryKey: applicationKeys.mine });
    },
    onSettled: () => {
      inFlight.current = false;
    },
  });

  const submit = () => {
    if (!consent) {
      setConsentMissing(true);
      return;
    }
    // A second tap before React re-renders the locked button is ignored here.
    if (inFlight.current) return;
    inFlight.current = true;
    apply.mutate();
  };

  const mine = (applications.data ?? [])
    .filter((a) => a.postingId === posting.id)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const current = mine.find((a) => a.status !== 'withdrawn' && a.status !== 'rejected') ?? null;
  const last = mine[0] ?? null;

  let body: ReactNode;
  if (applications.isPending || resume.isPending) {
    body = <Typography.Paragraph>{t('common.loading')}</Typography.Paragraph>;
  } else if (applications.isError || resume.isError) {
    body = (
      <>
        <ProblemAlert error={applications.error ?? resume.error} />
        <Button
          onClick={() => {
            void applications.refetch();
            void resume.refetch();
          }}
        >
          {t('common.retry')}
        </Button>
      </>
    );
  } else if (current) {
    body = (
      <div role="status">
        <Typography.Paragraph>
          {t('apply.appliedOn', { date: formatDateTime(current.createdAt, locale) })}{' '}
          <StatusChip tone={APPLICATION_TONE[current.status]}>
            {labels.applicationStatus(current.status)}
          </StatusChip>
        </Typography.Paragraph>
        {current.status === 'interview' && current.interviewAt && (
          <Typography.Paragraph>
            {t('applications.interviewAt', {
              time: formatDateTime(current.interviewAt, locale),
              place: current.interviewPlace ?? '',
            })}
          </Typography.Paragraph>
        )}
        <Link to="/seeker/applications">{t('apply.seeApplications')}</Link>
      </div>
    );
  } else if (posting.status !== 'published') {
    body = <Alert type="info" showIcon title={t('apply.notOpen')} />;
  } else if (!resume.data) {
    body = (
      <>
        <Typography.Paragraph>{t('apply.needResume')}</Typography.Paragraph>
        <ButtonLink
          type="primary"
          to={`/seeker/resume?next=${encodeURIComponent(`/seeker/jobs/${posting.id}`)}`}
        >
          {t('apply.writeResume')}
        </ButtonLink>
      </>
    );
  } else {
    body = (
      <>
        {last && (
          <Typography.Paragraph>
            {t('apply.previous', { status: labels.applicationStatus(last.status) })}
          </Typography.Paragraph>
        )}
        <ProblemAlert error={isApiError(apply.error, 'already_applied') ? null : apply.error} />
        <label htmlFor="apply-message" className="field-label">
          {t('apply.message')}
        </label>
        <Input.TextArea
          id="apply-message"
          value={message}
          onChange={(e) => setMessage(e.target.value)}
          maxLength={500}
          autoSize={{ minRows: 2, maxRows: 5 }}
          style={{ marginBottom: 12 }}
        />
        <Checkbox
          checked={consent}
          onChange={(e) => {
            setConsent(e.target.checked);
            setConsentMissing(false);
          }}
          aria-describedby={consentMissing ? 'apply-consent-error' : undefined}
          aria-invalid={consentMissing || undefined}
        >
          {t('apply.consent', { enterprise: posting.enterpriseName })}
        </Checkbox>
        {consentMissing && (
          <div id="apply-consent-error" className="field-error" role="alert">
            {t('apply.consentRequired')}
          </div>
        )}
        <Button
          type="primary"
          size="large"
          block
          style={{ marginTop: 16 }}
          loading={apply.isPending}
          onClick={submit}
        >
          {mayHaveArrived(apply.error) && apply.isError ? t('apply.retry') : t('apply.submit')}
        </Button>
      </>
    );
  }

  return (
    <Card className="apply-panel" title={<h2 className="card-heading">{t('apply.title')}</h2>}>
      {body}
    </Card>
  );
}
