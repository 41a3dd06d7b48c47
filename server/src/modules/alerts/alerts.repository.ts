import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../db/database.js';

// ——— Saved searches ———

export type SavedSearchRow = {
  id: string;
  userId: string;
  name: string;
  query: unknown;
  frequency: string;
  channels: string[];
  email: string | null;
  unsubscribeToken: string;
  active: boolean;
  lastNotifiedAt: Date | null;
  createdAt: Date;
};

const SEARCH_COLUMNS = [
  'id',
  'userId',
  'name',
  'query',
  'frequency',
  'channels',
  'email',
  'unsubscribeToken',
  'active',
  'lastNotifiedAt',
  'createdAt',
] as const;

export async function insertSavedSearch(
  db: Executor,
  s: {
    userId: string;
    name: string;
    query: object;
    frequency: string;
    channels: string[];
    email: string | null;
    unsubscribeToken: string;
    createdAt: Date;
  },
): Promise<SavedSearchRow> {
  return db
    .insertInto('savedSearches')
    .values({ ...s, query: JSON.stringify(s.query) })
    .returning(SEARCH_COLUMNS)
    .executeTakeFirstOrThrow();
}

export async function countSavedSearches(db: Executor, userId: string): Promise<number> {
  const r = await db
    .selectFrom('savedSearches')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('userId', '=', userId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function listSavedSearches(
  db: Executor,
  userId: string,
  page: { limit: number; offset: number },
): Promise<{ rows: SavedSearchRow[]; total: number }> {
  const rows = await db
    .selectFrom('savedSearches')
    .select(SEARCH_COLUMNS)
    .where('userId', '=', userId)
    .orderBy('createdAt', 'desc')
    .orderBy('id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { rows, total: await countSavedSearches(db, userId) };
}

export async function deleteSavedSearch(db: Executor, userId: string, id: string): Promise<boolean> {
  const r = await db
    .deleteFrom('savedSearches')
    .where('id', '=', id)
    .where('userId', '=', userId)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Deactivates the search holding this token; answers it (also when it was already inactive). */
export async function deactivateByToken(
  db: Executor,
  token: string,
): Promise<{ id: string; userId: string; name: string; wasActive: boolean } | undefined> {
  const before = await db
    .selectFrom('savedSearches')
    .select(['id', 'userId', 'name', 'active'])
    .where('unsubscribeToken', '=', token)
    .forUpdate()
    .executeTakeFirst();
  if (!before) return undefined;
  if (before.active) {
    await db.updateTable('savedSearches').set({ active: false }).where('id', '=', before.id).execute();
  }
  return { id: before.id, userId: before.userId, name: before.name, wasActive: before.active };
}

/** Active searches of a frequency, with what delivery needs (the owner's phone for SMS). */
export async function listActiveSearches(
  db: Executor,
  frequency: 'instant' | 'daily',
): Promise<(SavedSearchRow & { phone: string })[]> {
  return db
    .selectFrom('savedSearches as s')
    .innerJoin('users as u', 'u.id', 's.userId')
    .select([
      's.id',
      's.userId',
      's.name',
      's.query',
      's.frequency',
      's.channels',
      's.email',
      's.unsubscribeToken',
      's.active',
      's.lastNotifiedAt',
      's.createdAt',
      'u.phone',
    ])
    .where('s.active', '=', true)
    .where('s.frequency', '=', frequency)
    .where('u.status', '=', 'active')
    .orderBy('s.userId')
    .orderBy('s.id')
    .execute();
}

export async function setLastNotified(db: Executor, ids: string[], at: Date): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('savedSearches').set({ lastNotifiedAt: at }).where('id', 'in', ids).execute();
}

// ——— Matching postings against saved searches ———

/** Whether PostgreSQL accepts a tsquery literal (one bad search must never break the sweep for all). */
export async function tsQueryParses(db: Executor, tsQuery: string): Promise<boolean> {
  try {
    await sql`SELECT ${tsQuery}::tsquery`.execute(db);
    return true;
  } catch {
    return false;
  }
}

/** A search to match: its id and its text query as a tsquery literal (null: no words). */
export type MatchCandidate = { id: string; tsQuery: string | null };

export type PostingMatch = {
  searchId: string;
  postingId: string;
  title: string;
  enterpriseName: string;
  districtCode: string;
  salaryMinFen: number;
  salaryMaxFen: number;
  salaryPeriod: string;
  publishedAt: Date;
};

/**
 * Published postings that match saved searches, in one statement for all searches. Either one
 * posting (`postingId`, on publication) or a window per search: published after the search's
 * watermark (last_notified_at, else its creation) minus `overlapMs`, and no later than `until`.
 * The filters mean what the search API means (see SavedSearchQuerySchema).
 */
export async function findMatches(
  db: Executor,
  candidates: MatchCandidate[],
  scope: { postingId: string } | { until: Date; overlapMs: number },
): Promise<PostingMatch[]> {
  if (candidates.length === 0) return [];
  const ids = candidates.map((c) => c.id);
  const tsqs = candidates.map((c) => c.tsQuery);
  const where =
    'postingId' in scope
      ? sql`p.id = ${scope.postingId}`
      : sql`p.published_at > coalesce(s.last_notified_at, s.created_at) - make_interval(secs => ${scope.overlapMs / 1000})
            AND p.published_at <= ${scope.until}`;
  const r = await sql<PostingMatch>`
    SELECT s.id AS search_id, p.id AS posting_id, p.title, e.name AS enterprise_name,
           p.district_code, p.salary_min_fen, p.salary_max_fen, p.salary_period, p.published_at
    FROM unnest(${ids}::uuid[], ${tsqs}::text[]) AS c(id, tsq)
    JOIN saved_searches s ON s.id = c.id AND s.active
    JOIN job_postings p ON p.status = 'published'
    JOIN enterprises e ON e.id = p.enterprise_id
    WHERE ${where}
      AND (s.query->>'districtCode' IS NULL OR p.district_code LIKE (
            CASE WHEN s.query->>'districtCode' LIKE '%0000' THEN left(s.query->>'districtCode', 2)
                 WHEN s.query->>'districtCode' LIKE '%00' THEN left(s.query->>'districtCode', 4)
                 ELSE s.query->>'districtCode' END) || '%')
      AND (s.query->>'occupationCode' IS NULL
           OR p.occupation_code = s.query->>'occupationCode'
           OR p.occupation_code LIKE (s.query->>'occupationCode') || '-%')
      AND (s.query->>'salaryMinFen' IS NULL OR p.salary_month_max_fen >= (s.query->>'salaryMinFen')::bigint)
      AND (s.query->>'employmentType' IS NULL OR p.employment_type = s.query->>'employmentType')
      AND (jsonb_typeof(s.query->'benefits') IS DISTINCT FROM 'array'
           OR p.benefits @> ARRAY(SELECT jsonb_array_elements_text(s.query->'benefits')))
      AND (c.tsq IS NULL OR p.search_vector @@ c.tsq::tsquery)
    ORDER BY s.id, p.published_at, p.id
  `.execute(db);
  return r.rows;
}

// ——— Notifications ———

export type NotificationInsert = {
  userId: string;
  kind: string;
  titleZh: string;
  titleEn: string;
  body: Record<string, unknown>;
  link: string | null;
  dedupeKey: string | null;
  createdAt: Date;
};

/** Inserts notifications; a (user, dedupe key) pair already present is skipped. Answers the inserted ones. */
export async function insertNotifications(
  db: Executor,
  rows: NotificationInsert[],
): Promise<{ id: string; userId: string; dedupeKey: string | null }[]> {
  if (rows.length === 0) return [];
  return db
    .insertInto('notifications')
    .values(rows.map((n) => ({ ...n, body: JSON.stringify(n.body) })))
    .onConflict((oc) => oc.columns(['userId', 'dedupeKey']).doNothing())
    .returning(['id', 'userId', 'dedupeKey'])
    .execute();
}

export type NotificationRow = {
  id: string;
  kind: string;
  titleZh: string;
  titleEn: string;
  body: unknown;
  link: string | null;
  readAt: Date | null;
  createdAt: Date;
};

const NOTIFICATION_COLUMNS = [
  'id',
  'kind',
  'titleZh',
  'titleEn',
  'body',
  'link',
  'readAt',
  'createdAt',
] as const;

export async function listNotifications(
  db: Executor,
  userId: string,
  opts: { unreadOnly: boolean; limit: number; offset: number },
): Promise<{ rows: NotificationRow[]; total: number; unread: number }> {
  let q = db.selectFrom('notifications').where('userId', '=', userId);
  if (opts.unreadOnly) q = q.where('readAt', 'is', null);
  const rows = await q
    .select(NOTIFICATION_COLUMNS)
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(opts.limit)
    .offset(opts.offset)
    .execute();
  const counts = await db
    .selectFrom('notifications')
    .select((eb) => [
      eb.fn.countAll<number>().as('total'),
      eb.fn.count<number>('id').filterWhere('readAt', 'is', null).as('unread'),
    ])
    .where('userId', '=', userId)
    .executeTakeFirstOrThrow();
  return {
    rows,
    total: opts.unreadOnly ? Number(counts.unread) : Number(counts.total),
    unread: Number(counts.unread),
  };
}

export async function markRead(
  db: Executor,
  userId: string,
  id: string,
  at: Date,
): Promise<NotificationRow | undefined> {
  // Keeps the first read time when read again.
  return db
    .updateTable('notifications')
    .set((eb) => ({ readAt: eb.fn.coalesce('readAt', sql<Date>`${at}::timestamptz`) }))
    .where('id', '=', id)
    .where('userId', '=', userId)
    .returning(NOTIFICATION_COLUMNS)
    .executeTakeFirst();
}

export async function markAllRead(db: Executor, userId: string, at: Date): Promise<number> {
  const r = await db
    .updateTable('notifications')
    .set({ readAt: at })
    .where('userId', '=', userId)
    .where('readAt', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

// ——— Outbox ———

export type OutboxInsert = {
  userId: string | null;
  channel: 'sms' | 'email';
  recipient: string;
  template: string;
  payload: Record<string, unknown>;
  dedupeKey: string;
  createdAt: Date;
};

/** Queues messages; a dedupe key already queued (or sent) is skipped. Answers how many were queued. */
export async function insertOutbox(db: Executor, rows: OutboxInsert[]): Promise<number> {
  if (rows.length === 0) return 0;
  const r = await db
    .insertInto('outbox')
    .values(rows.map((m) => ({ ...m, payload: JSON.stringify(m.payload), nextAttemptAt: m.createdAt })))
    .onConflict((oc) => oc.column('dedupeKey').doNothing())
    .returning('id')
    .execute();
  return r.length;
}

export type ClaimedMessage = {
  id: number;
  channel: string;
  recipient: string;
  template: string;
  payload: unknown;
  attempts: number;
};

/**
 * Claims up to `limit` due messages: counts the attempt and leases them until `leaseUntil`, so a
 * second drainer (another process) skips them; SKIP LOCKED keeps drainers from waiting on each other.
 */
export async function claimDueMessages(
  db: Executor,
  now: Date,
  leaseUntil: Date,
  limit: number,
): Promise<ClaimedMessage[]> {
  const r = await sql<ClaimedMessage>`
    UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ${leaseUntil}
    WHERE id IN (
      SELECT id FROM outbox
      WHERE status = 'pending' AND next_attempt_at <= ${now}
      ORDER BY next_attempt_at, id
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING id, channel, recipient, template, payload, attempts
  `.execute(db);
  return r.rows.sort((a, b) => a.id - b.id);
}

export async function markSent(db: Executor, id: number, at: Date): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ status: 'sent', sentAt: at, lastError: null })
    .where('id', '=', id)
    .execute();
}

export async function markFailedAttempt(
  db: Executor,
  id: number,
  error: string,
  retryAt: Date | null,
): Promise<void> {
  await db
    .updateTable('outbox')
    .set(
      retryAt
        ? { lastError: error.slice(0, 1000), nextAttemptAt: retryAt }
        : { lastError: error.slice(0, 1000), status: 'failed' },
    )
    .where('id', '=', id)
    .execute();
}

// ——— Daily digest ———

/** Claims the digest of (user, day); false when it was already sent. The primary key decides. */
export async function claimDigest(
  db: Executor,
  userId: string,
  day: string,
  matchCount: number,
): Promise<boolean> {
  const r = await db
    .insertInto('alertDigests')
    .values({ userId, digestOn: day, matchCount })
    .onConflict((oc) => oc.columns(['userId', 'digestOn']).doNothing())
    .returning('userId')
    .executeTakeFirst();
  return r !== undefined;
}

export async function digestSent(db: Executor, userId: string, day: string): Promise<boolean> {
  const r = await db
    .selectFrom('alertDigests')
    .select('userId')
    .where('userId', '=', userId)
    .where('digestOn', '=', day)
    .executeTakeFirst();
  return r !== undefined;
}

/**
 * insertNotifications and insertOutbox (one row each) as fragments for a data-modifying CTE, so a
 * hot path (bus booking, issue 10) writes them in the statement of its change:
 * `INSERT … SELECT … WHERE <when>`, `when` referring to the caller's other CTEs.
 */
export function notificationInsertWhen(
  n: NotificationInsert,
  when: RawBuilder<unknown>,
): RawBuilder<unknown> {
  return sql`INSERT INTO notifications (user_id, kind, title_zh, title_en, body, link, dedupe_key, created_at)
    SELECT ${n.userId}::uuid, ${n.kind}, ${n.titleZh}, ${n.titleEn}, ${JSON.stringify(n.body)}::jsonb,
           ${n.link}, ${n.dedupeKey}, ${n.createdAt}::timestamptz
     WHERE ${when}
    ON CONFLICT (user_id, dedupe_key) DO NOTHING`;
}

export function outboxInsertWhen(m: OutboxInsert, when: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`INSERT INTO outbox (user_id, channel, recipient, template, payload, dedupe_key, created_at, next_attempt_at)
    SELECT ${m.userId}::uuid, ${m.channel}, ${m.recipient}, ${m.template}, ${JSON.stringify(m.payload)}::jsonb,
           ${m.dedupeKey}, ${m.createdAt}::timestamptz, ${m.createdAt}::timestamptz
     WHERE ${when}
    ON CONFLICT (dedupe_key) DO NOTHING`;
}
