import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreatePolicyBodySchema, type EligibilityResult, type Policy } from '@jiuye/shared';
import { testApp, type TestApp } from '../../../test/app.js';
import { signedIn } from '../../../test/factories.js';
import { createEnterprise } from '../../../test/channel-factories.js';
import { CITY_DISTRICT_CODES } from '../enterprises/index.js';
import { SEED_POLICIES, checkEligibility, seedPolicyCatalogue } from './index.js';
import { policyIssues } from './policies.service.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  await seedPolicyCatalogue(t.db);
});
afterAll(async () => {
  await t.close();
});

type Session = Awaited<ReturnType<typeof signedIn>>;
function body<T>(res: { body: string }): T {
  return JSON.parse(res.body) as T;
}
const cityWide = () => signedIn(t.app, t.db, 'staff', { districtCodes: [...CITY_DISTRICT_CODES] });
const code = (p: string) => `T-${p}-${randomBytes(4).toString('hex')}`;

function policyBody(c: string, o: Record<string, unknown> = {}) {
  return {
    code: c,
    kind: 'training_subsidy',
    applicantType: 'enterprise',
    nameZh: '测试培训补贴',
    nameEn: 'Test training subsidy',
    effectiveFrom: '2020-01-01',
    eligibility: {
      all: [
        { fact: 'enterprise.verified', op: 'eq', value: true },
        { fact: 'enterprise.size', op: 'in', value: ['micro', 'small'] },
        { fact: 'form.trainees', op: 'gte', value: 1 },
      ],
    },
    formFields: [{ key: 'trainees', labelZh: '人数', labelEn: 'Trainees', type: 'number', required: true }],
    amount: { kind: 'per_head', perHeadFen: 50_000, headcountFact: 'form.trainees', capFen: 1_000_000 },
    ...o,
  };
}

async function post(s: Session | null, url: string, payload: object, method: 'POST' | 'PUT' = 'POST') {
  return t.app.inject({
    method,
    url,
    headers: { ...(s?.headers ?? {}), 'accept-language': 'en-US' },
    payload,
  });
}

