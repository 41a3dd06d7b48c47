import { useState } from 'react';
import { App, Button, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  CASE_OUTCOMES,
  SERVICE_OUTCOMES,
  type Case,
  type CaseOutcome,
  type CaseService,
  type FollowUpBody,
  type ServiceOutcome,
} from '@jiuye/shared';
import { isApiError } from '../../app/api-client';
import { applyProblemToForm, ProblemAlert, requiredRule } from '../../app/form-errors';
import { formatDate, formatDateTime } from '../../app/format';
import { usePageTitle } from '../../app/page-title';
import { PageSpinner } from '../../app/pages/status-pages';
import { StatusChip } from '../../app/status-chip';
import { useLocale } from '../../i18n';
import '../../i18n/assistance';
import { useDistrictNames } from '../reference/api';
import { assistanceKeys, closeCase, getCase, getWorkload, reassignCase, recordFollowUp } from './api';
import { chinaToday } from './dates';
import { EMPLOYMENT_TONE, REGISTRATION_TONE, useAssistanceLabels } from './labels';
import { PersonKeyGroups, PersonSummaryCard, PersonTimelineSection } from './person-sections';
import { ServiceForm } from './service-form';
import './assistance.css';

/**
 * One case: the person (masked identity number, reveal on purpose), their key groups with
 * evidence, the services given and their follow-ups, registrations, the outcome and the timeline.
 */
export function CasePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const kase = useQuery({ queryKey: assistanceKeys.case(id), queryFn: () => getCase(id) });
  usePageTitle(
    kase.data ? t('assistance.case.title', { name: kase.data.personName }) : t('assistance.cases.title'),
  );
  return (
    <div className="page page--wide">
      <p>
        <Link to="/staff/cases">{t('assistance.case.back')}</Link>
      </p>
      {kase.isPending && <PageSpinner />}
      <ProblemAlert error={kase.error} />
      {kase.data && <CaseView kase={kase.data} />}
    </div>
  );
}

function CaseView({ kase }: { kase: Case }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useAssistanceLabels();
  const district = useDistrictNames([kase.districtCode])[0];
  const open = kase.status === 'open';
  return (
    <>
      <Typography.Title level={1}>
        {t('assistance.case.title', { name: kase.personName })}{' '}
        {open ? (
          <StatusChip tone="info">{labels.caseStatus('open')}</StatusChip>
        ) : (
          <StatusChip tone={kase.outcome === 'employed' ? 'success' : 'neutral'}>
            {labels.caseStatus('closed')}
            {kase.outcome ? `：${labels.outcome(kase.outcome)}` : ''}
          </StatusChip>
        )}
      </Typography.Title>
      <dl className="facts-list">
        <div>
          <dt>{t('assistance.case.openReason')}</dt>
          <dd>{labels.openReason(kase.openReason)}</dd>
        </div>
        <div>
          <dt>{t('assistance.case.openedAt')}</dt>
          <dd>{formatDateTime(kase.openedAt, locale)}</dd>
        </div>
        <div>
          <dt>{t('assistance.case.district')}</dt>
          <dd>{district}</dd>
        </div>
        <div>
          <dt>{t('assistance.cases.officer')}</dt>
          <dd>{kase.officerName ?? t('assistance.cases.noOfficer')}</dd>
        </div>
        <div>
          <dt>{t('assistance.person.employmentStatus')}</dt>
          <dd>
            <StatusChip tone={EMPLOYMENT_TONE[kase.employmentStatus]}>
              {labels.employmentStatus(kase.employmentStatus)}
            </StatusChip>
          </dd>
        </div>
        {kase.closedAt && (
          <div>
            <dt>{t('assistance.case.closedAt')}</dt>
            <dd>{formatDateTime(kase.closedAt, locale)}</dd>
          </div>
        )}
        {kase.outcomeNote && (
          <div>
            <dt>{t('assistance.case.outcomeNote')}</dt>
            <dd>{kase.outcomeNote}</dd>
          </div>
        )}
      </dl>
      {open && <ReassignForm kase={kase} />}
      <PersonSummaryCard personId={kase.personId} />
      <PersonKeyGroups personId={kase.personId} />
      <section aria-labelledby="services-title" className="section-block">
        <Typography.Title level={2} id="services-title">
          {t('assistance.services.title')}
        </Typography.Title>
        {open && <ServiceForm caseId={kase.id} />}
        <ServiceList kase={kase} />
      </section>
      <RegistrationsSection kase={kase} />
      {open && <CloseCaseForm kase={kase} />}
      <PersonTimelineSection personId={kase.personId} />
    </>
  );
}

