import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { currentActor } from '@/lib/auth/current';
import { can } from '@/lib/auth/permissions';
import { SERVICE_PACKAGE_LABELS, type ServicePackage } from '@/lib/policy';
import { Badge } from '@/components/ui/badge';
import { OfflineBanner } from '@/components/partitions/offline-banner';
import { PartitionTabs } from '@/components/partitions/partition-tabs';
import { requestPartitionView } from './view';

export default async function PartitionLayout({ children, params }: { children: ReactNode; params: Promise<{ id: string }> }) {
  const actor = await currentActor();
  if (!actor) redirect('/login');
  const { id } = await params;
  const view = await requestPartitionView(decodeURIComponent(id));
  if (!view) notFound();
  const { partition } = view;
  return (
    <div className="space-y-5">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-600">
        <Link href="/partitions" className="hover:text-brand-700">
          Partitions
        </Link>{' '}
        / <span className="text-slate-900">{partition.name}</span>
      </nav>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold" data-testid="partition-name">
            {partition.name}
          </h1>
          <p className="mt-1 text-sm text-slate-600">
            {partition.tenantName} · {SERVICE_PACKAGE_LABELS[partition.servicePackage as ServicePackage] ?? partition.servicePackage} ·{' '}
            <span className="font-mono">{partition.id}</span>
          </p>
        </div>
        <div className="flex flex-wrap gap-2" data-testid="partition-status">
          {partition.online ? <Badge tone="green">● Online</Badge> : <Badge tone="red">■ Offline</Badge>}
          {partition.readOnly ? <Badge tone="amber">Read-only</Badge> : null}
          <Badge tone="slate">
            {partition.keyCount} keys · {partition.binCount} in bin
          </Badge>
        </div>
      </div>
      {view.offline ? <OfflineBanner notice={view.offline} /> : null}
      <PartitionTabs id={partition.id} showKeys={can(actor.role, 'keys.metadata')} />
      {children}
    </div>
  );
}
