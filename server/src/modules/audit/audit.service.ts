import type { AuditLogEntry, AuditPage, AuditVerifyResult, ListAuditQuery } from '@jiuye/shared';
import { verifyAuditChain, writeAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import * as repo from './audit.repository.js';

function toEntry(r: repo.AuditRow): AuditLogEntry {
  const summary =
    r.summary && typeof r.summary === 'object' && !Array.isArray(r.summary)
      ? (r.summary as Record<string, unknown>)
      : {};
  return {
    id: String(r.id),
    seq: r.seq === null ? null : Number(r.seq),
    at: r.at.toISOString(),
    actorUserId: r.actorUserId,
    actorTokenId: r.actorTokenId,
    actorRole: r.actorRole,
    actorName: r.actorName,
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    summary,
    ip: r.ip,
    requestId: r.requestId,
    hash: r.hash,
  };
}

/**
 * The auditor's read of the trail. The read itself is audited (who looked, with which filters),
 * in the same transaction, so nobody reads the trail without leaving a trace in it.
 */
export async function listEntries(ctx: RequestContext, q: ListAuditQuery): Promise<AuditPage> {
  return ctx.db.transaction().execute(async (tx) => {
    const rows = await repo.listEntries(tx, q);
    const page = rows.slice(0, q.limit);
    const { limit, cursor, ...filters } = q;
    await writeAudit(tx, ctx, {
      action: 'audit.read',
      entityType: 'audit_log',
      summary: { filters, limit, cursor: cursor ?? null, returned: page.length },
    });
    return {
      items: page.map(toEntry),
      nextCursor: rows.length > q.limit ? String(page[page.length - 1]!.id) : null,
    };
  });
}

/** Walks the whole chain (one snapshot), then records that it was checked and with what result. */
export async function verify(ctx: RequestContext): Promise<AuditVerifyResult> {
  const result = await verifyAuditChain(ctx.db);
  await ctx.db.transaction().execute((tx) =>
    writeAudit(tx, ctx, {
      action: 'audit.verify',
      entityType: 'audit_log',
      summary: {
        ok: result.ok,
        checked: result.checked,
        headSeq: result.head?.seq ?? null,
        breakKind: result.firstBreak?.kind ?? null,
        breakSeq: result.firstBreak?.seq ?? null,
        unsealed: result.unsealed.count,
      },
    }),
  );
  return { ...result, verifiedAt: ctx.now().toISOString() };
}
