import path from 'node:path';
import { openDatabase, type Database } from './db/driver';
import { migrate } from './db/migrate';
import { CONSOLE_MIGRATIONS } from './db/schema';
import { env } from './env';
import { HsmEmulator } from './hsm/emulator';
import type { HsmCluster } from './hsm/types';

/** What every service needs: the console's store and the HSM cluster adapter. */
export type AppContext = { db: Database; hsm: HsmCluster };

export type ContextOptions = {
  /** `postgres://…`, a data folder for the embedded engine, or `memory://`. */
  database: string;
  /** Seed the demo tenants, users and partitions when the store is empty. */
  seedDemo: boolean;
};

export async function createContext(options: ContextOptions): Promise<AppContext> {
  const db = await openDatabase(options.database);
  await migrate(db, 'console_migrations', CONSOLE_MIGRATIONS);
  // The in-process emulator keeps its state in schema `hsm` of the same engine (DOMAIN.md: it serves
  // one console instance; several instances share a cluster through the HTTP backend).
  const hsm = await HsmEmulator.open(db);
  const context: AppContext = { db, hsm };
  if (options.seedDemo) {
    const { seedDemoIfEmpty } = await import('./seed/demo');
    await seedDemoIfEmpty(context, hsm);
  }
  return context;
}

export function defaultDatabaseLocation(): string {
  const settings = env();
  return settings.DATABASE_URL ?? path.resolve(settings.DATA_DIR, 'pglite');
}

const holder = globalThis as typeof globalThis & { __partitionConsole?: Promise<AppContext> };

/** One store and one emulator per process, even when Next.js loads this module more than once. */
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
