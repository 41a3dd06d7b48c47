import type { SharingAgreement, SharingMatches, Shortage } from '@jiuye/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../test/app.js';
import { signedIn } from '../../../test/factories.js';
import {
  OPERATOR,
  call,
  chinaDay,
  clerkOf,
  staffOf,
  uploadConsent,
  workers,
  type Clerk,
} from './sharing.test-support.js';

/**
 * Issue 6 acceptance, shared employment: enterprise A reports a shortage of 30 operators;
 * enterprise B declares 40 idle workers; the matcher proposes B for A; both sign; 30 workers
 * consent; the shortage is resolved with 30 filled. Through the HTTP API only.
 */

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.close();
});

describe('shared-employment journey', () => {
  let a: Clerk;
  let b: Clerk;

  it('takes a shortage of 30 operators to resolved with 30 filled through B’s idle workers', async () => {
    a = await clerkOf(t, '440803', '湛江甲电子科技有限公司');
    b = await clerkOf(t, '440811', '湛江乙家电制造有限公司');
    const staff = await staffOf(t, ['440803']);

    // 1. A reports the shortage.
    const shortage = await call<Shortage>(t, 'POST', '/api/v1/shortages', a, {
      enterpriseId: a.enterprise.id,
      title: '装配线操作工',
      occupationCode: OPERATOR,
      headcount: 30,
      deadline: chinaDay(t, 14),
      wageMinFen: 450_000,
      wageMaxFen: 600_000,
      urgency: 'high',
      cause: 'workers_not_returned',
    });
    expect(shortage.status).toBe(201);
    expect(shortage.body).toMatchObject({
      status: 'open',
      headcount: 30,
      headcountFilled: 0,
      headcountOpen: 30,
    });
    const shortageId = shortage.body.id;

    // Staff of the district see it on the board.
    const board = await call<{ totals: { shortages: number; headcountOpen: number } }>(
      t,
      'GET',
      '/api/v1/shortages/board',
      staff,
    );
    expect(board.status).toBe(200);
    expect(board.body.totals.headcountOpen).toBeGreaterThanOrEqual(30);

    // 2. B declares 40 idle workers.
    const idle = await call<{ id: string; availableCount: number }>(t, 'POST', '/api/v1/idle-workforce', b, {
      enterpriseId: b.enterprise.id,
      workerCount: 40,
      occupationCodes: [OPERATOR],
      skills: ['插件', '贴片'],
      availableFrom: chinaDay(t, 0),
      availableUntil: chinaDay(t, 90),
    });
    expect(idle.status).toBe(201);
    expect(idle.body.availableCount).toBe(40);

    // 3. The matcher proposes B for A, with reasons.
    const matches = await call<SharingMatches>(t, 'GET', `/api/v1/shortages/${shortageId}/matches`, a);
    expect(matches.status).toBe(200);
    const top = matches.body.items[0];
    expect(top?.idleWorkforceId).toBe(idle.body.id);
    expect(top?.lender.enterpriseId).toBe(b.enterprise.id);
    expect(top?.reasons.map((r) => r.code)).toContain('occupation_exact');
    expect(top?.suggested.workerCount).toBe(30);

    // 4. A proposes the agreement from the suggestion.
    const created = await call<SharingAgreement>(t, 'POST', '/api/v1/sharing-agreements', a, {
      shortageId,
      idleWorkforceId: idle.body.id,
      workerCount: 30,
      startsOn: top?.suggested.startsOn,
      endsOn: top?.suggested.endsOn,
      wageFen: 520_000,
      wagePayer: 'borrower',
      injuryInsuranceCarrier: 'lender',
      terms: '借出期间由借入方安排工作并支付工资，出借方继续缴纳社会保险和工伤保险。',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'pending', workerCount: 30, listedCount: 0 });
    const id = created.body.id;
    const told = await t.db
      .selectFrom('notifications')
      .select('kind')
      .where('userId', '=', b.user.id)
      .execute();
    expect(told.map((n) => n.kind)).toContain('sharing_agreement_proposed');
    const afterReserve = await call<{ availableCount: number }>(
      t,
      'GET',
      `/api/v1/idle-workforce/${idle.body.id}`,
      b,
    );
    expect(afterReserve.body.availableCount).toBe(10);

    // 5. B lists its 30 workers: two have seeker accounts (they answer in the app).
    const seekers = [await signedIn(t.app, t.db, 'seeker'), await signedIn(t.app, t.db, 'seeker')];
    const listed = await call<SharingAgreement>(t, 'POST', `/api/v1/sharing-agreements/${id}/workers`, b, {
      workers: [
        { fullName: '陈伟', phone: seekers[0]?.user.phone },
        { fullName: '刘芳', phone: seekers[1]?.user.phone },
        ...workers(28),
      ],
    });
    expect(listed.status).toBe(200);
    expect(listed.body.listedCount).toBe(30);
    expect(listed.body.workers.filter((w) => w.hasAccount)).toHaveLength(2);

    // 6. Both enterprises sign.
    const signedB = await call<SharingAgreement>(t, 'POST', `/api/v1/sharing-agreements/${id}/sign`, b, {
      party: 'lender',
    });
    expect(signedB.status).toBe(200);
    const signedA = await call<SharingAgreement>(t, 'POST', `/api/v1/sharing-agreements/${id}/sign`, a, {
      party: 'borrower',
    });
    expect(signedA.status).toBe(200);
    expect(signedA.body.status).toBe('pending');

    // 7. 30 workers consent: two in the app, 28 on one signed paper form recorded by B.
    for (const s of seekers) {
      const mine = await call<{ items: SharingAgreement[] }>(t, 'GET', '/api/v1/me/sharing-agreements', s);
      expect(mine.body.items.map((x) => x.id)).toContain(id);
      expect(mine.body.items[0]?.workers).toHaveLength(1);
      const r = await call<SharingAgreement>(t, 'POST', `/api/v1/sharing-agreements/${id}/consent`, s, {
        decision: 'consent',
      });
      expect(r.status).toBe(200);
    }
    const fileId = await uploadConsent(t, b);
    const paper = listed.body.workers.filter((w) => !w.hasAccount).map((w) => w.personId);
    const recorded = await call<SharingAgreement>(
      t,
      'POST',
      `/api/v1/sharing-agreements/${id}/paper-consents`,
      b,
      {
        personIds: paper,
        fileId,
        signedOn: chinaDay(t, 0),
      },
    );
    expect(recorded.status).toBe(200);
    expect(recorded.body).toMatchObject({ status: 'active', consentedCount: 30 });
    expect(recorded.body.activatedAt).not.toBeNull();

    // 8. The shortage is resolved by shared employment with 30 filled.
    const after = await call<Shortage>(t, 'GET', `/api/v1/shortages/${shortageId}`, a);
    expect(after.body).toMatchObject({
      status: 'resolved',
      headcountFilled: 30,
      headcountOpen: 0,
      resolutionMethod: 'shared_employment',
    });

    // Start, end and return are recorded; the return releases the workers at B.
    const start = await call<SharingAgreement>(t, 'POST', `/api/v1/sharing-agreements/${id}/start`, a, {
      on: chinaDay(t, 0),
    });
    expect(start.body.startedOn).toBe(chinaDay(t, 0));
    const end = await call<SharingAgreement>(t, 'POST', `/api/v1/sharing-agreements/${id}/end`, b, {
      on: chinaDay(t, 0),
    });
    expect(end.body.status).toBe('ended');
    const ret = await call<SharingAgreement>(t, 'POST', `/api/v1/sharing-agreements/${id}/return`, b, {
      on: chinaDay(t, 0),
    });
    expect(ret.body).toMatchObject({ status: 'returned', returnedOn: chinaDay(t, 0) });
    const released = await call<{ availableCount: number }>(
      t,
      'GET',
      `/api/v1/idle-workforce/${idle.body.id}`,
      b,
    );
    expect(released.body.availableCount).toBe(40);

    // Every step left an audit row.
    const actions = await t.db
      .selectFrom('auditLog')
      .select('action')
      .where('entityId', 'in', [id, shortageId])
      .execute();
    expect(actions.map((x) => x.action)).toEqual(
      expect.arrayContaining([
        'shortage.report',
        'sharing_agreement.create',
        'sharing_agreement.list_workers',
        'sharing_agreement.sign',
        'sharing_agreement.worker_consented',
        'sharing_agreement.paper_consents',
        'sharing_agreement.active',
        'shortage.resolved',
        'sharing_agreement.start',
        'sharing_agreement.end',
        'sharing_agreement.return',
      ]),
    );
  });
});
