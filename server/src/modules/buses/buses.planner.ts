import { prefectureOf, seatsForSaleOf, type PlanUnplacedReason } from '@jiuye/shared';

/*
 * The bus planner: a pure function from open travel requests and the staff's constraints to proposed
 * buses. No I/O, deterministic (same input, same plan), so it is tested as a table and by properties.
 *
 * Grouping: one origin prefecture (a bus never collects in two prefecture-level cities) and one
 * destination district (or the whole city with combineDestinations). Within a group, buses are filled
 * greedily in order of readiness: the first waiting request opens a bus; the bus leaves on the day in
 * [its earliest date, + maxWaitDays] that carries the most people; stops are counties (one pickup
 * per county), at most maxStops, the counties with the most ready people first.
 */

export type PlannerRequest = {
  id: string;
  /** County-level GB/T 2260 code. */
  originRegionCode: string;
  pickupPoint: string;
  destinationDistrictCode: string;
  /** YYYY-MM-DD. */
  earliestDate: string;
  latestDate: string | null;
  healthAttention: boolean;
  /** A live trip the request was already planned onto. */
  plannedTripId: string | null;
};

export type PlannerOptions = {
  dateFrom: string;
  dateTo: string;
  capacity: number;
  loadLimitPercent: number;
  maxStops: number;
  maxWaitDays: number;
  minPassengersPerBus: number;
  maxBuses?: number | undefined;
  combineDestinations: boolean;
  /** HH:MM, China time. */
  departTime: string;
  travelHours: number;
};

export type PlannedStop = { regionCode: string; pickupPoint: string; requestIds: string[] };

export type PlannedBus = {
  key: string;
  originPrefectureCode: string;
  originRegionCode: string;
  pickupPoint: string;
  stops: PlannedStop[];
  destinationDistrictCode: string;
  destinationDistrictCodes: string[];
  date: string;
  departAt: string;
  arriveBy: string;
  capacity: number;
  loadLimitPercent: number;
  seatsForSale: number;
  seatsUsed: number;
  requestIds: string[];
};

export type Unplaced = { requestId: string; reason: PlanUnplacedReason; tripId: string | null };

export type Plan = { seatsPerBus: number; buses: PlannedBus[]; unplaced: Unplaced[] };

/** YYYY-MM-DD + n days (calendar arithmetic in UTC: no time zone can shift a date). */
export function addDays(date: string, n: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + n * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

const maxDate = (a: string, b: string) => (a > b ? a : b);
const minDate = (a: string, b: string) => (a < b ? a : b);
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

type Candidate = PlannerRequest & { from: string; to: string; prefecture: string };

/** The value that occurs most often (ties: the smallest), for a stop's pickup point or a bus's main district. */
function mostCommon(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || cmp(a[0], b[0]))[0]?.[0] ?? '';
}

function byCountDesc(values: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || cmp(a[0], b[0])).map(([v]) => v);
}

/**
 * Who rides a bus leaving on day `d` that `first` opened: the people ready that day, the first's
 * county first, then the counties with the most ready people, up to maxStops counties and the seats.
 */
function fill(
  pool: readonly Candidate[],
  first: Candidate,
  d: string,
  seats: number,
  maxStops: number,
): Candidate[] {
  const ready = pool.filter((r) => r.from <= d && r.to >= d);
  const byCounty = new Map<string, Candidate[]>();
  for (const r of ready) {
    const list = byCounty.get(r.originRegionCode) ?? [];
    list.push(r);
    byCounty.set(r.originRegionCode, list);
  }
  const counties = [...byCounty.keys()].sort((a, b) => {
    if (a === first.originRegionCode) return -1;
    if (b === first.originRegionCode) return 1;
    return (byCounty.get(b)?.length ?? 0) - (byCounty.get(a)?.length ?? 0) || cmp(a, b);
  });
  const taken: Candidate[] = [];
  for (const county of counties.slice(0, maxStops)) {
    // Pool order is (from, county, id): the longest-waiting people of the county first.
    for (const r of byCounty.get(county) ?? []) {
      if (taken.length >= seats) break;
      taken.push(r);
    }
    if (taken.length >= seats) break;
  }
  return taken;
}

function departAtOf(date: string, time: string): string {
  return `${date}T${time}:00+08:00`;
}

function plusHours(iso: string, hours: number): string {
  // Render in China time (UTC+8, no daylight saving) so the answer reads like the input.
  const t = Date.parse(iso) + hours * 3_600_000 + 8 * 3_600_000;
  return `${new Date(t).toISOString().slice(0, 19)}+08:00`;
}

