import { useState } from 'react';
import {
  App,
  Button,
  Checkbox,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Space,
  Table,
  Typography,
} from 'antd';
import type { TableProps } from 'antd';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  CountyOrVillageCodeSchema,
  ECOMMERCE_PROJECT_STATUSES,
  PhoneSchema,
  fieldMessage,
  type EcommerceParticipant,
  type EcommerceProject,
  type EcommerceProjectStatus,
} from '@jiuye/shared';
import { isApiError } from '../../app/api-client';
import { applyProblemToForm, checkRule, phoneRules, ProblemAlert, requiredRule } from '../../app/form-errors';
import { formatDate } from '../../app/format';
import { fenToYuan, formatYuan, yuanToFen } from '../../app/money';
import { usePageTitle } from '../../app/page-title';
import { PageSpinner } from '../../app/pages/status-pages';
import { ScrollRegion } from '../../app/scroll-region';
import { StatusChip } from '../../app/status-chip';
import { useLocale } from '../../i18n';
import '../../i18n/assistance';
import { chinaToday } from '../assistance/dates';
import { IdNumberField } from '../assistance/id-number-field';
import { PersonPicker } from '../assistance/person-picker';
import { useDistricts } from '../reference/api';
import {
  addParticipant,
  createProject,
  getProject,
  listParticipants,
  listProjects,
  setProjectStatus,
  trainingKeys,
  updateParticipant,
} from './api';
import { useTrainingLabels } from './labels';
import '../assistance/assistance.css';
import { TableEmpty } from '../assistance/table-empty';

function isProjectStatus(v: string | null): v is EcommerceProjectStatus {
  return v !== null && (ECOMMERCE_PROJECT_STATUSES as readonly string[]).includes(v);
}

/** The county of a project (the first six digits of a county or village code). */
function useCountyName(code: string): string {
  const districts = useDistricts();
  return districts.data?.find((d) => d.code === code.slice(0, 6))?.name ?? code.slice(0, 6);
}

