import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import type { AppDeps, Clock } from '../src/platform/context.js';
import type { Db } from '../src/db/database.js';
import { testDb, workerDatabaseUrl } from './db.js';
import { TEST_KEYS } from './factories.js';

/** A clock tests can move: sessions, throttling and deadlines are tested without sleeping. */
export class TestClock implements Clock {
  private offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

export type TestApp = {
  app: FastifyInstance;
  deps: AppDeps;
  db: Db;
  clock: TestClock;
  close(): Promise<void>;
};

export function testConfig(env: Record<string, string> = {}) {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: workerDatabaseUrl(),
    JIUYE_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'jiuye-test-')),
    // Tests log in many times from one address; the rate-limit test sets its own value.
    JIUYE_AUTH_RATE_PER_MINUTE: '100000',
    // Likewise the per-route limits (platform/rate-limits.ts); their tests set low values.
    JIUYE_REGISTER_RATE_PER_HOUR: '1000000',
    JIUYE_SEARCH_RATE_PER_MINUTE: '1000000',
    JIUYE_BOOKING_RATE_PER_MINUTE: '1000000',
    JIUYE_EXPORT_RATE_PER_MINUTE: '1000000',
    JIUYE_DEMO_DATA: 'false',
    JIUYE_WEB_DIST: path.resolve('web/dist'),
    ...env,
  });
}

/** The real app on the worker's real database; drive it with `app.inject`. */
export async function testApp(env: Record<string, string> = {}): Promise<TestApp> {
  const db = await testDb();
  const clock = new TestClock();
  const deps: AppDeps = {
    config: testConfig(env),
    db,
    readDb: db,
    // The factories seal TOTP secrets with the shared encryption key; the lookup key stays random
    // per app, so identity numbers registered by other test files in this database never collide.
    keys: { encryption: TEST_KEYS.encryption, hmac: randomBytes(32) },
    clock,
  };
  const app = await buildApp(deps);
  await app.ready();
  return { app, deps, db, clock, close: () => app.close() };
}
