import { useState } from 'react';
import { App, Button, Card, Descriptions, Form, Input, Modal, Space, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { BusTrip, TripStatus } from '@jiuye/shared';
import { ButtonLink } from '../../app/button-link';
import { ProblemAlert, requiredRule } from '../../app/form-errors';
import { formatDateTime } from '../../app/format';
import { usePageTitle } from '../../app/page-title';
import { PageSpinner } from '../../app/pages/status-pages';
import { StatusChip } from '../../app/status-chip';
import { useLocale } from '../../i18n';
import '../../i18n/buses';
import { busKeys, createBusTrip, getBusTrip, updateBusTrip } from './api';
import { CANCELLABLE_TRIP, NEXT_TRIP_STATUS, TRIP_TONE, useBusLabels } from './labels';
import { TripCostForm } from './trip-cost-form';
import { createBodyOf, TripForm, updateBodyOf } from './trip-form';
import { TripManifest } from './trip-manifest';
import './buses.css';

/** Staff create a trip by hand (most come from the planner). */
export function NewTripPage() {
  const { t } = useTranslation();
  usePageTitle(t('buses.trips.newTitle'));
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: createBusTrip,
    onSuccess: (trip) => {
      void message.success(t('buses.tripForm.created'));
      void queryClient.invalidateQueries({ queryKey: busKeys.all });
      void navigate(`/staff/buses/trips/${trip.id}`);
    },
  });
  return (
    <div className="page">
      <p>
        <Link to="/staff/buses/trips">{t('buses.common.backToTrips')}</Link>
      </p>
      <Typography.Title level={1}>{t('buses.trips.newTitle')}</Typography.Title>
      <TripForm
        pending={create.isPending}
        error={create.error}
        submitLabel={t('buses.tripForm.create')}
        onSubmit={(v) => create.mutate(createBodyOf(v))}
      />
    </div>
  );
}

function TripFacts({ trip }: { trip: BusTrip }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <Descriptions
      column={{ xs: 1, md: 2 }}
      size="small"
      bordered
      style={{ marginBottom: 16 }}
      items={[
        {
          key: 'route',
          label: t('buses.trips.colRoute'),
          children: t('buses.common.route', { from: trip.originName, to: trip.destinationName }),
        },
        { key: 'pickup', label: t('buses.common.pickupPoint'), children: trip.pickupPoint },
        {
          key: 'stops',
          label: t('buses.trip.stops'),
          children:
            trip.stops.map((s) => `${s.regionName} · ${s.pickupPoint}`).join('；') || t('buses.common.none'),
        },
        { key: 'depart', label: t('buses.common.departAt'), children: formatDateTime(trip.departAt, locale) },
        { key: 'arrive', label: t('buses.common.arriveBy'), children: formatDateTime(trip.arriveBy, locale) },
        {
          key: 'capacity',
          label: t('buses.tripForm.capacity'),
          children: t('buses.trip.capacity', { capacity: trip.capacity, percent: trip.loadLimitPercent }),
        },
        {
          key: 'seats',
          label: t('buses.trip.seatsForSale'),
          children: (
            <span data-testid="trip-seats">
              {t('buses.common.seats', { taken: trip.seatsTaken, forSale: trip.seatsForSale })} ·{' '}
              {t('buses.common.seatsLeft', { count: trip.seatsLeft })} · {t('buses.trip.waitlist')}{' '}
              {trip.waitlistCount}
            </span>
          ),
        },
        { key: 'plate', label: t('buses.common.plate'), children: trip.plate ?? '' },
        {
          key: 'driver',
          label: t('buses.common.driver'),
          children: [trip.driverName, trip.driverPhone].filter(Boolean).join(' · '),
        },
        { key: 'escort', label: t('buses.common.escort'), children: trip.escortName ?? '' },
        ...(trip.note ? [{ key: 'note', label: t('buses.tripForm.note'), children: trip.note }] : []),
      ]}
    />
  );
}

