import { useRef, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Form, Input, InputNumber, Radio, Typography } from 'antd';
import type { InputRef } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  FEVER_THRESHOLD_C,
  HEALTH_CODE_COLORS,
  SYMPTOMS,
  type BoardingResult,
  type BusTrip,
  type HealthCodeColor,
  type ManifestEntry,
  type Symptom,
  type TripStatus,
} from '@jiuye/shared';
import { isApiError } from '../../app/api-client';
import { applyProblemToForm, ProblemAlert, requiredRule } from '../../app/form-errors';
import { formatDateTime } from '../../app/format';
import { usePageTitle } from '../../app/page-title';
import { PageSpinner } from '../../app/pages/status-pages';
import { StatusChip } from '../../app/status-chip';
import { useLocale } from '../../i18n';
import '../../i18n/buses';
import { boardPassenger, busKeys, getBusTrip, getManifest, listBusTrips, updateBusTrip } from './api';
import { TRIP_TONE, useBusLabels } from './labels';
import { QrScanner } from './qr-scanner';
import './buses.css';

/** The escort's trips (on a phone): the ones they escort, the soonest first. */
export function BoardingListPage() {
  const { t } = useTranslation();
  usePageTitle(t('buses.boarding.listTitle'));
  const locale = useLocale();
  const labels = useBusLabels();
  const trips = useQuery({
    queryKey: busKeys.trips({ escortedByMe: true, pageSize: 50 }),
    queryFn: () => listBusTrips({ escortedByMe: true, page: 1, pageSize: 50 }),
  });
  const items = (trips.data?.items ?? []).filter((x) => x.status !== 'cancelled');
  return (
    <div className="page page--reading">
      <Typography.Title level={1}>{t('buses.boarding.listTitle')}</Typography.Title>
      <Typography.Paragraph>{t('buses.boarding.listIntro')}</Typography.Paragraph>
      {trips.isPending && <PageSpinner />}
      <ProblemAlert error={trips.error} />
      {trips.data && items.length === 0 && (
        <Alert type="info" showIcon title={t('buses.boarding.listEmpty')} />
      )}
      <ul className="card-list">
        {items.map((trip) => (
          <li key={trip.id}>
            <article aria-labelledby={`escort-${trip.id}`}>
              <Card size="small">
                <h2 className="card-heading" id={`escort-${trip.id}`}>
                  <Link to={`/staff/buses/trips/${trip.id}/boarding`}>
                    {t('buses.boarding.open')} {trip.code}
                  </Link>
                </h2>
                <p className="bus-route">
                  {t('buses.common.route', { from: trip.originName, to: trip.destinationName })}
                </p>
                <p>
                  {formatDateTime(trip.departAt, locale)}{' '}
                  <StatusChip tone={TRIP_TONE[trip.status]}>{labels.tripStatus(trip.status)}</StatusChip>
                </p>
              </Card>
            </article>
          </li>
        ))}
      </ul>
    </div>
  );
}

type CheckValues = {
  code?: string;
  temperatureCelsius?: number | null;
  symptoms?: Symptom[];
  healthCodeColor?: HealthCodeColor;
};

/**
 * Boarding on the escort's phone: scan the passenger's QR code (camera only after tapping "scan")
 * or type the code printed under it, take the temperature, tick symptoms, confirm. The server
 * decides boarded or refused (37.3 °C, any symptom, a non-green code) and a repeated scan answers
 * the first result. The manifest below shows who is on board; a passenger without their phone is
 * boarded by hand from it.
 */
