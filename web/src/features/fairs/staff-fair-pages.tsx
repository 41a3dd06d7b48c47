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
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  FAIR_MODES,
  FAIR_STATUSES,
  FAIR_TARGET_GROUPS,
  type FairMode,
  type FairStatus,
  type FairReport,
  type FairTargetGroup,
  type JobFair,
  type JobFairBooth,
} from '@jiuye/shared';
import { isApiError } from '../../app/api-client';
import { ButtonLink } from '../../app/button-link';
import { applyProblemToForm, ProblemAlert, requiredRule } from '../../app/form-errors';
import { formatDateTime } from '../../app/format';
import { usePageTitle } from '../../app/page-title';
import { PageSpinner } from '../../app/pages/status-pages';
import { ScrollRegion } from '../../app/scroll-region';
import { StatusChip } from '../../app/status-chip';
import { useSignedInMe } from '../../app/use-me';
import { useLocale } from '../../i18n';
import { DistrictSelect, pickOneRule, Section } from '../shortages/common';
import {
  createJobFair,
  fairKeys,
  getFairReport,
  getFairStats,
  getJobFair,
  listBooths,
  listJobFairs,
  listPartnerRegions,
  reviewBooth,
  updateJobFair,
} from './api';
import {
  BOOTH_TONE,
  chinaLocalToIso,
  FAIR_TONE,
  FairCounterFigures,
  useFairLabels,
  useFairTitle,
} from './common';

function isStatus(v: string | null): v is FairStatus {
  return v !== null && (FAIR_STATUSES as readonly string[]).includes(v);
}

/** Staff: the fairs of the city, newest first; create one. */
export function StaffFairsPage() {
  const { t } = useTranslation();
  usePageTitle(t('labour.fairs.staffTitle'));
  const locale = useLocale();
  const labels = useFairLabels();
  const title = useFairTitle();
  const [params, setParams] = useSearchParams();
  const statusParam = params.get('status');
  const status = isStatus(statusParam) ? statusParam : undefined;
  const query = { status, page: 1, pageSize: 50 };
  const list = useQuery({
    queryKey: fairKeys.fairs(query),
    queryFn: () => listJobFairs(query),
    placeholderData: keepPreviousData,
  });
  const columns: TableProps<JobFair>['columns'] = [
    {
      title: t('labour.fairs.colTitle'),
      key: 't',
      render: (_v, f) => <Link to={`/staff/fairs/${f.id}`}>{title(f)}</Link>,
    },
    { title: t('labour.fairs.mode'), key: 'm', render: (_v, f) => labels.fairMode(f.mode) },
    {
      title: t('labour.fairs.window'),
      key: 'w',
      render: (_v, f) => `${formatDateTime(f.startsAt, locale)} – ${formatDateTime(f.endsAt, locale)}`,
    },
    {
      title: t('labour.fairs.counters.booths'),
      key: 'b',
      align: 'right',
      render: (_v, f) => f.counters.booths,
    },
    {
      title: t('labour.fairs.counters.applications'),
      key: 'a',
      align: 'right',
      render: (_v, f) => f.counters.applications,
    },
    {
      title: t('labour.common.status'),
      key: 's',
      render: (_v, f) => <StatusChip tone={FAIR_TONE[f.status]}>{labels.fairStatus(f.status)}</StatusChip>,
    },
  ];
  return (
    <div className="page page--wide">
      <div className="labour-head">
        <Typography.Title level={1} style={{ margin: 0 }}>
          {t('labour.fairs.staffTitle')}
        </Typography.Title>
        <ButtonLink type="primary" icon={<PlusOutlined aria-hidden />} to="/staff/fairs/new">
          {t('labour.fairs.new')}
        </ButtonLink>
      </div>
      <div className="toolbar">
        <Select<string>
          aria-label={t('labour.common.statusFilter')}
          value={status ?? ''}
          onChange={(v) => setParams(v ? { status: v } : {}, { replace: true })}
          options={[
            { value: '', label: t('labour.common.allStatuses') },
            ...FAIR_STATUSES.map((s) => ({ value: s, label: labels.fairStatus(s) })),
          ]}
          style={{ minWidth: 140 }}
        />
      </div>
      <ProblemAlert error={list.error} />
      <ScrollRegion label={t('labour.fairs.staffTitle')} minWidth={860}>
        <Table<JobFair>
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          pagination={false}
          locale={{ emptyText: <span className="labour-empty">{t('labour.fairs.empty')}</span> }}
        />
      </ScrollRegion>
    </div>
  );
}

