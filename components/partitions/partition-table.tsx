'use client';

// A client component on purpose: the page then sends its 50 rows once as data in the RSC payload and
// renders them to HTML, instead of serialising the whole server-rendered table into the payload too
// (at 10,000 partitions this cut the list's server time by about a quarter: docs/PERFORMANCE.md).
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import type { MouseEvent, SyntheticEvent } from 'react';
import type { PartitionSort, PartitionSummary } from '@/lib/hsm/types';
import { SERVICE_PACKAGE_LABELS, type ServicePackage } from '@/lib/policy';
import { Badge } from '@/components/ui/badge';
import { CapacityBar } from '@/components/ui/capacity-bar';
import { listHref, type ListState } from './list-state';

const COLUMNS: { sort: PartitionSort; label: string; numeric?: boolean; tenantOnly?: boolean }[] = [
  { sort: 'name', label: 'Partition' },
  { sort: 'tenant', label: 'Tenant', tenantOnly: true },
  { sort: 'package', label: 'Package' },
  { sort: 'status', label: 'Status' },
  { sort: 'keys', label: 'Keys', numeric: true },
  { sort: 'bin', label: 'In bin', numeric: true },
  { sort: 'usage', label: 'Capacity' },
];

function SortHeader({ column, state }: { column: (typeof COLUMNS)[number]; state: ListState }) {
  const active = state.sort === column.sort;
  const dir = active && state.dir === 'asc' ? 'desc' : 'asc';
  return (
    <th
      scope="col"
      aria-sort={active ? (state.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
      className={`px-3 py-2 text-xs font-semibold uppercase tracking-wide text-slate-600 ${column.numeric ? 'text-right' : 'text-left'}`}
    >
      <Link href={listHref({ ...state, sort: column.sort, dir })} className="inline-flex items-center gap-1 hover:text-brand-700">
        {column.label}
        <span aria-hidden="true">{active ? (state.dir === 'asc' ? '▲' : '▼') : '↕'}</span>
      </Link>
    </th>
  );
}

/**
 * The row link an event is for, if it is one this table navigates to itself: the link itself, or the
 * link of the row whose other cells the event reached (the whole row is highlighted as one target). A
 * cell's own link or control, if it had one, keeps its event.
 */
function rowLink(event: SyntheticEvent<HTMLElement>): HTMLAnchorElement | null {
  const target = event.target as HTMLElement;
  const link =
    target.closest<HTMLAnchorElement>('a[data-row-link]') ??
    (target.closest('a, button, input, select, textarea, summary, label') ? null : target.closest('tr')?.querySelector<HTMLAnchorElement>('a[data-row-link]'));
  return link && link.origin === window.location.origin ? link : null;
}

/** True while the user has selected text (to copy an ID, say): a click that ends a selection is not a navigation. */
function selecting(): boolean {
  return (window.getSelection()?.toString() ?? '') !== '';
}

/**
 * The rows link with plain anchors and one handler on the table body, not a next/link per row: 50
 * Link components were ~10% of the list's server render, and each prefetched its partition page as it
 * scrolled into view (up to 50 server renders per list view, for one click). A plain left click (or
 * Enter) still navigates inside the app, a modified click opens a tab as usual, and a row's page is
 * prefetched only when the pointer or focus reaches its row. A plain click anywhere on the row opens it.
 */
function useRowNavigation() {
  const router = useRouter();
  return {
    onClick(event: MouseEvent<HTMLElement>) {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const link = rowLink(event);
      if (!link || (event.target !== link && !link.contains(event.target as Node) && selecting())) return;
      event.preventDefault();
      router.push(`${link.pathname}${link.search}`);
    },
    onPrefetch(event: SyntheticEvent<HTMLElement>) {
      const link = rowLink(event);
      if (link) router.prefetch(`${link.pathname}${link.search}`);
    },
  };
}

export function PartitionTable({
  partitions,
  state,
  showTenant,
}: {
  partitions: PartitionSummary[];
  state: ListState;
  showTenant: boolean;
}) {
  const columns = COLUMNS.filter((c) => showTenant || !c.tenantOnly);
  const navigation = useRowNavigation();
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
      <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="partition-table">
        <caption className="sr-only">Partitions, sortable by each column</caption>
        <thead className="bg-slate-50">
          <tr>
            {columns.map((column) => (
              <SortHeader key={column.sort} column={column} state={state} />
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100" onClick={navigation.onClick} onPointerOver={navigation.onPrefetch} onFocus={navigation.onPrefetch}>
          {partitions.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className="px-3 py-8 text-center text-slate-600">
                No partitions match.
              </td>
            </tr>
          ) : null}
          {partitions.map((p) => (
            <tr key={p.id} className="cursor-pointer hover:bg-slate-50" data-testid={`partition-row-${p.id}`}>
              <td className="px-3 py-2">
                <a href={`/partitions/${encodeURIComponent(p.id)}`} data-row-link="" className="font-medium text-brand-700 hover:underline">
                  {p.name}
                </a>
                <div className="font-mono text-xs text-slate-500">{p.id}</div>
              </td>
              {showTenant ? <td className="px-3 py-2">{p.tenantName}</td> : null}
              <td className="px-3 py-2">{SERVICE_PACKAGE_LABELS[p.servicePackage as ServicePackage] ?? p.servicePackage}</td>
              <td className="px-3 py-2">
                <div className="flex flex-wrap gap-1">
                  {p.online ? <Badge tone="green">● Online</Badge> : <Badge tone="red">■ Offline</Badge>}
                  {p.readOnly ? <Badge tone="amber">Read-only</Badge> : null}
                </div>
              </td>
              <td className="px-3 py-2 text-right tabular-nums">{p.keyCount}</td>
              <td className="px-3 py-2 text-right tabular-nums">{p.binCount}</td>
              <td className="px-3 py-2">
                <CapacityBar used={p.capacity.usedObjects} total={p.capacity.objects} label={`Capacity used by ${p.name}`} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