function ServiceList({ kase }: { kase: Case }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useAssistanceLabels();
  const [following, setFollowing] = useState<CaseService | null>(null);
  const today = chinaToday();
  if (kase.services.length === 0) {
    return <Typography.Paragraph>{t('assistance.services.empty')}</Typography.Paragraph>;
  }
  return (
    <>
      <Typography.Title level={3}>
        {t('assistance.services.given', { count: kase.services.length })}
      </Typography.Title>
      <ul className="card-list service-list">
        {kase.services.map((s) => {
          const overdue = s.followUpDue !== null && s.followUpDoneAt === null && s.followUpDue < today;
          const subject =
            s.kind === 'job_referral'
              ? (s.postingTitle ?? '')
              : s.kind === 'policy_referral'
                ? (s.policyCode ?? '')
                : '';
          return (
            <li key={s.id}>
              <article
                className={overdue ? 'service service--overdue' : 'service'}
                aria-labelledby={`service-${s.id}`}
              >
                <h4 className="service__title" id={`service-${s.id}`}>
                  {labels.serviceKind(s.kind)}
                  {subject && `：${subject}`}{' '}
                  <StatusChip
                    tone={
                      s.outcome === 'hired' || s.outcome === 'completed' || s.outcome === 'granted'
                        ? 'success'
                        : s.outcome === 'pending'
                          ? 'info'
                          : 'neutral'
                    }
                  >
                    {labels.serviceOutcome(s.outcome)}
                  </StatusChip>
                </h4>
                <p className="service__meta">
                  {t('assistance.services.providedBy', {
                    name: s.providedByName ?? '—',
                    time: formatDateTime(s.providedAt, locale),
                  })}
                </p>
                {s.note && <p className="service__meta pre-wrap">{s.note}</p>}
                {s.followUpDue && (
                  <p className="service__meta">
                    {s.followUpDoneAt
                      ? t('assistance.services.followedUp', {
                          time: formatDateTime(s.followUpDoneAt, locale),
                        })
                      : t('assistance.services.followUpDue', { date: formatDate(s.followUpDue, locale) })}
                    {overdue && <span className="overdue-days"> · {t('assistance.services.overdue')}</span>}
                  </p>
                )}
                {s.outcomeNote && <p className="service__meta pre-wrap">{s.outcomeNote}</p>}
                {kase.status === 'open' && (
                  <Button size="small" onClick={() => setFollowing(s)}>
                    {t('assistance.services.recordFollowUp')}
                    <span className="sr-only">
                      {' '}
                      {labels.serviceKind(s.kind)}
                      {subject && `：${subject}`}
                    </span>
                  </Button>
                )}
              </article>
            </li>
          );
        })}
      </ul>
      <FollowUpDialog caseId={kase.id} service={following} onClose={() => setFollowing(null)} />
    </>
  );
}

type FollowUpValues = { outcome: ServiceOutcome; note?: string; nextFollowUpDue?: string };

