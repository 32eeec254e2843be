/** Starts `next start` (own process group, loopback only), waits for its first 200, samples its memory. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export type RunningServer = {
  port: number;
  child: ChildProcess;
  /** Wall clock from spawning `next start` to the first 200 of `readyPath`. */
  coldStartMs: number;
  /** CPU time the server's processes had used by then (user + system). */
  coldStartCpuMs: number;
  /** Resident memory of the server's processes now (bytes). */
  rss: () => number;
  stop: () => Promise<void>;
};

/** Every process in the group (`next start` may fork its server). */
function groupPids(pgid: number): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces): state ppid pgrp …
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/** User + system CPU time of a process, in milliseconds (clock ticks of 10 ms). */
function cpuOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

function rssOf(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match?.[1] ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

export async function startNext(options: {
  cwd: string;
  env: NodeJS.ProcessEnv;
  logFile: string;
  readyPath?: string;
  timeoutMs?: number;
  /** Node flags for the server process (e.g. --cpu-prof, which NODE_OPTIONS does not allow). */
  execArgv?: readonly string[];
}): Promise<RunningServer> {
  const port = await freePort();
  const nextBin = path.join(options.cwd, 'node_modules/next/dist/bin/next');
  const log = createWriteStream(options.logFile);
  const started = performance.now();
  const child = spawn(process.execPath, [...(options.execArgv ?? []), nextBin, 'start', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: options.cwd,
    env: { ...options.env, PORT: String(port), NODE_ENV: 'production' },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });
  const readyPath = options.readyPath ?? '/api/health';
  const deadline = started + (options.timeoutMs ?? 120_000);
  let coldStartMs = Number.NaN;
  while (performance.now() < deadline) {
    if (exited) throw new Error(`next start exited early: see ${options.logFile}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}${readyPath}`, { signal: AbortSignal.timeout(5_000) });
      await response.arrayBuffer();
      if (response.status === 200) {
        coldStartMs = performance.now() - started;
        break;
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  if (Number.isNaN(coldStartMs)) throw new Error(`next start gave no 200 on ${readyPath}: see ${options.logFile}`);
  const pgid = child.pid as number;
  let pids = groupPids(pgid);
  const coldStartCpuMs = pids.reduce((sum, pid) => sum + cpuOf(pid), 0);
  return {
    port,
    child,
    coldStartMs,
    coldStartCpuMs,
    rss: () => {
      const total = pids.reduce((sum, pid) => sum + rssOf(pid), 0);
      if (total === 0) pids = groupPids(pgid);
      return total || pids.reduce((sum, pid) => sum + rssOf(pid), 0);
    },
    stop: async () => {
      if (exited) return;
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      try {
        process.kill(-pgid, 'SIGTERM');
      } catch {
        return;
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-pgid, 'SIGKILL');
        } catch {
          // already gone
        }
      }, 10_000);
      await gone;
      clearTimeout(timer);
      log.end();
    },
  };
}

/** Peak resident memory of a server while `work` runs, sampled every 25 ms. */
export async function withPeakRss<T>(server: RunningServer, work: () => Promise<T>): Promise<{ value: T; before: number; peak: number }> {
  const before = server.rss();
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, server.rss());
  }, 25);
  try {
    const value = await work();
    peak = Math.max(peak, server.rss());
    return { value, before, peak };
  } finally {
    clearInterval(timer);
  }
}
