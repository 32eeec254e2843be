import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePartition, makeTenant } from '../support/context';
import { adapterContract } from '../support/adapter-contract';
import { httpTestContext, type HttpTestContext } from '../support/http';

/** The same adapter expectations against the embedded emulator and the http backend. */

let h: HttpTestContext;

beforeAll(async () => {
  h = await httpTestContext();
});
afterAll(async () => {
  await h.close();
});

describe('HsmCluster contract: embedded emulator', () => {
  adapterContract(
    () => h,
    () => h.emulator,
  );
});

describe('HsmCluster contract: http backend over the standalone server', () => {
  adapterContract(
    () => h,
    () => h.http,
  );
});

describe('both backends read the same cluster identically', () => {
  it('partitions, details, profiles, bins and logs are deep-equal', async () => {
    const tenant = await makeTenant(h);
    const p = await makePartition(h, tenant, { keys: [{ label: 'a', type: 'AES', size: 256 }, { label: 'b', type: 'EC', size: 256 }] });
    await h.emulator.client.deleteKey(p.id, p.clientId, p.keyIds[0]?.[0] as string);
    const reads = async (c: typeof h.http | typeof h.emulator) => [
      await c.admin.listPartitions({ tenantId: tenant }),
      await c.admin.listPartitionPolicies({ tenantId: tenant }),
      await c.admin.getPartition(p.id),
      await c.admin.listClients(p.id),
      await c.admin.keyProfile(p.id),
      await c.admin.keyInventory(p.id, 10),
      await c.admin.listBin({ partitionId: p.id }),
      await c.admin.binTotals({ tenantId: tenant }),
      await c.admin.policyLog(p.id, 0),
      await c.client.listKeys(p.id, p.clientId),
    ];
    expect(await reads(h.http)).toEqual(await reads(h.emulator));
  });
});
