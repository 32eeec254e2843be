import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isHsmError } from '@/lib/hsm/types';
import { checkHealth } from '@/lib/services/health';
import { makePartition, makeTenant } from '../support/context';
import { httpTestContext, type HttpTestContext } from '../support/http';
import { ReliabilityFragment } from '../support/reliability';

/**
 * The http backend's own behaviour: /api/health while the cluster is down and after, reads retried
 * with backoff, mutations never retried (a retry is the caller's, with the same key).
 */

const TIMEOUT_MS = 1_000;
let h: HttpTestContext;
let tenant: string;
const report = new ReliabilityFragment('http-backend', 'Faults', ['fault', 'mutation', 'cases', 'outcome']);

beforeAll(async () => {
  h = await httpTestContext({ timeoutMs: TIMEOUT_MS });
  tenant = await makeTenant(h);
});
afterAll(async () => {
  report.write();
  await h.close();
});

async function errorCode(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'resolved';
  } catch (error) {
    return isHsmError(error) ? error.code : 'other';
  }
}

describe('/api/health (lib/services/health.ts) over the http backend', () => {
  it('reports the HSM down while it is down, and ok again as soon as it is back, with no restart of the console', async () => {
    expect(await checkHealth()).toEqual({ status: 'ok', database: 'ok', hsm: 'ok' });
    await h.stop();
    expect(await checkHealth()).toEqual({ status: 'degraded', database: 'ok', hsm: 'unreachable' });
    await h.restart();
    expect(await checkHealth()).toEqual({ status: 'ok', database: 'ok', hsm: 'ok' });

    for (const rule of [{ mode: '5xx' as const }, { mode: 'timeout' as const }, { mode: 'reset' as const }]) {
      await h.fault({ ...rule, match: { path: '/v1/health' } });
      const started = Date.now();
      expect(await checkHealth()).toMatchObject({ status: 'degraded', hsm: 'unreachable' });
      expect(Date.now() - started).toBeLessThan(3_000);
      await h.clearFaults();
      expect(await checkHealth()).toMatchObject({ status: 'ok', hsm: 'ok' });
    }
    report.add({
      fault: 'HSM down, 5xx, timeout, reset',
      mutation: '/api/health',
      cases: 4,
      outcome: '`hsm: unreachable` (503) while the fault lasts, within 3 s; `ok` again on the next check once it is gone',
    });
  });
});

describe('reads are retried with backoff', () => {
  it.each([
    ['5xx twice', { mode: '5xx' as const, count: 2 }, 3],
    ['a reset', { mode: 'reset' as const, count: 1 }, 2],
    ['a timeout', { mode: 'timeout' as const, count: 1 }, 2],
  ])('getPartition survives %s', async (_name, rule, attempts) => {
    const p = await makePartition(h, tenant);
    await h.clearFaults();
    await h.fault({ ...rule, match: { method: 'GET', path: `/v1/partitions/${p.id}` } });
    const retriesBefore = h.http.transport.counters.readRetries;
    expect((await h.http.admin.getPartition(p.id))?.id).toBe(p.id);
    expect(h.seen('GET', `/v1/partitions/${p.id}`)).toBe(attempts);
    expect(h.http.transport.counters.readRetries - retriesBefore).toBe(attempts - 1);
    report.add({ fault: `read: ${_name}`, mutation: '(reads)', cases: 1, outcome: `answered after ${attempts - 1} retr${attempts === 2 ? 'y' : 'ies'} with backoff` });
  });

  it('gives up after three attempts with UNAVAILABLE; a refusal (404) is not retried', async () => {
    const p = await makePartition(h, tenant);
    await h.clearFaults();
    await h.fault({ mode: '5xx', match: { method: 'GET', path: `/v1/partitions/${p.id}` } });
    expect(await errorCode(h.http.admin.getPartition(p.id))).toBe('UNAVAILABLE');
    expect(h.seen('GET', `/v1/partitions/${p.id}`)).toBe(3);
    await h.clearFaults();
    expect(await h.http.admin.getPartition(`missing-${randomUUID()}`)).toBeNull();
    expect(h.seen('GET', '/v1/partitions/missing-')).toBe(1);
  });
});