/** Rural e-commerce projects of the officer's districts, with their outcomes. */
export function EcommerceProjectsPage() {
  const { t } = useTranslation();
  usePageTitle(t('training.ecommerce.title'));
  const labels = useTrainingLabels();
  const locale = useLocale();
  const districts = useDistricts();
  const names = new Map((districts.data ?? []).map((d) => [d.code, d.name]));
  const [params, setParams] = useSearchParams();
  const statusParam = params.get('status');
  const status = isProjectStatus(statusParam) ? statusParam : undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const q = params.get('q') ?? undefined;
  const [search, setSearch] = useState(q ?? '');
  const [adding, setAdding] = useState(false);
  const query = { status, q, page, pageSize: 20 };
  const list = useQuery({
    queryKey: trainingKeys.projects(query),
    queryFn: () => listProjects(query),
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
  const columns: TableProps<EcommerceProject>['columns'] = [
    {
      title: t('training.ecommerce.name'),
      key: 'name',
      render: (_v, p) => <Link to={`/staff/ecommerce/${p.id}`}>{p.name}</Link>,
    },
    {
      title: t('training.ecommerce.place'),
      key: 'place',
      render: (_v, p) => [names.get(p.countyCode) ?? p.countyCode, p.villageName].filter(Boolean).join(' · '),
    },
    { title: t('training.ecommerce.product'), key: 'product', render: (_v, p) => p.product },
    { title: t('training.ecommerce.organiser'), key: 'organiser', render: (_v, p) => p.organiser },
    {
      title: t('training.ecommerce.participants'),
      key: 'participants',
      render: (_v, p) => p.outcomes.participants,
    },
    {
      title: t('training.ecommerce.averageIncome'),
      key: 'income',
      render: (_v, p) =>
        p.outcomes.averageMonthlyIncomeFen === null
          ? '—'
          : formatYuan(p.outcomes.averageMonthlyIncomeFen, locale),
    },
    {
      title: t('training.ecommerce.status'),
      key: 'status',
      render: (_v, p) => (
        <StatusChip tone={p.status === 'active' ? 'success' : 'neutral'}>
          {labels.projectStatus(p.status)}
        </StatusChip>
      ),
    },
  ];
  return (
    <div className="page page--wide">
      <div className="section-head">
        <Typography.Title level={1}>{t('training.ecommerce.title')}</Typography.Title>
        <Button type="primary" onClick={() => setAdding(true)}>
          {t('training.ecommerce.create')}
        </Button>
      </div>
      <div className="toolbar" role="search">
        <Input.Search
          aria-label={t('training.ecommerce.search')}
          placeholder={t('training.ecommerce.search')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(v) => set({ q: v.trim() || undefined, page: undefined })}
          enterButton={t('common.search')}
          allowClear
          style={{ maxWidth: 320 }}
        />
        <Select<string>
          aria-label={t('training.ecommerce.statusFilter')}
          value={status ?? 'all'}
          onChange={(v) => set({ status: v === 'all' ? undefined : v, page: undefined })}
          options={[
            { value: 'all', label: t('training.ecommerce.allStatuses') },
            ...ECOMMERCE_PROJECT_STATUSES.map((s) => ({ value: s, label: labels.projectStatus(s) })),
          ]}
          style={{ minWidth: 140 }}
        />
      </div>
      <ProblemAlert error={list.error} />
      <ScrollRegion label={t('training.ecommerce.title')} minWidth={960}>
        <Table<EcommerceProject>
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          locale={{ emptyText: <TableEmpty>{t('training.ecommerce.empty')}</TableEmpty> }}
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
      <ProjectDialog open={adding} onClose={() => setAdding(false)} />
    </div>
  );
}

type ProjectValues = {
  name: string;
  countyCode: string;
  villageCode?: string;
  villageName?: string;
  product: string;
  organiser: string;
  organiserPhone?: string;
  startsOn: string;
  description?: string;
};
const PROJECT_FIELDS = [
  'name',
  'countyCode',
  'villageCode',
  'villageName',
  'product',
  'organiser',
  'organiserPhone',
  'startsOn',
  'description',
] as const;

function ProjectDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const districts = useDistricts();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ProjectValues>();
  const save = useMutation({
    mutationFn: (v: ProjectValues) =>
      createProject({
        name: v.name.trim(),
        // A village is its twelve-digit statistical code (county + township + village).
        regionCode: v.villageCode?.trim() ? v.villageCode.trim() : v.countyCode,
        ...(v.villageName?.trim() ? { villageName: v.villageName.trim() } : {}),
        product: v.product.trim(),
        organiser: v.organiser.trim(),
        ...(v.organiserPhone?.trim() ? { organiserPhone: PhoneSchema.parse(v.organiserPhone) } : {}),
        startsOn: v.startsOn,
        ...(v.description?.trim() ? { description: v.description.trim() } : {}),
      }),
    onSuccess: (p) => {
      void queryClient.invalidateQueries({ queryKey: trainingKeys.all });
      onClose();
      void navigate(`/staff/ecommerce/${p.id}`);
    },
    onError: (error) => {
      if (!isApiError(error)) return;
      const problem = {
        ...error.problem,
        errors: error.problem.errors?.map((e) =>
          e.path === 'regionCode' ? { ...e, path: 'villageCode' } : e,
        ),
      };
      applyProblemToForm(form, problem, PROJECT_FIELDS);
    },
  });
  return (
    <Modal
      open={open}
      title={t('training.ecommerce.create')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={640}
    >
      <ProblemAlert error={save.error} fieldNames={[...PROJECT_FIELDS, 'regionCode']} />
      <Form<ProjectValues>
        form={form}
        layout="vertical"
        requiredMark="optional"
        preserve={false}
        initialValues={{ startsOn: chinaToday() }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="name" label={t('training.ecommerce.name')} rules={[requiredRule(locale)]}>
          <Input maxLength={80} />
        </Form.Item>
        <Form.Item name="countyCode" label={t('training.ecommerce.county')} rules={[requiredRule(locale)]}>
          <Select options={(districts.data ?? []).map((d) => ({ value: d.code, label: d.name }))} />
        </Form.Item>
        <Form.Item
          name="villageCode"
          label={t('training.ecommerce.villageCode')}
          extra={t('training.ecommerce.villageCodeHelp')}
          dependencies={['countyCode']}
          rules={[
            ({ getFieldValue }) =>
              checkRule((v) => {
                if (typeof v !== 'string' || v.trim() === '') return null;
                if (!CountyOrVillageCodeSchema.safeParse(v.trim()).success || v.trim().length !== 12)
                  return fieldMessage('region_format', locale);
                const county = getFieldValue('countyCode') as string | undefined;
                return county && !v.trim().startsWith(county) ? fieldMessage('region_format', locale) : null;
              }),
          ]}
        >
          <Input maxLength={12} inputMode="numeric" className="mono" />
        </Form.Item>
        <Form.Item name="villageName" label={t('training.ecommerce.villageName')}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="product" label={t('training.ecommerce.product')} rules={[requiredRule(locale)]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="organiser" label={t('training.ecommerce.organiser')} rules={[requiredRule(locale)]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="organiserPhone"
          label={t('training.ecommerce.organiserPhone')}
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
        <Form.Item name="startsOn" label={t('training.ecommerce.startsOn')} rules={[requiredRule(locale)]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="description" label={t('training.course.description')}>
          <Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** One project: outcomes, participants (trained, selling, income reported), ending it. */
export function EcommerceProjectPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const project = useQuery({ queryKey: trainingKeys.project(id), queryFn: () => getProject(id) });
  usePageTitle(project.data?.name ?? t('training.ecommerce.title'));
  return (
    <div className="page page--wide">
      <p>
        <Link to="/staff/ecommerce">{t('training.ecommerce.back')}</Link>
      </p>
      {project.isPending && <PageSpinner />}
      <ProblemAlert error={project.error} />
      {project.data && <ProjectView project={project.data} />}
    </div>
  );
}

function ProjectView({ project: p }: { project: EcommerceProject }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useTrainingLabels();
  const queryClient = useQueryClient();
  const county = useCountyName(p.countyCode);
  const status = useMutation({
    mutationFn: () => setProjectStatus(p.id, p.status === 'active' ? 'ended' : 'active'),
    onSuccess: (updated) => {
      queryClient.setQueryData(trainingKeys.project(p.id), updated);
      void queryClient.invalidateQueries({ queryKey: trainingKeys.all });
    },
  });
  const o = p.outcomes;
  return (
    <>
      <Typography.Title level={1}>
        {p.name}{' '}
        <StatusChip tone={p.status === 'active' ? 'success' : 'neutral'}>
          {labels.projectStatus(p.status)}
        </StatusChip>
      </Typography.Title>
      <dl className="facts-list">
        <div>
          <dt>{t('training.ecommerce.place')}</dt>
          <dd>{[county, p.villageName].filter(Boolean).join(' · ')}</dd>
        </div>
        <div>
          <dt>{t('training.ecommerce.product')}</dt>
          <dd>{p.product}</dd>
        </div>
        <div>
          <dt>{t('training.ecommerce.organiser')}</dt>
          <dd>
            {p.organiser}
            {p.organiserPhone ? ` · ${p.organiserPhone}` : ''}
          </dd>
        </div>
        <div>
          <dt>{t('training.ecommerce.startsOn')}</dt>
          <dd>{formatDate(p.startsOn, locale)}</dd>
        </div>
      </dl>
      {p.description && <Typography.Paragraph className="pre-wrap">{p.description}</Typography.Paragraph>}
      <section aria-labelledby="ecommerce-outcomes" className="section-block">
        <Typography.Title level={2} id="ecommerce-outcomes">
          {t('training.ecommerce.outcomes')}
        </Typography.Title>
        <dl className="facts-list">
          <div>
            <dt>{t('training.ecommerce.participants')}</dt>
            <dd>{o.participants}</dd>
          </div>
          <div>
            <dt>{t('training.ecommerce.trained')}</dt>
            <dd>{o.trained}</dd>
          </div>
          <div>
            <dt>{t('training.ecommerce.selling')}</dt>
            <dd>{o.selling}</dd>
          </div>
          <div>
            <dt>{t('training.ecommerce.incomeReported')}</dt>
            <dd>{o.incomeReported}</dd>
          </div>
          <div>
            <dt>{t('training.ecommerce.totalIncome')}</dt>
            <dd>{formatYuan(o.totalMonthlyIncomeFen, locale)}</dd>
          </div>
          <div>
            <dt>{t('training.ecommerce.averageIncome')}</dt>
            <dd>
              {o.averageMonthlyIncomeFen === null ? '—' : formatYuan(o.averageMonthlyIncomeFen, locale)}
            </dd>
          </div>
        </dl>
      </section>
      <ProblemAlert error={status.error} />
      <Space wrap style={{ marginBottom: 24 }}>
        <Popconfirm
          title={
            p.status === 'active' ? t('training.ecommerce.confirmEnd') : t('training.ecommerce.confirmReopen')
          }
          okText={t('common.confirm')}
          cancelText={t('common.cancel')}
          onConfirm={() => status.mutate()}
        >
          <Button loading={status.isPending}>
            {p.status === 'active' ? t('training.ecommerce.end') : t('training.ecommerce.reopen')}
          </Button>
        </Popconfirm>
      </Space>
      {p.status === 'active' && <AddParticipantForm projectId={p.id} />}
      <ParticipantsSection projectId={p.id} />
    </>
  );
}

type ParticipantValues = {
  who: 'registry' | 'new';
  personId?: string;
  fullName?: string;
  phone?: string;
  idNumber?: string;
  trained: boolean;
  selling: boolean;
  incomeYuan?: number | null;
};

function AddParticipantForm({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ParticipantValues>();
  const who = Form.useWatch('who', form) ?? 'registry';
  const fields = ['personId', 'fullName', 'phone', 'idNumber', 'trained', 'selling', 'incomeYuan'];
  const save = useMutation({
    mutationFn: (v: ParticipantValues) =>
      addParticipant(projectId, {
        ...(v.who === 'registry'
          ? { personId: v.personId ?? '' }
          : {
              person: {
                fullName: (v.fullName ?? '').trim(),
                phone: PhoneSchema.parse(v.phone ?? ''),
                ...(v.idNumber ? { idNumber: v.idNumber } : {}),
              },
            }),
        trained: v.trained,
        selling: v.selling,
        ...(v.incomeYuan !== null && v.incomeYuan !== undefined
          ? { monthlyIncomeFen: yuanToFen(v.incomeYuan) }
          : {}),
      }),
    onSuccess: (pt) => {
      void queryClient.invalidateQueries({ queryKey: trainingKeys.all });
      void message.success(t('training.ecommerce.added', { name: pt.person.fullName }));
      form.resetFields();
    },
    onError: (error) => {
      if (!isApiError(error)) return;
      const problem = {
        ...error.problem,
        errors: error.problem.errors?.map((e) => {
          if (e.path === 'monthlyIncomeFen') return { ...e, path: 'incomeYuan' };
          return e.path.startsWith('person.') ? { ...e, path: e.path.slice(7) } : e;
        }),
      };
      applyProblemToForm(form, problem, fields);
    },
  });
  return (
    <section aria-labelledby="add-participant" className="phone-card">
      <h2 id="add-participant" className="service__title">
        {t('training.ecommerce.addParticipant')}
      </h2>
      <ProblemAlert error={save.error} fieldNames={[...fields, 'monthlyIncomeFen']} />
      <Form<ParticipantValues>
        form={form}
        layout="vertical"
        requiredMark="optional"
        initialValues={{ who: 'registry', trained: false, selling: false }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="who" label={t('training.enrollment.who')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'registry', label: t('training.enrollment.fromRegistry') },
              { value: 'new', label: t('training.enrollment.newPerson') },
            ]}
          />
        </Form.Item>
        {who === 'registry' ? (
          <Form.Item name="personId" label={t('training.enrollment.person')} rules={[requiredRule(locale)]}>
            <PersonPicker />
          </Form.Item>
        ) : (
          <>
            <Form.Item name="fullName" label={t('assistance.person.fullName')} rules={[requiredRule(locale)]}>
              <Input maxLength={60} autoComplete="off" />
            </Form.Item>
            <Form.Item name="phone" label={t('assistance.person.phone')} rules={phoneRules(locale)}>
              <Input maxLength={20} inputMode="tel" autoComplete="off" />
            </Form.Item>
            <IdNumberField label={t('training.enrollment.idNumberOptional')} required={false} />
          </>
        )}
        <Space wrap>
          <Form.Item name="trained" valuePropName="checked" noStyle>
            <Checkbox>{t('training.ecommerce.trained')}</Checkbox>
          </Form.Item>
          <Form.Item name="selling" valuePropName="checked" noStyle>
            <Checkbox>{t('training.ecommerce.selling')}</Checkbox>
          </Form.Item>
        </Space>
        <Form.Item name="incomeYuan" label={t('training.ecommerce.monthlyIncome')} style={{ marginTop: 12 }}>
          <InputNumber<number> min={0} max={1_000_000} precision={2} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('training.ecommerce.addSubmit')}
        </Button>
      </Form>
    </section>
  );
}

function ParticipantsSection({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const q = { page: 1, pageSize: 100 };
  const list = useQuery({
    queryKey: trainingKeys.participants(projectId, q),
    queryFn: () => listParticipants(projectId, q),
  });
  const [editing, setEditing] = useState<EcommerceParticipant | null>(null);
  const columns: TableProps<EcommerceParticipant>['columns'] = [
    { title: t('assistance.person.fullName'), key: 'name', render: (_v, pt) => pt.person.fullName },
    {
      title: t('assistance.person.idNumber'),
      key: 'id',
      render: (_v, pt) => <span className="mono">{pt.person.idNumberMasked ?? pt.person.phoneMasked}</span>,
    },
    {
      title: t('training.ecommerce.trained'),
      key: 'trained',
      render: (_v, pt) => (pt.trained ? t('common.yes') : t('common.no')),
    },
    {
      title: t('training.ecommerce.selling'),
      key: 'selling',
      render: (_v, pt) => (pt.selling ? t('common.yes') : t('common.no')),
    },
    {
      title: t('training.ecommerce.monthlyIncome'),
      key: 'income',
      render: (_v, pt) => (pt.monthlyIncomeFen === null ? '—' : formatYuan(pt.monthlyIncomeFen, locale)),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_v, pt) => (
        <Button size="small" onClick={() => setEditing(pt)}>
          {t('training.ecommerce.update')}
          <span className="sr-only"> {pt.person.fullName}</span>
        </Button>
      ),
    },
  ];
  return (
    <section aria-labelledby="participants-title" className="section-block">
      <Typography.Title level={2} id="participants-title">
        {t('training.ecommerce.participants')}
      </Typography.Title>
      <ProblemAlert error={list.error} />
      <ScrollRegion label={t('training.ecommerce.participants')} minWidth={680}>
        <Table<EcommerceParticipant>
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          locale={{ emptyText: <TableEmpty>{t('common.none')}</TableEmpty> }}
          pagination={false}
        />
      </ScrollRegion>
      <ParticipantDialog participant={editing} onClose={() => setEditing(null)} />
    </section>
  );
}

type UpdateValues = { trained: boolean; selling: boolean; incomeYuan?: number | null };

function ParticipantDialog({
  participant,
  onClose,
}: {
  participant: EcommerceParticipant | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<UpdateValues>();
  const save = useMutation({
    mutationFn: (v: UpdateValues) =>
      updateParticipant(participant?.id ?? '', {
        trained: v.trained,
        selling: v.selling,
        monthlyIncomeFen:
          v.incomeYuan === null || v.incomeYuan === undefined ? null : yuanToFen(v.incomeYuan),
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: trainingKeys.all });
      onClose();
    },
  });
  return (
    <Modal
      open={participant !== null}
      title={participant ? t('training.ecommerce.updateTitle', { name: participant.person.fullName }) : ''}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <ProblemAlert error={save.error} />
      {participant && (
        <Form<UpdateValues>
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{
            trained: participant.trained,
            selling: participant.selling,
            incomeYuan:
              participant.monthlyIncomeFen === null ? null : fenToYuan(participant.monthlyIncomeFen),
          }}
          onFinish={(v) => save.mutate(v)}
        >
          <Space wrap>
            <Form.Item name="trained" valuePropName="checked" noStyle>
              <Checkbox>{t('training.ecommerce.trained')}</Checkbox>
            </Form.Item>
            <Form.Item name="selling" valuePropName="checked" noStyle>
              <Checkbox>{t('training.ecommerce.selling')}</Checkbox>
            </Form.Item>
          </Space>
          <Form.Item
            name="incomeYuan"
            label={t('training.ecommerce.monthlyIncome')}
            style={{ marginTop: 12 }}
          >
            <InputNumber<number> min={0} max={1_000_000} precision={2} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
