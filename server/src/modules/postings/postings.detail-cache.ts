import type { Db } from '../../db/database.js';
import type { AppDeps } from '../../platform/context.js';
import {
  createCacheListener,
  createResponseCache,
  type CacheListener,
  type ResponseCache,
} from '../../platform/response-cache.js';

/**
 * Issue 10: the public posting detail (`GET /job-postings/{id}` as anyone who is neither a member
 * of the enterprise nor staff of its districts sees it), serialised once and kept per instance.
 * Tags: `p:<posting id>` and `e:<enterprise id>`; migration 20261128T0350 NOTIFYs them on change.
 */

/** What decides, on a hit, whether this caller gets the public entry or the full view. */
export type DetailMeta = { enterpriseId: string; districtCode: string; enterpriseDistrictCode: string };

/** ≈ 2 KB a posting: some 15,000 postings in each language, well inside the 300 MB RSS target. */
const MAX_BYTES = 32 * 1024 * 1024;
/** Behind the notifications: no entry outlives a minute even if one was lost. */
const MAX_AGE_MS = 60_000;
export const CACHE_CHANNEL = 'jiuye_cache';

type DetailCache = {
  cache: ResponseCache<DetailMeta>;
  listener: CacheListener;
  waiters: Set<(tags: readonly string[]) => void>;
};

// One cache per app instance (tests run two instances in one process), found by its deps, and by
// its pool for the writers that hold only the database (the expiry job).
const byDeps = new WeakMap<AppDeps, DetailCache | null>();
const byDb = new WeakMap<Db, Set<ResponseCache<DetailMeta>>>();

/**
 * This instance's cache; null without a database URL to LISTEN on. The LISTEN connection opens on
 * first use, so an app that never serves a detail never holds one; until it is up, nothing is served
 * from or stored in the cache.
 */
export function detailCache(deps: AppDeps): ResponseCache<DetailMeta> | null {
  let dc = byDeps.get(deps);
  if (dc === undefined) {
    const url = deps.databaseUrl ?? deps.config.DATABASE_URL;
    if (url) {
      const cache = createResponseCache<DetailMeta>({ maxBytes: MAX_BYTES, maxAgeMs: MAX_AGE_MS });
      const waiters = new Set<(tags: readonly string[]) => void>();
      const listener = createCacheListener({
        url,
        channel: CACHE_CHANNEL,
        caches: [cache],
        onNotification: (tags) => {
          for (const w of [...waiters]) w(tags);
        },
      });
      let same = byDb.get(deps.db);
      if (!same) byDb.set(deps.db, (same = new Set()));
      same.add(cache);
      listener.start();
      dc = { cache, listener, waiters };
    } else {
      dc = null;
    }
    byDeps.set(deps, dc);
  }
  return dc?.cache ?? null;
}

/** Resolves when this instance's cache listens (tests); starts it if needed. */
export async function detailCacheReady(deps: AppDeps): Promise<void> {
  detailCache(deps);
  await byDeps.get(deps)?.listener.ready();
}

/**
 * Resolves once this instance has applied a notification naming `tag` (or `*`): tests wait on it
 * instead of sleeping. Take the promise before making the change.
 */
export function nextInvalidation(deps: AppDeps, tag: string): Promise<void> {
  const dc = byDeps.get(deps);
  if (!dc) return Promise.reject(new Error('no detail cache on this instance'));
  return new Promise((resolve) => {
    const w = (tags: readonly string[]) => {
      if (!tags.includes(tag) && !tags.includes('*')) return;
      dc.waiters.delete(w);
      resolve();
    };
    dc.waiters.add(w);
  });
}

export async function closeDetailCache(deps: AppDeps): Promise<void> {
  const dc = byDeps.get(deps);
  byDeps.delete(deps);
  if (!dc) return;
  byDb.get(deps.db)?.delete(dc.cache);
  dc.waiters.clear();
  await dc.listener.close();
}

export function detailKey(id: string, locale: string): string {
  return `${id}|${locale}`;
}

export function detailTags(p: { id: string; enterpriseId: string }): string[] {
  return [`p:${p.id}`, `e:${p.enterpriseId}`];
}

/**
 * Evicts postings from this instance's cache (the one on pool `db`) right away, so a change is
 * visible here at once, before its notification comes round; other instances learn of it by NOTIFY.
 */
export function forgetPostings(db: Db, ids: readonly string[]): void {
  if (ids.length === 0) return;
  const caches = byDb.get(db);
  if (!caches) return;
  const tags = ids.map((id) => `p:${id}`);
  for (const c of caches) c.invalidate(tags);
}