describe('the catalogue', () => {
  it('is seeded once with every kind, and is public with filters', async () => {
    expect(await seedPolicyCatalogue(t.db)).toBe(0);
    const all = body<{ items: Policy[]; total: number }>(
      await t.app.inject({ method: 'GET', url: '/api/v1/policies?pageSize=100' }),
    );
    const kinds = new Set(all.items.map((p) => p.kind));
    expect(kinds.size).toBe(9);
    const seeded = all.items.find((p) => p.code === 'ZJ2020-STARTUP-GRANT');
    expect(seeded).toMatchObject({
      applicantType: 'person',
      amount: { kind: 'fixed', amountFen: 1_000_000 },
      version: 1,
    });
    const persons = body<{ items: Policy[] }>(
      await t.app.inject({ method: 'GET', url: '/api/v1/policies?applicantType=person&pageSize=100' }),
    );
    expect(persons.items.every((p) => p.applicantType === 'person')).toBe(true);
    const before = body<{ total: number }>(
      await t.app.inject({ method: 'GET', url: '/api/v1/policies?effectiveOn=2019-12-31' }),
    );
    expect(before.total).toBe(0);
    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/policies?kind=nope' });
    expect(bad.statusCode).toBe(400);
    const one = await t.app.inject({ method: 'GET', url: '/api/v1/policies/ZJ2020-SI-RELIEF' });
    expect(body<Policy>(one)).toMatchObject({
      code: 'ZJ2020-SI-RELIEF',
      kind: 'social_insurance_relief',
      inEffect: true,
    });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/policies/NO-SUCH-POLICY' })).statusCode).toBe(
      404,
    );
  });

  it('validates every seeded rule against all registered facts (other modules’ included)', () => {
    for (const raw of SEED_POLICIES) {
      const p = CreatePolicyBodySchema.parse(raw);
      expect(policyIssues(p), p.code).toEqual([]);
    }
  });

  it('lists the fact registry', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/policy-facts?subjectType=enterprise' });
    const names = body<{ items: { name: string }[] }>(res).items.map((f) => f.name);
    expect(names).toContain('enterprise.size');
    expect(names).toContain('enterprise.keyGroupHires.last365Days');
    expect(names.every((n) => n.startsWith('enterprise.'))).toBe(true);
  });

  it('lets only city-wide officers create and edit; every edit is a new version', async () => {
    const district = await signedIn(t.app, t.db, 'staff', { districtCodes: ['440803'] });
    const c = code('EDIT');
    expect((await post(district, '/api/v1/policies', policyBody(c))).statusCode).toBe(403);
    const bureau = await cityWide();
    const created = await post(bureau, '/api/v1/policies', policyBody(c));
    expect(created.statusCode).toBe(201);
    expect(body<Policy>(created)).toMatchObject({ code: c, version: 1, noticeDays: 5, period: 'once' });
    expect(body<{ code: string }>(await post(bureau, '/api/v1/policies', policyBody(c))).code).toBe(
      'already_exists',
    );

    const { code: _c, ...rest } = policyBody(c, { nameZh: '测试培训补贴（修订）' });
    const v2 = await post(bureau, `/api/v1/policies/${c}`, { ...rest, expectedVersion: 1 }, 'PUT');
    expect(v2.statusCode).toBe(200);
    expect(body<Policy>(v2)).toMatchObject({ version: 2, nameZh: '测试培训补贴（修订）', isLatest: true });
    const stale = await post(bureau, `/api/v1/policies/${c}`, { ...rest, expectedVersion: 1 }, 'PUT');
    expect(stale.statusCode).toBe(409);
    expect(body<{ errors: { path: string; code: string }[] }>(stale).errors).toEqual([
      expect.objectContaining({ path: 'expectedVersion', code: 'stale_version' }),
    ]);
    const versions = body<{ items: Policy[] }>(
      await t.app.inject({ method: 'GET', url: `/api/v1/policies/${c}/versions` }),
    );
    expect(versions.items.map((p) => [p.version, p.isLatest])).toEqual([
      [2, true],
      [1, false],
    ]);
    const old = await t.app.inject({ method: 'GET', url: `/api/v1/policies/${c}?version=1` });
    expect(body<Policy>(old).nameZh).toBe('测试培训补贴');
    const audit = await t.db
      .selectFrom('auditLog')
      .select('action')
      .where('entityType', '=', 'policy')
      .where('summary', '@>', JSON.stringify({ code: c }))
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['policy.create', 'policy.update']);
  });

  it('refuses a malformed rule naming the path of the error', async () => {
    const bureau = await cityWide();
    const cases: [object, string, string][] = [
      [
        {
          all: [
            { fact: 'enterprise.verified', op: 'eq', value: true },
            { fact: 'enterprise.size', op: 'in', value: ['small'] },
            { fact: 'enterprise.hires.last90Days', op: 'gte', value: 'three' },
          ],
        },
        'eligibility.all.2.value',
        'value_type',
      ],
      [{ all: [{ fact: 'enterprise.nope', op: 'eq', value: 1 }] }, 'eligibility.all.0.fact', 'unknown_fact'],
      [
        { any: [{ fact: 'enterprise.size', op: 'gt', value: 'small' }] },
        'eligibility.any.0.op',
        'op_not_allowed',
      ],
      [
        { all: [{ fact: 'person.age', op: 'gt', value: 16 }] },
        'eligibility.all.0.fact',
        'fact_subject_mismatch',
      ],
      [
        { all: [{ fact: 'enterprise.size', op: 'like', value: 'x' }] },
        'eligibility.all.0.op',
        'invalid_value',
      ],
      [
        { all: [{ any: [], not: { fact: 'enterprise.verified', op: 'exists' } }] },
        'eligibility.all.0',
        'rule_shape',
      ],
    ];
    for (const [eligibility, path, fieldCode] of cases) {
      const res = await post(bureau, '/api/v1/policies', policyBody(code('BAD'), { eligibility }));
      expect(res.statusCode, JSON.stringify(eligibility)).toBe(400);
      const p = body<{ code: string; errors: { path: string; code: string }[] }>(res);
      expect(p.code).toBe('validation_failed');
      expect(p.errors).toContainEqual(expect.objectContaining({ path, code: fieldCode }));
    }
    let deep: object = { fact: 'enterprise.verified', op: 'eq', value: true };
    for (let i = 0; i < 8; i++) deep = { not: deep };
    const tooDeep = await post(bureau, '/api/v1/policies', policyBody(code('DEEP'), { eligibility: deep }));
    expect(body<{ errors: { path: string; code: string }[] }>(tooDeep).errors).toContainEqual(
      expect.objectContaining({ path: 'eligibility', code: 'rule_too_deep' }),
    );
    // A hostile nesting is refused before the validator recurses into it.
    let hostile = '{"fact":"enterprise.verified","op":"eq","value":true}';
    for (let i = 0; i < 5000; i++) hostile = `{"not":${hostile}}`;
    const raw = JSON.stringify(policyBody(code('HOSTILE'))).replace(
      /"eligibility":\{.*?\]\}/,
      `"eligibility":${hostile}`,
    );
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/policies',
      headers: { ...bureau.headers, 'content-type': 'application/json' },
      payload: raw,
    });
    expect(res.statusCode).toBe(400);
    const formula = await post(
      bureau,
      '/api/v1/policies',
      policyBody(code('AMT'), { amount: { kind: 'percent', basisPoints: 100, baseFact: 'enterprise.size' } }),
    );
    expect(body<{ errors: { path: string; code: string }[] }>(formula).errors).toContainEqual(
      expect.objectContaining({ path: 'amount.baseFact', code: 'value_type' }),
    );
  });
});

