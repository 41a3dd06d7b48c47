import { useRef, useState } from 'react';
import { App, Button, Checkbox, Form, Modal, Popconfirm, Select, Space, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { BusTrip, ManifestEntry } from '@jiuye/shared';
import { isApiError, saveFile } from '../../app/api-client';
import { ProblemAlert, requiredRule } from '../../app/form-errors';
import { formatDateTime } from '../../app/format';
import { newIdempotencyKey } from '../../app/idempotency';
import { ScrollRegion } from '../../app/scroll-region';
import { StatusChip } from '../../app/status-chip';
import { useLocale } from '../../i18n';
import {
  bookSeat,
  busKeys,
  cancelBooking,
  downloadManifest,
  getManifest,
  listBusTrips,
  listTravelRequests,
  moveBooking,
} from './api';
import { BOOKING_TONE, HANDOVER_TONE, useBusLabels } from './labels';

/**
 * A trip's passengers and waitlist for staff: cancel a seat, move a passenger to another open
 * trip, book for a person who has a travel request, and download the manifest as Excel. Reading
 * the manifest is audited on the server (it shows full phone numbers).
 */
export function TripManifest({ trip }: { trip: BusTrip }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useBusLabels();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const manifest = useQuery({ queryKey: busKeys.manifest(trip.id), queryFn: () => getManifest(trip.id) });
  const [moving, setMoving] = useState<ManifestEntry | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: busKeys.all });

  const cancel = useMutation({
    mutationFn: (entry: ManifestEntry) => cancelBooking(entry.bookingId),
    onSuccess: (_b, entry) => {
      void message.success(t('buses.trip.bookingCancelled', { name: entry.person.fullName }));
      refresh();
    },
  });
  const download = useMutation({
    mutationFn: () => downloadManifest(trip.id),
    onSuccess: (file) => saveFile(file, `jiuye-manifest-${trip.code}.xlsx`),
  });

  const live = (s: string) => s === 'confirmed' || s === 'waitlisted';
  const actions = (entry: ManifestEntry) =>
    live(entry.status) && (
      <Space wrap>
        <Popconfirm
          title={t('buses.trip.confirmCancelBooking', { name: entry.person.fullName })}
          okText={t('common.confirm')}
          cancelText={t('common.cancel')}
          onConfirm={() => cancel.mutate(entry)}
        >
          <Button
            size="small"
            danger
            aria-label={t('buses.trip.cancelBookingOf', { name: entry.person.fullName })}
          >
            {t('buses.trip.cancelBooking')}
          </Button>
        </Popconfirm>
        {entry.status === 'confirmed' && (
          <Button
            size="small"
            aria-label={t('buses.trip.moveOf', { name: entry.person.fullName })}
            onClick={() => setMoving(entry)}
          >
            {t('buses.trip.move')}
          </Button>
        )}
      </Space>
    );

  const passengerColumns: TableProps<ManifestEntry>['columns'] = [
    { title: t('buses.common.passenger'), key: 'name', render: (_v, e) => e.person.fullName },
    {
      title: t('buses.common.phone'),
      key: 'phone',
      render: (_v, e) => <span className="mono">{e.person.phone}</span>,
    },
    {
      title: t('buses.common.idNumber'),
      key: 'id',
      render: (_v, e) => <span className="mono">{e.person.idNumberMasked ?? ''}</span>,
    },
    {
      title: t('buses.common.origin'),
      key: 'origin',
      render: (_v, e) => [e.originName, e.pickupPoint].filter(Boolean).join(' · '),
    },
    { title: t('buses.common.enterprise'), key: 'enterprise', render: (_v, e) => e.enterpriseName ?? '' },
    {
      title: t('buses.common.status'),
      key: 'status',
      render: (_v, e) => (
        <>
          <StatusChip tone={BOOKING_TONE[e.status]}>{labels.bookingStatus(e.status)}</StatusChip>
          {e.healthAttention && (
            <>
              {' '}
              <StatusChip tone="warning">{t('buses.common.healthAttention')}</StatusChip>
            </>
          )}
          {e.refusalReasons.length > 0 && <div>{e.refusalReasons.map(labels.refusal).join('、')}</div>}
        </>
      ),
    },
    {
      title: t('buses.trip.colBoarded'),
      key: 'boarded',
      render: (_v, e) => (e.boardedAt ? formatDateTime(e.boardedAt, locale) : ''),
    },
    {
      title: t('buses.trip.colTemperature'),
      key: 'temperature',
      align: 'right',
      render: (_v, e) =>
        e.boardingTemperatureCelsius === null ? '' : `${e.boardingTemperatureCelsius.toFixed(1)}℃`,
    },
    {
      title: t('buses.trip.colHandover'),
      key: 'handover',
      render: (_v, e) =>
        e.handoverStatus ? (
          <StatusChip tone={HANDOVER_TONE[e.handoverStatus]}>
            {labels.handoverStatus(e.handoverStatus)}
          </StatusChip>
        ) : (
          ''
        ),
    },
    { title: t('common.actions'), key: 'actions', render: (_v, e) => actions(e) },
  ];
  const waitlistColumns: TableProps<ManifestEntry>['columns'] = [
    {
      title: t('buses.trip.colPosition'),
      key: 'pos',
      align: 'right',
      render: (_v, e) => e.waitlistPosition ?? '',
    },
    { title: t('buses.common.passenger'), key: 'name', render: (_v, e) => e.person.fullName },
    {
      title: t('buses.common.phone'),
      key: 'phone',
      render: (_v, e) => <span className="mono">{e.person.phone}</span>,
    },
    {
      title: t('buses.common.origin'),
      key: 'origin',
      render: (_v, e) => [e.originName, e.pickupPoint].filter(Boolean).join(' · '),
    },
    { title: t('common.actions'), key: 'actions', render: (_v, e) => actions(e) },
  ];

  return (
    <>
      <section aria-labelledby="manifest-title" style={{ marginBottom: 24 }}>
        <div className="toolbar">
          <Typography.Title level={2} id="manifest-title" style={{ margin: 0 }}>
            {t('buses.trip.manifestTitle')}
          </Typography.Title>
          <Button
            icon={<DownloadOutlined aria-hidden />}
            loading={download.isPending}
            onClick={() => download.mutate()}
          >
            {t('buses.trip.downloadManifest')}
          </Button>
        </div>
        <ProblemAlert error={manifest.error ?? download.error ?? cancel.error} />
        <ScrollRegion label={t('buses.trip.manifestTitle')} minWidth={1100}>
          <Table<ManifestEntry>
            rowKey="bookingId"
            size="small"
            columns={passengerColumns}
            dataSource={manifest.data?.passengers ?? []}
            loading={manifest.isFetching}
            pagination={false}
            locale={{ emptyText: <span className="table-empty">{t('buses.trip.noPassengers')}</span> }}
          />
        </ScrollRegion>
      </section>
      <section aria-labelledby="waitlist-title" style={{ marginBottom: 24 }}>
        <Typography.Title level={2} id="waitlist-title">
          {t('buses.trip.waitlistTitle')}
        </Typography.Title>
        <ScrollRegion label={t('buses.trip.waitlistTitle')} minWidth={640}>
          <Table<ManifestEntry>
            rowKey="bookingId"
            size="small"
            columns={waitlistColumns}
            dataSource={manifest.data?.waitlist ?? []}
            pagination={false}
            locale={{ emptyText: <span className="table-empty">{t('buses.trip.noWaitlist')}</span> }}
          />
        </ScrollRegion>
      </section>
      {(trip.status === 'open' || trip.status === 'planned') && (
        <BookForPerson trip={trip} onDone={refresh} />
      )}
      <MoveDialog trip={trip} entry={moving} onClose={() => setMoving(null)} onDone={refresh} />
    </>
  );
}

