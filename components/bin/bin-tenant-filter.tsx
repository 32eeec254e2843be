import type { Tenant } from '@/lib/hsm/types';

/** For provider-side roles: narrow the bin overview to one tenant (a plain GET form, works without JavaScript). */
export function BinTenantFilter({ tenants, tenant }: { tenants: Tenant[]; tenant: string }) {
  return (
    <form method="get" action="/bin" className="flex items-end gap-2 text-sm">
      <div>
        <label htmlFor="bin-tenant" className="block font-medium">
          Tenant
        </label>
        <select id="bin-tenant" name="tenant" defaultValue={tenant} className="mt-1 rounded-md border border-slate-300 bg-white px-3 py-2">
          <option value="">All tenants</option>
          {tenants.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-2 hover:bg-slate-50">
        Show
      </button>
    </form>
  );
}
