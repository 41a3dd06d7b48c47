import { Alert, App, Button, Popconfirm, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../app/form-errors';
import { formatDate, formatDateTime } from '../../app/format';
import { usePageTitle } from '../../app/page-title';
import { PageSpinner } from '../../app/pages/status-pages';
import { StatusChip } from '../../app/status-chip';
import { useLocale } from '../../i18n';
import { getPolicy, policyKeys } from '../policies/api';
import { ReasonList } from '../policies/components';
import { POLICY_STATUS_TONE, policyName, usePolicyLabels, yuan } from '../policies/labels';
import { usePolicyPaths } from '../policies/paths';
import { decide, getPolicyApplication, policyAppKeys, type PolicyApplication } from './api';
import { ApplicationForm } from './application-form';
import { ApplicationDocuments } from './documents';
import { PayeeAccountPanel } from './payee-account';
import { PolicyTimeline } from './timeline';
import '../policies/policies.css';

/**
 * The applicant's view of one application: status and reasons, confirm what staff prepared,
 * correct and resubmit after a return, withdraw, the bank account for the payment, the timeline.
 */
export function PolicyApplicationPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { id = '' } = useParams();
  const paths = usePolicyPaths();
  const app = useQuery({ queryKey: policyAppKeys.one(id), queryFn: () => getPolicyApplication(id) });
  const a = app.data;
  const policy = useQuery({
    enabled: a !== undefined,
    queryKey: policyKeys.one(a?.policyCode ?? ''),
    queryFn: () => getPolicy(a?.policyCode ?? ''),
  });
  usePageTitle(
    a ? policyName({ nameZh: a.policyNameZh, nameEn: a.policyNameEn }, locale) : t('policies.mine.title'),
  );
  return (
    <div className="page page--reading">
      <p>{paths.mine && <Link to={paths.mine}>{t('policies.mine.back')}</Link>}</p>
      {app.isPending && <PageSpinner />}
      <ProblemAlert error={app.error} />
      {a && <ApplicationView application={a} policy={policy.data} />}
    </div>
  );
}

function ApplicationView({
  application: a,
  policy,
}: {
  application: PolicyApplication;
  policy: Awaited<ReturnType<typeof getPolicy>> | undefined;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = usePolicyLabels();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const act = useMutation({
    mutationFn: () => decide(a.id, { action: 'withdraw' }),
    onSuccess: (saved) => {
      queryClient.setQueryData(policyAppKeys.one(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: policyAppKeys.all });
      void message.success(t('policies.detail.withdrawn'));
    },
  });
  const name = policyName({ nameZh: a.policyNameZh, nameEn: a.policyNameEn }, locale);
  const prepared = a.preparedByStaff && a.status === 'draft';
  const editable =
    !prepared && (a.allowedActions.includes('submit') || a.allowedActions.includes('resubmit'));
  const docNames = new Map((policy?.requiredDocuments ?? []).map((d) => [d.code, d]));
  return (
    <>
      <Typography.Title level={1}>{name}</Typography.Title>
      <p role="status">
        {t('policies.mine.status')}{' '}
        <StatusChip tone={POLICY_STATUS_TONE[a.status]}>{labels.status(a.status)}</StatusChip>
      </p>
      <dl className="policy-facts">
        <div>
          <dt>{t('policies.detail.applicant')}</dt>
          <dd>{a.subject.name}</dd>
        </div>
        {a.amountFen !== null && (
          <div>
            <dt>{t('policies.detail.amount')}</dt>
            <dd>{yuan(a.amountFen, locale)}</dd>
          </div>
        )}
        {a.submittedAt && (
          <div>
            <dt>{t('policies.detail.submittedAt')}</dt>
            <dd>{formatDateTime(a.submittedAt, locale)}</dd>
          </div>
        )}
        {a.noticeStartsAt && a.noticeEndsAt && (
          <div>
            <dt>{t('policies.detail.notice')}</dt>
            <dd>
              {t('policies.notice.periodValue', {
                from: formatDate(a.noticeStartsAt, locale),
                to: formatDate(a.noticeEndsAt, locale),
              })}
            </dd>
          </div>
        )}
      </dl>
      {a.lastNote && (a.status === 'returned' || a.status === 'rejected') && (
        <Alert
          type={a.status === 'returned' ? 'warning' : 'error'}
          showIcon
          title={
            a.status === 'returned' ? t('policies.detail.returnedTitle') : t('policies.detail.rejectedTitle')
          }
          description={a.lastNote}
          style={{ marginBottom: 16 }}
        />
      )}
      <ProblemAlert error={act.error} />

      {prepared && (
        <section aria-labelledby="confirm-title" className="policy-section">
          <Typography.Title level={2} id="confirm-title">
            {t('policies.detail.confirmTitle')}
          </Typography.Title>
          <Typography.Paragraph>{t('policies.detail.confirmIntro')}</Typography.Paragraph>
          {a.eligibility && (
            <ReasonList reasons={a.eligibility.reasons} label={t('policies.check.reasons')} />
          )}
          {/* The beneficiary adds the documents the policy asks for, then confirms (submits). */}
          {policy && a.allowedActions.includes('submit') && <ApplicationForm policy={policy} existing={a} />}
        </section>
      )}

      {editable && policy && (
        <section aria-labelledby="edit-title" className="policy-section">
          <Typography.Title level={2} id="edit-title">
            {a.status === 'returned' ? t('policies.detail.correctTitle') : t('policies.detail.editTitle')}
          </Typography.Title>
          <ApplicationForm policy={policy} existing={a} />
        </section>
      )}

      {!prepared && a.eligibility && (
        <section aria-labelledby="reasons-title" className="policy-section">
          <Typography.Title level={2} id="reasons-title">
            {t('policies.detail.eligibility')}
          </Typography.Title>
          <ReasonList reasons={a.eligibility.reasons} label={t('policies.detail.eligibility')} />
        </section>
      )}

      {a.amountFen !== null && a.amountFen > 0 && a.status !== 'withdrawn' && a.status !== 'rejected' && (
        <section aria-labelledby="payee-title" className="policy-section">
          <Typography.Title level={2} id="payee-title">
            {t('policies.payee.title')}
          </Typography.Title>
          <PayeeAccountPanel subject={a.subject} />
        </section>
      )}

      {!editable && (
        <section aria-labelledby="docs-title" className="policy-section">
          <Typography.Title level={2} id="docs-title">
            {t('policies.detail.documents')}
          </Typography.Title>
          <ApplicationDocuments application={a} docNames={docNames} />
        </section>
      )}

      <section aria-labelledby="timeline-title" className="policy-section">
        <Typography.Title level={2} id="timeline-title">
          {t('policies.detail.timeline')}
        </Typography.Title>
        <PolicyTimeline application={a} />
      </section>

      {a.allowedActions.includes('withdraw') && (
        <Popconfirm
          title={t('policies.detail.confirmWithdraw')}
          okText={t('common.confirm')}
          cancelText={t('common.cancel')}
          onConfirm={() => act.mutate()}
        >
          <Button danger loading={act.isPending}>
            {t('policies.detail.withdraw')}
          </Button>
        </Popconfirm>
      )}
    </>
  );
}
