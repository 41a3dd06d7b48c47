import { sql } from 'kysely';
import type { ListAuditQuery } from '@jiuye/shared';
import type { Executor } from '../../db/database.js';

export type AuditRow = {
  id: number | string;
  seq: number | null;
  at: Date;
  actorUserId: string | null;
  actorTokenId: string | null;
  actorRole: string | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  summary: unknown;
  ip: string | null;
  requestId: string | null;
  hash: string | null;
};

function likePrefix(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Newest first, keyset-paginated on id (the cursor is the last id seen). Reads limit + 1 rows. */
export async function listEntries(db: Executor, q: ListAuditQuery): Promise<AuditRow[]> {
  let query = db
    .selectFrom('auditLog as a')
    .leftJoin('users as u', 'u.id', 'a.actorUserId')
    .select([
      'a.id',
      'a.seq',
      'a.at',
      'a.actorUserId',
      'a.actorTokenId',
      'a.actorRole',
      'u.displayName as actorName',
      'a.action',
      'a.entityType',
      'a.entityId',
      'a.summary',
      sql<string | null>`host(a.ip)`.as('ip'),
      'a.requestId',
      'a.hash',
    ])
    .orderBy('a.id', 'desc')
    .limit(q.limit + 1);
  if (q.actor) {
    const actor = q.actor;
    query = query.where((eb) => eb.or([eb('a.actorUserId', '=', actor), eb('a.actorTokenId', '=', actor)]));
  }
  if (q.actorRole) query = query.where('a.actorRole', '=', q.actorRole);
  if (q.action) {
    const action = q.action;
    query = query.where((eb) =>
      eb.or([eb('a.action', '=', action), eb('a.action', 'like', `${likePrefix(action)}.%`)]),
    );
  }
  if (q.entityType) query = query.where('a.entityType', '=', q.entityType);
  if (q.entityId) query = query.where('a.entityId', '=', q.entityId);
  if (q.from) query = query.where('a.at', '>=', new Date(q.from));
  if (q.to) query = query.where('a.at', '<=', new Date(q.to));
  if (q.cursor) query = query.where('a.id', '<', q.cursor);
  return query.execute();
}
