import { Select, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  SHORTAGE_STATUSES,
  SHORTAGE_URGENCIES,
  type Shortage,
  type ShortageBoard,
  type ShortageStatus,
  type ShortageUrgency,
} from '@jiuye/shared';
import { ButtonLink } from '../../app/button-link';
import { ProblemAlert } from '../../app/form-errors';
import { formatDate } from '../../app/format';
import { usePageTitle } from '../../app/page-title';
import { ScrollRegion } from '../../app/scroll-region';
import { StatusChip } from '../../app/status-chip';
import { useLocale } from '../../i18n';
import { getShortageBoard, labourKeys, listShortages } from './api';
import {
  DistrictSelect,
  EnterpriseSwitcher,
  Figures,
  Section,
  SHORTAGE_TONE,
  URGENCY_TONE,
  useActingEnterprise,
  useDistrictName,
  useLabourLabels,
  useOccupationNames,
} from './common';

function isOf<T extends string>(list: readonly T[], v: string | null): v is T {
  return v !== null && (list as readonly string[]).includes(v);
}

function useShortageColumns(base: string): TableProps<Shortage>['columns'] {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useLabourLabels();
  const district = useDistrictName();
  return [
    {
      title: t('labour.shortages.colRole'),
      key: 'role',
      render: (_v, s) => <Link to={`${base}/${s.id}`}>{s.title ?? s.occupationCode}</Link>,
    },
    { title: t('labour.common.enterprise'), key: 'enterprise', render: (_v, s) => s.enterpriseName },
    { title: t('labour.common.district'), key: 'district', render: (_v, s) => district(s.districtCode) },
    {
      title: t('labour.shortages.colHeadcount'),
      key: 'headcount',
      align: 'right',
      render: (_v, s) => t('labour.shortages.filledOf', { filled: s.headcountFilled, total: s.headcount }),
    },
    {
      title: t('labour.common.urgency'),
      key: 'urgency',
      render: (_v, s) => <StatusChip tone={URGENCY_TONE[s.urgency]}>{labels.urgency(s.urgency)}</StatusChip>,
    },
    {
      title: t('labour.shortages.deadline'),
      key: 'deadline',
      render: (_v, s) => (
        <>
          {formatDate(s.deadline, locale)}
          {s.overdue && (
            <>
              {' '}
              <StatusChip tone="danger">{t('labour.common.overdue')}</StatusChip>
            </>
          )}
        </>
      ),
    },
    {
      title: t('labour.common.status'),
      key: 'status',
      render: (_v, s) => (
        <StatusChip tone={SHORTAGE_TONE[s.status]}>
          {labels.shortageStatus(s.status)}
          {s.resolutionMethod ? ` · ${labels.method(s.resolutionMethod)}` : ''}
        </StatusChip>
      ),
    },
  ];
}

/** The employer's shortage reports, newest first, with their status and resolution. */
export function EmployerShortagesPage() {
  const { t } = useTranslation();
  usePageTitle(t('labour.shortages.mineTitle'));
  const [params, setParams] = useSearchParams();
  const acting = useActingEnterprise(params.get('enterprise') ?? undefined);
  const page = Math.max(1, Number(params.get('page')) || 1);
  const query = { enterpriseId: acting.current?.id, page, pageSize: 20 };
  const list = useQuery({
    queryKey: labourKeys.shortages(query),
    queryFn: () => listShortages(query),
    enabled: Boolean(acting.current),
    placeholderData: keepPreviousData,
  });
  const columns = useShortageColumns('/employer/shortages');
  return (
    <div className="page page--wide">
      <div className="labour-head">
        <Typography.Title level={1} style={{ margin: 0 }}>
          {t('labour.shortages.mineTitle')}
        </Typography.Title>
        <ButtonLink type="primary" icon={<PlusOutlined aria-hidden />} to="/employer/shortages/new">
          {t('labour.shortages.new')}
        </ButtonLink>
      </div>
      <EnterpriseSwitcher
        list={acting.list}
        value={acting.current?.id}
        onChange={(v) => setParams({ enterprise: v }, { replace: true })}
      />
      <ProblemAlert error={list.error} />
      <ScrollRegion label={t('labour.shortages.mineTitle')} minWidth={860}>
        <Table<Shortage>
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          locale={{ emptyText: <span className="labour-empty">{t('labour.shortages.empty')}</span> }}
          pagination={{
            placement: ['bottomStart'],
            current: page,
            pageSize: 20,
            total: list.data?.total ?? 0,
            showSizeChanger: false,
            onChange: (p) => setParams({ page: String(p) }, { replace: true }),
          }}
        />
      </ScrollRegion>
    </div>
  );
}

