import { useState } from 'react';
import {
  App,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Typography,
} from 'antd';
import type { TableProps } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  AGENCY_SERVICES,
  CONTRACT_KINDS,
  DELIVERABLE_KINDS,
  type Agency,
  type AgencyService,
  type ContractKind,
  type Deliverable,
  type DeliverableKind,
  type ServiceContract,
} from '@jiuye/shared';
import { isApiError } from '../../app/api-client';
import { applyProblemToForm, phoneRules, ProblemAlert, requiredRule } from '../../app/form-errors';
import { formatDate } from '../../app/format';
import { formatYuan, yuanToFen } from '../../app/money';
import { usePageTitle } from '../../app/page-title';
import { PageSpinner } from '../../app/pages/status-pages';
import { ScrollRegion } from '../../app/scroll-region';
import { StatusChip } from '../../app/status-chip';
import { useDebouncedValue } from '../../app/use-debounced';
import { useLocale } from '../../i18n';
import { listEnterprises } from '../enterprises/api';
import {
  chinaDay,
  DistrictSelect,
  Figures,
  pickOneRule,
  Section,
  useDistrictName,
} from '../shortages/common';
import {
  createDeliverable,
  createServiceContract,
  fairKeys,
  getMyAgency,
  getServiceContract,
  listAgencies,
  listDeliverables,
  listServiceContracts,
  registerAgency,
  reviewAgency,
  reviewDeliverable,
} from './api';
import { useFairLabels } from './common';

type Area = 'staff' | 'partner';

function ContractsTable({ contracts, area }: { contracts: ServiceContract[]; area: Area }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useFairLabels();
  const columns: TableProps<ServiceContract>['columns'] = [
    {
      title: t('labour.agencies.contract'),
      key: 't',
      render: (_v, c) => <Link to={`/${area}/contracts/${c.id}`}>{c.title}</Link>,
    },
    { title: t('labour.agencies.agency'), key: 'a', render: (_v, c) => c.agencyName },
    { title: t('labour.agencies.kind'), key: 'k', render: (_v, c) => labels.contractKind(c.kind) },
    {
      title: t('labour.agencies.progress'),
      key: 'p',
      align: 'right',
      render: (_v, c) =>
        t('labour.agencies.progressOf', { verified: c.progress.verified, target: c.targetCount }),
    },
    {
      title: t('labour.sharing.period'),
      key: 'd',
      render: (_v, c) => `${formatDate(c.startsOn, locale)} – ${formatDate(c.endsOn, locale)}`,
    },
    {
      title: t('labour.common.status'),
      key: 's',
      render: (_v, c) => (
        <StatusChip tone={c.status === 'active' ? 'info' : c.status === 'completed' ? 'success' : 'danger'}>
          {labels.contractStatus(c.status)}
        </StatusChip>
      ),
    },
  ];
  return (
    <ScrollRegion label={t('labour.agencies.contractsTitle')} minWidth={820}>
      <Table<ServiceContract>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={contracts}
        pagination={false}
        locale={{ emptyText: <span className="labour-empty">{t('labour.agencies.noContracts')}</span> }}
      />
    </ScrollRegion>
  );
}

type AgencyValues = {
  name?: string;
  licenceNumber?: string;
  districtCode?: string;
  address?: string;
  contactName?: string;
  contactPhone?: string;
  services?: AgencyService[];
};
const AGENCY_FIELDS = [
  'name',
  'licenceNumber',
  'districtCode',
  'address',
  'contactName',
  'contactPhone',
  'services',
];

