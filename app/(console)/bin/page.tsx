import type { Metadata } from 'next';
import { notFound, redirect } from 'next/navigation';
import { z } from 'zod';
import { currentActor } from '@/lib/auth/current';
import { getContext } from '@/lib/context';
import { BIN_WARNING_SHARE, tenantBinView } from '@/lib/services/bin';
import { BinHistory } from '@/components/bin/bin-history';
import { BinPager } from '@/components/bin/bin-pager';
import { BinTable } from '@/components/bin/bin-table';
import { BinTenantFilter } from '@/components/bin/bin-tenant-filter';
import { BinTotalsTable } from '@/components/bin/bin-totals-table';
import { formatBytes } from '@/components/bin/format';

export const metadata: Metadata = { title: 'Key bin' };

const Query = z.object({
  cursor: z.string().max(400).optional().catch(undefined),
  tenant: z.string().max(64).optional().catch(undefined),
});

export default async function BinPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const actor = await currentActor();
  if (!actor) redirect('/login');
  const query = Query.parse(await searchParams);
  const ctx = await getContext();
  const allTenants = actor.tenantId === null;
  const tenant = allTenants ? query.tenant || null : actor.tenantId;
  const [view, tenants] = await Promise.all([
    tenantBinView(ctx, actor, { tenantId: tenant, cursor: query.cursor ?? null }),
    allTenants ? ctx.hsm.admin.listTenants() : Promise.resolve([]),
  ]);
  if (!view) notFound();
  const withKeys = view.totals.filter((t) => t.objects > 0);
  const objects = withKeys.reduce((sum, t) => sum + t.objects, 0);
  const bytes = withKeys.reduce((sum, t) => sum + t.bytes, 0);
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Key bin</h1>
          <p className="text-sm text-slate-600" data-testid="bin-overview">
            {objects} {objects === 1 ? 'key object' : 'key objects'} ({formatBytes(bytes)}) in the bins of {withKeys.length}{' '}
            {withKeys.length === 1 ? 'partition' : 'partitions'}
            {allTenants ? (tenant ? ` of ${tenants.find((t) => t.id === tenant)?.name ?? tenant}` : ', all tenants') : ''}.
          </p>
        </div>
        {allTenants ? <BinTenantFilter tenants={tenants} tenant={tenant ?? ''} /> : null}
      </div>
      <p role="note" className="rounded-lg border border-brand-100 bg-brand-50 px-3 py-2 text-sm text-brand-900">
        <span aria-hidden="true">ℹ </span>
        Restore and purge are administrative acts: they work while a partition is read-only or offline. A bin holding more than{' '}
        {Math.round(BIN_WARNING_SHARE * 100)}% of its partition&apos;s capacity is flagged.
      </p>
      <section aria-labelledby="bin-totals-heading" className="space-y-2">
        <h2 id="bin-totals-heading" className="text-lg font-semibold">
          Bins by partition
        </h2>
        <BinTotalsTable totals={withKeys} showTenant={allTenants} warningShare={BIN_WARNING_SHARE} />
      </section>
      {view.keys ? (
        <section aria-labelledby="bin-keys-heading" className="space-y-2">
          <h2 id="bin-keys-heading" className="text-lg font-semibold">
            Keys in the bin
          </h2>
          {!view.canManage ? (
            <p className="text-sm text-slate-600" data-testid="bin-read-only">
              <span aria-hidden="true">🔒 </span>Read-only: only a security officer can restore or purge keys.
            </p>
          ) : null}
          <BinTable keys={view.keys.items} canManage={view.canManage} showPartition />
          <BinPager path="/bin" nextCursor={view.keys.nextCursor} prevCursor={view.keys.prevCursor} extra={tenant && allTenants ? { tenant } : {}} />
        </section>
      ) : (
        <p className="text-sm text-slate-600" data-testid="bin-counts-only">
          Provider support sees the bins&apos; counts and sizes only, never key labels.
        </p>
      )}
      {view.history ? <BinHistory entries={view.history} showPartition /> : null}
    </div>
  );
}
