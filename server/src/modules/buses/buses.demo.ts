import {
  TRAVEL_HEALTH_NOTICE_VERSION,
  prefectureOf,
  seatsForSaleOf,
  type HealthDeclaration,
} from '@jiuye/shared';
import type { Executor } from '../../db/database.js';
import type { Keys } from '../../platform/crypto.js';
import { memberEnterpriseIds } from '../enterprises/index.js';
import { findOrCreatePerson, personForUser } from '../persons/index.js';
import { addDays } from './buses.planner.js';
import * as repo from './buses.repository.js';
import { chinaToday } from './buses.views.js';

/*
 * Demo data for chartered buses: a few open travel requests from counties of Liuzhou (柳州) and
 * Longnan (陇南) and one open trip from Liuzhou to Xiashan, all relative to the demo's "now" and
 * otherwise fixed (same names, phones, counties every time).
 */

const HEALTHY: HealthDeclaration = {
  temperatureCelsius: 36.5,
  symptoms: [],
  contactWithCase: false,
  visitedHighRiskArea: false,
  healthCodeColor: 'green',
};

const WALK_INS: readonly {
  fullName: string;
  phone: string;
  origin: string;
  pickupPoint: string;
  destination: string;
  daysAhead: number;
  withEnterprise: boolean;
}[] = [
  {
    fullName: '韦国庆',
    phone: '17700000101',
    origin: '450206',
    pickupPoint: '柳江区拉堡镇汽车站',
    destination: '440803',
    daysAhead: 3,
    withEnterprise: true,
  },
  {
    fullName: '覃秀兰',
    phone: '17700000102',
    origin: '450206',
    pickupPoint: '柳江区拉堡镇汽车站',
    destination: '440803',
    daysAhead: 3,
    withEnterprise: true,
  },
  {
    fullName: '蓝志刚',
    phone: '17700000103',
    origin: '450223',
    pickupPoint: '鹿寨县客运站',
    destination: '440803',
    daysAhead: 4,
    withEnterprise: false,
  },
  {
    fullName: '莫春燕',
    phone: '17700000104',
    origin: '450222',
    pickupPoint: '柳城县汽车总站',
    destination: '440811',
    daysAhead: 5,
    withEnterprise: false,
  },
  {
    fullName: '杨建军',
    phone: '17700000105',
    origin: '621221',
    pickupPoint: '成县汽车站',
    destination: '440803',
    daysAhead: 6,
    withEnterprise: true,
  },
  {
    fullName: '赵丽娟',
    phone: '17700000106',
    origin: '621221',
    pickupPoint: '成县汽车站',
    destination: '440803',
    daysAhead: 6,
    withEnterprise: false,
  },
  {
    fullName: '王海波',
    phone: '17700000107',
    origin: '621202',
    pickupPoint: '武都区汽车站',
    destination: '440811',
    daysAhead: 7,
    withEnterprise: false,
  },
  {
    fullName: '张小红',
    phone: '17700000108',
    origin: '621226',
    pickupPoint: '礼县汽车站',
    destination: '440811',
    daysAhead: 7,
    withEnterprise: false,
  },
];

export type BusDemoAnchors = {
  /** City-wide officer recording consents given on paper. */
  staffUserId: string;
  /** District officer (Xiashan) escorting the open trip. */
  escortUserId: string;
  /** Demo seeker with an open request the trip serves (books it in the demo). */
  seekerUserId: string;
  /** Demo employer: its enterprise receives some of the workers. */
  employerUserId: string;
};

