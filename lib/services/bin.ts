import type { AppContext } from '@/lib/context';
import { can } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/auth/roles';
import type { BinnedKey, BinTotals, Page, PartitionDetail } from '@/lib/hsm/types';
import { type AuditEntry, listAudit } from './audit';
import { findVisiblePartition } from './partitions';

/**
 * What the bin pages show. Labels, key IDs and who invalidated a key need `bin.read`; provider
 * support (`bin.counts` only) gets the totals, never a key. Restore and purge need `bin.manage`.
 */

/** A bin holding more than this share of the partition's capacity (objects or bytes) is flagged. */
export const BIN_WARNING_SHARE = 0.2;

export const BIN_ACTIONS = ['bin.restore', 'bin.purge'] as const;

export type BinTotalsView = BinTotals & { objectShare: number; byteShare: number; warning: boolean };

export type BinKeyView = BinnedKey & { age: string };

export type BinView = {
  totals: BinTotalsView[];
  /** Null when the actor may see counts and sizes only. */
  keys: Page<BinKeyView> | null;
  canManage: boolean;
  /** Bin restores and purges from the audit, one line per key; null when the actor may not read them. */
  history: AuditEntry[] | null;
};

export type PartitionBinView = BinView & { partition: PartitionDetail; notes: string[] };

const PAGE_SIZE = 50;

export function totalsView(totals: BinTotals): BinTotalsView {
  const objectShare = totals.capacity.objects > 0 ? totals.objects / totals.capacity.objects : 0;
  const byteShare = totals.capacity.bytes > 0 ? totals.bytes / totals.capacity.bytes : 0;
  return { ...totals, objectShare, byteShare, warning: Math.max(objectShare, byteShare) > BIN_WARNING_SHARE };
}

/** "3 minutes", "5 hours", "12 days": how long a key has been in the bin. */
export function binAge(binnedAt: string, now: number = Date.now()): string {
  const minutes = Math.max(0, Math.floor((now - Date.parse(binnedAt)) / 60_000));
  const [value, unit] =
    minutes < 60 ? [minutes, 'minute'] : minutes < 48 * 60 ? [Math.floor(minutes / 60), 'hour'] : [Math.floor(minutes / 1440), 'day'];
  return `${value} ${unit}${value === 1 ? '' : 's'}`;
}

function keysView(page: Page<BinnedKey>, now: number): Page<BinKeyView> {
  return { ...page, items: page.items.map((key) => ({ ...key, age: binAge(key.binnedAt, now) })) };
}

/** Why restore and purge still work here, in the words the page shows. */
function notesFor(partition: PartitionDetail): string[] {
  const notes: string[] = [];
  if (partition.readOnly) {
    notes.push('This partition is read-only: restore and purge are administrative acts and work while the partition is read-only.');
  }
  if (!partition.online) {
    notes.push('This partition is offline: restore and purge are administrative acts and work while the partition is offline.');
  }
  if (!partition.policy.objectDestruction) {
    notes.push('Object Destruction is disabled: client deletes fail, but purging the bin is an administrative act and still works.');
  }
  if (!partition.policy.keyInvalidation) {
    notes.push('Key Invalidation is disabled: client deletes now destroy keys at once. Keys already in the bin stay restorable.');
  }
  return notes;
}

async function historyFor(ctx: AppContext, actor: Actor, filter: { partitionId?: string; tenantId?: string | null }) {
  if (!can(actor.role, 'bin.read') || !can(actor.role, 'audit.read')) return null;
  return listAudit(ctx.db, { ...filter, actions: BIN_ACTIONS, limit: 50 });
}

/** One partition's bin, or null when the partition is not visible to the actor (or the bin is not). */
export async function partitionBinView(
  ctx: AppContext,
  actor: Actor,
  partitionId: string,
  cursor: string | null = null,
): Promise<PartitionBinView | null> {
  if (!can(actor.role, 'bin.counts')) return null;
  const partition = await findVisiblePartition(ctx, actor, partitionId);
  if (!partition) return null;
  const showKeys = can(actor.role, 'bin.read');
  const [totals, keys, history] = await Promise.all([
    ctx.hsm.admin.binTotals({ partitionId: partition.id }),
    showKeys ? ctx.hsm.admin.listBin({ partitionId: partition.id, cursor, limit: PAGE_SIZE }) : Promise.resolve(null),
    historyFor(ctx, actor, { partitionId: partition.id }),
  ]);
  const now = Date.now();
  return {
    partition,
    notes: notesFor(partition),
    totals: totals.map(totalsView),
    keys: keys ? keysView(keys, now) : null,
    canManage: can(actor.role, 'bin.manage'),
    history,
  };
}

/**
 * Every bin the actor may see: their tenant's partitions, or (for provider-side roles) every
 * tenant's, optionally narrowed to one tenant. Partitions are listed fullest bin first.
 */
export async function tenantBinView(
  ctx: AppContext,
  actor: Actor,
  query: { tenantId?: string | null; cursor?: string | null } = {},
): Promise<BinView | null> {
  if (!can(actor.role, 'bin.counts')) return null;
  const tenantId = actor.tenantId ?? query.tenantId ?? null;
  const showKeys = can(actor.role, 'bin.read');
  const [totals, keys, history] = await Promise.all([
    ctx.hsm.admin.binTotals({ tenantId, limit: 200 }),
    showKeys ? ctx.hsm.admin.listBin({ tenantId, cursor: query.cursor ?? null, limit: PAGE_SIZE }) : Promise.resolve(null),
    historyFor(ctx, actor, { tenantId }),
  ]);
  const now = Date.now();
  return {
    totals: totals.map(totalsView),
    keys: keys ? keysView(keys, now) : null,
    canManage: can(actor.role, 'bin.manage'),
    history,
  };
}
