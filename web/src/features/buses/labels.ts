import { useTranslation } from 'react-i18next';
import {
  BOOKING_STATUSES,
  COST_PAYERS,
  HANDOVER_STATUSES,
  HEALTH_CODE_COLORS,
  REFUSAL_REASONS,
  SYMPTOMS,
  TRAVEL_REQUEST_STATUSES,
  TRIP_STATUSES,
  type BookingStatus,
  type HandoverStatus,
  type TravelRequestStatus,
  type TripStatus,
} from '@jiuye/shared';
import type { ChipTone } from '../../app/status-chip';

function member<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

/** Names for the bus codes in the UI language; unknown codes (a newer server) show as themselves. */
export function useBusLabels() {
  const { t } = useTranslation();
  return {
    tripStatus: (v: string) => (member(TRIP_STATUSES, v) ? t(`buses.labels.tripStatus.${v}`) : v),
    bookingStatus: (v: string) => (member(BOOKING_STATUSES, v) ? t(`buses.labels.bookingStatus.${v}`) : v),
    requestStatus: (v: string) =>
      member(TRAVEL_REQUEST_STATUSES, v) ? t(`buses.labels.requestStatus.${v}`) : v,
    handoverStatus: (v: string) => (member(HANDOVER_STATUSES, v) ? t(`buses.labels.handoverStatus.${v}`) : v),
    symptom: (v: string) => (member(SYMPTOMS, v) ? t(`buses.labels.symptom.${v}`) : v),
    healthCode: (v: string) => (member(HEALTH_CODE_COLORS, v) ? t(`buses.labels.healthCode.${v}`) : v),
    refusal: (v: string) => (member(REFUSAL_REASONS, v) ? t(`buses.labels.refusal.${v}`) : v),
    payer: (v: string) => (member(COST_PAYERS, v) ? t(`buses.labels.payer.${v}`) : v),
  };
}

export const TRIP_TONE: Record<TripStatus, ChipTone> = {
  planned: 'neutral',
  open: 'info',
  boarding: 'warning',
  departed: 'info',
  arrived: 'success',
  handed_over: 'success',
  cancelled: 'danger',
};

export const BOOKING_TONE: Record<BookingStatus, ChipTone> = {
  confirmed: 'success',
  waitlisted: 'warning',
  boarded: 'success',
  refused: 'danger',
  cancelled: 'neutral',
  moved: 'neutral',
};

export const REQUEST_TONE: Record<TravelRequestStatus, ChipTone> = {
  open: 'info',
  booked: 'success',
  completed: 'neutral',
  cancelled: 'neutral',
};

export const HANDOVER_TONE: Record<HandoverStatus, ChipTone> = {
  pending: 'warning',
  received: 'success',
  not_received: 'danger',
};

/**
 * Where a trip may go next, as staff see it (the server's workflow has the last word and answers
 * 409 invalid_transition otherwise). Cancelling is offered separately: it needs a reason.
 */
export const NEXT_TRIP_STATUS: Record<TripStatus, readonly TripStatus[]> = {
  planned: ['open'],
  open: ['boarding'],
  boarding: ['departed'],
  departed: ['arrived'],
  arrived: ['handed_over'],
  handed_over: [],
  cancelled: [],
};

export const CANCELLABLE_TRIP: readonly TripStatus[] = ['planned', 'open', 'boarding'];

/** "YYYY-MM-DD" of today in China time (the date boxes' minimum). */
export function chinaToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(now);
}

/** "YYYY-MM-DDTHH:mm" from a datetime-local box, read as China time, to ISO with offset. */
export function chinaLocalToIso(local: string): string {
  return `${local}:00+08:00`;
}

/** An ISO time to the "YYYY-MM-DDTHH:mm" a datetime-local box shows, in China time. */
export function isoToChinaLocal(iso: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}
