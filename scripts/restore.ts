/**
 * `npm run restore -- FILE [--database NAME | --url postgres://…]`: restores a dump made by
 * `npm run backup` (pg_restore --clean --if-exists, one transaction) into the configured database
 * (DATABASE_URL or the embedded one), or into another database of the same server (created if
 * missing), then checks the row counts against the dump's manifest and the migrations against the
 * code. Stop Jiuye before restoring over the database it is using.
 * Needs pg_restore of the server's major version (Debian: apt-get install postgresql-client-15).
 */
import { ConfigError, loadConfig } from '../server/src/config.js';
import { BackupError, openConfiguredDatabase, restoreDatabase } from '../server/src/db/backup.js';

function argValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i >= 0) return args[i + 1];
  return args.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const withValue = new Set(['--database', '--url']);
  const file = args.find((a, i) => !a.startsWith('--') && !withValue.has(args[i - 1] ?? ''));
  if (!file || args.includes('--help')) {
    console.log('Usage: npm run restore -- FILE.dump [--database NAME | --url postgres://…]');
    return file ? 0 : 2;
  }
  const config = loadConfig();
  const explicit = argValue(args, '--url');
  const target = explicit
    ? { url: explicit, close: async () => undefined }
    : await openConfiguredDatabase(config, (l) => console.log(l));
  try {
    const url = new URL(target.url);
    const name = argValue(args, '--database');
    if (name) url.pathname = `/${encodeURIComponent(name)}`;
    const r = await restoreDatabase({ url: url.toString(), file, log: (l) => console.log(l) });
    const rows = Object.values(r.tables).reduce((a, b) => a + b, 0);
    console.log(
      `Restored ${file} into ${r.database}: ${Object.keys(r.tables).length} tables, ${rows} rows, ${r.migrations.length} migrations.`,
    );
    if (r.pendingMigrations.length > 0) {
      console.log(`  ${r.pendingMigrations.length} newer migration(s) will be applied at the next start.`);
    }
    if (r.unknownMigrations.length > 0) {
      console.error(
        `  The dump has migrations this version does not know: ${r.unknownMigrations.join(', ')}`,
      );
      return 1;
    }
    if (r.mismatches.length > 0) {
      console.error(`  Differs from the manifest: ${r.mismatches.join(', ')}`);
      return 1;
    }
    console.log(r.manifestChecked ? '  Row counts match the manifest.' : '  (no manifest to compare)');
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
