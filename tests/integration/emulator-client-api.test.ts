import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HsmError } from '@/lib/hsm/types';
import type { PartitionPolicy } from '@/lib/policy';
import { makePartition, makeTenant, testContext } from '../support/context';

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

const EXTRACTABLE_AES = { label: 'aes-x', type: 'AES', size: 256, extractable: true, sensitive: false } as const;
const EC_PAIR = { label: 'ec-sig', type: 'EC', size: 256 } as const;

async function partitionWith(policy: Partial<PartitionPolicy>) {
  const p = await makePartition(ctx, tenant, { policy, keys: [EXTRACTABLE_AES, EC_PAIR] });
  const [aes] = p.keyIds[0] as [string];
  const [ecPrivate, ecPublic] = p.keyIds[1] as [string, string];
  return { ...p, aes, ecPrivate, ecPublic };
}

/** Asserts the call is refused by the HSM with this primary reason code. */
async function expectDenied(call: Promise<unknown>, code: string) {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HsmError);
  const hsmError = error as HsmError;
  expect(hsmError.code).toBe('DENIED');
  expect(hsmError.reasons[0]?.code).toBe(code);
}

describe('client API works when policies allow it', () => {
  it('signs, verifies, encrypts, decrypts, wraps, unwraps, imports, exports, modifies, derives', async () => {
    const p = await partitionWith({ keyExport: true, keyImport: true });
    const c = ctx.hsm.client;
    const data = Buffer.from('payload');
    const signature = await c.sign(p.id, p.clientId, p.ecPrivate, data);
    expect(await c.verify(p.id, p.clientId, p.ecPublic, data, signature)).toBe(true);
    expect(await c.verify(p.id, p.clientId, p.ecPublic, Buffer.from('other'), signature)).toBe(false);
    const sealed = await c.encrypt(p.id, p.clientId, p.aes, data);
    expect(Buffer.from(await c.decrypt(p.id, p.clientId, p.aes, sealed)).toString()).toBe('payload');
    const exported = await c.exportKey(p.id, p.clientId, p.aes);
    expect(exported.length).toBe(32);
    const wrapped = await c.wrapKey(p.id, p.clientId, p.aes, p.aes);
    const unwrapped = await c.unwrapKey(p.id, p.clientId, p.aes, wrapped, { label: 'aes-copy', type: 'AES', size: 256 });
    const reSealed = await c.encrypt(p.id, p.clientId, unwrapped.id, data);
    expect(Buffer.from(await c.decrypt(p.id, p.clientId, p.aes, reSealed)).toString()).toBe('payload');
    const pkcs8 = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'der', type: 'pkcs8' });
    const imported = await c.importKey(p.id, p.clientId, { label: 'imported-ec', type: 'EC', size: 256 }, pkcs8);
    expect(imported.attributes.neverExtractable).toBe(false);
    const renamed = await c.modifyKey(p.id, p.clientId, p.aes, { label: 'aes-renamed' });
    expect(renamed.label).toBe('aes-renamed');
    expect((await c.derive(p.id, p.clientId, p.aes, Buffer.from('ctx'))).length).toBe(32);
    expect((await c.createSessionObject(p.id, p.clientId, { label: 's', type: 'AES', size: 128 })).handle).toMatch(/^session_/);
  });
});

