import type { Db } from '../../db/database.js';
import { writeAudit } from '../../platform/audit.js';
import * as repo from './privacy.repository.js';

const DAY_MS = 24 * 3600_000;

/**
 * How long data is kept after the event named (PIPL art. 19: no longer than the purpose needs).
 * docs/privacy.md carries the same table; the retention job applies it daily. Records a law
 * requires (audit log, policy applications, payouts, registrations) are not in it: they are kept.
 */
export const RETENTION = {
  /** Ended (revoked or expired) sessions: enough to answer "was that me?" questions. */
  sessionsAfterEndDays: 90,
  /** Idempotency keys only need to outlive client retries. */
  idempotencyKeysDays: 7,
  /** In-app notifications. */
  notificationsDays: 365,
  /** Delivered SMS/e-mail messages (the delivery log). */
  sentMessagesDays: 180,
  /** Daily job-alert digests. */
  alertDigestsDays: 365,
  /** Open or cancelled chartered-bus travel requests that never led to a booking (health data). */
  unbookedTravelRequestsDays: 183,
  /** Rejected or withdrawn applications: the résumé snapshot and note are erased after 2 years. */
  closedApplicationsDays: 730,
} as const;

export type RetentionResult = Record<keyof typeof RETENTION, number>;

function before(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY_MS);
}

/** The daily retention job: deletes or anonymises data past its period; audited as the system. */
export async function runRetention(db: Db, now: Date): Promise<RetentionResult> {
  return db.transaction().execute(async (tx) => {
    const result: RetentionResult = {
      sessionsAfterEndDays: await repo.purgeSessions(tx, before(now, RETENTION.sessionsAfterEndDays)),
      idempotencyKeysDays: await repo.purgeIdempotencyKeys(tx, before(now, RETENTION.idempotencyKeysDays)),
      notificationsDays: await repo.purgeNotifications(tx, before(now, RETENTION.notificationsDays)),
      sentMessagesDays: await repo.purgeSentMessages(tx, before(now, RETENTION.sentMessagesDays)),
      alertDigestsDays: await repo.purgeAlertDigests(tx, before(now, RETENTION.alertDigestsDays)),
      unbookedTravelRequestsDays: await repo.purgeUnboardedTravelRequests(
        tx,
        before(now, RETENTION.unbookedTravelRequestsDays),
      ),
      closedApplicationsDays: await repo.anonymiseClosedApplications(
        tx,
        before(now, RETENTION.closedApplicationsDays),
      ),
    };
    if (Object.values(result).some((n) => n > 0)) {
      await writeAudit(tx, null, { action: 'privacy.retention', entityType: 'system', summary: result });
    }
    return result;
  });
}
