import { describe, expect, it } from 'vitest';
import type { BusDemand, BusPlan, TravelRequest } from '@jiuye/shared';
import { addDays, confirmedBus, demandRows, editable } from './plan';

function request(id: string, origin: string, pickup: string, destination = '440803'): TravelRequest {
  return {
    id,
    person: { id: `p-${id}`, fullName: id, phoneMasked: '139****0000', idNumberMasked: null },
    status: 'open',
    originRegionCode: origin,
    originName: origin,
    originPrefectureCode: `${origin.slice(0, 4)}00`,
    pickupPoint: pickup,
    destinationDistrictCode: destination,
    destinationName: destination,
    enterpriseId: null,
    enterpriseName: null,
    applicationId: null,
    earliestDate: '2027-03-01',
    latestDate: null,
    phoneMasked: '139****0000',
    health: { symptoms: [], contactWithCase: false, visitedHighRiskArea: false },
    healthAttention: false,
    consentId: null,
    note: null,
    createdBy: 'self',
    bookingId: null,
    plannedTripIds: [],
    createdAt: '2027-02-01T00:00:00+08:00',
    updatedAt: '2027-02-01T00:00:00+08:00',
  };
}

const plan: BusPlan = {
  seatsPerBus: 22,
  buses: [
    {
      key: 'a',
      originPrefectureCode: '450200',
      originRegionCode: '450206',
      originName: '柳江区',
      pickupPoint: '柳江区汽车总站',
      stops: [
        {
          regionCode: '450206',
          regionName: '柳江区',
          pickupPoint: '柳江区汽车总站',
          requestIds: ['r1', 'r2'],
        },
      ],
      destinationDistrictCode: '440803',
      destinationDistrictCodes: ['440803'],
      date: '2027-03-01',
      departAt: '2027-03-01T08:00:00+08:00',
      arriveBy: '2027-03-01T20:00:00+08:00',
      capacity: 45,
      loadLimitPercent: 50,
      seatsForSale: 22,
      seatsUsed: 2,
      requestIds: ['r1', 'r2'],
    },
  ],
  unplaced: [{ requestId: 'r3', reason: 'no_bus_available', message: '可用车辆数已用完', tripId: null }],
  summary: { requests: 3, placed: 2, unplaced: 1, buses: 1 },
};

describe('the planner', () => {
  it('groups the demand origin → destination → date with row spans', () => {
    const demand: BusDemand = {
      total: 4,
      origins: [
        {
          originRegionCode: '450206',
          originName: '柳江区',
          prefectureCode: '450200',
          prefectureName: '柳州市',
          count: 4,
          destinations: [
            {
              destinationDistrictCode: '440803',
              destinationName: '霞山区',
              count: 3,
              dates: [
                { earliestDate: '2027-03-01', count: 2, healthAttention: 0, requestIds: [] },
                { earliestDate: '2027-03-02', count: 1, healthAttention: 1, requestIds: [] },
              ],
            },
            {
              destinationDistrictCode: '440802',
              destinationName: '赤坎区',
              count: 1,
              dates: [{ earliestDate: '2027-03-01', count: 1, healthAttention: 0, requestIds: [] }],
            },
          ],
        },
      ],
    };
    const rows = demandRows(demand);
    expect(rows.map((r) => [r.originSpan, r.destinationSpan, r.count])).toEqual([
      [3, 2, 2],
      [0, 0, 1],
      [0, 1, 1],
    ]);
  });

  it('keeps a proposal’s stops and adds the county of a passenger moved in, with their pickup point', () => {
    const { buses, unplaced } = editable(plan);
    expect(unplaced).toEqual([{ requestId: 'r3', message: '可用车辆数已用完' }]);
    const requests = new Map([
      ['r1', request('r1', '450206', '柳江区汽车总站')],
      ['r2', request('r2', '450206', '柳江区汽车总站')],
      ['r3', request('r3', '450225', '融水县汽车站', '440802')],
    ]);
    const bus = { ...buses[0]!, requestIds: ['r1', 'r2', 'r3'] };
    const body = confirmedBus(bus, requests);
    expect(body.stops).toEqual([
      { regionCode: '450206', pickupPoint: '柳江区汽车总站' },
      { regionCode: '450225', pickupPoint: '融水县汽车站' },
    ]);
    // Two counties of one prefecture: the bus starts from the prefecture.
    expect(body.originRegionCode).toBe('450200');
    expect(body.destinationDistrictCode).toBe('440803');
    expect(body.destinationDistrictCodes).toEqual(['440803', '440802']);
    expect(body.requestIds).toEqual(['r1', 'r2', 'r3']);
    expect(body.departAt).toBe('2027-03-01T08:00:00+08:00');
  });

  it('drops a stop nobody boards at any more, and a one-county bus starts from that county', () => {
    const { buses } = editable(plan);
    const requests = new Map([['r2', request('r2', '450206', '柳江区汽车总站')]]);
    const body = confirmedBus({ ...buses[0]!, requestIds: ['r2'] }, requests);
    expect(body.stops).toHaveLength(1);
    expect(body.originRegionCode).toBe('450206');
  });

  it('adds days across a month end', () => {
    expect(addDays('2027-02-27', 3)).toBe('2027-03-02');
  });
});
