import { useState } from 'react';
import { Input, Select, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  EMPLOYMENT_STATUSES,
  KEY_GROUPS,
  type EmploymentStatus,
  type KeyGroup,
  type PersonListItem,
} from '@jiuye/shared';
import { ButtonLink } from '../../app/button-link';
import { ProblemAlert } from '../../app/form-errors';
import { useLabels } from '../../app/labels';
import { usePageTitle } from '../../app/page-title';
import { ScrollRegion } from '../../app/scroll-region';
import { StatusChip } from '../../app/status-chip';
import '../../i18n/assistance';
import { useDistricts } from '../reference/api';
import { assistanceKeys, listPersons } from './api';
import { KeyGroupTags } from './key-groups';
import { EMPLOYMENT_TONE, useAssistanceLabels } from './labels';
import './assistance.css';
import { TableEmpty } from './table-empty';

function isKeyGroup(v: string | null): v is KeyGroup {
  return v !== null && (KEY_GROUPS as readonly string[]).includes(v);
}
function isEmploymentStatus(v: string | null): v is EmploymentStatus {
  return v !== null && (EMPLOYMENT_STATUSES as readonly string[]).includes(v);
}

/**
 * The person registry of the officer's districts. Searching by name, phone or the last digits of
 * the identity number; a whole identity number goes through the desk (it never travels in a URL).
 */
export function PersonsPage() {
  const { t } = useTranslation();
  usePageTitle(t('assistance.persons.title'));
  const labels = useAssistanceLabels();
  const common = useLabels();
  const districts = useDistricts();
  const districtName = new Map((districts.data ?? []).map((d) => [d.code, d.name]));
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const q = params.get('q') ?? undefined;
  const groupParam = params.get('group');
  const keyGroup = isKeyGroup(groupParam) ? groupParam : undefined;
  const statusParam = params.get('status');
  const employmentStatus = isEmploymentStatus(statusParam) ? statusParam : undefined;
  const [search, setSearch] = useState(q ?? '');
  const query = { q, keyGroup, employmentStatus, page, pageSize: 20 };
  const list = useQuery({
    queryKey: assistanceKeys.persons(query),
    queryFn: () => listPersons(query),
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
  const columns: TableProps<PersonListItem>['columns'] = [
    {
      title: t('assistance.person.fullName'),
      key: 'name',
      render: (_v, p) => <Link to={`/staff/persons/${p.id}`}>{p.fullName}</Link>,
    },
    {
      title: t('assistance.person.idNumber'),
      key: 'id',
      render: (_v, p) => <span className="mono">{p.idNumberMasked ?? '—'}</span>,
    },
    {
      title: t('assistance.person.phone'),
      key: 'phone',
      render: (_v, p) => <span className="mono">{p.phoneMasked}</span>,
    },
    {
      title: t('assistance.person.residenceDistrict'),
      key: 'district',
      render: (_v, p) =>
        p.residenceDistrictCode
          ? (districtName.get(p.residenceDistrictCode) ?? p.residenceDistrictCode)
          : '—',
    },
    {
      title: t('assistance.person.employmentStatus'),
      key: 'status',
      render: (_v, p) => (
        <StatusChip tone={EMPLOYMENT_TONE[p.employmentStatus]}>
          {labels.employmentStatus(p.employmentStatus)}
        </StatusChip>
      ),
    },
    {
      title: t('assistance.keyGroups.title'),
      key: 'groups',
      render: (_v, p) => <KeyGroupTags tags={p.keyGroups} />,
    },
    {
      title: t('assistance.persons.case'),
      key: 'case',
      render: (_v, p) =>
        p.caseId ? (
          <Link to={`/staff/cases/${p.caseId}`}>
            {t('assistance.persons.openCase')}
            <span className="sr-only"> {p.fullName}</span>
          </Link>
        ) : (
          '—'
        ),
    },
  ];
  return (
    <div className="page page--wide">
      <div className="section-head">
        <Typography.Title level={1}>{t('assistance.persons.title')}</Typography.Title>
        <ButtonLink to="/staff/desk" type="primary">
          {t('assistance.nav.desk')}
        </ButtonLink>
      </div>
      <div className="toolbar" role="search">
        <Input.Search
          aria-label={t('assistance.persons.search')}
          placeholder={t('assistance.persons.search')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(v) => set({ q: v.trim() || undefined, page: undefined })}
          enterButton={t('common.search')}
          allowClear
          style={{ maxWidth: 360 }}
        />
        <Select<string>
          aria-label={t('assistance.persons.statusFilter')}
          value={employmentStatus ?? 'all'}
          onChange={(v) => set({ status: v === 'all' ? undefined : v, page: undefined })}
          options={[
            { value: 'all', label: t('assistance.persons.allStatuses') },
            ...EMPLOYMENT_STATUSES.map((s) => ({ value: s, label: labels.employmentStatus(s) })),
          ]}
          style={{ minWidth: 140 }}
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
      <Typography.Paragraph type="secondary">{t('assistance.persons.searchHelp')}</Typography.Paragraph>
      <ProblemAlert error={list.error} />
      <ScrollRegion label={t('assistance.persons.title')} minWidth={960}>
        <Table<PersonListItem>
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          locale={{ emptyText: <TableEmpty>{t('common.none')}</TableEmpty> }}
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
    </div>
  );
}
