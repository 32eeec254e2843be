import { randomUUID } from 'node:crypto';
import type { Queryable } from '@/lib/db/driver';
import { DEFAULT_POLICY, type KeyClass, type PartitionPolicy, type PolicyId } from '@/lib/policy';
import type { KeyType } from '../types';
import { objectBytes } from './material';
import { POLICY_COLUMNS } from './rows';

/**
 * The provider's provisioning: tenants, partitions, client identities and keys made outside the
 * client API (demo seed, test factories, fleet loads). Not part of the HsmCluster interface.
 */
export type PartitionSpec = {
  id?: string;
  tenantId: string;
  name: string;
  servicePackage?: string;
  policy?: Partial<PartitionPolicy>;
  capacityObjects?: number;
  capacityBytes?: number;
  clients?: { name: string; kind: string }[];
  createdAt?: string;
};

export type KeySpec = {
  label: string;
  type: KeyType;
  size: number;
  extractable?: boolean;
  sensitive?: boolean;
  modifiable?: boolean;
  destroyable?: boolean;
  createdAt?: string;
  /** Put the key (or pair) straight into the bin, invalidated by this client. */
  binnedBy?: { clientId: string; at: string };
};

export async function provisionTenant(q: Queryable, id: string, name: string): Promise<void> {
  await q.query('INSERT INTO hsm.tenants (id, name) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING', [id, name]);
}

export async function provisionPartition(q: Queryable, spec: PartitionSpec): Promise<{ id: string; clientIds: string[] }> {
  const id = spec.id ?? `par_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const policy = { ...DEFAULT_POLICY, ...spec.policy };
  const policyIds = Object.keys(POLICY_COLUMNS) as PolicyId[];
  const columns = policyIds.map((p) => POLICY_COLUMNS[p]);
  const values = [
    id,
    spec.tenantId,
    spec.name,
    spec.servicePackage ?? 'standard',
    spec.capacityObjects ?? 1000,
    spec.capacityBytes ?? 2_000_000,
    spec.createdAt ?? new Date().toISOString(),
    ...policyIds.map((p) => policy[p]),
  ];
  await q.query(
    `INSERT INTO hsm.partitions (id, tenant_id, name, package, capacity_objects, capacity_bytes, created_at, ${columns.join(', ')}, updated_at)
     VALUES (${values.map((_, i) => `$${i + 1}`).join(', ')}, $7)`,
    values,
  );
  const clientIds: string[] = [];
  for (const [index, client] of (spec.clients ?? [{ name: 'app-1', kind: 'PKCS#11' }]).entries()) {
    const clientId = `${id}_c${index + 1}`;
    clientIds.push(clientId);
    await q.query('INSERT INTO hsm.clients (id, partition_id, name, kind) VALUES ($1, $2, $3, $4)', [
      clientId,
      id,
      client.name,
      client.kind,
    ]);
  }
  return { id, clientIds };
}

/** Adds a key (a secret key, or a private/public pair) without material: it is made on first use. */
export async function provisionKey(q: Queryable, partitionId: string, spec: KeySpec): Promise<string[]> {
  const classes: KeyClass[] = spec.type === 'AES' ? ['secret'] : ['private', 'public'];
  const pairId = classes.length > 1 ? `pair_${randomUUID()}` : null;
  const extractable = spec.extractable ?? false;
  const sensitive = spec.sensitive ?? true;
  const ids: string[] = [];
  let bytes = 0;
  for (const keyClass of classes) {
    const isPublic = keyClass === 'public';
    const id = `key_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    const size = objectBytes(spec.type, spec.size, keyClass);
    bytes += size;
    ids.push(id);
    await q.query(
      `INSERT INTO hsm.keys (id, partition_id, pair_id, label, type, size, key_class, extractable, sensitive, modifiable,
         destroyable, always_sensitive, never_extractable, bytes, created_at, state, binned_at, binned_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
      [
        id,
        partitionId,
        pairId,
        spec.label,
        spec.type,
        spec.size,
        keyClass,
        isPublic ? true : extractable,
        isPublic ? false : sensitive,
        spec.modifiable ?? true,
        spec.destroyable ?? true,
        isPublic ? false : sensitive,
        isPublic ? false : !extractable,
        size,
        spec.createdAt ?? new Date().toISOString(),
        spec.binnedBy ? 'binned' : 'active',
        spec.binnedBy?.at ?? null,
        spec.binnedBy?.clientId ?? null,
      ],
    );
  }
  const live = spec.binnedBy ? 0 : classes.length;
  await q.query(
    `UPDATE hsm.partitions SET key_count = key_count + $2, bin_count = bin_count + $3,
       used_objects = used_objects + $4, used_bytes = used_bytes + $5 WHERE id = $1`,
    [partitionId, live, classes.length - live, classes.length, bytes],
  );
  return ids;
}

/** Records a past policy change as the cluster would have logged it (demo history). */
export async function provisionPolicyChange(
  q: Queryable,
  partitionId: string,
  change: { policy: PolicyId; to: boolean; actor: string; at: string },
): Promise<number> {
  const column = POLICY_COLUMNS[change.policy];
  const [row] = await q.query<{ version: number; from_value: boolean }>(
    `UPDATE hsm.partitions p SET ${column} = $2, version = version + 1, updated_at = $3
       FROM (SELECT ${column} AS from_value FROM hsm.partitions WHERE id = $1) old
      WHERE p.id = $1 RETURNING p.version, old.from_value`,
    [partitionId, change.to, change.at],
  );
  if (!row) throw new Error(`no partition ${partitionId}`);
  await q.query(
    'INSERT INTO hsm.policy_log (partition_id, version, policy, from_value, to_value, actor, at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [partitionId, row.version, change.policy, row.from_value, change.to, change.actor, change.at],
  );
  return row.version;
}
