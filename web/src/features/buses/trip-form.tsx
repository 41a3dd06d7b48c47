import { useEffect, useState } from 'react';
import { Button, Form, Input, InputNumber, Select, Space, Switch } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  fieldMessage,
  isCountyLevelCode,
  seatsForSaleOf,
  type BusTrip,
  type CreateBusTripBody,
  type UpdateBusTripBody,
} from '@jiuye/shared';
import { isApiError } from '../../app/api-client';
import { applyProblemToForm, checkRule, phoneRules, ProblemAlert, requiredRule } from '../../app/form-errors';
import { useSignedInMe } from '../../app/use-me';
import { useLocale } from '../../i18n';
import { useDistricts } from '../reference/api';
import { RegionSelect } from '../reference/region-select';
import { busKeys, listBusTrips } from './api';
import { chinaLocalToIso, isoToChinaLocal } from './labels';

type StopValue = { regionCode?: string; pickupPoint?: string };

export type TripFormValues = {
  originRegionCode?: string;
  pickupPoint?: string;
  stops?: StopValue[];
  destinationDistrictCode?: string;
  departAt?: string;
  arriveBy?: string;
  capacity?: number;
  loadLimitPercent?: number;
  plate?: string;
  driverName?: string;
  driverPhone?: string;
  escortStaffId?: string;
  note?: string;
  openNow?: boolean;
};

const FIELDS = [
  'originRegionCode',
  'pickupPoint',
  'stops',
  'destinationDistrictCode',
  'departAt',
  'arriveBy',
  'capacity',
  'loadLimitPercent',
  'plate',
  'driverName',
  'driverPhone',
  'escortStaffId',
  'note',
  'status',
];

const OTHER = '__other__';
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The escort: the officer themself, an officer who escorted one of their trips before, or any
 * staff account by its ID (the bureau has no staff directory open to officers; the server checks
 * that the ID is an active staff account).
 */
function EscortSelect({
  id,
  value,
  onChange,
  known,
}: {
  id?: string;
  value?: string;
  onChange?: (v: string | undefined) => void;
  known: { id: string; name: string }[];
}) {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const options = [
    { value: me.id, label: t('buses.tripForm.escortMe', { name: me.displayName }) },
    ...known.filter((k) => k.id !== me.id).map((k) => ({ value: k.id, label: k.name })),
  ];
  const isKnown = value === undefined || value === '' || options.some((o) => o.value === value);
  const [other, setOther] = useState(!isKnown);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Select<string>
        id={id}
        value={other ? OTHER : value}
        onChange={(v) => {
          if (v === OTHER) {
            setOther(true);
            onChange?.(undefined);
          } else {
            setOther(false);
            onChange?.(v);
          }
        }}
        options={[...options, { value: OTHER, label: t('buses.tripForm.escortId') }]}
      />
      {other && (
        <Input
          aria-label={t('buses.tripForm.escortId')}
          placeholder="00000000-0000-0000-0000-000000000000"
          value={value ?? ''}
          onChange={(e) => onChange?.(e.target.value.trim() || undefined)}
          className="mono"
        />
      )}
    </Space>
  );
}

/** Known escorts: those of the officer's recent trips. */
function useKnownEscorts(extra: { id: string | null; name: string | null } | null) {
  const trips = useQuery({
    queryKey: busKeys.trips({ page: 1, pageSize: 100 }),
    queryFn: () => listBusTrips({ page: 1, pageSize: 100 }),
    staleTime: 60_000,
  });
  const known = new Map<string, string>();
  if (extra?.id) known.set(extra.id, extra.name ?? extra.id);
  for (const trip of trips.data?.items ?? []) {
    if (trip.escortStaffId) known.set(trip.escortStaffId, trip.escortName ?? trip.escortStaffId);
  }
  return [...known.entries()].map(([id, name]) => ({ id, name }));
}

function initialValues(trip: BusTrip | undefined): TripFormValues {
  if (!trip) return { capacity: 45, loadLimitPercent: 50, stops: [], openNow: false };
  return {
    originRegionCode: trip.originRegionCode,
    pickupPoint: trip.pickupPoint,
    stops: trip.stops.map((s) => ({ regionCode: s.regionCode, pickupPoint: s.pickupPoint })),
    destinationDistrictCode: trip.destinationDistrictCode,
    departAt: isoToChinaLocal(trip.departAt),
    arriveBy: isoToChinaLocal(trip.arriveBy),
    capacity: trip.capacity,
    loadLimitPercent: trip.loadLimitPercent,
    plate: trip.plate ?? undefined,
    driverName: trip.driverName ?? undefined,
    driverPhone: trip.driverPhone ?? undefined,
    escortStaffId: trip.escortStaffId ?? undefined,
    note: trip.note ?? undefined,
  };
}

