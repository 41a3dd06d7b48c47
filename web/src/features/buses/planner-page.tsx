import { useRef, useState } from 'react';
import { App, Button, Card, Form, Input, InputNumber, Switch, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ConfirmBusPlanBody, PlanBusTripsBody } from '@jiuye/shared';
import { isApiError } from '../../app/api-client';
import { applyProblemToForm, ProblemAlert, requiredRule } from '../../app/form-errors';
import { formatDate } from '../../app/format';
import { newIdempotencyKey } from '../../app/idempotency';
import { usePageTitle } from '../../app/page-title';
import { ScrollRegion } from '../../app/scroll-region';
import { useLocale } from '../../i18n';
import '../../i18n/buses';
import { busKeys, confirmBusPlan, getBusDemand, listAllOpenTravelRequests, planBusTrips } from './api';
import { chinaToday } from './labels';
import { addDays, confirmedBus, demandRows, editable, type DemandRow } from './plan';
import { PlanBoard, type EditableBus, type MoveTarget, type Unplaced } from './plan-board';
import './buses.css';

const textOf = (v: FormDataEntryValue | null): string => (typeof v === 'string' ? v : '');

type PlanValues = {
  dateFrom: string;
  dateTo: string;
  capacity: number;
  loadLimitPercent: number;
  maxStops: number;
  maxWaitDays: number;
  minPassengersPerBus: number;
  departTime: string;
  travelHours: number;
  maxBuses?: number | null;
  combineDestinations: boolean;
};

const PLAN_FIELDS = [
  'dateFrom',
  'dateTo',
  'capacity',
  'loadLimitPercent',
  'maxStops',
  'maxWaitDays',
  'minPassengersPerBus',
  'departTime',
  'travelHours',
  'maxBuses',
  'combineDestinations',
];

/**
 * Staff plan the chartered buses: the open demand grouped origin county → destination → date;
 * a plan proposed by the server within the seats, the load limit and the stops; passengers moved
 * between the proposed buses; confirm → planned trips.
 */
