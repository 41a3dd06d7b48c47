import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api-client';
import { applyProblemToForm, ProblemAlert, requiredRule } from '../../app/form-errors';
import { formatDate, formatDateTime } from '../../app/format';
import { usePageTitle } from '../../app/page-title';
import { PageSpinner } from '../../app/pages/status-pages';
import { StatusChip } from '../../app/status-chip';
import { useSignedInMe } from '../../app/use-me';
import { useLocale } from '../../i18n';
import { useDistrictNames } from '../reference/api';
import { getPolicy, policyKeys } from '../policies/api';
import { isCityWideStaffCodes } from '../policies/city-wide';
import { ReasonList } from '../policies/components';
import { POLICY_STATUS_TONE, policyName, usePolicyLabels, useRuleWords, yuan } from '../policies/labels';
import { factLabel } from '../policies/rule-words';
import {
  decide,
  getPolicyApplication,
  listPolicyApplications,
  policyAppKeys,
  type PolicyApplication,
  type PolicyDecisionAction,
} from './api';
import { fieldLabel } from './application-form';
import { ApplicationDocuments } from './documents';
import { queueQuery, type QueueState } from './review-queue-page';
import { PolicyTimeline } from './timeline';
import '../policies/policies.css';

type StaffAction = Extract<PolicyDecisionAction, 'start_review' | 'pass' | 'return' | 'reject' | 'approve'>;
const STAFF_ACTIONS: readonly StaffAction[] = ['start_review', 'pass', 'approve', 'return', 'reject'];
/** A return or a rejection must tell the applicant what to fix, or why. */
const NOTE_REQUIRED: readonly StaffAction[] = ['return', 'reject'];

function isQueueState(v: unknown): v is QueueState {
  return typeof v === 'object' && v !== null && 'queue' in v;
}

/**
 * One case for the district officer or the bureau: the facts, the eligibility reasons, the
 * documents, the timeline; pass / return / reject / approve with a note. After a decision the next
 * case of the same queue opens, so 200 cases a day need no trips back to the list.
 */
export function StaffPolicyApplicationPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { id = '' } = useParams();
  const location = useLocation();
  const queue = isQueueState(location.state) ? location.state.queue : null;
  const backTo = queue
    ? `${queue.mode === 'district' ? '/staff/policy-review' : '/staff/policy-approval'}${queue.search}`
    : '/staff/policy-review';
  const app = useQuery({ queryKey: policyAppKeys.one(id), queryFn: () => getPolicyApplication(id) });
  const a = app.data;
  usePageTitle(
    a
      ? `${a.subject.name} - ${policyName({ nameZh: a.policyNameZh, nameEn: a.policyNameEn }, locale)}`
      : t('policies.queue.detailTitle'),
  );
  const heading = useRef<HTMLHeadingElement>(null);
  // Each case opens with focus on its heading, so a screen reader announces the new case.
  useEffect(() => {
    if (a?.id) heading.current?.focus();
  }, [a?.id]);
  return (
    <div className="page page--reading">
      <p>
        <Link to={backTo}>{t('policies.queue.back')}</Link>
      </p>
      {app.isPending && <PageSpinner />}
      <ProblemAlert error={app.error} />
      {a && (
        <>
          <Typography.Title level={1} ref={heading} tabIndex={-1}>
            {a.subject.name}
          </Typography.Title>
          <CaseView application={a} queue={queue} backTo={backTo} />
        </>
      )}
    </div>
  );
}