export function BoardingPage() {
  const { t } = useTranslation();
  const labels = useBusLabels();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { id = '' } = useParams();
  const trip = useQuery({ queryKey: busKeys.trip(id), queryFn: () => getBusTrip(id) });
  const manifest = useQuery({ queryKey: busKeys.manifest(id), queryFn: () => getManifest(id) });
  usePageTitle(
    trip.data ? t('buses.boarding.title', { code: trip.data.code }) : t('buses.boarding.listTitle'),
  );
  const [manual, setManual] = useState<ManifestEntry | null>(null);
  const [result, setResult] = useState<BoardingResult | null>(null);

  const move = useMutation({
    mutationFn: ({ to, version }: { to: TripStatus; version: number }) =>
      updateBusTrip(id, { status: to, version }),
    onSuccess: (updated) => {
      queryClient.setQueryData(busKeys.trip(id), updated);
      void queryClient.invalidateQueries({ queryKey: busKeys.all });
      void message.success(t('buses.trip.moved', { status: labels.tripStatus(updated.status) }));
    },
  });

  if (trip.isPending) return <PageSpinner />;
  if (trip.isError) {
    return (
      <div className="page page--reading">
        <Typography.Title level={1}>{t('buses.common.loadError')}</Typography.Title>
        <ProblemAlert error={trip.error} />
      </div>
    );
  }
  const data = trip.data;
  const passengers = manifest.data?.passengers ?? [];
  const boarded = passengers.filter((p) => p.status === 'boarded').length;
  const canBoard = data.status === 'open' || data.status === 'boarding';

  return (
    <div className="page page--reading">
      <p>
        <Link to="/staff/buses/boarding">{t('buses.boarding.listTitle')}</Link>
      </p>
      <Typography.Title level={1}>{t('buses.boarding.title', { code: data.code })}</Typography.Title>
      <p className="bus-route">
        {t('buses.common.route', { from: data.originName, to: data.destinationName })}
      </p>
      <p>
        <StatusChip tone={TRIP_TONE[data.status]}>{labels.tripStatus(data.status)}</StatusChip>{' '}
        <span role="status" data-testid="boarding-progress">
          {t('buses.boarding.progress', { boarded, total: passengers.length })}
        </span>
      </p>
      <ProblemAlert error={move.error} />
      {data.status === 'open' && (
        <Button
          block
          size="large"
          style={{ marginBottom: 12 }}
          loading={move.isPending}
          onClick={() => move.mutate({ to: 'boarding', version: data.version })}
        >
          {t('buses.boarding.startBoarding')}
        </Button>
      )}
      {canBoard && (
        <BoardingCheck
          trip={data}
          manual={manual}
          onClearManual={() => setManual(null)}
          onResult={(r) => {
            setResult(r);
            setManual(null);
            void queryClient.invalidateQueries({ queryKey: busKeys.manifest(id) });
            void queryClient.invalidateQueries({ queryKey: busKeys.trip(id) });
          }}
        />
      )}
      {result && <BoardingOutcome result={result} />}

      <section aria-labelledby="boarding-manifest" style={{ marginTop: 16 }}>
        <Typography.Title level={2} id="boarding-manifest">
          {t('buses.boarding.manifestTitle')}
        </Typography.Title>
        <ProblemAlert error={manifest.error} />
        {manifest.data && passengers.length === 0 && <p>{t('buses.trip.noPassengers')}</p>}
        <ul className="manifest-list" aria-label={t('buses.boarding.manifestTitle')}>
          {passengers.map((p) => (
            <li key={p.bookingId}>
              <span className="manifest-list__who">
                <strong>{p.person.fullName}</strong> <span className="mono">{p.person.phone}</span>
                <br />
                <span className="muted">{[p.originName, p.pickupPoint].filter(Boolean).join(' · ')}</span>
              </span>
              {p.status === 'boarded' ? (
                <span className="boarded-tick">
                  <span aria-hidden>✓ </span>
                  {labels.bookingStatus('boarded')}
                  {p.boardingTemperatureCelsius !== null && ` ${p.boardingTemperatureCelsius.toFixed(1)}℃`}
                </span>
              ) : p.status === 'refused' ? (
                <span className="refused-cross">
                  <span aria-hidden>✗ </span>
                  {labels.bookingStatus('refused')}
                  {p.refusalReasons.length > 0 && `：${p.refusalReasons.map(labels.refusal).join('、')}`}
                </span>
              ) : (
                <span>
                  {t('buses.boarding.notYet')}{' '}
                  {canBoard && (
                    <Button
                      size="small"
                      onClick={() => setManual(p)}
                      aria-label={t('buses.boarding.boardManuallyOf', { name: p.person.fullName })}
                    >
                      {t('buses.boarding.boardManually')}
                    </Button>
                  )}
                </span>
              )}
            </li>
          ))}
        </ul>
      </section>

      <div className="form-actions" style={{ marginTop: 16 }}>
        {data.status === 'boarding' && (
          <Button
            type="primary"
            size="large"
            block
            loading={move.isPending}
            onClick={() => move.mutate({ to: 'departed', version: data.version })}
          >
            {t('buses.boarding.depart')}
          </Button>
        )}
        {data.status === 'departed' && (
          <Button
            type="primary"
            size="large"
            block
            loading={move.isPending}
            onClick={() => move.mutate({ to: 'arrived', version: data.version })}
          >
            {t('buses.boarding.arrive')}
          </Button>
        )}
      </div>
    </div>
  );
}

