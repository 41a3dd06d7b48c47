import { useState } from 'react';
import { Input, Radio, Select, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  KEY_GROUPS,
  type CaseListItem,
  type CaseStatus,
  type KeyGroup,
  type OverdueItem,
} from '@jiuye/shared';
import { ButtonLink } from '../../app/button-link';
import { ProblemAlert } from '../../app/form-errors';
import { formatDate, formatDateTime } from '../../app/format';
import { useLabels } from '../../app/labels';
import { usePageTitle } from '../../app/page-title';
import { ScrollRegion } from '../../app/scroll-region';
import { StatusChip } from '../../app/status-chip';
import { useLocale } from '../../i18n';
import '../../i18n/assistance';
import { useDistrictNames } from '../reference/api';
import { assistanceKeys, getWorkload, listCases, listOverdue } from './api';
import { KeyGroupTags } from './key-groups';
import { EMPLOYMENT_TONE, useAssistanceLabels } from './labels';
import { chinaToday } from './dates';
import './assistance.css';
import { TableEmpty } from './table-empty';

type Scope = 'mine' | 'district';

function isKeyGroup(v: string | null): v is KeyGroup {
  return v !== null && (KEY_GROUPS as readonly string[]).includes(v);
}

/**
 * The case workspace: what is overdue comes first (follow-ups past due, people without any service
 * 30 days after registering), then the cases (mine or my districts'), then each officer's workload.
 */
export function CasesPage() {
  const { t } = useTranslation();
  usePageTitle(t('assistance.cases.title'));
  const [params, setParams] = useSearchParams();
  const scope: Scope = params.get('scope') === 'district' ? 'district' : 'mine';
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, v);
    }
    setParams(next, { replace: true });
  };
  return (
    <div className="page page--wide">
      <div className="section-head">
        <Typography.Title level={1}>{t('assistance.cases.title')}</Typography.Title>
        <ButtonLink to="/staff/desk" type="primary">
          {t('assistance.nav.desk')}
        </ButtonLink>
      </div>
      <Radio.Group
        aria-label={t('assistance.cases.scope')}
        optionType="button"
        value={scope}
        onChange={(e) => set({ scope: e.target.value as Scope, page: undefined, opage: undefined })}
        options={[
          { value: 'mine', label: t('assistance.cases.mine') },
          { value: 'district', label: t('assistance.cases.district') },
        ]}
        style={{ marginBottom: 16 }}
      />
      <OverdueSection
        scope={scope}
        page={Math.max(1, Number(params.get('opage')) || 1)}
        onPage={(p) => set({ opage: String(p) })}
      />
      <CaseListSection scope={scope} params={params} set={set} />
      <WorkloadSection />
    </div>
  );
}

