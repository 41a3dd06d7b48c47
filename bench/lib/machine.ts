import { existsSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type Machine = {
  cpuModel: string;
  cores: number;
  memoryGb: number;
  node: string;
  os: string;
  postgres: string;
  postgresSettings: Record<string, string>;
};

export function machineInfo(postgres: string, postgresSettings: Record<string, string>): Machine {
  let cpuModel = os.cpus()[0]?.model ?? 'unknown';
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m?.[1]) cpuModel = m[1].trim();
  } catch {
    // not Linux: os.cpus() it is
  }
  return {
    cpuModel,
    cores: os.availableParallelism(),
    memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    postgres,
    postgresSettings,
  };
}

/** Busy and total CPU ticks of the whole machine (/proc/stat), or null off Linux. */
function machineTicks(): { busy: number; total: number } | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const f = line.trim().split(/\s+/).slice(1).map(Number);
    const idle = (f[3] ?? 0) + (f[4] ?? 0);
    const total = f.slice(0, 8).reduce((a, b) => a + b, 0);
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}

function processTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime, stime are fields 14 and 15 (1-based) → index 11, 12 after the comm field; cutime,
    // cstime (16, 17) add the children it has reaped: the postmaster's ended backends and
    // parallel workers, which no longer have a /proc entry of their own.
    return Number(f[11] ?? 0) + Number(f[12] ?? 0) + Number(f[13] ?? 0) + Number(f[14] ?? 0);
  } catch {
    return 0;
  }
}

function childrenOf(ppid: number): number[] {
  const out: number[] = [];
  try {
    for (const d of readdirSync('/proc')) {
      if (!/^\d+$/.test(d)) continue;
      try {
        const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        if (Number(f[1]) === ppid) out.push(Number(d));
      } catch {
        // the process ended meanwhile
      }
    }
  } catch {
    // no /proc
  }
  return out;
}

export type LoadSample = {
  seconds: number;
  /** Cores kept busy by the bench process and its PostgreSQL. */
  benchCores: number;
  /** Cores kept busy by everything else on the machine (other engineers' tests, …). */
  otherCores: number;
};

/**
 * Tells how much of the machine the benchmark had: CPU used by this process and its PostgreSQL
 * (the postmaster in `clusterDir` and its backends) against the whole machine's, between start()
 * and stop(). Backends and parallel workers that end inside a phase count through the
 * postmaster's reaped-children times.
 */
export class LoadMonitor {
  private readonly hz = 100;
  constructor(readonly clusterDir: string | null) {}

  private pgPids(): number[] {
    if (!this.clusterDir) return [];
    const pidFile = path.join(this.clusterDir, 'postmaster.pid');
    if (!existsSync(pidFile)) return [];
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    return Number.isFinite(pid) && pid > 0 ? [pid, ...childrenOf(pid)] : [];
  }

  private ours(): Map<number, number> {
    const m = new Map<number, number>();
    for (const pid of [process.pid, ...this.pgPids()]) m.set(pid, processTicks(pid));
    return m;
  }

  start(): () => LoadSample | null {
    const t0 = Date.now();
    const m0 = machineTicks();
    const p0 = this.ours();
    return () => {
      const m1 = machineTicks();
      if (!m0 || !m1) return null;
      const p1 = this.ours();
      let ours = 0;
      for (const [pid, t] of p1) ours += t - (p0.get(pid) ?? 0);
      const seconds = (Date.now() - t0) / 1000;
      const busy = m1.busy - m0.busy;
      const toCores = (ticks: number) => Math.max(0, Math.round((ticks / this.hz / seconds) * 100) / 100);
      return { seconds, benchCores: toCores(ours), otherCores: toCores(busy - ours) };
    };
  }
}

/** The 1-minute load average, for the report's header. */
export function loadAverage(): number {
  return Math.round((os.loadavg()[0] ?? 0) * 100) / 100;
}
