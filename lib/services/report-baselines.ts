import type { AppContext } from '@/lib/context';
import type { Queryable } from '@/lib/db/driver';
import type { Actor } from '@/lib/auth/roles';
import { POLICY_IDS, type PartitionPolicy } from '@/lib/policy';
import { NEVER_EXTRACTABLE } from '@/lib/reports/baseline';
import type { Baseline, BaselineId } from '@/lib/reports/types';
import { writeReportAudit } from './report-audit';
import { fail, ok, type Result } from './result';
import { logSecurityEvent } from './security-log';

export type SavedBaseline = Baseline & { tenantId: string; savedBy: string; savedAt: string };

function cleanPolicy(value: unknown): Partial<PartitionPolicy> {
  const policy: Partial<PartitionPolicy> = {};
  if (typeof value !== 'object' || value === null) return policy;
  for (const id of POLICY_IDS) {
    const v = (value as Record<string, unknown>)[id];
    if (typeof v === 'boolean') policy[id] = v;
  }
  return policy;
}

export async function tenantBaseline(db: Queryable, tenantId: string): Promise<SavedBaseline | null> {
  const [row] = await db.query<{ policy: unknown; saved_by_name: string; saved_at: Date | string }>(
    'SELECT policy, saved_by_name, saved_at FROM report_baselines WHERE tenant_id = $1',
    [tenantId],
  );
  if (!row) return null;
  return {
    id: `tenant:${tenantId}`,
    name: 'Tenant baseline',
    policy: cleanPolicy(row.policy),
    tenantId,
    savedBy: row.saved_by_name,
    savedAt: new Date(row.saved_at).toISOString(),
  };
}

/** Resolves a report's baseline per tenant; tenants' saved baselines are read once each. */
export function baselineResolver(db: Queryable, id: BaselineId): (tenantId: string) => Promise<Baseline | null> {
  if (id === 'never-extractable') return async () => NEVER_EXTRACTABLE;
  const cache = new Map<string, Promise<Baseline | null>>();
  return (tenantId) => {
    let found = cache.get(tenantId);
    if (!found) {
      found = tenantBaseline(db, tenantId);
      cache.set(tenantId, found);
    }
    return found;
  };
}

/**
 * Saves the actor's tenant's baseline (required value per policy; absent = either). A security
 * officer's setting: the upsert and its audit row share one transaction.
 */
export async function saveBaseline(
  ctx: AppContext,
  actor: Actor,
  input: { policy: Partial<PartitionPolicy> },
): Promise<Result<SavedBaseline>> {
  if (!actor.tenantId) {
    await logSecurityEvent(ctx.db, { actor, action: 'baseline.save', reason: 'refused: a baseline belongs to one tenant' });
    return fail('forbidden', 'A baseline belongs to one tenant: only a tenant user can save it.');
  }
  const policy = cleanPolicy(input.policy);
  if (Object.keys(policy).length === 0) {
    return fail('invalid', 'Require at least one policy value.', { fieldErrors: { form: ['Require at least one policy value.'] } });
  }
  const tenantId = actor.tenantId;
  await ctx.db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO report_baselines (tenant_id, policy, saved_by, saved_by_name, saved_at) VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (tenant_id) DO UPDATE SET policy = EXCLUDED.policy, saved_by = EXCLUDED.saved_by,
         saved_by_name = EXCLUDED.saved_by_name, saved_at = EXCLUDED.saved_at`,
      [tenantId, JSON.stringify(policy), actor.userId, actor.name],
    );
    await writeReportAudit(tx, { action: 'baseline.save', actor, tenantId, detail: JSON.stringify(policy) });
  });
  const saved = await tenantBaseline(ctx.db, tenantId);
  return saved ? ok(saved) : fail('failed', 'The baseline was not saved.');
}
