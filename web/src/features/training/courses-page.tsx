import { useState } from 'react';
import { App, Button, Form, Input, Modal, Select, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  LicenceNumberSchema,
  PhoneSchema,
  TRAINING_COURSE_STATUSES,
  TRAINING_PROVIDER_KINDS,
  fieldMessage,
  type CreateTrainingProviderBody,
  type TrainingCourse,
  type TrainingCourseStatus,
  type TrainingProvider,
} from '@jiuye/shared';
import { isApiError } from '../../app/api-client';
import { ButtonLink } from '../../app/button-link';
import { applyProblemToForm, checkRule, ProblemAlert, requiredRule } from '../../app/form-errors';
import { formatDate } from '../../app/format';
import { usePageTitle } from '../../app/page-title';
import { HOME_PATH } from '../../app/roles';
import { ScrollRegion } from '../../app/scroll-region';
import { StatusChip } from '../../app/status-chip';
import { useSignedInMe } from '../../app/use-me';
import { useLocale } from '../../i18n';
import '../../i18n/assistance';
import { useDistricts } from '../reference/api';
import { createProvider, listCourses, listProviders, trainingKeys } from './api';
import { COURSE_TONE, useTrainingLabels } from './labels';
import '../assistance/assistance.css';
import { TableEmpty } from '../assistance/table-empty';

function isCourseStatus(v: string | null): v is TrainingCourseStatus {
  return v !== null && (TRAINING_COURSE_STATUSES as readonly string[]).includes(v);
}

/** The provider records the caller manages (a college/agency its own; staff those of their districts). */
export function useProviders() {
  const q = { page: 1, pageSize: 100 };
  return useQuery({ queryKey: trainingKeys.providers(q), queryFn: () => listProviders(q) });
}

/**
 * Vocational training courses: a provider's own, or every course of the officer's districts, with
 * capacity and places taken; staff also keep the list of training providers.
 */
export function CoursesPage() {
  const { t } = useTranslation();
  usePageTitle(t('training.courses.title'));
  const locale = useLocale();
  const labels = useTrainingLabels();
  const me = useSignedInMe();
  const base = HOME_PATH[me.role];
  const staff = me.role === 'staff';
  const providers = useProviders();
  const [params, setParams] = useSearchParams();
  const statusParam = params.get('status');
  const status = isCourseStatus(statusParam) ? statusParam : undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const query = { status, page, pageSize: 20 };
  const list = useQuery({
    queryKey: trainingKeys.courses(query),
    queryFn: () => listCourses(query),
    placeholderData: keepPreviousData,
  });
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, v);
    }
    setParams(next, { replace: true });
  };
  const hasProvider = (providers.data?.items.length ?? 0) > 0;
  const columns: TableProps<TrainingCourse>['columns'] = [
    {
      title: t('training.course.title'),
      key: 'title',
      render: (_v, c) => <Link to={`${base}/training/${c.id}`}>{c.title}</Link>,
    },
    { title: t('training.course.provider'), key: 'provider', render: (_v, c) => c.providerName },
    {
      title: t('training.course.dates'),
      key: 'dates',
      render: (_v, c) => `${formatDate(c.startsOn, locale)} – ${formatDate(c.endsOn, locale)}`,
    },
    { title: t('training.course.hours'), key: 'hours', render: (_v, c) => c.hours },
    {
      title: t('training.course.enrolment'),
      key: 'enrolment',
      render: (_v, c) => t('training.course.takenOf', { taken: c.enrolledCount, capacity: c.capacity }),
    },
    {
      title: t('training.course.status'),
      key: 'status',
      render: (_v, c) => (
        <StatusChip tone={COURSE_TONE[c.status]}>{labels.courseStatus(c.status)}</StatusChip>
      ),
    },
  ];
  return (
    <div className="page page--wide">
      <div className="section-head">
        <Typography.Title level={1}>{t('training.courses.title')}</Typography.Title>
        {(staff || hasProvider) && (
          <ButtonLink to={`${base}/training/new`} type="primary">
            {t('training.courses.create')}
          </ButtonLink>
        )}
      </div>
      {!staff && providers.isSuccess && !hasProvider && <ProviderSetup />}
      {!staff && hasProvider && (
        <Typography.Paragraph>
          {t('training.providers.mine', { name: providers.data?.items[0]?.name ?? '' })}
        </Typography.Paragraph>
      )}
      <div className="toolbar">
        <Select<string>
          aria-label={t('training.courses.statusFilter')}
          value={status ?? 'all'}
          onChange={(v) => set({ status: v === 'all' ? undefined : v, page: undefined })}
          options={[
            { value: 'all', label: t('training.courses.allStatuses') },
            ...TRAINING_COURSE_STATUSES.map((s) => ({ value: s, label: labels.courseStatus(s) })),
          ]}
          style={{ minWidth: 140 }}
        />
      </div>
      <ProblemAlert error={list.error} />
      <ScrollRegion label={t('training.courses.title')} minWidth={880}>
        <Table<TrainingCourse>
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          locale={{ emptyText: <TableEmpty>{t('training.courses.empty')}</TableEmpty> }}
          pagination={{
            placement: ['bottomStart'],
            current: page,
            pageSize: 20,
            total: list.data?.total ?? 0,
            showSizeChanger: false,
            showTotal: (total) => t('common.total', { total }),
            onChange: (p) => set({ page: String(p) }),
          }}
        />
      </ScrollRegion>
      {staff && <ProvidersSection providers={providers.data?.items ?? []} error={providers.error} />}
    </div>
  );
}