type FairValues = {
  theme?: string;
  titleZh?: string;
  titleEn?: string;
  description?: string;
  mode: FairMode;
  venue?: string;
  districtCode?: string;
  startsAt?: string;
  endsAt?: string;
  targetGroups: FairTargetGroup[];
  targetRegionCodes: string[];
  boothCapacity?: number | null;
  publish: boolean;
};
const FAIR_FIELDS = [
  'theme',
  'titleZh',
  'titleEn',
  'description',
  'mode',
  'venue',
  'districtCode',
  'startsAt',
  'endsAt',
  'targetGroups',
  'targetRegionCodes',
  'boothCapacity',
];

/** Staff create a fair: theme, window, target groups and regions, online or on site. */
export function NewFairPage() {
  const { t } = useTranslation();
  usePageTitle(t('labour.fairs.newTitle'));
  const locale = useLocale();
  const labels = useFairLabels();
  const me = useSignedInMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FairValues>();
  const mode = Form.useWatch('mode', form);
  const regions = useQuery({
    queryKey: fairKeys.regions({ status: 'active' }),
    queryFn: () => listPartnerRegions({ status: 'active', page: 1, pageSize: 100 }),
  });
  const create = useMutation({
    mutationFn: (v: FairValues) =>
      createJobFair({
        theme: v.theme ?? '',
        titleZh: v.titleZh ?? '',
        titleEn: v.titleEn ?? '',
        description: v.description ?? '',
        mode: v.mode,
        venue: v.mode === 'on_site' ? (v.venue ?? null) : null,
        districtCode: v.districtCode ?? '',
        startsAt: v.startsAt ? chinaLocalToIso(v.startsAt) : '',
        endsAt: v.endsAt ? chinaLocalToIso(v.endsAt) : '',
        targetGroups: v.targetGroups,
        targetRegionCodes: v.targetRegionCodes,
        boothCapacity: v.boothCapacity ?? null,
        publish: v.publish,
      }),
    onSuccess: async (fair) => {
      await queryClient.invalidateQueries({ queryKey: fairKeys.all });
      void navigate(`/staff/fairs/${fair.id}`);
    },
    onError: (error) => {
      if (isApiError(error)) applyProblemToForm(form, error.problem, FAIR_FIELDS);
    },
  });
  return (
    <div className="page page--reading">
      <Typography.Title level={1}>{t('labour.fairs.newTitle')}</Typography.Title>
      <ProblemAlert error={create.error} fieldNames={FAIR_FIELDS} />
      <Form<FairValues>
        form={form}
        layout="vertical"
        initialValues={{
          mode: 'online',
          targetGroups: ['general'],
          targetRegionCodes: [],
          publish: true,
          districtCode: me.districtCodes[0],
        }}
        onFinish={(v) => create.mutate(v)}
      >
        <Form.Item name="theme" label={t('labour.fairs.theme')} rules={[requiredRule(locale)]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="titleZh" label={t('labour.fairs.titleZh')} rules={[requiredRule(locale)]}>
          <Input maxLength={80} />
        </Form.Item>
        <Form.Item name="titleEn" label={t('labour.fairs.titleEn')} rules={[requiredRule(locale)]}>
          <Input maxLength={120} lang="en" />
        </Form.Item>
        <Form.Item name="description" label={t('labour.fairs.description')}>
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
        <Form.Item name="mode" label={t('labour.fairs.mode')} rules={[requiredRule(locale)]}>
          <Radio.Group
            aria-label={t('labour.fairs.mode')}
            options={FAIR_MODES.map((m) => ({ value: m, label: labels.fairMode(m) }))}
          />
        </Form.Item>
        {mode === 'on_site' && (
          <Form.Item name="venue" label={t('labour.fairs.venue')} rules={[requiredRule(locale)]}>
            <Input maxLength={200} />
          </Form.Item>
        )}
        <Form.Item name="districtCode" label={t('labour.fairs.organiser')} rules={[requiredRule(locale)]}>
          <DistrictSelect />
        </Form.Item>
        <Space wrap align="start" size={16}>
          <Form.Item name="startsAt" label={t('labour.fairs.startsAt')} rules={[requiredRule(locale)]}>
            <Input type="datetime-local" />
          </Form.Item>
          <Form.Item name="endsAt" label={t('labour.fairs.endsAt')} rules={[requiredRule(locale)]}>
            <Input type="datetime-local" />
          </Form.Item>
        </Space>
        <Form.Item name="targetGroups" label={t('labour.fairs.targetGroups')} rules={[pickOneRule(locale)]}>
          <Checkbox.Group
            className="checkbox-grid"
            options={FAIR_TARGET_GROUPS.map((g) => ({ value: g, label: labels.targetGroup(g) }))}
          />
        </Form.Item>
        <Form.Item
          name="targetRegionCodes"
          label={t('labour.fairs.targetRegions')}
          extra={t('labour.fairs.targetRegionsHelp')}
        >
          <Select<string[]>
            mode="multiple"
            loading={regions.isPending}
            options={(regions.data?.items ?? []).map((r) => ({ value: r.regionCode, label: r.name }))}
          />
        </Form.Item>
        <Form.Item
          name="boothCapacity"
          label={t('labour.fairs.boothCapacity')}
          extra={t('labour.fairs.boothCapacityHelp')}
        >
          <InputNumber min={1} max={1000} precision={0} inputMode="numeric" />
        </Form.Item>
        <Form.Item name="publish" valuePropName="checked">
          <Checkbox>{t('labour.fairs.publishNow')}</Checkbox>
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={create.isPending}>
          {t('labour.fairs.create')}
        </Button>
      </Form>
    </div>
  );
}

/** Staff: one fair, its live counters, booths to approve and the report. */
export function StaffFairPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const locale = useLocale();
  const labels = useFairLabels();
  const title = useFairTitle();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const fair = useQuery({ queryKey: fairKeys.fair(id), queryFn: () => getJobFair(id) });
  usePageTitle(fair.data ? title(fair.data) : t('labour.fairs.staffTitle'));
  // Live counters: refreshed while the fair runs.
  const stats = useQuery({
    queryKey: fairKeys.stats(id),
    queryFn: () => getFairStats(id),
    refetchInterval: fair.data?.status === 'live' ? 15_000 : false,
  });
  const booths = useQuery({
    queryKey: fairKeys.booths(id, { all: true }),
    queryFn: () => listBooths(id, { page: 1, pageSize: 100 }),
  });
  const [rejecting, setRejecting] = useState<JobFairBooth | null>(null);
  const [reason, setReason] = useState('');
  const review = useMutation({
    mutationFn: (v: { booth: JobFairBooth; decision: 'approve' | 'reject'; reason?: string }) =>
      reviewBooth(id, v.booth.id, { decision: v.decision, reason: v.reason }),
    onSuccess: async (_b, v) => {
      setRejecting(null);
      setReason('');
      await queryClient.invalidateQueries({ queryKey: fairKeys.all });
      void message.success(
        v.decision === 'approve' ? t('labour.fairs.approved') : t('labour.fairs.rejected'),
      );
    },
  });
  const publish = useMutation({
    mutationFn: (status: 'published' | 'cancelled') => updateJobFair(id, { status }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: fairKeys.all });
    },
  });
  if (fair.isPending) return <PageSpinner />;
  if (fair.isError)
    return (
      <div className="page">
        <Typography.Title level={1}>{t('labour.fairs.staffTitle')}</Typography.Title>
        <ProblemAlert error={fair.error} />
      </div>
    );
  const f = fair.data;
  const ended = f.status === 'closed';
  const counters = stats.data?.counters ?? f.counters;
  const boothColumns: TableProps<JobFairBooth>['columns'] = [
    { title: t('labour.fairs.booth'), key: 'n', render: (_v, b) => b.boothName },
    { title: t('labour.common.enterprise'), key: 'e', render: (_v, b) => b.enterpriseName },
    {
      title: t('labour.fairs.postingsCol'),
      key: 'p',
      render: (_v, b) => b.postings.map((p) => p.title).join('、'),
    },
    {
      title: t('labour.fairs.counters.applications'),
      key: 'a',
      align: 'right',
      render: (_v, b) => b.figures?.applications ?? '',
    },
    {
      title: t('labour.common.status'),
      key: 's',
      render: (_v, b) => <StatusChip tone={BOOTH_TONE[b.status]}>{labels.boothStatus(b.status)}</StatusChip>,
    },
    {
      title: t('labour.common.actions'),
      key: 'x',
      render: (_v, b) =>
        b.status === 'pending' ? (
          <Space wrap>
            <Button
              size="small"
              type="primary"
              aria-label={t('labour.fairs.approveBooth', { name: b.boothName })}
              onClick={() => review.mutate({ booth: b, decision: 'approve' })}
            >
              {t('labour.fairs.approve')}
            </Button>
            <Button
              size="small"
              danger
              aria-label={t('labour.fairs.rejectBooth', { name: b.boothName })}
              onClick={() => setRejecting(b)}
            >
              {t('labour.fairs.reject')}
            </Button>
          </Space>
        ) : null,
    },
  ];
  return (
    <div className="page page--wide">
      <Typography.Title level={1}>{title(f)}</Typography.Title>
      <Card style={{ marginBottom: 24 }}>
        <Space wrap style={{ marginBottom: 12 }}>
          <StatusChip tone={FAIR_TONE[f.status]}>{labels.fairStatus(f.status)}</StatusChip>
          <span>{labels.fairMode(f.mode)}</span>
        </Space>
        <dl className="labour-meta">
          <dt>{t('labour.fairs.theme')}</dt>
          <dd>{f.theme}</dd>
          <dt>{t('labour.fairs.window')}</dt>
          <dd>
            {formatDateTime(f.startsAt, locale)} – {formatDateTime(f.endsAt, locale)}
          </dd>
          <dt>{t('labour.fairs.targetGroups')}</dt>
          <dd>{f.targetGroups.map(labels.targetGroup).join('、')}</dd>
          {f.targetRegionCodes.length > 0 && (
            <>
              <dt>{t('labour.fairs.targetRegions')}</dt>
              <dd>{f.targetRegionCodes.join('、')}</dd>
            </>
          )}
          {f.venue && (
            <>
              <dt>{t('labour.fairs.venue')}</dt>
              <dd>{f.venue}</dd>
            </>
          )}
        </dl>
        <div className="labour-actions">
          {f.status === 'draft' && (
            <Button type="primary" onClick={() => publish.mutate('published')} loading={publish.isPending}>
              {t('labour.fairs.publish')}
            </Button>
          )}
          {(f.status === 'draft' || f.status === 'published') && (
            <Button danger onClick={() => publish.mutate('cancelled')} loading={publish.isPending}>
              {t('labour.fairs.cancel')}
            </Button>
          )}
        </div>
        <ProblemAlert error={publish.error} />
      </Card>
      <Section
        id="fair-counters"
        title={ended ? t('labour.fairs.finalCounters') : t('labour.fairs.liveCounters')}
      >
        <FairCounterFigures counters={counters} label={t('labour.fairs.liveCounters')} />
        {stats.data && (
          <Typography.Text type="secondary">
            {t('labour.fairs.asOf', { at: formatDateTime(stats.data.asOf, locale) })}
          </Typography.Text>
        )}
      </Section>
      <Section id="fair-booths" title={t('labour.fairs.boothsTitle')}>
        <ProblemAlert error={booths.error ?? review.error} />
        <ScrollRegion label={t('labour.fairs.boothsTitle')} minWidth={860}>
          <Table<JobFairBooth>
            rowKey="id"
            columns={boothColumns}
            dataSource={booths.data?.items ?? []}
            loading={booths.isFetching}
            pagination={false}
            locale={{ emptyText: <span className="labour-empty">{t('labour.fairs.noBooths')}</span> }}
          />
        </ScrollRegion>
      </Section>
      <FairReportSection fairId={id} />
      {rejecting && (
        <Modal
          open
          title={t('labour.fairs.rejectBooth', { name: rejecting.boothName })}
          okText={t('labour.fairs.reject')}
          cancelText={t('common.cancel')}
          okButtonProps={{ danger: true, disabled: reason.trim() === '' }}
          onOk={() => review.mutate({ booth: rejecting, decision: 'reject', reason: reason.trim() })}
          onCancel={() => setRejecting(null)}
        >
          <label className="field-label" htmlFor="booth-reject-reason">
            {t('labour.fairs.rejectReason')}
          </label>
          <Input.TextArea
            id="booth-reject-reason"
            rows={3}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </Modal>
      )}
    </div>
  );
}

