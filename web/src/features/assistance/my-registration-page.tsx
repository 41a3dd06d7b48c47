import { Alert, App, Button, Checkbox, Form, Input, Select, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { UNEMPLOYMENT_CAUSES, type MyRegistration, type Problem } from '@jiuye/shared';
import { isApiError } from '../../app/api-client';
import { ButtonLink } from '../../app/button-link';
import { applyProblemToForm, ProblemAlert, requiredRule } from '../../app/form-errors';
import { formatDate } from '../../app/format';
import { usePageTitle } from '../../app/page-title';
import { PageSpinner } from '../../app/pages/status-pages';
import { StatusChip } from '../../app/status-chip';
import { useLocale } from '../../i18n';
import '../../i18n/assistance';
import { useDistrictNames, useDistricts, useEducationLevels } from '../reference/api';
import { assistanceKeys, createRegistration, getMyRegistration } from './api';
import { chinaToday } from './dates';
import { IdNumberField } from './id-number-field';
import { KeyGroupTags } from './key-groups';
import { REGISTRATION_TONE, useAssistanceLabels } from './labels';
import { PersonTimeline } from './person-timeline';
import './assistance.css';

/**
 * The seeker's own registration, on a phone: register as unemployed online (the certificate number
 * comes at once), then see the status, the key groups, the officer and the services given.
 */
export function MyRegistrationPage() {
  const { t } = useTranslation();
  usePageTitle(t('assistance.mine.title'));
  const mine = useQuery({ queryKey: assistanceKeys.mine, queryFn: getMyRegistration });
  return (
    <div className="page page--reading">
      <Typography.Title level={1}>{t('assistance.mine.title')}</Typography.Title>
      {mine.isPending && <PageSpinner />}
      {mine.isError && (
        <>
          <ProblemAlert error={mine.error} />
          <Button onClick={() => void mine.refetch()}>{t('common.retry')}</Button>
        </>
      )}
      {mine.data && <MyRegistrationView mine={mine.data} />}
    </div>
  );
}

function MyRegistrationView({ mine }: { mine: MyRegistration }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useAssistanceLabels();
  const active = mine.registrations.find((r) => r.kind === 'unemployment' && r.status === 'active');
  const employment = mine.registrations.find((r) => r.kind === 'employment' && r.status === 'active');
  const district = useDistrictNames(active ? [active.districtCode] : [])[0];
  return (
    <>
      {active ? (
        <section className="phone-card" aria-labelledby="mine-status">
          <h2 id="mine-status" className="service__title">
            {labels.registrationKind('unemployment')}{' '}
            <StatusChip tone={REGISTRATION_TONE.active}>{labels.registrationStatus('active')}</StatusChip>
          </h2>
          <div className="certificate">
            <span className="certificate__label">{t('assistance.registration.certificateNo')}</span>
            <span className="certificate__no mono">{active.certificateNo ?? '—'}</span>
          </div>
          <dl className="facts-list">
            <div>
              <dt>{t('assistance.registration.registeredOn')}</dt>
              <dd>{formatDate(active.registeredOn, locale)}</dd>
            </div>
            <div>
              <dt>{t('assistance.registration.district')}</dt>
              <dd>{district}</dd>
            </div>
            {mine.case?.officerName && (
              <div>
                <dt>{t('assistance.mine.officer')}</dt>
                <dd>{mine.case.officerName}</dd>
              </div>
            )}
          </dl>
          <Typography.Paragraph>{t('assistance.mine.registeredHelp')}</Typography.Paragraph>
        </section>
      ) : employment ? (
        <section className="phone-card" aria-labelledby="mine-status">
          <h2 id="mine-status" className="service__title">
            {labels.registrationKind('employment')}{' '}
            <StatusChip tone="success">{labels.employmentStatus('employed')}</StatusChip>
          </h2>
          <Typography.Paragraph>
            {t('assistance.registration.employmentLine', {
              enterprise: employment.enterpriseName ?? '—',
              job: employment.jobTitle ?? '—',
              date: formatDate(employment.hiredOn, locale),
            })}
          </Typography.Paragraph>
        </section>
      ) : (
        <RegisterForm mine={mine} />
      )}
      <section className="phone-card" aria-labelledby="mine-groups">
        <h2 id="mine-groups" className="service__title">
          {t('assistance.mine.keyGroups')}
        </h2>
        <KeyGroupTags tags={mine.keyGroups} />
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('assistance.mine.keyGroupsHelp')}
        </Typography.Paragraph>
      </section>
      {mine.case && mine.case.services.length > 0 && (
        <section className="phone-card" aria-labelledby="mine-services">
          <h2 id="mine-services" className="service__title">
            {t('assistance.mine.services')}
          </h2>
          <ul className="plain-list">
            {mine.case.services.map((s) => (
              <li key={s.id}>
                {labels.serviceKind(s.kind)}
                {s.kind === 'job_referral' && s.postingId && (
                  <>
                    ：
                    <Link to={`/seeker/jobs/${s.postingId}`}>
                      {s.postingTitle ?? t('assistance.mine.viewJob')}
                    </Link>
                  </>
                )}
                <span className="muted"> · {formatDate(s.providedAt, locale)}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section className="phone-card" aria-labelledby="mine-training">
        <h2 id="mine-training" className="service__title">
          {t('training.nav.courses')}
        </h2>
        <Typography.Paragraph>{t('assistance.mine.trainingHelp')}</Typography.Paragraph>
        <ButtonLink to="/seeker/training">{t('assistance.mine.toTraining')}</ButtonLink>
      </section>
      {mine.timeline.length > 0 && (
        <section aria-labelledby="mine-timeline" className="section-block">
          <Typography.Title level={2} id="mine-timeline">
            {t('assistance.timeline.title')}
          </Typography.Title>
          <PersonTimeline items={mine.timeline} labelledBy="mine-timeline" />
        </section>
      )}
    </>
  );
}

type RegisterValues = {
  idNumber?: string;
  residenceDistrictCode?: string;
  cause: (typeof UNEMPLOYMENT_CAUSES)[number];
  unemployedSince?: string;
  seekingWork: boolean;
  ruralHousehold?: boolean;
  veteran?: boolean;
  poorHousehold?: boolean;
  disability?: boolean;
  educationLevel?: string;
  graduationDate?: string;
};
const FIELDS = [
  'idNumber',
  'residenceDistrictCode',
  'cause',
  'unemployedSince',
  'seekingWork',
  'ruralHousehold',
  'veteran',
  'poorHousehold',
  'disability',
  'educationLevel',
  'graduationDate',
] as const;

/** The API nests the person's facts under `person.`; the form asks for them flat. */
function renamePaths(problem: Problem): Problem {
  return {
    ...problem,
    errors: problem.errors?.map((e) => {
      if (e.path === 'districtCode') return { ...e, path: 'residenceDistrictCode' };
      return e.path.startsWith('person.') ? { ...e, path: e.path.slice('person.'.length) } : e;
    }),
  };
}

function RegisterForm({ mine }: { mine: MyRegistration }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useAssistanceLabels();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const districts = useDistricts();
  const education = useEducationLevels();
  const [form] = Form.useForm<RegisterValues>();
  const needsId = !mine.person?.idNumberMasked;
  const save = useMutation({
    mutationFn: (v: RegisterValues) =>
      createRegistration({
        kind: 'unemployment',
        cause: v.cause,
        seekingWork: v.seekingWork,
        ...(v.unemployedSince ? { unemployedSince: v.unemployedSince } : {}),
        ...(v.residenceDistrictCode ? { districtCode: v.residenceDistrictCode } : {}),
        person: {
          ...(v.idNumber ? { idNumber: v.idNumber } : {}),
          ...(v.residenceDistrictCode ? { residenceDistrictCode: v.residenceDistrictCode } : {}),
          ...(v.ruralHousehold ? { ruralHousehold: true } : {}),
          ...(v.veteran ? { veteran: true } : {}),
          ...(v.poorHousehold ? { poorHousehold: true } : {}),
          ...(v.disability ? { disability: true } : {}),
          ...(v.educationLevel ? { educationLevel: v.educationLevel } : {}),
          ...(v.graduationDate ? { graduationDate: v.graduationDate } : {}),
        },
      }),
    onSuccess: (r) => {
      void queryClient.invalidateQueries({ queryKey: assistanceKeys.mine });
      void message.success(t('assistance.registration.registered', { no: r.certificateNo ?? '' }));
    },
    onError: (error) => {
      if (isApiError(error)) applyProblemToForm(form, renamePaths(error.problem), FIELDS);
    },
  });
  return (
    <section aria-labelledby="mine-register">
      <Typography.Title level={2} id="mine-register">
        {t('assistance.mine.registerTitle')}
      </Typography.Title>
      <Alert type="info" showIcon title={t('assistance.mine.intro')} style={{ marginBottom: 16 }} />
      <ProblemAlert error={save.error} fieldNames={[...FIELDS, 'districtCode']} />
      <Form<RegisterValues>
        form={form}
        layout="vertical"
        requiredMark="optional"
        initialValues={{
          seekingWork: true,
          residenceDistrictCode: mine.person?.residenceDistrictCode ?? undefined,
        }}
        onFinish={(v) => save.mutate(v)}
        scrollToFirstError={{ focus: true }}
      >
        {needsId && <IdNumberField label={t('assistance.id.label')} help={t('assistance.mine.idHelp')} />}
        <Form.Item
          name="residenceDistrictCode"
          label={t('assistance.person.residenceDistrict')}
          extra={t('assistance.mine.districtHelp')}
          rules={[requiredRule(locale)]}
        >
          <Select options={(districts.data ?? []).map((d) => ({ value: d.code, label: d.name }))} />
        </Form.Item>
        <Form.Item name="cause" label={t('assistance.registration.cause')} rules={[requiredRule(locale)]}>
          <Select options={UNEMPLOYMENT_CAUSES.map((c) => ({ value: c, label: labels.cause(c) }))} />
        </Form.Item>
        <Form.Item
          name="unemployedSince"
          label={t('assistance.registration.unemployedSince')}
          extra={t('assistance.registration.unemployedSinceHelp')}
        >
          <Input type="date" max={chinaToday()} />
        </Form.Item>
        <Form.Item name="seekingWork" valuePropName="checked">
          <Checkbox>{t('assistance.mine.seekingWork')}</Checkbox>
        </Form.Item>
        <fieldset className="fieldset">
          <legend>{t('assistance.facts.legend')}</legend>
          <p className="field-help">{t('assistance.mine.factsHelp')}</p>
          <div className="checkbox-grid">
            {(['ruralHousehold', 'veteran', 'poorHousehold', 'disability'] as const).map((f) => (
              <Form.Item key={f} name={f} valuePropName="checked" noStyle>
                <Checkbox>{t(`assistance.facts.${f}`)}</Checkbox>
              </Form.Item>
            ))}
          </div>
        </fieldset>
        <Form.Item name="educationLevel" label={t('assistance.facts.educationLevel')}>
          <Select
            allowClear
            options={(education.data ?? []).map((e) => ({
              value: e.code,
              label: locale === 'en-US' ? e.nameEn : e.nameZh,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="graduationDate"
          label={t('assistance.facts.graduationDate')}
          extra={t('assistance.facts.graduationDateHelp')}
        >
          <Input type="date" max={chinaToday()} />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={save.isPending}>
          {t('assistance.mine.submit')}
        </Button>
      </Form>
    </section>
  );
}
