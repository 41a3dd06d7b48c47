import {
  BENEFITS,
  benefitLabel,
  creditCodeCheckChar,
  idCheckChar,
  maskIdNumber,
  monthlyFen,
  type ApplicationStatus,
  type KeyGroup,
  type ResumeSnapshot,
} from '@jiuye/shared';
import {
  BRAND_CHARS,
  DISTRICTS,
  EMPLOYER_NAMES_FOR_EXPERIENCE,
  GIVEN_FEMALE,
  GIVEN_MALE,
  INDUSTRIES,
  OFFICE_POSTINGS,
  SEEKER_TRADES,
  SOURCE_CITIES,
  SOURCE_COUNTIES,
  SURNAMES,
  type Benefit,
  type DistrictInfo,
  type EmploymentType,
  type IndustryTemplate,
  type PostingTemplate,
  type SalaryPeriod,
} from './demo.data.js';

/**
 * The deterministic demo data set: the same seed and scale give the same enterprises, postings,
 * people and applications on every machine (a seeded PRNG, no Math.random, ids drawn from it too).
 * Times are offsets from `now` (the load time), so the postings are fresh whenever it is loaded.
 * Pure: no I/O; the loader (index.ts) adds encryption and search vectors and inserts the rows.
 */

/** mulberry32: a small, fast, well-distributed 32-bit PRNG (public domain). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  constructor(private readonly next: () => number) {}
  float(): number {
    return this.next();
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    const v = items[Math.floor(this.next() * items.length)];
    if (v === undefined) throw new Error('pick from an empty list');
    return v;
  }
  weighted<T>(items: readonly T[], weight: (t: T) => number): T {
    const total = items.reduce((s, t) => s + weight(t), 0);
    let x = this.next() * total;
    for (const t of items) {
      x -= weight(t);
      if (x < 0) return t;
    }
    return this.pick(items);
  }
  sample<T>(items: readonly T[], k: number): T[] {
    const copy = [...items];
    const out: T[] = [];
    while (out.length < k && copy.length > 0) {
      const i = Math.floor(this.next() * copy.length);
      out.push(...copy.splice(i, 1));
    }
    return out;
  }
  uuid(): string {
    const hex = Array.from({ length: 4 }, () =>
      Math.floor(this.next() * 0x100000000)
        .toString(16)
        .padStart(8, '0'),
    ).join('');
    // Version 4 and the RFC 4122 variant, so the ids look like any other.
    const variant = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }
}

const DAY_MS = 86400_000;
const HOUR_MS = 3600_000;

/** The China calendar day (UTC+8) of an instant. */
function chinaDate(at: Date): string {
  return new Date(at.getTime() + 8 * HOUR_MS).toISOString().slice(0, 10);
}

/** YYYY-MM, `monthsAgo` months before `now` (China time). */
function yearMonth(now: Date, monthsAgo: number): string {
  const d = new Date(now.getTime() + 8 * HOUR_MS);
  const total = d.getUTCFullYear() * 12 + d.getUTCMonth() - monthsAgo;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}

/** An instant on a China-time day `days` from now, at hh:mm. */
function chinaTimeAt(now: Date, days: number, hh: number, mm: number): Date {
  const day = chinaDate(new Date(now.getTime() + days * DAY_MS));
  return new Date(`${day}T${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:00+08:00`);
}

// ——— Output ———

export type DemoUser = { id: string; phone: string; role: 'employer' | 'seeker'; displayName: string };

export type DemoEnterprise = {
  id: string;
  name: string;
  creditCode: string;
  industryCode: string;
  industryKey: string;
  districtCode: string;
  size: 'micro' | 'small' | 'medium' | 'large';
  address: string;
  contactName: string;
  contactPhone: string;
  status: 'verified' | 'pending';
  ownerUserId: string;
  verifiedAt: Date | null;
  createdAt: Date;
  clerkPhone: string | null;
};

export type DemoPosting = {
  id: string;
  enterpriseId: string;
  enterpriseName: string;
  title: string;
  occupationCode: string;
  description: string;
  districtCode: string;
  address: string;
  headcount: number;
  hiredCount: number;
  salaryMinFen: number;
  salaryMaxFen: number;
  salaryPeriod: SalaryPeriod;
  salaryMonthMinFen: number;
  salaryMonthMaxFen: number;
  employmentType: EmploymentType;
  educationLevel: string | null;
  experienceYears: number;
  skills: string[];
  benefits: Benefit[];
  targetRegionCodes: string[];
  expiresOn: string;
  status: 'published' | 'paused' | 'pending_review';
  publishedAt: Date | null;
  createdAt: Date;
  createdBy: string;
};

export type DemoExperience = {
  employer: string;
  title: string;
  occupationCode: string;
  from: string;
  to: string | null;
  description: string;
};