describe('the emulator refuses each blocked operation with the policy model reason', () => {
  it('offline (Client API Access disabled): every call fails with PARTITION_OFFLINE', async () => {
    const p = await partitionWith({ clientApiAccess: false });
    const c = ctx.hsm.client;
    await expectDenied(c.listKeys(p.id, p.clientId), 'PARTITION_OFFLINE');
    await expectDenied(c.sign(p.id, p.clientId, p.ecPrivate, Buffer.from('x')), 'PARTITION_OFFLINE');
    await expectDenied(c.verify(p.id, p.clientId, p.ecPublic, Buffer.from('x'), Buffer.from('y')), 'PARTITION_OFFLINE');
    await expectDenied(c.createKey(p.id, p.clientId, { label: 'n', type: 'AES', size: 128 }), 'PARTITION_OFFLINE');
    await expectDenied(c.deleteKey(p.id, p.clientId, p.aes), 'PARTITION_OFFLINE');
    await expectDenied(c.createSessionObject(p.id, p.clientId, { label: 's', type: 'AES', size: 128 }), 'PARTITION_OFFLINE');
  });

  it('read-only: create, import, unwrap, modify, delete fail; use and session objects work', async () => {
    const p = await partitionWith({ readOnly: true, keyImport: true, keyExport: true });
    const c = ctx.hsm.client;
    await expectDenied(c.createKey(p.id, p.clientId, { label: 'n', type: 'AES', size: 128 }), 'PARTITION_READ_ONLY');
    await expectDenied(c.importKey(p.id, p.clientId, { label: 'i', type: 'AES', size: 128 }, randomBytes(16)), 'PARTITION_READ_ONLY');
    const wrapped = await c.wrapKey(p.id, p.clientId, p.aes, p.aes);
    await expectDenied(c.unwrapKey(p.id, p.clientId, p.aes, wrapped, { label: 'u', type: 'AES', size: 256 }), 'PARTITION_READ_ONLY');
    await expectDenied(c.modifyKey(p.id, p.clientId, p.aes, { label: 'm' }), 'PARTITION_READ_ONLY');
    await expectDenied(c.deleteKey(p.id, p.clientId, p.aes), 'PARTITION_READ_ONLY');
    await c.sign(p.id, p.clientId, p.ecPrivate, Buffer.from('x'));
    await c.createSessionObject(p.id, p.clientId, { label: 's', type: 'AES', size: 128 });
    expect((await c.listKeys(p.id, p.clientId)).length).toBe(3);
  });

  it('Object Destruction disabled: delete fails even with Key Invalidation enabled', async () => {
    const p = await partitionWith({ objectDestruction: false, keyInvalidation: true });
    await expectDenied(ctx.hsm.client.deleteKey(p.id, p.clientId, p.aes), 'DESTRUCTION_DISABLED');
    expect((await ctx.hsm.admin.getPartition(p.id))?.keyCount).toBe(3);
  });

  it('Object Usage disabled: secret and private keys cannot be used; public verify still works; wrap follows Export', async () => {
    const usable = await partitionWith({});
    const signature = await ctx.hsm.client.sign(usable.id, usable.clientId, usable.ecPrivate, Buffer.from('x'));
    const p = await partitionWith({ objectUsage: false, keyExport: true });
    const c = ctx.hsm.client;
    await expectDenied(c.sign(p.id, p.clientId, p.ecPrivate, Buffer.from('x')), 'USAGE_DISABLED');
    await expectDenied(c.encrypt(p.id, p.clientId, p.aes, Buffer.from('x')), 'USAGE_DISABLED');
    await expectDenied(c.decrypt(p.id, p.clientId, p.aes, Buffer.alloc(40)), 'USAGE_DISABLED');
    await expectDenied(c.derive(p.id, p.clientId, p.aes, Buffer.from('x')), 'USAGE_DISABLED');
    await expectDenied(c.verify(p.id, p.clientId, p.ecPrivate, Buffer.from('x'), signature), 'USAGE_DISABLED');
    // A public key still verifies (here a signature from another partition's key: false, but not refused).
    expect(await c.verify(p.id, p.clientId, p.ecPublic, Buffer.from('x'), signature)).toBe(false);
    expect((await c.wrapKey(p.id, p.clientId, p.aes, p.aes)).length).toBeGreaterThan(32);
  });

  it('Key Import not allowed: import and unwrap fail', async () => {
    const p = await partitionWith({ keyImport: false, keyExport: true });
    const c = ctx.hsm.client;
    await expectDenied(c.importKey(p.id, p.clientId, { label: 'i', type: 'AES', size: 128 }, randomBytes(16)), 'IMPORT_NOT_ALLOWED');
    const wrapped = await c.wrapKey(p.id, p.clientId, p.aes, p.aes);
    await expectDenied(c.unwrapKey(p.id, p.clientId, p.aes, wrapped, { label: 'u', type: 'AES', size: 256 }), 'IMPORT_NOT_ALLOWED');
  });

  it('Key Export not allowed: export and wrap fail; a non-extractable or sensitive key is refused by attribute', async () => {
    const p = await partitionWith({ keyExport: false });
    const c = ctx.hsm.client;
    await expectDenied(c.exportKey(p.id, p.clientId, p.aes), 'EXPORT_NOT_ALLOWED');
    await expectDenied(c.wrapKey(p.id, p.clientId, p.aes, p.aes), 'EXPORT_NOT_ALLOWED');
    const open = await partitionWith({ keyExport: true });
    await expectDenied(c.exportKey(open.id, open.clientId, open.ecPrivate), 'KEY_NOT_EXTRACTABLE');
    await expectDenied(c.wrapKey(open.id, open.clientId, open.aes, open.ecPrivate), 'KEY_NOT_EXTRACTABLE');
  });

  it('Session Objects disabled: session keys cannot be created', async () => {
    const p = await partitionWith({ sessionObjects: false });
    await expectDenied(
      ctx.hsm.client.createSessionObject(p.id, p.clientId, { label: 's', type: 'AES', size: 128 }),
      'SESSION_OBJECTS_DISABLED',
    );
  });

  it('returns every reason, the first one primary', async () => {
    const p = await partitionWith({ clientApiAccess: false, readOnly: true, objectDestruction: false });
    const error = await ctx.hsm.client.deleteKey(p.id, p.clientId, p.aes).catch((e: unknown) => e);
    expect((error as HsmError).reasons.map((r) => r.code)).toEqual([
      'PARTITION_OFFLINE',
      'PARTITION_READ_ONLY',
      'DESTRUCTION_DISABLED',
    ]);
  });
});

