import type { Executor } from '../../db/database.js';
import * as repo from './job-fairs.repository.js';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** A China calendar day's moment (UTC+8), `days` from `now`'s day, at `hour` o'clock. */
function chinaDayAt(now: Date, days: number, hour: number): Date {
  const day = new Date(now.getTime() + 8 * HOUR + days * DAY).toISOString().slice(0, 10);
  return new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`);
}

/**
 * Demo fairs (issue 6): a live online fair for Longnan and Liuzhou workers with approved booths,
 * and an on-site fair next week at the city's human-resources market (registration, check-in QR).
 */
export async function seedDemoFairs(
  tx: Executor,
  a: {
    now: Date;
    officerId: string;
    districtCode: string;
    booths: readonly {
      enterpriseId: string;
      boothName: string;
      contactName: string;
      contactPhone: string;
      ownerUserId: string;
      postingIds: readonly string[];
    }[];
  },
): Promise<{ fairs: string[] }> {
  const online = await repo.insertFair(tx, {
    theme: '春风行动',
    titleZh: '湛江—陇南、柳州劳务协作网络招聘会',
    titleEn: 'Zhanjiang–Longnan and Liuzhou online job fair',
    description: '面向陇南、柳州籍劳动者的专场网络招聘会：包吃住岗位、点对点返岗包车。',
    mode: 'online',
    venue: null,
    districtCode: a.districtCode,
    startsAt: new Date(a.now.getTime() - 2 * HOUR),
    endsAt: new Date(a.now.getTime() + 7 * DAY),
    targetGroups: ['migrant_worker', 'poor_household'],
    targetRegionCodes: ['621200', '450200'],
    boothCapacity: 50,
    status: 'published',
    publishedAt: new Date(a.now.getTime() - DAY),
    createdBy: a.officerId,
    at: new Date(a.now.getTime() - DAY),
  });
  for (const b of a.booths) {
    if (b.postingIds.length === 0) continue;
    const id = await repo.insertBooth(
      tx,
      {
        fairId: online,
        enterpriseId: b.enterpriseId,
        boothName: b.boothName.slice(0, 100),
        introduction: '包吃住，可安排返岗包车',
        contactName: b.contactName,
        contactPhone: b.contactPhone,
        createdBy: b.ownerUserId,
        at: new Date(a.now.getTime() - DAY),
      },
      b.postingIds,
    );
    if (await repo.takeBoothPlace(tx, online)) {
      await repo.setBoothStatus(tx, id, 'pending', 'approved', { reason: null, by: a.officerId }, a.now);
    }
  }
  const onSite = await repo.insertFair(tx, {
    theme: '就业援助月',
    titleZh: '霞山区春季现场招聘会',
    titleEn: 'Xiashan spring on-site job fair',
    description: '现场招聘会：报名后凭签到二维码入场。',
    mode: 'on_site',
    venue: '湛江市人力资源市场一楼大厅（霞山区人民大道南）',
    districtCode: a.districtCode,
    startsAt: chinaDayAt(a.now, 7, 9),
    endsAt: chinaDayAt(a.now, 7, 17),
    targetGroups: ['general'],
    targetRegionCodes: [],
    boothCapacity: 80,
    status: 'published',
    publishedAt: a.now,
    createdBy: a.officerId,
    at: a.now,
  });
  return { fairs: [online, onSite] };
}