describe('mutations are sent once and never retried by the backend', () => {
  it.each([
    ['a 5xx', { mode: '5xx' as const }, false],
    ['a reset', { mode: 'reset' as const }, false],
    ['a timeout', { mode: 'timeout' as const }, false],
    ['commit-then-drop', { mode: 'commit-then-drop' as const }, true],
  ])('setPolicy under %s: one request, UNAVAILABLE; the same key later applies it once', async (_name, rule, committed) => {
    const p = await makePartition(h, tenant);
    await h.clearFaults();
    await h.fault({ ...rule, count: 1, match: { method: 'PUT' } });
    const request = { partitionId: p.id, policy: 'keyExport' as const, value: true, expectedVersion: 1, idempotencyKey: randomUUID(), actor: 'console:t' };
    expect(await errorCode(h.http.admin.setPolicy(request))).toBe('UNAVAILABLE');
    await h.server.idle();
    expect(h.seen('PUT', p.id)).toBe(1);
    expect((await h.emulator.admin.getPartition(p.id))?.version).toBe(committed ? 2 : 1);
    expect(await h.http.admin.setPolicy(request)).toMatchObject({ status: 'applied', version: 2 });
    expect(await h.http.admin.setPolicy(request)).toMatchObject({ status: 'applied', version: 2 });
    expect(await h.emulator.admin.policyLog(p.id, 0)).toHaveLength(1);
  });

  it('restore and purge under commit-then-drop: one request each; a repeat with the same key replays the result', async () => {
    const p = await makePartition(h, tenant, { keys: [{ label: 'a', type: 'AES', size: 256 }, { label: 'b', type: 'AES', size: 256 }] });
    const [a, b] = p.keyIds.map((ids) => ids[0] as string) as [string, string];
    await h.emulator.client.deleteKey(p.id, p.clientId, a);
    await h.emulator.client.deleteKey(p.id, p.clientId, b);
    await h.clearFaults();
    await h.fault({ mode: 'commit-then-drop', count: 2, match: { method: 'POST', path: '/bin/' } });
    const restore = { partitionId: p.id, keyIds: [a], idempotencyKey: randomUUID(), actor: 'console:t' };
    const purge = { partitionId: p.id, keyIds: [b], idempotencyKey: randomUUID(), actor: 'console:t' };
    expect(await errorCode(h.http.admin.restoreKeys(restore))).toBe('UNAVAILABLE');
    expect(await errorCode(h.http.admin.purgeKeys(purge))).toBe('UNAVAILABLE');
    expect(h.seen('POST', '/bin/')).toBe(2);
    expect(await h.http.admin.restoreKeys(restore)).toMatchObject({ status: 'done', results: [{ keyId: a, status: 'restored' }] });
    expect(await h.http.admin.purgeKeys(purge)).toMatchObject({ status: 'done', results: [{ keyId: b, status: 'purged' }] });
    expect(await h.emulator.admin.getPartition(p.id)).toMatchObject({ keyCount: 1, binCount: 0, capacity: { usedObjects: 1 } });
  });

  it('client-API mutations are idempotent on their key too: a repeated create makes one key', async () => {
    const p = await makePartition(h, tenant);
    const key = randomUUID();
    const create = () =>
      fetch(`${h.server.url}/v1/partitions/${p.id}/keys`, {
        method: 'POST',
        headers: { authorization: `Bearer ${h.token}`, 'idempotency-key': key, 'content-type': 'application/json' },
        body: JSON.stringify({ clientId: p.clientId, spec: { label: 'once', type: 'AES', size: 256 } }),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as { id: string } }));
    const [first, second] = await Promise.all([create(), create()]);
    expect(first.status).toBe(201);
    expect(second).toEqual(first);
    expect((await create()).body.id).toBe(first.body.id);
    expect((await h.emulator.client.listKeys(p.id, p.clientId)).filter((k) => k.label === 'once')).toHaveLength(1);
    const reused = await fetch(`${h.server.url}/v1/partitions/${p.id}/keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${h.token}`, 'idempotency-key': key, 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: p.clientId, spec: { label: 'other', type: 'AES', size: 256 } }),
    });
    expect(reused.status).toBe(400);
    report.add({
      fault: 'the same request sent twice at once, and again later',
      mutation: 'client-API create key',
      cases: 3,
      outcome: 'one key made; every repeat gets the first answer; the key reused for another request is refused (400)',
    });
  });
});