function FairReportSection({ fairId }: { fairId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useFairLabels();
  const [open, setOpen] = useState(false);
  const report = useQuery({
    queryKey: fairKeys.report(fairId),
    queryFn: () => getFairReport(fairId),
    enabled: open,
  });
  return (
    <Section
      id="fair-report"
      title={t('labour.fairs.reportTitle')}
      extra={
        <Button onClick={() => (open ? void report.refetch() : setOpen(true))}>
          {open ? t('labour.fairs.refreshReport') : t('labour.fairs.showReport')}
        </Button>
      }
    >
      <ProblemAlert error={report.error} />
      {report.data && (
        <>
          <Typography.Paragraph>
            {report.data.final ? t('labour.fairs.reportFinal') : t('labour.fairs.reportInterim')}{' '}
            {t('labour.fairs.asOf', { at: formatDateTime(report.data.asOf, locale) })}
          </Typography.Paragraph>
          <FairCounterFigures counters={report.data.counters} label={t('labour.fairs.reportTitle')} />
          <Typography.Paragraph>
            {t('labour.fairs.fromTargetRegions', {
              applications: report.data.fromTargetRegions.applications,
              hires: report.data.fromTargetRegions.hires,
            })}
          </Typography.Paragraph>
          <Typography.Title level={3}>{t('labour.fairs.byOrigin')}</Typography.Title>
          <ScrollRegion label={t('labour.fairs.byOrigin')} minWidth={420}>
            <Table<FairReport['applicantsByOrigin'][number]>
              rowKey="regionCode"
              size="small"
              pagination={false}
              dataSource={report.data.applicantsByOrigin}
              locale={{ emptyText: <span className="labour-empty">{t('labour.board.none')}</span> }}
              columns={[
                {
                  title: t('labour.fairs.origin'),
                  key: 'r',
                  render: (_v, r) => (r.regionCode ? r.regionName : t('labour.fairs.unknownOrigin')),
                },
                {
                  title: t('labour.fairs.counters.applications'),
                  key: 'a',
                  align: 'right',
                  render: (_v, r) => r.applications,
                },
                {
                  title: t('labour.fairs.counters.hires'),
                  key: 'h',
                  align: 'right',
                  render: (_v, r) => r.hires,
                },
              ]}
            />
          </ScrollRegion>
          <Typography.Title level={3}>{t('labour.fairs.byBooth')}</Typography.Title>
          <ScrollRegion label={t('labour.fairs.byBooth')} minWidth={640}>
            <Table<FairReport['booths'][number]>
              rowKey="boothId"
              size="small"
              pagination={false}
              dataSource={report.data.booths}
              locale={{ emptyText: <span className="labour-empty">{t('labour.fairs.noBooths')}</span> }}
              columns={[
                { title: t('labour.fairs.booth'), key: 'n', render: (_v, b) => b.boothName },
                {
                  title: t('labour.common.status'),
                  key: 's',
                  render: (_v, b) => labels.boothStatus(b.status),
                },
                {
                  title: t('labour.fairs.visits'),
                  key: 'v',
                  align: 'right',
                  render: (_v, b) => b.figures.visits,
                },
                {
                  title: t('labour.fairs.counters.applications'),
                  key: 'a',
                  align: 'right',
                  render: (_v, b) => b.figures.applications,
                },
                {
                  title: t('labour.fairs.counters.offers'),
                  key: 'o',
                  align: 'right',
                  render: (_v, b) => b.figures.offers,
                },
              ]}
            />
          </ScrollRegion>
        </>
      )}
    </Section>
  );
}
