import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../test/app.js';
import { workerDatabaseUrl } from '../../../test/db.js';
import { signedIn, uniquePhone } from '../../../test/factories.js';
import { createDb, type Db } from '../../db/database.js';
import { sealAuditLog, startAuditSealer, verifyAuditChain, writeAudit } from '../../platform/audit.js';

let t: TestApp;
let auditor: Record<string, string>;
let admin: Record<string, string>;
beforeAll(async () => {
  t = await testApp();
  auditor = await verifiedSession('auditor');
  admin = await verifiedSession('admin');
});

/** Auditors and admins sign in with a second factor (issue 9): mark the test session as past it. */
async function verifiedSession(role: 'auditor' | 'admin'): Promise<Record<string, string>> {
  const s = await signedIn(t.app, t.db, role);
  await sql`UPDATE sessions SET mfa_verified_at = now() WHERE user_id = ${s.user.id}`.execute(t.db);
  return s.headers;
}
afterAll(async () => {
  await t.close();
});

const json = (body: string) => JSON.parse(body) as Record<string, unknown>;

/** Tampering as the table owner would: with the append-only and chain triggers switched off. */
async function tamper(db: Db, ...statements: ReturnType<typeof sql>[]): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await sql`ALTER TABLE audit_log DISABLE TRIGGER USER`.execute(tx);
    for (const statement of statements) await statement.execute(tx);
    await sql`ALTER TABLE audit_log ENABLE TRIGGER USER`.execute(tx);
  });
}

/** Deletes the row at `seq` behind the triggers' back, keeping an exact copy to put back. */
async function deleteRow(db: Db, seq: number): Promise<() => Promise<void>> {
  const saved = sql.table(`audit_saved_${seq}`);
  await sql`CREATE TABLE ${saved} AS SELECT * FROM audit_log WHERE seq = ${seq}`.execute(db);
  await tamper(db, sql`DELETE FROM audit_log WHERE seq = ${seq}`);
  return async () => {
    await tamper(db, sql`INSERT INTO audit_log OVERRIDING SYSTEM VALUE SELECT * FROM ${saved}`);
    await sql`DROP TABLE ${saved}`.execute(db);
  };
}

/** Swaps the chain positions of two rows (in three steps: seq is unique). */
function swap(a: number, b: number) {
  return [
    sql`UPDATE audit_log SET seq = -1 WHERE seq = ${a}`,
    sql`UPDATE audit_log SET seq = ${a} WHERE seq = ${b}`,
    sql`UPDATE audit_log SET seq = ${b} WHERE seq = -1`,
  ];
}

async function someChainedSeq(db: Db, action: string): Promise<number> {
  await db
    .transaction()
    .execute((tx) => writeAudit(tx, null, { action, entityType: 'test', summary: { n: 1 } }));
  await sealAuditLog(db, { wait: true });
  const r = await db
    .selectFrom('auditLog')
    .select('seq')
    .where('action', '=', action)
    .executeTakeFirstOrThrow();
  return r.seq!;
}

