import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { AuditBreakKind } from '@jiuye/shared';
import type { Db, Executor, Tx } from '../db/database.js';
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

// ——— Hash chain verification (issue 9; the chain itself is kept by the database, migration 0120) ———

export const AUDIT_GENESIS_HASH = '0'.repeat(64);

/** One audit row as text, exactly as the database hashes it. */
export type AuditRowText = {
  id: string;
  seq: string | null;
  at: string;
  actorUserId: string | null;
  actorTokenId: string | null;
  actorRole: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  summary: string;
  ip: string | null;
  requestId: string | null;
  prevHash: string | null;
  hash: string | null;
};

function field(t: string | null): string {
  return t === null ? '|-' : `|${Buffer.byteLength(t, 'utf8')}:${t}`;
}

/**
 * The canonical serialisation that is hashed: a version tag, then every field as
 * `|<UTF-8 byte length>:<text>` (`|-` for NULL). Must equal the database's audit_log_row_hash.
 * Computed here independently, so a replaced database function cannot vouch for itself.
 */
export function canonicalAuditRow(r: AuditRowText): string {
  return (
    'jiuye-audit-v1' +
    [
      r.seq,
      r.id,
      r.at,
      r.actorUserId,
      r.actorTokenId,
      r.actorRole,
      r.action,
      r.entityType,
      r.entityId,
      r.summary,
      r.ip,
      r.requestId,
      r.prevHash,
    ]
      .map(field)
      .join('')
  );
}

export function auditRowHash(r: AuditRowText): string {
  return createHash('sha256').update(canonicalAuditRow(r), 'utf8').digest('hex');
}

export type AuditBreak = {
  kind: AuditBreakKind;
  seq: number | null;
  id: string | null;
  detail: string;
};
export type AuditVerification = {
  ok: boolean;
  checked: number;
  head: { seq: number; hash: string } | null;
  firstBreak: AuditBreak | null;
};

const BATCH = 2000;

/**
 * Walks the chain in seq order and reports the first break: an edited row (its hash no longer
 * matches its fields), a gap (a deleted row), a row whose prev_hash is not its predecessor's hash
 * (reordered or replaced), rows outside the chain (inserted with the trigger disabled), and a
 * head that points past the last row (rows deleted at the end).
 */
export async function verifyAuditChain(db: Db): Promise<AuditVerification> {
  // One snapshot: the head and the rows must be read as of the same moment, while others commit.
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute((tx) => walkChain(tx));
}

async function walkChain(db: Tx): Promise<AuditVerification> {
  const headRow = await db.selectFrom('auditChainHead').select(['seq', 'hash']).executeTakeFirst();
  const head = headRow ? { seq: Number(headRow.seq), hash: headRow.hash } : null;
  let expectedSeq = 1;
  let prevHash = AUDIT_GENESIS_HASH;
  let checked = 0;
  let after = 0;
  const fail = (b: AuditBreak): AuditVerification => ({ ok: false, checked, head, firstBreak: b });
  for (;;) {
    const { rows } = await sql<AuditRowText>`
      SELECT id::text AS id, seq::text AS seq,
             to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at,
             actor_user_id::text AS actor_user_id, actor_token_id::text AS actor_token_id,
             actor_role, action, entity_type, entity_id, summary::text AS summary, ip::text AS ip,
             request_id, prev_hash, hash
        FROM audit_log
       WHERE seq > ${after}
       ORDER BY audit_log.seq
       LIMIT ${BATCH}`.execute(db);
    for (const r of rows) {
      const seq = Number(r.seq);
      if (seq > expectedSeq) {
        return fail({
          kind: 'gap',
          seq: expectedSeq,
          id: null,
          detail: `rows ${expectedSeq}…${seq - 1} are missing (next present row is seq ${seq}, id ${r.id})`,
        });
      }
      if (seq < expectedSeq) {
        return fail({
          kind: 'reordered',
          seq,
          id: r.id,
          detail: `seq ${seq} appears after seq ${expectedSeq - 1}`,
        });
      }
      if (r.prevHash !== prevHash) {
        return fail({
          kind: 'reordered',
          seq,
          id: r.id,
          detail: `prev_hash does not match the hash of seq ${seq - 1}: rows were replaced or reordered`,
        });
      }
      if (r.hash !== auditRowHash(r)) {
        return fail({
          kind: 'edited',
          seq,
          id: r.id,
          detail: `the fields of seq ${seq} no longer match its hash`,
        });
      }
      prevHash = r.hash;
      expectedSeq = seq + 1;
      checked++;
    }
    if (rows.length < BATCH) break;
    after = expectedSeq - 1;
  }
  const unchained = await db
    .selectFrom('auditLog')
    .select((eb) => [eb.fn.countAll<string>().as('n'), eb.fn.min('id').as('firstId')])
    .where('seq', 'is', null)
    .executeTakeFirstOrThrow();
  if (Number(unchained.n) > 0) {
    return fail({
      kind: 'unchained',
      seq: null,
      id: String(unchained.firstId),
      detail: `${unchained.n} row(s) carry no chain position (inserted with the chain trigger disabled)`,
    });
  }
  const lastSeq = expectedSeq - 1;
  if (!head || head.seq !== lastSeq || head.hash !== prevHash) {
    if (head && head.seq > lastSeq) {
      return fail({
        kind: 'tail_missing',
        seq: lastSeq + 1,
        id: null,
        detail: `the chain head is at seq ${head.seq} but the last row is seq ${lastSeq}: rows were deleted at the end`,
      });
    }
    return fail({
      kind: 'head_mismatch',
      seq: lastSeq,
      id: null,
      detail: 'the chain head does not match the last row',
    });
  }
  return { ok: true, checked, head, firstBreak: null };
}
