import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HsmError, type KeyObject } from '@/lib/hsm/types';
import { objectBytes } from '@/lib/hsm/emulator/material';
import { provisionKey, provisionPartition } from '@/lib/hsm/emulator/provision';
import type { PartitionPolicy } from '@/lib/policy';
import { makePartition, makeTenant, testContext, uniqueId } from '../support/context';

type Ctx = Awaited<ReturnType<typeof testContext>>;
let ctx: Ctx;
let tenant: string;

beforeAll(async () => {
  ctx = await testContext();
  tenant = await makeTenant(ctx);
});
afterAll(async () => {
  await ctx.db.close();
});

const AES_BYTES = objectBytes('AES', 256, 'secret');

/** A partition with one AES-256 key "aes" and one EC-256 pair "ec". */
async function partitionWith(policy: Partial<PartitionPolicy> = {}) {
  const p = await makePartition(ctx, tenant, {
    policy,
    keys: [
      { label: 'aes', type: 'AES', size: 256 },
      { label: 'ec', type: 'EC', size: 256 },
    ],
  });
  const [aes] = p.keyIds[0] as [string];
  const [ecPrivate, ecPublic] = p.keyIds[1] as [string, string];
  return { ...p, aes, ecPrivate, ecPublic };
}

async function errorOf(call: Promise<unknown>): Promise<HsmError> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HsmError);
  return error as HsmError;
}

function request(partitionId: string, keyIds: string[], idempotencyKey: string = randomUUID()) {
  return { partitionId, keyIds, idempotencyKey, actor: 'test:so' };
}

async function counters(partitionId: string) {
  const p = await ctx.hsm.admin.getPartition(partitionId);
  return { keyCount: p?.keyCount, binCount: p?.binCount, usedObjects: p?.capacity.usedObjects, usedBytes: p?.capacity.usedBytes };
}

