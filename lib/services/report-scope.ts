import type { AppContext } from '@/lib/context';
import { canSeeTenant, type Actor } from '@/lib/auth/roles';
import type { PartitionQuery } from '@/lib/hsm/types';
import type { ReportScope } from '@/lib/reports/types';
import { findVisiblePartition } from './partitions';
import { fail, ok, type Result } from './result';
import { logSecurityEvent } from './security-log';

export type ResolvedScope = {
  scope: ReportScope;
  /** The backend query, narrowed to the actor's tenant when the actor has one. */
  query: Pick<PartitionQuery, 'tenantId' | 'ids'>;
  label: string;
  /** The one tenant covered (who may see the report), or null when it spans tenants. */
  tenantId: string | null;
};

/**
 * Checks a report's scope against what the actor may see: a tenant user reports on its own tenant
 * only, and a chosen partition outside the actor's scope is refused as if it did not exist.
 */
export async function resolveScope(ctx: AppContext, actor: Actor, scope: ReportScope): Promise<Result<ResolvedScope>> {
  const tenants = await ctx.hsm.admin.listTenants();
  const tenantName = (id: string) => tenants.find((t) => t.id === id)?.name ?? id;
  if (scope.kind === 'all') {
    return ok({
      scope,
      query: { tenantId: actor.tenantId },
      label: actor.tenantId ? `All partitions of ${tenantName(actor.tenantId)}` : 'All partitions of all tenants',
      tenantId: actor.tenantId,
    });
  }
  if (scope.kind === 'tenant') {
    if (!canSeeTenant(actor, scope.tenantId) || !tenants.some((t) => t.id === scope.tenantId)) {
      await logSecurityEvent(ctx.db, { actor, action: 'report.create', target: `tenant:${scope.tenantId}`, reason: 'tenant not found or outside scope' });
      return fail('not-found', 'No such tenant.');
    }
    return ok({ scope, query: { tenantId: scope.tenantId }, label: `Tenant ${tenantName(scope.tenantId)}`, tenantId: scope.tenantId });
  }
  const partitions = [];
  for (const id of new Set(scope.partitionIds)) {
    const partition = await findVisiblePartition(ctx, actor, id);
    if (!partition) {
      await logSecurityEvent(ctx.db, { actor, action: 'report.create', target: id, reason: 'partition not found or outside scope' });
      return fail('not-found', `No such partition: ${id}.`, { fieldErrors: { partitionIds: [`No such partition: ${id}.`] } });
    }
    partitions.push(partition);
  }
  const tenantIds = new Set(partitions.map((p) => p.tenantId));
  const only = tenantIds.size === 1 ? [...tenantIds][0] : undefined;
  const names = partitions.map((p) => p.name);
  const label =
    names.length <= 3 ? `Partitions ${names.join(', ')}` : `${names.length} chosen partitions (${names.slice(0, 2).join(', ')}, …)`;
  return ok({
    scope: { kind: 'partitions', partitionIds: partitions.map((p) => p.id) },
    query: { tenantId: actor.tenantId, ids: partitions.map((p) => p.id) },
    label: only ? `${label} of ${tenantName(only)}` : label,
    tenantId: only ?? actor.tenantId,
  });
}
