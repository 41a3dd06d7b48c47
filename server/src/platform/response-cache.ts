import { createHash } from 'node:crypto';
import pg from 'pg';

/**
 * An in-memory cache of serialised responses that stays correct with several instances behind a
 * load balancer (docs/scaling.md: they share only PostgreSQL). Issue 10, posting detail.
 *
 * - Entries carry tags (e.g. `p:<posting id>`, `e:<enterprise id>`). Database triggers send
 *   `NOTIFY jiuye_cache, '<tag> <tag> …'` (or `*`) when a tagged row changes; every instance
 *   LISTENs on one connection of its own and evicts. NOTIFY is delivered at commit.
 * - The cache serves and stores only while that LISTEN connection is up. When it drops, the cache
 *   empties and stops serving; after reconnecting and LISTENing again it empties once more (a
 *   notification may have been missed in between) and resumes.
 * - A read races a change: a request reads the old row, the change commits and its notification
 *   evicts nothing, then the request stores the old row. So a request takes a `ticket()` before it
 *   reads, and `set` refuses to store if any of the entry's tags was invalidated after the ticket.
 * - Bounded by bytes (LRU), counted against the server's RSS target; a short maximum age bounds
 *   staleness should a notification ever be lost without the connection dropping.
 *
 * `platform/` knows no domain: what a tag means is the module's business.
 */

export type CachedResponse<M> = {
  /** The exact bytes to send (application/json). */
  body: Buffer;
  /** Strong validator over `body`, quoted, for ETag / If-None-Match. */
  etag: string;
  /** What the module needs to decide whether this caller may be served the entry. */
  meta: M;
};

type Entry<M> = CachedResponse<M> & { key: string; tags: readonly string[]; storedAt: number; bytes: number };

export type ResponseCacheOptions = {
  /** Budget for bodies plus a per-entry overhead estimate. */
  maxBytes: number;
  /** Entries older than this are not served (belt and braces behind the notifications). */
  maxAgeMs: number;
  now?: () => number;
};

export type ResponseCacheStats = {
  entries: number;
  bytes: number;
  hits: number;
  misses: number;
  stores: number;
  refused: number;
  evictions: number;
  active: boolean;
};

export type ResponseCache<M> = {
  /** True while the invalidation channel is up: only then does the cache serve or store. */
  readonly active: boolean;
  get(key: string): CachedResponse<M> | undefined;
  /** Take before reading the source of an entry; pass to `set`. */
  ticket(): number;
  /**
   * Stores `json` under `key` unless the cache is inactive or a tag was invalidated after `ticket`.
   * Answers the entry (with its ETag) either way, so the caller can send it.
   */
  set(key: string, ticket: number, json: string, tags: readonly string[], meta: M): CachedResponse<M>;
  invalidate(tags: readonly string[]): void;
  clear(): void;
  /** Called by the listener: serve and store only while the channel is up. */
  setActive(active: boolean): void;
  stats(): ResponseCacheStats;
};

/** Rough per-entry cost beyond the body: the Map slots, the entry object, key, ETag, tag index. */
const ENTRY_OVERHEAD = 400;
/** How many recently invalidated tags are remembered to refuse racing stores. */
const RECENT_TAGS = 4096;

export function etagOf(body: Buffer): string {
  return `"${createHash('sha1').update(body).digest('base64url')}"`;
}

/**
 * Whether an If-None-Match header matches a strong ETag (RFC 9110 §13.1.2: weak comparison, a
 * list, or `*`).
 */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header === etag) return true;
  if (header.trim() === '*') return true;
  for (const part of header.split(',')) {
    const t = part.trim();
    if (t === etag || (t.startsWith('W/') && t.slice(2) === etag)) return true;
  }
  return false;
}

/** The body in its own memory: a small Buffer.from() is a slice of a shared 8 KB slab it would pin. */
function ownBuffer(json: string): Buffer {
  const n = Buffer.byteLength(json);
  const b = Buffer.allocUnsafeSlow(n);
  b.write(json);
  return b;
}

