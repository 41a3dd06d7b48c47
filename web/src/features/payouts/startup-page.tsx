import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, InputNumber, Radio, Select, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  CreditCodeSchema,
  fieldMessage,
  STARTUP_BUSINESS_TYPES,
  type CreateStartupBody,
  type StartupBusinessType,
} from '@jiuye/shared';
import { isApiError } from '../../app/api-client';
import { applyProblemToForm, checkRule, ProblemAlert, requiredRule } from '../../app/form-errors';
import { formatDate } from '../../app/format';
import { usePageTitle } from '../../app/page-title';
import { PageSpinner } from '../../app/pages/status-pages';
import { StatusChip } from '../../app/status-chip';
import { useLocale } from '../../i18n';
import { useDistricts, useIndustries } from '../reference/api';
import { RegionSelect } from '../reference/region-select';
import { createStartup, listStartups, payoutKeys, type Startup } from './api';
import '../policies/policies.css';
import '../../i18n/policies';

type Values = {
  businessName: string;
  businessType: StartupBusinessType;
  creditCode?: string;
  districtCode: string;
  address?: string;
  industryCode: string;
  startDate: string;
  jobsCreated: number;
  evidenceKind?: 'outside_work' | 'none';
  previousWorkRegionCode?: string;
  previousEmployer?: string;
  returnedOn?: string;
};

const FIELDS = [
  'businessName',
  'businessType',
  'creditCode',
  'districtCode',
  'address',
  'industryCode',
  'startDate',
  'jobsCreated',
];

function toBody(v: Values): CreateStartupBody {
  return {
    businessName: v.businessName.trim(),
    businessType: v.businessType,
    ...(v.creditCode?.trim() ? { creditCode: v.creditCode.trim().toUpperCase() } : {}),
    districtCode: v.districtCode,
    ...(v.address?.trim() ? { address: v.address.trim() } : {}),
    industryCode: v.industryCode,
    startDate: v.startDate,
    jobsCreated: v.jobsCreated,
    ...(v.evidenceKind === 'outside_work'
      ? {
          returnEvidence: {
            kind: 'outside_work',
            ...(v.previousWorkRegionCode ? { previousWorkRegionCode: v.previousWorkRegionCode } : {}),
            ...(v.previousEmployer?.trim() ? { previousEmployer: v.previousEmployer.trim() } : {}),
            ...(v.returnedOn ? { returnedOn: v.returnedOn } : {}),
          },
        }
      : {}),
  };
}

/**
 * A returned worker records the business they started (on a phone): it feeds the one-off start-up
 * subsidy, which the bureau can then find and prepare for them to confirm.
 */
export function StartupPage() {
  const { t } = useTranslation();
  usePageTitle(t('policies.startup.title'));
  const list = useQuery({
    queryKey: payoutKeys.startups({ page: 1 }),
    queryFn: () => listStartups({ page: 1, pageSize: 50 }),
  });
  const [adding, setAdding] = useState(false);
  const items = list.data?.items ?? [];
  return (
    <div className="page page--reading">
      <p>
        <Link to="/seeker/policies">{t('policies.mine.back')}</Link>
      </p>
      <Typography.Title level={1}>{t('policies.startup.title')}</Typography.Title>
      <Typography.Paragraph>{t('policies.startup.intro')}</Typography.Paragraph>
      {list.isPending && <PageSpinner />}
      <ProblemAlert error={list.error} />
      {items.length > 0 && (
        <ul className="card-list">
          {items.map((s) => (
            <li key={s.id}>
              <StartupCard startup={s} />
            </li>
          ))}
        </ul>
      )}
      {list.isSuccess && (items.length === 0 || adding) ? (
        <StartupForm onDone={() => setAdding(false)} />
      ) : (
        list.isSuccess && <Button onClick={() => setAdding(true)}>{t('policies.startup.addAnother')}</Button>
      )}
    </div>
  );
}

