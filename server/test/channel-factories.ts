import { randomInt } from 'node:crypto';
import { creditCodeCheckChar, monthlyFen } from '@jiuye/shared';
import type { Db } from '../src/db/database.js';
import { postingSearchText, postingSearchVector } from '../src/modules/search/search.index.js';

const CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A unique, valid unified social credit code (91 = enterprise, 4408xx = Zhanjiang). */
export function uniqueCreditCode(): string {
  let body = '91440800';
  for (let i = 0; i < 9; i++) body += CODE_CHARS[randomInt(CODE_CHARS.length)];
  return body + creditCodeCheckChar(body);
}

export type TestEnterprise = { id: string; name: string; creditCode: string; districtCode: string };

/** An enterprise owned by `ownerUserId` (an employer), verified unless told otherwise. */
export async function createEnterprise(
  db: Db,
  o: {
    ownerUserId: string;
    ownerPhone: string;
    name?: string;
    districtCode?: string;
    status?: 'pending' | 'verified';
  },
): Promise<TestEnterprise> {
  const creditCode = uniqueCreditCode();
  const name = o.name ?? `湛江测试企业${creditCode.slice(8, 14)}有限公司`;
  const districtCode = o.districtCode ?? '440803';
  const row = await db
    .insertInto('enterprises')
    .values({
      name,
      creditCode,
      creditCodeChecksumValid: true,
      industryCode: 'C',
      districtCode,
      size: 'small',
      address: '湛江市霞山区人民大道南 1 号',
      contactName: '王敏',
      contactPhone: o.ownerPhone,
      status: o.status ?? 'verified',
      verifiedAt: o.status === 'pending' ? null : new Date(),
      ownerUserId: o.ownerUserId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('enterpriseMembers')
    .values({ enterpriseId: row.id, phone: o.ownerPhone, role: 'owner' })
    .execute();
  return { id: row.id, name, creditCode, districtCode };
}

export type PostingOverrides = Partial<{
  title: string;
  occupationCode: string;
  description: string;
  districtCode: string;
  headcount: number;
  salaryMinFen: number;
  salaryMaxFen: number;
  salaryPeriod: 'month' | 'day' | 'hour';
  employmentType: 'full_time' | 'part_time' | 'temporary' | 'internship';
  educationLevel: string | null;
  experienceYears: number;
  skills: string[];
  benefits: string[];
  targetRegionCodes: string[];
  status: string;
  publishedAt: Date;
  expiresOn: string;
}>;

/** A posting inserted directly (published by default), with its search vector, for tests of other modules. */
export async function createPosting(
  db: Db,
  enterprise: TestEnterprise,
  o: PostingOverrides = {},
): Promise<{ id: string }> {
  const occupationCode = o.occupationCode ?? '6-18-02-04';
  const occ = await db
    .selectFrom('occupations')
    .select(['nameZh', 'nameEn', 'keywords'])
    .where('code', '=', occupationCode)
    .executeTakeFirstOrThrow();
  const title = o.title ?? '电焊工';
  const salaryPeriod = o.salaryPeriod ?? 'month';
  const salaryMinFen = o.salaryMinFen ?? 600_000;
  const salaryMaxFen = o.salaryMaxFen ?? 900_000;
  const skills = o.skills ?? ['二保焊'];
  const description = o.description ?? '负责钢结构焊接，持焊工证优先，包吃住。';
  const input = {
    title,
    occupationNames: [occ.nameZh, occ.nameEn],
    occupationKeywords: occ.keywords,
    skills,
    enterpriseName: enterprise.name,
    description,
  };
  const status = o.status ?? 'published';
  const row = await db
    .insertInto('jobPostings')
    .values({
      enterpriseId: enterprise.id,
      title,
      occupationCode,
      description,
      districtCode: o.districtCode ?? enterprise.districtCode,
      headcount: o.headcount ?? 5,
      salaryMinFen,
      salaryMaxFen,
      salaryPeriod,
      salaryMonthMinFen: monthlyFen(salaryMinFen, salaryPeriod),
      salaryMonthMaxFen: monthlyFen(salaryMaxFen, salaryPeriod),
      employmentType: o.employmentType ?? 'full_time',
      educationLevel: o.educationLevel ?? null,
      experienceYears: o.experienceYears ?? 0,
      skills,
      benefits: o.benefits ?? ['board', 'lodging'],
      targetRegionCodes: o.targetRegionCodes ?? [],
      expiresOn: o.expiresOn ?? new Date(Date.now() + 60 * 86400_000).toISOString().slice(0, 10),
      status,
      publishedAt: status === 'published' ? (o.publishedAt ?? new Date()) : null,
      searchVector: postingSearchVector(input),
      searchText: postingSearchText(input),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row;
}
