import { useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Select, Space, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { PartnerRegion, Referral, RegionSeeker, TargetedPosting } from '@jiuye/shared';
import { isApiError } from '../../app/api-client';
import { applyProblemToForm, ProblemAlert, requiredRule } from '../../app/form-errors';
import { formatDate, formatDateTime } from '../../app/format';
import { formatSalary } from '../../app/money';
import { usePageTitle } from '../../app/page-title';
import { PageSpinner } from '../../app/pages/status-pages';
import { ScrollRegion } from '../../app/scroll-region';
import { StatusChip } from '../../app/status-chip';
import { useLocale } from '../../i18n';
import { RegionSelect } from '../reference/region-select';
import { chinaDay, Figures, Section } from '../shortages/common';
import {
  createPartnerRegion,
  createReferral,
  fairKeys,
  getRegionStats,
  listPartnerRegions,
  listReferrals,
  listRegionSeekers,
  listTargetedPostings,
} from './api';
import { useFairLabels } from './common';

type RegionValues = { regionCode?: string; name?: string; agreementStartsOn?: string; note?: string };
const REGION_FIELDS = ['regionCode', 'name', 'agreementStartsOn', 'note'];

/** Staff: partner labour-source regions (柳州, 陇南…), their officers and targeted postings. */
export function PartnerRegionsPage() {
  const { t } = useTranslation();
  usePageTitle(t('labour.regions.title'));
  const locale = useLocale();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const query = { page: 1, pageSize: 100 };
  const list = useQuery({ queryKey: fairKeys.regions(query), queryFn: () => listPartnerRegions(query) });
  const [form] = Form.useForm<RegionValues>();
  const create = useMutation({
    mutationFn: (v: RegionValues) =>
      createPartnerRegion({
        regionCode: v.regionCode ?? '',
        name: v.name?.trim() || undefined,
        agreementStartsOn: v.agreementStartsOn ?? '',
        note: v.note ?? '',
      }),
    onSuccess: async () => {
      form.resetFields();
      await queryClient.invalidateQueries({ queryKey: fairKeys.all });
      void message.success(t('labour.regions.created'));
    },
    onError: (error) => {
      if (isApiError(error)) applyProblemToForm(form, error.problem, REGION_FIELDS);
    },
  });
  const columns: TableProps<PartnerRegion>['columns'] = [
    { title: t('labour.regions.name'), key: 'n', render: (_v, r) => `${r.name}（${r.regionCode}）` },
    {
      title: t('labour.regions.agreement'),
      key: 'a',
      render: (_v, r) =>
        `${formatDate(r.agreementStartsOn, locale)} – ${r.agreementEndsOn ? formatDate(r.agreementEndsOn, locale) : t('labour.regions.openEnded')}`,
    },
    {
      title: t('labour.common.status'),
      key: 's',
      render: (_v, r) => (
        <StatusChip tone={r.status === 'active' ? 'success' : 'neutral'}>
          {t(`labour.labels.regionStatus.${r.status}`)}
        </StatusChip>
      ),
    },
    {
      title: t('labour.regions.officers'),
      key: 'o',
      render: (_v, r) => r.officers.map((o) => o.displayName).join('、'),
    },
    {
      title: t('labour.regions.targeted'),
      key: 'p',
      align: 'right',
      render: (_v, r) => r.targetedPostingCount,
    },
  ];
  return (
    <div className="page page--wide">
      <Typography.Title level={1}>{t('labour.regions.title')}</Typography.Title>
      <Typography.Paragraph>{t('labour.regions.intro')}</Typography.Paragraph>
      <Section id="region-list" title={t('labour.regions.listTitle')}>
        <ProblemAlert error={list.error} />
        <ScrollRegion label={t('labour.regions.listTitle')} minWidth={760}>
          <Table<PartnerRegion>
            rowKey="id"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            pagination={false}
            locale={{ emptyText: <span className="labour-empty">{t('labour.regions.empty')}</span> }}
          />
        </ScrollRegion>
      </Section>
      <Section id="region-new" title={t('labour.regions.new')}>
        <ProblemAlert error={create.error} fieldNames={REGION_FIELDS} />
        <Form<RegionValues>
          form={form}
          layout="vertical"
          initialValues={{ agreementStartsOn: chinaDay(0) }}
          onFinish={(v) => create.mutate(v)}
        >
          <Form.Item name="regionCode" label={t('labour.regions.region')} rules={[requiredRule(locale)]}>
            <RegionSelect labelPrefix={t('labour.regions.region')} />
          </Form.Item>
          <Space wrap align="start" size={16}>
            <Form.Item name="name" label={t('labour.regions.displayName')}>
              <Input maxLength={60} />
            </Form.Item>
            <Form.Item
              name="agreementStartsOn"
              label={t('labour.regions.startsOn')}
              rules={[requiredRule(locale)]}
            >
              <Input type="date" />
            </Form.Item>
          </Space>
          <Form.Item name="note" label={t('labour.regions.note')}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={create.isPending}>
            {t('labour.regions.create')}
          </Button>
        </Form>
      </Section>
    </div>
  );
}

/**
 * A partner region's officer: postings targeted at their region, the region's seekers (those who
 * let employers see their résumé), referrals and the region's figures.
 */
export function PartnerOfficerPage() {
  const { t } = useTranslation();
  usePageTitle(t('labour.regions.officerTitle'));
  const regions = useQuery({
    queryKey: fairKeys.regions({ mine: true }),
    queryFn: () => listPartnerRegions({ page: 1, pageSize: 20 }),
  });
  const [chosen, setChosen] = useState<string | undefined>();
  const list = regions.data?.items ?? [];
  const region = list.find((r) => r.id === chosen) ?? list[0];
  if (regions.isPending) return <PageSpinner />;
  return (
    <div className="page page--wide">
      <Typography.Title level={1}>{region ? region.name : t('labour.regions.officerTitle')}</Typography.Title>
      <ProblemAlert error={regions.error} />
      {list.length > 1 && (
        <Select<string>
          aria-label={t('labour.regions.region')}
          value={region?.id}
          onChange={setChosen}
          options={list.map((r) => ({ value: r.id, label: r.name }))}
          style={{ minWidth: 200, marginBottom: 16 }}
        />
      )}
      {regions.isSuccess && !region && (
        <Typography.Paragraph>{t('labour.regions.noRegion')}</Typography.Paragraph>
      )}
      {region && <RegionWork region={region} />}
    </div>
  );
}

function RegionWork({ region }: { region: PartnerRegion }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useFairLabels();
  const stats = useQuery({
    queryKey: fairKeys.regionStats(region.id),
    queryFn: () => getRegionStats(region.id),
  });
  const [q, setQ] = useState('');
  const postingsQuery = { page: 1, pageSize: 50 };
  const postings = useQuery({
    queryKey: fairKeys.targeted(region.id, postingsQuery),
    queryFn: () => listTargetedPostings(region.id, postingsQuery),
  });
  const seekersQuery = { q: q || undefined, page: 1, pageSize: 50 };
  const seekers = useQuery({
    queryKey: fairKeys.seekers(region.id, seekersQuery),
    queryFn: () => listRegionSeekers(region.id, seekersQuery),
    placeholderData: keepPreviousData,
  });
  const referrals = useQuery({
    queryKey: fairKeys.referrals(region.id),
    queryFn: () => listReferrals(region.id),
  });
  const [referring, setReferring] = useState<TargetedPosting | null>(null);
  const s = stats.data;
  return (
    <>
      <Section id="region-figures" title={t('labour.regions.figures')}>
        <ProblemAlert error={stats.error} />
        {s && (
          <Figures
            label={t('labour.regions.figures')}
            items={[
              { key: 'seekers', label: t('labour.regions.stats.seekers'), value: s.seekers },
              {
                key: 'postings',
                label: t('labour.regions.stats.targetedPostings'),
                value: s.targetedPostings,
              },
              { key: 'referrals', label: t('labour.regions.stats.referrals'), value: s.referrals },
              {
                key: 'applied',
                label: t('labour.regions.stats.referralsApplied'),
                value: s.referralsApplied,
              },
              { key: 'applications', label: t('labour.regions.stats.applications'), value: s.applications },
              { key: 'hires', label: t('labour.regions.stats.hires'), value: s.hires },
            ]}
          />
        )}
      </Section>
      <Section id="region-postings" title={t('labour.regions.postingsTitle')}>
        <ProblemAlert error={postings.error} />
        <ScrollRegion label={t('labour.regions.postingsTitle')} minWidth={760}>
          <Table<TargetedPosting>
            rowKey="postingId"
            size="small"
            dataSource={postings.data?.items ?? []}
            pagination={false}
            locale={{ emptyText: <span className="labour-empty">{t('labour.regions.noPostings')}</span> }}
            columns={[
              { title: t('labour.regions.posting'), key: 't', render: (_v, p) => p.title },
              { title: t('labour.common.enterprise'), key: 'e', render: (_v, p) => p.enterpriseName },
              { title: t('labour.common.district'), key: 'd', render: (_v, p) => p.districtName },
              {
                title: t('labour.regions.salary'),
                key: 's',
                render: (_v, p) => formatSalary(p.salaryMinFen, p.salaryMaxFen, p.salaryPeriod, locale),
              },
              {
                title: t('labour.regions.referralsCol'),
                key: 'r',
                align: 'right',
                render: (_v, p) => p.referralCount,
              },
              {
                title: t('labour.common.actions'),
                key: 'x',
                render: (_v, p) => (
                  <Button
                    size="small"
                    onClick={() => setReferring(p)}
                    aria-label={t('labour.regions.referTo', { title: p.title })}
                  >
                    {t('labour.regions.refer')}
                  </Button>
                ),
              },
            ]}
          />
        </ScrollRegion>
      </Section>
      <Section id="region-seekers" title={t('labour.regions.seekersTitle')}>
        <Input.Search
          aria-label={t('labour.regions.searchSeekers')}
          placeholder={t('labour.regions.searchSeekers')}
          allowClear
          onSearch={(v) => setQ(v.trim())}
          style={{ maxWidth: 320, marginBottom: 12 }}
        />
        <ProblemAlert error={seekers.error} />
        <ScrollRegion label={t('labour.regions.seekersTitle')} minWidth={640}>
          <Table<RegionSeeker>
            rowKey="seekerUserId"
            size="small"
            dataSource={seekers.data?.items ?? []}
            pagination={false}
            locale={{ emptyText: <span className="labour-empty">{t('labour.regions.noSeekers')}</span> }}
            columns={[
              { title: t('labour.common.name'), key: 'n', render: (_v, r) => r.fullName },
              { title: t('labour.common.phone'), key: 'p', render: (_v, r) => r.phoneMasked },
              { title: t('labour.regions.skills'), key: 's', render: (_v, r) => r.skills.join('、') },
              {
                title: t('labour.regions.experience'),
                key: 'e',
                align: 'right',
                render: (_v, r) => r.experienceYears,
              },
              {
                title: t('labour.regions.referralsCol'),
                key: 'r',
                align: 'right',
                render: (_v, r) => r.referralCount,
              },
            ]}
          />
        </ScrollRegion>
      </Section>
      <Section id="region-referrals" title={t('labour.regions.referralsTitle')}>
        <ProblemAlert error={referrals.error} />
        <ScrollRegion label={t('labour.regions.referralsTitle')} minWidth={640}>
          <Table<Referral>
            rowKey="id"
            size="small"
            dataSource={referrals.data?.items ?? []}
            pagination={false}
            locale={{ emptyText: <span className="labour-empty">{t('labour.regions.noReferrals')}</span> }}
            columns={[
              { title: t('labour.common.name'), key: 'n', render: (_v, r) => r.seekerName },
              {
                title: t('labour.regions.posting'),
                key: 'p',
                render: (_v, r) => `${r.postingTitle}（${r.enterpriseName}）`,
              },
              {
                title: t('labour.common.status'),
                key: 'o',
                render: (_v, r) => labels.referralOutcome(r.outcome),
              },
              {
                title: t('labour.regions.referredAt'),
                key: 'd',
                render: (_v, r) => formatDateTime(r.createdAt, locale),
              },
            ]}
          />
        </ScrollRegion>
      </Section>
      {referring && (
        <ReferDialog
          regionId={region.id}
          posting={referring}
          seekers={seekers.data?.items ?? []}
          onClose={() => setReferring(null)}
        />
      )}
    </>
  );
}

function ReferDialog({
  regionId,
  posting,
  seekers,
  onClose,
}: {
  regionId: string;
  posting: TargetedPosting;
  seekers: RegionSeeker[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ seekerUserId?: string; note?: string }>();
  const refer = useMutation({
    mutationFn: (v: { seekerUserId?: string; note?: string }) =>
      createReferral(regionId, {
        seekerUserId: v.seekerUserId ?? '',
        postingId: posting.postingId,
        note: v.note ?? '',
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: fairKeys.all });
      void message.success(t('labour.regions.referred'));
      onClose();
    },
    onError: (error) => {
      if (isApiError(error)) applyProblemToForm(form, error.problem, ['seekerUserId', 'note']);
    },
  });
  return (
    <Modal
      open
      title={t('labour.regions.referTo', { title: posting.title })}
      okText={t('labour.regions.refer')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={refer.isPending}
      destroyOnHidden
    >
      <Card size="small" style={{ marginBottom: 12 }}>
        {posting.enterpriseName} · {posting.districtName}
      </Card>
      <ProblemAlert error={refer.error} fieldNames={['seekerUserId', 'note']} />
      <Form form={form} layout="vertical" onFinish={(v) => refer.mutate(v)}>
        <Form.Item name="seekerUserId" label={t('labour.regions.seeker')} rules={[requiredRule(locale)]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={seekers.map((s) => ({ value: s.seekerUserId, label: `${s.fullName} ${s.phoneMasked}` }))}
          />
        </Form.Item>
        <Form.Item name="note" label={t('labour.regions.referNote')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