function CaseView({
  application: a,
  queue,
  backTo,
}: {
  application: PolicyApplication;
  queue: QueueState['queue'] | null;
  backTo: string;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = usePolicyLabels();
  const me = useSignedInMe();
  const [district] = useDistrictNames([a.districtCode]);
  const policy = useQuery({ queryKey: policyKeys.one(a.policyCode), queryFn: () => getPolicy(a.policyCode) });
  const ctx = useRuleWords(policy.data?.formFields);
  const fields = new Map((policy.data?.formFields ?? []).map((f) => [f.key, f]));
  const docNames = new Map((policy.data?.requiredDocuments ?? []).map((d) => [d.code, d]));
  const actions = STAFF_ACTIONS.filter((x) => a.allowedActions.includes(x));
  const cityWide = isCityWideStaffCodes(me.districtCodes);
  // The formula's inputs other than the form's own fields (those are listed with the form data).
  const inputs = a.amount ? Object.entries(a.amount.inputs).filter(([f]) => !f.startsWith('form.')) : [];
  return (
    <>
      <p>
        <StatusChip tone={POLICY_STATUS_TONE[a.status]}>{labels.status(a.status)}</StatusChip>{' '}
        {a.preparedByStaff && <StatusChip tone="neutral">{t('policies.queue.prepared')}</StatusChip>}
      </p>
      {a.approvalsNeeded > 1 && (
        <Alert
          type="warning"
          showIcon
          title={t('policies.queue.twoApproversTitle', {
            given: a.approvalsGiven,
            needed: a.approvalsNeeded,
          })}
          description={t('policies.queue.twoApproversHelp', {
            threshold: policy.data ? yuan(policy.data.effectiveThresholdFen, locale) : '…',
          })}
          style={{ marginBottom: 16 }}
        />
      )}
      <dl className="policy-facts">
        <div>
          <dt>{t('policies.queue.colPolicy')}</dt>
          <dd>
            {policyName({ nameZh: a.policyNameZh, nameEn: a.policyNameEn }, locale)}（{a.policyCode} v
            {a.policyVersion}）
          </dd>
        </div>
        <div>
          <dt>{t('policies.detail.applicantType')}</dt>
          <dd>{labels.subjectType(a.subject.type)}</dd>
        </div>
        <div>
          <dt>{t('policies.queue.colDistrict')}</dt>
          <dd>{district}</dd>
        </div>
        <div>
          <dt>{t('policies.detail.periodKey')}</dt>
          <dd>{a.periodKey}</dd>
        </div>
        <div>
          <dt>{t('policies.detail.amount')}</dt>
          <dd>
            {a.amountFen === null ? t('policies.notice.noAmount') : yuan(a.amountFen, locale)}
            {a.amount?.cappedBy && ` ${t('policies.detail.capped')}`}
          </dd>
        </div>
        {inputs.map(([fact, value]) => (
          <div key={fact}>
            <dt>{factLabel(fact, ctx)}</dt>
            <dd>
              {value === null ? t('policies.check.unknown') : new Intl.NumberFormat(locale).format(value)}
            </dd>
          </div>
        ))}
        <div>
          <dt>{t('policies.detail.submittedAt')}</dt>
          <dd>{a.submittedAt ? formatDateTime(a.submittedAt, locale) : t('common.none')}</dd>
        </div>
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
        {Object.entries(a.formData).map(([key, value]) => {
          const f = fields.get(key);
          return (
            <div key={key}>
              <dt>{f ? fieldLabel(f, locale) : key}</dt>
              <dd>
                {typeof value === 'boolean'
                  ? value
                    ? t('common.yes')
                    : t('common.no')
                  : typeof value === 'number' && key.endsWith('Fen')
                    ? yuan(value, locale)
                    : String(value)}
              </dd>
            </div>
          );
        })}
      </dl>
      {a.lastNote && (
        <Alert
          type="info"
          showIcon
          title={t('policies.detail.lastNote')}
          description={a.lastNote}
          style={{ marginBottom: 16 }}
        />
      )}

      <Decisions application={a} actions={actions} queue={queue} backTo={backTo} cityWide={cityWide} />

      <section aria-labelledby="case-eligibility" className="policy-section">
        <Typography.Title level={2} id="case-eligibility">
          {t('policies.detail.eligibility')}
        </Typography.Title>
        {a.eligibility ? (
          <>
            <p>
              {a.eligibility.eligible ? (
                <StatusChip tone="success">{t('policies.check.eligible')}</StatusChip>
              ) : (
                <StatusChip tone="danger">{t('policies.check.notEligible')}</StatusChip>
              )}{' '}
              {t('policies.detail.asOf', { date: formatDate(a.eligibility.asOf, locale) })}
            </p>
            <ReasonList reasons={a.eligibility.reasons} label={t('policies.detail.eligibility')} />
          </>
        ) : (
          <p>{t('policies.detail.noCheck')}</p>
        )}
      </section>

      <section aria-labelledby="case-documents" className="policy-section">
        <Typography.Title level={2} id="case-documents">
          {t('policies.detail.documents')}
        </Typography.Title>
        <ApplicationDocuments application={a} docNames={docNames} />
      </section>

      {a.objections.length > 0 && (
        <section aria-labelledby="case-objections" className="policy-section">
          <Typography.Title level={2} id="case-objections">
            {t('policies.objections.title')}
          </Typography.Title>
          <ul className="plain-list">
            {a.objections.map((o) => (
              <li key={o.id}>
                <StatusChip tone={o.status === 'open' ? 'warning' : 'neutral'}>
                  {t(`policies.objections.status.${o.status}`)}
                </StatusChip>{' '}
                {formatDateTime(o.createdAt, locale)}：{o.reason}
                {o.resolutionNote && <div className="timeline-note">{o.resolutionNote}</div>}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="case-timeline" className="policy-section">
        <Typography.Title level={2} id="case-timeline">
          {t('policies.detail.timeline')}
        </Typography.Title>
        <PolicyTimeline application={a} />
      </section>
    </>
  );
}

function Decisions({
  application: a,
  actions,
  queue,
  backTo,
  cityWide,
}: {
  application: PolicyApplication;
  actions: readonly StaffAction[];
  queue: QueueState['queue'] | null;
  backTo: string;
  cityWide: boolean;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<StaffAction | null>(null);
  const [form] = Form.useForm<{ note?: string }>();

  const act = useMutation({
    mutationFn: ({ action, note }: { action: StaffAction; note?: string }) =>
      decide(a.id, { action, ...(note ? { note } : {}) }),
    onSuccess: async (saved, { action }) => {
      queryClient.setQueryData(policyAppKeys.one(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: ['policy-applications', 'list'] });
      setOpen(null);
      void message.success(
        action === 'approve' && saved.status === 'bureau_review'
          ? t('policies.decision.done.approveFirst')
          : t(`policies.decision.done.${action}`),
      );
      // start_review keeps the case open; other decisions move on to the next case.
      if (action === 'start_review') return;
      if (queue) {
        const query = queueQuery(queue.mode, new URLSearchParams(queue.search));
        const next = await listPolicyApplications({ ...query, page: 1 }).catch(() => null);
        const nextCase = next?.items.find((x) => x.id !== saved.id);
        if (nextCase) {
          void navigate(`/staff/policy-applications/${nextCase.id}`, {
            state: { queue } satisfies QueueState,
          });
          return;
        }
      }
      void navigate(backTo);
    },
    onError: (error) => {
      if (isApiError(error)) applyProblemToForm(form, error.problem, ['note']);
    },
  });

  // A city-wide officer who prepared, reviewed or already approved this case is not offered
  // "approve" (maker-checker): say why rather than leave the button missing.
  const barred = a.status === 'bureau_review' && cityWide && !a.allowedActions.includes('approve');
  const barredAlert = barred && (
    <Alert
      type="warning"
      showIcon
      title={t('policies.decision.barredTitle')}
      description={t('policies.decision.separationHelp')}
      style={{ marginBottom: 16 }}
    />
  );
  if (actions.length === 0) {
    return (
      barredAlert || (
        <Alert
          type="info"
          showIcon
          title={t('policies.decision.none')}
          description={
            a.status === 'bureau_review' && !cityWide ? t('policies.decision.needsCityWide') : undefined
          }
          style={{ marginBottom: 16 }}
        />
      )
    );
  }
  const refusal = !open && act.error;
  return (
    <section aria-labelledby="case-decision" className="policy-section">
      <Typography.Title level={2} id="case-decision">
        {t('policies.decision.title')}
      </Typography.Title>
      {barredAlert}
      {refusal && isApiError(refusal, 'separation_of_duties') ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={refusal.problem.title}
          description={
            <>
              {refusal.problem.detail && <div>{refusal.problem.detail}</div>}
              <div>{t('policies.decision.separationHelp')}</div>
            </>
          }
          style={{ marginBottom: 12 }}
        />
      ) : (
        <ProblemAlert error={refusal} />
      )}
      <div className="policy-actions">
        {actions.map((action) => (
          <Button
            key={action}
            type={action === 'pass' || action === 'approve' ? 'primary' : 'default'}
            danger={action === 'reject'}
            loading={action === 'start_review' && act.isPending}
            onClick={() => {
              act.reset();
              // Starting the review needs no note: it only records who took the case.
              if (action === 'start_review') act.mutate({ action });
              else setOpen(action);
            }}
          >
            {t(`policies.decision.action.${action}`)}
          </Button>
        ))}
      </div>
      <Modal
        open={open !== null}
        title={open ? t(`policies.decision.action.${open}`) : ''}
        okText={open ? t(`policies.decision.action.${open}`) : t('common.confirm')}
        okButtonProps={{ danger: open === 'reject' }}
        cancelText={t('common.cancel')}
        confirmLoading={act.isPending}
        onOk={() => form.submit()}
        onCancel={() => setOpen(null)}
        forceRender
        afterClose={() => form.resetFields()}
      >
        {open && act.error && isApiError(act.error, 'separation_of_duties') ? (
          <Alert
            type="error"
            showIcon
            title={act.error.problem.title}
            description={t('policies.decision.separationHelp')}
            style={{ marginBottom: 12 }}
          />
        ) : (
          <ProblemAlert error={open ? act.error : null} fieldNames={['note']} />
        )}
        {open === 'approve' && a.approvalsNeeded > 1 && (
          <Typography.Paragraph>
            {t('policies.queue.twoApproversTitle', { given: a.approvalsGiven, needed: a.approvalsNeeded })}
          </Typography.Paragraph>
        )}
        <Form
          form={form}
          layout="vertical"
          requiredMark={false}
          onFinish={(v) => open && act.mutate({ action: open, note: v.note?.trim() || undefined })}
        >
          <Form.Item
            name="note"
            label={
              open && NOTE_REQUIRED.includes(open)
                ? t('policies.decision.noteRequired')
                : t('policies.decision.note')
            }
            extra={open === 'return' ? t('policies.decision.returnHelp') : undefined}
            rules={open && NOTE_REQUIRED.includes(open) ? [requiredRule(locale)] : []}
          >
            <Input.TextArea maxLength={1000} autoSize={{ minRows: 3, maxRows: 8 }} />
          </Form.Item>
        </Form>
      </Modal>
    </section>
  );
}
