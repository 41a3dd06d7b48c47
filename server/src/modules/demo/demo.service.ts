import { NOTICE_VERSION, maskIdNumber, type Role } from '@jiuye/shared';
import type { AppDeps } from '../../platform/context.js';
import { writeAudit } from '../../platform/audit.js';
import { encryptField, lookupHash } from '../../platform/crypto.js';
import { hashPassword } from '../accounts/index.js';
import { seedDemoPolicyApplications } from '../policy-applications/index.js';
import { seedDemoPayeeAccounts } from '../payouts/index.js';
import { seedDemoEntrepreneurship } from '../entrepreneurship/index.js';
import { seedDemoWelfarePosts } from '../welfare-posts/index.js';
import { seedDemoTraining } from '../training/index.js';
import { seedDemoEcommerce } from '../ecommerce/index.js';
import { seedDemoAssistance } from '../registrations/index.js';
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
