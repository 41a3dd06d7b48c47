import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prefectureOf } from '@jiuye/shared';
import { addDays, planBuses, type Plan, type PlannerOptions, type PlannerRequest } from './buses.planner.js';

const LIUZHOU = [
  '450202',
  '450203',
  '450204',
  '450205',
  '450206',
  '450222',
  '450223',
  '450224',
  '450225',
  '450226',
];
const LONGNAN = ['621202', '621221', '621222', '621223', '621224', '621225', '621226', '621227', '621228'];
const DISTRICTS = ['440802', '440803', '440804', '440811', '440823', '440825', '440881', '440882', '440883'];

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** Checks every invariant of a plan against its input; answers the placed ids. */
function checkPlan(requests: readonly PlannerRequest[], o: PlannerOptions, plan: Plan): void {
  const seats = Math.floor((o.capacity * o.loadLimitPercent) / 100);
  expect(plan.seatsPerBus).toBe(seats);
  const byId = new Map(requests.map((r) => [r.id, r]));
  const seen = new Map<string, number>();
  for (const b of plan.buses) {
    expect(b.seatsUsed).toBe(b.requestIds.length);
    expect(b.seatsUsed).toBeGreaterThanOrEqual(Math.max(1, o.minPassengersPerBus));
    expect(b.seatsUsed).toBeLessThanOrEqual(seats);
    expect(b.seatsForSale).toBe(seats);
    expect(b.stops.length).toBeLessThanOrEqual(o.maxStops);
    expect(b.stops.flatMap((s) => s.requestIds).sort()).toEqual([...b.requestIds].sort());
    expect(new Set(b.stops.map((s) => s.regionCode)).size).toBe(b.stops.length);
    expect(b.date >= o.dateFrom && b.date <= o.dateTo).toBe(true);
    expect(Date.parse(b.arriveBy) - Date.parse(b.departAt)).toBe(o.travelHours * 3_600_000);
    for (const rid of b.requestIds) {
      seen.set(rid, (seen.get(rid) ?? 0) + 1);
      const r = byId.get(rid);
      if (!r) throw new Error(`unknown request ${rid}`);
      // One prefecture per bus, the rider's county is a stop, the date fits the rider.
      expect(prefectureOf(r.originRegionCode)).toBe(b.originPrefectureCode);
      expect(b.stops.find((s) => s.requestIds.includes(rid))?.regionCode).toBe(r.originRegionCode);
      expect(b.destinationDistrictCodes).toContain(r.destinationDistrictCode);
      if (!o.combineDestinations) expect(b.destinationDistrictCodes).toEqual([r.destinationDistrictCode]);
      expect(b.date >= r.earliestDate).toBe(true);
      if (r.latestDate) expect(b.date <= r.latestDate).toBe(true);
      expect(
        b.date <= addDays(r.earliestDate < o.dateFrom ? o.dateFrom : r.earliestDate, o.maxWaitDays),
      ).toBe(true);
      expect(r.healthAttention).toBe(false);
      expect(r.plannedTripId).toBeNull();
    }
  }
  for (const u of plan.unplaced) seen.set(u.requestId, (seen.get(u.requestId) ?? 0) + 1);
  // Every request exactly once: on one bus or explained.
  expect([...seen.keys()].sort()).toEqual(requests.map((r) => r.id).sort());
  expect([...seen.values()].every((n) => n === 1)).toBe(true);
  if (o.maxBuses !== undefined) expect(plan.buses.length).toBeLessThanOrEqual(o.maxBuses);
}

/** The spring-2020 case: 141 workers from Liuzhou and Longnan counties to Zhanjiang enterprises. */
function springRequests(): PlannerRequest[] {
  const out: PlannerRequest[] = [];
  for (let i = 0; i < 141; i++) {
    const fromLiuzhou = i < 96;
    const counties = fromLiuzhou ? LIUZHOU : LONGNAN;
    const county = counties[(i * 7) % counties.length] ?? '450206';
    out.push({
      id: id(i + 1),
      originRegionCode: county,
      pickupPoint: `${county}汽车站`,
      destinationDistrictCode: DISTRICTS[(i * 5) % DISTRICTS.length] ?? '440803',
      earliestDate: addDays('2020-02-20', i % 5),
      latestDate: i % 11 === 0 ? addDays('2020-02-20', (i % 5) + 4) : null,
      healthAttention: false,
      plannedTripId: null,
    });
  }
  // A few the planner must explain.
  const set = (n: number, over: Partial<PlannerRequest>) => Object.assign(out[n] as PlannerRequest, over);
  set(3, { healthAttention: true });
  set(40, { healthAttention: true });
  set(7, { earliestDate: '2020-03-10' });
  set(8, { earliestDate: '2020-03-11' });
  set(9, { earliestDate: '2020-02-01', latestDate: '2020-02-10' });
  set(10, { plannedTripId: '11111111-1111-4111-8111-111111111111' });
  return out;
}

const SPRING: PlannerOptions = {
  dateFrom: '2020-02-20',
  dateTo: '2020-02-28',
  capacity: 45,
  loadLimitPercent: 50,
  maxStops: 3,
  maxWaitDays: 3,
  minPassengersPerBus: 1,
  combineDestinations: true,
  departTime: '08:00',
  travelHours: 12,
};

