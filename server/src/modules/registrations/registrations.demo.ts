import { ROLE_PERMISSIONS, idCheckChar, type CreatePersonBody } from '@jiuye/shared';
import type { AppDeps, RequestContext } from '../../platform/context.js';
import { addService, demoPostingIn } from '../cases/index.js';
import { addDays, chinaDate, runReclassificationSweep } from '../key-groups/index.js';
import { createPersonAtDesk, loadPerson } from '../persons/index.js';
import { createRegistration } from './registrations.service.js';

const DAY_MS = 86_400_000;

function id(region: string, birth: string, seq: string): string {
  const first17 = `${region}${birth.replace(/-/g, '')}${seq}`;
  return first17 + idCheckChar(first17);
}

function staffCtx(deps: AppDeps, userId: string, districtCodes: string[], at: Date): RequestContext {
  return {
    db: deps.db,
    actor: {
      kind: 'user',
      userId,
      role: 'staff',
      districtCodes,
      sessionId: 'demo-load',
      mustChangePassword: false,
      permissions: new Set(ROLE_PERMISSIONS.staff),
    },
    requestId: 'demo-load',
    ip: '127.0.0.1',
    userAgent: undefined,
    locale: 'zh-CN',
    now: () => at,
    deps,
  };
}

/**
 * Registration desk demo (issue 7): walk-ins of 霞山区 registered by the district officer at
 * different times, one per key group, with services, a follow-up due soon, one overdue and one
 * person without any service for 40 days (the 30-day alert). Runs through the use cases, after the
 * demo transaction (they open their own).
 */
export async function seedDemoAssistance(
  deps: AppDeps,
  o: { now: Date; officerId: string },
): Promise<number> {
  const district = '440803';
  const today = chinaDate(o.now);
  const at = (daysAgo: number) => new Date(o.now.getTime() - daysAgo * DAY_MS);
  const ctx = (daysAgo: number) => staffCtx(deps, o.officerId, [district], at(daysAgo));
  const walkIns: { daysAgo: number; body: CreatePersonBody; service?: 'job' | 'overdue' | 'policy' }[] = [
    {
      daysAgo: 40,
      body: {
        fullName: '陈秀英',
        idNumber: id('440803', '1982-03-14', '902'),
        phone: '13760000101',
        residenceDistrictCode: district,
        address: '霞山区解放西路 18 号',
        educationLevel: 'junior_high',
      },
    },
    {
      daysAgo: 10,
      body: {
        fullName: '黄伟东',
        idNumber: id('440803', '1973-08-02', '911'),
        phone: '13760000102',
        residenceDistrictCode: district,
        address: '霞山区海滨大道 7 号',
        educationLevel: 'senior_high',
      },
      service: 'job',
    },
    {
      daysAgo: 20,
      body: {
        fullName: '吴晓燕',
        idNumber: id('440882', addDays(today, -22 * 365), '924'),
        phone: '13760000103',
        residenceDistrictCode: district,
        educationLevel: 'bachelor',
        school: '广东海洋大学',
        major: '水产养殖学',
        graduationDate: addDays(today, -150),
      },
      service: 'policy',
    },
    {
      daysAgo: 15,
      body: {
        fullName: '韦春花',
        idNumber: id('450221', '1988-03-09', '926'),
        phone: '13760000104',
        residenceDistrictCode: district,
        ruralHousehold: true,
        educationLevel: 'junior_high',
        evidenceNote: '户口簿（农业户口）已核验',
      },
    },
    {
      daysAgo: 12,
      body: {
        fullName: '林国强',
        idNumber: id('440803', '1991-11-20', '931'),
        phone: '13760000105',
        residenceDistrictCode: district,
        veteran: true,
        educationLevel: 'senior_high',
        evidenceNote: '退役证已核验',
      },
      service: 'overdue',
    },
    {
      daysAgo: 5,
      body: {
        fullName: '梁美玲',
        idNumber: id('440803', '1986-06-30', '942'),
        phone: '13760000106',
        residenceDistrictCode: district,
        poorHousehold: true,
        disability: true,
        educationLevel: 'primary',
        evidenceNote: '残疾人证、建档立卡名单已核验',
      },
    },
  ];
  const posting = await demoPostingIn(deps.db, district);
  let n = 0;
  for (const w of walkIns) {
    const c = ctx(w.daysAgo);
    const { person, created } = await createPersonAtDesk(c, w.body);
    if (!created) continue;
    await createRegistration(c, { kind: 'unemployment', personId: person.id, cause: 'contract_ended' });
    n += 1;
    const caseId = (await loadPerson(deps.db, person.id, c.now())).caseId;
    if (!caseId) continue;
    const when = chinaDate(at(w.daysAgo));
    if (w.service === 'job' && posting)
      await addService(c, caseId, {
        kind: 'job_referral',
        postingId: posting,
        note: '推荐面试',
        followUpDue: addDays(today, 3),
      });
    if (w.service === 'policy')
      await addService(c, caseId, {
        kind: 'policy_referral',
        policyCode: 'ZJ2020-KEYGROUP-HIRING',
        note: '介绍吸纳高校毕业生就业补贴',
      });
    if (w.service === 'overdue')
      await addService(c, caseId, {
        kind: 'counselling',
        note: '职业指导：制定求职计划',
        followUpDue: addDays(when, 7),
      });
  }
  await runReclassificationSweep(deps.db, o.now);
  return n;
}
