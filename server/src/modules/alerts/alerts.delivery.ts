import { maskPhone, type SavedSearchQuery } from '@jiuye/shared';
import type { Executor, Tx } from '../../db/database.js';
import { queryGroups, toTsQuery } from '../search/search.text.js';
import * as repo from './alerts.repository.js';

/**
 * Job alerts: matching newly published postings against saved searches, in-app notifications and
 * the transactional outbox (SMS / e-mail sent after commit by `drainOutbox`).
 *
 * Delivery is at-least-once and deduplicated by keys: a notification per (user, posting), an outbox
 * row per (user, posting, channel), a digest per (user, day). So the publication hook, the sweep
 * and reruns may overlap freely.
 */

/** The sweep re-reads this much before each search's watermark: a posting whose publishing
 * transaction committed after a sweep had already passed its publication time is still found. */
export const SWEEP_OVERLAP_MS = 15 * 60_000;
/** The digest only takes postings published at least this long ago, for the same reason. */
export const DIGEST_LAG_MS = 5 * 60_000;
export const DIGEST_MAX_ITEMS = 10;

/** China Standard Time has no daylight saving: the calendar day is UTC+8. */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

export function chinaHour(at: Date): number {
  return new Date(at.getTime() + 8 * 3600_000).getUTCHours();
}

/** The saved query's words as a tsquery literal (segmented with the search module's dictionary). */
export function tsQueryOf(q: string | undefined): string | null {
  if (!q) return null;
  return toTsQuery(queryGroups(q));
}

export function unsubscribePath(token: string): string {
  return `/api/v1/alerts/unsubscribe?token=${encodeURIComponent(token)}`;
}

/** Links are web-app paths (web/src/app/router.tsx): alerts go to seekers. */
function postingLink(postingId: string): string {
  return `/seeker/jobs/${postingId}`;
}

type ActiveSearch = Awaited<ReturnType<typeof repo.listActiveSearches>>[number];

function candidatesOf(searches: ActiveSearch[]): repo.MatchCandidate[] {
  return searches.map((s) => ({ id: s.id, tsQuery: tsQueryOf((s.query as SavedSearchQuery).q) }));
}

function salaryText(m: repo.PostingMatch): string {
  const per = m.salaryPeriod === 'day' ? '天' : m.salaryPeriod === 'hour' ? '小时' : '月';
  const yuan = (fen: number) => String(Math.round(fen / 100));
  return `${yuan(m.salaryMinFen)}-${yuan(m.salaryMaxFen)}元/${per}`;
}

function inTransaction<T>(db: Executor, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db as Tx) : db.transaction().execute(fn);
}

