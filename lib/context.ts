import path from 'node:path';
import { openDatabase, type Database } from './db/driver';
import { migrate } from './db/migrate';
import { CONSOLE_MIGRATIONS } from './db/schema';
import { env } from './env';
import { HsmEmulator } from './hsm/emulator';
import { HttpHsmCluster } from './hsm/http';
import type { HsmCluster } from './hsm/types';

/** What every service needs: the console's store and the HSM cluster adapter. */
export type AppContext = { db: Database; hsm: HsmCluster };

/** Which cluster the console talks to: the embedded emulator (default) or one over HTTP. */
export type HsmSettings = { backend: 'emulator' } | { backend: 'http'; url: string; token: string; timeoutMs?: number };

export type ContextOptions = {
  /** `postgres://…`, a data folder for the embedded engine, or `memory://`. */
  database: string;
  /** Seed the demo tenants, users and partitions when the store is empty. */
  seedDemo: boolean;
  /** Default: from the environment (HSM_BACKEND, HSM_URL, HSM_TOKEN, HSM_TIMEOUT_MS). */
  hsm?: HsmSettings;
};

/** How long a starting console waits for an http cluster before seeding the demo (then skips it). */
const SEED_WAIT_MS = 20_000;

export async function createContext(options: ContextOptions): Promise<AppContext> {
  const db = await openDatabase(options.database);
  await migrate(db, 'console_migrations', CONSOLE_MIGRATIONS);
  const settings = options.hsm ?? hsmSettingsFromEnv();
  // The in-process emulator keeps its state in schema `hsm` of the same engine (DOMAIN.md: it serves
  // one console instance; several instances share a cluster through the HTTP backend).
  let emulator: HsmEmulator | null = null;
  let hsm: HsmCluster;
  if (settings.backend === 'http') hsm = new HttpHsmCluster({ url: settings.url, token: settings.token, timeoutMs: settings.timeoutMs });
  else hsm = emulator = await HsmEmulator.open(db);
  const context: AppContext = { db, hsm };
  if (options.seedDemo) {
    const { needsDemoSeed, seedDemoIfEmpty } = await import('./seed/demo');
    // Over http the cluster seeds its own half (`npm run hsm-emulator -- --seed-demo`); the console's
    // half reads the cluster's log, so it waits for the cluster, and tries again at the next start.
    if (await needsDemoSeed(context)) {
      if (emulator || (await clusterAnswers(hsm, SEED_WAIT_MS))) await seedDemoIfEmpty(context, emulator);
      else console.warn(`[context] the HSM at ${settings.backend === 'http' ? settings.url : '?'} did not answer: demo data not seeded this time`);
    }
  }
  return context;
}

export function hsmSettingsFromEnv(): HsmSettings {
  const settings = env();
  if (settings.HSM_BACKEND === 'http' && settings.HSM_URL && settings.HSM_TOKEN) {
    return { backend: 'http', url: settings.HSM_URL, token: settings.HSM_TOKEN, timeoutMs: settings.HSM_TIMEOUT_MS };
  }
  return { backend: 'emulator' };
}

async function clusterAnswers(hsm: HsmCluster, waitMs: number): Promise<boolean> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      await hsm.admin.health();
      return true;
    } catch {
      if (Date.now() > deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

export function defaultDatabaseLocation(): string {
  const settings = env();
  return settings.DATABASE_URL ?? path.resolve(settings.DATA_DIR, 'pglite');
}

const holder = globalThis as typeof globalThis & { __partitionConsole?: Promise<AppContext> };

/** One store and one cluster adapter per process, even when Next.js loads this module more than once. */
export function getContext(): Promise<AppContext> {
  holder.__partitionConsole ??= createContext({
    database: defaultDatabaseLocation(),
    seedDemo: env().SEED_DEMO === 'true',
  }).catch((error: unknown) => {
    holder.__partitionConsole = undefined;
    throw error;
  });
  return holder.__partitionConsole;
}

/** Makes `context` the process's context: integration tests run the real actions against their own store. */
export function installContext(context: AppContext): void {
  holder.__partitionConsole = Promise.resolve(context);
}
