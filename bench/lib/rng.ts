/**
 * Deterministic randomness for the data generator: mulberry32 (a 32-bit PRNG, fast and good enough
 * for synthetic data), seeded per stream so that, for example, the postings do not change when the
 * number of seekers does.
 */
export type Rng = {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** true with probability p. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Picks by weight: `weights[i]` is the relative weight of `items[i]`. */
  weighted<T>(items: readonly T[], weights: readonly number[]): T;
  /** `n` distinct items (fewer if the list is shorter), in random order. */
  sample<T>(items: readonly T[], n: number): T[];
  /** A random RFC 4122 version-4 UUID, reproducible from the seed. */
  uuid(): string;
};

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a over the seed and the stream name: independent streams from one seed. */
export function streamSeed(seed: number, stream: string): number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < stream.length; i++) {
    h ^= stream.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function createRng(seed: number, stream: string): Rng {
  const next = mulberry32(streamSeed(seed, stream));
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const cumulative = new WeakMap<readonly number[], number[]>();
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)] as T;
    },
    weighted: <T>(items: readonly T[], weights: readonly number[]): T => {
      let cum = cumulative.get(weights);
      if (!cum) {
        let s = 0;
        cum = weights.map((w) => (s += w));
        cumulative.set(weights, cum);
      }
      const total = cum[cum.length - 1] ?? 0;
      const r = next() * total;
      let lo = 0;
      let hi = cum.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((cum[mid] ?? 0) > r) hi = mid;
        else lo = mid + 1;
      }
      return items[lo] as T;
    },
    sample: <T>(items: readonly T[], n: number): T[] => {
      const copy = [...items];
      const out: T[] = [];
      while (out.length < n && copy.length > 0) {
        const i = Math.floor(next() * copy.length);
        out.push(copy[i] as T);
        copy[i] = copy[copy.length - 1] as T;
        copy.pop();
      }
      return out;
    },
    uuid: () => {
      const b: number[] = [];
      for (let i = 0; i < 4; i++) {
        const v = Math.floor(next() * 4294967296);
        b.push(v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255);
      }
      b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
      b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
      const h = b.map((x) => HEX[x] ?? '00');
      return `${h.slice(0, 4).join('')}-${h.slice(4, 6).join('')}-${h.slice(6, 8).join('')}-${h.slice(8, 10).join('')}-${h.slice(10, 16).join('')}`;
    },
  };
}
