/**
 * `npm run backup [-- --out file.dump]`: a consistent pg_dump (custom format) of the configured
 * database — DATABASE_URL, or the embedded one under JIUYE_DATA_DIR (the running cluster, or one
 * started for the job) — with `<file>.manifest.json` beside it (row counts, migrations, sha256).
 * Needs pg_dump of the server's major version (Debian: apt-get install postgresql-client-15).
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, loadConfig } from '../server/src/config.js';
import { BackupError, backupDatabase, openConfiguredDatabase } from '../server/src/db/backup.js';

function argValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i >= 0) return args[i + 1];
  return args.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log('Usage: npm run backup [-- --out FILE] [--url postgres://…]');
    return 0;
  }
  const config = loadConfig();
  const stamp = new Date()
    .toISOString()
    .replace(/[:.]/g, '-')
    .replace(/-\d+Z$/, 'Z');
  const out = path.resolve(argValue(args, '--out') ?? path.join('backups', `jiuye-${stamp}.dump`));
  await mkdir(path.dirname(out), { recursive: true, mode: 0o700 });
  const explicit = argValue(args, '--url');
  const target = explicit
    ? { url: explicit, close: async () => undefined }
    : await openConfiguredDatabase(config, (l) => console.log(l));
  try {
    const m = await backupDatabase({ url: target.url, out, log: (l) => console.log(l) });
    const rows = Object.values(m.tables).reduce((a, b) => a + b, 0);
    console.log(
      `Backup written: ${out} (${m.bytes} bytes, sha256 ${m.sha256.slice(0, 16)}…)\n` +
        `  ${Object.keys(m.tables).length} tables, ${rows} rows, ${m.migrations.length} migrations; manifest ${out}.manifest.json\n` +
        `  Back up the key file ($JIUYE_DATA_DIR/keys.json or JIUYE_ENCRYPTION_KEY/JIUYE_HMAC_KEY) separately.`,
    );
    return 0;
  } finally {
    await target.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof BackupError || err instanceof ConfigError ? err.message : err);
    process.exit(1);
  },
);
