import type { FastifyInstance, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import type { AppDeps } from './context.js';
import { actorRef } from './context.js';
import { AppError } from './errors.js';

const KEY_RE = /^[A-Za-z0-9_.:-]{8,128}$/;

declare module 'fastify' {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- module augmentation needs interface
  interface FastifyRequest {
    idempotency?: { caller: string; key: string };
  }
}

function requestHash(request: FastifyRequest): string {
  return createHash('sha256')
    .update(request.method)
    .update('\n')
    .update(request.url)
    .update('\n')
    .update(JSON.stringify(request.body ?? null))
    .digest('hex');
}

/**
 * `Idempotency-Key` on routes declaring `config.idempotent`: the first answer to (caller, key) is
 * stored and replayed for the same request; the same key with another request is a 409. A 5xx is
 * not stored, so the client may retry. Concurrent duplicates: the primary key lets one through, the
 * other gets `idempotency_in_progress`.
 */
export function installIdempotency(app: FastifyInstance, deps: AppDeps): void {
  app.addHook('preHandler', async (request, reply) => {
    if (!request.routeOptions.config.idempotent) return;
    const raw = request.headers['idempotency-key'];
    if (raw === undefined) return;
    const key = Array.isArray(raw) ? raw[0] : raw;
    if (!key || !KEY_RE.test(key)) {
      throw new AppError('validation_failed', {
        fields: [{ path: 'Idempotency-Key', code: 'invalid_format' }],
      });
    }
    const caller =
      actorRef(request.ctx.actor) === 'anonymous' ? `ip:${request.ip}` : actorRef(request.ctx.actor);
    const hash = requestHash(request);
    const inserted = await claimKey(deps.db, {
      caller,
      key,
      method: request.method,
      path: request.url,
      requestHash: hash,
    });
    if (inserted) {
      request.idempotency = { caller, key };
      return;
    }
    let existing = await deps.db
      .selectFrom('idempotencyKeys')
      .select(['requestHash', 'statusCode', 'responseBody'])
      .where('caller', '=', caller)
      .where('key', '=', key)
      .executeTakeFirst();
    // Unfinished for longer than any request runs: its process died (crash, SIGKILL) before the
    // answer was stored. The retry takes the key over (one retry wins the delete) and runs again;
    // the business rules' unique keys stop a second write if the first one had committed.
    if (existing && existing.statusCode === null && existing.requestHash === hash) {
      const staleSeconds = deps.config.JIUYE_IDEMPOTENCY_STALE_SECONDS;
      const taken = await deps.db
        .deleteFrom('idempotencyKeys')
        .where('caller', '=', caller)
        .where('key', '=', key)
        .where('statusCode', 'is', null)
        .where('requestHash', '=', hash)
        .where('createdAt', '<', sql<Date>`now() - make_interval(secs => ${staleSeconds})`)
        .returning('key')
        .executeTakeFirst();
      if (taken) {
        const claimed = await deps.db
          .insertInto('idempotencyKeys')
          .values({ caller, key, method: request.method, path: request.url, requestHash: hash })
          .onConflict((oc) => oc.doNothing())
          .returning('key')
          .executeTakeFirst();
        if (claimed) {
          request.idempotency = { caller, key };
          return;
        }
        existing = undefined;
      }
    }
    if (!existing) throw new AppError('idempotency_in_progress');
    if (existing.requestHash !== hash) throw new AppError('idempotency_conflict');
    if (existing.statusCode === null) throw new AppError('idempotency_in_progress');
    await reply
      .status(existing.statusCode)
      .header('idempotent-replayed', 'true')
      .header(
        'content-type',
        existing.statusCode >= 400
          ? 'application/problem+json; charset=utf-8'
          : 'application/json; charset=utf-8',
      )
      .serializer((p: unknown) => JSON.stringify(p))
      .send(existing.responseBody);
    return reply;
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const idem = request.idempotency;
    if (!idem) return payload;
    request.idempotency = undefined;
    if (reply.statusCode >= 500) {
      await deps.db
        .deleteFrom('idempotencyKeys')
        .where('caller', '=', idem.caller)
        .where('key', '=', idem.key)
        .execute();
      return payload;
    }
    let body: unknown = null;
    if (typeof payload === 'string' && payload.length > 0) {
      try {
        body = JSON.parse(payload);
      } catch {
        body = payload;
      }
    }
    await completeKey(deps.db, idem, reply.statusCode, JSON.stringify(body));
    return payload;
  });
}

/*
 * The key's own two writes (its claim before the handler, its answer after) commit without waiting
 * for their WAL flush: `synchronous_commit` is off for that one statement's transaction only
 * (`set_config(…, true)` ends with it). Issue 10: they were two of a booking's three flushes.
 * Nothing durable is lost:
 * - the claim precedes the handler's transaction in the WAL, so the handler's commit, flushed,
 *   makes the claim durable with it; a crash before that loses a claim whose request never
 *   finished, and the retry simply runs;
 * - a crash in the ~0.6 s before the answer reaches disk leaves the key unfinished, exactly as a
 *   crash between the handler's commit and this hook always could: after
 *   JIUYE_IDEMPOTENCY_STALE_SECONDS the retry takes the key over and the business rules' unique
 *   keys stop a second write (idempotency.crash.test.ts).
 */
async function claimKey(
  db: Executor,
  k: { caller: string; key: string; method: string; path: string; requestHash: string },
): Promise<boolean> {
  const r = await sql<{ key: string }>`
    INSERT INTO idempotency_keys (caller, key, method, path, request_hash)
    SELECT ${k.caller}, ${k.key}, ${k.method}, ${k.path}, ${k.requestHash}
      FROM (SELECT set_config('synchronous_commit', 'off', true)) AS unflushed
    ON CONFLICT DO NOTHING
    RETURNING key
  `.execute(db);
  return r.rows.length > 0;
}

async function completeKey(
  db: Executor,
  idem: { caller: string; key: string },
  statusCode: number,
  responseBody: string,
): Promise<void> {
  await sql`
    UPDATE idempotency_keys
       SET status_code = ${statusCode}, response_body = ${responseBody}::jsonb, completed_at = now()
      FROM (SELECT set_config('synchronous_commit', 'off', true)) AS unflushed
     WHERE caller = ${idem.caller} AND key = ${idem.key}
  `.execute(db);
}

export const forTests = { claimKey, completeKey };
