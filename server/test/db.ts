import { createDb, type Db } from '../src/db/database.js';
import { refreshCodeChecker } from '../src/modules/reference/index.js';

let url: string | null = null;
let db: Db | null = null;

export function setWorkerDatabaseUrl(u: string): void {
  url = u;
}

export function workerDatabaseUrl(): string {
  if (!url) throw new Error('No test database: is this test in the server or e2e vitest project?');
  return url;
}

/** The worker's database (one pool per test file), with reference codes registered for validation. */
export async function testDb(): Promise<Db> {
  if (!db) {
    db = createDb(workerDatabaseUrl(), 5);
    await refreshCodeChecker(db);
  }
  return db;
}

export async function closeTestDb(): Promise<void> {
  await db?.destroy();
  db = null;
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
