import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as embeddedKeys from '@/app/api/emulator/v1/partitions/[id]/keys/route';
import * as embeddedOperation from '@/app/api/emulator/v1/partitions/[id]/keys/[keyId]/[operation]/route';
import { adminRoutes } from '@/lib/hsm/server/admin-routes';
import { clientRoutes } from '@/lib/hsm/server/client-routes';
import { startEmulatorServer, type EmulatorServer } from '@/lib/hsm/server/http';
import { AttackLog } from '../support/attack-log';
import { NASTY_STRINGS, runs } from '../support/arbitraries';
import { makePartition, makeTenant, testContext } from '../support/context';

/**
 * Random and malformed requests at the HSM emulator's REST API (the standalone server, every route it
 * serves) and at the embedded emulator's client API under /api/emulator/v1: never a 5xx, and a refused
 * request changes nothing in the cluster.
 */
type Ctx = Awaited<ReturnType<typeof testContext>>;
let ctx: Ctx;
let server: EmulatorServer;
let partition: Awaited<ReturnType<typeof makePartition>>;
const token = randomBytes(24).toString('base64url');
const log = new AttackLog('rest-fuzz');
const RUNS = runs(80);

beforeAll(async () => {
  ctx = await testContext();
  server = await startEmulatorServer({ emulator: ctx.emulator, token, log: () => undefined });
  partition = await makePartition(ctx, await makeTenant(ctx), {
    keys: [
      { label: 'fuzz-aes', type: 'AES', size: 256 },
      { label: 'fuzz-ec', type: 'EC', size: 256 },
    ],
  });
  process.env.HSM_EMULATOR_CLIENT_TOKEN = token;
});
afterAll(async () => {
  log.write();
  delete process.env.HSM_EMULATOR_CLIENT_TOKEN;
  await server?.close();
  await ctx.db.close();
});

/** Everything a request could change in the cluster (this file's partition: other files share a Postgres server). */
async function clusterState() {
  return ctx.emulator.db.query(
    `SELECT (SELECT row_to_json(p) FROM hsm.partitions p WHERE p.id = $1) AS partition,
            (SELECT json_agg(json_build_object('id', k.id, 'state', k.state, 'label', k.label) ORDER BY k.id) FROM hsm.keys k WHERE k.partition_id = $1) AS keys`,
    [partition.id],
  );
}

const segment = fc.oneof(
  fc.constantFrom('__PARTITION__', '__KEY__', '__CLIENT__'),
  fc.constantFrom(...NASTY_STRINGS.filter((s) => s.length < 100)),
  fc.string({ maxLength: 20 }),
);

const body = fc.oneof(
  fc.constant(undefined),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  fc.record({ clientId: fc.oneof(fc.constant('__CLIENT__'), fc.string()), data: fc.oneof(fc.base64String(), fc.string()), spec: fc.anything() }).map((v) => JSON.stringify(v)),
  fc.constantFrom(...NASTY_STRINGS),
  fc.string({ unit: 'binary', maxLength: 200 }),
);

function fill(text: string): string {
  return text
    .replaceAll('__PARTITION__', partition.id)
    .replaceAll('__KEY__', partition.keyIds[0]?.[0] ?? 'k')
    .replaceAll('__CLIENT__', partition.clientId);
}