/** An agency account: its registration, then its purchased-service contracts. */
export function AgencyHomePage() {
  const { t } = useTranslation();
  usePageTitle(t('labour.agencies.agencyTitle'));
  const locale = useLocale();
  const labels = useFairLabels();
  const queryClient = useQueryClient();
  const agency = useQuery({
    queryKey: fairKeys.myAgency,
    queryFn: async () => {
      try {
        return await getMyAgency();
      } catch (error) {
        if (isApiError(error, 'not_found')) return null;
        throw error;
      }
    },
  });
  const contracts = useQuery({
    queryKey: fairKeys.contracts({ mine: true }),
    queryFn: () => listServiceContracts({ page: 1, pageSize: 100 }),
    enabled: Boolean(agency.data),
  });
  const [form] = Form.useForm<AgencyValues>();
  const register = useMutation({
    mutationFn: (v: AgencyValues) =>
      registerAgency({
        name: v.name ?? '',
        licenceNumber: v.licenceNumber ?? '',
        districtCode: v.districtCode ?? '',
        address: v.address ?? '',
        contactName: v.contactName ?? '',
        contactPhone: v.contactPhone ?? '',
        services: v.services ?? [],
      }),
    onSuccess: (saved) => queryClient.setQueryData(fairKeys.myAgency, saved),
    onError: (error) => {
      if (isApiError(error)) applyProblemToForm(form, error.problem, AGENCY_FIELDS);
    },
  });
  if (agency.isPending) return <PageSpinner />;
  const a = agency.data;
  return (
    <div className="page page--wide">
      <Typography.Title level={1}>{a ? a.name : t('labour.agencies.agencyTitle')}</Typography.Title>
      <ProblemAlert error={agency.error} />
      {a ? (
        <>
          <Card style={{ marginBottom: 24 }}>
            <dl className="labour-meta">
              <dt>{t('labour.agencies.licence')}</dt>
              <dd>{a.licenceNumber}</dd>
              <dt>{t('labour.common.status')}</dt>
              <dd>
                {labels.agencyStatus(a.status)}
                {a.statusReason ? `：${a.statusReason}` : ''}
              </dd>
              <dt>{t('labour.agencies.services')}</dt>
              <dd>{a.services.map(labels.agencyService).join('、')}</dd>
            </dl>
          </Card>
          <Section id="agency-contracts" title={t('labour.agencies.contractsTitle')}>
            <ProblemAlert error={contracts.error} />
            <ContractsTable contracts={contracts.data?.items ?? []} area="partner" />
          </Section>
        </>
      ) : (
        <Section id="agency-register" title={t('labour.agencies.register')}>
          <ProblemAlert error={register.error} fieldNames={AGENCY_FIELDS} />
          <Form<AgencyValues> form={form} layout="vertical" onFinish={(v) => register.mutate(v)}>
            <Form.Item name="name" label={t('labour.agencies.name')} rules={[requiredRule(locale)]}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item
              name="licenceNumber"
              label={t('labour.agencies.licence')}
              rules={[requiredRule(locale)]}
            >
              <Input maxLength={40} />
            </Form.Item>
            <Form.Item name="districtCode" label={t('labour.common.district')} rules={[requiredRule(locale)]}>
              <DistrictSelect />
            </Form.Item>
            <Form.Item name="address" label={t('labour.agencies.address')}>
              <Input maxLength={200} />
            </Form.Item>
            <Space wrap align="start" size={16}>
              <Form.Item
                name="contactName"
                label={t('labour.colleges.contactName')}
                rules={[requiredRule(locale)]}
              >
                <Input maxLength={60} />
              </Form.Item>
              <Form.Item
                name="contactPhone"
                label={t('labour.colleges.contactPhone')}
                rules={phoneRules(locale)}
              >
                <Input inputMode="tel" maxLength={20} />
              </Form.Item>
            </Space>
            <Form.Item name="services" label={t('labour.agencies.services')} rules={[pickOneRule(locale)]}>
              <Checkbox.Group
                className="checkbox-grid"
                options={AGENCY_SERVICES.map((s) => ({ value: s, label: labels.agencyService(s) }))}
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={register.isPending}>
              {t('labour.agencies.submitRegister')}
            </Button>
          </Form>
        </Section>
      )}
    </div>
  );
}

