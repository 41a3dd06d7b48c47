import { inject } from 'vitest';
import { ensureDatabase } from '../src/db/embedded.js';
import { setWorkerDatabaseUrl, withDatabase } from './db.js';

const adminUrl = inject('dbAdminUrl');
const template = inject('dbTemplate');
const name = `${template}_w${process.env.VITEST_POOL_ID ?? '0'}`;

// Cloning a template fails while another session reads it; workers start together, so retry.
for (let attempt = 0; ; attempt++) {
  try {
    await ensureDatabase(adminUrl, name, template);
    break;
  } catch (err) {
    if (attempt >= 20 || !String(err).includes('being accessed by other users')) throw err;
    await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
  }
}
setWorkerDatabaseUrl(withDatabase(adminUrl, name));
