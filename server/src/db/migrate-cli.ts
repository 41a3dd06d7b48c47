import path from 'node:path';
import { loadConfig } from '../config.js';
import { createDb } from './database.js';
import { startEmbeddedPostgres } from './embedded.js';
import { migrateToLatest } from './migrate.js';

/** `npm run db:migrate`: migrates DATABASE_URL, or the embedded database under JIUYE_DATA_DIR. */
const config = loadConfig();
const embedded = config.DATABASE_URL
  ? null
  : await startEmbeddedPostgres({ dir: path.join(config.dataDir, 'postgres'), database: 'jiuye' });
const db = createDb(config.DATABASE_URL ?? embedded!.url, 2);
try {
  const applied = await migrateToLatest(db);
  console.log(applied.length > 0 ? `Applied: ${applied.join(', ')}` : 'Up to date.');
} finally {
  await db.destroy();
  await embedded?.stop();
}