/** A college or agency account registers its institution once before it offers courses. */
function ProviderSetup() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="provider-setup" className="phone-card">
      <h2 id="provider-setup" className="service__title">
        {t('training.providers.setupTitle')}
      </h2>
      <Typography.Paragraph>{t('training.providers.setupIntro')}</Typography.Paragraph>
      <ProviderForm onDone={() => undefined} />
    </section>
  );
}

function ProvidersSection({ providers, error }: { providers: TrainingProvider[]; error: unknown }) {
  const { t } = useTranslation();
  const labels = useTrainingLabels();
  const districts = useDistricts();
  const names = new Map((districts.data ?? []).map((d) => [d.code, d.name]));
  const [adding, setAdding] = useState(false);
  const columns: TableProps<TrainingProvider>['columns'] = [
    { title: t('training.providers.name'), key: 'name', render: (_v, p) => p.name },
    { title: t('training.providers.kind'), key: 'kind', render: (_v, p) => labels.providerKind(p.kind) },
    {
      title: t('training.providers.licence'),
      key: 'licence',
      render: (_v, p) => <span className="mono">{p.licenceNumber}</span>,
    },
    {
      title: t('training.providers.district'),
      key: 'district',
      render: (_v, p) => names.get(p.districtCode) ?? p.districtCode,
    },
    {
      title: t('training.providers.contact'),
      key: 'contact',
      render: (_v, p) => [p.contactName, p.contactPhone].filter(Boolean).join(' · ') || '—',
    },
  ];
  return (
    <section aria-labelledby="providers-title" className="section-block">
      <div className="section-head">
        <Typography.Title level={2} id="providers-title">
          {t('training.providers.title')}
        </Typography.Title>
        <Button onClick={() => setAdding(true)}>{t('training.providers.add')}</Button>
      </div>
      <ProblemAlert error={error} />
      <ScrollRegion label={t('training.providers.title')} minWidth={720}>
        <Table<TrainingProvider>
          rowKey="id"
          columns={columns}
          dataSource={providers}
          locale={{ emptyText: <TableEmpty>{t('common.none')}</TableEmpty> }}
          pagination={false}
        />
      </ScrollRegion>
      <Modal
        open={adding}
        title={t('training.providers.add')}
        footer={null}
        onCancel={() => setAdding(false)}
        destroyOnHidden
      >
        <ProviderForm onDone={() => setAdding(false)} />
      </Modal>
    </section>
  );
}

type ProviderValues = {
  name: string;
  kind: CreateTrainingProviderBody['kind'];
  licenceNumber: string;
  districtCode: string;
  contactName?: string;
  contactPhone?: string;
};
const PROVIDER_FIELDS = [
  'name',
  'kind',
  'licenceNumber',
  'districtCode',
  'contactName',
  'contactPhone',
] as const;

function ProviderForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useTrainingLabels();
  const me = useSignedInMe();
  const districts = useDistricts();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ProviderValues>();
  const save = useMutation({
    mutationFn: (v: ProviderValues) =>
      createProvider({
        name: v.name.trim(),
        kind: v.kind,
        licenceNumber: v.licenceNumber.trim().toUpperCase(),
        districtCode: v.districtCode,
        ...(v.contactName?.trim() ? { contactName: v.contactName.trim() } : {}),
        ...(v.contactPhone?.trim() ? { contactPhone: PhoneSchema.parse(v.contactPhone) } : {}),
      }),
    onSuccess: (p) => {
      void queryClient.invalidateQueries({ queryKey: trainingKeys.all });
      void message.success(t('training.providers.added', { name: p.name }));
      onDone();
    },
    onError: (error) => {
      if (isApiError(error)) applyProblemToForm(form, error.problem, PROVIDER_FIELDS);
    },
  });
  const kinds =
    me.role === 'college' ? ['college'] : me.role === 'agency' ? ['agency'] : TRAINING_PROVIDER_KINDS;
  return (
    <>
      <ProblemAlert error={save.error} fieldNames={PROVIDER_FIELDS} />
      <Form<ProviderValues>
        form={form}
        layout="vertical"
        requiredMark="optional"
        initialValues={{ kind: kinds[0] }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="name" label={t('training.providers.name')} rules={[requiredRule(locale)]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="kind" label={t('training.providers.kind')} rules={[requiredRule(locale)]}>
          <Select options={kinds.map((k) => ({ value: k, label: labels.providerKind(k) }))} />
        </Form.Item>
        <Form.Item
          name="licenceNumber"
          label={t('training.providers.licence')}
          extra={t('training.providers.licenceHelp')}
          rules={[
            requiredRule(locale),
            checkRule((v) =>
              typeof v === 'string' && v.trim() !== '' && !LicenceNumberSchema.safeParse(v).success
                ? fieldMessage('invalid_format', locale)
                : null,
            ),
          ]}
        >
          <Input maxLength={40} className="mono" autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="districtCode"
          label={t('training.providers.district')}
          rules={[requiredRule(locale)]}
        >
          <Select options={(districts.data ?? []).map((d) => ({ value: d.code, label: d.name }))} />
        </Form.Item>
        <Form.Item name="contactName" label={t('training.providers.contactName')}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item
          name="contactPhone"
          label={t('training.providers.contactPhone')}
          rules={[
            checkRule((v) =>
              typeof v === 'string' && v.trim() !== '' && !PhoneSchema.safeParse(v).success
                ? fieldMessage('phone_format', locale)
                : null,
            ),
          ]}
        >
          <Input maxLength={20} inputMode="tel" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('training.providers.submit')}
        </Button>
      </Form>
    </>
  );
}
