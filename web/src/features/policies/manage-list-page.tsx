import { Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ButtonLink } from '../../app/button-link';
import { ProblemAlert } from '../../app/form-errors';
import { usePageTitle } from '../../app/page-title';
import { ScrollRegion } from '../../app/scroll-region';
import { StatusChip } from '../../app/status-chip';
import { useLocale } from '../../i18n';
import { listPolicies, policyKeys, type Policy } from './api';
import { EffectivePeriod } from './components';
import { policyName, usePolicyLabels } from './labels';
import './policies.css';

/** The bureau's catalogue: every policy (in effect or not) with its version, to open and edit. */
export function ManagePoliciesPage() {
  const { t } = useTranslation();
  usePageTitle(t('policies.manage.title'));
  const locale = useLocale();
  const labels = usePolicyLabels();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const query = { page, pageSize: 50 };
  const list = useQuery({
    queryKey: policyKeys.list(query),
    queryFn: () => listPolicies(query),
    placeholderData: keepPreviousData,
  });
  const columns: TableProps<Policy>['columns'] = [
    {
      title: t('policies.manage.colName'),
      key: 'name',
      render: (_v, p) => (
        <Link to={`/staff/policies/${encodeURIComponent(p.code)}`}>{policyName(p, locale)}</Link>
      ),
    },
    {
      title: t('policies.manage.colCode'),
      key: 'code',
      render: (_v, p) => <span className="mono">{p.code}</span>,
    },
    { title: t('policies.catalogue.kind'), key: 'kind', render: (_v, p) => labels.kind(p.kind) },
    {
      title: t('policies.catalogue.applicantType'),
      key: 'type',
      render: (_v, p) => labels.subjectType(p.applicantType),
    },
    { title: t('policies.manage.colVersion'), key: 'version', render: (_v, p) => `v${p.version}` },
    {
      title: t('policies.catalogue.effective'),
      key: 'effective',
      render: (_v, p) => (
        <>
          <EffectivePeriod policy={p} />{' '}
          {p.inEffect ? (
            <StatusChip tone="success">{t('policies.catalogue.inEffect')}</StatusChip>
          ) : (
            <StatusChip tone="neutral">{t('policies.catalogue.notInEffect')}</StatusChip>
          )}
        </>
      ),
    },
  ];
  return (
    <div className="page page--wide">
      <Typography.Title level={1}>{t('policies.manage.title')}</Typography.Title>
      <div className="toolbar">
        <ButtonLink to="/staff/policies/new" type="primary">
          {t('policies.manage.create')}
        </ButtonLink>
      </div>
      <ProblemAlert error={list.error} />
      <ScrollRegion label={t('policies.manage.title')} minWidth={900}>
        <Table<Policy>
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          pagination={{
            placement: ['bottomStart'],
            current: page,
            pageSize: 50,
            total: list.data?.total ?? 0,
            showSizeChanger: false,
            showTotal: (total) => t('common.total', { total }),
            onChange: (p) => setParams({ page: String(p) }, { replace: true }),
          }}
        />
      </ScrollRegion>
    </div>
  );
}