function OverdueSection({
  scope,
  page,
  onPage,
}: {
  scope: Scope;
  page: number;
  onPage: (p: number) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useAssistanceLabels();
  const q = { scope, page, pageSize: 20 };
  const list = useQuery({
    queryKey: assistanceKeys.overdue(q),
    queryFn: () => listOverdue(q),
    placeholderData: keepPreviousData,
  });
  const columns: TableProps<OverdueItem>['columns'] = [
    {
      title: t('assistance.person.fullName'),
      key: 'name',
      render: (_v, o) => <Link to={`/staff/cases/${o.caseId}`}>{o.personName}</Link>,
    },
    { title: t('assistance.cases.reason'), key: 'reason', render: (_v, o) => labels.overdueReason(o.reason) },
    { title: t('assistance.cases.dueOn'), key: 'due', render: (_v, o) => formatDate(o.dueOn, locale) },
    {
      title: t('assistance.cases.daysOverdue'),
      key: 'days',
      render: (_v, o) => (
        <span className="overdue-days">{t('assistance.cases.days', { count: o.daysOverdue })}</span>
      ),
    },
    {
      title: t('assistance.cases.officer'),
      key: 'officer',
      render: (_v, o) => o.officerName ?? t('assistance.cases.noOfficer'),
    },
  ];
  return (
    <section aria-labelledby="overdue-title" className="section-block">
      <Typography.Title level={2} id="overdue-title">
        {t('assistance.cases.overdueTitle')}
        {list.data ? <span className="title-sub">（{list.data.total}）</span> : null}
      </Typography.Title>
      <ProblemAlert error={list.error} />
      <ScrollRegion label={t('assistance.cases.overdueTitle')} minWidth={720}>
        <Table<OverdueItem>
          rowKey={(o) => `${o.caseId}-${o.reason}-${o.serviceId ?? ''}`}
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          locale={{ emptyText: <TableEmpty>{t('assistance.cases.noOverdue')}</TableEmpty> }}
          pagination={{
            placement: ['bottomStart'],
            current: page,
            pageSize: 20,
            total: list.data?.total ?? 0,
            hideOnSinglePage: true,
            showSizeChanger: false,
            onChange: onPage,
          }}
        />
      </ScrollRegion>
    </section>
  );
}

function CaseListSection({
  scope,
  params,
  set,
}: {
  scope: Scope;
  params: URLSearchParams;
  set: (patch: Record<string, string | undefined>) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useAssistanceLabels();
  const common = useLabels();
  const statusParam = params.get('status');
  const status: CaseStatus | undefined =
    statusParam === 'all' ? undefined : statusParam === 'closed' ? 'closed' : 'open';
  const keyGroupParam = params.get('group');
  const keyGroup = isKeyGroup(keyGroupParam) ? keyGroupParam : undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const q = params.get('q') ?? undefined;
  const [search, setSearch] = useState(q ?? '');
  const query = { scope, status, keyGroup, q, page, pageSize: 20 };
  const list = useQuery({
    queryKey: assistanceKeys.cases(query),
    queryFn: () => listCases(query),
    placeholderData: keepPreviousData,
  });
  const today = chinaToday();
  const columns: TableProps<CaseListItem>['columns'] = [
    {
      title: t('assistance.person.fullName'),
      key: 'name',
      render: (_v, c) => <Link to={`/staff/cases/${c.id}`}>{c.personName}</Link>,
    },
    {
      title: t('assistance.person.idNumber'),
      key: 'id',
      render: (_v, c) => <span className="mono">{c.personIdNumberMasked ?? '—'}</span>,
    },
    {
      title: t('assistance.keyGroups.title'),
      key: 'groups',
      render: (_v, c) => <KeyGroupTags tags={c.keyGroups} />,
    },
    {
      title: t('assistance.person.employmentStatus'),
      key: 'employment',
      render: (_v, c) => (
        <StatusChip tone={EMPLOYMENT_TONE[c.employmentStatus]}>
          {labels.employmentStatus(c.employmentStatus)}
        </StatusChip>
      ),
    },
    {
      title: t('assistance.cases.status'),
      key: 'status',
      render: (_v, c) =>
        c.status === 'open' ? (
          <StatusChip tone="info">{labels.caseStatus('open')}</StatusChip>
        ) : (
          <StatusChip tone={c.outcome === 'employed' ? 'success' : 'neutral'}>
            {labels.caseStatus('closed')}
            {c.outcome ? `：${labels.outcome(c.outcome)}` : ''}
          </StatusChip>
        ),
    },
    {
      title: t('assistance.cases.officer'),
      key: 'officer',
      render: (_v, c) => c.officerName ?? t('assistance.cases.noOfficer'),
    },
    { title: t('assistance.cases.services'), key: 'services', render: (_v, c) => c.serviceCount },
    {
      title: t('assistance.cases.lastService'),
      key: 'last',
      render: (_v, c) =>
        c.lastServiceAt ? formatDateTime(c.lastServiceAt, locale) : t('assistance.cases.never'),
    },
    {
      title: t('assistance.cases.nextFollowUp'),
      key: 'next',
      render: (_v, c) =>
        c.nextFollowUpDue ? (
          <span className={c.nextFollowUpDue < today ? 'overdue-days' : undefined}>
            {formatDate(c.nextFollowUpDue, locale)}
          </span>
        ) : (
          '—'
        ),
    },
  ];
  return (
    <section aria-labelledby="cases-title" className="section-block">
      <Typography.Title level={2} id="cases-title">
        {scope === 'mine' ? t('assistance.cases.mineTitle') : t('assistance.cases.districtTitle')}
      </Typography.Title>
      <div className="toolbar" role="search">
        <Input.Search
          aria-label={t('assistance.cases.search')}
          placeholder={t('assistance.cases.search')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(v) => set({ q: v.trim() || undefined, page: undefined })}
          enterButton={t('common.search')}
          allowClear
          style={{ maxWidth: 320 }}
        />
        <Select<string>
          aria-label={t('assistance.cases.statusFilter')}
          value={status ?? 'all'}
          onChange={(v) => set({ status: v, page: undefined })}
          options={[
            { value: 'open', label: labels.caseStatus('open') },
            { value: 'closed', label: labels.caseStatus('closed') },
            { value: 'all', label: t('assistance.cases.allStatuses') },
          ]}
          style={{ minWidth: 120 }}
        />
        <Select<string>
          aria-label={t('assistance.cases.groupFilter')}
          value={keyGroup ?? 'all'}
          onChange={(v) => set({ group: v === 'all' ? undefined : v, page: undefined })}
          options={[
            { value: 'all', label: t('assistance.cases.allGroups') },
            ...KEY_GROUPS.map((g) => ({ value: g, label: common.keyGroup(g) })),
          ]}
          style={{ minWidth: 200 }}
          popupMatchSelectWidth={false}
        />
      </div>
      <ProblemAlert error={list.error} />
      <ScrollRegion label={t('assistance.cases.listLabel')} minWidth={1080}>
        <Table<CaseListItem>
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          locale={{ emptyText: <TableEmpty>{t('assistance.cases.empty')}</TableEmpty> }}
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
    </section>
  );
}

function WorkloadSection() {
  const { t } = useTranslation();
  const workload = useQuery({ queryKey: assistanceKeys.workload, queryFn: getWorkload });
  type Row = NonNullable<typeof workload.data>[number];
  const columns: TableProps<Row>['columns'] = [
    { title: t('assistance.cases.officer'), key: 'name', render: (_v, r) => r.officerName },
    {
      title: t('assistance.workload.districts'),
      key: 'districts',
      render: (_v, r) => <DistrictNames codes={r.districtCodes} />,
    },
    { title: t('assistance.workload.openCases'), key: 'open', render: (_v, r) => r.openCases },
    {
      title: t('assistance.workload.overdueFollowUps'),
      key: 'overdue',
      render: (_v, r) => r.overdueFollowUps,
    },
    {
      title: t('assistance.workload.withoutService'),
      key: 'without',
      render: (_v, r) => r.withoutService30Days,
    },
  ];
  return (
    <section aria-labelledby="workload-title" className="section-block">
      <Typography.Title level={2} id="workload-title">
        {t('assistance.workload.title')}
      </Typography.Title>
      <ProblemAlert error={workload.error} />
      <ScrollRegion label={t('assistance.workload.title')} minWidth={640}>
        <Table<Row>
          rowKey="officerUserId"
          columns={columns}
          dataSource={workload.data ?? []}
          loading={workload.isFetching}
          locale={{ emptyText: <TableEmpty>{t('common.none')}</TableEmpty> }}
          pagination={false}
        />
      </ScrollRegion>
    </section>
  );
}

function DistrictNames({ codes }: { codes: string[] }) {
  const names = useDistrictNames(codes);
  return <>{names.join('、')}</>;
}
