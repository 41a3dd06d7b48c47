import { createHash } from 'node:crypto';
import { sql, type RawBuilder } from 'kysely';
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

function auditValues(ctx: RequestContext | null, entry: AuditEntry) {
  const actor = ctx?.actor;
  return {
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
  };
}

/** Appends an audit row. Call it with the transaction of the change so both commit or neither. */
export async function writeAudit(tx: Executor, ctx: RequestContext | null, entry: AuditEntry): Promise<void> {
  await tx.insertInto('auditLog').values(auditValues(ctx, entry)).execute();
}

/**
 * writeAudit's INSERT as a fragment for a data-modifying CTE, so that a hot path writes its audit
 * row in the same statement as the change: `INSERT INTO audit_log … SELECT … WHERE <when>`, where
 * `when` refers to the other CTEs (e.g. `EXISTS (SELECT 1 FROM booked)`).
 */
export function auditInsertWhen(
  ctx: RequestContext | null,
  entry: AuditEntry,
  when: RawBuilder<unknown>,
): RawBuilder<unknown> {
  const v = auditValues(ctx, entry);
  return sql`INSERT INTO audit_log (actor_user_id, actor_token_id, actor_role, action, entity_type,
                                    entity_id, summary, ip, request_id)
    SELECT ${v.actorUserId}::uuid, ${v.actorTokenId}::uuid, ${v.actorRole}, ${v.action}, ${v.entityType},
           ${v.entityId}, ${v.summary}::jsonb, ${v.ip}::inet, ${v.requestId}
     WHERE ${when}`;
}

// ——— Hash chain: sealing and verification (issue 9; sealed asynchronously since issue 10, decision 0013) ———

export const AUDIT_GENESIS_HASH = '0'.repeat(64);

/** How often each app instance tries to seal (only the one that gets the lock does). */
export const AUDIT_SEAL_EVERY_MS = 1000;

/**
 * An unsealed row older than this is a finding: the sealer has not run (no instance up, or it
 * fails), or the row got past it. Rows are sealed within about AUDIT_SEAL_EVERY_MS.
 */
export const AUDIT_UNSEALED_GRACE_SECONDS = 10;

/**
 * Seals the committed unsealed audit rows: the database function `audit_log_seal` gives them
 * seq, prev_hash and hash in one batch and moves the chain head, under an advisory lock so that
 * only one sealer runs at a time across all instances. With `wait: false` it returns null at once
 * when another sealer holds the lock; otherwise the number of rows sealed.
 */
export async function sealAuditLog(db: Executor, opts: { wait: boolean }): Promise<number | null> {
  const r = await sql<{ n: number | string }>`SELECT audit_log_seal(${opts.wait}) AS n`.execute(db);
  const n = Number(r.rows[0]?.n ?? 0);
  return n < 0 ? null : n;
}

/**
 * The background sealer of one app instance: every `everyMs`, try to seal (skipped when another
 * instance is sealing). Returns a function that stops it. The timer never keeps the process alive.
 */
export function startAuditSealer(
  db: Db,
  onError: (err: unknown) => void,
  everyMs = AUDIT_SEAL_EVERY_MS,
): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    sealAuditLog(db, { wait: false })
      .catch(onError)
      .finally(() => {
        running = false;
      });
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

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
  /** Rows not (yet) in the chain when the snapshot was taken, and the age of the oldest. */
  unsealed: { count: number; oldestAgeSeconds: number | null };
};

const BATCH = 2000;

/**
 * Seals what has committed (waiting for a running sealer; `seal: false` checks read-only), then
 * walks the chain in seq order and reports the first break: an edited row (its hash no longer
 * matches its fields), a gap (a deleted row), a row whose prev_hash is not its predecessor's hash
 * (reordered or replaced), rows left unsealed longer than the grace period (`unchained`: the
 * sealer is not running, or a row got past it), and a head that points past the last row (rows
 * deleted at the end). Unsealed rows younger than the grace period are counted, not a break.
 */
export async function verifyAuditChain(
  db: Db,
  opts: { seal?: boolean; graceSeconds?: number } = {},
): Promise<AuditVerification> {
  let sealError: unknown = null;
  if (opts.seal ?? true) {
    try {
      await sealAuditLog(db, { wait: true });
    } catch (err) {
      // A sealer that fails (e.g. refused by the guard) leaves rows unsealed: reported below.
      sealError = err;
    }
  }
  // One snapshot: the head and the rows must be read as of the same moment, while others commit.
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute((tx) => walkChain(tx, opts.graceSeconds ?? AUDIT_UNSEALED_GRACE_SECONDS, sealError));
}

async function walkChain(db: Tx, graceSeconds: number, sealError: unknown): Promise<AuditVerification> {
  const headRow = await db.selectFrom('auditChainHead').select(['seq', 'hash']).executeTakeFirst();
  const head = headRow ? { seq: Number(headRow.seq), hash: headRow.hash } : null;
  let expectedSeq = 1;
  let prevHash = AUDIT_GENESIS_HASH;
  let checked = 0;
  let after = 0;
  const u = await sql<{ n: number | string; firstId: string | null; oldestAge: number | string | null }>`
    SELECT count(*) AS n, min(id)::text AS first_id,
           extract(epoch FROM now() - min(at))::float8 AS oldest_age
      FROM audit_log WHERE seq IS NULL`.execute(db);
  const unsealedRow = u.rows[0];
  const unsealed = {
    count: Number(unsealedRow?.n ?? 0),
    oldestAgeSeconds:
      unsealedRow?.oldestAge === null || unsealedRow?.oldestAge === undefined
        ? null
        : Math.max(0, Math.round(Number(unsealedRow.oldestAge) * 10) / 10),
  };
  const fail = (b: AuditBreak): AuditVerification => ({ ok: false, checked, head, firstBreak: b, unsealed });
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
  if (unsealed.count > 0 && (unsealed.oldestAgeSeconds ?? 0) > graceSeconds) {
    const why =
      sealError instanceof Error ? ` (sealing failed: ${sealError.message})` : ': is the sealer running?';
    return fail({
      kind: 'unchained',
      seq: null,
      id: unsealedRow?.firstId ?? null,
      detail: `${unsealed.count} row(s) are not sealed into the chain, the oldest for ${unsealed.oldestAgeSeconds} s${why}`,
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
  return { ok: true, checked, head, firstBreak: null, unsealed };
}
