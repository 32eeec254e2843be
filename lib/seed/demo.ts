import { randomUUID } from 'node:crypto';
import type { AppContext } from '@/lib/context';
import { hashPassword } from '@/lib/auth/password';
import { HsmEmulator } from '@/lib/hsm/emulator';
import { provisionKey, provisionPartition, provisionPolicyChange, provisionTenant } from '@/lib/hsm/emulator/provision';
import { SERVICE_PACKAGES, type ServicePackage } from '@/lib/policy';
import { DEMO_PARTITIONS, DEMO_PASSWORD, DEMO_TENANTS, DEMO_USERS, type DemoPartition } from './demo-data';
import { pick, seededRandom } from './random';

const DAY = 24 * 60 * 60 * 1000;
const CLIENT_KINDS = ['PKCS#11', 'JCE', 'MSCNG', 'REST'] as const;
const PURPOSES = ['tok', 'mac', 'kek', 'dek', 'sig', 'pin', 'cvv', 'tls', 'jwt', 'bak'] as const;

/** Seeds the demo tenants, users, partitions, keys and history once, into an empty store. */
export async function seedDemoIfEmpty(ctx: AppContext, emulator: HsmEmulator): Promise<boolean> {
  const [{ n } = { n: 0 }] = await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
  if (n > 0) return false;
  await seedDemo(ctx, emulator);
  return true;
}

export async function seedDemo(ctx: AppContext, emulator: HsmEmulator): Promise<void> {
  const random = seededRandom(20261203);
  const now = Date.now();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const userIds = new Map<string, { id: string; name: string; role: string }>();

  await emulator.db.transaction(async (tx) => {
    for (const tenant of DEMO_TENANTS) await provisionTenant(tx, tenant.id, tenant.name);
    for (const partition of DEMO_PARTITIONS) await seedPartition(tx, partition, random, now);
  });

  await ctx.db.transaction(async (tx) => {
    for (const user of DEMO_USERS) {
      const id = `usr_${user.email.replace(/[^a-z0-9]/g, '_')}`;
      userIds.set(user.email, { id, name: user.name, role: user.role });
      await tx.query(
        'INSERT INTO users (id, email, name, password_hash, role, tenant_id) VALUES ($1, $2, $3, $4, $5, $6)',
        [id, user.email, user.name, passwordHash, user.role, user.tenantId],
      );
    }
  });

  // Past changes go through the cluster's log and the console's audit, as if made in the console.
  for (const partition of DEMO_PARTITIONS) {
    for (const change of partition.history ?? []) {
      const who = userIds.get(change.by);
      if (!who) continue;
      const at = new Date(now - change.daysAgo * DAY).toISOString();
      const version = await provisionPolicyChange(emulator.db, partition.id, {
        policy: change.policy,
        to: change.to,
        actor: `console:${who.id}`,
        at,
      });
      const key = randomUUID();
      for (const phase of ['intent', 'outcome'] as const) {
        await ctx.db.query(
          `INSERT INTO audit_events (at, phase, idempotency_key, action, tenant_id, partition_id, partition_name, actor_id,
              actor_name, actor_role, policy, before_value, after_value, reason, ticket, outcome, message, backend_version)
           VALUES ($1, $2, $3, 'policy.change', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
          [
            at,
            phase,
            key,
            partition.tenantId,
            partition.id,
            partition.name,
            who.id,
            who.name,
            who.role,
            change.policy,
            !change.to,
            change.to,
            change.reason,
            change.ticket ?? null,
            phase === 'outcome' ? 'applied' : null,
            phase === 'outcome' ? 'seeded history' : null,
            phase === 'outcome' ? version : null,
          ],
        );
      }
    }
  }
}

async function seedPartition(
  tx: Parameters<Parameters<HsmEmulator['db']['transaction']>[0]>[0],
  partition: DemoPartition,
  random: () => number,
  now: number,
): Promise<void> {
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
