import { randomUUID } from 'node:crypto';
import type { AppContext } from '@/lib/context';

/** The FormData a bin dialog posts: `keys` as partitionId/keyId, a fresh submission id, and any extra fields. */
export function binForm(keys: { partitionId: string; keyId: string }[], extra: Record<string, string> = {}): FormData {
  const form = new FormData();
  form.set('idempotencyKey', randomUUID());
  form.set('keys', keys.map((k) => `${k.partitionId}/${k.keyId}`).join(','));
  for (const [name, value] of Object.entries(extra)) form.set(name, value);
  return form;
}

/** Everything a refused restore or purge must leave untouched: keys, their states, counters, audit rows. */
export async function binSnapshot(ctx: AppContext & { emulator: { db: AppContext['db'] } }, partitionId: string) {
  const keys = await ctx.emulator.db.query<{ id: string; state: string; label: string }>(
    'SELECT id, state, label FROM hsm.keys WHERE partition_id = $1 ORDER BY id',
    [partitionId],
  );
  const partition = await ctx.hsm.admin.getPartition(partitionId);
  const [audit] = await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_events WHERE partition_id = $1', [
    partitionId,
  ]);
  return {
    keys,
    keyCount: partition?.keyCount,
    binCount: partition?.binCount,
    capacity: partition?.capacity,
    auditRows: audit?.n ?? 0,
  };
}
