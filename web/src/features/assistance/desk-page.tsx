import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Checkbox, Form, Input, Select, Space, Typography } from 'antd';
import type { InputRef } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  UNEMPLOYMENT_CAUSES,
  type KeyGroupMembership,
  type Person,
  type PersonListItem,
  type Problem,
  type Registration,
} from '@jiuye/shared';
import { isApiError } from '../../app/api-client';
import { ButtonLink } from '../../app/button-link';
import { applyProblemToForm, phoneRules, ProblemAlert, requiredRule } from '../../app/form-errors';
import { formatDate } from '../../app/format';
import { usePageTitle } from '../../app/page-title';
import { StatusChip } from '../../app/status-chip';
import { useSignedInMe } from '../../app/use-me';
import { useLocale } from '../../i18n';
import '../../i18n/assistance';
import { useDistricts, useEducationLevels } from '../reference/api';
import {
  assistanceKeys,
  confirmMembership,
  createPerson,
  createRegistration,
  getPerson,
  listMemberships,
  lookupPerson,
  updatePerson,
} from './api';
import { IdNumberField, normalizeIdNumber, useParsedIdNumber } from './id-number-field';
import { KeyGroupTags, MembershipList } from './key-groups';
import { EMPLOYMENT_TONE, useAssistanceLabels } from './labels';
import { chinaToday } from './dates';
import './assistance.css';

type Cause = (typeof UNEMPLOYMENT_CAUSES)[number];

type DeskValues = {
  idNumber: string;
  fullName?: string;
  phone?: string;
  residenceDistrictCode: string;
  cause: Cause;
  unemployedSince?: string;
  ruralHousehold?: boolean;
  veteran?: boolean;
  poorHousehold?: boolean;
  disability?: boolean;
  educationLevel?: string;
  graduationDate?: string;
  evidenceNote?: string;
};

const FIELDS = [
  'idNumber',
  'fullName',
  'phone',
  'residenceDistrictCode',
  'cause',
  'unemployedSince',
  'ruralHousehold',
  'veteran',
  'poorHousehold',
  'disability',
  'educationLevel',
  'graduationDate',
  'evidenceNote',
] as const;

/** The registration answers `districtCode`; the desk asks for it as the residence district. */
function renamePaths(problem: Problem): Problem {
  return {
    ...problem,
    errors: problem.errors?.map((e) =>
      e.path === 'districtCode' ? { ...e, path: 'residenceDistrictCode' } : e,
    ),
  };
}

type Outcome = { person: Person; registration: Registration; memberships: KeyGroupMembership[] };

/**
 * The registration desk: one keyboard-driven form for a walk-in. The identity number comes first and
 * is checked as it is typed; once valid, the registry is searched for it, so a person on file is
 * registered rather than created twice. Enter registers unemployment and shows the certificate number
 * with the key groups the rules propose; Enter again confirms them, and once more starts the next
 * person (Alt+N at any time).
 */
