import type { Executor } from '../../db/database.js';
import * as repo from './welfare-posts.repository.js';

/**
 * Demo public-welfare posts (issue 7): two posts of the demo employer's unit in its district. No
 * placements: those need people classified with employment difficulties, which staff place.
 */
export async function seedDemoWelfarePosts(
  tx: Executor,
  o: { now: Date; enterpriseId: string; districtCode: string; createdBy: string },
): Promise<void> {
  const base = {
    enterpriseId: o.enterpriseId,
    districtCode: o.districtCode,
    createdBy: o.createdBy,
    at: o.now,
  };
  await repo.insertPost(tx, {
    ...base,
    title: '社区保洁员',
    duties: '负责辖区社区公共区域、绿化带的日常保洁和垃圾分类督导。',
    headcount: 5,
    termMonths: 24,
    monthlySubsidyFen: 180_000,
    weeklyHours: 40,
  });
  await repo.insertPost(tx, {
    ...base,
    title: '就业服务协管员',
    duties: '协助社区开展失业登记、政策宣传和困难人员走访。',
    headcount: 3,
    termMonths: 12,
    monthlySubsidyFen: 200_000,
    weeklyHours: 30,
  });
}
