import type { Locale, Permission, Role } from '@jiuye/shared';
import type { Db } from '../db/database.js';
import type { Config } from '../config.js';
import type { Keys } from './crypto.js';

export type Actor =
  | { kind: 'anonymous' }
  | {
      kind: 'user';
      userId: string;
      role: Role;
      districtCodes: string[];
      sessionId: string;
      mustChangePassword: boolean;
      permissions: ReadonlySet<Permission>;
      /** Issue 9: set while the session's second factor is due (enrol first, or enter a code). */
      mfaPending?: 'enrol' | 'required';
      /** Issue 9: when this session last proved the user's credentials (sign-in or re-authentication). */
      reauthAt?: Date | null;
    }
  | { kind: 'token'; tokenId: string; name: string; permissions: ReadonlySet<Permission> };

export type Clock = { now(): Date };
export const systemClock: Clock = { now: () => new Date() };

/** What the platform hands every module at boot. */
export type AppDeps = {
  config: Config;
  db: Db;
  /**
   * Issue 10: a pool on a streaming replica (DATABASE_READ_URL) for search and statistics; unset
   * means `db`. Never for writes or for reading what the same request or user has just written.
   */
  readDb?: Db;
  /**
   * Issue 10: the primary's connection string (the embedded server's when DATABASE_URL is unset),
   * for connections outside the pool such as the response cache's LISTEN (postings detail).
   * Unset falls back to config.DATABASE_URL; with neither, those caches stay off.
   */
  databaseUrl?: string;
  keys: Keys;
  clock: Clock;
};

/** Per request: who is calling, how to reach the database, for the audit trail and messages. */
export type RequestContext = {
  db: Db;
  actor: Actor;
  requestId: string;
  ip: string;
  userAgent: string | undefined;
  locale: Locale;
  now(): Date;
  deps: AppDeps;
};

export function actorRef(actor: Actor): string {
  switch (actor.kind) {
    case 'user':
      return `user:${actor.userId}`;
    case 'token':
      return `token:${actor.tokenId}`;
    case 'anonymous':
      return 'anonymous';
  }
}
