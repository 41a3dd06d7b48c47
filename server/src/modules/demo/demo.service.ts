import { NOTICE_VERSION, maskIdNumber, roleNeedsMfa, type Role } from '@jiuye/shared';
import type { AppDeps } from '../../platform/context.js';
import { writeAudit } from '../../platform/audit.js';
import { encryptField, lookupHash } from '../../platform/crypto.js';
import { enrolDemoSecret, hashPassword } from '../accounts/index.js';
import { demoTotpSecret } from './demo.totp.js';
import { seedDemoPolicyApplications } from '../policy-applications/index.js';
import { seedDemoPayeeAccounts } from '../payouts/index.js';
import { seedDemoEntrepreneurship } from '../entrepreneurship/index.js';
import { seedDemoWelfarePosts } from '../welfare-posts/index.js';
import { seedDemoTraining } from '../training/index.js';
import { seedDemoEcommerce } from '../ecommerce/index.js';
import { seedDemoAssistance } from '../registrations/index.js';
import { seedBusDemo } from '../buses/index.js';
import { seedDemoPartnerRegions } from '../partner-regions/index.js';
import { seedDemoFairs } from '../job-fairs/index.js';
import { seedDemoAgency } from '../agencies/index.js';
import { seedDemoShortages, type DemoShortageInput } from '../shortages/index.js';
import { seedDemoIdleWorkforce } from '../sharing/index.js';
import { seedDemoColleges } from '../colleges/index.js';
import { seedDemoKeyEnterprises } from '../key-enterprises/index.js';
import { seedDemoMonitoring } from '../monitoring/index.js';
import { postingSearchText, postingSearchVector, resumeSearchVector } from '../search/search.index.js';
import * as repo from './demo.repository.js';
import { generateDemoData, type DemoAnchors, type DemoDataset } from './demo.generate.js';

/** Shared by every demo account; printed at start. Demo data is for trying Jiuye, never production. */
export const DEMO_PASSWORD = 'Zhanjiang2020';

export const DEMO_ACCOUNTS: readonly {
  role: Role;
  phone: string;
  displayName: string;
  districtCodes?: string[];
}[] = [
  {
    role: 'staff',
    phone: '13800000001',
    displayName: '霞山区就业服务中心 林科长',
    districtCodes: ['440803'],
  },
  {
    role: 'staff',
    phone: '13800000002',
    displayName: '市人社局 陈主任',
    districtCodes: ['440802', '440803', '440804', '440811', '440823', '440825', '440881', '440882', '440883'],
  },
  { role: 'employer', phone: '13900000001', displayName: '湛江港湾水产食品有限公司 人事 王敏' },
  { role: 'seeker', phone: '13700000001', displayName: '黄志强' },
  { role: 'seeker', phone: '13700000002', displayName: '李小梅' },
  { role: 'college', phone: '13600000001', displayName: '湛江市技师学院 招生就业处' },
  { role: 'agency', phone: '13500000001', displayName: '湛江南方人力资源服务有限公司' },
  // Partner officers of the labour-source regions (issue 6).
  {
    role: 'partner',
    phone: '13400000001',
    displayName: '柳州市劳务协作站 覃海燕',
    districtCodes: ['450200'],
  },
  {
    role: 'partner',
    phone: '13400000002',
    displayName: '陇南市劳务输转办 杨文斌',
    districtCodes: ['621200'],
  },
];

export type DemoLoadOptions = {
  /** 1 = the full set (240 enterprises, 1,200 postings, 2,000 seekers). */
  scale?: number;
  log?: (line: string) => void;
};

export type DemoCounts = {
  enterprises: number;
  postings: number;
  publishedPostings: number;
  seekers: number;
  resumes: number;
  applications: number;
};

function countsOf(d: DemoDataset): DemoCounts {
  return {
    enterprises: d.enterprises.length,
    postings: d.postings.length,
    publishedPostings: d.postings.filter((p) => p.status === 'published').length,
    seekers: d.seekers.length + 2,
    resumes: d.resumes.length,
    applications: d.applications.length,
  };
}

/**
 * Labour shortages, shared employment, colleges and key enterprises (issue 6, items 1–4): the
 * demo enterprise short of 30 seafood processors and another with 40 idle ones (the matcher pairs
 * them), a few more shortages for the staff board, the demo college's welding cohort with an
 * internship demand to pair, and the demo enterprise as a key enterprise with an overdue problem.
 */
