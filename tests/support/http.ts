import { randomBytes } from 'node:crypto';
import { installContext } from '@/lib/context';
import { HttpHsmCluster } from '@/lib/hsm/http';
import { startEmulatorServer, type EmulatorServer } from '@/lib/hsm/server/http';
import type { FaultRule } from '@/lib/hsm/server/faults';
import { testContext } from './context';

/**
 * The console over the network: the standalone emulator's server started in this process on an
 * ephemeral loopback port, in test mode, and the console's context switched to the http backend
 * pointing at it. The emulator keeps its tables in schema `hsm` of the test's engine (as the
 * embedded one does), so factories provision through `ctx.emulator`; the console itself reaches the
 * cluster only over HTTP.
 */
export type HttpTestContext = Awaited<ReturnType<typeof httpTestContext>>;

export async function httpTestContext(options: { timeoutMs?: number; readAttempts?: number } = {}) {
  const base = await testContext();
  const token = randomBytes(24).toString('hex');
  let server = await startEmulatorServer({ emulator: base.emulator, token, testMode: true, log: () => undefined });
  const port = server.port;
  const cluster = (timeoutMs: number) => new HttpHsmCluster({ url: server.url, token, timeoutMs, readAttempts: options.readAttempts ?? 3, backoffMs: 20 });
  const http = cluster(options.timeoutMs ?? 5_000);
  const ctx = { db: base.db, hsm: http, emulator: base.emulator, token };
  installContext(ctx);

  async function control(method: 'POST' | 'DELETE' | 'GET', body?: unknown) {
    const response = await fetch(`${server.url}/__faults`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`/__faults answered ${response.status}: ${await response.text()}`);
    return response.json() as Promise<unknown>;
  }

  return {
    ...ctx,
    http,
    get server(): EmulatorServer {
      return server;
    },
    /** Runs `fn` with the console on a backend whose requests time out after `timeoutMs` (then back). */
    withTimeout: async <T>(timeoutMs: number, fn: () => Promise<T>): Promise<T> => {
      installContext({ ...ctx, hsm: cluster(timeoutMs) });
      try {
        return await fn();
      } finally {
        installContext(ctx);
      }
    },
    /** Adds a fault rule through the server's own control endpoint. */
    fault: (rule: FaultRule) => control('POST', rule),
    clearFaults: () => control('DELETE'),
    /** How many requests matching `METHOD path-fragment` the server saw since the last clear. */
    seen: (method: string, fragment: string) =>
      server.faults?.requests.filter((r) => r.startsWith(`${method} `) && r.includes(fragment)).length ?? 0,
    /** The cluster goes away (connections refused) ... */
    stop: () => server.close(),
    /** ... and comes back on the same port, with the same state. */
    restart: async () => {
      server = await startEmulatorServer({ emulator: base.emulator, token, testMode: true, port, log: () => undefined });
    },
    close: async () => {
      await server.close();
      await base.db.close();
    },
  };
}