describe('delete, bin and key state', () => {
  it('Key Invalidation enabled: delete moves the key to the bin; it looks deleted but keeps its label and space', async () => {
    const p = await partitionWith({ keyInvalidation: true });
    const before = await ctx.hsm.admin.getPartition(p.id);
    expect(await ctx.hsm.client.deleteKey(p.id, p.clientId, p.aes)).toEqual({ effect: 'invalidated' });
    const after = await ctx.hsm.admin.getPartition(p.id);
    expect(after?.binCount).toBe(1);
    expect(after?.capacity.usedObjects).toBe(before?.capacity.usedObjects);
    const error = await ctx.hsm.client.encrypt(p.id, p.clientId, p.aes, Buffer.from('x')).catch((e: unknown) => e);
    expect((error as HsmError).code).toBe('NOT_FOUND');
    const conflict = await ctx.hsm.client
      .createKey(p.id, p.clientId, { label: 'aes-x', type: 'AES', size: 256 })
      .catch((e: unknown) => e);
    expect((conflict as HsmError).code).toBe('LABEL_CONFLICT');
    expect((conflict as HsmError).message).toContain('in the bin');
  });

  it('Key Invalidation disabled: delete destroys the key and frees its space', async () => {
    const p = await partitionWith({ keyInvalidation: false });
    const before = await ctx.hsm.admin.getPartition(p.id);
    expect(await ctx.hsm.client.deleteKey(p.id, p.clientId, p.aes)).toEqual({ effect: 'destroyed' });
    const after = await ctx.hsm.admin.getPartition(p.id);
    expect(after?.binCount).toBe(0);
    expect(after?.capacity.usedObjects).toBe((before?.capacity.usedObjects ?? 0) - 1);
    await ctx.hsm.client.createKey(p.id, p.clientId, { label: 'aes-x', type: 'AES', size: 256 });
  });

  it('a client of another partition is refused', async () => {
    const a = await partitionWith({});
    const b = await partitionWith({});
    const error = await ctx.hsm.client.listKeys(a.id, b.clientId).catch((e: unknown) => e);
    expect((error as HsmError).code).toBe('NOT_FOUND');
  });
});