const DEMO_OTHER_SHORTAGES: readonly Pick<
  DemoShortageInput,
  'title' | 'occupationCode' | 'headcount' | 'deadlineInDays' | 'urgency' | 'cause'
>[] = [
  {
    title: '电子装配工',
    occupationCode: '6-25-04-01',
    headcount: 20,
    deadlineInDays: 7,
    urgency: 'critical',
    cause: 'new_orders',
  },
  {
    title: '焊工',
    occupationCode: '6-18-02-04',
    headcount: 12,
    deadlineInDays: 21,
    urgency: 'normal',
    cause: 'expansion',
  },
  {
    title: '装卸搬运工',
    occupationCode: '4-02-05-01',
    headcount: 50,
    deadlineInDays: 3,
    urgency: 'high',
    cause: 'seasonal',
  },
  {
    title: '缝纫工',
    occupationCode: '6-05-01-03',
    headcount: 8,
    deadlineInDays: 30,
    urgency: 'low',
    cause: 'turnover',
  },
];

async function seedDemoLabour(
  tx: Parameters<typeof seedDemoShortages>[0],
  deps: AppDeps,
  data: DemoDataset,
  demoEnterprise: DemoDataset['enterprises'][number] | undefined,
  id: (phone: string) => string,
  now: Date,
): Promise<void> {
  const verified = data.enterprises.filter((e) => e.status === 'verified' && e !== demoEnterprise);
  const inDistrict = (code: string, n: number) => verified.filter((e) => e.districtCode === code).slice(0, n);
  const [lender] = inDistrict('440811', 1);
  const others = [...inDistrict('440803', 2), ...inDistrict('440882', 1), ...inDistrict('440881', 1)];
  const shortages: DemoShortageInput[] = [
    ...(demoEnterprise
      ? [
          {
            enterpriseId: demoEnterprise.id,
            districtCode: demoEnterprise.districtCode,
            title: '水产品加工工（剥虾、冻品加工）',
            occupationCode: '6-01-05-02',
            headcount: 30,
            deadlineInDays: 14,
            urgency: 'high' as const,
            cause: 'workers_not_returned' as const,
            wageMinFen: 420_000,
            wageMaxFen: 560_000,
            reportedBy: demoEnterprise.ownerUserId,
          },
        ]
      : []),
    ...others.flatMap((e, i) => {
      const k = DEMO_OTHER_SHORTAGES[i % DEMO_OTHER_SHORTAGES.length];
      return k
        ? [
            {
              ...k,
              enterpriseId: e.id,
              districtCode: e.districtCode,
              wageMinFen: 400_000,
              wageMaxFen: 600_000,
              reportedBy: e.ownerUserId,
            },
          ]
        : [];
    }),
  ];
  await seedDemoShortages(tx, { now, shortages });
  if (lender) {
    await seedDemoIdleWorkforce(tx, {
      now,
      declarations: [
        {
          enterpriseId: lender.id,
          districtCode: lender.districtCode,
          workerCount: 40,
          occupationCodes: ['6-01-05-01', '6-01-05-02'],
          skills: ['剥虾', '冻品分拣', '真空包装'],
          days: 75,
          note: '出口订单减少，生产线部分停工，员工可共享至其他企业',
          createdBy: lender.ownerUserId,
        },
      ],
    });
  }
  await seedDemoColleges(tx, deps.keys, {
    now,
    collegeUserId: id('13600000001'),
    demandEnterpriseId: others[1]?.id,
    demandDistrictCode: others[1]?.districtCode,
    demandBy: others[1]?.ownerUserId ?? id('13800000001'),
  });
  if (demoEnterprise) {
    await seedDemoKeyEnterprises(tx, {
      now,
      enterpriseId: demoEnterprise.id,
      officerUserId: id('13800000001'),
      markedBy: id('13800000002'),
    });
  }
}

/**
 * Loads the demo accounts and, on a database without enterprises yet, the Zhanjiang data set, in
 * one transaction (all or nothing), once. Answers whether this call loaded them.
 */
