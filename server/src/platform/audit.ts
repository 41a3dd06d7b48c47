import type { Executor } from '../db/database.js';
import type { RequestContext } from './context.js';

export type AuditEntry = {
  action: string;
  entityType: string;
  entityId?: string | null;
  /** What changed: field names and safe values. Never passwords, tokens or identity numbers. */
  summary?: Record<string, unknown>;
};

/** Appends an audit row. Call it with the transaction of the change so both commit or neither. */
export async function writeAudit(tx: Executor, ctx: RequestContext | null, entry: AuditEntry): Promise<void> {
  const actor = ctx?.actor;
  await tx
    .insertInto('auditLog')
    .values({
      actorUserId: actor?.kind === 'user' ? actor.userId : null,
      actorTokenId: actor?.kind === 'token' ? actor.tokenId : null,
      actorRole:
        actor?.kind === 'user'
          ? actor.role
          : actor?.kind === 'token'
            ? 'api_token'
            : ctx
              ? 'anonymous'
              : 'system',
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      summary: JSON.stringify(entry.summary ?? {}),
      ip: ctx?.ip ?? null,
      requestId: ctx?.requestId ?? null,
    })
    .execute();
}