function BoardingOutcome({ result }: { result: BoardingResult }) {
  const { t } = useTranslation();
  const labels = useBusLabels();
  const name = result.person.fullName;
  const title = result.alreadyRecorded
    ? t('buses.boarding.already', { name })
    : result.outcome === 'boarded'
      ? t('buses.boarding.boarded', { name, temperature: result.temperatureCelsius.toFixed(1) })
      : t('buses.boarding.refused', { name, reasons: result.refusalReasons.map(labels.refusal).join('、') });
  return (
    <div role="status">
      <Alert
        type={result.outcome === 'boarded' ? (result.alreadyRecorded ? 'info' : 'success') : 'error'}
        showIcon
        title={title}
        style={{ marginTop: 12 }}
      />
    </div>
  );
}

function BoardingCheck({
  trip,
  manual,
  onClearManual,
  onResult,
}: {
  trip: BusTrip;
  manual: ManifestEntry | null;
  onClearManual: () => void;
  onResult: (r: BoardingResult) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useBusLabels();
  const [form] = Form.useForm<CheckValues>();
  const codeRef = useRef<InputRef>(null);
  const temperature = Form.useWatch('temperatureCelsius', form);
  const board = useMutation({
    mutationFn: (v: CheckValues) =>
      boardPassenger(trip.id, {
        ...(manual ? { bookingId: manual.bookingId } : { code: v.code?.trim() ?? '' }),
        temperatureCelsius: v.temperatureCelsius ?? 0,
        symptoms: v.symptoms ?? [],
        ...(v.healthCodeColor ? { healthCodeColor: v.healthCodeColor } : {}),
      }),
    onSuccess: (r) => {
      form.resetFields();
      onResult(r);
      codeRef.current?.focus();
    },
    onError: (error) => {
      if (isApiError(error)) {
        applyProblemToForm(form, error.problem, [
          'code',
          'bookingId',
          'temperatureCelsius',
          'symptoms',
          'healthCodeColor',
        ]);
      }
    },
  });

  return (
    <Card title={<h2 className="card-heading">{t('buses.boarding.scanTitle')}</h2>} size="small">
      <Form<CheckValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ symptoms: [] }}
        onFinish={(v) => board.mutate(v)}
      >
        {manual ? (
          <Alert
            type="info"
            showIcon
            title={t('buses.boarding.manualFor', { name: manual.person.fullName })}
            action={
              <Button size="small" onClick={onClearManual}>
                {t('buses.boarding.clearManual')}
              </Button>
            }
            style={{ marginBottom: 12 }}
          />
        ) : (
          <>
            <QrScanner
              onCode={(code) => {
                form.setFieldValue('code', code);
                form.focusField('temperatureCelsius');
              }}
            />
            <Form.Item
              name="code"
              label={t('buses.boarding.code')}
              extra={t('buses.boarding.codeHelp')}
              rules={[requiredRule(locale)]}
            >
              <Input
                ref={codeRef}
                autoComplete="off"
                autoCapitalize="off"
                spellCheck={false}
                className="mono"
              />
            </Form.Item>
          </>
        )}
        <fieldset className="fieldset">
          <legend>{t('buses.boarding.checkTitle')}</legend>
          <Form.Item
            name="temperatureCelsius"
            label={t('buses.boarding.temperature')}
            rules={[requiredRule(locale)]}
            extra={
              typeof temperature === 'number' && temperature >= FEVER_THRESHOLD_C ? (
                <span className="field-error">{t('buses.labels.refusal.fever')}</span>
              ) : undefined
            }
          >
            <InputNumber<number>
              min={34}
              max={43}
              step={0.1}
              precision={1}
              inputMode="decimal"
              style={{ width: 140 }}
            />
          </Form.Item>
          <Form.Item name="symptoms" label={t('buses.boarding.symptoms')}>
            <Checkbox.Group<Symptom>
              aria-label={t('buses.boarding.symptoms')}
              className="checkbox-grid"
              options={SYMPTOMS.map((s) => ({ value: s, label: labels.symptom(s) }))}
            />
          </Form.Item>
          <Form.Item name="healthCodeColor" label={t('buses.boarding.healthCode')}>
            <Radio.Group
              className="health-radios"
              aria-label={t('buses.boarding.healthCode')}
              options={HEALTH_CODE_COLORS.map((c) => ({ value: c, label: labels.healthCode(c) }))}
            />
          </Form.Item>
        </fieldset>
        <ProblemAlert
          error={board.error}
          fieldNames={['code', 'temperatureCelsius', 'symptoms', 'healthCodeColor']}
        />
        <Button type="primary" htmlType="submit" size="large" block loading={board.isPending}>
          {t('buses.boarding.submit')}
        </Button>
      </Form>
    </Card>
  );
}
