import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openDatabase } from '@/lib/db/driver';
import { seedDemoCluster } from '@/lib/seed/demo-cluster';
import { HsmEmulator } from '../emulator';
import { startEmulatorServer, type EmulatorServer } from './http';

export type StandaloneOptions = {
  port: number;
  host: string;
  /** A folder (the embedded engine in `<data>/pglite`) or a `postgres://…` URL. */
  data: string;
  /** Default: `<data>/token`, made on first start. */
  token?: string;
  testMode: boolean;
  seedDemo: boolean;
  verbose: boolean;
};

/** Opens the emulator's own store, migrates it, seeds the demo cluster if asked, and serves it. */
export async function runStandalone(options: StandaloneOptions): Promise<{ server: EmulatorServer; token: string; stop: () => Promise<void> }> {
  const isUrl = /^postgres(ql)?:\/\//.test(options.data);
  const db = await openDatabase(isUrl ? options.data : path.resolve(options.data, 'pglite'));
  const emulator = await HsmEmulator.open(db);
  if (options.seedDemo && (await seedDemoCluster(db))) console.log('[hsm-emulator] seeded the demo cluster');
  const token = options.token ?? tokenFile(isUrl ? '.data/hsm-emulator' : options.data);
  const server = await startEmulatorServer({
    emulator,
    token,
    port: options.port,
    host: options.host,
    testMode: options.testMode,
    log: options.verbose ? (line) => console.log(`[hsm-emulator] ${line}`) : undefined,
  });
  return {
    server,
    token,
    stop: async () => {
      await server.close();
      await db.close();
    },
  };
}

/** A token kept beside the data, made once (like the console's auth-secret). */
function tokenFile(folder: string): string {
  const file = path.resolve(folder, 'token');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(folder, { recursive: true });
  const token = randomBytes(24).toString('hex');
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  console.log(`[hsm-emulator] made a bearer token in ${file}`);
  return token;
}