type ContractValues = {
  agencyId?: string;
  title?: string;
  kind: ContractKind;
  targetEnterpriseIds?: string[];
  targetCount?: number;
  priceYuan?: number;
  startsOn?: string;
  endsOn?: string;
  description?: string;
};
const CONTRACT_FIELDS = [
  'agencyId',
  'title',
  'kind',
  'targetEnterpriseIds',
  'targetCount',
  'priceYuan',
  'startsOn',
  'endsOn',
  'description',
];

/** Staff: registered agencies (verify them) and purchased-service contracts. */
export function StaffAgenciesPage() {
  const { t } = useTranslation();
  usePageTitle(t('labour.agencies.staffTitle'));
  const labels = useFairLabels();
  const district = useDistrictName();
  const queryClient = useQueryClient();
  const agencies = useQuery({
    queryKey: fairKeys.agencies({}),
    queryFn: () => listAgencies({ page: 1, pageSize: 100 }),
  });
  const contracts = useQuery({
    queryKey: fairKeys.contracts({}),
    queryFn: () => listServiceContracts({ page: 1, pageSize: 100 }),
  });
  const [creating, setCreating] = useState(false);
  const review = useMutation({
    mutationFn: (v: { id: string; decision: 'verify' | 'reject'; reason?: string }) =>
      reviewAgency(v.id, { decision: v.decision, reason: v.reason }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: fairKeys.all });
    },
  });
  const columns: TableProps<Agency>['columns'] = [
    { title: t('labour.agencies.name'), key: 'n', render: (_v, a) => a.name },
    { title: t('labour.agencies.licence'), key: 'l', render: (_v, a) => a.licenceNumber },
    { title: t('labour.common.district'), key: 'd', render: (_v, a) => district(a.districtCode) },
    {
      title: t('labour.agencies.services'),
      key: 's',
      render: (_v, a) => a.services.map(labels.agencyService).join('、'),
    },
    {
      title: t('labour.agencies.activeContracts'),
      key: 'c',
      align: 'right',
      render: (_v, a) => a.activeContracts,
    },
    { title: t('labour.common.status'), key: 'st', render: (_v, a) => labels.agencyStatus(a.status) },
    {
      title: t('labour.common.actions'),
      key: 'x',
      render: (_v, a) =>
        a.status === 'pending' ? (
          <Space wrap>
            <Button
              size="small"
              type="primary"
              onClick={() => review.mutate({ id: a.id, decision: 'verify' })}
            >
              {t('labour.agencies.verify')}
            </Button>
            <Button
              size="small"
              danger
              onClick={() =>
                review.mutate({ id: a.id, decision: 'reject', reason: t('labour.agencies.rejectDefault') })
              }
            >
              {t('labour.agencies.reject')}
            </Button>
          </Space>
        ) : null,
    },
  ];
  return (
    <div className="page page--wide">
      <div className="labour-head">
        <Typography.Title level={1} style={{ margin: 0 }}>
          {t('labour.agencies.staffTitle')}
        </Typography.Title>
        <Button type="primary" onClick={() => setCreating(true)}>
          {t('labour.agencies.newContract')}
        </Button>
      </div>
      <Section id="agencies" title={t('labour.agencies.agenciesTitle')}>
        <ProblemAlert error={agencies.error ?? review.error} />
        <ScrollRegion label={t('labour.agencies.agenciesTitle')} minWidth={860}>
          <Table<Agency>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={agencies.data?.items ?? []}
            pagination={false}
            locale={{ emptyText: <span className="labour-empty">{t('labour.agencies.noAgencies')}</span> }}
          />
        </ScrollRegion>
      </Section>
      <Section id="contracts" title={t('labour.agencies.contractsTitle')}>
        <ProblemAlert error={contracts.error} />
        <ContractsTable contracts={contracts.data?.items ?? []} area="staff" />
      </Section>
      {creating && (
        <ContractDialog
          agencies={(agencies.data?.items ?? []).filter((a) => a.status === 'verified')}
          onClose={() => setCreating(false)}
        />
      )}
    </div>
  );
}