function FollowUpDialog({
  caseId,
  service,
  onClose,
}: {
  caseId: string;
  service: CaseService | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useAssistanceLabels();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FollowUpValues>();
  const save = useMutation({
    mutationFn: (v: FollowUpValues) => {
      const body: FollowUpBody = {
        outcome: v.outcome,
        ...(v.note?.trim() ? { note: v.note.trim() } : {}),
        ...(v.nextFollowUpDue ? { nextFollowUpDue: v.nextFollowUpDue } : {}),
      };
      return recordFollowUp(caseId, service?.id ?? '', body);
    },
    onSuccess: (updated) => {
      queryClient.setQueryData(assistanceKeys.case(caseId), updated);
      void queryClient.invalidateQueries({ queryKey: assistanceKeys.all });
      void message.success(t('assistance.services.followUpSaved'));
      onClose();
    },
    onError: (error) => {
      if (isApiError(error)) applyProblemToForm(form, error.problem, ['outcome', 'note', 'nextFollowUpDue']);
    },
  });
  return (
    <Modal
      open={service !== null}
      title={
        service ? t('assistance.services.followUpTitle', { kind: labels.serviceKind(service.kind) }) : ''
      }
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      forceRender
      afterClose={() => {
        form.resetFields();
        save.reset();
      }}
    >
      <ProblemAlert error={service ? save.error : null} fieldNames={['outcome', 'note', 'nextFollowUpDue']} />
      <Form<FollowUpValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ outcome: service?.outcome ?? 'pending' }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="outcome" label={t('assistance.services.outcome')} rules={[requiredRule(locale)]}>
          <Select options={SERVICE_OUTCOMES.map((o) => ({ value: o, label: labels.serviceOutcome(o) }))} />
        </Form.Item>
        <Form.Item name="note" label={t('assistance.services.note')}>
          <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
        <Form.Item
          name="nextFollowUpDue"
          label={t('assistance.services.nextFollowUpDue')}
          extra={t('assistance.services.nextFollowUpHelp')}
        >
          <Input type="date" min={chinaToday()} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RegistrationsSection({ kase }: { kase: Case }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useAssistanceLabels();
  return (
    <section aria-labelledby="registrations-title" className="section-block">
      <Typography.Title level={2} id="registrations-title">
        {t('assistance.registration.title')}
      </Typography.Title>
      {kase.registrations.length === 0 ? (
        <Typography.Paragraph>{t('assistance.registration.none')}</Typography.Paragraph>
      ) : (
        <ul className="card-list service-list">
          {kase.registrations.map((r) => (
            <li key={r.id}>
              <article className="service" aria-labelledby={`registration-${r.id}`}>
                <h3 className="service__title" id={`registration-${r.id}`}>
                  {labels.registrationKind(r.kind)}{' '}
                  <StatusChip tone={REGISTRATION_TONE[r.status]}>
                    {labels.registrationStatus(r.status)}
                  </StatusChip>
                </h3>
                <p className="service__meta">
                  {t('assistance.registration.registeredOnSource', {
                    date: formatDate(r.registeredOn, locale),
                    source: labels.registrationSource(r.source),
                  })}
                </p>
                {r.certificateNo && (
                  <p className="service__meta">
                    {t('assistance.registration.certificateShort', { no: r.certificateNo })}
                  </p>
                )}
                {r.kind === 'employment' && (
                  <p className="service__meta">
                    {t('assistance.registration.employmentLine', {
                      enterprise: r.enterpriseName ?? '—',
                      job: r.jobTitle ?? '—',
                      date: formatDate(r.hiredOn, locale),
                    })}
                    {r.late && <span className="overdue-days"> · {t('assistance.registration.late')}</span>}
                  </p>
                )}
                {r.endedOn && (
                  <p className="service__meta">
                    {t('assistance.registration.ended', {
                      date: formatDate(r.endedOn, locale),
                      reason: r.endReason ? labels.endReason(r.endReason) : '—',
                    })}
                  </p>
                )}
              </article>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ReassignForm({ kase }: { kase: Case }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const workload = useQuery({ queryKey: assistanceKeys.workload, queryFn: getWorkload });
  const officers = (workload.data ?? []).filter((o) => o.districtCodes.includes(kase.districtCode));
  const [officer, setOfficer] = useState<string | undefined>(undefined);
  const save = useMutation({
    mutationFn: (userId: string) => reassignCase(kase.id, userId),
    onSuccess: (updated) => {
      queryClient.setQueryData(assistanceKeys.case(kase.id), updated);
      void queryClient.invalidateQueries({ queryKey: assistanceKeys.all });
      void message.success(t('assistance.case.reassigned', { name: updated.officerName ?? '' }));
      setOfficer(undefined);
    },
  });
  if (officers.length < 2) return null;
  return (
    <div className="inline-form" style={{ marginBottom: 24 }}>
      <Select<string>
        aria-label={t('assistance.case.reassignTo')}
        placeholder={t('assistance.case.reassignTo')}
        value={officer}
        onChange={setOfficer}
        options={officers
          .filter((o) => o.officerUserId !== kase.officerUserId)
          .map((o) => ({
            value: o.officerUserId,
            label: t('assistance.case.officerLoad', { name: o.officerName, count: o.openCases }),
          }))}
        style={{ minWidth: 240 }}
      />
      <Button disabled={!officer} loading={save.isPending} onClick={() => officer && save.mutate(officer)}>
        {t('assistance.case.reassign')}
      </Button>
      <ProblemAlert error={save.error} />
    </div>
  );
}

type CloseValues = { outcome: CaseOutcome; note?: string };

function CloseCaseForm({ kase }: { kase: Case }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useAssistanceLabels();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CloseValues>();
  const close = useMutation({
    mutationFn: (v: CloseValues) =>
      closeCase(kase.id, { outcome: v.outcome, ...(v.note?.trim() ? { note: v.note.trim() } : {}) }),
    onSuccess: (updated) => {
      queryClient.setQueryData(assistanceKeys.case(kase.id), updated);
      void queryClient.invalidateQueries({ queryKey: assistanceKeys.all });
      void message.success(t('assistance.case.closed'));
    },
    onError: (error) => {
      if (isApiError(error)) applyProblemToForm(form, error.problem, ['outcome', 'note']);
    },
  });
  return (
    <section aria-labelledby="close-title" className="section-block">
      <Typography.Title level={2} id="close-title">
        {t('assistance.case.closeTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('assistance.case.closeHelp')}</Typography.Paragraph>
      <ProblemAlert error={close.error} fieldNames={['outcome', 'note']} />
      <Form<CloseValues> form={form} layout="vertical" requiredMark={false} onFinish={(v) => close.mutate(v)}>
        <Form.Item name="outcome" label={t('assistance.case.outcome')} rules={[requiredRule(locale)]}>
          <Select
            options={CASE_OUTCOMES.map((o) => ({ value: o, label: labels.outcome(o) }))}
            style={{ maxWidth: 320 }}
          />
        </Form.Item>
        <Form.Item name="note" label={t('assistance.case.outcomeNote')}>
          <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
        <Space>
          <Button htmlType="submit" loading={close.isPending}>
            {t('assistance.case.close')}
          </Button>
        </Space>
      </Form>
    </section>
  );
}