export type DemoResume = {
  userId: string;
  phone: string;
  fullName: string;
  idNumber: string;
  birthDate: string;
  gender: 'male' | 'female';
  householdRegionCode: string;
  educationLevel: string;
  skills: string[];
  experiences: DemoExperience[];
  certificates: { name: string; issuer: string }[];
  desiredOccupationCodes: string[];
  desiredDistrictCodes: string[];
  expectedSalaryMinFen: number | null;
  availableFrom: string | null;
  willingToRelocate: boolean;
  currentRegionCode: string;
  experienceYears: number;
  keyGroups: KeyGroup[];
  keyGroupConsentId: string | null;
  visibleToEmployers: boolean;
  visibilityConsentId: string | null;
  createdAt: Date;
};

export type DemoConsent = {
  id: string;
  userId: string;
  kind: 'resume_share' | 'resume_visibility' | 'key_group_status';
  context: Record<string, unknown>;
  grantedAt: Date;
};

export type DemoEvent = {
  fromStatus: ApplicationStatus | null;
  toStatus: ApplicationStatus;
  note: string | null;
  actorUserId: string;
  at: Date;
};

export type DemoApplication = {
  id: string;
  postingId: string;
  seekerUserId: string;
  enterpriseId: string;
  status: ApplicationStatus;
  note: string | null;
  interviewAt: Date | null;
  interviewPlace: string | null;
  rejectReason: string | null;
  resumeSnapshot: ResumeSnapshot;
  consentId: string;
  createdAt: Date;
  updatedAt: Date;
  events: DemoEvent[];
};

export type DemoDataset = {
  employers: DemoUser[];
  seekers: DemoUser[];
  enterprises: DemoEnterprise[];
  postings: DemoPosting[];
  resumes: DemoResume[];
  consents: DemoConsent[];
  applications: DemoApplication[];
  hires: {
    applicationId: string;
    postingId: string;
    enterpriseId: string;
    seekerUserId: string;
    hiredAt: Date;
  }[];
};

/** The accounts of DEMO_ACCOUNTS the data set hangs on (their ids come from the database). */
export type DemoAnchors = {
  employer: { id: string; phone: string };
  seekers: readonly [{ id: string; phone: string }, { id: string; phone: string }];
  reviewerId: string;
};

export type GenerateOptions = {
  now: Date;
  anchors: DemoAnchors;
  /** 1 = 240 enterprises, 1,200 postings, 2,000 seekers; tests load a fraction. */
  scale?: number;
  seed?: number;
  /** Phones already registered: skipped when numbering generated accounts. */
  takenPhones?: ReadonlySet<string>;
};

export const DEMO_SEED = 20200301;
export const DEMO_ENTERPRISE_NAME = '湛江港湾水产食品有限公司';

const SIZES = [
  { size: 'micro', weight: 20, postings: [1, 3] },
  { size: 'small', weight: 45, postings: [2, 5] },
  { size: 'medium', weight: 25, postings: [4, 7] },
  { size: 'large', weight: 10, postings: [6, 10] },
] as const;

const EXTRA_BENEFITS: readonly Benefit[] = ['paid_leave', 'training', 'festival_gifts', 'bonus', 'transport'];

function districtOf(code: string): DistrictInfo {
  const d = DISTRICTS.find((x) => x.code === code);
  if (!d) throw new Error(`demo: unknown district ${code}`);
  return d;
}

function roundPay(yuan: number, period: SalaryPeriod): number {
  const step = period === 'month' ? 100 : period === 'day' ? 10 : 1;
  return Math.max(step, Math.round(yuan / step) * step);
}

function certificateIssuer(name: string): string {
  if (name.startsWith('特种作业')) return '湛江市应急管理局';
  if (name.startsWith('特种设备')) return '湛江市市场监督管理局';
  if (name.startsWith('机动车驾驶证')) return '湛江市公安局交通警察支队';
  if (name.includes('职业技能等级')) return '湛江市人力资源和社会保障局';
  if (name.includes('会计')) return '广东省财政厅';
  if (name.startsWith('保安员证')) return '湛江市公安局';
  if (name.startsWith('渔业船员')) return '湛江市农业农村局';
  return '';
}

function describe(
  rng: Rng,
  t: PostingTemplate,
  o: {
    enterpriseName: string;
    title: string;
    headcount: number;
    experienceYears: number;
    shift: string;
    benefits: readonly Benefit[];
    address: string;
  },
): string {
  const duties = t.duties.map((d, i) => `${i + 1}. ${d}`).join('\n');
  const reqs = [
    ...(t.requirements ?? []),
    o.experienceYears > 0 ? `有${o.experienceYears}年以上相关工作经验` : '无经验可培训上岗',
    rng.pick(['责任心强，服从工作安排', '工作认真细致，有团队精神', '能吃苦耐劳，服从管理']),
  ]
    .map((r, i) => `${i + 1}. ${r}`)
    .join('\n');
  const benefits = o.benefits.map((b) => benefitLabel(b, 'zh-CN')).join('、');
  return [
    `${o.enterpriseName}招聘${o.title}${o.headcount}名。`,
    `岗位职责：\n${duties}`,
    `任职要求：\n${reqs}`,
    `工作时间：${o.shift}`,
    benefits ? `福利待遇：${benefits}` : '',
    `工作地点：${o.address}`,
  ]
    .filter((s) => s !== '')
    .join('\n');
}

type Trade = (typeof SEEKER_TRADES)[number];

