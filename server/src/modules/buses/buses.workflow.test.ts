import { describe, expect, it } from 'vitest';
import { TRIP_STATUSES, type TripStatus } from '@jiuye/shared';
import {
  checkTripTransition,
  editableFields,
  refusalReasonsOf,
  type TripActor,
  type TripFacts,
} from './buses.workflow.js';

const NOW = new Date('2027-03-01T00:00:00+08:00');
const ready: Omit<TripFacts, 'status'> = {
  plate: '粤G12345',
  driverName: '陈师傅',
  escortUserId: 'e0c1d3a4-0000-4000-8000-000000000001',
  departAt: new Date('2027-03-04T08:00:00+08:00'),
  pendingHandovers: 0,
};

// Every (from, to, actor) the machine allows; everything else must be refused.
const ALLOWED: [TripStatus, TripStatus, TripActor][] = [
  ['planned', 'open', 'staff'],
  ['planned', 'cancelled', 'staff'],
  ['open', 'boarding', 'staff'],
  ['open', 'boarding', 'escort'],
  ['open', 'cancelled', 'staff'],
  ['boarding', 'departed', 'staff'],
  ['boarding', 'departed', 'escort'],
  ['boarding', 'cancelled', 'staff'],
  ['departed', 'arrived', 'staff'],
  ['departed', 'arrived', 'escort'],
  ['arrived', 'handed_over', 'staff'],
];

describe('trip status machine', () => {
  const cases: [TripStatus, TripStatus, TripActor, boolean][] = [];
  for (const from of TRIP_STATUSES)
    for (const to of TRIP_STATUSES)
      for (const actor of ['staff', 'escort'] as const)
        cases.push([from, to, actor, ALLOWED.some(([a, b, c]) => a === from && b === to && c === actor)]);

  it.each(cases)('%s → %s by %s: allowed %s', (from, to, actor, allowed) => {
    const r = checkTripTransition({ ...ready, status: from }, to, actor, NOW);
    expect(r.ok).toBe(allowed);
    if (!r.ok) expect(r).toMatchObject({ code: 'invalid_transition', field: 'status' });
  });

  it.each([
    [{ plate: null }, 'required', 'plate'],
    [{ driverName: null }, 'required', 'driverName'],
    [{ escortUserId: null }, 'required', 'escortStaffId'],
    [{ departAt: new Date('2027-02-28T08:00:00+08:00') }, 'date_in_past', 'departAt'],
  ] as const)('opening needs a vehicle, a crew and a future departure (%o)', (over, code, field) => {
    expect(checkTripTransition({ ...ready, ...over, status: 'planned' }, 'open', 'staff', NOW)).toEqual({
      ok: false,
      code,
      field,
    });
  });

  it('hands over only when no boarded passenger is pending', () => {
    expect(
      checkTripTransition({ ...ready, status: 'arrived', pendingHandovers: 2 }, 'handed_over', 'staff', NOW),
    ).toEqual({
      ok: false,
      code: 'handover_pending',
      field: 'status',
    });
    expect(checkTripTransition({ ...ready, status: 'arrived' }, 'handed_over', 'staff', NOW)).toEqual({
      ok: true,
      timestampColumn: 'handedOverAt',
    });
  });

  it.each([
    ['planned', ['departAt', 'capacity', 'plate', 'cost']],
    ['boarding', ['plate', 'capacity', 'cost']],
    ['departed', ['note', 'cost']],
    ['cancelled', ['note']],
  ] as const)('%s: may edit %o', (status, fields) => {
    for (const f of fields) expect(editableFields(status)).toContain(f);
  });

  it('freezes times once boarding, and everything but the note once cancelled', () => {
    expect(editableFields('boarding')).not.toContain('departAt');
    expect(editableFields('departed')).not.toContain('capacity');
    expect(editableFields('cancelled')).toEqual(['note']);
  });
});

describe('health check at boarding', () => {
  it.each([
    [{ temperatureCelsius: 36.5, symptoms: [] }, []],
    [{ temperatureCelsius: 37.2, symptoms: [] }, []],
    [{ temperatureCelsius: 37.3, symptoms: [] }, ['fever']],
    [{ temperatureCelsius: 36.5, symptoms: ['cough'] }, ['symptoms']],
    [{ temperatureCelsius: 36.5, symptoms: [], healthCodeColor: 'green' as const }, []],
    [{ temperatureCelsius: 36.5, symptoms: [], healthCodeColor: 'yellow' as const }, ['health_code']],
    [
      { temperatureCelsius: 38.5, symptoms: ['fever', 'fatigue'], healthCodeColor: 'red' as const },
      ['fever', 'symptoms', 'health_code'],
    ],
  ])('%o → %o', (check, reasons) => {
    expect(refusalReasonsOf(check)).toEqual(reasons);
  });
});
