import type { FastifyRequest } from 'fastify';
import type { Config } from '../config.js';

/**
 * Per-route request limits (issue 9), on top of login's per-address limit: past the limit a client
 * gets 429 problem+json with Retry-After (see the rate-limit plugin's error builder in app.ts).
 * A signed-in caller is counted per user (or API token), so one office behind one address is not
 * throttled as a whole; anonymous callers per address. Counters are per route (the plugin gives
 * every route its own store) and per process (in memory: with N instances behind a balancer a
 * client gets up to N× the limit). The numbers come from config (JIUYE_*_RATE_*), raised in tests
 * and benches.
 */
export const RATE_GROUPS = {
  /** Account creation: per address (nobody is signed in yet), per hour. */
  register: { window: 60 * 60_000, max: (c: Config) => c.JIUYE_REGISTER_RATE_PER_HOUR },
  /** Posting search, autocomplete and recommendations. */
  search: { window: 60_000, max: (c: Config) => c.JIUYE_SEARCH_RATE_PER_MINUTE },
  /** Booking a bus seat (each attempt locks a trip row). */
  booking: { window: 60_000, max: (c: Config) => c.JIUYE_BOOKING_RATE_PER_MINUTE },
  /** Excel/PDF exports built on request (payout batches, monthly report, bus manifest). */
  export: { window: 60_000, max: (c: Config) => c.JIUYE_EXPORT_RATE_PER_MINUTE },
} as const;
export type RateGroup = keyof typeof RATE_GROUPS;

/** Who is counted: the signed-in user or token, else the client address. */
export function rateKey(req: FastifyRequest): string {
  const actor = req.ctx?.actor;
  if (actor?.kind === 'user') return `user:${actor.userId}`;
  if (actor?.kind === 'token') return `token:${actor.tokenId}`;
  return `ip:${req.ip}`;
}

/** The `config.rateLimit` of a route in `group`. */
export function rateLimitOf(group: RateGroup) {
  const g = RATE_GROUPS[group];
  return {
    max: (req: FastifyRequest) => g.max(req.ctx.deps.config),
    timeWindow: g.window,
    keyGenerator: (req: FastifyRequest) => `${group}|${rateKey(req)}`,
  };
}
