import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/app.js';
import { forTests } from './idempotency.js';

const { claimKey, completeKey } = forTests;

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.close();
});

describe("an Idempotency-Key's own writes", () => {
  it('claim once, complete, and leave synchronous_commit on for whatever the connection runs next', async () => {
    const k = {
      caller: `user:${randomBytes(4).toString('hex')}`,
      key: `k-${randomBytes(8).toString('hex')}`,
      method: 'POST',
      path: '/api/v1/bus-trips/x/bookings',
      requestHash: 'h'.repeat(64),
    };
    await t.db.connection().execute(async (conn) => {
      expect(
        (await sql<{ s: string }>`SELECT current_setting('synchronous_commit') AS s`.execute(conn)).rows[0]
          ?.s,
      ).toBe('on');
      expect(await claimKey(conn, k)).toBe(true);
      // The setting was local to the claim's own transaction: the next transaction on this
      // connection (a booking, say) commits with its flush as before.
      expect(
        (await sql<{ s: string }>`SELECT current_setting('synchronous_commit') AS s`.execute(conn)).rows[0]
          ?.s,
      ).toBe('on');
      expect(await claimKey(conn, k)).toBe(false);
      expect(await claimKey(conn, { ...k, requestHash: 'other' })).toBe(false);
      await completeKey(conn, k, 201, JSON.stringify({ id: 'b1', status: 'confirmed' }));
      expect(
        (await sql<{ s: string }>`SELECT current_setting('synchronous_commit') AS s`.execute(conn)).rows[0]
          ?.s,
      ).toBe('on');
    });
    const row = await t.db
      .selectFrom('idempotencyKeys')
      .select(['statusCode', 'responseBody', 'requestHash', 'completedAt'])
      .where('caller', '=', k.caller)
      .where('key', '=', k.key)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      statusCode: 201,
      responseBody: { id: 'b1', status: 'confirmed' },
      requestHash: k.requestHash,
    });
    expect(row.completedAt).toBeInstanceOf(Date);
  });

  it('inside a transaction, the setting stays local to that transaction', async () => {
    const k = {
      caller: `user:${randomBytes(4).toString('hex')}`,
      key: `k-${randomBytes(8).toString('hex')}`,
      method: 'POST',
      path: '/p',
      requestHash: 'h',
    };
    await t.db.connection().execute(async (conn) => {
      await conn.transaction().execute(async (tx) => {
        expect(await claimKey(tx, k)).toBe(true);
      });
      expect(
        (await sql<{ s: string }>`SELECT current_setting('synchronous_commit') AS s`.execute(conn)).rows[0]
          ?.s,
      ).toBe('on');
    });
  });
});
