import type { Tenant } from '@/lib/hsm/types';
import { SEARCH_MAX_LENGTH } from '@/lib/schemas/partition-query';

type Props = { query: string; tenant: string; tenants: Tenant[]; sort: string; dir: string };

/** A plain GET form: search and tenant filter travel in the URL and are applied at the backend. */
export function PartitionSearch({ query, tenant, tenants, sort, dir }: Props) {
  return (
    <form role="search" action="/partitions" className="flex flex-wrap items-end gap-2">
      <div>
        <label htmlFor="partition-search" className="block text-xs font-medium text-slate-600">
          Search name, tenant or ID
        </label>
        <input
          id="partition-search"
          name="q"
          type="search"
          maxLength={SEARCH_MAX_LENGTH}
          defaultValue={query}
          className="mt-1 w-64 rounded-md border border-slate-300 px-3 py-1.5 text-sm"
        />
      </div>
      {tenants.length > 0 ? (
        <div>
          <label htmlFor="tenant-filter" className="block text-xs font-medium text-slate-600">
            Tenant
          </label>
          <select
            id="tenant-filter"
            name="tenant"
            defaultValue={tenant}
            className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
          >
            <option value="">All tenants</option>
            {tenants.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {sort !== 'name' ? <input type="hidden" name="sort" value={sort} /> : null}
      {dir !== 'asc' ? <input type="hidden" name="dir" value={dir} /> : null}
      <button type="submit" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
        Search
      </button>
    </form>
  );
}
