import { z } from 'zod';
import { POLICY_IDS } from '@/lib/policy';
import { HsmError, type BinResult, type HsmAdmin } from '../types';
import { BinChangeBody, fromBase64, PolicyChangeBody, SignDigestBody, toBase64 } from '../rest/bodies';
import { BinQuerySchema, BinTotalsQuerySchema, InventoryQuerySchema, PartitionQuerySchema, PolicyLogsQuerySchema, SinceVersionSchema } from '../rest/query';
import { ok, parse, route, type Answer, type Route } from './router';

/**
 * The admin face over HTTP (`/v1/...`): one route per HsmAdmin method. Mutations carry the request's
 * Idempotency-Key to the cluster, which stores each key's result with the change: a replay returns
 * it and changes nothing.
 */

const PolicyParam = z.enum(POLICY_IDS);

function keyOf(idempotencyKey: string | null): string {
  // The server refuses admin mutations without the header before they get here.
  if (!idempotencyKey) throw new HsmError('INVALID_REQUEST', 'An Idempotency-Key header is required.');
  return idempotencyKey;
}

function binAnswer(result: BinResult): Answer {
  return ok(result, result.status === 'not-found' ? 404 : 200);
}

export function adminRoutes(admin: HsmAdmin): Route[] {
  return [
    route({
      method: 'GET',
      path: '/v1/health',
      kind: 'read',
      summary: 'Whether the cluster answers (and its store with it).',
      responses: { 200: 'Health' },
      run: async () => {
        await admin.health();
        return ok({ status: 'ok' });
      },
    }),
    route({
      method: 'GET',
      path: '/v1/tenants',
      kind: 'read',
      summary: 'Every tenant of the cluster.',
      responses: { 200: 'TenantList' },
      run: async () => ok({ tenants: await admin.listTenants() }),
    }),
    route({
      method: 'GET',
      path: '/v1/partitions',
      kind: 'read',
      summary: 'Partitions, filtered, sorted and paged at the cluster (keyset cursor).',
      query: PartitionQuerySchema,
      responses: { 200: 'PartitionPage' },
      run: async ({ query }) => ok(await admin.listPartitions(query)),
    }),
    route({
      method: 'GET',
      path: '/v1/partition-policies',
      kind: 'read',
      summary: 'Like /v1/partitions, with each partition’s eight policies and creation time (policy reports).',
      query: PartitionQuerySchema,
      responses: { 200: 'PartitionPolicyPage' },
      run: async ({ query }) => ok(await admin.listPartitionPolicies(query)),
    }),
    route({
      method: 'GET',
      path: '/v1/partitions/:id',
      kind: 'read',
      summary: 'One partition: status, capacity, version, policies and the number of client identities.',
      responses: { 200: 'PartitionDetail', 404: 'Error' },
      run: async ({ params }) => {
        const partition = await admin.getPartition(params.id ?? '');
        if (!partition) throw new HsmError('NOT_FOUND', 'No such partition.');
        return ok(partition);
      },
    }),
    route({
      method: 'GET',
      path: '/v1/partitions/:id/clients',
      kind: 'read',
      summary: 'The client identities (PKCS#11, JCE, MSCNG, REST applications) of a partition.',
      responses: { 200: 'ClientList' },
      run: async ({ params }) => ok({ clients: await admin.listClients(params.id ?? '') }),
    }),
    route({
      method: 'GET',
      path: '/v1/partitions/:id/policy-log',
      kind: 'read',
      summary: 'Policy changes after `sinceVersion`, oldest first.',
      query: SinceVersionSchema,
      responses: { 200: 'PolicyLog' },
      run: async ({ params, query }) => ok({ entries: await admin.policyLog(params.id ?? '', query.sinceVersion) }),
    }),
    route({
      method: 'GET',
      path: '/v1/policy-logs',
      kind: 'read',
      summary: 'Policy changes made after `after`, of up to 200 partitions at once (policy reports), by partition then version.',
      query: PolicyLogsQuerySchema,
      responses: { 200: 'PartitionLog' },
      run: async ({ query }) => ok({ entries: await admin.policyLogs(query) }),
    }),
    route({
      method: 'PUT',
      path: '/v1/partitions/:id/policies/:policy',
      kind: 'admin-mutation',
      summary:
        'Sets one policy: a compare-and-set on the partition version (409 with the changes since), idempotent on the Idempotency-Key (a replay returns the stored result).',
      body: PolicyChangeBody,
      responses: { 200: 'PolicyChangeResult', 404: 'PolicyChangeResult', 409: 'PolicyChangeResult' },
      run: async ({ params, body, idempotencyKey }) => {
        const policy = parse(PolicyParam, params.policy, 'path');
        const result = await admin.setPolicy({
          partitionId: params.id ?? '',
          policy,
          value: body.value,
          expectedVersion: body.expectedVersion,
          idempotencyKey: keyOf(idempotencyKey),
          actor: body.actor,
        });
        return ok(result, result.status === 'applied' ? 200 : result.status === 'conflict' ? 409 : 404);
      },
    }),
    route({
      method: 'GET',
      path: '/v1/partitions/:id/key-profile',
      kind: 'read',
      summary: 'Live keys grouped by class and attributes, and the number of client identities (impact of a change).',
      responses: { 200: 'KeyProfile' },
      run: async ({ params }) => ok(await admin.keyProfile(params.id ?? '')),
    }),
    route({
      method: 'GET',
      path: '/v1/partitions/:id/inventory',
      kind: 'read',
      summary: 'Live key objects’ metadata (never material), newest first, at most `limit`.',
      query: InventoryQuerySchema,
      responses: { 200: 'KeyInventory' },
      run: async ({ params, query }) => ok(await admin.keyInventory(params.id ?? '', query.limit)),
    }),
    route({
      method: 'GET',
      path: '/v1/bin',
      kind: 'read',
      summary: 'Binned keys (invalidated by a client delete), newest invalidation first, paged.',
      query: BinQuerySchema,
      responses: { 200: 'BinPage' },
      run: async ({ query }) => ok(await admin.listBin(query)),
    }),
    route({
      method: 'GET',
      path: '/v1/bin/totals',
      kind: 'read',
      summary: 'Objects and bytes each partition’s bin holds against its capacity, fullest first.',
      query: BinTotalsQuerySchema,
      responses: { 200: 'BinTotalsList' },
      run: async ({ query }) => ok({ totals: await admin.binTotals(query) }),
    }),
    route({
      method: 'POST',
      path: '/v1/partitions/:id/bin/restore',
      kind: 'admin-mutation',
      summary: 'Restores binned keys exactly as they were; one result per key; idempotent on the Idempotency-Key.',
      body: BinChangeBody,
      responses: { 200: 'BinResult', 404: 'BinResult' },
      run: async ({ params, body, idempotencyKey }) =>
        binAnswer(await admin.restoreKeys({ partitionId: params.id ?? '', keyIds: body.keyIds, actor: body.actor, idempotencyKey: keyOf(idempotencyKey) })),
    }),
    route({
      method: 'POST',
      path: '/v1/partitions/:id/bin/purge',
      kind: 'admin-mutation',
      summary: 'Destroys binned keys for good (material, space, ID and label freed); idempotent on the Idempotency-Key.',
      body: BinChangeBody,
      responses: { 200: 'BinResult', 404: 'BinResult' },
      run: async ({ params, body, idempotencyKey }) =>
        binAnswer(await admin.purgeKeys({ partitionId: params.id ?? '', keyIds: body.keyIds, actor: body.actor, idempotencyKey: keyOf(idempotencyKey) })),
    }),
    route({
      method: 'GET',
      path: '/v1/report-signing-key',
      kind: 'read',
      summary: 'The public half of the cluster’s report-signing key (ECDSA P-256), made on first use.',
      responses: { 200: 'ReportSigningKey' },
      run: async () => ok(await admin.reportSigningKey()),
    }),
    route({
      // Signing a digest changes nothing (the key exists once made): a read, safe to retry.
      method: 'POST',
      path: '/v1/report-signing-key/sign',
      kind: 'read',
      summary: 'Signs a SHA-256 digest with the report-signing key (DER ECDSA signature, base64).',
      body: SignDigestBody,
      responses: { 200: 'Signature' },
      run: async ({ body }) => {
        const digest = fromBase64(body.digest);
        if (digest.length !== 32) throw new HsmError('INVALID_REQUEST', 'A SHA-256 digest is 32 bytes.');
        return ok({ signature: toBase64(await admin.signReportDigest(digest)) });
      },
    }),
  ];
}
