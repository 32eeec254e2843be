import type { AppContext } from '@/lib/context';
import type { Actor } from '@/lib/auth/roles';
import type { KeyObject, KeyType, PartitionDetail } from '@/lib/hsm/types';
import { evaluate, type DenyReason, type KeyAttributeId, type KeyClass, type Operation, type PolicyId } from '@/lib/policy';
import { findVisiblePartition } from './partitions';

export const OPERATION_FAMILIES = ['use', 'export', 'wrap', 'delete'] as const;
export type OperationFamily = (typeof OPERATION_FAMILIES)[number];

/** The client operation that stands for a family on a key of this class. */
export function familyOperation(family: OperationFamily, keyClass: KeyClass): Operation {
  switch (family) {
    case 'use':
      return keyClass === 'private' ? 'sign' : keyClass === 'public' ? 'verify' : 'encrypt';
    case 'export':
      return 'exportPlain';
    case 'wrap':
      return 'wrap';
    case 'delete':
      return 'delete';
  }
}

export type Possibility = { operation: Operation; allowed: boolean; reasons: DenyReason[] };

export type InventoryRow = KeyObject & { possible: Record<OperationFamily, Possibility> };

export type BlockedBy = PolicyId | KeyAttributeId;

export type InventoryFilter = { type?: KeyType; blockedBy?: BlockedBy };

export type Inventory = { partition: PartitionDetail; rows: InventoryRow[]; total: number; listed: number };

/** Partitions hold at most a few thousand objects; the inventory lists up to this many, newest first. */
export const INVENTORY_LIMIT = 2000;

function blames(reason: DenyReason, blockedBy: BlockedBy): boolean {
  return reason.kind === 'policy' ? reason.policy === blockedBy : reason.attribute === blockedBy;
}

/** Each live key with what is possible on it now, computed by the policy model. Null if not visible. */
export async function keyInventory(
  ctx: AppContext,
  actor: Actor,
  partitionId: string,
  filter: InventoryFilter,
): Promise<Inventory | null> {
  const partition = await findVisiblePartition(ctx, actor, partitionId);
  if (!partition) return null;
  const { keys, total } = await ctx.hsm.admin.keyInventory(partition.id, INVENTORY_LIMIT);
  const rows = keys.map((key): InventoryRow => {
    const possible = {} as Record<OperationFamily, Possibility>;
    for (const family of OPERATION_FAMILIES) {
      const operation = familyOperation(family, key.attributes.keyClass);
      const decision = evaluate(partition.policy, key.attributes, operation);
      possible[family] = { operation, allowed: decision.allowed, reasons: decision.allowed ? [] : decision.reasons };
    }
    return { ...key, possible };
  });
  const filtered = rows.filter(
    (row) =>
      (!filter.type || row.type === filter.type) &&
      (!filter.blockedBy ||
        OPERATION_FAMILIES.some((f) => row.possible[f].reasons.some((r) => blames(r, filter.blockedBy as BlockedBy)))),
  );
  return { partition, rows: filtered, total, listed: keys.length };
}
