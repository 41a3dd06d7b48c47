import type { RequestContext } from '../../platform/context.js';
import { fieldError } from '../../platform/errors.js';
import * as repo from './feeds.repository.js';

/** Changes younger than this are served on a later call (see feeds.repository.ts). */
export const FEED_SETTLE_SECONDS = 5;
const ZERO_UUID = '00000000-0000-0000-0000-000000000000';
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const TS_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$/;

function encode(ts: string, id: string): string {
  return Buffer.from(`${ts}|${id}`, 'utf8').toString('base64url');
}

/** `since`: an ISO 8601 time with offset, or a cursor answered before. 400 naming `since` otherwise. */
function decode(since: string | undefined): { ts: string; id: string } {
  if (since === undefined) return { ts: '1970-01-01T00:00:00Z', id: ZERO_UUID };
  if (TS_RE.test(since) && !Number.isNaN(Date.parse(since))) return { ts: since, id: ZERO_UUID };
  const text = Buffer.from(since, 'base64url').toString('utf8');
  const [ts, id, extra] = text.split('|');
  if (
    extra !== undefined ||
    !ts ||
    !id ||
    !TS_RE.test(ts) ||
    Number.isNaN(Date.parse(ts)) ||
    !UUID_RE.test(id)
  ) {
    throw fieldError('since', 'cursor_invalid');
  }
  return { ts, id };
}

/** The postings feed for partner systems: upserts for published postings, tombstones for removals. */
export async function postingsFeed(ctx: RequestContext, q: { since?: string | undefined; limit: number }) {
  const after = decode(q.since);
  const rows = await repo.feedPage(ctx.db, after, q.limit, FEED_SETTLE_SECONDS);
  const last = rows.at(-1);
  return {
    items: rows.map((r) => {
      const live = r.status === 'published';
      return {
        id: r.id,
        op: live ? ('upsert' as const) : ('removed' as const),
        status: r.status,
        updatedAt: r.updatedAt.toISOString(),
        posting: live
          ? {
              title: r.title,
              enterpriseId: r.enterpriseId,
              enterpriseName: r.enterpriseName,
              occupationCode: r.occupationCode,
              districtCode: r.districtCode,
              headcount: r.headcount,
              salaryMonthMinFen: Number(r.salaryMonthMinFen),
              salaryMonthMaxFen: Number(r.salaryMonthMaxFen),
              employmentType: r.employmentType,
              expiresOn: r.expiresOn,
              publishedAt: r.publishedAt?.toISOString() ?? null,
            }
          : null,
      };
    }),
    nextCursor: last ? encode(last.cursorTs, last.id) : encode(after.ts, after.id),
  };
}