describe('planner: the 141 workers of spring 2020', () => {
  it('respects capacity, the load limit and maximum stops; places or explains every request', () => {
    const requests = springRequests();
    const plan = planBuses(requests, SPRING);
    checkPlan(requests, SPRING, plan);
    expect(plan.seatsPerBus).toBe(22);
    const reasons = Object.fromEntries(plan.unplaced.map((u) => [u.requestId, u.reason]));
    expect(reasons).toEqual({
      [id(4)]: 'health_attention',
      [id(41)]: 'health_attention',
      [id(8)]: 'earliest_date_after_window',
      [id(9)]: 'earliest_date_after_window',
      [id(10)]: 'latest_date_before_window',
      [id(11)]: 'already_planned',
    });
    const placed = plan.buses.reduce((a, b) => a + b.seatsUsed, 0);
    expect(placed).toBe(135);
    expect(plan.buses.length).toBeGreaterThanOrEqual(Math.ceil(placed / 22));
    // Buses never mix Liuzhou and Longnan.
    expect(new Set(plan.buses.map((b) => b.originPrefectureCode))).toEqual(new Set(['450200', '621200']));
    // Deterministic: the same input gives the same plan.
    expect(planBuses([...requests].reverse(), SPRING)).toEqual(plan);
  });

  it('per destination district without combining, one stop per bus, and a bus budget', () => {
    const requests = springRequests();
    const o: PlannerOptions = {
      ...SPRING,
      combineDestinations: false,
      maxStops: 1,
      maxBuses: 10,
      minPassengersPerBus: 2,
    };
    const plan = planBuses(requests, o);
    checkPlan(requests, o, plan);
    expect(plan.buses).toHaveLength(10);
    expect(plan.unplaced.some((u) => u.reason === 'no_bus_available')).toBe(true);
    expect(
      plan.buses.every((b) => b.stops.length === 1 && b.originRegionCode === b.stops[0]?.regionCode),
    ).toBe(true);
  });

  it('a load limit of 100% fills buses to capacity', () => {
    const requests = springRequests();
    const o: PlannerOptions = { ...SPRING, loadLimitPercent: 100, maxStops: 20, maxWaitDays: 8 };
    const plan = planBuses(requests, o);
    checkPlan(requests, o, plan);
    expect(Math.max(...plan.buses.map((b) => b.seatsUsed))).toBe(45);
  });

  it('waits up to maxWaitDays to fill a bus, never longer', () => {
    const reqs: PlannerRequest[] = [0, 1, 2, 3].map((d) => ({
      id: id(d + 1),
      originRegionCode: '621221',
      pickupPoint: '成县汽车站',
      destinationDistrictCode: '440803',
      earliestDate: addDays('2020-02-20', d),
      latestDate: null,
      healthAttention: false,
      plannedTripId: null,
    }));
    const o = { ...SPRING, maxWaitDays: 2, capacity: 10, loadLimitPercent: 100 };
    const plan = planBuses(reqs, o);
    checkPlan(reqs, o, plan);
    expect(plan.buses.map((b) => [b.date, b.seatsUsed])).toEqual([
      ['2020-02-22', 3],
      ['2020-02-23', 1],
    ]);
  });
});

describe('planner properties', () => {
  const counties = [...LIUZHOU.slice(0, 4), ...LONGNAN.slice(0, 4), '450922'];
  const requestArb = fc.record({
    originRegionCode: fc.constantFrom(...counties),
    pickupPoint: fc.constantFrom('汽车站', '火车站', '镇政府'),
    destinationDistrictCode: fc.constantFrom(...DISTRICTS.slice(0, 4)),
    earliest: fc.integer({ min: -5, max: 15 }),
    span: fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }),
    healthAttention: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
    planned: fc.boolean(),
  });
  const optionsArb = fc.record({
    window: fc.integer({ min: 0, max: 10 }),
    capacity: fc.integer({ min: 5, max: 60 }),
    loadLimitPercent: fc.integer({ min: 20, max: 100 }),
    maxStops: fc.integer({ min: 1, max: 5 }),
    maxWaitDays: fc.integer({ min: 0, max: 4 }),
    minPassengersPerBus: fc.integer({ min: 1, max: 4 }),
    maxBuses: fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }),
    combineDestinations: fc.boolean(),
  });

  it('never over capacity or stops; every request accounted for exactly once', () => {
    fc.assert(
      fc.property(fc.array(requestArb, { maxLength: 120 }), optionsArb, (raw, oo) => {
        const requests: PlannerRequest[] = raw.map((r, i) => ({
          id: id(i + 1),
          originRegionCode: r.originRegionCode,
          pickupPoint: r.pickupPoint,
          destinationDistrictCode: r.destinationDistrictCode,
          earliestDate: addDays('2020-02-20', r.earliest),
          latestDate: r.span === null ? null : addDays('2020-02-20', r.earliest + r.span),
          healthAttention: r.healthAttention,
          plannedTripId: r.planned && i % 7 === 0 ? '11111111-1111-4111-8111-111111111111' : null,
        }));
        const o: PlannerOptions = {
          dateFrom: '2020-02-20',
          dateTo: addDays('2020-02-20', oo.window),
          capacity: oo.capacity,
          loadLimitPercent: oo.loadLimitPercent,
          maxStops: oo.maxStops,
          maxWaitDays: oo.maxWaitDays,
          minPassengersPerBus: oo.minPassengersPerBus,
          maxBuses: oo.maxBuses,
          combineDestinations: oo.combineDestinations,
          departTime: '07:30',
          travelHours: 10,
        };
        checkPlan(requests, o, planBuses(requests, o));
      }),
      { numRuns: 300 },
    );
  });
});