export function DeskPage() {
  const { t } = useTranslation();
  usePageTitle(t('assistance.desk.title'));
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [round, setRound] = useState(0);
  const next = () => {
    setOutcome(null);
    setRound((r) => r + 1);
  };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && (e.key === 'n' || e.key === 'N')) {
        e.preventDefault();
        next();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <div className="page page--wide">
      <Typography.Title level={1}>{t('assistance.desk.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('assistance.desk.intro')}</Typography.Paragraph>
      {outcome ? (
        <DeskOutcome outcome={outcome} onNext={next} />
      ) : (
        <DeskForm key={round} onDone={setOutcome} />
      )}
    </div>
  );
}

function DeskForm({ onDone }: { onDone: (o: Outcome) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useAssistanceLabels();
  const me = useSignedInMe();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<DeskValues>();
  const idRef = useRef<InputRef>(null);
  const districts = useDistricts();
  const education = useEducationLevels();
  const myDistricts = (districts.data ?? []).filter((d) => me.districtCodes.includes(d.code));
  const idNumber = normalizeIdNumber(Form.useWatch('idNumber', form));
  const parsed = useParsedIdNumber(idNumber);

  // The registry is searched by the whole number (in the body, never in a URL) once it is valid.
  const lookup = useQuery({
    queryKey: ['assistance', 'lookup', parsed?.value ?? ''],
    queryFn: () => lookupPerson(parsed?.value ?? ''),
    enabled: parsed !== null,
    staleTime: 0,
    gcTime: 0,
  });
  const existing: PersonListItem | null = parsed && lookup.data ? lookup.data.person : null;

  // The household region (identity number) or the record's district preselects the residence
  // district when the officer covers it and has not chosen yet.
  const suggested = existing?.residenceDistrictCode ?? parsed?.regionCode ?? null;
  useEffect(() => {
    if (suggested && me.districtCodes.includes(suggested) && !form.isFieldTouched('residenceDistrictCode')) {
      form.setFieldValue('residenceDistrictCode', suggested);
    }
  }, [suggested, me.districtCodes, form]);

  const register = useMutation({
    mutationFn: async (v: DeskValues): Promise<Outcome> => {
      const facts = {
        ...(v.ruralHousehold ? { ruralHousehold: true } : {}),
        ...(v.veteran ? { veteran: true } : {}),
        ...(v.poorHousehold ? { poorHousehold: true } : {}),
        ...(v.disability ? { disability: true } : {}),
        ...(v.educationLevel ? { educationLevel: v.educationLevel } : {}),
        ...(v.graduationDate ? { graduationDate: v.graduationDate } : {}),
        ...(v.evidenceNote?.trim() ? { evidenceNote: v.evidenceNote.trim() } : {}),
      };
      let personId: string;
      if (existing) {
        personId = existing.id;
        // New evidence is added, never taken away: unticked boxes are not "no".
        if (Object.keys(facts).length > 0) await updatePerson(personId, facts);
      } else {
        const created = await createPerson({
          idNumber: v.idNumber,
          fullName: (v.fullName ?? '').trim(),
          phone: v.phone ?? '',
          residenceDistrictCode: v.residenceDistrictCode,
          ...facts,
        });
        personId = created.id;
      }
      const registration = await createRegistration({
        kind: 'unemployment',
        personId,
        districtCode: v.residenceDistrictCode,
        cause: v.cause,
        ...(v.unemployedSince ? { unemployedSince: v.unemployedSince } : {}),
      });
      const [person, memberships] = await Promise.all([getPerson(personId), listMemberships(personId)]);
      return { person, registration, memberships };
    },
    onSuccess: (o) => {
      void queryClient.invalidateQueries({ queryKey: assistanceKeys.all });
      onDone(o);
    },
    onError: (error) => {
      // A record may exist now even though the registration failed: look again.
      void lookup.refetch();
      if (isApiError(error)) applyProblemToForm(form, renamePaths(error.problem), FIELDS);
    },
  });

  const lookupMessage = !parsed
    ? ''
    : lookup.isFetching
      ? t('assistance.desk.lookingUp')
      : existing
        ? t('assistance.desk.found', { name: existing.fullName })
        : lookup.isSuccess
          ? t('assistance.desk.notFound')
          : '';

  return (
    <Form<DeskValues>
      form={form}
      layout="vertical"
      requiredMark="optional"
      initialValues={{
        residenceDistrictCode: me.districtCodes.length === 1 ? me.districtCodes[0] : undefined,
      }}
      onFinish={(v) => register.mutate(v)}
      scrollToFirstError={{ focus: true }}
      className="desk-form"
      aria-labelledby="desk-form-title"
    >
      <h2 id="desk-form-title" className="sr-only">
        {t('assistance.desk.formTitle')}
      </h2>
      <ProblemAlert error={register.error} fieldNames={[...FIELDS, 'districtCode']} />
      <div className="desk-grid">
        <section aria-labelledby="desk-who" className="desk-grid__col">
          <Typography.Title level={2} id="desk-who" className="desk-section-title">
            {t('assistance.desk.who')}
          </Typography.Title>
          <IdNumberField
            label={t('assistance.id.label')}
            help={t('assistance.id.help')}
            autoFocus
            inputRef={idRef}
          />
          <div className="sr-only" role="status" aria-live="polite">
            {lookupMessage}
          </div>
          {existing ? (
            <Alert
              type={existing.employmentStatus === 'unemployed' ? 'warning' : 'info'}
              showIcon
              className="desk-existing"
              title={t('assistance.desk.existingTitle', { name: existing.fullName })}
              description={
                <>
                  <div>
                    {existing.phoneMasked} ·{' '}
                    <StatusChip tone={EMPLOYMENT_TONE[existing.employmentStatus]}>
                      {labels.employmentStatus(existing.employmentStatus)}
                    </StatusChip>
                  </div>
                  <div>
                    <KeyGroupTags tags={existing.keyGroups} />
                  </div>
                  {existing.employmentStatus === 'unemployed' && (
                    <div>{t('assistance.desk.alreadyUnemployed')}</div>
                  )}
                  <Space wrap>
                    <Link to={`/staff/persons/${existing.id}`}>{t('assistance.desk.openRecord')}</Link>
                    {existing.caseId && (
                      <Link to={`/staff/cases/${existing.caseId}`}>{t('assistance.desk.openCase')}</Link>
                    )}
                  </Space>
                </>
              }
            />
          ) : (
            <>
              <Form.Item
                name="fullName"
                label={t('assistance.person.fullName')}
                rules={[requiredRule(locale)]}
              >
                <Input maxLength={60} autoComplete="off" />
              </Form.Item>
              <Form.Item name="phone" label={t('assistance.person.phone')} rules={phoneRules(locale)}>
                <Input maxLength={20} inputMode="tel" autoComplete="off" />
              </Form.Item>
            </>
          )}
          <Form.Item
            name="residenceDistrictCode"
            label={t('assistance.person.residenceDistrict')}
            extra={t('assistance.person.residenceDistrictHelp')}
            rules={[requiredRule(locale)]}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={districts.isPending}
              options={myDistricts.map((d) => ({ value: d.code, label: d.name }))}
            />
          </Form.Item>
        </section>
        <section aria-labelledby="desk-registration" className="desk-grid__col">
          <Typography.Title level={2} id="desk-registration" className="desk-section-title">
            {t('assistance.desk.registration')}
          </Typography.Title>
          <Form.Item name="cause" label={t('assistance.registration.cause')} rules={[requiredRule(locale)]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={UNEMPLOYMENT_CAUSES.map((c) => ({ value: c, label: labels.cause(c) }))}
            />
          </Form.Item>
          <Form.Item
            name="unemployedSince"
            label={t('assistance.registration.unemployedSince')}
            extra={t('assistance.registration.unemployedSinceHelp')}
          >
            <Input type="date" max={chinaToday()} />
          </Form.Item>
          <fieldset className="fieldset">
            <legend>{t('assistance.facts.legend')}</legend>
            <p className="field-help">{t('assistance.facts.help')}</p>
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
              loading={education.isPending}
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
          <Form.Item
            name="evidenceNote"
            label={t('assistance.facts.evidenceNote')}
            extra={t('assistance.facts.evidenceNoteHelp')}
          >
            <Input maxLength={500} autoComplete="off" />
          </Form.Item>
        </section>
      </div>
      <div className="form-actions">
        <Button type="primary" htmlType="submit" loading={register.isPending} size="large">
          {t('assistance.desk.submit')}
        </Button>
        <Button
          onClick={() => {
            form.resetFields();
            register.reset();
            idRef.current?.focus();
          }}
        >
          {t('assistance.desk.clear')}
        </Button>
        <span className="muted">{t('assistance.desk.keys')}</span>
      </div>
    </Form>
  );
}

/** The certificate number and the key groups the rules propose, confirmed with one key. */
function DeskOutcome({ outcome, onNext }: { outcome: Outcome; onNext: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useAssistanceLabels();
  const queryClient = useQueryClient();
  const { person, registration } = outcome;
  const [memberships, setMemberships] = useState(outcome.memberships);
  const proposals = memberships.filter((m) => m.status === 'active' && !m.confirmedAt);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const nextRef = useRef<HTMLButtonElement>(null);

  const confirm = useMutation({
    mutationFn: async () => {
      for (const m of proposals) await confirmMembership(person.id, m.group);
      return listMemberships(person.id);
    },
    onSuccess: (items) => {
      setMemberships(items);
      void queryClient.invalidateQueries({ queryKey: assistanceKeys.all });
    },
  });

  // Enter keeps the flow going: confirm the proposals if any, otherwise on to the next person.
  useEffect(() => {
    if (proposals.length > 0) confirmRef.current?.focus();
    else nextRef.current?.focus();
  }, [proposals.length]);

  return (
    <section className="desk-outcome" aria-labelledby="desk-outcome-title">
      <Typography.Title level={2} id="desk-outcome-title">
        {t('assistance.desk.doneTitle', { name: person.fullName })}
      </Typography.Title>
      <div role="status" className="certificate">
        <span className="certificate__label">{t('assistance.registration.certificateNo')}</span>
        <span className="certificate__no mono">{registration.certificateNo ?? '—'}</span>
      </div>
      <dl className="facts-list">
        <div>
          <dt>{t('assistance.person.idNumber')}</dt>
          <dd className="mono">{person.idNumberMasked ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('assistance.registration.status')}</dt>
          <dd>
            {labels.registrationKind(registration.kind)} ·{' '}
            <StatusChip tone="info">{labels.registrationStatus(registration.status)}</StatusChip>
          </dd>
        </div>
        <div>
          <dt>{t('assistance.registration.registeredOn')}</dt>
          <dd>{formatDate(registration.registeredOn, locale)}</dd>
        </div>
      </dl>
      <Typography.Title level={3}>{t('assistance.desk.proposedGroups')}</Typography.Title>
      <MembershipList memberships={memberships.filter((m) => m.status === 'active')} headingLevel={4} />
      <ProblemAlert error={confirm.error} />
      <Space wrap className="form-actions">
        {proposals.length > 0 && (
          <Button
            ref={confirmRef}
            type="primary"
            size="large"
            loading={confirm.isPending}
            onClick={() => confirm.mutate()}
          >
            {t('assistance.desk.confirmGroups', { count: proposals.length })}
          </Button>
        )}
        <Button
          ref={nextRef}
          size="large"
          type={proposals.length > 0 ? 'default' : 'primary'}
          onClick={onNext}
        >
          {t('assistance.desk.next')}
        </Button>
        {person.caseId && (
          <ButtonLink to={`/staff/cases/${person.caseId}`}>{t('assistance.desk.openCase')}</ButtonLink>
        )}
        <ButtonLink to={`/staff/persons/${person.id}`}>{t('assistance.desk.openRecord')}</ButtonLink>
      </Space>
    </section>
  );
}
