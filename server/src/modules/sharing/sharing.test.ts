import type { IdleWorkforce, SharingAgreement, Shortage } from '@jiuye/shared';
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
  type Caller,
  type Clerk,
} from './sharing.test-support.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.close();
});

type Problem = { code: string; errors?: { path: string; code: string }[] };
const fieldsOf = (p: unknown) => ((p as Problem).errors ?? []).map((e) => `${e.path}:${e.code}`);

async function shortageOf(who: Clerk, headcount = 30): Promise<Shortage> {
  const r = await call<Shortage>(t, 'POST', '/api/v1/shortages', who, {
    enterpriseId: who.enterprise.id,
    occupationCode: OPERATOR,
    headcount,
    deadline: chinaDay(t, 10),
    wageMinFen: 400_000,
    wageMaxFen: 500_000,
    cause: 'new_orders',
  });
  if (r.status !== 201) throw new Error(JSON.stringify(r.body));
  return r.body;
}

async function idleOf(who: Clerk, workerCount = 40): Promise<IdleWorkforce> {
  const r = await call<IdleWorkforce>(t, 'POST', '/api/v1/idle-workforce', who, {
    enterpriseId: who.enterprise.id,
    workerCount,
    occupationCodes: [OPERATOR],
    availableFrom: chinaDay(t, 0),
    availableUntil: chinaDay(t, 60),
  });
  if (r.status !== 201) throw new Error(JSON.stringify(r.body));
  return r.body;
}

function agreementBody(
  s: Shortage,
  i: IdleWorkforce,
  workerCount: number,
  extra: Record<string, unknown> = {},
) {
  return {
    shortageId: s.id,
    idleWorkforceId: i.id,
    workerCount,
    startsOn: chinaDay(t, 1),
    endsOn: chinaDay(t, 30),
    wageFen: 480_000,
    wagePayer: 'borrower',
    injuryInsuranceCarrier: 'lender',
    ...extra,
  };
}