export async function loadDemoData(deps: AppDeps, opts: DemoLoadOptions = {}): Promise<boolean> {
  if (await repo.isDemoLoaded(deps.db)) return false;
  const log = opts.log ?? (() => {});
  const started = performance.now();
  // One argon2 hash for every demo account: hashing 2,000 passwords would take a minute.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const now = deps.clock.now();
  const counts = await deps.db.transaction().execute(async (tx) => {
    await repo.lockDemoLoad(tx);
    if (await repo.isDemoLoaded(tx)) return null;
    for (const a of DEMO_ACCOUNTS) {
      await repo.insertDemoUser(tx, { ...a, districtCodes: a.districtCodes ?? [], passwordHash });
    }
    // Issue 9: demo staff sign in with a second factor from a fixed, published demo secret
    // (`npm run demo:totp -- <phone>` prints the code). Demo seeding only.
    const withFactor = DEMO_ACCOUNTS.filter((a) => roleNeedsMfa(a.role));
    const factorIds = await repo.userIdsByPhone(
      tx,
      withFactor.map((a) => a.phone),
    );
    for (const a of withFactor) {
      const userId = factorIds.get(a.phone);
      if (userId) await enrolDemoSecret(tx, deps.keys, userId, demoTotpSecret(a.phone));
    }
    let loaded: DemoCounts | undefined;
    if (await repo.hasChannelData(tx)) {
      log('Demo data set skipped: the database already holds enterprises.');
    } else {
      const ids = await repo.userIdsByPhone(
        tx,
        DEMO_ACCOUNTS.map((a) => a.phone),
      );
      const id = (phone: string): string => {
        const v = ids.get(phone);
        if (!v) throw new Error(`demo account ${phone} is missing`);
        return v;
      };
      const anchors: DemoAnchors = {
        employer: { id: id('13900000001'), phone: '13900000001' },
        seekers: [
          { id: id('13700000001'), phone: '13700000001' },
          { id: id('13700000002'), phone: '13700000002' },
        ],
        reviewerId: id('13800000002'),
      };
      const data = generateDemoData({
        now,
        anchors,
        scale: opts.scale ?? 1,
        takenPhones: await repo.takenDemoPhones(tx),
      });
      await insertDataset(tx, deps, data, anchors, passwordHash);
      // Support-policy applications at each stage of the review chain (issue 5), once the
      // catalogue is there (boot seeds it first).
      const xiashan = data.enterprises.filter(
        (e) =>
          e.districtCode === '440803' && e.status === 'verified' && e.ownerUserId !== anchors.employer.id,
      );
      const demoEnterprise = data.enterprises.find((e) => e.ownerUserId === anchors.employer.id);
      if (demoEnterprise) {
        await seedDemoPolicyApplications(tx, {
          now,
          employer: { enterpriseId: demoEnterprise.id, userId: anchors.employer.id },
          others: xiashan.slice(0, 4).map((e) => ({ enterpriseId: e.id, userId: e.ownerUserId })),
          districtOfficerId: id('13800000001'),
          bureauOfficerId: id('13800000002'),
        });
      }
      // Payee bank accounts (so approved applications can be batched) and returned workers'
      // start-ups with a guarantee loan and a deferral request (issue 5: payouts, entrepreneurship).
      await seedDemoPayeeAccounts(tx, deps.keys, {
        now,
        updatedBy: id('13800000002'),
        enterprises: [...(demoEnterprise ? [demoEnterprise] : []), ...xiashan.slice(0, 4)],
      });
      await seedDemoEntrepreneurship(tx, deps.keys, { now, officerId: id('13800000001') });
      // Public-welfare posts, vocational training and rural e-commerce projects (issue 7, items 5–7).
      if (demoEnterprise) {
        await seedDemoWelfarePosts(tx, {
          now,
          enterpriseId: demoEnterprise.id,
          districtCode: demoEnterprise.districtCode,
          createdBy: anchors.employer.id,
        });
      }
      await seedDemoTraining(tx, deps.keys, {
        now,
        collegeUserId: id('13600000001'),
        staffId: id('13800000001'),
        seekerUserId: id('13700000001'),
      });
      await seedDemoEcommerce(tx, deps.keys, { now, createdBy: id('13800000001') });
      // Chartered buses (issue 4): open travel requests from Liuzhou and Longnan and one open trip.
      await seedBusDemo(tx, deps.keys, now, {
        staffUserId: id('13800000002'),
        escortUserId: id('13800000001'),
        seekerUserId: id('13700000001'),
        employerUserId: anchors.employer.id,
      });
      // Cross-regional recruitment, job fairs, a purchased-service agency (issue 6, items 5–7).
      const published = (enterpriseId: string, n: number) =>
        data.postings
          .filter((p) => p.enterpriseId === enterpriseId && p.status === 'published')
          .slice(0, n)
          .map((p) => p.id);
      const exhibitors = [...(demoEnterprise ? [demoEnterprise] : []), ...xiashan.slice(0, 5)];
      await seedDemoPartnerRegions(tx, {
        now,
        bureauOfficerId: id('13800000002'),
        officers: { liuzhou: id('13400000001'), longnan: id('13400000002') },
        postingIds: demoEnterprise ? published(demoEnterprise.id, 3) : [],
      });
      await seedDemoFairs(tx, {
        now,
        officerId: id('13800000001'),
        districtCode: '440803',
        booths: exhibitors.map((e) => ({
          enterpriseId: e.id,
          boothName: e.name,
          contactName: e.contactName,
          contactPhone: e.contactPhone,
          ownerUserId: e.ownerUserId,
          postingIds: published(e.id, 2),
        })),
      });
      await seedDemoAgency(tx, {
        now,
        agencyUserId: id('13500000001'),
        bureauOfficerId: id('13800000002'),
        enterpriseIds: exhibitors.slice(0, 3).map((e) => e.id),
      });
      await seedDemoLabour(tx, deps, data, demoEnterprise, id, now);
      // Employment monitoring (issue 8): sample enterprises with six months of reports, one layoff.
      await seedDemoMonitoring(tx, {
        now,
        designatedBy: id('13800000001'),
        submittedBy: anchors.employer.id,
        enterprises: xiashan
          .slice(0, 4)
          .map((e) => ({ id: e.id, name: e.name, districtCode: e.districtCode })),
      });
      loaded = countsOf(data);
    }
    await repo.markDemoLoaded(tx, loaded ?? {});
    await writeAudit(tx, null, {
      action: 'demo.load',
      entityType: 'system',
      summary: { accounts: DEMO_ACCOUNTS.length, ...loaded },
    });
    return loaded ?? null;
  });
  if (counts) {
    // Registration desk walk-ins with cases and services (issue 7): through the use cases, which
    // open their own transactions, so after the data set is committed.
    const officerId = (await repo.userIdsByPhone(deps.db, ['13800000001'])).get('13800000001');
    if (officerId) await seedDemoAssistance(deps, { now, officerId });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    log(
      `Loaded the Zhanjiang demo data in ${seconds} s: ${counts.enterprises} enterprises, ` +
        `${counts.publishedPostings} published postings, ${counts.seekers} seekers, ${counts.applications} applications.`,
    );
  }
  return true;
}

