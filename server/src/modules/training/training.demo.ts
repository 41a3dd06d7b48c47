import type { Executor } from '../../db/database.js';
import type { Keys } from '../../platform/crypto.js';
import { personForUser } from '../persons/index.js';
import * as repo from './training.repository.js';

const DAY = 86_400_000;

/** 'YYYY-MM-DD' China date `days` from now. */
function chinaDate(now: Date, days: number): string {
  return new Date(now.getTime() + days * DAY + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Weekday sessions 09:00–12:00 China time from `firstDay` on, `count` of them. */
function weekdaySessions(firstDay: string, count: number, topics: readonly string[]) {
  const out: { startsAt: string; endsAt: string; topic: string | null }[] = [];
  for (let d = Date.parse(`${firstDay}T00:00:00Z`); out.length < count; d += DAY) {
    const day = new Date(d);
    if (day.getUTCDay() === 0 || day.getUTCDay() === 6) continue;
    const iso = day.toISOString().slice(0, 10);
    out.push({
      startsAt: `${iso}T09:00:00+08:00`,
      endsAt: `${iso}T12:00:00+08:00`,
      topic: topics[out.length % topics.length] ?? null,
    });
  }
  return out;
}

/**
 * Demo training (issue 7): the demo college's provider record with a welding and an elderly-care
 * course, a staff-registered training centre running a live-commerce course, and the demo seeker
 * 黄志强 enrolled in the welding course.
 */
export async function seedDemoTraining(
  tx: Executor,
  keys: Keys,
  o: { now: Date; collegeUserId: string; staffId: string; seekerUserId: string },
): Promise<void> {
  const at = o.now;
  const college = await repo.insertProvider(tx, {
    name: '湛江市技师学院',
    kind: 'college',
    licenceNumber: '144080070001',
    districtCode: '440811',
    contactName: '招生就业处 周老师',
    contactPhone: '13600000001',
    ownerUserId: o.collegeUserId,
    createdBy: o.collegeUserId,
    at,
  });
  const centre = await repo.insertProvider(tx, {
    name: '霞山区职业技能培训中心',
    kind: 'agency',
    licenceNumber: '244080370012',
    districtCode: '440803',
    contactName: '张主任',
    contactPhone: null,
    ownerUserId: null,
    createdBy: o.staffId,
    at,
  });
  const welderStart = chinaDate(o.now, 7);
  const welding = await repo.insertCourse(
    tx,
    {
      providerId: college,
      occupationCode: '6-18-02-04',
      title: '焊工（初级）职业技能培训班',
      description: '手工电弧焊、二氧化碳气体保护焊实操，结业参加焊工初级职业技能等级认定。',
      hours: 120,
      subsidyPerHeadFen: 180_000,
      schedule: '周一至周五 9:00–12:00，共 20 次课',
      capacity: 30,
      districtCode: '440803',
      startsOn: welderStart,
      endsOn: chinaDate(o.now, 40),
      createdBy: o.collegeUserId,
      at,
    },
    weekdaySessions(welderStart, 20, ['安全操作规程', '手工电弧焊', '二保焊', '焊缝检验']),
  );
  const careStart = chinaDate(o.now, 14);
  await repo.insertCourse(
    tx,
    {
      providerId: college,
      occupationCode: '4-10-01-05',
      title: '养老护理员（五级）培训班',
      description: '生活照料、基础护理、康复服务，面向“4050”人员和农村转移劳动力。',
      hours: 80,
      subsidyPerHeadFen: 120_000,
      schedule: '周一至周五 9:00–12:00，共 12 次课',
      capacity: 20,
      districtCode: '440803',
      startsOn: careStart,
      endsOn: chinaDate(o.now, 35),
      createdBy: o.collegeUserId,
      at,
    },
    weekdaySessions(careStart, 12, ['生活照料', '基础护理', '康复服务']),
  );
  const liveStart = chinaDate(o.now, 3);
  await repo.insertCourse(
    tx,
    {
      providerId: centre,
      occupationCode: '4-01-02-02',
      title: '农产品直播带货（电子商务师）培训班',
      description: '短视频拍摄、直播话术、网店运营，配合农村电商项目。',
      hours: 48,
      subsidyPerHeadFen: 80_000,
      schedule: '周一至周五 9:00–12:00，共 8 次课',
      capacity: 40,
      districtCode: '440803',
      startsOn: liveStart,
      endsOn: chinaDate(o.now, 20),
      createdBy: o.staffId,
      at,
    },
    weekdaySessions(liveStart, 8, ['直播基础', '短视频', '网店运营']),
  );
  const seeker = await personForUser(tx, keys, o.seekerUserId);
  if (await repo.takePlace(tx, welding, at)) {
    await repo.insertEnrollment(tx, {
      courseId: welding,
      personId: seeker.id,
      enrolledVia: 'self',
      enrolledBy: o.seekerUserId,
      at,
    });
  }
}