/** Staff move one passenger to another open trip; the server does it in one transaction. */
function MoveDialog({
  trip,
  entry,
  onClose,
  onDone,
}: {
  trip: BusTrip;
  entry: ManifestEntry | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const [target, setTarget] = useState<string | undefined>(undefined);
  const open = entry !== null;
  const trips = useQuery({
    queryKey: busKeys.trips({ status: 'open', pageSize: 100 }),
    queryFn: () => listBusTrips({ status: 'open', page: 1, pageSize: 100 }),
    enabled: open,
  });
  const targets = (trips.data?.items ?? []).filter((x) => x.id !== trip.id);
  const move = useMutation({
    mutationFn: () => moveBooking(entry?.bookingId ?? '', target ?? ''),
    onSuccess: () => {
      const to = targets.find((x) => x.id === target);
      void message.success(
        t('buses.trip.movedBooking', { name: entry?.person.fullName ?? '', code: to?.code ?? '' }),
      );
      setTarget(undefined);
      onDone();
      onClose();
    },
  });
  return (
    <Modal
      open={open}
      title={entry ? t('buses.trip.moveTitle', { name: entry.person.fullName }) : ''}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !target }}
      confirmLoading={move.isPending}
      onOk={() => move.mutate()}
      onCancel={() => {
        setTarget(undefined);
        move.reset();
        onClose();
      }}
    >
      <ProblemAlert error={move.error} />
      {trips.data && targets.length === 0 ? (
        <p>{t('buses.trip.moveNoTargets')}</p>
      ) : (
        <>
          <label className="field-label" htmlFor="move-target">
            {t('buses.trip.moveTarget')}
          </label>
          <Select<string>
            id="move-target"
            style={{ width: '100%' }}
            value={target}
            onChange={setTarget}
            loading={trips.isPending}
            options={targets.map((x) => ({
              value: x.id,
              label: `${x.code} · ${t('buses.common.route', { from: x.originName, to: x.destinationName })} · ${formatDateTime(x.departAt, locale)} · ${t('buses.common.seatsLeft', { count: x.seatsLeft })}`,
              disabled: x.seatsLeft <= 0,
            }))}
          />
        </>
      )}
    </Modal>
  );
}

