import { Checkbox, Select, Space, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { TRIP_STATUSES, type BusTrip, type TripStatus } from '@jiuye/shared';
import { ButtonLink } from '../../app/button-link';
import { ProblemAlert } from '../../app/form-errors';
import { formatDateTime } from '../../app/format';
import { usePageTitle } from '../../app/page-title';
import { ScrollRegion } from '../../app/scroll-region';
import { StatusChip } from '../../app/status-chip';
import { useLocale } from '../../i18n';
import '../../i18n/buses';
import { busKeys, listBusTrips } from './api';
import { TRIP_TONE, useBusLabels } from './labels';
import './buses.css';

function isStatus(v: string | null): v is TripStatus {
  return v !== null && (TRIP_STATUSES as readonly string[]).includes(v);
}

/** Staff's trips (their districts and the ones they escort), newest departure first. */
export function TripsPage() {
  const { t } = useTranslation();
  usePageTitle(t('buses.trips.title'));
  const locale = useLocale();
  const labels = useBusLabels();
  const [params, setParams] = useSearchParams();
  const statusParam = params.get('status');
  const status = isStatus(statusParam) ? statusParam : undefined;
  const mine = params.get('mine') === 'true';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const query = { page, pageSize: 20, status, ...(mine ? { escortedByMe: true } : {}) };
  const list = useQuery({
    queryKey: busKeys.trips(query),
    queryFn: () => listBusTrips(query),
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

  const columns: TableProps<BusTrip>['columns'] = [
    {
      title: t('buses.trips.colCode'),
      key: 'code',
      render: (_v, trip) => <Link to={`/staff/buses/trips/${trip.id}`}>{trip.code}</Link>,
    },
    {
      title: t('buses.trips.colRoute'),
      key: 'route',
      render: (_v, trip) => t('buses.common.route', { from: trip.originName, to: trip.destinationName }),
    },
    {
      title: t('buses.trips.colDepart'),
      key: 'depart',
      render: (_v, trip) => formatDateTime(trip.departAt, locale),
    },
    {
      title: t('buses.trips.colStatus'),
      key: 'status',
      render: (_v, trip) => (
        <StatusChip tone={TRIP_TONE[trip.status]}>{labels.tripStatus(trip.status)}</StatusChip>
      ),
    },
    {
      title: t('buses.trips.colSeats'),
      key: 'seats',
      align: 'right',
      render: (_v, trip) => `${trip.seatsTaken}/${trip.seatsForSale}`,
    },
    {
      title: t('buses.trips.colWaitlist'),
      key: 'waitlist',
      align: 'right',
      render: (_v, trip) => trip.waitlistCount,
    },
    { title: t('buses.trips.colPlate'), key: 'plate', render: (_v, trip) => trip.plate ?? '' },
    { title: t('buses.trips.colEscort'), key: 'escort', render: (_v, trip) => trip.escortName ?? '' },
  ];

  return (
    <div className="page page--wide">
      <Typography.Title level={1}>{t('buses.trips.title')}</Typography.Title>
      <div className="toolbar">
        <Select<string>
          aria-label={t('buses.trips.statusFilter')}
          value={status ?? 'all'}
          onChange={(v) => set({ status: v === 'all' ? undefined : v, page: undefined })}
          options={[
            { value: 'all', label: t('buses.trips.allStatuses') },
            ...TRIP_STATUSES.map((s) => ({ value: s, label: labels.tripStatus(s) })),
          ]}
          style={{ minWidth: 140 }}
        />
        <Checkbox
          checked={mine}
          onChange={(e) => set({ mine: e.target.checked ? 'true' : undefined, page: undefined })}
        >
          {t('buses.trips.mineOnly')}
        </Checkbox>
        <Space wrap>
          <ButtonLink type="primary" icon={<PlusOutlined aria-hidden />} to="/staff/buses/trips/new">
            {t('buses.trips.new')}
          </ButtonLink>
          <Link to="/staff/buses/stats">{t('buses.trips.statsLink')}</Link>
        </Space>
      </div>
      <ProblemAlert error={list.error} />
      <ScrollRegion label={t('buses.trips.title')} minWidth={900}>
        <Table<BusTrip>
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          locale={{ emptyText: <span className="table-empty">{t('buses.trips.empty')}</span> }}
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
