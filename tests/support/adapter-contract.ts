import { createPublicKey, createVerify, generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { isHsmError, type HsmCluster, type HsmErrorCode } from '@/lib/hsm/types';
import type { PartitionPolicy } from '@/lib/policy';
import { makePartition, makeTenant, uniqueId } from './context';
import type { HttpTestContext } from './http';

/**
 * The HsmCluster contract: one set of expectations, run against every backend (the embedded
 * emulator and the http backend over the standalone server). Provisioning goes through the
 * emulator underneath both; everything asserted goes through the adapter under test.
 */

async function codeOf(call: Promise<unknown>): Promise<{ code: HsmErrorCode; reasons: string[] } | 'resolved' | 'other'> {
  try {
    await call;
    return 'resolved';
  } catch (error) {
    return isHsmError(error) ? { code: error.code, reasons: error.reasons.map((r) => r.code) } : 'other';
  }
}

const actor = 'console:contract';

export function adapterContract(h: () => HttpTestContext, cluster: () => HsmCluster): void {
  async function partition(policy: Partial<PartitionPolicy> = {}, keys = 0) {
    const tenant = await makeTenant(h());
    const p = await makePartition(h(), tenant, {
      policy,
      clients: 2,
      keys: Array.from({ length: keys }, (_, i) => ({ label: `k-${i}`, type: 'AES' as const, size: 256, extractable: true, sensitive: false })),
    });
    return { ...p, tenant };
  }

  it('health answers; tenants are listed', async () => {
    await expect(cluster().admin.health()).resolves.toBeUndefined();
    const tenant = await makeTenant(h());
    expect((await cluster().admin.listTenants()).map((t) => t.id)).toContain(tenant);
  });

  it('lists partitions by tenant, search, sort and cursor, both directions, with filters', async () => {
    const tenant = await makeTenant(h());
    for (const name of ['alpha', 'bravo', 'charlie', 'delta', 'echo']) {
      await makePartition(h(), tenant, { name: `${name}-${tenant}`, policy: { keyExport: name === 'charlie' } });
    }
    const admin = cluster().admin;
    const first = await admin.listPartitions({ tenantId: tenant, sort: 'name', limit: 2 });
    expect(first.total).toBe(5);
    expect(first.items.map((p) => p.name.split('-')[0])).toEqual(['alpha', 'bravo']);
    const second = await admin.listPartitions({ tenantId: tenant, sort: 'name', limit: 2, cursor: first.nextCursor });
    expect(second.items.map((p) => p.name.split('-')[0])).toEqual(['charlie', 'delta']);
    const back = await admin.listPartitions({ tenantId: tenant, sort: 'name', limit: 2, cursor: second.prevCursor });
    expect(back.items.map((p) => p.name.split('-')[0])).toEqual(['alpha', 'bravo']);
    const desc = await admin.listPartitions({ tenantId: tenant, sort: 'name', dir: 'desc', limit: 1 });
    expect(desc.items[0]?.name).toMatch(/^echo-/);
    expect((await admin.listPartitions({ tenantId: tenant, search: 'CHARL' })).items).toHaveLength(1);
    // Two letters (no trigram to use), an exact ID, and a tenant's name all find partitions.
    expect((await admin.listPartitions({ tenantId: tenant, search: 'ch' })).items.map((p) => p.name.split('-')[0])).toEqual(['charlie', 'echo']);
    expect((await admin.listPartitions({ search: first.items[0]?.id ?? '' })).items.map((p) => p.id)).toEqual([first.items[0]?.id]);
    const tenantName = (await admin.listTenants()).find((t) => t.id === tenant)?.name ?? '';
    expect((await admin.listPartitions({ search: tenantName.toUpperCase(), limit: 10 })).total).toBe(5);
    // Case-insensitive beyond ASCII; LIKE's wildcards are plain characters in a search.
    const other = await makeTenant(h());
    await makePartition(h(), other, { name: `Платёжный-${other}` });
    await makePartition(h(), other, { name: `50%_off-${other}` });
    expect((await admin.listPartitions({ tenantId: other, search: 'ПЛАТЁЖ' })).items.map((p) => p.name)).toEqual([`Платёжный-${other}`]);
    expect((await admin.listPartitions({ tenantId: other, search: '%_' })).items.map((p) => p.name)).toEqual([`50%_off-${other}`]);
    expect((await admin.listPartitions({ tenantId: other, search: '_' })).total).toBe(1);
    expect((await admin.listPartitions({ tenantId: tenant, policy: { keyExport: true } })).total).toBe(1);
    expect((await admin.listPartitions({ tenantId: tenant, deviatesFrom: {} })).total).toBe(0);
    expect((await admin.listPartitions({ tenantId: tenant, ids: [] })).total).toBe(0);
    expect((await admin.listPartitions({ tenantId: tenant, ids: [first.items[0]?.id ?? ''] })).total).toBe(1);
    expect((await admin.listPartitions({ tenantId: tenant, createdAtOrBefore: '2000-01-01T00:00:00.000Z' })).total).toBe(0);
    const records = await admin.listPartitionPolicies({ tenantId: tenant, sort: 'tenant', limit: 5 });
    expect(records.items[0]).toMatchObject({ policy: expect.objectContaining({ clientApiAccess: true }), createdAt: expect.any(String) });
  });

  it('reads one partition, its clients, key profile and inventory; an unknown id is null', async () => {
    const p = await partition({}, 3);
    const admin = cluster().admin;
    const detail = await admin.getPartition(p.id);
    expect(detail).toMatchObject({ id: p.id, tenantId: p.tenant, clients: 2, keyCount: 3, version: 1 });
    expect(await admin.getPartition(`missing-${randomUUID()}`)).toBeNull();
    expect((await admin.listClients(p.id)).map((c) => c.id).sort()).toEqual([...p.clientIds].sort());
    const profile = await admin.keyProfile(p.id);
    expect(profile.clients).toBe(2);
    expect(profile.keys.reduce((sum, k) => sum + k.count, 0)).toBe(3);
    const inventory = await admin.keyInventory(p.id, 2);
    expect(inventory.total).toBe(3);
    expect(inventory.keys).toHaveLength(2);
    expect(JSON.stringify(inventory)).not.toMatch(/material/);
  });

  it('setPolicy: compare-and-set on the version, idempotent on the key, conflicts name the changes', async () => {
    const p = await partition();
    const admin = cluster().admin;
    const key = randomUUID();
    const request = { partitionId: p.id, policy: 'keyImport' as const, value: false, expectedVersion: 1, idempotencyKey: key, actor };
    const applied = await admin.setPolicy(request);
    expect(applied).toMatchObject({ status: 'applied', version: 2, policy: { keyImport: false } });
    expect(await admin.setPolicy(request)).toEqual(applied);
    const stale = await admin.setPolicy({ ...request, policy: 'keyExport', value: true, idempotencyKey: randomUUID() });
    expect(stale).toMatchObject({ status: 'conflict', currentVersion: 2, changes: [{ version: 2, policy: 'keyImport', from: true, to: false, actor }] });
    expect(await admin.setPolicy({ ...request, partitionId: `missing-${randomUUID()}`, idempotencyKey: randomUUID() })).toEqual({
      status: 'not-found',
    });
    expect(await admin.policyLog(p.id, 0)).toHaveLength(1);
    expect(await admin.policyLog(p.id, 2)).toHaveLength(0);
    const [entry] = await admin.policyLog(p.id, 0);
    const before = new Date(Date.parse(entry?.at ?? '') - 1).toISOString();
    expect(await admin.policyLogs({ partitionIds: [p.id, `missing-${randomUUID()}`], after: before })).toEqual([{ partitionId: p.id, ...entry }]);
    expect(await admin.policyLogs({ partitionIds: [p.id], after: entry?.at ?? '' })).toEqual([]);
    expect(await admin.policyLogs({ partitionIds: [], after: before })).toEqual([]);
    expect(await codeOf(admin.restoreKeys({ partitionId: p.id, keyIds: ['x'], idempotencyKey: key, actor }))).toMatchObject({
      code: 'INVALID_REQUEST',
    });
  });

  it('the bin: list, totals, restore and purge per key, replays, unknown keys and partitions', async () => {
    const p = await partition({}, 3);
    const c = cluster();
    const [a, b, live] = p.keyIds.map((ids) => ids[0] as string) as [string, string, string];
    expect(await c.client.deleteKey(p.id, p.clientId, a)).toEqual({ effect: 'invalidated' });
    expect(await c.client.deleteKey(p.id, p.clientId, b)).toEqual({ effect: 'invalidated' });
    const page = await c.admin.listBin({ partitionId: p.id, limit: 1 });
    expect(page.total).toBe(2);
    const next = await c.admin.listBin({ partitionId: p.id, limit: 1, cursor: page.nextCursor });
    expect([page.items[0]?.id, next.items[0]?.id].sort()).toEqual([a, b].sort());
    expect((await c.admin.listBin({ tenantId: p.tenant, keyIds: [a] })).items.map((k) => k.id)).toEqual([a]);
    const [totals] = await c.admin.binTotals({ partitionId: p.id });
    expect(totals).toMatchObject({ partitionId: p.id, objects: 2 });
    const request = { partitionId: p.id, keyIds: [a, live], idempotencyKey: randomUUID(), actor };
    const restored = await c.admin.restoreKeys(request);
    expect(restored).toMatchObject({ status: 'done', results: [{ keyId: a, status: 'restored' }, { keyId: live, status: 'not-in-bin', label: null }] });
    expect(await c.admin.restoreKeys(request)).toEqual(restored);
    const purged = await c.admin.purgeKeys({ partitionId: p.id, keyIds: [b], idempotencyKey: randomUUID(), actor });
    expect(purged).toMatchObject({ status: 'done', results: [{ keyId: b, status: 'purged', label: 'k-1' }] });
    expect(await c.admin.purgeKeys({ partitionId: `missing-${randomUUID()}`, keyIds: [b], idempotencyKey: randomUUID(), actor })).toEqual({
      status: 'not-found',
    });
    expect((await c.admin.getPartition(p.id))?.binCount).toBe(0);
  });

  it('the report-signing key signs digests that verify with its public key', async () => {
    const admin = cluster().admin;
    const key = await admin.reportSigningKey();
    expect(key.algorithm).toBe('ECDSA P-256 with SHA-256');
    const data = randomBytes(64);
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', data));
    const signature = await admin.signReportDigest(digest);
    const verifier = createVerify('sha256').update(data);
    expect(verifier.verify(createPublicKey(key.publicKeyPem), Buffer.from(signature))).toBe(true);
  });

  it('client API: every operation, with the same answers and refusals', async () => {
    const p = await partition({ keyExport: true, keyImport: true }, 1);
    const c = cluster().client;
    const aes = p.keyIds[0]?.[0] as string;
    const data = Buffer.from('contract payload');
    const ec = await c.createKey(p.id, p.clientId, { label: 'ec', type: 'EC', size: 256 });
    const keys = await c.listKeys(p.id, p.clientId);
    const ecPublic = keys.find((k) => k.label === 'ec' && k.attributes.keyClass === 'public')?.id as string;
    const signature = await c.sign(p.id, p.clientId, ec.id, data);
    expect(await c.verify(p.id, p.clientId, ecPublic, data, signature)).toBe(true);
    expect(await c.verify(p.id, p.clientId, ecPublic, Buffer.from('other'), signature)).toBe(false);
    const sealed = await c.encrypt(p.id, p.clientId, aes, data);
    expect(Buffer.from(await c.decrypt(p.id, p.clientId, aes, sealed)).toString()).toBe('contract payload');
    expect((await c.exportKey(p.id, p.clientId, aes)).length).toBe(32);
    const wrapped = await c.wrapKey(p.id, p.clientId, aes, aes);
    const copy = await c.unwrapKey(p.id, p.clientId, aes, wrapped, { label: 'copy', type: 'AES', size: 256 });
    expect(copy.label).toBe('copy');
    const pkcs8 = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'der', type: 'pkcs8' });
    expect((await c.importKey(p.id, p.clientId, { label: 'imported', type: 'EC', size: 256 }, pkcs8)).attributes.neverExtractable).toBe(false);
    expect((await c.modifyKey(p.id, p.clientId, copy.id, { label: 'renamed' })).label).toBe('renamed');
    expect(await codeOf(c.modifyKey(p.id, p.clientId, copy.id, { label: 'ec' }))).toMatchObject({ code: 'LABEL_CONFLICT' });
    expect((await c.derive(p.id, p.clientId, aes, Buffer.from('info'))).length).toBe(32);
    expect((await c.createSessionObject(p.id, p.clientId, { label: 's', type: 'AES', size: 128 })).handle).toMatch(/^session_/);
    expect(await codeOf(c.createKey(p.id, p.clientId, { label: 'bad', type: 'AES', size: 100 }))).toMatchObject({ code: 'INVALID_REQUEST' });
    expect(await codeOf(c.listKeys(p.id, 'nobody'))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await codeOf(c.sign(p.id, p.clientId, 'key_missing', data))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await c.deleteKey(p.id, p.clientId, copy.id)).toEqual({ effect: 'invalidated' });
  });

  it('policy refusals carry the same reasons over every backend', async () => {
    const p = await partition({ clientApiAccess: false, keyExport: false }, 1);
    const c = cluster().client;
    const aes = p.keyIds[0]?.[0] as string;
    expect(await codeOf(c.sign(p.id, p.clientId, aes, Buffer.from('x')))).toMatchObject({ code: 'DENIED', reasons: ['PARTITION_OFFLINE'] });
    const online = await partition({ keyExport: false, readOnly: true }, 1);
    const key = online.keyIds[0]?.[0] as string;
    const exported = await codeOf(c.exportKey(online.id, online.clientId, key));
    expect(exported).toMatchObject({ code: 'DENIED' });
    expect(await codeOf(c.createKey(online.id, online.clientId, { label: uniqueId('k'), type: 'AES', size: 256 }))).toMatchObject({ code: 'DENIED' });
  });

  it('a full partition refuses new keys with CAPACITY_EXCEEDED', async () => {
    const tenant = await makeTenant(h());
    const { id, clientId } = await makePartition(h(), tenant, {});
    await h().emulator.db.query('UPDATE hsm.partitions SET capacity_objects = 1 WHERE id = $1', [id]);
    await cluster().client.createKey(id, clientId, { label: 'one', type: 'AES', size: 256 });
    expect(await codeOf(cluster().client.createKey(id, clientId, { label: 'two', type: 'AES', size: 256 }))).toMatchObject({
      code: 'CAPACITY_EXCEEDED',
    });
  });
}
