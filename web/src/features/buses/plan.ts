import type { BusDemand, BusPlan, ConfirmBusPlanBody, TravelRequest } from '@jiuye/shared';
import type { EditableBus, Unplaced } from './plan-board';

/*
 * The planner's pure parts: the demand tree as grouped table rows, the server's proposal as
 * editable buses, and an adjusted bus back as the confirm body wants it.
 */

export type DemandRow = {
  key: string;
  originName: string;
  prefectureName: string;
  destinationName: string;
  earliestDate: string;
  count: number;
  healthAttention: number;
  originSpan: number;
  destinationSpan: number;
};

/** The demand tree as table rows, with the row spans that group origin → destination → date. */
export function demandRows(demand: BusDemand): DemandRow[] {
  const rows: DemandRow[] = [];
  for (const o of demand.origins) {
    const originRows = o.destinations.reduce((n, d) => n + d.dates.length, 0);
    o.destinations.forEach((d, di) => {
      d.dates.forEach((x, xi) => {
        rows.push({
          key: `${o.originRegionCode}-${d.destinationDistrictCode}-${x.earliestDate}`,
          originName: o.originName,
          prefectureName: o.prefectureName,
          destinationName: d.destinationName,
          earliestDate: x.earliestDate,
          count: x.count,
          healthAttention: x.healthAttention,
          originSpan: di === 0 && xi === 0 ? originRows : 0,
          destinationSpan: xi === 0 ? d.dates.length : 0,
        });
      });
    });
  }
  return rows;
}

export function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function mostCommon(values: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/**
 * One adjusted bus as the confirm body wants it: its stops are the counties its passengers come
 * from (the proposal's pickup point where the county was already a stop, else the pickup point
 * most of that county's passengers gave), its destinations the districts they go to.
 */
export function confirmedBus(
  bus: EditableBus,
  requests: Map<string, TravelRequest>,
): ConfirmBusPlanBody['buses'][number] {
  const rs = bus.requestIds.flatMap((id) => requests.get(id) ?? []);
  const counties = [
    ...bus.stopOrder.filter((c) => rs.some((r) => r.originRegionCode === c)),
    ...[...new Set(rs.map((r) => r.originRegionCode))].filter((c) => !bus.stopOrder.includes(c)),
  ];
  const stops = counties.map((code) => ({
    regionCode: code,
    pickupPoint:
      bus.stopPickup.get(code) ??
      mostCommon(rs.filter((r) => r.originRegionCode === code).map((r) => r.pickupPoint)) ??
      code,
  }));
  const prefectures = new Set(counties.map((c) => `${c.slice(0, 4)}00`));
  const first = counties[0] ?? '';
  const destinations = [...new Set(rs.map((r) => r.destinationDistrictCode))];
  return {
    originRegionCode:
      counties.length === 1 ? first : prefectures.size === 1 ? `${first.slice(0, 4)}00` : first,
    pickupPoint: stops[0]?.pickupPoint ?? '',
    stops,
    destinationDistrictCode: mostCommon(rs.map((r) => r.destinationDistrictCode)) ?? '',
    destinationDistrictCodes: destinations,
    departAt: bus.departAt,
    arriveBy: bus.arriveBy,
    capacity: bus.capacity,
    loadLimitPercent: bus.loadLimitPercent,
    requestIds: bus.requestIds,
  };
}

export function editable(plan: BusPlan): { buses: EditableBus[]; unplaced: Unplaced[] } {
  return {
    buses: plan.buses.map((b) => ({
      key: b.key,
      originName: b.originName,
      destinationName: '',
      date: b.date,
      seatsForSale: b.seatsForSale,
      stopPickup: new Map(b.stops.map((s) => [s.regionCode, s.pickupPoint])),
      stopOrder: b.stops.map((s) => s.regionCode),
      departAt: b.departAt,
      arriveBy: b.arriveBy,
      capacity: b.capacity,
      loadLimitPercent: b.loadLimitPercent,
      requestIds: [...b.requestIds],
    })),
    unplaced: plan.unplaced.map((u) => ({ requestId: u.requestId, message: u.message })),
  };
}