describe('eligibility self-check', () => {
  it('answers with reasons for the caller’s enterprise, and hides other enterprises', async () => {
    const clerk = await signedIn(t.app, t.db, 'employer');
    const e = await createEnterprise(t.db, { ownerUserId: clerk.user.id, ownerPhone: clerk.user.phone });
    const ok = await post(clerk, '/api/v1/policies/ZJ2020-SI-RELIEF/eligibility-check', {
      enterpriseId: e.id,
      formData: { employerContributionsFen: 480_000, insuredEmployees: 12 },
    });
    expect(ok.statusCode).toBe(200);
    const r = body<EligibilityResult>(ok);
    expect(r).toMatchObject({
      eligible: true,
      policyCode: 'ZJ2020-SI-RELIEF',
      subject: { type: 'enterprise', id: e.id },
      amount: { amountFen: 480_000 },
    });
    expect(r.reasons.map((x) => x.outcome)).toEqual(['pass', 'pass', 'pass']);
    expect(r.reasons[1]?.messageZh).toBe('企业规模 小型，要求 属于 微型、小型、中型');

    await t.db.updateTable('enterprises').set({ size: 'large' }).where('id', '=', e.id).execute();
    const no = body<EligibilityResult>(
      await post(clerk, '/api/v1/policies/ZJ2020-SI-RELIEF/eligibility-check', { enterpriseId: e.id }),
    );
    expect(no.eligible).toBe(false);
    expect(no.reasons.find((x) => x.fact === 'enterprise.size')).toMatchObject({
      outcome: 'fail',
      actual: 'large',
    });
    // The amount cannot be computed without the declared contributions: said so, and not eligible.
    expect(no.reasons.find((x) => x.path === 'amount')).toMatchObject({ outcome: 'unknown' });

    const other = await signedIn(t.app, t.db, 'employer');
    const hidden = await post(other, '/api/v1/policies/ZJ2020-SI-RELIEF/eligibility-check', {
      enterpriseId: e.id,
    });
    expect(hidden.statusCode).toBe(404);
    const wrongType = await post(clerk, '/api/v1/policies/ZJ2020-STARTUP-GRANT/eligibility-check', {
      enterpriseId: e.id,
    });
    expect(wrongType.statusCode).toBe(400);
    const college = await signedIn(t.app, t.db, 'college');
    expect((await post(college, '/api/v1/policies/ZJ2020-SI-RELIEF/eligibility-check', {})).statusCode).toBe(
      403,
    );
  });

  it('is available to other modules through checkEligibility', async () => {
    const clerk = await signedIn(t.app, t.db, 'employer');
    const e = await createEnterprise(t.db, {
      ownerUserId: clerk.user.id,
      ownerPhone: clerk.user.phone,
      status: 'pending',
    });
    const r = await checkEligibility(
      t.db,
      'ZJ2020-FINANCING',
      { type: 'enterprise', id: e.id },
      '2020-04-01',
      {
        loanNeedFen: 100,
        purpose: '周转',
      },
    );
    expect(r.eligible).toBe(false);
    expect(r.reasons[0]).toMatchObject({ fact: 'enterprise.verified', outcome: 'fail', actual: false });
    expect(r.reasons[0]?.messageEn).toBe('Verified on the platform no; required = yes');
  });
});