describe('client-API delete rules', () => {
  it('Object Destruction disabled: delete fails and nothing moves, even with Key Invalidation enabled', async () => {
    const p = await partitionWith({ objectDestruction: false, keyInvalidation: true });
    const before = await counters(p.id);
    const error = await errorOf(ctx.hsm.client.deleteKey(p.id, p.clientId, p.aes));
    expect(error.reasons[0]?.code).toBe('DESTRUCTION_DISABLED');
    expect(await counters(p.id)).toEqual(before);
    expect((await ctx.hsm.admin.listBin({ partitionId: p.id })).total).toBe(0);
    expect((await ctx.hsm.client.listKeys(p.id, p.clientId)).map((k) => k.id)).toContain(p.aes);
  });

  it('Read-Only enabled: delete fails and nothing moves', async () => {
    const p = await partitionWith({ readOnly: true });
    const before = await counters(p.id);
    const error = await errorOf(ctx.hsm.client.deleteKey(p.id, p.clientId, p.aes));
    expect(error.reasons[0]?.code).toBe('PARTITION_READ_ONLY');
    expect(await counters(p.id)).toEqual(before);
    expect((await ctx.hsm.admin.listBin({ partitionId: p.id })).total).toBe(0);
  });

  it('Key Invalidation enabled: the key goes to the bin, looks deleted to clients, keeps its space, ID and label', async () => {
    const p = await partitionWith({ keyInvalidation: true, keyExport: true });
    const before = await counters(p.id);
    expect(await ctx.hsm.client.deleteKey(p.id, p.clientId, p.aes)).toEqual({ effect: 'invalidated' });

    expect(await counters(p.id)).toEqual({ ...before, keyCount: (before.keyCount ?? 0) - 1, binCount: 1 });
    expect((await ctx.hsm.client.listKeys(p.id, p.clientId)).map((k) => k.id)).not.toContain(p.aes);
    // One call at a time: a rejection must have its handler before it happens.
    for (const call of [
      () => ctx.hsm.client.encrypt(p.id, p.clientId, p.aes, Buffer.from('x')),
      () => ctx.hsm.client.exportKey(p.id, p.clientId, p.aes),
      () => ctx.hsm.client.modifyKey(p.id, p.clientId, p.aes, { label: 'renamed' }),
      // Deleting an already-binned key answers "not found" like any missing key.
      () => ctx.hsm.client.deleteKey(p.id, p.clientId, p.aes),
    ]) {
      expect((await errorOf(call())).code).toBe('NOT_FOUND');
    }

    const bin = await ctx.hsm.admin.listBin({ partitionId: p.id });
    expect(bin.total).toBe(1);
    expect(bin.items[0]).toMatchObject({
      id: p.aes,
      label: 'aes',
      type: 'AES',
      size: 256,
      keyClass: 'secret',
      bytes: AES_BYTES,
      partitionId: p.id,
      partitionName: p.name,
      tenantId: tenant,
      binnedBy: { clientId: p.clientId, clientName: 'client-1' },
    });
    expect(Date.now() - Date.parse(bin.items[0]?.binnedAt ?? '')).toBeLessThan(60_000);
  });

  it('Key Invalidation disabled: the key is destroyed at once and frees its space and label', async () => {
    const p = await partitionWith({ keyInvalidation: false });
    const before = await counters(p.id);
    expect(await ctx.hsm.client.deleteKey(p.id, p.clientId, p.aes)).toEqual({ effect: 'destroyed' });
    expect(await counters(p.id)).toEqual({
      keyCount: (before.keyCount ?? 0) - 1,
      binCount: 0,
      usedObjects: (before.usedObjects ?? 0) - 1,
      usedBytes: (before.usedBytes ?? 0) - AES_BYTES,
    });
    expect((await ctx.hsm.admin.listBin({ partitionId: p.id })).total).toBe(0);
    const again = await ctx.hsm.client.createKey(p.id, p.clientId, { label: 'aes', type: 'AES', size: 256 });
    expect(again.id).not.toBe(p.aes);
  });

  it('turning Key Invalidation off leaves the bin as it is, and its keys stay restorable', async () => {
    const p = await partitionWith({ keyInvalidation: true });
    await ctx.hsm.client.deleteKey(p.id, p.clientId, p.aes);
    const applied = await ctx.hsm.admin.setPolicy({
      partitionId: p.id,
      policy: 'keyInvalidation',
      value: false,
      expectedVersion: 1,
      idempotencyKey: randomUUID(),
      actor: 'test:so',
    });
    expect(applied.status).toBe('applied');
    expect((await ctx.hsm.admin.listBin({ partitionId: p.id })).items.map((k) => k.id)).toEqual([p.aes]);
    expect((await ctx.hsm.admin.getPartition(p.id))?.binCount).toBe(1);
    const restored = await ctx.hsm.admin.restoreKeys(request(p.id, [p.aes]));
    expect(restored).toMatchObject({ status: 'done', results: [{ keyId: p.aes, status: 'restored' }] });
  });
});

