import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '@/lib/hsm/rest/openapi';
import { startEmulatorServer } from '@/lib/hsm/server/http';
import { makePartition, makeTenant } from '../support/context';
import { httpTestContext, type HttpTestContext } from '../support/http';
import { ReliabilityFragment } from '../support/reliability';

/** The standalone emulator's own edges: bearer token, input validation, test mode, its OpenAPI document. */

let h: HttpTestContext;
let partitionId: string;
const report = new ReliabilityFragment('http-server', 'Attacks and bad input', ['family', 'tried', 'cases', 'outcome']);

beforeAll(async () => {
  h = await httpTestContext();
  partitionId = (await makePartition(h, await makeTenant(h))).id;
});
afterAll(async () => {
  report.write();
  await h.close();
});

async function call(path: string, init: RequestInit & { token?: string | null } = {}) {
  const headers = new Headers(init.headers);
  const token = init.token === undefined ? h.token : init.token;
  if (token !== null) headers.set('authorization', `Bearer ${token}`);
  const response = await fetch(`${h.server.url}${path}`, { ...init, headers });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as { code?: string; error?: string }) : null };
}

describe('bearer token', () => {
  it('every route refuses a missing, wrong, or differently sized token with 401; the right one is served', async () => {
    const routes = ['/v1/health', '/v1/partitions', `/v1/partitions/${partitionId}`, '/__faults', '/v1/nowhere'];
    let cases = 0;
    for (const path of routes) {
      for (const token of [null, 'x'.repeat(h.token.length), `${h.token}x`, h.token.slice(1), '']) {
        expect((await call(path, { token })).status, `${path} with ${token}`).toBe(401);
        cases += 1;
      }
    }
    const put = await call(`/v1/partitions/${partitionId}/policies/keyImport`, {
      method: 'PUT',
      token: 'wrong-token-wrong-token',
      headers: { 'idempotency-key': 'abcdefgh-unauthorized' },
      body: JSON.stringify({ value: false, expectedVersion: 1, actor: 'x' }),
    });
    expect(put.status).toBe(401);
    expect((await h.emulator.admin.getPartition(partitionId))?.version).toBe(1);
    expect((await call('/v1/health')).status).toBe(200);
    report.add({
      family: 'Standalone emulator: bearer token',
      tried: 'missing, wrong, longer, shorter and empty tokens on every kind of route, a policy change included',
      cases: cases + 1,
      outcome: '401, nothing changed',
    });
  });
});