/** The form's values as the trip fields both bodies share. */
function tripFields(v: TripFormValues) {
  const stops = (v.stops ?? []).filter((s) => s.regionCode && s.pickupPoint?.trim());
  return {
    originRegionCode: v.originRegionCode ?? '',
    pickupPoint: v.pickupPoint?.trim() ?? '',
    stops: stops.map((s) => ({ regionCode: s.regionCode ?? '', pickupPoint: s.pickupPoint?.trim() ?? '' })),
    destinationDistrictCode: v.destinationDistrictCode ?? '',
    departAt: chinaLocalToIso(v.departAt ?? ''),
    arriveBy: chinaLocalToIso(v.arriveBy ?? ''),
    capacity: v.capacity ?? 0,
    loadLimitPercent: v.loadLimitPercent ?? 0,
  };
}

export function createBodyOf(v: TripFormValues): CreateBusTripBody {
  return {
    ...tripFields(v),
    plate: v.plate?.trim() ?? '',
    driverName: v.driverName?.trim() ?? '',
    ...(v.driverPhone?.trim() ? { driverPhone: v.driverPhone.trim() } : {}),
    escortStaffId: v.escortStaffId ?? '',
    ...(v.note?.trim() ? { note: v.note.trim() } : {}),
    status: v.openNow ? 'open' : 'planned',
  };
}

export function updateBodyOf(v: TripFormValues, version: number): UpdateBusTripBody {
  return {
    ...tripFields(v),
    ...(v.plate?.trim() ? { plate: v.plate.trim() } : {}),
    ...(v.driverName?.trim() ? { driverName: v.driverName.trim() } : {}),
    driverPhone: v.driverPhone?.trim() ? v.driverPhone.trim() : null,
    ...(v.escortStaffId ? { escortStaffId: v.escortStaffId } : {}),
    note: v.note?.trim() ? v.note.trim() : null,
    version,
  };
}

/**
 * A trip's route, times, seats, bus and escort, for creating a trip and for editing one. Seats on
 * sale are shown as they are computed (⌊capacity × load limit / 100⌋) so nobody is surprised.
 */
