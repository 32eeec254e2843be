import type { AppContext } from '@/lib/context';

/** A snapshot of everything a denied call must leave untouched. */
export async function storeSnapshot(ctx: AppContext, partitionId: string) {
  const partition = await ctx.hsm.admin.getPartition(partitionId);
  const [audit] = await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_events WHERE partition_id = $1', [
    partitionId,
  ]);
  return { policy: partition?.policy, version: partition?.version, auditRows: audit?.n ?? 0 };
}

export async function securityLogFor(ctx: AppContext, userId: string | null, action: string) {
  return ctx.db.query<{ reason: string; target: string | null }>(
    'SELECT reason, target FROM security_log WHERE (user_id = $1 OR ($1::text IS NULL AND user_id IS NULL)) AND action = $2 ORDER BY id',
    [userId, action],
  );
}