describe('standalone emulator REST API', () => {
  const routes = () => [...adminRoutes(ctx.emulator.admin), ...clientRoutes(ctx.emulator.client)];

  it('every route with random path parameters, queries, bodies and idempotency keys: never a 5xx, no change when refused', async () => {
    const templates = routes().map((r) => ({ method: r.method, path: r.path }));
    expect(templates.length).toBeGreaterThan(10);
    const request = fc.record({
      route: fc.constantFrom(...templates),
      params: fc.array(segment, { minLength: 4, maxLength: 4 }),
      query: fc.dictionary(fc.constantFrom('clientId', 'cursor', 'limit', 'since', 'tenantId', 'sort', 'q', 'keyIds', 'x'), segment, { maxKeys: 3 }),
      body,
      idempotencyKey: fc.option(fc.oneof(fc.uuid(), fc.string({ maxLength: 300 })), { nil: undefined }),
    });
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        let i = 0;
        const path = r.route.path.replace(/:[a-zA-Z]+/g, () => encodeURIComponent(fill(r.params[i++] ?? '').toWellFormed()));
        const query = new URLSearchParams(Object.entries(r.query).map(([k, v]) => [k, fill(v)])).toString();
        const headers: Record<string, string> = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
        if (r.idempotencyKey !== undefined) headers['idempotency-key'] = r.idempotencyKey.replace(/[\r\n\0]/g, '');
        const before = await clusterState();
        const response = await fetch(`${server.url}${path}${query ? `?${query}` : ''}`, {
          method: r.route.method,
          headers,
          body: r.route.method === 'GET' || r.body === undefined ? undefined : fill(r.body),
        });
        const text = await response.text();
        expect(response.status, `${r.route.method} ${path}: ${text.slice(0, 200)}`).toBeLessThan(500);
        if (response.status >= 400) expect(await clusterState()).toEqual(before);
      }),
      { numRuns: RUNS },
    );
    log.count('REST API: random requests (standalone emulator)', `${RUNS} random requests over all ${templates.length} routes`, 'never a 5xx; a refused request changed nothing', RUNS);
  });

  it('without the bearer token (missing, wrong, malformed) every route answers 401 and changes nothing', async () => {
    const templates = routes().map((r) => ({ method: r.method, path: r.path }));
    const bad = fc.constantFrom(undefined, 'Bearer ', `Bearer ${token}x`, `Basic ${token}`, token, `Bearer ${token.slice(1)}`, 'Bearer \u00ff');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...templates), bad, async (route, authorization) => {
        const path = route.path.replace(':id', partition.id).replace(':keyId', partition.keyIds[0]?.[0] ?? 'k').replace(/:[a-zA-Z]+/g, 'x');
        const before = await clusterState();
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (authorization !== undefined) headers.authorization = authorization;
        const response = await fetch(`${server.url}${path}`, {
          method: route.method,
          headers,
          body: route.method === 'GET' ? undefined : JSON.stringify({ clientId: partition.clientId, keyIds: partition.keyIds.flat() }),
        });
        expect(response.status, `${route.method} ${path}`).toBe(401);
        expect(await clusterState()).toEqual(before);
      }),
      { numRuns: RUNS },
    );
    log.count('REST API: no or wrong bearer token', `${RUNS} calls over every route (missing, wrong, truncated, Basic)`, '401, nothing changed', RUNS);
  });
});

describe('embedded emulator client API (/api/emulator/v1)', () => {
  it('random keys, operations and bodies: never a 5xx, no change when refused', async () => {
    const call = fc.record({ keyId: segment, operation: fc.oneof(fc.constantFrom('sign', 'verify', 'encrypt'), fc.string()), body, clientId: segment });
    await fc.assert(
      fc.asyncProperty(call, async (c) => {
        const before = await clusterState();
        const keyId = fill(c.keyId);
        const list = await embeddedKeys.GET(
          new Request(`http://console.test/api/emulator/v1/partitions/${partition.id}/keys?clientId=${encodeURIComponent(fill(c.clientId).toWellFormed())}`, {
            headers: { authorization: `Bearer ${token}` },
          }),
          { params: Promise.resolve({ id: partition.id }) },
        );
        expect(list.status).toBeLessThan(500);
        const response = await embeddedOperation.POST(
          new Request(`http://console.test/api/emulator/v1/partitions/${partition.id}/keys/x/y`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: c.body === undefined ? undefined : fill(c.body),
          }),
          { params: Promise.resolve({ id: partition.id, keyId, operation: c.operation }) },
        );
        expect(response.status, await response.text()).toBeLessThan(500);
        if (response.status >= 400) expect(await clusterState()).toEqual(before);
      }),
      { numRuns: RUNS },
    );
    log.count('REST API: random requests (embedded client API)', `${RUNS} random key ids, operations and bodies`, 'never a 5xx; a refused request changed nothing', RUNS);
  });
});