describe('hash chain', () => {
  it('stays linear and gap-free under 200 concurrent audited transactions', { timeout: 60_000 }, async () => {
    const pool = createDb(workerDatabaseUrl(), 20);
    // Two app instances' sealers, sealing as fast as they can while the writers run.
    const instanceA = createDb(workerDatabaseUrl(), 2);
    const instanceB = createDb(workerDatabaseUrl(), 2);
    const sealErrors: unknown[] = [];
    const stops: (() => void)[] = [];
    try {
      const before = await verifyAuditChain(t.db);
      expect(before.ok).toBe(true);
      stops.push(startAuditSealer(instanceA, (e) => sealErrors.push(e), 5));
      stops.push(startAuditSealer(instanceB, (e) => sealErrors.push(e), 5));
      const started = Date.now();
      await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          pool.transaction().execute(async (tx) => {
            await writeAudit(tx, null, {
              action: 'test.concurrent',
              entityType: 'test',
              entityId: String(i),
            });
            // A second row in the same transaction must chain right after the first.
            await writeAudit(tx, null, {
              action: 'test.concurrent.2',
              entityType: 'test',
              entityId: String(i),
            });
          }),
        ),
      );
      // Rolled-back transactions leave no gap.
      await Promise.all(
        Array.from({ length: 20 }, () =>
          pool
            .transaction()
            .execute(async (tx) => {
              await writeAudit(tx, null, { action: 'test.rolled_back', entityType: 'test' });
              throw new Error('rollback');
            })
            .catch(() => undefined),
        ),
      );
      const ms = Date.now() - started;
      // Concurrent audited actions through the HTTP app too (each read by the auditor is audited).
      const reads = await Promise.all(
        Array.from({ length: 20 }, () =>
          t.app.inject({ method: 'GET', url: '/api/v1/audit/entries?limit=5', headers: auditor }),
        ),
      );
      expect(reads.map((r) => r.statusCode)).toEqual(Array(20).fill(200));
      for (const stop of stops) stop();
      const after = await verifyAuditChain(t.db);
      expect(sealErrors).toEqual([]);
      expect(after.unsealed.count).toBe(0);
      expect(after.firstBreak).toBeNull();
      expect(after.ok).toBe(true);
      expect(after.checked).toBe(before.checked + 400 + 20);
      const rolledBack = await t.db
        .selectFrom('auditLog')
        .select('id')
        .where('action', '=', 'test.rolled_back')
        .execute();
      expect(rolledBack).toEqual([]);
      // The two rows of one transaction are adjacent in the chain.
      const pairs = await t.db
        .selectFrom('auditLog')
        .select(['entityId', 'seq', 'action'])
        .where('action', 'in', ['test.concurrent', 'test.concurrent.2'])
        .execute();
      const byEntity = new Map<string, number[]>();
      for (const p of pairs) byEntity.set(p.entityId!, [...(byEntity.get(p.entityId!) ?? []), p.seq!]);
      for (const seqs of byEntity.values()) {
        const [a, b] = seqs.sort((x, y) => x - y);
        expect(b! - a!).toBe(1);
      }
      console.info(`audit chain: 200 concurrent two-row transactions + 20 rollbacks in ${ms} ms`);
    } finally {
      for (const stop of stops) stop();
      await Promise.all([pool.destroy(), instanceA.destroy(), instanceB.destroy()]);
    }
  });

  it('has the database refuse UPDATE, DELETE and TRUNCATE, and forged chain fields', async () => {
    const seq = await someChainedSeq(t.db, 'test.refuse');
    await expect(sql`UPDATE audit_log SET action = 'x' WHERE seq = ${seq}`.execute(t.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`UPDATE audit_log SET hash = 'x' WHERE seq = ${seq}`.execute(t.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`DELETE FROM audit_log WHERE seq = ${seq}`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`TRUNCATE audit_log`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`UPDATE audit_chain_head SET seq = 1`.execute(t.db)).rejects.toThrow(/audit sealer/);
    await expect(sql`DELETE FROM audit_chain_head`.execute(t.db)).rejects.toThrow(/audit sealer/);
    // Chain fields supplied by the writer are ignored: the sealer assigns them.
    await sql`INSERT INTO audit_log (action, entity_type, seq, prev_hash, hash)
              VALUES ('test.forged', 'test', 1, 'x', 'y')`.execute(t.db);
    const unsealed = await t.db
      .selectFrom('auditLog')
      .select(['id', 'seq', 'prevHash', 'hash'])
      .where('action', '=', 'test.forged')
      .executeTakeFirstOrThrow();
    expect(unsealed).toMatchObject({ seq: null, prevHash: null, hash: null });
    // Faking the sealer's flag buys nothing but sealing correctly: other columns, sealed rows, a
    // wrong hash or a wrong predecessor are still refused, and so is moving the head elsewhere.
    const asSealer = (statement: ReturnType<typeof sql>) =>
      t.db.transaction().execute(async (tx) => {
        await sql`SELECT set_config('jiuye.audit_sealing', 'on', true)`.execute(tx);
        await statement.execute(tx);
      });
    await expect(asSealer(sql`UPDATE audit_log SET action = 'x' WHERE seq = ${seq}`)).rejects.toThrow(
      /append-only/,
    );
    await expect(asSealer(sql`UPDATE audit_log SET hash = 'x' WHERE seq = ${seq}`)).rejects.toThrow(
      /append-only/,
    );
    await expect(
      asSealer(
        sql`UPDATE audit_log SET seq = 100000000, prev_hash = ${'0'.repeat(64)}, hash = ${'1'.repeat(64)}
             WHERE id = ${unsealed.id}`,
      ),
    ).rejects.toThrow(/append-only/);
    await expect(
      asSealer(sql`UPDATE audit_chain_head SET seq = seq + 1, hash = ${'1'.repeat(64)}`),
    ).rejects.toThrow(/audit sealer/);
    await sealAuditLog(t.db, { wait: true });
    const forged = await t.db
      .selectFrom('auditLog')
      .select(['seq', 'hash'])
      .where('action', '=', 'test.forged')
      .executeTakeFirstOrThrow();
    expect(forged.seq).toBeGreaterThan(seq);
    expect(forged.hash).toMatch(/^[0-9a-f]{64}$/);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it('reports a row edited behind the triggers’ back, then recovers once restored', async () => {
    const seq = await someChainedSeq(t.db, 'test.edit');
    await someChainedSeq(t.db, 'test.edit.after');
    await tamper(t.db, sql`UPDATE audit_log SET summary = '{"n": 2}' WHERE seq = ${seq}`);
    try {
      const r = await verifyAuditChain(t.db);
      expect(r.ok).toBe(false);
      expect(r.firstBreak).toMatchObject({ kind: 'edited', seq });
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/audit/verify', headers: auditor });
      expect(res.statusCode).toBe(200);
      expect(json(res.body)).toMatchObject({ ok: false, firstBreak: { kind: 'edited', seq } });
    } finally {
      await tamper(t.db, sql`UPDATE audit_log SET summary = '{"n": 1}' WHERE seq = ${seq}`);
    }
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it('reports a deleted row as a gap', async () => {
    const seq = await someChainedSeq(t.db, 'test.delete');
    await someChainedSeq(t.db, 'test.delete.after');
    const restore = await deleteRow(t.db, seq);
    try {
      const r = await verifyAuditChain(t.db);
      expect(r.firstBreak).toMatchObject({ kind: 'gap', seq });
    } finally {
      await restore();
    }
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it('reports rows deleted at the end, a swapped pair and an unchained row', async () => {
    const last = await someChainedSeq(t.db, 'test.tail');
    const restore = await deleteRow(t.db, last);
    try {
      expect((await verifyAuditChain(t.db)).firstBreak).toMatchObject({ kind: 'tail_missing', seq: last });
    } finally {
      await restore();
    }

    // Reordering: swap the positions (seq) of two rows.
    const a = await someChainedSeq(t.db, 'test.swap.a');
    const b = await someChainedSeq(t.db, 'test.swap.b');
    await tamper(t.db, ...swap(a, b));
    try {
      const r = await verifyAuditChain(t.db);
      expect(r.ok).toBe(false);
      expect(r.firstBreak?.seq).toBe(a);
      expect(['reordered', 'edited']).toContain(r.firstBreak?.kind);
    } finally {
      await tamper(t.db, ...swap(a, b));
    }
    expect((await verifyAuditChain(t.db)).ok).toBe(true);

    // A row left unsealed (no sealer ran for a minute) is a finding; a fresh one is only counted.
    await tamper(
      t.db,
      sql`INSERT INTO audit_log (action, entity_type, at) VALUES ('test.sneaked', 'test', now() - interval '1 minute')`,
    );
    const sneaked = await t.db
      .selectFrom('auditLog')
      .select('id')
      .where('action', '=', 'test.sneaked')
      .executeTakeFirstOrThrow();
    try {
      const r = await verifyAuditChain(t.db, { seal: false });
      expect(r.firstBreak).toMatchObject({ kind: 'unchained', id: String(sneaked.id) });
      expect(r.unsealed.count).toBe(1);
      expect(r.unsealed.oldestAgeSeconds).toBeGreaterThanOrEqual(59);
      const fresh = await verifyAuditChain(t.db, { seal: false, graceSeconds: 3600 });
      expect(fresh).toMatchObject({ ok: true, unsealed: { count: 1 } });
    } finally {
      await tamper(t.db, sql`DELETE FROM audit_log WHERE action = 'test.sneaked'`);
    }
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });
});

describe('sealer', () => {
  it('seals in commit order, keeping one transaction’s rows together (savepoints too)', async () => {
    const pool = createDb(workerDatabaseUrl(), 3);
    try {
      // T1 starts first and writes first but commits last: it is sealed after T2.
      let releaseT1: () => void = () => undefined;
      const t1Waits = new Promise<void>((resolve) => (releaseT1 = resolve));
      let t1Wrote: () => void = () => undefined;
      const t1HasWritten = new Promise<void>((resolve) => (t1Wrote = resolve));
      const t1 = pool.transaction().execute(async (tx) => {
        await writeAudit(tx, null, { action: 'test.order.t1', entityType: 'test', entityId: 'a' });
        t1Wrote();
        await t1Waits;
        await sql`SAVEPOINT s1`.execute(tx);
        await writeAudit(tx, null, { action: 'test.order.t1', entityType: 'test', entityId: 'b' });
        await sql`RELEASE SAVEPOINT s1`.execute(tx);
      });
      await t1HasWritten;
      await pool
        .transaction()
        .execute((tx) => writeAudit(tx, null, { action: 'test.order.t2', entityType: 'test' }));
      expect(await sealAuditLog(t.db, { wait: true })).toBeGreaterThanOrEqual(1);
      releaseT1();
      await t1;
      await writeAudit(t.db, null, { action: 'test.order.t3', entityType: 'test' });
      expect(await sealAuditLog(t.db, { wait: true })).toBeGreaterThanOrEqual(3);
      const rows = await t.db
        .selectFrom('auditLog')
        .select(['action', 'entityId', 'seq'])
        .where('action', 'like', 'test.order.%')
        .orderBy('seq')
        .execute();
      expect(rows.map((r) => `${r.action}${r.entityId ? `:${r.entityId}` : ''}`)).toEqual([
        'test.order.t2',
        'test.order.t1:a',
        'test.order.t1:b',
        'test.order.t3',
      ]);
      expect(rows[2]!.seq! - rows[1]!.seq!).toBe(1);
      expect((await verifyAuditChain(t.db)).ok).toBe(true);
    } finally {
      await pool.destroy();
    }
  });

  it('is exclusive across two instances: one seals, the other skips or waits', async () => {
    const instanceA = createDb(workerDatabaseUrl(), 2);
    const instanceB = createDb(workerDatabaseUrl(), 2);
    try {
      await writeAudit(t.db, null, { action: 'test.exclusive', entityType: 'test' });
      let releaseA: () => void = () => undefined;
      const aHolds = new Promise<void>((resolve) => (releaseA = resolve));
      let aSealed: (n: number | null) => void = () => undefined;
      const aResult = new Promise<number | null>((resolve) => (aSealed = resolve));
      // Instance A seals inside a transaction it keeps open: it holds the sealer's lock.
      const a = instanceA.transaction().execute(async (tx) => {
        aSealed(await sealAuditLog(tx, { wait: false }));
        await aHolds;
      });
      expect(await aResult).toBeGreaterThanOrEqual(1);
      // Instance B's timer skips; a verification on B waits for A, then finds nothing left to seal.
      expect(await sealAuditLog(instanceB, { wait: false })).toBeNull();
      let bDone = false;
      const b = sealAuditLog(instanceB, { wait: true }).then((n) => {
        bDone = true;
        return n;
      });
      await new Promise((r) => setTimeout(r, 200));
      expect(bDone).toBe(false);
      releaseA();
      await a;
      expect(await b).toBe(0);
      const v = await verifyAuditChain(instanceB);
      expect(v).toMatchObject({ ok: true, unsealed: { count: 0 } });
    } finally {
      await Promise.all([instanceA.destroy(), instanceB.destroy()]);
    }
  });

  it('GET /audit/verify seals first and reports what is not sealed', async () => {
    await writeAudit(t.db, null, { action: 'test.verify.unsealed', entityType: 'test' });
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/audit/verify', headers: auditor });
    expect(res.statusCode).toBe(200);
    expect(json(res.body)).toMatchObject({ ok: true, firstBreak: null, unsealed: { count: 0 } });
    const row = await t.db
      .selectFrom('auditLog')
      .select(['seq', 'hash'])
      .where('action', '=', 'test.verify.unsealed')
      .executeTakeFirstOrThrow();
    expect(row.seq).toBeGreaterThan(0);
    expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('auditor', () => {
  it('reads the trail with filters and cursor pagination, and the read is itself audited', async () => {
    const entityId = `E-${uniquePhone()}`;
    await t.db.transaction().execute(async (tx) => {
      for (let i = 0; i < 5; i++) {
        await writeAudit(tx, null, { action: 'test.filter', entityType: 'widget', entityId, summary: { i } });
      }
    });
    // Sealed within a second by the sealer; here on demand.
    await sealAuditLog(t.db, { wait: true });
    const first = await t.app.inject({
      method: 'GET',
      url: `/api/v1/audit/entries?entityType=widget&entityId=${entityId}&action=test&limit=3`,
      headers: auditor,
    });
    expect(first.statusCode).toBe(200);
    const p1 = json(first.body) as {
      items: { summary: { i: number }; seq: number; hash: string }[];
      nextCursor: string;
    };
    expect(p1.items.map((x) => x.summary.i)).toEqual([4, 3, 2]);
    expect(p1.items[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(p1.nextCursor).toBeTruthy();
    const second = await t.app.inject({
      method: 'GET',
      url: `/api/v1/audit/entries?entityType=widget&entityId=${entityId}&limit=3&cursor=${p1.nextCursor}`,
      headers: auditor,
    });
    const p2 = json(second.body) as { items: { summary: { i: number } }[]; nextCursor: string | null };
    expect(p2.items.map((x) => x.summary.i)).toEqual([1, 0]);
    expect(p2.nextCursor).toBeNull();

    const reads = await t.app.inject({
      method: 'GET',
      url: '/api/v1/audit/entries?action=audit.read&limit=2',
      headers: auditor,
    });
    const items = (
      json(reads.body) as { items: { action: string; actorRole: string; summary: Record<string, unknown> }[] }
    ).items;
    expect(items[0]).toMatchObject({ action: 'audit.read', actorRole: 'auditor' });
    expect(items[0]!.summary).toMatchObject({ filters: { entityType: 'widget', entityId } });

    const verify = await t.app.inject({ method: 'GET', url: '/api/v1/audit/verify', headers: auditor });
    expect(verify.statusCode).toBe(200);
    expect(json(verify.body)).toMatchObject({ ok: true, firstBreak: null });
    const verified = await t.db
      .selectFrom('auditLog')
      .select(['action', 'actorRole'])
      .where('action', '=', 'audit.verify')
      .execute();
    expect(verified.length).toBeGreaterThan(0);
  });

  it('answers a bad filter with a 400 naming the field', async () => {
    for (const [q, field] of [
      ['actor=nope', 'actor'],
      ['from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z', 'to'],
      ['cursor=abc', 'cursor'],
      ['limit=1000', 'limit'],
      ['actorRole=king', 'actorRole'],
    ] as const) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/audit/entries?${q}`, headers: auditor });
      expect(res.statusCode, q).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(JSON.stringify(json(res.body).errors)).toContain(field);
    }
  });

  it('changes nothing: write routes are refused', async () => {
    for (const [method, url] of [
      ['POST', '/api/v1/admin/users'],
      ['POST', '/api/v1/admin/api-tokens'],
      ['POST', '/api/v1/job-postings'],
      ['POST', '/api/v1/enterprises'],
      ['GET', '/api/v1/admin/users'],
    ] as const) {
      const res = await t.app.inject({
        method,
        url,
        headers: auditor,
        ...(method === 'POST' ? { payload: {} } : {}),
      });
      expect(res.statusCode, `${method} ${url}`).toBe(403);
    }
  });

  it('is created by an admin; admins cannot read, change or delete the trail', async () => {
    const phone = uniquePhone();
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/users',
      headers: admin,
      payload: { role: 'auditor', phone, password: 'Audit2026check', displayName: '审计员' },
    });
    expect(created.statusCode).toBe(201);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { phone, password: 'Audit2026check' },
    });
    expect(login.statusCode).toBe(200);
    expect(json(login.body)).toMatchObject({ role: 'auditor' });
    expect((json(login.body).permissions as string[]).sort()).toEqual(
      ['account:self', 'audit:read', 'notifications:self', 'reference:read'].sort(),
    );

    for (const url of ['/api/v1/audit/entries', '/api/v1/audit/verify']) {
      expect((await t.app.inject({ method: 'GET', url, headers: admin })).statusCode).toBe(403);
    }
    // No route writes to the trail directly; the only audit routes are reads.
    const auditRoutes = t.app.routeTable.filter((r) => r.url.startsWith('/api/v1/audit'));
    expect(auditRoutes.map((r) => r.method)).toEqual(['GET', 'GET']);
    for (const method of ['DELETE', 'PATCH', 'PUT', 'POST'] as const) {
      const res = await t.app.inject({ method, url: '/api/v1/audit/entries', headers: admin, payload: {} });
      expect(res.statusCode).toBe(404);
    }
  });
});
