import { useState } from 'react';
import { Input, Select, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ENTERPRISE_STATUSES, type Enterprise } from '@jiuye/shared';
import { ProblemAlert } from '../../app/form-errors';
import { formatDateTime } from '../../app/format';
import { useLabels } from '../../app/labels';
import { usePageTitle } from '../../app/page-title';
import { ScrollRegion } from '../../app/scroll-region';
import { StatusChip } from '../../app/status-chip';
import { useLocale } from '../../i18n';
import { useDistricts } from '../reference/api';
import { enterpriseKeys, listEnterprises, type EnterpriseStatus as Status } from './api';
import { EnterpriseStatus } from './enterprise-summary';

function isStatus(v: string | null): v is Status {
  return v !== null && (ENTERPRISE_STATUSES as readonly string[]).includes(v);
}

/** Enterprises of the officer's districts; pending ones first, oldest first (the server's order). */
export function VerificationListPage() {
  const { t } = useTranslation();
  usePageTitle(t('verification.listTitle'));
  const locale = useLocale();
  const labels = useLabels();
  const districts = useDistricts();
  const districtName = new Map((districts.data ?? []).map((d) => [d.code, d.name]));
  const [params, setParams] = useSearchParams();
  const statusParam = params.get('status');
  // Pending is what an officer opens this page for; "all" is an explicit choice.
  const status: Status | undefined =
    statusParam === 'all' ? undefined : isStatus(statusParam) ? statusParam : 'pending';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const q = params.get('q') ?? undefined;
  const [search, setSearch] = useState(q ?? '');
  const query = { page, pageSize: 20, status, q };
  const list = useQuery({
    queryKey: enterpriseKeys.list(query),
    queryFn: () => listEnterprises(query),
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

  const columns: TableProps<Enterprise>['columns'] = [
    {
      title: t('enterprise.name'),
      key: 'name',
      render: (_v, e) => <Link to={`/staff/enterprises/${e.id}`}>{e.name}</Link>,
    },
    {
      title: t('enterprise.creditCode'),
      key: 'creditCode',
      render: (_v, e) => (
        <>
          <span className="mono">{e.creditCode}</span>
          {!e.creditCodeChecksumValid && (
            <>
              {' '}
              <StatusChip tone="warning">{t('verification.checksumFailed')}</StatusChip>
            </>
          )}
        </>
      ),
    },
    {
      title: t('enterprise.district'),
      key: 'district',
      render: (_v, e) => districtName.get(e.districtCode) ?? e.districtCode,
    },
    { title: t('enterprise.status'), key: 'status', render: (_v, e) => <EnterpriseStatus enterprise={e} /> },
    {
      title: t('enterprise.licence'),
      key: 'licence',
      render: (_v, e) => (e.hasLicence ? t('verification.licenceYes') : t('verification.licenceNo')),
    },
    {
      title: t('enterprise.createdAt'),
      key: 'created',
      render: (_v, e) => formatDateTime(e.createdAt, locale),
    },
  ];

  return (
    <div className="page">
      <Typography.Title level={1}>{t('verification.listTitle')}</Typography.Title>
      <div className="toolbar" role="search">
        <Input.Search
          aria-label={t('verification.search')}
          placeholder={t('verification.search')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(v) => set({ q: v.trim() || undefined, page: undefined })}
          enterButton={t('common.search')}
          allowClear
          style={{ maxWidth: 340 }}
        />
        <Select<string>
          aria-label={t('verification.statusFilter')}
          value={status ?? 'all'}
          onChange={(v) => set({ status: v, page: undefined })}
          options={[
            { value: 'all', label: t('verification.allStatuses') },
            ...ENTERPRISE_STATUSES.map((s) => ({ value: s, label: labels.enterpriseStatus(s) })),
          ]}
          style={{ minWidth: 140 }}
        />
      </div>
      <ProblemAlert error={list.error} />
      <ScrollRegion label={t('verification.listTitle')} minWidth={880}>
        <Table<Enterprise>
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          locale={{ emptyText: status === 'pending' ? t('verification.emptyPending') : t('common.none') }}
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