/** Notifications and outbox rows for instant matches, written in the caller's transaction. */
async function deliverInstant(
  tx: Tx,
  searches: Map<string, ActiveSearch>,
  matches: repo.PostingMatch[],
  now: Date,
): Promise<{ notifications: number; messages: number }> {
  const notifications: repo.NotificationInsert[] = [];
  const messages: repo.OutboxInsert[] = [];
  const seen = new Set<string>();
  for (const m of matches) {
    const s = searches.get(m.searchId);
    if (!s) continue;
    // Two searches of one user matching the same posting: one alert.
    const key = `${s.userId}:${m.postingId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const dedupe = `job_alert:${m.postingId}`;
    const body = {
      postingId: m.postingId,
      title: m.title,
      enterpriseName: m.enterpriseName,
      districtCode: m.districtCode,
      salaryMinFen: m.salaryMinFen,
      salaryMaxFen: m.salaryMaxFen,
      salaryPeriod: m.salaryPeriod,
      savedSearchId: s.id,
      savedSearchName: s.name,
    };
    if (s.channels.includes('in_app')) {
      notifications.push({
        userId: s.userId,
        kind: 'job_alert',
        titleZh: `职位提醒「${s.name}」：${m.title}`,
        titleEn: `Job alert "${s.name}": ${m.title}`,
        body,
        link: postingLink(m.postingId),
        dedupeKey: dedupe,
        createdAt: now,
      });
    }
    const text = `【湛江就业】您订阅的「${s.name}」有新职位：${m.title}（${m.enterpriseName}，${salaryText(m)}）。详情请登录查看，退订请访问 ${unsubscribePath(s.unsubscribeToken)}`;
    const payload = {
      ...body,
      text,
      link: postingLink(m.postingId),
      unsubscribePath: unsubscribePath(s.unsubscribeToken),
    };
    if (s.channels.includes('sms')) {
      messages.push({
        userId: s.userId,
        channel: 'sms',
        recipient: s.phone,
        template: 'job_alert',
        payload,
        dedupeKey: `job_alert:${s.userId}:${m.postingId}:sms`,
        createdAt: now,
      });
    }
    if (s.channels.includes('email') && s.email) {
      messages.push({
        userId: s.userId,
        channel: 'email',
        recipient: s.email,
        template: 'job_alert',
        payload: { ...payload, subject: `职位提醒 Job alert: ${m.title}` },
        dedupeKey: `job_alert:${s.userId}:${m.postingId}:email`,
        createdAt: now,
      });
    }
  }
  const inserted = await repo.insertNotifications(tx, notifications);
  const queued = await repo.insertOutbox(tx, messages);
  return { notifications: inserted.length, messages: queued };
}

export type DeliveryResult = { matches: number; notifications: number; messages: number };

/**
 * Call when a posting is published (the postings module's publish path). Matches it against every
 * active instant search and notifies their owners. Pass the publishing transaction to notify
 * atomically with the publication, or the database to run after it; a lost call is caught up by
 * `runAlertSweep`. Does not move the sweep's watermarks.
 */
export async function notifyNewPosting(db: Executor, postingId: string, now: Date): Promise<DeliveryResult> {
  const searches = await repo.listActiveSearches(db, 'instant');
  const matches = await repo.findMatches(db, candidatesOf(searches), { postingId });
  if (matches.length === 0) return { matches: 0, notifications: 0, messages: 0 };
  const byId = new Map(searches.map((s) => [s.id, s]));
  const r = await inTransaction(db, (tx) => deliverInstant(tx, byId, matches, now));
  return { matches: matches.length, ...r };
}

/**
 * The safety net for instant alerts (run every minute or so): postings published since each
 * search's watermark (minus SWEEP_OVERLAP_MS) are matched and notified — dedupe keys skip what the
 * publication hook already sent — and the watermarks move to `now`.
 */
export async function runAlertSweep(db: Executor, now: Date): Promise<DeliveryResult> {
  const searches = await repo.listActiveSearches(db, 'instant');
  if (searches.length === 0) return { matches: 0, notifications: 0, messages: 0 };
  const matches = await repo.findMatches(db, candidatesOf(searches), {
    until: now,
    overlapMs: SWEEP_OVERLAP_MS,
  });
  const byId = new Map(searches.map((s) => [s.id, s]));
  const r = await inTransaction(db, async (tx) => {
    const delivered = await deliverInstant(tx, byId, matches, now);
    await repo.setLastNotified(
      tx,
      searches.map((s) => s.id),
      now,
    );
    return delivered;
  });
  return { matches: matches.length, ...r };
}

export type DigestResult = { day: string; users: number; digests: number; skipped: number };

/**
 * The daily digest: per user, one notification (and one SMS / e-mail per channel) listing the new
 * postings that match their daily searches since the last digest. Idempotent per China calendar
 * day: `alert_digests` holds one row per user and day, claimed in the same transaction as the
 * notification, the outbox rows and the watermarks — a rerun the same day sends nothing.
 */
export async function runDailyDigest(db: Executor, now: Date): Promise<DigestResult> {
  const day = chinaDate(now);
  const cutoff = new Date(now.getTime() - DIGEST_LAG_MS);
  const searches = await repo.listActiveSearches(db, 'daily');
  const result: DigestResult = { day, users: 0, digests: 0, skipped: 0 };
  if (searches.length === 0) return result;
  const matches = await repo.findMatches(db, candidatesOf(searches), { until: cutoff, overlapMs: 0 });
  const byUser = new Map<string, ActiveSearch[]>();
  for (const s of searches) byUser.set(s.userId, [...(byUser.get(s.userId) ?? []), s]);
  const matchesBySearch = new Map<string, repo.PostingMatch[]>();
  for (const m of matches) matchesBySearch.set(m.searchId, [...(matchesBySearch.get(m.searchId) ?? []), m]);

  for (const [userId, userSearches] of byUser) {
    result.users++;
    const postings = new Map<string, repo.PostingMatch>();
    for (const s of userSearches)
      for (const m of matchesBySearch.get(s.id) ?? []) postings.set(m.postingId, m);
    const ids = userSearches.map((s) => s.id);
    if (postings.size === 0) {
      // Nothing new. The job runs every few minutes: move the watermarks at most once a day, so
      // the window stays short without writing every search on every run.
      const stale = userSearches.filter(
        (s) => (s.lastNotifiedAt ?? s.createdAt).getTime() < cutoff.getTime() - 86400_000,
      );
      if (stale.length > 0)
        await repo.setLastNotified(
          db,
          stale.map((s) => s.id),
          cutoff,
        );
      continue;
    }
    const sent = await inTransaction(db, async (tx) => {
      if (!(await repo.claimDigest(tx, userId, day, postings.size))) return false;
      const items = [...postings.values()]
        .sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime())
        .slice(0, DIGEST_MAX_ITEMS)
        .map((m) => ({
          postingId: m.postingId,
          title: m.title,
          enterpriseName: m.enterpriseName,
          districtCode: m.districtCode,
          salaryMinFen: m.salaryMinFen,
          salaryMaxFen: m.salaryMaxFen,
          salaryPeriod: m.salaryPeriod,
        }));
      const count = postings.size;
      const body = {
        day,
        count,
        items,
        savedSearches: userSearches.map((s) => ({ id: s.id, name: s.name })),
      };
      const channels = new Set(userSearches.flatMap((s) => s.channels));
      if (channels.has('in_app')) {
        await repo.insertNotifications(tx, [
          {
            userId,
            kind: 'job_digest',
            titleZh: `今日职位推荐：${count} 个新职位符合您的订阅`,
            titleEn: `Daily job digest: ${count} new job${count === 1 ? '' : 's'} match your alerts`,
            body,
            link: '/seeker/notifications',
            dedupeKey: `job_digest:${day}`,
            createdAt: now,
          },
        ]);
      }
      const first = items[0];
      const unsubscribe = userSearches.map((s) => ({
        name: s.name,
        path: unsubscribePath(s.unsubscribeToken),
      }));
      const text = `【湛江就业】${day} 有 ${count} 个新职位符合您的订阅${first ? `，如：${first.title}（${first.enterpriseName}）` : ''}。请登录查看。退订请访问 ${unsubscribe[0]?.path ?? ''}`;
      const messages: repo.OutboxInsert[] = [];
      const phone = userSearches[0]?.phone;
      if (channels.has('sms') && phone) {
        messages.push({
          userId,
          channel: 'sms',
          recipient: phone,
          template: 'job_digest',
          payload: { ...body, text, unsubscribe },
          dedupeKey: `job_digest:${userId}:${day}:sms`,
          createdAt: now,
        });
      }
      const emails = new Set(
        userSearches.filter((s) => s.channels.includes('email') && s.email).map((s) => s.email as string),
      );
      for (const email of emails) {
        messages.push({
          userId,
          channel: 'email',
          recipient: email,
          template: 'job_digest',
          payload: { ...body, text, unsubscribe, subject: `职位日报 Daily job digest ${day}` },
          dedupeKey: `job_digest:${userId}:${day}:email:${email}`,
          createdAt: now,
        });
      }
      await repo.insertOutbox(tx, messages);
      await repo.setLastNotified(tx, ids, cutoff);
      return true;
    });
    if (sent) result.digests++;
    else if (postings.size > 0) result.skipped++;
  }
  return result;
}

// ——— Outbox drain ———

/** A message handed to an adapter (SMS gateway, mail server). */
export type OutboxMessage = {
  id: number;
  channel: 'sms' | 'email';
  recipient: string;
  template: string;
  payload: Record<string, unknown>;
  attempt: number;
};

/** What an SMS or e-mail gateway implements. Throwing means "not sent": the message is retried. */
export type OutboxAdapter = { send(msg: OutboxMessage): Promise<void> };

/** The default adapter: writes the message to the log (recipient masked) instead of sending it. */
export function createLogAdapter(log: { info(obj: object, msg: string): void }): OutboxAdapter {
  return {
    async send(msg) {
      const recipient =
        msg.channel === 'sms' ? maskPhone(msg.recipient) : msg.recipient.replace(/^(.).*(@.*)$/, '$1***$2');
      log.info(
        { outboxId: msg.id, channel: msg.channel, recipient, template: msg.template, text: msg.payload.text },
        'outbox message (log adapter: not sent)',
      );
    },
  };
}

/** After the n-th failed attempt: 1 min, 5 min, 15 min, 1 h, 3 h; then the message is given up. */
const RETRY_DELAYS_MS = [60_000, 300_000, 900_000, 3_600_000, 10_800_000] as const;
export const MAX_SEND_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
/** How long a claimed message is reserved for the drainer that claimed it. */
export const SEND_LEASE_MS = 5 * 60_000;

/** When to try again after `attempts` failed attempts, or null to give up. */
export function retryDelayMs(attempts: number): number | null {
  if (attempts >= MAX_SEND_ATTEMPTS) return null;
  return RETRY_DELAYS_MS[Math.max(0, attempts - 1)] ?? null;
}

export type DrainResult = { sent: number; retried: number; failed: number };

/**
 * Sends due outbox messages through the adapter: `sent` on success; on failure the error is kept
 * and the message waits (retryDelayMs) or, after MAX_SEND_ATTEMPTS, becomes `failed`. At least
 * once: a crash between sending and marking may send a message twice; gateways that accept a
 * client reference should be given `outbox:<id>`.
 */
export async function drainOutbox(
  db: Executor,
  adapter: OutboxAdapter,
  now: Date,
  opts: { batchSize?: number } = {},
): Promise<DrainResult> {
  const result: DrainResult = { sent: 0, retried: 0, failed: 0 };
  const claimed = await repo.claimDueMessages(
    db,
    now,
    new Date(now.getTime() + SEND_LEASE_MS),
    opts.batchSize ?? 50,
  );
  for (const m of claimed) {
    try {
      await adapter.send({
        id: m.id,
        channel: m.channel as OutboxMessage['channel'],
        recipient: m.recipient,
        template: m.template,
        payload: (m.payload ?? {}) as Record<string, unknown>,
        attempt: m.attempts,
      });
      await repo.markSent(db, m.id, now);
      result.sent++;
    } catch (err) {
      const delay = retryDelayMs(m.attempts);
      const message = err instanceof Error ? err.message : String(err);
      await repo.markFailedAttempt(
        db,
        m.id,
        message,
        delay === null ? null : new Date(now.getTime() + delay),
      );
      if (delay === null) result.failed++;
      else result.retried++;
    }
  }
  return result;
}
