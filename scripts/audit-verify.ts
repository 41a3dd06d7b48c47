/**
 * `npm run audit:verify`: walks the audit hash chain of DATABASE_URL (or the embedded database under
 * JIUYE_DATA_DIR, as `npm run db:migrate` does) and reports the first broken row. Exit code 0 when
 * the chain is intact, 1 on a break, 2 when the check could not run.
 */
import path from 'node:path';
import { loadConfig } from '../server/src/config.js';
import { createDb } from '../server/src/db/database.js';
import { startEmbeddedPostgres } from '../server/src/db/embedded.js';
import { verifyAuditChain } from '../server/src/platform/audit.js';

const config = loadConfig();
const embedded = config.DATABASE_URL
  ? null
  : await startEmbeddedPostgres({ dir: path.join(config.dataDir, 'postgres'), database: 'jiuye' });
const db = createDb(config.DATABASE_URL ?? embedded!.url, 2);
let code = 2;
try {
  const started = Date.now();
  const r = await verifyAuditChain(db);
  const took = `${Date.now() - started} ms`;
  if (r.ok) {
    console.log(
      `Audit chain intact: ${r.checked} rows, head seq ${r.head?.seq ?? 0} hash ${r.head?.hash ?? '-'}; ` +
        `${r.unsealed.count} row(s) committed since the sealing (${took}).`,
    );
    code = 0;
  } else {
    const b = r.firstBreak!;
    console.error(
      `Audit chain BROKEN after ${r.checked} intact rows: ${b.kind} at seq ${b.seq ?? '-'} (id ${b.id ?? '-'}): ${b.detail}`,
    );
    code = 1;
  }
} catch (err) {
  console.error('Audit verification could not run:', err);
} finally {
  await db.destroy();
  await embedded?.stop();
}
process.exit(code);