export function TripForm({
  trip,
  pending,
  error,
  submitLabel,
  onSubmit,
}: {
  trip?: BusTrip;
  pending: boolean;
  error: unknown;
  submitLabel: string;
  onSubmit: (values: TripFormValues) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [form] = Form.useForm<TripFormValues>();
  const districts = useDistricts();
  const known = useKnownEscorts(trip ? { id: trip.escortStaffId, name: trip.escortName } : null);
  const capacity = Form.useWatch('capacity', form);
  const loadLimit = Form.useWatch('loadLimitPercent', form);
  const seats = capacity && loadLimit ? seatsForSaleOf(capacity, loadLimit) : 0;
  useEffect(() => {
    if (isApiError(error)) applyProblemToForm(form, error.problem, FIELDS, ['stops']);
  }, [error, form]);

  return (
    <Form<TripFormValues>
      form={form}
      layout="vertical"
      requiredMark={false}
      initialValues={initialValues(trip)}
      onFinish={onSubmit}
      scrollToFirstError
    >
      <ProblemAlert error={error} fieldNames={FIELDS} />
      <div className="form-grid">
        <Form.Item
          name="originRegionCode"
          label={t('buses.tripForm.origin')}
          rules={[requiredRule(locale)]}
          style={{ gridColumn: '1 / -1' }}
        >
          <RegionSelect labelPrefix={t('buses.common.origin')} />
        </Form.Item>
        <Form.Item
          name="pickupPoint"
          label={t('buses.tripForm.pickupPoint')}
          rules={[requiredRule(locale), { min: 2, message: fieldMessage('too_small', locale) }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="destinationDistrictCode"
          label={t('buses.tripForm.destination')}
          rules={[requiredRule(locale)]}
        >
          <Select<string>
            loading={districts.isPending}
            options={(districts.data ?? []).map((d) => ({ value: d.code, label: d.name }))}
          />
        </Form.Item>
      </div>
      <fieldset className="fieldset">
        <legend>{t('buses.tripForm.stops')}</legend>
        <Form.List name="stops">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, i) => (
                <div key={field.key} className="form-grid">
                  <Form.Item
                    name={[field.name, 'regionCode']}
                    label={t('buses.tripForm.stopRegion', { n: i + 1 })}
                    rules={[
                      requiredRule(locale),
                      checkRule((value) =>
                        typeof value === 'string' && value !== '' && !isCountyLevelCode(value)
                          ? t('buses.request.originNotCounty')
                          : null,
                      ),
                    ]}
                    style={{ gridColumn: '1 / -1' }}
                  >
                    <RegionSelect labelPrefix={t('buses.tripForm.stopRegion', { n: i + 1 })} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'pickupPoint']}
                    label={t('buses.tripForm.stopPickup', { n: i + 1 })}
                    rules={[requiredRule(locale)]}
                  >
                    <Input maxLength={100} />
                  </Form.Item>
                  <Form.Item label={<span aria-hidden>&nbsp;</span>}>
                    <Button
                      icon={<MinusCircleOutlined aria-hidden />}
                      onClick={() => remove(field.name)}
                      aria-label={t('buses.tripForm.removeStop', { n: i + 1 })}
                    >
                      {t('buses.tripForm.removeStop', { n: i + 1 })}
                    </Button>
                  </Form.Item>
                </div>
              ))}
              <Button
                icon={<PlusOutlined aria-hidden />}
                onClick={() => add({})}
                style={{ marginBottom: 16 }}
              >
                {t('buses.tripForm.addStop')}
              </Button>
            </>
          )}
        </Form.List>
      </fieldset>
      <div className="form-grid">
        <Form.Item name="departAt" label={t('buses.tripForm.departAt')} rules={[requiredRule(locale)]}>
          <Input type="datetime-local" />
        </Form.Item>
        <Form.Item
          name="arriveBy"
          label={t('buses.tripForm.arriveBy')}
          dependencies={['departAt']}
          rules={[
            requiredRule(locale),
            ({ getFieldValue }) =>
              checkRule((value) => {
                const depart = getFieldValue('departAt') as string | undefined;
                return typeof value === 'string' && value !== '' && depart && value <= depart
                  ? fieldMessage('date_order', locale)
                  : null;
              }),
          ]}
        >
          <Input type="datetime-local" />
        </Form.Item>
        <Form.Item name="capacity" label={t('buses.tripForm.capacity')} rules={[requiredRule(locale)]}>
          <InputNumber<number> min={5} max={80} precision={0} />
        </Form.Item>
        <Form.Item
          name="loadLimitPercent"
          label={t('buses.tripForm.loadLimit')}
          rules={[requiredRule(locale)]}
          extra={<span role="status">{t('buses.tripForm.seatsForSale', { seats })}</span>}
        >
          <InputNumber<number> min={1} max={100} precision={0} />
        </Form.Item>
        <Form.Item
          name="plate"
          label={t('buses.tripForm.plate')}
          extra={t('buses.tripForm.plateHelp')}
          rules={trip ? [] : [requiredRule(locale)]}
        >
          <Input maxLength={10} />
        </Form.Item>
        <Form.Item
          name="driverName"
          label={t('buses.tripForm.driverName')}
          rules={trip ? [] : [requiredRule(locale)]}
        >
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item
          name="driverPhone"
          label={t('buses.tripForm.driverPhone')}
          rules={phoneRules(locale).slice(1)}
        >
          <Input type="tel" maxLength={20} />
        </Form.Item>
        <Form.Item
          name="escortStaffId"
          label={t('buses.tripForm.escort')}
          extra={t('buses.tripForm.escortHelp')}
          rules={[
            ...(trip ? [] : [requiredRule(locale)]),
            checkRule((value) =>
              typeof value === 'string' && value !== '' && !UUID_RE.test(value)
                ? fieldMessage('invalid', locale)
                : null,
            ),
          ]}
        >
          <EscortSelect known={known} />
        </Form.Item>
      </div>
      <Form.Item name="note" label={t('buses.tripForm.note')}>
        <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 5 }} />
      </Form.Item>
      {!trip && (
        <Form.Item name="openNow" label={t('buses.tripForm.openNow')} valuePropName="checked">
          <Switch />
        </Form.Item>
      )}
      <Button type="primary" htmlType="submit" loading={pending}>
        {submitLabel}
      </Button>
    </Form>
  );
}
