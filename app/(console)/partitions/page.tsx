import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { currentActor } from '@/lib/auth/current';
import { can } from '@/lib/auth/permissions';
import { getContext } from '@/lib/context';
import { partitionQuerySchema } from '@/lib/schemas/partition-query';
import { listPartitions } from '@/lib/services/partitions';
import { PartitionSearch } from '@/components/partitions/partition-search';
import { PartitionTable } from '@/components/partitions/partition-table';
import { Pager } from '@/components/partitions/pager';

export const metadata: Metadata = { title: 'Partitions' };

const PAGE_SIZE = 50;

export default async function PartitionsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const actor = await currentActor();
  if (!actor || !can(actor.role, 'partition.list')) redirect('/login');
  const params = partitionQuerySchema.parse(await searchParams);
  const ctx = await getContext();
  const sort = params.sort ?? 'name';
  const dir = params.dir ?? 'asc';
  const [page, tenants] = await Promise.all([
    listPartitions(ctx, actor, { search: params.q, sort, dir, cursor: params.cursor, tenantId: params.tenant, limit: PAGE_SIZE }),
    actor.tenantId === null ? ctx.hsm.admin.listTenants() : Promise.resolve([]),
  ]);
  const state = { q: params.q, sort, dir, tenant: params.tenant } as const;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Partitions</h1>
          <p className="text-sm text-slate-600" data-testid="partition-total">
            {page.total} {page.total === 1 ? 'partition' : 'partitions'}
            {params.q ? ` matching “${params.q}”` : ''}
          </p>
        </div>
        <PartitionSearch query={params.q ?? ''} tenant={params.tenant ?? ''} tenants={tenants} sort={sort} dir={dir} />
      </div>
      <PartitionTable partitions={page.items} state={state} showTenant={actor.tenantId === null} />
      <Pager state={state} nextCursor={page.nextCursor} prevCursor={page.prevCursor} />
    </div>
  );
}
