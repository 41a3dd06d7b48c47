import { useState } from 'react';
import { App, Button, Form, Input, Modal, Select, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api-client';
import { applyProblemToForm, ProblemAlert, requiredRule } from '../../app/form-errors';
import { formatDate, formatDateTime } from '../../app/format';
import { usePageTitle } from '../../app/page-title';
import { ScrollRegion } from '../../app/scroll-region';
import { StatusChip } from '../../app/status-chip';
import { useDebouncedValue } from '../../app/use-debounced';
import { useSignedInMe } from '../../app/use-me';
import { useLocale } from '../../i18n';
import { useMonitoringT } from '../../i18n/monitoring';
import { enterpriseKeys, getEnterprise, listEnterprises } from '../enterprises/api';
import {
  designateSample,
  listLate,
  listReports,
  listSamples,
  monitoringKeys,
  type MonitoredEnterprise,
} from './api';
import { DistrictFilter, ReportHistoryTable, useDistrictName } from './common';
import { chinaMonth, endedMonths, shiftMonth } from './months';

const PAGE_SIZE = 20;

/** Staff: the monitoring samples of their districts, each with its last reported month. */
export function SamplesPage() {
  const mt = useMonitoringT();
  usePageTitle(mt('monitoring.samples.title'));
  const locale = useLocale();
  const me = useSignedInMe();
  const districtName = useDistrictName();
  const [params, setParams] = useSearchParams();
  const districtCode = params.get('district') ?? undefined;
  const page = Number(params.get('page') ?? '1') || 1;
  const query = { districtCode, page, pageSize: PAGE_SIZE };
  const list = useQuery({
    queryKey: monitoringKeys.samples(query),
    queryFn: () => listSamples(query),
    placeholderData: keepPreviousData,
  });
  const [designating, setDesignating] = useState(false);
  const setParam = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key !== 'page') next.delete('page');
    setParams(next, { replace: true });
  };
  const columns: TableProps<MonitoredEnterprise>['columns'] = [
    {
      title: mt('monitoring.common.enterprise'),
      key: 'name',
      render: (_v, s) => (
        <Link to={`/staff/monitoring/enterprises/${s.enterpriseId}`}>{s.enterpriseName}</Link>
      ),
    },
    { title: mt('monitoring.common.district'), key: 'd', render: (_v, s) => districtName(s.districtCode) },
    { title: mt('monitoring.samples.firstMonth'), key: 'f', render: (_v, s) => s.firstMonth },
    {
      title: mt('monitoring.samples.lastReported'),
      key: 'l',
      render: (_v, s) => s.lastReportedMonth ?? mt('monitoring.samples.notYet'),
    },
    {
      title: mt('monitoring.samples.active'),
      key: 'a',
      render: (_v, s) =>
        s.active ? (
          <StatusChip tone="success">{mt('monitoring.samples.activeYes')}</StatusChip>
        ) : (
          <StatusChip tone="neutral">{mt('monitoring.samples.activeNo')}</StatusChip>
        ),
    },
    {
      title: mt('monitoring.samples.designatedAt'),
      key: 't',
      render: (_v, s) => formatDate(s.designatedAt, locale),
    },
  ];
  return (
    <div className="page page--wide">
      <div className="mon-head">
        <Typography.Title level={1} style={{ margin: 0 }}>
          {mt('monitoring.samples.title')}
        </Typography.Title>
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setDesignating(true)}>
          {mt('monitoring.samples.designate')}
        </Button>
      </div>
      <Typography.Paragraph>{mt('monitoring.samples.intro')}</Typography.Paragraph>
      <div className="mon-toolbar">
        <div className="mon-toolbar__field">
          <label htmlFor="mon-samples-district">{mt('monitoring.samples.districtFilter')}</label>
          <DistrictFilter
            id="mon-samples-district"
            value={districtCode}
            onChange={(v) => setParam('district', v)}
            codes={me.districtCodes}
            allLabel={mt('monitoring.samples.allDistricts')}
          />
        </div>
        <Link to="/staff/monitoring/late">{mt('monitoring.samples.lateLink')}</Link>
      </div>
      <ProblemAlert error={list.error} />
      <ScrollRegion label={mt('monitoring.samples.title')} minWidth={760}>
        <Table<MonitoredEnterprise>
          rowKey="enterpriseId"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: list.data?.total ?? 0,
            showSizeChanger: false,
            hideOnSinglePage: true,
            onChange: (p) => setParam('page', p > 1 ? String(p) : undefined),
          }}
          locale={{ emptyText: <span className="mon-empty">{mt('monitoring.samples.empty')}</span> }}
        />
      </ScrollRegion>
      {designating && <DesignateDialog onClose={() => setDesignating(false)} />}
    </div>
  );
}

