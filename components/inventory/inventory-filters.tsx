import { KEY_ATTRIBUTE_IDS, POLICY_CATALOG } from '@/lib/policy';

const ATTRIBUTE_LABELS: Record<(typeof KEY_ATTRIBUTE_IDS)[number], string> = {
  extractable: 'not extractable',
  sensitive: 'sensitive',
  modifiable: 'not modifiable',
  destroyable: 'not destroyable',
  alwaysSensitive: 'always sensitive',
  neverExtractable: 'never extractable',
};

export function InventoryFilters({ type, blockedBy }: { type?: string; blockedBy?: string }) {
  const select = 'mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm';
  return (
    <form className="flex flex-wrap items-end gap-2" aria-label="Filter keys">
      <div>
        <label htmlFor="filter-type" className="block text-xs font-medium text-slate-600">
          Type
        </label>
        <select id="filter-type" name="type" defaultValue={type ?? ''} className={select}>
          <option value="">All types</option>
          <option value="AES">AES</option>
          <option value="EC">EC</option>
          <option value="RSA">RSA</option>
        </select>
      </div>
      <div>
        <label htmlFor="filter-blocked" className="block text-xs font-medium text-slate-600">
          Blocked by
        </label>
        <select id="filter-blocked" name="blockedBy" defaultValue={blockedBy ?? ''} className={select}>
          <option value="">Anything or nothing</option>
          <optgroup label="Policy">
            {POLICY_CATALOG.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </optgroup>
          <optgroup label="Key attribute">
            {(['extractable', 'sensitive', 'modifiable', 'destroyable'] as const).map((a) => (
              <option key={a} value={a}>
                Key is {ATTRIBUTE_LABELS[a]}
              </option>
            ))}
          </optgroup>
        </select>
      </div>
      <button type="submit" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
        Filter
      </button>
    </form>
  );
}