function BoardTable<
  R extends { shortages: number; headcount: number; headcountOpen: number; overdue: number },
>({ id, title, rows, name }: { id: string; title: string; rows: R[]; name: (row: R) => string }) {
  const { t } = useTranslation();
  return (
    <Section id={id} title={title}>
      <ScrollRegion label={title} minWidth={480}>
        <Table<R>
          rowKey={(r) => name(r)}
          size="small"
          pagination={false}
          dataSource={rows}
          locale={{ emptyText: <span className="labour-empty">{t('labour.board.none')}</span> }}
          columns={[
            { title: title, key: 'name', render: (_v, r) => name(r) },
            { title: t('labour.board.shortages'), key: 's', align: 'right', render: (_v, r) => r.shortages },
            { title: t('labour.board.headcount'), key: 'h', align: 'right', render: (_v, r) => r.headcount },
            { title: t('labour.board.open'), key: 'o', align: 'right', render: (_v, r) => r.headcountOpen },
            { title: t('labour.board.overdue'), key: 'd', align: 'right', render: (_v, r) => r.overdue },
          ]}
        />
      </ScrollRegion>
    </Section>
  );
}

/**
 * Staff's shortage board: unresolved shortages of their districts counted by district, occupation
 * and urgency (headcount open), outcomes by resolution method, and the list to act on.
 */
