import type { Metadata } from 'next';
import { notFound, redirect } from 'next/navigation';
import { currentActor } from '@/lib/auth/current';
import { can } from '@/lib/auth/permissions';
import { getContext } from '@/lib/context';
import { listAudit } from '@/lib/services/audit';
import { findVisiblePartition } from '@/lib/services/partitions';
import { AuditTable } from '@/components/audit/audit-table';
import { ChainStatusNote } from '@/components/audit/chain-status';
import { verifyChain } from '@/lib/audit/verify';

export const metadata: Metadata = { title: 'Partition audit' };

export default async function PartitionAuditPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await currentActor();
  if (!actor) redirect('/login');
  if (!can(actor.role, 'audit.read')) notFound();
  const ctx = await getContext();
  const partition = await findVisiblePartition(ctx, actor, decodeURIComponent((await params).id));
  if (!partition) notFound();
  // Support sees the partition's status history only (offline / online), nothing about other policies.
  const policies = can(actor.role, 'policy.read') ? undefined : (['clientApiAccess'] as const);
  const [entries, chain] = await Promise.all([listAudit(ctx.db, { partitionId: partition.id, policies }), verifyChain(ctx.db, partition.id)]);
  return (
    <section aria-labelledby="audit-heading" className="space-y-3">
      <h2 id="audit-heading" className="text-lg font-semibold">
        Change history
      </h2>
      <p className="text-sm text-slate-600">
        Every change made through the console, newest first. Times are in UTC with their offset.
      </p>
      <ChainStatusNote status={chain} />
      <AuditTable entries={entries} />
    </section>
  );
}
