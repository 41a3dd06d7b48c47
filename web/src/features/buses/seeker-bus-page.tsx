import { useRef, useState } from 'react';
import { Alert, App, Button, Card, Popconfirm, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { BusTrip, TravelRequest } from '@jiuye/shared';
import { isApiError } from '../../app/api-client';
import { ProblemAlert } from '../../app/form-errors';
import { formatDate, formatDateTime } from '../../app/format';
import { newIdempotencyKey } from '../../app/idempotency';
import { usePageTitle } from '../../app/page-title';
import { PageSpinner } from '../../app/pages/status-pages';
import { StatusChip } from '../../app/status-chip';
import { useLocale } from '../../i18n';
import '../../i18n/buses';
import {
  bookSeat,
  busKeys,
  cancelBooking,
  cancelTravelRequest,
  listBusTrips,
  listMyBookings,
  listMyTravelRequests,
  type BusBooking,
} from './api';
import { BoardingQr } from './boarding-qr';
import { BOOKING_TONE, REQUEST_TONE, useBusLabels } from './labels';
import { TravelRequestForm } from './travel-request-form';
import './buses.css';

const LIVE_BOOKING = new Set(['confirmed', 'waitlisted', 'boarded']);
const FINISHED_TRIP = new Set(['handed_over', 'cancelled']);

/**
 * The seeker's return-to-work bus, all on one light page for a phone on a weak signal: the travel
 * request (or the form to make one), the buses that fit it with a "book" button, and the booked
 * seat with its QR boarding code. No chart, no table, no image but the QR code.
 */
export function SeekerBusPage() {
  const { t } = useTranslation();
  usePageTitle(t('buses.request.title'));
  const requests = useQuery({ queryKey: busKeys.myRequests, queryFn: listMyTravelRequests });
  const bookings = useQuery({ queryKey: busKeys.myBookings, queryFn: listMyBookings });

  const active = (requests.data ?? []).find((r) => r.status === 'open' || r.status === 'booked') ?? null;
  const liveBooking =
    (bookings.data ?? []).find((b) => LIVE_BOOKING.has(b.status) && !FINISHED_TRIP.has(b.trip.status)) ??
    null;
  const past = (bookings.data ?? []).filter((b) => b !== liveBooking);

  return (
    <div className="page page--reading">
      <Typography.Title level={1}>{t('buses.request.title')}</Typography.Title>
      <Typography.Paragraph>{t('buses.request.intro')}</Typography.Paragraph>
      {(requests.isPending || bookings.isPending) && <PageSpinner />}
      {(requests.isError || bookings.isError) && (
        <div className="load-error">
          <ProblemAlert error={requests.error ?? bookings.error} />
          <Button
            onClick={() => {
              void requests.refetch();
              void bookings.refetch();
            }}
          >
            {t('common.retry')}
          </Button>
        </div>
      )}
      {requests.isSuccess && bookings.isSuccess && (
        <>
          {liveBooking && <MyBookingCard booking={liveBooking} />}
          {active && <MyRequestCard request={active} />}
          {active?.status === 'open' && !liveBooking && <TripsForMe />}
          {!active && !liveBooking && (
            <Card title={<h2 className="card-heading">{t('buses.request.formTitle')}</h2>}>
              <TravelRequestForm />
            </Card>
          )}
          {past.length > 0 && (
            <section aria-labelledby="bus-history" style={{ marginTop: 24 }}>
              <Typography.Title level={2} id="bus-history">
                {t('buses.request.history')}
              </Typography.Title>
              <ul className="plain-list">
                {past.map((b) => (
                  <PastBooking key={b.id} booking={b} />
                ))}
              </ul>
            </section>
          )}
        </>
      )}
    </div>
  );
}

function TripRoute({ trip }: { trip: Pick<BusTrip, 'originName' | 'destinationName'> }) {
  const { t } = useTranslation();
  return (
    <p className="bus-route">
      {t('buses.common.route', { from: trip.originName, to: trip.destinationName })}
    </p>
  );
}

function MyRequestCard({ request: r }: { request: TravelRequest }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useBusLabels();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const cancel = useMutation({
    mutationFn: () => cancelTravelRequest(r.id),
    onSuccess: () => {
      void message.success(t('buses.request.cancelled'));
      void queryClient.invalidateQueries({ queryKey: busKeys.all });
    },
  });
  return (
    <Card
      title={<h2 className="card-heading">{t('buses.request.mineTitle')}</h2>}
      style={{ marginBottom: 16 }}
      extra={<StatusChip tone={REQUEST_TONE[r.status]}>{labels.requestStatus(r.status)}</StatusChip>}
    >
      <TripRoute trip={r} />
      <dl className="bus-facts">
        <dt>{t('buses.common.pickupPoint')}</dt>
        <dd>{r.pickupPoint}</dd>
        <dt>{t('buses.request.dates')}</dt>
        <dd>
          {r.latestDate
            ? t('buses.request.dateRangeBoth', {
                from: formatDate(r.earliestDate, locale),
                to: formatDate(r.latestDate, locale),
              })
            : t('buses.request.dateRange', { from: formatDate(r.earliestDate, locale) })}
        </dd>
        {r.enterpriseName && (
          <>
            <dt>{t('buses.common.enterprise')}</dt>
            <dd>{r.enterpriseName}</dd>
          </>
        )}
        <dt>{t('buses.common.phone')}</dt>
        <dd>{r.phoneMasked}</dd>
      </dl>
      {r.healthAttention ? (
        <Alert
          type="warning"
          showIcon
          title={t('buses.request.healthAttention')}
          style={{ marginBottom: 12 }}
        />
      ) : (
        <p>{t('buses.request.healthOk')}</p>
      )}
      {r.status === 'open' && <p>{t('buses.request.waiting')}</p>}
      <p className="muted">{t('buses.request.createdOn', { date: formatDateTime(r.createdAt, locale) })}</p>
      <ProblemAlert error={cancel.error} />
      {r.status === 'open' && (
        <Popconfirm
          title={t('buses.request.confirmCancel')}
          okText={t('common.confirm')}
          cancelText={t('common.cancel')}
          onConfirm={() => cancel.mutate()}
        >
          <Button loading={cancel.isPending}>{t('buses.request.cancel')}</Button>
        </Popconfirm>
      )}
    </Card>
  );
}

function TripsForMe() {
  const { t } = useTranslation();
  const trips = useQuery({
    queryKey: busKeys.trips({ forMyRequest: true, status: 'open' }),
    queryFn: () => listBusTrips({ forMyRequest: true, status: 'open', page: 1, pageSize: 20 }),
  });
  return (
    <section aria-labelledby="trips-for-me" style={{ marginBottom: 16 }}>
      <Typography.Title level={2} id="trips-for-me">
        {t('buses.booking.tripsTitle')}
      </Typography.Title>
      {trips.isPending && <PageSpinner />}
      <ProblemAlert error={trips.error} />
      {trips.data?.items.length === 0 && <Alert type="info" showIcon title={t('buses.booking.noTrips')} />}
      {trips.data && trips.data.items.length > 0 && (
        <ul className="card-list">
          {trips.data.items.map((trip) => (
            <li key={trip.id}>
              <TripOffer trip={trip} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** A failure worth retrying with the same key: the request may have reached the server. */
function mayHaveArrived(error: unknown): boolean {
  return !isApiError(error) || error.status === 0 || error.status >= 500;
}

/**
 * One bus the seeker may book. A double tap cannot book twice: the button is locked while the
 * request runs and the attempt carries one Idempotency-Key, reused when retrying after a network
 * failure. A full bus (409 trip_full) offers the waitlist, which is a new request with a new key.
 */
function TripOffer({ trip }: { trip: BusTrip }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const attempt = useRef<{ key: string; waitlist: boolean } | null>(null);
  const [full, setFull] = useState(false);
  const book = useMutation({
    mutationFn: (waitlist: boolean) => {
      if (attempt.current?.waitlist !== waitlist) attempt.current = { key: newIdempotencyKey(), waitlist };
      return bookSeat(trip.id, waitlist ? { waitlist: true } : {}, attempt.current.key);
    },
    onSuccess: (booking) => {
      attempt.current = null;
      void message.success(
        booking.status === 'waitlisted' ? t('buses.booking.waitlisted') : t('buses.booking.booked'),
      );
      void queryClient.invalidateQueries({ queryKey: busKeys.all });
    },
    onError: (error) => {
      if (!mayHaveArrived(error)) attempt.current = null;
      if (isApiError(error, 'trip_full')) setFull(true);
    },
  });
  const headingId = `trip-${trip.id}`;
  return (
    <article aria-labelledby={headingId}>
      <Card size="small">
        <h3 className="card-heading" id={headingId}>
          {t('buses.common.tripCode')} {trip.code}
        </h3>
        <TripRoute trip={trip} />
        <dl className="bus-facts">
          <dt>{t('buses.common.departAt')}</dt>
          <dd>{formatDateTime(trip.departAt, locale)}</dd>
          <dt>{t('buses.common.arriveBy')}</dt>
          <dd>{formatDateTime(trip.arriveBy, locale)}</dd>
          <dt>{t('buses.common.pickupPoint')}</dt>
          <dd>{[trip.pickupPoint, ...trip.stops.slice(1).map((s) => s.pickupPoint)].join('、')}</dd>
        </dl>
        <p>
          <StatusChip tone={trip.seatsLeft > 0 ? 'success' : 'warning'}>
            {t('buses.common.seatsLeft', { count: trip.seatsLeft })}
          </StatusChip>
        </p>
        {full ? (
          <>
            <Alert type="warning" showIcon title={t('buses.booking.full')} style={{ marginBottom: 12 }} />
            <ProblemAlert error={isApiError(book.error, 'trip_full') ? null : book.error} />
            <Button
              type="primary"
              size="large"
              block
              loading={book.isPending}
              onClick={() => book.mutate(true)}
            >
              {t('buses.booking.joinWaitlist')}
            </Button>
          </>
        ) : (
          <>
            <ProblemAlert error={book.error} />
            <Button
              type="primary"
              size="large"
              block
              loading={book.isPending}
              onClick={() => {
                if (!book.isPending) book.mutate(false);
              }}
              aria-label={t('buses.booking.bookOn', { code: trip.code })}
            >
              {mayHaveArrived(book.error) && book.isError
                ? t('buses.booking.retry')
                : t('buses.booking.book')}
            </Button>
          </>
        )}
      </Card>
    </article>
  );
}

function MyBookingCard({ booking: b }: { booking: BusBooking }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useBusLabels();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const cancel = useMutation({
    mutationFn: () => cancelBooking(b.id),
    onSuccess: () => {
      void message.success(t('buses.booking.cancelled'));
      void queryClient.invalidateQueries({ queryKey: busKeys.all });
    },
  });
  return (
    <Card
      title={<h2 className="card-heading">{t('buses.booking.mineTitle')}</h2>}
      style={{ marginBottom: 16 }}
      extra={<StatusChip tone={BOOKING_TONE[b.status]}>{labels.bookingStatus(b.status)}</StatusChip>}
    >
      <p>
        {t('buses.common.tripCode')} <strong>{b.trip.code}</strong>{' '}
        <StatusChip tone="neutral">{labels.tripStatus(b.trip.status)}</StatusChip>
      </p>
      <TripRoute trip={b.trip} />
      <dl className="bus-facts">
        <dt>{t('buses.common.departAt')}</dt>
        <dd>{formatDateTime(b.trip.departAt, locale)}</dd>
        <dt>{t('buses.common.pickupPoint')}</dt>
        <dd>{b.trip.pickupPoint}</dd>
        {b.trip.plate && (
          <>
            <dt>{t('buses.common.plate')}</dt>
            <dd>{b.trip.plate}</dd>
          </>
        )}
      </dl>
      {b.status === 'waitlisted' && b.waitlistPosition !== null && (
        <Alert
          type="info"
          showIcon
          title={t('buses.booking.waitlistPosition', { position: b.waitlistPosition })}
          style={{ marginBottom: 12 }}
        />
      )}
      {b.status === 'confirmed' && b.boardingCode && (
        <>
          <p>{t('buses.booking.showCode')}</p>
          <BoardingQr code={b.boardingCode} label={t('buses.booking.qrAlt', { code: b.boardingCode })} />
        </>
      )}
      <ProblemAlert error={cancel.error} />
      {(b.status === 'confirmed' || b.status === 'waitlisted') && (
        <Popconfirm
          title={t('buses.booking.confirmCancel')}
          okText={t('common.confirm')}
          cancelText={t('common.cancel')}
          onConfirm={() => cancel.mutate()}
        >
          <Button danger loading={cancel.isPending}>
            {t('buses.booking.cancel')}
          </Button>
        </Popconfirm>
      )}
    </Card>
  );
}

function PastBooking({ booking: b }: { booking: BusBooking }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useBusLabels();
  return (
    <li>
      {b.trip.code} · {t('buses.common.route', { from: b.trip.originName, to: b.trip.destinationName })} ·{' '}
      {formatDate(b.trip.departAt, locale)}{' '}
      <StatusChip tone={BOOKING_TONE[b.status]}>{labels.bookingStatus(b.status)}</StatusChip>
    </li>
  );
}