export function StaffShortageBoardPage() {
  const { t } = useTranslation();
  usePageTitle(t('labour.board.title'));
  const labels = useLabourLabels();
  const district = useDistrictName();
  const [params, setParams] = useSearchParams();
  const districtCode = params.get('district') ?? undefined;
  const statusParam = params.get('status');
  const status: ShortageStatus | undefined = isOf(SHORTAGE_STATUSES, statusParam) ? statusParam : undefined;
  const urgencyParam = params.get('urgency');
  const urgency: ShortageUrgency | undefined = isOf(SHORTAGE_URGENCIES, urgencyParam)
    ? urgencyParam
    : undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, v);
    }
    setParams(next, { replace: true });
  };
  const boardQuery = { districtCode, urgency };
  const board = useQuery({
    queryKey: labourKeys.board(boardQuery),
    queryFn: () => getShortageBoard(boardQuery),
    placeholderData: keepPreviousData,
  });
  const listQuery = { districtCode, urgency, status, page, pageSize: 20 };
  const list = useQuery({
    queryKey: labourKeys.shortages(listQuery),
    queryFn: () => listShortages(listQuery),
    placeholderData: keepPreviousData,
  });
  const occupationCodes = (board.data?.byOccupation ?? []).map((r) => r.occupationCode);
  const occupation = useOccupationNames(occupationCodes);
  const columns = useShortageColumns('/staff/shortages');
  const totals: ShortageBoard['totals'] | undefined = board.data?.totals;

  return (
    <div className="page page--wide">
      <Typography.Title level={1}>{t('labour.board.title')}</Typography.Title>
      <div className="toolbar">
        <DistrictSelect
          ariaLabel={t('labour.common.districtFilter')}
          allowAll={t('labour.common.allDistricts')}
          value={districtCode}
          onChange={(v) => set({ district: v, page: undefined })}
        />
        <Select<string>
          aria-label={t('labour.common.urgencyFilter')}
          value={urgency ?? ''}
          onChange={(v) => set({ urgency: v || undefined, page: undefined })}
          options={[
            { value: '', label: t('labour.common.allUrgencies') },
            ...SHORTAGE_URGENCIES.map((u) => ({ value: u, label: labels.urgency(u) })),
          ]}
          style={{ minWidth: 120 }}
        />
        <Select<string>
          aria-label={t('labour.common.statusFilter')}
          value={status ?? ''}
          onChange={(v) => set({ status: v || undefined, page: undefined })}
          options={[
            { value: '', label: t('labour.common.allStatuses') },
            ...SHORTAGE_STATUSES.map((s) => ({ value: s, label: labels.shortageStatus(s) })),
          ]}
          style={{ minWidth: 120 }}
        />
      </div>
      <ProblemAlert error={board.error ?? list.error} />
      {totals && (
        <Figures
          label={t('labour.board.totals')}
          items={[
            { key: 's', label: t('labour.board.shortages'), value: totals.shortages },
            { key: 'h', label: t('labour.board.headcount'), value: totals.headcount },
            { key: 'o', label: t('labour.board.open'), value: totals.headcountOpen },
            { key: 'd', label: t('labour.board.overdue'), value: totals.overdue },
          ]}
        />
      )}
      <Section id="shortage-list" title={t('labour.board.list')}>
        <ScrollRegion label={t('labour.board.list')} minWidth={860}>
          <Table<Shortage>
            rowKey="id"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            locale={{ emptyText: <span className="labour-empty">{t('labour.shortages.empty')}</span> }}
            pagination={{
              placement: ['bottomStart'],
              current: page,
              pageSize: 20,
              total: list.data?.total ?? 0,
              showSizeChanger: false,
              onChange: (p) => set({ page: String(p) }),
            }}
          />
        </ScrollRegion>
      </Section>
      {board.data && (
        <>
          <BoardTable
            id="by-district"
            title={t('labour.board.byDistrict')}
            rows={board.data.byDistrict}
            name={(r) => district(r.districtCode)}
          />
          <BoardTable
            id="by-occupation"
            title={t('labour.board.byOccupation')}
            rows={board.data.byOccupation}
            name={(r) => occupation(r.occupationCode)}
          />
          <BoardTable
            id="by-urgency"
            title={t('labour.board.byUrgency')}
            rows={board.data.byUrgency}
            name={(r) => labels.urgency(r.urgency)}
          />
          <Section id="outcomes" title={t('labour.board.outcomes')}>
            <ScrollRegion label={t('labour.board.outcomes')} minWidth={480}>
              <Table
                rowKey="method"
                size="small"
                pagination={false}
                dataSource={board.data.resolved}
                locale={{ emptyText: <span className="labour-empty">{t('labour.board.none')}</span> }}
                columns={[
                  {
                    title: t('labour.shortages.method'),
                    key: 'm',
                    render: (_v, r: ShortageBoard['resolved'][number]) => labels.method(r.method),
                  },
                  {
                    title: t('labour.board.shortages'),
                    key: 's',
                    align: 'right',
                    render: (_v, r: ShortageBoard['resolved'][number]) => r.shortages,
                  },
                  {
                    title: t('labour.board.filled'),
                    key: 'f',
                    align: 'right',
                    render: (_v, r: ShortageBoard['resolved'][number]) => r.headcountFilled,
                  },
                  {
                    title: t('labour.board.avgDays'),
                    key: 'a',
                    align: 'right',
                    render: (_v, r: ShortageBoard['resolved'][number]) => r.avgDaysToResolve.toFixed(1),
                  },
                ]}
              />
            </ScrollRegion>
          </Section>
        </>
      )}
    </div>
  );
}
