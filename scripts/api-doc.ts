/**
 * Regenerates the route table of docs/api.md from the app's own route table and OpenAPI document
 * (`npm run docs:api`). Builds the app without touching a database: nothing is queried at build time.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildApp } from '../server/src/app.js';
import { loadConfig } from '../server/src/config.js';
import { createDb } from '../server/src/db/database.js';
import { systemClock } from '../server/src/platform/context.js';

const root = path.resolve(import.meta.dirname, '..');
const config = loadConfig({
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  DATABASE_URL: 'postgres://docs@127.0.0.1:1/none',
  JIUYE_DATA_DIR: path.join(root, '.docs-tmp'),
  JIUYE_DEMO_DATA: 'false',
  JIUYE_WEB_DIST: path.join(root, 'web/dist'),
});
const db = createDb(config.DATABASE_URL ?? '', 1);
const app = await buildApp({
  config,
  db,
  keys: { encryption: randomBytes(32), hmac: randomBytes(32) },
  clock: systemClock,
});
await app.ready();
const spec = app.swagger() as { paths: Record<string, Record<string, { summary?: string }>> };
const lines = ['| method | path | operationId | access | summary |', '|---|---|---|---|---|'];
for (const r of app.routeTable) {
  if (!r.operationId) continue;
  const p = r.url.replace(/:(\w+)/g, '{$1}');
  const summary = spec.paths[p]?.[r.method.toLowerCase()]?.summary ?? '';
  lines.push(
    `| ${r.method} | \`${p}\` | ${r.operationId} | ${r.access} | ${summary.replace(/\|/g, '\\|')} |`,
  );
}
await app.close();
await db.destroy();

const file = path.join(root, 'docs/api.md');
const doc = readFileSync(file, 'utf8');
const head = doc.slice(0, doc.indexOf('| method | path |'));
writeFileSync(file, `${head}${lines.join('\n')}\n`);
console.log(`docs/api.md: ${lines.length - 2} routes`);