type DesignateValues = { enterpriseId?: string; firstMonth: string; note?: string };
const DESIGNATE_FIELDS = ['enterpriseId', 'firstMonth', 'note'] as const;

function DesignateDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const mt = useMonitoringT();
  const locale = useLocale();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 250);
  // Staff list the enterprises of their districts; only verified ones report.
  const found = useQuery({
    queryKey: ['monitoring', 'enterprise-search', q],
    queryFn: () => listEnterprises({ page: 1, pageSize: 20, status: 'verified', q: q || undefined }),
  });
  const options = (found.data?.items ?? []).map((e) => ({ value: e.id, label: e.name }));
  const current = chinaMonth();
  const months = [current, ...endedMonths(11)];
  const [form] = Form.useForm<DesignateValues>();
  const designate = useMutation({
    mutationFn: (v: DesignateValues) =>
      designateSample({
        enterpriseId: v.enterpriseId ?? '',
        firstMonth: v.firstMonth,
        ...(v.note?.trim() ? { note: v.note.trim() } : {}),
      }),
    onSuccess: async (s) => {
      void message.success(mt('monitoring.samples.designated', { name: s.enterpriseName }));
      await queryClient.invalidateQueries({ queryKey: monitoringKeys.all });
      onClose();
    },
    onError: (error) => {
      if (isApiError(error)) applyProblemToForm(form, error.problem, DESIGNATE_FIELDS);
    },
  });
  return (
    <Modal
      open
      title={mt('monitoring.samples.designateTitle')}
      okText={mt('monitoring.samples.designateSubmit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={designate.isPending}
      destroyOnHidden
    >
      <ProblemAlert error={designate.error} fieldNames={DESIGNATE_FIELDS} />
      <Form<DesignateValues>
        form={form}
        layout="vertical"
        initialValues={{ firstMonth: current }}
        onFinish={(v) => designate.mutate(v)}
      >
        <Form.Item
          name="enterpriseId"
          label={mt('monitoring.samples.enterpriseSearch')}
          rules={[requiredRule(locale)]}
        >
          <Select<string>
            showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search }}
            loading={found.isFetching}
            options={options}
          />
        </Form.Item>
        <Form.Item
          name="firstMonth"
          label={mt('monitoring.samples.firstMonth')}
          extra={mt('monitoring.samples.firstMonthHelp')}
          rules={[requiredRule(locale)]}
        >
          <Select<string> options={months.map((m) => ({ value: m, label: m }))} />
        </Form.Item>
        <Form.Item name="note" label={mt('monitoring.samples.note')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Staff: samples that have not filed a month, with the deadline and the enterprise's contact. */
export function LateReportsPage() {
  const mt = useMonitoringT();
  usePageTitle(mt('monitoring.late.title'));
  const locale = useLocale();
  const me = useSignedInMe();
  const districtName = useDistrictName();
  const [params, setParams] = useSearchParams();
  const months = [chinaMonth(), ...endedMonths(11)];
  const month = params.get('month') ?? shiftMonth(chinaMonth(), -1);
  const districtCode = params.get('district') ?? undefined;
  const query = { month, districtCode };
  const list = useQuery({
    queryKey: monitoringKeys.late(query),
    queryFn: () => listLate(query),
    placeholderData: keepPreviousData,
  });
  const [contactOf, setContactOf] = useState<{ id: string; name: string } | null>(null);
  const setParam = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  type Row = NonNullable<typeof list.data>['items'][number];
  const columns: TableProps<Row>['columns'] = [
    {
      title: mt('monitoring.common.enterprise'),
      key: 'name',
      render: (_v, r) => (
        <Link to={`/staff/monitoring/enterprises/${r.enterpriseId}`}>{r.enterpriseName}</Link>
      ),
    },
    { title: mt('monitoring.common.district'), key: 'd', render: (_v, r) => districtName(r.districtCode) },
    { title: mt('monitoring.late.due'), key: 'due', render: (_v, r) => formatDateTime(r.dueAt, locale) },
    {
      title: mt('monitoring.report.status'),
      key: 's',
      render: (_v, r) =>
        r.overdue ? (
          <StatusChip tone="danger">{mt('monitoring.late.overdue')}</StatusChip>
        ) : (
          <StatusChip tone="warning">{mt('monitoring.late.notDue')}</StatusChip>
        ),
    },
    {
      title: mt('monitoring.common.actions'),
      key: 'c',
      render: (_v, r) => (
        <Button
          size="small"
          onClick={() => setContactOf({ id: r.enterpriseId, name: r.enterpriseName })}
          aria-label={`${mt('monitoring.late.contact')}：${r.enterpriseName}`}
        >
          {mt('monitoring.late.contact')}
        </Button>
      ),
    },
  ];
  return (
    <div className="page page--wide">
      <Typography.Title level={1}>{mt('monitoring.late.title')}</Typography.Title>
      <Typography.Paragraph>{mt('monitoring.late.intro')}</Typography.Paragraph>
      <Typography.Paragraph type="secondary">{mt('monitoring.late.remindNote')}</Typography.Paragraph>
      <div className="mon-toolbar">
        <div className="mon-toolbar__field">
          <label htmlFor="mon-late-month">{mt('monitoring.late.month')}</label>
          <Select<string>
            id="mon-late-month"
            value={month}
            onChange={(v) => setParam('month', v)}
            options={months.map((m) => ({ value: m, label: m }))}
          />
        </div>
        <div className="mon-toolbar__field">
          <label htmlFor="mon-late-district">{mt('monitoring.samples.districtFilter')}</label>
          <DistrictFilter
            id="mon-late-district"
            value={districtCode}
            onChange={(v) => setParam('district', v)}
            codes={me.districtCodes}
            allLabel={mt('monitoring.samples.allDistricts')}
          />
        </div>
        <Link to="/staff/monitoring">{mt('monitoring.late.backToSamples')}</Link>
      </div>
      <ProblemAlert error={list.error} />
      <ScrollRegion label={mt('monitoring.late.title')} minWidth={720}>
        <Table<Row>
          rowKey="enterpriseId"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          pagination={false}
          locale={{ emptyText: <span className="mon-empty">{mt('monitoring.late.empty')}</span> }}
        />
      </ScrollRegion>
      {contactOf && <ContactDialog enterprise={contactOf} onClose={() => setContactOf(null)} />}
    </div>
  );
}

/** The server has no "remind" action (reminders are automatic): staff call the contact instead. */
function ContactDialog({
  enterprise,
  onClose,
}: {
  enterprise: { id: string; name: string };
  onClose: () => void;
}) {
  const mt = useMonitoringT();
  const one = useQuery({
    queryKey: enterpriseKeys.one(enterprise.id),
    queryFn: () => getEnterprise(enterprise.id),
  });
  return (
    <Modal
      open
      title={mt('monitoring.late.contactTitle', { name: enterprise.name })}
      onCancel={onClose}
      footer={<Button onClick={onClose}>{mt('monitoring.common.back')}</Button>}
    >
      <ProblemAlert error={one.error} />
      {one.isPending && <Typography.Paragraph>{mt('monitoring.common.loading')}</Typography.Paragraph>}
      {one.data && (
        <dl className="mon-meta">
          <dt>{mt('monitoring.late.contactName')}</dt>
          <dd>{one.data.contactName}</dd>
          <dt>{mt('monitoring.late.contactPhone')}</dt>
          <dd>
            <a href={`tel:${one.data.contactPhone}`}>{one.data.contactPhone}</a>
          </dd>
        </dl>
      )}
    </Modal>
  );
}

/** Staff: one enterprise's monthly reports (from the samples list, the late list and alerts). */
export function EnterpriseReportsPage() {
  const mt = useMonitoringT();
  const { id = '' } = useParams();
  const enterprise = useQuery({ queryKey: enterpriseKeys.one(id), queryFn: () => getEnterprise(id) });
  const reports = useQuery({ queryKey: monitoringKeys.reports(id), queryFn: () => listReports(id) });
  const title = enterprise.data
    ? mt('monitoring.history.title', { name: enterprise.data.name })
    : mt('monitoring.history.titleFallback');
  usePageTitle(title);
  return (
    <div className="page page--wide">
      <Typography.Paragraph>
        <Link to="/staff/monitoring">{mt('monitoring.late.backToSamples')}</Link>
      </Typography.Paragraph>
      <Typography.Title level={1}>{title}</Typography.Title>
      <Typography.Paragraph>{mt('monitoring.history.intro')}</Typography.Paragraph>
      <ProblemAlert error={reports.error} />
      {reports.isPending && <Typography.Paragraph>{mt('monitoring.common.loading')}</Typography.Paragraph>}
      {reports.isSuccess && <ReportHistoryTable reports={reports.data.items} label={title} />}
    </div>
  );
}
