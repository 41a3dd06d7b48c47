import type { AddressInfo } from 'node:net';
import { createUser, type TestUser } from './factories.js';
import { testApp, type TestClock } from './app.js';
import type { Db } from '../src/db/database.js';

/**
 * For the browser journeys: the real app (API + built web app from web/dist) listening on a free
 * port over the worker's test database, with a fresh admin account.
 */
export async function startTestServer(opts: { env?: Record<string, string> } = {}): Promise<{
  url: string;
  admin: TestUser;
  adminPhone: string;
  adminPassword: string;
  /** The server's clock: journeys move it forward (notice periods, deadlines) instead of waiting. */
  clock: TestClock;
  /** The worker's test database, for set-up a journey does not click through. */
  db: Db;
  close(): Promise<void>;
}> {
  const t = await testApp(opts.env ?? {});
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const port = (t.app.server.address() as AddressInfo).port;
  const admin = await createUser(t.db, { role: 'admin', displayName: '测试管理员' });
  return {
    url: `http://127.0.0.1:${port}`,
    admin,
    adminPhone: admin.phone,
    adminPassword: admin.password,
    clock: t.clock,
    db: t.db,
    close: () => t.close(),
  };
}
