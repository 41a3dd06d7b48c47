import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { withDatabase } from '../test/db.js';
import { ensureDatabase } from './db/embedded.js';

const adminUrl = inject('dbAdminUrl');
const template = inject('dbTemplate');

/** Starts `tsx server/src/main.ts` on a free port; resolves with its URL once it listens. */
async function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 60_000);
    const onData = (c: Buffer) => {
      out += c.toString();
      const m = /running at http:\/\/[^:]+:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited (${code}) before listening:\n${out}`)));
  });
  return { child, port };
}

function connect(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const s = net.connect({ host: '127.0.0.1', port }, () => resolve(s));
    s.on('error', reject);
  });
}

describe('graceful shutdown', () => {
  let dataDir: string | null = null;
  afterAll(async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('SIGTERM: an in-flight request completes, new connections are refused, exit 0', async () => {
    const db = `${template}_shutdown`;
    await ensureDatabase(adminUrl, db, template).catch(async () => {
      await new Promise((r) => setTimeout(r, 500));
      await ensureDatabase(adminUrl, db, template);
    });
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'jiuye-shutdown-'));
    const { child, port } = await startServer({
      DATABASE_URL: withDatabase(adminUrl, db),
      JIUYE_DATA_DIR: dataDir,
      JIUYE_DEMO_DATA: 'false',
      HOST: '127.0.0.1',
      PORT: '0',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

    // A request in flight: headers sent, half of the body still to come.
    const body = JSON.stringify({ phone: '19900000000', password: 'not-the-password' });
    const sock = await connect(port);
    let response = '';
    sock.on('data', (c: Buffer) => (response += c.toString()));
    const ended = new Promise<void>((resolve) => sock.on('close', () => resolve()));
    sock.write(
      `POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, 10)}`,
    );
    await new Promise((r) => setTimeout(r, 300));

    child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    await expect(connect(port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(child.exitCode).toBeNull();

    sock.write(body.slice(10));
    await ended;
    expect(response).toMatch(/^HTTP\/1\.1 401 /);
    expect(await exited).toBe(0);
  }, 90_000);
});
