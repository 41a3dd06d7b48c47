import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GuaranteeLoan, LoanDeferral, Startup } from '@jiuye/shared';
import { testApp, type TestApp } from '../../../test/app.js';
import { signedIn, uniquePhone } from '../../../test/factories.js';
import { uniqueCreditCode } from '../../../test/channel-factories.js';
import { uniqueIdNumber } from '../registrations/assistance.fixtures.js';
import { CITY_DISTRICT_CODES } from '../enterprises/index.js';
import { loadEntrepreneurshipFacts } from './entrepreneurship.facts.js';
import { decideDeferral, judgeReturnedWorker, mayMoveLoan } from './entrepreneurship.rules.js';

let t: TestApp;
type Session = Awaited<ReturnType<typeof signedIn>>;
let officer: Session;
let otherOfficer: Session;

beforeAll(async () => {
  t = await testApp();
  officer = await signedIn(t.app, t.db, 'staff', { districtCodes: ['440803'], displayName: '霞山 创业科' });
  otherOfficer = await signedIn(t.app, t.db, 'staff', {
    districtCodes: ['440881'],
    displayName: '廉江 创业科',
  });
});
afterAll(async () => {
  await t.close();
});

type Problem = { code: string; errors?: { path: string; code: string }[] };
const json = <T>(res: { body: string }): T => JSON.parse(res.body) as T;

function req(s: Session | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) {
  return t.app.inject({
    method,
    url,
    headers: { ...(s?.headers ?? {}), 'accept-language': 'en-US' },
    ...(payload ? { payload } : {}),
  });
}