/** Inserts the bus demo data in the caller's transaction; answers what it created. */
export async function seedBusDemo(
  tx: Executor,
  keys: Keys,
  now: Date,
  a: BusDemoAnchors,
): Promise<{ travelRequests: number; trips: number }> {
  const today = chinaToday(now);
  const enterpriseId = (await memberEnterpriseIds(tx, a.employerUserId))[0] ?? null;
  const requestIds: { id: string; origin: string; destination: string }[] = [];

  const add = async (
    personId: string,
    r: { origin: string; pickupPoint: string; destination: string; daysAhead: number; phone: string },
    enterprise: string | null,
    self: boolean,
  ) => {
    const id = await repo.insertTravelRequest(tx, {
      personId,
      originRegionCode: r.origin,
      originPrefectureCode: prefectureOf(r.origin),
      pickupPoint: r.pickupPoint,
      destinationDistrictCode: r.destination,
      enterpriseId: enterprise,
      applicationId: null,
      earliestDate: addDays(today, r.daysAhead),
      latestDate: addDays(today, r.daysAhead + 10),
      contactPhone: r.phone,
      health: HEALTHY,
      healthAttention: false,
      consentId: self
        ? await repo.insertConsent(tx, {
            userId: a.seekerUserId,
            kind: 'travel_health',
            noticeVersion: TRAVEL_HEALTH_NOTICE_VERSION,
            context: { demo: true },
            grantedAt: now,
          })
        : null,
      consentNoticeVersion: TRAVEL_HEALTH_NOTICE_VERSION,
      consentAt: now,
      consentRecordedBy: self ? null : a.staffUserId,
      note: null,
      createdByKind: self ? 'self' : 'staff',
      createdBy: self ? a.seekerUserId : a.staffUserId,
      at: now,
    });
    requestIds.push({ id, origin: r.origin, destination: r.destination });
  };

  for (const w of WALK_INS) {
    const person = await findOrCreatePerson(
      tx,
      keys,
      { fullName: w.fullName, phone: w.phone },
      a.staffUserId,
    );
    await add(person.id, w, w.withEnterprise ? enterpriseId : null, false);
  }
  const seeker = await personForUser(tx, keys, a.seekerUserId);
  await add(
    seeker.id,
    {
      origin: '450222',
      pickupPoint: '柳城县汽车总站',
      destination: '440803',
      daysAhead: 3,
      phone: '13700000001',
    },
    enterpriseId,
    true,
  );

  // One open bus: Liuzhou (柳江, 柳城, 鹿寨) → Xiashan, four days ahead, 45 seats at a 50% load limit.
  const departAt = new Date(`${addDays(today, 4)}T08:00:00+08:00`);
  const arriveBy = new Date(departAt.getTime() + 10 * 3600_000);
  const n = await repo.nextTripNumber(tx);
  const tripId = await repo.insertTrip(tx, {
    code: `ZJ${addDays(today, 4).slice(2).replace(/-/g, '')}-${String(n).padStart(3, '0')}`,
    status: 'open',
    originRegionCode: '450200',
    pickupPoint: '柳江区拉堡镇汽车站',
    stops: [
      { regionCode: '450206', pickupPoint: '柳江区拉堡镇汽车站', time: null },
      { regionCode: '450222', pickupPoint: '柳城县汽车总站', time: null },
      { regionCode: '450223', pickupPoint: '鹿寨县客运站', time: null },
    ],
    destinationDistrictCode: '440803',
    destinationDistrictCodes: ['440803'],
    departAt,
    arriveBy,
    capacity: 45,
    loadLimitPercent: 50,
    seatsForSale: seatsForSaleOf(45, 50),
    plate: '粤G12345',
    driverName: '陈师傅',
    driverPhone: '13912345678',
    escortUserId: a.escortUserId,
    note: '请携带身份证，提前30分钟到达上车点。',
    costFen: 680_000,
    costPayer: 'bureau',
    invoiceRef: null,
    createdBy: a.staffUserId,
    openedAt: now,
    at: now,
  });
  await repo.replaceCostShares(tx, tripId, [{ payerKind: 'bureau', enterpriseId: null, amountFen: 680_000 }]);
  await repo.addPlannedRequests(
    tx,
    tripId,
    requestIds
      .filter((r) => prefectureOf(r.origin) === '450200' && r.destination === '440803')
      .map((r) => r.id),
  );
  return { travelRequests: requestIds.length, trips: 1 };
}
