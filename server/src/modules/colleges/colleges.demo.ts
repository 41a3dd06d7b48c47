import type { Executor } from '../../db/database.js';
import type { Keys } from '../../platform/crypto.js';
import { findOrCreatePerson } from '../persons/index.js';
import * as repo from './colleges.repository.js';

const DAY = 86_400_000;

function chinaDate(now: Date, days: number): string {
  return new Date(now.getTime() + days * DAY + 8 * 3600_000).toISOString().slice(0, 10);
}

/**
 * Demo colleges (issue 6): the demo college account's 湛江市技师学院 with a cohort of 60 welding
 * students graduating in four months (three on file with consent, one sharing their name), and an
 * enterprise's internship demand for welders, ready to be paired.
 */
export async function seedDemoColleges(
  tx: Executor,
  keys: Keys,
  o: {
    now: Date;
    collegeUserId: string;
    demandEnterpriseId?: string | undefined;
    demandDistrictCode?: string;
    demandBy: string;
  },
): Promise<void> {
  const college = await repo.upsertCollege(tx, {
    ownerUserId: o.collegeUserId,
    name: '湛江市技师学院',
    districtCode: '440811',
    contactName: '招生就业处 周老师',
    contactPhone: '13600000001',
    at: o.now,
  });
  const cohortId = await repo.insertCohort(tx, {
    collegeId: college.id,
    major: '焊接技术应用',
    occupationCodes: ['6-18-02-04'],
    studentCount: 60,
    graduationDate: chinaDate(o.now, 120),
    districtCode: '440811',
    educationLevel: 'secondary_vocational',
    description: '2020届焊接技术应用专业，持焊工初级证，熟悉二保焊、氩弧焊',
    createdBy: o.collegeUserId,
    at: o.now,
  });
  await repo.insertCohort(tx, {
    collegeId: college.id,
    major: '电子技术应用',
    occupationCodes: ['6-25-04-01'],
    studentCount: 45,
    graduationDate: chinaDate(o.now, 120),
    districtCode: '440811',
    educationLevel: 'secondary_vocational',
    description: null,
    createdBy: o.collegeUserId,
    at: o.now,
  });
  const students = [
    { fullName: '梁家豪', phone: '13612340001', share: true },
    { fullName: '吴子健', phone: '13612340002', share: false },
    { fullName: '陈晓东', phone: '13612340003', share: false },
  ];
  for (const s of students) {
    const p = await findOrCreatePerson(tx, keys, { fullName: s.fullName, phone: s.phone }, o.collegeUserId);
    await repo.insertStudents(tx, [
      {
        cohortId,
        personId: p.id,
        consentSignedOn: chinaDate(o.now, -7),
        consentFileId: null,
        shareWithEnterprises: s.share,
        addedBy: o.collegeUserId,
        createdAt: o.now,
      },
    ]);
  }
  await repo.addListedStudents(tx, cohortId, students.length, o.now);
  if (o.demandEnterpriseId) {
    await repo.insertDemand(tx, {
      enterpriseId: o.demandEnterpriseId,
      districtCode: o.demandDistrictCode ?? '440803',
      kind: 'internship',
      occupationCodes: ['6-18-02-04'],
      count: 40,
      startsOn: chinaDate(o.now, 30),
      endsOn: chinaDate(o.now, 120),
      description: '钢结构焊接顶岗实习，包食宿，实习补贴每月2500元',
      createdBy: o.demandBy,
      at: o.now,
    });
  }
}
