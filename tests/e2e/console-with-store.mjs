#!/usr/bin/env node
// The production build served by Next's own request handler (proxy, pages, actions, route handlers, as
// under `next start`), in a process that also answers SQL sent by its parent over IPC: a test can then
// change the store out of band (a role, a disabled user) between two HTTP requests, as `npm run users`
// would on a stopped console. The embedded engine in a throwaway folder, seeded with the demo data.
//   fork('tests/e2e/console-with-store.mjs', [port]) -> message {ready: url}; send {id, sql, params} -> {id, rows | error}
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import next from 'next';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const port = Number(process.argv[2] ?? 3110);
const dataDir = mkdtempSync(path.join(tmpdir(), 'console-with-store-'));
Object.assign(process.env, {
  DATA_DIR: dataDir,
  SEED_DEMO: 'true',
  AUTH_SECRET: 'console-with-store-secret-0123456789abcdef',
  AUTH_TRUST_HOST: 'true',
});
delete process.env.DATABASE_URL;
delete process.env.AUTH_URL;
delete process.env.HSM_BACKEND;

const app = next({ dev: false, dir: root, hostname: '127.0.0.1', port });
await app.prepare();
const handle = app.getRequestHandler();
const server = createServer((req, res) => void handle(req, res));
await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
// The console's context, as the server opened it (lib/context.ts keeps it on globalThis).
const ctx = await globalThis.__partitionConsole;

process.on('message', async (message) => {
  try {
    process.send({ id: message.id, rows: await ctx.db.query(message.sql, message.params ?? []) });
  } catch (error) {
    process.send({ id: message.id, error: error instanceof Error ? error.message : String(error) });
  }
});
process.on('disconnect', () => {
  server.close();
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
});
process.send({ ready: `http://127.0.0.1:${port}` });