describe('concurrent agreements on one idle declaration', () => {
  it('never lend more workers than were declared: 30 + 30 against 40, exactly one wins', async () => {
    const lender = await clerkOf(t, '440811');
    const b1 = await clerkOf(t, '440803');
    const b2 = await clerkOf(t, '440802');
    const idle = await idleOf(lender, 40);
    const s1 = await shortageOf(b1);
    const s2 = await shortageOf(b2);
    const results = await Promise.all([
      call(t, 'POST', '/api/v1/sharing-agreements', b1, agreementBody(s1, idle, 30)),
      call(t, 'POST', '/api/v1/sharing-agreements', b2, agreementBody(s2, idle, 30)),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    const loser = results.find((r) => r.status === 409);
    expect((loser?.body as Problem).code).toBe('idle_workers_exhausted');
    const after = await call<IdleWorkforce>(t, 'GET', `/api/v1/idle-workforce/${idle.id}`, lender);
    expect(after.body).toMatchObject({ reservedCount: 30, availableCount: 10 });
  });

  it('holds under many concurrent small agreements (reserved never exceeds the declaration)', async () => {
    const lender = await clerkOf(t, '440811');
    const idle = await idleOf(lender, 10);
    const borrowers = await Promise.all(Array.from({ length: 6 }, () => clerkOf(t, '440803')));
    const shortages = await Promise.all(borrowers.map((b) => shortageOf(b, 5)));
    const results = await Promise.all(
      borrowers.map((b, i) =>
        call(t, 'POST', '/api/v1/sharing-agreements', b, agreementBody(shortages[i] as Shortage, idle, 3)),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(3);
    expect(results.filter((r) => r.status === 409)).toHaveLength(3);
    const row = await t.db
      .selectFrom('idleWorkforce')
      .select(['reservedCount', 'workerCount'])
      .where('id', '=', idle.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ reservedCount: 9, workerCount: 10 });
  });

  it('the database has the last word: reserved_count above worker_count is refused', async () => {
    const lender = await clerkOf(t, '440811');
    const idle = await idleOf(lender, 5);
    await expect(
      t.db.updateTable('idleWorkforce').set({ reservedCount: 6 }).where('id', '=', idle.id).execute(),
    ).rejects.toMatchObject({ code: '23514' });
  });
});

describe('agreement rules and authorization', () => {
  let lender: Clerk;
  let borrower: Clerk;
  let stranger: Clerk;
  let outsider: Caller;
  let shortage: Shortage;
  let idle: IdleWorkforce;
  let agreement: SharingAgreement;

  beforeAll(async () => {
    lender = await clerkOf(t, '440811');
    borrower = await clerkOf(t, '440803');
    stranger = await clerkOf(t, '440803');
    outsider = await staffOf(t, ['440882']);
    shortage = await shortageOf(borrower, 10);
    idle = await idleOf(lender, 10);
    const r = await call<SharingAgreement>(
      t,
      'POST',
      '/api/v1/sharing-agreements',
      borrower,
      agreementBody(shortage, idle, 3),
    );
    agreement = r.body;
  });

  it('an enterprise sees no other enterprise’s agreements (404) nor lists them', async () => {
    expect((await call(t, 'GET', `/api/v1/sharing-agreements/${agreement.id}`, stranger)).status).toBe(404);
    expect(
      (
        await call(t, 'POST', `/api/v1/sharing-agreements/${agreement.id}/sign`, stranger, {
          party: 'lender',
        })
      ).status,
    ).toBe(404);
    const list = await call<{ items: SharingAgreement[] }>(t, 'GET', '/api/v1/sharing-agreements', stranger);
    expect(list.body.items.map((a) => a.id)).not.toContain(agreement.id);
    expect((await call(t, 'GET', `/api/v1/idle-workforce/${idle.id}`, stranger)).status).toBe(404);
    expect((await call(t, 'GET', `/api/v1/shortages/${shortage.id}/matches`, stranger)).status).toBe(404);
    // Both parties see it.
    expect((await call(t, 'GET', `/api/v1/sharing-agreements/${agreement.id}`, lender)).status).toBe(200);
    expect((await call(t, 'GET', `/api/v1/sharing-agreements/${agreement.id}`, borrower)).status).toBe(200);
  });

  it('staff outside both districts cannot see or act', async () => {
    expect((await call(t, 'GET', `/api/v1/sharing-agreements/${agreement.id}`, outsider)).status).toBe(404);
    expect(
      (await call(t, 'POST', `/api/v1/sharing-agreements/${agreement.id}/cancel`, outsider, { reason: 'x' }))
        .status,
    ).toBe(404);
    const lenderStaff = await staffOf(t, ['440811']);
    const seen = await call<SharingAgreement>(
      t,
      'GET',
      `/api/v1/sharing-agreements/${agreement.id}`,
      lenderStaff,
    );
    expect(seen.status).toBe(200);
  });

  it('each side signs only for itself', async () => {
    const wrong = await call(t, 'POST', `/api/v1/sharing-agreements/${agreement.id}/sign`, borrower, {
      party: 'lender',
    });
    expect(wrong.status).toBe(403);
    expect(fieldsOf(wrong.body)).toEqual(['party:not_a_party']);
    const ok = await call(t, 'POST', `/api/v1/sharing-agreements/${agreement.id}/sign`, borrower, {
      party: 'borrower',
    });
    expect(ok.status).toBe(200);
    const twice = await call(t, 'POST', `/api/v1/sharing-agreements/${agreement.id}/sign`, borrower, {
      party: 'borrower',
    });
    expect(twice.status).toBe(409);
  });

  it('only the lender lists workers, never more than agreed, and a worker is on one open agreement', async () => {
    const byBorrower = await call(t, 'POST', `/api/v1/sharing-agreements/${agreement.id}/workers`, borrower, {
      workers: workers(1),
    });
    expect(byBorrower.status).toBe(403);
    const tooMany = await call(t, 'POST', `/api/v1/sharing-agreements/${agreement.id}/workers`, lender, {
      workers: workers(4),
    });
    expect(fieldsOf(tooMany.body)).toEqual(['workers:too_many_workers']);
    const [w1, w2] = workers(2);
    const dup = await call(t, 'POST', `/api/v1/sharing-agreements/${agreement.id}/workers`, lender, {
      workers: [w1, w1],
    });
    expect(fieldsOf(dup.body)).toEqual(['workers.1:duplicate_worker']);
    const ok = await call<SharingAgreement>(
      t,
      'POST',
      `/api/v1/sharing-agreements/${agreement.id}/workers`,
      lender,
      {
        workers: [w1, w2],
      },
    );
    expect(ok.body.listedCount).toBe(2);

    // The same worker on a second agreement of the same lender: 409.
    const s2 = await shortageOf(stranger, 5);
    const other = await call<SharingAgreement>(
      t,
      'POST',
      '/api/v1/sharing-agreements',
      stranger,
      agreementBody(s2, idle, 2),
    );
    expect(other.status).toBe(201);
    const clash = await call(t, 'POST', `/api/v1/sharing-agreements/${other.body.id}/workers`, lender, {
      workers: [w2],
    });
    expect(clash.status).toBe(409);
    expect(fieldsOf(clash.body)).toEqual(['workers.0:worker_already_lent']);
    // Cancelling releases the reservation.
    const cancelled = await call<SharingAgreement>(
      t,
      'POST',
      `/api/v1/sharing-agreements/${other.body.id}/cancel`,
      stranger,
      {
        reason: '改由校企合作解决',
      },
    );
    expect(cancelled.body.status).toBe('cancelled');
    const i = await call<IdleWorkforce>(t, 'GET', `/api/v1/idle-workforce/${idle.id}`, lender);
    expect(i.body.reservedCount).toBe(3);
  });

  it('a worker with an account answers in the app; paper consent is for workers without one', async () => {
    const seeker = await signedIn(t.app, t.db, 'seeker');
    const added = await call<SharingAgreement>(
      t,
      'POST',
      `/api/v1/sharing-agreements/${agreement.id}/workers`,
      lender,
      {
        workers: [{ fullName: '林强', phone: seeker.user.phone }],
      },
    );
    expect(added.status).toBe(200);
    const me = added.body.workers.find((w) => w.hasAccount);
    expect(me).toBeDefined();
    const fileId = await uploadConsent(t, lender);
    const paperForAccount = await call(
      t,
      'POST',
      `/api/v1/sharing-agreements/${agreement.id}/paper-consents`,
      lender,
      {
        personIds: [me?.personId],
        fileId,
        signedOn: chinaDay(t, 0),
      },
    );
    expect(paperForAccount.status).toBe(409);
    expect(fieldsOf(paperForAccount.body)).toEqual(['personIds.0:consent_in_app_required']);
    const someoneElsesFile = await uploadConsent(t, borrower);
    const wrongFile = await call(
      t,
      'POST',
      `/api/v1/sharing-agreements/${agreement.id}/paper-consents`,
      lender,
      {
        personIds: added.body.workers.filter((w) => !w.hasAccount).map((w) => w.personId),
        fileId: someoneElsesFile,
        signedOn: chinaDay(t, 0),
      },
    );
    expect(fieldsOf(wrongFile.body)).toEqual(['fileId:unknown_document']);

    // The worker sees only their own entry; another seeker sees nothing.
    const mine = await call<SharingAgreement>(t, 'GET', `/api/v1/sharing-agreements/${agreement.id}`, seeker);
    expect(mine.body.workers.map((w) => w.personId)).toEqual([me?.personId]);
    const nobody = await signedIn(t.app, t.db, 'seeker');
    expect((await call(t, 'GET', `/api/v1/sharing-agreements/${agreement.id}`, nobody)).status).toBe(404);
    expect(
      (
        await call(t, 'POST', `/api/v1/sharing-agreements/${agreement.id}/consent`, nobody, {
          decision: 'consent',
        })
      ).status,
    ).toBe(404);

    // A decline keeps the agreement pending; the lender takes the worker off and lists another.
    const declined = await call<SharingAgreement>(
      t,
      'POST',
      `/api/v1/sharing-agreements/${agreement.id}/consent`,
      seeker,
      {
        decision: 'decline',
      },
    );
    expect(declined.body.workers[0]?.consent).toBe('declined');
    const again = await call(t, 'POST', `/api/v1/sharing-agreements/${agreement.id}/consent`, seeker, {
      decision: 'consent',
    });
    expect(again.status).toBe(409);
    const removed = await call<SharingAgreement>(
      t,
      'DELETE',
      `/api/v1/sharing-agreements/${agreement.id}/workers/${me?.personId}`,
      lender,
    );
    expect(removed.body.listedCount).toBe(2);
    const third = await call<SharingAgreement>(
      t,
      'POST',
      `/api/v1/sharing-agreements/${agreement.id}/workers`,
      lender,
      {
        workers: workers(1),
      },
    );
    const paper = await call<SharingAgreement>(
      t,
      'POST',
      `/api/v1/sharing-agreements/${agreement.id}/paper-consents`,
      lender,
      {
        personIds: third.body.workers.map((w) => w.personId),
        fileId,
        signedOn: chinaDay(t, 0),
      },
    );
    expect(paper.body).toMatchObject({ consentedCount: 3, status: 'pending' });
    // Active only once the lender signs too; the shortage is credited but not full (3 of 10).
    const signed = await call<SharingAgreement>(
      t,
      'POST',
      `/api/v1/sharing-agreements/${agreement.id}/sign`,
      lender,
      {
        party: 'lender',
      },
    );
    expect(signed.body.status).toBe('active');
    const s = await call<Shortage>(t, 'GET', `/api/v1/shortages/${shortage.id}`, borrower);
    expect(s.body).toMatchObject({ status: 'in_progress', headcountFilled: 3, resolutionMethod: null });
  });

  it('orders start, end and return; no start in the future, no end before the start', async () => {
    const future = await call(t, 'POST', `/api/v1/sharing-agreements/${agreement.id}/start`, borrower, {
      on: chinaDay(t, 2),
    });
    expect(fieldsOf(future.body)).toEqual(['on:date_in_future']);
    const endFirst = await call(t, 'POST', `/api/v1/sharing-agreements/${agreement.id}/end`, borrower, {
      on: chinaDay(t, 0),
    });
    expect(endFirst.status).toBe(409);
    const byLender = await call(t, 'POST', `/api/v1/sharing-agreements/${agreement.id}/start`, lender, {
      on: chinaDay(t, 0),
    });
    expect(byLender.status).toBe(403);
    await call(t, 'POST', `/api/v1/sharing-agreements/${agreement.id}/start`, borrower, {
      on: chinaDay(t, 0),
    });
    const cancel = await call(t, 'POST', `/api/v1/sharing-agreements/${agreement.id}/cancel`, borrower, {
      reason: 'x',
    });
    expect(cancel.status).toBe(409);
    const early = await call(t, 'POST', `/api/v1/sharing-agreements/${agreement.id}/end`, borrower, {
      on: chinaDay(t, -1),
    });
    expect(fieldsOf(early.body)).toEqual(['on:date_order']);
  });

  it('answers problem+json for bad agreement input, never 500', async () => {
    const s = await shortageOf(borrower, 5);
    const cases: [Record<string, unknown>, number, string][] = [
      [{ endsOn: chinaDay(t, 0), startsOn: chinaDay(t, 5) }, 400, 'endsOn:date_order'],
      [{ endsOn: chinaDay(t, 200) }, 400, 'endsOn:outside_idle_period'],
      [{ wagePayer: 'bureau' }, 400, 'wagePayer:invalid_value'],
      [{ workerCount: 0 }, 400, 'workerCount:too_small'],
      [{ workers: workers(2), workerCount: 1 }, 400, 'workers:too_many_workers'],
    ];
    for (const [extra, status, want] of cases) {
      const r = await call(
        t,
        'POST',
        '/api/v1/sharing-agreements',
        borrower,
        agreementBody(s, idle, 1, extra),
      );
      expect(r.status, want).toBe(status);
      expect(fieldsOf(r.body), want).toContain(want);
    }
    const own = await idleOf(borrower, 3);
    const same = await call(t, 'POST', '/api/v1/sharing-agreements', borrower, agreementBody(s, own, 1));
    expect(fieldsOf(same.body)).toEqual(['idleWorkforceId:same_enterprise']);
  });
});
