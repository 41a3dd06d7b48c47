import { Worker } from 'node:worker_threads';
import type { CapturedStatement, FromWorker, ToWorker, WorkerInit } from './app-worker.js';

/** The main thread's side of app-worker.ts: start it, capture SQL, profile, stop. */
export class AppWorker {
  private waiting: ((m: FromWorker) => void)[] = [];
  appUrl = '';
  bareUrl = '';
  bootMs = 0;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (m: FromWorker) => {
      const w = this.waiting.shift();
      if (w) w(m);
    });
  }

  static async start(init: WorkerInit): Promise<AppWorker> {
    const entry = new URL('./app-worker.ts', import.meta.url).href;
    // tsx's loader is registered inside the worker: a worker does not inherit it for its entry file.
    const worker = new Worker(
      `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`,
      { eval: true, workerData: init, execArgv: [] },
    );
    const w = new AppWorker(worker);
    let failedWith: ((e: Error) => void) | null = null;
    worker.on('error', (e) => {
      if (failedWith) failedWith(e);
      else console.error(`app worker error: ${e.stack ?? e.message}`);
    });
    const errored = new Promise<never>((_, reject) => {
      failedWith = reject;
    });
    const ready = await Promise.race([w.next(), errored]);
    failedWith = null;
    if (ready.type === 'error') throw new Error(`the app did not start: ${ready.message}`);
    if (ready.type !== 'ready') throw new Error(`unexpected message ${ready.type}`);
    w.appUrl = `http://127.0.0.1:${ready.appPort}`;
    w.bareUrl = `http://127.0.0.1:${ready.barePort}`;
    w.bootMs = ready.bootMs;
    return w;
  }

  private next(): Promise<FromWorker> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private send(m: ToWorker): void {
    this.worker.postMessage(m);
  }

  /** The SQL the app ran while `fn` ran (one request at a time). */
  async capture<T>(fn: () => Promise<T>): Promise<{ result: T; statements: CapturedStatement[] }> {
    this.send({ type: 'capture', on: true });
    let result: T;
    try {
      result = await fn();
    } finally {
      this.send({ type: 'capture', on: false });
    }
    const m = await this.next();
    if (m.type !== 'captured') throw new Error(`unexpected message ${m.type}`);
    return { result, statements: m.statements };
  }

  /** A CPU profile of the app's thread while `fn` runs. */
  async profile(fn: () => Promise<unknown>): Promise<Extract<FromWorker, { type: 'profiled' }>> {
    this.send({ type: 'profile', on: true });
    const started = await this.next();
    if (started.type !== 'profiling') throw new Error(`unexpected message ${started.type}`);
    try {
      await fn();
    } finally {
      this.send({ type: 'profile', on: false });
    }
    const m = await this.next();
    if (m.type !== 'profiled') throw new Error(`unexpected message ${m.type}`);
    return m;
  }

  async stop(): Promise<void> {
    this.send({ type: 'stop' });
    await Promise.race([this.next(), new Promise((r) => setTimeout(r, 15_000))]);
    await this.worker.terminate();
  }
}
