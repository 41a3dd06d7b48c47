#!/usr/bin/env node
// `npm run dev`: the API with reload (tsx watch) and the Vite dev server (proxying /api to it).
import { spawn } from 'node:child_process';

const children = [
  spawn('npx', ['tsx', 'watch', 'server/src/main.ts'], { stdio: 'inherit', env: process.env }),
  spawn('npm', ['run', 'dev', '-w', 'web'], { stdio: 'inherit', env: process.env }),
];
let exiting = false;
function stopAll(code) {
  if (exiting) return;
  exiting = true;
  for (const c of children) c.kill('SIGINT');
  setTimeout(() => process.exit(code), 3000).unref();
}
for (const c of children) c.on('exit', (code) => stopAll(code ?? 0));
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));
