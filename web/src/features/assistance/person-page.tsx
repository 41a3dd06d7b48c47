import { useState } from 'react';
import { App, Button, Checkbox, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  DEREGISTRATION_REASONS,
  UNEMPLOYMENT_CAUSES,
  type DeregistrationReason,
  type Person,
  type Registration,
  type UpdatePersonBody,
} from '@jiuye/shared';
import { isApiError } from '../../app/api-client';
import { ButtonLink } from '../../app/button-link';
import { applyProblemToForm, phoneRules, ProblemAlert, requiredRule } from '../../app/form-errors';
import { formatDate } from '../../app/format';
import { usePageTitle } from '../../app/page-title';
import { PageSpinner } from '../../app/pages/status-pages';
import { StatusChip } from '../../app/status-chip';
import { useSignedInMe } from '../../app/use-me';
import { useLocale } from '../../i18n';
import '../../i18n/assistance';
import { useDistricts, useEducationLevels } from '../reference/api';
import {
  assistanceKeys,
  createRegistration,
  deregister,
  getPerson,
  linkAccount,
  listRegistrations,
  updatePerson,
} from './api';
import { chinaToday } from './dates';
import { REGISTRATION_TONE, useAssistanceLabels } from './labels';
import { PersonFacts, PersonKeyGroups, PersonTimelineSection } from './person-sections';
import './assistance.css';

/** One person of the registry: record, key groups, registrations (register, de-register), timeline. */
export function PersonPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const person = useQuery({ queryKey: assistanceKeys.person(id), queryFn: () => getPerson(id) });
  usePageTitle(person.data?.fullName ?? t('assistance.persons.title'));
  return (
    <div className="page page--wide">
      <p>
        <Link to="/staff/persons">{t('assistance.persons.back')}</Link>
      </p>
      {person.isPending && <PageSpinner />}
      <ProblemAlert error={person.error} />
      {person.data && <PersonView person={person.data} />}
    </div>
  );
}

function PersonView({ person }: { person: Person }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [linking, setLinking] = useState(false);
  return (
    <>
      <div className="section-head">
        <Typography.Title level={1}>{person.fullName}</Typography.Title>
        <Space wrap>
          {person.caseId && (
            <ButtonLink to={`/staff/cases/${person.caseId}`} type="primary">
              {t('assistance.persons.openCase')}
            </ButtonLink>
          )}
          <Button onClick={() => setEditing(true)}>{t('assistance.person.edit')}</Button>
          {!person.userId && <Button onClick={() => setLinking(true)}>{t('assistance.link.button')}</Button>}
        </Space>
      </div>
      <section aria-labelledby="record-title" className="section-block">
        <Typography.Title level={2} id="record-title">
          {t('assistance.person.title')}
        </Typography.Title>
        <PersonFacts person={person} />
      </section>
      <PersonKeyGroups personId={person.id} />
      <RegistrationsSection person={person} />
      <PersonTimelineSection personId={person.id} />
      <EditPersonDialog person={person} open={editing} onClose={() => setEditing(false)} />
      <LinkAccountDialog person={person} open={linking} onClose={() => setLinking(false)} />
    </>
  );
}

/**
 * A walk-in who also has a seeker account: linking the two makes the platform's hires of that
 * account count for this record (employment registration, case closed as employed).
 */
