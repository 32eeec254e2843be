import { z } from 'zod';
import { POLICY_IDS } from '@/lib/policy';
import { HsmError, type HsmAdmin } from '../types';
import { BinChangeBody, fromBase64, PolicyChangeBody, SignDigestBody, toBase64 } from '../rest/bodies';
import {
  BinQuerySchema,
  BinTotalsQuerySchema,
  InventoryQuerySchema,
  PartitionQuerySchema,
  SinceVersionSchema,
  searchParamsRecord,
} from '../rest/query';
import { ok, parse, type Answer, type Route, type RouteRequest } from './router';

/**
 * The admin face over HTTP (`/v1/...`): one route per HsmAdmin method. Mutations carry the request's
 * Idempotency-Key to the cluster, which stores each key's result: a replay returns it and changes nothing.
 */

const EMPTY = z.strictObject({});
const PolicyParam = z.enum(POLICY_IDS);

function query<S extends z.ZodType>(schema: S, request: RouteRequest): z.output<S> {
  return parse(schema, searchParamsRecord(request.query), 'query');
}

function noQuery(request: RouteRequest): void {
  query(EMPTY, request);
}

function idempotencyKey(request: RouteRequest): string {
  // The server checks presence and form before any route runs (lib/hsm/server/http.ts).
  if (!request.idempotencyKey) throw new HsmError('INVALID_REQUEST', 'An Idempotency-Key header is required.');
  return request.idempotencyKey;
}

function param(request: RouteRequest, name: string): string {
  return request.params[name] ?? '';
}

function binAnswer(result: Awaited<ReturnType<HsmAdmin['restoreKeys']>>): Answer {
  return ok(result, result.status === 'not-found' ? 404 : 200);
}

export function adminRoutes(admin: HsmAdmin): Route[] {
  return [
    {
      method: 'GET',
      path: '/v1/health',
      kind: 'read',
      handle: async (r) => {
        noQuery(r);
        await admin.health();
        return ok({ status: 'ok' });
      },
    },
    {
      method: 'GET',
      path: '/v1/tenants',
      kind: 'read',
      handle: async (r) => {
        noQuery(r);
        return ok({ tenants: await admin.listTenants() });
      },
    },
    { method: 'GET', path: '/v1/partitions', kind: 'read', handle: async (r) => ok(await admin.listPartitions(query(PartitionQuerySchema, r))) },
    {
      method: 'GET',
      path: '/v1/partition-policies',
      kind: 'read',
      handle: async (r) => ok(await admin.listPartitionPolicies(query(PartitionQuerySchema, r))),
    },
    {
      method: 'GET',
      path: '/v1/partitions/:id',
      kind: 'read',
      handle: async (r) => {
        noQuery(r);
        const partition = await admin.getPartition(param(r, 'id'));
        if (!partition) throw new HsmError('NOT_FOUND', 'No such partition.');
        return ok(partition);
      },
    },
    {
      method: 'GET',
      path: '/v1/partitions/:id/clients',
      kind: 'read',
      handle: async (r) => {
        noQuery(r);
        return ok({ clients: await admin.listClients(param(r, 'id')) });
      },
    },
    {
      method: 'GET',
      path: '/v1/partitions/:id/policy-log',
      kind: 'read',
      handle: async (r) => ok({ entries: await admin.policyLog(param(r, 'id'), query(SinceVersionSchema, r).sinceVersion) }),
    },
    {
      method: 'PUT',
      path: '/v1/partitions/:id/policies/:policy',
      kind: 'admin-mutation',
      handle: async (r) => {
        noQuery(r);
        const policy = parse(PolicyParam, param(r, 'policy'), 'policy');
        const body = parse(PolicyChangeBody, r.body, 'body');
        const result = await admin.setPolicy({
          partitionId: param(r, 'id'),
          policy,
          value: body.value,
          expectedVersion: body.expectedVersion,
          idempotencyKey: idempotencyKey(r),
          actor: body.actor,
        });
        return ok(result, result.status === 'applied' ? 200 : result.status === 'conflict' ? 409 : 404);
      },
    },
    {
      method: 'GET',
      path: '/v1/partitions/:id/key-profile',
      kind: 'read',
      handle: async (r) => {
        noQuery(r);
        return ok(await admin.keyProfile(param(r, 'id')));
      },
    },
    {
      method: 'GET',
      path: '/v1/partitions/:id/inventory',
      kind: 'read',
      handle: async (r) => ok(await admin.keyInventory(param(r, 'id'), query(InventoryQuerySchema, r).limit)),
    },
    { method: 'GET', path: '/v1/bin', kind: 'read', handle: async (r) => ok(await admin.listBin(query(BinQuerySchema, r))) },
    {
      method: 'GET',
      path: '/v1/bin/totals',
      kind: 'read',
      handle: async (r) => ok({ totals: await admin.binTotals(query(BinTotalsQuerySchema, r)) }),
    },
    {
      method: 'POST',
      path: '/v1/partitions/:id/bin/restore',
      kind: 'admin-mutation',
      handle: async (r) => {
        noQuery(r);
        const body = parse(BinChangeBody, r.body, 'body');
        return binAnswer(await admin.restoreKeys({ partitionId: param(r, 'id'), keyIds: body.keyIds, actor: body.actor, idempotencyKey: idempotencyKey(r) }));
      },
    },
    {
      method: 'POST',
      path: '/v1/partitions/:id/bin/purge',
      kind: 'admin-mutation',
      handle: async (r) => {
        noQuery(r);
        const body = parse(BinChangeBody, r.body, 'body');
        return binAnswer(await admin.purgeKeys({ partitionId: param(r, 'id'), keyIds: body.keyIds, actor: body.actor, idempotencyKey: idempotencyKey(r) }));
      },
    },
    {
      method: 'GET',
      path: '/v1/report-signing-key',
      kind: 'read',
      handle: async (r) => {
        noQuery(r);
        return ok(await admin.reportSigningKey());
      },
    },
    {
      // Signing a digest changes nothing (the key exists once made): a read, safe to retry.
      method: 'POST',
      path: '/v1/report-signing-key/sign',
      kind: 'read',
      handle: async (r) => {
        noQuery(r);
        const body = parse(SignDigestBody, r.body, 'body');
        const digest = fromBase64(body.digest);
        if (digest.length !== 32) throw new HsmError('INVALID_REQUEST', 'A SHA-256 digest is 32 bytes.');
        return ok({ signature: toBase64(await admin.signReportDigest(digest)) });
      },
    },
  ];
}