export function PlannerPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  usePageTitle(t('buses.planner.title'));
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const today = chinaToday();
  const [filter, setFilter] = useState<{ dateFrom?: string; dateTo?: string }>({});
  const demand = useQuery({ queryKey: busKeys.demand(filter), queryFn: () => getBusDemand(filter) });
  const [form] = Form.useForm<PlanValues>();
  const [board, setBoard] = useState<{ buses: EditableBus[]; unplaced: Unplaced[] } | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const confirmKey = useRef<string | null>(null);

  const requests = useQuery({
    queryKey: busKeys.openRequests,
    queryFn: listAllOpenTravelRequests,
    enabled: board !== null,
  });
  const byId = new Map((requests.data ?? []).map((r) => [r.id, r]));

  const plan = useMutation({
    mutationFn: (body: PlanBusTripsBody) => planBusTrips(body),
    onSuccess: (p) => {
      confirmKey.current = null;
      setBoard(editable(p));
      void queryClient.invalidateQueries({ queryKey: busKeys.openRequests });
    },
    onError: (error) => {
      if (isApiError(error)) applyProblemToForm(form, error.problem, PLAN_FIELDS);
    },
  });

  const confirm = useMutation({
    mutationFn: (body: ConfirmBusPlanBody) => {
      confirmKey.current ??= newIdempotencyKey();
      return confirmBusPlan(body, confirmKey.current);
    },
    onSuccess: (result) => {
      confirmKey.current = null;
      void message.success(t('buses.planner.confirmed', { count: result.trips.length }));
      void queryClient.invalidateQueries({ queryKey: busKeys.all });
      void navigate('/staff/buses/trips');
    },
  });

  const nameOf = (id: string) => byId.get(id)?.person.fullName ?? id.slice(0, 8);

  const move = (requestId: string, target: MoveTarget) => {
    if (!board) return;
    const buses = board.buses;
    const n = (key: string) => buses.findIndex((b) => b.key === key) + 1;
    const dest = target === null ? null : buses.find((b) => b.key === target);
    if (dest && dest.requestIds.includes(requestId)) return;
    if (dest && dest.requestIds.length >= dest.seatsForSale) {
      const text = t('buses.planner.cannotMoveFull', { n: n(dest.key) });
      setAnnouncement(text);
      void message.warning(text);
      return;
    }
    const wasUnplaced = board.unplaced.find((u) => u.requestId === requestId);
    const nextBuses = buses.map((b) => {
      const without = b.requestIds.filter((id) => id !== requestId);
      return { ...b, requestIds: b.key === target ? [...without, requestId] : without };
    });
    const nextUnplaced =
      target === null
        ? [
            ...board.unplaced.filter((u) => u.requestId !== requestId),
            wasUnplaced ?? { requestId, message: t('buses.planner.unplacedByStaff') },
          ]
        : board.unplaced.filter((u) => u.requestId !== requestId);
    setBoard({ buses: nextBuses, unplaced: nextUnplaced });
    const text =
      target === null
        ? t('buses.planner.movedOut', { name: nameOf(requestId) })
        : t('buses.planner.moved', { name: nameOf(requestId), n: n(target) });
    setAnnouncement(text);
  };

  const rows = demand.data ? demandRows(demand.data) : [];
  const columns: TableProps<DemandRow>['columns'] = [
    {
      title: t('buses.planner.colOrigin'),
      key: 'origin',
      onCell: (r) => ({ rowSpan: r.originSpan }),
      render: (_v, r) => r.originName,
    },
    {
      title: t('buses.planner.colDestination'),
      key: 'destination',
      onCell: (r) => ({ rowSpan: r.destinationSpan }),
      render: (_v, r) => r.destinationName,
    },
    { title: t('buses.planner.colDate'), key: 'date', render: (_v, r) => formatDate(r.earliestDate, locale) },
    { title: t('buses.planner.colCount'), key: 'count', align: 'right', render: (_v, r) => r.count },
    {
      title: t('buses.planner.colAttention'),
      key: 'attention',
      align: 'right',
      render: (_v, r) => r.healthAttention,
    },
  ];

  const filled = board?.buses.filter((b) => b.requestIds.length > 0) ?? [];
  const placed = filled.reduce((n, b) => n + b.requestIds.length, 0);

  return (
    <div className="page page--wide">
      <Typography.Title level={1}>{t('buses.planner.title')}</Typography.Title>
      <div className="sr-only" role="status" aria-live="polite">
        {announcement}
      </div>

      <section aria-labelledby="demand-title" style={{ marginBottom: 24 }}>
        <Typography.Title level={2} id="demand-title">
          {t('buses.planner.demandTitle')}
        </Typography.Title>
        <form
          className="toolbar"
          onSubmit={(e) => {
            e.preventDefault();
            const data = new FormData(e.currentTarget);
            const from = textOf(data.get('dateFrom'));
            const to = textOf(data.get('dateTo'));
            setFilter({ ...(from ? { dateFrom: from } : {}), ...(to ? { dateTo: to } : {}) });
          }}
        >
          <label className="field-label" htmlFor="demand-from">
            {t('buses.planner.dateFrom')}
          </label>
          <Input id="demand-from" name="dateFrom" type="date" style={{ width: 170 }} />
          <label className="field-label" htmlFor="demand-to">
            {t('buses.planner.dateTo')}
          </label>
          <Input id="demand-to" name="dateTo" type="date" style={{ width: 170 }} />
          <Button htmlType="submit">{t('buses.planner.filter')}</Button>
        </form>
        <ProblemAlert error={demand.error} />
        {demand.data && (
          <Typography.Paragraph>
            {t('buses.planner.demandTotal', { total: demand.data.total })}
          </Typography.Paragraph>
        )}
        <ScrollRegion label={t('buses.planner.demandTitle')} minWidth={640}>
          <Table<DemandRow>
            rowKey="key"
            bordered
            size="small"
            columns={columns}
            dataSource={rows}
            loading={demand.isFetching}
            pagination={false}
            locale={{ emptyText: <span className="table-empty">{t('buses.planner.demandEmpty')}</span> }}
          />
        </ScrollRegion>
      </section>

      <section aria-labelledby="plan-title" style={{ marginBottom: 24 }}>
        <Card
          title={
            <h2 className="card-heading" id="plan-title">
              {t('buses.planner.planTitle')}
            </h2>
          }
        >
          <Typography.Paragraph>{t('buses.planner.planIntro')}</Typography.Paragraph>
          <ProblemAlert error={plan.error} fieldNames={PLAN_FIELDS} />
          <Form<PlanValues>
            form={form}
            layout="vertical"
            requiredMark={false}
            initialValues={{
              dateFrom: addDays(today, 1),
              dateTo: addDays(today, 7),
              capacity: 45,
              loadLimitPercent: 50,
              maxStops: 3,
              maxWaitDays: 2,
              minPassengersPerBus: 1,
              departTime: '08:00',
              travelHours: 12,
              combineDestinations: false,
            }}
            onFinish={(v) =>
              plan.mutate({
                dateFrom: v.dateFrom,
                dateTo: v.dateTo,
                capacity: v.capacity,
                loadLimitPercent: v.loadLimitPercent,
                maxStops: v.maxStops,
                maxWaitDays: v.maxWaitDays,
                minPassengersPerBus: v.minPassengersPerBus,
                departTime: v.departTime,
                travelHours: v.travelHours,
                combineDestinations: v.combineDestinations,
                ...(v.maxBuses ? { maxBuses: v.maxBuses } : {}),
              })
            }
          >
            <div className="form-grid">
              <Form.Item name="dateFrom" label={t('buses.planner.planFrom')} rules={[requiredRule(locale)]}>
                <Input type="date" />
              </Form.Item>
              <Form.Item name="dateTo" label={t('buses.planner.planTo')} rules={[requiredRule(locale)]}>
                <Input type="date" />
              </Form.Item>
              <Form.Item name="capacity" label={t('buses.planner.capacity')} rules={[requiredRule(locale)]}>
                <InputNumber<number> min={5} max={80} precision={0} />
              </Form.Item>
              <Form.Item
                name="loadLimitPercent"
                label={t('buses.planner.loadLimit')}
                extra={t('buses.planner.loadLimitHelp')}
                rules={[requiredRule(locale)]}
              >
                <InputNumber<number> min={1} max={100} precision={0} />
              </Form.Item>
              <Form.Item name="maxStops" label={t('buses.planner.maxStops')} rules={[requiredRule(locale)]}>
                <InputNumber<number> min={1} max={20} precision={0} />
              </Form.Item>
              <Form.Item
                name="maxWaitDays"
                label={t('buses.planner.maxWaitDays')}
                extra={t('buses.planner.maxWaitDaysHelp')}
                rules={[requiredRule(locale)]}
              >
                <InputNumber<number> min={0} max={14} precision={0} />
              </Form.Item>
              <Form.Item
                name="minPassengersPerBus"
                label={t('buses.planner.minPassengers')}
                rules={[requiredRule(locale)]}
              >
                <InputNumber<number> min={1} max={80} precision={0} />
              </Form.Item>
              <Form.Item
                name="departTime"
                label={t('buses.planner.departTime')}
                rules={[requiredRule(locale)]}
              >
                <Input type="time" />
              </Form.Item>
              <Form.Item
                name="travelHours"
                label={t('buses.planner.travelHours')}
                rules={[requiredRule(locale)]}
              >
                <InputNumber<number> min={1} max={72} precision={0} />
              </Form.Item>
              <Form.Item name="maxBuses" label={t('buses.planner.maxBuses')}>
                <InputNumber<number> min={1} max={500} precision={0} />
              </Form.Item>
            </div>
            <Form.Item
              name="combineDestinations"
              label={t('buses.planner.combineDestinations')}
              valuePropName="checked"
            >
              <Switch />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={plan.isPending}>
              {t('buses.planner.propose')}
            </Button>
          </Form>
        </Card>
      </section>

      <section aria-labelledby="proposal-title">
        <Typography.Title level={2} id="proposal-title">
          {t('buses.planner.proposalTitle')}
        </Typography.Title>
        {!board && <Typography.Paragraph>{t('buses.planner.noProposal')}</Typography.Paragraph>}
        {board && plan.data && (
          <>
            <Typography.Paragraph>
              {t('buses.planner.summary', {
                requests: plan.data.summary.requests,
                placed,
                buses: filled.length,
                unplaced: board.unplaced.length,
              })}{' '}
              {t('buses.planner.seatsPerBus', { seats: plan.data.seatsPerBus })}
            </Typography.Paragraph>
            <Typography.Paragraph className="muted">{t('buses.planner.dragHint')}</Typography.Paragraph>
            <ProblemAlert error={requests.error} />
            <PlanBoard
              buses={board.buses.map((b) => ({
                ...b,
                // Where its passengers go now (a moved passenger may add a district).
                destinationName: [
                  ...new Set(b.requestIds.flatMap((id) => byId.get(id)?.destinationName ?? [])),
                ].join('、'),
              }))}
              unplaced={board.unplaced}
              requests={byId}
              onMove={move}
            />
            <ProblemAlert error={confirm.error} />
            <div className="form-actions" style={{ marginTop: 16 }}>
              <Button
                type="primary"
                size="large"
                disabled={filled.length === 0 || !requests.data}
                loading={confirm.isPending}
                onClick={() => confirm.mutate({ buses: filled.map((b) => confirmedBus(b, byId)) })}
              >
                {t('buses.planner.confirm', { count: filled.length })}
              </Button>
            </div>
          </>
        )}
      </section>
    </div>
  );
}
