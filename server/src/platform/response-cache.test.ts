import { describe, expect, it } from 'vitest';
import { createResponseCache, etagMatches } from './response-cache.js';

function cache(maxBytes = 1_000_000, maxAgeMs = 60_000) {
  let t = 0;
  const c = createResponseCache<{ n: number }>({ maxBytes, maxAgeMs, now: () => t });
  c.setActive(true);
  return { c, advance: (ms: number) => (t += ms) };
}

describe('response cache', () => {
  it('serves what it stored, with a strong ETag over the bytes', () => {
    const { c } = cache();
    const e = c.set('k', c.ticket(), '{"a":1}', ['p:1'], { n: 1 });
    expect(e.etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    const hit = c.get('k');
    expect(hit?.body.toString()).toBe('{"a":1}');
    expect(hit?.etag).toBe(e.etag);
    expect(hit?.meta).toEqual({ n: 1 });
  });

  it('evicts by tag', () => {
    const { c } = cache();
    c.set('k1', c.ticket(), '1', ['p:1', 'e:9'], { n: 1 });
    c.set('k2', c.ticket(), '2', ['p:2', 'e:9'], { n: 2 });
    c.set('k3', c.ticket(), '3', ['p:3', 'e:8'], { n: 3 });
    c.invalidate(['p:1']);
    expect(c.get('k1')).toBeUndefined();
    expect(c.get('k2')).toBeDefined();
    c.invalidate(['e:9']);
    expect(c.get('k2')).toBeUndefined();
    expect(c.get('k3')).toBeDefined();
  });

  it('refuses to store a read that an invalidation of its tags overtook', () => {
    const { c } = cache();
    const ticket = c.ticket(); // the request starts reading…
    c.invalidate(['p:1']); // …the change commits and its notification arrives…
    c.set('k1', ticket, 'old', ['p:1'], { n: 1 }); // …the old row arrives.
    expect(c.get('k1')).toBeUndefined();
    expect(c.stats().refused).toBe(1);
    // Another posting's change does not block it.
    const t2 = c.ticket();
    c.invalidate(['p:2']);
    c.set('k1', t2, 'new', ['p:1'], { n: 1 });
    expect(c.get('k1')?.body.toString()).toBe('new');
    // Nor does one from before its read.
    c.invalidate(['p:3']);
    const t3 = c.ticket();
    c.set('k3', t3, 'x', ['p:3'], { n: 3 });
    expect(c.get('k3')).toBeDefined();
  });

  it('refuses a read older than a flush or than what it still remembers', () => {
    const { c } = cache();
    const ticket = c.ticket();
    c.clear();
    c.set('k', ticket, 'old', ['p:1'], { n: 1 });
    expect(c.get('k')).toBeUndefined();
    const t2 = c.ticket();
    for (let i = 0; i < 5000; i++) c.invalidate([`p:x${i}`]);
    c.set('k', t2, 'old', ['p:1'], { n: 1 });
    expect(c.get('k')).toBeUndefined();
  });

  it('stays within its byte budget, dropping the least recently used', () => {
    const body = 'x'.repeat(1000);
    const { c } = cache(10_000);
    for (let i = 0; i < 6; i++) c.set(`k${i}`, c.ticket(), body, [`p:${i}`], { n: i });
    c.get('k0'); // used: survives
    for (let i = 6; i < 20; i++) c.set(`k${i}`, c.ticket(), body, [`p:${i}`], { n: i });
    const s = c.stats();
    expect(s.bytes).toBeLessThanOrEqual(10_000);
    expect(s.entries).toBeGreaterThan(3);
    expect(c.get('k1')).toBeUndefined();
    expect(c.get('k19')).toBeDefined();
    // The tag index forgets evicted entries too.
    c.invalidate(['p:1']);
    expect(c.stats().bytes).toBe(s.bytes);
  });

  it('does not serve past the maximum age', () => {
    const { c, advance } = cache(1_000_000, 1000);
    c.set('k', c.ticket(), '1', ['p:1'], { n: 1 });
    advance(999);
    expect(c.get('k')).toBeDefined();
    advance(2);
    expect(c.get('k')).toBeUndefined();
  });

  it('serves and stores nothing while inactive, and forgets everything when it changes state', () => {
    const { c } = cache();
    c.set('k', c.ticket(), '1', ['p:1'], { n: 1 });
    c.setActive(false);
    expect(c.get('k')).toBeUndefined();
    const e = c.set('k', c.ticket(), '2', ['p:1'], { n: 1 });
    expect(e.body.toString()).toBe('2'); // still answers the bytes to send
    c.setActive(true);
    expect(c.get('k')).toBeUndefined();
    expect(c.stats().entries).toBe(0);
  });
});

describe('If-None-Match', () => {
  it('matches the ETag, a list containing it, its weak form and *', () => {
    expect(etagMatches('"a"', '"a"')).toBe(true);
    expect(etagMatches('"b", "a"', '"a"')).toBe(true);
    expect(etagMatches('W/"a"', '"a"')).toBe(true);
    expect(etagMatches('*', '"a"')).toBe(true);
    expect(etagMatches('"b"', '"a"')).toBe(false);
    expect(etagMatches(undefined, '"a"')).toBe(false);
    expect(etagMatches('a', '"a"')).toBe(false);
  });
});