export function planBuses(requests: readonly PlannerRequest[], o: PlannerOptions): Plan {
  const seats = seatsForSaleOf(o.capacity, o.loadLimitPercent);
  const unplaced: Unplaced[] = [];
  const candidates: Candidate[] = [];
  const sorted = [...requests].sort((a, b) => cmp(a.id, b.id));
  for (const r of sorted) {
    if (r.plannedTripId)
      unplaced.push({ requestId: r.id, reason: 'already_planned', tripId: r.plannedTripId });
    else if (r.earliestDate > o.dateTo)
      unplaced.push({ requestId: r.id, reason: 'earliest_date_after_window', tripId: null });
    else if (r.latestDate !== null && r.latestDate < o.dateFrom)
      unplaced.push({ requestId: r.id, reason: 'latest_date_before_window', tripId: null });
    else if (r.healthAttention) unplaced.push({ requestId: r.id, reason: 'health_attention', tripId: null });
    else
      candidates.push({
        ...r,
        from: maxDate(r.earliestDate, o.dateFrom),
        to: minDate(r.latestDate ?? o.dateTo, o.dateTo),
        prefecture: prefectureOf(r.originRegionCode),
      });
  }

  const groups = new Map<string, Candidate[]>();
  for (const c of candidates) {
    const key = `${c.prefecture}>${o.combineDestinations ? 'city' : c.destinationDistrictCode}`;
    const list = groups.get(key) ?? [];
    list.push(c);
    groups.set(key, list);
  }

  const buses: PlannedBus[] = [];
  for (const key of [...groups.keys()].sort(cmp)) {
    let pool = (groups.get(key) ?? []).sort(
      (a, b) => cmp(a.from, b.from) || cmp(a.originRegionCode, b.originRegionCode) || cmp(a.id, b.id),
    );
    while (pool.length > 0) {
      if (o.maxBuses !== undefined && buses.length >= o.maxBuses) {
        for (const r of pool) unplaced.push({ requestId: r.id, reason: 'no_bus_available', tripId: null });
        break;
      }
      const first = pool[0] as Candidate;
      const lastDay = minDate(addDays(first.from, o.maxWaitDays), first.to);
      let best: { d: string; riders: Candidate[] } | null = null;
      for (let d = first.from; d <= lastDay; d = addDays(d, 1)) {
        const riders = fill(pool, first, d, seats, o.maxStops);
        if (!best || riders.length > best.riders.length) best = { d, riders };
        if (riders.length >= seats) break;
      }
      if (!best || best.riders.length < o.minPassengersPerBus) {
        unplaced.push({ requestId: first.id, reason: 'group_too_small', tripId: null });
        pool = pool.slice(1);
        continue;
      }
      const riders = best.riders;
      const chosen = new Set(riders.map((r) => r.id));
      pool = pool.filter((r) => !chosen.has(r.id));

      const stops: PlannedStop[] = [];
      for (const r of riders) {
        let stop = stops.find((s) => s.regionCode === r.originRegionCode);
        if (!stop) {
          stop = { regionCode: r.originRegionCode, pickupPoint: '', requestIds: [] };
          stops.push(stop);
        }
        stop.requestIds.push(r.id);
      }
      for (const s of stops) {
        s.pickupPoint = mostCommon(
          riders.filter((r) => r.originRegionCode === s.regionCode).map((r) => r.pickupPoint),
        );
      }
      const districts = byCountDesc(riders.map((r) => r.destinationDistrictCode));
      const departAt = departAtOf(best.d, o.departTime);
      buses.push({
        key: `${key}#${best.d}#${buses.length + 1}`,
        originPrefectureCode: first.prefecture,
        originRegionCode: stops.length === 1 ? (stops[0]?.regionCode ?? first.prefecture) : first.prefecture,
        pickupPoint: stops[0]?.pickupPoint ?? first.pickupPoint,
        stops,
        destinationDistrictCode: districts[0] ?? first.destinationDistrictCode,
        destinationDistrictCodes: districts,
        date: best.d,
        departAt,
        arriveBy: plusHours(departAt, o.travelHours),
        capacity: o.capacity,
        loadLimitPercent: o.loadLimitPercent,
        seatsForSale: seats,
        seatsUsed: riders.length,
        requestIds: riders.map((r) => r.id),
      });
    }
  }
  return { seatsPerBus: seats, buses, unplaced };
}
