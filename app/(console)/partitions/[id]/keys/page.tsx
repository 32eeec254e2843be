import type { Metadata } from 'next';
import { notFound, redirect } from 'next/navigation';
import { currentActor } from '@/lib/auth/current';
import { can } from '@/lib/auth/permissions';
import { getContext } from '@/lib/context';
import { inventoryFilterSchema } from '@/lib/schemas/inventory-filter';
import { keyInventory } from '@/lib/services/inventory';
import { InventoryFilters } from '@/components/inventory/inventory-filters';
import { InventoryTable } from '@/components/inventory/inventory-table';

export const metadata: Metadata = { title: 'Key inventory' };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[]>> };

export default async function KeysPage({ params, searchParams }: Props) {
  const actor = await currentActor();
  if (!actor) redirect('/login');
  // Support never sees key labels or attributes (DOMAIN.md): the tab does not exist for them.
  if (!can(actor.role, 'keys.metadata')) notFound();
  const filter = inventoryFilterSchema.parse(await searchParams);
  const inventory = await keyInventory(await getContext(), actor, decodeURIComponent((await params).id), filter);
  if (!inventory) notFound();
  const filtered = Boolean(filter.type || filter.blockedBy);
  return (
    <section aria-labelledby="keys-heading" className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h2 id="keys-heading" className="text-lg font-semibold">
            Key inventory
          </h2>
          <p className="text-sm text-slate-600" data-testid="inventory-count">
            {filtered ? `${inventory.rows.length} of ` : ''}
            {inventory.total} live key objects
            {inventory.listed < inventory.total ? ` (newest ${inventory.listed} listed)` : ''}. What each key can do now
            follows from the partition&apos;s policies and the key&apos;s attributes.
          </p>
        </div>
        <InventoryFilters type={filter.type} blockedBy={filter.blockedBy} />
      </div>
      <InventoryTable rows={inventory.rows} />
    </section>
  );
}
