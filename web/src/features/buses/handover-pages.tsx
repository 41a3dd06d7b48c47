import { useState } from 'react';
import { Alert, App, Button, Card, Input, Radio, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { HandoverEntry } from '@jiuye/shared';
import { ProblemAlert } from '../../app/form-errors';
import { formatDateTime } from '../../app/format';
import { usePageTitle } from '../../app/page-title';
import { PageSpinner } from '../../app/pages/status-pages';
import { StatusChip } from '../../app/status-chip';
import { useLocale } from '../../i18n';
import '../../i18n/buses';
import { busKeys, confirmHandovers, getBusTrip, getHandovers, listBusTrips } from './api';
import { HANDOVER_TONE, TRIP_TONE, useBusLabels } from './labels';
import './buses.css';

/** The enterprise clerk's buses: trips carrying workers bound for their enterprise. */
export function HandoverListPage() {
  const { t } = useTranslation();
  usePageTitle(t('buses.handover.title'));
  const locale = useLocale();
  const labels = useBusLabels();
  const trips = useQuery({
    queryKey: busKeys.trips({ forEnterprise: true }),
    queryFn: () => listBusTrips({ page: 1, pageSize: 50 }),
  });
  const items = trips.data?.items ?? [];
  return (
    <div className="page page--reading">
      <Typography.Title level={1}>{t('buses.handover.title')}</Typography.Title>
      <Typography.Paragraph>{t('buses.handover.intro')}</Typography.Paragraph>
      {trips.isPending && <PageSpinner />}
      <ProblemAlert error={trips.error} />
      {trips.data && items.length === 0 && <Alert type="info" showIcon title={t('buses.handover.empty')} />}
      <ul className="card-list">
        {items.map((trip) => (
          <li key={trip.id}>
            <article aria-labelledby={`handover-${trip.id}`}>
              <Card size="small">
                <h2 className="card-heading" id={`handover-${trip.id}`}>
                  {t('buses.common.tripCode')} {trip.code}
                </h2>
                <p className="bus-route">
                  {t('buses.common.route', { from: trip.originName, to: trip.destinationName })}
                </p>
                <p>
                  {t('buses.common.arriveBy')} {formatDateTime(trip.arriveBy, locale)}{' '}
                  <StatusChip tone={TRIP_TONE[trip.status]}>{labels.tripStatus(trip.status)}</StatusChip>
                </p>
                <Link to={`/employer/buses/${trip.id}`}>
                  {t('buses.handover.open')}
                  <span className="sr-only"> {trip.code}</span>
                </Link>
              </Card>
            </article>
          </li>
        ))}
      </ul>
    </div>
  );
}

type Choice = { outcome?: 'received' | 'not_received'; note: string };

/**
 * Handover on arrival: the clerk answers, for each boarded worker bound for the enterprise,
 * arrived or did not arrive (with a note). When nobody is pending any more the trip is handed over.
 */
export function HandoverPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useBusLabels();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { id = '' } = useParams();
  const trip = useQuery({ queryKey: busKeys.trip(id), queryFn: () => getBusTrip(id) });
  const handovers = useQuery({ queryKey: busKeys.handovers(id), queryFn: () => getHandovers(id) });
  usePageTitle(
    trip.data ? t('buses.handover.tripTitle', { code: trip.data.code }) : t('buses.handover.title'),
  );
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [nothing, setNothing] = useState(false);

  const save = useMutation({
    mutationFn: (items: { bookingId: string; outcome: 'received' | 'not_received'; note?: string }[]) =>
      confirmHandovers(id, { items }),
    onSuccess: (result, items) => {
      queryClient.setQueryData(busKeys.handovers(id), result);
      void queryClient.invalidateQueries({ queryKey: busKeys.all });
      setChoices({});
      void message.success(t('buses.handover.saved', { count: items.length }));
    },
  });

  if (trip.isPending || handovers.isPending) return <PageSpinner />;
  if (trip.isError || handovers.isError) {
    return (
      <div className="page page--reading">
        <Typography.Title level={1}>{t('buses.common.loadError')}</Typography.Title>
        <ProblemAlert error={trip.error ?? handovers.error} />
        <Link to="/employer/buses">{t('buses.handover.title')}</Link>
      </div>
    );
  }
  const data = trip.data;
  const entries = handovers.data.items;
  const arrived = data.status === 'arrived' || data.status === 'handed_over';
  const pending = entries.filter((e) => e.handoverStatus === 'pending');
  const set = (bookingId: string, patch: Partial<Choice>) =>
    setChoices((c) => ({ ...c, [bookingId]: { note: '', ...c[bookingId], ...patch } }));

  const submit = () => {
    const items = pending.flatMap((e) => {
      const c = choices[e.bookingId];
      return c?.outcome
        ? [{ bookingId: e.bookingId, outcome: c.outcome, ...(c.note.trim() ? { note: c.note.trim() } : {}) }]
        : [];
    });
    setNothing(items.length === 0);
    if (items.length > 0) save.mutate(items);
  };

  const row = (e: HandoverEntry) => {
    const name = e.person.fullName;
    const c = choices[e.bookingId];
    return (
      <li key={e.bookingId}>
        <Card size="small">
          <h2 className="card-heading">{name}</h2>
          <p>
            {e.person.phoneMasked}
            {e.boardedAt && (
              <> · {t('buses.booking.boardedAt', { time: formatDateTime(e.boardedAt, locale) })}</>
            )}
          </p>
          <p>
            <StatusChip tone={HANDOVER_TONE[e.handoverStatus]}>
              {labels.handoverStatus(e.handoverStatus)}
            </StatusChip>
            {e.handoverAt && (
              <span className="muted">
                {' '}
                {t('buses.handover.handoverAt', { time: formatDateTime(e.handoverAt, locale) })}
              </span>
            )}
          </p>
          {e.handoverNote && <p>{e.handoverNote}</p>}
          {arrived && e.handoverStatus === 'pending' && (
            <>
              <Radio.Group
                aria-label={t('buses.handover.outcomeOf', { name })}
                value={c?.outcome}
                onChange={(ev) => set(e.bookingId, { outcome: ev.target.value as Choice['outcome'] })}
                options={[
                  { value: 'received', label: t('buses.handover.received') },
                  { value: 'not_received', label: t('buses.handover.notReceived') },
                ]}
                className="health-radios"
              />
              <Input
                aria-label={t('buses.handover.noteOf', { name })}
                placeholder={t('buses.handover.note')}
                value={c?.note ?? ''}
                maxLength={500}
                onChange={(ev) => set(e.bookingId, { note: ev.target.value })}
                style={{ marginTop: 8 }}
              />
            </>
          )}
        </Card>
      </li>
    );
  };

  return (
    <div className="page page--reading">
      <p>
        <Link to="/employer/buses">{t('buses.handover.title')}</Link>
      </p>
      <Typography.Title level={1}>{t('buses.handover.tripTitle', { code: data.code })}</Typography.Title>
      <p className="bus-route">
        {t('buses.common.route', { from: data.originName, to: data.destinationName })}
      </p>
      <p>
        <StatusChip tone={TRIP_TONE[data.status]}>{labels.tripStatus(data.status)}</StatusChip>
      </p>
      {!arrived && (
        <Alert type="info" showIcon title={t('buses.handover.notArrivedYet')} style={{ marginBottom: 12 }} />
      )}
      {entries.length === 0 && <p>{t('buses.handover.noPassengers')}</p>}
      <ul className="card-list">{entries.map(row)}</ul>
      {nothing && (
        <div className="field-error" role="alert">
          {t('buses.handover.nothingChosen')}
        </div>
      )}
      <ProblemAlert error={save.error} />
      {arrived && pending.length > 0 && (
        <Button type="primary" size="large" block loading={save.isPending} onClick={submit}>
          {t('buses.handover.submit')}
        </Button>
      )}
    </div>
  );
}