async function insertDataset(
  tx: Parameters<typeof repo.insertUsers>[0],
  deps: AppDeps,
  d: DemoDataset,
  anchors: DemoAnchors,
  passwordHash: string,
): Promise<void> {
  const occupationCodes = new Set<string>();
  for (const p of d.postings) occupationCodes.add(p.occupationCode);
  for (const r of d.resumes) for (const c of r.desiredOccupationCodes) occupationCodes.add(c);
  const occupations = await repo.occupationTexts(tx, [...occupationCodes]);
  const occupation = (code: string) => {
    const o = occupations.get(code);
    if (!o) throw new Error(`demo: occupation ${code} is not in the reference data`);
    return o;
  };

  await repo.insertUsers(tx, [
    ...d.employers.map((u) => ({
      id: u.id,
      phone: u.phone,
      role: u.role,
      displayName: u.displayName,
      passwordHash,
    })),
    ...d.seekers.map((u) => ({
      id: u.id,
      phone: u.phone,
      role: u.role,
      displayName: u.displayName,
      passwordHash,
    })),
  ]);

  await repo.insertEnterprises(
    tx,
    d.enterprises.map((e) => ({
      id: e.id,
      name: e.name,
      creditCode: e.creditCode,
      creditCodeChecksumValid: true,
      industryCode: e.industryCode,
      districtCode: e.districtCode,
      size: e.size,
      address: e.address,
      contactName: e.contactName,
      contactPhone: e.contactPhone,
      status: e.status,
      verifiedAt: e.verifiedAt,
      verifiedBy: e.verifiedAt ? anchors.reviewerId : null,
      ownerUserId: e.ownerUserId,
      createdAt: e.createdAt,
      updatedAt: e.verifiedAt ?? e.createdAt,
    })),
  );
  await repo.insertMembers(tx, [
    ...d.enterprises.map((e) => ({
      enterpriseId: e.id,
      phone: e.contactPhone,
      role: 'owner',
      createdAt: e.createdAt,
    })),
    ...d.enterprises
      .filter((e) => e.clerkPhone !== null)
      .map((e) => ({
        enterpriseId: e.id,
        phone: e.clerkPhone ?? '',
        role: 'clerk',
        invitedBy: e.ownerUserId,
        createdAt: e.createdAt,
      })),
  ]);

  await repo.insertPostings(
    tx,
    d.postings.map((p) => {
      const o = occupation(p.occupationCode);
      const text = {
        title: p.title,
        occupationNames: [o.nameZh, o.nameEn],
        occupationKeywords: o.keywords,
        skills: p.skills,
        enterpriseName: p.enterpriseName,
        description: p.description,
      };
      return {
        id: p.id,
        enterpriseId: p.enterpriseId,
        title: p.title,
        occupationCode: p.occupationCode,
        description: p.description,
        districtCode: p.districtCode,
        address: p.address,
        headcount: p.headcount,
        hiredCount: p.hiredCount,
        salaryMinFen: p.salaryMinFen,
        salaryMaxFen: p.salaryMaxFen,
        salaryPeriod: p.salaryPeriod,
        salaryMonthMinFen: p.salaryMonthMinFen,
        salaryMonthMaxFen: p.salaryMonthMaxFen,
        employmentType: p.employmentType,
        educationLevel: p.educationLevel,
        experienceYears: p.experienceYears,
        skills: p.skills,
        benefits: p.benefits,
        targetRegionCodes: p.targetRegionCodes,
        expiresOn: p.expiresOn,
        status: p.status,
        reviewedBy: p.publishedAt ? anchors.reviewerId : null,
        reviewedAt: p.publishedAt,
        publishedAt: p.publishedAt,
        createdBy: p.createdBy,
        createdAt: p.createdAt,
        updatedAt: p.publishedAt ?? p.createdAt,
        searchVector: postingSearchVector(text),
        searchText: postingSearchText(text),
      };
    }),
  );

  await repo.insertConsents(
    tx,
    d.consents.map((c) => ({
      id: c.id,
      userId: c.userId,
      kind: c.kind,
      noticeVersion: NOTICE_VERSION,
      context: JSON.stringify(c.context),
      grantedAt: c.grantedAt,
    })),
  );

  await repo.insertResumes(
    tx,
    d.resumes.map((r) => ({
      userId: r.userId,
      fullName: r.fullName,
      idNumberEnc: encryptField(deps.keys, r.idNumber),
      idNumberHash: lookupHash(deps.keys, r.idNumber),
      idNumberMasked: maskIdNumber(r.idNumber),
      birthDate: r.birthDate,
      gender: r.gender,
      householdRegionCode: r.householdRegionCode,
      educationLevel: r.educationLevel,
      skills: r.skills,
      experiences: JSON.stringify(r.experiences),
      certificates: JSON.stringify(r.certificates),
      desiredOccupationCodes: r.desiredOccupationCodes,
      desiredDistrictCodes: r.desiredDistrictCodes,
      expectedSalaryMinFen: r.expectedSalaryMinFen,
      availableFrom: r.availableFrom,
      willingToRelocate: r.willingToRelocate,
      currentRegionCode: r.currentRegionCode,
      experienceYears: r.experienceYears,
      keyGroups: r.keyGroups,
      keyGroupConsentId: r.keyGroupConsentId,
      visibleToEmployers: r.visibleToEmployers,
      visibilityConsentId: r.visibilityConsentId,
      searchVector: resumeSearchVector({
        skills: r.skills,
        experienceTitles: r.experiences.map((e) => e.title),
        occupationNames: r.desiredOccupationCodes.flatMap((c) => {
          const o = occupation(c);
          return [o.nameZh, o.nameEn];
        }),
        certificates: r.certificates.map((c) => c.name),
      }),
      createdAt: r.createdAt,
      updatedAt: r.createdAt,
    })),
  );

  await repo.insertApplications(
    tx,
    d.applications.map((a) => ({
      id: a.id,
      postingId: a.postingId,
      seekerUserId: a.seekerUserId,
      enterpriseId: a.enterpriseId,
      status: a.status,
      note: a.note,
      interviewAt: a.interviewAt,
      interviewPlace: a.interviewPlace,
      rejectReason: a.rejectReason,
      resumeSnapshot: JSON.stringify(a.resumeSnapshot),
      consentId: a.consentId,
      createdAt: a.createdAt,
      updatedAt: a.updatedAt,
    })),
  );
  await repo.insertApplicationEvents(
    tx,
    d.applications.flatMap((a) =>
      a.events.map((e) => ({
        applicationId: a.id,
        fromStatus: e.fromStatus,
        toStatus: e.toStatus,
        note: e.note,
        actorUserId: e.actorUserId,
        at: e.at,
      })),
    ),
  );
  await repo.insertHires(tx, d.hires);
}