function StartupCard({ startup: s }: { startup: Startup }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const districts = useDistricts();
  const district = (districts.data ?? []).find((d) => d.code === s.districtCode)?.name ?? s.districtCode;
  return (
    <article aria-labelledby={`startup-${s.id}`}>
      <Card size="small">
        <h2 className="card-heading" id={`startup-${s.id}`}>
          {s.businessName}
        </h2>
        <p>
          {t(`policies.startup.type.${s.businessType}`)} · {district} ·{' '}
          {t('policies.startup.startedOn', { date: formatDate(s.startDate, locale) })} ·{' '}
          {t('policies.startup.jobs', { count: s.jobsCreated })}
        </p>
        <p>
          {s.returnedWorker ? (
            <StatusChip tone="success">{t('policies.startup.returnedWorker')}</StatusChip>
          ) : (
            <StatusChip tone="neutral">{t('policies.startup.notReturnedWorker')}</StatusChip>
          )}
        </p>
        {s.returnedWorkerReasons.length > 0 && (
          <ul className="plain-list">
            {s.returnedWorkerReasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        )}
      </Card>
    </article>
  );
}

function StartupForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const districts = useDistricts();
  const industries = useIndustries();
  const [form] = Form.useForm<Values>();
  const businessType = Form.useWatch('businessType', form);
  const evidenceKind = Form.useWatch('evidenceKind', form);
  const save = useMutation({
    mutationFn: (v: Values) => createStartup(toBody(v)),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['payouts', 'startups'] });
      void message.success(t('policies.startup.saved'));
      form.resetFields();
      onDone();
    },
    onError: (error) => {
      if (!isApiError(error)) return;
      applyProblemToForm(form, error.problem, FIELDS);
      // Evidence errors (`returnEvidence.previousWorkRegionCode`) go on the evidence fields.
      form.setFields(
        (error.problem.errors ?? [])
          .filter((e) => e.path.startsWith('returnEvidence.'))
          .map((e) => ({ name: e.path.split('.')[1] as keyof Values, errors: [e.message] })),
      );
    },
  });
  return (
    <section aria-labelledby="startup-form-title">
      <Typography.Title level={2} id="startup-form-title">
        {t('policies.startup.formTitle')}
      </Typography.Title>
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark="optional"
        initialValues={{ businessType: 'individual', jobsCreated: 1, evidenceKind: 'outside_work' }}
        onFinish={(v) => save.mutate(v)}
      >
        <ProblemAlert error={save.error} fieldNames={[...FIELDS, 'returnEvidence']} />
        <Form.Item
          name="businessName"
          label={t('policies.startup.businessName')}
          rules={[requiredRule(locale)]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="businessType"
          label={t('policies.startup.businessType')}
          rules={[requiredRule(locale)]}
        >
          <Radio.Group
            options={STARTUP_BUSINESS_TYPES.map((b) => ({
              value: b,
              label: t(`policies.startup.type.${b}`),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="creditCode"
          label={t('policies.startup.creditCode')}
          extra={businessType === 'individual' ? t('policies.startup.creditCodeOptional') : undefined}
          rules={[
            ...(businessType === 'individual' ? [] : [requiredRule(locale)]),
            checkRule((v) =>
              typeof v === 'string' &&
              v.trim() !== '' &&
              !CreditCodeSchema.safeParse(v.trim().toUpperCase()).success
                ? fieldMessage('credit_code_format', locale)
                : null,
            ),
          ]}
        >
          <Input maxLength={18} autoComplete="off" />
        </Form.Item>
        <Form.Item name="districtCode" label={t('policies.startup.district')} rules={[requiredRule(locale)]}>
          <Select<string> options={(districts.data ?? []).map((d) => ({ value: d.code, label: d.name }))} />
        </Form.Item>
        <Form.Item name="address" label={t('policies.startup.address')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="industryCode" label={t('policies.startup.industry')} rules={[requiredRule(locale)]}>
          <Select<string>
            showSearch={{ optionFilterProp: 'label' }}
            options={(industries.data ?? []).map((i) => ({
              value: i.code,
              label: `${i.code} ${locale === 'zh-CN' ? i.nameZh : i.nameEn}`,
            }))}
          />
        </Form.Item>
        <Form.Item name="startDate" label={t('policies.startup.startDate')} rules={[requiredRule(locale)]}>
          <input type="date" className="ant-input" style={{ maxWidth: 220 }} />
        </Form.Item>
        <Form.Item
          name="jobsCreated"
          label={t('policies.startup.jobsCreated')}
          extra={t('policies.startup.jobsHelp')}
          rules={[requiredRule(locale)]}
        >
          <InputNumber<number> min={0} max={10000} precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="evidenceKind" label={t('policies.startup.evidence')}>
          <Radio.Group
            options={[
              { value: 'outside_work', label: t('policies.startup.evidenceOutside') },
              { value: 'none', label: t('policies.startup.evidenceNone') },
            ]}
          />
        </Form.Item>
        {evidenceKind === 'outside_work' && (
          <>
            <Form.Item
              name="previousWorkRegionCode"
              label={t('policies.startup.previousRegion')}
              rules={[requiredRule(locale)]}
            >
              <RegionSelect labelPrefix={t('policies.startup.previousRegion')} />
            </Form.Item>
            <Form.Item name="previousEmployer" label={t('policies.startup.previousEmployer')}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="returnedOn" label={t('policies.startup.returnedOn')}>
              <input type="date" className="ant-input" style={{ maxWidth: 220 }} />
            </Form.Item>
          </>
        )}
        {save.isError && !isApiError(save.error) && <Alert type="error" title={t('common.networkError')} />}
        <Button type="primary" htmlType="submit" size="large" loading={save.isPending}>
          {t('policies.startup.save')}
        </Button>
      </Form>
    </section>
  );
}
