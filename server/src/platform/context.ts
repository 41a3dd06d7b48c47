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
    }
  | { kind: 'token'; tokenId: string; name: string; permissions: ReadonlySet<Permission> };

export type Clock = { now(): Date };
export const systemClock: Clock = { now: () => new Date() };

/** What the platform hands every module at boot. */
export type AppDeps = {
  config: Config;
  db: Db;
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
