import type { Metadata } from 'next';
import { notFound, redirect } from 'next/navigation';
import { currentActor } from '@/lib/auth/current';
import { can } from '@/lib/auth/permissions';
import { PolicyCards } from '@/components/policy/policy-cards';
import { requestPartitionView } from './view';

export const metadata: Metadata = { title: 'Partition policies' };

export default async function PartitionPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await currentActor();
  if (!actor) redirect('/login');
  const view = await requestPartitionView(decodeURIComponent((await params).id));
  if (!view) notFound();
  return (
    <section aria-labelledby="policies-heading" className="space-y-3">
      <h2 id="policies-heading" className="text-lg font-semibold">
        Security policies
      </h2>
      {!can(actor.role, 'policy.read') ? (
        <p className="text-sm text-slate-600">Provider support sees the partition&apos;s status only.</p>
      ) : null}
      <PolicyCards initial={view} />
    </section>
  );
}
