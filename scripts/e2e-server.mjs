#!/usr/bin/env node
// Serves the production build for the end-to-end tests (Playwright's `webServer` runs this).
//
// - Starts from an empty, throwaway data folder (.data/e2e, or E2E_DATA_DIR), so the app seeds its
//   demo data afresh on first start and no earlier run leaks into this one.
// - Runs `next start` on 127.0.0.1:3100 (E2E_PORT) in its own process group, and forwards
//   SIGTERM/SIGINT/SIGHUP to that whole group: `next start` may fork a child server.
// - Writes the group id to <data>/server.pgid so a caller can make sure it is gone afterwards.
//
// - E2E_HSM_BACKEND=http: first starts the standalone HSM emulator (scripts/hsm-emulator.ts) on
//   127.0.0.1:3102 (E2E_HSM_PORT) with its own store in <data>/hsm and the demo cluster seeded, and
//   points the console at it (HSM_BACKEND=http); its process group id goes to <data>/hsm.pgid.
//   Otherwise the console runs the embedded emulator.
//
// Needs `next build` to have run first.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const port = process.env.E2E_PORT ?? '3100';
const dataDir = path.resolve(root, process.env.E2E_DATA_DIR ?? '.data/e2e');
const oidcPort = process.env.E2E_OIDC_PORT ?? '3101';

rmSync(dataDir, { recursive: true, force: true });
mkdirSync(dataDir, { recursive: true });

const env = {
  ...process.env,
  DATA_DIR: dataDir,
  PORT: port,
  AUTH_TRUST_HOST: process.env.AUTH_TRUST_HOST ?? 'true',
  // Opens the emulator's client API over HTTP, so tests can act as a signing application.
  HSM_EMULATOR_CLIENT_TOKEN: 'e2e-client-token',
  // Single sign-on against a real OIDC issuer started below (scripts/dev-oidc-provider.mjs).
  OIDC_ISSUER: `http://127.0.0.1:${oidcPort}`,
  OIDC_CLIENT_ID: 'partition-console',
  OIDC_CLIENT_SECRET: 'dev-oidc-secret',
  OIDC_NAME: 'Test IdP',
  // The public URL: the OIDC redirect URI is built from it, identically on the way out and back.
  AUTH_URL: `http://localhost:${port}`,
};
// The embedded engine in DATA_DIR, never a server some other setting points at.
delete env.DATABASE_URL;
for (const name of ['HSM_BACKEND', 'HSM_URL', 'HSM_TOKEN']) delete env[name];

const require = createRequire(import.meta.url);

// The cluster as its own service: the console reaches it only over HTTP.
if (process.env.E2E_HSM_BACKEND === 'http') {
  const hsmPort = process.env.E2E_HSM_PORT ?? '3102';
  const hsmToken = 'e2e-hsm-bearer-token-0123456789';
  const hsm = spawn(
    process.execPath,
    ['--import', 'tsx', 'scripts/hsm-emulator.ts', '--port', hsmPort, '--data', path.join(dataDir, 'hsm'), '--token', hsmToken, '--seed-demo'],
    { cwd: root, env: { ...env, NODE_ENV: 'production' }, stdio: ['ignore', 'inherit', 'inherit'], detached: true },
  );
  writeFileSync(path.join(dataDir, 'hsm.pgid'), `${hsm.pid}\n`);
  process.on('exit', () => {
    try {
      process.kill(-hsm.pid, 'SIGKILL');
    } catch {
      // already gone
    }
    rmSync(path.join(dataDir, 'hsm.pgid'), { force: true });
  });
  Object.assign(env, { HSM_BACKEND: 'http', HSM_URL: `http://127.0.0.1:${hsmPort}`, HSM_TOKEN: hsmToken });
  const deadline = Date.now() + 60_000;
  for (;;) {
    const up = await fetch(`${env.HSM_URL}/v1/health`, { headers: { authorization: `Bearer ${hsmToken}` } }).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (hsm.exitCode !== null || Date.now() > deadline) {
      console.error('[e2e-server] the standalone HSM emulator did not start');
      process.exit(1);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  console.log(`[e2e-server] console -> standalone HSM emulator at ${env.HSM_URL}`);
}

// A user admitted by single sign-on: pre-provisioned by (issuer, subject), as DOMAIN.md requires.
// This also migrates and seeds the store before the server opens it.
const tsx = path.join(path.dirname(require.resolve('tsx/package.json')), 'dist', 'cli.mjs');
const provisioned = spawnSync(
  process.execPath,
  [tsx, 'scripts/users.ts', 'add', '--email', 'sso.officer@acme.example', '--name', 'Olga Single-Sign-On', '--role',
    'security_officer', '--tenant', 'acme', '--oidc-issuer', env.OIDC_ISSUER, '--oidc-subject', 'oidc-officer'],
  { cwd: root, env, stdio: 'inherit' },
);
if (provisioned.status !== 0) {
  console.error('[e2e-server] could not provision the SSO user');
  process.exit(1);
}

const idp = spawn(
  process.execPath,
  ['scripts/dev-oidc-provider.mjs', '--port', oidcPort, '--console', `http://localhost:${port}`],
  { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] },
);
process.on('exit', () => idp.kill('SIGKILL'));

const nextBin = require.resolve('next/dist/bin/next');
console.log(`[e2e-server] next start on http://127.0.0.1:${port} with DATA_DIR=${path.relative(root, dataDir)}`);
const child = spawn(process.execPath, [nextBin, 'start', '-p', port, '-H', '127.0.0.1'], {
  cwd: root,
  env,
  stdio: 'inherit',
  detached: true, // its own process group, so one signal reaches next and anything it forks
});
writeFileSync(path.join(dataDir, 'server.pgid'), `${child.pid}\n`);

let stopping = false;
function signalGroup(signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    signalGroup(signal);
    // If next does not stop in time, make sure it does.
    setTimeout(() => signalGroup('SIGKILL'), 5_000).unref();
  });
}

child.on('error', (error) => {
  console.error('[e2e-server] could not start next:', error);
  process.exit(1);
});

child.on('exit', (code, signal) => {
  signalGroup('SIGKILL'); // anything next forked that is still there
  rmSync(path.join(dataDir, 'server.pgid'), { force: true });
  if (!stopping) console.error(`[e2e-server] next exited (${signal ?? `code ${code}`})`);
  process.exit(stopping ? 0 : (code ?? 1));
});

// Last resort if this process dies from an uncaught error: take the server with it.
process.on('exit', () => signalGroup('SIGKILL'));