describe('input validation: 400, never 500, nothing changed', () => {
  const policyPath = () => `/v1/partitions/${partitionId}/policies/keyImport`;
  const bad: [string, string, RequestInit][] = [
    ['limit not a number', '/v1/partitions?limit=abc', {}],
    ['limit out of range', '/v1/partitions?limit=100000', {}],
    ['unknown sort', '/v1/partitions?sort=evil', {}],
    ['unknown query parameter', '/v1/partitions?drop=1', {}],
    ['repeated parameter', '/v1/partitions?limit=1&limit=2', {}],
    ['policy filter not JSON', '/v1/partitions?policy={oops', {}],
    ['policy filter with an unknown policy', '/v1/partitions?policy={"nuke":true}', {}],
    ['bad date', '/v1/partitions?createdAtOrBefore=yesterday', {}],
    ['bad path encoding', '/v1/partitions/%E0%A4%A', {}],
    ['an id of 300 characters', `/v1/partitions/${'p'.repeat(300)}`, {}],
    ['negative since-version', `/v1/partitions/x/policy-log?sinceVersion=-1`, {}],
    ['policy logs without a time', '/v1/policy-logs?partitionIds=["x"]', {}],
    ['policy logs of too many partitions', `/v1/policy-logs?after=2026-01-01T00:00:00Z&partitionIds=${JSON.stringify(Array.from({ length: 201 }, (_, i) => `p${i}`))}`, {}],
    ['unknown parameter on a delete', '/v1/partitions/x/keys/y?clientId=c&extra=1', { method: 'DELETE' }],
  ];
  it.each(bad)('%s', async (_name, path, init) => {
    const result = await call(path, init);
    expect(result.status).toBe(400);
    expect(result.body?.code).toBe('INVALID_REQUEST');
  });

  const mutations: [string, RequestInit][] = [
    ['no Idempotency-Key', { body: JSON.stringify({ value: false, expectedVersion: 1, actor: 'a' }) }],
    ['short Idempotency-Key', { headers: { 'idempotency-key': 'x' }, body: JSON.stringify({ value: false, expectedVersion: 1, actor: 'a' }) }],
    ['body not JSON', { headers: { 'idempotency-key': 'abcdefgh-1' }, body: '{"value":' }],
    ['empty body', { headers: { 'idempotency-key': 'abcdefgh-2' } }],
    ['value not boolean', { headers: { 'idempotency-key': 'abcdefgh-3' }, body: JSON.stringify({ value: 'false', expectedVersion: 1, actor: 'a' }) }],
    ['extra field', { headers: { 'idempotency-key': 'abcdefgh-4' }, body: JSON.stringify({ value: false, expectedVersion: 1, actor: 'a', version: 9 }) }],
    ['version not an integer', { headers: { 'idempotency-key': 'abcdefgh-5' }, body: JSON.stringify({ value: false, expectedVersion: 1.5, actor: 'a' }) }],
    ['body an array', { headers: { 'idempotency-key': 'abcdefgh-6' }, body: '[]' }],
  ];
  it.each(mutations)('policy change with %s', async (_name, init) => {
    const result = await call(policyPath(), { method: 'PUT', ...init });
    expect(result.status).toBe(400);
    expect((await h.emulator.admin.getPartition(partitionId))?.version).toBe(1);
  });

  it('an unknown policy in the path, an unknown route and a wrong method', async () => {
    const headers = { 'idempotency-key': 'abcdefgh-7' };
    const body = JSON.stringify({ value: false, expectedVersion: 1, actor: 'a' });
    expect((await call(`/v1/partitions/${partitionId}/policies/nuke`, { method: 'PUT', headers, body })).status).toBe(400);
    expect((await call('/v1/nowhere')).status).toBe(404);
    expect((await call('/v1/tenants', { method: 'DELETE' })).status).toBe(405);
    expect((await call(`/v1/partitions/${partitionId}/bin/restore`, { method: 'POST', headers, body: JSON.stringify({ keyIds: [], actor: 'a' }) })).status).toBe(
      400,
    );
    expect((await h.emulator.admin.getPartition(partitionId))?.version).toBe(1);
  });

  it('a body over 2 MB is refused with 413', async () => {
    const result = await call(`/v1/partitions/${partitionId}/keys/x/sign`, {
      method: 'POST',
      body: JSON.stringify({ clientId: 'c', data: 'A'.repeat(2_200_000) }),
    });
    expect(result.status).toBe(413);
    report.add({
      family: 'Standalone emulator: malformed requests',
      tried: 'bad JSON, wrong types, extra and repeated fields, no or short Idempotency-Key, bad path, unknown route or method, 2 MB body',
      cases: bad.length + mutations.length + 5,
      outcome: '400 (413 for the large body), never 500; nothing changed',
    });
  });
});

describe('test mode', () => {
  it('outside test mode /__faults does not exist; test mode refuses a non-loopback address; short tokens are refused', async () => {
    const plain = await startEmulatorServer({ emulator: h.emulator, token: h.token, log: () => undefined });
    try {
      const response = await fetch(`${plain.url}/__faults`, {
        method: 'POST',
        headers: { authorization: `Bearer ${h.token}` },
        body: JSON.stringify({ mode: 'reset' }),
      });
      expect(response.status).toBe(404);
      expect(plain.faults).toBeNull();
      expect((await fetch(`${plain.url}/v1/health`, { headers: { authorization: `Bearer ${h.token}` } })).status).toBe(200);
    } finally {
      await plain.close();
    }
    await expect(startEmulatorServer({ emulator: h.emulator, token: h.token, testMode: true, host: '0.0.0.0' })).rejects.toThrow(/loopback/);
    await expect(startEmulatorServer({ emulator: h.emulator, token: 'short' })).rejects.toThrow(/16/);
    expect((await call('/__faults', { method: 'POST', body: JSON.stringify({ mode: 'explode' }) })).status).toBe(400);
  });
});

describe('OpenAPI document', () => {
  it('the committed docs/openapi/hsm-emulator.json is the one generated from the route table (npm run openapi)', () => {
    const committed: unknown = JSON.parse(readFileSync('docs/openapi/hsm-emulator.json', 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
  });

  it('documents every route the server answers, with its method', async () => {
    const doc = openApiDocument() as { paths: Record<string, Record<string, unknown>> };
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(operations.length).toBeGreaterThanOrEqual(33);
    for (const operation of operations) {
      const [method, path] = operation.split(' ') as [string, string];
      const concrete = path.replace('{policy}', 'keyImport').replace(/\{[a-zA-Z]+\}/g, 'x');
      const result = await call(concrete, { method, body: method === 'GET' || method === 'DELETE' ? undefined : '{}' });
      expect([404, 405].includes(result.status) && result.body?.error === 'No such route.', operation).toBe(false);
      expect(result.status, operation).not.toBe(405);
    }
  });
});
