import type { FastifyInstance, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
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
    const inserted = await deps.db
      .insertInto('idempotencyKeys')
      .values({ caller, key, method: request.method, path: request.url, requestHash: hash })
      .onConflict((oc) => oc.doNothing())
      .returning('key')
      .executeTakeFirst();
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
    const q = deps.db
      .updateTable('idempotencyKeys')
      .where('caller', '=', idem.caller)
      .where('key', '=', idem.key);
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
    await q
      .set({
        statusCode: reply.statusCode,
        responseBody: JSON.stringify(body),
        completedAt: sql<Date>`now()`,
      })
      .execute();
    return payload;
  });
}
