import pg from 'pg';
import { createDb } from '../../server/src/db/database.js';
import { ensureDatabase } from '../../server/src/db/embedded.js';
import { migrateToLatest } from '../../server/src/db/migrate.js';
import { withDatabase } from './database.js';

/**
 * A data set takes long to generate, and migrations still change while a feature is being built
 * (an index added to an unmerged migration is not re-run where that migration was applied). So a
 * reused bench database is compared with an empty database migrated from today's code:
 *  - tables or columns differ → the data set must be regenerated;
 *  - extensions or indexes differ → the missing ones are created and the stale ones dropped, so the
 *    measurements see exactly the indexes the app would have.
 */
export type SchemaSync = { regenerate: string[]; created: string[]; dropped: string[] };

type Shape = {
  columns: Set<string>;
  indexes: Map<string, string>;
  extensions: Set<string>;
  /** Functions of the schema (not of extensions), by signature → CREATE OR REPLACE statement. */
  functions: Map<string, string>;
  triggers: Map<string, string>;
};

async function shapeOf(url: string): Promise<Shape> {
  const c = new pg.Client({ connectionString: url, application_name: 'jiuye-bench-schema' });
  await c.connect();
  try {
    const cols = await c.query<{ t: string; c: string; ty: string; nn: boolean }>(
      `SELECT table_name AS t, column_name AS c, data_type AS ty, is_nullable = 'NO' AS nn
         FROM information_schema.columns WHERE table_schema = 'public'`,
    );
    const idx = await c.query<{ name: string; def: string }>(
      `SELECT indexname AS name, indexdef AS def FROM pg_indexes WHERE schemaname = 'public'`,
    );
    const ext = await c.query<{ name: string }>('SELECT extname AS name FROM pg_extension');
    const fns = await c.query<{ sig: string; def: string }>(
      `SELECT p.oid::regprocedure::text AS sig, pg_get_functiondef(p.oid) AS def
         FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = 'public' AND p.prokind = 'f'
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')`,
    );
    const trg = await c.query<{ name: string; def: string }>(
      `SELECT t.tgrelid::regclass::text || '.' || t.tgname AS name, pg_get_triggerdef(t.oid) AS def
         FROM pg_trigger t WHERE NOT t.tgisinternal`,
    );
    return {
      columns: new Set(cols.rows.map((r) => `${r.t}.${r.c} ${r.ty}${r.nn ? ' not null' : ''}`)),
      indexes: new Map(idx.rows.map((r) => [r.name, r.def])),
      extensions: new Set(ext.rows.map((r) => r.name)),
      functions: new Map(fns.rows.map((r) => [r.sig, r.def])),
      triggers: new Map(trg.rows.map((r) => [r.name, r.def])),
    };
  } finally {
    await c.end();
  }
}

export async function syncSchema(
  adminUrl: string,
  benchUrl: string,
  log: (line: string) => void,
): Promise<SchemaSync> {
  const refName = 'jiuye_bench_schema_reference';
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${refName} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
  await ensureDatabase(adminUrl, refName);
  const refUrl = withDatabase(adminUrl, refName);
  const db = createDb(refUrl, 1);
  try {
    await migrateToLatest(db);
  } finally {
    await db.destroy();
  }
  const want = await shapeOf(refUrl);
  const have = await shapeOf(benchUrl);
  const regenerate = [
    ...[...want.columns].filter((c) => !have.columns.has(c)).map((c) => `missing column ${c}`),
    ...[...have.columns].filter((c) => !want.columns.has(c)).map((c) => `extra column ${c}`),
  ];
  const out: SchemaSync = { regenerate, created: [], dropped: [] };
  if (regenerate.length > 0) return out;

  const c = new pg.Client({ connectionString: benchUrl, application_name: 'jiuye-bench-schema' });
  await c.connect();
  try {
    await c.query("SET maintenance_work_mem = '512MB'");
    for (const e of want.extensions) {
      if (!have.extensions.has(e)) await c.query(`CREATE EXTENSION IF NOT EXISTS ${c.escapeIdentifier(e)}`);
    }
    // Functions before the indexes and triggers that call them; an index over a changed function
    // is rebuilt below (its definition names the function).
    const changedFunctions: string[] = [];
    for (const [sig, def] of want.functions) {
      if (have.functions.get(sig) === def) continue;
      log(`  creating function ${sig} (added or changed in the migrations)`);
      await c.query(def);
      out.created.push(sig);
      changedFunctions.push(sig.slice(0, sig.indexOf('(')));
    }
    for (const [name, def] of have.indexes) {
      if (changedFunctions.some((f) => def.includes(`${f}(`))) have.indexes.set(name, `${def} -- stale`);
    }
    const isUnique = (def: string) => def.startsWith('CREATE UNIQUE INDEX');
    for (const [name, def] of want.indexes) {
      const had = have.indexes.get(name);
      if (had !== undefined && had !== def && isUnique(had))
        out.regenerate.push(`unique index ${name} changed`);
    }
    if (out.regenerate.length > 0) return out;
    for (const [name, def] of have.indexes) {
      if (want.indexes.get(name) === def || isUnique(def)) continue;
      log(`  dropping index ${name} (changed or gone in the migrations)`);
      await c.query(`DROP INDEX ${c.escapeIdentifier(name)}`);
      out.dropped.push(name);
    }
    for (const [name, def] of want.indexes) {
      if (have.indexes.get(name) === def) continue;
      log(`  creating index ${name} (added or changed in the migrations) …`);
      await c.query(def);
      out.created.push(name);
    }
    for (const [name, def] of want.triggers) {
      const had = have.triggers.get(name);
      if (had === def) continue;
      const [table, trigger] = [name.slice(0, name.lastIndexOf('.')), name.slice(name.lastIndexOf('.') + 1)];
      if (had !== undefined) await c.query(`DROP TRIGGER ${c.escapeIdentifier(trigger)} ON ${table}`);
      log(`  creating trigger ${name} (added or changed in the migrations)`);
      await c.query(def);
      out.created.push(`trigger ${name}`);
    }
    if (out.created.length > 0) await c.query('ANALYZE');
  } finally {
    await c.end();
  }
  return out;
}