/** Staff book a seat for a person who registered (or was registered) for travel. */
function BookForPerson({ trip, onDone }: { trip: BusTrip; onDone: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ requestId?: string; waitlist?: boolean }>();
  const attemptKey = useRef<string | null>(null);
  const requests = useQuery({
    queryKey: busKeys.requests({ status: 'open', destinationDistrictCode: trip.destinationDistrictCode }),
    queryFn: () =>
      listTravelRequests({
        status: 'open',
        destinationDistrictCode: trip.destinationDistrictCode,
        pageSize: 100,
      }),
  });
  const items = requests.data?.items ?? [];
  const book = useMutation({
    mutationFn: (v: { requestId?: string; waitlist?: boolean }) => {
      const r = items.find((x) => x.id === v.requestId);
      attemptKey.current ??= newIdempotencyKey();
      return bookSeat(
        trip.id,
        { personId: r?.person.id ?? '', waitlist: v.waitlist ?? false },
        attemptKey.current,
      );
    },
    onSuccess: (booking) => {
      attemptKey.current = null;
      void message.success(
        booking.status === 'waitlisted'
          ? t('buses.trip.waitlistedFor', { name: booking.passengerName })
          : t('buses.trip.bookedFor', { name: booking.passengerName }),
      );
      form.resetFields();
      onDone();
    },
    onError: (error) => {
      // A refused booking is final for this attempt; only a lost answer is retried with the key.
      if (isApiError(error) && error.status > 0 && error.status < 500) attemptKey.current = null;
    },
  });
  return (
    <section aria-labelledby="book-for-title" style={{ marginBottom: 24 }}>
      <Typography.Title level={2} id="book-for-title">
        {t('buses.trip.bookForTitle')}
      </Typography.Title>
      <ProblemAlert error={book.error ?? requests.error} />
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => book.mutate(v)}
        style={{ maxWidth: 560 }}
      >
        <Form.Item
          name="requestId"
          label={t('buses.trip.bookFor')}
          extra={t('buses.trip.bookForHelp')}
          rules={[requiredRule(locale)]}
        >
          <Select<string>
            showSearch={{ optionFilterProp: 'label' }}
            loading={requests.isPending}
            options={items.map((r) => ({
              value: r.id,
              label: `${r.person.fullName} · ${r.originName} · ${r.phoneMasked}`,
            }))}
          />
        </Form.Item>
        <Form.Item name="waitlist" valuePropName="checked">
          <Checkbox>{t('buses.trip.bookForWaitlist')}</Checkbox>
        </Form.Item>
        <Button htmlType="submit" type="primary" loading={book.isPending}>
          {t('buses.trip.bookForSubmit')}
        </Button>
      </Form>
    </section>
  );
}