function ContractDialog({ agencies, onClose }: { agencies: Agency[]; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useFairLabels();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ContractValues>();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 250);
  const found = useQuery({
    queryKey: ['labour', 'enterprise-search', q],
    queryFn: () => listEnterprises({ page: 1, pageSize: 20, status: 'verified', q: q || undefined }),
  });
  const create = useMutation({
    mutationFn: (v: ContractValues) =>
      createServiceContract({
        agencyId: v.agencyId ?? '',
        title: v.title ?? '',
        kind: v.kind,
        description: v.description ?? '',
        targetEnterpriseIds: v.targetEnterpriseIds ?? [],
        targetCount: v.targetCount ?? 0,
        priceFen: yuanToFen(v.priceYuan ?? 0),
        startsOn: v.startsOn ?? '',
        endsOn: v.endsOn ?? '',
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: fairKeys.all });
      onClose();
    },
    onError: (error) => {
      if (isApiError(error)) applyProblemToForm(form, error.problem, CONTRACT_FIELDS);
    },
  });
  return (
    <Modal
      open
      title={t('labour.agencies.newContract')}
      okText={t('labour.agencies.createContract')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <ProblemAlert error={create.error} fieldNames={CONTRACT_FIELDS} />
      <Form<ContractValues>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'recruitment', startsOn: chinaDay(0), endsOn: chinaDay(90) }}
        onFinish={(v) => create.mutate(v)}
      >
        <Form.Item name="agencyId" label={t('labour.agencies.agency')} rules={[requiredRule(locale)]}>
          <Select options={agencies.map((a) => ({ value: a.id, label: a.name }))} />
        </Form.Item>
        <Form.Item name="title" label={t('labour.agencies.contractTitle')} rules={[requiredRule(locale)]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="kind" label={t('labour.agencies.kind')} rules={[requiredRule(locale)]}>
          <Radio.Group
            aria-label={t('labour.agencies.kind')}
            options={CONTRACT_KINDS.map((k) => ({ value: k, label: labels.contractKind(k) }))}
          />
        </Form.Item>
        <Form.Item
          name="targetEnterpriseIds"
          label={t('labour.agencies.targetEnterprises')}
          rules={[requiredRule(locale)]}
        >
          <Select<string[]>
            mode="multiple"
            showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search }}
            loading={found.isFetching}
            options={(found.data?.items ?? []).map((e) => ({ value: e.id, label: e.name }))}
          />
        </Form.Item>
        <Space wrap align="start" size={16}>
          <Form.Item
            name="targetCount"
            label={t('labour.agencies.targetCount')}
            rules={[requiredRule(locale)]}
          >
            <InputNumber min={1} max={100000} precision={0} inputMode="numeric" />
          </Form.Item>
          <Form.Item name="priceYuan" label={t('labour.agencies.price')} rules={[requiredRule(locale)]}>
            <InputNumber min={0} max={100_000_000} step={1000} inputMode="decimal" />
          </Form.Item>
        </Space>
        <Space wrap align="start" size={16}>
          <Form.Item name="startsOn" label={t('labour.sharing.startsOn')} rules={[requiredRule(locale)]}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="endsOn" label={t('labour.sharing.endsOn')} rules={[requiredRule(locale)]}>
            <Input type="date" />
          </Form.Item>
        </Space>
        <Form.Item name="description" label={t('labour.colleges.description')}>
          <Input.TextArea rows={2} maxLength={5000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type DeliverableValues = {
  kind: DeliverableKind;
  enterpriseId?: string;
  workerName?: string;
  workerPhone?: string;
  placedOn?: string;
  quantity?: number;
  description?: string;
};

/** One contract: progress, deliverables; the agency reports them, staff verify or reject them. */
export function ContractPage({ area }: { area: Area }) {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const locale = useLocale();
  const labels = useFairLabels();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const contract = useQuery({ queryKey: fairKeys.contract(id), queryFn: () => getServiceContract(id) });
  usePageTitle(contract.data?.title ?? t('labour.agencies.contract'));
  const deliverables = useQuery({ queryKey: fairKeys.deliverables(id), queryFn: () => listDeliverables(id) });
  const [form] = Form.useForm<DeliverableValues>();
  const kind = Form.useWatch('kind', form);
  const report = useMutation({
    mutationFn: (v: DeliverableValues) =>
      createDeliverable(
        id,
        v.kind === 'worker_placed'
          ? {
              kind: 'worker_placed',
              enterpriseId: v.enterpriseId,
              worker: { fullName: v.workerName ?? '', phone: v.workerPhone ?? '' },
              placedOn: v.placedOn,
              description: v.description ?? '',
            }
          : { kind: 'service_delivered', quantity: v.quantity ?? 1, description: v.description ?? '' },
      ),
    onSuccess: async () => {
      form.resetFields();
      await queryClient.invalidateQueries({ queryKey: fairKeys.all });
      void message.success(t('labour.agencies.reported'));
    },
    onError: (error) => {
      if (isApiError(error))
        applyProblemToForm(form, error.problem, [
          'kind',
          'enterpriseId',
          'placedOn',
          'quantity',
          'description',
        ]);
    },
  });
  const review = useMutation({
    mutationFn: (v: { deliverable: Deliverable; decision: 'verify' | 'reject' }) =>
      reviewDeliverable(id, v.deliverable.id, {
        decision: v.decision,
        reason: v.decision === 'reject' ? t('labour.agencies.rejectDefault') : undefined,
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: fairKeys.all });
    },
  });
  if (contract.isPending) return <PageSpinner />;
  if (contract.isError)
    return (
      <div className="page">
        <Typography.Title level={1}>{t('labour.agencies.contract')}</Typography.Title>
        <ProblemAlert error={contract.error} />
      </div>
    );
  const c = contract.data;
  return (
    <div className="page page--wide">
      <Typography.Title level={1}>{c.title}</Typography.Title>
      <Card style={{ marginBottom: 24 }}>
        <dl className="labour-meta">
          <dt>{t('labour.agencies.agency')}</dt>
          <dd>{c.agencyName}</dd>
          <dt>{t('labour.agencies.kind')}</dt>
          <dd>{labels.contractKind(c.kind)}</dd>
          <dt>{t('labour.agencies.targetEnterprises')}</dt>
          <dd>{c.targetEnterprises.map((e) => e.name).join('、')}</dd>
          <dt>{t('labour.agencies.price')}</dt>
          <dd>{formatYuan(c.priceFen, locale)}</dd>
          <dt>{t('labour.sharing.period')}</dt>
          <dd>
            {formatDate(c.startsOn, locale)} – {formatDate(c.endsOn, locale)}
          </dd>
          <dt>{t('labour.common.status')}</dt>
          <dd>{labels.contractStatus(c.status)}</dd>
        </dl>
        <Figures
          label={t('labour.agencies.progress')}
          items={[
            { key: 'target', label: t('labour.agencies.targetCount'), value: c.progress.targetCount },
            { key: 'verified', label: t('labour.agencies.verified'), value: c.progress.verified },
            { key: 'pending', label: t('labour.agencies.pending'), value: c.progress.pending },
            { key: 'percent', label: t('labour.agencies.percent'), value: `${c.progress.percent}%` },
          ]}
        />
      </Card>
      {area === 'partner' && c.status === 'active' && (
        <Section id="deliverable-new" title={t('labour.agencies.reportTitle')}>
          <ProblemAlert error={report.error} />
          <Form<DeliverableValues>
            form={form}
            layout="vertical"
            initialValues={{ kind: 'worker_placed', placedOn: chinaDay(0), quantity: 1 }}
            onFinish={(v) => report.mutate(v)}
          >
            <Form.Item name="kind" label={t('labour.agencies.deliverableKind')}>
              <Radio.Group
                aria-label={t('labour.agencies.deliverableKind')}
                options={DELIVERABLE_KINDS.map((k) => ({
                  value: k,
                  label: t(`labour.labels.deliverableKind.${k}`),
                }))}
              />
            </Form.Item>
            {kind !== 'service_delivered' ? (
              <>
                <Form.Item
                  name="enterpriseId"
                  label={t('labour.common.enterprise')}
                  rules={[requiredRule(locale)]}
                >
                  <Select options={c.targetEnterprises.map((e) => ({ value: e.id, label: e.name }))} />
                </Form.Item>
                <Space wrap align="start" size={16}>
                  <Form.Item name="workerName" label={t('labour.common.name')} rules={[requiredRule(locale)]}>
                    <Input maxLength={60} />
                  </Form.Item>
                  <Form.Item name="workerPhone" label={t('labour.common.phone')} rules={phoneRules(locale)}>
                    <Input inputMode="tel" maxLength={20} />
                  </Form.Item>
                  <Form.Item
                    name="placedOn"
                    label={t('labour.agencies.placedOn')}
                    rules={[requiredRule(locale)]}
                  >
                    <Input type="date" />
                  </Form.Item>
                </Space>
              </>
            ) : (
              <Form.Item name="quantity" label={t('labour.agencies.quantity')} rules={[requiredRule(locale)]}>
                <InputNumber min={1} max={10000} precision={0} inputMode="numeric" />
              </Form.Item>
            )}
            <Form.Item name="description" label={t('labour.colleges.description')}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={report.isPending}>
              {t('labour.agencies.submitReport')}
            </Button>
          </Form>
        </Section>
      )}
      <Section id="deliverables" title={t('labour.agencies.deliverablesTitle')}>
        <ProblemAlert error={deliverables.error ?? review.error} />
        <ScrollRegion label={t('labour.agencies.deliverablesTitle')} minWidth={760}>
          <Table<Deliverable>
            rowKey="id"
            size="small"
            dataSource={deliverables.data?.items ?? []}
            pagination={false}
            locale={{
              emptyText: <span className="labour-empty">{t('labour.agencies.noDeliverables')}</span>,
            }}
            columns={[
              {
                title: t('labour.agencies.deliverableKind'),
                key: 'k',
                render: (_v, d) => t(`labour.labels.deliverableKind.${d.kind}`),
              },
              {
                title: t('labour.agencies.what'),
                key: 'w',
                render: (_v, d) =>
                  d.kind === 'worker_placed'
                    ? `${d.workerName ?? ''} ${d.workerPhoneMasked ?? ''} → ${d.enterpriseName ?? ''}`
                    : `${d.quantity} · ${d.description}`,
              },
              {
                title: t('labour.agencies.placedOn'),
                key: 'p',
                render: (_v, d) => (d.placedOn ? formatDate(d.placedOn, locale) : ''),
              },
              {
                title: t('labour.common.status'),
                key: 's',
                render: (_v, d) => labels.deliverableStatus(d.status),
              },
              {
                title: t('labour.common.actions'),
                key: 'x',
                render: (_v, d) =>
                  area === 'staff' && d.status === 'pending' ? (
                    <Space wrap>
                      <Button
                        size="small"
                        type="primary"
                        onClick={() => review.mutate({ deliverable: d, decision: 'verify' })}
                      >
                        {t('labour.agencies.verify')}
                      </Button>
                      <Button
                        size="small"
                        danger
                        onClick={() => review.mutate({ deliverable: d, decision: 'reject' })}
                      >
                        {t('labour.agencies.reject')}
                      </Button>
                    </Space>
                  ) : null,
              },
            ]}
          />
        </ScrollRegion>
      </Section>
    </div>
  );
}

export const StaffContractPage = () => <ContractPage area="staff" />;
export const AgencyContractPage = () => <ContractPage area="partner" />;
