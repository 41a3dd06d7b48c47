import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { testApp, testConfig } from './app.js';
import { testDb } from './db.js';
import { systemClock } from '../src/platform/context.js';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';

let app: FastifyInstance | null = null;
afterEach(async () => {
  await app?.close().catch(() => undefined);
  app = null;
});

async function unreadyApp() {
  return buildApp({
    config: testConfig(),
    db: await testDb(),
    keys: { encryption: randomBytes(32), hmac: randomBytes(32) },
    clock: systemClock,
  });
}

describe('route guard', () => {
  it('refuses to boot when an /api route declares no access', async () => {
    app = await unreadyApp();
    await expect(
      app.register(async (child) => {
        child.get('/api/v1/forgotten', { schema: { operationId: 'forgotten', summary: 'x' } }, () => ({
          ok: true,
        }));
      }),
    ).rejects.toThrow(/declares no valid access/);
  });

  it('refuses an unknown access value', async () => {
    app = await unreadyApp();
    await expect(
      app.register(async (child) => {
        child.get(
          '/api/v1/typo',
          {
            config: { access: 'admin:everything' as unknown as 'public' },
            schema: { operationId: 'typo', summary: 'x' },
          },
          () => ({}),
        );
      }),
    ).rejects.toThrow(/declares no valid access/);
  });

  it('refuses a route without operationId or summary', async () => {
    app = await unreadyApp();
    await expect(
      app.register(async (child) => {
        child.get('/api/v1/undocumented', { config: { access: 'public' } }, () => ({}));
      }),
    ).rejects.toThrow(/operationId/);
  });

  it('boots with declared routes and lists them in the route table', async () => {
    const t = await testApp();
    try {
      expect(t.app.routeTable.length).toBeGreaterThan(10);
      expect(t.app.routeTable.every((r) => r.access)).toBe(true);
    } finally {
      await t.close();
    }
  });
});
