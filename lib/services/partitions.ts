import type { AppContext } from '@/lib/context';
import { can } from '@/lib/auth/permissions';
import { canSeeTenant, type Actor } from '@/lib/auth/roles';
import type { Page, PartitionDetail, PartitionQuery, PartitionSummary } from '@/lib/hsm/types';
import {
  impactOf,
  needsReason,
  needsTypedName,
  POLICY_IDS,
  riskOf,
  warningFor,
  type ImpactLine,
  type PartitionPolicy,
  type PolicyId,
  type RiskClass,
} from '@/lib/policy';
import { listAudit } from './audit';

/** Partitions the actor may see, paged at the backend. Tenant users only ever query their own tenant. */
export async function listPartitions(
  ctx: AppContext,
  actor: Actor,
  query: Omit<PartitionQuery, 'tenantId'> & { tenantId?: string | null },
): Promise<Page<PartitionSummary>> {
  const tenantId = actor.tenantId ?? (query.tenantId || null);
  return ctx.hsm.admin.listPartitions({ ...query, tenantId });
}

/** A partition the actor may see, or null: a foreign partition looks exactly like a missing one. */
export async function findVisiblePartition(ctx: AppContext, actor: Actor, id: string): Promise<PartitionDetail | null> {
  const partition = await ctx.hsm.admin.getPartition(id);
  if (!partition || !canSeeTenant(actor, partition.tenantId)) return null;
  return partition;
}

export type PolicyCardView = {
  policy: PolicyId;
  value: boolean;
  /** What flipping this switch would do, and what the user must confirm. */
  change: {
    to: boolean;
    risk: RiskClass;
    warning: { title: string; body: string } | null;
    impact: ImpactLine[];
    needsReason: boolean;
    needsTypedName: boolean;
    needsTicket: boolean;
    /** Why this user may not make the change, or null. */
    blockedBecause: string | null;
  };
};

export type OfflineNotice = { since: string; by: string; role: string; reason: string | null; ticket: string | null };

/** The partition as the page sees it: a role without `policy.read` (support) gets Client API Access only. */
export type VisiblePartition = Omit<PartitionDetail, 'policy'> & { policy: Partial<PartitionPolicy> };

export type PartitionView = {
  partition: VisiblePartition;
  cards: PolicyCardView[];
  offline: OfflineNotice | null;
};

/** What a role may see of a partition's policies: everything with `policy.read`, else the online switch. */
export function visiblePolicy(actor: Actor, policy: PartitionPolicy): Partial<PartitionPolicy> {
  return can(actor.role, 'policy.read') ? policy : { clientApiAccess: policy.clientApiAccess };
}

export function changeBlockedBecause(actor: Actor, policy: PolicyId, risk: RiskClass): string | null {
  if (policy === 'clientApiAccess') {
    return can(actor.role, 'partition.offline')
      ? null
      : 'Only a security officer or provider support can take a partition offline or bring it online.';
  }
  if (!can(actor.role, 'policy.change.safe')) return 'Your role can read policies but not change them.';
  if (risk !== 'safe' && !can(actor.role, 'policy.change.unsafe')) {
    return 'This change needs a security officer.';
  }
  return null;
}

/** Everything the partition page shows, computed from the policy model over the live key profile. */
export async function partitionView(ctx: AppContext, actor: Actor, id: string): Promise<PartitionView | null> {
  const partition = await findVisiblePartition(ctx, actor, id);
  if (!partition) return null;
  const showPolicies = can(actor.role, 'policy.read');
  const profile = await ctx.hsm.admin.keyProfile(id);
  const ids = showPolicies ? POLICY_IDS : (['clientApiAccess'] as const);
  const cards = ids.map((policy): PolicyCardView => {
    const value = partition.policy[policy];
    const to = !value;
    const risk = riskOf(policy, value, to);
    return {
      policy,
      value,
      change: {
        to,
        risk,
        warning: warningFor(policy, risk),
        impact: impactOf(partition.policy, policy, to, profile),
        needsReason: needsReason(policy, value, to),
        needsTypedName: needsTypedName(risk),
        needsTicket: policy === 'clientApiAccess' && actor.role === 'support',
        blockedBecause: changeBlockedBecause(actor, policy, risk),
      },
    };
  });
  return {
    partition: { ...partition, policy: visiblePolicy(actor, partition.policy) },
    cards,
    offline: partition.online ? null : await offlineNotice(ctx, partition),
  };
}

async function offlineNotice(ctx: AppContext, partition: PartitionDetail): Promise<OfflineNotice> {
  const [last] = await listAudit(ctx.db, { partitionId: partition.id, policies: ['clientApiAccess'], limit: 10 }).then(
    (entries) => entries.filter((e) => e.outcome === 'applied' && e.after === false),
  );
  if (last) {
    return { since: last.at, by: last.actorName, role: last.actorRole, reason: last.reason, ticket: last.ticket };
  }
  const log = await ctx.hsm.admin.policyLog(partition.id, 0);
  const change = log.filter((c) => c.policy === 'clientApiAccess' && !c.to).pop();
  return {
    since: change?.at ?? partition.updatedAt,
    by: 'outside the console',
    role: change?.actor ?? 'unknown',
    reason: null,
    ticket: null,
  };
}
