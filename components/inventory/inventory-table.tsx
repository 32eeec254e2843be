import type { InventoryRow, OperationFamily } from '@/lib/services/inventory';
import { OPERATION_FAMILIES } from '@/lib/services/inventory';
import { formatTime } from '@/components/format';
import { PossibleCell } from './possible-cell';

const FAMILY_LABELS: Record<OperationFamily, string> = { use: 'Use', export: 'Export', wrap: 'Wrap', delete: 'Delete' };

const ATTRIBUTES = [
  ['extractable', 'extractable'],
  ['sensitive', 'sensitive'],
  ['modifiable', 'modifiable'],
  ['destroyable', 'destroyable'],
  ['alwaysSensitive', 'always sensitive'],
  ['neverExtractable', 'never extractable'],
] as const;

export function InventoryTable({ rows }: { rows: InventoryRow[] }) {
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
      <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="inventory-table">
        <caption className="sr-only">Key objects and whether each operation is possible now</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2">Label</th>
            <th scope="col" className="px-3 py-2">Type</th>
            <th scope="col" className="px-3 py-2">Attributes</th>
            <th scope="col" className="px-3 py-2">Created</th>
            {OPERATION_FAMILIES.map((family) => (
              <th key={family} scope="col" className="px-2 py-2 text-center">
                {FAMILY_LABELS[family]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.length === 0 ? (
            <tr>
              <td colSpan={4 + OPERATION_FAMILIES.length} className="px-3 py-8 text-center text-slate-600">
                No keys match.
              </td>
            </tr>
          ) : null}
          {rows.map((row) => (
            <tr key={row.id} data-testid={`key-row-${row.label}-${row.attributes.keyClass}`}>
              <th scope="row" className="px-3 py-2 text-left font-medium">
                {row.label}
                <div className="font-mono text-xs font-normal text-slate-500">{row.id}</div>
              </th>
              <td className="whitespace-nowrap px-3 py-2">
                {row.type}-{row.size}
                <div className="text-xs text-slate-500">{row.attributes.keyClass}</div>
              </td>
              <td className="px-3 py-2">
                <ul className="flex max-w-xs flex-wrap gap-1" aria-label="Attributes">
                  {ATTRIBUTES.map(([id, label]) => (
                    <li
                      key={id}
                      className={`rounded px-1.5 py-0.5 text-xs ${row.attributes[id] ? 'bg-brand-50 text-brand-900' : 'bg-slate-100 text-slate-700 line-through'}`}
                    >
                      <span className="sr-only">{row.attributes[id] ? '' : 'not '}</span>
                      {label}
                    </li>
                  ))}
                </ul>
              </td>
              <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">{formatTime(row.createdAt)}</td>
              {OPERATION_FAMILIES.map((family) => (
                <td key={family} className="px-2 py-2 text-center">
                  <PossibleCell family={FAMILY_LABELS[family]} possibility={row.possible[family]} testId={`possible-${family}`} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