/** A seeker whose person record says household registration in Zhanjiang (440803). */
async function founder(
  householdRegionCode: string | null = '440803',
): Promise<Session & { personId: string }> {
  const s = await signedIn(t.app, t.db, 'seeker', { displayName: '黄志强' });
  const p = await t.db
    .insertInto('persons')
    .values({
      userId: s.user.id,
      fullName: '黄志强',
      phone: s.user.phone,
      householdRegionCode,
      birthDate: '1990-05-01',
      gender: 'male',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { ...s, personId: p.id };
}

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

const startupBody = (o: Record<string, unknown> = {}) => ({
  businessName: '霞山海鲜大排档',
  businessType: 'individual',
  districtCode: '440803',
  industryCode: 'H',
  startDate: daysAgo(200),
  jobsCreated: 4,
  returnEvidence: {
    kind: 'outside_work',
    previousWorkRegionCode: '440300',
    previousEmployer: '深圳某电子厂',
  },
  ...o,
});

describe('pure rules', () => {
  it('judges returned workers from household region and previous work', () => {
    expect(
      judgeReturnedWorker('440803', { kind: 'outside_work', previousWorkRegionCode: '440300' })
        .returnedWorker,
    ).toBe(true);
    expect(
      judgeReturnedWorker('440803', { kind: 'outside_work', previousWorkRegionCode: '440881' })
        .returnedWorker,
    ).toBe(false);
    expect(
      judgeReturnedWorker('450200', { kind: 'outside_work', previousWorkRegionCode: '440300' })
        .returnedWorker,
    ).toBe(false);
    expect(
      judgeReturnedWorker(null, { kind: 'outside_work', previousWorkRegionCode: '440300' }).returnedWorker,
    ).toBe(false);
    expect(judgeReturnedWorker('440803', null).returnedWorker).toBe(false);
    expect(judgeReturnedWorker('440803', { kind: 'chartered_bus' }, true).returnedWorker).toBe(true);
    expect(judgeReturnedWorker('440803', { kind: 'chartered_bus' }, null).returnedWorker).toBe(false);
  });

  it('moves loans and deferrals only as the table says', () => {
    expect(mayMoveLoan('requested', 'referred', 'staff')).toBe(true);
    expect(mayMoveLoan('requested', 'referred', 'founder')).toBe(false);
    expect(mayMoveLoan('referred', 'withdrawn', 'founder')).toBe(true);
    expect(mayMoveLoan('granted', 'withdrawn', 'founder')).toBe(false);
    expect(mayMoveLoan('granted', 'repaid', 'staff')).toBe(true);
    expect(mayMoveLoan('declined', 'granted', 'staff')).toBe(false);
    expect(decideDeferral('submitted', 'approve', 'staff')).toBe('approved');
    expect(decideDeferral('submitted', 'approve', 'founder')).toBeNull();
    expect(decideDeferral('submitted', 'withdraw', 'founder')).toBe('withdrawn');
    expect(decideDeferral('approved', 'reject', 'staff')).toBeNull();
  });
});

describe('start-up records', () => {
  it('refuses bad input, naming the field', async () => {
    const f = await founder();
    const cases: [Record<string, unknown>, string, string][] = [
      [{ businessType: 'company' }, 'creditCode', 'credit_code_required'],
      [{ businessType: 'company', creditCode: 'ABC' }, 'creditCode', 'credit_code_format'],
      [{ districtCode: '440106' }, 'districtCode', 'not_in_city'],
      [{ districtCode: '4408' }, 'districtCode', 'region_format'],
      [{ jobsCreated: -1 }, 'jobsCreated', 'too_small'],
      [{ startDate: '2020-13-01' }, 'startDate', 'invalid_format'],
      [{ industryCode: 'Z' }, 'industryCode', 'invalid_format'],
      [{ returnEvidence: { kind: 'outside_work' } }, 'returnEvidence.previousWorkRegionCode', 'required'],
      [{ personId: f.personId }, 'personId', 'invalid'],
      [{ extra: 1 }, 'extra', 'unrecognized_keys'],
    ];
    for (const [patch, path, code] of cases) {
      const res = await req(f, 'POST', '/api/v1/startups', startupBody(patch));
      expect(res.statusCode, JSON.stringify(patch)).toBe(400);
      expect(json<Problem>(res).errors, JSON.stringify(patch)).toContainEqual(
        expect.objectContaining({ path, code }),
      );
    }
    const broken = await t.app.inject({
      method: 'POST',
      url: '/api/v1/startups',
      headers: { ...f.headers, 'content-type': 'application/json' },
      payload: '{"businessName":',
    });
    expect(broken.statusCode).toBe(400);
    expect(json<Problem>(broken).code).toBe('malformed_request');
  });

  it('a returned worker records their own start-up; nobody else sees it', async () => {
    const f = await founder();
    const res = await req(f, 'POST', '/api/v1/startups', startupBody());
    expect(res.statusCode, res.body).toBe(201);
    const s = json<Startup>(res);
    expect(s).toMatchObject({
      personId: f.personId,
      returnedWorker: true,
      businessType: 'individual',
      creditCode: null,
    });
    expect(s.returnedWorkerReasons.length).toBe(2);

    const mine = json<{ items: Startup[] }>(await req(f, 'GET', '/api/v1/startups'));
    expect(mine.items.map((x) => x.id)).toEqual([s.id]);

    const other = await founder();
    expect((await req(other, 'GET', `/api/v1/startups/${s.id}`)).statusCode).toBe(404);
    expect((await req(other, 'PATCH', `/api/v1/startups/${s.id}`, { jobsCreated: 9 })).statusCode).toBe(404);
    expect(json<{ items: Startup[] }>(await req(other, 'GET', '/api/v1/startups')).items).toEqual([]);
    expect((await req(otherOfficer, 'GET', `/api/v1/startups/${s.id}`)).statusCode).toBe(404);
    const employer = await signedIn(t.app, t.db, 'employer');
    expect((await req(employer, 'GET', `/api/v1/startups/${s.id}`)).statusCode).toBe(403);

    // Staff of the district see it, and the read is audited.
    expect((await req(officer, 'GET', `/api/v1/startups/${s.id}`)).statusCode).toBe(200);
    const audit = await t.db
      .selectFrom('auditLog')
      .select(['action', 'actorUserId'])
      .where('entityId', '=', s.id)
      .execute();
    expect(audit).toContainEqual({ action: 'startup.create', actorUserId: f.user.id });
    expect(audit).toContainEqual({ action: 'startup.read', actorUserId: officer.user.id });

    // Local work only: not a returned worker.
    const upd = await req(f, 'PATCH', `/api/v1/startups/${s.id}`, {
      returnEvidence: { kind: 'outside_work', previousWorkRegionCode: '440881' },
      jobsCreated: 6,
    });
    expect(upd.statusCode).toBe(200);
    expect(json<Startup>(upd)).toMatchObject({ returnedWorker: false, jobsCreated: 6 });
  });

  it('a chartered-bus return counts only with a boarded booking of the person', async () => {
    const f = await founder();
    const res = await req(
      f,
      'POST',
      '/api/v1/startups',
      startupBody({ returnEvidence: { kind: 'chartered_bus' } }),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(json<Startup>(res)).toMatchObject({
      returnedWorker: false,
      returnedWorkerReasons: ['No boarded chartered-bus booking of this person was found'],
    });
  });

  it('staff record a start-up for a walk-in person of their district; a credit code is unique', async () => {
    const creditCode = uniqueCreditCode();
    // A Beijing household (110105); unique, because other test files in this database register
    // persons too and identity numbers are unique city-wide.
    const idNumber = uniqueIdNumber('1949-12-31', 'female', '110105');
    const body = startupBody({
      person: { fullName: '陈海燕', phone: uniquePhone(), idNumber },
      businessType: 'company',
      businessName: '湛江海燕水产有限公司',
      creditCode,
    });
    const res = await req(officer, 'POST', '/api/v1/startups', body);
    expect(res.statusCode, res.body).toBe(201);
    const s = json<Startup>(res);
    expect(s).toMatchObject({ personName: '陈海燕', creditCode, creditCodeChecksumValid: true });
    expect(s.personIdNumberMasked).toBe(`1101**********${idNumber.slice(-4)}`);
    // Household 110105 (Beijing): not a returned worker of Zhanjiang.
    expect(s.returnedWorker).toBe(false);
    const dup = await req(officer, 'POST', '/api/v1/startups', { ...body, businessName: '另一家公司' });
    expect(dup.statusCode).toBe(409);
    expect(json<Problem>(dup).errors?.[0]).toMatchObject({ path: 'creditCode', code: 'credit_code_taken' });
    const outside = await req(
      otherOfficer,
      'POST',
      '/api/v1/startups',
      startupBody({ personId: s.personId }),
    );
    expect(json<Problem>(outside).errors?.[0]).toMatchObject({
      path: 'districtCode',
      code: 'outside_district',
    });
    const noPerson = await req(officer, 'POST', '/api/v1/startups', startupBody());
    expect(json<Problem>(noPerson).errors?.[0]).toMatchObject({ path: 'personId', code: 'required' });
  });
});

describe('guarantee loans and repayment deferrals', () => {
  it('refers a loan, grants it, and reviews a deferral request with maker-checker', async () => {
    const f = await founder();
    const s = json<Startup>(await req(f, 'POST', '/api/v1/startups', startupBody()));
    const bad = await req(f, 'POST', `/api/v1/startups/${s.id}/guarantee-loans`, {
      amountRequestedFen: 0,
      bankName: '农商行',
    });
    expect(json<Problem>(bad).errors?.[0]).toMatchObject({ path: 'amountRequestedFen', code: 'too_small' });
    const created = await req(f, 'POST', `/api/v1/startups/${s.id}/guarantee-loans`, {
      amountRequestedFen: 20_000_000,
      bankName: '湛江农村商业银行',
      purpose: '购置冷库设备',
    });
    expect(created.statusCode, created.body).toBe(201);
    const loan = json<GuaranteeLoan>(created);
    expect(loan).toMatchObject({ status: 'requested', termMonths: 36, personName: '黄志强' });
    const second = await req(f, 'POST', `/api/v1/startups/${s.id}/guarantee-loans`, {
      amountRequestedFen: 10_000_000,
      bankName: '湛江农村商业银行',
    });
    expect(second.statusCode).toBe(409);

    // A deferral needs a granted loan.
    const early = await req(f, 'POST', `/api/v1/guarantee-loans/${loan.id}/deferrals`, {
      months: 6,
      reason: '疫情停业两个月',
    });
    expect(early.statusCode).toBe(409);
    expect(json<Problem>(early).errors?.[0]).toMatchObject({ code: 'loan_not_granted' });

    expect(
      (await req(f, 'PATCH', `/api/v1/guarantee-loans/${loan.id}`, { status: 'referred' })).statusCode,
    ).toBe(403);
    expect(
      (await req(officer, 'PATCH', `/api/v1/guarantee-loans/${loan.id}`, { status: 'referred' })).statusCode,
    ).toBe(200);
    const noAmount = await req(officer, 'PATCH', `/api/v1/guarantee-loans/${loan.id}`, { status: 'granted' });
    expect(json<Problem>(noAmount).errors?.[0]).toMatchObject({ path: 'amountGrantedFen', code: 'required' });
    const granted = await req(officer, 'PATCH', `/api/v1/guarantee-loans/${loan.id}`, {
      status: 'granted',
      amountGrantedFen: 15_000_000,
      grantedOn: daysAgo(30),
    });
    expect(granted.statusCode, granted.body).toBe(200);
    expect(json<GuaranteeLoan>(granted)).toMatchObject({ status: 'granted', amountGrantedFen: 15_000_000 });
    expect(
      (await req(f, 'PATCH', `/api/v1/guarantee-loans/${loan.id}`, { status: 'withdrawn' })).statusCode,
    ).toBe(409);

    const facts = await loadEntrepreneurshipFacts(t.db, f.personId, daysAgo(0));
    expect(facts).toMatchObject({
      'person.startup.exists': true,
      'person.startup.startDate': daysAgo(200),
      'person.startup.jobsCreated': 4,
      'person.returnedWorker': true,
      'person.guaranteeLoan.active': true,
      'person.guaranteeLoan.amountFen': 15_000_000,
    });

    // Filed by the officer for the founder: the same officer may not decide it.
    const filed = await req(officer, 'POST', `/api/v1/guarantee-loans/${loan.id}/deferrals`, {
      months: 6,
      reason: '疫情期间停业，现金流紧张',
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const d = json<LoanDeferral>(filed);
    const again = await req(f, 'POST', `/api/v1/guarantee-loans/${loan.id}/deferrals`, {
      months: 3,
      reason: '再申请',
    });
    expect(json<Problem>(again).errors?.[0]).toMatchObject({ code: 'deferral_pending' });
    const self = await req(officer, 'POST', `/api/v1/loan-deferrals/${d.id}/decision`, {
      decision: 'approve',
    });
    expect(json<Problem>(self).code).toBe('separation_of_duties');
    const colleague = await signedIn(t.app, t.db, 'staff', { districtCodes: ['440803'] });
    const noNote = await req(colleague, 'POST', `/api/v1/loan-deferrals/${d.id}/decision`, {
      decision: 'reject',
    });
    expect(json<Problem>(noNote).errors?.[0]).toMatchObject({ path: 'note', code: 'required' });
    expect(
      (await req(f, 'POST', `/api/v1/loan-deferrals/${d.id}/decision`, { decision: 'approve' })).statusCode,
    ).toBe(403);
    const ok = await req(colleague, 'POST', `/api/v1/loan-deferrals/${d.id}/decision`, {
      decision: 'approve',
      note: '同意延期6个月',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(json<LoanDeferral>(ok)).toMatchObject({ status: 'approved', reviewNote: '同意延期6个月' });
    const twice = await req(colleague, 'POST', `/api/v1/loan-deferrals/${d.id}/decision`, {
      decision: 'reject',
      note: 'x',
    });
    expect(twice.statusCode).toBe(409);

    expect(
      json<{ items: LoanDeferral[] }>(await req(f, 'GET', '/api/v1/loan-deferrals')).items.map((x) => x.id),
    ).toEqual([d.id]);
    expect(
      json<{ items: GuaranteeLoan[]; total: number }>(await req(f, 'GET', '/api/v1/guarantee-loans')).total,
    ).toBe(1);
    expect(
      json<{ items: LoanDeferral[] }>(
        await req(otherOfficer, 'GET', `/api/v1/loan-deferrals?loanId=${loan.id}`),
      ).items,
    ).toEqual([]);
    const stranger = await founder();
    expect(
      (
        await req(stranger, 'POST', `/api/v1/guarantee-loans/${loan.id}/deferrals`, {
          months: 1,
          reason: '试试',
        })
      ).statusCode,
    ).toBe(404);
  });

  it('a person without start-ups has no start-up facts', async () => {
    const f = await founder();
    expect(await loadEntrepreneurshipFacts(t.db, f.personId, daysAgo(0))).toMatchObject({
      'person.startup.exists': false,
      'person.startup.startDate': null,
      'person.returnedWorker': false,
      'person.guaranteeLoan.active': false,
    });
  });
});

describe('the fact registry', () => {
  it('knows the start-up facts the start-up subsidy reads', async () => {
    const { factDefinitions } = await import('../policies/index.js');
    const names = factDefinitions('person').map((f) => f.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'person.startup.startDate',
        'person.startup.jobsCreated',
        'person.returnedWorker',
      ]),
    );
    expect(CITY_DISTRICT_CODES).toHaveLength(9);
  });
});