function LinkAccountDialog({
  person,
  open,
  onClose,
}: {
  person: Person;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ phone: string }>();
  const save = useMutation({
    mutationFn: (phone: string) => linkAccount(person.id, phone),
    onSuccess: (updated) => {
      queryClient.setQueryData(assistanceKeys.person(person.id), updated);
      void queryClient.invalidateQueries({ queryKey: assistanceKeys.all });
      void message.success(t('assistance.link.done'));
      onClose();
    },
    onError: (error) => {
      if (isApiError(error)) applyProblemToForm(form, error.problem, ['phone']);
    },
  });
  return (
    <Modal
      open={open}
      title={t('assistance.link.title', { name: person.fullName })}
      okText={t('assistance.link.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph>{t('assistance.link.intro')}</Typography.Paragraph>
      <ProblemAlert error={save.error} fieldNames={['phone']} />
      <Form<{ phone: string }>
        form={form}
        layout="vertical"
        requiredMark={false}
        preserve={false}
        onFinish={(v) => save.mutate(v.phone)}
      >
        <Form.Item name="phone" label={t('assistance.link.phone')} rules={phoneRules(locale)}>
          <Input maxLength={20} inputMode="tel" autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RegistrationsSection({ person }: { person: Person }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useAssistanceLabels();
  const regs = useQuery({
    queryKey: assistanceKeys.registrations({ personId: person.id }),
    queryFn: () => listRegistrations({ personId: person.id, page: 1, pageSize: 100 }),
  });
  const [ending, setEnding] = useState<Registration | null>(null);
  return (
    <section aria-labelledby="registrations-title" className="section-block">
      <Typography.Title level={2} id="registrations-title">
        {t('assistance.registration.title')}
      </Typography.Title>
      <ProblemAlert error={regs.error} />
      {person.employmentStatus !== 'unemployed' && <RegisterUnemploymentForm person={person} />}
      {regs.data && regs.data.items.length === 0 && (
        <Typography.Paragraph>{t('assistance.registration.none')}</Typography.Paragraph>
      )}
      <ul className="card-list service-list">
        {(regs.data?.items ?? []).map((r) => (
          <li key={r.id}>
            <article className="service" aria-labelledby={`reg-${r.id}`}>
              <h3 className="service__title" id={`reg-${r.id}`}>
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
              {r.cause && (
                <p className="service__meta">
                  {t('assistance.registration.causeLine', { cause: labels.cause(r.cause) })}
                </p>
              )}
              {r.kind === 'employment' && (
                <p className="service__meta">
                  {t('assistance.registration.employmentLine', {
                    enterprise: r.enterpriseName ?? '—',
                    job: r.jobTitle ?? '—',
                    date: formatDate(r.hiredOn, locale),
                  })}
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
              {r.status === 'active' && r.kind === 'unemployment' && (
                <Button size="small" onClick={() => setEnding(r)}>
                  {t('assistance.registration.deregister')}
                </Button>
              )}
            </article>
          </li>
        ))}
      </ul>
      <DeregisterDialog registration={ending} onClose={() => setEnding(null)} />
    </section>
  );
}

type RegisterValues = {
  cause: (typeof UNEMPLOYMENT_CAUSES)[number];
  unemployedSince?: string;
  districtCode?: string;
};

function RegisterUnemploymentForm({ person }: { person: Person }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useAssistanceLabels();
  const me = useSignedInMe();
  const districts = useDistricts();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<RegisterValues>();
  const save = useMutation({
    mutationFn: (v: RegisterValues) =>
      createRegistration({
        kind: 'unemployment',
        personId: person.id,
        cause: v.cause,
        ...(v.districtCode ? { districtCode: v.districtCode } : {}),
        ...(v.unemployedSince ? { unemployedSince: v.unemployedSince } : {}),
      }),
    onSuccess: (r) => {
      void queryClient.invalidateQueries({ queryKey: assistanceKeys.all });
      void message.success(t('assistance.registration.registered', { no: r.certificateNo ?? '' }));
    },
    onError: (error) => {
      if (isApiError(error))
        applyProblemToForm(form, error.problem, ['cause', 'unemployedSince', 'districtCode']);
    },
  });
  return (
    <div className="phone-card">
      <h3 className="service__title">{t('assistance.registration.registerUnemployment')}</h3>
      <ProblemAlert error={save.error} fieldNames={['cause', 'unemployedSince', 'districtCode']} />
      <Form<RegisterValues>
        form={form}
        layout="vertical"
        requiredMark="optional"
        initialValues={{ districtCode: person.residenceDistrictCode ?? undefined }}
        onFinish={(v) => save.mutate(v)}
        className="inline-form"
      >
        <Form.Item name="cause" label={t('assistance.registration.cause')} rules={[requiredRule(locale)]}>
          <Select
            style={{ minWidth: 200 }}
            options={UNEMPLOYMENT_CAUSES.map((c) => ({ value: c, label: labels.cause(c) }))}
          />
        </Form.Item>
        <Form.Item
          name="districtCode"
          label={t('assistance.registration.district')}
          rules={[requiredRule(locale)]}
        >
          <Select
            style={{ minWidth: 140 }}
            options={(districts.data ?? [])
              .filter((d) => me.districtCodes.includes(d.code))
              .map((d) => ({ value: d.code, label: d.name }))}
          />
        </Form.Item>
        <Form.Item name="unemployedSince" label={t('assistance.registration.unemployedSince')}>
          <Input type="date" max={chinaToday()} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('assistance.registration.registerSubmit')}
          </Button>
        </Form.Item>
      </Form>
    </div>
  );
}

type DeregisterValues = { reason: DeregistrationReason; endedOn?: string; note?: string };

function DeregisterDialog({
  registration,
  onClose,
}: {
  registration: Registration | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useAssistanceLabels();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<DeregisterValues>();
  const save = useMutation({
    mutationFn: (v: DeregisterValues) =>
      deregister(registration?.id ?? '', {
        reason: v.reason,
        ...(v.endedOn ? { endedOn: v.endedOn } : {}),
        ...(v.note?.trim() ? { note: v.note.trim() } : {}),
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: assistanceKeys.all });
      onClose();
    },
    onError: (error) => {
      if (isApiError(error)) applyProblemToForm(form, error.problem, ['reason', 'endedOn', 'note']);
    },
  });
  return (
    <Modal
      open={registration !== null}
      title={t('assistance.registration.deregisterTitle')}
      okText={t('assistance.registration.deregister')}
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
      <ProblemAlert error={registration ? save.error : null} fieldNames={['reason', 'endedOn', 'note']} />
      <Form<DeregisterValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item
          name="reason"
          label={t('assistance.registration.deregisterReason')}
          rules={[requiredRule(locale)]}
        >
          <Select
            options={DEREGISTRATION_REASONS.map((r) => ({ value: r, label: labels.deregistrationReason(r) }))}
          />
        </Form.Item>
        <Form.Item
          name="endedOn"
          label={t('assistance.registration.endedOn')}
          extra={t('assistance.registration.endedOnHelp')}
        >
          <Input type="date" max={chinaToday()} />
        </Form.Item>
        <Form.Item name="note" label={t('assistance.services.note')}>
          <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type EditValues = {
  fullName: string;
  phone: string;
  residenceDistrictCode?: string;
  address?: string;
  educationLevel?: string;
  school?: string;
  major?: string;
  graduationDate?: string;
  ruralHousehold: boolean;
  veteran: boolean;
  poorHousehold: boolean;
  disability: boolean;
  evidenceNote?: string;
};
const EDIT_FIELDS = [
  'fullName',
  'phone',
  'residenceDistrictCode',
  'address',
  'educationLevel',
  'school',
  'major',
  'graduationDate',
  'ruralHousehold',
  'veteran',
  'poorHousehold',
  'disability',
  'evidenceNote',
] as const;

/** Corrections and new evidence: the server reclassifies the key groups after every change. */
function EditPersonDialog({ person, open, onClose }: { person: Person; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const me = useSignedInMe();
  const districts = useDistricts();
  const education = useEducationLevels();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<EditValues>();
  const save = useMutation({
    mutationFn: (v: EditValues) => {
      const text = (s: string | undefined) => (s?.trim() ? s.trim() : null);
      const body: UpdatePersonBody = {
        fullName: v.fullName.trim(),
        ...(v.phone !== person.phone ? { phone: v.phone } : {}),
        ...(v.residenceDistrictCode ? { residenceDistrictCode: v.residenceDistrictCode } : {}),
        address: text(v.address),
        educationLevel: v.educationLevel ?? null,
        school: text(v.school),
        major: text(v.major),
        graduationDate: v.graduationDate || null,
        ruralHousehold: v.ruralHousehold,
        veteran: v.veteran,
        poorHousehold: v.poorHousehold,
        disability: v.disability,
        evidenceNote: text(v.evidenceNote),
      };
      return updatePerson(person.id, body);
    },
    onSuccess: (updated) => {
      queryClient.setQueryData(assistanceKeys.person(person.id), updated);
      void queryClient.invalidateQueries({ queryKey: assistanceKeys.all });
      void message.success(t('common.saved'));
      onClose();
    },
    onError: (error) => {
      if (isApiError(error)) applyProblemToForm(form, error.problem, EDIT_FIELDS);
    },
  });
  return (
    <Modal
      open={open}
      title={t('assistance.person.editTitle', { name: person.fullName })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={640}
    >
      <ProblemAlert error={save.error} fieldNames={EDIT_FIELDS} />
      <Form<EditValues>
        form={form}
        layout="vertical"
        requiredMark="optional"
        preserve={false}
        initialValues={{
          fullName: person.fullName,
          phone: person.phone,
          residenceDistrictCode: person.residenceDistrictCode ?? undefined,
          address: person.address ?? undefined,
          educationLevel: person.educationLevel ?? undefined,
          school: person.school ?? undefined,
          major: person.major ?? undefined,
          graduationDate: person.graduationDate ?? undefined,
          ruralHousehold: person.ruralHousehold,
          veteran: person.veteran,
          poorHousehold: person.poorHousehold,
          disability: person.disability,
          evidenceNote: person.evidenceNote ?? undefined,
        }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="fullName" label={t('assistance.person.fullName')} rules={[requiredRule(locale)]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="phone" label={t('assistance.person.phone')} rules={phoneRules(locale)}>
          <Input maxLength={20} inputMode="tel" />
        </Form.Item>
        <Form.Item name="residenceDistrictCode" label={t('assistance.person.residenceDistrict')}>
          <Select
            options={(districts.data ?? [])
              .filter((d) => me.districtCodes.includes(d.code) || d.code === person.residenceDistrictCode)
              .map((d) => ({ value: d.code, label: d.name }))}
          />
        </Form.Item>
        <Form.Item name="address" label={t('assistance.person.address')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="educationLevel" label={t('assistance.facts.educationLevel')}>
          <Select
            allowClear
            options={(education.data ?? []).map((e) => ({
              value: e.code,
              label: locale === 'en-US' ? e.nameEn : e.nameZh,
            }))}
          />
        </Form.Item>
        <Form.Item name="school" label={t('assistance.facts.school')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="major" label={t('assistance.facts.major')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="graduationDate" label={t('assistance.facts.graduationDate')}>
          <Input type="date" max={chinaToday()} />
        </Form.Item>
        <fieldset className="fieldset">
          <legend>{t('assistance.facts.legend')}</legend>
          <div className="checkbox-grid">
            {(['ruralHousehold', 'veteran', 'poorHousehold', 'disability'] as const).map((f) => (
              <Form.Item key={f} name={f} valuePropName="checked" noStyle>
                <Checkbox>{t(`assistance.facts.${f}`)}</Checkbox>
              </Form.Item>
            ))}
          </div>
        </fieldset>
        <Form.Item
          name="evidenceNote"
          label={t('assistance.facts.evidenceNote')}
          extra={t('assistance.facts.evidenceNoteHelp')}
        >
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
