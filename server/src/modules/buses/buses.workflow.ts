import { FEVER_THRESHOLD_C, type HealthCodeColor, type RefusalReason, type TripStatus } from '@jiuye/shared';

/*
 * The chartered-bus state machines, without I/O: a trip's status, what may be edited in which status,
 * and the health check at boarding.
 */

/** Who moves a trip: staff covering its destination district, or its escort (any district). */
export type TripActor = 'staff' | 'escort';

export const TRIP_TRANSITIONS: Record<TripStatus, readonly TripStatus[]> = {
  planned: ['open', 'cancelled'],
  open: ['boarding', 'cancelled'],
  boarding: ['departed', 'cancelled'],
  departed: ['arrived'],
  arrived: ['handed_over'],
  handed_over: [],
  cancelled: [],
};

/** The escort runs the bus on the day: boarding, departure, arrival. Planning and selling are staff's. */
const ESCORT_TRANSITIONS: readonly [TripStatus, TripStatus][] = [
  ['open', 'boarding'],
  ['boarding', 'departed'],
  ['departed', 'arrived'],
];

/** Statuses in which a trip holds seats (bookings count against seats_taken). */
export const SEAT_HOLDING_TRIP_STATUSES: readonly TripStatus[] = ['planned', 'open', 'boarding'];
/** Statuses after the bus left: its boarded passengers were carried. */
export const CARRIED_TRIP_STATUSES: readonly TripStatus[] = ['departed', 'arrived', 'handed_over'];

export type TripFacts = {
  status: TripStatus;
  plate: string | null;
  driverName: string | null;
  escortUserId: string | null;
  departAt: Date;
  /** Boarded passengers whose handover is still pending. */
  pendingHandovers: number;
};

export type TransitionResult =
  | {
      ok: true;
      timestampColumn: 'openedAt' | 'departedAt' | 'arrivedAt' | 'handedOverAt' | 'cancelledAt' | null;
    }
  | {
      ok: false;
      code: 'invalid_transition' | 'required' | 'date_in_past' | 'handover_pending';
      field: string;
    };

/**
 * Whether `actor` may move a trip from its status to `to`. Opening needs a plate, a driver and an
 * escort and a departure still ahead; handed_over needs every boarded passenger's handover recorded.
 */
export function checkTripTransition(
  trip: TripFacts,
  to: TripStatus,
  actor: TripActor,
  now: Date,
): TransitionResult {
  const from = trip.status;
  if (!TRIP_TRANSITIONS[from].includes(to)) return { ok: false, code: 'invalid_transition', field: 'status' };
  if (actor === 'escort' && !ESCORT_TRANSITIONS.some(([a, b]) => a === from && b === to)) {
    return { ok: false, code: 'invalid_transition', field: 'status' };
  }
  if (to === 'open') {
    if (!trip.plate) return { ok: false, code: 'required', field: 'plate' };
    if (!trip.driverName) return { ok: false, code: 'required', field: 'driverName' };
    if (!trip.escortUserId) return { ok: false, code: 'required', field: 'escortStaffId' };
    if (trip.departAt.getTime() <= now.getTime())
      return { ok: false, code: 'date_in_past', field: 'departAt' };
  }
  if (to === 'handed_over' && trip.pendingHandovers > 0) {
    return { ok: false, code: 'handover_pending', field: 'status' };
  }
  const column =
    to === 'open'
      ? 'openedAt'
      : to === 'departed'
        ? 'departedAt'
        : to === 'arrived'
          ? 'arrivedAt'
          : to === 'handed_over'
            ? 'handedOverAt'
            : to === 'cancelled'
              ? 'cancelledAt'
              : null;
  return { ok: true, timestampColumn: column };
}

export const TRIP_EDIT_FIELDS = [
  'originRegionCode',
  'pickupPoint',
  'stops',
  'destinationDistrictCode',
  'destinationDistrictCodes',
  'departAt',
  'arriveBy',
  'capacity',
  'loadLimitPercent',
  'plate',
  'driverName',
  'driverPhone',
  'escortStaffId',
  'note',
  'cost',
] as const;
export type TripEditField = (typeof TRIP_EDIT_FIELDS)[number];

/**
 * What may still change in a status. Before boarding everything; while boarding the vehicle and crew
 * (a replacement bus) and the seats (a larger bus); afterwards only the note and the cost (the invoice
 * arrives after the trip). Nothing once cancelled but the note.
 */
export function editableFields(status: TripStatus): readonly TripEditField[] {
  switch (status) {
    case 'planned':
    case 'open':
      return TRIP_EDIT_FIELDS;
    case 'boarding':
      return [
        'plate',
        'driverName',
        'driverPhone',
        'escortStaffId',
        'capacity',
        'loadLimitPercent',
        'note',
        'cost',
      ];
    case 'departed':
    case 'arrived':
    case 'handed_over':
      return ['note', 'cost'];
    case 'cancelled':
      return ['note'];
  }
}

/** The escort may only move the status and write the note; everything else is staff's. */
export const ESCORT_EDIT_FIELDS: readonly TripEditField[] = ['note'];

export type BoardingCheck = {
  temperatureCelsius: number;
  symptoms: readonly string[];
  healthCodeColor?: HealthCodeColor | undefined;
};

/** Why a passenger may not board (empty: may board): fever ≥ 37.3 °C, any symptom, a non-green code. */
export function refusalReasonsOf(check: BoardingCheck): RefusalReason[] {
  const reasons: RefusalReason[] = [];
  if (check.temperatureCelsius >= FEVER_THRESHOLD_C) reasons.push('fever');
  if (check.symptoms.length > 0) reasons.push('symptoms');
  if (check.healthCodeColor !== undefined && check.healthCodeColor !== 'green') reasons.push('health_code');
  return reasons;
}

export const TRIP_STATUS_LABELS: Record<TripStatus, { zh: string; en: string }> = {
  planned: { zh: '计划中', en: 'planned' },
  open: { zh: '开放订座', en: 'open for booking' },
  boarding: { zh: '检票上车中', en: 'boarding' },
  departed: { zh: '已发车', en: 'departed' },
  arrived: { zh: '已到达', en: 'arrived' },
  handed_over: { zh: '已交接', en: 'handed over' },
  cancelled: { zh: '已取消', en: 'cancelled' },
};