/** The next steps of the trip's workflow as buttons; cancelling asks for the reason passengers read. */
function StatusActions({ trip }: { trip: BusTrip }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useBusLabels();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [cancelling, setCancelling] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const move = useMutation({
    mutationFn: (v: { status: TripStatus; cancelReason?: string }) =>
      updateBusTrip(trip.id, { ...v, version: trip.version }),
    onSuccess: (updated) => {
      queryClient.setQueryData(busKeys.trip(trip.id), updated);
      void queryClient.invalidateQueries({ queryKey: busKeys.all });
      void message.success(t('buses.trip.moved', { status: labels.tripStatus(updated.status) }));
      setCancelling(false);
      form.resetFields();
    },
  });
  const next = NEXT_TRIP_STATUS[trip.status];
  const canCancel = CANCELLABLE_TRIP.includes(trip.status);
  if (next.length === 0 && !canCancel) return null;
  return (
    <section aria-labelledby="actions-title" style={{ marginBottom: 16 }}>
      <Typography.Title level={2} id="actions-title">
        {t('buses.trip.actions')}
      </Typography.Title>
      {!cancelling && <ProblemAlert error={move.error} />}
      <Space wrap>
        {next.map((status) => (
          <Button
            key={status}
            type="primary"
            loading={move.isPending && move.variables.status === status}
            onClick={() => move.mutate({ status })}
          >
            {t(`buses.trip.to.${status as Exclude<TripStatus, 'planned'>}`)}
          </Button>
        ))}
        {trip.status !== 'planned' && trip.status !== 'cancelled' && (
          <ButtonLink to={`/staff/buses/trips/${trip.id}/boarding`}>
            {t('buses.trip.boardingPage')}
          </ButtonLink>
        )}
        {canCancel && (
          <Button danger onClick={() => setCancelling(true)}>
            {t('buses.trip.to.cancelled')}
          </Button>
        )}
      </Space>
      <Modal
        open={cancelling}
        title={t('buses.trip.cancelTitle', { code: trip.code })}
        okText={t('buses.trip.to.cancelled')}
        okButtonProps={{ danger: true }}
        cancelText={t('common.cancel')}
        confirmLoading={move.isPending}
        onOk={() => form.submit()}
        onCancel={() => setCancelling(false)}
        forceRender
      >
        {cancelling && <ProblemAlert error={move.error} />}
        <Form
          form={form}
          layout="vertical"
          requiredMark={false}
          onFinish={(v) => move.mutate({ status: 'cancelled', cancelReason: v.reason.trim() })}
        >
          <Form.Item
            name="reason"
            label={t('buses.trip.cancelReasonLabel')}
            extra={t('buses.trip.cancelReasonHelp')}
            rules={[requiredRule(locale)]}
          >
            <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} />
          </Form.Item>
        </Form>
      </Modal>
    </section>
  );
}

/**
 * One trip for staff: its facts and status steps, editing, seats, passengers and waitlist (cancel,
 * move, book for a person), the manifest download, and the cost and who pays.
 */
export function TripDetailPage() {
  const { t } = useTranslation();
  const labels = useBusLabels();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { id = '' } = useParams();
  const trip = useQuery({ queryKey: busKeys.trip(id), queryFn: () => getBusTrip(id) });
  usePageTitle(trip.data ? t('buses.trip.title', { code: trip.data.code }) : t('buses.trips.title'));
  const [editing, setEditing] = useState(false);
  const save = useMutation({
    mutationFn: (body: Parameters<typeof updateBusTrip>[1]) => updateBusTrip(id, body),
    onSuccess: (updated) => {
      queryClient.setQueryData(busKeys.trip(id), updated);
      void queryClient.invalidateQueries({ queryKey: busKeys.all });
      void message.success(t('buses.tripForm.saved'));
      setEditing(false);
    },
  });

  if (trip.isPending) return <PageSpinner />;
  if (trip.isError) {
    return (
      <div className="page">
        <Typography.Title level={1}>{t('buses.common.loadError')}</Typography.Title>
        <ProblemAlert error={trip.error} />
        <Link to="/staff/buses/trips">{t('buses.common.backToTrips')}</Link>
      </div>
    );
  }
  const data = trip.data;
  const editable = data.status === 'planned' || data.status === 'open';
  return (
    <div className="page page--wide">
      <p>
        <Link to="/staff/buses/trips">{t('buses.common.backToTrips')}</Link>
      </p>
      <Typography.Title level={1}>
        {t('buses.trip.title', { code: data.code })}{' '}
        <StatusChip tone={TRIP_TONE[data.status]}>{labels.tripStatus(data.status)}</StatusChip>
      </Typography.Title>
      {data.cancelReason && <p>{t('buses.trip.cancelReason', { reason: data.cancelReason })}</p>}
      <section aria-labelledby="facts-title">
        <Typography.Title level={2} id="facts-title" className="sr-only">
          {t('buses.trip.facts')}
        </Typography.Title>
        <TripFacts trip={data} />
      </section>
      <StatusActions trip={data} />
      {editable && (
        <section aria-labelledby="edit-title" style={{ marginBottom: 24 }}>
          {editing ? (
            <Card
              title={
                <h2 className="card-heading" id="edit-title">
                  {t('buses.trip.edit')}
                </h2>
              }
            >
              <TripForm
                trip={data}
                pending={save.isPending}
                error={save.error}
                submitLabel={t('buses.tripForm.save')}
                onSubmit={(v) => save.mutate(updateBodyOf(v, data.version))}
              />
              <Button style={{ marginTop: 8 }} onClick={() => setEditing(false)}>
                {t('common.cancel')}
              </Button>
            </Card>
          ) : (
            <>
              <h2 className="sr-only" id="edit-title">
                {t('buses.trip.edit')}
              </h2>
              <Button onClick={() => setEditing(true)}>{t('buses.trip.edit')}</Button>
            </>
          )}
        </section>
      )}
      <TripManifest trip={data} />
      <section aria-labelledby="cost-title" style={{ marginBottom: 24 }}>
        <Card
          title={
            <h2 className="card-heading" id="cost-title">
              {t('buses.trip.costTitle')}
            </h2>
          }
        >
          <TripCostForm key={data.version} trip={data} />
        </Card>
      </section>
    </div>
  );
}