describe('a binned key holds its label and its space', () => {
  it('creating or importing a key with a binned key’s label fails with a conflict naming the binned key', async () => {
    const p = await partitionWith({ keyImport: true });
    await ctx.hsm.client.deleteKey(p.id, p.clientId, p.aes);
    const created = await errorOf(ctx.hsm.client.createKey(p.id, p.clientId, { label: 'aes', type: 'AES', size: 128 }));
    expect(created.code).toBe('LABEL_CONFLICT');
    expect(created.message).toBe(`The label "aes" is held by key ${p.aes} in the bin: restore or purge it first.`);
    const imported = await errorOf(ctx.hsm.client.importKey(p.id, p.clientId, { label: 'aes', type: 'AES', size: 128 }, randomBytes(16)));
    expect(imported.code).toBe('LABEL_CONFLICT');
    expect(imported.message).toContain(p.aes);
  });

  it('capacity counts binned objects and bytes; purging them makes room again', async () => {
    const { id, clientIds } = await provisionPartition(ctx.emulator.db, {
      tenantId: tenant,
      name: uniqueId('small'),
      capacityObjects: 3,
      capacityBytes: 100_000,
    });
    const clientId = clientIds[0] as string;
    const ids: string[] = [];
    for (const label of ['a', 'b', 'c']) ids.push(...(await provisionKey(ctx.emulator.db, id, { label, type: 'AES', size: 256 })));
    await ctx.hsm.client.deleteKey(id, clientId, ids[0] as string);
    await ctx.hsm.client.deleteKey(id, clientId, ids[1] as string);
    expect(await counters(id)).toEqual({ keyCount: 1, binCount: 2, usedObjects: 3, usedBytes: 3 * AES_BYTES });
    const [totals] = await ctx.hsm.admin.binTotals({ partitionId: id });
    expect(totals).toMatchObject({ partitionId: id, objects: 2, bytes: 2 * AES_BYTES, capacity: { objects: 3, usedObjects: 3 } });

    expect((await errorOf(ctx.hsm.client.createKey(id, clientId, { label: 'd', type: 'AES', size: 256 }))).code).toBe('CAPACITY_EXCEEDED');
    const purged = await ctx.hsm.admin.purgeKeys(request(id, [ids[0] as string]));
    expect(purged).toMatchObject({ status: 'done', results: [{ keyId: ids[0], status: 'purged', label: 'a' }] });
    expect(await counters(id)).toEqual({ keyCount: 1, binCount: 1, usedObjects: 2, usedBytes: 2 * AES_BYTES });
    await ctx.hsm.client.createKey(id, clientId, { label: 'd', type: 'AES', size: 256 });
    expect(await counters(id)).toEqual({ keyCount: 2, binCount: 1, usedObjects: 3, usedBytes: 3 * AES_BYTES });
  });
});