/** The whole data set. Throws if the vocabulary is inconsistent (a test runs it). */
export function generateDemoData(opts: GenerateOptions): DemoDataset {
  const scale = opts.scale ?? 1;
  const rng = new Rng(mulberry32(opts.seed ?? DEMO_SEED));
  const now = opts.now;
  const taken = opts.takenPhones ?? new Set<string>();
  const { anchors } = opts;

  const enterpriseCount = Math.max(12, Math.round(240 * scale));
  const postingTarget = Math.max(60, Math.round(1200 * scale));
  const seekerCount = Math.max(40, Math.round(2000 * scale));
  const applicationCount = Math.max(10, Math.round(40 * scale));

  const out: DemoDataset = {
    employers: [],
    seekers: [],
    enterprises: [],
    postings: [],
    resumes: [],
    consents: [],
    applications: [],
    hires: [],
  };

  const usedPhones = new Set<string>(taken);
  function phoneFrom(prefix: string, start: number): () => string {
    let n = start;
    return () => {
      for (;;) {
        const p = `${prefix}${String(n++).padStart(8, '0')}`;
        if (!usedPhones.has(p)) {
          usedPhones.add(p);
          return p;
        }
      }
    };
  }
  const employerPhone = phoneFrom('139', 10_000_000);
  const clerkPhone = phoneFrom('139', 20_000_000);
  const seekerPhone = phoneFrom('137', 10_000_000);

  function personName(gender: 'male' | 'female'): string {
    const pool = gender === 'male' ? GIVEN_MALE : GIVEN_FEMALE;
    const given = rng.chance(0.7) ? rng.pick([...pool]) + rng.pick([...pool]) : rng.pick([...pool]);
    return rng.pick([...SURNAMES]) + given;
  }

  // ——— Enterprises ———
  const usedNames = new Set<string>([DEMO_ENTERPRISE_NAME]);
  const usedCodes = new Set<string>();
  const CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  function creditCode(districtCode: string): string {
    for (;;) {
      let body = `91${districtCode}`;
      for (let i = 0; i < 9; i++) body += rng.pick([...CODE_CHARS]);
      const code = body + creditCodeCheckChar(body);
      if (!usedCodes.has(code)) {
        usedCodes.add(code);
        return code;
      }
    }
  }
  const industryOf = new Map<string, IndustryTemplate>();

  const seafoodFound = INDUSTRIES.find((i) => i.key === 'seafood');
  if (!seafoodFound) throw new Error('demo: no seafood industry');
  const seafood: IndustryTemplate = seafoodFound;
  const demoAddress = '湛江市霞山区海滨大道南88号';
  const demoEnterprise: DemoEnterprise = {
    id: rng.uuid(),
    name: DEMO_ENTERPRISE_NAME,
    creditCode: creditCode('440803'),
    industryCode: 'C',
    industryKey: 'seafood',
    districtCode: '440803',
    size: 'medium',
    address: demoAddress,
    contactName: '王敏',
    contactPhone: anchors.employer.phone,
    status: 'verified',
    ownerUserId: anchors.employer.id,
    verifiedAt: new Date(now.getTime() - 300 * DAY_MS),
    createdAt: new Date(now.getTime() - 302 * DAY_MS),
    clerkPhone: clerkPhone(),
  };
  out.enterprises.push(demoEnterprise);
  industryOf.set(demoEnterprise.id, seafood);

  for (let i = 1; i < enterpriseCount; i++) {
    const industry = rng.weighted(INDUSTRIES, (x) => x.weight);
    const district = districtOf(rng.pick(industry.districts));
    let name = '';
    let brand = '';
    for (let attempt = 0; ; attempt++) {
      brand = rng.pick([...BRAND_CHARS]) + rng.pick([...BRAND_CHARS]);
      if (brand[0] === brand[1]) continue;
      name = `${district.namePrefix}${brand}${rng.pick(industry.cores)}${rng.pick(industry.suffixes)}`;
      if (!usedNames.has(name)) break;
      if (attempt > 50) throw new Error('demo: cannot find a new enterprise name');
    }
    usedNames.add(name);
    const size = rng.weighted(SIZES, (s) => s.weight).size;
    const gender = rng.chance(0.5) ? 'male' : 'female';
    const contact = personName(gender);
    const owner: DemoUser = {
      id: rng.uuid(),
      phone: employerPhone(),
      role: 'employer',
      displayName: `${brand}${industry.cores[0] ?? ''} 人事 ${contact}`.slice(0, 60),
    };
    out.employers.push(owner);
    const createdAt = new Date(now.getTime() - rng.int(60, 720) * DAY_MS - rng.int(0, 86399) * 1000);
    const pending = rng.chance(0.05);
    const e: DemoEnterprise = {
      id: rng.uuid(),
      name,
      creditCode: creditCode(district.code),
      industryCode: industry.section,
      industryKey: industry.key,
      districtCode: district.code,
      size,
      address: `${district.addressPrefix}${rng.pick(district.roads)}${rng.int(1, 300)}号`,
      contactName: contact,
      contactPhone: owner.phone,
      status: pending ? 'pending' : 'verified',
      ownerUserId: owner.id,
      verifiedAt: pending ? null : new Date(createdAt.getTime() + rng.int(1, 5) * DAY_MS),
      createdAt,
      clerkPhone: rng.chance(0.25) ? clerkPhone() : null,
    };
    out.enterprises.push(e);
    industryOf.set(e.id, industry);
  }

  // ——— Postings ———
  function makePosting(
    e: DemoEnterprise,
    t: PostingTemplate,
    o: { title?: string; status?: DemoPosting['status']; headcount?: number; daysAgo?: number } = {},
  ): DemoPosting {
    const industry = industryOf.get(e.id) ?? seafood;
    const period = t.period ?? 'month';
    const jitter = 0.9 + rng.float() * 0.25;
    const minYuan = roundPay(t.pay[0] * jitter, period);
    const maxYuan = Math.max(roundPay(t.pay[1] * jitter, period), minYuan + roundPay(1, period));
    const headcount = o.headcount ?? rng.int(t.headcount[0], t.headcount[1]);
    const experienceYears = t.experience ? rng.int(t.experience[0], t.experience[1]) : 0;
    const benefits = [
      ...new Set<Benefit>([...(t.benefits ?? []), ...EXTRA_BENEFITS.filter(() => rng.chance(0.15))]),
    ].filter((b) => (BENEFITS as readonly string[]).includes(b));
    const title = o.title ?? rng.pick(t.titles);
    // Construction sites are where the work is; other jobs are at the enterprise.
    const siteDistrict =
      industry.key === 'construction' && rng.chance(0.5)
        ? districtOf(rng.pick(DISTRICTS).code)
        : districtOf(e.districtCode);
    const address =
      siteDistrict.code === e.districtCode && industry.key !== 'construction'
        ? e.address
        : `${siteDistrict.addressPrefix}${rng.pick(siteDistrict.roads)}项目工地`;
    const manual =
      t.education === undefined || t.education === null || t.education === 'secondary_vocational';
    const targetRegionCodes = manual && rng.chance(0.15) ? rng.sample(SOURCE_CITIES, rng.int(1, 2)) : [];
    const status =
      o.status ?? (rng.chance(0.03) ? 'pending_review' : rng.chance(0.02) ? 'paused' : 'published');
    const published = new Date(
      now.getTime() - (o.daysAgo ?? rng.int(0, 30)) * DAY_MS - rng.int(0, 23 * 60) * 60_000 - HOUR_MS,
    );
    const createdAt = new Date(published.getTime() - rng.int(2, 48) * HOUR_MS);
    return {
      id: rng.uuid(),
      enterpriseId: e.id,
      enterpriseName: e.name,
      title,
      occupationCode: t.occupation,
      description: describe(rng, t, {
        enterpriseName: e.name,
        title,
        headcount,
        experienceYears,
        shift: rng.pick(industry.shifts),
        benefits,
        address,
      }),
      districtCode: siteDistrict.code,
      address,
      headcount,
      hiredCount: 0,
      salaryMinFen: minYuan * 100,
      salaryMaxFen: maxYuan * 100,
      salaryPeriod: period,
      salaryMonthMinFen: monthlyFen(minYuan * 100, period),
      salaryMonthMaxFen: monthlyFen(maxYuan * 100, period),
      employmentType: t.type ?? 'full_time',
      educationLevel: t.education ?? null,
      experienceYears,
      skills: rng.sample(t.skills, Math.min(t.skills.length, rng.int(2, 4))),
      benefits,
      targetRegionCodes,
      expiresOn: chinaDate(new Date(published.getTime() + rng.int(45, 90) * DAY_MS)),
      status,
      publishedAt: status === 'pending_review' ? null : published,
      createdAt: status === 'pending_review' ? new Date(now.getTime() - rng.int(1, 48) * HOUR_MS) : createdAt,
      createdBy: e.ownerUserId,
    };
  }

  // The demo employer's enterprise: a seafood processor in 霞山区 with a posting for every step.
  const byTitle = (title: string): PostingTemplate => {
    const t = [...seafood.postings, ...INDUSTRIES.flatMap((i) => i.postings)].find((p) =>
      p.titles.includes(title),
    );
    if (!t) throw new Error(`demo: no template titled ${title}`);
    return t;
  };
  const demoPostings = [
    makePosting(demoEnterprise, byTitle('水产品加工工'), {
      title: '对虾加工普工（包吃住）',
      headcount: 40,
      daysAgo: 2,
    }),
    makePosting(demoEnterprise, byTitle('剥虾工'), { title: '剥虾工（计件）', headcount: 30, daysAgo: 5 }),
    makePosting(demoEnterprise, byTitle('质检员'), { title: '品控质检员', headcount: 2, daysAgo: 3 }),
    makePosting(demoEnterprise, byTitle('冷库管理员'), { headcount: 3, daysAgo: 8 }),
    makePosting(demoEnterprise, byTitle('叉车司机'), { headcount: 2, daysAgo: 6 }),
    makePosting(demoEnterprise, byTitle('电焊工'), { title: '设备维修电焊工', headcount: 2, daysAgo: 1 }),
    makePosting(demoEnterprise, byTitle('维修电工'), { headcount: 1, daysAgo: 10 }),
  ];
  for (const p of demoPostings) {
    p.status = 'published';
    p.publishedAt ??= new Date(now.getTime() - DAY_MS);
    p.districtCode = '440803';
    p.address = demoAddress;
  }
  out.postings.push(...demoPostings);

  const verified = out.enterprises.filter((e) => e.status === 'verified' && e.id !== demoEnterprise.id);
  const plan = new Map<string, number>();
  for (const e of verified) {
    const range = SIZES.find((s) => s.size === e.size)?.postings ?? [1, 3];
    plan.set(e.id, rng.int(range[0], range[1]));
  }
  let planned = demoPostings.length + [...plan.values()].reduce((a, b) => a + b, 0);
  for (let k = 0; planned < postingTarget && verified.length > 0; k++) {
    const e = verified[k % verified.length];
    if (!e) break;
    plan.set(e.id, (plan.get(e.id) ?? 0) + 1);
    planned++;
  }
  for (const e of verified) {
    const industry = industryOf.get(e.id) ?? seafood;
    const n = plan.get(e.id) ?? 0;
    let pool: PostingTemplate[] = [];
    for (let j = 0; j < n; j++) {
      if (pool.length === 0) pool = rng.sample(industry.postings, industry.postings.length);
      const t = rng.chance(0.08) ? rng.pick(OFFICE_POSTINGS) : pool.pop();
      if (t) out.postings.push(makePosting(e, t));
    }
  }

  // ——— Seekers and résumés ———
  // Districts people live in, by rough population (廉江, 雷州, 遂溪 are the big counties).
  const homeWeights: Record<string, number> = {
    '440802': 8,
    '440803': 8,
    '440804': 6,
    '440811': 8,
    '440823': 10,
    '440825': 7,
    '440881': 14,
    '440882': 14,
    '440883': 9,
  };
  const usedIds = new Set<string>();
  function idNumber(region: string, birth: string, gender: 'male' | 'female'): string {
    for (;;) {
      let seq = rng.int(1, 999);
      if ((seq % 2 === 1) !== (gender === 'male')) seq = seq === 999 ? 998 : seq + 1;
      const first17 = `${region}${birth.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
      const id = first17 + idCheckChar(first17);
      if (!usedIds.has(id)) {
        usedIds.add(id);
        return id;
      }
    }
  }
  const nowYear = new Date(now.getTime() + 8 * HOUR_MS).getUTCFullYear();

  function educationFor(t: PostingTemplate, birthYear: number): string {
    switch (t.education ?? 'none') {
      case 'college':
        return rng.weighted(
          [
            ['college', 60],
            ['bachelor', 40],
          ] as const,
          (x) => x[1],
        )[0];
      case 'secondary_vocational':
        return rng.weighted(
          [
            ['secondary_vocational', 60],
            ['college', 25],
            ['senior_high', 15],
          ] as const,
          (x) => x[1],
        )[0];
      case 'senior_high':
        return rng.weighted(
          [
            ['senior_high', 50],
            ['secondary_vocational', 25],
            ['college', 25],
          ] as const,
          (x) => x[1],
        )[0];
      default:
        return rng.weighted(
          [
            ['primary', birthYear < 1975 ? 25 : 5],
            ['junior_high', 45],
            ['senior_high', 25],
            ['secondary_vocational', 20],
            ['college', 5],
          ] as const,
          (x) => x[1],
        )[0];
    }
  }

  function expectedPay(t: PostingTemplate): number | null {
    if (rng.chance(0.1)) return null;
    const monthlyYuan = monthlyFen(t.pay[0], t.period ?? 'month');
    return roundPay(monthlyYuan * (0.9 + rng.float() * 0.25), 'month') * 100;
  }

  function experiencesFor(
    t: PostingTemplate,
    birthYear: number,
    industryCompanies: string[],
  ): DemoExperience[] {
    const workingYears = nowYear - birthYear - 18;
    if (workingYears < 1 || rng.chance(0.1)) return [];
    const out2: DemoExperience[] = [];
    let endAgo = rng.int(1, 8);
    const count = rng.int(1, Math.min(3, Math.max(1, Math.floor(workingYears / 2))));
    for (let k = 0; k < count; k++) {
      const length = rng.int(10, Math.min(72, Math.max(12, workingYears * 12 - endAgo)));
      const startAgo = endAgo + length;
      if (startAgo > workingYears * 12) break;
      const employer =
        industryCompanies.length > 0 && rng.chance(0.5)
          ? rng.pick(industryCompanies)
          : rng.pick(EMPLOYER_NAMES_FOR_EXPERIENCE);
      out2.push({
        employer,
        title: rng.pick(t.titles),
        occupationCode: t.occupation,
        from: yearMonth(now, startAgo),
        to: k === 0 && endAgo <= 1 && rng.chance(0.3) ? null : yearMonth(now, endAgo),
        description: rng.pick(t.duties),
      });
      endAgo = startAgo + rng.int(1, 6);
    }
    return out2;
  }

  function months(e: DemoExperience): number {
    const [fy, fm] = e.from.split('-').map(Number);
    const [ty, tm] = (e.to ?? yearMonth(now, 0)).split('-').map(Number);
    return ((ty ?? 0) - (fy ?? 0)) * 12 + ((tm ?? 0) - (fm ?? 0)) + 1;
  }

  function consent(
    userId: string,
    kind: DemoConsent['kind'],
    at: Date,
    context: Record<string, unknown> = {},
  ): string {
    const id = rng.uuid();
    out.consents.push({ id, userId, kind, context, grantedAt: at });
    return id;
  }

  const companiesByIndustry = new Map<string, string[]>();
  for (const e of out.enterprises) {
    companiesByIndustry.set(e.industryKey, [...(companiesByIndustry.get(e.industryKey) ?? []), e.name]);
  }
  const industryOfTemplate = new Map<PostingTemplate, IndustryTemplate>();
  for (const ind of INDUSTRIES)
    for (const p of ind.postings) if (!industryOfTemplate.has(p)) industryOfTemplate.set(p, ind);

  function seeker(o: {
    user: { id: string; phone: string };
    trade: Trade;
    gender: 'male' | 'female';
    birth: string;
    name?: string;
    home?: string;
    fixed?: Partial<DemoResume>;
  }): DemoResume {
    const t = o.trade.template;
    const birthYear = Number(o.birth.slice(0, 4));
    const migrant = o.home === undefined ? rng.chance(0.35) : !o.home.startsWith('4408');
    const home =
      o.home ??
      (migrant
        ? rng.pick(SOURCE_COUNTIES)
        : rng.weighted(Object.keys(homeWeights), (k) => homeWeights[k] ?? 1));
    const zhanjiangHome = home.startsWith('4408')
      ? home
      : rng.weighted(Object.keys(homeWeights), (k) => homeWeights[k] ?? 1);
    const fullName = o.name ?? personName(o.gender);
    const educationLevel = educationFor(t, birthYear);
    const industry = industryOfTemplate.get(t);
    const experiences = experiencesFor(
      t,
      birthYear,
      industry ? (companiesByIndustry.get(industry.key) ?? []) : [],
    );
    const experienceYears = Math.floor(experiences.reduce((s, e) => s + months(e), 0) / 12);
    const related = industry ? rng.pick(industry.postings).occupation : t.occupation;
    const desiredOccupationCodes = [...new Set([t.occupation, ...(rng.chance(0.3) ? [related] : [])])];
    const desiredDistrictCodes = rng.chance(0.15)
      ? ['440800']
      : [...new Set([zhanjiangHome, ...(rng.chance(0.4) ? [rng.pick(DISTRICTS).code] : [])])];
    const createdAt = new Date(now.getTime() - rng.int(1, 120) * DAY_MS - rng.int(0, 86399) * 1000);
    const age = nowYear - birthYear;
    const keyGroups: KeyGroup[] = [];
    if (migrant && rng.chance(0.5)) keyGroups.push('migrant_worker');
    if (age <= 24 && (educationLevel === 'college' || educationLevel === 'bachelor') && rng.chance(0.7))
      keyGroups.push('college_graduate');
    if (((o.gender === 'female' && age >= 40) || (o.gender === 'male' && age >= 50)) && rng.chance(0.3))
      keyGroups.push('middle_aged_4050');
    if (rng.chance(0.02)) keyGroups.push('retired_soldier');
    if (rng.chance(0.03)) keyGroups.push('poor_household');
    const visible = rng.chance(0.6);
    const certificates =
      t.certificate && rng.chance(0.7)
        ? [{ name: t.certificate, issuer: certificateIssuer(t.certificate) }]
        : [];
    const r: DemoResume = {
      userId: o.user.id,
      phone: o.user.phone,
      fullName,
      idNumber: idNumber(home, o.birth, o.gender),
      birthDate: o.birth,
      gender: o.gender,
      householdRegionCode: home,
      educationLevel,
      skills: rng.sample(t.skills, Math.min(t.skills.length, rng.int(2, 4))),
      experiences,
      certificates,
      desiredOccupationCodes,
      desiredDistrictCodes,
      expectedSalaryMinFen: expectedPay(t),
      availableFrom: rng.chance(0.6) ? chinaDate(new Date(now.getTime() + rng.int(0, 30) * DAY_MS)) : null,
      willingToRelocate: migrant ? rng.chance(0.8) : rng.chance(0.2),
      currentRegionCode: migrant && rng.chance(0.6) ? home : zhanjiangHome,
      experienceYears,
      keyGroups,
      keyGroupConsentId: null,
      visibleToEmployers: visible,
      visibilityConsentId: null,
      createdAt,
      ...o.fixed,
    };
    if (r.keyGroups.length > 0) r.keyGroupConsentId = consent(r.userId, 'key_group_status', r.createdAt);
    if (r.visibleToEmployers) r.visibilityConsentId = consent(r.userId, 'resume_visibility', r.createdAt);
    return r;
  }

  function birthDate(): string {
    // 1965–2004, most in the 1980s and 1990s.
    const year = 1965 + Math.min(39, Math.floor(((rng.float() + rng.float()) / 2) * 40));
    const month = rng.int(1, 12);
    const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
    return `${year}-${String(month).padStart(2, '0')}-${String(rng.int(1, days)).padStart(2, '0')}`;
  }

  const welderTrade: Trade = { template: byTitle('电焊工'), weight: 1 };
  const qcTrade: Trade = { template: byTitle('质检员'), weight: 1 };
  // 黄志强 (13700000001): a welder in 霞山区, the journey the issue describes.
  const huang = seeker({
    user: anchors.seekers[0],
    trade: welderTrade,
    gender: 'male',
    birth: '1988-06-15',
    name: '黄志强',
    home: '440803',
    fixed: {
      educationLevel: 'secondary_vocational',
      skills: ['二保焊', '氩弧焊', '手工电弧焊', '看懂图纸'],
      certificates: [{ name: '特种作业操作证（焊接与热切割作业）', issuer: '湛江市应急管理局' }],
      experiences: [
        {
          employer: '湛江市霞山区某船舶修造厂',
          title: '电焊工',
          occupationCode: '6-18-02-04',
          from: yearMonth(now, 150),
          to: yearMonth(now, 62),
          description: '船体分段焊接，熟练二保焊、氩弧焊',
        },
        {
          employer: '佛山市顺德区某钢结构公司',
          title: '二保焊工',
          occupationCode: '6-18-02-04',
          from: yearMonth(now, 60),
          to: yearMonth(now, 3),
          description: '钢结构厂房构件焊接',
        },
      ],
      experienceYears: 12,
      desiredOccupationCodes: ['6-18-02-04', '6-23-02-01'],
      desiredDistrictCodes: ['440803', '440811'],
      currentRegionCode: '440803',
      expectedSalaryMinFen: 700_000,
      availableFrom: chinaDate(now),
      willingToRelocate: false,
      keyGroups: [],
      visibleToEmployers: true,
    },
  });
  // 李小梅 (13700000002): a food-safety QC from 坡头区.
  const li = seeker({
    user: anchors.seekers[1],
    trade: qcTrade,
    gender: 'female',
    birth: '1997-03-08',
    name: '李小梅',
    home: '440804',
    fixed: {
      educationLevel: 'college',
      skills: ['食品检验', 'HACCP', '微生物检验', 'EXCEL'],
      certificates: [{ name: '农产品食品检验员职业技能等级证书', issuer: '湛江市人力资源和社会保障局' }],
      experiences: [
        {
          employer: '湛江市某冷冻食品厂',
          title: '品控专员',
          occupationCode: '4-08-05-01',
          from: yearMonth(now, 30),
          to: yearMonth(now, 2),
          description: '原料验收、过程巡检和出口检验资料整理',
        },
      ],
      experienceYears: 2,
      desiredOccupationCodes: ['6-31-03-01', '4-08-05-01'],
      desiredDistrictCodes: ['440803', '440804'],
      currentRegionCode: '440804',
      expectedSalaryMinFen: 550_000,
      willingToRelocate: false,
      keyGroups: [],
      visibleToEmployers: true,
    },
  });
  out.resumes.push(huang, li);

  for (let i = 0; i < seekerCount; i++) {
    const gender = rng.chance(0.5) ? 'male' : 'female';
    const trade = rng.weighted(SEEKER_TRADES, (x) => x.weight);
    const user: DemoUser = { id: rng.uuid(), phone: seekerPhone(), role: 'seeker', displayName: '' };
    const r = seeker({ user, trade, gender, birth: birthDate() });
    user.displayName = r.fullName;
    out.seekers.push(user);
    out.resumes.push(r);
  }

  // ——— Applications ———
  const enterpriseById = new Map(out.enterprises.map((e) => [e.id, e]));

  function snapshot(r: DemoResume, message: string | null, at: Date): ResumeSnapshot {
    return {
      fullName: r.fullName,
      phone: r.phone,
      idNumberMasked: maskIdNumber(r.idNumber),
      birthDate: r.birthDate,
      educationLevel: r.educationLevel,
      skills: r.skills,
      experiences: r.experiences.map((e) => ({
        employer: e.employer,
        title: e.title,
        from: e.from,
        to: e.to,
        description: e.description,
      })),
      certificates: r.certificates,
      desiredOccupationCodes: r.desiredOccupationCodes,
      desiredDistrictCodes: r.desiredDistrictCodes,
      expectedSalaryMinFen: r.expectedSalaryMinFen,
      availableFrom: r.availableFrom,
      willingToRelocate: r.willingToRelocate,
      currentRegionCode: r.currentRegionCode,
      experienceYears: r.experienceYears,
      message,
      capturedAt: at.toISOString(),
    };
  }

  const PATHS: Record<ApplicationStatus, ApplicationStatus[]> = {
    submitted: ['submitted'],
    viewed: ['submitted', 'viewed'],
    interview: ['submitted', 'viewed', 'interview'],
    offer: ['submitted', 'viewed', 'interview', 'offer'],
    hired: ['submitted', 'viewed', 'interview', 'hired'],
    rejected: ['submitted', 'viewed', 'rejected'],
    withdrawn: ['submitted', 'withdrawn'],
  };
  const MESSAGES = [
    '您好，我对这个岗位很感兴趣，可以随时到岗。',
    '有相关工作经验，希望能获得面试机会。',
    '住得比较近，上下班方便，请考虑。',
    null,
  ];

  const applied = new Set<string>();
  function apply(p: DemoPosting, r: DemoResume, status: ApplicationStatus, daysAgo: number): void {
    const key = `${p.id}:${r.userId}`;
    if (applied.has(key)) return;
    applied.add(key);
    const e = enterpriseById.get(p.enterpriseId);
    if (!e) return;
    const createdAt = new Date(now.getTime() - daysAgo * DAY_MS - rng.int(0, 8 * 60) * 60_000);
    const message = rng.pick(MESSAGES);
    const consentId = consent(r.userId, 'resume_share', createdAt, {
      postingId: p.id,
      enterpriseId: p.enterpriseId,
    });
    const path = PATHS[status];
    const stepMs = Math.max(HOUR_MS, Math.floor((daysAgo * DAY_MS) / (path.length + 1)));
    const events: DemoEvent[] = path.map((to, k) => ({
      fromStatus: k === 0 ? null : (path[k - 1] ?? null),
      toStatus: to,
      note: k === 0 ? message : to === 'rejected' ? '工作经验与岗位要求暂不匹配' : null,
      actorUserId: to === 'submitted' || to === 'withdrawn' ? r.userId : e.ownerUserId,
      at: new Date(createdAt.getTime() + k * stepMs),
    }));
    const reachedInterview = path.includes('interview');
    const interviewAt = reachedInterview
      ? status === 'interview'
        ? chinaTimeAt(now, rng.int(1, 5), rng.pick([9, 10, 14, 15]), rng.pick([0, 30]))
        : new Date(createdAt.getTime() + 2 * stepMs + 2 * HOUR_MS)
      : null;
    const last = events[events.length - 1];
    const a: DemoApplication = {
      id: rng.uuid(),
      postingId: p.id,
      seekerUserId: r.userId,
      enterpriseId: p.enterpriseId,
      status,
      note: reachedInterview ? '请携带身份证和相关证书原件' : null,
      interviewAt,
      interviewPlace: reachedInterview ? `${e.address} 人事部` : null,
      rejectReason: status === 'rejected' ? '工作经验与岗位要求暂不匹配' : null,
      resumeSnapshot: snapshot(r, message, createdAt),
      consentId,
      createdAt,
      updatedAt: last?.at ?? createdAt,
      events,
    };
    out.applications.push(a);
    if (status === 'hired') {
      p.hiredCount += 1;
      out.hires.push({
        applicationId: a.id,
        postingId: p.id,
        enterpriseId: p.enterpriseId,
        seekerUserId: r.userId,
        hiredAt: last?.at ?? createdAt,
      });
    }
  }

  // The demo employer has a pipeline to work on; the demo seekers have applications to follow.
  const [processing, peeling, qcPosting, coldStore, forklift, welderPosting] = demoPostings;
  if (welderPosting) apply(welderPosting, huang, 'interview', 3);
  if (qcPosting) apply(qcPosting, li, 'submitted', 1);
  const demoStatuses: [DemoPosting | undefined, ApplicationStatus][] = [
    [processing, 'submitted'],
    [processing, 'submitted'],
    [peeling, 'viewed'],
    [peeling, 'interview'],
    [coldStore, 'offer'],
    [forklift, 'rejected'],
    [processing, 'hired'],
  ];
  const generatedResumes = out.resumes.slice(2);
  for (const [p, status] of demoStatuses) {
    const r = rng.pick(generatedResumes);
    if (p) apply(p, r, status, rng.int(1, 6));
  }

  const published = out.postings.filter(
    (p) => p.status === 'published' && p.enterpriseId !== demoEnterprise.id && p.headcount > 1,
  );
  const byOccupation = new Map<string, DemoResume[]>();
  for (const r of generatedResumes) {
    for (const c of r.desiredOccupationCodes) byOccupation.set(c, [...(byOccupation.get(c) ?? []), r]);
  }
  const RANDOM_STATUSES: [ApplicationStatus, number][] = [
    ['submitted', 40],
    ['viewed', 20],
    ['interview', 15],
    ['offer', 5],
    ['hired', 8],
    ['rejected', 8],
    ['withdrawn', 4],
  ];
  for (let k = 0; k < applicationCount && published.length > 0; k++) {
    const p = rng.pick(published);
    const candidates = byOccupation.get(p.occupationCode) ?? generatedResumes;
    const r = rng.pick(candidates.length > 0 ? candidates : generatedResumes);
    let status = rng.weighted(RANDOM_STATUSES, (x) => x[1])[0];
    // Demo hires never fill a posting: it stays open for the people trying the demo.
    if (status === 'hired' && p.hiredCount + 1 >= p.headcount) status = 'offer';
    apply(p, r, status, rng.int(1, 14));
  }

  return out;
}
