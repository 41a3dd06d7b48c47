#!/usr/bin/env node
// `npm test`: everything needed to trust a change, in order, stopping at the first failure:
// type check → lint → format → unit + server tests (real PostgreSQL) → crash test → web build →
// browser journeys.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';
const e2eRequired = process.env.E2E === 'required';
const e2eOff = process.env.E2E === 'off';

function run(label, cmd, args) {
  const started = Date.now();
  console.log(`\n▶ ${label}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (r.status !== 0) {
    console.error(`\n✖ ${label} failed after ${secs}s`);
    process.exit(r.status ?? 1);
  }
  console.log(`✔ ${label} (${secs}s)`);
}

run('type check', 'npm', ['run', '--silent', 'typecheck']);
run('lint', 'npx', ['eslint', '--max-warnings=0', '.']);
run('format', 'npx', ['prettier', '--check', '.']);
run('unit and server tests', 'npx', ['vitest', 'run', '--project', 'unit', '--project', 'server']);
run('crash test (SIGKILL during writes, restart, invariants)', 'npx', ['tsx', 'scripts/crash-test.ts']);

if (e2eOff && !e2eRequired) {
  console.warn('\n!!! E2E=off: browser journeys NOT run !!!');
} else if (!existsSync(CHROMIUM)) {
  const msg = `Chromium not found at ${CHROMIUM}: the browser journeys and accessibility scans were SKIPPED. Install it with: apt-get install chromium fonts-wqy-microhei`;
  if (e2eRequired) {
    console.error(`\n✖ E2E=required but ${msg}`);
    process.exit(1);
  }
  console.warn(`\n${'!'.repeat(100)}\n!!! ${msg}\n${'!'.repeat(100)}`);
} else {
  run('web build', 'npm', ['run', '--silent', 'build', '-w', 'web']);
  run('browser journeys + axe', 'npx', ['vitest', 'run', '--project', 'e2e']);
}
console.log('\nAll checks passed.');
