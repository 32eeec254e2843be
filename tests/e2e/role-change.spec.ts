import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { AttackLog } from '../support/attack-log';
import { actionId, apiLogIn, postAction } from './http-attacks';

/**
 * A role change or removal takes effect on the user's very next request, over HTTP: the session
 * cookie stays the same, the store says otherwise; and logout ends the session for good. The console
 * runs in a child process that also takes SQL from this test (console-with-store.mjs), so the test
 * changes the store between requests as an operator would.
 */
const PORT = Number(process.env.E2E_PORT ?? 3100) + 10;
const PARTITION = 'acme-codesign';
let child: ChildProcess;
let baseURL = '';
let nextId = 0;
const log = new AttackLog('role-change-http', 'http');

function sql(text: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
  const id = ++nextId;
  return new Promise((resolve, reject) => {
    const onMessage = (message: { id?: number; rows?: Record<string, unknown>[]; error?: string }) => {
      if (message.id !== id) return;
      child.off('message', onMessage);
      if (message.error) reject(new Error(message.error));
      else resolve(message.rows ?? []);
    };
    child.on('message', onMessage);
    child.send({ id, sql: text, params });
  });
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  child = fork(path.resolve(import.meta.dirname, 'console-with-store.mjs'), [String(PORT)], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  baseURL = await new Promise<string>((resolve, reject) => {
    child.once('message', (message: { ready?: string }) => (message.ready ? resolve(message.ready) : reject(new Error('not ready'))));
    child.once('exit', (code) => reject(new Error(`the console exited (${code})`)));
  });
});
test.afterAll(() => {
  log.write();
  child?.disconnect();
});

async function version(): Promise<number> {
  const [row] = await sql('SELECT version FROM hsm.partitions WHERE id = $1', [PARTITION]);
  return Number(row?.version);
}

test('demotion, a move to another tenant and disabling take effect on the next request; logout ends the session', async ({ playwright }) => {
  const request = await playwright.request.newContext({ baseURL });
  expect((await apiLogIn(request, 'so@acme.example')).status()).toBe(302);
  const change = actionId('lib/actions/change-policy.ts', 'changePolicyAction');
  const form = async () => {
    const [row] = await sql('SELECT version, key_export FROM hsm.partitions WHERE id = $1', [PARTITION]);
    // Flip Key Export, with the confirmation that allowing it needs.
    return {
      partitionId: PARTITION,
      expectedVersion: String(row?.version),
      idempotencyKey: crypto.randomUUID(),
      keyExport: String(!row?.key_export),
      confirm: 'exfiltration',
      reason: 'role-change e2e',
    };
  };
  const setUser = (set: string) => sql(`UPDATE users SET ${set} WHERE email = 'so@acme.example'`);

  expect((await request.get('/security-log')).status()).toBe(200);
  // Demoted to viewer: the same cookie is refused at once, by the action and by the page.
  await setUser("role = 'viewer'");
  const start = await version();
  expect((await postAction(request, `/partitions/${PARTITION}`, change, await form())).body).toContain('Your role does not allow this.');
  expect((await request.get('/security-log')).status()).toBe(404);
  expect((await request.get(`/api/partitions/${PARTITION}`)).status()).toBe(200);

  // Moved to another tenant: the partition no longer exists for them.
  await setUser("role = 'security_officer', tenant_id = 'globex'");
  expect((await request.get(`/api/partitions/${PARTITION}`)).status()).toBe(404);
  expect((await postAction(request, `/partitions/${PARTITION}`, change, await form())).body).toContain('No such partition.');

  // Disabled: signed out everywhere.
  await setUser("tenant_id = 'acme', disabled = true");
  expect((await request.get(`/api/partitions/${PARTITION}`)).status()).toBe(401);
  expect((await postAction(request, `/partitions/${PARTITION}`, change, await form())).body).toContain('Your session has ended. Sign in again.');
  expect(await version()).toBe(start);

  // Restored: the same cookie works again (nothing was cached), and the change goes through.
  await setUser('disabled = false');
  expect((await postAction(request, `/partitions/${PARTITION}`, change, await form())).body).toContain('"ok":true');
  expect(await version()).toBe(start + 1);

  // Logout ends the store session: the old cookie, replayed, opens nothing.
  const stolen = await request.storageState();
  await postAction(request, '/partitions', actionId('lib/actions/log-out.ts', 'logOutAction'), null);
  const replay = await playwright.request.newContext({ baseURL, storageState: stolen });
  expect((await replay.get(`/api/partitions/${PARTITION}`)).status()).toBe(401);
  for (const c of [request, replay]) await c.dispose();
  log.count(
    'HTTP: role change, removal and logout',
    'the same session cookie after demotion, a move to another tenant, disabling, re-enabling; a replayed cookie after logout',
    'each takes effect on the very next request; nothing reached the HSM meanwhile',
    5,
  );
});