export function createResponseCache<M>(opts: ResponseCacheOptions): ResponseCache<M> {
  const now = opts.now ?? Date.now;
  const entries = new Map<string, Entry<M>>(); // insertion order = LRU order (oldest first)
  const byTag = new Map<string, Set<string>>();
  const recent = new Map<string, number>(); // tag → seq of its last invalidation, oldest first
  let seq = 0;
  /** Tickets below this cannot be checked against `recent` (cleared, or fell off the end). */
  let floor = 0;
  let bytes = 0;
  let active = false;
  const s = { hits: 0, misses: 0, stores: 0, refused: 0, evictions: 0 };

  const remove = (e: Entry<M>) => {
    entries.delete(e.key);
    bytes -= e.bytes;
    for (const t of e.tags) {
      const keys = byTag.get(t);
      if (!keys) continue;
      keys.delete(e.key);
      if (keys.size === 0) byTag.delete(t);
    }
  };

  const clear = () => {
    entries.clear();
    byTag.clear();
    recent.clear();
    bytes = 0;
    seq += 1;
    floor = seq;
  };

  const storable = (ticket: number, tags: readonly string[]) => {
    if (!active || ticket < floor) return false;
    if (ticket === seq) return true;
    for (const t of tags) {
      const at = recent.get(t);
      if (at !== undefined && at > ticket) return false;
    }
    return true;
  };

  return {
    get active() {
      return active;
    },
    get(key) {
      if (!active) return undefined;
      const e = entries.get(key);
      if (!e) {
        s.misses += 1;
        return undefined;
      }
      if (now() - e.storedAt > opts.maxAgeMs) {
        remove(e);
        s.misses += 1;
        return undefined;
      }
      // Most recently used goes to the end.
      entries.delete(key);
      entries.set(key, e);
      s.hits += 1;
      return e;
    },
    ticket: () => seq,
    set(key, ticket, json, tags, meta) {
      const body = ownBuffer(json);
      const etag = etagOf(body);
      if (!storable(ticket, tags)) {
        s.refused += 1;
        return { body, etag, meta };
      }
      const size = body.length + ENTRY_OVERHEAD + 2 * (key.length + etag.length);
      if (size > opts.maxBytes) return { body, etag, meta };
      const old = entries.get(key);
      if (old) remove(old);
      const e: Entry<M> = { key, body, etag, meta, tags: [...tags], storedAt: now(), bytes: size };
      entries.set(key, e);
      bytes += size;
      for (const t of e.tags) {
        let keys = byTag.get(t);
        if (!keys) byTag.set(t, (keys = new Set()));
        keys.add(key);
      }
      s.stores += 1;
      for (const oldest of entries.values()) {
        if (bytes <= opts.maxBytes) break;
        remove(oldest);
        s.evictions += 1;
      }
      return e;
    },
    invalidate(tags) {
      seq += 1;
      for (const t of tags) {
        recent.delete(t);
        recent.set(t, seq);
        const keys = byTag.get(t);
        if (keys) {
          for (const k of [...keys]) {
            const e = entries.get(k);
            if (e) remove(e);
          }
        }
      }
      while (recent.size > RECENT_TAGS) {
        const [oldest, at] = recent.entries().next().value as [string, number];
        recent.delete(oldest);
        floor = Math.max(floor, at);
      }
    },
    clear,
    setActive(on) {
      // Both ways: what was stored before the channel dropped may have missed a notification.
      clear();
      active = on;
    },
    stats: () => ({ entries: entries.size, bytes, ...s, active }),
  };
}

// ─── The invalidation channel ────────────────────────────────────────────────────────────────────

export type CacheListener = {
  /** Connects (once; later calls do nothing). The caches turn active when LISTEN is in place. */
  start(): void;
  /** Resolves when LISTEN is in place (tests); rejects only if closed first. */
  ready(): Promise<void>;
  close(): Promise<void>;
};

export type CacheListenerOptions = {
  url: string;
  channel: string;
  caches: readonly ResponseCache<unknown>[];
  onError?: (err: unknown) => void;
  /** Called with every notification's tags after they were applied (tests wait on it). */
  onNotification?: (tags: readonly string[]) => void;
};

const RECONNECT_MIN_MS = 500;
const RECONNECT_MAX_MS = 30_000;

/**
 * One LISTEN connection per instance (outside the pool: a pooled connection would be handed to
 * queries). A payload is a space-separated list of tags, or `*` for everything.
 */
export function createCacheListener(o: CacheListenerOptions): CacheListener {
  if (!/^[a-z_][a-z0-9_]*$/.test(o.channel)) throw new Error(`bad channel name ${o.channel}`);
  let started = false;
  let closed = false;
  let client: pg.Client | null = null;
  let timer: NodeJS.Timeout | null = null;
  let delay = RECONNECT_MIN_MS;
  let waiters: { resolve: () => void; reject: (e: Error) => void }[] = [];
  let up = false;

  const setActive = (on: boolean) => {
    up = on;
    for (const c of o.caches) c.setActive(on);
    if (on) {
      for (const w of waiters) w.resolve();
      waiters = [];
    }
  };

  const apply = (payload: string) => {
    const tags = payload === '*' ? ['*'] : payload.split(' ').filter((t) => t.length > 0);
    for (const c of o.caches) {
      if (tags.includes('*')) c.clear();
      else c.invalidate(tags);
    }
    o.onNotification?.(tags);
  };

  const drop = (c: pg.Client, err?: unknown) => {
    if (client !== c) return; // already handled
    client = null;
    setActive(false);
    if (err !== undefined) o.onError?.(err);
    c.removeAllListeners('notification');
    c.end().catch(() => undefined);
    schedule();
  };

  const schedule = () => {
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = null;
      connect();
    }, delay);
    timer.unref();
    delay = Math.min(delay * 2, RECONNECT_MAX_MS);
  };

  const connect = () => {
    if (closed || client) return;
    const c = new pg.Client({
      connectionString: o.url,
      application_name: 'jiuye-cache-listener',
      // A silently dead peer must end the connection (and so disable the cache) eventually.
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    });
    client = c;
    c.on('error', (err) => drop(c, err));
    c.on('end', () => drop(c));
    c.on('notification', (m) => {
      if (m.channel === o.channel) apply(m.payload ?? '*');
    });
    c.connect()
      .then(() => c.query(`LISTEN ${o.channel}`))
      .then(() => {
        if (client !== c) return;
        delay = RECONNECT_MIN_MS;
        setActive(true);
      })
      .catch((err: unknown) => drop(c, err));
  };

  return {
    start() {
      if (started || closed) return;
      started = true;
      connect();
    },
    ready() {
      if (up) return Promise.resolve();
      if (closed) return Promise.reject(new Error('cache listener closed'));
      return new Promise((resolve, reject) => waiters.push({ resolve, reject }));
    },
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = null;
      for (const w of waiters) w.reject(new Error('cache listener closed'));
      waiters = [];
      const c = client;
      client = null;
      setActive(false);
      if (c) {
        c.removeAllListeners('notification');
        await c.end().catch(() => undefined);
      }
    },
  };
}
