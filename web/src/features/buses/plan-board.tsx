import { useState, type DragEvent } from 'react';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TravelRequest } from '@jiuye/shared';
import { StatusChip } from '../../app/status-chip';

/** A proposed bus as the planner edits it: the server's proposal with its passengers moved about. */
export type EditableBus = {
  key: string;
  originName: string;
  destinationName: string;
  date: string;
  seatsForSale: number;
  /** The proposal's pickup points by county, reused when the bus is confirmed. */
  stopPickup: Map<string, string>;
  stopOrder: string[];
  departAt: string;
  arriveBy: string;
  capacity: number;
  loadLimitPercent: number;
  requestIds: string[];
};

export type Unplaced = { requestId: string; message: string };

/** Where a passenger may go: a bus (by key) or off the plan (null). */
export type MoveTarget = string | null;

const DRAG_TYPE = 'application/x-jiuye-request';
const OFF_PLAN = '__off_plan__';

/**
 * The proposed buses as columns of passengers. A passenger moves by HTML5 drag and drop, or with
 * the "move to" box beside their name, which works with a keyboard and a screen reader (drag and
 * drop does neither). A full bus refuses more passengers; the move is announced either way.
 */
export function PlanBoard({
  buses,
  unplaced,
  requests,
  onMove,
}: {
  buses: EditableBus[];
  unplaced: Unplaced[];
  requests: Map<string, TravelRequest>;
  onMove: (requestId: string, target: MoveTarget) => void;
}) {
  const { t } = useTranslation();
  const [over, setOver] = useState<string | null>(null);
  const [dragging, setDragging] = useState<string | null>(null);

  const busOf = new Map<string, string>();
  for (const b of buses) for (const id of b.requestIds) busOf.set(id, b.key);
  const number = new Map(buses.map((b, i) => [b.key, i + 1]));

  const dropProps = (target: string) => ({
    onDragOver: (e: DragEvent) => {
      if (!e.dataTransfer.types.includes(DRAG_TYPE)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'move';
      if (over !== target) setOver(target);
    },
    onDragLeave: (e: DragEvent) => {
      // Leaving for a child of the same column is no leaving.
      if (e.currentTarget.contains(e.relatedTarget as Node | null)) return;
      setOver((o) => (o === target ? null : o));
    },
    onDrop: (e: DragEvent) => {
      e.preventDefault();
      setOver(null);
      const id = e.dataTransfer.getData(DRAG_TYPE);
      if (id) onMove(id, target === OFF_PLAN ? null : target);
    },
  });

  const chip = (requestId: string, reason?: string) => {
    const r = requests.get(requestId);
    const name = r?.person.fullName ?? requestId.slice(0, 8);
    const current = busOf.get(requestId) ?? OFF_PLAN;
    return (
      <li
        key={requestId}
        className={dragging === requestId ? 'passenger-chip passenger-chip--dragging' : 'passenger-chip'}
        draggable
        data-request-id={requestId}
        onDragStart={(e) => {
          e.dataTransfer.setData(DRAG_TYPE, requestId);
          e.dataTransfer.setData('text/plain', name);
          e.dataTransfer.effectAllowed = 'move';
          setDragging(requestId);
        }}
        onDragEnd={() => {
          setDragging(null);
          setOver(null);
        }}
      >
        <div className="passenger-chip__name">{name}</div>
        {r && (
          <p className="passenger-chip__meta">
            {r.originName} · {r.pickupPoint}
            {r.healthAttention && (
              <>
                {' '}
                <StatusChip tone="warning">{t('buses.common.healthAttention')}</StatusChip>
              </>
            )}
          </p>
        )}
        {reason && <p className="passenger-chip__meta">{reason}</p>}
        <Select<string>
          size="small"
          aria-label={t('buses.planner.moveTo', { name })}
          placeholder={t('buses.planner.moveTo', { name })}
          value={null}
          onChange={(v) => onMove(requestId, v === OFF_PLAN ? null : v)}
          options={[
            ...buses
              .filter((b) => b.key !== current)
              .map((b) => ({
                value: b.key,
                label: t('buses.planner.moveToBus', { n: number.get(b.key) ?? 0 }),
                disabled: b.requestIds.length >= b.seatsForSale,
              })),
            ...(current === OFF_PLAN ? [] : [{ value: OFF_PLAN, label: t('buses.planner.unplace') }]),
          ]}
        />
      </li>
    );
  };

  return (
    <>
      <div className="bus-board">
        {buses.map((b, i) => {
          const full = b.requestIds.length >= b.seatsForSale;
          const headingId = `bus-${b.key}`;
          const stops = b.stopOrder
            .map(
              (code) =>
                requests.get(b.requestIds.find((id) => requests.get(id)?.originRegionCode === code) ?? '')
                  ?.originName,
            )
            .filter(Boolean);
          return (
            <section
              key={b.key}
              aria-labelledby={headingId}
              className={`bus-column${over === b.key ? ' bus-column--over' : ''}${full ? ' bus-column--full' : ''}`}
              data-bus={i + 1}
              {...dropProps(b.key)}
            >
              <h3 className="bus-column__heading" id={headingId}>
                {t('buses.planner.busTitle', { n: i + 1 })}
              </h3>
              <p className="bus-column__meta">
                {t('buses.planner.busRoute', { from: b.originName, to: b.destinationName })}
                <br />
                {b.date} ·{' '}
                {t('buses.planner.busSeats', { used: b.requestIds.length, forSale: b.seatsForSale })}
                {full && (
                  <>
                    {' '}
                    <StatusChip tone="warning">{t('buses.planner.busFull')}</StatusChip>
                  </>
                )}
                {stops.length > 1 && (
                  <>
                    <br />
                    {t('buses.planner.busStops', { stops: stops.join('、') })}
                  </>
                )}
                {b.requestIds.length === 0 && (
                  <>
                    <br />
                    {t('buses.planner.emptyBus')}
                  </>
                )}
              </p>
              <ul className="passenger-list" aria-label={t('buses.planner.busTitle', { n: i + 1 })}>
                {b.requestIds.map((id) => chip(id))}
              </ul>
            </section>
          );
        })}
      </div>
      <section
        aria-labelledby="unplaced-title"
        className={`bus-column${over === OFF_PLAN ? ' bus-column--over' : ''}`}
        {...dropProps(OFF_PLAN)}
      >
        <h3 className="bus-column__heading" id="unplaced-title">
          {t('buses.planner.unplacedTitle')}（{unplaced.length}）
        </h3>
        {unplaced.length === 0 ? (
          <p className="bus-column__meta">{t('buses.planner.unplacedNone')}</p>
        ) : (
          <ul className="passenger-list" aria-label={t('buses.planner.unplacedTitle')}>
            {unplaced.map((u) => chip(u.requestId, u.message))}
          </ul>
        )}
      </section>
    </>
  );
}
