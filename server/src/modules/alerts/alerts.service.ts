import {
  MAX_SAVED_SEARCHES,
  SavedSearchQuerySchema,
  type AlertChannel,
  type AlertFrequency,
  type Notification,
  type SavedSearch,
  type SavedSearchQuery,
} from '@jiuye/shared';
import type { RawBuilder } from 'kysely';
import type { Executor } from '../../db/database.js';
import { writeAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { randomToken } from '../../platform/crypto.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { offsetOf, pageResult, type Page } from '../../platform/pagination.js';
import { tsQueryOf } from './alerts.delivery.js';
import * as repo from './alerts.repository.js';

function requireUser(ctx: RequestContext): { userId: string } {
  if (ctx.actor.kind !== 'user') throw new AppError('forbidden');
  return { userId: ctx.actor.userId };
}

function iso(d: Date | null): string | null {
  return d ? d.toISOString() : null;
}

/** Stored queries were validated on the way in; parsing again drops anything unexpected. */
function storedQuery(q: unknown): SavedSearchQuery {
  const parsed = SavedSearchQuerySchema.safeParse(q);
  return parsed.success ? parsed.data : { q: undefined };
}

function toSavedSearch(r: repo.SavedSearchRow): SavedSearch {
  return {
    id: r.id,
    name: r.name,
    query: storedQuery(r.query),
    frequency: r.frequency as AlertFrequency,
    channels: r.channels as AlertChannel[],
    email: r.email,
    active: r.active,
    lastNotifiedAt: iso(r.lastNotifiedAt),
    createdAt: r.createdAt.toISOString(),
  };
}

export async function createSavedSearch(
  ctx: RequestContext,
  body: {
    name?: string | undefined;
    query: SavedSearchQuery;
    frequency: AlertFrequency;
    channels: AlertChannel[];
    email?: string | undefined;
  },
): Promise<SavedSearch> {
  const { userId } = requireUser(ctx);
  const q = body.query;
  const onlyText =
    q.districtCode === undefined &&
    q.occupationCode === undefined &&
    q.salaryMinFen === undefined &&
    q.employmentType === undefined &&
    (q.benefits === undefined || q.benefits.length === 0);
  // "招聘" alone segments to no search word: without another filter it would match everything.
  const tsQuery = tsQueryOf(q.q);
  if (q.q !== undefined && tsQuery === null && onlyText) throw fieldError('query.q', 'invalid');
  if (tsQuery !== null && !(await repo.tsQueryParses(ctx.db, tsQuery)))
    throw fieldError('query.q', 'invalid');
  return ctx.db.transaction().execute(async (tx) => {
    if ((await repo.countSavedSearches(tx, userId)) >= MAX_SAVED_SEARCHES) {
      throw new AppError('conflict', {
        detail: {
          'zh-CN': `最多保存 ${MAX_SAVED_SEARCHES} 个职位订阅，请先删除不用的订阅`,
          'en-US': `At most ${MAX_SAVED_SEARCHES} saved searches; delete one first`,
        },
      });
    }
    const row = await repo.insertSavedSearch(tx, {
      userId,
      name: body.name ?? q.q ?? (ctx.locale === 'en-US' ? 'Job alert' : '职位提醒'),
      query: q,
      frequency: body.frequency,
      channels: body.channels,
      email: body.channels.includes('email') ? (body.email ?? null) : null,
      unsubscribeToken: randomToken(24),
      createdAt: ctx.now(),
    });
    return toSavedSearch(row);
  });
}

export async function listSavedSearches(
  ctx: RequestContext,
  page: { page: number; pageSize: number },
): Promise<Page<SavedSearch>> {
  const { userId } = requireUser(ctx);
  const { rows, total } = await repo.listSavedSearches(ctx.db, userId, offsetOf(page));
  return pageResult(rows.map(toSavedSearch), total, page);
}

export async function deleteSavedSearch(ctx: RequestContext, id: string): Promise<void> {
  const { userId } = requireUser(ctx);
  if (!(await repo.deleteSavedSearch(ctx.db, userId, id))) throw new AppError('not_found');
}

/** The link in every alert message: no sign-in needed, the token is the proof. */
export async function unsubscribe(
  ctx: RequestContext,
  token: string,
): Promise<{
  unsubscribed: true;
  savedSearchName: string;
  message: string;
  messageZh: string;
  messageEn: string;
}> {
  return ctx.db.transaction().execute(async (tx) => {
    const s = await repo.deactivateByToken(tx, token);
    if (!s) throw new AppError('not_found');
    if (s.wasActive) {
      await writeAudit(tx, ctx, {
        action: 'alert.unsubscribe',
        entityType: 'saved_search',
        entityId: s.id,
        summary: { userId: s.userId },
      });
    }
    const messageZh = `已退订职位提醒「${s.name}」，您将不再收到该订阅的通知。`;
    const messageEn = `You have unsubscribed from the job alert "${s.name}" and will receive no more messages from it.`;
    return {
      unsubscribed: true as const,
      savedSearchName: s.name,
      message: ctx.locale === 'en-US' ? messageEn : messageZh,
      messageZh,
      messageEn,
    };
  });
}

// ——— In-app notifications ———

function toNotification(r: repo.NotificationRow, locale: RequestContext['locale']): Notification {
  return {
    id: r.id,
    kind: r.kind,
    title: locale === 'en-US' ? r.titleEn : r.titleZh,
    body: r.body && typeof r.body === 'object' ? (r.body as Record<string, unknown>) : {},
    link: r.link,
    readAt: iso(r.readAt),
    createdAt: r.createdAt.toISOString(),
  };
}

export async function listNotifications(
  ctx: RequestContext,
  q: { unreadOnly?: 'true' | 'false' | undefined; page: number; pageSize: number },
): Promise<Page<Notification> & { unreadCount: number }> {
  const { userId } = requireUser(ctx);
  const r = await repo.listNotifications(ctx.db, userId, {
    unreadOnly: q.unreadOnly === 'true',
    ...offsetOf(q),
  });
  return {
    ...pageResult(
      r.rows.map((n) => toNotification(n, ctx.locale)),
      r.total,
      q,
    ),
    unreadCount: r.unread,
  };
}

export async function markNotificationRead(ctx: RequestContext, id: string): Promise<Notification> {
  const { userId } = requireUser(ctx);
  const row = await repo.markRead(ctx.db, userId, id, ctx.now());
  if (!row) throw new AppError('not_found');
  return toNotification(row, ctx.locale);
}

export async function markAllNotificationsRead(ctx: RequestContext): Promise<{ updated: number }> {
  const { userId } = requireUser(ctx);
  return { updated: await repo.markAllRead(ctx.db, userId, ctx.now()) };
}

/** A notification for one user, written in the caller's transaction (other modules call this). */
export async function createNotification(
  tx: Executor,
  n: {
    userId: string;
    kind: string;
    titleZh: string;
    titleEn: string;
    body?: Record<string, unknown>;
    link?: string | null;
    dedupeKey?: string | null;
    at: Date;
  },
): Promise<void> {
  await repo.insertNotifications(tx, [notificationRow(n)]);
}

function notificationRow(n: Parameters<typeof createNotification>[1]): repo.NotificationInsert {
  return {
    userId: n.userId,
    kind: n.kind,
    titleZh: n.titleZh,
    titleEn: n.titleEn,
    body: n.body ?? {},
    link: n.link ?? null,
    dedupeKey: n.dedupeKey ?? null,
    createdAt: n.at,
  };
}

/**
 * Queues a text message in the transactional outbox (sent by the drain job with retries), for
 * people who must hear about a change even without opening the app — a passenger whose bus
 * changed, someone registered by staff without an account. The dedupe key makes a retried
 * transaction queue it once.
 */
export async function queueSms(
  tx: Executor,
  m: { userId: string | null; phone: string; template: string; text: string; dedupeKey: string; at: Date },
): Promise<void> {
  await repo.insertOutbox(tx, [
    {
      userId: m.userId,
      channel: 'sms',
      recipient: m.phone,
      template: m.template,
      payload: { text: m.text },
      dedupeKey: `${m.dedupeKey}:sms`,
      createdAt: m.at,
    },
  ]);
}

/**
 * createNotification and queueSms as fragments for the caller's data-modifying CTE (written only
 * `when` holds, in the statement of the change): one statement instead of two on a hot path.
 */
export function notificationWhen(
  n: Parameters<typeof createNotification>[1],
  when: RawBuilder<unknown>,
): RawBuilder<unknown> {
  return repo.notificationInsertWhen(notificationRow(n), when);
}

export function smsWhen(m: Parameters<typeof queueSms>[1], when: RawBuilder<unknown>): RawBuilder<unknown> {
  return repo.outboxInsertWhen(
    {
      userId: m.userId,
      channel: 'sms',
      recipient: m.phone,
      template: m.template,
      payload: { text: m.text },
      dedupeKey: `${m.dedupeKey}:sms`,
      createdAt: m.at,
    },
    when,
  );
}