describe('restore and purge (admin face)', () => {
  it('restore returns the identical key: same ID and attributes, and a signature made before deletion still verifies', async () => {
    const p = await partitionWith();
    const data = Buffer.from('signed before the delete');
    const signature = await ctx.hsm.client.sign(p.id, p.clientId, p.ecPrivate, data);
    const sealed = await ctx.hsm.client.encrypt(p.id, p.clientId, p.aes, data);
    const before = await ctx.hsm.client.listKeys(p.id, p.clientId);
    const byId = (keys: KeyObject[], id: string) => keys.find((k) => k.id === id);
    const counts = await counters(p.id);

    await ctx.hsm.client.deleteKey(p.id, p.clientId, p.ecPrivate);
    await ctx.hsm.client.deleteKey(p.id, p.clientId, p.aes);
    expect(byId(await ctx.hsm.client.listKeys(p.id, p.clientId), p.ecPrivate)).toBeUndefined();

    const result = await ctx.hsm.admin.restoreKeys(request(p.id, [p.ecPrivate, p.aes]));
    expect(result).toEqual({
      status: 'done',
      results: [
        { keyId: p.ecPrivate, status: 'restored', label: 'ec', message: expect.any(String) },
        { keyId: p.aes, status: 'restored', label: 'aes', message: expect.any(String) },
      ],
    });
    const after = await ctx.hsm.client.listKeys(p.id, p.clientId);
    expect(byId(after, p.ecPrivate)).toEqual(byId(before, p.ecPrivate));
    expect(byId(after, p.aes)).toEqual(byId(before, p.aes));
    expect(after).toEqual(before);
    expect(await counters(p.id)).toEqual(counts);

    // The same material: the old signature verifies with the restored private key (and its public half),
    // the old ciphertext decrypts, and a new signature verifies with the public key.
    expect(await ctx.hsm.client.verify(p.id, p.clientId, p.ecPrivate, data, signature)).toBe(true);
    expect(await ctx.hsm.client.verify(p.id, p.clientId, p.ecPublic, data, signature)).toBe(true);
    expect(Buffer.from(await ctx.hsm.client.decrypt(p.id, p.clientId, p.aes, sealed)).toString()).toBe('signed before the delete');
    const fresh = await ctx.hsm.client.sign(p.id, p.clientId, p.ecPrivate, data);
    expect(await ctx.hsm.client.verify(p.id, p.clientId, p.ecPublic, data, fresh)).toBe(true);
  });

  it('purge destroys the material and frees the space, the ID and the label', async () => {
    const p = await partitionWith();
    await ctx.hsm.client.sign(p.id, p.clientId, p.ecPrivate, Buffer.from('x'));
    await ctx.hsm.client.deleteKey(p.id, p.clientId, p.ecPrivate);
    const before = await counters(p.id);
    const purged = await ctx.hsm.admin.purgeKeys(request(p.id, [p.ecPrivate]));
    expect(purged).toMatchObject({ status: 'done', results: [{ keyId: p.ecPrivate, status: 'purged', label: 'ec' }] });
    expect(await counters(p.id)).toEqual({
      ...before,
      binCount: 0,
      usedObjects: (before.usedObjects ?? 0) - 1,
      usedBytes: (before.usedBytes ?? 0) - objectBytes('EC', 256, 'private'),
    });
    const rows = await ctx.emulator.db.query('SELECT 1 FROM hsm.keys WHERE id = $1', [p.ecPrivate]);
    expect(rows).toEqual([]);
    // The ID is gone: it cannot be restored; the label is free once the pair's public half is gone too.
    expect(await ctx.hsm.admin.restoreKeys(request(p.id, [p.ecPrivate]))).toMatchObject({
      results: [{ keyId: p.ecPrivate, status: 'not-in-bin' }],
    });
    await ctx.hsm.client.deleteKey(p.id, p.clientId, p.ecPublic);
    await ctx.hsm.admin.purgeKeys(request(p.id, [p.ecPublic]));
    const reused = await ctx.hsm.client.createKey(p.id, p.clientId, { label: 'ec', type: 'EC', size: 256 });
    expect([p.ecPrivate, p.ecPublic]).not.toContain(reused.id);
  });

  it('both work while the partition is read-only, offline and Object Destruction is disabled', async () => {
    const policy = { readOnly: true, clientApiAccess: false, objectDestruction: false };
    const { id, clientIds } = await provisionPartition(ctx.emulator.db, { tenantId: tenant, name: uniqueId('locked'), policy });
    const binnedBy = { clientId: clientIds[0] as string, at: new Date(Date.now() - 86_400_000).toISOString() };
    const [restoreMe] = await provisionKey(ctx.emulator.db, id, { label: 'restore-me', type: 'AES', size: 128, binnedBy });
    const [purgeMe] = await provisionKey(ctx.emulator.db, id, { label: 'purge-me', type: 'AES', size: 128, binnedBy });
    expect(await ctx.hsm.admin.restoreKeys(request(id, [restoreMe as string]))).toMatchObject({
      results: [{ status: 'restored', label: 'restore-me' }],
    });
    expect(await ctx.hsm.admin.purgeKeys(request(id, [purgeMe as string]))).toMatchObject({ results: [{ status: 'purged', label: 'purge-me' }] });
    expect(await counters(id)).toMatchObject({ keyCount: 1, binCount: 0, usedObjects: 1 });
  });

  it('fails cleanly per key: a live key, an unknown ID, another partition’s key and a purged key are "not in the bin"', async () => {
    const p = await partitionWith();
    const other = await partitionWith();
    await ctx.hsm.client.deleteKey(p.id, p.clientId, p.aes);
    await ctx.hsm.client.deleteKey(other.id, other.clientId, other.aes);
    const result = await ctx.hsm.admin.restoreKeys(request(p.id, [p.aes, p.ecPrivate, 'key_nope', other.aes]));
    expect(result).toMatchObject({
      status: 'done',
      results: [
        { keyId: p.aes, status: 'restored' },
        { keyId: p.ecPrivate, status: 'not-in-bin', label: null, message: expect.stringContaining('Not in this partition') },
        { keyId: 'key_nope', status: 'not-in-bin' },
        { keyId: other.aes, status: 'not-in-bin' },
      ],
    });
    expect((await ctx.hsm.admin.getPartition(other.id))?.binCount).toBe(1);
    expect(await ctx.hsm.admin.purgeKeys(request('par_missing', [p.aes]))).toEqual({ status: 'not-found' });
  });

  it('is idempotent per request key: a replay returns the stored result and changes nothing', async () => {
    const p = await partitionWith();
    await ctx.hsm.client.deleteKey(p.id, p.clientId, p.aes);
    const key = randomUUID();
    const [first, second] = await Promise.all([
      ctx.hsm.admin.restoreKeys(request(p.id, [p.aes], key)),
      ctx.hsm.admin.restoreKeys(request(p.id, [p.aes], key)),
    ]);
    expect(second).toEqual(first);
    expect(first).toMatchObject({ results: [{ status: 'restored' }] });
    // The key is deleted again; replaying the old restore must not bring it back.
    await ctx.hsm.client.deleteKey(p.id, p.clientId, p.aes);
    expect(await ctx.hsm.admin.restoreKeys(request(p.id, [p.aes], key))).toEqual(first);
    expect((await ctx.hsm.admin.listBin({ partitionId: p.id })).items.map((k) => k.id)).toEqual([p.aes]);
    expect(await counters(p.id)).toMatchObject({ binCount: 1 });
    await expect(ctx.hsm.admin.purgeKeys(request(p.id, [p.aes], key))).rejects.toThrow('another operation');
  });
});

