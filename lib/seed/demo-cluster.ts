import type { Database, Queryable } from '@/lib/db/driver';
import { provisionKey, provisionPartition, provisionPolicyChange, provisionTenant } from '@/lib/hsm/emulator/provision';
import { SERVICE_PACKAGES, type ServicePackage } from '@/lib/policy';
import { DEMO_PARTITIONS, DEMO_TENANTS, type DemoPartition } from './demo-data';
import { demoActor } from './demo-ids';
import { pick, seededRandom } from './random';

/**
 * The HSM half of the demo: tenants, partitions, client identities, keys (some in the bin) and the
 * past policy changes in the cluster's log, all through the emulator's provisioning. Used by the
 * embedded backend (lib/seed/demo.ts) and by the standalone emulator (`npm run hsm-emulator --
 * --seed-demo`); it knows nothing of console users.
 */

const DAY = 24 * 60 * 60 * 1000;
const CLIENT_KINDS = ['PKCS#11', 'JCE', 'MSCNG', 'REST'] as const;
const PURPOSES = ['tok', 'mac', 'kek', 'dek', 'sig', 'pin', 'cvv', 'tls', 'jwt', 'bak'] as const;

/** Seeds the demo cluster into an emulator database that has no demo tenant yet; false if it had one. */
export async function seedDemoCluster(db: Database): Promise<boolean> {
  const random = seededRandom(20261203);
  const now = Date.now();
  return db.transaction(async (tx) => {
    const [seeded] = await tx.query('SELECT 1 FROM hsm.tenants WHERE id = $1', [DEMO_TENANTS[0].id]);
    if (seeded) return false;
    for (const tenant of DEMO_TENANTS) await provisionTenant(tx, tenant.id, tenant.name);
    for (const partition of DEMO_PARTITIONS) await seedPartition(tx, partition, random, now);
    // Past changes, as the cluster logged them when console users made them.
    for (const partition of DEMO_PARTITIONS) {
      for (const change of partition.history ?? []) {
        await provisionPolicyChange(tx, partition.id, {
          policy: change.policy,
          to: change.to,
          actor: demoActor(change.by),
          at: new Date(now - change.daysAgo * DAY).toISOString(),
        });
      }
    }
    return true;
  });
}

async function seedPartition(tx: Queryable, partition: DemoPartition, random: () => number, now: number): Promise<void> {
  const base = SERVICE_PACKAGES[partition.servicePackage as ServicePackage] ?? SERVICE_PACKAGES.standard;
  // History is replayed on top: start from the value before the first recorded change.
  const initial = { ...base, ...partition.policy };
  for (const change of partition.history ?? []) initial[change.policy] = !change.to;
  const clients = Array.from({ length: partition.clients }, (_, i) => ({
    name: `${partition.name}-app-${String(i + 1).padStart(2, '0')}`,
    kind: pick(random, CLIENT_KINDS),
  }));
  const { clientIds } = await provisionPartition(tx, {
    id: partition.id,
    tenantId: partition.tenantId,
    name: partition.name,
    servicePackage: partition.servicePackage,
    policy: initial,
    capacityObjects: 200,
    capacityBytes: 120_000,
    clients,
    createdAt: new Date(now - 400 * DAY).toISOString(),
  });
  for (let i = 0; i < partition.keys + partition.binned; i++) {
    const roll = random();
    const type = roll < 0.6 ? 'AES' : roll < 0.93 ? 'EC' : 'RSA';
    const size = type === 'AES' ? pick(random, [128, 256, 256]) : type === 'EC' ? pick(random, [256, 256, 384]) : 2048;
    const extractable = random() < 0.3;
    await provisionKey(tx, partition.id, {
      label: `${partition.name}-${pick(random, PURPOSES)}-${type.toLowerCase()}-${String(i + 1).padStart(4, '0')}`,
      type,
      size,
      extractable,
      sensitive: random() < 0.85,
      modifiable: random() < 0.7,
      destroyable: random() < 0.9,
      createdAt: new Date(now - Math.floor(random() * 380) * DAY).toISOString(),
      binnedBy:
        i >= partition.keys
          ? { clientId: pick(random, clientIds), at: new Date(now - Math.floor(random() * 40 + 1) * DAY).toISOString() }
          : undefined,
    });
  }
}