describe('listing the bin', () => {
  it('pages newest invalidation first, by partition or tenant, and narrows to given key IDs', async () => {
    const ownTenant = await makeTenant(ctx);
    const { id, clientIds } = await provisionPartition(ctx.emulator.db, { tenantId: ownTenant, name: uniqueId('many') });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const at = new Date(Date.UTC(2026, 10, 1 + i)).toISOString();
      ids.push(...(await provisionKey(ctx.emulator.db, id, { label: `k${i}`, type: 'AES', size: 128, binnedBy: { clientId: clientIds[0] as string, at } })));
    }
    const newestFirst = [...ids].reverse();
    const first = await ctx.hsm.admin.listBin({ partitionId: id, limit: 2 });
    expect(first.total).toBe(5);
    expect(first.items.map((k) => k.id)).toEqual(newestFirst.slice(0, 2));
    expect(first.prevCursor).toBeNull();
    const second = await ctx.hsm.admin.listBin({ partitionId: id, limit: 2, cursor: first.nextCursor });
    expect(second.items.map((k) => k.id)).toEqual(newestFirst.slice(2, 4));
    const third = await ctx.hsm.admin.listBin({ partitionId: id, limit: 2, cursor: second.nextCursor });
    expect(third.items.map((k) => k.id)).toEqual(newestFirst.slice(4));
    expect(third.nextCursor).toBeNull();
    const back = await ctx.hsm.admin.listBin({ partitionId: id, limit: 2, cursor: third.prevCursor });
    expect(back.items.map((k) => k.id)).toEqual(newestFirst.slice(2, 4));

    expect((await ctx.hsm.admin.listBin({ tenantId: ownTenant })).total).toBe(5);
    expect((await ctx.hsm.admin.listBin({ partitionId: id, keyIds: [ids[1] as string, 'key_other'] })).items.map((k) => k.id)).toEqual([
      ids[1],
    ]);
    const totals = await ctx.hsm.admin.binTotals({ tenantId: ownTenant });
    expect(totals).toEqual([expect.objectContaining({ partitionId: id, objects: 5, bytes: 5 * objectBytes('AES', 128, 'secret') })]);
  });
});
